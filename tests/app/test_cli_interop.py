"""The command line and pyseto, an independent PASETO implementation, both ways.

A vendor's tool need not be ours: a token pyseto signs with the vendor's `k4.secret` and the
footer `{"kid", "typ"}` must behave, key by key and figure by figure, exactly as docs/rules.md
says; and what our own issuer signs must verify in pyseto. The pyseto vendor is made the vendor
whose trust file ships with the console (its trust file holds pyseto's own PASERK), unless a test
gives its trust file with `--trust` (trusted for that run only, as an additional key).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyseto
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pyseto import Key

from licensing import issuer, paserk
from licensing.claims import DocumentType
from resources import resource_path
from tests.conftest import CliResult
from tests.factories import (
    WORKED_EXAMPLE_BALANCE_ON_2025_03_01,
    catalog_claims,
    license_claims,
    pack_claims,
    revocation_claims,
    statement_claims,
    statement_ticket,
)

Run = Callable[..., CliResult]
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

CATALOG = catalog_claims(
    [
        ("5.0", "2024-06-01", "minor"),
        ("5.1.1", "2025-01-10", "patch"),
        ("5.2", "2025-05-20", "minor"),
        ("6.0", "2025-09-01", "major"),
    ],
    issued_at="2025-06-01T12:00:00Z",
)
REVOCATIONS = revocation_claims([("LIC-OTHER", "refunded")], issued_at="2025-06-02T12:00:00Z")
# The worked example's period (five customer tickets, two bugs), with titles and categories.
TICKETS = [
    statement_ticket("CS-1", "2024-04-15"),
    statement_ticket("CS-2", "2024-06-10"),
    statement_ticket("CS-3", "2024-07-01", "product_bug"),
    statement_ticket("CS-4", "2024-08-20"),
    statement_ticket("CS-5", "2024-11-05", category="licensing"),
    statement_ticket("CS-6", "2024-12-01", "product_bug"),
    statement_ticket("CS-7", "2025-01-15", title="Portal is slow"),
    statement_ticket("CS-8", "2025-02-01", category="training"),
]


def example_claims(document_type: DocumentType) -> dict[str, Any]:
    return {
        DocumentType.LICENSE: license_claims,
        DocumentType.SUPPORT_PACK: pack_claims,
        DocumentType.TICKET_STATEMENT: lambda: statement_claims(copy.deepcopy(TICKETS)),
        DocumentType.RELEASE_CATALOG: lambda: copy.deepcopy(CATALOG),
        DocumentType.REVOCATION_LIST: lambda: copy.deepcopy(REVOCATIONS),
    }[document_type]()


class PysetoVendor:
    """A vendor whose signing tool is pyseto; its trust file holds pyseto's own PASERK."""

    def __init__(self, folder: Path, key: Ed25519PrivateKey | None = None) -> None:
        self.key = key or Ed25519PrivateKey.generate()
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.kid = paserk.key_id(self.key.public_key())
        public_pem = self.key.public_key().public_bytes(
            Encoding.PEM, PublicFormat.SubjectPublicKeyInfo
        )
        self.trust_file = folder / "pyseto-trust.json"
        self.trust_file.write_text(
            json.dumps({"keys": [Key.new(4, "public", public_pem).to_paserk()]})
        )
        self._count = 0

    def token(self, typ: str, claims: dict[str, Any]) -> str:
        secret = Key.from_paserk(paserk.secret_to_paserk(self.key))
        footer = json.dumps({"kid": self.kid, "typ": typ}).encode()
        # pyseto's own serialisation (indented, other key order) is what gets signed.
        payload = json.dumps(claims, indent=1, sort_keys=True).encode()
        return pyseto.encode(secret, payload, footer=footer).decode("ascii")

    def write(self, document_type: DocumentType, claims: dict[str, Any]) -> Path:
        self._count += 1
        path = self.folder / f"{self._count:02d}-{document_type.value}.paseto"
        path.write_text(self.token(document_type.value, claims) + "\n", encoding="ascii")
        return path


