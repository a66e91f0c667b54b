"""The desktop entry point as a user starts it: `python -m app --demo ...`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(
    args: list[str], home: Path, **env_changes: str | None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ENTITLEMENT_CONSOLE_HOME": str(home)}
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_screenshots_render_every_page_populated(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    result = _run(
        ["--demo", "--screenshots", str(shots)], tmp_path / "home", QT_QPA_PLATFORM="offscreen"
    )
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in shots.glob("*.png"))
    assert names == [
        "01-overview.png",
        "02-license.png",
        "03-tickets.png",
        "04-upgrades.png",
        "05-requests.png",
        "06-settings.png",
    ]
    assert "Traceback" not in result.stderr


def test_quit_when_ready_exits_once_the_overview_has_data(tmp_path: Path) -> None:
    result = _run(["--demo", "--quit-when-ready"], tmp_path / "home", QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "home" / "data" / "demo" / "demo.sqlite3").exists()


def test_quit_when_ready_reports_a_start_up_failure(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text(
        '{"database_url": "sqlite:////no/such/folder/x.db"}'
    )
    result = _run(["--quit-when-ready"], home, QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 3
    assert "Traceback" not in result.stderr


def test_without_a_display_the_window_says_so_in_one_line(tmp_path: Path) -> None:
    if sys.platform in ("win32", "darwin"):
        return
    result = _run(
        ["--demo"], tmp_path / "home", QT_QPA_PLATFORM=None, DISPLAY=None, WAYLAND_DISPLAY=None
    )
    assert result.returncode == 3
    assert "no display" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
