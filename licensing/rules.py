"""Business rules R1-R13 and R15 of SPEC.md as pure functions over typed values.

Balances are never stored: `charge_tickets` derives every bucket's use from the whole ledger on
each call (R10), so a reclassification or a backdated renewal changes the answer at once.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal
from enum import IntEnum, StrEnum
from operator import attrgetter
from typing import NamedTuple

from dateutil.relativedelta import relativedelta
from packaging.version import Version

from licensing.claims import (
    Category,
    Classification,
    LicenseClaims,
    LicenseType,
    SupportPackClaims,
    Ticket,
)
from licensing.errors import DateOutOfRange
from licensing.policy import VendorPolicy

CENT = Decimal("0.01")


def add_years(day: date, years: int) -> date:
    """Calendar arithmetic: Feb 29 + 1 year = Feb 28 (SPEC section 2).

    Raises `DateOutOfRange` past 9999-12-31 (found by scripts/fuzz.py: `--as-of 9999-12-31`).
    """
    try:
        return day + relativedelta(years=years)
    except (ValueError, OverflowError):
        raise DateOutOfRange(
            f"there is no date {years} year(s) after {day.isoformat()}: dates end on 9999-12-31"
        ) from None


def add_months(day: date, months: int) -> date:
    try:
        return day + relativedelta(months=months)
    except (ValueError, OverflowError):
        raise DateOutOfRange(
            f"there is no date {months} month(s) after {day.isoformat()}: dates end on 9999-12-31"
        ) from None


def round_money(amount: Decimal) -> Decimal:
    # With digits enough for any amount: in the default context (28 digits) quantizing a larger
    # one raises InvalidOperation (a request for 10**23 packs, found while fuzzing the CLI).
    context = Context(prec=max(28, amount.adjusted() + 4))
    return amount.quantize(CENT, rounding=ROUND_HALF_UP, context=context)


# R1, R2 -------------------------------------------------------------------------------------


def covers(license: LicenseClaims, day: date) -> bool:
    """R1: S&M covers `day` iff sm_start <= day < sm_end."""
    return license.sm_start <= day < license.sm_end


class SmState(StrEnum):
    NOT_STARTED = "not_started"
    ACTIVE = "active"
    RENEWAL_DUE = "renewal_due"
    EXPIRED = "expired"
    LAPSED = "lapsed"


class SmStatus(NamedTuple):
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
        license.sm_start, license.sm_end, state, days_to_expiry, state is SmState.LAPSED
    )


def right_to_use(license: LicenseClaims, day: date) -> bool:
    """R3: a perpetual license never ends; a subscription's right to use ends at sm_end."""
    return license.license_type is LicenseType.PERPETUAL or day < license.sm_end


# R4 -----------------------------------------------------------------------------------------


class UpgradeReason(StrEnum):
    RELEASED_BEFORE_SM_END = "released_before_sm_end"
    RELEASED_ON_OR_AFTER_SM_END = "released_on_or_after_sm_end"
    SUBSCRIPTION_ENDED = "subscription_ended"


class UpgradeDecision(NamedTuple):
    released_on: date
    permitted: bool
    reason: UpgradeReason
    renewal_years_needed: int | None
    """Whole years of renewal that would permit the release (None when it is permitted)."""
    renewed_sm_end: date | None = None
    """The S&M end that renewal would reach (R5: backdated to the old sm_end)."""


def upgrade_decision(license: LicenseClaims, released_on: date, day: date) -> UpgradeDecision:
    """R4: a release is permitted iff released_on < sm_end (and, for a subscription, day < sm_end)."""
    if released_on >= license.sm_end:
        years = least_years_past(license.sm_end, released_on)
        if license.license_type is LicenseType.SUBSCRIPTION:
            # A subscription also needs the renewal to cover the day itself (R4).
            years = max(years, least_years_past(license.sm_end, day))
        return UpgradeDecision(
            released_on,
            False,
            UpgradeReason.RELEASED_ON_OR_AFTER_SM_END,
            years,
            add_years(license.sm_end, years),
        )
    if license.license_type is LicenseType.SUBSCRIPTION and day >= license.sm_end:
        years = least_years_past(license.sm_end, day)
        return UpgradeDecision(
            released_on,
            False,
            UpgradeReason.SUBSCRIPTION_ENDED,
            years,
            add_years(license.sm_end, years),
        )
    return UpgradeDecision(released_on, True, UpgradeReason.RELEASED_BEFORE_SM_END, None)


