"""Use cases shared by the command line and the GUI: one computed answer for both.

A `Console` holds the database, the trusted keys, the vendor policy and today's date (the clock,
for R15, never the evaluation day). Every rule is computed in `licensing.rules`; this layer reads
and writes storage and puts the answers together.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from packaging.version import InvalidVersion, Version

from app import store
from app.errors import Cancelled, UserError
from app.storage.database import Database
from licensing import rules
from licensing.claims import (
    MAX_CASE_ID_LENGTH,
    Category,
    Classification,
    DocumentType,
    LicenseClaims,
    Release,
    ReleaseCatalogClaims,
    RevocationListClaims,
    SupportPackClaims,
    Ticket,
    TicketKind,
    TicketStatementClaims,
    parse_date,
)
from licensing.documents import TrustSource, TrustStore, VerifiedDocument, verify_document
from licensing.errors import DocumentError
from licensing.policy import VendorPolicy
from licensing.rules import Severity, StatusWarning, WarningCode

if TYPE_CHECKING:
    from sqlalchemy import Connection


class NoValidLicense(UserError):
    """A question about the license, and none is valid: critical, as `status` says."""

    exit_code = 2


class DocumentRefused(UserError):
    exit_code = 2


class _Rollback(Exception):
    """Undoes a whole import batch when any file in it was refused."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__("import refused")
        self.report = report


class CurrentLicense(NamedTuple):
    claims: LicenseClaims
    trust: TrustSource
    kid: str
    revisions: tuple[int, ...]


class StatusReport(NamedTuple):
    as_of: date
    license: CurrentLicense | None
    sm: rules.SmStatus | None
    balance: rules.TicketBalance | None
    warnings: tuple[StatusWarning, ...]

    @property
    def severity(self) -> Severity:
        return rules.overall_severity(self.warnings)


class VerifyResult(NamedTuple):
    document: VerifiedDocument | None
    error: DocumentError | None


class FileOutcome(NamedTuple):
    path: str
    status: str  # imported | already_imported | refused | unreadable | not_imported
    document_type: str | None
    message: str
    error_code: str | None = None


class ImportReport(NamedTuple):
    files: tuple[FileOutcome, ...]

    @property
    def succeeded(self) -> bool:
        return all(f.status in ("imported", "already_imported") for f in self.files)

    def rolled_back(self) -> ImportReport:
        """The report of a refused batch: its good files were not imported either."""
        return ImportReport(
            tuple(
                f._replace(
                    status="not_imported",
                    message="valid, but not imported because another file of the batch was refused",
                )
                if f.status == "imported"
                else f
                for f in self.files
            )
        )

    @property
    def exit_code(self) -> int:
        if any(f.status == "unreadable" for f in self.files):
            return 3
        return 0 if self.succeeded else 2


class LedgerEntry(NamedTuple):
    ticket: Ticket
    source: str
    outcome: rules.Outcome
    bucket: rules.Bucket | None


class CsvRowError(NamedTuple):
    row: int
    message: str


class CsvImportError(UserError):
    def __init__(self, path: str, errors: Sequence[CsvRowError]) -> None:
        self.errors = tuple(errors)
        super().__init__(
            f"{path}: {len(self.errors)} bad row(s), nothing imported; "
            + "; ".join(f"row {e.row}: {e.message}" for e in self.errors[:20])
            + (" ..." if len(self.errors) > 20 else "")
        )


class ReleaseVerdict(NamedTuple):
    version: Version
    released_on: date
    decision: rules.UpgradeDecision


class CatalogVerdict(NamedTuple):
    product_code: str
    releases: tuple[ReleaseVerdict, ...]
    latest_permitted: Version | None


def _ledger_entries(ledger: rules.Ledger | None, stored: store.StoredTickets) -> list[LedgerEntry]:
    """Every ticket in draw order with what it cost; without a license, every one is ineligible."""
    if ledger is None:
        ordered = sorted(stored.tickets, key=lambda t: (t.opened_on, t.case_id))
        return [
            LedgerEntry(t, stored.sources[t.case_id], rules.Outcome.INELIGIBLE, None)
            for t in ordered
        ]
    return [
        LedgerEntry(c.ticket, stored.sources[c.ticket.case_id], c.outcome, c.bucket)
        for c in ledger.charges
    ]


