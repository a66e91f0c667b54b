"""Upgrades: which versions the license permits (R3/R4), why, and the renewal that unlocks the rest.

Every answer comes from the services (`Console.catalog_check` through the dashboard,
`Console.upgrade_check` for a manual question); the page only words them, including the S&M end
a renewal would reach (`UpgradeDecision.renewed_sm_end`, R5).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from packaging.version import InvalidVersion, Version
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from licensing.rules import UpgradeDecision
from ui.pages.base import Host, Page
from ui.pages.license import BAD_STYLE, NEUTRAL_STYLE, OK_STYLE, RowsModel, rows_view
from ui.wording import document_error_text, upgrade_text

if TYPE_CHECKING:
    from app.dashboard import Dashboard
    from app.services import Console, ImportReport, VerifyResult

RELEASE_COLUMNS = ("version", "released_on", "permitted", "unlock", "why")


@dataclass(frozen=True, slots=True)
class CatalogImport:
    """A catalog file's check (as a release catalog) and, when genuine, its import report."""

    name: str
    check: VerifyResult | None
    report: ImportReport | None
    problem: str | None = None


def check_and_import_catalog(console: Console, path: Path) -> CatalogImport:
    """Verifies the file as a release catalog, then imports it (`Console.import_files`)."""
    from app.errors import UserError
    from app.services import read_document_file
    from licensing.claims import DocumentType

    try:
        data = read_document_file(path)
    except UserError as exc:
        return CatalogImport(str(path), None, None, str(exc))
    check = console.verify(data, DocumentType.RELEASE_CATALOG)
    report = console.import_files([path]) if check.error is None else None
    return CatalogImport(str(path), check, report)


@dataclass(frozen=True, slots=True)
class ManualCheck:
    version: str
    released_on: date
    decision: UpgradeDecision
    sm_end: date


def manual_check(console: Console, version: str, released_on: date, as_of: date) -> ManualCheck:
    decision = console.upgrade_check(released_on, as_of)
    sm_end = console.require_license().claims.sm_end
    return ManualCheck(version, released_on, decision, sm_end)


