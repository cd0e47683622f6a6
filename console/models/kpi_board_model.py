"""The numbers behind the KPI board: which KPI each chart shows, the series as arrays, alarms.

No widgets here. :data:`CHARTS` maps the backend's KPIs (``server_client.contract.KpiName``) to
the board's charts; :class:`KpiBoardModel` holds each chart's series as numpy arrays on one
bucket grid (``start`` + k × ``step_s``), loads whole series from ``/kpis/series``, merges the
tail of a series fetched again, and folds a ``kpi.updated`` snapshot in: gauges (river levels,
air quality, camera uptime) set the current bucket, and every value is checked against its
chart's alarm bands.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

import numpy as np

from server_client.contract import KpiName, KpiSeries, KpiSnapshot, KpiValue

K = KpiName
# Gauges are sampled, not counted: a snapshot's value is the current reading.
GAUGES: Final = frozenset({K.RIVER_LEVEL, K.AIR_QUALITY, K.CAMERA_UPTIME})


@dataclass(frozen=True)
class AlarmBand:
    """From ``low`` upwards is alarm ``level`` (1..3), labelled like Huế's bulletins (BĐ1…)."""

    low: float
    level: int
    label: str


@dataclass(frozen=True)
class ChartDef:
    """One chart of the board.

    ``names``: the KPIs it plots (several → the KPI name is part of each series key);
    ``key_labels``: the labels that tell its series apart; ``only``: labels a line must carry
    (the river charts each show one station); ``record_kind``: what a click drills into.
    """

    chart_id: str
    names: tuple[KpiName, ...]
    key_labels: tuple[str, ...] = ()
    only: dict[str, str] = field(default_factory=dict)
    record_kind: str | None = None
    bars: bool = False
    percent: bool = False
    bands: tuple[AlarmBand, ...] = ()
    target: float | None = None

    def accepts(self, name: KpiName, labels: dict[str, str]) -> bool:
        return name in self.names and all(labels.get(k) == v for k, v in self.only.items())

    def key(self, name: KpiName, labels: dict[str, str]) -> str:
        parts = [f"kpi={name.value}"] if len(self.names) > 1 else []
        parts += [f"{k}={labels[k]}" for k in self.key_labels if k in labels]
        return ",".join(parts)


# Alarm levels (báo động) from shared/data/hue-facts.md: Hương at Kim Long 1.0 / 2.0 / 3.5 m,
# Bồ at Phú Ốc 3.0 / 4.5 m (no level 1); the backend reports the same thresholds.
KIM_LONG_BANDS: Final = (
    AlarmBand(1.0, 1, "BĐ1"),
    AlarmBand(2.0, 2, "BĐ2"),
    AlarmBand(3.5, 3, "BĐ3"),
)
PHU_OC_BANDS: Final = (AlarmBand(3.0, 2, "BĐ2"), AlarmBand(4.5, 3, "BĐ3"))
# Viet Nam's AQI: 101-150 poor, 151-200 bad, 201+ very bad.
AQI_BANDS: Final = (
    AlarmBand(101, 1, "AQI 101"),
    AlarmBand(151, 2, "AQI 151"),
    AlarmBand(201, 3, "AQI 201"),
)
PROCESSED_TARGET: Final = 98.0
SATISFIED_TARGET: Final = 92.0

CHARTS: Final = (
    ChartDef(
        "field_reports",
        (K.FIELD_REPORTS_RECEIVED, K.FIELD_REPORTS_PROCESSED),
        record_kind="field_reports",
        bars=True,
    ),
    ChartDef("on_time", (K.FIELD_REPORTS_ON_TIME,), record_kind="field_reports", percent=True),
    ChartDef(
        "satisfaction",
        (K.FIELD_REPORTS_SATISFACTION,),
        record_kind="field_reports",
        percent=True,
        target=SATISFIED_TARGET,
    ),
    ChartDef(
        "incident_sla",
        (K.INCIDENT_SLA,),
        key_labels=("process_group",),
        record_kind="incidents",
        percent=True,
    ),
    ChartDef("alerts_per_hour", (K.ALERTS_PER_HOUR,), key_labels=("type",), record_kind="alerts"),
    ChartDef(
        "false_positive",
        (K.FALSE_POSITIVE_RATE,),
        key_labels=("type",),
        record_kind="alerts",
        percent=True,
    ),
    ChartDef("camera_uptime", (K.CAMERA_UPTIME,), percent=True),
    ChartDef("hotline", (K.HOTLINE_CALLS,), record_kind="hotline_calls", bars=True),
    ChartDef(
        "river_kim_long",
        (K.RIVER_LEVEL,),
        key_labels=("station",),
        only={"station": "kim-long"},
        bands=KIM_LONG_BANDS,
    ),
    ChartDef(
        "river_phu_oc",
        (K.RIVER_LEVEL,),
        key_labels=("station",),
        only={"station": "phu-oc"},
        bands=PHU_OC_BANDS,
    ),
    ChartDef("air_quality", (K.AIR_QUALITY,), key_labels=("station",), bands=AQI_BANDS),
)
CHART_BY_ID: Final = {c.chart_id: c for c in CHARTS}


@dataclass(frozen=True)
class Alarm:
    """A chart's alarm: the highest level any of its series reached, and where."""

    level: int
    value: float
    band: AlarmBand
    labels: dict[str, str]


def alarm_level(bands: Iterable[AlarmBand], value: float) -> AlarmBand | None:
    """The highest band ``value`` reached, or None below all of them."""
    reached = [b for b in bands if value >= b.low]
    return max(reached, key=lambda b: b.level) if reached else None


