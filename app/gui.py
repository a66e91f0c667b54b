"""The desktop entry point: `python -m app [--demo] [--screenshots DIR] [--quit-when-ready]`.

The window is shown before SQLAlchemy, keyring or the database are touched; the main window then
opens the console on its worker thread.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def _install_translator(app: object) -> None:
    from PySide6.QtCore import QLocale, QTranslator

    from resources import resource_path

    translator = QTranslator(app)  # type: ignore[arg-type]
    if translator.load(QLocale(), "entitlement_console", "_", str(resource_path("translations"))):
        app.installTranslator(translator)  # type: ignore[attr-defined]


def _display_available() -> bool:
    """Qt aborts the process without a display; say so in one line instead."""
    import os

    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(
    db_url: str | None,
    demo: bool,
    trust_files: Sequence[Path],
    screenshots: Path | None = None,
    quit_when_ready: bool = False,
) -> int:
    if not _display_available():
        from app.errors import UserError

        raise UserError(
            "no display to show the window on: run a command instead (e.g. 'status'), or set "
            "QT_QPA_PLATFORM=offscreen for --screenshots"
        )
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app import APP_NAME
    from app.secrets import SecretStore
    from app.settings import load_settings, settings_path
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    _install_translator(app)
    settings = load_settings()
    # --db first (refused with --demo by open_console); demo mode never uses the Settings one.
    database = db_url or (None if demo else settings.database_url or None)

    def open_console() -> object:
        from app.bootstrap import open_console as open_

        return open_(database, demo, trust_files)

    window = MainWindow(
        open_console,  # type: ignore[arg-type]
        settings,
        SecretStore(),
        settings_path().with_name("window.ini"),
    )
    failed = False

    def on_ready() -> None:
        nonlocal failed
        failed = window.dashboard is None
        if screenshots is not None and not failed:
            for path in window.save_screenshots(screenshots):
                print(path)
        if screenshots is not None or quit_when_ready:
            QTimer.singleShot(0, window.close)

    window.ready.connect(on_ready)
    window.show()
    QTimer.singleShot(0, window.start)
    app.exec()
    return 3 if failed and (screenshots is not None or quit_when_ready) else 0
