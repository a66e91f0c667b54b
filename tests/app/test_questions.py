"""The questions about one license (`app.questions`): what a renewal costs and covers (R5, R6),
may a case be opened (R13), may a release be installed (R4, one release or a catalog for every
license of its product), and which license a question is about (R16).

The answers are computed from the same stored rows on every backend, so these run on SQLite.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from packaging.version import Version
from sqlalchemy import func, select

from app.console import Console
from app.errors import DocumentRefused, NoValidLicense, UserError
from app.questions import catalog_check, eligibility, renewal_quote, upgrade_check
from app.status import one_license, read
from app.storage.schema import documents
from licensing.claims import Category, Classification, DocumentType
from licensing.rules import IneligibleReason
from licensing.upgrades import CatalogVerdict, UpgradeReason
from tests.app.support import imported
from tests.factories import (
    Vendor,
    assets_license,
    catalog_claims,
    license_claims,
    pack_claims,
    portal_license,
    revocation_claims,
)

TODAY = date(2025, 3, 1)
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def portfolio(licensed: Console, vendor: Vendor) -> Console:
    """LIC-1 and LIC-A (both the portal), LIC-B (asset management)."""
    imported(
        licensed,
        vendor.write(DocumentType.LICENSE, portal_license()),
        vendor.write(DocumentType.LICENSE, assets_license()),
    )
    return licensed


RENEWAL = license_claims(revision=2, sm_end="2026-04-01", issued_at="2025-07-20T00:00:00Z")


# R5, R6 ---------------------------------------------------------------------------------------


def test_renewal_quote_and_upgrade_follow_the_worked_example(
    licensed: Console, vendor: Vendor
) -> None:
    day = date(2025, 7, 15)
    quote = renewal_quote(licensed, day, years=1)
    assert (quote.license_id, quote.period_start, quote.period_end) == (
        "LIC-1",
        date(2025, 4, 1),
        date(2026, 4, 1),
    )
    assert quote.base_amount == Decimal("12000.00")
    assert quote.reinstatement_fee == Decimal("1200.00")
    assert quote.total == Decimal("13200.00")
    assert (quote.min_years_to_be_current, quote.becomes_current) == (1, True)
    release = date(2025, 5, 20)
    decision = upgrade_check(licensed, day, release)
    assert (decision.permitted, decision.reason) == (
        False,
        UpgradeReason.RELEASED_ON_OR_AFTER_SM_END,
    )
    assert (decision.renewal_years_needed, decision.renewed_sm_end) == (1, date(2026, 4, 1))
    imported(licensed, vendor.write(DocumentType.LICENSE, RENEWAL))
    assert upgrade_check(licensed, day, release).permitted


def test_a_renewal_quote_for_other_seat_counts_is_left_to_the_vendor(licensed: Console) -> None:
    """R6: the license has 250 users and no devices; asking for those is no change."""
    same = renewal_quote(licensed, TODAY, years=1, users=250, devices=0)
    assert (same.base_amount, same.total, same.quote_required) == (
        Decimal("12000.00"),
        Decimal("12000.00"),
        False,
    )
    for users, devices in ((400, None), (None, 5), (249, 0)):
        other = renewal_quote(licensed, TODAY, years=1, users=users, devices=devices)
        assert (other.base_amount, other.reinstatement_fee, other.total) == (None, None, None)
        assert other.quote_required
        assert (other.period_end, other.currency) == (date(2026, 4, 1), "USD")


@pytest.mark.parametrize(
    ("years", "users", "words"),
    [(0, None, "--years"), (100, None, "--years"), (1, -1, "--users")],
)
def test_a_renewal_quote_refuses_numbers_out_of_range(
    licensed: Console, years: int, users: int | None, words: str
) -> None:
    with pytest.raises(UserError, match=words):
        renewal_quote(licensed, TODAY, years=years, users=users)


# R13 ------------------------------------------------------------------------------------------


def test_eligibility(console: Console, vendor: Vendor) -> None:
    no_license = eligibility(console, TODAY, Category.PRODUCT, Classification.CUSTOMER)
    assert no_license.reasons == (IneligibleReason.NO_VALID_LICENSE,)
    imported(
        console,
        vendor.write(DocumentType.LICENSE, license_claims()),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims()),
    )
    assert eligibility(console, TODAY, Category.PRODUCT, Classification.CUSTOMER).eligible
    training = eligibility(console, TODAY, Category.TRAINING, Classification.CUSTOMER)
    assert training.reasons == (IneligibleReason.OUT_OF_SCOPE,)
    # After sm_end (P1 still holds tickets until 2025-10-15): every reason that fails.
    after = eligibility(console, date(2025, 4, 15), Category.INSTALLATION, Classification.CUSTOMER)
    assert after.reasons == (IneligibleReason.NOT_COVERED, IneligibleReason.OUT_OF_SCOPE)
    gone = eligibility(console, date(2025, 10, 15), Category.TRAINING, Classification.CUSTOMER)
    assert gone.reasons == (
        IneligibleReason.NOT_COVERED,
        IneligibleReason.OUT_OF_SCOPE,
        IneligibleReason.NO_TICKETS_LEFT,
    )
    bug = eligibility(console, date(2025, 10, 15), Category.PRODUCT, Classification.PRODUCT_BUG)
    assert bug.reasons == (IneligibleReason.NOT_COVERED,)


def test_eligibility_of_one_license_among_several(portfolio: Console) -> None:
    with pytest.raises(UserError, match="LIC-1, LIC-A, LIC-B"):
        eligibility(portfolio, TODAY, Category.PRODUCT, Classification.CUSTOMER)
    # On 2025-03-01 LIC-A is covered, LIC-B has not started.
    assert eligibility(
        portfolio, TODAY, Category.PRODUCT, Classification.CUSTOMER, "LIC-A"
    ).eligible
    not_started = eligibility(portfolio, TODAY, Category.PRODUCT, Classification.CUSTOMER, "LIC-B")
    assert IneligibleReason.NOT_COVERED in not_started.reasons


def test_eligibility_evaluates_only_the_license_asked_about(
    portfolio: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.questions
    import app.status
    from licensing.portfolio import evaluate

    evaluated: list[str | None] = []

    def no_clock(*args: object, **kwargs: object) -> object:
        raise AssertionError("the clock is not read for an eligibility question")

    def recorded(held, as_of, policy, license_id=None):
        evaluated.append(license_id)
        return evaluate(held, as_of, policy, license_id)

    monkeypatch.setattr(app.status, "clock_warning", no_clock)
    monkeypatch.setattr(app.questions, "evaluate", recorded)
    assert eligibility(
        portfolio, TODAY, Category.PRODUCT, Classification.CUSTOMER, "LIC-A"
    ).eligible
    assert evaluated == ["LIC-A"]


# R16: which license ---------------------------------------------------------------------------


def test_a_question_about_one_license_names_it_when_several_are_stored(
    portfolio: Console, vendor: Vendor
) -> None:
    portfolio_now = read(portfolio)
    with pytest.raises(UserError, match="3 licenses are stored \\(LIC-1, LIC-A, LIC-B\\)"):
        one_license(portfolio_now, None)
    assert one_license(portfolio_now, "LIC-B").license_id == "LIC-B"
    with pytest.raises(UserError, match="no license LIC-X is stored; the licenses are: LIC-1"):
        one_license(portfolio_now, "LIC-X")
    with pytest.raises(UserError, match="--license"):
        renewal_quote(portfolio, TODAY)
    with pytest.raises(UserError, match="--license"):
        upgrade_check(portfolio, TODAY, date(2025, 1, 1))
    quote = renewal_quote(portfolio, date(2026, 11, 1), "LIC-B")
    assert (quote.license_id, quote.currency, quote.total) == ("LIC-B", "EUR", Decimal("8000.00"))

    revocation = revocation_claims([("LIC-B", "refund")], issued_at="2025-03-01T00:00:00Z")
    imported(portfolio, vendor.write(DocumentType.REVOCATION_LIST, revocation))
    with pytest.raises(NoValidLicense, match="LIC-B does not count in this run \\(revoked\\)"):
        renewal_quote(portfolio, TODAY, "LIC-B")


def test_without_a_license_the_questions_say_why(console: Console) -> None:
    with pytest.raises(NoValidLicense, match="import the license key first"):
        renewal_quote(console, TODAY)
    with pytest.raises(NoValidLicense):
        upgrade_check(console, TODAY, date(2025, 1, 1))
    with pytest.raises(NoValidLicense):
        catalog_check(console, TODAY)


# R4 over release catalogs ---------------------------------------------------------------------


def _releases(verdict: CatalogVerdict) -> list[tuple[str, str, bool]]:
    return [
        (str(r.version), r.released_on.isoformat(), r.decision.permitted) for r in verdict.releases
    ]


def test_catalog_check_over_stored_catalogs(licensed: Console, vendor: Vendor) -> None:
    with pytest.raises(UserError, match="no release catalog"):
        catalog_check(licensed, TODAY)
    newer = catalog_claims(
        [("11.0", "2025-03-15", "major"), ("12.0", "2025-06-01", "major")],
        issued_at="2025-02-01T00:00:00Z",
    )
    older = catalog_claims(
        [
            ("10.0", "2024-01-01", "major"),
            ("11.0", "2025-05-01", "major"),
            ("9.0", "2023-01-01", "major"),
        ],
        issued_at="2025-01-01T00:00:00Z",
    )
    other = catalog_claims([("99.0", "2020-01-01", "major")], product_code="OTHER")
    # The newer catalog is imported first: issue time decides, not import order.
    imported(licensed, vendor.write(DocumentType.RELEASE_CATALOG, newer))
    imported(
        licensed,
        vendor.write(DocumentType.RELEASE_CATALOG, older),
        vendor.write(DocumentType.RELEASE_CATALOG, other),
    )
    [verdict] = catalog_check(licensed, TODAY)
    assert (verdict.license_id, verdict.product_code) == ("LIC-1", "PORTAL")
    assert _releases(verdict) == [
        ("9.0", "2023-01-01", True),
        ("10.0", "2024-01-01", True),
        ("11.0", "2025-03-15", True),
        ("12.0", "2025-06-01", False),
    ]
    assert verdict.latest_permitted == Version("11.0")
    [installed] = catalog_check(licensed, TODAY, installed=Version("10.0"))
    assert [str(r.version) for r in installed.releases] == ["11.0", "12.0"]
    assert installed.latest_permitted == Version("11.0")
    [nothing_new] = catalog_check(licensed, TODAY, installed=Version("12.0"))
    assert nothing_new.releases == () and nothing_new.latest_permitted is None


def test_catalog_check_with_a_given_catalog(licensed: Console, vendor: Vendor) -> None:
    path = vendor.write(DocumentType.RELEASE_CATALOG, catalog_claims())
    [verdict] = catalog_check(licensed, TODAY, path.read_bytes())
    assert verdict.latest_permitted == Version("10.2.1")
    with licensed.database.read() as connection:
        stored = connection.execute(select(func.count()).select_from(documents)).scalar_one()
    assert stored == 1  # checking a catalog does not store it


def test_a_catalog_answers_for_every_license_of_its_product(
    portfolio: Console, vendor: Vendor
) -> None:
    catalog = vendor.write(DocumentType.RELEASE_CATALOG, catalog_claims()).read_bytes()
    day = date(2025, 7, 15)
    verdicts = {v.license_id: v for v in catalog_check(portfolio, day, catalog)}
    assert set(verdicts) == {"LIC-1", "LIC-A"}  # LIC-B is asset management
    # LIC-1's S&M ended on 2025-04-01, LIC-A's runs to 2027-01-01.
    assert [p for _, _, p in _releases(verdicts["LIC-1"])] == [True, True, False]
    assert verdicts["LIC-1"].latest_permitted == Version("10.2.1")
    assert [p for _, _, p in _releases(verdicts["LIC-A"])] == [True, True, True]
    assert verdicts["LIC-A"].latest_permitted == Version("11.0.0")
    [only] = catalog_check(portfolio, day, catalog, license_id="LIC-A")
    assert only.license_id == "LIC-A"
    with pytest.raises(
        UserError, match="the catalog is for product PORTAL; the licenses cover ASSET"
    ):
        catalog_check(portfolio, day, catalog, license_id="LIC-B")


def test_catalog_check_refuses_another_products_catalog(licensed: Console, vendor: Vendor) -> None:
    path = vendor.write(DocumentType.RELEASE_CATALOG, catalog_claims(product_code="OTHER"))
    with pytest.raises(UserError, match="OTHER") as caught:
        catalog_check(licensed, TODAY, path.read_bytes())
    assert not isinstance(caught.value, DocumentRefused)


def test_catalog_check_refuses_a_tampered_or_wrong_document(
    licensed: Console, vendor: Vendor
) -> None:
    token = vendor.token(DocumentType.RELEASE_CATALOG, catalog_claims())
    at = len("v4.public.") + 20
    forged = token[:at] + ("A" if token[at] != "A" else "B") + token[at + 1 :]
    with pytest.raises(DocumentRefused, match="bad_signature"):
        catalog_check(licensed, TODAY, forged.encode())
    license_file = vendor.write(DocumentType.LICENSE, license_claims())
    with pytest.raises(DocumentRefused, match="wrong_type"):
        catalog_check(licensed, TODAY, license_file.read_bytes())
