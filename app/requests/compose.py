"""Renewal and extra-pack requests, composed once as JSON plus readable text (R5, R6, R8, R16).

A renewal request may cover several licenses: each with its own backdated period and estimate,
and a total per currency. Every one-line field refuses control characters, so nothing typed
can add a header to the text or to an e-mail.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

from app.console import Console
from app.errors import UserError
from app.requests.model import RequestKind
from app.requests.quotes import pack_quote, quote_json, renewal_quotes
from app.status import one_license, read
from licensing import renewals
from licensing.claims import MAX_TEXT_LENGTH
from licensing.portfolio import HeldLicense, evaluate
from licensing.values import one_line_problem

MAX_PO_NUMBER_LENGTH = 200


def plural(count: int, word: str) -> str:
    """`1 year`, `2 years`: the count and its English noun, as the request's text says it."""
    return f"{count} {word if count == 1 else word + 's'}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact:
    name: str | None = None
    email: str | None = None
    phone: str | None = None

    def checked(self) -> Contact:
        for what, value, limit in (
            ("the contact name", self.name, 200),
            ("the contact e-mail", self.email, 254),
            ("the contact phone", self.phone, 50),
        ):
            problem = header_problem(value or "", limit)
            if problem:
                raise UserError(f"{what} {problem}")
        if self.email and "@" not in self.email:
            raise UserError(f"the contact e-mail '{self.email}' is not an e-mail address")
        return self


def header_problem(text: str, max_length: int) -> str | None:
    """Why `text` cannot go into a request's subject or contact lines: a one-line field, and no
    encoded-word (`=?utf-8?q?…?=`), which a mail library would decode into a line break and
    another header (CVE-2024-6923 before Python 3.11.10)."""
    if "=?" in text:
        return "must not contain '=?' (it would read as an encoded e-mail header)"
    return one_line_problem(text, max_length)


def checked_notes(notes: str | None) -> str | None:
    """Notes may span lines; nothing else that is a control character."""
    if not notes or not notes.strip():
        return None
    problem = one_line_problem(
        notes.replace("\r\n", "\n").replace("\n", " ").replace("\t", " "), MAX_TEXT_LENGTH
    )
    if problem:
        raise UserError(f"the notes {problem}")
    return notes.strip().replace("\r\n", "\n")


def checked_po_number(po_number: str) -> str:
    """The purchase order number without surrounding spaces; one line, required (R8)."""
    po_number = po_number.strip()
    if not po_number:
        raise UserError("--po: a purchase order number is required to buy support packs")
    problem = header_problem(po_number, MAX_PO_NUMBER_LENGTH)
    if problem:
        raise UserError(f"the purchase order number {problem}")
    return po_number


@dataclass(frozen=True, slots=True, kw_only=True)
class ComposedRequest:
    kind: RequestKind
    license_ids: tuple[str, ...]
    subject: str
    body: str
    payload: dict[str, Any]
    recipient: str

    def mailto_url(self) -> str:
        return (
            f"mailto:{self.recipient}?subject={quote(self.subject, safe='')}"
            f"&body={quote(self.body, safe='')}"
        )

    def text(self) -> str:
        """The request as a text file for the portal, headed like the e-mail."""
        return f"To: {self.recipient}\nSubject: {self.subject}\n\n{self.body}"

    def document(self) -> str:
        """The request as a JSON document for the portal, its payload with the subject and the
        recipient: the file saved beside the text file, and the e-mail's attachment."""
        document = {**self.payload, "subject": self.subject, "to": self.recipient}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _finish(
    kind: RequestKind,
    license_ids: tuple[str, ...],
    subject: str,
    lines: list[str],
    payload: dict[str, Any],
    contact: Contact,
    notes: str | None,
    console: Console,
) -> ComposedRequest:
    """Adds what every request ends with (contact, notes) to its text and its JSON."""
    contact = contact.checked()
    notes = checked_notes(notes)
    payload = {
        **payload,
        "contact": {"name": contact.name, "email": contact.email, "phone": contact.phone},
        "notes": notes,
    }
    contact_lines = [
        f"  {label}: {value}"
        for label, value in (
            ("Name", contact.name),
            ("E-mail", contact.email),
            ("Phone", contact.phone),
        )
        if value
    ] or ["  (none given)"]
    lines = [*lines, "", "Contact:", *contact_lines]
    if notes:
        lines += ["", "Notes:", *(f"  {line}" for line in notes.splitlines())]
    return ComposedRequest(
        kind=kind,
        license_ids=license_ids,
        subject=subject,
        body="\n".join(lines) + "\n",
        payload=payload,
        recipient=console.policy.renewals_email,
    )


