"""Renewal and extra-pack requests: composed once, written as JSON plus readable text, sent
by the user's mail client (`mailto:`) or saved for the support portal, and recorded.
"""

from __future__ import annotations

import contextlib
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from app import store
from app.errors import UserError
from app.services import Console
from licensing import rules


class Contact(NamedTuple):
    name: str | None = None
    email: str | None = None
    phone: str | None = None


class SeatChange(NamedTuple):
    users: int | None = None
    devices: int | None = None

    @property
    def any(self) -> bool:
        return self.users is not None or self.devices is not None


class ComposedRequest(NamedTuple):
    kind: str  # renewal | packs
    license_id: str
    subject: str
    body: str
    payload: dict[str, Any]
    recipient: str

    def mailto_url(self) -> str:
        return (
            f"mailto:{self.recipient}?subject={quote(self.subject, safe='')}"
            f"&body={quote(self.body, safe='')}"
        )


class RecordedRequest(NamedTuple):
    id: int
    request: ComposedRequest
    json_path: Path | None
    text_path: Path | None
    status: str
    channel: str


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount)


def _composed(
    kind: str,
    license_id: str,
    subject: str,
    lines: list[str],
    payload: dict[str, Any],
    contact: Contact,
    notes: str | None,
    console: Console,
) -> ComposedRequest:
    """Adds what every request ends with (contact, notes) to its text and its JSON."""
    payload = {
        **payload,
        "contact": {"name": contact.name, "email": contact.email, "phone": contact.phone},
        "notes": notes,
    }
    lines = [*lines, "", "Contact:", *_contact_lines(contact)]
    if notes:
        lines += ["", "Notes:", f"  {notes}"]
    body = "\n".join(lines) + "\n"
    return ComposedRequest(kind, license_id, subject, body, payload, console.policy.renewals_email)


def _contact_lines(contact: Contact) -> list[str]:
    lines = []
    for label, value in (
        ("Name", contact.name),
        ("E-mail", contact.email),
        ("Phone", contact.phone),
    ):
        if value:
            lines.append(f"  {label}: {value}")
    return lines or ["  (none given)"]


def compose_renewal(
    console: Console,
    as_of: date,
    years: int | None,
    seats: SeatChange,
    contact: Contact,
    notes: str | None = None,
) -> ComposedRequest:
    current = console.require_license()
    license = current.claims
    quote_ = console.renewal_quote(as_of, years, seats.any)
    sm = rules.sm_status(license, as_of, console.policy)
    payload: dict[str, Any] = {
        "type": "renewal-request",
        "created_on": as_of.isoformat(),
        "license_id": license.license_id,
        "license_revision": license.revision,
        "customer": {"id": license.customer.id, "name": license.customer.name},
        "product_code": license.product.code,
        "sm_end": license.sm_end.isoformat(),
        "sm_state": sm.state.value,
        "years": quote_.years,
        "period_start": quote_.period_start.isoformat(),
        "period_end": quote_.period_end.isoformat(),
        "min_years_to_be_current": quote_.min_years_to_be_current,
        "becomes_current": quote_.becomes_current,
        "seats": {"users": license.seats.users, "devices": license.seats.devices},
        "requested_seats": {"users": seats.users, "devices": seats.devices} if seats.any else None,
        "quote_required": quote_.quote_required,
        "currency": quote_.currency,
        "base_amount": _money(quote_.base_amount),
        "reinstatement_fee": _money(quote_.reinstatement_fee),
        "total": _money(quote_.total),
    }
    lines = [
        f"Support & Maintenance renewal request for {license.customer.name}",
        "",
        f"License: {license.license_id} (revision {license.revision}), product {license.product.name} ({license.product.code})",
        f"Current S&M expiry: {license.sm_end.isoformat()} (state: {sm.state.value})",
        f"Renewal: {quote_.years} year(s), backdated to start {quote_.period_start.isoformat()}, "
        f"ending {quote_.period_end.isoformat()}",
    ]
    if not quote_.becomes_current:
        lines.append(
            f"Note: {quote_.years} year(s) leave S&M expired on {as_of.isoformat()}; "
            f"{quote_.min_years_to_be_current} year(s) are needed to be current."
        )
    if quote_.quote_required:
        lines.append(
            "Seat change requested: "
            + ", ".join(
                f"{k} {v}"
                for k, v in (("users", seats.users), ("devices", seats.devices))
                if v is not None
            )
            + ". Please send a quote (the price depends on product category and seats)."
        )
    else:
        lines.append(f"Estimate: {quote_.base_amount} {quote_.currency}")
        if quote_.reinstatement_fee:
            lines.append(
                f"  plus a reinstatement fee of {quote_.reinstatement_fee} {quote_.currency} "
                f"(S&M lapsed more than {console.policy.reinstatement_after_days} days ago)"
            )
        lines.append(
            f"  total {quote_.total} {quote_.currency} (an estimate; the vendor's quote prevails)"
        )
    subject = f"S&M renewal request: {license.customer.name}, license {license.license_id}, {quote_.years} year(s)"
    return _composed(
        "renewal", license.license_id, subject, lines, payload, contact, notes, console
    )


