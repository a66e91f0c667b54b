"""The Licenses page: import by file, paste and drop, with a summary of what was imported or why
nothing was; the signer's trust flow; the documents of each license (revisions, and the stored
documents that do not count now)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from app.console import Console
from app.dashboard import load_dashboard
from app.paths import app_paths, sqlite_url
from app.secrets import SecretStore
from app.settings import Settings
from app.storage.database import Database
from app.storage.schema import documents
from app.trust import console_keys, demo_key_id
from licensing import paserk
from licensing.claims import DocumentType
from licensing.policy import load_policy
from licensing.trust import TrustSource, TrustStore
from resources import resource_path
from tests import factories
from tests.factories import Vendor
from ui.main_window import MainWindow
from ui.pages.base import PageName
from ui.pages.license import LicensePage
from ui.wording import date_text, document_error_text, state_text, tickets_text

TODAY = date(2025, 3, 1)


def license_claims(**overrides: Any) -> dict[str, Any]:
    """The factories' license in production (the summary names the environment)."""
    return factories.license_claims(**{"environment": "production", **overrides})


PACK = factories.pack_claims()
STATEMENT = factories.statement_claims(
    [
        factories.statement_ticket("CS-1", "2024-05-02"),
        factories.statement_ticket("CS-2", "2024-06-11", "product_bug"),
    ],
    issued_at="2025-02-01T08:00:00Z",
)
CATALOG = factories.catalog_claims(issued_at="2025-02-01T00:00:00Z")


@pytest.fixture
def stranger(tmp_path: Path) -> Vendor:
    """A signer the console does not trust."""
    return Vendor.create(tmp_path / "stranger")


def open_window(qtbot: QtBot, tmp_path: Path, console: Console) -> MainWindow:
    """A main window over `console`, not shown (the other pages are not built), with its first
    dashboard loaded."""
    window = MainWindow(
        lambda: console,
        Settings(),
        SecretStore(),
        tmp_path / "window.ini",
        today=lambda: console.today,
    )
    qtbot.addWidget(window)
    # Shown first, the page is built alone: the other pages are not needed here.
    window.show_page(PageName.LICENSE)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.console = console
        window.refresh()
    return window


def make_console(tmp_path: Path, trust: TrustStore, **options: Any) -> Console:
    database = Database(sqlite_url(tmp_path / "ledger.sqlite3"))
    return Console(database, trust, load_policy(), TODAY, **options)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, vendor: Vendor) -> Iterator[MainWindow]:
    main = open_window(qtbot, tmp_path, make_console(tmp_path, vendor.trust()))
    yield main
    main.operations.wait()
    main.close()


def license_page(window: MainWindow) -> LicensePage:
    page = window.page(PageName.LICENSE)
    assert isinstance(page, LicensePage)
    return page


def imported(qtbot: QtBot, window: MainWindow, *paths: Path) -> LicensePage:
    """Imports through the page and waits for the refresh that follows."""
    page = license_page(window)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        page.import_paths(list(paths))
    return page


def tampered(token: str) -> str:
    """The token with one character of its signature changed."""
    header, purpose, payload, footer = token.split(".")
    index = len(payload) - 20  # inside the 64-byte signature, away from padding bits
    flipped = "A" if payload[index] != "A" else "B"
    return ".".join((header, purpose, payload[:index] + flipped + payload[index + 1 :], footer))


# Success ------------------------------------------------------------------------------------


