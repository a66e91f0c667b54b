"""Concurrency: the GUI's service layer and several CLI processes writing one SQLite file at once.

    python scripts/concurrency.py [--seconds 20] [--cli-processes 4] [--gui-threads 2] [--keep DIR]

For a bounded time, writers run side by side on one SQLite database:

- the GUI's service layer: one console used from a `concurrent.futures.ThreadPoolExecutor` with
  2 threads (as the GUI's worker runs its jobs), adding tickets (`app.tickets.add_ticket`),
  importing CSV batches of 5 tickets (`app.tickets.import_csv`), importing signed support packs
  (`app.importing.import_documents`: new tokens for the shared verification cache while the
  other thread reads), and reading the dashboard (`app.status.portfolio_status`, which verifies
  every stored token) in between;
- 4 CLI processes, each running `python -m app --db sqlite:///... --trust VENDOR tickets add
  --case ID ...` again and again with unique case ids (and now and then `tickets import CSV` or
  `import PACK`).

The database holds one license, signed by a key the GUI side trusts as the vendor's and the CLI
processes through `--trust`.

Counts every write: attempted, succeeded, failed with "locked" (a "database is locked" that
reached a user), failed otherwise, and lost (a write reported as succeeded whose tickets are not
all in the database at the end). Exits 1 if any write was lost or failed with "locked" (or failed
in another way). A write's ids are its case ids, or `pack:ID` for a support pack (found by
verifying the stored tokens).
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts._common import TODAY, Vendor, console_on, license_claims, sqlite_url  # noqa: E402

if TYPE_CHECKING:
    from app.console import Console


@dataclass
class Counts:
    attempted: int = 0
    succeeded: int = 0
    locked: int = 0
    other_failures: int = 0
    lost: int = 0
    examples: list[str] = field(default_factory=list)
    expected: set[str] = field(default_factory=set)  # case ids of the succeeded writes
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, case_ids: list[str], error: str | None) -> None:
        with self.lock:
            self.attempted += 1
            if error is None:
                self.succeeded += 1
                self.expected.update(case_ids)
                return
            if "locked" in error.lower() or "busy" in error.lower():
                self.locked += 1
            else:
                self.other_failures += 1
            if len(self.examples) < 10:
                self.examples.append(error.strip()[-400:])


@dataclass
class Report:
    gui: Counts
    cli: Counts
    seconds: float
    reads: int

    @property
    def failed(self) -> bool:
        return any(c.lost or c.locked or c.other_failures for c in (self.gui, self.cli))


def _pack(vendor: Vendor, pack_id: str) -> bytes:
    from licensing.claims import DocumentType
    from scripts._common import pack_claims

    return vendor.sign(DocumentType.SUPPORT_PACK, pack_claims(pack_id)).encode()


def _import_one(console: Console, document: tuple[str, bytes]) -> None:
    from app.importing import import_documents

    report = import_documents(console, [document])
    if not report.succeeded:
        raise RuntimeError(f"the pack was refused: {report.files}")


def _gui_side(
    console: Console, vendor: Vendor, threads: int, deadline: float, counts: Counts, work: Path
) -> int:
    """Jobs on a thread pool, as the GUI's worker runs them; returns how many reads ran."""
    from app.errors import UserError
    from app.status import portfolio_status
    from app.tickets import add_ticket, import_csv
    from licensing.claims import Ticket

    numbers = itertools.count(1)
    reads = 0

    def job(n: int) -> None:
        nonlocal reads
        if n % 7 == 0:
            portfolio_status(console, TODAY)  # a read between the writes, as the dashboard does
            with counts.lock:
                reads += 1
            return
        if n % 11 == 0:
            case_ids = [f"pack:GUIPACK-{n}"]
            write: Callable[[], object] = partial(
                _import_one, console, (f"pack-{n}", _pack(vendor, f"GUIPACK-{n}"))
            )
        elif n % 5 == 0:
            case_ids = [f"GUICSV-{n}-{i}" for i in range(5)]
            path = work / f"gui-{n}.csv"
            path.write_text(
                "case_id,opened_on\n" + "".join(f"{c},2024-05-02\n" for c in case_ids),
                encoding="utf-8",
            )
            write = partial(import_csv, console, path)
        else:
            case_ids = [f"GUI-{n}"]
            write = partial(add_ticket, console, Ticket(case_ids[0], date(2024, 5, 2)))
        try:
            write()
        except UserError as exc:
            counts.record(case_ids, f"{type(exc).__name__}: {exc}")
        except Exception as exc:
            counts.record(case_ids, f"unexpected {type(exc).__name__}: {exc}")
        else:
            counts.record(case_ids, None)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        pending: set[Future[None]] = set()
        while time.monotonic() < deadline:
            while len(pending) < threads * 2:
                pending.add(pool.submit(job, next(numbers)))
            done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            for future in done:
                future.result()
        for future in pending:
            future.result()
    return reads


