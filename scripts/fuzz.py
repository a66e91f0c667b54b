"""Mutation fuzzing of every parser that reads outside input, driven by `random.Random(seed)`.

    python scripts/fuzz.py [--inputs 100000] [--seed 1] [--target documents|trust|csv|cli]...

Four targets, each fed mutations of valid inputs (1 to 3 mutations stacked per input):

- documents: `licensing.documents.verify_document` on signed documents of all five types (raw,
  armored, wrapped like an e-mail) after byte flips, insertions, deletions, truncation, splicing
  of two documents, armor and whitespace noise, changed footer JSON, re-encoded base64 with a
  changed message or signature, non-canonical base64, other versions and purposes, and messages
  re-signed by a trusted or an untrusted key.
- trust: `licensing.documents.parse_trust_file` on mutated trust files.
- csv: `app.services.parse_tickets_csv` on mutated CSV text, and one input in 25 also through
  `Console.import_tickets_csv` on a real SQLite file (all or nothing: the ticket count must grow
  by what it reports, or not at all).
- cli: `app.cli.main(argv)` in-process on mutated argument lists, against a temporary SQLite
  database, with ENTITLEMENT_CONSOLE_HOME and the working folder in a temporary folder, stdout and
  stderr captured as a terminal would encode them. The GUI entry point is replaced by a stub (an
  argument list without a command would open the window). It is slow per input (it opens the
  database every time), so it gets a small share of the inputs.

A crash is any exception other than the documented typed errors (`DocumentError` subclasses,
`KeyFormatError`, `UserError` from the Console), a broken invariant, or for the CLI: an exception
out of `main`, a result that is not an int, "Traceback" in its output, or its catch-all "internal
error" line (an unexpected exception, even if reported in one line). A SystemExit(0) from --help
is fine. A false accept is a mutated document that verifies although its token (after armor and
whitespace removal) is not one of the originals or a token a trusted key signed for this input.

Prints per target: inputs, crashes, false accepts, accepted (unchanged or legitimately re-signed
tokens), elapsed; exits 1 if any crash or false accept.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import io
import json
import os
import random
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts._common import (  # noqa: E402
    Vendor,
    license_claims,
    pack_claims,
    sample_documents,
    seeded_key,
    statement_claims,
    statement_ticket,
    trust_json,
)

TARGETS = ("documents", "trust", "csv", "cli")
# Shares of --inputs; the CLI target opens a database per input, ~100x slower than the others.
SHARES = {"documents": 0.50, "trust": 0.15, "csv": 0.30, "cli": 0.05}
CONSOLE_CSV_EVERY = 25
MAX_EXAMPLES = 5
NOTES = {
    "csv": f"1 in {CONSOLE_CSV_EVERY} also through Console.import_tickets_csv (SQLite)",
    "cli": f"a small share ({SHARES['cli']:.0%}): each input opens the database (in-process main)",
}


@dataclass
class TargetResult:
    target: str
    inputs: int = 0
    crashes: int = 0
    false_accepts: int = 0
    accepted: int = 0
    elapsed: float = 0.0
    note: str = ""
    examples: list[str] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)

    def crash(self, what: str, sample: object, exc: BaseException | None = None) -> None:
        self.crashes += 1
        kind = f"{what}: {type(exc).__name__}" if exc is not None else what
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        self._example("CRASH", what, sample, exc)

    def false_accept(self, what: str, sample: object) -> None:
        self.false_accepts += 1
        self.kinds[what] = self.kinds.get(what, 0) + 1
        self._example("FALSE ACCEPT", what, sample, None)

    def _example(self, kind: str, what: str, sample: object, exc: BaseException | None) -> None:
        if len(self.examples) >= MAX_EXAMPLES:
            return
        text = f"{kind} {what}: {sample!r:.200}"
        if exc is not None:
            frames = traceback.format_exception(exc)
            text += "\n" + "".join(frames[-6:]).rstrip()
        self.examples.append(text)


# Generic mutations --------------------------------------------------------------------------

PIECES = [
    ".",
    "..",
    "=",
    "==",
    "+",
    "/",
    "-",
    "_",
    " ",
    "\n",
    "\r\n",
    "\t",
    "\x00",
    "\x0b",
    "\ufeff",
    "\u200b",
    "\u00a0",
    "é",
    "٣",
    '"',
    "'",
    ",",
    "{",
    "}",
    "[",
    "]",
    ":",
    "\\",
    "\\u0000",
    "\\ud800",
    "null",
    "true",
    "-1",
    "1e999",
    "9" * 40,
    "A" * 300,
    "-----BEGIN LICENSE-----",
    "-----END LICENSE-----",
    "v4.public.",
    "v4.local.",
    "v3.public.",
    "k4.public.",
    "k4.pid.",
]


def havoc(rng: random.Random, text: str, donors: Sequence[str], pieces: Sequence[str]) -> str:
    """One random edit of `text`: flip, set, insert, delete, truncate, splice, duplicate."""
    n = len(text)
    op = rng.randrange(9)
    if op == 0 and n:  # flip one bit of one character (kept within Latin-1 for byte strings)
        i = rng.randrange(n)
        return text[:i] + chr(ord(text[i]) ^ (1 << rng.randrange(8))) + text[i + 1 :]
    if op == 1 and n:  # set one character
        i = rng.randrange(n)
        return text[:i] + chr(rng.randrange(256)) + text[i + 1 :]
    if op == 2:  # insert a piece
        i = rng.randrange(n + 1)
        return text[:i] + rng.choice(pieces) + text[i:]
    if op == 3 and n:  # delete a range
        i = rng.randrange(n)
        return text[:i] + text[i + rng.randint(1, 16) :]
    if op == 4:  # truncate
        return text[: rng.randrange(n + 1)]
    if op == 5 and donors:  # splice with another input
        donor = rng.choice(donors)
        return text[: rng.randrange(n + 1)] + donor[rng.randrange(len(donor) + 1) :]
    if op == 6 and n:  # duplicate a range
        i = rng.randrange(n)
        j = min(n, i + rng.randint(1, 64))
        return text[:j] + text[i:j] + text[j:]
    if op == 7 and n:  # replace a range by a piece
        i = rng.randrange(n)
        return text[:i] + rng.choice(pieces) + text[i + rng.randint(1, 8) :]
    if op == 8 and n > 1:  # swap two characters
        i, j = sorted(rng.sample(range(n), 2))
        return text[:i] + text[j] + text[i + 1 : j] + text[i] + text[j + 1 :]
    return text + rng.choice(pieces)


def havoc_bytes(rng: random.Random, data: bytes, donors: Sequence[bytes]) -> bytes:
    """`havoc` on bytes, through Latin-1 (one character per byte)."""
    text = havoc(
        rng,
        data.decode("latin-1"),
        [d.decode("latin-1") for d in donors],
        [p.encode("utf-8", "surrogatepass").decode("latin-1") for p in PIECES],
    )
    return text.encode("latin-1")


def random_json(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(8 if depth < 3 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 1, 2**63, 10**30, 1.5, -0.0])
    if kind == 3:
        return rng.choice(["", " ", "x", "k4.public.", "é", "\u0000", "2025-03-01", "A" * 500])
    if kind == 4:
        return rng.choice(PIECES)
    if kind == 5:
        return [random_json(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {
        rng.choice(["keys", "kid", "typ", "x", ""]): random_json(rng, depth + 1)
        for _ in range(rng.randrange(4))
    }


def mutate_json_value(rng: random.Random, value: Any) -> Any:
    """A copy of a JSON value with one leaf, key or list changed somewhere inside."""
    if isinstance(value, dict) and value and rng.random() < 0.8:
        key = rng.choice(list(value))
        copy = dict(value)
        action = rng.randrange(4)
        if action == 0:
            del copy[key]
        elif action == 1:
            copy[key + rng.choice(["", "_", " ", "X"])] = copy.pop(key)
        else:
            copy[key] = mutate_json_value(rng, copy[key])
        return copy
    if isinstance(value, list) and value and rng.random() < 0.8:
        copy_list = list(value)
        i = rng.randrange(len(copy_list))
        action = rng.randrange(3)
        if action == 0:
            del copy_list[i]
        elif action == 1:
            copy_list.insert(i, copy_list[i])
        else:
            copy_list[i] = mutate_json_value(rng, copy_list[i])
        return copy_list
    if isinstance(value, str) and value and rng.random() < 0.5:
        return havoc(rng, value, [], PIECES)
    if isinstance(value, bool):
        return rng.choice([not value, None, 1, "true"])
    if isinstance(value, int):
        return rng.choice([value + 1, value - 1, -value, 0, 10**20, str(value), float(value)])
    return random_json(rng)


def deep_nesting(rng: random.Random) -> str:
    depth = rng.choice([100, 1000, 5000, 100_000])
    opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
    return opener * depth + "1" + closer * depth


# Target (a): signed documents ---------------------------------------------------------------

_ARMOR_RE = re.compile(r"-----BEGIN[^\r\n]*?-----(.*?)-----END[^\r\n]*?-----", re.DOTALL)
_ED25519_ORDER = 2**252 + 27742317777372353535851937790883648493
_TYPES = [
    "license",
    "support-pack",
    "ticket-statement",
    "release-catalog",
    "revocation-list",
    "License",
    "",
    "x",
]


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def wrap_lines(token: str, width: int) -> str:
    return "\n".join(token[i : i + width] for i in range(0, len(token), width))


def token_candidates(data: bytes) -> set[str]:
    """Every token the file may legitimately stand for: its text, or an armored part of it, with
    all whitespace removed (SPEC section 4: armor lines and whitespace anywhere are ignored)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return set()
    texts = [text, text.lstrip("\ufeff"), *(m.group(1) for m in _ARMOR_RE.finditer(text))]
    return {"".join(t.split()) for t in texts}


