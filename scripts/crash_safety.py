"""Crash safety: a writer killed with SIGKILL at a random moment never leaves a damaged database
or half an import.

    python scripts/crash_safety.py [--rounds 100] [--seed 1] [--max-delay 0.6] [--keep DIR]

Before the first round the parent creates the database and imports the license LIC-1. Each round
then starts `scripts/_crash_child.py`, which opens a console on that SQLite file and imports signed
documents (2,000-ticket statements split into files under the 64 KiB cap, licenses with a pack)
through `app.importing.import_files`, CSV batches through `app.tickets.import_csv`, and single
tickets through `app.tickets.add_ticket`, until the parent kills it with SIGKILL: after it reports
"ready", at a random delay (one round in ten: at a random moment of its start-up). After each
kill the parent checks that:

- the database opens through `app.storage.database.Database` (opens failed otherwise);
- `PRAGMA integrity_check` says ok and `PRAGMA foreign_key_check` finds nothing (integrity
  failures otherwise);
- every stored token still verifies against the vendor's key, and every import is there entirely
  or not at all (partial imports otherwise): each statement batch has all its files, each license
  batch its license and its pack, each CSV batch all its rows (the batch and its size are in the
  statements' license ids and in the case ids).

Prints rounds, kills, integrity failures, partial imports, opens failed (and the child errors: a
writer that stopped by itself), with what was stored; exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import random
import re
import select
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from licensing.trust import TrustStore

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts._common import console_on, license_claims, trust_json, trust_store  # noqa: E402
from scripts._crash_child import BASE_LICENSE, vendor_key  # noqa: E402

CHILD = Path(__file__).resolve().parent / "_crash_child.py"
READY_TIMEOUT = 60.0
_CSV_ID = re.compile(r"CSV-(\d+-\d+)-n(\d+)-\d+")
_STATEMENT_BATCH = re.compile(r"STMT-\d+-\d+-of(\d+)")


@dataclass
class Summary:
    rounds: int = 0
    kills: int = 0
    kills_inside: int = 0
    integrity_failures: int = 0
    partial_imports: int = 0
    opens_failed: int = 0
    child_errors: int = 0
    problems: list[str] = field(default_factory=list)
    stored: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return bool(
            self.integrity_failures + self.partial_imports + self.opens_failed + self.child_errors
        )

    def problem(self, text: str) -> None:
        if len(self.problems) < 20:
            self.problems.append(text)


def check_database(db_url: str, summary: Summary, round_number: int, seed: int) -> None:
    """Opens the database as the app does and checks its integrity and every import's wholeness."""
    from sqlalchemy import text

    from app.storage.database import Database

    try:
        database = Database(db_url)
    except Exception as exc:
        summary.opens_failed += 1
        summary.problem(f"round {round_number}: the database did not open: {exc}")
        return
    try:
        with database.read() as connection:
            integrity = [row[0] for row in connection.execute(text("PRAGMA integrity_check"))]
            foreign = connection.execute(text("PRAGMA foreign_key_check")).all()
            if integrity != ["ok"] or foreign:
                summary.integrity_failures += 1
                summary.problem(
                    f"round {round_number}: integrity {integrity[:3]}, foreign keys {foreign[:3]}"
                )
            partial = _partial_imports(connection, seed)
            summary.stored = _stored(connection, seed)
    except Exception as exc:
        summary.opens_failed += 1
        summary.problem(f"round {round_number}: the database could not be read: {exc}")
        return
    finally:
        database.dispose()
    if partial:
        summary.partial_imports += len(partial)
        for item in partial[:5]:
            summary.problem(f"round {round_number}: {item}")


