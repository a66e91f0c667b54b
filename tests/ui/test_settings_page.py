"""The Settings page: the form within the settings' bounds, saving and the keyring off the GUI
thread, the notice for a bad settings file, Trusted keys (add with confirmation, the demo key
refused, remove) and the clock acknowledgement."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import keyring
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from keyring.backends.fail import Keyring as NoKeyring
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.console import Console
from app.paths import app_paths, sqlite_url
from app.secrets import SMTP_PASSWORD, SecretStore
from app.settings import INTEGER_RANGES, Settings, SmtpSecurity, load_settings, settings_path
from app.storage.database import Database
from app.trust import console_keys
from licensing import paserk
from licensing.policy import load_policy
from licensing.trust import TrustedKey, TrustSource, TrustStore, parse_trust_file, trust_file_text
from resources import resource_path
from tests.memory_keyring import MemoryKeyring
from ui.main_window import MainWindow
from ui.pages.base import PageName
from ui.pages.settings import SettingsPage, session_secrets
from ui.wording import date_text

TODAY = date(2025, 3, 1)
PASSWORD = "smtp-Secret-4711"


class RecordingKeyring(MemoryKeyring):
    """An in-memory keyring that notes which thread made each call."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, int]] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append(("get", threading.get_ident()))
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append(("set", threading.get_ident()))
        super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self.calls.append(("delete", threading.get_ident()))
        super().delete_password(service, username)


def key_file(folder: Path, *keys: Ed25519PrivateKey) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "trust.json"
    path.write_text(trust_file_text(k.public_key() for k in keys), encoding="utf-8")
    return path


def kid(key: Ed25519PrivateKey) -> str:
    return paserk.key_id(key.public_key())


def trusted(key: Ed25519PrivateKey, source: TrustSource, origin: str) -> TrustedKey:
    return TrustedKey(kid=kid(key), public_key=key.public_key(), source=source, origin=origin)


def vendor_trust() -> TrustStore:
    path = resource_path("trust", "vendor.json")
    return TrustStore().with_keys(parse_trust_file(path.read_bytes(), TrustSource.VENDOR, "vendor"))


def make_console(tmp_path: Path, trust: TrustStore, today: date = TODAY) -> Console:
    return Console(Database(sqlite_url(tmp_path / "ledger.sqlite3")), trust, load_policy(), today)


def open_window(
    qtbot: QtBot, tmp_path: Path, console: Console | None = None, settings: Settings | None = None
) -> MainWindow:
    """A main window, not shown, on its Settings page (the only page built), with its first
    dashboard when a console is given, and the page's own start-up work done."""
    window = MainWindow(
        lambda: console,  # type: ignore[arg-type, return-value]
        settings or Settings(),
        SecretStore(),
        tmp_path / "window.ini",
        today=lambda: TODAY,
    )
    qtbot.addWidget(window)
    window.show_page(PageName.SETTINGS)
    if console is not None:
        with qtbot.waitSignal(window.refreshed, timeout=10_000):
            window.console = console
            window.refresh()
    qtbot.waitUntil(lambda: not window.operations.busy, timeout=10_000)
    return window


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    main = open_window(qtbot, tmp_path)
    yield main
    main.operations.wait()
    main.close()


def settings_page(window: MainWindow) -> SettingsPage:
    page = window.page(PageName.SETTINGS)
    assert isinstance(page, SettingsPage)
    return page


def saved(qtbot: QtBot, page: SettingsPage) -> None:
    with qtbot.waitSignal(page.saved, timeout=10_000):
        page.save_button.click()


# The form and saving --------------------------------------------------------------------------


def test_settings_persist_and_keep_the_contact_details(qtbot: QtBot, window: MainWindow) -> None:
    window.settings = Settings(contact_name="Ada Admin")  # set on the Requests page
    page = settings_page(window)
    page.load()
    page.smtp_host.setText("mail.contoso.example")
    page.smtp_security.setCurrentIndex(page.smtp_security.findData("ssl"))
    assert page.smtp_port.value() == 465  # moved along with the security
    page.smtp_username.setText("console@contoso.example")
    page.reminder_days.setValue(90)
    page.low_ticket_threshold.setValue(3)
    saved(qtbot, page)

    expected = Settings(
        smtp_host="mail.contoso.example",
        smtp_port=465,
        smtp_security=SmtpSecurity.SSL,
        smtp_username="console@contoso.example",
        reminder_days=90,
        low_ticket_threshold=3,
        contact_name="Ada Admin",
    )
    assert load_settings() == expected
    assert window.settings == expected
    assert page.status.text() == "Settings saved."

    page.smtp_host.setText("elsewhere")
    page.revert_button.click()
    assert page.smtp_host.text() == "mail.contoso.example"


