"""The console's composition root: login, windows, controllers, and the long-lived tasks.

One asyncio loop (qasync's, on the Qt thread) runs everything. Long-lived tasks — the event
stream — are owned here, kept referenced, and cancelled and awaited in :meth:`shutdown`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from console.camera_window import CameraWindows
from console.controllers.alert_camera_controller import AlertCameraController
from console.controllers.alert_controller import AlertController
from console.controllers.evidence_controller import EvidenceController, evidence_allowed
from console.controllers.incident_controller import IncidentController
from console.controllers.kpi_controller import KpiController, chart_specs
from console.controllers.map_controller import MapController
from console.controllers.preset_controller import PresetController
from console.controllers.wall_controller import WallController
from console.layout_store import LayoutStore, PresetStore, read_layout_file
from console.login_dialog import LoginDialog
from console.main_window import MainWindow
from console.models.alert_table_model import AlertTableModel
from console.models.camera_tree_model import CameraTreeModel
from console.settings import ConsoleSettings, config_dir
from console.tasks import OwnedTasks
from console.wall_window import WallWindow
from layouts import (
    LayoutError,
    Pane,
    PaneKind,
    ScreenLayout,
    WallLayout,
    grid_layout,
    layout_from_dict,
)
from layouts.model import layout_to_dict
from server_client.bookmarks import BookmarkStore
from server_client.contract import (
    Camera,
    CameraStatusEvent,
    EventEnvelope,
    EventType,
    LayoutPushed,
    PtzCommand,
    Role,
)
from server_client.events import EventStream, LinkState
from server_client.rest import ApiError, BackendUnreachable, RestClient
from server_client.store import LocalStore
from streams import VideoEngine
from widgets.city_map import CityMapWidget
from widgets.evidence_search import EvidenceSearchWidget
from widgets.wall_grid import WallGridWidget

log = logging.getLogger(__name__)

ALARM_POP_MIN_GAP_S = 5.0


@dataclass
class LoginRequestArgs:
    server_url: str
    username: str
    password: str | None = None
    autologin: bool = False


class ConsoleApp(QObject):
    """Owns the REST client, the event stream, the video engine and the windows."""

    closed = Signal()
    # A KPI drill-down row or a map marker asks to open a record: (kind, id), kind being
    # "incidents", "field_reports", "alerts" or "hotline_calls". The incident desk answers it.
    record_open_requested = Signal(str, int)

    def __init__(self, qapp: QApplication, settings: ConsoleSettings) -> None:
        super().__init__()
        self.qapp = qapp
        # The console decides when to stop (and shuts its tasks down first), not the last window.
        qapp.setQuitOnLastWindowClosed(False)
        self.settings = settings
        self.rest: RestClient | None = None
        self.stream: EventStream | None = None
        self.engine: VideoEngine | None = None
        self.window: MainWindow | None = None
        self.walls: dict[int, WallController] = {}
        self.wall_windows: dict[int, WallWindow] = {}
        self.current_layout: WallLayout | None = None
        self.layout_store = LayoutStore(config_dir() / "current_layout.json")
        self._health: dict[int, dict[str, int]] = {}
        self._last_alarm_pop = -1e9
        self._shut_down = False
        self.alerts: AlertController | None = None
        self.incidents: IncidentController | None = None
        self.evidence: EvidenceController | None = None
        self.kpis: KpiController | None = None
        self.map: MapController | None = None
        self.local_store: LocalStore | None = None
        self.alert_model = AlertTableModel()
        self.camera_model = CameraTreeModel()
        self.cameras: dict[str, Camera] = {}
        self._tasks = OwnedTasks("console")
        self.camera_windows: CameraWindows | None = None
        self.presets: PresetController | None = None
        # PTZ commands go out in order (a stop must never overtake its move).
        self._ptz_lock = asyncio.Lock()
        self._closed = asyncio.Event()

    # -- login --------------------------------------------------------------------------------

    async def login(self, req: LoginRequestArgs) -> bool:
        """Sign in, through the dialog unless ``autologin`` succeeds. False if cancelled."""
        error = ""
        if req.autologin and req.password is not None:
            error = await self._try_login(req.server_url, req.username, req.password)
            if not error:
                return True
        server, user = req.server_url, req.username
        while True:
            dialog = LoginDialog(server, user)
            dialog.show_error(error)
            done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
            dialog.finished.connect(lambda code, f=done: f.done() or f.set_result(code))
            dialog.open()
            code = await done
            server, user, password = dialog.credentials()
            dialog.deleteLater()
            if code != LoginDialog.DialogCode.Accepted:
                return False
            error = await self._try_login(server, user, password)
            if not error:
                return True

    async def _try_login(self, server: str, user: str, password: str) -> str:
        if self.rest is not None:
            await self.rest.aclose()
        self.rest = RestClient(server)
        try:
            await self.rest.login(user, password)
        except BackendUnreachable as exc:
            log.warning("login failed: %s", exc)
            return self.tr("Cannot reach the backend at %1").replace("%1", server)
        except ApiError as exc:
            log.warning("login failed: %s", exc)
            return exc.message
        self.settings.server_url, self.settings.username = server, user
        return ""

    # -- start / stop -------------------------------------------------------------------------

    async def start(self) -> None:
        """Load cameras and alerts, open the wall window, start the event stream."""
        assert self.rest is not None
        assert self.rest.user is not None
        health = await self.rest.health()
        cameras = await self.rest.cameras()
        self.cameras = {c.id: c for c in cameras}
        self.engine = VideoEngine(rtsp_mode=self.settings.rtsp_mode)  # type: ignore[arg-type]
        log.info("libVLC %s, native RTSP: %s", self.engine.version, self.engine.has_native_rtsp)

        self.window = window = MainWindow()
        window.user_label.setText(f"{self.rest.user.display_name} ({self.rest.user.role.value})")
        self.camera_model.set_cameras(cameras)
        window.camera_tree.set_model(self.camera_model)
        self.alert_model.set_cameras(self.cameras)
        window.alert_table.set_model(self.alert_model)

        self.walls[0] = self._make_wall(0, window.grid)
        self.camera_windows = CameraWindows(self.engine, self._make_window_wall, self)
        # The outbox: alert actions survive a lost backend (and a console restart).
        self.local_store = LocalStore(config_dir() / "console.db")
        self.alerts = AlertController(self.rest, self.alert_model, self, outbox=self.local_store)
        self.alerts.bind_view(window.alert_table, self.cameras)
        # The alert's camera live beside its snapshot; alarm sounds as the operator set them.
        self.alerts.bind_live(
            AlertCameraController(
                window.alert_table.detail,
                self.engine,
                self,
                caching_ms=self.settings.network_caching_ms,
                reconnect_max_s=self.settings.reconnect_max_s,
            )
        )
        self.alerts.set_sound_muted(self.settings.alarm_sound_muted)
        self.alerts.sound_muted_changed.connect(self._on_alerts_sound_muted_changed)
        self.alerts.error_reported.connect(window.show_error)
        self.alerts.camera_requested.connect(self._on_tree_camera_activated)
        self.alerts.critical_alert.connect(self._on_alerts_critical_alert)
        # Incidents and dispatch: escalating an alert opens the incident form pre-filled.
        self.incidents = IncidentController(self.rest, self, store=self.local_store)
        desk = window.incident_desk
        self.incidents.bind_views(desk.board, desk.detail, desk.reports, desk.hotline)
        self.incidents.error_reported.connect(window.show_error)
        self.incidents.status_reported.connect(window.show_error)
        self.alerts.escalate_with_form = True
        self.alerts.escalation_requested.connect(self._on_alerts_escalation_requested)
        desk.board.set_commander_view(self.rest.user.role == Role.COMMANDER)
        if evidence_allowed(self.rest.user.role):
            # The police liaison's panel; other roles never see it (the backend says 403 too).
            self.evidence = EvidenceController(
                self.rest, self.cameras, EvidenceSearchWidget(), config_dir() / "evidence", self,
                engine=self.engine, bookmarks=BookmarkStore(self.local_store),
            )  # fmt: skip
            self.evidence.install(window)
            self.evidence.map_area_requested.connect(self._on_evidence_map_area_requested)
            window.city_map.area_picked.connect(self._on_map_area_picked)

        # The KPI board and the city map; their data loads in the background.
        self.kpis = KpiController(self.rest, self)
        self.kpis.bind_view(window.kpi_board)
        self.kpis.error_reported.connect(window.show_error)
        self.kpis.record_activated.connect(self._on_record_activated)
        self.map = MapController(
            self.rest, window.city_map, self, tile_url=self.settings.map_tile_url
        )
        window.city_map.camera_activated.connect(self._on_tree_camera_activated)
        window.city_map.alert_activated.connect(self._on_map_alert_activated)
        window.city_map.incident_activated.connect(
            lambda incident_id: self._on_record_activated("incidents", incident_id)
        )
        # The incident form's location is picked on the city map.
        window.city_map.location_picked.connect(self._on_map_location_picked)
        if self.incidents is not None:
            self.incidents.location_pick_requested.connect(
                self._on_incidents_location_pick_requested
            )
            self.incidents.tile_snapshot_requested.connect(
                self._on_incidents_tile_snapshot_requested
            )
        window.camera_tree.camera_activated.connect(self._on_tree_camera_activated)
        window.alert_table.alert_activated.connect(self._on_table_alert_activated)
        window.layout_file_chosen.connect(self._on_window_layout_file_chosen)
        window.push_layout_requested.connect(self._on_window_push_layout_requested)
        self.presets = PresetController(
            self.rest,
            PresetStore(config_dir() / "presets"),
            current=lambda: self.current_layout,
            apply=self.apply_wall_layout,
            parent=self,
        )
        self.presets.error_reported.connect(window.show_error)
        window.presets_requested.connect(self._on_window_presets_requested)
        window.set_push_allowed(self.rest.user.role in (Role.COMMANDER, Role.ADMIN))
        if self.settings.wall_mode:
            window.set_wall_mode(True)
        window.closed.connect(self._closed.set)
        # Without a window manager (kiosk PCs, Xvfb) "maximised" is only a hint: set the size too.
        window.setGeometry(self.qapp.primaryScreen().availableGeometry())
        window.showMaximized()

        loaded = self.layout_store.load()
        if loaded.error:
            window.show_error(
                self.tr(
                    "The saved wall layout is invalid (%1); showing the default layout."
                ).replace("%1", loaded.error)
            )
        self.apply_wall_layout(loaded.layout or self.default_layout())
        self.qapp.screenAdded.connect(self._on_app_screens_changed)
        self.qapp.screenRemoved.connect(self._on_app_screens_changed)

        # Alerts up to the health's last_seq come by REST; the stream resumes after it.
        await self.alerts.load_recent()
        try:
            await self.incidents.load(self.cameras)
        except (ApiError, BackendUnreachable) as exc:
            log.error("incidents not loaded: %s", exc)
            window.show_error(self.tr("Incidents not loaded: %1").replace("%1", str(exc)))
        self.stream = EventStream(
            self.rest.base_url,
            self._token,
            self._on_stream_events,
            self._on_stream_state,
            after=health.last_seq,
        )
        self._spawn(self.stream.run())
        self._spawn(self.kpis.start())
        self._spawn(self.map.start(self.cameras))

    # -- the wall ---------------------------------------------------------------------------

    @property
    def wall(self) -> WallController | None:
        """The wall of the main window (screen 0)."""
        return self.walls.get(0)

    def _make_wall(self, screen: int, grid: WallGridWidget) -> WallController:
        assert self.engine is not None
        wall = self._make_window_wall(grid)
        wall.camera_window_requested.connect(self._on_wall_camera_window_requested)
        wall.health_changed.connect(
            lambda counts, s=screen: self._on_wall_health_changed(s, counts)
        )
        wall.layout_changed.connect(self._on_wall_layout_changed)
        wall.pane_factory = self._make_pane
        # Any wall tile can show a KPI chart or the map instead (its context menu).
        grid.set_pane_choices([(c.chart_id, c.title) for c in chart_specs()], city_map=True)
        return wall

    def _make_window_wall(self, grid: WallGridWidget) -> WallController:
        """A controller for a grid of the wall or of a camera window."""
        assert self.engine is not None
        wall = WallController(
            grid,
            self.engine,
            caching_ms=self.settings.network_caching_ms,
            caching_overrides=self.settings.camera_network_caching_ms,
            reconnect_max_s=self.settings.reconnect_max_s,
        )
        wall.set_cameras(self.cameras)
        wall.snapshot_dir = config_dir() / "snapshots"
        wall.snapshot_saved.connect(self._on_wall_snapshot_saved)
        wall.ptz_requested.connect(self._on_wall_ptz_requested)
        return wall

    def _on_wall_camera_window_requested(self, camera_id: str) -> None:
        camera = self.cameras.get(camera_id)
        if camera is not None and self.camera_windows is not None:
            self.camera_windows.open(camera)

    def _on_wall_ptz_requested(self, camera_id: str, command: PtzCommand) -> None:
        self._spawn(self.send_ptz(camera_id, command))

    async def send_ptz(self, camera_id: str, command: PtzCommand) -> bool:
        """Send one PTZ command through the backend; False (and a message) if it failed."""
        if self.rest is None:
            return False
        async with self._ptz_lock:
            try:
                await self.rest.camera_ptz(camera_id, command)
            except (ApiError, BackendUnreachable) as exc:
                log.warning("PTZ %s on %s failed: %s", command.action.value, camera_id, exc)
                if self.window is not None:
                    self.window.show_error(
                        self.tr("PTZ command not sent: %1").replace("%1", str(exc))
                    )
                return False
        return True

    def _make_pane(self, pane: Pane) -> QWidget | None:
        """A KPI chart or the live city map for a wall tile, fed by the running controllers."""
        if pane.kind == PaneKind.KPI and self.kpis is not None:
            return self.kpis.make_pane(pane.chart_id or "")
        if pane.kind == PaneKind.MAP and self.map is not None:
            view = self.map.add_view(CityMapWidget())
            view.camera_activated.connect(self._on_tree_camera_activated)
            view.alert_activated.connect(self._on_map_alert_activated)
            view.incident_activated.connect(
                lambda incident_id: self._on_record_activated("incidents", incident_id)
            )
            return view
        return None

    def default_layout(self) -> WallLayout:
        """3×3 on the main screen, 4×4 on every further screen, cameras in order."""
        ids = list(self.cameras)
        screens = [grid_layout(3, 3, ids[:9], screen=0)]
        offset = 9
        for index in range(1, len(self.qapp.screens())):
            chunk = [ids[(offset + k) % len(ids)] for k in range(16)] if ids else []
            screens.append(grid_layout(4, 4, chunk, screen=index))
            offset += 16
        return WallLayout(self.tr("Normal operations"), tuple(screens))

    def apply_wall_layout(self, layout: WallLayout, *, only_new_screens: bool = False) -> None:
        """Show ``layout``: screen 0 in the main window, others in wall windows on their QScreen.

        ``only_new_screens`` (a monitor was plugged in) leaves running walls untouched, so
        their video does not restart.
        """
        self.current_layout = layout
        qscreens = self.qapp.screens()
        shown: set[int] = set()
        for screen_layout in layout.screens:
            index = screen_layout.screen
            if index >= len(qscreens) and index != 0:
                log.info("layout screen %d has no monitor now; it waits for one", index)
                continue
            shown.add(index)
            if only_new_screens and (index == 0 or index in self.wall_windows):
                continue
            if index == 0:
                self.walls[0].apply_layout(screen_layout)
                continue
            window = self.wall_windows.get(index)
            if window is None:
                window = WallWindow(index)
                self.wall_windows[index] = window
                self.walls[index] = self._make_wall(index, window.grid)
            window.place_on(qscreens[index])
            self.walls[index].apply_layout(screen_layout)
        for index in [i for i in self.wall_windows if i not in shown]:
            self._drop_wall_window(index)
        self._save_layout()

    def _drop_wall_window(self, index: int) -> None:
        wall = self.walls.pop(index, None)
        if wall is not None:
            wall.close()
        window = self.wall_windows.pop(index, None)
        if window is not None:
            window.close()
            window.deleteLater()
        self._health.pop(index, None)

    def load_layout_file(self, path: Path) -> bool:
        """Apply a layout file; a broken one leaves the wall as it is and says why."""
        try:
            layout = read_layout_file(path)
        except LayoutError as exc:
            log.error("layout %s rejected: %s", path, exc)
            if self.window is not None:
                self.window.show_error(
                    self.tr("Layout not applied: %1").replace("%1", f"{path.name}: {exc}")
                )
            return False
        self.apply_wall_layout(layout)
        return True

    def _save_layout(self) -> None:
        if self.current_layout is not None:
            try:
                self.layout_store.save(self.current_layout)
            except OSError as exc:
                log.error("cannot save the layout: %s", exc)

    def _on_wall_layout_changed(self, screen_layout: ScreenLayout) -> None:
        if self.current_layout is None:
            return
        screens = tuple(
            screen_layout if s.screen == screen_layout.screen else s
            for s in self.current_layout.screens
        )
        self.current_layout = WallLayout(self.current_layout.name, screens)
        self._save_layout()

    def _on_wall_health_changed(self, screen: int, counts: dict[str, int]) -> None:
        self._health[screen] = counts
        total: dict[str, int] = {}
        for per_screen in self._health.values():
            for state, n in per_screen.items():
                total[state] = total.get(state, 0) + n
        if self.window is not None:
            self.window.set_health_summary(total)

    def _on_app_screens_changed(self, *_args: object) -> None:
        if self._shut_down:
            return
        # Monitors come and go: windows of vanished screens close, new screens get theirs.
        count = len(self.qapp.screens())
        for index in [i for i in self.wall_windows if i >= count]:
            self._drop_wall_window(index)
        if self.current_layout is not None:
            self.apply_wall_layout(self.current_layout, only_new_screens=True)

    def _on_alerts_sound_muted_changed(self, muted: bool) -> None:
        self.settings.alarm_sound_muted = muted

    def _on_alerts_critical_alert(self, alert: object) -> None:
        """A critical alert: a running tour yields its tile, or the configured alarm tile is used."""
        camera_id = getattr(alert, "camera_id", None)
        if not camera_id:
            return
        now = time.monotonic()
        if now - self._last_alarm_pop < ALARM_POP_MIN_GAP_S:
            return  # a burst of criticals must not turn the wall into a slot machine
        hold = float(self.settings.alarm_hold_s)
        for wall in self.walls.values():
            if wall.tours:
                wall.interrupt(camera_id, hold)
                self._last_alarm_pop = now
                return
        if self.settings.alarm_tile >= 0 and self.wall is not None:
            self.wall.interrupt(camera_id, hold, index=self.settings.alarm_tile)
            self._last_alarm_pop = now

    def _on_incidents_location_pick_requested(self) -> None:
        if self.window is None:
            return
        self.window.map_dock.show()
        self.window.map_dock.raise_()
        self.window.city_map.pick_location()
        self.window.statusBar().showMessage(self.tr("Click the incident's place on the map"), 10000)

    def _on_evidence_map_area_requested(self) -> None:
        if self.window is None:
            return
        self.window.map_dock.show()
        self.window.map_dock.raise_()
        self.window.city_map.pick_area()
        self.window.statusBar().showMessage(
            self.tr("Drag a rectangle on the map around the cameras to search"), 10000
        )

    def _on_map_area_picked(self, south: float, west: float, north: float, east: float) -> None:
        if self.evidence is not None:
            found = self.evidence.set_area(south, west, north, east)
            if self.window is not None:
                self.window.statusBar().showMessage(
                    self.tr("%1 cameras in the search area").replace("%1", str(len(found))), 8000
                )

    def _on_incidents_tile_snapshot_requested(self) -> None:
        """The incident form attaches the picture of the wall's selected tile."""
        dialog = self.incidents.dialog if self.incidents is not None else None
        wall = self.wall
        if dialog is None or wall is None:
            return
        index = wall.grid.selected_index
        path = wall.snapshot(index)
        if path is None:
            dialog.form.show_error(self.tr("The selected tile has no picture to attach."))
            return
        # The file is named CAMERA-YYYYmmdd-HHMMSS-micro.png.
        camera = self.cameras.get(path.stem.rsplit("-", 3)[0])
        name = camera.name if camera is not None else path.stem
        dialog.form.add_attachment(self.tr("Snapshot of %1").replace("%1", name), str(path))

    def _on_map_location_picked(self, lat: float, lon: float) -> None:
        if self.incidents is not None and self.incidents.dialog is not None:
            self.incidents.dialog.form.set_location(lat, lon)
            self.incidents.dialog.raise_()

    def _on_wall_snapshot_saved(self, path: str) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage(
                self.tr("Snapshot saved: %1").replace("%1", path), 8000
            )

    def _on_window_push_layout_requested(self) -> None:
        self._spawn(self.push_current_layout())

    def _on_window_presets_requested(self) -> None:
        if self.presets is not None:
            self.presets.show_dialog(self.window)

    def _on_window_layout_file_chosen(self, path: str) -> None:
        self.load_layout_file(Path(path))

    async def _token(self) -> str:
        assert self.rest is not None
        try:
            await self.rest.refresh()
        except (ApiError, BackendUnreachable) as exc:
            log.info("token refresh failed (%s); using the current token", exc)
        token = self.rest.access_token
        assert token is not None
        return token

    def _spawn(self, coro: Awaitable[Any]) -> None:
        self._tasks.spawn(coro)

    async def wait_closed(self) -> None:
        await self._closed.wait()

    async def shutdown(self) -> None:
        self._shut_down = True
        for signal in (self.qapp.screenAdded, self.qapp.screenRemoved):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(self._on_app_screens_changed)
        await self._tasks.cancel_all()
        for index in list(self.wall_windows):
            self._drop_wall_window(index)
        for wall in self.walls.values():
            wall.close()
        self.walls.clear()
        if self.camera_windows is not None:
            self.camera_windows.close_all()
        if self.engine is not None:
            self.engine.close()
        if self.evidence is not None:
            await self.evidence.aclose()
        if self.alerts is not None:
            await self.alerts.aclose()
        if self.kpis is not None:
            await self.kpis.aclose()
        if self.map is not None:
            await self.map.aclose()
        if self.presets is not None:
            await self.presets.aclose()
        if self.incidents is not None:
            await self.incidents.aclose()
        if self.local_store is not None:
            self.local_store.close()
        if self.rest is not None:
            await self.rest.aclose()
        with contextlib.suppress(OSError):
            self.settings.save()

    # -- event handlers -----------------------------------------------------------------------

    def _on_stream_events(self, events: list[EventEnvelope]) -> None:
        if self.alerts is not None:
            self.alerts.on_events(events)
        if self.incidents is not None:
            self.incidents.on_events(events)
        if self.kpis is not None:
            self.kpis.on_events(events)
        if self.map is not None:
            self.map.on_events(events)
        for event in events:
            if event.type == EventType.LAYOUT_PUSHED:
                self._on_layout_pushed(event)
                continue
            if event.type == EventType.CAMERA_STATUS:
                try:
                    status = CameraStatusEvent.model_validate(event.data)
                except ValueError:
                    log.warning("malformed camera.status event %d", event.seq)
                    continue
                for wall in self.walls.values():
                    wall.set_camera_status(status.camera_id, status.status)
                if self.camera_windows is not None:
                    self.camera_windows.set_camera_status(status.camera_id, status.status)
                self.camera_model.set_status(status.camera_id, status.status)

    def _on_layout_pushed(self, event: EventEnvelope) -> None:
        """A commander pushed a layout: walls (wall mode) targeted by it switch to it."""
        if not self.settings.wall_mode:
            return
        try:
            pushed = LayoutPushed.model_validate(event.data)
        except ValueError:
            log.warning("malformed layout.pushed event %d", event.seq)
            return
        if pushed.screens and self.settings.wall_name not in pushed.screens:
            return
        try:
            layout = layout_from_dict(pushed.document)
        except LayoutError as exc:
            log.error("pushed layout %s rejected: %s", pushed.name, exc)
            if self.window is not None:
                self.window.show_error(
                    self.tr("Layout not applied: %1").replace("%1", f"{pushed.name}: {exc}")
                )
            return
        log.info("applying layout %s pushed by %s", pushed.name, pushed.pushed_by)
        self.apply_wall_layout(layout)

    async def push_current_layout(self, screens: list[str] | None = None) -> None:
        """Commander: store the current layout as a shared one and push it to the walls."""
        if self.rest is None or self.current_layout is None:
            return
        try:
            stored = await self.rest.create_layout(
                self.current_layout.name, layout_to_dict(self.current_layout)
            )
            await self.rest.push_layout(stored.id, screens)
        except (ApiError, BackendUnreachable) as exc:
            if self.window is not None:
                self.window.show_error(
                    self.tr("Could not push the layout: %1").replace("%1", str(exc))
                )
            return
        if self.window is not None:
            self.window.statusBar().showMessage(
                self.tr("Layout %1 pushed to the walls").replace("%1", self.current_layout.name),
                8000,
            )

    def _on_stream_state(self, state: LinkState, reason: str) -> None:
        if self.window is not None:
            self.window.set_link_state(state.value, reason)
        if self.alerts is not None:
            # Back online: the outbox replays the actions taken while offline.
            self.alerts.on_link_state(state)
        if self.incidents is not None:
            self.incidents.on_link_state(state)

    def _on_alerts_escalation_requested(self, alert_id: int) -> None:
        alert = self.alert_model.alert(alert_id)
        if alert is not None and self.incidents is not None:
            self._spawn(self.incidents.open_form_from_alert(alert))

    def _on_tree_camera_activated(self, camera_id: str) -> None:
        if self.wall is not None:
            self.wall.show_camera(camera_id)

    def _on_map_alert_activated(self, alert_id: int) -> None:
        """A map alert: its detail (with snapshot) in the alert pane, its camera on the wall."""
        self._on_record_activated("alerts", alert_id)

    def _on_record_activated(self, kind: str, record_id: int) -> None:
        if kind == "alerts" and self.alerts is not None:
            self.alerts.show_detail(record_id)
            alert = self.alert_model.alert(record_id)
            if alert is not None and self.wall is not None:
                self.wall.show_camera(alert.camera_id)
        elif kind == "incidents" and self.incidents is not None:
            self.incidents.show_incident(record_id)
        self.record_open_requested.emit(kind, record_id)

    def _on_table_alert_activated(self, alert_id: int) -> None:
        alert = self.alert_model.alert(alert_id)
        if alert is not None and self.wall is not None:
            self.wall.show_camera(alert.camera_id)
