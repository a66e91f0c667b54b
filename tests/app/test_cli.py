"""The command line (docs/rules.md, "Command line"): verify, import, tickets, questions,
requests, errors, demo mode.

Everything runs the real `main()` in-process against the test's database, with documents signed
by a real Ed25519 key: the `cli` fixture makes the test vendor the vendor whose trust file ships
with the console. The tests that store something the others do not (a transaction rolled back,
a local ticket, a duplicate refused, an assignment) run on SQLite and on PostgreSQL (when
TEST_POSTGRES_URL is set); the rest are marked `sqlite_only`: their answers are computed from the
same rows on every backend, and the use-case tests (test_importing, test_tickets, test_requests)
store the rest on both. A PostgreSQL database costs about 0.6 s to create, migrate and drop.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyseto
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.paths import HOME_VARIABLE
from app.paths import sqlite_url as sqlite_url_of
from licensing import paserk, paseto
from licensing.claims import DocumentType
from licensing.documents import sign_document
from licensing.trust import trust_file_text
from tests.conftest import CliResult
from tests.factories import (
    POLICY,
    Vendor,
    assets_license,
    license_claims,
    pack_claims,
    portal_license,
    revocation_claims,
    statement_claims,
    statement_ticket,
    worked_example_statement,
)

Run = Callable[..., CliResult]
REPO = Path(__file__).resolve().parents[2]

RENEWAL = {"revision": 2, "issued_at": "2025-07-20T10:00:00Z", "sm_end": "2026-04-01"}
CSV_HEADER = "case_id,opened_on,kind,classification,category,title\n"

# For behaviour that does not depend on the database: one run on SQLite is enough.
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def licensed(cli: Run, vendor: Vendor) -> Run:
    """The worked example's license (no pack, no tickets) imported."""
    result = cli("import", vendor.write(DocumentType.LICENSE, license_claims()))
    assert result.code == 0, result.out + result.err
    return cli


@pytest.fixture
def example(cli: Run, vendor: Vendor) -> Run:
    """The worked example: the license, pack P1 and the vendor's statement (CS-1 to CS-7)."""
    files = [
        vendor.write(DocumentType.LICENSE, license_claims()),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims()),
        vendor.write(DocumentType.TICKET_STATEMENT, worked_example_statement()),
    ]
    result = cli("import", *files)
    assert result.code == 0, result.out + result.err
    return cli


@pytest.fixture
def portfolio(cli: Run, vendor: Vendor) -> Run:
    """Two licenses of one customer: LIC-A (portal, USD, to 2027-01-01) and LIC-B (assets, EUR,
    to 2026-12-15)."""
    files = [
        vendor.write(DocumentType.LICENSE, portal_license()),
        vendor.write(DocumentType.LICENSE, assets_license()),
    ]
    result = cli("import", *files)
    assert result.code == 0, result.out + result.err
    return cli


def assert_one_line_error(result: CliResult, code: int = 3) -> str:
    """A failure is one line on stderr, nothing on stdout, never a traceback."""
    assert result.code == code, result.out + result.err
    assert result.out == ""
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("entitlement-console: ")
    return lines[0]


def status(run: Run, as_of: str, *args: str) -> tuple[int, dict[str, Any]]:
    result = run("status", "--json", "--as-of", as_of, *args)
    assert result.err == "", result.err
    data: dict[str, Any] = result.json()
    return result.code, data


def codes(data: dict[str, Any]) -> list[str]:
    return [w["code"] for w in data["warnings"]]


def tickets(run: Run, as_of: str = "2026-12-31", *args: str) -> dict[str, dict[str, Any]]:
    result = run("tickets", "list", "--json", "--as-of", as_of, *args)
    assert result.code == 0, result.err
    return {row["case_id"]: row for row in result.json()["tickets"]}


def signed_with_footer(vendor: Vendor, message: bytes, typ: str) -> str:
    footer = json.dumps({"kid": vendor.kid, "typ": typ}).encode()
    return paseto.sign(message, vendor.key, footer)


def tampered(token: str) -> str:
    """The token with one byte of its signature flipped."""
    header, body, *footer = token.split(".")[1:]
    raw = bytearray(paseto.b64url_decode(body))
    raw[-1] ^= 0x01
    return ".".join(["v4", header, paseto.b64url_encode(bytes(raw)), *footer])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# verify ---------------------------------------------------------------------------------------


@sqlite_only
def test_verify_a_valid_license(cli: Run, vendor: Vendor) -> None:
    result = cli("verify", vendor.write(DocumentType.LICENSE, license_claims()), "--json")
    assert result.code == 0
    assert result.json() == {
        "valid": True,
        "type": "license",
        "kid": vendor.kid,
        "trust": "vendor",
        "claims": license_claims(),
        "error": None,
    }


def verify_error(run: Run, path: Path, code: str) -> dict[str, Any]:
    result = run("verify", path, "--json")
    assert result.code == 2, result.out + result.err
    data: dict[str, Any] = result.json()
    assert data["valid"] is False
    assert set(data["error"]) == {"code", "message"}
    assert data["error"]["code"] == code
    assert data["error"]["message"]
    return data


@sqlite_only
def test_verify_too_large(cli: Run, vendor: Vendor, tmp_path: Path) -> None:
    # A valid token, but the file passes the 64 KiB cap (whitespace is only ignored later).
    token = vendor.token(DocumentType.LICENSE, license_claims())
    path = write(tmp_path / "big.paseto", token + " " * (64 * 1024))
    verify_error(cli, path, "too_large")


@sqlite_only
def test_verify_malformed(cli: Run, tmp_path: Path) -> None:
    verify_error(cli, write(tmp_path / "x.paseto", "this is not a license key\n"), "malformed")


@sqlite_only
def test_verify_unsupported_version_v4_local(cli: Run, tmp_path: Path) -> None:
    local = pyseto.encode(pyseto.Key.new(4, "local", b"k" * 32), b'{"license_id":"LIC-1"}')
    data = verify_error(
        cli, write(tmp_path / "local.paseto", local.decode()), "unsupported_version"
    )
    assert "v4.local" in data["error"]["message"]


@sqlite_only
def test_verify_unknown_key(cli: Run, tmp_path: Path) -> None:
    stranger = Vendor.create(tmp_path / "stranger")
    data = verify_error(cli, stranger.write(DocumentType.LICENSE, license_claims()), "unknown_key")
    assert data["kid"] == stranger.kid


@sqlite_only
def test_verify_bad_signature(cli: Run, vendor: Vendor, tmp_path: Path) -> None:
    token = tampered(vendor.token(DocumentType.LICENSE, license_claims()))
    data = verify_error(cli, write(tmp_path / "t.paseto", token), "bad_signature")
    assert data["claims"] is None


@sqlite_only
def test_verify_wrong_type(cli: Run, vendor: Vendor, tmp_path: Path) -> None:
    token = signed_with_footer(vendor, json.dumps(license_claims()).encode(), "invoice")
    data = verify_error(cli, write(tmp_path / "invoice.paseto", token), "wrong_type")
    assert "invoice" in data["error"]["message"]


@sqlite_only
def test_verify_invalid_claims_names_the_claim(cli: Run, vendor: Vendor, tmp_path: Path) -> None:
    claims = license_claims()
    del claims["seats"]
    token = signed_with_footer(vendor, json.dumps(claims).encode(), "license")
    data = verify_error(cli, write(tmp_path / "bad.paseto", token), "invalid_claims")
    assert "seats" in data["error"]["message"]
    assert data["type"] == "license"


@sqlite_only
def test_verify_revoked_after_a_revocation_list(licensed: Run, vendor: Vendor) -> None:
    license_file = vendor.write(DocumentType.LICENSE, license_claims())
    assert licensed("verify", license_file).code == 0
    revocation = revocation_claims([("LIC-1", "refund")], issued_at="2025-05-01T00:00:00Z")
    assert licensed("import", vendor.write(DocumentType.REVOCATION_LIST, revocation)).code == 0
    data = verify_error(licensed, license_file, "revoked")
    assert "refund" in data["error"]["message"]


