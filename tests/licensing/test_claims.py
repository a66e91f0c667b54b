"""Typed claims of the five document types (docs/rules.md, "Signed documents"): claims the console
does not know are ignored; a required claim that is missing, of the wrong type or out of bounds is
an error naming the claim.
"""

from __future__ import annotations

import dataclasses
import re
import time
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from packaging.version import Version

from licensing.claims import (
    Category,
    Classification,
    DocumentType,
    LicenseClaims,
    LicenseType,
    Money,
    ReleaseCatalogClaims,
    ReleaseKind,
    RevocationListClaims,
    SupportPackClaims,
    Ticket,
    TicketKind,
    TicketStatementClaims,
    parse_claims,
)
from licensing.errors import ClaimError
from tests import factories
from tests.licensing.samples import example, replaced, without

LICENSE = DocumentType.LICENSE
PACK = DocumentType.SUPPORT_PACK
STATEMENT = DocumentType.TICKET_STATEMENT
CATALOG = DocumentType.RELEASE_CATALOG
REVOCATIONS = DocumentType.REVOCATION_LIST


def _refusal(document_type: DocumentType, claims: Any) -> ClaimError:
    with pytest.raises(ClaimError) as caught:
        parse_claims(document_type, claims)
    return caught.value


# --- valid examples parse into typed values ----------------------------------------------------


def test_license_parses_to_typed_values() -> None:
    claims = parse_claims(LICENSE, factories.license_claims())
    assert isinstance(claims, LicenseClaims)
    assert claims.license_id == "LIC-1"
    assert claims.revision == 1
    assert claims.issued_at == datetime(2023, 3, 20, 10, 0, tzinfo=UTC)
    assert claims.issued_at.utcoffset() == timedelta(0)
    assert claims.customer.id == "C-1"
    assert claims.customer.name == "Fabrikam Inc"
    assert claims.customer.contact_email == "admin@fabrikam.example"
    assert claims.product.code == "PORTAL"
    assert claims.environment is None
    assert claims.license_type is LicenseType.PERPETUAL
    assert (claims.seats.users, claims.seats.devices) == (250, 0)
    assert claims.sm_start == date(2023, 4, 1)
    assert claims.sm_end == date(2025, 4, 1)
    assert type(claims.sm_start) is date
    assert claims.sm_annual_fee.amount == Decimal("12000.00")
    assert isinstance(claims.sm_annual_fee.amount, Decimal)
    assert str(claims.sm_annual_fee.amount) == "12000.00"  # the cents are kept
    assert claims.sm_annual_fee.currency == "USD"
    assert claims.tickets_per_year == 6


def test_the_environment_is_an_optional_claim() -> None:
    claims = parse_claims(LICENSE, factories.license_claims(environment="production"))
    assert isinstance(claims, LicenseClaims)
    assert claims.environment == "production"
    portal = parse_claims(LICENSE, factories.portal_license())
    assert isinstance(portal, LicenseClaims)
    assert (portal.license_id, portal.environment) == ("LIC-A", "production")
    error = _refusal(LICENSE, factories.license_claims(environment=["test"]))
    assert error.claim == "environment"


def test_claims_are_immutable_keyword_values() -> None:
    claims = parse_claims(LICENSE, factories.license_claims())
    assert isinstance(claims, LicenseClaims)
    with pytest.raises(dataclasses.FrozenInstanceError):
        claims.revision = 4  # type: ignore[misc]
    with pytest.raises(TypeError):
        Money(Decimal("1.00"), "USD")  # type: ignore[misc]  # keyword construction only
    assert claims.sm_annual_fee == Money(amount=Decimal("12000.00"), currency="USD")


def test_support_pack_parses_to_typed_values() -> None:
    claims = parse_claims(PACK, example(PACK))
    assert isinstance(claims, SupportPackClaims)
    assert claims.purchased_on == date(2024, 10, 15)
    assert claims.packs == 1
    assert claims.amount == Money(amount=Decimal("2000.00"), currency="USD")
    assert (claims.pack_id, claims.license_id) == ("P1", "LIC-1")
    assert claims.po_number == "PO-P1"


