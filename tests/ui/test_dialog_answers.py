"""Answers that come back to a dialog: the ticket dialog's eligibility failure in words or through
the window's error dialog, and an answer for a dialog destroyed meanwhile (`context`), skipped
while the refresh still happens."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from app.errors import UserError
from tests.ui.conftest import wait_for_refresh
from ui.main_window import MainWindow
from ui.tasks import while_alive
from ui.ticket_dialog import LicenseChoice, TicketDialog

DAY = date(2025, 6, 15)


@dataclass
class Host:
    """Just what the ticket dialog asks of the window: the work it hands over and the errors."""

    failures: list[Callable[[BaseException], None]] = field(default_factory=list)
    errors: list[tuple[str, BaseException | str]] = field(default_factory=list)

    def run_action(self, work: Any, on_done: Any = None, **options: Any) -> None:
        self.failures.append(options["on_failure"])

    def show_error(
        self, title: str, error: BaseException | str, settings_page: bool = False
    ) -> None:
        self.errors.append((title, error))


def eligibility_failing_with(qtbot: QtBot, error: BaseException) -> tuple[TicketDialog, Host]:
    host = Host()
    dialog = TicketDialog(
        host,  # type: ignore[arg-type]
        DAY,
        [LicenseChoice("LIC-A", "LIC-A — Self-Service Portal")],
        default_license="LIC-A",
    )
    qtbot.addWidget(dialog)
    dialog.check_eligibility()
    [failed] = host.failures
    with qtbot.waitSignal(dialog.eligibility_shown, timeout=5_000):
        failed(error)
    return dialog, host


def test_the_apps_own_refusal_is_the_eligibility_line(qtbot: QtBot) -> None:
    dialog, host = eligibility_failing_with(qtbot, UserError("no license LIC-A is stored"))
    assert dialog.eligibility.text() == "no license LIC-A is stored"
    assert host.errors == []


def test_an_unexpected_eligibility_failure_is_the_windows_error(qtbot: QtBot) -> None:
    error = RuntimeError("database is locked")
    dialog, host = eligibility_failing_with(qtbot, error)
    assert dialog.eligibility.text() == "—"
    assert host.errors == [("The eligibility could not be checked", error)]


def test_while_alive_skips_the_callback_of_a_destroyed_object() -> None:
    called: list[int] = []
    context = QObject()
    guarded = while_alive(context, called.append)
    guarded(1)
    shiboken6.delete(context)
    guarded(2)
    assert called == [1]
    assert while_alive(None, called.append) == called.append


def test_an_answer_for_a_destroyed_context_is_dropped_and_the_window_still_refreshes(
    qtbot: QtBot, quiet_window: MainWindow
) -> None:
    answers: list[object] = []
    context = QObject()
    with qtbot.waitSignal(quiet_window.refreshed, timeout=30_000):
        quiet_window.run_action(lambda console: 42, answers.append, context=context)
        shiboken6.delete(context)  # the dialog goes before the answer comes back
    assert answers == []

    kept = QObject()
    quiet_window.run_action(lambda console: 42, answers.append, context=kept)
    wait_for_refresh(qtbot, quiet_window)
    assert answers == [42]
