"""Feeds the city map: cameras, live alerts, open incidents and sensors, and the base map tiles.

- Cameras come from the console's camera list and change colour on ``camera.status``.
- Alerts: one marker per camera, for its newest open (new or acknowledged) alert, coloured by
  the worst open severity there; a click opens that alert.
- Incidents: open ones (not resolved, closed or cancelled), at their location or their ward's
  centre, coloured by state (red when overdue).
- Sensors (river gauges, air stations) from the shipped map data, coloured by alarm level from
  ``kpi.updated``.
- An XYZ tile URL (``ConsoleSettings.map_tile_url``, e.g. ``https://tile.example/{z}/{x}/{y}.png``)
  adds a base map: tiles are fetched when the view asks, latest view wins, and a server that does
  not answer is left alone for a minute (the control room may have no internet).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Coroutine, Mapping
from datetime import UTC, datetime
from typing import Any, Final

import httpx
from pydantic import ValidationError
from PySide6.QtCore import QObject, Signal

from console.models.alert_table_model import display_name
from console.tasks import OwnedTasks
from server_client.contract import (
    SEVERITY_RANK,
    Alert,
    AlertState,
    Camera,
    CameraStatus,
    CameraStatusEvent,
    ContractError,
    EventEnvelope,
    EventType,
    Incident,
    IncidentState,
    KpiName,
    KpiSnapshot,
    parse_alert,
    parse_incident,
)
from server_client.rest import ApiError, BackendUnreachable, RestClient
from widgets.city_map import CityMapWidget, MapMarker, MapShapes, load_shapes

log = logging.getLogger(__name__)

OPEN_ALERT: Final = frozenset({AlertState.NEW, AlertState.ACKNOWLEDGED})
CLOSED_INCIDENT: Final = frozenset(
    {IncidentState.RESOLVED, IncidentState.CLOSED, IncidentState.CANCELLED}
)
AQI_LEVELS: Final = (101.0, 151.0, 201.0)
TILE_CACHE: Final = 256
TILE_CONCURRENCY: Final = 4
TILE_BACKOFF_S: Final = 60.0


class MapController(QObject):
    """Keeps the map's markers in step with the backend; fetches base-map tiles."""

    error_reported = Signal(str)

    def __init__(
        self,
        rest: RestClient,
        widget: CityMapWidget,
        parent: QObject | None = None,
        *,
        tile_url: str = "",
        shapes: MapShapes | None = None,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(parent)
        self.rest = rest
        self.widget = widget
        self.tile_url = tile_url.strip()
        self.shapes = shapes or load_shapes()
        self.cameras: dict[str, Camera] = {}
        self.alerts: dict[int, Alert] = {}
        self.incidents: dict[int, Incident] = {}
        self.sensor_levels: dict[str, tuple[int, str]] = {}
        self.tiles_fetched = 0
        self.tile_failures = 0
        self._tile_cache: OrderedDict[tuple[int, int, int], bytes] = OrderedDict()
        self._tile_tasks: dict[int, asyncio.Task[None]] = {}
        self._tile_down_until = 0.0
        self._http: httpx.AsyncClient | None = http
        self._tasks = OwnedTasks("map")
        # Every map on screen (the docked one, map panes on wall tiles) shows the same markers.
        self.views: list[CityMapWidget] = []
        self._layers: dict[str, dict[str, MapMarker]] = {}
        self.add_view(widget)

    def add_view(self, widget: CityMapWidget) -> CityMapWidget:
        """Show the live markers on ``widget`` too (a map pane on a wall tile); forgotten when
        the widget is destroyed."""
        widget.set_shapes(self.shapes)
        widget.set_base_map(bool(self.tile_url))
        widget.tiles_wanted.connect(
            lambda z, tiles, w=widget: self._on_widget_tiles_wanted(w, z, tiles)
        )
        for layer, markers in self._layers.items():
            widget.set_markers(layer, markers.values())
        self.views.append(widget)
        widget.destroyed.connect(lambda *_a, w=widget: self._forget_view(w))
        return widget

    def _forget_view(self, widget: CityMapWidget) -> None:
        self.views = [v for v in self.views if v is not widget]

    def _set_markers(self, layer: str, markers: list[MapMarker]) -> None:
        self._layers[layer] = {m.id: m for m in markers}
        for view in self.views:
            view.set_markers(layer, markers)

    def _update_marker(self, layer: str, marker: MapMarker) -> None:
        self._layers.setdefault(layer, {})[marker.id] = marker
        for view in self.views:
            view.update_marker(layer, marker)

    # -- loading ------------------------------------------------------------------------------

    async def start(self, cameras: Mapping[str, Camera]) -> None:
        """Cameras now; open alerts and incidents from the backend."""
        self.set_cameras(cameras)
        try:
            page = await self.rest.alerts_page(limit=1000)
            incidents = await self.rest.incidents(limit=500)
        except (ApiError, BackendUnreachable) as exc:
            log.warning("map: alerts/incidents unavailable: %s", exc)
            self.error_reported.emit(
                self.tr("Map: live data unavailable: %1").replace("%1", str(exc))
            )
            return
        for alert in page.items:
            self.alerts[alert.id] = alert
        for incident in incidents.items:
            self.incidents[incident.id] = incident
        self._refresh_alerts()
        self._refresh_incidents()

    def set_cameras(self, cameras: Mapping[str, Camera]) -> None:
        self.cameras = dict(cameras)
        self._set_markers("cameras", [self._camera_marker(c) for c in cameras.values()])

    def _camera_marker(self, camera: Camera) -> MapMarker:
        status = {
            CameraStatus.ONLINE: self.tr("online"),
            CameraStatus.DEGRADED: self.tr("degraded"),
            CameraStatus.OFFLINE: self.tr("offline"),
        }[camera.status]
        return MapMarker(
            camera.id, camera.lat, camera.lon, camera.status.value, camera.name,
            f"{camera.name} ({camera.id}) · {camera.ward_name} · {status}",
        )  # fmt: skip

    # -- live ---------------------------------------------------------------------------------

    def on_events(self, events: list[EventEnvelope]) -> None:
        alerts_changed = incidents_changed = False
        for event in events:
            try:
                if event.type in (EventType.ALERT_CREATED, EventType.ALERT_UPDATED):
                    alert = parse_alert(event.data)
                    self.alerts[alert.id] = alert
                    alerts_changed = True
                elif event.type in (EventType.INCIDENT_CREATED, EventType.INCIDENT_UPDATED):
                    incident = parse_incident(event.data)
                    self.incidents[incident.id] = incident
                    incidents_changed = True
                elif event.type == EventType.CAMERA_STATUS:
                    status = CameraStatusEvent.model_validate(event.data)
                    self.set_camera_status(status.camera_id, status.status)
                elif event.type == EventType.KPI_UPDATED:
                    snapshot = KpiSnapshot.model_validate(event.data)
                    if snapshot.ward_id is None:
                        self.apply_snapshot(snapshot)
            except (ContractError, ValidationError) as exc:
                log.warning("map: event %d ignored: %s", event.seq, exc)
        if alerts_changed:
            self._refresh_alerts()
        if incidents_changed:
            self._refresh_incidents()

    def set_camera_status(self, camera_id: str, status: CameraStatus) -> None:
        camera = self.cameras.get(camera_id)
        if camera is None:
            return
        camera = camera.model_copy(update={"status": status})
        self.cameras[camera_id] = camera
        self._update_marker("cameras", self._camera_marker(camera))

    def apply_snapshot(self, snapshot: KpiSnapshot) -> None:
        """River gauges and air stations take the colour of the alarm level they reached."""
        sensors = {s.id: s for s in self.shapes.sensors}
        for value in snapshot.values:
            station = value.labels.get("station", "")
            sensor = sensors.get(station)
            if sensor is None or value.value is None:
                continue
            if value.name == KpiName.RIVER_LEVEL:
                level = value.alarm_level or 0
                text = self.tr("%1: %2 m, alarm level %3").replace("%1", sensor.label)
                text = text.replace("%2", f"{value.value:.2f}").replace("%3", str(level))
            elif value.name == KpiName.AIR_QUALITY:
                level = sum(1 for t in AQI_LEVELS if value.value >= t)
                text = self.tr("%1: AQI %2").replace("%1", sensor.label)
                text = text.replace("%2", f"{value.value:.0f}")
            else:
                continue
            self.sensor_levels[station] = (level, text)
            self._update_marker(
                "sensors",
                MapMarker(sensor.id, sensor.lat, sensor.lon, f"level{level}", sensor.label, text),
            )

    def _refresh_alerts(self) -> None:
        # Keep only open alerts; one marker per camera (its newest), coloured by the worst.
        for alert_id in [i for i, a in self.alerts.items() if a.state not in OPEN_ALERT]:
            del self.alerts[alert_id]
        per_camera: dict[str, list[Alert]] = {}
        for alert in self.alerts.values():
            per_camera.setdefault(alert.camera_id, []).append(alert)
        markers = []
        for camera_id, alerts in per_camera.items():
            camera = self.cameras.get(camera_id)
            if camera is None:
                continue
            newest = max(alerts, key=lambda a: a.id)
            worst = max(alerts, key=lambda a: SEVERITY_RANK[a.severity])
            tooltip = self.tr("%1 open alerts at %2; newest: %3").replace("%1", str(len(alerts)))
            tooltip = tooltip.replace("%2", camera.name).replace(
                "%3", display_name(newest.type.value)
            )
            markers.append(
                MapMarker(str(newest.id), camera.lat, camera.lon, worst.severity.value,
                          display_name(newest.type.value), tooltip, {"camera_id": camera_id})
            )  # fmt: skip
        self._set_markers("alerts", markers)

    def _refresh_incidents(self) -> None:
        for incident_id in [i for i, x in self.incidents.items() if x.state in CLOSED_INCIDENT]:
            del self.incidents[incident_id]
        now = datetime.now(UTC)
        markers = []
        for incident in self.incidents.values():
            if incident.lat is not None and incident.lon is not None:
                lat, lon = incident.lat, incident.lon
            elif incident.ward_id in self.widget.ward_centres:
                lat, lon = self.widget.ward_centres[incident.ward_id]
            else:
                continue
            overdue = incident.due_at is not None and incident.due_at < now
            state = "overdue" if overdue else incident.state.value
            tooltip = f"#{incident.id} {incident.title}"
            if overdue:
                tooltip += " · " + self.tr("overdue")
            markers.append(MapMarker(str(incident.id), lat, lon, state, incident.title, tooltip))
        self._set_markers("incidents", markers)

    # -- base map -----------------------------------------------------------------------------

    def _on_widget_tiles_wanted(
        self, widget: CityMapWidget, z: int, tiles: list[tuple[int, int]]
    ) -> None:
        if not self.tile_url or time.monotonic() < self._tile_down_until:
            return
        task = self._tile_tasks.get(id(widget))
        if task is not None and not task.done():
            task.cancel()  # the view moved on: the latest view wins
        self._tile_tasks[id(widget)] = self._spawn(self.fetch_tiles(z, list(tiles), widget))

    async def fetch_tiles(
        self, z: int, tiles: list[tuple[int, int]], widget: CityMapWidget | None = None
    ) -> None:
        target = widget if widget is not None else self.widget
        if self._http is None:
            self._http = httpx.AsyncClient(
                timeout=httpx.Timeout(5.0, connect=2.0),
                headers={"User-Agent": "ioc-console (city operations centre)"},
                follow_redirects=True,
            )
        http = self._http
        gate = asyncio.Semaphore(TILE_CONCURRENCY)

        async def one(x: int, y: int) -> None:
            key = (z, x, y)
            data = self._tile_cache.get(key)
            if data is None:
                if time.monotonic() < self._tile_down_until:
                    return
                url = self.tile_url.replace("{z}", str(z)).replace("{x}", str(x))
                url = url.replace("{y}", str(y))
                async with gate:
                    try:
                        response = await http.get(url)
                        response.raise_for_status()
                    except httpx.HTTPError as exc:
                        self.tile_failures += 1
                        self._tile_down_until = time.monotonic() + TILE_BACKOFF_S
                        log.info("base map unreachable (%s); vector map only for a while", exc)
                        return
                data = response.content
                self.tiles_fetched += 1
                self._tile_cache[key] = data
                while len(self._tile_cache) > TILE_CACHE:
                    self._tile_cache.popitem(last=False)
            if target in self.views:
                target.set_tile(z, x, y, data)

        await asyncio.gather(*(one(x, y) for x, y in tiles))

    # -- tasks --------------------------------------------------------------------------------

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> asyncio.Task[Any]:
        return self._tasks.spawn(coro)

    async def wait_idle(self) -> None:
        await self._tasks.wait_idle()

    async def aclose(self) -> None:
        await self._tasks.cancel_all()
        if self._http is not None:
            await self._http.aclose()
            self._http = None
