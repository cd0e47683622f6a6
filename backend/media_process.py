"""Start and stop the demo RTSP server (``backend/media_server.py``) from the venv side.

The server needs Debian's GStreamer bindings, which exist only for the system interpreter, so it
runs as a child process of ``/usr/bin/python3``; this module is stdlib-only and talks to it through
the command line, one ``READY rtsp://HOST:PORT`` line on stdout, and its exit.

The child generates any missing camera media *before* it reports ready (``backend.media_gen``):
35-40 s for 16 cameras on two idle cores from a cold cache (a minute or more when the cores are
busy), a fraction of a second when cached. Give ``wait_ready`` a generous timeout
(``COLD_CACHE_READY_TIMEOUT_S``) unless the cache is known to be warm.
"""

from __future__ import annotations

import json
import logging
import os
import re
import selectors
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Final, Literal, NoReturn, Self

__all__ = [
    "COLD_CACHE_READY_TIMEOUT_S",
    "MediaCamera",
    "MediaServerError",
    "MediaServerProcess",
]

_log = logging.getLogger(__name__)

COLD_CACHE_READY_TIMEOUT_S: Final = 240.0
_SERVER_SCRIPT: Final = Path(__file__).resolve().with_name("media_server.py")
_STOP_GRACE_S: Final = 3.0
_STDERR_TAIL_BYTES: Final = 4000
_READY_PREFIX: Final = b"READY "
_CAMERA_ID: Final = re.compile(r"^[A-Za-z0-9._~-]+$")


@dataclass(frozen=True)
class MediaCamera:
    """A demo camera the media server serves at ``/{id}/main`` and ``/{id}/sub``."""

    id: str
    label: str


class MediaServerError(RuntimeError):
    """The media server failed to start, exited, or did not report ready in time."""


def _free_tcp_port(host: str) -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