class DocumentFuzzer:
    """Signed documents of all five types and the mutations that must never verify."""

    def __init__(self, rng: random.Random) -> None:
        from licensing import paserk, paseto
        from licensing.claims import DocumentType
        from licensing.documents import TrustedKey, TrustSource, TrustStore, sign_document

        self.rng = rng
        self.paseto = paseto
        self.vendor_key, self.other_trusted, self.untrusted = (seeded_key(rng) for _ in range(3))
        self.trusted_by_kid = {
            paserk.key_id(k.public_key()): k for k in (self.vendor_key, self.other_trusted)
        }
        self.kids = [*self.trusted_by_kid, paserk.key_id(self.untrusted.public_key())]
        self.trust = TrustStore().with_keys(
            [
                TrustedKey(kid, key.public_key(), source)
                for (kid, key), source in zip(
                    self.trusted_by_kid.items(),
                    (TrustSource.VENDOR, TrustSource.ADDITIONAL),
                    strict=True,
                )
            ]
        )
        tokens = [sign_document(t, c, self.vendor_key) for t, c in sample_documents()]
        tokens.append(
            sign_document(DocumentType.LICENSE, license_claims("LIC-2"), self.other_trusted)
        )
        tokens.append(sign_document(DocumentType.SUPPORT_PACK, pack_claims("P9"), self.untrusted))
        self.originals = set(tokens)
        self.tokens = tokens
        self.files: list[bytes] = []
        for token in tokens:
            self.files.append(token.encode())
            self.files.append((token + "\n").encode())
            self.files.append(
                f"-----BEGIN LICENSE KEY-----\n{wrap_lines(token, 64)}\n-----END LICENSE KEY-----\n".encode()
            )
            self.files.append(
                (
                    "Hello,\r\n\r\nhere is your key:\r\n\r\n-----BEGIN ENTITLEMENT-----\r\n"
                    + wrap_lines(token, 76).replace("\n", "\r\n")
                    + "\r\n-----END ENTITLEMENT-----\r\n\r\nRegards\r\n"
                ).encode()
            )
        self.mutations: list[Callable[[bytes, set[str]], bytes]] = [
            self.m_bytes,
            self.m_bytes,
            self.m_bytes,
            self.m_splice,
            self.m_noise,
            self.m_footer,
            self.m_message,
            self.m_signature,
            self.m_base64,
            self.m_header,
            self.m_parts,
            self.m_resign,
        ]

    def token_of(self, data: bytes) -> str:
        """The token a file holds (an original one if it is there), for structural mutations."""
        known = sorted(c for c in token_candidates(data) if c in self.originals)
        if known:
            return known[0]
        text = data.decode("latin-1")
        armored = _ARMOR_RE.search(text)
        return "".join((armored.group(1) if armored else text).split())

    # Mutations: each returns new file bytes; `legit` collects tokens a trusted key signed.

    def m_bytes(self, data: bytes, legit: set[str]) -> bytes:
        return havoc_bytes(self.rng, data, self.files)

    def m_splice(self, data: bytes, legit: set[str]) -> bytes:
        other = self.rng.choice(self.files)
        i, j = self.rng.randrange(len(data) + 1), self.rng.randrange(len(other) + 1)
        return data[:i] + other[j:] if self.rng.random() < 0.7 else other[:j] + data[i:]

    def m_noise(self, data: bytes, legit: set[str]) -> bytes:
        rng = self.rng
        text = data.decode("utf-8", "surrogateescape")
        op = rng.randrange(7)
        if op == 0:
            for _ in range(rng.randint(1, 10)):
                i = rng.randrange(len(text) + 1)
                space = rng.choice([" ", "\n", "\r\n", "\t", "\x0b", "\x0c", "\u00a0", "\u2028"])
                text = text[:i] + space + text[i:]
        elif op == 1:
            label = rng.choice(["LICENSE", "", "X" * 100, "PASETO v4", "-----"])
            text = f"-----BEGIN {label}-----\n{text}\n-----END {label}-----\n"
        elif op == 2:
            text = rng.choice(["garbage\n", "-----BEGIN A-----\n", "\ufeff", "> "]) + text
        elif op == 3:
            text = text + rng.choice(["\n-----END X-----", "\n\n-- \nsignature", "\x00", "\n" * 50])
        elif op == 4:
            text = text.replace("\n", "\r\n") if rng.random() < 0.5 else text.replace("\n", "")
        elif op == 5:  # a second armored block, mutated or not
            token = rng.choice(self.tokens)
            text = (
                text
                + f"\n-----BEGIN B-----\n{token[: rng.randrange(len(token) + 1)]}\n-----END B-----\n"
            )
        else:
            text = "\n".join("> " + line for line in text.split("\n"))
        return text.encode("utf-8", "surrogateescape")

    def _parts(self, data: bytes) -> list[str]:
        return self.token_of(data).split(".")

    def m_footer(self, data: bytes, legit: set[str]) -> bytes:
        rng = self.rng
        parts = self._parts(data)
        try:
            footer: Any = json.loads(unb64(parts[3]))
        except (IndexError, ValueError, RecursionError):
            footer = {"kid": rng.choice(self.kids), "typ": "license"}
        op = rng.randrange(8)
        if op == 0 and isinstance(footer, dict):
            footer["typ"] = rng.choice(_TYPES)
            raw = json.dumps(footer, separators=(",", ":")).encode()
        elif op == 1 and isinstance(footer, dict):
            footer["kid"] = rng.choice([*self.kids, "", "k4.pid.", "k4.pid." + "A" * 44])
            raw = json.dumps(footer, separators=(",", ":")).encode()
        elif op == 2:
            raw = json.dumps(mutate_json_value(rng, footer)).encode()
        elif op == 3 and isinstance(footer, dict):  # same fields, other bytes
            raw = json.dumps(dict(reversed(list(footer.items())))).encode()
        elif op == 4 and isinstance(footer, dict):
            kid = footer.get("kid")
            raw = f'{{"kid":"{kid}","kid":"{rng.choice(self.kids)}","typ":"license"}}'.encode()
        elif op == 5:
            raw = rng.choice([b"", b"{}", b"[]", b"null", b'"x"', b"{", b'{"kid":NaN}', b"\xff"])
        elif op == 6:
            raw = deep_nesting(rng).encode()
        else:
            raw = havoc_bytes(rng, json.dumps(footer).encode(), [])
        while len(parts) < 4:
            parts.append("")
        parts[3] = b64(raw)
        return ".".join(parts).encode()

    def _body(self, parts: list[str]) -> tuple[bytes, bytes]:
        try:
            body = unb64(parts[2])
        except (IndexError, ValueError):
            body = b""
        return body[:-64], body[-64:]

    def m_message(self, data: bytes, legit: set[str]) -> bytes:
        parts = self._parts(data)
        message, signature = self._body(parts)
        message = self._mutated_message(message)
        while len(parts) < 3:
            parts.append("")
        parts[2] = b64(message + signature)
        return ".".join(parts).encode()

    def _mutated_message(self, message: bytes) -> bytes:
        rng = self.rng
        try:
            claims = json.loads(message)
        except (ValueError, RecursionError):
            return havoc_bytes(rng, message, [])
        op = rng.randrange(5)
        # "surrogatepass": a message may hold an escaped lone surrogate (\ud800), which a
        # verifier must refuse as bytes that are not UTF-8.
        if op == 0:
            changed = json.dumps(mutate_json_value(rng, claims), ensure_ascii=False)
            return changed.encode("utf-8", "surrogatepass")
        if op == 1:  # the same claims, serialized otherwise
            same = json.dumps(claims, indent=rng.choice([None, 1]), ensure_ascii=rng.random() < 0.5)
            return same.encode("utf-8", "surrogatepass")
        if op == 2:
            return message + rng.choice([b" ", b"\n", b"{}", b"\x00"])
        if op == 3:
            return rng.choice([b"", b"{}", b"[]", b"null", deep_nesting(rng).encode(), b"\xff\xfe"])
        return havoc_bytes(rng, message, [])

    def m_signature(self, data: bytes, legit: set[str]) -> bytes:
        rng = self.rng
        parts = self._parts(data)
        message, signature = self._body(parts)
        op = rng.randrange(6)
        if op == 0 and signature:
            i = rng.randrange(len(signature))
            signature = (
                signature[:i] + bytes([signature[i] ^ (1 << rng.randrange(8))]) + signature[i + 1 :]
            )
        elif op == 1:  # another document's signature
            _, signature = self._body(rng.choice(self.tokens).split("."))
        elif op == 2:
            signature = bytes(64) if rng.random() < 0.5 else b"\xff" * 64
        elif op == 3 and len(signature) == 64:  # S + L: the same scalar, a non-canonical encoding
            s = int.from_bytes(signature[32:], "little") + _ED25519_ORDER * rng.randint(1, 8)
            if s < 2**256:
                signature = signature[:32] + s.to_bytes(32, "little")
        elif op == 4:
            signature = signature[: rng.randrange(len(signature) + 1)]
        else:
            signature = signature + rng.randbytes(rng.randint(1, 32))
        while len(parts) < 3:
            parts.append("")
        parts[2] = b64(message + signature)
        return ".".join(parts).encode()

    def m_base64(self, data: bytes, legit: set[str]) -> bytes:
        """Other encodings of (nearly) the same bytes: padding, the standard alphabet, set
        padding bits; the exact bytes received must be what is verified."""
        rng = self.rng
        parts = self._parts(data)
        index = rng.choice([i for i in (2, 3) if i < len(parts)] or [0])
        part = parts[index]
        op = rng.randrange(4)
        if op == 0:
            part += rng.choice(["=", "==", "==="])
        elif op == 1:
            part = part.replace("-", "+").replace("_", "/")
        elif op == 2 and part and len(part) % 4 in (2, 3):
            alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            value = alphabet.find(part[-1])
            if value >= 0:
                spare = 0b1111 if len(part) % 4 == 2 else 0b11
                part = part[:-1] + alphabet[value ^ rng.randint(1, spare)]
        else:
            part = part.upper() if rng.random() < 0.5 else part.lower()
        parts[index] = part
        return ".".join(parts).encode()

    def m_header(self, data: bytes, legit: set[str]) -> bytes:
        token = self.token_of(data)
        header = self.rng.choice(
            [
                "v4.local.",
                "v3.public.",
                "v2.public.",
                "v1.public.",
                "V4.public.",
                "v4.PUBLIC.",
                "v4.public..",
                "v4.public",
                "v4.",
                "",
                "v4.secret.",
                " v4.public.",
                "v4.public.v4.public.",
            ]
        )
        rest = token[len("v4.public.") :] if token.startswith("v4.public.") else token
        return (header + rest).encode()

    def m_parts(self, data: bytes, legit: set[str]) -> bytes:
        rng = self.rng
        parts = self._parts(data)
        other = rng.choice(self.tokens).split(".")
        op = rng.randrange(6)
        if op == 0:
            parts = parts[:3]  # no footer
        elif op == 1:
            parts = [*parts, rng.choice(["", "e30", "AAAA"])]
        elif op == 2:
            parts = [*parts[:3], ""]  # an empty footer part
        elif op == 3 and len(parts) > 3 and len(other) > 3:
            parts[3] = other[3]  # another document's footer
        elif op == 4 and len(parts) > 2:
            parts[2] = other[2]  # another document's message and signature
        elif len(parts) > 3:
            parts[2], parts[3] = parts[3], parts[2]
        return ".".join(parts).encode()

    def m_resign(self, data: bytes, legit: set[str]) -> bytes:
        """A changed message signed again: by the trusted key its footer names (a legitimate
        document, which may verify), or by another key (which must not)."""
        rng = self.rng
        parts = self._parts(data)
        message, _ = self._body(parts)
        try:
            footer = unb64(parts[3])
            kid = json.loads(footer).get("kid")
        except (IndexError, ValueError, AttributeError, RecursionError):
            footer, kid = b"", None
        if rng.random() < 0.7:
            message = self._mutated_message(message)
        key = self.trusted_by_kid.get(kid) if isinstance(kid, str) else None
        honest = key is not None and rng.random() < 0.7
        signer = (
            key
            if honest and key is not None
            else rng.choice([self.untrusted, *self.trusted_by_kid.values()])
        )
        token = self.paseto.sign(message, signer, footer)
        if signer is key:
            legit.add(token)
        return token.encode()

    def one(self, result: TargetResult) -> None:
        from licensing.documents import verify_document
        from licensing.errors import DocumentError

        rng = self.rng
        data = rng.choice(self.files)
        legit = set(self.originals)
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
            data = rng.choice(self.mutations)(data, legit)
        try:
            document = verify_document(data, self.trust)
        except DocumentError:
            return
        except Exception as exc:
            result.crash("verify_document", data, exc)
            return
        if document.token in legit and document.token in token_candidates(data):
            result.accepted += 1
        else:
            result.false_accept("verify_document accepted a changed token", data)


