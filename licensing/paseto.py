"""PASETO version 4, purpose `public` (Ed25519), on `cryptography`.

Only the protocol: pre-authentication encoding, signing and verification of exact bytes. The
document format built on it (required footer, trust, claims) lives in `licensing.documents`.
"""

from __future__ import annotations

import base64
import binascii
import re
import struct
from typing import NamedTuple

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from licensing.errors import BadSignature, Malformed, UnsupportedVersion

HEADER = "v4.public."
SIGNATURE_SIZE = 64
_VERSION = re.compile(r"[vV][0-9]")
_PURPOSES = ("public", "local")


def pae(*pieces: bytes) -> bytes:
    """Pre-authentication encoding: LE64(count), then LE64(len) || bytes for every piece."""
    out = [struct.pack("<Q", len(pieces))]
    for piece in pieces:
        out.append(struct.pack("<Q", len(piece) & 0x7FFF_FFFF_FFFF_FFFF))
        out.append(piece)
    return b"".join(out)


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


_TO_STANDARD_ALPHABET = bytes.maketrans(b"-_", b"+/")
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_UNUSED_BITS = {2: 0b1111, 3: 0b11}  # low bits of the last character when len % 4 is 2 or 3


def b64url_decode(text: str) -> bytes:
    """Strict unpadded base64url: any padding, foreign character or non-canonical tail is refused."""
    if len(text) % 4 == 1 or not text.isascii() or "+" in text or "/" in text or "=" in text:
        raise Malformed("the token is not valid unpadded base64url")
    padded = text.encode("ascii").translate(_TO_STANDARD_ALPHABET) + b"=" * (-len(text) % 4)
    try:
        data = binascii.a2b_base64(padded, strict_mode=True)
    except binascii.Error as exc:
        raise Malformed("the token is not valid unpadded base64url") from exc
    mask = _UNUSED_BITS.get(len(text) % 4)
    if mask and _ALPHABET.index(text[-1]) & mask:
        raise Malformed("the token's base64url encoding is not canonical")
    return data


class SplitToken(NamedTuple):
    """A `v4.public` token taken apart but not yet verified."""

    message: bytes
    signature: bytes
    footer: bytes


def split(token: str) -> SplitToken:
    """Takes a token apart, refusing any other version or purpose before looking further."""
    parts = token.split(".", 4)
    if len(parts) < 3 or not _VERSION.fullmatch(parts[0]) or parts[1].lower() not in _PURPOSES:
        raise Malformed("this is not a PASETO token (expected 'v4.public.<payload>.<footer>')")
    if f"{parts[0]}.{parts[1]}." != HEADER:
        raise UnsupportedVersion(
            f"'{parts[0]}.{parts[1]}' tokens are not accepted; only v4.public is"
        )
    if len(parts) not in (3, 4):
        raise Malformed("the token has the wrong number of dot-separated parts")
    body = b64url_decode(parts[2])
    footer = b64url_decode(parts[3]) if len(parts) == 4 else b""
    if len(parts) == 4 and not parts[3]:
        raise Malformed("the token ends with an empty footer part")
    if len(body) < SIGNATURE_SIZE:
        raise Malformed("the token is too short to hold a signature")
    return SplitToken(body[:-SIGNATURE_SIZE], body[-SIGNATURE_SIZE:], footer)


def sign(
    message: bytes,
    secret_key: Ed25519PrivateKey,
    footer: bytes = b"",
    implicit_assertion: bytes = b"",
) -> str:
    """Signs `message` (and the footer and implicit assertion) and returns the token."""
    signature = secret_key.sign(pae(HEADER.encode(), message, footer, implicit_assertion))
    token = HEADER + b64url_encode(message + signature)
    return f"{token}.{b64url_encode(footer)}" if footer else token


def verify(token: str, public_key: Ed25519PublicKey, implicit_assertion: bytes = b"") -> SplitToken:
    """Verifies the exact bytes of `token`; returns its parts, or raises a `DocumentError`."""
    parts = split(token)
    verify_parts(parts, public_key, implicit_assertion)
    return parts


def verify_parts(
    parts: SplitToken, public_key: Ed25519PublicKey, implicit_assertion: bytes = b""
) -> None:
    """Verifies a token already taken apart by `split` (which decoded its exact bytes)."""
    signed = pae(HEADER.encode(), parts.message, parts.footer, implicit_assertion)
    try:
        public_key.verify(parts.signature, signed)
    except InvalidSignature as exc:
        raise BadSignature(
            "the signature does not match: the document was changed or signed by another key"
        ) from exc