def test_an_imported_license_is_summarized_with_its_state_and_leads_to_the_overview(
    qtbot: QtBot, window: MainWindow, vendor: Vendor, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = vendor.write(DocumentType.LICENSE, license_claims(), "license.paseto")
    page = imported(qtbot, window, path)

    assert page.result_title.text() == "Imported"
    text = page.result_text.text()
    assert "LIC-1" in text and "Fabrikam Inc" in text
    assert "Self-Service Portal (production)" in text
    assert date_text(date(2025, 4, 1)) in text
    # The state is the dashboard's (31 days before the S&M end: renewal due).
    assert window.dashboard is not None
    standing = window.dashboard.standing("LIC-1")
    assert standing is not None
    assert f"State: {state_text(standing.sm.state)}." in text
    assert state_text(standing.sm.state) == "Renewal due"
    assert not page.trust_button.isVisibleTo(page)

    shown: list[PageName] = []
    monkeypatch.setattr(window, "show_page", shown.append)
    assert page.show_overview_button.isVisibleTo(page)
    page.show_overview_button.click()
    assert window.selected_license == "LIC-1"
    assert shown == [PageName.OVERVIEW]


def test_packs_statements_and_catalogs_are_summarized_by_what_they_hold(
    qtbot: QtBot, window: MainWindow, vendor: Vendor
) -> None:
    page = imported(
        qtbot,
        window,
        vendor.write(DocumentType.LICENSE, license_claims(), "license.paseto"),
        vendor.write(DocumentType.SUPPORT_PACK, PACK, "pack.paseto"),
        vendor.write(DocumentType.TICKET_STATEMENT, STATEMENT, "statement.paseto"),
        vendor.write(DocumentType.RELEASE_CATALOG, CATALOG, "catalog.paseto"),
    )
    lines = page.result_text.text().splitlines()
    assert page.result_title.text() == "Imported"
    assert lines[1] == (
        f"pack.paseto: Support pack P1 for license LIC-1: {tickets_text(4)}, usable until "
        f"{date_text(date(2025, 10, 15))}. Signed by the vendor."
    )
    assert lines[2].startswith(
        f"statement.paseto: Ticket statement for license LIC-1 with {tickets_text(2)}."
    )
    assert lines[3].startswith("catalog.paseto: Release catalog of PORTAL with 3 release")

    # The same files again: nothing changes, and the page says so.
    page = imported(qtbot, window, vendor.write(DocumentType.SUPPORT_PACK, PACK, "again.paseto"))
    assert page.result_title.text() == "Already imported"
    assert "Already imported: nothing changed." in page.result_text.text()


def test_a_key_pasted_inside_an_e_mail_imports(
    qtbot: QtBot, window: MainWindow, vendor: Vendor
) -> None:
    token = vendor.token(DocumentType.LICENSE, license_claims())
    mail = f"Hi Ada,\n\nhere is the key: {token}\n\nBest regards,\nThe licensing team\n"
    page = license_page(window)
    page.paste.setPlainText(mail)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        page.verify_button.click()
    assert page.result_title.text() == "Imported", page.result_text.text()
    assert page.result_text.text().startswith("License LIC-1 revision 1 for Fabrikam Inc")
    assert page.paste.toPlainText() == ""
    assert window.dashboard is not None and window.dashboard.standing("LIC-1") is not None


def test_files_dropped_on_the_page_and_chosen_in_the_dialog_import(
    qtbot: QtBot, window: MainWindow, vendor: Vendor
) -> None:
    page = license_page(window)
    first = vendor.write(DocumentType.LICENSE, license_claims(), "first.paseto")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(first))])
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        page.dropEvent(drop)
    assert page.result_title.text() == "Imported"

    window.import_documents()  # File > Import (Ctrl+O): the dialog opens without blocking
    dialog = page.file_dialog
    assert dialog is not None and dialog.isVisible()
    second = vendor.write(DocumentType.LICENSE, license_claims(revision=2), "second.paseto")
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        dialog.filesSelected.emit([str(second)])
        dialog.close()
    assert "License LIC-1 revision 2" in page.result_text.text()


# Refusals -----------------------------------------------------------------------------------


