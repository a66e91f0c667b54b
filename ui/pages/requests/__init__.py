"""Requests: a renewal of one or several licenses (R5, R6, R16) or extra support packs for one
(R8), sent and recorded; and the requests made, with their status.

The page gathers what the person typed (`app.requests.forms` holds it as plain values, checks
it, and does the work in the worker): the estimate is `renewal-quote`'s, asked off the GUI
thread (latest request wins); composing, sending, saving and recording are the command line's
own functions. A request is recorded when it is sent by SMTP, saved as files, or marked as sent
after the mail program opened it or it was copied; opening or copying alone records nothing.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QTabWidget, QWidget

from app.errors import UserError
from app.requests.forms import (
    FormCheck,
    PacksForm,
    RenewalEstimate,
    RenewalForm,
    cancel,
    check_packs,
    check_renewal,
    compose,
    due_license_ids,
    estimate_renewal,
    folder_to_open,
    history_rows,
    mark_sent,
    prefilled_contact,
    record_sent,
    save_as_files,
    send_by_email,
)
from app.requests.model import Channel, RequestKind
from ui.pages.base import Host, Page, PageName
from ui.pages.requests.delivery import ContactBox, SendBox
from ui.pages.requests.history import HistoryBox
from ui.pages.requests.packs import PacksSection
from ui.pages.requests.renewal import RenewalSection

if TYPE_CHECKING:
    from app.dashboard import Dashboard
    from app.requests.compose import ComposedRequest
    from app.requests.record import RecordedRequest

__all__ = ["RequestsPage"]


class Handed(NamedTuple):
    """A request handed to the mail program or the clipboard, not yet known to be sent."""

    request: ComposedRequest
    channel: Channel
    as_of: date


class RequestsPage(Page):
    name = PageName.REQUESTS

    estimate_shown = Signal(object)
    """Emitted with the `RenewalEstimate` shown, once it is up to date."""
    handed_over = Signal(object)
    """Emitted with the `ComposedRequest` opened in the mail program or copied."""
    request_recorded = Signal(object)
    """Emitted with the `RecordedRequest` once a request is recorded."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.dashboard: Dashboard | None = None
        self.estimate: RenewalEstimate | None = None
        self.handed: Handed | None = None
        self._asked: tuple[object, ...] | None = None

        layout = self.scrolled_layout()
        self.renewal = RenewalSection()
        self.packs = PacksSection()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("request-kind")
        self.tabs.setAccessibleName(self.tr("Kind of request"))
        self.tabs.addTab(self.renewal, self.tr("&Renewal"))
        self.tabs.addTab(self.packs, self.tr("Extra support pac&ks"))
        self.contact = ContactBox()
        self.send_box = SendBox()
        self.history = HistoryBox()
        layout.addWidget(self.tabs)
        layout.addWidget(self.contact)
        layout.addWidget(self.send_box)
        layout.addWidget(self.history, 1)

        self.renewal.changed.connect(self._renewal_changed)
        self.packs.changed.connect(self._update_send)
        self.contact.changed.connect(self._update_send)
        self.tabs.currentChanged.connect(self._update_send)
        buttons = self.send_box.buttons
        buttons[SendBox.MAILTO].clicked.connect(self.open_in_mail_program)
        buttons[SendBox.CLIPBOARD].clicked.connect(self.copy_to_clipboard)
        buttons[SendBox.MARK_SENT].clicked.connect(self.mark_handed_as_sent)
        buttons[SendBox.SMTP].clicked.connect(self.send_by_smtp)
        buttons[SendBox.FILE].clicked.connect(self.choose_folder)
        self.history.cancel_confirmed.connect(self._cancel)
        self.history.mark_sent_requested.connect(self._mark_sent)
        self._update_send()

    # Page -------------------------------------------------------------------------------------

    def begin_request(self, kind: RequestKind) -> None:
        """Shows the form of `kind` (the overview's "Request renewal…" / "Request packs…")."""
        self.tabs.setCurrentWidget(self.renewal if kind is RequestKind.RENEWAL else self.packs)

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        selected = self.host.selected_license
        standing = dashboard.standing(selected)
        if standing is None:
            selected = None
        licenses = dashboard.status.licenses
        self.renewal.show_licenses(
            licenses, selected, due_license_ids(dashboard.status), dashboard.as_of
        )
        self.packs.show_license(standing, dashboard.policy)
        self.send_box.set_recipient(dashboard.policy.renewals_email)
        about = standing or (licenses[0] if licenses else None)
        self.contact.prefill(prefilled_contact(self.host.settings, about.claims if about else None))
        self.history.show_rows(history_rows(dashboard.requests, selected))
        self._renewal_changed()  # estimates again only if the licenses or the form changed

    # The forms --------------------------------------------------------------------------------

    def renewal_form(self) -> RenewalForm:
        users, devices = self.renewal.seat_values()
        return RenewalForm(
            as_of=self._as_of(),
            license_ids=self.renewal.license_ids() if self.dashboard else (),
            years=self.renewal.years_value(),
            users=users,
            devices=devices,
            contact=self.contact.contact(),
            notes=self.renewal.notes.toPlainText().strip(),
        )

    def packs_form(self) -> PacksForm:
        return PacksForm(
            as_of=self._as_of(),
            license_id=self.packs.license_id if self.dashboard else None,
            count=self.packs.count.value(),
            po_number=self.packs.po_number.text(),
            acknowledged=self.packs.acknowledge.isChecked(),
            contact=self.contact.contact(),
            notes=self.packs.notes.toPlainText().strip(),
        )

    def _as_of(self) -> date:
        return self.dashboard.as_of if self.dashboard else date.min

    def current_form(self) -> RenewalForm | PacksForm:
        return (
            self.renewal_form() if self.tabs.currentWidget() is self.renewal else self.packs_form()
        )

    def current_check(self) -> FormCheck:
        form = self.current_form()
        return check_renewal(form) if isinstance(form, RenewalForm) else check_packs(form)

    def _update_send(self) -> None:
        self.send_box.show_check(self.current_check())

    def _ready_form(self) -> RenewalForm | PacksForm | None:
        """The request as typed, or None after saying what keeps it from leaving."""
        check = self.current_check()
        if not check.ready:
            self._update_send()
            self.host.show_error(
                self.tr("The request is not complete"), "\n".join(self.send_box.reasons(check))
            )
            return None
        return self.current_form()

    # The estimate -----------------------------------------------------------------------------

    def _renewal_changed(self) -> None:
        self._update_send()
        dashboard = self.dashboard
        if dashboard is None:
            return
        form = self.renewal_form()
        if not form.license_ids:
            self._asked = None
            self.estimate = None
            self.renewal.show_waiting("—")
            return
        as_of, ids, years = form.as_of, form.license_ids, form.years
        users, devices = form.users, form.devices
        # What the estimate depends on: the form, each license's terms (a new revision changes
        # them) and the vendor's policy; an unchanged dashboard asks nothing again.
        licenses = tuple(s.claims if s else None for s in map(dashboard.standing, ids))
        wanted = (as_of, ids, years, users, devices, licenses, dashboard.policy)
        if wanted == self._asked:
            return
        self._asked = wanted
        self.renewal.show_waiting(self.tr("Estimating…"))
        self.host.run_action(
            lambda console: estimate_renewal(console, as_of, ids, years, users, devices),
            self._estimate_arrived,
            refresh=False,
            key="renewal-quote",
            on_failure=self._estimate_failed,
        )

    def _estimate_arrived(self, estimate: RenewalEstimate) -> None:
        self.estimate = estimate
        fee_days = self.dashboard.policy.reinstatement_after_days if self.dashboard else 0
        self.renewal.show_estimate(estimate, self._as_of(), fee_days)
        self.estimate_shown.emit(estimate)

    def _estimate_failed(self, error: BaseException) -> None:
        self.estimate = None
        self._asked = None
        if isinstance(error, UserError):
            self.renewal.show_waiting(str(error))
        else:
            self.renewal.show_waiting("—")
            self.host.show_error(self.tr("The renewal could not be estimated"), error)

    # Handing the request over (recorded only when marked as sent) -----------------------------

    def open_in_mail_program(self) -> None:
        form = self._ready_form()
        if form is not None:
            self.host.run_action(
                lambda console: compose(console, form),
                lambda request: self._open(request, form.as_of),
                refresh=False,
            )

    def _open(self, request: ComposedRequest, as_of: date) -> None:
        if not self.host.open_url(request.mailto_url()):
            self.host.show_error(
                self.tr("No mail program opened the message"),
                self.tr(
                    "No mail program is set up on this computer. Send by SMTP, save the request "
                    "as files, or copy it to the clipboard instead."
                ),
            )
            return
        self._handed(Handed(request, Channel.MAILTO, as_of))
        self.send_box.result.setText(
            self.tr(
                "Opened in your mail program, addressed to {to}. Once you have sent it, click "
                "Mark as sent to record it."
            ).format(to=request.recipient)
        )

    def copy_to_clipboard(self) -> None:
        form = self._ready_form()
        if form is not None:
            self.host.run_action(
                lambda console: compose(console, form),
                lambda request: self._copy(request, form.as_of),
                refresh=False,
            )

    def _copy(self, request: ComposedRequest, as_of: date) -> None:
        QGuiApplication.clipboard().setText(request.text())
        self._handed(Handed(request, Channel.CLIPBOARD, as_of))
        self.send_box.result.setText(
            self.tr(
                "Copied: paste it into a message to {to}. Once you have sent it, click Mark as "
                "sent to record it."
            ).format(to=request.recipient)
        )

    def _handed(self, handed: Handed) -> None:
        self.handed = handed
        self.send_box.set_handed(True)
        self.handed_over.emit(handed.request)

    def mark_handed_as_sent(self) -> None:
        """Records the request last opened or copied, as sent by the admin."""
        handed = self.handed
        if handed is None:
            return
        self.host.run_action(
            lambda console: record_sent(console, handed.request, handed.channel, handed.as_of),
            self._recorded,
        )

    # Sending and saving (recorded at once) ----------------------------------------------------

    def send_by_smtp(self) -> None:
        form = self._ready_form()
        if form is None:
            return
        from app.secrets import SMTP_PASSWORD
        from ui.pages.settings import session_secrets

        settings = dataclasses.replace(self.host.settings)
        secrets = self.host.secrets
        typed = session_secrets(self).get(SMTP_PASSWORD)
        self.send_box.result.setText(self.tr("Sending…"))
        self.host.run_action(
            lambda console: send_by_email(console, form, settings, secrets, typed),
            self._recorded,
            on_failure=self._smtp_failed,
        )

    def _smtp_failed(self, error: BaseException) -> None:
        self.send_box.result.clear()
        self.host.show_error(
            self.tr("The request could not be sent by e-mail"), error, settings_page=True
        )

    def choose_folder(self) -> None:
        """Asks for a folder, starting in the requests folder (created if needed), then saves."""
        if self._ready_form() is None:
            return
        from app.paths import app_paths

        self.host.run_task(lambda: folder_to_open(app_paths().requests), self._folder_ready)

    def _folder_ready(self, start: Path) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Save the request in folder"), str(start)
        )
        if folder:
            self.save_to(Path(folder))

    def save_to(self, folder: Path) -> None:
        """Saves the request as `<name>.json` and `<name>.txt` in `folder`, and records it."""
        form = self._ready_form()
        if form is not None:
            self.host.run_action(
                lambda console: save_as_files(console, form, folder), self._recorded
            )

    def _recorded(self, recorded: RecordedRequest) -> None:
        request = recorded.request
        if recorded.channel is Channel.FILE:
            text = self.tr(
                "Request no. {id} saved as {json} and {text}. Attach them to a request on the "
                "support portal, or send them to {to}."
            ).format(
                id=recorded.id,
                json=recorded.json_path,
                text=recorded.text_path,
                to=request.recipient,
            )
        elif recorded.channel is Channel.SMTP:
            text = self.tr("Request no. {id} sent to {to}.").format(
                id=recorded.id, to=request.recipient
            )
        else:
            text = self.tr("Request no. {id} recorded as sent to {to}.").format(
                id=recorded.id, to=request.recipient
            )
        if self.handed is not None and self.handed.request is request:
            self.handed = None
            self.send_box.set_handed(False)
        self.send_box.result.setText(text)
        self._remember_contact()
        self.request_recorded.emit(recorded)

    def _remember_contact(self) -> None:
        if not self.contact.remember.isChecked():
            return
        settings = self.host.settings
        contact = self.contact.contact()
        name, email, phone = contact.name or "", contact.email or "", contact.phone or ""
        if (name, email, phone) != (
            settings.contact_name,
            settings.contact_email,
            settings.contact_phone,
        ):
            self.host.save_settings(
                dataclasses.replace(
                    settings, contact_name=name, contact_email=email, contact_phone=phone
                )
            )

    # The history ------------------------------------------------------------------------------

    def _cancel(self, request_id: int) -> None:
        self.host.run_action(lambda console: cancel(console, request_id))

    def _mark_sent(self, request_id: int) -> None:
        self.host.run_action(lambda console: mark_sent(console, request_id))
