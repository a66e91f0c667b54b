"""The signed-document format (licensing/documents.py; docs/rules.md, "Signed documents"): the
file, the footer, trust, type, revocation.

Each refusal is checked for its error code (`verify`'s `error.code`), not only for failing.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from licensing import paserk, paseto
from licensing.claims import DocumentType, LicenseClaims, SupportPackClaims
from licensing.documents import (
    MAX_DOCUMENT_BYTES,
    VerifiedDocument,
    sign_document,
    token_from_bytes,
    unverified_label,
    verify_document,
    verify_token,
)
from licensing.errors import (
    BadSignature,
    ClaimError,
    DocumentError,
    InvalidClaims,
    Malformed,
    Revoked,
    TooLarge,
    UnknownKey,
    UnsupportedVersion,
    WrongType,
)
from licensing.trust import TrustSource, TrustStore
from tests.factories import Vendor, license_claims
from tests.licensing.samples import claims_bytes, example, footer_bytes, replaced, signed_raw

# --- a valid document, and what verification reports about it ---------------------------------


def test_valid_license_verifies_to_typed_claims(
    license_token: str, trust: TrustStore, vendor: Vendor
) -> None:
    document = verify_document(license_token.encode(), trust)
    assert isinstance(document, VerifiedDocument)
    assert document.type is DocumentType.LICENSE
    assert document.kid == vendor.kid
    assert document.trust is TrustSource.VENDOR
    assert document.token == license_token
    assert document.raw_claims == license_claims()
    assert isinstance(document.claims, LicenseClaims)
    assert document.claims.sm_end == date(2025, 4, 1)
    assert document.claims.sm_annual_fee.amount == Decimal("12000.00")
    assert verify_token(license_token, trust) == document
    with pytest.raises(dataclasses.FrozenInstanceError):
        document.trust = TrustSource.DEMO  # type: ignore[misc]


@pytest.mark.parametrize("document_type", list(DocumentType))
def test_every_document_type_round_trips(
    document_type: DocumentType, vendor: Vendor, trust: TrustStore
) -> None:
    token = vendor.token(document_type, example(document_type))
    document = verify_document(token.encode(), trust, expected_type=document_type)
    assert document.type is document_type
    assert document.raw_claims == example(document_type)


def test_the_footer_is_kid_and_typ(license_token: str, vendor: Vendor) -> None:
    footer = json.loads(paseto.split(license_token).footer)
    assert footer == {"kid": vendor.kid, "typ": "license"}


def test_signing_refuses_claims_that_would_not_validate(vendor: Vendor) -> None:
    with pytest.raises(ClaimError) as caught:
        sign_document(DocumentType.LICENSE, license_claims(revision=0), vendor.key)
    assert caught.value.claim == "revision"


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
def test_bad_footers_are_malformed(footer: bytes, vendor: Vendor, trust: TrustStore) -> None:
    token = signed_raw(
        json.dumps(license_claims()).encode(),
        vendor.key,
        footer.replace(b"KID", vendor.kid.encode()),
    )
    with pytest.raises(Malformed):
        verify_document(token, trust)


def test_duplicate_keys_are_malformed_even_if_the_values_agree(
    vendor: Vendor, trust: TrustStore
) -> None:
    # Parsers disagree on duplicates (first or last wins), so neither reading is trusted.
    footer = json.dumps({"kid": vendor.kid, "typ": "license"}).encode()
    message = b'{"license_id":"A",' + json.dumps(license_claims()).encode()[1:]
    with pytest.raises(Malformed) as caught:
        verify_document(signed_raw(message, vendor.key, footer), trust)
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
    message: bytes, vendor: Vendor, trust: TrustStore
) -> None:
    token = signed_raw(message, vendor.key, footer_bytes(vendor.kid, "license"))
    with pytest.raises(Malformed):
        verify_document(token, trust)


def test_claims_are_checked_only_after_the_signature(vendor: Vendor, trust: TrustStore) -> None:
    other = Ed25519PrivateKey.generate()
    token = signed_raw(b"[]", other, footer_bytes(vendor.kid, "license"))
    with pytest.raises(BadSignature):
        verify_document(token, trust)


def test_invalid_claims_name_the_claim_and_keep_the_raw_claims(
    vendor: Vendor, trust: TrustStore
) -> None:
    claims = replaced(license_claims(), "seats.users", -1)
    token = signed_raw(json.dumps(claims).encode(), vendor.key, footer_bytes(vendor.kid, "license"))
    with pytest.raises(InvalidClaims) as caught:
        verify_document(token, trust)
    assert "seats.users" in caught.value.message
    assert caught.value.raw_claims == claims
    assert caught.value.kid == vendor.kid
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


def test_a_document_from_an_untrusted_key_is_unknown_key(vendor: Vendor, trust: TrustStore) -> None:
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
    vendor: Vendor, trust: TrustStore
) -> None:
    """Ids are computed from keys: claiming a trusted kid while signing with another key fails."""
    impostor = Ed25519PrivateKey.generate()
    message = json.dumps(license_claims()).encode()
    token = signed_raw(message, impostor, footer_bytes(vendor.kid, "license"))
    with pytest.raises(BadSignature) as caught:
        verify_document(token, trust)
    assert caught.value.kid == vendor.kid
    assert caught.value.trust == "vendor"


# --- document type -----------------------------------------------------------------------------


@pytest.mark.parametrize("typ", ["invoice", "License", "license ", ""])
def test_an_unknown_typ_is_wrong_type(typ: str, vendor: Vendor, trust: TrustStore) -> None:
    token = signed_raw(
        json.dumps(license_claims()).encode(), vendor.key, footer_bytes(vendor.kid, typ)
    )
    with pytest.raises(WrongType) as caught:
        verify_document(token, trust)
    assert caught.value.code == "wrong_type"
    assert caught.value.document_type is None


def test_an_unexpected_type_is_wrong_type(vendor: Vendor, trust: TrustStore) -> None:
    token = sign_document(
        DocumentType.SUPPORT_PACK, example(DocumentType.SUPPORT_PACK), vendor.key
    ).encode()
    assert isinstance(verify_document(token, trust).claims, SupportPackClaims)
    with pytest.raises(WrongType) as caught:
        verify_document(token, trust, expected_type=DocumentType.LICENSE)
    assert caught.value.document_type == "support-pack"
    assert "license" in caught.value.message


def test_claims_are_read_as_the_signed_typ(vendor: Vendor, trust: TrustStore) -> None:
    """License claims under a `support-pack` footer are support-pack claims, and invalid."""
    message = json.dumps(license_claims()).encode()
    token = signed_raw(message, vendor.key, footer_bytes(vendor.kid, "support-pack"))
    with pytest.raises(InvalidClaims, match="pack_id"):
        verify_document(token, trust)


# --- revocation --------------------------------------------------------------------------------


def test_a_revoked_license_is_refused_with_its_claims(
    license_token: str, trust: TrustStore, vendor: Vendor
) -> None:
    revoked = {"LIC-1": "chargeback"}
    with pytest.raises(Revoked) as caught:
        verify_document(license_token.encode(), trust, revoked=revoked)
    error = caught.value
    assert error.code == "revoked"
    assert error.raw_claims == license_claims()
    assert error.kid == vendor.kid
    assert error.trust == "vendor"
    assert error.document_type == "license"
    assert "chargeback" in error.message


def test_revoking_another_license_changes_nothing(license_token: str, trust: TrustStore) -> None:
    document = verify_document(license_token.encode(), trust, revoked={"LIC-OTHER": "x"})
    assert document.type is DocumentType.LICENSE


def test_revocation_applies_to_licenses_only(vendor: Vendor, trust: TrustStore) -> None:
    pack = example(DocumentType.SUPPORT_PACK)
    token = sign_document(DocumentType.SUPPORT_PACK, pack, vendor.key).encode()
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
    vendor: Vendor,
    trust: TrustStore,
) -> None:
    claims = replaced(license_claims(), "customer.name", "Fabrikam Inc — Zürich")
    token = sign_document(DocumentType.LICENSE, claims, vendor.key)
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
    vendor: Vendor, trust: TrustStore
) -> None:
    """The implicit assertion is empty: a document signed with another one does not verify."""
    message = json.dumps(license_claims()).encode()
    token = signed_raw(
        message, vendor.key, footer_bytes(vendor.kid, "license"), implicit=b"tenant-1"
    )
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


# --- a token inside pasted prose ----------------------------------------------------------------


PROSE_FORMS: dict[str, Callable[[str], str]] = {
    "e-mail": lambda t: f"Hi, here is the key: {t}\n\nThanks",
    "e-mail crlf": lambda t: f"Hi,\r\n\r\nhere is the key: {t}\r\n\r\nThanks,\r\nJane\r\n",
    "wrapped over lines": lambda t: f"Hi, here is the key:\n{_wrapped(t, 60)}\n\nThanks, Jane",
    "wrapped and indented": lambda t: (
        "Hi, the key:\n"
        + "\n".join("    " + line for line in _wrapped(t, 64).splitlines())
        + "\n\nRegards, Jane"
    ),
    "wrapped after text on its line": lambda t: (
        f"Your key (keep it safe): {_wrapped(t, 70)}\n\n--\n"
    ),
    "prose after the token on its line": lambda t: f"Key: {t} (valid until renewed).",
}


@pytest.mark.parametrize("form", list(PROSE_FORMS))
def test_a_token_inside_pasted_prose_verifies(
    form: str, license_token: str, trust: TrustStore
) -> None:
    data = PROSE_FORMS[form](license_token).encode()
    assert token_from_bytes(data) == license_token
    assert verify_document(data, trust).token == license_token


def test_a_token_inside_prose_without_punctuation_verifies(
    license_token: str, trust: TrustStore
) -> None:
    email = f"Hello Jane\n\nHere is your license key\n\n{license_token}\n\nBest regards\nJohn\n"
    assert verify_document(email.encode(), trust).token == license_token


@pytest.mark.parametrize("width", [None, 60])
def test_a_token_followed_by_a_sign_off_on_the_next_line_verifies(
    width: int | None, license_token: str, trust: TrustStore
) -> None:
    token = license_token if width is None else _wrapped(license_token, width)
    email = f"Hi, here is the key:\n{token}\nThanks, Jane\n"
    assert verify_document(email.encode(), trust).token == license_token


def test_a_claims_json_file_is_named_as_such(trust: TrustStore) -> None:
    for text in (json.dumps(license_claims(), indent=2), json.dumps([license_claims()])):
        with pytest.raises(Malformed) as caught:
            verify_document(text.encode(), trust)
        assert "looks like JSON" in caught.value.message
        assert "claims rather than the signed key" in caught.value.message
    with pytest.raises(Malformed) as caught:
        verify_document(b"Hello, nothing to see here.", trust)
    assert "no license key" in caught.value.message
    assert "JSON" not in caught.value.message


@pytest.mark.parametrize("header", ["V4.public.", "v4.local.", "v3.public.", "v2.local."])
@pytest.mark.parametrize("form", ["bare", "armor"])
def test_other_versions_in_a_file_are_unsupported(
    header: str, form: str, license_token: str, trust: TrustStore
) -> None:
    token = header + license_token.removeprefix("v4.public.")
    text = FILE_FORMS[form](token)
    with pytest.raises(UnsupportedVersion) as caught:
        verify_document(text.encode(), trust)
    assert header.rstrip(".") in caught.value.message
    assert "only v4.public" in caught.value.message


# --- linear time on adversarial files ------------------------------------------------------------

PATHOLOGICAL: dict[str, tuple[bytes, str]] = {
    # (the file, a fragment of the Malformed message it must be refused with)
    "BEGIN then 64 KiB of dashes": (
        b"-----BEGIN" + b"-" * (MAX_DOCUMENT_BYTES - 10),
        "no '-----END' line",
    ),
    "many BEGIN markers": (b"-----BEGIN" * (MAX_DOCUMENT_BYTES // 10), "no '-----END' line"),
    "many BEGIN markers with labels": (
        b"-----BEGIN X-----\n" * (MAX_DOCUMENT_BYTES // 18),
        "no '-----END' line",
    ),
    "a BEGIN label that never closes": (
        b"-----BEGIN " + b"x" * (MAX_DOCUMENT_BYTES - 20) + b"\n-----",
        "is not closed with '-----'",
    ),
    "no END line": (
        b"-----BEGIN LICENSE-----\n" + b"A" * (MAX_DOCUMENT_BYTES - 30),
        "no '-----END' line",
    ),
    "a huge unbroken token-alphabet run": (b"A" * MAX_DOCUMENT_BYTES, "no license key"),
    "a huge run of dots": (b"." * MAX_DOCUMENT_BYTES, "no license key"),
    "a header then a huge run": (
        b"v4.public." + b"A" * (MAX_DOCUMENT_BYTES - 12),
        "has no footer",
    ),
    "headers over and over in prose": (
        b"Hi, " + b"v4.public." * (MAX_DOCUMENT_BYTES // 10 - 1),
        "wrong number of dot-separated parts",
    ),
    "a header then thousands of short lines": (
        b"Hi, v4.public.\n" + b"A\n" * 32_752,
        "has no footer",
    ),
    "64 KiB of prose": (b"Hi, there. " * (MAX_DOCUMENT_BYTES // 11), "no license key"),
    "64 KiB of nested JSON": (b"[" * MAX_DOCUMENT_BYTES, "looks like JSON"),
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_adversarial_files_are_refused_in_linear_time(name: str, trust: TrustStore) -> None:
    """A generous bound (the benchmark measures the real figure): a backtracking pattern or a
    quadratic scan takes seconds to minutes on these files."""
    data, fragment = PATHOLOGICAL[name]
    assert len(data) <= MAX_DOCUMENT_BYTES
    started = time.perf_counter()
    with pytest.raises(Malformed) as caught:
        verify_document(data, trust)
    elapsed = time.perf_counter() - started
    assert elapsed < 0.5, f"{name}: {elapsed:.3f} s"
    assert fragment in caught.value.message
    assert len(caught.value.message) < 200


# --- what a message shows of untrusted text -------------------------------------------------------


def test_an_unknown_kid_with_escape_codes_is_truncated_in_the_message(
    vendor: Vendor, trust: TrustStore
) -> None:
    kid = "\x1b]0;owned\x07\x1b[2J" + "k" * 5000
    token = signed_raw(claims_bytes(license_claims()), vendor.key, footer_bytes(kid, "license"))
    with pytest.raises(UnknownKey) as caught:
        verify_document(token, trust)
    error = caught.value
    assert error.kid == kid  # kept whole for the caller, which escapes what it prints
    assert kid[:80] in error.message
    assert kid[:81] not in error.message
    assert len(error.message) < 200
    assert error.document_type == "license"


def test_an_unknown_typ_is_truncated_in_the_message(vendor: Vendor, trust: TrustStore) -> None:
    typ = "\x1b[31m" + "t" * 5000
    token = signed_raw(claims_bytes(license_claims()), vendor.key, footer_bytes(vendor.kid, typ))
    with pytest.raises(WrongType) as caught:
        verify_document(token, trust)
    assert typ[:40] in caught.value.message
    assert len(caught.value.message) < 120
    assert caught.value.document_type is None


# --- naming a document that does not verify ------------------------------------------------------


@pytest.mark.parametrize(
    ("document_type", "subject", "license_id"),
    [
        (DocumentType.LICENSE, "LIC-1", "LIC-1"),
        (DocumentType.SUPPORT_PACK, "P1", "LIC-1"),
        (DocumentType.TICKET_STATEMENT, "LIC-1", "LIC-1"),
        (DocumentType.RELEASE_CATALOG, "PORTAL", None),
        (DocumentType.REVOCATION_LIST, None, None),
    ],
)
def test_an_unverified_label_names_what_the_token_says_it_is(
    document_type: DocumentType, subject: str | None, license_id: str | None
) -> None:
    stranger = Ed25519PrivateKey.generate()  # nobody trusts it: the label is read unverified
    label = unverified_label(sign_document(document_type, example(document_type), stranger))
    assert (label.document_type, label.subject, label.license_id) == (
        document_type,
        subject,
        license_id,
    )


@pytest.mark.parametrize(
    "token",
    ["", "garbage", "v4.public.AAAA", "v4.local.xyz.abc", "v4.public." + "A" * 100 + ".e30"],
)
def test_an_unreadable_token_is_labelled_with_nones(token: str) -> None:
    label = unverified_label(token)
    assert (label.document_type, label.subject, label.license_id) == (None, None, None)


def test_an_unverified_label_bounds_what_it_repeats(vendor: Vendor) -> None:
    claims = {**license_claims(), "license_id": "L" * 10_000}
    token = signed_raw(claims_bytes(claims), vendor.key, footer_bytes(vendor.kid, "invoice"))
    label = unverified_label(token.decode())
    assert label.document_type is None
    assert label.license_id == "L" * 200


def test_every_refusal_is_a_document_error_with_its_code() -> None:
    codes = {
        TooLarge: "too_large",
        Malformed: "malformed",
        UnsupportedVersion: "unsupported_version",
        UnknownKey: "unknown_key",
        BadSignature: "bad_signature",
        WrongType: "wrong_type",
        InvalidClaims: "invalid_claims",
        Revoked: "revoked",
    }
    for error_class, code in codes.items():
        assert issubclass(error_class, DocumentError)
        assert error_class.code == code
