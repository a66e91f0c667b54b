"""Support tickets of one license (licensing/ledger.py): ticket periods (R7), packs (R8), charging
in draw order (R9), product bugs (R10), ineligible (R11) and out-of-scope (R12) tickets, and the
balances `status` reports, each at its boundaries."""

from __future__ import annotations

from datetime import date

import pytest

from licensing.claims import Category, Classification, Ticket
from licensing.ledger import (
    Bucket,
    BucketKind,
    Outcome,
    monthly_usage,
    pack_bucket,
    period_containing,
    ticket_periods,
)
from tests import factories
from tests.licensing.rules_builders import (
    POLICY,
    balance,
    bug,
    d,
    ledger,
    make_license,
    make_pack,
    outcomes,
    plus_months,
    reclassified,
    renewed,
    ticket,
)

OUT_OF_SCOPE = [
    Category.SYSTEM_CENTER,
    Category.INSTALLATION,
    Category.CONSULTING,
    Category.CUSTOMIZATION,
    Category.TRAINING,
]
IN_SCOPE = [Category.PRODUCT, Category.UPGRADE, Category.LICENSING]


def spans(periods: list[Bucket]) -> list[tuple[str, str]]:
    return [(p.starts_on.isoformat(), p.expires_on.isoformat()) for p in periods]


# Buckets -------------------------------------------------------------------------------------


def test_bucket_kinds_are_string_codes() -> None:
    assert BucketKind.ANNUAL == "annual"
    assert BucketKind.PACK == "pack"
    assert BucketKind("pack") is BucketKind.PACK
    assert BucketKind.ANNUAL.draw_rank < BucketKind.PACK.draw_rank


def test_draw_order_is_expiry_then_the_period_then_purchase_then_id() -> None:
    period = Bucket(
        kind=BucketKind.ANNUAL,
        key="2024-04-01",
        starts_on=d("2024-04-01"),
        expires_on=d("2025-04-01"),
        size=6,
    )
    pack = pack_bucket(make_pack("P1", "2024-04-01"), POLICY)
    earlier = pack_bucket(make_pack("P9", "2024-03-31"), POLICY)
    assert pack.expires_on == period.expires_on
    assert sorted([pack, earlier, period], key=Bucket.draw_order) == [earlier, period, pack]


# R7 ticket periods ---------------------------------------------------------------------------


def test_r7_periods_are_anchored_at_sm_start() -> None:
    periods = ticket_periods(make_license("2023-04-01", "2025-04-01", tickets_per_year=6), POLICY)
    assert spans(periods) == [("2023-04-01", "2024-04-01"), ("2024-04-01", "2025-04-01")]
    assert all(p.size == 6 and p.kind is BucketKind.ANNUAL for p in periods)
    assert [p.key for p in periods] == ["2023-04-01", "2024-04-01"]


def test_r7_a_renewal_adds_a_period() -> None:
    lic = make_license("2023-04-01", "2025-04-01")
    assert spans(ticket_periods(renewed(lic, 1), POLICY))[-1] == ("2025-04-01", "2026-04-01")


def test_r7_the_last_period_may_run_past_sm_end() -> None:
    periods = ticket_periods(make_license("2023-04-01", "2024-10-01"), POLICY)
    assert spans(periods) == [("2023-04-01", "2024-04-01"), ("2024-04-01", "2025-04-01")]


def test_r7_a_period_starting_on_sm_end_does_not_exist() -> None:
    assert len(ticket_periods(make_license("2023-04-01", "2024-04-01"), POLICY)) == 1
    assert len(ticket_periods(make_license("2023-04-01", "2024-04-02"), POLICY)) == 2


def test_r7_leap_day_sm_start_follows_relativedelta_from_the_anchor() -> None:
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


def test_r7_the_period_containing_a_day() -> None:
    periods = ticket_periods(make_license("2023-04-01", "2025-04-01"), POLICY)
    assert period_containing(periods, d("2024-03-31")) is periods[0]
    assert period_containing(periods, d("2024-04-01")) is periods[1]
    assert period_containing(periods, d("2023-03-31")) is None
    assert period_containing(periods, d("2025-04-01")) is None


def test_r7_unused_tickets_expire_at_the_period_end() -> None:
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


def test_r7_unused_tickets_of_a_period_do_not_carry_over() -> None:
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