def test_a_corrupted_key_says_why_once_and_never_who_signed_it(
    qtbot: QtBot, window: MainWindow, vendor: Vendor
) -> None:
    path = vendor.folder / "corrupted.paseto"
    path.write_text(tampered(vendor.token(DocumentType.LICENSE, license_claims())))
    page = imported(qtbot, window, path)

    assert page.result_title.text() == "Nothing was imported"
    text = page.result_text.text()
    reason = document_error_text("bad_signature")
    assert text.count(reason) == 1
    assert text.count("Detail:") == 1
    assert "Signed by" not in text and "signed by the vendor" not in text
    assert not page.show_overview_button.isVisibleTo(page)
    assert not page.trust_button.isVisibleTo(page)


def test_a_claims_file_gets_the_domains_specific_message_without_its_contents(
    qtbot: QtBot, window: MainWindow, vendor: Vendor
) -> None:
    path = vendor.folder / "claims.json"
    path.write_text(json.dumps(license_claims(), indent=2))
    page = imported(qtbot, window, path)
    text = page.result_text.text()
    assert "perhaps the claims rather than the signed key" in text
    assert "Fabrikam" not in text and "sm_annual_fee" not in text
    assert "not accepted" not in text
    assert text.startswith(f"claims.json: {document_error_text('malformed')}")


def test_an_untrusted_signer_is_explained_and_its_trust_file_can_be_added(
    qtbot: QtBot, window: MainWindow, stranger: Vendor
) -> None:
    path = stranger.write(DocumentType.LICENSE, license_claims(), "license.paseto")
    page = imported(qtbot, window, path)
    text = page.result_text.text()
    assert page.result_title.text() == "Nothing was imported"
    assert document_error_text("unknown_key") in text
    assert stranger.kid in text
    assert "trust file" in text and "trust add" not in text
    assert page.trust_button.isVisibleTo(page)

    # "Trust the signer…" leads to Settings > Trusted keys, which explains and opens the chooser.
    page.trust_button.click()
    from ui.pages.settings import SettingsPage

    settings = window.page(PageName.SETTINGS)
    assert isinstance(settings, SettingsPage)
    assert window.stack.currentWidget() is settings
    keys = settings.trusted_keys
    assert "cannot be taken from" in keys.explanation.text()
    assert stranger.kid in keys.explanation.text()
    assert keys.file_dialog is not None and keys.file_dialog.isVisible()

    # The admin chooses the vendor's trust file, reads the key id and the warning, and adds it.
    with qtbot.waitSignal(keys.confirmation_shown, timeout=10_000):
        keys.file_dialog.fileSelected.emit(str(stranger.trust_file))
    box = keys.confirmation
    assert isinstance(box, QMessageBox)
    assert stranger.kid in box.text()
    assert "add only keys the vendor gave you" in box.text()
    assert "signed the document" not in box.text()  # it is the key that signed it

    def reload_trust() -> None:
        """The main window's reload, as the report describes it."""

        def work(console: Console) -> None:
            added = console_keys(app_paths().trusted_keys)
            console.trust = console.trust.with_keys(added)

        window.run_action(work)

    window.reload_trust = reload_trust  # type: ignore[attr-defined]
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert [k.kid for k in console_keys(app_paths().trusted_keys)] == [stranger.kid]
    assert "counts now" in keys.status.text()

    page = imported(qtbot, window, path)
    assert page.result_title.text() == "Imported", page.result_text.text()
    assert "Signed by a key you added." in page.result_text.text()


# Documents and revisions --------------------------------------------------------------------


def demo_signer(tmp_path: Path) -> Vendor:
    secret = paserk.secret_from_paserk(resource_path("demo", "demo-secret.paserk").read_text())
    return Vendor.create(tmp_path / "demo", secret)


