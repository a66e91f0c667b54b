"""The command line (docs/rules.md, "Command line"): a stable interface for scripts and monitoring.

    python -m app [--db URL] [--as-of DATE] [--trust FILE]... [--license ID] [--demo] COMMAND ... [--json]

Exit codes follow the monitoring-plugin convention: 0 OK, 1 warning, 2 critical, 3 unknown (bad
input, usage error). Every error is one line naming the problem; a traceback goes to the log
file, never to the terminal. This package is the command line's lazy boundary: it imports a
command's module only when that command runs, so that `status` pays for nothing else.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.cli.output import error
from app.cli.parser import UsageError, build_parser
from app.collection import GarbageCollection
from app.errors import UserError
from licensing.errors import DateOutOfRange

if TYPE_CHECKING:
    from app.console import Console

EXIT_UNKNOWN = 3


def _refuse_undecodable(args: argparse.Namespace) -> None:
    """Bytes of an argument that the system's encoding cannot decode arrive as lone surrogates
    (POSIX): such a value can be neither stored nor printed, so it is refused in one line. File
    paths keep them: the OS takes them back as they came."""
    for value in vars(args).values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and any("\ud800" <= c <= "\udfff" for c in item):
                raise UsageError(
                    f"the argument {item!a} is not valid text (bytes that the system's encoding "
                    "cannot decode)"
                )


def _run(args: argparse.Namespace, console: Console) -> int:
    match args.command:
        case "verify" | "import":
            from app.cli import documents

            return documents.run(args, console)
        case "status" | "clock":
            from app.cli import status

            return status.run(args, console)
        case "tickets":
            from app.cli import tickets

            return tickets.run(args, console)
        case "upgrade-check" | "renewal-quote" | "eligibility":
            from app.cli import questions

            return questions.run(args, console)
        case "request":
            from app.cli import requests

            return requests.run(args, console)
        case "trust":
            from app.cli import trust

            return trust.run(args, console)
    raise UsageError(f"unknown command {args.command!r}")


def main(argv: Sequence[str] | None = None) -> int:
    try:
        words = sys.argv[1:] if argv is None else list(argv)
        args = build_parser(words).parse_args(words)
        args.trust = [*args.trust, *getattr(args, "trust_after_command", [])]
        args.license = [*args.license, *getattr(args, "license_after_command", [])]
        _refuse_undecodable(args)
        if args.command is None:
            from app.gui import run_gui
            from licensing.values import parse_date

            try:
                as_of = parse_date(args.as_of) if args.as_of else None
            except ValueError as exc:
                raise UsageError(f"--as-of: {exc}") from None
            return run_gui(
                args.db, args.demo, args.trust, args.screenshots, args.quit_when_ready, as_of
            )
        if args.command == "db-password":
            from app.cli.database import save_password

            return save_password(args)
        from app.console import open_console

        console = open_console(args.db, args.demo, args.trust)
        try:
            # A command is short-lived and builds rows by the hundred thousand, none cyclic.
            with GarbageCollection.paused():
                return _run(args, console)
        finally:
            console.close()
    except UserError as exc:
        error(str(exc))
        return exc.exit_code
    except DateOutOfRange as exc:  # e.g. a renewal evaluated --as-of 2999-12-31: bad input
        error(str(exc))
        return EXIT_UNKNOWN
    except KeyboardInterrupt:
        error("interrupted")
        return EXIT_UNKNOWN
    except Exception as exc:
        from app.logs import log_exception

        where = log_exception("unexpected error in the command line")
        error(f"internal error ({type(exc).__name__}); {where}")
        return EXIT_UNKNOWN


if __name__ == "__main__":
    sys.exit(main())
