"""The user guide shipped in `resources/help/` (F1), the About box, and what the tray says."""

from __future__ import annotations

import platform
from functools import cache
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

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
        self.text.setAccessibleName(self.tr("User guide"))
        self.text.setOpenExternalLinks(False)
        self.text.setOpenLinks(True)  # the guide's own anchors
        try:
            self.text.setMarkdown(resource_path(*GUIDE).read_text(encoding="utf-8"))
        except OSError:
            self.text.setPlainText(self.tr("The user guide is missing from this installation."))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.text.setFocus()


@cache
def release() -> str:
    """The installed version, or "development" in a source checkout without metadata. Read
    once (Settings > About reads it first, off the GUI thread)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("entitlement-console")
    except PackageNotFoundError:
        return "development"


def about_text(dashboard: Dashboard | None) -> str:
    """The About box's text: version, what the console is, the database and licenses."""
    from ui.wording import licenses_text

    lines = [
        QCoreApplication.translate("About", "Entitlement Console {version}").format(
            version=release()
        ),
        QCoreApplication.translate(
            "About",
            "Offline licensing and entitlement console: what your licenses cover, when Support "
            "& Maintenance expires, tickets left, upgrades, renewal requests.",
        ),
        QCoreApplication.translate("About", "Python {python}, Qt {qt}, PySide6 {pyside}").format(
            python=platform.python_version(), qt=qVersion(), pyside=pyside_version
        ),
    ]
    if dashboard is None:
        lines.append(QCoreApplication.translate("About", "Not connected to a database."))
    else:
        mode = QCoreApplication.translate("About", " (demo mode)") if dashboard.demo else ""
        lines.append(
            QCoreApplication.translate("About", "Database: {database}{mode}").format(
                database=dashboard.database, mode=mode
            )
        )
        ids = ", ".join(s.license_id for s in dashboard.status.licenses)
        lines.append(
            QCoreApplication.translate("About", "{licenses}: {ids}").format(
                licenses=licenses_text(len(dashboard.status.licenses)), ids=ids or "—"
            )
        )
    lines.append(QCoreApplication.translate("About", "Press F1 for the user guide."))
    return "\n\n".join(lines)


def about_box(parent: QWidget, dashboard: Dashboard | None) -> QMessageBox:
    """The About box, opened (not blocking); it deletes itself when closed."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("About", "About Entitlement Console"),
        about_text(dashboard),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("about-box")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def tray_text(dashboard: Dashboard) -> str | None:
    """What the tray says at start-up: how many licenses need attention (their state, or one of
    the admin's own reminders), and which; None when none does."""
    from ui.wording import attention_text, state_text

    needing = [s for s in dashboard.status.licenses if s.needs_attention]
    due_soon = {r.license_id for r in dashboard.reminders}
    listed = needing + [
        s for s in dashboard.status.licenses if s.license_id in due_soon and s not in needing
    ]
    if not listed:
        return None
    names = ", ".join(f"{s.license_id} ({state_text(s.sm.state)})" for s in listed[:3])
    more = "…" if len(listed) > 3 else ""
    return f"{attention_text(len(listed))}: {names}{more}"