def test_ticket_statement_parses_to_typed_values() -> None:
    with_offset = replaced(example(STATEMENT), "issued_at", "2025-03-01T08:00:00+01:00")
    claims = parse_claims(STATEMENT, with_offset)
    assert isinstance(claims, TicketStatementClaims)
    assert claims.issued_at.utcoffset() == timedelta(hours=1)
    assert claims.issued_at == datetime(2025, 3, 1, 7, 0, tzinfo=UTC)
    assert claims.license_id == "LIC-1"
    assert len(claims.tickets) == 7
    first, second = claims.tickets[:2]
    assert isinstance(first, Ticket)
    assert first.case_id == "CS-1"
    assert first.opened_on == date(2024, 5, 2)
    assert first.kind is TicketKind.INCIDENT
    assert first.classification is Classification.CUSTOMER
    assert first.category is Category.UPGRADE
    assert first.title == "Upgrade to 10.2 fails"
    assert second.opened_on == date(2024, 6, 11)
    assert second.kind is TicketKind.SERVICE_REQUEST
    assert second.classification is Classification.PRODUCT_BUG
    assert second.title is None


def test_ticket_category_defaults_to_product() -> None:
    claims = parse_claims(STATEMENT, example(STATEMENT))
    assert isinstance(claims, TicketStatementClaims)
    assert claims.tickets[1].category is Category.PRODUCT
    explicit_null = replaced(example(STATEMENT), "tickets[1].category", None)
    parsed = parse_claims(STATEMENT, explicit_null)
    assert isinstance(parsed, TicketStatementClaims)
    assert parsed.tickets[1].category is Category.PRODUCT


def test_release_catalog_parses_to_typed_values() -> None:
    catalog = factories.catalog_claims(
        releases=[
            ("10.2.0", "2024-11-05", "minor"),
            ("11.0", "2025-05-20", "major"),
            ("10.2.1rc1", "2024-12-01", "patch"),
        ]
    )
    claims = parse_claims(CATALOG, catalog)
    assert isinstance(claims, ReleaseCatalogClaims)
    assert claims.product_code == "PORTAL"
    versions = [release.version for release in claims.releases]
    assert versions == [Version("10.2.0"), Version("11.0"), Version("10.2.1rc1")]
    # PEP 440 order, not string order: 10.2.1rc1 comes after 10.2.0 and before 11.0.
    assert sorted(versions) == [Version("10.2.0"), Version("10.2.1rc1"), Version("11.0")]
    assert claims.releases[1].kind is ReleaseKind.MAJOR
    assert claims.releases[1].released_on == date(2025, 5, 20)


def test_revocation_list_parses_to_typed_values() -> None:
    claims = parse_claims(REVOCATIONS, example(REVOCATIONS))
    assert isinstance(claims, RevocationListClaims)
    assert [(r.license_id, r.reason) for r in claims.revoked] == [("LIC-OLD", "chargeback")]
    assert parse_claims(REVOCATIONS, replaced(example(REVOCATIONS), "revoked", [])) is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-01T12:00:00Z", datetime(2025, 3, 1, 12, tzinfo=UTC)),
        ("2025-03-01t12:00:00z", datetime(2025, 3, 1, 12, tzinfo=UTC)),
        ("2025-03-01T12:00:00.250+00:00", datetime(2025, 3, 1, 12, 0, 0, 250000, tzinfo=UTC)),
        (
            "2025-03-01T12:00:00-05:30",
            datetime(2025, 3, 1, 12, tzinfo=timezone(-timedelta(hours=5, minutes=30))),
        ),
    ],
)
def test_rfc3339_times_are_aware(text: str, expected: datetime) -> None:
    claims = parse_claims(REVOCATIONS, replaced(example(REVOCATIONS), "issued_at", text))
    assert isinstance(claims, RevocationListClaims)
    assert claims.issued_at == expected
    assert claims.issued_at.tzinfo is not None


def test_unknown_extra_claims_are_ignored() -> None:
    claims = factories.license_claims()
    claims["x-crm-ref"] = {"deep": [1, 2, {"x": None}]}
    claims["customer"]["vat_number"] = "GB123"
    claims["seats"]["servers"] = "unlimited"
    claims["sm_annual_fee"]["note"] = 3.5
    assert parse_claims(LICENSE, claims) == parse_claims(LICENSE, factories.license_claims())


