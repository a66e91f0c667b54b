"""Renewal and support-pack requests (`app.requests`): composed once (R5, R6, R8, R16), saved as
files or handed to a mail program, recorded, marked as sent or cancelled, and shown as fulfilled
once a license revision reaches what was asked for (derived, never stored).

Over real databases: tests that store and read back run on SQLite and PostgreSQL (when
TEST_POSTGRES_URL is set); the composition of requests runs on SQLite only.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from app.console import Console
from app.errors import UserError
from app.requests.compose import ComposedRequest, Contact, compose_packs, compose_renewal
from app.requests.forms import due_license_ids, estimate_renewal
from app.requests.mail import build_message
from app.requests.model import Channel, RequestKind, RequestStatus
from app.requests.record import list_requests, record_request, set_status
from app.status import portfolio_status
from app.storage.schema import requests
from licensing.claims import DocumentType
from licensing.values import MAX_RENEWAL_YEARS, MAX_SEATS
from tests.app.support import imported
from tests.factories import POLICY, Vendor, assets_license, license_claims, portal_license

TODAY = date(2025, 3, 1)
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
ANN = Contact(name="Ann Admin", email="ann@fabrikam.example", phone="+1 555 0100")


@pytest.fixture
def portfolio(console: Console, vendor: Vendor) -> Console:
    """LIC-A (portal, USD 12,000, to 2027-01-01) and LIC-B (assets, EUR 8,000, to 2026-12-15)."""
    imported(
        console,
        vendor.write(DocumentType.LICENSE, portal_license()),
        vendor.write(DocumentType.LICENSE, assets_license()),
    )
    return console


def renewal(console: Console, day: date = TODAY) -> ComposedRequest:
    return compose_renewal(console, day, contact=ANN)


def stored_count(console: Console) -> int:
    with console.database.read() as connection:
        return int(connection.execute(select(func.count()).select_from(requests)).scalar_one())


def statuses(console: Console) -> list[RequestStatus]:
    return [view.status for view in list_requests(console)]


# recording --------------------------------------------------------------------------------------


def test_a_renewal_request_saved_as_files_is_recorded(licensed: Console, tmp_path: Path) -> None:
    request = renewal(licensed)
    assert (request.kind, request.license_ids) == (RequestKind.RENEWAL, ("LIC-1",))
    assert request.payload["period_end"] == "2026-04-01"
    folder = tmp_path / "requests" / "new"
    recorded = record_request(licensed, request, Channel.FILE, RequestStatus.SAVED, TODAY, folder)
    assert recorded.json_path is not None and recorded.text_path is not None
    assert recorded.json_path.name == f"renewal-request-LIC-1-2025-03-01-{recorded.id}.json"
    saved = json.loads(recorded.json_path.read_text(encoding="utf-8"))
    assert saved["license_id"] == "LIC-1"
    assert saved["total"] == "12000.00"
    assert saved["totals"] == {"USD": "12000.00"}
    assert saved["to"] == "renewals@cireson.com"
    assert saved["contact"] == {
        "name": "Ann Admin",
        "email": "ann@fabrikam.example",
        "phone": "+1 555 0100",
    }
    text = recorded.text_path.read_text(encoding="utf-8")
    assert text.startswith("To: renewals@cireson.com\nSubject: ")
    assert "Ann Admin" in text
    assert "backdated to start 2025-04-01, ending 2026-04-01" in text
    [view] = list_requests(licensed)
    row = view.request
    assert (row.id, row.kind, row.status, row.channel) == (
        recorded.id,
        RequestKind.RENEWAL,
        RequestStatus.SAVED,
        Channel.FILE,
    )
    assert (view.status, row.license_ids) == (RequestStatus.SAVED, ("LIC-1",))
    assert row.file_path == str(recorded.json_path)
    assert row.payload == request.payload


def test_a_request_is_marked_as_sent_or_cancelled(licensed: Console) -> None:
    first = record_request(licensed, renewal(licensed), Channel.MAILTO, RequestStatus.OPENED, TODAY)
    second = record_request(
        licensed, renewal(licensed), Channel.MAILTO, RequestStatus.OPENED, TODAY
    )
    assert (first.json_path, first.text_path) == (None, None)
    assert statuses(licensed) == [RequestStatus.OPENED, RequestStatus.OPENED]
    set_status(licensed, first.id, RequestStatus.SENT)
    set_status(licensed, second.id, RequestStatus.CANCELLED)
    assert statuses(licensed) == [RequestStatus.SENT, RequestStatus.CANCELLED]
    with pytest.raises(UserError, match="sent or cancelled"):
        set_status(licensed, first.id, RequestStatus.FULFILLED)
    with pytest.raises(UserError, match="#99"):
        set_status(licensed, 99, RequestStatus.SENT)
    assert statuses(licensed) == [RequestStatus.SENT, RequestStatus.CANCELLED]


def test_a_renewal_request_is_fulfilled_by_a_license_reaching_its_period_end(
    licensed: Console, vendor: Vendor, tmp_path: Path
) -> None:
    record_request(licensed, renewal(licensed), Channel.FILE, RequestStatus.SAVED, TODAY, tmp_path)
    packs = compose_packs(licensed, TODAY, 1, "PO-1")
    record_request(licensed, packs, Channel.MAILTO, RequestStatus.OPENED, TODAY)
    cancelled = record_request(
        licensed, renewal(licensed), Channel.MAILTO, RequestStatus.OPENED, TODAY
    )
    set_status(licensed, cancelled.id, RequestStatus.CANCELLED)

    short = license_claims(revision=2, sm_end="2025-10-01", issued_at="2025-02-20T00:00:00Z")
    imported(licensed, vendor.write(DocumentType.LICENSE, short))
    assert statuses(licensed) == [
        RequestStatus.SAVED,
        RequestStatus.OPENED,
        RequestStatus.CANCELLED,
    ]
    full = license_claims(revision=3, sm_end="2026-04-01", issued_at="2025-02-21T00:00:00Z")
    imported(licensed, vendor.write(DocumentType.LICENSE, full))
    # Derived, never stored: a pack request is never "fulfilled", a cancelled one stays so.
    assert statuses(licensed) == [
        RequestStatus.FULFILLED,
        RequestStatus.OPENED,
        RequestStatus.CANCELLED,
    ]
    assert list_requests(licensed)[0].request.status is RequestStatus.SAVED


@sqlite_only
def test_a_renewal_of_several_licenses_is_fulfilled_once_each_is_renewed(
    portfolio: Console, vendor: Vendor
) -> None:
    day = date(2026, 11, 15)
    request = compose_renewal(portfolio, day, all_due=True)
    record_request(portfolio, request, Channel.MAILTO, RequestStatus.OPENED, day)
    [view] = list_requests(portfolio)
    assert sorted(view.request.license_ids) == ["LIC-A", "LIC-B"]
    renewed_a = {
        **portal_license(),
        "revision": 2,
        "sm_end": "2028-01-01",
        "issued_at": "2026-11-20T00:00:00Z",
    }
    imported(portfolio, vendor.write(DocumentType.LICENSE, renewed_a))
    assert statuses(portfolio) == [RequestStatus.OPENED]
    renewed_b = assets_license(revision=2, sm_end="2027-12-15", issued_at="2026-11-20T00:00:00Z")
    imported(portfolio, vendor.write(DocumentType.LICENSE, renewed_b))
    assert statuses(portfolio) == [RequestStatus.FULFILLED]


@sqlite_only
def test_a_request_that_cannot_be_written_records_nothing(
    licensed: Console, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(UserError, match="cannot write"):
        record_request(
            licensed,
            renewal(licensed),
            Channel.FILE,
            RequestStatus.SAVED,
            TODAY,
            blocker / "requests",
        )
    assert stored_count(licensed) == 0


@sqlite_only
def test_a_request_half_written_leaves_no_file_behind(licensed: Console, tmp_path: Path) -> None:
    folder = tmp_path / "requests"
    folder.mkdir()
    # The text file's name is taken by a folder, so only the JSON file can be written.
    (folder / f"renewal-request-LIC-1-{TODAY.isoformat()}-1.txt").mkdir()
    with pytest.raises(UserError, match="cannot write"):
        record_request(
            licensed, renewal(licensed), Channel.FILE, RequestStatus.SAVED, TODAY, folder
        )
    assert stored_count(licensed) == 0
    assert [p.name for p in folder.iterdir() if p.is_file()] == []


# composing --------------------------------------------------------------------------------------


@sqlite_only
def test_a_renewal_of_several_licenses_is_one_request_with_a_total_per_currency(
    portfolio: Console,
) -> None:
    day = date(2026, 11, 1)
    request = compose_renewal(portfolio, day, ["LIC-B", "LIC-A", "LIC-B"], contact=ANN)
    assert request.license_ids == ("LIC-B", "LIC-A")  # each once, in the order asked
    payload = request.payload
    assert [
        (e["license_id"], e["sm_state"], e["period_start"], e["period_end"], e["total"])
        for e in payload["licenses"]
    ] == [
        ("LIC-B", "renewal_due", "2026-12-15", "2027-12-15", "8000.00"),
        ("LIC-A", "active", "2027-01-01", "2028-01-01", "12000.00"),
    ]
    assert [e["currency"] for e in payload["licenses"]] == ["EUR", "USD"]
    assert payload["totals"] == {"EUR": "8000.00", "USD": "12000.00"}
    assert "license_id" not in payload and "total" not in payload
    assert request.subject == "S&M renewal request: Fabrikam Inc, 2 licenses"
    assert "Estimated total: 8000.00 EUR; 12000.00 USD" in request.body
    with pytest.raises(UserError, match="one license at a time"):
        compose_renewal(portfolio, day, ["LIC-A", "LIC-B"], users=300)
    with pytest.raises(UserError, match="LIC-X"):
        compose_renewal(portfolio, day, ["LIC-A", "LIC-X"])
    with pytest.raises(UserError, match="--license"):
        compose_renewal(portfolio, day)


@sqlite_only
def test_all_due_renews_the_licenses_in_their_window_or_past_it(portfolio: Console) -> None:
    assert compose_renewal(portfolio, date(2026, 11, 1), all_due=True).license_ids == ("LIC-B",)
    both = compose_renewal(portfolio, date(2026, 11, 15), all_due=True)
    assert sorted(both.license_ids) == ["LIC-A", "LIC-B"]
    assert both.payload["totals"] == {"EUR": "8000.00", "USD": "12000.00"}
    # Past expiry: LIC-B lapsed (10% fee), LIC-A expired (none); each backdated to its sm_end.
    late = compose_renewal(portfolio, date(2027, 2, 20), all_due=True)
    entries = {e["license_id"]: e for e in late.payload["licenses"]}
    assert (entries["LIC-B"]["sm_state"], entries["LIC-B"]["total"]) == ("lapsed", "8800.00")
    assert (entries["LIC-A"]["sm_state"], entries["LIC-A"]["total"]) == ("expired", "12000.00")
    assert entries["LIC-B"]["period_start"] == "2026-12-15"
    assert late.payload["totals"] == {"EUR": "8800.00", "USD": "12000.00"}
    with pytest.raises(UserError, match="no license is due"):
        compose_renewal(portfolio, date(2026, 6, 1), all_due=True)


@sqlite_only
def test_renew_all_due_in_the_window_covers_what_all_due_covers(portfolio: Console) -> None:
    for day in (date(2026, 11, 1), date(2026, 11, 15), date(2027, 2, 20)):
        covered = compose_renewal(portfolio, day, all_due=True).license_ids
        assert due_license_ids(portfolio_status(portfolio, day)) == covered
    assert due_license_ids(portfolio_status(portfolio, date(2026, 6, 1))) == ()


@sqlite_only
def test_the_window_estimate_reads_the_stored_portfolio_once(
    portfolio: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.status

    reads: list[object] = []
    real = app.status.read_portfolio

    def counted(*args: object) -> object:
        reads.append(args)
        return real(*args)

    monkeypatch.setattr(app.status, "read_portfolio", counted)
    estimate = estimate_renewal(portfolio, date(2026, 11, 1), ["LIC-B", "LIC-A"], None)
    assert len(reads) == 1
    assert [q.license_id for q in estimate.quotes] == ["LIC-B", "LIC-A"]
    assert estimate.totals == {"EUR": Decimal("8000.00"), "USD": Decimal("12000.00")}


@sqlite_only
@pytest.mark.parametrize(
    ("asked", "option"),
    [
        ({"years": 0}, "--years"),
        ({"years": MAX_RENEWAL_YEARS + 1}, "--years"),
        ({"users": -1}, "--users"),
        ({"devices": MAX_SEATS + 1}, "--devices"),
    ],
)
def test_a_renewal_out_of_bounds_is_one_line_naming_the_option(
    licensed: Console, asked: dict[str, int], option: str
) -> None:
    with pytest.raises(UserError, match=f"^{option}: ") as composed:
        compose_renewal(licensed, TODAY, **asked)
    with pytest.raises(UserError) as estimated:
        estimate_renewal(licensed, TODAY, ["LIC-1"], **{"years": None, **asked})  # the window
    assert str(estimated.value) == str(composed.value)
    assert "\n" not in str(composed.value)


@sqlite_only
def test_a_renewal_with_a_seat_change_asks_for_a_quote(licensed: Console) -> None:
    request = compose_renewal(licensed, TODAY, users=400)
    assert request.payload["quote_required"] is True
    assert request.payload["total"] is None
    assert request.payload["totals"] == {}
    assert request.payload["requested_seats"] == {"users": 400, "devices": None}
    assert "please send a quote" in request.body
    same = compose_renewal(licensed, TODAY, users=250, devices=0)
    assert (same.payload["quote_required"], same.payload["total"]) == (False, "12000.00")


@sqlite_only
def test_a_renewal_for_too_few_years_says_so(licensed: Console) -> None:
    request = compose_renewal(licensed, date(2026, 5, 1), years=1)
    assert (request.payload["becomes_current"], request.payload["min_years_to_be_current"]) == (
        False,
        2,
    )
    assert "leave S&M expired on 2026-05-01; 2 are needed" in request.body
    assert "reinstatement fee of 1200.00 USD" in request.body


@sqlite_only
def test_a_pack_request(licensed: Console) -> None:
    request = compose_packs(licensed, TODAY, 2, "  PO-9 ", contact=ANN, notes="Line one\nLine two")
    assert (request.kind, request.license_ids) == (RequestKind.PACKS, ("LIC-1",))
    payload = request.payload
    assert (payload["packs"], payload["tickets"], payload["po_number"]) == (2, 8, "PO-9")
    assert (payload["unit_price"], payload["total"], payload["currency"]) == (
        "2000.00",
        "4000.00",
        "USD",
    )
    assert payload["non_refundable"] is True
    assert payload["notes"] == "Line one\nLine two"
    assert request.subject == "Support pack request: Fabrikam Inc, 2 packs, PO PO-9"
    assert "non-refundable" in request.body
    assert request.recipient == POLICY.renewals_email
    for count in (0, 1001):
        with pytest.raises(UserError, match="--count"):
            compose_packs(licensed, TODAY, count, "PO-9")
    with pytest.raises(UserError, match="purchase order"):
        compose_packs(licensed, TODAY, 1, "   ")


@sqlite_only
@pytest.mark.parametrize(
    "contact",
    [
        Contact(name="Ann\r\nBcc: everyone@example.com"),
        Contact(email="ann@example.com\nBcc: x@example.com"),
        Contact(email="not-an-address"),
        Contact(phone="+1\x00555"),
    ],
    ids=["name", "email-header", "email-no-at", "phone"],
)
def test_a_request_refuses_a_contact_that_could_add_a_header(
    licensed: Console, contact: Contact
) -> None:
    with pytest.raises(UserError, match="contact"):
        compose_renewal(licensed, TODAY, contact=contact)


@sqlite_only
def test_the_mailto_link_and_the_e_mail_carry_the_request(licensed: Console) -> None:
    request = compose_renewal(licensed, date(2025, 7, 15), contact=ANN)
    url = urlsplit(request.mailto_url())
    assert (url.scheme, url.path) == ("mailto", "renewals@cireson.com")
    query = parse_qs(url.query)
    assert query["subject"] == [request.subject]
    assert query["body"] == [request.body]
    assert "1200.00" in request.body  # lapsed on 2025-07-15: the reinstatement fee

    message = message_from_bytes(build_message(request, "console@fabrikam.example").as_bytes())
    assert (message["To"], message["From"]) == ("renewals@cireson.com", "console@fabrikam.example")
    assert message["Subject"] == request.subject
    parts: list[Message] = list(message.walk())
    [attachment] = [p for p in parts if p.get_filename() == "renewal-request.json"]
    payload = attachment.get_payload(decode=True)
    assert isinstance(payload, bytes)
    attached = json.loads(payload)
    assert attached == {**request.payload, "subject": request.subject, "to": request.recipient}
    assert attached == json.loads(request.document())  # the file saved for the portal
