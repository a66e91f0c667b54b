"""What `scripts/fuzz.py` found (and one neighbour found by hand), kept as regression tests.

- A trust file nested thousands deep made `parse_trust_file` raise RecursionError, not
  KeyFormatError (and the CLI report an "internal error" for `--trust FILE`).
- An argument holding bytes the system's encoding cannot decode (a lone surrogate on POSIX) made
  `tickets classify` fail with an internal UnicodeEncodeError; such a value is now refused in one
  line, and a file path holding one is printed escaped instead of crashing a strict stdout.
- A renewal or an upgrade check that needs a date after 9999-12-31 (`--as-of 9999-12-31`,
  `--released-on 9999-12-31`, `--years 8000`) failed with an internal ValueError; date
  arithmetic past the end raises the typed `DateOutOfRange`, and the command line now refuses
  such dates and counts at its edge, in one line (exit 3).
- A settings file whose `smtp_security` is a JSON list or object made `read_settings` raise
  TypeError (it promises never to raise).
- Rows of the database edited by hand: a dispute whose `opened_on` is not a date, a ticket whose
  case id, license id or title holds bytes (a BLOB), and an empty or unknown `alembic_version`
  raised ValueError, TypeError or AssertionError instead of a one-line `StorageError`.
- `request packs --count 99999999999999999999999` failed with decimal.InvalidOperation when the
  estimate was rounded to cents (found by hand, probing the values the fuzzer had flagged);
  money of any size now rounds, and the count is bounded.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli import main
from app.console import Console
from app.paths import sqlite_url
from licensing.claims import DocumentType
from licensing.errors import DateOutOfRange, KeyFormatError
from licensing.rules import add_months, add_years, round_money
from licensing.trust import TrustSource, parse_trust_file
from scripts._common import Vendor, license_claims

DEEP = "[" * 30_000 + "]" * 30_000  # 60 KB: within the 64 KiB cap of a trust file


@pytest.mark.parametrize(
    "text", [DEEP, '{"keys":' + DEEP + "}", '{"a":' * 10_000 + "1" + "}" * 10_000]
)
def test_a_deeply_nested_trust_file_is_a_key_format_error(text: str) -> None:
    with pytest.raises(KeyFormatError, match="not valid JSON"):
        parse_trust_file(text.encode(), TrustSource.ADDITIONAL, "fuzz")


def _run(capsys: pytest.CaptureFixture[str], tmp_path: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", sqlite_url(tmp_path / "ledger.sqlite3"), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_cli_refuses_a_deeply_nested_trust_file_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    trust = tmp_path / "deep.json"
    trust.write_text(DEEP, encoding="utf-8")
    code, _, err = _run(capsys, tmp_path, "--trust", str(trust), "status")
    assert code == 3
    assert "not valid JSON" in err and "internal error" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "argv",
    [
        ("tickets", "classify", "\udcff", "customer"),
        ("tickets", "add", "--case", "A\udcff", "--opened", "2024-05-02"),
        ("tickets", "add", "--case", "A-1", "--opened", "2024-05-02", "--title", "\udce9t\udce9"),
        ("request", "packs", "--count", "1", "--po", "PO\udcff", "--via", "mailto"),
    ],
)
def test_an_undecodable_argument_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: tuple[str, ...]
) -> None:
    code, out, err = _run(capsys, tmp_path, *argv)
    assert code == 3
    assert "is not valid text" in err and "internal error" not in err
    assert out == ""


def test_an_undecodable_file_name_is_printed_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """pytest's captured stdout is strict UTF-8, like a terminal's in a UTF-8 locale."""
    missing = str(tmp_path / "licen\udcffse.key")
    code, out, err = _run(capsys, tmp_path, "import", missing)
    assert code == 3
    assert "licen\\udcffse.key: unreadable" in out
    assert "internal error" not in err


def test_date_arithmetic_past_the_year_9999_is_a_typed_error() -> None:
    with pytest.raises(DateOutOfRange, match="9999-12-31"):
        add_years(date(9999, 6, 1), 1)
    with pytest.raises(DateOutOfRange):
        add_years(date(2025, 4, 1), 10**23)
    with pytest.raises(DateOutOfRange):
        add_months(date(9999, 12, 1), 1)
    assert add_years(date(9998, 12, 31), 1) == date(9999, 12, 31)


def test_money_of_any_size_rounds_to_cents() -> None:
    assert round_money(Decimal(2000) * 99999999999999999999999) == Decimal(
        "199999999999999999999998000.00"
    )
    assert round_money(Decimal("12.345")) == Decimal("12.35")


@pytest.fixture
def licensed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    vendor = Vendor.create(random.Random(5), tmp_path / "vendor")
    license_file = vendor.write(tmp_path / "license.key", DocumentType.LICENSE, license_claims())
    code, _, err = _run(
        capsys, tmp_path, "--trust", str(vendor.trust_file), "import", str(license_file)
    )
    assert code == 0, err
    return tmp_path


@pytest.mark.parametrize(
    "argv",
    [
        ("upgrade-check", "--version", "11.0", "--released-on", "9999-12-31"),
        ("--as-of", "9999-12-31", "renewal-quote"),
        ("renewal-quote", "--years", "8000"),
        ("renewal-quote", "--years", "99999999999999999999999"),
        ("--as-of", "9999-12-31", "request", "renewal", "--via", "mailto"),
        ("request", "packs", "--count", "99999999999999999999999", "--po", "PO-1"),
    ],
)
def test_a_date_or_count_out_of_range_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], licensed: Path, argv: tuple[str, ...]
) -> None:
    """Dates are bounded (1900 to 2999), renewals to 99 years and pack requests to a count the
    vendor sells, at the edge: nothing reaches calendar arithmetic past 9999-12-31."""
    code, _, err = _run(capsys, licensed, *argv)
    assert code == 3
    assert "internal error" not in err
    assert len(err.strip().splitlines()) == 1


# Found by the classes `settings` and `stored` of scripts/fuzz.py ------------------------------


@pytest.mark.parametrize("value", [["ssl"], {"a": 1}, [[]]])
def test_a_settings_file_with_a_list_for_a_choice_loads_as_the_defaults(
    tmp_path: Path, value: object
) -> None:
    """`value_problem` looked a JSON list or object up in a set of choices (TypeError)."""
    import json

    from app.settings import Settings, load_settings, read_settings

    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"smtp_security": value, "smtp_port": 25}), encoding="utf-8")
    assert load_settings(path) == Settings(smtp_port=25)
    assert read_settings(path).reset_fields == ("smtp_security",)


@pytest.fixture
def stored_portfolio(tmp_path: Path) -> tuple[Path, Console]:
    """A database holding the worked example's license and statement, and a dispute of CS-4."""
    from app.importing import import_documents
    from app.tickets import classify
    from licensing.claims import Classification
    from scripts._common import console_on, sqlite_url, statement_claims, worked_example_tickets

    vendor = Vendor.create(random.Random(6), tmp_path / "vendor")
    path = tmp_path / "stored.sqlite3"
    console = console_on(sqlite_url(path), vendor.trust())
    documents = [
        ("license", vendor.sign(DocumentType.LICENSE, license_claims()).encode()),
        (
            "statement",
            vendor.sign(
                DocumentType.TICKET_STATEMENT, statement_claims(worked_example_tickets())
            ).encode(),
        ),
    ]
    assert import_documents(console, documents).succeeded
    classify(console, "CS-4", Classification.PRODUCT_BUG, "a bug")
    return path, console


