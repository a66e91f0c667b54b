"""The portfolio: one row per license, most urgent first (R16), under how many need attention."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from licensing.rules import SmState, covers
from ui.pages.overview.widgets import STATE_TONES, bold
from ui.theme import tone_colors
from ui.wording import (
    attention_text,
    countdown_text,
    date_text,
    state_text,
    trust_source_text,
)

if TYPE_CHECKING:
    from app.dashboard import Dashboard
    from licensing.portfolio import LicenseStanding

LICENSE_ID_ROLE = Qt.ItemDataRole.UserRole
_NO_PARENT = QModelIndex()


class PortfolioModel(QAbstractTableModel):
    """The licenses of a dashboard, in its order (most urgent first); read-only."""

    LICENSE, PRODUCT, ENVIRONMENT, STATE, SM_END, DAYS, TICKETS, TRUST = range(8)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[LicenseStanding, ...] = ()
        self._as_of: Any = None
        self._headers = (
            self.tr("License"),
            self.tr("Product"),
            self.tr("Environment"),
            self.tr("State"),
            self.tr("S&M ends"),
            self.tr("Days"),
            self.tr("Tickets left"),
            self.tr("Signed by"),
        )

    def set_dashboard(self, dashboard: Dashboard) -> None:
        self.beginResetModel()
        self._rows = dashboard.status.licenses
        self._as_of = dashboard.as_of
        self.endResetModel()

    def license_ids(self) -> list[str]:
        return [standing.license_id for standing in self._rows]

    def row_of(self, license_id: str | None) -> int:
        return next((i for i, s in enumerate(self._rows) if s.license_id == license_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
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

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        standing, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(standing, column)
        if role == LICENSE_ID_ROLE:
            return standing.license_id
        if column == self.STATE and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            background, text = tone_colors(
                QGuiApplication.palette(), STATE_TONES[standing.sm.state]
            )
            return background if role == Qt.ItemDataRole.BackgroundRole else text
        if column == self.STATE and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if column == self.TICKETS and role == Qt.ItemDataRole.ToolTipRole:
            return self.tickets_tip(standing)
        return None

    def text(self, standing: LicenseStanding, column: int) -> str:
        claims, sm = standing.claims, standing.sm
        match column:
            case self.LICENSE:
                return claims.license_id
            case self.PRODUCT:
                return claims.product.name
            case self.ENVIRONMENT:
                return claims.environment or "—"
            case self.STATE:
                return state_text(sm.state)
            case self.SM_END:
                return date_text(sm.end)
            case self.DAYS:
                return self.days_left_text(standing)
            case self.TICKETS:
                left = standing.balance.remaining_total
                if left and not self._usable(standing):
                    return self.tr("{count} (not usable now)").format(count=left)
                return str(left)
            case self.TRUST:
                return trust_source_text(standing.held.trust)
        return ""

    def days_left_text(self, standing: LicenseStanding) -> str:
        sm = standing.sm
        if sm.state is SmState.NOT_STARTED:
            return self.tr("starts on {day}").format(day=date_text(sm.start))
        return countdown_text(sm)

    def _usable(self, standing: LicenseStanding) -> bool:
        return self._as_of is not None and covers(standing.claims, self._as_of)

    def tickets_tip(self, standing: LicenseStanding) -> str:
        if self._usable(standing):
            return self.tr("Left in the current period and in the packs usable today.")
        return self.tr(
            "Tickets can be used only on days Support & Maintenance covers: renew to use them."
        )


class PortfolioView(QWidget):
    """How many licenses need attention, then the table; opening a row asks for its detail."""

    opened = Signal(str)
    """A license was chosen (click, Enter): its id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portfolio")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setObjectName("attention")
        bold(self.heading, 1.3)
        self.summary = QLabel()
        self.summary.setObjectName("portfolio-summary")
        self.summary.setWordWrap(True)
        self.model = PortfolioModel(self)
        self.table = QTableView()
        self.table.setObjectName("licenses")
        self.table.setAccessibleName(self.tr("Licenses, most urgent first"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PortfolioModel.PRODUCT, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.activated.connect(self._open)  # Enter, or a double click
        self.table.clicked.connect(self._open)
        self.empty_note = QLabel(
            self.tr("No license counts in this run: the warnings above say why.")
        )
        self.empty_note.setObjectName("no-license")
        self.empty_note.setWordWrap(True)
        self.hint = QLabel(
            self.tr(
                "Click a license, or move to it with the arrow keys and press Enter, to see its "
                "details: tickets, warnings, and what to do next."
            )
        )
        self.hint.setObjectName("portfolio-hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.hint)

    def show_dashboard(self, dashboard: Dashboard, current: str | None) -> None:
        """Shows the portfolio; the row of `current` (the last license opened) stays current."""
        status = dashboard.status
        total, needing = len(status.licenses), status.needing_attention
        self.heading.setText(
            attention_text(needing) if needing else self.tr("Every license is active")
        )
        self.summary.setText(
            self.tr("%n license(s), most urgent first.", "", total)
            + " "
            + self.tr("As of {day}.").format(day=date_text(dashboard.as_of))
        )
        self.model.set_dashboard(dashboard)
        self.table.setVisible(total > 0)
        self.hint.setVisible(total > 0)
        self.empty_note.setVisible(total == 0)
        row = max(self.model.row_of(current), 0)
        if total:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open(self, index: QModelIndex) -> None:
        license_id = index.data(LICENSE_ID_ROLE)
        if isinstance(license_id, str):
            self.opened.emit(license_id)
