"""Three rounds of `scripts/crash_safety.py`: a writer killed with SIGKILL leaves an intact
database and whole imports. The full run is `python scripts/crash_safety.py` (100 rounds)."""

from __future__ import annotations

from pathlib import Path

from scripts import crash_safety


def test_three_killed_writers_leave_nothing_half_done(tmp_path: Path) -> None:
    summary = crash_safety.run(rounds=3, seed=11, max_delay=0.4, work=tmp_path, echo=False)
    assert summary.rounds == 3
    assert summary.kills == 3, summary.problems
    assert not summary.failed, summary.problems
    assert summary.stored["documents"] > 0  # the writers did write before they were killed


def test_the_checker_sees_a_partial_import(tmp_path: Path) -> None:
    """A statement missing one ticket and a CSV batch missing one row are reported."""
    import sqlite3

    crash_safety.run(rounds=1, seed=12, max_delay=0.6, work=tmp_path, echo=False)
    database = tmp_path / "crash.sqlite3"
    connection = sqlite3.connect(database)
    with connection:
        connection.execute(
            "INSERT INTO tickets (case_id, opened_on, kind, classification, category, source, "
            "created_at, updated_at) VALUES ('CSV-9-9-n2-0', '2024-05-02', 'incident', 'customer', "
            "'product', 'local', 'now', 'now')"
        )
    connection.close()
    summary = crash_safety.Summary()
    crash_safety.check_database(f"sqlite:///{database.as_posix()}", summary, 0)
    assert summary.partial_imports == 1, summary.problems
