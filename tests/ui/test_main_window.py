"""The main window: the demo data, the as-of day and the tray, keyboard (page shortcuts from any
widget, a visible focus everywhere, F1), Help, geometry at two scale factors, screenshots."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.secrets import SecretStore
from app.settings import Settings
from tests.ui.conftest import DEMO_TODAY, demo_opener, mode, new_window, start, wait_for_refresh
from ui.main_window import PAGE_ORDER, MainWindow
from ui.pages.base import PageName
from ui.pages.overview import OverviewMode, OverviewPage
from ui.theme import contrast_ratio
from ui.window_geometry import DEFAULT_SIZE, MINIMUM_SIZE, initial_geometry, minimum_size
from ui.wording import date_text

ROOT = Path(__file__).resolve().parents[2]


def empty_console_opener() -> Callable[[], object]:
    def open_() -> object:
        from app.console import open_console

        return open_console(None, False, [], today=DEMO_TODAY)

    return open_


# The data, the as-of day, the tray -------------------------------------------------------------


def test_the_window_opens_on_the_demo_data(quiet_window: MainWindow) -> None:
    dashboard = quiet_window.dashboard
    assert dashboard is not None
    assert [s.license_id for s in dashboard.status.licenses] == [
        "DEMO-ASSET-PROD",
        "DEMO-PORTAL-PROD",
        "DEMO-PORTAL-TEST",
    ]
    assert quiet_window.where.text().startswith(f"As of {date_text(DEMO_TODAY)} · ")
    assert quiet_window.where.text().endswith("(demo mode)")
    selector = quiet_window.license_selector
    assert [selector.itemData(i) for i in range(selector.count())] == [
        None,
        "DEMO-ASSET-PROD",
        "DEMO-PORTAL-PROD",
        "DEMO-PORTAL-TEST",
    ]
    assert quiet_window.add_ticket_action.isEnabled()


def test_the_as_of_day_reaches_the_status_bar_and_every_answer(
    qtbot: QtBot, tmp_path: Path
) -> None:
    later = date(2026, 6, 1)  # the demo's production portal has expired by then
    window = new_window(qtbot, demo_opener(), tmp_path / "w.ini", later)
    start(qtbot, window)
    assert window.dashboard is not None and window.dashboard.as_of == later
    assert window.where.text().startswith(f"As of {date_text(later)} · ")
    production = window.dashboard.status.standing("DEMO-PORTAL-PROD")
    assert production is not None and production.sm.state == "expired"
    window.operations.wait()


def test_add_ticket_waits_for_a_license(qtbot: QtBot, tmp_path: Path) -> None:
    window = new_window(qtbot, empty_console_opener(), tmp_path / "w.ini", DEMO_TODAY)
    assert not window.add_ticket_action.isEnabled()  # before any data
    start(qtbot, window)
    assert window.dashboard is not None and window.dashboard.empty
    assert not window.add_ticket_action.isEnabled()
    window.operations.wait()


def test_the_tray_counts_the_licenses_that_need_attention(
    quiet_window: MainWindow, qtbot: QtBot
) -> None:
    window = quiet_window
    assert window.dashboard is not None
    assert window.tray_message(window.dashboard) == (
        "2 licenses need attention: DEMO-ASSET-PROD (Lapsed), DEMO-PORTAL-PROD (Renewal due)"
    )
    window.settings.low_ticket_threshold = 4  # the test portal has 4 tickets left: a reminder
    window.refresh()
    wait_for_refresh(qtbot, window)
    assert [(r.kind, r.license_id) for r in window.dashboard.reminders] == [
        ("low_tickets", "DEMO-PORTAL-TEST")
    ]
    message = window.tray_message(window.dashboard)
    assert message is not None and message.startswith("3 licenses need attention: ")
    assert message.endswith("DEMO-PORTAL-TEST (Active)")


def test_a_start_up_failure_is_a_dialog_not_a_traceback(qtbot: QtBot, tmp_path: Path) -> None:
    from app.errors import StorageError

    def broken() -> object:
        raise StorageError(
            "cannot open the database sqlite:///nowhere: check that its folder exists"
        )

    window = new_window(qtbot, broken, tmp_path / "w.ini", DEMO_TODAY)
    start(qtbot, window)
    assert window.dashboard is None
    assert window.last_error is not None and "cannot open the database" in window.last_error
    assert "Settings" in window.where.text()
    [dialog] = window.findChildren(QMessageBox, "error-dialog")
    assert "Open Settings" in [b.text() for b in dialog.buttons()]


def test_an_error_is_shown_as_plain_text_never_as_html(qtbot: QtBot, tmp_path: Path) -> None:
    """Text in an error can come from a file or a document: markup in it is shown, not run."""
    from app.errors import UserError

    window = new_window(qtbot, empty_console_opener(), tmp_path / "w.ini", DEMO_TODAY)
    window.show_error("Refused", UserError('<img src="x"><b>bold</b> <a href="y">link</a>'))
    [dialog] = window.findChildren(QMessageBox, "error-dialog")
    assert dialog.textFormat() == Qt.TextFormat.PlainText
    assert dialog.text() == '<img src="x"><b>bold</b> <a href="y">link</a>'


def test_about_names_the_version_the_database_and_the_licenses(quiet_window: MainWindow) -> None:
    from ui.help import release

    box = quiet_window.show_about()
    text = box.text()
    assert f"Entitlement Console {release()}" in text
    assert quiet_window.dashboard is not None
    assert f"Database: {quiet_window.dashboard.database} (demo mode)" in text
    assert "3 licenses: DEMO-ASSET-PROD, DEMO-PORTAL-PROD, DEMO-PORTAL-TEST" in text
    assert "Qt " in text
    box.close()


def test_the_user_guide_explains_the_window_and_the_rules(quiet_window: MainWindow) -> None:
    dialog = quiet_window.show_help()
    text = dialog.text.toPlainText()  # type: ignore[attr-defined]
    for words in ("Overview", "Support & Maintenance", "reinstatement fee", "Ctrl+1", "F1"):
        assert words in text
    assert "missing" not in text
    dialog.close()


# Keyboard: shortcuts from any widget, F1, a visible focus -------------------------------------


@pytest.fixture
def active(window: MainWindow, qtbot: QtBot) -> MainWindow:
    """The shown window, active, its shortcuts in place."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.waitUntil(lambda: not window.menu_actions.quit.shortcut().isEmpty())
    return window


