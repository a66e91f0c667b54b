"""A thin layer over the sample world (tests/factories.py) for the business-rule tests: the
worked example's license, packs and tickets with the one or two claims a rule test varies, read
through the real claims parser; the ledger and the dashboard on a day; and a portfolio of several
licenses built from what "verified" (R16, R17).

Dates may be given as `date` values or ISO strings; every figure of the rules comes from the
shipped vendor policy (`POLICY`), as R14 asks of the code.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from dateutil.relativedelta import relativedelta

from licensing.claims import (
    Category,
    Classification,
    DocumentType,
    LicenseClaims,
    LicenseType,
    ReleaseCatalogClaims,
    SupportPackClaims,
    Ticket,
    TicketKind,
    TicketStatementClaims,
    parse_claims,
)
from licensing.ledger import Ledger, TicketBalance, charge_tickets, ticket_balance
from licensing.policy import VendorPolicy
from licensing.portfolio import (
    Dispute,
    LocalTicket,
    Portfolio,
    PortfolioStatus,
    Rejected,
    Signed,
    build_portfolio,
    evaluate,
)
from licensing.rules import SmStatus, sm_status
from licensing.trust import TrustSource
from licensing.warnings import StatusWarning, license_warnings
from tests import factories
from tests.factories import LICENSE_ID, POLICY

__all__ = ["LICENSE_ID", "POLICY"]

FAR_FUTURE = date(2100, 1, 1)

Day = date | str


def d(value: Day) -> date:
    """A date from a `date` or an ISO `YYYY-MM-DD` string."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def plus_years(day: Day, years: int) -> date:
    """Calendar arithmetic of docs/rules.md ("Dates and money"), computed here independently of
    the code under test."""
    return d(day) + relativedelta(years=years)


def plus_months(day: Day, months: int) -> date:
    return d(day) + relativedelta(months=months)


# Licenses, packs, tickets -------------------------------------------------------------------


def make_license(
    sm_start: Day = "2023-04-01",
    sm_end: Day = "2025-04-01",
    *,
    license_type: LicenseType = LicenseType.PERPETUAL,
    tickets_per_year: int = 6,
    fee: str = "12000.00",
    currency: str = "USD",
    license_id: str = LICENSE_ID,
    revision: int = 1,
    **claims: Any,
) -> LicenseClaims:
    """The worked example's license (factories.license) with the claims a rule test varies."""
    return factories.license(
        license_id=license_id,
        revision=revision,
        license_type=license_type.value,
        sm_start=d(sm_start),
        sm_end=d(sm_end),
        sm_annual_fee={"amount": fee, "currency": currency},
        tickets_per_year=tickets_per_year,
        **claims,
    )


def license_from(claims: Mapping[str, Any]) -> LicenseClaims:
    """Typed claims of a license claims object (factories.portal_license(), ...)."""
    parsed = parse_claims(DocumentType.LICENSE, dict(claims))
    assert isinstance(parsed, LicenseClaims)
    return parsed


def renewed(license: LicenseClaims, years: int = 1) -> LicenseClaims:
    """The next revision after a backdated renewal of `years` (R5): sm_end moves by N years."""
    return dataclasses.replace(
        license, revision=license.revision + 1, sm_end=plus_years(license.sm_end, years)
    )


def make_pack(
    pack_id: str = "P1",
    purchased_on: Day = "2024-10-15",
    packs: int = 1,
    *,
    license_id: str = LICENSE_ID,
) -> SupportPackClaims:
    return factories.pack(pack_id, d(purchased_on), packs, license_id=license_id)


def ticket(
    case_id: str,
    opened_on: Day,
    classification: Classification = Classification.CUSTOMER,
    category: Category = Category.PRODUCT,
    kind: TicketKind = TicketKind.INCIDENT,
) -> Ticket:
    return factories.ticket(
        case_id, d(opened_on), classification.value, category=category.value, kind=kind.value
    )


def bug(case_id: str, opened_on: Day, category: Category = Category.PRODUCT) -> Ticket:
    return ticket(case_id, opened_on, Classification.PRODUCT_BUG, category)


def reclassified(tickets: Iterable[Ticket], case_id: str, to: Classification) -> list[Ticket]:
    return [t._replace(classification=to) if t.case_id == case_id else t for t in tickets]


def statement(
    tickets: Iterable[Ticket],
    issued_at: str = "2025-03-01T08:00:00Z",
    license_id: str = LICENSE_ID,
) -> TicketStatementClaims:
    """A ticket statement holding `tickets`, read through the real parser."""
    items = [
        factories.statement_ticket(
            t.case_id,
            t.opened_on,
            t.classification.value,
            kind=t.kind.value,
            category=t.category.value,
        )
        for t in tickets
    ]
    return factories.statement(items, issued_at=issued_at, license_id=license_id)


# The ledger and the dashboard of one license --------------------------------------------------


