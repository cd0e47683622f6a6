"""The KPI board and its controller against a scripted backend: live updates, alarms, drill-down."""

from __future__ import annotations

import csv
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from console.controllers.kpi_controller import KpiController
from server_client.contract import (
    Alert,
    AlertPage,
    AlertState,
    AlertType,
    EventEnvelope,
    FieldReport,
    FieldReportCategory,
    FieldReportPage,
    FieldReportStatus,
    HotlineCallPage,
    IncidentPage,
    KpiLine,
    KpiName,
    KpiPoint,
    KpiSeries,
    KpiSnapshot,
    KpiValue,
    Severity,
    Ward,
    WardKind,
)
from server_client.rest import BackendUnreachable
from widgets.kpi_board import DrillDownRequest, KpiBoardWidget
from widgets.kpi_chart import ChartSpec, KpiChartWidget
from widgets.kpi_records import RECORD_ID_ROLE, KpiRecordsDialog

K = KpiName
NOW = datetime(2026, 11, 23, 6, 30, 20, tzinfo=UTC)
WARDS = [Ward(id="an-cuu", name="An Cựu", kind=WardKind.WARD), Ward(
    id="kim-long", name="Kim Long", kind=WardKind.WARD)]  # fmt: skip


def river(value: float, station: str = "kim-long") -> KpiValue:
    thresholds = [1.0, 2.0, 3.5] if station == "kim-long" else [None, 3.0, 4.5]
    level = sum(1 for t in thresholds if t is not None and value >= t)
    if station == "phu-oc" and level:
        level += 1  # Phú Ốc has no level 1: its first threshold is BĐ2
    return KpiValue(
        name=K.RIVER_LEVEL, value=value, unit="m", labels={"station": station},
        thresholds=thresholds, alarm_level=level,
    )  # fmt: skip


def snapshot(
    kim_long: float = 0.6, aqi: float = 48.0, ward: str | None = None, ts: datetime = NOW
) -> KpiSnapshot:
    values = [
        KpiValue(name=K.FIELD_REPORTS_RECEIVED, value=200, unit="reports"),
        KpiValue(name=K.FIELD_REPORTS_PROCESSED, value=197, unit="reports"),
        KpiValue(name=K.FIELD_REPORTS_SATISFACTION, value=93.5, unit="%"),
        KpiValue(name=K.CAMERA_UPTIME, value=97.0, unit="%"),
        river(kim_long),
        river(1.4, "phu-oc"),
        KpiValue(name=K.AIR_QUALITY, value=aqi, unit="AQI", labels={"station": "thuan-hoa"}),
    ]
    return KpiSnapshot(ts=ts, ward_id=ward, window_h=24, values=values)


def kpi_event(seq: int, snap: KpiSnapshot) -> EventEnvelope:
    return EventEnvelope(seq=seq, type="kpi.updated", ts=snap.ts, data=snap.model_dump(mode="json"))


def report(rid: int, created: datetime, ward: str = "an-cuu", **kw: Any) -> FieldReport:
    return FieldReport(
        id=rid, code=f"PA-{rid:05d}", category=FieldReportCategory.GARBAGE, text="Rác chưa thu gom",
        lat=16.455, lon=107.605, ward_id=ward, status=kw.pop("status", FieldReportStatus.RECEIVED),
        created_at=created, updated_at=created, due_at=created + timedelta(hours=24), **kw,
    )  # fmt: skip


def alert(aid: int, created: datetime, type_: AlertType, ward: str = "an-cuu") -> Alert:
    return Alert(
        id=aid, camera_id="cam-001", ward_id=ward, type=type_, severity=Severity.MEDIUM,
        created_at=created, confidence=0.9, state=AlertState.NEW,
    )  # fmt: skip


