"""Only the vendor's signature grants entitlement (docs/rules.md, "Trust"): the customer owns the
machine, its files and its database, never the vendor's secret key.

Every stored column of every document type and of the clock state is edited directly with SQL,
one at a time, on SQLite and on PostgreSQL:
- a column that is not the token (digest, import time, the clock's own row) changes no answer of
  `status`, `tickets list`, `upgrade-check` or `renewal-quote`;
- an edited token makes its document not count, exactly as if it had never been imported, and
  `status` names it in `untrusted_document`;
- an inserted row with a forged token changes no answer and is named.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from licensing.claims import DocumentType
from licensing.documents import sign_document, unverified_label
from tests.conftest import CliResult
from tests.factories import (
    Vendor,
    catalog_claims,
    license_claims,
    pack_claims,
    revocation_claims,
    worked_example_statement,
)

AS_OF = "2025-03-01"
QUESTIONS = (
    ("status", "--json"),
    ("tickets", "list", "--json"),
    ("upgrade-check", "--json"),
    ("renewal-quote", "--years", "1", "--json"),
)
Run = Callable[..., CliResult]


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def stored(cli: Run, vendor: Vendor, database_url: str) -> dict[DocumentType, int]:
    """The worked example's documents imported, a local ticket recorded; their row ids by type."""
    paths = [
        vendor.write(DocumentType.LICENSE, license_claims()),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims()),
        vendor.write(DocumentType.TICKET_STATEMENT, worked_example_statement()),
        vendor.write(DocumentType.RELEASE_CATALOG, catalog_claims()),
        vendor.write(DocumentType.REVOCATION_LIST, revocation_claims()),
    ]
    assert cli("import", *paths).code == 0
    assert cli("tickets", "add", "--case", "L-1", "--opened", "2025-02-20").code == 0
    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, token FROM documents")).all()
    engine.dispose()
    ids = {unverified_label(token).document_type: int(i) for i, token in rows}
    assert set(ids) == set(DocumentType)
    return {t: ids[t] for t in DocumentType}


def answers(cli: Run) -> dict[str, Any]:
    """What the four questions answer, as JSON, with their exit codes."""
    result = {}
    for question in QUESTIONS:
        run = cli(*question, "--as-of", AS_OF)
        assert "Traceback" not in run.err and len(run.err.splitlines()) <= 1, run.err
        # Without a license, a question about one fails with exit 2 and one line, no JSON.
        result[" ".join(question[:2])] = (run.code, run.json() if run.out else None)
    return result


def without_untrusted(answer: dict[str, Any]) -> dict[str, Any]:
    """The answers with the `untrusted_document` warnings (and the exit code they raise) left out."""
    cleaned = json.loads(json.dumps(answer))
    status = cleaned["status --json"][1]
    status["warnings"] = [w for w in status["warnings"] if w["code"] != "untrusted_document"]
    for warning in status["warnings"]:
        if warning["code"] == "no_valid_license":
            warning["message"] = "(says why: nothing imported, or nothing verifies)"
    cleaned["status --json"] = [None, status]
    return cleaned


def untrusted(answer: dict[str, Any]) -> list[dict[str, Any]]:
    return [w for w in answer["status --json"][1]["warnings"] if w["code"] == "untrusted_document"]


