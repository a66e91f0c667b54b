"""The welcome, while nothing is imported: what the console does, how to import the key the
vendor sent (a button, or files dropped here), and the demo to look around first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.pages.base import local_paths
from ui.pages.overview.widgets import bold
from ui.theme import Tone, apply_tone

if TYPE_CHECKING:
    from app.dashboard import Dashboard


class DropZone(QFrame):
    """A framed area that takes dropped files and hands them on (`dropped`)."""

    dropped = Signal(list)
    """The local files dropped, as `Path`s."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drop-zone")
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.Box)
        self.setFrameShadow(QFrame.Shadow.Sunken)
        self.setMinimumHeight(110)
        self.setAccessibleName(text)
        layout = QVBoxLayout(self)
        self.label = QLabel(text)
        self.label.setObjectName("drop-zone-text")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self._rest()

    def _rest(self) -> None:
        apply_tone(self, Tone.NEUTRAL)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
            apply_tone(self, Tone.INFO)  # says "let go here"
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._rest()
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._rest()
        paths = local_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.dropped.emit(paths)


class WelcomeView(QWidget):
    """The first thing a new console shows; its buttons ask the page to act."""

    import_requested = Signal()
    files_dropped = Signal(list)
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(14)
        title = QLabel(self.tr("Welcome to Entitlement Console"))
        title.setObjectName("welcome-title")
        bold(title, 1.6)
        layout.addWidget(title)
        self.about = QLabel(
            self.tr(
                "The console reads the license keys your vendor signs and tells you, offline, "
                "what each license covers, when its Support & Maintenance ends, how many support "
                "tickets are left and which versions you may install. It also prepares renewal "
                "and support-pack requests for the vendor, in a click."
            )
        )
        self.about.setObjectName("welcome-about")
        self.about.setWordWrap(True)
        layout.addWidget(self.about)

        self.import_button = QPushButton(self.tr("&Import license key…"))
        self.import_button.setObjectName("welcome-import")
        self.import_button.setAccessibleName(self.tr("Import license key"))
        bold(self.import_button, 1.25)
        self.import_button.setMinimumHeight(48)
        self.import_button.setMinimumWidth(280)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_requested)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout.addLayout(row)

        self.drop_zone = DropZone(
            self.tr("…or drop the key files the vendor sent here (several at once are fine).")
        )
        self.drop_zone.dropped.connect(self.files_dropped)
        layout.addWidget(self.drop_zone)

        self.where_keys = QLabel()
        self.where_keys.setObjectName("where-keys-come-from")
        self.where_keys.setWordWrap(True)
        self.where_keys.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where_keys)

        demo_row = QHBoxLayout()
        self.demo_note = QLabel(
            self.tr(
                "Want to look around first? The demo opens a sample portfolio of three licenses "
                "in a database of its own; your data is not touched."
            )
        )
        self.demo_note.setWordWrap(True)
        self.demo_button = QPushButton(self.tr("Try the &demo"))
        self.demo_button.setObjectName("try-demo")
        self.demo_button.clicked.connect(self.demo_requested)
        demo_row.addWidget(self.demo_note, 1)
        demo_row.addWidget(self.demo_button)
        layout.addLayout(demo_row)
        layout.addStretch(1)

    def show_dashboard(self, dashboard: Dashboard, can_demo: bool) -> None:
        self.where_keys.setText(
            self.tr("The vendor e-mails license keys; ask {address} if you have none.").format(
                address=dashboard.policy.renewals_email
            )
        )
        self.demo_note.setVisible(can_demo and not dashboard.demo)
        self.demo_button.setVisible(can_demo and not dashboard.demo)
