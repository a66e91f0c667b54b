"""Helpers for the benchmarks: timing side by side, building data sets, the machine's description."""

from __future__ import annotations

import json
import os
import platform
import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from licensing.documents import TrustStore

ROOT = Path(__file__).resolve().parents[1]
START = date(2020, 1, 1)
AS_OF = date(2026, 1, 1)


class Figure(NamedTuple):
    id: str
    what: str
    value: float
    target: str
    met: bool
    detail: str

    def line(self) -> str:
        verdict = "met" if self.met else "MISSED"
        return f"{self.id:4} {self.what:58} {self.value:8.2f}  target {self.target:10} {verdict}  ({self.detail})"


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


def vendor_key() -> tuple[Ed25519PrivateKey, TrustStore]:
    """A fresh signing key, and a trust store that trusts it as the vendor's."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from licensing.documents import TrustedKey, TrustSource, TrustStore
    from licensing.paserk import key_id

    key = Ed25519PrivateKey.generate()
    public = key.public_key()
    return key, TrustStore().with_keys([TrustedKey(key_id(public), public, TrustSource.VENDOR)])


def ledger_database(path: Path, tickets: int, packs: int) -> Any:
    """A real SQLite ledger with one license, `packs` packs and `tickets` tickets, via the app;
    the key that signed its documents goes to `<path>.trust.json` for a `--trust` option."""
    from sqlalchemy import insert

    from app.paths import sqlite_url
    from app.services import Console
    from app.storage.database import Database
    from app.storage.schema import tickets as tickets_table
    from licensing.claims import DocumentType
    from licensing.documents import sign_document
    from licensing.paserk import public_to_paserk
    from licensing.policy import load_policy

    key, trust = vendor_key()
    path.with_name(path.name + ".trust.json").write_text(
        json.dumps({"keys": [public_to_paserk(key.public_key())]}), encoding="utf-8"
    )
    database = Database(sqlite_url(path))
    console = Console(database, trust, load_policy(), AS_OF)
    license_claims = {
        "license_id": "LIC",
        "revision": 1,
        "issued_at": "2019-12-01T00:00:00Z",
        "customer": {"id": "C", "name": "Bench"},
        "product": {"code": "P", "name": "P", "category": "x"},
        "license_type": "perpetual",
        "seats": {"users": 10, "devices": 0},
        "sm_start": START.isoformat(),
        "sm_end": "2027-01-01",
        "sm_annual_fee": {"amount": "1000.00", "currency": "USD"},
        "tickets_per_year": tickets // 10,
    }
    documents = [("license", sign_document(DocumentType.LICENSE, license_claims, key).encode())]
    for i in range(packs):
        pack = {
            "pack_id": f"P{i:04d}",
            "license_id": "LIC",
            "purchased_on": (START + timedelta(days=(i * 2190) // max(packs, 1))).isoformat(),
            "packs": 3,
            "po_number": f"PO{i}",
            "amount": {"amount": "6000.00", "currency": "USD"},
        }
        documents.append((f"pack{i}", sign_document(DocumentType.SUPPORT_PACK, pack, key).encode()))
    report = console.import_documents(documents)
    assert report.succeeded, report.files
    rng = random.Random(7)
    rows = [
        {
            "case_id": f"C{i:07d}",
            "license_id": "LIC",
            "opened_on": START + timedelta(days=rng.randrange(2190)),
            "kind": "incident",
            "classification": "product_bug" if i % 7 == 0 else "customer",
            "category": "training" if i % 13 == 0 else "product",
            "title": None,
            "source": "local",
            "statement_id": None,
            "vendor_issued_at": None,
            "created_at": "x",
            "updated_at": "x",
        }
        for i in range(tickets)
    ]
    with database.write() as connection:
        connection.execute(insert(tickets_table), rows)
    return console
