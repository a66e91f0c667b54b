"""The use cases of `app.services` (and the requests and demo built on them) over real
databases: SQLite always, PostgreSQL when TEST_POSTGRES_URL names a server.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from packaging.version import Version
from sqlalchemy import Table, func, select

from app import store
from app.demo import ensure_demo_data
from app.errors import UserError
from app.messages import warning_message
from app.requests import Contact, SeatChange, compose_renewal, record_request
from app.services import (
    Console,
    CsvImportError,
    DocumentRefused,
    ImportReport,
    NoValidLicense,
    parse_tickets_csv,
)
from app.storage.schema import documents, requests, tickets
from licensing.claims import (
    Category,
    Classification,
    DocumentType,
    Ticket,
    TicketKind,
    TicketStatementClaims,
    parse_claims,
)
from licensing.documents import TrustSource, TrustStore, VerifiedDocument, parse_trust_file
from licensing.rules import IneligibleReason, Outcome, Severity, SmState, WarningCode
from resources import resource_path
from tests.app.conftest import (
    Vendor,
    license_claims,
    pack_claims,
    statement_claims,
    statement_ticket,
)

MakeConsole = Callable[..., Console]
TODAY = date(2025, 3, 1)


@pytest.fixture
def console(make_console: MakeConsole, vendor: Vendor) -> Console:
    return make_console(vendor.trust())


def count(console: Console, table: Table) -> int:
    with console.database.read() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def imported(console: Console, *paths: Path) -> ImportReport:
    """Imports files that must all import."""
    report = console.import_files(list(paths))
    assert report.succeeded, report.files
    return report


def tampered(path: Path) -> Path:
    """The same token with one character of its signed message changed."""
    token = path.read_text(encoding="ascii").strip()
    at = len("v4.public.") + 20
    changed = token[:at] + ("A" if token[at] != "A" else "B") + token[at + 1 :]
    out = path.with_name(f"tampered-{path.name}")
    out.write_text(changed + "\n", encoding="ascii")
    return out


def ticket(case_id: str, opened_on: str, **fields: Any) -> Ticket:
    return Ticket(
        case_id,
        date.fromisoformat(opened_on),
        fields.get("kind", TicketKind.INCIDENT),
        fields.get("classification", Classification.CUSTOMER),
        fields.get("category", Category.PRODUCT),
        fields.get("title"),
    )


def entries(console: Console, as_of: date = TODAY) -> dict[str, Any]:
    return {e.ticket.case_id: e for e in console.list_tickets(as_of)}


def codes(warnings: Any) -> set[WarningCode]:
    return {w.code for w in warnings}


def write_csv(tmp_path: Path, text: str, name: str = "tickets.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def catalog_claims(issued_at: str, releases: list[tuple[str, str]], product: str = "PORTAL"):
    return {
        "product_code": product,
        "issued_at": issued_at,
        "releases": [{"version": v, "released_on": d, "kind": "minor"} for v, d in releases],
    }


def revocation_claims(*license_ids: str, issued_at: str = "2025-02-20T00:00:00Z"):
    return {
        "issued_at": issued_at,
        "revoked": [{"license_id": i, "reason": "chargeback"} for i in license_ids],
    }


# verify -------------------------------------------------------------------------------------


def test_verify_reports_the_document_or_the_error(console: Console, vendor: Vendor) -> None:
    good = vendor.write(DocumentType.LICENSE, license_claims())
    result = console.verify(good.read_bytes())
    assert result.error is None and result.document is not None
    assert result.document.claims.license_id == "LIC-1"
    bad = console.verify(tampered(good).read_bytes())
    assert bad.document is None and bad.error is not None
    assert bad.error.code == "bad_signature"
    wrong = console.verify(good.read_bytes(), DocumentType.SUPPORT_PACK)
    assert wrong.error is not None and wrong.error.code == "wrong_type"


def test_verify_refuses_a_license_revoked_by_a_stored_list(
    console: Console, vendor: Vendor
) -> None:
    license_file = vendor.write(DocumentType.LICENSE, license_claims())
    imported(console, vendor.write(DocumentType.REVOCATION_LIST, revocation_claims("LIC-1")))
    result = console.verify(license_file.read_bytes())
    assert result.error is not None and result.error.code == "revoked"


# import -------------------------------------------------------------------------------------


def _one_of_each(vendor: Vendor) -> list[Path]:
    return [
        vendor.write(DocumentType.LICENSE, license_claims()),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims()),
        vendor.write(
            DocumentType.TICKET_STATEMENT,
            statement_claims([statement_ticket("CS-1", "2024-05-01")]),
        ),
        vendor.write(
            DocumentType.RELEASE_CATALOG,
            catalog_claims("2025-01-01T00:00:00Z", [("10.0", "2024-01-01")]),
        ),
        vendor.write(DocumentType.REVOCATION_LIST, revocation_claims("LIC-OTHER")),
    ]


def test_every_document_type_imports(console: Console, vendor: Vendor) -> None:
    files = _one_of_each(vendor)
    report = imported(console, *files)
    assert [f.status for f in report.files] == ["imported"] * 5
    assert [f.document_type for f in report.files] == [t.value for t in DocumentType]
    assert [f.path for f in report.files] == [str(p) for p in files]
    assert report.exit_code == 0
    assert count(console, documents) == 5
    assert count(console, tickets) == 1
    current = console.current_license()
    assert current is not None and current.claims.license_id == "LIC-1"
    status = console.status(TODAY)
    assert status.balance is not None
    assert [p.pack_id for p in status.balance.packs] == ["P1"]


def test_import_is_idempotent(console: Console, vendor: Vendor) -> None:
    files = _one_of_each(vendor)
    imported(console, *files)
    again = imported(console, *files)
    assert [f.status for f in again.files] == ["already_imported"] * 5
    assert count(console, documents) == 5
    assert count(console, tickets) == 1
    # The same token in another file is the same document.
    copy = vendor.folder / "copy.paseto"
    copy.write_text("-----BEGIN LICENSE-----\n" + files[0].read_text() + "-----END LICENSE-----\n")
    assert imported(console, copy).files[0].status == "already_imported"
    assert count(console, documents) == 5


def test_a_file_given_twice_in_one_batch_is_reported_as_imported(
    console: Console, vendor: Vendor
) -> None:
    path = vendor.write(DocumentType.LICENSE, license_claims())
    report = imported(console, path, path)
    assert report.files[0].status == "imported"
    assert count(console, documents) == 1


def test_an_older_license_revision_is_refused_and_the_batch_is_not_stored(
    console: Console, vendor: Vendor
) -> None:
    imported(console, vendor.write(DocumentType.LICENSE, license_claims(revision=2)))
    pack = vendor.write(DocumentType.SUPPORT_PACK, pack_claims("P2"))
    older = vendor.write(DocumentType.LICENSE, license_claims(revision=1))
    report = console.import_files([pack, older])
    assert not report.succeeded
    assert report.exit_code == 2
    assert report.files[1].status == "refused"
    assert report.files[1].error_code == "older_revision"
    assert count(console, documents) == 1
    current = console.current_license()
    assert current is not None and current.revisions == (2,)


def test_a_tampered_license_refuses_the_whole_batch(console: Console, vendor: Vendor) -> None:
    pack = vendor.write(DocumentType.SUPPORT_PACK, pack_claims())
    bad = tampered(vendor.write(DocumentType.LICENSE, license_claims()))
    report = console.import_files([pack, bad])
    assert [f.path for f in report.files] == [str(pack), str(bad)]
    assert report.files[1].status == "refused"
    assert report.files[1].error_code == "bad_signature"
    assert not report.succeeded
    assert count(console, documents) == 0
    assert console.current_license() is None


def test_an_unreadable_file_refuses_the_batch(console: Console, vendor: Vendor) -> None:
    good = vendor.write(DocumentType.LICENSE, license_claims())
    report = console.import_files([good, vendor.folder / "missing.paseto", vendor.folder])
    assert [f.status for f in report.files[1:]] == ["unreadable", "unreadable"]
    assert report.exit_code == 3
    assert count(console, documents) == 0


def test_a_statement_overrides_a_local_ticket(console: Console, vendor: Vendor) -> None:
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()))
    console.add_ticket(ticket("CS-1", "2024-06-01", category=Category.TRAINING, title="local"))
    statement = statement_claims([statement_ticket("CS-1", "2024-06-02", "product_bug")])
    imported(console, vendor.write(DocumentType.TICKET_STATEMENT, statement))
    entry = entries(console)["CS-1"]
    assert entry.source == "vendor"
    assert entry.ticket.opened_on == date(2024, 6, 2)
    assert entry.ticket.classification is Classification.PRODUCT_BUG
    assert entry.ticket.category is Category.PRODUCT
    assert entry.outcome is Outcome.NOT_DEDUCTED_BUG
    assert count(console, tickets) == 1


@pytest.mark.parametrize("same_batch", [False, True], ids=["separately", "one-batch"])
def test_an_older_statement_does_not_override_newer_vendor_data(
    console: Console, vendor: Vendor, same_batch: bool
) -> None:
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()))
    newer = vendor.write(
        DocumentType.TICKET_STATEMENT,
        statement_claims(
            [statement_ticket("CS-1", "2024-06-01", "product_bug")],
            issued_at="2025-03-01T08:00:00Z",
        ),
    )
    older = vendor.write(
        DocumentType.TICKET_STATEMENT,
        statement_claims(
            [
                statement_ticket("CS-1", "2024-05-01", "customer"),
                statement_ticket("CS-2", "2024-05-02", "customer"),
            ],
            issued_at="2025-02-01T08:00:00Z",
        ),
    )
    if same_batch:
        imported(console, newer, older)
    else:
        imported(console, newer)
        report = imported(console, older)
        assert "1 of 2" in report.files[0].message
    found = entries(console)
    assert found["CS-1"].ticket.classification is Classification.PRODUCT_BUG
    assert found["CS-1"].ticket.opened_on == date(2024, 6, 1)
    assert found["CS-2"].source == "vendor"
    assert count(console, tickets) == 2


def test_a_newer_statement_overrides_an_older_one(console: Console, vendor: Vendor) -> None:
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()))
    for issued, classification in (
        ("2025-01-01T00:00:00Z", "customer"),
        ("2025-02-01T00:00:00Z", "product_bug"),
    ):
        statement = statement_claims(
            [statement_ticket("CS-1", "2024-06-01", classification)], issued_at=issued
        )
        imported(console, vendor.write(DocumentType.TICKET_STATEMENT, statement))
    assert entries(console)["CS-1"].ticket.classification is Classification.PRODUCT_BUG


def test_a_revocation_list_invalidates_the_stored_license(console: Console, vendor: Vendor) -> None:
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()))
    imported(console, vendor.write(DocumentType.REVOCATION_LIST, revocation_claims("LIC-1")))
    assert console.current_license() is None
    status = console.status(TODAY)
    assert status.license is None
    assert status.severity is Severity.CRITICAL
    [warning] = [w for w in status.warnings if w.code is WarningCode.NO_VALID_LICENSE]
    assert "revoked" in warning_message(warning)
    assert "LIC-1" in warning_message(warning)
    with pytest.raises(NoValidLicense, match="revoked"):
        console.renewal_quote(TODAY, 1, False)
    # A later revision of a revoked license stays refused.
    report = console.import_files([vendor.write(DocumentType.LICENSE, license_claims(revision=2))])
    assert report.files[0].error_code == "revoked"


def test_a_license_revoked_in_the_same_batch_is_refused(console: Console, vendor: Vendor) -> None:
    license_file = vendor.write(DocumentType.LICENSE, license_claims())
    revocations = vendor.write(DocumentType.REVOCATION_LIST, revocation_claims("LIC-1"))
    report = console.import_files([license_file, revocations])
    assert report.files[0].status == "refused"
    assert report.files[0].error_code == "revoked"
    assert not report.succeeded
    assert count(console, documents) == 0
    assert console.current_license() is None


def _statement_files(vendor: Vendor, total: int, per_file: int) -> list[Path]:
    start = date(2023, 4, 1)
    files = []
    for first in range(0, total, per_file):
        batch = [
            statement_ticket(f"C{n:05d}", (start + timedelta(days=n % 700)).isoformat())
            for n in range(first, min(first + per_file, total))
        ]
        files.append(vendor.write(DocumentType.TICKET_STATEMENT, statement_claims(batch)))
    return files


def test_ten_thousand_statement_tickets_import(console: Console, vendor: Vendor) -> None:
    """A document is at most 64 KiB (SPEC section 4), so 10,000 tickets come in 25 statements."""
    files = _statement_files(vendor, 10_000, 400)
    assert all(p.stat().st_size <= 64 * 1024 for p in files)
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()), *files)
    ledger = console.list_tickets(TODAY)
    assert len(ledger) == 10_000
    outcomes = [e.outcome for e in ledger]
    assert outcomes.count(Outcome.CHARGED) == 12  # two periods of 6 tickets
    assert outcomes.count(Outcome.UNFUNDED) == 10_000 - 12
    assert count(console, tickets) == 10_000
    assert imported(console, *files).files[0].status == "already_imported"
    assert count(console, tickets) == 10_000


def test_a_statement_over_64_kib_is_refused(console: Console, vendor: Vendor) -> None:
    [big] = _statement_files(vendor, 2_000, 2_000)
    report = console.import_files([big])
    assert report.files[0].error_code == "too_large"
    assert count(console, tickets) == 0


def test_store_applies_a_10000_ticket_statement_in_chunks(console: Console) -> None:
    def statement(issued_at: str, classification: str) -> tuple[dict[str, Any], Any]:
        raw = statement_claims(
            [statement_ticket(f"C{n:05d}", "2024-06-01", classification) for n in range(10_000)],
            issued_at=issued_at,
        )
        return raw, parse_claims(DocumentType.TICKET_STATEMENT, raw)

    def apply(issued_at: str, classification: str) -> int:
        raw, claims = statement(issued_at, classification)
        assert isinstance(claims, TicketStatementClaims)
        document = VerifiedDocument(
            DocumentType.TICKET_STATEMENT,
            "kid",
            TrustSource.VENDOR,
            claims,
            raw,
            issued_at,
            json.dumps(raw),
        )
        with console.database.write() as connection:
            document_id = store.insert_document(
                connection, document, store.token_digest(document.token)
            )
            return store.apply_statement(connection, claims, document_id)

    assert apply("2025-02-01T00:00:00Z", "customer") == 10_000
    assert apply("2025-03-01T00:00:00Z", "product_bug") == 10_000
    assert apply("2025-01-01T00:00:00Z", "customer") == 0  # older: changes nothing
    assert count(console, tickets) == 10_000
    with console.database.read() as connection:
        stored = store.load_tickets(connection, "LIC-1")
    assert {t.classification for t in stored.tickets} == {Classification.PRODUCT_BUG}


# tickets ------------------------------------------------------------------------------------


def test_add_classify_list(console: Console, vendor: Vendor) -> None:
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()))
    console.add_ticket(ticket("T-1", "2024-06-01", title="printer"))
    console.add_ticket(ticket("T-2", "2024-07-01", category=Category.TRAINING))
    found = entries(console)
    assert found["T-1"].outcome is Outcome.CHARGED
    assert found["T-1"].source == "local"
    assert found["T-1"].ticket.title == "printer"
    assert found["T-2"].outcome is Outcome.OUT_OF_SCOPE
    console.classify("T-1", Classification.PRODUCT_BUG)
    assert entries(console)["T-1"].outcome is Outcome.NOT_DEDUCTED_BUG


def test_tickets_without_a_license_are_listed_as_ineligible(console: Console) -> None:
    console.add_ticket(ticket("T-1", "2024-06-01"))
    [entry] = console.list_tickets(TODAY)
    assert entry.outcome is Outcome.INELIGIBLE


def test_classifying_an_unknown_case_is_a_user_error(console: Console) -> None:
    with pytest.raises(UserError, match="NOPE"):
        console.classify("NOPE", Classification.PRODUCT_BUG)
    assert count(console, tickets) == 0


def test_adding_an_existing_case_is_refused_and_changes_nothing(
    console: Console, vendor: Vendor
) -> None:
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()))
    console.add_ticket(ticket("T-1", "2024-06-01", title="first"))
    with pytest.raises(UserError, match="T-1"):
        console.add_ticket(
            ticket("T-1", "2024-09-09", classification=Classification.PRODUCT_BUG, title="2nd")
        )
    [entry] = console.list_tickets(TODAY)
    assert entry.ticket == ticket("T-1", "2024-06-01", title="first")


def test_csv_import_adds_every_row(console: Console, vendor: Vendor, tmp_path: Path) -> None:
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()))
    path = write_csv(
        tmp_path,
        "\ufeffcase_id,opened_on,kind,classification,category,title\n"
        "A-1,2024-06-01,,,,\n"
        'A-2,2024-06-02,service_request,product_bug,upgrade,"Upgrade, please"\n',
    )
    assert console.import_tickets_csv(path) == 2
    found = entries(console)
    assert found["A-1"].ticket == ticket("A-1", "2024-06-01")
    assert found["A-2"].ticket == ticket(
        "A-2",
        "2024-06-02",
        kind=TicketKind.SERVICE_REQUEST,
        classification=Classification.PRODUCT_BUG,
        category=Category.UPGRADE,
        title="Upgrade, please",
    )


def test_csv_import_is_all_or_nothing_and_names_each_bad_row(
    console: Console, vendor: Vendor, tmp_path: Path
) -> None:
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()))
    console.add_ticket(ticket("OLD-1", "2024-05-01"))
    path = write_csv(
        tmp_path,
        "case_id,opened_on,kind,classification,category\n"  # row 1
        "A-1,2024-06-01,incident,customer,product\n"  # 2: good
        "A-2,2024-13-01,incident,customer,product\n"  # 3: no such date
        "A-1,2024-06-03,incident,customer,product\n"  # 4: repeats row 2
        "OLD-1,2024-06-04,incident,customer,product\n"  # 5: already in the ledger
        "A-5,2024-06-05,phone_call,customer,product\n"  # 6: unknown kind
        "A-6,2024-06-06,incident,customer,product,extra\n"  # 7: one field too many
        ",2024-06-07,incident,customer,product\n"  # 8: no case id
        "A-8,2024-06-08,incident,customer,product\n",  # 9: good
    )
    with pytest.raises(CsvImportError) as caught:
        console.import_tickets_csv(path)
    assert [e.row for e in caught.value.errors] == [3, 4, 5, 6, 7, 8]
    message = str(caught.value)
    assert "row 4" in message and "OLD-1" in message
    assert count(console, tickets) == 1


def test_csv_rows_are_numbered_as_a_spreadsheet_shows_them() -> None:
    """A blank line is a row too: the bad row below is row 4 in a spreadsheet."""
    _, errors = parse_tickets_csv("case_id,opened_on\nA-1,2024-06-01\n\nA-2,yesterday\n")
    assert [e.row for e in errors] == [4]
    _, errors = parse_tickets_csv('case_id,opened_on,title\nA-1,2024-06-01,"two\nlines"\nA-2,x\n')
    assert [e.row for e in errors] == [3]


def test_an_unreadable_csv_record_is_a_bad_row_not_a_traceback() -> None:
    # An unclosed quote swallows the rest of the file, past the csv module's field limit.
    text = 'case_id,opened_on,title\nA-1,2024-06-01,"' + "x" * 200_000 + "\n"
    _, errors = parse_tickets_csv(text)
    assert [e.row for e in errors] == [2]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("case_id,opened_on,priority", "unknown column"),
        ("case_id,kind", "opened_on"),
        ("opened_on,title", "case_id"),
        ("", "case_id"),
    ],
)
def test_a_csv_with_a_bad_header_is_refused(
    console: Console, tmp_path: Path, header: str, expected: str
) -> None:
    path = write_csv(tmp_path, f"{header}\nA-1,2024-06-01,x\n")
    with pytest.raises(CsvImportError, match=expected) as caught:
        console.import_tickets_csv(path)
    assert [e.row for e in caught.value.errors] == [1]
    assert count(console, tickets) == 0


def test_a_csv_that_cannot_be_read_is_a_user_error(console: Console, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file"):
        console.import_tickets_csv(tmp_path / "missing.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("case_id,opened_on,title\nA-1,2024-06-01,caf\xe9\n".encode("latin-1"))
    with pytest.raises(UserError, match="UTF-8"):
        console.import_tickets_csv(latin)
    with pytest.raises(UserError):
        console.import_tickets_csv(tmp_path)


# status -------------------------------------------------------------------------------------


def _worked_example(console: Console, vendor: Vendor) -> None:
    """SPEC section 6: 5 customer and 2 product-bug tickets since 2024-04-01, and pack P1."""
    rows = [statement_ticket(f"CS-{n}", f"2024-{n + 4:02d}-10") for n in range(1, 6)]
    rows += [statement_ticket(f"BUG-{n}", f"2024-0{n + 4}-20", "product_bug") for n in (1, 2)]
    imported(
        console,
        vendor.write(DocumentType.LICENSE, license_claims()),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims()),
        vendor.write(DocumentType.TICKET_STATEMENT, statement_claims(rows)),
    )


def test_status_follows_the_worked_example(console: Console, vendor: Vendor) -> None:
    _worked_example(console, vendor)
    status = console.status(TODAY)
    assert status.sm is not None and status.balance is not None
    assert status.sm.state is SmState.RENEWAL_DUE
    assert status.sm.days_to_expiry == 31
    balance = status.balance
    assert (balance.period_start, balance.period_end) == (date(2024, 4, 1), date(2025, 4, 1))
    assert (balance.annual_used, balance.annual_remaining) == (5, 1)
    assert balance.not_deducted_bug == 2
    assert [(p.pack_id, p.remaining) for p in balance.packs] == [("P1", 4)]
    assert balance.remaining_total == 5
    assert status.severity is Severity.WARNING
    assert WarningCode.RENEWAL_DUE in codes(status.warnings)
    for n in (1, 2, 3):
        console.add_ticket(ticket(f"NEW-{n}", "2025-03-10"))
    later = console.status(date(2025, 3, 10)).balance
    assert later is not None
    assert later.annual_remaining == 0
    assert [(p.pack_id, p.remaining) for p in later.packs] == [("P1", 2)]


def test_status_as_of_leaves_out_later_tickets(console: Console, vendor: Vendor) -> None:
    _worked_example(console, vendor)
    console.add_ticket(ticket("LATE-1", "2025-03-10"))
    before = console.status(TODAY).balance
    after = console.status(date(2025, 3, 10)).balance
    assert before is not None and after is not None
    assert before.annual_used == 5
    assert after.annual_used == 6
    assert "LATE-1" not in entries(console, TODAY)
    assert "LATE-1" in entries(console, date(2025, 3, 10))


def test_balances_follow_reclassification_at_once(console: Console, vendor: Vendor) -> None:
    _worked_example(console, vendor)

    def used_and_bugs() -> tuple[int, int]:
        balance = console.status(TODAY).balance
        assert balance is not None
        return balance.annual_used, balance.not_deducted_bug

    assert used_and_bugs() == (5, 2)
    console.classify("CS-1", Classification.PRODUCT_BUG)
    assert used_and_bugs() == (4, 3)
    console.classify("BUG-1", Classification.CUSTOMER)
    assert used_and_bugs() == (5, 2)
    console.classify("CS-1", Classification.CUSTOMER)
    console.classify("BUG-1", Classification.PRODUCT_BUG)
    assert used_and_bugs() == (5, 2)


def test_packs_of_another_license_are_ignored(console: Console, vendor: Vendor) -> None:
    imported(
        console,
        vendor.write(DocumentType.LICENSE, license_claims()),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims("P1")),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims("P-OTHER", license_id="LIC-2")),
    )
    balance = console.status(TODAY).balance
    assert balance is not None
    assert [p.pack_id for p in balance.packs] == ["P1"]
    assert balance.remaining_total == 6 + 4


@pytest.mark.parametrize("same_batch", [False, True], ids=["separately", "one-batch"])
def test_the_current_license_is_the_newest_revision(
    console: Console, vendor: Vendor, same_batch: bool
) -> None:
    first = vendor.write(DocumentType.LICENSE, license_claims())
    renewed = vendor.write(
        DocumentType.LICENSE,
        license_claims(revision=2, sm_end="2026-04-01", issued_at="2025-02-15T10:00:00Z"),
    )
    if same_batch:
        imported(console, renewed, first)
    else:
        imported(console, first)
        imported(console, renewed)
    status = console.status(TODAY)
    assert status.license is not None and status.sm is not None
    assert status.license.claims.revision == 2
    assert status.license.revisions == (1, 2)
    assert status.sm.end == date(2026, 4, 1)
    assert status.sm.state is SmState.ACTIVE


@pytest.mark.parametrize("source", [TrustSource.VENDOR, TrustSource.ADDITIONAL])
def test_status_reports_the_trust_source(
    make_console: MakeConsole, vendor: Vendor, source: TrustSource
) -> None:
    console = make_console(vendor.trust(source))
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()))
    status = console.status(TODAY)
    assert status.license is not None
    assert status.license.trust is source
    assert status.license.kid == vendor.kid


def test_status_without_a_license_is_critical(console: Console) -> None:
    status = console.status(TODAY)
    assert status.severity is Severity.CRITICAL
    assert codes(status.warnings) == {WarningCode.NO_VALID_LICENSE}
    assert "import" in warning_message(status.warnings[0])


# questions ----------------------------------------------------------------------------------


def test_renewal_quote_and_upgrade_follow_the_worked_example(
    console: Console, vendor: Vendor
) -> None:
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()))
    day = date(2025, 7, 15)
    quote = console.renewal_quote(day, 1, False)
    assert (quote.period_start, quote.period_end) == (date(2025, 4, 1), date(2026, 4, 1))
    assert quote.base_amount == Decimal("12000.00")
    assert quote.reinstatement_fee == Decimal("1200.00")
    assert quote.total == Decimal("13200.00")
    assert console.renewal_quote(day, 1, True).total is None
    with pytest.raises(UserError):
        console.renewal_quote(day, 0, False)
    release = date(2025, 5, 20)
    assert not console.upgrade_check(release, day).permitted
    imported(
        console,
        vendor.write(
            DocumentType.LICENSE,
            license_claims(revision=2, sm_end="2026-04-01", issued_at="2025-07-20T00:00:00Z"),
        ),
    )
    assert console.upgrade_check(release, day).permitted


def test_eligibility(console: Console, vendor: Vendor) -> None:
    no_license = console.eligibility(Category.PRODUCT, Classification.CUSTOMER, TODAY)
    assert no_license.reasons == (IneligibleReason.NO_VALID_LICENSE,)
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()))
    assert console.eligibility(Category.PRODUCT, Classification.CUSTOMER, TODAY).eligible
    training = console.eligibility(Category.TRAINING, Classification.CUSTOMER, TODAY)
    assert training.reasons == (IneligibleReason.OUT_OF_SCOPE,)


# R15: the clock -----------------------------------------------------------------------------


def _mark(console: Console) -> date | None:
    with console.database.read() as connection:
        return store.latest_seen_date(connection)


def test_the_latest_seen_date_is_raised_and_never_lowered(
    make_console: MakeConsole, vendor: Vendor
) -> None:
    trust = vendor.trust()
    first = make_console(trust, today=date(2025, 3, 10))
    first.record_run()
    assert first.clock_warning() is None
    console = make_console(trust)
    assert _mark(console) == date(2025, 3, 10)
    make_console(trust, today=date(2025, 3, 5)).record_run()  # a run on that day
    assert _mark(console) == date(2025, 3, 10)
    make_console(trust, today=date(2025, 3, 20)).record_run()  # a run on that day
    assert _mark(console) == date(2025, 3, 20)


def test_a_clock_two_days_behind_warns_one_day_does_not(
    make_console: MakeConsole, vendor: Vendor
) -> None:
    trust = vendor.trust()
    make_console(trust, today=date(2025, 3, 10)).record_run()  # a run on that day
    assert make_console(trust, today=date(2025, 3, 9)).clock_warning() is None
    warning = make_console(trust, today=date(2025, 3, 8)).clock_warning()
    assert warning is not None
    assert warning.code is WarningCode.CLOCK_ROLLBACK
    assert warning.severity is Severity.WARNING
    assert warning.fact("latest_seen") == "2025-03-10"
    assert warning.fact("today") == "2025-03-08"
    status = make_console(trust, today=date(2025, 3, 8)).status(date(2025, 3, 8))
    assert WarningCode.CLOCK_ROLLBACK in codes(status.warnings)


def test_the_issued_at_of_stored_documents_counts_as_seen(
    make_console: MakeConsole, vendor: Vendor
) -> None:
    trust = vendor.trust()
    console = make_console(trust)
    imported(
        console,
        vendor.write(DocumentType.LICENSE, license_claims(issued_at="2025-03-02T23:00:00Z")),
    )
    assert console.clock_warning() is None  # one day ahead is within the tolerance
    imported(
        console,
        vendor.write(
            DocumentType.TICKET_STATEMENT, statement_claims([], issued_at="2025-03-20T08:00:00Z")
        ),
    )
    warning = console.clock_warning()
    assert warning is not None and warning.code is WarningCode.CLOCK_ROLLBACK
    assert warning.fact("latest_seen") == "2025-03-20"
    assert WarningCode.CLOCK_ROLLBACK in codes(console.status(TODAY).warnings)


def test_as_of_in_the_past_is_not_a_clock_rollback(console: Console, vendor: Vendor) -> None:
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()))
    console.status(TODAY)
    status = console.status(date(2020, 1, 1))
    assert WarningCode.CLOCK_ROLLBACK not in codes(status.warnings)
    assert _mark(console) == TODAY


# catalogs -----------------------------------------------------------------------------------


@pytest.fixture
def licensed(console: Console, vendor: Vendor) -> Console:
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()))
    return console


def test_catalog_check_over_stored_catalogs(licensed: Console, vendor: Vendor) -> None:
    with pytest.raises(UserError, match="no release catalog"):
        licensed.catalog_check(TODAY)
    newer = catalog_claims("2025-02-01T00:00:00Z", [("11.0", "2025-03-15"), ("12.0", "2025-06-01")])
    older = catalog_claims(
        "2025-01-01T00:00:00Z",
        [("10.0", "2024-01-01"), ("11.0", "2025-05-01"), ("9.0", "2023-01-01")],
    )
    other = catalog_claims("2025-03-01T00:00:00Z", [("99.0", "2020-01-01")], product="OTHER")
    # The newer catalog is imported first: issue time decides, not import order.
    imported(licensed, vendor.write(DocumentType.RELEASE_CATALOG, newer))
    imported(
        licensed,
        vendor.write(DocumentType.RELEASE_CATALOG, older),
        vendor.write(DocumentType.RELEASE_CATALOG, other),
    )
    verdict = licensed.catalog_check(TODAY)
    assert verdict.product_code == "PORTAL"
    assert [
        (str(r.version), r.released_on.isoformat(), r.decision.permitted) for r in verdict.releases
    ] == [
        ("9.0", "2023-01-01", True),
        ("10.0", "2024-01-01", True),
        ("11.0", "2025-03-15", True),
        ("12.0", "2025-06-01", False),
    ]
    assert verdict.latest_permitted == Version("11.0")
    installed = licensed.catalog_check(TODAY, installed=Version("10.0"))
    assert [str(r.version) for r in installed.releases] == ["11.0", "12.0"]
    assert installed.latest_permitted == Version("11.0")
    nothing_new = licensed.catalog_check(TODAY, installed=Version("12.0"))
    assert nothing_new.releases == () and nothing_new.latest_permitted is None


def test_catalog_check_with_a_given_catalog(licensed: Console, vendor: Vendor) -> None:
    path = vendor.write(
        DocumentType.RELEASE_CATALOG,
        catalog_claims("2025-02-01T00:00:00Z", [("11.0", "2025-03-15"), ("12.0", "2025-06-01")]),
    )
    verdict = licensed.catalog_check(TODAY, path.read_bytes())
    assert verdict.latest_permitted == Version("11.0")
    assert count(licensed, documents) == 1  # checking a catalog does not store it


def test_catalog_check_refuses_another_products_catalog(licensed: Console, vendor: Vendor) -> None:
    path = vendor.write(
        DocumentType.RELEASE_CATALOG,
        catalog_claims("2025-02-01T00:00:00Z", [("1.0", "2024-01-01")], product="OTHER"),
    )
    with pytest.raises(UserError, match="OTHER") as caught:
        licensed.catalog_check(TODAY, path.read_bytes())
    assert not isinstance(caught.value, DocumentRefused)


def test_catalog_check_refuses_a_tampered_or_wrong_document(
    licensed: Console, vendor: Vendor
) -> None:
    path = vendor.write(
        DocumentType.RELEASE_CATALOG,
        catalog_claims("2025-02-01T00:00:00Z", [("1.0", "2024-01-01")]),
    )
    with pytest.raises(DocumentRefused, match="bad_signature"):
        licensed.catalog_check(TODAY, tampered(path).read_bytes())
    license_file = vendor.write(DocumentType.LICENSE, license_claims())
    with pytest.raises(DocumentRefused, match="wrong_type"):
        licensed.catalog_check(TODAY, license_file.read_bytes())


def test_catalog_check_needs_a_license(console: Console) -> None:
    with pytest.raises(NoValidLicense):
        console.catalog_check(TODAY)


# requests -----------------------------------------------------------------------------------


def _renewal(console: Console) -> Any:
    return compose_renewal(
        console, TODAY, None, SeatChange(), Contact("Ann Admin", "ann@fabrikam.example")
    )


def test_a_renewal_request_saved_as_files_is_recorded(licensed: Console, tmp_path: Path) -> None:
    request = _renewal(licensed)
    assert request.payload["period_end"] == "2026-04-01"
    folder = tmp_path / "requests" / "new"
    recorded = record_request(licensed, request, "file", folder, TODAY)
    assert recorded.json_path is not None and recorded.text_path is not None
    saved = json.loads(recorded.json_path.read_text(encoding="utf-8"))
    assert saved["license_id"] == "LIC-1"
    assert saved["total"] == "12000.00"
    assert saved["to"] == "renewals@cireson.com"
    text = recorded.text_path.read_text(encoding="utf-8")
    assert text.startswith("To: renewals@cireson.com\nSubject: ")
    assert "Ann Admin" in text
    with licensed.database.read() as connection:
        [row] = store.load_requests(connection)
    assert (row.id, row.kind, row.status, row.channel) == (recorded.id, "renewal", "saved", "file")
    assert row.file_path == str(recorded.json_path)
    assert row.payload == request.payload


def test_a_renewal_request_is_fulfilled_by_a_license_reaching_its_period_end(
    licensed: Console, vendor: Vendor, tmp_path: Path
) -> None:
    record_request(licensed, _renewal(licensed), "file", tmp_path, TODAY)

    def statuses() -> list[str]:
        with licensed.database.read() as connection:
            return [r.status for r in store.load_requests(connection)]

    short = license_claims(revision=2, sm_end="2025-10-01", issued_at="2025-02-20T00:00:00Z")
    imported(licensed, vendor.write(DocumentType.LICENSE, short))
    assert statuses() == ["saved"]
    full = license_claims(revision=3, sm_end="2026-04-01", issued_at="2025-02-21T00:00:00Z")
    imported(licensed, vendor.write(DocumentType.LICENSE, full))
    assert statuses() == ["fulfilled"]


def test_a_request_that_cannot_be_written_records_nothing(
    licensed: Console, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(UserError, match="cannot write"):
        record_request(licensed, _renewal(licensed), "file", blocker / "requests", TODAY)
    assert count(licensed, requests) == 0


def test_a_request_half_written_leaves_no_file_behind(licensed: Console, tmp_path: Path) -> None:
    folder = tmp_path / "requests"
    folder.mkdir()
    # The text file's name is taken by a folder, so only the JSON file can be written.
    (folder / f"renewal-request-LIC-1-{TODAY.isoformat()}-1.txt").mkdir()
    with pytest.raises(UserError, match="cannot write"):
        record_request(licensed, _renewal(licensed), "file", folder, TODAY)
    assert count(licensed, requests) == 0
    assert [p.name for p in folder.iterdir() if p.is_file()] == []


# demo ---------------------------------------------------------------------------------------


def test_demo_data_is_signed_and_imported_once(make_console: MakeConsole, tmp_path: Path) -> None:
    trust = TrustStore().with_keys(
        parse_trust_file(resource_path("trust", "demo.json").read_bytes(), TrustSource.DEMO)
    )
    console = make_console(trust)
    console.demo = True
    folder = tmp_path / "demo-documents"
    assert ensure_demo_data(console, folder) is True
    status = console.status(TODAY)
    assert status.license is not None and status.sm is not None and status.balance is not None
    assert status.license.trust is TrustSource.DEMO
    assert status.sm.state is SmState.RENEWAL_DUE
    assert status.balance.ineligible >= 1
    assert WarningCode.CLOCK_ROLLBACK not in codes(status.warnings)
    stored = (count(console, documents), count(console, tickets))
    assert ensure_demo_data(console, folder) is False
    assert (count(console, documents), count(console, tickets)) == stored
