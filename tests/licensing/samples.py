"""What the document tests need beyond the sample world of `tests/factories.py`: one valid claims
object of each document type (taken from that world), editors that remove or replace one claim by
its dotted path, and signing below the document layer for documents that must fail later.

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
from tests import factories


def _statement() -> dict[str, Any]:
    """The worked example's statement, its first case with the optional claims filled in and its
    second a service request, so that every claim of a statement ticket appears once."""
    claims = factories.worked_example_statement()
    claims["tickets"][0].update(category="upgrade", title="Upgrade to 10.2 fails")
    claims["tickets"][1]["kind"] = "service_request"
    return claims


_EXAMPLES = {
    DocumentType.LICENSE: factories.license_claims,
    DocumentType.SUPPORT_PACK: factories.pack_claims,
    DocumentType.TICKET_STATEMENT: _statement,
    DocumentType.RELEASE_CATALOG: factories.catalog_claims,
    DocumentType.REVOCATION_LIST: factories.revocation_claims,
}


def example(document_type: DocumentType) -> dict[str, Any]:
    """A fresh, valid claims object of `document_type` from the sample world."""
    return _EXAMPLES[document_type]()


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


def claims_bytes(claims: object) -> bytes:
    """Claims as the message of a token: compact UTF-8 JSON."""
    return json.dumps(claims, ensure_ascii=False, separators=(",", ":")).encode()
