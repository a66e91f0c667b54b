"""CI checks that the benchmarks run (their figures are measured, not asserted: shared machines
are too noisy for timed tests). `python -m benchmarks.run --quick` runs each one on small data
(every figure but P8, the bundle, which tests/test_frozen_bundle.py builds)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIGURES = [
    *("P1", "P1b", "P2", "P3", "P3b", "P3c", "P4", "P4b", "P4c"),
    *("P5", "P5b", "P5c", "P6", "P7", "P9", "P10"),
]


@pytest.mark.slow
def test_every_benchmark_runs_and_prints_its_figure(tmp_path: Path) -> None:
    env = {**os.environ, "ENTITLEMENT_CONSOLE_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    printed = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    assert printed == FIGURES, result.stdout
    for line in result.stdout.splitlines():
        assert "target" in line and ("met" in line or "MISSED" in line), line
