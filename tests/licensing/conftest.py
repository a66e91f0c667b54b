"""Fixtures for the signed-document tests: a fresh vendor key, a trust store holding it, a token."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from licensing import paserk
from licensing.claims import DocumentType
from licensing.documents import TrustedKey, TrustSource, TrustStore, sign_document
from tests.licensing.samples import license_claims


@pytest.fixture
def secret_key() -> Ed25519PrivateKey:
    """A fresh vendor signing key: nothing in these tests depends on a fixed one."""
    return Ed25519PrivateKey.generate()


@pytest.fixture
def kid(secret_key: Ed25519PrivateKey) -> str:
    return paserk.key_id(secret_key.public_key())


@pytest.fixture
def trust(secret_key: Ed25519PrivateKey, kid: str) -> TrustStore:
    """A trust store holding only the vendor key of `secret_key`."""
    return TrustStore().with_keys([TrustedKey(kid, secret_key.public_key(), TrustSource.VENDOR)])


@pytest.fixture
def license_token(secret_key: Ed25519PrivateKey) -> str:
    """A valid license document signed by `secret_key`, as the token string."""
    return sign_document(DocumentType.LICENSE, license_claims(), secret_key)
