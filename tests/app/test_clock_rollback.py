"""R15 on the real binary: the system clock is faked with Debian's `faketime` (libfaketime).

`faketime` is installed by .ci/run; without it these tests cannot run here and are skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.paths import sqlite_url

ROOT = Path(__file__).resolve().parents[2]
FAKETIME = shutil.which("faketime")
pytestmark = pytest.mark.skipif(FAKETIME is None, reason="Debian's faketime is not installed")


def status_on(system_day: str, db: str, home: Path, *extra: str) -> dict[str, object]:
    assert FAKETIME is not None
    env = {**os.environ, "ENTITLEMENT_CONSOLE_HOME": str(home)}
    result = subprocess.run(
        [
            FAKETIME,
            f"{system_day} 12:00:00",
            sys.executable,
            "-m",
            "app",
            "--db",
            db,
            "status",
            "--json",
            *extra,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (0, 1, 2), result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def codes(status: dict[str, object]) -> set[str]:
    return {w["code"] for w in status["warnings"]}  # type: ignore[attr-defined, index]


def test_a_clock_set_back_more_than_a_day_warns(tmp_path: Path) -> None:
    db = sqlite_url(tmp_path / "ledger.sqlite3")
    first = status_on("2030-01-10", db, tmp_path)
    assert first["as_of"] == "2030-01-10"
    assert "clock_rollback" not in codes(first)

    one_day_back = status_on("2030-01-09", db, tmp_path)
    assert "clock_rollback" not in codes(one_day_back)

    two_days_back = status_on("2030-01-08", db, tmp_path)
    assert "clock_rollback" in codes(two_days_back)
    assert two_days_back["as_of"] == "2030-01-08"

    # The mark is never lowered: back on the right day, nothing to warn about.
    assert "clock_rollback" not in codes(status_on("2030-01-10", db, tmp_path))


def test_as_of_in_the_past_is_not_a_rollback(tmp_path: Path) -> None:
    db = sqlite_url(tmp_path / "ledger.sqlite3")
    status_on("2030-01-10", db, tmp_path)
    evaluated = status_on("2030-01-10", db, tmp_path, "--as-of", "2020-01-01")
    assert evaluated["as_of"] == "2020-01-01"
    assert "clock_rollback" not in codes(evaluated)
