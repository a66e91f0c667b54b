"""The Requests page: renewal and pack requests, sent by mail program, SMTP, file or clipboard,
recorded with their status (R5, R6, R8)."""

from __future__ import annotations

import email
import email.policy
import json
import socket
from collections.abc import Callable, Iterator
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from pytestqt.qtbot import QtBot

from app.settings import load_settings
from tests.ui.conftest import DEMO_TODAY, started_window, wait_for_refresh
from ui.main_window import MainWindow
from ui.pages.requests import RequestsModel, RequestsPage
from ui.pages.settings import SettingsPage

LAPSED_DAY = date(2027, 6, 15)  # the demo S&M ended 2026-04-16: 425 days before, so lapsed
RENEWAL_SUBJECT = "S&M renewal request: Contoso Ltd (demo), license DEMO-LIC-0001, 1 year(s)"
SMTP_USER = "console-mailer"
SMTP_PASSWORD = "pa55-Wörd-only-in-the-keyring"  # non-ASCII: sent as UTF-8 AUTH PLAIN


def capture(opened: list[str]) -> Callable[[str], bool]:
    """Stands in for `window.open_url`: notes the URL, says the desktop opened it."""

    def open_url(url: str) -> bool:
        opened.append(url)
        return True

    return open_url


def requests_page(window: MainWindow, qtbot: QtBot) -> RequestsPage:
    """The page, once the vendor policy has reached it."""
    page = window.pages["requests"]
    assert isinstance(page, RequestsPage)
    qtbot.waitUntil(lambda: page.policy is not None, timeout=10_000)
    return page


def send_and_wait(
    qtbot: QtBot, window: MainWindow, page: RequestsPage, channel: str
) -> Any:  # the RecordedRequest
    with qtbot.waitSignal(page.request_recorded, timeout=30_000) as recorded:
        page.send_buttons[channel].click()
    wait_for_refresh(qtbot, window)
    return recorded.args[0]


def history(page: RequestsPage) -> list[dict[str, Any]]:
    model = page.history_model
    columns = {
        "id": RequestsModel.ID,
        "kind": RequestsModel.KIND,
        "channel": RequestsModel.CHANNEL,
        "status": RequestsModel.STATUS,
        "file": RequestsModel.FILE,
    }
    rows = []
    for row in range(model.rowCount()):
        rows.append(
            {
                **{k: model.index(row, c).data(RequestsModel.RAW_ROLE) for k, c in columns.items()},
                "status_text": model.index(row, RequestsModel.STATUS).data(),
                "kind_text": model.index(row, RequestsModel.KIND).data(),
            }
        )
    return rows


# By the mail program ------------------------------------------------------------------------