@pytest.mark.parametrize(
    ("document_type", "path"),
    [
        (LICENSE, "customer.contact_email"),
        (STATEMENT, "tickets[0].category"),
        (STATEMENT, "tickets[0].title"),
    ],
)
def test_optional_claims_may_be_left_out(document_type: DocumentType, path: str) -> None:
    parse_claims(document_type, without(example(document_type), path))


def test_leap_day_is_a_date_only_in_leap_years() -> None:
    leap = replaced(example(PACK), "purchased_on", "2024-02-29")
    parsed = parse_claims(PACK, leap)
    assert isinstance(parsed, SupportPackClaims)
    assert parsed.purchased_on == date(2024, 2, 29)
    error = _refusal(PACK, replaced(example(PACK), "purchased_on", "2023-02-29"))
    assert error.claim == "purchased_on"
    assert "2023-02-29" in str(error)


def test_empty_lists_are_valid() -> None:
    parse_claims(STATEMENT, replaced(example(STATEMENT), "tickets", []))
    parse_claims(CATALOG, replaced(example(CATALOG), "releases", []))


# --- every required claim is required, by name -------------------------------------------------

REQUIRED = {
    LICENSE: [
        "license_id",
        "revision",
        "issued_at",
        "customer",
        "customer.id",
        "customer.name",
        "product",
        "product.code",
        "product.name",
        "product.category",
        "license_type",
        "seats",
        "seats.users",
        "seats.devices",
        "sm_start",
        "sm_end",
        "sm_annual_fee",
        "sm_annual_fee.amount",
        "sm_annual_fee.currency",
        "tickets_per_year",
    ],
    PACK: [
        "pack_id",
        "license_id",
        "purchased_on",
        "packs",
        "po_number",
        "amount",
        "amount.amount",
        "amount.currency",
    ],
    STATEMENT: [
        "license_id",
        "issued_at",
        "tickets",
        "tickets[0].case_id",
        "tickets[0].opened_on",
        "tickets[0].kind",
        "tickets[0].classification",
        "tickets[1].case_id",
        "tickets[1].opened_on",
    ],
    CATALOG: [
        "product_code",
        "issued_at",
        "releases",
        "releases[0].version",
        "releases[0].released_on",
        "releases[0].kind",
        "releases[2].version",
    ],
    REVOCATIONS: ["issued_at", "revoked", "revoked[0].license_id", "revoked[0].reason"],
}
REQUIRED_CASES = [(t, path) for t, paths in REQUIRED.items() for path in paths]


@pytest.mark.parametrize(
    ("document_type", "path"), REQUIRED_CASES, ids=[f"{t.value}:{p}" for t, p in REQUIRED_CASES]
)
def test_a_missing_required_claim_is_named(document_type: DocumentType, path: str) -> None:
    error = _refusal(document_type, without(example(document_type), path))
    assert error.claim == path
    assert path in str(error)
    assert "missing" in str(error)


@pytest.mark.parametrize(
    ("document_type", "path"), REQUIRED_CASES, ids=[f"{t.value}:{p}" for t, p in REQUIRED_CASES]
)
def test_a_null_required_claim_is_named(document_type: DocumentType, path: str) -> None:
    error = _refusal(document_type, replaced(example(document_type), path, None))
    assert error.claim == path


# --- ill-typed values --------------------------------------------------------------------------