class FakeKpiRest:
    """Serves series on the requested grid and filters records like the backend does."""

    def __init__(self) -> None:
        self.series_calls: list[tuple[str, datetime, datetime, int, str | None]] = []
        self.received_value = 3.0
        self.snap = snapshot()
        self.reports: list[FieldReport] = []
        self.alerts: list[Alert] = []
        self.alert_queries: list[tuple[str | None, datetime | None, datetime | None]] = []
        self.alert_wards: list[str | None] = []
        self.offline = False

    async def wards(self) -> list[Ward]:
        return WARDS

    async def kpi_snapshot(self, *, ward: str | None = None, window_h: int = 24) -> KpiSnapshot:
        if self.offline:
            raise BackendUnreachable("down")
        return self.snap.model_copy(update={"ward_id": ward})

    async def kpi_series(
        self, name: KpiName, start: datetime, end: datetime, step_s: int, *, ward: str | None = None
    ) -> KpiSeries:
        if self.offline:
            raise BackendUnreachable("down")
        self.series_calls.append((str(name), start, end, step_s, ward))
        count = max(1, math.ceil((end - start).total_seconds() / step_s))
        times = [start + timedelta(seconds=i * step_s) for i in range(count)]

        def line(value: float, **labels: str) -> KpiLine:
            return KpiLine(labels=labels, points=[KpiPoint(ts=t, value=value) for t in times])

        lines = {
            K.FIELD_REPORTS_RECEIVED: [line(self.received_value)],
            K.FIELD_REPORTS_PROCESSED: [line(2.0)],
            K.ALERTS_PER_HOUR: [line(12.0, type="wrong_way"), line(6.0, type="no_helmet")],
            K.RIVER_LEVEL: [line(0.55, station="kim-long"), line(1.4, station="phu-oc")],
            K.INCIDENT_SLA: [line(95.0, process_group="immediate")],
        }.get(name, [line(50.0)])
        return KpiSeries(name=name, unit="", ward_id=ward, from_ts=start, to_ts=end,
                         step_s=step_s, lines=lines)  # fmt: skip

    async def field_reports(
        self, *, limit: int = 200, offset: int = 0, **f: str | None
    ) -> FieldReportPage:
        items = [
            r for r in sorted(self.reports, key=lambda r: -r.id)
            if (f.get("ward_id") is None or r.ward_id == f["ward_id"])
            and (f.get("from") is None or r.created_at >= datetime.fromisoformat(str(f["from"])))
            and (f.get("to") is None or r.created_at < datetime.fromisoformat(str(f["to"])))
        ]  # fmt: skip
        return FieldReportPage(items=items[offset : offset + limit], total=len(items))

    async def incidents(self, *, limit: int = 500, offset: int = 0, **f: Any) -> IncidentPage:
        return IncidentPage(items=[], total=0)

    async def hotline_calls(
        self, *, limit: int = 200, offset: int = 0, **f: Any
    ) -> HotlineCallPage:
        return HotlineCallPage(items=[], total=0)

    async def alerts_page(
        self,
        *,
        type_: str | None = None,
        limit: int = 200,
        offset: int = 0,
        since: datetime | None = None,
        until: datetime | None = None,
        ward_id: str | None = None,
        **_f: Any,
    ) -> AlertPage:
        # As GET /alerts does: newest first, type, ward and since <= created_at < until.
        self.alert_queries.append((type_, since, until))
        self.alert_wards.append(ward_id)
        items = [a for a in sorted(self.alerts, key=lambda a: -a.id)
                 if (type_ is None or a.type == type_)
                 and (ward_id is None or a.ward_id == ward_id)
                 and (since is None or a.created_at >= since)
                 and (until is None or a.created_at < until)]  # fmt: skip
        return AlertPage(items=items[offset : offset + limit], total=len(items))


@pytest.fixture
def board(qtbot: QtBot) -> KpiBoardWidget:
    widget = KpiBoardWidget(columns=4)
    qtbot.addWidget(widget)
    widget.resize(1600, 900)
    return widget


