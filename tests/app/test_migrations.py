"""Databases written by earlier versions open with the current schema, nothing the admin wrote lost.

- `tests/fixtures/schema_0001.sqlite3` was written by release 0.1.0 (demo documents, the demo
  ledger, a recorded request and the clock mark); it is copied, never opened in place.
- Other tests build a database with the first schema (Alembic's revision 0001) and the rows the
  first release wrote: one license with local and vendor tickets; two licenses; a vendor ticket
  edited locally, which the current version keeps as a dispute (R17).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config

from app.console import Console
from app.paths import sqlite_url
from app.status import portfolio_status
from app.storage.database import HEAD_REVISION, MIGRATIONS, Database
from app.tickets import list_tickets
from licensing.claims import DocumentType
from licensing.portfolio import TicketSource
from licensing.trust import TrustSource
from tests.factories import (
    POLICY,
    WORKED_EXAMPLE_TICKETS,
    Vendor,
    license_claims,
    pack_claims,
    portal_license,
    worked_example_statement,
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema_0001.sqlite3"


def _rows(path: Path, query: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as connection:
        return sorted(connection.execute(query).fetchall(), key=repr)


def test_the_first_release_database_upgrades_keeping_what_the_admin_wrote(tmp_path: Path) -> None:
    copy = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, copy)
    local = _rows(
        copy,
        "SELECT case_id, opened_on, kind, classification, category, title "
        "FROM tickets WHERE source = 'local'",
    )
    tokens = _rows(copy, "SELECT id, token, imported_at FROM documents")
    state = _rows(copy, "SELECT key, value FROM app_state")
    assert local and tokens and state

    Database(sqlite_url(copy)).dispose()

    assert _rows(copy, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    assert (
        _rows(copy, "SELECT case_id, opened_on, kind, classification, category, title FROM tickets")
        == local
    ), "local tickets kept; vendor tickets are read from the statement from now on"
    assert _rows(copy, "SELECT license_id FROM tickets") == [("DEMO-LIC-0001",)] * len(local)
    assert _rows(copy, "SELECT id, token, imported_at FROM documents") == tokens
    assert _rows(copy, "SELECT key, value FROM app_state") == state
    assert _rows(copy, "SELECT status, channel FROM requests") == [("opened", "mailto")]
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_upgraded_first_release_database_answers_from_its_tokens(tmp_path: Path) -> None:
    from app.trust import run_trust

    copy = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, copy)
    console = Console(
        Database(sqlite_url(copy)),
        run_trust(True, [], tmp_path / "none.json"),
        POLICY,
        date(2026, 3, 2),
        demo=True,
    )
    try:
        status = portfolio_status(console, date(2026, 3, 2))
        assert [s.license_id for s in status.licenses] == ["DEMO-LIC-0001"]
        assert status.licenses[0].held.trust is TrustSource.DEMO
        entries = list_tickets(console, date(2026, 3, 2))
        assert len(entries) == 13  # 10 from the vendor's statement, 3 local, as before
        assert sum(e.source is TicketSource.VENDOR for e in entries) == 10
    finally:
        console.close()


def _first_schema(path: Path) -> None:
    """A database at revision 0001 only, as the first release created it."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(sqlite_url(path))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001_initial")
    engine.dispose()


