"""Builders of typed claims for the business-rule tests (a plain module, not a conftest).

Dates may be given as `date` values or ISO strings; every figure of the rules comes from the
shipped vendor policy (`POLICY`), as R14 asks of the code.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from licensing.claims import (
    Category,
    Classification,
    Customer,
    LicenseClaims,
    LicenseType,
    Money,
    Product,
    Seats,
    SupportPackClaims,
    Ticket,
    TicketKind,
)
from licensing.policy import VendorPolicy, load_policy
from licensing.rules import (
    Ledger,
    SmStatus,
    StatusWarning,
    TicketBalance,
    charge_tickets,
    sm_status,
    status_warnings,
    ticket_balance,
)

POLICY: VendorPolicy = load_policy()

LICENSE_ID = "LIC-0001"
FAR_FUTURE = date(2100, 1, 1)

Day = date | str


def d(value: Day) -> date:
    """A date from a `date` or an ISO `YYYY-MM-DD` string."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def plus_years(day: Day, years: int) -> date:
    """Calendar arithmetic of SPEC section 2, computed here independently of the code under test."""
    return d(day) + relativedelta(years=years)


def plus_months(day: Day, months: int) -> date:
    return d(day) + relativedelta(months=months)


def make_license(
    sm_start: Day = "2023-04-01",
    sm_end: Day = "2025-04-01",
    *,
    license_type: LicenseType = LicenseType.PERPETUAL,
    tickets_per_year: int = 6,
    fee: str = "12000.00",
    currency: str = "USD",
    license_id: str = LICENSE_ID,
    revision: int = 1,
) -> LicenseClaims:
    return LicenseClaims(
        license_id=license_id,
        revision=revision,
        issued_at=datetime(2023, 3, 1, 12, 0, tzinfo=UTC),
        customer=Customer("CUST-1", "Contoso Ltd", "it@contoso.example"),
        product=Product("PORTAL", "Self-Service Portal", "portal"),
        license_type=license_type,
        seats=Seats(users=250, devices=0),
        sm_start=d(sm_start),
        sm_end=d(sm_end),
        sm_annual_fee=Money(Decimal(fee), currency),
        tickets_per_year=tickets_per_year,
    )


def renewed(license: LicenseClaims, years: int = 1) -> LicenseClaims:
    """The next revision after a backdated renewal of `years` (R5): sm_end moves by N years."""
    return license._replace(
        revision=license.revision + 1,
        sm_end=plus_years(license.sm_end, years),
    )


def make_pack(
    pack_id: str = "P1",
    purchased_on: Day = "2024-10-15",
    packs: int = 1,
    *,
    license_id: str = LICENSE_ID,
) -> SupportPackClaims:
    return SupportPackClaims(
        pack_id=pack_id,
        license_id=license_id,
        purchased_on=d(purchased_on),
        packs=packs,
        po_number=f"PO-{pack_id}",
        amount=Money(Decimal("2000.00") * packs, "USD"),
    )


def ticket(
    case_id: str,
    opened_on: Day,
    classification: Classification = Classification.CUSTOMER,
    category: Category = Category.PRODUCT,
    kind: TicketKind = TicketKind.INCIDENT,
) -> Ticket:
    return Ticket(case_id, d(opened_on), kind, classification, category)


def bug(case_id: str, opened_on: Day, category: Category = Category.PRODUCT) -> Ticket:
    return ticket(case_id, opened_on, Classification.PRODUCT_BUG, category)


def reclassified(tickets: Iterable[Ticket], case_id: str, to: Classification) -> list[Ticket]:
    return [t._replace(classification=to) if t.case_id == case_id else t for t in tickets]


def ledger(
    license: LicenseClaims,
    tickets: Iterable[Ticket] = (),
    packs: Iterable[SupportPackClaims] = (),
    as_of: Day = FAR_FUTURE,
    policy: VendorPolicy = POLICY,
) -> Ledger:
    return charge_tickets(license, packs, tickets, d(as_of), policy)


def balance(
    license: LicenseClaims,
    tickets: Iterable[Ticket] = (),
    packs: Iterable[SupportPackClaims] = (),
    as_of: Day = FAR_FUTURE,
) -> TicketBalance:
    return ticket_balance(ledger(license, tickets, packs, as_of))


def outcomes(result: Ledger) -> dict[str, tuple[str, str | None]]:
    """case_id -> (outcome, key of the bucket drawn from or None)."""
    return {
        c.ticket.case_id: (c.outcome.value, c.bucket.key if c.bucket else None)
        for c in result.charges
    }


def dashboard(
    license: LicenseClaims,
    day: Day,
    tickets: Iterable[Ticket] = (),
    packs: Iterable[SupportPackClaims] = (),
) -> tuple[SmStatus, TicketBalance, list[StatusWarning]]:
    """What `status` computes on `day`: the S&M state, the balance and the warnings."""
    day = d(day)
    sm = sm_status(license, day, POLICY)
    bal = balance(license, tickets, packs, day)
    return sm, bal, status_warnings(license, sm, bal, day, POLICY)