def test_r8_pack_bucket_is_usable_for_twelve_months() -> None:
    bucket = pack_bucket(make_pack("P1", "2024-10-15", packs=3), POLICY)
    assert bucket.kind is BucketKind.PACK
    assert bucket.key == "P1"
    assert bucket.size == 3 * POLICY.pack_tickets == 12
    assert bucket.expires_on == plus_months("2024-10-15", POLICY.pack_validity_months)
    assert bucket.expires_on == d("2025-10-15")
    assert bucket.usable_on(d("2024-10-15"))
    assert bucket.usable_on(d("2025-10-14"))
    assert not bucket.usable_on(d("2025-10-15"))
    assert not bucket.usable_on(d("2024-10-14"))
    assert pack_bucket(make_pack("L", "2024-02-29"), POLICY).expires_on == d("2025-02-28")


def test_r8_pack_tickets_drawn_only_while_usable() -> None:
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


def test_r8_a_document_of_several_packs_holds_packs_times_four_tickets() -> None:
    lic = make_license(tickets_per_year=0)
    tickets = [ticket(f"T{i:02d}", "2024-11-01") for i in range(9)]
    result = ledger(lic, tickets, [make_pack("P1", "2024-10-15", packs=2)])
    assert sum(c.outcome is Outcome.CHARGED for c in result.charges) == 8
    assert result.charges[-1].outcome is Outcome.UNFUNDED
    assert result.used == {(BucketKind.PACK, "P1"): 8}


def test_r8_a_pack_for_another_license_is_ignored() -> None:
    lic = make_license(tickets_per_year=0)
    pack = make_pack("P9", "2024-10-15", license_id="LIC-OTHER")
    result = ledger(lic, [ticket("A", "2024-11-01")], [pack])
    assert result.packs == ()
    assert outcomes(result)["A"] == ("unfunded", None)
    assert balance(lic, [], [pack], "2024-11-01").packs == ()


def test_r8_two_pack_buckets_of_equal_draw_order_both_charge() -> None:
    """Distinct licenses may reuse a pack id; within one ledger equal buckets must still charge."""
    lic = make_license(tickets_per_year=0)
    packs = [make_pack("P1", "2024-10-15"), make_pack("P1", "2024-10-15")]
    result = ledger(lic, [ticket(f"A{i}", "2024-11-01") for i in range(5)], packs)
    assert [c.outcome.value for c in result.charges] == ["charged"] * 5
    assert result.used == {(BucketKind.PACK, "P1"): 5}


# R9 charging order ---------------------------------------------------------------------------


def test_r9_tickets_draw_in_opened_on_then_case_id_order_whatever_the_input_order() -> None:
    lic = make_license(tickets_per_year=1)
    tickets = [ticket("B", "2024-05-02"), ticket("C", "2024-05-01"), ticket("A", "2024-05-01")]
    result = ledger(lic, tickets)
    assert [c.ticket.case_id for c in result.charges] == ["A", "C", "B"]
    assert outcomes(result) == {
        "A": ("charged", "2024-04-01"),
        "C": ("unfunded", None),
        "B": ("unfunded", None),
    }


def test_r9_case_ids_compare_as_text() -> None:
    lic = make_license(tickets_per_year=1)
    result = ledger(lic, [ticket("C9", "2024-05-01"), ticket("C10", "2024-05-01")])
    assert outcomes(result) == {"C10": ("charged", "2024-04-01"), "C9": ("unfunded", None)}


def test_r9_annual_period_first_when_it_expires_before_the_pack() -> None:
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=1)
    result = ledger(lic, [ticket("A", "2024-11-01"), ticket("B", "2024-11-02")], [make_pack()])
    assert outcomes(result) == {"A": ("charged", "2024-04-01"), "B": ("charged", "P1")}


def test_r9_pack_first_when_it_expires_before_the_period() -> None:
    lic = make_license("2023-04-01", "2026-04-01", tickets_per_year=1)
    pack = make_pack("P0", "2023-06-01")  # expires 2024-06-01, before the period's 2025-04-01
    result = ledger(lic, [ticket("A", "2024-05-01"), ticket("B", "2024-05-02")], [pack])
    assert outcomes(result) == {"A": ("charged", "P0"), "B": ("charged", "P0")}
    result = ledger(lic, [ticket(f"T{i}", "2024-05-01") for i in range(6)], [pack])
    assert [o for o, _ in outcomes(result).values()].count("charged") == 5
    assert [k for _, k in outcomes(result).values()] == ["P0"] * 4 + ["2024-04-01", None]


def test_r9_the_pack_expiring_first_is_drawn_first_whatever_its_id() -> None:
    lic = make_license(tickets_per_year=0)
    packs = [make_pack("A-LATER", "2024-02-01"), make_pack("Z-EARLIER", "2024-01-01")]
    tickets = [ticket(f"T{i}", "2024-03-01") for i in range(6)]
    keys = [k for _, k in outcomes(ledger(lic, tickets, packs)).values()]
    assert keys == ["Z-EARLIER"] * 4 + ["A-LATER"] * 2


