"""The overview's small parts: the status badge, the banner with its actions, and the tones of
states and severities (colours come from `ui.theme`, derived from the palette)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from licensing.rules import SmState
from licensing.warnings import Severity
from ui.theme import Tone, apply_tone

STATE_TONES = {
    SmState.ACTIVE: Tone.OK,
    SmState.NOT_STARTED: Tone.NEUTRAL,
    SmState.RENEWAL_DUE: Tone.WARNING,
    SmState.EXPIRED: Tone.CRITICAL,
    SmState.LAPSED: Tone.CRITICAL,
}
SEVERITY_TONES = {
    Severity.OK: Tone.INFO,
    Severity.WARNING: Tone.WARNING,
    Severity.CRITICAL: Tone.CRITICAL,
    Severity.UNKNOWN: Tone.NEUTRAL,
}

Action = tuple[str, Callable[[], object]]
"""A button's label and what it calls (whatever that returns, such as a dialog, is not used)."""


def bold(widget: QWidget, scale: float = 1.0) -> None:
    """Makes `widget`'s font bold, `scale` times the application's size."""
    font = QFont(widget.font())
    font.setBold(True)
    if scale != 1.0 and font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    widget.setFont(font)


class Badge(QLabel):
    """A state in words on a tinted background of its tone."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setContentsMargins(12, 6, 12, 6)
        self.tone = Tone.NEUTRAL
        bold(self)

    def show_state(self, text: str, tone: Tone, accessible: str) -> None:
        self.setText(text)
        self.setAccessibleName(accessible)
        self.tone = tone
        apply_tone(self, tone)


class Banner(QFrame):
    """A message across the page in a tone, with its actions as buttons beside it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.tone = Tone.NEUTRAL
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(12, 8, 8, 8)
        self.text = QLabel()
        self.text.setObjectName(f"{name}-text")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self._layout.addWidget(self.text, 1)
        self.buttons: list[QPushButton] = []
        self.hide()

    def show_message(self, text: str, tone: Tone, actions: Sequence[Action] = ()) -> None:
        """Shows `text` in `tone`; each action is a button that calls its function."""
        self.text.setText(text)
        self.setAccessibleName(text)
        self.tone = tone
        apply_tone(self, tone)
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.buttons = []
        for index, (label, act) in enumerate(actions):
            button = QPushButton(label)
            button.setObjectName(f"{self.objectName()}-action-{index}")
            button.setAccessibleName(label.replace("&", ""))
            button.setAccessibleDescription(text)
            button.clicked.connect(act)
            self._layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self.buttons.append(button)
        self.show()