def _current(window: MainWindow) -> PageName:
    return PAGE_ORDER[window.navigation.currentRow()]


def test_ctrl_digits_open_the_pages_with_the_focus_on_the_page_list(
    active: MainWindow, qtbot: QtBot
) -> None:
    active.navigation.setFocus()
    assert QApplication.focusWidget() is active.navigation
    for index, name in reversed(list(enumerate(PAGE_ORDER))):
        QTest.keyClick(
            active.navigation, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier
        )
        assert _current(active) is name
        assert active.stack.currentWidget() is active.pages[name]


@pytest.mark.parametrize("where", ["navigation", "license_selector", "overview_table"])
def test_ctrl_tab_and_ctrl_page_keys_step_through_the_pages_from_any_widget(
    active: MainWindow, qtbot: QtBot, where: str
) -> None:
    control = Qt.KeyboardModifier.ControlModifier
    shift = Qt.KeyboardModifier.ShiftModifier
    active.show_page(PageName.OVERVIEW)
    page = active.page(PageName.OVERVIEW)
    assert isinstance(page, OverviewPage)
    focus: QWidget = page.portfolio.table if where == "overview_table" else getattr(active, where)
    steps = [
        (Qt.Key.Key_Tab, control, PageName.LICENSE),
        (Qt.Key.Key_PageDown, control, PageName.TICKETS),
        (Qt.Key.Key_Backtab, control | shift, PageName.LICENSE),
        (Qt.Key.Key_PageUp, control, PageName.OVERVIEW),
        (Qt.Key.Key_Backtab, control | shift, PageName.SETTINGS),  # round the list
    ]
    for key, modifiers, expected in steps:
        focus.setFocus()
        if focus.isVisible():
            assert QApplication.focusWidget() is focus
        QTest.keyClick(focus, key, modifiers)
        assert _current(active) is expected, (key, modifiers)


