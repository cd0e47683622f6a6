"""A video worker process: libVLC players of a large wall, driven over its stdin/stdout.

Measured on the 2-core test machine (docs/performance.md, Wall): 64 tiles in one process show
about 75 % of their frames, the same 64 tiles over two processes show all of them at less CPU.
So a large wall runs its players here, ``tiles_per_process`` to a process; libVLC draws into the
tile's X window from this process just as well. The console keeps the tiles and reads each
player's health from the status this process sends back (:class:`streams.remote.RemotePlayer`).

Protocol: one JSON object a line each way, a request and its answer, in order. Requests carry
``op`` and the player ``id``; answers are ``{"ok": ...}`` or ``{"error": "..."}``.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import Any

from streams.engine import VideoEngine
from streams.health import HealthPolicy
from streams.player import VideoPlayer
from streams.spec import StreamSpec


def status_of(player: VideoPlayer, now: float) -> dict[str, Any]:
    """What the console needs to show and decide, at ``now``."""
    health = player.health
    spec = player.spec
    return {
        "state": health.state.value,
        "detail": health.detail(now),
        "fps": health.fps,
        "frame_age": health.frame_age(now),
        "starving": health.starving(now),
        "retry_in": health.retry_in(now),
        "attempt": health.attempt,
        "last_error": health.last_error,
        "displayed": player.displayed_frames,
        "lost": player.lost_frames,
        "spec": dataclasses.asdict(spec) if spec is not None else None,
        "video_size": player.video_size(),
        "now": now,
    }


class Worker:
    def __init__(self, engine: VideoEngine) -> None:
        self.engine = engine
        self.players: dict[int, VideoPlayer] = {}

    def handle(self, req: dict[str, Any]) -> Any:
        op = req["op"]
        if op == "new":
            policy = HealthPolicy(**req["policy"]) if req.get("policy") else None
            self.players[req["id"]] = VideoPlayer(self.engine, policy=policy)
            return True
        player = self.players[req["id"]]
        now = req.get("now")
        if op == "set_window":
            player.set_window(int(req["window"]))
        elif op == "play":
            player.play(StreamSpec(**req["spec"]), now, offline=bool(req.get("offline")))
        elif op == "switch":
            player.switch(StreamSpec(**req["spec"]), now)
        elif op == "stop":
            player.stop()
        elif op == "set_offline":
            player.set_offline(bool(req["offline"]), now)
        elif op == "set_crop":
            player.set_crop_geometry(req.get("geometry"))
        elif op == "snapshot":
            return player.snapshot(str(req["path"]))
        elif op == "close":
            player.close()
            del self.players[req["id"]]
            return True
        elif op != "poll":
            raise ValueError(f"unknown op {op!r}")
        if op == "poll":
            player.poll(now)
        return status_of(player, now if now is not None else 0.0)


def main() -> int:
    options = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    engine = VideoEngine(
        rtsp_mode=options.get("rtsp_mode", "auto"),
        vout=options.get("vout"),
        extra_args=options.get("extra_args", ()),
    )
    worker = Worker(engine)
    out = sys.stdout
    for line in sys.stdin:
        try:
            req = json.loads(line)
            if req.get("op") == "quit":
                break
            answer: dict[str, Any] = {"ok": worker.handle(req)}
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the console as text
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        out.write(json.dumps(answer) + "\n")
        out.flush()
    for player in list(worker.players.values()):
        player.close()
    engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
