"""Recording requests when they leave (sent, saved, or marked as sent), cancelling them, and
their state: a renewal is fulfilled once every license it names reaches its period (derived
from the licenses that count, never stored)."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.console import Console
from app.errors import UserError
from app.requests.compose import ComposedRequest
from app.requests.model import Channel, RequestKind, RequestStatus, StoredRequest
from app.status import read
from app.storage import requests as stored_requests
from licensing.portfolio import Portfolio
from licensing.renewals import renewal_fulfilled
from licensing.values import parse_date


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordedRequest:
    id: int
    request: ComposedRequest
    status: RequestStatus
    channel: Channel
    json_path: Path | None = None
    text_path: Path | None = None


def _file_stem(request: ComposedRequest, as_of: date, request_id: int) -> str:
    subject = request.license_ids[0] if len(request.license_ids) == 1 else "several-licenses"
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", subject)[:80]
    return f"{request.kind.value}-request-{safe}-{as_of.isoformat()}-{request_id}"


def record_request(
    console: Console,
    request: ComposedRequest,
    channel: Channel,
    status: RequestStatus,
    as_of: date,
    folder: Path | None = None,
) -> RecordedRequest:
    """Records the request; with a `folder`, also writes `<stem>.json` and `<stem>.txt` there.

    The row and the files succeed together: a file that cannot be written records nothing.
    """
    written: list[Path] = []
    json_path = text_path = None
    try:
        with console.database.write() as connection:
            request_id = stored_requests.insert_request(
                connection,
                request.kind,
                request.license_ids,
                status,
                channel,
                request.payload,
                console.stamp(),
            )
            if folder is not None:
                stem = _file_stem(request, as_of, request_id)
                json_path, text_path = folder / f"{stem}.json", folder / f"{stem}.txt"
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                    for path, text in (
                        (json_path, request.document()),
                        (text_path, request.text()),
                    ):
                        if not path.exists():
                            written.append(path)
                        path.write_text(text, encoding="utf-8")
                except OSError as exc:
                    raise UserError(
                        f"cannot write the request to {folder}: {exc.strerror or exc}"
                    ) from None
                stored_requests.set_file(connection, request_id, str(json_path))
    except BaseException:
        # Neither the row nor the files: remove the files this call created before it failed.
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        raise
    return RecordedRequest(
        id=request_id,
        request=request,
        status=status,
        channel=channel,
        json_path=json_path,
        text_path=text_path,
    )


def _fulfilled(request: StoredRequest, portfolio: Portfolio) -> bool:
    if request.kind is not RequestKind.RENEWAL:
        return False
    entries = request.payload.get("licenses")
    if not isinstance(entries, list) or not entries:
        entries = [request.payload]  # a request recorded before several licenses were possible
    for entry in entries:
        if not isinstance(entry, dict):
            return False
        held = portfolio.license(str(entry.get("license_id")))
        try:
            period_end = parse_date(str(entry.get("period_end")))
        except ValueError:
            return False
        if held is None or not renewal_fulfilled(period_end, held.claims):
            return False
    return True


def shown_status(request: StoredRequest, portfolio: Portfolio) -> RequestStatus:
    """The stored status, or `fulfilled` once the licenses it asked for were renewed."""
    if request.status is not RequestStatus.CANCELLED and _fulfilled(request, portfolio):
        return RequestStatus.FULFILLED
    return request.status


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestView:
    request: StoredRequest
    status: RequestStatus


def list_requests(console: Console, portfolio: Portfolio | None = None) -> list[RequestView]:
    portfolio = portfolio or read(console)
    with console.database.read() as connection:
        stored = stored_requests.load_requests(connection)
    return [RequestView(request=r, status=shown_status(r, portfolio)) for r in stored]


def set_status(console: Console, request_id: int, status: RequestStatus) -> None:
    """`cancelled`, or `sent` for one handed to a mail program and sent from there."""
    if status not in (RequestStatus.CANCELLED, RequestStatus.SENT):
        raise UserError("a request can be marked as sent or cancelled")
    with console.database.write() as connection:
        if not stored_requests.set_status(connection, request_id, status, console.stamp()):
            raise UserError(f"no request #{request_id}")
