"""The main window: navigation, pages, status bar; loads data off the GUI thread.

Its first paint shows the frame alone (navigation, menus, status bar), before any heavy import
and before the pages; `start()` then opens the database in the worker while the overview is
built, the other pages follow the data, and every refresh asks `load_dashboard` in the worker.
Pages never touch the database directly: they hand work to `run_action`, whose result comes
back on the GUI thread.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

# Qt's enum namespace (QtCore.Qt) costs about 14 ms the first time it is touched, so this module
# reaches it through QtCore only where it is used, after the first paint.
from PySide6 import QtCore
from PySide6.QtCore import QSettings, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QSystemTrayIcon,
    QWidget,
)

from app.errors import UserError
from ui.pages.base import Page
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.dashboard import Dashboard
    from app.secrets import SecretStore
    from app.services import Console
    from app.settings import Settings


_PAGE_CLASSES = {
    "overview": ("ui.pages.overview", "OverviewPage"),
    "license": ("ui.pages.license", "LicensePage"),
    "tickets": ("ui.pages.tickets", "TicketsPage"),
    "upgrades": ("ui.pages.upgrades", "UpgradesPage"),
    "requests": ("ui.pages.requests", "RequestsPage"),
    "settings": ("ui.pages.settings", "SettingsPage"),
}
PAGE_NAMES = tuple(_PAGE_CLASSES)
"""The pages in navigation order; each class's `Page.name`."""


def page_classes(names: Sequence[str] = PAGE_NAMES) -> list[type[Page]]:
    """The classes of the pages named, importing only their modules."""
    return [
        cast("type[Page]", getattr(importlib.import_module(module), name))
        for module, name in (_PAGE_CLASSES[page] for page in names)
    ]