@sqlite_only
def test_verify_accepts_armor_and_line_breaks(cli: Run, vendor: Vendor, tmp_path: Path) -> None:
    token = vendor.token(DocumentType.LICENSE, license_claims())
    wrapped = "\n".join(token[i : i + 40] for i in range(0, len(token), 40))
    text = f"Here is your key:\r\n-----BEGIN LICENSE KEY-----\r\n  {wrapped}\n-----END LICENSE KEY-----\n"
    result = cli("verify", write(tmp_path / "pasted.txt", text), "--json")
    assert result.code == 0, result.out
    assert result.json()["claims"]["license_id"] == "LIC-1"


@sqlite_only
def test_verify_human_output(cli: Run, vendor: Vendor, tmp_path: Path) -> None:
    good = cli("verify", vendor.write(DocumentType.LICENSE, license_claims()))
    assert good.code == 0
    assert good.out.startswith("valid license")
    bad = cli("verify", write(tmp_path / "x.paseto", "garbage"))
    assert bad.code == 2
    assert bad.out.startswith("INVALID (malformed)")


@sqlite_only
def test_trust_files_before_and_after_the_command_all_count(cli: Run, tmp_path: Path) -> None:
    """`--trust` keys count for the run, as additional keys, wherever the option is given."""
    first, second = Vendor.create(tmp_path / "first"), Vendor.create(tmp_path / "second")
    for signer in (first, second):
        document = signer.write(DocumentType.LICENSE, license_claims())
        result = cli(
            "--trust", first.trust_file, "verify", document, "--trust", second.trust_file, "--json"
        )
        assert result.code == 0, result.out
        assert (result.json()["kid"], result.json()["trust"]) == (signer.kid, "additional")


@sqlite_only
def test_verify_a_missing_file_is_unknown(cli: Run, tmp_path: Path) -> None:
    line = assert_one_line_error(cli("verify", tmp_path / "nowhere.paseto", "--json"))
    assert "nowhere.paseto" in line


# import ---------------------------------------------------------------------------------------


@sqlite_only
def test_import_is_idempotent(cli: Run, vendor: Vendor) -> None:
    files = [
        vendor.write(DocumentType.LICENSE, license_claims()),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims()),
    ]
    assert cli("import", *files).code == 0
    before = status(cli, "2025-03-01")

    again = cli("import", *files, "--json")
    assert again.code == 0
    assert again.json()["imported"] is True
    assert [f["status"] for f in again.json()["files"]] == ["already_imported"] * 2
    assert status(cli, "2025-03-01") == before


@sqlite_only
def test_an_older_license_revision_is_refused_and_changes_nothing(cli: Run, vendor: Vendor) -> None:
    newer = vendor.write(DocumentType.LICENSE, license_claims(**RENEWAL))
    older = vendor.write(DocumentType.LICENSE, license_claims())
    assert cli("import", newer).code == 0
    before = status(cli, "2025-03-01")

    result = cli("import", older, "--json")
    assert result.code == 2
    assert result.json()["imported"] is False
    assert result.json()["files"][0]["status"] == "refused"
    assert result.json()["files"][0]["error"] == "older_revision"
    after = status(cli, "2025-03-01")
    assert after == before
    assert after[1]["license"]["revision"] == 2
    assert after[1]["sm"]["end"] == "2026-04-01"


def test_import_is_all_or_nothing(licensed: Run, vendor: Vendor, tmp_path: Path) -> None:
    good = vendor.write(DocumentType.SUPPORT_PACK, pack_claims())
    bad = write(
        tmp_path / "p2.paseto", tampered(vendor.token(DocumentType.SUPPORT_PACK, pack_claims("P2")))
    )

    result = licensed("import", good, bad, "--json")
    assert result.code == 2
    assert result.json()["imported"] is False
    assert result.json()["files"][1]["error"] == "bad_signature"
    assert result.json()["files"][0]["status"] == "not_imported"
    assert status(licensed, "2025-03-01")[1]["tickets"]["packs"] == []

    human = licensed("import", good, bad)
    assert "nothing was imported" in human.out

    # The good pack was not stored: alone, it imports now.
    alone = licensed("import", good, "--json")
    assert alone.json()["files"][0]["status"] == "imported"
    assert [p["pack_id"] for p in status(licensed, "2025-03-01")[1]["tickets"]["packs"]] == ["P1"]


@sqlite_only
def test_a_ticket_statement_overrides_a_local_ticket(licensed: Run, vendor: Vendor) -> None:
    assert licensed("tickets", "add", "--case", "CS-9", "--opened", "2024-05-01").code == 0
    assert status(licensed, "2025-03-01")[1]["tickets"]["annual_used"] == 1

    statement = statement_claims(
        [statement_ticket("CS-9", "2024-05-01", "product_bug", category="upgrade")]
    )
    assert licensed("import", vendor.write(DocumentType.TICKET_STATEMENT, statement)).code == 0

    row = tickets(licensed)["CS-9"]
    assert (row["classification"], row["category"], row["source"]) == (
        "product_bug",
        "upgrade",
        "vendor",
    )
    balance = status(licensed, "2025-03-01")[1]["tickets"]
    assert (balance["annual_used"], balance["not_deducted_bug"]) == (0, 1)


@sqlite_only
def test_revoking_the_only_license_makes_status_critical(licensed: Run, vendor: Vendor) -> None:
    revocation = revocation_claims([("LIC-1", "chargeback")], issued_at="2025-05-01T00:00:00Z")
    assert licensed("import", vendor.write(DocumentType.REVOCATION_LIST, revocation)).code == 0

    code, data = status(licensed, "2025-03-01")
    assert code == 2
    assert "license" not in data
    assert data["licenses"] == []
    assert data["overall"] == {"state": None, "licenses": 0, "needing_attention": 0}
    assert codes(data) == ["untrusted_document", "no_valid_license"]
    untrusted = data["warnings"][0]
    assert (untrusted["severity"], untrusted["license_id"]) == ("critical", "LIC-1")
    assert "revoked" in untrusted["message"]
    assert "chargeback" in untrusted["message"]


@sqlite_only
def test_a_revocation_of_other_licenses_is_not_given_as_the_reason(
    cli: Run, vendor: Vendor
) -> None:
    revocation = revocation_claims([("LIC-OTHER", "refund")])
    assert cli("import", vendor.write(DocumentType.REVOCATION_LIST, revocation)).code == 0
    code, data = status(cli, "2025-03-01")
    assert (code, codes(data)) == (2, ["no_valid_license"])
    assert "import the license key first" in assert_one_line_error(cli("renewal-quote"), code=2)
    message = data["warnings"][0]["message"]
    assert "LIC-OTHER" not in message
    assert "import the license key first" in message


@sqlite_only
def test_importing_a_revoked_license_is_refused(cli: Run, vendor: Vendor) -> None:
    revocation = revocation_claims([("LIC-1", "chargeback")], issued_at="2025-05-01T00:00:00Z")
    assert cli("import", vendor.write(DocumentType.REVOCATION_LIST, revocation)).code == 0

    result = cli("import", vendor.write(DocumentType.LICENSE, license_claims()), "--json")
    assert result.code == 2
    assert result.json()["files"][0]["status"] == "refused"
    assert result.json()["files"][0]["error"] == "revoked"
    code, data = status(cli, "2025-03-01")
    assert (code, data["licenses"], codes(data)) == (2, [], ["no_valid_license"])


@sqlite_only
def test_an_unreadable_file_in_a_batch_is_unknown(
    licensed: Run, vendor: Vendor, tmp_path: Path
) -> None:
    good = vendor.write(DocumentType.SUPPORT_PACK, pack_claims())
    result = licensed("import", good, tmp_path / "missing.paseto", "--json")
    assert result.code == 3
    assert result.json()["files"][1]["status"] == "unreadable"
    assert status(licensed, "2025-03-01")[1]["tickets"]["packs"] == []


