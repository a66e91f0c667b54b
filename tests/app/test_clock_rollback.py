"""R15, the clock rollback (docs/rules.md "The clock mark"): consoles whose clock (`today`) the test
sets, and the real binary with the system clock faked by Debian's `faketime` (libfaketime).

`faketime` is installed by .ci/run; without it the tests of the real binary are skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.console import Console
from app.importing import import_files
from app.paths import HOME_VARIABLE, sqlite_url
from app.status import portfolio_status
from app.storage import state
from licensing.claims import DocumentType
from licensing.warnings import Severity, StatusWarning, WarningCode
from tests.factories import Vendor, license_claims, statement_claims

ROOT = Path(__file__).resolve().parents[2]
FAKETIME = shutil.which("faketime")
needs_faketime = pytest.mark.skipif(FAKETIME is None, reason="Debian's faketime is not installed")
MakeConsole = Callable[..., Console]
# The mark is read the same way on every backend (tests/app/test_clock_mark.py runs on both).
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

AS_OF = date(2025, 1, 15)  # the worked example's license is active, with tickets: nothing to warn


def rollback(console: Console, as_of: date = AS_OF) -> StatusWarning | None:
    status = portfolio_status(console, as_of)
    found = [w for w in status.all_warnings if w.code is WarningCode.CLOCK_ROLLBACK]
    return found[0] if found else None


def mark(console: Console) -> date | None:
    with console.database.read() as connection:
        return state.latest_run(connection)


# consoles with a clock of the test's ----------------------------------------------------------


@sqlite_only
def test_the_latest_run_is_raised_and_never_lowered(make_console: MakeConsole) -> None:
    make_console(today=date(2025, 3, 10)).record_run()
    console = make_console()
    assert mark(console) == date(2025, 3, 10)
    make_console(today=date(2025, 3, 5)).record_run()  # a run on an earlier day
    assert mark(console) == date(2025, 3, 10)
    make_console(today=date(2025, 3, 20)).record_run()
    assert mark(console) == date(2025, 3, 20)


@sqlite_only
def test_a_clock_two_days_behind_warns_one_day_does_not(
    make_console: MakeConsole, vendor: Vendor
) -> None:
    first = make_console(today=date(2025, 3, 10))
    assert import_files(first, [vendor.write(DocumentType.LICENSE, license_claims())]).succeeded
    baseline = portfolio_status(first, AS_OF)
    assert (baseline.all_warnings, int(baseline.severity)) == ((), 0)

    assert rollback(make_console(today=date(2025, 3, 9))) is None

    behind = make_console(today=date(2025, 3, 8))
    warning = rollback(behind)
    assert warning is not None
    assert (warning.severity, warning.license_id) == (Severity.WARNING, None)
    assert (warning.facts["latest_seen"], warning.facts["today"]) == (
        date(2025, 3, 10),
        date(2025, 3, 8),
    )
    rolled_back = portfolio_status(behind, AS_OF)
    assert int(rolled_back.severity) == 1
    # It never withdraws the perpetual right: the license, its state and tickets are the same.
    [before], [after] = baseline.licenses, rolled_back.licenses
    assert (after.claims, after.sm, after.balance) == (before.claims, before.sm, before.balance)

    # The mark stays at the latest date seen: a later run on the rolled-back clock still warns.
    assert rollback(make_console(today=date(2025, 3, 8))) is not None
    assert rollback(make_console(today=date(2025, 3, 10))) is None


@sqlite_only
def test_the_issued_at_of_stored_documents_counts_as_seen(
    make_console: MakeConsole, vendor: Vendor
) -> None:
    console = make_console()  # today 2025-03-01
    claims = license_claims(issued_at="2025-03-02T23:00:00Z")
    assert import_files(console, [vendor.write(DocumentType.LICENSE, claims)]).succeeded
    assert rollback(console) is None  # one day ahead is within the tolerance
    later = statement_claims([], issued_at="2025-03-20T08:00:00Z")
    assert import_files(console, [vendor.write(DocumentType.TICKET_STATEMENT, later)]).succeeded
    warning = rollback(console)
    assert warning is not None
    assert warning.facts["latest_seen"] == date(2025, 3, 20)
    assert mark(console) == date(2025, 3, 1), "the run mark alone is not what warns"


@sqlite_only
def test_as_of_in_the_past_is_not_a_clock_rollback(
    make_console: MakeConsole, vendor: Vendor
) -> None:
    console = make_console()
    assert import_files(console, [vendor.write(DocumentType.LICENSE, license_claims())]).succeeded
    status = portfolio_status(console, date(2020, 1, 1))
    assert [w.code for w in status.all_warnings] == [WarningCode.NOT_STARTED]
    assert mark(console) == date(2025, 3, 1)


# the real binary on a faked system clock --------------------------------------------------------


def run_on(system_day: str, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert FAKETIME is not None
    env = {**os.environ, HOME_VARIABLE: str(home)}
    return subprocess.run(
        [FAKETIME, f"{system_day} 12:00:00", sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def status_on(system_day: str, db: str, home: Path, *extra: str) -> dict[str, Any]:
    result = run_on(system_day, home, "--db", db, "status", "--json", *extra)
    assert result.returncode == 2, result.stderr  # no license: critical, whatever the clock
    assert "Traceback" not in result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def codes(status: dict[str, Any]) -> list[str]:
    return [w["code"] for w in status["warnings"]]


@needs_faketime
def test_a_clock_set_back_more_than_a_day_warns_until_acknowledged(tmp_path: Path) -> None:
    db = sqlite_url(tmp_path / "ledger.sqlite3")
    # --as-of is an evaluation day, not the clock: it is never a rollback.
    first = status_on("2030-01-10", db, tmp_path, "--as-of", "2020-01-01")
    assert first["as_of"] == "2020-01-01"
    assert codes(first) == ["no_valid_license"]

    one_day_back = status_on("2030-01-09", db, tmp_path)
    assert one_day_back["as_of"] == "2030-01-09"
    assert codes(one_day_back) == ["no_valid_license"]

    two_days_back = status_on("2030-01-08", db, tmp_path)
    assert codes(two_days_back) == ["no_valid_license", "clock_rollback"]
    warning = two_days_back["warnings"][1]
    assert warning["severity"] == "warning"
    assert "2030-01-10" in warning["message"]
    assert "clock acknowledge" in warning["message"]

    # The mark came from a clock that was ahead: acknowledged, it stays, and is only noted.
    acknowledged = run_on("2030-01-08", tmp_path, "--db", db, "clock", "acknowledge", "--json")
    assert acknowledged.returncode == 0, acknowledged.stderr
    assert json.loads(acknowledged.stdout) == {"acknowledged": "2030-01-10", "on": "2030-01-08"}
    noted = status_on("2030-01-08", db, tmp_path)
    assert codes(noted) == ["no_valid_license", "clock_acknowledged"]
    assert noted["warnings"][1]["severity"] == "ok"
    assert "acknowledged on 2030-01-08" in noted["warnings"][1]["message"]
