"""The FastAPI application and the services behind it, wired from a :class:`BackendConfig`.

``create_app(config)`` builds everything that needs no event loop (database engine, tokens, the
demo city, the simulator); the lifespan then creates the schema, seeds the demo data, continues
the event sequence, starts the media server and the simulator, and undoes it all at shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import TYPE_CHECKING, Final

from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend import (
    routes_alerts,
    routes_audit,
    routes_auth,
    routes_citizen,
    routes_city,
    routes_events,
    routes_evidence,
    routes_incidents,
    routes_kpis,
    routes_layouts,
    routes_system,
)
from backend.auth import TokenService, demo_user_rows
from backend.city_sim import CitySimulator
from backend.config import BACKEND_VERSION, DEFAULT_RTSP_BASE, BackendConfig, load_or_create_secret
from backend.db import CameraRow, Database, UnitRow, UserRow, WardRow
from backend.demo_city import DemoCamera, DemoCity, load_demo_city
from backend.demo_layouts import seed_demo_layouts
from backend.evidence import EvidenceService
from backend.hub import EventHub, EventSink
from backend.migrate import upgrade_database
from backend.pg_events import PgEventListener, lock_startup
from backend.routes_context import install_error_handlers
from backend.simulator import AlertFactory, AlertSimulator
from backend.snapshots import SnapshotStore
from server_client.contract import API_PREFIX, CameraStatus, CameraStatusEvent, EventType

if TYPE_CHECKING:
    from backend.media_process import MediaServerProcess

log = logging.getLogger(__name__)

MEDIA_WATCH_INTERVAL: Final = 2.0


class MediaSupervisor:
    """The demo RTSP server beside the backend: started at once, waited for off the loop.

    Readiness (and a later death of the server) is reported through ``on_change(ready)``.
    Camera URLs are valid from construction: the port is fixed before the server starts.
    """

    def __init__(self, process: MediaServerProcess, ready_timeout: float) -> None:
        self.process = process
        self.ready = False
        self._ready_timeout = ready_timeout
        self._task: asyncio.Task[None] | None = None

    @classmethod
    def for_cameras(cls, cameras: tuple[DemoCamera, ...], config: BackendConfig) -> MediaSupervisor:
        # Imported here: the module is optional for a backend run with --no-media.
        from backend.media_process import (
            COLD_CACHE_READY_TIMEOUT_S,
            MediaCamera,
            MediaServerProcess,
        )

        # A wildcard listen address is no URL a console can open: serve on loopback then.
        host = "127.0.0.1" if config.host in ("0.0.0.0", "::", "") else config.host
        process = MediaServerProcess(
            [MediaCamera(c.id, f"{c.id}  {c.name}") for c in cameras],
            cache_dir=config.media_cache_dir,
            host=host,
        )
        return cls(process, max(config.media_ready_timeout, COLD_CACHE_READY_TIMEOUT_S))

    def url(self, stream_id: str, kind: str) -> str:
        return self.process.url(stream_id, "main" if kind == "main" else "sub")

    def start(self, on_change: Callable[[bool], Awaitable[None]]) -> None:
        """Spawn the server (on the loop thread, which outlives it) and supervise it."""
        self.process.start()
        self._task = asyncio.create_task(self._supervise(on_change), name="media-supervisor")

    async def _supervise(self, on_change: Callable[[bool], Awaitable[None]]) -> None:
        if not await self._wait_ready():
            return
        self.ready = True
        await on_change(True)
        # A child process offers no awaitable exit here (Popen, not asyncio): poll it.
        while self.process.running:  # noqa: ASYNC110
            await asyncio.sleep(MEDIA_WATCH_INTERVAL)
        self.ready = False
        log.error("the media server exited; cameras are offline:\n%s", self.process.stderr_tail())
        await on_change(False)

    def _wait_ready(self) -> asyncio.Future[bool]:
        # wait_ready blocks for up to minutes on a cold cache. A daemon thread, not
        # asyncio.to_thread: the default executor is joined at loop close, which would hold
        # shutdown hostage to that wait.
        loop = asyncio.get_running_loop()
        done: asyncio.Future[bool] = loop.create_future()

        def settle(ok: bool) -> None:
            if not done.done():
                done.set_result(ok)

        def wait() -> None:
            try:
                self.process.wait_ready(self._ready_timeout)
                ok = True
            except Exception:
                log.exception("the media server did not become ready")
                ok = False
            with contextlib.suppress(RuntimeError):  # the loop may be gone at shutdown
                loop.call_soon_threadsafe(settle, ok)

        threading.Thread(target=wait, name="media-wait", daemon=True).start()
        return done

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self.ready = False
        await asyncio.to_thread(self.process.stop)


class BackendServices:
    """Everything the routes use; one per app."""

    def __init__(self, config: BackendConfig) -> None:
        self.config = config
        self.version = BACKEND_VERSION
        self.started_at = time.monotonic()
        self.city: DemoCity = load_demo_city(config.city_file, config.cameras)
        self.db = Database(config.db_url)
        self.hub = EventHub(self.db, queue_size=config.ws_queue_size)
        # PostgreSQL: other backend processes may share the events (backend.pg_events).
        self.listener = PgEventListener(self.hub, self.db.engine) if self.hub.shared else None
        secret = config.secret or load_or_create_secret(config.data_dir)
        self.tokens = TokenService(
            secret, access_ttl=config.access_ttl, refresh_ttl=config.refresh_ttl
        )
        self.snapshots = SnapshotStore(
            config.snapshot_dir, ffmpeg=config.ffmpeg, timeout=config.snapshot_timeout
        )
        self.media: MediaSupervisor | None = None
        if config.media:
            try:
                self.media = MediaSupervisor.for_cameras(self.city.streamed_cameras, config)
            except ImportError:
                log.exception("backend.media_process is missing: running without demo media")
        self.rtsp_base = config.rtsp_base or DEFAULT_RTSP_BASE
        rng = random.Random(config.sim_seed)
        self.simulator = AlertSimulator(
            self.hub,
            self.snapshots,
            AlertFactory(self.city.cameras, rng),
            interval=config.scaled(config.sim_interval),
            sub_url=lambda stream_id: self.stream_url(stream_id, "sub"),
            can_snapshot=lambda _camera_id: self.media_ready,
        )
        self.evidence = EvidenceService(
            self.db,
            config.data_dir,
            record=config.record,
            ffmpeg=config.ffmpeg,
            segment_s=config.segment_s,
            retention=timedelta(hours=config.retention_h),
            backend_version=BACKEND_VERSION,
            stream_of=lambda camera_id: self.city.camera(camera_id).stream_id,
        )
        self.city_sim = CitySimulator(
            self.hub,
            self.city,
            random.Random(None if config.sim_seed is None else config.sim_seed + 1),
            report_interval=config.scaled(config.report_interval),
            hotline_interval=config.scaled(config.hotline_interval),
            kpi_interval=config.scaled(config.kpi_interval),
            scenario=config.scenario,
            flood_rise_s=config.flood_rise,
        )

    @property
    def media_ready(self) -> bool:
        """Whether camera streams can be expected to play (and to give snapshots)."""
        if self.media is not None:
            return self.media.ready
        # An external RTSP server is taken on trust; with neither there is nothing to play.
        return self.config.rtsp_base is not None

    def stream_url(self, stream_id: str, kind: str) -> str:
        """The RTSP URL of a stream (``kind`` is ``main`` or ``sub``) in this run."""
        if self.media is not None:
            return self.media.url(stream_id, kind)
        return f"{self.rtsp_base}/{stream_id}/{kind}"

    # -- lifecycle --------------------------------------------------------------------------

    async def start(self) -> None:
        self.config.data_dir.mkdir(parents=True, exist_ok=True)
        # Cameras are online when their streams can play: with an external RTSP server at
        # once, with the demo media server once it reports ready, without either never.
        initial = CameraStatus.ONLINE if self.media_ready else CameraStatus.OFFLINE
        await self.db.run(lambda s: self._prepare_database(s, initial))
        await self.hub.load()
        if self.listener is not None:
            await self.listener.start()
        await self.set_camera_status(initial)
        if self.media is not None:
            try:
                self.media.start(self._on_media_change)
            except (OSError, RuntimeError):
                # The API is still useful without video: serve it, cameras stay offline.
                log.exception("the demo media server did not start")
        await self.evidence.start()
        if self.media_ready:
            self._record_streams()
        self.simulator.start()
        self.city_sim.start()

    async def stop(self) -> None:
        await self.city_sim.stop()
        await self.simulator.stop()
        await self.evidence.stop()
        if self.media is not None:
            await self.media.stop()
        if self.listener is not None:
            await self.listener.stop()
        self.hub.close(1001, "server shutting down")
        self.db.close()

    def _prepare_database(self, session: Session, initial: CameraStatus) -> None:
        # One starting process at a time migrates and seeds (PostgreSQL; one transaction).
        lock_startup(session)
        log.info("database: %s", upgrade_database(session.connection()))
        sync_city(session, self.city, initial)
        if session.scalar(select(UserRow.username).limit(1)) is None:
            session.add_all(demo_user_rows())
            log.info("seeded the demo users (password = username)")
        if seed_demo_layouts(session, self.city):
            log.info("seeded the demo wall presets")
        session.commit()

    def _record_streams(self) -> None:
        cams = self.city.streamed_cameras
        self.evidence.start_recording(
            {c.stream_id: self.stream_url(c.stream_id, "main") for c in cams}
        )

    async def _on_media_change(self, ready: bool) -> None:
        if ready:
            self._record_streams()
        await self.set_camera_status(CameraStatus.ONLINE if ready else CameraStatus.OFFLINE)

    async def set_camera_status(self, status: CameraStatus) -> int:
        """Set every camera's status; publish ``camera.status`` for each one that changed."""

        def work(session: Session, sink: EventSink) -> int:
            changed = 0
            for row in session.scalars(select(CameraRow).where(CameraRow.status != status.value)):
                row.status = status.value
                data = CameraStatusEvent(camera_id=row.id, status=status).model_dump(mode="json")
                sink.emit(EventType.CAMERA_STATUS, data, ward_id=row.ward_id)
                changed += 1
            return changed

        changed = await self.hub.transact(work)
        if changed:
            log.info("%d camera(s) now %s", changed, status.value)
        return changed


