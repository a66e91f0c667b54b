"""Settings > Clock (R15): when the system date is behind a date the console has already seen,
the admin may acknowledge that the mark came from a clock that was ahead; once acknowledged, the
note says so with its date. `app.clock.acknowledge` records it (off the GUI thread)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from licensing.warnings import StatusWarning, WarningCode
from ui.pages.base import Host
from ui.pages.settings.confirm import ask
from ui.theme import Tone, apply_text_tone
from ui.wording import date_text, warning_text

if TYPE_CHECKING:
    from app.console import Console
    from app.dashboard import Dashboard


def _day(warning: StatusWarning, name: str) -> date | None:
    value = warning.facts.get(name)
    return value if isinstance(value, date) else None


class ClockSection(QGroupBox):
    confirmation_shown = Signal()
    acknowledged = Signal(object)
    """Emitted with the acknowledged mark (a date) once recorded."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("clock")
        self.setTitle(self.tr("Clock"))
        self.confirmation: QMessageBox | None = None
        self.warning: StatusWarning | None = None
        layout = QVBoxLayout(self)
        self.text = QLabel()
        self.text.setObjectName("clock-text")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.acknowledge_button = QPushButton(self.tr("Ac&knowledge…"))
        self.acknowledge_button.setObjectName("clock-acknowledge")
        self.acknowledge_button.setAccessibleName(
            self.tr("Acknowledge that the date came from a clock that was ahead")
        )
        self.acknowledge_button.clicked.connect(self.ask_acknowledge)
        row.addWidget(self.acknowledge_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.hide()

    def show_clock(self, dashboard: Dashboard) -> None:
        """Shows the clock's warning or note, if any (hidden otherwise)."""
        codes = (WarningCode.CLOCK_ROLLBACK, WarningCode.CLOCK_ACKNOWLEDGED)
        found = next((w for w in dashboard.status.warnings if w.code in codes), None)
        self.warning = found
        self.setVisible(found is not None)
        if found is None:
            return
        text = warning_text(found)
        self.text.setText(text)
        self.text.setAccessibleName(text)
        rollback = found.code is WarningCode.CLOCK_ROLLBACK
        apply_text_tone(self.text, Tone.WARNING if rollback else Tone.INFO)
        self.acknowledge_button.setVisible(rollback)

    def ask_acknowledge(self) -> None:
        warning = self.warning
        if warning is None or warning.code is not WarningCode.CLOCK_ROLLBACK:
            return
        seen, today = date_text(_day(warning, "latest_seen")), date_text(_day(warning, "today"))
        self.confirmation = ask(
            self,
            "confirm-clock-acknowledge",
            self.tr("Acknowledge the clock"),
            self.tr(
                "Acknowledge that {seen} came from a clock that was ahead?\n\n"
                "Do this only if the system clock was set ahead when the console saw that date, "
                "and today's date ({today}) is right. If the clock is wrong now, correct it "
                "instead.\n\n"
                "The acknowledgement is recorded with today's date and shown here; the console "
                "stops warning about {seen}, and still warns if the clock goes back before a "
                "date it sees later."
            ).format(seen=seen, today=today),
            self.tr("&Acknowledge"),
            self._acknowledge,
        )
        self.confirmation_shown.emit()

    def _acknowledge(self) -> None:
        from app.clock import acknowledge

        def work(console: Console) -> date:
            return acknowledge(console)

        self.host.run_action(work, self.acknowledged.emit)
