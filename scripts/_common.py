"""Pieces shared by the hardening scripts: a seeded vendor key, a small sample world, signed files,
consoles over a real database, and an in-memory keyring.

The scripts stand alone: nothing here (or in any script) imports from `tests/`. Everything is
deterministic for a given `random.Random`, so a run can be repeated with the same `--seed`. The
claims follow docs/rules.md ("Signed documents") and are valid unless a caller changes them; the
license, pack and statement are the worked example of docs/rules.md ("Worked example").
"""

from __future__ import annotations

import copy
import json
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from licensing import paserk
from licensing.claims import DocumentType
from licensing.documents import sign_document
from licensing.trust import TrustedKey, TrustSource, TrustStore

if TYPE_CHECKING:
    from app.console import Console

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2025, 3, 1)
"""The clock of the scripts' consoles (R15) and their evaluation day: the worked example's day."""


# Keys and trust -----------------------------------------------------------------------------


def seeded_key(rng: random.Random) -> Ed25519PrivateKey:
    """An Ed25519 key drawn from `rng`: the same seed gives the same key and signatures."""
    return Ed25519PrivateKey.from_private_bytes(rng.randbytes(32))


def trust_json(*keys: Ed25519PrivateKey) -> str:
    """A trust file (`{"keys": ["k4.public.…"]}`) holding the public halves of `keys`."""
    return json.dumps({"keys": [paserk.public_to_paserk(k.public_key()) for k in keys]})


def trusted_key(key: Ed25519PrivateKey, source: TrustSource = TrustSource.VENDOR) -> TrustedKey:
    public = key.public_key()
    return TrustedKey(kid=paserk.key_id(public), public_key=public, source=source, origin="scripts")


def trust_store(*keys: tuple[Ed25519PrivateKey, TrustSource]) -> TrustStore:
    return TrustStore().with_keys(trusted_key(key, source) for key, source in keys)


@dataclass
class Vendor:
    """A signing key and its trust file on disk (given to the app through `--trust`)."""

    key: Ed25519PrivateKey
    trust_file: Path

    @classmethod
    def create(cls, rng: random.Random, folder: Path, name: str = "vendor-trust.json") -> Vendor:
        key = seeded_key(rng)
        folder.mkdir(parents=True, exist_ok=True)
        trust_file = folder / name
        trust_file.write_text(trust_json(key), encoding="utf-8")
        return cls(key, trust_file)

    @property
    def kid(self) -> str:
        return paserk.key_id(self.key.public_key())

    def trust(self, source: TrustSource = TrustSource.VENDOR) -> TrustStore:
        return trust_store((self.key, source))

    def sign(self, document_type: DocumentType, claims: dict[str, Any]) -> str:
        return sign_document(document_type, claims, self.key)

    def write(self, path: Path, document_type: DocumentType, claims: dict[str, Any]) -> Path:
        path.write_text(self.sign(document_type, claims) + "\n", encoding="ascii")
        return path


# The sample world ---------------------------------------------------------------------------

