"""The signed-document format (docs/rules.md, "Signed documents") on top of PASETO v4.public.

A file holds one token, optionally between armor lines, with whitespace anywhere, or inside a
pasted e-mail; the footer is a required JSON object `{"kid", "typ"}`; the key is looked up by
`kid` among the run's trusted keys, whose ids were computed from the keys themselves; the exact
bytes received are verified before any JSON in the message is read. Every step is linear in the
size of the input, which is capped at 64 KiB before anything is parsed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from licensing import paserk, paseto
from licensing.claims import Claims, DocumentType, LicenseClaims, parse_claims
from licensing.errors import (
    ClaimError,
    DocumentError,
    InvalidClaims,
    Malformed,
    Revoked,
    TooLarge,
    UnknownKey,
    WrongType,
    revoked_message,
)
from licensing.trust import TrustSource, TrustStore

MAX_DOCUMENT_BYTES = 64 * 1024
_BEGIN, _END, _DASHES = "-----BEGIN", "-----END", "-----"
_TOKEN = re.compile(r"[A-Za-z0-9_.\-]+")
_HEADER = re.compile(r"v[0-9]\.(?:public|local)\.", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class VerifiedDocument:
    """A document whose signature, type and claims all checked out against a run's trust."""

    type: DocumentType
    kid: str
    trust: TrustSource
    claims: Claims
    raw_claims: dict[str, Any]
    token: str


def _armored_body(text: str) -> str:
    """The text between `-----BEGIN …-----` and `-----END …-----`, or all of it without armor.

    Plain `find`s, each linear: a pattern with lazy repeats here took minutes on a file of dashes.
    """
    begin = text.find(_BEGIN)
    if begin < 0:
        return text
    label_end = text.find(_DASHES, begin + len(_BEGIN))
    if label_end < 0 or "\n" in text[begin:label_end]:
        raise Malformed("the armor line '-----BEGIN …' is not closed with '-----'")
    start = label_end + len(_DASHES)
    end = text.find(_END, start)
    if end < 0:
        raise Malformed(
            "the key has a '-----BEGIN' line but no '-----END' line: it was cut off; copy all of it"
        )
    return text[start:end]


_TRAILING_GUESSES = 3


def _reads_as_token(token: str) -> bool:
    try:
        read_footer(paseto.split(token))
    except DocumentError:
        return False
    return True


def _token_in_prose(text: str) -> str | None:
    """The token inside other text (a pasted e-mail): from its version header to the end of the
    token characters, continued over line breaks while whole lines are token characters (a
    wrapped token). A short line right under it ("Jane", "--") reads as more of the token: such
    lines are dropped, a few at most, until the token reads (each try is linear)."""
    header = _HEADER.search(text)
    if header is None:
        return None
    lines = text[header.start() :].splitlines()
    first = lines[0].strip()
    run = _TOKEN.match(first)
    if run is None:  # pragma: no cover - the header itself is made of token characters
        return None
    pieces = [run.group()]
    if run.end() == len(first):
        for line in lines[1:]:
            piece = line.strip()
            if not piece or not _TOKEN.fullmatch(piece):
                break
            pieces.append(piece)
    for keep in range(len(pieces), max(1, len(pieces) - _TRAILING_GUESSES) - 1, -1):
        candidate = "".join(pieces[:keep])
        if _reads_as_token(candidate):
            return candidate
    return "".join(pieces)


