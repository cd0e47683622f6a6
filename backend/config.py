"""Options of the reference backend, declared once with their defaults.

``python -m backend --help`` lists them; :func:`parse_args` turns a command line into a
:class:`BackendConfig`, which is all :func:`backend.app.create_app` needs.
"""

from __future__ import annotations

import argparse
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Final

log = logging.getLogger(__name__)

BACKEND_VERSION: Final = "0.1.0"
DEFAULT_PORT: Final = 8700
# Where camera URLs point when neither the demo media server nor --rtsp-base is used: the
# conventional port of MediaMTX and go2rtc, so a restreamer started by hand just works.
DEFAULT_RTSP_BASE: Final = "rtsp://127.0.0.1:8554"
SECRET_FILE: Final = "jwt-secret"


@dataclass(frozen=True)
class BackendConfig:
    """Everything the backend is started with."""

    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    db_url: str = "sqlite:///var/ioc.db"
    data_dir: Path = Path("var/backend")
    media: bool = True
    media_cache: Path | None = None
    rtsp_base: str | None = None
    sim_interval: float = 4.0
    sim_seed: int | None = None
    cameras: int = 16
    city_file: Path | None = None
    secret: str | None = None
    heartbeat_interval: float = 5.0
    ws_queue_size: int = 1000
    # Per-message deflate on the websocket: off, see --ws-deflate.
    ws_deflate: bool = False
    snapshot_timeout: float = 6.0
    ffmpeg: str = "ffmpeg"
    media_ready_timeout: float = 240.0
    access_ttl: int = 15 * 60
    refresh_ttl: int = 12 * 3600
    log_level: str = "INFO"
    access_log: bool = False
    report_interval: float = 20.0
    hotline_interval: float = 30.0
    kpi_interval: float = 15.0
    rate: float = 1.0
    scenario: str = "normal"
    flood_rise: float = 1800.0
    # Off unless asked for (tests); ``./ioc demo`` asks for it.
    record: bool = False
    retention_h: float = 1.0
    segment_s: float = 10.0

    def scaled(self, interval: float) -> float:
        """A simulator interval after ``--rate`` (0 when the simulator is off)."""
        if self.sim_interval <= 0 or interval <= 0:
            return 0.0
        return interval / self.rate

    @property
    def media_cache_dir(self) -> Path:
        """Where the media server keeps its generated video (reused across runs)."""
        return self.media_cache or self.data_dir / "media-cache"

    @property
    def snapshot_dir(self) -> Path:
        return self.data_dir / "snapshots"


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``ioc-backend`` / ``python -m backend``."""
    p = argparse.ArgumentParser(
        prog="ioc-backend",
        description="Reference IOC backend: REST + websocket events, alert simulator, demo media.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help="0 picks a free port")
    p.add_argument("--db", dest="db_url", default="sqlite:///var/ioc.db", help="SQLAlchemy URL")
    p.add_argument(
        "--data-dir",
        type=Path,
        default=Path("var/backend"),
        help="snapshots, the generated JWT secret, the media cache",
    )
    p.add_argument(
        "--media",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="start the demo RTSP media server for the demo cameras",
    )
    p.add_argument(
        "--media-cache",
        type=Path,
        default=None,
        help="cache of generated demo video (default DATA_DIR/media-cache)",
    )
    p.add_argument(
        "--rtsp-base",
        default=None,
        help="external RTSP server; camera URLs become BASE/CAMERA_ID/main|sub",
    )
    p.add_argument(
        "--sim-interval",
        type=float,
        default=4.0,
        help="mean seconds between simulated alerts (0 disables the simulator)",
    )
    p.add_argument("--sim-seed", type=int, default=None, help="seed for a repeatable simulator")
    p.add_argument(
        "--cameras",
        type=int,
        default=16,
        help="number of demo cameras (beyond the streamed 16 they reuse streams)",
    )
    p.add_argument(
        "--city",
        dest="city_file",
        type=Path,
        default=None,
        help="demo city JSON (default: the packaged Huế data)",
    )
    p.add_argument(
        "--secret", default=None, help="JWT secret (default: generated once and kept in DATA_DIR)"
    )
    p.add_argument(
        "--heartbeat",
        dest="heartbeat_interval",
        type=float,
        default=5.0,
        help="seconds between websocket heartbeats",
    )
    p.add_argument(
        "--ws-queue",
        dest="ws_queue_size",
        type=int,
        default=1000,
        help="events a websocket client may lag behind before it is cut off",
    )
    p.add_argument(
        "--ws-deflate",
        action="store_true",
        help="offer per-message deflate on websockets (off by default: every frame is "
        "compressed once per client, about a quarter of the fan-out's CPU at 50 clients)",
    )
    p.add_argument(
        "--report-interval",
        type=float,
        default=20.0,
        help="mean seconds between simulated citizen field reports (0: none)",
    )
    p.add_argument(
        "--hotline-interval",
        type=float,
        default=30.0,
        help="mean seconds between simulated hotline calls (0: none)",
    )
    p.add_argument(
        "--kpi-interval",
        type=float,
        default=15.0,
        help="seconds between KPI ticks (gauges sampled, kpi.updated published; 0: none)",
    )
    p.add_argument(
        "--rate",
        type=float,
        default=1.0,
        help="multiply every simulator rate (alerts, reports, calls, KPI ticks) by this, for load",
    )
    p.add_argument(
        "--scenario",
        choices=("normal", "flood"),
        default="normal",
        help="flood: the Hương and Bồ rivers rise through every alarm level, crest and recede",
    )
    p.add_argument(
        "--flood-rise",
        type=float,
        default=1800.0,
        help="seconds the flood scenario takes from normal levels to the crest",
    )
    p.add_argument(
        "--record",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="record every camera's main stream into DATA_DIR/recordings (about 0.7 GB per "
        "camera-hour for the demo's 1.5 Mbit/s streams; ./ioc demo turns it on)",
    )
    p.add_argument(
        "--retention-h",
        type=float,
        default=1.0,
        help="hours of recording kept (evidence-locked ranges are kept longer)",
    )
    p.add_argument(
        "--segment-s", type=float, default=10.0, help="seconds per recorded segment file"
    )
    p.add_argument("--ffmpeg", default="ffmpeg", help="ffmpeg binary used for snapshots")
    p.add_argument("--log-level", default="INFO")
    p.add_argument("--access-log", action="store_true", help="log every HTTP request")
    return p


def parse_args(argv: list[str] | None = None) -> BackendConfig:
    """Parse a command line into a config; exits with a usage message on bad input."""
    parser = build_parser()
    ns = parser.parse_args(argv)
    if ns.sim_interval < 0:
        parser.error("--sim-interval must be >= 0")
    if ns.cameras < 1:
        parser.error("--cameras must be >= 1")
    if not 0 <= ns.port <= 65535:
        parser.error("--port must be within 0..65535")
    if ns.ws_queue_size < 1:
        parser.error("--ws-queue must be >= 1")
    if ns.rate <= 0:
        parser.error("--rate must be > 0")
    if min(ns.report_interval, ns.hotline_interval, ns.kpi_interval) < 0:
        parser.error("simulator intervals must be >= 0")
    if ns.flood_rise <= 0:
        parser.error("--flood-rise must be > 0")
    if ns.retention_h <= 0:
        parser.error("--retention-h must be > 0")
    if not 1 <= ns.segment_s <= 600:
        parser.error("--segment-s must be within 1..600")
    if ns.heartbeat_interval <= 0:
        parser.error("--heartbeat must be > 0")
    if ns.rtsp_base is not None and not ns.rtsp_base.startswith(("rtsp://", "rtsps://")):
        parser.error("--rtsp-base must be an rtsp:// URL")
    return BackendConfig(
        host=ns.host,
        port=ns.port,
        db_url=ns.db_url,
        data_dir=ns.data_dir,
        # An external RTSP server replaces the demo one.
        media=ns.media and ns.rtsp_base is None,
        media_cache=ns.media_cache,
        rtsp_base=ns.rtsp_base.rstrip("/") if ns.rtsp_base else None,
        sim_interval=ns.sim_interval,
        sim_seed=ns.sim_seed,
        cameras=ns.cameras,
        city_file=ns.city_file,
        secret=ns.secret,
        heartbeat_interval=ns.heartbeat_interval,
        ws_queue_size=ns.ws_queue_size,
        ws_deflate=ns.ws_deflate,
        ffmpeg=ns.ffmpeg,
        log_level=ns.log_level.upper(),
        access_log=ns.access_log,
        report_interval=ns.report_interval,
        hotline_interval=ns.hotline_interval,
        kpi_interval=ns.kpi_interval,
        rate=ns.rate,
        scenario=ns.scenario,
        flood_rise=ns.flood_rise,
        record=ns.record,
        retention_h=ns.retention_h,
        segment_s=ns.segment_s,
    )


def load_or_create_secret(data_dir: Path) -> str:
    """Return the JWT secret kept in ``data_dir``, creating it (mode 0600) on first start.

    Keeping it means tokens survive a restart, so consoles stay signed in.
    """
    path = data_dir / SECRET_FILE
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        text = ""
    if len(text) >= 32:
        return text
    data_dir.mkdir(parents=True, exist_ok=True)
    text = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(text + "\n")
    log.info("generated a new JWT secret in %s", path)
    return text
