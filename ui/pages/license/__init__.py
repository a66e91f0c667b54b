"""The Licenses page (`LicensePage`)."""

from ui.pages.license.page import LicensePage

__all__ = ["LicensePage"]
