"""Every license a customer holds (docs/rules.md R16), built only from verified documents, and
vendor facts that stay the vendor's (R17).

`build_portfolio` takes what verified in this run (the caller verified every stored token) and
the local ledger; `evaluate` answers every rule per license on a day and orders the licenses
most urgent first. Nothing of one license is charged to or hidden by another.
About 550 lines: assembling the portfolio, evaluating it, and listing its ledger share the same
types; the rules of one license are in `rules`, `ledger`, `upgrades` and `renewals`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Generic, NamedTuple, TypeVar

from packaging.version import Version

from licensing.claims import (
    Category,
    Classification,
    DocumentType,
    LicenseClaims,
    Release,
    ReleaseCatalogClaims,
    SupportPackClaims,
    Ticket,
    TicketKind,
    TicketStatementClaims,
)
from licensing.errors import revoked_message
from licensing.ledger import Bucket, Ledger, Outcome, TicketBalance, charge_tickets, ticket_balance
from licensing.policy import VendorPolicy
from licensing.rules import SmState, SmStatus, sm_status
from licensing.trust import TrustSource
from licensing.warnings import (
    Severity,
    StatusWarning,
    WarningCode,
    license_warnings,
    overall_severity,
    warning,
)

C = TypeVar("C")


@dataclass(frozen=True, slots=True, kw_only=True)
class Signed(Generic[C]):
    """A stored document that verified in this run: its claims, and who vouched for them."""

    document_id: int
    claims: C
    trust: TrustSource
    kid: str
    imported_at: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Rejected:
    """A stored document that does not verify now; what it says it is was read unverified."""

    document_id: int
    document_type: DocumentType | None
    subject: str | None
    """The id it names (a license, a pack, a catalog's product)."""
    license_id: str | None
    """The license it names, if any."""
    error_code: str
    message: str


class TicketSource(StrEnum):
    LOCAL = "local"
    VENDOR = "vendor"


class LocalTicket(NamedTuple):
    """A case the admin recorded (a hot row: 100,000 and more); `license_id` None: unassigned."""

    ticket: Ticket
    license_id: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Dispute:
    """The admin's view of a vendor ticket, kept beside it (R17); None fields are not disputed."""

    case_id: str
    opened_on: date | None
    kind: TicketKind | None
    classification: Classification | None
    category: Category | None
    reason: str
    disputed_by: str
    disputed_at: datetime

    @classmethod
    def against(
        cls, vendor: Ticket, mine: Ticket, reason: str, by: str, at: datetime
    ) -> Dispute | None:
        """The admin's view `mine` of the vendor's ticket, kept on the fields where it differs
        (the others None); None when it differs on none. The case is the vendor's."""
        dispute = cls(
            case_id=vendor.case_id,
            opened_on=mine.opened_on if mine.opened_on != vendor.opened_on else None,
            kind=mine.kind if mine.kind is not vendor.kind else None,
            classification=mine.classification
            if mine.classification is not vendor.classification
            else None,
            category=mine.category if mine.category is not vendor.category else None,
            reason=reason,
            disputed_by=by,
            disputed_at=at,
        )
        return dispute if dispute.differences(vendor) else None

    def differences(self, vendor: Ticket) -> tuple[str, ...]:
        """The fields on which the vendor's record still says otherwise."""
        mine = {
            "opened_on": self.opened_on,
            "kind": self.kind,
            "classification": self.classification,
            "category": self.category,
        }
        return tuple(
            name
            for name, value in mine.items()
            if value is not None and value != getattr(vendor, name)
        )


class DisputeState(StrEnum):
    OPEN = "open"
    """The vendor's record still differs from the admin's view."""
    RESOLVED = "resolved"
    """A later statement says what the admin said."""
    NO_VENDOR_RECORD = "no_vendor_record"
    """No statement that counts in this run holds the case."""


def dispute_state(dispute: Dispute, vendor: Ticket | None) -> DisputeState:
    if vendor is None:
        return DisputeState.NO_VENDOR_RECORD
    return DisputeState.OPEN if dispute.differences(vendor) else DisputeState.RESOLVED


@dataclass(frozen=True, slots=True, kw_only=True)
class HeldLicense:
    """One license id: its newest verified revision counts; the others are its history."""

    revisions: tuple[Signed[LicenseClaims], ...]
    """Every verified revision, newest first (never empty)."""

    def __post_init__(self) -> None:
        if not self.revisions:
            raise ValueError("a held license has at least one revision")

    @property
    def current(self) -> Signed[LicenseClaims]:
        """The revision that counts: the newest."""
        return self.revisions[0]

    @property
    def claims(self) -> LicenseClaims:
        return self.current.claims

    @property
    def license_id(self) -> str:
        return self.current.claims.license_id

    @property
    def trust(self) -> TrustSource:
        return self.current.trust


class VendorRecord(NamedTuple):
    """The vendor's newest word on a case: the ticket and the license its statement names."""

    ticket: Ticket
    license_id: str
    statement: Signed[TicketStatementClaims]


@dataclass(frozen=True, slots=True, kw_only=True)
class Portfolio:
    """What counts in this run: licenses, their packs and statements, catalogs, revocations,
    the documents that did not verify, and the local ledger with its disputes."""

    licenses: tuple[HeldLicense, ...]
    """By license id."""
    packs: Mapping[str, tuple[Signed[SupportPackClaims], ...]]
    """The packs of each license that counts, by license id."""
    every_pack: tuple[Signed[SupportPackClaims], ...]
    """Every pack that verified, whether its license counts yet or not."""
    statements: tuple[Signed[TicketStatementClaims], ...]
    catalogs: tuple[Signed[ReleaseCatalogClaims], ...]
    revocations: Mapping[str, str]
    rejected: tuple[Rejected, ...]
    local_tickets: Mapping[str | None, tuple[Ticket, ...]]
    """The local ledger by license id (None: assigned to no license)."""
    vendor_records: Mapping[str, VendorRecord]
    disputes: Mapping[str, Dispute]

    def license(self, license_id: str) -> HeldLicense | None:
        return next((h for h in self.licenses if h.license_id == license_id), None)

    @property
    def license_ids(self) -> tuple[str, ...]:
        return tuple(h.license_id for h in self.licenses)

    @property
    def unassigned_count(self) -> int:
        """Local tickets assigned to no license (and on no statement)."""
        return len(self.local_tickets.get(None, ()))

    tickets_by_license: Mapping[str, tuple[Ticket, ...]]
    """Each license id's tickets: the vendor's record of its cases, then its local cases that no
    statement holds (a statement's record overrides a local one of the same case id)."""

    def tickets_of(self, license_id: str) -> tuple[Ticket, ...]:
        return self.tickets_by_license.get(license_id, ())

    def releases(self, product_code: str) -> list[Release]:
        """Every release of the product's catalogs; a later catalog's entry wins for a version."""
        merged: dict[Version, Release] = {}
        catalogs = [c for c in self.catalogs if c.claims.product_code == product_code]
        for catalog in sorted(catalogs, key=lambda c: c.claims.issued_at):
            merged.update({r.version: r for r in catalog.claims.releases})
        return list(merged.values())


def _newest_first(documents: Iterable[Signed[LicenseClaims]]) -> list[Signed[LicenseClaims]]:
    # Ordered by what was signed, never by a stored row id (which anyone can edit); the token
    # order of equal revisions is arbitrary but the same on every run.
    return sorted(
        documents,
        key=lambda d: (d.claims.revision, d.claims.issued_at, d.kid, d.document_id),
        reverse=True,
    )


def build_portfolio(
    *,
    licenses: Iterable[Signed[LicenseClaims]],
    packs: Iterable[Signed[SupportPackClaims]],
    statements: Iterable[Signed[TicketStatementClaims]],
    catalogs: Iterable[Signed[ReleaseCatalogClaims]],
    revocations: Mapping[str, str],
    rejected: Iterable[Rejected],
    local_tickets: Mapping[str | None, Sequence[Ticket]],
    disputes: Iterable[Dispute],
) -> Portfolio:
    """Assembles what verified; a license the vendor revoked does not count (its documents are
    added to `rejected`, with the reason), nor do its packs and statements."""
    by_license: dict[str, list[Signed[LicenseClaims]]] = {}
    rejected = list(rejected)
    for document in licenses:
        license_id = document.claims.license_id
        if license_id in revocations:
            rejected.append(
                Rejected(
                    document_id=document.document_id,
                    document_type=DocumentType.LICENSE,
                    subject=license_id,
                    license_id=license_id,
                    error_code="revoked",
                    message=revoked_message(license_id, revocations[license_id]),
                )
            )
        else:
            by_license.setdefault(license_id, []).append(document)
    held = tuple(
        HeldLicense(revisions=tuple(revisions))
        for revisions in (_newest_first(by_license[i]) for i in sorted(by_license))
    )
    every_pack = tuple(sorted(packs, key=lambda p: (p.claims.purchased_on, p.kid, p.document_id)))
    packs_by_license: dict[str, dict[str, Signed[SupportPackClaims]]] = {}
    for pack in every_pack:
        if pack.claims.license_id in by_license:
            # One document per pack id: the import refuses a second, different one.
            packs_by_license.setdefault(pack.claims.license_id, {})[pack.claims.pack_id] = pack
    ordered_statements = tuple(
        sorted(statements, key=lambda s: (s.claims.issued_at, s.kid, s.document_id))
    )
    records: dict[str, VendorRecord] = {}
    for statement in ordered_statements:  # a newer statement's record overrides an older one
        for ticket in statement.claims.tickets:
            records[ticket.case_id] = VendorRecord(ticket, statement.claims.license_id, statement)
    grouped: defaultdict[str, list[Ticket]] = defaultdict(list)
    for record in records.values():
        grouped[record.license_id].append(record.ticket)
    # The vendor's record of a case counts, not a local ticket of the same case id.
    local = {
        assigned: tuple(t for t in group if t.case_id not in records) if records else tuple(group)
        for assigned, group in local_tickets.items()
    }
    for assigned, group in local.items():
        if assigned is not None:
            grouped[assigned].extend(group)
    return Portfolio(
        licenses=held,
        packs=MappingProxyType(
            {license_id: tuple(p.values()) for license_id, p in packs_by_license.items()}
        ),
        every_pack=every_pack,
        statements=ordered_statements,
        catalogs=tuple(catalogs),
        revocations=MappingProxyType(dict(revocations)),
        rejected=tuple(rejected),
        local_tickets=MappingProxyType(local),
        vendor_records=MappingProxyType(records),
        tickets_by_license=MappingProxyType({k: tuple(v) for k, v in grouped.items()}),
        disputes=MappingProxyType({d.case_id: d for d in disputes}),
    )


# Evaluation on a day ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class LicenseStanding:
    """One license evaluated on a day: every rule's answer for it."""

    held: HeldLicense
    packs: tuple[Signed[SupportPackClaims], ...]
    sm: SmStatus
    ledger: Ledger
    balance: TicketBalance
    warnings: tuple[StatusWarning, ...]

    @property
    def license_id(self) -> str:
        return self.held.license_id

    @property
    def claims(self) -> LicenseClaims:
        return self.held.claims

    @property
    def severity(self) -> Severity:
        return overall_severity(self.warnings)

    @property
    def needs_attention(self) -> bool:
        return self.sm.state is not SmState.ACTIVE

    def pack_trust(self, pack_id: str) -> TrustSource | None:
        return next((p.trust for p in self.packs if p.claims.pack_id == pack_id), None)

    def urgency(self) -> tuple[int, date, str]:
        """R16: critical states, then warnings, then the rest; within each, the earliest sm_end
        first."""
        return (-self.severity, self.sm.end, self.license_id)


@dataclass(frozen=True, slots=True, kw_only=True)
class PortfolioStatus:
    as_of: date
    portfolio: Portfolio
    licenses: tuple[LicenseStanding, ...]
    """The licenses in view, most urgent first."""
    warnings: tuple[StatusWarning, ...]
    """What concerns the console as a whole (documents that do not verify, no valid license,
    unassigned tickets); the clock's warning is added by the caller, which reads the clock."""

    @property
    def all_warnings(self) -> tuple[StatusWarning, ...]:
        """The console's warnings, then each license's, most urgent license first."""
        return (*self.warnings, *(w for s in self.licenses for w in s.warnings))

    @property
    def severity(self) -> Severity:
        return overall_severity(self.all_warnings)

    @property
    def overall_state(self) -> SmState | None:
        return max((s.sm.state for s in self.licenses), key=lambda s: s.urgency, default=None)

    @property
    def needing_attention(self) -> int:
        return sum(1 for s in self.licenses if s.needs_attention)

    def standing(self, license_id: str) -> LicenseStanding | None:
        return next((s for s in self.licenses if s.license_id == license_id), None)

    def with_warnings(self, *extra: StatusWarning) -> PortfolioStatus:
        return replace(self, warnings=(*self.warnings, *extra))

    def only_warnings_of(self, license_id: str) -> PortfolioStatus:
        """The console's warnings that concern no license or this one (`--license ID`)."""
        kept = tuple(w for w in self.warnings if w.license_id in (None, license_id))
        return replace(self, warnings=kept)


def _trust_warning(
    license_id: str,
    held: HeldLicense,
    packs: Sequence[Signed[SupportPackClaims]],
    statements: Sequence[Signed[TicketStatementClaims]],
) -> StatusWarning | None:
    documents = []
    if held.trust is TrustSource.ADDITIONAL:
        documents.append(f"license {license_id} revision {held.claims.revision}")
    documents += [
        f"support pack {p.claims.pack_id}" for p in packs if p.trust is TrustSource.ADDITIONAL
    ]
    documents += [
        f"ticket statement of {s.claims.issued_at.date().isoformat()}"
        for s in statements
        if s.trust is TrustSource.ADDITIONAL
    ]
    if not documents:
        return None
    return warning(
        WarningCode.ADDITIONAL_TRUST, Severity.WARNING, license_id, documents=tuple(documents)
    )


def _standing(
    portfolio: Portfolio, held: HeldLicense, as_of: date, policy: VendorPolicy
) -> LicenseStanding:
    license_id = held.license_id
    packs = portfolio.packs.get(license_id, ())
    ledger = charge_tickets(
        held.claims, [p.claims for p in packs], portfolio.tickets_of(license_id), as_of, policy
    )
    balance = ticket_balance(ledger)
    sm = sm_status(held.claims, as_of, policy)
    warnings = license_warnings(held.claims, sm, balance, as_of, policy)
    statements = [s for s in portfolio.statements if s.claims.license_id == license_id]
    trust = _trust_warning(license_id, held, packs, statements)
    if trust is not None:
        warnings.append(trust)
    disputed = tuple(
        sorted(
            case_id
            for case_id, dispute in portfolio.disputes.items()
            if (record := portfolio.vendor_records.get(case_id)) is not None
            and record.license_id == license_id
            and dispute_state(dispute, record.ticket) is DisputeState.OPEN
        )
    )
    if disputed:
        warnings.append(
            warning(
                WarningCode.DISPUTED_TICKET,
                Severity.WARNING,
                license_id,
                count=len(disputed),
                case_ids=disputed,
            )
        )
    return LicenseStanding(
        held=held, packs=packs, sm=sm, ledger=ledger, balance=balance, warnings=tuple(warnings)
    )


def console_warnings(portfolio: Portfolio) -> list[StatusWarning]:
    """What concerns no single license: documents that do not verify now, no valid license,
    catalogs trusted through an additional key, local tickets that belong to no license."""
    counted = set(portfolio.license_ids)
    warnings = []
    for rejected in portfolio.rejected:
        only_revision = (
            rejected.document_type is DocumentType.LICENSE and rejected.subject not in counted
        )
        warnings.append(
            warning(
                WarningCode.UNTRUSTED_DOCUMENT,
                Severity.CRITICAL if only_revision else Severity.WARNING,
                rejected.license_id,
                document_id=rejected.document_id,
                document_type=rejected.document_type.value if rejected.document_type else "unknown",
                subject=rejected.subject or "",
                error=rejected.error_code,
                detail=rejected.message,
            )
        )
    if not portfolio.licenses:
        revoked = {r.subject for r in portfolio.rejected if r.error_code == "revoked"}
        warnings.append(
            warning(
                WarningCode.NO_VALID_LICENSE,
                Severity.CRITICAL,
                revoked=tuple(sorted(i for i in revoked if i is not None)),
                untrusted=sum(
                    1 for r in portfolio.rejected if r.document_type is DocumentType.LICENSE
                ),
            )
        )
    additional_catalogs = tuple(
        f"release catalog of {c.claims.product_code} ({c.claims.issued_at.date().isoformat()})"
        for c in portfolio.catalogs
        if c.trust is TrustSource.ADDITIONAL
    )
    if additional_catalogs:
        warnings.append(
            warning(WarningCode.ADDITIONAL_TRUST, Severity.WARNING, documents=additional_catalogs)
        )
    if portfolio.unassigned_count:
        warnings.append(
            warning(WarningCode.UNASSIGNED_TICKETS, Severity.OK, count=portfolio.unassigned_count)
        )
    return warnings


def evaluate(
    portfolio: Portfolio, as_of: date, policy: VendorPolicy, license_id: str | None = None
) -> PortfolioStatus:
    """Every license (or only `license_id`) evaluated on `as_of`, most urgent first."""
    held = [h for h in portfolio.licenses if license_id is None or h.license_id == license_id]
    standings = sorted(
        (_standing(portfolio, h, as_of, policy) for h in held), key=LicenseStanding.urgency
    )
    return PortfolioStatus(
        as_of=as_of,
        portfolio=portfolio,
        licenses=tuple(standings),
        warnings=tuple(console_warnings(portfolio)),
    )


# The ledger as one list ---------------------------------------------------------------------


class TicketEntry(NamedTuple):
    """One ticket of the whole ledger with what it cost (a hot row)."""

    ticket: Ticket
    license_id: str | None
    source: TicketSource
    outcome: Outcome
    bucket: Bucket | None
    dispute: Dispute | None


def ticket_entries(status: PortfolioStatus) -> list[TicketEntry]:
    """Every ticket opened up to the day: those of the licenses in view with what they cost,
    then (when every license is in view) the local ones that belong to none."""
    portfolio = status.portfolio
    records, disputes = portfolio.vendor_records, portfolio.disputes
    entries: list[TicketEntry] = []
    for standing in status.licenses:
        license_id = standing.license_id
        for ticket, outcome, bucket in standing.ledger.charges:
            vendor = ticket.case_id in records
            entries.append(
                TicketEntry(
                    ticket,
                    license_id,
                    TicketSource.VENDOR if vendor else TicketSource.LOCAL,
                    outcome,
                    bucket,
                    disputes.get(ticket.case_id) if vendor else None,
                )
            )
    if len(status.licenses) == len(portfolio.licenses):
        counted = set(portfolio.license_ids)
        for assigned, group in portfolio.local_tickets.items():
            if assigned in counted:
                continue
            outcome = Outcome.UNASSIGNED if assigned is None else Outcome.INELIGIBLE
            entries += [
                TicketEntry(ticket, assigned, TicketSource.LOCAL, outcome, None, None)
                for ticket in group
                if ticket.opened_on <= status.as_of
            ]
        for record in records.values():
            ticket = record.ticket
            if record.license_id not in counted and ticket.opened_on <= status.as_of:
                entries.append(
                    TicketEntry(
                        ticket,
                        record.license_id,
                        TicketSource.VENDOR,
                        Outcome.INELIGIBLE,
                        None,
                        disputes.get(ticket.case_id),
                    )
                )
    return entries