# Target (b): trust files --------------------------------------------------------------------


class TrustFuzzer:
    def __init__(self, rng: random.Random) -> None:
        from licensing import paserk

        self.rng = rng
        keys = [seeded_key(rng) for _ in range(3)]
        self.paserks = [paserk.public_to_paserk(k.public_key()) for k in keys]
        self.files = [
            trust_json(keys[0]).encode(),
            trust_json(*keys).encode(),
            json.dumps({"keys": self.paserks[:2]}, indent=2).encode(),
            ("\ufeff" + trust_json(keys[1])).encode(),
            json.dumps({"keys": [], "comment": "rotated"}).encode(),
        ]

    def mutated(self) -> bytes:
        rng = self.rng
        data = rng.choice(self.files)
        for _ in range(rng.choice([1, 1, 2, 3])):
            op = rng.randrange(6)
            if op <= 1:
                data = havoc_bytes(rng, data, self.files)
                continue
            try:
                document = json.loads(data.decode("utf-8-sig"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                data = havoc_bytes(rng, data, self.files)
                continue
            if op == 2:
                document = mutate_json_value(rng, document)
            elif (
                op == 3
                and isinstance(document, dict)
                and isinstance(document.get("keys"), list)
                and document["keys"]
            ):
                keys = list(document["keys"])
                i = rng.randrange(len(keys))
                keys[i] = self._mutated_key(keys[i])
                document["keys"] = keys
            elif op == 4:
                document = {"keys": random_json(rng)} if rng.random() < 0.5 else random_json(rng)
            else:
                data = (
                    deep_nesting(rng).encode()
                    if rng.random() < 0.5
                    else b'{"keys":' + deep_nesting(rng).encode() + b"}"
                )
                continue
            data = json.dumps(document, ensure_ascii=rng.random() < 0.5).encode(
                "utf-8", "surrogatepass"
            )
        return data

    def _mutated_key(self, key: Any) -> Any:
        rng = self.rng
        if not isinstance(key, str):
            return rng.choice(self.paserks)
        op = rng.randrange(5)
        if op == 0:
            return "k4.public." + b64(rng.randbytes(rng.choice([0, 1, 31, 32, 32, 32, 33, 64])))
        if op == 1:
            return (
                rng.choice(["k4.secret.", "k3.public.", "k4.local.", "K4.PUBLIC.", ""])
                + key.split(".")[-1]
            )
        if op == 2:
            return " \n" + key + "\t"
        if op == 3:
            return "k4.public." + bytes(32).hex()
        return havoc(rng, key, self.paserks, PIECES)

    def one(self, result: TargetResult) -> None:
        from licensing import paserk
        from licensing.documents import TrustSource, parse_trust_file
        from licensing.errors import KeyFormatError

        data = self.mutated()
        try:
            keys = parse_trust_file(data, TrustSource.ADDITIONAL)
        except KeyFormatError:
            return
        except Exception as exc:
            result.crash("parse_trust_file", data, exc)
            return
        if any(k.kid != paserk.key_id(k.public_key) for k in keys):
            result.crash("parse_trust_file returned a key whose id is not computed from it", data)
            return
        result.accepted += 1


# Target (c): CSV import ---------------------------------------------------------------------

_CSV_VALUES = [
    "",
    " ",
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "0001-01-01",
    "9999-12-31",
    "2024-1-1",
    "20240101",
    "２０２４-01-01",
    "٢٠٢٤-٠١-٠١",
    " 2024-05-02 ",
    "incident",
    "service_request",
    "customer",
    "product_bug",
    "product",
    "training",
    "system_center",
    "PRODUCT",
    "x" * 101,
    "x" * 100,
    "é",
    "\x00",
    '"',
    '""',
    "a,b",
    "line\nbreak",
    "=cmd|' /C calc'!A0",
    "\ufeffcase_id",
]


class CsvFuzzer:
    def __init__(self, rng: random.Random, folder: Path) -> None:
        self.rng = rng
        self.folder = folder
        self.counter = 0
        full = "case_id,opened_on,kind,classification,category,title\n" + "".join(
            f"CS-{i},2024-{1 + i % 12:02d}-0{1 + i % 9},{'incident' if i % 2 else 'service_request'},"
            f'{"customer" if i % 3 else "product_bug"},{["product", "upgrade", "training"][i % 3]},"Title {i}, ""quoted"""\n'
            for i in range(12)
        )
        self.texts = [
            full,
            full.replace("\n", "\r\n"),
            "\ufeff" + full,
            "case_id,opened_on\nA-1,2024-05-02\nA-2,2024-06-11\n\nA-3,2025-01-31\n",
            'opened_on,case_id,title\n2024-05-02,B-1,"multi\nline"\n2024-05-03,B-2,\n',
            "case_id,opened_on,kind,classification,category,title,source,outcome,bucket\n"
            "E-1,2024-05-02,incident,customer,product,,local,charged,annual\n",
        ]
        self.console: Any = None

    def open_console(self) -> None:
        from datetime import date

        from app.paths import sqlite_url
        from app.services import Console
        from app.storage.database import Database
        from licensing.documents import TrustStore
        from licensing.policy import load_policy

        database = Database(sqlite_url(self.folder / "csv-fuzz.sqlite3"))
        self.console = Console(database, TrustStore(), load_policy(), date(2025, 3, 1))

    def close(self) -> None:
        if self.console is not None:
            self.console.database.dispose()

    def mutated(self) -> str:
        rng = self.rng
        text = rng.choice(self.texts)
        for _ in range(rng.choice([1, 1, 2, 3])):
            op = rng.randrange(7)
            lines = text.split("\n")
            if op <= 2:
                text = havoc(rng, text, self.texts, [*PIECES, *_CSV_VALUES])
            elif op == 3 and len(lines) > 1:  # change one field of one row
                i = rng.randrange(len(lines))
                fields = lines[i].split(",")
                fields[rng.randrange(len(fields))] = rng.choice(_CSV_VALUES)
                lines[i] = ",".join(fields)
                text = "\n".join(lines)
            elif op == 4 and len(lines) > 1:  # duplicate or drop rows
                i = rng.randrange(len(lines))
                if rng.random() < 0.5:
                    lines.insert(i, lines[i])
                else:
                    del lines[i]
                text = "\n".join(lines)
            elif op == 5:  # the header's columns shuffled, renamed or repeated
                header = lines[0].split(",")
                rng.shuffle(header)
                if rng.random() < 0.3:
                    header.append(rng.choice(["case_id", "extra", "", "title"]))
                lines[0] = ",".join(header)
                text = "\n".join(lines)
            else:
                text = rng.choice(
                    [
                        text + '"' + "x" * rng.choice([10, 140_000]),  # unclosed quote
                        text + "".join(f"N-{i},2024-05-02\n" for i in range(rng.randint(1, 300))),
                        text + "\n" * rng.randint(1, 50),
                        text.replace(",", rng.choice([";", "\t", ",,"])),
                    ]
                )
        return text

    def one(self, result: TargetResult) -> None:
        from app.services import parse_tickets_csv

        text = self.mutated()
        try:
            parsed, errors = parse_tickets_csv(text)
        except Exception as exc:
            result.crash("parse_tickets_csv", text, exc)
            return
        case_ids = [t.case_id for _, t in parsed]
        if len(set(case_ids)) != len(case_ids) or any(not c or len(c) > 100 for c in case_ids):
            result.crash("parse_tickets_csv returned an invalid or repeated case id", text)
            return
        if not errors:
            result.accepted += 1
        self.counter += 1
        if self.counter % CONSOLE_CSV_EVERY == 0:
            self.through_console(text, result)

    def through_console(self, text: str, result: TargetResult) -> None:
        from sqlalchemy import func, select

        from app.errors import UserError
        from app.storage.schema import tickets

        if self.console is None:
            self.open_console()
        data = text.encode("utf-8", "surrogatepass")
        if self.rng.random() < 0.2:
            data = havoc_bytes(self.rng, data, [])  # perhaps no longer UTF-8
        path = self.folder / "tickets.csv"
        path.write_bytes(data)

        def count() -> int:
            with self.console.database.read() as connection:
                return int(connection.execute(select(func.count()).select_from(tickets)).scalar())

        before = count()
        try:
            added = self.console.import_tickets_csv(path)
        except UserError:
            added = 0
        except Exception as exc:
            result.crash("Console.import_tickets_csv", data, exc)
            return
        if count() != before + added:
            result.crash("Console.import_tickets_csv stored part of a file", data)


# Target (d): the command line ---------------------------------------------------------------


class CliFuzzer:
    def __init__(self, rng: random.Random, folder: Path) -> None:
        from licensing.claims import DocumentType

        self.rng = rng
        self.folder = folder
        self.gui_calls = 0
        vendor = Vendor.create(rng, folder / "vendor")
        self.db = f"sqlite:///{(folder / 'cli.sqlite3').as_posix()}"
        docs = folder / "docs"
        docs.mkdir()
        files = {
            "license": vendor.write(docs / "license.key", DocumentType.LICENSE, license_claims()),
            "pack": vendor.write(docs / "pack.key", DocumentType.SUPPORT_PACK, pack_claims()),
            "statement": vendor.write(
                docs / "statement.key",
                DocumentType.TICKET_STATEMENT,
                statement_claims([statement_ticket("V-1", "2024-05-02")]),
            ),
        }
        for name, (document_type, claims) in zip(
            ("all-license", "all-pack", "all-statement", "catalog", "revocations"),
            sample_documents(),
            strict=True,
        ):
            files[name] = vendor.write(docs / f"{name}.key", document_type, claims)
        tampered = docs / "tampered.key"
        tampered.write_bytes(havoc_bytes(rng, files["license"].read_bytes(), []))
        big = docs / "big.key"
        big.write_bytes(b"A" * 70_000)
        binary = docs / "binary.key"
        binary.write_bytes(bytes(range(256)))
        csv_file = folder / "tickets.csv"
        csv_file.write_text("case_id,opened_on\nCSV-1,2024-05-02\n", encoding="utf-8")
        bad_csv = folder / "bad.csv"
        bad_csv.write_bytes(b"case_id,opened_on\n\xff\xfe,2024-05-02\n")
        bad_trust = folder / "bad-trust.json"
        bad_trust.write_text('{"keys": ["k4.public.xyz"]}', encoding="utf-8")
        deep_trust = folder / "deep-trust.json"
        deep_trust.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
        self.paths = [
            *(str(p) for p in files.values()),
            str(tampered),
            str(big),
            str(binary),
            str(csv_file),
            str(bad_csv),
            str(folder),
            str(folder / "missing.key"),
            str(vendor.trust_file),
            str(bad_trust),
            str(deep_trust),
            "-",
            "",
        ]
        trust = str(vendor.trust_file)
        lic = str(files["license"])
        self.templates: list[list[str]] = [
            ["--trust", trust, "verify", lic],
            ["--trust", trust, "verify", lic, "--json"],
            ["--trust", trust, "import", lic, str(files["pack"]), str(files["statement"])],
            ["--trust", trust, "import", str(files["catalog"]), "--json"],
            ["--trust", trust, "status", "--json"],
            ["--as-of", "2025-03-01", "--trust", trust, "status"],
            ["tickets", "add", "--case", "CLI-1", "--opened", "2024-05-02", "--title", "t"],
            [
                "tickets",
                "add",
                "--case",
                "CLI-2",
                "--opened",
                "2024-05-02",
                "--kind",
                "service_request",
                "--category",
                "training",
            ],
            ["tickets", "classify", "CLI-1", "product_bug"],
            ["tickets", "list", "--json"],
            ["tickets", "import", str(csv_file)],
            ["--trust", trust, "upgrade-check", "--version", "11.0", "--released-on", "2025-05-20"],
            [
                "--trust",
                trust,
                "upgrade-check",
                "--catalog",
                str(files["catalog"]),
                "--installed",
                "10.0",
            ],
            ["--trust", trust, "renewal-quote", "--years", "2", "--json"],
            ["--trust", trust, "renewal-quote", "--users", "300"],
            [
                "--trust",
                trust,
                "eligibility",
                "--category",
                "product",
                "--classification",
                "customer",
            ],
            ["--trust", trust, "request", "renewal", "--years", "1", "--via", "mailto"],
            [
                "--trust",
                trust,
                "request",
                "packs",
                "--count",
                "2",
                "--po",
                "PO-1",
                "--out",
                str(folder / "requests"),
            ],
            ["request", "list", "--json"],
            ["--demo", "status", "--json"],
            ["db-password"],
        ]
        from app import cli

        # The license, a pack, a statement and a catalog, so that every command has data.
        setup = ["--db", self.db, "--trust", trust, "import", lic]
        setup += [str(files[name]) for name in ("pack", "statement", "catalog")]
        with contextlib.redirect_stdout(io.StringIO()):
            code = cli.main(setup)
        if code != 0:
            raise RuntimeError(f"the CLI fuzzer's set-up import failed with exit code {code}")
        self.words = [
            "--json",
            "--as-of",
            "--trust",
            "--db",
            "--demo",
            "--case",
            "--opened",
            "--kind",
            "--classification",
            "--category",
            "--title",
            "--version",
            "--released-on",
            "--catalog",
            "--installed",
            "--years",
            "--users",
            "--devices",
            "--count",
            "--po",
            "--via",
            "--out",
            "--contact-email",
            "--notes",
            "--screenshots",
            "--quit-when-ready",
            "-h",
            "--help",
            "--",
            "-",
            "",
            "verify",
            "import",
            "status",
            "tickets",
            "add",
            "classify",
            "list",
            "upgrade-check",
            "renewal-quote",
            "eligibility",
            "db-password",
            "request",
            "renewal",
            "packs",
            "smtp",
            "file",
            "mailto",
        ]
        self.values = [
            "",
            " ",
            "0",
            "-1",
            "1",
            "99999999999999999999999",
            "1e3",
            "NaN",
            "2025-03-01",
            "2024-02-29",
            "2023-02-29",
            "0001-01-01",
            "9999-12-31",
            "2025-3-1",
            "today",
            "11.0",
            "not a version",
            "1!2.0.post1.dev3+local",
            "customer",
            "product_bug",
            "training",
            "x" * 5000,
            "é",
            "\udcff",  # an undecodable byte of a POSIX argument (surrogateescape)
            "a\nb",
            "'; DROP TABLE tickets; --",
            "../outside",
            "../../../../../../escape",
            *self.paths,
        ]
        self.db_values = [
            self.db,
            f"sqlite:///{(folder / 'other.sqlite3').as_posix()}",
            f"sqlite:///{(folder / 'missing' / 'x.sqlite3').as_posix()}",
            f"sqlite:///{(folder / 'docs' / 'license.key').as_posix()}",  # not a database
            "sqlite://",
            "not a url",
            "nosuchdialect://x",
            "postgresql+psycopg://user@127.0.0.1:1/none",
            "",
        ]

    def mutated(self) -> list[str]:
        rng = self.rng
        argv = list(rng.choice(self.templates))
        for _ in range(rng.choice([0, 0, 1, 1, 1, 2, 3])):
            op = rng.randrange(7)
            n = len(argv)
            if op == 0 and n:
                del argv[rng.randrange(n)]
            elif op == 1 and n:
                i = rng.randrange(n)
                argv.insert(i, argv[i])
            elif op == 2 and n > 1:
                i = rng.randrange(n - 1)
                argv[i], argv[i + 1] = argv[i + 1], argv[i]
            elif op == 3:
                argv.insert(rng.randrange(n + 1), rng.choice(self.words))
            elif op == 4 and n:
                i = rng.randrange(n)
                argv[i] = rng.choice(self.values)
            elif op == 5 and n:
                i = rng.randrange(n)
                argv[i] = havoc(rng, argv[i], self.words, PIECES).replace("\x00", "")
            else:
                argv.insert(rng.randrange(n + 1), rng.choice(self.values))
        database = self.db if rng.random() < 0.9 else rng.choice(self.db_values)
        return ["--db", database, *argv] if rng.random() < 0.95 else argv

    def confined(self, argument: str) -> bool:
        """Whether a path the argument may name (`--out DIR`, a `sqlite:///` URL, `--x=VALUE`)
        stays inside the temporary folder: a mutated path must never write elsewhere."""
        texts = [argument, argument.partition("=")[2]]
        for text in texts:
            for prefix in ("sqlite:///", "sqlite://"):
                text = text.removeprefix(prefix)
            path = Path(text)
            if not (path.is_absolute() or ".." in path.parts):
                continue
            try:
                resolved = (self.folder / "cwd" / path).resolve()
            except (OSError, ValueError, RuntimeError):
                return False
            if not resolved.is_relative_to(self.folder.resolve()):
                return False
        return True

    def one(self, result: TargetResult) -> None:
        from app import cli

        argv = [a if self.confined(a) else "confined" for a in self.mutated()]
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
        err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
        code: object = None
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = cast(object, cli.main(argv))  # checked below: main must return an int
        except SystemExit as exit_:
            if exit_.code not in (0, None):
                result.crash("main raised SystemExit", argv, exit_)
                return
            code = 0
        except BaseException as exc:
            result.crash("main raised", argv, exc)
            return
        texts = []
        for stream in (out, err):
            try:
                stream.flush()
                buffer = stream.buffer
                assert isinstance(buffer, io.BytesIO)
                texts.append(buffer.getvalue().decode("utf-8", "replace"))
            except ValueError:
                texts.append("")
        printed = "\n".join(texts)
        if not isinstance(code, int):
            result.crash(f"main returned {code!r}, not an int", argv)
        elif "Traceback" in printed:
            result.crash("a traceback was printed", (argv, printed[-600:]))
        elif "internal error" in texts[1]:
            result.crash("an unexpected exception reached the catch-all", (argv, texts[1][-300:]))
        else:
            result.accepted += code == 0


@contextlib.contextmanager
def cli_environment(folder: Path) -> Iterator[None]:
    """A temporary home and working folder for the in-process CLI, an empty standard input, an
    in-memory keyring, and the GUI stubbed out (a command line without a command opens it)."""
    import keyring

    import app.gui
    from app.paths import HOME_VARIABLE
    from tests.memory_keyring import MemoryKeyring

    saved_home, saved_cwd, saved_gui = os.environ.get(HOME_VARIABLE), Path.cwd(), app.gui.run_gui
    saved_stdin, saved_keyring = sys.stdin, keyring.get_keyring()
    os.environ[HOME_VARIABLE] = str(folder / "home")
    (folder / "cwd").mkdir(exist_ok=True)
    os.chdir(folder / "cwd")  # one level down: "../x" stays inside the temporary folder
    sys.stdin = io.StringIO("")
    keyring.set_keyring(MemoryKeyring())

    def no_gui(*args: object, **kwargs: object) -> int:
        return 0

    app.gui.run_gui = no_gui
    try:
        yield None
    finally:
        app.gui.run_gui = saved_gui
        keyring.set_keyring(saved_keyring)
        sys.stdin = saved_stdin
        os.chdir(saved_cwd)
        if saved_home is None:
            os.environ.pop(HOME_VARIABLE, None)
        else:
            os.environ[HOME_VARIABLE] = saved_home


# Running ------------------------------------------------------------------------------------


def run_target(target: str, inputs: int, seed: int) -> TargetResult:
    """Feeds `inputs` mutated inputs to one target; deterministic for a given seed."""
    rng = random.Random(f"{seed}:{target}")
    result = TargetResult(target, note=NOTES.get(target, ""))
    start = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix=f"fuzz-{target}-") as tmp,
        contextlib.ExitStack() as stack,
    ):
        folder = Path(tmp)
        fuzzer: DocumentFuzzer | TrustFuzzer | CsvFuzzer | CliFuzzer
        if target == "documents":
            fuzzer = DocumentFuzzer(rng)
        elif target == "trust":
            fuzzer = TrustFuzzer(rng)
        elif target == "csv":
            fuzzer = CsvFuzzer(rng, folder)
            stack.callback(fuzzer.close)
        elif target == "cli":
            stack.enter_context(cli_environment(folder))
            fuzzer = CliFuzzer(rng, folder)
        else:
            raise ValueError(f"unknown target {target}")
        for _ in range(inputs):
            result.inputs += 1
            fuzzer.one(result)
    result.elapsed = time.perf_counter() - start
    return result


