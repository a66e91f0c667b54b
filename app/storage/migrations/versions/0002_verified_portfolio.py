"""Documents kept only as tokens; local tickets per license; disputes; request times.

Revision ID: 0002_verified_portfolio
Revises: 0001_initial

- `documents` loses its copies of the claims, key id and trust: every read verifies the token.
- `tickets` keeps local tickets only. A vendor ticket stored by 0001 is read from its statement
  from now on; where the admin had changed it locally, that change becomes a dispute (R17),
  so nothing the admin wrote is lost. Local tickets go to the only license where there is
  exactly one, and are left unassigned where there are several (R16).
- `disputes` is new; `requests` gains `updated_at`, and the statuses "in_mail_client" and
  "copied" become "opened", "fulfilled" becomes "sent" (fulfilment is derived now).
"""

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002_verified_portfolio"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

_DISPUTED_FIELDS = ("opened_on", "kind", "classification", "category")


def _vendor_edits_to_disputes(connection: sa.Connection) -> None:
    statements = connection.execute(
        sa.text(
            "SELECT id, claims FROM documents WHERE doc_type = 'ticket-statement' ORDER BY issued_at, id"
        )
    ).all()
    newest: dict[str, dict[str, object]] = {}
    for _id, claims in statements:
        try:
            for ticket in json.loads(claims).get("tickets", []):
                newest[str(ticket["case_id"])] = ticket
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
    rows = connection.execute(
        sa.text(
            "SELECT case_id, opened_on, kind, classification, category FROM tickets"
            " WHERE source = 'vendor'"
        )
    ).all()
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for row in rows:
        vendor = newest.get(row.case_id)
        if vendor is None:
            continue
        vendor = {"category": "product", **vendor}
        local = {
            "opened_on": str(row.opened_on),
            "kind": row.kind,
            "classification": row.classification,
            "category": row.category,
        }
        changed = {k: v for k, v in local.items() if str(vendor.get(k)) != v}
        if not changed:
            continue
        connection.execute(
            sa.text(
                "INSERT INTO disputes (case_id, opened_on, kind, classification, category,"
                " reason, disputed_by, disputed_at) VALUES (:case_id, :opened_on, :kind,"
                " :classification, :category, :reason, :by, :at)"
            ),
            {
                "case_id": row.case_id,
                **{k: changed.get(k) for k in _DISPUTED_FIELDS},
                "reason": "changed locally before this version kept vendor tickets read-only",
                "by": "(upgrade)",
                "at": now,
            },
        )


def upgrade() -> None:
    connection = op.get_bind()
    op.create_table(
        "disputes",
        sa.Column("case_id", sa.String(100), nullable=False),
        sa.Column("opened_on", sa.Date, nullable=True),
        sa.Column("kind", sa.String(32), nullable=True),
        sa.Column("classification", sa.String(32), nullable=True),
        sa.Column("category", sa.String(32), nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("disputed_by", sa.String(200), nullable=False),
        sa.Column("disputed_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("case_id", name="pk_disputes"),
    )
    _vendor_edits_to_disputes(connection)

    license_ids = [
        row[0]
        for row in connection.execute(
            sa.text("SELECT DISTINCT subject FROM documents WHERE doc_type = 'license'")
        )
    ]
    connection.execute(sa.text("DELETE FROM tickets WHERE source = 'vendor'"))
    connection.execute(
        sa.text("UPDATE tickets SET license_id = :license_id"),
        {"license_id": license_ids[0] if len(license_ids) == 1 else None},
    )
    with op.batch_alter_table("tickets") as batch:
        batch.drop_constraint("fk_tickets_statement_id_documents", type_="foreignkey")
        batch.drop_index("ix_tickets_opened_on")
        batch.drop_column("source")
        batch.drop_column("statement_id")
        batch.drop_column("vendor_issued_at")
        batch.create_index("ix_tickets_created_at", ["created_at"])
        batch.create_index("ix_tickets_updated_at", ["updated_at"])

    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_doc_type_subject")
        for column in ("doc_type", "subject", "revision", "kid", "trust", "issued_at", "claims"):
            batch.drop_column(column)

    with op.batch_alter_table("requests") as batch:
        batch.add_column(sa.Column("updated_at", sa.String(40), nullable=True))
    connection.execute(sa.text("UPDATE requests SET updated_at = created_at"))
    connection.execute(
        sa.text(
            "UPDATE requests SET status = 'opened' WHERE status IN ('in_mail_client', 'copied')"
        )
    )
    connection.execute(sa.text("UPDATE requests SET status = 'sent' WHERE status = 'fulfilled'"))
    with op.batch_alter_table("requests") as batch:
        batch.alter_column("updated_at", existing_type=sa.String(40), nullable=False)


def downgrade() -> None:
    raise NotImplementedError("0002 drops copies of signed claims: restore a backup instead")
