"""The ticket ledger (docs/rules.md R9-R12, R16, R17): local cases recorded, edited, assigned to a
license, imported from and exported to CSV; vendor cases disputed but never changed.
"""

from __future__ import annotations

import csv
import getpass
import io
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from app.console import Console
from app.errors import Cancelled, UserError
from app.files import read_user_file
from app.reading import read_portfolio
from app.status import one_license, portfolio_status
from app.storage import disputes as stored_disputes
from app.storage import tickets as stored_tickets
from licensing.claims import (
    MAX_CASE_ID_LENGTH,
    MAX_TEXT_LENGTH,
    Category,
    Classification,
    Ticket,
    TicketKind,
    enum_value,
)
from licensing.portfolio import Dispute, LocalTicket, Portfolio, TicketEntry, ticket_entries
from licensing.values import one_line_problem, parse_date

if TYPE_CHECKING:
    from sqlalchemy import Connection

MAX_CSV_BYTES = 16 * 1024 * 1024
MAX_REASON_LENGTH = 2000


def check_ticket(ticket: Ticket) -> None:
    """What a local ticket must be before it is stored: a one-line case id and title."""
    if not ticket.case_id.strip():
        raise UserError("a case id must not be empty")
    for what, value, limit in (
        ("the case id", ticket.case_id, MAX_CASE_ID_LENGTH),
        ("the title", ticket.title or "", MAX_TEXT_LENGTH),
    ):
        problem = one_line_problem(value, limit)
        if problem:
            raise UserError(f"{what} {problem}")


def _who() -> str:
    try:
        return getpass.getuser()[:200]
    except (OSError, KeyError, ImportError):
        return "unknown user"


def add_ticket(console: Console, ticket: Ticket, license_id: str | None = None) -> str:
    """Records a local case for the license named, or the only one; returns that license's id."""
    check_ticket(ticket)
    with console.database.write() as connection:
        portfolio = read_portfolio(console, connection)
        license = one_license(portfolio, license_id)
        if ticket.case_id in portfolio.vendor_records or stored_tickets.existing_case_ids(
            connection, [ticket.case_id]
        ):
            raise UserError(
                f"a ticket with case id '{ticket.case_id}' already exists; use 'tickets classify' "
                "to change it"
            )
        stored_tickets.insert_tickets(
            connection, [LocalTicket(ticket, license.license_id)], console.stamp()
        )
    return license.license_id


class EditOutcome(StrEnum):
    UPDATED = "updated"
    """A local ticket was changed."""
    DISPUTED = "disputed"
    """A vendor ticket: the admin's view was recorded beside it, the vendor's record stands."""
    UNCHANGED = "unchanged"


def _locals(portfolio: Portfolio, case_ids: Collection[str]) -> dict[str, LocalTicket]:
    """The local tickets of these case ids, in one pass over the ledger."""
    return {
        ticket.case_id: LocalTicket(ticket, license_id)
        for license_id, group in portfolio.local_tickets.items()
        for ticket in group
        if ticket.case_id in case_ids
    }


def _record_dispute(
    connection: Connection, console: Console, vendor: Ticket, wanted: Ticket, reason: str
) -> EditOutcome:
    """R17: the admin's view of a vendor ticket, on the fields where it differs, beside it."""
    dispute = Dispute.against(vendor, wanted, _reason(reason), _who(), console.now())
    if dispute is None:
        return EditOutcome.UNCHANGED
    stored_disputes.save_dispute(connection, dispute)
    return EditOutcome.DISPUTED


def edit_ticket(
    console: Console,
    ticket: Ticket,
    license_id: str | None = None,
    reason: str = "",
) -> EditOutcome:
    """Changes a local case; for a vendor case (R17) records a dispute of the fields that differ
    from the vendor's record instead, and changes nothing the balances are computed from."""
    check_ticket(ticket)
    with console.database.write() as connection:
        portfolio = read_portfolio(console, connection)
        record = portfolio.vendor_records.get(ticket.case_id)
        if record is not None:
            return _record_dispute(connection, console, record.ticket, ticket, reason)
        local = _locals(portfolio, {ticket.case_id}).get(ticket.case_id)
        if local is None:
            raise UserError(f"no ticket with case id '{ticket.case_id}'")
        target = local.license_id
        if license_id is not None:
            target = one_license(portfolio, license_id).license_id
        stored_tickets.update_ticket(connection, ticket, target, console.stamp())
    return EditOutcome.UPDATED


