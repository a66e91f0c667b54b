"""Instants as the tables keep them: ISO 8601 UTC text, which sorts correctly on every backend."""

from __future__ import annotations

from datetime import UTC, date, datetime


def instant(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds")


def day_of(value: object) -> date | None:
    """The date of a stored instant; None for a value that is not one (a row edited by hand)."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None
