"""Smoke test of the PyInstaller one-folder bundle: build it with `scripts/bundle.py`, then run
the frozen command line and the frozen window, as qutebrowser's build_release smoke test does.

Slow (a few minutes to build): skipped by `dev.py test`, run by `dev.py test --all` and CI.
"""

from __future__ import annotations

import json
import os
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SUFFIX = ".exe" if os.name == "nt" else ""
PAGES = ("overview", "license", "tickets", "upgrades", "requests", "settings")
DEMO_STATES = {
    "DEMO-PORTAL-PROD": "renewal_due",
    "DEMO-PORTAL-TEST": "active",
    "DEMO-ASSET-PROD": "lapsed",
}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("PyInstaller")
    from scripts.bundle import build

    return build(tmp_path_factory.mktemp("pyinstaller"), timeout=1800)


def _run(executable: Path, args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ENTITLEMENT_CONSOLE_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [str(executable), *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.mark.slow
def test_frozen_cli_reports_the_demo_portfolio(bundle: Path, tmp_path: Path) -> None:
    result = _run(bundle / f"entitlement-console{SUFFIX}", ["--demo", "status", "--json"], tmp_path)
    assert result.returncode == 2, result.stderr  # the asset license has lapsed: critical
    assert "Traceback" not in result.stderr
    status = json.loads(result.stdout)
    assert status["overall"] == {"state": "lapsed", "licenses": 3, "needing_attention": 2}
    states = {entry["license"]["license_id"]: entry["sm"]["state"] for entry in status["licenses"]}
    assert states == DEMO_STATES
    assert {entry["license"]["trust"] for entry in status["licenses"]} == {"demo"}


@pytest.mark.slow
def test_frozen_cli_holds_no_qt(bundle: Path, tmp_path: Path) -> None:
    """The command line verifies a document without Qt, and refuses bad input in one line."""
    result = _run(bundle / f"entitlement-console{SUFFIX}", ["verify", str(tmp_path)], tmp_path)
    assert result.returncode == 3
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_frozen_window_renders_every_page(bundle: Path, tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    result = _run(
        bundle / f"EntitlementConsole{SUFFIX}", ["--demo", "--screenshots", str(shots)], tmp_path
    )
    assert result.returncode == 0, result.stderr
    names = {path.stem.split("-", 1)[1] for path in shots.glob("*.png")}
    assert set(PAGES) <= names, sorted(names)


@pytest.mark.slow
def test_the_bundle_carries_its_resources_and_version(bundle: Path) -> None:
    internal = bundle / "_internal"
    for resource in (
        "resources/vendor-policy.json",
        "resources/trust/vendor.json",
        "resources/trust/demo.json",
        "resources/demo/demo-secret.paserk",
        "resources/icons/app.svg",
        "resources/help/guide.md",
        "resources/translations/entitlement_console_en.qm",
        "app/storage/migrations/env.py",
    ):
        assert (internal / resource).is_file(), resource
    assert not list(internal.glob("resources/translations/*.ts"))  # sources stay out
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    # The About box reads the version from the package's metadata (a .dist-info, or the
    # .egg-info of an editable install).
    metadata = [
        line
        for folder in internal.glob("entitlement_console*-info")
        for name in ("METADATA", "PKG-INFO")
        if (folder / name).is_file()
        for line in (folder / name).read_text(encoding="utf-8").splitlines()
        if line.startswith("Version: ")
    ]
    assert metadata == [f"Version: {version}"]