def read_user_file(path: Path, limit: int = -1) -> bytes:
    """A file the user named, up to `limit` bytes; any failure is one line naming the file."""
    try:
        with path.open("rb") as handle:
            return handle.read(limit)
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read it ({exc.strerror})") from None


def read_document_file(path: Path) -> bytes:
    """The bytes of a document file, read no further than the size cap needs."""
    from licensing.documents import MAX_DOCUMENT_BYTES

    return read_user_file(path, MAX_DOCUMENT_BYTES + 1)


CSV_COLUMNS = ("case_id", "opened_on", "kind", "classification", "category", "title")
EXPORTED_COLUMNS = ("source", "outcome", "bucket")  # written by export, ignored by import


@dataclass
class Console:
    database: Database
    trust: TrustStore
    policy: VendorPolicy
    today: date
    demo: bool = False

    # Documents ------------------------------------------------------------------------------

    def verify(self, data: bytes, expected_type: DocumentType | None = None) -> VerifyResult:
        with self.database.read() as connection:
            revoked = store.revoked_licenses(connection)
        try:
            return VerifyResult(verify_document(data, self.trust, expected_type, revoked), None)
        except DocumentError as exc:
            return VerifyResult(None, exc)

    def import_files(self, paths: Sequence[Path]) -> ImportReport:
        """Imports documents of any type, all or nothing, in one transaction; idempotent."""
        loaded: list[tuple[str, bytes | None, str | None]] = []
        for path in paths:
            try:
                loaded.append((str(path), read_document_file(path), None))
            except UserError as exc:
                loaded.append((str(path), None, str(exc)))
        return self._import(loaded)

    def import_documents(self, documents: Sequence[tuple[str, bytes]]) -> ImportReport:
        """Like `import_files`, for documents already in memory (pasted or dropped text)."""
        return self._import([(name, data, None) for name, data in documents])

    def _import(self, loaded: Sequence[tuple[str, bytes | None, str | None]]) -> ImportReport:
        try:
            with self.database.write() as connection:
                report = self._import_loaded(connection, loaded)
                if not report.succeeded:
                    raise _Rollback(report.rolled_back())
                self._fulfil_requests(connection)
                store.raise_latest_seen_date(connection, self.today)
        except _Rollback as rollback:
            return rollback.report
        return report

    def _import_loaded(
        self, connection: Connection, loaded: Sequence[tuple[str, bytes | None, str | None]]
    ) -> ImportReport:
        revoked = store.revoked_licenses(connection)
        # Keyed by position: the same file may be named twice in one batch.
        verified: list[tuple[int, str, VerifiedDocument]] = []
        outcomes: dict[int, FileOutcome] = {}
        for index, (name, data, problem) in enumerate(loaded):
            if data is None:
                outcomes[index] = FileOutcome(name, "unreadable", None, problem or "", "unreadable")
                continue
            try:
                verified.append((index, name, verify_document(data, self.trust, revoked=revoked)))
            except DocumentError as exc:
                outcomes[index] = FileOutcome(
                    name, "refused", exc.document_type, exc.message, exc.code
                )
        # A license revoked by a list in the same batch is refused like one revoked before.
        for _, _, document in verified:
            if isinstance(document.claims, RevocationListClaims):
                for entry in document.claims.revoked:
                    revoked.setdefault(entry.license_id, entry.reason)
        digests = store.stored_digests(connection, [document.token for _, _, document in verified])
        for index, name, document in sorted(verified, key=lambda item: _import_order(item[2])):
            claims = document.claims
            if isinstance(claims, LicenseClaims) and claims.license_id in revoked:
                reason = revoked[claims.license_id]
                outcomes[index] = FileOutcome(
                    name,
                    "refused",
                    document.type.value,
                    f"license {claims.license_id} was revoked by the vendor: {reason}",
                    "revoked",
                )
                continue
            outcomes[index] = self._check_and_store(connection, name, document, digests)
        return ImportReport(tuple(outcomes[index] for index in range(len(loaded))))

    def _check_and_store(
        self, connection: Connection, name: str, document: VerifiedDocument, digests: set[str]
    ) -> FileOutcome:
        """Stores one document unless it is already there; `digests` holds the digests of the
        documents stored so far, and gains this one's."""
        kind = document.type.value
        digest = store.token_digest(document.token)
        if digest in digests:
            return FileOutcome(name, "already_imported", kind, "already imported: nothing to do")
        claims = document.claims
        if isinstance(claims, LicenseClaims):
            stored = store.stored_documents(connection, DocumentType.LICENSE, claims.license_id)
            newest = max((d.claims.revision for d in stored), default=0)
            if claims.revision < newest:
                return FileOutcome(
                    name,
                    "refused",
                    kind,
                    f"license {claims.license_id} revision {claims.revision} is older than the stored revision {newest}; nothing changed",
                    "older_revision",
                )
            if claims.revision == newest:
                return FileOutcome(
                    name,
                    "refused",
                    kind,
                    f"license {claims.license_id} revision {claims.revision} is already stored with different content",
                    "conflicting_revision",
                )
        if isinstance(claims, SupportPackClaims):
            same = [
                d
                for d in store.stored_documents(
                    connection, DocumentType.SUPPORT_PACK, claims.license_id
                )
                if d.claims.pack_id == claims.pack_id
            ]
            if same:
                return FileOutcome(
                    name,
                    "refused",
                    kind,
                    f"support pack {claims.pack_id} is already stored with different content",
                    "conflicting_pack",
                )
        document_id = store.insert_document(connection, document, digest)
        digests.add(digest)
        if isinstance(claims, TicketStatementClaims):
            written = store.apply_statement(connection, claims, document_id)
            return FileOutcome(
                name,
                "imported",
                kind,
                f"imported: {written} of {len(claims.tickets)} tickets recorded",
            )
        return FileOutcome(name, "imported", kind, "imported")

    def _fulfil_requests(self, connection: Connection) -> None:
        """A stored license revision that reaches a pending renewal's period end fulfils it."""
        current = self._current_license(connection)
        if current is None:
            return
        fulfilled = [
            r.id
            for r in store.load_requests(connection)
            if r.kind == "renewal"
            and r.status not in ("fulfilled", "cancelled")
            and r.license_id == current.claims.license_id
            and r.payload.get("period_end", "9999-12-31") <= current.claims.sm_end.isoformat()
        ]
        store.set_request_status(connection, fulfilled, "fulfilled")

    # The license and its state --------------------------------------------------------------

    def _current_license(self, connection: Connection) -> CurrentLicense | None:
        """The newest revision of the most recently issued license that is not revoked."""
        revoked = store.revoked_licenses(connection)
        by_id: dict[str, list[store.StoredDocument]] = {}
        for document in store.stored_documents(connection, DocumentType.LICENSE):
            if document.trust is TrustSource.DEMO and not self.demo:
                continue  # the demo key is public: trusted in demo mode only (SPEC section 4)
            by_id.setdefault(document.claims.license_id, []).append(document)
        candidates = []
        for license_id, docs in by_id.items():
            if license_id in revoked:
                continue
            newest = max(docs, key=lambda d: d.claims.revision)
            revisions = tuple(sorted(d.claims.revision for d in docs))
            candidates.append(CurrentLicense(newest.claims, newest.trust, newest.kid, revisions))
        return max(candidates, key=lambda c: c.claims.issued_at, default=None)

    def current_license(self) -> CurrentLicense | None:
        with self.database.read() as connection:
            return self._current_license(connection)

    def require_license(self) -> CurrentLicense:
        current = self.current_license()
        if current is None:
            raise NoValidLicense(self._no_license_reason())
        return current

    def _no_license_reason(self) -> str:
        with self.database.read() as connection:
            revoked = store.revoked_licenses(connection)
            stored = store.stored_documents(connection, DocumentType.LICENSE)
        if stored and all(d.claims.license_id in revoked for d in stored):
            ids = sorted({d.claims.license_id for d in stored})
            return (
                "no valid license: every stored license was revoked ("
                + ", ".join(f"{i}: {revoked[i]}" for i in ids)
                + ")"
            )
        return "no valid license: import the license key first (import FILE)"

    def ledger(
        self, license: LicenseClaims, as_of: date
    ) -> tuple[rules.Ledger, store.StoredTickets]:
        with self.database.read() as connection:
            packs = [
                d.claims
                for d in store.stored_documents(
                    connection, DocumentType.SUPPORT_PACK, license.license_id
                )
            ]
            stored = store.load_tickets(connection, license.license_id, as_of)
        ledger = rules.charge_tickets(license, packs, stored.tickets, as_of, self.policy)
        return ledger, stored

    def record_run(self) -> None:
        """R15: remembers the latest system date the app has run on (written once a day)."""
        with self.database.read() as connection:
            mark = store.latest_seen_date(connection)
        if mark is None or self.today > mark:
            with self.database.write() as connection:
                store.raise_latest_seen_date(connection, self.today)

    def clock_warning(self) -> StatusWarning | None:
        """R15: warns when the system date is behind the latest date seen (runs and documents)."""
        with self.database.read() as connection:
            mark = store.latest_seen_date(connection)
            issued = store.latest_issued_date(connection)
        latest = max((d for d in (mark, issued) if d is not None), default=None)
        if latest is None or not rules.clock_rolled_back(self.today, latest, self.policy):
            return None
        return StatusWarning(
            WarningCode.CLOCK_ROLLBACK,
            Severity.WARNING,
            (("today", self.today.isoformat()), ("latest_seen", latest.isoformat())),
        )

    def status(self, as_of: date) -> StatusReport:
        """The dashboard of `status` (the run itself is recorded when the console opens)."""
        return self._evaluate(as_of)[0]

    def status_and_tickets(self, as_of: date) -> tuple[StatusReport, list[LedgerEntry]]:
        """`status` and `list_tickets` from one reading of the license and one ledger."""
        report, ledger, stored = self._evaluate(as_of)
        return report, _ledger_entries(ledger, stored)

    def _evaluate(
        self, as_of: date
    ) -> tuple[StatusReport, rules.Ledger | None, store.StoredTickets]:
        clock = self.clock_warning()
        extra = (clock,) if clock else ()
        current = self.current_license()
        if current is None:
            warning = StatusWarning(
                WarningCode.NO_VALID_LICENSE,
                Severity.CRITICAL,
                (("reason", self._no_license_reason()),),
            )
            report = StatusReport(as_of, None, None, None, (warning, *extra))
            with self.database.read() as connection:
                return report, None, store.load_tickets(connection, None, as_of)
        ledger, stored = self.ledger(current.claims, as_of)
        balance = rules.ticket_balance(ledger)
        sm = rules.sm_status(current.claims, as_of, self.policy)
        warnings = rules.status_warnings(current.claims, sm, balance, as_of, self.policy)
        return StatusReport(as_of, current, sm, balance, (*warnings, *extra)), ledger, stored

    # Tickets --------------------------------------------------------------------------------

    def add_ticket(self, ticket: Ticket) -> None:
        if not ticket.case_id.strip() or len(ticket.case_id) > MAX_CASE_ID_LENGTH:
            raise UserError(f"a case id has 1 to {MAX_CASE_ID_LENGTH} characters")
        current = self.current_license()
        with self.database.write() as connection:
            if store.existing_case_ids(connection, [ticket.case_id]):
                raise UserError(
                    f"a ticket with case id '{ticket.case_id}' already exists; use 'tickets classify' to change it"
                )
            store.insert_local_tickets(
                connection, [ticket], current.claims.license_id if current else None
            )

    def update_ticket(self, ticket: Ticket) -> None:
        """Replaces what the ledger says of an existing case (its case_id stays)."""
        with self.database.write() as connection:
            if not store.update_ticket(connection, ticket):
                raise UserError(f"no ticket with case id '{ticket.case_id}'")

    def classify(self, case_id: str, classification: Classification) -> None:
        with self.database.write() as connection:
            if not store.set_classification(connection, case_id, classification):
                raise UserError(f"no ticket with case id '{case_id}'")

    def list_tickets(self, as_of: date) -> list[LedgerEntry]:
        current = self.current_license()
        if current is None:
            with self.database.read() as connection:
                return _ledger_entries(None, store.load_tickets(connection, None, as_of))
        return _ledger_entries(*self.ledger(current.claims, as_of))

    def import_tickets_csv(self, path: Path, cancelled: Callable[[], bool] | None = None) -> int:
        """Adds every row of a CSV file, or none: a bad row stores nothing and is reported by number.

        `cancelled` is asked between the steps and last before the commit; when it answers yes,
        `Cancelled` is raised and nothing is stored.
        """

        def check() -> None:
            if cancelled is not None and cancelled():
                raise Cancelled(f"the import of {path} was cancelled: nothing was imported")

        try:
            text = read_user_file(path).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UserError(f"{path}: not a UTF-8 text file") from None
        check()
        new_tickets, errors = parse_tickets_csv(text)
        check()
        with self.database.write() as connection:
            existing = store.existing_case_ids(connection, [t.case_id for _, t in new_tickets])
            errors.extend(
                CsvRowError(row, f"case id '{t.case_id}' is already in the ledger")
                for row, t in new_tickets
                if t.case_id in existing
            )
            if errors:
                raise CsvImportError(str(path), sorted(errors, key=lambda e: e.row))
            current = self._current_license(connection)
            store.insert_local_tickets(
                connection,
                [t for _, t in new_tickets],
                current.claims.license_id if current else None,
            )
            check()
        return len(new_tickets)

    # Questions ------------------------------------------------------------------------------

    def renewal_quote(
        self, as_of: date, years: int | None, changes_seats: bool
    ) -> rules.RenewalQuote:
        if years is not None and years < 1:
            raise UserError("--years must be 1 or more")
        license = self.require_license().claims
        return rules.renewal_quote(license, as_of, self.policy, years, changes_seats)

    def eligibility(
        self, category: Category, classification: Classification, as_of: date
    ) -> rules.Eligibility:
        current = self.current_license()
        if current is None:
            return rules.Eligibility(False, (rules.IneligibleReason.NO_VALID_LICENSE,))
        ledger, _ = self.ledger(current.claims, as_of)
        balance = rules.ticket_balance(ledger)
        return rules.eligibility(
            current.claims, balance, category, classification, as_of, self.policy
        )

    def upgrade_check(self, released_on: date, as_of: date) -> rules.UpgradeDecision:
        return rules.upgrade_decision(self.require_license().claims, released_on, as_of)

    def catalog_check(
        self, as_of: date, catalog_data: bytes | None = None, installed: Version | None = None
    ) -> CatalogVerdict:
        """R4 over a release catalog: a signed file given now, or the catalogs already imported."""
        license = self.require_license().claims
        product = license.product.code
        if catalog_data is not None:
            result = self.verify(catalog_data, DocumentType.RELEASE_CATALOG)
            if result.error is not None:
                raise DocumentRefused(
                    f"the release catalog was refused ({result.error.code}): {result.error.message}"
                )
            assert result.document is not None and isinstance(
                result.document.claims, ReleaseCatalogClaims
            )
            if result.document.claims.product_code != product:
                raise UserError(
                    f"the catalog is for product {result.document.claims.product_code}, the license covers {product}"
                )
            releases = list(result.document.claims.releases)
        else:
            releases = self.stored_releases(product)
            if not releases:
                raise UserError(
                    f"no release catalog for {product} is stored: import one or give --catalog FILE"
                )
        if installed is not None:
            releases = [r for r in releases if r.version > installed]
        verdicts = tuple(
            ReleaseVerdict(
                r.version, r.released_on, rules.upgrade_decision(license, r.released_on, as_of)
            )
            for r in sorted(releases, key=lambda r: r.version)
        )
        latest = rules.latest_permitted(
            license, [(r.version, r.released_on) for r in releases], as_of
        )
        return CatalogVerdict(product, verdicts, latest)

    def stored_releases(self, product_code: str) -> list[Release]:
        """Every release of the stored catalogs; a later catalog's entry wins for a version."""
        with self.database.read() as connection:
            catalogs = store.stored_documents(
                connection, DocumentType.RELEASE_CATALOG, product_code
            )
        merged: dict[Version, Release] = {}
        for document in sorted(catalogs, key=lambda d: d.claims.issued_at):
            merged.update({r.version: r for r in document.claims.releases})
        return list(merged.values())