def latest_permitted(
    license: LicenseClaims, releases: Iterable[tuple[Version, date]], day: date
) -> Version | None:
    permitted = [
        v for v, released_on in releases if upgrade_decision(license, released_on, day).permitted
    ]
    return max(permitted, default=None)


# R5, R6 -------------------------------------------------------------------------------------


def least_years_past(sm_end: date, day: date) -> int:
    """The least N >= 1 with sm_end + N years > day."""
    years = max(1, day.year - sm_end.year)
    while add_years(sm_end, years) <= day:
        years += 1
    while years > 1 and add_years(sm_end, years - 1) > day:
        years -= 1
    return years


class RenewalQuote(NamedTuple):
    years: int
    period_start: date
    period_end: date
    currency: str
    base_amount: Decimal | None
    reinstatement_fee: Decimal | None
    total: Decimal | None
    min_years_to_be_current: int
    becomes_current: bool

    @property
    def quote_required(self) -> bool:
        """A seat change has no estimate: the vendor quotes it (R6)."""
        return self.total is None


def renewal_quote(
    license: LicenseClaims,
    day: date,
    policy: VendorPolicy,
    years: int | None = None,
    changes_seats: bool = False,
) -> RenewalQuote:
    """R5 (backdated to the old sm_end) and R6 (base, 10% reinstatement fee when lapsed)."""
    min_years = least_years_past(license.sm_end, day)
    years = min_years if years is None else years
    if years < 1:
        raise ValueError("a renewal is for one whole year or more")
    period_end = add_years(license.sm_end, years)
    base = fee = total = None
    if not changes_seats:
        base = round_money(license.sm_annual_fee.amount * years)
        lapsed = sm_status(license, day, policy).state is SmState.LAPSED
        fee = (
            round_money(base * policy.reinstatement_fee_rate) if lapsed else round_money(Decimal(0))
        )
        total = base + fee
    return RenewalQuote(
        years=years,
        period_start=license.sm_end,
        period_end=period_end,
        currency=license.sm_annual_fee.currency,
        base_amount=base,
        reinstatement_fee=fee,
        total=total,
        min_years_to_be_current=min_years,
        becomes_current=period_end > day,
    )


def pack_estimate(count: int, policy: VendorPolicy) -> Decimal:
    """R8: each pack costs the policy's price (US$2,000)."""
    return round_money(policy.pack_price.amount * count)


# R7, R8: buckets ----------------------------------------------------------------------------


class BucketKind(IntEnum):
    """Ordered as R9 breaks ties: the annual period before any pack."""

    ANNUAL = 0
    PACK = 1


class Bucket(NamedTuple):
    """Tickets usable on days starts_on <= D < expires_on."""

    kind: BucketKind
    key: str
    starts_on: date
    expires_on: date
    size: int

    def usable_on(self, day: date) -> bool:
        return self.starts_on <= day < self.expires_on

    def draw_order(self) -> tuple[date, int, date, str]:
        """R9: earliest expiry; then the annual period; then earlier purchase; then smaller id."""
        return (self.expires_on, self.kind, self.starts_on, self.key)


def ticket_periods(license: LicenseClaims, policy: VendorPolicy) -> list[Bucket]:
    """R7: period k = [sm_start + k years, sm_start + (k+1) years) for each start before sm_end."""
    periods = []
    k = 0
    while (start := add_months(license.sm_start, k * policy.ticket_period_months)) < license.sm_end:
        end = add_months(license.sm_start, (k + 1) * policy.ticket_period_months)
        periods.append(
            Bucket(BucketKind.ANNUAL, start.isoformat(), start, end, license.tickets_per_year)
        )
        k += 1
    return periods


