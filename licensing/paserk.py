"""PASERK serialisation of v4 keys (`k4.public`, `k4.secret`) and key ids (`k4.pid`)."""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from licensing.errors import KeyFormatError, Malformed
from licensing.paseto import b64url_decode, b64url_encode

PUBLIC_PREFIX = "k4.public."
SECRET_PREFIX = "k4.secret."
PID_PREFIX = "k4.pid."


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes_raw()


def public_to_paserk(key: Ed25519PublicKey) -> str:
    return PUBLIC_PREFIX + b64url_encode(_raw_public(key))


def public_from_paserk(text: str) -> Ed25519PublicKey:
    text = text.strip()
    if not text.startswith(PUBLIC_PREFIX):
        raise KeyFormatError("not a PASERK v4 public key (it must start with 'k4.public.')")
    raw = _decode_key_bytes(text[len(PUBLIC_PREFIX) :], 32, "public")
    return Ed25519PublicKey.from_public_bytes(raw)


def secret_to_paserk(key: Ed25519PrivateKey) -> str:
    seed = key.private_bytes_raw()
    return SECRET_PREFIX + b64url_encode(seed + _raw_public(key.public_key()))


def secret_from_paserk(text: str) -> Ed25519PrivateKey:
    text = text.strip()
    if not text.startswith(SECRET_PREFIX):
        raise KeyFormatError("not a PASERK v4 secret key (it must start with 'k4.secret.')")
    raw = _decode_key_bytes(text[len(SECRET_PREFIX) :], 64, "secret")
    key = Ed25519PrivateKey.from_private_bytes(raw[:32])
    if _raw_public(key.public_key()) != raw[32:]:
        raise KeyFormatError("the secret key's public half does not match its seed")
    return key


def key_id(key: Ed25519PublicKey) -> str:
    """The PASERK `k4.pid` of a public key: always computed from the key, never read from a file."""
    paserk = public_to_paserk(key)
    digest = hashlib.blake2b((PID_PREFIX + paserk).encode("ascii"), digest_size=33).digest()
    return PID_PREFIX + b64url_encode(digest)


def _decode_key_bytes(text: str, size: int, what: str) -> bytes:
    try:
        raw = b64url_decode(text)
    except Malformed as exc:
        raise KeyFormatError(f"the {what} key is not valid base64url") from exc
    if len(raw) != size:
        raise KeyFormatError(f"a v4 {what} key holds {size} bytes, this one {len(raw)}")
    return raw
