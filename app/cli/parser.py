"""The command line's grammar (docs/rules.md, "Command line"): options accepted before or after
the command, and one sub-command per question."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from app.errors import UserError
from licensing.values import MAX_PACKS_PER_REQUEST, MAX_RENEWAL_YEARS, MAX_SEATS


class UsageError(UserError):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on a usage error; the monitoring convention wants 3 (unknown)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


def whole(minimum: int, maximum: int) -> Callable[[str], int]:
    """An argparse type: a whole number within bounds (a larger one would overflow a column)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number") from None
        if not minimum <= value <= maximum:
            raise argparse.ArgumentTypeError(f"must be from {minimum} to {maximum}")
        return value

    return parse


YEARS = whole(1, MAX_RENEWAL_YEARS)
SEATS = whole(0, MAX_SEATS)
PACKS = whole(1, MAX_PACKS_PER_REQUEST)
RECORD_ID = whole(1, 2**31 - 1)


def _common_options(defaults: bool) -> _Parser:
    """Options accepted before or after the command; only the top level sets the defaults.

    A sub-command parses into a fresh namespace that would replace, not extend, a list given
    before the command: those go to `*_after_command` and `main` joins them."""
    parent = _Parser(add_help=False)
    default: Callable[[Any], Any] = (lambda v: v) if defaults else (lambda v: argparse.SUPPRESS)
    parent.add_argument(
        "--db",
        metavar="URL",
        default=default(None),
        help="SQLAlchemy database URL (default: SQLite in the user data folder)",
    )
    parent.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        default=default(None),
        help="evaluate on this day (tickets opened later are left out)",
    )
    parent.add_argument(
        "--trust",
        metavar="FILE",
        action="append",
        dest="trust" if defaults else "trust_after_command",
        default=default([]),
        type=Path,
        help="also trust the keys of this trust file, for this run only",
    )
    parent.add_argument(
        "--license",
        metavar="ID",
        action="append",
        dest="license" if defaults else "license_after_command",
        default=default([]),
        help="the license a command is about (several for 'request renewal')",
    )
    parent.add_argument(
        "--demo",
        action="store_true",
        default=default(False),
        help="use the demo portfolio and its own database",
    )
    parent.add_argument(
        "--json", action="store_true", default=default(False), help="print JSON for scripts"
    )
    return parent


COMMANDS = (
    "verify",
    "import",
    "status",
    "tickets",
    "upgrade-check",
    "renewal-quote",
    "eligibility",
    "request",
    "trust",
    "clock",
    "db-password",
)
_WITH_VALUE = ("--db", "--as-of", "--trust", "--license", "--screenshots")


