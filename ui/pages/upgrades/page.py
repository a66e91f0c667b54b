"""Upgrades: which versions a license permits (R3, R4), why, and the renewal that unlocks the rest
(R5), for the license the pages follow (with "All", a chooser picks one).

Every verdict is the domain's: the catalog table is the dashboard's `views[id].catalog`, the
manual check asks `app.questions.upgrade_check` off the GUI thread. A version the catalog lists
is checked with the catalog's release date (and the answer says so), so the two always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from packaging.version import Version
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
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

from app.requests.model import RequestKind
from licensing.claims import parse_version
from licensing.upgrades import CatalogVerdict, ReleaseVerdict, UpgradeDecision
from ui.pages.base import Host, Page, PageName
from ui.pages.license.outcome import ImportResult, import_paths_work, summarize
from ui.pages.upgrades.date_input import DateInput
from ui.tables import RowsModel, rows_view
from ui.theme import Tone, apply_tone
from ui.wording import date_text, license_title, unlock_text, upgrade_text

if TYPE_CHECKING:
    from app.console import Console
    from app.dashboard import Dashboard


@dataclass(frozen=True, slots=True, kw_only=True)
class ManualCheck:
    license_id: str
    version: str
    released_on: date
    from_catalog: bool
    """The release date is the catalog's (the date field was not used)."""
    decision: UpgradeDecision


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class UpgradesPage(Page):
    name = PageName.UPGRADES

    checked = Signal(object)
    """Emitted with the `ManualCheck` once its answer is shown."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.dashboard: Dashboard | None = None
        self.license_id: str | None = None
        self.catalog: CatalogVerdict | None = None
        self.file_dialog: QFileDialog | None = None
        layout = self.scrolled_layout()

        chooser_row = QHBoxLayout()
        self.chooser_caption = QLabel(self.tr("For &license:"))
        self.chooser = QComboBox()
        self.chooser.setObjectName("upgrades-license")
        self.chooser.setAccessibleName(self.tr("License whose upgrades are shown"))
        self.chooser.currentIndexChanged.connect(self._chosen)
        self.chooser_caption.setBuddy(self.chooser)
        self.heading = _label("upgrades-heading")
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        chooser_row.addWidget(self.chooser_caption)
        chooser_row.addWidget(self.chooser)
        chooser_row.addWidget(self.heading, 1)
        layout.addLayout(chooser_row)

        catalog_box = QGroupBox(self.tr("Releases you may install"))
        catalog_layout = QVBoxLayout(catalog_box)
        self.latest = _label("latest-permitted")
        catalog_layout.addWidget(self.latest)
        self.releases_model = RowsModel(
            [self.tr("Version"), self.tr("Released on"), self.tr("Permitted"), self.tr("Why")],
            self,
        )
        self.releases = rows_view(
            self.releases_model, "releases", self.tr("Versions in the release catalog")
        )
        self.releases.setMinimumHeight(180)
        catalog_layout.addWidget(self.releases)
        self.hints = _label("renew-hints")
        catalog_layout.addWidget(self.hints)
        buttons = QHBoxLayout()
        self.import_button = QPushButton(self.tr("&Import release catalog…"))
        self.import_button.setObjectName("import-catalog")
        self.import_button.clicked.connect(self.choose_catalog)
        self.renew_button = QPushButton(self.tr("Request &renewal…"))
        self.renew_button.setObjectName("request-renewal")
        self.renew_button.clicked.connect(self.request_renewal)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.renew_button)
        buttons.addStretch(1)
        catalog_layout.addLayout(buttons)
        self.catalog_result = _label("catalog-result")
        self.catalog_result.setMargin(6)
        self.catalog_result.hide()
        catalog_layout.addWidget(self.catalog_result)
        layout.addWidget(catalog_box)
        layout.addWidget(self._build_check())
        layout.addStretch(1)
        self._show_hints({})

    def _build_check(self) -> QGroupBox:
        box = QGroupBox(self.tr("Check a version"))
        layout = QVBoxLayout(box)
        form = QFormLayout()
        self.version_edit = QLineEdit()
        self.version_edit.setObjectName("check-version")
        self.version_edit.setAccessibleName(self.tr("Version to check"))
        self.version_edit.setPlaceholderText(self.tr("e.g. 12.0"))
        self.version_edit.setMaxLength(64)
        self.version_edit.returnPressed.connect(self.check_version)
        self.version_edit.textChanged.connect(self._version_changed)
        version_caption = QLabel(self.tr("&Version:"))
        version_caption.setBuddy(self.version_edit)
        form.addRow(version_caption, self.version_edit)
        self.date_edit = DateInput()
        self.date_edit.setObjectName("check-released-on")
        self.date_edit.setAccessibleName(self.tr("Release date of the version (YYYY-MM-DD)"))
        self.date_edit.returnPressed.connect(self.check_version)
        date_caption = QLabel(self.tr("&Release date:"))
        date_caption.setBuddy(self.date_edit)
        form.addRow(date_caption, self.date_edit)
        self.date_note = _label("check-date-note")
        self.date_note.hide()
        form.addRow(self.date_note)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.check_button = QPushButton(self.tr("C&heck"))
        self.check_button.setObjectName("check-upgrade")
        self.check_button.setAccessibleName(self.tr("Check whether this version is permitted"))
        self.check_button.clicked.connect(self.check_version)
        row.addWidget(self.check_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.check_result = _label("check-result")
        self.check_result.setMargin(6)
        self.check_result.hide()
        layout.addWidget(self.check_result)
        return box

    # Dashboard ----------------------------------------------------------------------------

    def show_dashboard(self, dashboard: Dashboard) -> None:
        """The license the pages follow; with "All", the one chosen here (the most urgent
        first)."""
        self.dashboard = dashboard
        licenses = dashboard.status.licenses
        selected = self.host.selected_license
        following = selected is not None and dashboard.standing(selected) is not None
        wanted = selected if following else (self.chooser.currentData() or self.license_id)
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for standing in licenses:
            self.chooser.addItem(license_title(standing), standing.license_id)
        self.chooser.setCurrentIndex(max(self.chooser.findData(wanted), 0))
        self.chooser.blockSignals(False)
        chooser_shown = not following and len(licenses) > 1
        self.chooser.setVisible(chooser_shown)
        self.chooser_caption.setVisible(chooser_shown)
        self._show_license(self.chooser.currentData())

    def _chosen(self) -> None:
        self._show_license(self.chooser.currentData())

    def _show_license(self, license_id: str | None) -> None:
        dashboard = self.dashboard
        if dashboard is None:
            return
        if license_id != self.license_id:
            self.check_result.hide()  # an answer about another license
        self.license_id = license_id
        standing = dashboard.standing(license_id)
        view = dashboard.views.get(license_id) if license_id is not None else None
        self.catalog = view.catalog if view is not None else None
        for widget in (self.version_edit, self.date_edit, self.check_button):
            widget.setEnabled(standing is not None)
        if self.date_edit.date() is None and not self.date_edit.text():
            self.date_edit.set_date(dashboard.as_of)
        if standing is None:
            self.heading.setText("")
            self.latest.setText(self.tr("No valid license: import the license key first."))
            self.releases_model.set_rows([])
            self._show_hints({})
            return
        claims = standing.claims
        self.heading.setText(
            self.tr("{license}: {product}, Support & Maintenance until {day}").format(
                license=claims.license_id, product=claims.product.name, day=date_text(claims.sm_end)
            )
        )
        self._version_changed()
        catalog = self.catalog
        if catalog is None:
            self.latest.setText(
                self.tr(
                    "No release catalog for {product} is stored yet: import the vendor's release "
                    "catalog, or check a version below."
                ).format(product=claims.product.code)
            )
            self.releases_model.set_rows([])
            self._show_hints({})
            return
        if catalog.latest_permitted is not None:
            self.latest.setText(
                self.tr("Latest version {license} may install: {version}").format(
                    license=claims.license_id, version=catalog.latest_permitted
                )
            )
        else:
            self.latest.setText(self.tr("No version of the catalog is permitted."))
        blocked: dict[tuple[int, date | None], list[str]] = {}
        for release in catalog.releases:
            decision = release.decision
            if not decision.permitted:
                key = (decision.renewal_years_needed or 0, decision.renewed_sm_end)
                blocked.setdefault(key, []).append(str(release.version))
        self.releases_model.set_rows(
            [self._release_row(r) for r in catalog.releases],
            list(catalog.releases),
            [not r.decision.permitted for r in catalog.releases],
        )
        self._show_hints(blocked)

    def _release_row(self, release: ReleaseVerdict) -> list[str]:
        decision = release.decision
        return [
            str(release.version),
            date_text(release.released_on),
            self.tr("Permitted") if decision.permitted else self.tr("Not permitted"),
            upgrade_text(decision),
        ]

    def _show_hints(self, blocked: dict[tuple[int, date | None], list[str]]) -> None:
        text = "\n".join(
            "• " + unlock_text(years, renewed, tuple(versions))
            for (years, renewed), versions in sorted(blocked.items(), key=lambda item: item[0][0])
        )
        self.hints.setText(text)
        self.hints.setAccessibleName(text)
        self.hints.setVisible(bool(text))
        self.renew_button.setVisible(bool(text))

    def request_renewal(self) -> None:
        """The Requests page, on the renewal form, following the license shown here."""
        self.host.open_request(RequestKind.RENEWAL, self.license_id)

    # Catalog import -----------------------------------------------------------------------

    def choose_catalog(self) -> None:
        """Opens a file dialog without blocking; the chosen catalog is verified and imported."""
        if self.file_dialog is not None:
            self.file_dialog.raise_()
            return
        dialog = QFileDialog(self, self.tr("Import a release catalog"))
        dialog.setObjectName("catalog-dialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(
            [self.tr("Signed documents (*.paseto *.txt)"), self.tr("All files (*)")]
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda file: self.import_catalog(Path(file)))
        dialog.destroyed.connect(lambda: setattr(self, "file_dialog", None))
        self.file_dialog = dialog
        dialog.open()

    def import_catalog(self, path: Path) -> None:
        self._say(self.catalog_result, self.tr("Checking…"), Tone.NEUTRAL)
        self.host.run_action(lambda console: import_paths_work(console, [path]), self._imported)

    def _imported(self, result: ImportResult) -> None:
        summary = summarize(result, self.dashboard)
        self._say(self.catalog_result, "\n".join((summary.title, *summary.lines)), summary.tone)

    # Manual check -------------------------------------------------------------------------

    def catalog_release(self, version: Version) -> ReleaseVerdict | None:
        """The catalog's entry for `version` (12.0 and 12.0.0 are the same version)."""
        if self.catalog is None:
            return None
        return next((r for r in self.catalog.releases if r.version == version), None)

    def _typed_version(self) -> Version | None:
        try:
            return parse_version(self.version_edit.text().strip())
        except ValueError:
            return None

    def _version_changed(self) -> None:
        """A version the catalog lists takes the catalog's date: the field shows it, read-only."""
        version = self._typed_version()
        release = self.catalog_release(version) if version is not None else None
        self.date_edit.setReadOnly(release is not None)
        if release is not None:
            self.date_edit.set_date(release.released_on)
            self.date_note.setText(
                self.tr("Released on {day}, according to the vendor's release catalog.").format(
                    day=date_text(release.released_on)
                )
            )
        self.date_note.setVisible(release is not None)

    def check_version(self) -> None:
        """Asks R4 about the version typed, with the catalog's date for a version the catalog
        lists and the date typed otherwise (nothing changes: no refresh)."""
        license_id, dashboard = self.license_id, self.dashboard
        if license_id is None or dashboard is None:
            return
        text = self.version_edit.text().strip()
        version: Version | None = None
        if text:
            try:
                version = parse_version(text)
            except ValueError:
                self._say(
                    self.check_result,
                    self.tr("“{version}” is not a version number (e.g. 12.0 or 11.1.2).").format(
                        version=text
                    ),
                    Tone.CRITICAL,
                )
                return
        release = self.catalog_release(version) if version is not None else None
        released_on = release.released_on if release is not None else self.date_edit.date()
        if released_on is None:
            self._say(
                self.check_result,
                self.tr("Type the release date as YYYY-MM-DD (e.g. 2025-05-20)."),
                Tone.CRITICAL,
            )
            self.date_edit.setFocus()
            return
        shown = str(version) if version is not None else ""
        as_of = dashboard.as_of

        def work(console: Console) -> ManualCheck:
            from app.questions import upgrade_check

            return ManualCheck(
                license_id=license_id,
                version=shown,
                released_on=released_on,
                from_catalog=release is not None,
                decision=upgrade_check(console, as_of, released_on, license_id),
            )

        self._say(self.check_result, self.tr("Checking…"), Tone.NEUTRAL)
        self.host.run_action(work, self._checked, refresh=False, key="upgrade-check")

    def _checked(self, check: ManualCheck) -> None:
        decision = check.decision
        what = (
            self.tr("Version {version}").format(version=check.version)
            if check.version
            else self.tr("A version")
        )
        headline = (
            self.tr("{what}, released on {day}: permitted for {license}.")
            if decision.permitted
            else self.tr("{what}, released on {day}: not permitted for {license}.")
        ).format(what=what, day=date_text(check.released_on), license=check.license_id)
        lines = [headline]
        if check.from_catalog:
            lines.append(
                self.tr(
                    "The release date is the one in the vendor's release catalog (the date field "
                    "is not used)."
                )
            )
        lines.append(upgrade_text(decision))
        self._say(
            self.check_result, "\n".join(lines), Tone.OK if decision.permitted else Tone.CRITICAL
        )
        self.checked.emit(check)

    def _say(self, label: QLabel, text: str, tone: Tone) -> None:
        label.setText(text)
        label.setAccessibleName(text)
        apply_tone(label, tone)
        label.show()
