"""Demo mode: documents signed at first use with the demo key shipped in `resources/demo/`.

The demo key is public knowledge, so it is trusted only in demo mode and only with the demo
database, which lives apart from the real one. The documents are dated around the day of first
use, so the demo shows a license in its 60-day reminder window with packs, bugs and an ineligible
ticket.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from app.services import Console
from licensing import paserk
from licensing.claims import DocumentType
from licensing.documents import sign_document
from licensing.rules import add_months, add_years
from resources import resource_path

DEMO_SECRET = ("demo", "demo-secret.paserk")
DEMO_TRUST = ("trust", "demo.json")
DEMO_LICENSE_ID = "DEMO-LIC-0001"
DEMO_PRODUCT = "PORTAL"


def _stamp(day: date) -> str:
    return datetime.combine(day, time(9, 0), tzinfo=UTC).isoformat().replace("+00:00", "Z")


def demo_claims(today: date) -> list[tuple[DocumentType, str, dict[str, Any]]]:
    """(type, file name, claims) of every demo document, relative to `today`."""
    sm_end = today + timedelta(days=45)
    sm_start = add_years(sm_end, -3)
    period_start = add_years(sm_start, 2)
    issued = _stamp(today - timedelta(days=1))
    license = {
        "license_id": DEMO_LICENSE_ID,
        "revision": 3,
        "issued_at": _stamp(period_start),
        "customer": {
            "id": "CUST-DEMO",
            "name": "Contoso Ltd (demo)",
            "contact_email": "it-admin@contoso.example",
        },
        "product": {"code": DEMO_PRODUCT, "name": "Self-Service Portal", "category": "portal"},
        "license_type": "perpetual",
        "seats": {"users": 500, "devices": 0},
        "sm_start": sm_start.isoformat(),
        "sm_end": sm_end.isoformat(),
        "sm_annual_fee": {"amount": "12000.00", "currency": "USD"},
        "tickets_per_year": 6,
    }
    old_pack_day = add_months(today, -11) + timedelta(days=10)
    new_pack_day = today - timedelta(days=40)
    packs = [
        ("DEMO-PACK-A", old_pack_day, 1, "PO-DEMO-1001"),
        ("DEMO-PACK-B", new_pack_day, 2, "PO-DEMO-1002"),
    ]

    def day(offset: int) -> str:
        return (period_start + timedelta(days=offset)).isoformat()

    statement_tickets = [
        {
            "case_id": "CS-1001",
            "opened_on": day(12),
            "kind": "incident",
            "classification": "customer",
            "title": "Portal login loop after SSO change",
        },
        {
            "case_id": "CS-1002",
            "opened_on": day(40),
            "kind": "incident",
            "classification": "product_bug",
            "title": "Request offering form drops attachments",
        },
        {
            "case_id": "CS-1003",
            "opened_on": day(75),
            "kind": "service_request",
            "classification": "customer",
            "category": "licensing",
            "title": "Move license to new console server",
        },
        {
            "case_id": "CS-1004",
            "opened_on": day(110),
            "kind": "incident",
            "classification": "customer",
            "title": "Slow knowledge base search",
        },
        {
            "case_id": "CS-1005",
            "opened_on": day(150),
            "kind": "incident",
            "classification": "customer",
            "category": "system_center",
            "title": "SCSM workflow server question",
        },
        {
            "case_id": "CS-1006",
            "opened_on": day(190),
            "kind": "incident",
            "classification": "customer",
            "title": "Analyst view filters reset",
        },
        {
            "case_id": "CS-1007",
            "opened_on": day(230),
            "kind": "incident",
            "classification": "product_bug",
            "title": "Dashboard widget crashes on empty queue",
        },
        {
            "case_id": "CS-1008",
            "opened_on": day(260),
            "kind": "service_request",
            "classification": "customer",
            "category": "upgrade",
            "title": "Upgrade path to 11.x",
        },
        {
            "case_id": "CS-1009",
            "opened_on": day(290),
            "kind": "incident",
            "classification": "customer",
            "title": "E-mail notifications delayed",
        },
        {
            "case_id": "CS-1010",
            "opened_on": day(300),
            "kind": "incident",
            "classification": "customer",
            "title": "Portal theme lost after upgrade",
        },
    ]
    statement = {"license_id": DEMO_LICENSE_ID, "issued_at": issued, "tickets": statement_tickets}
    releases = []
    for version, offset_months, kind in (
        ("10.0.0", -30, "major"),
        ("10.1.0", -24, "minor"),
        ("10.1.2", -20, "patch"),
        ("10.2.0", -14, "minor"),
        ("11.0.0", -8, "major"),
        ("11.0.3", -5, "patch"),
        ("11.1.0", -2, "minor"),
    ):
        releases.append(
            {
                "version": version,
                "released_on": add_months(today, offset_months).isoformat(),
                "kind": kind,
            }
        )
    catalog = {"product_code": DEMO_PRODUCT, "issued_at": issued, "releases": releases}
    documents: list[tuple[DocumentType, str, dict[str, Any]]] = [
        (DocumentType.LICENSE, "license.paseto", license),
        (DocumentType.TICKET_STATEMENT, "ticket-statement.paseto", statement),
        (DocumentType.RELEASE_CATALOG, "release-catalog.paseto", catalog),
    ]
    for pack_id, purchased, count, po in packs:
        pack = {
            "pack_id": pack_id,
            "license_id": DEMO_LICENSE_ID,
            "purchased_on": purchased.isoformat(),
            "packs": count,
            "po_number": po,
            "amount": {"amount": f"{2000 * count}.00", "currency": "USD"},
        }
        documents.append((DocumentType.SUPPORT_PACK, f"{pack_id.lower()}.paseto", pack))
    return documents


def demo_local_tickets_csv(today: date) -> str:
    rows = [
        "case_id,opened_on,kind,classification,category,title",
        f"LOCAL-1,{(today - timedelta(days=9)).isoformat()},incident,customer,product,Print template renders blank page",
        f"LOCAL-2,{(today - timedelta(days=3)).isoformat()},incident,customer,training,Training request for new analysts",
        f"LOCAL-3,{(today - timedelta(days=1200)).isoformat()},incident,customer,product,Question raised before S&M began",
    ]
    return "\n".join(rows) + "\n"


def ensure_demo_data(console: Console, folder: Path) -> bool:
    """Signs and imports the demo documents into an empty demo database; returns whether it did."""
    if console.current_license() is not None:
        return False
    secret = paserk.secret_from_paserk(resource_path(*DEMO_SECRET).read_text(encoding="ascii"))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for document_type, name, claims in demo_claims(console.today):
        path = folder / name
        path.write_text(sign_document(document_type, claims, secret) + "\n", encoding="ascii")
        paths.append(path)
    report = console.import_files(paths)
    if not report.succeeded:
        raise RuntimeError(f"the demo documents did not import: {report.files}")
    csv_path = folder / "local-tickets.csv"
    csv_path.write_text(demo_local_tickets_csv(console.today), encoding="utf-8")
    console.import_tickets_csv(csv_path)
    return True