# tickets --------------------------------------------------------------------------------------


def test_tickets_add_uses_the_spec_defaults(licensed: Run) -> None:
    result = licensed("tickets", "add", "--case", "A-1", "--opened", "2024-05-01", "--json")
    assert (result.code, result.json()) == (0, {"added": "A-1", "license_id": "LIC-1"})
    assert tickets(licensed)["A-1"] == {
        "case_id": "A-1",
        "license_id": "LIC-1",
        "opened_on": "2024-05-01",
        "kind": "incident",
        "classification": "customer",
        "category": "product",
        "title": None,
        "source": "local",
        "outcome": "charged",
        "bucket": "annual",
        "bucket_id": "2024-04-01",
        "dispute": None,
    }


def test_tickets_add_of_an_existing_case_is_refused(licensed: Run) -> None:
    assert licensed("tickets", "add", "--case", "A-1", "--opened", "2024-05-01").code == 0
    again = licensed(
        "tickets",
        "add",
        "--case",
        "A-1",
        "--opened",
        "2024-06-01",
        "--classification",
        "product_bug",
    )
    assert "A-1" in assert_one_line_error(again)
    assert tickets(licensed)["A-1"]["opened_on"] == "2024-05-01"
    assert len(tickets(licensed)) == 1


@sqlite_only
def test_tickets_add_of_a_vendor_case_is_refused(example: Run) -> None:
    assert "CS-1" in assert_one_line_error(
        example("tickets", "add", "--case", "CS-1", "--opened", "2024-06-01")
    )
    assert tickets(example)["CS-1"]["source"] == "vendor"


@sqlite_only
def test_tickets_add_refuses_bad_input(licensed: Run) -> None:
    assert_one_line_error(licensed("tickets", "add", "--case", "A-1", "--opened", "2024-02-30"))
    assert "nonsense" in assert_one_line_error(
        licensed(
            "tickets", "add", "--case", "A-1", "--opened", "2024-05-01", "--category", "nonsense"
        )
    )
    assert tickets(licensed) == {}


@sqlite_only
def test_tickets_classify_of_an_unknown_case_is_refused(licensed: Run) -> None:
    assert "NOPE-1" in assert_one_line_error(
        licensed("tickets", "classify", "NOPE-1", "product_bug")
    )


@sqlite_only
def test_reclassification_changes_the_balances_at_once(licensed: Run) -> None:
    assert licensed("tickets", "add", "--case", "A-1", "--opened", "2024-05-01").code == 0
    balance = status(licensed, "2025-03-01")[1]["tickets"]
    assert (balance["annual_used"], balance["annual_remaining"], balance["not_deducted_bug"]) == (
        1,
        5,
        0,
    )

    result = licensed("tickets", "classify", "A-1", "product_bug", "--json")
    assert (result.code, result.json()) == (0, {"case_id": "A-1", "outcome": "updated"})
    balance = status(licensed, "2025-03-01")[1]["tickets"]
    assert (balance["annual_used"], balance["annual_remaining"], balance["not_deducted_bug"]) == (
        0,
        6,
        1,
    )
    assert tickets(licensed)["A-1"]["outcome"] == "not_deducted_bug"

    assert licensed("tickets", "classify", "A-1", "customer").code == 0
    balance = status(licensed, "2025-03-01")[1]["tickets"]
    assert (balance["annual_used"], balance["annual_remaining"], balance["not_deducted_bug"]) == (
        1,
        5,
        0,
    )


# R17: vendor tickets are disputed, never changed -----------------------------------------------

# A day on which the worked example has nothing to warn about: CS-1 is charged to the period.
QUIET_DAY = "2024-06-01"


@sqlite_only
def test_classifying_a_vendor_ticket_records_a_dispute_and_changes_no_balance(
    example: Run,
) -> None:
    code, before = status(example, QUIET_DAY)
    assert (code, codes(before)) == (0, [])

    result = example("tickets", "classify", "CS-1", "product_bug", "--reason", "a bug", "--json")
    assert (result.code, result.json()) == (0, {"case_id": "CS-1", "outcome": "disputed"})

    code, after = status(example, QUIET_DAY)
    assert after["tickets"] == before["tickets"]
    assert codes(after) == ["disputed_ticket"]
    warning = after["warnings"][0]
    assert (warning["severity"], warning["license_id"]) == ("warning", "LIC-1")
    assert "CS-1" in warning["message"]
    assert code == 1

    row = tickets(example, QUIET_DAY)["CS-1"]
    assert (row["classification"], row["outcome"], row["source"]) == (
        "customer",
        "charged",
        "vendor",
    )
    dispute = row["dispute"]
    assert (dispute["classification"], dispute["reason"]) == ("product_bug", "a bug")
    assert (dispute["opened_on"], dispute["kind"], dispute["category"]) == (None, None, None)
    assert dispute["disputed_by"]
    assert dispute["disputed_at"]


@sqlite_only
def test_classifying_a_vendor_ticket_as_it_is_records_nothing(example: Run) -> None:
    result = example("tickets", "classify", "CS-1", "customer", "--json")
    assert (result.code, result.json()) == (0, {"case_id": "CS-1", "outcome": "unchanged"})
    assert tickets(example, QUIET_DAY)["CS-1"]["dispute"] is None
    assert codes(status(example, QUIET_DAY)[1]) == []


@sqlite_only
def test_tickets_dispute_and_withdraw(example: Run) -> None:
    result = example(
        "tickets", "dispute", "CS-3", "--category", "training", "--reason", "was training", "--json"
    )
    assert (result.code, result.json()) == (0, {"case_id": "CS-3", "outcome": "disputed"})
    row = tickets(example)["CS-3"]
    assert (row["category"], row["outcome"]) == ("product", "charged")
    assert (row["dispute"]["category"], row["dispute"]["reason"]) == ("training", "was training")
    assert "disputed_ticket" in codes(status(example, "2025-03-01")[1])

    withdrawn = example("tickets", "withdraw", "CS-3", "--json")
    assert (withdrawn.code, withdrawn.json()) == (0, {"withdrawn": "CS-3"})
    assert tickets(example)["CS-3"]["dispute"] is None
    assert codes(status(example, "2025-03-01")[1]) == ["renewal_due"]

    assert "CS-3" in assert_one_line_error(example("tickets", "withdraw", "CS-3"))


@sqlite_only
def test_tickets_dispute_refuses_what_is_not_a_dispute(example: Run) -> None:
    assert example("tickets", "add", "--case", "L-1", "--opened", "2024-06-01").code == 0
    assert "L-1" in assert_one_line_error(
        example("tickets", "dispute", "L-1", "--category", "training", "--reason", "x")
    )
    # Nothing said that differs from the vendor's record.
    assert_one_line_error(example("tickets", "dispute", "CS-1", "--reason", "x"))
    # A dispute needs a reason.
    assert_one_line_error(example("tickets", "dispute", "CS-1", "--kind", "service_request"))
    assert_one_line_error(
        example("tickets", "dispute", "CS-1", "--category", "nonsense", "--reason", "x")
    )
    assert codes(status(example, QUIET_DAY)[1]) == []


@sqlite_only
def test_a_later_statement_settles_a_dispute(example: Run, vendor: Vendor) -> None:
    assert example("tickets", "classify", "CS-1", "product_bug", "--reason", "a bug").code == 0
    assert status(example, "2025-03-01")[1]["tickets"]["annual_used"] == 5

    settled = statement_claims(
        [statement_ticket("CS-1", "2024-05-02", "product_bug")], issued_at="2025-03-05T08:00:00Z"
    )
    assert example("import", vendor.write(DocumentType.TICKET_STATEMENT, settled)).code == 0

    code, data = status(example, "2025-03-01")
    assert (data["tickets"]["annual_used"], data["tickets"]["not_deducted_bug"]) == (4, 3)
    assert codes(data) == ["renewal_due"]
    assert code == 1
    assert tickets(example)["CS-1"]["outcome"] == "not_deducted_bug"


