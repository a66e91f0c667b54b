"""Overview: the license card, the S&M badge and countdown, banners, ticket gauges, warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from licensing.rules import Severity, SmState, WarningCode
from ui.pages.base import Host, Page
from ui.wording import reminder_text, state_text, warning_text

if TYPE_CHECKING:
    from app.dashboard import Dashboard

BADGE_STYLE = {
    SmState.ACTIVE: "background:#1e7d32;color:white",
    SmState.RENEWAL_DUE: "background:#b26a00;color:white",
    SmState.EXPIRED: "background:#c62828;color:white",
    SmState.LAPSED: "background:#8e0000;color:white",
    SmState.NOT_STARTED: "background:#546e7a;color:white",
}


class Banner(QFrame):
    """A coloured message across the page, with an optional action button."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text, 1)
        self.button = QPushButton()
        self.button.hide()
        layout.addWidget(self.button)
        self.hide()

    def show_message(self, text: str, style: str, button_text: str | None = None) -> None:
        self.text.setText(text)
        self.text.setAccessibleName(text)
        self.setStyleSheet(
            f"#{self.objectName()} {{{style}; border-radius:4px}} QLabel {{{style}}}"
        )
        self.button.setVisible(button_text is not None)
        if button_text:
            self.button.setText(button_text)
            self.button.setAccessibleName(button_text)
        self.show()