def _ts(when: datetime) -> float:
    return when.timestamp()


class KpiBoardModel:
    """Every chart's series on the grid ``start + k × step_s``; alarms from snapshots."""

    def __init__(self, charts: Iterable[ChartDef] = CHARTS) -> None:
        self.charts = {c.chart_id: c for c in charts}
        self.start = 0.0
        self.step_s = 3600
        self.data: dict[str, dict[str, tuple[np.ndarray, np.ndarray]]] = {
            c: {} for c in self.charts
        }
        self.alarms: dict[str, Alarm | None] = dict.fromkeys(self.charts)
        self.last_snapshot: KpiSnapshot | None = None

    # -- the grid -----------------------------------------------------------------------------

    def reset(self, start: datetime, step_s: int) -> None:
        """A new time range: forget every series."""
        self.start = _ts(start)
        self.step_s = step_s
        self.data = {c: {} for c in self.charts}

    def bucket_of(self, when: datetime | float) -> float:
        t = when if isinstance(when, float) else _ts(when)
        return self.start + math.floor((t - self.start) / self.step_s) * self.step_s

    def charts_of(self, name: KpiName) -> list[ChartDef]:
        return [c for c in self.charts.values() if name in c.names]

    def series(self, chart_id: str) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        return self.data[chart_id]

    # -- loading ------------------------------------------------------------------------------

    def load(self, series: KpiSeries) -> set[str]:
        """Replace every series of ``series.name``; returns the charts that changed."""
        changed: set[str] = set()
        for chart in self.charts_of(series.name):
            prefix = f"kpi={series.name.value}" if len(chart.names) > 1 else ""
            store = self.data[chart.chart_id]
            for key in [k for k in store if k.startswith(prefix)]:
                del store[key]
            for line in series.lines:
                if not chart.accepts(series.name, line.labels):
                    continue
                xs = np.fromiter((_ts(p.ts) for p in line.points), np.float64, len(line.points))
                ys = np.fromiter(
                    (np.nan if p.value is None else p.value for p in line.points),
                    np.float64,
                    len(line.points),
                )
                store[chart.key(series.name, line.labels)] = (xs, ys)
            changed.add(chart.chart_id)
        return changed

    def merge_tail(self, series: KpiSeries) -> set[str]:
        """Replace the points from ``series.from_ts`` on with those of ``series``."""
        changed: set[str] = set()
        cut = _ts(series.from_ts)
        for chart in self.charts_of(series.name):
            store = self.data[chart.chart_id]
            for line in series.lines:
                if not chart.accepts(series.name, line.labels):
                    continue
                key = chart.key(series.name, line.labels)
                old_x, old_y = store.get(key, (np.empty(0), np.empty(0)))
                keep = old_x < cut
                new_x = np.array([_ts(p.ts) for p in line.points], np.float64)
                new_y = np.array(
                    [np.nan if p.value is None else p.value for p in line.points], np.float64
                )
                store[key] = (
                    np.concatenate([old_x[keep], new_x]),
                    np.concatenate([old_y[keep], new_y]),
                )
                changed.add(chart.chart_id)
        return changed

    # -- live ---------------------------------------------------------------------------------

    def apply_snapshot(self, snapshot: KpiSnapshot) -> set[str]:
        """Gauges set the value of their current bucket; alarms are re-evaluated."""
        self.last_snapshot = snapshot
        changed: set[str] = set()
        x = self.bucket_of(snapshot.ts)
        for value in snapshot.values:
            if value.name not in GAUGES or value.value is None:
                continue
            for chart in self.charts_of(value.name):
                if not chart.accepts(value.name, value.labels):
                    continue
                key = chart.key(value.name, value.labels)
                xs, ys = self.data[chart.chart_id].get(key, (np.empty(0), np.empty(0)))
                if xs.size and xs[-1] == x:
                    ys = ys.copy()
                    ys[-1] = value.value
                elif not xs.size or xs[-1] < x:
                    xs = np.append(xs, x)
                    ys = np.append(ys, value.value)
                else:
                    continue  # older than what is shown: a late event
                self.data[chart.chart_id][key] = (xs, ys)
                changed.add(chart.chart_id)
        return changed

    def evaluate_alarms(self, snapshot: KpiSnapshot) -> dict[str, Alarm | None]:
        """Each banded chart's alarm in ``snapshot``; returns only those that changed level."""
        worst: dict[str, Alarm | None] = {c: None for c, d in self.charts.items() if d.bands}
        for value in snapshot.values:
            for chart in self.charts_of(value.name):
                if not chart.bands or not chart.accepts(value.name, value.labels):
                    continue
                band = _band_of(chart, value)
                if band is None or value.value is None:
                    continue
                current = worst[chart.chart_id]
                if current is None or band.level > current.level:
                    worst[chart.chart_id] = Alarm(band.level, value.value, band, value.labels)
        changed: dict[str, Alarm | None] = {}
        for chart_id, alarm in worst.items():
            before = self.alarms.get(chart_id)
            if (before.level if before else 0) != (alarm.level if alarm else 0) or (
                alarm is not None and before is not None and alarm.value != before.value
            ):
                changed[chart_id] = alarm
            self.alarms[chart_id] = alarm
        return changed


def _band_of(chart: ChartDef, value: KpiValue) -> AlarmBand | None:
    if value.value is None:
        return None
    if value.alarm_level is not None and value.thresholds:
        # The backend says which level a river reached: trust it, label it with our band.
        level = value.alarm_level
        return next((b for b in chart.bands if b.level == level), None) if level else None
    return alarm_level(chart.bands, value.value)