def _partial_imports(connection: object, seed: int) -> list[str]:
    from sqlalchemy import Connection, text

    from licensing.claims import LicenseClaims, SupportPackClaims, TicketStatementClaims
    from licensing.documents import verify_token
    from licensing.errors import DocumentError

    assert isinstance(connection, Connection)
    trust = _trust(seed)
    found: list[str] = []
    statement_batches: Counter[str] = Counter()
    license_batches: Counter[str] = Counter()
    for doc_id, token in connection.execute(text("SELECT id, token FROM documents")):
        try:
            claims = verify_token(str(token), trust).claims
        except DocumentError as exc:
            found.append(f"stored document {doc_id} does not verify ({exc.code})")
            continue
        if isinstance(claims, TicketStatementClaims):
            statement_batches[claims.license_id] += 1
        elif isinstance(claims, LicenseClaims | SupportPackClaims) and claims.license_id.startswith(
            "LICB-"
        ):
            license_batches[claims.license_id] += 1
    for subject, count in statement_batches.items():
        match = _STATEMENT_BATCH.fullmatch(subject)
        if match is None or count != int(match.group(1)):
            found.append(f"statement batch {subject} has {count} files")
    for subject, count in license_batches.items():
        if count != 2:
            found.append(f"license batch {subject} has {count} of its 2 documents")
    csv_batches: Counter[tuple[str, int]] = Counter()
    for (case_id,) in connection.execute(
        text("SELECT case_id FROM tickets WHERE case_id LIKE 'CSV-%'")
    ):
        match = _CSV_ID.fullmatch(case_id)
        if match is None:
            found.append(f"unexpected case id {case_id}")
            continue
        csv_batches[(match.group(1), int(match.group(2)))] += 1
    for (batch, rows), count in csv_batches.items():
        if count != rows:
            found.append(f"CSV batch {batch} has {count} of its {rows} rows")
    return found


def _trust(seed: int) -> TrustStore:
    from licensing.trust import TrustSource

    return trust_store((vendor_key(seed), TrustSource.VENDOR))


def _stored(connection: object, seed: int) -> dict[str, int]:
    from sqlalchemy import Connection, text

    from licensing.claims import LicenseClaims, TicketStatementClaims
    from licensing.documents import verify_token
    from licensing.errors import DocumentError

    assert isinstance(connection, Connection)
    trust = _trust(seed)
    documents = statements = licenses = statement_tickets = 0
    for (token,) in connection.execute(text("SELECT token FROM documents")):
        documents += 1
        try:
            claims = verify_token(str(token), trust).claims
        except DocumentError:
            continue
        if isinstance(claims, TicketStatementClaims):
            statements += 1
            statement_tickets += len(claims.tickets)
        elif isinstance(claims, LicenseClaims):
            licenses += 1
    query = {
        "local tickets": "SELECT count(*) FROM tickets",
        "csv tickets": "SELECT count(*) FROM tickets WHERE case_id LIKE 'CSV-%'",
        "single tickets": "SELECT count(*) FROM tickets WHERE case_id LIKE 'ONE-%'",
    }
    counts = {
        "documents": documents,
        "statements": statements,
        "statement tickets": statement_tickets,
        "licenses": licenses,
    }
    counts.update(
        {name: int(connection.execute(text(sql)).scalar() or 0) for name, sql in query.items()}
    )
    return counts


def run(rounds: int, seed: int, max_delay: float, work: Path, echo: bool = True) -> Summary:
    """Runs the rounds in `work` (which holds the database); returns what was counted."""
    rng = random.Random(seed)
    work.mkdir(parents=True, exist_ok=True)
    (work / "trust.json").write_text(trust_json(vendor_key(seed)), encoding="utf-8")
    db_url = f"sqlite:///{(work / 'crash.sqlite3').as_posix()}"
    _base_license(db_url, seed, work)
    summary = Summary()
    for round_number in range(1, rounds + 1):
        summary.rounds += 1
        _kill_a_writer(db_url, work, seed, round_number, rng, max_delay, summary)
        check_database(db_url, summary, round_number, seed)
        if echo and round_number % 10 == 0:
            print(
                f"  round {round_number}: kills {summary.kills}, failures "
                f"{summary.integrity_failures + summary.partial_imports + summary.opens_failed + summary.child_errors}, "
                f"stored {summary.stored}",
                flush=True,
            )
    return summary


