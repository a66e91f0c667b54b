"""Reading and writing the stored state: documents, tickets, requests and the clock mark.

Every function takes an open connection from `Database.read()` or `Database.write()`, so a use
case composes several of them into one transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import (
    Connection,
    Dialect,
    Table,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)

from app.storage.schema import app_state, documents, requests, tickets
from licensing.claims import (
    Category,
    Classification,
    DocumentType,
    LicenseClaims,
    ReleaseCatalogClaims,
    RevocationListClaims,
    SupportPackClaims,
    Ticket,
    TicketKind,
    TicketStatementClaims,
    members_by_value,
    parse_claims,
)
from licensing.documents import TrustSource, VerifiedDocument

LATEST_SEEN_DATE = "latest_seen_date"
_CHUNK = 500  # stays under every backend's limit of bound parameters


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _instant(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds")


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def bulk_insert(
    connection: Connection, table: Table, keys: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Inserts `rows` (values in the order of `keys`) with one `executemany` of the driver.

    SQLAlchemy's `execute(insert(table), dicts)` prepares each row's parameters in Python, which
    costs more than the insert itself (10,000 tickets on SQLite: 88 ms against 42 ms). Here the
    statement is compiled once for the connection's dialect and each column's bind processor (a
    date becomes ISO text on SQLite) is looked up once, so any SQLAlchemy database still works.
    """
    if not rows:
        return
    sql, order, processors = _compiled_insert(table, tuple(keys), connection.dialect)
    if any(processors):
        # Column by column: zip transposes in C, and a column without a processor is untouched.
        columns = [
            column if process is None else [process(value) for value in column]
            for column, process in zip(zip(*rows, strict=True), processors, strict=True)
        ]
        rows = list(zip(*columns, strict=True))
    parameters: Sequence[Any]
    if order is None:  # a named paramstyle, such as psycopg's %(name)s
        parameters = [dict(zip(keys, row, strict=True)) for row in rows]
    elif order == tuple(keys):
        parameters = rows
    else:
        positions = [keys.index(key) for key in order]
        parameters = [tuple(row[i] for i in positions) for row in rows]
    connection.exec_driver_sql(sql, parameters)


@lru_cache(maxsize=16)
def _compiled_insert(
    table: Table, keys: tuple[str, ...], dialect: Dialect
) -> tuple[str, tuple[str, ...] | None, list[Callable[[Any], Any] | None]]:
    """The INSERT's text for the dialect, its positional parameter order (None for named
    parameters), and each column's bind processor: compiled once, not once a statement."""
    compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
    order = tuple(compiled.positiontup) if compiled.positiontup is not None else None
    processors: list[Callable[[Any], Any] | None] = [
        table.c[key].type.dialect_impl(dialect).bind_processor(dialect) for key in keys
    ]
    return str(compiled), order, processors


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


# Documents ----------------------------------------------------------------------------------


class StoredDocument(NamedTuple):
    id: int
    type: DocumentType
    kid: str
    trust: TrustSource
    claims: Any
    imported_at: str


def _subject(document: VerifiedDocument) -> tuple[str, int | None, str | None]:
    claims = document.claims
    if isinstance(claims, LicenseClaims):
        return claims.license_id, claims.revision, _instant(claims.issued_at)
    if isinstance(claims, SupportPackClaims):
        return claims.license_id, None, None
    if isinstance(claims, TicketStatementClaims):
        return claims.license_id, None, _instant(claims.issued_at)
    if isinstance(claims, ReleaseCatalogClaims):
        return claims.product_code, None, _instant(claims.issued_at)
    return "", None, _instant(claims.issued_at)


_DIGESTS_IN = select(documents.c.digest).where(
    documents.c.digest.in_(bindparam("digests", expanding=True))
)


def stored_digests(connection: Connection, tokens: Sequence[str]) -> set[str]:
    """The digests of those of `tokens` already stored, in one look-up a chunk."""
    found: set[str] = set()
    for chunk in _chunks([token_digest(token) for token in tokens]):
        found.update(connection.execute(_DIGESTS_IN, {"digests": chunk}).scalars())
    return found


_INSERT_DOCUMENT = insert(documents)


