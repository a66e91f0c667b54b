"""Mutation fuzzing of every parser and store that reads outside input, driven by
`random.Random(seed)`.

    python scripts/fuzz.py [--inputs 100000] [--seed 1] [--target NAME]... [--jobs 2]
    python scripts/fuzz.py --quick          a few hundred inputs per class (the smoke size of
                                            tests/hardening/test_fuzz_smoke.py)

Eight classes of input, each fed mutations of valid inputs (1 to 3 mutations stacked per input):

- documents: `licensing.documents.verify_document` on signed documents of all five types (raw,
  armored, wrapped like an e-mail) after byte flips, insertions, deletions, truncation, splicing
  of two documents, armor and whitespace noise, changed footer JSON, re-encoded base64 with a
  changed message or signature, non-canonical base64, other versions and purposes, and messages
  re-signed by a trusted, an untrusted or the public demo key.
- armor: `licensing.documents.token_from_bytes` and `verify_document` on adversarial shapes up to
  and just past the 64 KiB cap (`-----BEGIN` then 64 KiB of dashes, thousands of BEGIN lines,
  unclosed labels, a token hidden in prose, lines of token characters...): every call ends in a
  token or a `DocumentError` within `SLOW_SECONDS` (a parser that backtracks is a crash).
- trust: `licensing.trust.parse_trust_file` on mutated trust files, and one input in
  `APP_TRUST_EVERY` through the console: `app.trust.run_trust` with the mutated file as a
  `--trust` file or as the console's trusted-keys file, and `app.trust.add_keys` into it.
- csv: `app.tickets.parse_tickets_csv` on mutated CSV text (a `license_id` column, cells that
  look like formulas, huge fields, bad encodings), and one input in `CONSOLE_CSV_EVERY` also
  through `app.tickets.import_csv` on a real SQLite file holding two licenses (all or nothing;
  rows only to licenses that count) and exported back with `tickets_csv` (no cell a spreadsheet
  would run as a formula).
- requests: `app.requests.compose.compose_renewal` / `compose_packs` with mutated contact name,
  e-mail and phone, PO number and notes (CR/LF, control characters, bidirectional overrides,
  header-looking text): refused with a `UserError` or composed into text whose header block is
  exactly `To:` and `Subject:`, a subject without line breaks, a `mailto:` URL with only its
  `subject` and `body` fields, and an e-mail with only its own headers.
- settings: `app.settings.read_settings` / `load_settings` on random bytes and JSON: never
  raises, and every value it returns is within its declared bounds.
- stored: the columns of a real SQLite database (documents, tickets, disputes, requests,
  app_state) edited at random, then `portfolio_status` (and now and then the request list, the
  ticket list and `status --json` in-process): a `StorageError` (one line) is fine, any other
  exception is a crash; and what counts must never be more than the genuine signed documents
  give: every license, pack, statement and catalog that counts is one the vendor (or the
  additional key) signed, with its trust; `sm.end`, the annual allocation and the remaining
  tickets never exceed the genuine documents' (their allocation with no ticket charged).
- cli: `app.cli.main(argv)` in-process on mutated argument lists against a temporary SQLite
  database, with ENTITLEMENT_CONSOLE_HOME and the working folder in a temporary folder, stdout
  and stderr captured as a terminal would encode them, the GUI stubbed out.

A crash is any exception other than the documented typed errors (`DocumentError` subclasses,
`KeyFormatError`, `UserError` and its `StorageError`), a broken invariant, or for the CLI: an
exception out of `main`, a result that is not an int, "Traceback" in its output, or its catch-all
"internal error" line. A false accept is anything forged or tampered that is accepted or counted.

Prints per class: inputs, crashes, false accepts, accepted, elapsed; then the totals and the wall
time; exits 1 if any crash or false accept was found.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import csv
import email
import email.policy
import io
import json
import os
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import parse_qs, unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts._common import (  # noqa: E402
    TODAY,
    MemoryKeyring,
    Vendor,
    console_on,
    license_claims,
    pack_claims,
    portfolio_documents,
    sample_documents,
    seeded_key,
    sqlite_url,
    statement_claims,
    statement_ticket,
    trust_json,
    trust_store,
)

if TYPE_CHECKING:
    from app.console import Console

TARGETS = ("documents", "armor", "trust", "csv", "requests", "settings", "stored", "cli")
# Shares of --inputs. The classes that touch a database cost 10 to 100 times more per input.
SHARES = {
    "documents": 0.40,
    "armor": 0.05,
    "trust": 0.10,
    "csv": 0.17,
    "requests": 0.08,
    "settings": 0.10,
    "stored": 0.06,
    "cli": 0.04,
}
QUICK_INPUTS = {
    "documents": 300,
    "armor": 100,
    "trust": 300,
    "csv": 300,
    "requests": 150,
    "settings": 300,
    "stored": 150,
    "cli": 150,
}
"""Inputs per class of `--quick`: the smoke size, which tests/hardening runs class by class."""
SMOKE_SEED = 2024
COST = {"stored": 40, "cli": 60, "requests": 10, "csv": 3, "armor": 5}
"""Rough cost of one input against one document input, to balance the processes."""
APP_TRUST_EVERY = 5
CONSOLE_CSV_EVERY = 10
SLOW_SECONDS = 0.25
"""A document or armor input that takes longer (three times in a row) is a crash: every parser
is linear in its input, capped at 64 KiB, which takes about a millisecond here."""
MAX_EXAMPLES = 5
NOTES = {
    "trust": f"1 in {APP_TRUST_EVERY} also through run_trust and add_keys",
    "csv": f"1 in {CONSOLE_CSV_EVERY} also through import_csv and the export (SQLite)",
    "stored": "each input edits a real SQLite database, then reads the status",
    "cli": "each input opens the database (in-process main)",
}


@dataclass
class TargetResult:
    target: str
    inputs: int = 0
    crashes: int = 0
    false_accepts: int = 0
    accepted: int = 0
    elapsed: float = 0.0
    slowest: float = 0.0
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
        text = f"{kind} {what}: {sample!r:.300}"
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
    "\r",
    "\t",
    "\x00",
    "\x0b",
    "\x1b[31m",
    "\ufeff",
    "\u200b",
    "\u00a0",
    "\u0085",
    "\u2028",
    "\u202e",
    "\u2066",
    "é",
    "٣",
    "😀",
    '"',
    "'",
    ",",
    ";",
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
    "-----BEGIN",
    "-----",
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


_BYTE_PIECES = [p.encode("utf-8", "surrogatepass").decode("latin-1") for p in PIECES]


def havoc_bytes(rng: random.Random, data: bytes, donors: Sequence[bytes]) -> bytes:
    """`havoc` on bytes, through Latin-1 (one character per byte)."""
    text = havoc(rng, data.decode("latin-1"), [d.decode("latin-1") for d in donors], _BYTE_PIECES)
    return text.encode("latin-1")


def random_json(rng: random.Random, depth: int = 0, keys: Sequence[str] = ()) -> Any:
    kind = rng.randrange(8 if depth < 3 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 1, 587, 65536, 2**63, 10**30, 1.5, -0.0, 1e308])
    if kind == 3:
        return rng.choice(["", " ", "x", "k4.public.", "é", "\u0000", "2025-03-01", "A" * 5000])
    if kind == 4:
        return rng.choice(PIECES)
    if kind == 5:
        return [random_json(rng, depth + 1, keys) for _ in range(rng.randrange(4))]
    names = [*keys, "keys", "kid", "typ", "x", ""]
    return {rng.choice(names): random_json(rng, depth + 1, keys) for _ in range(rng.randrange(5))}


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


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    with contextlib.suppress(Exception):
        work()
    return time.perf_counter() - start


def too_slow(work: Callable[[], object], first: float) -> bool:
    """Whether `work` took longer than SLOW_SECONDS, confirmed twice (a busy moment of a shared
    machine is not a finding)."""
    return first > SLOW_SECONDS and min(timed(work) for _ in range(2)) > SLOW_SECONDS


# Class: signed documents --------------------------------------------------------------------

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


def holds_token(data: bytes, token: str) -> bool:
    """Whether the file holds `token`: its text with all whitespace removed (armor lines and
    whitespace anywhere are ignored, and a token may sit inside prose) contains it."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return token in "".join(text.split())