def make(board: KpiBoardWidget) -> tuple[KpiController, FakeKpiRest]:
    rest = FakeKpiRest()
    controller = KpiController(rest, now=lambda: NOW)  # type: ignore[arg-type]
    controller.range_key = "hour"
    controller.bind_view(board)
    return controller, rest


async def test_kpi_updated_changes_the_plotted_data_in_place(
    board: KpiBoardWidget, qtbot: QtBot
) -> None:
    controller, rest = make(board)
    await controller.start()
    controller.flush_views()
    assert board.ward_combo.count() == 3, "whole city + the wards"
    # One series request per KPI on the last hour's one-minute grid.
    assert {c[3] for c in rest.series_calls} == {60}
    assert len(rest.series_calls) == len({c[0] for c in rest.series_calls}) == 11
    chart = board.chart("river_kim_long")
    curve = chart.curve("station=kim-long")
    xs, ys = chart.plotted_data("station=kim-long")
    assert ys[-1] == pytest.approx(0.6), "the REST snapshot sets the current bucket"
    n = xs.size

    later = NOW + timedelta(minutes=1, seconds=5)
    controller.on_events(
        [
            kpi_event(10, snapshot(kim_long=0.95, ts=later)),
            kpi_event(11, snapshot(kim_long=9.0, ward="an-cuu", ts=later)),  # another ward's
            EventEnvelope(seq=12, type="kpi.updated", ts=later, data={"ts": "yesterday"}),
        ]
    )
    assert controller.malformed == 1
    # Charts are redrawn one per timer tick (short GUI stalls): wait for this one.
    qtbot.waitUntil(lambda: chart.plotted_data("station=kim-long")[0].size == n + 1, timeout=2000)
    xs, ys = chart.plotted_data("station=kim-long")
    assert xs.size == n + 1, "a new minute: one more point"
    assert ys[-1] == pytest.approx(0.95), "the city snapshot, not the ward's"
    assert xs[-1] == (later.timestamp() // 60) * 60
    assert chart.curve("station=kim-long") is curve, "updated in place (setData), not rebuilt"
    assert board.chart("satisfaction").headline_label.text() == "93.5 % satisfied"
    assert "197" not in board.chart("field_reports").headline_label.text()
    assert "98.5 % processed" in board.chart("field_reports").headline_label.text()

    # The counted KPIs' last buckets come again from the backend and are merged in place.
    fr = board.chart("field_reports")
    before = fr.plotted_data("kpi=field_reports.received")[1].copy()
    rest.received_value = 7.0
    rest.series_calls.clear()
    await controller.refresh_tail()
    controller.flush_views()
    assert all(c[1] >= NOW - timedelta(minutes=2) for c in rest.series_calls), "tail only"
    after = fr.plotted_data("kpi=field_reports.received")[1]
    assert after.size == before.size
    assert after[-1] == 7.0
    assert after[0] == before[0] == 3.0
    await controller.aclose()


async def test_crossing_an_alarm_band_raises_the_alarm(board: KpiBoardWidget) -> None:
    controller, _rest = make(board)
    await controller.start()
    controller.flush_views()
    assert not board.alarm_bar.isVisible()
    assert board.alarms() == {}
    raised: list[tuple[str, int, str]] = []
    controller.alarm_changed.connect(lambda c, lv, t: raised.append((c, lv, t)))

    controller.apply_snapshot(snapshot(kim_long=2.35))
    assert board.alarms()["river_kim_long"][0] == 2
    assert "BĐ2" in board.alarm_bar.text()
    assert "2.35 m" in board.alarm_bar.text()
    assert not board.alarm_bar.isHidden()
    assert board.chart("river_kim_long").alarm_level == 2
    assert not board.chart("river_kim_long").alarm_label.isHidden()
    assert raised == [("river_kim_long", 2, board.alarms()["river_kim_long"][1])]

    controller.apply_snapshot(snapshot(kim_long=3.6, aqi=162))
    assert board.alarms()["river_kim_long"][0] == 3
    assert board.alarms()["air_quality"][0] == 2, "AQI 151+ is level 2 (no backend level)"
    assert board.alarm_bar.text().index("BĐ3") < board.alarm_bar.text().index("AQI"), "worst first"

    controller.apply_snapshot(snapshot(kim_long=0.8, aqi=60))
    assert board.alarms() == {}
    assert board.alarm_bar.isHidden()
    assert board.chart("river_kim_long").alarm_level == 0
    await controller.aclose()


async def test_a_click_on_a_bar_drills_down_to_the_matching_records(
    board: KpiBoardWidget, qtbot: QtBot
) -> None:
    controller, rest = make(board)
    board.show()
    qtbot.waitExposed(board)
    await controller.start()
    controller.flush_views()
    chart = board.chart("field_reports")
    xs, _ys = chart.series_data("kpi=field_reports.received")
    bucket = datetime.fromtimestamp(xs[-3], UTC)
    rest.reports = [
        report(1, bucket + timedelta(seconds=5)),
        report(2, bucket + timedelta(seconds=59)),
        report(3, bucket + timedelta(seconds=60)),  # the next bucket
        report(4, bucket - timedelta(seconds=1)),  # the previous one
        report(5, bucket + timedelta(seconds=30), ward="kim-long"),
    ]
    opened: list[KpiRecordsDialog] = []
    controller.records_opened.connect(opened.append)
    requests: list[DrillDownRequest] = []
    board.drill_down_requested.connect(requests.append)

    pos = chart.plot.mapFromScene(chart.scene_pos_of("kpi=field_reports.received", -3))
    qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos))
    await controller.wait_idle()

    assert len(requests) == 1
    request = requests[0]
    assert request.kind == "field_reports"
    assert request.start == bucket
    assert request.end == bucket + timedelta(minutes=1)
    assert len(opened) == 1
    dialog = opened[0]
    assert dialog.isVisible()
    assert not dialog.isModal()
    model = dialog.view.model()
    ids = {model.index(r, 0).data(RECORD_ID_ROLE) for r in range(model.rowCount())}
    assert ids == {1, 2, 5}
    assert "3 " in dialog.count_label.text()

    # A ward on the board narrows the drill-down too; activating a row is an intent.
    board.set_ward("an-cuu")
    await controller.wait_idle()
    controller.flush_views()
    assert rest.series_calls[-1][4] == "an-cuu"
    dialog2 = await controller.drill_down(
        DrillDownRequest("field_reports", "field_reports", "kpi=field_reports.received",
                         bucket, bucket + timedelta(minutes=1), "an-cuu")
    )  # fmt: skip
    assert dialog2 is not None
    model2 = dialog2.view.model()
    assert {model2.index(r, 0).data(RECORD_ID_ROLE) for r in range(model2.rowCount())} == {1, 2}
    with qtbot.waitSignal(controller.record_activated) as blocker:
        dialog2.view.activated.emit(model2.index(1, 2))
    assert blocker.args == ["field_reports", 1]
    await controller.aclose()


