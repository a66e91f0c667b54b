"""The command line of SPEC.md section 5: a stable interface for scripts and monitoring.

    python -m app [--db URL] [--as-of DATE] [--trust FILE]... [--demo] COMMAND ... [--json]

Exit codes follow the monitoring-plugin convention: 0 OK, 1 warning, 2 critical, 3 unknown (bad
input, usage error). Every error is one line naming the problem; a traceback goes to the log
file, never to the terminal. Imports are deferred so that a command pays only for what it uses.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from app.errors import UserError
from licensing.errors import DateOutOfRange

if TYPE_CHECKING:
    from app.services import Console
    from licensing.rules import RenewalQuote

EXIT_UNKNOWN = 3


class UsageError(UserError):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on a usage error; the monitoring convention wants 3 (unknown)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


def _common_options(defaults: bool) -> _Parser:
    """Options accepted before or after the command; only the top level sets the defaults."""
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
        # A subcommand parses into a fresh namespace that would replace, not extend, the files
        # given before the command: keep them apart and join them in `main`.
        dest="trust" if defaults else "trust_after_command",
        default=default([]),
        type=Path,
        help="also trust the keys of this trust file",
    )
    parent.add_argument(
        "--demo",
        action="store_true",
        default=default(False),
        help="use the demo license and the demo database",
    )
    parent.add_argument(
        "--json", action="store_true", default=default(False), help="print JSON for scripts"
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    common = _common_options(defaults=False)
    parser = _Parser(
        prog="entitlement-console",
        description=__doc__.split("\n\n")[0],
        parents=[_common_options(defaults=True)],
    )
    parser.add_argument(
        "--screenshots",
        type=Path,
        metavar="DIR",
        help="render every page of the window to PNG and exit",
    )
    parser.add_argument(
        "--quit-when-ready", action="store_true", help="quit as soon as the window shows its data"
    )
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help, description=help, parents=[common])

    verify = command("verify", "check one signed document")
    verify.add_argument("file", type=Path)
    importer = command("import", "import signed documents of any type (all or nothing)")
    importer.add_argument("files", type=Path, nargs="+")
    command("status", "the dashboard: license, S&M state, tickets, warnings")

    tickets = command("tickets", "the local ticket ledger")
    ticket_commands = tickets.add_subparsers(
        dest="tickets_command", required=True, parser_class=_Parser
    )
    add = ticket_commands.add_parser("add", help="record a support case", parents=[common])
    add.add_argument("--case", required=True, metavar="ID")
    add.add_argument("--opened", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--kind", default="incident", choices=["incident", "service_request"])
    add.add_argument("--classification", default="customer", choices=["customer", "product_bug"])
    add.add_argument("--category", default="product", metavar="CAT")
    add.add_argument("--title", metavar="T")
    classify = ticket_commands.add_parser(
        "classify", help="change a case's classification", parents=[common]
    )
    classify.add_argument("case_id", metavar="ID")
    classify.add_argument("classification", choices=["customer", "product_bug"])
    ticket_commands.add_parser("list", help="every ticket with what it cost", parents=[common])
    csv_import = ticket_commands.add_parser(
        "import", help="add tickets from a CSV file (all or nothing)", parents=[common]
    )
    csv_import.add_argument("csv", type=Path)

    upgrade = command("upgrade-check", "may a version be installed (R4)?")
    upgrade.add_argument("--version", metavar="V")
    upgrade.add_argument("--released-on", metavar="YYYY-MM-DD")
    upgrade.add_argument("--catalog", type=Path, metavar="FILE", help="a signed release catalog")
    upgrade.add_argument("--installed", metavar="V", help="list only releases newer than this one")

    quote = command("renewal-quote", "what a renewal costs and covers (R5, R6)")
    quote.add_argument("--years", type=int, metavar="N")
    quote.add_argument(
        "--users", type=int, metavar="N", help="requested user seats (needs a vendor quote)"
    )
    quote.add_argument(
        "--devices", type=int, metavar="N", help="requested device seats (needs a vendor quote)"
    )

    eligible = command("eligibility", "may a new support request be opened (R13)?")
    eligible.add_argument("--category", required=True, metavar="CAT")
    eligible.add_argument(
        "--classification", default="customer", choices=["customer", "product_bug"]
    )

    command(
        "db-password",
        "save the password of the --db server in the OS keyring (asked on the terminal, or "
        "read from standard input)",
    )

    request = command("request", "make a renewal or support-pack request")
    request_commands = request.add_subparsers(
        dest="request_command", required=True, parser_class=_Parser
    )
    renewal = request_commands.add_parser(
        "renewal", help="request an S&M renewal", parents=[common]
    )
    renewal.add_argument("--years", type=int, metavar="N")
    renewal.add_argument("--users", type=int, metavar="N")
    renewal.add_argument("--devices", type=int, metavar="N")
    packs = request_commands.add_parser(
        "packs", help="request extra support packs", parents=[common]
    )
    packs.add_argument("--count", type=int, required=True, metavar="N")
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
        sub.add_argument(
            "--out",
            type=Path,
            metavar="DIR",
            help="folder for the request files (default: the data folder)",
        )
    request_commands.add_parser("list", help="recorded requests and their status", parents=[common])
    return parser


# Output -------------------------------------------------------------------------------------


def _emit(args: argparse.Namespace, data: Any, human: Callable[[], str]) -> None:
    _print(json.dumps(data, indent=2, ensure_ascii=False) if args.json else human())


def _print(text: str) -> None:
    """Prints to stdout; a character its encoding cannot write (a file name's undecodable byte,
    a name outside a redirected Windows console's code page) is escaped, not a crash."""
    try:
        print(text)
    except UnicodeEncodeError:
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        print(text.encode(encoding, "backslashreplace").decode(encoding, "replace"))


def _refuse_undecodable(args: argparse.Namespace) -> None:
    """Bytes of an argument that the system's encoding cannot decode arrive as lone surrogates
    (POSIX): such a value can be neither stored nor printed, so it is refused in one line. File
    paths (`Path` values) keep them: the OS takes them back as they came."""
    for value in vars(args).values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and any("\ud800" <= c <= "\udfff" for c in item):
                raise UsageError(
                    f"the argument {item!a} is not valid text (bytes that the system's encoding "
                    "cannot decode)"
                )


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _open_console(args: argparse.Namespace) -> Console:
    from app.bootstrap import open_console

    return open_console(args.db, args.demo, args.trust)


def _as_of(args: argparse.Namespace, console: Console) -> date:
    from app.services import parse_day

    return parse_day(args.as_of, "--as-of") if args.as_of else console.today


def _cmd_verify(args: argparse.Namespace, console: Console) -> int:
    from app.services import read_document_file

    result = console.verify(read_document_file(args.file))
    document, error = result.document, result.error
    data = {
        "valid": document is not None,
        "type": document.type.value if document else error.document_type if error else None,
        "kid": document.kid if document else error.kid if error else None,
        "trust": document.trust.value if document else error.trust if error else None,
        "claims": document.raw_claims if document else error.raw_claims if error else None,
        "error": {"code": error.code, "message": error.message} if error else None,
    }

    def human() -> str:
        if document:
            return f"valid {document.type.value}, signed by {document.kid} ({document.trust.value} key)"
        assert error is not None
        return f"INVALID ({error.code}): {error.message}"

    _emit(args, data, human)
    return 0 if document else 2


def _cmd_import(args: argparse.Namespace, console: Console) -> int:
    report = console.import_files(args.files)
    data = {
        "imported": report.succeeded,
        "files": [
            {
                "path": f.path,
                "status": f.status,
                "type": f.document_type,
                "message": f.message,
                "error": f.error_code,
            }
            for f in report.files
        ],
    }

    def human() -> str:
        lines = [
            f"{f.path}: {f.status}"
            + (f" {f.document_type}" if f.document_type else "")
            + f": {f.message}"
            for f in report.files
        ]
        if not report.succeeded:
            lines.append("nothing was imported: fix or remove the refused files and try again")
        return "\n".join(lines)

    _emit(args, data, human)
    return report.exit_code


def _status_json(report: Any) -> dict[str, Any]:
    from app.messages import warning_message

    current, sm, balance = report.license, report.sm, report.balance
    return {
        "as_of": report.as_of.isoformat(),
        "license": None
        if current is None
        else {
            "license_id": current.claims.license_id,
            "revision": current.claims.revision,
            "customer": current.claims.customer.name,
            "product_code": current.claims.product.code,
            "license_type": current.claims.license_type.value,
            "seats": {"users": current.claims.seats.users, "devices": current.claims.seats.devices},
        },
        "sm": None
        if sm is None
        else {
            "start": sm.start.isoformat(),
            "end": sm.end.isoformat(),
            "state": sm.state.value,
            "days_to_expiry": sm.days_to_expiry,
            "reinstatement_fee_applies": sm.reinstatement_fee_applies,
        },
        "tickets": None
        if balance is None
        else {
            "period_start": _day(balance.period_start),
            "period_end": _day(balance.period_end),
            "annual_allocated": balance.annual_allocated,
            "annual_used": balance.annual_used,
            "annual_remaining": balance.annual_remaining,
            "packs": [
                {
                    "pack_id": p.pack_id,
                    "purchased_on": p.purchased_on.isoformat(),
                    "expires_on": p.expires_on.isoformat(),
                    "tickets": p.tickets,
                    "used": p.used,
                    "remaining": p.remaining,
                }
                for p in balance.packs
            ],
            "remaining_total": balance.remaining_total,
            "not_deducted_bug": balance.not_deducted_bug,
            "unfunded": balance.unfunded,
            "ineligible": balance.ineligible,
        },
        "warnings": [
            {"code": w.code.value, "message": warning_message(w)} for w in report.warnings
        ],
    }


_SEVERITY_WORD = {0: "OK", 1: "WARNING", 2: "CRITICAL", 3: "UNKNOWN"}


def _status_human(report: Any) -> str:
    from app.messages import warning_message

    lines = [f"Entitlement status on {report.as_of.isoformat()}: {_SEVERITY_WORD[report.severity]}"]
    current, sm, balance = report.license, report.sm, report.balance
    if current is not None:
        c = current.claims
        lines += [
            f"License   {c.license_id} revision {c.revision} ({current.trust.value} key): {c.customer.name}",
            f"Product   {c.product.name} ({c.product.code}), {c.license_type.value}, {c.seats.users} users / {c.seats.devices} devices",
            f"S&M       {sm.start.isoformat()} to {sm.end.isoformat()}: {sm.state.value}"
            + (
                f", {sm.days_to_expiry} day(s) left"
                if sm.days_to_expiry > 0
                else f", ended {-sm.days_to_expiry} day(s) ago"
            ),
        ]
        if balance.period_start:
            lines.append(
                f"Tickets   period {balance.period_start.isoformat()} to {balance.period_end.isoformat()}: "
                f"{balance.annual_used} of {balance.annual_allocated} used, {balance.annual_remaining} left"
            )
        else:
            lines.append("Tickets   no S&M ticket period contains this day")
        for p in balance.packs:
            lines.append(
                f"  pack {p.pack_id}: {p.remaining} of {p.tickets} left, use before {p.expires_on.isoformat()}"
            )
        lines.append(
            f"  left in all: {balance.remaining_total}; not deducted (product bugs): {balance.not_deducted_bug}; "
            f"unfunded: {balance.unfunded}; ineligible: {balance.ineligible}"
        )
    for w in report.warnings:
        lines.append(f"{_SEVERITY_WORD[w.severity]:9} {warning_message(w)}")
    return "\n".join(lines)


def _cmd_status(args: argparse.Namespace, console: Console) -> int:
    report = console.status(_as_of(args, console))
    _emit(args, _status_json(report), lambda: _status_human(report))
    return int(report.severity)


def _cmd_tickets(args: argparse.Namespace, console: Console) -> int:
    from app.services import parse_day
    from licensing.claims import Category, Classification, Ticket, TicketKind

    match args.tickets_command:
        case "add":
            try:
                category = Category(args.category)
            except ValueError:
                raise UserError(
                    f"--category '{args.category}' is not one of {', '.join(c.value for c in Category)}"
                ) from None
            ticket = Ticket(
                args.case,
                parse_day(args.opened, "--opened"),
                TicketKind(args.kind),
                Classification(args.classification),
                category,
                args.title,
            )
            console.add_ticket(ticket)
            _emit(args, {"added": ticket.case_id}, lambda: f"added ticket {ticket.case_id}")
        case "classify":
            console.classify(args.case_id, Classification(args.classification))
            _emit(
                args,
                {"classified": args.case_id, "classification": args.classification},
                lambda: f"{args.case_id} is now {args.classification}",
            )
        case "import":
            count = console.import_tickets_csv(args.csv)
            _emit(args, {"imported": count}, lambda: f"imported {count} ticket(s) from {args.csv}")
        case "list":
            entries = console.list_tickets(_as_of(args, console))
            rows = [
                {
                    "case_id": e.ticket.case_id,
                    "opened_on": e.ticket.opened_on.isoformat(),
                    "kind": e.ticket.kind.value,
                    "classification": e.ticket.classification.value,
                    "category": e.ticket.category.value,
                    "title": e.ticket.title,
                    "source": e.source,
                    "outcome": e.outcome.value,
                    "bucket": None
                    if e.bucket is None
                    else ("annual" if e.bucket.kind == 0 else "pack"),
                    "bucket_id": None if e.bucket is None else e.bucket.key,
                }
                for e in entries
            ]

            def human() -> str:
                if not rows:
                    return "no tickets"
                out = [
                    f"{'case':14} {'opened':10} {'classification':14} {'category':14} {'outcome':17} drawn from"
                ]
                for r in rows:
                    drawn = "" if r["bucket"] is None else f"{r['bucket']} {r['bucket_id']}"
                    out.append(
                        f"{r['case_id']:14} {r['opened_on']:10} {r['classification']:14} {r['category']:14} {r['outcome']:17} {drawn}"
                    )
                return "\n".join(out)

            _emit(args, {"tickets": rows}, human)
    return 0


def _quote_json(quote: RenewalQuote) -> dict[str, Any]:
    def money(value: Any) -> str | None:
        return None if value is None else str(value)

    return {
        "years": quote.years,
        "period_start": quote.period_start.isoformat(),
        "period_end": quote.period_end.isoformat(),
        "currency": quote.currency,
        "base_amount": money(quote.base_amount),
        "reinstatement_fee": money(quote.reinstatement_fee),
        "total": money(quote.total),
        "min_years_to_be_current": quote.min_years_to_be_current,
        "becomes_current": quote.becomes_current,
    }


def _cmd_renewal_quote(args: argparse.Namespace, console: Console) -> int:
    as_of = _as_of(args, console)
    quote = console.renewal_quote(
        as_of, args.years, args.users is not None or args.devices is not None
    )

    def human() -> str:
        lines = [
            f"Renewal of {quote.years} year(s): {quote.period_start.isoformat()} to {quote.period_end.isoformat()} (backdated to the old expiry)"
        ]
        if quote.total is None:
            lines.append(
                "Seat change: the vendor quotes it (price depends on product category and seats)"
            )
        else:
            lines.append(
                f"Base {quote.base_amount} {quote.currency} + reinstatement fee {quote.reinstatement_fee} = total {quote.total} {quote.currency} (estimate)"
            )
        if not quote.becomes_current:
            lines.append(
                f"WARNING: this leaves S&M expired on {as_of.isoformat()}; at least {quote.min_years_to_be_current} year(s) are needed"
            )
        return "\n".join(lines)

    _emit(args, _quote_json(quote), human)
    if not quote.becomes_current:
        print(
            f"warning: {quote.years} year(s) leave S&M expired; {quote.min_years_to_be_current} needed",
            file=sys.stderr,
        )
        return 1
    return 0


def _cmd_upgrade_check(args: argparse.Namespace, console: Console) -> int:
    from app.messages import upgrade_message
    from app.services import parse_day, parse_version, read_document_file

    as_of = _as_of(args, console)
    if args.version or args.released_on:
        if not (args.version and args.released_on) or args.catalog:
            raise UsageError(
                "upgrade-check: give --version V --released-on DATE, or --catalog FILE [--installed V]"
            )
        version = parse_version(args.version)
        decision = console.upgrade_check(parse_day(args.released_on, "--released-on"), as_of)
        sm_end = console.require_license().claims.sm_end.isoformat()
        data = {
            "version": str(version),
            "released_on": decision.released_on.isoformat(),
            "permitted": decision.permitted,
            "reason": decision.reason.value,
        }
        _emit(
            args,
            data,
            lambda: (
                f"{version}: {'permitted' if decision.permitted else 'NOT permitted'}: {upgrade_message(decision, sm_end)}"
            ),
        )
        return 0 if decision.permitted else 1
    catalog = read_document_file(args.catalog) if args.catalog else None
    installed = parse_version(args.installed) if args.installed else None
    verdict = console.catalog_check(as_of, catalog, installed)
    sm_end = console.require_license().claims.sm_end.isoformat()
    data = {
        "releases": [
            {
                "version": str(r.version),
                "released_on": r.released_on.isoformat(),
                "permitted": r.decision.permitted,
            }
            for r in verdict.releases
        ],
        "latest_permitted": str(verdict.latest_permitted) if verdict.latest_permitted else None,
    }

    def human() -> str:
        lines = [
            f"{r.version!s:12} {r.released_on.isoformat()}  {'permitted' if r.decision.permitted else 'NOT permitted'}: {upgrade_message(r.decision, sm_end)}"
            for r in verdict.releases
        ]
        lines.append(f"latest permitted: {verdict.latest_permitted or 'none'}")
        return "\n".join(lines)

    _emit(args, data, human)
    return 0


def _cmd_eligibility(args: argparse.Namespace, console: Console) -> int:
    from app.messages import ineligible_message
    from licensing.claims import Category, Classification

    try:
        category = Category(args.category)
    except ValueError:
        raise UserError(
            f"--category '{args.category}' is not one of {', '.join(c.value for c in Category)}"
        ) from None
    result = console.eligibility(
        category, Classification(args.classification), _as_of(args, console)
    )
    data = {"eligible": result.eligible, "reasons": [r.value for r in result.reasons]}

    def human() -> str:
        if result.eligible:
            return "eligible: a new support request may be opened"
        return "NOT eligible: " + "; ".join(ineligible_message(r) for r in result.reasons)

    _emit(args, data, human)
    return 0 if result.eligible else 1


def _cmd_request_list(args: argparse.Namespace, console: Console) -> int:
    from app import store

    with console.database.read() as connection:
        recorded = store.load_requests(connection)
    data = {
        "requests": [
            {
                "id": r.id,
                "kind": r.kind,
                "license_id": r.license_id,
                "created_at": r.created_at,
                "status": r.status,
                "channel": r.channel,
                "file": r.file_path,
            }
            for r in recorded
        ]
    }
    _emit(
        args,
        data,
        lambda: (
            "\n".join(
                f"#{r.id} {r.created_at} {r.kind} {r.license_id} {r.status} via {r.channel}"
                for r in recorded
            )
            or "no requests"
        ),
    )
    return 0


def _cmd_request(args: argparse.Namespace, console: Console) -> int:
    from app import requests as req
    from app.paths import app_paths

    if args.request_command == "list":
        return _cmd_request_list(args, console)
    as_of = _as_of(args, console)
    contact = req.Contact(args.contact_name, args.contact_email, args.contact_phone)
    if args.request_command == "renewal":
        composed = req.compose_renewal(
            console,
            as_of,
            args.years,
            req.SeatChange(args.users, args.devices),
            contact,
            args.notes,
        )
    else:
        composed = req.compose_packs(console, as_of, args.count, args.po, contact, args.notes)
    folder = args.out or app_paths().requests
    recorded = req.record_request(
        console, composed, args.via, folder if args.via == "file" else None, as_of
    )
    data = {
        "id": recorded.id,
        "kind": composed.kind,
        "status": recorded.status,
        "channel": recorded.channel,
        "json_file": str(recorded.json_path) if recorded.json_path else None,
        "text_file": str(recorded.text_path) if recorded.text_path else None,
        "mailto": composed.mailto_url(),
        "request": composed.payload,
    }

    def human() -> str:
        if recorded.channel == "file":
            return f"request #{recorded.id} saved:\n  {recorded.json_path}\n  {recorded.text_path}\nsend it through the support portal or to {composed.recipient}"
        return f"request #{recorded.id} recorded; open this link in your mail client:\n{composed.mailto_url()}"

    _emit(args, data, human)
    return 0


def _cmd_db_password(args: argparse.Namespace) -> int:
    import getpass

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from app.secrets import SecretStore, SecretsUnavailable, database_secret_name

    if not args.db:
        raise UsageError("db-password needs --db URL (the server whose password to save)")
    try:
        url = make_url(args.db)._replace(password=None)
    except ArgumentError:
        raise UserError(f"'{args.db}' is not a database URL") from None
    if url.get_backend_name() == "sqlite":
        raise UserError("a SQLite file has no password")
    password = (
        getpass.getpass("Password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\r\n")
    )
    if not password:
        raise UserError("no password given: nothing saved")
    try:
        SecretStore().set(database_secret_name(url.render_as_string(hide_password=False)), password)
    except SecretsUnavailable as exc:
        raise UserError(str(exc)) from None
    where = url.render_as_string(hide_password=True)
    _emit(args, {"saved": where}, lambda: f"password for {where} saved in the OS keyring")
    return 0


_COMMANDS: dict[str, Callable[[argparse.Namespace, Console], int]] = {
    "verify": _cmd_verify,
    "import": _cmd_import,
    "status": _cmd_status,
    "tickets": _cmd_tickets,
    "renewal-quote": _cmd_renewal_quote,
    "upgrade-check": _cmd_upgrade_check,
    "eligibility": _cmd_eligibility,
    "request": _cmd_request,
}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        args.trust = [*args.trust, *getattr(args, "trust_after_command", [])]
        _refuse_undecodable(args)
        if args.command is None:
            from app.gui import run_gui

            return run_gui(args.db, args.demo, args.trust, args.screenshots, args.quit_when_ready)
        if args.command == "db-password":
            return _cmd_db_password(args)
        console = _open_console(args)
        try:
            return _COMMANDS[args.command](args, console)
        finally:
            console.database.dispose()
    except UserError as exc:
        print(f"entitlement-console: {exc}", file=sys.stderr)
        return exc.exit_code
    except DateOutOfRange as exc:  # e.g. a renewal evaluated --as-of 9999-12-31: bad input
        print(f"entitlement-console: {exc}", file=sys.stderr)
        return EXIT_UNKNOWN
    except KeyboardInterrupt:
        print("entitlement-console: interrupted", file=sys.stderr)
        return EXIT_UNKNOWN
    except Exception as exc:
        from app.logs import log_exception

        where = log_exception("unexpected error in the command line")
        print(
            f"entitlement-console: internal error ({type(exc).__name__}); {where}", file=sys.stderr
        )
        return EXIT_UNKNOWN


if __name__ == "__main__":
    sys.exit(main())
