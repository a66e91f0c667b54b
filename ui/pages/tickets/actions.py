"""What the Tickets page does to tickets: add and edit local ones, look at and dispute vendor ones
(R17), assign local ones to a license (R16), classify, withdraw disputes.

Every change goes through `host.run_action` (off the GUI thread, then a refresh); the words
afterwards go to the page's message line.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QToolButton

from licensing.claims import Classification
from licensing.ledger import Outcome
from licensing.portfolio import TicketEntry, TicketSource
from ui.dispute_dialog import DisputeDialog
from ui.ticket_dialog import AssignDialog, TicketDialog

if TYPE_CHECKING:
    from app.console import Console
    from app.tickets import EditOutcome
    from ui.pages.tickets.page import TicketsPage


class TicketActions(QObject):
    """The page's actions (buttons, the table's context menu) and the dialogs they open."""

    def __init__(self, page: TicketsPage) -> None:
        super().__init__(page)
        self.page = page
        self.host = page.host
        self.dialog: TicketDialog | DisputeDialog | AssignDialog | None = None
        """The dialog open now, if any (one at a time)."""
        self._select_after_refresh: str | None = None
        self.buttons: dict[str, QPushButton | QToolButton] = {}
        self._create()

    def _action(self, text: str, slot: Callable[[], object], accessible: str) -> QAction:
        action = QAction(text, self)
        action.setToolTip(accessible)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _create(self) -> None:
        self.add_action = self._action(
            self.tr("&Add ticket…"), self.add_ticket, self.tr("Add a local ticket (Ctrl+N)")
        )
        self.edit_action = self._action(
            self.tr("&Edit…"), self.edit_ticket, self.tr("Edit or look at the selected ticket")
        )
        self.dispute_action = self._action(
            self.tr("&Dispute…"),
            self.dispute_ticket,
            self.tr("Record that you disagree with the vendor's record of the selected ticket"),
        )
        self.withdraw_action = self._action(
            self.tr("&Withdraw dispute"),
            self.withdraw_disputes,
            self.tr("Withdraw your disputes of the selected tickets"),
        )
        self.assign_action = self._action(
            self.tr("Assig&n to license…"),
            self.assign_tickets,
            self.tr("Assign the selected local tickets, or every unassigned one, to a license"),
        )
        self.bug_action = self._action(
            self.tr("Classify as product &bug"),
            lambda: self.classify_selected(Classification.PRODUCT_BUG),
            self.tr("Product bugs are never deducted; a vendor ticket gets a dispute instead"),
        )
        self.customer_action = self._action(
            self.tr("Classify as &customer"),
            lambda: self.classify_selected(Classification.CUSTOMER),
            self.tr("Customer tickets are charged; a vendor ticket gets a dispute instead"),
        )
        self.import_action = self._action(
            self.tr("&Import CSV…"),
            lambda: self.page.transfer.choose_import_file(),
            self.tr("Import local tickets from a CSV file"),
        )
        self.export_action = self._action(
            self.tr("E&xport CSV…"),
            lambda: self.page.transfer.choose_export_file(),
            self.tr("Export the tickets shown, in the order shown, to a CSV file"),
        )

    def context_actions(self) -> tuple[QAction, ...]:
        """What the table's context menu offers."""
        return (
            self.edit_action,
            self.dispute_action,
            self.withdraw_action,
            self.assign_action,
            self.bug_action,
            self.customer_action,
        )

    def row(self) -> QHBoxLayout:
        """The buttons: the frequent actions, "More" for the rest, then CSV."""
        row = QHBoxLayout()
        for key, action in (
            ("add", self.add_action),
            ("edit", self.edit_action),
            ("dispute", self.dispute_action),
            ("assign", self.assign_action),
        ):
            row.addWidget(self._button(key, action))
        more = QToolButton()
        more.setObjectName("tickets-more")
        more.setText(self.tr("&More"))
        more.setAccessibleName(self.tr("More ticket actions"))
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        menu = QMenu(more)
        for action in (self.bug_action, self.customer_action, self.withdraw_action):
            menu.addAction(action)
        more.setMenu(menu)
        self.buttons["more"] = more
        row.addWidget(more)
        row.addStretch(1)
        for key, action in (("import", self.import_action), ("export", self.export_action)):
            row.addWidget(self._button(key, action))
        return row

    def _button(self, key: str, action: QAction) -> QPushButton:
        button = QPushButton()
        button.setObjectName(f"tickets-{key}")

        def follow() -> None:
            button.setText(action.text())
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            button.setAccessibleDescription(action.toolTip())
            button.setToolTip(action.toolTip())
            button.setEnabled(action.isEnabled())

        follow()
        action.changed.connect(follow)
        button.clicked.connect(action.trigger)
        self.buttons[key] = button
        return button

    def update_enabled(self) -> None:
        """Enables what the selection and the data allow."""
        page = self.page
        licensed = page.dashboard is not None and bool(page.dashboard.status.licenses)
        selected = page.selected_entries() if page.dashboard is not None else []
        vendor = [e for e in selected if e.source is TicketSource.VENDOR]
        self.add_action.setEnabled(licensed)
        self.edit_action.setEnabled(len(selected) == 1)
        # A vendor ticket opens read-only: the button says so.
        looks = len(selected) == 1 and len(vendor) == 1
        self.edit_action.setText(self.tr("&View…") if looks else self.tr("&Edit…"))
        self.dispute_action.setEnabled(len(selected) == 1 and len(vendor) == 1)
        self.withdraw_action.setEnabled(any(e.dispute is not None for e in selected))
        self.assign_action.setEnabled(licensed and bool(self.assignable()))
        self.bug_action.setEnabled(bool(selected))
        self.customer_action.setEnabled(bool(selected))
        self.import_action.setEnabled(licensed)
        self.export_action.setEnabled(page.model.rowCount() > 0)

    def assignable(self) -> list[str]:
        """The selected local tickets; with nothing selected, every unassigned one shown."""
        selected = self.page.selected_entries()
        if selected:
            return [e.ticket.case_id for e in selected if e.source is TicketSource.LOCAL]
        return [
            e.ticket.case_id
            for e in self.page.model.shown_entries()
            if e.outcome is Outcome.UNASSIGNED
        ]

    # Dialogs --------------------------------------------------------------------------------

    def _open_dialog(self, dialog: TicketDialog | DisputeDialog | AssignDialog) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = dialog
        if isinstance(dialog, TicketDialog | DisputeDialog):
            dialog.saved.connect(self._dialog_saved)
        dialog.open()

    def _dialog_saved(self, case_id: str) -> None:
        self._select_after_refresh = case_id

    def take_saved_case(self) -> str | None:
        """The case a dialog just saved, once: the page selects it when the new data shows."""
        case_id, self._select_after_refresh = self._select_after_refresh, None
        return case_id

    def _day(self) -> date:
        return self.page.dashboard.as_of if self.page.dashboard is not None else date.today()

    def add_ticket(self) -> TicketDialog | None:
        """Opens the dialog for a new local ticket (non-blocking) and returns it; the window's
        Ctrl+N calls this from anywhere."""
        choices = self.page.license_choices()
        if not choices:
            self.host.show_error(
                self.tr("No license yet"),
                self.tr("Every ticket belongs to a license: import a license key first."),
            )
            return None
        dialog = TicketDialog(
            self.host, self._day(), choices, None, self.page.license_in_view(), self.page
        )
        self._open_dialog(dialog)
        return dialog

    def edit_ticket(self, entry: TicketEntry | None = None) -> TicketDialog | None:
        """Opens a ticket (the selected one by default): a local one to edit, a vendor one
        read-only with "Dispute…"."""
        if entry is None:
            selected = self.page.selected_entries()
            if len(selected) != 1:
                return None
            entry = selected[0]
        dialog = TicketDialog(
            self.host, self._day(), self.page.license_choices(), entry, None, self.page
        )
        dialog.dispute_requested.connect(lambda e: self.dispute_ticket(e))
        self._open_dialog(dialog)
        return dialog

    def dispute_ticket(
        self, entry: TicketEntry | None = None, classification: Classification | None = None
    ) -> DisputeDialog | None:
        """Opens the dispute of a vendor ticket (the selected one by default)."""
        if entry is None:
            selected = self.page.selected_entries()
            if len(selected) != 1:
                return None
            entry = selected[0]
        if entry.source is not TicketSource.VENDOR:
            return None
        dialog = DisputeDialog(self.host, entry, classification, self.page)
        self._open_dialog(dialog)
        return dialog

    def assign_tickets(self) -> AssignDialog | None:
        """Asks which license the selected local tickets (or every unassigned one shown)
        belong to, then assigns them."""
        case_ids = self.assignable()
        if not case_ids:
            return None
        dialog = AssignDialog(
            self.page.license_choices(), case_ids, self.page.license_in_view(), self.page
        )
        dialog.chosen.connect(lambda license_id: self.assign(case_ids, license_id))
        self._open_dialog(dialog)
        return dialog

    def assign(self, case_ids: list[str], license_id: str) -> None:
        def work(console: Console) -> int:
            from app.tickets import assign

            return assign(console, case_ids, license_id)

        def done(count: int) -> None:
            self.page.transfer.say(
                self.tr("Assigned %n ticket(s) to {license}.", None, count).format(
                    license=license_id
                )
            )

        self.host.run_action(work, done)

    # Classification and disputes ------------------------------------------------------------

    def classify_selected(self, classification: Classification) -> None:
        """R10 for the selected local tickets; for a vendor ticket, a dispute (R17). One
        transaction: `classify_tickets` decides what changes."""
        case_ids = [e.ticket.case_id for e in self.page.selected_entries()]
        if not case_ids:
            return

        def work(console: Console) -> dict[str, EditOutcome]:
            from app.tickets import classify_tickets

            return classify_tickets(console, case_ids, classification)

        self.host.run_action(work, self._classified)

    def _classified(self, outcomes: dict[str, EditOutcome]) -> None:
        from app.tickets import EditOutcome

        updated = sum(1 for o in outcomes.values() if o is EditOutcome.UPDATED)
        disputed = sum(1 for o in outcomes.values() if o is EditOutcome.DISPUTED)
        parts = []
        if updated:
            parts.append(self.tr("Reclassified %n local ticket(s).", None, updated))
        if disputed:
            parts.append(
                self.tr(
                    "Recorded a dispute for %n vendor ticket(s): the vendor's classification "
                    "still counts until a new statement agrees.",
                    None,
                    disputed,
                )
            )
        if not parts:
            parts.append(self.tr("Nothing changed."))
        self.page.transfer.say(" ".join(parts))

    def withdraw_disputes(self) -> None:
        case_ids = [e.ticket.case_id for e in self.page.selected_entries() if e.dispute is not None]
        if not case_ids:
            return

        def work(console: Console) -> int:
            from app.tickets import withdraw_disputes

            return withdraw_disputes(console, case_ids)

        def done(count: int) -> None:
            self.page.transfer.say(self.tr("Withdrew %n dispute(s).", None, count))

        self.host.run_action(work, done)
