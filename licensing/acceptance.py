"""Which verified documents an import accepts (docs/rules.md, "Signed documents"): none for a
license the vendor revoked, no license revision older than (or equal to, with other content)
one that counts, no second pack of the same id for a license."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from licensing.claims import Claims, LicenseClaims, SupportPackClaims
from licensing.errors import revoked_message
from licensing.portfolio import Portfolio


@dataclass(frozen=True, slots=True, kw_only=True)
class Refusal:
    code: str
    """`revoked`, `older_revision`, `conflicting_revision` or `conflicting_pack`."""
    message: str


def import_refusal(
    claims: Claims,
    portfolio: Portfolio,
    batch: Sequence[Claims],
    revoked: Mapping[str, str],
) -> Refusal | None:
    """Why a verified document not stored yet cannot be imported over what counts in this run
    (`portfolio`), the documents this import accepted before it (`batch`) and the licenses
    revoked by either (`revoked`); None when it can."""
    if isinstance(claims, LicenseClaims):
        if claims.license_id in revoked:
            return Refusal(
                code="revoked",
                message=revoked_message(claims.license_id, revoked[claims.license_id]),
            )
        # Only revisions that count in this run: a higher one trusted through a key this run
        # does not trust must not block the vendor's own.
        held = portfolio.license(claims.license_id)
        revisions = [r.claims.revision for r in held.revisions] if held else []
        revisions += [
            d.revision
            for d in batch
            if isinstance(d, LicenseClaims) and d.license_id == claims.license_id
        ]
        newest = max(revisions, default=0)
        if claims.revision < newest:
            return Refusal(
                code="older_revision",
                message=f"license {claims.license_id} revision {claims.revision} is older than "
                f"the stored revision {newest}; nothing changed",
            )
        if claims.revision == newest:
            return Refusal(
                code="conflicting_revision",
                message=f"license {claims.license_id} revision {claims.revision} is already "
                "stored with different content",
            )
    if isinstance(claims, SupportPackClaims):
        stored = [p.claims for p in portfolio.every_pack]
        stored += [d for d in batch if isinstance(d, SupportPackClaims)]
        if any(p.pack_id == claims.pack_id and p.license_id == claims.license_id for p in stored):
            return Refusal(
                code="conflicting_pack",
                message=f"support pack {claims.pack_id} is already stored with different content",
            )
    return None
