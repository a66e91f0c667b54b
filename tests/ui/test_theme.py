"""Colours and words: every status colour of the overview reads (>= 4.5:1) in a light and a dark
palette, and every counted message reads in English ("1 day", "2 days")."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget

from ui.main_window import MainWindow
from ui.pages.base import PageName
from ui.pages.overview import OverviewPage
from ui.pages.overview.portfolio import PortfolioModel
from ui.theme import (
    MINIMUM_CONTRAST,
    Tone,
    contrast_ratio,
    dark_palette,
    focus_color,
    is_dark,
    text_color,
    tone_colors,
)

ROOT = Path(__file__).resolve().parents[2]
ROLE = QPalette.ColorRole


@pytest.fixture(params=["light", "dark"])
def palette(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QPalette]:
    """The application in a light (the style's own) or a dark palette, for one test."""
    original = qapp.palette()
    chosen = qapp.style().standardPalette() if request.param == "light" else dark_palette()
    assert is_dark(chosen) == (request.param == "dark")
    qapp.setPalette(chosen)
    yield chosen
    qapp.setPalette(original)


def test_every_tone_reads_on_its_badge_and_on_the_window(palette: QPalette) -> None:
    window = palette.color(ROLE.Window)
    for tone in Tone:
        background, text = tone_colors(palette, tone)
        assert contrast_ratio(background, text) >= MINIMUM_CONTRAST, tone
        assert contrast_ratio(text_color(palette, tone), window) >= MINIMUM_CONTRAST, tone
    assert contrast_ratio(focus_color(palette), window) >= MINIMUM_CONTRAST
    assert contrast_ratio(focus_color(palette), palette.color(ROLE.Base)) >= 3.0


def _toned(root: QWidget) -> list[QWidget]:
    """The widgets under `root` given colours of their own (badges, banners, warning lines)."""
    return [
        w
        for w in root.findChildren(QWidget)
        if w.testAttribute(Qt.WidgetAttribute.WA_SetPalette) and w.isVisibleTo(root)
    ]


def _check_readable(widget: QWidget, window_color: object) -> None:
    own = widget.palette()
    if widget.autoFillBackground():  # a badge or a banner: its text on its own background
        pairs = [(ROLE.WindowText, ROLE.Window), (ROLE.ButtonText, ROLE.Button)]
        for text_role, background_role in pairs:
            ratio = contrast_ratio(own.color(text_role), own.color(background_role))
            assert ratio >= MINIMUM_CONTRAST, (widget.objectName(), text_role, ratio)
    else:  # a warning line: its text on the window
        ratio = contrast_ratio(own.color(ROLE.WindowText), window_color)  # type: ignore[arg-type]
        assert ratio >= MINIMUM_CONTRAST, (widget.objectName(), ratio)


def test_every_status_colour_of_the_overview_reads(
    palette: QPalette, quiet_window: MainWindow
) -> None:
    window = quiet_window
    page = window.page(PageName.OVERVIEW)
    assert isinstance(page, OverviewPage) and window.dashboard is not None
    window.present(window.dashboard)  # the tones are derived from the palette when shown
    window_color = palette.color(ROLE.Window)
    model = page.portfolio.model
    for row in range(model.rowCount()):
        index = model.index(row, PortfolioModel.STATE)
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        text = index.data(Qt.ItemDataRole.ForegroundRole)
        assert contrast_ratio(background, text) >= MINIMUM_CONTRAST
    checked = 0
    for standing in window.dashboard.status.licenses:
        window.select_license(standing.license_id)
        QApplication.processEvents()
        toned = _toned(page.detail)
        assert page.detail.badge in toned
        for widget in toned:
            _check_readable(widget, window_color)
            checked += 1
    window.select_license(None)
    assert checked >= 6  # badges, banners and warning lines of three licenses


def test_the_welcome_drop_zone_reads(palette: QPalette) -> None:
    from ui.pages.overview.welcome import DropZone

    zone = DropZone("drop here")
    try:
        _check_readable(zone, palette.color(ROLE.Window))
    finally:
        zone.deleteLater()


# Words: English plural forms ------------------------------------------------------------------


def test_counts_read_in_english() -> None:
    from ui.wording import attention_text, days_text, licenses_text, tickets_text, years_text

    assert (days_text(0), days_text(1), days_text(2)) == ("0 days", "1 day", "2 days")
    assert (tickets_text(1), tickets_text(10)) == ("1 ticket", "10 tickets")
    assert (years_text(1), licenses_text(3)) == ("1 year", "3 licenses")
    assert attention_text(1) == "1 license needs attention"
    assert attention_text(2) == "2 licenses need attention"


def test_the_english_forms_make_verbs_and_pronouns_agree() -> None:
    from scripts.translations import english_forms

    assert english_forms("%n day(s)") == ("%n day", "%n days")
    assert english_forms("%n local ticket(s) belong to no license: assign them here.") == (
        "%n local ticket belongs to no license: assign it here.",
        "%n local tickets belong to no license: assign them here.",
    )
    assert english_forms("%n ticket(s) were opened") == (
        "%n ticket was opened",
        "%n tickets were opened",
    )


def _counted_messages() -> list[tuple[Path, int, str]]:
    """Every translated message with a count (`%n`) in ui/: (module, line, source)."""
    found = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
            )
            position = 1 if name == "translate" else 0
            if len(node.args) <= position:
                continue
            argument = node.args[position]
            if (
                isinstance(argument, ast.Constant)
                and isinstance(argument.value, str)
                and "%n" in argument.value
            ):
                found.append((path.relative_to(ROOT), node.lineno, argument.value))
    return found


def _contexts() -> set[str]:
    """Every context a ui/ message can have: class names, and the contexts given by name."""
    contexts: set[str] = set()
    for path in (ROOT / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                contexts.add(node.name)
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.isidentifier()
                and node.value[:1].isupper()
            ):
                contexts.add(node.value)
    return contexts


def test_every_counted_message_has_english_forms_in_the_shipped_catalogue() -> None:
    """Fails when a `%n` message of ui/ was added without running scripts/translations.py."""
    translator = QTranslator()
    assert translator.load(str(ROOT / "resources" / "translations" / "entitlement_console_en.qm"))
    messages = _counted_messages()
    assert len(messages) >= 10
    contexts = sorted(_contexts())
    missing = []
    for path, line, source in messages:
        forms = {
            context: (
                translator.translate(context, source, None, 1),
                translator.translate(context, source, None, 2),
            )
            for context in contexts
        }
        found = [(one, several) for one, several in forms.values() if one and several]
        if not found or any("(s)" in one or "%n" not in one for one, _several in found):
            missing.append(f"{path}:{line}: {source!r}")
    assert not missing, "run scripts/translations.py:\n" + "\n".join(missing)


def test_the_application_translators_are_installed_in_the_tests() -> None:
    assert QCoreApplication.translate("Wording", "%n day(s)", None, 1) == "1 day"
