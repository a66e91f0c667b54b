"""A child process of the GUI benchmarks: shows a window and reports when it was first painted.

    python -m benchmarks.window_probe bare               the floor of P1 and P6: a bare main
                                                         window with a table and five labels,
                                                         painted once, then closed
    python -m benchmarks.window_probe app ARGS...        the app itself (`python -m app ARGS`),
                                                         with the same paint probe installed

It prints `first-paint <time.monotonic()>` to stderr at the first paint of the main window (an
event filter on that window alone: one on the whole application costs about 30 us an event, and the
app's window, having more widgets, has more events), so that
the parent can subtract the moment it started the process (the monotonic clock is system-wide),
and at exit `peak-rss <KiB>`, the process's own high-water mark of resident memory (Linux's
VmHWM: unlike `ru_maxrss`, it does not inherit the parent's size across fork and exec).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class FirstPaint(QObject):
    """Notes the first paint event of the window it filters."""

    def __init__(self, on_paint: object = None) -> None:
        super().__init__()
        self.painted = False
        self.on_paint = on_paint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.painted and event.type() == QEvent.Type.Paint:
            self.painted = True
            print(f"first-paint {time.monotonic()}", file=sys.stderr, flush=True)
            if callable(self.on_paint):
                QTimer.singleShot(0, self.on_paint)
        return False


def bare_window() -> QMainWindow:
    window = QMainWindow()
    window.setWindowTitle("bare")
    central = QWidget()
    layout = QVBoxLayout(central)
    for n in range(5):
        layout.addWidget(QLabel(f"Label {n + 1}"))
    table = QTableWidget(20, 5)
    for row in range(20):
        for column in range(5):
            table.setItem(row, column, QTableWidgetItem(f"{row}:{column}"))
    layout.addWidget(table)
    window.setCentralWidget(central)
    window.resize(900, 600)
    return window


def peak_rss_kib() -> int | None:
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def main(argv: list[str]) -> int:
    code = _run(argv)
    print(f"peak-rss {peak_rss_kib()}", file=sys.stderr, flush=True)
    return code


def _run(argv: list[str]) -> int:
    application = QApplication(sys.argv[:1])
    if argv[:1] == ["bare"]:
        probe = FirstPaint(on_paint=application.quit)
        window = bare_window()
        window.installEventFilter(probe)
        window.show()
        return application.exec()
    if argv[:1] == ["app"]:
        probe = FirstPaint()
        from app.cli import main as app_main
        from ui.main_window import MainWindow

        build = MainWindow.__init__

        def build_and_probe(window: MainWindow, *args: Any, **kwargs: Any) -> None:
            build(window, *args, **kwargs)
            window.installEventFilter(probe)

        MainWindow.__init__ = build_and_probe  # type: ignore[method-assign, assignment]

        return app_main(argv[1:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
