"""Stored documents: the vendor's exact tokens, nothing else that could be believed."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import Connection, bindparam, func, insert, select

from app.storage import in_chunks
from app.storage.schema import documents


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class StoredToken(NamedTuple):
    id: int
    token: str
    imported_at: str


def stored_tokens(connection: Connection) -> list[StoredToken]:
    """Every stored token, oldest import first; each is verified again by the reader."""
    query = select(documents.c.id, documents.c.token, documents.c.imported_at).order_by(
        documents.c.id
    )
    return [StoredToken(int(i), str(t), str(at)) for i, t, at in connection.execute(query)]


_DIGESTS_IN = select(documents.c.digest).where(
    documents.c.digest.in_(bindparam("digests", expanding=True))
)


def stored_digests(connection: Connection, tokens: Sequence[str]) -> set[str]:
    """The digests of those of `tokens` already stored."""
    digests = [token_digest(token) for token in tokens]
    found: set[str] = set()
    for chunk in in_chunks(digests):
        found.update(connection.execute(_DIGESTS_IN, {"digests": chunk}).scalars())
    return found


def insert_document(connection: Connection, token: str, now: str) -> int:
    """Stores a token (verified by the caller) imported at `now`; returns its id."""
    result = connection.execute(
        insert(documents).values(digest=token_digest(token), token=token, imported_at=now)
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def document_count(connection: Connection) -> int:
    return int(connection.execute(select(func.count()).select_from(documents)).scalar_one())
