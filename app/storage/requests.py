"""Recorded renewal and support-pack requests."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, insert, select, update

from app.errors import StorageError
from app.requests.model import Channel, RequestKind, RequestStatus, StoredRequest
from app.storage.schema import requests
from licensing.claims import enum_value


def insert_request(
    connection: Connection,
    kind: RequestKind,
    license_ids: tuple[str, ...],
    status: RequestStatus,
    channel: Channel,
    payload: dict[str, Any],
    now: str,
) -> int:
    result = connection.execute(
        insert(requests).values(
            kind=kind.value,
            license_id=license_ids[0] if len(license_ids) == 1 else None,
            created_at=now,
            updated_at=now,
            status=status.value,
            channel=channel.value,
            payload=json.dumps(payload, ensure_ascii=False),
            file_path=None,
        )
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def _license_ids(payload: dict[str, Any], column: str | None) -> tuple[str, ...]:
    licenses = payload.get("licenses")
    if isinstance(licenses, list):
        ids = tuple(str(item.get("license_id")) for item in licenses if isinstance(item, dict))
        if ids:
            return ids
    return (column,) if column else ()


def load_requests(connection: Connection) -> list[StoredRequest]:
    loaded = []
    for row in connection.execute(select(requests).order_by(requests.c.id)):
        try:
            payload = json.loads(row.payload)
            if not isinstance(payload, dict):
                raise ValueError("the payload is not a JSON object")
            loaded.append(
                StoredRequest(
                    id=row.id,
                    kind=enum_value(RequestKind, row.kind, "kind"),
                    license_ids=_license_ids(payload, row.license_id),
                    created_at=row.created_at,
                    updated_at=row.updated_at,
                    status=enum_value(RequestStatus, row.status, "status"),
                    channel=enum_value(Channel, row.channel, "channel"),
                    payload=payload,
                    file_path=row.file_path,
                )
            )
        except (ValueError, TypeError, RecursionError) as exc:
            raise StorageError(
                f"the stored request #{row.id} cannot be read ({str(exc)[:120]}); correct or "
                "delete that row of the requests table"
            ) from None
    return loaded


def set_file(connection: Connection, request_id: int, file_path: str) -> None:
    connection.execute(
        update(requests).where(requests.c.id == request_id).values(file_path=file_path)
    )


def set_status(connection: Connection, request_id: int, status: RequestStatus, now: str) -> bool:
    result = connection.execute(
        update(requests)
        .where(requests.c.id == request_id)
        .values(status=status.value, updated_at=now)
    )
    return result.rowcount > 0
