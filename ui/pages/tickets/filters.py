"""The filter row of the Tickets page: search, period, outcome, which tickets, and the count.

The combo boxes name their own choices ("All periods", "All outcomes", "All tickets"), so the row
needs no captions and fits the default window; each has an accessible name.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from licensing.ledger import Outcome
from ui.ticket_model import Show, TicketFilter
from ui.wording import date_text, outcome_text

ALL = ""
CURRENT_PERIOD = "current"


class FilterBar(QWidget):
    """Emits `changed` whenever what the table should show changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tickets-filters")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self._periods: dict[str, tuple[date, date]] = {}

        caption = QLabel(self.tr("&Search:"))
        self.search = QLineEdit()
        self.search.setObjectName("tickets-search")
        self.search.setPlaceholderText(self.tr("Case, title or license"))
        self.search.setAccessibleName(self.tr("Search by case id, title or license"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.fontMetrics().averageCharWidth() * 16)
        caption.setBuddy(self.search)
        row.addWidget(caption)
        row.addWidget(self.search, 2)

        self.period = self._combo("tickets-period", self.tr("Filter by ticket period"))
        self.period.addItem(self.tr("All periods"), ALL)
        self.outcome = self._combo("tickets-outcome", self.tr("Filter by outcome"))
        self.outcome.addItem(self.tr("All outcomes"), ALL)
        for outcome in Outcome:
            self.outcome.addItem(outcome_text(outcome), outcome.value)
        self.show_filter = self._combo("tickets-show", self.tr("Filter by source or dispute"))
        for text, value in (
            (self.tr("All tickets"), ALL),
            (self.tr("Vendor tickets"), Show.VENDOR.value),
            (self.tr("Local tickets"), Show.LOCAL.value),
            (self.tr("Disputed tickets"), Show.DISPUTED.value),
            (self.tr("Unassigned tickets"), Show.UNASSIGNED.value),
        ):
            self.show_filter.addItem(text, value)
        for combo in (self.period, self.outcome, self.show_filter):
            row.addWidget(combo, 1)

        self.count = QLabel()
        self.count.setObjectName("tickets-count")
        self.count.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        row.addWidget(self.count)

        self.search.textChanged.connect(self.changed)
        focus_search = QAction(self)
        focus_search.setShortcut(QKeySequence.StandardKey.Find)
        focus_search.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        focus_search.triggered.connect(lambda: self.search.setFocus())
        self.focus_search = focus_search

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        # Narrow windows (a console server over remote desktop): the closed box may elide.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def widgets(self) -> tuple[QWidget, ...]:
        """Every control of the row, and the count."""
        return (self.search, self.period, self.outcome, self.show_filter, self.count)

    def set_periods(
        self, periods: Sequence[tuple[date, date]], current: tuple[date, date] | None
    ) -> None:
        """The period choices of one license (newest first), or none with "All" selected;
        the choice stays when the same period is offered again."""
        chosen = self.period.currentData()
        self._periods = {}
        self.period.blockSignals(True)
        try:
            self.period.clear()
            self.period.addItem(self.tr("All periods"), ALL)
            if current is not None:
                self._periods[CURRENT_PERIOD] = current
                self.period.addItem(
                    self.tr("This period ({start} – {end})").format(
                        start=date_text(current[0]), end=date_text(current[1])
                    ),
                    CURRENT_PERIOD,
                )
            for start, end in periods:
                if (start, end) == current:
                    continue
                self._periods[start.isoformat()] = (start, end)
                self.period.addItem(
                    self.tr("{start} – {end}").format(start=date_text(start), end=date_text(end)),
                    start.isoformat(),
                )
            index = self.period.findData(chosen)
            self.period.setCurrentIndex(max(index, 0))
        finally:
            self.period.blockSignals(False)
        enabled = bool(periods)
        self.period.setEnabled(enabled)
        self.period.setToolTip(
            ""
            if enabled
            else self.tr("Choose one license in the License selector to filter by its periods.")
        )

    def select_period(self, key: str) -> bool:
        """Chooses a period by key (`CURRENT_PERIOD` or its first day, ISO); False if absent."""
        index = self.period.findData(key)
        if index >= 0:
            self.period.setCurrentIndex(index)
        return index >= 0

    def current_filter(self) -> TicketFilter:
        """The filter the controls describe."""
        outcome = self.outcome.currentData()
        show = self.show_filter.currentData()
        return TicketFilter(
            search=self.search.text(),
            outcome=Outcome(outcome) if outcome else None,
            period=self._periods.get(self.period.currentData() or ALL),
            show=Show(show) if show else None,
        )

    def set_count(self, shown: int, total: int) -> None:
        if shown == total:
            text = self.tr("%n ticket(s)", None, total)
        else:
            text = self.tr("{shown} of %n ticket(s)", None, total).format(shown=shown)
        self.count.setText(text)
        self.count.setAccessibleName(text)
