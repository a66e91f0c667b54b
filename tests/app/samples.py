"""The SPEC section 6 documents as claims objects, for the tests and the hardening scripts."""

from __future__ import annotations

from typing import Any

# SPEC section 6 on 2025-03-01: 5 customer and 2 product-bug tickets since 2024-04-01, pack P1.
WORKED_EXAMPLE_TICKETS_ON_2025_03_01: dict[str, Any] = {
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
        }
    ],
    "remaining_total": 5,
    "not_deducted_bug": 2,
    "unfunded": 0,
    "ineligible": 0,
}


def license_claims(**overrides: Any) -> dict[str, Any]:
    """The SPEC section 6 license, with any claim replaced."""
    claims: dict[str, Any] = {
        "license_id": "LIC-1",
        "revision": 1,
        "issued_at": "2023-03-20T10:00:00Z",
        "customer": {
            "id": "C-1",
            "name": "Fabrikam Inc",
            "contact_email": "admin@fabrikam.example",
        },
        "product": {"code": "PORTAL", "name": "Self-Service Portal", "category": "portal"},
        "license_type": "perpetual",
        "seats": {"users": 250, "devices": 0},
        "sm_start": "2023-04-01",
        "sm_end": "2025-04-01",
        "sm_annual_fee": {"amount": "12000.00", "currency": "USD"},
        "tickets_per_year": 6,
    }
    claims.update(overrides)
    return claims


def pack_claims(
    pack_id: str = "P1", purchased_on: str = "2024-10-15", packs: int = 1, **overrides: Any
) -> dict[str, Any]:
    claims: dict[str, Any] = {
        "pack_id": pack_id,
        "license_id": "LIC-1",
        "purchased_on": purchased_on,
        "packs": packs,
        "po_number": f"PO-{pack_id}",
        "amount": {"amount": f"{2000 * packs}.00", "currency": "USD"},
    }
    claims.update(overrides)
    return claims


def statement_claims(
    tickets: list[dict[str, Any]],
    issued_at: str = "2025-03-01T08:00:00Z",
    license_id: str = "LIC-1",
) -> dict[str, Any]:
    return {"license_id": license_id, "issued_at": issued_at, "tickets": tickets}


def statement_ticket(
    case_id: str, opened_on: str, classification: str = "customer", **extra: Any
) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "opened_on": opened_on,
        "kind": "incident",
        "classification": classification,
        **extra,
    }
