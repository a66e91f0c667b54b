"""Where the main window opens and what of it is remembered: the geometry saved when it closes,
restored only when it fits the current screen at the current scale (a window saved on a large
monitor, or at 100 %, must not open off-screen or squeezed on a laptop at 150 %)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtWidgets import QMainWindow

DEFAULT_SIZE = QSize(1100, 760)
MINIMUM_SIZE = QSize(760, 520)


def minimum_size(available: QRect) -> QSize:
    """The window's minimum size on a screen of `available` (logical pixels at the current
    scale): MINIMUM_SIZE, or the whole screen when that is smaller."""
    return MINIMUM_SIZE.boundedTo(available.size())


def initial_geometry(saved: QRect | None, available: QRect) -> QRect:
    """Where the window opens: the saved geometry when it lies on the screen's `available`
    area and is at least the minimum size; otherwise the default size, made to fit (at most
    nine tenths of the screen, never less than the minimum), centred. Both in logical pixels,
    so a geometry saved at one scale factor is restored at another only if it still fits."""
    least = minimum_size(available)
    if (
        saved is not None
        and saved.isValid()
        and available.contains(saved)
        and saved.width() >= least.width()
        and saved.height() >= least.height()
    ):
        return QRect(saved)
    size = (
        DEFAULT_SIZE.boundedTo(QSize(available.width() * 9 // 10, available.height() * 9 // 10))
        .expandedTo(least)
        .boundedTo(available.size())
    )
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(available.center())
    return rect


def restore_geometry(window: QMainWindow, state_file: Path, available: QRect) -> None:
    """Sizes and places `window` by `initial_geometry`, maximized again if it was."""
    state = QSettings(str(state_file), QSettings.Format.IniFormat)
    saved = state.value("window/rect")
    saved_rect = saved if isinstance(saved, QRect) else None
    window.setMinimumSize(minimum_size(available))
    rect = initial_geometry(saved_rect, available)
    window.resize(rect.size())
    window.move(rect.topLeft())
    if rect == saved_rect and state.value("window/maximized") in (True, "true"):
        # Qt's enum namespace costs about 18 ms the first time: not before the first paint.
        from PySide6.QtCore import Qt

        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def save_geometry(window: QMainWindow, state_file: Path) -> bool:
    """Saves the window's normal geometry, unless it is smaller than MINIMUM_SIZE (a squeezed
    window is never what to open with next time); whether it saved."""
    normal = window.normalGeometry() if window.isMaximized() else window.geometry()
    if normal.width() < MINIMUM_SIZE.width() or normal.height() < MINIMUM_SIZE.height():
        return False
    state = QSettings(str(state_file), QSettings.Format.IniFormat)
    state.setValue("window/rect", normal)
    state.setValue("window/maximized", window.isMaximized())
    state.sync()
    return True