def pack_bucket(pack: SupportPackClaims, policy: VendorPolicy) -> Bucket:
    """R8: `packs` x 4 tickets, usable for 12 months from purchase."""
    expires_on = add_months(pack.purchased_on, policy.pack_validity_months)
    return Bucket(
        BucketKind.PACK,
        pack.pack_id,
        pack.purchased_on,
        expires_on,
        pack.packs * policy.pack_tickets,
    )


def period_containing(periods: Sequence[Bucket], day: date) -> Bucket | None:
    return next((p for p in periods if p.usable_on(day)), None)


# R9-R12: charging ---------------------------------------------------------------------------


class Outcome(StrEnum):
    CHARGED = "charged"
    UNFUNDED = "unfunded"
    NOT_DEDUCTED_BUG = "not_deducted_bug"
    OUT_OF_SCOPE = "out_of_scope"
    INELIGIBLE = "ineligible"


class Charge(NamedTuple):
    """What one ticket cost. A tuple: a ledger holds one per ticket, 100,000 of them and more."""

    ticket: Ticket
    outcome: Outcome
    bucket: Bucket | None


class Ledger(NamedTuple):
    """Every ticket opened up to `as_of`, in draw order, with what it cost."""

    as_of: date
    periods: tuple[Bucket, ...]
    packs: tuple[Bucket, ...]
    charges: tuple[Charge, ...]
    used: dict[tuple[BucketKind, str], int]

    def used_from(self, bucket: Bucket) -> int:
        return self.used.get((bucket.kind, bucket.key), 0)

    def remaining_in(self, bucket: Bucket) -> int:
        return bucket.size - self.used_from(bucket)


def ticket_outcome(license: LicenseClaims, ticket: Ticket, policy: VendorPolicy) -> Outcome | None:
    """R9-R12 before funding: None means the ticket must draw from a bucket."""
    if not covers(license, ticket.opened_on):
        return Outcome.INELIGIBLE
    if not policy.in_scope(ticket.category):
        return Outcome.OUT_OF_SCOPE
    if ticket.classification is Classification.PRODUCT_BUG:
        return Outcome.NOT_DEDUCTED_BUG
    return None


def charge_tickets(
    license: LicenseClaims,
    packs: Iterable[SupportPackClaims],
    tickets: Iterable[Ticket],
    as_of: date,
    policy: VendorPolicy,
) -> Ledger:
    """R9: charges tickets in (opened_on, case_id) order, each from the usable bucket expiring first.

    Runs in O((tickets + buckets) log buckets): buckets enter a heap as their start day passes and
    leave it when they expire or run out.
    """
    periods = ticket_periods(license, policy)
    pack_buckets = sorted(
        (pack_bucket(p, policy) for p in packs if p.license_id == license.license_id),
        key=Bucket.draw_order,
    )
    by_start = sorted([*periods, *pack_buckets], key=lambda b: b.starts_on)
    # Two stable sorts by one field each: three times faster than one sort by a tuple key.
    ordered = [t for t in tickets if t.opened_on <= as_of]
    ordered.sort(key=attrgetter("case_id"))
    ordered.sort(key=attrgetter("opened_on"))

    # Counts by position in `by_start`; the position also breaks ties between buckets of equal
    # draw order in the heap, so two Buckets are never compared.
    counts = [0] * len(by_start)
    starts = [b.starts_on for b in by_start]
    expires = [b.expires_on for b in by_start]
    sizes = [b.size for b in by_start]
    heap: list[tuple[tuple[date, int, date, str], int]] = []
    next_bucket = 0
    charges: list[Charge] = []
    append = charges.append
    charged, unfunded = Outcome.CHARGED, Outcome.UNFUNDED  # see ticket_balance: enum look-ups
    for ticket in ordered:
        outcome = ticket_outcome(license, ticket, policy)
        if outcome is not None:
            append(Charge(ticket, outcome, None))
            continue
        day = ticket.opened_on
        while next_bucket < len(by_start) and starts[next_bucket] <= day:
            heapq.heappush(heap, (by_start[next_bucket].draw_order(), next_bucket))
            next_bucket += 1
        while heap:
            top = heap[0][1]
            if expires[top] > day and counts[top] < sizes[top]:
                counts[top] += 1
                append(Charge(ticket, charged, by_start[top]))
                break
            heapq.heappop(heap)
        else:
            append(Charge(ticket, unfunded, None))
    used: dict[tuple[BucketKind, str], int] = {}
    for bucket, count in zip(by_start, counts, strict=True):
        if count:
            used[(bucket.kind, bucket.key)] = used.get((bucket.kind, bucket.key), 0) + count
    return Ledger(as_of, tuple(periods), tuple(pack_buckets), tuple(charges), used)