class UpgradesPage(Page):
    name = "upgrades"

    checked = Signal(object)
    """Emitted with the `ManualCheck` once its answer is shown."""
    catalog_imported = Signal(object)
    """Emitted with the `CatalogImport` once its outcome is shown (before the refresh)."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.file_dialog: QFileDialog | None = None
        self._as_of: date | None = None
        self._sm_end: date | None = None
        self._product: str | None = None
        self._date_set = False

        layout = self.scrolled_layout()

        # Catalog and versions -----------------------------------------------------------------
        catalog_box = QGroupBox(self.tr("Releases you may install"))
        catalog_layout = QVBoxLayout(catalog_box)
        self.latest = QLabel("…")
        self.latest.setObjectName("latest-permitted")
        self.latest.setWordWrap(True)
        self.latest.setStyleSheet("QLabel#latest-permitted {font-weight:bold}")
        self.latest.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        catalog_layout.addWidget(self.latest)
        self.releases_model = RowsModel(
            [
                self.tr("Version"),
                self.tr("Released on"),
                self.tr("Permitted"),
                self.tr("To unlock"),
                self.tr("Why"),
            ],
            self,
        )
        self.releases = rows_view(
            self.releases_model, "releases", self.tr("Versions in the release catalog")
        )
        self.releases.setMinimumHeight(200)
        catalog_layout.addWidget(self.releases)
        self.hints = QLabel()
        self.hints.setObjectName("renew-hints")
        self.hints.setTextFormat(Qt.TextFormat.PlainText)
        self.hints.setWordWrap(True)
        self.hints.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hints.hide()
        catalog_layout.addWidget(self.hints)

        buttons = QHBoxLayout()
        self.import_button = QPushButton(self.tr("&Import release catalog…"))
        self.import_button.setObjectName("import-catalog")
        self.import_button.setAccessibleName(self.tr("Import a release catalog file"))
        self.import_button.clicked.connect(self.choose_catalog)
        buttons.addWidget(self.import_button)
        self.renew_button = QPushButton(self.tr("Request &renewal…"))
        self.renew_button.setObjectName("request-renewal")
        self.renew_button.setAccessibleName(self.tr("Request a renewal"))
        self.renew_button.clicked.connect(lambda: self.host.show_page("requests"))
        self.renew_button.hide()
        buttons.addWidget(self.renew_button)
        buttons.addStretch(1)
        catalog_layout.addLayout(buttons)
        self.catalog_result = QLabel()
        self.catalog_result.setObjectName("catalog-result")
        self.catalog_result.setTextFormat(Qt.TextFormat.PlainText)
        self.catalog_result.setWordWrap(True)
        self.catalog_result.setMargin(6)
        self.catalog_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.catalog_result.hide()
        catalog_layout.addWidget(self.catalog_result)
        layout.addWidget(catalog_box)

        # Manual check -------------------------------------------------------------------------
        check_box = QGroupBox(self.tr("Check a version"))
        check_layout = QVBoxLayout(check_box)
        form = QFormLayout()
        self.version_edit = QLineEdit()
        self.version_edit.setObjectName("check-version")
        self.version_edit.setAccessibleName(self.tr("Version to check"))
        self.version_edit.setPlaceholderText(self.tr("e.g. 12.0"))
        self.version_edit.returnPressed.connect(self.check_version)
        form.addRow(self.tr("&Version:"), self.version_edit)
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("check-released-on")
        self.date_edit.setAccessibleName(self.tr("Release date of the version"))
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setCalendarPopup(True)
        form.addRow(self.tr("&Release date:"), self.date_edit)
        check_layout.addLayout(form)
        check_row = QHBoxLayout()
        self.check_button = QPushButton(self.tr("C&heck"))
        self.check_button.setObjectName("check-upgrade")
        self.check_button.setAccessibleName(self.tr("Check whether this version is permitted"))
        self.check_button.clicked.connect(self.check_version)
        check_row.addWidget(self.check_button)
        check_row.addStretch(1)
        check_layout.addLayout(check_row)
        self.check_result = QLabel()
        self.check_result.setObjectName("check-result")
        self.check_result.setTextFormat(Qt.TextFormat.PlainText)
        self.check_result.setWordWrap(True)
        self.check_result.setMargin(6)
        self.check_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        check_layout.addWidget(self.check_result)
        layout.addWidget(check_box)
        layout.addStretch(1)

    # Words ------------------------------------------------------------------------------------

    def unlock_text(self, years: int, renewed_sm_end: date, versions: Sequence[str]) -> str:
        """ "Renew for N year(s) (to DATE) to unlock V"; the date comes from the rule (R4, R5)."""
        return self.tr("Renew for %n year(s) (to {end}) to unlock {versions}", "", years).format(
            end=renewed_sm_end.isoformat(), versions=", ".join(versions)
        )

    # Dashboard --------------------------------------------------------------------------------

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self._as_of = dashboard.as_of
        license = dashboard.status.license
        self._sm_end = license.claims.sm_end if license is not None else None
        self._product = license.claims.product.code if license is not None else None
        if not self._date_set:
            self._date_set = True
            day = dashboard.as_of
            self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.check_button.setEnabled(license is not None)
        self.version_edit.setEnabled(license is not None)
        self.date_edit.setEnabled(license is not None)

        verdict = dashboard.releases
        sm_end = self._sm_end
        if license is None or sm_end is None:
            self.latest.setText(self.tr("No valid license: import the license key first."))
            self.releases_model.set_rows([])
            self._show_hints({})
            return
        if verdict is None:
            self.latest.setText(
                self.tr(
                    "No release catalog for {product} is stored yet: import the vendor's release "
                    "catalog, or check a version below."
                ).format(product=license.claims.product.code)
            )
            self.releases_model.set_rows([])
            self._show_hints({})
            return
        if verdict.latest_permitted is not None:
            self.latest.setText(
                self.tr("Latest version you may install: {version}").format(
                    version=str(verdict.latest_permitted)
                )
            )
        else:
            self.latest.setText(self.tr("No version of the catalog is permitted."))
        self.latest.setAccessibleName(self.latest.text())
        rows = []
        blocked: dict[tuple[int, date], list[str]] = {}
        for release in verdict.releases:
            decision = release.decision
            unlock = ""
            if not decision.permitted and decision.renewed_sm_end is not None:
                years = decision.renewal_years_needed or 0
                blocked.setdefault((years, decision.renewed_sm_end), []).append(
                    str(release.version)
                )
                unlock = self.unlock_text(years, decision.renewed_sm_end, [str(release.version)])
            rows.append(
                [
                    str(release.version),
                    release.released_on.isoformat(),
                    self.tr("Permitted") if decision.permitted else self.tr("Not permitted"),
                    unlock,
                    upgrade_text(decision, sm_end.isoformat()),
                ]
            )
        self.releases_model.set_rows(
            rows, list(verdict.releases), [not r.decision.permitted for r in verdict.releases]
        )
        self._show_hints(blocked)

    def _show_hints(self, blocked: dict[tuple[int, date], list[str]]) -> None:
        if not blocked:
            self.hints.hide()
            self.renew_button.hide()
            return
        text = "\n".join(
            "• " + self.unlock_text(years, renewed_sm_end, versions)
            for (years, renewed_sm_end), versions in sorted(blocked.items())
        )
        self.hints.setText(text)
        self.hints.setAccessibleName(text)
        self.hints.show()
        self.renew_button.show()

    # Catalog import ---------------------------------------------------------------------------

    def choose_catalog(self) -> None:
        """Opens a file dialog without blocking; the chosen catalog is verified and imported."""
        dialog = QFileDialog(self, self.tr("Import a release catalog"))
        dialog.setObjectName("catalog-dialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(
            [self.tr("Signed documents (*.paseto *.txt)"), self.tr("All files (*)")]
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda file: self.import_catalog(Path(file)))
        dialog.destroyed.connect(self._dialog_closed)
        self.file_dialog = dialog
        dialog.open()

    def _dialog_closed(self) -> None:
        self.file_dialog = None

    def import_catalog(self, path: Path) -> None:
        self._show_label(self.catalog_result, self.tr("Checking…"), NEUTRAL_STYLE)
        self.host.run_action(
            lambda console: check_and_import_catalog(console, path), self._catalog_done
        )

    def _catalog_done(self, outcome: CatalogImport) -> None:
        name = Path(outcome.name).name
        check, report = outcome.check, outcome.report
        if check is None:
            text = self.tr("{file}: {reason}\nTechnical detail: {message}").format(
                file=name, reason=document_error_text("unreadable"), message=outcome.problem or ""
            )
            self._show_label(self.catalog_result, text, BAD_STYLE)
        elif check.error is not None:
            text = self.tr("{file}: not imported. {reason}\nTechnical detail: {message}").format(
                file=name,
                reason=document_error_text(check.error.code),
                message=check.error.message,
            )
            self._show_label(self.catalog_result, text, BAD_STYLE)
        elif report is not None and not report.succeeded:
            file = report.files[0]
            text = self.tr("{file}: not imported. {reason}\nTechnical detail: {message}").format(
                file=name, reason=document_error_text(file.error_code or ""), message=file.message
            )
            self._show_label(self.catalog_result, text, BAD_STYLE)
        else:
            assert check.document is not None
            claims = check.document.claims
            product = getattr(claims, "product_code", "")
            count = len(getattr(claims, "releases", ()))
            already = report is not None and all(
                f.status == "already_imported" for f in report.files
            )
            text = (
                self.tr("{file}: this release catalog was already imported.")
                if already
                else self.tr("{file}: release catalog for {product} imported, {count} release(s).")
            ).format(file=name, product=product, count=count)
            if self._product is not None and product != self._product:
                text += "\n" + self.tr(
                    "It is for product {product}; the license covers {licensed}, so its releases "
                    "are not listed."
                ).format(product=product, licensed=self._product)
                self._show_label(self.catalog_result, text, BAD_STYLE)
            else:
                self._show_label(self.catalog_result, text, OK_STYLE)
        self.catalog_imported.emit(outcome)

    # Manual check -----------------------------------------------------------------------------

    def check_version(self) -> None:
        """Asks R4 about the version and date typed in (no refresh: nothing changes)."""
        text = self.version_edit.text().strip()
        if text:
            try:
                text = str(Version(text))
            except InvalidVersion:
                self._show_label(
                    self.check_result,
                    self.tr("'{version}' is not a version number (e.g. 12.0 or 11.1.2).").format(
                        version=text
                    ),
                    BAD_STYLE,
                )
                return
        released_on = self.date_edit.date().toPython()
        assert isinstance(released_on, date)
        as_of = self._as_of or date.today()
        self._show_label(self.check_result, self.tr("Checking…"), NEUTRAL_STYLE)
        self.host.run_action(
            lambda console: manual_check(console, text, released_on, as_of),
            self._check_done,
            refresh=False,
        )

    def _check_done(self, check: ManualCheck) -> None:
        decision = check.decision
        what = check.version or self.tr("A version")
        if decision.permitted:
            headline = self.tr("{version}, released {date}: permitted.")
        else:
            headline = self.tr("{version}, released {date}: not permitted.")
        lines = [
            headline.format(version=what, date=check.released_on.isoformat()),
            upgrade_text(decision, check.sm_end.isoformat()),
        ]
        if not decision.permitted and decision.renewed_sm_end is not None:
            lines.append(
                self.unlock_text(
                    decision.renewal_years_needed or 0,
                    decision.renewed_sm_end,
                    [check.version or self.tr("this version")],
                )
            )
        self._show_label(
            self.check_result, "\n".join(lines), OK_STYLE if decision.permitted else BAD_STYLE
        )
        self.checked.emit(check)

    def _show_label(self, label: QLabel, text: str, style: str) -> None:
        label.setText(text)
        label.setAccessibleName(text)
        name = label.objectName()
        label.setStyleSheet(f"QLabel#{name} {{{style}; border-radius:4px}}" if style else "")
        label.show()
