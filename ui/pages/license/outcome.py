"""An import's outcome in words: what was imported (a summary of each document), or why nothing
was, and what to do next.

The worker functions run `app.importing` off the GUI thread and hand back the report; the
words are made on the GUI thread, from the report and the latest dashboard (a license's S&M
state comes from the dashboard, never computed here).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.importing import FileOutcome, ImportReport, ImportStatus, import_documents, import_files
from licensing.claims import (
    LicenseClaims,
    ReleaseCatalogClaims,
    RevocationListClaims,
    SupportPackClaims,
    TicketStatementClaims,
)
from licensing.documents import VerifiedDocument
from licensing.ledger import pack_bucket
from ui.theme import Tone
from ui.wording import (
    date_text,
    document_error_text,
    document_type_text,
    state_text,
    tickets_text,
    trust_text,
)

if TYPE_CHECKING:
    from app.console import Console
    from app.dashboard import Dashboard

UNKNOWN_KEY = "unknown_key"


def _t(text: str) -> str:
    return QCoreApplication.translate("ImportOutcome", text)


def _n(text: str, count: int) -> str:
    return QCoreApplication.translate("ImportOutcome", text, None, count)


# Off the GUI thread ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportResult:
    """The import report, and whether its one document was pasted rather than a file."""

    report: ImportReport
    pasted: bool = False

    @property
    def signers(self) -> tuple[str | None, ...]:
        """For each file refused for an unknown key, the id of that key."""
        return tuple(outcome.signer_kid for outcome in self.report.files)


def import_paths_work(console: Console, paths: Sequence[Path]) -> ImportResult:
    """Imports the files together (all or nothing)."""
    return ImportResult(report=import_files(console, paths))


def import_text_work(console: Console, name: str, data: bytes) -> ImportResult:
    """Imports pasted or dropped text as one document."""
    return ImportResult(report=import_documents(console, [(name, data)]), pasted=True)


# On the GUI thread ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportSummary:
    title: str
    tone: Tone
    lines: tuple[str, ...]
    license_id: str | None
    """The license the import concerns, for "Show on Overview" (None: none, or it failed)."""
    untrusted_signers: tuple[str, ...]
    """Keys this console does not trust that signed a refused document."""


def document_summary(document: VerifiedDocument, dashboard: Dashboard | None) -> str:
    """What a verified document is, in one sentence."""
    claims = document.claims
    if isinstance(claims, LicenseClaims):
        product = claims.product.name
        if claims.environment:
            product = _t("{product} ({environment})").format(
                product=product, environment=claims.environment
            )
        text = _t(
            "License {license} revision {revision} for {customer}: {product}; Support & "
            "Maintenance until {day}."
        ).format(
            license=claims.license_id,
            revision=claims.revision,
            customer=claims.customer.name,
            product=product,
            day=date_text(claims.sm_end),
        )
        standing = dashboard.standing(claims.license_id) if dashboard is not None else None
        if standing is not None and standing.claims.revision == claims.revision:
            text += " " + _t("State: {state}.").format(state=state_text(standing.sm.state))
    elif isinstance(claims, SupportPackClaims):
        text = _t("Support pack {pack} for license {license}").format(
            pack=claims.pack_id, license=claims.license_id
        )
        if dashboard is not None:
            bucket = pack_bucket(claims, dashboard.policy)
            text += _t(": {tickets}, usable until {day}.").format(
                tickets=tickets_text(bucket.size), day=date_text(bucket.expires_on)
            )
        else:
            text += "."
    elif isinstance(claims, TicketStatementClaims):
        text = _t("Ticket statement for license {license} with {tickets}.").format(
            license=claims.license_id, tickets=tickets_text(len(claims.tickets))
        )
    elif isinstance(claims, ReleaseCatalogClaims):
        text = _n("Release catalog of {product} with %n release(s).", len(claims.releases)).format(
            product=claims.product_code
        )
    else:
        assert isinstance(claims, RevocationListClaims)
        text = _n("Revocation list naming %n license(s).", len(claims.revoked))
    return text + " " + _t("Signed by {signer}.").format(signer=trust_text(document.trust))


def _license_of(document: VerifiedDocument) -> str | None:
    claims = document.claims
    if isinstance(claims, LicenseClaims | SupportPackClaims | TicketStatementClaims):
        return claims.license_id
    return None


def _file_line(
    outcome: FileOutcome, signer: str | None, named: bool, dashboard: Dashboard | None
) -> str:
    prefix = _t("{file}: ").format(file=Path(outcome.name).name) if named else ""
    document = outcome.document
    match outcome.status:
        case ImportStatus.IMPORTED:
            assert document is not None
            return prefix + document_summary(document, dashboard)
        case ImportStatus.ALREADY_IMPORTED:
            text = _t("Already imported: nothing changed.")
            if document is not None:
                text += " " + document_summary(document, dashboard)
            return prefix + text
        case ImportStatus.NOT_IMPORTED:
            what = document_type_text(outcome.document_type or "")
            return prefix + _t(
                "A valid {what}, not imported because another file of this import was refused."
            ).format(what=what)
        case _ if outcome.error_code == UNKNOWN_KEY:
            text = document_error_text(UNKNOWN_KEY)
            if signer:
                text += " " + _t("Its key id is {kid}.").format(kid=signer)
            return (
                prefix
                + text
                + " "
                + _t(
                    "A key can be trusted only from the vendor's trust file, not from a "
                    "document: if the vendor gave you that file, choose “Trust the signer…”, "
                    "then import again."
                )
            )
        case _:
            # The reason in words, then the domain's own detail, once.
            return (
                prefix
                + document_error_text(outcome.error_code or "")
                + " "
                + _t("Detail: {detail}").format(detail=outcome.message)
            )


def summarize(result: ImportResult, dashboard: Dashboard | None) -> ImportSummary:
    """The title, tone and lines of an import's outcome."""
    report = result.report
    named = len(report.files) > 1 or not result.pasted
    lines = [
        _file_line(outcome, signer, named, dashboard)
        for outcome, signer in zip(report.files, result.signers, strict=True)
    ]
    signers = tuple(dict.fromkeys(s for s in result.signers if s))
    if report.succeeded:
        imported = any(f.status is ImportStatus.IMPORTED for f in report.files)
        license_id = next(
            (
                license_id
                for f in report.files
                if f.document is not None and (license_id := _license_of(f.document))
            ),
            None,
        )
        return ImportSummary(
            title=_t("Imported") if imported else _t("Already imported"),
            tone=Tone.OK if imported else Tone.INFO,
            lines=tuple(lines),
            license_id=license_id,
            untrusted_signers=signers,
        )
    if len(report.files) > 1:
        lines.append(
            _t(
                "The files of one import are imported together or not at all: leave out or "
                "replace the refused file, then import again."
            )
        )
    return ImportSummary(
        title=_t("Nothing was imported"),
        tone=Tone.CRITICAL,
        lines=tuple(lines),
        license_id=None,
        untrusted_signers=signers,
    )
