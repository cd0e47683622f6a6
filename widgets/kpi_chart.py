"""One KPI chart: a pyqtgraph plot with one curve per series, alarm bands, targets and a headline.

A view only. The console feeds it arrays (``set_series``: x in UNIX seconds, y as floats, NaN for
"no value") and it draws them with one ``PlotDataItem`` per series, updated in place with
``setData``: a live update never rebuilds the plot. A click on a point or a bar emits
``point_clicked(chart_id, series_key, x)`` with the start of the bucket under the mouse; the
board turns that into a drill-down intent. PNG and CSV export work on what is shown.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

PALETTE: Final = (
    "#4aa3df", "#f0a830", "#5cc189", "#e0605e", "#a47ae2", "#39c0c8", "#d6c14a", "#e58ac0",
    "#8fa3b8", "#b5d96b",
)  # fmt: skip
# Alarm levels 1..3: amber, orange, red (the colours Huế's flood bulletins use for BĐ1..BĐ3).
ALARM_COLOURS: Final = ("#2e9d5b", "#e6c229", "#f08a24", "#d83b35")
CLICK_TOLERANCE_PX: Final = 14.0
SYMBOL_MAX_POINTS: Final = 400
LEGEND_MAX_SERIES: Final = 8


@dataclass(frozen=True)
class Band:
    """A horizontal band from ``low`` to ``high`` (None: to the top), e.g. an alarm level."""

    low: float
    high: float | None
    label: str
    level: int = 1


@dataclass(frozen=True)
class TargetLine:
    """A dashed horizontal line: a goal such as "> 98 % processed"."""

    value: float
    label: str


@dataclass(frozen=True)
class ChartSpec:
    """What a chart shows. ``record_kind`` is what a click drills into (None: no drill-down).

    ``bars`` draws each series as filled steps (counts per bucket); otherwise lines with points.
    """

    chart_id: str
    title: str
    unit: str = ""
    record_kind: str | None = None
    bars: bool = False
    bands: tuple[Band, ...] = ()
    targets: tuple[TargetLine, ...] = ()
    y_min: float | None = 0.0
    y_max: float | None = None
    series_names: dict[str, str] = field(default_factory=dict)


@dataclass
class _Series:
    item: pg.PlotDataItem
    name: str
    xs: np.ndarray
    ys: np.ndarray
    lo: float = float("nan")
    dots: bool = True
    hi: float = float("nan")


class KpiChartWidget(QFrame):
    """A titled KPI chart with headline, alarm state, export buttons and click-to-drill."""

    point_clicked = Signal(str, str, float)
    export_png_requested = Signal(str)
    export_csv_requested = Signal(str)

    def __init__(self, spec: ChartSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.step_s = 60
        self.alarm_level = 0
        self._series: dict[str, _Series] = {}
        self.setObjectName("kpiChart")
        self.setFrameShape(QFrame.Shape.StyledPanel)

        self.title_label = QLabel(spec.title)
        bold = QFont(self.title_label.font())
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.headline_label = QLabel()
        self.headline_label.setTextFormat(Qt.TextFormat.PlainText)
        big = QFont(bold)
        big.setPointSizeF(bold.pointSizeF() * 1.25)
        self.headline_label.setFont(big)
        self.alarm_label = QLabel()
        self.alarm_label.setVisible(False)
        self.alarm_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.png_button = QToolButton()
        self.png_button.setText(self.tr("PNG"))
        self.png_button.setToolTip(self.tr("Export the chart as a PNG image"))
        self.csv_button = QToolButton()
        self.csv_button.setText(self.tr("CSV"))
        self.csv_button.setToolTip(self.tr("Export the numbers as CSV"))
        self.png_button.clicked.connect(lambda: self.export_png_requested.emit(spec.chart_id))
        self.csv_button.clicked.connect(lambda: self.export_csv_requested.emit(spec.chart_id))

        self.plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.plot.setBackground("#15191e")
        self.plot.setMenuEnabled(False)
        # No grid: its lines are replayed from the axes' pictures on every repaint, which costs
        # more than the curves (bench/kpi.py); the target lines and alarm bands guide the eye.
        self.plot.setMinimumHeight(120)
        item = self.plot.getPlotItem()
        item.hideButtons()
        # Top right: alarm-band and target labels sit on the left.
        self.legend = item.addLegend(
            offset=(-4, 4), labelTextSize="7pt", brush=pg.mkBrush(21, 25, 30, 170)
        )
        if spec.unit:
            item.setLabel("left", units=None, text=spec.unit)
        vb = item.getViewBox()
        vb.setMouseEnabled(x=False, y=False)
        # Y is fitted by hand (fit_y): alarm bands and targets stay in view with the data.
        vb.enableAutoRange(axis=pg.ViewBox.YAxis, enable=False)
        self._draw_bands_and_targets()
        self.plot.scene().sigMouseClicked.connect(self._on_scene_clicked)

        # Narrow tiles clip long titles rather than widening the whole board.
        for label in (self.title_label, self.headline_label):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title_label, 1)
        header.addWidget(self.png_button)
        header.addWidget(self.csv_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.headline_label)
        layout.addWidget(self.alarm_label)
        layout.addWidget(self.plot, 1)

    @override
    def sizeHint(self) -> QSize:
        # A QGraphicsView asks for 600×480; a board tile is much smaller than that.
        return QSize(380, 240)

    # -- data ---------------------------------------------------------------------------------

    def set_series(
        self,
        key: str,
        xs: np.ndarray | Sequence[float],
        ys: np.ndarray | Sequence[float],
        name: str | None = None,
    ) -> None:
        """Show ``ys`` over ``xs`` for series ``key``: the first call adds the curve, later
        calls replace its data in place. ``name`` is the legend text."""
        x = np.asarray(xs, dtype=np.float64)
        y = np.asarray(ys, dtype=np.float64)
        series = self._series.get(key)
        if series is None:
            series = self._add_series(key, name)
        elif name is not None:
            self.set_series_name(key, name)
        series.xs, series.ys = x, y
        finite = y[np.isfinite(y)]
        series.lo, series.hi = (
            (float(finite.min()), float(finite.max())) if finite.size else (np.nan, np.nan)
        )
        kwargs: dict[str, object] = {}
        if self.spec.bars:
            # Filled steps: each value covers its bucket [x, x + step).
            kwargs = {"stepMode": "left"}
        if not self.spec.bars:
            # Dots mark each bucket when there are few; thousands of dots cost more than the
            # line and say nothing (a click finds the nearest point either way).
            dots = x.size <= SYMBOL_MAX_POINTS
            if dots != series.dots:
                series.item.setSymbol("o" if dots else None)
                series.dots = dots
        series.item.setData(x, y, connect="finite", **kwargs)
        self.fit_y()

    def _add_series(self, key: str, name: str | None) -> _Series:
        colour = QColor(PALETTE[len(self._series) % len(PALETTE)])
        name = name or self.spec.series_names.get(key, key)
        if self.spec.bars:
            fill = QColor(colour)
            fill.setAlpha(110)
            item = pg.PlotDataItem(
                pen=pg.mkPen(colour, width=1), fillLevel=0, brush=fill, name=name
            )
        else:
            item = pg.PlotDataItem(
                pen=pg.mkPen(colour, width=2),
                symbol="o",
                symbolSize=4,
                symbolBrush=colour,
                symbolPen=None,
                name=name,
            )
        self.plot.addItem(item)
        # Thirty days by the minute is 43,200 points a series: draw what fits the pixels.
        # (After addItem: the PlotItem applies its own modes to what is added.)
        item.setDownsampling(auto=True, method="peak")
        # Peak keeps each pixel column's min and max: more samples per pixel add no ink.
        item.opts["autoDownsampleFactor"] = 1.0
        item.setClipToView(True)
        series = _Series(item, name, np.empty(0), np.empty(0))
        self._series[key] = series
        self._update_legend()
        return series

    def _update_legend(self) -> None:
        # Eighteen analytics types would bury the plot: past a few, the names go to a tooltip.
        n = len(self._series)
        self.legend.setColumnCount(1 if n <= 4 else 2)
        self.legend.setVisible(n <= LEGEND_MAX_SERIES)
        if n > LEGEND_MAX_SERIES:
            rows = [
                f"<span style='color:{s.item.opts['pen'].color().name()}'>■</span> {s.name}"
                for s in self._series.values()
            ]
            self.plot.setToolTip("<br>".join(rows))
        else:
            self.plot.setToolTip("")

    def set_series_name(self, key: str, name: str) -> None:
        series = self._series.get(key)
        if series is not None and series.name != name:
            series.name = name
            self.legend.removeItem(series.item)
            self.legend.addItem(series.item, name)
            self._update_legend()

    def series_keys(self) -> list[str]:
        return list(self._series)

    def series_data(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """The data the curve of ``key`` holds (as given to :meth:`set_series`)."""
        series = self._series[key]
        return series.xs, series.ys

    def plotted_data(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """What the ``PlotDataItem`` of ``key`` holds (tests check the curve, not a copy)."""
        x, y = self._series[key].item.getOriginalDataset()
        return np.asarray(x if x is not None else []), np.asarray(y if y is not None else [])

    def curve(self, key: str) -> pg.PlotDataItem:
        return self._series[key].item

    def set_step(self, step_s: int) -> None:
        """The bucket width of the data, so a click knows which bucket it hit."""
        self.step_s = max(1, int(step_s))

    def set_x_range(self, start: float, end: float) -> None:
        self.plot.getPlotItem().getViewBox().setXRange(start, end, padding=0.01)

    def set_headline(self, text: str, ok: bool | None = None) -> None:
        """The figure in the header; ``ok`` False paints it as missing its target."""
        self.headline_label.setText(text)
        colour = {True: "#5cc189", False: "#f08a24", None: ""}[ok]
        self.headline_label.setStyleSheet(f"color: {colour};" if colour else "")

    def set_alarm(self, level: int, text: str = "") -> None:
        """Raise (level 1..3) or clear (0) the chart's alarm: a coloured frame and a message."""
        self.alarm_level = level
        self.alarm_label.setVisible(level > 0)
        self.alarm_label.setText(text)
        self.alarm_label.setToolTip(text)
        if level > 0:
            colour = ALARM_COLOURS[min(level, 3)]
            self.alarm_label.setStyleSheet(
                f"background: {colour}; color: black; font-weight: bold; padding: 2px 6px;"
            )
            self.setStyleSheet(f"QFrame#kpiChart {{ border: 2px solid {colour}; }}")
        else:
            self.alarm_label.setStyleSheet("")
            self.setStyleSheet("")

    def _draw_bands_and_targets(self) -> None:
        item = self.plot.getPlotItem()
        for band in self.spec.bands:
            colour = QColor(ALARM_COLOURS[min(band.level, 3)])
            colour.setAlpha(45)
            # The top of an open band: far above anything a gauge reads, clipped by the view.
            high = band.high if band.high is not None else band.low * 10 + 100
            region = pg.LinearRegionItem(
                values=(band.low, high),
                orientation="horizontal",
                movable=False,
                brush=pg.mkBrush(colour),
                pen=pg.mkPen(None),
            )
            region.setZValue(-10)
            item.addItem(region, ignoreBounds=True)
            edge = QColor(ALARM_COLOURS[min(band.level, 3)])
            line = pg.InfiniteLine(
                pos=band.low,
                angle=0,
                pen=pg.mkPen(edge, width=1, style=Qt.PenStyle.DashLine),
                label=band.label,
                labelOpts={"position": 0.03, "color": edge, "anchors": [(0, 1), (0, 1)]},
            )
            item.addItem(line, ignoreBounds=True)
        for target in self.spec.targets:
            line = pg.InfiniteLine(
                pos=target.value,
                angle=0,
                pen=pg.mkPen("#c8d0d8", width=1, style=Qt.PenStyle.DotLine),
                label=target.label,
                labelOpts={"position": 0.03, "color": "#c8d0d8", "anchors": [(0, 1), (0, 1)]},
            )
            item.addItem(line, ignoreBounds=True)

    def fit_y(self) -> None:
        """Y range: the data, the first alarm band (it matters even while the river is low),
        the targets, and the spec's floor and ceiling."""
        los = [s.lo for s in self._series.values() if np.isfinite(s.lo)]
        his = [s.hi for s in self._series.values() if np.isfinite(s.hi)]
        lows = [v for v in (self.spec.y_min,) if v is not None]
        highs: list[float] = []
        if los:
            lows.append(min(los))
            highs.append(max(his))
        # The next alarm level above the data stays in view: the wall sees how far it is.
        top = max(his) if his else -np.inf
        above = [b.low for b in self.spec.bands if b.low > top]
        if above:
            highs.append(min(above) * 1.08)
        highs += [t.value for t in self.spec.targets]
        if self.spec.y_max is not None:
            highs = [min(h, self.spec.y_max) for h in highs] or [self.spec.y_max]
        if not highs:
            return
        low, high = min(lows) if lows else 0.0, max(highs)
        # A flat series (every report on time: 100 %) still gets a readable span.
        span = 10.0 if self.spec.y_max is not None else 1.0
        if high - low < span:
            high = low + span
            if self.spec.y_max is not None and high > self.spec.y_max:
                high, low = self.spec.y_max, min(low, self.spec.y_max - span)
        self.plot.getPlotItem().getViewBox().setYRange(low, high, padding=0.05)

    # -- clicks -------------------------------------------------------------------------------

    def _on_scene_clicked(self, event: object) -> None:
        button = getattr(event, "button", lambda: None)()
        if button != Qt.MouseButton.LeftButton:
            return
        self.click_scene(event.scenePos())  # type: ignore[attr-defined]

    def click_scene(self, pos: QPointF) -> bool:
        """Find the point or bar under scene position ``pos``; emit ``point_clicked``."""
        vb = self.plot.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(pos):
            return False
        view = vb.mapSceneToView(pos)
        best: tuple[float, str, float] | None = None
        for key, series in self._series.items():
            if not series.item.isVisible() or series.xs.size == 0:
                continue
            xs, ys = series.xs, series.ys
            if self.spec.bars:
                i = int(np.searchsorted(xs, view.x(), side="right")) - 1
                if i < 0 or view.x() >= xs[i] + self.step_s or not np.isfinite(ys[i]):
                    continue
                top = vb.mapViewToScene(QPointF(xs[i], ys[i]))
                # Inside the bar (or just above a short one) counts as a hit on it.
                distance = max(0.0, top.y() - pos.y())
            else:
                j = int(np.searchsorted(xs, view.x()))
                candidates = [k for k in (j - 1, j) if 0 <= k < xs.size and np.isfinite(ys[k])]
                if not candidates:
                    continue
                i, distance = -1, float("inf")
                for k in candidates:
                    p = vb.mapViewToScene(QPointF(xs[k], ys[k]))
                    d = float(np.hypot(p.x() - pos.x(), p.y() - pos.y()))
                    if d < distance:
                        i, distance = k, d
            if distance <= CLICK_TOLERANCE_PX and (best is None or distance < best[0]):
                best = (distance, key, float(xs[i]))
        if best is None:
            return False
        self.point_clicked.emit(self.spec.chart_id, best[1], best[2])
        return True

    def scene_pos_of(self, key: str, index: int) -> QPointF:
        """Where point ``index`` of ``key`` is drawn (for tests that click it)."""
        series = self._series[key]
        vb = self.plot.getPlotItem().getViewBox()
        y = series.ys[index]
        if self.spec.bars:
            x = series.xs[index] + self.step_s / 2
            y = y / 2
        else:
            x = series.xs[index]
        return vb.mapViewToScene(QPointF(float(x), float(y)))

    # -- export -------------------------------------------------------------------------------

    def export_png(self, path: str | Path) -> bool:
        """Save the chart (title, headline and plot, as shown) as a PNG image."""
        return self.grab().save(str(path), "PNG")

    def export_csv(self, path: str | Path) -> None:
        """Save the numbers: one row per timestamp, one column per series (UTC ISO times)."""
        keys = list(self._series)
        table: dict[float, dict[str, float]] = {}
        for key in keys:
            s = self._series[key]
            for x, y in zip(s.xs.tolist(), s.ys.tolist(), strict=True):
                table.setdefault(x, {})[key] = y
        with Path(path).open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            unit = f" ({self.spec.unit})" if self.spec.unit else ""
            writer.writerow(["time_utc", *(f"{self._series[k].name}{unit}" for k in keys)])
            for x in sorted(table):
                row = table[x]
                when = datetime.fromtimestamp(x, UTC).isoformat()
                writer.writerow(
                    [when, *("" if not np.isfinite(row.get(k, np.nan)) else row[k] for k in keys)]
                )
