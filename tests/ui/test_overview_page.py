"""The overview: the portfolio most urgent first, one license in detail (following the window's
license selector), the console's own warnings, and the welcome of an empty console."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.console import Console, open_console
from app.importing import import_documents
from licensing.claims import DocumentType
from licensing.warnings import WarningCode
from tests import factories
from tests.factories import Vendor
from tests.ui.conftest import demo_opener, mode, new_window, start
from ui.main_window import MainWindow
from ui.pages.base import PageName
from ui.pages.overview import OverviewMode, OverviewPage
from ui.pages.overview.portfolio import LICENSE_ID_ROLE, PortfolioModel
from ui.theme import tone_colors
from ui.wording import date_text

TODAY = date(2026, 3, 2)


# Our own documents: the shared test vendor (tests/factories.py), trusted as the vendor ---------


def license_claims(
    license_id: str,
    sm_end: date,
    *,
    license_type: str = "perpetual",
    tickets_per_year: int = 2,
) -> dict[str, Any]:
    """A one-year license of 1 user and 3 devices in production, ending on `sm_end`."""
    return factories.license_claims(
        license_id=license_id,
        issued_at=f"{(sm_end - timedelta(days=365)).isoformat()}T09:00:00Z",
        environment="production",
        license_type=license_type,
        seats={"users": 1, "devices": 3},
        sm_start=sm_end - timedelta(days=365),
        sm_end=sm_end,
        tickets_per_year=tickets_per_year,
    )


def signed(vendor: Vendor, document_type: DocumentType, claims: dict[str, Any]) -> bytes:
    return vendor.token(document_type, claims).encode()


def opener(today: date = TODAY) -> Callable[[], Console]:
    return lambda: open_console(None, False, [], today=today)


def store(*documents: tuple[str, bytes], today: date = TODAY) -> None:
    """Imports signed documents into this test's database, as a run on `today`."""
    console = opener(today)()
    try:
        report = import_documents(console, list(documents))
        assert report.succeeded, report
    finally:
        console.close()


def overview_window(
    qtbot: QtBot, tmp_path: Path, open_: Callable[[], object], today: date = TODAY
) -> tuple[MainWindow, OverviewPage]:
    window = new_window(qtbot, open_, tmp_path / "window.ini", today, open_demo=demo_opener())
    page = window.page(PageName.OVERVIEW)
    assert isinstance(page, OverviewPage)
    start(qtbot, window)
    return window, page


@pytest.fixture
def demo(quiet_window: MainWindow) -> Iterator[tuple[MainWindow, OverviewPage]]:
    page = quiet_window.page(PageName.OVERVIEW)
    assert isinstance(page, OverviewPage)
    yield quiet_window, page


def selected(window: MainWindow) -> str | None:
    return window.selected_license


def laid_out(window: MainWindow) -> None:
    """Lays out the window without showing it (showing builds every page)."""
    window.resize(1100, 760)
    for widget in [window, *window.findChildren(QWidget)]:
        layout = widget.layout()
        if layout is not None:
            layout.activate()
    QApplication.processEvents()


# The portfolio -------------------------------------------------------------------------------


def test_the_portfolio_lists_every_license_most_urgent_first(
    demo: tuple[MainWindow, OverviewPage],
) -> None:
    window, page = demo
    assert window.dashboard is not None
    assert mode(page) is OverviewMode.PORTFOLIO
    model = page.portfolio.model
    ids = [model.index(row, 0).data(LICENSE_ID_ROLE) for row in range(model.rowCount())]
    assert ids == [s.license_id for s in window.dashboard.status.licenses]
    assert ids == ["DEMO-ASSET-PROD", "DEMO-PORTAL-PROD", "DEMO-PORTAL-TEST"]  # lapsed, due, ok
    rows = [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]
    production = window.dashboard.status.standing("DEMO-PORTAL-PROD")
    assert production is not None
    assert rows[1] == [
        "DEMO-PORTAL-PROD",
        "Self-Service Portal",
        "production",
        "Renewal due",
        date_text(production.sm.end),
        "45 days left",
        "10",
        "Demo key",
    ]
    assert rows[0][PortfolioModel.DAYS] == "ended 75 days ago"
    assert rows[0][PortfolioModel.TICKETS] == "4 (not usable now)"  # lapsed: no covered day
    assert page.portfolio.heading.text() == "2 licenses need attention"
    assert page.portfolio.summary.text().startswith("3 licenses, most urgent first.")
    assert not page.console_banners.isVisibleTo(page)  # the demo has no console warning


