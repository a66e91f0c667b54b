"""Saving the settings and the SMTP password off the GUI thread, and the passwords the keyring
could not keep (held in memory for one window's life, never written anywhere)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.secrets import SMTP_PASSWORD, SecretStore, SecretsUnavailable
from app.settings import Settings, save_settings, split_password

SESSION_SECRETS = "session-secrets"


class SessionSecrets(QObject):
    """Secrets the keyring could not keep: in memory, for the life of one window, never written."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName(SESSION_SECRETS)
        self._values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self._values.get(name)

    def set(self, name: str, secret: str) -> None:
        self._values[name] = secret

    def discard(self, name: str) -> None:
        self._values.pop(name, None)


def session_secrets(widget: QWidget) -> SessionSecrets:
    """The window's session secrets (one per main window, shared by its pages)."""
    top = widget.window()
    found = top.findChild(SessionSecrets, SESSION_SECRETS)
    return found if isinstance(found, SessionSecrets) else SessionSecrets(top)


@dataclass(frozen=True, slots=True, kw_only=True)
class Saved:
    """What a save did with the passwords (the settings file itself was written)."""

    database_password: bool
    """A password was in the database URL; it went to the keyring unless `database_problem`."""
    database_problem: str | None
    smtp_password: bool
    """A new SMTP password was typed; it went to the keyring unless `smtp_problem`."""
    smtp_problem: str | None


def store_settings(settings: Settings, smtp_password: str, secrets: SecretStore) -> Saved:
    """Writes the settings file (atomically, without passwords) and the passwords to the
    keyring. Runs off the GUI thread: the keyring may take seconds, or ask the user."""
    database_problem = None
    try:
        save_settings(settings)
    except SecretsUnavailable as exc:
        database_problem = str(exc)
    smtp_problem = None
    if smtp_password:
        try:
            secrets.set(SMTP_PASSWORD, smtp_password)
        except SecretsUnavailable as exc:
            smtp_problem = str(exc)
    return Saved(
        database_password=split_password(settings.database_url)[1] is not None,
        database_problem=database_problem,
        smtp_password=bool(smtp_password),
        smtp_problem=smtp_problem,
    )


def smtp_password_saved(secrets: SecretStore) -> bool:
    """Whether the keyring holds an SMTP password (the password itself stays in the worker)."""
    return secrets.get(SMTP_PASSWORD) is not None


def forget_smtp_password(secrets: SecretStore) -> None:
    secrets.delete(SMTP_PASSWORD)
