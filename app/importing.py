"""Importing signed documents of any type: all or nothing, idempotent, checked against what
counts in this run (docs/rules.md, "Signed documents" and R16)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from app.console import Console
from app.errors import UserError
from app.files import read_head
from app.reading import DEMO_KEY_MESSAGE, read_portfolio, revoked_licenses, signed_by_demo_key
from app.storage import documents as stored_documents
from licensing.acceptance import import_refusal
from licensing.claims import (
    DocumentType,
    LicenseClaims,
)
from licensing.documents import MAX_DOCUMENT_BYTES, VerifiedDocument, token_from_bytes
from licensing.errors import DocumentError, UnknownKey
from licensing.portfolio import Portfolio

if TYPE_CHECKING:
    from sqlalchemy import Connection


class ImportStatus(StrEnum):
    IMPORTED = "imported"
    ALREADY_IMPORTED = "already_imported"
    REFUSED = "refused"
    UNREADABLE = "unreadable"
    NOT_IMPORTED = "not_imported"
    """Valid, but another file of the same batch was refused."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FileOutcome:
    name: str
    status: ImportStatus
    document_type: str | None
    message: str
    error_code: str | None = None
    document: VerifiedDocument | None = None
    """What was imported (or would have been), for a summary."""
    signer_kid: str | None = None
    """The key a document refused as `unknown_key` names (read unverified), the one to trust."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportReport:
    files: tuple[FileOutcome, ...]

    @property
    def succeeded(self) -> bool:
        ok = (ImportStatus.IMPORTED, ImportStatus.ALREADY_IMPORTED)
        return all(f.status in ok for f in self.files)

    @property
    def exit_code(self) -> int:
        if any(f.status is ImportStatus.UNREADABLE for f in self.files):
            return 3
        return 0 if self.succeeded else 2

    def rolled_back(self) -> ImportReport:
        """The report of a refused batch: its good files were not imported either."""
        return ImportReport(
            files=tuple(
                replace(
                    f,
                    status=ImportStatus.NOT_IMPORTED,
                    message="valid, but not imported because another file of the batch was refused",
                )
                if f.status is ImportStatus.IMPORTED
                else f
                for f in self.files
            )
        )


class _Rollback(Exception):
    def __init__(self, report: ImportReport) -> None:
        super().__init__("import refused")
        self.report = report


def read_document_file(path: Path) -> bytes:
    """The bytes of a document file, read no further than the size cap needs: a larger file is
    refused by verification, with its own error code (`too_large`)."""
    return read_head(path, MAX_DOCUMENT_BYTES + 1)


def import_files(console: Console, paths: Sequence[Path]) -> ImportReport:
    loaded: list[tuple[str, bytes | None, str | None]] = []
    for path in paths:
        try:
            loaded.append((str(path), read_document_file(path), None))
        except UserError as exc:
            loaded.append((str(path), None, str(exc)))
    return _import(console, loaded)


def import_documents(console: Console, documents: Sequence[tuple[str, bytes]]) -> ImportReport:
    """Like `import_files`, for documents already in memory (pasted or dropped text)."""
    return _import(console, [(name, data, None) for name, data in documents])


def _import(
    console: Console, loaded: Sequence[tuple[str, bytes | None, str | None]]
) -> ImportReport:
    try:
        with console.database.write() as connection:
            report = _import_loaded(console, connection, loaded)
            if not report.succeeded:
                raise _Rollback(report.rolled_back())
    except _Rollback as rollback:
        return rollback.report
    console.record_run()
    return report


_ORDER = {DocumentType.REVOCATION_LIST: 0, DocumentType.LICENSE: 1}


def _sort_key(item: tuple[int, str, VerifiedDocument]) -> tuple[int, int, str]:
    """Revocations, then licenses by revision, then the rest; statements by issue time."""
    claims = item[2].claims
    revision = claims.revision if isinstance(claims, LicenseClaims) else 0
    issued = getattr(claims, "issued_at", None)
    return (_ORDER.get(item[2].type, 2), revision, issued.isoformat() if issued else "")


def _refusal(name: str, error: DocumentError, demo_kid: str | None) -> FileOutcome:
    message = error.message
    if signed_by_demo_key(error, demo_kid):
        # No trust file can change this: say so rather than suggest `trust add`.
        message = f"{DEMO_KEY_MESSAGE}; it cannot be imported into this database"
    elif isinstance(error, UnknownKey):
        message += (
            "; if you trust its signer, add the signer's trust file with 'trust add FILE' "
            "(or Settings > Trusted keys), then import again"
        )
    unknown_signer = error.kid if isinstance(error, UnknownKey) else None
    return FileOutcome(
        name=name,
        status=ImportStatus.REFUSED,
        document_type=error.document_type,
        message=message,
        error_code=error.code,
        signer_kid=unknown_signer[:80] if unknown_signer else None,
    )


def _import_loaded(
    console: Console,
    connection: Connection,
    loaded: Sequence[tuple[str, bytes | None, str | None]],
) -> ImportReport:
    portfolio = read_portfolio(console, connection)
    verified: list[tuple[int, str, VerifiedDocument]] = []
    outcomes: dict[int, FileOutcome] = {}
    for index, (name, data, problem) in enumerate(loaded):
        if data is None:
            outcomes[index] = FileOutcome(
                name=name,
                status=ImportStatus.UNREADABLE,
                document_type=None,
                message=problem or "",
                error_code="unreadable",
            )
            continue
        try:
            token = token_from_bytes(data)
        except DocumentError as exc:
            outcomes[index] = _refusal(name, exc, console.demo_kid)
            continue
        result = console.verifications.verify(token, console.trust)
        if isinstance(result, DocumentError):
            outcomes[index] = _refusal(name, result, console.demo_kid)
        else:
            verified.append((index, name, result))
    # A license revoked by a list in the same batch is refused like one revoked before.
    revoked = revoked_licenses((d for _, _, d in verified), portfolio.revocations)
    digests = stored_documents.stored_digests(connection, [d.token for _, _, d in verified])
    batch: list[VerifiedDocument] = []
    for index, name, document in sorted(verified, key=_sort_key):
        outcomes[index] = _check_and_store(
            connection, portfolio, revoked, batch, name, document, digests, console.stamp()
        )
    return ImportReport(files=tuple(outcomes[i] for i in range(len(loaded))))


def _check_and_store(
    connection: Connection,
    portfolio: Portfolio,
    revoked: dict[str, str],
    batch: list[VerifiedDocument],
    name: str,
    document: VerifiedDocument,
    digests: set[str],
    stamp: str,
) -> FileOutcome:
    """Stores one document unless it is already there or conflicts with what counts now;
    `batch` and `digests` gain what this batch stored."""
    kind = document.type.value
    digest = stored_documents.token_digest(document.token)
    if digest in digests:
        return FileOutcome(
            name=name,
            status=ImportStatus.ALREADY_IMPORTED,
            document_type=kind,
            message="already imported: nothing to do",
            document=document,
        )
    refusal = import_refusal(document.claims, portfolio, [d.claims for d in batch], revoked)
    if refusal is not None:
        return FileOutcome(
            name=name,
            status=ImportStatus.REFUSED,
            document_type=kind,
            message=refusal.message,
            error_code=refusal.code,
            document=document,
        )
    stored_documents.insert_document(connection, document.token, stamp)
    digests.add(digest)
    batch.append(document)
    return FileOutcome(
        name=name,
        status=ImportStatus.IMPORTED,
        document_type=kind,
        message="imported",
        document=document,
    )