_LICENSE: dict[str, Any] = {
    "license_id": "LIC-1",
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


def license_claims(
    license_id: str = "LIC-1", revision: int = 1, **overrides: Any
) -> dict[str, Any]:
    """The worked example's license (S&M 2023-04-01 to 2025-04-01, 6 tickets a year, USD
    12,000) under another id or revision, with any claim replaced."""
    claims = copy.deepcopy(_LICENSE)
    claims.update(license_id=license_id, revision=revision, **overrides)
    return claims


def pack_claims(
    pack_id: str = "P1", license_id: str = "LIC-1", purchased_on: str = "2024-10-15", packs: int = 1
) -> dict[str, Any]:
    """The worked example's pack P1 (1 pack of 4 tickets, bought 2024-10-15)."""
    return {
        "pack_id": pack_id,
        "license_id": license_id,
        "purchased_on": purchased_on,
        "packs": packs,
        "po_number": f"PO-{pack_id}",
        "amount": {"amount": f"{2000 * packs}.00", "currency": "USD"},
    }


def statement_ticket(case_id: str, opened_on: str, **extra: Any) -> dict[str, Any]:
    ticket = {
        "case_id": case_id,
        "opened_on": opened_on,
        "kind": "incident",
        "classification": "customer",
        **extra,
    }
    return {k: v for k, v in ticket.items() if v is not None}


def statement_claims(
    tickets: list[dict[str, Any]],
    issued_at: str = "2025-03-01T08:00:00Z",
    license_id: str = "LIC-1",
) -> dict[str, Any]:
    return {"license_id": license_id, "issued_at": issued_at, "tickets": tickets}


def worked_example_tickets() -> list[dict[str, Any]]:
    """Since 2024-04-01: five customer tickets and two product bugs."""
    return [
        statement_ticket("CS-1", "2024-05-02"),
        statement_ticket("CS-2", "2024-06-11", classification="product_bug"),
        statement_ticket("CS-3", "2024-07-20"),
        statement_ticket("CS-4", "2024-09-03"),
        statement_ticket("CS-5", "2024-11-14", classification="product_bug"),
        statement_ticket("CS-6", "2025-01-08"),
        statement_ticket("CS-7", "2025-02-17"),
    ]


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


def asset_license(revision: int = 1, **overrides: Any) -> dict[str, Any]:
    """LIC-2: a second product of the same customer, priced in euros (R16)."""
    claims = license_claims(
        "LIC-2",
        revision,
        product={"code": "ASSET", "name": "Asset Management", "category": "asset"},
        environment="production",
        sm_start="2024-06-01",
        sm_end="2026-06-01",
        issued_at="2024-05-20T09:00:00Z",
        sm_annual_fee={"amount": "8000.00", "currency": "EUR"},
        tickets_per_year=4,
    )
    claims.update(overrides)
    return claims


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


def portfolio_documents() -> list[tuple[DocumentType, dict[str, Any]]]:
    """A portfolio of two licenses (R16): LIC-1 in two revisions (the second renews it to
    2026-04-01 with 8 tickets a year) with two packs and the worked example's statement, LIC-2
    with a pack and a statement, a catalog, and a revocation list (of a license not held)."""
    return [
        (DocumentType.REVOCATION_LIST, revocation_claims()),
        (DocumentType.LICENSE, license_claims()),
        (
            DocumentType.LICENSE,
            license_claims(
                revision=2,
                issued_at="2025-02-20T10:00:00Z",
                sm_end="2026-04-01",
                tickets_per_year=8,
            ),
        ),
        (DocumentType.LICENSE, asset_license()),
        (DocumentType.SUPPORT_PACK, pack_claims()),
        (DocumentType.SUPPORT_PACK, pack_claims("P2", purchased_on="2025-01-10", packs=2)),
        (DocumentType.SUPPORT_PACK, pack_claims("A1", "LIC-2", "2024-12-01")),
        (DocumentType.TICKET_STATEMENT, statement_claims(worked_example_tickets())),
        (
            DocumentType.TICKET_STATEMENT,
            statement_claims(
                [
                    statement_ticket("AS-1", "2024-07-01"),
                    statement_ticket("AS-2", "2024-08-15", category="training"),
                    statement_ticket("AS-3", "2025-01-20", classification="product_bug"),
                ],
                issued_at="2025-02-01T08:00:00Z",
                license_id="LIC-2",
            ),
        ),
        (DocumentType.RELEASE_CATALOG, catalog_claims()),
    ]


# Consoles -----------------------------------------------------------------------------------


def console_on(db_url: str, trust: TrustStore, today: date = TODAY) -> Console:
    """A console over the database at `db_url` (created or migrated), trusting `trust`; its
    clock (R15) is `today`."""
    from app.console import Console
    from app.storage.database import Database
    from licensing.policy import load_policy

    return Console(Database(db_url), trust, load_policy(), today)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve().as_posix()}"


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring backend: the scripts never read or write the OS keychain."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError(username)
