"""License: import signed documents (file dialog, drag and drop, pasted text), see each one's
verification and import outcome, the license's revision history and the trusted keys in use.

The page decides nothing: `Console.verify` says whether a document is genuine and why not,
`Console.import_files` / `import_documents` import a batch all or nothing, and the dashboard
lists the stored revisions. The page words the codes they return (`ui.wording`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.pages.base import Host, Page
from ui.wording import document_error_text

if TYPE_CHECKING:
    from app.dashboard import Dashboard
    from app.services import Console, FileOutcome, ImportReport, VerifyResult

OK_STYLE = "background:#e6f4ea;color:#0d4a1c"
BAD_STYLE = "background:#fde0e0;color:#7a0000"
NEUTRAL_STYLE = ""


# A read-only table of words ---------------------------------------------------------------


class RowsModel(QAbstractTableModel):
    """A read-only table of display strings, one raw value per row (`RAW_ROLE`).

    Pages compute the words (translated, from the dashboard) and hand whole rows over:
    `set_rows` resets the model in one go (`beginResetModel`), as a refresh replaces everything.
    """

    RAW_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple[str, ...]] = []
        self._raw: list[object] = []
        self._emphasis: list[bool] = []

    @property
    def rows(self) -> list[tuple[str, ...]]:
        """The displayed rows (for tests and accessibility checks)."""
        return list(self._rows)

    def set_rows(
        self,
        rows: Sequence[Sequence[str]],
        raw: Sequence[object] | None = None,
        emphasis: Sequence[bool] | None = None,
    ) -> None:
        """Replaces every row; `emphasis` marks rows shown in bold (what needs attention)."""
        self.beginResetModel()
        width = len(self._headers)
        self._rows = [tuple(row[:width]) + ("",) * (width - len(row)) for row in rows]
        self._raw = list(raw) if raw is not None else [None] * len(self._rows)
        self._emphasis = list(emphasis) if emphasis is not None else [False] * len(self._rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._headers):
            return None
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return self._rows[index.row()][index.column()]
        if role == self.RAW_ROLE:
            return self._raw[index.row()]
        if role == Qt.ItemDataRole.FontRole and self._emphasis[index.row()]:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def rows_view(model: RowsModel, name: str, accessible_name: str, widest: int = 340) -> QTableView:
    """A read-only table over `model` that Tab enters and leaves (no Tab trap inside).

    Columns fit their contents up to `widest` pixels (longer words wrap; the tooltip has all).
    """
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(accessible_name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    # Rows follow their wrapped text whenever the widths change (the tables are small).
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def fit() -> None:
        view.resizeColumnsToContents()
        header = view.horizontalHeader()
        for column in range(model.columnCount() - 1):
            if header.sectionSize(column) > widest:
                header.resizeSection(column, widest)

    model.modelReset.connect(fit)
    return view


def local_paths(mime: QMimeData) -> list[Path]:
    """The local files a drag carries (URLs of other kinds are not documents we can read)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


# What the worker hands back -----------------------------------------------------------------


class FileCheck(NamedTuple):
    """One file's verification: `result` from `Console.verify`, or why it could not be read."""

    name: str
    result: VerifyResult | None
    problem: str | None = None


class ImportAttempt(NamedTuple):
    """The checks of a batch and the import report (None when nothing was worth importing)."""

    checks: tuple[FileCheck, ...]
    report: ImportReport | None


def check_and_import_files(console: Console, paths: Sequence[Path]) -> ImportAttempt:
    """Verifies each file (to show its key and trust), then imports the batch all or nothing."""
    from app.errors import UserError
    from app.services import read_document_file

    checks = []
    for path in paths:
        try:
            data = read_document_file(path)
        except UserError as exc:
            checks.append(FileCheck(str(path), None, str(exc)))
            continue
        checks.append(FileCheck(str(path), console.verify(data)))
    return ImportAttempt(tuple(checks), console.import_files(list(paths)))


def check_and_import_text(console: Console, name: str, data: bytes) -> ImportAttempt:
    """Verifies one pasted document; imports it only when it is genuine."""
    result = console.verify(data)
    report = console.import_documents([(name, data)]) if result.error is None else None
    return ImportAttempt((FileCheck(name, result),), report)


# The page -----------------------------------------------------------------------------------


class PasteBox(QPlainTextEdit):
    """The paste area. Files dropped on it are imported like files dropped on the page (a
    plain text edit would insert their URLs as text instead)."""

    files_dropped = Signal(list)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
            return
        super().dropEvent(event)


REVISION_COLUMNS = ("license", "revision", "issued", "sm_end", "trust", "imported_at")
OUTCOME_COLUMNS = ("file", "check", "import", "reason", "type", "trust", "kid")


