"""Properties of the ticket ledger (R7-R12), of the date rules (R2, R4, R5) and of the portfolio
(R16), over random inputs.

The ledger is also checked against a deliberately naive model of R9 written here from
docs/rules.md.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date, timedelta
from random import Random

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing.claims import (
    Category,
    Classification,
    LicenseClaims,
    LicenseType,
    SupportPackClaims,
    Ticket,
)
from licensing.ledger import Bucket, Ledger, Outcome, ticket_balance
from licensing.portfolio import LocalTicket
from licensing.renewals import least_years_past, renewal_quote
from licensing.rules import SmState, sm_status
from licensing.upgrades import upgrade_decision
from tests.licensing.rules_builders import (
    FAR_FUTURE,
    LICENSE_ID,
    POLICY,
    bug,
    evaluated,
    ledger,
    make_license,
    make_pack,
    plus_years,
    portfolio,
    reclassified,
    renewed,
    statement,
    ticket,
)

SETTINGS = settings(max_examples=150, deadline=None)

# R12 as docs/rules.md words it, independent of the policy file.
DOCUMENTED_OUT_OF_SCOPE = {
    "system_center",
    "installation",
    "consulting",
    "customization",
    "training",
}


@dataclasses.dataclass(frozen=True)
class Scenario:
    license: LicenseClaims
    packs: tuple[SupportPackClaims, ...]
    tickets: tuple[Ticket, ...]
    as_of: date

    def ledger(self, tickets=None, packs=None, license=None) -> Ledger:
        return ledger(
            license or self.license,
            self.tickets if tickets is None else tickets,
            self.packs if packs is None else packs,
            self.as_of,
        )


CATEGORIES = st.sampled_from([Category.PRODUCT] * 5 + [Category.UPGRADE, *Category])
DAYS = st.dates(date(2021, 1, 1), date(2027, 12, 31))


@st.composite
def licenses(draw, license_id: str = LICENSE_ID) -> LicenseClaims:
    sm_start = draw(st.one_of(DAYS, st.sampled_from([date(2024, 2, 29), date(2023, 2, 28)])))
    length = draw(st.one_of(st.integers(1, 1500), st.sampled_from([365, 366, 730, 731])))
    return make_license(
        sm_start,
        sm_start + timedelta(days=length),
        tickets_per_year=draw(st.integers(0, 4)),
        license_type=draw(st.sampled_from(LicenseType)),
        license_id=license_id,
    )


@st.composite
def scenarios(draw) -> Scenario:
    lic = draw(licenses())
    one_day = timedelta(days=1)
    around = st.dates(lic.sm_start - timedelta(days=120), lic.sm_end + timedelta(days=120))
    # Boundaries are where rules break: period starts and ends, sm_end, pack expiries.
    starts = [s for k in range(6) if (s := lic.sm_start + relativedelta(years=k)) <= lic.sm_end]
    anchors = [lic.sm_end - one_day, *starts, *(s - one_day for s in starts)]
    near = st.one_of(around, st.sampled_from(anchors))
    pack_ids = draw(
        st.lists(st.sampled_from(["P1", "P2", "P10", "0", "A"]), unique=True, max_size=4)
    )
    packs = tuple(
        make_pack(
            pack_id,
            draw(near),
            draw(st.integers(1, 2)),
            license_id=draw(st.sampled_from([LICENSE_ID, LICENSE_ID, LICENSE_ID, "LIC-OTHER"])),
        )
        for pack_id in pack_ids
    )
    for p in packs:
        expiry = p.purchased_on + relativedelta(months=12)
        anchors += [p.purchased_on, expiry, expiry - one_day]
    # A few distinct days, so that many tickets share a day and case_id ordering matters.
    days = draw(st.lists(st.one_of(around, st.sampled_from(anchors)), min_size=1, max_size=8))
    numbers = draw(st.lists(st.integers(0, 200), unique=True, max_size=24))
    tickets = tuple(
        ticket(
            f"C{n}",  # "C10" < "C9": the order is by case_id as a string
            draw(st.sampled_from(days)),
            draw(st.sampled_from([Classification.CUSTOMER] * 3 + [Classification.PRODUCT_BUG])),
            draw(CATEGORIES),
        )
        for n in numbers
    )
    as_of = draw(st.one_of(st.just(FAR_FUTURE), around, st.sampled_from(anchors)))
    return Scenario(lic, packs, tickets, as_of)


def key(bucket: Bucket) -> tuple:
    return (bucket.kind, bucket.key)


def all_buckets(result: Ledger) -> list[Bucket]:
    return [*result.periods, *result.packs]


def reference_periods(lic: LicenseClaims) -> list[tuple[date, date, int]]:
    """R7: period k = [sm_start + k years, sm_start + (k+1) years) while its start < sm_end."""
    periods = []
    k = 0
    while (start := lic.sm_start + relativedelta(years=k)) < lic.sm_end:
        periods.append((start, lic.sm_start + relativedelta(years=k + 1), lic.tickets_per_year))
        k += 1
    return periods


def reference_outcomes(s: Scenario) -> dict[str, tuple[str, str | None]]:
    """R7-R12 computed naively from docs/rules.md: every bucket scanned for every ticket."""
    lic = s.license
    # (expires_on, annual first, starts_on, key, size): min() is the draw order of R9.
    buckets = [(end, 0, start, start.isoformat(), n) for start, end, n in reference_periods(lic)]
    for p in s.packs:
        if p.license_id == lic.license_id:
            end = p.purchased_on + relativedelta(months=12)
            buckets.append((end, 1, p.purchased_on, p.pack_id, 4 * p.packs))
    left = {b[:4]: b[4] for b in buckets}
    result = {}
    for t in sorted(s.tickets, key=lambda t: (t.opened_on, t.case_id)):
        if t.opened_on > s.as_of:
            continue
        if not lic.sm_start <= t.opened_on < lic.sm_end:
            result[t.case_id] = ("ineligible", None)
        elif t.category.value in DOCUMENTED_OUT_OF_SCOPE:
            result[t.case_id] = ("out_of_scope", None)
        elif t.classification is Classification.PRODUCT_BUG:
            result[t.case_id] = ("not_deducted_bug", None)
        else:
            usable = [b for b in left if b[2] <= t.opened_on < b[0] and left[b] > 0]
            if usable:
                chosen = min(usable)
                left[chosen] -= 1
                result[t.case_id] = ("charged", chosen[3])
            else:
                result[t.case_id] = ("unfunded", None)
    return result


def outcome_map(result: Ledger) -> dict[str, tuple[str, str | None]]:
    return {
        c.ticket.case_id: (c.outcome.value, c.bucket.key if c.bucket else None)
        for c in result.charges
    }


# The ledger ------------------------------------------------------------------------------------


@SETTINGS
@given(scenarios())
def test_ledger_matches_a_naive_model_of_the_spec(s):
    result = s.ledger()
    assert outcome_map(result) == reference_outcomes(s)
    assert [(p.starts_on, p.expires_on, p.size) for p in result.periods] == reference_periods(
        s.license
    )


@SETTINGS
@given(scenarios())
def test_every_ticket_up_to_as_of_appears_exactly_once(s):
    result = s.ledger()
    seen = Counter(c.ticket.case_id for c in result.charges)
    expected = {t.case_id for t in s.tickets if t.opened_on <= s.as_of}
    assert set(seen) == expected
    assert all(n == 1 for n in seen.values())
    order = [(c.ticket.opened_on, c.ticket.case_id) for c in result.charges]
    assert order == sorted(order)
    for c in result.charges:
        assert (c.outcome is Outcome.CHARGED) == (c.bucket is not None)


@SETTINGS
@given(scenarios())
def test_usage_sums_to_the_charges_and_no_bucket_is_overdrawn(s):
    result = s.ledger()
    charged = [c for c in result.charges if c.outcome is Outcome.CHARGED]
    assert sum(result.used.values()) == len(charged)
    buckets = {key(b): b for b in all_buckets(result)}
    assert set(result.used) <= set(buckets)
    per_bucket = Counter(key(c.bucket) for c in charged)
    for k, bucket in buckets.items():
        assert result.used_from(bucket) == per_bucket[k] <= bucket.size
        assert result.remaining_in(bucket) >= 0


@SETTINGS
@given(scenarios())
def test_a_charged_ticket_drew_from_a_bucket_usable_that_day(s):
    result = s.ledger()
    buckets = set(all_buckets(result))
    for c in result.charges:
        if c.outcome is Outcome.CHARGED:
            assert c.bucket in buckets
            assert c.bucket.usable_on(c.ticket.opened_on)
            assert c.ticket.classification is Classification.CUSTOMER
            assert s.license.sm_start <= c.ticket.opened_on < s.license.sm_end
            assert c.ticket.category.value not in DOCUMENTED_OUT_OF_SCOPE


@SETTINGS
@given(scenarios())
def test_unfunded_only_when_no_usable_bucket_had_anything_left(s):
    """Replays the ledger: at each ticket, what each bucket had left decides its outcome."""
    result = s.ledger()
    used: Counter = Counter()
    for c in result.charges:
        day = c.ticket.opened_on
        available = [b for b in all_buckets(result) if b.usable_on(day) and used[key(b)] < b.size]
        if c.outcome is Outcome.UNFUNDED:
            assert available == []
        elif c.outcome is Outcome.CHARGED:
            assert c.bucket in available
            assert c.bucket == min(available, key=Bucket.draw_order)
            used[key(c.bucket)] += 1
    assert dict(+used) == {k: n for k, n in result.used.items() if n}


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False))
def test_insertion_order_of_tickets_and_packs_never_matters(s, rng: Random):
    tickets, packs = list(s.tickets), list(s.packs)
    rng.shuffle(tickets)
    rng.shuffle(packs)
    assert s.ledger(tickets, packs) == s.ledger()
    assert s.ledger(tickets[::-1], packs[::-1]) == s.ledger()


@SETTINGS
@given(scenarios(), st.integers(min_value=0))
def test_reclassifying_twice_restores_every_balance(s, pick):
    if not s.tickets:
        return
    case_id = s.tickets[pick % len(s.tickets)].case_id
    customer = reclassified(s.tickets, case_id, Classification.CUSTOMER)
    as_bug = reclassified(customer, case_id, Classification.PRODUCT_BUG)
    back = reclassified(as_bug, case_id, Classification.CUSTOMER)
    before, during, after = s.ledger(customer), s.ledger(as_bug), s.ledger(back)
    assert after == before
    assert ticket_balance(after) == ticket_balance(before)
    # While it is a bug, it costs nothing, and at most one ticket is given back.
    charged_before = sum(c.outcome is Outcome.CHARGED for c in before.charges)
    charged_during = sum(c.outcome is Outcome.CHARGED for c in during.charges)
    was_charged = outcome_map(before).get(case_id, ("",))[0] == "charged"
    assert charged_during in {charged_before - was_charged, charged_before}
    assert outcome_map(during).get(case_id, ("not_deducted_bug",))[0] != "charged"
    if not was_charged:
        assert during.used == before.used


@SETTINGS
@given(scenarios(), DAYS, CATEGORIES)
def test_adding_a_product_bug_never_changes_any_usage(s, opened_on, category):
    extra = bug("ZZ-NEW-BUG", opened_on, category)
    before, after = s.ledger(), s.ledger([*s.tickets, extra])
    assert after.used == before.used
    others = [c for c in after.charges if c.ticket.case_id != extra.case_id]
    assert tuple(others) == before.charges


@SETTINGS
@given(scenarios(), st.integers(1, 3))
def test_a_backdated_renewal_keeps_earlier_outcomes_and_covers_later_tickets(s, years):
    old_end = s.license.sm_end
    before = outcome_map(s.ledger())
    after = outcome_map(s.ledger(license=renewed(s.license, years)))
    new_end = plus_years(old_end, years)
    for t in s.tickets:
        if t.opened_on > s.as_of:
            continue
        if t.opened_on < old_end:
            assert after[t.case_id] == before[t.case_id]
        elif t.opened_on < new_end:
            assert before[t.case_id][0] == "ineligible"
            assert after[t.case_id][0] != "ineligible"


@SETTINGS
@given(scenarios())
def test_balance_figures_are_consistent_with_the_ledger(s):
    result = s.ledger()
    bal = ticket_balance(result)
    assert bal.remaining_total == bal.annual_remaining + sum(p.remaining for p in bal.packs)
    assert bal.annual_used + bal.annual_remaining == bal.annual_allocated
    assert bal.annual_remaining >= 0
    assert bal.ineligible == sum(c.outcome is Outcome.INELIGIBLE for c in result.charges)
    for p in bal.packs:
        assert p.purchased_on <= s.as_of < p.expires_on
        assert p.used + p.remaining == p.tickets
    if bal.period_start is None:
        assert (bal.annual_allocated, bal.not_deducted_bug, bal.unfunded) == (0, 0, 0)
        return
    assert bal.period_start <= s.as_of < bal.period_end
    in_period = Counter(
        c.outcome for c in result.charges if bal.period_start <= c.ticket.opened_on < bal.period_end
    )
    assert bal.not_deducted_bug == in_period[Outcome.NOT_DEDUCTED_BUG]
    assert bal.unfunded == in_period[Outcome.UNFUNDED]


# Dates and money -------------------------------------------------------------------------------


@SETTINGS
@given(DAYS, DAYS)
def test_least_years_past_is_the_least_n_that_is_current(sm_end, day):
    n = least_years_past(sm_end, day)
    assert n >= 1
    assert plus_years(sm_end, n) > day
    assert n == 1 or plus_years(sm_end, n - 1) <= day


@SETTINGS
@given(licenses(), st.integers(-800, 800))
def test_sm_states_partition_the_calendar(lic, offset):
    day = lic.sm_end + timedelta(days=offset)
    status = sm_status(lic, day, POLICY)
    assert status.days_to_expiry == -offset
    past = (day - lic.sm_end).days
    expected = (
        SmState.NOT_STARTED
        if day < lic.sm_start
        else SmState.ACTIVE
        if -past > POLICY.reminder_window_days
        else SmState.RENEWAL_DUE
        if -past >= 1
        else SmState.EXPIRED
        if past <= POLICY.reinstatement_after_days
        else SmState.LAPSED
    )
    assert status.state is expected
    assert status.reinstatement_fee_applies is (expected is SmState.LAPSED)


@SETTINGS
@given(licenses(), DAYS, st.integers(1, 4), st.booleans())
def test_renewal_quote_arithmetic(lic, day, years, changes_seats):
    users = lic.seats.users + 1 if changes_seats else lic.seats.users
    quote = renewal_quote(lic, day, POLICY, years=years, users=users)
    assert quote.period_start == lic.sm_end
    assert quote.period_end == plus_years(lic.sm_end, years)
    assert quote.becomes_current is (years >= quote.min_years_to_be_current)
    if changes_seats:
        assert quote.total is None
        return
    assert quote.base_amount == lic.sm_annual_fee.amount * years
    lapsed = sm_status(lic, day, POLICY).state is SmState.LAPSED
    assert quote.reinstatement_fee == (quote.base_amount / 10 if lapsed else 0)
    assert quote.total == quote.base_amount + quote.reinstatement_fee


@SETTINGS
@given(licenses(), DAYS, DAYS)
def test_renewal_years_needed_names_a_renewal_that_permits_the_release(lic, released_on, day):
    decision = upgrade_decision(lic, released_on, day)
    assert decision.permitted is (
        released_on < lic.sm_end and (lic.license_type is LicenseType.PERPETUAL or day < lic.sm_end)
    )
    if decision.permitted:
        assert decision.renewal_years_needed is None
        return
    n = decision.renewal_years_needed
    assert upgrade_decision(renewed(lic, n), released_on, day).permitted
    if n > 1:
        assert not upgrade_decision(renewed(lic, n - 1), released_on, day).permitted


# The portfolio (R16) ---------------------------------------------------------------------------

OTHER = "LIC-OTHER"


@st.composite
def other_documents(draw, around: date) -> tuple:
    """Another license of the customer with its own packs, statement and local tickets, around
    the same days (so that they would be usable if anything leaked)."""
    lic = draw(licenses(OTHER))
    near = st.dates(around - timedelta(days=400), around + timedelta(days=400))
    packs = [
        make_pack(f"P{n}", draw(near), draw(st.integers(1, 2)), license_id=OTHER)
        for n in draw(st.lists(st.integers(1, 12), unique=True, max_size=3))
    ]
    tickets = [
        ticket(f"O{n}", draw(near), draw(st.sampled_from(list(Classification))))
        for n in draw(st.lists(st.integers(0, 99), unique=True, max_size=10))
    ]
    half = len(tickets) // 2
    vendor = statement(tickets[:half], license_id=OTHER)
    local = [LocalTicket(t, OTHER) for t in tickets[half:]]
    return lic, packs, vendor, local


def _first_license_portfolio(s: Scenario, extra=None):
    """The scenario's license with half its tickets on a statement and half entered locally,
    plus `extra` documents of another license, given first so that order would show."""
    vendor = statement(s.tickets[::2]) if s.tickets else None
    own_local = [LocalTicket(t, LICENSE_ID) for t in s.tickets[1::2]]
    licenses, packs, statements, local = [s.license], list(s.packs), [], own_local
    if vendor is not None:
        statements.append(vendor)
    if extra is not None:
        other, other_packs, other_vendor, other_local = extra
        licenses = [other, *licenses]
        packs = [*other_packs, *packs]
        statements = [other_vendor, *statements]
        local = [*other_local, *local]
    return portfolio(licenses=licenses, packs=packs, statements=statements, local_tickets=local)


@settings(max_examples=60, deadline=None)
@given(scenarios(), st.data())
def test_another_licenses_documents_never_change_a_licenses_answers(s, data):
    """Packs (including the scenario's packs already naming LIC-OTHER), statements and local
    tickets of another license never charge, fund or hide anything of the first one."""
    extra = data.draw(other_documents(s.license.sm_start))
    alone = evaluated(_first_license_portfolio(s), s.as_of).standing(LICENSE_ID)
    together = evaluated(_first_license_portfolio(s, extra), s.as_of)
    beside = together.standing(LICENSE_ID)
    assert beside.ledger == alone.ledger
    assert beside.balance == alone.balance
    assert beside.warnings == alone.warnings
    assert beside.ledger == s.ledger()  # and it is the license's own ledger of R9
    assert len(together.licenses) == 2
    other = together.standing(OTHER)
    assert all(p.license_id == OTHER for p in [*(p.claims for p in other.packs)])
    assert not {c.ticket.case_id for c in other.ledger.charges} & {t.case_id for t in s.tickets}