def classify(
    console: Console, case_id: str, classification: Classification, reason: str = ""
) -> EditOutcome:
    """R10 for a local case; for a vendor case, a dispute (R17)."""
    return classify_tickets(console, [case_id], classification, reason)[case_id]


def classify_tickets(
    console: Console, case_ids: Sequence[str], classification: Classification, reason: str = ""
) -> dict[str, EditOutcome]:
    """R10 for local cases, a dispute (R17) for vendor ones: in one transaction, all or nothing
    (an unknown case id changes nothing). A case that already says so is left as it is."""
    wanted = list(dict.fromkeys(case_ids))
    if not wanted:
        return {}
    with console.database.write() as connection:
        portfolio = read_portfolio(console, connection)
        records = portfolio.vendor_records
        local = _locals(portfolio, {c for c in wanted if c not in records})
        unknown = [c for c in wanted if c not in records and c not in local]
        if unknown:
            raise UserError(f"no ticket with case id '{unknown[0]}'")
        outcomes: dict[str, EditOutcome] = {}
        now = console.stamp()
        for case_id in wanted:
            record = records.get(case_id)
            if record is not None:
                vendor = record.ticket
                outcomes[case_id] = _record_dispute(
                    connection,
                    console,
                    vendor,
                    vendor._replace(classification=classification),
                    reason,
                )
                continue
            ticket, license_id = local[case_id]
            if ticket.classification is classification:
                outcomes[case_id] = EditOutcome.UNCHANGED
                continue
            changed = ticket._replace(classification=classification)
            stored_tickets.update_ticket(connection, changed, license_id, now)
            outcomes[case_id] = EditOutcome.UPDATED
    return outcomes


def dispute(
    console: Console,
    case_id: str,
    reason: str,
    *,
    opened_on: date | None = None,
    kind: TicketKind | None = None,
    classification: Classification | None = None,
    category: Category | None = None,
) -> EditOutcome:
    """R17: records the admin's view of a vendor case (the fields given; None: as the vendor
    says) beside the vendor's record, which stays as it is. A local case is refused."""
    with console.database.write() as connection:
        portfolio = read_portfolio(console, connection)
        record = portfolio.vendor_records.get(case_id)
        if record is None:
            raise UserError(
                f"'{case_id}' is on no vendor statement: a local ticket is changed, not disputed"
            )
        vendor = record.ticket
        wanted = vendor._replace(
            opened_on=vendor.opened_on if opened_on is None else opened_on,
            kind=vendor.kind if kind is None else kind,
            classification=vendor.classification if classification is None else classification,
            category=vendor.category if category is None else category,
        )
        return _record_dispute(connection, console, vendor, wanted, reason)


def _reason(text: str) -> str:
    text = text.strip()
    if len(text) > MAX_REASON_LENGTH:
        raise UserError(f"a reason has at most {MAX_REASON_LENGTH} characters")
    problem = one_line_problem(text.replace("\n", " ").replace("\t", " "), MAX_REASON_LENGTH)
    if problem:
        raise UserError(f"the reason {problem}")
    return text


def withdraw_dispute(console: Console, case_id: str) -> None:
    withdraw_disputes(console, [case_id])


def withdraw_disputes(console: Console, case_ids: Sequence[str]) -> int:
    """Withdraws the disputes of these cases in one transaction, all or nothing: a case with no
    dispute withdraws none. Returns how many were withdrawn."""
    wanted = list(dict.fromkeys(case_ids))
    with console.database.write() as connection:
        missing = [c for c in wanted if not stored_disputes.withdraw(connection, c)]
        if missing:
            shown = ", ".join(f"'{c}'" for c in missing[:5]) + (" ..." if len(missing) > 5 else "")
            which = f"ticket {shown} has" if len(missing) == 1 else f"tickets {shown} have"
            rest = "; none was withdrawn" if len(wanted) > 1 else ""
            raise UserError(f"{which} no dispute to withdraw{rest}")
    return len(wanted)