def test_the_state_column_is_a_badge_in_its_tone(demo: tuple[MainWindow, OverviewPage]) -> None:
    from ui.pages.overview.widgets import STATE_TONES

    window, page = demo
    assert window.dashboard is not None
    model = page.portfolio.model
    for row, standing in enumerate(window.dashboard.status.licenses):
        index = model.index(row, PortfolioModel.STATE)
        background, text = tone_colors(QGuiApplication.palette(), STATE_TONES[standing.sm.state])
        assert index.data(Qt.ItemDataRole.BackgroundRole) == background
        assert index.data(Qt.ItemDataRole.ForegroundRole) == text


def test_the_model_follows_the_qt_contract(
    demo: tuple[MainWindow, OverviewPage], qtmodeltester: Any
) -> None:
    _window, page = demo
    qtmodeltester.check(page.portfolio.model, force_py=True)


def test_a_click_on_a_license_opens_its_detail_and_sets_the_selector(
    demo: tuple[MainWindow, OverviewPage], qtbot: QtBot
) -> None:
    window, page = demo
    laid_out(window)
    table = page.portfolio.table
    rect = table.visualRect(page.portfolio.model.index(1, PortfolioModel.PRODUCT))
    assert rect.isValid()
    QTest.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center()
    )
    assert window.selected_license == "DEMO-PORTAL-PROD"
    assert window.license_selector.currentData() == "DEMO-PORTAL-PROD"
    assert mode(page) is OverviewMode.DETAIL
    shown = page.views.currentWidget()
    assert shown is not None and shown.isAncestorOf(page.detail)
    assert page.detail.fields["license_id"].text() == "DEMO-PORTAL-PROD"


def test_enter_opens_the_current_license_and_back_returns_to_it(
    demo: tuple[MainWindow, OverviewPage], qtbot: QtBot
) -> None:
    window, page = demo
    table = page.portfolio.table
    table.setCurrentIndex(page.portfolio.model.index(2, 0))
    QTest.keyClick(table, Qt.Key.Key_Return)
    assert window.selected_license == "DEMO-PORTAL-TEST"
    assert mode(page) is OverviewMode.DETAIL
    page.detail.back.click()
    assert selected(window) is None
    assert window.license_selector.currentData() is None
    assert mode(page) is OverviewMode.PORTFOLIO
    assert table.currentIndex().row() == 2  # where the admin was


def test_the_detail_follows_the_window_selector(demo: tuple[MainWindow, OverviewPage]) -> None:
    window, page = demo
    window.select_license("DEMO-ASSET-PROD")
    assert mode(page) is OverviewMode.DETAIL
    assert page.detail.fields["license_id"].text() == "DEMO-ASSET-PROD"
    window.select_license("DEMO-PORTAL-TEST")
    assert page.detail.fields["license_id"].text() == "DEMO-PORTAL-TEST"
    window.select_license(None)
    assert mode(page) is OverviewMode.PORTFOLIO


def test_the_detail_shows_the_license_card_and_copies_its_id(
    demo: tuple[MainWindow, OverviewPage],
) -> None:
    window, page = demo
    window.select_license("DEMO-PORTAL-TEST")
    fields = {key: label.text() for key, label in page.detail.fields.items()}
    assert fields == {
        "license_id": "DEMO-PORTAL-TEST",
        "customer": "Contoso Ltd (demo)",
        "product": "Self-Service Portal (PORTAL)",
        "environment": "test",
        "type": "Perpetual",
        "seats": "50 users, 0 devices",
        "revision": "1",
        "trust": "the demo key (demo mode)",
    }
    page.detail.copy.click()
    assert QGuiApplication.clipboard().text() == "DEMO-PORTAL-TEST"
    assert "DEMO-PORTAL-TEST" in page.detail.copied.text()


def test_an_active_perpetual_license_states_its_right_and_countdown(
    demo: tuple[MainWindow, OverviewPage],
) -> None:
    window, page = demo
    window.select_license("DEMO-PORTAL-TEST")
    standing = window.dashboard.standing("DEMO-PORTAL-TEST")  # type: ignore[union-attr]
    assert standing is not None and standing.sm.state == "active"
    end = date_text(standing.sm.end)
    assert page.detail.badge.text() == "Active"
    assert page.detail.countdown.text().endswith(": 200 days left")
    assert f"every version released before {end}" in page.detail.rights.text()
    assert not page.detail.renewal.isVisibleTo(page.detail)  # nothing to renew yet


