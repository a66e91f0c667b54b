"""`db-password`: the password of a database server, saved in the OS keyring."""

from __future__ import annotations

import argparse
import getpass
import sys

from app.cli.output import emit
from app.cli.parser import UsageError
from app.errors import UserError


def save_password(args: argparse.Namespace) -> int:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from app.secrets import SecretStore, SecretsUnavailable, database_secret_name

    if not args.db:
        raise UsageError("db-password needs --db URL (the server whose password to save)")
    try:
        url = make_url(args.db)._replace(password=None)
    except (ArgumentError, ValueError):
        raise UserError(f"'{args.db}' is not a database URL") from None
    if url.get_backend_name() == "sqlite":
        raise UserError("a SQLite file has no password")
    store = SecretStore()
    if not store.available():
        # Not the window's "used for this session only": this command only saves.
        raise UserError(
            "this system has no keyring service, so db-password cannot save the password "
            "(nothing was saved; on a Linux server, install and unlock a Secret Service such as "
            "gnome-keyring, or give the password in a PGPASSFILE)"
        )
    password = (
        getpass.getpass("Password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\r\n")
    )
    if not password:
        raise UserError("no password given: nothing saved")
    try:
        store.set(database_secret_name(url.render_as_string(hide_password=False)), password)
    except SecretsUnavailable as exc:
        raise UserError(str(exc)) from None
    where = url.render_as_string(hide_password=True)
    emit(args.json, {"saved": where}, lambda: f"password for {where} saved in the OS keyring")
    return 0
