"""The clock mark (docs/rules.md R15): the latest date seen comes from every stored timestamp,
so deleting one row does not lower it; a mark from a clock that was ahead is acknowledged once,
recorded with its date, and turns the warning into an info note until a later mark."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from app.clock import acknowledge
from app.console import Console
from app.errors import UserError
from app.status import portfolio_status
from app.tickets import add_ticket
from licensing.claims import DocumentType, Ticket
from licensing.warnings import Severity, WarningCode
from tests.factories import Vendor, license_claims

Make = Callable[..., Console]


def _codes(console: Console) -> dict[WarningCode, Severity]:
    return {w.code: w.severity for w in portfolio_status(console, console.today).all_warnings}


def test_the_mark_comes_from_every_timestamp(make_console: Make, database_url: str) -> None:
    ahead = make_console(today=date(2026, 6, 1))  # the clock was a year ahead that day
    ahead.record_run()
    now = make_console(today=date(2025, 6, 1))
    assert _codes(now)[WarningCode.CLOCK_ROLLBACK] is Severity.WARNING
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM app_state"))
    engine.dispose()
    assert WarningCode.CLOCK_ROLLBACK not in _codes(now), "only the run mark held that date"


def test_deleting_the_run_mark_does_not_hide_later_timestamps(
    make_console: Make, database_url: str, vendor: Vendor
) -> None:
    from app.importing import import_files

    ahead = make_console(today=date(2026, 6, 1))
    assert import_files(ahead, [vendor.write(DocumentType.LICENSE, license_claims())]).succeeded
    add_ticket(ahead, Ticket("C-1", date(2025, 5, 1)))
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM app_state"))
    engine.dispose()
    now = make_console(today=date(2025, 6, 1))
    codes = _codes(now)
    assert codes[WarningCode.CLOCK_ROLLBACK] is Severity.WARNING  # imports and tickets hold it
    facts = next(
        w.facts
        for w in portfolio_status(now, now.today).all_warnings
        if w.code is WarningCode.CLOCK_ROLLBACK
    )
    assert facts["latest_seen"] == date(2026, 6, 1)


def test_acknowledging_a_clock_that_was_ahead(make_console: Make) -> None:
    ahead = make_console(today=date(2026, 6, 1))
    ahead.record_run()
    now = make_console(today=date(2025, 6, 1))
    assert acknowledge(now) == date(2026, 6, 1)
    warnings = portfolio_status(now, now.today).all_warnings
    note = next(w for w in warnings if w.code is WarningCode.CLOCK_ACKNOWLEDGED)
    assert note.severity is Severity.OK
    assert note.facts["acknowledged_on"] == date(2025, 6, 1)
    assert WarningCode.CLOCK_ROLLBACK not in {w.code for w in warnings}
    # The mark stays; a later, higher mark (the clock ahead again) warns again.
    further = make_console(today=date(2026, 9, 1))
    further.record_run()
    assert _codes(now)[WarningCode.CLOCK_ROLLBACK] is Severity.WARNING


def test_as_of_is_an_evaluation_day_never_a_rollback(make_console: Make) -> None:
    console = make_console(today=date(2025, 6, 1))
    console.record_run()
    status = portfolio_status(console, date(2020, 1, 1))
    assert WarningCode.CLOCK_ROLLBACK not in {w.code for w in status.all_warnings}


def test_there_is_nothing_to_acknowledge_on_a_correct_clock(make_console: Make) -> None:
    console = make_console(today=date(2025, 6, 1))
    console.record_run()
    with pytest.raises(UserError, match="nothing to acknowledge"):
        acknowledge(console)
