"""`scripts/concurrency.py` for about 3 seconds: the GUI's service layer on two threads and four
CLI processes write one SQLite file; nothing is lost and no "database is locked" reaches a user.
The full run is `python scripts/concurrency.py` (20 s)."""

from __future__ import annotations

from pathlib import Path

from scripts import concurrency


def test_gui_threads_and_cli_processes_share_one_database(tmp_path: Path) -> None:
    report = concurrency.run(seconds=3, cli_processes=4, gui_threads=2, work=tmp_path)
    for side in (report.gui, report.cli):
        assert side.succeeded > 0
        assert side.locked == 0, side.examples
        assert side.other_failures == 0, side.examples
        assert side.lost == 0
        assert side.attempted == side.succeeded
