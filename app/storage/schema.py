"""The tables, as SQLAlchemy Core (no ORM: the ORM alone adds ~0.2 s to every CLI start).

Portable SQL only (SQLite and PostgreSQL). Dates are `Date`; instants are ISO 8601 UTC strings,
which sort correctly as text on every backend.

What the vendor signed is kept only as its exact token (`documents.token`): every read verifies
the tokens again against the run's trust (docs/rules.md, "Trust"), so no column here can grant
anything. The other tables hold what the admin records: local tickets, disputes of vendor
tickets (R17), requests, and the console's own state (the clock mark, R15).
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Integer, MetaData, String, Table, Text

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
    # SHA-256 of the token: makes an import idempotent; never used to skip a verification.
    Column("digest", String(64), nullable=False, unique=True),
    Column("token", Text, nullable=False),
    Column("imported_at", String(40), nullable=False),
)

tickets = Table(
    "tickets",
    metadata,
    Column("case_id", String(100), primary_key=True),
    Column("license_id", String(200), nullable=True, index=True),  # None: unassigned (R16)
    Column("opened_on", Date, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("classification", String(32), nullable=False),
    Column("category", String(32), nullable=False),
    Column("title", Text, nullable=True),
    Column("created_at", String(40), nullable=False, index=True),
    Column("updated_at", String(40), nullable=False, index=True),
)
"""Local tickets only: the vendor's tickets are read from its verified statements."""

disputes = Table(
    "disputes",
    metadata,
    Column("case_id", String(100), primary_key=True),
    Column("opened_on", Date, nullable=True),
    Column("kind", String(32), nullable=True),
    Column("classification", String(32), nullable=True),
    Column("category", String(32), nullable=True),
    Column("reason", Text, nullable=False),
    Column("disputed_by", String(200), nullable=False),
    Column("disputed_at", String(40), nullable=False),
)
"""The admin's view of a vendor ticket (R17): shown beside it, never charged."""

requests = Table(
    "requests",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("license_id", String(200), nullable=True),
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
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