def _old_document(
    connection: sqlite3.Connection, vendor: Vendor, doc_type: DocumentType, claims: dict[str, Any]
) -> int:
    """A document row as the first release stored it: the token and its copies beside it."""
    token = vendor.token(doc_type, claims)
    subject = claims.get("license_id") or claims.get("product_code") or ""
    cursor = connection.execute(
        "INSERT INTO documents (digest, doc_type, subject, revision, kid, trust, issued_at,"
        " claims, token, imported_at) VALUES (?, ?, ?, ?, ?, 'vendor', ?, ?, ?, ?)",
        (
            f"d-{doc_type.value}-{subject}-{claims.get('pack_id', '')}",
            doc_type.value,
            subject,
            claims.get("revision"),
            vendor.kid,
            claims.get("issued_at"),
            json.dumps(claims),
            token,
            "2025-02-01T00:00:00+00:00",
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _old_ticket(
    connection: sqlite3.Connection,
    case_id: str,
    opened_on: str,
    license_id: str | None,
    classification: str = "customer",
    statement_id: int | None = None,
) -> None:
    connection.execute(
        "INSERT INTO tickets (case_id, license_id, opened_on, kind, classification, category,"
        " title, source, statement_id, vendor_issued_at, created_at, updated_at) VALUES"
        " (?, ?, ?, 'incident', ?, 'product', NULL, ?, ?, ?, 'x', 'x')",
        (
            case_id,
            license_id,
            opened_on,
            classification,
            "local" if statement_id is None else "vendor",
            statement_id,
            None if statement_id is None else "2025-03-01T08:00:00+00:00",
        ),
    )


def test_one_license_with_local_and_vendor_tickets_keeps_its_balances(
    tmp_path: Path, vendor: Vendor
) -> None:
    """The worked example stored by the first release: the statement's tickets in the tickets
    table, two local ones (one recorded before any license, so without a license id)."""
    path = tmp_path / "first.sqlite3"
    _first_schema(path)
    with sqlite3.connect(path) as connection:
        _old_document(connection, vendor, DocumentType.LICENSE, license_claims())
        _old_document(connection, vendor, DocumentType.SUPPORT_PACK, pack_claims())
        statement = _old_document(
            connection, vendor, DocumentType.TICKET_STATEMENT, worked_example_statement()
        )
        for ticket in WORKED_EXAMPLE_TICKETS:
            _old_ticket(
                connection,
                ticket["case_id"],
                ticket["opened_on"],
                "LIC-1",
                ticket["classification"],
                statement,
            )
        _old_ticket(connection, "L-1", "2025-03-10", "LIC-1")
        _old_ticket(connection, "L-2", "2025-03-10", None)

    console = Console(Database(sqlite_url(path)), vendor.trust(), POLICY, date(2025, 3, 1))
    try:
        before = portfolio_status(console, date(2025, 3, 1)).licenses[0].balance
        assert (before.annual_used, before.annual_remaining, before.not_deducted_bug) == (5, 1, 2)
        assert before.remaining_total == 5  # the worked example, as the first release said
        later = portfolio_status(console, date(2025, 3, 10)).licenses[0].balance
        assert later.annual_remaining == 0 and later.packs[0].remaining == 3
        assert later.remaining_total == 3  # both local tickets now belong to the only license
        assert not portfolio_status(console, date(2025, 3, 10)).warnings
    finally:
        console.close()


def test_several_licenses_leave_local_tickets_unassigned(tmp_path: Path, vendor: Vendor) -> None:
    path = tmp_path / "first.sqlite3"
    _first_schema(path)
    with sqlite3.connect(path) as connection:
        _old_document(connection, vendor, DocumentType.LICENSE, license_claims())
        _old_document(connection, vendor, DocumentType.LICENSE, portal_license())
        _old_ticket(connection, "L-1", "2025-03-10", "LIC-1")
    console = Console(Database(sqlite_url(path)), vendor.trust(), POLICY, date(2025, 3, 1))
    try:
        status = portfolio_status(console, date(2025, 3, 10))
        assert {s.license_id for s in status.licenses} == {"LIC-1", "LIC-A"}
        assert [w.code.value for w in status.warnings] == ["unassigned_tickets"]
        assert all(s.balance.annual_used == 0 for s in status.licenses)
        [entry] = list_tickets(console, date(2025, 3, 10))
        assert (entry.ticket.case_id, entry.license_id, entry.outcome.value) == (
            "L-1",
            None,
            "unassigned",
        )
    finally:
        console.close()


def test_a_vendor_ticket_edited_locally_becomes_a_dispute(tmp_path: Path, vendor: Vendor) -> None:
    path = tmp_path / "first.sqlite3"
    _first_schema(path)
    with sqlite3.connect(path) as connection:
        _old_document(connection, vendor, DocumentType.LICENSE, license_claims())
        statement = _old_document(
            connection, vendor, DocumentType.TICKET_STATEMENT, worked_example_statement()
        )
        for ticket in WORKED_EXAMPLE_TICKETS:
            # The first release let the admin reclassify CS-1 (a customer ticket) as a bug.
            classification = (
                "product_bug" if ticket["case_id"] == "CS-1" else ticket["classification"]
            )
            _old_ticket(
                connection,
                ticket["case_id"],
                ticket["opened_on"],
                "LIC-1",
                classification,
                statement,
            )
    console = Console(Database(sqlite_url(path)), vendor.trust(), POLICY, date(2025, 3, 1))
    try:
        status = portfolio_status(console, date(2025, 3, 1))
        balance = status.licenses[0].balance
        assert (balance.annual_used, balance.not_deducted_bug) == (5, 2), "the vendor's record"
        dispute = status.portfolio.disputes["CS-1"]
        assert dispute.classification is not None and dispute.classification.value == "product_bug"
        assert [w.code.value for w in status.licenses[0].warnings] == [
            "renewal_due",
            "disputed_ticket",
        ]
    finally:
        console.close()