def test_the_form_keeps_to_the_bounds_of_the_settings(qtbot: QtBot, window: MainWindow) -> None:
    page = settings_page(window)
    for spin, name in (
        (page.smtp_port, "smtp_port"),
        (page.reminder_days, "reminder_days"),
        (page.low_ticket_threshold, "low_ticket_threshold"),
    ):
        assert (spin.minimum(), spin.maximum()) == INTEGER_RANGES[name]
    page.smtp_port.lineEdit().selectAll()
    qtbot.keyClicks(page.smtp_port, "70000")
    assert page.smtp_port.value() <= 65535

    page.smtp_host.setText("mail.example\x07")
    page.save_button.click()  # refused at once: nothing runs, nothing is written
    assert "SMTP server must be one line" in page.status.text()
    assert "Nothing was saved." in page.status.text()
    assert not settings_path().exists()
    assert window.settings == Settings()


def test_the_keyring_is_used_off_the_gui_thread_only(qtbot: QtBot, tmp_path: Path) -> None:
    recording = RecordingKeyring()
    keyring.set_keyring(recording)  # the suite's keyring fixture restores its own afterwards
    window = open_window(qtbot, tmp_path)
    page = settings_page(window)
    assert not recording.calls, "the keyring is asked only once Settings is shown"
    with qtbot.waitSignal(page.password_state_shown, timeout=10_000):
        window.show()  # on its Settings page: the page asks whether a password is saved
    assert page.password_status.text() == "No SMTP password is saved."

    page.smtp_password.setText(PASSWORD)
    page.database.setText("postgresql+psycopg://console:db-Secret@db.example/ledger")
    saved(qtbot, page)
    assert recording.passwords[("EntitlementConsole", SMTP_PASSWORD)] == PASSWORD
    assert page.password_status.text() == "The SMTP password is saved in the system keyring."
    assert "The database password is in the system keyring." in page.status.text()
    assert page.database.text() == "postgresql+psycopg://console@db.example/ledger"
    text = settings_path().read_text(encoding="utf-8")
    assert PASSWORD not in text and "db-Secret" not in text

    with qtbot.waitSignal(page.password_state_shown, timeout=10_000):
        page.forget_password.click()
    assert ("EntitlementConsole", SMTP_PASSWORD) not in recording.passwords

    assert {call for call, _ in recording.calls} == {"get", "set", "delete"}
    gui = threading.get_ident()
    assert all(thread != gui for _, thread in recording.calls), recording.calls
    window.operations.wait()
    window.close()


def test_without_a_keyring_the_password_is_kept_for_this_session(
    qtbot: QtBot, window: MainWindow
) -> None:
    keyring.set_keyring(NoKeyring())
    page = settings_page(window)
    page.smtp_password.setText(PASSWORD)
    saved(qtbot, page)
    assert page.password_status.text().startswith("The SMTP password was not saved: ")
    assert "no keyring" in page.password_status.text()
    assert session_secrets(page).get(SMTP_PASSWORD) == PASSWORD
    assert page.status.text() == "Settings saved."
    assert PASSWORD not in settings_path().read_text(encoding="utf-8")


# A bad settings file ----------------------------------------------------------------------


