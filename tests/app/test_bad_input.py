"""Bad input everywhere (docs/rules.md, "Command line"): each input an attacker or a mistake can
give gets one specific line on stderr (or neutralised output) and changes nothing stored."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from licensing import paseto
from licensing.claims import DocumentType
from tests.conftest import CliResult
from tests.factories import Vendor, license_claims

Run = Callable[..., CliResult]
ROOT = Path(__file__).resolve().parents[2]


def snapshot(database_url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return {
                table: sorted(
                    map(tuple, connection.execute(text(f"SELECT * FROM {table}"))), key=repr
                )
                for table in ("documents", "tickets", "disputes", "requests")
            }
    finally:
        engine.dispose()


@pytest.fixture
def ledger(cli: Run, vendor: Vendor, database_url: str) -> dict[str, list[tuple[Any, ...]]]:
    assert cli("import", vendor.write(DocumentType.LICENSE, license_claims())).code == 0
    assert cli("tickets", "add", "--case", "C-1", "--opened", "2025-02-01").code == 0
    return snapshot(database_url)


def one_line_error(result: CliResult, *words: str) -> None:
    assert result.code == 3, (result.code, result.out, result.err)
    assert len(result.err.splitlines()) == 1, result.err
    assert "Traceback" not in result.err and "internal error" not in result.err
    for word in words:
        assert word in result.err, (word, result.err)


def test_an_adversarial_armor_file_is_refused_at_once(
    cli: Run, ledger: object, database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "dashes.key"
    path.write_text("-----BEGIN " + "-" * (64 * 1024 - 20), encoding="ascii")
    started = time.perf_counter()
    result = cli("import", path, "--json")
    assert time.perf_counter() - started < 2  # a generous bound; the benchmark has the figure
    assert result.code == 2
    assert result.json()["files"][0]["error"] == "malformed"
    assert "-----END" in result.json()["files"][0]["message"]
    assert snapshot(database_url) == ledger


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (("tickets", "import", "/dev/zero"), ("/dev/zero", "too large")),
        (("--trust", "/dev/zero", "status"), ("/dev/zero", "too large")),
        (("--as-of", "0001-01-01", "status"), ("--as-of", "1900-01-01")),
        (("--as-of", "9999-12-31", "renewal-quote"), ("--as-of", "2999-12-31")),
        (("tickets", "add", "--case", "C-2", "--opened", "9999-12-31"), ("--opened",)),
        (("tickets", "add", "--case", "C\x1b[31m", "--opened", "2025-01-01"), ("control",)),
        (("upgrade-check", "--version", "1" * 10_000, "--released-on", "2025-01-01"), ("64",)),
        (("request", "cancel", str(2**63)), ("NUMBER",)),
        (("request", "packs", "--count", "1", "--po", "PO\r\nBcc: all@example.com"), ("control",)),
        (("request", "renewal", "--contact-name", "Ann\nBcc: x@example.com"), ("control",)),
        (("request", "renewal", "--contact-email", "a@b\u202ec"), ("control",)),
        (("renewal-quote", "--years", "100000000000"), ("--years",)),
        (("tickets", "classify", "NO-SUCH", "product_bug"), ("NO-SUCH",)),
    ],
    ids=lambda v: v[0] if isinstance(v, tuple) and isinstance(v[0], str) else "",
)
def test_bad_input_is_one_line_and_changes_nothing(
    cli: Run,
    ledger: object,
    database_url: str,
    arguments: tuple[str, ...],
    words: tuple[str, ...],
) -> None:
    one_line_error(cli(*arguments), *words)
    assert snapshot(database_url) == ledger
    assert cli("status").code in (0, 1, 2), "every later command still works"


@pytest.mark.parametrize(
    "arguments",
    [
        ("tickets", "add", "--case", "C-2", "--opened", "2025-01-01"),
        ("tickets", "classify", "C-1", "product_bug"),
        ("tickets", "dispute", "C-1", "--kind", "incident", "--reason", "x"),
        ("tickets", "dispute", "C-1", "--classification", "customer", "--reason", "x"),
    ],
    ids=["add", "classify", "dispute-kind", "dispute-classification"],
)
def test_a_choice_the_model_does_not_know_is_one_line(
    cli: Run,
    ledger: object,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    arguments: tuple[str, ...],
) -> None:
    """The parser's choices and the enums are two lists: should they ever differ, a value the
    parser lets through is a user error, never an internal one."""
    import app.cli.tickets

    class Unknown(StrEnum):
        NOTHING = "nothing"

    monkeypatch.setattr(app.cli.tickets, "TicketKind", Unknown)
    monkeypatch.setattr(app.cli.tickets, "Classification", Unknown)
    one_line_error(cli(*arguments), "nothing")
    assert snapshot(database_url) == ledger


def test_a_database_url_with_a_non_numeric_port_is_one_line_without_the_password(
    cli: Run,
) -> None:
    result = cli("status", db_url="postgresql+psycopg://admin:s3cret@db.example:abc/ledger")
    one_line_error(result, "numeric port")
    assert "s3cret" not in result.err


def test_text_from_documents_is_printed_escaped(cli: Run, vendor: Vendor, tmp_path: Path) -> None:
    """A footer kid with terminal escape codes: refused, and printed as escapes, not raw."""
    footer = b'{"kid":"k4.pid.\\u001b]0;owned\\u0007\\u001b[2J","typ":"license"}'
    message = b'{"license_id":"LIC-1"}'
    path = tmp_path / "escape.key"
    path.write_text(paseto.sign(message, vendor.key, footer), encoding="ascii")
    result = cli("verify", path)
    assert result.code == 2
    assert "\x1b" not in result.out and "\x07" not in result.out
    assert "\\x1b" in result.out
    as_json = cli("verify", path, "--json")
    assert "\x1b" not in as_json.out and as_json.json()["kid"].startswith("k4.pid.\x1b")


def test_a_csv_export_neutralises_formulas(cli: Run, ledger: object, tmp_path: Path) -> None:
    assert (
        cli(
            "tickets",
            "add",
            "--case",
            "C-9",
            "--opened",
            "2025-02-02",
            "--title",
            '=HYPERLINK("http://evil.example","click")',
        ).code
        == 0
    )
    exported = cli("tickets", "export").out
    assert "'=HYPERLINK(" in exported
    assert ",=HYPERLINK(" not in exported.replace('"', "")
    out = tmp_path / "ledger.csv"
    assert cli("tickets", "export", "--out", out).code == 0
    # The neutralised file reads back as it was.
    assert cli("tickets", "import", out).code == 3  # every case exists already: nothing added


def test_a_closed_pipe_ends_quietly(
    vendor_is_trusted: Vendor, sqlite_url: str, tmp_path: Path
) -> None:
    env = {**os.environ, "ENTITLEMENT_CONSOLE_HOME": str(tmp_path / "home")}
    script = (
        f"{sys.executable} -m app --db {sqlite_url} status --json | head -c 1 >/dev/null; "
        f"{sys.executable} -m app --db {sqlite_url} tickets list | true"
    )
    done = subprocess.run(
        ["sh", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert done.stderr == ""


def test_a_stored_row_that_cannot_be_read_is_named(
    cli: Run, ledger: object, database_url: str
) -> None:
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE tickets SET kind = 'bribe' WHERE case_id = 'C-1'"))
    engine.dispose()
    one_line_error(cli("status"), "C-1", "bribe")
    one_line_error(cli("tickets", "list"), "C-1")


@pytest.mark.parametrize("table", ["tickets", "disputes", "documents"])
def test_a_table_missing_from_the_database_is_one_line(
    cli: Run, ledger: object, database_url: str, table: str
) -> None:
    """Every table, whether read through SQLAlchemy or through the driver's own cursor (the
    tickets), gives the same one-line storage error."""
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text(f"ALTER TABLE {table} RENAME TO {table}_gone"))
    engine.dispose()
    one_line_error(cli("status"), "database error", table)
