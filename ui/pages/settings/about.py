"""Settings > About: the version, what it runs on, and where the console keeps its files."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.help import release
from ui.pages.base import Host


def installed() -> tuple[str, str]:
    """The console's version (`ui.help.release`) and the system's name; off the GUI thread, as
    both read files or run `uname`."""
    return release(), platform.platform(terse=True)


class AboutSection(QGroupBox):
    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("about")
        self.setTitle(self.tr("About"))
        form = QFormLayout(self)
        self.values: dict[str, QLabel] = {}
        for key, caption in (
            ("version", self.tr("Version:")),
            ("runtime", self.tr("Runs on:")),
            ("database", self.tr("Database in use:")),
            ("data", self.tr("Data folder:")),
            ("log", self.tr("Log file:")),
            ("settings", self.tr("Settings file:")),
        ):
            value = QLabel("…")
            value.setObjectName(f"about-{key}")
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            value.setAccessibleName(caption.rstrip(":"))
            label = QLabel(caption)
            label.setBuddy(value)
            form.addRow(label, value)
            self.values[key] = value
        self.open_data = QPushButton(self.tr("Open the data folde&r"))
        self.open_data.setObjectName("about-open-data")
        self.open_data.clicked.connect(self._open_data_folder)
        open_row = QHBoxLayout()
        open_row.addWidget(self.open_data)
        open_row.addStretch(1)
        form.addRow(open_row)
        self._fill()
        host.run_task(installed, self._show_installed, key="settings-about")

    def _fill(self) -> None:
        from app.paths import app_paths
        from app.settings import settings_path

        paths = app_paths()
        self.values["data"].setText(str(paths.data))
        self.values["log"].setText(str(paths.log_file))
        self.values["settings"].setText(str(settings_path()))
        self.values["database"].setText(self.tr("(not open)"))

    def show_database(self, description: str, demo: bool) -> None:
        mode = self.tr(" (demo mode)") if demo else ""
        self.values["database"].setText(description + mode)

    def _show_installed(self, facts: tuple[str, str]) -> None:
        version, system = facts
        self.values["version"].setText(
            self.tr("Entitlement Console {version}").format(version=version)
        )
        self.values["runtime"].setText(
            self.tr("Python {python}, Qt {qt}, PySide6 {pyside}, {system}").format(
                python=platform.python_version(),
                qt=qVersion(),
                pyside=pyside_version,
                system=system,
            )
        )

    def _open_data_folder(self) -> None:
        from app.paths import app_paths

        folder = app_paths().data
        if not self.host.open_url(QUrl.fromLocalFile(str(folder)).toString()):
            self.host.show_error(
                self.tr("The folder could not be opened"),
                self.tr("Open {folder} in the file manager.").format(folder=folder),
            )
