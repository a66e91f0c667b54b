"""Fixtures for storage, services and the command line: real SQLite files (and a real
PostgreSQL server when TEST_POSTGRES_URL names one), real keys, real signatures.
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
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.paths import sqlite_url
from app.services import Console
from app.storage.database import Database
from licensing import paserk
from licensing.claims import DocumentType
from licensing.documents import TrustSource, TrustStore, parse_trust_file, sign_document
from licensing.policy import load_policy
from tests.app.samples import (  # noqa: F401 - the tests import the builders from here too
    WORKED_EXAMPLE_TICKETS_ON_2025_03_01,
    license_claims,
    pack_claims,
    statement_claims,
    statement_ticket,
)

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")


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


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A real SQLite file, and a real PostgreSQL database when TEST_POSTGRES_URL is set."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "ledger.sqlite3")
        return
    if not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL is not set: no PostgreSQL server for this run")
    yield from _postgres_database()


@dataclass
class Vendor:
    """A signing key and its trust file, as a vendor's test root given through --trust."""

    key: Ed25519PrivateKey
    trust_file: Path
    folder: Path

    @property
    def kid(self) -> str:
        return paserk.key_id(self.key.public_key())

    def token(self, document_type: DocumentType, claims: dict[str, Any]) -> str:
        return sign_document(document_type, claims, self.key)

    def write(
        self, document_type: DocumentType, claims: dict[str, Any], name: str | None = None
    ) -> Path:
        path = self.folder / (name or f"{document_type.value}-{uuid.uuid4().hex[:8]}.paseto")
        path.write_text(self.token(document_type, claims) + "\n", encoding="ascii")
        return path

    def trust(self, source: TrustSource = TrustSource.VENDOR) -> TrustStore:
        return TrustStore().with_keys(parse_trust_file(self.trust_file.read_bytes(), source))


@pytest.fixture
def vendor(tmp_path: Path) -> Vendor:
    key = Ed25519PrivateKey.generate()
    folder = tmp_path / "vendor"
    folder.mkdir()
    trust_file = folder / "trust.json"
    trust_file.write_text(json.dumps({"keys": [paserk.public_to_paserk(key.public_key())]}))
    return Vendor(key, trust_file, folder)


@pytest.fixture
def make_console(database_url: str) -> Iterator[Callable[..., Console]]:
    """Consoles over one real database; `today` is the clock (R15), not the evaluation day."""
    opened: list[Database] = []

    def make(trust: TrustStore, today: date = date(2025, 3, 1)) -> Console:
        database = Database(database_url)
        opened.append(database)
        return Console(database, trust, load_policy(), today)

    yield make
    for database in opened:
        database.dispose()


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture(params=["sqlite", "postgresql"])
def cli_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The CLI suite's database: a SQLite file, and a PostgreSQL database when one is set."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "cli.sqlite3")
        return
    if not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL is not set: no PostgreSQL server for this run")
    yield from _postgres_database()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], cli_database: str) -> Callable[..., CliResult]:
    """Runs the real command line in-process against this test's database (see cli_database)."""
    from app.cli import main

    db = cli_database

    def run(*args: str | Path, db_url: str | None = db) -> CliResult:
        argv = [str(a) for a in args]
        # Demo mode keeps its own database (under the isolated home) and refuses --db.
        if db_url is not None and "--db" not in argv and "--demo" not in argv:
            argv = ["--db", db_url, *argv]
        code = main(argv)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