def token_candidates(data: bytes) -> set[str]:
    """The tokens a file may stand for, for the structural mutations: its text, or an armored
    part of it, with all whitespace removed."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return set()
    texts = [text, text.lstrip("\ufeff"), *(m.group(1) for m in _ARMOR_RE.finditer(text))]
    return {"".join(t.split()) for t in texts}


def demo_key() -> Any:
    """The public demo key's secret half, shipped in resources/ (anyone can sign with it)."""
    from licensing import paserk
    from resources import resource_path

    text = resource_path("demo", "demo-secret.paserk").read_text(encoding="ascii")
    return paserk.secret_from_paserk(text)


class DocumentFuzzer:
    """Signed documents of all five types and the mutations that must never verify."""

    def __init__(self, rng: random.Random, folder: Path) -> None:
        from licensing import paserk, paseto
        from licensing.claims import DocumentType
        from licensing.documents import sign_document
        from licensing.trust import TrustSource

        self.rng = rng
        self.paseto = paseto
        self.vendor_key, self.other_trusted, self.untrusted = (seeded_key(rng) for _ in range(3))
        self.demo = demo_key()
        self.trusted_by_kid = {
            paserk.key_id(k.public_key()): k for k in (self.vendor_key, self.other_trusted)
        }
        self.kids = [
            *self.trusted_by_kid,
            paserk.key_id(self.untrusted.public_key()),
            paserk.key_id(self.demo.public_key()),
        ]
        self.trust = trust_store(
            (self.vendor_key, TrustSource.VENDOR), (self.other_trusted, TrustSource.ADDITIONAL)
        )
        tokens = [sign_document(t, c, self.vendor_key) for t, c in sample_documents()]
        tokens.append(
            sign_document(DocumentType.LICENSE, license_claims("LIC-2"), self.other_trusted)
        )
        tokens.append(sign_document(DocumentType.SUPPORT_PACK, pack_claims("P9"), self.untrusted))
        tokens.append(sign_document(DocumentType.LICENSE, license_claims("LIC-D"), self.demo))
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
            self.files.append(f"Your key is {token} - keep it safe.\n".encode())
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
            else rng.choice([self.untrusted, self.demo, *self.trusted_by_kid.values()])
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
        start = time.perf_counter()
        try:
            document = verify_document(data, self.trust)
        except DocumentError:
            return
        except Exception as exc:
            result.crash("verify_document", data, exc)
            return
        finally:
            elapsed = time.perf_counter() - start
            result.slowest = max(result.slowest, elapsed)
            if too_slow(lambda: verify_document(data, self.trust), elapsed):
                result.crash(f"verify_document took over {SLOW_SECONDS}s", data)
        if document.token in legit and holds_token(data, document.token):
            result.accepted += 1
        else:
            result.false_accept("verify_document accepted a changed token", data)


# Class: armor -------------------------------------------------------------------------------


