"""Business rules of one license as pure functions (docs/rules.md): coverage and state (R1-R3),
upgrades (R4), renewals and their estimates (R5, R6), support-pack quotes (R8), eligibility
(R13) and the clock mark (R15). Ticket periods and charging (R7-R12) are in `licensing.ledger`;
the portfolio of several licenses (R16, R17) in `licensing.portfolio`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from licensing.claims import Category, Classification, LicenseClaims, LicenseType, Money
from licensing.errors import DateOutOfRange
from licensing.policy import VendorPolicy

CENT = Decimal("0.01")
MAX_RENEWAL_YEARS = 99


def add_years(day: date, years: int) -> date:
    """Calendar arithmetic: Feb 29 + 1 year = Feb 28 (docs/rules.md, "Dates and money").

    Raises `DateOutOfRange` past 9999-12-31 (found by scripts/fuzz.py: `--as-of 9999-12-31`).
    """
    return add_months(day, 12 * years)


def add_months(day: date, months: int) -> date:
    try:
        return day + relativedelta(months=months)
    except (ValueError, OverflowError):
        raise DateOutOfRange(
            f"there is no date {months} months after {day.isoformat()}: dates end on 9999-12-31"
        ) from None


def add_days(day: date, days: int) -> date:
    try:
        return day + relativedelta(days=days)
    except (ValueError, OverflowError):
        raise DateOutOfRange(
            f"there is no date {days} days after {day.isoformat()}: dates end on 9999-12-31"
        ) from None


def round_money(amount: Decimal) -> Decimal:
    # With digits enough for any amount: in the default context (28 digits) quantizing a larger
    # one raises InvalidOperation (a request for 10**23 packs, found while fuzzing the CLI).
    context = Context(prec=max(28, amount.adjusted() + 4))
    return amount.quantize(CENT, rounding=ROUND_HALF_UP, context=context)


# R1, R2, R3 ---------------------------------------------------------------------------------


def covers(license: LicenseClaims, day: date) -> bool:
    """R1: S&M covers `day` iff sm_start <= day < sm_end."""
    return license.sm_start <= day < license.sm_end


class SmState(StrEnum):
    NOT_STARTED = "not_started"
    ACTIVE = "active"
    RENEWAL_DUE = "renewal_due"
    EXPIRED = "expired"
    LAPSED = "lapsed"

    @property
    def urgency(self) -> int:
        """How much attention the state asks for: lapsed first, active last (R16)."""
        return _STATE_URGENCY[self]


_STATE_URGENCY = {
    SmState.ACTIVE: 0,
    SmState.NOT_STARTED: 1,
    SmState.RENEWAL_DUE: 2,
    SmState.EXPIRED: 3,
    SmState.LAPSED: 4,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class SmStatus:
    start: date
    end: date
    state: SmState
    days_to_expiry: int
    reinstatement_fee_applies: bool


def sm_status(license: LicenseClaims, day: date, policy: VendorPolicy) -> SmStatus:
    """R2: the S&M state on `day`."""
    days_to_expiry = (license.sm_end - day).days
    if day < license.sm_start:
        state = SmState.NOT_STARTED
    elif days_to_expiry > policy.reminder_window_days:
        state = SmState.ACTIVE
    elif days_to_expiry >= 1:
        state = SmState.RENEWAL_DUE
    elif -days_to_expiry <= policy.reinstatement_after_days:
        state = SmState.EXPIRED
    else:
        state = SmState.LAPSED
    return SmStatus(
        start=license.sm_start,
        end=license.sm_end,
        state=state,
        days_to_expiry=days_to_expiry,
        reinstatement_fee_applies=state is SmState.LAPSED,
    )


def right_to_use(license: LicenseClaims, day: date) -> bool:
    """R3: a perpetual license never ends; a subscription's right to use ends at sm_end."""
    return license.license_type is LicenseType.PERPETUAL or day < license.sm_end


def reinstatement_fee_from(license: LicenseClaims, policy: VendorPolicy) -> date:
    """R2/R6: the first day on which a renewal carries the reinstatement fee."""
    return add_days(license.sm_end, policy.reinstatement_after_days + 1)


# R4 -----------------------------------------------------------------------------------------


class UpgradeReason(StrEnum):
    RELEASED_BEFORE_SM_END = "released_before_sm_end"
    RELEASED_ON_OR_AFTER_SM_END = "released_on_or_after_sm_end"
    SUBSCRIPTION_ENDED = "subscription_ended"


