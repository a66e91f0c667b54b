"""The clock mark (docs/rules.md R15): the latest date the console has seen, from every timestamp
it stores, so that deleting one row does not lower it; and its acknowledgement.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from app.storage import state
from app.storage.times import day_of
from licensing import rules
from licensing.portfolio import Portfolio
from licensing.rules import ClockState, clock_state
from licensing.warnings import Severity, StatusWarning, WarningCode, warning

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from app.console import Console


def clock_mark(connection: Connection, portfolio: Portfolio) -> date | None:
    """The mark (`licensing.rules.clock_mark`) over what is stored: the console's latest run,
    and the latest import, creation and change times of documents, tickets, disputes and
    requests."""
    recorded = [state.latest_run(connection)]
    recorded += [day_of(value) for value in state.latest_timestamps(connection)]
    return rules.clock_mark(recorded, portfolio)


def clock_warning(
    console: Console, connection: Connection, portfolio: Portfolio
) -> StatusWarning | None:
    """R15: `clock_rollback` when the system date is behind the mark; the info note
    `clock_acknowledged` once the admin said the mark came from a clock that was ahead."""
    mark = clock_mark(connection, portfolio)
    acknowledged = state.acknowledgement(connection)
    answer = clock_state(
        console.today, mark, acknowledged.mark if acknowledged else None, console.policy
    )
    if answer is ClockState.OK:
        return None
    assert mark is not None  # with no mark the clock is OK
    if answer is ClockState.ACKNOWLEDGED:
        assert acknowledged is not None
        return warning(
            WarningCode.CLOCK_ACKNOWLEDGED,
            Severity.OK,
            today=console.today,
            latest_seen=mark,
            acknowledged_on=acknowledged.on,
        )
    return warning(
        WarningCode.CLOCK_ROLLBACK, Severity.WARNING, today=console.today, latest_seen=mark
    )


def acknowledge(console: Console) -> date:
    """Records that the current mark came from a clock that was ahead; returns the mark."""
    from app.reading import read_portfolio

    with console.database.write() as connection:
        mark = clock_mark(connection, read_portfolio(console, connection))
        if mark is None or clock_state(console.today, mark, None, console.policy) is ClockState.OK:
            from app.errors import UserError

            raise UserError(
                "the clock is not behind any date this console has seen: nothing to acknowledge"
            )
        state.acknowledge(connection, mark, console.today)
    return mark