async def test_alert_drill_down_asks_for_exactly_the_bucket(
    board: KpiBoardWidget,
) -> None:
    controller, rest = make(board)
    await controller.start()
    controller.flush_views()
    bucket = NOW.replace(second=0) - timedelta(minutes=10)
    rest.alerts = [
        alert(i, bucket + timedelta(seconds=i), AlertType.WRONG_WAY) for i in range(1, 61)
    ]
    rest.alerts += [alert(100, bucket + timedelta(seconds=70), AlertType.WRONG_WAY)]
    rest.alerts += [alert(200, bucket + timedelta(seconds=3), AlertType.NO_HELMET)]
    rows = await controller.records_for(
        DrillDownRequest("alerts", "alerts_per_hour", "type=wrong_way", bucket,
                         bucket + timedelta(minutes=1), None, {"type": "wrong_way"})
    )  # fmt: skip
    assert sorted(r.id for r in rows) == list(range(1, 60))
    assert rest.alert_queries[-1] == ("wrong_way", bucket, bucket + timedelta(minutes=1))
    assert rest.alert_wards[-1] is None, "the whole city"

    # A ward's bucket: the backend filters the ward, as it does the type and the time.
    rest.alerts += [alert(i, bucket + timedelta(seconds=i - 300), AlertType.WRONG_WAY, "vy-da")
                    for i in range(300, 360)]  # fmt: skip
    rows = await controller.records_for(
        DrillDownRequest("alerts", "alerts_per_hour", "type=wrong_way", bucket,
                         bucket + timedelta(minutes=1), "vy-da", {"type": "wrong_way"})
    )  # fmt: skip
    assert sorted(r.id for r in rows) == list(range(300, 360))
    assert rest.alert_wards[-1] == "vy-da"
    await controller.aclose()


