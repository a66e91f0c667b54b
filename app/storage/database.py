"""Opening a database: any SQLAlchemy URL, SQLite tuned for a desktop app, migrations on demand.

Opening upgrades the schema, but Alembic (slow to import) is loaded only when the stored
revision is behind `HEAD_REVISION`; a test keeps that constant equal to Alembic's head.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError

from app.errors import StorageError

HEAD_REVISION = "0002_verified_portfolio"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 15_000


_PASSWORD = re.compile(r"(://[^:/@]*):[^@/]*@")


def _describe(url: str) -> str:
    """The URL without its password, for messages and logs (even when it does not parse)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return _PASSWORD.sub(r"\1:***@", url[:300])


def storage_error(exc: BaseException, url: str) -> StorageError:
    """Turns a driver error into one line that says what happened and what to do."""
    where = _describe(url)
    detail = (
        str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else type(exc).__name__
    )
    lowered = detail.lower()
    if "locked" in lowered or "busy" in lowered:
        return StorageError(
            f"the database {where} is locked by another program; nothing was changed, try again"
        )
    if "unable to open" in lowered or "no such file" in lowered:
        return StorageError(
            f"cannot open the database {where}: check that its folder exists and is writable"
        )
    if "readonly" in lowered or "read-only" in lowered:
        return StorageError(f"the database {where} is read-only: nothing can be saved")
    if "not a database" in lowered or "malformed" in lowered:
        return StorageError(f"{where} is not a usable database file ({detail})")
    return StorageError(f"database error on {where}: {detail}")


class Database:
    """One engine and the schema it holds; `read()` and `write()` hand out transactions."""

    def __init__(self, url: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.url = url
        self.busy_timeout_ms = busy_timeout_ms
        self.description = _describe(url)
        try:
            parsed = make_url(url)
        except (ArgumentError, ValueError):  # ValueError: a port that is not a number
            raise StorageError(
                f"'{_describe(url)}' is not a database URL (e.g. sqlite:///path/to/file.sqlite3,"
                " or postgresql+psycopg://user@host:5432/name with a numeric port)"
            ) from None
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite and parsed.database not in (None, "", ":memory:"):
            folder = Path(parsed.database).parent
            if not folder.is_dir():
                raise StorageError(
                    f"cannot open the database {self.description}: the folder {folder} does not exist"
                )
        try:
            self.engine: Engine = create_engine(url, **self._engine_options())
        except (ArgumentError, ImportError) as exc:
            raise StorageError(f"cannot use the database URL {self.description}: {exc}") from None
        # Rows read through the driver's own cursor (app.storage.tickets) raise its errors,
        # not SQLAlchemy's: both become the same one-line StorageError.
        self._driver_error: type[Exception] = self.engine.dialect.loaded_dbapi.Error
        if self.is_sqlite:
            event.listen(self.engine, "connect", self._sqlite_on_connect)
            event.listen(self.engine, "begin", _sqlite_on_begin)
        try:
            self.migrate()
        except BaseException:
            self.engine.dispose()  # a database that cannot be opened keeps no connection
            raise

    def _engine_options(self) -> dict[str, Any]:
        if self.is_sqlite:
            return {"connect_args": {"timeout": self.busy_timeout_ms / 1000}}
        return {"pool_pre_ping": True}

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._translated(), self.engine.connect() as connection:
            yield connection

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One all-or-nothing transaction; on SQLite it takes the write lock at once (IMMEDIATE)."""
        with (
            self._translated(),
            self.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as connection,
            connection.begin(),
        ):
            yield connection

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except (OperationalError, DBAPIError, self._driver_error) as exc:
            raise storage_error(exc, self.url) from exc

    def schema_revision(self) -> str | None:
        with self.read() as connection:
            # The dialect's own check: an Inspector costs a millisecond more at every start (P2).
            if not connection.dialect.has_table(connection, "alembic_version"):
                return None
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def migrate(self) -> None:
        """Brings the schema to HEAD_REVISION; costs one query when it is already there."""
        try:
            current = self.schema_revision()
        except SQLAlchemyError as exc:
            raise storage_error(exc, self.url) from exc
        if current == HEAD_REVISION:
            return
        from alembic import command
        from alembic.config import Config
        from alembic.util import CommandError

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.write() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except (CommandError, AssertionError, KeyError):
            # A revision this version does not know: a newer version of the app wrote it (or the
            # version table was edited: Alembic asserts on an empty revision).
            raise StorageError(
                f"the database {self.description} has the schema revision '{current}', which "
                f"this version of the app does not know (it expects '{HEAD_REVISION}'): "
                "it was probably created by a newer version; use that version or another database"
            ) from None
        except (SQLAlchemyError, StorageError) as exc:
            # Another process may have migrated the same database a moment before us
            # (`write()` has already turned a driver error into a StorageError).
            if self.schema_revision() != HEAD_REVISION:
                if isinstance(exc, StorageError):
                    raise
                raise storage_error(exc, self.url) from exc

    def dispose(self) -> None:
        self.engine.dispose()

    def _sqlite_on_connect(self, dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling is off so that `_sqlite_on_begin` decides
        # (SQLAlchemy's pysqlite recipe); WAL lets readers work while one writer commits.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout={int(self.busy_timeout_ms)}")
            self._enable_wal(cursor)
            cursor.execute("PRAGMA foreign_keys=ON")
        finally:
            cursor.close()

    def _enable_wal(self, cursor: Any) -> None:
        """Switching a new file to WAL needs a moment alone with it, and SQLite answers "locked" at
        once (no busy wait) while another process creates the schema: retry within the timeout."""
        import sqlite3
        import time

        deadline = time.monotonic() + self.busy_timeout_ms / 1000
        while True:
            try:
                cursor.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)


def _sqlite_on_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")
