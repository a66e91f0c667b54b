"""The worked example of docs/rules.md ("A year in the life of one license"), end to end through
the command line.

Every figure below is the one the rules page states. The documents are signed by the test
vendor, made the vendor whose trust file ships with the console (`"trust": "vendor"`), and the
database is a real one: a SQLite file, and a PostgreSQL database when TEST_POSTGRES_URL is set
(the day-boundary checks, computed from the same rows, run on SQLite only).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from licensing.claims import DocumentType
from tests.conftest import CliResult
from tests.factories import (
    WORKED_EXAMPLE_BALANCE_ON_2025_03_01,
    Vendor,
    license_claims,
    pack_claims,
    statement_claims,
    statement_ticket,
    worked_example_statement,
)

Run = Callable[..., CliResult]
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

# The worked example's five customer tickets and two product bugs since 2024-04-01 (CS-1 to
# CS-7), and one customer ticket of the previous period, which must not count in the current one.
STATEMENT_TICKETS = [
    statement_ticket("CS-0", "2023-09-12"),
    *worked_example_statement()["tickets"],
]
MARCH_TICKETS = ("CS-201", "CS-202", "CS-203")


@pytest.fixture
def example(cli: Run, vendor: Vendor) -> Run:
    """The license, pack P1 and the ticket statement, imported in one batch."""
    files = [
        vendor.write(DocumentType.LICENSE, license_claims()),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims()),
        vendor.write(DocumentType.TICKET_STATEMENT, statement_claims(STATEMENT_TICKETS)),
    ]
    result = cli("import", *files, "--json")
    assert result.code == 0, result.err
    assert [f["status"] for f in result.json()["files"]] == ["imported"] * 3
    return cli


def status(run: Run, as_of: str) -> tuple[int, dict[str, Any]]:
    result = run("status", "--json", "--as-of", as_of)
    assert result.err == ""
    return result.code, result.json()


def add_march_tickets(run: Run) -> None:
    for case in MARCH_TICKETS:
        result = run("tickets", "add", "--case", case, "--opened", "2025-03-10")
        assert result.code == 0, result.err


def import_renewal(run: Run, vendor: Vendor) -> None:
    """Revision 2: the backdated one-year renewal (R5), sm_end 2025-04-01 -> 2026-04-01."""
    renewal = license_claims(revision=2, issued_at="2025-07-20T10:00:00Z", sm_end="2026-04-01")
    result = run("import", vendor.write(DocumentType.LICENSE, renewal))
    assert result.code == 0, result.out + result.err


def test_status_on_2025_03_01_is_the_rules_page_dashboard(example: Run) -> None:
    code, data = status(example, "2025-03-01")

    assert data["as_of"] == "2025-03-01"
    assert data["overall"] == {"state": "renewal_due", "licenses": 1, "needing_attention": 1}
    assert data["license"] == {
        "license_id": "LIC-1",
        "revision": 1,
        "customer": "Fabrikam Inc",
        "product_code": "PORTAL",
        "product_name": "Self-Service Portal",
        "environment": None,
        "license_type": "perpetual",
        "seats": {"users": 250, "devices": 0},
        "trust": "vendor",
    }
    assert data["sm"] == {
        "start": "2023-04-01",
        "end": "2025-04-01",
        "state": "renewal_due",
        "days_to_expiry": 31,
        "reinstatement_fee_applies": False,
    }
    assert data["tickets"] == WORKED_EXAMPLE_BALANCE_ON_2025_03_01
    # The one license in view is also the portfolio's only entry.
    [entry] = data["licenses"]
    assert (entry["license"], entry["sm"], entry["tickets"]) == (
        data["license"],
        data["sm"],
        data["tickets"],
    )
    assert [w["code"] for w in data["warnings"]] == ["renewal_due"]
    assert entry["warnings"] == data["warnings"]
    [warning] = data["warnings"]
    assert (warning["severity"], warning["license_id"]) == ("warning", "LIC-1")
    assert "2025-04-01" in warning["message"]
    assert code == 1  # warning: renewal_due


def test_three_march_tickets_draw_the_last_annual_ticket_then_p1(example: Run) -> None:
    add_march_tickets(example)

    code, data = status(example, "2025-03-10")
    tickets = data["tickets"]
    assert tickets["annual_used"] == 6
    assert tickets["annual_remaining"] == 0
    assert [(p["pack_id"], p["used"], p["remaining"]) for p in tickets["packs"]] == [("P1", 2, 2)]
    assert tickets["remaining_total"] == 2
    assert tickets["not_deducted_bug"] == 2
    assert data["sm"]["days_to_expiry"] == 22
    assert code == 1

    listed = example("tickets", "list", "--json", "--as-of", "2025-03-10")
    assert listed.code == 0
    rows = {r["case_id"]: r for r in listed.json()["tickets"]}
    assert len(rows) == len(STATEMENT_TICKETS) + 3
    assert (rows["CS-201"]["bucket"], rows["CS-201"]["bucket_id"]) == ("annual", "2024-04-01")
    assert (rows["CS-202"]["bucket"], rows["CS-202"]["bucket_id"]) == ("pack", "P1")
    assert (rows["CS-203"]["bucket"], rows["CS-203"]["bucket_id"]) == ("pack", "P1")
    for case in MARCH_TICKETS:
        assert rows[case]["outcome"] == "charged"
        assert (rows[case]["source"], rows[case]["license_id"]) == ("local", "LIC-1")
    # The earlier tickets: the previous period's, this period's, and the two free bugs.
    assert (rows["CS-0"]["bucket"], rows["CS-0"]["bucket_id"]) == ("annual", "2023-04-01")
    for case in ("CS-1", "CS-3", "CS-4", "CS-6", "CS-7"):
        assert (rows[case]["outcome"], rows[case]["bucket_id"]) == ("charged", "2024-04-01")
    for case in ("CS-2", "CS-5"):
        assert (rows[case]["outcome"], rows[case]["bucket"]) == ("not_deducted_bug", None)
    assert {rows[c]["source"] for c in rows if c not in MARCH_TICKETS} == {"vendor"}
    # Ordered as they were charged: by the day they were opened.
    opened = [r["opened_on"] for r in listed.json()["tickets"]]
    assert opened == sorted(opened)


@sqlite_only
def test_as_of_leaves_out_tickets_opened_later(example: Run) -> None:
    add_march_tickets(example)

    listed = example("tickets", "list", "--json", "--as-of", "2025-03-05")
    assert listed.code == 0
    case_ids = [r["case_id"] for r in listed.json()["tickets"]]
    assert not set(MARCH_TICKETS) & set(case_ids)
    assert len(case_ids) == len(STATEMENT_TICKETS)

    _, data = status(example, "2025-03-05")
    assert data["tickets"]["annual_remaining"] == 1
    assert data["tickets"]["packs"][0]["remaining"] == 4
    assert data["tickets"]["remaining_total"] == 5


@sqlite_only
def test_renewal_quote_on_2025_07_15_carries_the_reinstatement_fee(example: Run) -> None:
    result = example("renewal-quote", "--years", "1", "--as-of", "2025-07-15", "--json")
    assert result.code == 0
    assert result.json() == {
        "license_id": "LIC-1",
        "years": 1,
        "period_start": "2025-04-01",
        "period_end": "2026-04-01",
        "currency": "USD",
        "base_amount": "12000.00",
        "reinstatement_fee": "1200.00",
        "total": "13200.00",
        "min_years_to_be_current": 1,
        "becomes_current": True,
    }


@sqlite_only
def test_status_on_2025_07_15_is_lapsed_and_critical(example: Run) -> None:
    code, data = status(example, "2025-07-15")
    assert data["sm"]["state"] == "lapsed"
    assert data["sm"]["days_to_expiry"] == -105
    assert data["sm"]["reinstatement_fee_applies"] is True
    assert data["overall"] == {"state": "lapsed", "licenses": 1, "needing_attention": 1}
    assert "lapsed" in [w["code"] for w in data["warnings"]]
    assert code == 2
    # No ticket period contains the day; P1 is still usable until 2025-10-15.
    balance = data["tickets"]
    assert (balance["period_start"], balance["period_end"]) == (None, None)
    assert (balance["annual_allocated"], balance["annual_used"], balance["annual_remaining"]) == (
        0,
        0,
        0,
    )
    assert (balance["not_deducted_bug"], balance["unfunded"]) == (0, 0)
    assert [p["pack_id"] for p in balance["packs"]] == ["P1"]
    assert balance["remaining_total"] == 4


def test_a_release_after_sm_end_is_permitted_once_the_renewal_is_imported(
    example: Run, vendor: Vendor
) -> None:
    args = ("upgrade-check", "--version", "11.0.0", "--released-on", "2025-05-20", "--json")
    before = example(*args, "--as-of", "2025-07-15")
    assert before.code == 1
    assert before.json() == {
        "version": "11.0.0",
        "released_on": "2025-05-20",
        "permitted": False,
        "reason": "released_on_or_after_sm_end",
    }
    human = example(*args[:-1], "--as-of", "2025-07-15")
    assert "a renewal of 1 year would permit it" in human.out

    import_renewal(example, vendor)

    after = example(*args, "--as-of", "2025-07-15")
    assert after.code == 0
    assert after.json() == {
        "version": "11.0.0",
        "released_on": "2025-05-20",
        "permitted": True,
        "reason": "released_before_sm_end",
    }
    code, data = status(example, "2025-07-15")
    assert data["license"]["revision"] == 2
    assert data["sm"]["end"] == "2026-04-01"
    assert (data["sm"]["state"], data["sm"]["days_to_expiry"]) == ("active", 260)
    # A covered period with 6 new tickets, and P1's two remaining tickets usable again.
    assert (data["tickets"]["period_start"], data["tickets"]["annual_remaining"]) == (
        "2025-04-01",
        6,
    )
    assert data["tickets"]["remaining_total"] == 6 + 4
    assert code == 0


@sqlite_only
def test_a_case_opened_after_expiry_is_charged_once_the_renewal_is_imported(
    example: Run, vendor: Vendor
) -> None:
    """R11: ineligible on an uncovered day; the backdated renewal (R5) covers it after all, and
    R9 draws it from P1, which expires (2025-10-15) before the new period (2026-04-01)."""
    assert example("tickets", "add", "--case", "CS-301", "--opened", "2025-05-10").code == 0
    _, data = status(example, "2025-07-15")
    assert data["tickets"]["ineligible"] == 1

    import_renewal(example, vendor)

    _, data = status(example, "2025-07-15")
    assert data["tickets"]["ineligible"] == 0
    assert (data["tickets"]["annual_used"], data["tickets"]["annual_remaining"]) == (0, 6)
    assert [(p["pack_id"], p["used"], p["remaining"]) for p in data["tickets"]["packs"]] == [
        ("P1", 1, 3)
    ]
    row = next(
        r
        for r in example("tickets", "list", "--json", "--as-of", "2025-07-15").json()["tickets"]
        if r["case_id"] == "CS-301"
    )
    assert (row["outcome"], row["bucket"], row["bucket_id"]) == ("charged", "pack", "P1")


@sqlite_only
def test_reminder_window_starts_60_days_before_expiry(example: Run) -> None:
    code, data = status(example, "2025-01-31")
    assert (data["sm"]["state"], data["sm"]["days_to_expiry"]) == ("renewal_due", 60)
    assert [w["code"] for w in data["warnings"]] == ["renewal_due"]
    assert code == 1

    code, data = status(example, "2025-01-30")
    assert (data["sm"]["state"], data["sm"]["days_to_expiry"]) == ("active", 61)
    assert data["tickets"]["remaining_total"] > 0
    assert data["warnings"] == []
    assert data["overall"]["needing_attention"] == 0
    assert code == 0


@sqlite_only
def test_reinstatement_fee_starts_on_day_61_after_expiry(example: Run) -> None:
    code, data = status(example, "2025-05-31")
    assert (data["sm"]["state"], data["sm"]["days_to_expiry"]) == ("expired", -60)
    assert data["sm"]["reinstatement_fee_applies"] is False
    assert code == 2
    quote = example("renewal-quote", "--as-of", "2025-05-31", "--json").json()
    assert (quote["reinstatement_fee"], quote["total"]) == ("0.00", "12000.00")

    code, data = status(example, "2025-06-01")
    assert (data["sm"]["state"], data["sm"]["days_to_expiry"]) == ("lapsed", -61)
    assert data["sm"]["reinstatement_fee_applies"] is True
    assert code == 2
    quote = example("renewal-quote", "--as-of", "2025-06-01", "--json").json()
    assert (quote["base_amount"], quote["reinstatement_fee"], quote["total"]) == (
        "12000.00",
        "1200.00",
        "13200.00",
    )
    assert (quote["years"], quote["min_years_to_be_current"]) == (1, 1)
