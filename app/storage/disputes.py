"""Disputes: the admin's view of a vendor ticket, kept beside it and never charged (R17)."""

from __future__ import annotations

from sqlalchemy import Connection, delete, func, insert, select

from app.errors import StorageError
from app.storage.schema import disputes
from app.storage.times import instant
from licensing.claims import Category, Classification, TicketKind, enum_value
from licensing.portfolio import Dispute


def load_disputes(connection: Connection) -> list[Dispute]:
    from datetime import datetime

    loaded = []
    for row in connection.execute(select(disputes)):
        try:
            loaded.append(
                Dispute(
                    case_id=row.case_id,
                    opened_on=row.opened_on,
                    kind=None if row.kind is None else enum_value(TicketKind, row.kind, "kind"),
                    classification=None
                    if row.classification is None
                    else enum_value(Classification, row.classification, "classification"),
                    category=None
                    if row.category is None
                    else enum_value(Category, row.category, "category"),
                    reason=row.reason,
                    disputed_by=row.disputed_by,
                    disputed_at=datetime.fromisoformat(row.disputed_at),
                )
            )
        except (ValueError, TypeError) as exc:
            raise StorageError(
                f"the stored dispute of ticket {row.case_id!r} cannot be read ({exc}); correct "
                "or delete that row of the disputes table"
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


def latest_dispute(connection: Connection) -> object:
    return connection.execute(select(func.max(disputes.c.disputed_at))).scalar()
