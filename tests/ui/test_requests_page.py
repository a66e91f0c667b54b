"""The Requests page over the demo portfolio (a real SQLite file, documents signed by the demo
key): renewals of one or several licenses, packs, when a request is recorded, cancelling, and
sending by a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import json
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from app.console import Console
from app.demo import ASSETS_PRODUCTION, PORTAL_PRODUCTION, PORTAL_TEST
from app.requests.model import Channel, RequestKind, RequestStatus
from app.requests.record import RequestView, list_requests
from app.secrets import SMTP_PASSWORD, SecretStore
from app.settings import Settings, SmtpSecurity
from ui.main_window import PAGE_ORDER, MainWindow
from ui.pages.base import PageName
from ui.pages.requests import RequestsPage
from ui.pages.requests.delivery import SendBox
from ui.pages.requests.history import RequestsModel
from ui.wording import date_text, money_text, request_status_text, tickets_text, years_text

DAY = date.today()
RECIPIENT = "renewals@cireson.com"
CUSTOMER_EMAIL = "it-admin@contoso.example"
SMTP_USER = "console-mailer"
SMTP_SECRET = "pa55-Wörd-only-in-the-keyring"  # non-ASCII: sent as UTF-8 AUTH PLAIN


@dataclass
class Demo:
    window: MainWindow
    page: RequestsPage
    console: Console

    def requests(self) -> list[RequestView]:
        """What the database holds, read apart from the window."""
        self.window.operations.wait()
        return list_requests(self.console)


def open_demo(
    qtbot: QtBot, state_file: Path, day: date = DAY, settings: Settings | None = None
) -> Demo:
    """The main window (not shown) over the demo portfolio, with the Requests page built and
    showing its first estimate."""
    from app.console import open_console

    console = open_console(None, True, [], today=DAY)
    window = MainWindow(
        lambda: console, settings or Settings(), SecretStore(), state_file, today=lambda: day
    )
    qtbot.addWidget(window)
    window.show_page(PageName.REQUESTS)  # builds this page alone (the current page is built)
    page = window.page(PageName.REQUESTS)
    assert isinstance(page, RequestsPage)
    with qtbot.waitSignals([window.refreshed, page.estimate_shown], timeout=20_000):
        # What `start()` does once the console is open, without building the other pages.
        window.console = console
        window.refresh()
    return Demo(window, page, console)


@pytest.fixture
def demo(qtbot: QtBot, tmp_path: Path) -> Iterator[Demo]:
    opened = open_demo(qtbot, tmp_path / "window.ini")
    yield opened
    opened.window.close()


def select(qtbot: QtBot, demo: Demo, license_id: str | None) -> None:
    with qtbot.waitSignal(demo.page.estimate_shown, timeout=10_000):
        demo.window.select_license(license_id)


def recorder(opened: list[str]) -> Callable[[str], bool]:
    """Stands in for `window.open_url` (no mail program exists here): notes the URL."""

    def open_url(url: str) -> bool:
        opened.append(url)
        return True

    return open_url


def recorded_by(qtbot: QtBot, demo: Demo, action: Callable[[], object]) -> Any:
    """The `RecordedRequest` that `action` leads to, once the window shows it."""
    with (
        qtbot.waitSignal(demo.window.refreshed, timeout=20_000),
        qtbot.waitSignal(demo.page.request_recorded, timeout=20_000) as recorded,
    ):
        action()
    return recorded.args[0]


def click_and_wait_recorded(qtbot: QtBot, demo: Demo, button: QPushButton) -> Any:
    return recorded_by(qtbot, demo, button.click)


def history(demo: Demo) -> list[dict[str, Any]]:
    model = demo.page.history.model
    rows = []
    for row in range(model.rowCount()):
        rows.append(
            {
                "id": model.index(row, RequestsModel.ID).data(RequestsModel.RAW_ROLE),
                "channel": model.index(row, RequestsModel.CHANNEL).data(RequestsModel.RAW_ROLE),
                "status": model.index(row, RequestsModel.STATUS).data(RequestsModel.RAW_ROLE),
                "status_text": model.index(row, RequestsModel.STATUS).data(),
                "licenses": model.index(row, RequestsModel.LICENSES).data(),
            }
        )
    return rows


# When a request is recorded -----------------------------------------------------------------


def test_opening_in_the_mail_program_records_nothing_until_marked_as_sent(
    demo: Demo, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = demo.page
    select(qtbot, demo, PORTAL_PRODUCTION)
    assert page.renewal.list_row.isHidden() and not page.renewal.seats_row.isHidden()
    assert page.renewal.license_ids() == (PORTAL_PRODUCTION,)
    opened: list[str] = []
    monkeypatch.setattr(demo.window, "open_url", recorder(opened))
    mark = page.send_box.buttons[SendBox.MARK_SENT]
    assert not mark.isEnabled()

    with qtbot.waitSignal(page.handed_over, timeout=10_000) as handed:
        page.send_box.buttons[SendBox.MAILTO].click()
    request = handed.args[0]
    [url] = opened
    assert url == request.mailto_url()
    parts = urlsplit(url)
    assert (parts.scheme, parts.path) == ("mailto", RECIPIENT)
    fields = parse_qs(parts.query, strict_parsing=True)
    assert fields["subject"] == [
        f"S&M renewal request: Contoso Ltd (demo), license {PORTAL_PRODUCTION}, 1 year"
    ]
    [body] = fields["body"]
    assert "Estimate: 12000.00 USD" in body
    assert f"E-mail: {CUSTOMER_EMAIL}" in body  # prefilled from the license
    assert demo.requests() == []
    assert mark.isEnabled()

    click_and_wait_recorded(qtbot, demo, mark)
    [view] = demo.requests()
    assert (view.status, view.request.channel) == (RequestStatus.SENT, Channel.MAILTO)
    assert view.request.license_ids == (PORTAL_PRODUCTION,)
    assert not mark.isEnabled()
    [row] = history(demo)
    assert row["status_text"] == request_status_text(RequestStatus.SENT)


def test_no_mail_program_hands_nothing_over(
    demo: Demo, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo.window, "open_url", lambda url: False)
    demo.page.send_box.buttons[SendBox.MAILTO].click()
    qtbot.waitUntil(lambda: demo.window.last_error is not None, timeout=10_000)
    assert "No mail program" in str(demo.window.last_error)
    assert demo.page.handed is None
    assert not demo.page.send_box.buttons[SendBox.MARK_SENT].isEnabled()


def test_two_copies_record_nothing_and_marking_records_one(demo: Demo, qtbot: QtBot) -> None:
    page = demo.page
    select(qtbot, demo, PORTAL_TEST)
    for _ in range(2):
        with qtbot.waitSignal(page.handed_over, timeout=10_000) as handed:
            page.send_box.buttons[SendBox.CLIPBOARD].click()
    request = handed.args[0]
    assert QGuiApplication.clipboard().text() == request.text()
    assert request.text().startswith(f"To: {RECIPIENT}\nSubject: S&M renewal request:")
    assert demo.requests() == []

    click_and_wait_recorded(qtbot, demo, page.send_box.buttons[SendBox.MARK_SENT])
    [view] = demo.requests()
    assert (view.status, view.request.channel) == (RequestStatus.SENT, Channel.CLIPBOARD)


def test_saving_records_one_request_with_its_files(
    demo: Demo, qtbot: QtBot, tmp_path: Path
) -> None:
    page = demo.page
    select(qtbot, demo, PORTAL_PRODUCTION)
    with qtbot.waitSignal(page.estimate_shown, timeout=10_000):
        page.renewal.years.setValue(2)
    assert (
        page.renewal.quote_lines[PORTAL_PRODUCTION]
        .text()
        .endswith(
            money_text(page.estimate.totals["USD"], "USD") + "."  # type: ignore[union-attr]
        )
    )
    assert "$24,000.00" in page.renewal.total.text()

    folder = tmp_path / "portal"
    recorded = recorded_by(qtbot, demo, lambda: page.save_to(folder))
    assert sorted(p.suffix for p in folder.iterdir()) == [".json", ".txt"]
    assert recorded.json_path.parent == folder
    document = json.loads(recorded.json_path.read_text(encoding="utf-8"))
    assert (document["license_id"], document["years"], document["total"]) == (
        PORTAL_PRODUCTION,
        2,
        "24000.00",
    )
    [view] = demo.requests()
    assert (view.status, view.request.channel) == (RequestStatus.SAVED, Channel.FILE)
    assert str(recorded.json_path) in page.send_box.result.text()
    [row] = history(demo)
    assert (row["id"], row["status"]) == (recorded.id, RequestStatus.SAVED)


def test_the_folder_chooser_opens_on_the_requests_folder_it_creates(
    demo: Demo, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from app.paths import app_paths

    asked: list[str] = []

    def chooser(parent: object, caption: str, start: str) -> str:
        asked.append(start)
        return ""  # the person cancels: nothing is saved

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", chooser)
    assert not app_paths().requests.exists()
    demo.page.send_box.buttons[SendBox.FILE].click()
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert asked == [str(app_paths().requests)]
    assert app_paths().requests.is_dir()
    assert demo.requests() == []


def save_one(qtbot: QtBot, demo: Demo, folder: Path) -> int:
    return int(recorded_by(qtbot, demo, lambda: demo.page.save_to(folder)).id)


def test_cancelling_asks_first(demo: Demo, qtbot: QtBot, tmp_path: Path) -> None:
    history_box = demo.page.history
    request_id = save_one(qtbot, demo, tmp_path / "out")
    assert not history_box.cancel.isEnabled()  # nothing selected
    history_box.select(request_id)
    assert history_box.cancel.isEnabled() and history_box.mark_sent.isEnabled()

    history_box.cancel.click()
    box = history_box.confirmation
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.No).click()
    assert [v.status for v in demo.requests()] == [RequestStatus.SAVED]

    history_box.cancel.click()
    box = history_box.confirmation
    assert box is not None
    with qtbot.waitSignal(demo.window.refreshed, timeout=20_000):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert [v.status for v in demo.requests()] == [RequestStatus.CANCELLED]
    assert history(demo)[0]["status_text"] == request_status_text(RequestStatus.CANCELLED)
    assert not history_box.cancel.isEnabled() and not history_box.mark_sent.isEnabled()


def test_a_saved_request_can_be_marked_as_sent(demo: Demo, qtbot: QtBot, tmp_path: Path) -> None:
    history_box = demo.page.history
    request_id = save_one(qtbot, demo, tmp_path / "out")
    history_box.select(request_id)
    with qtbot.waitSignal(demo.window.refreshed, timeout=20_000):
        history_box.mark_sent.click()
    assert [v.status for v in demo.requests()] == [RequestStatus.SENT]
    assert not history_box.mark_sent.isEnabled()  # still selected, now sent


# Several licenses ---------------------------------------------------------------------------


def test_renew_all_due_makes_one_request_with_a_total_per_currency(
    demo: Demo, qtbot: QtBot, tmp_path: Path
) -> None:
    page, renewal = demo.page, demo.page.renewal
    assert demo.window.selected_license is None  # "All licenses"
    assert not renewal.list_row.isHidden()  # a checklist of every license
    assert renewal.seats_row.isHidden()  # a seat change is for one license
    item = renewal.license_list.findItems(PORTAL_TEST, Qt.MatchFlag.MatchStartsWith)[0]
    with qtbot.waitSignal(page.estimate_shown, timeout=10_000):
        item.setCheckState(Qt.CheckState.Checked)
    assert renewal.license_ids() == (ASSETS_PRODUCTION, PORTAL_PRODUCTION, PORTAL_TEST)

    with qtbot.waitSignal(page.estimate_shown, timeout=10_000) as shown:
        renewal.all_due.click()
    estimate = shown.args[0]
    assert renewal.license_ids() == (ASSETS_PRODUCTION, PORTAL_PRODUCTION)
    assert [q.license_id for q in estimate.quotes] == [ASSETS_PRODUCTION, PORTAL_PRODUCTION]
    assert {c: str(t) for c, t in estimate.totals.items()} == {"EUR": "8800.00", "USD": "12000.00"}
    assert "€8,800.00" in renewal.total.text() and "$12,000.00" in renewal.total.text()
    lapsed = renewal.quote_lines[ASSETS_PRODUCTION].text()
    assert "€800.00" in lapsed and "€8,000.00" in lapsed  # base, then the reinstatement fee

    recorded_by(qtbot, demo, lambda: page.save_to(tmp_path / "out"))
    [view] = demo.requests()
    assert view.request.kind is RequestKind.RENEWAL
    assert view.request.license_ids == (ASSETS_PRODUCTION, PORTAL_PRODUCTION)
    assert view.request.payload["totals"] == {"EUR": "8800.00", "USD": "12000.00"}
    assert history(demo)[0]["licenses"] == f"{ASSETS_PRODUCTION}, {PORTAL_PRODUCTION}"


def test_fewer_years_than_needed_warn_on_that_license(qtbot: QtBot, tmp_path: Path) -> None:
    later = DAY + timedelta(days=400)  # the asset license lapsed 475 days before
    demo = open_demo(qtbot, tmp_path / "window.ini", day=later)
    try:
        renewal = demo.page.renewal
        assert renewal.warning_lines == {}  # each at its least number of years
        with qtbot.waitSignal(demo.page.estimate_shown, timeout=10_000) as shown:
            renewal.years.setValue(1)
        by_id = {q.license_id: q for q in shown.args[0].quotes}
        assert by_id[ASSETS_PRODUCTION].min_years_to_be_current == 2
        assert list(renewal.warning_lines) == [ASSETS_PRODUCTION]
        assert renewal.warning_lines[ASSETS_PRODUCTION].text() == (
            f"{ASSETS_PRODUCTION}: with {years_text(1)}, S&M would still be expired on "
            f"{date_text(later)}; at least {years_text(2)} are needed to be current."
        )
    finally:
        demo.window.close()


# Before sending -----------------------------------------------------------------------------


def test_the_recipient_is_shown_and_the_contact_prefilled(qtbot: QtBot, tmp_path: Path) -> None:
    demo = open_demo(qtbot, tmp_path / "a.ini")
    try:
        assert demo.page.send_box.recipient.text() == f"To: {RECIPIENT}"
        assert demo.page.contact.email.text() == CUSTOMER_EMAIL
        assert demo.page.contact.name.text() == ""
    finally:
        demo.window.close()
    remembered = Settings(contact_name="Ada Admin", contact_email="ada@contoso.example")
    demo = open_demo(qtbot, tmp_path / "b.ini", settings=remembered)
    try:
        assert demo.page.contact.name.text() == "Ada Admin"
        assert demo.page.contact.email.text() == "ada@contoso.example"
    finally:
        demo.window.close()


def test_one_line_fields_refuse_line_breaks(demo: Demo, qtbot: QtBot) -> None:
    page = demo.page
    send = page.send_box.buttons[SendBox.SMTP]
    assert send.isEnabled()
    page.contact.name.setText("Ada\nAdmin")
    assert not send.isEnabled()
    assert "The contact name must not contain control characters or line breaks." in (
        page.send_box.missing.text()
    )
    page.contact.name.setText("Ada Admin")
    assert send.isEnabled() and page.send_box.missing.isHidden()


def test_packs_are_for_one_license_with_a_po_and_the_acknowledgement(
    demo: Demo, qtbot: QtBot, tmp_path: Path
) -> None:
    page, packs = demo.page, demo.page.packs
    page.tabs.setCurrentWidget(packs)
    file_button = page.send_box.buttons[SendBox.FILE]
    assert not file_button.isEnabled()
    assert "choose it in the License selector" in page.send_box.missing.text()
    select(qtbot, demo, PORTAL_PRODUCTION)
    packs.count.setValue(3)
    assert packs.total.text() == "$6,000.00 for {packs}: {tickets}".format(
        packs=packs.tr("%n pack(s)", "", 3), tickets=tickets_text(12)
    )
    packs.po_number.setText("PO-7\u0007")
    packs.acknowledge.setChecked(True)
    assert not file_button.isEnabled()
    assert "The purchase order number must not contain control characters" in (
        page.send_box.missing.text()
    )
    packs.po_number.setText("PO-2026-0042")
    assert file_button.isEnabled()

    recorded_by(qtbot, demo, lambda: page.save_to(tmp_path / "packs"))
    [view] = demo.requests()
    assert view.request.kind is RequestKind.PACKS
    assert (view.request.payload["packs"], view.request.payload["total"]) == (3, "6000.00")
    model = demo.page.history.model
    assert model.index(0, RequestsModel.REQUEST).data() == model.tr(
        "%n support pack(s), PO {po}", "", 3
    ).format(po="PO-2026-0042")


# By SMTP ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Collector:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, Collector]]:
    """A real SMTP server on 127.0.0.1 that wants SMTP_USER / SMTP_SECRET."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticator(
        server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == SMTP_USER.encode()
            and auth_data.password == SMTP_SECRET.encode()
        )
        return AuthResult(success=ok, handled=False)

    collector = Collector()
    controller = Controller(
        collector,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=authenticator,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield controller.port, collector
    finally:
        controller.stop()


def smtp_settings(port: int) -> Settings:
    return Settings(
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_security=SmtpSecurity.NONE,
        smtp_username=SMTP_USER,
        smtp_sender="it-admin@contoso.example",
    )


def test_smtp_sends_with_the_keyring_password_and_records_it_as_sent(
    qtbot: QtBot, tmp_path: Path, smtp_server: tuple[int, Collector]
) -> None:
    port, collector = smtp_server
    SecretStore().set(SMTP_PASSWORD, SMTP_SECRET)
    demo = open_demo(qtbot, tmp_path / "window.ini", settings=smtp_settings(port))
    try:
        select(qtbot, demo, PORTAL_PRODUCTION)
        click_and_wait_recorded(qtbot, demo, demo.page.send_box.buttons[SendBox.SMTP])
        [message] = collector.messages
        assert collector.recipients == [[RECIPIENT]]
        assert message["From"] == "it-admin@contoso.example"
        assert PORTAL_PRODUCTION in str(message["Subject"])
        body = message.get_body(preferencelist=("plain",))
        assert body is not None and "Estimate: 12000.00 USD" in body.get_content()
        [attachment] = list(message.iter_attachments())
        assert json.loads(attachment.get_content())["total"] == "12000.00"
        [view] = demo.requests()
        assert (view.status, view.request.channel) == (RequestStatus.SENT, Channel.SMTP)
        assert f"sent to {RECIPIENT}" in demo.page.send_box.result.text()
    finally:
        demo.window.close()


def test_an_smtp_failure_says_so_with_a_way_to_settings(
    qtbot: QtBot,
    tmp_path: Path,
    smtp_server: tuple[int, Collector],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port, collector = smtp_server
    SecretStore().set(SMTP_PASSWORD, "not-the-password")
    demo = open_demo(qtbot, tmp_path / "window.ini", settings=smtp_settings(port))
    shown: list[tuple[str, bool]] = []
    show_error = demo.window.show_error

    def spy(title: str, error: BaseException | str, settings_page: bool = False) -> None:
        shown.append((title, settings_page))
        show_error(title, error, settings_page)

    monkeypatch.setattr(demo.window, "show_error", spy)
    try:
        demo.page.send_box.buttons[SendBox.SMTP].click()
        qtbot.waitUntil(lambda: demo.window.last_error is not None, timeout=20_000)
        assert "refused the user name or password" in str(demo.window.last_error)
        assert shown == [("The request could not be sent by e-mail", True)]
        [dialog] = [
            box
            for box in demo.window.findChildren(QMessageBox, "error-dialog")
            if box.windowTitle() == "The request could not be sent by e-mail"
        ]
        assert dialog.isVisible()
        [to_settings] = [b for b in dialog.buttons() if b.text() == "Open Settings"]
        to_settings.click()
        assert demo.window.navigation.currentRow() == PAGE_ORDER.index(PageName.SETTINGS)
        assert collector.messages == []
        assert demo.requests() == []
    finally:
        demo.window.close()


# The history model ------------------------------------------------------------------------


def test_the_history_model_is_a_well_behaved_model(
    demo: Demo, qtbot: QtBot, tmp_path: Path, qtmodeltester: Any
) -> None:
    save_one(qtbot, demo, tmp_path / "one")
    save_one(qtbot, demo, tmp_path / "two")
    assert [r["id"] for r in history(demo)] == [2, 1]  # newest first
    qtmodeltester.check(demo.page.history.model)


def test_every_control_has_an_accessible_name(demo: Demo) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QLineEdit,
        QPlainTextEdit,
        QWidget,
    )

    kinds = (QAbstractButton, QAbstractSpinBox, QLineEdit, QPlainTextEdit, QAbstractItemView)
    controls = [
        w
        for w in demo.page.findChildren(QWidget)
        if isinstance(w, kinds)
        and not w.objectName().startswith("qt_")
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert len(controls) > 15
    for control in controls:
        assert control.accessibleName(), control.objectName() or type(control).__name__


def test_an_unchanged_dashboard_is_not_estimated_again(
    demo: Demo, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []
    run_action = demo.window.run_action

    def counted(work: Any, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("key") == "renewal-quote":
            asked.append(work)
        run_action(work, *args, **kwargs)

    monkeypatch.setattr(demo.window, "run_action", counted)
    with qtbot.waitSignal(demo.window.refreshed, timeout=20_000):
        demo.window.refresh()
    assert asked == []  # the same licenses and the same form: the estimate shown stays
    assert demo.page.estimate is not None

    with qtbot.waitSignal(demo.page.estimate_shown, timeout=10_000):
        demo.page.renewal.years.setValue(2)
    assert len(asked) == 1
