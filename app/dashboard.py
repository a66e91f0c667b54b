"""Everything the desktop window shows, gathered in one call from the same services as the CLI.

The GUI computes nothing: it asks `load_dashboard` (off the GUI thread) and displays the values.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import NamedTuple

from app import store
from app.errors import UserError
from app.services import CatalogVerdict, Console, LedgerEntry, StatusReport
from licensing import rules
from licensing.claims import DocumentType, Ticket, TicketStatementClaims
from licensing.documents import TrustedKey
from licensing.rules import Outcome, RenewalQuote


class LicenseRevision(NamedTuple):
    license_id: str
    revision: int
    issued_at: str
    sm_end: date
    trust: str
    kid: str
    imported_at: str


class MonthUsage(NamedTuple):
    month: date  # the first day of the month
    annual: int
    packs: int
    product_bugs: int


class Difference(NamedTuple):
    """A case on which the vendor's latest statement and the local ledger disagree."""

    case_id: str
    kind: str  # local_only | classification | category | opened_on
    local: str | None
    vendor: str | None


class Reminder(NamedTuple):
    """The user's own reminders (Settings), on top of the vendor's 60-day window."""

    code: str  # renewal_reminder | low_tickets
    days: int | None = None
    remaining: int | None = None


def personal_reminders(
    status: StatusReport, reminder_days: int, low_ticket_threshold: int
) -> tuple[Reminder, ...]:
    reminders = []
    sm, balance = status.sm, status.balance
    if sm is not None and sm.state is rules.SmState.ACTIVE and sm.days_to_expiry <= reminder_days:
        reminders.append(Reminder("renewal_reminder", days=sm.days_to_expiry))
    covered = sm is not None and sm.state in (rules.SmState.ACTIVE, rules.SmState.RENEWAL_DUE)
    if covered and balance is not None and 0 < balance.remaining_total <= low_ticket_threshold:
        reminders.append(Reminder("low_tickets", remaining=balance.remaining_total))
    return tuple(reminders)


class Dashboard(NamedTuple):
    as_of: date
    status: StatusReport
    tickets: tuple[LedgerEntry, ...]
    usage: tuple[MonthUsage, ...]
    differences: tuple[Difference, ...]
    periods: tuple[tuple[date, date], ...]
    """The license's 12-month ticket periods (R7), newest first."""
    releases: CatalogVerdict | None
    renewal: RenewalQuote | None
    requests: tuple[store.StoredRequest, ...]
    revisions: tuple[LicenseRevision, ...]
    trust_keys: tuple[TrustedKey, ...]
    database: str
    demo: bool
    reminders: tuple[Reminder, ...] = ()


def monthly_usage(
    entries: tuple[LedgerEntry, ...], start: date | None, end: date | None
) -> tuple[MonthUsage, ...]:
    """Tickets charged and bugs not deducted per month of the period [start, end)."""
    if start is None or end is None:
        return ()
    months: list[date] = []
    month = start.replace(day=1)
    while month < end:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    annual: Counter[date] = Counter()
    packs: Counter[date] = Counter()
    bugs: Counter[date] = Counter()
    for entry in entries:
        opened = entry.ticket.opened_on
        if not start <= opened < end:
            continue
        key = opened.replace(day=1)
        if entry.outcome is Outcome.CHARGED and entry.bucket is not None:
            (annual if entry.bucket.kind == 0 else packs)[key] += 1
        elif entry.outcome is Outcome.NOT_DEDUCTED_BUG:
            bugs[key] += 1
    return tuple(MonthUsage(m, annual[m], packs[m], bugs[m]) for m in months)


def reconcile(console: Console, entries: tuple[LedgerEntry, ...]) -> tuple[Difference, ...]:
    """Compares the ledger with the vendor's statements (the newest record of each case)."""
    with console.database.read() as connection:
        statements = store.stored_documents(connection, DocumentType.TICKET_STATEMENT)
    vendor: dict[str, Ticket] = {}
    latest_statement: date | None = None
    for document in sorted(statements, key=lambda d: d.claims.issued_at):
        claims: TicketStatementClaims = document.claims
        vendor.update({t.case_id: t for t in claims.tickets})
        latest_statement = claims.issued_at.date()
    differences = []
    for entry in entries:
        local, theirs = entry.ticket, vendor.get(entry.ticket.case_id)
        if theirs is None:
            if latest_statement is not None and local.opened_on <= latest_statement:
                differences.append(
                    Difference(local.case_id, "local_only", local.opened_on.isoformat(), None)
                )
            continue
        for kind, mine, other in (
            ("classification", local.classification.value, theirs.classification.value),
            ("category", local.category.value, theirs.category.value),
            ("opened_on", local.opened_on.isoformat(), theirs.opened_on.isoformat()),
        ):
            if mine != other:
                differences.append(Difference(local.case_id, kind, mine, other))
    return tuple(differences)


def load_dashboard(
    console: Console, as_of: date, reminder_days: int = 60, low_ticket_threshold: int = 2
) -> Dashboard:
    status, ledger_entries = console.status_and_tickets(as_of)
    entries = tuple(ledger_entries)
    balance = status.balance
    usage = monthly_usage(entries, balance.period_start, balance.period_end) if balance else ()
    releases = renewal = None
    periods: tuple[tuple[date, date], ...] = ()
    if status.license is not None:
        periods = tuple(
            (p.starts_on, p.expires_on)
            for p in reversed(rules.ticket_periods(status.license.claims, console.policy))
        )
        try:
            releases = console.catalog_check(as_of)
        except UserError:
            releases = None  # no catalog imported yet
        renewal = console.renewal_quote(as_of, None, changes_seats=False)
    with console.database.read() as connection:
        requests = tuple(store.load_requests(connection))
        documents = store.stored_documents(connection, DocumentType.LICENSE)
    revisions = tuple(
        sorted(
            (
                LicenseRevision(
                    d.claims.license_id,
                    d.claims.revision,
                    d.claims.issued_at.isoformat(),
                    d.claims.sm_end,
                    d.trust.value,
                    d.kid,
                    d.imported_at,
                )
                for d in documents
            ),
            key=lambda r: (r.license_id, -r.revision),
        )
    )
    return Dashboard(
        as_of=as_of,
        status=status,
        tickets=entries,
        usage=usage,
        differences=reconcile(console, entries),
        periods=periods,
        releases=releases,
        renewal=renewal,
        requests=requests,
        revisions=revisions,
        trust_keys=tuple(console.trust.keys.values()),
        database=console.database.description,
        demo=console.demo,
        reminders=personal_reminders(status, reminder_days, low_ticket_threshold),
    )