def test_a_settings_file_with_values_out_of_range_shows_a_one_line_notice(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps({"smtp_port": 70000, "reminder_days": -5, "smtp_host": "mail.example"})
    )
    window = open_window(qtbot, tmp_path, settings=load_settings())
    page = settings_page(window)
    assert page.notice.isVisibleTo(page)
    notice = page.notice.text()
    assert "\n" not in notice
    assert "SMTP port" in notice and "Remind before expiry" in notice
    assert page.smtp_port.value() == 587 and page.reminder_days.value() == 60
    assert page.smtp_host.text() == "mail.example"
    assert capsys.readouterr().err == ""

    saved(qtbot, page)  # saving writes what the form shows: the notice goes
    assert not page.notice.isVisibleTo(page)
    assert json.loads(path.read_text())["smtp_port"] == 587
    window.operations.wait()
    window.close()


def test_a_settings_file_that_is_not_json_shows_why(qtbot: QtBot, tmp_path: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00\x01 not json at all")
    window = open_window(qtbot, tmp_path, settings=load_settings())
    page = settings_page(window)
    assert page.notice.text() == (
        "The settings file is not valid JSON: every setting is at its default until you save."
    )
    window.operations.wait()
    window.close()


# Trusted keys -----------------------------------------------------------------------------


@pytest.fixture
def trust_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """The vendor's keys, and one key given with --trust for this run."""
    extra = Ed25519PrivateKey.generate()
    trust = vendor_trust().with_keys(
        [trusted(extra, TrustSource.ADDITIONAL, f"--trust {tmp_path / 'extra.json'}")]
    )
    main = open_window(qtbot, tmp_path, make_console(tmp_path, trust))
    yield main
    main.operations.wait()
    main.close()


def test_every_key_of_the_run_is_listed_with_its_source_and_origin(
    trust_window: MainWindow, tmp_path: Path
) -> None:
    keys = settings_page(trust_window).trusted_keys
    assert trust_window.dashboard is not None
    rows = keys.model.rows
    assert [row[0] for row in rows] == [k.kid for k in trust_window.dashboard.trust_keys]
    assert rows[0][1:] == ("Vendor", "shipped with the console")
    assert rows[-1][1:] == ("Added", f"--trust {tmp_path / 'extra.json'}")
    keys.table.selectRow(len(rows) - 1)
    assert not keys.remove_button.isEnabled()  # a --trust key is not the console's to remove


def test_adding_shows_each_key_and_a_warning_and_asks_first(
    qtbot: QtBot, trust_window: MainWindow, tmp_path: Path
) -> None:
    keys = settings_page(trust_window).trusted_keys
    first, second = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    source = key_file(tmp_path / "from-vendor", first, second)

    with qtbot.waitSignal(keys.confirmation_shown, timeout=10_000):
        keys.add_from_file(source)
    box = keys.confirmation
    assert isinstance(box, QMessageBox)
    assert kid(first) in box.text() and kid(second) in box.text()
    assert (
        "Documents signed by these keys will count as the vendor's: add only keys the vendor "
        "gave you." in box.text()
    )
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    trust_window.operations.wait()
    assert console_keys(app_paths().trusted_keys) == []

    with qtbot.waitSignal(keys.confirmation_shown, timeout=10_000):
        keys.add_from_file(source)
    assert keys.confirmation is not None
    with qtbot.waitSignal(keys.changed, timeout=10_000):
        keys.confirmation.button(QMessageBox.StandardButton.Yes).click()
    assert [k.kid for k in console_keys(app_paths().trusted_keys)] == [kid(first), kid(second)]
    # The window computes its trust again: the keys count at once.
    assert "The change counts now" in keys.status.text()
    qtbot.waitUntil(
        lambda: (
            [row[1:] for row in keys.model.rows if row[0] == kid(first)]
            == [("Added", "this console's trusted-keys file")]
        ),
        timeout=10_000,
    )
    assert kid(first) in trust_window.console.trust.keys

    # Removing an added key asks first too.
    keys.table.selectRow([row[0] for row in keys.model.rows].index(kid(first)))
    assert keys.remove_button.isEnabled()
    with qtbot.waitSignal(keys.confirmation_shown, timeout=10_000):
        keys.remove_button.click()
    assert kid(first) in keys.confirmation.text()
    with qtbot.waitSignal(keys.changed, timeout=10_000):
        keys.confirmation.button(QMessageBox.StandardButton.Yes).click()
    assert [k.kid for k in console_keys(app_paths().trusted_keys)] == [kid(second)]
    assert keys.status.text().startswith(f"Removed key {kid(first)}. The change counts now")
    qtbot.waitUntil(lambda: kid(first) not in trust_window.console.trust.keys, timeout=10_000)


def test_the_demo_key_is_refused_with_the_apps_message(
    qtbot: QtBot, trust_window: MainWindow
) -> None:
    keys = settings_page(trust_window).trusted_keys
    keys.add_from_file(resource_path("trust", "demo.json"))
    qtbot.waitUntil(lambda: not trust_window.operations.busy, timeout=10_000)
    assert keys.status.text().startswith("that is the public demo key")
    assert keys.confirmation is None
    assert not app_paths().trusted_keys.exists()


def test_an_added_key_counts_at_once(
    qtbot: QtBot, trust_window: MainWindow, tmp_path: Path
) -> None:
    keys = settings_page(trust_window).trusted_keys
    new = Ed25519PrivateKey.generate()
    with qtbot.waitSignal(keys.confirmation_shown, timeout=10_000):
        keys.add_from_file(key_file(tmp_path / "new", new))
    assert keys.confirmation is not None
    with qtbot.waitSignal(trust_window.refreshed, timeout=10_000):
        keys.confirmation.button(QMessageBox.StandardButton.Yes).click()
    assert "The change counts now" in keys.status.text()
    assert trust_window.dashboard is not None
    shown = {k.kid: k.source.value for k in trust_window.dashboard.trust_keys}
    assert shown[kid(new)] == "additional"


# The clock --------------------------------------------------------------------------------


def test_a_clock_rollback_can_be_acknowledged_after_a_confirmation(
    qtbot: QtBot, tmp_path: Path
) -> None:
    earlier = make_console(tmp_path, vendor_trust(), today=TODAY)
    earlier.record_run()  # the clock saw 1 Mar
    earlier.close()
    console = make_console(tmp_path, vendor_trust(), today=date(2025, 2, 1))  # now: 1 Feb
    window = open_window(qtbot, tmp_path, console)
    page = settings_page(window)
    clock = page.clock
    assert clock.isVisibleTo(page)
    assert date_text(TODAY) in clock.text.text()
    assert clock.acknowledge_button.isVisibleTo(clock)

    with qtbot.waitSignal(clock.confirmation_shown, timeout=10_000):
        clock.acknowledge_button.click()
    assert clock.confirmation is not None
    question = clock.confirmation.text()
    assert f"Acknowledge that {date_text(TODAY)} came from a clock that was ahead?" in question
    assert "If the clock is wrong now, correct it instead." in question
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        clock.confirmation.button(QMessageBox.StandardButton.Yes).click()
    assert clock.text.text() == (
        f"The date {date_text(TODAY)} came from a clock that was ahead "
        f"(acknowledged on {date_text(date(2025, 2, 1))})."
    )
    assert not clock.acknowledge_button.isVisibleTo(clock)
    window.operations.wait()
    window.close()


def test_without_a_clock_warning_the_clock_section_is_hidden(trust_window: MainWindow) -> None:
    page = settings_page(trust_window)
    assert not page.clock.isVisibleTo(page)


def test_the_trusted_keys_file_is_read_when_built_and_after_a_change_only(
    qtbot: QtBot, trust_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[object] = []
    run_task = trust_window.run_task

    def counted(work: Any, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("key") == "trusted-keys-file":
            reads.append(work)
        run_task(work, *args, **kwargs)

    monkeypatch.setattr(trust_window, "run_task", counted)
    keys = settings_page(trust_window).trusted_keys
    with qtbot.waitSignal(trust_window.refreshed, timeout=10_000):
        trust_window.refresh()
    trust_window.operations.wait()
    assert reads == []  # a refresh shows the run's keys; the file is as it was

    with qtbot.waitSignal(keys.confirmation_shown, timeout=10_000):
        keys.add_from_file(key_file(tmp_path / "new", Ed25519PrivateKey.generate()))
    assert keys.confirmation is not None
    with qtbot.waitSignal(trust_window.refreshed, timeout=10_000):
        keys.confirmation.button(QMessageBox.StandardButton.Yes).click()
    trust_window.operations.wait()
    assert len(reads) == 1  # once after the change, not again on the refresh that follows
