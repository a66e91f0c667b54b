"""P1, P5, P6 and P8: the desktop window's start, the ledger page, memory and the frozen bundle.

Every window runs in a child process on Qt's offscreen platform (these machines have no display),
the app's and its floor's alike.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import AS_OF, ROOT, Figure, compile_bytecode, ledger_database, trust_file

RUNS = 5


def _environment(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "ENTITLEMENT_CONSOLE_HOME": str(home),
    }


class Run:
    """One child process: its wall time, first paint (if probed) and peak resident memory."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        start = time.monotonic()
        process = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        assert process.stderr is not None
        stderr = process.stderr.read().decode(errors="replace")
        _, status = os.waitpid(process.pid, 0)
        self.wall = time.monotonic() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        process.stderr.close()
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(args[1:])} failed ({process.returncode}): {stderr}")
        painted = [line for line in stderr.splitlines() if line.startswith("first-paint ")]
        self.first_paint = float(painted[0].split()[1]) - start if painted else None
        peaks = [line.split()[1] for line in stderr.splitlines() if line.startswith("peak-rss ")]
        self.peak_mib = int(peaks[0]) / 1024 if peaks and peaks[0].isdigit() else None


def p1_window_start(runs: int = RUNS) -> list[Figure]:
    """`python -m app --demo --quit-when-ready` against the bare window, and both first paints."""
    compile_bytecode()
    home = Path(tempfile.mkdtemp(prefix="bench-p1-"))
    env = _environment(home)
    app = [sys.executable, "-m", "app", "--demo", "--quit-when-ready"]
    Run(app, env)  # signs and stores the demo documents once, as a first start does
    bare = [sys.executable, "-m", "benchmarks.window_probe", "bare"]
    probed_app = [sys.executable, "-m", "benchmarks.window_probe", "app", *app[3:]]
    app_runs, bare_runs, probe_runs = [], [], []
    for _ in range(runs):  # interleaved, so that a noisy moment hits both sides
        app_runs.append(Run(app, env))
        bare_runs.append(Run(bare, env))
        probe_runs.append(Run(probed_app, env))
    app_wall = min(r.wall for r in app_runs)
    bare_wall = min(r.wall for r in bare_runs)
    app_paint = min(r.first_paint for r in probe_runs if r.first_paint is not None)
    bare_paint = min(r.first_paint for r in bare_runs if r.first_paint is not None)
    return [
        Figure(
            "P1",
            "window --demo --quit-when-ready / bare window, wall time",
            app_wall / bare_wall,
            "<= 2.0x",
            app_wall / bare_wall <= 2.0,
            f"{app_wall * 1000:.0f} ms vs {bare_wall * 1000:.0f} ms",
        ),
        Figure(
            "P1b",
            "first paint of the window / of the bare window",
            app_paint / bare_paint,
            "<= 1.3x",
            app_paint / bare_paint <= 1.3,
            f"{app_paint * 1000:.0f} ms vs {bare_paint * 1000:.0f} ms",
        ),
    ]


