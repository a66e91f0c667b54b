"""Tickets: the ledger (what each ticket cost and which bucket it drew from), filters, the
add/edit/classify dialog, CSV import and export, the period's monthly usage, and where the local
ledger and the vendor's statements differ.

Everything shown comes from the dashboard; every change goes through `host.run_action`.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from licensing.claims import Category, Classification, TicketKind
from licensing.rules import Bucket, BucketKind, Outcome
from ui.pages.base import Host, Page
from ui.ticket_dialog import TicketDialog
from ui.ticket_model import (
    COL_BUCKET,
    COL_CASE,
    COL_CATEGORY,
    COL_CLASSIFICATION,
    COL_KIND,
    COL_OPENED,
    COL_OUTCOME,
    COL_SOURCE,
    COL_TITLE,
    BucketFilter,
    TicketFilter,
    TicketModel,
    bucket_text,
    category_text,
    classification_text,
    kind_text,
    source_text,
)
from ui.usage_chart import UsageChart
from ui.wording import outcome_text

if TYPE_CHECKING:
    from app.dashboard import Dashboard, Difference
    from app.errors import Cancelled
    from app.services import Console, CsvImportError, LedgerEntry

ALL = ""
CURRENT_PERIOD = "current"


class TicketsPage(Page):
    name = "tickets"

    csv_exported = Signal(str)
    """The path, once an export has been written."""
    csv_import_finished = Signal(str)
    """The words shown after an import (how many were added, or why none were)."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self._import_cancel = threading.Event()
        self.dashboard: Dashboard | None = None
        self.dialog: TicketDialog | None = None
        self._periods: dict[str, tuple[date, date]] = {}
        self._select_after_refresh: str | None = None
        self.model = TicketModel(self)

        layout = self.scrolled_layout()
        layout.addLayout(self._build_filters())
        layout.addLayout(self._build_actions())

        self.table = QTableView()
        self.table.setObjectName("tickets-table")
        self.table.setAccessibleName(self.tr("Ticket ledger"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self._size_columns()
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_OPENED, Qt.SortOrder.AscendingOrder)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in (self.edit_action, self.bug_action, self.customer_action):
            self.table.addAction(action)
        self.table.activated.connect(lambda _index: self.edit_ticket())
        selection = self.table.selectionModel()
        selection.selectionChanged.connect(self._update_actions)

        lower = QWidget()
        lower_layout = QHBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self._build_usage(), 3)
        lower_layout.addWidget(self._build_reconciliation(), 2)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        self.result = QLabel()
        self.result.setObjectName("tickets-result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setAccessibleName(self.tr("Result of the last import or export"))
        self.result.hide()
        layout.addWidget(self.result)
        self.cancel_import = QPushButton(self.tr("&Cancel the import"))
        self.cancel_import.setObjectName("tickets-cancel-import")
        self.cancel_import.setAccessibleName(self.tr("Cancel the CSV import; nothing is imported"))
        self.cancel_import.clicked.connect(self._import_cancel.set)
        self.cancel_import.hide()
        layout.addWidget(self.cancel_import, 0, Qt.AlignmentFlag.AlignLeft)
        self._update_actions()

    # Building -------------------------------------------------------------------------------

    def _labelled(self, row: QHBoxLayout, text: str, widget: QWidget, accessible: str) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        widget.setAccessibleName(accessible)
        row.addWidget(label)
        row.addWidget(widget)

    def _size_columns(self) -> None:
        """Widths from the words each column shows: sizing to contents would measure every one
        of 100,000 rows."""
        metrics = self.fontMetrics()
        samples = {
            COL_CASE: ["CS-0000000"],
            COL_OPENED: ["0000-00-00"],
            COL_KIND: [kind_text(k) for k in TicketKind],
            COL_CLASSIFICATION: [classification_text(c) for c in Classification],
            COL_CATEGORY: [category_text(Category.PRODUCT), category_text(Category.LICENSING)],
            COL_SOURCE: [source_text("vendor"), source_text("local")],
            COL_OUTCOME: [outcome_text(o) for o in Outcome],
            COL_BUCKET: [
                bucket_text(Bucket(BucketKind.ANNUAL, "0000-00-00", date.min, date.min, 0)),
                bucket_text(Bucket(BucketKind.PACK, "PACK-000000", date.min, date.min, 0)),
            ],
        }
        for column, words in samples.items():
            heading = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            widest = max(metrics.horizontalAdvance(text) for text in [*words, heading])
            self.table.setColumnWidth(column, widest + 24)

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("tickets-search")
        self.search.setPlaceholderText(self.tr("Case id or title"))
        self.search.setClearButtonEnabled(True)
        self._labelled(row, self.tr("&Search:"), self.search, self.tr("Search by case id or title"))
        self.search.setMinimumWidth(120)
        row.setStretchFactor(self.search, 2)

        self.period_filter = QComboBox()
        self.period_filter.setObjectName("tickets-period")
        self.period_filter.addItem(self.tr("All periods"), ALL)
        self._labelled(row, self.tr("&Period:"), self.period_filter, self.tr("Filter by period"))

        self.classification_filter = QComboBox()
        self.classification_filter.setObjectName("tickets-classification")
        self.classification_filter.addItem(self.tr("All"), ALL)
        for classification in Classification:
            self.classification_filter.addItem(
                classification_text(classification), classification.value
            )
        self._labelled(
            row,
            self.tr("C&lassification:"),
            self.classification_filter,
            self.tr("Filter by classification"),
        )

        self.bucket_filter = QComboBox()
        self.bucket_filter.setObjectName("tickets-bucket")
        for text, value in (
            (self.tr("Anything"), ALL),
            (self.tr("The annual period"), BucketFilter.ANNUAL.value),
            (self.tr("A support pack"), BucketFilter.PACK.value),
            (self.tr("Nothing"), BucketFilter.NONE.value),
        ):
            self.bucket_filter.addItem(text, value)
        self._labelled(
            row,
            self.tr("&Drawn from:"),
            self.bucket_filter,
            self.tr("Filter by what tickets drew from"),
        )

        self.outcome_filter = QComboBox()
        self.outcome_filter.setObjectName("tickets-outcome")
        self.outcome_filter.addItem(self.tr("All"), ALL)
        for outcome in Outcome:
            self.outcome_filter.addItem(outcome_text(outcome), outcome.value)
        self._labelled(row, self.tr("O&utcome:"), self.outcome_filter, self.tr("Filter by outcome"))

        self.search.textChanged.connect(self.apply_filter)
        for combo in (
            self.period_filter,
            self.classification_filter,
            self.bucket_filter,
            self.outcome_filter,
        ):
            # Narrow screens (a console server over remote desktop): combos may shrink.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
            combo.currentIndexChanged.connect(self.apply_filter)

        focus_search = QAction(self)
        focus_search.setShortcut(QKeySequence.StandardKey.Find)
        focus_search.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        focus_search.triggered.connect(lambda: self.search.setFocus())
        self.addAction(focus_search)
        return row

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_action = QAction(self.tr("&Add ticket…"), self)
        self.add_action.setShortcut(QKeySequence.StandardKey.New)
        self.add_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.add_action.triggered.connect(self.add_ticket)
        self.addAction(self.add_action)
        self.edit_action = QAction(self.tr("&Edit…"), self)
        self.edit_action.triggered.connect(lambda: self.edit_ticket())
        self.bug_action = QAction(self.tr("Classify as product &bug"), self)
        self.bug_action.triggered.connect(
            lambda: self.classify_selected(Classification.PRODUCT_BUG)
        )
        self.customer_action = QAction(self.tr("Classify as &customer"), self)
        self.customer_action.triggered.connect(
            lambda: self.classify_selected(Classification.CUSTOMER)
        )
        self.import_action = QAction(self.tr("&Import CSV…"), self)
        self.import_action.triggered.connect(self.choose_import_file)
        self.export_action = QAction(self.tr("E&xport CSV…"), self)
        self.export_action.triggered.connect(self.choose_export_file)

        self.buttons: dict[str, QPushButton] = {}
        for key, action, accessible in (
            ("add", self.add_action, self.tr("Add a ticket")),
            ("edit", self.edit_action, self.tr("Edit the selected ticket")),
            ("bug", self.bug_action, self.tr("Classify the selected tickets as product bugs")),
            (
                "customer",
                self.customer_action,
                self.tr("Classify the selected tickets as customer"),
            ),
            ("import", self.import_action, self.tr("Import tickets from a CSV file")),
            ("export", self.export_action, self.tr("Export the ledger to a CSV file")),
        ):
            button = QPushButton(action.text())
            button.setObjectName(f"tickets-{key}")
            button.setAccessibleName(accessible)
            button.clicked.connect(action.trigger)
            action.enabledChanged.connect(button.setEnabled)
            self.buttons[key] = button
            row.addWidget(button)
            if key == "customer":
                row.addSpacing(16)
        row.addStretch(1)
        self.count = QLabel()
        self.count.setObjectName("tickets-count")
        row.addWidget(self.count)
        return row

    def _build_usage(self) -> QGroupBox:
        box = QGroupBox(self.tr("Usage this period"))
        layout = QVBoxLayout(box)
        self.chart = UsageChart()
        layout.addWidget(self.chart, 1)
        self.packs_label = QLabel()
        self.packs_label.setObjectName("tickets-packs")
        self.packs_label.setWordWrap(True)
        self.packs_label.setAccessibleName(self.tr("Support packs"))
        layout.addWidget(self.packs_label)
        return box

    def _build_reconciliation(self) -> QGroupBox:
        box = QGroupBox(self.tr("Local ledger and vendor statements"))
        layout = QVBoxLayout(box)
        self.reconciliation_summary = QLabel()
        self.reconciliation_summary.setObjectName("reconciliation-summary")
        self.reconciliation_summary.setWordWrap(True)
        layout.addWidget(self.reconciliation_summary)
        self.reconciliation = QTableWidget(0, 4)
        self.reconciliation.setObjectName("reconciliation")
        self.reconciliation.setAccessibleName(self.tr("Differences from the vendor's statements"))
        self.reconciliation.setHorizontalHeaderLabels(
            [self.tr("Case"), self.tr("Difference"), self.tr("Local ledger"), self.tr("Vendor")]
        )
        self.reconciliation.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.reconciliation.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.reconciliation.verticalHeader().hide()
        recon_header = self.reconciliation.horizontalHeader()
        recon_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        recon_header.setStretchLastSection(True)
        self.reconciliation.setWordWrap(False)
        layout.addWidget(self.reconciliation, 1)
        return box

    # The dashboard --------------------------------------------------------------------------

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        self._show_periods(dashboard)
        self.model.load(dashboard.tickets)
        self.apply_filter()
        self._show_usage(dashboard)
        self._show_differences(dashboard.differences)
        if self._select_after_refresh is not None:
            self.select_case(self._select_after_refresh)
            self._select_after_refresh = None
        self._update_actions()

    def _show_periods(self, dashboard: Dashboard) -> None:
        """The period filter's choices: all, this period, and every period of the license."""
        chosen = self.period_filter.currentData()
        balance = dashboard.status.balance
        current = (
            (balance.period_start, balance.period_end)
            if balance is not None and balance.period_start and balance.period_end
            else None
        )
        self._periods = {}
        self.period_filter.blockSignals(True)
        try:
            self.period_filter.clear()
            self.period_filter.addItem(self.tr("All periods"), ALL)
            if current is not None:
                self._periods[CURRENT_PERIOD] = current
                self.period_filter.addItem(
                    self.tr("This period ({start} to {end})").format(
                        start=current[0].isoformat(), end=current[1].isoformat()
                    ),
                    CURRENT_PERIOD,
                )
            for start, end in dashboard.periods:
                if (start, end) == current:
                    continue
                self._periods[start.isoformat()] = (start, end)
                self.period_filter.addItem(
                    self.tr("{start} to {end}").format(
                        start=start.isoformat(), end=end.isoformat()
                    ),
                    start.isoformat(),
                )
            index = self.period_filter.findData(chosen)
            self.period_filter.setCurrentIndex(max(index, 0))
        finally:
            self.period_filter.blockSignals(False)

    def current_filter(self) -> TicketFilter:
        """The filter the controls describe."""
        classification = self.classification_filter.currentData()
        bucket = self.bucket_filter.currentData()
        outcome = self.outcome_filter.currentData()
        return TicketFilter(
            search=self.search.text(),
            classification=Classification(classification) if classification else None,
            bucket=BucketFilter(bucket) if bucket else None,
            outcome=Outcome(outcome) if outcome else None,
            period=self._periods.get(self.period_filter.currentData() or ALL),
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        shown, total = self.model.rowCount(), self.model.total_count
        text = (
            self.tr("{total} ticket(s)").format(total=total)
            if shown == total
            else self.tr("{shown} of {total} ticket(s) shown").format(shown=shown, total=total)
        )
        self.count.setText(text)
        self.count.setAccessibleName(text)
        self._update_actions()

    def _show_usage(self, dashboard: Dashboard) -> None:
        balance = dashboard.status.balance
        period = (
            (balance.period_start, balance.period_end)
            if balance is not None and balance.period_start and balance.period_end
            else None
        )
        self.chart.set_usage(
            period,
            balance.annual_allocated if balance is not None else 0,
            dashboard.usage,
            balance.packs if balance is not None else (),
        )
        self.packs_label.setText(self.chart.packs_text())

    def difference_text(self, difference: Difference) -> tuple[str, str, str]:
        """(what differs, the local value, the vendor's value) in words."""

        def classification(code: str | None) -> str:
            try:
                return classification_text(Classification(code)) if code else "—"
            except ValueError:
                return code or "—"

        def category(code: str | None) -> str:
            try:
                return category_text(Category(code)) if code else "—"
            except ValueError:
                return code or "—"

        match difference.kind:
            case "local_only":
                return (
                    self.tr("Only in the local ledger"),
                    self.tr("opened {day}").format(day=difference.local or "—"),
                    self.tr("not listed"),
                )
            case "classification":
                return (
                    self.tr("Classification"),
                    classification(difference.local),
                    classification(difference.vendor),
                )
            case "category":
                return (
                    self.tr("Category"),
                    category(difference.local),
                    category(difference.vendor),
                )
            case "opened_on":
                return (self.tr("Opened on"), difference.local or "—", difference.vendor or "—")
            case _:
                return (difference.kind, difference.local or "—", difference.vendor or "—")

    def _show_differences(self, differences: tuple[Difference, ...]) -> None:
        table = self.reconciliation
        table.setSortingEnabled(False)
        table.setRowCount(len(differences))
        for row, difference in enumerate(differences):
            what, local, vendor = self.difference_text(difference)
            for column, text in enumerate((difference.case_id, what, local, vendor)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, difference.kind if column == 1 else text)
                table.setItem(row, column, item)
        if differences:
            text = self.tr(
                "{count} difference(s) between the local ledger and the vendor's latest "
                "statements. Local-only tickets may not have reached the vendor's records yet."
            ).format(count=len(differences))
        else:
            text = self.tr("The local ledger agrees with the vendor's statements.")
        self.reconciliation_summary.setText(text)
        self.reconciliation.setAccessibleDescription(text)

    # Selection and actions ------------------------------------------------------------------

    def selected_entries(self) -> list[LedgerEntry]:
        selection = self.table.selectionModel()
        rows = sorted({index.row() for index in selection.selectedRows()})
        return [self.model.entry_at(row) for row in rows]

    def select_case(self, case_id: str) -> bool:
        """Selects the row of a case (when the filter shows it); False when it is not shown."""
        row = self.model.row_of(case_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _update_actions(self, *_: Any) -> None:
        ready = self.dashboard is not None
        count = len(self.table.selectionModel().selectedRows()) if ready else 0
        self.add_action.setEnabled(ready)
        self.edit_action.setEnabled(count == 1)
        self.bug_action.setEnabled(count > 0)
        self.customer_action.setEnabled(count > 0)
        self.import_action.setEnabled(ready)
        self.export_action.setEnabled(ready)

    def _open_dialog(self, dialog: TicketDialog) -> TicketDialog:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.saved.connect(self._dialog_saved)
        dialog.open()
        return dialog

    def _dialog_saved(self, case_id: str) -> None:
        self._select_after_refresh = case_id

    def add_ticket(self) -> TicketDialog:
        """Opens the dialog for a new ticket (non-blocking) and returns it."""
        day = self.dashboard.as_of if self.dashboard is not None else date.today()
        return self._open_dialog(TicketDialog(self.host, day, None, self))

    def edit_ticket(self, entry: LedgerEntry | None = None) -> TicketDialog | None:
        """Opens the dialog on a ticket (the selected one by default) and returns it."""
        if entry is None:
            selected = self.selected_entries()
            if len(selected) != 1:
                return None
            entry = selected[0]
        day = self.dashboard.as_of if self.dashboard is not None else date.today()
        return self._open_dialog(TicketDialog(self.host, day, entry.ticket, self))

    def classify_selected(self, classification: Classification) -> None:
        """Gives the selected tickets a classification (product bugs are never deducted, R10)."""
        case_ids = [
            e.ticket.case_id
            for e in self.selected_entries()
            if e.ticket.classification is not classification
        ]
        if not case_ids:
            return

        def work(console: Console) -> None:
            for case_id in case_ids:
                console.classify(case_id, classification)

        self.host.run_action(work)

    # CSV ------------------------------------------------------------------------------------

    def _file_dialog(self, title: str, save: bool) -> QFileDialog:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        dialog = QFileDialog(self, title, folder, self.tr("CSV files (*.csv);;All files (*)"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix("csv")
            dialog.selectFile("tickets.csv")
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        return dialog

    def choose_import_file(self) -> None:
        dialog = self._file_dialog(self.tr("Import tickets from CSV"), save=False)
        dialog.fileSelected.connect(lambda path: self.import_csv(Path(path)))
        dialog.open()

    def choose_export_file(self) -> None:
        dialog = self._file_dialog(self.tr("Export tickets to CSV"), save=True)
        dialog.fileSelected.connect(lambda path: self.export_csv(Path(path)))
        dialog.open()

    def import_csv(self, path: Path) -> None:
        """Adds every row of a CSV file, or none (off the GUI thread); bad rows are listed.

        While it runs, "Cancel the import" stops it before anything is committed.
        """
        cancel = self._import_cancel
        cancel.clear()
        self.cancel_import.show()
        self.result.setText(self.tr("Importing {name}…").format(name=path.name))
        self.result.show()

        def work(console: Console) -> int | CsvImportError | Cancelled:
            from app.errors import Cancelled
            from app.services import CsvImportError

            try:
                return console.import_tickets_csv(path, cancel.is_set)
            except (CsvImportError, Cancelled) as error:
                return error

        self.host.run_action(work, self._imported)

    def _imported(self, result: int | CsvImportError | Cancelled) -> None:
        from app.errors import Cancelled

        self.cancel_import.hide()
        if isinstance(result, Cancelled):
            self.result.setText(self.tr("The import was cancelled: nothing was imported."))
            self.result.show()
            return
        if isinstance(result, int):
            text = self.tr("Imported {count} ticket(s).").format(count=result)
        else:
            rows = "\n".join(
                self.tr("Row {row}: {message}").format(row=e.row, message=e.message)
                for e in result.errors
            )
            text = self.tr("Nothing was imported: {count} row(s) have problems.\n{rows}").format(
                count=len(result.errors), rows=rows
            )
            self.host.show_error(self.tr("The CSV file was not imported"), text)
        self.result.setText(text)
        self.result.show()
        self.csv_import_finished.emit(text)

    def export_csv(self, path: Path) -> None:
        """Writes the ledger of the dashboard on display (every ticket, whatever the filter)."""
        if self.dashboard is None:
            return
        entries = self.dashboard.tickets

        def work(_console: Console) -> str:
            from app.errors import UserError
            from app.services import tickets_csv

            try:
                with path.open("w", encoding="utf-8", newline="") as handle:
                    handle.write(tickets_csv(entries))
            except OSError as exc:
                raise UserError(f"{path}: cannot write it ({exc.strerror})") from None
            return str(path)

        def done(written: str) -> None:
            text = self.tr("Exported {count} ticket(s) to {path}.").format(
                count=len(entries), path=written
            )
            self.result.setText(text)
            self.result.show()
            self.csv_exported.emit(written)

        self.host.run_action(work, done, refresh=False)
