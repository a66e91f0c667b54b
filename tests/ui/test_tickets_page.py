"""The Tickets page: the ledger model (sorting and filtering inside the model, 100k rows), the
add/edit/classify dialog over the real services, CSV import and export, the usage chart and the
reconciliation with the vendor's statements."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTableWidgetItem,
)
from pytestqt.qtbot import QtBot

from app.services import LedgerEntry
from licensing.claims import Category, Classification, Ticket, TicketKind
from licensing.rules import Bucket, BucketKind, Outcome
from tests.ui.conftest import DEMO_TODAY, wait_for_refresh
from ui.main_window import MainWindow
from ui.pages.tickets import CURRENT_PERIOD, TicketsPage
from ui.ticket_dialog import TicketDialog
from ui.ticket_model import (
    COL_BUCKET,
    COL_CASE,
    COL_OPENED,
    COL_OUTCOME,
    COLUMN_COUNT,
    ENTRY_ROLE,
    RAW_ROLE,
    BucketFilter,
    TicketFilter,
    TicketModel,
    bucket_text,
)
from ui.wording import outcome_text

DEMO_CASES = {f"CS-{n}" for n in range(1001, 1011)} | {"LOCAL-1", "LOCAL-2", "LOCAL-3"}


def tickets_page(window: MainWindow) -> TicketsPage:
    page = window.pages["tickets"]
    assert isinstance(page, TicketsPage)
    return page


def column(model: TicketModel, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> list[Any]:
    return [model.data(model.index(row, col), role) for row in range(model.rowCount())]


def shown_cases(model: TicketModel) -> list[str]:
    return column(model, COL_CASE)


def remaining_total(window: MainWindow) -> int:
    assert window.dashboard is not None and window.dashboard.status.balance is not None
    return window.dashboard.status.balance.remaining_total


ANNUAL = Bucket(BucketKind.ANNUAL, "2025-01-01", date(2025, 1, 1), date(2026, 1, 1), 6)
OLD_ANNUAL = Bucket(BucketKind.ANNUAL, "2024-01-01", date(2024, 1, 1), date(2025, 1, 1), 6)
PACK = Bucket(BucketKind.PACK, "P-1", date(2025, 3, 1), date(2026, 3, 1), 4)


def synthetic_entries(count: int) -> list[LedgerEntry]:
    """A varied ledger: every kind, classification, category, outcome and bucket."""
    kinds, classes, categories = list(TicketKind), list(Classification), list(Category)
    entries = []
    for i in range(count):
        opened = date(2024, 1, 1) + timedelta(days=(i * 7) % 700)
        bucket = (ANNUAL, PACK, None, OLD_ANNUAL)[i % 4]
        if bucket is None:
            outcome = (Outcome.NOT_DEDUCTED_BUG, Outcome.OUT_OF_SCOPE, Outcome.INELIGIBLE)[i % 3]
        else:
            outcome = Outcome.CHARGED if i % 5 else Outcome.UNFUNDED
        ticket = Ticket(
            f"C-{i:06d}",
            opened,
            kinds[i % len(kinds)],
            classes[(i // 3) % len(classes)],
            categories[i % len(categories)],
            None if i % 11 == 0 else f"Title {i % 1000} about {('Portal', 'mail', 'SSO')[i % 3]}",
        )
        entries.append(LedgerEntry(ticket, ("vendor", "local")[i % 2], outcome, bucket))
    return entries


# The demo ledger --------------------------------------------------------------------------


def test_the_page_lists_the_demo_tickets_with_outcomes_and_buckets(window: MainWindow) -> None:
    page = tickets_page(window)
    model = page.model
    assert window.dashboard is not None
    assert model.rowCount() == 13
    assert set(shown_cases(model)) == DEMO_CASES
    assert page.count.text() == "13 ticket(s)"
    for entry in window.dashboard.tickets:
        row = model.row_of(entry.ticket.case_id)
        assert row is not None
        assert model.data(model.index(row, COL_OUTCOME)) == outcome_text(entry.outcome)
        assert model.data(model.index(row, COL_OUTCOME), RAW_ROLE) == entry.outcome.value
        assert model.data(model.index(row, COL_OPENED), RAW_ROLE) == entry.ticket.opened_on
        assert model.data(model.index(row, COL_CASE), ENTRY_ROLE) == entry
        expected_key = entry.bucket.key if entry.bucket is not None else ""
        assert model.data(model.index(row, COL_BUCKET), RAW_ROLE) == expected_key
        assert model.data(model.index(row, COL_BUCKET)) == bucket_text(entry.bucket)
    # The demo: pack A paid for the early tickets, the period for the later ones.
    assert model.data(model.index(model.row_of("CS-1001") or 0, COL_BUCKET)) == "Pack DEMO-PACK-A"
    assert "Period from" in model.data(model.index(model.row_of("LOCAL-1") or 0, COL_BUCKET))
    assert model.data(model.index(model.row_of("LOCAL-3") or 0, COL_OUTCOME)) == "Ineligible"


def test_the_ticket_model_passes_the_model_tester(qtmodeltester: Any, window: MainWindow) -> None:
    empty = TicketModel()
    qtmodeltester.check(empty)
    assert window.dashboard is not None
    loaded = TicketModel()
    loaded.load(window.dashboard.tickets)
    qtmodeltester.check(loaded)
    loaded.sort(COL_OUTCOME, Qt.SortOrder.DescendingOrder)
    loaded.set_filter(TicketFilter(search="cs-"))
    qtmodeltester.check(loaded)
    assert loaded.rowCount() == 10
    assert loaded.rowCount(loaded.index(0, 0)) == 0


# Sorting ----------------------------------------------------------------------------------


def sort_values(model: TicketModel, col: int) -> list[Any]:
    """What a column must be ordered by: dates as dates, buckets by kind then key, else words."""
    if col == COL_OPENED:
        return column(model, col, RAW_ROLE)
    if col == COL_BUCKET:
        rank = {BucketKind.ANNUAL: 0, BucketKind.PACK: 1, None: 2}
        entries = column(model, col, ENTRY_ROLE)
        return [
            (rank[e.bucket.kind if e.bucket else None], e.bucket.key if e.bucket else "")
            for e in entries
        ]
    return [text.casefold() for text in column(model, col)]


@pytest.mark.parametrize("col", range(COLUMN_COUNT))
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_the_model_sorts_by_every_column_in_both_orders(
    qtbot: QtBot, col: int, order: Qt.SortOrder
) -> None:
    model = TicketModel()
    model.load(synthetic_entries(500))
    model.sort(col, order)
    values = sort_values(model, col)
    expected = sorted(values, reverse=order is Qt.SortOrder.DescendingOrder)
    assert values == expected
    assert len(set(shown_cases(model))) == 500
    assert model.sort_column == col and model.sort_order is order


def test_header_clicks_sort_the_table(window: MainWindow, qtbot: QtBot) -> None:
    page = tickets_page(window)
    window.show_page("tickets")
    header = page.table.horizontalHeader()

    def click(col: int) -> None:
        x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
        QTest.mouseClick(
            header.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            QPoint(x, 5),
        )

    click(COL_CASE)
    assert page.model.sort_column == COL_CASE
    first_order = page.model.sort_order
    cases = shown_cases(page.model)
    assert cases == sorted(
        cases, key=str.casefold, reverse=first_order is Qt.SortOrder.DescendingOrder
    )
    click(COL_CASE)
    assert page.model.sort_order is not first_order
    assert shown_cases(page.model) == cases[::-1]

    page.table.sortByColumn(COL_OPENED, Qt.SortOrder.AscendingOrder)
    opened = column(page.model, COL_OPENED, RAW_ROLE)
    assert opened == sorted(opened)
    assert shown_cases(page.model)[0] == "LOCAL-3"


def test_sorting_keeps_the_selection_on_the_same_ticket(window: MainWindow) -> None:
    page = tickets_page(window)
    assert page.select_case("CS-1005")
    page.table.sortByColumn(COL_CASE, Qt.SortOrder.DescendingOrder)
    assert [e.ticket.case_id for e in page.selected_entries()] == ["CS-1005"]
    current = page.table.currentIndex()
    assert page.model.data(page.model.index(current.row(), COL_CASE)) == "CS-1005"


# Filtering --------------------------------------------------------------------------------


def choose(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def test_the_page_filters_by_search_classification_bucket_outcome_and_period(
    window: MainWindow,
) -> None:
    page = tickets_page(window)
    model = page.model
    page.search.setText("LOGIN")
    assert shown_cases(model) == ["CS-1001"]
    assert page.count.text() == "1 of 13 ticket(s) shown"
    page.search.setText("local-")
    assert set(shown_cases(model)) == {"LOCAL-1", "LOCAL-2", "LOCAL-3"}
    page.search.clear()

    choose(page.classification_filter, "product_bug")
    assert set(shown_cases(model)) == {"CS-1002", "CS-1007"}
    choose(page.classification_filter, "")

    choose(page.bucket_filter, BucketFilter.PACK.value)
    assert set(shown_cases(model)) == {"CS-1001", "CS-1003", "CS-1004", "CS-1006"}
    choose(page.bucket_filter, BucketFilter.ANNUAL.value)
    assert set(shown_cases(model)) == {"CS-1008", "CS-1009", "CS-1010", "LOCAL-1"}
    choose(page.bucket_filter, BucketFilter.NONE.value)
    assert set(shown_cases(model)) == {"CS-1002", "CS-1005", "CS-1007", "LOCAL-2", "LOCAL-3"}

    choose(page.outcome_filter, Outcome.OUT_OF_SCOPE.value)  # and still drawn from nothing
    assert set(shown_cases(model)) == {"CS-1005", "LOCAL-2"}
    choose(page.bucket_filter, "")
    choose(page.outcome_filter, Outcome.CHARGED.value)
    assert len(shown_cases(model)) == 8
    choose(page.outcome_filter, "")

    # This period: every ticket but LOCAL-3, opened before S&M began.
    choose(page.period_filter, CURRENT_PERIOD)
    assert set(shown_cases(model)) == DEMO_CASES - {"LOCAL-3"}
    assert page.period_filter.currentText().startswith("This period (")
    choose(page.period_filter, "")
    assert model.rowCount() == 13


def test_filters_survive_a_refresh(window: MainWindow, qtbot: QtBot) -> None:
    page = tickets_page(window)
    choose(page.period_filter, CURRENT_PERIOD)
    page.search.setText("portal")
    window.refresh()
    wait_for_refresh(qtbot, window)
    assert page.period_filter.currentData() == CURRENT_PERIOD
    assert set(shown_cases(page.model)) == {"CS-1001", "CS-1010"}


def test_the_model_filters_by_a_chosen_period(qtbot: QtBot) -> None:
    entries = synthetic_entries(400)
    model = TicketModel()
    model.load(entries)
    model.set_filter(TicketFilter(period=(date(2024, 1, 1), date(2025, 1, 1))))
    expected = {
        e.ticket.case_id
        for e in entries
        if date(2024, 1, 1) <= e.ticket.opened_on < date(2025, 1, 1)
    }
    assert set(shown_cases(model)) == expected
    assert 0 < len(expected) < 400


def test_100_000_rows_sort_and_filter_correctly(qtbot: QtBot) -> None:
    entries = synthetic_entries(100_000)
    model = TicketModel()
    model.load(entries)
    assert model.rowCount() == 100_000

    model.sort(COL_OPENED, Qt.SortOrder.DescendingOrder)
    latest = max(e.ticket.opened_on for e in entries)
    assert model.data(model.index(0, COL_OPENED), RAW_ROLE) == latest
    assert model.data(model.index(99_999, COL_OPENED), RAW_ROLE) == date(2024, 1, 1)
    model.sort(COL_CASE, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, COL_CASE)) == "C-000000"
    assert model.data(model.index(99_999, COL_CASE)) == "C-099999"

    model.set_filter(TicketFilter(search="c-0012"))
    assert shown_cases(model) == [f"C-{i:06d}" for i in range(1200, 1300)]

    model.set_filter(TicketFilter(search="ABOUT sso"))
    expected = [
        e.ticket.case_id
        for e in entries
        if e.ticket.title is not None and "about sso" in e.ticket.title.casefold()
    ]
    assert shown_cases(model) == sorted(expected)

    wanted = TicketFilter(
        classification=Classification.PRODUCT_BUG,
        bucket=BucketFilter.PACK,
        outcome=Outcome.CHARGED,
        period=(date(2025, 1, 1), date(2026, 1, 1)),
    )
    model.set_filter(wanted)
    expected = [
        e.ticket.case_id
        for e in entries
        if e.ticket.classification is Classification.PRODUCT_BUG
        and e.bucket is PACK
        and e.outcome is Outcome.CHARGED
        and date(2025, 1, 1) <= e.ticket.opened_on < date(2026, 1, 1)
    ]
    assert expected and shown_cases(model) == sorted(expected)
    model.sort(COL_OPENED, Qt.SortOrder.AscendingOrder)  # sorting keeps the filter
    assert len(shown_cases(model)) == len(expected)
    assert column(model, COL_OPENED, RAW_ROLE) == sorted(column(model, COL_OPENED, RAW_ROLE))

    model.set_filter(TicketFilter(bucket=BucketFilter.NONE))
    assert model.rowCount() == 25_000
    model.set_filter(TicketFilter())
    assert model.rowCount() == 100_000


def test_a_changed_entry_is_announced_with_data_changed(qtbot: QtBot) -> None:
    entries = synthetic_entries(50)
    model = TicketModel()
    model.load(entries)
    model.sort(COL_CASE, Qt.SortOrder.AscendingOrder)
    changed = list(entries)
    old = changed[7]
    changed[7] = LedgerEntry(
        Ticket(old.ticket.case_id, old.ticket.opened_on, classification=Classification.PRODUCT_BUG),
        old.source,
        Outcome.NOT_DEDUCTED_BUG,
        None,
    )
    with (
        qtbot.assertNotEmitted(model.modelReset),
        qtbot.waitSignal(model.dataChanged) as signal,
    ):
        model.load(changed)
    top_left: QModelIndex = signal.args[0]
    assert model.data(model.index(top_left.row(), COL_CASE)) == old.ticket.case_id
    assert model.data(model.index(top_left.row(), COL_OUTCOME)) == outcome_text(
        Outcome.NOT_DEDUCTED_BUG
    )
    # Sorted by outcome, the same change moves the row: a layout change, still no reset.
    model.load(entries)
    model.sort(COL_OUTCOME, Qt.SortOrder.AscendingOrder)
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.layoutChanged):
        model.load(changed)
    outcomes = [t.casefold() for t in column(model, COL_OUTCOME)]
    assert outcomes == sorted(outcomes)
    # Other cases: a reset.
    with qtbot.waitSignal(model.modelReset):
        model.load(changed[:-1])
    assert model.rowCount() == 49


# The dialog -------------------------------------------------------------------------------


def wait_for_text(qtbot: QtBot, label: QLabel, condition: Callable[[str], bool]) -> None:
    qtbot.waitUntil(lambda: condition(label.text()), timeout=10_000)


def test_adding_a_ticket_shows_eligibility_first_then_charges_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = tickets_page(window)
    before = remaining_total(window)
    dialog = page.add_ticket()
    assert dialog.isVisible() and page.dialog is dialog
    assert dialog.day() == DEMO_TODAY
    wait_for_text(qtbot, dialog.eligibility, lambda t: t.startswith("Eligible on 2026-03-02"))
    assert not dialog.save_button.isEnabled()  # no case id yet

    dialog.case_id.setText("NEW-1")
    dialog.title_edit.setText("Analyst training")
    dialog.set_category(Category.TRAINING)
    wait_for_text(qtbot, dialog.eligibility, lambda t: "not included in S&M" in t)
    assert dialog.eligibility.text().startswith("Not eligible on 2026-03-02")
    assert dialog.eligibility_result is not None and not dialog.eligibility_result.eligible

    dialog.set_category(Category.PRODUCT)
    wait_for_text(qtbot, dialog.eligibility, lambda t: t.startswith("Eligible"))
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    wait_for_refresh(qtbot, window)

    assert not dialog.isVisible()
    assert remaining_total(window) == before - 1
    row = page.model.row_of("NEW-1")
    assert row is not None
    assert page.model.data(page.model.index(row, COL_OUTCOME)) == "Charged"
    assert [e.ticket.case_id for e in page.selected_entries()] == ["NEW-1"]
    overview = window.pages["overview"]
    summaries = [label.text() for label in overview.findChildren(QLabel, "tickets-summary")]
    assert any(text.startswith(f"{before - 1} ticket(s) left") for text in summaries)


def test_classifying_a_ticket_as_product_bug_restores_the_balance(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = tickets_page(window)
    before = remaining_total(window)
    window.run_action(lambda console: console.add_ticket(Ticket("NEW-2", DEMO_TODAY)))
    wait_for_refresh(qtbot, window)
    assert remaining_total(window) == before - 1

    assert page.select_case("NEW-2")
    assert page.buttons["bug"].isEnabled() and page.buttons["edit"].isEnabled()
    page.buttons["bug"].click()
    wait_for_refresh(qtbot, window)
    assert remaining_total(window) == before
    row = page.model.row_of("NEW-2")
    assert row is not None
    assert page.model.data(page.model.index(row, COL_OUTCOME)) == "Product bug (free)"
    assert [e.ticket.case_id for e in page.selected_entries()] == ["NEW-2"]  # no reset

    page.customer_action.trigger()
    wait_for_refresh(qtbot, window)
    assert remaining_total(window) == before - 1


def test_editing_a_ticket_through_the_dialog(window: MainWindow, qtbot: QtBot) -> None:
    page = tickets_page(window)
    before = remaining_total(window)
    assert page.select_case("LOCAL-2")  # training: out of scope
    dialog = page.edit_ticket()
    assert isinstance(dialog, TicketDialog)
    assert dialog.case_id.text() == "LOCAL-2" and dialog.case_id.isReadOnly()
    assert dialog.category.currentData() == "training"
    dialog.set_category(Category.PRODUCT)
    wait_for_text(qtbot, dialog.eligibility, lambda t: t.startswith("Eligible"))
    dialog.save_button.click()
    wait_for_refresh(qtbot, window)
    assert remaining_total(window) == before - 1
    row = page.model.row_of("LOCAL-2")
    assert row is not None
    assert page.model.data(page.model.index(row, COL_OUTCOME)) == "Charged"


def test_a_duplicate_case_id_is_an_error_and_adds_nothing(window: MainWindow, qtbot: QtBot) -> None:
    page = tickets_page(window)
    before = remaining_total(window)
    dialog = page.add_ticket()
    dialog.case_id.setText("CS-1001")
    dialog.save_button.click()
    wait_for_refresh(qtbot, window)
    assert window.last_error is not None
    assert "CS-1001" in window.last_error and "already exists" in window.last_error
    assert dialog.isVisible() and dialog.save_button.isEnabled()  # still there to correct
    assert page.model.total_count == 13
    assert remaining_total(window) == before


# CSV --------------------------------------------------------------------------------------


def test_csv_export_then_import_round_trip(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    page = tickets_page(window)
    exported = tmp_path / "tickets.csv"
    with qtbot.waitSignal(page.csv_exported, timeout=10_000):
        page.export_csv(exported)
    lines = exported.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("case_id,opened_on,kind,classification,category,title")
    assert len(lines) == 14
    assert "Exported 13 ticket(s)" in page.result.text()

    renamed = tmp_path / "renamed.csv"
    renamed.write_text(
        "\n".join([lines[0], *("RT-" + line for line in lines[1:])]) + "\n", encoding="utf-8"
    )
    page.import_csv(renamed)
    wait_for_refresh(qtbot, window)
    assert page.result.text() == "Imported 13 ticket(s)."
    assert page.model.total_count == 26
    page.search.setText("rt-")
    assert set(shown_cases(page.model)) == {f"RT-{case}" for case in DEMO_CASES}
    row = page.model.row_of("RT-CS-1005")
    assert row is not None
    assert page.model.data(page.model.index(row, COL_OUTCOME)) == "Out of scope"


def test_a_csv_with_a_bad_row_names_it_and_imports_nothing(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    page = tickets_page(window)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "case_id,opened_on,kind,classification,category,title\n"
        "GOOD-1,2026-02-01,incident,customer,product,Fine\n"
        "BAD-1,2026-02-30,incident,customer,product,No such day\n",
        encoding="utf-8",
    )
    page.import_csv(bad)
    wait_for_refresh(qtbot, window)
    assert window.last_error is not None
    assert "Row 3:" in window.last_error and "2026-02-30" in window.last_error
    assert "Nothing was imported" in page.result.text()
    assert page.model.total_count == 13
    assert page.model.row_of("GOOD-1") is None


def test_a_large_csv_import_can_be_cancelled_and_imports_nothing(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    page = tickets_page(window)
    big = tmp_path / "big.csv"
    rows = [
        f"BIG-{i:06d},2026-02-{1 + i % 28:02d},incident,customer,product,Row {i}"
        for i in range(60_000)
    ]
    big.write_text(
        "case_id,opened_on,kind,classification,category,title\n" + "\n".join(rows) + "\n"
    )
    page.import_csv(big)
    assert not page.cancel_import.isHidden()
    page.cancel_import.click()  # the worker is still reading or parsing the 60,000 rows
    wait_for_refresh(qtbot, window)
    assert page.result.text() == "The import was cancelled: nothing was imported."
    assert page.cancel_import.isHidden()
    assert page.model.total_count == 13
    assert window.last_error is None


def test_import_csv_stops_before_the_commit_when_cancelled(
    window: MainWindow, tmp_path: Path
) -> None:
    """The service asks a last time inside the transaction, after the rows were written."""
    from app.errors import Cancelled

    console = window.console
    assert console is not None
    csv_file = tmp_path / "few.csv"
    csv_file.write_text("case_id,opened_on\nLATE-1,2026-02-01\n")
    answers = iter([False, False, True])  # after reading, after parsing, before the commit
    with pytest.raises(Cancelled):
        console.import_tickets_csv(csv_file, lambda: next(answers))
    assert all(e.ticket.case_id != "LATE-1" for e in console.list_tickets(window.dashboard.as_of))  # type: ignore[union-attr]


# Chart and reconciliation -----------------------------------------------------------------


def test_the_chart_shows_the_periods_usage(window: MainWindow) -> None:
    page = tickets_page(window)
    assert window.dashboard is not None
    chart = page.chart
    assert chart.data.months == window.dashboard.usage
    assert chart.data.allocation == 6
    assert chart.data.period == (date(2025, 4, 16), date(2026, 4, 16))
    description = chart.accessibleDescription()
    assert "allocation 6 ticket(s); 4 drawn from the period, 4 from packs, 2 product bug" in (
        description
    )
    assert "Jan 2026: 2 from the period" in description
    assert "DEMO-PACK-B, 8 tickets, 8 left" in page.packs_label.text()
    assert chart.accessibleName() == "Monthly ticket usage"
    assert not chart.grab().isNull()  # paints without a Qt warning
    chart.set_usage(None, 0, (), ())
    assert chart.accessibleDescription() == "No ticket period contains today."
    assert not chart.grab().isNull()


def test_reconciliation_lists_the_local_only_tickets(window: MainWindow) -> None:
    page = tickets_page(window)
    table = page.reconciliation

    def item(row: int, col: int) -> QTableWidgetItem:
        cell = table.item(row, col)
        assert cell is not None
        return cell

    rows = {
        (item(r, 0).text(), item(r, 1).data(Qt.ItemDataRole.UserRole))
        for r in range(table.rowCount())
    }
    assert rows == {("LOCAL-1", "local_only"), ("LOCAL-2", "local_only"), ("LOCAL-3", "local_only")}
    assert {item(r, 1).text() for r in range(table.rowCount())} == {"Only in the local ledger"}
    assert page.reconciliation_summary.text().startswith("3 difference(s)")


def test_every_control_is_named_and_reachable_from_the_keyboard(window: MainWindow) -> None:
    page = tickets_page(window)
    dialog = page.add_ticket()
    controls = [
        widget
        for parent in (page, dialog)
        for kind in (QLineEdit, QComboBox, QPushButton, QTableView, QDateEdit)
        for widget in parent.findChildren(kind)
        if widget.parent() is not None and not widget.objectName().startswith("qt_")
    ]
    controls.append(page.chart)
    named = [w for w in controls if w.accessibleName()]
    assert len(named) >= 20
    for widget in controls:
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox | QDateEdit):
            continue  # the editor inside a combo box or date edit
        assert widget.accessibleName(), widget
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget


def test_the_period_filter_offers_every_period_of_the_license(window: MainWindow) -> None:
    page = window.pages["tickets"]
    assert window.dashboard is not None
    offered = [page.period_filter.itemData(i) for i in range(page.period_filter.count())]  # type: ignore[attr-defined]
    starts = [start.isoformat() for start, _ in window.dashboard.periods]
    assert len(window.dashboard.periods) == 3  # the demo license covers three years
    # The current period is offered as "this period"; the others by their start day.
    assert all(start in offered for start in starts[1:])
