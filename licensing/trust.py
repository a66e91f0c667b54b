"""Trusted keys (docs/rules.md, "Trust"): who may sign the documents that count in this run.

A key's id is its PASERK `k4.pid`, always computed from the key itself, never read from a file.
Trust is computed for each run from the trust files given to it and never stored: the console
keeps tokens, and every read verifies them again against the run's `TrustStore`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from licensing import paserk
from licensing.errors import KeyFormatError

MAX_TRUST_FILE_BYTES = 64 * 1024


class TrustSource(StrEnum):
    VENDOR = "vendor"
    """The vendor's trust file shipped with the console."""
    ADDITIONAL = "additional"
    """A key the admin added on purpose (`trust add`), or a `--trust` file for one run."""
    DEMO = "demo"
    """The public demo key: trusted in demo mode only."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TrustedKey:
    kid: str
    public_key: Ed25519PublicKey
    source: TrustSource
    origin: str
    """Where the key came from, for people: a file's path, or "the vendor's trust file"."""


def _no_keys() -> Mapping[str, TrustedKey]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class TrustStore:
    """Public keys by their computed `k4.pid`; the first source to name a key keeps it."""

    keys: Mapping[str, TrustedKey] = field(default_factory=_no_keys)

    def with_keys(self, keys: Iterable[TrustedKey]) -> TrustStore:
        merged = dict(self.keys)
        for key in keys:
            merged.setdefault(key.kid, key)
        return TrustStore(MappingProxyType(merged))

    def find(self, kid: str) -> TrustedKey | None:
        return self.keys.get(kid)

    @property
    def fingerprint(self) -> frozenset[tuple[str, TrustSource]]:
        """What a verification depends on: which key ids are trusted, and as what (the id is a
        digest of the key, so it stands for the key itself)."""
        return frozenset((kid, key.source) for kid, key in self.keys.items())


def parse_trust_file(data: bytes, source: TrustSource, origin: str) -> list[TrustedKey]:
    """Reads `{"keys": ["k4.public.…", …]}`; raises `KeyFormatError` saying what is wrong."""
    if len(data) > MAX_TRUST_FILE_BYTES:
        raise KeyFormatError(
            f"the trust file is larger than {MAX_TRUST_FILE_BYTES // 1024} KiB: not a trust file"
        )
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
        trusted.append(
            TrustedKey(
                kid=paserk.key_id(public_key), public_key=public_key, source=source, origin=origin
            )
        )
    return trusted


def trust_file_text(keys: Iterable[Ed25519PublicKey]) -> str:
    """A trust file holding `keys`, as the issuer and `trust add` write it."""
    return json.dumps({"keys": [paserk.public_to_paserk(k) for k in keys]}, indent=2) + "\n"
