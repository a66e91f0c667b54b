"""Reading what counts: every stored token verified again against this run's trust (docs/rules.md,
"Trust"), the revocation lists applied, and the local ledger beside it.

Nothing stored beside a token decides anything. Verification results are kept in memory only,
keyed by what they depend on (the token itself and the run's trusted keys), so a window's
refresh verifies only what is new; revocations are applied after the cache, on every read, by
`licensing.portfolio.build_portfolio`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, TypeVar

from app.storage import disputes as stored_disputes
from app.storage import documents as stored_documents
from app.storage import tickets as stored_tickets
from licensing.claims import (
    LicenseClaims,
    ReleaseCatalogClaims,
    RevocationListClaims,
    SupportPackClaims,
    TicketStatementClaims,
)
from licensing.documents import VerifiedDocument, unverified_label, verify_token
from licensing.errors import DocumentError, UnknownKey
from licensing.portfolio import Portfolio, Rejected, Signed, build_portfolio
from licensing.trust import TrustSource, TrustStore

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from app.console import Console


C = TypeVar("C")


class VerificationCache:
    """Verification results by token, for one set of trusted keys at a time.

    Keyed by the token text, never by the stored digest: a digest column edited to name a
    genuine document must not lend its result to a forged token.
    """

    def __init__(self) -> None:
        self._trust: frozenset[tuple[str, TrustSource]] | None = None
        self._results: dict[str, VerifiedDocument | DocumentError] = {}

    def verify(self, token: str, trust: TrustStore) -> VerifiedDocument | DocumentError:
        fingerprint = trust.fingerprint
        if fingerprint != self._trust:
            self._trust, self._results = fingerprint, {}
        result = self._results.get(token)
        if result is None:
            try:
                result = verify_token(token, trust)
            except DocumentError as exc:
                result = exc
            self._results[token] = result
        return result

    def forget_others(self, tokens: set[str]) -> None:
        """Drops the results of tokens no longer stored, so memory follows the database."""
        for token in [t for t in list(self._results) if t not in tokens]:
            del self._results[token]


def signed_by_demo_key(error: DocumentError, demo_kid: str | None) -> bool:
    """The document was refused only because the public demo key signed it, which no trust
    outside demo mode can change."""
    return isinstance(error, UnknownKey) and demo_kid is not None and error.kid == demo_kid


DEMO_KEY_MESSAGE = "signed by the public demo key, which counts only in demo mode (--demo)"


def _rejected(document_id: int, token: str, error: DocumentError, demo_kid: str | None) -> Rejected:
    label = unverified_label(token)
    message = DEMO_KEY_MESSAGE if signed_by_demo_key(error, demo_kid) else error.message
    return Rejected(
        document_id=document_id,
        document_type=label.document_type,
        subject=label.subject,
        license_id=label.license_id,
        error_code=error.code,
        message=message,
    )


def _signed(row: stored_documents.StoredToken, document: VerifiedDocument, claims: C) -> Signed[C]:
    return Signed(
        document_id=row.id,
        claims=claims,
        trust=document.trust,
        kid=document.kid,
        imported_at=row.imported_at,
    )


def revoked_licenses(
    documents: Iterable[VerifiedDocument], known: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The reason of each license revoked by the revocation lists among `documents`, on top of
    those `known` (the first reason given for a license stands)."""
    revoked = dict(known or {})
    for document in documents:
        if isinstance(document.claims, RevocationListClaims):
            for entry in document.claims.revoked:
                revoked.setdefault(entry.license_id, entry.reason)
    return revoked


def read_portfolio(console: Console, connection: Connection) -> Portfolio:
    """Everything that counts in this run, read in one transaction."""
    rows = stored_documents.stored_tokens(connection)
    cache = console.verifications
    cache.forget_others({row.token for row in rows})
    verified: list[tuple[stored_documents.StoredToken, VerifiedDocument]] = []
    rejected: list[Rejected] = []
    for row in rows:
        result = cache.verify(row.token, console.trust)
        if isinstance(result, DocumentError):
            rejected.append(_rejected(row.id, row.token, result, console.demo_kid))
        else:
            verified.append((row, result))

    revocations = revoked_licenses(document for _row, document in verified)

    licenses: list[Signed[LicenseClaims]] = []
    packs: list[Signed[SupportPackClaims]] = []
    statements: list[Signed[TicketStatementClaims]] = []
    catalogs: list[Signed[ReleaseCatalogClaims]] = []
    for row, document in verified:
        claims = document.claims
        if isinstance(claims, LicenseClaims):
            licenses.append(_signed(row, document, claims))
        elif isinstance(claims, SupportPackClaims):
            packs.append(_signed(row, document, claims))
        elif isinstance(claims, TicketStatementClaims):
            statements.append(_signed(row, document, claims))
        elif isinstance(claims, ReleaseCatalogClaims):
            catalogs.append(_signed(row, document, claims))
    return build_portfolio(
        licenses=licenses,
        packs=packs,
        statements=statements,
        catalogs=catalogs,
        revocations=revocations,
        rejected=rejected,
        local_tickets=stored_tickets.load_tickets(connection),
        disputes=stored_disputes.load_disputes(connection),
    )
