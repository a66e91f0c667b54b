"""Business rules of one license (licensing/rules.py), each at its boundaries: coverage and states
(R1-R3), upgrades (R4), backdated renewals and their estimates (R5, R6), pack quotes (R8),
eligibility (R13), the vendor policy (R14) and the clock mark (R15); and renewing several licenses
at once (R16)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from packaging.version import Version

from licensing.claims import Category, Classification, LicenseType, Money, Release
from licensing.errors import DateOutOfRange, OutOfBounds
from licensing.ledger import charge_tickets, pack_bucket
from licensing.renewals import (
    MAX_PACKS_PER_REQUEST,
    MAX_RENEWAL_YEARS,
    changes_seats,
    due_for_renewal,
    least_years_past,
    pack_quote,
    renewal_fulfilled,
    renewal_quote,
    totals_by_currency,
)
from licensing.rules import (
    ClockState,
    IneligibleReason,
    SmState,
    add_years,
    clock_mark,
    clock_state,
    covers,
    eligibility,
    reinstatement_fee_from,
    right_to_use,
    sm_status,
)
from licensing.upgrades import UpgradeReason, catalog_verdict, upgrade_decision
from licensing.values import MAX_SEATS
from tests import factories
from tests.licensing.rules_builders import (
    POLICY,
    balance,
    d,
    evaluated,
    make_license,
    make_pack,
    outcomes,
    plus_years,
    portfolio,
    renewed,
    statement,
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


# R14: the figures come from the shipped policy ----------------------------------------------


def test_shipped_policy_holds_the_documented_defaults() -> None:
    assert POLICY.reminder_window_days == 60
    assert POLICY.reinstatement_after_days == 60
    assert POLICY.reinstatement_fee_rate == Decimal("0.10")
    assert POLICY.pack_tickets == 4
    assert POLICY.pack_price == Money(amount=Decimal("2000.00"), currency="USD")
    assert POLICY.pack_validity_months == 12
    assert POLICY.ticket_period_months == 12
    assert POLICY.renewals_email == "renewals@cireson.com"
    assert POLICY.response_target_hours == 24
    assert POLICY.expiring_tickets_warning_days == 30
    assert POLICY.clock_rollback_tolerance_days == 1
    assert set(OUT_OF_SCOPE) == POLICY.out_of_scope_categories


def test_rules_read_their_figures_from_the_policy_not_literals() -> None:
    policy = dataclasses.replace(
        POLICY,
        reminder_window_days=30,
        reinstatement_after_days=10,
        reinstatement_fee_rate=Decimal("0.25"),
        pack_tickets=5,
        pack_validity_months=6,
        pack_price=Money(amount=Decimal("1500.00"), currency="USD"),
        clock_rollback_tolerance_days=3,
        out_of_scope_categories=frozenset({Category.UPGRADE}),
    )
    lic = make_license()
    end = lic.sm_end
    assert sm_status(lic, end - 31 * DAY, policy).state is SmState.ACTIVE
    assert sm_status(lic, end - 30 * DAY, policy).state is SmState.RENEWAL_DUE
    assert sm_status(lic, end + 10 * DAY, policy).state is SmState.EXPIRED
    assert sm_status(lic, end + 11 * DAY, policy).state is SmState.LAPSED
    assert reinstatement_fee_from(lic, policy) == end + 11 * DAY
    assert renewal_quote(lic, end + 11 * DAY, policy).reinstatement_fee == Decimal("3000.00")
    bucket = pack_bucket(make_pack(purchased_on="2024-10-15", packs=2), policy)
    assert (bucket.size, bucket.expires_on) == (10, d("2025-04-15"))
    quote = pack_quote(2, policy)
    assert quote.total == Money(amount=Decimal("3000.00"), currency="USD")
    assert (quote.tickets, quote.validity_months) == (10, 6)
    assert clock_state(d("2025-03-01"), d("2025-03-04"), None, policy) is ClockState.OK
    assert clock_state(d("2025-03-01"), d("2025-03-05"), None, policy) is ClockState.ROLLED_BACK
    upgrade = ticket("A", "2024-05-01", category=Category.UPGRADE)
    assert outcomes(charge_tickets(lic, [], [upgrade], d("2025-01-01"), policy)) == {
        "A": ("out_of_scope", None)
    }
    assert not policy.in_scope(Category.UPGRADE)
    assert policy.in_scope(Category.TRAINING)


# R1 coverage ---------------------------------------------------------------------------------


def test_r1_coverage_is_half_open_from_sm_start_to_sm_end() -> None:
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
def test_r2_state_boundaries_from_the_policy(offset: int, state: SmState) -> None:
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
def test_r2_the_documented_days(day: str, state: SmState, days_to_expiry: int, fee: bool) -> None:
    status = sm_status(make_license("2023-04-01", "2025-04-01"), d(day), POLICY)
    assert status.state is state
    assert status.days_to_expiry == days_to_expiry
    assert status.reinstatement_fee_applies is fee


def test_r2_not_started_even_when_sm_end_is_close() -> None:
    lic = make_license("2025-03-01", "2025-04-01")
    assert sm_status(lic, d("2025-02-28"), POLICY).state is SmState.NOT_STARTED
    assert sm_status(lic, d("2025-03-01"), POLICY).state is SmState.RENEWAL_DUE


def test_r2_the_reinstatement_fee_applies_from_day_61_past_sm_end() -> None:
    lic = make_license("2023-04-01", "2025-04-01")
    first = reinstatement_fee_from(lic, POLICY)
    assert first == d("2025-06-01")
    assert sm_status(lic, first - DAY, POLICY).state is SmState.EXPIRED
    assert sm_status(lic, first, POLICY).state is SmState.LAPSED


def test_r2_states_are_ordered_by_urgency() -> None:
    """R16 orders licenses by the attention their state asks for: lapsed most, active least."""
    assert sorted(SmState, key=lambda s: s.urgency) == [
        SmState.ACTIVE,
        SmState.NOT_STARTED,
        SmState.RENEWAL_DUE,
        SmState.EXPIRED,
        SmState.LAPSED,
    ]
    assert SmState.LAPSED == "lapsed"  # a StrEnum: the code is the value, end to end


# R3 right to use -----------------------------------------------------------------------------


def test_r3_perpetual_right_to_use_never_ends() -> None:
    lic = make_license(license_type=LicenseType.PERPETUAL)
    for day in ("2025-03-31", "2025-04-01", "2025-06-01", "2040-01-01"):
        assert right_to_use(lic, d(day))


def test_r3_subscription_right_to_use_ends_at_sm_end() -> None:
    lic = make_license(license_type=LicenseType.SUBSCRIPTION)
    assert right_to_use(lic, d("2025-03-31"))
    assert not right_to_use(lic, d("2025-04-01"))
    assert not right_to_use(lic, d("2026-01-01"))


# R4 upgrades ---------------------------------------------------------------------------------


def test_r4_release_the_day_before_sm_end_is_permitted_forever_on_a_perpetual_license() -> None:
    lic = make_license("2023-04-01", "2025-04-01")
    for day in ("2025-03-31", "2025-04-01", "2030-01-01"):
        decision = upgrade_decision(lic, d("2025-03-31"), d(day))
        assert decision.permitted
        assert decision.reason is UpgradeReason.RELEASED_BEFORE_SM_END
        assert decision.renewal_years_needed is None
        assert decision.renewed_sm_end is None
        assert decision.sm_end == lic.sm_end


@pytest.mark.parametrize(
    ("released_on", "years"),
    [("2025-04-01", 1), ("2026-03-31", 1), ("2026-04-01", 2), ("2027-07-01", 3)],
)
def test_r4_release_on_or_after_sm_end_is_not_permitted(released_on: str, years: int) -> None:
    lic = make_license("2023-04-01", "2025-04-01")
    decision = upgrade_decision(lic, d(released_on), d("2025-01-01"))
    assert not decision.permitted
    assert decision.reason is UpgradeReason.RELEASED_ON_OR_AFTER_SM_END
    assert decision.renewal_years_needed == years
    assert decision.renewed_sm_end == plus_years(lic.sm_end, years)
    # The named renewal permits it; one year less does not.
    assert upgrade_decision(renewed(lic, years), d(released_on), d("2025-01-01")).permitted
    if years > 1:
        assert not upgrade_decision(
            renewed(lic, years - 1), d(released_on), d("2025-01-01")
        ).permitted


def test_r4_subscription_after_sm_end_refuses_even_old_releases() -> None:
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


def test_r4_subscription_renewal_needed_covers_both_the_release_and_the_day() -> None:
    lic = make_license(license_type=LicenseType.SUBSCRIPTION)
    decision = upgrade_decision(lic, d("2025-05-01"), d("2027-01-01"))
    assert not decision.permitted
    assert decision.reason is UpgradeReason.RELEASED_ON_OR_AFTER_SM_END
    assert decision.renewal_years_needed == 2
    assert not upgrade_decision(renewed(lic, 1), d("2025-05-01"), d("2027-01-01")).permitted
    assert upgrade_decision(renewed(lic, 2), d("2025-05-01"), d("2027-01-01")).permitted


def test_r4_a_refused_upgrade_names_the_s_and_m_end_its_renewal_would_reach() -> None:
    """R4 with R5: the renewal is backdated to the old sm_end, so it reaches sm_end + N years."""
    lic = make_license(sm_end="2024-02-29")
    decision = upgrade_decision(lic, d("2025-03-01"), d("2025-03-01"))
    assert (decision.renewal_years_needed, decision.renewed_sm_end) == (2, d("2026-02-28"))
    assert upgrade_decision(lic, d("2024-01-01"), d("2025-03-01")).renewed_sm_end is None


def _releases(*releases: tuple[str, str]) -> tuple[Release, ...]:
    """Releases of a catalog, read through the real parser."""
    return factories.catalog(releases=[(v, day, "minor") for v, day in releases]).releases


def test_r4_latest_permitted_compares_pep440_versions() -> None:
    lic = make_license("2023-04-01", "2025-04-01")
    releases = _releases(
        ("1.10", "2024-06-01"),
        ("1.9", "2024-09-01"),  # released later, but a lower version
        ("2.0", "2025-04-01"),  # on sm_end: not permitted
        ("1.2", "2023-01-01"),
    )
    day = d("2025-07-01")
    verdict = catalog_verdict(lic, releases, day)
    assert verdict.latest_permitted == Version("1.10")
    assert [str(r.version) for r in verdict.releases] == ["1.2", "1.9", "1.10", "2.0"]
    assert [r.decision.permitted for r in verdict.releases] == [True, True, True, False]
    assert (verdict.license_id, verdict.product_code) == (lic.license_id, lic.product.code)
    assert catalog_verdict(renewed(lic), releases, day).latest_permitted == Version("2.0")
    later = _releases(("3.0", "2026-01-01"))
    assert catalog_verdict(lic, later, d("2025-01-01")).latest_permitted is None
    sub = make_license(license_type=LicenseType.SUBSCRIPTION)
    assert catalog_verdict(sub, releases, d("2025-03-31")).latest_permitted == Version("1.10")
    assert catalog_verdict(sub, releases, d("2025-04-01")).latest_permitted is None


def test_r4_a_catalog_verdict_shows_only_releases_newer_than_the_installed_one() -> None:
    lic = make_license("2023-04-01", "2025-04-01")
    releases = _releases(("10.2.0", "2024-11-05"), ("10.2.1", "2025-03-20"), ("11.0", "2025-05-20"))
    verdict = catalog_verdict(lic, releases, d("2025-03-01"), installed=Version("10.2"))
    assert [str(r.version) for r in verdict.releases] == ["10.2.1", "11.0"]  # 10.2 == 10.2.0
    assert verdict.latest_permitted == Version("10.2.1")
    nothing_newer = catalog_verdict(lic, releases, d("2025-03-01"), installed=Version("11.0"))
    assert (nothing_newer.releases, nothing_newer.latest_permitted) == ((), None)


# R5 least years, backdated renewals ----------------------------------------------------------


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
        ("2023-04-01", "2025-07-15", 3),  # the documented example
        ("2024-02-29", "2025-02-27", 1),
        ("2024-02-29", "2025-02-28", 2),  # Feb 29 + 1 year = Feb 28
        ("2024-02-29", "2028-02-28", 4),  # Feb 29 + 4 years = Feb 29
        ("2024-02-29", "2028-02-29", 5),
    ],
)
def test_r5_least_years_past(sm_end: str, day: str, years: int) -> None:
    assert least_years_past(d(sm_end), d(day)) == years


def test_r5_leap_day_renewal_periods() -> None:
    lic = make_license("2023-03-01", "2024-02-29")
    one = renewal_quote(lic, d("2024-03-15"), POLICY, years=1)
    assert (one.period_start, one.period_end) == (d("2024-02-29"), d("2025-02-28"))
    four = renewal_quote(lic, d("2024-03-15"), POLICY, years=4)
    assert four.period_end == d("2028-02-29")
    assert add_years(d("2024-02-29"), 1) == d("2025-02-28")
    assert add_years(d("2024-02-29"), 4) == d("2028-02-29")


@pytest.mark.parametrize(
    "day", ["2025-01-31", "2025-03-31", "2025-04-01", "2025-06-01", "2028-12-25"]
)
def test_r5_renewal_is_backdated_to_the_old_sm_end_whatever_the_day(day: str) -> None:
    lic = make_license("2023-04-01", "2025-04-01")
    quote = renewal_quote(lic, d(day), POLICY, years=2)
    assert quote.period_start == d("2025-04-01")
    assert quote.period_end == d("2027-04-01")
    assert quote.years == 2
    assert quote.license_id == lic.license_id


def test_r5_default_years_is_the_least_that_makes_it_current() -> None:
    lic = make_license("2023-04-01", "2025-04-01")
    quote = renewal_quote(lic, d("2026-06-01"), POLICY)
    assert quote.years == quote.min_years_to_be_current == 2
    assert quote.period_end == d("2027-04-01")
    assert quote.becomes_current


def test_r5_fewer_years_than_needed_leaves_it_expired() -> None:
    lic = make_license("2023-04-01", "2025-04-01")
    short = renewal_quote(lic, d("2026-06-01"), POLICY, years=1)
    assert short.min_years_to_be_current == 2
    assert short.period_end == d("2026-04-01")
    assert short.becomes_current is False
    # On the new sm_end itself the license would not be current either.
    assert renewal_quote(lic, d("2026-04-01"), POLICY, years=1).becomes_current is False
    assert renewal_quote(lic, d("2026-03-31"), POLICY, years=1).becomes_current is True


@pytest.mark.parametrize("years", [0, -1, MAX_RENEWAL_YEARS + 1])
def test_r5_years_outside_one_to_99_are_refused(years: int) -> None:
    with pytest.raises(ValueError, match="1 to 99 whole years"):
        renewal_quote(make_license(), d("2025-03-01"), POLICY, years=years)


@pytest.mark.parametrize(
    ("asked", "parameter"),
    [
        ({"years": 0}, "years"),
        ({"users": -1}, "users"),
        ({"users": MAX_SEATS + 1}, "users"),
        ({"devices": MAX_SEATS + 1}, "devices"),
    ],
)
def test_r5_r6_a_request_out_of_bounds_is_one_typed_error_naming_what_was_asked(
    asked: dict[str, int], parameter: str
) -> None:
    with pytest.raises(OutOfBounds) as refused:
        renewal_quote(make_license(), d("2025-03-01"), POLICY, **asked)
    assert refused.value.parameter == parameter
    assert issubclass(OutOfBounds, ValueError)


def test_r6_the_most_seats_are_quoted_by_the_vendor() -> None:
    most = renewal_quote(make_license(), d("2025-03-01"), POLICY, users=MAX_SEATS, devices=0)
    assert most.quote_required


def test_r5_the_longest_renewal_is_answered() -> None:
    quote = renewal_quote(make_license(), d("2025-03-01"), POLICY, years=MAX_RENEWAL_YEARS)
    assert quote.period_end == d("2124-04-01")
    assert quote.total == Decimal("1188000.00")


def test_r5_arithmetic_past_the_last_date_is_a_typed_error() -> None:
    with pytest.raises(DateOutOfRange):
        add_years(date(9999, 6, 1), 1)
    with pytest.raises(DateOutOfRange):
        renewal_quote(make_license(), date(9999, 12, 31), POLICY)
    assert issubclass(DateOutOfRange, ValueError)


# R6 renewal estimate -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "fee", "total"),
    [
        ("2025-03-01", "0.00", "24000.00"),  # renewal_due
        ("2025-04-01", "0.00", "24000.00"),  # expired, day 0
        ("2025-05-31", "0.00", "24000.00"),  # 60 days after: no fee
        ("2025-06-01", "2400.00", "26400.00"),  # 61 days after: lapsed
    ],
)
def test_r6_reinstatement_fee_only_when_lapsed(day: str, fee: str, total: str) -> None:
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


def test_r6_the_documented_estimates() -> None:
    lic = make_license(fee="12000.00")
    for day, state, fee, total in [
        ("2025-03-01", SmState.RENEWAL_DUE, "0.00", "12000.00"),
        ("2025-05-31", SmState.EXPIRED, "0.00", "12000.00"),
        ("2025-07-15", SmState.LAPSED, "1200.00", "13200.00"),
    ]:
        quote = renewal_quote(lic, d(day), POLICY, years=1)
        assert quote.sm_state is state
        assert (str(quote.base_amount), str(quote.reinstatement_fee), str(quote.total)) == (
            "12000.00",
            fee,
            total,
        )


def test_r6_amounts_round_to_cents_half_up() -> None:
    lapsed_day = d("2025-07-15")
    quote = renewal_quote(make_license(fee="12345.65"), lapsed_day, POLICY, years=1)
    assert quote.base_amount == Decimal("12345.65")
    assert str(quote.reinstatement_fee) == "1234.57"  # 1234.565: half-even would give 1234.56
    assert str(quote.total) == "13580.22"
    # A fee of more than cents cannot be signed, but the rounding holds for any amount.
    odd_fee = Money(amount=Decimal("333.345"), currency="USD")
    odd = dataclasses.replace(make_license(), sm_annual_fee=odd_fee)
    quote = renewal_quote(odd, d("2025-03-01"), POLICY, years=1)
    assert str(quote.base_amount) == "333.35"
    assert str(quote.total) == "333.35"


def test_r6_currency_is_the_licenses() -> None:
    quote = renewal_quote(make_license(fee="9000.00", currency="EUR"), d("2025-03-01"), POLICY)
    assert quote.currency == "EUR"
    assert quote.total == Decimal("9000.00")


@pytest.mark.parametrize(("users", "devices"), [(251, None), (None, 5), (100, 0), (250, 1)])
def test_r6_a_seat_change_has_no_estimate(users: int | None, devices: int | None) -> None:
    lic = make_license()  # 250 users, 0 devices
    assert changes_seats(lic, users, devices)
    quote = renewal_quote(lic, d("2025-07-15"), POLICY, years=1, users=users, devices=devices)
    assert quote.base_amount is None
    assert quote.reinstatement_fee is None
    assert quote.total is None
    assert quote.quote_required
    assert (quote.period_start, quote.period_end) == (d("2025-04-01"), d("2026-04-01"))
    assert quote.min_years_to_be_current == 1
    assert quote.sm_state is SmState.LAPSED


@pytest.mark.parametrize(("users", "devices"), [(None, None), (250, None), (None, 0), (250, 0)])
def test_r6_the_current_seat_counts_are_no_change(users: int | None, devices: int | None) -> None:
    lic = make_license()
    assert (lic.seats.users, lic.seats.devices) == (250, 0)
    assert not changes_seats(lic, users, devices)
    quote = renewal_quote(lic, d("2025-07-15"), POLICY, years=1, users=users, devices=devices)
    assert not quote.quote_required
    assert quote.total == Decimal("13200.00")


# Renewing several licenses at once (R16 with R5, R6) -------------------------------------------


def test_totals_are_summed_per_currency_and_a_quote_required_line_adds_nothing() -> None:
    day = d("2025-07-15")
    usd = renewal_quote(make_license(license_id="LIC-A", fee="12000.00"), day, POLICY, years=1)
    usd_too = renewal_quote(
        make_license("2024-06-01", "2026-06-01", license_id="LIC-B", fee="1000.05"),
        day,
        POLICY,
        years=2,
    )
    eur = renewal_quote(
        make_license(license_id="LIC-C", fee="8000.00", currency="EUR"), day, POLICY, years=1
    )
    seats = renewal_quote(
        make_license(license_id="LIC-D", fee="5000.00", currency="GBP"), day, POLICY, users=999
    )
    assert (usd.total, usd_too.total, eur.total) == (
        Decimal("13200.00"),  # lapsed: with the 10% fee
        Decimal("2000.10"),  # active: no fee
        Decimal("8800.00"),
    )
    assert seats.quote_required
    totals = totals_by_currency([usd, seats, eur, usd_too])
    assert totals == {"EUR": Decimal("8800.00"), "USD": Decimal("15200.10")}
    assert list(totals) == ["EUR", "USD"]  # alphabetical, whatever the order of the lines
    assert "GBP" not in totals  # a currency with only vendor-quoted lines has no total
    assert all(str(amount).endswith((".00", ".10")) for amount in totals.values())
    assert totals_by_currency([]) == {}
    assert totals_by_currency([seats]) == {}


def test_r16_due_for_renewal_are_the_licenses_in_their_window_expired_or_lapsed() -> None:
    held = portfolio(
        licenses=[
            make_license("2023-04-01", "2026-01-01", license_id="LIC-ACTIVE"),
            make_license("2023-04-01", "2025-04-01", license_id="LIC-DUE"),
            make_license("2023-01-01", "2025-02-01", license_id="LIC-EXPIRED"),
            make_license("2022-01-01", "2024-12-01", license_id="LIC-LAPSED"),
            make_license("2025-06-01", "2026-06-01", license_id="LIC-LATER"),
        ]
    )
    standings = evaluated(held, "2025-03-01").licenses
    assert {s.license_id: s.sm.state for s in standings} == {
        "LIC-ACTIVE": SmState.ACTIVE,
        "LIC-DUE": SmState.RENEWAL_DUE,
        "LIC-EXPIRED": SmState.EXPIRED,
        "LIC-LAPSED": SmState.LAPSED,
        "LIC-LATER": SmState.NOT_STARTED,
    }
    due = due_for_renewal(standings)
    assert [s.license_id for s in due] == [
        s.license_id for s in standings if s.license_id in ("LIC-DUE", "LIC-EXPIRED", "LIC-LAPSED")
    ]  # in the order given: most urgent first
    assert due_for_renewal(reversed(due)) == list(reversed(due))
    assert due_for_renewal([]) == []


def test_a_renewal_is_fulfilled_once_a_revision_reaches_its_period_end() -> None:
    lic = make_license("2023-04-01", "2025-04-01")
    asked = renewal_quote(lic, d("2025-07-15"), POLICY, years=1).period_end
    assert asked == d("2026-04-01")
    assert not renewal_fulfilled(asked, lic)
    assert renewal_fulfilled(asked, renewed(lic, 1))
    assert renewal_fulfilled(asked, renewed(lic, 2))  # more than asked also fulfils it
    two_years = renewal_quote(lic, d("2025-07-15"), POLICY, years=2).period_end
    assert not renewal_fulfilled(two_years, renewed(lic, 1))


# R8 pack quotes ------------------------------------------------------------------------------


def test_r8_pack_quote() -> None:
    one = pack_quote(1, POLICY)
    assert (one.packs, one.tickets, one.validity_months) == (1, 4, 12)
    assert one.unit_price == Money(amount=Decimal("2000.00"), currency="USD")
    assert one.total == Money(amount=Decimal("2000.00"), currency="USD")
    three = pack_quote(3, POLICY)
    assert three.tickets == 12
    assert str(three.total.amount) == "6000.00"
    most = pack_quote(MAX_PACKS_PER_REQUEST, POLICY)
    assert most.total.amount == Decimal("2000000.00")


@pytest.mark.parametrize("count", [0, -1, MAX_PACKS_PER_REQUEST + 1, 10**23])
def test_r8_pack_quote_bounds(count: int) -> None:
    with pytest.raises(ValueError, match="1 to 1000 packs"):
        pack_quote(count, POLICY)
    with pytest.raises(OutOfBounds) as refused:
        pack_quote(count, POLICY)
    assert refused.value.parameter == "count"


# R13 eligibility -----------------------------------------------------------------------------


def check(
    lic,
    day,
    category=Category.PRODUCT,
    classification=Classification.CUSTOMER,
    tickets=(),
    packs=(),
):
    """R13 as `eligibility` answers it: with the tickets left on the day (period and packs)."""
    left = balance(lic, tickets, packs, as_of=day).remaining_total
    return eligibility(lic, left, category, classification, d(day), POLICY)


def test_r13_with_no_license_the_one_reason_is_no_valid_license() -> None:
    for category in (Category.PRODUCT, Category.TRAINING):
        for classification in Classification:
            result = eligibility(None, 5, category, classification, d("2025-03-01"), POLICY)
            assert (result.eligible, result.reasons) == (
                False,
                (IneligibleReason.NO_VALID_LICENSE,),
            )


def test_r13_eligible_when_covered_in_scope_and_tickets_left() -> None:
    result = check(make_license(tickets_per_year=6), "2024-05-01")
    assert result.eligible
    assert result.reasons == ()


def test_r13_lists_every_failing_reason_at_once() -> None:
    lic = make_license(tickets_per_year=0)
    result = check(lic, "2025-06-01", Category.TRAINING)
    assert not result.eligible
    assert result.reasons == (
        IneligibleReason.NOT_COVERED,
        IneligibleReason.OUT_OF_SCOPE,
        IneligibleReason.NO_TICKETS_LEFT,
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
def test_r13_each_reason_alone(day, category, tickets_per_year, pack_bought, reason) -> None:
    packs = [make_pack("P1", pack_bought)] if pack_bought else []
    result = check(make_license(tickets_per_year=tickets_per_year), day, category, packs=packs)
    assert not result.eligible
    assert result.reasons == (reason,)


def test_r13_an_uncovered_day_outside_every_period_has_no_tickets_left_either() -> None:
    result = check(make_license(tickets_per_year=6), "2025-06-01")
    assert set(result.reasons) == {IneligibleReason.NOT_COVERED, IneligibleReason.NO_TICKETS_LEFT}


def test_r13_no_tickets_left_after_using_them_all() -> None:
    lic = make_license(tickets_per_year=1)
    result = check(lic, "2024-05-02", tickets=[ticket("A", "2024-05-01")])
    assert result.reasons == (IneligibleReason.NO_TICKETS_LEFT,)
    # A pack usable that day gives tickets back.
    assert check(
        lic,
        "2024-05-02",
        tickets=[ticket("A", "2024-05-01")],
        packs=[make_pack("P1", "2024-05-02")],
    ).eligible


@pytest.mark.parametrize(("left", "eligible"), [(-1, False), (0, False), (1, True), (40, True)])
def test_r13_takes_the_tickets_left_as_given(left: int, eligible: bool) -> None:
    lic = make_license()
    result = eligibility(
        lic, left, Category.PRODUCT, Classification.CUSTOMER, d("2024-05-01"), POLICY
    )
    assert result.eligible is eligible
    assert result.reasons == (() if eligible else (IneligibleReason.NO_TICKETS_LEFT,))


def test_r13_a_product_bug_is_eligible_with_no_tickets_left() -> None:
    lic = make_license(tickets_per_year=0)
    result = check(lic, "2024-05-01", classification=Classification.PRODUCT_BUG)
    assert result.eligible
    assert result.reasons == ()
    outside = check(lic, "2025-06-01", classification=Classification.PRODUCT_BUG)
    assert outside.reasons == (IneligibleReason.NOT_COVERED,)
    out_of_scope = check(lic, "2024-05-01", Category.TRAINING, Classification.PRODUCT_BUG)
    assert out_of_scope.reasons == (IneligibleReason.OUT_OF_SCOPE,)


@pytest.mark.parametrize(
    ("day", "category", "classification", "left", "reasons"),
    [
        ("2025-03-20", Category.PRODUCT, Classification.CUSTOMER, 2, ()),
        ("2025-03-20", Category.TRAINING, Classification.CUSTOMER, 2, ("out_of_scope",)),
        ("2025-03-20", Category.PRODUCT, Classification.CUSTOMER, 0, ("no_tickets_left",)),
        ("2025-03-20", Category.PRODUCT, Classification.PRODUCT_BUG, 0, ()),
        (
            "2025-04-15",
            Category.INSTALLATION,
            Classification.CUSTOMER,
            2,
            ("not_covered", "out_of_scope"),
        ),
    ],
)
def test_r13_the_documented_answers(day, category, classification, left, reasons) -> None:
    result = eligibility(make_license(), left, category, classification, d(day), POLICY)
    assert result.reasons == reasons
    assert result.eligible is (reasons == ())


# R15 the clock mark --------------------------------------------------------------------------


def test_r15_clock_rollback_tolerates_one_day() -> None:
    today = d("2025-03-01")
    assert clock_state(today, None, None, POLICY) is ClockState.OK
    assert clock_state(today, today, None, POLICY) is ClockState.OK
    assert clock_state(today, today + DAY, None, POLICY) is ClockState.OK
    assert clock_state(today, today + 2 * DAY, None, POLICY) is ClockState.ROLLED_BACK
    assert clock_state(today, today - 30 * DAY, None, POLICY) is ClockState.OK
    # The documented example: mark 2025-03-10; nothing on 03-09, a warning on 03-08.
    mark = d("2025-03-10")
    assert clock_state(d("2025-03-09"), mark, None, POLICY) is ClockState.OK
    assert clock_state(d("2025-03-08"), mark, None, POLICY) is ClockState.ROLLED_BACK


def test_r15_the_mark_is_the_latest_of_everything_recorded_and_signed() -> None:
    empty = portfolio()
    assert clock_mark([], empty) is None
    assert clock_mark([None, None], empty) is None  # stored values that are not dates
    assert clock_mark([d("2025-03-01"), None, d("2025-02-01")], empty) == d("2025-03-01")
    # Every verified revision counts, not only the newest, and statements and catalogs too.
    old = dataclasses.replace(
        make_license(revision=1), issued_at=datetime(2025, 6, 1, 23, 30, tzinfo=UTC)
    )
    new = dataclasses.replace(make_license(revision=2), issued_at=datetime(2025, 5, 1, tzinfo=UTC))
    signed = portfolio(
        licenses=[old, new],
        statements=[statement([ticket("C-1", "2025-01-01")], issued_at="2025-07-01T08:00:00Z")],
        catalogs=[factories.catalog(issued_at="2025-08-01T00:00:00Z")],
    )
    assert clock_mark([d("2025-03-01")], signed) == d("2025-08-01")
    assert clock_mark([d("2025-09-01")], signed) == d("2025-09-01")
    without_catalog = portfolio(licenses=[old, new])
    assert clock_mark([], without_catalog) == d("2025-06-01")  # the older revision's issue day


def test_r15_an_acknowledgement_covers_its_mark_and_lower_ones_only() -> None:
    today = d("2025-03-10")
    mark = d("2026-03-10")
    assert clock_state(today, mark, mark, POLICY) is ClockState.ACKNOWLEDGED
    assert clock_state(today, mark, mark + DAY, POLICY) is ClockState.ACKNOWLEDGED
    # A later, higher mark warns again.
    assert clock_state(today, mark + DAY, mark, POLICY) is ClockState.ROLLED_BACK
    # Once the clock is no longer behind, there is nothing to acknowledge.
    assert clock_state(mark, mark, mark, POLICY) is ClockState.OK
    assert clock_state(mark - DAY, mark, d("2020-01-01"), POLICY) is ClockState.OK
