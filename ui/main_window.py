"""The main window: navigation, the license the pages follow, pages, status bar; loads data off
the GUI thread.

Its first paint shows the frame alone (navigation, license selector, menus, status bar), before
any heavy import and before the pages; `start()` then opens the database in the worker while the
overview is built, the other pages follow the data, and every refresh asks `load_dashboard` in
the worker. Pages never touch the database: they hand work to `run_action`, whose result comes
back on the GUI thread.

Longer than most modules (about 570 lines) on purpose: it is the one `Host` every page calls
(actions and tasks, errors, navigation, the license selector, import and demo), so that pages
see one interface; its menus and its geometry live beside it (`ui.menus`, `ui.window_geometry`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6 import QtCore
from PySide6.QtCore import QObject, QRect, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from app.errors import UserError
from ui.pages.base import Page, PageName
from ui.tasks import Operations, while_alive
from ui.window_geometry import DEFAULT_SIZE, MINIMUM_SIZE

# Qt types used only after the first paint (dialogs, the tray, links, events) are imported where
# used: each costs 1 to 3 ms to load, before the first paint otherwise (P1b).
if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QShowEvent
    from PySide6.QtWidgets import QMessageBox, QSystemTrayIcon

    from app.console import Console
    from app.dashboard import Dashboard
    from app.requests.model import RequestKind
    from app.secrets import SecretStore
    from app.settings import Settings
    from ui.pages.license import LicensePage

T = TypeVar("T")

PAGE_ORDER = tuple(PageName)
"""The pages in navigation order."""
__all__ = ["DEFAULT_SIZE", "MINIMUM_SIZE", "PAGE_ORDER", "MainWindow"]


def _page_class(name: PageName) -> type[Page]:
    """The page classes, imported when first needed: a page module brings the wording and the
    application's types (and through them SQLAlchemy, about 150 ms), which would otherwise
    delay the first paint (P1b: 1.24x its floor with this, 2.0x without)."""
    match name:
        case PageName.OVERVIEW:
            from ui.pages.overview import OverviewPage

            return OverviewPage
        case PageName.LICENSE:
            from ui.pages.license import LicensePage

            return LicensePage
        case PageName.TICKETS:
            from ui.pages.tickets import TicketsPage

            return TicketsPage
        case PageName.UPGRADES:
            from ui.pages.upgrades import UpgradesPage

            return UpgradesPage
        case PageName.REQUESTS:
            from ui.pages.requests import RequestsPage

            return RequestsPage
        case PageName.SETTINGS:
            from ui.pages.settings import SettingsPage

            return SettingsPage


class MainWindow(QMainWindow):
    ready = Signal()
    """Emitted once, when the overview first shows its data (or the start-up error)."""
    refreshed = Signal()
    """Emitted after every dashboard shown."""
    selection_changed = Signal(object)
    """The license the pages follow changed (its id, or None for all)."""

    def __init__(
        self,
        open_console: Callable[[], Console],
        settings: Settings,
        secrets: SecretStore,
        state_file: Path,
        today: Callable[[], date] = date.today,
        open_demo: Callable[[], Console] | None = None,
    ) -> None:
        """`open_console` and `open_demo` (the demo database, for the welcome's "Try the demo")
        run on the worker; `today` is the day the window evaluates (`--as-of`)."""
        super().__init__()
        self.settings = settings
        self.secrets = secrets
        self._open_console = open_console
        self._open_demo = open_demo
        self._today = today
        self._state_file = state_file
        self.console: Console | None = None
        self.dashboard: Dashboard | None = None
        self.last_error: str | None = None
        self._selected: str | None = None
        self._ready_sent = False
        self._shortcuts_added = False
        self._pages: dict[PageName, Page] = {}
        self.operations = Operations(self)
        self.tray: QSystemTrayIcon | None = None

        self.setWindowTitle(self.tr("Entitlement Console"))
        from resources import resource_path

        self.setWindowIcon(QIcon(str(resource_path("icons", "app.svg"))))
        self.setMinimumSize(MINIMUM_SIZE)  # bounded to the screen by _restore_geometry
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
        self._placeholder: QLabel | None = QLabel(self.tr("Loading…"))
        self.stack.addWidget(self._placeholder)
        for name in PAGE_ORDER:
            self.navigation.addItem(self.page_title(name))
        self.navigation.setCurrentRow(0)
        self.navigation.currentRowChanged.connect(self._show_row)

        self._build_license_bar()
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
        self.operations.busy_changed.connect(self.busy.setVisible)
        self._build_menu()
        self._restore_geometry()
        from ui.theme import follow_focus

        follow_focus(self)

    def page_title(self, name: PageName) -> str:
        return {
            PageName.OVERVIEW: self.tr("Overview"),
            PageName.LICENSE: self.tr("Licenses"),
            PageName.TICKETS: self.tr("Tickets"),
            PageName.UPGRADES: self.tr("Upgrades"),
            PageName.REQUESTS: self.tr("Requests"),
            PageName.SETTINGS: self.tr("Settings"),
        }[name]

    # The license the pages follow -----------------------------------------------------------

    def _build_license_bar(self) -> None:
        bar = QToolBar(self.tr("License"))
        bar.setObjectName("license-bar")
        bar.setMovable(False)
        caption = QLabel(self.tr("&License:"))
        self.license_selector = QComboBox()
        self.license_selector.setObjectName("license-selector")
        self.license_selector.setAccessibleName(self.tr("License the pages show"))
        self.license_selector.setMinimumContentsLength(28)
        self.license_selector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.license_selector.addItem(self.tr("All licenses"), None)
        self.license_selector.currentIndexChanged.connect(self._selector_changed)
        caption.setBuddy(self.license_selector)
        bar.addWidget(caption)
        bar.addWidget(self.license_selector)
        self.addToolBar(bar)

    @property
    def selected_license(self) -> str | None:
        return self._selected

    def select_license(self, license_id: str | None) -> None:
        index = self.license_selector.findData(license_id)
        self.license_selector.setCurrentIndex(max(index, 0))

    def _selector_changed(self, index: int) -> None:
        selected = self.license_selector.itemData(index)
        if selected == self._selected:
            return
        self._selected = selected
        if self.dashboard is not None:
            for page in self._pages.values():
                page.show_dashboard(self.dashboard)
        self.selection_changed.emit(selected)

    def _fill_selector(self, dashboard: Dashboard) -> None:
        from ui.wording import license_title

        wanted = self._selected
        self.license_selector.blockSignals(True)
        self.license_selector.clear()
        self.license_selector.addItem(self.tr("All licenses"), None)
        for standing in dashboard.status.licenses:
            self.license_selector.addItem(license_title(standing), standing.license_id)
        index = self.license_selector.findData(wanted)
        self.license_selector.setCurrentIndex(max(index, 0))
        self._selected = self.license_selector.currentData()
        self.license_selector.blockSignals(False)

    # Pages ----------------------------------------------------------------------------------

    @property
    def pages(self) -> dict[PageName, Page]:
        """Every page by name, in navigation order (building the ones not built yet)."""
        self._build_pages(PAGE_ORDER)
        return self._pages

    def page(self, name: PageName) -> Page:
        self._build_pages((name,))
        return self._pages[name]

    def _build_pages(self, names: tuple[PageName, ...]) -> None:
        missing = [name for name in names if name not in self._pages]
        if not missing:
            return
        for name in missing:
            page = _page_class(name)(self)
            self.stack.addWidget(page)
            self._pages[name] = page
            if self.dashboard is not None:
                page.show_dashboard(self.dashboard)
        self._pages = {name: self._pages[name] for name in PAGE_ORDER if name in self._pages}
        if self._placeholder is not None:
            self.stack.removeWidget(self._placeholder)
            self._placeholder.deleteLater()
            self._placeholder = None
        self._show_row(self.navigation.currentRow())

    def _show_row(self, row: int) -> None:
        self.stack.setCurrentWidget(self.page(PAGE_ORDER[max(row, 0)]))

    def show_page(self, name: PageName) -> None:
        self.navigation.setCurrentRow(PAGE_ORDER.index(name))

    def step_page(self, step: int) -> None:
        """The next (1) or previous (-1) page, round the list."""
        self.navigation.setCurrentRow((self.navigation.currentRow() + step) % len(PAGE_ORDER))

    # Start-up and refresh -------------------------------------------------------------------

    def start(self) -> None:
        """Opens the console in the worker (heavy imports and migrations happen there) and,
        meanwhile, builds the overview."""
        self.operations.run(self._open_console, self._console_opened, self._start_failed)
        QTimer.singleShot(0, self, lambda: self._build_pages((PageName.OVERVIEW,)))

    def _console_opened(self, console: Console) -> None:
        self.console = console
        self.refresh()

    def _start_failed(self, error: BaseException) -> None:
        self.show_error(self.tr("The console could not start"), error, settings_page=True)
        self.where.setText(self.tr("Not connected: check the database in Settings"))
        self._announce_ready()

    def refresh(self) -> None:
        if self.console is None:
            return
        from app.dashboard import load_dashboard

        console, day = self.console, self._today()
        days, threshold = self.settings.reminder_days, self.settings.low_ticket_threshold
        self.operations.run(
            lambda: load_dashboard(console, day, days, threshold),
            self._show_dashboard,
            self._refresh_failed,
            key="dashboard",
        )

    def _refresh_failed(self, error: BaseException) -> None:
        self.show_error(self.tr("The data could not be loaded"), error)
        self._announce_ready()

    def present(self, dashboard: Dashboard) -> None:
        """Shows `dashboard` in the selector, every page built and the status bar (the
        screenshots show other dashboards through it too)."""
        from ui.wording import date_text

        self.dashboard = dashboard
        self._fill_selector(dashboard)
        for page in self._pages.values():
            page.show_dashboard(dashboard)
        mode = self.tr(" (demo mode)") if dashboard.demo else ""
        self.where.setText(
            self.tr("As of {day} · {database}{mode}").format(
                day=date_text(dashboard.as_of), database=dashboard.database, mode=mode
            )
        )
        # Adding a ticket needs a license to assign it to.
        self.add_ticket_action.setEnabled(bool(dashboard.status.licenses))

    def _show_dashboard(self, dashboard: Dashboard) -> None:
        self.present(dashboard)
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

    def _finish_after_ready(self) -> None:
        """The shortcuts and the other pages, unless the window is closing already (or not
        shown yet: then when it is shown)."""
        if self.isVisible():
            self._add_shortcuts()
            self._build_pages(PAGE_ORDER)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._ready_sent and not self._shortcuts_added:
            QTimer.singleShot(0, self, self._finish_after_ready)

    def tray_message(self, dashboard: Dashboard) -> str | None:
        """What the tray says at start-up: how many licenses need attention, and which."""
        from ui.help import tray_text

        return tray_text(dashboard)

    def _notify_tray(self, dashboard: Dashboard) -> None:
        from PySide6.QtWidgets import QSystemTrayIcon

        message = self.tray_message(dashboard)
        if message is None or not QSystemTrayIcon.isSystemTrayAvailable():
            return
        self.tray = QSystemTrayIcon(self.windowIcon(), self)
        self.tray.show()
        self.tray.showMessage(self.tr("Support & Maintenance"), message)

    # What pages ask for ---------------------------------------------------------------------

    def run_action(
        self,
        work: Callable[[Console], T],
        on_done: Callable[[T], None] | None = None,
        *,
        refresh: bool = True,
        key: str | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        context: QObject | None = None,
    ) -> None:
        console = self.console
        if console is None:
            self.show_error(self.tr("Not ready"), self.tr("The database is not open yet."))
            return
        answer = while_alive(context, on_done) if on_done is not None else None

        def done(result: T) -> None:
            if answer is not None:
                answer(result)
            if refresh:
                self.refresh()

        self.operations.run(
            lambda: work(console), done, self._failure(on_failure, context), key=key
        )

    def run_task(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        *,
        key: str | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        context: QObject | None = None,
    ) -> None:
        self.operations.run(
            work, while_alive(context, on_done), self._failure(on_failure, context), key=key
        )

    def _failure(
        self, on_failure: Callable[[BaseException], None] | None, context: QObject | None
    ) -> Callable[[BaseException], None]:
        """The caller's failure callback (skipped once `context` is gone), else the window's
        error dialog."""
        if on_failure is not None:
            return while_alive(context, on_failure)
        return lambda error: self.show_error(self.tr("The action failed"), error)

    def show_error(
        self, title: str, error: BaseException | str, settings_page: bool = False
    ) -> None:
        """A dialog that says what happened and what to do, as plain text (never HTML found in
        an error); tracebacks go to the log file only."""
        if isinstance(error, str | UserError):
            text = str(error)
        else:
            from app.logs import log_exception

            where = log_exception(title, error)
            text = self.tr("Something unexpected went wrong ({kind}); {where}.").format(
                kind=type(error).__name__, where=where
            )
        self.last_error = text
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        box.setObjectName("error-dialog")
        if settings_page:
            # The box must create the button: one passed in is deleted when this returns.
            to_settings = box.addButton(self.tr("Open Settings"), QMessageBox.ButtonRole.ActionRole)
            to_settings.clicked.connect(lambda: self.show_page(PageName.SETTINGS))
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def open_url(self, url: str) -> bool:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        return QDesktopServices.openUrl(QUrl(url))

    def save_settings(self, settings: Settings) -> None:
        from app.settings import save_settings

        self.settings = settings
        self.run_task(lambda: save_settings(settings), lambda _: None)

    # Menus, shortcuts, help -----------------------------------------------------------------

    def _build_menu(self) -> None:
        from ui.menus import build_menus

        self.menu_actions = build_menus(self, PAGE_ORDER)
        self.add_ticket_action = self.menu_actions.add_ticket
        self.guide_action = self.menu_actions.guide

    def _add_shortcuts(self) -> None:
        """After the data is shown: Qt's first shortcut sets up its key bindings (about 13 ms)."""
        self._shortcuts_added = True
        self.menu_actions.add_shortcuts()

    def _license_page(self) -> LicensePage:
        from ui.pages.license import LicensePage

        self.show_page(PageName.LICENSE)
        page = self.page(PageName.LICENSE)
        assert isinstance(page, LicensePage)
        return page

    def import_documents(self) -> None:
        self._license_page().choose_files()

    def import_paths(self, paths: Sequence[Path]) -> None:
        """Imports files (dropped on the welcome) through the Licenses page, which shows the
        outcome."""
        self._license_page().import_paths(list(paths))

    def open_request(self, kind: RequestKind, license_id: str | None) -> None:
        """The Requests page, following `license_id`, on the kind of request asked for."""
        from ui.pages.requests import RequestsPage

        if license_id is not None:
            self.select_license(license_id)
        self.show_page(PageName.REQUESTS)
        page = self.page(PageName.REQUESTS)
        assert isinstance(page, RequestsPage)
        page.begin_request(kind)

    def reload_trust(self) -> None:
        """Recomputes this run's trusted keys after Settings > Trusted keys changed the
        console's own file (in the worker, in order with every other use of the console),
        then refreshes."""
        from app.trust import reload_trust

        self.run_action(reload_trust)

    @property
    def can_try_demo(self) -> bool:
        return self._open_demo is not None and not (self.console is not None and self.console.demo)

    def try_demo(self) -> None:
        """Reopens the window on the demo database (the welcome's "Try the demo"): the demo
        console opens on the worker, after the current one closes there."""
        opener = self._open_demo
        if opener is None:
            return
        previous, self.console = self.console, None

        def reopen() -> Console:
            if previous is not None:
                previous.close()
            return opener()

        self.where.setText(self.tr("Opening the demo…"))
        self.operations.run(reopen, self._demo_opened, self._start_failed)

    def _demo_opened(self, console: Console) -> None:
        self.console = console
        self.setWindowTitle(self.tr("Entitlement Console (demo mode)"))
        self.select_license(None)
        self.refresh()

    def add_ticket(self) -> None:
        from ui.pages.tickets import TicketsPage

        self.show_page(PageName.TICKETS)
        page = self.page(PageName.TICKETS)
        assert isinstance(page, TicketsPage)
        page.add_ticket()

    def show_help(self) -> QWidget:
        """The user guide (F1), beside the window."""
        from ui.help import HelpDialog

        dialog = next((d for d in self.findChildren(HelpDialog) if d.isVisible()), None)
        if dialog is None:  # one guide at a time: F1 again brings it forward
            dialog = HelpDialog(self)
            dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def show_about(self) -> QMessageBox:
        """The About box: the version, the database and the licenses of this run."""
        from ui.help import about_box

        return about_box(self, self.dashboard)

    # Window geometry ------------------------------------------------------------------------

    def _available(self) -> QRect:
        """The current screen's available area, in logical pixels at the current scale."""
        screen = self.screen() or QApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, 1600, 1000)

    def _restore_geometry(self) -> None:
        from ui.window_geometry import restore_geometry

        restore_geometry(self, self._state_file, self._available())

    def save_geometry(self) -> None:
        """Saved only when the window is at least its minimum size (never a squeezed state)."""
        from ui.window_geometry import save_geometry

        save_geometry(self, self._state_file)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        self.operations.shutdown()
        if self.console is not None:
            self.console.close()
        super().closeEvent(event)
