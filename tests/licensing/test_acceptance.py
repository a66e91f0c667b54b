"""What an import accepts over what counts (docs/rules.md, "Signed documents"):
licensing/acceptance.py, one refusal code for each reason."""

from __future__ import annotations

from licensing.acceptance import import_refusal
from tests.licensing.rules_builders import make_license, make_pack, portfolio


def test_a_new_license_and_a_higher_revision_are_accepted() -> None:
    held = portfolio(licenses=[make_license(revision=2)])
    assert import_refusal(make_license(license_id="LIC-2"), held, [], {}) is None
    assert import_refusal(make_license(revision=3), held, [], {}) is None


def test_an_older_or_equal_revision_is_refused_with_its_own_code() -> None:
    held = portfolio(licenses=[make_license(revision=2)])
    older = import_refusal(make_license(revision=1), held, [], {})
    assert older is not None and older.code == "older_revision"
    assert "older than the stored revision 2" in older.message
    same = import_refusal(make_license(revision=2), held, [], {})
    assert same is not None and same.code == "conflicting_revision"


def test_revisions_accepted_earlier_in_the_batch_count_too() -> None:
    refusal = import_refusal(make_license(revision=1), portfolio(), [make_license(revision=4)], {})
    assert refusal is not None and refusal.code == "older_revision"


def test_a_revoked_license_is_refused_in_the_vendors_words() -> None:
    refusal = import_refusal(make_license(), portfolio(), [], {"LIC-1": "chargeback"})
    assert refusal is not None and refusal.code == "revoked"
    assert refusal.message == "license LIC-1 was revoked by the vendor: chargeback"


def test_a_second_pack_of_the_same_id_for_the_same_license_is_refused() -> None:
    held = portfolio(licenses=[make_license()], packs=[make_pack("P1")])
    refusal = import_refusal(make_pack("P1", packs=2), held, [], {})
    assert refusal is not None and refusal.code == "conflicting_pack"
    assert import_refusal(make_pack("P2"), held, [], {}) is None
    in_batch = import_refusal(make_pack("P9"), portfolio(), [make_pack("P9", packs=3)], {})
    assert in_batch is not None and in_batch.code == "conflicting_pack"
