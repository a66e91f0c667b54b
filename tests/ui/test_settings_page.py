"""The Settings page: the database, SMTP with its password in the keyring only, reminders, About."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.paths import app_paths, sqlite_url
from app.settings import Settings, load_settings, settings_path
from tests.ui.conftest import wait_for_refresh
from ui.main_window import MainWindow
from ui.pages.settings import SettingsPage, session_secrets

PASSWORD = "smtp-secret-4711"
KEY = ("EntitlementConsole", "smtp-password")


def capture(opened: list[str]) -> Callable[[str], bool]:
    """Stands in for `window.open_url`: notes the URL, says the desktop opened it."""

    def open_url(url: str) -> bool:
        opened.append(url)
        return True

    return open_url


def settings_page(window: MainWindow) -> SettingsPage:
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    return page


def fill_smtp(page: SettingsPage) -> None:
    page.smtp_host.setText("mail.contoso.example")
    page.smtp_security.setCurrentIndex(page.smtp_security.findData("ssl"))
    page.smtp_username.setText("console@contoso.example")
    page.smtp_sender.setText("it-admin@contoso.example")


def test_settings_persist_and_keep_the_contact_details(window: MainWindow, qtbot: QtBot) -> None:
    window.settings = Settings(contact_name="Ada Admin")  # set on the Requests page
    page = settings_page(window)
    page.load()
    fill_smtp(page)
    assert page.smtp_port.value() == 465  # moved along with the security
    page.reminder_days.setValue(45)
    page.low_ticket_threshold.setValue(3)
    with qtbot.waitSignal(page.saved, timeout=5_000):
        page.save_button.click()

    expected = Settings(
        smtp_host="mail.contoso.example",
        smtp_port=465,
        smtp_security="ssl",
        smtp_username="console@contoso.example",
        smtp_sender="it-admin@contoso.example",
        reminder_days=45,
        low_ticket_threshold=3,
        contact_name="Ada Admin",
    )
    assert load_settings() == expected
    assert window.settings == expected
    assert page.status.text() == "Settings saved."

    # Undo brings back what was saved.
    page.smtp_host.setText("elsewhere")
    page.reminder_days.setValue(10)
    page.revert_button.click()
    assert page.smtp_host.text() == "mail.contoso.example"
    assert page.reminder_days.value() == 45


def test_a_database_path_becomes_a_sqlite_url_for_the_next_start(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    page = settings_page(window)
    path = tmp_path / "shared" / "entitlements.sqlite3"
    page.database.setText(str(path))
    page.save()
    assert load_settings().database_url == sqlite_url(path)
    assert page.database.text() == sqlite_url(path)
    assert "takes effect at the next start" in page.status.text()
    # The console in use is unchanged until then.
    assert window.dashboard is not None
    assert "demo.sqlite3" in window.dashboard.database

    page.database.setText("postgresql+psycopg://console@db.contoso.example/entitlements")
    page.save()
    assert (
        load_settings().database_url
        == "postgresql+psycopg://console@db.contoso.example/entitlements"
    )


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("not a url://at all", "neither a file path nor a database URL"),
    ],
)
def test_a_database_url_that_cannot_be_saved_is_refused(
    window: MainWindow, typed: str, says: str
) -> None:
    page = settings_page(window)
    page.database.setText(typed)
    page.save()
    assert says in page.status.text()
    assert "Nothing was saved" in page.status.text()
    assert not settings_path().exists()


def test_a_database_password_in_the_url_goes_to_the_keyring_only(
    window: MainWindow, test_keyring: Any
) -> None:
    page = settings_page(window)
    page.database.setText("postgresql+psycopg://console:hunter2@db/entitlements")
    page.save()
    assert "system keyring" in page.status.text()
    assert page.database.text() == "postgresql+psycopg://console@db/entitlements"
    assert "hunter2" not in settings_path().read_text()
    assert (
        test_keyring.passwords[
            ("EntitlementConsole", "database:postgresql+psycopg://console@db/entitlements")
        ]
        == "hunter2"
    )


def test_the_smtp_password_goes_to_the_keyring_only(window: MainWindow, test_keyring: Any) -> None:
    page = settings_page(window)
    fill_smtp(page)
    page.smtp_password.setText(PASSWORD)
    page.save()
    assert test_keyring.passwords[KEY] == PASSWORD
    assert page.smtp_password.text() == ""
    assert page.password_status.text() == "The SMTP password is saved in the system keyring."
    text = settings_path().read_text(encoding="utf-8")
    assert PASSWORD not in text
    assert "password" not in json.loads(text)
    assert all(PASSWORD not in repr(value) for value in vars(window.settings).values())

    # Saving again with the field empty keeps the saved password.
    page.save()
    assert test_keyring.passwords[KEY] == PASSWORD

    page.forget_password.click()
    assert KEY not in test_keyring.passwords
    assert page.password_status.text() == "No SMTP password is saved."


def test_without_a_keyring_the_password_is_kept_for_the_session_and_said_so(
    window: MainWindow, qtbot: QtBot
) -> None:
    import keyring
    import keyring.backends.fail

    # No keyring backend at all (the conftest fixture restores the test backend).
    keyring.set_keyring(keyring.backends.fail.Keyring())  # type: ignore[no-untyped-call]
    page = settings_page(window)
    fill_smtp(page)
    page.smtp_password.setText(PASSWORD)
    page.save()

    status = page.password_status.text()
    assert status.startswith("The SMTP password was not saved: this system has no keyring service")
    assert "used for this session only" in status
    assert page.password_status.styleSheet()  # shown as a warning
    # The other settings were saved, and the app keeps working.
    assert load_settings().smtp_host == "mail.contoso.example"
    assert page.status.text() == "Settings saved."
    assert session_secrets(page).get("smtp-password") == PASSWORD
    assert PASSWORD not in settings_path().read_text(encoding="utf-8")
    window.refresh()
    wait_for_refresh(qtbot, window)
    assert window.dashboard is not None

    # Shown again later, the page says where the password is.
    window.show_page("settings")
    assert "for this session only" in page.password_status.text()


def test_about_shows_versions_trust_keys_and_where_the_data_lives(window: MainWindow) -> None:
    from importlib.metadata import version

    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    page = settings_page(window)
    assert window.dashboard is not None
    about = {key: label.text() for key, label in page.about.items()}
    assert about["version"] == f"Entitlement Console {version('entitlement-console')}"
    assert version("entitlement-console") == "0.1.0"
    assert f"Qt {qVersion()}" in about["runtime"]
    assert f"PySide6 {pyside_version}" in about["runtime"]
    assert "Python 3." in about["runtime"]
    kids = [key.kid for key in window.dashboard.trust_keys]
    assert kids and all(kid.startswith("k4.pid.") for kid in kids)
    for kid in kids:
        assert kid in about["trust"]
    assert "demo key" in about["trust"]
    assert about["database"] == window.dashboard.database + " (demo mode)"
    assert about["data"] == str(app_paths().data)
    assert about["log"] == str(app_paths().log_file)
    assert about["settings"] == str(settings_path())


def test_open_data_folder_asks_the_desktop(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(window, "open_url", capture(opened))
    settings_page(window).open_data.click()
    from PySide6.QtCore import QUrl

    assert opened == [QUrl.fromLocalFile(str(app_paths().data)).toString()]


def test_every_control_has_an_accessible_name(window: MainWindow) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QWidget,
    )

    page = settings_page(window)
    controls = [
        w
        for w in page.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QAbstractSpinBox | QComboBox | QLineEdit)
        and not w.objectName().startswith("qt_")
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    names = {w.objectName() for w in controls}
    assert {
        "settings-database",
        "settings-database-browse",
        "settings-smtp-host",
        "settings-smtp-security",
        "settings-smtp-port",
        "settings-smtp-username",
        "settings-smtp-password",
        "settings-smtp-forget",
        "settings-smtp-sender",
        "settings-reminder-days",
        "settings-low-tickets",
        "settings-save",
        "settings-revert",
        "about-open-data",
    } <= names
    for control in controls:
        assert control.accessibleName(), control.objectName()
    # About values can be reached and selected from the keyboard too.
    for label in page.about.values():
        assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
