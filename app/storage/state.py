"""The console's own state: the date of its latest run and the clock acknowledgement (R15)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, delete, func, insert, select

from app.storage.schema import app_state, disputes, documents, requests, tickets

LATEST_RUN = "latest_seen_date"
CLOCK_ACKNOWLEDGED = "clock_acknowledged"


def _get(connection: Connection, key: str) -> str | None:
    value = connection.execute(select(app_state.c.value).where(app_state.c.key == key)).scalar()
    return None if value is None else str(value)


def _set(connection: Connection, key: str, value: str) -> None:
    connection.execute(delete(app_state).where(app_state.c.key == key))
    connection.execute(insert(app_state).values(key=key, value=value))


def _day(text: str | None) -> date | None:
    try:
        return None if text is None else date.fromisoformat(text)
    except ValueError:
        return None  # a value edited by hand: the other timestamps still hold the mark


def latest_run(connection: Connection) -> date | None:
    return _day(_get(connection, LATEST_RUN))


def latest_timestamps(connection: Connection) -> tuple[object, ...]:
    """The latest import, ticket, request and dispute times, in one query (the clock mark, R15;
    a value edited by hand is returned as it is and left out by the caller)."""
    latest = [
        select(func.max(column)).scalar_subquery()
        for column in (
            documents.c.imported_at,
            tickets.c.created_at,
            tickets.c.updated_at,
            requests.c.created_at,
            requests.c.updated_at,
            disputes.c.disputed_at,
        )
    ]
    return tuple(connection.execute(select(*latest)).one())


def record_run(connection: Connection, today: date) -> None:
    """Moves the date of the latest run forward only; a clock set back never lowers it."""
    current = latest_run(connection)
    if current is None or today > current:
        _set(connection, LATEST_RUN, today.isoformat())


@dataclass(frozen=True, slots=True, kw_only=True)
class Acknowledgement:
    """The mark the admin acknowledged as coming from a clock that was ahead, and when."""

    mark: date
    on: date


def acknowledgement(connection: Connection) -> Acknowledgement | None:
    text = _get(connection, CLOCK_ACKNOWLEDGED)
    try:
        data = json.loads(text) if text else None
        if data is None:
            return None
        return Acknowledgement(
            mark=date.fromisoformat(data["mark"]), on=date.fromisoformat(data["on"])
        )
    except (ValueError, TypeError, KeyError):
        return None


def acknowledge(connection: Connection, mark: date, today: date) -> None:
    _set(
        connection,
        CLOCK_ACKNOWLEDGED,
        json.dumps({"mark": mark.isoformat(), "on": today.isoformat()}),
    )