def p5_p6_ledger(runs: int = RUNS, tickets: int = 100_000) -> list[Figure]:
    """The ledger page over 100,000 tickets against 1,000 (P5), and the peak memory of that
    window, its Tickets page loaded, sorted and filtered, against the bare window (P6)."""
    folder = Path(tempfile.mkdtemp(prefix="bench-p5-"))
    large, small = folder / "large.sqlite3", folder / "small.sqlite3"
    ledger_database(large, tickets, 200).close()
    ledger_database(small, tickets // 100, 2).close()
    env = _environment(folder / "home")

    def view(database: Path) -> dict[str, float]:
        result = subprocess.run(
            [sys.executable, "-m", "benchmarks.gui", "ledger-view", str(database)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
        figures: dict[str, float] = json.loads(result.stdout.splitlines()[-1])
        return figures

    large_view, small_view = view(large), view(small)
    figures = [
        Figure(
            f"P5{suffix}",
            f"ledger page, {what}: {tickets:,} / {tickets // 100:,} tickets",
            large_view[key] / small_view[key],
            target,
            key != "keystroke" or large_view[key] <= 0.1,
            f"{large_view[key] * 1000:.1f} ms vs {small_view[key] * 1000:.1f} ms",
        )
        for suffix, what, key, target in (
            ("", "one filter keystroke", "keystroke", "<= 100 ms"),
            ("b", "load", "load", "-"),
            ("c", "sort by title", "sort", "-"),
        )
    ]
    bare = [sys.executable, "-m", "benchmarks.window_probe", "bare"]
    bare_peak = min(_peak(Run(bare, env)) for _ in range(max(runs // 2, 1)))
    app_peak = large_view["peak_mib"]
    figures.append(
        Figure(
            "P6",
            f"peak memory, window with {tickets:,} tickets - bare window (MiB)",
            app_peak - bare_peak,
            "<= +150",
            app_peak - bare_peak <= 150,
            f"{app_peak:.0f} MiB vs {bare_peak:.0f} MiB",
        )
    )
    return figures


def _peak(run: Run) -> float:
    if run.peak_mib is None:
        raise RuntimeError("no peak memory figure: P6 reads /proc/self/status (Linux)")
    return run.peak_mib


def ledger_view(database: Path) -> dict[str, float]:
    """In this (child) process: the main window over `database`, then on its Tickets page the
    time to load the ledger into the table, sort it by title, and filter on one keystroke; each
    includes painting the table."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.console import Console, open_console
    from app.paths import sqlite_url
    from app.secrets import SecretStore
    from app.settings import Settings
    from ui.main_window import MainWindow
    from ui.pages.base import PageName
    from ui.pages.tickets.page import TicketsPage
    from ui.ticket_model import COL_TITLE

    application = QApplication(sys.argv[:1])

    def opened() -> Console:
        return open_console(sqlite_url(database), False, [trust_file(database)])

    window = MainWindow(
        opened, Settings(), SecretStore(), database.with_suffix(".ini"), today=lambda: AS_OF
    )
    loop = QEventLoop()
    window.ready.connect(loop.quit)
    window.show()
    window.start()
    QTimer.singleShot(600_000, loop.quit)
    loop.exec()
    assert window.dashboard is not None, "the window did not show its data"
    window.show_page(PageName.TICKETS)
    page = window.page(PageName.TICKETS)
    assert isinstance(page, TicketsPage)
    tickets = window.dashboard.tickets
    search = page.filters.search

    def timed(action: Callable[[], object]) -> float:
        application.processEvents()
        start = time.perf_counter()
        action()
        application.processEvents()  # the table repaints what changed
        return time.perf_counter() - start

    figures: dict[str, list[float]] = {"load": [], "sort": [], "keystroke": []}
    for _ in range(RUNS):
        page.model.load([])
        figures["load"].append(timed(lambda: page.model.load(tickets)))
        figures["sort"].append(
            timed(lambda: page.table.sortByColumn(COL_TITLE, Qt.SortOrder.DescendingOrder))
        )
        page.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        search.clear()
        figures["keystroke"].append(timed(lambda: QTest.keyClicks(search, "7")))
        search.clear()
    window.close()
    application.processEvents()
    from benchmarks.window_probe import peak_rss_kib

    peak = peak_rss_kib()
    if peak is None:
        raise RuntimeError("no peak memory figure: P6 reads /proc/self/status (Linux)")
    return {**{key: min(values) for key, values in figures.items()}, "peak_mib": peak / 1024}


def p8_bundle() -> Figure:
    """Builds the one-folder bundle with PyInstaller and reports its size."""
    from scripts.bundle import build

    bundle = build(Path(tempfile.mkdtemp(prefix="bench-p8-")))
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink())
    qt = sorted(
        p.name.split(".")[0]
        for p in (bundle / "_internal" / "PySide6").glob("Qt*.*")
        if p.is_file()
    )
    excluded = [m.removeprefix("PySide6.") for m in _excluded_qt_modules()]
    return Figure(
        "P8",
        "one-folder bundle, both executables (MB)",
        size / 1e6,
        "smallest",
        True,
        f"Qt modules inside: {', '.join(dict.fromkeys(qt))}; excluded: {', '.join(excluded)}",
    )


def _excluded_qt_modules() -> list[str]:
    """The UNUSED_QT list of build_installer.spec, read without running the spec."""
    tree = ast.parse((ROOT / "build_installer.spec").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "UNUSED_QT" for t in node.targets
        ):
            return list(ast.literal_eval(node.value))
    return []


if __name__ == "__main__":
    if sys.argv[1:2] == ["ledger-view"]:
        print(json.dumps(ledger_view(Path(sys.argv[2]))))
    else:
        print(__doc__)
