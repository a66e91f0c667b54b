"""What a request is, as stored: its kind, how it left, and where it stands."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class RequestKind(StrEnum):
    RENEWAL = "renewal"
    PACKS = "packs"


class Channel(StrEnum):
    MAILTO = "mailto"
    """Handed to the user's mail program (a `mailto:` link)."""
    SMTP = "smtp"
    FILE = "file"
    """Saved as files for the support portal."""
    CLIPBOARD = "clipboard"


class RequestStatus(StrEnum):
    SAVED = "saved"
    """Written to files for the portal."""
    OPENED = "opened"
    """Handed to a mail program or printed as a link: not known to be sent."""
    SENT = "sent"
    """Sent by SMTP, or marked as sent by the admin."""
    CANCELLED = "cancelled"
    FULFILLED = "fulfilled"
    """Derived, never stored: a license revision that reaches the request's period was imported."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredRequest:
    id: int
    kind: RequestKind
    license_ids: tuple[str, ...]
    created_at: str
    updated_at: str
    status: RequestStatus
    channel: Channel
    payload: dict[str, Any]
    file_path: str | None
