"""The Licenses page's documents: the verified revisions of each license, newest first, and the
stored documents that do not count in this run (with why), for the license the pages follow or
for all of them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from licensing.portfolio import HeldLicense, Rejected
from ui.tables import RowsModel, rows_view
from ui.theme import Tone, apply_text_tone
from ui.wording import date_text, document_error_text, document_type_text, trust_text

if TYPE_CHECKING:
    from app.dashboard import Dashboard


def imported_day(stamp: str) -> str:
    """The day of a stored import time, in the window's date format ("—" when unreadable)."""
    try:
        return date_text(datetime.fromisoformat(stamp).date())
    except ValueError:
        return "—"


class DocumentsSection(QGroupBox):
    """Revisions and documents that do not count, for one license or all."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documents")
        self.setTitle(self.tr("Documents"))
        layout = QVBoxLayout(self)
        self.revisions_caption = QLabel()
        self.revisions_caption.setObjectName("revisions-caption")
        self.revisions_caption.setWordWrap(True)
        layout.addWidget(self.revisions_caption)
        self.revisions_model = RowsModel(
            [
                self.tr("License"),
                self.tr("Revision"),
                self.tr("Issued"),
                self.tr("S&M end"),
                self.tr("Signed by"),
                self.tr("Imported"),
            ],
            self,
        )
        self.revisions = rows_view(
            self.revisions_model, "revisions", self.tr("Verified license revisions, newest first")
        )
        self.revisions.setMinimumHeight(110)
        layout.addWidget(self.revisions)

        self.rejected_caption = QLabel()
        self.rejected_caption.setObjectName("rejected-caption")
        self.rejected_caption.setWordWrap(True)
        self.rejected_caption.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.rejected_caption)
        self.rejected_model = RowsModel(
            [self.tr("Says it is"), self.tr("License"), self.tr("Why it does not count")],
            self,
        )
        self.rejected = rows_view(
            self.rejected_model, "rejected", self.tr("Stored documents that do not count now")
        )
        self.rejected.setMinimumHeight(90)
        layout.addWidget(self.rejected)

    def show_documents(self, dashboard: Dashboard, license_id: str | None) -> None:
        """Shows the documents of `license_id` (None: of every license)."""
        portfolio = dashboard.status.portfolio
        order = [s.license_id for s in dashboard.status.licenses]
        held = [h for h in portfolio.licenses if license_id in (None, h.license_id)]
        held.sort(key=lambda h: order.index(h.license_id) if h.license_id in order else len(order))
        self.setTitle(
            self.tr("Documents of {license}").format(license=license_id)
            if license_id is not None
            else self.tr("Documents of every license")
        )
        self._show_revisions(held, license_id)
        rejected = [
            r
            for r in portfolio.rejected
            if license_id is None or r.license_id in (None, license_id) or r.subject == license_id
        ]
        self._show_rejected(rejected)

    def _show_revisions(self, held: list[HeldLicense], license_id: str | None) -> None:
        rows, raw, current = [], [], []
        for license in held:
            for revision in license.revisions:
                claims = revision.claims
                rows.append(
                    [
                        claims.license_id,
                        str(claims.revision),
                        date_text(claims.issued_at.date()),
                        date_text(claims.sm_end),
                        trust_text(revision.trust),
                        imported_day(revision.imported_at),
                    ]
                )
                raw.append(revision)
                current.append(revision is license.current)
        self.revisions_model.set_rows(rows, raw, current)
        if not held:
            text = (
                self.tr("No revision of {license} verifies in this run.").format(license=license_id)
                if license_id is not None
                else self.tr("No license counts yet: import the license key above.")
            )
        else:
            text = self.tr(
                "Verified revisions, newest first; the one in use is in bold (a renewal is a new "
                "revision)."
            )
        self.revisions_caption.setText(text)

    def _show_rejected(self, rejected: list[Rejected]) -> None:
        self.rejected_model.set_rows(
            [
                [
                    " ".join(
                        part
                        for part in (
                            document_type_text(r.document_type.value if r.document_type else ""),
                            r.subject or "",
                        )
                        if part
                    ),
                    r.license_id or "—",
                    f"{document_error_text(r.error_code)} ({r.message})",
                ]
                for r in rejected
            ],
            rejected,
        )
        self.rejected.setVisible(bool(rejected))
        if rejected:
            self.rejected_caption.setText(
                self.tr(
                    "%n stored document(s) do not count now: they are left out of every answer "
                    "until they verify again.",
                    "",
                    len(rejected),
                )
            )
            apply_text_tone(self.rejected_caption, Tone.WARNING)
        else:
            self.rejected_caption.setText(
                self.tr("Every stored document verifies with the keys this console trusts.")
            )
            apply_text_tone(self.rejected_caption, Tone.NEUTRAL)