def _cli_worker(
    index: int,
    db_url: str,
    vendor: Vendor,
    env: dict[str, str],
    deadline: float,
    counts: Counts,
    work: Path,
) -> None:
    """One CLI process after another, each adding one ticket (every 6th: importing a CSV of 3;
    every 10th: importing a support pack)."""
    for n in itertools.count(1):
        if time.monotonic() >= deadline:
            return
        if n % 10 == 0:
            case_ids = [f"pack:CLIPACK-{index}-{n}"]
            path = work / f"cli-pack-{index}-{n}.paseto"
            path.write_bytes(_pack(vendor, f"CLIPACK-{index}-{n}"))
            command = ["import", str(path)]
        elif n % 6 == 0:
            case_ids = [f"CLICSV-{index}-{n}-{i}" for i in range(3)]
            path = work / f"cli-{index}-{n}.csv"
            path.write_text(
                "case_id,opened_on\n" + "".join(f"{c},2024-05-02\n" for c in case_ids),
                encoding="utf-8",
            )
            command = ["tickets", "import", str(path)]
        else:
            case_ids = [f"CLI-{index}-{n}"]
            command = ["tickets", "add", "--case", case_ids[0], "--opened", "2024-05-02"]
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "app",
                "--db",
                db_url,
                "--trust",
                str(vendor.trust_file),
                *command,
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
        error = None if done.returncode == 0 else f"exit {done.returncode}: {done.stderr}"
        counts.record(case_ids, error)


def _count_lost(db_url: str, vendor: Vendor, counts: Counts) -> None:
    from sqlalchemy import select

    from app.storage.database import Database
    from app.storage.schema import documents, tickets
    from licensing.claims import SupportPackClaims
    from licensing.documents import verify_token

    database = Database(db_url)
    trust = vendor.trust()
    try:
        with database.read() as connection:
            stored = set(connection.execute(select(tickets.c.case_id)).scalars())
            for token in connection.execute(select(documents.c.token)).scalars():
                claims = verify_token(token, trust).claims
                if isinstance(claims, SupportPackClaims):
                    stored.add(f"pack:{claims.pack_id}")
    finally:
        database.dispose()
    counts.lost = len(counts.expected - stored)


def run(seconds: float, cli_processes: int, gui_threads: int, work: Path, seed: int = 1) -> Report:
    """Runs both sides for `seconds` against a new database in `work`."""
    import random

    from app.importing import import_files
    from licensing.claims import DocumentType

    work.mkdir(parents=True, exist_ok=True)
    db_url = sqlite_url(work / "shared.sqlite3")
    vendor = Vendor.create(random.Random(seed), work / "vendor")
    console = console_on(db_url, vendor.trust(), date.today())
    license_file = vendor.write(work / "license.key", DocumentType.LICENSE, license_claims())
    if not import_files(console, [license_file]).succeeded:
        raise RuntimeError("the license was not imported")
    env = {**os.environ, "ENTITLEMENT_CONSOLE_HOME": str(work / "home"), "PYTHONPATH": str(ROOT)}
    gui, cli = Counts(), Counts()
    start = time.monotonic()
    deadline = start + seconds
    workers = [
        threading.Thread(
            target=_cli_worker,
            args=(i, db_url, vendor, env, deadline, cli, work),
            daemon=True,
        )
        for i in range(1, cli_processes + 1)
    ]
    for worker in workers:
        worker.start()
    try:
        reads = _gui_side(console, vendor, gui_threads, deadline, gui, work)
    finally:
        for worker in workers:
            worker.join()
        console.close()
    elapsed = time.monotonic() - start
    _count_lost(db_url, vendor, gui)
    _count_lost(db_url, vendor, cli)
    return Report(gui, cli, elapsed, reads)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--cli-processes", type=int, default=4)
    parser.add_argument("--gui-threads", type=int, default=2)
    parser.add_argument(
        "--keep", type=Path, help="work in this folder and keep it (default: a temporary one)"
    )
    args = parser.parse_args(argv)
    print(
        f"concurrency: {args.seconds:g} s, a Console on {args.gui_threads} threads and "
        f"{args.cli_processes} CLI processes writing one SQLite file",
        flush=True,
    )
    if args.keep:
        report = run(args.seconds, args.cli_processes, args.gui_threads, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="concurrency-") as tmp:
            report = run(args.seconds, args.cli_processes, args.gui_threads, Path(tmp))
    print(f"{'writer':22} {'attempted':>9} {'succeeded':>9} {'locked':>7} {'other':>6} {'lost':>5}")
    for name, c in (("GUI services (threads)", report.gui), ("CLI processes", report.cli)):
        print(
            f"{name:22} {c.attempted:>9} {c.succeeded:>9} {c.locked:>7} {c.other_failures:>6} {c.lost:>5}"
        )
    total = [report.gui, report.cli]
    print(
        f"total: {sum(c.attempted for c in total)} writes attempted, "
        f"{sum(c.succeeded for c in total)} succeeded, {sum(c.locked for c in total)} failed with "
        f"'locked', {sum(c.other_failures for c in total)} failed otherwise, "
        f"{sum(c.lost for c in total)} lost; {report.reads} dashboard reads; {report.seconds:.1f}s"
    )
    for c in total:
        for example in c.examples:
            print("  " + example.replace("\n", "\n  "))
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
