"""The Tickets page over a real SQLite file and real signed documents: it follows the license
selector, keeps vendor facts read-only and records disputes that change no balance until a later
statement agrees (R17), assigns local tickets (R16), exports exactly the rows shown, fits the
default window, and draws its chart in the palette's colours."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QTableView,
    QToolBar,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.console import Console
from app.dashboard import load_dashboard
from app.importing import import_documents
from app.paths import sqlite_url
from app.secrets import SecretStore
from app.settings import Settings
from app.storage import tickets as stored_tickets
from app.storage.database import Database
from app.tickets import add_ticket, list_tickets
from licensing.claims import Classification, DocumentType, Ticket
from licensing.policy import load_policy
from licensing.portfolio import LocalTicket
from tests.factories import Vendor, portal_license, statement_claims, statement_ticket
from ui.dispute_dialog import DisputeDialog
from ui.main_window import DEFAULT_SIZE, MainWindow
from ui.pages.base import PageName
from ui.pages.tickets import TicketsPage
from ui.pages.tickets.filters import CURRENT_PERIOD
from ui.theme import contrast_ratio
from ui.ticket_dialog import AssignDialog, DialogMode, TicketDialog
from ui.ticket_model import COL_CASE, COL_DISPUTE, COL_LICENSE, COL_TITLE
from ui.usage_chart import UsageChart, chart_colors

DAY = date(2025, 6, 15)
FORMULA_TITLE = '=HYPERLINK("http://example.invalid")'


# A vendor, its documents, and a console over a real SQLite file ------------------------------


@pytest.fixture
def console(tmp_path: Path, vendor: Vendor) -> Iterator[Console]:
    """LIC-A (S&M 2025 to 2027, period 2025-01-01 to 2026-01-01) with a statement of four cases
    and a local one; LIC-B (lapsed since 2024-12-01) with one case; one local ticket unassigned."""
    database = Database(sqlite_url(tmp_path / "ledger.sqlite3"))
    console = Console(database, vendor.trust(), load_policy(), DAY)
    issued = "2025-06-01T08:00:00Z"
    a_cases = [
        statement_ticket("CS-1", "2025-02-01", title="Login loop after SSO change"),
        statement_ticket("CS-2", "2025-03-01", "product_bug", title="Dashboard crash"),
        statement_ticket("CS-3", "2025-04-01", title=FORMULA_TITLE),
        statement_ticket("CS-4", "2025-05-01", category="training", title="Training for analysts"),
    ]
    b_cases = [statement_ticket("CS-9", "2025-04-10", title="After expiry")]
    # LIC-A is the factories' portal license; LIC-B the same product, in test, lapsed.
    lic_b = portal_license(
        license_id="LIC-B", sm_start="2023-01-01", sm_end="2024-12-01", environment="test"
    )
    documents = [
        ("a.paseto", vendor.token(DocumentType.LICENSE, portal_license())),
        ("b.paseto", vendor.token(DocumentType.LICENSE, lic_b)),
        (
            "a-cases.paseto",
            vendor.token(DocumentType.TICKET_STATEMENT, statement_claims(a_cases, issued, "LIC-A")),
        ),
        (
            "b-cases.paseto",
            vendor.token(DocumentType.TICKET_STATEMENT, statement_claims(b_cases, issued, "LIC-B")),
        ),
    ]
    assert import_documents(console, [(n, t.encode()) for n, t in documents]).succeeded
    add_ticket(console, Ticket("L-1", date(2025, 6, 1), title="Printer template blank"), "LIC-A")
    # A ticket recorded before several licenses were stored (a migration leaves it unassigned):
    # the application offers no other way to make one.
    with console.database.write() as connection:
        unassigned = LocalTicket(Ticket("U-1", date(2025, 6, 3), title="Unassigned one"), None)
        stored_tickets.insert_tickets(connection, [unassigned], console.stamp())
    yield console
    console.close()


@pytest.fixture
def window(qtbot: QtBot, console: Console, tmp_path: Path) -> Iterator[MainWindow]:
    """The real main window, not shown, with only the Tickets page built, after its first data."""
    main = MainWindow(
        lambda: console, Settings(), SecretStore(), tmp_path / "window.ini", today=lambda: DAY
    )
    qtbot.addWidget(main)
    main.show_page(PageName.TICKETS)
    main.console = console  # what `start()` does once the console is open, minus the Overview
    with qtbot.waitSignal(main.refreshed, timeout=20_000):
        main.refresh()
    yield main
    main.operations.wait()
    main.close()


def page_of(window: MainWindow) -> TicketsPage:
    page = window.page(PageName.TICKETS)
    assert isinstance(page, TicketsPage)
    return page


def shown(page: TicketsPage) -> list[str]:
    model = page.model
    return [model.data(model.index(row, COL_CASE)) for row in range(model.rowCount())]


def select(page: TicketsPage, *case_ids: str) -> None:
    selection = page.table.selectionModel()
    selection.clearSelection()
    for case_id in case_ids:
        row = page.model.row_of(case_id)
        assert row is not None, case_id
        selection.select(
            page.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
        selection.setCurrentIndex(
            page.model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
        )


def choose(window: MainWindow, license_id: str | None) -> None:
    window.select_license(license_id)
    assert window.selected_license == license_id


def balance_of(window: MainWindow, license_id: str) -> Any:
    assert window.dashboard is not None
    standing = window.dashboard.status.standing(license_id)
    assert standing is not None
    return standing.balance


def act(qtbot: QtBot, window: MainWindow, trigger: Any) -> None:
    """Runs an action that changes the database, until the window shows the new data."""
    with qtbot.waitSignal(window.refreshed, timeout=20_000):
        trigger()


# The license selector -----------------------------------------------------------------------


def test_the_page_follows_the_license_selector(qtbot: QtBot, window: MainWindow) -> None:
    page = page_of(window)
    # All licenses: every ticket, a License column, unassigned ones named so, a per-license
    # balance summary in place of one chart.
    assert set(shown(page)) == {"CS-1", "CS-2", "CS-3", "CS-4", "CS-9", "L-1", "U-1"}
    assert not page.table.isColumnHidden(COL_LICENSE)
    row = page.model.row_of("U-1")
    assert page.model.data(page.model.index(row or 0, COL_LICENSE)) == "Unassigned"
    assert page.balance.currentWidget() is page.balance.portfolio
    summary = page.balance.portfolio.table
    assert [summary.item(r, 0).text() for r in range(summary.rowCount())] == ["LIC-B", "LIC-A"]
    assert not page.filters.period.isEnabled()
    assert page.filters.count.text().startswith("7")

    choose(window, "LIC-A")
    assert set(shown(page)) == {"CS-1", "CS-2", "CS-3", "CS-4", "L-1"}
    assert page.table.isColumnHidden(COL_LICENSE)
    assert page.balance.currentWidget() is page.balance.license_balance
    fields = page.balance.license_balance.fields
    assert fields["used"].text() == "3 of 6"  # CS-1, CS-3, L-1; CS-2 a bug, CS-4 out of scope
    assert "1" in fields["bugs"].text()
    assert "this period runs 1 Jan 2025 – 1 Jan 2026" in page.balance.license_balance.heading.text()
    meaning = page.balance.license_balance.ineligible_meaning.text()
    assert "S&M did not cover" in meaning
    chart = page.balance.license_balance.chart
    assert chart.data.period == (date(2025, 1, 1), date(2026, 1, 1)) and chart.data.allocation == 6
    assert sum(m.annual for m in chart.data.months) == 3
    periods = [page.filters.period.itemData(i) for i in range(page.filters.period.count())]
    assert periods == ["", CURRENT_PERIOD, "2026-01-01"]  # the license has two periods
    assert page.filters.select_period("2026-01-01") and shown(page) == []

    choose(window, "LIC-B")
    assert shown(page) == ["CS-9"]
    fields = page.balance.license_balance.fields
    assert fields["ineligible"].text().startswith("1")
    assert "no ticket period contains 15 Jun 2025" in page.balance.license_balance.heading.text()
    assert page.balance.license_balance.chart.data.period is None

    choose(window, None)
    assert len(shown(page)) == 7 and not page.table.isColumnHidden(COL_LICENSE)


# Vendor facts and disputes (R17) --------------------------------------------------------------


def test_a_vendor_ticket_is_read_only_and_its_dispute_changes_no_balance(
    qtbot: QtBot, window: MainWindow, console: Console
) -> None:
    page = page_of(window)
    choose(window, "LIC-A")
    used_before = balance_of(window, "LIC-A").annual_used
    select(page, "CS-1")
    assert page.commands.buttons["edit"].text() == "&View…"  # a vendor ticket opens read-only
    dialog = page.commands.edit_ticket()
    assert dialog is not None and dialog.mode is DialogMode.VENDOR
    assert dialog.save_button is None  # nothing to save: the vendor's record stands
    for key in ("opened", "kind", "classification", "category"):
        assert dialog.vendor_fields[key].isReadOnly(), key
    assert dialog.vendor_fields["classification"].text() == "Customer"
    assert dialog.vendor_fields["opened"].text() == "1 Feb 2025"

    assert dialog.dispute_button is not None
    dialog.dispute_button.click()
    dispute = page.commands.dialog
    assert isinstance(dispute, DisputeDialog)
    assert not dispute.save_button.isEnabled()  # nothing differs yet, no reason yet
    dispute.classification.setCurrentIndex(dispute.classification.findData("product_bug"))
    assert not dispute.save_button.isEnabled()  # a reason is needed
    dispute.reason.setPlainText("Caused by the SSO defect fixed in 11.0.3")
    assert dispute.save_button.isEnabled()
    act(qtbot, window, dispute.save_button.click)

    row = page.model.row_of("CS-1")
    assert row is not None and page.table.currentIndex().row() == row  # selected after saving
    assert page.model.data(page.model.index(row, COL_DISPUTE)) == "Disputed"
    tooltip = page.model.data(page.model.index(row, COL_DISPUTE), Qt.ItemDataRole.ToolTipRole)
    assert "fixed in 11.0.3" in tooltip and "Product bug" in tooltip and "Disputed by" in tooltip
    assert "fixed in 11.0.3" in page.detail.text()
    assert balance_of(window, "LIC-A").annual_used == used_before  # no balance changed
    assert page.balance.license_balance.fields["used"].text() == "3 of 6"
    entry = next(e for e in list_tickets(console, DAY) if e.ticket.case_id == "CS-1")
    assert entry.ticket.classification is Classification.CUSTOMER and entry.dispute is not None

    select(page, "CS-1")
    act(qtbot, window, page.commands.withdraw_action.trigger)
    assert page.model.data(page.model.index(page.model.row_of("CS-1") or 0, COL_DISPUTE)) == ""
    assert "Withdrew 1 dispute" in page.transfer.message.text()


def test_a_later_statement_that_agrees_changes_the_balance(
    qtbot: QtBot, window: MainWindow, console: Console, vendor: Vendor
) -> None:
    page = page_of(window)
    choose(window, "LIC-A")
    select(page, "CS-1", "L-1")
    act(qtbot, window, page.commands.bug_action.trigger)
    message = page.transfer.message.text()
    assert "Reclassified 1 local ticket" in message
    assert "Recorded a dispute for 1 vendor ticket" in message
    # The local ticket is the admin's: it is free at once; the vendor's record still counts.
    assert balance_of(window, "LIC-A").annual_used == 2
    assert balance_of(window, "LIC-A").not_deducted_bug == 2
    row = page.model.row_of("CS-1")
    assert page.model.data(page.model.index(row or 0, COL_DISPUTE)) == "Disputed"

    later = statement_claims(
        [statement_ticket("CS-1", "2025-02-01", "product_bug")], "2025-06-10T08:00:00Z", "LIC-A"
    )
    token = vendor.token(DocumentType.TICKET_STATEMENT, later)
    assert import_documents(console, [("later.paseto", token.encode())]).succeeded
    act(qtbot, window, window.refresh)
    assert balance_of(window, "LIC-A").annual_used == 1
    assert balance_of(window, "LIC-A").not_deducted_bug == 3
    assert page.balance.license_balance.fields["used"].text() == "1 of 6"
    row = page.model.row_of("CS-1")
    assert page.model.data(page.model.index(row or 0, COL_DISPUTE)) == "Resolved"


def test_classifying_and_withdrawing_a_selection_is_one_action(
    qtbot: QtBot, window: MainWindow, console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_of(window)
    actions: list[object] = []
    run_action = window.run_action

    def counted(work: Any, *args: Any, **kwargs: Any) -> None:
        actions.append(work)
        run_action(work, *args, **kwargs)

    monkeypatch.setattr(window, "run_action", counted)
    # CS-2 is already a product bug on the vendor's statement: nothing to dispute.
    select(page, "CS-1", "CS-2", "CS-3", "L-1")
    act(qtbot, window, page.commands.bug_action.trigger)
    assert len(actions) == 1
    message = page.transfer.message.text()
    assert "Reclassified 1 local ticket" in message
    assert "Recorded a dispute for 2 vendor ticket" in message
    disputed = {e.ticket.case_id for e in list_tickets(console, DAY) if e.dispute is not None}
    assert disputed == {"CS-1", "CS-3"}

    select(page, "CS-1", "CS-3", "L-1")
    act(qtbot, window, page.commands.withdraw_action.trigger)
    assert len(actions) == 2
    assert "Withdrew 2 dispute" in page.transfer.message.text()
    assert all(e.dispute is None for e in list_tickets(console, DAY))


def test_a_local_ticket_stays_editable(qtbot: QtBot, window: MainWindow) -> None:
    page = page_of(window)
    select(page, "L-1")
    dialog = page.commands.edit_ticket()
    assert dialog is not None and dialog.mode is DialogMode.EDIT
    assert dialog.case_id.isReadOnly() and not dialog.title_edit.isReadOnly()
    dialog.title_edit.setText("Printer template renders blank")
    dialog.category.setCurrentIndex(dialog.category.findData("training"))
    assert dialog.save_button is not None
    act(qtbot, window, dialog.save_button.click)
    row = page.model.row_of("L-1")
    assert (
        page.model.data(page.model.index(row or 0, COL_TITLE)) == "Printer template renders blank"
    )
    assert balance_of(window, "LIC-A").annual_used == 2  # training is out of scope


# Adding and assigning -----------------------------------------------------------------------


def test_the_window_add_command_opens_the_dialog_for_the_license_in_view(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = page_of(window)
    choose(window, "LIC-A")
    window.add_ticket()  # what the window's Ctrl+N runs, whichever widget has the focus
    dialog = page.commands.dialog
    assert isinstance(dialog, TicketDialog) and dialog.isVisible()
    assert dialog.mode is DialogMode.ADD and dialog.chosen_license() == "LIC-A"
    with qtbot.waitSignal(dialog.eligibility_shown, timeout=20_000):
        dialog.check_eligibility()
    assert dialog.eligibility.text().startswith("Eligible on")
    dialog.case_id.setText("L-2")
    dialog.opened.setDate(dialog.opened.date().addDays(-1))
    assert dialog.save_button is not None and dialog.save_button.isEnabled()
    act(qtbot, window, dialog.save_button.click)
    assert "L-2" in shown(page)
    assert balance_of(window, "LIC-A").annual_used == 4


def test_with_every_license_in_view_a_new_ticket_waits_for_a_license(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = page_of(window)
    dialog = page.add_ticket()
    assert dialog is not None and dialog.chosen_license() is None
    dialog.case_id.setText("L-3")
    assert dialog.save_button is not None and not dialog.save_button.isEnabled()
    dialog.license.setCurrentIndex(dialog.license.findData("LIC-B"))
    assert dialog.save_button.isEnabled()
    dialog.reject()


def test_an_unassigned_ticket_is_assigned_to_a_license(qtbot: QtBot, window: MainWindow) -> None:
    page = page_of(window)
    page.filters.show_filter.setCurrentIndex(page.filters.show_filter.findData("unassigned"))
    assert shown(page) == ["U-1"]
    assert page.commands.assign_action.isEnabled()  # nothing selected: every unassigned one shown
    assert window.dashboard is not None
    assert any(w.code == "unassigned_tickets" for w in window.dashboard.status.all_warnings)
    dialog = page.commands.assign_tickets()
    assert isinstance(dialog, AssignDialog) and dialog.case_ids == ("U-1",)
    dialog.license.setCurrentIndex(dialog.license.findData("LIC-A"))
    act(qtbot, window, dialog.ok_button.click)
    assert shown(page) == []  # no ticket is unassigned any more
    page.filters.show_filter.setCurrentIndex(0)
    row = page.model.row_of("U-1")
    assert page.model.data(page.model.index(row or 0, COL_LICENSE)) == "LIC-A"
    assert balance_of(window, "LIC-A").annual_used == 4
    assert "Assigned 1 ticket" in page.transfer.message.text()


def test_a_vendor_ticket_cannot_be_assigned(window: MainWindow) -> None:
    page = page_of(window)
    select(page, "CS-1")
    assert not page.commands.assign_action.isEnabled()
    select(page, "CS-1", "U-1")
    assert page.commands.assignable() == ["U-1"]


# CSV ----------------------------------------------------------------------------------------


def test_export_writes_exactly_the_rows_shown_in_the_order_shown(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    page = page_of(window)
    page.filters.show_filter.setCurrentIndex(page.filters.show_filter.findData("vendor"))
    page.table.sortByColumn(COL_CASE, Qt.SortOrder.DescendingOrder)
    page.filters.search.setText("lic-a")  # the four vendor tickets of LIC-A
    assert shown(page) == ["CS-4", "CS-3", "CS-2", "CS-1"]
    target = tmp_path / "view.csv"
    with qtbot.waitSignal(page.transfer.exported, timeout=20_000):
        page.transfer.export_csv(target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["case_id"] for r in rows] == ["CS-4", "CS-3", "CS-2", "CS-1"]
    formula = next(r for r in rows if r["case_id"] == "CS-3")
    assert formula["title"] == "'" + FORMULA_TITLE  # neutralised against spreadsheet formulas
    assert "Exported 4 ticket" in page.transfer.message.text()


def test_import_goes_to_the_license_in_view_and_can_be_cancelled(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    page = page_of(window)
    choose(window, "LIC-B")
    source = tmp_path / "tickets.csv"
    source.write_text("case_id,opened_on,title\nL-7,2025-06-05,From the CSV\n", encoding="utf-8")

    # The single worker is held busy, so the cancel arrives before the import starts.
    release = threading.Event()
    window.run_task(lambda: release.wait(10), lambda _: None)
    page.transfer.import_csv(source)
    assert page.transfer.cancel_button.isVisibleTo(page)
    page.transfer.cancel_button.click()
    with qtbot.waitSignal(page.transfer.said, timeout=20_000):
        release.set()
    assert "cancelled" in page.transfer.message.text()
    assert "L-7" not in shown(page)

    act(qtbot, window, lambda: page.transfer.import_csv(source))
    assert "Imported 1 ticket" in page.transfer.message.text()
    assert "L-7" in shown(page)  # rows without a license_id went to LIC-B, the one in view
    row = page.model.row_of("L-7")
    assert page.model.entry_at(row or 0).license_id == "LIC-B"


# Layout, keyboard, colours ------------------------------------------------------------------


class StandInHost:
    """What the page needs of the window to lay itself out."""

    def __init__(self) -> None:
        self.selected_license: str | None = None

    def select_license(self, license_id: str | None) -> None:
        self.selected_license = license_id


def frame_like_the_main_window(page: QWidget) -> QMainWindow:
    """A window of the main window's default size and frame: menus, the license bar, the
    navigation list beside the page, a status bar."""
    frame = QMainWindow()
    for title in ("&File", "&Tickets", "&Go", "&Help"):
        frame.menuBar().addMenu(title)
    bar = QToolBar()
    bar.addWidget(QLabel("License:"))
    selector = QComboBox()
    selector.setMinimumContentsLength(28)
    bar.addWidget(selector)
    frame.addToolBar(bar)
    central = QWidget()
    layout = QHBoxLayout(central)
    navigation = QListWidget()
    navigation.setMaximumWidth(180)
    layout.addWidget(navigation)
    layout.addWidget(page, 1)
    frame.setCentralWidget(central)
    frame.statusBar().showMessage("As of 15 Jun 2025")
    frame.resize(DEFAULT_SIZE)
    return frame


@pytest.mark.parametrize("license_id", [None, "LIC-A"])
def test_the_page_fits_the_default_window(
    qtbot: QtBot, console: Console, license_id: str | None
) -> None:
    host = StandInHost()
    host.selected_license = license_id
    page = TicketsPage(host)  # type: ignore[arg-type]
    frame = frame_like_the_main_window(page)
    qtbot.addWidget(frame)
    page.show_dashboard(load_dashboard(console, DAY))
    frame.show()
    qtbot.waitExposed(frame)
    assert frame.size() == DEFAULT_SIZE

    area = page.findChild(QScrollArea)
    assert area is not None and area.horizontalScrollBar().maximum() == 0  # never sideways
    assert page.table.columnWidth(COL_TITLE) >= 150
    inside = page.rect()
    for widget in (*page.filters.widgets(), *page.commands.buttons.values()):
        top_left = widget.mapTo(page, QPoint(0, 0))
        bottom_right = widget.mapTo(page, QPoint(widget.width() - 1, widget.height() - 1))
        assert widget.isVisible(), widget.objectName()
        assert inside.contains(top_left) and inside.contains(bottom_right), widget.objectName()
    count = page.filters.count
    assert count.width() >= count.sizeHint().width()  # the row count is not cut off
    table_right = page.table.mapTo(page, QPoint(page.table.width(), 0)).x()
    assert table_right <= inside.right() + 1
    header = page.table.horizontalHeader()
    assert header.length() <= page.table.viewport().width()  # no column runs off the table


def test_every_control_is_named_and_reachable_from_the_keyboard(window: MainWindow) -> None:
    page = page_of(window)
    dialog = page.add_ticket()
    assert dialog is not None
    controls = [
        widget
        for parent in (page, dialog)
        for kind in (QLineEdit, QComboBox, QPushButton, QToolButton, QTableView, QDateEdit)
        for widget in parent.findChildren(kind)
        if not widget.objectName().startswith("qt_")
        and not isinstance(widget.parent(), QComboBox | QDateEdit)  # their inner editors
        and widget.objectName()  # a header's or a scroll bar's own parts have none
    ]
    assert len(controls) >= 20
    for widget in controls:
        assert widget.accessibleName(), widget.objectName()
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget.objectName()
    dialog.reject()


def palette_of(window_colour: QColor, text_colour: QColor) -> QPalette:
    palette = QPalette(QGuiApplication.palette())
    palette.setColor(QPalette.ColorRole.Window, window_colour)
    palette.setColor(QPalette.ColorRole.WindowText, text_colour)
    return palette


@pytest.mark.parametrize("dark", [False, True])
def test_the_chart_colours_read_on_light_and_dark_palettes(qtbot: QtBot, dark: bool) -> None:
    base = QGuiApplication.palette()
    light_window = base.color(QPalette.ColorRole.Window)
    window_colour = QColor.fromHsl(0, 0, 30) if dark else light_window
    text_colour = QColor.fromHsl(0, 0, 235) if dark else base.color(QPalette.ColorRole.WindowText)
    chart = UsageChart()
    qtbot.addWidget(chart)
    chart.setPalette(palette_of(window_colour, text_colour))
    colors = chart.colors()
    assert colors == chart_colors(chart.palette())
    series = (colors.annual, colors.packs, colors.bugs, colors.allocation, colors.used)
    for colour in series:
        assert contrast_ratio(colour, window_colour) >= 4.5, colour.name()
    assert len({c.name() for c in series}) == len(series)  # every series tells apart


def test_no_colour_literal_in_the_tickets_files() -> None:
    root = Path(__file__).resolve().parents[2]
    files = [
        root / "ui" / "ticket_model.py",
        root / "ui" / "ticket_dialog.py",
        root / "ui" / "dispute_dialog.py",
        root / "ui" / "usage_chart.py",
        *sorted((root / "ui" / "pages" / "tickets").glob("*.py")),
    ]
    import re

    literal = re.compile(r"#[0-9a-fA-F]{6}\b|QColor\(\s*[\"']|Qt\.GlobalColor|setStyleSheet")
    offenders = [f"{f.name}: {m.group(0)}" for f in files for m in literal.finditer(f.read_text())]
    assert offenders == []
