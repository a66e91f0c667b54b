"""The one sample world of the tests: the worked example of docs/rules.md ("Worked example"),
as claims objects of the five document types, typed values read through the real claims parser,
and a vendor that signs them.

Every function returns a fresh object, so a test may change it freely. Dates may be given as
`date` values or ISO strings.
"""

from __future__ import annotations

import copy
import json
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from licensing import paserk
from licensing.claims import (
    DocumentType,
    LicenseClaims,
    ReleaseCatalogClaims,
    SupportPackClaims,
    Ticket,
    TicketStatementClaims,
    parse_claims,
)
from licensing.documents import sign_document
from licensing.policy import VendorPolicy, load_policy
from licensing.trust import TrustedKey, TrustSource, TrustStore, trust_file_text

POLICY: VendorPolicy = load_policy()
LICENSE_ID = "LIC-1"

Day = date | str


def iso(day: Day) -> str:
    return day.isoformat() if isinstance(day, date) else day


# Claims objects (what the vendor signs) -----------------------------------------------------

_LICENSE: dict[str, Any] = {
    "license_id": LICENSE_ID,
    "revision": 1,
    "issued_at": "2023-03-20T10:00:00Z",
    "customer": {"id": "C-1", "name": "Fabrikam Inc", "contact_email": "admin@fabrikam.example"},
    "product": {"code": "PORTAL", "name": "Self-Service Portal", "category": "portal"},
    "license_type": "perpetual",
    "seats": {"users": 250, "devices": 0},
    "sm_start": "2023-04-01",
    "sm_end": "2025-04-01",
    "sm_annual_fee": {"amount": "12000.00", "currency": "USD"},
    "tickets_per_year": 6,
}


def license_claims(**overrides: Any) -> dict[str, Any]:
    """The worked example's license (S&M 2023-04-01 to 2025-04-01, 6 tickets a year, USD 12,000),
    with any claim replaced (dates may be `date` values)."""
    claims = copy.deepcopy(_LICENSE)
    claims.update({k: iso(v) if isinstance(v, date) else v for k, v in overrides.items()})
    return claims


def pack_claims(
    pack_id: str = "P1",
    purchased_on: Day = "2024-10-15",
    packs: int = 1,
    license_id: str = LICENSE_ID,
    **overrides: Any,
) -> dict[str, Any]:
    """The worked example's pack P1 (1 pack of 4 tickets, bought 2024-10-15)."""
    claims: dict[str, Any] = {
        "pack_id": pack_id,
        "license_id": license_id,
        "purchased_on": iso(purchased_on),
        "packs": packs,
        "po_number": f"PO-{pack_id}",
        "amount": {"amount": f"{2000 * packs}.00", "currency": "USD"},
    }
    claims.update(overrides)
    return claims


def statement_ticket(
    case_id: str, opened_on: Day, classification: str = "customer", **extra: Any
) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "opened_on": iso(opened_on),
        "kind": "incident",
        "classification": classification,
        **extra,
    }


def statement_claims(
    tickets: list[dict[str, Any]],
    issued_at: str = "2025-03-01T08:00:00Z",
    license_id: str = LICENSE_ID,
) -> dict[str, Any]:
    return {"license_id": license_id, "issued_at": issued_at, "tickets": tickets}


WORKED_EXAMPLE_TICKETS = [
    # Since 2024-04-01: five customer tickets and two product bugs (worked example).
    statement_ticket("CS-1", "2024-05-02"),
    statement_ticket("CS-2", "2024-06-11", "product_bug"),
    statement_ticket("CS-3", "2024-07-20"),
    statement_ticket("CS-4", "2024-09-03"),
    statement_ticket("CS-5", "2024-11-14", "product_bug"),
    statement_ticket("CS-6", "2025-01-08"),
    statement_ticket("CS-7", "2025-02-17"),
]


def worked_example_statement() -> dict[str, Any]:
    return statement_claims(copy.deepcopy(WORKED_EXAMPLE_TICKETS))


def catalog_claims(
    releases: list[tuple[str, Day, str]] | None = None,
    product_code: str = "PORTAL",
    issued_at: str = "2025-03-01T00:00:00Z",
) -> dict[str, Any]:
    """A release catalog; by default the releases of the worked example's product."""
    releases = releases or [
        ("10.2.0", "2024-11-05", "minor"),
        ("10.2.1", "2025-03-20", "patch"),
        ("11.0.0", "2025-05-20", "major"),
    ]
    return {
        "product_code": product_code,
        "issued_at": issued_at,
        "releases": [
            {"version": v, "released_on": iso(day), "kind": kind} for v, day, kind in releases
        ],
    }


def revocation_claims(
    revoked: list[tuple[str, str]] | None = None, issued_at: str = "2025-03-01T00:00:00Z"
) -> dict[str, Any]:
    revoked = revoked if revoked is not None else [("LIC-OLD", "chargeback")]
    return {
        "issued_at": issued_at,
        "revoked": [{"license_id": i, "reason": reason} for i, reason in revoked],
    }