async def test_range_presets_refetch_on_their_grid_and_offline_is_reported(
    board: KpiBoardWidget, qtbot: QtBot
) -> None:
    controller, rest = make(board)
    await controller.start()
    controller.flush_views()
    rest.series_calls.clear()
    board.set_range_key("7d")
    await controller.wait_idle()
    assert {c[3] for c in rest.series_calls} == {3600}
    assert min(c[1] for c in rest.series_calls) <= NOW - timedelta(days=7)
    rest.offline = True
    errors: list[str] = []
    controller.error_reported.connect(errors.append)
    board.set_range_key("30d")
    await controller.wait_idle()
    assert errors
    assert "unavailable" in errors[0]
    await controller.aclose()


def test_export_png_and_csv(qtbot: QtBot, tmp_path: Path) -> None:
    chart = KpiChartWidget(ChartSpec("hotline", "Hotline", "calls", "hotline_calls", bars=True))
    qtbot.addWidget(chart)
    chart.resize(400, 260)
    t0 = NOW.timestamp()
    chart.set_series("", [t0, t0 + 60, t0 + 120], [4, np.nan, 6], "Calls")
    assert chart.export_png(tmp_path / "c.png")
    assert (tmp_path / "c.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    chart.export_csv(tmp_path / "c.csv")
    rows = list(csv.reader((tmp_path / "c.csv").open(encoding="utf-8")))
    assert rows[0] == ["time_utc", "Calls (calls)"]
    assert rows[1] == [NOW.isoformat(), "4.0"]
    assert rows[2][1] == "", "no value stays empty, not 0"
    assert len(rows) == 4


def test_a_click_on_a_line_point_emits_its_bucket(qtbot: QtBot) -> None:
    chart = KpiChartWidget(ChartSpec("sla", "SLA", "%", "incidents"))
    qtbot.addWidget(chart)
    chart.resize(500, 300)
    chart.show()
    qtbot.waitExposed(chart)
    t0 = NOW.timestamp()
    xs = [t0 + 3600 * i for i in range(6)]
    chart.set_series("process_group=immediate", xs, [90, 95, 80, 100, 85, 92])
    chart.set_series("process_group=deadline", xs, [50, 55, 60, 50, 45, 40])
    chart.set_x_range(xs[0], xs[-1])
    with qtbot.waitSignal(chart.point_clicked) as blocker:
        pos = chart.plot.mapFromScene(chart.scene_pos_of("process_group=deadline", 2))
        qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos))
    assert blocker.args == ["sla", "process_group=deadline", xs[2]]
    # Far from any point: nothing.
    with qtbot.assertNotEmitted(chart.point_clicked):
        pos = chart.plot.mapFromScene(chart.scene_pos_of("process_group=deadline", 2))
        qtbot.mouseClick(
            chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos.x(), pos.y() - 60)
        )
