"""The main window: starts on the demo data, every page shows, errors are dialogs."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow


def test_window_opens_on_the_demo_data(window: MainWindow) -> None:
    assert window.dashboard is not None
    status = window.dashboard.status
    assert status.license is not None
    assert status.license.claims.license_id == "DEMO-LIC-0001"
    assert list(window.pages) == [
        "overview",
        "license",
        "tickets",
        "upgrades",
        "requests",
        "settings",
    ]
    assert "demo" in window.where.text()


def test_overview_shows_the_license_state_and_gauges(window: MainWindow) -> None:
    page = window.pages["overview"]
    assert page.fields["customer"].text() == "Contoso Ltd (demo)"  # type: ignore[attr-defined]
    assert page.badge.text() == "Renewal due"  # type: ignore[attr-defined]
    assert page.reminder.isVisible()  # type: ignore[attr-defined]
    assert "Request renewal" in page.reminder.button.text()  # type: ignore[attr-defined]


def test_reminder_button_opens_the_requests_page(window: MainWindow, qtbot: QtBot) -> None:
    page = window.pages["overview"]
    page.reminder.button.click()  # type: ignore[attr-defined]
    assert window.stack.currentWidget() is window.pages["requests"]


def test_screenshots_render_every_page(window: MainWindow, tmp_path: Path) -> None:
    saved = window.save_screenshots(tmp_path / "shots")
    assert [p.name for p in saved] == [
        "01-overview.png",
        "02-license.png",
        "03-tickets.png",
        "04-upgrades.png",
        "05-requests.png",
        "06-settings.png",
    ]
    assert all(p.stat().st_size > 1000 for p in saved)


def test_a_start_up_failure_is_a_dialog_not_a_traceback(qtbot: QtBot, tmp_path: Path) -> None:
    from app.errors import StorageError
    from app.secrets import SecretStore
    from app.settings import Settings

    def broken() -> object:
        raise StorageError(
            "cannot open the database sqlite:///nowhere: check that its folder exists"
        )

    main = MainWindow(broken, Settings(), SecretStore(), tmp_path / "w.ini")  # type: ignore[arg-type]
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready, timeout=10_000):
        main.show()
        main.start()
    assert main.dashboard is None
    assert main.last_error is not None and "cannot open the database" in main.last_error


def test_personal_reminders_follow_the_settings(window: MainWindow, qtbot: QtBot) -> None:
    """The demo is 45 days before expiry with 10 tickets left."""
    from tests.ui.conftest import wait_for_refresh

    assert window.dashboard is not None
    assert window.dashboard.reminders == ()  # defaults: 60 days is the vendor's window; 2 tickets
    window.settings.low_ticket_threshold = 10
    window.refresh()
    wait_for_refresh(qtbot, window)
    assert [r.code for r in window.dashboard.reminders] == ["low_tickets"]
    assert "Only 10 support ticket(s) left" in window.pages["overview"].warnings.text()  # type: ignore[attr-defined]


def test_the_window_paints_before_any_heavy_import(tmp_path: Path) -> None:
    """SQLAlchemy, keyring and the services load on the worker, after the window is shown; the
    pages are built after the first paint too."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from app.secrets import SecretStore\n"
        "from app.settings import Settings\n"
        "from ui.main_window import MainWindow\n"
        f"window = MainWindow(lambda: None, Settings(), SecretStore(), Path({str(tmp_path / 'w.ini')!r}))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "print(sorted(m for m in HEAVY if m in sys.modules))\n"
    )
    heavy = ("sqlalchemy", "keyring", "alembic", "app.services", "ui.pages.tickets")
    probe = f"HEAVY = {heavy!r}\n" + probe
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_window_geometry_is_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    from app.secrets import SecretStore
    from app.settings import Settings

    state = tmp_path / "window.ini"
    first = MainWindow(lambda: None, Settings(), SecretStore(), state)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(first)
    first.resize(780, 520)  # fits the 800x800 offscreen screen
    first.show()
    chosen = (first.width(), first.height())
    first.close()
    second = MainWindow(lambda: None, Settings(), SecretStore(), state)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == chosen
    assert chosen[1] == 520


def test_a_clock_set_back_shows_a_banner(qtbot: QtBot, tmp_path: Path) -> None:
    """R15 in the window: a run on a day more than 1 day before one already seen."""
    from datetime import timedelta

    from tests.ui.conftest import DEMO_TODAY, started_window

    def window_on(day):  # type: ignore[no-untyped-def]
        def open_() -> object:
            from app.bootstrap import open_console

            return open_console(None, True, [], today=day)

        main = started_window(qtbot, open_, tmp_path / "w.ini", day)
        main.tasks.wait()
        return main

    first = window_on(DEMO_TODAY)
    assert not first.pages["overview"].clock.isVisible()  # type: ignore[attr-defined]
    first.close()
    rolled_back = window_on(DEMO_TODAY - timedelta(days=5))
    banner = rolled_back.pages["overview"].clock  # type: ignore[attr-defined]
    assert banner.isVisible()
    assert "system date" in banner.text.text()
    # The perpetual right is untouched: the license is still shown as valid.
    assert rolled_back.dashboard is not None and rolled_back.dashboard.status.license is not None


def test_pages_follow_the_first_paint_and_exist_once_ready(qtbot: QtBot, tmp_path: Path) -> None:
    from app.secrets import SecretStore
    from app.settings import Settings
    from ui.main_window import PAGE_NAMES

    window = MainWindow(lambda: None, Settings(), SecretStore(), tmp_path / "w.ini")  # type: ignore[arg-type, return-value]
    qtbot.addWidget(window)
    window.show()
    assert window.stack.count() == 1  # the frame's placeholder, no page yet
    assert [window.navigation.item(i).text() for i in range(6)] == [
        "Overview",
        "License",
        "Tickets",
        "Upgrades",
        "Requests",
        "Settings",
    ]
    window.navigation.setCurrentRow(2)  # asking for a page builds them
    assert list(window.pages) == list(PAGE_NAMES)
    assert window.stack.currentWidget() is window.pages["tickets"]
    assert window.stack.count() == len(PAGE_NAMES)


def test_garbage_is_collected_on_the_gui_thread_while_a_worker_exists(qtbot: QtBot) -> None:
    """A cycle of Qt objects collected on the worker thread would be destroyed there: a crash."""
    import gc

    from ui.tasks import TaskRunner

    assert gc.isenabled()
    runner = TaskRunner()
    assert not gc.isenabled()
    results: list[bool] = []
    runner.run(lambda: gc.isenabled(), results.append, lambda error: None)
    qtbot.waitUntil(lambda: bool(results))
    assert results == [False]  # the worker never triggers a collection
    runner.shutdown()
    assert gc.isenabled()


def test_shortcuts_and_every_page_follow_the_data(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtGui import QKeySequence

    from ui.main_window import PAGE_NAMES

    actions = {a.text(): a for m in window.menuBar().actions() for a in m.menu().actions()}
    quit_action, open_action = actions[window.tr("&Quit")], actions[window.tr("&Import documents…")]
    qtbot.waitUntil(lambda: not quit_action.shortcut().isEmpty())
    assert quit_action.shortcut() == QKeySequence("Ctrl+Q")  # offscreen Qt has no Quit binding
    assert QKeySequence("Ctrl+O") in open_action.shortcuts()
    assert window.stack.count() == len(PAGE_NAMES)  # built after the data, without being asked
