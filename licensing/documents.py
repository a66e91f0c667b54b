"""The signed-document format of SPEC.md section 4 on top of PASETO v4.public.

A file holds one token, optionally between armor lines, with whitespace anywhere; the footer is a
required JSON object `{"kid", "typ"}`; the key is looked up by `kid` among trusted keys whose ids
were computed from the keys themselves; the exact bytes received are verified before any JSON in
the message is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any, NamedTuple

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from licensing import paserk, paseto
from licensing.claims import Claims, DocumentType, LicenseClaims, parse_claims
from licensing.errors import (
    ClaimError,
    DocumentError,
    InvalidClaims,
    KeyFormatError,
    Malformed,
    Revoked,
    TooLarge,
    UnknownKey,
    WrongType,
)

MAX_DOCUMENT_BYTES = 64 * 1024
_ARMORED = re.compile(r"-----BEGIN[^\r\n]*?-----(.*?)-----END[^\r\n]*?-----", re.DOTALL)


class TrustSource(StrEnum):
    VENDOR = "vendor"
    DEMO = "demo"
    ADDITIONAL = "additional"


class TrustedKey(NamedTuple):
    kid: str
    public_key: Ed25519PublicKey
    source: TrustSource


class TrustStore(NamedTuple):
    """Public keys by their computed `k4.pid`; the first source to name a key keeps it."""

    keys: Mapping[str, TrustedKey] = MappingProxyType({})

    def with_keys(self, keys: Iterable[TrustedKey]) -> TrustStore:
        merged = dict(self.keys)
        for key in keys:
            merged.setdefault(key.kid, key)
        return TrustStore(merged)

    def find(self, kid: str) -> TrustedKey | None:
        return self.keys.get(kid)


def parse_trust_file(data: bytes, source: TrustSource) -> list[TrustedKey]:
    """Reads `{"keys": ["k4.public.…", …]}`; raises `KeyFormatError` saying what is wrong."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        # RecursionError: JSON nested thousands deep (found by scripts/fuzz.py).
        raise KeyFormatError(f"the trust file is not valid JSON ({exc})") from None
    keys = document.get("keys") if isinstance(document, dict) else None
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise KeyFormatError('a trust file must be a JSON object {"keys": ["k4.public.…", …]}')
    trusted = []
    for index, text in enumerate(keys):
        try:
            public_key = paserk.public_from_paserk(text)
        except KeyFormatError as exc:
            raise KeyFormatError(f"key {index + 1} of the trust file: {exc}") from None
        trusted.append(TrustedKey(paserk.key_id(public_key), public_key, source))
    return trusted


class VerifiedDocument(NamedTuple):
    """A document whose signature, type and claims all checked out."""

    type: DocumentType
    kid: str
    trust: TrustSource
    claims: Claims
    raw_claims: dict[str, Any]
    token: str
    payload: str
    """The claims exactly as signed: JSON text, stored as it came instead of written again."""


def token_from_bytes(data: bytes) -> str:
    """Extracts the token from a file's bytes: size cap first, then armor and whitespace."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise TooLarge(
            f"the file is {len(data):,} bytes; documents are limited to {MAX_DOCUMENT_BYTES:,}"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Malformed("the file is not text: a license key is plain text") from None
    # Between armor lines only the armored part counts, so a whole pasted e-mail works.
    armored = _ARMORED.search(text)
    token = "".join((armored.group(1) if armored else text.lstrip("\ufeff")).split())
    if not token:
        raise Malformed("the file holds no token")
    return token


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"the key '{key}' appears twice")
            seen.add(key)
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


_STRICT_JSON = json.JSONDecoder(
    object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant
)
"""One decoder for every document: `json.loads` with hooks builds a new one per call."""


def strict_json_object(data: bytes, what: str) -> dict[str, Any]:
    """Parses a JSON object, refusing duplicate keys and NaN, which parsers disagree on."""
    try:
        value = _STRICT_JSON.decode(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise Malformed(f"the {what} is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise Malformed(f"the {what} must be a JSON object")
    return value


def read_footer(parts: paseto.SplitToken) -> tuple[str, str]:
    """The (kid, typ) of a token's footer, which the document format requires."""
    footer = parts.footer
    if not footer:
        raise Malformed('the token has no footer; documents carry {"kid", "typ"} in it')
    fields = strict_json_object(footer, "footer")
    kid, typ = fields.get("kid"), fields.get("typ")
    if not isinstance(kid, str) or not isinstance(typ, str):
        raise Malformed('the footer must hold the strings "kid" and "typ"')
    return kid, typ


def verify_document(
    data: bytes,
    trust: TrustStore,
    expected_type: DocumentType | None = None,
    revoked: Mapping[str, str] | None = None,
) -> VerifiedDocument:
    """Verifies one document file's bytes; raises the `DocumentError` for the first failure."""
    token = token_from_bytes(data)
    parts = paseto.split(token)
    kid, typ = read_footer(parts)
    key = trust.find(kid)
    if key is None:
        error: DocumentError = UnknownKey(
            f"the document was signed by a key that is not trusted ({kid})"
        )
        error.kid = kid
        raise error
    try:
        paseto.verify_parts(parts, key.public_key)
        document_type = _document_type(typ, expected_type)
        raw_claims = strict_json_object(parts.message, "message")
        try:
            claims = parse_claims(document_type, raw_claims)
        except ClaimError as exc:
            error = InvalidClaims(str(exc))
            error.raw_claims = raw_claims
            raise error from None
        if isinstance(claims, LicenseClaims) and revoked and claims.license_id in revoked:
            error = Revoked(
                f"license {claims.license_id} was revoked by the vendor: {revoked[claims.license_id]}"
            )
            error.raw_claims = raw_claims
            raise error
    except DocumentError as exc:
        exc.kid, exc.trust = kid, key.source.value
        exc.document_type = exc.document_type or (typ if typ in _TYPES else None)
        raise
    payload = parts.message.decode("utf-8")
    return VerifiedDocument(document_type, kid, key.source, claims, raw_claims, token, payload)


_TYPES = {t.value for t in DocumentType}


def _document_type(typ: str, expected: DocumentType | None) -> DocumentType:
    if typ not in _TYPES:
        raise WrongType(f"'{typ}' is not a document type this console knows")
    document_type = DocumentType(typ)
    if expected is not None and document_type is not expected:
        error = WrongType(f"expected a {expected.value} document, this is a {typ}")
        error.document_type = typ
        raise error
    return document_type


def sign_document(
    document_type: DocumentType, raw_claims: Mapping[str, Any], secret_key: Ed25519PrivateKey
) -> str:
    """Validates the claims, then signs them with the footer `{"kid", "typ"}` (the issuer's side)."""
    parse_claims(document_type, raw_claims)
    message = json.dumps(raw_claims, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    kid = paserk.key_id(secret_key.public_key())
    footer = json.dumps({"kid": kid, "typ": document_type.value}, separators=(",", ":")).encode()
    return paseto.sign(message, secret_key, footer)
