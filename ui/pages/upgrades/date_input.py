"""A date typed as YYYY-MM-DD, or picked in a calendar.

`QDateEdit` edits a date section by section: typing "2027-05-12" over a selected date there gives
another date than the one typed. Here the text is an ordinary line edit (what is typed replaces
the selection), accepted only as a real calendar date in the range the console handles.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QStyle, QWidget, QWidgetAction

from licensing.values import parse_date


class DateInput(QLineEdit):
    """A line edit for one date (`date()` is None until the text is a real date)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.setMaxLength(10)
        # Only what can still become YYYY-MM-DD may be typed (whole dates are checked by date()).
        pattern = QRegularExpression(r"\d{0,4}(-\d{0,2}(-\d{0,2})?)?")
        self.setValidator(QRegularExpressionValidator(pattern, self))
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        self.calendar_action = self.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip(self.tr("Choose the date in a calendar"))
        self.calendar_action.triggered.connect(self.show_calendar)
        self.calendar: QCalendarWidget | None = None

    def date(self) -> dt.date | None:
        """The date typed, or None when the text is not a real date from 1900 to 2999."""
        try:
            return parse_date(self.text())
        except ValueError:
            return None

    def set_date(self, day: dt.date) -> None:
        self.setText(day.isoformat())

    def show_calendar(self) -> None:
        """A calendar under the field; a click sets the date and closes it."""
        menu = QMenu(self)
        menu.setObjectName("date-calendar")
        calendar = QCalendarWidget(menu)
        day = self.date()
        if day is not None:
            calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def picked(chosen: QDate) -> None:
            self.set_date(dt.date(chosen.year(), chosen.month(), chosen.day()))
            menu.close()

        calendar.clicked.connect(picked)
        self.calendar = calendar
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
