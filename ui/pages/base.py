"""What every page shares: the host that runs actions off the GUI thread, and the dashboard."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from app.dashboard import Dashboard
    from app.secrets import SecretStore
    from app.services import Console
    from app.settings import Settings


class Host(Protocol):
    """The main window, as pages see it."""

    settings: Settings
    secrets: SecretStore

    def run_action(
        self,
        work: Callable[[Console], Any],
        on_done: Callable[[Any], None] | None = None,
        refresh: bool = True,
    ) -> None:
        """Runs `work(console)` off the GUI thread; then `on_done(result)`, then a refresh.

        A failure is shown as a dialog (a `UserError` in its own words; anything else logged).
        """

    def show_error(self, title: str, error: BaseException | str) -> None: ...

    def show_page(self, name: str) -> None: ...

    def open_url(self, url: str) -> bool: ...

    def save_settings(self, settings: Settings) -> None: ...


class Page(QWidget):
    """A page of the main window. `name` is stable (screenshots, navigation); `title` is shown."""

    name = ""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName(f"page-{self.name}")

    def scrolled_layout(self) -> QVBoxLayout:
        """The page's content layout, inside a scroll area so small screens reach everything."""
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        return QVBoxLayout(body)

    def show_dashboard(self, dashboard: Dashboard) -> None:
        raise NotImplementedError