def assign(console: Console, case_ids: Sequence[str], license_id: str) -> int:
    """Assigns local cases to a license (R16: a migration leaves them unassigned when several
    licenses were stored); a vendor case belongs to its statement's license and is refused."""
    with console.database.write() as connection:
        portfolio = read_portfolio(console, connection)
        target = one_license(portfolio, license_id).license_id
        vendor = [c for c in case_ids if c in portfolio.vendor_records]
        if vendor:
            raise UserError(
                f"{', '.join(vendor[:5])}: on the vendor's statement, which names its license"
            )
        local = {t.case_id for group in portfolio.local_tickets.values() for t in group}
        unknown = [c for c in case_ids if c not in local]
        if unknown:
            raise UserError(f"no ticket with case id '{unknown[0]}'")
        return stored_tickets.assign(connection, list(case_ids), target, console.stamp())


def list_tickets(console: Console, as_of: date, license_id: str | None = None) -> list[TicketEntry]:
    """Every ticket opened up to `as_of` with what it cost, of one license or of all."""
    return ticket_entries(portfolio_status(console, as_of, license_id))


# CSV --------------------------------------------------------------------------------------


CSV_COLUMNS = ("case_id", "opened_on", "kind", "classification", "category", "title", "license_id")
EXPORTED_COLUMNS = ("source", "outcome", "bucket", "dispute")  # written by export, not read
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED_STARTS = (*_FORMULA_STARTS, "'")


@dataclass(frozen=True, slots=True, kw_only=True)
class CsvRowError:
    row: int
    message: str


class CsvImportError(UserError):
    def __init__(self, path: str, errors: Sequence[CsvRowError]) -> None:
        self.errors = tuple(errors)
        super().__init__(
            f"{path}: {len(self.errors)} bad row(s), nothing imported; "
            + "; ".join(f"row {e.row}: {e.message}" for e in self.errors[:20])
            + (" ..." if len(self.errors) > 20 else "")
        )


def import_csv(
    console: Console,
    path: Path,
    cancelled: Callable[[], bool] | None = None,
    license_id: str | None = None,
) -> int:
    """Adds every row of a CSV file, or none: a bad row stores nothing and is named by number.

    Rows go to their `license_id` column, else to `license_id`, else to the only license.
    `cancelled` is asked between the steps and last before the commit.
    """

    def check() -> None:
        if cancelled is not None and cancelled():
            raise Cancelled(f"the import of {path} was cancelled: nothing was imported")

    try:
        text = read_user_file(path, MAX_CSV_BYTES, "ticket CSV file").decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{path}: not a UTF-8 text file") from None
    check()
    rows, errors = parse_tickets_csv(text)
    check()
    with console.database.write() as connection:
        portfolio = read_portfolio(console, connection)
        default: str | None = None
        if any(not license for _, _, license in rows):
            default = one_license(portfolio, license_id).license_id
        counted = set(portfolio.license_ids)
        new: list[LocalTicket] = []
        for row, ticket, license in rows:
            if license and license not in counted:
                errors.append(CsvRowError(row=row, message=f"no license {license} is stored"))
            elif ticket.case_id in portfolio.vendor_records:
                errors.append(
                    CsvRowError(row=row, message=f"case id '{ticket.case_id}' is the vendor's")
                )
            new.append(LocalTicket(ticket, license or default))
        existing = stored_tickets.existing_case_ids(connection, [t.ticket.case_id for t in new])
        errors.extend(
            CsvRowError(row=row, message=f"case id '{ticket.case_id}' is already in the ledger")
            for row, ticket, _ in rows
            if ticket.case_id in existing
        )
        if errors:
            raise CsvImportError(str(path), sorted(errors, key=lambda e: e.row))
        stored_tickets.insert_tickets(connection, new, console.stamp())
        check()
    return len(new)


def _csv_records(reader: Iterator[list[str]]) -> Iterator[list[str] | csv.Error]:
    """The records of a CSV reader; a record it cannot read (e.g. an unclosed quote that runs
    past the field size limit) ends the file as a `csv.Error` instead of a traceback."""
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield exc
            return
        yield record


def _cell(row: dict[str, str], column: str, default: str = "") -> str:
    value = (row.get(column) or "").strip()
    # An exported cell neutralised against formulas ("'=...", "''...") reads back as it was.
    if value.startswith("'") and value[1:2] in _ESCAPED_STARTS:
        value = value[1:]
    return value or default