# The dashboard (`status`) -------------------------------------------------------------------


class PackBalance(NamedTuple):
    pack_id: str
    purchased_on: date
    expires_on: date
    tickets: int
    used: int
    remaining: int


class TicketBalance(NamedTuple):
    period_start: date | None
    period_end: date | None
    annual_allocated: int
    annual_used: int
    annual_remaining: int
    packs: tuple[PackBalance, ...]
    remaining_total: int
    not_deducted_bug: int
    unfunded: int
    ineligible: int


def ticket_balance(ledger: Ledger) -> TicketBalance:
    """The figures of `status` on `ledger.as_of`: the period containing the day and its usable packs."""
    day = ledger.as_of
    period = period_containing(ledger.periods, day)
    packs = tuple(
        PackBalance(
            b.key, b.starts_on, b.expires_on, b.size, ledger.used_from(b), ledger.remaining_in(b)
        )
        for b in ledger.packs
        if b.usable_on(day)
    )
    # One pass over the charges, a ledger holds 100,000 of them and more; enum members in locals,
    # as each look-up on the class costs about 70 ns on Python 3.11.
    ineligible_outcome, bug_outcome, unfunded_outcome = (
        Outcome.INELIGIBLE,
        Outcome.NOT_DEDUCTED_BUG,
        Outcome.UNFUNDED,
    )
    not_deducted_bug = unfunded = ineligible = 0
    for ticket, outcome, _bucket in ledger.charges:
        if outcome is ineligible_outcome:
            ineligible += 1
        elif period is not None and period.usable_on(ticket.opened_on):
            if outcome is unfunded_outcome:
                unfunded += 1
            elif outcome is bug_outcome:
                not_deducted_bug += 1
    annual_remaining = ledger.remaining_in(period) if period else 0
    return TicketBalance(
        period_start=period.starts_on if period else None,
        period_end=period.expires_on if period else None,
        annual_allocated=period.size if period else 0,
        annual_used=ledger.used_from(period) if period else 0,
        annual_remaining=annual_remaining,
        packs=packs,
        remaining_total=annual_remaining + sum(p.remaining for p in packs),
        not_deducted_bug=not_deducted_bug,
        unfunded=unfunded,
        ineligible=ineligible,
    )


class Severity(IntEnum):
    """Monitoring-plugin exit codes."""

    OK = 0
    WARNING = 1
    CRITICAL = 2
    UNKNOWN = 3


class WarningCode(StrEnum):
    NOT_STARTED = "not_started"
    RENEWAL_DUE = "renewal_due"
    EXPIRED = "expired"
    LAPSED = "lapsed"
    SUBSCRIPTION_ENDED = "subscription_ended"
    PERIOD_TICKETS_EXPIRING = "period_tickets_expiring"
    PACK_EXPIRING = "pack_expiring"
    NO_TICKETS_LEFT = "no_tickets_left"
    UNFUNDED_TICKETS = "unfunded_tickets"
    CLOCK_ROLLBACK = "clock_rollback"
    NO_VALID_LICENSE = "no_valid_license"


class StatusWarning(NamedTuple):
    """A code for scripts, the facts behind it, and how serious it is; the UI words the message."""

    code: WarningCode
    severity: Severity
    facts: tuple[tuple[str, str], ...] = ()

    def fact(self, name: str) -> str:
        return dict(self.facts)[name]


def _facts(**facts: object) -> tuple[tuple[str, str], ...]:
    return tuple((k, v.isoformat() if isinstance(v, date) else str(v)) for k, v in facts.items())


