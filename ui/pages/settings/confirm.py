"""A question that does not block the window (the Settings sections ask before changing
anything that changes what counts)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask(
    parent: QWidget,
    name: str,
    title: str,
    text: str,
    yes_text: str,
    on_yes: Callable[[], None],
) -> QMessageBox:
    """A question that does not block: `on_yes` runs when the admin agrees; Cancel is the
    default button, so Enter never agrees by accident."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName(name)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.button(QMessageBox.StandardButton.Yes).setText(yes_text)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(button: object) -> None:
        if button is box.button(QMessageBox.StandardButton.Yes):
            on_yes()

    box.buttonClicked.connect(answered)
    box.open()
    return box
