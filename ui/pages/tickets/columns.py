"""Column widths of the ledger: each column as wide as the words it shows, narrowed (the view
elides, the tooltip keeps the whole text) when the table is narrower than their sum, so that the
stretched Title column keeps a readable width and the page never scrolls sideways.

Widths come from sample words, never from the rows: sizing to contents would measure every one
of 100,000 rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QTableView

CELL_PADDING = 14
"""A cell's margins."""
HEADER_PADDING = 18
"""A heading's margins and the sort indicator."""
TITLE_MINIMUM = 160


def fitted_widths(
    natural: Mapping[int, int], minimum: Mapping[int, int], available: int
) -> dict[int, int]:
    """Widths whose sum is at most `available` when the minimums allow it: every column its
    natural width if they fit, else each narrowed in proportion to what it can give up."""
    total = sum(natural.values())
    if total <= available:
        return dict(natural)
    slack = {c: max(0, natural[c] - minimum.get(c, natural[c])) for c in natural}
    spare = sum(slack.values())
    excess = total - available
    if spare <= excess:
        return {c: natural[c] - slack[c] for c in natural}
    return {c: natural[c] - -(-excess * slack[c] // spare) for c in natural}


class ColumnFitter(QObject):
    """Keeps a table's columns fitted to its width until the user resizes one by hand."""

    def __init__(self, table: QTableView, stretch: int) -> None:
        super().__init__(table)
        self.table = table
        self.stretch = stretch
        self.natural: dict[int, int] = {}
        self.minimum: dict[int, int] = {}
        self.by_hand = False
        self._fitting = False
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._resized)
        table.viewport().installEventFilter(self)

    def measure(self, column: int, words: Iterable[str], narrowest: str | None = None) -> None:
        """The column's natural width: its widest word or its heading. It may narrow down to
        the width of `narrowest` (elided beyond it), and not at all without it."""
        metrics = self.table.fontMetrics()
        orientation = self.table.horizontalHeader().orientation()
        heading = str(self.table.model().headerData(column, orientation))
        head = metrics.horizontalAdvance(heading) + HEADER_PADDING
        widest = max((metrics.horizontalAdvance(w) for w in words), default=0) + CELL_PADDING
        self.natural[column] = max(head, widest)
        self.minimum[column] = (
            self.natural[column]
            if narrowest is None
            else min(self.natural[column], metrics.horizontalAdvance(narrowest) + CELL_PADDING)
        )

    def fit(self) -> None:
        if self.by_hand:
            return
        shown = {
            c: w
            for c, w in self.natural.items()
            if c != self.stretch and not self.table.isColumnHidden(c)
        }
        available = self.table.viewport().width() - TITLE_MINIMUM
        self._fitting = True
        try:
            for column, width in fitted_widths(shown, self.minimum, available).items():
                self.table.setColumnWidth(column, width)
        finally:
            self._fitting = False

    def _resized(self, column: int, _old: int, _new: int) -> None:
        # Only a drag on the header is the user's: hiding a column resizes it too.
        dragged = QGuiApplication.mouseButtons() & Qt.MouseButton.LeftButton
        if dragged and not self._fitting and column != self.stretch:
            self.by_hand = True  # the user's widths win from now on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() is QEvent.Type.Resize:
            self.fit()
        return False
