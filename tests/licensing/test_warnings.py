"""The warnings of one license and their severities (licensing/warnings.py; docs/rules.md, "Status
and exit codes"), with the typed facts a front end words them from; and the worked example of
docs/rules.md through the ledger and the warnings."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from licensing.claims import LicenseType
from licensing.renewals import renewal_quote
from licensing.rules import SmState, sm_status
from licensing.upgrades import UpgradeReason, upgrade_decision
from licensing.warnings import (
    Severity,
    StatusWarning,
    WarningCode,
    license_warnings,
    overall_severity,
    warning,
)
from tests import factories
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
    plus_years,
    renewed,
    ticket,
)

DAY = timedelta(days=1)


def codes(warnings: list[StatusWarning]) -> set[WarningCode]:
    return {w.code for w in warnings}


def test_severities_are_the_monitoring_exit_codes() -> None:
    assert [int(s) for s in Severity] == [0, 1, 2, 3]
    assert overall_severity([]) is Severity.OK
    assert WarningCode.DISPUTED_TICKET == "disputed_ticket"


def test_a_warning_holds_its_facts_read_only() -> None:
    made = warning(WarningCode.PACK_EXPIRING, Severity.WARNING, "LIC-1", pack_id="P1", remaining=4)
    assert made.license_id == "LIC-1"
    assert dict(made.facts) == {"pack_id": "P1", "remaining": 4}
    with pytest.raises(TypeError):
        made.facts["remaining"] = 5  # type: ignore[index]
    assert warning(WarningCode.NO_VALID_LICENSE, Severity.CRITICAL).license_id is None


def test_status_active_with_tickets_is_ok() -> None:
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=6)
    sm, _, warnings = dashboard(lic, "2024-09-01", [ticket("A", "2024-05-01")])
    assert sm.state is SmState.ACTIVE
    assert warnings == []
    assert overall_severity(warnings) is Severity.OK
    assert int(overall_severity(warnings)) == 0


def test_status_renewal_due_is_a_warning_with_typed_facts() -> None:
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=6)
    _, _, warnings = dashboard(lic, "2025-02-14")  # 46 days to expiry, period not yet expiring
    assert codes(warnings) == {WarningCode.RENEWAL_DUE}
    assert overall_severity(warnings) == Severity.WARNING == 1
    (due,) = warnings
    assert due.license_id == lic.license_id
    assert dict(due.facts) == {
        "sm_start": date(2023, 4, 1),
        "sm_end": date(2025, 4, 1),
        "days": 46,
        "reinstatement_fee_from": date(2025, 6, 1),
        "fee_percent": Decimal("10.00"),
        "perpetual": True,
    }


def test_status_not_started_is_a_warning() -> None:
    lic = make_license("2025-04-01", "2026-04-01")
    _, _, warnings = dashboard(lic, "2025-03-01")
    assert codes(warnings) == {WarningCode.NOT_STARTED}
    assert warnings[0].severity is Severity.WARNING
    assert warnings[0].facts["sm_start"] == date(2025, 4, 1)


@pytest.mark.parametrize(
    ("day", "code", "days"),
    [
        ("2025-04-01", WarningCode.EXPIRED, 0),
        ("2025-05-31", WarningCode.EXPIRED, 60),
        ("2025-06-01", WarningCode.LAPSED, 61),
    ],
)
def test_status_expired_and_lapsed_are_critical(day: str, code: WarningCode, days: int) -> None:
    lic = make_license("2023-04-01", "2025-04-01")
    _, _, warnings = dashboard(lic, day)
    assert codes(warnings) == {code}
    assert overall_severity(warnings) == Severity.CRITICAL == 2
    assert warnings[0].facts["days"] == days


def test_status_reinstatement_fee_date_is_the_first_lapsed_day() -> None:
    lic = make_license("2023-04-01", "2025-04-01")
    _, _, warnings = dashboard(lic, "2025-04-10")
    (expired,) = warnings
    fee_from = expired.facts["reinstatement_fee_from"]
    assert fee_from == d("2025-06-01")
    assert isinstance(fee_from, date)
    assert sm_status(lic, fee_from - DAY, POLICY).state is SmState.EXPIRED
    assert sm_status(lic, fee_from, POLICY).state is SmState.LAPSED


def test_status_subscription_ended_is_critical() -> None:
    sub = make_license("2023-04-01", "2025-04-01", license_type=LicenseType.SUBSCRIPTION)
    _, _, warnings = dashboard(sub, "2025-04-01")
    assert WarningCode.SUBSCRIPTION_ENDED in codes(warnings)
    ended = next(w for w in warnings if w.code is WarningCode.SUBSCRIPTION_ENDED)
    assert ended.severity is Severity.CRITICAL
    assert ended.facts["sm_end"] == date(2025, 4, 1)
    assert next(w for w in warnings if w.code is WarningCode.EXPIRED).facts["perpetual"] is False
    _, _, warnings = dashboard(sub, "2025-03-31")
    assert WarningCode.SUBSCRIPTION_ENDED not in codes(warnings)
    perpetual = make_license("2023-04-01", "2025-04-01")
    assert WarningCode.SUBSCRIPTION_ENDED not in codes(dashboard(perpetual, "2025-04-01")[2])


@pytest.mark.parametrize(
    ("day", "warned"), [("2024-03-01", False), ("2024-03-02", True), ("2024-03-03", True)]
)
def test_status_period_tickets_expiring_within_30_days(day: str, warned: bool) -> None:
    # Period 0 ends 2024-04-01: 31, 30 and 29 days after these days. S&M runs until 2026.
    lic = make_license("2023-04-01", "2026-04-01", tickets_per_year=2)
    _, bal, warnings = dashboard(lic, day, [ticket("A", "2023-05-01")])
    assert bal.period_end is not None
    assert (bal.period_end - d(day)).days in (29, 30, 31)
    assert (WarningCode.PERIOD_TICKETS_EXPIRING in codes(warnings)) is warned
    if warned:
        (expiring,) = warnings
        assert expiring.severity is Severity.WARNING
        assert dict(expiring.facts) == {"expires_on": date(2024, 4, 1), "remaining": 1}
        assert overall_severity(warnings) is Severity.WARNING
    else:
        assert warnings == []


def test_status_period_expiring_without_tickets_left_is_no_tickets_left() -> None:
    lic = make_license("2023-04-01", "2026-04-01", tickets_per_year=1)
    _, _, warnings = dashboard(lic, "2024-03-20", [ticket("A", "2023-05-01")])
    assert codes(warnings) == {WarningCode.NO_TICKETS_LEFT}
    assert overall_severity(warnings) is Severity.WARNING


@pytest.mark.parametrize(
    ("day", "warned"), [("2024-05-01", False), ("2024-05-02", True), ("2024-05-03", True)]
)
def test_status_pack_expiring_within_30_days_with_tickets_left(day: str, warned: bool) -> None:
    lic = make_license("2023-04-01", "2026-04-01", tickets_per_year=6)
    pack = make_pack("P1", "2023-06-01")  # expires 2024-06-01
    _, _, warnings = dashboard(lic, day, [], [pack])
    assert codes(warnings) == ({WarningCode.PACK_EXPIRING} if warned else set())
    if warned:
        assert dict(warnings[0].facts) == {
            "pack_id": "P1",
            "expires_on": date(2024, 6, 1),
            "remaining": 4,
        }
        assert overall_severity(warnings) is Severity.WARNING


def test_status_no_warning_for_an_expiring_pack_with_nothing_left() -> None:
    lic = make_license("2023-04-01", "2026-04-01", tickets_per_year=0)
    pack = make_pack("P1", "2023-06-01")
    tickets = [ticket(f"T{i}", "2023-07-01") for i in range(4)]
    _, bal, warnings = dashboard(lic, "2024-05-20", tickets, [pack])
    assert bal.packs[0].remaining == 0
    assert codes(warnings) == {WarningCode.NO_TICKETS_LEFT}


def test_status_no_tickets_left_is_a_warning() -> None:
    lic = make_license("2023-04-01", "2026-04-01", tickets_per_year=1)
    _, bal, warnings = dashboard(lic, "2024-09-01", [ticket("A", "2024-05-01")])
    assert bal.remaining_total == 0
    assert codes(warnings) == {WarningCode.NO_TICKETS_LEFT}
    assert overall_severity(warnings) is Severity.WARNING


def test_status_unfunded_tickets_of_the_period_are_a_warning() -> None:
    lic = make_license("2023-04-01", "2026-04-01", tickets_per_year=1)
    tickets = [ticket("A", "2024-05-01"), ticket("B", "2024-05-02"), ticket("C", "2024-05-03")]
    _, bal, warnings = dashboard(lic, "2024-09-01", tickets)
    assert bal.unfunded == 2
    assert codes(warnings) == {WarningCode.NO_TICKETS_LEFT, WarningCode.UNFUNDED_TICKETS}
    unfunded = next(w for w in warnings if w.code is WarningCode.UNFUNDED_TICKETS)
    assert (unfunded.severity, dict(unfunded.facts)) == (Severity.WARNING, {"count": 2})


def test_no_expiring_ticket_warnings_on_a_day_without_coverage() -> None:
    """The last period may outlast sm_end (R7), but its tickets cannot be used then (R11)."""
    lic = make_license(sm_start="2023-04-01", sm_end="2025-06-01")
    day = d("2026-03-15")
    figures = balance(lic, [], [make_pack("P1", "2025-04-01")], as_of=day)
    assert figures.period_end == d("2026-04-01")
    sm = sm_status(lic, day, POLICY)
    found = codes(license_warnings(lic, sm, figures, day, POLICY))
    assert WarningCode.PERIOD_TICKETS_EXPIRING not in found
    assert WarningCode.PACK_EXPIRING not in found
    assert WarningCode.NO_TICKETS_LEFT not in found


def test_overall_severity_is_the_worst() -> None:
    lic = make_license("2023-04-01", "2025-04-01", license_type=LicenseType.SUBSCRIPTION)
    _, _, warnings = dashboard(lic, "2025-06-01")
    assert codes(warnings) == {WarningCode.LAPSED, WarningCode.SUBSCRIPTION_ENDED}
    assert overall_severity(warnings) is Severity.CRITICAL


def test_every_fact_is_a_typed_value_and_names_its_license() -> None:
    lic = make_license("2023-04-01", "2025-04-01", license_type=LicenseType.SUBSCRIPTION)
    for day in ("2023-03-01", "2025-03-20", "2025-04-10", "2025-07-15"):
        _, _, warnings = dashboard(lic, day, [ticket("A", "2024-05-01")], [make_pack()])
        for found in warnings:
            assert found.license_id == lic.license_id
            for value in found.facts.values():
                assert isinstance(value, str | int | bool | date | Decimal | tuple), found


# The worked example of docs/rules.md --------------------------------------------------------

EXAMPLE_LICENSE = factories.license()
EXAMPLE_PACK = factories.pack()
EXAMPLE_TICKETS = list(factories.statement(factories.worked_example_statement()["tickets"]).tickets)
MORE_TICKETS = [ticket(f"CS-{n}", "2025-03-10") for n in (8, 9, 10)]


def test_worked_example_is_the_documented_license() -> None:
    lic = EXAMPLE_LICENSE
    assert (lic.sm_start, lic.sm_end, lic.tickets_per_year) == (
        d("2023-04-01"),
        d("2025-04-01"),
        6,
    )
    assert (str(lic.sm_annual_fee.amount), lic.sm_annual_fee.currency) == ("12000.00", "USD")
    assert (EXAMPLE_PACK.purchased_on, EXAMPLE_PACK.packs) == (d("2024-10-15"), 1)


def test_worked_example_on_2025_03_01() -> None:
    sm, bal, warnings = dashboard(EXAMPLE_LICENSE, "2025-03-01", EXAMPLE_TICKETS, [EXAMPLE_PACK])
    assert sm.state is SmState.RENEWAL_DUE
    assert sm.days_to_expiry == 31
    assert not sm.reinstatement_fee_applies
    expected = factories.WORKED_EXAMPLE_BALANCE_ON_2025_03_01
    assert (bal.period_start, bal.period_end) == (
        d(expected["period_start"]),
        d(expected["period_end"]),
    )
    assert bal.annual_allocated == expected["annual_allocated"] == 6
    assert bal.annual_used == expected["annual_used"] == 5
    assert bal.annual_remaining == expected["annual_remaining"] == 1
    assert bal.not_deducted_bug == expected["not_deducted_bug"] == 2
    assert bal.unfunded == expected["unfunded"] == 0
    assert bal.ineligible == expected["ineligible"] == 0
    (p1,) = bal.packs
    assert (p1.pack_id, p1.purchased_on, p1.expires_on) == ("P1", d("2024-10-15"), d("2025-10-15"))
    assert (p1.tickets, p1.used, p1.remaining) == (4, 0, 4)
    assert bal.remaining_total == expected["remaining_total"] == 5
    # The period ends in 31 days: not yet "expiring within 30 days".
    assert codes(warnings) == {WarningCode.RENEWAL_DUE}
    assert overall_severity(warnings) is Severity.WARNING


def test_worked_example_three_more_tickets_on_2025_03_10() -> None:
    tickets = EXAMPLE_TICKETS + MORE_TICKETS
    result = ledger(EXAMPLE_LICENSE, tickets, [EXAMPLE_PACK], "2025-03-10")
    got = outcomes(result)
    assert got["CS-10"] == ("charged", "2024-04-01")  # the last annual ticket: period ends first
    assert got["CS-8"] == ("charged", "P1")  # "CS-10" < "CS-8" as text
    assert got["CS-9"] == ("charged", "P1")
    _, bal, _ = dashboard(EXAMPLE_LICENSE, "2025-03-10", tickets, [EXAMPLE_PACK])
    assert (bal.annual_used, bal.annual_remaining) == (6, 0)
    assert (bal.packs[0].used, bal.packs[0].remaining) == (2, 2)
    assert bal.remaining_total == 2


def test_worked_example_earlier_period_tickets_do_not_count() -> None:
    earlier = [ticket("OLD-1", "2023-05-01"), bug("OLD-2", "2023-06-01")]
    bal = balance(EXAMPLE_LICENSE, earlier + EXAMPLE_TICKETS, [EXAMPLE_PACK], "2025-03-01")
    assert (bal.annual_used, bal.not_deducted_bug, bal.remaining_total) == (5, 2, 5)


def test_worked_example_on_1_april_2025_the_license_expired() -> None:
    tickets = [*EXAMPLE_TICKETS, *MORE_TICKETS, ticket("CS-11", "2025-04-02")]
    sm, bal, warnings = dashboard(EXAMPLE_LICENSE, "2025-04-02", tickets, [EXAMPLE_PACK])
    assert sm.state is SmState.EXPIRED
    assert overall_severity(warnings) is Severity.CRITICAL
    assert outcomes(ledger(EXAMPLE_LICENSE, tickets, [EXAMPLE_PACK]))["CS-11"] == (
        "ineligible",
        None,
    )
    assert bal.ineligible == 1
    assert bal.packs[0].remaining == 2  # P1's tickets wait, unusable on an uncovered day


def test_worked_example_renewal_quote_on_2025_07_15() -> None:
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


def test_worked_example_renewal_permits_the_release_and_covers_the_cases() -> None:
    day = d("2025-07-15")
    decision = upgrade_decision(EXAMPLE_LICENSE, d("2025-05-20"), day)
    assert not decision.permitted
    assert decision.reason is UpgradeReason.RELEASED_ON_OR_AFTER_SM_END
    assert decision.renewal_years_needed == 1
    renewal = renewed(EXAMPLE_LICENSE, 1)
    assert renewal.sm_end == d("2026-04-01") == plus_years(EXAMPLE_LICENSE.sm_end, 1)
    assert upgrade_decision(renewal, d("2025-05-20"), day).permitted
    # The renewal turns the case of 2 April into a charged one, and P1 is usable again.
    tickets = [*EXAMPLE_TICKETS, *MORE_TICKETS, ticket("CS-11", "2025-04-02")]
    sm, bal, warnings = dashboard(renewal, day, tickets, [EXAMPLE_PACK])
    assert (sm.state, sm.days_to_expiry) == (SmState.ACTIVE, 260)
    # P1 expires on 2025-10-15, before the new period's 2026-04-01: it is drawn first (R9).
    assert outcomes(ledger(renewal, tickets, [EXAMPLE_PACK]))["CS-11"] == ("charged", "P1")
    assert (bal.annual_allocated, bal.annual_used, bal.ineligible) == (6, 0, 0)
    assert (bal.packs[0].remaining, bal.remaining_total) == (1, 7)
    assert warnings == []
