"""A read-only table of words, shared by the Licenses, Upgrades, Requests and Settings pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


class RowsModel(QAbstractTableModel):
    """A read-only table of display strings, one raw value per row (`RAW_ROLE`).

    Pages compute the words (translated, from the dashboard) and hand whole rows over:
    `set_rows` resets the model in one go (`beginResetModel`), as a refresh replaces everything.
    """

    RAW_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple[str, ...]] = []
        self._raw: list[object] = []
        self._emphasis: list[bool] = []

    @property
    def rows(self) -> list[tuple[str, ...]]:
        """The displayed rows (for tests and accessibility checks)."""
        return list(self._rows)

    def raw(self, row: int) -> object:
        return self._raw[row] if 0 <= row < len(self._raw) else None

    def set_rows(
        self,
        rows: Sequence[Sequence[str]],
        raw: Sequence[object] | None = None,
        emphasis: Sequence[bool] | None = None,
    ) -> None:
        """Replaces every row; `emphasis` marks rows shown in bold (the one in use, what needs
        attention)."""
        self.beginResetModel()
        width = len(self._headers)
        self._rows = [tuple(row[:width]) + ("",) * (width - len(row)) for row in rows]
        self._raw = list(raw) if raw is not None else [None] * len(self._rows)
        self._emphasis = list(emphasis) if emphasis is not None else [False] * len(self._rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._headers):
            return None
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return self._rows[index.row()][index.column()]
        if role == self.RAW_ROLE:
            return self._raw[index.row()]
        if role == Qt.ItemDataRole.FontRole and self._emphasis[index.row()]:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def rows_view(model: RowsModel, name: str, accessible_name: str, widest: int = 340) -> QTableView:
    """A read-only table over `model` that Tab enters and leaves (no Tab trap inside).

    Columns fit their contents up to `widest` pixels (longer words wrap; the tooltip has all).
    """
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(accessible_name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    # Rows follow their wrapped text whenever the widths change (the tables are small).
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def fit() -> None:
        view.resizeColumnsToContents()
        header = view.horizontalHeader()
        for column in range(model.columnCount() - 1):
            if header.sectionSize(column) > widest:
                header.resizeSection(column, widest)

    model.modelReset.connect(fit)
    return view
