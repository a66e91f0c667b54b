"""Add or edit a local ticket, see a vendor ticket as the vendor signed it, assign local tickets
to a license.

A local ticket (entered here, not on any statement) is the admin's: every field can change, and
the dialog says whether such a case would be eligible (R13) before saving. A vendor ticket is
the vendor's (R17): the dialog shows its facts read-only and offers "Dispute…" instead. The
dialog decides nothing itself: the eligibility answer and every save come from `app/`, off the
GUI thread; a refusal is the host's error dialog, and this dialog stays open to correct it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from licensing.claims import MAX_CASE_ID_LENGTH, Category, Classification, Ticket, TicketKind
from licensing.portfolio import TicketEntry, TicketSource
from ui.ticket_model import dispute_detail
from ui.wording import (
    category_text,
    classification_text,
    date_text,
    ineligible_text,
    kind_text,
    source_explanation,
    unassigned_text,
    user_locale,
)

if TYPE_CHECKING:
    from app.console import Console
    from licensing.rules import Eligibility
    from ui.pages.base import Host

ELIGIBILITY_DELAY_MS = 150
"""Changes closer together than this ask once."""
DATE_EDIT_FORMAT = "d MMM yyyy"
"""The date edits show days as `date_text` writes them."""


class LicenseChoice(NamedTuple):
    """A license the dialogs offer: its id and how the window names it."""

    license_id: str
    label: str


class DialogMode(StrEnum):
    ADD = "add"
    EDIT = "edit"
    """A local ticket: every field but the case id can change."""
    VENDOR = "vendor"
    """A vendor ticket: read-only, with "Dispute…"."""


def date_edit(name: str, accessible: str, day: date) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setCalendarPopup(True)
    edit.setLocale(user_locale())
    edit.setDisplayFormat(DATE_EDIT_FORMAT)
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def edited_day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def code_combo(name: str, accessible: str, items: Sequence[tuple[StrEnum, str]]) -> QComboBox:
    """A combo box of codes in words; `currentData()` is the code's value."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    for value, text in items:
        combo.addItem(text, value.value)
    return combo


def kind_items() -> list[tuple[StrEnum, str]]:
    return [(k, kind_text(k)) for k in TicketKind]


def classification_items() -> list[tuple[StrEnum, str]]:
    return [(c, classification_text(c)) for c in Classification]


def category_items() -> list[tuple[StrEnum, str]]:
    return [(c, category_text(c)) for c in Category]


def select_data(combo: QComboBox, value: Any) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


