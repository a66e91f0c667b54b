"""Every page of the window rendered to PNG, for the README and for review (`python -m app
--demo --screenshots DIR`): each page over all licenses, then the overview's other states (one
license in detail, the welcome of an empty console, and the portfolio in a dark palette)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from ui.pages.base import PageName
from ui.theme import dark_palette
from ui.window_geometry import DEFAULT_SIZE

if TYPE_CHECKING:
    from app.dashboard import Dashboard
    from ui.main_window import MainWindow


def settle(window: MainWindow, rounds: int = 20) -> None:
    """Lets the window finish what showing a page started: background answers (a quote, a
    chart) arrive and are shown, deferred deletions and layouts happen."""
    for _ in range(rounds):
        window.operations.wait()
        QApplication.processEvents()
        if not window.operations.busy:
            break
    QApplication.processEvents()


def _grab(window: MainWindow, path: Path) -> Path:
    settle(window)
    if not window.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def _detail_license(dashboard: Dashboard) -> str | None:
    """The license whose detail shows the most: the first that is not lapsed (its ticket period
    is current), else the most urgent."""
    licenses = dashboard.status.licenses
    covered = [s for s in licenses if s.balance.period_end is not None]
    chosen = covered[0] if covered else (licenses[0] if licenses else None)
    return chosen.license_id if chosen is not None else None


def save_screenshots(window: MainWindow, folder: Path, size: QSize = DEFAULT_SIZE) -> list[Path]:
    """Renders the window at `size` to `folder` (created if needed): `01-overview.png` to
    `06-settings.png` (each page, all licenses), `07-overview-license.png`, `08-welcome.png`,
    `09-overview-dark.png`. Returns the files written; the window is left as it was."""
    from app.dashboard import empty_dashboard

    folder.mkdir(parents=True, exist_ok=True)
    dashboard = window.dashboard
    selected, old_size = window.selected_license, window.size()
    current = window.navigation.currentRow()
    window.resize(size)
    window.select_license(None)
    saved = []
    for index, name in enumerate(window.pages):
        window.show_page(name)
        saved.append(_grab(window, folder / f"{index + 1:02d}-{name.value}.png"))

    window.show_page(PageName.OVERVIEW)
    detail = _detail_license(dashboard) if dashboard is not None else None
    if detail is not None:
        window.select_license(detail)
        saved.append(_grab(window, folder / "07-overview-license.png"))
        window.select_license(None)

    if dashboard is not None:
        empty = empty_dashboard(dashboard.as_of, dashboard.policy, dashboard.database)
        window.present(empty)
        saved.append(_grab(window, folder / "08-welcome.png"))
        window.present(dashboard)

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        light = app.palette()
        app.setPalette(dark_palette())
        try:
            window.present(dashboard)  # the tones are derived from the palette again
            saved.append(_grab(window, folder / "09-overview-dark.png"))
        finally:
            app.setPalette(light)
            window.present(dashboard)

    window.select_license(selected)
    window.navigation.setCurrentRow(current)
    window.resize(old_size)
    return saved
