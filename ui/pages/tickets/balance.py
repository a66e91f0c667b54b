"""The balance beside the ledger: for one license, its current period in figures and its monthly
chart; with "All" selected, one line per license (each license's tickets stand alone, R16).

Every figure is the dashboard's (`LicenseStanding.balance`, `LicenseView.usage`); the panel only
words them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dashboard import LicenseView
from licensing.ledger import Outcome, TicketBalance
from licensing.portfolio import LicenseStanding
from ui.theme import Tone, apply_text_tone
from ui.usage_chart import UsageChart
from ui.wording import date_text, outcome_explanation, state_text, tickets_text

(
    SUM_LICENSE,
    SUM_STATE,
    SUM_USED,
    SUM_PERIOD_LEFT,
    SUM_TOTAL_LEFT,
    SUM_BUGS,
    SUM_UNFUNDED,
    SUM_INELIGIBLE,
) = range(8)


class LicenseBalance(QWidget):
    """One license: its period's figures, each usable pack, and the monthly chart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tickets-license-balance")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        figures = QWidget()
        column = QVBoxLayout(figures)
        column.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setObjectName("tickets-balance-heading")
        self.heading.setWordWrap(True)
        column.addWidget(self.heading)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        column.addLayout(grid)
        self.fields: dict[str, QLabel] = {}
        places = (
            ("used", self.tr("Used:"), 0, 0),
            ("left", self.tr("Left this period:"), 0, 2),
            ("total", self.tr("Total left:"), 1, 0),
            ("bugs", self.tr("Bugs (free):"), 1, 2),
            ("unfunded", self.tr("Unfunded:"), 2, 0),
            ("ineligible", self.tr("Ineligible:"), 2, 2),
            ("packs", self.tr("Packs:"), 3, 0),
        )
        for key, caption, row_number, column_number in places:
            value = QLabel()
            value.setObjectName(f"tickets-balance-{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(caption.rstrip(":"))
            label = QLabel(caption)
            label.setBuddy(value)
            grid.addWidget(label, row_number, column_number, Qt.AlignmentFlag.AlignTop)
            span = 3 if key == "packs" else 1
            grid.addWidget(value, row_number, column_number + 1, 1, span)
            self.fields[key] = value
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.fields["packs"].setWordWrap(True)
        self.fields["unfunded"].setToolTip(outcome_explanation(Outcome.UNFUNDED))
        self.fields["bugs"].setToolTip(outcome_explanation(Outcome.NOT_DEDUCTED_BUG))
        self.fields["ineligible"].setToolTip(outcome_explanation(Outcome.INELIGIBLE))
        self.ineligible_meaning = QLabel(
            self.tr("Ineligible means: {meaning}").format(
                meaning=outcome_explanation(Outcome.INELIGIBLE)
            )
        )
        self.ineligible_meaning.setObjectName("tickets-balance-ineligible-meaning")
        self.ineligible_meaning.setWordWrap(True)
        column.addWidget(self.ineligible_meaning)
        column.addStretch(1)
        row.addWidget(figures, 1)
        self.chart = UsageChart()
        self.chart.setMinimumSize(300, 170)
        row.addWidget(self.chart, 1)

    def show_license(self, standing: LicenseStanding, view: LicenseView) -> None:
        balance = standing.balance
        start, end = balance.period_start, balance.period_end
        period = (start, end) if start is not None and end is not None else None
        if period is None:
            self.heading.setText(
                self.tr("{license}: no ticket period contains {day}.").format(
                    license=standing.license_id, day=date_text(standing.ledger.as_of)
                )
            )
        else:
            self.heading.setText(
                self.tr("{license}: this period runs {start} – {end}.").format(
                    license=standing.license_id,
                    start=date_text(period[0]),
                    end=date_text(period[1]),
                )
            )
        self._show_figures(balance)
        self.chart.set_usage(period, balance.annual_allocated, view.usage, balance.packs)

    def _show_figures(self, balance: TicketBalance) -> None:
        f = self.fields
        f["used"].setText(
            self.tr("{used} of {allocated}").format(
                used=balance.annual_used, allocated=balance.annual_allocated
            )
        )
        f["left"].setText(tickets_text(balance.annual_remaining))
        if balance.packs:
            f["packs"].setText(
                "\n".join(
                    self.tr("{pack}: {left} of {tickets} left, until {day}").format(
                        pack=p.pack_id,
                        left=p.remaining,
                        tickets=tickets_text(p.tickets),
                        day=date_text(p.expires_on),
                    )
                    for p in balance.packs
                )
            )
        else:
            f["packs"].setText(self.tr("none usable today"))
        f["total"].setText(tickets_text(balance.remaining_total))
        f["bugs"].setText(tickets_text(balance.not_deducted_bug))
        f["unfunded"].setText(tickets_text(balance.unfunded))
        f["ineligible"].setText(tickets_text(balance.ineligible))
        for key, count in (("unfunded", balance.unfunded), ("ineligible", balance.ineligible)):
            if count:
                apply_text_tone(f[key], Tone.WARNING)
            else:
                f[key].setPalette(QPalette())  # the inherited colours again


class PortfolioBalance(QWidget):
    """Every license's balance in one table, most urgent first; a double click chooses one."""

    license_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tickets-portfolio-balance")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel(
            self.tr(
                "Each license has its own tickets. Choose one in the License selector (or double-"
                "click it here) to see its periods, packs and monthly chart."
            )
        )
        self.hint.setObjectName("tickets-portfolio-hint")
        self.hint.setWordWrap(True)
        column.addWidget(self.hint)
        self.table = QTableWidget(0, 8)
        self.table.setObjectName("tickets-portfolio-table")
        self.table.setAccessibleName(self.tr("Ticket balance of every license"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("License"),
                self.tr("State"),
                self.tr("Used"),
                self.tr("Period left"),
                self.tr("Total left"),
                self.tr("Bugs (free)"),
                self.tr("Unfunded"),
                self.tr("Ineligible"),
            ]
        )
        ineligible = self.table.horizontalHeaderItem(SUM_INELIGIBLE)
        if ineligible is not None:
            ineligible.setToolTip(outcome_explanation(Outcome.INELIGIBLE))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SUM_LICENSE, QHeaderView.ResizeMode.Stretch)
        self.table.itemActivated.connect(self._activated)
        column.addWidget(self.table, 1)

    def show_licenses(self, standings: Sequence[LicenseStanding]) -> None:
        self.table.setRowCount(len(standings))
        for row, standing in enumerate(standings):
            b = standing.balance
            cells = {
                SUM_LICENSE: standing.license_id,
                SUM_STATE: state_text(standing.sm.state),
                SUM_USED: self.tr("{used} of {allocated}").format(
                    used=b.annual_used, allocated=b.annual_allocated
                ),
                SUM_PERIOD_LEFT: str(b.annual_remaining),
                SUM_TOTAL_LEFT: str(b.remaining_total),
                SUM_BUGS: str(b.not_deducted_bug),
                SUM_UNFUNDED: str(b.unfunded),
                SUM_INELIGIBLE: str(b.ineligible),
            }
            for column, text in cells.items():
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, standing.license_id)
                if column != SUM_LICENSE and column != SUM_STATE:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)

    def _activated(self, item: QTableWidgetItem) -> None:
        license_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(license_id, str):
            self.license_chosen.emit(license_id)


class BalancePanel(QStackedWidget):
    """One license's balance and chart, or every license's balance with "All" selected."""

    license_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tickets-balance")
        self.license_balance = LicenseBalance()
        self.portfolio = PortfolioBalance()
        self.addWidget(self.license_balance)
        self.addWidget(self.portfolio)
        self.portfolio.license_chosen.connect(self.license_chosen)

    def show_license(self, standing: LicenseStanding, view: LicenseView) -> None:
        self.license_balance.show_license(standing, view)
        self.setCurrentWidget(self.license_balance)

    def show_portfolio(self, standings: Sequence[LicenseStanding]) -> None:
        self.portfolio.show_licenses(standings)
        self.setCurrentWidget(self.portfolio)
