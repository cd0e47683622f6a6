"""Drives one wall grid: which camera each tile shows, its libVLC player, and its health.

The controller is the only place that knows both the tiles (``widgets``) and the players
(``streams``). It polls every player from the GUI thread (libVLC is not reentrant), shows the
health on the tile, and picks the sub or main stream from the tile's size in pixels.
"""

from __future__ import annotations

import logging
import math
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from layouts import Pane, PaneKind, ScreenLayout
from server_client.contract import Camera, CameraStatus, PtzAction, PtzCommand
from streams import DigitalZoom, HealthPolicy, StreamSpec, StreamState, VideoEngine, VideoPlayer
from streams.remote import RemotePlayer, VideoWorker
from widgets.wall_grid import WallGridWidget

log = logging.getLogger(__name__)

TICK_MS = 100
# Panes shown by a widget of their own instead of video.
PANE_WIDGET_KINDS = frozenset({PaneKind.KPI, PaneKind.MAP})
PLAYER_POLL_S = 0.45
TICK_BUDGET_S = 0.03
SLOW_POLL_S = 0.05
SUB_STREAM_DECODER_THREADS = 1
TILES_PER_PROCESS = 32
# A tour starts its next camera in the tile's standby surface this long before the dwell ends
# (at most half the dwell), so the camera is already showing pictures when its turn comes.
TOUR_PRESTART_S = 2.0


def stream_for(camera: Camera, width: int, height: int, caching_ms: int) -> StreamSpec:
    """The sub stream unless the tile has more pixels than the sub stream carries."""
    wants_main = width > camera.sub_width * 1.25 or height > camera.sub_height * 1.25
    url = camera.main_url if wants_main else camera.sub_url
    # Many small sub streams decode cheaper one thread each; a big main stream gets them all.
    return StreamSpec(
        url=url,
        label=camera.name,
        network_caching_ms=caching_ms,
        decoder_threads=0 if wants_main else SUB_STREAM_DECODER_THREADS,
    )


def health_badge(player: VideoPlayer, now: float) -> str:
    """Figures shown beside the state: fps when live, frame age when stalled, retry countdown."""
    health = player.health
    state = health.state
    if state == StreamState.LIVE:
        return f"{health.fps:.0f} fps"
    if state == StreamState.STALLED:
        age = health.frame_age(now)
        if age is None:
            return ""
        # Starving (video arrives, the machine shows it late) is not dead: say so with an hourglass.
        return f"⏳ {age:.0f} s" if health.starving(now) else f"{age:.0f} s"
    if state == StreamState.RECONNECTING:
        retry = health.retry_in(now)
        return f"↻ {retry:.0f} s" if retry is not None else ""
    return ""


@dataclass
class TourState:
    """A tile cycling through cameras; an alarm may hold it on another camera for a while."""

    cameras: tuple[str, ...]
    dwell_s: float
    next_at: float
    position: int = 0
    hold_until: float | None = None
    held_camera: str | None = None
    # An alarm hold on a plain camera tile: the "tour" ends with the hold.
    temporary: bool = False

    # The change (dwell end or hold end) whose next camera was already started beside the tile.
    prestarted_for: float | None = None

    @property
    def camera(self) -> str:
        return self.held_camera if self.held_camera else self.cameras[self.position]

    def upcoming(self) -> tuple[str, float, float]:
        """(the camera shown next, when, how early it may start beside the tile)."""
        if self.hold_until is not None:
            return self.cameras[self.position], self.hold_until, TOUR_PRESTART_S
        lead = min(TOUR_PRESTART_S, self.dwell_s / 2)
        return self.cameras[(self.position + 1) % len(self.cameras)], self.next_at, lead


@dataclass
class StandbyStream:
    """A stream starting in a tile's hidden standby surface; it takes over once pictures flow.

    ``camera_id`` is the camera it shows: the tile's own (a sub <-> main switch) or the next one
    (a tour step, an alarm). ``steady_from`` is the picture count when it went live.
    """

    player: VideoPlayer
    started: float
    camera_id: str
    steady_from: int | None = None


