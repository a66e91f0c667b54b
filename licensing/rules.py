"""Business rules of one license as pure functions (docs/rules.md): calendar and money
arithmetic, coverage and state (R1-R3), eligibility (R13) and the clock mark (R15). Upgrades (R4)
are in `licensing.upgrades`, renewals and pack quotes (R5, R6, R8) in `licensing.renewals`,
ticket periods and charging (R7-R12) in `licensing.ledger`, the portfolio of several licenses
(R16, R17) in `licensing.portfolio`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from licensing.claims import Category, Classification, LicenseClaims, LicenseType
from licensing.errors import DateOutOfRange
from licensing.policy import VendorPolicy

if TYPE_CHECKING:
    from licensing.portfolio import Portfolio

CENT = Decimal("0.01")


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
    license: LicenseClaims | None,
    tickets_left: int,
    category: Category,
    classification: Classification,
    day: date,
    policy: VendorPolicy,
) -> Eligibility:
    """R13: eligible iff the day is covered, the category in scope, and a bug or a ticket left.

    Every failing reason is listed, not only the first. With no license to judge by (None),
    the one reason is `no_valid_license`.
    """
    if license is None:
        return Eligibility(eligible=False, reasons=(IneligibleReason.NO_VALID_LICENSE,))
    reasons = []
    if not covers(license, day):
        reasons.append(IneligibleReason.NOT_COVERED)
    if not policy.in_scope(category):
        reasons.append(IneligibleReason.OUT_OF_SCOPE)
    if classification is not Classification.PRODUCT_BUG and tickets_left <= 0:
        reasons.append(IneligibleReason.NO_TICKETS_LEFT)
    return Eligibility(eligible=not reasons, reasons=tuple(reasons))


# R15 ----------------------------------------------------------------------------------------


def clock_mark(recorded: Iterable[date | None], portfolio: Portfolio) -> date | None:
    """R15: the latest date the console has seen, the most recent of everything recorded: the
    days of its runs and stored timestamps (`recorded`; None for one that is not a date), and the
    `issued_at` of every verified document that counts (license revisions, ticket statements,
    release catalogs). None when nothing is recorded."""
    days = [d for d in recorded if d is not None]
    days += [r.claims.issued_at.date() for h in portfolio.licenses for r in h.revisions]
    days += [s.claims.issued_at.date() for s in portfolio.statements]
    days += [c.claims.issued_at.date() for c in portfolio.catalogs]
    return max(days, default=None)


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
