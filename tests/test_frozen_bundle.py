"""Smoke test of the PyInstaller one-folder bundle: build it, then run the frozen CLI and window.

Slow (about a minute to build) but run in CI, like qutebrowser's build_release smoke test.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("PyInstaller")
    from scripts.bundle import build

    return build(tmp_path_factory.mktemp("pyinstaller"), timeout=900)


def _run(executable: Path, args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ENTITLEMENT_CONSOLE_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [str(executable), *args], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_frozen_cli_reports_the_demo_status(bundle: Path, tmp_path: Path) -> None:
    suffix = ".exe" if os.name == "nt" else ""
    result = _run(bundle / f"entitlement-console{suffix}", ["--demo", "status", "--json"], tmp_path)
    assert result.returncode in (0, 1), result.stderr
    status = json.loads(result.stdout)
    assert status["license"]["license_id"] == "DEMO-LIC-0001"
    assert status["sm"]["state"] == "renewal_due"
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_frozen_window_renders_its_pages(bundle: Path, tmp_path: Path) -> None:
    suffix = ".exe" if os.name == "nt" else ""
    shots = tmp_path / "shots"
    result = _run(
        bundle / f"EntitlementConsole{suffix}", ["--demo", "--screenshots", str(shots)], tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert len(list(shots.glob("*.png"))) == 6