class ArmorFuzzer:
    """Adversarial shapes for the armor and whitespace reader, up to and just over 64 KiB."""

    CAP = 64 * 1024

    def __init__(self, rng: random.Random, folder: Path) -> None:
        from licensing.claims import DocumentType
        from licensing.trust import TrustSource

        self.rng = rng
        key = seeded_key(rng)
        self.trust = trust_store((key, TrustSource.VENDOR))
        vendor = Vendor(key, folder / "unused.json")
        self.tokens = [
            vendor.sign(DocumentType.LICENSE, license_claims()),
            vendor.sign(DocumentType.SUPPORT_PACK, pack_claims()),
        ]
        self.forged = demo_key_sign()
        self.shapes: list[Callable[[int], str]] = [
            self.begin_then_dashes,
            self.many_begins,
            self.unclosed_label,
            self.no_end,
            self.many_ends,
            self.token_characters,
            self.headers_in_prose,
            self.broken_lines,
            self.whitespace,
            self.hidden_token,
            self.nested_armor,
            self.random_pieces,
        ]

    def size(self) -> int:
        return self.rng.choice(
            [self.rng.randrange(1, 4096), self.rng.randrange(1, self.CAP), self.CAP - 16, self.CAP]
        )

    def begin_then_dashes(self, n: int) -> str:
        return "-----BEGIN" + "-" * (n - 10)

    def many_begins(self, n: int) -> str:
        unit = self.rng.choice(["-----BEGIN", "-----BEGIN ", "-----BEGIN X-----", "-----BEGIN\n"])
        return unit * (n // len(unit))

    def unclosed_label(self, n: int) -> str:
        return "-----BEGIN " + self.rng.choice(["X", "-", " ", "-----BEGIN"]) * (n - 11)

    def no_end(self, n: int) -> str:
        token = self.rng.choice(self.tokens)
        return "-----BEGIN KEY-----\n" + (token + "\n") * max(1, (n - 20) // (len(token) + 1))

    def many_ends(self, n: int) -> str:
        return "-----BEGIN K-----\n" + "-----END" * ((n - 18) // 8)

    def token_characters(self, n: int) -> str:
        unit = self.rng.choice(["A", "v4.public.", ".", "-", "_", "v4.public.AAAA."])
        return (unit * (n // len(unit) + 1))[:n]

    def headers_in_prose(self, n: int) -> str:
        unit = self.rng.choice(["v4.public. x\n", "v4.public.AAAA prose\n", "v4.public.\n", "v4."])
        return unit * (n // len(unit))

    def broken_lines(self, n: int) -> str:
        unit = self.rng.choice(["v4.public.AAAA\n", "AAAA\n", "A\n", "A \n", "A\r\n"])
        return "v4.public." + unit * ((n - 10) // len(unit))

    def whitespace(self, n: int) -> str:
        unit = self.rng.choice([" ", "\n", "\r\n", "\t", "\u00a0", "\u2028", "\u3000", "\x0b"])
        return unit * (n // len(unit.encode()))

    def hidden_token(self, n: int) -> str:
        token = self.rng.choice([*self.tokens, self.forged])
        filler = self.rng.choice(["lorem ipsum ", "-" * 40 + "\n", "> quoted\n", "=" * 76 + "\n"])
        before = filler * max(0, (n - len(token)) // (2 * len(filler)))
        return before + token + "\n" + before

    def nested_armor(self, n: int) -> str:
        token = self.rng.choice(self.tokens)
        depth = max(1, n // 64)
        return "-----BEGIN A-----\n" * depth + token + "\n-----END A-----" * depth

    def random_pieces(self, n: int) -> str:
        pieces = [*PIECES, *self.tokens, "-----BEGIN ", "-----END ", "-----\n"]
        out: list[str] = []
        length = 0
        while length < n:
            piece = self.rng.choice(pieces)
            out.append(piece)
            length += len(piece)
        return "".join(out)

    def data(self) -> bytes:
        rng = self.rng
        text = "".join(rng.choice(self.shapes)(self.size()) for _ in range(rng.choice([1, 1, 2])))
        encoded = text.encode("utf-8", "surrogatepass")
        if rng.random() < 0.2:
            encoded = havoc_bytes(rng, encoded, [])
        if rng.random() < 0.3:
            encoded = encoded[: self.CAP + rng.choice([-1, 0, 1, 64])]
        return encoded

    def one(self, result: TargetResult) -> None:
        from licensing.documents import token_from_bytes, verify_document
        from licensing.errors import DocumentError

        data = self.data()
        start = time.perf_counter()
        try:
            token_from_bytes(data)
            document = verify_document(data, self.trust)
        except DocumentError:
            return
        except Exception as exc:
            result.crash("token_from_bytes / verify_document", data[:300], exc)
            return
        finally:
            elapsed = time.perf_counter() - start
            result.slowest = max(result.slowest, elapsed)
            if too_slow(lambda: verify_document(data, self.trust), elapsed):
                result.crash(f"the armor reader took over {SLOW_SECONDS}s", data[:300])
        if document.token in self.tokens:
            result.accepted += 1
        else:
            result.false_accept("a token the vendor did not sign verified", data[:300])


def demo_key_sign() -> str:
    """A license signed by the public demo key: never trusted outside demo mode."""
    from licensing.claims import DocumentType
    from licensing.documents import sign_document

    return sign_document(DocumentType.LICENSE, license_claims("LIC-DEMO"), demo_key())


# Class: trust files -------------------------------------------------------------------------


class TrustFuzzer:
    def __init__(self, rng: random.Random, folder: Path) -> None:
        from licensing import paserk
        from resources import resource_path

        self.rng = rng
        self.folder = folder
        self.counter = 0
        keys = [seeded_key(rng) for _ in range(3)]
        self.vendor_file = resource_path("trust", "vendor.json")
        self.demo_file = resource_path("trust", "demo.json")
        shipped = [
            json.loads(path.read_text(encoding="utf-8"))["keys"][0]
            for path in (self.vendor_file, self.demo_file)
        ]
        self.vendor_paserk, self.demo_paserk = shipped
        self.vendor_kid = paserk.key_id(paserk.public_from_paserk(self.vendor_paserk))
        self.demo_kid = paserk.key_id(paserk.public_from_paserk(self.demo_paserk))
        self.paserks = [paserk.public_to_paserk(k.public_key()) for k in keys] + shipped
        self.files = [
            trust_json(keys[0]).encode(),
            trust_json(*keys).encode(),
            json.dumps({"keys": self.paserks[:2]}, indent=2).encode(),
            ("\ufeff" + trust_json(keys[1])).encode(),
            json.dumps({"keys": [], "comment": "rotated"}).encode(),
            json.dumps({"keys": [self.demo_paserk]}).encode(),
            json.dumps({"keys": [self.vendor_paserk, self.paserks[0]]}).encode(),
            json.dumps({"keys": [self.paserks[1], self.demo_paserk]}).encode(),
        ]
        self.console_keys = folder / "config" / "trusted-keys.json"
        self.console_keys.parent.mkdir(parents=True, exist_ok=True)
        self.given = folder / "given-trust.json"

    def mutated(self) -> bytes:
        rng = self.rng
        data = rng.choice(self.files)
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            op = rng.randrange(7)
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
            elif op == 5:
                document = {"keys": [rng.choice(self.paserks) for _ in range(rng.randint(0, 5))]}
            else:
                data = rng.choice(
                    [
                        deep_nesting(rng).encode(),
                        b'{"keys":' + deep_nesting(rng).encode() + b"}",
                        b'{"keys": ["' + b"A" * 70_000 + b'"]}',  # over the 64 KiB cap
                    ]
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
        from licensing.errors import KeyFormatError
        from licensing.trust import TrustSource, parse_trust_file

        data = self.mutated()
        try:
            keys = parse_trust_file(data, TrustSource.ADDITIONAL, "fuzz")
        except KeyFormatError:
            keys = None
        except Exception as exc:
            result.crash("parse_trust_file", data, exc)
            return
        if keys is not None:
            if any(k.kid != paserk.key_id(k.public_key) for k in keys):
                result.crash(
                    "parse_trust_file returned a key whose id is not computed from it", data
                )
                return
            result.accepted += 1
        self.counter += 1
        if self.counter % APP_TRUST_EVERY == 0:
            self.through_the_console(data, result)

    def through_the_console(self, data: bytes, result: TargetResult) -> None:
        """The mutated file as a `--trust` file, as the console's own file, and added to it."""
        from app.errors import UserError
        from app.trust import add_keys, run_trust
        from licensing import paserk
        from licensing.trust import TrustSource, TrustStore

        rng = self.rng
        self.given.write_bytes(data)
        console_file = rng.choice(["absent", "pristine", "mutated"])
        if console_file == "absent":
            self.console_keys.unlink(missing_ok=True)
        elif console_file == "pristine":
            self.console_keys.write_bytes(rng.choice(self.files[:3]))
        else:
            self.console_keys.write_bytes(self.mutated())
        demo = rng.random() < 0.2

        def check(store: TrustStore, what: str) -> None:
            for kid, key in store.keys.items():
                if kid != paserk.key_id(key.public_key):
                    result.crash(f"{what}: a key whose id is not computed from it", data)
                if kid == self.demo_kid and (not demo or key.source is not TrustSource.DEMO):
                    result.false_accept(f"{what}: the demo key is trusted outside demo mode", data)
                if kid == self.vendor_kid and key.source is not TrustSource.VENDOR:
                    result.false_accept(f"{what}: the vendor's key lost its source", data)

        for what, trust_files in (("run_trust", [self.given]), ("run_trust console file", [])):
            try:
                check(run_trust(demo, trust_files, self.console_keys), what)
            except UserError:
                pass
            except Exception as exc:
                result.crash(what, data, exc)
        try:
            add_keys(self.given, self.console_keys)
        except UserError:
            return
        except Exception as exc:
            result.crash("add_keys", data, exc)
            return
        try:
            check(run_trust(False, [], self.console_keys), "run_trust after add_keys")
        except Exception as exc:  # what add_keys wrote must read back
            result.crash("run_trust of the file add_keys wrote", data, exc)


# Class: ticket CSV files --------------------------------------------------------------------

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
    "LIC-1",
    "LIC-2",
    "LIC-X",
    " LIC-2 ",
    "LIC-1\u202e",
    "CS-3",
    "AS-1",
    "x" * 101,
    "x" * 100,
    "x" * 2001,
    "é",
    "\x00",
    "\x1b]0;title\x07",
    '"',
    '""',
    "a,b",
    "line\nbreak",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "'=1",
    "\ufeffcase_id",
]
_CSV_HEADER = "case_id,opened_on,kind,classification,category,title,license_id"


class CsvFuzzer:
    def __init__(self, rng: random.Random, folder: Path) -> None:
        self.rng = rng
        self.folder = folder
        self.counter = 0
        full = f"{_CSV_HEADER}\n" + "".join(
            f"CS-{i},2024-{1 + i % 12:02d}-0{1 + i % 9},{'incident' if i % 2 else 'service_request'},"
            f"{'customer' if i % 3 else 'product_bug'},{['product', 'upgrade', 'training'][i % 3]},"
            f'"Title {i}, ""quoted""",{["LIC-1", "LIC-2", ""][i % 3]}\n'
            for i in range(12)
        )
        self.texts = [
            full,
            full.replace("\n", "\r\n"),
            "\ufeff" + full,
            "case_id,opened_on\nA-1,2024-05-02\nA-2,2024-06-11\n\nA-3,2025-01-31\n",
            'opened_on,case_id,title\n2024-05-02,B-1,"multi\nline"\n2024-05-03,B-2,\n',
            "case_id,opened_on,license_id\nL-1,2024-05-02,LIC-2\nL-2,2024-05-03,LIC-1\n",
            "case_id,opened_on,title\nF-1,2024-05-02,=1+1\nF-2,2024-05-03,@cmd\nF-3,2024-05-04,'-x\n",
            "case_id,opened_on,kind,classification,category,title,license_id,source,outcome,bucket,dispute\n"
            "E-1,2024-05-02,incident,customer,product,,LIC-1,local,charged,annual,\n",
        ]
        self.console: Console | None = None
        self.licenses = {"LIC-1", "LIC-2"}
        self.vendor_cases: set[str] = set()

    def open_console(self) -> Console:
        from app.importing import import_documents
        from licensing.trust import TrustSource

        vendor = seeded_key(random.Random("csv-vendor"))
        console = console_on(
            sqlite_url(self.folder / "csv-fuzz.sqlite3"), trust_store((vendor, TrustSource.VENDOR))
        )
        documents = portfolio_documents()
        for _, claims in documents:
            self.vendor_cases.update(t["case_id"] for t in claims.get("tickets", []))
        signer = Vendor(vendor, self.folder / "unused.json")
        report = import_documents(
            console, [(f"d{i}", signer.sign(t, c).encode()) for i, (t, c) in enumerate(documents)]
        )
        if not report.succeeded:
            raise RuntimeError(f"the CSV fuzzer's portfolio did not import: {report.files}")
        return console

    def close(self) -> None:
        if self.console is not None:
            self.console.close()

    def mutated(self) -> str:
        rng = self.rng
        text = rng.choice(self.texts)
        for _ in range(rng.choice([1, 1, 2, 3])):
            op = rng.randrange(8)
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
                    header.append(rng.choice(["case_id", "extra", "", "title", "license_id"]))
                lines[0] = ",".join(header)
                text = "\n".join(lines)
            elif op == 6:  # a quoted field holding something else
                i = rng.randrange(1, len(lines)) if len(lines) > 1 else 0
                cell = rng.choice(_CSV_VALUES).replace('"', '""')
                lines[i] = lines[i] + f',"{cell}"'
                text = "\n".join(lines)
            else:
                text = rng.choice(
                    [
                        text + '"' + "x" * rng.choice([10, 140_000]),  # unclosed quote
                        text + f'Z-1,2024-05-02,incident,customer,product,"{"y" * 200_000}",\n',
                        text + "".join(f"N-{i},2024-05-02\n" for i in range(rng.randint(1, 300))),
                        text + "\n" * rng.randint(1, 50),
                        text.replace(",", rng.choice([";", "\t", ",,"])),
                    ]
                )
        return text

    def one(self, result: TargetResult) -> None:
        from app.tickets import parse_tickets_csv
        from licensing.values import one_line_problem

        text = self.mutated()
        try:
            parsed, errors = parse_tickets_csv(text)
        except Exception as exc:
            result.crash("parse_tickets_csv", text, exc)
            return
        case_ids = [t.case_id for _, t, _ in parsed]
        if len(set(case_ids)) != len(case_ids) or any(
            not c or one_line_problem(c, 100) for c in case_ids
        ):
            result.crash("parse_tickets_csv returned an invalid or repeated case id", text)
            return
        if any(one_line_problem(license, 200) for _, _, license in parsed):
            result.crash("parse_tickets_csv returned a license id that is not one line", text)
            return
        if not errors:
            result.accepted += 1
        self.counter += 1
        if self.counter % CONSOLE_CSV_EVERY == 0:
            self.through_console(text, result)

    def _encoded(self, text: str) -> bytes:
        rng = self.rng
        data = text.encode("utf-8", "surrogatepass")
        choice = rng.random()
        if choice < 0.1:
            data = havoc_bytes(rng, data, [])  # perhaps no longer UTF-8
        elif choice < 0.15:
            data = text.encode("utf-16", "surrogatepass")
        elif choice < 0.2:
            data = text.encode("latin-1", "replace")
        elif choice < 0.22:
            data = b"\xff\xfe\x00" + data
        return data

    def through_console(self, text: str, result: TargetResult) -> None:
        from sqlalchemy import select

        from app.errors import UserError
        from app.storage.schema import tickets
        from app.tickets import import_csv

        if self.console is None:
            self.console = self.open_console()
        console = self.console
        data = self._encoded(text)
        path = self.folder / "tickets.csv"
        path.write_bytes(data)

        def rows() -> dict[str, object]:
            with console.database.read() as connection:
                query = select(tickets.c.case_id, tickets.c.license_id)
                return {row.case_id: row.license_id for row in connection.execute(query)}

        before = rows()
        default = self.rng.choice([None, None, "LIC-1", "LIC-2", "LIC-X"])
        try:
            added = import_csv(console, path, license_id=default)
        except UserError:
            added = 0
        except Exception as exc:
            result.crash("import_csv", data[:300], exc)
            return
        after = rows()
        new = {k: v for k, v in after.items() if k not in before}
        if len(after) != len(before) + added or len(new) != added:
            result.crash("import_csv stored part of a file", data[:300])
        if any(v not in self.licenses for v in new.values()):
            result.false_accept(
                "import_csv stored a ticket for a license that does not count", data[:300]
            )
        if set(new) & self.vendor_cases:
            result.false_accept("import_csv stored a local copy of a vendor's case", data[:300])
        self.check_export(result)
        if len(after) > 3000:  # keep the ledger small: the next imports stay fast
            with console.database.write() as connection:
                connection.execute(tickets.delete())

    def check_export(self, result: TargetResult) -> None:
        from app.errors import UserError
        from app.tickets import list_tickets, parse_tickets_csv, tickets_csv

        assert self.console is not None
        try:
            entries = list_tickets(self.console, TODAY)
            text = tickets_csv(entries)
        except UserError:
            return
        except Exception as exc:
            result.crash("tickets_csv (export)", "", exc)
            return
        for record in csv.reader(io.StringIO(text)):
            for cell in record:
                if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
                    result.false_accept("an exported cell may run as a formula", cell[:80])
                    return
        parsed, _ = parse_tickets_csv(text)
        exported = {e.ticket.case_id: e.ticket.title for e in entries}
        read_back = {t.case_id: t.title for _, t, _ in parsed}
        if read_back != {k: v for k, v in exported.items() if k in read_back}:
            result.crash("an exported ticket reads back otherwise", text[:300])


# Class: request fields ----------------------------------------------------------------------

_FIELD_VALUES = [
    "",
    " ",
    "Jane Doe",
    "Zoë O'Brien-Łukasz",
    "jane@example.com",
    "jane@exa mple.com",
    "no-at-sign",
    "+1 (555) 010-0000",
    "PO-2025-0042",
    "PO\r\nBcc: victim@example.com",
    "PO\nX-Injected: 1",
    "x\rSubject: hi",
    "%0d%0aBcc:%20evil@example.com",
    "&cc=evil@example.com",
    "?subject=other",
    "\x00",
    "\x1b[2J",
    "\u202eevil\u202c",
    "\u2066isolated\u2069",
    "\u200f",
    "\u0085",
    "\u2028",
    "\t",
    "A" * 199,
    "A" * 201,
    "A" * 2001,
    "😀" * 60,
    '=HYPERLINK("x")',
    "line one\nline two",
    "line one\r\nline two",
    "a\r\n\r\nb",
    "=?utf-8?q?encoded?=",
    "PO =?utf-8?q?x=0D=0ABcc:_evil@example.com?= end",  # an encoded line break (RFC 2047)
    "=?utf-8?b?DQpCY2M6IGV2aWxAZXhhbXBsZS5jb20=?=",
]


class RequestFuzzer:
    """Contact fields, PO numbers and notes through the request composer."""

    def __init__(self, rng: random.Random, folder: Path) -> None:
        from app.importing import import_documents
        from licensing.trust import TrustSource

        self.rng = rng
        self.folder = folder
        key = seeded_key(rng)
        self.console = console_on(
            sqlite_url(folder / "requests.sqlite3"), trust_store((key, TrustSource.VENDOR))
        )
        vendor = Vendor(key, folder / "unused.json")
        report = import_documents(
            self.console,
            [
                (f"d{i}", vendor.sign(t, c).encode())
                for i, (t, c) in enumerate(portfolio_documents())
            ],
        )
        if not report.succeeded:
            raise RuntimeError(f"the request fuzzer's portfolio did not import: {report.files}")
        self.counter = 0

    def close(self) -> None:
        self.console.close()

    def value(self, good: Sequence[str]) -> str | None:
        """Mostly a good value (so that most requests get composed and checked), else one of
        the adversarial values, mutated or not."""
        rng = self.rng
        if rng.random() < 0.15:
            return None
        if rng.random() < 0.6:
            return rng.choice(good)
        value = rng.choice(_FIELD_VALUES)
        for _ in range(rng.choice([0, 0, 1, 2])):
            value = havoc(rng, value, _FIELD_VALUES, PIECES)
        return value

    def one(self, result: TargetResult) -> None:
        from app.errors import UserError
        from app.requests.compose import Contact, compose_packs, compose_renewal
        from licensing.errors import DateOutOfRange

        rng = self.rng
        contact = Contact(
            name=self.value(["Jane Doe", "Zoë O'Brien", "李雷"]),
            email=self.value(["jane@example.com", "ops+licenses@example.org"]),
            phone=self.value(["+1 555 0100", "020 7946 0000"]),
        )
        notes = self.value(["Please call first.", "Two lines\nof notes", "Rollout: Q3\r\nThanks"])
        as_of = rng.choice([TODAY, date(2026, 3, 1), date(2026, 7, 1)])
        try:
            if rng.random() < 0.5:
                request = compose_packs(
                    self.console,
                    as_of,
                    rng.choice([1, 1, 2, 3, 0, -1, 10**6]),
                    self.value(["PO-2025-0042", "4500012345"]) or "",
                    rng.choice(["LIC-1", "LIC-1", "LIC-2", "LIC-2", None, "LIC-X"]),
                    contact,
                    notes,
                )
            else:
                request = compose_renewal(
                    self.console,
                    as_of,
                    rng.choice([("LIC-1",), ("LIC-2",), ("LIC-1", "LIC-2"), (), ("LIC-X",)]),
                    rng.random() < 0.2,
                    rng.choice([None, None, 1, 2, 0, 100]),
                    rng.choice([None, None, 300]),
                    None,
                    contact,
                    notes,
                )
        except (UserError, DateOutOfRange):
            return
        except Exception as exc:
            result.crash("compose", (contact, notes), exc)
            return
        try:
            self.check(request, result)
        except Exception as exc:
            result.crash("a composed request could not be written out", (contact, notes), exc)
            return
        result.accepted += 1
        self.counter += 1
        if self.counter % 20 == 0:
            self.record(request, as_of, result)

    def check(self, request: Any, result: TargetResult) -> None:
        from app.requests.mail import build_message
        from licensing.values import one_line_problem

        subject = request.subject
        if one_line_problem(subject, 10_000):
            result.false_accept("a subject with a line break or a control character", subject)
        head, blank, _ = request.text().partition("\n\n")
        lines = head.split("\n")
        if not blank or len(lines) != 2 or not lines[0].startswith("To: "):
            result.false_accept("the request text has other header lines", head[:300])
        elif lines[1] != f"Subject: {subject}":
            result.false_accept("the request text's subject line is not the subject", head[:300])
        url = request.mailto_url()
        if any(c in url for c in "\r\n \t"):
            result.false_accept("the mailto: URL holds a raw line break or space", url[:300])
        parts = urlsplit(url)
        fields = parse_qs(parts.query, keep_blank_values=True)
        if (
            parts.scheme != "mailto"
            or unquote(parts.path) != request.recipient
            or set(fields) != {"subject", "body"}
            or fields["subject"] != [subject]
            or fields["body"] != [request.body]
        ):
            result.false_accept("the mailto: URL has other fields or values", url[:300])
        message = build_message(request, "admin@customer.example")
        parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
        names = {name.lower() for name in parsed}
        if names != {"from", "to", "subject", "mime-version", "content-type"}:
            result.false_accept("the e-mail has other headers", sorted(names))
        # A subject with a long word is folded before its first word: compare the words.
        if (
            str(parsed["subject"]).split() != subject.split()
            or str(parsed["to"]) != request.recipient
        ):
            result.false_accept("the e-mail's subject or recipient changed", str(parsed["subject"]))
        json.dumps(request.payload)

    def record(self, request: Any, as_of: date, result: TargetResult) -> None:
        """Saved as files for the portal: both files inside the folder given."""
        from app.errors import UserError
        from app.requests.model import Channel, RequestStatus
        from app.requests.record import record_request

        out = self.folder / "out"
        try:
            recorded = record_request(
                self.console, request, Channel.FILE, RequestStatus.SAVED, as_of, out
            )
        except UserError:
            return
        except Exception as exc:
            result.crash("record_request", request.subject, exc)
            return
        for path in (recorded.json_path, recorded.text_path):
            if path is None or path.resolve().parent != out.resolve():
                result.false_accept("a request file outside its folder", str(path))
        shutil.rmtree(out, ignore_errors=True)


# Class: settings files ----------------------------------------------------------------------


class SettingsFuzzer:
    def __init__(self, rng: random.Random, folder: Path) -> None:
        from dataclasses import asdict, fields

        from app.settings import Settings

        self.rng = rng
        self.path = folder / "settings.json"
        self.names = [f.name for f in fields(Settings)]
        defaults = asdict(Settings())
        self.files = [
            json.dumps(defaults, indent=2).encode(),
            json.dumps(
                {
                    **defaults,
                    "database_url": "postgresql+psycopg://u@db/x",
                    "smtp_host": "mail.example.com",
                    "smtp_port": 465,
                    "smtp_security": "ssl",
                    "contact_name": "Zoë",
                }
            ).encode(),
            b"{}",
        ]

    def data(self) -> bytes:
        rng = self.rng
        op = rng.randrange(7)
        if op == 0:
            return rng.randbytes(rng.randrange(64))
        if op == 1:
            document = random_json(rng, keys=self.names)
            return json.dumps(document, ensure_ascii=rng.random() < 0.5).encode(
                "utf-8", "surrogatepass"
            )
        if op == 2:
            return deep_nesting(rng).encode()
        if op == 3:
            return rng.choice([b"", b"\xef\xbb\xbf{}", b"\xff\xfe{}", b"[]", b"null", b"1e999"])
        if op == 4:  # just over the 1 MiB cap, or just under it
            size = 1024 * 1024 + rng.choice([-2, 1, 100])
            return b'{"contact_name": "' + b"x" * (size - 21) + b'"}'
        data = rng.choice(self.files)
        try:
            document = json.loads(data)
            for _ in range(rng.randint(1, 3)):
                name = rng.choice(self.names)
                document[name] = random_json(rng) if rng.random() < 0.5 else rng.choice(PIECES)
            data = json.dumps(document).encode()
        except (ValueError, TypeError):
            pass
        return havoc_bytes(rng, data, self.files) if op == 6 else data

    def one(self, result: TargetResult) -> None:
        from app.settings import Settings, load_settings, read_settings, settings_problems

        data = self.data()
        self.path.write_bytes(data)
        try:
            loaded = read_settings(self.path)
            settings = load_settings(self.path)
        except Exception as exc:
            result.crash("read_settings / load_settings raised", data[:300], exc)
            return
        problems = settings_problems(settings)
        if problems or not isinstance(settings, Settings) or loaded.settings != settings:
            result.crash(f"settings out of their bounds: {problems}", data[:300])
            return
        result.accepted += not loaded.problems


# Class: stored rows edited at random --------------------------------------------------------

_EDIT_VALUES: list[object] = [
    None,
    "",
    " ",
    0,
    -1,
    1,
    2**63 - 1,
    -(2**63),
    1.5,
    float("nan"),
    "2024-13-45",
    "2024-02-30",
    "2025-03-01",
    "2099-12-31",
    "9999-12-31",
    "0001-01-01",
    "2025-03-01T00:00:00+00:00",
    "2999-12-31T23:59:59+00:00",
    "not a date",
    "customer",
    "product_bug",
    "incident",
    "training",
    "PRODUCT",
    "LIC-1",
    "LIC-2",
    "LIC-FORGED",
    "LIC-OLD",
    "CS-1",
    "x" * 10_000,
    "\x1b[31m",
    "\u202e",
    "line\nbreak",
    b"\x00\xff\xfe",
    b"v4.public.",
    "{}",
    "[]",
    '{"licenses": 1}',
    '{"licenses": [{"license_id": null}]}',
    '{"mark": "2099-01-01", "on": "2025-03-01"}',
    "[" * 5000 + "]" * 5000,
    "0002_verified_portfolio",
    "latest_seen_date",
    "clock_acknowledged",
]
_TABLES = {
    "documents": ("id", "digest", "token", "imported_at"),
    "tickets": (
        "case_id",
        "license_id",
        "opened_on",
        "kind",
        "classification",
        "category",
        "title",
        "created_at",
        "updated_at",
    ),
    "disputes": (
        "case_id",
        "opened_on",
        "kind",
        "classification",
        "category",
        "reason",
        "disputed_by",
        "disputed_at",
    ),
    "requests": (
        "id",
        "kind",
        "license_id",
        "created_at",
        "updated_at",
        "status",
        "channel",
        "payload",
        "file_path",
    ),
    "app_state": ("key", "value"),
}
_TABLE_WEIGHTS = {"documents": 5, "tickets": 4, "disputes": 1, "requests": 1, "app_state": 1}


@dataclass(frozen=True)
class Genuine:
    """What the genuine signed documents give: the claims that may count, with their trust."""

    licenses: dict[str, list[Any]]
    """(claims, trust) of every genuine revision, by license id."""
    packs: set[tuple[Any, Any]]
    statements: set[tuple[Any, Any]]
    catalogs: set[tuple[Any, Any]]
    revocations: dict[str, str]
    tokens: set[str]


class StoredFuzzer:
    """A real database holding a portfolio (genuine documents of the vendor and of an additional
    key, forged ones, local tickets, a dispute, a request, the clock state), its rows edited at
    random before each read."""

    def __init__(self, rng: random.Random, folder: Path) -> None:
        from app.importing import import_documents
        from app.requests.compose import compose_renewal
        from app.requests.model import Channel, RequestStatus
        from app.requests.record import record_request
        from app.storage.documents import insert_document
        from app.tickets import classify, import_csv
        from licensing.claims import Classification, DocumentType
        from licensing.trust import TrustSource

        self.rng = rng
        self.folder = folder
        self.vendor = Vendor.create(rng, folder / "vendor", "vendor.json")
        self.additional = Vendor.create(rng, folder / "vendor", "additional.json")
        untrusted = Vendor(seeded_key(rng), folder / "unused.json")
        demo = Vendor(demo_key(), folder / "unused.json")
        self.trust = trust_store(
            (self.vendor.key, TrustSource.VENDOR), (self.additional.key, TrustSource.ADDITIONAL)
        )
        self.pristine = folder / "pristine.sqlite3"
        self.work = folder / "work.sqlite3"
        console = console_on(sqlite_url(self.pristine), self.trust)
        genuine = [(t, c, self.vendor) for t, c in portfolio_documents()]
        genuine.append(
            (
                DocumentType.SUPPORT_PACK,
                pack_claims("X1", "LIC-2", "2025-02-01", 3),
                self.additional,
            )
        )
        report = import_documents(
            console, [(f"g{i}", s.sign(t, c).encode()) for i, (t, c, s) in enumerate(genuine)]
        )
        if not report.succeeded:
            raise RuntimeError(f"the stored fuzzer's portfolio did not import: {report.files}")
        forged = [
            untrusted.sign(
                DocumentType.LICENSE,
                license_claims("LIC-FORGED", tickets_per_year=1000, sm_end="2099-01-01"),
            ),
            untrusted.sign(
                DocumentType.SUPPORT_PACK, pack_claims("PF", "LIC-1", "2025-01-01", 500)
            ),
            untrusted.sign(
                DocumentType.LICENSE,
                license_claims(revision=9, sm_end="2099-01-01", tickets_per_year=1000),
            ),
            demo.sign(
                DocumentType.LICENSE,
                license_claims(revision=8, sm_end="2098-01-01", tickets_per_year=900),
            ),
            untrusted.sign(
                DocumentType.TICKET_STATEMENT,
                statement_claims(
                    [
                        statement_ticket(f"CS-{i}", "2024-05-02", classification="product_bug")
                        for i in range(1, 8)
                    ],
                    issued_at="2025-03-01T09:00:00Z",
                ),
            ),
            untrusted.sign(
                DocumentType.REVOCATION_LIST,
                {
                    "issued_at": "2025-03-01T00:00:00Z",
                    "revoked": [{"license_id": "LIC-2", "reason": "x"}],
                },
            ),
        ]
        self.forged = forged
        with console.database.write() as connection:
            for token in forged:
                insert_document(connection, token, "2025-02-28T10:00:00+00:00")
        csv_path = folder / "local.csv"
        csv_path.write_text(
            "case_id,opened_on,classification,category,title,license_id\n"
            "L-1,2024-12-02,customer,product,Printer,LIC-1\n"
            "L-2,2025-01-15,customer,product,=1+1,LIC-1\n"
            "L-3,2025-02-10,product_bug,product,Bug,LIC-2\n"
            "L-4,2025-02-11,customer,training,Course,LIC-2\n",
            encoding="utf-8",
        )
        import_csv(console, csv_path)
        classify(console, "CS-4", Classification.PRODUCT_BUG, "a product bug, says the admin")
        request = compose_renewal(console, TODAY, ("LIC-1",))
        record_request(console, request, Channel.MAILTO, RequestStatus.OPENED, TODAY)
        console.close()
        self.genuine = self._genuine([s.sign(t, c) for t, c, s in genuine])
        self.ceilings: dict[date, dict[str, tuple[int, int, date]]] = {}
        self.console: Console | None = None
        self.counter = 0

    def _genuine(self, tokens: list[str]) -> Genuine:
        from licensing.claims import (
            LicenseClaims,
            ReleaseCatalogClaims,
            RevocationListClaims,
            SupportPackClaims,
            TicketStatementClaims,
        )
        from licensing.documents import verify_token

        licenses: dict[str, list[Any]] = {}
        packs, statements, catalogs = set(), set(), set()
        revocations: dict[str, str] = {}
        for token in tokens:
            document = verify_token(token, self.trust)
            claims, trust = document.claims, document.trust
            if isinstance(claims, LicenseClaims):
                licenses.setdefault(claims.license_id, []).append((claims, trust))
            elif isinstance(claims, SupportPackClaims):
                packs.add((claims, trust))
            elif isinstance(claims, TicketStatementClaims):
                statements.add((claims, trust))
            elif isinstance(claims, ReleaseCatalogClaims):
                catalogs.add((claims, trust))
            elif isinstance(claims, RevocationListClaims):
                revocations.update({r.license_id: r.reason for r in claims.revoked})
        return Genuine(licenses, packs, statements, catalogs, revocations, set(tokens))

    def ceiling(self, as_of: date) -> dict[str, tuple[int, int, date]]:
        """By license: the most remaining tickets, annual allocation and sm_end any genuine
        revision gives with every genuine pack and no ticket charged."""
        if as_of in self.ceilings:
            return self.ceilings[as_of]
        from licensing.policy import load_policy
        from licensing.portfolio import Signed, build_portfolio, evaluate

        policy = load_policy()
        packs = [
            Signed(document_id=i, claims=c, trust=t, kid="k", imported_at="")
            for i, (c, t) in enumerate(self.genuine.packs)
        ]
        found: dict[str, tuple[int, int, date]] = {}
        for license_id, revisions in self.genuine.licenses.items():
            best = (0, 0, date.min)
            for claims, trust in revisions:
                portfolio = build_portfolio(
                    licenses=[
                        Signed(document_id=0, claims=claims, trust=trust, kid="k", imported_at="")
                    ],
                    packs=packs,
                    statements=[],
                    catalogs=[],
                    revocations={},
                    rejected=[],
                    local_tickets={},
                    disputes=[],
                )
                balance = evaluate(portfolio, as_of, policy).licenses[0].balance
                best = (
                    max(best[0], balance.remaining_total),
                    max(best[1], balance.annual_allocated),
                    max(best[2], claims.sm_end),
                )
            found[license_id] = best
        self.ceilings[as_of] = found
        return found

    def close(self) -> None:
        if self.console is not None:
            self.console.close()

    # Edits -------------------------------------------------------------------------------

    def edit(self, connection: sqlite3.Connection) -> list[str]:
        """A few random edits of the work database; returns what was done."""
        rng = self.rng
        done = []
        for _ in range(rng.choice([1, 1, 2, 3, 5])):
            table = rng.choices(list(_TABLE_WEIGHTS), weights=list(_TABLE_WEIGHTS.values()))[0]
            rowids = [r for (r,) in connection.execute(f"SELECT rowid FROM {table}")]
            column = rng.choice(_TABLES[table])
            op = rng.randrange(10)
            try:
                if op <= 4 and rowids:
                    value = self.value(connection, table, column)
                    connection.execute(
                        f"UPDATE {table} SET {column} = ? WHERE rowid = ?",
                        (value, rng.choice(rowids)),
                    )
                    done.append(f"{table}.{column} = {value!r:.60}")
                elif op == 5 and rowids:
                    connection.execute(
                        f"DELETE FROM {table} WHERE rowid = ?", (rng.choice(rowids),)
                    )
                    done.append(f"delete a row of {table}")
                elif op == 6 and rowids:  # a copy of a row with one column changed
                    columns = ", ".join(_TABLES[table])
                    row = list(
                        connection.execute(
                            f"SELECT {columns} FROM {table} WHERE rowid = ?", (rng.choice(rowids),)
                        ).fetchone()
                    )
                    index = _TABLES[table].index(column)
                    row[index] = self.value(connection, table, column)
                    marks = ", ".join("?" * len(row))
                    connection.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", row)
                    done.append(f"copy a row of {table} with {column} = {row[index]!r:.60}")
                elif op == 7 and len(rowids) > 1:  # swap one column of two rows
                    a, b = rng.sample(rowids, 2)
                    (va,) = connection.execute(
                        f"SELECT {column} FROM {table} WHERE rowid = ?", (a,)
                    ).fetchone()
                    (vb,) = connection.execute(
                        f"SELECT {column} FROM {table} WHERE rowid = ?", (b,)
                    ).fetchone()
                    connection.execute(f"UPDATE {table} SET {column} = NULL WHERE rowid = ?", (a,))
                    connection.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (va, b))
                    connection.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (vb, a))
                    done.append(f"swap {table}.{column} of two rows")
                elif op == 8 and table == "documents":  # a forged or mangled token as a new row
                    token = rng.choice([*self.forged, *self.genuine.tokens])
                    choice = rng.random()
                    if choice < 0.4:
                        token = self.tampered(token)
                    elif choice < 0.7:
                        token = havoc(rng, token, [], PIECES)
                    connection.execute(
                        "INSERT INTO documents (digest, token, imported_at) VALUES (?, ?, ?)",
                        (f"fuzz-{rng.random()}", token, "2025-02-01T00:00:00+00:00"),
                    )
                    done.append(f"insert the token {token[:40]!r}")
                elif op == 9 and rng.random() < 0.1:
                    value = rng.choice(["0001_initial", "", "9999_future", None])
                    connection.execute("UPDATE alembic_version SET version_num = ?", (value,))
                    done.append(f"alembic_version = {value!r}")
            except sqlite3.Error as exc:
                done.append(f"refused by SQLite: {exc}")
        connection.commit()
        return done

    def value(self, connection: sqlite3.Connection, table: str, column: str) -> object:
        rng = self.rng
        op = rng.randrange(6)
        if op == 0:  # another row's value of the same column (or of another table)
            other = rng.choice([table, rng.choice(list(_TABLES))])
            other_column = column if other == table else rng.choice(_TABLES[other])
            values = [v for (v,) in connection.execute(f"SELECT {other_column} FROM {other}")]
            if values:
                return rng.choice(values)
        if column == "token" and rng.random() < 0.5:
            token = rng.choice([*self.forged, *self.genuine.tokens])
            choice = rng.random()
            if choice < 0.4:
                return self.tampered(token)
            return havoc(rng, token, [], PIECES) if choice < 0.7 else token
        if op == 2:
            (current,) = connection.execute(
                f"SELECT {column} FROM {table} ORDER BY random() LIMIT 1"
            ).fetchone() or (None,)
            if isinstance(current, str) and current:
                return havoc(rng, current, [], PIECES)
        return rng.choice(_EDIT_VALUES)

    def tampered(self, token: str) -> str:
        """The token with its claims changed to grant more (more tickets, a later sm_end, more
        packs, a customer ticket turned into a product bug) and re-encoded: with the original
        signature, or signed again by a key this run does not trust under the trusted key's id."""
        rng = self.rng
        parts = token.split(".")
        body = unb64(parts[2])
        claims = json.loads(body[:-64])
        grants = {
            "tickets_per_year": 1000,
            "sm_end": "2099-01-01",
            "packs": 500,
            "revision": 99,
            "purchased_on": "2025-02-28",
            "license_id": rng.choice(["LIC-1", "LIC-2", "LIC-FORGED"]),
        }
        for key in [k for k in grants if k in claims]:
            if rng.random() < 0.7:
                claims[key] = grants[key]
        for ticket in claims.get("tickets", []):
            ticket["classification"] = "product_bug"
        message = json.dumps(claims, separators=(",", ":")).encode()
        footer = unb64(parts[3])
        if rng.random() < 0.5:
            return f"v4.public.{b64(message + body[-64:])}.{parts[3]}"
        from licensing import paseto

        return paseto.sign(message, rng.choice([demo_key(), seeded_key(rng)]), footer)

    # One input -----------------------------------------------------------------------------

    def restore(self) -> None:
        """The work database back to the pristine one (or a copy of it the first time), through
        SQLite's backup: the console's own connections stay open and see the new content."""
        source = sqlite3.connect(self.pristine)
        target = sqlite3.connect(self.work)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()

    def one(self, result: TargetResult) -> None:
        from app.errors import StorageError, UserError
        from app.status import portfolio_status

        rng = self.rng
        self.counter += 1
        fresh = self.console is None or self.counter % 20 == 0
        self.restore()
        connection = sqlite3.connect(self.work)
        try:
            done = self.edit(connection)
        finally:
            connection.close()
        as_of = rng.choice([TODAY, TODAY, date(2024, 6, 1), date(2025, 12, 1), date(2026, 5, 1)])
        try:
            if fresh:  # opening checks the schema revision too
                if self.console is not None:
                    self.console.close()
                    self.console = None
                self.console = console_on(sqlite_url(self.work), self.trust)
            assert self.console is not None
            status = portfolio_status(self.console, as_of)
        except (StorageError, UserError):
            return  # one line, as the command line prints it
        except Exception as exc:
            result.crash("portfolio_status", done, exc)
            return
        self.check(status, as_of, done, result)
        if self.counter % 4 == 0:
            self.other_readers(as_of, done, result)
        result.accepted += 1

    def check(self, status: Any, as_of: date, done: list[str], result: TargetResult) -> None:
        genuine = self.genuine
        ceilings = self.ceiling(as_of)
        portfolio = status.portfolio
        for standing in status.licenses:
            license_id = standing.license_id
            pair = (standing.claims, standing.held.trust)
            if pair not in genuine.licenses.get(license_id, []):
                result.false_accept(
                    f"license {license_id!r} counts with claims nobody signed", done
                )
                continue
            if license_id in genuine.revocations:
                result.false_accept(f"the revoked license {license_id} counts", done)
            remaining, allocated, sm_end = ceilings[license_id]
            balance = standing.balance
            if balance.remaining_total > remaining or balance.annual_allocated > allocated:
                result.false_accept(
                    f"{license_id}: {balance.remaining_total} tickets left, more than the signed "
                    f"documents give ({remaining})",
                    done,
                )
            if standing.sm.end > sm_end:
                result.false_accept(
                    f"{license_id}: sm_end {standing.sm.end} was never signed", done
                )
            for pack in standing.packs:
                if (pack.claims, pack.trust) not in genuine.packs:
                    result.false_accept(f"pack {pack.claims.pack_id!r} counts unsigned", done)
        for statement in portfolio.statements:
            if (statement.claims, statement.trust) not in genuine.statements:
                result.false_accept("a statement nobody signed counts", done)
        for catalog in portfolio.catalogs:
            if (catalog.claims, catalog.trust) not in genuine.catalogs:
                result.false_accept("a catalog nobody signed counts", done)
        if any(genuine.revocations.get(k) != v for k, v in portfolio.revocations.items()):
            result.false_accept("a revocation nobody signed counts", done)

    def other_readers(self, as_of: date, done: list[str], result: TargetResult) -> None:
        """The ticket list, the request list, and `status --json` / `tickets list --json` of
        the command line (its wording, rendering and escaping) over the same edited rows."""
        from app.cli import main
        from app.errors import UserError
        from app.requests.record import list_requests
        from app.tickets import list_tickets

        assert self.console is not None
        for what, read in (
            ("list_tickets", lambda: list_tickets(self.console, as_of)),
            ("list_requests", lambda: list_requests(self.console)),
        ):
            try:
                read()
            except UserError:
                pass
            except Exception as exc:
                result.crash(what, done, exc)
        command = self.rng.choice(
            [["status", "--json"], ["status"], ["tickets", "list", "--json"], ["request", "list"]]
        )
        argv = ["--db", sqlite_url(self.work), "--as-of", as_of.isoformat(), *command]
        argv += ["--trust", str(self.vendor.trust_file), "--trust", str(self.additional.trust_file)]
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
        err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(argv)
        except BaseException as exc:
            result.crash(f"main {' '.join(command)}", done, exc)
            return
        printed = captured(out) + captured(err)
        if "internal error" in printed or "Traceback" in printed:
            result.crash(f"{' '.join(command)} failed inside", (done, printed[-300:]))
        elif code == 3 and len(captured(err).strip().splitlines()) != 1:
            result.crash(f"{' '.join(command)}: the error is not one line", (done, printed[-300:]))


def captured(stream: io.TextIOWrapper) -> str:
    try:
        stream.flush()
        buffer = stream.buffer
        assert isinstance(buffer, io.BytesIO)
        return buffer.getvalue().decode("utf-8", "replace")
    except ValueError:
        return ""


# Class: the command line --------------------------------------------------------------------


class CliFuzzer:
    def __init__(self, rng: random.Random, folder: Path) -> None:
        from licensing.claims import DocumentType

        self.rng = rng
        self.folder = folder
        vendor = Vendor.create(rng, folder / "vendor")
        other = Vendor.create(rng, folder / "vendor", "other-trust.json")
        self.db = sqlite_url(folder / "cli.sqlite3")
        docs = folder / "docs"
        docs.mkdir()
        files = {
            "license": vendor.write(docs / "license.key", DocumentType.LICENSE, license_claims()),
            "license2": vendor.write(
                docs / "license2.key", DocumentType.LICENSE, license_claims("LIC-2")
            ),
            "pack": vendor.write(docs / "pack.key", DocumentType.SUPPORT_PACK, pack_claims()),
            "statement": vendor.write(
                docs / "statement.key",
                DocumentType.TICKET_STATEMENT,
                statement_claims([statement_ticket("V-1", "2024-05-02")]),
            ),
            "other": other.write(docs / "other.key", DocumentType.LICENSE, license_claims("LIC-O")),
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
        dashes = docs / "dashes.key"
        dashes.write_bytes(b"-----BEGIN" + b"-" * 65_000)
        binary = docs / "binary.key"
        binary.write_bytes(bytes(range(256)))
        csv_file = folder / "tickets.csv"
        csv_file.write_text("case_id,opened_on\nCSV-1,2024-05-02\n", encoding="utf-8")
        csv_licensed = folder / "tickets-licensed.csv"
        csv_licensed.write_text(
            "case_id,opened_on,license_id,title\nCSV-L1,2024-05-02,LIC-1,=1+1\n"
            "CSV-L2,2024-05-03,LIC-2,@x\n",
            encoding="utf-8",
        )
        bad_csv = folder / "bad.csv"
        bad_csv.write_bytes(b"case_id,opened_on\n\xff\xfe,2024-05-02\n")
        bad_trust = folder / "bad-trust.json"
        bad_trust.write_text('{"keys": ["k4.public.xyz"]}', encoding="utf-8")
        deep_trust = folder / "deep-trust.json"
        deep_trust.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
        from resources import resource_path

        demo_trust = resource_path("trust", "demo.json")
        self.paths = [
            *(str(p) for p in files.values()),
            str(tampered),
            str(big),
            str(dashes),
            str(binary),
            str(csv_file),
            str(csv_licensed),
            str(bad_csv),
            str(folder),
            str(folder / "missing.key"),
            str(vendor.trust_file),
            str(other.trust_file),
            str(bad_trust),
            str(deep_trust),
            str(demo_trust),
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
            ["--trust", trust, "import", str(files["license2"])],
            ["--trust", trust, "status", "--json"],
            ["--as-of", "2025-03-01", "--trust", trust, "status"],
            ["--trust", trust, "--license", "LIC-1", "status", "--json"],
            ["--trust", trust, "tickets", "add", "--case", "CLI-1", "--opened", "2024-05-02"],
            [
                "--trust",
                trust,
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
                "--title",
                "t",
                "--license",
                "LIC-1",
            ],
            ["--trust", trust, "tickets", "classify", "CLI-1", "product_bug"],
            ["--trust", trust, "tickets", "classify", "V-1", "product_bug", "--reason", "bug"],
            [
                "--trust",
                trust,
                "tickets",
                "dispute",
                "V-1",
                "--category",
                "training",
                "--reason",
                "r",
            ],
            ["--trust", trust, "tickets", "withdraw", "V-1"],
            ["--trust", trust, "tickets", "assign", "CLI-1", "--license", "LIC-1"],
            ["--trust", trust, "tickets", "list", "--json"],
            ["--trust", trust, "tickets", "export", "--out", "export.csv"],
            ["--trust", trust, "tickets", "import", str(csv_file)],
            ["--trust", trust, "tickets", "import", str(csv_licensed)],
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
                "renewal",
                "--all-due",
                "--notes",
                "a\nb",
                "--via",
                "mailto",
            ],
            [
                "--trust",
                trust,
                "request",
                "packs",
                "--count",
                "2",
                "--po",
                "PO-1",
                "--contact-name",
                "Jane",
                "--out",
                str(folder / "requests"),
            ],
            ["request", "list", "--json"],
            ["request", "sent", "1"],
            ["request", "cancel", "1"],
            ["trust", "list", "--json"],
            ["trust", "add", str(other.trust_file), "--yes"],
            ["trust", "add", str(demo_trust), "--yes"],
            ["trust", "remove", other.kid],
            ["clock", "acknowledge"],
            ["--demo", "status", "--json"],
            ["db-password"],
        ]
        from app import cli

        # Two licenses, a pack, a statement and a catalog, so that every command has data.
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
            "--license",
            "--case",
            "--opened",
            "--kind",
            "--classification",
            "--category",
            "--title",
            "--reason",
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
            "--all-due",
            "--contact-name",
            "--contact-email",
            "--contact-phone",
            "--notes",
            "--yes",
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
            "dispute",
            "withdraw",
            "assign",
            "export",
            "list",
            "upgrade-check",
            "renewal-quote",
            "eligibility",
            "db-password",
            "request",
            "renewal",
            "packs",
            "sent",
            "cancel",
            "trust",
            "remove",
            "clock",
            "acknowledge",
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
            "LIC-1",
            "LIC-2",
            "LIC-X",
            "x" * 5000,
            "é",
            "\udcff",  # an undecodable byte of a POSIX argument (surrogateescape)
            "a\nb",
            "PO\r\nBcc: x@y",
            "\u202e",
            "'; DROP TABLE tickets; --",
            "=1+1",
            "../outside",
            "../../../../../../escape",
            *self.paths,
        ]
        self.db_values = [
            self.db,
            sqlite_url(folder / "other.sqlite3"),
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
        if "--demo" in argv:
            return argv
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
        texts = [captured(out), captured(err)]
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
def app_environment(folder: Path) -> Iterator[None]:
    """A temporary home and working folder for the console, an empty standard input, an
    in-memory keyring, and the GUI stubbed out (a command line without a command opens it)."""
    import keyring

    import app.gui
    from app.paths import HOME_VARIABLE

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

FUZZERS: dict[str, Callable[[random.Random, Path], Any]] = {
    "documents": DocumentFuzzer,
    "armor": ArmorFuzzer,
    "trust": TrustFuzzer,
    "csv": CsvFuzzer,
    "requests": RequestFuzzer,
    "settings": SettingsFuzzer,
    "stored": StoredFuzzer,
    "cli": CliFuzzer,
}


def run_target(target: str, inputs: int, seed: int) -> TargetResult:
    """Feeds `inputs` mutated inputs to one class; deterministic for a given seed."""
    rng = random.Random(f"{seed}:{target}")
    result = TargetResult(target, note=NOTES.get(target, ""))
    start = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix=f"fuzz-{target}-") as tmp,
        contextlib.ExitStack() as stack,
    ):
        folder = Path(tmp)
        stack.enter_context(app_environment(folder))
        fuzzer = FUZZERS[target](rng, folder)
        if hasattr(fuzzer, "close"):
            stack.callback(fuzzer.close)
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


def _run_all(counts: dict[str, int], seed: int, jobs: int) -> list[TargetResult]:
    targets = list(counts)
    if jobs <= 1 or len(targets) == 1:
        return [run_target(t, counts[t], seed) for t in targets]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # The costliest first, so that the cheap classes fill the other processes.
        order = sorted(targets, key=lambda t: -counts[t] * COST.get(t, 1))
        futures = {t: pool.submit(run_target, t, counts[t], seed) for t in order}
        return [futures[t].result() for t in targets]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="total inputs (default 100000)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"the smoke size ({sum(QUICK_INPUTS.values()):,} inputs), seed 2024 unless --seed",
    )
    parser.add_argument("--seed", type=int, help="default 1 (2024 with --quick)")
    parser.add_argument("--target", action="append", choices=TARGETS, help="default: every class")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="processes")
    args = parser.parse_args(argv)
    targets = tuple(args.target or TARGETS)
    if args.quick:
        counts = {t: QUICK_INPUTS[t] for t in targets}
        seed = SMOKE_SEED if args.seed is None else args.seed
    else:
        counts = split_inputs(args.inputs, targets)
        seed = 1 if args.seed is None else args.seed
    total = sum(counts.values())
    print(
        f"fuzzing {total:,} inputs, seed {seed}, {args.jobs} process(es): "
        + ", ".join(f"{t} {counts[t]:,}" for t in targets),
        flush=True,
    )
    start = time.perf_counter()
    results = _run_all(counts, seed, args.jobs)
    print(
        f"{'class':10} {'inputs':>8} {'crashes':>8} {'false acc.':>10} {'accepted':>9} "
        f"{'elapsed':>8} {'slowest':>8}"
    )
    for r in results:
        slowest = f"{r.slowest * 1000:.1f}ms" if r.slowest else "-"
        print(
            f"{r.target:10} {r.inputs:>8,} {r.crashes:>8} {r.false_accepts:>10} {r.accepted:>9,} "
            f"{r.elapsed:>7.1f}s {slowest:>8}  {r.note}"
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
