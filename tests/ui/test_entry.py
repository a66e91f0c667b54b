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
        "07-overview-license.png",
        "08-welcome.png",
        "09-overview-dark.png",
    ]
    assert result.stdout.split() == [str(shots / name) for name in names]
    assert "Traceback" not in result.stderr


def test_quit_when_ready_exits_once_the_overview_has_data(tmp_path: Path) -> None:
    result = _run(["--demo", "--quit-when-ready"], tmp_path / "home", QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "home" / "data" / "demo" / "demo-portfolio.sqlite3").exists()


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


AS_OF_PROBE = """
import sys
from datetime import date
import ui.main_window
from app.gui import run_gui

class Recorded(ui.main_window.MainWindow):
    def _show_dashboard(self, dashboard):
        super()._show_dashboard(dashboard)
        print(dashboard.as_of.isoformat(), "|", self.where.text(), flush=True)

ui.main_window.MainWindow = Recorded
sys.exit(run_gui(None, True, [], quit_when_ready=True, as_of=date(2027, 2, 1)))
"""


def test_as_of_reaches_the_window(tmp_path: Path) -> None:
    """`--as-of` is the day the window evaluates and says in its status bar (app/gui.py)."""
    env = {
        **os.environ,
        "ENTITLEMENT_CONSOLE_HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    result = subprocess.run(
        [sys.executable, "-c", AS_OF_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    as_of, where = result.stdout.strip().splitlines()[0].split(" | ")
    assert as_of == "2027-02-01"
    assert where.startswith("As of 1 Feb 2027 · ") and where.endswith("(demo mode)")