def _edit(path: Path, sql: str, *values: object) -> None:
    import sqlite3

    connection = sqlite3.connect(path)
    with connection:
        connection.execute(sql, values)
    connection.close()


@pytest.mark.parametrize("opened_on", ["2024-02-30", "product", 1])
def test_a_dispute_row_whose_date_is_not_a_date_is_named_in_one_line(
    stored_portfolio: tuple[Path, Console], opened_on: object
) -> None:
    """The Date column's converter raised ValueError/TypeError outside `load_disputes`' check."""
    from app.errors import StorageError
    from app.status import portfolio_status
    from scripts._common import TODAY

    path, console = stored_portfolio
    _edit(path, "UPDATE disputes SET opened_on = ?", opened_on)
    with pytest.raises(StorageError, match="dispute"):
        portfolio_status(console, TODAY)
    console.close()


@pytest.mark.parametrize("column", ["case_id", "license_id", "title"])
def test_a_ticket_row_holding_bytes_is_named_in_one_line(
    stored_portfolio: tuple[Path, Console],
    column: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A BLOB in a text column came back as bytes: sorting the ledger (case_id) or printing it
    as JSON (license_id, title) failed with an internal TypeError."""
    from app.tickets import import_csv
    from scripts._common import sqlite_url

    path, console = stored_portfolio
    csv_file = path.with_name("local.csv")
    csv_file.write_text("case_id,opened_on\nL-1,2025-01-02\nL-2,2025-01-03\n", encoding="utf-8")
    import_csv(console, csv_file)
    console.close()
    _edit(path, f"UPDATE tickets SET {column} = ? WHERE case_id = 'L-1'", b"\x00\xff")
    trust = path.parent / "vendor" / "vendor-trust.json"
    for argv in (["status", "--json"], ["tickets", "list", "--json"]):
        code = main(
            ["--db", sqlite_url(path), "--trust", str(trust), "--as-of", "2025-03-01", *argv]
        )
        err = capsys.readouterr().err
        assert "internal error" not in err
        assert code in (0, 1, 2) or len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("revision", ["", "9999_future"])
def test_an_unknown_schema_revision_is_named_in_one_line(
    stored_portfolio: tuple[Path, Console], revision: str
) -> None:
    """An empty `alembic_version` made Alembic fail an assertion, not a CommandError."""
    from app.errors import StorageError
    from app.storage.database import Database
    from scripts._common import sqlite_url

    path, console = stored_portfolio
    console.close()
    _edit(path, "UPDATE alembic_version SET version_num = ?", revision)
    with pytest.raises(StorageError):
        Database(sqlite_url(path)).dispose()


# Found by the class `requests` of scripts/fuzz.py ---------------------------------------------


@pytest.mark.parametrize(
    "po",
    [
        "PO =?utf-8?q?x=0D=0ABcc:_evil@example.com?= end",
        "=?utf-8?b?DQpCY2M6IGV2aWxAZXhhbXBsZS5jb20=?=",
        "=?utf-8?q?looks_like_text?=",
    ],
)
def test_an_encoded_word_in_a_field_adds_no_header_to_the_email(
    stored_portfolio: tuple[Path, Console], po: str
) -> None:
    """A PO number holding an RFC 2047 encoded word passes the one-line check (it has no control
    character), but the e-mail library decodes it when the subject is set: an encoded CR LF then
    became a header of its own (`Bcc: ...`, the header injection of CVE-2024-6923 on this Python),
    and any encoded word changed the subject that was composed. Either the request is refused, or
    the e-mail carries exactly the composed subject and its own headers."""
    import email
    import email.policy

    from app.errors import UserError
    from app.requests.compose import compose_packs
    from app.requests.mail import build_message
    from scripts._common import TODAY

    _, console = stored_portfolio
    try:
        request = compose_packs(console, TODAY, 1, po)
        message = build_message(request, "admin@customer.example")
    except UserError:
        return
    finally:
        console.close()
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert {name.lower() for name in parsed} == {
        "from",
        "to",
        "subject",
        "mime-version",
        "content-type",
    }
    assert str(parsed["subject"]).split() == request.subject.split()
