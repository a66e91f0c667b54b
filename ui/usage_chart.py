"""Monthly ticket usage of the current period, drawn with QPainter (no QtCharts in Essentials).

Per month: a bar of the tickets drawn from the ticket period with those drawn from packs stacked
on it, and beside it a bar of the product bugs that were not deducted. A step line shows the
period's tickets used so far against the period's allocation (a dashed line). Every figure comes
from the dashboard; the widget only draws them, and says them in its accessible description.
Colours come from the palette (`ui.theme`), so the chart reads on light and dark alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyleOptionFocusRect, QToolTip, QWidget

from licensing.ledger import MonthUsage, PackBalance
from ui.theme import Tone, text_color
from ui.wording import date_text, tickets_text, user_locale


@dataclass(frozen=True, slots=True)
class ChartColors:
    """The chart's colours, from a palette: each reads on that palette's window colour."""

    annual: QColor
    packs: QColor
    bugs: QColor
    allocation: QColor
    """The period's allocation, a dashed line."""
    used: QColor
    """The period's tickets used so far, a step line."""
    text: QColor
    grid: QColor


def chart_colors(palette: QPalette) -> ChartColors:
    return ChartColors(
        annual=text_color(palette, Tone.INFO),
        packs=text_color(palette, Tone.OK),
        bugs=text_color(palette, Tone.WARNING),
        allocation=text_color(palette, Tone.CRITICAL),
        used=palette.color(QPalette.ColorRole.WindowText),
        text=palette.color(QPalette.ColorRole.WindowText),
        grid=palette.color(QPalette.ColorRole.Mid),
    )


@dataclass(frozen=True, slots=True)
class ChartData:
    period: tuple[date, date] | None
    allocation: int
    months: tuple[MonthUsage, ...]
    packs: tuple[PackBalance, ...]


