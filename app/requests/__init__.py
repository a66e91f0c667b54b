"""Renewal and support-pack requests: composed, sent or saved, recorded."""