def parse_version(text: str) -> Version:
    try:
        return Version(text)
    except InvalidVersion:
        raise UserError(f"'{text}' is not a version number (PEP 440, e.g. 2.4.1)") from None


def parse_day(text: str, option: str) -> date:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise UserError(f"{option}: {exc}") from None


_Choice = TypeVar("_Choice", bound=StrEnum)


def _choice(enum: type[_Choice], value: str, what: str) -> _Choice:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise ValueError(f"{what} '{value}' is not one of {allowed}") from None


def _csv_records(reader: Iterator[list[str]]) -> Iterator[list[str] | csv.Error]:
    """The records of a CSV reader; a record it cannot read (e.g. an unclosed quote that runs
    past the field size limit) ends the file as a `csv.Error` instead of a traceback."""
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield exc
            return
        yield record


def parse_tickets_csv(text: str) -> tuple[list[tuple[int, Ticket]], list[CsvRowError]]:
    """Parses ticket rows (header: case_id, opened_on[, kind, classification, category, title]).

    Rows are numbered as a spreadsheet shows them: the header is row 1.
    """
    # Every record counts as a row, blank ones too, so that numbers match the spreadsheet's.
    reader = csv.reader(io.StringIO(text))
    records = enumerate(_csv_records(reader), start=1)
    header: list[str] = []
    for _, record in records:
        if isinstance(record, csv.Error):
            return [], [CsvRowError(1, f"not a readable CSV file ({record})")]
        if record:
            header = record
            break
    missing = [c for c in ("case_id", "opened_on") if c not in header]
    if missing:
        return [], [CsvRowError(1, f"the header lacks the column(s) {', '.join(missing)}")]
    unknown = [c for c in header if c not in (*CSV_COLUMNS, *EXPORTED_COLUMNS)]
    if unknown:
        return [], [
            CsvRowError(
                1, f"unknown column(s) {', '.join(unknown)}; expected {', '.join(CSV_COLUMNS)}"
            )
        ]
    parsed: list[tuple[int, Ticket]] = []
    errors: list[CsvRowError] = []
    seen: dict[str, int] = {}
    for row_number, record in records:
        if isinstance(record, csv.Error):
            errors.append(CsvRowError(row_number, f"not readable as CSV ({record})"))
            break
        if not record:
            continue
        if len(record) > len(header):
            errors.append(CsvRowError(row_number, "more fields than the header has"))
            continue
        row = dict(zip(header, record, strict=False))
        try:
            case_id = (row.get("case_id") or "").strip()
            if not case_id:
                raise ValueError("case_id is empty")
            if len(case_id) > MAX_CASE_ID_LENGTH:
                raise ValueError(f"case_id is longer than {MAX_CASE_ID_LENGTH} characters")
            if case_id in seen:
                raise ValueError(f"case id '{case_id}' repeats row {seen[case_id]}")
            opened = (row.get("opened_on") or "").strip()
            try:
                opened_on = parse_date(opened)
            except ValueError as exc:
                raise ValueError(f"opened_on: {exc}") from None
            ticket = Ticket(
                case_id,
                opened_on,
                _choice(TicketKind, (row.get("kind") or "incident").strip(), "kind"),
                _choice(
                    Classification,
                    (row.get("classification") or "customer").strip(),
                    "classification",
                ),
                _choice(Category, (row.get("category") or "product").strip(), "category"),
                (row.get("title") or "").strip() or None,
            )
        except ValueError as exc:
            errors.append(CsvRowError(row_number, str(exc)))
            continue
        seen[case_id] = row_number
        parsed.append((row_number, ticket))
    if not parsed and not errors:
        errors.append(CsvRowError(1, "the file holds no ticket rows"))
    return parsed, errors


_IMPORT_RANK = {DocumentType.REVOCATION_LIST: 0, DocumentType.LICENSE: 1}


def _import_order(document: VerifiedDocument) -> tuple[int, int, str]:
    """Revocations, then licenses by revision, then the rest; statements by issue time."""
    claims = document.claims
    revision = claims.revision if isinstance(claims, LicenseClaims) else 0
    issued = getattr(claims, "issued_at", None)
    return (_IMPORT_RANK.get(document.type, 2), revision, issued.isoformat() if issued else "")


def tickets_csv(entries: Sequence[LedgerEntry]) -> str:
    """The ledger as CSV, in the columns `tickets import` reads, plus what each ticket cost."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, *EXPORTED_COLUMNS])
    for entry in entries:
        t = entry.ticket
        bucket = "" if entry.bucket is None else entry.bucket.key
        writer.writerow(
            [
                t.case_id,
                t.opened_on.isoformat(),
                t.kind.value,
                t.classification.value,
                t.category.value,
                t.title or "",
                entry.source,
                entry.outcome.value,
                bucket,
            ]
        )
    return out.getvalue()
