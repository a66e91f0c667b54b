"""Add, edit or classify one ticket; shows whether such a request is eligible (R13) before saving.

The answer comes from `Console.eligibility`, asked off the GUI thread whenever the category, the
classification or the day changes; the dialog words it and decides nothing itself. Saving asks
`add_ticket` or `update_ticket`; a refusal (a case id that exists already) is the host's error
dialog, and this dialog stays open to correct it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QDate, QTimer, Signal
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
from ui.ticket_model import category_text, classification_text, kind_text
from ui.wording import ineligible_text

if TYPE_CHECKING:
    from app.services import Console
    from licensing.rules import Eligibility
    from ui.pages.base import Host

ELIGIBILITY_DELAY_MS = 150
"""Changes closer together than this ask the service once."""


class _Refused:
    """What a save that the service refused returns to the GUI thread."""

    def __init__(self, error: Exception) -> None:
        self.error = error


class TicketDialog(QDialog):
    """A new ticket (`ticket` None) or an existing one; the case id of an existing one is fixed."""

    saved = Signal(str)
    """The case id, once the service has stored the ticket."""
    eligibility_shown = Signal()
    """Emitted whenever the eligibility answer on display changes (tests wait for it)."""

    def __init__(
        self,
        host: Host,
        day: date,
        ticket: Ticket | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.editing = ticket is not None
        self.setObjectName("ticket-dialog")
        self.setWindowTitle(
            self.tr("Edit ticket {case}").format(case=ticket.case_id)
            if ticket is not None
            else self.tr("Add a ticket")
        )
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.eligibility_result: Eligibility | None = None
        self._asked = 0  # the number of the latest question: older answers are dropped
        self.saving = False

        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)

        self.case_id = QLineEdit()
        self.case_id.setObjectName("ticket-case-id")
        self.case_id.setMaxLength(MAX_CASE_ID_LENGTH)
        self.case_id.setPlaceholderText(self.tr("e.g. CS-1042"))
        self.case_id.setAccessibleName(self.tr("Case id"))
        self.opened = QDateEdit()
        self.opened.setObjectName("ticket-opened")
        self.opened.setCalendarPopup(True)
        self.opened.setDisplayFormat("yyyy-MM-dd")
        self.opened.setAccessibleName(self.tr("Opened on"))
        self.kind = self._combo(
            "ticket-kind", self.tr("Kind"), [(k, kind_text(k)) for k in TicketKind]
        )
        self.classification = self._combo(
            "ticket-classification",
            self.tr("Classification"),
            [(c, classification_text(c)) for c in Classification],
        )
        self.category = self._combo(
            "ticket-category", self.tr("Category"), [(c, category_text(c)) for c in Category]
        )
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("ticket-title")
        self.title_edit.setAccessibleName(self.tr("Title"))

        for text, field in (
            (self.tr("&Case id:"), self.case_id),
            (self.tr("&Opened on:"), self.opened),
            (self.tr("&Kind:"), self.kind),
            (self.tr("C&lassification:"), self.classification),
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

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert save is not None and cancel is not None
        self.save_button: QPushButton = save
        self.save_button.setAccessibleName(self.tr("Save the ticket"))
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        if ticket is not None:
            self.set_ticket(ticket)
            self.case_id.setReadOnly(True)
            self.case_id.setToolTip(self.tr("The case id of a stored ticket does not change."))
            self.title_edit.setFocus()
        else:
            self.set_day(day)
            self.case_id.setFocus()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ELIGIBILITY_DELAY_MS)
        self._timer.timeout.connect(self.check_eligibility)
        self.case_id.textChanged.connect(self._update_save)
        self.opened.dateChanged.connect(self._fields_changed)
        self.category.currentIndexChanged.connect(self._fields_changed)
        self.classification.currentIndexChanged.connect(self._fields_changed)
        self._update_save()

    def _combo(self, name: str, accessible: str, items: list[tuple[Any, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        for value, text in items:
            combo.addItem(text, value.value)
        return combo

    # Fields ---------------------------------------------------------------------------------

    def set_ticket(self, ticket: Ticket) -> None:
        self.case_id.setText(ticket.case_id)
        self.set_day(ticket.opened_on)
        self.set_kind(ticket.kind)
        self.set_classification(ticket.classification)
        self.set_category(ticket.category)
        self.title_edit.setText(ticket.title or "")

    def set_day(self, day: date) -> None:
        self.opened.setDate(QDate(day.year, day.month, day.day))

    def day(self) -> date:
        chosen = self.opened.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def set_kind(self, kind: TicketKind) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind.value))

    def set_classification(self, classification: Classification) -> None:
        self.classification.setCurrentIndex(self.classification.findData(classification.value))

    def set_category(self, category: Category) -> None:
        self.category.setCurrentIndex(self.category.findData(category.value))

    def ticket(self) -> Ticket:
        """The ticket the fields describe."""
        return Ticket(
            self.case_id.text().strip(),
            self.day(),
            TicketKind(self.kind.currentData()),
            Classification(self.classification.currentData()),
            Category(self.category.currentData()),
            self.title_edit.text().strip() or None,
        )

    def _update_save(self) -> None:
        self.save_button.setEnabled(bool(self.case_id.text().strip()) and not self.saving)

    def _fields_changed(self) -> None:
        self.eligibility.setText(self.tr("Checking eligibility…"))
        self._timer.start()

    # Eligibility ----------------------------------------------------------------------------

    def open(self) -> None:
        super().open()
        self.check_eligibility()

    def check_eligibility(self) -> None:
        """Asks the service (off the GUI thread) whether such a request is eligible (R13)."""
        self._timer.stop()
        self._asked += 1
        asked = self._asked
        category = Category(self.category.currentData())
        classification = Classification(self.classification.currentData())
        day = self.day()

        def answer(result: Eligibility) -> None:
            if shiboken6.isValid(self) and asked == self._asked:
                self.show_eligibility(result, day)

        self.host.run_action(
            lambda console: console.eligibility(category, classification, day),
            answer,
            refresh=False,
        )

    def show_eligibility(self, result: Eligibility, day: date) -> None:
        self.eligibility_result = result
        if result.eligible:
            text = self.tr("Eligible on {day}.").format(day=day.isoformat())
        else:
            text = self.tr("Not eligible on {day}: {reasons}.").format(
                day=day.isoformat(), reasons="; ".join(ineligible_text(r) for r in result.reasons)
            )
        self.eligibility.setText(text)
        self.eligibility.setAccessibleDescription(text)
        self.eligibility_shown.emit()

    # Saving ---------------------------------------------------------------------------------

    def save(self) -> None:
        if self.saving or not self.case_id.text().strip():
            return
        ticket = self.ticket()
        editing = self.editing

        def work(console: Console) -> _Refused | None:
            try:
                if editing:
                    console.update_ticket(ticket)
                else:
                    console.add_ticket(ticket)
            except Exception as error:  # shown by the host; the dialog stays open
                return _Refused(error)
            return None

        self.saving = True
        self._update_save()
        self.host.run_action(work, lambda result: self._saved(ticket.case_id, result))

    def _saved(self, case_id: str, result: _Refused | None) -> None:
        if not shiboken6.isValid(self):
            return
        self.saving = False
        self._update_save()
        if isinstance(result, _Refused):
            self.host.show_error(self.tr("The ticket was not saved"), result.error)
            return
        self.saved.emit(case_id)
        self.accept()
