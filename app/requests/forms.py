"""The request forms of the window, without Qt: what the person typed as plain values, what
keeps a request from leaving, which licenses "Renew all due" covers, and the work the page
hands to the worker thread.

Every function that takes a `Console` runs off the GUI thread. The answers are the command
line's: the estimate is `renewal-quote`'s (`licensing.renewals.renewal_quote` through
`app.requests.quotes`, the portfolio read once for every license), a request is composed
by `compose_renewal` / `compose_packs` and recorded by `record_request`, exactly as `request
renewal` / `request packs` do. What differs is when a request counts as made: the window records
it when it is sent by SMTP, saved as files, or marked as sent by the admin; opening it in the
mail program or copying it records nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from app.errors import UserError
from app.requests.compose import (
    ComposedRequest,
    Contact,
    checked_notes,
    checked_po_number,
    compose_packs,
    compose_renewal,
)
from app.requests.model import Channel, RequestKind, RequestStatus
from app.requests.quotes import renewal_quotes
from app.requests.record import RecordedRequest, RequestView, record_request, set_status
from app.status import one_license, read
from licensing import renewals
from licensing.values import parse_date

if TYPE_CHECKING:
    from app.console import Console
    from app.secrets import SecretStore
    from app.settings import Settings
    from licensing.claims import LicenseClaims
    from licensing.portfolio import PortfolioStatus


# What the person typed ----------------------------------------------------------------------


def contact_from(name: str, email: str, phone: str) -> Contact:
    """The contact fields as typed, without surrounding spaces; an empty field is None."""
    return Contact(
        name=name.strip() or None, email=email.strip() or None, phone=phone.strip() or None
    )


def seats_from(text: str) -> int | None:
    """A seat count as typed: None when empty (the license's own count is kept)."""
    text = text.strip()
    return int(text) if text.isdigit() else None


@dataclass(frozen=True, slots=True, kw_only=True)
class RenewalForm:
    as_of: date
    license_ids: tuple[str, ...]
    """The licenses the request covers, most urgent first."""
    years: int | None
    """None: for each license, the least number of years that makes it current (R5)."""
    users: int | None
    devices: int | None
    contact: Contact
    notes: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PacksForm:
    as_of: date
    license_id: str | None
    """None: no single license is chosen (packs belong to one license, R8)."""
    count: int
    po_number: str
    acknowledged: bool
    """The person confirmed that support packs are non-refundable."""
    contact: Contact
    notes: str


class Missing(StrEnum):
    """What must still be given before a request can leave."""

    LICENSES = "licenses"
    """A renewal names no license."""
    ONE_LICENSE = "one_license"
    """Packs are bought for one license, and none (or every one) is chosen."""
    PO_NUMBER = "po_number"
    ACKNOWLEDGEMENT = "acknowledgement"


@dataclass(frozen=True, slots=True, kw_only=True)
class FormCheck:
    missing: tuple[Missing, ...]
    problems: tuple[str, ...]
    """What the application refuses in what was typed, in its own words (the same checks as
    when the request is composed)."""

    @property
    def ready(self) -> bool:
        return not self.missing and not self.problems


def _refusal(check: Any, *args: Any) -> str | None:
    try:
        check(*args)
    except UserError as exc:
        return str(exc)
    return None


def _common_problems(contact: Contact, notes: str) -> list[str]:
    return [p for p in (_refusal(contact.checked), _refusal(checked_notes, notes)) if p is not None]


def check_renewal(form: RenewalForm) -> FormCheck:
    missing = () if form.license_ids else (Missing.LICENSES,)
    problems = _common_problems(form.contact, form.notes)
    if (form.users is not None or form.devices is not None) and len(form.license_ids) > 1:
        problems.append("a seat change is asked for one license at a time")
    return FormCheck(missing=missing, problems=tuple(problems))


def check_packs(form: PacksForm) -> FormCheck:
    missing = []
    if form.license_id is None:
        missing.append(Missing.ONE_LICENSE)
    if not form.po_number.strip():
        missing.append(Missing.PO_NUMBER)
    if not form.acknowledged:
        missing.append(Missing.ACKNOWLEDGEMENT)
    problems = _common_problems(form.contact, form.notes)
    if form.po_number.strip():
        refused = _refusal(checked_po_number, form.po_number)
        if refused is not None:
            problems.append(refused)
    return FormCheck(missing=tuple(missing), problems=tuple(problems))


def due_license_ids(status: PortfolioStatus) -> tuple[str, ...]:
    """The licenses "Renew all due" covers: those `request renewal --all-due` covers (every
    license in renewal_due, expired or lapsed), most urgent first; none when none is due."""
    return tuple(s.license_id for s in renewals.due_for_renewal(status.licenses))


def prefilled_contact(settings: Settings, license: LicenseClaims | None) -> Contact:
    """The contact remembered in the settings; without an e-mail there, the license's
    customer contact."""
    email = settings.contact_email or (license.customer.contact_email if license else None)
    return contact_from(settings.contact_name, email or "", settings.contact_phone)


# The estimate -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class RenewalEstimate:
    quotes: tuple[renewals.RenewalQuote, ...]
    """One per license, in the order asked."""
    totals: Mapping[str, Decimal]
    """The estimated totals per currency (a license needing a vendor quote adds nothing)."""

    @property
    def quote_required(self) -> bool:
        return any(q.quote_required for q in self.quotes)


def estimate_renewal(
    console: Console,
    as_of: date,
    license_ids: Sequence[str],
    years: int | None,
    users: int | None = None,
    devices: int | None = None,
) -> RenewalEstimate:
    """`renewal-quote --license ID [--years N] [--users N] [--devices N]` for each license,
    over one reading of the portfolio."""
    portfolio = read(console)
    licenses = [one_license(portfolio, license_id).claims for license_id in license_ids]
    quotes = tuple(renewal_quotes(licenses, as_of, console.policy, years, users, devices))
    return RenewalEstimate(
        quotes=quotes, totals=MappingProxyType(renewals.totals_by_currency(quotes))
    )


# Composing, sending, recording (in the worker) ----------------------------------------------


def compose(console: Console, form: RenewalForm | PacksForm) -> ComposedRequest:
    """The request as `request renewal` / `request packs` compose it."""
    notes = form.notes or None
    if isinstance(form, RenewalForm):
        return compose_renewal(
            console,
            form.as_of,
            form.license_ids,
            False,
            form.years,
            form.users,
            form.devices,
            form.contact,
            notes,
        )
    if form.license_id is None:
        raise UserError("support packs are bought for one license: choose it first")
    return compose_packs(
        console, form.as_of, form.count, form.po_number, form.license_id, form.contact, notes
    )


def send_by_email(
    console: Console,
    form: RenewalForm | PacksForm,
    settings: Settings,
    secrets: SecretStore,
    session_password: str | None = None,
) -> RecordedRequest:
    """Composes, sends by SMTP and records the request as sent. The password is read from the
    keyring here, off the GUI thread; one typed this session (no keyring) comes first."""
    from app.requests.mail import send_by_smtp
    from app.secrets import SMTP_PASSWORD

    request = compose(console, form)
    password = session_password or secrets.get(SMTP_PASSWORD)
    send_by_smtp(request, settings, password)
    return record_request(console, request, Channel.SMTP, RequestStatus.SENT, form.as_of)


def save_as_files(console: Console, form: RenewalForm | PacksForm, folder: Path) -> RecordedRequest:
    """Composes the request, writes its JSON and text files in `folder`, records it as saved."""
    request = compose(console, form)
    return record_request(console, request, Channel.FILE, RequestStatus.SAVED, form.as_of, folder)


def record_sent(
    console: Console, request: ComposedRequest, channel: Channel, as_of: date
) -> RecordedRequest:
    """Records a request the admin opened in the mail program or copied, and says was sent."""
    if channel not in (Channel.MAILTO, Channel.CLIPBOARD):
        raise ValueError(f"only a request handed over by mailto or clipboard is marked: {channel}")
    return record_request(console, request, channel, RequestStatus.SENT, as_of)


def mark_sent(console: Console, request_id: int) -> None:
    set_status(console, request_id, RequestStatus.SENT)


def cancel(console: Console, request_id: int) -> None:
    set_status(console, request_id, RequestStatus.CANCELLED)


def folder_to_open(folder: Path) -> Path:
    """A folder that exists to open a folder chooser on: `folder`, created if needed, or else
    its nearest existing parent (file I/O: run it off the GUI thread)."""
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    for candidate in (folder, *folder.parents):
        if candidate.is_dir():
            return candidate
    return Path.home()


# The history --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryRow:
    """One recorded request as the history shows it."""

    id: int
    kind: RequestKind
    license_ids: tuple[str, ...]
    created_on: date | None
    channel: Channel
    status: RequestStatus
    """As shown: `fulfilled` is derived from the licenses that count."""
    packs: int | None
    po_number: str | None
    file_path: str | None

    @property
    def can_cancel(self) -> bool:
        return self.status not in (RequestStatus.CANCELLED, RequestStatus.FULFILLED)

    @property
    def can_mark_sent(self) -> bool:
        """Only a request that left without being known as sent: opened or saved."""
        return self.status in (RequestStatus.OPENED, RequestStatus.SAVED)


def _created_on(created_at: str) -> date | None:
    try:
        return parse_date(created_at[:10])
    except ValueError:
        return None


def history_rows(views: Iterable[RequestView], license_id: str | None) -> tuple[HistoryRow, ...]:
    """The requests that concern `license_id` (None: every request), newest first."""
    rows = []
    for view in views:
        request = view.request
        if license_id is not None and license_id not in request.license_ids:
            continue
        payload = request.payload
        packs = payload.get("packs") if request.kind is RequestKind.PACKS else None
        po_number = payload.get("po_number") if request.kind is RequestKind.PACKS else None
        rows.append(
            HistoryRow(
                id=request.id,
                kind=request.kind,
                license_ids=request.license_ids,
                created_on=_created_on(request.created_at),
                channel=request.channel,
                status=view.status,
                packs=packs if isinstance(packs, int) and not isinstance(packs, bool) else None,
                po_number=po_number if isinstance(po_number, str) else None,
                file_path=request.file_path,
            )
        )
    return tuple(sorted(rows, key=lambda r: r.id, reverse=True))
