"""Secrets (SMTP and database passwords) live in the OS keyring, never in files or logs.

A headless Linux server often has no keyring backend: then `SecretsUnavailable` says so in words
a person understands, and the caller keeps working without saving the secret.
"""

from __future__ import annotations

import contextlib

SERVICE = "EntitlementConsole"
SMTP_PASSWORD = "smtp-password"


def database_secret_name(url_without_password: str) -> str:
    return f"database:{url_without_password}"


class SecretsUnavailable(Exception):
    """The OS offers no keyring: the secret cannot be stored (it may still be used once)."""


_NO_KEYRING = (
    "this system has no keyring service, so the password cannot be saved; it is used for this "
    "session only (on a Linux server, install and unlock a Secret Service such as "
    "gnome-keyring, or use a PGPASSFILE for the database)"
)


class SecretStore:
    """A small interface over `keyring`; tests install keyring's in-memory or null backend."""

    def __init__(self, service: str = SERVICE) -> None:
        self.service = service

    def get(self, name: str) -> str | None:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(self.service, name)
        except KeyringError:
            return None

    def set(self, name: str, secret: str) -> None:
        import keyring
        from keyring.errors import KeyringError, NoKeyringError, PasswordSetError

        try:
            keyring.set_password(self.service, name, secret)
        except NoKeyringError:
            raise SecretsUnavailable(_NO_KEYRING) from None
        except (PasswordSetError, KeyringError) as exc:
            raise SecretsUnavailable(f"the keyring refused to save the password: {exc}") from None

    def delete(self, name: str) -> None:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError, KeyringError):
            keyring.delete_password(self.service, name)

    def available(self) -> bool:
        import keyring
        from keyring.backends.fail import Keyring as FailKeyring

        return not isinstance(keyring.get_keyring(), FailKeyring)


def with_stored_password(url: str) -> str:
    """A server URL without a password gets the one saved in the OS keyring, if any.

    Passwords are never written in a URL on disk; psycopg also reads a `PGPASSFILE` by itself.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return url  # Database() reports a bad URL in words
    if parsed.get_backend_name() == "sqlite" or parsed.password:
        return url
    password = SecretStore().get(database_secret_name(parsed.render_as_string(hide_password=False)))
    if password is None:
        return url
    return parsed.set(password=password).render_as_string(hide_password=False)
