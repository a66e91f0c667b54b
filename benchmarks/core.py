"""P2, P3, P4, P7, P9 and P10: the command line, the ledger, imports, verification, the portfolio
and the armor reader, each measured side by side with its floor in the same run.

Every read verifies every stored token again (docs/rules.md, "Trust"), so each figure that reads
the database starts from an empty verification cache, as a command-line run does, unless it says
otherwise.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.common import (
    AS_OF,
    ROOT,
    START,
    Figure,
    compile_bytecode,
    fastest,
    ledger_database,
    license_claims,
    portfolio_database,
    raw_rows,
    raw_verifier,
    side_by_side,
    trust_file,
    vendor_key,
)

if TYPE_CHECKING:
    from app.console import Console
    from licensing.portfolio import PortfolioStatus
    from licensing.trust import TrustStore


def p2_cli_start(runs: int = 7) -> Figure:
    """`status --json` on the demo database, cold, against importing the CLI's own dependencies.

    Both sides run from bytecode, as an installed app does: the dependencies' was written when
    pip installed them, the app's is compiled here. (A checkout run with PYTHONDONTWRITEBYTECODE
    set, as on these machines, would otherwise compile the app's modules at every start.) The
    app's side verifies every stored demo token (12 documents, 3 licenses) on its way.
    """
    compile_bytecode()
    home = Path(tempfile.mkdtemp(prefix="bench-p2-"))
    env = {**os.environ, "ENTITLEMENT_CONSOLE_HOME": str(home)}
    cli = [sys.executable, "-m", "app", "--demo", "status", "--json"]
    run_allowing_warning(cli, env)  # creates the demo data
    floor = [
        sys.executable,
        "-c",
        "import sqlalchemy, sqlalchemy.engine, sqlite3, cryptography.hazmat.primitives.asymmetric.ed25519,"
        " dateutil.relativedelta, packaging.version, platformdirs",
    ]

    cli_time, floor_time = side_by_side(
        lambda: run_allowing_warning(cli, env),
        lambda: run_allowing_warning(floor, env),
        repeat=runs,
    )
    importtime = subprocess.run(
        [sys.executable, "-X", "importtime", *cli[1:]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    ).stderr
    qt_loaded = "PySide6" in importtime
    ratio = cli_time / floor_time
    return Figure(
        "P2",
        "status --json on the demo, cold / import of its dependencies",
        ratio,
        "<= 1.3x",
        ratio <= 1.3 and not qt_loaded,
        f"{cli_time * 1000:.0f} ms vs {floor_time * 1000:.0f} ms; PySide6 imported: {qt_loaded}",
    )


def run_allowing_warning(args: list[str], env: dict[str, str]) -> None:
    """Runs a process whose exit code may be 1 or 2 (a warning or critical state is a normal
    answer of `status`)."""
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, check=False, timeout=300)
    if done.returncode not in (0, 1, 2):
        raise RuntimeError(f"{' '.join(args[1:])} failed ({done.returncode}): {done.stderr!r}")


def cold_status(console: Console) -> PortfolioStatus:
    """`portfolio_status` as a command-line run computes it: every stored token verified again
    (an empty verification cache), every row read, every license evaluated."""
    from app.reading import VerificationCache
    from app.status import portfolio_status

    console.verifications = VerificationCache()
    return portfolio_status(console, AS_OF)


def p3_status_scaling(tickets: int = 100_000) -> list[Figure]:
    """One license with 100,000 local tickets and 200 packs.

    P3: `status` (every stored token verified again, every row read, the license evaluated)
    against the same over 1,000 tickets and 2 packs. P3b: the balance computation including the
    verification of the stored tokens (verify the 201 tokens, charge the tickets, compute the
    balances; the rows already read) against reading the same rows with the sqlite3 module.
    P3c: the whole status against that read (informational).
    """
    from app.collection import GarbageCollection
    from app.reading import VerificationCache, read_portfolio
    from app.storage.documents import stored_tokens
    from licensing.portfolio import evaluate

    folder = Path(tempfile.mkdtemp(prefix="bench-p3-"))
    large_path, small_path = folder / "large.sqlite3", folder / "small.sqlite3"
    small = ledger_database(small_path, tickets // 100, 2)
    large = ledger_database(large_path, tickets, 200)
    large_status, small_status = side_by_side(
        lambda: cold_status(large), lambda: cold_status(small), repeat=3
    )
    with large.database.read() as connection:
        tokens = [row.token for row in stored_tokens(connection)]
        portfolio = read_portfolio(large, connection)

    def balances() -> None:
        # As the app evaluates: with automatic garbage collection paused (app.collection).
        with GarbageCollection.paused():
            cache = VerificationCache()
            for token in tokens:
                cache.verify(token, large.trust)
            evaluate(portfolio, AS_OF, large.policy)

    compute, raw_time = side_by_side(balances, lambda: raw_rows(large_path), repeat=3)
    status_time, raw_again = side_by_side(
        lambda: cold_status(large), lambda: raw_rows(large_path), repeat=3
    )
    large.close()
    small.close()
    growth = large_status / small_status
    return [
        Figure(
            "P3",
            f"status: {tickets:,} tickets, 200 packs / {tickets // 100:,}, 2 packs",
            growth,
            "<= 120x",
            growth <= 120,
            f"{large_status * 1000:.0f} ms vs {small_status * 1000:.1f} ms, every token verified",
        ),
        Figure(
            "P3b",
            f"balances + verifying the {len(tokens)} tokens / raw sqlite3 read of the rows",
            compute / raw_time,
            "<= 2x",
            compute / raw_time <= 2,
            f"{compute * 1000:.0f} ms vs {raw_time * 1000:.0f} ms",
        ),
        Figure(
            "P3c",
            "whole status, rows read through the app / raw read (informational)",
            status_time / raw_again,
            "-",
            True,
            f"{status_time * 1000:.0f} ms vs {raw_again * 1000:.0f} ms",
        ),
    ]


def p4_statement_import(count: int = 10_000) -> list[Figure]:
    """10,000 vendor tickets imported as 25 signed statements, then the first `status` after
    them, against raw executemany of the same rows.

    Only the 25 tokens are stored; what the old design did at import (parse and store every
    ticket) now happens at every read, so the import alone is not the honest figure: P4 is the
    import plus the first status (which verifies the 25 statements and the license and charges
    the 10,000 tickets), P4b the import alone and P4c the status alone. One statement of 10,000
    tickets (about 1 MB) would exceed the 64 KiB cap on a document, hence 25 of 400.
    """
    from app.importing import import_documents
    from licensing.claims import DocumentType
    from licensing.documents import sign_document

    key, trust = vendor_key()
    tickets = [
        {
            "case_id": f"V{i:06d}",
            "opened_on": (START + timedelta(days=i % 2000)).isoformat(),
            "kind": "incident",
            "classification": "customer",
        }
        for i in range(count)
    ]
    issued = datetime(2026, 1, 1, tzinfo=UTC).isoformat().replace("+00:00", "Z")
    documents = [
        (
            f"s{n}",
            sign_document(
                DocumentType.TICKET_STATEMENT,
                {
                    "license_id": "LIC",
                    "issued_at": issued,
                    "tickets": tickets[n * 400 : (n + 1) * 400],
                },
                key,
            ).encode(),
        )
        for n in range((count + 399) // 400)
    ]
    license_token = sign_document(DocumentType.LICENSE, license_claims("LIC", 1000), key)
    # Both sides start from a copy of the same database holding the license, made before the
    # clock starts.
    folder = Path(tempfile.mkdtemp(prefix="bench-p4-"))
    schema = folder / "schema.sqlite3"
    seed = _console_at(schema, trust)
    assert import_documents(seed, [("license", license_token.encode())]).succeeded
    seed.close()
    repeat = 5
    copies = [folder / f"copy{n}.sqlite3" for n in range(2 * (repeat + 1) + 2 * (repeat + 1))]
    for copy in copies:
        shutil.copyfile(schema, copy)
    app_copies, raw_copies = copies[: repeat + 1], copies[repeat + 1 : 2 * (repeat + 1)]
    split_copies = copies[2 * (repeat + 1) :]
    import_times: list[float] = []
    status_times: list[float] = []

    def app_import() -> None:
        console = _console_at(app_copies.pop(), trust)
        assert import_documents(console, documents).succeeded
        status = cold_status(console)
        assert sum(s.balance.annual_used for s in status.licenses) >= 0
        console.close()

    raw_rows_ = [
        (t["case_id"], "LIC", t["opened_on"], "incident", "customer", "product", None, "x", "x")
        for t in tickets
    ]

    def raw_import() -> None:
        with closing(sqlite3.connect(raw_copies.pop())) as connection, connection:
            connection.executemany(
                "INSERT INTO tickets (case_id, license_id, opened_on, kind, classification, "
                "category, title, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                raw_rows_,
            )

    def split() -> None:
        import time

        console = _console_at(split_copies.pop(), trust)
        start = time.perf_counter()
        assert import_documents(console, documents).succeeded
        middle = time.perf_counter()
        cold_status(console)
        import_times.append(middle - start)
        status_times.append(time.perf_counter() - middle)
        console.close()

    app_time, raw_time = side_by_side(app_import, raw_import, repeat=repeat)
    for _ in range(repeat + 1):
        split()
    import_time, status_time = min(import_times), min(status_times)
    ratio = app_time / raw_time
    return [
        Figure(
            "P4",
            f"import of {count:,} statement tickets + first status / raw executemany",
            ratio,
            "<= 3x",
            ratio <= 3,
            f"{app_time * 1000:.0f} ms vs {raw_time * 1000:.0f} ms",
        ),
        Figure(
            "P4b",
            "the import alone: 25 tokens verified and stored (informational)",
            import_time / raw_time,
            "-",
            True,
            f"{import_time * 1000:.0f} ms vs {raw_time * 1000:.0f} ms",
        ),
        Figure(
            "P4c",
            "the first status alone: tokens verified, tickets charged (informational)",
            status_time / raw_time,
            "-",
            True,
            f"{status_time * 1000:.0f} ms vs {raw_time * 1000:.0f} ms",
        ),
    ]


def _console_at(path: Path, trust: TrustStore) -> Console:
    from app.console import Console
    from app.paths import sqlite_url
    from app.storage.database import Database
    from licensing.policy import load_policy

    return Console(Database(sqlite_url(path)), trust, load_policy(), AS_OF)


def p7_verification(n: int = 2000) -> Figure:
    from licensing import paseto
    from licensing.claims import DocumentType
    from licensing.documents import sign_document, verify_document

    key, trust = vendor_key()
    public = key.public_key()
    claims = json.loads((ROOT / "benchmarks" / "license-claims.json").read_text())
    token = sign_document(DocumentType.LICENSE, claims, key)
    data = token.encode()
    parts = paseto.split(token)
    signed = paseto.pae(paseto.HEADER.encode(), parts.message, parts.footer, b"")

    def ours() -> None:
        for _ in range(n):
            verify_document(data, trust)

    def raw() -> None:
        for _ in range(n):
            public.verify(parts.signature, signed)

    ours_time, raw_time = side_by_side(ours, raw)
    ratio = raw_time / ours_time
    return Figure(
        "P7",
        "license verification throughput / raw Ed25519 verify",
        ratio,
        ">= 0.7x",
        ratio >= 0.7,
        f"{n / ours_time:,.0f}/s vs {n / raw_time:,.0f}/s",
    )


def p9_portfolio(licenses: int = 50, tickets: int = 100_000, repeat: int = 3) -> list[Figure]:
    """`status --json` over a portfolio of 50 licenses, 500 signed documents and 100,000 local
    tickets, run through the command line's `main` in this process (so that the figure is the
    work of the command, not Python's start-up, which P2 measures): open the console, verify
    every stored token, read every ticket, evaluate every license, write the JSON. The floor
    verifies the same tokens with raw Ed25519 and reads the same ticket rows with sqlite3."""
    from app.cli import main
    from app.paths import HOME_VARIABLE, sqlite_url

    folder = Path(tempfile.mkdtemp(prefix="bench-p9-"))
    path = folder / "portfolio.sqlite3"
    portfolio_database(path, licenses, tickets).close()
    argv = [
        "--db",
        sqlite_url(path),
        "--trust",
        str(trust_file(path)),
        "--as-of",
        AS_OF.isoformat(),
    ]
    argv += ["status", "--json"]
    saved_home = os.environ.get(HOME_VARIABLE)
    os.environ[HOME_VARIABLE] = str(folder / "home")
    verify = raw_verifier(path)
    documents = len(raw_rows(path)[0])

    def status_json() -> None:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(argv)
        if code not in (0, 1, 2):
            raise RuntimeError(f"status --json failed ({code}): {out.getvalue()[-300:]}")
        assert len(json.loads(out.getvalue())["licenses"]) == licenses

    def floor() -> None:
        tokens, _ = raw_rows(path)
        verify(tokens)

    try:
        app_time, floor_time = side_by_side(status_json, floor, repeat=repeat)
        read_time = fastest(lambda: raw_rows(path), repeat=repeat)
    finally:
        if saved_home is None:
            os.environ.pop(HOME_VARIABLE, None)
        else:
            os.environ[HOME_VARIABLE] = saved_home
    ratio = app_time / floor_time
    return [
        Figure(
            "P9",
            f"status --json: {licenses} licenses, {documents} documents, {tickets:,} tickets / floor",
            ratio,
            "<= 2.5x",
            ratio <= 2.5,
            f"{app_time * 1000:.0f} ms vs {floor_time * 1000:.0f} ms (raw Ed25519 of the "
            f"tokens + sqlite3 read of the rows; the read alone {read_time * 1000:.0f} ms)",
        )
    ]


PATHOLOGICAL = 64 * 1024


def armor_shapes() -> dict[str, bytes]:
    """Adversarial documents of exactly 64 KiB for the armor reader."""
    size = PATHOLOGICAL
    token_run = ("v4.public." + "A" * 90 + "\n") * (size // 101)
    shapes = {
        "BEGIN + dashes": b"-----BEGIN" + b"-" * (size - 10),
        "BEGIN lines": b"-----BEGIN\n" * (size // 11),
        "unclosed label": b"-----BEGIN " + b"X" * (size - 11),
        "BEGIN, no END": b"-----BEGIN K-----\n" + b"A" * (size - 18),
        "headers in prose": b"v4.public. x\n" * (size // 13),
        "token lines": token_run.encode(),
        "whitespace": b" \n" * (size // 2),
    }
    return {name: data[:size] for name, data in shapes.items()}


def p10_armor(repeat: int = 7) -> Figure:
    """The armor reader on 64 KiB adversarial files: the worst shape in ms, against the floor of
    a plain `bytes.decode` + `str.split()` of the same data."""
    from licensing.documents import token_from_bytes
    from licensing.errors import DocumentError

    def read(data: bytes) -> Callable[[], None]:
        def run() -> None:
            with contextlib.suppress(DocumentError):
                token_from_bytes(data)

        return run

    def floor(data: bytes) -> Callable[[], None]:
        def run() -> None:
            data.decode("utf-8").split()

        return run

    timings = {
        name: side_by_side(read(data), floor(data), repeat=repeat)
        for name, data in armor_shapes().items()
    }
    worst = max(timings, key=lambda name: timings[name][0])
    app_time, floor_time = timings[worst]
    return Figure(
        "P10",
        "armor reader, worst 64 KiB adversarial file (ms)",
        app_time * 1000,
        "< 50 ms",
        app_time < 0.05,
        f"'{worst}': {app_time * 1000:.2f} ms vs decode + split {floor_time * 1000:.2f} ms "
        f"({app_time / floor_time:.1f}x); "
        + ", ".join(f"{name} {t * 1000:.2f}" for name, (t, _) in timings.items()),
    )
