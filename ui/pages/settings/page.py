"""Settings: the database, SMTP (its password only in the OS keyring), reminders, the trusted keys,
the clock, and About.

Settings are the typed `app.settings.Settings`, with their bounds declared there; the form keeps
to them and checks them again before saving. Every file and keyring access runs off the GUI
thread (`host.run_task`): saving the settings, the SMTP password (`host.secrets`), reading the
settings file's problems for the notice at the top. Without a keyring the password is kept in
memory for this window's life (`SessionSecrets`) and never written anywhere.

About 520 lines: the form of every setting in one page; the sections with behaviour of their own
(trusted keys, the clock, About, saving) are the modules beside it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
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
    QScrollArea,
    QSpinBox,
    QWidget,
)

from app.secrets import SMTP_PASSWORD
from app.settings import (
    INTEGER_RANGES,
    TEXT_LIMITS,
    LoadedSettings,
    Settings,
    SettingsFileProblem,
    SmtpSecurity,
    read_settings,
    settings_problems,
    split_password,
)
from ui.pages.base import Host, Page, PageName
from ui.pages.settings.about import AboutSection
from ui.pages.settings.clock import ClockSection
from ui.pages.settings.saving import (
    Saved,
    forget_smtp_password,
    session_secrets,
    smtp_password_saved,
    store_settings,
)
from ui.pages.settings.trusted_keys import TrustedKeysSection
from ui.theme import Tone, apply_text_tone

if TYPE_CHECKING:
    from app.dashboard import Dashboard

SECURITY_PORTS = {SmtpSecurity.STARTTLS: 587, SmtpSecurity.SSL: 465, SmtpSecurity.NONE: 25}


def database_url_from(text: str) -> str:
    """A SQLAlchemy URL as typed, or a file path turned into a SQLite URL; empty: the default."""
    from app.paths import sqlite_url

    text = text.strip()
    if not text or "://" in text:
        return text
    return sqlite_url(Path(text).expanduser())


class SettingsPage(Page):
    name = PageName.SETTINGS

    saved = Signal()
    """Emitted once a save finished (whether or not the keyring kept the passwords)."""
    password_state_shown = Signal()

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.dashboard: Dashboard | None = None
        self.database_dialog: QFileDialog | None = None
        layout = self.scrolled_layout()
        self.notice = QLabel()
        self.notice.setObjectName("settings-notice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.addWidget(self.notice)
        self.clock = ClockSection(host)  # first: when it shows, it is what matters most here
        layout.addWidget(self.clock)
        layout.addWidget(self._build_database())
        layout.addWidget(self._build_smtp())
        layout.addWidget(self._build_reminders())
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save settings"))
        self.save_button.setObjectName("settings-save")
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
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)
        self.trusted_keys = TrustedKeysSection(host)
        layout.addWidget(self.trusted_keys)
        self.about_section = AboutSection(host)
        layout.addWidget(self.about_section)
        layout.addStretch(1)
        self.load()
        self.host.run_task(read_settings, self._show_notice, key="settings-notice")
        self._password_checked = False

    def showEvent(self, event: QShowEvent) -> None:
        """The keyring is asked about the SMTP password when the page is first shown: loading
        its backends costs about 21 MiB, which a window that never opens Settings spares (P6)."""
        super().showEvent(event)
        if not self._password_checked:
            self._password_checked = True
            self._check_password()

    # Building -----------------------------------------------------------------------------

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
            (self.tr("STARTTLS (usually port 587)"), SmtpSecurity.STARTTLS),
            (self.tr("SSL/TLS (usually port 465)"), SmtpSecurity.SSL),
            (self.tr("None (unencrypted, local relays only)"), SmtpSecurity.NONE),
        ):
            self.smtp_security.addItem(text, value.value)
        self.smtp_security.currentIndexChanged.connect(self._security_changed)
        form.addRow(self._caption(self.tr("Sec&urity:"), self.smtp_security), self.smtp_security)
        self.smtp_port = self._spin("settings-smtp-port", self.tr("SMTP port"), "smtp_port")
        form.addRow(self._caption(self.tr("&Port:"), self.smtp_port), self.smtp_port)
        self.smtp_username = self._line("settings-smtp-username", self.tr("SMTP user name"))
        self.smtp_username.setPlaceholderText(self.tr("empty: the server needs no sign-in"))
        form.addRow(self._caption(self.tr("User &name:"), self.smtp_username), self.smtp_username)
        self.smtp_password = QLineEdit()
        self.smtp_password.setObjectName("settings-smtp-password")
        self.smtp_password.setAccessibleName(self.tr("SMTP password"))
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
        self.password_status = QLabel(self.tr("Checking the system keyring…"))
        self.password_status.setObjectName("settings-password-status")
        self.password_status.setWordWrap(True)
        self.password_status.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.password_status)
        self.smtp_sender = self._line("settings-smtp-sender", self.tr("Sender e-mail address"))
        self.smtp_sender.setPlaceholderText(self.tr("empty: the user name"))
        form.addRow(self._caption(self.tr("S&ender:"), self.smtp_sender), self.smtp_sender)
        return box

    def _build_reminders(self) -> QGroupBox:
        box = QGroupBox(self.tr("Reminders"))
        form = QFormLayout(box)
        self.reminder_days = self._spin(
            "settings-reminder-days",
            self.tr("Days before the S&M expiry to remind"),
            "reminder_days",
        )
        form.addRow(
            self._caption(self.tr("Days before e&xpiry to remind:"), self.reminder_days),
            self.reminder_days,
        )
        self.low_ticket_threshold = self._spin(
            "settings-low-tickets",
            self.tr("Warn when this many tickets or fewer are left"),
            "low_ticket_threshold",
        )
        form.addRow(
            self._caption(
                self.tr("Warn when tickets &left are at most:"), self.low_ticket_threshold
            ),
            self.low_ticket_threshold,
        )
        return box

    def _caption(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _line(self, name: str, accessible: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setAccessibleName(accessible)
        field = name.removeprefix("settings-").replace("-", "_")
        line.setMaxLength(TEXT_LIMITS.get(field, TEXT_LIMITS["database_url"]))
        return line

    def _spin(self, name: str, accessible: str, field: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setAccessibleName(accessible)
        spin.setRange(*INTEGER_RANGES[field])  # the bounds are the settings' own
        spin.setMaximumWidth(160)
        return spin

    def field_label(self, name: str) -> str:
        """A setting's name in words, as the form shows it."""
        return {
            "database_url": self.tr("Database"),
            "smtp_host": self.tr("SMTP server"),
            "smtp_port": self.tr("SMTP port"),
            "smtp_security": self.tr("SMTP security"),
            "smtp_username": self.tr("SMTP user name"),
            "smtp_sender": self.tr("Sender"),
            "reminder_days": self.tr("Remind before expiry"),
            "low_ticket_threshold": self.tr("Warn at low tickets"),
            "contact_name": self.tr("Contact name"),
            "contact_email": self.tr("Contact e-mail"),
            "contact_phone": self.tr("Contact phone"),
        }.get(name, name)

    # Page ---------------------------------------------------------------------------------

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        self.about_section.show_database(dashboard.database, dashboard.demo)
        self.trusted_keys.show_keys(dashboard)
        self.clock.show_clock(dashboard)

    def trust_signer(self, kid: str | None) -> None:
        """Scrolls to Trusted keys and starts adding the trust file of the key `kid` (the one
        that signed a document this console refused)."""
        scroll = self.findChild(QScrollArea)
        if scroll is not None:
            scroll.ensureWidgetVisible(self.trusted_keys)
        self.trusted_keys.trust_signer(kid)

    def load(self) -> None:
        """Shows the settings in use (also: undoes changes not saved yet)."""
        settings = self.host.settings
        self.database.setText(settings.database_url)
        index = self.smtp_security.findData(str(settings.smtp_security))
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

    def _show_notice(self, loaded: LoadedSettings) -> None:
        """One line at the top when the settings file had something this console cannot use."""
        reasons = {
            SettingsFileProblem.UNREADABLE: self.tr("could not be read"),
            SettingsFileProblem.TOO_LARGE: self.tr("is larger than 1 MiB"),
            SettingsFileProblem.NOT_JSON: self.tr("is not valid JSON"),
            SettingsFileProblem.NOT_AN_OBJECT: self.tr("does not hold settings"),
        }
        if loaded.file_problem is not None:
            text = self.tr(
                "The settings file {reason}: every setting is at its default until you save."
            ).format(reason=reasons[loaded.file_problem])
        elif loaded.reset_fields:
            text = self.tr(
                "Some saved settings were not usable and are at their defaults until you save: "
                "{fields}."
            ).format(fields=", ".join(self.field_label(name) for name in loaded.reset_fields))
        else:
            text = ""
        self.notice.setText(text)
        self.notice.setAccessibleName(text)
        self.notice.setVisible(bool(text))
        apply_text_tone(self.notice, Tone.WARNING)

    def _security_changed(self) -> None:
        """Moves the port along with the security, unless it was set to something unusual."""
        if self.smtp_port.value() in SECURITY_PORTS.values():
            self.smtp_port.setValue(SECURITY_PORTS[SmtpSecurity(self.smtp_security.currentData())])

    def choose_database_file(self) -> None:
        """A file dialog that does not block; the chosen path fills the database field."""
        from app.paths import app_paths

        dialog = QFileDialog(self, self.tr("SQLite database file"), str(app_paths().data))
        dialog.setObjectName("database-dialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite)
        dialog.setNameFilters(
            [self.tr("SQLite databases (*.sqlite3 *.sqlite *.db)"), self.tr("All files (*)")]
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.database.setText)
        dialog.destroyed.connect(lambda: setattr(self, "database_dialog", None))
        self.database_dialog = dialog
        dialog.open()

    # Saving -------------------------------------------------------------------------------

    def edited_settings(self) -> Settings:
        """The settings as shown; fields this page does not show (contact details) are kept."""
        return dataclasses.replace(
            self.host.settings,
            database_url=database_url_from(self.database.text()),
            smtp_host=self.smtp_host.text().strip(),
            smtp_port=self.smtp_port.value(),
            smtp_security=SmtpSecurity(self.smtp_security.currentData()),
            smtp_username=self.smtp_username.text().strip(),
            smtp_sender=self.smtp_sender.text().strip(),
            reminder_days=self.reminder_days.value(),
            low_ticket_threshold=self.low_ticket_threshold.value(),
        )

    def form_problem(self, settings: Settings) -> tuple[str, QWidget | None] | None:
        """The first value that cannot be saved, in words, and its field."""
        problem = self._database_problem(settings.database_url)
        if problem is not None:
            return problem, self.database
        fields: dict[str, QWidget] = {
            "database_url": self.database,
            "smtp_host": self.smtp_host,
            "smtp_port": self.smtp_port,
            "smtp_security": self.smtp_security,
            "smtp_username": self.smtp_username,
            "smtp_sender": self.smtp_sender,
            "reminder_days": self.reminder_days,
            "low_ticket_threshold": self.low_ticket_threshold,
        }
        for name in settings_problems(settings):
            label = self.field_label(name)
            if name in INTEGER_RANGES:
                low, high = INTEGER_RANGES[name]
                text = self.tr("{field} must be from {low} to {high}.").format(
                    field=label, low=low, high=high
                )
            elif name == "smtp_security":
                text = self.tr("{field} must be one of the choices offered.").format(field=label)
            else:
                text = self.tr(
                    "{field} must be one line (no control characters) of at most {count} "
                    "characters."
                ).format(field=label, count=TEXT_LIMITS[name])
            return text + " " + self.tr("Nothing was saved."), fields.get(name)
        return None

    def _database_problem(self, url: str) -> str | None:
        if not url:
            return None
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            make_url(url)
        except (ArgumentError, ValueError):
            return self.tr(
                "“{url}” is neither a file path nor a database URL (such as "
                "postgresql+psycopg://user@server/entitlements). Nothing was saved."
            ).format(url=url[:200])
        return None

    def save(self) -> None:
        """Checks the form, then saves off the GUI thread: the settings file (without any
        password) and a newly typed SMTP password in the keyring only. The settings apply at
        once; `saved` is emitted when the writing is done."""
        settings = self.edited_settings()
        problem = self.form_problem(settings)
        if problem is not None:
            text, field = problem
            self._say(text, Tone.CRITICAL)
            if field is not None:
                field.setFocus()
            return
        previous = self.host.settings
        password = self.smtp_password.text()
        self.smtp_password.clear()
        self.host.settings = settings
        self._say(self.tr("Saving…"), Tone.NEUTRAL)
        secrets = self.host.secrets
        self.host.run_task(
            lambda: store_settings(settings, password, secrets),
            lambda saved: self._saved(saved, settings, previous, password),
            key="settings-save",
            on_failure=self._save_failed,
        )

    def _saved(self, saved: Saved, settings: Settings, previous: Settings, password: str) -> None:
        self.database.setText(split_password(settings.database_url)[0])
        lines = [self.tr("Settings saved.")]
        warn = False
        if saved.database_password and saved.database_problem is None:
            lines.append(self.tr("The database password is in the system keyring."))
        if settings.database_url != previous.database_url:
            lines.append(self.tr("The database setting takes effect at the next start."))
        if saved.database_problem is not None:
            warn = True
            lines.append(
                self.tr(
                    "The database password was not saved: {reason}. Use a PGPASSFILE instead."
                ).format(reason=saved.database_problem)
            )
        self._say(" ".join(lines), Tone.WARNING if warn else Tone.OK)
        self.notice.hide()  # the file now holds what the form shows
        if saved.smtp_password:
            if saved.smtp_problem is not None:
                session_secrets(self).set(SMTP_PASSWORD, password)
                self._password_status(
                    self.tr("The SMTP password was not saved: {reason}.").format(
                        reason=saved.smtp_problem
                    ),
                    warning=True,
                )
            else:
                session_secrets(self).discard(SMTP_PASSWORD)
                self._password_status(self.tr("The SMTP password is saved in the system keyring."))
        self.saved.emit()

    def _save_failed(self, error: BaseException) -> None:
        from app.errors import UserError

        if not isinstance(error, UserError):
            self.host.show_error(self.tr("The settings were not saved"), error)
        reason = str(error) if isinstance(error, UserError) else type(error).__name__
        self._say(
            self.tr(
                "The settings were not saved ({reason}); they apply to this session only."
            ).format(reason=reason),
            Tone.CRITICAL,
        )
        self.saved.emit()

    def _say(self, text: str, tone: Tone) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text)
        apply_text_tone(self.status, tone)

    # The SMTP password --------------------------------------------------------------------

    def _check_password(self) -> None:
        if session_secrets(self).get(SMTP_PASSWORD) is not None:
            self._password_status(
                self.tr("The SMTP password is kept for this session only (no keyring)."),
                warning=True,
            )
            return
        secrets = self.host.secrets
        self.host.run_task(
            lambda: smtp_password_saved(secrets),
            self._password_known,
            key="smtp-password-state",
            on_failure=lambda _error: self._password_known(False),
        )

    def _password_known(self, saved: bool) -> None:
        if saved:
            self._password_status(self.tr("The SMTP password is saved in the system keyring."))
        else:
            self._password_status(self.tr("No SMTP password is saved."))

    def forget_smtp_password(self) -> None:
        session_secrets(self).discard(SMTP_PASSWORD)
        secrets = self.host.secrets
        self.host.run_task(
            lambda: forget_smtp_password(secrets),
            lambda _: self._password_known(False),
            key="smtp-password-state",
        )

    def _password_status(self, text: str, warning: bool = False) -> None:
        self.password_status.setText(text)
        self.password_status.setAccessibleName(text)
        apply_text_tone(self.password_status, Tone.WARNING if warning else Tone.NEUTRAL)
        self.password_state_shown.emit()