def _base_license(db_url: str, seed: int, work: Path) -> None:
    """Creates the database with the license the CSV batches and single tickets go to."""
    from app.importing import import_documents
    from licensing.claims import DocumentType
    from licensing.documents import sign_document
    from licensing.trust import TrustSource

    key = vendor_key(seed)
    console = console_on(db_url, trust_store((key, TrustSource.VENDOR)))
    try:
        token = sign_document(DocumentType.LICENSE, license_claims(BASE_LICENSE), key)
        report = import_documents(console, [("license", token.encode())])
        if not report.succeeded:
            raise RuntimeError(f"the base license was not imported: {report.files}")
    finally:
        console.close()


def _kill_a_writer(
    db_url: str,
    work: Path,
    seed: int,
    round_number: int,
    rng: random.Random,
    max_delay: float,
    summary: Summary,
) -> None:
    """Starts the writer and kills it: after "ready" and a random delay, or (one round in ten)
    at a random moment of its start-up."""
    command = [sys.executable, str(CHILD), "--db", db_url, "--work", str(work)]
    command += ["--seed", str(seed), "--round", str(round_number)]
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    problem = None
    try:
        if rng.random() < 0.1:
            time.sleep(rng.uniform(0.0, 0.8))
        elif _wait_ready(child) == "ready":
            time.sleep(rng.uniform(0.0, max_delay))
        else:
            problem = "the writer did not start"
        if child.poll() is None and problem is None:
            child.kill()  # SIGKILL on POSIX
            summary.kills += 1
            summary.kills_inside += _killed_inside_an_operation(work / f"round-{round_number}")
        elif child.poll() is not None:
            problem = f"the writer stopped by itself with exit code {child.returncode}"
    finally:
        if child.poll() is None:
            child.kill()
        _, errors = child.communicate()
    if problem is not None:
        summary.child_errors += 1
        summary.problem(f"round {round_number}: {problem}: {errors[-800:]}")


def _killed_inside_an_operation(folder: Path) -> bool:
    """Whether the child's last logged line is the start of an import or a ticket write."""
    try:
        lines = (folder / "operations.log").read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    return bool(lines) and lines[-1].startswith("start ")


def _wait_ready(child: subprocess.Popen[str]) -> str:
    """The child's first line ("ready"), or "timeout" if it says nothing in time."""
    assert child.stdout is not None
    ready, _, _ = select.select([child.stdout], [], [], READY_TIMEOUT)
    if not ready:
        return "timeout"
    return child.stdout.readline().strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--max-delay", type=float, default=0.6, help="seconds after 'ready' (default 0.6)"
    )
    parser.add_argument(
        "--keep", type=Path, help="work in this folder and keep it (default: a temporary one)"
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    print(
        f"crash safety: {args.rounds} rounds, seed {args.seed}, SIGKILL up to {args.max_delay}s after start-up",
        flush=True,
    )
    if args.keep:
        summary = run(args.rounds, args.seed, args.max_delay, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="crash-safety-") as tmp:
            summary = run(args.rounds, args.seed, args.max_delay, Path(tmp))
    print(
        f"rounds {summary.rounds}, kills {summary.kills} ({summary.kills_inside} inside an import or "
        f"a ticket write), integrity failures {summary.integrity_failures}, "
        f"partial imports {summary.partial_imports}, opens failed {summary.opens_failed}, "
        f"child errors {summary.child_errors} ({time.perf_counter() - start:.1f}s)"
    )
    print("stored at the end: " + ", ".join(f"{k} {v:,}" for k, v in summary.stored.items()))
    for problem in summary.problems:
        print("  " + problem)
    return 1 if summary.failed else 0


if __name__ == "__main__":
    sys.exit(main())