def split_inputs(total: int, targets: Sequence[str]) -> dict[str, int]:
    shares = {t: SHARES[t] for t in targets}
    scale = sum(shares.values())
    counts = {t: max(1, int(total * share / scale)) for t, share in shares.items()}
    counts[targets[0]] += max(0, total - sum(counts.values()))
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="total inputs (default 100000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--target", action="append", choices=TARGETS, help="default: all four")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="processes")
    args = parser.parse_args(argv)
    targets = tuple(args.target or TARGETS)
    counts = split_inputs(args.inputs, targets)
    print(
        f"fuzzing {args.inputs:,} inputs, seed {args.seed}: "
        + ", ".join(f"{t} {counts[t]:,} ({SHARES[t]:.1%})" for t in targets),
        flush=True,
    )
    start = time.perf_counter()
    if args.jobs > 1 and len(targets) > 1:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            # The slowest first, so that the other targets fill the second process.
            order = sorted(targets, key=lambda t: -counts[t] * (40 if t == "cli" else 1))
            futures = {t: pool.submit(run_target, t, counts[t], args.seed) for t in order}
            results = [futures[t].result() for t in targets]
    else:
        results = [run_target(t, counts[t], args.seed) for t in targets]
    print(
        f"{'target':10} {'inputs':>8} {'crashes':>8} {'false acc.':>10} {'accepted':>9} {'elapsed':>8}"
    )
    for r in results:
        print(
            f"{r.target:10} {r.inputs:>8,} {r.crashes:>8} {r.false_accepts:>10} {r.accepted:>9,} "
            f"{r.elapsed:>7.1f}s  {r.note}"
        )
        for kind, count in sorted(r.kinds.items(), key=lambda item: -item[1]):
            print(f"  {count:>6} x {kind}")
        for example in r.examples:
            print("  " + example.replace("\n", "\n    "))
    crashes = sum(r.crashes for r in results)
    false_accepts = sum(r.false_accepts for r in results)
    print(
        f"total: {sum(r.inputs for r in results):,} inputs, {crashes} crashes, "
        f"{false_accepts} false accepts, {time.perf_counter() - start:.1f}s wall"
    )
    return 1 if crashes or false_accepts else 0


if __name__ == "__main__":
    sys.exit(main())