def renewal_licenses(
    console: Console, as_of: date, license_ids: Sequence[str], all_due: bool
) -> list[HeldLicense]:
    """The licenses a renewal request covers: those named, every one due (R16, most urgent
    first), or the only one. Only `all_due` evaluates the licenses on `as_of`."""
    portfolio = read(console)
    if all_due:
        standings = evaluate(portfolio, as_of, console.policy).licenses
        due = [s.held for s in renewals.due_for_renewal(standings)]
        if not due:
            raise UserError(
                f"no license is due for renewal on {as_of.isoformat()} (none is in its "
                "60-day window, expired or lapsed)"
            )
        return due
    if not license_ids:
        return [one_license(portfolio, None)]
    chosen: list[HeldLicense] = []
    for license_id in dict.fromkeys(license_ids):
        chosen.append(one_license(portfolio, license_id))
    return chosen


def _renewal_entry(quote: renewals.RenewalQuote, held: HeldLicense) -> dict[str, Any]:
    """The license, then its quote as `renewal-quote --json` writes it."""
    license = held.claims
    return {
        "license_revision": license.revision,
        "product_code": license.product.code,
        "product_name": license.product.name,
        "environment": license.environment,
        "sm_end": license.sm_end.isoformat(),
        "sm_state": quote.sm_state.value,
        "seats": {"users": license.seats.users, "devices": license.seats.devices},
        "quote_required": quote.quote_required,
        **quote_json(quote),
    }


def _renewal_lines(
    quote: renewals.RenewalQuote, held: HeldLicense, as_of: date, console: Console
) -> list[str]:
    license = held.claims
    where = f", {license.environment}" if license.environment else ""
    lines = [
        f"License: {license.license_id} (revision {license.revision}), product "
        f"{license.product.name} ({license.product.code}){where}",
        f"  Current S&M expiry: {license.sm_end.isoformat()} (state: {quote.sm_state.value})",
        f"  Renewal: {plural(quote.years, 'year')}, backdated to start "
        f"{quote.period_start.isoformat()}, ending {quote.period_end.isoformat()}",
    ]
    if not quote.becomes_current:
        lines.append(
            f"  Note: {plural(quote.years, 'year')} leave S&M expired on {as_of.isoformat()}; "
            f"{quote.min_years_to_be_current} are needed to be current."
        )
    if quote.quote_required:
        lines.append(
            "  Seat change requested: please send a quote (the price depends on product "
            "category and seats)."
        )
    else:
        lines.append(f"  Estimate: {quote.base_amount} {quote.currency}")
        if quote.reinstatement_fee:
            lines.append(
                f"    plus a reinstatement fee of {quote.reinstatement_fee} {quote.currency} "
                f"(S&M lapsed more than {console.policy.reinstatement_after_days} days ago)"
            )
        lines.append(f"    total {quote.total} {quote.currency}")
    return lines


