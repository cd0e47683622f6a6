"""Feeds the KPI board from the backend and answers its intents.

- A time range (last hour, today, 7 days, 30 days) and a ward pick the bucket grid; every KPI's
  series is fetched from ``/kpis/series`` (all at once, the latest request wins).
- ``kpi.updated`` (the snapshot of the board's ward; ``ward_id`` null = the city) moves the gauges
  and the headlines at once and checks the alarm bands; the counted KPIs' last two buckets are
  fetched again shortly after (one request per KPI, coalesced), and merged in place.
- A click on a bar or a point (``drill_down_requested``) fetches the incidents, field reports,
  alerts or hotline calls behind it and lists them in a non-modal dialog.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from pydantic import ValidationError
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from console.models.alert_table_model import display_name
from console.models.kpi_board_model import (
    CHART_BY_ID,
    CHARTS,
    GAUGES,
    PROCESSED_TARGET,
    SATISFIED_TARGET,
    Alarm,
    KpiBoardModel,
)
from console.models.kpi_records_model import KpiRecordTableModel, RecordRow
from console.tasks import OwnedTasks
from server_client.contract import (
    EventEnvelope,
    EventType,
    FieldReport,
    HotlineCall,
    Incident,
    KpiName,
    KpiSnapshot,
    KpiValue,
)
from server_client.rest import ApiError, BackendUnreachable, RestClient
from widgets.kpi_board import DrillDownRequest, KpiBoardWidget, labels_of
from widgets.kpi_chart import Band, ChartSpec, KpiChartWidget, TargetLine
from widgets.kpi_records import KpiRecordsDialog

log = logging.getLogger(__name__)

K = KpiName
TAIL_DELAY_MS: Final = 400
PUSH_INTERVAL_MS: Final = 15
PAGE: Final = 500
MAX_RECORDS: Final = 1000
# Range key → (how far back, bucket width in seconds); "today" starts at local midnight.
RANGES: Final[dict[str, tuple[timedelta | None, int]]] = {
    "hour": (timedelta(hours=1), 60),
    "today": (None, 300),
    "7d": (timedelta(days=7), 3600),
    "30d": (timedelta(days=30), 3 * 3600),
}

TITLES: Final = {
    "field_reports": QT_TRANSLATE_NOOP("KpiController", "Field reports received / processed"),
    "on_time": QT_TRANSLATE_NOOP("KpiController", "Field reports processed on time"),
    "satisfaction": QT_TRANSLATE_NOOP("KpiController", "Citizen satisfaction"),
    "incident_sla": QT_TRANSLATE_NOOP("KpiController", "Incident SLA compliance"),
    "alerts_per_hour": QT_TRANSLATE_NOOP("KpiController", "AI alerts per hour by type"),
    "false_positive": QT_TRANSLATE_NOOP("KpiController", "False positives by type"),
    "camera_uptime": QT_TRANSLATE_NOOP("KpiController", "Camera uptime"),
    "hotline": QT_TRANSLATE_NOOP("KpiController", "Hotline 1900 1075 calls"),
    "river_kim_long": QT_TRANSLATE_NOOP("KpiController", "Hương river at Kim Long"),
    "river_phu_oc": QT_TRANSLATE_NOOP("KpiController", "Bồ river at Phú Ốc"),
    "air_quality": QT_TRANSLATE_NOOP("KpiController", "Air quality (AQI)"),
}
SERIES_NAMES: Final = {
    "kpi=field_reports.received": QT_TRANSLATE_NOOP("KpiController", "Received"),
    "kpi=field_reports.processed": QT_TRANSLATE_NOOP("KpiController", "Processed"),
    "process_group=immediate": QT_TRANSLATE_NOOP("KpiController", "Immediate handling"),
    "process_group=deadline": QT_TRANSLATE_NOOP("KpiController", "Within a deadline"),
    "process_group=command_support": QT_TRANSLATE_NOOP("KpiController", "Command support"),
    "station=kim-long": QT_TRANSLATE_NOOP("KpiController", "Kim Long"),
    "station=phu-oc": QT_TRANSLATE_NOOP("KpiController", "Phú Ốc"),
    "station=thuan-hoa": QT_TRANSLATE_NOOP("KpiController", "Thuận Hóa"),
    "station=phong-dien": QT_TRANSLATE_NOOP("KpiController", "Phong Điền"),
}
RECORD_KIND_NAMES: Final = {
    "field_reports": QT_TRANSLATE_NOOP("KpiController", "Field reports"),
    "incidents": QT_TRANSLATE_NOOP("KpiController", "Incidents"),
    "alerts": QT_TRANSLATE_NOOP("KpiController", "AI alerts"),
    "hotline_calls": QT_TRANSLATE_NOOP("KpiController", "Hotline calls"),
}


def _tr(text: object) -> str:
    return QCoreApplication.translate("KpiController", str(text))


def _fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _pct(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f} %"


def chart_specs() -> list[ChartSpec]:
    """The board's charts with translated titles, bands and targets."""
    specs = []
    for chart in CHARTS:
        bands = tuple(
            Band(b.low, chart.bands[i + 1].low if i + 1 < len(chart.bands) else None, b.label,
                 b.level)
            for i, b in enumerate(chart.bands)
        )  # fmt: skip
        targets: tuple[TargetLine, ...] = ()
        if chart.target is not None:
            targets = (TargetLine(chart.target, f"> {chart.target:g} %"),)
        unit = (
            "%"
            if chart.percent
            else {"river_kim_long": "m", "river_phu_oc": "m"}.get(chart.chart_id, "")
        )
        specs.append(
            ChartSpec(
                chart_id=chart.chart_id,
                title=_tr(TITLES[chart.chart_id]),
                unit=unit,
                record_kind=chart.record_kind,
                bars=chart.bars,
                bands=bands,
                targets=targets,
                # Rates fit their data (a dip from 99 to 95 % must show); counts start at 0.
                y_min=None if chart.percent or unit == "m" else 0.0,
                y_max=100.0 if chart.percent else None,
            )
        )
    return specs


