"""The real main window over a real SQLite file with the demo documents, offscreen; and the
English plural forms installed, as the application installs them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.secrets import SecretStore
from app.settings import Settings
from ui.main_window import MainWindow
from ui.pages.base import PageName
from ui.pages.overview import OverviewMode, OverviewPage

DEMO_TODAY = date(2026, 3, 2)  # the demo documents are dated around the day they are made


@pytest.fixture(scope="session", autouse=True)
def english_plurals(qapp: QApplication) -> Iterator[list[QTranslator]]:
    """The translators the application installs (`ui.translations`): "%n day(s)" reads "1 day"."""
    from ui.translations import install_translators

    installed = install_translators(qapp)
    yield installed
    for translator in installed:
        qapp.removeTranslator(translator)


def demo_opener(today: date = DEMO_TODAY) -> Callable[[], object]:
    """Opens the demo console (demo key, demo documents dated around `today`) in this test's
    own home folder."""

    def open_() -> object:
        from app.console import open_console

        return open_console(None, True, [], today=today)

    return open_


@pytest.fixture
def open_demo_console() -> Callable[[], object]:
    return demo_opener()


def new_window(
    qtbot: QtBot,
    open_console: Callable[[], object],
    state_file: Path,
    today: date,
    open_demo: Callable[[], object] | None = None,
) -> MainWindow:
    """A main window, not shown and not started (building every page is the shown window's
    business)."""
    main = MainWindow(
        open_console,  # type: ignore[arg-type]
        Settings(),
        SecretStore(),
        state_file,
        today=lambda: today,
        open_demo=open_demo,  # type: ignore[arg-type]
    )
    qtbot.addWidget(main)
    return main


def start(qtbot: QtBot, main: MainWindow) -> MainWindow:
    """Starts `main` and waits for its first dashboard (or start-up error)."""
    with qtbot.waitSignal(main.ready, timeout=30_000):
        main.start()
    return main


def started_window(
    qtbot: QtBot, open_console: Callable[[], object], state_file: Path, today: date
) -> MainWindow:
    """A main window, shown, once its data has loaded (the `ready` signal has fired)."""
    main = new_window(qtbot, open_console, state_file, today)
    with qtbot.waitSignal(main.ready, timeout=30_000):
        main.show()
        main.start()
    assert main.dashboard is not None, main.last_error
    return main


@pytest.fixture
def window(qtbot: QtBot, open_demo_console, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The main window over the demo data, on DEMO_TODAY, shown."""
    main = started_window(qtbot, open_demo_console, tmp_path / "window.ini", DEMO_TODAY)
    yield main
    main.operations.wait()


@pytest.fixture
def quiet_window(qtbot: QtBot, open_demo_console, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The main window over the demo data, on DEMO_TODAY, started but not shown (only the
    pages a test asks for are built)."""
    main = new_window(qtbot, open_demo_console, tmp_path / "window.ini", DEMO_TODAY)
    main.page(PageName.OVERVIEW)
    start(qtbot, main)
    assert main.dashboard is not None, main.last_error
    yield main
    main.operations.wait()


def mode(page: OverviewPage) -> OverviewMode:
    """What the overview shows now (a function: the attribute changes under the type checker)."""
    return page.mode


def wait_for_refresh(qtbot: QtBot, window: MainWindow) -> None:
    """Blocks until the next dashboard is shown (after an action)."""
    with qtbot.waitSignal(window.refreshed, timeout=30_000):
        pass
