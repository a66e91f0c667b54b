"""The command line of SPEC.md section 5: verify, import, tickets, requests, errors, demo mode.

Everything runs the real `main()` against a real SQLite file of the test, with documents signed
by a real Ed25519 key given through `--trust`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyseto
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.paths import HOME_VARIABLE, sqlite_url
from app.services import Console
from app.storage.database import Database
from licensing import paserk, paseto
from licensing.claims import DocumentType
from licensing.documents import sign_document
from licensing.policy import load_policy
from tests.app.conftest import (
    CliResult,
    Vendor,
    license_claims,
    pack_claims,
    statement_claims,
    statement_ticket,
)

Run = Callable[..., CliResult]
REPO = Path(__file__).resolve().parents[2]

RENEWAL = {"revision": 2, "issued_at": "2025-07-20T10:00:00Z", "sm_end": "2026-04-01"}


@pytest.fixture
def run(cli: Run, vendor: Vendor) -> Run:
    """The command line with the vendor's test root trusted."""

    def invoke(*args: Any, **kwargs: Any) -> CliResult:
        return cli("--trust", vendor.trust_file, *args, **kwargs)

    return invoke


@pytest.fixture
def licensed(run: Run, vendor: Vendor) -> Run:
    """The SPEC section 6 license (no pack, no tickets) imported."""
    result = run("import", vendor.write(DocumentType.LICENSE, license_claims()))
    assert result.code == 0, result.out + result.err
    return run


def assert_one_line_error(result: CliResult, code: int = 3) -> str:
    """A failure is one line on stderr, nothing on stdout, never a traceback."""
    assert result.code == code, result.out + result.err
    assert result.out == ""
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("entitlement-console: ")
    return lines[0]


def status(run: Run, as_of: str) -> tuple[int, dict[str, Any]]:
    result = run("status", "--json", "--as-of", as_of)
    return result.code, result.json()


def tickets(run: Run, as_of: str = "2026-12-31") -> dict[str, dict[str, Any]]:
    result = run("tickets", "list", "--json", "--as-of", as_of)
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


def test_verify_a_valid_license(run: Run, vendor: Vendor) -> None:
    result = run("verify", vendor.write(DocumentType.LICENSE, license_claims()), "--json")
    assert result.code == 0
    assert result.json() == {
        "valid": True,
        "type": "license",
        "kid": vendor.kid,
        "trust": "additional",
        "claims": license_claims(),
        "error": None,
    }


def verify_error(run: Run, path: Path, code: str) -> dict[str, Any]:
    result = run("verify", path, "--json")
    assert result.code == 2, result.out + result.err
    data = result.json()
    assert data["valid"] is False
    assert set(data["error"]) == {"code", "message"}
    assert data["error"]["code"] == code
    assert data["error"]["message"]
    return data


def test_verify_too_large(run: Run, vendor: Vendor, tmp_path: Path) -> None:
    # A valid token, but the file passes the 64 KiB cap (whitespace is only ignored later).
    token = vendor.token(DocumentType.LICENSE, license_claims())
    path = write(tmp_path / "big.paseto", token + " " * (64 * 1024))
    verify_error(run, path, "too_large")


def test_verify_malformed(run: Run, tmp_path: Path) -> None:
    verify_error(run, write(tmp_path / "x.paseto", "this is not a license key\n"), "malformed")


def test_verify_unsupported_version_v4_local(run: Run, tmp_path: Path) -> None:
    local = pyseto.encode(pyseto.Key.new(4, "local", b"k" * 32), b'{"license_id":"LIC-1"}')
    data = verify_error(
        run, write(tmp_path / "local.paseto", local.decode()), "unsupported_version"
    )
    assert "v4.local" in data["error"]["message"]


def test_verify_unknown_key(cli: Run, vendor: Vendor) -> None:
    data = verify_error(cli, vendor.write(DocumentType.LICENSE, license_claims()), "unknown_key")
    assert data["kid"] == vendor.kid


def test_verify_bad_signature(run: Run, vendor: Vendor, tmp_path: Path) -> None:
    token = tampered(vendor.token(DocumentType.LICENSE, license_claims()))
    data = verify_error(run, write(tmp_path / "t.paseto", token), "bad_signature")
    assert data["claims"] is None


