"""Colours from the palette (light or dark, as the system has it), never literals: each status
tone is derived from the palette's window colour and checked for contrast (WCAG 2.x, >= 4.5:1)."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

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
