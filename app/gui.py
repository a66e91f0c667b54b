"""The desktop entry point: `python -m app [--demo] [--as-of DATE] [--screenshots DIR]
[--quit-when-ready]`, the window's lazy boundary.

The window is shown before SQLAlchemy, keyring or the database are touched; the main window then
opens the console on its worker thread.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserError

if TYPE_CHECKING:
    from app.console import Console


def _display_available() -> bool:
    """Qt aborts the process without a display; say so in one line instead."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(
    db_url: str | None,
    demo: bool,
    trust_files: Sequence[Path],
    screenshots: Path | None = None,
    quit_when_ready: bool = False,
    as_of: date | None = None,
) -> int:
    if not _display_available():
        raise UserError(
            "no display to show the window on: run a command instead (e.g. 'status'), or set "
            "QT_QPA_PLATFORM=offscreen for --screenshots"
        )
    if db_url and demo:
        raise UserError("--demo keeps its own database apart from the real one: leave out --db")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app import APP_NAME
    from app.paths import app_paths
    from app.secrets import SecretStore
    from app.settings import load_settings
    from ui.main_window import MainWindow
    from ui.translations import install_translators

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    install_translators(app)
    settings = load_settings()
    # --db first; demo mode never uses the one in Settings.
    database = db_url or (None if demo else settings.database_url or None)

    # Opened on the window's worker, after the first paint: the console brings SQLAlchemy.
    def open_() -> Console:
        from app.console import open_console

        return open_console(database, demo, trust_files)

    def open_demo() -> Console:
        """The welcome's "Try the demo": the demo database, apart from the real one."""
        from app.console import open_console

        return open_console(None, True, [])

    window = MainWindow(
        open_,
        settings,
        SecretStore(),
        app_paths().window_state,
        today=(lambda: as_of) if as_of is not None else date.today,
        open_demo=open_demo,
    )
    failed = False

    def on_ready() -> None:
        nonlocal failed
        failed = window.dashboard is None
        if screenshots is not None and not failed:
            from ui.screenshots import save_screenshots

            for path in save_screenshots(window, screenshots):
                print(path)
        if screenshots is not None or quit_when_ready:
            QTimer.singleShot(0, window.close)

    window.ready.connect(on_ready)
    window.show()
    QTimer.singleShot(0, window.start)
    app.exec()
    return 3 if failed and (screenshots is not None or quit_when_ready) else 0