def compose_packs(
    console: Console,
    as_of: date,
    count: int,
    po_number: str,
    contact: Contact,
    notes: str | None = None,
) -> ComposedRequest:
    if count < 1:
        raise UserError("--count must be 1 or more")
    if not po_number.strip():
        raise UserError("--po: a purchase order number is required to buy support packs")
    license = console.require_license().claims
    policy = console.policy
    total = rules.pack_estimate(count, policy)
    tickets = count * policy.pack_tickets
    payload: dict[str, Any] = {
        "type": "support-pack-request",
        "created_on": as_of.isoformat(),
        "license_id": license.license_id,
        "customer": {"id": license.customer.id, "name": license.customer.name},
        "product_code": license.product.code,
        "packs": count,
        "tickets": tickets,
        "po_number": po_number,
        "currency": policy.pack_price.currency,
        "unit_price": str(policy.pack_price.amount),
        "total": str(total),
        "non_refundable": True,
    }
    lines = [
        f"Support pack request for {license.customer.name}",
        "",
        f"License: {license.license_id}, product {license.product.name} ({license.product.code})",
        f"Packs: {count} x {policy.pack_tickets} tickets = {tickets} tickets, "
        f"usable for {policy.pack_validity_months} months from purchase",
        f"Purchase order: {po_number}",
        f"Price: {count} x {policy.pack_price.amount} {policy.pack_price.currency} = {total} {policy.pack_price.currency}",
        "Support Pack Fees are earned when paid and are non-refundable.",
    ]
    subject = f"Support pack request: {license.customer.name}, {count} pack(s), PO {po_number}"
    return _composed("packs", license.license_id, subject, lines, payload, contact, notes, console)


def _file_stem(request: ComposedRequest, as_of: date, request_id: int) -> str:
    safe_license = re.sub(r"[^A-Za-z0-9._-]+", "_", request.license_id)
    return f"{request.kind}-request-{safe_license}-{as_of.isoformat()}-{request_id}"


def _claim(path: Path, written: list[Path]) -> None:
    """Notes a file that this request is about to create, to remove it if the request fails."""
    if not path.exists():
        written.append(path)


def record_request(
    console: Console, request: ComposedRequest, channel: str, folder: Path | None, as_of: date
) -> RecordedRequest:
    """Records the request, and for the `file` channel writes `<stem>.json` and `<stem>.txt`.

    The row and the files succeed together: a file that cannot be written records nothing.
    """
    status = {
        "file": "saved",
        "mailto": "in_mail_client",
        "smtp": "sent",
        "clipboard": "copied",
    }[channel]
    written: list[Path] = []
    try:
        with console.database.write() as connection:
            request_id = store.insert_request(
                connection, request.kind, request.license_id, status, channel, request.payload, None
            )
            json_path = text_path = None
            if channel == "file":
                assert folder is not None
                stem = _file_stem(request, as_of, request_id)
                json_path, text_path = folder / f"{stem}.json", folder / f"{stem}.txt"
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                    document = {
                        **request.payload,
                        "subject": request.subject,
                        "to": request.recipient,
                    }
                    _claim(json_path, written)
                    json_path.write_text(
                        json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
                    )
                    _claim(text_path, written)
                    text_path.write_text(
                        f"To: {request.recipient}\nSubject: {request.subject}\n\n{request.body}",
                        encoding="utf-8",
                    )
                except OSError as exc:
                    raise UserError(
                        f"cannot write the request to {folder}: {exc.strerror}"
                    ) from None
                store.set_request_file(connection, request_id, str(json_path))
    except BaseException:
        # Neither the row nor the files: remove the files this call created before it failed.
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        raise
    return RecordedRequest(request_id, request, json_path, text_path, status, channel)
