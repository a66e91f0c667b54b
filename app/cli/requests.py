"""`request renewal|packs|list|sent|cancel`: requests composed, saved or handed to a mail
program, and recorded."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import as_of, one_license_option
from app.cli.output import emit
from app.console import Console
from app.paths import app_paths
from app.requests.compose import Contact, compose_packs, compose_renewal
from app.requests.model import Channel, RequestStatus
from app.requests.record import list_requests, record_request, set_status


def run(args: argparse.Namespace, console: Console) -> int:
    match args.request_command:
        case "list":
            _list(args, console)
        case "sent" | "cancel":
            status = (
                RequestStatus.SENT if args.request_command == "sent" else RequestStatus.CANCELLED
            )
            set_status(console, args.request_id, status)
            emit(
                args.json,
                {"id": args.request_id, "status": status.value},
                lambda: f"request #{args.request_id} is now {status.value}",
            )
        case _:
            _make(args, console)
    return 0


def _make(args: argparse.Namespace, console: Console) -> None:
    day = as_of(args, console)
    contact = Contact(name=args.contact_name, email=args.contact_email, phone=args.contact_phone)
    if args.request_command == "renewal":
        composed = compose_renewal(
            console,
            day,
            args.license,
            args.all_due,
            args.years,
            args.users,
            args.devices,
            contact,
            args.notes,
        )
    else:
        composed = compose_packs(
            console, day, args.count, args.po, one_license_option(args), contact, args.notes
        )
    if args.via == "file":
        recorded = record_request(
            console,
            composed,
            Channel.FILE,
            RequestStatus.SAVED,
            day,
            args.out or app_paths().requests,
        )
    else:
        recorded = record_request(console, composed, Channel.MAILTO, RequestStatus.OPENED, day)
    data = {
        "id": recorded.id,
        "kind": composed.kind.value,
        "license_ids": list(composed.license_ids),
        "status": recorded.status.value,
        "channel": recorded.channel.value,
        "json_file": str(recorded.json_path) if recorded.json_path else None,
        "text_file": str(recorded.text_path) if recorded.text_path else None,
        "mailto": composed.mailto_url(),
        "request": composed.payload,
    }

    def human() -> str:
        if recorded.channel is Channel.FILE:
            return (
                f"request #{recorded.id} saved:\n  {recorded.json_path}\n  {recorded.text_path}\n"
                f"send it through the support portal or to {composed.recipient}"
            )
        return (
            f"request #{recorded.id} recorded; open this link in your mail client, then run "
            f"'request sent {recorded.id}' once it is sent:\n{composed.mailto_url()}"
        )

    emit(args.json, data, human)


def _list(args: argparse.Namespace, console: Console) -> None:
    views = list_requests(console)
    rows: list[dict[str, Any]] = [
        {
            "id": v.request.id,
            "kind": v.request.kind.value,
            "license_ids": list(v.request.license_ids),
            "created_at": v.request.created_at,
            "updated_at": v.request.updated_at,
            "status": v.status.value,
            "channel": v.request.channel.value,
            "file": v.request.file_path,
        }
        for v in views
    ]
    emit(
        args.json,
        {"requests": rows},
        lambda: (
            "\n".join(
                f"#{r['id']} {r['created_at']} {r['kind']} {', '.join(r['license_ids'])} "
                f"{r['status']} via {r['channel']}"
                for r in rows
            )
            or "no requests"
        ),
    )
