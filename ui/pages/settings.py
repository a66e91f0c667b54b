"""Settings: the database, SMTP (its password only in the OS keyring), reminders, and About.

Settings are the typed `app.settings.Settings`, saved through `host.save_settings`; the SMTP
password goes only to `host.secrets` (the keyring). Without a keyring the password is kept in
memory for this window's life (`SessionSecrets`) and never written anywhere.
"""

from __future__ import annotations

import dataclasses
import platform
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Qt, QUrl, Signal, qVersion
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.secrets import SMTP_PASSWORD, SecretsUnavailable
from ui.pages.base import Host, Page

if TYPE_CHECKING:
    from app.dashboard import Dashboard
    from app.settings import Settings

SESSION_SECRETS = "session-secrets"
SECURITY_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
WARNING_STYLE = "color:#8a1c00;font-weight:bold"


class SessionSecrets(QObject):
    """Secrets the keyring could not keep: in memory, for the life of one window, never written."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName(SESSION_SECRETS)
        self._values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self._values.get(name)

    def set(self, name: str, secret: str) -> None:
        self._values[name] = secret

    def discard(self, name: str) -> None:
        self._values.pop(name, None)


def session_secrets(widget: QWidget) -> SessionSecrets:
    """The window's session secrets (one per main window, shared by its pages)."""
    top = widget.window()
    found = top.findChild(SessionSecrets, SESSION_SECRETS)
    return found if isinstance(found, SessionSecrets) else SessionSecrets(top)


def database_url_from(text: str) -> str:
    """A SQLAlchemy URL as typed, or a file path turned into a SQLite URL; empty: the default."""
    from app.paths import sqlite_url

    text = text.strip()
    if not text or "://" in text:
        return text
    return sqlite_url(Path(text).expanduser())


