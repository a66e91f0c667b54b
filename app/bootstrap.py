"""Opening a Console the same way for the command line and the desktop window."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from app.errors import UserError
from app.services import Console


def open_console(
    db_url: str | None, demo: bool, trust_files: Sequence[Path], today: date | None = None
) -> Console:
    """The vendor's keys (or, in demo mode only, the demo key) plus `--trust` files; the database
    named by `db_url` or the embedded SQLite default; demo documents signed at first use.
    """
    from app.paths import app_paths, sqlite_url
    from app.storage.database import Database
    from licensing.documents import TrustSource, TrustStore, parse_trust_file
    from licensing.errors import KeyFormatError
    from licensing.policy import PolicyError, load_policy
    from resources import resource_path

    if db_url and demo:
        raise UserError("--demo keeps its own database apart from the real one: leave out --db")
    paths = app_paths()
    builtin = (
        (resource_path("trust", "demo.json"), TrustSource.DEMO)
        if demo
        else (resource_path("trust", "vendor.json"), TrustSource.VENDOR)
    )
    trust = TrustStore()
    for path, source in [builtin, *((p, TrustSource.ADDITIONAL) for p in trust_files)]:
        try:
            trust = trust.with_keys(parse_trust_file(path.read_bytes(), source))
        except OSError as exc:
            raise UserError(f"trust file {path}: cannot read it ({exc.strerror})") from None
        except KeyFormatError as exc:
            raise UserError(f"trust file {path}: {exc}") from None
    try:
        policy = load_policy()
    except PolicyError as exc:
        raise UserError(str(exc)) from None
    if db_url:
        url = with_stored_password(db_url)
    else:
        database_file = paths.demo_database if demo else paths.database
        database_file.parent.mkdir(parents=True, exist_ok=True)
        url = sqlite_url(database_file)
    console = Console(Database(url), trust, policy, today or date.today(), demo=demo)
    console.record_run()
    if demo:
        from app.demo import ensure_demo_data

        ensure_demo_data(console, paths.demo_documents)
    return console


def with_stored_password(url: str) -> str:
    """A server URL without a password gets the one saved in the OS keyring, if any.

    Passwords are never written in a URL on disk; psycopg also reads a `PGPASSFILE` by itself.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from app.secrets import SecretStore, database_secret_name

    try:
        parsed = make_url(url)
    except ArgumentError:
        return url  # Database() reports a bad URL in words
    if parsed.get_backend_name() == "sqlite" or parsed.password:
        return url
    password = SecretStore().get(database_secret_name(parsed.render_as_string(hide_password=False)))
    if password is None:
        return url
    return parsed.set(password=password).render_as_string(hide_password=False)
