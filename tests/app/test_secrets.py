"""Secrets live in the OS keyring (a test backend here), never in the database, the settings or
the logs (`app.secrets`)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring

from app.secrets import (
    SMTP_PASSWORD,
    SecretStore,
    SecretsUnavailable,
    database_secret_name,
    with_stored_password,
)
from app.settings import Settings, load_settings, save_settings, settings_path
from licensing.claims import DocumentType
from tests.conftest import CliResult
from tests.factories import Vendor, license_claims
from tests.memory_keyring import MemoryKeyring

Run = Callable[..., CliResult]
PG_URL = "postgresql+psycopg://console@db.example:5432/ledger"
DB_PASSWORD = "db-Secret-4711"
WITH_PASSWORD = PG_URL.replace("console@", f"console:{DB_PASSWORD}@")
# The command line runs against --db URLs of its own here: one SQLite run is enough.
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@sqlite_only
def test_db_password_is_saved_in_the_keyring_from_standard_input(
    cli: Run, monkeypatch: pytest.MonkeyPatch, test_keyring: MemoryKeyring
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(DB_PASSWORD + "\n"))
    result = cli("--db", PG_URL, "db-password", "--json")
    assert result.code == 0, result.err
    assert result.json() == {"saved": PG_URL}
    assert DB_PASSWORD not in result.out + result.err
    assert SecretStore().get(database_secret_name(PG_URL)) == DB_PASSWORD
    assert with_stored_password(PG_URL) == WITH_PASSWORD


@sqlite_only
def test_db_password_refuses_what_has_no_password(
    cli: Run, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    assert "no password" in cli("--db", PG_URL, "db-password").err
    assert "SQLite" in cli("--db", sqlite_url, "db-password").err
    result = cli("db-password", db_url=None)
    assert (result.code, result.out) == (3, "")
    assert "--db" in result.err


@sqlite_only
def test_without_a_keyring_the_password_is_not_saved_and_the_message_says_why(
    cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring.set_keyring(NoKeyring())
    monkeypatch.setattr("sys.stdin", io.StringIO(DB_PASSWORD + "\n"))
    result = cli("--db", PG_URL, "db-password")
    assert result.code == 3
    assert "no keyring" in result.err
    assert "session only" not in result.err  # db-password uses no password, it only saves one
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert with_stored_password(PG_URL) == PG_URL
    assert not SecretStore().available()
    with pytest.raises(SecretsUnavailable, match="no keyring"):
        SecretStore().set(SMTP_PASSWORD, "x")


def test_a_password_saved_with_the_database_url_is_found_again() -> None:
    save_settings(Settings(database_url=WITH_PASSWORD))
    assert DB_PASSWORD not in settings_path().read_text(encoding="utf-8")
    assert load_settings().database_url == PG_URL
    assert with_stored_password(load_settings().database_url) == WITH_PASSWORD
    # A URL that carries its own password, and SQLite, are left as they are.
    other = WITH_PASSWORD.replace(DB_PASSWORD, "given")
    assert with_stored_password(other) == other
    assert with_stored_password("sqlite:///ledger.sqlite3") == "sqlite:///ledger.sqlite3"


def test_without_a_keyring_the_settings_are_saved_without_the_password() -> None:
    keyring.set_keyring(NoKeyring())
    with pytest.raises(SecretsUnavailable, match="no keyring"):
        save_settings(Settings(database_url=WITH_PASSWORD))
    assert DB_PASSWORD not in settings_path().read_text(encoding="utf-8")
    assert load_settings().database_url == PG_URL


def test_a_deleted_secret_is_gone(test_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    store.set(SMTP_PASSWORD, "smtp-Secret")
    assert store.get(SMTP_PASSWORD) == "smtp-Secret"
    store.delete(SMTP_PASSWORD)
    assert store.get(SMTP_PASSWORD) is None
    store.delete(SMTP_PASSWORD)  # deleting again is no error


@sqlite_only
def test_no_secret_reaches_the_database_settings_or_logs(
    cli: Run,
    vendor: Vendor,
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    smtp_password = "smtp-Secret-0815"
    SecretStore().set(SMTP_PASSWORD, smtp_password)
    SecretStore().set(database_secret_name(PG_URL), DB_PASSWORD)
    save_settings(Settings(smtp_host="127.0.0.1", smtp_username="console", database_url=PG_URL))
    license_file = vendor.write(DocumentType.LICENSE, license_claims())
    assert cli("import", license_file).code == 0
    assert cli("status").code in (0, 1, 2)
    # An unexpected error is logged: the log must not carry secrets either.
    monkeypatch.setattr("app.cli.status.run", lambda *_: 1 / 0)
    failed = cli("status")
    assert failed.code == 3
    assert "internal error (ZeroDivisionError)" in failed.err
    assert "Traceback" not in failed.err
    files = [p for p in [*isolated_home.rglob("*"), *tmp_path.rglob("*.sqlite3*")] if p.is_file()]
    logs = [p for p in files if p.suffix == ".log"]
    assert logs, "the failure was logged"
    assert any("ZeroDivisionError" in p.read_text(encoding="utf-8") for p in logs)
    for path in files:
        data = path.read_bytes()
        assert smtp_password.encode() not in data, path
        assert DB_PASSWORD.encode() not in data, path
