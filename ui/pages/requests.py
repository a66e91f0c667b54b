"""Requests: a renewal (R5, R6) or extra support packs (R8), sent in one click and recorded.

The page only gathers what the person typed; composing, estimating, sending and recording are
the services' work (`app.requests`, `app.mail`, `Console.renewal_quote`), run off the GUI thread
through `host.run_action`. The GUI thread only opens the mail program or fills the clipboard.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.secrets import SMTP_PASSWORD
from licensing.rules import pack_estimate
from ui.pages.base import Host, Page
from ui.pages.settings import session_secrets

if TYPE_CHECKING:
    from app.dashboard import Dashboard
    from app.requests import ComposedRequest, Contact, RecordedRequest
    from app.services import Console
    from app.store import StoredRequest
    from licensing.claims import Money
    from licensing.policy import VendorPolicy
    from licensing.rules import RenewalQuote

RENEWAL, PACKS = "renewal", "packs"
CHANNELS = ("mailto", "smtp", "file", "clipboard")
_NO_PARENT = QModelIndex()
WARNING_STYLE = "color:#8a1c00;font-weight:bold"


# What the person asked for, as plain values the worker turns into a request --------------------


class RenewalForm(NamedTuple):
    as_of: date
    years: int
    users: int | None
    devices: int | None
    contact: Contact
    notes: str


class PacksForm(NamedTuple):
    as_of: date
    packs: int
    po_number: str
    contact: Contact
    notes: str


def compose(console: Console, form: RenewalForm | PacksForm) -> ComposedRequest:
    """Runs in the worker: the same composition as `request renewal` / `request packs`."""
    from app.requests import SeatChange, compose_packs, compose_renewal

    contact = form.contact
    if isinstance(form, RenewalForm):
        return compose_renewal(
            console,
            form.as_of,
            form.years,
            SeatChange(form.users, form.devices),
            contact,
            form.notes or None,
        )
    return compose_packs(
        console, form.as_of, form.packs, form.po_number.strip(), contact, form.notes or None
    )


def price_text(money: Money) -> str:
    """`US$2,000` for the policy's price in dollars; `1,500.50 EUR` otherwise."""
    amount = money.amount
    whole = amount == amount.to_integral_value()
    number = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    return f"US${number}" if money.currency == "USD" else f"{number} {money.currency}"


def percent_text(rate: Decimal) -> str:
    value = rate * 100
    if value == value.to_integral_value():
        return str(value.to_integral_value())
    return format(value.normalize(), "f")


# The history of requests ------------------------------------------------------------------------


class RequestsModel(QAbstractTableModel):
    """Every recorded request, newest first; `RAW_ROLE` gives the stored value of a cell."""

    ID, CREATED, KIND, CHANNEL, STATUS, FILE = range(6)
    RAW_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[StoredRequest] = []
        self._headers = [
            self.tr("No."),
            self.tr("Created (UTC)"),
            self.tr("Request"),
            self.tr("Sent by"),
            self.tr("Status"),
            self.tr("File"),
        ]

    def set_rows(self, rows: tuple[StoredRequest, ...]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda r: r.id, reverse=True)
        self.endResetModel()

    def row(self, row: int) -> StoredRequest:
        return self._rows[row]

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
        request = self._rows[index.row()]
        column = index.column()
        raw = (
            request.id,
            request.created_at,
            request.kind,
            request.channel,
            request.status,
            request.file_path,
        )[column]
        if role == self.RAW_ROLE:
            return raw
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.ID:
                return str(request.id)
            if column == self.CREATED:
                return request.created_at[:16].replace("T", " ")
            if column == self.KIND:
                return self.kind_text(request)
            if column == self.CHANNEL:
                return self.channel_text(request.channel)
            if column == self.STATUS:
                return self.status_text(request.status)
            return request.file_path or "—"
        if role == Qt.ItemDataRole.ToolTipRole and column == self.FILE:
            return request.file_path
        return None

    def kind_text(self, request: StoredRequest) -> str:
        payload = request.payload
        if request.kind == RENEWAL:
            text = self.tr("Renewal, {years} year(s) to {end}").format(
                years=payload.get("years", "?"), end=payload.get("period_end", "?")
            )
            if payload.get("quote_required"):
                text += self.tr(" (quote required)")
            return text
        if request.kind == PACKS:
            return self.tr("{count} support pack(s), PO {po}").format(
                count=payload.get("packs", "?"), po=payload.get("po_number", "?")
            )
        return request.kind

    def channel_text(self, channel: str) -> str:
        return {
            "mailto": self.tr("Mail program"),
            "smtp": self.tr("SMTP"),
            "file": self.tr("File for the portal"),
            "clipboard": self.tr("Clipboard"),
        }.get(channel, channel)

    def status_text(self, status: str) -> str:
        return {
            "saved": self.tr("Saved; waiting for the vendor"),
            "in_mail_client": self.tr("Opened in the mail program; waiting for the vendor"),
            "sent": self.tr("Sent; waiting for the vendor"),
            "copied": self.tr("Copied; waiting for the vendor"),
            "fulfilled": self.tr("Fulfilled (a license covering it was imported)"),
            "cancelled": self.tr("Cancelled"),
        }.get(status, status)