def test_tickets_assign_moves_a_local_ticket_to_another_license(portfolio: Run) -> None:
    day = "2026-11-01"
    added = portfolio(
        "tickets", "add", "--case", "L-1", "--opened", "2026-01-10", "--license", "LIC-B", "--json"
    )
    assert (added.code, added.json()) == (0, {"added": "L-1", "license_id": "LIC-B"})
    assert status(portfolio, day, "--license", "LIC-B")[1]["tickets"]["annual_used"] == 1

    result = portfolio("tickets", "assign", "L-1", "--license", "LIC-A", "--json")
    assert (result.code, result.json()) == (0, {"assigned": ["L-1"], "license_id": "LIC-A"})
    assert tickets(portfolio, day)["L-1"]["license_id"] == "LIC-A"
    assert status(portfolio, day, "--license", "LIC-B")[1]["tickets"]["annual_used"] == 0
    assert status(portfolio, day, "--license", "LIC-A")[1]["tickets"]["annual_used"] == 1

    assert "--license" in assert_one_line_error(portfolio("tickets", "assign", "L-1"))
    assert "NOPE" in assert_one_line_error(
        portfolio("tickets", "assign", "NOPE", "--license", "LIC-A")
    )
    assert "LIC-X" in assert_one_line_error(
        portfolio("tickets", "assign", "L-1", "--license", "LIC-X")
    )


@sqlite_only
def test_a_vendor_ticket_cannot_be_assigned(example: Run) -> None:
    assert "CS-1" in assert_one_line_error(
        example("tickets", "assign", "CS-1", "--license", "LIC-1")
    )


@sqlite_only
def test_tickets_export_neutralises_formulas(licensed: Run, tmp_path: Path) -> None:
    title = '=HYPERLINK("http://attacker.example","click")'
    for case, opened, extra in (
        ("F-1", "2024-05-01", ("--title", title)),
        ("F-2", "2024-05-02", ("--title", "+1 555 0100")),
        ("-3", "2024-05-03", ("--title", "@SUM(A1)")),
        ("F-4", "2024-05-04", ()),
    ):
        assert licensed("tickets", "add", "--case", case, "--opened", opened, *extra).code == 0

    printed = licensed("tickets", "export", "--as-of", "2025-03-01")
    assert printed.code == 0, printed.err
    rows = list(csv.DictReader(io.StringIO(printed.out)))
    assert [r["case_id"] for r in rows] == ["F-1", "F-2", "'-3", "F-4"]
    assert [r["title"] for r in rows] == [f"'{title}", "'+1 555 0100", "'@SUM(A1)", ""]
    assert rows[0]["license_id"] == "LIC-1"
    assert (rows[0]["source"], rows[0]["outcome"], rows[0]["bucket"]) == (
        "local",
        "charged",
        "2024-04-01",
    )

    out = tmp_path / "ledger.csv"
    saved = licensed("tickets", "export", "--out", out, "--as-of", "2025-03-01", "--json")
    assert (saved.code, saved.json()) == (0, {"exported": 4, "file": str(out)})
    assert out.read_text(encoding="utf-8") == printed.out


@sqlite_only
def test_an_exported_ledger_imports_again_as_it_was(
    licensed: Run, vendor: Vendor, tmp_path: Path
) -> None:
    """The export's neutralised cells read back as they were: the CSV is a way to move a
    ledger to another console."""
    title = "=1+1 is not a formula here"
    assert licensed("tickets", "add", "--case", "M-1", "--opened", "2024-05-01").code == 0
    args = ("--opened", "2024-06-01", "--title", title, "--classification", "product_bug")
    assert licensed("tickets", "add", "--case", "M-2", *args).code == 0
    out = tmp_path / "ledger.csv"
    assert licensed("tickets", "export", "--out", out, "--as-of", "2025-03-01").code == 0

    elsewhere = sqlite_url_of(tmp_path / "elsewhere.sqlite3")
    license_file = vendor.write(DocumentType.LICENSE, license_claims())
    assert licensed("import", license_file, db_url=elsewhere).code == 0
    result = licensed("tickets", "import", out, "--json", db_url=elsewhere)
    assert (result.code, result.json()) == (0, {"imported": 2})

    listed = licensed("tickets", "list", "--json", "--as-of", "2025-03-01", db_url=elsewhere)
    moved = {r["case_id"]: r for r in listed.json()["tickets"]}
    assert moved["M-2"]["title"] == title
    assert (moved["M-2"]["classification"], moved["M-2"]["outcome"]) == (
        "product_bug",
        "not_deducted_bug",
    )
    assert moved["M-1"]["outcome"] == "charged"


@sqlite_only
def test_an_out_of_scope_ticket_is_never_charged(licensed: Run) -> None:
    out_of_scope = ["system_center", "installation", "consulting", "customization", "training"]
    for n, category in enumerate(out_of_scope):
        args = ("--case", f"OOS-{n}", "--opened", "2024-05-01", "--category", category)
        assert licensed("tickets", "add", *args).code == 0
    rows = tickets(licensed).values()
    assert [(r["category"], r["outcome"], r["bucket"]) for r in rows] == [
        (category, "out_of_scope", None) for category in out_of_scope
    ]
    balance = status(licensed, "2025-03-01")[1]["tickets"]
    assert (balance["annual_used"], balance["remaining_total"], balance["unfunded"]) == (0, 6, 0)


@sqlite_only
def test_an_ineligible_ticket_is_charged_after_a_backdated_renewal(
    licensed: Run, vendor: Vendor
) -> None:
    assert licensed("tickets", "add", "--case", "LATE-1", "--opened", "2025-05-10").code == 0
    row = tickets(licensed)["LATE-1"]
    assert (row["outcome"], row["bucket"]) == ("ineligible", None)
    assert status(licensed, "2025-06-01")[1]["tickets"]["ineligible"] == 1

    assert (
        licensed("import", vendor.write(DocumentType.LICENSE, license_claims(**RENEWAL))).code == 0
    )

    row = tickets(licensed)["LATE-1"]
    assert (row["outcome"], row["bucket"], row["bucket_id"]) == ("charged", "annual", "2025-04-01")
    balance = status(licensed, "2025-06-01")[1]["tickets"]
    assert balance["ineligible"] == 0
    assert (balance["period_start"], balance["annual_used"], balance["annual_remaining"]) == (
        "2025-04-01",
        1,
        5,
    )


@sqlite_only
def test_draw_ties_take_the_annual_period_then_the_smaller_pack_id(
    licensed: Run, vendor: Vendor, tmp_path: Path
) -> None:
    # Both packs and the period expire on 2025-04-01 (R9 ties).
    packs = [
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims(pack_id, purchased_on="2024-04-01"))
        for pack_id in ("PB", "PA")
    ]
    assert licensed("import", *packs).code == 0
    rows = "".join(f"D-{i:02d},2024-05-01,incident,customer,product,\n" for i in range(1, 9))
    assert licensed("tickets", "import", write(tmp_path / "t.csv", CSV_HEADER + rows)).code == 0
    drawn = [(r["bucket"], r["bucket_id"]) for r in tickets(licensed).values()]
    assert drawn == [("annual", "2024-04-01")] * 6 + [("pack", "PA")] * 2