@pytest.fixture
def signer(tmp_path: Path) -> PysetoVendor:
    return PysetoVendor(tmp_path / "pyseto-vendor")


@pytest.fixture
def shipped(cli: Run, signer: PysetoVendor, monkeypatch: pytest.MonkeyPatch) -> Run:
    """The command line of a console whose shipped vendor trust file is the pyseto vendor's."""
    import app.trust

    monkeypatch.setattr(app.trust, "vendor_trust_file", lambda: signer.trust_file)
    return cli


@pytest.fixture
def imported(shipped: Run, signer: PysetoVendor) -> Run:
    files = [
        signer.write(t, example_claims(t))
        for t in (
            DocumentType.LICENSE,
            DocumentType.SUPPORT_PACK,
            DocumentType.TICKET_STATEMENT,
            DocumentType.RELEASE_CATALOG,
        )
    ]
    result = shipped("import", *files, "--json")
    assert result.code == 0, result.out + result.err
    assert result.json()["imported"] is True
    return shipped


def test_pyseto_and_our_code_agree_on_the_key_id(signer: PysetoVendor) -> None:
    public_pem = signer.key.public_key().public_bytes(
        Encoding.PEM, PublicFormat.SubjectPublicKeyInfo
    )
    assert Key.new(4, "public", public_pem).to_paserk_id() == signer.kid


@sqlite_only
@pytest.mark.parametrize("document_type", list(DocumentType))
def test_verify_accepts_a_pyseto_document_of_the_shipped_vendor(
    shipped: Run, signer: PysetoVendor, document_type: DocumentType
) -> None:
    claims = example_claims(document_type)
    result = shipped("verify", signer.write(document_type, claims), "--json")
    assert result.code == 0, result.out + result.err
    assert result.json() == {
        "valid": True,
        "type": document_type.value,
        "kid": signer.kid,
        "trust": "vendor",
        "claims": claims,
        "error": None,
    }


@sqlite_only
@pytest.mark.parametrize("document_type", list(DocumentType))
def test_a_pyseto_document_trusted_with_trust_is_additional(
    cli: Run, signer: PysetoVendor, document_type: DocumentType
) -> None:
    path = signer.write(document_type, example_claims(document_type))
    result = cli("--trust", signer.trust_file, "verify", path, "--json")
    assert result.code == 0, result.out + result.err
    assert (result.json()["valid"], result.json()["trust"]) == (True, "additional")


@sqlite_only
@pytest.mark.parametrize("document_type", list(DocumentType))
def test_without_trust_a_pyseto_document_is_an_unknown_key(
    cli: Run, signer: PysetoVendor, document_type: DocumentType
) -> None:
    path = signer.write(document_type, example_claims(document_type))
    result = cli("verify", path, "--json")
    assert result.code == 2
    data = result.json()
    assert data["valid"] is False
    assert data["kid"] == signer.kid
    assert data["error"]["code"] == "unknown_key"
    assert signer.kid in data["error"]["message"]

    refused = cli("import", path, "--json")
    assert refused.code == 2
    assert refused.json()["files"][0]["status"] == "refused"
    assert refused.json()["files"][0]["error"] == "unknown_key"


def test_imported_pyseto_documents_give_the_rules_page_dashboard(imported: Run) -> None:
    result = imported("status", "--json", "--as-of", "2025-03-01")
    assert result.code == 1
    data = result.json()
    assert (data["license"]["license_id"], data["license"]["trust"]) == ("LIC-1", "vendor")
    assert data["sm"]["state"] == "renewal_due"
    assert data["sm"]["days_to_expiry"] == 31
    assert data["tickets"] == WORKED_EXAMPLE_BALANCE_ON_2025_03_01
    assert [w["code"] for w in data["warnings"]] == ["renewal_due"]