def token_from_bytes(data: bytes) -> str:
    """Extracts the token from a file's bytes: size cap first, then armor and whitespace."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise TooLarge(
            f"the file is {len(data):,} bytes; documents are limited to {MAX_DOCUMENT_BYTES:,}"
        )
    try:
        text = data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        raise Malformed("the file is not text: a license key is plain text") from None
    body = _armored_body(text)
    compact = "".join(body.split())
    if not compact:
        raise Malformed("the file holds no token")
    if _HEADER.match(compact) and _TOKEN.fullmatch(compact):
        return compact  # the token alone, perhaps wrapped over lines
    token = _token_in_prose(body)
    if token:
        return token
    hint = (
        ": it looks like JSON, perhaps the claims rather than the signed key"
        if compact.startswith(("{", "["))
        else ""
    )
    raise Malformed(f"no license key (a token starting 'v4.public.') was found in the text{hint}")


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
    if not parts.footer:
        raise Malformed('the token has no footer; documents carry {"kid", "typ"} in it')
    fields = strict_json_object(parts.footer, "footer")
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
    return verify_token(token_from_bytes(data), trust, expected_type, revoked)


def verify_token(
    token: str,
    trust: TrustStore,
    expected_type: DocumentType | None = None,
    revoked: Mapping[str, str] | None = None,
) -> VerifiedDocument:
    """Verifies a token already extracted (as the database keeps it)."""
    parts = paseto.split(token)
    kid, typ = read_footer(parts)
    key = trust.find(kid)
    if key is None:
        error: DocumentError = UnknownKey(
            f"the document was signed by a key that is not trusted ({kid[:80]})"
        )
        error.kid = kid
        error.document_type = typ if typ in _TYPES else None
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
            error = Revoked(revoked_message(claims.license_id, revoked[claims.license_id]))
            error.raw_claims = raw_claims
            raise error
    except DocumentError as exc:
        exc.kid, exc.trust = kid, key.source.value
        exc.document_type = exc.document_type or (typ if typ in _TYPES else None)
        raise
    return VerifiedDocument(
        type=document_type,
        kid=kid,
        trust=key.source,
        claims=claims,
        raw_claims=raw_claims,
        token=token,
    )


_TYPES = {t.value for t in DocumentType}


def _document_type(typ: str, expected: DocumentType | None) -> DocumentType:
    if typ not in _TYPES:
        raise WrongType(f"'{typ[:40]}' is not a document type this console knows")
    document_type = DocumentType(typ)
    if expected is not None and document_type is not expected:
        error = WrongType(f"expected a {expected.value} document, this is a {typ}")
        error.document_type = typ
        raise error
    return document_type


@dataclass(frozen=True, slots=True, kw_only=True)
class UnverifiedLabel:
    """What a token that did not verify says it is, read WITHOUT trusting it: only to name it."""

    document_type: DocumentType | None
    subject: str | None
    """The id it names: a license's, a pack's, a catalog's product code."""
    license_id: str | None


def unverified_label(token: str) -> UnverifiedLabel:
    """Never raises: a token that cannot even be read is labelled with Nones."""
    try:
        parts = paseto.split(token)
        _kid, typ = read_footer(parts)
        claims = strict_json_object(parts.message, "message")
    except DocumentError:
        return UnverifiedLabel(document_type=None, subject=None, license_id=None)
    document_type = DocumentType(typ) if typ in _TYPES else None

    def text(key: str) -> str | None:
        value = claims.get(key)
        return value[:200] if isinstance(value, str) else None

    subject_key = {
        DocumentType.SUPPORT_PACK: "pack_id",
        DocumentType.RELEASE_CATALOG: "product_code",
    }.get(document_type, "license_id")  # type: ignore[arg-type]
    return UnverifiedLabel(
        document_type=document_type, subject=text(subject_key), license_id=text("license_id")
    )


def sign_document(
    document_type: DocumentType, raw_claims: Mapping[str, Any], secret_key: Ed25519PrivateKey
) -> str:
    """Validates the claims, then signs them with the footer `{"kid", "typ"}` (the issuer's side)."""
    parse_claims(document_type, raw_claims)
    message = json.dumps(raw_claims, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    kid = paserk.key_id(secret_key.public_key())
    footer = json.dumps({"kid": kid, "typ": document_type.value}, separators=(",", ":")).encode()
    return paseto.sign(message, secret_key, footer)