def test_renewal_due_shows_the_banner_once_with_request_renewal(
    demo: tuple[MainWindow, OverviewPage],
) -> None:
    window, page = demo
    window.select_license("DEMO-PORTAL-PROD")
    banner = page.detail.renewal
    assert banner.isVisibleTo(page.detail)
    assert "in 45 days" in banner.text.text()
    assert [b.text() for b in banner.buttons] == ["Request &renewal…"]
    # Listed once: the banner's warning is not repeated under Warnings.
    assert banner.text.text() not in page.detail.warning_lines()
    assert page.detail.warning_lines() == ["Nothing else needs attention."]


def test_request_renewal_opens_requests_on_that_license(
    demo: tuple[MainWindow, OverviewPage],
) -> None:
    window, page = demo
    window.select_license("DEMO-ASSET-PROD")
    page.detail.renewal.buttons[0].click()
    requests = window.page(PageName.REQUESTS)
    assert window.stack.currentWidget() is requests
    assert window.selected_license == "DEMO-ASSET-PROD"
    assert requests.tabs.currentIndex() == 0  # type: ignore[attr-defined]  # the renewal


def test_gauges_balance_and_ineligible_in_words(demo: tuple[MainWindow, OverviewPage]) -> None:
    from PySide6.QtWidgets import QProgressBar

    window, page = demo
    window.select_license("DEMO-PORTAL-PROD")
    QApplication.processEvents()  # the previous license's gauges go
    bars = sorted(
        (b for b in page.detail.findChildren(QProgressBar) if b.isVisibleTo(page.detail)),
        key=lambda b: b.objectName(),
    )
    assert [b.format() for b in bars] == ["2 of 6 left", "0 of 4 left", "8 of 8 left"]
    assert page.detail.balance.text() == (
        "10 tickets left in all: 2 in this period, 8 in support packs."
    )
    notes = page.detail.ticket_notes.text()
    assert "2 product bugs this period: never deducted." in notes
    assert "1 ticket was opened on a day Support & Maintenance did not cover." in notes
    assert "Ineligible means recorded but not charged" in notes


def test_the_low_ticket_reminder_offers_request_packs_once(
    demo: tuple[MainWindow, OverviewPage], qtbot: QtBot
) -> None:
    window, page = demo
    window.settings.low_ticket_threshold = 4  # the test portal has 4 tickets left
    with qtbot.waitSignal(window.refreshed, timeout=30_000):
        window.refresh()
    window.select_license("DEMO-PORTAL-TEST")
    banner = page.detail.tickets_banner
    assert banner.isVisibleTo(page.detail)
    assert banner.text.text() == (
        "Only 4 tickets left for DEMO-PORTAL-TEST (your low-ticket threshold)."
    )
    assert [b.text() for b in banner.buttons] == ["Request &packs…"]
    assert banner.text.text() not in page.detail.warning_lines()


def test_a_lapsed_license_says_its_tickets_wait_for_a_renewal(
    demo: tuple[MainWindow, OverviewPage],
) -> None:
    window, page = demo
    window.select_license("DEMO-ASSET-PROD")
    assert page.detail.balance.text() == "4 tickets left in all, in support packs."
    assert "renew to use them" in page.detail.ticket_notes.text()
    assert "ended 75 days ago" in page.detail.countdown.text()
    assert "reinstatement fee" in page.detail.renewal.text.text()


# Our own documents: plural forms, no tickets left, the console's warnings --------------------


def test_one_license_needing_attention_is_said_in_the_singular(
    vendor_is_trusted: Vendor, qtbot: QtBot, tmp_path: Path
) -> None:
    store(
        (
            "due",
            signed(
                vendor_is_trusted,
                DocumentType.LICENSE,
                license_claims("LIC-DUE", TODAY + timedelta(days=1)),
            ),
        ),
        (
            "ok",
            signed(
                vendor_is_trusted,
                DocumentType.LICENSE,
                license_claims("LIC-OK", TODAY + timedelta(days=300)),
            ),
        ),
    )
    window, page = overview_window(qtbot, tmp_path, opener())
    assert page.portfolio.heading.text() == "1 license needs attention"
    assert page.portfolio.model.index(0, PortfolioModel.DAYS).data() == "1 day left"
    assert page.portfolio.model.index(0, PortfolioModel.TRUST).data() == "Vendor"
    window.select_license("LIC-OK")
    assert page.detail.fields["seats"].text() == "1 user, 3 devices"
    window.operations.wait()