@pytest.mark.parametrize("pack_id", ["P1", "0001"])  # sorts after / before the period's key
def test_r9_tie_on_expiry_annual_period_before_pack(pack_id: str) -> None:
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=1)
    pack = make_pack(pack_id, "2024-04-01")  # expires 2025-04-01, like the period
    result = ledger(lic, [ticket("A", "2024-05-01"), ticket("B", "2024-05-01")], [pack])
    assert outcomes(result) == {"A": ("charged", "2024-04-01"), "B": ("charged", pack_id)}


def test_r9_tie_on_expiry_annual_period_before_an_earlier_bought_pack() -> None:
    # The period [2024-02-29, 2025-02-28) and a pack bought 2024-02-28 both expire 2025-02-28.
    lic = make_license("2024-02-29", "2026-02-28", tickets_per_year=1)
    pack = make_pack("P1", "2024-02-28")
    assert pack_bucket(pack, POLICY).expires_on == ticket_periods(lic, POLICY)[0].expires_on
    result = ledger(lic, [ticket("A", "2024-05-01"), ticket("B", "2024-05-01")], [pack])
    assert outcomes(result) == {"A": ("charged", "2024-02-29"), "B": ("charged", "P1")}


def test_r9_tie_on_expiry_earlier_purchase_first() -> None:
    # Feb 28 and Feb 29 2024 + 12 months both expire on 2025-02-28.
    lic = make_license(tickets_per_year=0)
    packs = [make_pack("A", "2024-02-29"), make_pack("B", "2024-02-28")]
    assert pack_bucket(packs[0], POLICY).expires_on == pack_bucket(packs[1], POLICY).expires_on
    tickets = [ticket(f"T{i}", "2024-03-01") for i in range(5)]
    keys = [k for _, k in outcomes(ledger(lic, tickets, packs)).values()]
    assert keys == ["B"] * 4 + ["A"]


def test_r9_tie_on_expiry_and_purchase_smaller_pack_id_first() -> None:
    lic = make_license(tickets_per_year=0)
    packs = [make_pack("P2", "2024-06-01"), make_pack("P1", "2024-06-01")]
    tickets = [ticket(f"T{i}", "2024-07-01") for i in range(5)]
    keys = [k for _, k in outcomes(ledger(lic, tickets, packs)).values()]
    assert keys == ["P1"] * 4 + ["P2"]


def test_r9_nothing_left_is_unfunded() -> None:
    lic = make_license(tickets_per_year=1)
    result = ledger(lic, [ticket("A", "2024-05-01"), ticket("B", "2024-05-02")])
    charge = result.charges[1]
    assert charge.outcome is Outcome.UNFUNDED
    assert charge.bucket is None
    assert sum(result.used.values()) == 1


def test_r9_out_of_scope_is_recorded_but_never_charged() -> None:
    lic = make_license(tickets_per_year=6)
    result = ledger(lic, [ticket("A", "2024-05-01", category=Category.TRAINING)])
    assert [c.ticket.case_id for c in result.charges] == ["A"]
    assert outcomes(result)["A"] == ("out_of_scope", None)
    assert result.used == {}


def test_r9_the_outcome_before_funding() -> None:
    lic = make_license()

    def alone(one: Ticket) -> Outcome:
        return ledger(lic, [one], as_of="2025-06-01").charges[0].outcome

    assert alone(ticket("A", "2024-05-01")) is Outcome.CHARGED  # it drew
    assert alone(bug("B", "2024-05-01")) is Outcome.NOT_DEDUCTED_BUG
    assert alone(ticket("C", "2024-05-01", category=Category.TRAINING)) is Outcome.OUT_OF_SCOPE
    # Coverage is checked first: an uncovered bug or out-of-scope case is ineligible.
    assert alone(bug("D", "2025-04-01")) is Outcome.INELIGIBLE
    assert alone(ticket("E", "2025-04-01", category=Category.TRAINING)) is Outcome.INELIGIBLE


# R10 product bugs ----------------------------------------------------------------------------


def test_r10_product_bugs_are_never_deducted() -> None:
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


def test_r10_reclassification_changes_balances_at_once_in_both_directions() -> None:
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


def test_r10_the_documented_reclassification() -> None:
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=6)
    tickets = [ticket(f"C-10{i}", f"2024-0{i + 5}-01") for i in range(5)]
    assert balance(lic, tickets, as_of="2024-12-01").annual_remaining == 1
    as_bug = reclassified(tickets, "C-101", Classification.PRODUCT_BUG)
    figures = balance(lic, as_bug, as_of="2024-12-01")
    assert (figures.annual_remaining, figures.not_deducted_bug) == (2, 1)
    back = reclassified(as_bug, "C-101", Classification.CUSTOMER)
    assert balance(lic, back, as_of="2024-12-01").annual_remaining == 1


