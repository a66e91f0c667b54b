"""The License page: import by path, paste and drop; every refusal in words; history and keys."""

from __future__ import annotations

import copy
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.demo import demo_claims
from licensing.claims import DocumentType
from licensing.documents import sign_document
from licensing.paserk import secret_from_paserk
from licensing.rules import add_years
from resources import resource_path
from tests.ui.conftest import DEMO_TODAY, wait_for_refresh
from ui.main_window import MainWindow
from ui.pages.license import OUTCOME_COLUMNS, LicensePage, RowsModel
from ui.wording import document_error_text

DEMO_SM_END = DEMO_TODAY + timedelta(days=45)


def demo_secret() -> Ed25519PrivateKey:
    return secret_from_paserk(resource_path("demo", "demo-secret.paserk").read_text("ascii"))


def demo_license_claims() -> dict[str, Any]:
    for document_type, _, claims in demo_claims(DEMO_TODAY):
        if document_type is DocumentType.LICENSE:
            return copy.deepcopy(claims)
    raise AssertionError("the demo has a license")


def revision_4_claims() -> dict[str, Any]:
    """The demo license renewed for a year: revision 4, issued today, S&M end a year later."""
    claims = demo_license_claims()
    claims["revision"] = 4
    claims["issued_at"] = f"{DEMO_TODAY.isoformat()}T10:00:00Z"
    claims["sm_end"] = add_years(DEMO_SM_END, 1).isoformat()
    return claims


def revision_4_token() -> str:
    return sign_document(DocumentType.LICENSE, revision_4_claims(), demo_secret())


def tampered(token: str) -> str:
    """The token with one character of its signature (the end of the payload part) changed."""
    header, purpose, payload, footer = token.split(".")
    index = len(payload) - 20  # inside the 64-byte signature, away from padding bits
    flipped = "A" if payload[index] != "A" else "B"
    return ".".join((header, purpose, payload[:index] + flipped + payload[index + 1 :], footer))


def license_page(window: MainWindow) -> LicensePage:
    page = window.pages["license"]
    assert isinstance(page, LicensePage)
    return page


def revision(window: MainWindow) -> int:
    assert window.dashboard is not None and window.dashboard.status.license is not None
    return window.dashboard.status.license.claims.revision


def column(model: RowsModel, name: str) -> list[str]:
    return [row[OUTCOME_COLUMNS.index(name)] for row in model.rows]


def test_the_page_shows_the_revision_history_and_trusted_keys(window: MainWindow) -> None:
    page = license_page(window)
    rows = page.revisions_model.rows
    assert len(rows) == 1
    license_id, number, issued, sm_end, trust, imported_at = rows[0]
    assert (license_id, number, sm_end) == ("DEMO-LIC-0001", "3", DEMO_SM_END.isoformat())
    assert issued and imported_at
    assert "Demo" in trust
    assert "revision 3" in page.current.text()
    keys = page.keys_model.rows
    assert len(keys) == 1
    assert keys[0][0].startswith("k4.pid.")
    assert "Demo" in keys[0][1]