def test_verify_wrong_type(run: Run, vendor: Vendor, tmp_path: Path) -> None:
    token = signed_with_footer(vendor, json.dumps(license_claims()).encode(), "invoice")
    data = verify_error(run, write(tmp_path / "invoice.paseto", token), "wrong_type")
    assert "invoice" in data["error"]["message"]


def test_verify_invalid_claims_names_the_claim(run: Run, vendor: Vendor, tmp_path: Path) -> None:
    claims = license_claims()
    del claims["seats"]
    token = signed_with_footer(vendor, json.dumps(claims).encode(), "license")
    data = verify_error(run, write(tmp_path / "bad.paseto", token), "invalid_claims")
    assert "seats" in data["error"]["message"]
    assert data["type"] == "license"


def test_verify_revoked_after_a_revocation_list(licensed: Run, vendor: Vendor) -> None:
    license_file = vendor.write(DocumentType.LICENSE, license_claims())
    assert licensed("verify", license_file).code == 0
    revocation = {
        "issued_at": "2025-05-01T00:00:00Z",
        "revoked": [{"license_id": "LIC-1", "reason": "refund"}],
    }
    assert licensed("import", vendor.write(DocumentType.REVOCATION_LIST, revocation)).code == 0
    data = verify_error(licensed, license_file, "revoked")
    assert "refund" in data["error"]["message"]


def test_verify_accepts_armor_and_line_breaks(run: Run, vendor: Vendor, tmp_path: Path) -> None:
    token = vendor.token(DocumentType.LICENSE, license_claims())
    wrapped = "\n".join(token[i : i + 40] for i in range(0, len(token), 40))
    text = f"Here is your key:\r\n-----BEGIN LICENSE KEY-----\r\n  {wrapped}\n-----END LICENSE KEY-----\n"
    result = run("verify", write(tmp_path / "pasted.txt", text), "--json")
    assert result.code == 0, result.out
    assert result.json()["claims"]["license_id"] == "LIC-1"


def test_verify_human_output(run: Run, vendor: Vendor, tmp_path: Path) -> None:
    good = run("verify", vendor.write(DocumentType.LICENSE, license_claims()))
    assert good.code == 0
    assert good.out.startswith("valid license")
    bad = run("verify", write(tmp_path / "x.paseto", "garbage"))
    assert bad.code == 2
    assert bad.out.startswith("INVALID (malformed)")


def test_trust_files_before_and_after_the_command_all_count(
    cli: Run, vendor: Vendor, tmp_path: Path
) -> None:
    other_key = Ed25519PrivateKey.generate()
    other_trust = write(
        tmp_path / "other-trust.json",
        json.dumps({"keys": [paserk.public_to_paserk(other_key.public_key())]}),
    )
    other_doc = write(
        tmp_path / "other.paseto",
        sign_document(DocumentType.LICENSE, license_claims(), other_key),
    )
    ours = vendor.write(DocumentType.LICENSE, license_claims())
    for document in (ours, other_doc):
        result = cli(
            "--trust", vendor.trust_file, "verify", document, "--trust", other_trust, "--json"
        )
        assert result.code == 0, result.out
        assert result.json()["trust"] == "additional"


def test_verify_a_missing_file_is_unknown(run: Run, tmp_path: Path) -> None:
    line = assert_one_line_error(run("verify", tmp_path / "nowhere.paseto", "--json"))
    assert "nowhere.paseto" in line


# import ---------------------------------------------------------------------------------------


def test_import_is_idempotent(run: Run, vendor: Vendor) -> None:
    files = [
        vendor.write(DocumentType.LICENSE, license_claims()),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims()),
    ]
    assert run("import", *files).code == 0
    before = status(run, "2025-03-01")

    again = run("import", *files, "--json")
    assert again.code == 0
    assert again.json()["imported"] is True
    assert [f["status"] for f in again.json()["files"]] == ["already_imported"] * 2
    assert status(run, "2025-03-01") == before


def test_an_older_license_revision_is_refused_and_changes_nothing(run: Run, vendor: Vendor) -> None:
    newer = vendor.write(DocumentType.LICENSE, license_claims(**RENEWAL))
    older = vendor.write(DocumentType.LICENSE, license_claims())
    assert run("import", newer).code == 0
    before = status(run, "2025-03-01")

    result = run("import", older, "--json")
    assert result.code == 2
    assert result.json()["imported"] is False
    assert result.json()["files"][0]["status"] == "refused"
    assert result.json()["files"][0]["error"] == "older_revision"
    after = status(run, "2025-03-01")
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


