"""KPIs: computed from the stored records (reports, alerts, calls, incidents), plus sampled
gauges (river levels, air quality, camera uptime) that the simulator writes each tick.

Counts are bucketed in Python from the few columns they need, so the same code runs on SQLite
and PostgreSQL (their date functions differ). Ward filtering is a set of wards (None = the whole
city); the river and air gauges are city-wide public data and shown to everyone.

The river model follows Huế's flood bulletins: the Hương at Kim Long with alarm levels (báo động)
1.0 / 2.0 / 3.5 m and the Bồ at Phú Ốc with 3.0 / 4.5 m (no level 1). In the flood scenario
both rise through every alarm level, hold at the crest and recede.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from backend.db import (
    AlertRow,
    CameraRow,
    FieldReportRow,
    HotlineCallRow,
    IncidentRow,
    KpiSampleRow,
    utcnow,
)
from server_client.contract import (
    FALSE_POSITIVE_REASON,
    AlertState,
    CameraStatus,
    IncidentState,
    KpiLine,
    KpiName,
    KpiPoint,
    KpiSeries,
    KpiSnapshot,
    KpiValue,
    ProcessGroup,
)

K = KpiName
UNITS: Final[dict[KpiName, str]] = {
    K.FIELD_REPORTS_RECEIVED: "reports",
    K.FIELD_REPORTS_PROCESSED: "reports",
    K.FIELD_REPORTS_ON_TIME: "%",
    K.FIELD_REPORTS_SATISFACTION: "%",
    K.ALERTS_PER_HOUR: "alerts/h",
    K.FALSE_POSITIVE_RATE: "%",
    K.CAMERA_UPTIME: "%",
    K.HOTLINE_CALLS: "calls",
    K.INCIDENT_SLA: "%",
    K.RIVER_LEVEL: "m",
    K.AIR_QUALITY: "AQI",
}
PROCESSED: Final = ("resolved", "closed", "rejected")
SATISFIED_FROM: Final = 4  # ratings 4 and 5 of 5 count as satisfied
MAX_BUCKETS: Final = 2000


# -- the river and the air --------------------------------------------------------------------


@dataclass(frozen=True)
class RiverStation:
    """A hydrological gauge with its alarm levels (None where a level is not defined)."""

    id: str
    river: str
    name: str
    thresholds: tuple[float | None, float | None, float | None]
    base: float
    crest: float

    def alarm_level(self, value: float) -> int:
        """0 below every alarm level, else the highest level (1..3) reached."""
        level = 0
        for index, threshold in enumerate(self.thresholds, start=1):
            if threshold is not None and value >= threshold:
                level = index
        return level


STATIONS: Final = (
    RiverStation("kim-long", "Hương", "Kim Long", (1.0, 2.0, 3.5), base=0.55, crest=4.1),
    RiverStation("phu-oc", "Bồ", "Phú Ốc", (None, 3.0, 4.5), base=1.4, crest=5.0),
)
AIR_STATIONS: Final = ("thuan-hoa", "phong-dien")


class RiverModel:
    """River levels as a function of time: a small tide normally, a flood wave in the scenario.

    The flood rises over ``rise_s`` (smoothly, through every alarm level), holds at the crest
    for a quarter of that, and recedes over the same time again.
    """

    def __init__(self, scenario: str, started: datetime, rise_s: float) -> None:
        self.scenario = scenario
        self.started = started
        self.rise_s = max(rise_s, 1.0)

    def level(self, station: RiverStation, at: datetime) -> float:
        hours = (at - self.started).total_seconds() / 3600
        # Huế's rivers feel the tide near the lagoon: about ±8 cm over 12.4 hours.
        tide = 0.08 * math.sin(2 * math.pi * hours / 12.4)
        value = station.base + tide
        if self.scenario == "flood":
            value += (station.crest - station.base) * self.flood_phase(at)
        return round(value, 2)

    def flood_phase(self, at: datetime) -> float:
        """0 (normal) .. 1 (crest) along the flood wave."""
        t = (at - self.started).total_seconds() / self.rise_s
        if t <= 0:
            return 0.0
        if t < 1:
            return t * t * (3 - 2 * t)  # smoothstep: slow start, fast middle, slow to the crest
        if t < 1.25:
            return 1.0
        if t < 2.25:
            r = t - 1.25
            return 1 - r * r * (3 - 2 * r)
        return 0.0


def air_quality(station: str, at: datetime, rng: random.Random) -> float:
    """A plausible AQI: cleaner at night, worse at the morning and evening rush (Huế ~30-90)."""
    hour = at.hour + 7 + at.minute / 60  # local time (UTC+7)
    rush = math.exp(-(((hour % 24) - 7.5) ** 2) / 3) + math.exp(-(((hour % 24) - 17.5) ** 2) / 3)
    base = 38 if station == "phong-dien" else 45
    return round(base + 30 * rush + rng.uniform(-6, 6), 1)


# -- snapshot ---------------------------------------------------------------------------------


def _in_wards(
    column: InstrumentedAttribute[Any], wards: frozenset[str] | None
) -> list[ColumnElement[bool]]:
    return [] if wards is None else [column.in_(sorted(wards))]


def _pct(part: float, whole: float) -> float | None:
    return None if whole == 0 else round(100.0 * part / whole, 2)


def snapshot(
    session: Session,
    wards: frozenset[str] | None,
    window_h: int,
    river: RiverModel,
    air: dict[str, float],
    now: datetime | None = None,
) -> KpiSnapshot:
    """Every KPI over the last ``window_h`` hours for ``wards`` (None = city)."""
    now = now or utcnow()
    since = now - timedelta(hours=window_h)
    values: list[KpiValue] = []

    def add(name: KpiName, value: float | None, **labels: str) -> None:
        values.append(KpiValue(name=name, value=value, unit=UNITS[name], labels=labels))

    # Field reports received in the window and what became of them.
    fr = session.execute(
        select(FieldReportRow.status, FieldReportRow.resolved_at, FieldReportRow.updated_at,
               FieldReportRow.due_at, FieldReportRow.satisfaction)
        .where(FieldReportRow.created_at >= since, *_in_wards(FieldReportRow.ward_id, wards))
    ).all()  # fmt: skip
    processed = [r for r in fr if r.status in PROCESSED]
    on_time = [r for r in processed if (r.resolved_at or r.updated_at) <= r.due_at]
    rated = [r.satisfaction for r in fr if r.satisfaction is not None]
    add(K.FIELD_REPORTS_RECEIVED, float(len(fr)))
    add(K.FIELD_REPORTS_PROCESSED, float(len(processed)))
    add(K.FIELD_REPORTS_ON_TIME, _pct(len(on_time), len(processed)))
    add(
        K.FIELD_REPORTS_SATISFACTION, _pct(sum(1 for r in rated if r >= SATISFIED_FROM), len(rated))
    )

    # Alerts per type per hour, and the share dismissed as false positives.
    alert_rows = session.execute(
        select(AlertRow.type, AlertRow.state, AlertRow.reason, func.count())
        .where(AlertRow.created_at >= since, *_in_wards(AlertRow.ward_id, wards))
        .group_by(AlertRow.type, AlertRow.state, AlertRow.reason)
    ).all()
    per_type: dict[str, int] = defaultdict(int)
    false_pos: dict[str, int] = defaultdict(int)
    for type_, state, reason, n in alert_rows:
        per_type[type_] += n
        if state == AlertState.DISMISSED.value and is_false_positive(reason):
            false_pos[type_] += n
    for type_ in sorted(per_type):
        add(K.ALERTS_PER_HOUR, round(per_type[type_] / window_h, 3), type=type_)
    for type_ in sorted(per_type):
        add(K.FALSE_POSITIVE_RATE, _pct(false_pos[type_], per_type[type_]), type=type_)

    cams = session.execute(
        select(CameraRow.status, func.count())
        .where(*_in_wards(CameraRow.ward_id, wards))
        .group_by(CameraRow.status)
    ).all()
    total_cams = sum(n for _, n in cams)
    online = sum(n for status, n in cams if status == CameraStatus.ONLINE.value)
    add(K.CAMERA_UPTIME, _pct(online, total_cams))

    calls = session.scalar(
        select(func.count()).select_from(HotlineCallRow)
        .where(HotlineCallRow.started_at >= since, *_in_wards(HotlineCallRow.ward_id, wards))
    )  # fmt: skip
    add(K.HOTLINE_CALLS, float(calls or 0))

    incidents = session.execute(
        select(IncidentRow.process_group, IncidentRow.state, IncidentRow.due_at,
               IncidentRow.resolved_at)
        .where(IncidentRow.created_at >= since, *_in_wards(IncidentRow.ward_id, wards))
    ).all()  # fmt: skip
    for group in ProcessGroup:
        decided = met = 0
        for r in incidents:
            if r.process_group != group.value or r.due_at is None:
                continue
            if r.resolved_at is not None:
                decided += 1
                met += r.resolved_at <= r.due_at
            elif r.state != IncidentState.CANCELLED.value and now > r.due_at:
                decided += 1
        add(K.INCIDENT_SLA, _pct(met, decided), process_group=group.value)

    for station in STATIONS:
        level = river.level(station, now)
        values.append(
            KpiValue(
                name=K.RIVER_LEVEL, value=level, unit=UNITS[K.RIVER_LEVEL],
                labels={"station": station.id, "river": station.river, "name": station.name},
                thresholds=list(station.thresholds), alarm_level=station.alarm_level(level),
            )
        )  # fmt: skip
    for station_id, aqi in air.items():
        add(K.AIR_QUALITY, aqi, station=station_id)
    ward_id = next(iter(wards)) if wards is not None and len(wards) == 1 else None
    return KpiSnapshot(ts=now, ward_id=ward_id, window_h=window_h, values=values)


def is_false_positive(reason: str | None) -> bool:
    """A dismissal whose reason is (or starts with) ``false_positive``."""
    return bool(reason) and str(reason).strip().lower().startswith(FALSE_POSITIVE_REASON)


# -- series -----------------------------------------------------------------------------------


class _Buckets:
    """Fixed-width time buckets from ``start``; values per label set."""

    def __init__(self, start: datetime, end: datetime, step_s: int) -> None:
        self.start, self.end, self.step_s = start, end, step_s
        self.count = max(1, math.ceil((end - start).total_seconds() / step_s))

    def index(self, ts: datetime) -> int | None:
        i = int((ts - self.start).total_seconds() // self.step_s)
        return i if 0 <= i < self.count else None

    def ts(self, i: int) -> datetime:
        return self.start + timedelta(seconds=i * self.step_s)

    def lines(
        self,
        rows: Iterable[tuple[dict[str, str], datetime, float]],
        reduce: Callable[[list[float]], float | None],
    ) -> list[KpiLine]:
        grouped: dict[tuple[tuple[str, str], ...], list[list[float]]] = {}
        for labels, ts, value in rows:
            i = self.index(ts)
            if i is None:
                continue
            key = tuple(sorted(labels.items()))
            grouped.setdefault(key, [[] for _ in range(self.count)])[i].append(value)
        return [
            KpiLine(
                labels=dict(key),
                points=[KpiPoint(ts=self.ts(i), value=reduce(vals)) for i, vals in enumerate(b)],
            )
            for key, b in sorted(grouped.items())
        ]


def _count(vals: list[float]) -> float:
    return float(len(vals))


def _mean(vals: list[float]) -> float | None:
    return round(sum(vals) / len(vals), 3) if vals else None


def _pct_true(vals: list[float]) -> float | None:
    return _pct(sum(vals), len(vals))


def series(
    session: Session,
    name: KpiName,
    wards: frozenset[str] | None,
    start: datetime,
    end: datetime,
    step_s: int,
) -> KpiSeries:
    """``name`` from ``start`` to ``end`` in buckets of ``step_s`` seconds."""
    b = _Buckets(start, end, step_s)
    rows: Sequence[Any]
    lines: list[KpiLine]
    if name == K.FIELD_REPORTS_RECEIVED:
        rows = session.execute(
            select(FieldReportRow.created_at).where(
                FieldReportRow.created_at >= start, FieldReportRow.created_at < end,
                *_in_wards(FieldReportRow.ward_id, wards),
            )
        ).all()  # fmt: skip
        lines = b.lines((({}, r[0], 1.0) for r in rows), _count)
    elif name in (K.FIELD_REPORTS_PROCESSED, K.FIELD_REPORTS_ON_TIME):
        rows = session.execute(
            select(FieldReportRow.resolved_at, FieldReportRow.due_at).where(
                FieldReportRow.resolved_at >= start, FieldReportRow.resolved_at < end,
                *_in_wards(FieldReportRow.ward_id, wards),
            )
        ).all()  # fmt: skip
        if name == K.FIELD_REPORTS_PROCESSED:
            lines = b.lines((({}, r[0], 1.0) for r in rows), _count)
        else:
            lines = b.lines((({}, r[0], float(r[0] <= r[1])) for r in rows), _pct_true)
    elif name == K.FIELD_REPORTS_SATISFACTION:
        rows = session.execute(
            select(FieldReportRow.closed_at, FieldReportRow.satisfaction).where(
                FieldReportRow.closed_at >= start, FieldReportRow.closed_at < end,
                FieldReportRow.satisfaction.is_not(None), *_in_wards(FieldReportRow.ward_id, wards),
            )
        ).all()  # fmt: skip
        lines = b.lines((({}, r[0], float(r[1] >= SATISFIED_FROM)) for r in rows), _pct_true)
    elif name in (K.ALERTS_PER_HOUR, K.FALSE_POSITIVE_RATE):
        rows = session.execute(
            select(AlertRow.type, AlertRow.created_at, AlertRow.state, AlertRow.reason).where(
                AlertRow.created_at >= start, AlertRow.created_at < end,
                *_in_wards(AlertRow.ward_id, wards),
            )
        ).all()  # fmt: skip
        if name == K.ALERTS_PER_HOUR:
            scale = 3600 / step_s
            lines = b.lines(
                (({"type": r[0]}, r[1], 1.0) for r in rows),
                lambda vals: round(len(vals) * scale, 3),
            )
        else:
            lines = b.lines(
                (
                    ({"type": r[0]}, r[1],
                     float(r[2] == AlertState.DISMISSED.value and is_false_positive(r[3])))
                    for r in rows
                ),
                _pct_true,
            )  # fmt: skip
    elif name == K.HOTLINE_CALLS:
        rows = session.execute(
            select(HotlineCallRow.started_at).where(
                HotlineCallRow.started_at >= start, HotlineCallRow.started_at < end,
                *_in_wards(HotlineCallRow.ward_id, wards),
            )
        ).all()  # fmt: skip
        lines = b.lines((({}, r[0], 1.0) for r in rows), _count)
    elif name == K.INCIDENT_SLA:
        rows = session.execute(
            select(IncidentRow.process_group, IncidentRow.resolved_at, IncidentRow.due_at).where(
                IncidentRow.resolved_at >= start, IncidentRow.resolved_at < end,
                IncidentRow.due_at.is_not(None), *_in_wards(IncidentRow.ward_id, wards),
            )
        ).all()  # fmt: skip
        lines = b.lines(
            (({"process_group": r[0]}, r[1], float(r[1] <= r[2])) for r in rows), _pct_true
        )
    else:  # sampled gauges: river.level, air.aqi, cameras.uptime
        where = [KpiSampleRow.name == name.value, KpiSampleRow.ts >= start, KpiSampleRow.ts < end]
        if name == K.CAMERA_UPTIME:
            # Sampled per ward ("" = city); a scoped caller gets its wards' samples averaged.
            where += (
                [KpiSampleRow.ward_id.is_(None)] if wards is None
                else [KpiSampleRow.ward_id.in_(sorted(wards))]
            )  # fmt: skip
        rows = session.execute(
            select(KpiSampleRow.label, KpiSampleRow.ts, KpiSampleRow.value).where(*where)
        ).all()
        label_key = "station" if name != K.CAMERA_UPTIME else ""
        lines = b.lines((({label_key: r[0]} if label_key else {}, r[1], r[2]) for r in rows), _mean)
    ward_id = next(iter(wards)) if wards is not None and len(wards) == 1 else None
    return KpiSeries(
        name=name, unit=UNITS[name], ward_id=ward_id, from_ts=start, to_ts=end, step_s=step_s,
        lines=lines,
    )  # fmt: skip


def sample_gauges(
    session: Session,
    river: RiverModel,
    air: dict[str, float],
    ward_ids: Sequence[str],
    now: datetime,
) -> None:
    """Store this tick's gauges: river levels, air quality, camera uptime (city and per ward)."""
    for station in STATIONS:
        session.add(KpiSampleRow(name=K.RIVER_LEVEL.value, label=station.id, ts=now,
                                 value=river.level(station, now)))  # fmt: skip
    for station_id, aqi in air.items():
        session.add(KpiSampleRow(name=K.AIR_QUALITY.value, label=station_id, ts=now, value=aqi))
    counts = session.execute(
        select(CameraRow.ward_id, CameraRow.status, func.count()).group_by(
            CameraRow.ward_id, CameraRow.status
        )
    ).all()
    per_ward: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for ward_id, status, n in counts:
        per_ward[ward_id][1] += n
        if status == CameraStatus.ONLINE.value:
            per_ward[ward_id][0] += n
    total_online = sum(v[0] for v in per_ward.values())
    total = sum(v[1] for v in per_ward.values())
    uptime = _pct(total_online, total)
    if uptime is not None:
        session.add(KpiSampleRow(name=K.CAMERA_UPTIME.value, label="", ward_id=None, ts=now,
                                 value=uptime))  # fmt: skip
    for ward_id in ward_ids:
        on, all_ = per_ward.get(ward_id, [0, 0])
        value = _pct(on, all_)
        if value is not None:
            session.add(KpiSampleRow(name=K.CAMERA_UPTIME.value, label="", ward_id=ward_id,
                                     ts=now, value=value))  # fmt: skip