ILL_TYPED: list[tuple[DocumentType, str, Any, str]] = [
    # (type, claim path, bad value, a fragment the message must contain)
    (LICENSE, "revision", True, "whole number"),
    (LICENSE, "revision", 0, "from 1 to 2147483647"),
    (LICENSE, "revision", -3, "from 1 to"),
    (LICENSE, "revision", 1.0, "whole number"),
    (LICENSE, "revision", "3", "whole number"),
    (LICENSE, "seats.users", -1, "from 0 to"),
    (LICENSE, "seats.devices", False, "whole number"),
    (LICENSE, "seats.users", 2.5, "whole number"),
    (LICENSE, "tickets_per_year", -1, "from 0 to"),
    (LICENSE, "license_id", "", "non-empty"),
    (LICENSE, "license_id", "   ", "non-empty"),
    (LICENSE, "license_id", 42, "string"),
    (LICENSE, "customer", "Fabrikam", "object"),
    (LICENSE, "customer.name", "", "non-empty"),
    (LICENSE, "customer.contact_email", 5, "string"),
    (LICENSE, "seats", [250, 0], "object"),
    (LICENSE, "license_type", "lifetime", "perpetual"),
    (LICENSE, "license_type", "Perpetual", "perpetual"),
    (LICENSE, "license_type", ["perpetual"], "perpetual"),
    (LICENSE, "sm_annual_fee", "12000.00", "object"),
    (LICENSE, "sm_annual_fee.amount", 12000.0, "decimal string"),
    (LICENSE, "sm_annual_fee.amount", 12000, "decimal string"),
    (LICENSE, "sm_annual_fee.amount", "12,000.00", "decimal string"),
    (LICENSE, "sm_annual_fee.amount", "-5.00", "decimal string"),
    (LICENSE, "sm_annual_fee.amount", "1e3", "decimal string"),
    (LICENSE, "sm_annual_fee.amount", "NaN", "decimal string"),
    (LICENSE, "sm_annual_fee.amount", "12000.", "decimal string"),
    (LICENSE, "sm_annual_fee.amount", "", "decimal string"),
    (LICENSE, "sm_annual_fee.amount", "١٢٠٠٠.٠٠", "decimal string"),  # Arabic-Indic digits
    (LICENSE, "sm_annual_fee.currency", "usd", "ISO 4217"),
    (LICENSE, "sm_annual_fee.currency", "US", "ISO 4217"),
    (LICENSE, "sm_annual_fee.currency", "USDX", "ISO 4217"),
    (LICENSE, "sm_annual_fee.currency", 840, "ISO 4217"),
    (LICENSE, "sm_start", "2025-02-30", "2025-02-30"),
    (LICENSE, "sm_start", "2025-1-01", "YYYY-MM-DD"),
    (LICENSE, "sm_start", "20250101", "YYYY-MM-DD"),
    (LICENSE, "sm_start", "2025/01/01", "YYYY-MM-DD"),
    (LICENSE, "sm_start", "2025-01-01T00:00:00Z", "YYYY-MM-DD"),
    (LICENSE, "sm_start", " 2023-04-01", "YYYY-MM-DD"),
    (LICENSE, "sm_start", "２０２３-０４-０１", "YYYY-MM-DD"),  # full-width digits
    (LICENSE, "sm_start", 20230401, "YYYY-MM-DD"),
    (LICENSE, "sm_end", "2025-13-01", "2025-13-01"),
    (LICENSE, "sm_end", "2023-04-01", "after sm_start"),  # == sm_start
    (LICENSE, "sm_end", "2023-03-31", "after sm_start"),
    (LICENSE, "issued_at", "2025-02-14T09:30:00", "RFC 3339"),  # no offset
    (LICENSE, "issued_at", "2025-02-14", "RFC 3339"),
    (LICENSE, "issued_at", "2025-02-14T09:30Z", "RFC 3339"),
    (LICENSE, "issued_at", "2025-02-14T09:30:00+0100", "RFC 3339"),
    (LICENSE, "issued_at", "2025-02-30T09:30:00Z", "real time"),
    (LICENSE, "issued_at", "2025-02-14T25:30:00Z", "real time"),
    (LICENSE, "issued_at", 1739525400, "RFC 3339"),
    (PACK, "packs", 0, "from 1 to"),
    (PACK, "packs", True, "whole number"),
    (PACK, "purchased_on", "2024-10-15 ", "YYYY-MM-DD"),
    (PACK, "amount.amount", 2000.0, "decimal string"),
    (STATEMENT, "tickets", {"CS-1": {}}, "list"),
    (STATEMENT, "tickets[0]", "CS-1", "object"),
    (STATEMENT, "tickets[0].kind", "bug", "incident"),
    (STATEMENT, "tickets[0].classification", "vendor", "product_bug"),
    (STATEMENT, "tickets[0].category", "gardening", "system_center"),
    (STATEMENT, "tickets[0].category", 3, "product"),
    (STATEMENT, "tickets[1].opened_on", "2024-6-11", "YYYY-MM-DD"),
    (STATEMENT, "tickets[0].title", ["x"], "string"),
    (CATALOG, "releases[0].version", "banana", "PEP 440"),
    (CATALOG, "releases[0].version", "10.2.0-final-final", "PEP 440"),
    (CATALOG, "releases[0].version", 10.2, "string"),
    (CATALOG, "releases[0].kind", "hotfix", "patch"),
    (CATALOG, "releases[1].released_on", "2025-05-32", "2025-05-32"),
    (REVOCATIONS, "revoked", "LIC-OLD", "list"),
    (REVOCATIONS, "revoked[0].reason", "", "non-empty"),
]


