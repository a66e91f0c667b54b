"""The ticket ledger (`app.tickets`, docs/rules.md R9-R12, R16, R17): local cases recorded,
edited, assigned and imported from CSV; vendor cases disputed, never changed; the balances
computed from all of it every time.

Over real databases: tests that store and read back run on SQLite and PostgreSQL (when
TEST_POSTGRES_URL is set); checks of the same logic on other inputs run on SQLite only.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Table, func, select

import app.tickets
from app.console import Console
from app.errors import Cancelled, NoValidLicense, UserError
from app.status import portfolio_status, read
from app.storage.schema import disputes, tickets
from app.tickets import (
    CsvImportError,
    EditOutcome,
    add_ticket,
    assign,
    classify,
    classify_tickets,
    dispute,
    edit_ticket,
    import_csv,
    list_tickets,
    parse_tickets_csv,
    tickets_csv,
    withdraw_dispute,
    withdraw_disputes,
)
from licensing.claims import Category, Classification, DocumentType, Ticket, TicketKind
from licensing.ledger import Outcome, TicketBalance
from licensing.portfolio import Portfolio, TicketEntry, TicketSource
from licensing.warnings import WarningCode
from tests.app.support import imported
from tests.factories import (
    Vendor,
    assets_license,
    license_claims,
    pack_claims,
    portal_license,
    statement_claims,
    statement_ticket,
    worked_example_statement,
)

TODAY = date(2025, 3, 1)
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def example(console: Console, vendor: Vendor) -> Console:
    """The worked example: the license, pack P1 and the vendor's statement (CS-1 to CS-7: five
    customer tickets and two product bugs since 2024-04-01)."""
    imported(
        console,
        vendor.write(DocumentType.LICENSE, license_claims()),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims()),
        vendor.write(DocumentType.TICKET_STATEMENT, worked_example_statement()),
    )
    return console


def count(console: Console, table: Table) -> int:
    with console.database.read() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def ticket(case_id: str, opened_on: str, **fields: Any) -> Ticket:
    return Ticket(case_id, date.fromisoformat(opened_on), **fields)


def entries(
    console: Console, as_of: date = TODAY, license_id: str | None = None
) -> dict[str, TicketEntry]:
    return {e.ticket.case_id: e for e in list_tickets(console, as_of, license_id)}


def balance(console: Console, as_of: date = TODAY, license_id: str = "LIC-1") -> TicketBalance:
    standing = portfolio_status(console, as_of).standing(license_id)
    assert standing is not None
    return standing.balance


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times `app.tickets` reads the whole portfolio from now on (one item a read)."""
    reads: list[int] = []
    real = app.tickets.read_portfolio

    def counted(*args: Any) -> Portfolio:
        reads.append(1)
        return real(*args)

    monkeypatch.setattr(app.tickets, "read_portfolio", counted)
    return reads


