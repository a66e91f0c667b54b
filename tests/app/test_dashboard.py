"""The window's dashboard (`app.dashboard.load_dashboard`): one call gathers what every page shows,
from the same use cases as the command line, for every license; and the admin's own reminders
from the settings, on top of the vendor's rules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from app.console import Console
from app.dashboard import Reminder, ReminderKind, load_dashboard
from app.requests.compose import compose_renewal
from app.requests.model import Channel, RequestStatus
from app.requests.record import record_request
from app.status import portfolio_status
from app.tickets import add_ticket
from licensing.claims import DocumentType, Ticket
from licensing.warnings import WarningCode
from tests.app.support import imported
from tests.factories import (
    Vendor,
    assets_license,
    catalog_claims,
    license_claims,
    pack_claims,
    portal_license,
    worked_example_statement,
)

MakeConsole = Callable[..., Console]
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@sqlite_only
def test_reminders_before_the_vendor_window_and_for_few_tickets(
    make_console: MakeConsole, vendor: Vendor
) -> None:
    console = make_console()
    imported(
        console,
        vendor.write(DocumentType.LICENSE, license_claims()),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims()),
    )
    day = date(2025, 1, 1)  # 90 days before sm_end: active for the vendor; 6 + 4 tickets left
    assert load_dashboard(console, day).reminders == ()
    reminders = load_dashboard(console, day, reminder_days=90, low_ticket_threshold=10).reminders
    assert reminders == (
        Reminder(kind=ReminderKind.RENEWAL, license_id="LIC-1", count=90),
        Reminder(kind=ReminderKind.LOW_TICKETS, license_id="LIC-1", count=10),
    )
    assert load_dashboard(console, day, reminder_days=89, low_ticket_threshold=9).reminders == ()
    # In the vendor's own window the state says it already: no second reminder.
    in_window = load_dashboard(console, date(2025, 3, 1), reminder_days=365)
    assert [r.kind for r in in_window.reminders] == []
    # Once S&M has ended, the tickets left in P1 cannot be used: no low-ticket reminder either.
    ended = load_dashboard(console, date(2025, 5, 1), low_ticket_threshold=10)
    assert ended.reminders == ()


@sqlite_only
def test_a_low_ticket_reminder_lasts_while_s_and_m_covers_the_day(
    make_console: MakeConsole, vendor: Vendor
) -> None:
    """R1: S&M covers up to the day before sm_end (2025-04-01), renewal window included."""
    console = make_console()
    imported(
        console,
        vendor.write(DocumentType.LICENSE, license_claims()),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims()),
    )
    last = load_dashboard(console, date(2025, 3, 31), low_ticket_threshold=10)
    standing = last.standing("LIC-1")
    assert standing is not None
    assert last.reminders == (
        Reminder(
            kind=ReminderKind.LOW_TICKETS,
            license_id="LIC-1",
            count=standing.balance.remaining_total,
        ),
    )
    ended = load_dashboard(console, date(2025, 4, 1), low_ticket_threshold=10)
    assert [r.kind for r in ended.reminders] == []


@sqlite_only
def test_the_window_and_the_command_line_see_the_same_status(
    make_console: MakeConsole, vendor: Vendor
) -> None:
    """One reading for both, the clock's warning included (R15)."""
    first = make_console(today=date(2025, 3, 10))
    imported(first, vendor.write(DocumentType.LICENSE, license_claims()))
    first.record_run()
    behind = make_console(today=date(2025, 3, 8))
    day = date(2025, 1, 15)
    board = load_dashboard(behind, day)
    assert WarningCode.CLOCK_ROLLBACK in [w.code for w in board.status.all_warnings]
    assert board.status.all_warnings == portfolio_status(behind, day).all_warnings
    assert board.status.licenses == portfolio_status(behind, day).licenses


@sqlite_only
def test_reminders_are_per_license(make_console: MakeConsole, vendor: Vendor) -> None:
    console = make_console()
    imported(
        console,
        vendor.write(DocumentType.LICENSE, portal_license()),
        vendor.write(DocumentType.LICENSE, assets_license()),
    )
    # On 2026-10-01 LIC-B has 75 days left, LIC-A 92.
    reminders = load_dashboard(console, date(2026, 10, 1), reminder_days=90).reminders
    assert reminders == (Reminder(kind=ReminderKind.RENEWAL, license_id="LIC-B", count=75),)


def test_the_dashboard_gathers_every_page(make_console: MakeConsole, vendor: Vendor) -> None:
    console = make_console()
    assert load_dashboard(console, date(2025, 3, 1)).empty
    imported(
        console,
        vendor.write(DocumentType.LICENSE, license_claims()),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims()),
        vendor.write(DocumentType.TICKET_STATEMENT, worked_example_statement()),
        vendor.write(DocumentType.RELEASE_CATALOG, catalog_claims()),
        vendor.write(DocumentType.LICENSE, portal_license()),
    )
    add_ticket(console, Ticket("L-1", date(2025, 2, 3)), "LIC-1")
    request = compose_renewal(console, date(2025, 3, 1), ["LIC-1"])
    record_request(console, request, Channel.MAILTO, RequestStatus.OPENED, date(2025, 3, 1))

    board = load_dashboard(console, date(2025, 3, 1))
    assert not board.empty
    assert board.status.severity == 1
    assert [s.license_id for s in board.status.licenses] == ["LIC-1", "LIC-A"]  # most urgent
    assert [w.code for w in board.status.all_warnings] == [WarningCode.RENEWAL_DUE]
    standing = board.standing("LIC-1")
    assert standing is not None and board.standing(None) is None
    assert (standing.balance.annual_used, standing.balance.remaining_total) == (6, 4)

    view = board.views["LIC-1"]
    assert view.periods == (
        (date(2024, 4, 1), date(2025, 4, 1)),
        (date(2023, 4, 1), date(2024, 4, 1)),
    )
    assert len(view.usage) == 12
    february = next(m for m in view.usage if m.month == date(2025, 2, 1))
    assert (february.annual, february.packs, february.product_bugs) == (2, 0, 0)
    assert view.catalog is not None and str(view.catalog.latest_permitted) == "10.2.1"
    assert (view.renewal.period_end, view.renewal.total) == (date(2026, 4, 1), Decimal("12000.00"))
    other = board.views["LIC-A"].catalog  # the same product, S&M to 2027-01-01
    assert other is not None and str(other.latest_permitted) == "11.0.0"

    assert [e.ticket.case_id for e in board.tickets].count("L-1") == 1
    assert len(board.tickets) == 8
    assert [(v.request.license_ids, v.status) for v in board.requests] == [
        (("LIC-1",), RequestStatus.OPENED)
    ]
    assert [k.kid for k in board.trust_keys] == [vendor.kid]
    assert board.database == console.database.description
    assert board.demo is False
