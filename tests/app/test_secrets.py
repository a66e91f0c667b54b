"""Secrets live in the OS keyring (a test backend here), never in the database, settings or logs."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring

from app import cli as cli_module
from app.bootstrap import with_stored_password
from app.secrets import SecretStore, database_secret_name
from app.settings import Settings, load_settings, save_settings, settings_path
from licensing.claims import DocumentType
from tests.app.conftest import CliResult, Vendor, license_claims
from tests.memory_keyring import MemoryKeyring

PG_URL = "postgresql+psycopg://console@db.example:5432/ledger"
DB_PASSWORD = "db-Secret-4711"


def test_db_password_is_saved_in_the_keyring_from_standard_input(
    cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch, test_keyring: MemoryKeyring
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(DB_PASSWORD + "\n"))
    result = cli("--db", PG_URL, "db-password")
    assert result.code == 0, result.err
    assert DB_PASSWORD not in result.out + result.err
    assert SecretStore().get(database_secret_name(PG_URL)) == DB_PASSWORD
    assert with_stored_password(PG_URL) == PG_URL.replace("console@", f"console:{DB_PASSWORD}@")


def test_without_a_keyring_the_password_is_not_saved_and_the_message_says_why(
    cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring.set_keyring(NoKeyring())
    monkeypatch.setattr("sys.stdin", io.StringIO(DB_PASSWORD + "\n"))
    result = cli("--db", PG_URL, "db-password")
    assert result.code == 3
    assert "no keyring" in result.err
    assert "Traceback" not in result.err
    assert with_stored_password(PG_URL) == PG_URL


def test_a_password_in_a_saved_database_url_goes_nowhere_on_disk() -> None:
    save_settings(Settings(database_url=PG_URL.replace("console@", f"console:{DB_PASSWORD}@")))
    text = settings_path().read_text()
    assert DB_PASSWORD not in text
    assert load_settings().database_url == PG_URL
    assert SecretStore().get(database_secret_name(PG_URL)) == DB_PASSWORD
    assert with_stored_password(load_settings().database_url) == PG_URL.replace(
        "console@", f"console:{DB_PASSWORD}@"
    )


def test_no_secret_reaches_the_database_settings_or_logs(
    cli: Callable[..., CliResult],
    vendor: Vendor,
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    smtp_password = "smtp-Secret-0815"
    SecretStore().set("smtp-password", smtp_password)
    SecretStore().set(database_secret_name(PG_URL), DB_PASSWORD)
    save_settings(Settings(smtp_host="127.0.0.1", smtp_username="console", database_url=PG_URL))
    license_file = vendor.write(DocumentType.LICENSE, license_claims())
    assert cli("--trust", vendor.trust_file, "import", license_file).code == 0
    assert cli("--trust", vendor.trust_file, "status").code in (0, 1, 2)
    # An unexpected error is logged: the log must not carry secrets either.
    monkeypatch.setitem(cli_module._COMMANDS, "status", lambda *_: 1 / 0)
    assert cli("--trust", vendor.trust_file, "status").code == 3
    files = [p for p in [*isolated_home.rglob("*"), *tmp_path.rglob("*.sqlite3*")] if p.is_file()]
    assert any(p.suffix == ".log" for p in files), "the failure was logged"
    for path in files:
        data = path.read_bytes()
        assert smtp_password.encode() not in data, path
        assert DB_PASSWORD.encode() not in data, path
