"""Demo mode: a realistic portfolio signed at first use with the demo key shipped in
`resources/demo/`.

The demo key is public knowledge, so it is trusted only in demo mode and only with the demo
database, which lives apart from the real one. The documents are dated around the day of first
use: the portal in production is in its 60-day reminder window, the portal's test environment is
active, asset management has lapsed (the reinstatement fee applies, and it is priced in euros);
each has packs and a vendor statement, and the local ledger holds a few cases of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from app.console import Console
from app.errors import UserError
from app.importing import import_files
from app.tickets import import_csv
from licensing import paserk
from licensing.claims import DocumentType
from licensing.documents import sign_document
from licensing.policy import VendorPolicy
from licensing.renewals import pack_quote
from licensing.rules import add_months, add_years
from resources import resource_path

DEMO_SECRET = ("demo", "demo-secret.paserk")
PORTAL_PRODUCTION = "DEMO-PORTAL-PROD"
PORTAL_TEST = "DEMO-PORTAL-TEST"
ASSETS_PRODUCTION = "DEMO-ASSET-PROD"
CUSTOMER = {
    "id": "CUST-DEMO",
    "name": "Contoso Ltd (demo)",
    "contact_email": "it-admin@contoso.example",
}


def _stamp(day: date) -> str:
    return datetime.combine(day, time(9, 0), tzinfo=UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True, slots=True, kw_only=True)
class _DemoLicense:
    license_id: str
    product: dict[str, str]
    environment: str
    sm_end: date
    years: int
    users: int
    fee: str
    currency: str
    tickets_per_year: int


def _license(spec: _DemoLicense, revision: int) -> dict[str, Any]:
    sm_start = add_years(spec.sm_end, -spec.years)
    return {
        "license_id": spec.license_id,
        "revision": revision,
        "issued_at": _stamp(add_years(spec.sm_end, -1)),
        "customer": CUSTOMER,
        "product": spec.product,
        "environment": spec.environment,
        "license_type": "perpetual",
        "seats": {"users": spec.users, "devices": 0},
        "sm_start": sm_start.isoformat(),
        "sm_end": spec.sm_end.isoformat(),
        "sm_annual_fee": {"amount": spec.fee, "currency": spec.currency},
        "tickets_per_year": spec.tickets_per_year,
    }


def _pack(
    pack_id: str, license_id: str, purchased: date, count: int, policy: VendorPolicy
) -> dict[str, Any]:
    price = pack_quote(count, policy).total  # R8: what the vendor charged for them
    return {
        "pack_id": pack_id,
        "license_id": license_id,
        "purchased_on": purchased.isoformat(),
        "packs": count,
        "po_number": f"PO-{pack_id}",
        "amount": {"amount": str(price.amount), "currency": price.currency},
    }


def _ticket(
    case_id: str, opened: date, classification: str, title: str, **extra: str
) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "opened_on": opened.isoformat(),
        "kind": extra.pop("kind", "incident"),
        "classification": classification,
        "title": title,
        **extra,
    }


def _catalog(product: str, today: date, versions: list[tuple[str, int, str]]) -> dict[str, Any]:
    return {
        "product_code": product,
        "issued_at": _stamp(today - timedelta(days=1)),
        "releases": [
            {"version": v, "released_on": add_months(today, months).isoformat(), "kind": kind}
            for v, months, kind in versions
        ],
    }


def demo_claims(
    today: date, policy: VendorPolicy
) -> list[tuple[DocumentType, str, dict[str, Any]]]:
    """(type, file name, claims) of every demo document, relative to `today`; the packs are
    priced by `policy`."""
    portal = {"code": "PORTAL", "name": "Self-Service Portal", "category": "portal"}
    assets = {"code": "ASSET", "name": "Asset Management", "category": "asset-management"}
    production = _DemoLicense(
        license_id=PORTAL_PRODUCTION,
        product=portal,
        environment="production",
        sm_end=today + timedelta(days=45),
        years=3,
        users=500,
        fee="12000.00",
        currency="USD",
        tickets_per_year=6,
    )
    test = _DemoLicense(
        license_id=PORTAL_TEST,
        product=portal,
        environment="test",
        sm_end=today + timedelta(days=200),
        years=2,
        users=50,
        fee="1500.00",
        currency="USD",
        tickets_per_year=2,
    )
    asset = _DemoLicense(
        license_id=ASSETS_PRODUCTION,
        product=assets,
        environment="production",
        sm_end=today - timedelta(days=75),
        years=2,
        users=800,
        fee="8000.00",
        currency="EUR",
        tickets_per_year=4,
    )
    period = add_years(production.sm_end, -1)  # the production portal's current period

    def day(start: date, offset: int) -> date:
        return start + timedelta(days=offset)

    issued = _stamp(today - timedelta(days=1))
    statements = [
        (
            "portal-production",
            PORTAL_PRODUCTION,
            [
                _ticket(
                    "CS-1001", day(period, 12), "customer", "Portal login loop after SSO change"
                ),
                _ticket(
                    "CS-1002",
                    day(period, 40),
                    "product_bug",
                    "Request offering form drops attachments",
                ),
                _ticket(
                    "CS-1003",
                    day(period, 75),
                    "customer",
                    "Move license to new console server",
                    kind="service_request",
                    category="licensing",
                ),
                _ticket("CS-1004", day(period, 110), "customer", "Slow knowledge base search"),
                _ticket(
                    "CS-1005",
                    day(period, 150),
                    "customer",
                    "SCSM workflow server question",
                    category="system_center",
                ),
                _ticket("CS-1006", day(period, 190), "customer", "Analyst view filters reset"),
                _ticket(
                    "CS-1007",
                    day(period, 230),
                    "product_bug",
                    "Dashboard widget crashes on empty queue",
                ),
                _ticket(
                    "CS-1008",
                    day(period, 260),
                    "customer",
                    "Upgrade path to 11.x",
                    kind="service_request",
                    category="upgrade",
                ),
                _ticket("CS-1009", day(period, 290), "customer", "E-mail notifications delayed"),
                _ticket("CS-1010", day(period, 300), "customer", "Portal theme lost after upgrade"),
            ],
        ),
        (
            "portal-test",
            PORTAL_TEST,
            [
                _ticket(
                    "CS-2001",
                    today - timedelta(days=30),
                    "customer",
                    "Test portal cannot reach CMDB",
                )
            ],
        ),
        (
            "asset-production",
            ASSETS_PRODUCTION,
            [
                _ticket(
                    "CS-3001",
                    asset.sm_end - timedelta(days=200),
                    "customer",
                    "Import of hardware assets stalls",
                ),
                _ticket(
                    "CS-3002",
                    asset.sm_end - timedelta(days=120),
                    "product_bug",
                    "Warranty dates shown one day early",
                ),
                _ticket(
                    "CS-3003",
                    asset.sm_end - timedelta(days=40),
                    "customer",
                    "Licence reconciliation report empty",
                ),
            ],
        ),
    ]
    documents: list[tuple[DocumentType, str, dict[str, Any]]] = [
        (DocumentType.LICENSE, f"{spec.license_id.lower()}.paseto", _license(spec, revision))
        for spec, revision in ((production, 3), (test, 1), (asset, 2))
    ]
    documents += [
        (
            DocumentType.TICKET_STATEMENT,
            f"statement-{name}.paseto",
            {"license_id": license_id, "issued_at": issued, "tickets": tickets},
        )
        for name, license_id, tickets in statements
    ]
    packs = [
        ("DEMO-PACK-A", PORTAL_PRODUCTION, add_months(today, -11) + timedelta(days=10), 1),
        ("DEMO-PACK-B", PORTAL_PRODUCTION, today - timedelta(days=40), 2),
        ("DEMO-PACK-T", PORTAL_TEST, today - timedelta(days=90), 1),
        ("DEMO-PACK-C", ASSETS_PRODUCTION, asset.sm_end - timedelta(days=150), 1),
    ]
    documents += [
        (
            DocumentType.SUPPORT_PACK,
            f"{pack_id.lower()}.paseto",
            _pack(pack_id, license_id, day_, n, policy),
        )
        for pack_id, license_id, day_, n in packs
    ]
    documents += [
        (
            DocumentType.RELEASE_CATALOG,
            "catalog-portal.paseto",
            _catalog(
                "PORTAL",
                today,
                [
                    ("10.0.0", -30, "major"),
                    ("10.1.0", -24, "minor"),
                    ("10.1.2", -20, "patch"),
                    ("10.2.0", -14, "minor"),
                    ("11.0.0", -8, "major"),
                    ("11.0.3", -5, "patch"),
                    ("11.1.0", -2, "minor"),
                    ("11.2.0", 3, "minor"),
                    ("12.0.0", 9, "major"),
                ],
            ),
        ),
        (
            DocumentType.RELEASE_CATALOG,
            "catalog-asset.paseto",
            _catalog(
                "ASSET",
                today,
                [("5.0.0", -20, "major"), ("5.1.0", -6, "minor"), ("5.2.0", -1, "minor")],
            ),
        ),
    ]
    return documents


def demo_local_tickets_csv(today: date) -> str:
    rows = [
        "case_id,opened_on,kind,classification,category,title,license_id",
        f"LOCAL-1,{(today - timedelta(days=9)).isoformat()},incident,customer,product,"
        f"Print template renders blank page,{PORTAL_PRODUCTION}",
        f"LOCAL-2,{(today - timedelta(days=3)).isoformat()},incident,customer,training,"
        f"Training request for new analysts,{PORTAL_PRODUCTION}",
        f"LOCAL-3,{(today - timedelta(days=1200)).isoformat()},incident,customer,product,"
        f"Question raised before S&M began,{PORTAL_PRODUCTION}",
        f"LOCAL-4,{(today - timedelta(days=20)).isoformat()},incident,customer,product,"
        f"Asset sync fails after S&M lapsed,{ASSETS_PRODUCTION}",
        f"LOCAL-5,{(today - timedelta(days=5)).isoformat()},service_request,customer,upgrade,"
        f"Plan upgrade of the test portal,{PORTAL_TEST}",
    ]
    return "\n".join(rows) + "\n"


def create_demo_data(console: Console, folder: Path) -> None:
    """Signs and imports the demo documents into the empty demo database."""
    secret = paserk.secret_from_paserk(resource_path(*DEMO_SECRET).read_text(encoding="ascii"))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for document_type, name, claims in demo_claims(console.today, console.policy):
        path = folder / name
        path.write_text(sign_document(document_type, claims, secret) + "\n", encoding="ascii")
        paths.append(path)
    report = import_files(console, paths)
    if not report.succeeded:
        problems = "; ".join(
            f"{f.name}: {f.message}" for f in report.files if f.status != "imported"
        )
        raise UserError(f"the demo documents did not import: {problems}")
    csv_path = folder / "local-tickets.csv"
    csv_path.write_text(demo_local_tickets_csv(console.today), encoding="utf-8")
    import_csv(console, csv_path)