def series_name(key: str) -> str:
    """The legend text of a series key (``type=wrong_way`` → "Wrong-way driving")."""
    if key in SERIES_NAMES:
        return _tr(SERIES_NAMES[key])
    if key.startswith("type="):
        return display_name(key[5:])
    return key.split("=", 1)[-1] if key else _tr(TITLES.get(key, "")) or "—"


class KpiController(QObject):
    """Loads and live-updates the KPI board; runs drill-downs."""

    error_reported = Signal(str)
    # Emitted with the dialog once a drill-down's records are shown.
    records_opened = Signal(object)
    # A record double-clicked in a drill-down list: (kind, id).
    record_activated = Signal(str, int)
    alarm_changed = Signal(str, int, str)

    def __init__(
        self,
        rest: RestClient,
        parent: QObject | None = None,
        *,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.rest = rest
        self.model = KpiBoardModel()
        self.board: KpiBoardWidget | None = None
        self.range_key = "today"
        self.ward: str | None = None
        self.ward_names: dict[str, str] = {}
        self.malformed = 0
        self._now = now or (lambda: datetime.now(UTC))
        self._views: dict[str, list[KpiChartWidget]] = {c.chart_id: [] for c in CHARTS}
        self._tasks = OwnedTasks("KPI")
        self._load_task: asyncio.Task[object] | None = None
        self._drill_task: asyncio.Task[object] | None = None
        self._tail_task: asyncio.Task[object] | None = None
        self._tail_again = False
        self._dialogs: list[KpiRecordsDialog] = []
        self._tail_timer = QTimer(self)
        self._tail_timer.setSingleShot(True)
        self._tail_timer.setInterval(TAIL_DELAY_MS)
        self._tail_timer.timeout.connect(self._on_tail_timer_timeout)
        self._dirty: dict[str, bool] = {}
        self._push_timer = QTimer(self)
        self._push_timer.setInterval(PUSH_INTERVAL_MS)
        self._push_timer.timeout.connect(self._on_push_timer_timeout)

    # -- wiring -------------------------------------------------------------------------------

    def bind_view(self, board: KpiBoardWidget) -> None:
        self.board = board
        board.set_specs(chart_specs())
        for chart_id, chart in board.charts.items():
            self._views[chart_id].append(chart)
        board.set_range_key(self.range_key)
        board.range_changed.connect(self._on_board_range_changed)
        board.ward_changed.connect(self._on_board_ward_changed)
        board.drill_down_requested.connect(self._on_board_drill_down_requested)

    def make_chart(self, chart_id: str) -> KpiChartWidget:
        """A further live view of one chart (a KPI pane on a wall tile)."""
        spec = next(s for s in chart_specs() if s.chart_id == chart_id)
        chart = KpiChartWidget(spec)
        self._views[chart_id].append(chart)
        chart.destroyed.connect(lambda *_a, c=chart, i=chart_id: self._forget_view(i, c))
        self._push({chart_id})
        return chart

    def make_pane(self, chart_id: str) -> QWidget:
        """A KPI pane for a wall tile: the live chart (a click drills down as on the board),
        or a notice naming an unknown chart id."""
        if chart_id not in CHART_BY_ID:
            label = QLabel(self.tr("Unknown KPI chart: %1").replace("%1", chart_id))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            return label
        chart = self.make_chart(chart_id)
        # Exports belong to the board; a wall tile only shows.
        chart.png_button.setVisible(False)
        chart.csv_button.setVisible(False)
        chart.point_clicked.connect(
            lambda cid, series, x, c=chart: self._on_pane_point_clicked(c, cid, series, x)
        )
        return chart

    def _on_pane_point_clicked(
        self, chart: KpiChartWidget, chart_id: str, series: str, x: float
    ) -> None:
        kind = chart.spec.record_kind
        if kind is None:
            return
        start = datetime.fromtimestamp(x, UTC)
        self._on_board_drill_down_requested(
            DrillDownRequest(
                kind=kind, chart_id=chart_id, series=series, start=start,
                end=start + timedelta(seconds=chart.step_s), ward_id=self.ward,
                labels=labels_of(series),
            )
        )  # fmt: skip

    def _forget_view(self, chart_id: str, chart: KpiChartWidget) -> None:
        with contextlib.suppress(ValueError):
            self._views[chart_id].remove(chart)

    def spawn(self, coro: Awaitable[object]) -> asyncio.Task[Any]:
        return self._tasks.spawn(coro)

    async def wait_idle(self) -> None:
        """Wait for the fetches under way (tests, an orderly exit)."""
        await self._tasks.wait_idle()

    async def aclose(self) -> None:
        self._tail_timer.stop()
        self._push_timer.stop()
        await self._tasks.cancel_all()
        for dialog in self._dialogs:
            with contextlib.suppress(RuntimeError):
                dialog.close()
        self._dialogs.clear()

    # -- loading ------------------------------------------------------------------------------

    async def start(self) -> None:
        """Ward names for the filter, then the whole board."""
        try:
            wards = await self.rest.wards()
        except (ApiError, BackendUnreachable) as exc:
            log.warning("wards unavailable: %s", exc)
            wards = []
        self.ward_names = {w.id: w.name for w in wards}
        if self.board is not None:
            self.board.set_wards(sorted(self.ward_names.items(), key=lambda w: w[1]))
        await self.reload()

    def range_bounds(self) -> tuple[datetime, datetime, int]:
        """(start, now, step) of the current range; the grid starts on a whole step."""
        now = self._now()
        back, step = RANGES[self.range_key]
        if back is None:
            local = now.astimezone()
            start = local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)
        else:
            start = now - back
            start = datetime.fromtimestamp((start.timestamp() // step) * step, UTC)
        return start, now, step

    async def reload(self) -> None:
        """Fetch every KPI for the current range and ward; a newer reload cancels this one."""
        if self._load_task is not None and not self._load_task.done():
            self._load_task.cancel()
        self._load_task = self.spawn(self._reload())
        await asyncio.gather(self._load_task, return_exceptions=True)

    async def _reload(self) -> None:
        start, now, step = self.range_bounds()
        self.model.reset(start, step)
        names = list(dict.fromkeys(n for c in CHARTS for n in c.names))
        try:
            results = await asyncio.gather(
                *(self.rest.kpi_series(n, start, now, step, ward=self.ward) for n in names),
                self.rest.kpi_snapshot(ward=self.ward),
            )
        except (ApiError, BackendUnreachable) as exc:
            self.error_reported.emit(self.tr("KPIs unavailable: %1").replace("%1", str(exc)))
            return
        for series in results[:-1]:
            self.model.load(series)  # type: ignore[arg-type]
        snapshot = results[-1]
        assert isinstance(snapshot, KpiSnapshot)
        self.model.apply_snapshot(snapshot)
        self._push(set(self._views), clear_missing=True)
        self._show_snapshot(snapshot)

    async def refresh_tail(self) -> None:
        """The counted KPIs' last two buckets again (they change as records come in)."""
        start, now, step = self.range_bounds()
        if abs(start.timestamp() - self.model.start) > 1 or step != self.model.step_s:
            await self.reload()  # the range rolled over (a new day for "today")
            return
        current = self.model.bucket_of(now)
        since = datetime.fromtimestamp(max(self.model.start, current - step), UTC)
        names = [n for n in dict.fromkeys(n for c in CHARTS for n in c.names) if n not in GAUGES]
        try:
            results = await asyncio.gather(
                *(self.rest.kpi_series(n, since, now, step, ward=self.ward) for n in names)
            )
        except (ApiError, BackendUnreachable) as exc:
            log.info("KPI refresh failed: %s", exc)
            return
        changed: set[str] = set()
        for series in results:
            changed |= self.model.merge_tail(series)
        self._push(changed)

    # -- pushing to the views -------------------------------------------------------------------

    def _push(self, chart_ids: Iterable[str], clear_missing: bool = False) -> None:
        """Queue charts for redrawing; one chart per :data:`PUSH_INTERVAL_MS` tick.

        A whole board repainted at once blocks the GUI for ~100 ms (bench/kpi.py); one chart at
        a time keeps every stall short, and a chart queued twice is drawn once.
        """
        for chart_id in chart_ids:
            self._dirty[chart_id] = self._dirty.get(chart_id, False) or clear_missing
        if self._dirty and not self._push_timer.isActive():
            self._push_timer.start()

    def refresh_views(self, chart_ids: Iterable[str] | None = None) -> None:
        """Queue charts (default: all) for redrawing from the model."""
        self._push(self._views if chart_ids is None else chart_ids)

    def flush_views(self) -> None:
        """Draw every queued chart now (tests; a board about to be grabbed)."""
        while self._dirty:
            self._on_push_timer_timeout()

    def _on_push_timer_timeout(self) -> None:
        if not self._dirty:
            self._push_timer.stop()
            return
        chart_id = next(iter(self._dirty))
        clear_missing = self._dirty.pop(chart_id)
        self._draw(chart_id, clear_missing)
        if not self._dirty:
            self._push_timer.stop()

    def _draw(self, chart_id: str, clear_missing: bool) -> None:
        end = max(self._now().timestamp(), self.model.start + self.model.step_s)
        data = self.model.series(chart_id)
        for view in self._views.get(chart_id, []):
            view.set_step(self.model.step_s)
            for key, (xs, ys) in data.items():
                view.set_series(key, xs, ys, series_name(key))
            if clear_missing:
                for key in view.series_keys():
                    if key not in data:
                        view.set_series(key, [], [])
            view.set_x_range(self.model.start, end)

    def _show_snapshot(self, snapshot: KpiSnapshot) -> None:
        for chart_id, (text, ok) in self.headlines(snapshot).items():
            for view in self._views.get(chart_id, []):
                view.set_headline(text, ok)
        for chart_id, alarm in self.model.evaluate_alarms(snapshot).items():
            level = alarm.level if alarm else 0
            text = self.alarm_text(chart_id, alarm) if alarm else ""
            for view in self._views.get(chart_id, []):
                view.set_alarm(level, text)
            if self.board is not None:
                self.board.set_alarm(chart_id, level, text)
            self.alarm_changed.emit(chart_id, level, text)
        if self.board is not None:
            stamp = snapshot.ts.astimezone().strftime("%H:%M:%S")
            self.board.set_updated(self.tr("Updated %1").replace("%1", stamp))

    def alarm_text(self, chart_id: str, alarm: Alarm) -> str:
        chart = CHART_BY_ID[chart_id]
        if chart.chart_id.startswith("river_"):
            return (
                self.tr("%1: %2 m, alarm level %3 (%4 from %5 m)")
                .replace("%1", _tr(TITLES[chart_id]))
                .replace("%2", f"{alarm.value:.2f}")
                .replace("%3", str(alarm.level))
                .replace("%4", alarm.band.label)
                .replace("%5", f"{alarm.band.low:g}")
            )
        station = series_name(f"station={alarm.labels.get('station', '')}")
        return (
            self.tr("Air quality at %1: AQI %2, alarm level %3")
            .replace("%1", station)
            .replace("%2", f"{alarm.value:.0f}")
            .replace("%3", str(alarm.level))
        )

    def headlines(self, snapshot: KpiSnapshot) -> dict[str, tuple[str, bool | None]]:
        """Each chart's headline figure from a snapshot, and whether it meets its target."""
        by_name: dict[KpiName, list[KpiValue]] = {}
        for v in snapshot.values:
            by_name.setdefault(v.name, []).append(v)

        def one(name: KpiName) -> float | None:
            values = by_name.get(name, [])
            return values[0].value if values else None

        out: dict[str, tuple[str, bool | None]] = {}
        window = self.tr("%1 h").replace("%1", str(snapshot.window_h))
        received, processed = one(K.FIELD_REPORTS_RECEIVED), one(K.FIELD_REPORTS_PROCESSED)
        share = None if not received else 100.0 * (processed or 0) / received
        out["field_reports"] = (
            self.tr("%1 received, %2 % processed (%3)")
            .replace("%1", _fmt(received, 0))
            .replace("%2", _fmt(share))
            .replace("%3", window),
            None if share is None else share > PROCESSED_TARGET,
        )
        on_time = one(K.FIELD_REPORTS_ON_TIME)
        out["on_time"] = (_pct(on_time), None)
        satisfied = one(K.FIELD_REPORTS_SATISFACTION)
        out["satisfaction"] = (
            self.tr("%1 % satisfied").replace("%1", _fmt(satisfied)),
            None if satisfied is None else satisfied > SATISFIED_TARGET,
        )
        sla = [
            f"{series_name('process_group=' + v.labels.get('process_group', ''))} {_pct(v.value, 0)}"
            for v in by_name.get(K.INCIDENT_SLA, [])
        ]
        out["incident_sla"] = (" · ".join(sla), None)
        per_hour = sum(v.value or 0 for v in by_name.get(K.ALERTS_PER_HOUR, []))
        out["alerts_per_hour"] = (self.tr("%1 alerts/h").replace("%1", _fmt(per_hour)), None)
        fp = [v.value for v in by_name.get(K.FALSE_POSITIVE_RATE, []) if v.value is not None]
        worst = max(fp) if fp else None
        out["false_positive"] = (self.tr("highest %1 %").replace("%1", _fmt(worst)), None)
        out["camera_uptime"] = (_pct(one(K.CAMERA_UPTIME)), None)
        calls = one(K.HOTLINE_CALLS)
        out["hotline"] = (
            self.tr("%1 calls (%2)").replace("%1", _fmt(calls, 0)).replace("%2", window),
            None,
        )
        for v in by_name.get(K.RIVER_LEVEL, []):
            chart_id = {"kim-long": "river_kim_long", "phu-oc": "river_phu_oc"}.get(
                v.labels.get("station", "")
            )
            if chart_id is not None:
                out[chart_id] = (f"{_fmt(v.value, 2)} m", (v.alarm_level or 0) == 0)
        aqi = [
            f"{series_name('station=' + v.labels.get('station', ''))} {_fmt(v.value, 0)}"
            for v in by_name.get(K.AIR_QUALITY, [])
        ]
        out["air_quality"] = (" · ".join(aqi), None)
        return out

    # -- live events --------------------------------------------------------------------------

    def on_events(self, events: list[EventEnvelope]) -> None:
        """``kpi.updated`` of the board's ward (null = city) updates it in place."""
        latest: KpiSnapshot | None = None
        for event in events:
            if event.type != EventType.KPI_UPDATED:
                continue
            try:
                snapshot = KpiSnapshot.model_validate(event.data)
            except ValidationError as exc:
                self.malformed += 1
                log.warning("event %d: malformed kpi.updated: %s", event.seq, exc.errors()[:1])
                continue
            if snapshot.ward_id == self.ward:
                latest = snapshot
        if latest is None:
            return
        self.apply_snapshot(latest)
        self._tail_timer.start()

    def apply_snapshot(self, snapshot: KpiSnapshot) -> None:
        changed = self.model.apply_snapshot(snapshot)
        self._push(changed)
        self._show_snapshot(snapshot)

    def _on_tail_timer_timeout(self) -> None:
        if self._tail_task is not None and not self._tail_task.done():
            self._tail_again = True
            return
        self._tail_task = self.spawn(self._run_tail())

    async def _run_tail(self) -> None:
        await self.refresh_tail()
        if self._tail_again:
            self._tail_again = False
            self._tail_timer.start()

    def _on_board_range_changed(self, key: str) -> None:
        if key in RANGES and key != self.range_key:
            self.range_key = key
            self.spawn(self.reload())

    def _on_board_ward_changed(self, ward_id: str) -> None:
        ward = ward_id or None
        if ward != self.ward:
            self.ward = ward
            self.spawn(self.reload())

    # -- drill-down ---------------------------------------------------------------------------

    def _on_board_drill_down_requested(self, request: object) -> None:
        if not isinstance(request, DrillDownRequest):
            return
        if self._drill_task is not None and not self._drill_task.done():
            self._drill_task.cancel()  # the latest click wins
        self._drill_task = self.spawn(self.drill_down(request))

    async def drill_down(self, request: DrillDownRequest) -> KpiRecordsDialog | None:
        """Fetch the records behind ``request`` and show them in a non-modal list."""
        try:
            rows = await self.records_for(request)
        except (ApiError, BackendUnreachable) as exc:
            self.error_reported.emit(
                self.tr("Could not load the records: %1").replace("%1", str(exc))
            )
            return None
        chart = CHART_BY_ID.get(request.chart_id)
        start = request.start.astimezone().strftime("%Y-%m-%d %H:%M")
        end = request.end.astimezone().strftime("%H:%M" if request.end - request.start
                                                < timedelta(days=1) else "%Y-%m-%d %H:%M")  # fmt: skip
        where = self.ward_names.get(request.ward_id or "", "") or self.tr("whole city")
        title = (
            self.tr("%1 — %2, %3 to %4, %5")
            .replace("%1", _tr(RECORD_KIND_NAMES.get(request.kind, request.kind)))
            .replace("%2", f"{_tr(TITLES.get(request.chart_id, ''))} · {series_name(request.series)}"
                     if chart and request.series else _tr(TITLES.get(request.chart_id, "")))
            .replace("%3", start)
            .replace("%4", end)
            .replace("%5", where)
        )  # fmt: skip
        count = self.tr("%1 records").replace("%1", str(len(rows)))
        if len(rows) >= MAX_RECORDS:
            count = self.tr("The first %1 records").replace("%1", str(len(rows)))
        parent = self.board.window() if self.board is not None else None
        dialog = KpiRecordsDialog(title, parent if isinstance(parent, QWidget) else None)
        dialog.set_model(KpiRecordTableModel(rows), count)
        dialog.record_activated.connect(self.record_activated)
        dialog.destroyed.connect(lambda *_a, d=dialog: self._forget_dialog(d))
        self._dialogs.append(dialog)
        # show(), not exec() (never inside a coroutine) and not open() (window-modal in Qt):
        # the operator keeps working with the list beside the wall.
        dialog.show()
        dialog.raise_()
        self.records_opened.emit(dialog)
        return dialog

    def _forget_dialog(self, dialog: KpiRecordsDialog) -> None:
        with contextlib.suppress(ValueError):
            self._dialogs.remove(dialog)

    async def records_for(self, request: DrillDownRequest) -> list[RecordRow]:
        """The records a bucket of a chart counts, as the backend's KPI code counts them."""
        start, end, ward = request.start, request.end, request.ward_id

        def inside(when: datetime | None) -> bool:
            return when is not None and start <= when < end

        if request.kind == "field_reports":
            if request.series == "kpi=field_reports.received":
                reports = await self._field_reports(ward, start, end)
                return [self._report_row(r, r.created_at) for r in reports]
            reports = await self._field_reports(ward, None, end)
            if request.chart_id == "satisfaction":
                picked = [
                    (r, r.closed_at) for r in reports
                    if inside(r.closed_at) and r.satisfaction is not None
                ]  # fmt: skip
            else:
                picked = [(r, r.resolved_at) for r in reports if inside(r.resolved_at)]
            return [self._report_row(r, when) for r, when in picked if when is not None]
        if request.kind == "incidents":
            incidents = await self._incidents(ward, end, request.labels.get("process_group"))
            return [
                self._incident_row(i) for i in incidents
                if i.resolved_at is not None and i.due_at is not None and inside(i.resolved_at)
            ]  # fmt: skip
        if request.kind == "alerts":
            return await self._alert_rows(request)
        if request.kind == "hotline_calls":
            calls = await self._hotline_calls(ward, start, end)
            return [self._call_row(c) for c in calls]
        return []

    async def _pages(
        self, fetch: Callable[[int, int], Awaitable[Any]], stop: Callable[[list[Any]], bool]
    ) -> list[Any]:
        out: list[Any] = []
        offset = 0
        while len(out) < MAX_RECORDS:
            page = await fetch(PAGE, offset)
            out.extend(page.items)
            offset += len(page.items)
            if not page.items or offset >= page.total or stop(page.items):
                break
        return out[:MAX_RECORDS]

    async def _field_reports(
        self, ward: str | None, start: datetime | None, end: datetime
    ) -> list[FieldReport]:
        query: dict[str, str | None] = {"ward_id": ward, "to": end.isoformat()}
        if start is not None:
            query["from"] = start.isoformat()
        return await self._pages(
            lambda limit, offset: self.rest.field_reports(limit=limit, offset=offset, **query),
            lambda _items: False,
        )

    async def _incidents(
        self, ward: str | None, end: datetime, group: str | None
    ) -> list[Incident]:
        query: dict[str, str | bool | None] = {
            "ward_id": ward, "to": end.isoformat(), "process_group": group,
        }  # fmt: skip
        return await self._pages(
            lambda limit, offset: self.rest.incidents(limit=limit, offset=offset, **query),
            lambda _items: False,
        )

    async def _hotline_calls(
        self, ward: str | None, start: datetime, end: datetime
    ) -> list[HotlineCall]:
        query: dict[str, str | None] = {
            "ward_id": ward, "from": start.isoformat(), "to": end.isoformat(),
        }  # fmt: skip
        return await self._pages(
            lambda limit, offset: self.rest.hotline_calls(limit=limit, offset=offset, **query),
            lambda _items: False,
        )

    async def _alert_rows(self, request: DrillDownRequest) -> list[RecordRow]:
        # Exactly the bucket's alerts: the backend filters by type, ward and
        # from ≤ created_at < to.
        alerts = await self._pages(
            lambda limit, offset: self.rest.alerts_page(
                type_=request.labels.get("type"), since=request.start, until=request.end,
                ward_id=request.ward_id, limit=limit, offset=offset,
            ),
            lambda _items: False,
        )  # fmt: skip
        rows: list[RecordRow] = []
        for alert in alerts:
            detail = alert.camera_id
            if alert.reason:
                detail += f" · {display_name(alert.reason)}"
            rows.append(
                RecordRow(
                    "alerts", alert.id, alert.created_at, display_name(alert.type.value),
                    self.ward_names.get(alert.ward_id, alert.ward_id),
                    display_name(alert.state.value), detail,
                )
            )  # fmt: skip
        return rows

    def _report_row(self, r: FieldReport, when: datetime) -> RecordRow:
        detail = r.text[:160]
        if r.on_time is not None:
            detail = (self.tr("on time") if r.on_time else self.tr("late")) + " · " + detail
        if r.satisfaction is not None:
            detail = f"{r.satisfaction}★ · {detail}"
        return RecordRow(
            "field_reports", r.id, when, f"{r.code} · {_humanise(r.category.value)}",
            self.ward_names.get(r.ward_id, r.ward_id), _humanise(r.status.value), detail,
        )  # fmt: skip

    def _incident_row(self, i: Incident) -> RecordRow:
        met = {True: self.tr("SLA met"), False: self.tr("SLA missed"), None: ""}[i.sla_met]
        group = series_name(f"process_group={i.process_group.value}")
        return RecordRow(
            "incidents", i.id, i.resolved_at or i.created_at, i.title,
            self.ward_names.get(i.ward_id, i.ward_id), _humanise(i.state.value),
            f"{group} · {met}".strip(" ·"),
        )  # fmt: skip

    def _call_row(self, c: HotlineCall) -> RecordRow:
        return RecordRow(
            "hotline_calls", c.id, c.started_at, _humanise(c.topic.value),
            self.ward_names.get(c.ward_id or "", c.ward_id or ""), _humanise(c.outcome.value),
            f"{c.number_masked} · {c.summary[:140]}",
        )  # fmt: skip


def _humanise(value: str) -> str:
    return value.replace("_", " ").capitalize()