@sqlite_only
def test_tickets_list_shows_the_pyseto_statement(imported: Run) -> None:
    result = imported("tickets", "list", "--json", "--as-of", "2025-03-01")
    assert result.code == 0
    rows = {r["case_id"]: r for r in result.json()["tickets"]}
    assert set(rows) == {t["case_id"] for t in TICKETS}
    assert {r["source"] for r in rows.values()} == {"vendor"}
    assert {r["license_id"] for r in rows.values()} == {"LIC-1"}
    assert rows["CS-5"]["category"] == "licensing"
    assert rows["CS-5"]["outcome"] == "charged"
    assert rows["CS-7"]["title"] == "Portal is slow"
    assert (rows["CS-8"]["outcome"], rows["CS-8"]["bucket"]) == ("out_of_scope", None)
    assert [rows[c]["outcome"] for c in ("CS-3", "CS-6")] == ["not_deducted_bug"] * 2
    charged = [r for r in rows.values() if r["outcome"] == "charged"]
    assert {(r["bucket"], r["bucket_id"]) for r in charged} == {("annual", "2024-04-01")}


@sqlite_only
def test_upgrade_check_reads_a_pyseto_catalog(imported: Run, signer: PysetoVendor) -> None:
    catalog = signer.write(
        DocumentType.RELEASE_CATALOG, example_claims(DocumentType.RELEASE_CATALOG)
    )
    result = imported("upgrade-check", "--catalog", catalog, "--json", "--as-of", "2025-07-15")
    assert result.code == 0, result.err
    verdict = {
        "license_id": "LIC-1",
        "product_code": "PORTAL",
        "releases": [
            {"version": "5.0", "released_on": "2024-06-01", "permitted": True},
            {"version": "5.1.1", "released_on": "2025-01-10", "permitted": True},
            {"version": "5.2", "released_on": "2025-05-20", "permitted": False},
            {"version": "6.0", "released_on": "2025-09-01", "permitted": False},
        ],
        "latest_permitted": "5.1.1",
    }
    assert result.json() == {**verdict, "licenses": [verdict]}

    newer = imported("upgrade-check", "--catalog", catalog, "--installed", "5.1", "--json")
    assert [r["version"] for r in newer.json()["releases"]] == ["5.1.1", "5.2", "6.0"]

    # The catalog imported with the license answers without --catalog, too.
    stored = imported("upgrade-check", "--json", "--as-of", "2025-07-15")
    assert stored.code == 0
    assert stored.json()["latest_permitted"] == "5.1.1"


@sqlite_only
def test_an_untrusted_pyseto_catalog_is_refused(imported: Run, tmp_path: Path) -> None:
    stranger = PysetoVendor(tmp_path / "stranger")
    catalog = stranger.write(
        DocumentType.RELEASE_CATALOG, example_claims(DocumentType.RELEASE_CATALOG)
    )
    result = imported("upgrade-check", "--catalog", catalog, "--json")
    assert result.code == 2
    assert result.out == ""
    assert "unknown_key" in result.err
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1


@sqlite_only
def test_renewal_quote_and_eligibility_from_pyseto_documents(imported: Run) -> None:
    quote = imported("renewal-quote", "--json", "--as-of", "2025-07-15")
    assert quote.code == 0
    assert quote.json() == {
        "license_id": "LIC-1",
        "years": 1,
        "period_start": "2025-04-01",
        "period_end": "2026-04-01",
        "currency": "USD",
        "base_amount": "12000.00",
        "reinstatement_fee": "1200.00",
        "total": "13200.00",
        "min_years_to_be_current": 1,
        "becomes_current": True,
    }

    eligible = imported("eligibility", "--category", "product", "--json", "--as-of", "2025-03-01")
    assert (eligible.code, eligible.json()) == (0, {"eligible": True, "reasons": []})

    training = imported("eligibility", "--category", "training", "--json", "--as-of", "2025-03-01")
    assert (training.code, training.json()) == (1, {"eligible": False, "reasons": ["out_of_scope"]})

    after = imported("eligibility", "--category", "training", "--json", "--as-of", "2025-07-15")
    assert after.code == 1
    assert after.json() == {"eligible": False, "reasons": ["not_covered", "out_of_scope"]}