def insert_document(connection: Connection, document: VerifiedDocument, digest: str) -> int:
    """Stores a verified document whose token has `digest` (`token_digest`); returns its id."""
    subject, revision, issued_at = _subject(document)
    result = connection.execute(
        _INSERT_DOCUMENT,
        {
            "digest": digest,
            "doc_type": document.type.value,
            "subject": subject,
            "revision": revision,
            "kid": document.kid,
            "trust": document.trust.value,
            "issued_at": issued_at,
            "claims": document.payload,
            "token": document.token,
            "imported_at": utc_now(),
        },
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def stored_documents(
    connection: Connection, doc_type: DocumentType, subject: str | None = None
) -> list[StoredDocument]:
    """Documents of one type (optionally about one license or product), oldest import first."""
    query = select(
        documents.c.id,
        documents.c.kid,
        documents.c.trust,
        documents.c.claims,
        documents.c.imported_at,
    ).where(documents.c.doc_type == doc_type.value)
    if subject is not None:
        query = query.where(documents.c.subject == subject)
    rows = connection.execute(query.order_by(documents.c.id)).all()
    return [
        StoredDocument(
            row.id,
            doc_type,
            row.kid,
            TrustSource(row.trust),
            parse_claims(doc_type, json.loads(row.claims)),
            row.imported_at,
        )
        for row in rows
    ]


def revoked_licenses(connection: Connection) -> dict[str, str]:
    revoked: dict[str, str] = {}
    for document in stored_documents(connection, DocumentType.REVOCATION_LIST):
        assert isinstance(document.claims, RevocationListClaims)
        for entry in document.claims.revoked:
            revoked.setdefault(entry.license_id, entry.reason)
    return revoked


def latest_issued_date(connection: Connection) -> date | None:
    latest = connection.execute(select(func.max(documents.c.issued_at))).scalar()
    return datetime.fromisoformat(latest).date() if latest else None


# Tickets ------------------------------------------------------------------------------------


TICKET_COLUMNS = (
    "case_id",
    "license_id",
    "opened_on",
    "kind",
    "classification",
    "category",
    "title",
    "source",
    "statement_id",
    "vendor_issued_at",
    "created_at",
    "updated_at",
)


_STORED_VALUE: dict[StrEnum, str] = {
    member: member.value for enum in (TicketKind, Classification, Category) for member in enum
}
"""The text stored for each member: `.value` on an enum member costs about 0.2 us on Python 3.11,
three times a ticket."""


def _ticket_row(
    ticket: Ticket,
    license_id: str | None,
    now: str,
    statement_id: int | None = None,
    vendor_issued_at: str | None = None,
) -> tuple[Any, ...]:
    """A row of `tickets` in the order of TICKET_COLUMNS; the source follows the statement."""
    return (
        ticket.case_id,
        license_id,
        ticket.opened_on,
        _STORED_VALUE[ticket.kind],
        _STORED_VALUE[ticket.classification],
        _STORED_VALUE[ticket.category],
        ticket.title,
        "local" if statement_id is None else "vendor",
        statement_id,
        vendor_issued_at,
        now,
        now,
    )


# Built once with an expanding parameter: a list of literals is coerced value by value each time.
_CASES_IN = tickets.c.case_id.in_(bindparam("case_ids", expanding=True))
_CASE_IDS = select(tickets.c.case_id).where(_CASES_IN)
_EXISTING_CASES = select(tickets.c.case_id, tickets.c.source, tickets.c.vendor_issued_at).where(
    _CASES_IN
)
_DELETE_CASES = delete(tickets).where(_CASES_IN)


def existing_case_ids(connection: Connection, case_ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(case_ids):
        found.update(
            row.case_id for row in connection.execute(_EXISTING_CASES, {"case_ids": chunk})
        )
    return found


def insert_local_tickets(
    connection: Connection, new_tickets: Sequence[Ticket], license_id: str | None
) -> None:
    now = utc_now()
    rows = [_ticket_row(t, license_id, now) for t in new_tickets]
    bulk_insert(connection, tickets, TICKET_COLUMNS, rows)


def apply_statement(
    connection: Connection, statement: TicketStatementClaims, statement_id: int
) -> int:
    """The vendor's record overrides local entries by case_id, unless a newer statement did.

    Returns how many tickets it wrote.
    """
    issued_at = _instant(statement.issued_at)
    case_ids = [t.case_id for t in statement.tickets]
    newer: set[str] = set()
    replaced: list[str] = []
    for chunk in _chunks(case_ids):
        for case_id, source, vendor_issued_at in connection.execute(
            _EXISTING_CASES, {"case_ids": chunk}
        ):
            if source == "vendor" and vendor_issued_at > issued_at:
                newer.add(case_id)
            else:
                replaced.append(case_id)
    for chunk in _chunks(replaced):
        connection.execute(_DELETE_CASES, {"case_ids": chunk})
    now = utc_now()
    rows = [
        _ticket_row(ticket, statement.license_id, now, statement_id, issued_at)
        for ticket in statement.tickets
        if ticket.case_id not in newer
    ]
    bulk_insert(connection, tickets, TICKET_COLUMNS, rows)
    return len(rows)


def set_classification(
    connection: Connection, case_id: str, classification: Classification
) -> bool:
    result = connection.execute(
        update(tickets)
        .where(tickets.c.case_id == case_id)
        .values(classification=classification.value, updated_at=utc_now())
    )
    return result.rowcount > 0


def update_ticket(connection: Connection, ticket: Ticket) -> bool:
    result = connection.execute(
        update(tickets)
        .where(tickets.c.case_id == ticket.case_id)
        .values(
            opened_on=ticket.opened_on,
            kind=ticket.kind.value,
            classification=ticket.classification.value,
            category=ticket.category.value,
            title=ticket.title,
            updated_at=utc_now(),
        )
    )
    return result.rowcount > 0


class StoredTickets(NamedTuple):
    tickets: list[Ticket]
    sources: dict[str, str]
    """case_id -> "local" or "vendor"."""


# Enum look-ups by value: `Enum(value)` costs a microsecond a call, too much for 100,000 rows.
_KINDS: dict[object, TicketKind] = members_by_value(TicketKind)
_CLASSIFICATIONS: dict[object, Classification] = members_by_value(Classification)
_CATEGORIES: dict[object, Category] = members_by_value(Category)


def load_tickets(
    connection: Connection, license_id: str | None, up_to: date | None = None
) -> StoredTickets:
    """Tickets of a license (and those recorded before any license), opened up to a day.

    Unordered: the rules put them in draw order themselves.
    """
    query = select(
        tickets.c.case_id,
        tickets.c.opened_on,
        tickets.c.kind,
        tickets.c.classification,
        tickets.c.category,
        tickets.c.title,
        tickets.c.source,
    ).where(or_(tickets.c.license_id == license_id, tickets.c.license_id.is_(None)))
    if up_to is not None:
        query = query.where(tickets.c.opened_on <= up_to)
    loaded: list[Ticket] = []
    sources: dict[str, str] = {}
    for case_id, opened_on, kind, classification, category, title, source in connection.execute(
        query
    ):
        loaded.append(
            Ticket(
                case_id,
                opened_on,
                _KINDS[kind],
                _CLASSIFICATIONS[classification],
                _CATEGORIES[category],
                title,
            )
        )
        sources[case_id] = source
    return StoredTickets(loaded, sources)


# Requests -----------------------------------------------------------------------------------


def insert_request(
    connection: Connection,
    kind: str,
    license_id: str | None,
    status: str,
    channel: str,
    payload: dict[str, Any],
    file_path: str | None,
) -> int:
    result = connection.execute(
        insert(requests).values(
            kind=kind,
            license_id=license_id,
            created_at=utc_now(),
            status=status,
            channel=channel,
            payload=json.dumps(payload, ensure_ascii=False),
            file_path=file_path,
        )
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


class StoredRequest(NamedTuple):
    id: int
    kind: str
    license_id: str | None
    created_at: str
    status: str
    channel: str
    payload: dict[str, Any]
    file_path: str | None


def load_requests(connection: Connection) -> list[StoredRequest]:
    rows = connection.execute(select(requests).order_by(requests.c.id)).all()
    return [
        StoredRequest(
            row.id,
            row.kind,
            row.license_id,
            row.created_at,
            row.status,
            row.channel,
            json.loads(row.payload),
            row.file_path,
        )
        for row in rows
    ]


def set_request_file(connection: Connection, request_id: int, file_path: str) -> None:
    connection.execute(
        update(requests).where(requests.c.id == request_id).values(file_path=file_path)
    )


def set_request_status(connection: Connection, request_ids: Iterable[int], status: str) -> None:
    ids = list(request_ids)
    if ids:
        connection.execute(update(requests).where(requests.c.id.in_(ids)).values(status=status))


# The clock mark (R15) -----------------------------------------------------------------------


def latest_seen_date(connection: Connection) -> date | None:
    value = connection.execute(
        select(app_state.c.value).where(app_state.c.key == LATEST_SEEN_DATE)
    ).scalar()
    return date.fromisoformat(value) if value else None


def raise_latest_seen_date(connection: Connection, day: date) -> None:
    """Moves the mark forward only; a clock set back never lowers it."""
    current = latest_seen_date(connection)
    if current is None:
        connection.execute(insert(app_state).values(key=LATEST_SEEN_DATE, value=day.isoformat()))
    elif day > current:
        connection.execute(
            update(app_state)
            .where(app_state.c.key == LATEST_SEEN_DATE)
            .values(value=day.isoformat())
        )
