"""CSV in and out of the Tickets page: export exactly the rows shown, in the order shown (cells
neutralised against formulas by `app.tickets.tickets_csv`), written off the GUI thread; import
all rows or none, cancellable, rows without a license_id going to the license in view.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

from app.errors import Cancelled, UserError

if TYPE_CHECKING:
    from app.console import Console
    from ui.pages.tickets.page import TicketsPage


class CsvTransfer(QObject):
    """The page's CSV import and export, and the line that says what the last action did."""

    said = Signal(str)
    """The words shown after an action (tests wait for it)."""
    exported = Signal(str)
    """The path, once an export is written."""

    def __init__(self, page: TicketsPage) -> None:
        super().__init__(page)
        self.page = page
        self._cancel = threading.Event()
        self.message = QLabel()
        self.message.setObjectName("tickets-message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName(self.tr("Result of the last action"))
        self.message.hide()
        self.cancel_button = QPushButton(self.tr("&Cancel the import"))
        self.cancel_button.setObjectName("tickets-cancel-import")
        self.cancel_button.setAccessibleName(self.tr("Cancel the CSV import; nothing is imported"))
        self.cancel_button.clicked.connect(self._cancel.set)
        self.cancel_button.hide()

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleDescription(text)
        self.message.show()
        self.said.emit(text)

    # Choosing a file ------------------------------------------------------------------------

    def _file_dialog(self, title: str, save: bool) -> QFileDialog:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        dialog = QFileDialog(self.page, title, folder, self.tr("CSV files (*.csv);;All files (*)"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix("csv")
            dialog.selectFile("tickets.csv")
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        return dialog

    def choose_import_file(self) -> None:
        dialog = self._file_dialog(self.tr("Import tickets from CSV"), save=False)
        dialog.fileSelected.connect(lambda path: self.import_csv(Path(path)))
        dialog.open()

    def choose_export_file(self) -> None:
        dialog = self._file_dialog(self.tr("Export the tickets shown to CSV"), save=True)
        dialog.fileSelected.connect(lambda path: self.export_csv(Path(path)))
        dialog.open()

    # Export ---------------------------------------------------------------------------------

    def export_csv(self, path: Path) -> None:
        """Writes the rows the table shows, in its order, off the GUI thread."""
        entries = self.page.model.shown_entries()

        def work() -> int:
            from app.tickets import tickets_csv

            text = tickets_csv(entries)
            try:
                path.write_text(text, encoding="utf-8", newline="")
            except OSError as exc:
                raise UserError(f"{path}: cannot write it ({exc.strerror})") from None
            return len(entries)

        def done(count: int) -> None:
            self.say(
                self.tr("Exported %n ticket(s), as shown, to {path}.", None, count).format(
                    path=str(path)
                )
            )
            self.exported.emit(str(path))

        def failed(error: BaseException) -> None:
            self.page.host.show_error(self.tr("The tickets were not exported"), error)

        self.page.host.run_task(work, done, on_failure=failed)

    # Import ---------------------------------------------------------------------------------

    def import_csv(self, path: Path) -> None:
        """Adds every row of a CSV file, or none (off the GUI thread); bad rows are listed.
        While it runs, "Cancel the import" stops it before anything is committed."""
        cancel, license_id = self._cancel, self.page.license_in_view()
        cancel.clear()
        self.cancel_button.show()
        self.say(self.tr("Importing {name}…").format(name=path.name))

        def work(console: Console) -> int:
            from app.tickets import import_csv

            return import_csv(console, path, cancel.is_set, license_id)

        def done(count: int) -> None:
            self.cancel_button.hide()
            self.say(
                self.tr("Imported %n ticket(s) from {name}.", None, count).format(name=path.name)
            )

        self.page.host.run_action(work, done, on_failure=self._import_failed)

    def _import_failed(self, error: BaseException) -> None:
        from app.tickets import CsvImportError

        self.cancel_button.hide()
        if isinstance(error, Cancelled):
            self.say(self.tr("The import was cancelled: nothing was imported."))
            return
        if isinstance(error, CsvImportError):
            rows = "\n".join(
                self.tr("Row {row}: {message}").format(row=e.row, message=e.message)
                for e in error.errors
            )
            text = self.tr(
                "Nothing was imported: %n row(s) have problems.", None, len(error.errors)
            )
            text = f"{text}\n{rows}"
        elif isinstance(error, UserError) and self.page.license_in_view() is None:
            text = self.tr(
                "{problem}\nRows without a license_id column go to the license chosen in the "
                "License selector: choose one, or add the column."
            ).format(problem=str(error))
        else:
            self.page.host.show_error(self.tr("The CSV file was not imported"), error)
            self.say(self.tr("The CSV file was not imported."))
            return
        self.page.host.show_error(self.tr("The CSV file was not imported"), text)
        self.say(text)
