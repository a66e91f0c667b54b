"""The tables, as SQLAlchemy Core (no ORM: the ORM alone adds ~0.2 s to every CLI start).

Portable SQL only (SQLite and PostgreSQL). Dates are `Date`; instants are ISO 8601 UTC strings,
which sort correctly as text on every backend. Signed documents are kept whole, with their
claims as JSON, and the current license, packs, catalog and revocations are derived from them;
only tickets (large, edited locally) and requests have tables of their own.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("digest", String(64), nullable=False, unique=True),
    Column("doc_type", String(32), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("revision", Integer, nullable=True),
    Column("kid", String(100), nullable=False),
    Column("trust", String(16), nullable=False),
    Column("issued_at", String(40), nullable=True),
    Column("claims", Text, nullable=False),
    Column("token", Text, nullable=False),
    Column("imported_at", String(40), nullable=False),
    Index("ix_documents_doc_type_subject", "doc_type", "subject"),
)

tickets = Table(
    "tickets",
    metadata,
    Column("case_id", String(100), primary_key=True),
    Column("license_id", String(200), nullable=True, index=True),
    Column("opened_on", Date, nullable=False, index=True),
    Column("kind", String(32), nullable=False),
    Column("classification", String(32), nullable=False),
    Column("category", String(32), nullable=False),
    Column("title", Text, nullable=True),
    Column("source", String(16), nullable=False),
    Column("statement_id", Integer, ForeignKey("documents.id"), nullable=True),
    Column("vendor_issued_at", String(40), nullable=True),
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
)

requests = Table(
    "requests",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("license_id", String(200), nullable=True),
    Column("created_at", String(40), nullable=False),
    Column("status", String(16), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("payload", Text, nullable=False),
    Column("file_path", Text, nullable=True),
)

app_state = Table(
    "app_state",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
