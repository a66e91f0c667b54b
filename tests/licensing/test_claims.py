"""Typed claims of the five document types (SPEC.md section 4).

"Unknown extra claims are ignored; a missing or ill-typed required claim is an error naming it."
"""

from __future__ import annotations

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
    ReleaseCatalogClaims,
    ReleaseKind,
    RevocationListClaims,
    SupportPackClaims,
    TicketKind,
    TicketStatementClaims,
    parse_claims,
)
from licensing.errors import ClaimError
from tests.licensing.samples import example, license_claims, replaced, without

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
    claims = parse_claims(LICENSE, license_claims())
    assert isinstance(claims, LicenseClaims)
    assert claims.license_id == "LIC-2023-0042"
    assert claims.revision == 3
    assert claims.issued_at == datetime(2025, 2, 14, 9, 30, tzinfo=UTC)
    assert claims.issued_at.utcoffset() == timedelta(0)
    assert claims.customer.name == "Contoso Ltd"
    assert claims.customer.contact_email == "it@contoso.example"
    assert claims.product.code == "SM-PORTAL"
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


def test_claims_are_immutable() -> None:
    claims = parse_claims(LICENSE, license_claims())
    assert isinstance(claims, LicenseClaims)
    with pytest.raises(AttributeError):
        claims.revision = 4  # type: ignore[misc]


def test_support_pack_parses_to_typed_values() -> None:
    claims = parse_claims(PACK, example(PACK))
    assert isinstance(claims, SupportPackClaims)
    assert claims.purchased_on == date(2024, 10, 15)
    assert claims.packs == 1
    assert claims.amount.amount == Decimal("2000.00")
    assert claims.po_number == "PO-88121"


def test_ticket_statement_parses_to_typed_values() -> None:
    claims = parse_claims(STATEMENT, example(STATEMENT))
    assert isinstance(claims, TicketStatementClaims)
    assert claims.issued_at.utcoffset() == timedelta(hours=1)
    assert claims.issued_at == datetime(2025, 3, 1, 7, 0, tzinfo=UTC)
    first, second = claims.tickets
    assert first.case_id == "CS-1001"
    assert first.opened_on == date(2024, 5, 2)
    assert first.kind is TicketKind.INCIDENT
    assert first.classification is Classification.CUSTOMER
    assert first.category is Category.UPGRADE
    assert first.title == "Upgrade to 10.2 fails"
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
    claims = parse_claims(CATALOG, example(CATALOG))
    assert isinstance(claims, ReleaseCatalogClaims)
    versions = [release.version for release in claims.releases]
    assert versions == [Version("10.2.0"), Version("11.0"), Version("10.2.1rc1")]
    # PEP 440 order, not string order: 10.2.1rc1 comes after 10.2.0 and before 11.0.
    assert sorted(versions) == [Version("10.2.0"), Version("10.2.1rc1"), Version("11.0")]
    assert claims.releases[1].kind is ReleaseKind.MAJOR
    assert claims.releases[1].released_on == date(2025, 5, 20)


def test_revocation_list_parses_to_typed_values() -> None:
    claims = parse_claims(REVOCATIONS, example(REVOCATIONS))
    assert isinstance(claims, RevocationListClaims)
    assert [(r.license_id, r.reason) for r in claims.revoked] == [("LIC-2019-0001", "chargeback")]
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
    claims = license_claims()
    claims["x-crm-ref"] = {"deep": [1, 2, {"x": None}]}
    claims["customer"]["vat_number"] = "GB123"
    claims["seats"]["servers"] = "unlimited"
    claims["sm_annual_fee"]["note"] = 3.5
    assert parse_claims(LICENSE, claims) == parse_claims(LICENSE, license_claims())


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
    (LICENSE, "revision", 0, "at least 1"),
    (LICENSE, "revision", -3, "at least 1"),
    (LICENSE, "revision", 1.0, "whole number"),
    (LICENSE, "revision", "3", "whole number"),
    (LICENSE, "seats.users", -1, "at least 0"),
    (LICENSE, "seats.devices", False, "whole number"),
    (LICENSE, "seats.users", 2.5, "whole number"),
    (LICENSE, "tickets_per_year", -1, "at least 0"),
    (LICENSE, "license_id", "", "non-empty"),
    (LICENSE, "license_id", "   ", "non-empty"),
    (LICENSE, "license_id", 42, "string"),
    (LICENSE, "customer", "Contoso", "object"),
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
    (PACK, "packs", 0, "at least 1"),
    (PACK, "packs", True, "whole number"),
    (PACK, "purchased_on", "2024-10-15 ", "YYYY-MM-DD"),
    (PACK, "amount.amount", 2000.0, "decimal string"),
    (STATEMENT, "tickets", {"CS-1001": {}}, "list"),
    (STATEMENT, "tickets[0]", "CS-1001", "object"),
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
    (REVOCATIONS, "revoked", "LIC-2019-0001", "list"),
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
    assert error.claim == "tickets[2]"
    assert "CS-1001" in str(error)
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
def test_every_calendar_date_round_trips(day: date) -> None:
    claims = parse_claims(PACK, replaced(example(PACK), "purchased_on", day.isoformat()))
    assert isinstance(claims, SupportPackClaims)
    assert claims.purchased_on == day


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
    claims = license_claims()
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


@settings(max_examples=3000)
@given(_TICKET_CLAIMS)
def test_the_fast_ticket_reader_gives_the_checked_readers_answer(data: dict[str, Any]) -> None:
    """A statement's tickets take a one-pass reader; it must accept only what the checks accept,
    and read it to the same ticket."""
    from licensing.claims import _Claims, checked_ticket, well_formed_ticket

    fast = well_formed_ticket(data)
    try:
        checked = checked_ticket(_Claims(data))
    except ClaimError:
        assert fast is None
    else:
        assert fast is None or (fast == checked and type(fast.kind) is TicketKind)


def test_the_fast_ticket_reader_takes_the_common_case() -> None:
    from licensing.claims import well_formed_ticket

    ticket = {"case_id": "C-1", "opened_on": "2024-02-29", "kind": "incident"}
    assert well_formed_ticket({**ticket, "classification": "product_bug"}) == (
        "C-1",
        date(2024, 2, 29),
        TicketKind.INCIDENT,
        Classification.PRODUCT_BUG,
        Category.PRODUCT,
        None,
    )