def test_revisions_newest_first_and_the_documents_that_do_not_count(
    qtbot: QtBot, tmp_path: Path, vendor: Vendor, stranger: Vendor
) -> None:
    demo = demo_signer(tmp_path)
    everything = (
        vendor.trust()
        .with_keys([stranger.trusted_key(TrustSource.ADDITIONAL)])
        .with_keys([demo.trusted_key(TrustSource.DEMO)])
    )
    setup = make_console(tmp_path, everything, demo=True)
    pack = vendor.token(DocumentType.SUPPORT_PACK, PACK)
    files = [
        vendor.write(DocumentType.LICENSE, license_claims(), "r1.paseto"),
        vendor.write(
            DocumentType.LICENSE, license_claims(revision=2, sm_end="2026-04-01"), "r2.paseto"
        ),
        vendor.write(DocumentType.LICENSE, license_claims(license_id="LIC-3"), "lic3.paseto"),
        stranger.write(DocumentType.LICENSE, license_claims(license_id="LIC-2"), "lic2.paseto"),
        demo.write(DocumentType.LICENSE, license_claims(license_id="LIC-D"), "demo.paseto"),
    ]
    from app.importing import import_documents, import_files

    assert import_files(setup, files).succeeded
    assert import_documents(setup, [("pack", pack.encode())]).succeeded
    revocation = factories.revocation_claims(
        [("LIC-3", "chargeback")], issued_at="2025-02-01T00:00:00Z"
    )
    assert import_documents(
        setup, [("revocations", vendor.token(DocumentType.REVOCATION_LIST, revocation).encode())]
    ).succeeded
    with setup.database.write() as connection:  # the stored pack altered after the import
        connection.execute(
            update(documents).where(documents.c.token == pack).values(token=tampered(pack))
        )
    setup.close()

    # This run trusts the vendor only, outside demo mode.
    console = make_console(tmp_path, vendor.trust(), demo_kid=demo_key_id())
    window = open_window(qtbot, tmp_path, console)
    page = license_page(window)
    section = page.documents

    revisions = section.revisions_model.rows
    assert [(r[0], r[1]) for r in revisions] == [("LIC-1", "2"), ("LIC-1", "1")]
    assert revisions[0][3] == date_text(date(2026, 4, 1))
    assert revisions[0][4] == "the vendor"

    rejected = {row[0]: row for row in section.rejected_model.rows}
    assert set(rejected) == {"license LIC-2", "license LIC-3", "license LIC-D", "support pack P1"}
    assert rejected["license LIC-2"][2].startswith(document_error_text("unknown_key"))
    assert rejected["license LIC-3"][2].startswith(document_error_text("revoked"))
    assert "chargeback" in rejected["license LIC-3"][2]
    assert "demo mode" in rejected["license LIC-D"][2]
    assert rejected["support pack P1"][2].startswith(document_error_text("bad_signature"))
    assert "4 stored document" in section.rejected_caption.text()

    # Following the selected license: its own revisions, and only what concerns it.
    window.select_license("LIC-1")
    assert section.title() == "Documents of LIC-1"
    assert [row[0] for row in section.rejected_model.rows] == ["support pack P1"]
    window.operations.wait()
    window.close()


def test_with_nothing_imported_the_page_says_what_to_do(window: MainWindow) -> None:
    page = license_page(window)
    assert page.documents.revisions_model.rows == []
    assert "import the license key" in page.documents.revisions_caption.text()
    assert not page.documents.rejected.isVisibleTo(page)
    assert not page.result_box.isVisibleTo(page)


def test_the_summary_waits_for_the_dashboard_for_the_state(
    qtbot: QtBot, tmp_path: Path, vendor: Vendor
) -> None:
    """Shown before the refresh, the summary has no state; the dashboard brings it."""
    console = make_console(tmp_path, vendor.trust())
    window = open_window(qtbot, tmp_path, console)
    page = license_page(window)
    seen: list[str] = []
    page.import_finished.connect(lambda _result: seen.append(page.result_text.text()))
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        page.import_text(vendor.token(DocumentType.LICENSE, license_claims()))
    assert len(seen) == 1 and "State:" not in seen[0]
    assert "State: Renewal due." in page.result_text.text()
    page.show_dashboard(load_dashboard(console, TODAY))
    assert page.result_text.text().count("State:") == 1
    window.operations.wait()
    window.close()
