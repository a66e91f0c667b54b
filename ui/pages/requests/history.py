"""The requests made, newest first, with their status (`fulfilled` derived from the licenses
that count); the one selected can be cancelled (after a confirmation) or, when it was opened or
saved, marked as sent."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.requests.forms import HistoryRow
from app.requests.model import RequestKind
from ui.wording import channel_text, date_text, request_kind_text, request_status_text

_NO_PARENT = QModelIndex()


class RequestsModel(QAbstractTableModel):
    """The history's rows; `RAW_ROLE` gives a cell's value (the row's id, a date, a code)."""

    ID, CREATED, REQUEST, LICENSES, CHANNEL, STATUS = range(6)
    RAW_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[HistoryRow, ...] = ()
        self._headers = (
            self.tr("No."),
            self.tr("Created"),
            self.tr("Request"),
            self.tr("Licenses"),
            self.tr("Sent by"),
            self.tr("Status"),
        )

    def set_rows(self, rows: tuple[HistoryRow, ...]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row(self, row: int) -> HistoryRow:
        return self._rows[row]

    def row_of(self, request_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == request_id), None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == self.RAW_ROLE:
            return (
                row.id,
                row.created_on,
                row.kind,
                row.license_ids,
                row.channel,
                row.status,
            )[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            match column:
                case self.ID:
                    return str(row.id)
                case self.CREATED:
                    return date_text(row.created_on)
                case self.REQUEST:
                    return self.request_text(row)
                case self.LICENSES:
                    return ", ".join(row.license_ids)
                case self.CHANNEL:
                    return channel_text(row.channel)
                case _:
                    return request_status_text(row.status)
        if role == Qt.ItemDataRole.ToolTipRole and row.file_path:
            return row.file_path
        return None

    def request_text(self, row: HistoryRow) -> str:
        if row.kind is RequestKind.PACKS and row.packs is not None:
            return self.tr("%n support pack(s), PO {po}", "", row.packs).format(
                po=row.po_number or "—"
            )
        return request_kind_text(row.kind)


class HistoryBox(QGroupBox):
    cancel_confirmed = Signal(int)
    """The person confirmed cancelling the request with this id."""
    mark_sent_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Requests made"), parent)
        self.confirmation: QMessageBox | None = None
        layout = QVBoxLayout(self)
        self.model = RequestsModel(self)
        self.table = QTableView()
        self.table.setObjectName("request-history")
        self.table.setAccessibleName(self.tr("Requests made and their status"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setMinimumHeight(160)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table)

        row = QHBoxLayout()
        self.mark_sent = QPushButton(self.tr("Mark selected as s&ent"))
        self.mark_sent.setObjectName("history-mark-sent")
        self.mark_sent.setAccessibleName(self.tr("Mark the selected request as sent"))
        self.mark_sent.clicked.connect(self._mark_sent)
        self.cancel = QPushButton(self.tr("Cance&l selected request…"))
        self.cancel.setObjectName("history-cancel")
        self.cancel.setAccessibleName(self.tr("Cancel the selected request"))
        self.cancel.clicked.connect(self.ask_to_cancel)
        row.addWidget(self.mark_sent)
        row.addWidget(self.cancel)
        row.addStretch(1)
        layout.addLayout(row)
        note = QLabel(
            self.tr(
                "A renewal request is fulfilled once a license revision that reaches its period "
                "is imported."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self._update_buttons()

    def show_rows(self, rows: tuple[HistoryRow, ...]) -> None:
        """Replaces the rows, keeping the selected request selected."""
        selected = self.selected()
        self.model.set_rows(rows)
        if selected is not None:
            self.select(selected.id)
        self._update_buttons()

    def select(self, request_id: int) -> None:
        row = self.model.row_of(request_id)
        if row is not None:
            self.table.selectRow(row)

    def selected(self) -> HistoryRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.cancel.setEnabled(row is not None and row.can_cancel)
        self.mark_sent.setEnabled(row is not None and row.can_mark_sent)

    def _mark_sent(self) -> None:
        row = self.selected()
        if row is not None and row.can_mark_sent:
            self.mark_sent_requested.emit(row.id)

    def ask_to_cancel(self) -> None:
        """Asks before cancelling the selected request (a cancelled request stays listed)."""
        row = self.selected()
        if row is None or not row.can_cancel:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Cancel request no. {id}?").format(id=row.id),
            self.tr(
                "Request no. {id} will be listed as cancelled. Cancelling does not tell the "
                "vendor: if it was sent, tell them too."
            ).format(id=row.id),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("cancel-confirmation")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        request_id = row.id

        def answered(button: QPushButton) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self.cancel_confirmed.emit(request_id)

        box.buttonClicked.connect(answered)
        box.destroyed.connect(self._confirmation_gone)
        self.confirmation = box
        box.open()

    def _confirmation_gone(self) -> None:
        self.confirmation = None