class UsageChart(QWidget):
    """Bars per month of the current period; `set_usage` gives it the dashboard's figures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usage-chart")
        self.setAccessibleName(self.tr("Monthly ticket usage"))
        # Reachable with Tab so that a screen reader can read the description.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setMinimumSize(360, 190)
        self.data = ChartData(None, 0, (), ())
        self._bars: list[tuple[QRectF, str]] = []
        self.setAccessibleDescription(self.summary())

    def sizeHint(self) -> QSize:
        return QSize(520, 230)

    def set_usage(
        self,
        period: tuple[date, date] | None,
        allocation: int,
        months: Sequence[MonthUsage],
        packs: Sequence[PackBalance],
    ) -> None:
        self.data = ChartData(period, allocation, tuple(months), tuple(packs))
        self.setAccessibleDescription(self.summary())
        self.update()

    # Words ----------------------------------------------------------------------------------

    def month_name(self, month: date) -> str:
        short = user_locale().monthName(month.month, QLocale.FormatType.ShortFormat)
        return f"{short} {month.year}"

    def month_text(self, usage: MonthUsage) -> str:
        return self.tr(
            "{month}: {annual} from the period, {packs} from packs, {bugs} product bugs (free)"
        ).format(
            month=self.month_name(usage.month),
            annual=tickets_text(usage.annual),
            packs=tickets_text(usage.packs),
            bugs=tickets_text(usage.product_bugs),
        )

    def packs_text(self) -> str:
        if not self.data.packs:
            return self.tr("No support pack is usable today.")
        return self.tr("Support packs usable today: {packs}.").format(
            packs="; ".join(
                self.tr("{pack}, {left} of {tickets} left, until {end}").format(
                    pack=p.pack_id,
                    tickets=tickets_text(p.tickets),
                    left=p.remaining,
                    end=date_text(p.expires_on),
                )
                for p in self.data.packs
            )
        )

    def summary(self) -> str:
        """Every number of the chart in words (its accessible description)."""
        data = self.data
        if data.period is None:
            return self.tr("No ticket period contains today.")
        annual = sum(m.annual for m in data.months)
        packs = sum(m.packs for m in data.months)
        bugs = sum(m.product_bugs for m in data.months)
        head = self.tr(
            "Period {start} to {end}: {allocation} allotted; {annual} drawn from the period, "
            "{packs} from packs, {bugs} not deducted (product bugs)."
        ).format(
            start=date_text(data.period[0]),
            end=date_text(data.period[1]),
            allocation=tickets_text(data.allocation),
            annual=tickets_text(annual),
            packs=tickets_text(packs),
            bugs=tickets_text(bugs),
        )
        months = " ".join(self.month_text(m) + "." for m in data.months)
        return f"{head} {months} {self.packs_text()}".strip()

    # Drawing --------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint(painter)
            if self.hasFocus():
                option = QStyleOptionFocusRect()
                option.initFrom(self)
                self.style().drawPrimitive(
                    QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, self
                )
        finally:
            painter.end()

    def colors(self) -> ChartColors:
        """The colours the chart paints with now, from its palette."""
        return chart_colors(self.palette())

    def _paint(self, painter: QPainter) -> None:
        colors = self.colors()
        text_colour, grid_colour = colors.text, colors.grid
        data = self.data
        self._bars = []
        metrics = painter.fontMetrics()
        line = metrics.height()
        if data.period is None or not data.months:
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.tr("No current period")
            )
            return
        legend = self._legend_lines(self.width())
        legend_height = len(legend) * (line + 2) + 4
        left = metrics.horizontalAdvance("000") + 10
        plot = QRectF(
            left,
            line / 2 + 4,
            self.width() - left - 10,
            self.height() - 2 * line - legend_height - 14,
        )
        if plot.height() < 20 or plot.width() < 40:
            return
        cumulative: list[int] = []
        running = 0
        for month in data.months:
            running += month.annual
            cumulative.append(running)
        top = max(
            [data.allocation, running, 1]
            + [m.annual + m.packs for m in data.months]
            + [m.product_bugs for m in data.months]
        )
        step = max(1, -(-top // 5))
        top = -(-top // step) * step

        def y(value: float) -> float:
            return plot.bottom() - plot.height() * value / top

        # Grid and axis labels.
        painter.setPen(QPen(grid_colour, 1, Qt.PenStyle.DotLine))
        for value in range(0, top + 1, step):
            painter.drawLine(QPointF(plot.left(), y(value)), QPointF(plot.right(), y(value)))
        painter.setPen(text_colour)
        for value in range(0, top + 1, step):
            painter.drawText(
                QRectF(0, y(value) - line / 2, left - 6, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
        slot = plot.width() / len(data.months)
        bar = max(3.0, slot * 0.4)
        bug_bar = max(2.0, slot * 0.2)
        label_every = max(1, int(-(-metrics.horizontalAdvance("Mmm 00") // slot)))
        for index, month in enumerate(data.months):
            x = plot.left() + index * slot + (slot - bar - bug_bar - 2) / 2
            stacked = (
                (month.annual, 0, colors.annual),
                (month.packs, month.annual, colors.packs),
            )
            for count, base, colour in stacked:
                if count:
                    painter.fillRect(
                        QRectF(x, y(base + count), bar, y(base) - y(base + count)), colour
                    )
            if month.product_bugs:
                painter.fillRect(
                    QRectF(
                        x + bar + 2, y(month.product_bugs), bug_bar, y(0) - y(month.product_bugs)
                    ),
                    colors.bugs,
                )
            self._bars.append(
                (
                    QRectF(plot.left() + index * slot, plot.top(), slot, plot.height()),
                    self.month_text(month),
                )
            )
            if index % label_every == 0:
                painter.setPen(text_colour)
                painter.drawText(
                    QRectF(plot.left() + index * slot - slot, plot.bottom() + 2, 3 * slot, line),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    user_locale().monthName(month.month.month, QLocale.FormatType.ShortFormat),
                )
        # The allocation, and the period's tickets used so far, month by month.
        painter.setPen(QPen(colors.allocation, 2, Qt.PenStyle.DashLine))
        painter.drawLine(
            QPointF(plot.left(), y(data.allocation)), QPointF(plot.right(), y(data.allocation))
        )
        used_pen = QPen(colors.used, 2)
        used_pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(used_pen)
        previous = QPointF(plot.left(), y(0))
        for index, used in enumerate(cumulative):
            here = QPointF(plot.left() + index * slot, y(used))
            painter.drawLine(previous, QPointF(here.x(), previous.y()))
            painter.drawLine(QPointF(here.x(), previous.y()), here)
            previous = here
        painter.drawLine(previous, QPointF(plot.right(), previous.y()))
        painter.setPen(QPen(grid_colour, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        self._paint_legend(painter, legend, self.height() - legend_height, text_colour)

    def _legend(self) -> list[tuple[QColor, str, Qt.PenStyle | None]]:
        """(colour, words, line style or None for a filled square) of each legend entry."""
        colors = self.colors()
        return [
            (colors.annual, self.tr("From the period"), None),
            (colors.packs, self.tr("From packs"), None),
            (colors.bugs, self.tr("Product bugs (free)"), None),
            (
                colors.allocation,
                self.tr("Allocation ({count})").format(count=self.data.allocation),
                Qt.PenStyle.DashLine,
            ),
            (colors.used, self.tr("Period used so far"), Qt.PenStyle.SolidLine),
        ]

    def _legend_lines(self, width: float) -> list[list[tuple[QColor, str, Qt.PenStyle | None]]]:
        """The legend entries, wrapped to the width."""
        metrics = self.fontMetrics()
        lines: list[list[tuple[QColor, str, Qt.PenStyle | None]]] = [[]]
        x = 8.0
        for entry in self._legend():
            advance = 18 + metrics.horizontalAdvance(entry[1]) + 14
            if lines[-1] and x + advance > width:
                lines.append([])
                x = 8.0
            lines[-1].append(entry)
            x += advance
        return lines

    def _paint_legend(
        self,
        painter: QPainter,
        lines: list[list[tuple[QColor, str, Qt.PenStyle | None]]],
        top: float,
        text_colour: QColor,
    ) -> None:
        metrics = painter.fontMetrics()
        line = metrics.height()
        for number, entries in enumerate(lines):
            x, y = 8.0, top + number * (line + 2)
            for colour, label, style in entries:
                if style is not None:
                    painter.setPen(QPen(colour, 2, style))
                    painter.drawLine(QPointF(x, y + line / 2), QPointF(x + 14, y + line / 2))
                else:
                    painter.fillRect(QRectF(x + 2, y + line / 2 - 5, 10, 10), colour)
                painter.setPen(text_colour)
                painter.drawText(QPointF(x + 18, y + metrics.ascent()), label)
                x += 18 + metrics.horizontalAdvance(label) + 14

    def event(self, event: QEvent) -> bool:
        if event.type() is QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            for area, text in self._bars:
                if area.contains(QPointF(event.pos())):
                    QToolTip.showText(event.globalPos(), text, self)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)
