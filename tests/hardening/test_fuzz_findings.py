"""What `scripts/fuzz.py` found (and one neighbour found by hand), kept as regression tests.

- A trust file nested thousands deep made `parse_trust_file` raise RecursionError, not
  KeyFormatError (and the CLI report an "internal error" for `--trust FILE`).
- An argument holding bytes the system's encoding cannot decode (a lone surrogate on POSIX) made
  `tickets classify` fail with an internal UnicodeEncodeError; such a value is now refused in one
  line, and a file path holding one is printed escaped instead of crashing a strict stdout.
- A renewal or an upgrade check that needs a date after 9999-12-31 (`--as-of 9999-12-31`,
  `--released-on 9999-12-31`, `--years 8000`) failed with an internal ValueError; it is now the
  typed `DateOutOfRange`, reported in one line (exit 3).
- `request packs --count 99999999999999999999999` failed with decimal.InvalidOperation when the
  estimate was rounded to cents (found by hand, probing the values the fuzzer had flagged).
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli import main
from app.paths import sqlite_url
from licensing.claims import DocumentType
from licensing.documents import TrustSource, parse_trust_file
from licensing.errors import DateOutOfRange, KeyFormatError
from licensing.rules import add_months, add_years, round_money
from scripts._common import Vendor, license_claims

DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    "text", [DEEP, '{"keys":' + DEEP + "}", '{"a":' * 50_000 + "1" + "}" * 50_000]
)
def test_a_deeply_nested_trust_file_is_a_key_format_error(text: str) -> None:
    with pytest.raises(KeyFormatError, match="not valid JSON"):
        parse_trust_file(text.encode(), TrustSource.ADDITIONAL)


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
    ],
)
def test_a_date_past_9999_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], licensed: Path, argv: tuple[str, ...]
) -> None:
    code, _, err = _run(capsys, licensed, *argv)
    assert code == 3
    assert "dates end on 9999-12-31" in err and "internal error" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_request_for_very_many_packs_is_estimated(
    capsys: pytest.CaptureFixture[str], licensed: Path
) -> None:
    count = "99999999999999999999999"
    code, out, err = _run(
        capsys,
        licensed,
        "request",
        "packs",
        "--count",
        count,
        "--po",
        "PO-1",
        "--via",
        "mailto",
        "--json",
    )
    assert code == 0, err
    assert "199999999999999999999998000.00" in out
