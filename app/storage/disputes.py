"""Disputes: the admin's view of a vendor ticket, kept beside it and never charged (R17)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Connection, String, cast, delete, insert, select

from app.errors import StorageError
from app.storage.schema import disputes
from app.storage.times import instant
from licensing.claims import Category, Classification, TicketKind, enum_value
from licensing.portfolio import Dispute


def _text(value: object, column: str) -> str:
    if type(value) is not str:
        raise ValueError(f"its {column} is not text")
    return value


_DISPUTES = select(
    disputes.c.case_id,
    # As text: a date the driver cannot read would fail the whole query, naming no row.
    cast(disputes.c.opened_on, String).label("opened_on"),
    disputes.c.kind,
    disputes.c.classification,
    disputes.c.category,
    disputes.c.reason,
    disputes.c.disputed_by,
    disputes.c.disputed_at,
)


def load_disputes(connection: Connection) -> list[Dispute]:
    """Every dispute; a row that cannot be read is named in a `StorageError`."""
    loaded = []
    for row in connection.execute(_DISPUTES):
        try:
            loaded.append(
                Dispute(
                    case_id=_text(row.case_id, "case_id"),
                    opened_on=None
                    if row.opened_on is None
                    else date.fromisoformat(_text(row.opened_on, "opened_on")),
                    kind=None if row.kind is None else enum_value(TicketKind, row.kind, "kind"),
                    classification=None
                    if row.classification is None
                    else enum_value(Classification, row.classification, "classification"),
                    category=None
                    if row.category is None
                    else enum_value(Category, row.category, "category"),
                    reason=_text(row.reason, "reason"),
                    disputed_by=_text(row.disputed_by, "disputed_by"),
                    disputed_at=datetime.fromisoformat(_text(row.disputed_at, "disputed_at")),
                )
            )
        except (ValueError, TypeError) as exc:
            raise StorageError(
                f"the stored dispute of ticket {str(row.case_id)[:100]!r} cannot be read "
                f"({str(exc)[:120]}); correct or delete that row of the disputes table"
            ) from None
    return loaded


def save_dispute(connection: Connection, dispute: Dispute) -> None:
    """Records the dispute, replacing an earlier one of the same ticket."""
    connection.execute(delete(disputes).where(disputes.c.case_id == dispute.case_id))
    connection.execute(
        insert(disputes).values(
            case_id=dispute.case_id,
            opened_on=dispute.opened_on,
            kind=None if dispute.kind is None else dispute.kind.value,
            classification=None if dispute.classification is None else dispute.classification.value,
            category=None if dispute.category is None else dispute.category.value,
            reason=dispute.reason,
            disputed_by=dispute.disputed_by,
            disputed_at=instant(dispute.disputed_at),
        )
    )


def withdraw(connection: Connection, case_id: str) -> bool:
    result = connection.execute(delete(disputes).where(disputes.c.case_id == case_id))
    return result.rowcount > 0