def ptz_command(action: str, pan: float, tilt: float, zoom: float, preset: int) -> PtzCommand:
    """The wire command for a tile's PTZ intent (raises ValueError for a malformed one)."""
    kind = PtzAction(action)
    if kind == PtzAction.MOVE:
        return PtzCommand(action=kind, pan=pan, tilt=tilt, zoom=zoom)
    if kind == PtzAction.GOTO_PRESET:
        return PtzCommand(action=kind, preset=preset)
    return PtzCommand(action=kind)


class WallController(QObject):
    """Binds a :class:`WallGridWidget` to players; emits a wall-wide health summary.

    Also keeps each tile's digital zoom (libVLC crop) and turns tile intents that need the
    backend or another window into signals for the app: ``ptz_requested(camera_id, command)``
    and ``camera_window_requested(camera_id)``.
    """

    health_changed = Signal(dict)
    layout_changed = Signal(object)
    snapshot_saved = Signal(str)
    ptz_requested = Signal(str, object)
    camera_window_requested = Signal(str)

    def __init__(
        self,
        grid: WallGridWidget,
        engine: VideoEngine,
        *,
        caching_ms: int = 300,
        caching_overrides: Mapping[str, int] | None = None,
        reconnect_max_s: float = 4.0,
        clock: Callable[[], float] = time.monotonic,
        tiles_per_process: int = TILES_PER_PROCESS,
    ) -> None:
        super().__init__(grid)
        self.grid = grid
        self.engine = engine
        # A layout of more tiles than this plays them in video worker processes, this many to a
        # process (0: always in this process). One process holding 64 pipelines drops frames
        # that two processes of 32 show (docs/performance.md, Wall).
        self.tiles_per_process = tiles_per_process
        self.workers: list[VideoWorker] = []
        self._remote = False
        self.caching_ms = caching_ms
        # Per camera, from local settings; a value from the backend's camera data wins.
        self.caching_overrides: dict[str, int] = dict(caching_overrides or {})
        self.policy = HealthPolicy(backoff_max=reconnect_max_s)
        self._clock = clock
        self.cameras: dict[str, Camera] = {}
        self.layout: ScreenLayout | None = None
        self.players: list[VideoPlayer | None] = []
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        grid.camera_dropped.connect(self._on_grid_camera_dropped)
        grid.tiles_swapped.connect(self.swap_tiles)
        grid.snapshot_requested.connect(self.snapshot)
        grid.zoom_requested.connect(self.zoom_tile)
        grid.pan_requested.connect(self.pan_tile)
        grid.zoom_reset_requested.connect(self.reset_zoom)
        grid.ptz_requested.connect(self._on_grid_ptz_requested)
        grid.window_requested.connect(self._on_grid_window_requested)
        grid.pane_requested.connect(self._on_grid_pane_requested)
        self.zooms: dict[int, DigitalZoom] = {}
        # The stream size each tile's crop was computed for (sub and main differ).
        self._crop_size: dict[int, tuple[int, int]] = {}
        self.snapshot_dir: Path | None = None
        self._last_summary: dict[str, int] = {}
        # Tiles that are hidden (another tile full screen, window minimised) do not decode.
        self.parked: set[int] = set()
        self._polled_at: dict[int, float] = {}
        self._cursor = 0
        self.tours: dict[int, TourState] = {}
        # Gapless switches (sub <-> main, a tour step, an alarm): the next stream plays in the
        # tile's hidden standby surface until its pictures flow, then takes over.
        self.pending: dict[int, StandbyStream] = {}
        # The camera each tile's player shows. It lags the layout's (or the tour's) camera while
        # the next camera starts beside it.
        self.shown: dict[int, str] = {}
        # Builds the widget of a KPI or map pane (set by the app; None: such cells stay empty).
        self.pane_factory: Callable[[Pane], QWidget | None] | None = None

    # -- configuration ------------------------------------------------------------------------

    def set_cameras(self, cameras: Mapping[str, Camera]) -> None:
        self.cameras = dict(cameras)

    def apply_layout(self, layout: ScreenLayout) -> None:
        """Rebuild the grid for ``layout`` and start every camera tile."""
        self._stop_all()
        self.layout = layout
        rects = [(c.row, c.col, c.row_span, c.col_span) for c in layout.cells]
        self.grid.set_grid(layout.rows, layout.cols, rects)
        self.players = [None] * len(layout.cells)
        count = len(layout.cells)
        self._remote = 0 < self.tiles_per_process < count
        if self._remote:
            needed = math.ceil(count / self.tiles_per_process)
            options = {"rtsp_mode": self.engine.rtsp_mode, "extra_args": list(self.engine.args)}
            while len(self.workers) < needed:
                self.workers.append(VideoWorker(options))
            log.info("%d tiles: players in %d video processes", count, needed)
        now = self._clock()
        for index, cell in enumerate(layout.cells):
            if cell.pane.kind == PaneKind.TOUR and cell.pane.cameras:
                self.tours[index] = TourState(
                    cell.pane.cameras, cell.pane.dwell_s, now + cell.pane.dwell_s
                )
            self._assign(index, self._camera_at(index))
            if cell.pane.kind in PANE_WIDGET_KINDS and self.pane_factory is not None:
                # A KPI chart or the map: the app builds it, fed by its live controller.
                self.grid.set_pane(index, self.pane_factory(cell.pane))
        self._timer.start()
        self.layout_changed.emit(layout)

    def show_camera(self, camera_id: str, index: int | None = None) -> None:
        """Put ``camera_id`` on tile ``index`` (default: the selected tile)."""
        if self.layout is None:
            return
        if index is None:
            index = self.grid.selected_index
        if not 0 <= index < len(self.players):
            return
        # The operator's choice replaces a tour (or a chart, the map) on that tile.
        self.tours.pop(index, None)
        self.grid.set_pane(index, None)
        self.layout = self.layout.with_camera(index, camera_id)
        self._assign(index, camera_id)
        self.layout_changed.emit(self.layout)

    def show_pane(self, index: int, pane: Pane) -> None:
        """Put a KPI chart or the city map on tile ``index`` instead of its video.

        The layout changes (and is saved) like any other edit; a camera dropped on the cell
        later puts video back.
        """
        if self.layout is None or not 0 <= index < len(self.players):
            return
        if pane.kind not in PANE_WIDGET_KINDS or (pane.kind == PaneKind.KPI and not pane.chart_id):
            return
        self.tours.pop(index, None)
        self._assign(index, None)  # the cell's video stops
        self.layout = self.layout.with_pane(index, pane)
        widget = self.pane_factory(pane) if self.pane_factory is not None else None
        self.grid.set_pane(index, widget)
        self.layout_changed.emit(self.layout)

    def _on_grid_pane_requested(self, index: int, kind: str, chart_id: str) -> None:
        try:
            pane_kind = PaneKind(kind)
        except ValueError:
            log.warning("tile %d: unknown pane kind %r", index, kind)
            return
        self.show_pane(index, Pane(pane_kind, chart_id=chart_id or None))

    def swap_tiles(self, a: int, b: int) -> None:
        """Exchange the cameras of two tiles (a tile dragged onto another)."""
        if self.layout is None or not (0 <= a < len(self.players) and 0 <= b < len(self.players)):
            return
        cam_a, cam_b = self._camera_at(a), self._camera_at(b)
        self.tours.pop(a, None)
        self.tours.pop(b, None)
        self.layout = self.layout.with_camera(a, cam_b).with_camera(b, cam_a)
        self._assign(a, cam_b)
        self._assign(b, cam_a)
        self.layout_changed.emit(self.layout)

    def interrupt(
        self, camera_id: str, hold_s: float = 60.0, index: int | None = None
    ) -> int | None:
        """An alarm: show ``camera_id`` on a tour tile (or ``index``) for ``hold_s``, then resume.

        Returns the tile used, or None when there is no tile to use.
        """
        if self.layout is None or not self.players:
            return None
        if index is None:
            index = next(iter(sorted(self.tours)), self.grid.selected_index)
        if not 0 <= index < len(self.players):
            return None
        tour = self.tours.get(index)
        if tour is None:
            previous = self._camera_at(index)
            if previous is None:
                self.show_camera(camera_id, index)
                return index
            tour = TourState((previous,), float("inf"), float("inf"), temporary=True)
            self.tours[index] = tour
        now = self._clock()
        tour.held_camera = camera_id
        tour.hold_until = now + hold_s
        # No prestart for an alarm, but the old picture stays until the alarm camera shows.
        self._change_camera(index, now)
        return index

    def _advance_tours(self, now: float) -> None:
        ended: list[int] = []
        changed: list[int] = []
        for index, tour in self.tours.items():
            if tour.hold_until is not None:
                if now >= tour.hold_until:
                    # The alarm hold is over: the tour resumes where it was.
                    tour.hold_until = None
                    tour.held_camera = None
                    tour.next_at = now + tour.dwell_s
                    if tour.temporary:
                        ended.append(index)
                    changed.append(index)
                    continue
            elif now >= tour.next_at and len(tour.cameras) > 1:
                tour.position = (tour.position + 1) % len(tour.cameras)
                tour.next_at = now + tour.dwell_s
                changed.append(index)
                continue
            self._prestart(index, tour, now)
        for index in ended:
            self.tours.pop(index, None)
        for index in changed:
            self._change_camera(index, now)

    def _prestart(self, index: int, tour: TourState, now: float) -> None:
        """Start the tour's next camera beside the tile shortly before its turn."""
        camera_id, due, lead = tour.upcoming()
        if now < due - lead or tour.prestarted_for == due:
            return
        player = self.players[index]
        if (
            camera_id == self.shown.get(index)
            or index in self.parked
            or player is None
            or player.state != StreamState.LIVE  # nothing on screen worth keeping
        ):
            return
        tour.prestarted_for = due
        self._start_standby(index, camera_id, now)

    def _change_camera(self, index: int, now: float) -> None:
        """The tile's camera changed (tour, alarm): switch at once if nothing is on screen,
        otherwise keep the picture until the next camera's pictures flow beside it."""
        wanted = self._camera_at(index)
        pending = self.pending.get(index)
        if wanted == self.shown.get(index):
            if pending is not None and pending.camera_id != wanted:
                self._cancel_switch(index)
            return
        if pending is not None and pending.camera_id == wanted:
            return  # started before its turn: it takes over when its pictures flow
        player = self.players[index]
        if (
            wanted is None
            or player is None
            or player.state != StreamState.LIVE
            or index in self.parked
            or not self._start_standby(index, wanted, now)
        ):
            self._assign(index, wanted)

    def _start_standby(self, index: int, camera_id: str, now: float) -> bool:
        """Start ``camera_id`` in tile ``index``'s hidden standby surface (False: it cannot)."""
        self._cancel_switch(index)
        camera = self.cameras.get(camera_id)
        if camera is None or camera.status == CameraStatus.OFFLINE:
            return False
        tile = self.grid.tiles[index]
        size = tile.surface.size()
        spec = stream_for(camera, size.width(), size.height(), self.caching_for(camera))
        log.info("tile %d: starting %s beside %s", index, camera_id, self.shown.get(index))
        self._play_in_standby(index, spec, camera_id, now)
        return True

    def _play_in_standby(self, index: int, spec: StreamSpec, camera_id: str, now: float) -> None:
        """Start ``spec`` in tile ``index``'s hidden standby surface; it takes over once steady."""
        candidate = self._new_player(index)
        candidate.set_window(self.grid.tiles[index].standby_window_id())
        candidate.play(spec, now)
        self.pending[index] = StandbyStream(candidate, now, camera_id)

    def snapshot(self, index: int) -> Path | None:
        """Save tile ``index``'s current picture as a PNG in :attr:`snapshot_dir`."""
        player = self.players[index] if 0 <= index < len(self.players) else None
        camera_id = self.shown.get(index)
        if player is None or camera_id is None or self.snapshot_dir is None:
            return None
        self.snapshot_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = self.snapshot_dir / f"{camera_id}-{stamp}.png"
        if not player.snapshot(str(path)):
            log.warning("tile %d: no picture to snapshot", index)
            return None
        self.snapshot_saved.emit(str(path))
        return path

    def _on_grid_camera_dropped(self, index: int, camera_id: str) -> None:
        self.show_camera(camera_id, index)

    # -- digital zoom, PTZ, own window ------------------------------------------------------

    def caching_for(self, camera: Camera) -> int:
        """The camera's network caching: the backend's value, else a local override, else 300."""
        if camera.network_caching_ms is not None:
            return camera.network_caching_ms
        return self.caching_overrides.get(camera.id, self.caching_ms)

    def zoom_tile(self, index: int, notches: float, ax: float = 0.5, ay: float = 0.5) -> None:
        """Wheel on a tile: zoom in (notches > 0) or out around (ax, ay) of its video."""
        if 0 <= index < len(self.players) and self.players[index] is not None:
            zoom = self.zooms.get(index, DigitalZoom()).zoom_by(notches, ax, ay)
            self._set_zoom(index, zoom)

    def pan_tile(self, index: int, dx: float, dy: float) -> None:
        """Drag on a zoomed tile: move the picture by (dx, dy) of its video area."""
        zoom = self.zooms.get(index)
        if zoom is not None and zoom.zoomed:
            self._set_zoom(index, zoom.pan_by(dx, dy))

    def reset_zoom(self, index: int) -> None:
        """Back to the whole picture."""
        if 0 <= index < len(self.players):
            self._set_zoom(index, DigitalZoom())

    def _set_zoom(self, index: int, zoom: DigitalZoom) -> None:
        if zoom.zoomed:
            self.zooms[index] = zoom
        else:
            self.zooms.pop(index, None)
        self.grid.tiles[index].set_zoom(zoom.factor)
        self._apply_crop(index)

    def _apply_crop(self, index: int) -> None:
        player = self.players[index]
        if player is None:
            return
        zoom = self.zooms.get(index, DigitalZoom())
        size = player.video_size() or self._nominal_size(index, player)
        geometry = zoom.crop_geometry(*size) if size else None
        player.set_crop_geometry(geometry)
        if geometry is not None and size is not None:
            self._crop_size[index] = size
        else:
            self._crop_size.pop(index, None)

    def _nominal_size(self, index: int, player: VideoPlayer) -> tuple[int, int] | None:
        # Before the first picture: the size the backend announces for that stream.
        camera_id = self.shown.get(index)
        camera = self.cameras.get(camera_id) if camera_id else None
        if camera is None or player.spec is None:
            return None
        if player.spec.url == camera.main_url:
            return camera.main_width, camera.main_height
        return camera.sub_width, camera.sub_height

    def _on_grid_ptz_requested(
        self, index: int, action: str, pan: float, tilt: float, zoom: float, preset: int
    ) -> None:
        camera_id = self.shown.get(index)
        camera = self.cameras.get(camera_id) if camera_id else None
        if camera is None or not camera.ptz:
            return
        try:
            command = ptz_command(action, pan, tilt, zoom, preset)
        except ValueError as exc:
            log.warning("tile %d: PTZ %s ignored: %s", index, action, exc)
            return
        self.ptz_requested.emit(camera.id, command)

    def _on_grid_window_requested(self, index: int) -> None:
        camera_id = self.shown.get(index)
        if camera_id is not None and camera_id in self.cameras:
            self.camera_window_requested.emit(camera_id)

    def set_camera_status(self, camera_id: str, status: CameraStatus) -> None:
        """The backend says a camera went offline or came back."""
        if camera_id in self.cameras:
            self.cameras[camera_id] = self.cameras[camera_id].model_copy(update={"status": status})
        now = self._clock()
        for index, player in enumerate(self.players):
            pending = self.pending.get(index)
            if pending is not None and pending.camera_id == camera_id:
                self._cancel_switch(index)  # the tile changes in place when its turn comes
            if player is not None and self.shown.get(index) == camera_id:
                player.set_offline(status == CameraStatus.OFFLINE, now)

    # -- players ------------------------------------------------------------------------------

    def _camera_at(self, index: int) -> str | None:
        if self.layout is None:
            return None
        tour = self.tours.get(index)
        if tour is not None:
            return tour.camera
        pane = self.layout.cells[index].pane
        return pane.camera_id if pane.kind == PaneKind.CAMERA else None

    def _assign(self, index: int, camera_id: str | None) -> None:
        self._cancel_switch(index)
        tile = self.grid.tiles[index]
        # A camera moved by held keys stops before the tile shows another one.
        tile.release_ptz_keys()
        old = self.players[index]
        camera = self.cameras.get(camera_id) if camera_id else None
        if camera_id:
            self.shown[index] = camera_id
        else:
            self.shown.pop(index, None)
        # Another camera (or the same one again) starts unzoomed.
        if index in self.zooms or tile.zoom != 1.0:
            self.zooms.pop(index, None)
            self._crop_size.pop(index, None)
            tile.set_zoom(1.0)
            if old is not None:
                old.set_crop_geometry(None)
        if camera is None:
            if old is not None:
                old.close()
                self.players[index] = None
            if camera_id:
                tile.set_camera(camera_id, "")
                tile.set_state("offline", self.tr("unknown camera"))
            else:
                tile.set_camera(None)
            return
        tile.set_camera(camera.name, camera.ward_name, ptz=camera.ptz)
        player = old
        if player is None:
            player = self._new_player(index)
            player.set_window(tile.surface_window_id())
            self.players[index] = player
        # Start on the sub stream (cheap, fast to first frame); the poll upgrades to the main
        # stream once the tile's laid-out size asks for it.
        spec = stream_for(camera, 0, 0, self.caching_for(camera))
        log.info("tile %d: %s (%s)", index, camera.id, spec.url)
        player.play(spec, self._clock(), offline=camera.status == CameraStatus.OFFLINE)
        now = self._clock()
        tile.set_state(player.state.value, player.health.detail(now), health_badge(player, now))

    def _on_timer_timeout(self) -> None:
        """Poll due players round robin within a time budget, so the GUI never stalls.

        A whole wall reconnecting at once means a relay spawn and a libVLC restart per tile;
        spreading them over ticks keeps each tick short.
        """
        count = len(self.players)
        if self.tours:
            self._advance_tours(self._clock())
        started = time.perf_counter()
        for step in range(count):
            index = (self._cursor + step) % count
            player = self.players[index]
            now = self._clock()
            if player is None or now - self._polled_at.get(index, -1e9) < PLAYER_POLL_S:
                continue
            self._polled_at[index] = now
            self._poll_tile(index, player, now)
            if time.perf_counter() - started > TICK_BUDGET_S:
                self._cursor = (index + 1) % count
                break
        summary = Counter(
            p.state.value
            for i, p in enumerate(self.players)
            if p is not None and i not in self.parked
        )
        result = dict(summary)
        if result != self._last_summary:
            self._last_summary = result
            self.health_changed.emit(result)

    def _poll_tile(self, index: int, player: VideoPlayer, now: float) -> None:
        tile = self.grid.tiles[index]
        camera_id = self.shown.get(index)
        camera = self.cameras.get(camera_id) if camera_id else None
        if not tile.isVisible() or tile.window().isMinimized():
            if index not in self.parked:
                log.info("tile %d hidden: stop decoding", index)
                self._cancel_switch(index)
                player.stop()
                self.parked.add(index)
            return
        size = tile.surface.size()
        wanted = self._camera_at(index)
        if index in self.parked:
            self.parked.discard(index)
            if wanted != camera_id:
                # The tour moved on while hidden: nothing on screen to keep, change in place.
                self._assign(index, wanted)
                resumed = self.players[index]
                if resumed is None:
                    return
                player, camera_id = resumed, wanted
                camera = self.cameras.get(wanted) if wanted else None
            elif camera is not None:
                log.info("tile %d visible again: resume", index)
                spec = stream_for(camera, size.width(), size.height(), self.caching_for(camera))
                player.play(spec, now, offline=camera.status == CameraStatus.OFFLINE)
        started = time.perf_counter()
        player.poll(now)
        spent = time.perf_counter() - started
        if spent > SLOW_POLL_S:
            # libVLC calls must never block the GUI; a slow one is worth a log line.
            log.warning(
                "tile %d: player poll took %.0f ms (%s)", index, spent * 1000, player.state.value
            )
        pending = self.pending.get(index)
        if wanted != camera_id or (pending is not None and pending.camera_id != camera_id):
            followed = self._follow_camera(index, player, wanted, now)
            if followed is None:
                return
            player = followed
        elif camera is not None and player.spec is not None:
            spec = stream_for(camera, size.width(), size.height(), self.caching_for(camera))
            player = self._follow_switch(index, player, spec, now)
        if index in self.zooms and player.video_size() not in (None, self._crop_size.get(index)):
            # The crop is in source pixels: a stream of another size needs it again.
            self._apply_crop(index)
        tile.set_state(player.state.value, player.health.detail(now), health_badge(player, now))

    def _follow_camera(
        self, index: int, player: VideoPlayer, wanted: str | None, now: float
    ) -> VideoPlayer | None:
        """Move tile ``index`` to camera ``wanted`` (or poll the next camera started early).

        The standby stream takes over once its pictures flow and it is the tile's turn; if it
        does not come up within the connect timeout the tile changes in place.
        """
        shown = self.shown.get(index)
        pending = self.pending.get(index)
        if pending is not None and wanted != shown and pending.camera_id != wanted:
            self._cancel_switch(index)  # the plan changed (another alarm, the operator)
            pending = None
        if pending is None:
            if wanted != shown:
                self._change_camera(index, now)
            return self.players[index]
        pending.player.poll(now)
        if pending.camera_id == wanted and self._standby_steady(pending):
            return self._promote(index, pending, now)
        if self._standby_failed(pending, now):
            log.info("tile %d: %s did not come up beside", index, pending.camera_id)
            self._cancel_switch(index)
            if wanted != shown:
                self._assign(index, wanted)
            return self.players[index]
        return player

    def _standby_steady(self, pending: StandbyStream) -> bool:
        """Whether the standby stream's pictures flow (past the first burst)."""
        candidate = pending.player
        if candidate.state != StreamState.LIVE:
            return False
        if pending.steady_from is None:
            # Its first pictures come in a burst, then it waits for its buffer: swapped now,
            # the tile would sit on one frozen picture. Wait for a steady flow.
            pending.steady_from = candidate.displayed_frames
            return False
        return candidate.displayed_frames > pending.steady_from

    def _standby_failed(self, pending: StandbyStream, now: float) -> bool:
        state = pending.player.state
        if state not in (StreamState.CONNECTING, StreamState.LIVE):
            return True
        return pending.steady_from is None and now - pending.started > self.policy.connect_timeout

    def _promote(self, index: int, pending: StandbyStream, now: float) -> VideoPlayer:
        """The standby stream takes the tile's place; the old player is closed."""
        del self.pending[index]
        tile = self.grid.tiles[index]
        if pending.camera_id != self.shown.get(index):
            tile.release_ptz_keys()  # the moving camera stops before the next one shows
        tile.promote_standby()
        old = self.players[index]
        if old is not None:
            old.close()
        candidate = pending.player
        self.players[index] = candidate
        camera = self.cameras.get(pending.camera_id)
        if pending.camera_id != self.shown.get(index) and camera is not None:
            self.shown[index] = camera.id
            tile.set_camera(camera.name, camera.ward_name, ptz=camera.ptz)
            # Another camera starts unzoomed.
            self.zooms.pop(index, None)
            self._crop_size.pop(index, None)
            tile.set_zoom(1.0)
            tour = self.tours.get(index)
            if tour is not None and tour.hold_until is None and tour.camera == camera.id:
                # Its dwell counts from when it shows.
                tour.next_at = max(tour.next_at, now + tour.dwell_s)
        elif index in self.zooms:
            self._apply_crop(index)
        spec = candidate.spec
        log.info("tile %d: now on %s (no gap)", index, spec.url if spec else pending.camera_id)
        return candidate

    def _follow_switch(
        self, index: int, player: VideoPlayer, spec: StreamSpec, now: float
    ) -> VideoPlayer:
        """Move tile ``index`` towards ``spec`` without a black gap; returns the tile's player.

        A live tile keeps showing its stream while the new one starts in the hidden standby
        surface; the new one takes over once its pictures flow (past the first burst). If it does
        not within the connect timeout (or the tile was not live anyway) the player switches in
        place. Without a compositor the swapped-in window is black until its next picture: one
        frame period (40-67 ms) instead of a reconnect's second or two.
        """
        pending = self.pending.get(index)
        if pending is not None:
            candidate = pending.player
            if candidate.spec is None or candidate.spec.url != spec.url:
                self._cancel_switch(index)  # the tile changed its mind (resized back)
            else:
                candidate.poll(now)
                if self._standby_steady(pending):
                    return self._promote(index, pending, now)
                if self._standby_failed(pending, now):
                    log.info(
                        "tile %d: %s did not come up beside; switching in place", index, spec.url
                    )
                    self._cancel_switch(index)
                    player.switch(spec, now)
                return player
        if player.spec is None or spec.url == player.spec.url:
            return player
        if player.state != StreamState.LIVE:
            log.info("tile %d: switching to %s", index, spec.url)
            player.switch(spec, now)
            if index in self.zooms:
                self._apply_crop(index)
            return player
        log.info("tile %d: starting %s beside the live stream", index, spec.url)
        self._play_in_standby(index, spec, self.shown.get(index) or "", now)
        return player

    def _cancel_switch(self, index: int) -> None:
        pending = self.pending.pop(index, None)
        if pending is not None:
            pending.player.close()

    def tile_states(self) -> list[str | None]:
        return [p.state.value if p is not None else None for p in self.players]

    def _stop_all(self) -> None:
        self._timer.stop()
        self.tours.clear()
        self.shown.clear()
        self.parked.clear()
        self._polled_at.clear()
        self.zooms.clear()
        self._crop_size.clear()
        self._cursor = 0
        for index in list(self.pending):
            self._cancel_switch(index)
        for player in self.players:
            if player is not None:
                player.close()
        self.players = []

    def close(self) -> None:
        self._stop_all()
        for worker in self.workers:
            worker.close()
        self.workers = []

    def _new_player(self, index: int) -> VideoPlayer:
        """A player for tile ``index``: in this process, or in its video worker process."""
        if self._remote and self.workers:
            needed = math.ceil(len(self.players) / self.tiles_per_process)
            worker = self.workers[index % max(1, min(needed, len(self.workers)))]
            return RemotePlayer(worker, policy=self.policy)  # type: ignore[return-value]
        return VideoPlayer(self.engine, policy=self.policy)
