"""The Upgrades page: the catalog's versions permitted or not (R4), the manual check, the hints."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from licensing.claims import DocumentType
from licensing.documents import sign_document
from licensing.rules import add_years
from tests.ui.conftest import DEMO_TODAY, wait_for_refresh
from tests.ui.test_license_page import DEMO_SM_END, demo_secret, revision_4_token
from ui.main_window import MainWindow
from ui.pages.upgrades import RELEASE_COLUMNS, UpgradesPage

DEMO_VERSIONS = ["10.0.0", "10.1.0", "10.1.2", "10.2.0", "11.0.0", "11.0.3", "11.1.0"]


def upgrades_page(window: MainWindow) -> UpgradesPage:
    page = window.pages["upgrades"]
    assert isinstance(page, UpgradesPage)
    return page


def release_rows(page: UpgradesPage) -> dict[str, dict[str, str]]:
    return {
        row[0]: dict(zip(RELEASE_COLUMNS, row, strict=True)) for row in page.releases_model.rows
    }


def catalog_file(tmp_path: Path, releases: list[tuple[str, str]], product: str = "PORTAL") -> Path:
    claims: dict[str, Any] = {
        "product_code": product,
        "issued_at": f"{DEMO_TODAY.isoformat()}T12:00:00Z",
        "releases": [
            {"version": version, "released_on": day, "kind": "minor"} for version, day in releases
        ],
    }
    path = tmp_path / f"catalog-{product.lower()}.paseto"
    path.write_text(sign_document(DocumentType.RELEASE_CATALOG, claims, demo_secret()))
    return path


def test_the_demo_catalog_lists_seven_permitted_versions(window: MainWindow) -> None:
    page = upgrades_page(window)
    rows = release_rows(page)
    assert list(rows) == DEMO_VERSIONS
    assert all(row["permitted"] == "Permitted" for row in rows.values())
    assert all(DEMO_SM_END.isoformat() in row["why"] for row in rows.values())
    assert all(row["unlock"] == "" for row in rows.values())
    assert "11.1.0" in page.latest.text()
    assert page.hints.isHidden()
    assert page.renew_button.isHidden()
    assert page.date_edit.date() == QDate(DEMO_TODAY.year, DEMO_TODAY.month, DEMO_TODAY.day)


def test_a_manual_check_after_sm_end_is_refused_with_a_renewal_hint(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = upgrades_page(window)
    released = DEMO_SM_END + timedelta(days=10)
    qtbot.keyClicks(page.version_edit, "12.0")
    page.date_edit.setDate(QDate(released.year, released.month, released.day))
    with qtbot.waitSignal(page.checked, timeout=10_000) as blocker:
        qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)

    decision = blocker.args[0].decision
    assert not decision.permitted and decision.renewal_years_needed == 1
    text = page.check_result.text()
    assert f"12.0, released {released.isoformat()}: not permitted." in text
    assert f"S&M expiry date {DEMO_SM_END.isoformat()}" in text
    renewed_to = add_years(DEMO_SM_END, 1).isoformat()
    assert f"Renew for 1 year(s) (to {renewed_to}) to unlock 12.0" in text
    assert page.check_result.accessibleName() == text


def test_a_manual_check_before_sm_end_is_permitted(window: MainWindow, qtbot: QtBot) -> None:
    page = upgrades_page(window)
    page.version_edit.setText("11.2")
    released = DEMO_SM_END - timedelta(days=1)
    page.date_edit.setDate(QDate(released.year, released.month, released.day))
    with qtbot.waitSignal(page.checked, timeout=10_000):
        page.version_edit.returnPressed.emit()  # Enter in the version field checks too
    assert ": permitted." in page.check_result.text()
    assert "Renew" not in page.check_result.text()


def test_a_bad_version_number_is_explained_and_not_checked(window: MainWindow) -> None:
    page = upgrades_page(window)
    page.version_edit.setText("twelve")
    page.check_version()
    assert "'twelve' is not a version number" in page.check_result.text()


def test_a_catalog_with_a_release_after_sm_end_shows_it_locked_with_the_hint(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    after = DEMO_SM_END + timedelta(days=30)
    much_later = add_years(DEMO_SM_END, 1) + timedelta(days=10)
    path = catalog_file(
        tmp_path,
        [
            ("11.2.0", (DEMO_TODAY - timedelta(days=1)).isoformat()),
            ("12.0.0", after.isoformat()),
            ("13.0.0", much_later.isoformat()),
        ],
    )
    page = upgrades_page(window)
    page.import_catalog(path)
    wait_for_refresh(qtbot, window)

    assert "release catalog for PORTAL imported, 3 release(s)" in page.catalog_result.text()
    rows = release_rows(page)
    assert list(rows) == [*DEMO_VERSIONS, "11.2.0", "12.0.0", "13.0.0"]
    assert rows["11.2.0"]["permitted"] == "Permitted"
    assert rows["12.0.0"]["permitted"] == "Not permitted"
    assert "Renew to unlock" in rows["12.0.0"]["why"]
    one_year = add_years(DEMO_SM_END, 1).isoformat()
    two_years = add_years(DEMO_SM_END, 2).isoformat()
    assert rows["12.0.0"]["unlock"] == f"Renew for 1 year(s) (to {one_year}) to unlock 12.0.0"
    assert rows["13.0.0"]["unlock"] == f"Renew for 2 year(s) (to {two_years}) to unlock 13.0.0"
    assert "11.2.0" in page.latest.text()
    hints = page.hints.text()
    assert f"Renew for 1 year(s) (to {one_year}) to unlock 12.0.0" in hints
    assert f"Renew for 2 year(s) (to {two_years}) to unlock 13.0.0" in hints
    assert page.hints.isVisibleTo(page) and page.renew_button.isVisibleTo(page)

    page.renew_button.click()
    assert window.stack.currentWidget() is window.pages["requests"]


def test_the_renewal_unlocks_the_release(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    """SPEC section 6: a release after sm_end is permitted once the renewal is imported."""
    after = DEMO_SM_END + timedelta(days=30)
    page = upgrades_page(window)
    page.import_catalog(catalog_file(tmp_path, [("12.0.0", after.isoformat())]))
    wait_for_refresh(qtbot, window)
    assert release_rows(page)["12.0.0"]["permitted"] == "Not permitted"

    renewal = tmp_path / "license-r4.paseto"
    renewal.write_text(revision_4_token())
    window.pages["license"].import_paths([renewal])  # type: ignore[attr-defined]
    wait_for_refresh(qtbot, window)
    assert release_rows(page)["12.0.0"]["permitted"] == "Permitted"
    assert "12.0.0" in page.latest.text()
    assert page.hints.isHidden()


def test_a_license_offered_as_catalog_is_refused_in_words(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "license-r4.paseto"
    path.write_text(revision_4_token())
    page = upgrades_page(window)
    page.import_catalog(path)
    wait_for_refresh(qtbot, window)

    text = page.catalog_result.text()
    assert "This is a different kind of document than expected." in text
    assert "expected a release-catalog document" in text
    assert window.dashboard is not None and window.dashboard.status.license is not None
    assert window.dashboard.status.license.claims.revision == 3
    assert list(release_rows(page)) == DEMO_VERSIONS


def test_a_catalog_for_another_product_is_flagged(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = catalog_file(tmp_path, [("1.0.0", "2025-01-01")], product="OTHER")
    page = upgrades_page(window)
    page.import_catalog(path)
    wait_for_refresh(qtbot, window)

    assert "It is for product OTHER; the license covers PORTAL" in page.catalog_result.text()
    assert list(release_rows(page)) == DEMO_VERSIONS


def test_catalog_import_opens_a_non_blocking_dialog(window: MainWindow, qtbot: QtBot) -> None:
    page = upgrades_page(window)
    page.import_button.click()
    dialog = page.file_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    qtbot.waitUntil(lambda: page.file_dialog is None)


def test_the_releases_model_follows_the_qt_contract(window: MainWindow, qtmodeltester: Any) -> None:
    qtmodeltester.check(upgrades_page(window).releases_model)