@sqlite_only
def test_tickets_import_csv(licensed: Run, tmp_path: Path) -> None:
    csv_file = write(
        tmp_path / "tickets.csv",
        CSV_HEADER
        + "T-1,2024-05-01,incident,customer,product,First\n"
        + "T-2,2024-06-01,service_request,product_bug,upgrade,\n"
        + 'T-3,2024-07-01,,,training,"Training, please"\n',
    )
    result = licensed("tickets", "import", csv_file, "--json")
    assert (result.code, result.json()) == (0, {"imported": 3})
    rows = tickets(licensed)
    assert (rows["T-1"]["title"], rows["T-1"]["outcome"]) == ("First", "charged")
    assert (rows["T-2"]["kind"], rows["T-2"]["outcome"], rows["T-2"]["title"]) == (
        "service_request",
        "not_deducted_bug",
        None,
    )
    assert (rows["T-3"]["kind"], rows["T-3"]["classification"]) == ("incident", "customer")
    assert (rows["T-3"]["outcome"], rows["T-3"]["title"]) == ("out_of_scope", "Training, please")
    assert {r["source"] for r in rows.values()} == {"local"}
    assert {r["license_id"] for r in rows.values()} == {"LIC-1"}


@sqlite_only
def test_tickets_import_csv_with_bad_rows_stores_nothing(licensed: Run, tmp_path: Path) -> None:
    csv_file = write(
        tmp_path / "tickets.csv",
        CSV_HEADER
        + "T-1,2024-05-01,incident,customer,product,\n"  # row 2: good
        + "T-2,2024-13-01,incident,customer,product,\n"  # row 3: no 13th month
        + "T-3,2024-07-01,incident,customer,product,\n"  # row 4: good
        + "T-4,2024-08-01,incident,vendor_fault,product,\n",  # row 5: no such classification
    )
    line = assert_one_line_error(licensed("tickets", "import", csv_file))
    assert "row 3" in line
    assert "row 5" in line
    assert "row 2" not in line
    assert "row 4" not in line
    assert "vendor_fault" in line
    assert tickets(licensed) == {}


@sqlite_only
def test_tickets_import_of_a_missing_csv(licensed: Run, tmp_path: Path) -> None:
    assert "absent.csv" in assert_one_line_error(
        licensed("tickets", "import", tmp_path / "absent.csv")
    )


@sqlite_only
def test_a_case_id_too_long_for_storage_is_refused_in_one_line(
    licensed: Run, tmp_path: Path
) -> None:
    assert "100 characters" in assert_one_line_error(
        licensed("tickets", "add", "--case", "X" * 101, "--opened", "2024-05-01")
    )
    csv_file = write(
        tmp_path / "long.csv", f"case_id,opened_on\nOK-1,2024-05-01\n{'Y' * 101},2024-05-02\n"
    )
    assert "row 3" in assert_one_line_error(licensed("tickets", "import", csv_file))
    assert tickets(licensed) == {}


# questions ------------------------------------------------------------------------------------


@sqlite_only
def test_a_subscription_ends_at_sm_end(cli: Run, vendor: Vendor) -> None:
    claims = license_claims(license_type="subscription")
    assert cli("import", vendor.write(DocumentType.LICENSE, claims)).code == 0

    code, data = status(cli, "2025-04-01")
    assert data["sm"]["state"] == "expired"
    assert codes(data) == ["expired", "subscription_ended"]
    assert code == 2

    args = ("upgrade-check", "--version", "5.0", "--released-on", "2024-06-01", "--json")
    assert cli(*args, "--as-of", "2025-03-31").json()["permitted"] is True
    ended = cli(*args, "--as-of", "2025-04-01")
    assert ended.code == 1
    assert ended.json()["permitted"] is False
    assert ended.json()["reason"] == "subscription_ended"


@sqlite_only
def test_a_perpetual_license_keeps_older_releases_after_expiry(licensed: Run) -> None:
    args = ("upgrade-check", "--version", "5.1", "--released-on", "2025-03-31", "--json")
    assert licensed(*args, "--as-of", "2030-01-01").json()["permitted"] is True
    on_expiry = licensed(
        "upgrade-check", "--version", "5.2", "--released-on", "2025-04-01", "--json"
    )
    assert (on_expiry.code, on_expiry.json()["permitted"]) == (1, False)


@sqlite_only
def test_upgrade_check_asks_for_a_version_or_a_catalog(licensed: Run) -> None:
    assert_one_line_error(licensed("upgrade-check", "--version", "5.1"))
    assert_one_line_error(licensed("upgrade-check", "--released-on", "2025-01-01"))
    assert_one_line_error(
        licensed("upgrade-check", "--version", "not a version", "--released-on", "2025-01-01")
    )
    assert "no release catalog" in assert_one_line_error(licensed("upgrade-check"))


@sqlite_only
def test_renewal_quote_for_too_few_years_warns(licensed: Run) -> None:
    result = licensed("renewal-quote", "--years", "1", "--as-of", "2026-05-01", "--json")
    assert result.code == 1
    data = result.json()
    assert (data["period_end"], data["becomes_current"], data["min_years_to_be_current"]) == (
        "2026-04-01",
        False,
        2,
    )
    assert (data["base_amount"], data["reinstatement_fee"], data["total"]) == (
        "12000.00",
        "1200.00",
        "13200.00",
    )
    assert "expired" in result.err

    enough = licensed("renewal-quote", "--as-of", "2026-05-01", "--json")
    assert enough.code == 0
    assert (enough.json()["years"], enough.json()["period_end"]) == (2, "2027-04-01")
    assert enough.json()["total"] == "26400.00"


@sqlite_only
def test_renewal_quote_with_a_seat_change_has_no_estimate(licensed: Run) -> None:
    result = licensed("renewal-quote", "--users", "400", "--as-of", "2025-03-01", "--json")
    assert result.code == 0
    data = result.json()
    assert (data["base_amount"], data["reinstatement_fee"], data["total"]) == (None, None, None)
    assert (data["years"], data["period_end"]) == (1, "2026-04-01")


@sqlite_only
def test_renewal_quote_with_the_current_seat_counts_is_an_estimate(licensed: Run) -> None:
    """R6: asking for the seats the license has (250 users, 0 devices) is no change."""
    args = ("renewal-quote", "--as-of", "2025-03-01", "--json")
    same = licensed(*args, "--users", "250", "--devices", "0")
    assert same.code == 0
    assert (same.json()["base_amount"], same.json()["total"]) == ("12000.00", "12000.00")
    assert licensed(*args, "--devices", "5").json()["total"] is None
    assert licensed(*args, "--users", "249").json()["total"] is None
    assert_one_line_error(licensed(*args, "--users", "-1"))


def quote(run: Run, as_of: str, *args: str) -> dict[str, Any]:
    result = run("renewal-quote", "--json", "--as-of", as_of, *args)
    assert result.code in (0, 1), result.err
    data: dict[str, Any] = result.json()
    return data


@sqlite_only
def test_renewal_money_is_rounded_half_up_to_cents(cli: Run, vendor: Vendor) -> None:
    fee = {"amount": "12345.65", "currency": "EUR"}
    assert (
        cli("import", vendor.write(DocumentType.LICENSE, license_claims(sm_annual_fee=fee))).code
        == 0
    )
    data = quote(cli, "2025-07-15")  # lapsed: 10% of 12345.65 is 1234.565
    assert (data["currency"], data["base_amount"]) == ("EUR", "12345.65")
    assert (data["reinstatement_fee"], data["total"]) == ("1234.57", "13580.22")


@sqlite_only
def test_renewal_money_always_has_cents(cli: Run, vendor: Vendor) -> None:
    fee = {"amount": "100", "currency": "USD"}
    assert (
        cli("import", vendor.write(DocumentType.LICENSE, license_claims(sm_annual_fee=fee))).code
        == 0
    )
    data = quote(cli, "2025-03-01", "--years", "3")
    assert (data["base_amount"], data["reinstatement_fee"], data["total"]) == (
        "300.00",
        "0.00",
        "300.00",
    )


@sqlite_only
def test_renewal_of_a_february_29_expiry(cli: Run, vendor: Vendor) -> None:
    claims = license_claims(sm_start="2023-02-28", sm_end="2024-02-29")
    assert cli("import", vendor.write(DocumentType.LICENSE, claims)).code == 0
    data = quote(cli, "2024-03-15")
    assert (data["period_start"], data["period_end"]) == ("2024-02-29", "2025-02-28")


