"""The renewal form (R5, R6, R16): the license the pages follow, or with "All" a checklist of
licenses; the years (the same for each); a seat change for one license; and the estimate of
each license with a total per currency, as `renewal-quote` computes them.

The form only gathers what was typed and shows the estimate it is handed: the page asks for it
off the GUI thread (`app.requests.forms.estimate_renewal`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from licensing.renewals import MAX_RENEWAL_YEARS
from ui.theme import Tone, apply_text_tone
from ui.wording import date_text, days_text, license_title, money_text, years_text

if TYPE_CHECKING:
    from app.requests.forms import RenewalEstimate
    from licensing.portfolio import LicenseStanding
    from licensing.renewals import RenewalQuote

from licensing.values import MAX_SEATS

LICENSE_ROLE = Qt.ItemDataRole.UserRole


def caption(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def notes_field(name: str, accessible: str) -> QPlainTextEdit:
    notes = QPlainTextEdit()
    notes.setObjectName(name)
    notes.setAccessibleName(accessible)
    notes.setTabChangesFocus(True)  # Tab moves on, so the keyboard never gets stuck here
    notes.setMaximumHeight(80)
    return notes


class RenewalSection(QWidget):
    changed = Signal()
    """What the request covers or asks for changed: the estimate is out of date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._licenses: tuple[LicenseStanding, ...] = ()
        self._selected: str | None = None
        self._shown_key: tuple[object, ...] | None = None
        self.quote_lines: dict[str, QLabel] = {}
        """The estimate line of each license shown, by license id."""
        self.warning_lines: dict[str, QLabel] = {}

        form = QFormLayout(self)
        self.license_line = QLabel()
        self.license_line.setObjectName("renewal-license")
        self.license_line.setWordWrap(True)
        form.addRow(self.license_line)

        self.license_list = QListWidget()
        self.license_list.setObjectName("renewal-licenses")
        self.license_list.setAccessibleName(self.tr("Licenses to renew"))
        self.license_list.setMaximumHeight(110)
        self.license_list.itemChanged.connect(self._checks_changed)
        self.all_due = QPushButton(self.tr("Renew all &due"))
        self.all_due.setObjectName("renewal-all-due")
        self.all_due.setAccessibleName(self.tr("Renew every license that is due"))
        self.all_due.setToolTip(
            self.tr("Ticks every license in its renewal window, expired or lapsed")
        )
        self.all_due.clicked.connect(self.check_all_due)
        self.list_row = QWidget()
        list_layout = QHBoxLayout(self.list_row)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.license_list, 1)
        list_layout.addWidget(self.all_due, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.list_row)
        self._due: tuple[str, ...] = ()

        self.years = QSpinBox()
        self.years.setObjectName("renewal-years")
        self.years.setRange(0, MAX_RENEWAL_YEARS)
        self.years.setSpecialValueText(self.tr("The least that makes it current"))
        self.years.setAccessibleName(self.tr("Years to renew each license"))
        self.years.setMinimumWidth(220)
        self.years.valueChanged.connect(self.changed)
        form.addRow(caption(self.tr("&Years:"), self.years), self.years)

        self.seats_row = QWidget()
        seats = QHBoxLayout(self.seats_row)
        seats.setContentsMargins(0, 0, 0, 0)
        self.users = self._seat_field("renewal-users", self.tr("Requested user seats"))
        self.devices = self._seat_field("renewal-devices", self.tr("Requested device seats"))
        seats.addWidget(caption(self.tr("&Users:"), self.users))
        seats.addWidget(self.users)
        seats.addWidget(caption(self.tr("De&vices:"), self.devices))
        seats.addWidget(self.devices)
        seats.addStretch(1)
        self.seats_caption = QLabel(self.tr("Seat change:"))
        form.addRow(self.seats_caption, self.seats_row)
        self.seats_note = QLabel(
            self.tr(
                "Leave empty to keep the license's seats. A seat change has no estimate: the "
                "vendor quotes it (the price depends on the product category and seats)."
            )
        )
        self.seats_note.setWordWrap(True)
        form.addRow(self.seats_note)

        backdated = QLabel(
            self.tr(
                "A renewal is backdated: it starts at the current S&M expiry date, whenever it "
                "is bought."
            )
        )
        backdated.setWordWrap(True)
        form.addRow(backdated)
        self.lines = QVBoxLayout()
        form.addRow(self.tr("Estimate:"), self.lines)
        self.total = QLabel("—")
        self.total.setObjectName("renewal-total")
        self.total.setWordWrap(True)
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Total:"), self.total)

        self.notes = notes_field("renewal-notes", self.tr("Notes for the renewal"))
        self.notes.textChanged.connect(self.changed)
        form.addRow(caption(self.tr("&Notes:"), self.notes), self.notes)

    def _seat_field(self, name: str, accessible: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setAccessibleName(accessible)
        line.setValidator(QIntValidator(0, MAX_SEATS, line))
        line.setMaximumWidth(140)
        line.textChanged.connect(self.changed)
        return line

    # What the form covers ---------------------------------------------------------------------

    def show_licenses(
        self,
        licenses: Sequence[LicenseStanding],
        selected: str | None,
        due: tuple[str, ...],
        as_of: date,
    ) -> None:
        """One license (`selected`), or a checklist of every license with the due ones ticked.
        What was typed stays while the same licenses are shown on the same day; the caller asks
        for the estimate afterwards (`changed` is not emitted)."""
        self._licenses, self._selected, self._due = tuple(licenses), selected, due
        self.all_due.setEnabled(bool(due))
        key = (selected, as_of, tuple((s.license_id, s.claims.revision) for s in licenses))
        if key == self._shown_key:
            return
        self._shown_key = key
        single = next((s for s in licenses if s.license_id == selected), None)
        self.list_row.setVisible(single is None and bool(licenses))
        if single is not None:
            claims = single.claims
            self.license_line.setText(
                self.tr("{license}: S&M ends on {sm_end}; {users} and {devices}.").format(
                    license=license_title(single),
                    sm_end=date_text(claims.sm_end),
                    users=self.tr("%n user(s)", "", claims.seats.users),
                    devices=self.tr("%n device(s)", "", claims.seats.devices),
                )
            )
            self.users.setPlaceholderText(
                self.tr("unchanged ({count})").format(count=claims.seats.users)
            )
            self.devices.setPlaceholderText(
                self.tr("unchanged ({count})").format(count=claims.seats.devices)
            )
        elif licenses:
            self.license_line.setText(
                self.tr(
                    "One request for every license ticked, each with its own period and "
                    "estimate. A seat change is asked for one license: choose it in the License "
                    "selector above."
                )
            )
        else:
            self.license_line.setText(self.tr("No license yet: import the license key first."))
        self.license_list.blockSignals(True)
        self.license_list.clear()
        for standing in licenses:
            item = QListWidgetItem(license_title(standing))
            item.setData(LICENSE_ROLE, standing.license_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = standing.license_id in due
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.license_list.addItem(item)
        self.license_list.blockSignals(False)
        blocked = self.blockSignals(True)  # the page asks for the estimate once, after this
        self.users.clear()
        self.devices.clear()
        self.blockSignals(blocked)
        self._show_seats()

    def check_all_due(self) -> None:
        """Ticks exactly the licenses `request renewal --all-due` covers."""
        self.license_list.blockSignals(True)
        for row in range(self.license_list.count()):
            item = self.license_list.item(row)
            due = item.data(LICENSE_ROLE) in self._due
            item.setCheckState(Qt.CheckState.Checked if due else Qt.CheckState.Unchecked)
        self.license_list.blockSignals(False)
        self._checks_changed()

    def _checks_changed(self) -> None:
        self._show_seats()
        self.changed.emit()

    def _show_seats(self) -> None:
        one = len(self.license_ids()) == 1 and self._selected is not None
        for widget in (self.seats_caption, self.seats_row, self.seats_note):
            widget.setVisible(one)

    def license_ids(self) -> tuple[str, ...]:
        """The licenses the request covers, most urgent first."""
        if self._selected is not None and any(
            s.license_id == self._selected for s in self._licenses
        ):
            return (self._selected,)
        ticked = []
        for row in range(self.license_list.count()):
            item = self.license_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ticked.append(str(item.data(LICENSE_ROLE)))
        return tuple(ticked)

    def years_value(self) -> int | None:
        """None: for each license, the least number of years that makes it current."""
        return self.years.value() or None

    def seat_values(self) -> tuple[int | None, int | None]:
        """The seats typed (None: the license's own); only when one license is chosen."""
        from app.requests.forms import seats_from

        if self.seats_row.isHidden():
            return None, None
        return seats_from(self.users.text()), seats_from(self.devices.text())

    # The estimate ----------------------------------------------------------------------------

    def _clear_lines(self) -> None:
        while self.lines.count():
            item = self.lines.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.quote_lines.clear()
        self.warning_lines.clear()

    def show_waiting(self, text: str) -> None:
        self._clear_lines()
        self.total.setText(text)

    def show_estimate(self, estimate: RenewalEstimate, as_of: date, fee_days: int) -> None:
        """A line per license (and a warning when the years leave it expired), then the total
        of each currency."""
        self._clear_lines()
        for quote in estimate.quotes:
            line = QLabel(self.quote_text(quote, fee_days))
            line.setObjectName(f"renewal-estimate-{quote.license_id}")
            line.setWordWrap(True)
            line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.lines.addWidget(line)
            self.quote_lines[quote.license_id] = line
            if not quote.becomes_current:
                warning = QLabel(
                    self.tr(
                        "{license}: with {years}, S&M would still be expired on {day}; at least "
                        "{minimum} are needed to be current."
                    ).format(
                        license=quote.license_id,
                        years=years_text(quote.years),
                        day=date_text(as_of),
                        minimum=years_text(quote.min_years_to_be_current),
                    )
                )
                warning.setObjectName(f"renewal-warning-{quote.license_id}")
                warning.setWordWrap(True)
                apply_text_tone(warning, Tone.WARNING)
                self.lines.addWidget(warning)
                self.warning_lines[quote.license_id] = warning
        if estimate.totals:
            amounts = "; ".join(money_text(t, c) for c, t in estimate.totals.items())
            text = self.tr("{amounts}. An estimate: the vendor's quote prevails.").format(
                amounts=amounts
            )
            if estimate.quote_required:
                text += " " + self.tr("The seat change is quoted by the vendor, apart.")
        elif estimate.quote_required:
            text = self.tr("No estimate: the vendor quotes a seat change.")
        else:
            text = "—"
        self.total.setText(text)

    def quote_text(self, quote: RenewalQuote, fee_days: int) -> str:
        period = self.tr("{license}: {start} to {end} ({years})").format(
            license=quote.license_id,
            start=date_text(quote.period_start),
            end=date_text(quote.period_end),
            years=years_text(quote.years),
        )
        if quote.quote_required:
            return (
                period + ": " + self.tr("quote required (a seat change is priced by the vendor).")
            )
        text = period + ": " + money_text(quote.base_amount, quote.currency)
        if quote.reinstatement_fee:
            text += " " + self.tr(
                "+ a reinstatement fee of {fee} (S&M expired more than {days} ago)"
            ).format(
                fee=money_text(quote.reinstatement_fee, quote.currency), days=days_text(fee_days)
            )
            text += " = " + money_text(quote.total, quote.currency)
        return text + "."
