"""Every license a customer holds (docs/rules.md R16), through the command line: every command
with one, two and five licenses, the "exactly one, or say which" rule, per-license ticket periods
that start on different days, and one renewal request for several licenses in two currencies."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from licensing.claims import DocumentType
from tests.conftest import CliResult
from tests.factories import (
    Vendor,
    assets_license,
    catalog_claims,
    license_claims,
    pack_claims,
    portal_license,
    statement_claims,
    statement_ticket,
)

Run = Callable[..., CliResult]
AS_OF = "2026-11-29"


def test_two_licenses_of_one_customer_most_urgent_first(cli: Run, vendor: Vendor) -> None:
    """The issue's case: LIC-A (portal, S&M to 2027-01-01) and LIC-B (asset management, S&M
    to 2026-12-15, which expires first)."""
    assert (
        cli(
            "import",
            vendor.write(DocumentType.LICENSE, portal_license()),
            vendor.write(DocumentType.LICENSE, assets_license()),
        ).code
        == 0
    )
    status = cli("status", "--json", "--as-of", AS_OF)
    data = status.json()
    assert [entry["license"]["license_id"] for entry in data["licenses"]] == ["LIC-B", "LIC-A"]
    assert status.code == 1  # both in their 60-day window: the worse of two warnings
    assert data["overall"] == {"state": "renewal_due", "licenses": 2, "needing_attention": 2}
    assert "license" not in data and "sm" not in data and "tickets" not in data
    assert [(w["code"], w["license_id"]) for w in data["warnings"]] == [
        ("renewal_due", "LIC-B"),
        ("period_tickets_expiring", "LIC-B"),  # its period ends with S&M, tickets unused
        ("renewal_due", "LIC-A"),
    ]
    text = cli("status", "--as-of", AS_OF).out
    assert text.index("LIC-B") < text.index("LIC-A")

    single = cli("status", "--json", "--as-of", AS_OF, "--license", "LIC-A").json()
    assert single["license"]["license_id"] == "LIC-A"
    assert single["license"]["environment"] == "production"
    assert single["sm"] == {
        "start": "2025-01-01",
        "end": "2027-01-01",
        "state": "renewal_due",
        "days_to_expiry": 33,
        "reinstatement_fee_applies": False,
    }
    assert [entry["license"]["license_id"] for entry in single["licenses"]] == ["LIC-A"]

    refused = cli("tickets", "add", "--case", "C-1", "--opened", "2026-11-20")
    assert refused.code == 3
    assert "LIC-A" in refused.err and "LIC-B" in refused.err and "--license" in refused.err
    assert len(refused.err.splitlines()) == 1


def test_an_expired_license_makes_the_whole_status_critical(cli: Run, vendor: Vendor) -> None:
    assert (
        cli(
            "import",
            vendor.write(DocumentType.LICENSE, portal_license()),
            vendor.write(DocumentType.LICENSE, assets_license(sm_end="2026-11-01")),
        ).code
        == 0
    )
    status = cli("status", "--json", "--as-of", AS_OF)
    assert status.code == 2
    assert [e["license"]["license_id"] for e in status.json()["licenses"]] == ["LIC-B", "LIC-A"]
    assert status.json()["overall"]["state"] == "expired"


def _portfolio(count: int) -> list[dict[str, Any]]:
    """`count` licenses whose ticket periods start on different days, alternately in USD and
    EUR, the first ones due for renewal on AS_OF."""
    licenses = []
    for n in range(count):
        start = date(2024, 1, 5) + timedelta(days=37 * n)
        end = date(2026, 12, 20) + timedelta(days=45 * n)
        licenses.append(
            license_claims(
                license_id=f"L{n + 1}",
                environment=("production", "test", "development")[n % 3],
                product={"code": f"P{n % 2}", "name": f"Product {n % 2}", "category": "x"},
                sm_start=start.isoformat(),
                sm_end=end.isoformat(),
                sm_annual_fee={"amount": f"{1000 * (n + 1)}.00", "currency": ("USD", "EUR")[n % 2]},
                tickets_per_year=3,
                issued_at="2024-01-01T00:00:00Z",
            )
        )
    return licenses


@pytest.fixture(params=[1, 2, 5], ids=lambda n: f"{n}-licenses")
def portfolio(request: pytest.FixtureRequest, cli: Run, vendor: Vendor) -> list[dict[str, Any]]:
    """Licenses with a pack, a statement and a catalog each; one local ticket per license."""
    licenses = _portfolio(request.param)
    paths: list[Path] = []
    for claims in licenses:
        license_id = claims["license_id"]
        paths.append(vendor.write(DocumentType.LICENSE, claims))
        paths.append(
            vendor.write(
                DocumentType.SUPPORT_PACK,
                pack_claims(f"PK-{license_id}", "2026-06-01", license_id=license_id),
            )
        )
        paths.append(
            vendor.write(
                DocumentType.TICKET_STATEMENT,
                statement_claims(
                    [statement_ticket(f"V-{license_id}", "2026-10-01")],
                    issued_at="2026-11-01T00:00:00Z",
                    license_id=license_id,
                ),
            )
        )
    for code in {c["product"]["code"] for c in licenses}:
        paths.append(
            vendor.write(
                DocumentType.RELEASE_CATALOG,
                catalog_claims(
                    [("1.0", "2026-01-01", "major"), ("2.0", "2027-02-01", "major")],
                    product_code=code,
                ),
            )
        )
    assert cli("import", *paths).code == 0
    for claims in licenses:
        added = cli(
            "tickets",
            "add",
            "--case",
            f"LOC-{claims['license_id']}",
            "--opened",
            "2026-11-02",
            "--license",
            claims["license_id"],
        )
        assert added.code == 0, added.err
    return licenses


def _ids(licenses: list[dict[str, Any]]) -> list[str]:
    return [c["license_id"] for c in licenses]


def test_status_covers_every_license(cli: Run, portfolio: list[dict[str, Any]]) -> None:
    data = cli("status", "--json", "--as-of", AS_OF).json()
    shown = [entry["license"]["license_id"] for entry in data["licenses"]]
    assert sorted(shown) == sorted(_ids(portfolio))
    assert data["overall"]["licenses"] == len(portfolio)
    assert ("license" in data) == (len(portfolio) == 1)
    for entry in data["licenses"]:
        license_id = entry["license"]["license_id"]
        claims = next(c for c in portfolio if c["license_id"] == license_id)
        # Each license's own period: anchored at its own sm_start (R7), on a different day.
        start = date.fromisoformat(claims["sm_start"])
        period_start = date.fromisoformat(entry["tickets"]["period_start"])
        assert (period_start.month, period_start.day) == (start.month, start.day)
        # Its own tickets only: the vendor's one and the local one (R16).
        assert entry["tickets"]["annual_used"] == 2
        assert [p["pack_id"] for p in entry["tickets"]["packs"]] == [f"PK-{license_id}"]
    days = [e["sm"]["days_to_expiry"] for e in data["licenses"]]
    assert days == sorted(days), "most urgent first: the same severity, then by sm_end"


def test_tickets_list_and_csv_cover_every_license(
    cli: Run, portfolio: list[dict[str, Any]], tmp_path: Path
) -> None:
    rows = cli("tickets", "list", "--json", "--as-of", AS_OF).json()["tickets"]
    assert sorted(r["license_id"] for r in rows) == sorted(_ids(portfolio) * 2)
    first = portfolio[0]["license_id"]
    only = cli("tickets", "list", "--json", "--as-of", AS_OF, "--license", first).json()
    assert {r["license_id"] for r in only["tickets"]} == {first}
    exported = cli("tickets", "export", "--as-of", AS_OF).out
    assert exported.splitlines()[0].split(",")[6] == "license_id"

    csv_path = tmp_path / "more.csv"
    csv_path.write_text("case_id,opened_on\nNEW-1,2026-11-03\n", encoding="utf-8")
    result = cli("tickets", "import", csv_path)
    if len(portfolio) == 1:
        assert result.code == 0
    else:
        assert result.code == 3 and all(i in result.err for i in _ids(portfolio))
        with_column = tmp_path / "with-license.csv"
        with_column.write_text(
            f"case_id,opened_on,license_id\nNEW-1,2026-11-03,{first}\n", encoding="utf-8"
        )
        assert cli("tickets", "import", with_column).code == 0
        unknown = tmp_path / "unknown.csv"
        unknown.write_text(
            "case_id,opened_on,license_id\nNEW-2,2026-11-03,NOPE\n", encoding="utf-8"
        )
        refused = cli("tickets", "import", unknown)
        assert refused.code == 3 and "row 2" in refused.err and "NOPE" in refused.err


@pytest.mark.parametrize(
    "command",
    [
        ("tickets", "add", "--case", "X-1", "--opened", "2026-11-20"),
        ("renewal-quote",),
        ("eligibility", "--category", "product"),
        ("request", "packs", "--count", "1", "--po", "PO-1"),
        ("upgrade-check", "--version", "2.0", "--released-on", "2027-02-01"),
        ("request", "renewal"),
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_commands_about_one_license_need_it_named_when_several(
    cli: Run, portfolio: list[dict[str, Any]], command: tuple[str, ...], tmp_path: Path
) -> None:
    extra = ("--out", str(tmp_path / "requests")) if command[0] == "request" else ()
    unnamed = cli(*command, *extra, "--as-of", AS_OF)
    if len(portfolio) == 1:
        assert unnamed.code in (0, 1), unnamed.err
    else:
        assert unnamed.code == 3, unnamed.out
        assert all(license_id in unnamed.err for license_id in _ids(portfolio))
    again = tuple(part.replace("X-1", "X-2") for part in command)  # a new case id for `add`
    named = cli(*again, *extra, "--as-of", AS_OF, "--license", portfolio[-1]["license_id"])
    assert named.code in (0, 1), named.err
    unknown = cli(*again, *extra, "--as-of", AS_OF, "--license", "NOPE")
    assert unknown.code == 3 and "NOPE" in unknown.err


def test_upgrade_check_with_a_catalog_answers_per_matching_license(
    cli: Run, portfolio: list[dict[str, Any]], vendor: Vendor
) -> None:
    catalog = vendor.write(
        DocumentType.RELEASE_CATALOG,
        catalog_claims([("3.0", "2027-01-10", "major")], product_code="P0"),
    )
    data = cli("upgrade-check", "--catalog", catalog, "--json", "--as-of", AS_OF).json()
    matching = [c for c in portfolio if c["product"]["code"] == "P0"]
    assert [entry["license_id"] for entry in data["licenses"]] == _ids(matching)
    for entry in data["licenses"]:
        claims = next(c for c in portfolio if c["license_id"] == entry["license_id"])
        permitted = claims["sm_end"] > "2027-01-10"
        assert entry["releases"] == [
            {"version": "3.0", "released_on": "2027-01-10", "permitted": permitted}
        ]
    if len(matching) == 1:
        assert data["latest_permitted"] == data["licenses"][0]["latest_permitted"]


def test_one_renewal_request_for_several_licenses_in_two_currencies(
    cli: Run, portfolio: list[dict[str, Any]], tmp_path: Path
) -> None:
    names = _ids(portfolio)
    options = [item for license_id in names for item in ("--license", license_id)]
    made = cli(
        "request", "renewal", *options, "--out", tmp_path / "out", "--json", "--as-of", AS_OF
    )
    assert made.code == 0, made.err
    request = made.json()["request"]
    assert [entry["license_id"] for entry in request["licenses"]] == names
    for entry in request["licenses"]:
        claims = next(c for c in portfolio if c["license_id"] == entry["license_id"])
        assert entry["period_start"] == claims["sm_end"]  # each backdated to its own expiry
        assert entry["base_amount"] == claims["sm_annual_fee"]["amount"]
        assert entry["currency"] == claims["sm_annual_fee"]["currency"]
    expected: dict[str, int] = {}
    for claims in portfolio:
        money = claims["sm_annual_fee"]
        expected[money["currency"]] = expected.get(money["currency"], 0) + int(
            float(money["amount"])
        )
    assert request["totals"] == {c: f"{v}.00" for c, v in sorted(expected.items())}
    assert len(request["totals"]) == min(len(portfolio), 2)
    saved = json.loads(Path(made.json()["json_file"]).read_text(encoding="utf-8"))
    assert saved["licenses"] == request["licenses"]
    text = Path(made.json()["text_file"]).read_text(encoding="utf-8")
    assert all(license_id in text for license_id in names)
    listed = cli("request", "list", "--json").json()["requests"]
    assert listed[-1]["license_ids"] == names and listed[-1]["status"] == "saved"


def test_all_due_renews_exactly_the_licenses_in_their_window_or_past_it(
    cli: Run, portfolio: list[dict[str, Any]], tmp_path: Path
) -> None:
    status = cli("status", "--json", "--as-of", AS_OF).json()
    due = [
        e["license"]["license_id"]
        for e in status["licenses"]
        if e["sm"]["state"] in ("renewal_due", "expired", "lapsed")
    ]
    made = cli("request", "renewal", "--all-due", "--out", tmp_path, "--json", "--as-of", AS_OF)
    if not due:
        assert made.code == 3 and "no license is due" in made.err
        return
    assert made.code == 0, made.err
    assert sorted(e["license_id"] for e in made.json()["request"]["licenses"]) == sorted(due)


def test_the_clock_and_trust_commands_work_with_any_portfolio(
    cli: Run, portfolio: list[dict[str, Any]]
) -> None:
    assert cli("trust", "list", "--json").code == 0
    refused = cli("clock", "acknowledge")
    assert refused.code == 3 and "nothing to acknowledge" in refused.err
