"""Settings > Trusted keys: every key this run trusts (vendor, added, demo) and where it comes
from; adding the keys of a trust file after showing each key id and a warning; removing a key
the admin added.

`app.trust` does the work (`keys_to_add`, `add_keys`, `remove_key`, `console_keys`), always off
the GUI thread. After a change the page asks the window to compute the run's trust again
(`host.reload_trust`), so the change counts at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from licensing.trust import TrustedKey, TrustSource
from ui.confirm import ask
from ui.pages.base import Host
from ui.tables import RowsModel, rows_view
from ui.theme import Tone, apply_text_tone
from ui.wording import trust_source_text

if TYPE_CHECKING:
    from app.dashboard import Dashboard


def own_keys_file() -> Path:
    """The console's own trusted-keys file (a path only: nothing is read here)."""
    from app.paths import app_paths

    return app_paths().trusted_keys


class TrustedKeysSection(QGroupBox):
    confirmation_shown = Signal()
    """A confirmation (add or remove) is open: `confirmation` is it."""
    changed = Signal()
    """Keys were added or removed (the console's own file changed)."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("trusted-keys")
        self.setTitle(self.tr("Trusted keys"))
        self.file_dialog: QFileDialog | None = None
        self.confirmation: QMessageBox | None = None
        self._run_keys: tuple[TrustedKey, ...] = ()
        self._own: tuple[TrustedKey, ...] = ()
        self._expected_signer: str | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Documents count only when a key listed here signed them. The vendor's keys ship "
                "with the console; add a key only from a trust file the vendor gave you."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.explanation = QLabel()
        self.explanation.setObjectName("trusted-keys-explanation")
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setWordWrap(True)
        self.explanation.hide()
        layout.addWidget(self.explanation)
        self.model = RowsModel([self.tr("Key id"), self.tr("Source"), self.tr("Origin")], self)
        self.table = rows_view(self.model, "trusted-keys-table", self.tr("Trusted keys"), 420)
        self.table.setMinimumHeight(100)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add trusted key…"))
        self.add_button.setObjectName("trusted-keys-add")
        self.add_button.setAccessibleName(self.tr("Add the keys of a trust file"))
        self.add_button.clicked.connect(lambda: self.choose_trust_file())
        self.remove_button = QPushButton(self.tr("Re&move"))
        self.remove_button.setObjectName("trusted-keys-remove")
        self.remove_button.setAccessibleName(self.tr("Remove the selected added key"))
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setObjectName("trusted-keys-status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.load_own_keys()

    # The list -------------------------------------------------------------------------------

    def show_keys(self, dashboard: Dashboard) -> None:
        self._run_keys = tuple(dashboard.trust_keys)
        self._fill()

    def load_own_keys(self) -> None:
        """Reads the console's own file off the GUI thread (which keys can be removed): when
        the section is built and after each change here, not on every refresh."""
        from app.trust import console_keys

        path = own_keys_file()
        self.host.run_task(
            lambda: console_keys(path),
            self._own_loaded,
            key="trusted-keys-file",
            on_failure=self._refused,
        )

    def _own_loaded(self, keys: Sequence[TrustedKey]) -> None:
        self._own = tuple(keys)
        self._fill()

    def _origin(self, key: TrustedKey, own: set[str]) -> str:
        if key.source is TrustSource.VENDOR:
            return self.tr("shipped with the console")
        if key.source is TrustSource.DEMO:
            return self.tr("built in; counts in demo mode only")
        if key.kid in own:
            return self.tr("this console's trusted-keys file")
        return key.origin  # a --trust file, for this run only: its path says which

    def _fill(self) -> None:
        own = {k.kid for k in self._own}
        running = {k.kid for k in self._run_keys}
        keys = [*self._run_keys, *(k for k in self._own if k.kid not in running)]
        rows = [
            [
                key.kid,
                trust_source_text(key.source),
                self._origin(key, own) if key.kid in running else self.tr("added; being applied…"),
            ]
            for key in keys
        ]
        self.model.set_rows(rows, keys)
        self._selection_changed()

    def selected_key(self) -> TrustedKey | None:
        rows = self.table.selectionModel().selectedRows()
        raw = self.model.raw(rows[0].row()) if rows else None
        return raw if isinstance(raw, TrustedKey) else None

    def _selection_changed(self) -> None:
        key = self.selected_key()
        self.remove_button.setEnabled(key is not None and any(k.kid == key.kid for k in self._own))

    # Adding -----------------------------------------------------------------------------------

    def trust_signer(self, kid: str | None) -> None:
        """The Licenses page's "Trust the signer…": says why a trust file is needed and opens
        the chooser for one."""
        self._expected_signer = kid
        signer = (
            self.tr(
                "The document was signed by key {kid}, which this console does not trust."
            ).format(kid=kid)
            if kid
            else self.tr("The document was signed by a key this console does not trust.")
        )
        self._explain(
            signer
            + " "
            + self.tr(
                "A public key cannot be taken from a signed document: only the vendor's trust "
                'file (a .json file holding "keys") can add it. Choose the trust file the vendor '
                "gave you; every key id is shown before anything is added."
            )
        )
        self.choose_trust_file(keep_signer=True)

    def _explain(self, text: str) -> None:
        self.explanation.setText(text)
        self.explanation.setAccessibleName(text)
        self.explanation.setVisible(bool(text))

    def choose_trust_file(self, keep_signer: bool = False) -> None:
        """Opens the chooser for a trust file without blocking."""
        if not keep_signer:
            self._expected_signer = None
            self._explain("")
        if self.file_dialog is not None:
            self.file_dialog.raise_()
            return
        dialog = QFileDialog(self, self.tr("Choose the vendor's trust file"))
        dialog.setObjectName("trust-file-dialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("Trust files (*.json)"), self.tr("All files (*)")])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda file: self.add_from_file(Path(file)))
        dialog.destroyed.connect(self._dialog_closed)
        self.file_dialog = dialog
        dialog.open()

    def _dialog_closed(self) -> None:
        self.file_dialog = None

    def add_from_file(self, source: Path) -> None:
        """Reads the keys `source` would add (off the GUI thread), then asks before adding."""
        from app.trust import keys_to_add

        target = own_keys_file()
        self._say(self.tr("Reading {file}…").format(file=source), Tone.NEUTRAL)
        self.host.run_task(
            lambda: keys_to_add(source, target),
            lambda keys: self._confirm_add(source, keys),
            on_failure=self._refused,
        )

    def _confirm_add(self, source: Path, keys: Sequence[TrustedKey]) -> None:
        self._say("", Tone.NEUTRAL)
        lines = [
            self.tr(
                "Add %n key(s) of {file} to the keys this console trusts?", "", len(keys)
            ).format(file=source.name),
            "",
            *(f"• {key.kid}" for key in keys),
            "",
            self.tr(
                "Documents signed by these keys will count as the vendor's: add only keys the "
                "vendor gave you."
            ),
        ]
        expected = self._expected_signer
        if expected and all(key.kid != expected for key in keys):
            lines += [
                "",
                self.tr("None of these keys signed the document you imported ({kid}).").format(
                    kid=expected
                ),
            ]
        self.confirmation = ask(
            self,
            "confirm-add-keys",
            self.tr("Add trusted keys"),
            "\n".join(lines),
            self.tr("&Add"),
            lambda: self._add(source),
        )
        self.confirmation_shown.emit()

    def _add(self, source: Path) -> None:
        from app.trust import add_keys

        target = own_keys_file()
        self.host.run_task(lambda: add_keys(source, target), self._added, on_failure=self._refused)

    def _added(self, keys: Sequence[TrustedKey]) -> None:
        self._explain("")
        self._expected_signer = None
        added = self.tr("Added %n key(s): {kids}.", "", len(keys)).format(
            kids=", ".join(k.kid for k in keys)
        )
        self._after_change(added)

    # Removing ---------------------------------------------------------------------------------

    def remove_selected(self) -> None:
        key = self.selected_key()
        if key is None or all(k.kid != key.kid for k in self._own):
            return
        self.confirmation = ask(
            self,
            "confirm-remove-key",
            self.tr("Remove a trusted key"),
            self.tr(
                "Remove key {kid}?\n\nDocuments only this key signed will stop counting: they "
                "are listed on the Licenses page as documents that do not count."
            ).format(kid=key.kid),
            self.tr("&Remove"),
            lambda: self._remove(key.kid),
        )
        self.confirmation_shown.emit()

    def _remove(self, kid: str) -> None:
        from app.trust import remove_key

        target = own_keys_file()
        self.host.run_task(
            lambda: remove_key(kid, target), self._removed_key, on_failure=self._refused
        )

    def _removed_key(self, key: TrustedKey) -> None:
        self._after_change(self.tr("Removed key {kid}.").format(kid=key.kid))

    # After a change -----------------------------------------------------------------------------

    def _after_change(self, done: str) -> None:
        self.host.reload_trust()
        self._say(
            done
            + " "
            + self.tr(
                "The change counts now: every stored document is checked again with the keys "
                "trusted now."
            ),
            Tone.OK,
        )
        self.load_own_keys()
        self._fill()
        self.changed.emit()

    def _refused(self, error: BaseException) -> None:
        from app.errors import UserError

        if isinstance(error, UserError):
            self._say(str(error), Tone.CRITICAL)  # the app's own words: what and why
        else:
            self._say("", Tone.NEUTRAL)
            self.host.show_error(self.tr("The trusted keys could not be changed"), error)

    def _say(self, text: str, tone: Tone) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text)
        apply_text_tone(self.status, tone)
