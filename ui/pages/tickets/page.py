"""Tickets: the ledger of the license the pages follow (or of every license), what each ticket
cost and which bucket it drew from, disputes of vendor tickets (R17), assignment of local tickets
(R16), CSV import and export of the view, and the balance with its monthly chart.

Everything shown comes from the dashboard; every change goes through `host.run_action`, file
writing through `host.run_task`.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from licensing.claims import Category, Classification, TicketKind
from licensing.ledger import Bucket, BucketKind, Outcome
from licensing.portfolio import DisputeState, TicketEntry, TicketSource
from ui.pages.base import Host, Page, PageName
from ui.pages.tickets.actions import TicketActions
from ui.pages.tickets.balance import BalancePanel
from ui.pages.tickets.columns import ColumnFitter
from ui.pages.tickets.filters import FilterBar
from ui.pages.tickets.transfer import CsvTransfer
from ui.ticket_dialog import LicenseChoice, TicketDialog
from ui.ticket_model import (
    COL_BUCKET,
    COL_CASE,
    COL_CATEGORY,
    COL_CLASSIFICATION,
    COL_DISPUTE,
    COL_KIND,
    COL_LICENSE,
    COL_OPENED,
    COL_OUTCOME,
    COL_SOURCE,
    COL_TITLE,
    COLUMN_COUNT,
    TicketModel,
    dispute_detail,
)
from ui.wording import (
    bucket_text,
    category_text,
    classification_text,
    date_text,
    dispute_marker_text,
    kind_text,
    license_title,
    outcome_explanation,
    outcome_text,
    source_text,
    unassigned_text,
)

if TYPE_CHECKING:
    from app.dashboard import Dashboard

HIDDEN_AT_FIRST = frozenset({COL_KIND})
"""Columns hidden until a person shows them (the header's menu), so that the Title stays
readable in the default window."""
HIDDEN_AT_FIRST_FOR_ALL = frozenset({COL_KIND, COL_BUCKET})
"""The same with every license in view: the License column takes the bucket's place (a bucket
belongs to one license, and one license's view shows it)."""
ALWAYS_SHOWN = frozenset({COL_CASE, COL_TITLE})


class TicketsPage(Page):
    name = PageName.TICKETS

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.dashboard: Dashboard | None = None
        self._column_choice: dict[int, bool] = {}
        """Columns a person showed (True) or hid (False) from the header's menu."""
        self.model = TicketModel(self)

        layout = self.scrolled_layout()
        self.filters = FilterBar()
        self.filters.changed.connect(self.apply_filter)
        self.addAction(self.filters.focus_search)
        layout.addWidget(self.filters)
        self.commands = TicketActions(self)
        layout.addLayout(self.commands.row())

        self.table = self._build_table()
        self.detail = QLabel()
        self.detail.setObjectName("tickets-detail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleName(self.tr("The selected ticket"))
        ledger = QWidget()
        ledger_layout = QVBoxLayout(ledger)
        ledger_layout.setContentsMargins(0, 0, 0, 0)
        ledger_layout.addWidget(self.table, 1)
        ledger_layout.addWidget(self.detail)

        self.balance = BalancePanel()
        self.balance.license_chosen.connect(self.host.select_license)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("tickets-splitter")
        splitter.addWidget(ledger)
        splitter.addWidget(self.balance)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        self.transfer = CsvTransfer(self)
        layout.addWidget(self.transfer.message)
        layout.addWidget(self.transfer.cancel_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._update_actions()

    # Building -------------------------------------------------------------------------------

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("tickets-table")
        table.setAccessibleName(self.tr("Ticket ledger"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.fitter = ColumnFitter(table, COL_TITLE)
        self._measure_columns()
        table.setSortingEnabled(True)
        table.sortByColumn(COL_OPENED, Qt.SortOrder.AscendingOrder)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in self.commands.context_actions():
            table.addAction(action)
        header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        table.activated.connect(lambda _index: self.commands.edit_ticket())
        selection = table.selectionModel()
        selection.selectionChanged.connect(self._update_actions)
        selection.currentRowChanged.connect(self._show_detail)
        return table

    def _measure_columns(
        self,
        cases: Sequence[str] = ("CS-0000000",),
        licenses: Sequence[str] = (),
        packs: Sequence[str] = (),
    ) -> None:
        """Widths from the words each column can show (the longest case ids, the licenses and
        packs on file), and how far the long ones may narrow."""
        widest_day = date(2000, 9, 30)
        period = Bucket(
            kind=BucketKind.ANNUAL, key="", starts_on=widest_day, expires_on=widest_day, size=0
        )
        columns: dict[int, tuple[list[str], str | None]] = {
            COL_CASE: ([*cases, "CS-0000"], None),
            COL_OPENED: ([date_text(widest_day)], None),
            COL_LICENSE: ([*licenses, unassigned_text()], "LIC-0000…"),
            COL_KIND: ([kind_text(k) for k in TicketKind], None),
            COL_CLASSIFICATION: (
                [classification_text(c) for c in Classification],
                classification_text(Classification.PRODUCT_BUG),
            ),
            COL_CATEGORY: (
                [category_text(Category.PRODUCT), category_text(Category.LICENSING)],
                category_text(Category.PRODUCT),
            ),
            COL_SOURCE: ([source_text(s) for s in TicketSource], None),
            COL_OUTCOME: (
                [outcome_text(o) for o in Outcome],
                outcome_text(Outcome.OUT_OF_SCOPE),
            ),
            COL_BUCKET: ([bucket_text(None), bucket_text(period), *packs], "Pack 0000…"),
            COL_DISPUTE: ([dispute_marker_text(s) for s in DisputeState], None),
        }
        for column, (words, narrowest) in columns.items():
            self.fitter.measure(column, words, narrowest)

    def _column_menu(self, where: QPoint) -> None:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for column in range(COLUMN_COUNT):
            if column in ALWAYS_SHOWN or (column == COL_LICENSE and self.license_in_view()):
                continue
            action = menu.addAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda shown, c=column: self.show_column(c, shown))
        menu.popup(self.table.horizontalHeader().mapToGlobal(where))

    def show_column(self, column: int, shown: bool) -> None:
        """Shows or hides a column by the user's choice (the header's context menu)."""
        self._column_choice[column] = shown
        self._apply_columns()

    def hidden_columns(self) -> set[int]:
        one = self.license_in_view() is not None
        hidden = set(HIDDEN_AT_FIRST if one else HIDDEN_AT_FIRST_FOR_ALL)
        for column, shown in self._column_choice.items():
            if shown:
                hidden.discard(column)
            else:
                hidden.add(column)
        if one:
            hidden.add(COL_LICENSE)  # one license: the column would repeat it on every row
        return hidden

    def _apply_columns(self) -> None:
        hidden = self.hidden_columns()
        for column in range(COLUMN_COUNT):
            self.table.setColumnHidden(column, column in hidden)
        self.fitter.fit()

    # The dashboard --------------------------------------------------------------------------

    def license_in_view(self) -> str | None:
        """The license the page shows (the host's choice, if it is on file), None for all."""
        selected = self.host.selected_license
        if self.dashboard is None or selected not in self.dashboard.views:
            return None
        return selected

    def license_choices(self) -> list[LicenseChoice]:
        if self.dashboard is None:
            return []
        return [
            LicenseChoice(standing.license_id, license_title(standing, with_state=False))
            for standing in self.dashboard.status.licenses
        ]

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        selected = self.license_in_view()
        entries = (
            dashboard.tickets
            if selected is None
            else tuple(e for e in dashboard.tickets if e.license_id == selected)
        )
        self.model.load(entries)
        self._measure_columns(
            # The longest ids by characters: measuring 100,000 of them in pixels would be slow.
            heapq.nlargest(3, (e.ticket.case_id for e in entries), key=len),
            tuple(dashboard.views),
            tuple(p.pack_id for s in dashboard.status.licenses for p in s.balance.packs),
        )
        standing, view = dashboard.standing(selected), dashboard.views.get(selected or "")
        if standing is not None and view is not None:
            balance = standing.balance
            current = (
                (balance.period_start, balance.period_end)
                if balance.period_start and balance.period_end
                else None
            )
            self.filters.set_periods(view.periods, current)
            self.balance.show_license(standing, view)
        else:
            self.filters.set_periods((), None)
            self.balance.show_portfolio(dashboard.status.licenses)
        self._apply_columns()
        self.apply_filter()
        case_id = self.commands.take_saved_case()
        if case_id is not None:
            self.select_case(case_id)
        self._update_actions()
        self._show_detail()

    def apply_filter(self) -> None:
        self.model.set_filter(self.filters.current_filter())
        self.filters.set_count(self.model.rowCount(), self.model.total_count)
        self._update_actions()
        self._show_detail()

    # Selection ------------------------------------------------------------------------------

    def selected_entries(self) -> list[TicketEntry]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.entry_at(row) for row in rows]

    def select_case(self, case_id: str) -> bool:
        """Selects the row of a case (when the filter shows it); False when it is not shown."""
        row = self.model.row_of(case_id)
        if row is None:
            return False
        index = self.model.index(row, COL_CASE)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _show_detail(self, *_: Any) -> None:
        """The current ticket in full: what it cost and why, and any dispute."""
        current: QModelIndex = self.table.currentIndex()
        if not current.isValid() or current.row() >= self.model.rowCount():
            self.detail.setText(self.tr("Select a ticket to see what it cost and why."))
            return
        entry = self.model.entry_at(current.row())
        ticket = entry.ticket
        lines = [
            self.tr("{case} ({source}, {license}): {outcome}. {why}").format(
                case=ticket.case_id,
                source=source_text(entry.source),
                license=entry.license_id or unassigned_text(),
                outcome=outcome_text(entry.outcome),
                why=outcome_explanation(entry.outcome),
            )
        ]
        if entry.dispute is not None:
            lines.append(dispute_detail(entry).replace("\n", " "))
        self.detail.setText("\n".join(lines))

    def _update_actions(self, *_: object) -> None:
        self.commands.update_enabled()

    def add_ticket(self) -> TicketDialog | None:
        """Opens the dialog for a new local ticket (non-blocking) and returns it; the window's
        Ctrl+N calls this from anywhere."""
        return self.commands.add_ticket()
