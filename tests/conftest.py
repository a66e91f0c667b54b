"""Fixtures for every test: an isolated home folder, a test keyring, Qt offscreen.

Tests never touch the user's data folder, the real keychain or a display.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data, config and log folders."""
    from app.paths import HOME_VARIABLE

    home = tmp_path / "home"
    monkeypatch.setenv(HOME_VARIABLE, str(home))
    return home


class MemoryKeyring:
    """An in-memory keyring backend, installed explicitly for each test."""

    priority = 1

    def __init__(self) -> None:
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture(autouse=True)
def test_keyring() -> MemoryKeyring:
    import keyring
    from keyring.backend import KeyringBackend

    backend_class = type("TestKeyring", (MemoryKeyring, KeyringBackend), {})
    backend = backend_class()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend  # type: ignore[misc]
    keyring.set_keyring(previous)