def parse_tickets_csv(text: str) -> tuple[list[tuple[int, Ticket, str]], list[CsvRowError]]:
    """Parses ticket rows (header: case_id, opened_on[, kind, classification, category, title,
    license_id]) into (row number, ticket, license id or ""). Rows are numbered as a spreadsheet
    shows them: the header is row 1, blank records count."""
    reader = csv.reader(io.StringIO(text))
    records = enumerate(_csv_records(reader), start=1)
    header: list[str] = []
    for _, record in records:
        if isinstance(record, csv.Error):
            return [], [CsvRowError(row=1, message=f"not a readable CSV file ({record})")]
        if record:
            header = [column.strip() for column in record]
            break
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        shown = ", ".join(repr(c[:40]) for c in repeated[:5])
        return [], [CsvRowError(row=1, message=f"the header names {shown} more than once")]
    missing = [c for c in ("case_id", "opened_on") if c not in header]
    if missing:
        return [], [
            CsvRowError(row=1, message=f"the header lacks the column(s) {', '.join(missing)}")
        ]
    unknown = [c for c in header if c not in (*CSV_COLUMNS, *EXPORTED_COLUMNS)]
    if unknown:
        shown = ", ".join(repr(c[:40]) for c in unknown[:5])
        return [], [
            CsvRowError(
                row=1, message=f"unknown column(s) {shown}; expected {', '.join(CSV_COLUMNS)}"
            )
        ]
    parsed: list[tuple[int, Ticket, str]] = []
    errors: list[CsvRowError] = []
    seen: dict[str, int] = {}
    for row_number, record in records:
        if isinstance(record, csv.Error):
            errors.append(CsvRowError(row=row_number, message=f"not readable as CSV ({record})"))
            break
        if not record:
            continue
        if len(record) > len(header):
            errors.append(CsvRowError(row=row_number, message="more fields than the header has"))
            continue
        row = dict(zip(header, record, strict=False))
        try:
            case_id = _cell(row, "case_id")
            if not case_id:
                raise ValueError("case_id is empty")
            if case_id in seen:
                raise ValueError(f"case id '{case_id}' repeats row {seen[case_id]}")
            try:
                opened_on = parse_date(_cell(row, "opened_on"))
            except ValueError as exc:
                raise ValueError(f"opened_on: {exc}") from None
            ticket = Ticket(
                case_id,
                opened_on,
                enum_value(TicketKind, _cell(row, "kind", "incident"), "kind"),
                enum_value(
                    Classification, _cell(row, "classification", "customer"), "classification"
                ),
                enum_value(Category, _cell(row, "category", "product"), "category"),
                _cell(row, "title") or None,
            )
            check_ticket(ticket)
            license = _cell(row, "license_id")
            problem = one_line_problem(license, 200)
            if problem:
                raise ValueError(f"license_id {problem}")
        except (ValueError, UserError) as exc:
            errors.append(CsvRowError(row=row_number, message=str(exc)))
            continue
        seen[case_id] = row_number
        parsed.append((row_number, ticket, license))
    if not parsed and not errors:
        errors.append(CsvRowError(row=1, message="the file holds no ticket rows"))
    return parsed, errors


def _safe(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula; a leading apostrophe is doubled, so that
    `import` gives back exactly what was exported."""
    return "'" + cell if cell.startswith(_ESCAPED_STARTS) else cell


def _dispute_text(dispute: Dispute | None) -> str:
    if dispute is None:
        return ""
    fields = [
        f"{name} {value.isoformat() if isinstance(value, date) else value}"
        for name, value in (
            ("opened_on", dispute.opened_on),
            ("kind", dispute.kind),
            ("classification", dispute.classification),
            ("category", dispute.category),
        )
        if value is not None
    ]
    return (
        f"{'; '.join(fields)} (by {dispute.disputed_by} on "
        f"{dispute.disputed_at.date().isoformat()}: {dispute.reason})"
    )


def tickets_csv(entries: Sequence[TicketEntry]) -> str:
    """The ledger as CSV, in the columns `tickets import` reads, plus what each ticket cost and
    any dispute; every cell is neutralised against spreadsheet formulas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, *EXPORTED_COLUMNS])
    for entry in entries:
        t = entry.ticket
        writer.writerow(
            [
                _safe(cell)
                for cell in (
                    t.case_id,
                    t.opened_on.isoformat(),
                    t.kind.value,
                    t.classification.value,
                    t.category.value,
                    t.title or "",
                    entry.license_id or "",
                    entry.source.value,
                    entry.outcome.value,
                    "" if entry.bucket is None else entry.bucket.key,
                    _dispute_text(entry.dispute),
                )
            ]
        )
    return out.getvalue()
