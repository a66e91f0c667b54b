"""PASETO v4.public against the official test vectors and the specification's PAE known answers.

docs/rules.md#signed-documents: every `v4.public` vector (4-S-*) must verify to its payload, and
every expect-fail vector must be refused. The vectors are the repository's own copy,
`vectors/paseto-v4.json` beside this file (its origin is in `vectors/README.md`); when that file is
missing or holds no vectors, the tests fail with a message naming it, they are never skipped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    PublicFormat,
    load_pem_private_key,
    load_pem_public_key,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import paserk, paseto
from licensing.errors import BadSignature, DocumentError, Malformed, UnsupportedVersion

# The official PASETO v4 vectors, kept in the repository (see vectors/README.md for their origin).
VECTOR_FILE = Path(__file__).parent / "vectors" / "paseto-v4.json"


def _load_vectors() -> tuple[list[dict[str, Any]], str | None]:
    """The file's vectors, and why none could be read (None when the file was read)."""
    try:
        text = VECTOR_FILE.read_text(encoding="utf-8")
    except OSError as exc:
        return [], f"cannot read the official PASETO v4 test vectors at {VECTOR_FILE}: {exc}"
    try:
        document = json.loads(text)
    except ValueError as exc:
        return [], f"the PASETO v4 test-vector file {VECTOR_FILE} is not valid JSON: {exc}"
    tests = document.get("tests") if isinstance(document, dict) else None
    if not isinstance(tests, list) or not all(
        isinstance(v, dict) and isinstance(v.get("name"), str) for v in tests
    ):
        return [], f"the PASETO v4 test-vector file {VECTOR_FILE} has no list of named tests"
    return tests, None


VECTORS, LOAD_ERROR = _load_vectors()
SIGN_VECTORS = [v for v in VECTORS if v["name"].startswith("4-S-")]
FAIL_VECTORS = [v for v in VECTORS if v.get("expect-fail") is True]
# What each official expect-fail vector is refused as. A vector of another version or purpose is
# refused for that before anything else is read (documents.split), so 4-F-5 (a padded v4.local
# token) is UnsupportedVersion; padding itself is covered by test_padded_v4_public_is_malformed.
EXPECTED_FAILURE = {
    "4-F-1": UnsupportedVersion,  # v4.local token offered with a public key
    "4-F-2": BadSignature,  # v4.public token with a symmetric key: no public key verifies it
    "4-F-3": UnsupportedVersion,  # v3.local
    "4-F-4": UnsupportedVersion,  # v4.local with a modified tag
    "4-F-5": UnsupportedVersion,  # v4.local with padded base64
}


def _missing(what: str) -> str:
    """The failure message when the vectors a test needs are not there: it names the file."""
    reason = LOAD_ERROR or f"{VECTOR_FILE} lacks {what}"
    return f"{reason} (expected the official PASETO v4 test vectors in the repository)"


def _params(vectors: list[dict[str, Any]], what: str) -> list[Any]:
    """One parameter per vector; without any, one that fails naming the file (never a skip)."""
    if vectors:
        return [pytest.param(v, id=v["name"]) for v in vectors]
    return [pytest.param(None, id=f"missing-{what.split()[0]}-vectors")]


def _given(vector: dict[str, Any] | None, what: str) -> dict[str, Any]:
    if vector is None:
        pytest.fail(_missing(what), pytrace=False)
    return vector


def _sign_vector(index: int) -> dict[str, Any]:
    """The index-th 4-S-* vector, or a clear failure naming the file (not an IndexError)."""
    if index >= len(SIGN_VECTORS):
        pytest.fail(
            _missing(f"the {index + 1} v4.public (4-S-*) vectors this test needs"), pytrace=False
        )
    return SIGN_VECTORS[index]


SIGN = "v4.public (4-S-*) vectors"
FAIL = "expect-fail (4-F-*) vectors"
SIGN_PARAMS = _params(SIGN_VECTORS, SIGN)
FAIL_PARAMS = _params(FAIL_VECTORS, FAIL)


