"""A database made by the first released schema (0001) opens with the current one, every row kept.

`tests/fixtures/schema_0001.sqlite3` was written by release 0.1.0 (demo documents, the demo
ledger, a recorded request and the clock mark); it is copied, never opened in place.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from app.paths import sqlite_url
from app.storage.database import HEAD_REVISION, Database

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema_0001.sqlite3"
TABLES = ("documents", "tickets", "requests", "app_state")


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as connection:
        return {
            t: sorted(connection.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES
        }


def test_the_first_schema_upgrades_with_every_row_intact(tmp_path: Path) -> None:
    copy = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, copy)
    before = _rows(copy)
    assert all(before[t] for t in TABLES), "the fixture holds rows in every table"

    database = Database(sqlite_url(copy))
    try:
        assert database.schema_revision() == HEAD_REVISION
    finally:
        database.dispose()

    after = _rows(copy)
    for table in TABLES:
        old_columns = len(before[table][0])
        assert [row[:old_columns] for row in after[table]] == before[table], table
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_upgraded_database_answers_as_before(tmp_path: Path) -> None:
    from datetime import date

    from app.services import Console
    from licensing.documents import TrustSource, TrustStore, parse_trust_file
    from licensing.policy import load_policy
    from resources import resource_path

    copy = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, copy)
    trust = TrustStore().with_keys(
        parse_trust_file(resource_path("trust", "demo.json").read_bytes(), TrustSource.DEMO)
    )
    database = Database(sqlite_url(copy))
    try:
        console = Console(database, trust, load_policy(), date(2026, 3, 2), demo=True)
        report = console.status(date(2026, 3, 2))
        assert report.license is not None
        assert report.license.claims.license_id == "DEMO-LIC-0001"
        assert report.balance is not None
        assert len(console.list_tickets(date(2026, 3, 2))) == 13
    finally:
        database.dispose()