class MediaServerProcess:
    """The demo RTSP server as a child process that dies with its parent.

    Use as a context manager (starts and waits for ready) or call ``start()``,
    ``wait_ready(timeout)`` and ``stop()``. ``port=0`` picks a free TCP port before the spawn.
    """

    def __init__(
        self,
        cameras: Sequence[MediaCamera],
        *,
        cache_dir: Path,
        host: str = "127.0.0.1",
        port: int = 0,
        python: str = "/usr/bin/python3",
        loop_seconds: int | None = None,
        protocols: str = "tcp,udp",
    ) -> None:
        if not cameras:
            raise ValueError("the media server needs at least one camera")
        for camera in cameras:
            # The id becomes a path segment of the RTSP URL; the server refuses anything else.
            if not _CAMERA_ID.match(camera.id):
                raise ValueError(f"camera id {camera.id!r} is not usable in an RTSP path")
        self._cameras = tuple(cameras)
        self._camera_ids = frozenset(camera.id for camera in self._cameras)
        self._cache_dir = Path(cache_dir)
        self._host = host
        self._port = port or _free_tcp_port(host)
        self._python = python
        self._loop_seconds = loop_seconds
        # RTSP lower transports the server accepts ("tcp,udp", "tcp" or "udp").
        self._protocols = protocols
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._cameras_file: Path | None = None
        self._ready = False

    @property
    def url_base(self) -> str:
        """``rtsp://host:port`` of the server (valid before start: the port is fixed early)."""
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"rtsp://{host}:{self._port}"

    def url(self, camera_id: str, stream: Literal["main", "sub"]) -> str:
        """The RTSP URL of one camera's ``main`` or ``sub`` stream."""
        if stream not in ("main", "sub"):
            raise ValueError(f"stream must be 'main' or 'sub', not {stream!r}")
        if camera_id not in self._camera_ids:
            raise KeyError(camera_id)
        return f"{self.url_base}/{camera_id}/{stream}"

    @property
    def running(self) -> bool:
        """Whether the child process has been started and has not exited."""
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        """The child's process id, or None before ``start()`` and after ``stop()``."""
        return None if self._process is None else self._process.pid

    def start(self) -> None:
        """Spawn the server without waiting for it; see ``wait_ready``.

        The child asks the kernel for SIGTERM when its parent goes away (PR_SET_PDEATHSIG). The
        kernel ties that to the *thread* that spawned it, so call this from a thread that lives as
        long as the server should (the main thread, or the event loop's), not from a worker pool.
        """
        if self._process is not None:
            raise MediaServerError("the media server was already started")
        self._cache_dir.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix="media-cameras-", suffix=".json")
        with os.fdopen(handle, "w") as cameras_file:
            json.dump([{"id": c.id, "label": c.label} for c in self._cameras], cameras_file)
        self._cameras_file = Path(name)
        command = [
            self._python,
            str(_SERVER_SCRIPT),
            "--host", self._host,
            "--port", str(self._port),
            "--cameras", str(self._cameras_file),
            "--cache", str(self._cache_dir),
            "--parent-pid", str(os.getpid()),
        ]  # fmt: skip
        if self._loop_seconds is not None:
            command += ["--loop-seconds", str(self._loop_seconds)]
        if self._protocols != "tcp,udp":
            command += ["--protocols", self._protocols]
        # stderr goes to an anonymous file, not a pipe: nobody drains a pipe while the server runs
        # and a full one would freeze it. Its tail explains failures.
        # It lives until stop(), hence no context manager.
        self._stderr = tempfile.TemporaryFile(prefix="media-server-", suffix=".log")  # noqa: SIM115
        _log.info("starting media server on %s", self.url_base)
        self._process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            close_fds=True,
        )

    def wait_ready(self, timeout: float) -> None:
        """Block until the server prints its READY line.

        Raises MediaServerError, carrying the tail of the child's stderr, if it exits first or is
        not ready within ``timeout`` seconds (the child is then stopped).
        """
        if self._ready:
            return
        process = self._process
        if process is None or process.stdout is None:
            raise MediaServerError("the media server was not started")
        deadline = time.monotonic() + timeout
        received = b""
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            while b"\n" not in received:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    self._fail(f"not ready after {timeout:.0f} s")
                if not selector.select(min(remaining, 0.5)):
                    if process.poll() is not None:
                        self._fail(f"exited with status {process.returncode} before ready")
                    continue
                chunk = os.read(process.stdout.fileno(), 4096)
                if not chunk:
                    self._fail(f"closed stdout before ready (exit status {process.poll()})")
                received += chunk
        line = received.split(b"\n", 1)[0].strip()
        if not line.startswith(_READY_PREFIX):
            self._fail(f"unexpected first line {line!r}")
        self._ready = True
        _log.info("media server ready: %s", line[len(_READY_PREFIX) :].decode())

    def stderr_tail(self, limit: int = _STDERR_TAIL_BYTES) -> str:
        """The last ``limit`` bytes the server wrote to stderr (its log)."""
        if self._stderr is None or self._stderr.closed:
            return ""
        size = os.fstat(self._stderr.fileno()).st_size
        start = max(0, size - limit)
        return os.pread(self._stderr.fileno(), size - start, start).decode(errors="replace")

    def stop(self) -> None:
        """Terminate the server, killing it after 3 s; safe to call more than once."""
        process, self._process = self._process, None
        self._ready = False
        if process is not None:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=_STOP_GRACE_S)
                except subprocess.TimeoutExpired:
                    _log.warning("media server ignored SIGTERM; killing it")
                    process.kill()
                    process.wait()
            if process.stdout is not None:
                process.stdout.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        if self._cameras_file is not None:
            self._cameras_file.unlink(missing_ok=True)
            self._cameras_file = None

    def _fail(self, reason: str) -> NoReturn:
        tail = self.stderr_tail()
        self.stop()
        raise MediaServerError(f"media server {reason}; stderr tail:\n{tail}")

    def __enter__(self) -> Self:
        """Start the server and wait (cold-cache timeout) until it is ready."""
        self.start()
        try:
            self.wait_ready(COLD_CACHE_READY_TIMEOUT_S)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop the server."""
        self.stop()