class TicketDialog(QDialog):
    """A new ticket (`entry` None), a local one to edit, or a vendor one to look at."""

    saved = Signal(str)
    """The case id, once `app/` has stored the ticket."""
    dispute_requested = Signal(object)
    """The vendor ticket's `TicketEntry`: the admin asked to dispute it."""
    eligibility_shown = Signal()
    """The eligibility answer on display changed (tests wait for it)."""

    def __init__(
        self,
        host: Host,
        day: date,
        licenses: Sequence[LicenseChoice],
        entry: TicketEntry | None = None,
        default_license: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.entry = entry
        if entry is None:
            self.mode = DialogMode.ADD
        elif entry.source is TicketSource.VENDOR:
            self.mode = DialogMode.VENDOR
        else:
            self.mode = DialogMode.EDIT
        self.setObjectName("ticket-dialog")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.eligibility_result: Eligibility | None = None
        self.saving = False
        self.save_button: QPushButton | None = None
        self.dispute_button: QPushButton | None = None
        self.vendor_fields: dict[str, QLineEdit] = {}
        layout = QVBoxLayout(self)
        if self.mode is DialogMode.VENDOR:
            assert entry is not None
            self.setWindowTitle(self.tr("Vendor ticket {case}").format(case=entry.ticket.case_id))
            self._build_vendor(layout, entry)
        else:
            self.setWindowTitle(
                self.tr("Add a ticket")
                if entry is None
                else self.tr("Edit ticket {case}").format(case=entry.ticket.case_id)
            )
            self._build_editable(layout, day, licenses, entry, default_license)
        self.setAccessibleName(self.windowTitle())

    # A vendor ticket: read-only -------------------------------------------------------------

    def _build_vendor(self, layout: QVBoxLayout, entry: TicketEntry) -> None:
        note = QLabel(source_explanation(TicketSource.VENDOR))
        note.setObjectName("ticket-vendor-note")
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        layout.addLayout(form)
        ticket = entry.ticket
        for key, caption, text in (
            ("case_id", self.tr("Case id:"), ticket.case_id),
            ("license", self.tr("License:"), entry.license_id or unassigned_text()),
            ("opened", self.tr("Opened on:"), date_text(ticket.opened_on)),
            ("kind", self.tr("Kind:"), kind_text(ticket.kind)),
            (
                "classification",
                self.tr("Classification:"),
                classification_text(ticket.classification),
            ),
            ("category", self.tr("Category:"), category_text(ticket.category)),
            ("title", self.tr("Title:"), ticket.title or ""),
        ):
            field = QLineEdit(text)
            field.setObjectName(f"ticket-vendor-{key}")
            field.setReadOnly(True)
            field.setAccessibleName(caption.rstrip(":"))
            field.setToolTip(self.tr("The vendor's signed record: it cannot be changed here."))
            label = QLabel(caption)
            label.setBuddy(field)
            form.addRow(label, field)
            self.vendor_fields[key] = field
        if entry.dispute is not None:
            dispute = QLabel(dispute_detail(entry))
            dispute.setObjectName("ticket-dispute")
            dispute.setTextFormat(Qt.TextFormat.PlainText)
            dispute.setWordWrap(True)
            dispute.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(dispute)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.dispute_button = QPushButton(
            self.tr("Change the &dispute…") if entry.dispute else self.tr("&Dispute…")
        )
        self.dispute_button.setObjectName("ticket-dispute-button")
        self.dispute_button.setAccessibleName(
            self.tr("Record that you disagree with the vendor's record of this ticket")
        )
        buttons.addButton(self.dispute_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.dispute_button.clicked.connect(lambda: self.dispute_requested.emit(entry))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.dispute_button.setFocus()

    # A local ticket: every field --------------------------------------------------------------

    def _build_editable(
        self,
        layout: QVBoxLayout,
        day: date,
        licenses: Sequence[LicenseChoice],
        entry: TicketEntry | None,
        default_license: str | None,
    ) -> None:
        form = QFormLayout()
        layout.addLayout(form)
        self.case_id = QLineEdit()
        self.case_id.setObjectName("ticket-case-id")
        self.case_id.setMaxLength(MAX_CASE_ID_LENGTH)
        self.case_id.setPlaceholderText(self.tr("e.g. CS-1042"))
        self.case_id.setAccessibleName(self.tr("Case id"))
        self.license = QComboBox()
        self.license.setObjectName("ticket-license")
        self.license.setAccessibleName(self.tr("License"))
        current = entry.license_id if entry is not None else default_license
        if entry is None and current is None and len(licenses) != 1:
            self.license.addItem(self.tr("Choose a license…"), None)
        elif entry is not None and current is None:
            self.license.addItem(unassigned_text(), None)
        for choice in licenses:
            self.license.addItem(choice.label, choice.license_id)
        if current is not None and self.license.findData(current) < 0:
            self.license.addItem(current, current)  # a license that does not count now
        select_data(self.license, current)
        self.opened = date_edit("ticket-opened", self.tr("Opened on"), day)
        self.kind = code_combo("ticket-kind", self.tr("Kind"), kind_items())
        self.classification = code_combo(
            "ticket-classification", self.tr("Classification"), classification_items()
        )
        self.category = code_combo("ticket-category", self.tr("Category"), category_items())
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("ticket-title")
        self.title_edit.setAccessibleName(self.tr("Title"))
        for text, field in (
            (self.tr("&Case id:"), self.case_id),
            (self.tr("&License:"), self.license),
            (self.tr("&Opened on:"), self.opened),
            (self.tr("&Kind:"), self.kind),
            (self.tr("Classi&fication:"), self.classification),
            (self.tr("Ca&tegory:"), self.category),
            (self.tr("T&itle:"), self.title_edit),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)

        self.eligibility = QLabel(self.tr("Checking eligibility…"))
        self.eligibility.setObjectName("ticket-eligibility")
        self.eligibility.setWordWrap(True)
        self.eligibility.setAccessibleName(self.tr("Eligibility"))
        layout.addWidget(self.eligibility)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        assert save is not None
        self.save_button = save
        save.setAccessibleName(self.tr("Save the ticket"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        if entry is not None:
            self.set_ticket(entry.ticket)
            self.case_id.setReadOnly(True)
            self.case_id.setToolTip(self.tr("The case id of a stored ticket does not change."))
            self.title_edit.setFocus()
        else:
            self.case_id.setFocus()

        self._asked = 0  # the number of the latest question: older answers are dropped
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ELIGIBILITY_DELAY_MS)
        self._timer.timeout.connect(self.check_eligibility)
        self.case_id.textChanged.connect(self._update_save)
        self.license.currentIndexChanged.connect(self._update_save)
        for signal in (
            self.opened.dateChanged,
            self.category.currentIndexChanged,
            self.classification.currentIndexChanged,
            self.license.currentIndexChanged,
        ):
            signal.connect(self._fields_changed)
        self._update_save()

    def set_ticket(self, ticket: Ticket) -> None:
        self.case_id.setText(ticket.case_id)
        self.opened.setDate(
            QDate(ticket.opened_on.year, ticket.opened_on.month, ticket.opened_on.day)
        )
        select_data(self.kind, ticket.kind.value)
        select_data(self.classification, ticket.classification.value)
        select_data(self.category, ticket.category.value)
        self.title_edit.setText(ticket.title or "")

    def chosen_license(self) -> str | None:
        value = self.license.currentData()
        return value if isinstance(value, str) else None

    def ticket(self) -> Ticket:
        """The ticket the fields describe."""
        return Ticket(
            self.case_id.text().strip(),
            edited_day(self.opened),
            TicketKind(self.kind.currentData()),
            Classification(self.classification.currentData()),
            Category(self.category.currentData()),
            self.title_edit.text().strip() or None,
        )

    def _update_save(self) -> None:
        if self.save_button is None:
            return
        # A new ticket belongs to one license (R16); an edited one may stay unassigned.
        licensed = self.mode is DialogMode.EDIT or self.chosen_license() is not None
        ready = bool(self.case_id.text().strip()) and licensed and not self.saving
        self.save_button.setEnabled(ready)

    def _fields_changed(self) -> None:
        self.eligibility.setText(self.tr("Checking eligibility…"))
        self._timer.start()

    # Eligibility ----------------------------------------------------------------------------

    def open(self) -> None:
        super().open()
        if self.mode is not DialogMode.VENDOR:
            self.check_eligibility()

    def check_eligibility(self) -> None:
        """Asks `app/` (off the GUI thread) whether such a case is eligible (R13)."""
        self._timer.stop()
        self._asked += 1
        asked = self._asked
        license_id = self.chosen_license()
        if license_id is None:
            self.eligibility.setText(
                self.tr("Choose a license to see whether such a case is eligible.")
            )
            self.eligibility_shown.emit()
            return
        category = Category(self.category.currentData())
        classification = Classification(self.classification.currentData())
        day = edited_day(self.opened)

        def work(console: Console) -> Eligibility:
            from app.questions import eligibility

            return eligibility(console, day, category, classification, license_id)

        def answer(result: Eligibility) -> None:
            if asked == self._asked:
                self.show_eligibility(result, day)

        def failed(error: BaseException) -> None:
            if asked == self._asked:
                self._eligibility_failed(error)

        self.host.run_action(
            work,
            answer,
            refresh=False,
            key="ticket-eligibility",
            on_failure=failed,
            context=self,
        )

    def _eligibility_failed(self, error: BaseException) -> None:
        """The app's own words in place of the answer; anything else is "—" and the host's
        error dialog (which logs it)."""
        from app.errors import UserError

        if isinstance(error, UserError):
            self.eligibility.setText(str(error))
        else:
            self.eligibility.setText("—")
            self.host.show_error(self.tr("The eligibility could not be checked"), error)
        self.eligibility_shown.emit()

    def show_eligibility(self, result: Eligibility, day: date) -> None:
        self.eligibility_result = result
        if result.eligible:
            text = self.tr("Eligible on {day}.").format(day=date_text(day))
        else:
            text = self.tr("Not eligible on {day}: {reasons}.").format(
                day=date_text(day), reasons="; ".join(ineligible_text(r) for r in result.reasons)
            )
        self.eligibility.setText(text)
        self.eligibility.setAccessibleDescription(text)
        self.eligibility_shown.emit()

    # Saving ---------------------------------------------------------------------------------

    def save(self) -> None:
        if self.saving or self.save_button is None or not self.save_button.isEnabled():
            return
        ticket, license_id, adding = (
            self.ticket(),
            self.chosen_license(),
            self.mode is DialogMode.ADD,
        )

        def work(console: Console) -> str:
            from app.tickets import add_ticket, edit_ticket

            if adding:
                add_ticket(console, ticket, license_id)
            else:
                edit_ticket(console, ticket, license_id)
            return ticket.case_id

        self.saving = True
        self._update_save()
        self.host.run_action(work, self._saved, on_failure=self._refused, context=self)

    def _saved(self, case_id: str) -> None:
        self.saving = False
        self.saved.emit(case_id)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.saving = False
        self._update_save()
        self.host.show_error(self.tr("The ticket was not saved"), error)


class AssignDialog(QDialog):
    """Which license some local tickets belong to (R16)."""

    chosen = Signal(str)
    """The license id, when the admin confirms."""

    def __init__(
        self,
        licenses: Sequence[LicenseChoice],
        case_ids: Sequence[str],
        default_license: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assign-dialog")
        self.case_ids = tuple(case_ids)
        self.setWindowTitle(self.tr("Assign to a license"))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        shown = ", ".join(self.case_ids[:5]) + ("…" if len(self.case_ids) > 5 else "")
        what = QLabel(
            self.tr(
                "Assign %n local ticket(s) to one license: {cases}", None, len(self.case_ids)
            ).format(cases=shown)
        )
        what.setWordWrap(True)
        what.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(what)
        self.license = QComboBox()
        self.license.setObjectName("assign-license")
        self.license.setAccessibleName(self.tr("License"))
        for choice in licenses:
            self.license.addItem(choice.label, choice.license_id)
        select_data(self.license, default_license)
        form = QFormLayout()
        label = QLabel(self.tr("&License:"))
        label.setBuddy(self.license)
        form.addRow(label, self.license)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        self.ok_button = ok
        ok.setText(self.tr("&Assign"))
        ok.setEnabled(self.license.count() > 0)
        buttons.accepted.connect(self._confirm)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _confirm(self) -> None:
        license_id = self.license.currentData()
        if isinstance(license_id, str):
            self.chosen.emit(license_id)
            self.accept()
