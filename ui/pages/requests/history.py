"""The requests made, newest first, with their status (`fulfilled` derived from the licenses
that count); the one selected can be cancelled (after a confirmation) or, when it was opened or
saved, marked as sent."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
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
from ui.confirm import ask
from ui.tables import RowsModel
from ui.wording import channel_text, date_text, request_kind_text, request_status_text


class RequestsModel(RowsModel):
    """The history's rows (`RowsModel`'s, one `HistoryRow` each); `RAW_ROLE` gives a cell's
    value (the row's id, a date, a code) and the tooltip the saved file, if any."""

    ID, CREATED, REQUEST, LICENSES, CHANNEL, STATUS = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                self.tr("No."),
                self.tr("Created"),
                self.tr("Request"),
                self.tr("Licenses"),
                self.tr("Sent by"),
                self.tr("Status"),
            ],
            parent,
        )
        self._history: tuple[HistoryRow, ...] = ()

    def show_history(self, rows: tuple[HistoryRow, ...]) -> None:
        self._history = rows
        self.set_rows([self.texts(row) for row in rows], rows)

    def row(self, row: int) -> HistoryRow:
        return self._history[row]

    def row_of(self, request_id: int) -> int | None:
        return next((i for i, r in enumerate(self._history) if r.id == request_id), None)

    def texts(self, row: HistoryRow) -> list[str]:
        return [
            str(row.id),
            date_text(row.created_on),
            self.request_text(row),
            ", ".join(row.license_ids),
            channel_text(row.channel),
            request_status_text(row.status),
        ]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._history):
            return None
        row = self._history[index.row()]
        if role == self.RAW_ROLE:
            values = (row.id, row.created_on, row.kind, row.license_ids, row.channel, row.status)
            return values[index.column()] if 0 <= index.column() < len(values) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.file_path or None
        return super().data(index, role)

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
        self.model.show_history(rows)
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
        request_id = row.id
        box = ask(
            self,
            "cancel-confirmation",
            self.tr("Cancel request no. {id}?").format(id=request_id),
            self.tr(
                "Request no. {id} will be listed as cancelled. Cancelling does not tell the "
                "vendor: if it was sent, tell them too."
            ).format(id=request_id),
            None,  # Yes and No: "Cancel" would read as the answer
            lambda: self.cancel_confirmed.emit(request_id),
            no=QMessageBox.StandardButton.No,
        )
        box.destroyed.connect(self._confirmation_gone)
        self.confirmation = box

    def _confirmation_gone(self) -> None:
        self.confirmation = None
