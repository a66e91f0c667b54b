"""Fixtures of the application tests: a console on each database of the run, and the worked
example's license in it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.console import Console
from licensing.claims import DocumentType
from tests.app.support import imported
from tests.factories import Vendor, license_claims


@pytest.fixture
def console(make_console: Callable[..., Console]) -> Console:
    return make_console()


@pytest.fixture
def licensed(console: Console, vendor: Vendor) -> Console:
    """The worked example's license, without pack or tickets."""
    imported(console, vendor.write(DocumentType.LICENSE, license_claims()))
    return console
