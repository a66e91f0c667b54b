"""Overview: the portfolio, most urgent first, under the console's own warnings; one license in
detail when the window follows it; the welcome while nothing is imported."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from app.requests.model import RequestKind
from licensing.warnings import StatusWarning, WarningCode, overall_severity
from ui.confirm import acknowledge_clock
from ui.pages.base import Host, Page, PageName, scrolled
from ui.pages.overview.detail import LicenseDetail
from ui.pages.overview.portfolio import PortfolioView
from ui.pages.overview.welcome import WelcomeView
from ui.pages.overview.widgets import SEVERITY_TONES, Action, Banner
from ui.wording import warning_text

if TYPE_CHECKING:
    from app.dashboard import Dashboard

__all__ = ["OverviewMode", "OverviewPage"]


class OverviewMode(StrEnum):
    WELCOME = "welcome"
    PORTFOLIO = "portfolio"
    DETAIL = "detail"


class OverviewPage(Page):
    name = PageName.OVERVIEW

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.dashboard: Dashboard | None = None
        self.mode = OverviewMode.PORTFOLIO
        self._last_opened: str | None = None
        self._focus_after_switch = False

        outer = QVBoxLayout(self)
        self.console_banners = QWidget()
        self.console_banners.setObjectName("console-warnings")
        self._banners = QVBoxLayout(self.console_banners)
        self._banners.setContentsMargins(0, 0, 0, 0)
        self.banners: dict[WarningCode, Banner] = {}
        outer.addWidget(self.console_banners)

        self.welcome = WelcomeView()
        self.welcome.import_requested.connect(self._import)
        self.welcome.files_dropped.connect(self._import_dropped)
        self.welcome.demo_requested.connect(self._try_demo)
        self.portfolio = PortfolioView()
        self.portfolio.opened.connect(self.open_license)
        self.detail = LicenseDetail()
        self.detail.back_requested.connect(self.back_to_list)
        self.detail.renewal_requested.connect(
            lambda license_id: self._request(RequestKind.RENEWAL, license_id)
        )
        self.detail.packs_requested.connect(
            lambda license_id: self._request(RequestKind.PACKS, license_id)
        )
        self.detail.upgrades_requested.connect(self._upgrades)
        self.views = QStackedWidget()
        self._pages = {
            OverviewMode.WELCOME: scrolled(self.welcome),
            OverviewMode.PORTFOLIO: self.portfolio,
            OverviewMode.DETAIL: scrolled(self.detail),
        }
        for widget in self._pages.values():
            self.views.addWidget(widget)
        self.views.setCurrentWidget(self._pages[self.mode])
        outer.addWidget(self.views, 1)

    # Showing ----------------------------------------------------------------------------------

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        standing = dashboard.standing(self.host.selected_license)
        if dashboard.empty:
            self.mode = OverviewMode.WELCOME
            self.welcome.show_dashboard(dashboard, can_demo=self.host.can_try_demo)
        elif standing is not None:
            self.mode = OverviewMode.DETAIL
            self._last_opened = standing.license_id
            self.detail.show_license(standing, dashboard)
        else:
            self.mode = OverviewMode.PORTFOLIO
            self.portfolio.show_dashboard(dashboard, self._last_opened)
        self._show_console_warnings(dashboard)
        self.views.setCurrentWidget(self._pages[self.mode])
        if self._focus_after_switch:
            self._focus_after_switch = False
            if self.mode is OverviewMode.DETAIL:
                self.detail.back.setFocus(Qt.FocusReason.OtherFocusReason)
            elif self.mode is OverviewMode.PORTFOLIO:
                self.portfolio.focus_table()

    def _show_console_warnings(self, dashboard: Dashboard) -> None:
        """What concerns the console as a whole, one banner per kind, above the portfolio and
        the welcome (never "no valid license" on the welcome: the welcome says it better)."""
        grouped: dict[WarningCode, list[StatusWarning]] = {}
        if self.mode is not OverviewMode.DETAIL:
            for warning in dashboard.status.warnings:
                if (
                    self.mode is OverviewMode.WELCOME
                    and warning.code is WarningCode.NO_VALID_LICENSE
                ):
                    continue
                grouped.setdefault(warning.code, []).append(warning)
        for code in [c for c in self.banners if c not in grouped]:
            gone = self.banners.pop(code)
            self._banners.removeWidget(gone)
            gone.hide()
            gone.deleteLater()
        for code, warnings in grouped.items():
            if code not in self.banners:
                self.banners[code] = Banner(f"console-{code.value.replace('_', '-')}")
                self._banners.addWidget(self.banners[code])
            self.banners[code].show_message(
                "\n".join(warning_text(w) for w in warnings),
                SEVERITY_TONES[overall_severity(warnings)],
                self._console_actions(code, warnings),
            )
        self.console_banners.setVisible(bool(grouped))

    def _console_actions(self, code: WarningCode, warnings: list[StatusWarning]) -> list[Action]:
        match code:
            case WarningCode.CLOCK_ROLLBACK:
                return [
                    (
                        self.tr("&Acknowledge…"),
                        lambda: acknowledge_clock(self, self.host, warnings[0]),
                    )
                ]
            case WarningCode.UNASSIGNED_TICKETS:
                return [(self.tr("Show &tickets"), lambda: self.host.show_page(PageName.TICKETS))]
            case WarningCode.UNTRUSTED_DOCUMENT:
                return [(self.tr("Show &documents"), lambda: self.host.show_page(PageName.LICENSE))]
            case WarningCode.ADDITIONAL_TRUST:
                return [(self.tr("Trusted &keys…"), lambda: self.host.show_page(PageName.SETTINGS))]
            case WarningCode.NO_VALID_LICENSE:
                return [(self.tr("&Import license key…"), self._import)]
        return []

    # The portfolio and one license -----------------------------------------------------------

    def open_license(self, license_id: str) -> None:
        """Opens the license's detail: the whole window follows it (the license selector)."""
        self._last_opened = license_id
        self._focus_after_switch = True
        if self.host.selected_license == license_id and self.dashboard is not None:
            self.show_dashboard(self.dashboard)
        else:
            self.host.select_license(license_id)

    def back_to_list(self) -> None:
        """Back to every license; the one just seen stays the current row."""
        self._focus_after_switch = True
        self.host.select_license(None)

    def _request(self, kind: RequestKind, license_id: str) -> None:
        self.host.open_request(kind, license_id)

    def _upgrades(self, license_id: str) -> None:
        self.host.select_license(license_id)
        self.host.show_page(PageName.UPGRADES)

    # The welcome -----------------------------------------------------------------------------

    def _import(self) -> None:
        self.host.import_documents()

    def _import_dropped(self, paths: list[Path]) -> None:
        self.host.import_paths(paths)

    def _try_demo(self) -> None:
        self.host.try_demo()