def ledger(
    license: LicenseClaims,
    tickets: Iterable[Ticket] = (),
    packs: Iterable[SupportPackClaims] = (),
    as_of: Day = FAR_FUTURE,
    policy: VendorPolicy = POLICY,
) -> Ledger:
    return charge_tickets(license, packs, tickets, d(as_of), policy)


def balance(
    license: LicenseClaims,
    tickets: Iterable[Ticket] = (),
    packs: Iterable[SupportPackClaims] = (),
    as_of: Day = FAR_FUTURE,
) -> TicketBalance:
    return ticket_balance(ledger(license, tickets, packs, as_of))


def outcomes(result: Ledger) -> dict[str, tuple[str, str | None]]:
    """case_id -> (outcome, key of the bucket drawn from or None)."""
    return {
        c.ticket.case_id: (c.outcome.value, c.bucket.key if c.bucket else None)
        for c in result.charges
    }


def dashboard(
    license: LicenseClaims,
    day: Day,
    tickets: Iterable[Ticket] = (),
    packs: Iterable[SupportPackClaims] = (),
) -> tuple[SmStatus, TicketBalance, list[StatusWarning]]:
    """What `status` computes for one license on `day`: the S&M state, balance and warnings."""
    day = d(day)
    sm = sm_status(license, day, POLICY)
    bal = balance(license, tickets, packs, day)
    return sm, bal, license_warnings(license, sm, bal, day, POLICY)


# A portfolio (R16, R17) -----------------------------------------------------------------------

_document_ids = itertools.count(1)


def signed(
    claims: Any,
    *,
    trust: TrustSource = TrustSource.VENDOR,
    kid: str | None = None,
    document_id: int | None = None,
) -> Signed[Any]:
    """`claims` as a stored document that verified in this run, vouched for by `trust`."""
    return Signed(
        document_id=next(_document_ids) if document_id is None else document_id,
        claims=claims,
        trust=trust,
        kid=kid or f"k4.pid.{trust.value}",
        imported_at="2025-03-01T00:00:00+00:00",
    )


def _signed_all(documents: Iterable[Any]) -> list[Signed[Any]]:
    return [doc if isinstance(doc, Signed) else signed(doc) for doc in documents]


def local(
    case_id: str,
    opened_on: Day,
    license_id: str | None = LICENSE_ID,
    classification: Classification = Classification.CUSTOMER,
) -> LocalTicket:
    """A case the admin recorded, assigned to `license_id` (None: to no license yet)."""
    return LocalTicket(ticket(case_id, opened_on, classification), license_id)


def dispute(
    case_id: str,
    *,
    classification: Classification | None = None,
    opened_on: Day | None = None,
    kind: TicketKind | None = None,
    category: Category | None = None,
) -> Dispute:
    """The admin's disagreement with the vendor's record of `case_id` (R17)."""
    return Dispute(
        case_id=case_id,
        opened_on=None if opened_on is None else d(opened_on),
        kind=kind,
        classification=classification,
        category=category,
        reason="the admin's view",
        disputed_by="admin",
        disputed_at=datetime.fromisoformat("2025-03-02T09:00:00+00:00"),
    )


def rejected(
    document_type: DocumentType | None,
    subject: str | None,
    license_id: str | None = None,
    error_code: str = "bad_signature",
) -> Rejected:
    """A stored document that does not verify now (labelled from its unverified claims)."""
    return Rejected(
        document_id=next(_document_ids),
        document_type=document_type,
        subject=subject,
        license_id=license_id,
        error_code=error_code,
        message="the signature does not match",
    )


def portfolio(
    *,
    licenses: Iterable[LicenseClaims | Signed[LicenseClaims]] = (),
    packs: Iterable[SupportPackClaims | Signed[SupportPackClaims]] = (),
    statements: Iterable[TicketStatementClaims | Signed[TicketStatementClaims]] = (),
    catalogs: Iterable[ReleaseCatalogClaims | Signed[ReleaseCatalogClaims]] = (),
    revocations: Mapping[str, str] | None = None,
    rejected: Iterable[Rejected] = (),
    local_tickets: Iterable[LocalTicket] = (),
    disputes: Iterable[Dispute] = (),
) -> Portfolio:
    """`build_portfolio` over claims (wrapped as vendor-signed) or `Signed` documents, and local
    tickets each with its license id (grouped here, as the storage reads them)."""
    by_license: dict[str | None, list[Ticket]] = {}
    for ticket, license_id in local_tickets:
        by_license.setdefault(license_id, []).append(ticket)
    return build_portfolio(
        licenses=_signed_all(licenses),
        packs=_signed_all(packs),
        statements=_signed_all(statements),
        catalogs=_signed_all(catalogs),
        revocations=revocations or {},
        rejected=rejected,
        local_tickets=by_license,
        disputes=disputes,
    )


def evaluated(held: Portfolio, day: Day, license_id: str | None = None) -> PortfolioStatus:
    return evaluate(held, d(day), POLICY, license_id=license_id)
