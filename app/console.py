"""The console of one run: the database, the keys this run trusts, the vendor policy, the clock
(today, for R15, never the evaluation day), and the verification results kept in memory.

`open_console` opens it the same way for the command line and the desktop window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from app.errors import UserError
from app.paths import app_paths, sqlite_url
from app.reading import VerificationCache
from app.storage import state
from app.storage.database import Database
from app.storage.times import instant
from app.trust import demo_key_id, run_trust
from licensing.policy import PolicyError, VendorPolicy, load_policy
from licensing.trust import TrustStore


@dataclass
class Console:
    database: Database
    trust: TrustStore
    policy: VendorPolicy
    today: date
    demo: bool = False
    demo_kid: str | None = None
    """The demo key's id, to say why what it signed does not count outside demo mode."""
    trust_files: tuple[Path, ...] = ()
    """The `--trust` files of this run, kept to compute the trust again (`reload_trust`)."""
    verifications: VerificationCache = field(default_factory=VerificationCache)

    def now(self) -> datetime:
        """The run's one clock for what it stores (imports, tickets, requests, disputes), the
        timestamps R15 reads back: `today` at the current time of day, so that a console opened
        on another day (a test, `today=`) stores that day."""
        return datetime.combine(self.today, datetime.now(UTC).timetz())

    def stamp(self) -> str:
        """Now, as the tables keep instants."""
        return instant(self.now())

    def record_run(self) -> None:
        """R15: moves the date of the latest run forward (written at most once a day)."""
        with self.database.read() as connection:
            latest = state.latest_run(connection)
        if latest is None or self.today > latest:
            with self.database.write() as connection:
                state.record_run(connection, self.today)

    def is_empty(self) -> bool:
        """Nothing was ever imported into the database."""
        from app.storage.documents import document_count

        with self.database.read() as connection:
            return document_count(connection) == 0

    def close(self) -> None:
        self.database.dispose()


def open_console(
    db_url: str | None, demo: bool, trust_files: Sequence[Path], today: date | None = None
) -> Console:
    """The run's trusted keys, the database named by `db_url` or the embedded SQLite default,
    and in demo mode the demo documents signed at first use."""
    if db_url and demo:
        raise UserError("--demo keeps its own database apart from the real one: leave out --db")
    paths = app_paths()
    trust = run_trust(demo, trust_files, paths.trusted_keys)
    try:
        policy = load_policy()
    except PolicyError as exc:
        raise UserError(str(exc)) from None
    if db_url:
        from app.secrets import with_stored_password

        url = with_stored_password(db_url)
    else:
        database_file = paths.demo_database if demo else paths.database
        try:
            database_file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(
                f"cannot create the data folder {database_file.parent}: {exc.strerror}"
            ) from None
        url = sqlite_url(database_file)
    console = Console(
        Database(url),
        trust,
        policy,
        today or date.today(),
        demo=demo,
        demo_kid=demo_key_id(),
        trust_files=tuple(trust_files),
    )
    try:
        console.record_run()
        if demo and console.is_empty():
            # Imported only the first time: status pays for nothing it does not use (P2).
            from app.demo import create_demo_data

            create_demo_data(console, paths.demo_documents)
    except BaseException:
        console.close()
        raise
    return console
