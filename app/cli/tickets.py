"""`tickets add|classify|dispute|withdraw|assign|list|export|import`: the ledger (R9-R12, R16, R17)."""

from __future__ import annotations

import argparse
import sys
from enum import StrEnum
from typing import TypeVar

from app import tickets
from app.cli.common import as_of, category, one_license_option, parse_day
from app.cli.output import emit, escaped, write
from app.cli.parser import UsageError
from app.cli.render import ticket_json
from app.console import Console
from app.errors import UserError
from licensing.claims import Classification, Ticket, TicketKind, enum_value

E = TypeVar("E", bound=StrEnum)


def _member(enum: type[E], text: str, option: str) -> E:
    """The member an option names; a value the parser let through but the enum does not know is
    a user error, never an internal one."""
    try:
        return enum_value(enum, text, option)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def run(args: argparse.Namespace, console: Console) -> int:
    match args.tickets_command:
        case "add":
            ticket = Ticket(
                args.case,
                parse_day(args.opened, "--opened"),
                _member(TicketKind, args.kind, "--kind"),
                _member(Classification, args.classification, "--classification"),
                category(args.category),
                args.title,
            )
            license_id = tickets.add_ticket(console, ticket, one_license_option(args))
            emit(
                args.json,
                {"added": ticket.case_id, "license_id": license_id},
                lambda: f"added ticket {ticket.case_id} to license {license_id}",
            )
        case "classify":
            classification = _member(Classification, args.classification, "classification")
            outcome = tickets.classify(console, args.case_id, classification, args.reason)
            _edited(args, outcome, args.case_id, f"classification {classification.value}")
        case "dispute":
            _dispute(args, console)
        case "withdraw":
            tickets.withdraw_dispute(console, args.case_id)
            emit(
                args.json,
                {"withdrawn": args.case_id},
                lambda: f"the dispute of {args.case_id} is withdrawn",
            )
        case "assign":
            if len(args.license) != 1:
                raise UsageError("tickets assign needs --license ID (once)")
            count = tickets.assign(console, args.case_ids, args.license[0])
            emit(
                args.json,
                {"assigned": args.case_ids, "license_id": args.license[0]},
                lambda: f"assigned {count} ticket(s) to license {args.license[0]}",
            )
        case "import":
            count = tickets.import_csv(console, args.csv, license_id=one_license_option(args))
            emit(
                args.json,
                {"imported": count},
                lambda: f"imported {count} ticket(s) from {args.csv}",
            )
        case "export":
            _export(args, console)
        case "list":
            _list(args, console)
    return 0


def _edited(
    args: argparse.Namespace, outcome: tickets.EditOutcome, case_id: str, what: str
) -> None:
    words = {
        tickets.EditOutcome.UPDATED: f"{case_id}: {what}",
        tickets.EditOutcome.DISPUTED: (
            f"{case_id} is on the vendor's statement, which stays as it is: your view ({what}) "
            "is recorded as a dispute beside it; balances change only when a statement agrees"
        ),
        tickets.EditOutcome.UNCHANGED: f"{case_id}: its record already says so; nothing recorded",
    }
    emit(args.json, {"case_id": case_id, "outcome": outcome.value}, lambda: words[outcome])


def _dispute(args: argparse.Namespace, console: Console) -> None:
    if not (args.opened or args.kind or args.classification or args.category):
        raise UsageError("say what you dispute: --opened, --kind, --classification or --category")
    outcome = tickets.dispute(
        console,
        args.case_id,
        args.reason,
        opened_on=parse_day(args.opened, "--opened") if args.opened else None,
        kind=_member(TicketKind, args.kind, "--kind") if args.kind else None,
        classification=_member(Classification, args.classification, "--classification")
        if args.classification
        else None,
        category=category(args.category) if args.category else None,
    )
    _edited(args, outcome, args.case_id, "recorded")


def _list(args: argparse.Namespace, console: Console) -> None:
    entries = tickets.list_tickets(console, as_of(args, console), one_license_option(args))
    rows = [ticket_json(e) for e in entries]

    def human() -> str:
        if not rows:
            return "no tickets"
        out = [
            f"{'case':14} {'license':18} {'opened':10} {'classification':14} {'category':14} "
            f"{'outcome':17} drawn from"
        ]
        for r in rows:
            drawn = "" if r["bucket"] is None else f"{r['bucket']} {r['bucket_id']}"
            disputed = "  (disputed)" if r["dispute"] else ""
            out.append(
                f"{r['case_id']:14} {r['license_id'] or '(unassigned)':18} {r['opened_on']:10} "
                f"{r['classification']:14} {r['category']:14} {r['outcome']:17} {drawn}{disputed}"
            )
        return "\n".join(out)

    emit(args.json, {"tickets": rows}, human)


def _export(args: argparse.Namespace, console: Console) -> None:
    entries = tickets.list_tickets(console, as_of(args, console), one_license_option(args))
    text = tickets.tickets_csv(entries)
    if args.out is None:
        # To a terminal, text from documents is escaped; into a pipe or file, the data as it is.
        write(escaped(text.rstrip("\n")) if sys.stdout.isatty() else text.rstrip("\n"))
        return
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    emit(
        args.json,
        {"exported": len(entries), "file": str(args.out)},
        lambda: f"exported {len(entries)} ticket(s) to {args.out}",
    )
