"""Questions that do not block the window: `ask`, which every page uses before a change that
changes what counts, and the clock acknowledgement (R15) that the overview's banner and
Settings > Clock both offer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from app.console import Console
    from licensing.warnings import StatusWarning
    from ui.pages.base import Host

_CONTEXT = "Confirm"


def _t(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def ask(
    parent: QWidget,
    name: str,
    title: str,
    text: str,
    yes_text: str | None,
    on_yes: Callable[[], None],
    *,
    no: QMessageBox.StandardButton = QMessageBox.StandardButton.Cancel,
) -> QMessageBox:
    """A question that does not block: `on_yes` runs when the admin agrees (the Yes button,
    worded `yes_text` unless None); `no` (Cancel, or No where "Cancel" would read as the
    answer) is the default button, so Enter never agrees by accident."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Yes | no, parent
    )
    box.setObjectName(name)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if yes_text is not None:
        box.button(QMessageBox.StandardButton.Yes).setText(yes_text)
    box.setDefaultButton(no)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(button: object) -> None:
        if button is box.button(QMessageBox.StandardButton.Yes):
            on_yes()

    box.buttonClicked.connect(answered)
    box.open()
    return box


def _day(warning: StatusWarning, name: str) -> date | None:
    value = warning.facts.get(name)
    return value if isinstance(value, date) else None


def acknowledge_clock(parent: QWidget, host: Host, warning: StatusWarning) -> QMessageBox:
    """Asks before recording that the date the console saw (the clock rollback `warning`'s)
    came from a clock that was ahead; on Yes, `app.clock.acknowledge` records it and the window
    refreshes (the warning becomes a note)."""
    from ui.wording import date_text

    seen, today = date_text(_day(warning, "latest_seen")), date_text(_day(warning, "today"))

    def acknowledge(console: Console) -> date:
        from app.clock import acknowledge

        return acknowledge(console)

    box = ask(
        parent,
        "acknowledge-clock",
        _t("Acknowledge the clock"),
        _t(
            "Acknowledge that {seen} came from a clock that was ahead?\n\n"
            "Do this only if the system clock was set ahead when the console saw that date, "
            "and today's date ({today}) is right. If the clock is wrong now, correct it "
            "instead.\n\n"
            "The acknowledgement is recorded with today's date; the console stops warning "
            "about {seen}, and still warns if the clock goes back before a date it sees later."
        ).format(seen=seen, today=today),
        _t("&Acknowledge"),
        lambda: host.run_action(acknowledge),
    )
    box.button(QMessageBox.StandardButton.Yes).setObjectName("acknowledge-confirm")
    return box