class SettingsPage(Page):
    name = "settings"

    saved = Signal()
    """Emitted after the settings were saved (whether or not the keyring kept the password)."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.dashboard: Dashboard | None = None
        self._password_checked = False
        layout = self.scrolled_layout()
        layout.addWidget(self._build_database())
        layout.addWidget(self._build_smtp())
        layout.addWidget(self._build_reminders())

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save settings"))
        self.save_button.setObjectName("settings-save")
        self.save_button.setAccessibleName(self.tr("Save settings"))
        self.save_button.setToolTip(QKeySequence(QKeySequence.StandardKey.Save).toString())
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Und&o changes"))
        self.revert_button.setObjectName("settings-revert")
        self.revert_button.setAccessibleName(self.tr("Undo changes not saved yet"))
        self.revert_button.clicked.connect(self.load)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setObjectName("settings-status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

        layout.addWidget(self._build_about())
        layout.addStretch(1)
        self.load()

    # Building ---------------------------------------------------------------------------------

    def _build_database(self) -> QGroupBox:
        box = QGroupBox(self.tr("Database"))
        form = QFormLayout(box)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        self.database = self._line("settings-database", self.tr("Database file or URL"))
        self.database.setPlaceholderText(
            self.tr("empty: the built-in SQLite file in the data folder")
        )
        self.database_browse = QPushButton(self.tr("&Browse…"))
        self.database_browse.setObjectName("settings-database-browse")
        self.database_browse.setAccessibleName(self.tr("Choose a SQLite database file"))
        self.database_browse.clicked.connect(self.choose_database_file)
        row_layout.addWidget(self.database, 1)
        row_layout.addWidget(self.database_browse)
        form.addRow(self._caption(self.tr("&Database:"), self.database), row)
        note = QLabel(
            self.tr(
                "A file path (SQLite) or a SQLAlchemy URL such as "
                "postgresql+psycopg://user:password@server/entitlements. A password in the URL "
                "goes to the system keyring, never to the settings file (a PGPASSFILE works "
                "too). The change takes effect at the next start."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        return box

    def _build_smtp(self) -> QGroupBox:
        box = QGroupBox(self.tr("E-mail by SMTP"))
        form = QFormLayout(box)
        self.smtp_host = self._line("settings-smtp-host", self.tr("SMTP server"))
        self.smtp_host.setPlaceholderText(self.tr("e.g. smtp.example.com"))
        form.addRow(self._caption(self.tr("SMTP ser&ver:"), self.smtp_host), self.smtp_host)
        self.smtp_security = QComboBox()
        self.smtp_security.setObjectName("settings-smtp-security")
        self.smtp_security.setAccessibleName(self.tr("SMTP security"))
        for text, value in (
            (self.tr("STARTTLS (usually port 587)"), "starttls"),
            (self.tr("SSL/TLS (usually port 465)"), "ssl"),
            (self.tr("None (unencrypted, local relays only)"), "none"),
        ):
            self.smtp_security.addItem(text, value)
        self.smtp_security.currentIndexChanged.connect(self._security_changed)
        form.addRow(self._caption(self.tr("Sec&urity:"), self.smtp_security), self.smtp_security)
        self.smtp_port = QSpinBox()
        self.smtp_port.setObjectName("settings-smtp-port")
        self.smtp_port.setAccessibleName(self.tr("SMTP port"))
        self.smtp_port.setRange(1, 65535)
        self.smtp_port.setMaximumWidth(160)
        form.addRow(self._caption(self.tr("&Port:"), self.smtp_port), self.smtp_port)
        self.smtp_username = self._line("settings-smtp-username", self.tr("SMTP user name"))
        self.smtp_username.setPlaceholderText(self.tr("empty: the server needs no sign-in"))
        form.addRow(self._caption(self.tr("User &name:"), self.smtp_username), self.smtp_username)
        self.smtp_password = self._line("settings-smtp-password", self.tr("SMTP password"))
        self.smtp_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.smtp_password.setPlaceholderText(
            self.tr("type to save a new password in the system keyring")
        )
        password_row = QWidget()
        password_layout = QHBoxLayout(password_row)
        password_layout.setContentsMargins(0, 0, 0, 0)
        self.forget_password = QPushButton(self.tr("Forge&t password"))
        self.forget_password.setObjectName("settings-smtp-forget")
        self.forget_password.setAccessibleName(self.tr("Forget the saved SMTP password"))
        self.forget_password.clicked.connect(self.forget_smtp_password)
        password_layout.addWidget(self.smtp_password, 1)
        password_layout.addWidget(self.forget_password)
        form.addRow(self._caption(self.tr("Pass&word:"), self.smtp_password), password_row)
        self.password_status = QLabel()
        self.password_status.setObjectName("settings-password-status")
        self.password_status.setWordWrap(True)
        self.password_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.password_status)
        self.smtp_sender = self._line("settings-smtp-sender", self.tr("Sender e-mail address"))
        self.smtp_sender.setPlaceholderText(self.tr("empty: the user name"))
        form.addRow(self._caption(self.tr("S&ender:"), self.smtp_sender), self.smtp_sender)
        return box

    def _build_reminders(self) -> QGroupBox:
        box = QGroupBox(self.tr("Reminders"))
        form = QFormLayout(box)
        self.reminder_days = QSpinBox()
        self.reminder_days.setObjectName("settings-reminder-days")
        self.reminder_days.setAccessibleName(self.tr("Days before the S&M expiry to remind"))
        self.reminder_days.setRange(1, 365)
        self.reminder_days.setMaximumWidth(160)
        self.reminder_days.setSuffix(self.tr(" day(s)"))
        form.addRow(
            self._caption(self.tr("Remind before e&xpiry:"), self.reminder_days),
            self.reminder_days,
        )
        self.low_ticket_threshold = QSpinBox()
        self.low_ticket_threshold.setObjectName("settings-low-tickets")
        self.low_ticket_threshold.setAccessibleName(
            self.tr("Warn when this many tickets or fewer are left")
        )
        self.low_ticket_threshold.setRange(0, 1000)
        self.low_ticket_threshold.setMaximumWidth(160)
        self.low_ticket_threshold.setSuffix(self.tr(" ticket(s)"))
        form.addRow(
            self._caption(self.tr("Warn at &low tickets:"), self.low_ticket_threshold),
            self.low_ticket_threshold,
        )
        return box

    def _build_about(self) -> QGroupBox:
        box = QGroupBox(self.tr("About"))
        form = QFormLayout(box)
        self.about: dict[str, QLabel] = {}
        for key, caption in (
            ("version", self.tr("Version:")),
            ("runtime", self.tr("Runs on:")),
            ("trust", self.tr("Trusted keys:")),
            ("database", self.tr("Database in use:")),
            ("data", self.tr("Data folder:")),
            ("log", self.tr("Log file:")),
            ("settings", self.tr("Settings file:")),
        ):
            value = QLabel("…")
            value.setObjectName(f"about-{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            value.setAccessibleName(caption.rstrip(":"))
            label = QLabel(caption)
            label.setBuddy(value)
            form.addRow(label, value)
            self.about[key] = value
        self.open_data = QPushButton(self.tr("Open the data folde&r"))
        self.open_data.setObjectName("about-open-data")
        self.open_data.setAccessibleName(self.tr("Open the data folder"))
        self.open_data.clicked.connect(self._open_data_folder)
        open_row = QHBoxLayout()
        open_row.addWidget(self.open_data)
        open_row.addStretch(1)
        form.addRow(open_row)
        return box

    def _caption(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _line(self, name: str, accessible: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setAccessibleName(accessible)
        return line

    # Page -------------------------------------------------------------------------------------

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        self.fill_about()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fill_about()
        if not self._password_checked:
            self._password_checked = True
            self._show_password_state()

    def load(self) -> None:
        """Shows the saved settings (also: undoes changes not saved yet)."""
        settings = self.host.settings
        self.database.setText(settings.database_url)
        index = self.smtp_security.findData(settings.smtp_security)
        self.smtp_security.blockSignals(True)
        self.smtp_security.setCurrentIndex(max(index, 0))
        self.smtp_security.blockSignals(False)
        self.smtp_host.setText(settings.smtp_host)
        self.smtp_port.setValue(settings.smtp_port)
        self.smtp_username.setText(settings.smtp_username)
        self.smtp_sender.setText(settings.smtp_sender)
        self.smtp_password.clear()
        self.reminder_days.setValue(settings.reminder_days)
        self.low_ticket_threshold.setValue(settings.low_ticket_threshold)

    def _security_changed(self) -> None:
        """Moves the port along with the security, unless it was set to something unusual."""
        if self.smtp_port.value() in SECURITY_PORTS.values():
            self.smtp_port.setValue(SECURITY_PORTS[self.smtp_security.currentData()])

    def choose_database_file(self) -> None:
        from app.paths import app_paths

        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("SQLite database file"),
            str(app_paths().data),
            self.tr("SQLite databases (*.sqlite3 *.sqlite *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.database.setText(path)

    # Saving -----------------------------------------------------------------------------------

    def edited_settings(self) -> Settings:
        """The settings as shown; fields this page does not show (contact details) are kept."""
        return dataclasses.replace(
            self.host.settings,
            database_url=database_url_from(self.database.text()),
            smtp_host=self.smtp_host.text().strip(),
            smtp_port=self.smtp_port.value(),
            smtp_security=str(self.smtp_security.currentData()),
            smtp_username=self.smtp_username.text().strip(),
            smtp_sender=self.smtp_sender.text().strip(),
            reminder_days=self.reminder_days.value(),
            low_ticket_threshold=self.low_ticket_threshold.value(),
        )

    def save(self) -> None:
        """Saves the settings, and a newly typed SMTP password in the keyring only."""
        previous = self.host.settings
        settings = self.edited_settings()
        problem = self._database_problem(settings.database_url)
        if problem is not None:
            self.status.setStyleSheet(WARNING_STYLE)
            self.status.setText(problem)
            self.database.setFocus()
            return
        from app.settings import split_password

        keyring_problem = None
        try:
            self.host.save_settings(settings)
        except SecretsUnavailable as exc:
            keyring_problem = self.tr(
                "The database password was not saved: {reason}. Use a PGPASSFILE instead."
            ).format(reason=exc)
        except OSError as exc:
            self.host.show_error(
                self.tr("The settings were not saved"),
                self.tr("The settings file could not be written: {reason}").format(
                    reason=exc.strerror or exc
                ),
            )
            return
        stored_url, password_in_url = split_password(settings.database_url)
        self.database.setText(stored_url)
        lines = [self.tr("Settings saved.")]
        if password_in_url and keyring_problem is None:
            lines.append(self.tr("The database password is in the system keyring."))
        if settings.database_url != previous.database_url:
            lines.append(self.tr("The database setting takes effect at the next start."))
        if keyring_problem is not None:
            lines.append(keyring_problem)
        self.status.setStyleSheet(WARNING_STYLE if keyring_problem else "")
        self.status.setText(" ".join(lines))
        password = self.smtp_password.text()
        if password:
            self.smtp_password.clear()
            self.save_smtp_password(password)
        self.saved.emit()

    def _database_problem(self, url: str) -> str | None:
        if not url:
            return None
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            parsed = make_url(url)
        except ArgumentError:
            return self.tr(
                "“{url}” is neither a file path nor a database URL (such as "
                "postgresql+psycopg://user@server/entitlements). Nothing was saved."
            ).format(url=url)
        del parsed  # a password in it is moved to the keyring by save_settings
        return None

    def save_smtp_password(self, password: str) -> None:
        """Into the keyring; without one, kept in memory for this session and said so."""
        try:
            self.host.secrets.set(SMTP_PASSWORD, password)
        except SecretsUnavailable as exc:
            session_secrets(self).set(SMTP_PASSWORD, password)
            self._set_password_status(
                self.tr("The SMTP password was not saved: {reason}.").format(reason=exc), True
            )
            return
        session_secrets(self).discard(SMTP_PASSWORD)
        self._set_password_status(self.tr("The SMTP password is saved in the system keyring."))

    def forget_smtp_password(self) -> None:
        self.host.secrets.delete(SMTP_PASSWORD)
        session_secrets(self).discard(SMTP_PASSWORD)
        self._set_password_status(self.tr("No SMTP password is saved."))

    def _show_password_state(self) -> None:
        if session_secrets(self).get(SMTP_PASSWORD) is not None:
            self._set_password_status(
                self.tr("The SMTP password is kept for this session only (no keyring)."), True
            )
        elif self.host.secrets.get(SMTP_PASSWORD) is not None:
            self._set_password_status(self.tr("The SMTP password is saved in the system keyring."))
        else:
            self._set_password_status(self.tr("No SMTP password is saved."))

    def _set_password_status(self, text: str, warning: bool = False) -> None:
        self.password_status.setText(text)
        self.password_status.setAccessibleName(text)
        self.password_status.setStyleSheet(WARNING_STYLE if warning else "")

    # About ------------------------------------------------------------------------------------

    def fill_about(self) -> None:
        from importlib.metadata import PackageNotFoundError, version

        from app.paths import app_paths
        from app.settings import settings_path

        try:
            app_version = version("entitlement-console")
        except PackageNotFoundError:
            app_version = self.tr("unknown (not installed as a package)")
        self.about["version"].setText(
            self.tr("Entitlement Console {version}").format(version=app_version)
        )
        self.about["runtime"].setText(
            self.tr("Python {python}, Qt {qt}, PySide6 {pyside}, {system}").format(
                python=platform.python_version(),
                qt=qVersion(),
                pyside=pyside_version,
                system=platform.platform(terse=True),
            )
        )
        paths = app_paths()
        self.about["data"].setText(str(paths.data))
        self.about["log"].setText(str(paths.log_file))
        self.about["settings"].setText(str(settings_path()))
        dashboard = self.dashboard
        if dashboard is None:
            self.about["trust"].setText(self.tr("(not loaded yet)"))
            self.about["database"].setText(self.tr("(not open)"))
            return
        source_words = {
            "vendor": self.tr("vendor"),
            "demo": self.tr("demo key, demo mode only"),
            "additional": self.tr("additional trust file"),
        }
        self.about["trust"].setText(
            "\n".join(
                f"{key.kid} ({source_words.get(key.source.value, key.source.value)})"
                for key in dashboard.trust_keys
            )
            or self.tr("none")
        )
        mode = self.tr(" (demo mode)") if dashboard.demo else ""
        self.about["database"].setText(dashboard.database + mode)

    def _open_data_folder(self) -> None:
        from app.paths import app_paths

        folder = app_paths().data
        if not self.host.open_url(QUrl.fromLocalFile(str(folder)).toString()):
            self.host.show_error(
                self.tr("The folder could not be opened"),
                self.tr("Open {folder} in the file manager.").format(folder=folder),
            )
