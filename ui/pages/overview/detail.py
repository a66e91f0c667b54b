"""One license in detail: what the admin quotes to the vendor, the S&M state and the right to use,
the renewal banner, the tickets left per period and pack, and every other warning once."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.dashboard import ReminderKind
from licensing.claims import LicenseType
from licensing.rules import SmState, covers, right_to_use
from licensing.warnings import StatusWarning, WarningCode, overall_severity
from ui.pages.overview.widgets import SEVERITY_TONES, STATE_TONES, Badge, Banner, bold
from ui.theme import Tone, apply_text_tone
from ui.wording import (
    countdown_text,
    date_text,
    license_type_text,
    reminder_text,
    state_text,
    tickets_text,
    trust_text,
    warning_text,
)

if TYPE_CHECKING:
    from app.dashboard import Dashboard, LicenseView, Reminder
    from licensing.portfolio import LicenseStanding

RENEWAL_CODES = (
    WarningCode.RENEWAL_DUE,
    WarningCode.EXPIRED,
    WarningCode.LAPSED,
    WarningCode.SUBSCRIPTION_ENDED,
)


def _clear(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()


class LicenseDetail(QWidget):
    """The detail of the license the window follows; its buttons ask the page to act."""

    back_requested = Signal()
    renewal_requested = Signal(str)
    packs_requested = Signal(str)
    upgrades_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("license-detail")
        self.license_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        top = QHBoxLayout()
        self.back = QPushButton(self.tr("← &Back to all licenses"))
        self.back.setObjectName("back-to-list")
        self.back.setAccessibleName(self.tr("Back to all licenses"))
        self.back.setToolTip(
            self.tr("Back to all licenses ({key})").format(
                key=QKeySequence(QKeySequence.StandardKey.Back).toString(
                    QKeySequence.SequenceFormat.NativeText
                )
            )
        )
        self.back.clicked.connect(self.back_requested)
        back_keys = QAction(self)
        back_keys.setShortcuts(
            [*QKeySequence.keyBindings(QKeySequence.StandardKey.Back), QKeySequence("Escape")]
        )
        back_keys.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back_keys.triggered.connect(self.back_requested)
        self.addAction(back_keys)
        top.addWidget(self.back)
        top.addStretch(1)
        layout.addLayout(top)

        self.heading = QLabel()
        self.heading.setObjectName("detail-heading")
        bold(self.heading, 1.3)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)

        self.renewal = Banner("renewal-banner")
        layout.addWidget(self.renewal)
        layout.addWidget(self._build_card())
        layout.addWidget(self._build_sm())
        layout.addWidget(self._build_tickets())
        layout.addWidget(self._build_warnings())
        layout.addStretch(1)

    # Building ---------------------------------------------------------------------------------

    def _build_card(self) -> QGroupBox:
        card = QGroupBox(self.tr("License"))
        card.setObjectName("license-card")
        grid = QGridLayout(card)
        self.fields: dict[str, QLabel] = {}
        rows = [
            ("license_id", self.tr("License ID")),
            ("customer", self.tr("Customer")),
            ("product", self.tr("Product")),
            ("environment", self.tr("Environment")),
            ("type", self.tr("License type")),
            ("seats", self.tr("Seats")),
            ("revision", self.tr("Revision")),
            ("trust", self.tr("Signed by")),
        ]
        for row, (key, label) in enumerate(rows):
            caption = QLabel(label + ":")
            value = QLabel("—")
            value.setObjectName(f"license-{key}")
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleDescription(label)
            caption.setBuddy(value)
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
            self.fields[key] = value
        license_id = self.fields["license_id"]
        bold(license_id)
        self.copy = QPushButton(self.tr("&Copy license ID"))
        self.copy.setObjectName("copy-license-id")
        self.copy.setToolTip(self.tr("The ID to quote to the vendor, to the clipboard"))
        self.copy.clicked.connect(self._copy_license_id)
        self.copied = QLabel()
        self.copied.setObjectName("copied")
        id_row = QHBoxLayout()
        grid.removeWidget(license_id)
        id_row.addWidget(license_id)
        id_row.addSpacing(12)
        id_row.addWidget(self.copy)
        id_row.addWidget(self.copied)
        id_row.addStretch(1)
        grid.addLayout(id_row, 0, 1)
        grid.setColumnStretch(1, 1)
        return card

    def _build_sm(self) -> QGroupBox:
        box = QGroupBox(self.tr("Support && Maintenance"))
        box.setObjectName("sm-box")
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.badge = Badge("sm-badge")
        self.badge.setMinimumWidth(120)
        self.countdown = QLabel()
        self.countdown.setObjectName("sm-countdown")
        self.countdown.setWordWrap(True)
        row.addWidget(self.badge)
        row.addWidget(self.countdown, 1)
        layout.addLayout(row)
        self.rights = QLabel()
        self.rights.setObjectName("right-to-use")
        self.rights.setWordWrap(True)
        layout.addWidget(self.rights)
        upgrades = QHBoxLayout()
        self.upgrades = QLabel()
        self.upgrades.setObjectName("latest-permitted")
        self.upgrades.setWordWrap(True)
        self.check_upgrades = QPushButton(self.tr("Check &upgrades…"))
        self.check_upgrades.setObjectName("check-upgrades")
        self.check_upgrades.clicked.connect(self._ask_upgrades)
        upgrades.addWidget(self.upgrades, 1)
        upgrades.addWidget(self.check_upgrades)
        layout.addLayout(upgrades)
        return box

    def _build_tickets(self) -> QGroupBox:
        box = QGroupBox(self.tr("Support tickets"))
        box.setObjectName("tickets-box")
        layout = QVBoxLayout(box)
        self.gauges = QVBoxLayout()
        layout.addLayout(self.gauges)
        self.balance = QLabel()
        self.balance.setObjectName("tickets-summary")
        self.balance.setWordWrap(True)
        bold(self.balance)
        layout.addWidget(self.balance)
        self.ticket_notes = QLabel()
        self.ticket_notes.setObjectName("ticket-notes")
        self.ticket_notes.setWordWrap(True)
        layout.addWidget(self.ticket_notes)
        self.tickets_banner = Banner("tickets-banner")
        layout.addWidget(self.tickets_banner)
        return box

    def _build_warnings(self) -> QGroupBox:
        box = QGroupBox(self.tr("Warnings"))
        box.setObjectName("warnings-box")
        self.warnings = QVBoxLayout(box)
        return box

    # Showing ----------------------------------------------------------------------------------

    def show_license(self, standing: LicenseStanding, dashboard: Dashboard) -> None:
        claims, sm = standing.claims, standing.sm
        if claims.license_id != self.license_id:
            self.copied.clear()
        self.license_id = claims.license_id
        environment = claims.environment or self.tr("no environment named")
        self.heading.setText(
            self.tr("{product} ({environment})").format(
                product=claims.product.name, environment=environment
            )
        )
        self.heading.setAccessibleName(self.heading.text())
        values = {
            "license_id": claims.license_id,
            "customer": claims.customer.name,
            "product": f"{claims.product.name} ({claims.product.code})",
            "environment": claims.environment or "—",
            "type": license_type_text(claims.license_type),
            "seats": self.tr("{users}, {devices}").format(
                users=self.tr("%n user(s)", "", claims.seats.users),
                devices=self.tr("%n device(s)", "", claims.seats.devices),
            ),
            "revision": str(claims.revision),
            "trust": trust_text(standing.held.trust),
        }
        for key, value in values.items():
            self.fields[key].setText(value)
            self.fields[key].setAccessibleName(value)
        self.badge.show_state(
            state_text(sm.state),
            STATE_TONES[sm.state],
            self.tr("Support and Maintenance: {state}").format(state=state_text(sm.state)),
        )
        self.countdown.setText(self._countdown(standing))
        self.rights.setText(self._rights(standing, dashboard))
        self._show_upgrades(dashboard.views.get(claims.license_id))
        mine = [r for r in dashboard.reminders if r.license_id == claims.license_id]
        shown = self._show_renewal(standing, mine)
        shown += self._show_tickets(standing, dashboard, mine)
        self._show_warnings(
            [w for w in standing.warnings if not any(w is s for s in shown)],
            [r for r in mine if not any(r is s for s in shown)],
        )

    def _countdown(self, standing: LicenseStanding) -> str:
        sm = standing.sm
        start, end = date_text(sm.start), date_text(sm.end)
        if sm.state is SmState.NOT_STARTED:
            return self.tr("Starts on {start} and runs to {end}.").format(start=start, end=end)
        return self.tr("{start} to {end}: {countdown}").format(
            start=start, end=end, countdown=countdown_text(sm)
        )

    def _rights(self, standing: LicenseStanding, dashboard: Dashboard) -> str:
        claims = standing.claims
        end = date_text(claims.sm_end)
        if claims.license_type is LicenseType.PERPETUAL:
            return self.tr(
                "Perpetual license: you may install and keep using every version released "
                "before {day}, whether or not Support & Maintenance is renewed. Versions "
                "released from that day on need a renewal."
            ).format(day=end)
        if right_to_use(claims, dashboard.as_of):
            return self.tr(
                "Subscription: the right to use the product ends on {day} unless it is renewed."
            ).format(day=end)
        return self.tr("Subscription: the right to use the product ended on {day}.").format(day=end)

    def _show_upgrades(self, view: LicenseView | None) -> None:
        catalog = view.catalog if view is not None else None
        if catalog is None:
            self.upgrades.setText(self.tr("No release catalog of this product is imported."))
        elif catalog.latest_permitted is None:
            self.upgrades.setText(self.tr("No release of the catalog is permitted."))
        else:
            self.upgrades.setText(
                self.tr("Latest version you may install: {version}.").format(
                    version=str(catalog.latest_permitted)
                )
            )

    def _show_renewal(
        self, standing: LicenseStanding, reminders: list[Reminder]
    ) -> list[StatusWarning | Reminder]:
        """The renewal banner: the state's warning (or the admin's own reminder)."""
        warnings = [w for w in standing.warnings if w.code in RENEWAL_CODES]
        personal = [r for r in reminders if r.kind is ReminderKind.RENEWAL]
        action = (self.tr("Request &renewal…"), self._ask_renewal)
        if warnings:
            tone = SEVERITY_TONES[overall_severity(warnings)]
            self.renewal.show_message(" ".join(warning_text(w) for w in warnings), tone, [action])
            return [*warnings, *personal]
        if personal:
            self.renewal.show_message(reminder_text(personal[0]), Tone.INFO, [action])
            return list(personal)
        self.renewal.hide()
        return []

    def _show_tickets(
        self, standing: LicenseStanding, dashboard: Dashboard, reminders: list[Reminder]
    ) -> list[StatusWarning | Reminder]:
        balance = standing.balance
        _clear(self.gauges)
        gauges = []
        if balance.period_start and balance.period_end:
            gauges.append(
                (
                    self.tr("This period ({start} to {end})").format(
                        start=date_text(balance.period_start), end=date_text(balance.period_end)
                    ),
                    balance.annual_remaining,
                    balance.annual_allocated,
                    balance.period_end,
                )
            )
        for pack in balance.packs:
            gauges.append(
                (
                    self.tr("Support pack {pack}").format(pack=pack.pack_id),
                    pack.remaining,
                    pack.tickets,
                    pack.expires_on,
                )
            )
        if not gauges:
            self.gauges.addWidget(QLabel(self.tr("No ticket period or pack is usable today.")))
        for index, (label, left, total, until) in enumerate(gauges):
            self.gauges.addWidget(self._gauge(index, label, left, total, until))
        in_packs = sum(pack.remaining for pack in balance.packs)
        left_text = tickets_text(balance.remaining_total)
        if balance.period_end is None:
            text = self.tr("{total} left in all, in support packs.").format(total=left_text)
        else:
            text = self.tr(
                "{total} left in all: {period} in this period, {packs} in support packs."
            ).format(total=left_text, period=balance.annual_remaining, packs=in_packs)
        self.balance.setText(text)
        notes = []
        if balance.remaining_total and not covers(standing.claims, dashboard.as_of):
            notes.append(
                self.tr(
                    "Tickets can be used only on days Support & Maintenance covers: renew to "
                    "use them."
                )
            )
        if balance.not_deducted_bug:
            notes.append(
                self.tr(
                    "%n product bug(s) this period: never deducted.", "", balance.not_deducted_bug
                )
            )
        if balance.ineligible:
            notes.append(
                self.tr(
                    "%n ticket(s) were opened on a day Support & Maintenance did not cover.",
                    "",
                    balance.ineligible,
                )
                + " "
                + self.tr(
                    "Ineligible means recorded but not charged: the vendor need not take such a "
                    "case. A renewal is backdated to the old expiry date, so one that covers that "
                    "day makes the ticket count, and charges it."
                )
            )
        self.ticket_notes.setText("\n".join(notes))
        self.ticket_notes.setVisible(bool(notes))
        empty = [w for w in standing.warnings if w.code is WarningCode.NO_TICKETS_LEFT]
        low = [r for r in reminders if r.kind is ReminderKind.LOW_TICKETS]
        action = (self.tr("Request &packs…"), self._ask_packs)
        if empty:
            self.tickets_banner.show_message(warning_text(empty[0]), Tone.WARNING, [action])
            return [*empty, *low]
        if low:
            self.tickets_banner.show_message(reminder_text(low[0]), Tone.WARNING, [action])
            return list(low)
        self.tickets_banner.hide()
        return []

    def _gauge(self, index: int, label: str, left: int, total: int, until: date) -> QWidget:
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(label)
        bar = QProgressBar()
        bar.setObjectName(f"gauge-{index}")
        bar.setRange(0, max(total, 1))
        bar.setValue(max(min(left, total), 0))
        bar.setFormat(self.tr("{left} of {total} left").format(left=left, total=total))
        bar.setAccessibleName(f"{label}: {bar.format()}")
        caption.setBuddy(bar)
        hint = QLabel(self.tr("use before {day}").format(day=date_text(until)))
        row_layout.addWidget(caption, 2)
        row_layout.addWidget(bar, 3)
        row_layout.addWidget(hint, 1)
        return row

    def _show_warnings(self, warnings: list[StatusWarning], reminders: list[Reminder]) -> None:
        _clear(self.warnings)
        lines = [(warning_text(w), SEVERITY_TONES[w.severity]) for w in warnings]
        lines += [(reminder_text(r), Tone.INFO) for r in reminders]
        if not lines:
            lines = [(self.tr("Nothing else needs attention."), Tone.OK)]
        for index, (text, tone) in enumerate(lines):
            label = QLabel(f"• {text}")
            label.setObjectName(f"warning-{index}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            apply_text_tone(label, tone)
            self.warnings.addWidget(label)

    # Actions ----------------------------------------------------------------------------------

    def warning_lines(self) -> list[str]:
        """The texts under Warnings (for the tests and the screenshots' reviewers)."""
        texts = []
        for index in range(self.warnings.count()):
            item = self.warnings.itemAt(index)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                texts.append(widget.text().removeprefix("• "))
        return texts

    def _copy_license_id(self) -> None:
        if self.license_id is None:
            return
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.license_id)
        self.copied.setText(self.tr("Copied {id} to the clipboard.").format(id=self.license_id))

    def _ask_renewal(self) -> None:
        if self.license_id is not None:
            self.renewal_requested.emit(self.license_id)

    def _ask_packs(self) -> None:
        if self.license_id is not None:
            self.packs_requested.emit(self.license_id)

    def _ask_upgrades(self) -> None:
        if self.license_id is not None:
            self.upgrades_requested.emit(self.license_id)
