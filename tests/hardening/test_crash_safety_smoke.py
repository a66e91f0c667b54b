"""Three rounds of `scripts/crash_safety.py`: a writer killed with SIGKILL leaves an intact
database and whole imports. The full run is `python scripts/crash_safety.py` (100 rounds)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from licensing.claims import DocumentType
from licensing.documents import sign_document
from scripts import crash_safety
from scripts._common import statement_claims, statement_ticket
from scripts._crash_child import vendor_key


def test_three_killed_writers_leave_nothing_half_done(tmp_path: Path) -> None:
    summary = crash_safety.run(rounds=3, seed=11, max_delay=0.4, work=tmp_path, echo=False)
    assert summary.rounds == 3
    assert summary.kills == 3, summary.problems
    assert not summary.failed, summary.problems
    assert summary.stored["documents"] > 0  # the writers did write before they were killed


def test_the_checker_sees_partial_imports(tmp_path: Path) -> None:
    """A CSV batch missing a row, a statement batch missing a file and a token changed in place
    are each reported."""
    crash_safety.run(rounds=1, seed=12, max_delay=0.6, work=tmp_path, echo=False)
    database = tmp_path / "crash.sqlite3"
    one_of_three = sign_document(
        DocumentType.TICKET_STATEMENT,
        statement_claims([statement_ticket("S-9-9-0-0", "2024-05-02")], license_id="STMT-9-9-of3"),
        vendor_key(12),
    )
    connection = sqlite3.connect(database)
    with connection:
        connection.execute(
            "INSERT INTO tickets (case_id, license_id, opened_on, kind, classification, category, "
            "created_at, updated_at) VALUES ('CSV-9-9-n2-0', 'LIC-1', '2024-05-02', 'incident', "
            "'customer', 'product', 'now', 'now')"
        )
        connection.execute(
            "INSERT INTO documents (digest, token, imported_at) VALUES ('d1', ?, 'now')",
            (one_of_three,),
        )
        connection.execute(
            "INSERT INTO documents (digest, token, imported_at) VALUES ('d2', ?, 'now')",
            (one_of_three[:-8] + "AAAAAAAA",),
        )
    connection.close()
    summary = crash_safety.Summary()
    crash_safety.check_database(f"sqlite:///{database.as_posix()}", summary, 0, seed=12)
    assert summary.partial_imports == 3, summary.problems
