"""Business rules R1-R13, R15 of SPEC.md (licensing/rules.py), each at its boundaries."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from packaging.version import Version

from licensing.claims import Category, Classification, LicenseType, Money
from licensing.rules import (
    BucketKind,
    IneligibleReason,
    Outcome,
    Severity,
    SmState,
    UpgradeReason,
    WarningCode,
    clock_rolled_back,
    covers,
    eligibility,
    latest_permitted,
    least_years_past,
    overall_severity,
    pack_bucket,
    pack_estimate,
    renewal_quote,
    right_to_use,
    sm_status,
    status_warnings,
    ticket_periods,
    upgrade_decision,
)
from tests.licensing.rules_builders import (
    POLICY,
    balance,
    bug,
    d,
    dashboard,
    ledger,
    make_license,
    make_pack,
    outcomes,
    plus_months,
    plus_years,
    reclassified,
    renewed,
    ticket,
)

DAY = timedelta(days=1)
OUT_OF_SCOPE = [
    Category.SYSTEM_CENTER,
    Category.INSTALLATION,
    Category.CONSULTING,
    Category.CUSTOMIZATION,
    Category.TRAINING,
]
IN_SCOPE = [Category.PRODUCT, Category.UPGRADE, Category.LICENSING]


def codes(warnings) -> set[WarningCode]:
    return {w.code for w in warnings}


# R14: the figures come from the shipped policy ----------------------------------------------


def test_shipped_policy_holds_the_spec_defaults():
    assert POLICY.reminder_window_days == 60
    assert POLICY.reinstatement_after_days == 60
    assert POLICY.reinstatement_fee_rate == Decimal("0.10")
    assert POLICY.pack_tickets == 4
    assert POLICY.pack_price == Money(Decimal("2000.00"), "USD")
    assert POLICY.pack_validity_months == 12
    assert POLICY.ticket_period_months == 12
    assert POLICY.renewals_email == "renewals@cireson.com"
    assert POLICY.response_target_hours == 24
    assert POLICY.expiring_tickets_warning_days == 30
    assert POLICY.clock_rollback_tolerance_days == 1
    assert set(OUT_OF_SCOPE) == POLICY.out_of_scope_categories


def test_rules_read_their_figures_from_the_policy_not_literals():
    policy = POLICY._replace(
        reminder_window_days=30,
        reinstatement_after_days=10,
        reinstatement_fee_rate=Decimal("0.25"),
        pack_tickets=5,
        pack_validity_months=6,
        pack_price=Money(Decimal("1500.00"), "USD"),
        clock_rollback_tolerance_days=3,
        out_of_scope_categories=frozenset({Category.UPGRADE}),
    )
    lic = make_license()
    end = lic.sm_end
    assert sm_status(lic, end - 31 * DAY, policy).state is SmState.ACTIVE
    assert sm_status(lic, end - 30 * DAY, policy).state is SmState.RENEWAL_DUE
    assert sm_status(lic, end + 10 * DAY, policy).state is SmState.EXPIRED
    assert sm_status(lic, end + 11 * DAY, policy).state is SmState.LAPSED
    assert renewal_quote(lic, end + 11 * DAY, policy).reinstatement_fee == Decimal("3000.00")
    bucket = pack_bucket(make_pack(purchased_on="2024-10-15", packs=2), policy)
    assert (bucket.size, bucket.expires_on) == (10, d("2025-04-15"))
    assert pack_estimate(2, policy) == Decimal("3000.00")
    assert not clock_rolled_back(d("2025-03-01"), d("2025-03-04"), policy)
    assert clock_rolled_back(d("2025-03-01"), d("2025-03-05"), policy)
    result = ledger(lic, [ticket("A", "2024-05-01", category=Category.UPGRADE)], policy=policy)
    assert outcomes(result)["A"] == ("out_of_scope", None)


# R1 coverage ---------------------------------------------------------------------------------


def test_r1_coverage_is_half_open_from_sm_start_to_sm_end():
    lic = make_license("2023-04-01", "2025-04-01")
    assert covers(lic, d("2023-04-01"))
    assert covers(lic, d("2025-03-31"))
    assert not covers(lic, d("2025-04-01"))
    assert not covers(lic, d("2023-03-31"))
    assert not covers(lic, d("2030-01-01"))


# R2 states -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "state"),
    [
        (-(POLICY.reminder_window_days + 1), SmState.ACTIVE),
        (-POLICY.reminder_window_days, SmState.RENEWAL_DUE),
        (-1, SmState.RENEWAL_DUE),
        (0, SmState.EXPIRED),
        (POLICY.reinstatement_after_days, SmState.EXPIRED),
        (POLICY.reinstatement_after_days + 1, SmState.LAPSED),
    ],
)
def test_r2_state_boundaries_from_the_policy(offset, state):
    lic = make_license("2023-04-01", "2025-04-01")
    status = sm_status(lic, lic.sm_end + offset * DAY, POLICY)
    assert status.state is state
    assert status.days_to_expiry == -offset
    assert status.reinstatement_fee_applies is (state is SmState.LAPSED)
    assert (status.start, status.end) == (lic.sm_start, lic.sm_end)


@pytest.mark.parametrize(
    ("day", "state", "days_to_expiry", "fee"),
    [
        ("2023-03-31", SmState.NOT_STARTED, 732, False),
        ("2023-04-01", SmState.ACTIVE, 731, False),
        ("2025-01-30", SmState.ACTIVE, 61, False),
        ("2025-01-31", SmState.RENEWAL_DUE, 60, False),
        ("2025-03-31", SmState.RENEWAL_DUE, 1, False),
        ("2025-04-01", SmState.EXPIRED, 0, False),
        ("2025-05-31", SmState.EXPIRED, -60, False),
        ("2025-06-01", SmState.LAPSED, -61, True),
        ("2031-01-01", SmState.LAPSED, -2101, True),
    ],
)
def test_r2_concrete_spec_days(day, state, days_to_expiry, fee):
    status = sm_status(make_license("2023-04-01", "2025-04-01"), d(day), POLICY)
    assert status.state is state
    assert status.days_to_expiry == days_to_expiry
    assert status.reinstatement_fee_applies is fee


def test_r2_not_started_even_when_sm_end_is_close():
    lic = make_license("2025-03-01", "2025-04-01")
    assert sm_status(lic, d("2025-02-28"), POLICY).state is SmState.NOT_STARTED
    assert sm_status(lic, d("2025-03-01"), POLICY).state is SmState.RENEWAL_DUE


# R3 right to use -----------------------------------------------------------------------------


def test_r3_perpetual_right_to_use_never_ends():
    lic = make_license(license_type=LicenseType.PERPETUAL)
    for day in ("2025-03-31", "2025-04-01", "2025-06-01", "2040-01-01"):
        assert right_to_use(lic, d(day))


def test_r3_subscription_right_to_use_ends_at_sm_end():
    lic = make_license(license_type=LicenseType.SUBSCRIPTION)
    assert right_to_use(lic, d("2025-03-31"))
    assert not right_to_use(lic, d("2025-04-01"))
    assert not right_to_use(lic, d("2026-01-01"))


# R4 upgrades ---------------------------------------------------------------------------------


def test_r4_release_the_day_before_sm_end_is_permitted_forever_on_a_perpetual_license():
    lic = make_license("2023-04-01", "2025-04-01")
    for day in ("2025-03-31", "2025-04-01", "2030-01-01"):
        decision = upgrade_decision(lic, d("2025-03-31"), d(day))
        assert decision.permitted
        assert decision.reason is UpgradeReason.RELEASED_BEFORE_SM_END
        assert decision.renewal_years_needed is None


@pytest.mark.parametrize(
    ("released_on", "years"),
    [("2025-04-01", 1), ("2026-03-31", 1), ("2026-04-01", 2), ("2027-07-01", 3)],
)
def test_r4_release_on_or_after_sm_end_is_not_permitted(released_on, years):
    lic = make_license("2023-04-01", "2025-04-01")
    decision = upgrade_decision(lic, d(released_on), d("2025-01-01"))
    assert not decision.permitted
    assert decision.reason is UpgradeReason.RELEASED_ON_OR_AFTER_SM_END
    assert decision.renewal_years_needed == years
    # The named renewal permits it; one year less does not.
    assert upgrade_decision(renewed(lic, years), d(released_on), d("2025-01-01")).permitted
    if years > 1:
        assert not upgrade_decision(
            renewed(lic, years - 1), d(released_on), d("2025-01-01")
        ).permitted


def test_r4_subscription_after_sm_end_refuses_even_old_releases():
    lic = make_license(license_type=LicenseType.SUBSCRIPTION)
    assert upgrade_decision(lic, d("2024-01-01"), d("2025-03-31")).permitted
    decision = upgrade_decision(lic, d("2024-01-01"), d("2025-04-01"))
    assert not decision.permitted
    assert decision.reason is UpgradeReason.SUBSCRIPTION_ENDED
    assert decision.renewal_years_needed == 1
    late = upgrade_decision(lic, d("2024-01-01"), d("2026-04-01"))
    assert late.renewal_years_needed == 2
    assert not upgrade_decision(renewed(lic, 1), d("2024-01-01"), d("2026-04-01")).permitted
    assert upgrade_decision(renewed(lic, 2), d("2024-01-01"), d("2026-04-01")).permitted


def test_r4_subscription_renewal_needed_covers_both_the_release_and_the_day():
    lic = make_license(license_type=LicenseType.SUBSCRIPTION)
    decision = upgrade_decision(lic, d("2025-05-01"), d("2027-01-01"))
    assert not decision.permitted
    assert decision.renewal_years_needed == 2
    assert not upgrade_decision(renewed(lic, 1), d("2025-05-01"), d("2027-01-01")).permitted
    assert upgrade_decision(renewed(lic, 2), d("2025-05-01"), d("2027-01-01")).permitted


def test_r4_latest_permitted_compares_pep440_versions():
    lic = make_license("2023-04-01", "2025-04-01")
    releases = [
        (Version("1.10"), d("2024-06-01")),
        (Version("1.9"), d("2024-09-01")),  # released later, but a lower version
        (Version("2.0"), d("2025-04-01")),  # on sm_end: not permitted
        (Version("1.2"), d("2023-01-01")),
    ]
    assert latest_permitted(lic, releases, d("2025-07-01")) == Version("1.10")
    assert latest_permitted(renewed(lic), releases, d("2025-07-01")) == Version("2.0")
    assert latest_permitted(lic, [(Version("3.0"), d("2026-01-01"))], d("2025-01-01")) is None
    sub = make_license(license_type=LicenseType.SUBSCRIPTION)
    assert latest_permitted(sub, releases, d("2025-03-31")) == Version("1.10")
    assert latest_permitted(sub, releases, d("2025-04-01")) is None


# R5 least years, R6 renewal estimate ---------------------------------------------------------


@pytest.mark.parametrize(
    ("sm_end", "day", "years"),
    [
        ("2025-04-01", "2024-01-01", 1),
        ("2025-04-01", "2025-03-31", 1),
        ("2025-04-01", "2025-04-01", 1),
        ("2025-04-01", "2026-03-31", 1),
        ("2025-04-01", "2026-04-01", 2),  # sm_end + 1 year == D is not current
        ("2025-04-01", "2027-03-31", 2),
        ("2025-04-01", "2027-04-01", 3),
        ("2024-02-29", "2025-02-27", 1),
        ("2024-02-29", "2025-02-28", 2),  # Feb 29 + 1 year = Feb 28
        ("2024-02-29", "2028-02-28", 4),  # Feb 29 + 4 years = Feb 29
        ("2024-02-29", "2028-02-29", 5),
    ],
)
def test_r5_least_years_past(sm_end, day, years):
    assert least_years_past(d(sm_end), d(day)) == years


def test_r5_leap_day_renewal_periods():
    lic = make_license("2023-03-01", "2024-02-29")
    one = renewal_quote(lic, d("2024-03-15"), POLICY, years=1)
    assert (one.period_start, one.period_end) == (d("2024-02-29"), d("2025-02-28"))
    four = renewal_quote(lic, d("2024-03-15"), POLICY, years=4)
    assert four.period_end == d("2028-02-29")


@pytest.mark.parametrize(
    "day", ["2025-01-31", "2025-03-31", "2025-04-01", "2025-06-01", "2028-12-25"]
)
def test_r5_renewal_is_backdated_to_the_old_sm_end_whatever_the_day(day):
    lic = make_license("2023-04-01", "2025-04-01")
    quote = renewal_quote(lic, d(day), POLICY, years=2)
    assert quote.period_start == d("2025-04-01")
    assert quote.period_end == d("2027-04-01")
    assert quote.years == 2


def test_r5_default_years_is_the_least_that_makes_it_current():
    lic = make_license("2023-04-01", "2025-04-01")
    quote = renewal_quote(lic, d("2026-06-01"), POLICY)
    assert quote.years == quote.min_years_to_be_current == 2
    assert quote.period_end == d("2027-04-01")
    assert quote.becomes_current


def test_r5_fewer_years_than_needed_leaves_it_expired():
    lic = make_license("2023-04-01", "2025-04-01")
    short = renewal_quote(lic, d("2026-06-01"), POLICY, years=1)
    assert short.min_years_to_be_current == 2
    assert short.period_end == d("2026-04-01")
    assert short.becomes_current is False
    # On the new sm_end itself the license would not be current either.
    assert renewal_quote(lic, d("2026-04-01"), POLICY, years=1).becomes_current is False
    assert renewal_quote(lic, d("2026-03-31"), POLICY, years=1).becomes_current is True


@pytest.mark.parametrize("years", [0, -1])
def test_r5_years_below_one_are_refused(years):
    with pytest.raises(ValueError):
        renewal_quote(make_license(), d("2025-03-01"), POLICY, years=years)


@pytest.mark.parametrize(
    ("day", "fee", "total"),
    [
        ("2025-03-01", "0.00", "24000.00"),  # renewal_due
        ("2025-04-01", "0.00", "24000.00"),  # expired, day 0
        ("2025-05-31", "0.00", "24000.00"),  # 60 days after: no fee
        ("2025-06-01", "2400.00", "26400.00"),  # 61 days after: lapsed
    ],
)
def test_r6_reinstatement_fee_only_when_lapsed(day, fee, total):
    quote = renewal_quote(make_license(fee="12000.00"), d(day), POLICY, years=2)
    assert quote.base_amount == Decimal("24000.00")
    assert quote.reinstatement_fee == Decimal(fee)
    assert quote.total == Decimal(total)
    for amount in (quote.base_amount, quote.reinstatement_fee, quote.total):
        assert isinstance(amount, Decimal)
        assert amount.as_tuple().exponent == -2  # written with cents: "0.00", not "0"
    assert str(quote.reinstatement_fee) == fee
    assert quote.currency == "USD"
    assert not quote.quote_required


def test_r6_amounts_round_to_cents_half_up():
    lapsed_day = d("2025-07-15")
    quote = renewal_quote(make_license(fee="12345.65"), lapsed_day, POLICY, years=1)
    assert quote.base_amount == Decimal("12345.65")
    assert str(quote.reinstatement_fee) == "1234.57"  # 1234.565: half-even would give 1234.56
    assert str(quote.total) == "13580.22"
    odd = renewal_quote(make_license(fee="333.345"), d("2025-03-01"), POLICY, years=1)
    assert str(odd.base_amount) == "333.35"
    assert str(odd.total) == "333.35"


def test_r6_currency_is_the_licenses():
    quote = renewal_quote(make_license(fee="9000.00", currency="EUR"), d("2025-03-01"), POLICY)
    assert quote.currency == "EUR"
    assert quote.total == Decimal("9000.00")


def test_r6_a_seat_change_has_no_estimate():
    lic = make_license()
    quote = renewal_quote(lic, d("2025-07-15"), POLICY, years=1, changes_seats=True)
    assert quote.base_amount is None
    assert quote.reinstatement_fee is None
    assert quote.total is None
    assert quote.quote_required
    assert (quote.period_start, quote.period_end) == (d("2025-04-01"), d("2026-04-01"))
    assert quote.min_years_to_be_current == 1


def test_r8_pack_estimate():
    assert pack_estimate(1, POLICY) == Decimal("2000.00")
    assert str(pack_estimate(3, POLICY)) == "6000.00"


# R7 ticket periods ---------------------------------------------------------------------------


def spans(periods) -> list[tuple[str, str]]:
    return [(p.starts_on.isoformat(), p.expires_on.isoformat()) for p in periods]


def test_r7_periods_are_anchored_at_sm_start():
    periods = ticket_periods(make_license("2023-04-01", "2025-04-01", tickets_per_year=6), POLICY)
    assert spans(periods) == [("2023-04-01", "2024-04-01"), ("2024-04-01", "2025-04-01")]
    assert all(p.size == 6 and p.kind is BucketKind.ANNUAL for p in periods)


def test_r7_the_last_period_may_run_past_sm_end():
    periods = ticket_periods(make_license("2023-04-01", "2024-10-01"), POLICY)
    assert spans(periods) == [("2023-04-01", "2024-04-01"), ("2024-04-01", "2025-04-01")]


def test_r7_a_period_starting_on_sm_end_does_not_exist():
    assert len(ticket_periods(make_license("2023-04-01", "2024-04-01"), POLICY)) == 1
    assert len(ticket_periods(make_license("2023-04-01", "2024-04-02"), POLICY)) == 2


def test_r7_leap_day_sm_start_follows_relativedelta_from_the_anchor():
    periods = ticket_periods(make_license("2024-02-29", "2029-03-01"), POLICY)
    assert spans(periods) == [
        ("2024-02-29", "2025-02-28"),
        ("2025-02-28", "2026-02-28"),
        ("2026-02-28", "2027-02-28"),
        ("2027-02-28", "2028-02-29"),
        ("2028-02-29", "2029-02-28"),
        ("2029-02-28", "2030-02-28"),
    ]
    for k, period in enumerate(periods):
        assert period.starts_on == plus_months("2024-02-29", 12 * k)


def test_r7_unused_tickets_expire_at_the_period_end():
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=1)
    tickets = [
        ticket("A", "2024-03-31"),  # last day of period 0
        ticket("B", "2024-03-31"),  # period 0 is exhausted
        ticket("C", "2024-04-01"),  # first day of period 1: a new allocation
        ticket("D", "2024-04-02"),  # period 1's single ticket is gone; nothing carried over
    ]
    assert outcomes(ledger(lic, tickets)) == {
        "A": ("charged", "2023-04-01"),
        "B": ("unfunded", None),
        "C": ("charged", "2024-04-01"),
        "D": ("unfunded", None),
    }


def test_r7_unused_tickets_of_a_period_do_not_carry_over():
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=2)
    tickets = [ticket(f"T{i}", "2024-05-01") for i in range(3)]
    result = ledger(lic, tickets)
    assert [c.outcome for c in result.charges] == [
        Outcome.CHARGED,
        Outcome.CHARGED,
        Outcome.UNFUNDED,
    ]
    assert balance(lic, tickets, as_of="2024-05-01").annual_allocated == 2


# R8 support packs ----------------------------------------------------------------------------


def test_r8_pack_bucket_is_usable_for_twelve_months():
    bucket = pack_bucket(make_pack("P1", "2024-10-15", packs=3), POLICY)
    assert bucket.kind is BucketKind.PACK
    assert bucket.size == 3 * POLICY.pack_tickets == 12
    assert bucket.expires_on == plus_months("2024-10-15", POLICY.pack_validity_months)
    assert bucket.expires_on == d("2025-10-15")
    assert bucket.usable_on(d("2024-10-15"))
    assert bucket.usable_on(d("2025-10-14"))
    assert not bucket.usable_on(d("2025-10-15"))
    assert not bucket.usable_on(d("2024-10-14"))
    assert pack_bucket(make_pack("L", "2024-02-29"), POLICY).expires_on == d("2025-02-28")


def test_r8_pack_tickets_drawn_only_while_usable():
    lic = make_license("2023-04-01", "2027-04-01", tickets_per_year=0)
    tickets = [
        ticket("A", "2024-10-14"),
        ticket("B", "2024-10-15"),
        ticket("C", "2025-10-14"),
        ticket("D", "2025-10-15"),
    ]
    assert outcomes(ledger(lic, tickets, [make_pack("P1", "2024-10-15")])) == {
        "A": ("unfunded", None),
        "B": ("charged", "P1"),
        "C": ("charged", "P1"),
        "D": ("unfunded", None),
    }


def test_r8_a_document_of_several_packs_holds_packs_times_four_tickets():
    lic = make_license(tickets_per_year=0)
    tickets = [ticket(f"T{i:02d}", "2024-11-01") for i in range(9)]
    result = ledger(lic, tickets, [make_pack("P1", "2024-10-15", packs=2)])
    assert sum(c.outcome is Outcome.CHARGED for c in result.charges) == 8
    assert result.charges[-1].outcome is Outcome.UNFUNDED


def test_r8_a_pack_for_another_license_is_ignored():
    lic = make_license(tickets_per_year=0)
    pack = make_pack("P9", "2024-10-15", license_id="LIC-OTHER")
    result = ledger(lic, [ticket("A", "2024-11-01")], [pack])
    assert result.packs == ()
    assert outcomes(result)["A"] == ("unfunded", None)
    assert balance(lic, [], [pack], "2024-11-01").packs == ()


# R9 charging order ---------------------------------------------------------------------------


def test_r9_tickets_draw_in_opened_on_then_case_id_order_whatever_the_input_order():
    lic = make_license(tickets_per_year=1)
    tickets = [ticket("B", "2024-05-02"), ticket("C", "2024-05-01"), ticket("A", "2024-05-01")]
    result = ledger(lic, tickets)
    assert [c.ticket.case_id for c in result.charges] == ["A", "C", "B"]
    assert outcomes(result) == {
        "A": ("charged", "2024-04-01"),
        "C": ("unfunded", None),
        "B": ("unfunded", None),
    }


def test_r9_annual_period_first_when_it_expires_before_the_pack():
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=1)
    result = ledger(lic, [ticket("A", "2024-11-01"), ticket("B", "2024-11-02")], [make_pack()])
    assert outcomes(result) == {"A": ("charged", "2024-04-01"), "B": ("charged", "P1")}


def test_r9_pack_first_when_it_expires_before_the_period():
    lic = make_license("2023-04-01", "2026-04-01", tickets_per_year=1)
    pack = make_pack("P0", "2023-06-01")  # expires 2024-06-01, before the period's 2025-04-01
    result = ledger(lic, [ticket("A", "2024-05-01"), ticket("B", "2024-05-02")], [pack])
    assert outcomes(result) == {"A": ("charged", "P0"), "B": ("charged", "P0")}
    result = ledger(lic, [ticket(f"T{i}", "2024-05-01") for i in range(6)], [pack])
    assert [o for o, _ in outcomes(result).values()].count("charged") == 5
    assert [k for _, k in outcomes(result).values()] == ["P0"] * 4 + ["2024-04-01", None]


def test_r9_the_pack_expiring_first_is_drawn_first_whatever_its_id():
    lic = make_license(tickets_per_year=0)
    packs = [make_pack("A-LATER", "2024-02-01"), make_pack("Z-EARLIER", "2024-01-01")]
    tickets = [ticket(f"T{i}", "2024-03-01") for i in range(6)]
    keys = [k for _, k in outcomes(ledger(lic, tickets, packs)).values()]
    assert keys == ["Z-EARLIER"] * 4 + ["A-LATER"] * 2


@pytest.mark.parametrize("pack_id", ["P1", "0001"])  # sorts after / before the period's key
def test_r9_tie_on_expiry_annual_period_before_pack(pack_id):
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=1)
    pack = make_pack(pack_id, "2024-04-01")  # expires 2025-04-01, like the period
    result = ledger(lic, [ticket("A", "2024-05-01"), ticket("B", "2024-05-01")], [pack])
    assert outcomes(result) == {"A": ("charged", "2024-04-01"), "B": ("charged", pack_id)}


def test_r9_tie_on_expiry_annual_period_before_an_earlier_bought_pack():
    # The period [2024-02-29, 2025-02-28) and a pack bought 2024-02-28 both expire 2025-02-28.
    lic = make_license("2024-02-29", "2026-02-28", tickets_per_year=1)
    pack = make_pack("P1", "2024-02-28")
    assert pack_bucket(pack, POLICY).expires_on == ticket_periods(lic, POLICY)[0].expires_on
    result = ledger(lic, [ticket("A", "2024-05-01"), ticket("B", "2024-05-01")], [pack])
    assert outcomes(result) == {"A": ("charged", "2024-02-29"), "B": ("charged", "P1")}


def test_r9_tie_on_expiry_earlier_purchase_first():
    # Feb 28 and Feb 29 2024 + 12 months both expire on 2025-02-28.
    lic = make_license(tickets_per_year=0)
    packs = [make_pack("A", "2024-02-29"), make_pack("B", "2024-02-28")]
    assert pack_bucket(packs[0], POLICY).expires_on == pack_bucket(packs[1], POLICY).expires_on
    tickets = [ticket(f"T{i}", "2024-03-01") for i in range(5)]
    keys = [k for _, k in outcomes(ledger(lic, tickets, packs)).values()]
    assert keys == ["B"] * 4 + ["A"]


def test_r9_tie_on_expiry_and_purchase_smaller_pack_id_first():
    lic = make_license(tickets_per_year=0)
    packs = [make_pack("P2", "2024-06-01"), make_pack("P1", "2024-06-01")]
    tickets = [ticket(f"T{i}", "2024-07-01") for i in range(5)]
    keys = [k for _, k in outcomes(ledger(lic, tickets, packs)).values()]
    assert keys == ["P1"] * 4 + ["P2"]


def test_r9_nothing_left_is_unfunded():
    lic = make_license(tickets_per_year=1)
    result = ledger(lic, [ticket("A", "2024-05-01"), ticket("B", "2024-05-02")])
    charge = result.charges[1]
    assert charge.outcome is Outcome.UNFUNDED
    assert charge.bucket is None
    assert sum(result.used.values()) == 1


def test_r9_out_of_scope_is_recorded_but_never_charged():
    lic = make_license(tickets_per_year=6)
    result = ledger(lic, [ticket("A", "2024-05-01", category=Category.TRAINING)])
    assert [c.ticket.case_id for c in result.charges] == ["A"]
    assert outcomes(result)["A"] == ("out_of_scope", None)
    assert result.used == {}


# R10 product bugs ----------------------------------------------------------------------------


def test_r10_product_bugs_are_never_deducted():
    lic = make_license(tickets_per_year=1)
    tickets = [bug("B1", "2024-05-01"), bug("B2", "2024-05-02"), ticket("C", "2024-05-03")]
    tickets.append(bug("B3", "2024-05-04"))  # after the last ticket is gone: still free
    result = ledger(lic, tickets)
    assert outcomes(result) == {
        "B1": ("not_deducted_bug", None),
        "B2": ("not_deducted_bug", None),
        "C": ("charged", "2024-04-01"),
        "B3": ("not_deducted_bug", None),
    }
    bal = balance(lic, tickets, as_of="2024-06-01")
    assert (bal.annual_used, bal.not_deducted_bug, bal.unfunded) == (1, 3, 0)


def test_r10_reclassification_changes_balances_at_once_in_both_directions():
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=1)
    packs = [make_pack("P1", "2024-04-15")]
    tickets = [ticket("A", "2024-05-01"), ticket("B", "2024-06-01")]
    before = ledger(lic, tickets, packs)
    assert outcomes(before) == {"A": ("charged", "2024-04-01"), "B": ("charged", "P1")}
    bal = balance(lic, tickets, packs, "2024-07-01")
    assert (bal.annual_remaining, bal.packs[0].remaining, bal.remaining_total) == (0, 3, 3)

    as_bug = reclassified(tickets, "A", Classification.PRODUCT_BUG)
    assert outcomes(ledger(lic, as_bug, packs)) == {
        "A": ("not_deducted_bug", None),
        "B": ("charged", "2024-04-01"),  # B now draws the annual ticket A gave back
    }
    bal = balance(lic, as_bug, packs, "2024-07-01")
    assert (bal.annual_remaining, bal.packs[0].remaining, bal.remaining_total) == (0, 4, 4)
    assert bal.not_deducted_bug == 1

    back = reclassified(as_bug, "A", Classification.CUSTOMER)
    assert ledger(lic, back, packs) == before


# R11 ineligible ------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["2023-03-31", "2025-04-01", "2025-09-01"])
def test_r11_tickets_on_uncovered_days_are_ineligible(day):
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=6)
    tickets = [
        ticket("C", day),
        bug("B", day),
        ticket("O", day, category=Category.CONSULTING),
    ]
    result = ledger(lic, tickets, [make_pack("P1", "2023-01-01"), make_pack("P2", "2025-04-01")])
    assert outcomes(result) == {
        "C": ("ineligible", None),
        "B": ("ineligible", None),
        "O": ("ineligible", None),
    }
    assert result.used == {}


def test_r11_a_backdated_renewal_makes_an_ineligible_ticket_charged():
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=6)
    tickets = [ticket("A", "2025-06-01")]
    assert outcomes(ledger(lic, tickets)) == {"A": ("ineligible", None)}
    lic2 = renewed(lic, 1)
    assert lic2.sm_end == d("2026-04-01")
    assert outcomes(ledger(lic2, tickets)) == {"A": ("charged", "2025-04-01")}
    bal = balance(lic2, tickets, as_of="2025-07-15")
    assert (bal.annual_used, bal.annual_remaining, bal.ineligible) == (1, 5, 0)


def test_r11_ineligible_counts_every_uncovered_ticket_up_to_the_day():
    lic = make_license("2023-04-01", "2024-10-01", tickets_per_year=6)
    tickets = [
        ticket("EARLY", "2023-03-15"),  # before sm_start, in no period
        ticket("COVERED", "2023-06-01"),
        ticket("LATE", "2024-11-01"),  # after sm_end, inside the last period
        bug("LATEBUG", "2025-05-01"),  # after every period
        ticket("FUTURE", "2025-08-01"),  # after the day: left out
    ]
    bal = balance(lic, tickets, as_of="2025-06-01")
    assert bal.ineligible == 3
    assert bal.period_start is None
    assert balance(lic, tickets, as_of="2024-12-01").ineligible == 2


# R12 scope -----------------------------------------------------------------------------------


@pytest.mark.parametrize("category", OUT_OF_SCOPE)
def test_r12_out_of_scope_categories_are_not_charged(category):
    lic = make_license(tickets_per_year=6)
    result = ledger(lic, [ticket("A", "2024-05-01", category=category)], [make_pack()])
    assert outcomes(result)["A"] == ("out_of_scope", None)
    assert result.used == {}
    assert not POLICY.in_scope(category)


@pytest.mark.parametrize("category", IN_SCOPE)
def test_r12_in_scope_categories_are_charged(category):
    lic = make_license(tickets_per_year=6)
    result = ledger(lic, [ticket("A", "2024-05-01", category=category)])
    assert outcomes(result)["A"] == ("charged", "2024-04-01")


def test_r12_the_default_category_is_product():
    assert ticket("A", "2024-05-01").category is Category.PRODUCT


# R13 eligibility -----------------------------------------------------------------------------


def check(
    lic,
    day,
    category=Category.PRODUCT,
    classification=Classification.CUSTOMER,
    tickets=(),
    packs=(),
):
    bal = balance(lic, tickets, packs, as_of=day)
    return eligibility(lic, bal, category, classification, d(day), POLICY)


def test_r13_eligible_when_covered_in_scope_and_tickets_left():
    result = check(make_license(tickets_per_year=6), "2024-05-01")
    assert result.eligible
    assert result.reasons == ()


def test_r13_lists_every_failing_reason_at_once():
    lic = make_license(tickets_per_year=0)
    result = check(lic, "2025-06-01", Category.TRAINING)
    assert not result.eligible
    assert sorted(result.reasons) == sorted(
        [
            IneligibleReason.NOT_COVERED,
            IneligibleReason.OUT_OF_SCOPE,
            IneligibleReason.NO_TICKETS_LEFT,
        ]
    )


@pytest.mark.parametrize(
    ("day", "category", "tickets_per_year", "pack_bought", "reason"),
    [
        # Uncovered days with a usable pack, so that tickets are left.
        ("2025-06-01", Category.PRODUCT, 6, "2025-05-01", IneligibleReason.NOT_COVERED),
        ("2023-03-31", Category.PRODUCT, 6, "2023-03-01", IneligibleReason.NOT_COVERED),
        ("2024-05-01", Category.INSTALLATION, 6, None, IneligibleReason.OUT_OF_SCOPE),
        ("2024-05-01", Category.PRODUCT, 0, None, IneligibleReason.NO_TICKETS_LEFT),
    ],
)
def test_r13_each_reason_alone(day, category, tickets_per_year, pack_bought, reason):
    packs = [make_pack("P1", pack_bought)] if pack_bought else []
    result = check(make_license(tickets_per_year=tickets_per_year), day, category, packs=packs)
    assert not result.eligible
    assert result.reasons == (reason,)


def test_r13_an_uncovered_day_outside_every_period_has_no_tickets_left_either():
    result = check(make_license(tickets_per_year=6), "2025-06-01")
    assert set(result.reasons) == {IneligibleReason.NOT_COVERED, IneligibleReason.NO_TICKETS_LEFT}


def test_r13_no_tickets_left_after_using_them_all():
    lic = make_license(tickets_per_year=1)
    result = check(lic, "2024-05-02", tickets=[ticket("A", "2024-05-01")])
    assert result.reasons == (IneligibleReason.NO_TICKETS_LEFT,)
    # A pack usable that day gives tickets back.
    bal = balance(lic, [ticket("A", "2024-05-01")], [make_pack("P1", "2024-05-02")], "2024-05-02")
    assert eligibility(
        lic, bal, Category.PRODUCT, Classification.CUSTOMER, d("2024-05-02"), POLICY
    ).eligible


def test_r13_a_product_bug_is_eligible_with_no_tickets_left():
    lic = make_license(tickets_per_year=0)
    result = check(lic, "2024-05-01", classification=Classification.PRODUCT_BUG)
    assert result.eligible
    assert result.reasons == ()
    outside = check(lic, "2025-06-01", classification=Classification.PRODUCT_BUG)
    assert outside.reasons == (IneligibleReason.NOT_COVERED,)


# R15 clock rollback --------------------------------------------------------------------------


def test_r15_clock_rollback_tolerates_one_day():
    today = d("2025-03-01")
    assert not clock_rolled_back(today, None, POLICY)
    assert not clock_rolled_back(today, today, POLICY)
    assert not clock_rolled_back(today, today + DAY, POLICY)
    assert clock_rolled_back(today, today + 2 * DAY, POLICY)
    assert not clock_rolled_back(today, today - 30 * DAY, POLICY)


# as_of ---------------------------------------------------------------------------------------


def test_as_of_leaves_out_later_tickets_from_ledger_and_balance():
    lic = make_license(tickets_per_year=2)
    tickets = [ticket("A", "2024-05-01"), ticket("B", "2024-05-02"), bug("C", "2024-05-03")]
    early = ledger(lic, tickets, as_of="2024-05-01")
    assert early.as_of == d("2024-05-01")
    assert [c.ticket.case_id for c in early.charges] == ["A"]
    bal = balance(lic, tickets, as_of="2024-05-01")
    assert (bal.annual_used, bal.annual_remaining, bal.not_deducted_bug) == (1, 1, 0)
    bal = balance(lic, tickets, as_of="2024-05-03")
    assert (bal.annual_used, bal.annual_remaining, bal.not_deducted_bug) == (2, 0, 1)


# ticket_balance ------------------------------------------------------------------------------


def test_balance_without_a_period_on_the_day_is_null_and_zero():
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=6)
    tickets = [ticket("A", "2024-05-01"), bug("B", "2024-05-02")]
    for day in ("2023-03-31", "2025-04-01", "2026-01-01"):
        bal = balance(lic, tickets, as_of=day)
        assert (bal.period_start, bal.period_end) == (None, None)
        assert (bal.annual_allocated, bal.annual_used, bal.annual_remaining) == (0, 0, 0)
        assert (bal.not_deducted_bug, bal.unfunded, bal.remaining_total) == (0, 0, 0)
        assert bal.packs == ()


def test_balance_lists_only_packs_usable_on_the_day():
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=2)
    packs = [
        make_pack("OLD", "2023-05-01"),  # expired 2024-05-01
        make_pack("NOW", "2024-06-01", packs=2),
        make_pack("NEXT", "2024-11-01"),  # bought after the day
    ]
    tickets = [ticket("A", "2024-07-01"), ticket("B", "2024-07-02"), ticket("C", "2024-07-03")]
    bal = balance(lic, tickets, packs, "2024-10-31")
    assert [p.pack_id for p in bal.packs] == ["NOW"]
    (now,) = bal.packs
    assert (now.purchased_on, now.expires_on) == (d("2024-06-01"), d("2025-06-01"))
    assert (now.tickets, now.used, now.remaining) == (8, 1, 7)
    assert (bal.annual_used, bal.annual_remaining) == (2, 0)
    assert bal.remaining_total == 0 + 7  # OLD's 4 unused expired tickets do not count


def test_balance_remaining_total_is_period_plus_usable_packs():
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=3)
    packs = [make_pack("P1", "2024-06-01"), make_pack("P2", "2024-07-01", packs=2)]
    bal = balance(lic, [ticket("A", "2024-08-01")], packs, "2024-08-01")
    assert bal.annual_remaining == 2
    assert [p.remaining for p in bal.packs] == [4, 8]
    assert bal.remaining_total == 14


def test_balance_bug_and_unfunded_counts_cover_only_the_current_period():
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=1)
    tickets = [
        bug("OLD-BUG", "2023-05-01"),
        ticket("OLD-1", "2023-06-01"),
        ticket("OLD-2", "2023-06-02"),  # unfunded in period 0
        bug("NEW-BUG", "2024-05-01"),
        ticket("NEW-1", "2024-06-01"),
        ticket("NEW-2", "2024-06-02"),
        ticket("NEW-3", "2024-06-03"),
    ]
    bal = balance(lic, tickets, as_of="2024-07-01")
    assert (bal.period_start, bal.period_end) == (d("2024-04-01"), d("2025-04-01"))
    assert (bal.annual_allocated, bal.annual_used, bal.annual_remaining) == (1, 1, 0)
    assert (bal.not_deducted_bug, bal.unfunded) == (1, 2)
    old = balance(lic, tickets, as_of="2023-12-01")
    assert (old.not_deducted_bug, old.unfunded, old.annual_used) == (1, 1, 1)


# status warnings and exit codes ---------------------------------------------------------------


def test_status_active_with_tickets_is_ok():
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=6)
    sm, _, warnings = dashboard(lic, "2024-09-01", [ticket("A", "2024-05-01")])
    assert sm.state is SmState.ACTIVE
    assert warnings == []
    assert overall_severity(warnings) is Severity.OK
    assert int(overall_severity(warnings)) == 0


def test_status_renewal_due_is_a_warning():
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=6)
    _, _, warnings = dashboard(lic, "2025-02-14")  # 46 days to expiry, period not yet expiring
    assert codes(warnings) == {WarningCode.RENEWAL_DUE}
    assert overall_severity(warnings) == Severity.WARNING == 1


@pytest.mark.parametrize(
    ("day", "code"),
    [
        ("2025-04-01", WarningCode.EXPIRED),
        ("2025-05-31", WarningCode.EXPIRED),
        ("2025-06-01", WarningCode.LAPSED),
    ],
)
def test_status_expired_and_lapsed_are_critical(day, code):
    lic = make_license("2023-04-01", "2025-04-01")
    _, _, warnings = dashboard(lic, day)
    assert codes(warnings) == {code}
    assert overall_severity(warnings) == Severity.CRITICAL == 2


def test_status_reinstatement_fee_date_is_the_first_lapsed_day():
    lic = make_license("2023-04-01", "2025-04-01")
    _, _, warnings = dashboard(lic, "2025-04-10")
    (expired,) = warnings
    fee_from = d(expired.fact("reinstatement_fee_from"))
    assert fee_from == d("2025-06-01")
    assert sm_status(lic, fee_from - DAY, POLICY).state is SmState.EXPIRED
    assert sm_status(lic, fee_from, POLICY).state is SmState.LAPSED


def test_status_subscription_ended_is_critical():
    sub = make_license("2023-04-01", "2025-04-01", license_type=LicenseType.SUBSCRIPTION)
    _, _, warnings = dashboard(sub, "2025-04-01")
    assert WarningCode.SUBSCRIPTION_ENDED in codes(warnings)
    ended = next(w for w in warnings if w.code is WarningCode.SUBSCRIPTION_ENDED)
    assert ended.severity is Severity.CRITICAL
    _, _, warnings = dashboard(sub, "2025-03-31")
    assert WarningCode.SUBSCRIPTION_ENDED not in codes(warnings)
    perpetual = make_license("2023-04-01", "2025-04-01")
    assert WarningCode.SUBSCRIPTION_ENDED not in codes(dashboard(perpetual, "2025-04-01")[2])


@pytest.mark.parametrize(
    ("day", "warned"), [("2024-03-01", False), ("2024-03-02", True), ("2024-03-03", True)]
)
def test_status_period_tickets_expiring_within_30_days(day, warned):
    # Period 0 ends 2024-04-01: 31, 30 and 29 days after these days. S&M runs until 2026.
    lic = make_license("2023-04-01", "2026-04-01", tickets_per_year=2)
    _, bal, warnings = dashboard(lic, day, [ticket("A", "2023-05-01")])
    assert (bal.period_end - d(day)).days in (29, 30, 31)
    assert (WarningCode.PERIOD_TICKETS_EXPIRING in codes(warnings)) is warned
    if warned:
        (warning,) = warnings
        assert warning.severity is Severity.WARNING
        assert warning.fact("expires_on") == "2024-04-01"
        assert warning.fact("remaining") == "1"
        assert overall_severity(warnings) is Severity.WARNING
    else:
        assert warnings == []


def test_status_period_expiring_without_tickets_left_is_no_tickets_left():
    lic = make_license("2023-04-01", "2026-04-01", tickets_per_year=1)
    _, _, warnings = dashboard(lic, "2024-03-20", [ticket("A", "2023-05-01")])
    assert codes(warnings) == {WarningCode.NO_TICKETS_LEFT}
    assert overall_severity(warnings) is Severity.WARNING


@pytest.mark.parametrize(
    ("day", "warned"), [("2024-05-01", False), ("2024-05-02", True), ("2024-05-03", True)]
)
def test_status_pack_expiring_within_30_days_with_tickets_left(day, warned):
    lic = make_license("2023-04-01", "2026-04-01", tickets_per_year=6)
    pack = make_pack("P1", "2023-06-01")  # expires 2024-06-01
    _, _, warnings = dashboard(lic, day, [], [pack])
    assert codes(warnings) == ({WarningCode.PACK_EXPIRING} if warned else set())
    if warned:
        assert warnings[0].fact("pack_id") == "P1"
        assert warnings[0].fact("remaining") == "4"
        assert overall_severity(warnings) is Severity.WARNING


def test_status_no_warning_for_an_expiring_pack_with_nothing_left():
    lic = make_license("2023-04-01", "2026-04-01", tickets_per_year=0)
    pack = make_pack("P1", "2023-06-01")
    tickets = [ticket(f"T{i}", "2023-07-01") for i in range(4)]
    _, bal, warnings = dashboard(lic, "2024-05-20", tickets, [pack])
    assert bal.packs[0].remaining == 0
    assert codes(warnings) == {WarningCode.NO_TICKETS_LEFT}


def test_status_no_tickets_left_is_a_warning():
    lic = make_license("2023-04-01", "2026-04-01", tickets_per_year=1)
    _, bal, warnings = dashboard(lic, "2024-09-01", [ticket("A", "2024-05-01")])
    assert bal.remaining_total == 0
    assert codes(warnings) == {WarningCode.NO_TICKETS_LEFT}
    assert overall_severity(warnings) is Severity.WARNING


def test_overall_severity_is_the_worst():
    lic = make_license("2023-04-01", "2025-04-01", license_type=LicenseType.SUBSCRIPTION)
    _, _, warnings = dashboard(lic, "2025-06-01")
    assert codes(warnings) == {WarningCode.LAPSED, WarningCode.SUBSCRIPTION_ENDED}
    assert overall_severity(warnings) is Severity.CRITICAL
    assert overall_severity([]) is Severity.OK


# SPEC section 6: the worked example ------------------------------------------------------------


EXAMPLE_LICENSE = make_license(
    "2023-04-01", "2025-04-01", tickets_per_year=6, fee="12000.00", currency="USD"
)
EXAMPLE_PACK = make_pack("P1", "2024-10-15", packs=1)
EXAMPLE_TICKETS = [
    ticket("C-1", "2024-04-15"),
    ticket("C-2", "2024-06-01"),
    bug("B-1", "2024-07-01"),
    ticket("C-3", "2024-08-20"),
    ticket("C-4", "2024-11-05"),
    bug("B-2", "2024-12-01"),
    ticket("C-5", "2025-01-20"),
]
MORE_TICKETS = [
    ticket("C-6", "2025-03-10"),
    ticket("C-7", "2025-03-10"),
    ticket("C-8", "2025-03-10"),
]


def test_spec_example_on_2025_03_01():
    sm, bal, warnings = dashboard(EXAMPLE_LICENSE, "2025-03-01", EXAMPLE_TICKETS, [EXAMPLE_PACK])
    assert sm.state is SmState.RENEWAL_DUE
    assert sm.days_to_expiry == 31
    assert not sm.reinstatement_fee_applies
    assert (bal.period_start, bal.period_end) == (d("2024-04-01"), d("2025-04-01"))
    assert bal.annual_allocated == 6
    assert bal.annual_used == 5
    assert bal.annual_remaining == 1
    assert bal.not_deducted_bug == 2
    assert bal.unfunded == 0
    assert bal.ineligible == 0
    (p1,) = bal.packs
    assert (p1.pack_id, p1.purchased_on, p1.expires_on) == ("P1", d("2024-10-15"), d("2025-10-15"))
    assert (p1.tickets, p1.used, p1.remaining) == (4, 0, 4)
    assert bal.remaining_total == 5
    # The period ends in 31 days: not yet "expiring within 30 days".
    assert codes(warnings) == {WarningCode.RENEWAL_DUE}
    assert overall_severity(warnings) is Severity.WARNING


def test_spec_example_three_more_tickets_on_2025_03_10():
    tickets = EXAMPLE_TICKETS + MORE_TICKETS
    result = ledger(EXAMPLE_LICENSE, tickets, [EXAMPLE_PACK], "2025-03-10")
    got = outcomes(result)
    assert got["C-6"] == ("charged", "2024-04-01")  # the last annual ticket: period ends first
    assert got["C-7"] == ("charged", "P1")
    assert got["C-8"] == ("charged", "P1")
    _, bal, _ = dashboard(EXAMPLE_LICENSE, "2025-03-10", tickets, [EXAMPLE_PACK])
    assert (bal.annual_used, bal.annual_remaining) == (6, 0)
    assert (bal.packs[0].used, bal.packs[0].remaining) == (2, 2)
    assert bal.remaining_total == 2


def test_spec_example_earlier_period_tickets_do_not_count():
    earlier = [ticket("OLD-1", "2023-05-01"), bug("OLD-2", "2023-06-01")]
    bal = balance(EXAMPLE_LICENSE, earlier + EXAMPLE_TICKETS, [EXAMPLE_PACK], "2025-03-01")
    assert (bal.annual_used, bal.not_deducted_bug, bal.remaining_total) == (5, 2, 5)


def test_spec_example_renewal_quote_on_2025_07_15():
    day = d("2025-07-15")
    sm = sm_status(EXAMPLE_LICENSE, day, POLICY)
    assert sm.state is SmState.LAPSED
    assert sm.days_to_expiry == -105
    quote = renewal_quote(EXAMPLE_LICENSE, day, POLICY, years=1)
    assert (quote.period_start, quote.period_end) == (d("2025-04-01"), d("2026-04-01"))
    assert quote.currency == "USD"
    assert str(quote.base_amount) == "12000.00"
    assert str(quote.reinstatement_fee) == "1200.00"
    assert str(quote.total) == "13200.00"
    assert quote.min_years_to_be_current == 1
    assert quote.becomes_current


def test_spec_example_release_permitted_once_renewed():
    day = d("2025-07-15")
    decision = upgrade_decision(EXAMPLE_LICENSE, d("2025-05-20"), day)
    assert not decision.permitted
    assert decision.reason is UpgradeReason.RELEASED_ON_OR_AFTER_SM_END
    assert decision.renewal_years_needed == 1
    renewal = renewed(EXAMPLE_LICENSE, 1)
    assert renewal.sm_end == d("2026-04-01") == plus_years(EXAMPLE_LICENSE.sm_end, 1)
    assert upgrade_decision(renewal, d("2025-05-20"), day).permitted


def test_two_pack_buckets_of_equal_draw_order_do_not_crash_the_ledger() -> None:
    """Distinct licenses may reuse a pack id; within one ledger equal keys must still charge."""
    lic = make_license()
    packs = [make_pack("P1", "2024-10-15"), make_pack("P1", "2024-10-15")]
    result = ledger(lic, [ticket("A", "2024-11-01")], packs)
    assert [c.outcome.value for c in result.charges] == ["charged"]


def test_no_expiring_ticket_warnings_on_a_day_without_coverage() -> None:
    """The last period may outlast sm_end (R7), but its tickets cannot be used then (R11)."""
    lic = make_license(sm_start="2023-04-01", sm_end="2025-06-01")
    day = d("2026-03-15")
    figures = balance(lic, [], [make_pack("P1", "2025-04-01")], as_of=day)
    assert figures.period_end == d("2026-04-01")
    sm = sm_status(lic, day, POLICY)
    codes = {w.code for w in status_warnings(lic, sm, figures, day, POLICY)}
    assert WarningCode.PERIOD_TICKETS_EXPIRING not in codes
    assert WarningCode.PACK_EXPIRING not in codes
    assert WarningCode.NO_TICKETS_LEFT not in codes


def test_a_refused_upgrade_names_the_s_and_m_end_its_renewal_would_reach() -> None:
    """R4 with R5: the renewal is backdated to the old sm_end, so it reaches sm_end + N years."""
    lic = make_license(sm_end="2024-02-29")
    decision = upgrade_decision(lic, d("2025-03-01"), d("2025-03-01"))
    assert (decision.renewal_years_needed, decision.renewed_sm_end) == (2, d("2026-02-28"))
    assert upgrade_decision(lic, d("2024-01-01"), d("2025-03-01")).renewed_sm_end is None