def test_f1_opens_the_user_guide(active: MainWindow, qtbot: QtBot) -> None:
    from ui.help import HelpDialog

    active.navigation.setFocus()
    QTest.keyClick(active.navigation, Qt.Key.Key_F1)
    dialogs = [d for d in active.findChildren(HelpDialog) if d.isVisible()]
    assert len(dialogs) == 1
    assert "Overview" in dialogs[0].text.toPlainText()
    active.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is active)
    QTest.keyClick(active.navigation, Qt.Key.Key_F1)  # again: the same guide, brought forward
    assert [d for d in active.findChildren(HelpDialog) if d.isVisible()] == dialogs
    dialogs[0].close()


@pytest.mark.parametrize("key", ["Escape", "Alt+Left"])
def test_escape_or_alt_left_goes_back_to_all_licenses(
    active: MainWindow, qtbot: QtBot, key: str
) -> None:
    from PySide6.QtGui import QKeySequence

    active.show_page(PageName.OVERVIEW)
    page = active.page(PageName.OVERVIEW)
    assert isinstance(page, OverviewPage)
    page.open_license("DEMO-PORTAL-TEST")
    assert mode(page) is OverviewMode.DETAIL
    assert QApplication.focusWidget() is page.detail.back  # the keyboard lands in the detail
    QTest.keySequence(page.detail.back, QKeySequence(key))
    assert mode(page) is OverviewMode.PORTFOLIO
    assert active.selected_license is None
    assert QApplication.focusWidget() is page.portfolio.table
    assert page.portfolio.table.currentIndex().row() == 2


def _focus_chain(window: MainWindow, start_at: QWidget, limit: int = 60) -> list[QWidget]:
    """The widgets Tab visits from `start_at`, once round."""
    start_at.setFocus(Qt.FocusReason.TabFocusReason)
    chain = [start_at]
    for _ in range(limit):
        current = QApplication.focusWidget()
        assert current is not None
        QTest.keyClick(current, Qt.Key.Key_Tab)
        following = QApplication.focusWidget()
        if following is None or following is start_at:
            break
        chain.append(following)
    return chain


def _indicator_pixels(before: QImage, after: QImage) -> int:
    """Pixels whose colour changed with the focus by at least 3:1 (WCAG's focus contrast)."""
    assert before.size() == after.size()
    changed = 0
    for y in range(before.height()):
        for x in range(before.width()):
            a, b = before.pixelColor(x, y), after.pixelColor(x, y)
            if a != b and contrast_ratio(a, b) >= 3.0:
                changed += 1
    return changed


def _check_visible_focus(window: MainWindow, widgets: list[QWidget]) -> None:
    failures = []
    for widget in widgets:
        area = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        area = area.adjusted(-4, -4, 4, 4).intersected(window.rect())
        widget.clearFocus()
        QApplication.processEvents()
        before = window.grab(area).toImage()
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        QApplication.processEvents()
        after = window.grab(area).toImage()
        perimeter = 2 * (widget.width() + widget.height())
        if _indicator_pixels(before, after) < perimeter:
            failures.append(f"{type(widget).__name__} {widget.objectName()!r}")
    assert not failures, f"no visible focus on: {failures}"


