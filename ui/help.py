"""The user guide shipped in `resources/help/` (F1), and the About box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from resources import resource_path

if TYPE_CHECKING:
    from app.dashboard import Dashboard

GUIDE = ("help", "guide.md")


class HelpDialog(QDialog):
    """The guide in the window: a short, searchable text, no browser or network needed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help-dialog")
        self.setWindowTitle(self.tr("Entitlement Console: user guide"))
        self.resize(720, 640)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setObjectName("help-text")
        self.text.setOpenExternalLinks(False)
        try:
            self.text.setMarkdown(resource_path(*GUIDE).read_text(encoding="utf-8"))
        except OSError:
            self.text.setPlainText(self.tr("The user guide is missing from this installation."))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def about_text(dashboard: Dashboard | None) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("entitlement-console")
    except PackageNotFoundError:
        release = "development"

    def tr(text: str) -> str:
        return QCoreApplication.translate("About", text)

    lines = [
        tr("Entitlement Console {version}").format(version=release),
        tr(
            "Offline licensing and entitlement console: what your licenses cover, when Support & "
            "Maintenance expires, tickets left, upgrades, renewal requests."
        ),
    ]
    if dashboard is not None:
        lines.append(tr("Database: {database}").format(database=dashboard.database))
        lines.append(
            tr("Licenses: {ids}").format(
                ids=", ".join(s.license_id for s in dashboard.status.licenses) or "—"
            )
        )
    lines.append(tr("Press F1 for the user guide."))
    return "\n\n".join(lines)