def test_importing_a_new_revision_by_path_updates_history_and_overview(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "license-r4.paseto"
    path.write_text(revision_4_token() + "\n", encoding="ascii")
    page = license_page(window)
    page.import_paths([path])
    wait_for_refresh(qtbot, window)

    text = page.verdict.text()
    assert "license-r4.paseto: valid license" in text
    assert "k4.pid." in text and "demo key" in text
    assert "Imported 1 document(s)." in text
    assert column(page.outcomes_model, "check") == ["Valid"]
    assert column(page.outcomes_model, "import") == ["Imported"]
    assert revision(window) == 4
    assert [row[1] for row in page.revisions_model.rows] == ["4", "3"]
    assert page.revisions_model.rows[0][3] == add_years(DEMO_SM_END, 1).isoformat()
    overview = window.pages["overview"]
    assert overview.fields["revision"].text() == "4"  # type: ignore[attr-defined]
    assert "revision 4" in page.current.text()


def test_a_tampered_key_is_refused_in_words_and_nothing_changes(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "license-tampered.paseto"
    path.write_text(tampered(revision_4_token()), encoding="ascii")
    page = license_page(window)
    page.import_paths([path])
    wait_for_refresh(qtbot, window)

    text = page.verdict.text()
    assert document_error_text("bad_signature") in text
    assert "The signature does not match" in text
    assert "Technical detail:" in text
    assert "Nothing was imported." in text
    assert column(page.outcomes_model, "check") == ["Not valid"]
    assert column(page.outcomes_model, "import") == ["Refused"]
    assert revision(window) == 3
    assert [row[1] for row in page.revisions_model.rows] == ["3"]


def test_one_bad_file_refuses_the_whole_batch(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    good = tmp_path / "good.paseto"
    good.write_text(revision_4_token(), encoding="ascii")
    bad = tmp_path / "bad.paseto"
    bad.write_text(tampered(revision_4_token()), encoding="ascii")
    page = license_page(window)
    page.import_paths([good, bad])
    wait_for_refresh(qtbot, window)

    assert column(page.outcomes_model, "file") == ["good.paseto", "bad.paseto"]
    assert column(page.outcomes_model, "check") == ["Valid", "Not valid"]
    assert column(page.outcomes_model, "import") == ["Not imported", "Refused"]
    assert "another file of the batch was refused" in column(page.outcomes_model, "reason")[0]
    assert "imported together" in page.verdict.text()
    assert revision(window) == 3


def test_pasted_text_with_armor_and_line_breaks_is_imported(
    window: MainWindow, qtbot: QtBot
) -> None:
    token = revision_4_token()
    lines = [token[i : i + 64] for i in range(0, len(token), 64)]
    pasted = (
        "Hello, here is your renewed key:\r\n\r\n-----BEGIN LICENSE KEY-----\r\n"
        + "\r\n".join(lines)
        + "\r\n-----END LICENSE KEY-----\r\n\r\nRegards, the vendor\n"
    )
    page = license_page(window)
    page.paste.setPlainText(pasted)
    assert page.verify_button.isEnabled()
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    wait_for_refresh(qtbot, window)

    assert "pasted text: valid license" in page.verdict.text()
    assert revision(window) == 4
    assert page.paste.toPlainText() == ""  # imported: the box is cleared for the next paste
    assert not page.verify_button.isEnabled()


def test_pasted_garbage_says_malformed(window: MainWindow, qtbot: QtBot) -> None:
    page = license_page(window)
    page.paste.setPlainText("Dear customer, please find the key attached.")
    page.import_text(page.paste.toPlainText())
    wait_for_refresh(qtbot, window)

    assert document_error_text("malformed") in page.verdict.text()
    assert "Nothing was imported." in page.verdict.text()
    assert page.paste.toPlainText() != ""  # kept, so it can be corrected
    assert revision(window) == 3


def test_empty_paste_asks_for_text_and_runs_nothing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(window, "run_action", lambda *args, **kwargs: calls.append(args))
    page = license_page(window)
    page.import_text("  \n ")
    assert "Paste the key text first" in page.verdict.text()
    assert calls == []


def test_a_truncated_file_says_malformed(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    token = revision_4_token()
    path = tmp_path / "truncated.paseto"
    path.write_text(token[: len(token) // 2], encoding="ascii")
    page = license_page(window)
    page.import_paths([path])
    wait_for_refresh(qtbot, window)

    assert document_error_text("malformed") in page.verdict.text()
    assert "truncated.paseto: not valid" in page.verdict.text()
    assert revision(window) == 3


def test_a_document_signed_by_an_unknown_key_says_so(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    stranger = Ed25519PrivateKey.generate()
    path = tmp_path / "stranger.paseto"
    path.write_text(sign_document(DocumentType.LICENSE, revision_4_claims(), stranger))
    page = license_page(window)
    page.import_paths([path])
    wait_for_refresh(qtbot, window)

    assert document_error_text("unknown_key") in page.verdict.text()
    (row,) = page.outcomes_model.rows
    assert row[OUTCOME_COLUMNS.index("kid")].startswith("k4.pid.")
    assert revision(window) == 3


def test_a_missing_file_is_reported_not_raised(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    page = license_page(window)
    page.import_paths([tmp_path / "nowhere.paseto"])
    wait_for_refresh(qtbot, window)

    assert document_error_text("unreadable") in page.verdict.text()
    assert column(page.outcomes_model, "import") == ["Not read"]
    assert window.last_error is None


def test_an_older_revision_verifies_but_is_refused(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    claims = demo_license_claims()
    claims["revision"] = 2
    path = tmp_path / "old.paseto"
    path.write_text(sign_document(DocumentType.LICENSE, claims, demo_secret()))
    page = license_page(window)
    page.import_paths([path])
    wait_for_refresh(qtbot, window)

    assert column(page.outcomes_model, "check") == ["Valid"]
    assert column(page.outcomes_model, "import") == ["Refused"]
    assert document_error_text("older_revision") in page.verdict.text()
    assert revision(window) == 3


def test_the_demo_file_again_is_already_imported(window: MainWindow, qtbot: QtBot) -> None:
    from app.paths import app_paths

    page = license_page(window)
    page.import_paths([app_paths().demo_documents / "license.paseto"])
    wait_for_refresh(qtbot, window)

    assert "Already imported: nothing changed." in page.verdict.text()
    assert column(page.outcomes_model, "import") == ["Already imported"]


def file_mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_dropping_files_on_the_page_imports_them(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "dropped.paseto"
    path.write_text(revision_4_token(), encoding="ascii")
    page = license_page(window)
    mime = file_mime(path)

    enter = QDragEnterEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(page, enter)
    assert enter.isAccepted()

    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(page, drop)
    assert drop.isAccepted()
    wait_for_refresh(qtbot, window)

    assert "dropped.paseto: valid license" in page.verdict.text()
    assert revision(window) == 4


def test_files_dropped_on_the_paste_box_are_imported_not_pasted(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "onto-the-box.paseto"
    path.write_text(revision_4_token(), encoding="ascii")
    page = license_page(window)
    mime = file_mime(path)  # kept alive: the event does not own it
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.paste.dropEvent(drop)
    assert drop.isAccepted()
    wait_for_refresh(qtbot, window)
    assert page.paste.toPlainText() == ""
    assert "onto-the-box.paseto: valid license" in page.verdict.text()
    assert revision(window) == 4


def test_dropped_text_is_verified_as_one_document(window: MainWindow, qtbot: QtBot) -> None:
    mime = QMimeData()
    mime.setText(tampered(revision_4_token()))
    page = license_page(window)
    page.dropEvent(
        QDropEvent(
            QPointF(5, 5),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    wait_for_refresh(qtbot, window)
    assert document_error_text("bad_signature") in page.verdict.text()


def test_a_drag_without_files_or_text_is_not_accepted(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setData("application/x-something", b"\x00\x01")
    enter = QDragEnterEvent(
        QPointF(1, 1),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    license_page(window).dragEnterEvent(enter)
    assert not enter.isAccepted()


def test_file_import_opens_a_non_blocking_dialog(window: MainWindow, qtbot: QtBot) -> None:
    page = license_page(window)
    window._import_documents()  # what File > Import does
    assert window.stack.currentWidget() is page
    dialog = page.file_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    qtbot.waitUntil(lambda: page.file_dialog is None)


def interactive_controls(page: QWidget) -> list[QWidget]:
    """The page's own controls (not the parts inside a table or spin box)."""
    kinds = (QAbstractButton, QLineEdit, QPlainTextEdit, QAbstractItemView, QAbstractSpinBox)
    found = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, kinds):
            continue
        parent = widget.parentWidget()
        inner = False
        while parent is not None and parent is not page:
            if isinstance(parent, QAbstractItemView | QAbstractSpinBox):
                inner = True
            parent = parent.parentWidget()
        if not inner:
            found.append(widget)
    return found


@pytest.mark.parametrize("name", ["license", "upgrades"])
def test_every_control_has_a_name_and_takes_the_keyboard(window: MainWindow, name: str) -> None:
    page = window.pages[name]
    controls = interactive_controls(page)
    assert len(controls) >= 4
    for control in controls:
        assert control.accessibleName(), control.objectName()
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.objectName()
    tables = [c for c in controls if isinstance(c, QAbstractItemView)]
    assert tables and not any(t.tabKeyNavigation() for t in tables)  # Tab leaves a table


def test_the_models_follow_the_qt_contract(window: MainWindow, qtmodeltester: Any) -> None:
    page = license_page(window)
    qtmodeltester.check(page.revisions_model)
    qtmodeltester.check(page.keys_model)
    qtmodeltester.check(page.outcomes_model)