def write_csv(tmp_path: Path, text: str, name: str = "tickets.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# local tickets --------------------------------------------------------------------------------


def test_add_classify_list(licensed: Console) -> None:
    assert add_ticket(licensed, ticket("T-1", "2024-06-01", title="printer")) == "LIC-1"
    add_ticket(licensed, ticket("T-2", "2024-07-01", category=Category.TRAINING))
    found = entries(licensed)
    assert (found["T-1"].outcome, found["T-1"].source) == (Outcome.CHARGED, TicketSource.LOCAL)
    assert (found["T-1"].license_id, found["T-1"].ticket.title) == ("LIC-1", "printer")
    assert found["T-1"].bucket is not None and found["T-1"].bucket.key == "2024-04-01"
    assert found["T-2"].outcome is Outcome.OUT_OF_SCOPE
    assert classify(licensed, "T-1", Classification.PRODUCT_BUG) is EditOutcome.UPDATED
    assert entries(licensed)["T-1"].outcome is Outcome.NOT_DEDUCTED_BUG
    assert count(licensed, tickets) == 2


@sqlite_only
def test_a_ticket_needs_a_license(console: Console) -> None:
    with pytest.raises(NoValidLicense):
        add_ticket(console, ticket("T-1", "2024-06-01"))
    assert count(console, tickets) == 0
    assert list_tickets(console, TODAY) == []


@sqlite_only
def test_classifying_an_unknown_case_is_a_user_error(licensed: Console) -> None:
    with pytest.raises(UserError, match="NOPE"):
        classify(licensed, "NOPE", Classification.PRODUCT_BUG)
    assert count(licensed, tickets) == 0


@sqlite_only
def test_adding_an_existing_case_is_refused_and_changes_nothing(licensed: Console) -> None:
    add_ticket(licensed, ticket("T-1", "2024-06-01", title="first"))
    second = ticket("T-1", "2024-09-09", classification=Classification.PRODUCT_BUG, title="2nd")
    with pytest.raises(UserError, match="T-1"):
        add_ticket(licensed, second)
    [entry] = list_tickets(licensed, TODAY)
    assert entry.ticket == ticket("T-1", "2024-06-01", title="first")


@sqlite_only
def test_a_vendor_case_id_cannot_be_added_locally(example: Console) -> None:
    with pytest.raises(UserError, match="CS-1"):
        add_ticket(example, ticket("CS-1", "2024-06-01"))
    assert count(example, tickets) == 0


@sqlite_only
@pytest.mark.parametrize(
    ("case_id", "title", "words"),
    [
        ("", None, "empty"),
        ("  ", None, "empty"),
        ("X" * 101, None, "100 characters"),
        ("T\x1b[31m", None, "control"),
        ("T-1", "two\nlines", "control"),
    ],
    ids=["empty", "blank", "too-long", "escape", "line-break"],
)
def test_a_local_ticket_is_one_line_fields(
    licensed: Console, case_id: str, title: str | None, words: str
) -> None:
    with pytest.raises(UserError, match=words):
        add_ticket(licensed, ticket(case_id, "2024-06-01", title=title))
    assert count(licensed, tickets) == 0


@sqlite_only
def test_a_local_ticket_is_edited_in_place(licensed: Console) -> None:
    add_ticket(licensed, ticket("T-1", "2024-06-01"))
    changed = ticket(
        "T-1", "2024-06-03", kind=TicketKind.SERVICE_REQUEST, category=Category.UPGRADE, title="x"
    )
    assert edit_ticket(licensed, changed) is EditOutcome.UPDATED
    assert entries(licensed)["T-1"].ticket == changed
    assert count(licensed, disputes) == 0
    with pytest.raises(UserError, match="T-9"):
        edit_ticket(licensed, ticket("T-9", "2024-06-01"))


@sqlite_only
def test_classify_reads_the_portfolio_once(
    example: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_ticket(example, ticket("T-1", "2024-06-01"))
    reads = count_reads(monkeypatch)
    assert classify(example, "T-1", Classification.PRODUCT_BUG) is EditOutcome.UPDATED
    assert classify(example, "CS-1", Classification.PRODUCT_BUG, "a bug") is EditOutcome.DISPUTED
    assert len(reads) == 2


@sqlite_only
def test_classifying_several_tickets_is_one_transaction(
    example: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(1, 4):
        add_ticket(example, ticket(f"T-{n}", "2024-06-01"))
    classify(example, "T-3", Classification.PRODUCT_BUG)
    reads = count_reads(monkeypatch)
    outcomes = classify_tickets(
        example, ["T-1", "CS-1", "T-2", "T-3", "CS-2", "T-1"], Classification.PRODUCT_BUG, "bugs"
    )
    assert outcomes == {
        "T-1": EditOutcome.UPDATED,
        "CS-1": EditOutcome.DISPUTED,
        "T-2": EditOutcome.UPDATED,
        "T-3": EditOutcome.UNCHANGED,  # a local ticket that already says so
        "CS-2": EditOutcome.UNCHANGED,  # the vendor already says so: no dispute
    }
    assert len(reads) == 1
    found = entries(example)
    assert {found[c].outcome for c in ("T-1", "T-2", "T-3")} == {Outcome.NOT_DEDUCTED_BUG}
    assert found["CS-1"].dispute is not None and found["CS-2"].dispute is None
    assert found["CS-1"].ticket.classification is Classification.CUSTOMER
    assert classify_tickets(example, [], Classification.CUSTOMER) == {}


@sqlite_only
def test_classifying_several_tickets_is_all_or_nothing(example: Console) -> None:
    add_ticket(example, ticket("T-1", "2024-06-01"))
    with pytest.raises(UserError, match="NOPE"):
        classify_tickets(example, ["T-1", "CS-1", "NOPE"], Classification.PRODUCT_BUG, "x")
    with pytest.raises(UserError, match="control"):
        classify_tickets(example, ["T-1", "CS-1"], Classification.PRODUCT_BUG, "bell\x07")
    found = entries(example)
    assert found["T-1"].ticket.classification is Classification.CUSTOMER
    assert count(example, disputes) == 0


# R17: the vendor's tickets --------------------------------------------------------------------


def test_reclassifying_a_vendor_ticket_records_a_dispute_and_changes_no_balance(
    example: Console,
) -> None:
    before = balance(example)
    outcome = classify(example, "CS-1", Classification.PRODUCT_BUG, "a known defect")
    assert outcome is EditOutcome.DISPUTED
    assert balance(example) == before
    entry = entries(example)["CS-1"]
    assert (entry.source, entry.outcome) == (TicketSource.VENDOR, Outcome.CHARGED)
    assert entry.ticket.classification is Classification.CUSTOMER
    dispute = entry.dispute
    assert dispute is not None
    assert (dispute.classification, dispute.reason) == (
        Classification.PRODUCT_BUG,
        "a known defect",
    )
    assert (dispute.opened_on, dispute.kind, dispute.category) == (None, None, None)
    assert dispute.disputed_by
    warnings = portfolio_status(example, TODAY).all_warnings
    [disputed] = [w for w in warnings if w.code is WarningCode.DISPUTED_TICKET]
    assert (disputed.license_id, disputed.facts["case_ids"]) == ("LIC-1", ("CS-1",))
    assert count(example, tickets) == 0  # nothing of the vendor's is copied into the ledger

    withdraw_dispute(example, "CS-1")
    assert entries(example)["CS-1"].dispute is None
    assert WarningCode.DISPUTED_TICKET not in {
        w.code for w in portfolio_status(example, TODAY).all_warnings
    }
    with pytest.raises(UserError, match="CS-1"):
        withdraw_dispute(example, "CS-1")


@sqlite_only
def test_a_dispute_records_only_what_differs_from_the_vendor(example: Console) -> None:
    vendor_record = read(example).vendor_records["CS-3"].ticket
    wanted = vendor_record._replace(category=Category.TRAINING, kind=vendor_record.kind)
    assert edit_ticket(example, wanted, reason="training, not support") is EditOutcome.DISPUTED
    dispute = entries(example)["CS-3"].dispute
    assert dispute is not None
    assert (dispute.category, dispute.kind, dispute.classification) == (
        Category.TRAINING,
        None,
        None,
    )
    # A second view of the same case replaces the first.
    edit_ticket(example, vendor_record._replace(opened_on=date(2024, 7, 1)), reason="later")
    dispute = entries(example)["CS-3"].dispute
    assert dispute is not None
    assert (dispute.opened_on, dispute.category, dispute.reason) == (
        date(2024, 7, 1),
        None,
        "later",
    )
    assert count(example, disputes) == 1
    # Saying what the vendor says records nothing.
    assert classify(example, "CS-4", Classification.CUSTOMER) is EditOutcome.UNCHANGED
    assert entries(example)["CS-4"].dispute is None


@sqlite_only
def test_dispute_records_the_fields_given_in_one_read(
    example: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_ticket(example, ticket("L-1", "2024-06-01"))
    before = balance(example)
    reads = count_reads(monkeypatch)
    outcome = dispute(
        example, "CS-3", "was training", category=Category.TRAINING, kind=TicketKind.INCIDENT
    )
    assert outcome is EditOutcome.DISPUTED
    assert len(reads) == 1
    found = entries(example)["CS-3"]
    assert found.dispute is not None
    assert (found.dispute.category, found.dispute.kind, found.dispute.reason) == (
        Category.TRAINING,
        None,  # what the vendor says already
        "was training",
    )
    assert found.ticket.category is Category.PRODUCT and balance(example) == before
    assert dispute(example, "CS-4", "same", classification=Classification.CUSTOMER) is (
        EditOutcome.UNCHANGED
    )
    with pytest.raises(UserError, match="L-1"):
        dispute(example, "L-1", "mine", category=Category.TRAINING)
    with pytest.raises(UserError, match="NOPE"):
        dispute(example, "NOPE", "none", category=Category.TRAINING)
    with pytest.raises(UserError, match="control"):
        dispute(example, "CS-5", "bell\x07", category=Category.TRAINING)
    assert count(example, disputes) == 1


@sqlite_only
def test_withdrawing_several_disputes_is_all_or_nothing(example: Console) -> None:
    classify_tickets(example, ["CS-1", "CS-3"], Classification.PRODUCT_BUG, "bugs")
    with pytest.raises(UserError, match=r"'CS-4' has no dispute.*none was withdrawn"):
        withdraw_disputes(example, ["CS-1", "CS-4", "CS-3"])
    assert count(example, disputes) == 2
    with pytest.raises(UserError, match="'CS-4', 'CS-6' have no dispute"):
        withdraw_disputes(example, ["CS-4", "CS-6"])
    assert withdraw_disputes(example, ["CS-1", "CS-3", "CS-1"]) == 2
    assert count(example, disputes) == 0


@sqlite_only
def test_a_dispute_reason_is_bounded(example: Console) -> None:
    with pytest.raises(UserError, match="2000"):
        classify(example, "CS-1", Classification.PRODUCT_BUG, "x" * 2001)
    with pytest.raises(UserError, match="control"):
        classify(example, "CS-1", Classification.PRODUCT_BUG, "bell\x07")
    assert count(example, disputes) == 0


@sqlite_only
def test_a_statement_that_agrees_settles_the_dispute(example: Console, vendor: Vendor) -> None:
    classify(example, "CS-1", Classification.PRODUCT_BUG, "a bug")
    settled = statement_claims(
        [statement_ticket("CS-1", "2024-05-02", "product_bug")], issued_at="2025-03-05T08:00:00Z"
    )
    imported(example, vendor.write(DocumentType.TICKET_STATEMENT, settled))
    assert (balance(example).annual_used, balance(example).not_deducted_bug) == (4, 3)
    assert entries(example)["CS-1"].outcome is Outcome.NOT_DEDUCTED_BUG
    assert WarningCode.DISPUTED_TICKET not in {
        w.code for w in portfolio_status(example, TODAY).all_warnings
    }


# R16: each ticket belongs to one license --------------------------------------------------------


@pytest.fixture
def portfolio(console: Console, vendor: Vendor) -> Console:
    """LIC-A (portal, to 2027-01-01) and LIC-B (assets, to 2026-12-15)."""
    imported(
        console,
        vendor.write(DocumentType.LICENSE, portal_license()),
        vendor.write(DocumentType.LICENSE, assets_license()),
    )
    return console


@sqlite_only
def test_with_several_licenses_a_ticket_names_its_license(portfolio: Console) -> None:
    with pytest.raises(UserError, match="LIC-A, LIC-B"):
        add_ticket(portfolio, ticket("T-1", "2026-02-01"))
    assert add_ticket(portfolio, ticket("T-1", "2026-02-01"), "LIC-B") == "LIC-B"
    day = date(2026, 3, 1)
    assert list(entries(portfolio, day, "LIC-B")) == ["T-1"]
    assert list(entries(portfolio, day, "LIC-A")) == []
    assert balance(portfolio, day, "LIC-B").annual_used == 1
    assert balance(portfolio, day, "LIC-A").annual_used == 0


@sqlite_only
def test_assign_moves_local_tickets_to_a_license(portfolio: Console, vendor: Vendor) -> None:
    for case in ("T-1", "T-2"):
        add_ticket(portfolio, ticket(case, "2026-02-01"), "LIC-B")
    assert assign(portfolio, ["T-1", "T-2"], "LIC-A") == 2
    day = date(2026, 3, 1)
    assert {e.license_id for e in entries(portfolio, day).values()} == {"LIC-A"}
    assert balance(portfolio, day, "LIC-A").annual_used == 2
    with pytest.raises(UserError, match="LIC-X"):
        assign(portfolio, ["T-1"], "LIC-X")
    with pytest.raises(UserError, match="T-9"):
        assign(portfolio, ["T-1", "T-9"], "LIC-B")
    statement = statement_claims(
        [statement_ticket("V-1", "2026-02-02")],
        issued_at="2026-03-01T00:00:00Z",
        license_id="LIC-B",
    )
    imported(portfolio, vendor.write(DocumentType.TICKET_STATEMENT, statement))
    with pytest.raises(UserError, match="V-1"):
        assign(portfolio, ["V-1"], "LIC-A")
    assert entries(portfolio, day)["V-1"].license_id == "LIC-B"


@sqlite_only
def test_a_pack_pays_only_for_its_own_license(portfolio: Console, vendor: Vendor) -> None:
    imported(
        portfolio,
        vendor.write(
            DocumentType.SUPPORT_PACK, pack_claims("PB", "2026-01-05", license_id="LIC-B")
        ),
        # A pack of a license that is not stored counts for nothing.
        vendor.write(
            DocumentType.SUPPORT_PACK, pack_claims("PX", "2026-01-05", license_id="LIC-X")
        ),
    )
    for n in range(7):  # LIC-A has 6 tickets a period: the seventh finds nothing
        add_ticket(portfolio, ticket(f"A-{n}", "2026-02-01"), "LIC-A")
    day = date(2026, 3, 1)
    a, b = balance(portfolio, day, "LIC-A"), balance(portfolio, day, "LIC-B")
    assert (a.annual_used, a.unfunded, a.packs) == (6, 1, ())
    assert [(p.pack_id, p.used, p.remaining) for p in b.packs] == [("PB", 0, 4)]
    assert b.remaining_total == 4 + 4
    assert entries(portfolio, day)["A-6"].outcome is Outcome.UNFUNDED


# balances ---------------------------------------------------------------------------------------


@sqlite_only
def test_status_follows_the_worked_example(example: Console) -> None:
    status = portfolio_status(example, TODAY)
    [standing] = status.licenses
    assert standing.sm.state == "renewal_due"
    assert standing.sm.days_to_expiry == 31
    b = standing.balance
    assert (b.period_start, b.period_end) == (date(2024, 4, 1), date(2025, 4, 1))
    assert (b.annual_used, b.annual_remaining, b.not_deducted_bug) == (5, 1, 2)
    assert [(p.pack_id, p.remaining) for p in b.packs] == [("P1", 4)]
    assert b.remaining_total == 5
    assert int(status.severity) == 1
    assert [w.code for w in status.all_warnings] == [WarningCode.RENEWAL_DUE]
    for n in (1, 2, 3):
        add_ticket(example, ticket(f"NEW-{n}", "2025-03-10"))
    later = balance(example, date(2025, 3, 10))
    assert later.annual_remaining == 0
    assert [(p.pack_id, p.remaining) for p in later.packs] == [("P1", 2)]
    drawn = entries(example, date(2025, 3, 10))
    buckets = [drawn[f"NEW-{n}"].bucket for n in (1, 2, 3)]
    assert [b.key if b else None for b in buckets] == ["2024-04-01", "P1", "P1"]


@sqlite_only
def test_status_as_of_leaves_out_later_tickets(example: Console) -> None:
    add_ticket(example, ticket("LATE-1", "2025-03-10"))
    assert balance(example, TODAY).annual_used == 5
    assert balance(example, date(2025, 3, 10)).annual_used == 6
    assert "LATE-1" not in entries(example, TODAY)
    assert "LATE-1" in entries(example, date(2025, 3, 10))


@sqlite_only
def test_balances_follow_reclassification_of_local_tickets_at_once(licensed: Console) -> None:
    for n in range(1, 6):
        add_ticket(licensed, ticket(f"L-{n}", f"2024-0{n + 4}-10"))
    add_ticket(licensed, ticket("BUG-1", "2024-06-20", classification=Classification.PRODUCT_BUG))

    def used_and_bugs() -> tuple[int, int]:
        b = balance(licensed)
        return b.annual_used, b.not_deducted_bug

    assert used_and_bugs() == (5, 1)
    classify(licensed, "L-1", Classification.PRODUCT_BUG)
    assert used_and_bugs() == (4, 2)
    classify(licensed, "BUG-1", Classification.CUSTOMER)
    assert used_and_bugs() == (5, 1)
    classify(licensed, "L-1", Classification.CUSTOMER)
    classify(licensed, "BUG-1", Classification.PRODUCT_BUG)
    assert used_and_bugs() == (5, 1)


# CSV ------------------------------------------------------------------------------------------


def test_csv_import_adds_every_row(licensed: Console, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "\ufeffcase_id,opened_on,kind,classification,category,title\n"
        "A-1,2024-06-01,,,,\n"
        'A-2,2024-06-02,service_request,product_bug,upgrade,"Upgrade, please"\n',
    )
    assert import_csv(licensed, path) == 2
    found = entries(licensed)
    assert found["A-1"].ticket == ticket("A-1", "2024-06-01")
    assert found["A-2"].ticket == ticket(
        "A-2",
        "2024-06-02",
        kind=TicketKind.SERVICE_REQUEST,
        classification=Classification.PRODUCT_BUG,
        category=Category.UPGRADE,
        title="Upgrade, please",
    )
    assert {e.license_id for e in found.values()} == {"LIC-1"}


@sqlite_only
def test_csv_import_is_all_or_nothing_and_names_each_bad_row(
    example: Console, tmp_path: Path
) -> None:
    add_ticket(example, ticket("OLD-1", "2024-05-01"))
    path = write_csv(
        tmp_path,
        "case_id,opened_on,kind,classification,category,license_id\n"  # row 1
        "A-1,2024-06-01,incident,customer,product,\n"  # 2: good
        "A-2,2024-13-01,incident,customer,product,\n"  # 3: no such date
        "A-1,2024-06-03,incident,customer,product,\n"  # 4: repeats row 2
        "OLD-1,2024-06-04,incident,customer,product,\n"  # 5: already in the ledger
        "A-5,2024-06-05,phone_call,customer,product,\n"  # 6: unknown kind
        "A-6,2024-06-06,incident,customer,product,,extra\n"  # 7: one field too many
        ",2024-06-07,incident,customer,product,\n"  # 8: no case id
        "CS-1,2024-06-08,incident,customer,product,\n"  # 9: the vendor's case
        "A-9,2024-06-09,incident,customer,product,LIC-X\n"  # 10: no such license
        "A-10,2024-06-10,incident,customer,product,LIC-1\n",  # 11: good
    )
    with pytest.raises(CsvImportError) as caught:
        import_csv(example, path)
    assert [e.row for e in caught.value.errors] == [3, 4, 5, 6, 7, 8, 9, 10]
    message = str(caught.value)
    assert "row 4" in message and "OLD-1" in message and "LIC-X" in message
    assert count(example, tickets) == 1


def test_csv_rows_are_numbered_as_a_spreadsheet_shows_them() -> None:
    """A blank line is a row too: the bad row below is row 4 in a spreadsheet."""
    _, errors = parse_tickets_csv("case_id,opened_on\nA-1,2024-06-01\n\nA-2,yesterday\n")
    assert [e.row for e in errors] == [4]
    # A quoted cell over two lines is one record, one spreadsheet row (and no one-line title).
    _, errors = parse_tickets_csv('case_id,opened_on,title\nA-1,2024-06-01,"two\nlines"\nA-2,x\n')
    assert [e.row for e in errors] == [2, 3]
    assert "control characters or line breaks" in errors[0].message
    assert "opened_on" in errors[1].message


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
def test_a_csv_with_a_bad_header_is_refused(header: str, expected: str) -> None:
    rows, errors = parse_tickets_csv(f"{header}\nA-1,2024-06-01,x\n")
    assert rows == []
    assert [e.row for e in errors] == [1]
    assert expected in errors[0].message


@sqlite_only
def test_a_csv_that_cannot_be_read_is_a_user_error(licensed: Console, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file"):
        import_csv(licensed, tmp_path / "missing.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("case_id,opened_on,title\nA-1,2024-06-01,caf\xe9\n".encode("latin-1"))
    with pytest.raises(UserError, match="UTF-8"):
        import_csv(licensed, latin)
    with pytest.raises(UserError, match="folder"):
        import_csv(licensed, tmp_path)
    with pytest.raises(CsvImportError, match="header"):
        import_csv(licensed, write_csv(tmp_path, "case_id,priority\nA-1,high\n"))
    assert count(licensed, tickets) == 0


@sqlite_only
def test_a_cancelled_csv_import_stores_nothing(licensed: Console, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "case_id,opened_on\nA-1,2024-06-01\nA-2,2024-06-02\n")
    asked = 0

    def cancel_on_the_last_question() -> bool:
        nonlocal asked
        asked += 1
        return asked == 3  # the last question: the rows are written, not yet committed

    with pytest.raises(Cancelled, match="nothing was imported"):
        import_csv(licensed, path, cancelled=cancel_on_the_last_question)
    assert count(licensed, tickets) == 0
    assert import_csv(licensed, path, cancelled=lambda: False) == 2


def test_ten_thousand_csv_rows_are_stored_in_chunks(licensed: Console, tmp_path: Path) -> None:
    """More rows than any backend takes bound parameters in one statement."""
    start = date(2023, 4, 1)
    rows = "".join(
        f"C{n:05d},{(start + timedelta(days=n % 700)).isoformat()}\n" for n in range(10_000)
    )
    path = write_csv(tmp_path, "case_id,opened_on\n" + rows)
    assert import_csv(licensed, path) == 10_000
    assert count(licensed, tickets) == 10_000
    outcomes = [e.outcome for e in list_tickets(licensed, TODAY)]
    assert (outcomes.count(Outcome.CHARGED), outcomes.count(Outcome.UNFUNDED)) == (12, 9_988)
    with pytest.raises(CsvImportError, match="already in the ledger"):
        import_csv(licensed, path)
    assert count(licensed, tickets) == 10_000


@sqlite_only
def test_the_exported_ledger_neutralises_formulas_and_names_disputes(
    example: Console,
) -> None:
    add_ticket(example, ticket("=1+1", "2024-06-01", title='=HYPERLINK("http://x.example")'))
    classify(example, "CS-1", Classification.PRODUCT_BUG, "-a bug")
    rows = list(csv.DictReader(io.StringIO(tickets_csv(list_tickets(example, TODAY)))))
    by_case = {r["case_id"]: r for r in rows}
    local = by_case["'=1+1"]
    assert local["title"] == '\'=HYPERLINK("http://x.example")'
    assert (local["source"], local["outcome"], local["bucket"]) == (
        "local",
        "charged",
        "2024-04-01",
    )
    assert by_case["CS-1"]["dispute"].startswith("classification product_bug (by ")
    assert by_case["CS-1"]["dispute"].endswith(": -a bug)")
    assert by_case["CS-2"]["dispute"] == ""
    # The export reads back: its own columns are accepted, its neutralised cells restored.
    parsed, errors = parse_tickets_csv(tickets_csv(list_tickets(example, TODAY)))
    assert errors == []
    assert {t.case_id: t.title for _, t, _ in parsed}["=1+1"] == '=HYPERLINK("http://x.example")'


@pytest.mark.parametrize("title", ["'-5 degrees", "'=not a formula"])
def test_a_title_that_begins_with_an_apostrophe_reads_back_as_it_was(title: str) -> None:
    entry = TicketEntry(
        ticket("A-1", "2024-06-01", title=title),
        "LIC-1",
        TicketSource.LOCAL,
        Outcome.CHARGED,
        None,
        None,
    )
    [(_, parsed, _)], errors = parse_tickets_csv(tickets_csv([entry]))
    assert errors == []
    assert parsed.title == title