def sync_city(session: Session, city: DemoCity, initial: CameraStatus) -> None:
    """Insert or update the demo wards, cameras and units (never deletes: alerts refer to them).

    New cameras start as ``initial``, so a first start publishes no status changes.
    """
    for ward in city.wards:
        ward_row = session.get(WardRow, ward.id) or WardRow(id=ward.id)
        ward_row.name, ward_row.kind, ward_row.demo = ward.name, ward.kind.value, ward.demo
        session.add(ward_row)
    session.flush()
    for cam in city.cameras:
        row = session.get(CameraRow, cam.id) or CameraRow(id=cam.id, status=initial.value)
        row.name, row.ward_id, row.lat, row.lon = cam.name, cam.ward_id, cam.lat, cam.lon
        row.ptz, row.stream_id = cam.ptz, cam.stream_id
        row.analytics = [a.value for a in cam.analytics]
        session.add(row)
    for unit in city.units:
        # Assignments (incident_id) are state of the run, kept across restarts.
        unit_row = session.get(UnitRow, unit.id) or UnitRow(id=unit.id)
        unit_row.name, unit_row.kind, unit_row.ward_id = unit.name, unit.kind.value, unit.ward_id
        session.add(unit_row)


def create_app(config: BackendConfig) -> FastAPI:
    """The backend as an ASGI app (serve it with uvicorn, see :mod:`backend.__main__`)."""
    services = BackendServices(config)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await services.start()
        try:
            yield
        finally:
            await services.stop()

    app = FastAPI(
        title="IOC reference backend",
        version=BACKEND_VERSION,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.services = services
    install_error_handlers(app)
    for module in (
        routes_system,
        routes_auth,
        routes_city,
        routes_alerts,
        routes_incidents,
        routes_citizen,
        routes_kpis,
        routes_layouts,
        routes_audit,
        routes_events,
        routes_evidence,
    ):
        app.include_router(module.router, prefix=API_PREFIX)
    return app