def test_revoking_the_only_license_makes_status_critical(licensed: Run, vendor: Vendor) -> None:
    revocation = {
        "issued_at": "2025-05-01T00:00:00Z",
        "revoked": [{"license_id": "LIC-1", "reason": "chargeback"}],
    }
    assert licensed("import", vendor.write(DocumentType.REVOCATION_LIST, revocation)).code == 0

    code, data = status(licensed, "2025-03-01")
    assert code == 2
    assert data["license"] is None
    assert [w["code"] for w in data["warnings"]] == ["no_valid_license"]
    assert "revoked" in data["warnings"][0]["message"]


def test_importing_a_revoked_license_is_refused(run: Run, vendor: Vendor) -> None:
    revocation = {
        "issued_at": "2025-05-01T00:00:00Z",
        "revoked": [{"license_id": "LIC-1", "reason": "chargeback"}],
    }
    assert run("import", vendor.write(DocumentType.REVOCATION_LIST, revocation)).code == 0

    result = run("import", vendor.write(DocumentType.LICENSE, license_claims()), "--json")
    assert result.code == 2
    assert result.json()["files"][0]["status"] == "refused"
    assert result.json()["files"][0]["error"] == "revoked"
    assert status(run, "2025-03-01")[1]["license"] is None


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
    assert (result.code, result.json()) == (0, {"added": "A-1"})
    assert tickets(licensed)["A-1"] == {
        "case_id": "A-1",
        "opened_on": "2024-05-01",
        "kind": "incident",
        "classification": "customer",
        "category": "product",
        "title": None,
        "source": "local",
        "outcome": "charged",
        "bucket": "annual",
        "bucket_id": "2024-04-01",
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


def test_tickets_add_refuses_bad_input(licensed: Run) -> None:
    assert_one_line_error(licensed("tickets", "add", "--case", "A-1", "--opened", "2024-02-30"))
    assert "nonsense" in assert_one_line_error(
        licensed(
            "tickets", "add", "--case", "A-1", "--opened", "2024-05-01", "--category", "nonsense"
        )
    )
    assert tickets(licensed) == {}


def test_tickets_classify_of_an_unknown_case_is_refused(licensed: Run) -> None:
    assert "NOPE-1" in assert_one_line_error(
        licensed("tickets", "classify", "NOPE-1", "product_bug")
    )


def test_reclassification_changes_the_balances_at_once(licensed: Run) -> None:
    assert licensed("tickets", "add", "--case", "A-1", "--opened", "2024-05-01").code == 0
    balance = status(licensed, "2025-03-01")[1]["tickets"]
    assert (balance["annual_used"], balance["annual_remaining"], balance["not_deducted_bug"]) == (
        1,
        5,
        0,
    )

    result = licensed("tickets", "classify", "A-1", "product_bug", "--json")
    assert result.json() == {"classified": "A-1", "classification": "product_bug"}
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


@pytest.mark.parametrize(
    "category", ["system_center", "installation", "consulting", "customization", "training"]
)
def test_an_out_of_scope_ticket_is_never_charged(licensed: Run, category: str) -> None:
    args = ("tickets", "add", "--case", "OOS-1", "--opened", "2024-05-01", "--category", category)
    assert licensed(*args).code == 0
    row = tickets(licensed)["OOS-1"]
    assert (row["category"], row["outcome"], row["bucket"]) == (category, "out_of_scope", None)
    balance = status(licensed, "2025-03-01")[1]["tickets"]
    assert (balance["annual_used"], balance["remaining_total"], balance["unfunded"]) == (0, 6, 0)


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


CSV_HEADER = "case_id,opened_on,kind,classification,category,title\n"


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


def test_tickets_import_of_a_missing_csv(licensed: Run, tmp_path: Path) -> None:
    assert "absent.csv" in assert_one_line_error(
        licensed("tickets", "import", tmp_path / "absent.csv")
    )


# errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("--as-of", "2025-02-30", "status"),
        ("--as-of", "yesterday", "status"),
        ("status", "--as-of", "2025-02-30"),
        ("frobnicate",),
        ("tickets",),
        ("renewal-quote", "--years", "many"),
    ],
    ids=["feb-30", "yesterday", "as-of-after-command", "unknown-command", "no-subcommand", "years"],
)
def test_bad_input_is_one_line_exit_3(cli: Run, args: tuple[str, ...]) -> None:
    assert_one_line_error(cli(*args))


