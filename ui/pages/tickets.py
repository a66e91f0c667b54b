"""Tickets page (being written)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.pages.base import Page

if TYPE_CHECKING:
    from app.dashboard import Dashboard


class TicketsPage(Page):
    name = "tickets"

    def title(self) -> str:
        return self.tr("Tickets")

    def show_dashboard(self, dashboard: Dashboard) -> None:
        pass