@sqlite_only
def test_a_pyseto_revocation_list_withdraws_the_license(
    imported: Run, signer: PysetoVendor
) -> None:
    revocation = revocation_claims([("LIC-1", "chargeback")], issued_at="2025-06-02T12:00:00Z")
    assert imported("import", signer.write(DocumentType.REVOCATION_LIST, revocation)).code == 0
    result = imported("status", "--json", "--as-of", "2025-03-01")
    assert result.code == 2
    data = result.json()
    assert data["licenses"] == []
    assert "license" not in data
    assert [w["code"] for w in data["warnings"]] == ["untrusted_document", "no_valid_license"]
    assert "chargeback" in data["warnings"][0]["message"]


# Our issuer, read by pyseto ---------------------------------------------------------------------


@sqlite_only
def test_a_document_our_issuer_signs_verifies_in_pyseto(
    cli: Run, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    secret, trust = tmp_path / "vendor.paserk", tmp_path / "vendor-trust.json"
    assert issuer.main(["keygen", "--secret", str(secret), "--trust", str(trust)]) == 0
    claims_file = tmp_path / "claims.json"
    claims_file.write_text(json.dumps(license_claims()), encoding="utf-8")
    capsys.readouterr()
    assert (
        issuer.main(["sign", "--type", "license", "--secret", str(secret), str(claims_file)]) == 0
    )
    token = capsys.readouterr().out.strip()

    # pyseto reads the trust file's public key and the token, with no help from our code.
    public = Key.from_paserk(json.loads(trust.read_text(encoding="utf-8"))["keys"][0])
    decoded = pyseto.decode(public, token, deserializer=json)
    assert decoded.payload == license_claims()
    assert decoded.footer == {"kid": public.to_paserk_id(), "typ": "license"}
    stranger = Ed25519PrivateKey.generate().public_key()
    with pytest.raises(pyseto.VerifyError):
        pyseto.decode(Key.from_paserk(paserk.public_to_paserk(stranger)), token)

    document = tmp_path / "license.paseto"
    document.write_text(token + "\n", encoding="ascii")
    verified = cli("--trust", trust, "verify", document, "--json")
    assert verified.code == 0, verified.out
    assert verified.json()["kid"] == public.to_paserk_id()


# The demo key ---------------------------------------------------------------------------------


@pytest.fixture
def demo_signed(tmp_path: Path) -> Path:
    """A license signed (by pyseto) with the demo secret, which is public knowledge."""
    demo_key = paserk.secret_from_paserk(
        resource_path("demo", "demo-secret.paserk").read_text(encoding="ascii")
    )
    demo = PysetoVendor(tmp_path / "demo-signer", demo_key)
    return demo.write(DocumentType.LICENSE, license_claims(license_id="FORGED-1"))


@sqlite_only
def test_the_demo_key_is_trusted_in_demo_mode_only(cli: Run, demo_signed: Path) -> None:
    demo = cli("--demo", "verify", demo_signed, "--json")
    assert demo.code == 0, demo.out + demo.err
    assert demo.json()["valid"] is True
    assert demo.json()["trust"] == "demo"

    real = cli("verify", demo_signed, "--json")
    assert real.code == 2
    assert real.json()["valid"] is False
    assert real.json()["error"]["code"] == "unknown_key"

    refused = cli("import", demo_signed, "--json")
    assert refused.code == 2
    assert refused.json()["files"][0]["error"] == "unknown_key"
    status = cli("status", "--json")
    assert status.json()["licenses"] == []
