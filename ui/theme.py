"""Colours from the palette (light or dark, as the system has it), never literals: each status
tone is derived from the palette's window colour and checked for contrast (WCAG 2.x, >= 4.5:1)."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QApplication, QFocusFrame, QWidget
from shiboken6 import isValid

MINIMUM_CONTRAST = 4.5


class Tone(StrEnum):
    OK = "ok"
    WARNING = "warning"
    CRITICAL = "critical"
    INFO = "info"
    NEUTRAL = "neutral"


_HUES = {Tone.OK: 125, Tone.WARNING: 38, Tone.CRITICAL: 0, Tone.INFO: 230, Tone.NEUTRAL: 200}
_SATURATION = {Tone.NEUTRAL: 30}


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast_ratio(first: QColor, second: QColor) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _readable(hue: int, saturation: int, against: QColor, towards_light: bool) -> QColor:
    """The colour of `hue` nearest to the middle that still reads on `against`."""
    steps = range(110, 256, 5) if towards_light else range(110, -1, -5)
    for lightness in steps:
        color = QColor.fromHsl(hue, saturation, lightness)
        if contrast_ratio(color, against) >= MINIMUM_CONTRAST:
            return color
    return QColor("white") if towards_light else QColor("black")


def tone_colors(palette: QPalette, tone: Tone) -> tuple[QColor, QColor]:
    """(background, text) of a badge or banner of `tone`: a tint of the window colour and a
    shade of the same hue that reads on it."""
    hue, saturation = _HUES[tone], _SATURATION.get(tone, 160)
    dark = is_dark(palette)
    background = QColor.fromHsl(hue, saturation // 2, 55 if dark else 232)
    return background, _readable(hue, saturation, background, towards_light=dark)


def text_color(palette: QPalette, tone: Tone) -> QColor:
    """Text of `tone` on the window itself (a validation message, a warning line)."""
    window = palette.color(QPalette.ColorRole.Window)
    hue, saturation = _HUES[tone], _SATURATION.get(tone, 170)
    return _readable(hue, saturation, window, towards_light=is_dark(palette))


def apply_tone(widget: QWidget, tone: Tone) -> None:
    """Colours `widget` (a badge, a banner) for `tone` through its palette roles."""
    palette = widget.palette()
    background, text = tone_colors(QGuiApplication.palette(), tone)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        palette.setColor(role, background)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(role, text)
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)


def apply_text_tone(widget: QWidget, tone: Tone) -> None:
    """Colours `widget`'s text for `tone`, readable on the application's window colour."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, text_color(QGuiApplication.palette(), tone))
    widget.setPalette(palette)


def focus_color(palette: QPalette) -> QColor:
    """The focus ring's colour: the info hue, readable on the window (>= 4.5:1, so well over
    the 3:1 a focus indicator needs) in light and dark palettes."""
    return text_color(palette, Tone.INFO)


def dark_palette() -> QPalette:
    """A dark palette like a desktop's dark mode (the screenshots' dark variant, the tests):
    greys from lightness alone, the highlight from the info hue."""
    palette = QPalette(QColor.fromHsl(0, 0, 53), QColor.fromHsl(0, 0, 45))
    roles = {
        QPalette.ColorRole.Base: QColor.fromHsl(0, 0, 30),
        QPalette.ColorRole.AlternateBase: QColor.fromHsl(0, 0, 38),
        QPalette.ColorRole.Text: QColor.fromHsl(0, 0, 235),
        QPalette.ColorRole.WindowText: QColor.fromHsl(0, 0, 235),
        QPalette.ColorRole.ButtonText: QColor.fromHsl(0, 0, 235),
        QPalette.ColorRole.BrightText: QColor.fromHsl(0, 0, 255),
        QPalette.ColorRole.ToolTipBase: QColor.fromHsl(0, 0, 30),
        QPalette.ColorRole.ToolTipText: QColor.fromHsl(0, 0, 235),
        QPalette.ColorRole.PlaceholderText: QColor.fromHsl(0, 0, 160),
        QPalette.ColorRole.Highlight: QColor.fromHsl(_HUES[Tone.INFO], 120, 90),
        QPalette.ColorRole.HighlightedText: QColor.fromHsl(0, 0, 255),
        QPalette.ColorRole.Link: QColor.fromHsl(_HUES[Tone.INFO], 160, 170),
    }
    for role, color in roles.items():
        palette.setColor(role, color)
    disabled = QColor.fromHsl(0, 0, 140)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


class FocusRing(QFocusFrame):
    """A ring around the widget that has the keyboard focus, in `focus_color`: every style
    shows focus its own way, some barely (Fusion's list and combo box change one pixel line);
    this ring is the same, and visible, everywhere in the window."""

    WIDTH = 2

    def paintEvent(self, event: QPaintEvent) -> None:
        # Four filled bands rather than a stroked rectangle: square corners without a pen's
        # join style, whose enum would load Qt's whole enum namespace (about 14 ms) before the
        # window's first paint (P1b).
        painter = QPainter(self)
        color = focus_color(QGuiApplication.palette())
        width, height, ring = self.width(), self.height(), self.WIDTH
        for x, y, w, h in (
            (0, 0, width, ring),
            (0, height - ring, width, ring),
            (0, ring, ring, height - 2 * ring),
            (width - ring, ring, ring, height - 2 * ring),
        ):
            painter.fillRect(x, y, w, h, color)


def follow_focus(window: QWidget) -> None:
    """Shows a `FocusRing` around whichever widget of `window` has the keyboard focus."""
    follower = _FocusFollower(window)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.focusChanged.connect(follower.focus_changed)


class _FocusFollower(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._ring: FocusRing | None = None

    def focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not isValid(self._window):
            return
        ring = self._ring if self._ring is not None and isValid(self._ring) else None
        inside = new is not None and new is not self._window and new.window() is self._window
        if new is None or not inside:
            if ring is not None:
                ring.setWidget(None)  # type: ignore[arg-type]  # Qt takes nullptr: no widget
            return
        if ring is None:
            ring = self._ring = FocusRing(self._window)
            ring.setObjectName("focus-ring")
        ring.setWidget(new)