class OverviewPage(Page):
    name = "overview"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        layout = self.scrolled_layout()

        self.reminder = Banner("reminder-banner")
        self.reminder.button.clicked.connect(lambda: self.host.show_page("requests"))
        self.expired = Banner("expired-banner")
        self.expired.button.clicked.connect(lambda: self.host.show_page("requests"))
        self.clock = Banner("clock-banner")
        for banner in (self.reminder, self.expired, self.clock):
            layout.addWidget(banner)

        card = QGroupBox(self.tr("License"))
        grid = QGridLayout(card)
        self.fields: dict[str, QLabel] = {}
        rows = [
            ("customer", self.tr("Customer")),
            ("product", self.tr("Product")),
            ("type", self.tr("License type")),
            ("seats", self.tr("Seats")),
            ("revision", self.tr("Revision")),
            ("trust", self.tr("Signed by")),
        ]
        for row, (key, label) in enumerate(rows):
            caption = QLabel(label + ":")
            value = QLabel("…")
            value.setObjectName(f"license-{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption.setBuddy(value)
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
            self.fields[key] = value
        grid.setColumnStretch(1, 1)
        layout.addWidget(card)

        sm_box = QGroupBox(self.tr("Support && Maintenance"))
        sm_layout = QHBoxLayout(sm_box)
        self.badge = QLabel()
        self.badge.setObjectName("sm-badge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setMinimumWidth(120)
        self.countdown = QLabel()
        self.countdown.setObjectName("sm-countdown")
        self.countdown.setWordWrap(True)
        sm_layout.addWidget(self.badge)
        sm_layout.addWidget(self.countdown, 1)
        layout.addWidget(sm_box)

        self.gauges_box = QGroupBox(self.tr("Support tickets"))
        self.gauges = QVBoxLayout(self.gauges_box)
        layout.addWidget(self.gauges_box)

        warnings_box = QGroupBox(self.tr("Warnings"))
        warnings_layout = QVBoxLayout(warnings_box)
        self.warnings = QLabel()
        self.warnings.setObjectName("warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        warnings_layout.addWidget(self.warnings)
        layout.addWidget(warnings_box)
        layout.addStretch(1)

    def show_dashboard(self, dashboard: Dashboard) -> None:
        status = dashboard.status
        current, sm, balance = status.license, status.sm, status.balance
        self._show_banners(dashboard)
        if current is None or sm is None or balance is None:
            for value in self.fields.values():
                value.setText("—")
            self.badge.setText(self.tr("No license"))
            self.badge.setStyleSheet("background:#8e0000;color:white;padding:6px")
            self.countdown.setText(self.tr("Import the license key on the License page."))
            self._show_gauges([])
        else:
            c = current.claims
            self.fields["customer"].setText(c.customer.name)
            self.fields["product"].setText(f"{c.product.name} ({c.product.code})")
            self.fields["type"].setText(
                self.tr("Perpetual")
                if c.license_type.value == "perpetual"
                else self.tr("Subscription")
            )
            self.fields["seats"].setText(
                self.tr("{users} users, {devices} devices").format(
                    users=c.seats.users, devices=c.seats.devices
                )
            )
            self.fields["revision"].setText(str(c.revision))
            trust_words = {
                "vendor": self.tr("the vendor"),
                "demo": self.tr("the demo key (demo mode)"),
                "additional": self.tr("an additional trusted key"),
            }
            self.fields["trust"].setText(trust_words.get(current.trust.value, current.trust.value))
            self.badge.setText(state_text(sm.state))
            self.badge.setAccessibleName(
                self.tr("S&M state: {state}").format(state=state_text(sm.state))
            )
            self.badge.setStyleSheet(
                BADGE_STYLE[sm.state] + ";padding:6px;border-radius:4px;font-weight:bold"
            )
            if sm.days_to_expiry > 0:
                text = self.tr("{start} to {end}: {days} day(s) left").format(
                    start=sm.start.isoformat(), end=sm.end.isoformat(), days=sm.days_to_expiry
                )
            else:
                text = self.tr("{start} to {end}: ended {days} day(s) ago").format(
                    start=sm.start.isoformat(), end=sm.end.isoformat(), days=-sm.days_to_expiry
                )
            self.countdown.setText(text)
            gauges = []
            if balance.period_start and balance.period_end:
                gauges.append(
                    (
                        self.tr("This period ({start} to {end})").format(
                            start=balance.period_start.isoformat(),
                            end=balance.period_end.isoformat(),
                        ),
                        balance.annual_used,
                        balance.annual_allocated,
                        self.tr("use before {date}").format(date=balance.period_end.isoformat()),
                    )
                )
            for pack in balance.packs:
                gauges.append(
                    (
                        self.tr("Support pack {pack}").format(pack=pack.pack_id),
                        pack.used,
                        pack.tickets,
                        self.tr("use before {date}").format(date=pack.expires_on.isoformat()),
                    )
                )
            self._show_gauges(gauges)
            summary = self.tr(
                "{left} ticket(s) left in all · {bugs} product bug(s) not deducted · "
                "{unfunded} unfunded · {ineligible} ineligible"
            ).format(
                left=balance.remaining_total,
                bugs=balance.not_deducted_bug,
                unfunded=balance.unfunded,
                ineligible=balance.ineligible,
            )
            summary_label = QLabel(summary)
            summary_label.setObjectName("tickets-summary")
            self.gauges.addWidget(summary_label)
        lines = [warning_text(w) for w in status.warnings]
        lines += [reminder_text(r) for r in dashboard.reminders]
        self.warnings.setText(
            "\n".join(f"• {line}" for line in lines) if lines else self.tr("None.")
        )

    def _show_banners(self, dashboard: Dashboard) -> None:
        status = dashboard.status
        for banner in (self.reminder, self.expired, self.clock):
            banner.hide()
        for reminder in dashboard.reminders:
            if reminder.code == "renewal_reminder":
                self.reminder.show_message(
                    reminder_text(reminder),
                    "background:#fff3cd;color:#5c4400",
                    self.tr("Request renewal…"),
                )
        for warning in status.warnings:
            if warning.code is WarningCode.RENEWAL_DUE:
                self.reminder.show_message(
                    warning_text(warning),
                    "background:#fff3cd;color:#5c4400",
                    self.tr("Request renewal…"),
                )
            elif warning.code in (WarningCode.EXPIRED, WarningCode.LAPSED):
                self.expired.show_message(
                    warning_text(warning),
                    "background:#fde0e0;color:#7a0000",
                    self.tr("Request renewal…"),
                )
            elif warning.code is WarningCode.CLOCK_ROLLBACK:
                self.clock.show_message(warning_text(warning), "background:#e8eaf6;color:#1a237e")
            elif (
                warning.code is WarningCode.NO_VALID_LICENSE
                and warning.severity is Severity.CRITICAL
            ):
                self.expired.show_message(warning_text(warning), "background:#fde0e0;color:#7a0000")

    def _show_gauges(self, gauges: list[tuple[str, int, int, str]]) -> None:
        while self.gauges.count():
            item = self.gauges.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if not gauges:
            self.gauges.addWidget(QLabel(self.tr("No ticket period or pack is usable today.")))
        for index, (label, used, total, hint) in enumerate(gauges):
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            caption = QLabel(label)
            bar = QProgressBar()
            bar.setObjectName(f"gauge-{index}")
            bar.setRange(0, max(total, 1))
            bar.setValue(max(total - used, 0))
            bar.setFormat(self.tr("{left} of {total} left").format(left=total - used, total=total))
            bar.setAccessibleName(f"{label}: {bar.format()}")
            caption.setBuddy(bar)
            row_layout.addWidget(caption, 2)
            row_layout.addWidget(bar, 3)
            row_layout.addWidget(QLabel(hint), 1)
            self.gauges.addWidget(row)
