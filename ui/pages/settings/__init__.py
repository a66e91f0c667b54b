"""The Settings page (`SettingsPage`) with its Trusted keys and Clock sections, and the window's
session secrets (passwords the keyring could not keep), which the Requests page uses too."""

from ui.pages.settings.page import SettingsPage, database_url_from
from ui.pages.settings.saving import SessionSecrets, session_secrets

__all__ = ["SessionSecrets", "SettingsPage", "database_url_from", "session_secrets"]