WORKED_EXAMPLE_BALANCE_ON_2025_03_01: dict[str, Any] = {
    "period_start": "2024-04-01",
    "period_end": "2025-04-01",
    "annual_allocated": 6,
    "annual_used": 5,
    "annual_remaining": 1,
    "packs": [
        {
            "pack_id": "P1",
            "purchased_on": "2024-10-15",
            "expires_on": "2025-10-15",
            "tickets": 4,
            "used": 0,
            "remaining": 4,
            "trust": "vendor",
        }
    ],
    "remaining_total": 5,
    "not_deducted_bug": 2,
    "unfunded": 0,
    "ineligible": 0,
}
"""`status --json` "tickets" on 2025-03-01 with the worked example's documents."""


# A portfolio: the two licenses of one customer (LIC-A portal, LIC-B asset management) --------


def portal_license(**overrides: Any) -> dict[str, Any]:
    """LIC-A: the Self-Service Portal in production, S&M to 2027-01-01."""
    return license_claims(
        **{
            "license_id": "LIC-A",
            "environment": "production",
            "sm_start": "2025-01-01",
            "sm_end": "2027-01-01",
            "issued_at": "2024-12-15T09:00:00Z",
            **overrides,
        }
    )


def assets_license(**overrides: Any) -> dict[str, Any]:
    """LIC-B: Asset Management in production, S&M to 2026-12-15, priced in euros."""
    return license_claims(
        **{
            "license_id": "LIC-B",
            "environment": "production",
            "product": {"code": "ASSET", "name": "Asset Management", "category": "asset"},
            "sm_start": "2025-12-15",
            "sm_end": "2026-12-15",
            "issued_at": "2025-12-01T09:00:00Z",
            "sm_annual_fee": {"amount": "8000.00", "currency": "EUR"},
            "tickets_per_year": 4,
            **overrides,
        }
    )


# Typed values, read through the real parser ------------------------------------------------


def license(**overrides: Any) -> LicenseClaims:
    claims = parse_claims(DocumentType.LICENSE, license_claims(**overrides))
    assert isinstance(claims, LicenseClaims)
    return claims


def pack(
    pack_id: str = "P1", purchased_on: Day = "2024-10-15", packs: int = 1, **overrides: Any
) -> SupportPackClaims:
    claims = parse_claims(
        DocumentType.SUPPORT_PACK, pack_claims(pack_id, purchased_on, packs, **overrides)
    )
    assert isinstance(claims, SupportPackClaims)
    return claims


def statement(tickets: list[dict[str, Any]], **overrides: Any) -> TicketStatementClaims:
    claims = parse_claims(DocumentType.TICKET_STATEMENT, statement_claims(tickets, **overrides))
    assert isinstance(claims, TicketStatementClaims)
    return claims


def catalog(**overrides: Any) -> ReleaseCatalogClaims:
    claims = parse_claims(DocumentType.RELEASE_CATALOG, catalog_claims(**overrides))
    assert isinstance(claims, ReleaseCatalogClaims)
    return claims


def ticket(case_id: str, opened_on: Day, classification: str = "customer", **extra: Any) -> Ticket:
    """A ticket as a statement would carry it, read by the real parser."""
    return statement([statement_ticket(case_id, opened_on, classification, **extra)]).tickets[0]


# The vendor --------------------------------------------------------------------------------


@dataclass
class Vendor:
    """A signing key and its trust file, as a vendor's (or a test root's) trust given to a run."""

    key: Ed25519PrivateKey
    trust_file: Path
    folder: Path

    @classmethod
    def create(cls, folder: Path, key: Ed25519PrivateKey | None = None) -> Vendor:
        folder.mkdir(parents=True, exist_ok=True)
        key = key or Ed25519PrivateKey.generate()
        trust_file = folder / f"trust-{uuid.uuid4().hex[:6]}.json"
        trust_file.write_text(trust_file_text([key.public_key()]), encoding="utf-8")
        return cls(key, trust_file, folder)

    @property
    def kid(self) -> str:
        return paserk.key_id(self.key.public_key())

    def token(self, document_type: DocumentType, claims: dict[str, Any]) -> str:
        return sign_document(document_type, claims, self.key)

    def write(
        self, document_type: DocumentType, claims: dict[str, Any], name: str | None = None
    ) -> Path:
        path = self.folder / (name or f"{document_type.value}-{uuid.uuid4().hex[:8]}.paseto")
        path.write_text(self.token(document_type, claims) + "\n", encoding="ascii")
        return path

    def trusted_key(self, source: TrustSource = TrustSource.VENDOR) -> TrustedKey:
        return TrustedKey(
            kid=self.kid, public_key=self.key.public_key(), source=source, origin="test vendor"
        )

    def trust(self, source: TrustSource = TrustSource.VENDOR) -> TrustStore:
        return TrustStore().with_keys([self.trusted_key(source)])


def json_of(text: str) -> Any:
    return json.loads(text)
