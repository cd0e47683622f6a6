"""Demo RTSP server: every camera's cached H.264 loop served live, forever, over TCP and UDP.

Run with the *system* interpreter, which has Debian's GStreamer bindings (the venv has none)::

    /usr/bin/python3 backend/media_server.py --host 127.0.0.1 --port 8554 \\
        --cameras cams.json --cache var/media-cache

``cams.json`` is a list of ``{"id": "...", "label": "..."}``. Each camera gets two mounts,
``/{id}/main`` (1280x720 @ 25) and ``/{id}/sub`` (640x360 @ 15). Missing media is generated first
(``backend.media_gen``), which can take a minute from a cold cache; exactly one line
``READY rtsp://HOST:PORT`` goes to stdout once the server accepts connections. Everything else
is logged to stderr.

How the loop works: a mount's launch line starts with a live ``appsrc``. When gst-rtsp-server
builds the (shared) media for a mount, a GLib timer starts pushing the file's access units at the
stream's frame rate, beginning at an IDR and wrapping around at the end; each buffer is stamped
with the pipeline's running time, so timestamps keep rising across the wrap. The timer stops
when the media is unprepared (its last client left), and the next client gets a fresh media.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import logging
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

if __package__ in (None, ""):
    # Run as a script path: make `backend.media_gen` importable from the repository root.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

from backend.media_gen import (  # noqa: E402
    DEFAULT_LOOP_SECONDS,
    STREAMS,
    MediaGenerationError,
    ensure_media,
    is_idr,
    split_access_units,
)

_log = logging.getLogger("media_server")

_PR_SET_PDEATHSIG: Final = 1
_CAMERA_ID = re.compile(r"^[A-Za-z0-9._~-]+$")
# When the timer falls this far behind (a stalled machine), restart the schedule instead of
# bursting the backlog into the pipeline.
_MAX_LAG_S: Final = 0.5


def _die_with_parent(parent_pid: int | None) -> None:
    """Ask the kernel to SIGTERM us when the process that spawned us exits."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
            _log.warning("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
    except (OSError, AttributeError) as exc:
        _log.warning("cannot set PR_SET_PDEATHSIG: %s", exc)
    # The parent may have died between fork and prctl; then nobody would ever signal us.
    if parent_pid is not None and os.getppid() != parent_pid:
        _log.error("parent %d is already gone; exiting", parent_pid)
        sys.exit(1)


class AccessUnitFeeder:
    """Pushes one stream's access units into a live appsrc at its frame rate, looping forever.

    Lives on the GLib main context. ``stop()`` may be called from any thread (gst-rtsp-server
    emits ``unprepared`` from its own threads); the timer notices on its next tick.

    Buffers are stamped here rather than by ``appsrc do-timestamp=true``: with do-timestamp, about
    one new media in 200 got a first buffer stamped with the raw clock time (base time not yet
    applied), and the RTSP sinks then waited that long (the machine's uptime) before sending
    anything, so the client never saw a frame. Pushing only while the element is PLAYING with a
    clock and a base time, and stamping from them, makes every timestamp a sane running time.
    """

    def __init__(self, appsrc: Gst.Element, units: Sequence[bytes], fps: int, name: str) -> None:
        self._appsrc = appsrc
        self._units = units
        self._period_s = 1.0 / fps
        self._duration_ns = Gst.SECOND // fps
        self._name = name
        self._index = 0
        self._slots = 0
        self._pushed = 0
        self._last_pts = -1
        self._epoch = 0.0
        self._stopped = threading.Event()

    def start(self) -> None:
        """Start feeding from the first access unit (an IDR) on the default main context."""
        self._epoch = time.monotonic()
        GLib.idle_add(self._tick)

    def stop(self) -> None:
        """Stop feeding; idempotent and thread-safe."""
        if not self._stopped.is_set():
            self._stopped.set()
            _log.info("%s: feeder stopped after %d frames", self._name, self._pushed)

    def _running_time_ns(self) -> int | None:
        """The appsrc's running time now, or None while it has no trustworthy clock yet."""
        _, state, _ = self._appsrc.get_state(0)
        if state != Gst.State.PLAYING:
            return None
        clock = self._appsrc.get_clock()
        if clock is None:
            return None
        base_time: int = self._appsrc.get_base_time()
        now: int = clock.get_time()
        if base_time == 0 or now < base_time:
            return None
        return now - base_time

    def _tick(self) -> bool:
        if self._stopped.is_set():
            return GLib.SOURCE_REMOVE
        now = time.monotonic()
        due = self._epoch + self._slots * self._period_s
        running_time = self._running_time_ns()
        # Until the pipeline plays, frames are skipped without advancing the file position, so
        # the first frame a new media sends is the IDR it was configured to start with.
        if running_time is not None:
            # Stamp the frame with the time it was due, not the time the timer fired, so the
            # stream's timestamps stay evenly spaced despite timer jitter.
            lateness_ns = max(0, int((now - due) * Gst.SECOND))
            pts = max(running_time - lateness_ns, self._last_pts + 1)
            buffer = Gst.Buffer.new_wrapped(self._units[self._index])
            buffer.pts = pts
            buffer.duration = self._duration_ns
            result = self._appsrc.emit("push-buffer", buffer)
            # FLUSHING is normal while the media changes state; anything else means the pipeline
            # is going away and the unprepared signal will follow.
            if result not in (Gst.FlowReturn.OK, Gst.FlowReturn.FLUSHING):
                _log.debug("%s: push-buffer returned %s", self._name, result)
            self._last_pts = pts
            self._index = (self._index + 1) % len(self._units)
            self._pushed += 1
        self._slots += 1
        # Each tick re-arms for the ideal time of the next frame, so GLib's millisecond timer
        # granularity never accumulates into drift (15 fps is not a whole number of ms).
        next_due = self._epoch + self._slots * self._period_s
        if now - next_due > _MAX_LAG_S:
            _log.warning("%s: %.2f s behind, resynchronising", self._name, now - next_due)
            self._epoch = now - self._slots * self._period_s
            next_due = now
        GLib.timeout_add(max(0, round((next_due - now) * 1000)), self._tick)
        return GLib.SOURCE_REMOVE


class LoopingMediaFactory(GstRtspServer.RTSPMediaFactory):  # type: ignore[misc]
    """A shared mount whose media loops one cached H.264 file through a live appsrc."""

    def __init__(self, path: Path, stream: str, name: str, protocols: str = "tcp,udp") -> None:
        super().__init__()
        fmt = STREAMS[stream]
        self._path = path
        self._fps = fmt.fps
        self._name = name
        caps = (
            "video/x-h264,stream-format=byte-stream,alignment=au,"
            f"width={fmt.width},height={fmt.height},framerate={fmt.fps}/1"
        )
        # leaky-type=downstream with a 1 s queue: while a sink stalls, old frames are dropped
        # instead of piling up, and the feeder never blocks the loop. max-latency tells the sinks
        # about that second of buffering (without it each one warns "please add queues").
        self.set_launch(
            f'( appsrc name=src is-live=true format=time caps="{caps}" '
            f"max-buffers={fmt.fps} leaky-type=downstream block=false "
            f"min-latency=0 max-latency={Gst.SECOND} "
            "! h264parse config-interval=-1 "
            "! rtph264pay name=pay0 pt=96 config-interval=-1 )"
        )
        self.set_shared(True)
        # Keep a paused shared media running for the other clients rather than resetting it.
        self.set_suspend_mode(GstRtspServer.RTSPSuspendMode.NONE)
        self.set_eos_shutdown(False)
        self.set_protocols(lower_transports(protocols))
        self.connect("media-configure", self._on_media_configure)

    def _on_media_configure(
        self, _factory: GstRtspServer.RTSPMediaFactory, media: GstRtspServer.RTSPMedia
    ) -> None:
        try:
            units = split_access_units(self._path.read_bytes())
        except OSError:
            _log.exception("%s: cannot read %s", self._name, self._path)
            return
        # A fresh media must open on an IDR so the first client decodes immediately.
        first_idr = next((i for i, unit in enumerate(units) if is_idr(unit)), None)
        if first_idr is None:
            _log.error("%s: no IDR frame in %s", self._name, self._path)
            return
        units = units[first_idr:] + units[:first_idr]
        appsrc = media.get_element().get_by_name("src")
        feeder = AccessUnitFeeder(appsrc, units, self._fps, self._name)
        media.connect("unprepared", lambda _media: feeder.stop())
        _log.info("%s: new media, %d frames per loop", self._name, len(units))
        feeder.start()


def lower_transports(protocols: str) -> GstRtsp.RTSPLowerTrans:
    """``"tcp,udp"``, ``"tcp"`` or ``"udp"`` as RTSP lower transports a client may SETUP.

    A server limited to one of them answers the other with ``461 Unsupported transport``, as
    some cameras do (tests use that to exercise the console's TCP → UDP fallback).
    """
    names = {"tcp": GstRtsp.RTSPLowerTrans.TCP, "udp": GstRtsp.RTSPLowerTrans.UDP}
    chosen = [p.strip().lower() for p in protocols.split(",") if p.strip()]
    if not chosen or any(p not in names for p in chosen):
        raise ValueError(f"protocols must be tcp and/or udp, got {protocols!r}")
    flags = names[chosen[0]]
    for name in chosen[1:]:
        flags |= names[name]
    return flags


def _load_cameras(path: Path) -> list[dict[str, str]]:
    raw: Any = json.loads(path.read_text())
    if not isinstance(raw, list):
        raise ValueError(f"{path}: expected a JSON list of cameras")
    cameras: list[dict[str, str]] = []
    for item in raw:
        camera_id, label = str(item["id"]), str(item.get("label", item["id"]))
        if not _CAMERA_ID.match(camera_id):
            raise ValueError(f"camera id {camera_id!r} is not usable in an RTSP path")
        cameras.append({"id": camera_id, "label": label})
    return cameras


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cameras", type=Path, required=True, help="JSON list of {id, label}")
    parser.add_argument("--cache", type=Path, required=True, help="media cache directory")
    parser.add_argument("--loop-seconds", type=int, default=DEFAULT_LOOP_SECONDS)
    parser.add_argument("--parent-pid", type=int, default=None, help="exit if this pid is gone")
    parser.add_argument(
        "--protocols", default="tcp,udp", help="RTSP lower transports offered: tcp, udp or both"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Generate missing media, serve every camera's mounts until SIGTERM/SIGINT; exit status."""
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    args = _parse_args(argv)
    _die_with_parent(args.parent_pid)
    try:
        cameras = _load_cameras(args.cameras)
        media = ensure_media(cameras, args.cache, loop_seconds=args.loop_seconds)
    except (OSError, ValueError, KeyError, TypeError, MediaGenerationError):
        _log.exception("cannot prepare the demo media")
        return 1

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address(args.host)
    server.set_service(str(args.port))
    mounts = server.get_mount_points()
    for camera in cameras:
        for stream, path in media[camera["id"]].items():
            mount = f"/{camera['id']}/{stream}"
            mounts.add_factory(
                mount, LoopingMediaFactory(path, stream, mount, protocols=args.protocols)
            )
    if server.attach(None) == 0:
        _log.error("cannot listen on %s:%d (address in use?)", args.host, args.port)
        return 1

    loop = GLib.MainLoop()

    def _quit(signum: int) -> bool:
        _log.info("signal %d: shutting down", signum)
        loop.quit()
        return GLib.SOURCE_REMOVE

    for signum in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_HIGH, signum, _quit, signum)

    host = f"[{args.host}]" if ":" in args.host else args.host
    _log.info("serving %d camera(s) on %s:%d", len(cameras), host, server.get_bound_port())
    print(f"READY rtsp://{host}:{server.get_bound_port()}", flush=True)  # noqa: T201
    loop.run()
    # Close client connections so their medias unprepare and the feeders stop.
    server.client_filter(lambda _server, _client: GstRtspServer.RTSPFilterResult.REMOVE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
