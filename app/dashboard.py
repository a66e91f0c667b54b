"""Everything the desktop window shows, gathered in one call from the same use cases as the
command line: the window computes nothing, it asks `load_dashboard` (off the GUI thread) and
displays the values, for every license or the one selected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from app.collection import GarbageCollection
from app.console import Console
from app.requests.record import RequestView, shown_status
from app.status import read_status
from app.storage import requests as stored_requests
from licensing import renewals, rules
from licensing.ledger import MonthUsage, monthly_usage, ticket_periods
from licensing.policy import VendorPolicy
from licensing.portfolio import (
    LicenseStanding,
    PortfolioStatus,
    TicketEntry,
    build_portfolio,
    evaluate,
    ticket_entries,
)
from licensing.trust import TrustedKey
from licensing.upgrades import CatalogVerdict, catalog_verdict


class ReminderKind(StrEnum):
    RENEWAL = "renewal"
    """The admin's own renewal reminder (Settings), before the vendor's 60-day window."""
    LOW_TICKETS = "low_tickets"


@dataclass(frozen=True, slots=True, kw_only=True)
class Reminder:
    kind: ReminderKind
    license_id: str
    count: int
    """Days to expiry, or tickets left."""


def personal_reminders(
    status: PortfolioStatus, reminder_days: int, low_ticket_threshold: int
) -> tuple[Reminder, ...]:
    """The admin's own reminders, per license, on top of the vendor's rules."""
    reminders = []
    for standing in status.licenses:
        sm, left = standing.sm, standing.balance.remaining_total
        if sm.state is rules.SmState.ACTIVE and sm.days_to_expiry <= reminder_days:
            reminders.append(
                Reminder(
                    kind=ReminderKind.RENEWAL,
                    license_id=standing.license_id,
                    count=sm.days_to_expiry,
                )
            )
        if rules.covers(standing.claims, status.as_of) and 0 < left <= low_ticket_threshold:
            reminders.append(
                Reminder(kind=ReminderKind.LOW_TICKETS, license_id=standing.license_id, count=left)
            )
    return tuple(reminders)


@dataclass(frozen=True, slots=True, kw_only=True)
class LicenseView:
    """What the window shows of one license beyond its standing."""

    periods: tuple[tuple[date, date], ...]
    """Its 12-month ticket periods (R7), newest first."""
    usage: tuple[MonthUsage, ...]
    """Tickets per month of the current period."""
    catalog: CatalogVerdict | None
    renewal: renewals.RenewalQuote
    """The renewal that makes it current (R5, R6), the Requests page's starting point."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Dashboard:
    as_of: date
    status: PortfolioStatus
    """Every license, most urgent first, and every warning (the clock's included)."""
    views: Mapping[str, LicenseView]
    tickets: tuple[TicketEntry, ...]
    requests: tuple[RequestView, ...]
    trust_keys: tuple[TrustedKey, ...]
    policy: VendorPolicy
    database: str
    demo: bool
    reminders: tuple[Reminder, ...]

    @property
    def empty(self) -> bool:
        """Nothing imported yet: the window shows its welcome."""
        return not self.status.licenses and not self.status.portfolio.rejected

    def standing(self, license_id: str | None) -> LicenseStanding | None:
        return None if license_id is None else self.status.standing(license_id)


def _view(standing: LicenseStanding, status: PortfolioStatus, console: Console) -> LicenseView:
    claims, balance = standing.claims, standing.balance
    usage: tuple[MonthUsage, ...] = ()
    if balance.period_start and balance.period_end:
        usage = monthly_usage(standing.ledger, balance.period_start, balance.period_end)
    releases = status.portfolio.releases(claims.product.code)
    return LicenseView(
        periods=tuple(
            (p.starts_on, p.expires_on) for p in reversed(ticket_periods(claims, console.policy))
        ),
        usage=usage,
        catalog=catalog_verdict(claims, releases, status.as_of) if releases else None,
        renewal=renewals.renewal_quote(claims, status.as_of, console.policy),
    )


def load_dashboard(
    console: Console, as_of: date, reminder_days: int = 60, low_ticket_threshold: int = 2
) -> Dashboard:
    with GarbageCollection.paused():
        return _load(console, as_of, reminder_days, low_ticket_threshold)


def _load(
    console: Console, as_of: date, reminder_days: int, low_ticket_threshold: int
) -> Dashboard:
    status, stored = read_status(console, as_of, None, stored_requests.load_requests)
    portfolio = status.portfolio
    return Dashboard(
        as_of=as_of,
        status=status,
        views=MappingProxyType({s.license_id: _view(s, status, console) for s in status.licenses}),
        tickets=tuple(ticket_entries(status)),
        requests=tuple(RequestView(request=r, status=shown_status(r, portfolio)) for r in stored),
        trust_keys=tuple(console.trust.keys.values()),
        policy=console.policy,
        database=console.database.description,
        demo=console.demo,
        reminders=personal_reminders(status, reminder_days, low_ticket_threshold),
    )


def empty_dashboard(
    as_of: date, policy: VendorPolicy, database: str = "", demo: bool = False
) -> Dashboard:
    """What `load_dashboard` answers for a database with nothing imported (the welcome), without
    a database: for the window's screenshots and tests."""
    portfolio = build_portfolio(
        licenses=(),
        packs=(),
        statements=(),
        catalogs=(),
        revocations={},
        rejected=(),
        local_tickets={},
        disputes=(),
    )
    return Dashboard(
        as_of=as_of,
        status=evaluate(portfolio, as_of, policy),
        views=MappingProxyType({}),
        tickets=(),
        requests=(),
        trust_keys=(),
        policy=policy,
        database=database,
        demo=demo,
        reminders=(),
    )