# The page -----------------------------------------------------------------------------------


class RequestsPage(Page):
    name = "requests"

    quote_shown = Signal()
    """Emitted whenever the renewal period and estimate shown are up to date."""
    request_recorded = Signal(object)
    """Emitted with the `RecordedRequest` once a request is sent (or saved) and recorded."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.dashboard: Dashboard | None = None
        self.policy: VendorPolicy | None = None
        self.quote: RenewalQuote | None = None
        self._policy_asked = False
        self._license_key: tuple[object, ...] | None = None
        self._quote_asked: tuple[int, bool] | None = None
        self._quote_generation = 0

        layout = self.scrolled_layout()

        self.tabs = QTabWidget()
        self.tabs.setObjectName("request-kind")
        self.tabs.setAccessibleName(self.tr("Kind of request"))
        self.tabs.addTab(self._build_renewal(), self.tr("&Renewal"))
        self.tabs.addTab(self._build_packs(), self.tr("Extra support pac&ks"))
        layout.addWidget(self.tabs)
        layout.addWidget(self._build_contact())
        layout.addWidget(self._build_send())
        layout.addWidget(self._build_history(), 1)

        self.tabs.currentChanged.connect(self._update_send)
        self._update_send()

    # Building ---------------------------------------------------------------------------------

    def _build_renewal(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.license_line = QLabel(self.tr("No license yet."))
        self.license_line.setObjectName("renewal-license")
        self.license_line.setWordWrap(True)
        form.addRow(self.license_line)

        years_row = QWidget()
        years_layout = QHBoxLayout(years_row)
        years_layout.setContentsMargins(0, 0, 0, 0)
        self.years = QSpinBox()
        self.years.setObjectName("renewal-years")
        self.years.setRange(1, 99)
        self.years.setSuffix(self.tr(" year(s)"))
        self.years.setAccessibleName(self.tr("Years to renew"))
        self.years.valueChanged.connect(self._inputs_changed)
        self.years_hint = QLabel()
        self.years_hint.setObjectName("renewal-years-hint")
        self.years_hint.setWordWrap(True)
        years_layout.addWidget(self.years)
        years_layout.addWidget(self.years_hint, 1)
        form.addRow(self._caption(self.tr("&Years:"), self.years), years_row)

        self.years_warning = QLabel()
        self.years_warning.setObjectName("renewal-years-warning")
        self.years_warning.setWordWrap(True)
        self.years_warning.setStyleSheet(WARNING_STYLE)
        self.years_warning.hide()
        form.addRow(self.years_warning)

        self.period = QLabel("—")
        self.period.setObjectName("renewal-period")
        self.period.setWordWrap(True)
        self.period.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Period:"), self.period)

        self.estimate = QLabel("—")
        self.estimate.setObjectName("renewal-estimate")
        self.estimate.setWordWrap(True)
        self.estimate.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Estimate:"), self.estimate)

        seats_row = QWidget()
        seats_layout = QHBoxLayout(seats_row)
        seats_layout.setContentsMargins(0, 0, 0, 0)
        self.seat_users = self._seat_field("renewal-users", self.tr("Requested user seats"))
        self.seat_devices = self._seat_field("renewal-devices", self.tr("Requested device seats"))
        seats_layout.addWidget(self._caption(self.tr("&Users:"), self.seat_users))
        seats_layout.addWidget(self.seat_users)
        seats_layout.addWidget(self._caption(self.tr("&Devices:"), self.seat_devices))
        seats_layout.addWidget(self.seat_devices)
        seats_layout.addStretch(1)
        form.addRow(self.tr("Seat change:"), seats_row)
        seats_note = QLabel(
            self.tr(
                "Leave empty to keep the current seats. A seat change has no estimate: the vendor "
                "quotes it (the price depends on the product category and seats)."
            )
        )
        seats_note.setWordWrap(True)
        form.addRow(seats_note)

        self.renewal_notes = self._notes("renewal-notes", self.tr("Notes for the renewal"))
        form.addRow(self._caption(self.tr("&Notes:"), self.renewal_notes), self.renewal_notes)
        return tab

    def _build_packs(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.pack_terms = QLabel(self.tr("Loading the vendor's terms…"))
        self.pack_terms.setObjectName("pack-terms")
        self.pack_terms.setWordWrap(True)
        form.addRow(self.pack_terms)

        self.pack_count = QSpinBox()
        self.pack_count.setObjectName("pack-count")
        self.pack_count.setRange(1, 50)
        self.pack_count.setMaximumWidth(160)
        self.pack_count.setAccessibleName(self.tr("Number of support packs"))
        self.pack_count.valueChanged.connect(self._show_pack_total)
        form.addRow(self._caption(self.tr("Number of p&acks:"), self.pack_count), self.pack_count)

        self.pack_total = QLabel("—")
        self.pack_total.setObjectName("pack-total")
        self.pack_total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Total:"), self.pack_total)

        self.po_number = QLineEdit()
        self.po_number.setObjectName("pack-po")
        self.po_number.setAccessibleName(self.tr("Purchase order number (required)"))
        self.po_number.setPlaceholderText(self.tr("required: packs are bought by purchase order"))
        self.po_number.textChanged.connect(self._update_send)
        form.addRow(self._caption(self.tr("Purchase &order:"), self.po_number), self.po_number)

        self.acknowledge = QCheckBox(
            self.tr(
                "&I understand that support packs are non-refundable (fees are earned when paid)"
            )
        )
        self.acknowledge.setObjectName("pack-acknowledge")
        self.acknowledge.setAccessibleName(self.tr("Support packs are non-refundable"))
        self.acknowledge.toggled.connect(self._update_send)
        form.addRow(self.acknowledge)

        self.pack_notes = self._notes("pack-notes", self.tr("Notes for the pack request"))
        form.addRow(self._caption(self.tr("No&tes:"), self.pack_notes), self.pack_notes)
        return tab

    def _build_contact(self) -> QGroupBox:
        box = QGroupBox(self.tr("Your contact details"))
        form = QFormLayout(box)
        settings = self.host.settings
        self.contact_name = self._line(
            "contact-name", self.tr("Contact name"), settings.contact_name
        )
        self.contact_email = self._line(
            "contact-email", self.tr("Contact e-mail"), settings.contact_email
        )
        self.contact_phone = self._line(
            "contact-phone", self.tr("Contact phone"), settings.contact_phone
        )
        form.addRow(self._caption(self.tr("Na&me:"), self.contact_name), self.contact_name)
        form.addRow(self._caption(self.tr("&E-mail:"), self.contact_email), self.contact_email)
        form.addRow(self._caption(self.tr("&Phone:"), self.contact_phone), self.contact_phone)
        self.remember_contact = QCheckBox(self.tr("Remem&ber these details for the next request"))
        self.remember_contact.setObjectName("contact-remember")
        self.remember_contact.setAccessibleName(self.tr("Remember the contact details"))
        self.remember_contact.setChecked(True)
        form.addRow(self.remember_contact)
        return box

    def _build_send(self) -> QGroupBox:
        box = QGroupBox(self.tr("Send"))
        layout = QVBoxLayout(box)
        self.missing = QLabel()
        self.missing.setObjectName("request-missing")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(WARNING_STYLE)
        layout.addWidget(self.missing)
        row = QHBoxLayout()
        texts = {
            "mailto": (self.tr("Open in mail pro&gram"), self.tr("Opens a new message to {to}")),
            "smtp": (
                self.tr("Send by &SMTP"),
                self.tr("Sends to {to} through the SMTP server set in Settings"),
            ),
            "file": (
                self.tr("Sa&ve file for the portal…"),
                self.tr("Saves the request as JSON and text, to attach on the support portal"),
            ),
            "clipboard": (
                self.tr("&Copy to clipboard"),
                self.tr("Copies the subject and the text, to paste anywhere"),
            ),
        }
        self.send_buttons: dict[str, QPushButton] = {}
        self._send_tips: dict[str, str] = {}
        for channel in CHANNELS:
            text, tip = texts[channel]
            button = QPushButton(text)
            button.setObjectName(f"send-{channel}")
            button.setAccessibleName(text.replace("&", ""))
            button.clicked.connect(lambda _=False, c=channel: self.send(c))
            self.send_buttons[channel] = button
            self._send_tips[channel] = tip
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = QLabel()
        self.result.setObjectName("request-result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result)
        return box

    def _build_history(self) -> QGroupBox:
        box = QGroupBox(self.tr("Requests made"))
        layout = QVBoxLayout(box)
        self.history_model = RequestsModel(self)
        self.history = QTableView()
        self.history.setObjectName("request-history")
        self.history.setAccessibleName(self.tr("Requests made and their status"))
        self.history.setModel(self.history_model)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setTabKeyNavigation(False)
        self.history.verticalHeader().hide()
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.history.setMinimumHeight(160)
        layout.addWidget(self.history)
        note = QLabel(
            self.tr(
                "A renewal request is marked fulfilled when a license revision that covers its "
                "period is imported."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        return box

    def _caption(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _line(self, name: str, accessible: str, text: str = "") -> QLineEdit:
        line = QLineEdit(text)
        line.setObjectName(name)
        line.setAccessibleName(accessible)
        return line

    def _seat_field(self, name: str, accessible: str) -> QLineEdit:
        line = self._line(name, accessible)
        line.setValidator(QIntValidator(0, 1_000_000, line))
        line.setMaximumWidth(140)
        line.textChanged.connect(self._inputs_changed)
        return line

    def _notes(self, name: str, accessible: str) -> QPlainTextEdit:
        notes = QPlainTextEdit()
        notes.setObjectName(name)
        notes.setAccessibleName(accessible)
        notes.setTabChangesFocus(True)  # Tab moves on, so the keyboard never gets stuck here
        notes.setMaximumHeight(80)
        return notes

    # Page -------------------------------------------------------------------------------------

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        self.history_model.set_rows(dashboard.requests)
        if self.policy is None and not self._policy_asked:
            self._policy_asked = True
            self.host.run_action(
                lambda console: console.policy, self._policy_arrived, refresh=False
            )
        current, quote = dashboard.status.license, dashboard.renewal
        if current is None or quote is None:
            self._license_key = None
            self.quote = None
            self.license_line.setText(self.tr("No license yet: import the license key first."))
            self.years_hint.clear()
            self.years_warning.hide()
            self.period.setText("—")
            self.estimate.setText("—")
        else:
            claims = current.claims
            self.license_line.setText(
                self.tr(
                    "License {license} (revision {revision}) for {customer}: S&M expires on "
                    "{sm_end}; current seats: {users} users, {devices} devices."
                ).format(
                    license=claims.license_id,
                    revision=claims.revision,
                    customer=claims.customer.name,
                    sm_end=claims.sm_end.isoformat(),
                    users=claims.seats.users,
                    devices=claims.seats.devices,
                )
            )
            self.seat_users.setPlaceholderText(self.tr("unchanged") + f" ({claims.seats.users})")
            self.seat_devices.setPlaceholderText(
                self.tr("unchanged") + f" ({claims.seats.devices})"
            )
            key = (claims.license_id, claims.revision, claims.sm_end, dashboard.as_of)
            if key != self._license_key:
                # A new license or day: start again from the smallest renewal that makes it current.
                self._license_key = key
                self._quote_asked = None
                self.years.blockSignals(True)
                self.years.setValue(quote.min_years_to_be_current)
                self.years.blockSignals(False)
                self._inputs_changed()
        self._update_send()

    def _policy_arrived(self, policy: VendorPolicy) -> None:
        self.policy = policy
        price = price_text(policy.pack_price)
        self.pack_terms.setText(
            self.tr(
                "{tickets} tickets and {price} per pack. A pack's tickets are usable for {months} "
                "months from its purchase. Packs are bought by purchase order; the fees are earned "
                "when paid and are non-refundable."
            ).format(tickets=policy.pack_tickets, price=price, months=policy.pack_validity_months)
        )
        self._show_pack_total()
        if self.quote is not None:
            self._show_quote(self.quote)
        self._update_send()

    # The renewal estimate ---------------------------------------------------------------------

    def seat_change(self) -> tuple[int | None, int | None]:
        """The requested seats that differ from the license's (None: unchanged)."""
        current = self.dashboard.status.license if self.dashboard else None
        values: list[int | None] = []
        for line, now in (
            (self.seat_users, current.claims.seats.users if current else None),
            (self.seat_devices, current.claims.seats.devices if current else None),
        ):
            text = line.text().strip()
            value = int(text) if text.isdigit() else None
            values.append(None if value == now else value)
        return values[0], values[1]

    def _inputs_changed(self) -> None:
        """Asks for the estimate of the years and seats shown, unless it is already there."""
        dashboard = self.dashboard
        if dashboard is None or dashboard.renewal is None:
            return
        users, devices = self.seat_change()
        wanted = (self.years.value(), users is not None or devices is not None)
        if wanted == self._quote_asked:
            return
        self._quote_asked = wanted
        self._quote_generation += 1
        generation = self._quote_generation
        base = dashboard.renewal
        if wanted == (base.years, False):
            self._show_quote(base)
            return
        self.estimate.setText(self.tr("Estimating…"))
        as_of = dashboard.as_of
        years, changes_seats = wanted
        self.host.run_action(
            lambda console: console.renewal_quote(as_of, years, changes_seats),
            lambda quote: self._quote_arrived(generation, quote),
            refresh=False,
        )

    def _quote_arrived(self, generation: int, quote: RenewalQuote) -> None:
        if generation == self._quote_generation:  # an older answer is out of date: drop it
            self._show_quote(quote)

    def _show_quote(self, quote: RenewalQuote) -> None:
        self.quote = quote
        day = self.dashboard.as_of.isoformat() if self.dashboard else ""
        self.years_hint.setText(
            self.tr("At least {min} year(s) make S&M current on {day}.").format(
                min=quote.min_years_to_be_current, day=day
            )
        )
        if quote.becomes_current:
            self.years_warning.hide()
        else:
            self.years_warning.setText(
                self.tr(
                    "{years} year(s) would leave S&M expired: the renewal ends on {end}, before "
                    "{day}. Renew for at least {min} year(s) to be current."
                ).format(
                    years=quote.years,
                    end=quote.period_end.isoformat(),
                    day=day,
                    min=quote.min_years_to_be_current,
                )
            )
            self.years_warning.show()
        self.period.setText(
            self.tr(
                "{start} to {end}. A renewal is backdated: it always starts at the current "
                "expiry date, whenever it is bought."
            ).format(start=quote.period_start.isoformat(), end=quote.period_end.isoformat())
        )
        if quote.quote_required:
            self.estimate.setText(
                self.tr(
                    "Quote required: a seat change is priced by the vendor (it depends on the "
                    "product category and seats), so the request carries no estimate."
                )
            )
        else:
            text = self.tr("{base} {currency} for {years} year(s)").format(
                base=quote.base_amount, currency=quote.currency, years=quote.years
            )
            if quote.reinstatement_fee:
                if self.policy is not None:
                    text += self.tr(
                        " + a reinstatement fee of {fee} {currency} ({percent}% of the base: S&M "
                        "expired more than {days} days ago)"
                    ).format(
                        fee=quote.reinstatement_fee,
                        currency=quote.currency,
                        percent=percent_text(self.policy.reinstatement_fee_rate),
                        days=self.policy.reinstatement_after_days,
                    )
                else:
                    text += self.tr(
                        " + a reinstatement fee of {fee} {currency} (S&M expired too long ago)"
                    ).format(fee=quote.reinstatement_fee, currency=quote.currency)
            text += self.tr(
                " = {total} {currency} in all. An estimate: the vendor's quote prevails."
            ).format(total=quote.total, currency=quote.currency)
            self.estimate.setText(text)
        self.quote_shown.emit()

    # The pack total ---------------------------------------------------------------------------

    def _show_pack_total(self) -> None:
        policy = self.policy
        if policy is None:
            self.pack_total.setText("—")
            return
        count = self.pack_count.value()
        self.pack_total.setText(
            self.tr("{total} {currency} for {count} pack(s), {tickets} tickets").format(
                total=pack_estimate(count, policy),
                currency=policy.pack_price.currency,
                count=count,
                tickets=count * policy.pack_tickets,
            )
        )

    # Sending ----------------------------------------------------------------------------------

    def current_kind(self) -> str:
        return RENEWAL if self.tabs.currentIndex() == 0 else PACKS

    def missing_reasons(self) -> list[str]:
        """What must be filled in before the current request can be sent."""
        reasons = []
        dashboard = self.dashboard
        if dashboard is None or dashboard.status.license is None:
            reasons.append(self.tr("There is no license yet: import the license key first."))
        if self.current_kind() == PACKS:
            if self.policy is None:
                reasons.append(self.tr("The vendor's terms are still loading."))
            if not self.po_number.text().strip():
                reasons.append(
                    self.tr("Enter the purchase order number: packs are bought by purchase order.")
                )
            if not self.acknowledge.isChecked():
                reasons.append(
                    self.tr("Tick the box to confirm that support packs are non-refundable.")
                )
        return reasons

    def _update_send(self) -> None:
        reasons = self.missing_reasons()
        self.missing.setText("\n".join(reasons))
        self.missing.setVisible(bool(reasons))
        recipient = self.policy.renewals_email if self.policy else self.tr("the vendor")
        for channel, button in self.send_buttons.items():
            button.setEnabled(not reasons)
            tip = self._send_tips[channel].format(to=recipient)
            button.setToolTip(tip)
            button.setAccessibleDescription(tip)

    def form(self) -> RenewalForm | PacksForm | None:
        """The request as typed, or None (with the reasons shown) when something is missing."""
        reasons = self.missing_reasons()
        if reasons or self.dashboard is None:
            self._update_send()
            self.host.show_error(self.tr("The request is not complete"), "\n".join(reasons))
            return None
        from app.requests import Contact

        contact = Contact(
            self.contact_name.text().strip() or None,
            self.contact_email.text().strip() or None,
            self.contact_phone.text().strip() or None,
        )
        if self.current_kind() == RENEWAL:
            users, devices = self.seat_change()
            return RenewalForm(
                self.dashboard.as_of,
                self.years.value(),
                users,
                devices,
                contact,
                self.renewal_notes.toPlainText().strip(),
            )
        return PacksForm(
            self.dashboard.as_of,
            self.pack_count.value(),
            self.po_number.text().strip(),
            contact,
            self.pack_notes.toPlainText().strip(),
        )

    def send(self, channel: str) -> None:
        """One click: compose the request, deliver it by `channel`, record it."""
        if channel == "file":
            self.choose_folder()
            return
        form = self.form()
        if form is None:
            return
        self.result.clear()
        if channel == "smtp":
            self._send_smtp(form)
            return
        self.host.run_action(
            lambda console: compose(console, form),
            lambda request: self._deliver(channel, request, form.as_of),
            refresh=False,
        )

    def choose_folder(self) -> None:
        from app.paths import app_paths

        if self.form() is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Save the request in folder"), str(app_paths().requests)
        )
        if folder:
            self.save_to(Path(folder))

    def save_to(self, folder: Path) -> None:
        """Saves the current request as `<name>.json` and `<name>.txt` in `folder`, and records it."""
        form = self.form()
        if form is None:
            return
        self.result.clear()

        def work(console: Console) -> RecordedRequest:
            from app.requests import record_request

            return record_request(console, compose(console, form), "file", folder, form.as_of)

        self.host.run_action(work, self._recorded)

    def _send_smtp(self, form: RenewalForm | PacksForm) -> None:
        settings = dataclasses.replace(self.host.settings)
        secrets = self.host.secrets
        session_password = session_secrets(self).get(SMTP_PASSWORD)

        def work(console: Console) -> RecordedRequest:
            from app.mail import send_by_smtp
            from app.requests import record_request

            request = compose(console, form)
            # A password typed this session (the keyring could not keep it) comes first.
            password = session_password or secrets.get(SMTP_PASSWORD)
            send_by_smtp(request, settings, password)
            return record_request(console, request, "smtp", None, form.as_of)

        self.host.run_action(work, self._recorded)

    def _deliver(self, channel: str, request: ComposedRequest, as_of: date) -> None:
        """On the GUI thread: hand the request to the mail program or the clipboard, then record it."""
        if channel == "mailto":
            if not self.host.open_url(request.mailto_url()):
                self.host.show_error(
                    self.tr("No mail program opened the message"),
                    self.tr(
                        "No mail program is set up on this computer. Send by SMTP, save the "
                        "request as a file, or copy it to the clipboard instead."
                    ),
                )
                return
        else:
            clipboard = QGuiApplication.clipboard()
            clipboard.setText(
                f"To: {request.recipient}\nSubject: {request.subject}\n\n{request.body}"
            )

        def work(console: Console) -> RecordedRequest:
            from app.requests import record_request

            return record_request(console, request, channel, None, as_of)

        self.host.run_action(work, self._recorded)

    def _recorded(self, recorded: RecordedRequest) -> None:
        request = recorded.request
        if recorded.channel == "file":
            text = self.tr(
                "Request no. {id} saved as {json} and {text}. Attach them to a request on the "
                "support portal, or send them to {to}."
            ).format(
                id=recorded.id,
                json=recorded.json_path,
                text=recorded.text_path,
                to=request.recipient,
            )
        elif recorded.channel == "mailto":
            text = self.tr(
                "Request no. {id} opened in your mail program, addressed to {to}: check it and "
                "send it from there."
            ).format(id=recorded.id, to=request.recipient)
        elif recorded.channel == "smtp":
            text = self.tr("Request no. {id} sent to {to}.").format(
                id=recorded.id, to=request.recipient
            )
        else:
            text = self.tr(
                "Request no. {id} copied to the clipboard: paste it into a message to {to}."
            ).format(id=recorded.id, to=request.recipient)
        self.result.setText(text)
        self._remember_contact()
        self.request_recorded.emit(recorded)

    def _remember_contact(self) -> None:
        if not self.remember_contact.isChecked():
            return
        settings = self.host.settings
        name, email, phone = (
            self.contact_name.text().strip(),
            self.contact_email.text().strip(),
            self.contact_phone.text().strip(),
        )
        if (name, email, phone) == (
            settings.contact_name,
            settings.contact_email,
            settings.contact_phone,
        ):
            return
        try:
            self.host.save_settings(
                dataclasses.replace(
                    settings, contact_name=name, contact_email=email, contact_phone=phone
                )
            )
        except OSError as exc:
            self.host.show_error(self.tr("The contact details were not remembered"), str(exc))
