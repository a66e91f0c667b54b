"""Importing signed documents (`app.importing`, docs/rules.md "Signed documents"): all or
nothing, idempotent, revisions and revocations checked against what counts in this run; and what
the imported documents then count for.

Over real databases: tests that store and read back run on SQLite and PostgreSQL (when
TEST_POSTGRES_URL is set); checks of the same logic on other inputs run on SQLite only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Table, func, select

from app.console import Console, open_console
from app.errors import NoValidLicense
from app.importing import ImportStatus, import_documents, import_files
from app.questions import renewal_quote
from app.status import portfolio_status, read
from app.storage.schema import documents, tickets
from app.tickets import add_ticket, list_tickets
from licensing.claims import Classification, DocumentType, Ticket
from licensing.ledger import Outcome
from licensing.portfolio import TicketEntry, TicketSource
from licensing.trust import TrustSource
from licensing.warnings import Severity, WarningCode
from tests.app.support import imported
from tests.factories import (
    Vendor,
    catalog_claims,
    license_claims,
    pack_claims,
    revocation_claims,
    statement_claims,
    statement_ticket,
)

MakeConsole = Callable[..., Console]
TODAY = date(2025, 3, 1)
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def count(console: Console, table: Table) -> int:
    with console.database.read() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def tampered(path: Path) -> Path:
    """The same token with one character of its signed message changed."""
    token = path.read_text(encoding="ascii").strip()
    at = len("v4.public.") + 20
    changed = token[:at] + ("A" if token[at] != "A" else "B") + token[at + 1 :]
    out = path.with_name(f"tampered-{path.name}")
    out.write_text(changed + "\n", encoding="ascii")
    return out


def entries(console: Console, as_of: date = TODAY) -> dict[str, TicketEntry]:
    return {e.ticket.case_id: e for e in list_tickets(console, as_of)}


def one_of_each(vendor: Vendor) -> list[Path]:
    return [
        vendor.write(DocumentType.LICENSE, license_claims()),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims()),
        vendor.write(
            DocumentType.TICKET_STATEMENT,
            statement_claims([statement_ticket("CS-1", "2024-05-01")]),
        ),
        vendor.write(DocumentType.RELEASE_CATALOG, catalog_claims()),
        vendor.write(DocumentType.REVOCATION_LIST, revocation_claims([("LIC-OTHER", "refund")])),
    ]


def test_every_document_type_imports(console: Console, vendor: Vendor) -> None:
    files = one_of_each(vendor)
    report = imported(console, *files)
    assert [f.status for f in report.files] == [ImportStatus.IMPORTED] * 5
    assert [f.document_type for f in report.files] == [t.value for t in DocumentType]
    assert [f.name for f in report.files] == [str(p) for p in files]
    assert report.exit_code == 0
    assert count(console, documents) == 5
    # Only the tokens are stored: a statement's cases are read from it, never copied.
    assert count(console, tickets) == 0
    portfolio = read(console)
    assert portfolio.license_ids == ("LIC-1",)
    assert list(portfolio.vendor_records) == ["CS-1"]
    assert dict(portfolio.revocations) == {"LIC-OTHER": "refund"}
    assert [str(r.version) for r in portfolio.releases("PORTAL")] == ["10.2.0", "10.2.1", "11.0.0"]
    standing = portfolio_status(console, TODAY).standing("LIC-1")
    assert standing is not None
    assert [p.pack_id for p in standing.balance.packs] == ["P1"]


def test_import_is_idempotent(console: Console, vendor: Vendor) -> None:
    files = one_of_each(vendor)
    imported(console, *files)
    again = imported(console, *files)
    assert [f.status for f in again.files] == [ImportStatus.ALREADY_IMPORTED] * 5
    assert count(console, documents) == 5
    # The same token in another file, armored and wrapped, is the same document.
    copy = vendor.folder / "copy.paseto"
    copy.write_text("-----BEGIN LICENSE-----\n" + files[0].read_text() + "-----END LICENSE-----\n")
    assert imported(console, copy).files[0].status is ImportStatus.ALREADY_IMPORTED
    assert count(console, documents) == 5


@sqlite_only
def test_pasted_text_imports_like_a_file(console: Console, vendor: Vendor) -> None:
    token = vendor.token(DocumentType.LICENSE, license_claims())
    wrapped = "\n".join(token[i : i + 60] for i in range(0, len(token), 60))
    report = import_documents(console, [("pasted", f"Your key:\n{wrapped}\n".encode())])
    assert [(f.name, f.status) for f in report.files] == [("pasted", ImportStatus.IMPORTED)]
    path = vendor.folder / "same.paseto"
    path.write_text(token, encoding="ascii")
    assert imported(console, path).files[0].status is ImportStatus.ALREADY_IMPORTED


@sqlite_only
def test_a_file_given_twice_in_one_batch_is_stored_once(console: Console, vendor: Vendor) -> None:
    path = vendor.write(DocumentType.LICENSE, license_claims())
    report = imported(console, path, path)
    assert [f.status for f in report.files] == [
        ImportStatus.IMPORTED,
        ImportStatus.ALREADY_IMPORTED,
    ]
    assert count(console, documents) == 1


def test_an_older_license_revision_is_refused_and_the_batch_is_not_stored(
    console: Console, vendor: Vendor
) -> None:
    imported(console, vendor.write(DocumentType.LICENSE, license_claims(revision=2)))
    pack = vendor.write(DocumentType.SUPPORT_PACK, pack_claims("P2"))
    older = vendor.write(DocumentType.LICENSE, license_claims(revision=1))
    report = import_files(console, [pack, older])
    assert not report.succeeded
    assert report.exit_code == 2
    assert report.files[0].status is ImportStatus.NOT_IMPORTED
    assert report.files[1].status is ImportStatus.REFUSED
    assert report.files[1].error_code == "older_revision"
    assert count(console, documents) == 1
    held = read(console).license("LIC-1")
    assert held is not None
    assert [r.claims.revision for r in held.revisions] == [2]


@sqlite_only
def test_a_revision_or_pack_stored_with_other_content_is_refused(
    console: Console, vendor: Vendor
) -> None:
    imported(
        console,
        vendor.write(DocumentType.LICENSE, license_claims()),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims()),
    )
    same_revision = vendor.write(DocumentType.LICENSE, license_claims(tickets_per_year=60))
    same_pack = vendor.write(DocumentType.SUPPORT_PACK, pack_claims(packs=5))
    report = import_files(console, [same_revision, same_pack])
    assert [f.error_code for f in report.files] == ["conflicting_revision", "conflicting_pack"]
    assert count(console, documents) == 2


@sqlite_only
def test_a_pack_stored_before_its_license_is_not_replaced_by_another(
    console: Console, vendor: Vendor
) -> None:
    imported(console, vendor.write(DocumentType.SUPPORT_PACK, pack_claims(packs=1)))
    other = import_files(console, [vendor.write(DocumentType.SUPPORT_PACK, pack_claims(packs=3))])
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()))
    standing = portfolio_status(console, TODAY).standing("LIC-1")
    assert standing is not None
    assert [(p.pack_id, p.tickets) for p in standing.balance.packs] == [("P1", 4)]
    assert [f.error_code for f in other.files] == ["conflicting_pack"]


@sqlite_only
def test_a_tampered_license_refuses_the_whole_batch(console: Console, vendor: Vendor) -> None:
    pack = vendor.write(DocumentType.SUPPORT_PACK, pack_claims())
    bad = tampered(vendor.write(DocumentType.LICENSE, license_claims()))
    report = import_files(console, [pack, bad])
    assert [f.name for f in report.files] == [str(pack), str(bad)]
    assert report.files[1].status is ImportStatus.REFUSED
    assert report.files[1].error_code == "bad_signature"
    assert not report.succeeded
    assert count(console, documents) == 0
    assert read(console).licenses == ()


@sqlite_only
def test_an_unreadable_file_refuses_the_batch(console: Console, vendor: Vendor) -> None:
    good = vendor.write(DocumentType.LICENSE, license_claims())
    report = import_files(console, [good, vendor.folder / "missing.paseto", vendor.folder])
    assert [f.status for f in report.files] == [
        ImportStatus.NOT_IMPORTED,
        ImportStatus.UNREADABLE,
        ImportStatus.UNREADABLE,
    ]
    assert "no such file" in report.files[1].message
    assert report.exit_code == 3
    assert count(console, documents) == 0


@sqlite_only
def test_an_unknown_signer_is_told_how_to_trust_it(console: Console, tmp_path: Path) -> None:
    stranger = Vendor.create(tmp_path / "stranger")
    report = import_files(console, [stranger.write(DocumentType.LICENSE, license_claims())])
    [outcome] = report.files
    assert (outcome.status, outcome.error_code) == (ImportStatus.REFUSED, "unknown_key")
    assert stranger.kid in outcome.message
    assert "trust add" in outcome.message


@sqlite_only
def test_a_statement_overrides_a_local_ticket(console: Console, vendor: Vendor) -> None:
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()))
    add_ticket(console, Ticket("CS-1", date(2024, 6, 1), title="local"))
    statement = statement_claims([statement_ticket("CS-1", "2024-06-02", "product_bug")])
    imported(console, vendor.write(DocumentType.TICKET_STATEMENT, statement))
    [entry] = list_tickets(console, TODAY)
    assert entry.source is TicketSource.VENDOR
    assert entry.ticket == Ticket(
        "CS-1", date(2024, 6, 2), classification=Classification.PRODUCT_BUG
    )
    assert entry.outcome is Outcome.NOT_DEDUCTED_BUG
    assert entry.license_id == "LIC-1"


@sqlite_only
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
            [statement_ticket("CS-1", "2024-05-01"), statement_ticket("CS-2", "2024-05-02")],
            issued_at="2025-02-01T08:00:00Z",
        ),
    )
    if same_batch:
        imported(console, newer, older)
    else:
        imported(console, newer)
        imported(console, older)
    found = entries(console)
    assert found["CS-1"].ticket.classification is Classification.PRODUCT_BUG
    assert found["CS-1"].ticket.opened_on == date(2024, 6, 1)
    assert found["CS-2"].source is TicketSource.VENDOR


@sqlite_only
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
    entry = entries(console)["CS-1"]
    assert entry.ticket.classification is Classification.PRODUCT_BUG


def test_a_revocation_list_invalidates_the_stored_license(console: Console, vendor: Vendor) -> None:
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()))
    revocation = revocation_claims([("LIC-1", "chargeback")], issued_at="2025-02-20T00:00:00Z")
    imported(console, vendor.write(DocumentType.REVOCATION_LIST, revocation))
    assert read(console).licenses == ()
    status = portfolio_status(console, TODAY)
    assert status.licenses == ()
    assert status.severity is Severity.CRITICAL
    by_code = {w.code: w for w in status.warnings}
    assert set(by_code) == {WarningCode.UNTRUSTED_DOCUMENT, WarningCode.NO_VALID_LICENSE}
    untrusted = by_code[WarningCode.UNTRUSTED_DOCUMENT]
    assert (untrusted.severity, untrusted.license_id) == (Severity.CRITICAL, "LIC-1")
    assert untrusted.facts["error"] == "revoked"
    assert "chargeback" in str(untrusted.facts["detail"])
    with pytest.raises(NoValidLicense, match="revoked"):
        renewal_quote(console, TODAY, years=1)
    # A later revision of a revoked license stays refused.
    report = import_files(console, [vendor.write(DocumentType.LICENSE, license_claims(revision=2))])
    assert report.files[0].error_code == "revoked"


@sqlite_only
def test_a_license_revoked_in_the_same_batch_is_refused(console: Console, vendor: Vendor) -> None:
    license_file = vendor.write(DocumentType.LICENSE, license_claims())
    revocations = vendor.write(
        DocumentType.REVOCATION_LIST, revocation_claims([("LIC-1", "chargeback")])
    )
    report = import_files(console, [license_file, revocations])
    assert report.files[0].status is ImportStatus.REFUSED
    assert report.files[0].error_code == "revoked"
    assert not report.succeeded
    assert count(console, documents) == 0
    assert read(console).licenses == ()


def _statement_files(vendor: Vendor, total: int, per_file: int) -> list[Path]:
    start = date(2023, 4, 1)
    files = []
    for first in range(0, total, per_file):
        batch = [
            statement_ticket(f"C{n:05d}", start + timedelta(days=n % 700))
            for n in range(first, min(first + per_file, total))
        ]
        files.append(vendor.write(DocumentType.TICKET_STATEMENT, statement_claims(batch)))
    return files


@sqlite_only
def test_ten_thousand_statement_tickets_import(console: Console, vendor: Vendor) -> None:
    """A document is at most 64 KiB, so 10,000 tickets come in 25 statements."""
    files = _statement_files(vendor, 10_000, 400)
    assert all(p.stat().st_size <= 64 * 1024 for p in files)
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()), *files)
    ledger = list_tickets(console, TODAY)
    assert len(ledger) == 10_000
    outcomes = [e.outcome for e in ledger]
    assert outcomes.count(Outcome.CHARGED) == 12  # two periods of 6 tickets
    assert outcomes.count(Outcome.UNFUNDED) == 10_000 - 12
    assert imported(console, *files).files[0].status is ImportStatus.ALREADY_IMPORTED
    assert count(console, documents) == 26


@sqlite_only
def test_a_statement_over_64_kib_is_refused(console: Console, vendor: Vendor) -> None:
    [big] = _statement_files(vendor, 2_000, 2_000)
    report = import_files(console, [big])
    assert report.files[0].error_code == "too_large"
    assert count(console, documents) == 0


# what counts after an import ------------------------------------------------------------------


@sqlite_only
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
    standing = portfolio_status(console, TODAY).standing("LIC-1")
    assert standing is not None
    assert standing.claims.revision == 2
    assert [r.claims.revision for r in standing.held.revisions] == [2, 1]
    assert standing.sm.end == date(2026, 4, 1)
    assert standing.sm.state == "active"


@sqlite_only
@pytest.mark.parametrize("source", [TrustSource.VENDOR, TrustSource.ADDITIONAL])
def test_status_reports_the_trust_source(
    make_console: MakeConsole, vendor: Vendor, source: TrustSource
) -> None:
    console = make_console(vendor.trust(source))
    imported(
        console,
        vendor.write(DocumentType.LICENSE, license_claims()),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims()),
    )
    status = portfolio_status(console, date(2025, 1, 15))
    [standing] = status.licenses
    assert (standing.held.trust, standing.held.current.kid) == (source, vendor.kid)
    assert standing.pack_trust("P1") is source
    additional = [w for w in status.all_warnings if w.code is WarningCode.ADDITIONAL_TRUST]
    if source is TrustSource.VENDOR:
        assert additional == []
    else:
        [warning] = additional
        assert (warning.severity, warning.license_id) == (Severity.WARNING, "LIC-1")
        assert warning.facts["documents"] == ("license LIC-1 revision 1", "support pack P1")


@sqlite_only
def test_status_without_a_license_is_critical(console: Console) -> None:
    status = portfolio_status(console, TODAY)
    assert status.severity is Severity.CRITICAL
    assert [w.code for w in status.warnings] == [WarningCode.NO_VALID_LICENSE]
    assert status.overall_state is None


# the demo -------------------------------------------------------------------------------------


def test_demo_data_is_signed_and_imported_once(vendor_is_trusted: Vendor) -> None:
    first = open_console(None, True, [])
    try:
        status = portfolio_status(first, first.today)
        states = {s.license_id: (s.sm.state, s.held.trust) for s in status.licenses}
        assert states == {
            "DEMO-ASSET-PROD": ("lapsed", TrustSource.DEMO),
            "DEMO-PORTAL-PROD": ("renewal_due", TrustSource.DEMO),
            "DEMO-PORTAL-TEST": ("active", TrustSource.DEMO),
        }
        assert sum(s.balance.ineligible for s in status.licenses) >= 1
        assert WarningCode.CLOCK_ROLLBACK not in {w.code for w in status.all_warnings}
        stored = (count(first, documents), count(first, tickets))
        assert stored[0] > 3 and stored[1] > 0
    finally:
        first.close()
    second = open_console(None, True, [])
    try:
        assert (count(second, documents), count(second, tickets)) == stored
    finally:
        second.close()
