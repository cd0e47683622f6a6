"""The KPI board and the map against the real reference backend (no media): what the backend
counts in a bucket is what the drill-down lists; a real ``kpi.updated`` moves the curves; the
flood scenario raises the river alarm; the map shows the backend's cameras and live alerts."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from console.controllers.kpi_controller import KpiController
from console.controllers.map_controller import MapController
from server_client.rest import RestClient
from tests.backend.backend_runner import BackendRunner, api_client, bearer, login
from widgets.city_map import CityMapWidget
from widgets.kpi_board import DrillDownRequest, KpiBoardWidget, labels_of

FLOOD_RISE_S = 12.0


@pytest.fixture(scope="module")
def flood_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendRunner]:
    """Simulators off (the test makes its records), the river rising to its crest in 12 s,
    HueIOC's 700 cameras."""
    runner = BackendRunner(
        tmp_path_factory.mktemp("kpi") / "backend",
        "--sim-interval", "0", "--report-interval", "0", "--hotline-interval", "0",
        "--kpi-interval", "0", "--scenario", "flood", "--flood-rise", str(FLOOD_RISE_S),
        "--cameras", "700",
    )  # fmt: skip
    runner.start()
    try:
        yield runner
    finally:
        runner.stop()


@pytest.fixture
async def admin(flood_backend: BackendRunner) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    client = api_client(flood_backend)
    try:
        yield client, await login(client, "admin")
    finally:
        await client.aclose()


@pytest.fixture
async def rest(flood_backend: BackendRunner) -> AsyncIterator[RestClient]:
    client = RestClient(flood_backend.url)
    await client.login("commander", "commander")
    try:
        yield client
    finally:
        await client.aclose()


async def sim(admin: tuple[httpx.AsyncClient, str], path: str, **body: object) -> object:
    client, token = admin
    response = await client.post(path, json=body, headers=bearer(token))
    assert response.status_code == 201, response.text
    return response.json()


async def test_drill_down_lists_what_the_backend_counted_and_events_move_the_curves(
    admin: tuple[httpx.AsyncClient, str], rest: RestClient, qtbot: QtBot
) -> None:
    await sim(admin, "/sim/field-reports", count=6)
    await sim(admin, "/sim/hotline-calls", count=4)
    await sim(admin, "/sim/burst", count=12)
    board = KpiBoardWidget()
    qtbot.addWidget(board)
    controller = KpiController(rest)
    controller.range_key = "hour"
    controller.bind_view(board)
    await controller.start()
    controller.flush_views()
    assert board.ward_combo.count() > 10, "the backend's wards"

    for chart_id, key, kind in (
        ("field_reports", "kpi=field_reports.received", "field_reports"),
        ("hotline", "", "hotline_calls"),
    ):
        xs, ys = board.chart(chart_id).plotted_data(key)
        assert np.nansum(ys) >= 4, chart_id
        for x, y in zip(xs, ys, strict=True):
            if not y:
                continue
            start = datetime.fromtimestamp(x, UTC)
            rows = await controller.records_for(
                DrillDownRequest(kind, chart_id, key, start, start + timedelta(minutes=1))
            )
            assert len(rows) == y, f"{chart_id} at {start}: {len(rows)} listed, {y} counted"
    # Alerts per type: each bucket's drill-down lists exactly that type's alerts of that bucket
    # (the backend's time filter on /alerts, no client-side scan).
    alert_chart = board.chart("alerts_per_hour")
    listed = 0
    for key in alert_chart.series_keys():
        xs, ys = alert_chart.plotted_data(key)
        for x, y in zip(xs, ys, strict=True):
            if not y:
                continue
            start = datetime.fromtimestamp(x, UTC)
            request = DrillDownRequest(
                "alerts", "alerts_per_hour", key, start, start + timedelta(minutes=1),
                labels=labels_of(key),
            )  # fmt: skip
            rows = await controller.records_for(request)
            # The chart plots a rate (alerts per hour): a one-minute bucket counts y / 60.
            counted = round(y * 60 / 3600)
            assert len(rows) == counted, f"{key} at {start}: {len(rows)} listed, {counted} counted"
            assert all(start <= r.when < start + timedelta(minutes=1) for r in rows)
            listed += len(rows)
    assert listed >= 12

    # A real kpi.updated, as the event stream delivers it, moves the river curve.
    health = await rest.health()
    await asyncio.sleep(FLOOD_RISE_S * 0.7)
    await sim(admin, "/sim/kpi-tick")
    page = await rest.events(health.last_seq)
    kpi_events = [e for e in page.events if e.type == "kpi.updated"]
    assert any(e.data.get("ward_id") is None for e in kpi_events)
    assert any(e.data.get("ward_id") is not None for e in kpi_events), "ward snapshots too"
    city = next(e for e in kpi_events if e.data.get("ward_id") is None)
    level = next(
        v["value"] for v in city.data["values"]
        if v["name"] == "river.level" and v["labels"]["station"] == "kim-long"
    )  # fmt: skip
    controller.on_events(page.events)
    controller.flush_views()
    _xs, ys = board.chart("river_kim_long").plotted_data("station=kim-long")
    assert ys[-1] == pytest.approx(level)
    assert level >= 2.0, "the flood wave is past BĐ2 at 70 % of its rise"
    assert board.alarms()["river_kim_long"][0] >= 2
    assert "BĐ" in board.alarm_bar.text()
    await controller.aclose()


async def test_the_map_shows_the_backends_cameras_and_live_alerts(
    admin: tuple[httpx.AsyncClient, str], rest: RestClient, qtbot: QtBot
) -> None:
    raised = await sim(admin, "/sim/alerts", camera_id="cam-001", snapshot=False)
    widget = CityMapWidget()
    qtbot.addWidget(widget)
    controller = MapController(rest, widget)
    cameras = {c.id: c for c in await rest.cameras()}
    started = time.monotonic()
    await controller.start(cameras)
    assert time.monotonic() - started < 10
    assert len(widget.markers["cameras"]) == len(cameras) > 16
    assert isinstance(raised, dict)
    assert str(raised["id"]) in widget.markers["alerts"]
    assert widget.marker("alerts", str(raised["id"])).extra["camera_id"] == "cam-001"  # type: ignore[union-attr]
    # Every camera sits inside the map's extent (shapes are demo data around the wards).
    rect = widget.scene.sceneRect()
    for cid in cameras:
        assert rect.contains(widget.markers["cameras"][cid].pos()), cid
    await controller.aclose()


def test_module_uses_only_shipped_map_data() -> None:
    # The map must work offline: the shapes come from the package, not the network.
    from widgets.city_map import MAP_FILE

    assert MAP_FILE.is_file()
    assert Path(MAP_FILE).stat().st_size < 200_000
