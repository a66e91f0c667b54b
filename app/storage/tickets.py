"""Local tickets: the cases the admin records, each assigned to a license or not yet (R16).

The vendor's tickets are never stored here: they are read from its verified statements.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import Connection, bindparam, func, insert, select, update
from sqlalchemy.exc import StatementError
from sqlalchemy.types import String, TypeDecorator

from app.errors import StorageError
from app.storage.schema import tickets
from licensing.claims import Category, Classification, Ticket, TicketKind, members_by_value
from licensing.portfolio import LocalTicket

_CHUNK = 500
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
    rows = [_row(t.ticket, t.license_id, now) for t in new]
    for start in range(0, len(rows), _CHUNK):
        connection.execute(insert(tickets), rows[start : start + _CHUNK])


def update_ticket(connection: Connection, ticket: Ticket, license_id: str | None, now: str) -> bool:
    values = _row(ticket, license_id, now)
    del values["case_id"], values["created_at"]
    result = connection.execute(
        update(tickets).where(tickets.c.case_id == ticket.case_id).values(**values)
    )
    return result.rowcount > 0


def assign(connection: Connection, case_ids: Sequence[str], license_id: str, now: str) -> int:
    changed = 0
    for start in range(0, len(case_ids), _CHUNK):
        result = connection.execute(
            update(tickets).where(_CASES_IN).values(license_id=license_id, updated_at=now),
            {"case_ids": list(case_ids[start : start + _CHUNK])},
        )
        changed += result.rowcount
    return changed


def existing_case_ids(connection: Connection, case_ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    query = select(tickets.c.case_id).where(_CASES_IN)
    for start in range(0, len(case_ids), _CHUNK):
        chunk = list(case_ids[start : start + _CHUNK])
        found.update(connection.execute(query, {"case_ids": chunk}).scalars())
    return found


_KINDS = members_by_value(TicketKind)
_CLASSIFICATIONS = members_by_value(Classification)
_CATEGORIES = members_by_value(Category)


class _Text(TypeDecorator[str]):
    """A column read as the text it holds, to name a row whose value the driver cannot read."""

    impl = String
    cache_ok = True


def load_tickets(connection: Connection) -> list[LocalTicket]:
    """Every local ticket; a row that cannot be read is named in a `StorageError`."""
    try:
        rows = connection.execute(select(*_COLUMNS)).all()
    except (StatementError, ValueError, TypeError):
        raise _unreadable_date(connection) from None
    loaded = []
    for case_id, license_id, opened_on, kind, classification, category, title in rows:
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
            ticket = Ticket(
                case_id,
                opened_on,
                _KINDS[kind],
                _CLASSIFICATIONS[classification],
                _CATEGORIES[category],
                title,
            )
        except KeyError as exc:
            raise StorageError(
                f"the stored ticket {case_id!r} cannot be read: {exc.args[0]!r} is not a value "
                "this console knows; correct or delete that row of the tickets table"
            ) from None
        loaded.append(LocalTicket(ticket, license_id))
    return loaded


def _unreadable_date(connection: Connection) -> StorageError:
    query = select(tickets.c.case_id, tickets.c.opened_on.cast(_Text()))
    for case_id, text in connection.execute(query):
        try:
            date.fromisoformat(str(text))
        except ValueError:
            return StorageError(
                f"the stored ticket {case_id!r} cannot be read: its opened_on {str(text)[:40]!r} "
                "is not a date; correct or delete that row of the tickets table"
            )
    return StorageError("a stored ticket cannot be read; check the tickets table")


def timestamps(connection: Connection) -> Iterable[object]:
    """The latest creation and change times of the local tickets (the clock mark, R15)."""
    row = connection.execute(
        select(func.max(tickets.c.created_at), func.max(tickets.c.updated_at))
    ).one()
    return tuple(row)