def test_no_tickets_left_offers_request_packs_once(
    vendor_is_trusted: Vendor, qtbot: QtBot, tmp_path: Path
) -> None:
    claims = license_claims("LIC-1", TODAY + timedelta(days=200), tickets_per_year=1)
    statement = {
        "license_id": "LIC-1",
        "issued_at": f"{TODAY.isoformat()}T08:00:00Z",
        "tickets": [
            {
                "case_id": "C-1",
                "opened_on": (TODAY - timedelta(days=3)).isoformat(),
                "kind": "incident",
                "classification": "customer",
            }
        ],
    }
    store(
        ("license", signed(vendor_is_trusted, DocumentType.LICENSE, claims)),
        ("statement", signed(vendor_is_trusted, DocumentType.TICKET_STATEMENT, statement)),
    )
    window, page = overview_window(qtbot, tmp_path, opener())
    window.select_license("LIC-1")
    banner = page.detail.tickets_banner
    assert banner.isVisibleTo(page.detail)
    assert banner.text.text().startswith("No support tickets are left.")
    assert [b.text() for b in banner.buttons] == ["Request &packs…"]
    assert not any(line.startswith("No support tickets") for line in page.detail.warning_lines())
    banner.buttons[0].click()
    requests = window.page(PageName.REQUESTS)
    assert window.stack.currentWidget() is requests
    assert requests.tabs.currentIndex() == 1  # type: ignore[attr-defined]  # the packs
    assert window.selected_license == "LIC-1"
    window.operations.wait()


def test_a_subscription_states_when_its_right_to_use_ends(
    vendor_is_trusted: Vendor, qtbot: QtBot, tmp_path: Path
) -> None:
    end = TODAY + timedelta(days=100)
    store(
        (
            "l",
            signed(
                vendor_is_trusted,
                DocumentType.LICENSE,
                license_claims("SUB", end, license_type="subscription"),
            ),
        )
    )
    window, page = overview_window(qtbot, tmp_path, opener())
    window.select_license("SUB")
    assert page.detail.rights.text() == (
        f"Subscription: the right to use the product ends on {date_text(end)} unless it is renewed."
    )
    window.operations.wait()


def test_a_clock_set_back_is_a_banner_acknowledged_after_a_confirmation(
    vendor_is_trusted: Vendor, qtbot: QtBot, tmp_path: Path
) -> None:
    later = TODAY + timedelta(days=10)
    store(
        (
            "l",
            signed(
                vendor_is_trusted,
                DocumentType.LICENSE,
                license_claims("LIC-1", TODAY + timedelta(days=300)),
            ),
        ),
        today=later,
    )
    window, page = overview_window(qtbot, tmp_path, opener(TODAY))
    banner = page.banners[WarningCode.CLOCK_ROLLBACK]
    assert banner.isVisibleTo(page)
    assert "system date" in banner.text.text()
    assert page.portfolio.model.rowCount() == 1  # the license still counts (R15)
    button = banner.buttons[0]
    assert button.text() == "&Acknowledge…"
    button.click()
    box = page.findChild(QMessageBox, "acknowledge-clock")
    assert box is not None and box.isVisible()
    assert date_text(later) in box.text()
    confirm = box.findChild(QPushButton, "acknowledge-confirm")
    assert confirm is not None
    with qtbot.waitSignal(window.refreshed, timeout=30_000):
        confirm.click()
    assert WarningCode.CLOCK_ROLLBACK not in page.banners
    note = page.banners[WarningCode.CLOCK_ACKNOWLEDGED]
    assert "acknowledged on" in note.text.text()
    window.operations.wait()


