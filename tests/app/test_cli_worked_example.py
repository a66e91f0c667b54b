"""SPEC.md section 6, the worked example, end to end through the command line (section 5).

Every figure below is the one the SPEC states; the documents are signed by a vendor test key
given through `--trust`, and the database is a real SQLite file of the test.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from licensing.claims import DocumentType
from tests.app.conftest import (
    WORKED_EXAMPLE_TICKETS_ON_2025_03_01,
    CliResult,
    Vendor,
    license_claims,
    pack_claims,
    statement_claims,
    statement_ticket,
)

Run = Callable[..., CliResult]

# Five customer tickets and two product bugs opened since 2024-04-01 (the period of 2025-03-01),
# and one customer ticket of the previous period, which must not count in the current one.
STATEMENT_TICKETS = [
    statement_ticket("CS-0001", "2023-09-12"),
    statement_ticket("CS-0101", "2024-04-15"),
    statement_ticket("CS-0102", "2024-06-10"),
    statement_ticket("CS-0103", "2024-07-01", "product_bug"),
    statement_ticket("CS-0104", "2024-08-20"),
    statement_ticket("CS-0105", "2024-11-05"),
    statement_ticket("CS-0106", "2024-12-01", "product_bug"),
    statement_ticket("CS-0107", "2025-01-15"),
]


@pytest.fixture
def run(cli: Run, vendor: Vendor) -> Run:
    """The command line with the vendor's test root trusted."""

    def invoke(*args: Any) -> CliResult:
        return cli("--trust", vendor.trust_file, *args)

    return invoke


@pytest.fixture
def example(run: Run, vendor: Vendor) -> Run:
    """The SPEC section 6 license, pack P1 and ticket statement, imported in one batch."""
    files = [
        vendor.write(DocumentType.LICENSE, license_claims()),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims()),
        vendor.write(DocumentType.TICKET_STATEMENT, statement_claims(STATEMENT_TICKETS)),
    ]
    result = run("import", *files, "--json")
    assert result.code == 0, result.err
    assert [f["status"] for f in result.json()["files"]] == ["imported"] * 3
    return run


def status(run: Run, as_of: str) -> tuple[int, dict[str, Any]]:
    result = run("status", "--json", "--as-of", as_of)
    assert result.err == ""
    return result.code, result.json()


def add_march_tickets(run: Run) -> None:
    for case in ("CS-0201", "CS-0202", "CS-0203"):
        result = run("tickets", "add", "--case", case, "--opened", "2025-03-10")
        assert result.code == 0, result.err


def import_renewal(run: Run, vendor: Vendor) -> None:
    """Revision 2: the backdated one-year renewal (R5), sm_end 2025-04-01 -> 2026-04-01."""
    renewal = license_claims(revision=2, issued_at="2025-07-20T10:00:00Z", sm_end="2026-04-01")
    result = run("import", vendor.write(DocumentType.LICENSE, renewal))
    assert result.code == 0, result.out + result.err


def test_status_on_2025_03_01_is_the_spec_dashboard(example: Run) -> None:
    code, data = status(example, "2025-03-01")

    assert data["as_of"] == "2025-03-01"
    assert data["license"] == {
        "license_id": "LIC-1",
        "revision": 1,
        "customer": "Fabrikam Inc",
        "product_code": "PORTAL",
        "license_type": "perpetual",
        "seats": {"users": 250, "devices": 0},
    }
    assert data["sm"] == {
        "start": "2023-04-01",
        "end": "2025-04-01",
        "state": "renewal_due",
        "days_to_expiry": 31,
        "reinstatement_fee_applies": False,
    }
    assert data["tickets"] == WORKED_EXAMPLE_TICKETS_ON_2025_03_01
    assert [w["code"] for w in data["warnings"]] == ["renewal_due"]
    assert all(w["message"] for w in data["warnings"])
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
    assert len(rows) == 11
    assert (rows["CS-0201"]["bucket"], rows["CS-0201"]["bucket_id"]) == ("annual", "2024-04-01")
    assert (rows["CS-0202"]["bucket"], rows["CS-0202"]["bucket_id"]) == ("pack", "P1")
    assert (rows["CS-0203"]["bucket"], rows["CS-0203"]["bucket_id"]) == ("pack", "P1")
    for case in ("CS-0201", "CS-0202", "CS-0203"):
        assert rows[case]["outcome"] == "charged"
        assert rows[case]["source"] == "local"
    # The earlier tickets: the previous period's, this period's, and the two free bugs.
    assert (rows["CS-0001"]["bucket"], rows["CS-0001"]["bucket_id"]) == ("annual", "2023-04-01")
    for case in ("CS-0103", "CS-0106"):
        assert (rows[case]["outcome"], rows[case]["bucket"]) == ("not_deducted_bug", None)
    assert [r["case_id"] for r in listed.json()["tickets"]] == sorted(rows)


def test_as_of_leaves_out_tickets_opened_later(example: Run) -> None:
    add_march_tickets(example)

    listed = example("tickets", "list", "--json", "--as-of", "2025-03-05")
    assert listed.code == 0
    case_ids = [r["case_id"] for r in listed.json()["tickets"]]
    assert "CS-0201" not in case_ids
    assert len(case_ids) == len(STATEMENT_TICKETS)

    _, data = status(example, "2025-03-05")
    assert data["tickets"]["annual_remaining"] == 1
    assert data["tickets"]["packs"][0]["remaining"] == 4
    assert data["tickets"]["remaining_total"] == 5


def test_renewal_quote_on_2025_07_15_carries_the_reinstatement_fee(example: Run) -> None:
    result = example("renewal-quote", "--years", "1", "--as-of", "2025-07-15", "--json")
    assert result.code == 0
    assert result.json() == {
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


def test_status_on_2025_07_15_is_lapsed_and_critical(example: Run) -> None:
    code, data = status(example, "2025-07-15")
    assert data["sm"]["state"] == "lapsed"
    assert data["sm"]["days_to_expiry"] == -105
    assert data["sm"]["reinstatement_fee_applies"] is True
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
    args = ("upgrade-check", "--version", "5.2", "--released-on", "2025-05-20", "--json")
    before = example(*args, "--as-of", "2025-07-15")
    assert before.code == 1
    assert before.json()["permitted"] is False
    assert before.json()["version"] == "5.2"
    assert before.json()["released_on"] == "2025-05-20"
    assert before.json()["reason"] == "released_on_or_after_sm_end"

    import_renewal(example, vendor)

    after = example(*args, "--as-of", "2025-07-15")
    assert after.code == 0
    assert after.json() == {
        "version": "5.2",
        "released_on": "2025-05-20",
        "permitted": True,
        "reason": "released_before_sm_end",
    }
    _, data = status(example, "2025-07-15")
    assert data["license"]["revision"] == 2
    assert data["sm"]["end"] == "2026-04-01"
    assert data["sm"]["state"] == "active"


def test_reminder_window_starts_60_days_before_expiry(example: Run) -> None:
    code, data = status(example, "2025-01-31")
    assert (data["sm"]["state"], data["sm"]["days_to_expiry"]) == ("renewal_due", 60)
    assert [w["code"] for w in data["warnings"]] == ["renewal_due"]
    assert code == 1

    code, data = status(example, "2025-01-30")
    assert (data["sm"]["state"], data["sm"]["days_to_expiry"]) == ("active", 61)
    assert data["tickets"]["remaining_total"] > 0
    assert data["warnings"] == []
    assert code == 0


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
