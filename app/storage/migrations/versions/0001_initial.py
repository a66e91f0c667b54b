"""The first released schema: documents, tickets, requests, app_state.

Revision ID: 0001_initial
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("doc_type", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("revision", sa.Integer, nullable=True),
        sa.Column("kid", sa.String(100), nullable=False),
        sa.Column("trust", sa.String(16), nullable=False),
        sa.Column("issued_at", sa.String(40), nullable=True),
        sa.Column("claims", sa.Text, nullable=False),
        sa.Column("token", sa.Text, nullable=False),
        sa.Column("imported_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("digest", name="uq_documents_digest"),
    )
    op.create_index("ix_documents_doc_type_subject", "documents", ["doc_type", "subject"])
    op.create_table(
        "tickets",
        sa.Column("case_id", sa.String(100), nullable=False),
        sa.Column("license_id", sa.String(200), nullable=True),
        sa.Column("opened_on", sa.Date, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("classification", sa.String(32), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("statement_id", sa.Integer, nullable=True),
        sa.Column("vendor_issued_at", sa.String(40), nullable=True),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("case_id", name="pk_tickets"),
        sa.ForeignKeyConstraint(
            ["statement_id"], ["documents.id"], name="fk_tickets_statement_id_documents"
        ),
    )
    op.create_index("ix_tickets_license_id", "tickets", ["license_id"])
    op.create_index("ix_tickets_opened_on", "tickets", ["opened_on"])
    op.create_table(
        "requests",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("license_id", sa.String(200), nullable=True),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("file_path", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_requests"),
    )
    op.create_table(
        "app_state",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_app_state"),
    )


def downgrade() -> None:
    op.drop_table("app_state")
    op.drop_table("requests")
    op.drop_index("ix_tickets_opened_on", "tickets")
    op.drop_index("ix_tickets_license_id", "tickets")
    op.drop_table("tickets")
    op.drop_index("ix_documents_doc_type_subject", "documents")
    op.drop_table("documents")