def compose_renewal(
    console: Console,
    as_of: date,
    license_ids: Sequence[str] = (),
    all_due: bool = False,
    years: int | None = None,
    users: int | None = None,
    devices: int | None = None,
    contact: Contact | None = None,
    notes: str | None = None,
) -> ComposedRequest:
    """One request for every license chosen (R16), each with its own backdated period (R5) and
    estimate (R6), and a total per currency."""
    chosen = renewal_licenses(console, as_of, license_ids, all_due)
    if (users is not None or devices is not None) and len(chosen) > 1:
        raise UserError("a seat change is asked for one license at a time: name it with --license")
    quotes = renewal_quotes(
        (h.claims for h in chosen), as_of, console.policy, years, users, devices
    )
    entries = [_renewal_entry(q, h) for q, h in zip(quotes, chosen, strict=True)]
    if users is not None or devices is not None:
        entries[0]["requested_seats"] = {"users": users, "devices": devices}
    totals = renewals.totals_by_currency(quotes)
    customers = sorted({h.claims.customer.name for h in chosen})
    first = chosen[0].claims
    payload: dict[str, Any] = {
        "type": "renewal-request",
        "created_on": as_of.isoformat(),
        "customer": {"id": first.customer.id, "name": ", ".join(customers)},
        "licenses": entries,
        "totals": {currency: str(total) for currency, total in totals.items()},
        "quote_required": any(q.quote_required for q in quotes),
    }
    if len(chosen) == 1:
        payload = {**payload, **entries[0], "requested_seats": entries[0].get("requested_seats")}
    lines = [f"Support & Maintenance renewal request for {', '.join(customers)}", ""]
    for line_quote, held in zip(quotes, chosen, strict=True):
        lines += [*_renewal_lines(line_quote, held, as_of, console), ""]
    if totals:
        lines.append(
            "Estimated total: "
            + "; ".join(f"{amount} {currency}" for currency, amount in totals.items())
            + " (an estimate; the vendor's quote prevails)"
        )
    if len(chosen) == 1:
        subject = (
            f"S&M renewal request: {first.customer.name}, license {first.license_id}, "
            f"{plural(quotes[0].years, 'year')}"
        )
    else:
        subject = f"S&M renewal request: {', '.join(customers)}, {len(chosen)} licenses"
    return _finish(
        RequestKind.RENEWAL,
        tuple(h.license_id for h in chosen),
        subject,
        lines,
        payload,
        contact or Contact(),
        notes,
        console,
    )


def compose_packs(
    console: Console,
    as_of: date,
    count: int,
    po_number: str,
    license_id: str | None = None,
    contact: Contact | None = None,
    notes: str | None = None,
) -> ComposedRequest:
    po_number = checked_po_number(po_number)
    quote_ = pack_quote(count, console.policy)
    license = one_license(read(console), license_id).claims
    price = quote_.unit_price
    payload: dict[str, Any] = {
        "type": "support-pack-request",
        "created_on": as_of.isoformat(),
        "license_id": license.license_id,
        "customer": {"id": license.customer.id, "name": license.customer.name},
        "product_code": license.product.code,
        "environment": license.environment,
        "packs": quote_.packs,
        "tickets": quote_.tickets,
        "po_number": po_number,
        "currency": price.currency,
        "unit_price": str(price.amount),
        "total": str(quote_.total.amount),
        "non_refundable": True,
    }
    lines = [
        f"Support pack request for {license.customer.name}",
        "",
        f"License: {license.license_id}, product {license.product.name} ({license.product.code})",
        f"Packs: {quote_.packs} x {console.policy.pack_tickets} tickets = {quote_.tickets} "
        f"tickets, usable for {quote_.validity_months} months from purchase",
        f"Purchase order: {po_number}",
        f"Price: {quote_.packs} x {price.amount} {price.currency} = {quote_.total.amount} {price.currency}",
        "Support Pack Fees are earned when paid and are non-refundable.",
    ]
    subject = (
        f"Support pack request: {license.customer.name}, {plural(quote_.packs, 'pack')}, "
        f"PO {po_number}"
    )
    return _finish(
        RequestKind.PACKS,
        (license.license_id,),
        subject,
        lines,
        payload,
        contact or Contact(),
        notes,
        console,
    )