def _public_key(vector: dict[str, Any]) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(vector["public-key"]))


def test_vector_file_is_present_and_complete() -> None:
    assert LOAD_ERROR is None, LOAD_ERROR
    assert len(SIGN_VECTORS) >= 3, _missing("the v4.public vectors 4-S-1..4-S-3")
    assert len(FAIL_VECTORS) >= 5, _missing("the expect-fail vectors 4-F-1..4-F-5")
    assert {v["name"] for v in FAIL_VECTORS} >= set(EXPECTED_FAILURE), _missing(
        "every expect-fail vector " + ", ".join(sorted(EXPECTED_FAILURE))
    )


@pytest.mark.parametrize("vector", SIGN_PARAMS)
def test_public_vector_verifies_to_its_payload_and_footer(vector: dict[str, Any] | None) -> None:
    vector = _given(vector, SIGN)
    parts = paseto.verify(
        vector["token"], _public_key(vector), vector["implicit-assertion"].encode()
    )
    assert parts.message == vector["payload"].encode()
    assert parts.footer == vector["footer"].encode()
    assert len(parts.signature) == 64


@pytest.mark.parametrize("vector", SIGN_PARAMS)
def test_signing_with_the_vector_seed_reproduces_the_token(vector: dict[str, Any] | None) -> None:
    vector = _given(vector, SIGN)
    # Ed25519 is deterministic: the same key and input must give the same token, byte for byte.
    secret = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(vector["secret-key-seed"]))
    token = paseto.sign(
        vector["payload"].encode(),
        secret,
        vector["footer"].encode(),
        vector["implicit-assertion"].encode(),
    )
    assert token == vector["token"]


@pytest.mark.parametrize("vector", SIGN_PARAMS)
def test_vector_key_forms_agree(vector: dict[str, Any] | None) -> None:
    """The vector's seed, 64-byte secret key, PEM forms and public key all name one key pair."""
    vector = _given(vector, SIGN)
    seed = bytes.fromhex(vector["secret-key-seed"])
    public_raw = bytes.fromhex(vector["public-key"])
    assert bytes.fromhex(vector["secret-key"]) == seed + public_raw
    from_paserk = paserk.secret_from_paserk(
        paserk.SECRET_PREFIX + paseto.b64url_encode(bytes.fromhex(vector["secret-key"]))
    )
    assert from_paserk.private_bytes_raw() == seed
    pem_secret = load_pem_private_key(vector["secret-key-pem"].encode(), password=None)
    assert isinstance(pem_secret, Ed25519PrivateKey)
    assert pem_secret.private_bytes_raw() == seed
    pem_public = load_pem_public_key(vector["public-key-pem"].encode())
    assert isinstance(pem_public, Ed25519PublicKey)
    assert pem_public.public_bytes(Encoding.Raw, PublicFormat.Raw) == public_raw


@pytest.mark.parametrize("vector", SIGN_PARAMS)
def test_public_vector_with_another_implicit_assertion_is_refused(
    vector: dict[str, Any] | None,
) -> None:
    vector = _given(vector, SIGN)
    other = vector["implicit-assertion"].encode() + b"x"
    with pytest.raises(BadSignature):
        paseto.verify(vector["token"], _public_key(vector), other)


@pytest.mark.parametrize("vector", SIGN_PARAMS)
def test_public_vector_with_another_key_is_refused(vector: dict[str, Any] | None) -> None:
    vector = _given(vector, SIGN)
    other = Ed25519PrivateKey.generate().public_key()
    with pytest.raises(BadSignature):
        paseto.verify(vector["token"], other, vector["implicit-assertion"].encode())


def _candidate_keys(vector: dict[str, Any]) -> list[Ed25519PublicKey]:
    """Every key a confused verifier might try: the 4-S public key and the symmetric key as one."""
    keys = [_public_key(_sign_vector(0))]
    for field in ("public-key", "key"):
        if field in vector:
            keys.append(Ed25519PublicKey.from_public_bytes(bytes.fromhex(vector[field])))
    return keys


