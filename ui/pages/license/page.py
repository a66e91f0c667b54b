"""The Licenses page: import signed documents (file dialog, drag and drop, pasted text) and see
what was imported or why not; then the documents of the license the pages follow (or of all):
their verified revisions and the stored documents that do not count now.

The page decides nothing: `app.importing` verifies and imports (off the GUI thread, through
`host.run_action`), the dashboard says what counts; the page words their codes (`ui.wording`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.pages.base import Host, Page, PageName, local_paths
from ui.pages.license.documents import DocumentsSection
from ui.pages.license.outcome import (
    ImportResult,
    ImportSummary,
    import_paths_work,
    import_text_work,
    summarize,
)
from ui.theme import Tone, apply_tone

if TYPE_CHECKING:
    from app.dashboard import Dashboard


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


class LicensePage(Page):
    name = PageName.LICENSE

    import_finished = Signal(object)
    """Emitted with the `ImportResult` once its outcome is shown (before the refresh)."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setAcceptDrops(True)
        self.file_dialog: QFileDialog | None = None
        self.dashboard: Dashboard | None = None
        self.last_result: ImportResult | None = None
        self.summary: ImportSummary | None = None
        self._last_folder: str | None = None
        layout = self.scrolled_layout()
        layout.addWidget(self._build_import())
        layout.addWidget(self._build_result())
        self.documents = DocumentsSection()
        layout.addWidget(self.documents)
        layout.addStretch(1)

    def _build_import(self) -> QGroupBox:
        box = QGroupBox(self.tr("Import a license key or other signed document"))
        layout = QVBoxLayout(box)
        intro = QLabel(
            self.tr(
                "Choose the files the vendor sent, drop them anywhere on this page, or paste "
                "the key text from the e-mail. Each document is verified before it is imported; "
                "the files of one import are imported together or not at all."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.choose_button = QPushButton(self.tr("&Choose files…"))
        self.choose_button.setObjectName("choose-files")
        self.choose_button.setAccessibleName(self.tr("Choose files to import"))
        self.choose_button.clicked.connect(self.choose_files)
        row.addWidget(self.choose_button)
        row.addWidget(QLabel(self.tr("…or drop files here.")), 1)
        layout.addLayout(row)
        caption = QLabel(self.tr("&Paste the key text (the whole e-mail is fine):"))
        self.paste = PasteBox()
        self.paste.setObjectName("paste-text")
        self.paste.setAccessibleName(self.tr("License key text to verify and import"))
        self.paste.setPlaceholderText(
            self.tr("-----BEGIN LICENSE-----\nv4.public.…\n-----END LICENSE-----")
        )
        self.paste.files_dropped.connect(self.import_paths)
        self.paste.setTabChangesFocus(True)  # Tab moves on; the key text never holds tabs
        self.paste.setMaximumHeight(120)
        caption.setBuddy(self.paste)
        layout.addWidget(caption)
        layout.addWidget(self.paste)
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
        layout.addLayout(verify_row)
        return box

    def _build_result(self) -> QWidget:
        self.result_box = QGroupBox(self.tr("Outcome"))
        self.result_box.setObjectName("import-result")
        layout = QVBoxLayout(self.result_box)
        self.result_title = QLabel()
        self.result_title.setObjectName("result-title")
        self.result_title.setTextFormat(Qt.TextFormat.PlainText)
        self.result_title.setMargin(6)
        font = QFont(self.result_title.font())
        font.setBold(True)
        self.result_title.setFont(font)
        layout.addWidget(self.result_title)
        self.result_text = QLabel()
        self.result_text.setObjectName("result-text")
        self.result_text.setTextFormat(Qt.TextFormat.PlainText)  # never HTML from a document
        self.result_text.setWordWrap(True)
        self.result_text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        layout.addWidget(self.result_text)
        buttons = QHBoxLayout()
        self.show_overview_button = QPushButton(self.tr("Show on &Overview"))
        self.show_overview_button.setObjectName("show-on-overview")
        self.show_overview_button.clicked.connect(self.show_on_overview)
        self.trust_button = QPushButton(self.tr("&Trust the signer…"))
        self.trust_button.setObjectName("trust-signer")
        self.trust_button.setAccessibleName(self.tr("Add the signer's trust file in Settings"))
        self.trust_button.clicked.connect(self.trust_signer)
        buttons.addWidget(self.show_overview_button)
        buttons.addWidget(self.trust_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.result_box.hide()
        return self.result_box

    # Import -------------------------------------------------------------------------------

    def choose_files(self) -> None:
        """Opens a file dialog without blocking (File > Import, Ctrl+O); the chosen files are
        imported together."""
        if self.file_dialog is not None:
            self.file_dialog.raise_()
            return
        dialog = QFileDialog(self, self.tr("Import signed documents"))
        dialog.setObjectName("import-dialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters(
            [
                self.tr("Signed documents (*.paseto *.lic *.key *.txt *.eml)"),
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
        """Verifies and imports files together (all or nothing), off the GUI thread; the
        outcome shows here, then the window refreshes. The overview's drop zone calls this."""
        chosen = list(paths)
        if not chosen:
            return
        self._show_checking()
        self.host.run_action(lambda console: import_paths_work(console, chosen), self._done)

    def import_text(self, text: str) -> None:
        """Verifies pasted (or dropped) text as one document, key inside an e-mail included,
        and imports it if it is genuine."""
        if not text.strip():
            return
        data = text.encode("utf-8")
        name = self.tr("pasted text")
        self._show_checking()

        def done(result: ImportResult) -> None:
            if result.report.succeeded and self.paste.toPlainText() == text:
                self.paste.clear()  # imported from the paste box: the next paste starts clean
            self._done(result)

        self.host.run_action(lambda console: import_text_work(console, name, data), done)

    def _show_checking(self) -> None:
        self.result_box.show()
        self.result_title.setText(self.tr("Checking…"))
        apply_tone(self.result_title, Tone.NEUTRAL)
        self.result_text.clear()
        self.show_overview_button.hide()
        self.trust_button.hide()

    def _done(self, result: ImportResult) -> None:
        self.last_result = result
        self._show_result()
        self.import_finished.emit(result)

    def _show_result(self) -> None:
        """Words the last import (again when a dashboard arrives: a license's state is the
        dashboard's)."""
        if self.last_result is None:
            return
        summary = summarize(self.last_result, self.dashboard)
        self.summary = summary
        self.result_box.show()
        self.result_title.setText(summary.title)
        self.result_title.setAccessibleName(summary.title)
        apply_tone(self.result_title, summary.tone)
        text = "\n".join(summary.lines)
        self.result_text.setText(text)
        self.result_text.setAccessibleName(text)
        self.show_overview_button.setVisible(summary.tone in (Tone.OK, Tone.INFO))
        self.trust_button.setVisible(bool(summary.untrusted_signers))

    def show_on_overview(self) -> None:
        """Selects the license just imported and shows the overview."""
        if self.summary is not None and self.summary.license_id is not None:
            self.host.select_license(self.summary.license_id)
        self.host.show_page(PageName.OVERVIEW)

    def trust_signer(self) -> None:
        """Leads to Settings > Trusted keys and its add flow: the admin chooses the vendor's
        trust file (a key cannot be taken from the document itself)."""
        signers = self.summary.untrusted_signers if self.summary is not None else ()
        from ui.pages.settings import SettingsPage

        self.host.show_page(PageName.SETTINGS)
        settings = self.host.page(PageName.SETTINGS)
        assert isinstance(settings, SettingsPage)
        settings.trust_signer(signers[0] if signers else None)

    # Drag and drop --------------------------------------------------------------------------

    def _accept_drag(self, event: QDragMoveEvent) -> None:
        mime = event.mimeData()
        if local_paths(mime) or mime.hasText():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._accept_drag(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._accept_drag(event)

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

    # Dashboard ------------------------------------------------------------------------------

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        self.documents.show_documents(dashboard, self.host.selected_license)
        self._show_result()
