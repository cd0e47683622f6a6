"""The city map and its controller: shipped shapes, markers by state, click intents, base map."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from console.controllers.map_controller import MapController
from server_client.contract import (
    Alert,
    AlertPage,
    AlertState,
    AlertType,
    Camera,
    EventEnvelope,
    Incident,
    IncidentCategory,
    IncidentPage,
    IncidentState,
    KpiName,
    KpiSnapshot,
    KpiValue,
    ProcessGroup,
    Severity,
)
from widgets.city_map import CityMapWidget, MapMarker, load_shapes, project, unproject

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime.now(UTC)


def camera(cid: str, lat: float, lon: float, ward: str = "thuan-hoa") -> Camera:
    return Camera(
        id=cid, name=f"Camera {cid}", ward_id=ward, ward_name="Thuận Hóa", lat=lat, lon=lon,
        main_url="rtsp://x/main", sub_url="rtsp://x/sub",
    )  # fmt: skip


CAMERAS = {
    "cam-001": camera("cam-001", 16.4679, 107.5889),
    "cam-002": camera("cam-002", 16.4612, 107.5962),
    "cam-005": camera("cam-005", 16.4581, 107.5545, "kim-long"),
}


def alert(aid: int, cam: str, severity: Severity, state: AlertState = AlertState.NEW) -> Alert:
    return Alert(
        id=aid, camera_id=cam, ward_id="thuan-hoa", type=AlertType.WRONG_WAY, severity=severity,
        state=state, created_at=NOW, confidence=0.8,
    )  # fmt: skip


def incident(iid: int, state: IncidentState, **kw: Any) -> Incident:
    return Incident(
        id=iid, version=1, title=f"Incident {iid}", category=IncidentCategory.FLOODING,
        process_group=ProcessGroup.IMMEDIATE, priority=Severity.HIGH, state=state,
        ward_id=kw.pop("ward_id", "kim-long"), created_at=NOW, updated_at=NOW, created_by="op",
        **kw,
    )  # fmt: skip


def ev(seq: int, type_: str, data: dict[str, Any]) -> EventEnvelope:
    return EventEnvelope(seq=seq, type=type_, ts=NOW, data=data)


class FakeMapRest:
    def __init__(self) -> None:
        self.open_alerts = [
            alert(1, "cam-001", Severity.LOW),
            alert(2, "cam-001", Severity.CRITICAL, AlertState.ACKNOWLEDGED),
            alert(3, "cam-002", Severity.MEDIUM, AlertState.DISMISSED),
        ]
        self.open_incidents = [
            incident(7, IncidentState.DISPATCHED, lat=16.456, lon=107.556),
            incident(8, IncidentState.NEW, due_at=NOW - timedelta(minutes=5)),
            incident(9, IncidentState.CLOSED),
        ]

    async def alerts_page(self, **_kw: Any) -> AlertPage:
        return AlertPage(items=self.open_alerts, total=len(self.open_alerts))

    async def incidents(self, **_kw: Any) -> IncidentPage:
        return IncidentPage(items=self.open_incidents, total=len(self.open_incidents))


@pytest.fixture
def shown_map(qtbot: QtBot) -> CityMapWidget:
    widget = CityMapWidget()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click(qtbot: QtBot, widget: CityMapWidget, layer: str, marker_id: str) -> None:
    pos = widget.marker_view_pos(layer, marker_id).toPoint()
    qtbot.mouseClick(widget.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_the_shipped_map_covers_every_demo_ward_offline() -> None:
    shapes = load_shapes()
    city = json.loads((ROOT / "assets" / "demo_city" / "hue.json").read_text(encoding="utf-8"))
    assert {w.id for w in shapes.wards} == {w["id"] for w in city["wards"]}
    assert shapes.demo, "marked as demo data"
    assert {s.id for s in shapes.sensors} == {"kim-long", "phu-oc", "thuan-hoa", "phong-dien"}
    for ward in shapes.wards:
        lons = [p[0] for p in ward.rings[0]]
        lats = [p[1] for p in ward.rings[0]]
        assert 16.2 < min(lats) < max(lats) < 16.8, ward.id
        assert 107.1 < min(lons) < max(lons) < 107.9, ward.id
        centre = next(w for w in city["wards"] if w["id"] == ward.id)
        assert min(lats) < centre["lat"] < max(lats), f"{ward.id} is drawn around its centre"
    lat, lon = unproject(project(16.4637, 107.5909))
    assert lat == pytest.approx(16.4637)
    assert lon == pytest.approx(107.5909)


async def test_a_click_on_a_camera_emits_the_request_to_show_it(
    shown_map: CityMapWidget, qtbot: QtBot
) -> None:
    controller = MapController(FakeMapRest(), shown_map)  # type: ignore[arg-type]
    await controller.start(CAMERAS)
    assert "Demo" in shown_map.note_label.text()
    shown_map.centre_on(16.463, 107.58, zoom=15)
    with qtbot.waitSignal(shown_map.camera_activated) as blocker:
        click(qtbot, shown_map, "cameras", "cam-002")
    assert blocker.args == ["cam-002"]

    # One alert marker per camera: its newest open alert, in the worst open severity's colour.
    assert set(shown_map.markers["alerts"]) == {"2"}
    assert shown_map.marker("alerts", "2").state == "critical"  # type: ignore[union-attr]
    with qtbot.waitSignal(shown_map.alert_activated) as blocker:
        click(qtbot, shown_map, "alerts", "2")
    assert blocker.args == [2]

    # Open incidents only; one without a location sits at its ward's centre; overdue is red.
    assert set(shown_map.markers["incidents"]) == {"7", "8"}
    assert shown_map.marker("incidents", "8").state == "overdue"  # type: ignore[union-attr]
    assert shown_map.marker("incidents", "7").state == "dispatched"  # type: ignore[union-attr]
    with qtbot.waitSignal(shown_map.incident_activated) as blocker:
        click(qtbot, shown_map, "incidents", "7")
    assert blocker.args == [7]

    # Empty map: no intent.
    with qtbot.assertNotEmitted(shown_map.camera_activated):
        qtbot.mouseClick(shown_map.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    await controller.aclose()


async def test_live_events_move_the_markers(shown_map: CityMapWidget) -> None:
    controller = MapController(FakeMapRest(), shown_map)  # type: ignore[arg-type]
    await controller.start(CAMERAS)
    assert shown_map.marker("cameras", "cam-001").state == "online"  # type: ignore[union-attr]
    kpi = KpiSnapshot(
        ts=NOW, window_h=24, values=[
            KpiValue(name=KpiName.RIVER_LEVEL, value=2.4, unit="m",
                     labels={"station": "kim-long"}, thresholds=[1, 2, 3.5], alarm_level=2),
            KpiValue(name=KpiName.AIR_QUALITY, value=160, unit="AQI",
                     labels={"station": "thuan-hoa"}),
        ],
    )  # fmt: skip
    controller.on_events(
        [
            ev(1, "camera.status", {"camera_id": "cam-001", "status": "offline"}),
            ev(2, "alert.created", alert(10, "cam-005", Severity.HIGH).model_dump(mode="json")),
            ev(3, "alert.updated",
               alert(2, "cam-001", Severity.CRITICAL, AlertState.DISMISSED).model_dump(mode="json")),
            ev(4, "incident.updated", incident(7, IncidentState.RESOLVED).model_dump(mode="json")),
            ev(5, "kpi.updated", kpi.model_dump(mode="json")),
            ev(6, "alert.created", {"id": "broken"}),
        ]
    )  # fmt: skip
    assert shown_map.marker("cameras", "cam-001").state == "offline"  # type: ignore[union-attr]
    assert set(shown_map.markers["alerts"]) == {"1", "10"}, "cam-001 falls back to alert 1"
    assert shown_map.marker("alerts", "1").state == "low"  # type: ignore[union-attr]
    assert set(shown_map.markers["incidents"]) == {"8"}
    assert shown_map.marker("sensors", "kim-long").state == "level2"  # type: ignore[union-attr]
    assert shown_map.marker("sensors", "thuan-hoa").state == "level2"  # type: ignore[union-attr]
    assert shown_map.marker("sensors", "phu-oc").state == "level0"  # type: ignore[union-attr]
    assert "3 cameras" in shown_map.count_label.text()
    await controller.aclose()


def test_pick_location_reports_where_the_operator_clicked(
    shown_map: CityMapWidget, qtbot: QtBot
) -> None:
    shown_map.set_shapes(load_shapes())
    shown_map.update_marker("cameras", MapMarker("cam-x", 16.4679, 107.5889, "online"))
    shown_map.centre_on(16.4679, 107.5889, zoom=15)
    shown_map.pick_location()
    pos = shown_map.marker_view_pos("cameras", "cam-x").toPoint() + QPoint(30, 0)
    with (
        qtbot.assertNotEmitted(shown_map.camera_activated),
        qtbot.waitSignal(shown_map.location_picked) as blocker,
    ):
        qtbot.mouseClick(shown_map.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    lat, lon = blocker.args
    assert lat == pytest.approx(16.4679, abs=0.01)
    assert lon > 107.5889


def png_tile() -> bytes:
    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor("#445566"))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data.data())


async def test_base_map_tiles_when_reachable_and_vector_only_when_not(
    shown_map: CityMapWidget,
) -> None:
    requested: list[str] = []
    tile = png_tile()

    def serve(request: httpx.Request) -> httpx.Response:
        requested.append(request.url.path)
        return httpx.Response(200, content=tile, headers={"content-type": "image/png"})

    http = httpx.AsyncClient(transport=httpx.MockTransport(serve))
    controller = MapController(
        FakeMapRest(),
        shown_map,
        tile_url="http://tiles.test/{z}/{x}/{y}.png",
        http=http,  # type: ignore[arg-type]
    )
    z, tiles = shown_map.visible_tiles()
    assert tiles
    await controller.fetch_tiles(z, tiles)
    assert shown_map.tile_count() == len(tiles)
    assert requested[0].startswith(f"/{z}/")
    await controller.fetch_tiles(z, tiles)
    assert len(requested) == len(tiles), "cached"
    await controller.aclose()

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route to host", request=request)

    offline_map = CityMapWidget()
    controller = MapController(
        FakeMapRest(), offline_map, tile_url="http://tiles.test/{z}/{x}/{y}.png",  # type: ignore[arg-type]
        http=httpx.AsyncClient(transport=httpx.MockTransport(down)),
    )  # fmt: skip
    offline_map.resize(600, 400)
    z, tiles = offline_map.visible_tiles()
    await controller.fetch_tiles(z, tiles)
    assert offline_map.tile_count() == 0
    assert controller.tile_failures >= 1
    assert len(offline_map.ward_items) == 15, "the vector map is there regardless"
    await controller.aclose()
    offline_map.deleteLater()
