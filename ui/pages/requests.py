"""Requests page (being written)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.pages.base import Page

if TYPE_CHECKING:
    from app.dashboard import Dashboard


class RequestsPage(Page):
    name = "requests"

    def title(self) -> str:
        return self.tr("Requests")

    def show_dashboard(self, dashboard: Dashboard) -> None:
        pass
