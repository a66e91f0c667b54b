"""A signed document changed in any way is refused, and only ever with a `DocumentError`.

The model is Dangerzone's `tests/assets/signatures/{valid,invalid,tampered}`: one real document,
then every single-byte change of each part of it.
"""

from __future__ import annotations

import string

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import paserk, paseto
from licensing.claims import DocumentType
from licensing.documents import sign_document, verify_document
from licensing.errors import BadSignature, DocumentError, Malformed, UnknownKey
from licensing.trust import TrustedKey, TrustSource, TrustStore
from tests.factories import license_claims
from tests.licensing.samples import footer_bytes

MASKS = (0x01, 0x80)
B64URL = string.ascii_letters + string.digits + "-_"


def _refusal(data: bytes, trust: TrustStore) -> DocumentError:
    """The error `verify_document` refuses `data` with; fails the test if it is accepted.

    Any exception that is not a `DocumentError` propagates and fails the test as well.
    """
    try:
        verify_document(data, trust)
    except DocumentError as exc:
        return exc
    pytest.fail(f"a tampered document was accepted: {data[:80]!r}...")


def _assemble(message: bytes, signature: bytes, footer: bytes) -> bytes:
    token = paseto.HEADER + paseto.b64url_encode(message + signature)
    return f"{token}.{paseto.b64url_encode(footer)}".encode()


def _flips(data: bytes) -> list[tuple[int, int, bytes]]:
    return [
        (i, mask, data[:i] + bytes([data[i] ^ mask]) + data[i + 1 :])
        for i in range(len(data))
        for mask in MASKS
    ]


def test_the_untampered_document_verifies(license_token: str, trust: TrustStore) -> None:
    # The baseline: without it every refusal below could be for an unrelated reason.
    parts = paseto.split(license_token)
    assert verify_document(_assemble(parts.message, parts.signature, parts.footer), trust)


def test_every_flipped_message_byte_is_refused(license_token: str, trust: TrustStore) -> None:
    parts = paseto.split(license_token)
    assert len(parts.message) > 200
    for i, mask, message in _flips(parts.message):
        error = _refusal(_assemble(message, parts.signature, parts.footer), trust)
        assert isinstance(error, BadSignature), (i, mask, error)


def test_every_flipped_signature_byte_is_refused(license_token: str, trust: TrustStore) -> None:
    parts = paseto.split(license_token)
    for i, mask, signature in _flips(parts.signature):
        error = _refusal(_assemble(parts.message, signature, parts.footer), trust)
        assert isinstance(error, BadSignature), (i, mask, error)


def test_every_flipped_footer_byte_is_refused(license_token: str, trust: TrustStore) -> None:
    # A changed footer may still parse: then the kid is unknown, or the signature fails. It can
    # never reach the type check, which comes after the signature.
    parts = paseto.split(license_token)
    for i, mask, footer in _flips(parts.footer):
        error = _refusal(_assemble(parts.message, parts.signature, footer), trust)
        assert isinstance(error, BadSignature | Malformed | UnknownKey), (i, mask, error)


def test_every_replaced_token_character_is_refused(license_token: str, trust: TrustStore) -> None:
    """Changing any one character of the token text, the header included, is refused."""
    for i, char in enumerate(license_token):
        replacement = "A" if char != "A" else "B"
        if char == ".":
            replacement = "_"
        tampered = license_token[:i] + replacement + license_token[i + 1 :]
        _refusal(tampered.encode(), trust)


def test_a_changed_seat_count_under_the_old_signature_is_refused(
    license_token: str, trust: TrustStore
) -> None:
    parts = paseto.split(license_token)
    forged = _assemble(parts.message.replace(b"250", b"999"), parts.signature, parts.footer)
    assert isinstance(_refusal(forged, trust), BadSignature)


def test_every_truncation_is_refused(license_token: str, trust: TrustStore) -> None:
    for length in range(len(license_token)):
        _refusal(license_token[:length].encode(), trust)


def test_every_suffix_alone_is_refused(license_token: str, trust: TrustStore) -> None:
    for start in range(1, len(license_token)):
        _refusal(license_token[start:].encode(), trust)


FIXED_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
FIXED_KID = paserk.key_id(FIXED_KEY.public_key())
FIXED_STORE = TrustStore().with_keys(
    [
        TrustedKey(
            kid=FIXED_KID,
            public_key=FIXED_KEY.public_key(),
            source=TrustSource.VENDOR,
            origin="a fixed test key",
        )
    ]
)
FIXED_TOKEN = sign_document(DocumentType.LICENSE, license_claims(), FIXED_KEY).encode()


@settings(derandomize=True, database=None, max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(FIXED_TOKEN) - 1), st.sampled_from(B64URL.encode())),
        min_size=1,
        max_size=4,
    )
)
def test_random_multi_character_edits_are_refused(edits: list[tuple[int, int]]) -> None:
    # Hypothesis cannot use function-scoped fixtures, hence the module-level fixed document.
    tampered = bytearray(FIXED_TOKEN)
    for position, char in edits:
        tampered[position] = char
    if bytes(tampered) != FIXED_TOKEN:
        _refusal(bytes(tampered), FIXED_STORE)


@settings(derandomize=True, database=None, max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.text(alphabet=B64URL + ".", max_size=400).map(str.encode))
def test_arbitrary_bytes_only_ever_raise_document_errors(data: bytes) -> None:
    with pytest.raises(DocumentError):
        verify_document(data, TrustStore())


@settings(derandomize=True, database=None, max_examples=300, deadline=None)
@given(st.binary(min_size=64, max_size=300), st.text(max_size=30))
def test_forged_tokens_naming_a_trusted_key_are_refused(body: bytes, typ: str) -> None:
    """Random bodies under a footer that names a trusted key reach, and fail, the signature."""
    footer = footer_bytes(FIXED_KID, typ)
    token = _assemble(body[:-64], body[-64:], footer)
    with pytest.raises(BadSignature):
        verify_document(token, FIXED_STORE)
