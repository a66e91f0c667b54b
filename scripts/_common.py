"""Pieces shared by the hardening scripts: a seeded vendor key, sample claims, signed files.

Everything here is deterministic for a given `random.Random`, so a run can be repeated with the
same `--seed`. The claims follow SPEC.md section 4 and are valid unless a caller changes them.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from licensing import paserk
from licensing.claims import DocumentType
from licensing.documents import sign_document
from tests.app import samples

ROOT = Path(__file__).resolve().parent.parent


def seeded_key(rng: random.Random) -> Ed25519PrivateKey:
    """An Ed25519 key drawn from `rng`: the same seed gives the same key and signatures."""
    return Ed25519PrivateKey.from_private_bytes(rng.randbytes(32))


def trust_json(*keys: Ed25519PrivateKey) -> str:
    return json.dumps({"keys": [paserk.public_to_paserk(k.public_key()) for k in keys]})


@dataclass
class Vendor:
    """A signing key and its trust file on disk (given to the app through `--trust`)."""

    key: Ed25519PrivateKey
    trust_file: Path

    @classmethod
    def create(cls, rng: random.Random, folder: Path) -> Vendor:
        key = seeded_key(rng)
        folder.mkdir(parents=True, exist_ok=True)
        trust_file = folder / "vendor-trust.json"
        trust_file.write_text(trust_json(key), encoding="utf-8")
        return cls(key, trust_file)

    @property
    def kid(self) -> str:
        return paserk.key_id(self.key.public_key())

    def sign(self, document_type: DocumentType, claims: dict[str, Any]) -> str:
        return sign_document(document_type, claims, self.key)

    def write(self, path: Path, document_type: DocumentType, claims: dict[str, Any]) -> Path:
        path.write_text(self.sign(document_type, claims) + "\n", encoding="ascii")
        return path


def license_claims(
    license_id: str = "LIC-1", revision: int = 1, **overrides: Any
) -> dict[str, Any]:
    """The SPEC section 6 license (tests/app/samples.py) under another id or revision."""
    return samples.license_claims(license_id=license_id, revision=revision, **overrides)


def pack_claims(
    pack_id: str = "P1", license_id: str = "LIC-1", purchased_on: str = "2024-10-15", packs: int = 1
) -> dict[str, Any]:
    return samples.pack_claims(pack_id, purchased_on, packs, license_id=license_id)


def statement_ticket(case_id: str, opened_on: str, **extra: Any) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "opened_on": opened_on,
        "kind": "incident",
        "classification": "customer",
        **extra,
    }


statement_claims = samples.statement_claims


def catalog_claims(product_code: str = "PORTAL") -> dict[str, Any]:
    return {
        "product_code": product_code,
        "issued_at": "2025-03-01T00:00:00Z",
        "releases": [
            {"version": "10.2.0", "released_on": "2024-11-05", "kind": "minor"},
            {"version": "11.0", "released_on": "2025-05-20", "kind": "major"},
            {"version": "10.2.1rc1", "released_on": "2024-12-01", "kind": "patch"},
        ],
    }


def revocation_claims(license_id: str = "LIC-OLD") -> dict[str, Any]:
    return {
        "issued_at": "2025-03-01T00:00:00Z",
        "revoked": [{"license_id": license_id, "reason": "chargeback"}],
    }


def sample_documents() -> list[tuple[DocumentType, dict[str, Any]]]:
    """One valid claims object of each of the five types (the statement holds 30 tickets)."""
    tickets = [
        statement_ticket(
            f"CS-{1000 + i}",
            f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
            category=["product", "upgrade", "licensing", "training"][i % 4],
            title=f"Case {i}, with a comma" if i % 3 == 0 else None,
        )
        for i in range(30)
    ]
    return [
        (DocumentType.LICENSE, license_claims()),
        (DocumentType.SUPPORT_PACK, pack_claims()),
        (DocumentType.TICKET_STATEMENT, statement_claims(tickets)),
        (DocumentType.RELEASE_CATALOG, catalog_claims()),
        (DocumentType.REVOCATION_LIST, revocation_claims()),
    ]