def _tampered_tokens(token: str, attacker: Ed25519PrivateKey) -> dict[str, str]:
    """Forgeries of a genuine token: a flipped signature byte, a changed payload with the old
    signature, the whole token signed again by a key the vendor never had, a truncation."""
    head, body, footer = token.rsplit(".", 2)[0], *token.rsplit(".", 2)[1:]
    raw = bytearray(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    flipped = bytes(raw[:-1] + bytes([raw[-1] ^ 0x01]))
    message = raw[:-64].decode()
    claims = json.loads(message)
    for key, value in (("sm_end", "2099-01-01"), ("packs", 50), ("tickets_per_year", 99)):
        if key in claims:
            claims[key] = value
    for release in claims.get("releases", []):
        release["released_on"] = "2000-01-01"
    for ticket in claims.get("tickets", []):
        ticket["classification"] = "product_bug"
    if "revoked" in claims:
        claims["revoked"] = []  # a revocation list that revokes nothing
    claims["issued_at"] = "2025-01-01T00:00:00Z"  # every document type changes somewhere
    edited = json.dumps(claims, separators=(",", ":")).encode() + bytes(raw[-64:])
    typ = json.loads(base64.urlsafe_b64decode(footer + "=" * (-len(footer) % 4)))["typ"]

    def encode(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    return {
        "signature": f"{head}.{encode(flipped)}.{footer}",
        "payload": f"{head}.{encode(edited)}.{footer}",
        "resigned": sign_document(DocumentType(typ), claims, attacker),
        "truncated": token[: len(token) // 2],
    }


def _token(engine: Engine, document_id: int) -> str:
    with engine.connect() as connection:
        return str(
            connection.execute(
                text("SELECT token FROM documents WHERE id = :id"), {"id": document_id}
            ).scalar_one()
        )


def _set(engine: Engine, sql: str, **values: Any) -> None:
    with engine.begin() as connection:
        connection.execute(text(sql), values)


def test_columns_beside_the_token_decide_nothing(
    cli: Run, stored: dict[DocumentType, int], engine: Engine
) -> None:
    baseline = answers(cli)
    for document_type, document_id in stored.items():
        for column, value in (
            ("digest", "0" * 64),
            ("imported_at", "2000-01-01T00:00:00+00:00"),
            ("imported_at", "not a time"),
        ):
            with engine.connect() as connection:
                old = connection.execute(
                    text(f"SELECT {column} FROM documents WHERE id = :id"), {"id": document_id}
                ).scalar_one()
            _set(
                engine,
                f"UPDATE documents SET {column} = :v WHERE id = :id",
                v=value,
                id=document_id,
            )
            assert answers(cli) == baseline, (document_type, column, value)
            _set(
                engine, f"UPDATE documents SET {column} = :v WHERE id = :id", v=old, id=document_id
            )
    # The clock's own row: deleted or lowered, the mark still comes from every other timestamp.
    for sql in (
        "DELETE FROM app_state",
        "UPDATE app_state SET value = '2000-01-01'",
        "UPDATE app_state SET value = 'garbage'",
    ):
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT key, value FROM app_state")).all()
        _set(engine, sql)
        assert answers(cli) == baseline, sql
        _set(engine, "DELETE FROM app_state")
        for key, value in rows:
            _set(engine, "INSERT INTO app_state (key, value) VALUES (:k, :v)", k=key, v=value)


def test_an_edited_token_counts_as_if_never_imported_and_is_named(
    cli: Run, stored: dict[DocumentType, int], engine: Engine
) -> None:
    attacker = Ed25519PrivateKey.generate()
    baseline = answers(cli)
    assert not untrusted(baseline)
    for document_type, document_id in stored.items():
        genuine = _token(engine, document_id)
        _set(engine, "DELETE FROM documents WHERE id = :id", id=document_id)
        never_imported = answers(cli)
        for name, forged in _tampered_tokens(genuine, attacker).items():
            _set(
                engine,
                "INSERT INTO documents (id, digest, token, imported_at) VALUES (:id, :d, :t, :at)",
                id=document_id,
                d=f"{name}-{document_id}",
                t=forged,
                at="2025-02-01T00:00:00+00:00",
            )
            tampered = answers(cli)
            assert without_untrusted(tampered) == without_untrusted(never_imported), (
                document_type,
                name,
            )
            named = untrusted(tampered)
            assert [w["message"] for w in named if f"#{document_id}" in w["message"]], (
                document_type,
                name,
                named,
            )
            _set(engine, "DELETE FROM documents WHERE id = :id", id=document_id)
        _set(
            engine,
            "INSERT INTO documents (id, digest, token, imported_at) VALUES (:id, :d, :t, :at)",
            id=document_id,
            d=f"genuine-{document_id}",
            t=genuine,
            at="2025-02-01T00:00:00+00:00",
        )
        assert answers(cli) == baseline


def test_an_only_license_that_does_not_verify_is_critical(
    cli: Run, stored: dict[DocumentType, int], engine: Engine
) -> None:
    _set(
        engine,
        "UPDATE documents SET token = :t WHERE id = :id",
        t=_tampered_tokens(
            _token(engine, stored[DocumentType.LICENSE]), Ed25519PrivateKey.generate()
        )["signature"],
        id=stored[DocumentType.LICENSE],
    )
    result = cli("status", "--json", "--as-of", AS_OF)
    assert result.code == 2
    codes = {w["code"]: w["severity"] for w in result.json()["warnings"]}
    assert codes["untrusted_document"] == "critical"
    assert codes["no_valid_license"] == "critical"


def test_inserted_rows_with_forged_tokens_change_nothing_and_are_named(
    cli: Run, stored: dict[DocumentType, int], engine: Engine, tmp_path: Path, vendor: Vendor
) -> None:
    baseline = answers(cli)
    attacker = Vendor.create(tmp_path / "attacker")
    forgeries = [
        attacker.token(DocumentType.LICENSE, license_claims(revision=9, sm_end="2099-01-01")),
        attacker.token(DocumentType.SUPPORT_PACK, pack_claims("P-FREE", packs=50)),
        attacker.token(
            DocumentType.RELEASE_CATALOG, catalog_claims([("99.0", "2000-01-01", "major")])
        ),
        "v4.public.garbage",
        "not even a token",
    ]
    for number, token in enumerate(forgeries, start=100):
        _set(
            engine,
            "INSERT INTO documents (id, digest, token, imported_at) VALUES (:id, :d, :t, :at)",
            id=number,
            d=f"forged-{number}",
            t=token,
            at="2025-02-01T00:00:00+00:00",
        )
    tampered = answers(cli)
    assert without_untrusted(tampered) == without_untrusted(baseline)
    named = " ".join(w["message"] for w in untrusted(tampered))
    for number in range(100, 100 + len(forgeries)):
        assert f"#{number}" in named
    # The forged higher revision blocks nothing: the vendor's next revision still imports.
    revision = cli("import", vendor.write(DocumentType.LICENSE, license_claims(revision=2)))
    assert revision.code == 0, revision.out
