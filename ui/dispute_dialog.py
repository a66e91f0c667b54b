"""Disputing a vendor ticket (docs/rules.md R17): the vendor's signed record beside what the admin
believes, and why.

Saving asks `app.tickets.edit_ticket`, which records a dispute of the fields that differ from the
vendor's record and changes no balance; the vendor settles it with a later signed statement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from licensing.claims import Category, Classification, Ticket, TicketKind
from licensing.portfolio import TicketEntry
from ui.ticket_dialog import (
    category_items,
    classification_items,
    code_combo,
    date_edit,
    edited_day,
    kind_items,
    select_data,
)
from ui.wording import category_text, classification_text, date_text, kind_text

if TYPE_CHECKING:
    from app.console import Console
    from app.tickets import EditOutcome
    from ui.pages.base import Host


class DisputeDialog(QDialog):
    """What the admin believes about a vendor ticket; opens on the current dispute, if any."""

    saved = Signal(str)
    """The case id, once the dispute is recorded."""

    def __init__(
        self,
        host: Host,
        entry: TicketEntry,
        classification: Classification | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.entry = entry
        self.saving = False
        vendor, dispute = entry.ticket, entry.dispute
        self.setObjectName("dispute-dialog")
        self.setWindowTitle(self.tr("Dispute ticket {case}").format(case=vendor.case_id))
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        layout = QVBoxLayout(self)

        heading = QLabel(f"{vendor.case_id} — {vendor.title}" if vendor.title else vendor.case_id)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        note = QLabel(
            self.tr(
                "The vendor's signed statement stays as it is. Say what you believe and why: the "
                "dispute is kept beside the ticket, shown with it and exported, and changes no "
                "balance until a later statement from the vendor agrees."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)

        grid = QGridLayout()
        layout.addLayout(grid)
        grid.addWidget(QLabel(self.tr("The vendor's statement")), 0, 1)
        grid.addWidget(QLabel(self.tr("What you believe")), 0, 2)
        self.opened = date_edit(
            "dispute-opened",
            self.tr("Opened on, as you believe"),
            dispute.opened_on if dispute and dispute.opened_on else vendor.opened_on,
        )
        self.kind = code_combo("dispute-kind", self.tr("Kind, as you believe"), kind_items())
        self.classification = code_combo(
            "dispute-classification",
            self.tr("Classification, as you believe"),
            classification_items(),
        )
        self.category = code_combo(
            "dispute-category", self.tr("Category, as you believe"), category_items()
        )
        # The dialog opens on the current dispute, else on the vendor's record.
        kind = dispute.kind if dispute and dispute.kind else vendor.kind
        category = dispute.category if dispute and dispute.category else vendor.category
        believed = classification or (dispute.classification if dispute else None)
        select_data(self.kind, kind.value)
        select_data(self.classification, (believed or vendor.classification).value)
        select_data(self.category, category.value)
        rows: list[tuple[str, str, QWidget]] = [
            (self.tr("&Opened on:"), date_text(vendor.opened_on), self.opened),
            (self.tr("&Kind:"), kind_text(vendor.kind), self.kind),
            (
                self.tr("Classi&fication:"),
                classification_text(vendor.classification),
                self.classification,
            ),
            (self.tr("Ca&tegory:"), category_text(vendor.category), self.category),
        ]
        self.vendor_fields: list[QLineEdit] = []
        for number, (caption, said, mine) in enumerate(rows, start=1):
            label = QLabel(caption)
            label.setBuddy(mine)
            shown = QLineEdit(said)
            shown.setReadOnly(True)
            shown.setAccessibleName(
                self.tr("{field}, as the vendor says").format(
                    field=caption.replace("&", "").rstrip(":")
                )
            )
            self.vendor_fields.append(shown)
            grid.addWidget(label, number, 0)
            grid.addWidget(shown, number, 1)
            grid.addWidget(mine, number, 2)

        reason_label = QLabel(self.tr("&Why:"))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("dispute-reason")
        self.reason.setAccessibleName(self.tr("Why you believe it"))
        self.reason.setPlaceholderText(
            self.tr("e.g. the fault was confirmed as a product defect and fixed in 11.0.3")
        )
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.reason.setPlainText(dispute.reason if dispute else "")
        reason_label.setBuddy(self.reason)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)

        self.problem = QLabel()
        self.problem.setObjectName("dispute-problem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = QPushButton(self.tr("&Record the dispute"))
        self.save_button.setObjectName("dispute-save")
        self.save_button.setDefault(True)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        for signal in (
            self.opened.dateChanged,
            self.kind.currentIndexChanged,
            self.classification.currentIndexChanged,
            self.category.currentIndexChanged,
            self.reason.textChanged,
        ):
            signal.connect(self._update_save)
        self._update_save()
        self.classification.setFocus()

    def believed(self) -> Ticket:
        """The ticket as the admin believes it is; the title stays the vendor's."""
        vendor = self.entry.ticket
        return Ticket(
            vendor.case_id,
            edited_day(self.opened),
            TicketKind(self.kind.currentData()),
            Classification(self.classification.currentData()),
            Category(self.category.currentData()),
            vendor.title,
        )

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def _problem(self) -> str:
        """What keeps the dispute from being recorded, in words; "" when nothing does (the
        reason's limit is `app.tickets`' own, said here before saving rather than after)."""
        # Imported here, once a dialog opens: at the top of the module it would load with the
        # Tickets page, on the GUI thread (about 9 ms; nothing before the first paint needs it).
        from app.tickets import MAX_REASON_LENGTH

        if self.believed() == self.entry.ticket:
            return self.tr("Change at least one field to what you believe it should be.")
        if not self.reason_text():
            return self.tr("Say why you believe it: the vendor will read the reason.")
        if len(self.reason_text()) > MAX_REASON_LENGTH:
            return self.tr("The reason is too long: at most {count} characters.").format(
                count=MAX_REASON_LENGTH
            )
        return ""

    def _update_save(self) -> None:
        problem = self._problem()
        self.problem.setText(problem)
        self.save_button.setEnabled(not problem and not self.saving)

    def save(self) -> None:
        if self.saving or self._problem():
            return
        ticket, reason = self.believed(), self.reason_text()

        def work(console: Console) -> EditOutcome:
            from app.tickets import edit_ticket

            return edit_ticket(console, ticket, None, reason)

        self.saving = True
        self._update_save()
        self.host.run_action(work, self._saved, on_failure=self._refused, context=self)

    def _saved(self, outcome: EditOutcome) -> None:
        from app.tickets import EditOutcome

        self.saving = False
        if outcome is EditOutcome.DISPUTED:
            self.saved.emit(self.entry.ticket.case_id)
            self.accept()
            return
        self._update_save()
        self.problem.setText(
            self.tr("Nothing differs from the vendor's record: no dispute was recorded.")
        )

    def _refused(self, error: BaseException) -> None:
        self.saving = False
        self._update_save()
        self.host.show_error(self.tr("The dispute was not recorded"), error)
