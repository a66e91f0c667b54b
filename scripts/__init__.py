"""Hardening scripts (fuzzing, crash safety, concurrency): run as `python scripts/NAME.py`."""
