"""The main window: navigation, pages, status bar; loads data off the GUI thread.

It shows itself before any heavy import; `start()` then opens the database in the worker, and
every refresh asks `load_dashboard` there too. Pages never touch the database directly: they
hand work to `run_action`, whose result comes back on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
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


PAGE_NAMES = ("overview", "license", "tickets", "upgrades", "requests", "settings")
"""The pages in navigation order; `Page.name` of each class `page_classes()` returns."""


def page_classes() -> list[type[Page]]:
    from ui.pages.license import LicensePage
    from ui.pages.overview import OverviewPage
    from ui.pages.requests import RequestsPage
    from ui.pages.settings import SettingsPage
    from ui.pages.tickets import TicketsPage
    from ui.pages.upgrades import UpgradesPage

    return [OverviewPage, LicensePage, TicketsPage, UpgradesPage, RequestsPage, SettingsPage]


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
        # Only the overview is built before the first paint; the other pages (about 70 ms of
        # imports and widgets) follow once the window shows, or as soon as anything asks.
        from ui.pages.overview import OverviewPage

        overview = OverviewPage(self)
        self._pages: dict[str, Page] = {overview.name: overview}
        self.stack.addWidget(overview)
        titles = {
            "overview": overview.title(),
            "license": self.tr("License"),
            "tickets": self.tr("Tickets"),
            "upgrades": self.tr("Upgrades"),
            "requests": self.tr("Requests"),
            "settings": self.tr("Settings"),
        }
        for name in PAGE_NAMES:
            item = QListWidgetItem(titles[name])
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._show_row)
        self.navigation.setCurrentRow(0)

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
        if len(self._pages) < len(PAGE_NAMES):
            for page_class in page_classes():
                if page_class.name not in self._pages:
                    page = page_class(self)
                    self._pages[page.name] = page
                    self.stack.addWidget(page)
                    if self.dashboard is not None:
                        page.show_dashboard(self.dashboard)
        return self._pages

    def _build_pages(self) -> None:
        self.pages  # noqa: B018 - the property builds them

    def _show_row(self, row: int) -> None:
        name = PAGE_NAMES[row]
        self.stack.setCurrentWidget(self._pages.get(name) or self.pages[name])

    # Start-up and refresh -------------------------------------------------------------------

    def start(self) -> None:
        """Opens the console in the worker (heavy imports and migrations happen there) and,
        meanwhile, builds the pages the first paint went without."""
        self.tasks.run(self._open_console, self._console_opened, self._start_failed)
        QTimer.singleShot(0, self, self._build_pages)

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
        for page in self.pages.values():
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
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
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
        import_action.setShortcut(QKeySequence.StandardKey.Open)
        import_action.triggered.connect(self._import_documents)
        refresh_action = QAction(self.tr("&Refresh"), self)
        refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh_action.triggered.connect(self.refresh)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        for action in (import_action, refresh_action, quit_action):
            file_menu.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About"), self)
        about.triggered.connect(lambda: self.show_page("settings"))
        help_menu.addAction(about)

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