@pytest.mark.parametrize("vector", FAIL_PARAMS)
def test_expect_fail_vector_is_refused(vector: dict[str, Any] | None) -> None:
    vector = _given(vector, FAIL)
    expected = EXPECTED_FAILURE.get(vector["name"], DocumentError)
    for key in _candidate_keys(vector):
        for implicit in {vector["implicit-assertion"].encode(), b""}:
            with pytest.raises(expected):
                paseto.verify(vector["token"], key, implicit)


def test_padded_v4_public_is_malformed() -> None:
    """PASETO forbids base64 padding (the point of 4-F-5); a padded v4.public token is malformed."""
    vector = _sign_vector(0)
    for padding in ("=", "=="):
        with pytest.raises(Malformed):
            paseto.verify(vector["token"] + padding, _public_key(vector))
    with_footer = _sign_vector(1)
    with pytest.raises(Malformed):
        paseto.verify(with_footer["token"] + "==", _public_key(with_footer))


@pytest.mark.parametrize("suffix", [".", "..", ".e30."])
def test_extra_or_empty_parts_are_malformed(suffix: str) -> None:
    """One token, one encoding: `v4.public.<body>.` must not pass as the footer-less token."""
    vector = _sign_vector(0)
    assert vector["footer"] == ""
    with pytest.raises(Malformed):
        paseto.verify(vector["token"] + suffix, _public_key(vector))


def test_v4_public_vector_relabelled_as_another_version_is_refused() -> None:
    vector = _sign_vector(1)
    body = vector["token"].removeprefix("v4.public.")
    for header in (
        "v4.local.",
        "v3.public.",
        "v2.public.",
        "v1.public.",
        "V4.public.",
        "v4.PUBLIC.",
    ):
        with pytest.raises(UnsupportedVersion):
            paseto.verify(header + body, _public_key(vector))


# PAE known answers, from the PASETO specification (docs/01-Protocol-Versions/Common.md).
@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        ((), b"\x00\x00\x00\x00\x00\x00\x00\x00"),
        ((b"",), b"\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"),
        ((b"test",), b"\x01\x00\x00\x00\x00\x00\x00\x00\x04\x00\x00\x00\x00\x00\x00\x00test"),
        ((b"", b""), b"\x02" + b"\x00" * 7 + b"\x00" * 16),
        (
            (b"a", b"bc"),
            b"\x02" + b"\x00" * 7 + b"\x01" + b"\x00" * 7 + b"a" + b"\x02" + b"\x00" * 7 + b"bc",
        ),
    ],
)
def test_pae_known_answers(pieces: tuple[bytes, ...], expected: bytes) -> None:
    assert paseto.pae(*pieces) == expected


@settings(derandomize=True, database=None, max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=8), max_size=4), st.lists(st.binary(max_size=8), max_size=4))
def test_pae_is_injective(a: list[bytes], b: list[bytes]) -> None:
    """Different piece lists never encode alike: the property the signature relies on."""
    if a != b:
        assert paseto.pae(*a) != paseto.pae(*b)


@settings(derandomize=True, database=None, max_examples=200, deadline=None)
@given(st.binary(max_size=100))
def test_b64url_round_trips_without_padding(data: bytes) -> None:
    text = paseto.b64url_encode(data)
    assert "=" not in text
    assert "+" not in text
    assert "/" not in text
    assert paseto.b64url_decode(text) == data


@pytest.mark.parametrize(
    "text",
    [
        "AA==",  # padding
        "AA=",
        "A",  # a length no encoding has
        "AAAAA",
        "AB",  # non-canonical: the unused low bits are not zero
        "AAB",
        "a+b/",  # standard, not URL-safe, alphabet
        "AA AA",
        "AA\nAA",
        "ÄÄÄÄ",
    ],
)
def test_b64url_decode_refuses_anything_but_canonical_unpadded(text: str) -> None:
    with pytest.raises(Malformed):
        paseto.b64url_decode(text)
