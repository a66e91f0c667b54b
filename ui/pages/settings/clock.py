"""Settings > Clock (R15): when the system date is behind a date the console has already seen,
the admin may acknowledge that the mark came from a clock that was ahead; once acknowledged, the
note says so with its date. `ui.confirm.acknowledge_clock` asks and records it, as the overview's
banner does."""

from __future__ import annotations

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
from ui.confirm import acknowledge_clock
from ui.pages.base import Host
from ui.theme import Tone, apply_text_tone
from ui.wording import warning_text

if TYPE_CHECKING:
    from app.dashboard import Dashboard


class ClockSection(QGroupBox):
    confirmation_shown = Signal()

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
        self.confirmation = acknowledge_clock(self, self.host, warning)
        self.confirmation_shown.emit()