def test_renewal_by_mail_program_is_an_exact_mailto_link_and_is_recorded(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = requests_page(window, qtbot)
    opened: list[str] = []
    monkeypatch.setattr(window, "open_url", capture(opened))
    assert page.years.value() == 1  # the smallest renewal that keeps S&M current
    page.contact_name.setText("Ada Admin")
    page.contact_email.setText("ada@contoso.example")
    page.renewal_notes.setPlainText("Please invoice our EU entity.")

    recorded = send_and_wait(qtbot, window, page, "mailto")

    [url] = opened
    parts = urlsplit(url)
    assert (parts.scheme, parts.path) == ("mailto", "renewals@cireson.com")
    fields = parse_qs(parts.query, strict_parsing=True)
    assert fields["subject"] == [RENEWAL_SUBJECT]
    [body] = fields["body"]
    assert "DEMO-LIC-0001" in fields["subject"][0]
    assert "Renewal: 1 year(s), backdated to start 2026-04-16, ending 2027-04-16" in body
    assert "Estimate: 12000.00 USD" in body
    assert "total 12000.00 USD (an estimate; the vendor's quote prevails)" in body
    assert "Name: Ada Admin" in body and "E-mail: ada@contoso.example" in body
    assert "Please invoice our EU entity." in body
    assert url == (
        f"mailto:renewals@cireson.com?subject={quote(RENEWAL_SUBJECT, safe='')}"
        f"&body={quote(body, safe='')}"
    )
    assert recorded.channel == "mailto"

    [row] = history(page)
    assert row["id"] == recorded.id
    assert (row["kind"], row["channel"], row["status"]) == (
        "renewal",
        "mailto",
        "in_mail_client",
    )
    assert row["status_text"] == "Opened in the mail program; waiting for the vendor"
    assert row["kind_text"] == "Renewal, 1 year(s) to 2027-04-16"
    assert "opened in your mail program" in page.result.text()
    # The contact details are remembered for the next request.
    assert window.settings.contact_name == "Ada Admin"
    assert load_settings().contact_email == "ada@contoso.example"


def test_no_mail_program_records_nothing(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = requests_page(window, qtbot)
    monkeypatch.setattr(window, "open_url", lambda url: False)
    page.send("mailto")
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=10_000)
    assert "No mail program" in window.last_error  # type: ignore[operator]
    window.tasks.wait()
    assert window.dashboard is not None and window.dashboard.requests == ()


# As files for the portal --------------------------------------------------------------------


def test_save_to_a_folder_writes_json_and_text_with_money_as_strings(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    page = requests_page(window, qtbot)
    with qtbot.waitSignal(page.quote_shown, timeout=10_000):
        page.years.setValue(2)
    assert "24000.00 USD for 2 year(s)" in page.estimate.text()
    assert "2026-04-16 to 2028-04-16" in page.period.text()

    folder = tmp_path / "portal"
    with qtbot.waitSignal(page.request_recorded, timeout=30_000) as signal:
        page.save_to(folder)
    wait_for_refresh(qtbot, window)
    recorded = signal.args[0]

    files = sorted(p.name for p in folder.iterdir())
    stem = f"renewal-request-DEMO-LIC-0001-{DEMO_TODAY.isoformat()}-{recorded.id}"
    assert files == [f"{stem}.json", f"{stem}.txt"]
    document = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
    assert document["type"] == "renewal-request"
    assert document["license_id"] == "DEMO-LIC-0001"
    assert document["years"] == 2
    assert (document["period_start"], document["period_end"]) == ("2026-04-16", "2028-04-16")
    assert document["base_amount"] == "24000.00"
    assert document["reinstatement_fee"] == "0.00"
    assert document["total"] == "24000.00"
    assert document["currency"] == "USD"
    assert document["quote_required"] is False
    assert document["to"] == "renewals@cireson.com"
    text = (folder / f"{stem}.txt").read_text(encoding="utf-8")
    assert text.startswith("To: renewals@cireson.com\nSubject: S&M renewal request:")
    assert "2 year(s)" in text and "Estimate: 24000.00 USD" in text

    [row] = history(page)
    assert (row["channel"], row["status"]) == ("file", "saved")
    assert row["file"] == str(folder / f"{stem}.json")
    assert str(folder / f"{stem}.json") in page.result.text()


def test_clipboard_holds_subject_and_text(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtGui import QGuiApplication

    page = requests_page(window, qtbot)
    send_and_wait(qtbot, window, page, "clipboard")
    text = QGuiApplication.clipboard().text()
    assert text.startswith(f"To: renewals@cireson.com\nSubject: {RENEWAL_SUBJECT}\n\n")
    assert "Estimate: 12000.00 USD" in text
    [row] = history(page)
    assert (row["channel"], row["status"]) == ("clipboard", "copied")


# The estimate -------------------------------------------------------------------------------


def test_a_seat_change_needs_a_quote_and_carries_no_amounts(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = requests_page(window, qtbot)
    page.seat_users.setText("500")  # the current count: no change
    assert page.seat_change() == (None, None)
    with qtbot.waitSignal(page.quote_shown, timeout=10_000):
        page.seat_users.setText("650")
    assert page.seat_change() == (650, None)
    assert page.estimate.text().startswith("Quote required")
    assert "USD" not in page.estimate.text()

    opened: list[str] = []
    monkeypatch.setattr(window, "open_url", capture(opened))
    recorded = send_and_wait(qtbot, window, page, "mailto")
    [body] = parse_qs(urlsplit(opened[0]).query)["body"]
    assert "Seat change requested: users 650" in body
    assert "Please send a quote" in body
    assert "Estimate" not in body and "12000" not in body and "USD" not in body
    payload = recorded.request.payload
    assert payload["quote_required"] is True
    assert payload["requested_seats"] == {"users": 650, "devices": None}
    assert payload["base_amount"] is None and payload["total"] is None
    assert history(page)[0]["kind_text"].endswith("(quote required)")

    # Clearing the seat change brings the estimate back.
    with qtbot.waitSignal(page.quote_shown, timeout=10_000):
        page.seat_users.clear()
    assert "12000.00 USD" in page.estimate.text()


def test_the_hint_names_the_minimum_years(window: MainWindow, qtbot: QtBot) -> None:
    page = requests_page(window, qtbot)
    assert page.years_hint.text() == "At least 1 year(s) make S&M current on 2026-03-02."
    assert page.years_warning.isHidden()
    assert "backdated" in page.period.text()
    assert "12000.00 USD for 1 year(s)" in page.estimate.text()
    assert "reinstatement" not in page.estimate.text()


@pytest.fixture
def lapsed_window(
    qtbot: QtBot,
    open_demo_console: Any,
    tmp_path: Path,
) -> Iterator[MainWindow]:
    """The demo data seen on a day long after S&M ended (the reinstatement fee applies)."""
    main = started_window(qtbot, open_demo_console, tmp_path / "lapsed.ini", LAPSED_DAY)
    yield main
    main.tasks.wait()


def test_lapsed_fewer_years_than_the_minimum_warn_and_the_fee_is_explained(
    lapsed_window: MainWindow, qtbot: QtBot
) -> None:
    window = lapsed_window
    page = requests_page(window, qtbot)
    assert page.years.value() == 2
    assert page.years_hint.text() == "At least 2 year(s) make S&M current on 2027-06-15."
    assert page.years_warning.isHidden()
    assert page.estimate.text() == (
        "24000.00 USD for 2 year(s) + a reinstatement fee of 2400.00 USD (10% of the base: S&M "
        "expired more than 60 days ago) = 26400.00 USD in all. An estimate: the vendor's quote "
        "prevails."
    )

    with qtbot.waitSignal(page.quote_shown, timeout=10_000):
        page.years.setValue(1)
    assert not page.years_warning.isHidden()
    assert page.years_warning.text() == (
        "1 year(s) would leave S&M expired: the renewal ends on 2027-04-16, before 2027-06-15. "
        "Renew for at least 2 year(s) to be current."
    )
    assert "2026-04-16 to 2027-04-16" in page.period.text()
    assert "1200.00 USD" in page.estimate.text() and "13200.00 USD" in page.estimate.text()


# Extra support packs ------------------------------------------------------------------------


def test_a_pack_request_needs_a_po_and_the_acknowledgment(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    page = requests_page(window, qtbot)
    page.tabs.setCurrentIndex(1)
    assert page.current_kind() == "packs"
    assert page.pack_terms.text().startswith("4 tickets and US$2,000 per pack.")
    page.pack_count.setValue(2)
    assert page.pack_total.text() == "4000.00 USD for 2 pack(s), 8 tickets"

    def enabled() -> list[bool]:
        return [b.isEnabled() for b in page.send_buttons.values()]

    assert enabled() == [False] * 4
    assert "purchase order" in page.missing.text()
    assert "non-refundable" in page.missing.text()
    page.po_number.setText("PO-2026-0042")
    assert enabled() == [False] * 4
    assert "purchase order" not in page.missing.text()

    # Even called directly, an unacknowledged request is refused, and nothing is recorded.
    page.save_to(tmp_path / "refused")
    assert window.last_error is not None and "non-refundable" in window.last_error
    assert not (tmp_path / "refused").exists()

    page.acknowledge.setChecked(True)
    assert enabled() == [True] * 4
    assert page.missing.isHidden()

    folder = tmp_path / "packs"
    with qtbot.waitSignal(page.request_recorded, timeout=30_000):
        page.save_to(folder)
    wait_for_refresh(qtbot, window)
    [json_file] = folder.glob("*.json")
    document = json.loads(json_file.read_text(encoding="utf-8"))
    assert document["type"] == "support-pack-request"
    assert (document["packs"], document["tickets"]) == (2, 8)
    assert document["po_number"] == "PO-2026-0042"
    assert document["unit_price"] == "2000.00"
    assert document["total"] == "4000.00"
    assert document["non_refundable"] is True
    [row] = history(page)
    assert (row["kind"], row["status"]) == ("packs", "saved")
    assert row["kind_text"] == "2 support pack(s), PO PO-2026-0042"


# Fulfilment ---------------------------------------------------------------------------------


def test_importing_a_covering_revision_marks_the_renewal_fulfilled(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from app.demo import DEMO_SECRET, demo_claims
    from licensing import paserk
    from licensing.claims import DocumentType
    from licensing.documents import sign_document
    from resources import resource_path

    page = requests_page(window, qtbot)
    with qtbot.waitSignal(page.request_recorded, timeout=30_000):
        page.save_to(tmp_path / "out")
    wait_for_refresh(qtbot, window)
    assert history(page)[0]["status"] == "saved"

    claims = next(c for t, _, c in demo_claims(DEMO_TODAY) if t is DocumentType.LICENSE)
    renewed = {**claims, "revision": 4, "issued_at": "2026-03-01T09:00:00Z"}
    renewed["sm_end"] = "2027-04-16"
    secret = paserk.secret_from_paserk(resource_path(*DEMO_SECRET).read_text(encoding="ascii"))
    token = sign_document(DocumentType.LICENSE, renewed, secret)
    window.run_action(
        lambda console: console.import_documents([("renewal.paseto", token.encode())])
    )
    wait_for_refresh(qtbot, window)

    [row] = history(page)
    assert row["status"] == "fulfilled"
    assert row["status_text"] == "Fulfilled (a license covering it was imported)"
    # The form starts again from the new license.
    assert "revision 4" in page.license_line.text()


def test_the_history_model_is_a_well_behaved_model(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, qtmodeltester: Any
) -> None:
    page = requests_page(window, qtbot)
    with qtbot.waitSignal(page.request_recorded, timeout=30_000):
        page.save_to(tmp_path / "out")
    wait_for_refresh(qtbot, window)
    qtmodeltester.check(page.history_model)


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
    """A real SMTP server on 127.0.0.1 that wants SMTP_USER / SMTP_PASSWORD."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticator(
        server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == SMTP_USER.encode()
            and auth_data.password == SMTP_PASSWORD.encode()
        )
        return AuthResult(success=ok, handled=False)

    collector = Collector()
    port = free_port()
    controller = Controller(
        collector,
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield port, collector
    finally:
        controller.stop()


def configure_smtp(window: MainWindow, port: int, password: str | None) -> SettingsPage:
    """Fills in and saves the SMTP settings on the Settings page, as a person would."""
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    page.smtp_host.setText("127.0.0.1")
    page.smtp_security.setCurrentIndex(page.smtp_security.findData("none"))
    page.smtp_port.setValue(port)
    page.smtp_username.setText(SMTP_USER)
    page.smtp_sender.setText("it-admin@contoso.example")
    if password is not None:
        page.smtp_password.setText(password)
    page.save_button.click()
    return page


def test_smtp_sends_the_request_with_the_keyring_password_and_never_writes_it(
    window: MainWindow,
    qtbot: QtBot,
    smtp_server: tuple[int, Collector],
    test_keyring: Any,
    tmp_path: Path,
) -> None:
    port, collector = smtp_server
    settings_page = configure_smtp(window, port, SMTP_PASSWORD)
    assert test_keyring.passwords[("EntitlementConsole", "smtp-password")] == SMTP_PASSWORD
    assert settings_page.smtp_password.text() == ""
    assert "saved in the system keyring" in settings_page.password_status.text()

    page = requests_page(window, qtbot)
    recorded = send_and_wait(qtbot, window, page, "smtp")

    [message] = collector.messages
    assert collector.recipients == [["renewals@cireson.com"]]
    assert message["To"] == "renewals@cireson.com"
    assert message["From"] == "it-admin@contoso.example"
    # The long subject is folded onto the next line; Python's parser keeps the fold's space.
    assert str(message["Subject"]).strip() == RENEWAL_SUBJECT
    body_part = message.get_body(preferencelist=("plain",))
    assert body_part is not None
    body = body_part.get_content()
    assert "Renewal: 1 year(s), backdated to start 2026-04-16, ending 2027-04-16" in body
    assert "Estimate: 12000.00 USD" in body
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/json"
    assert attachment.get_filename() == "renewal-request-DEMO-LIC-0001.json"
    document = json.loads(attachment.get_content())
    assert document["license_id"] == "DEMO-LIC-0001"
    assert document["total"] == "12000.00"
    assert document["subject"] == RENEWAL_SUBJECT

    assert recorded.channel == "smtp"
    [row] = history(page)
    assert (row["channel"], row["status"]) == ("smtp", "sent")
    assert "sent to renewals@cireson.com" in page.result.text()

    # The password is in the keyring only: not in the settings file, the database, the logs, or
    # anything else this test's home and temporary folders hold.
    window.tasks.wait()
    secret = SMTP_PASSWORD.encode()
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.suffix == ".sqlite3" for p in files)
    assert any(p.name == "settings.json" for p in files)
    for path in files:
        assert secret not in path.read_bytes(), path
    assert "password" not in json.loads((tmp_path / "home/config/settings.json").read_text())


def test_smtp_with_a_wrong_password_says_so_and_records_nothing(
    window: MainWindow, qtbot: QtBot, smtp_server: tuple[int, Collector]
) -> None:
    port, collector = smtp_server
    configure_smtp(window, port, "not-the-password")
    page = requests_page(window, qtbot)
    page.send_buttons["smtp"].click()
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=30_000)
    assert "refused the user name or password" in window.last_error  # type: ignore[operator]
    assert collector.messages == []
    window.refresh()
    wait_for_refresh(qtbot, window)
    assert history(page) == []


def test_smtp_without_a_keyring_uses_the_password_typed_this_session(
    window: MainWindow, qtbot: QtBot, smtp_server: tuple[int, Collector], tmp_path: Path
) -> None:
    import keyring
    import keyring.backends.fail

    # No keyring backend at all (the conftest fixture restores the test backend).
    keyring.set_keyring(keyring.backends.fail.Keyring())  # type: ignore[no-untyped-call]
    port, collector = smtp_server
    settings_page = configure_smtp(window, port, SMTP_PASSWORD)
    assert "was not saved" in settings_page.password_status.text()
    assert "no keyring service" in settings_page.password_status.text()

    page = requests_page(window, qtbot)
    send_and_wait(qtbot, window, page, "smtp")
    [message] = collector.messages
    assert str(message["Subject"]).strip() == RENEWAL_SUBJECT
    window.tasks.wait()
    for path in (p for p in tmp_path.rglob("*") if p.is_file()):
        assert SMTP_PASSWORD.encode() not in path.read_bytes(), path


# Keyboard and screen readers ----------------------------------------------------------------


def test_every_control_has_an_accessible_name_and_takes_keyboard_focus(
    window: MainWindow, qtbot: QtBot
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QWidget,
    )

    page = requests_page(window, qtbot)
    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit)
    controls = [
        w
        for w in page.findChildren(QWidget)
        if isinstance(w, (*kinds, QAbstractItemView))
        and not w.objectName().startswith("qt_")  # a spin box's own line edit and the like
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    names = {w.objectName() for w in controls}
    assert {
        "renewal-years",
        "renewal-users",
        "renewal-devices",
        "renewal-notes",
        "pack-count",
        "pack-po",
        "pack-acknowledge",
        "pack-notes",
        "contact-name",
        "contact-email",
        "contact-phone",
        "send-mailto",
        "send-smtp",
        "send-file",
        "send-clipboard",
        "request-history",
    } <= names
    for control in controls:
        assert control.accessibleName(), control.objectName() or type(control).__name__
