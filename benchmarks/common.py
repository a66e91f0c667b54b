"""Helpers for the benchmarks: timing side by side, building data sets through the app, the raw
floors, and the machine's description."""

from __future__ import annotations

import base64
import json
import os
import platform
import random
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

    from app.console import Console
    from licensing.claims import DocumentType
    from licensing.trust import TrustStore

ROOT = Path(__file__).resolve().parents[1]
START = date(2020, 1, 1)
AS_OF = date(2026, 1, 1)
TICKET_COLUMNS = "case_id, license_id, opened_on, kind, classification, category, title"


class Figure(NamedTuple):
    id: str
    what: str
    value: float
    target: str
    met: bool
    detail: str

    def line(self) -> str:
        verdict = "met" if self.met else "MISSED"
        return (
            f"{self.id:4} {self.what:62} {self.value:8.2f}  target {self.target:10} {verdict}  "
            f"({self.detail})"
        )


def fastest(work: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of `repeat` timings of `work`, after one warm-up."""
    work()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def side_by_side(
    work: Callable[[], object], floor: Callable[[], object], repeat: int = 7
) -> tuple[float, float]:
    """Times `work` and its `floor` alternately, `repeat` times each after one warm-up, and
    returns the fastest time of each: a busy moment of a shared machine then slows both sides
    alike, and the minimum is the figure least disturbed by it."""
    work()
    floor()
    work_times: list[float] = []
    floor_times: list[float] = []
    for _ in range(repeat):
        for action, times in ((work, work_times), (floor, floor_times)):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
    return min(work_times), min(floor_times)


def compile_bytecode() -> None:
    """Compiles the app's packages to bytecode, as pip and PyInstaller do for an installed app."""
    import compileall

    for package in ("app", "licensing", "ui", "resources"):
        compileall.compile_dir(ROOT / package, quiet=1)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}"
    )


# Keys and documents -------------------------------------------------------------------------


