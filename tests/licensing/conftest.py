"""Fixtures of the signed-document tests, over the `vendor` of tests/conftest.py: the run's trust
holding only that vendor's key, and the sample world's license signed by it."""

from __future__ import annotations

import pytest

from licensing.claims import DocumentType
from licensing.trust import TrustStore
from tests.factories import Vendor, license_claims


@pytest.fixture
def trust(vendor: Vendor) -> TrustStore:
    """A trust store holding only `vendor`'s key, as the vendor's."""
    return vendor.trust()


@pytest.fixture
def license_token(vendor: Vendor) -> str:
    """The sample world's license (LIC-1) signed by `vendor`, as the token string."""
    return vendor.token(DocumentType.LICENSE, license_claims())