@pytest.mark.parametrize(
    ("document_type", "path", "value", "fragment"),
    ILL_TYPED,
    ids=[f"{t.value}:{p}={v!r}" for t, p, v, _ in ILL_TYPED],
)
def test_an_ill_typed_claim_is_named_with_a_useful_message(
    document_type: DocumentType, path: str, value: Any, fragment: str
) -> None:
    error = _refusal(document_type, replaced(example(document_type), path, value))
    assert error.claim == path
    assert str(error).startswith(f"claim '{path}' ")
    assert fragment in str(error), str(error)


def test_duplicate_case_ids_in_a_statement_are_refused() -> None:
    claims = example(STATEMENT)
    claims["tickets"].append(dict(claims["tickets"][0], opened_on="2024-07-01"))
    error = _refusal(STATEMENT, claims)
    assert error.claim == "tickets[7]"
    assert "CS-1" in str(error)
    assert "unique" in str(error)


@pytest.mark.parametrize(
    ("first", "second"),
    [("10.2.0", "10.2.0"), ("10.2.0", "v10.2.0"), ("10.2.0", "10.2"), ("11.0rc1", "11.0-rc.1")],
)
def test_duplicate_versions_in_a_catalog_are_refused(first: str, second: str) -> None:
    """PEP 440 equal versions are duplicates whatever their spelling (10.2 == 10.2.0)."""
    claims = example(CATALOG)
    claims["releases"][0]["version"] = first
    claims["releases"].append({"version": second, "released_on": "2025-01-01", "kind": "patch"})
    error = _refusal(CATALOG, claims)
    assert error.claim == "releases[3]"
    assert "unique" in str(error)


@pytest.mark.parametrize("claims", [[], "license", 42, None, [{"license_id": "x"}]])
def test_claims_that_are_not_an_object_are_refused(claims: Any) -> None:
    assert _refusal(LICENSE, claims).claim == "claims"


# --- properties --------------------------------------------------------------------------------


@settings(derandomize=True, database=None, max_examples=200, deadline=None)
@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_every_calendar_date_in_range_round_trips_and_every_other_is_refused(day: date) -> None:
    claims = replaced(example(PACK), "purchased_on", day.isoformat())
    if date(1900, 1, 1) <= day <= date(2999, 12, 31):
        parsed = parse_claims(PACK, claims)
        assert isinstance(parsed, SupportPackClaims)
        assert parsed.purchased_on == day
    else:
        error = _refusal(PACK, claims)
        assert error.claim == "purchased_on"
        assert "outside the dates" in str(error)


