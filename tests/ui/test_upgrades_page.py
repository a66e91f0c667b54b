"""The Upgrades page: the catalog's verdicts for the license the pages follow (a chooser with
"All"), the renewal that unlocks the rest, and a manual check that agrees with the catalog."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.console import Console
from app.importing import import_documents
from app.paths import sqlite_url
from app.secrets import SecretStore
from app.settings import Settings
from app.storage.database import Database
from licensing.claims import DocumentType
from licensing.policy import load_policy
from licensing.upgrades import upgrade_decision
from tests import factories
from tests.factories import Vendor
from ui.main_window import MainWindow
from ui.pages.base import PageName
from ui.pages.upgrades import ManualCheck, UpgradesPage
from ui.wording import date_text, unlock_text, upgrade_text

TODAY = date(2025, 3, 1)


ASSETS = factories.license_claims(
    license_id="LIC-2",
    product={"code": "ASSET", "name": "Asset Management", "category": "asset"},
    sm_end="2026-01-01",
)
CATALOG = factories.catalog_claims(issued_at="2025-02-01T00:00:00Z")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, vendor: Vendor) -> Iterator[MainWindow]:
    """Two licenses (LIC-1 on the portal, whose catalog is stored; LIC-2 on asset management)."""
    database = Database(sqlite_url(tmp_path / "ledger.sqlite3"))
    console = Console(database, vendor.trust(), load_policy(), TODAY)
    signed = [
        ("license", vendor.token(DocumentType.LICENSE, factories.license_claims())),
        ("assets", vendor.token(DocumentType.LICENSE, ASSETS)),
        ("catalog", vendor.token(DocumentType.RELEASE_CATALOG, CATALOG)),
    ]
    assert import_documents(console, [(n, t.encode()) for n, t in signed]).succeeded
    main = MainWindow(
        lambda: console, Settings(), SecretStore(), tmp_path / "w.ini", today=lambda: TODAY
    )
    qtbot.addWidget(main)
    main.show_page(PageName.UPGRADES)  # built alone: the other pages are not needed here
    with qtbot.waitSignal(main.refreshed, timeout=10_000):
        main.console = console
        main.refresh()
    yield main
    main.operations.wait()
    main.close()


def upgrades_page(window: MainWindow) -> UpgradesPage:
    page = window.page(PageName.UPGRADES)
    assert isinstance(page, UpgradesPage)
    return page


def check(qtbot: QtBot, page: UpgradesPage) -> ManualCheck:
    with qtbot.waitSignal(page.checked, timeout=10_000) as signal:
        page.check_button.click()
    result = signal.args[0] if signal.args else None
    assert isinstance(result, ManualCheck)
    return result


def test_the_catalog_shows_each_verdict_and_the_renewal_that_unlocks_the_rest(
    window: MainWindow,
) -> None:
    window.select_license("LIC-1")
    page = upgrades_page(window)
    assert not page.chooser.isVisibleTo(page)  # following the selected license
    license = factories.license()
    rows = page.releases_model.rows
    assert [(r[0], r[2]) for r in rows] == [
        ("10.2.0", "Permitted"),
        ("10.2.1", "Permitted"),
        ("11.0.0", "Not permitted"),
    ]
    blocked = upgrade_decision(license, date(2025, 5, 20), TODAY)
    assert rows[2][1] == date_text(date(2025, 5, 20))
    assert rows[2][3] == upgrade_text(blocked)
    assert page.latest.text() == "Latest version LIC-1 may install: 10.2.1"
    assert page.hints.text() == "• " + unlock_text(1, date(2026, 4, 1), ("11.0.0",))
    assert page.renew_button.isVisibleTo(page)


def test_a_version_in_the_catalog_is_checked_with_the_catalogs_date(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.select_license("LIC-1")
    page = upgrades_page(window)
    page.date_edit.set_date(date(2024, 1, 1))  # a date that would be permitted
    page.version_edit.setText("11")  # 11 is 11.0.0, which the catalog lists
    assert page.date_edit.isReadOnly()
    assert page.date_edit.text() == "2025-05-20"
    assert page.date_note.isVisibleTo(page)

    result = check(qtbot, page)
    assert result.from_catalog and result.released_on == date(2025, 5, 20)
    assert not result.decision.permitted  # as the catalog's row says
    table_row = next(r for r in page.releases_model.rows if r[0] == "11.0.0")
    assert table_row[2] == "Not permitted" and table_row[3] == upgrade_text(result.decision)
    text = page.check_result.text()
    assert "not permitted for LIC-1" in text
    assert "the one in the vendor's release catalog" in text

    # A version the catalog does not list: the date typed counts.
    page.version_edit.setText("12.0")
    assert not page.date_edit.isReadOnly() and not page.date_note.isVisibleTo(page)
    page.date_edit.set_date(date(2025, 1, 10))
    result = check(qtbot, page)
    assert not result.from_catalog and result.decision.permitted
    assert "vendor's release catalog" not in page.check_result.text()


def test_a_date_typed_over_a_selected_date_replaces_it(qtbot: QtBot, window: MainWindow) -> None:
    window.select_license("LIC-1")
    page = upgrades_page(window)
    page.version_edit.setText("12.0")
    page.date_edit.set_date(date(2026, 3, 2))
    page.date_edit.setFocus()
    page.date_edit.selectAll()
    qtbot.keyClicks(page.date_edit, "2027-05-12")
    assert page.date_edit.date() == date(2027, 5, 12)

    result = check(qtbot, page)
    assert result.released_on == date(2027, 5, 12)
    expected = upgrade_decision(factories.license(), date(2027, 5, 12), TODAY)
    assert result.decision == expected
    assert expected.renewed_sm_end == date(2028, 4, 1)
    assert upgrade_text(expected) in page.check_result.text()


def test_a_bad_version_or_date_is_refused_in_words(qtbot: QtBot, window: MainWindow) -> None:
    page = upgrades_page(window)
    page.version_edit.setText("not a version")
    page.check_button.click()
    assert page.check_result.text() == (
        "“not a version” is not a version number (e.g. 12.0 or 11.1.2)."
    )
    page.version_edit.setText("12.0")
    page.date_edit.selectAll()
    qtbot.keyClicks(page.date_edit, "2027-13-45")
    assert page.date_edit.date() is None
    page.check_button.click()
    assert page.check_result.text() == "Type the release date as YYYY-MM-DD (e.g. 2025-05-20)."
    page.date_edit.selectAll()
    qtbot.keyClicks(page.date_edit, "next May")  # letters cannot even be typed
    assert page.date_edit.text() == "2027-13-45"


def test_with_all_licenses_a_chooser_picks_the_license(qtbot: QtBot, window: MainWindow) -> None:
    page = upgrades_page(window)
    assert window.selected_license is None
    assert page.chooser.isVisibleTo(page) and page.chooser.count() == 2
    page.chooser.setCurrentIndex(page.chooser.findData("LIC-2"))
    assert page.license_id == "LIC-2"
    assert page.releases_model.rows == []
    assert "No release catalog for ASSET" in page.latest.text()

    # The manual check answers for the license chosen (LIC-2's S&M ends on 2026-01-01).
    page.version_edit.setText("3.0")
    page.date_edit.set_date(date(2025, 6, 1))
    result = check(qtbot, page)
    assert result.license_id == "LIC-2" and result.decision.permitted

    window.select_license("LIC-1")
    assert not page.chooser.isVisibleTo(page)
    assert page.license_id == "LIC-1"
    assert len(page.releases_model.rows) == 3
    assert not page.check_result.isVisibleTo(page)  # the answer about LIC-2 is gone


def test_request_renewal_follows_the_license_to_the_requests_page(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = upgrades_page(window)
    page.chooser.setCurrentIndex(page.chooser.findData("LIC-1"))
    shown: list[PageName] = []
    monkeypatch.setattr(window, "show_page", shown.append)
    page.renew_button.click()
    assert window.selected_license == "LIC-1"
    assert shown == [PageName.REQUESTS]


def test_request_renewal_opens_the_renewal_form_even_from_the_packs_form(
    window: MainWindow,
) -> None:
    from app.requests.model import RequestKind
    from ui.pages.requests import RequestsPage

    requests = window.page(PageName.REQUESTS)
    assert isinstance(requests, RequestsPage)
    requests.begin_request(RequestKind.PACKS)  # left on the packs form earlier
    window.show_page(PageName.UPGRADES)
    page = upgrades_page(window)
    page.chooser.setCurrentIndex(page.chooser.findData("LIC-1"))
    page.renew_button.click()
    assert window.stack.currentWidget() is requests
    assert window.selected_license == "LIC-1"
    assert requests.tabs.currentWidget() is requests.renewal