class MainWindow(QMainWindow):
    ready = Signal()
    """Emitted once, when the overview first shows its data (or the start-up error)."""
    refreshed = Signal()
    """Emitted after every dashboard shown."""

    def __init__(
        self,
        open_console: Callable[[], Console],
        settings: Settings,
        secrets: SecretStore,
        state_file: Path,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.secrets = secrets
        self._open_console = open_console
        self._today = today
        self._state_file = state_file
        self.console: Console | None = None
        self.dashboard: Dashboard | None = None
        self.last_error: str | None = None
        self._ready_sent = False
        self.tasks = TaskRunner(self)

        self.setWindowTitle(self.tr("Entitlement Console"))
        from resources import resource_path

        self.setWindowIcon(QIcon(str(resource_path("icons", "app.svg"))))
        central = QWidget()
        layout = QHBoxLayout(central)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Pages"))
        self.navigation.setMaximumWidth(180)
        self.stack = QStackedWidget()
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        # The first paint shows this frame only: the pages (about 90 ms of imports and widgets,
        # with Qt's enum namespace) are built right after it, or as soon as anything asks.
        self._pages: dict[str, Page] = {}
        self._placeholder: QLabel | None = QLabel(self.tr("Loading…"))
        self.stack.addWidget(self._placeholder)
        titles = {
            "overview": self.tr("Overview"),
            "license": self.tr("License"),
            "tickets": self.tr("Tickets"),
            "upgrades": self.tr("Upgrades"),
            "requests": self.tr("Requests"),
            "settings": self.tr("Settings"),
        }
        for name in PAGE_NAMES:
            self.navigation.addItem(titles[name])
        self.navigation.setCurrentRow(0)
        self.navigation.currentRowChanged.connect(self._show_row)

        self.busy = QProgressBar()
        self.busy.setObjectName("busy")
        self.busy.setAccessibleName(self.tr("Working"))
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.hide()
        self.where = QLabel(self.tr("Loading…"))
        self.where.setObjectName("where")
        self.statusBar().addWidget(self.where, 1)
        self.statusBar().addPermanentWidget(self.busy)
        self.tasks.busy_changed.connect(self.busy.setVisible)
        self._build_menu()
        self._restore_geometry()

    @property
    def pages(self) -> dict[str, Page]:
        """Every page by name, in navigation order (building the ones not built yet)."""
        self._build_pages(PAGE_NAMES)
        return self._pages

    def _build_pages(self, names: Sequence[str]) -> None:
        """Builds the pages named that do not exist yet; the dict keeps navigation order."""
        missing = [name for name in names if name not in self._pages]
        if not missing:
            return
        built = {page_class.name: page_class(self) for page_class in page_classes(missing)}
        for page in built.values():
            self.stack.addWidget(page)
            if self.dashboard is not None:
                page.show_dashboard(self.dashboard)
        self._pages = {
            name: self._pages[name] if name in self._pages else built[name]
            for name in PAGE_NAMES
            if name in self._pages or name in built
        }
        if self._placeholder is not None:
            self.stack.removeWidget(self._placeholder)
            self._placeholder.deleteLater()
            self._placeholder = None
        self._show_row(self.navigation.currentRow())

    def _finish_after_first_paint(self) -> None:
        """The overview. The rest waits until the data is shown, so as not to delay it: the
        worker needs the interpreter meanwhile."""
        self._build_pages(["overview"])

    def _finish_after_ready(self) -> None:
        """The shortcuts and the other pages, unless the window is closing already
        (--quit-when-ready, --screenshots)."""
        if self.isVisible():
            self._add_shortcuts()
            self._build_pages(PAGE_NAMES)

    def _show_row(self, row: int) -> None:
        name = PAGE_NAMES[max(row, 0)]
        self.stack.setCurrentWidget(self._pages[name] if name in self._pages else self.pages[name])

    # Start-up and refresh -------------------------------------------------------------------

    def start(self) -> None:
        """Opens the console in the worker (heavy imports and migrations happen there) and,
        meanwhile, adds what the first paint went without."""
        self.tasks.run(self._open_console, self._console_opened, self._start_failed)
        QTimer.singleShot(0, self, self._finish_after_first_paint)

    def _console_opened(self, console: Console) -> None:
        self.console = console
        self.refresh()

    def _start_failed(self, error: BaseException) -> None:
        self.show_error(self.tr("The console could not start"), error)
        self.where.setText(self.tr("Not connected"))
        self._announce_ready()

    def refresh(self) -> None:
        if self.console is None:
            return
        from app.dashboard import load_dashboard

        console, day = self.console, self._today()
        days, threshold = self.settings.reminder_days, self.settings.low_ticket_threshold
        self.tasks.run(
            lambda: load_dashboard(console, day, days, threshold),
            self._show_dashboard,
            self._refresh_failed,
        )

    def _refresh_failed(self, error: BaseException) -> None:
        self.show_error(self.tr("The data could not be loaded"), error)
        self._announce_ready()

    def _show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        for page in self._pages.values():
            page.show_dashboard(dashboard)
        mode = self.tr(" (demo mode)") if dashboard.demo else ""
        self.where.setText(
            self.tr("As of {day} · {database}{mode}").format(
                day=dashboard.as_of.isoformat(), database=dashboard.database, mode=mode
            )
        )
        first = not self._ready_sent
        self._announce_ready()
        if first:
            self._notify_tray(dashboard)
        self.refreshed.emit()

    def _announce_ready(self) -> None:
        if not self._ready_sent:
            self._ready_sent = True
            self.ready.emit()
            QTimer.singleShot(0, self, self._finish_after_ready)

    def _notify_tray(self, dashboard: Dashboard) -> None:
        """At start-up, in the reminder window or after expiry, a tray notification where one exists."""
        from licensing.rules import SmState
        from ui.wording import reminder_text, warning_text

        sm = dashboard.status.sm
        alerting = (SmState.RENEWAL_DUE, SmState.EXPIRED, SmState.LAPSED)
        messages = [
            warning_text(w)
            for w in dashboard.status.warnings
            if sm is not None and sm.state in alerting and w.code.value == sm.state.value
        ]
        messages += [reminder_text(r) for r in dashboard.reminders if r.code == "renewal_reminder"]
        if not messages or not QSystemTrayIcon.isSystemTrayAvailable():
            return
        self.tray = QSystemTrayIcon(self.windowIcon(), self)
        self.tray.show()
        self.tray.showMessage(self.tr("Support & Maintenance"), messages[0])

    # What pages ask for ---------------------------------------------------------------------

    def run_action(
        self,
        work: Callable[[Console], Any],
        on_done: Callable[[Any], None] | None = None,
        refresh: bool = True,
    ) -> None:
        console = self.console
        if console is None:
            self.show_error(self.tr("Not ready"), self.tr("The database is not open yet."))
            return

        def done(result: Any) -> None:
            if on_done is not None:
                on_done(result)
            if refresh:
                self.refresh()

        self.tasks.run(
            lambda: work(console), done, lambda e: self.show_error(self.tr("That did not work"), e)
        )

    def show_error(self, title: str, error: BaseException | str) -> None:
        """A dialog that says what happened and what to do; tracebacks go to the log file only."""
        if isinstance(error, str | UserError):
            text = str(error)
        else:
            from app.logs import log_exception

            where = log_exception(title, error)
            text = self.tr("Something unexpected went wrong ({kind}); {where}.").format(
                kind=type(error).__name__, where=where
            )
        self.last_error = text
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_page(self, name: str) -> None:
        self.navigation.setCurrentRow(PAGE_NAMES.index(name))

    def open_url(self, url: str) -> bool:
        return QDesktopServices.openUrl(QUrl(url))

    def save_settings(self, settings: Settings) -> None:
        from app.settings import save_settings

        save_settings(settings)
        self.settings = settings

    # Window ---------------------------------------------------------------------------------

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        import_action = QAction(self.tr("&Import documents…"), self)
        import_action.triggered.connect(self._import_documents)
        refresh_action = QAction(self.tr("&Refresh"), self)
        refresh_action.triggered.connect(self.refresh)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.triggered.connect(self.close)
        for action in (import_action, refresh_action, quit_action):
            file_menu.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About"), self)
        about.triggered.connect(lambda: self.show_page("settings"))
        help_menu.addAction(about)
        self._shortcuts = [
            (import_action, QKeySequence.StandardKey.Open),
            (refresh_action, QKeySequence.StandardKey.Refresh),
            (quit_action, QKeySequence.StandardKey.Quit),
        ]

    def _add_shortcuts(self) -> None:
        """After the data is shown: Qt's first shortcut sets up its key bindings (about 13 ms).
        Every binding the platform has; Ctrl+Q to quit where it has none (Windows, some Linux
        desktops)."""
        for action, key in self._shortcuts:
            bindings = QKeySequence.keyBindings(key)
            if not bindings and key is QKeySequence.StandardKey.Quit:
                bindings = [QKeySequence("Ctrl+Q")]
            action.setShortcuts(bindings)

    def _import_documents(self) -> None:
        self.show_page("license")
        page = self.pages["license"]
        chooser = getattr(page, "choose_files", None)
        if callable(chooser):
            chooser()

    def _restore_geometry(self) -> None:
        state = QSettings(str(self._state_file), QSettings.Format.IniFormat)
        geometry = state.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 760)

    def closeEvent(self, event: QCloseEvent) -> None:
        state = QSettings(str(self._state_file), QSettings.Format.IniFormat)
        state.setValue("geometry", self.saveGeometry())
        state.sync()
        self.tasks.shutdown()
        if self.console is not None:
            self.console.database.dispose()
        super().closeEvent(event)

    def save_screenshots(self, folder: Path) -> list[Path]:
        """Renders every page to a PNG (for the README and for review)."""
        folder.mkdir(parents=True, exist_ok=True)
        saved = []
        for index, (name, page) in enumerate(self.pages.items()):
            self.stack.setCurrentWidget(page)
            self.navigation.setCurrentRow(index)
            QApplication.processEvents()
            path = folder / f"{index + 1:02d}-{name}.png"
            self.grab().save(str(path))
            saved.append(path)
        return saved
