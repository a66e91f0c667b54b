"""The real main window over a real SQLite file with the demo documents, offscreen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.secrets import SecretStore
from app.settings import Settings
from ui.main_window import MainWindow

DEMO_TODAY = date(2026, 3, 2)  # the demo documents are dated around this day


@pytest.fixture
def open_demo_console(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Opens the demo console (demo key, demo documents) on this test's own SQLite file."""

    def open_() -> object:
        from app.bootstrap import open_console

        return open_console(None, True, [], today=DEMO_TODAY)

    return open_


def started_window(
    qtbot: QtBot, open_console: Callable[[], object], state_file: Path, today: date
) -> MainWindow:
    """A main window, shown, once its data has loaded (the `ready` signal has fired)."""
    main = MainWindow(
        open_console,  # type: ignore[arg-type]
        Settings(),
        SecretStore(),
        state_file,
        today=lambda: today,
    )
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready, timeout=30_000):
        main.show()
        main.start()
    assert main.dashboard is not None, main.last_error
    return main


@pytest.fixture
def window(qtbot: QtBot, open_demo_console, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The main window over the demo data, on DEMO_TODAY."""
    main = started_window(qtbot, open_demo_console, tmp_path / "window.ini", DEMO_TODAY)
    yield main
    main.tasks.wait()


def wait_for_refresh(qtbot: QtBot, window: MainWindow) -> None:
    """Blocks until the next dashboard is shown (after an action)."""
    with qtbot.waitSignal(window.refreshed, timeout=30_000):
        pass