class LicensePage(Page):
    name = "license"

    import_finished = Signal(object)
    """Emitted with the `ImportAttempt` once its outcome is shown (before the refresh)."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setAcceptDrops(True)
        self.file_dialog: QFileDialog | None = None
        self._last_folder: str | None = None

        layout = self.scrolled_layout()

        # Import ---------------------------------------------------------------------------
        import_box = QGroupBox(self.tr("Import a license key or other signed document"))
        import_layout = QVBoxLayout(import_box)
        intro = QLabel(
            self.tr(
                "Choose the files the vendor sent, drop them anywhere on this page, or paste "
                "the key text from the e-mail. Each document is verified before it is imported; "
                "several files are imported together or not at all."
            )
        )
        intro.setWordWrap(True)
        import_layout.addWidget(intro)
        choose_row = QHBoxLayout()
        self.choose_button = QPushButton(self.tr("&Choose files…"))
        self.choose_button.setObjectName("choose-files")
        self.choose_button.setAccessibleName(self.tr("Choose files to import"))
        self.choose_button.clicked.connect(self.choose_files)
        choose_row.addWidget(self.choose_button)
        self.drop_hint = QLabel(self.tr("…or drop files here."))
        choose_row.addWidget(self.drop_hint, 1)
        import_layout.addLayout(choose_row)

        paste_label = QLabel(self.tr("&Paste the key text:"))
        self.paste = PasteBox()
        self.paste.setObjectName("paste-text")
        self.paste.setAccessibleName(self.tr("License key text to verify and import"))
        self.paste.setPlaceholderText(
            self.tr("-----BEGIN LICENSE-----\nv4.public.…\n-----END LICENSE-----")
        )
        self.paste.files_dropped.connect(self.import_paths)
        self.paste.setTabChangesFocus(True)  # Tab moves on; the key text never holds tabs
        self.paste.setMaximumHeight(120)
        paste_label.setBuddy(self.paste)
        import_layout.addWidget(paste_label)
        import_layout.addWidget(self.paste)
        verify_row = QHBoxLayout()
        verify_row.addStretch(1)
        self.verify_button = QPushButton(self.tr("&Verify and import"))
        self.verify_button.setObjectName("verify-import")
        self.verify_button.setAccessibleName(self.tr("Verify and import the pasted text"))
        self.verify_button.setEnabled(False)
        self.verify_button.clicked.connect(lambda: self.import_text(self.paste.toPlainText()))
        self.paste.textChanged.connect(
            lambda: self.verify_button.setEnabled(bool(self.paste.toPlainText().strip()))
        )
        verify_row.addWidget(self.verify_button)
        import_layout.addLayout(verify_row)
        layout.addWidget(import_box)

        # Result -------------------------------------------------------------------------------
        result_box = QGroupBox(self.tr("Verification and import"))
        result_layout = QVBoxLayout(result_box)
        self.verdict = QLabel(self.tr("Nothing checked yet."))
        self.verdict.setObjectName("verdict")
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verdict.setMargin(6)
        result_layout.addWidget(self.verdict)
        self.outcomes_model = RowsModel(
            [
                self.tr("File"),
                self.tr("Check"),
                self.tr("Import"),
                self.tr("Details"),
                self.tr("Type"),
                self.tr("Signed by"),
                self.tr("Key id"),
            ],
            self,
        )
        self.outcomes = rows_view(
            self.outcomes_model, "import-outcomes", self.tr("Outcome of each file")
        )
        self.outcomes.setMinimumHeight(90)
        result_layout.addWidget(self.outcomes)
        layout.addWidget(result_box)

        # History and keys ---------------------------------------------------------------------
        history_box = QGroupBox(self.tr("Revision history"))
        history_layout = QVBoxLayout(history_box)
        self.current = QLabel("…")
        self.current.setObjectName("current-revision")
        self.current.setWordWrap(True)
        history_layout.addWidget(self.current)
        self.revisions_model = RowsModel(
            [
                self.tr("License"),
                self.tr("Revision"),
                self.tr("Issued"),
                self.tr("S&M end"),
                self.tr("Signed by"),
                self.tr("Imported at"),
            ],
            self,
        )
        self.revisions = rows_view(
            self.revisions_model, "revisions", self.tr("License revision history")
        )
        self.revisions.setMinimumHeight(110)
        history_layout.addWidget(self.revisions)
        layout.addWidget(history_box)

        keys_box = QGroupBox(self.tr("Trusted keys in use"))
        keys_layout = QVBoxLayout(keys_box)
        self.keys_model = RowsModel([self.tr("Key id"), self.tr("Source")], self)
        self.keys = rows_view(self.keys_model, "trust-keys", self.tr("Trusted keys in use"))
        self.keys.setMinimumHeight(80)
        keys_layout.addWidget(self.keys)
        layout.addWidget(keys_box)

    # Words ------------------------------------------------------------------------------------

    def trust_text(self, source: str | None) -> str:
        return {
            "vendor": self.tr("the vendor's key"),
            "demo": self.tr("the demo key (trusted in demo mode only)"),
            "additional": self.tr("an additional trusted key"),
            None: "—",
        }.get(source, source or "—")

    def source_text(self, source: str) -> str:
        return {
            "vendor": self.tr("Vendor"),
            "demo": self.tr("Demo (demo mode only)"),
            "additional": self.tr("Additional trust file"),
        }.get(source, source)

    def type_text(self, document_type: str | None) -> str:
        return {
            "license": self.tr("license"),
            "support-pack": self.tr("support pack"),
            "ticket-statement": self.tr("ticket statement"),
            "release-catalog": self.tr("release catalog"),
            "revocation-list": self.tr("revocation list"),
            None: self.tr("document"),
        }.get(document_type, document_type or self.tr("document"))

    def status_text(self, status: str) -> str:
        return {
            "imported": self.tr("Imported"),
            "already_imported": self.tr("Already imported"),
            "refused": self.tr("Refused"),
            "unreadable": self.tr("Not read"),
            "not_imported": self.tr("Not imported"),
        }.get(status, status)

    # Import -----------------------------------------------------------------------------------

    def choose_files(self) -> None:
        """Opens a file dialog without blocking; the chosen files are imported together."""
        dialog = QFileDialog(self, self.tr("Import signed documents"))
        dialog.setObjectName("import-dialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters(
            [
                self.tr("Signed documents (*.paseto *.lic *.key *.txt)"),
                self.tr("All files (*)"),
            ]
        )
        if self._last_folder:
            dialog.setDirectory(self._last_folder)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.filesSelected.connect(self._files_chosen)
        dialog.destroyed.connect(self._dialog_closed)
        self.file_dialog = dialog
        dialog.open()

    def _dialog_closed(self) -> None:
        self.file_dialog = None

    def _files_chosen(self, files: list[str]) -> None:
        if files:
            self._last_folder = str(Path(files[0]).parent)
        self.import_paths([Path(f) for f in files])

    def import_paths(self, paths: Sequence[Path]) -> None:
        """Verifies and imports files (all or nothing); the outcome shows, then a refresh."""
        chosen = list(paths)
        if not chosen:
            return
        self._show_checking()
        self.host.run_action(lambda console: check_and_import_files(console, chosen), self._done)

    def import_text(self, text: str) -> None:
        """Verifies pasted (or dropped) text as one document and imports it if it is genuine."""
        if not text.strip():
            self._show_verdict(self.tr("Paste the key text first."), BAD_STYLE)
            return
        data = text.encode("utf-8")
        name = self.tr("pasted text")
        self._show_checking()

        def done(attempt: ImportAttempt) -> None:
            report = attempt.report
            if report is not None and report.succeeded and self.paste.toPlainText() == text:
                self.paste.clear()  # imported from the paste box: the next paste starts clean
            self._done(attempt)

        self.host.run_action(lambda console: check_and_import_text(console, name, data), done)

    def _show_checking(self) -> None:
        self._show_verdict(self.tr("Checking…"), NEUTRAL_STYLE)

    def _done(self, attempt: ImportAttempt) -> None:
        self.show_attempt(attempt)
        self.import_finished.emit(attempt)

    def show_attempt(self, attempt: ImportAttempt) -> None:
        """Words the checks and the import report: a summary above, one row per file below."""
        report = attempt.report
        outcomes: list[FileOutcome | None] = (
            list(report.files) if report is not None else [None] * len(attempt.checks)
        )
        lines = [self._check_line(check) for check in attempt.checks]
        for check, outcome in zip(attempt.checks, outcomes, strict=False):
            valid = check.result is not None and check.result.error is None
            if valid and outcome is not None and outcome.status == "refused":
                lines.append(
                    self.tr("{file}: not imported. {reason}\nTechnical detail: {message}").format(
                        file=Path(check.name).name,
                        reason=document_error_text(outcome.error_code or ""),
                        message=outcome.message,
                    )
                )
        good = report is not None and report.succeeded
        lines.append(self._summary_line(attempt))
        self._show_verdict("\n".join(lines), OK_STYLE if good else BAD_STYLE)
        self.outcomes_model.set_rows(
            [self._outcome_row(c, o) for c, o in zip(attempt.checks, outcomes, strict=False)],
            list(zip(attempt.checks, outcomes, strict=False)),
            [o is None or o.status not in ("imported", "already_imported") for o in outcomes],
        )

    def _check_line(self, check: FileCheck) -> str:
        name = Path(check.name).name
        if check.result is None:
            return self.tr("{file}: {reason}\nTechnical detail: {message}").format(
                file=name, reason=document_error_text("unreadable"), message=check.problem or ""
            )
        document, error = check.result.document, check.result.error
        if document is not None:
            return self.tr("{file}: valid {type}, key {kid}, signed by {trust}.").format(
                file=name,
                type=self.type_text(document.type.value),
                kid=document.kid,
                trust=self.trust_text(document.trust.value),
            )
        assert error is not None
        return self.tr("{file}: not valid. {reason}\nTechnical detail: {message}").format(
            file=name, reason=document_error_text(error.code), message=error.message
        )

    def _summary_line(self, attempt: ImportAttempt) -> str:
        report = attempt.report
        if report is None:
            return self.tr("Nothing was imported.")
        if not report.succeeded:
            if len(report.files) > 1:
                return self.tr(
                    "Nothing was imported: the files are imported together, and at least one "
                    "was refused."
                )
            return self.tr("Nothing was imported.")
        imported = sum(1 for f in report.files if f.status == "imported")
        if imported == 0:
            return self.tr("Already imported: nothing changed.")
        return self.tr("Imported {count} document(s).").format(count=imported)

    def _outcome_row(self, check: FileCheck, outcome: FileOutcome | None) -> list[str]:
        result = check.result
        document = result.document if result is not None else None
        error = result.error if result is not None else None
        kind: str | None
        trust: str | None
        kid: str | None
        if document is not None:
            verdict = self.tr("Valid")
            kind, trust, kid = document.type.value, document.trust.value, document.kid
        else:
            verdict = self.tr("Not valid") if error is not None else self.tr("Not read")
            kind = error.document_type if error is not None else None
            trust = error.trust if error is not None else None
            kid = error.kid if error is not None else None
        if outcome is not None and kind is None:
            kind = outcome.document_type
        if result is None:
            details = f"{document_error_text('unreadable')} — {check.problem or ''}"
        elif error is not None:
            details = f"{document_error_text(error.code)} — {error.message}"
        elif outcome is not None and outcome.error_code:
            details = f"{document_error_text(outcome.error_code)} — {outcome.message}"
        elif outcome is not None and outcome.status == "not_imported":
            details = self.tr("Valid, but another file of the batch was refused.")
        elif outcome is not None:
            details = outcome.message
        else:
            details = ""
        return [
            Path(check.name).name,
            verdict,
            self.status_text(outcome.status) if outcome is not None else self.tr("Not imported"),
            details,
            self.type_text(kind) if kind else "—",
            self.source_text(trust) if trust else "—",
            kid or "—",
        ]

    def _show_verdict(self, text: str, style: str) -> None:
        self.verdict.setText(text)
        self.verdict.setAccessibleName(text)
        self.verdict.setStyleSheet(
            f"QLabel#verdict {{{style}; border-radius:4px}}" if style else ""
        )

    # Drag and drop ----------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if local_paths(mime) or mime.hasText():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        mime = event.mimeData()
        if local_paths(mime) or mime.hasText():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        paths = local_paths(mime)
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)
        elif mime.hasText():
            event.acceptProposedAction()
            self.import_text(mime.text())
        else:
            event.ignore()

    # Dashboard --------------------------------------------------------------------------------

    def show_dashboard(self, dashboard: Dashboard) -> None:
        current = dashboard.status.license
        if current is None:
            self.current.setText(
                self.tr("No valid license is in use: import the license key above.")
            )
        else:
            self.current.setText(
                self.tr("In use: {license} revision {revision}, signed by {trust}.").format(
                    license=current.claims.license_id,
                    revision=current.claims.revision,
                    trust=self.trust_text(current.trust.value),
                )
            )
        self.revisions_model.set_rows(
            [
                [
                    r.license_id,
                    str(r.revision),
                    r.issued_at,
                    r.sm_end.isoformat(),
                    self.source_text(r.trust),
                    r.imported_at,
                ]
                for r in dashboard.revisions
            ],
            list(dashboard.revisions),
            [
                current is not None
                and (r.license_id, r.revision)
                == (current.claims.license_id, current.claims.revision)
                for r in dashboard.revisions
            ],
        )
        self.keys_model.set_rows(
            [[k.kid, self.source_text(k.source.value)] for k in dashboard.trust_keys],
            list(dashboard.trust_keys),
        )
