"""The writer that `scripts/crash_safety.py` starts and kills with SIGKILL at a random moment.

    python scripts/_crash_child.py --db URL --work DIR --seed N --round R

It opens a console on the database (trusting the key of `DIR/trust.json` as the vendor's),
prints "ready", then writes until it is killed, choosing at random among:

- a statement batch: 2,000 tickets in signed ticket-statement documents of at most
  `TICKETS_PER_STATEMENT` tickets each (every file stays under the 64 KiB cap), imported in one
  `app.importing.import_files` call; their `license_id` is `STMT-<batch>-of<files>`;
- a license and a support pack of the license `LICB-<batch>`, imported in one call;
- a CSV file of 20 to 400 tickets of the license LIC-1 through `app.tickets.import_csv`, case
  ids `CSV-<batch>-n<rows>-<row>`;
- one ticket through `app.tickets.add_ticket`, case id `ONE-<batch>`.

The markers let the parent check after the kill that every import is there entirely or not at all.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts._common import (  # noqa: E402
    console_on,
    license_claims,
    pack_claims,
    seeded_key,
    statement_claims,
    statement_ticket,
)

STATEMENT_TICKETS = 2_000
TICKETS_PER_STATEMENT = 250
BASE_LICENSE = "LIC-1"
"""Imported by the parent before the first round: the license the CSV and single tickets go to."""


def vendor_key(seed: int) -> Ed25519PrivateKey:
    """The signing key shared by the parent (which writes its trust file) and every child."""
    return seeded_key(random.Random(f"{seed}:vendor"))


def run(db_url: str, work: Path, seed: int, round_number: int) -> None:
    from app.importing import ImportReport, import_files
    from app.tickets import add_ticket, import_csv
    from licensing.claims import Category, Classification, DocumentType, Ticket, TicketKind
    from licensing.documents import sign_document
    from licensing.trust import TrustSource, TrustStore, parse_trust_file

    rng = random.Random(f"{seed}:{round_number}")
    key = vendor_key(seed)
    trust = TrustStore().with_keys(
        parse_trust_file((work / "trust.json").read_bytes(), TrustSource.VENDOR, "crash safety")
    )
    console = console_on(db_url, trust)
    folder = work / f"round-{round_number}"
    folder.mkdir(parents=True, exist_ok=True)
    print("ready", flush=True)

    def write(name: str, document_type: DocumentType, claims: dict[str, object]) -> Path:
        path = folder / name
        path.write_text(sign_document(document_type, claims, key), encoding="ascii")
        return path

    def statement_batch(batch: str) -> Callable[[], object]:
        files = STATEMENT_TICKETS // TICKETS_PER_STATEMENT
        license_id = f"STMT-{batch}-of{files}"
        paths = []
        for part in range(files):
            tickets = [
                statement_ticket(
                    f"S-{batch}-{part}-{i}",
                    f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    category=["product", "upgrade", "training"][i % 3],
                )
                for i in range(TICKETS_PER_STATEMENT)
            ]
            claims = statement_claims(tickets, license_id=license_id)
            paths.append(
                write(f"statement-{batch}-{part}.key", DocumentType.TICKET_STATEMENT, claims)
            )
        return lambda: import_files(console, paths)

    def license_batch(batch: str) -> Callable[[], object]:
        license_id = f"LICB-{batch}"
        paths = [
            write(f"license-{batch}.key", DocumentType.LICENSE, license_claims(license_id)),
            write(
                f"pack-{batch}.key",
                DocumentType.SUPPORT_PACK,
                pack_claims(f"P-{batch}", license_id),
            ),
        ]
        return lambda: import_files(console, paths)

    def csv_batch(batch: str) -> Callable[[], object]:
        rows = rng.randint(20, 400)
        csv_path = folder / f"tickets-{batch}.csv"
        csv_path.write_text(
            "case_id,opened_on,classification,title,license_id\n"
            + "".join(
                f'CSV-{batch}-n{rows}-{i},2024-05-{1 + i % 28:02d},customer,"row {i}, batch {batch}",'
                f"{BASE_LICENSE}\n"
                for i in range(rows)
            ),
            encoding="utf-8",
        )
        return lambda: import_csv(console, csv_path)

    def one_ticket(batch: str) -> Callable[[], object]:
        ticket = Ticket(
            f"ONE-{batch}",
            date(2024, 6, 1),
            TicketKind.INCIDENT,
            rng.choice(list(Classification)),
            Category.PRODUCT,
            None,
        )
        return lambda: add_ticket(console, ticket, BASE_LICENSE)

    # "start" and "done" around every call into the app, so that the parent can tell whether
    # the kill fell inside one (line-buffered: each line reaches the OS before the call).
    log = (folder / "operations.log").open("a", encoding="utf-8", buffering=1)
    iteration = 0
    while True:
        iteration += 1
        batch = f"{round_number}-{iteration}"
        choice = rng.random()
        if choice < 0.3:
            operation = statement_batch(batch)
        elif choice < 0.5:
            operation = license_batch(batch)
        elif choice < 0.75:
            operation = csv_batch(batch)
        else:
            operation = one_ticket(batch)
        log.write(f"start {batch}\n")
        outcome = operation()
        log.write(f"done {batch}\n")
        if isinstance(outcome, ImportReport) and not outcome.succeeded:
            raise RuntimeError(f"an import was refused: {outcome.files}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--round", type=int, required=True)
    args = parser.parse_args()
    run(args.db, args.work, args.seed, args.round)
    return 0


if __name__ == "__main__":
    sys.exit(main())
