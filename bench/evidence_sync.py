"""Evidence player sync benchmark: four recorded cameras played together, drift measured.

    DISPLAY=:99 .venv/bin/python bench/evidence_sync.py --seconds 30
    DISPLAY=:99 .venv/bin/python bench/evidence_sync.py --screenshot docs/evidence.png

Starts the test media server and the real backend recording four cameras (``--record``),
waits for enough recording, raises a few alerts, then runs the console's evidence panel in this
process on the qasync loop: search, play the first result with its three nearest cameras (the
sync group's master is the result's camera), and let it run: at 1x, at 2x, across a seek.
Prints one JSON document: the drift of the followers from the master before each correction
(p50/p95/max, from the players' interpolated clocks: libVLC 3 reports the time about every
250 ms, so figures under ~50 ms are at the measurement's noise floor), how many rate nudges and
seeks kept them together, and the final offsets. Needs an X display (libVLC draws into native
windows); ``--screenshot`` saves the panel as PNG.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import qasync  # noqa: E402
from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from backend.media_process import COLD_CACHE_READY_TIMEOUT_S, MediaServerProcess  # noqa: E402
from console.controllers.evidence_controller import EvidenceController  # noqa: E402
from server_client.bookmarks import BookmarkStore  # noqa: E402
from server_client.rest import RestClient  # noqa: E402
from server_client.store import LocalStore  # noqa: E402
from streams.clip_player import drift_summary  # noqa: E402
from streams.engine import VideoEngine  # noqa: E402
from tests.backend.backend_runner import BackendRunner  # noqa: E402
from tests.media_fixture import DEMO_TEST_CAMERAS, MEDIA_CACHE_DIR  # noqa: E402
from widgets.evidence_search import EvidenceSearchWidget  # noqa: E402

CASE = ("HS-2026-0815", "Hit and run at Trường Tiền bridge")


async def wait_recorded(rest: RestClient, cameras: list[str], seconds: float) -> None:
    for _ in range(600):
        lengths = []
        for camera_id in cameras:
            spans = (await rest.evidence_recordings(camera_id)).spans
            lengths.append((spans[-1].end - spans[0].start).total_seconds() if spans else 0.0)
        if min(lengths) >= seconds:
            return
        await asyncio.sleep(0.5)
    raise TimeoutError("the cameras did not record long enough")


async def scenario(app: QApplication, url: str, args: argparse.Namespace, work: Path) -> None:
    police, admin = RestClient(url), RestClient(url)
    await police.login("police", "police")
    await admin.login("admin", "admin")
    cameras = {c.id: c for c in await police.cameras()}
    window = args.seconds + 20
    await wait_recorded(police, list(cameras), window / 2)
    for camera_id in ("cam-001", "cam-003", "cam-001", "cam-002"):
        await admin._call_json("POST", "/sim/alerts", json={"camera_id": camera_id})
        await asyncio.sleep(1.0)
    await wait_recorded(police, list(cameras), window)
    engine = VideoEngine()
    store = LocalStore(work / "console.db")
    widget = EvidenceSearchWidget()
    widget.resize(1600, 900)
    widget.move(0, 0)
    widget.show()
    controller = EvidenceController(
        police, cameras, widget, work / "exports", engine=engine, bookmarks=BookmarkStore(store)
    )
    try:
        widget.case_edit.setText(CASE[0])
        widget.reason_edit.setText(CASE[1])
        widget.seconds_spin.setValue(window // 2)
        widget.nearby_spin.setValue(3)
        searched = asyncio.Event()
        controller.search_done.connect(lambda _count: searched.set())
        widget.search_button.click()
        await searched.wait()
        hits = controller.model.hits()
        newest_cam1 = next(r for r, h in enumerate(hits) if h.camera_id == "cam-001")
        widget.results.setCurrentIndex(controller.model.index(newest_cam1))
        played = await controller.play([hits[newest_cam1]], nearby=3)
        playback = controller.playback
        range_lo, _ = widget.player.timeline.range_ms()
        playback.seek(range_lo)
        phases: dict[str, Any] = {}
        for name, rate, seconds in (("1x", 1.0, args.seconds / 2), ("2x", 2.0, args.seconds / 4)):
            playback.group.set_rate(rate)
            playback.group.drift_ms.clear()
            await asyncio.sleep(seconds)
            phases[name] = {**drift_summary(playback.group.drift_ms)}
        playback.group.set_rate(1.0)
        playback.seek(hits[newest_cam1].ts.timestamp() * 1000.0)
        playback.group.drift_ms.clear()
        await asyncio.sleep(args.seconds / 4)
        phases["after_seek"] = drift_summary(playback.group.drift_ms)
        if args.screenshot:
            await playback.add_bookmark("red car enters the bridge", CASE[0])
            widget.player.set_bookmark_checked(playback.bookmarks[0].id, True)
            await asyncio.sleep(1.0)
            origin = widget.mapToGlobal(QPoint(0, 0))
            shot = app.primaryScreen().grabWindow(
                0, origin.x(), origin.y(), widget.width(), widget.height()
            )
            shot.save(str(args.screenshot))
        print(json.dumps({
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "cameras": played,
            "clip_s": round((widget.player.timeline.range_ms()[1] - range_lo) / 1000, 1),
            "drift_ms": phases,
            "corrections": playback.group.corrections,
            "final_offsets_ms": [round(o) for o in playback.group.offsets()],
            "policy": vars(playback.group.policy),
        }, indent=2))  # fmt: skip
    finally:
        await controller.aclose()
        engine.close()
        store.close()
        await police.aclose()
        await admin.aclose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30, help="playback time measured")
    parser.add_argument("--screenshot", type=Path, help="save the panel as PNG at the end")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    server = MediaServerProcess(DEMO_TEST_CAMERAS, cache_dir=MEDIA_CACHE_DIR)
    server.start()
    with tempfile.TemporaryDirectory(prefix="evidence-sync-") as tmp:
        work = Path(tmp)
        runner = BackendRunner(
            work / "backend", "--sim-interval", "0", "--cameras", "4",
            "--rtsp-base", server.url_base, "--record", "--segment-s", "2",
        )  # fmt: skip
        try:
            server.wait_ready(COLD_CACHE_READY_TIMEOUT_S)
            runner.start()
            loop = functools.partial(qasync.QEventLoop, app)
            with asyncio.Runner(loop_factory=loop) as async_runner:
                async_runner.run(scenario(app, runner.url, args, work))
        finally:
            runner.stop()
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
