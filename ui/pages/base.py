"""What every page shares: the host (the main window as pages see it), the page names, and the
license the pages follow ("All", or one license of the portfolio)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from collections.abc import Sequence

    from app.console import Console
    from app.dashboard import Dashboard
    from app.requests.model import RequestKind
    from app.secrets import SecretStore
    from app.settings import Settings

T = TypeVar("T")


class PageName(StrEnum):
    OVERVIEW = "overview"
    LICENSE = "license"
    TICKETS = "tickets"
    UPGRADES = "upgrades"
    REQUESTS = "requests"
    SETTINGS = "settings"


class Host(Protocol):
    """The main window, as pages see it."""

    settings: Settings
    secrets: SecretStore

    @property
    def selected_license(self) -> str | None:
        """The license the Tickets, Upgrades and Requests pages follow; None for "All"."""

    def select_license(self, license_id: str | None) -> None:
        """Makes every page follow `license_id` (None: all licenses)."""

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
        """Runs `work(console)` off the GUI thread; then `on_done(result)`, then a refresh.

        With `key`, only the latest request of that key answers. A failure goes to
        `on_failure`, or is shown as a dialog (a `UserError` in its own words; anything else
        logged). With `context` (a dialog), `on_done` and `on_failure` are skipped once it is
        destroyed; the refresh still happens."""

    def run_task(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        *,
        key: str | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        context: QObject | None = None,
    ) -> None:
        """Runs `work()` off the GUI thread without the database (the keyring, files);
        `key`, `on_failure` and `context` as for `run_action`."""

    def show_error(
        self, title: str, error: BaseException | str, settings_page: bool = False
    ) -> None:
        """A dialog in plain text; with `settings_page`, a button that opens Settings."""

    def show_page(self, name: PageName) -> None: ...

    def page(self, name: PageName) -> Page:
        """The page `name` (built when first asked for)."""

    def reload_trust(self) -> None:
        """Computes the run's trusted keys again (after Settings > Trusted keys changed them)."""

    def import_paths(self, paths: Sequence[Path]) -> None:
        """Imports document files through the Licenses page, which shows the outcome."""

    def import_documents(self) -> None:
        """Asks for document files to import (File > Import)."""

    @property
    def can_try_demo(self) -> bool:
        """Whether `try_demo` can open the demo (not when the demo is open already)."""

    def try_demo(self) -> None:
        """Reopens the window on the demo portfolio."""

    def open_request(self, kind: RequestKind, license_id: str | None) -> None:
        """The Requests page, on the form of `kind`, following `license_id`."""

    def open_url(self, url: str) -> bool: ...

    def save_settings(self, settings: Settings) -> None:
        """Saves off the GUI thread; the settings apply at once."""


def scrolled(widget: QWidget) -> QScrollArea:
    """`widget` inside a frameless scroll area, so small screens reach everything."""
    # Imported here, when pages are built after the first paint: Qt's enum namespace costs
    # about 18 ms the first time it is touched (P1b).
    from PySide6.QtCore import Qt

    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    # Not a Tab stop of its own: it scrolls to whichever child has the focus.
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(widget)
    return scroll


def local_paths(mime: QMimeData) -> list[Path]:
    """The local files a drag carries (links and other data are not documents to import)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class Page(QWidget):
    """A page of the main window. `name` is stable (screenshots, navigation)."""

    name: PageName

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName(f"page-{self.name.value}")

    def scrolled_layout(self) -> QVBoxLayout:
        """The page's content layout, inside a scroll area so small screens reach everything."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        outer.addWidget(scrolled(body))
        return QVBoxLayout(body)

    def show_dashboard(self, dashboard: Dashboard) -> None:
        """Shows the data, for `host.selected_license`; called again when the selection
        changes."""
        raise NotImplementedError
