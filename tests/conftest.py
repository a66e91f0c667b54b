"""Fixtures for every test, written once: an isolated home folder, a test keyring, Qt offscreen,
a vendor key, real databases (a SQLite file, and a PostgreSQL server when TEST_POSTGRES_URL names
one), consoles over them, and the command line run in-process.

Tests never touch the user's data folder, the real keychain or a display.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.factories import POLICY, Vendor
from tests.memory_keyring import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data, config and log folders."""
    from app.paths import HOME_VARIABLE

    home = tmp_path / "home"
    monkeypatch.setenv(HOME_VARIABLE, str(home))
    return home


@pytest.fixture(autouse=True)
def test_keyring() -> Iterator[MemoryKeyring]:
    """An in-memory keyring, installed explicitly for each test."""
    import keyring

    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def vendor(tmp_path: Path) -> Vendor:
    """A fresh signing key: nothing in the tests depends on a fixed one."""
    return Vendor.create(tmp_path / "vendor")


@pytest.fixture
def vendor_is_trusted(vendor: Vendor, monkeypatch: pytest.MonkeyPatch) -> Vendor:
    """Makes `vendor` the vendor whose trust file ships with the console (`trust: vendor`)."""
    import app.trust

    monkeypatch.setattr(app.trust, "vendor_trust_file", lambda: vendor.trust_file)
    return vendor


def _postgres_database() -> Iterator[str]:
    """A fresh schema-less database on the PostgreSQL server, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    assert POSTGRES_URL is not None
    name = f"ec_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    from app.paths import sqlite_url

    return sqlite_url(tmp_path / "ledger.sqlite3")


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A real SQLite file, and a real PostgreSQL database when TEST_POSTGRES_URL is set."""
    if request.param == "sqlite":
        from app.paths import sqlite_url

        yield sqlite_url(tmp_path / "ledger.sqlite3")
        return
    if not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL is not set: no PostgreSQL server for this run")
    yield from _postgres_database()


@pytest.fixture
def make_console(database_url: str, vendor: Vendor) -> Iterator[Callable[..., Any]]:
    """Consoles over one real database, trusting `vendor` as the vendor unless told otherwise;
    `today` is the clock (R15), not the evaluation day."""
    from app.console import Console
    from app.storage.database import Database
    from licensing.trust import TrustStore

    opened: list[Any] = []

    def make(trust: TrustStore | None = None, today: date = date(2025, 3, 1)) -> Console:
        console = Console(Database(database_url), trust or vendor.trust(), POLICY, today)
        opened.append(console)
        return console

    yield make
    for console in opened:
        console.close()


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], database_url: str, vendor_is_trusted: Vendor
) -> Callable[..., CliResult]:
    """Runs the real command line in-process against this test's database, `vendor` being the
    vendor whose trust file ships with the console."""
    from app.cli import main

    def run(*args: str | Path, db_url: str | None = database_url) -> CliResult:
        argv = [str(a) for a in args]
        # Demo mode keeps its own database (under the isolated home) and refuses --db.
        if db_url is not None and "--db" not in argv and "--demo" not in argv:
            argv = ["--db", db_url, *argv]
        code = main(argv)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
