"""Renewals and support packs (docs/rules.md R5, R6, R8, R16): the backdated period a renewal
covers, its estimate and reinstatement fee, which licenses are due for renewal, several licenses
in one request with a total per currency, and what a number of support packs costs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from licensing.claims import LicenseClaims, Money
from licensing.errors import OutOfBounds
from licensing.policy import VendorPolicy
from licensing.rules import SmState, add_years, round_money, sm_status
from licensing.values import MAX_PACKS_PER_REQUEST as MAX_PACKS_PER_REQUEST
from licensing.values import MAX_RENEWAL_YEARS as MAX_RENEWAL_YEARS
from licensing.values import MAX_SEATS

if TYPE_CHECKING:
    from licensing.portfolio import LicenseStanding

DUE_STATES = frozenset({SmState.RENEWAL_DUE, SmState.EXPIRED, SmState.LAPSED})
"""R16: the states in which a license is due for renewal (`request renewal --all-due`)."""


# R5, R6 -------------------------------------------------------------------------------------


def least_years_past(sm_end: date, day: date) -> int:
    """The least N >= 1 with sm_end + N years > day."""
    years = max(1, day.year - sm_end.year)
    while add_years(sm_end, years) <= day:
        years += 1
    while years > 1 and add_years(sm_end, years - 1) > day:
        years -= 1
    return years


def changes_seats(license: LicenseClaims, users: int | None, devices: int | None) -> bool:
    """R6: asking for other seat counts than the license's; the same counts are no change."""
    return (users is not None and users != license.seats.users) or (
        devices is not None and devices != license.seats.devices
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class RenewalQuote:
    license_id: str
    years: int
    period_start: date
    period_end: date
    currency: str
    base_amount: Decimal | None
    reinstatement_fee: Decimal | None
    total: Decimal | None
    min_years_to_be_current: int
    becomes_current: bool
    sm_state: SmState

    @property
    def quote_required(self) -> bool:
        """A seat change has no estimate: the vendor quotes it (R6)."""
        return self.total is None


def renewal_quote(
    license: LicenseClaims,
    day: date,
    policy: VendorPolicy,
    years: int | None = None,
    users: int | None = None,
    devices: int | None = None,
) -> RenewalQuote:
    """R5 (backdated to the old sm_end) and R6 (base, 10% reinstatement fee when lapsed; no
    estimate when the seat counts change). Years or seats outside the bounds of
    `licensing.values` raise `OutOfBounds`."""
    min_years = least_years_past(license.sm_end, day)
    years = min_years if years is None else years
    if not 1 <= years <= MAX_RENEWAL_YEARS:
        raise OutOfBounds("years", f"a renewal is for 1 to {MAX_RENEWAL_YEARS} whole years")
    for parameter, seats in (("users", users), ("devices", devices)):
        if seats is not None and not 0 <= seats <= MAX_SEATS:
            raise OutOfBounds(parameter, f"a seat change is for 0 to {MAX_SEATS} {parameter}")
    period_end = add_years(license.sm_end, years)
    state = sm_status(license, day, policy).state
    base = fee = total = None
    if not changes_seats(license, users, devices):
        base = round_money(license.sm_annual_fee.amount * years)
        rate = policy.reinstatement_fee_rate if state is SmState.LAPSED else Decimal(0)
        fee = round_money(base * rate)
        total = base + fee
    return RenewalQuote(
        license_id=license.license_id,
        years=years,
        period_start=license.sm_end,
        period_end=period_end,
        currency=license.sm_annual_fee.currency,
        base_amount=base,
        reinstatement_fee=fee,
        total=total,
        min_years_to_be_current=min_years,
        becomes_current=period_end > day,
        sm_state=state,
    )


def totals_by_currency(quotes: Iterable[RenewalQuote]) -> dict[str, Decimal]:
    """The estimated totals of several renewals, one sum per currency (quotes needing a vendor
    quote add nothing), currencies in alphabetical order."""
    totals: dict[str, Decimal] = {}
    for quote in quotes:
        if quote.total is not None:
            totals[quote.currency] = totals.get(quote.currency, Decimal(0)) + quote.total
    return {currency: round_money(totals[currency]) for currency in sorted(totals)}


def due_for_renewal(standings: Iterable[LicenseStanding]) -> list[LicenseStanding]:
    """R16: the licenses a renewal of "every license due" covers, in the order given (most
    urgent first): those in their reminder window, expired or lapsed."""
    return [s for s in standings if s.sm.state in DUE_STATES]


def renewal_fulfilled(period_end: date, license: LicenseClaims) -> bool:
    """A renewal asked to reach `period_end` is fulfilled once a license revision reaches it."""
    return license.sm_end >= period_end


# R8: pack quotes ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class PackQuote:
    packs: int
    tickets: int
    unit_price: Money
    total: Money
    validity_months: int


def pack_quote(count: int, policy: VendorPolicy) -> PackQuote:
    """R8: `count` packs of 4 tickets at US$2,000 each, usable 12 months from purchase; a count
    outside 1 to `MAX_PACKS_PER_REQUEST` raises `OutOfBounds`."""
    if not 1 <= count <= MAX_PACKS_PER_REQUEST:
        raise OutOfBounds("count", f"a pack request is for 1 to {MAX_PACKS_PER_REQUEST} packs")
    price = policy.pack_price
    return PackQuote(
        packs=count,
        tickets=count * policy.pack_tickets,
        unit_price=price,
        total=Money(amount=round_money(price.amount * count), currency=price.currency),
        validity_months=policy.pack_validity_months,
    )
