"""The storage layer on real databases: migrations, SQLite tuning, errors that reach a user as
one line (StorageError), and all-or-nothing transactions. PostgreSQL runs when
TEST_POSTGRES_URL names a server (see conftest.py).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import insert, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from app.errors import StorageError
from app.paths import sqlite_url
from app.storage.database import HEAD_REVISION, MIGRATIONS, Database
from app.storage.schema import app_state, metadata, requests

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def opened(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite3"


def _open_then_dispose(url: str, **options: int) -> None:
    Database(url, **options).dispose()


def _state_rows(database: Database) -> list[tuple[str, str]]:
    with database.read() as connection:
        return [tuple(row) for row in connection.execute(select(app_state)).all()]


def _run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


# Migrations ---------------------------------------------------------------------------------


def test_head_revision_is_alembics_script_head() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert heads == [HEAD_REVISION]


def test_a_new_database_gets_the_schema_at_head(opened: Database) -> None:
    assert opened.schema_revision() == HEAD_REVISION
    with opened.read() as connection:
        tables = set(inspect(connection).get_table_names())
    assert {"documents", "tickets", "requests", "app_state", "alembic_version"} <= tables


def test_the_migrated_schema_matches_the_metadata(opened: Database) -> None:
    with opened.read() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_reopening_keeps_the_data_and_the_revision(database_url: str) -> None:
    first = Database(database_url)
    with first.write() as connection:
        connection.execute(insert(app_state).values(key="k", value="v"))
    first.dispose()
    second = Database(database_url)
    try:
        assert second.schema_revision() == HEAD_REVISION
        assert _state_rows(second) == [("k", "v")]
    finally:
        second.dispose()


def test_opening_an_up_to_date_database_does_not_import_alembic(database_url: str) -> None:
    code = (
        "import sys\n"
        "from app.storage.database import Database\n"
        "Database(sys.argv[1]).dispose()\n"
        "print('alembic' in sys.modules)\n"
    )
    first = _run_python(code, database_url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "True"  # a new database is migrated by Alembic
    second = _run_python(code, database_url)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "False"


def test_a_schema_from_a_newer_version_is_a_storage_error(database_url: str) -> None:
    database = Database(database_url)
    with database.write() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    database.dispose()
    with pytest.raises(StorageError, match="9999_future"):
        Database(database_url)


def test_processes_opening_a_new_database_at_once_all_succeed(database_url: str) -> None:
    """Several consoles starting on one new shared database: one migrates, none fails."""
    code = (
        "import sys, time\n"
        "from app.storage.database import Database\n"
        "start = float(sys.argv[2])\n"
        "while time.time() < start:\n"
        "    time.sleep(0.001)\n"
        "Database(sys.argv[1]).dispose()\n"
    )
    start = str(time.time() + 1.5)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", code, database_url, start],
            cwd=PROJECT_ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    results = [(p.wait(timeout=60), p.stderr.read() if p.stderr else "") for p in processes]
    for process in processes:
        if process.stderr:
            process.stderr.close()
    assert [code for code, _ in results] == [0, 0, 0, 0], [err[-500:] for _, err in results]
    database = Database(database_url)
    try:
        assert database.schema_revision() == HEAD_REVISION
    finally:
        database.dispose()


# SQLite tuning ------------------------------------------------------------------------------


def test_sqlite_pragmas(sqlite_file: Path) -> None:
    database = Database(sqlite_url(sqlite_file), busy_timeout_ms=1234)
    try:
        with database.read() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1234
        with database.write() as connection:  # a write connection is tuned the same way
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        database.dispose()


# Errors -------------------------------------------------------------------------------------


def test_a_locked_database_is_a_storage_error_and_nothing_is_written(sqlite_file: Path) -> None:
    url = sqlite_url(sqlite_file)
    _open_then_dispose(url)
    locker = sqlite3.connect(sqlite_file, isolation_level=None)
    try:
        locker.execute("BEGIN EXCLUSIVE")
        database = Database(url, busy_timeout_ms=200)
        try:
            started = time.monotonic()
            with (
                pytest.raises(StorageError, match="locked") as caught,
                database.write() as connection,
            ):
                connection.execute(insert(app_state).values(key="k", value="v"))
            assert time.monotonic() - started < 5
            assert not isinstance(caught.value, SQLAlchemyError)
        finally:
            database.dispose()
    finally:
        locker.rollback()
        locker.close()
    database = Database(url)
    try:
        assert _state_rows(database) == []
    finally:
        database.dispose()


def test_a_new_database_locked_while_opening_is_a_storage_error(sqlite_file: Path) -> None:
    locker = sqlite3.connect(sqlite_file, isolation_level=None)  # rollback journal, no WAL yet
    try:
        locker.execute("BEGIN EXCLUSIVE")
        locker.execute("CREATE TABLE other (x INTEGER)")
        with pytest.raises(StorageError, match="locked"):
            Database(sqlite_url(sqlite_file), busy_timeout_ms=200)
    finally:
        locker.rollback()
        locker.close()


def test_a_missing_folder_is_a_storage_error_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "no-such-folder"
    with pytest.raises(StorageError) as caught:
        Database(sqlite_url(folder / "ledger.sqlite3"))
    assert str(folder) in str(caught.value)
    assert not folder.exists()


def test_a_file_that_is_not_a_database_is_a_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"this is a text file, not an SQLite database\n" * 100)
    with pytest.raises(StorageError, match="not a usable database"):
        Database(sqlite_url(path))
    assert path.read_bytes().startswith(b"this is a text file")


def test_a_folder_given_as_the_database_file_is_a_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError):
        Database(sqlite_url(tmp_path))


@pytest.mark.parametrize(
    "url",
    [
        "not a database url",
        "",
        "nosuchdialect://host/db",
        "postgresql+nosuchdriver://user@127.0.0.1/db",
        "sqlite+nosuchdriver:///x.sqlite3",
    ],
)
def test_a_bad_url_is_a_storage_error(url: str) -> None:
    with pytest.raises(StorageError) as caught:
        Database(url)
    assert not isinstance(caught.value, SQLAlchemyError)


def test_an_unreachable_server_is_a_storage_error_without_the_password() -> None:
    url = "postgresql+psycopg://someone:s3cret-pw@127.0.0.1:1/ledger?connect_timeout=2"
    with pytest.raises(StorageError) as caught:
        Database(url)
    assert "s3cret-pw" not in str(caught.value)
    assert "127.0.0.1" in str(caught.value)


def test_driver_errors_inside_read_and_write_are_storage_errors(opened: Database) -> None:
    with pytest.raises(StorageError) as caught, opened.read() as connection:
        connection.execute(text("SELECT * FROM no_such_table"))
    assert not isinstance(caught.value, SQLAlchemyError)
    with pytest.raises(StorageError), opened.write() as connection:
        connection.execute(insert(app_state).values(key="k", value="1"))
        connection.execute(insert(app_state).values(key="k", value="2"))  # primary key
    assert _state_rows(opened) == []


# Transactions -------------------------------------------------------------------------------


class _Boom(Exception):
    pass


def test_write_is_all_or_nothing(opened: Database) -> None:
    with pytest.raises(_Boom), opened.write() as connection:
        connection.execute(insert(app_state).values(key="a", value="1"))
        connection.execute(
            insert(requests).values(
                kind="renewal",
                license_id="LIC-1",
                created_at="2025-03-01T00:00:00+00:00",
                updated_at="2025-03-01T00:00:00+00:00",
                status="saved",
                channel="file",
                payload="{}",
            )
        )
        raise _Boom
    assert _state_rows(opened) == []
    with opened.read() as connection:
        assert connection.execute(select(requests)).all() == []


def test_write_commits_when_the_block_ends(opened: Database) -> None:
    with opened.write() as connection:
        connection.execute(insert(app_state).values(key="a", value="1"))
        connection.execute(insert(app_state).values(key="b", value="2"))
    assert sorted(_state_rows(opened)) == [("a", "1"), ("b", "2")]


def test_readers_see_committed_data_only(opened: Database) -> None:
    with opened.write() as writer:
        writer.execute(insert(app_state).values(key="a", value="1"))
        with opened.read() as reader:
            assert reader.execute(select(app_state)).all() == []
    assert _state_rows(opened) == [("a", "1")]


def test_local_tickets_round_trip_on_every_backend(opened: Database) -> None:
    """What is stored reads back the same (a leap day, text beyond ASCII, an unassigned one)."""
    from datetime import date

    from app.storage import tickets as stored
    from licensing.claims import Category, Classification, Ticket, TicketKind
    from licensing.portfolio import LocalTicket

    written = [
        LocalTicket(
            Ticket(
                "C-1",
                date(2024, 2, 29),
                TicketKind.SERVICE_REQUEST,
                Classification.PRODUCT_BUG,
                Category.UPGRADE,
                "Löschen schlägt fehl",
            ),
            "LIC-1",
        ),
        LocalTicket(Ticket("C-2", date(2025, 1, 1)), None),
    ]
    with opened.write() as connection:
        stored.insert_tickets(connection, written, "2025-01-01T00:00:00+00:00")
    with opened.read() as connection:
        loaded = stored.load_tickets(connection)
    assert {k: sorted(v) for k, v in loaded.items()} == {
        "LIC-1": [written[0].ticket],
        None: [written[1].ticket],
    }


def test_a_stored_ticket_that_cannot_be_read_is_named(sqlite_file: Path) -> None:
    from app.storage import tickets as stored

    database = Database(sqlite_url(sqlite_file))
    try:
        with database.write() as connection:
            connection.exec_driver_sql(
                "INSERT INTO tickets (case_id, license_id, opened_on, kind, classification,"
                " category, created_at, updated_at) VALUES ('BAD-7', 'LIC-1', '2025-13-45',"
                " 'incident', 'customer', 'product', 'n', 'n')"
            )
        with pytest.raises(StorageError, match="BAD-7") as caught, database.read() as connection:
            stored.load_tickets(connection)
        assert "opened_on" in str(caught.value)
        with database.write() as connection:
            connection.exec_driver_sql(
                "UPDATE tickets SET opened_on = '2025-01-01', kind = 'bribe' WHERE case_id = 'BAD-7'"
            )
        with pytest.raises(StorageError, match=r"BAD-7.*bribe"), database.read() as connection:
            stored.load_tickets(connection)
    finally:
        database.dispose()