@sqlite_only
def test_least_years_to_be_current(licensed: Run) -> None:
    assert quote(licensed, "2026-03-31")["min_years_to_be_current"] == 1
    assert quote(licensed, "2026-04-01")["min_years_to_be_current"] == 2
    assert quote(licensed, "2027-04-01")["min_years_to_be_current"] == 3
    assert quote(licensed, "2027-04-01")["period_end"] == "2028-04-01"


@sqlite_only
def test_renewal_quote_refuses_zero_years(licensed: Run) -> None:
    assert_one_line_error(licensed("renewal-quote", "--years", "0"))


# status ---------------------------------------------------------------------------------------


@sqlite_only
def test_status_warns_of_period_tickets_expiring_within_30_days(licensed: Run) -> None:
    # The first period ends 2024-04-01, a year before sm_end: only the tickets expire.
    code, data = status(licensed, "2024-03-01")
    assert (data["sm"]["state"], data["warnings"], code) == ("active", [], 0)

    code, data = status(licensed, "2024-03-02")
    assert codes(data) == ["period_tickets_expiring"]
    assert code == 1


@sqlite_only
def test_status_warns_of_a_pack_expiring_within_30_days(licensed: Run, vendor: Vendor) -> None:
    pack = pack_claims("P0", purchased_on="2024-03-01")  # usable until 2025-03-01
    assert licensed("import", vendor.write(DocumentType.SUPPORT_PACK, pack)).code == 0

    code, data = status(licensed, "2025-01-29")  # 31 days left in the pack, 62 in S&M
    assert (data["sm"]["state"], data["warnings"], code) == ("active", [], 0)

    code, data = status(licensed, "2025-01-30")
    assert data["sm"]["state"] == "active"
    assert codes(data) == ["pack_expiring"]
    assert "P0" in data["warnings"][0]["message"]
    assert (data["warnings"][0]["severity"], data["warnings"][0]["license_id"]) == (
        "warning",
        "LIC-1",
    )
    assert code == 1


@sqlite_only
def test_status_warns_when_no_tickets_are_left(licensed: Run, tmp_path: Path) -> None:
    rows = "".join(f"N-{i},2023-{i + 3:02d}-10,incident,customer,product,\n" for i in range(1, 8))
    assert licensed("tickets", "import", write(tmp_path / "t.csv", CSV_HEADER + rows)).code == 0
    code, data = status(licensed, "2023-10-15")
    balance = data["tickets"]
    assert (balance["annual_used"], balance["unfunded"], balance["remaining_total"]) == (6, 1, 0)
    assert codes(data) == ["no_tickets_left", "unfunded_tickets"]
    assert code == 1

    bug = licensed(
        "eligibility",
        "--category",
        "product",
        "--classification",
        "product_bug",
        "--json",
        "--as-of",
        "2023-10-15",
    )
    assert (bug.code, bug.json()) == (0, {"eligible": True, "reasons": []})
    customer = licensed("eligibility", "--category", "product", "--json", "--as-of", "2023-10-15")
    assert (customer.code, customer.json()) == (
        1,
        {"eligible": False, "reasons": ["no_tickets_left"]},
    )


@sqlite_only
def test_status_without_a_license_is_critical(cli: Run) -> None:
    result = cli("status", "--json")
    assert result.code == 2
    data = result.json()
    assert {"license", "sm", "tickets"}.isdisjoint(data)
    assert data["licenses"] == []
    assert data["overall"] == {"state": None, "licenses": 0, "needing_attention": 0}
    assert data["as_of"] == date.today().isoformat()
    assert codes(data) == ["no_valid_license"]
    assert data["warnings"][0]["severity"] == "critical"
    assert data["warnings"][0]["license_id"] is None

    human = cli("status")
    assert human.code == 2
    assert "CRITICAL" in human.out


@sqlite_only
def test_questions_without_a_license_are_critical(cli: Run) -> None:
    assert "license" in assert_one_line_error(cli("renewal-quote"), code=2)
    assert_one_line_error(
        cli("upgrade-check", "--version", "1.0", "--released-on", "2024-01-01"), code=2
    )
    assert_one_line_error(cli("tickets", "add", "--case", "A-1", "--opened", "2024-05-01"), code=2)
    result = cli("eligibility", "--category", "product", "--json")
    assert (result.code, result.json()) == (1, {"eligible": False, "reasons": ["no_valid_license"]})


# requests -------------------------------------------------------------------------------------