def command_in(argv: Sequence[str]) -> str | None:
    """The first word of `argv` that is not an option or an option's value: the command."""
    words = iter(argv)
    for word in words:
        if word in _WITH_VALUE:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given `argv`, with only the command it names (argparse builds a sub-parser in
    about 0.4 ms, and a status check pays for every one: P2), else with all of them."""
    named = command_in(argv) if argv is not None else None
    everything = (
        argv is None
        or bool({"-h", "--help"} & set(argv))
        or (named is not None and named not in COMMANDS)
    )

    def wanted(name: str) -> bool:
        """With no command named (the window), none is needed; an unknown one is told apart
        from all of them."""
        return everything or name == named

    common = _common_options(defaults=False)
    parser = _Parser(
        prog="entitlement-console",
        description="Offline licensing and entitlement console (with no command: the window).",
        parents=[_common_options(defaults=True)],
    )
    parser.add_argument(
        "--screenshots", type=Path, metavar="DIR", help="render every page to PNG and exit"
    )
    parser.add_argument(
        "--quit-when-ready", action="store_true", help="quit as soon as the window shows its data"
    )
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help, description=help, parents=[common])

    def group(parent: argparse.ArgumentParser, dest: str) -> Any:
        return parent.add_subparsers(dest=dest, required=True, parser_class=_Parser)

    if wanted("verify"):
        verify = command("verify", "check one signed document")
        verify.add_argument("file", type=Path)
    if wanted("import"):
        importer = command("import", "import signed documents of any type (all or nothing)")
        importer.add_argument("files", type=Path, nargs="+")
    if wanted("status"):
        command("status", "the dashboard: every license, S&M state, tickets, warnings")

    if wanted("tickets") or wanted("eligibility"):
        # The claims' own enums, loaded only for the commands that take them.
        from licensing.claims import Classification, TicketKind

        kinds = [k.value for k in TicketKind]
        classifications = [c.value for c in Classification]

    if wanted("tickets"):
        tickets = group(command("tickets", "the ticket ledger"), "tickets_command")
        add = tickets.add_parser("add", help="record a support case", parents=[common])
        add.add_argument("--case", required=True, metavar="ID")
        add.add_argument("--opened", required=True, metavar="YYYY-MM-DD")
        add.add_argument("--kind", default=TicketKind.INCIDENT.value, choices=kinds)
        add.add_argument(
            "--classification", default=Classification.CUSTOMER.value, choices=classifications
        )
        add.add_argument("--category", default="product", metavar="CAT")
        add.add_argument("--title", metavar="T")
        classify = tickets.add_parser(
            "classify",
            help="change a local case's classification; for a vendor case, record a dispute",
            parents=[common],
        )
        classify.add_argument("case_id", metavar="ID")
        classify.add_argument("classification", choices=classifications)
        classify.add_argument("--reason", default="", metavar="TEXT", help="why (for a dispute)")
        dispute = tickets.add_parser(
            "dispute",
            help="record your view of a vendor ticket beside it (the vendor's record still counts)",
            parents=[common],
        )
        dispute.add_argument("case_id", metavar="ID")
        dispute.add_argument("--opened", metavar="YYYY-MM-DD")
        dispute.add_argument("--kind", choices=kinds)
        dispute.add_argument("--classification", choices=classifications)
        dispute.add_argument("--category", metavar="CAT")
        dispute.add_argument("--reason", required=True, metavar="TEXT")
        withdraw = tickets.add_parser("withdraw", help="withdraw a dispute", parents=[common])
        withdraw.add_argument("case_id", metavar="ID")
        assign = tickets.add_parser(
            "assign", help="assign local cases to a license (--license ID)", parents=[common]
        )
        assign.add_argument("case_ids", metavar="ID", nargs="+")
        tickets.add_parser("list", help="every ticket with what it cost", parents=[common])
        export = tickets.add_parser("export", help="the ledger as CSV", parents=[common])
        export.add_argument("--out", type=Path, metavar="FILE", help="write to FILE, not stdout")
        csv_import = tickets.add_parser(
            "import", help="add tickets from a CSV file (all or nothing)", parents=[common]
        )
        csv_import.add_argument("csv", type=Path)

    if wanted("upgrade-check"):
        upgrade = command("upgrade-check", "may a version be installed (R4)?")
        upgrade.add_argument("--version", metavar="V")
        upgrade.add_argument("--released-on", metavar="YYYY-MM-DD")
        upgrade.add_argument(
            "--catalog", type=Path, metavar="FILE", help="a signed release catalog"
        )
        upgrade.add_argument(
            "--installed", metavar="V", help="list only releases newer than this one"
        )

    if wanted("renewal-quote"):
        quote = command("renewal-quote", "what a renewal costs and covers (R5, R6)")
        quote.add_argument("--years", type=YEARS, metavar="N")
        quote.add_argument("--users", type=SEATS, metavar="N", help="requested user seats")
        quote.add_argument("--devices", type=SEATS, metavar="N", help="requested device seats")

    if wanted("eligibility"):
        eligible = command("eligibility", "may a new support request be opened (R13)?")
        eligible.add_argument("--category", required=True, metavar="CAT")
        eligible.add_argument(
            "--classification", default=Classification.CUSTOMER.value, choices=classifications
        )

    if wanted("request"):
        requests = group(
            command("request", "make a renewal or support-pack request"), "request_command"
        )
        renewal = requests.add_parser(
            "renewal", help="request an S&M renewal of one or several licenses", parents=[common]
        )
        renewal.add_argument("--all-due", action="store_true", help="every license that is due")
        renewal.add_argument("--years", type=YEARS, metavar="N")
        renewal.add_argument("--users", type=SEATS, metavar="N")
        renewal.add_argument("--devices", type=SEATS, metavar="N")
        packs = requests.add_parser("packs", help="request extra support packs", parents=[common])
        packs.add_argument("--count", type=PACKS, required=True, metavar="N")
        packs.add_argument("--po", required=True, metavar="PO")
        for sub in (renewal, packs):
            sub.add_argument("--contact-name", metavar="NAME")
            sub.add_argument("--contact-email", metavar="EMAIL")
            sub.add_argument("--contact-phone", metavar="PHONE")
            sub.add_argument("--notes", metavar="TEXT")
            sub.add_argument(
                "--via",
                choices=["file", "mailto"],
                default="file",
                help="save files for the portal, or print a mailto: URL",
            )
            sub.add_argument("--out", type=Path, metavar="DIR", help="folder for the request files")
        requests.add_parser("list", help="recorded requests and their status", parents=[common])
        for name, help in (
            ("sent", "mark a request opened in a mail program as sent"),
            ("cancel", "cancel a request"),
        ):
            sub = requests.add_parser(name, help=help, parents=[common])
            sub.add_argument("request_id", type=RECORD_ID, metavar="NUMBER")

    if wanted("trust"):
        trust = group(command("trust", "the keys this console trusts"), "trust_command")
        trust.add_parser("list", help="every key of this run, its id and source", parents=[common])
        trust_add = trust.add_parser(
            "add", help="trust the keys of a trust file from now on", parents=[common]
        )
        trust_add.add_argument("file", type=Path)
        trust_add.add_argument("--yes", action="store_true", help="do not ask before adding")
        trust_remove = trust.add_parser(
            "remove", help="stop trusting an added key", parents=[common]
        )
        trust_remove.add_argument("kid", metavar="KID")

    if wanted("clock"):
        clock = group(command("clock", "the clock mark (R15)"), "clock_command")
        clock.add_parser(
            "acknowledge",
            help="record that the latest date seen came from a clock that was ahead",
            parents=[common],
        )

    if wanted("db-password"):
        command(
            "db-password",
            "save the password of the --db server in the OS keyring (asked on the terminal, or "
            "read from standard input)",
        )
    return parser
