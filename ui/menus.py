"""The main window's menus and its window-wide shortcuts (whichever widget has the focus,
the page list included)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from ui.pages.base import PageName

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class MenuActions:
    """The actions of the menus, and the key bindings they get once the data is shown."""

    def __init__(self, window: MainWindow, pages: Sequence[PageName]) -> None:
        tr = window.tr
        bar = window.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        self.import_documents = QAction(tr("&Import license key…"), window)
        self.import_documents.triggered.connect(window.import_documents)
        self.refresh = QAction(tr("&Refresh"), window)
        self.refresh.triggered.connect(window.refresh)
        self.quit = QAction(tr("&Quit"), window)
        self.quit.triggered.connect(window.close)
        for action in (self.import_documents, self.refresh, self.quit):
            file_menu.addAction(action)

        tickets_menu = bar.addMenu(tr("&Tickets"))
        self.add_ticket = QAction(tr("&Add ticket…"), window)
        self.add_ticket.triggered.connect(window.add_ticket)
        self.add_ticket.setEnabled(False)  # until a license counts
        tickets_menu.addAction(self.add_ticket)

        go_menu = bar.addMenu(tr("&Go"))
        self.pages: list[QAction] = []
        for name in pages:
            action = QAction(window.page_title(name), window)
            action.triggered.connect(lambda _=False, n=name: window.show_page(n))
            go_menu.addAction(action)
            self.pages.append(action)
        self.next_page = QAction(tr("&Next page"), window)
        self.next_page.triggered.connect(lambda: window.step_page(1))
        self.previous_page = QAction(tr("&Previous page"), window)
        self.previous_page.triggered.connect(lambda: window.step_page(-1))
        go_menu.addSeparator()
        go_menu.addAction(self.next_page)
        go_menu.addAction(self.previous_page)

        help_menu = bar.addMenu(tr("&Help"))
        self.guide = QAction(tr("&User guide"), window)
        self.guide.triggered.connect(window.show_help)
        self.about = QAction(tr("&About Entitlement Console"), window)
        self.about.triggered.connect(window.show_about)
        help_menu.addAction(self.guide)
        help_menu.addAction(self.about)

        # Added to the window itself too, so that they work whichever widget has the focus.
        for action in (
            self.import_documents,
            self.refresh,
            self.add_ticket,
            self.next_page,
            self.previous_page,
            self.guide,
            *self.pages,
        ):
            window.addAction(action)
        self.bindings: list[tuple[QAction, list[QKeySequence]]] = [
            (self.import_documents, QKeySequence.keyBindings(QKeySequence.StandardKey.Open)),
            (self.refresh, QKeySequence.keyBindings(QKeySequence.StandardKey.Refresh)),
            (
                self.quit,
                QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")],
            ),
            (self.add_ticket, [QKeySequence("Ctrl+N")]),
            (self.next_page, [QKeySequence("Ctrl+Tab"), QKeySequence("Ctrl+PgDown")]),
            (self.previous_page, [QKeySequence("Ctrl+Shift+Tab"), QKeySequence("Ctrl+PgUp")]),
            (
                self.guide,
                [QKeySequence(QKeySequence.StandardKey.HelpContents), QKeySequence("F1")],
            ),
            *((action, [QKeySequence(f"Ctrl+{i + 1}")]) for i, action in enumerate(self.pages)),
        ]

    def add_shortcuts(self) -> None:
        for action, bindings in self.bindings:
            unique = list(dict.fromkeys(b.toString() for b in bindings if not b.isEmpty()))
            action.setShortcuts([QKeySequence(b) for b in unique])


def build_menus(window: MainWindow, pages: Sequence[PageName]) -> MenuActions:
    return MenuActions(window, pages)