@settings(derandomize=True, database=None, max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_money_is_the_exact_decimal_written(amount: Decimal) -> None:
    text = f"{amount:f}"
    claims = parse_claims(PACK, replaced(example(PACK), "amount.amount", text))
    assert isinstance(claims, SupportPackClaims)
    assert claims.amount.amount == Decimal(text)
    assert str(claims.amount.amount) == text


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["2024-02-29", "2025-03-01T12:00:00Z", "12.00", "USD", "incident", "1.0"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
ALL_PATHS = [(t, p) for t, paths in REQUIRED.items() for p in paths] + [
    (LICENSE, "customer.contact_email"),
    (STATEMENT, "tickets[0].category"),
    (STATEMENT, "tickets[1].title"),
]


@settings(derandomize=True, database=None, max_examples=400, deadline=None)
@given(st.sampled_from(ALL_PATHS), JSON_VALUES)
def test_any_json_value_anywhere_parses_or_raises_claim_error(
    case: tuple[DocumentType, str], value: Any
) -> None:
    """Whatever JSON the vendor signed, the parser answers with claims or a ClaimError, never
    with a TypeError or a crash."""
    document_type, path = case
    try:
        parse_claims(document_type, replaced(example(document_type), path, value))
    except ClaimError as exc:
        assert exc.claim


@pytest.mark.parametrize("amount", ["12000.001", "0.125"])
def test_money_with_more_than_cents_is_refused(amount: str) -> None:
    claims = factories.license_claims()
    claims["sm_annual_fee"] = {"amount": amount, "currency": "USD"}
    with pytest.raises(ClaimError) as caught:
        parse_claims(DocumentType.LICENSE, claims)
    assert caught.value.claim == "sm_annual_fee.amount"
    assert "two decimals" in str(caught.value)


def test_identifiers_longer_than_storage_allows_are_refused() -> None:
    statement = example(DocumentType.TICKET_STATEMENT)
    statement["tickets"][0]["case_id"] = "C" * 101
    with pytest.raises(ClaimError) as caught:
        parse_claims(DocumentType.TICKET_STATEMENT, statement)
    assert caught.value.claim == "tickets[0].case_id"
    assert "at most 100" in str(caught.value)
    statement["tickets"][0]["case_id"] = "C" * 100
    parse_claims(DocumentType.TICKET_STATEMENT, statement)


# --- bounds: every value is bounded before the rules see it ------------------------------------


@pytest.mark.parametrize("text", ["1899-12-31", "0001-01-01", "3000-01-01", "9999-12-31"])
@pytest.mark.parametrize(
    ("document_type", "path"),
    [
        (LICENSE, "sm_start"),
        (LICENSE, "sm_end"),
        (PACK, "purchased_on"),
        (STATEMENT, "tickets[3].opened_on"),
        (CATALOG, "releases[1].released_on"),
    ],
)
def test_dates_outside_1900_to_2999_are_refused_naming_the_claim(
    document_type: DocumentType, path: str, text: str
) -> None:
    error = _refusal(document_type, replaced(example(document_type), path, text))
    assert error.claim == path
    assert "outside the dates this console handles (1900-01-01 to 2999-12-31)" in str(error)


@pytest.mark.parametrize(
    ("start", "end"), [("1900-01-01", "1900-01-02"), ("2999-12-30", "2999-12-31")]
)
def test_the_first_and_last_handled_days_are_dates(start: str, end: str) -> None:
    claims = parse_claims(LICENSE, factories.license_claims(sm_start=start, sm_end=end))
    assert isinstance(claims, LicenseClaims)
    assert (claims.sm_start, claims.sm_end) == (date.fromisoformat(start), date.fromisoformat(end))


@pytest.mark.parametrize("text", ["1899-12-31T23:59:59Z", "3000-01-01T00:00:00Z"])
def test_times_outside_the_handled_dates_are_refused(text: str) -> None:
    error = _refusal(LICENSE, factories.license_claims(issued_at=text))
    assert error.claim == "issued_at"
    assert "outside the dates" in str(error)


def test_a_10000_character_version_is_refused_quickly() -> None:
    claims = replaced(example(CATALOG), "releases[0].version", "1." * 5000)
    started = time.perf_counter()
    error = _refusal(CATALOG, claims)
    assert time.perf_counter() - started < 0.5
    assert error.claim == "releases[0].version"
    assert "at most 64 characters" in str(error)
    assert len(str(error)) < 200  # the message does not repeat the version
    longest = "1." * 31 + "99"  # 64 characters
    assert len(longest) == 64
    parse_claims(CATALOG, replaced(example(CATALOG), "releases[0].version", longest))


@pytest.mark.parametrize(
    ("document_type", "path"),
    [
        (LICENSE, "revision"),
        (LICENSE, "seats.users"),
        (LICENSE, "seats.devices"),
        (LICENSE, "tickets_per_year"),
        (PACK, "packs"),
    ],
)
def test_whole_numbers_above_2_31_minus_1_are_refused(
    document_type: DocumentType, path: str
) -> None:
    at_most = replaced(example(document_type), path, 2**31 - 1)
    parse_claims(document_type, at_most)
    for too_big in (2**31, 10**30):
        error = _refusal(document_type, replaced(example(document_type), path, too_big))
        assert error.claim == path
        assert "from" in str(error)
        assert "2147483647" in str(error)


@pytest.mark.parametrize(
    ("document_type", "path"), [(LICENSE, "sm_annual_fee.amount"), (PACK, "amount.amount")]
)
def test_money_of_16_digits_is_refused(document_type: DocumentType, path: str) -> None:
    fifteen = "9" * 15 + ".99"
    parsed = parse_claims(document_type, replaced(example(document_type), path, fifteen))
    assert fifteen in repr(parsed)
    for sixteen in ("1" + "0" * 15, "1" + "0" * 15 + ".00"):
        error = _refusal(document_type, replaced(example(document_type), path, sixteen))
        assert error.claim == path
        assert "decimal string" in str(error)


ONE_LINE_CLAIMS = [
    (LICENSE, "license_id"),
    (LICENSE, "customer.id"),
    (LICENSE, "customer.name"),
    (LICENSE, "customer.contact_email"),
    (LICENSE, "product.code"),
    (LICENSE, "product.name"),
    (LICENSE, "environment"),
    (PACK, "pack_id"),
    (PACK, "license_id"),
    (PACK, "po_number"),
    (STATEMENT, "license_id"),
    (STATEMENT, "tickets[0].case_id"),
    (STATEMENT, "tickets[0].title"),
    (CATALOG, "product_code"),
    (REVOCATIONS, "revoked[0].license_id"),
    (REVOCATIONS, "revoked[0].reason"),
]
CONTROL_CHARACTERS = {
    "escape": "\x1b[31m",
    "carriage return": "\r",
    "line feed": "\n",
    "CR LF header": "\r\nBcc: all@example.com",
    "tab": "\t",
    "NUL": "\x00",
    "DEL": "\x7f",
    "C1 CSI": "\x9b",
    "right-to-left override": "\u202e",
    "line separator": "\u2028",
    "first strong isolate": "\u2068",
}


@pytest.mark.parametrize(
    "character", list(CONTROL_CHARACTERS.values()), ids=list(CONTROL_CHARACTERS)
)
@pytest.mark.parametrize(
    ("document_type", "path"), ONE_LINE_CLAIMS, ids=[f"{t.value}:{p}" for t, p in ONE_LINE_CLAIMS]
)
def test_one_line_claims_refuse_control_characters(
    document_type: DocumentType, path: str, character: str
) -> None:
    value = f"ACME{character}gpj.exe"
    error = _refusal(document_type, replaced(example(document_type), path, value))
    assert error.claim == path
    assert "control characters" in str(error)


@pytest.mark.parametrize(
    ("document_type", "path", "longest"),
    [
        (LICENSE, "license_id", 200),
        (LICENSE, "customer.name", 200),
        (PACK, "po_number", 200),
        (STATEMENT, "tickets[0].case_id", 100),
        (STATEMENT, "tickets[0].title", 2000),
    ],
)
def test_one_line_claims_are_bounded_in_length(
    document_type: DocumentType, path: str, longest: int
) -> None:
    parse_claims(document_type, replaced(example(document_type), path, "x" * longest))
    error = _refusal(document_type, replaced(example(document_type), path, "x" * (longest + 1)))
    assert error.claim == path
    assert f"at most {longest} characters" in str(error)


def test_non_ascii_text_that_is_not_a_control_character_is_kept() -> None:
    claims = parse_claims(
        LICENSE, factories.license_claims(customer={"id": "C-1", "name": "Zürich AG — 東京"})
    )
    assert isinstance(claims, LicenseClaims)
    assert claims.customer.name == "Zürich AG — 東京"


def test_a_long_ill_typed_value_is_shown_shortened() -> None:
    error = _refusal(LICENSE, factories.license_claims(license_type="x" * 10_000))
    assert error.claim == "license_type"
    assert len(str(error)) < 200


_ABSENT = object()
_NOT_TEXT = st.one_of(st.none(), st.integers(), st.booleans(), st.lists(st.integers(), max_size=2))


def _mostly(valid: st.SearchStrategy[Any], other: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Three draws in four from `valid`, so that most examples differ from a good ticket in one
    or two claims: where a reader that skips a check would answer differently."""
    invalid = st.one_of(other, _NOT_TEXT, st.just(_ABSENT))
    return st.integers(0, 3).flatmap(lambda draw: invalid if draw == 0 else valid)


def _member(values: list[str]) -> st.SearchStrategy[Any]:
    return _mostly(st.sampled_from(values), st.text(max_size=12))


_TICKET_CLAIMS = st.fixed_dictionaries(
    {
        "case_id": _mostly(
            st.one_of(st.text(min_size=1, max_size=4), st.text(min_size=99, max_size=102)),
            st.sampled_from(["", "   ", "\u2003\n"]),
        ),
        "opened_on": _mostly(
            st.dates().map(date.isoformat),
            st.sampled_from(["2023-02-29", "2024-2-9", "20240101", "2024-W01-1", " 2024-01-01"]),
        ),
        "kind": _member([k.value for k in TicketKind]),
        "classification": _member([c.value for c in Classification]),
        "category": _member([c.value for c in Category]),
        "title": _mostly(st.one_of(st.none(), st.text(max_size=8)), st.integers()),
    }
).map(lambda claims: {k: v for k, v in claims.items() if v is not _ABSENT})


_ONE_LINE_REFUSED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What a one-line field refuses (control characters, line breaks, bidirectional overrides),
written here independently of the code."""


def _one_line(value: object, longest: int, required: bool) -> bool:
    if value is _ABSENT or value is None:
        return not required
    if not isinstance(value, str) or (required and not value.strip()):
        return False
    return len(value) <= longest and not _ONE_LINE_REFUSED.search(value)


def _handled_day(value: object) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return False
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    return date(1900, 1, 1) <= day <= date(2999, 12, 31)


def _member_of(value: object, enum: Any, default: bool = False) -> bool:
    if value is _ABSENT or value is None:
        return default
    return isinstance(value, str) and value in {m.value for m in enum}


@settings(max_examples=1500, deadline=None)
@given(_TICKET_CLAIMS)
def test_a_statement_ticket_is_read_exactly_when_every_claim_is_valid(data: dict[str, Any]) -> None:
    """Against an oracle written from the documented claims: a ticket is accepted exactly when
    each claim is, and then read to exactly what was written."""

    def get(key: str) -> object:
        return data.get(key, _ABSENT)

    valid = (
        _one_line(get("case_id"), 100, required=True)
        and _handled_day(get("opened_on"))
        and _member_of(get("kind"), TicketKind)
        and _member_of(get("classification"), Classification)
        and _member_of(get("category"), Category, default=True)
        and _one_line(get("title"), 2000, required=False)
    )
    claims = factories.statement_claims([dict(data)])
    try:
        parsed = parse_claims(STATEMENT, claims)
    except ClaimError as exc:
        assert not valid, exc
        assert exc.claim.startswith("tickets[0].")
        return
    assert valid
    assert isinstance(parsed, TicketStatementClaims)
    (read,) = parsed.tickets
    assert read == Ticket(
        case_id=data["case_id"],
        opened_on=date.fromisoformat(data["opened_on"]),
        kind=TicketKind(data["kind"]),
        classification=Classification(data["classification"]),
        category=Category(data.get("category") or "product"),
        title=data.get("title"),
    )
    assert type(read.kind) is TicketKind
    assert type(read.category) is Category


def test_a_statement_ticket_with_defaults() -> None:
    ticket = {"case_id": "C-1", "opened_on": "2024-02-29", "kind": "incident"}
    parsed = parse_claims(
        STATEMENT, factories.statement_claims([{**ticket, "classification": "product_bug"}])
    )
    assert isinstance(parsed, TicketStatementClaims)
    assert parsed.tickets == (
        Ticket(
            case_id="C-1",
            opened_on=date(2024, 2, 29),
            kind=TicketKind.INCIDENT,
            classification=Classification.PRODUCT_BUG,
            category=Category.PRODUCT,
            title=None,
        ),
    )