def test_every_control_of_the_frame_and_the_overview_shows_its_focus(
    active: MainWindow, qtbot: QtBot
) -> None:
    active.show_page(PageName.OVERVIEW)
    page = active.page(PageName.OVERVIEW)
    assert isinstance(page, OverviewPage)
    chain = _focus_chain(active, active.navigation)
    names = {w.objectName() for w in chain}
    assert {"navigation", "license-selector", "licenses"} <= names
    assert all(w.isVisible() for w in chain)  # no Tab stop on something hidden
    _check_visible_focus(active, chain)

    active.select_license("DEMO-PORTAL-PROD")
    assert mode(page) is OverviewMode.DETAIL
    chain = _focus_chain(active, active.navigation)
    names = {w.objectName() for w in chain}
    assert {"back-to-list", "copy-license-id", "renewal-banner-action-0"} <= names
    _check_visible_focus(active, [w for w in chain if page.isAncestorOf(w)])


# Help, screenshots -----------------------------------------------------------------------------


def test_screenshots_render_every_page_and_the_overview_states(
    active: MainWindow, tmp_path: Path
) -> None:
    from ui.screenshots import save_screenshots

    before = (active.selected_license, active.navigation.currentRow(), active.size())
    saved = save_screenshots(active, tmp_path / "shots")
    assert [p.name for p in saved] == [
        "01-overview.png",
        "02-license.png",
        "03-tickets.png",
        "04-upgrades.png",
        "05-requests.png",
        "06-settings.png",
        "07-overview-license.png",
        "08-welcome.png",
        "09-overview-dark.png",
    ]
    for path in saved:
        image = QImage(str(path))
        assert image.size() == DEFAULT_SIZE, path.name
    assert (active.selected_license, active.navigation.currentRow(), active.size()) == before
    page = active.page(PageName.OVERVIEW)
    assert isinstance(page, OverviewPage) and mode(page) is OverviewMode.PORTFOLIO


# Geometry ------------------------------------------------------------------------------------

SCREEN = QRect(0, 0, 1600, 1000)  # a 1600x1000 screen's available area at 100 %


def _at_scale(scale: float) -> QRect:
    return QRect(0, 0, int(SCREEN.width() / scale), int(SCREEN.height() / scale))


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_the_default_size_fits_the_screen_at_every_scale(scale: float) -> None:
    available = _at_scale(scale)
    rect = initial_geometry(None, available)
    assert available.contains(rect)
    assert rect.size().expandedTo(minimum_size(available)) == rect.size()
    if scale == 1.0:
        assert rect.size() == DEFAULT_SIZE
        assert rect.center() == available.center()


def test_a_saved_geometry_is_restored_only_where_it_fits() -> None:
    saved = QRect(100, 80, 1400, 900)
    assert initial_geometry(saved, _at_scale(1.0)) == saved
    at_150 = initial_geometry(saved, _at_scale(1.5))  # 1066x666: it would not fit
    assert at_150 != saved and _at_scale(1.5).contains(at_150)
    off_screen = QRect(1500, 900, 800, 600)
    assert initial_geometry(off_screen, _at_scale(1.0)) != off_screen
    squeezed = QRect(0, 0, 400, 300)
    assert initial_geometry(squeezed, _at_scale(1.0)).size() == DEFAULT_SIZE


def test_a_tiny_screen_gets_the_whole_screen_not_more() -> None:
    tiny = QRect(0, 0, 640, 480)
    assert minimum_size(tiny) == QSize(640, 480)
    assert initial_geometry(None, tiny) == tiny


def _window(qtbot: QtBot, state: Path) -> MainWindow:
    window = MainWindow(lambda: None, Settings(), SecretStore(), state)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(window)
    return window


def test_the_geometry_is_remembered_when_it_fits(qtbot: QtBot, tmp_path: Path) -> None:
    state = tmp_path / "window.ini"
    first = _window(qtbot, state)
    first.resize(780, 560)  # fits the 800x800 offscreen screen
    first.move(5, 10)
    first.close()
    second = _window(qtbot, state)
    assert (second.width(), second.height()) == (780, 560)
    assert (second.x(), second.y()) == (5, 10)


