"""Valid example claims of the five document types (SPEC.md section 4), and helpers to edit them.

Every function returns a fresh object, so a test may change it freely.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from licensing import paseto
from licensing.claims import DocumentType

_LICENSE: dict[str, Any] = {
    "license_id": "LIC-2023-0042",
    "revision": 3,
    "issued_at": "2025-02-14T09:30:00Z",
    "customer": {"id": "CUST-7", "name": "Contoso Ltd", "contact_email": "it@contoso.example"},
    "product": {"code": "SM-PORTAL", "name": "Service Manager Portal", "category": "portal"},
    "license_type": "perpetual",
    "seats": {"users": 250, "devices": 0},
    "sm_start": "2023-04-01",
    "sm_end": "2025-04-01",
    "sm_annual_fee": {"amount": "12000.00", "currency": "USD"},
    "tickets_per_year": 6,
}

_SUPPORT_PACK: dict[str, Any] = {
    "pack_id": "P1",
    "license_id": "LIC-2023-0042",
    "purchased_on": "2024-10-15",
    "packs": 1,
    "po_number": "PO-88121",
    "amount": {"amount": "2000.00", "currency": "USD"},
}

_TICKET_STATEMENT: dict[str, Any] = {
    "license_id": "LIC-2023-0042",
    "issued_at": "2025-03-01T08:00:00+01:00",
    "tickets": [
        {
            "case_id": "CS-1001",
            "opened_on": "2024-05-02",
            "kind": "incident",
            "classification": "customer",
            "category": "upgrade",
            "title": "Upgrade to 10.2 fails",
        },
        {
            "case_id": "CS-1002",
            "opened_on": "2024-06-11",
            "kind": "service_request",
            "classification": "product_bug",
        },
    ],
}

_RELEASE_CATALOG: dict[str, Any] = {
    "product_code": "SM-PORTAL",
    "issued_at": "2025-03-01T00:00:00Z",
    "releases": [
        {"version": "10.2.0", "released_on": "2024-11-05", "kind": "minor"},
        {"version": "11.0", "released_on": "2025-05-20", "kind": "major"},
        {"version": "10.2.1rc1", "released_on": "2024-12-01", "kind": "patch"},
    ],
}

_REVOCATION_LIST: dict[str, Any] = {
    "issued_at": "2025-03-01T00:00:00Z",
    "revoked": [{"license_id": "LIC-2019-0001", "reason": "chargeback"}],
}

_EXAMPLES = {
    DocumentType.LICENSE: _LICENSE,
    DocumentType.SUPPORT_PACK: _SUPPORT_PACK,
    DocumentType.TICKET_STATEMENT: _TICKET_STATEMENT,
    DocumentType.RELEASE_CATALOG: _RELEASE_CATALOG,
    DocumentType.REVOCATION_LIST: _REVOCATION_LIST,
}


def example(document_type: DocumentType) -> dict[str, Any]:
    """A fresh, valid claims object of `document_type`."""
    return copy.deepcopy(_EXAMPLES[document_type])


def license_claims() -> dict[str, Any]:
    return example(DocumentType.LICENSE)


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _steps(path: str) -> list[str | int]:
    """`tickets[0].opened_on` -> ["tickets", 0, "opened_on"]."""
    return [name if name else int(index) for name, index in _STEP.findall(path)]


def _parent(claims: dict[str, Any], path: str) -> tuple[Any, str | int]:
    *head, last = _steps(path)
    node: Any = claims
    for step in head:
        node = node[step]
    return node, last


def without(claims: dict[str, Any], path: str) -> dict[str, Any]:
    """A copy of `claims` with the claim at dotted `path` removed."""
    result = copy.deepcopy(claims)
    parent, last = _parent(result, path)
    del parent[last]
    return result


def replaced(claims: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of `claims` with the claim at dotted `path` set to `value`."""
    result = copy.deepcopy(claims)
    parent, last = _parent(result, path)
    parent[last] = value
    return result


def signed_raw(
    message: bytes, secret_key: Ed25519PrivateKey, footer: bytes, implicit: bytes = b""
) -> bytes:
    """A correctly signed v4.public token over arbitrary message and footer bytes.

    `sign_document` refuses bad claims, so documents that must fail after the signature check are
    made here, below the document layer.
    """
    return paseto.sign(message, secret_key, footer, implicit).encode("ascii")


def footer_bytes(kid: str, typ: str) -> bytes:
    """The footer a document carries: `{"kid", "typ"}` as compact JSON."""
    return json.dumps({"kid": kid, "typ": typ}, separators=(",", ":")).encode()
