"""The ticket model: Qt's model contract, sorting and filtering inside the model (100,000 rows),
disputes and unassigned tickets in words, and refreshes that keep the view's place."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from licensing.claims import Category, Classification, Ticket, TicketKind
from licensing.ledger import Bucket, BucketKind, Outcome
from licensing.portfolio import Dispute, TicketEntry, TicketSource
from ui.ticket_model import (
    COL_BUCKET,
    COL_CASE,
    COL_DISPUTE,
    COL_LICENSE,
    COL_OPENED,
    COL_OUTCOME,
    COL_TITLE,
    COLUMN_COUNT,
    ENTRY_ROLE,
    RAW_ROLE,
    Show,
    TicketFilter,
    TicketModel,
)
from ui.wording import outcome_text

PERIOD = Bucket(
    kind=BucketKind.ANNUAL,
    key="2025-01-01",
    starts_on=date(2025, 1, 1),
    expires_on=date(2026, 1, 1),
    size=6,
)
PACK = Bucket(
    kind=BucketKind.PACK,
    key="P-1",
    starts_on=date(2025, 3, 1),
    expires_on=date(2026, 3, 1),
    size=4,
)
DISPUTED_AT = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)


def dispute_of(ticket: Ticket) -> Dispute:
    return Dispute(
        case_id=ticket.case_id,
        opened_on=None,
        kind=None,
        classification=Classification.PRODUCT_BUG,
        category=None,
        reason="the fault is fixed in 11.0.3",
        disputed_by="alice",
        disputed_at=DISPUTED_AT,
    )


def synthetic_entries(count: int) -> list[TicketEntry]:
    """A varied ledger of two licenses: every kind, classification, category, outcome, bucket,
    source; every 10th vendor ticket disputed, every 50th local one unassigned."""
    kinds, classes, categories = list(TicketKind), list(Classification), list(Category)
    outcomes = [o for o in Outcome if o is not Outcome.UNASSIGNED]
    entries = []
    for i in range(count):
        ticket = Ticket(
            f"C-{i:06d}",
            date(2024, 1, 1) + timedelta(days=(i * 7) % 700),
            kinds[i % len(kinds)],
            classes[(i // 2) % len(classes)],
            categories[i % len(categories)],
            f"Question {i} about SSO" if i % 3 == 0 else None,
        )
        vendor = i % 2 == 0
        unassigned = not vendor and i % 50 == 1
        outcome = Outcome.UNASSIGNED if unassigned else outcomes[i % len(outcomes)]
        bucket = (PERIOD, PACK)[i % 2] if outcome is Outcome.CHARGED else None
        entries.append(
            TicketEntry(
                ticket,
                None if unassigned else ("LIC-A", "LIC-B")[(i // 3) % 2],
                TicketSource.VENDOR if vendor else TicketSource.LOCAL,
                outcome,
                bucket,
                dispute_of(ticket) if vendor and i % 10 == 0 else None,
            )
        )
    return entries


def column(model: TicketModel, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> list[Any]:
    return [model.data(model.index(row, col), role) for row in range(model.rowCount())]


def shown_cases(model: TicketModel) -> list[str]:
    return column(model, COL_CASE)


def test_the_model_passes_the_model_tester(qtmodeltester: Any) -> None:
    qtmodeltester.check(TicketModel())
    model = TicketModel()
    model.load(synthetic_entries(300))
    qtmodeltester.check(model)
    model.sort(COL_OUTCOME, Qt.SortOrder.DescendingOrder)
    model.set_filter(TicketFilter(search="sso", show=Show.VENDOR))
    qtmodeltester.check(model)
    assert 0 < model.rowCount() < 300
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.columnCount() == COLUMN_COUNT


def sort_values(model: TicketModel, col: int) -> list[Any]:
    """What a column must be ordered by: dates as dates, buckets by kind then key, disputes by
    state (open first, none last), everything else by the words shown."""
    if col == COL_OPENED:
        return column(model, col, RAW_ROLE)
    if col == COL_BUCKET:
        rank = {BucketKind.ANNUAL: 0, BucketKind.PACK: 1, None: 2}
        entries = column(model, col, ENTRY_ROLE)
        return [
            (rank[e.bucket.kind if e.bucket else None], e.bucket.key if e.bucket else "")
            for e in entries
        ]
    if col == COL_DISPUTE:
        return [0 if e.dispute else 1 for e in column(model, col, ENTRY_ROLE)]
    if col == COL_LICENSE:
        return [value.casefold() for value in column(model, col, RAW_ROLE)]
    return [text.casefold() for text in column(model, col)]


@pytest.mark.parametrize("col", range(COLUMN_COUNT))
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_the_model_sorts_by_every_column_in_both_orders(col: int, order: Qt.SortOrder) -> None:
    model = TicketModel()
    model.load(synthetic_entries(500))
    model.sort(col, order)
    values = sort_values(model, col)
    assert values == sorted(values, reverse=order is Qt.SortOrder.DescendingOrder)
    assert len(set(shown_cases(model))) == 500
    assert model.sort_column == col and model.sort_order is order


def test_the_model_filters_by_search_outcome_period_and_what_to_show() -> None:
    entries = synthetic_entries(1000)
    model = TicketModel()
    model.load(entries)
    cases = {
        Show.VENDOR: {e.ticket.case_id for e in entries if e.source is TicketSource.VENDOR},
        Show.LOCAL: {e.ticket.case_id for e in entries if e.source is TicketSource.LOCAL},
        Show.DISPUTED: {e.ticket.case_id for e in entries if e.dispute is not None},
        Show.UNASSIGNED: {e.ticket.case_id for e in entries if e.license_id is None},
    }
    for show, expected in cases.items():
        model.set_filter(TicketFilter(show=show))
        assert set(shown_cases(model)) == expected and expected, show
    model.set_filter(TicketFilter(search="lic-b", outcome=Outcome.CHARGED))
    assert set(shown_cases(model)) == {
        e.ticket.case_id
        for e in entries
        if e.license_id == "LIC-B" and e.outcome is Outcome.CHARGED
    }
    period = (date(2024, 1, 1), date(2025, 1, 1))
    model.set_filter(TicketFilter(period=period))
    expected_days = {
        e.ticket.case_id for e in entries if period[0] <= e.ticket.opened_on < period[1]
    }
    assert set(shown_cases(model)) == expected_days and 0 < len(expected_days) < 1000


def test_disputes_and_unassigned_tickets_are_shown_in_words() -> None:
    entries = synthetic_entries(60)
    model = TicketModel()
    model.load(entries)
    disputed = next(e for e in entries if e.dispute is not None)
    row = model.row_of(disputed.ticket.case_id)
    assert row is not None
    assert model.data(model.index(row, COL_DISPUTE)) == "Disputed"
    tooltip = model.data(model.index(row, COL_DISPUTE), Qt.ItemDataRole.ToolTipRole)
    assert "alice" in tooltip and "1 Jun 2025" in tooltip and "fixed in 11.0.3" in tooltip
    assert "Product bug" in tooltip
    plain = next(e for e in entries if e.dispute is None)
    assert model.data(model.index(model.row_of(plain.ticket.case_id) or 0, COL_DISPUTE)) == ""
    lost = next(e for e in entries if e.license_id is None)
    row = model.row_of(lost.ticket.case_id)
    assert row is not None
    assert model.data(model.index(row, COL_LICENSE)) == "Unassigned"
    assert model.data(model.index(row, COL_LICENSE), RAW_ROLE) == ""
    assert model.data(model.index(row, COL_OUTCOME)) == outcome_text(Outcome.UNASSIGNED)


def test_a_title_that_looks_like_markup_stays_text_in_its_tooltip() -> None:
    ticket = Ticket("C-1", date(2025, 2, 1), title="<b>bold</b> & <img src=x>")
    model = TicketModel()
    model.load([TicketEntry(ticket, "LIC-A", TicketSource.LOCAL, Outcome.CHARGED, PERIOD, None)])
    tooltip = model.data(model.index(0, COL_TITLE), Qt.ItemDataRole.ToolTipRole)
    assert "<b>" not in tooltip and "&lt;b&gt;bold&lt;/b&gt;" in tooltip


def test_100_000_rows_sort_and_filter_inside_the_model_quickly() -> None:
    entries = synthetic_entries(100_000)
    model = TicketModel()
    model.load(entries)
    assert model.rowCount() == 100_000

    started = time.perf_counter()
    model.sort(COL_OPENED, Qt.SortOrder.DescendingOrder)
    sort_seconds = time.perf_counter() - started
    assert model.data(model.index(0, COL_OPENED), RAW_ROLE) == max(
        e.ticket.opened_on for e in entries
    )
    model.sort(COL_CASE, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(99_999, COL_CASE)) == "C-099999"

    started = time.perf_counter()
    model.set_filter(TicketFilter(search="c-0012"))
    filter_seconds = time.perf_counter() - started
    assert shown_cases(model) == [f"C-{i:06d}" for i in range(1200, 1300)]
    # A proxy model takes seconds here; inside the model it is tens of milliseconds.
    assert sort_seconds < 1.0 and filter_seconds < 0.5, (sort_seconds, filter_seconds)

    model.set_filter(TicketFilter(outcome=Outcome.CHARGED, show=Show.DISPUTED))
    expected = sorted(
        e.ticket.case_id for e in entries if e.outcome is Outcome.CHARGED and e.dispute
    )
    assert expected and shown_cases(model) == expected
    model.set_filter(TicketFilter())
    assert model.rowCount() == 100_000


def test_a_changed_entry_is_announced_with_data_changed(qtbot: QtBot) -> None:
    entries = synthetic_entries(50)
    model = TicketModel()
    model.load(entries)
    model.sort(COL_CASE, Qt.SortOrder.AscendingOrder)
    changed = list(entries)
    old = changed[5]  # a customer ticket, charged to a pack
    changed[5] = old._replace(
        ticket=old.ticket._replace(classification=Classification.PRODUCT_BUG),
        outcome=Outcome.NOT_DEDUCTED_BUG,
        bucket=None,
    )
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged) as signal:
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


def test_shown_entries_follow_the_filter_and_the_sort() -> None:
    entries = synthetic_entries(200)
    model = TicketModel()
    model.load(entries)
    model.set_filter(TicketFilter(search="sso"))
    model.sort(COL_CASE, Qt.SortOrder.DescendingOrder)
    shown = model.shown_entries()
    assert [e.ticket.case_id for e in shown] == shown_cases(model)
    assert [e.ticket.case_id for e in shown] == sorted(
        (e.ticket.case_id for e in entries if e.ticket.title and "sso" in e.ticket.title.lower()),
        reverse=True,
    )