def test_a_document_that_no_longer_verifies_is_a_console_banner(
    vendor_is_trusted: Vendor, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store(
        (
            "l",
            signed(
                vendor_is_trusted,
                DocumentType.LICENSE,
                license_claims("LIC-1", TODAY + timedelta(days=300)),
            ),
        )
    )
    stranger = Vendor.create(tmp_path / "other")
    monkeypatch.setattr("app.trust.vendor_trust_file", lambda: stranger.trust_file)
    window, page = overview_window(qtbot, tmp_path, opener())
    assert mode(page) is OverviewMode.PORTFOLIO  # something is stored: not the welcome
    assert page.portfolio.model.rowCount() == 0
    assert page.portfolio.empty_note.isVisibleTo(page)
    untrusted = page.banners[WarningCode.UNTRUSTED_DOCUMENT]
    assert "LIC-1" in untrusted.text.text()
    assert [b.text() for b in untrusted.buttons] == ["Show &documents"]
    none_valid = page.banners[WarningCode.NO_VALID_LICENSE]
    text = none_valid.text.text()
    assert text.startswith("No stored license verifies")
    assert "no valid license" not in text.lower() and "import FILE" not in text
    assert not window.add_ticket_action.isEnabled()
    window.operations.wait()


# The welcome -------------------------------------------------------------------------------


@pytest.fixture
def empty(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[MainWindow, OverviewPage]]:
    window, page = overview_window(qtbot, tmp_path, opener())
    yield window, page
    window.operations.wait()


def test_an_empty_console_shows_the_welcome(empty: tuple[MainWindow, OverviewPage]) -> None:
    window, page = empty
    assert window.dashboard is not None and window.dashboard.empty
    assert mode(page) is OverviewMode.WELCOME
    welcome = page.welcome
    assert welcome.import_button.text() == "&Import license key…"
    assert welcome.where_keys.text() == (
        "The vendor e-mails license keys; ask renewals@cireson.com if you have none."
    )
    assert welcome.demo_button.isVisibleTo(welcome)
    # Nothing says "no valid license" twice, or in command-line syntax.
    assert not page.console_banners.isVisibleTo(page)
    texts = " ".join(label.text() for label in page.findChildren(type(welcome.about)))
    assert "no valid license" not in texts.lower() and "import FILE" not in texts
    assert not window.add_ticket_action.isEnabled()


def test_the_welcome_import_button_opens_the_import(
    empty: tuple[MainWindow, OverviewPage], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, page = empty
    asked: list[bool] = []
    monkeypatch.setattr(window, "import_documents", lambda: asked.append(True))
    page.welcome.import_button.click()
    assert asked == [True]


def test_files_dropped_on_the_welcome_are_imported(
    vendor_is_trusted: Vendor, empty: tuple[MainWindow, OverviewPage], qtbot: QtBot, tmp_path: Path
) -> None:
    window, page = empty
    key_file = tmp_path / "LIC-1.lic"
    key_file.write_bytes(
        signed(
            vendor_is_trusted,
            DocumentType.LICENSE,
            license_claims("LIC-1", TODAY + timedelta(days=300)),
        )
    )
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(key_file))])
    zone = page.welcome.drop_zone
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.refreshed, timeout=30_000):
        zone.dropEvent(drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: mode(page) is OverviewMode.PORTFOLIO, timeout=30_000)
    assert page.portfolio.model.license_ids() == ["LIC-1"]
    assert window.add_ticket_action.isEnabled()


def test_try_the_demo_reopens_the_window_on_the_demo(
    empty: tuple[MainWindow, OverviewPage], qtbot: QtBot
) -> None:
    window, page = empty
    with qtbot.waitSignal(window.refreshed, timeout=30_000):
        page.welcome.demo_button.click()
    assert window.console is not None and window.console.demo
    assert mode(page) is OverviewMode.PORTFOLIO
    assert page.portfolio.model.rowCount() == 3
    assert "(demo mode)" in window.where.text()
    assert window.add_ticket_action.isEnabled()


def test_the_countdown_reads_ends_today_on_the_expiry_date() -> None:
    from licensing.rules import SmState, SmStatus
    from ui.wording import countdown_text

    def on(days: int) -> str:
        end = TODAY + timedelta(days=days)
        state = SmState.RENEWAL_DUE if days > 0 else SmState.EXPIRED
        start = TODAY - timedelta(days=300)
        sm = SmStatus(
            start=start, end=end, state=state, days_to_expiry=days, reinstatement_fee_applies=False
        )
        return countdown_text(sm)

    assert [on(2), on(1), on(0), on(-1), on(-3)] == [
        "2 days left",
        "1 day left",
        "ends today",
        "ended 1 day ago",
        "ended 3 days ago",
    ]
