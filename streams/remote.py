"""Players in video worker processes (:mod:`streams.worker`), seen from the console.

:class:`RemotePlayer` answers like :class:`streams.VideoPlayer` (the calls the wall makes), from
the status its worker returns at every call. A call is one line each way over a pipe, well under
a millisecond; a worker that dies is started again and its players are set up anew, so a crash in
a decoder costs one reconnect of its tiles, not the console.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import select
import shutil
import subprocess
import sys
import time
from typing import Any

from streams.health import HealthPolicy, StreamState
from streams.spec import StreamSpec

log = logging.getLogger(__name__)


class WorkerGone(RuntimeError):
    """The video worker process ended."""


class VideoWorker:
    """One worker process; started on first use, again after it died."""

    def __init__(self, options: dict[str, Any] | None = None, *, timeout_s: float = 3.0) -> None:
        self._options = dict(options or {})
        self.timeout_s = timeout_s
        self._proc: subprocess.Popen[str] | None = None
        self.generation = 0

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def _start(self) -> subprocess.Popen[str]:
        cmd = [sys.executable, "-m", "streams.worker", json.dumps(self._options)]
        setpriv = shutil.which("setpriv") if sys.platform.startswith("linux") else None
        if setpriv:
            # Dies with the console, like the FFmpeg relays.
            cmd = [setpriv, "--pdeathsig", "KILL", *cmd]
        self.generation += 1
        self._proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        log.info("video worker %d started (pid %d)", self.generation, self._proc.pid)
        return self._proc

    def call(self, req: dict[str, Any]) -> Any:
        proc = self._proc
        if proc is None or proc.poll() is not None:
            if proc is not None:
                log.warning("video worker (pid %d) ended with %s", proc.pid, proc.returncode)
            raise WorkerGone("the video process ended")
        assert proc.stdin is not None
        assert proc.stdout is not None
        try:
            proc.stdin.write(json.dumps(req) + "\n")
            proc.stdin.flush()
            # A hung worker must not freeze the console: past the timeout it is killed, and the
            # caller starts it again like a crashed one.
            ready, _, _ = select.select([proc.stdout.fileno()], [], [], self.timeout_s)
            if not ready:
                log.error(
                    "video worker (pid %d) gave no answer to %s within %.0f s; killing it",
                    proc.pid,
                    req.get("op"),
                    self.timeout_s,
                )
                proc.kill()
                proc.wait(5)
                raise WorkerGone(f"the video process hung on {req.get('op')}")
            line = proc.stdout.readline()
        except (BrokenPipeError, OSError) as exc:
            raise WorkerGone(f"the video process ended ({exc})") from exc
        if not line:
            raise WorkerGone("the video process ended")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer["ok"]

    def ensure_running(self) -> None:
        if self._proc is None or self._proc.poll() is not None:
            self._start()

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.poll() is None and proc.stdin is not None:
                proc.stdin.write(json.dumps({"op": "quit"}) + "\n")
                proc.stdin.flush()
            proc.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait(5)


class RemoteHealth:
    """The health of a remote player, from its last status (times move on from there)."""

    def __init__(self, owner: RemotePlayer) -> None:
        self._owner = owner

    @property
    def _s(self) -> dict[str, Any]:
        return self._owner._status

    @property
    def state(self) -> StreamState:
        return StreamState(self._s.get("state", "idle"))

    @property
    def fps(self) -> float:
        return float(self._s.get("fps") or 0.0)

    @property
    def attempt(self) -> int:
        return int(self._s.get("attempt") or 0)

    @property
    def last_error(self) -> str | None:
        return self._s.get("last_error")

    def _since(self, now: float) -> float:
        return max(0.0, now - float(self._s.get("now") or now))

    def frame_age(self, now: float) -> float | None:
        age = self._s.get("frame_age")
        return None if age is None else float(age) + self._since(now)

    def retry_in(self, now: float) -> float | None:
        wait = self._s.get("retry_in")
        return None if wait is None else max(0.0, float(wait) - self._since(now))

    def starving(self, now: float) -> bool:
        del now
        return bool(self._s.get("starving"))

    def detail(self, now: float) -> str:
        del now
        return str(self._s.get("detail") or self.state.value)


class RemotePlayer:
    """A :class:`streams.VideoPlayer` living in a :class:`VideoWorker`."""

    _next_id = 0

    def __init__(self, worker: VideoWorker, *, policy: HealthPolicy | None = None) -> None:
        RemotePlayer._next_id += 1
        self._id = RemotePlayer._next_id
        self._worker = worker
        self._policy = policy
        self._status: dict[str, Any] = {"state": StreamState.IDLE.value}
        self._spec: StreamSpec | None = None
        self._offline = False
        self._window = 0
        self._crop: str | None = None
        self._generation = -1
        self._closed = False
        self.health = RemoteHealth(self)

    # -- the calls the wall makes -------------------------------------------------------------

    @property
    def state(self) -> StreamState:
        return self.health.state

    @property
    def spec(self) -> StreamSpec | None:
        return self._spec

    @property
    def displayed_frames(self) -> int:
        return int(self._status.get("displayed") or 0)

    @property
    def lost_frames(self) -> int:
        return int(self._status.get("lost") or 0)

    @property
    def crop_geometry(self) -> str | None:
        return self._crop

    @property
    def worker(self) -> VideoWorker:
        return self._worker

    def set_window(self, win_id: int) -> None:
        self._window = int(win_id)
        self._call({"op": "set_window", "window": self._window})

    def play(self, spec: StreamSpec, now: float | None = None, *, offline: bool = False) -> None:
        self._spec, self._offline = spec, offline
        self._call({"op": "play", "spec": dataclasses.asdict(spec), "offline": offline}, now)

    def switch(self, spec: StreamSpec, now: float | None = None) -> None:
        self._spec = spec
        self._call({"op": "switch", "spec": dataclasses.asdict(spec)}, now)

    def stop(self) -> None:
        if self._closed:
            return
        self._spec = None
        self._call({"op": "stop"})

    def set_offline(self, offline: bool, now: float | None = None) -> None:
        self._offline = offline
        self._call({"op": "set_offline", "offline": offline}, now)

    def poll(self, now: float | None = None) -> StreamState:
        if not self._closed:
            self._call({"op": "poll"}, now)
        return self.state

    def video_size(self) -> tuple[int, int] | None:
        size = self._status.get("video_size")
        return (int(size[0]), int(size[1])) if size else None

    def set_crop_geometry(self, geometry: str | None) -> None:
        self._crop = geometry
        self._call({"op": "set_crop", "geometry": geometry})

    def snapshot(self, path: str) -> bool:
        if self._closed or self._spec is None:
            return False
        try:
            return bool(self._request({"op": "snapshot", "path": path}))
        except (WorkerGone, RuntimeError) as exc:
            log.warning("snapshot failed: %s", exc)
            return False

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._generation == self._worker.generation:
            with contextlib.suppress(WorkerGone, RuntimeError):
                self._request({"op": "close"})

    # -- internals ----------------------------------------------------------------------------

    def _request(self, req: dict[str, Any]) -> Any:
        return self._worker.call({**req, "id": self._id})

    def _call(self, req: dict[str, Any], now: float | None = None) -> None:
        if self._closed:
            return
        req["now"] = time.monotonic() if now is None else now
        try:
            self._ensure_created()
            answer = self._request(req)
        except WorkerGone as exc:
            # A crashed worker: start it again and set this player up anew; the tile shows a
            # reconnect meanwhile. The request itself is replayed by the set-up (play/window).
            log.warning("player %d: %s; starting it again", self._id, exc)
            self._status = {
                "state": StreamState.RECONNECTING.value,
                "detail": f"reconnecting: {exc}",
                "now": req["now"],
            }
            self._worker.close()
            self._generation = -1
            return
        except RuntimeError as exc:
            log.warning("player %d: %s failed: %s", self._id, req.get("op"), exc)
            return
        if isinstance(answer, dict):
            self._status = answer

    def _ensure_created(self) -> None:
        self._worker.ensure_running()
        if self._generation == self._worker.generation:
            return
        policy = dataclasses.asdict(self._policy) if self._policy is not None else None
        self._request({"op": "new", "policy": policy})
        self._generation = self._worker.generation
        if self._window:
            self._request({"op": "set_window", "window": self._window})
        if self._crop:
            self._request({"op": "set_crop", "geometry": self._crop})
        if self._spec is not None:
            spec = dataclasses.asdict(self._spec)
            self._request({"op": "play", "spec": spec, "offline": self._offline})