def vendor_key() -> tuple[Ed25519PrivateKey, TrustStore]:
    """A fresh signing key, and a trust store that trusts it as the vendor's."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from licensing.paserk import key_id
    from licensing.trust import TrustedKey, TrustSource, TrustStore

    key = Ed25519PrivateKey.generate()
    public = key.public_key()
    trusted = TrustedKey(
        kid=key_id(public), public_key=public, source=TrustSource.VENDOR, origin="benchmark"
    )
    return key, TrustStore().with_keys([trusted])


def license_claims(license_id: str, tickets_per_year: int, **overrides: Any) -> dict[str, Any]:
    claims: dict[str, Any] = {
        "license_id": license_id,
        "revision": 1,
        "issued_at": "2019-12-01T00:00:00Z",
        "customer": {"id": "C", "name": "Bench"},
        "product": {"code": "P", "name": "P", "category": "x"},
        "license_type": "perpetual",
        "seats": {"users": 10, "devices": 0},
        "sm_start": START.isoformat(),
        "sm_end": "2027-01-01",
        "sm_annual_fee": {"amount": "1000.00", "currency": "USD"},
        "tickets_per_year": tickets_per_year,
    }
    claims.update(overrides)
    return claims


def pack_claims(pack_id: str, license_id: str, purchased_on: date) -> dict[str, Any]:
    return {
        "pack_id": pack_id,
        "license_id": license_id,
        "purchased_on": purchased_on.isoformat(),
        "packs": 3,
        "po_number": f"PO-{pack_id}",
        "amount": {"amount": "6000.00", "currency": "USD"},
    }


def signed(
    key: Ed25519PrivateKey, documents: Sequence[tuple[DocumentType, dict[str, Any]]]
) -> list[str]:
    from licensing.documents import sign_document

    return [sign_document(kind, claims, key) for kind, claims in documents]


def ticket_rows(count: int, license_ids: Sequence[str], seed: int = 7) -> list[dict[str, object]]:
    """Local tickets spread over six years and over the licenses: a product bug in seven, a
    training case (out of scope) in thirteen."""
    rng = random.Random(seed)
    return [
        {
            "case_id": f"C{i:07d}",
            "license_id": license_ids[i % len(license_ids)],
            "opened_on": START + timedelta(days=rng.randrange(2190)),
            "kind": "incident",
            "classification": "product_bug" if i % 7 == 0 else "customer",
            "category": "training" if i % 13 == 0 else "product",
            "title": f"Case {i}" if i % 3 == 0 else None,
            "created_at": "2025-12-31T00:00:00+00:00",
            "updated_at": "2025-12-31T00:00:00+00:00",
        }
        for i in range(count)
    ]


# Databases built through the app ------------------------------------------------------------


def _console(path: Path, trust: TrustStore) -> Console:
    from app.console import Console
    from app.paths import sqlite_url
    from app.storage.database import Database
    from licensing.policy import load_policy

    return Console(Database(sqlite_url(path)), trust, load_policy(), AS_OF)


def _store(
    path: Path,
    key: Ed25519PrivateKey,
    trust: TrustStore,
    tokens: Sequence[str],
    tickets: Sequence[dict[str, object]],
) -> Console:
    """A database at `path` holding `tokens` (imported through the app, all or nothing) and the
    local `tickets` (written in bulk); the key's trust file goes to `<path>.trust.json` for a
    `--trust` option."""
    from sqlalchemy import insert

    from app.importing import import_documents
    from app.storage.schema import tickets as tickets_table
    from licensing.paserk import public_to_paserk

    trust_file(path).write_text(
        json.dumps({"keys": [public_to_paserk(key.public_key())]}), encoding="utf-8"
    )
    console = _console(path, trust)
    report = import_documents(console, [(f"d{i}", t.encode()) for i, t in enumerate(tokens)])
    if not report.succeeded:
        raise RuntimeError(f"the benchmark's documents were refused: {report.files[:3]}")
    with console.database.write() as connection:
        for start in range(0, len(tickets), 10_000):
            connection.execute(insert(tickets_table), list(tickets[start : start + 10_000]))
    return console


def trust_file(database: Path) -> Path:
    return database.with_name(database.name + ".trust.json")


def ledger_database(path: Path, tickets: int, packs: int) -> Console:
    """One license (six years of S&M) with `packs` packs and `tickets` local tickets."""
    from licensing.claims import DocumentType

    key, trust = vendor_key()
    documents = [(DocumentType.LICENSE, license_claims("LIC", max(tickets // 10, 1)))]
    documents += [
        (
            DocumentType.SUPPORT_PACK,
            pack_claims(f"P{i:04d}", "LIC", START + timedelta(days=(i * 2190) // max(packs, 1))),
        )
        for i in range(packs)
    ]
    return _store(path, key, trust, signed(key, documents), ticket_rows(tickets, ["LIC"]))


PORTFOLIO_LICENSES = 50
PACKS_PER_LICENSE = 6
STATEMENTS_PER_LICENSE = 3
STATEMENT_TICKETS = 10


def portfolio_database(path: Path, licenses: int, tickets: int) -> Console:
    """A portfolio (R16): `licenses` licenses, each with 6 packs and 3 statements of 10 tickets
    (10 signed documents a license: 500 for 50), and `tickets` local tickets spread over them."""
    from licensing.claims import DocumentType

    key, trust = vendor_key()
    ids = [f"LIC-{n:03d}" for n in range(licenses)]
    documents: list[tuple[DocumentType, dict[str, Any]]] = []
    for n, license_id in enumerate(ids):
        sm_end = date(2026, 1 + n % 12, 1 + n % 28)
        documents.append(
            (
                DocumentType.LICENSE,
                license_claims(
                    license_id,
                    max(tickets // licenses // 10, 1),
                    sm_end=sm_end.isoformat(),
                    product={"code": f"P{n % 5}", "name": f"Product {n % 5}", "category": "x"},
                    environment=["production", "test", "development"][n % 3],
                ),
            )
        )
        documents += [
            (
                DocumentType.SUPPORT_PACK,
                pack_claims(f"{license_id}-P{p}", license_id, START + timedelta(days=365 * p)),
            )
            for p in range(PACKS_PER_LICENSE)
        ]
        documents += [
            (
                DocumentType.TICKET_STATEMENT,
                {
                    "license_id": license_id,
                    "issued_at": f"202{3 + s}-06-01T00:00:00Z",
                    "tickets": [
                        {
                            "case_id": f"V-{license_id}-{s}-{t}",
                            "opened_on": (START + timedelta(days=400 * s + 30 * t)).isoformat(),
                            "kind": "incident",
                            "classification": "customer",
                        }
                        for t in range(STATEMENT_TICKETS)
                    ],
                },
            )
            for s in range(STATEMENTS_PER_LICENSE)
        ]
    return _store(path, key, trust, signed(key, documents), ticket_rows(tickets, ids))


# The raw floors -----------------------------------------------------------------------------


def raw_rows(path: Path) -> tuple[list[str], list[tuple[object, ...]]]:
    """The stored tokens and the local tickets' rows, read with the sqlite3 module alone."""
    with closing(sqlite3.connect(path)) as connection:
        tokens = [t for (t,) in connection.execute("SELECT token FROM documents")]
        rows = connection.execute(f"SELECT {TICKET_COLUMNS} FROM tickets").fetchall()
    return tokens, rows


def raw_verifier(path: Path) -> Callable[[Sequence[str]], None]:
    """Verifies v4.public tokens with cryptography's Ed25519 and nothing else: base64 of the
    body and footer, the pre-authentication encoding, one signature check each (the floor of
    re-verifying what is stored)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    document = json.loads(trust_file(path).read_text(encoding="utf-8"))
    raw = base64.urlsafe_b64decode(document["keys"][0].split(".")[2] + "=")
    public: Ed25519PublicKey = Ed25519PublicKey.from_public_bytes(raw)
    header = b"v4.public."

    def verify(tokens: Sequence[str]) -> None:
        for token in tokens:
            _, _, body, footer = token.split(".")
            data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            foot = base64.urlsafe_b64decode(footer + "=" * (-len(footer) % 4))
            message, signature = data[:-64], data[-64:]
            pae = b"".join(
                [
                    (4).to_bytes(8, "little"),
                    len(header).to_bytes(8, "little"),
                    header,
                    len(message).to_bytes(8, "little"),
                    message,
                    len(foot).to_bytes(8, "little"),
                    foot,
                    (0).to_bytes(8, "little"),
                ]
            )
            public.verify(signature, pae)

    return verify