def test_as_of_error_names_the_option(cli: Run) -> None:
    line = assert_one_line_error(cli("--as-of", "2025-02-30", "status"))
    assert "--as-of" in line
    assert "2025-02-30" in line


def test_db_in_a_folder_that_does_not_exist(cli: Run) -> None:
    line = assert_one_line_error(cli("status", db_url="sqlite:////nonexistent-folder/x.db"))
    assert "nonexistent-folder" in line


def test_db_that_is_not_a_database(cli: Run, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(os.urandom(4096))
    line = assert_one_line_error(cli("status", db_url=sqlite_url(garbage)))
    assert "not a usable database" in line


def test_db_url_that_is_not_a_url(cli: Run) -> None:
    assert_one_line_error(cli("status", db_url="::not a url::"))


def test_trust_file_that_is_not_json(cli: Run, tmp_path: Path) -> None:
    trust = write(tmp_path / "trust.json", "keys: [k4.public.x]\n")
    line = assert_one_line_error(cli("--trust", trust, "status"))
    assert "trust.json" in line


def test_trust_file_with_a_bad_key(cli: Run, tmp_path: Path) -> None:
    trust = write(tmp_path / "trust.json", json.dumps({"keys": ["k4.public.short"]}))
    assert_one_line_error(cli("--trust", trust, "status"))


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_trust_file_that_cannot_be_read(cli: Run, tmp_path: Path, kind: str) -> None:
    trust = tmp_path / "trust-file"
    if kind == "folder":
        trust.mkdir()
    line = assert_one_line_error(cli("--trust", trust, "status"))
    assert "trust-file" in line


@pytest.mark.slow
def test_a_locked_database_is_reported_and_changes_nothing(
    cli: Run, cli_database: str, tmp_path: Path
) -> None:
    if not cli_database.startswith("sqlite"):
        pytest.skip(
            "SQLite's file lock; PostgreSQL locks rows, tested in tests/app/test_storage.py"
        )
    assert cli("tickets", "add", "--case", "KEEP-1", "--opened", "2024-05-01").code == 0
    locker = sqlite3.connect(tmp_path / "cli.sqlite3", isolation_level=None)
    try:
        locker.execute("BEGIN EXCLUSIVE")
        result = cli("tickets", "add", "--case", "LOST-1", "--opened", "2024-05-02")
        locker.execute("ROLLBACK")
    finally:
        locker.close()
    assert "locked" in assert_one_line_error(result)

    listed = cli("tickets", "list", "--json", "--as-of", "2025-01-01")
    assert [r["case_id"] for r in listed.json()["tickets"]] == ["KEEP-1"]


def test_status_warns_of_period_tickets_expiring_within_30_days(licensed: Run) -> None:
    # The first period ends 2024-04-01, a year before sm_end: only the tickets expire.
    code, data = status(licensed, "2024-03-01")
    assert (data["sm"]["state"], data["warnings"], code) == ("active", [], 0)

    code, data = status(licensed, "2024-03-02")
    assert [w["code"] for w in data["warnings"]] == ["period_tickets_expiring"]
    assert code == 1


def test_status_warns_of_a_pack_expiring_within_30_days(licensed: Run, vendor: Vendor) -> None:
    pack = pack_claims("P0", purchased_on="2024-03-01")  # usable until 2025-03-01
    assert licensed("import", vendor.write(DocumentType.SUPPORT_PACK, pack)).code == 0

    code, data = status(licensed, "2025-01-29")  # 31 days left in the pack, 62 in S&M
    assert (data["sm"]["state"], data["warnings"], code) == ("active", [], 0)

    code, data = status(licensed, "2025-01-30")
    assert data["sm"]["state"] == "active"
    assert [w["code"] for w in data["warnings"]] == ["pack_expiring"]
    assert "P0" in data["warnings"][0]["message"]
    assert code == 1


def test_status_warns_when_no_tickets_are_left(licensed: Run, tmp_path: Path) -> None:
    rows = "".join(f"N-{i},2023-{i + 3:02d}-10,incident,customer,product,\n" for i in range(1, 8))
    assert licensed("tickets", "import", write(tmp_path / "t.csv", CSV_HEADER + rows)).code == 0
    code, data = status(licensed, "2023-10-15")
    balance = data["tickets"]
    assert (balance["annual_used"], balance["unfunded"], balance["remaining_total"]) == (6, 1, 0)
    assert [w["code"] for w in data["warnings"]] == ["no_tickets_left", "unfunded_tickets"]
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


def test_a_subscription_ends_at_sm_end(run: Run, vendor: Vendor) -> None:
    claims = license_claims(license_type="subscription")
    assert run("import", vendor.write(DocumentType.LICENSE, claims)).code == 0

    code, data = status(run, "2025-04-01")
    assert data["sm"]["state"] == "expired"
    assert [w["code"] for w in data["warnings"]] == ["expired", "subscription_ended"]
    assert code == 2

    args = ("upgrade-check", "--version", "5.0", "--released-on", "2024-06-01", "--json")
    assert run(*args, "--as-of", "2025-03-31").json()["permitted"] is True
    ended = run(*args, "--as-of", "2025-04-01")
    assert ended.code == 1
    assert ended.json()["permitted"] is False
    assert ended.json()["reason"] == "subscription_ended"


def test_a_perpetual_license_keeps_older_releases_after_expiry(licensed: Run) -> None:
    args = ("upgrade-check", "--version", "5.1", "--released-on", "2025-03-31", "--json")
    assert licensed(*args, "--as-of", "2030-01-01").json()["permitted"] is True
    on_expiry = licensed(
        "upgrade-check", "--version", "5.2", "--released-on", "2025-04-01", "--json"
    )
    assert (on_expiry.code, on_expiry.json()["permitted"]) == (1, False)


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


def test_renewal_quote_with_a_seat_change_has_no_estimate(licensed: Run) -> None:
    result = licensed("renewal-quote", "--users", "400", "--as-of", "2025-03-01", "--json")
    assert result.code == 0
    data = result.json()
    assert (data["base_amount"], data["reinstatement_fee"], data["total"]) == (None, None, None)
    assert (data["years"], data["period_end"]) == (1, "2026-04-01")


def quote(run: Run, as_of: str, *args: str) -> dict[str, Any]:
    result = run("renewal-quote", "--json", "--as-of", as_of, *args)
    assert result.code in (0, 1), result.err
    return result.json()


def test_renewal_money_is_rounded_half_up_to_cents(run: Run, vendor: Vendor) -> None:
    fee = {"amount": "12345.65", "currency": "EUR"}
    assert (
        run("import", vendor.write(DocumentType.LICENSE, license_claims(sm_annual_fee=fee))).code
        == 0
    )
    data = quote(run, "2025-07-15")  # lapsed: 10% of 12345.65 is 1234.565
    assert (data["currency"], data["base_amount"]) == ("EUR", "12345.65")
    assert (data["reinstatement_fee"], data["total"]) == ("1234.57", "13580.22")


def test_renewal_money_always_has_cents(run: Run, vendor: Vendor) -> None:
    fee = {"amount": "100", "currency": "USD"}
    assert (
        run("import", vendor.write(DocumentType.LICENSE, license_claims(sm_annual_fee=fee))).code
        == 0
    )
    data = quote(run, "2025-03-01", "--years", "3")
    assert (data["base_amount"], data["reinstatement_fee"], data["total"]) == (
        "300.00",
        "0.00",
        "300.00",
    )


def test_renewal_of_a_february_29_expiry(run: Run, vendor: Vendor) -> None:
    claims = license_claims(sm_start="2023-02-28", sm_end="2024-02-29")
    assert run("import", vendor.write(DocumentType.LICENSE, claims)).code == 0
    data = quote(run, "2024-03-15")
    assert (data["period_start"], data["period_end"]) == ("2024-02-29", "2025-02-28")


def test_least_years_to_be_current(licensed: Run) -> None:
    assert quote(licensed, "2026-03-31")["min_years_to_be_current"] == 1
    assert quote(licensed, "2026-04-01")["min_years_to_be_current"] == 2
    assert quote(licensed, "2027-04-01")["min_years_to_be_current"] == 3
    assert quote(licensed, "2027-04-01")["period_end"] == "2028-04-01"


def test_renewal_quote_refuses_zero_years(licensed: Run) -> None:
    assert_one_line_error(licensed("renewal-quote", "--years", "0"))


# status ---------------------------------------------------------------------------------------


def test_status_without_a_license_is_critical(cli: Run) -> None:
    result = cli("status", "--json")
    assert result.code == 2
    data = result.json()
    assert data["license"] is None
    assert (data["sm"], data["tickets"]) == (None, None)
    assert data["as_of"] == date.today().isoformat()
    assert [w["code"] for w in data["warnings"]] == ["no_valid_license"]

    human = cli("status")
    assert human.code == 2
    assert "CRITICAL" in human.out


def test_questions_without_a_license_are_critical(cli: Run) -> None:
    assert "license" in assert_one_line_error(cli("renewal-quote"), code=2)
    assert_one_line_error(
        cli("upgrade-check", "--version", "1.0", "--released-on", "2024-01-01"), code=2
    )
    result = cli("eligibility", "--category", "product", "--json")
    assert (result.code, result.json()) == (1, {"eligible": False, "reasons": ["no_valid_license"]})


# R15 clock rollback -----------------------------------------------------------------------


@pytest.fixture
def consoles(vendor: Vendor, tmp_path: Path) -> Iterator[Callable[[date], Console]]:
    """Consoles over one SQLite file whose clocks (`today`) the test sets."""
    url = sqlite_url(tmp_path / "clock.sqlite3")
    opened: list[Database] = []

    def make(today: date) -> Console:
        database = Database(url)
        opened.append(database)
        return Console(database, vendor.trust(), load_policy(), today=today)

    yield make
    for database in opened:
        database.dispose()


def codes(report: Any) -> list[str]:
    return [w.code.value for w in report.warnings]


def test_clock_rollback_is_warned_past_one_day(
    consoles: Callable[[date], Console], vendor: Vendor
) -> None:
    as_of = date(2025, 1, 15)  # active, tickets left: nothing else to warn about
    first = consoles(date(2025, 3, 10))
    report = first.import_files([vendor.write(DocumentType.LICENSE, license_claims())])
    assert report.succeeded
    baseline = first.status(as_of)
    assert codes(baseline) == []
    assert int(baseline.severity) == 0

    one_day_back = consoles(date(2025, 3, 9)).status(as_of)
    assert codes(one_day_back) == []

    rolled_back = consoles(date(2025, 3, 8)).status(as_of)
    assert codes(rolled_back) == ["clock_rollback"]
    assert int(rolled_back.severity) >= 1
    # It never withdraws the perpetual right: the license and its state are the same.
    assert rolled_back.license == baseline.license
    assert rolled_back.sm == baseline.sm
    assert rolled_back.balance == baseline.balance

    # The mark stays at the latest date seen: a later run on the rolled-back clock still warns.
    assert codes(consoles(date(2025, 3, 8)).status(as_of)) == ["clock_rollback"]
    assert codes(consoles(date(2025, 3, 10)).status(as_of)) == []


def test_a_document_issued_later_than_the_clock_is_a_rollback(
    consoles: Callable[[date], Console], vendor: Vendor
) -> None:
    console = consoles(date(2025, 3, 1))
    claims = license_claims(issued_at="2025-06-01T00:00:00Z")
    assert console.import_files([vendor.write(DocumentType.LICENSE, claims)]).succeeded
    assert "clock_rollback" in codes(console.status(date(2025, 3, 1)))


def test_as_of_in_the_past_is_not_a_rollback(licensed: Run) -> None:
    assert licensed("status", "--json").code in (0, 1, 2)  # records today's real date
    code, data = status(licensed, "2020-01-01")
    assert data["sm"]["state"] == "not_started"
    assert "clock_rollback" not in [w["code"] for w in data["warnings"]]
    assert code == 1


# requests -------------------------------------------------------------------------------------


def test_request_renewal_writes_json_and_text(licensed: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = licensed("request", "renewal", "--out", out, "--json", "--as-of", "2025-03-01")
    assert result.code == 0, result.err
    data = result.json()
    assert (data["kind"], data["status"], data["channel"]) == ("renewal", "saved", "file")
    json_file, text_file = Path(data["json_file"]), Path(data["text_file"])
    assert json_file.parent == out
    assert text_file.parent == out
    assert sorted(p.name for p in out.iterdir()) == sorted([json_file.name, text_file.name])

    written = json.loads(json_file.read_text(encoding="utf-8"))
    renewals = load_policy().renewals_email
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
    assert data["request"]["total"] == "12000.00"

    text = text_file.read_text(encoding="utf-8")
    assert f"To: {renewals}" in text
    assert "LIC-1" in text
    assert "12000.00" in text


def test_request_renewal_by_mailto(licensed: Run) -> None:
    result = licensed("request", "renewal", "--via", "mailto", "--json", "--as-of", "2025-07-15")
    assert result.code == 0, result.err
    data = result.json()
    assert (data["status"], data["channel"], data["json_file"]) == (
        "in_mail_client",
        "mailto",
        None,
    )
    url = urlsplit(data["mailto"])
    assert (url.scheme, url.path) == ("mailto", "renewals@cireson.com")
    assert data["mailto"].startswith("mailto:renewals@cireson.com?subject=")
    query = parse_qs(url.query)
    assert set(query) == {"subject", "body"}
    assert "LIC-1" in query["subject"][0]
    assert "LIC-1" in query["body"][0]
    assert "1200.00" in query["body"][0]  # lapsed on 2025-07-15: the reinstatement fee


def test_request_packs(licensed: Run, tmp_path: Path) -> None:
    result = licensed(
        "request", "packs", "--count", "2", "--po", "PO-9", "--out", tmp_path / "out", "--json"
    )
    assert result.code == 0, result.err
    request = result.json()["request"]
    assert (request["total"], request["tickets"], request["non_refundable"]) == ("4000.00", 8, True)
    assert (request["po_number"], request["packs"], request["currency"]) == ("PO-9", 2, "USD")
    written = json.loads(Path(result.json()["json_file"]).read_text(encoding="utf-8"))
    assert (written["total"], written["to"]) == ("4000.00", "renewals@cireson.com")


def test_request_packs_needs_a_count_of_one_or_more(licensed: Run, tmp_path: Path) -> None:
    assert_one_line_error(
        licensed("request", "packs", "--count", "0", "--po", "PO-9", "--out", tmp_path)
    )
    assert_one_line_error(licensed("request", "packs", "--count", "1"))  # no --po


def test_requests_are_recorded_and_a_renewal_is_fulfilled_by_its_license(
    licensed: Run, vendor: Vendor, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert licensed("request", "renewal", "--out", out, "--as-of", "2025-07-15").code == 0
    assert licensed("request", "packs", "--count", "2", "--po", "PO-9", "--out", out).code == 0

    listed = licensed("request", "list", "--json").json()["requests"]
    assert [(r["kind"], r["status"], r["license_id"]) for r in listed] == [
        ("renewal", "saved", "LIC-1"),
        ("packs", "saved", "LIC-1"),
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


def test_a_renewal_not_reached_by_the_new_revision_stays_pending(
    licensed: Run, vendor: Vendor
) -> None:
    # Two years asked for (to 2027-04-01); a revision to 2026-04-01 does not fulfil it.
    assert (
        licensed(
            "request", "renewal", "--years", "2", "--via", "mailto", "--as-of", "2025-03-01"
        ).code
        == 0
    )
    assert (
        licensed("import", vendor.write(DocumentType.LICENSE, license_claims(**RENEWAL))).code == 0
    )
    listed = licensed("request", "list", "--json").json()["requests"]
    assert [r["status"] for r in listed] == ["in_mail_client"]


# demo mode ------------------------------------------------------------------------------------


def test_demo_mode_in_a_fresh_home(cli: Run, isolated_home: Path) -> None:
    result = cli("--demo", "status", "--json", db_url=None)
    assert result.code == 1, result.err  # the demo license is in its 60-day reminder window
    data = result.json()
    assert data["license"]["license_id"] == "DEMO-LIC-0001"
    assert data["sm"]["state"] == "renewal_due"
    assert data["as_of"] == date.today().isoformat()

    demo_database = isolated_home / "data" / "demo" / "demo.sqlite3"
    default_database = isolated_home / "data" / "entitlements.sqlite3"
    assert demo_database.is_file()
    assert not default_database.exists()

    documents = isolated_home / "data" / "demo" / "documents"
    verified = cli("--demo", "verify", documents / "license.paseto", "--json", db_url=None)
    assert verified.code == 0
    assert (verified.json()["valid"], verified.json()["trust"]) == (True, "demo")

    # The default database knows nothing of the demo.
    real = cli("status", "--json", db_url=None)
    assert real.code == 2
    assert real.json()["license"] is None
    assert default_database.is_file()
    assert not default_database.samefile(demo_database)


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


def test_demo_mode_refuses_another_database(cli: Run, tmp_path: Path) -> None:
    result = cli("--demo", "--db", sqlite_url(tmp_path / "real.sqlite3"), "status")
    assert result.code == 3
    assert "--demo" in result.err
    assert not (tmp_path / "real.sqlite3").exists()


def test_demo_documents_in_a_real_database_are_not_trusted_outside_demo_mode(
    tmp_path: Path,
) -> None:
    """Defence in depth: even if demo-signed documents reach a real database, they never count."""
    from app.demo import ensure_demo_data
    from licensing.documents import TrustSource, TrustStore, parse_trust_file
    from licensing.policy import load_policy
    from resources import resource_path

    database = Database(sqlite_url(tmp_path / "real.sqlite3"))
    demo_trust = TrustStore().with_keys(
        parse_trust_file(resource_path("trust", "demo.json").read_bytes(), TrustSource.DEMO)
    )
    demo_console = Console(database, demo_trust, load_policy(), date(2026, 1, 5), demo=True)
    assert ensure_demo_data(demo_console, tmp_path / "demo-docs")
    assert demo_console.current_license() is not None
    real_console = Console(database, TrustStore(), load_policy(), date(2026, 1, 5))
    assert real_console.current_license() is None
    assert real_console.status(date(2026, 1, 5)).severity == 2
    database.dispose()


# the real process -----------------------------------------------------------------------------


def run_module(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, HOME_VARIABLE: str(home)}
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


def test_python_m_app_demo_status(tmp_path: Path) -> None:
    process = run_module(["-m", "app", "--demo", "status", "--json"], tmp_path / "home")
    assert process.returncode in (0, 1), process.stderr
    assert json.loads(process.stdout)["license"]["license_id"] == "DEMO-LIC-0001"
    assert "Traceback" not in process.stderr


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


@pytest.mark.parametrize("args", [["status", "--json"], ["--demo", "status", "--json"]])
def test_the_command_line_imports_no_qt(tmp_path: Path, args: list[str]) -> None:
    probe_out = tmp_path / "probe.json"
    script = f"PROBE_OUT = {str(probe_out)!r}\n" + PROBE
    process = run_module(["-c", script, "-", *args], tmp_path / "home")
    assert process.returncode == 0, process.stderr
    probe = json.loads(probe_out.read_text())
    assert probe["code"] in (0, 1, 2)
    assert json.loads(process.stdout)["as_of"] == date.today().isoformat()
    assert probe["qt"] == []


def test_a_case_id_too_long_for_storage_is_refused_in_one_line(cli: Run, tmp_path: Path) -> None:
    result = cli("tickets", "add", "--case", "X" * 101, "--opened", "2024-05-01")
    assert result.code == 3
    assert "100 characters" in result.err
    csv_file = tmp_path / "long.csv"
    csv_file.write_text(f"case_id,opened_on\nOK-1,2024-05-01\n{'Y' * 101},2024-05-02\n")
    imported = cli("tickets", "import", csv_file)
    assert imported.code == 3
    assert "row 3" in imported.err
    assert cli("tickets", "list", "--json").json()["tickets"] == []


def test_a_trust_file_with_several_vendor_keys_accepts_each(cli: Run, tmp_path: Path) -> None:
    """Key rotation: old and new vendor keys side by side in one trust file."""
    old, new = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    trust = tmp_path / "rotated.json"
    trust.write_text(
        json.dumps({"keys": [paserk.public_to_paserk(k.public_key()) for k in (old, new)]})
    )
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
    assert (
        cli("--trust", trust, "status", "--json", "--as-of", "2025-03-01").json()["license"][
            "revision"
        ]
        == 2
    )


def test_the_shipped_vendor_trust_file_accepts_each_of_its_keys(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A vendor release that ships old and new keys: documents of either report trust "vendor"."""
    import resources

    old, new = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    shipped = tmp_path / "resources"
    (shipped / "trust").mkdir(parents=True)
    (shipped / "trust" / "vendor.json").write_text(
        json.dumps({"keys": [paserk.public_to_paserk(k.public_key()) for k in (old, new)]})
    )
    real = resources.resource_path
    monkeypatch.setattr(
        resources,
        "resource_path",
        lambda *parts: shipped.joinpath(*parts) if parts[:1] == ("trust",) else real(*parts),
    )
    for index, key in enumerate((old, new)):
        claims = license_claims(revision=index + 1)
        path = write(
            tmp_path / f"lic{index}.paseto", sign_document(DocumentType.LICENSE, claims, key)
        )
        verified = cli("verify", path, "--json")
        assert verified.code == 0, verified.out
        assert verified.json()["trust"] == "vendor"
