"""The document format of SPEC.md section 4: the file, the footer, trust, type, revocation.

Each refusal is checked for its SPEC error code (`verify`'s `error.code`), not only for failing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from licensing import paserk, paseto
from licensing.claims import DocumentType, LicenseClaims, SupportPackClaims
from licensing.documents import (
    MAX_DOCUMENT_BYTES,
    TrustedKey,
    TrustSource,
    TrustStore,
    parse_trust_file,
    sign_document,
    token_from_bytes,
    verify_document,
)
from licensing.errors import (
    BadSignature,
    InvalidClaims,
    KeyFormatError,
    Malformed,
    Revoked,
    TooLarge,
    UnknownKey,
    UnsupportedVersion,
    WrongType,
)
from tests.licensing.samples import example, footer_bytes, license_claims, replaced, signed_raw

# --- a valid document, and what verification reports about it ---------------------------------


def test_valid_license_verifies_to_typed_claims(
    license_token: str, trust: TrustStore, kid: str
) -> None:
    document = verify_document(license_token.encode(), trust)
    assert document.type is DocumentType.LICENSE
    assert document.kid == kid
    assert document.trust is TrustSource.VENDOR
    assert document.token == license_token
    assert document.raw_claims == license_claims()
    assert isinstance(document.claims, LicenseClaims)
    assert document.claims.sm_end == date(2025, 4, 1)
    assert document.claims.sm_annual_fee.amount == Decimal("12000.00")


@pytest.mark.parametrize("document_type", list(DocumentType))
def test_every_document_type_round_trips(
    document_type: DocumentType, secret_key: Ed25519PrivateKey, trust: TrustStore
) -> None:
    token = sign_document(document_type, example(document_type), secret_key)
    document = verify_document(token.encode(), trust, expected_type=document_type)
    assert document.type is document_type
    assert document.raw_claims == example(document_type)


def test_the_footer_is_kid_and_typ(license_token: str, kid: str) -> None:
    footer = json.loads(paseto.split(license_token).footer)
    assert footer == {"kid": kid, "typ": "license"}


# --- the file: armor, whitespace, size ---------------------------------------------------------


def _wrapped(token: str, width: int, newline: str = "\n") -> str:
    return newline.join(token[i : i + width] for i in range(0, len(token), width))


FILE_FORMS: dict[str, Callable[[str], str]] = {
    "bare": lambda t: t,
    "trailing newline": lambda t: t + "\n",
    "armor": lambda t: (
        f"-----BEGIN ENTITLEMENT LICENSE-----\n{t}\n-----END ENTITLEMENT LICENSE-----\n"
    ),
    "armor crlf wrapped 64": lambda t: (
        "-----BEGIN LICENSE KEY-----\r\n"
        + _wrapped(t, 64, "\r\n")
        + "\r\n-----END LICENSE KEY-----\r\n"
    ),
    "e-mail wrapped at 64 with indentation": lambda t: "\n".join(
        "    " + line for line in _wrapped(t, 64).splitlines()
    ),
    "armor on one line": lambda t: f"-----BEGIN X----- {t} -----END X-----",
    "tabs and spaces": lambda t: "\t".join(t[i : i + 7] for i in range(0, len(t), 7)) + " \t ",
    "space inside the header": lambda t: t.replace("v4.public.", "v4. pub\tlic .", 1),
    "bom": lambda t: "\ufeff" + t,
    "bom and armor crlf": lambda t: (
        f"\ufeff-----BEGIN LICENSE-----\r\n{t}\r\n-----END LICENSE-----\r\n"
    ),
    "blank lines": lambda t: "\n\n\n" + _wrapped(t, 76, "\n\n") + "\n\n",
    "old mac line ends": lambda t: _wrapped(t, 50, "\r"),
}


@pytest.mark.parametrize("form", list(FILE_FORMS))
def test_armor_and_whitespace_anywhere_verify(
    form: str, license_token: str, trust: TrustStore
) -> None:
    data = FILE_FORMS[form](license_token).encode("utf-8")
    assert token_from_bytes(data) == license_token
    assert verify_document(data, trust).token == license_token


def _padded(token: str, size: int) -> bytes:
    """The token wrapped in lines and padded with blank lines to exactly `size` bytes."""
    data = (_wrapped(token, 64) + "\n").encode()
    return data + b"\n" * (size - len(data))


def test_a_file_of_exactly_64_kib_is_not_refused_for_size(
    license_token: str, trust: TrustStore
) -> None:
    data = _padded(license_token, MAX_DOCUMENT_BYTES)
    assert len(data) == 64 * 1024
    assert verify_document(data, trust).token == license_token


def test_a_file_of_64_kib_plus_one_is_too_large_even_if_otherwise_valid(
    license_token: str, trust: TrustStore
) -> None:
    data = _padded(license_token, MAX_DOCUMENT_BYTES + 1)
    assert token_from_bytes(data[:-1]) == license_token  # only the size is wrong
    with pytest.raises(TooLarge) as caught:
        verify_document(data, trust)
    assert caught.value.code == "too_large"


@pytest.mark.parametrize(
    "content", [b"\xff" * (MAX_DOCUMENT_BYTES + 1), b"{" * (MAX_DOCUMENT_BYTES * 4)]
)
def test_too_large_is_decided_before_parsing(content: bytes, trust: TrustStore) -> None:
    # Not UTF-8, or not a token at all: the size refusal must still come first.
    with pytest.raises(TooLarge):
        verify_document(content, trust)


def test_64_kib_of_garbage_is_malformed_not_too_large(trust: TrustStore) -> None:
    with pytest.raises(Malformed):
        verify_document(b"\xff" * MAX_DOCUMENT_BYTES, trust)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b" \r\n\t ",
        b"-----BEGIN LICENSE-----\n-----END LICENSE-----\n",
        b"\xef\xbb\xbf",
        b"\xff\xfe" + "v4.public.".encode("utf-16-le"),
        b"not a token",
        b"v4.public",
        b"v4.public.",
        b"v4.public..",
    ],
)
def test_files_without_a_token_are_malformed(content: bytes, trust: TrustStore) -> None:
    with pytest.raises(Malformed) as caught:
        verify_document(content, trust)
    assert caught.value.code == "malformed"


# --- the footer and the message ----------------------------------------------------------------


@pytest.mark.parametrize(
    "footer",
    [
        b"",  # no footer at all
        b"not json",
        b"[]",
        b'"kid"',
        b"{}",
        b'{"typ":"license"}',  # no kid
        b'{"kid":"KID"}',  # no typ
        b'{"kid":7,"typ":"license"}',
        b'{"kid":"KID","typ":null}',
        b'{"kid":"KID","typ":"license","kid":"KID"}',  # duplicate key
        b'{"kid":"KID","typ":"license"',
        b'\xff{"kid":"KID","typ":"license"}',
    ],
)
def test_bad_footers_are_malformed(
    footer: bytes, secret_key: Ed25519PrivateKey, kid: str, trust: TrustStore
) -> None:
    token = signed_raw(
        json.dumps(license_claims()).encode(), secret_key, footer.replace(b"KID", kid.encode())
    )
    with pytest.raises(Malformed):
        verify_document(token, trust)


def test_duplicate_keys_are_malformed_even_if_the_values_agree(
    secret_key: Ed25519PrivateKey, kid: str, trust: TrustStore
) -> None:
    # Parsers disagree on duplicates (first or last wins), so neither reading is trusted.
    footer = json.dumps({"kid": kid, "typ": "license"}).encode()
    message = b'{"license_id":"A",' + json.dumps(license_claims()).encode()[1:]
    with pytest.raises(Malformed) as caught:
        verify_document(signed_raw(message, secret_key, footer), trust)
    assert "license_id" in caught.value.message


@pytest.mark.parametrize(
    "message",
    [
        b"[]",
        b'"license"',
        b"42",
        b"null",
        b"",
        b"{",
        b"\xff\xfe{}",
        b'{"revision": NaN}',
        b'{"revision": Infinity}',
        b"[" * 20_000 + b"]" * 20_000,
    ],
)
def test_messages_that_are_not_a_json_object_are_malformed(
    message: bytes, secret_key: Ed25519PrivateKey, kid: str, trust: TrustStore
) -> None:
    token = signed_raw(message, secret_key, footer_bytes(kid, "license"))
    with pytest.raises(Malformed):
        verify_document(token, trust)


def test_claims_are_checked_only_after_the_signature(
    secret_key: Ed25519PrivateKey, kid: str, trust: TrustStore
) -> None:
    other = Ed25519PrivateKey.generate()
    token = signed_raw(b"[]", other, footer_bytes(kid, "license"))
    with pytest.raises(BadSignature):
        verify_document(token, trust)


def test_invalid_claims_name_the_claim_and_keep_the_raw_claims(
    secret_key: Ed25519PrivateKey, kid: str, trust: TrustStore
) -> None:
    claims = replaced(license_claims(), "seats.users", -1)
    token = signed_raw(json.dumps(claims).encode(), secret_key, footer_bytes(kid, "license"))
    with pytest.raises(InvalidClaims) as caught:
        verify_document(token, trust)
    assert "seats.users" in caught.value.message
    assert caught.value.raw_claims == claims
    assert caught.value.kid == kid
    assert caught.value.document_type == "license"


# --- version and purpose -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "v4.local.",
        "v3.public.",
        "v2.public.",
        "v1.public.",
        "V4.public.",
        "v4.Public.",
        "v5.public.",
    ],
)
def test_other_versions_and_purposes_are_unsupported(
    header: str, license_token: str, trust: TrustStore
) -> None:
    token = header + license_token.removeprefix("v4.public.")
    with pytest.raises(UnsupportedVersion) as caught:
        verify_document(token.encode(), trust)
    assert caught.value.code == "unsupported_version"


def test_a_v2_public_token_from_elsewhere_is_unsupported(trust: TrustStore) -> None:
    token = (
        "v2.public.eyJkYXRhIjoidGhpcyBpcyBhIHNpZ25lZCBtZXNzYWdlIiwiZXhwIjoiMjAxOS0wMS0wMVQwMDow"
        "MDowMCswMDowMCJ9HQr8URrGntTu7Dz9J2IF23d1M7-9lH9xiqdGyJNvzp4angPW5Esc7C5huy_M8I8_DjJK"
        "2ZXC2SUYuOFM-Q_5Cw"
    )
    with pytest.raises(UnsupportedVersion):
        verify_document(token.encode(), trust)


# --- trust -------------------------------------------------------------------------------------


def test_a_document_from_an_untrusted_key_is_unknown_key(
    secret_key: Ed25519PrivateKey, trust: TrustStore
) -> None:
    stranger = Ed25519PrivateKey.generate()
    token = sign_document(DocumentType.LICENSE, license_claims(), stranger)
    with pytest.raises(UnknownKey) as caught:
        verify_document(token.encode(), trust)
    assert caught.value.kid == paserk.key_id(stranger.public_key())
    assert caught.value.code == "unknown_key"


def test_an_empty_trust_store_trusts_nothing(license_token: str) -> None:
    with pytest.raises(UnknownKey):
        verify_document(license_token.encode(), TrustStore())


def test_a_footer_naming_a_trusted_kid_does_not_borrow_its_trust(
    kid: str, trust: TrustStore
) -> None:
    """Ids are computed from keys: claiming a trusted kid while signing with another key fails."""
    impostor = Ed25519PrivateKey.generate()
    message = json.dumps(license_claims()).encode()
    token = signed_raw(message, impostor, footer_bytes(kid, "license"))
    with pytest.raises(BadSignature) as caught:
        verify_document(token, trust)
    assert caught.value.kid == kid
    assert caught.value.trust == "vendor"


def test_trust_file_key_ids_are_computed_from_the_keys(secret_key: Ed25519PrivateKey) -> None:
    public = paserk.public_to_paserk(secret_key.public_key())
    other = paserk.public_to_paserk(Ed25519PrivateKey.generate().public_key())
    data = json.dumps({"keys": [public, other], "kid": "k4.pid.forged"}).encode()
    keys = parse_trust_file(data, TrustSource.VENDOR)
    assert [k.kid for k in keys] == [
        paserk.key_id(paserk.public_from_paserk(public)),
        paserk.key_id(paserk.public_from_paserk(other)),
    ]
    assert all(k.kid.startswith("k4.pid.") for k in keys)
    assert all(k.source is TrustSource.VENDOR for k in keys)


@pytest.mark.parametrize(
    "entry",
    [
        lambda kid, key: {"kid": kid, "key": key},  # an entry claiming an id
        lambda kid, key: [kid, key],
        lambda kid, key: kid,  # an id is not a key
    ],
)
def test_a_trust_file_entry_cannot_claim_an_id(
    entry: Callable[[str, str], object], secret_key: Ed25519PrivateKey
) -> None:
    other_kid = paserk.key_id(Ed25519PrivateKey.generate().public_key())
    key = paserk.public_to_paserk(secret_key.public_key())
    data = json.dumps({"keys": [entry(other_kid, key)]}).encode()
    with pytest.raises(KeyFormatError):
        parse_trust_file(data, TrustSource.ADDITIONAL)


def test_a_trust_file_mapping_ids_to_keys_is_refused(secret_key: Ed25519PrivateKey) -> None:
    other_kid = paserk.key_id(Ed25519PrivateKey.generate().public_key())
    key = paserk.public_to_paserk(secret_key.public_key())
    with pytest.raises(KeyFormatError):
        parse_trust_file(json.dumps({"keys": {other_kid: key}}).encode(), TrustSource.VENDOR)


def _trusted(key: Ed25519PrivateKey, source: TrustSource) -> TrustedKey:
    return TrustedKey(paserk.key_id(key.public_key()), key.public_key(), source)


def test_the_trust_source_is_reported() -> None:
    keys = {source: Ed25519PrivateKey.generate() for source in TrustSource}
    store = TrustStore()
    for source, key in keys.items():
        store = store.with_keys([_trusted(key, source)])
    for source, key in keys.items():
        token = sign_document(DocumentType.LICENSE, license_claims(), key)
        assert verify_document(token.encode(), store).trust is source
        assert TrustSource(source).value in {"vendor", "demo", "additional"}


def test_the_first_source_to_name_a_key_keeps_it(secret_key: Ed25519PrivateKey) -> None:
    token = sign_document(DocumentType.LICENSE, license_claims(), secret_key).encode()
    vendor_first = (
        TrustStore()
        .with_keys([_trusted(secret_key, TrustSource.VENDOR)])
        .with_keys([_trusted(secret_key, TrustSource.ADDITIONAL)])
    )
    assert verify_document(token, vendor_first).trust is TrustSource.VENDOR
    additional_first = (
        TrustStore()
        .with_keys([_trusted(secret_key, TrustSource.ADDITIONAL)])
        .with_keys([_trusted(secret_key, TrustSource.VENDOR)])
    )
    assert verify_document(token, additional_first).trust is TrustSource.ADDITIONAL
    same_call = TrustStore().with_keys(
        [_trusted(secret_key, TrustSource.DEMO), _trusted(secret_key, TrustSource.VENDOR)]
    )
    assert verify_document(token, same_call).trust is TrustSource.DEMO


def test_with_keys_leaves_the_original_store_unchanged(secret_key: Ed25519PrivateKey) -> None:
    empty = TrustStore()
    bigger = empty.with_keys([_trusted(secret_key, TrustSource.VENDOR)])
    assert empty.find(paserk.key_id(secret_key.public_key())) is None
    assert bigger.find(paserk.key_id(secret_key.public_key())) is not None


def test_a_parsed_trust_file_verifies_documents(secret_key: Ed25519PrivateKey) -> None:
    data = json.dumps({"keys": [paserk.public_to_paserk(secret_key.public_key())]}).encode()
    store = TrustStore().with_keys(parse_trust_file(data, TrustSource.ADDITIONAL))
    token = sign_document(DocumentType.LICENSE, license_claims(), secret_key)
    assert verify_document(token.encode(), store).trust is TrustSource.ADDITIONAL


GOOD_KEY = paserk.public_to_paserk(Ed25519PrivateKey.from_private_bytes(bytes(32)).public_key())


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"not json", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b"[]", "keys"),
        (b"{}", "keys"),
        (b'{"keys": "k4.public.x"}', "keys"),
        (b'{"keys": [1]}', "keys"),
        (json.dumps({"keys": [GOOD_KEY, "k4.secret." + GOOD_KEY[10:]]}).encode(), "key 2"),
        (json.dumps({"keys": [GOOD_KEY, "k3.public." + GOOD_KEY[10:]]}).encode(), "key 2"),
        (json.dumps({"keys": ["k4.public.not base64!"]}).encode(), "key 1"),
        (json.dumps({"keys": [GOOD_KEY, GOOD_KEY, GOOD_KEY[:-2]]}).encode(), "key 3"),
        (json.dumps({"keys": [GOOD_KEY + "AAAA"]}).encode(), "key 1"),
        (json.dumps({"keys": ["k4.public." + paseto.b64url_encode(bytes(31))]}).encode(), "31"),
        (json.dumps({"keys": ["k4.public." + paseto.b64url_encode(bytes(33))]}).encode(), "33"),
        (json.dumps({"keys": [GOOD_KEY + "=="]}).encode(), "key 1"),
    ],
)
def test_trust_file_errors_say_what_is_wrong(data: bytes, fragment: str) -> None:
    with pytest.raises(KeyFormatError) as caught:
        parse_trust_file(data, TrustSource.VENDOR)
    assert fragment in str(caught.value)


@pytest.mark.parametrize("size", [31, 33, 64])
def test_wrong_length_keys_name_the_key_number(size: int) -> None:
    bad = "k4.public." + paseto.b64url_encode(bytes(size))
    with pytest.raises(KeyFormatError, match="key 2 of the trust file"):
        parse_trust_file(json.dumps({"keys": [GOOD_KEY, bad]}).encode(), TrustSource.VENDOR)


# --- document type -----------------------------------------------------------------------------


@pytest.mark.parametrize("typ", ["invoice", "License", "license ", ""])
def test_an_unknown_typ_is_wrong_type(
    typ: str, secret_key: Ed25519PrivateKey, kid: str, trust: TrustStore
) -> None:
    token = signed_raw(json.dumps(license_claims()).encode(), secret_key, footer_bytes(kid, typ))
    with pytest.raises(WrongType) as caught:
        verify_document(token, trust)
    assert caught.value.code == "wrong_type"
    assert caught.value.document_type is None


def test_an_unexpected_type_is_wrong_type(secret_key: Ed25519PrivateKey, trust: TrustStore) -> None:
    token = sign_document(
        DocumentType.SUPPORT_PACK, example(DocumentType.SUPPORT_PACK), secret_key
    ).encode()
    assert isinstance(verify_document(token, trust).claims, SupportPackClaims)
    with pytest.raises(WrongType) as caught:
        verify_document(token, trust, expected_type=DocumentType.LICENSE)
    assert caught.value.document_type == "support-pack"
    assert "license" in caught.value.message


def test_claims_are_read_as_the_signed_typ(
    secret_key: Ed25519PrivateKey, kid: str, trust: TrustStore
) -> None:
    """License claims under a `support-pack` footer are support-pack claims, and invalid."""
    message = json.dumps(license_claims()).encode()
    token = signed_raw(message, secret_key, footer_bytes(kid, "support-pack"))
    with pytest.raises(InvalidClaims, match="pack_id"):
        verify_document(token, trust)


# --- revocation --------------------------------------------------------------------------------


def test_a_revoked_license_is_refused_with_its_claims(
    license_token: str, trust: TrustStore, kid: str
) -> None:
    revoked = {"LIC-2023-0042": "chargeback"}
    with pytest.raises(Revoked) as caught:
        verify_document(license_token.encode(), trust, revoked=revoked)
    error = caught.value
    assert error.code == "revoked"
    assert error.raw_claims == license_claims()
    assert error.kid == kid
    assert error.trust == "vendor"
    assert error.document_type == "license"
    assert "chargeback" in error.message


def test_revoking_another_license_changes_nothing(license_token: str, trust: TrustStore) -> None:
    document = verify_document(license_token.encode(), trust, revoked={"LIC-OTHER": "x"})
    assert document.type is DocumentType.LICENSE


def test_revocation_applies_to_licenses_only(
    secret_key: Ed25519PrivateKey, trust: TrustStore
) -> None:
    pack = example(DocumentType.SUPPORT_PACK)
    token = sign_document(DocumentType.SUPPORT_PACK, pack, secret_key).encode()
    revoked = {pack["license_id"]: "chargeback", pack["pack_id"]: "chargeback"}
    assert verify_document(token, trust, revoked=revoked).type is DocumentType.SUPPORT_PACK


# --- exact bytes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reserialize",
    [
        lambda c: json.dumps(c),  # default spacing
        lambda c: json.dumps(c, indent=2),
        lambda c: json.dumps(c, sort_keys=True, separators=(",", ":")),
        lambda c: json.dumps(c, ensure_ascii=True, separators=(",", ":")) + " ",
    ],
)
def test_the_exact_signed_bytes_are_verified(
    reserialize: Callable[[object], str],
    secret_key: Ed25519PrivateKey,
    trust: TrustStore,
) -> None:
    claims = replaced(license_claims(), "customer.name", "Contoso Ltd — Zürich")
    token = sign_document(DocumentType.LICENSE, claims, secret_key)
    parts = paseto.split(token)
    same_claims = reserialize(json.loads(parts.message)).encode()
    assert json.loads(same_claims) == json.loads(parts.message)
    assert same_claims != parts.message
    forged = (
        paseto.HEADER
        + paseto.b64url_encode(same_claims + parts.signature)
        + "."
        + paseto.b64url_encode(parts.footer)
    )
    with pytest.raises(BadSignature):
        verify_document(forged.encode(), trust)


def test_a_reserialized_footer_breaks_the_signature(license_token: str, trust: TrustStore) -> None:
    parts = paseto.split(license_token)
    footer = json.dumps(json.loads(parts.footer), indent=1).encode()
    forged = (
        paseto.HEADER
        + paseto.b64url_encode(parts.message + parts.signature)
        + "."
        + paseto.b64url_encode(footer)
    )
    with pytest.raises(BadSignature):
        verify_document(forged.encode(), trust)


def test_a_document_with_an_implicit_assertion_is_refused(
    secret_key: Ed25519PrivateKey, kid: str, trust: TrustStore
) -> None:
    """The implicit assertion is empty (SPEC): one signed with another does not verify."""
    message = json.dumps(license_claims()).encode()
    token = signed_raw(message, secret_key, footer_bytes(kid, "license"), implicit=b"tenant-1")
    with pytest.raises(BadSignature):
        verify_document(token, trust)


# --- a key pasted with the e-mail around it ----------------------------------------------------


def test_only_the_armored_part_of_a_pasted_email_counts(
    license_token: str, trust: TrustStore
) -> None:
    wrapped = "\n".join(license_token[i : i + 64] for i in range(0, len(license_token), 64))
    email = (
        "Hello,\r\n\r\nplease find your renewed license key below.\r\n\r\n"
        f"-----BEGIN LICENSE KEY-----\r\n{wrapped}\r\n-----END LICENSE KEY-----\r\n\r\n"
        "Kind regards,\r\nThe renewals team\r\n"
    )
    document = verify_document(email.encode(), trust)
    assert document.token == license_token


def test_trust_file_saved_with_a_byte_order_mark_is_read(secret_key: Ed25519PrivateKey) -> None:
    text = json.dumps({"keys": [paserk.public_to_paserk(secret_key.public_key())]})
    keys = parse_trust_file("\ufeff".encode() + text.encode(), TrustSource.ADDITIONAL)
    assert [k.kid for k in keys] == [paserk.key_id(secret_key.public_key())]