@sqlite_only
def test_request_renewal_writes_json_and_text(licensed: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = licensed("request", "renewal", "--out", out, "--json", "--as-of", "2025-03-01")
    assert result.code == 0, result.err
    data = result.json()
    assert (data["kind"], data["status"], data["channel"]) == ("renewal", "saved", "file")
    assert data["license_ids"] == ["LIC-1"]
    json_file, text_file = Path(data["json_file"]), Path(data["text_file"])
    assert json_file.parent == out
    assert text_file.parent == out
    assert sorted(p.name for p in out.iterdir()) == sorted([json_file.name, text_file.name])

    written = json.loads(json_file.read_text(encoding="utf-8"))
    renewals = POLICY.renewals_email
    assert renewals == "renewals@cireson.com"
    assert written["to"] == renewals
    assert written["license_id"] == "LIC-1"
    assert (written["period_start"], written["period_end"], written["years"]) == (
        "2025-04-01",
        "2026-04-01",
        1,
    )
    assert (written["base_amount"], written["reinstatement_fee"], written["total"]) == (
        "12000.00",
        "0.00",
        "12000.00",
    )
    assert written["currency"] == "USD"
    assert written["totals"] == {"USD": "12000.00"}
    assert [e["license_id"] for e in written["licenses"]] == ["LIC-1"]
    assert data["request"]["total"] == "12000.00"

    text = text_file.read_text(encoding="utf-8")
    assert f"To: {renewals}" in text
    assert "LIC-1" in text
    assert "12000.00" in text


@sqlite_only
def test_request_renewal_by_mailto(licensed: Run) -> None:
    result = licensed("request", "renewal", "--via", "mailto", "--json", "--as-of", "2025-07-15")
    assert result.code == 0, result.err
    data = result.json()
    assert (data["status"], data["channel"], data["json_file"]) == ("opened", "mailto", None)
    url = urlsplit(data["mailto"])
    assert (url.scheme, url.path) == ("mailto", "renewals@cireson.com")
    assert data["mailto"].startswith("mailto:renewals@cireson.com?subject=")
    query = parse_qs(url.query)
    assert set(query) == {"subject", "body"}
    assert "LIC-1" in query["subject"][0]
    assert "LIC-1" in query["body"][0]
    assert "1200.00" in query["body"][0]  # lapsed on 2025-07-15: the reinstatement fee

    human = licensed("request", "renewal", "--via", "mailto", "--as-of", "2025-07-15")
    assert human.code == 0
    assert "request sent 2" in human.out
    assert "mailto:renewals@cireson.com?subject=" in human.out


@sqlite_only
def test_request_packs(licensed: Run, tmp_path: Path) -> None:
    result = licensed(
        "request", "packs", "--count", "2", "--po", "PO-9", "--out", tmp_path / "out", "--json"
    )
    assert result.code == 0, result.err
    request = result.json()["request"]
    assert (request["total"], request["tickets"], request["non_refundable"]) == ("4000.00", 8, True)
    assert (request["po_number"], request["packs"], request["currency"]) == ("PO-9", 2, "USD")
    assert request["license_id"] == "LIC-1"
    written = json.loads(Path(result.json()["json_file"]).read_text(encoding="utf-8"))
    assert (written["total"], written["to"]) == ("4000.00", "renewals@cireson.com")


@sqlite_only
def test_request_packs_needs_a_count_of_one_or_more(licensed: Run, tmp_path: Path) -> None:
    assert_one_line_error(
        licensed("request", "packs", "--count", "0", "--po", "PO-9", "--out", tmp_path)
    )
    assert_one_line_error(licensed("request", "packs", "--count", "1"))  # no --po
    assert licensed("request", "list", "--json").json() == {"requests": []}


@sqlite_only
def test_requests_are_recorded_and_a_renewal_is_fulfilled_by_its_license(
    licensed: Run, vendor: Vendor, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert licensed("request", "renewal", "--out", out, "--as-of", "2025-07-15").code == 0
    assert licensed("request", "packs", "--count", "2", "--po", "PO-9", "--out", out).code == 0

    listed = licensed("request", "list", "--json").json()["requests"]
    assert [(r["id"], r["kind"], r["status"], r["license_ids"]) for r in listed] == [
        (1, "renewal", "saved", ["LIC-1"]),
        (2, "packs", "saved", ["LIC-1"]),
    ]
    assert all(Path(r["file"]).is_file() for r in listed)

    assert (
        licensed("import", vendor.write(DocumentType.LICENSE, license_claims(**RENEWAL))).code == 0
    )

    listed = licensed("request", "list", "--json").json()["requests"]
    assert [(r["kind"], r["status"]) for r in listed] == [
        ("renewal", "fulfilled"),
        ("packs", "saved"),
    ]


@sqlite_only
def test_a_renewal_not_reached_by_the_new_revision_stays_pending(
    licensed: Run, vendor: Vendor
) -> None:
    # Two years asked for (to 2027-04-01); a revision to 2026-04-01 does not fulfil it.
    args = ("request", "renewal", "--years", "2", "--via", "mailto", "--as-of", "2025-03-01")
    assert licensed(*args).code == 0
    assert (
        licensed("import", vendor.write(DocumentType.LICENSE, license_claims(**RENEWAL))).code == 0
    )
    listed = licensed("request", "list", "--json").json()["requests"]
    assert [r["status"] for r in listed] == ["opened"]


@sqlite_only
def test_request_sent_and_cancel_change_the_status(licensed: Run, vendor: Vendor) -> None:
    args = ("request", "renewal", "--via", "mailto", "--as-of", "2025-03-01")
    assert licensed(*args).code == 0
    assert licensed(*args).code == 0

    sent = licensed("request", "sent", "1", "--json")
    assert (sent.code, sent.json()) == (0, {"id": 1, "status": "sent"})
    cancelled = licensed("request", "cancel", "2", "--json")
    assert (cancelled.code, cancelled.json()) == (0, {"id": 2, "status": "cancelled"})

    listed = licensed("request", "list", "--json").json()["requests"]
    assert [(r["id"], r["status"], r["channel"]) for r in listed] == [
        (1, "sent", "mailto"),
        (2, "cancelled", "mailto"),
    ]
    assert "#7" in assert_one_line_error(licensed("request", "sent", "7"))

    # A renewal imported later fulfils the sent request; a cancelled one stays cancelled.
    assert (
        licensed("import", vendor.write(DocumentType.LICENSE, license_claims(**RENEWAL))).code == 0
    )
    listed = licensed("request", "list", "--json").json()["requests"]
    assert [r["status"] for r in listed] == ["fulfilled", "cancelled"]


# errors ---------------------------------------------------------------------------------------


@sqlite_only
@pytest.mark.parametrize(
    "args",
    [
        ("--as-of", "2025-02-30", "status"),
        ("--as-of", "yesterday", "status"),
        ("status", "--as-of", "2025-02-30"),
        ("frobnicate",),
        ("tickets",),
        ("renewal-quote", "--years", "many"),
        ("request", "sent", "one"),
    ],
    ids=[
        "feb-30",
        "yesterday",
        "as-of-after-command",
        "unknown-command",
        "no-subcommand",
        "years",
        "request-number",
    ],
)
def test_bad_input_is_one_line_exit_3(cli: Run, args: tuple[str, ...]) -> None:
    assert_one_line_error(cli(*args))


@sqlite_only
def test_as_of_error_names_the_option(cli: Run) -> None:
    line = assert_one_line_error(cli("--as-of", "2025-02-30", "status"))
    assert "--as-of" in line
    assert "2025-02-30" in line


@sqlite_only
def test_db_in_a_folder_that_does_not_exist(cli: Run) -> None:
    line = assert_one_line_error(cli("status", db_url="sqlite:////nonexistent-folder/x.db"))
    assert "nonexistent-folder" in line


@sqlite_only
def test_db_that_is_not_a_database(cli: Run, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(os.urandom(4096))
    line = assert_one_line_error(cli("status", db_url=sqlite_url_of(garbage)))
    assert "not a usable database" in line


@sqlite_only
def test_db_url_that_is_not_a_url(cli: Run) -> None:
    assert_one_line_error(cli("status", db_url="::not a url::"))


@sqlite_only
def test_trust_file_that_is_not_json(cli: Run, tmp_path: Path) -> None:
    trust = write(tmp_path / "trust.json", "keys: [k4.public.x]\n")
    line = assert_one_line_error(cli("--trust", trust, "status"))
    assert "trust.json" in line


@sqlite_only
def test_trust_file_with_a_bad_key(cli: Run, tmp_path: Path) -> None:
    trust = write(tmp_path / "trust.json", json.dumps({"keys": ["k4.public.short"]}))
    assert_one_line_error(cli("--trust", trust, "status"))


@sqlite_only
@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_trust_file_that_cannot_be_read(cli: Run, tmp_path: Path, kind: str) -> None:
    trust = tmp_path / "trust-file"
    if kind == "folder":
        trust.mkdir()
    line = assert_one_line_error(cli("--trust", trust, "status"))
    assert "trust-file" in line


@sqlite_only
def test_a_locked_database_is_reported_and_changes_nothing(
    licensed: Run, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.storage.database import Database

    # The lock is what is tested, not the patience: wait 0.2 s instead of the default 15 s.
    monkeypatch.setattr(Database.__init__, "__defaults__", (200,))
    assert licensed("tickets", "add", "--case", "KEEP-1", "--opened", "2024-05-01").code == 0
    locker = sqlite3.connect(tmp_path / "ledger.sqlite3", isolation_level=None)
    try:
        locker.execute("BEGIN EXCLUSIVE")
        result = licensed("tickets", "add", "--case", "LOST-1", "--opened", "2024-05-02")
        locker.execute("ROLLBACK")
    finally:
        locker.close()
    assert "locked" in assert_one_line_error(result)
    assert list(tickets(licensed, "2025-01-01")) == ["KEEP-1"]


# demo mode ------------------------------------------------------------------------------------

DEMO_LICENSES = ["DEMO-ASSET-PROD", "DEMO-PORTAL-PROD", "DEMO-PORTAL-TEST"]


@sqlite_only
def test_demo_mode_in_a_fresh_home(cli: Run, isolated_home: Path) -> None:
    result = cli("--demo", "status", "--json", db_url=None)
    assert result.code == 2, result.err  # the asset license has lapsed
    data = result.json()
    assert data["as_of"] == date.today().isoformat()
    assert data["overall"] == {"state": "lapsed", "licenses": 3, "needing_attention": 2}
    states = {e["license"]["license_id"]: e["sm"]["state"] for e in data["licenses"]}
    assert states == {
        "DEMO-ASSET-PROD": "lapsed",
        "DEMO-PORTAL-PROD": "renewal_due",
        "DEMO-PORTAL-TEST": "active",
    }
    assert [e["license"]["license_id"] for e in data["licenses"]] == DEMO_LICENSES
    assert {e["license"]["trust"] for e in data["licenses"]} == {"demo"}
    assert "license" not in data

    demo_database = isolated_home / "data" / "demo" / "demo-portfolio.sqlite3"
    default_database = isolated_home / "data" / "entitlements.sqlite3"
    assert demo_database.is_file()
    assert not default_database.exists()

    documents = isolated_home / "data" / "demo" / "documents"
    verified = cli("--demo", "verify", documents / "demo-portal-prod.paseto", "--json", db_url=None)
    assert verified.code == 0
    assert (verified.json()["valid"], verified.json()["trust"]) == (True, "demo")

    # The default database knows nothing of the demo.
    real = cli("status", "--json", db_url=None)
    assert real.code == 2
    assert real.json()["licenses"] == []
    assert default_database.is_file()
    assert not default_database.samefile(demo_database)


@sqlite_only
def test_demo_mode_twice_does_not_duplicate_data(cli: Run) -> None:
    first = cli("--demo", "status", "--json", db_url=None)
    first_tickets = cli("--demo", "tickets", "list", "--json", db_url=None)
    second = cli("--demo", "status", "--json", db_url=None)
    second_tickets = cli("--demo", "tickets", "list", "--json", db_url=None)
    assert first.code == second.code
    assert first.json() == second.json()
    assert first_tickets.json() == second_tickets.json()
    case_ids = [r["case_id"] for r in first_tickets.json()["tickets"]]
    assert len(case_ids) == len(set(case_ids)) > 0


@sqlite_only
def test_demo_mode_refuses_another_database(cli: Run, tmp_path: Path) -> None:
    result = cli("--demo", "--db", sqlite_url_of(tmp_path / "real.sqlite3"), "status")
    assert "--demo" in assert_one_line_error(result)
    assert not (tmp_path / "real.sqlite3").exists()


def test_demo_documents_in_a_real_database_are_not_trusted_outside_demo_mode(
    vendor_is_trusted: Vendor,
) -> None:
    """Defence in depth: even if the demo database is opened as a real one, its documents,
    signed by the public demo key, never count."""
    from app.console import open_console
    from app.paths import app_paths
    from app.status import portfolio_status, read

    demo = open_console(None, True, [])
    try:
        assert sorted(read(demo).license_ids) == DEMO_LICENSES
    finally:
        demo.close()
    real = open_console(sqlite_url_of(app_paths().demo_database), False, [])
    try:
        portfolio = read(real)
        assert portfolio.licenses == ()
        status = portfolio_status(real, real.today)
        assert int(status.severity) == 2
        untrusted = [w for w in status.warnings if w.code == "untrusted_document"]
        assert len(untrusted) == len(portfolio.rejected) > 3
        assert all("demo" in str(w.facts["detail"]) for w in untrusted)
    finally:
        real.close()


# the real process -----------------------------------------------------------------------------


def run_module(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, HOME_VARIABLE: str(home)}
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


PROBE = """
import json, runpy, sys
sys.argv = ["app", *sys.argv[2:]]
try:
    runpy.run_module("app", run_name="__main__", alter_sys=True)
except SystemExit as exit:
    code = exit.code
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
with open(PROBE_OUT, "w") as out:
    json.dump({"code": code, "qt": qt}, out)
"""


@pytest.mark.parametrize(
    ("args", "licenses"),
    [(["status", "--json"], []), (["--demo", "status", "--json"], DEMO_LICENSES)],
    ids=["status", "demo-status"],
)
def test_python_m_app_answers_without_importing_qt(
    tmp_path: Path, args: list[str], licenses: list[str]
) -> None:
    """`python -m app ...` in a process of its own: the JSON, the exit code (no license, or the
    demo's lapsed one: critical), and not one Qt module loaded."""
    probe_out = tmp_path / "probe.json"
    script = f"PROBE_OUT = {str(probe_out)!r}\n" + PROBE
    process = run_module(["-c", script, "-", *args], tmp_path / "home")
    assert process.returncode == 0, process.stderr
    assert "Traceback" not in process.stderr
    probe = json.loads(probe_out.read_text())
    assert probe["code"] == 2
    data = json.loads(process.stdout)
    assert data["as_of"] == date.today().isoformat()
    assert [e["license"]["license_id"] for e in data["licenses"]] == licenses
    assert probe["qt"] == []


# keys -----------------------------------------------------------------------------------------


@sqlite_only
def test_a_trust_file_with_several_keys_accepts_each(cli: Run, tmp_path: Path) -> None:
    """Key rotation: old and new keys side by side in one trust file given with --trust."""
    old, new = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    trust = write(tmp_path / "rotated.json", trust_file_text([old.public_key(), new.public_key()]))
    first = write(
        tmp_path / "rev1.paseto", sign_document(DocumentType.LICENSE, license_claims(), old)
    )
    second = write(
        tmp_path / "rev2.paseto",
        sign_document(DocumentType.LICENSE, license_claims(revision=2, sm_end="2026-04-01"), new),
    )
    for path, key in ((first, old), (second, new)):
        verified = cli("--trust", trust, "verify", path, "--json")
        assert verified.code == 0, verified.out
        assert verified.json()["kid"] == paserk.key_id(key.public_key())
        assert verified.json()["trust"] == "additional"
    assert cli("--trust", trust, "import", first, second).code == 0
    _, data = status(cli, "2025-03-01", "--trust", str(trust))
    assert (data["license"]["revision"], data["license"]["trust"]) == (2, "additional")


@sqlite_only
def test_the_shipped_vendor_trust_file_accepts_each_of_its_keys(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A vendor release that ships old and new keys: documents of either report trust "vendor"."""
    import app.trust

    old, new = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    shipped = write(tmp_path / "vendor.json", trust_file_text([old.public_key(), new.public_key()]))
    monkeypatch.setattr(app.trust, "vendor_trust_file", lambda: shipped)
    for index, key in enumerate((old, new)):
        claims = license_claims(revision=index + 1)
        path = write(
            tmp_path / f"lic{index}.paseto", sign_document(DocumentType.LICENSE, claims, key)
        )
        verified = cli("verify", path, "--json")
        assert verified.code == 0, verified.out
        assert verified.json()["trust"] == "vendor"


# the grammar ----------------------------------------------------------------------------------


def test_the_choices_and_limits_of_the_grammar_are_the_rules_own() -> None:
    """Classifications and kinds come from the claims' enums, the limits from licensing.values."""
    from app.cli.parser import UsageError, build_parser
    from licensing.claims import Classification, TicketKind
    from licensing.values import MAX_PACKS_PER_REQUEST, MAX_RENEWAL_YEARS, MAX_SEATS

    def parsed(*words: str) -> Any:
        return build_parser(list(words)).parse_args(list(words))

    for value in Classification:
        eligible = parsed("eligibility", "--category", "product", "--classification", value)
        assert eligible.classification == value.value
        assert parsed("tickets", "classify", "C-1", value.value).classification == value.value
    for kind in TicketKind:
        assert parsed("tickets", "dispute", "C-1", "--kind", kind, "--reason", "r").kind == kind
    assert parsed("tickets", "add", "--case", "C", "--opened", "2025-01-01").kind == "incident"
    assert parsed("renewal-quote", "--years", str(MAX_RENEWAL_YEARS)).years == MAX_RENEWAL_YEARS
    assert parsed("renewal-quote", "--users", str(MAX_SEATS)).users == MAX_SEATS
    assert parsed("request", "packs", "--count", str(MAX_PACKS_PER_REQUEST), "--po", "P").count
    for words in (
        ("renewal-quote", "--years", str(MAX_RENEWAL_YEARS + 1)),
        ("renewal-quote", "--devices", str(MAX_SEATS + 1)),
        ("request", "packs", "--count", str(MAX_PACKS_PER_REQUEST + 1), "--po", "P"),
        ("eligibility", "--category", "product", "--classification", "bug"),
    ):
        with pytest.raises(UsageError):
            parsed(*words)


def test_the_grammar_of_status_loads_no_claims() -> None:
    """`status` pays for the claims' enums only where a command takes them (P2)."""
    probe = (
        "import sys\n"
        "from app.cli.parser import build_parser\n"
        "build_parser(['status']).parse_args(['status'])\n"
        "before = 'licensing.claims' in sys.modules\n"
        "build_parser(['eligibility'])\n"
        "print(before, 'licensing.claims' in sys.modules)\n"
    )
    process = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert process.returncode == 0, process.stderr
    assert process.stdout.split() == ["False", "True"]
