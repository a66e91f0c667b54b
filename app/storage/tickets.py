"""Local tickets: the cases the admin records, each assigned to a license or not yet (R16).

The vendor's tickets are never stored here: they are read from its verified statements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from app.errors import StorageError
from app.storage import in_chunks
from app.storage.schema import tickets
from licensing.claims import Category, Classification, Ticket, TicketKind, members_by_value
from licensing.portfolio import LocalTicket

_COLUMNS = (
    tickets.c.case_id,
    tickets.c.license_id,
    tickets.c.opened_on,
    tickets.c.kind,
    tickets.c.classification,
    tickets.c.category,
    tickets.c.title,
)
_CASES_IN = tickets.c.case_id.in_(bindparam("case_ids", expanding=True))
_LOAD = select(*_COLUMNS)


def _row(ticket: Ticket, license_id: str | None, now: str) -> dict[str, object]:
    return {
        "case_id": ticket.case_id,
        "license_id": license_id,
        "opened_on": ticket.opened_on,
        "kind": ticket.kind.value,
        "classification": ticket.classification.value,
        "category": ticket.category.value,
        "title": ticket.title,
        "created_at": now,
        "updated_at": now,
    }


def insert_tickets(connection: Connection, new: Sequence[LocalTicket], now: str) -> None:
    if new:  # one executemany: no IN list, so no limit of bound parameters applies
        connection.execute(insert(tickets), [_row(t.ticket, t.license_id, now) for t in new])


def update_ticket(connection: Connection, ticket: Ticket, license_id: str | None, now: str) -> bool:
    values = _row(ticket, license_id, now)
    del values["case_id"], values["created_at"]
    result = connection.execute(
        update(tickets).where(tickets.c.case_id == ticket.case_id).values(**values)
    )
    return result.rowcount > 0


def assign(connection: Connection, case_ids: Sequence[str], license_id: str, now: str) -> int:
    changed = 0
    for chunk in in_chunks(case_ids):
        result = connection.execute(
            update(tickets).where(_CASES_IN).values(license_id=license_id, updated_at=now),
            {"case_ids": chunk},
        )
        changed += result.rowcount
    return changed


def existing_case_ids(connection: Connection, case_ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    query = select(tickets.c.case_id).where(_CASES_IN)
    for chunk in in_chunks(case_ids):
        found.update(connection.execute(query, {"case_ids": chunk}).scalars())
    return found


_KINDS = members_by_value(TicketKind)
_CLASSIFICATIONS = members_by_value(Classification)
_CATEGORIES = members_by_value(Category)


def load_tickets(connection: Connection) -> dict[str | None, list[Ticket]]:
    """Every local ticket by license id (None: unassigned); a row that cannot be read is named
    in a `StorageError`."""
    # 100,000 rows and more, read through the driver's own cursor: SQLAlchemy's rows cost 40 ms
    # more per 100,000 (P9: 2.6x its floor through them, 2.4x so). The statement is still
    # SQLAlchemy's, compiled for the connection's dialect; dates come as text from SQLite.
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(_LOAD.compile(dialect=connection.dialect)))
        return _tickets(cursor)
    finally:
        cursor.close()


def _tickets(rows: Iterable[tuple[Any, ...]]) -> dict[str | None, list[Ticket]]:
    """The rows one at a time, not all fetched first: the window's peak memory with 100,000
    tickets is about 45 MiB lower so (P6)."""
    loaded: defaultdict[str | None, list[Ticket]] = defaultdict(list)
    # The rows are made with tuple.__new__ and the maps held in locals (230 ms as written
    # plainly, 165 ms so; the driver's fetch alone is 105 ms).
    new, day_of = tuple.__new__, date.fromisoformat
    kinds, classifications, categories = _KINDS, _CLASSIFICATIONS, _CATEGORIES
    for case_id, license_id, opened_on, kind, classification, category, title in rows:
        if type(opened_on) is not date:
            try:
                opened_on = day_of(opened_on)
            except (TypeError, ValueError):
                raise StorageError(
                    f"the stored ticket {str(case_id)[:100]!r} cannot be read: its opened_on "
                    f"{str(opened_on)[:40]!r} is not a date; correct or delete that row of the "
                    "tickets table"
                ) from None
        if not (
            type(case_id) is str
            and (license_id is None or type(license_id) is str)
            and (title is None or type(title) is str)
        ):
            raise StorageError(
                f"the stored ticket {str(case_id)[:100]!r} cannot be read: its case id, license "
                "id or title is not text; correct or delete that row of the tickets table"
            )
        try:
            ticket = new(
                Ticket,
                (
                    case_id,
                    opened_on,
                    kinds[kind],
                    classifications[classification],
                    categories[category],
                    title,
                ),
            )
        except (KeyError, TypeError) as exc:  # TypeError: a value that cannot be a key
            raise StorageError(
                f"the stored ticket {case_id!r} cannot be read: {str(exc)[:60]} is not a value "
                "this console knows; correct or delete that row of the tickets table"
            ) from None
        loaded[license_id].append(ticket)
    return loaded
