"""The KPI board: a grid of :class:`KpiChartWidget`, a time range, a ward filter and an alarm bar.

A view only. It emits intents — ``range_changed(key)``, ``ward_changed(ward_id)`` ("" = the whole
city) and ``drill_down_requested(DrillDownRequest)`` when a bar or point is clicked — and the
console's KPI controller answers them. Exports (PNG of a chart, CSV of its numbers) are local
files chosen in a non-modal dialog, so the board does them itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Final

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from widgets.kpi_chart import ALARM_COLOURS, ChartSpec, KpiChartWidget

# The time-range presets: key → label (translated in the combo).
RANGE_PRESETS: Final = (
    ("hour", QT_TRANSLATE_NOOP("KpiBoardWidget", "Last hour")),
    ("today", QT_TRANSLATE_NOOP("KpiBoardWidget", "Today")),
    ("7d", QT_TRANSLATE_NOOP("KpiBoardWidget", "7 days")),
    ("30d", QT_TRANSLATE_NOOP("KpiBoardWidget", "30 days")),
)


@dataclass(frozen=True)
class DrillDownRequest:
    """A click on a chart: which records (``kind``) behind which bucket, for which ward.

    ``labels`` are the series' labels (``type``, ``process_group``…), ``series`` its key.
    """

    kind: str
    chart_id: str
    series: str
    start: datetime
    end: datetime
    ward_id: str | None = None
    labels: dict[str, str] = field(default_factory=dict)


def labels_of(series_key: str) -> dict[str, str]:
    """``"type=wrong_way"`` → ``{"type": "wrong_way"}``; a plain key has no labels."""
    out: dict[str, str] = {}
    for part in series_key.split(","):
        if "=" in part:
            name, value = part.split("=", 1)
            out[name] = value
    return out


class KpiBoardWidget(QWidget):
    """Charts in a grid; the toolbar picks the time range and the ward."""

    range_changed = Signal(str)
    ward_changed = Signal(str)
    drill_down_requested = Signal(object)

    def __init__(self, columns: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = max(1, columns)
        self.charts: dict[str, KpiChartWidget] = {}
        self._alarms: dict[str, tuple[int, str]] = {}
        self._dialog: QFileDialog | None = None

        self.range_combo = QComboBox()
        for key, label in RANGE_PRESETS:
            self.range_combo.addItem(self.tr(str(label)), key)
        self.ward_combo = QComboBox()
        self.ward_combo.addItem(self.tr("Whole city"), "")
        self.ward_combo.setMinimumContentsLength(14)
        self.updated_label = QLabel()
        self.updated_label.setStyleSheet("color: #8fa3b8;")
        self.alarm_bar = QLabel()
        self.alarm_bar.setObjectName("kpiAlarmBar")
        self.alarm_bar.setVisible(False)
        self.alarm_bar.setWordWrap(True)
        self.alarm_bar.setTextFormat(Qt.TextFormat.PlainText)

        toolbar = QHBoxLayout()
        toolbar.setContentsMargins(0, 0, 0, 0)
        toolbar.addWidget(QLabel(self.tr("Time range:")))
        toolbar.addWidget(self.range_combo)
        toolbar.addSpacing(12)
        toolbar.addWidget(QLabel(self.tr("Ward:")))
        toolbar.addWidget(self.ward_combo)
        toolbar.addStretch(1)
        toolbar.addWidget(self.updated_label)

        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(6)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.grid_host)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(toolbar)
        layout.addWidget(self.alarm_bar)
        layout.addWidget(scroll, 1)

        self.range_combo.currentIndexChanged.connect(self._on_range_combo_changed)
        self.ward_combo.currentIndexChanged.connect(self._on_ward_combo_changed)

    # -- set up -------------------------------------------------------------------------------

    def set_specs(self, specs: Sequence[ChartSpec]) -> None:
        """Build the charts (once; later calls replace them all)."""
        for chart in self.charts.values():
            self.grid.removeWidget(chart)
            chart.deleteLater()
        self.charts = {}
        for i, spec in enumerate(specs):
            chart = KpiChartWidget(spec)
            chart.setMinimumHeight(190)
            chart.point_clicked.connect(self._on_chart_point_clicked)
            chart.export_png_requested.connect(self._on_chart_export_png_requested)
            chart.export_csv_requested.connect(self._on_chart_export_csv_requested)
            self.grid.addWidget(chart, i // self.columns, i % self.columns)
            self.charts[spec.chart_id] = chart
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 1)
        for col in range(self.columns):
            self.grid.setColumnStretch(col, 1)

    def chart(self, chart_id: str) -> KpiChartWidget:
        return self.charts[chart_id]

    def set_wards(self, wards: Sequence[tuple[str, str]]) -> None:
        """The ward filter's choices as (id, name); the current choice is kept if still there."""
        current = self.ward_id()
        self.ward_combo.blockSignals(True)
        self.ward_combo.clear()
        self.ward_combo.addItem(self.tr("Whole city"), "")
        for ward_id, name in wards:
            self.ward_combo.addItem(name, ward_id)
        index = self.ward_combo.findData(current or "")
        self.ward_combo.setCurrentIndex(max(0, index))
        self.ward_combo.blockSignals(False)

    def range_key(self) -> str:
        return str(self.range_combo.currentData())

    def ward_id(self) -> str | None:
        value = self.ward_combo.currentData()
        return str(value) if value else None

    def set_range_key(self, key: str) -> None:
        index = self.range_combo.findData(key)
        if index >= 0:
            self.range_combo.setCurrentIndex(index)

    def set_ward(self, ward_id: str | None) -> None:
        index = self.ward_combo.findData(ward_id or "")
        if index >= 0:
            self.ward_combo.setCurrentIndex(index)

    def set_updated(self, text: str) -> None:
        self.updated_label.setText(text)

    # -- alarms -------------------------------------------------------------------------------

    def set_alarm(self, chart_id: str, level: int, text: str = "") -> None:
        """Raise (1..3) or clear (0) a chart's alarm; the bar above the grid lists them all."""
        chart = self.charts.get(chart_id)
        if chart is not None:
            chart.set_alarm(level, text)
        if level > 0:
            self._alarms[chart_id] = (level, text)
        else:
            self._alarms.pop(chart_id, None)
        self._update_alarm_bar()

    def alarms(self) -> dict[str, tuple[int, str]]:
        return dict(self._alarms)

    def _update_alarm_bar(self) -> None:
        if not self._alarms:
            self.alarm_bar.setVisible(False)
            self.alarm_bar.setText("")
            return
        worst = max(level for level, _ in self._alarms.values())
        texts = [text for _, text in sorted(self._alarms.values(), key=lambda a: -a[0])]
        self.alarm_bar.setText("⚠ " + "   ·   ".join(texts))
        self.alarm_bar.setStyleSheet(
            f"QLabel#kpiAlarmBar {{ background: {ALARM_COLOURS[min(worst, 3)]}; color: black;"
            " font-weight: bold; font-size: 14px; padding: 6px; }"
        )
        self.alarm_bar.setVisible(True)

    # -- intents ------------------------------------------------------------------------------

    def _on_range_combo_changed(self, _index: int) -> None:
        self.range_changed.emit(self.range_key())

    def _on_ward_combo_changed(self, _index: int) -> None:
        self.ward_changed.emit(self.ward_id() or "")

    def _on_chart_point_clicked(self, chart_id: str, series: str, x: float) -> None:
        chart = self.charts[chart_id]
        kind = chart.spec.record_kind
        if kind is None:
            return
        start = datetime.fromtimestamp(x, UTC)
        self.drill_down_requested.emit(
            DrillDownRequest(
                kind=kind,
                chart_id=chart_id,
                series=series,
                start=start,
                end=start + timedelta(seconds=chart.step_s),
                ward_id=self.ward_id(),
                labels=labels_of(series),
            )
        )

    def _on_chart_export_png_requested(self, chart_id: str) -> None:
        self._choose_file(chart_id, "png", self.tr("PNG images (*.png)"))

    def _on_chart_export_csv_requested(self, chart_id: str) -> None:
        self._choose_file(chart_id, "csv", self.tr("CSV files (*.csv)"))

    def _choose_file(self, chart_id: str, suffix: str, name_filter: str) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        dialog = QFileDialog(self, self.tr("Export chart"), f"{chart_id}-{stamp}.{suffix}")
        dialog.setNameFilter(name_filter)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix)
        dialog.fileSelected.connect(
            lambda path, c=chart_id, s=suffix: self.export_chart(c, path, s)
        )
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    def export_chart(self, chart_id: str, path: str, suffix: str) -> None:
        chart = self.charts[chart_id]
        if suffix == "png":
            chart.export_png(path)
        else:
            chart.export_csv(path)
