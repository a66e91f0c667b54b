"""The trust of a run (docs/rules.md, "Trust"): the vendor's shipped keys, the keys the admin
added on purpose (`trust add/remove`), `--trust` for one run only, the demo key in demo mode only,
for every document type."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from licensing import paserk
from licensing.claims import DocumentType
from licensing.documents import sign_document
from resources import resource_path
from tests.conftest import CliResult
from tests.factories import (
    Vendor,
    catalog_claims,
    license_claims,
    pack_claims,
    revocation_claims,
    worked_example_statement,
)

Run = Callable[..., CliResult]
AS_OF = "2025-03-01"


@pytest.fixture
def partner(tmp_path: Path) -> Vendor:
    """A signer outside the vendor's shipped trust file (a reseller's test root, say)."""
    return Vendor.create(tmp_path / "partner")


def _documents(signer: Vendor) -> list[Path]:
    return [
        signer.write(DocumentType.LICENSE, license_claims()),
        signer.write(DocumentType.SUPPORT_PACK, pack_claims()),
        signer.write(DocumentType.TICKET_STATEMENT, worked_example_statement()),
        signer.write(DocumentType.RELEASE_CATALOG, catalog_claims()),
    ]


def test_a_trust_file_given_once_counts_for_that_run_only(cli: Run, partner: Vendor) -> None:
    imported = cli("--trust", partner.trust_file, "import", *_documents(partner))
    assert imported.code == 0, imported.out
    with_it = cli("--trust", partner.trust_file, "status", "--json", "--as-of", AS_OF).json()
    assert with_it["license"]["trust"] == "additional"
    assert with_it["tickets"]["packs"][0]["trust"] == "additional"
    assert "additional_trust" in {w["code"] for w in with_it["warnings"]}

    without = cli("status", "--json", "--as-of", AS_OF)
    assert without.code == 2
    data = without.json()
    assert data["licenses"] == [] and "license" not in data
    untrusted = [w for w in data["warnings"] if w["code"] == "untrusted_document"]
    assert len(untrusted) == 4
    assert all("not trusted" in w["message"] and "unknown_key" in w["message"] for w in untrusted)
    assert any(w["severity"] == "critical" for w in untrusted)  # the license: its only revision
    assert cli("tickets", "list", "--json", "--as-of", AS_OF).json()["tickets"] == []


def test_trust_add_makes_them_count_and_trust_remove_undoes_it(cli: Run, partner: Vendor) -> None:
    assert cli("--trust", partner.trust_file, "import", *_documents(partner)).code == 0
    added = cli("trust", "add", partner.trust_file, "--json")
    assert added.code == 0, added.err
    assert added.json() == {"added": [partner.kid]}
    status = cli("status", "--json", "--as-of", AS_OF)
    assert status.code == 1  # renewal due, and trusted through an added key: warnings
    data = status.json()
    assert data["license"]["trust"] == "additional"
    assert [w["code"] for w in data["warnings"]].count("additional_trust") == 2  # license, catalog
    listed = {k["kid"]: k["source"] for k in cli("trust", "list", "--json").json()["keys"]}
    assert listed[partner.kid] == "additional"
    assert "vendor" in listed.values()

    removed = cli("trust", "remove", partner.kid, "--json")
    assert removed.code == 0 and removed.json() == {"removed": partner.kid}
    assert cli("status", "--json", "--as-of", AS_OF).json()["licenses"] == []
    again = cli("trust", "remove", partner.kid)
    assert again.code == 3 and "no added key" in again.err


def test_the_vendors_own_key_and_the_demo_key_cannot_be_added_or_removed(
    cli: Run, vendor: Vendor
) -> None:
    demo = cli("trust", "add", resource_path("trust", "demo.json"))
    assert demo.code == 3 and "demo key" in demo.err
    vendors = cli("trust", "add", vendor.trust_file)
    assert vendors.code == 3 and "trusted already" in vendors.err
    kept = cli("trust", "remove", vendor.kid)
    assert kept.code == 3 and "vendor's own key" in kept.err


def test_a_higher_revision_trusted_only_through_a_forgotten_key_blocks_nothing(
    cli: Run, vendor: Vendor, partner: Vendor
) -> None:
    assert cli("import", vendor.write(DocumentType.LICENSE, license_claims())).code == 0
    forged = partner.write(DocumentType.LICENSE, license_claims(revision=7, sm_end="2099-01-01"))
    assert cli("--trust", partner.trust_file, "import", forged).code == 0
    assert cli("status", "--json", "--as-of", AS_OF).json()["license"]["revision"] == 1
    genuine = cli("import", vendor.write(DocumentType.LICENSE, license_claims(revision=2)))
    assert genuine.code == 0, genuine.out
    status = cli("status", "--json", "--as-of", AS_OF).json()
    assert (status["license"]["revision"], status["sm"]["end"]) == (2, "2025-04-01")


def test_nothing_signed_by_the_demo_key_counts_outside_demo_mode(
    cli: Run, database_url: str
) -> None:
    """Documents of all five types signed by the public demo key, stored directly in the
    database (the import refuses them): none counts, each is named, whatever its type."""
    demo_key = paserk.secret_from_paserk(
        resource_path("demo", "demo-secret.paserk").read_text(encoding="ascii")
    )
    tokens = [
        sign_document(DocumentType.LICENSE, license_claims(), demo_key),
        sign_document(DocumentType.SUPPORT_PACK, pack_claims(), demo_key),
        sign_document(DocumentType.TICKET_STATEMENT, worked_example_statement(), demo_key),
        sign_document(DocumentType.RELEASE_CATALOG, catalog_claims(), demo_key),
        sign_document(DocumentType.REVOCATION_LIST, revocation_claims([("LIC-X", "x")]), demo_key),
    ]
    refused = cli("--trust", resource_path("trust", "demo.json"), "import", "/dev/null")
    assert refused.code != 0
    engine = create_engine(database_url)
    assert cli("status", "--json").code == 2  # creates the schema
    with engine.begin() as connection:
        for number, token in enumerate(tokens, start=1):
            connection.execute(
                text("INSERT INTO documents (digest, token, imported_at) VALUES (:d, :t, :at)"),
                {"d": f"demo-{number}", "t": token, "at": "2025-02-01T00:00:00+00:00"},
            )
    engine.dispose()
    for trust in ([], ["--trust", str(resource_path("trust", "demo.json"))]):
        status = cli(*trust, "status", "--json", "--as-of", AS_OF)
        data = status.json()
        assert status.code == 2 and data["licenses"] == []
        named = [w["message"] for w in data["warnings"] if w["code"] == "untrusted_document"]
        assert len(named) == 5
        assert all("demo key" in message for message in named)
        assert cli(*trust, "upgrade-check", "--json").code == 2
        assert cli(*trust, "tickets", "list", "--json").json()["tickets"] == []


def test_a_demo_document_offered_outside_demo_mode_says_why_and_asks_no_trust(
    cli: Run, tmp_path: Path
) -> None:
    """No trust file can make the demo key count outside demo mode: the refusal says so, and
    does not suggest `trust add`, which would refuse the demo key."""
    demo_key = paserk.secret_from_paserk(
        resource_path("demo", "demo-secret.paserk").read_text(encoding="ascii")
    )
    path = tmp_path / "demo-license.paseto"
    path.write_text(sign_document(DocumentType.LICENSE, license_claims(), demo_key))
    refused = cli("import", path)
    assert refused.code == 2, refused.err
    assert "demo mode" in refused.out + refused.err
    assert "trust add" not in refused.out + refused.err
