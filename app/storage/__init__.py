"""Storage: SQLAlchemy Core tables, Alembic migrations, and the Database that opens them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

IN_LIST_LIMIT = 500
"""Values bound in one `IN (...)`: under every backend's limit of bound parameters."""


def in_chunks(values: Sequence[T]) -> Iterator[list[T]]:
    """`values` in lists of at most `IN_LIST_LIMIT`, one `IN (...)` query each."""
    for start in range(0, len(values), IN_LIST_LIMIT):
        yield list(values[start : start + IN_LIST_LIMIT])
