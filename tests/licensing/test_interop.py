"""Interoperability with pyseto, an independent PASETO/PASERK implementation (test-only dependency).

Our tokens must verify in pyseto, pyseto's tokens must verify in our document layer, and both
must agree on PASERK strings and key ids.
"""

from __future__ import annotations

import json

import pyseto
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from pyseto import Key, KeyInterface

from licensing import paserk
from licensing.claims import DocumentType, LicenseClaims
from licensing.documents import sign_document, verify_document
from licensing.errors import BadSignature, UnknownKey
from licensing.trust import TrustSource, TrustStore, parse_trust_file
from tests.factories import Vendor, license_claims
from tests.licensing.samples import example

# The key of the official 4-S vectors, so one case is not a freshly generated key.
VECTOR_SEED = bytes.fromhex("b4cbfb43df4ce210727d953e4a713307fa19bb7d9f85041438d9e11b942a3774")


def _keys() -> list[Ed25519PrivateKey]:
    return [Ed25519PrivateKey.from_private_bytes(VECTOR_SEED)] + [
        Ed25519PrivateKey.generate() for _ in range(4)
    ]


def _trust_file(public: KeyInterface) -> bytes:
    return json.dumps({"keys": [public.to_paserk()]}).encode()


def _pyseto_pair(key: Ed25519PrivateKey) -> tuple[KeyInterface, KeyInterface]:
    """pyseto's own secret and public key objects, made from PEM rather than from our PASERK."""
    secret_pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    public_pem = key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    return Key.new(4, "public", secret_pem), Key.new(4, "public", public_pem)


@pytest.mark.parametrize("document_type", list(DocumentType))
def test_our_documents_verify_and_decode_in_pyseto(
    document_type: DocumentType, vendor: Vendor
) -> None:
    claims = example(document_type)
    token = vendor.token(document_type, claims)
    public = Key.from_paserk(paserk.public_to_paserk(vendor.key.public_key()))
    decoded = pyseto.decode(public, token, deserializer=json)
    assert decoded.payload == claims
    assert decoded.footer == {"kid": vendor.kid, "typ": document_type.value}
    assert decoded.version == "v4"
    assert decoded.purpose == "public"


def test_pyseto_refuses_our_document_under_another_key(vendor: Vendor) -> None:
    token = vendor.token(DocumentType.LICENSE, license_claims())
    stranger = Ed25519PrivateKey.generate().public_key()
    with pytest.raises(pyseto.VerifyError):
        pyseto.decode(Key.from_paserk(paserk.public_to_paserk(stranger)), token)


@pytest.mark.parametrize("document_type", list(DocumentType))
def test_pyseto_documents_verify_through_a_trust_file(document_type: DocumentType) -> None:
    key = Ed25519PrivateKey.generate()
    secret, public = _pyseto_pair(key)
    secret = Key.from_paserk(secret.to_paserk())  # the k4.secret a vendor tool would store
    footer = json.dumps({"kid": public.to_paserk_id(), "typ": document_type.value}).encode()
    payload = json.dumps(example(document_type), indent=2).encode()
    token = pyseto.encode(secret, payload, footer)
    trust_file = json.dumps({"keys": [public.to_paserk()]}).encode()
    store = TrustStore().with_keys(
        parse_trust_file(trust_file, TrustSource.ADDITIONAL, "pyseto trust file")
    )

    document = verify_document(token, store, expected_type=document_type)

    assert document.kid == public.to_paserk_id()
    assert document.trust is TrustSource.ADDITIONAL
    assert document.raw_claims == example(document_type)
    assert document.token == token.decode()


def test_a_pyseto_license_reads_as_typed_claims() -> None:
    secret, public = _pyseto_pair(Ed25519PrivateKey.generate())
    footer = json.dumps({"kid": public.to_paserk_id(), "typ": "license"}).encode()
    token = pyseto.encode(secret, json.dumps(license_claims()).encode(), footer)
    store = TrustStore().with_keys(
        parse_trust_file(_trust_file(public), TrustSource.VENDOR, "pyseto trust file")
    )
    claims = verify_document(token, store).claims
    assert isinstance(claims, LicenseClaims)
    assert claims.license_id == "LIC-1"


def test_a_pyseto_token_with_an_implicit_assertion_is_refused() -> None:
    secret, public = _pyseto_pair(Ed25519PrivateKey.generate())
    footer = json.dumps({"kid": public.to_paserk_id(), "typ": "license"}).encode()
    token = pyseto.encode(
        secret, json.dumps(license_claims()).encode(), footer, implicit_assertion=b"x"
    )
    store = TrustStore().with_keys(
        parse_trust_file(_trust_file(public), TrustSource.VENDOR, "pyseto trust file")
    )
    with pytest.raises(BadSignature):
        verify_document(token, store)


def test_a_pyseto_token_naming_a_secret_key_id_is_unknown_key() -> None:
    """`k4.sid` (the id of the secret key) is not the key id a document must carry."""
    secret, public = _pyseto_pair(Ed25519PrivateKey.generate())
    footer = json.dumps({"kid": secret.to_paserk_id(), "typ": "license"}).encode()
    token = pyseto.encode(secret, json.dumps(license_claims()).encode(), footer)
    store = TrustStore().with_keys(
        parse_trust_file(_trust_file(public), TrustSource.VENDOR, "pyseto trust file")
    )
    with pytest.raises(UnknownKey):
        verify_document(token, store)


@pytest.mark.parametrize("key", _keys())
def test_key_ids_agree_with_pyseto(key: Ed25519PrivateKey) -> None:
    _, public = _pyseto_pair(key)
    assert paserk.key_id(key.public_key()) == public.to_paserk_id()
    assert paserk.key_id(key.public_key()).startswith("k4.pid.")


@pytest.mark.parametrize("key", _keys())
def test_paserk_strings_round_trip_between_implementations(key: Ed25519PrivateKey) -> None:
    secret, public = _pyseto_pair(key)
    ours_public = paserk.public_to_paserk(key.public_key())
    ours_secret = paserk.secret_to_paserk(key)
    # Both serialise the same key to the same strings...
    assert public.to_paserk() == ours_public
    assert secret.to_paserk() == ours_secret
    # ...ours read back through pyseto give the same strings...
    assert Key.from_paserk(ours_public).to_paserk() == ours_public
    assert Key.from_paserk(ours_secret).to_paserk() == ours_secret
    # ...and pyseto's read back through ours give the same key.
    assert paserk.public_to_paserk(paserk.public_from_paserk(public.to_paserk())) == ours_public
    restored = paserk.secret_from_paserk(secret.to_paserk())
    assert restored.private_bytes_raw() == key.private_bytes_raw()


def test_a_key_restored_from_pyseto_paserk_signs_documents_pyseto_accepts() -> None:
    secret, public = _pyseto_pair(Ed25519PrivateKey.generate())
    ours = paserk.secret_from_paserk(secret.to_paserk())
    token = sign_document(DocumentType.LICENSE, license_claims(), ours)
    decoded = pyseto.decode(public, token, deserializer=json)
    assert decoded.payload == license_claims()
    assert decoded.footer == {"kid": public.to_paserk_id(), "typ": "license"}
