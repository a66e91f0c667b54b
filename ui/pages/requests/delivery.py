"""Who the request is from and how it leaves: the contact details (prefilled), the recipient,
what is still missing, and the ways to send: open in the mail program or copy (then "Mark as
sent" records it), send by SMTP, or save as files (both recorded at once)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.requests.forms import Missing, contact_from
from ui.pages.requests.renewal import caption
from ui.theme import Tone, apply_text_tone

if TYPE_CHECKING:
    from app.requests.compose import Contact
    from app.requests.forms import FormCheck


class ContactBox(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Your contact details"), parent)
        self.typed = False
        """Whether the person typed here: prefilling never overwrites what they typed."""
        form = QFormLayout(self)
        self.name = self._line("contact-name", self.tr("Contact name"))
        self.email = self._line("contact-email", self.tr("Contact e-mail"))
        self.phone = self._line("contact-phone", self.tr("Contact phone"))
        form.addRow(caption(self.tr("Na&me:"), self.name), self.name)
        form.addRow(caption(self.tr("&E-mail:"), self.email), self.email)
        form.addRow(caption(self.tr("&Phone:"), self.phone), self.phone)
        self.remember = QCheckBox(self.tr("Remem&ber these details for the next request"))
        self.remember.setObjectName("contact-remember")
        self.remember.setAccessibleName(self.tr("Remember the contact details"))
        self.remember.setChecked(True)
        form.addRow(self.remember)

    def _line(self, name: str, accessible: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setAccessibleName(accessible)
        line.textChanged.connect(self.changed)
        line.textEdited.connect(self._typed)
        return line

    def _typed(self) -> None:
        self.typed = True

    def prefill(self, contact: Contact) -> None:
        """Fills the fields, unless the person has typed in them."""
        if self.typed:
            return
        for line, value in (
            (self.name, contact.name),
            (self.email, contact.email),
            (self.phone, contact.phone),
        ):
            line.setText(value or "")

    def contact(self) -> Contact:
        return contact_from(self.name.text(), self.email.text(), self.phone.text())


class SendBox(QGroupBox):
    """The recipient, what is missing, and one button per way of sending."""

    MAILTO, CLIPBOARD, MARK_SENT, SMTP, FILE = "mailto", "clipboard", "mark-sent", "smtp", "file"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Send"), parent)
        layout = QVBoxLayout(self)
        self.recipient = QLabel()
        self.recipient.setObjectName("request-recipient")
        self.recipient.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.recipient)
        self.missing = QLabel()
        self.missing.setObjectName("request-missing")
        self.missing.setWordWrap(True)
        apply_text_tone(self.missing, Tone.WARNING)
        layout.addWidget(self.missing)

        row = QHBoxLayout()
        texts = {
            self.MAILTO: (
                self.tr("Open in mail pro&gram"),
                self.tr("Opens a new message in your mail program; nothing is recorded yet"),
            ),
            self.CLIPBOARD: (
                self.tr("&Copy to clipboard"),
                self.tr("Copies the recipient, subject and text; nothing is recorded yet"),
            ),
            self.MARK_SENT: (
                self.tr("Mar&k as sent"),
                self.tr("Records the request you opened or copied as sent"),
            ),
            self.SMTP: (
                self.tr("Send by &SMTP"),
                self.tr("Sends it through the SMTP server set in Settings, and records it"),
            ),
            self.FILE: (
                self.tr("Sa&ve as files…"),
                self.tr("Saves it as JSON and text for the support portal, and records it"),
            ),
        }
        self.buttons: dict[str, QPushButton] = {}
        for key, (text, tip) in texts.items():
            button = QPushButton(text)
            button.setObjectName(f"send-{key}")
            button.setAccessibleName(text.replace("&", ""))
            button.setToolTip(tip)
            button.setAccessibleDescription(tip)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.buttons[self.MARK_SENT].setEnabled(False)
        self.result = QLabel()
        self.result.setObjectName("request-result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result)

    def set_recipient(self, address: str) -> None:
        self.recipient.setText(self.tr("To: {address}").format(address=address))

    def missing_text(self, missing: Missing) -> str:
        return {
            Missing.LICENSES: self.tr("Choose at least one license to renew."),
            Missing.ONE_LICENSE: self.tr(
                "Support packs are bought for one license: choose it in the License selector."
            ),
            Missing.PO_NUMBER: self.tr(
                "Enter the purchase order number: packs are bought by purchase order."
            ),
            Missing.ACKNOWLEDGEMENT: self.tr(
                "Tick the box to confirm that support packs are non-refundable."
            ),
        }[missing]

    def reasons(self, check: FormCheck) -> list[str]:
        """Why the request cannot leave yet: what is missing, then what the application
        refuses in what was typed (in its own words)."""
        return [self.missing_text(m) for m in check.missing] + [
            problem[:1].upper() + problem[1:] + "." for problem in check.problems
        ]

    def show_check(self, check: FormCheck) -> None:
        reasons = self.reasons(check)
        self.missing.setText("\n".join(reasons))
        self.missing.setVisible(bool(reasons))
        for key in (self.MAILTO, self.CLIPBOARD, self.SMTP, self.FILE):
            self.buttons[key].setEnabled(check.ready)

    def set_handed(self, handed: bool) -> None:
        self.buttons[self.MARK_SENT].setEnabled(handed)