def status_warnings(
    license: LicenseClaims, sm: SmStatus, balance: TicketBalance, day: date, policy: VendorPolicy
) -> list[StatusWarning]:
    """The warnings of `status` and their severities (SPEC section 5, exit codes)."""
    warnings = []
    state_severity = {
        SmState.NOT_STARTED: (WarningCode.NOT_STARTED, Severity.WARNING),
        SmState.RENEWAL_DUE: (WarningCode.RENEWAL_DUE, Severity.WARNING),
        SmState.EXPIRED: (WarningCode.EXPIRED, Severity.CRITICAL),
        SmState.LAPSED: (WarningCode.LAPSED, Severity.CRITICAL),
    }
    if sm.state in state_severity:
        code, severity = state_severity[sm.state]
        reinstatement_from = sm.end + relativedelta(days=policy.reinstatement_after_days + 1)
        warnings.append(
            StatusWarning(
                code,
                severity,
                _facts(
                    sm_start=sm.start,
                    sm_end=sm.end,
                    days=abs(sm.days_to_expiry),
                    reinstatement_fee_from=reinstatement_from,
                    fee_percent=f"{policy.reinstatement_fee_rate * 100:f}".rstrip("0").rstrip("."),
                    perpetual=license.license_type is LicenseType.PERPETUAL,
                ),
            )
        )
    if not right_to_use(license, day):
        warnings.append(
            StatusWarning(WarningCode.SUBSCRIPTION_ENDED, Severity.CRITICAL, _facts(sm_end=sm.end))
        )
    horizon = policy.expiring_tickets_warning_days
    # Tickets are usable only on covered days (R11): on others, their expiry is no news.
    covered = covers(license, day)
    if (
        covered
        and balance.period_end
        and balance.annual_remaining > 0
        and (balance.period_end - day).days <= horizon
    ):
        warnings.append(
            StatusWarning(
                WarningCode.PERIOD_TICKETS_EXPIRING,
                Severity.WARNING,
                _facts(expires_on=balance.period_end, remaining=balance.annual_remaining),
            )
        )
    for pack in balance.packs:
        if covered and pack.remaining > 0 and (pack.expires_on - day).days <= horizon:
            warnings.append(
                StatusWarning(
                    WarningCode.PACK_EXPIRING,
                    Severity.WARNING,
                    _facts(
                        pack_id=pack.pack_id, expires_on=pack.expires_on, remaining=pack.remaining
                    ),
                )
            )
    if covered and balance.remaining_total == 0:
        warnings.append(StatusWarning(WarningCode.NO_TICKETS_LEFT, Severity.WARNING))
    if balance.unfunded:
        warnings.append(
            StatusWarning(
                WarningCode.UNFUNDED_TICKETS, Severity.WARNING, _facts(count=balance.unfunded)
            )
        )
    return warnings


def overall_severity(warnings: Iterable[StatusWarning]) -> Severity:
    return max((w.severity for w in warnings), default=Severity.OK)


# R13 ----------------------------------------------------------------------------------------


class IneligibleReason(StrEnum):
    NO_VALID_LICENSE = "no_valid_license"
    NOT_COVERED = "not_covered"
    OUT_OF_SCOPE = "out_of_scope"
    NO_TICKETS_LEFT = "no_tickets_left"


class Eligibility(NamedTuple):
    eligible: bool
    reasons: tuple[IneligibleReason, ...]


def eligibility(
    license: LicenseClaims,
    balance: TicketBalance,
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
    if classification is not Classification.PRODUCT_BUG and balance.remaining_total <= 0:
        reasons.append(IneligibleReason.NO_TICKETS_LEFT)
    return Eligibility(not reasons, tuple(reasons))


# R15 ----------------------------------------------------------------------------------------


def clock_rolled_back(today: date, latest_seen: date | None, policy: VendorPolicy) -> bool:
    """R15: the system date is more than the tolerance (1 day) before the latest date seen."""
    return (
        latest_seen is not None
        and (latest_seen - today).days > policy.clock_rollback_tolerance_days
    )