# R11 ineligible ------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["2023-03-31", "2025-04-01", "2025-09-01"])
def test_r11_tickets_on_uncovered_days_are_ineligible(day: str) -> None:
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


def test_r11_a_backdated_renewal_makes_an_ineligible_ticket_charged() -> None:
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=6)
    tickets = [ticket("A", "2025-05-10")]
    assert outcomes(ledger(lic, tickets)) == {"A": ("ineligible", None)}
    lic2 = renewed(lic, 1)
    assert lic2.sm_end == d("2026-04-01")
    assert outcomes(ledger(lic2, tickets)) == {"A": ("charged", "2025-04-01")}
    bal = balance(lic2, tickets, as_of="2025-07-15")
    assert (bal.annual_used, bal.annual_remaining, bal.ineligible) == (1, 5, 0)


def test_r11_ineligible_counts_every_uncovered_ticket_up_to_the_day() -> None:
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
def test_r12_out_of_scope_categories_are_not_charged(category: Category) -> None:
    lic = make_license(tickets_per_year=6)
    result = ledger(lic, [ticket("A", "2024-05-01", category=category)], [make_pack()])
    assert outcomes(result)["A"] == ("out_of_scope", None)
    assert result.used == {}
    assert not POLICY.in_scope(category)


@pytest.mark.parametrize("category", IN_SCOPE)
def test_r12_in_scope_categories_are_charged(category: Category) -> None:
    lic = make_license(tickets_per_year=6)
    result = ledger(lic, [ticket("A", "2024-05-01", category=category)])
    assert outcomes(result)["A"] == ("charged", "2024-04-01")
    assert POLICY.in_scope(category)


def test_r12_the_default_category_is_product() -> None:
    assert factories.ticket("A", "2024-05-01").category is Category.PRODUCT


# as_of ---------------------------------------------------------------------------------------


def test_as_of_leaves_out_later_tickets_from_ledger_and_balance() -> None:
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


def test_balance_without_a_period_on_the_day_is_null_and_zero() -> None:
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=6)
    tickets = [ticket("A", "2024-05-01"), bug("B", "2024-05-02")]
    for day in ("2023-03-31", "2025-04-01", "2026-01-01"):
        bal = balance(lic, tickets, as_of=day)
        assert (bal.period_start, bal.period_end) == (None, None)
        assert (bal.annual_allocated, bal.annual_used, bal.annual_remaining) == (0, 0, 0)
        assert (bal.not_deducted_bug, bal.unfunded, bal.remaining_total) == (0, 0, 0)
        assert bal.packs == ()


def test_balance_lists_only_packs_usable_on_the_day() -> None:
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


def test_balance_remaining_total_is_period_plus_usable_packs() -> None:
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=3)
    packs = [make_pack("P1", "2024-06-01"), make_pack("P2", "2024-07-01", packs=2)]
    bal = balance(lic, [ticket("A", "2024-08-01")], packs, "2024-08-01")
    assert bal.annual_remaining == 2
    assert [p.remaining for p in bal.packs] == [4, 8]
    assert bal.remaining_total == 14


def test_balance_bug_and_unfunded_counts_cover_only_the_current_period() -> None:
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


# monthly usage -------------------------------------------------------------------------------


def test_monthly_usage_counts_period_pack_and_bug_tickets_per_month() -> None:
    lic = make_license("2023-04-01", "2025-04-01", tickets_per_year=1)
    tickets = [
        ticket("A", "2024-05-01"),  # the period's ticket
        ticket("B", "2024-05-20"),  # P1
        bug("C", "2024-05-21"),
        ticket("D", "2024-07-31", category=Category.TRAINING),  # out of scope: not counted
        ticket("E", "2024-07-31"),  # P1
        ticket("F", "2024-08-01"),  # after the range
    ]
    result = ledger(lic, tickets, [make_pack("P1", "2024-05-15")])
    months = monthly_usage(result, d("2024-05-10"), d("2024-08-01"))
    assert [m.month for m in months] == [date(2024, 5, 1), date(2024, 6, 1), date(2024, 7, 1)]
    assert [(m.annual, m.packs, m.product_bugs) for m in months] == [
        (0, 1, 1),
        (0, 0, 0),
        (0, 1, 0),
    ]
    # "A" was opened before the range's start day, in its first month: left out.
    whole = monthly_usage(result, d("2024-05-01"), d("2024-06-01"))
    assert [(m.annual, m.packs, m.product_bugs) for m in whole] == [(1, 1, 1)]
    assert monthly_usage(result, d("2024-05-01"), d("2024-05-01")) == ()