@dataclass(frozen=True, slots=True, kw_only=True)
class UpgradeDecision:
    released_on: date
    permitted: bool
    reason: UpgradeReason
    sm_end: date
    """The S&M expiry the decision was made against."""
    renewal_years_needed: int | None = None
    """Whole years of renewal that would permit the release (None when it is permitted)."""
    renewed_sm_end: date | None = None
    """The S&M end that renewal would reach (R5: backdated to the old sm_end)."""


def upgrade_decision(license: LicenseClaims, released_on: date, day: date) -> UpgradeDecision:
    """R4: permitted iff released_on < sm_end (and, for a subscription, day < sm_end)."""
    sm_end = license.sm_end
    subscription = license.license_type is LicenseType.SUBSCRIPTION
    if released_on >= sm_end or (subscription and day >= sm_end):
        years = least_years_past(sm_end, released_on) if released_on >= sm_end else 1
        if subscription:
            # A subscription also needs the renewal to cover the day itself (R4).
            years = max(years, least_years_past(sm_end, day))
        reason = (
            UpgradeReason.RELEASED_ON_OR_AFTER_SM_END
            if released_on >= sm_end
            else UpgradeReason.SUBSCRIPTION_ENDED
        )
        return UpgradeDecision(
            released_on=released_on,
            permitted=False,
            reason=reason,
            sm_end=sm_end,
            renewal_years_needed=years,
            renewed_sm_end=add_years(sm_end, years),
        )
    return UpgradeDecision(
        released_on=released_on,
        permitted=True,
        reason=UpgradeReason.RELEASED_BEFORE_SM_END,
        sm_end=sm_end,
    )


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
    estimate when the seat counts change)."""
    min_years = least_years_past(license.sm_end, day)
    years = min_years if years is None else years
    if not 1 <= years <= MAX_RENEWAL_YEARS:
        raise ValueError(f"a renewal is for 1 to {MAX_RENEWAL_YEARS} whole years")
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


MAX_PACKS_PER_REQUEST = 1000


def pack_quote(count: int, policy: VendorPolicy) -> PackQuote:
    """R8: `count` packs of 4 tickets at US$2,000 each, usable 12 months from purchase."""
    if not 1 <= count <= MAX_PACKS_PER_REQUEST:
        raise ValueError(f"a pack request is for 1 to {MAX_PACKS_PER_REQUEST} packs")
    price = policy.pack_price
    return PackQuote(
        packs=count,
        tickets=count * policy.pack_tickets,
        unit_price=price,
        total=Money(amount=round_money(price.amount * count), currency=price.currency),
        validity_months=policy.pack_validity_months,
    )


# R13 ----------------------------------------------------------------------------------------


class IneligibleReason(StrEnum):
    NO_VALID_LICENSE = "no_valid_license"
    NOT_COVERED = "not_covered"
    OUT_OF_SCOPE = "out_of_scope"
    NO_TICKETS_LEFT = "no_tickets_left"


@dataclass(frozen=True, slots=True, kw_only=True)
class Eligibility:
    eligible: bool
    reasons: tuple[IneligibleReason, ...]


def eligibility(
    license: LicenseClaims,
    tickets_left: int,
    category: Category,
    classification: Classification,
    day: date,
    policy: VendorPolicy,
) -> Eligibility:
    """R13: eligible iff the day is covered, the category in scope, and a bug or a ticket left.

    Every failing reason is listed, not only the first.
    """
    reasons = []
    if not covers(license, day):
        reasons.append(IneligibleReason.NOT_COVERED)
    if not policy.in_scope(category):
        reasons.append(IneligibleReason.OUT_OF_SCOPE)
    if classification is not Classification.PRODUCT_BUG and tickets_left <= 0:
        reasons.append(IneligibleReason.NO_TICKETS_LEFT)
    return Eligibility(eligible=not reasons, reasons=tuple(reasons))


# R15 ----------------------------------------------------------------------------------------


class ClockState(StrEnum):
    OK = "ok"
    ROLLED_BACK = "rolled_back"
    ACKNOWLEDGED = "acknowledged"


def clock_state(
    today: date, mark: date | None, acknowledged_mark: date | None, policy: VendorPolicy
) -> ClockState:
    """R15: the system date is more than the tolerance (1 day) before the latest date seen; an
    acknowledgement covers the mark it was given for, and only that one (a later, higher mark
    warns again)."""
    if mark is None or (mark - today).days <= policy.clock_rollback_tolerance_days:
        return ClockState.OK
    if acknowledged_mark is not None and mark <= acknowledged_mark:
        return ClockState.ACKNOWLEDGED
    return ClockState.ROLLED_BACK
