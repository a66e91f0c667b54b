"""Trusted keys (licensing/trust.py; docs/rules.md, "Trust"): trust files, key ids computed from
the keys, the source that vouches for a key, and what a verification depends on."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from licensing import paserk, paseto
from licensing.claims import DocumentType
from licensing.documents import sign_document, verify_document
from licensing.errors import KeyFormatError
from licensing.trust import (
    MAX_TRUST_FILE_BYTES,
    TrustedKey,
    TrustSource,
    TrustStore,
    parse_trust_file,
    trust_file_text,
)
from tests.factories import Vendor, license_claims

GOOD_KEY = paserk.public_to_paserk(Ed25519PrivateKey.from_private_bytes(bytes(32)).public_key())


def _trusted(key: Ed25519PrivateKey, source: TrustSource, origin: str = "test") -> TrustedKey:
    return TrustedKey(
        kid=paserk.key_id(key.public_key()),
        public_key=key.public_key(),
        source=source,
        origin=origin,
    )


def _trust_file(*keys: str, **extra: object) -> bytes:
    return json.dumps({"keys": list(keys), **extra}).encode()


# Reading a trust file --------------------------------------------------------------------------


def test_trust_file_key_ids_are_computed_from_the_keys(vendor: Vendor) -> None:
    public = paserk.public_to_paserk(vendor.key.public_key())
    other = paserk.public_to_paserk(Ed25519PrivateKey.generate().public_key())
    keys = parse_trust_file(
        _trust_file(public, other, kid="k4.pid.forged"), TrustSource.VENDOR, "vendor.json"
    )
    assert [k.kid for k in keys] == [
        paserk.key_id(paserk.public_from_paserk(public)),
        paserk.key_id(paserk.public_from_paserk(other)),
    ]
    assert keys[0].kid == vendor.kid
    assert all(k.kid.startswith("k4.pid.") for k in keys)
    assert all(k.source is TrustSource.VENDOR for k in keys)
    assert all(k.origin == "vendor.json" for k in keys)


def test_the_written_trust_file_reads_back(vendor: Vendor) -> None:
    text = trust_file_text([vendor.key.public_key()])
    assert json.loads(text) == {"keys": [paserk.public_to_paserk(vendor.key.public_key())]}
    (key,) = parse_trust_file(text.encode(), TrustSource.ADDITIONAL, str(vendor.trust_file))
    assert key.kid == vendor.kid
    assert vendor.trust_file.read_text(encoding="utf-8") == text


def test_trust_file_saved_with_a_byte_order_mark_is_read(vendor: Vendor) -> None:
    data = "\ufeff".encode() + _trust_file(paserk.public_to_paserk(vendor.key.public_key()))
    keys = parse_trust_file(data, TrustSource.ADDITIONAL, "pasted.json")
    assert [k.kid for k in keys] == [vendor.kid]


def test_an_empty_key_list_trusts_nothing() -> None:
    assert parse_trust_file(_trust_file(), TrustSource.VENDOR, "empty.json") == []


def test_a_trust_file_of_exactly_64_kib_is_read() -> None:
    data = _trust_file(GOOD_KEY)
    data = data[:-1] + b" " * (MAX_TRUST_FILE_BYTES - len(data)) + b"}"
    assert len(data) == MAX_TRUST_FILE_BYTES == 64 * 1024
    assert len(parse_trust_file(data, TrustSource.VENDOR, "big.json")) == 1


@pytest.mark.parametrize(
    "data",
    [
        _trust_file(GOOD_KEY) + b" " * MAX_TRUST_FILE_BYTES,
        b"[" * (MAX_TRUST_FILE_BYTES + 1),
        b"\xff" * (10 * MAX_TRUST_FILE_BYTES),
    ],
    ids=["padded", "nested", "binary"],
)
def test_a_trust_file_over_64_kib_is_refused_before_parsing(data: bytes) -> None:
    with pytest.raises(KeyFormatError, match="larger than 64 KiB"):
        parse_trust_file(data, TrustSource.ADDITIONAL, "big.json")


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"not json", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b"", "not valid JSON"),
        (b"[" * 50_000 + b"]" * 10_000, "not valid JSON"),  # nested too deep for the parser
        (b"[]", '{"keys"'),
        (b"{}", '{"keys"'),
        (b"null", '{"keys"'),
        (b'{"keys": "k4.public.x"}', '{"keys"'),
        (b'{"keys": [1]}', '{"keys"'),
        (b'{"keys": [null]}', '{"keys"'),
        (_trust_file(GOOD_KEY, "k4.secret." + GOOD_KEY[10:]), "key 2 of the trust file"),
        (_trust_file(GOOD_KEY, "k3.public." + GOOD_KEY[10:]), "key 2 of the trust file"),
        (_trust_file("k4.public.not base64!"), "key 1 of the trust file"),
        (_trust_file(GOOD_KEY, GOOD_KEY, GOOD_KEY[:-2]), "key 3 of the trust file"),
        (_trust_file(GOOD_KEY + "AAAA"), "key 1 of the trust file"),
        (_trust_file(GOOD_KEY + "=="), "key 1 of the trust file"),
        (_trust_file("k4.public." + paseto.b64url_encode(bytes(31))), "31"),
        (_trust_file("k4.public." + paseto.b64url_encode(bytes(33))), "33"),
    ],
)
def test_trust_file_errors_say_what_is_wrong(data: bytes, fragment: str) -> None:
    with pytest.raises(KeyFormatError) as caught:
        parse_trust_file(data, TrustSource.VENDOR, "trust.json")
    assert fragment in str(caught.value)


@pytest.mark.parametrize("size", [31, 33, 64])
def test_wrong_length_keys_name_the_key_number(size: int) -> None:
    bad = "k4.public." + paseto.b64url_encode(bytes(size))
    with pytest.raises(KeyFormatError, match="key 2 of the trust file"):
        parse_trust_file(_trust_file(GOOD_KEY, bad), TrustSource.VENDOR, "trust.json")


@pytest.mark.parametrize(
    "entry",
    [
        lambda kid, key: {"kid": kid, "key": key},  # an entry claiming an id
        lambda kid, key: [kid, key],
        lambda kid, key: kid,  # an id is not a key
    ],
)
def test_a_trust_file_entry_cannot_claim_an_id(
    entry: Callable[[str, str], object], vendor: Vendor
) -> None:
    other_kid = paserk.key_id(Ed25519PrivateKey.generate().public_key())
    key = paserk.public_to_paserk(vendor.key.public_key())
    data = json.dumps({"keys": [entry(other_kid, key)]}).encode()
    with pytest.raises(KeyFormatError):
        parse_trust_file(data, TrustSource.ADDITIONAL, "trust.json")


def test_a_trust_file_mapping_ids_to_keys_is_refused(vendor: Vendor) -> None:
    other_kid = paserk.key_id(Ed25519PrivateKey.generate().public_key())
    key = paserk.public_to_paserk(vendor.key.public_key())
    with pytest.raises(KeyFormatError):
        parse_trust_file(
            json.dumps({"keys": {other_kid: key}}).encode(), TrustSource.VENDOR, "trust.json"
        )


# The trust store --------------------------------------------------------------------------------


def test_a_trusted_key_is_an_immutable_keyword_value(vendor: Vendor) -> None:
    key = vendor.trusted_key()
    assert (key.kid, key.source, key.origin) == (vendor.kid, TrustSource.VENDOR, "test vendor")
    with pytest.raises(dataclasses.FrozenInstanceError):
        key.source = TrustSource.DEMO  # type: ignore[misc]
    with pytest.raises(TypeError):
        TrustedKey(vendor.kid, vendor.key.public_key(), TrustSource.VENDOR, "x")  # type: ignore[misc]


def test_the_trust_source_is_reported() -> None:
    keys = {source: Ed25519PrivateKey.generate() for source in TrustSource}
    store = TrustStore()
    for source, key in keys.items():
        store = store.with_keys([_trusted(key, source)])
    for source, key in keys.items():
        token = sign_document(DocumentType.LICENSE, license_claims(), key)
        assert verify_document(token.encode(), store).trust is source
    assert {s.value for s in TrustSource} == {"vendor", "additional", "demo"}


def test_the_first_source_to_name_a_key_keeps_it(vendor: Vendor) -> None:
    token = vendor.token(DocumentType.LICENSE, license_claims()).encode()
    vendor_first = (
        TrustStore()
        .with_keys([_trusted(vendor.key, TrustSource.VENDOR, "vendor.json")])
        .with_keys([_trusted(vendor.key, TrustSource.ADDITIONAL, "added.json")])
    )
    assert verify_document(token, vendor_first).trust is TrustSource.VENDOR
    found = vendor_first.find(vendor.kid)
    assert found is not None
    assert found.origin == "vendor.json"
    additional_first = (
        TrustStore()
        .with_keys([_trusted(vendor.key, TrustSource.ADDITIONAL)])
        .with_keys([_trusted(vendor.key, TrustSource.VENDOR)])
    )
    assert verify_document(token, additional_first).trust is TrustSource.ADDITIONAL
    same_call = TrustStore().with_keys(
        [_trusted(vendor.key, TrustSource.DEMO), _trusted(vendor.key, TrustSource.VENDOR)]
    )
    assert verify_document(token, same_call).trust is TrustSource.DEMO


def test_with_keys_leaves_the_original_store_unchanged(vendor: Vendor) -> None:
    empty = TrustStore()
    bigger = empty.with_keys([vendor.trusted_key()])
    assert empty.find(vendor.kid) is None
    assert bigger.find(vendor.kid) is not None
    with pytest.raises(TypeError):
        bigger.keys["k4.pid.x"] = vendor.trusted_key()  # type: ignore[index]


def test_the_fingerprint_follows_the_keys_and_their_sources(vendor: Vendor) -> None:
    as_vendor = vendor.trust(TrustSource.VENDOR)
    assert as_vendor.fingerprint == vendor.trust(TrustSource.VENDOR).fingerprint
    assert as_vendor.fingerprint == {(vendor.kid, TrustSource.VENDOR)}
    # Where a key came from does not change what a verification depends on...
    renamed = TrustStore().with_keys([dataclasses.replace(vendor.trusted_key(), origin="other")])
    assert renamed.fingerprint == as_vendor.fingerprint
    # ...but the source it is trusted as does, and so do the keys.
    assert vendor.trust(TrustSource.ADDITIONAL).fingerprint != as_vendor.fingerprint
    assert vendor.trust(TrustSource.DEMO).fingerprint != as_vendor.fingerprint
    other = _trusted(Ed25519PrivateKey.generate(), TrustSource.VENDOR)
    assert as_vendor.with_keys([other]).fingerprint != as_vendor.fingerprint
    assert TrustStore().fingerprint == frozenset()


def test_a_parsed_trust_file_verifies_documents(vendor: Vendor) -> None:
    store = TrustStore().with_keys(
        parse_trust_file(vendor.trust_file.read_bytes(), TrustSource.ADDITIONAL, "added.json")
    )
    token = vendor.token(DocumentType.LICENSE, license_claims())
    assert verify_document(token.encode(), store).trust is TrustSource.ADDITIONAL