def test_a_squeezed_window_is_never_saved(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = tmp_path / "window.ini"
    monkeypatch.setattr(MainWindow, "_available", lambda self: QRect(0, 0, 700, 500))
    small = _window(qtbot, state)
    assert small.minimumSize() == QSize(700, 500)  # the whole (fake) screen
    small.resize(700, 500)
    small.close()
    assert QSettings(str(state), QSettings.Format.IniFormat).value("window/rect") is None
    monkeypatch.undo()
    normal = _window(qtbot, state)
    assert normal.width() >= MINIMUM_SIZE.width() and normal.height() >= MINIMUM_SIZE.height()


PROBE = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.secrets import SecretStore
from app.settings import Settings
from ui.main_window import MainWindow
window = MainWindow(lambda: None, Settings(), SecretStore(), Path(sys.argv[1]))
available = window.screen().availableGeometry()
g = window.geometry()
print(available.width(), available.height(), g.x(), g.y(), g.width(), g.height())
"""


@pytest.mark.parametrize("scale", ["1.0", "1.5"])
def test_a_geometry_saved_at_100_percent_at_another_scale(tmp_path: Path, scale: str) -> None:
    """A window that filled the screen at 100 % opens fitting the screen at 150 %."""
    state = tmp_path / "window.ini"
    saved = QRect(0, 0, 790, 780)  # fits the 800x800 offscreen screen at 100 %
    settings = QSettings(str(state), QSettings.Format.IniFormat)
    settings.setValue("window/rect", saved)
    settings.sync()
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(state)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "QT_SCALE_FACTOR": scale, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    width, height, x, y, w, h = map(int, result.stdout.split())
    if scale == "1.0":
        assert (x, y, w, h) == (0, 0, 790, 780)
    else:
        assert (width, height) == (533, 533)  # the same screen in logical pixels
        assert QRect(0, 0, width, height).contains(QRect(x, y, w, h))
        assert (w, h) != (790, 780)


# Start-up -------------------------------------------------------------------------------------


def test_the_window_paints_before_any_heavy_import(tmp_path: Path) -> None:
    """SQLAlchemy, keyring and the pages load after the window is shown."""
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from app.secrets import SecretStore\n"
        "from app.settings import Settings\n"
        "from ui.main_window import MainWindow\n"
        f"window = MainWindow(lambda: None, Settings(), SecretStore(), Path({str(tmp_path / 'w.ini')!r}))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "print(sorted(m for m in HEAVY if m in sys.modules))\n"
    )
    heavy = ("sqlalchemy", "keyring", "alembic", "ui.pages.overview", "ui.pages.tickets")
    probe = f"HEAVY = {heavy!r}\n" + probe
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_pages_are_built_when_asked_for(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path / "w.ini")
    assert window.stack.count() == 1  # the frame's placeholder, no page yet
    assert [window.navigation.item(i).text() for i in range(6)] == [
        "Overview",
        "Licenses",
        "Tickets",
        "Upgrades",
        "Requests",
        "Settings",
    ]
    window.page(PageName.OVERVIEW)
    assert window.stack.count() == 1 and window.stack.currentWidget() is window.page(
        PageName.OVERVIEW
    )


def test_garbage_is_collected_on_the_gui_thread_while_a_worker_exists(qtbot: QtBot) -> None:
    """A cycle of Qt objects collected on the worker thread would be destroyed there: a crash."""
    import gc

    from ui.tasks import Operations

    operations = Operations()
    assert not gc.isenabled()
    results: list[bool] = []
    operations.run(gc.isenabled, results.append, lambda error: None)
    qtbot.waitUntil(lambda: bool(results))
    assert results == [False]  # the worker never triggers a collection
    operations.shutdown()
    operations.deleteLater()
