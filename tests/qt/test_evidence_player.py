"""The evidence player against the real backend and its real recordings, with real libVLC.

The backend records three cameras of the shared test media server. The police liaison plays
the recording around an event on two cameras: the clips open and play (libVLC state and
pixels), the timeline marks the events of those cameras in the range, a mark click seeks, the
sync group keeps both players together, frame steps move by one frame (and change the
picture), a bookmark survives a restart of the panel and goes into the export. The area drawn
on the city map selects exactly the cameras inside it.
"""

from __future__ import annotations

import asyncio
import functools
import json
import os
import zipfile
from collections.abc import Callable, Coroutine, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import qasync
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from backend.demo_city import load_demo_city
from backend.media_process import MediaServerProcess
from console.controllers.evidence_controller import EvidenceController
from server_client.bookmarks import BookmarkStore
from server_client.contract import Camera, ClipRequest
from server_client.rest import RestClient
from server_client.store import LocalStore
from streams.engine import VideoEngine
from tests.backend.backend_runner import BackendRunner
from widgets.city_map import CityMapWidget, MapMarker, load_shapes
from widgets.evidence_search import EvidenceSearchWidget
from widgets.evidence_timeline import EvidenceTimelineWidget, TimelineMark

CASE = ("HS-2026-0815", "Hit and run at Trường Tiền bridge")
# Generous: the players' clocks come from libVLC's 250 ms position reports.
SYNC_TOLERANCE_MS = 300.0

pytestmark = pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X display")


@pytest.fixture(scope="module")
def recording_backend(
    tmp_path_factory: pytest.TempPathFactory, media_server: MediaServerProcess
) -> Iterator[BackendRunner]:
    runner = BackendRunner(
        tmp_path_factory.mktemp("player") / "backend",
        "--sim-interval", "0", "--cameras", "3", "--rtsp-base", media_server.url_base,
        "--record", "--segment-s", "2",
    )  # fmt: skip
    runner.start()
    yield runner
    runner.stop()


async def wait_for(predicate: Callable[[], object], seconds: float, what: str) -> None:
    for _ in range(int(seconds * 10)):
        if predicate():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def run(app: QApplication, coro: Coroutine[Any, Any, None]) -> None:
    with asyncio.Runner(loop_factory=functools.partial(qasync.QEventLoop, app)) as runner:
        runner.run(coro)


def grab(widget: QWidget) -> QImage:
    """What the X server shows where the widget is (libVLC draws in its own child window)."""
    origin = widget.mapToGlobal(QPoint(0, 0))
    screen = QGuiApplication.screenAt(origin) or QGuiApplication.primaryScreen()
    geometry = screen.geometry()
    return screen.grabWindow(
        0, origin.x() - geometry.x(), origin.y() - geometry.y(), widget.width(), widget.height()
    ).toImage()


def colours(image: QImage, step: int = 6) -> set[int]:
    return {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


def test_timeline_clicks_and_drags_ask_to_seek(qtbot: QtBot) -> None:
    timeline = EvidenceTimelineWidget()
    qtbot.addWidget(timeline)
    timeline.resize(600, timeline.height())
    timeline.set_lanes(["cam-001", "cam-002"])
    timeline.set_range(1_000_000.0, 1_060_000.0)
    timeline.set_marks([
        TimelineMark("alert-7", 1_030_000.0, 1, "high"),
        TimelineMark("bookmark-2", 1_045_000.0, 0, "bookmark"),
    ])  # fmt: skip
    with qtbot.waitExposed(timeline):
        timeline.show()
    seeks: list[float] = []
    timeline.seek_requested.connect(seeks.append)
    with qtbot.waitSignal(timeline.mark_clicked) as clicked:
        qtbot.mouseClick(
            timeline, Qt.MouseButton.LeftButton,
            pos=timeline.mark_point("alert-7").toPoint(),
        )  # fmt: skip
    assert clicked.args == ["alert-7"]
    assert seeks == [1_030_000.0]
    # The same x on the other lane is not that mark: a plain seek to where was clicked.
    seeks.clear()
    y0 = int(timeline.mark_point("bookmark-2").y())
    x = int(timeline.mark_point("alert-7").x())
    with qtbot.assertNotEmitted(timeline.mark_clicked):
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, y0))
    assert seeks == [pytest.approx(timeline.ms_at(x))]
    # A drag seeks as it goes, left to right.
    seeks.clear()
    qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=QPoint(40, y0))
    for step in range(1, 5):
        qtbot.mouseMove(timeline, pos=QPoint(40 + step * 100, y0))
    qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=QPoint(440, y0))
    assert len(seeks) >= 4
    assert seeks == sorted(seeks)
    assert seeks[0] == pytest.approx(timeline.ms_at(40))


def test_player_timeline_sync_frames_and_bookmarks(
    qapp: QApplication, qtbot: QtBot, recording_backend: BackendRunner, tmp_path: Path
) -> None:
    if QGuiApplication.platformName() != "xcb":
        pytest.skip("native window embedding is tested on X11")

    async def scenario() -> None:
        police, admin = RestClient(recording_backend.url), RestClient(recording_backend.url)
        await police.login("police", "police")
        await admin.login("admin", "admin")
        cameras: dict[str, Camera] = {c.id: c for c in await police.cameras()}
        engine = VideoEngine()
        store = LocalStore(tmp_path / "console.db")
        widget = EvidenceSearchWidget()
        widget.resize(1500, 850)
        widget.move(0, 0)
        qtbot.addWidget(widget)
        with qtbot.waitExposed(widget):
            widget.show()
        controller = EvidenceController(
            police, cameras, widget, tmp_path / "exports", engine=engine,
            bookmarks=BookmarkStore(store),
        )  # fmt: skip
        reopened: EvidenceController | None = None
        try:
            info = await police.evidence_recordings("cam-001")
            assert info.recording

            async def recorded_for(camera_id: str) -> float:
                spans = (await police.evidence_recordings(camera_id)).spans
                return (spans[-1].end - spans[0].start).total_seconds() if spans else 0.0

            # Enough recording before the first event for a clip around it.
            for _ in range(200):
                if min([await recorded_for(c) for c in cameras]) >= 10:
                    break
                await asyncio.sleep(0.2)
            here = cameras["cam-001"]
            nearest = min(
                (c for c in cameras.values() if c.id != "cam-001"),
                key=lambda c: (c.lat - here.lat) ** 2 + (c.lon - here.lon) ** 2,
            )
            other = next(c.id for c in cameras.values() if c.id not in ("cam-001", nearest.id))
            # Events a second apart on cam-001, its nearest camera and a third one (not shown),
            # then some recording after them.
            raised = []
            for camera_id in ("cam-001", nearest.id, other, "cam-001"):
                raised.append(
                    await admin._call_json(
                        "POST", "/sim/alerts", json={"camera_id": camera_id, "snapshot": False}
                    )
                )
                await asyncio.sleep(1.2)
            last = datetime.fromisoformat(raised[-1]["created_at"])

            async def recorded_past(moment: datetime) -> bool:
                spans = (await police.evidence_recordings("cam-002")).spans
                return bool(spans) and spans[-1].end > moment

            for _ in range(200):
                if await recorded_past(last + timedelta(seconds=6)):
                    break
                await asyncio.sleep(0.2)

            # The clip endpoint says which wall-clock range the MP4 covers.
            ask = ClipRequest(
                camera_id="cam-001", start=last - timedelta(seconds=4), end=last,
                case_number=CASE[0], reason=CASE[1],
            )  # fmt: skip
            clip = await police.evidence_view_clip(ask, tmp_path / "probe.mp4")
            assert ask.start <= clip.start < clip.end <= ask.end
            assert clip.path.stat().st_size > 10_000

            widget.case_edit.setText(CASE[0])
            widget.reason_edit.setText(CASE[1])
            widget.camera_combo.setCurrentIndex(widget.camera_combo.findData("cam-001"))
            done: list[int] = []
            controller.search_done.connect(done.append)
            widget.search_button.click()
            await wait_for(lambda: done, 15, "the search")
            rows = {controller.model.hit(r).alert_id: r for r in range(controller.model.rowCount())}
            middle = raised[1]  # on the nearest camera
            first = raised[0]
            # Play the first cam-001 event, with its nearest camera.
            widget.seconds_spin.setValue(8)
            widget.nearby_spin.setValue(1)
            selection = widget.results.selectionModel()
            selection.select(
                controller.model.index(rows[first["id"]]), selection.SelectionFlag.Select
            )
            opened: list[int] = []
            controller.playback.opened.connect(opened.append)
            widget.play_button.click()
            await wait_for(lambda: opened, 30, "the clips to open")
            playback = controller.playback
            assert opened == [2]
            assert playback.camera_ids == ["cam-001", nearest.id]
            await wait_for(
                lambda: all(p.state == "playing" for p in playback.players), 15, "playing"
            )
            await wait_for(
                lambda: all(len(colours(grab(s))) > 50 for s in widget.player.surfaces),
                15, "video pixels in every surface",
            )  # fmt: skip

            # The timeline marks exactly the events of the shown cameras in the clips' range.
            lo, hi = widget.player.timeline.range_ms()
            expected = {
                f"alert-{a['id']}"
                for a in raised
                if a["camera_id"] in playback.camera_ids
                and lo <= datetime.fromisoformat(a["created_at"]).timestamp() * 1000 <= hi
            }
            marks = {m.id: m for m in widget.player.timeline.marks()}
            assert {f"alert-{first['id']}", f"alert-{middle['id']}"} <= expected
            assert set(marks) == expected
            for alert in raised:
                mark = marks.get(f"alert-{alert['id']}")
                if mark is not None:
                    assert mark.lane == playback.camera_ids.index(alert["camera_id"])

            # Clicking a mark seeks both players to its moment.
            target = marks[f"alert-{middle['id']}"]
            clicked: list[str] = []
            widget.player.timeline.mark_clicked.connect(clicked.append)
            qtbot.mouseClick(
                widget.player.timeline, Qt.MouseButton.LeftButton,
                pos=widget.player.timeline.mark_point(target.id).toPoint(),
            )  # fmt: skip
            assert clicked == [target.id]
            assert abs(playback.position() - target.ms) < 200

            # Played on together: the follower stays within tolerance of the master.
            start_pos = playback.position()
            await wait_for(lambda: playback.position() > start_pos + 2500, 20, "playing on")
            offsets = playback.group.offsets()
            assert all(abs(o) < SYNC_TOLERANCE_MS for o in offsets), offsets
            # libVLC itself agrees the seek happened (without it, it would be seconds behind).
            master = playback.players[0]
            assert abs(master.reported_ms - master.position_ms()) < 600
            assert abs(target.ms + 2500 - playback.position()) < 2500
            drift = playback.drift()
            assert drift["samples"] > 0
            print(f"\nsync drift over {drift['samples']} samples: {drift}")

            # Frame stepping: pause, next frame moves one frame (and the picture changes).
            widget.player.play_button.click()  # pause
            await wait_for(lambda: not playback.group.playing, 5, "pause")
            surface = widget.player.surfaces[0]
            await asyncio.sleep(0.5)  # let the last frames land before comparing pictures
            before_image, before = grab(surface), playback.position()
            await asyncio.sleep(0.3)
            assert grab(surface) == before_image, "paused video must hold still"
            widget.player.next_button.click()
            frame_ms = playback.players[0].frame_ms
            assert playback.position() == pytest.approx(before + frame_ms, abs=1)
            await wait_for(lambda: grab(surface) != before_image, 5, "the next frame on screen")
            widget.player.prev_button.click()
            assert playback.position() == pytest.approx(before, abs=1)

            # A bookmark at this moment, with a note; ticked, it is exported as a clip.
            widget.player.note_edit.setText("red car enters the bridge")
            widget.player.bookmark_button.click()
            await wait_for(lambda: widget.player.bookmark_list.count() == 1, 5, "the bookmark")
            bookmark = playback.bookmarks[0]
            assert bookmark.camera_id == "cam-001"
            assert abs(bookmark.ts.timestamp() * 1000 - before) < 1
            assert "red car enters the bridge" in widget.player.bookmark_list.item(0).text()
            assert any(m.kind == "bookmark" for m in widget.player.timeline.marks())
        finally:
            await controller.aclose()
            widget.hide()  # not close(): closing the last window would stop the loop

        # The panel restarts (a new widget, controller and store over the same file).
        store.close()
        store = LocalStore(tmp_path / "console.db")
        widget2 = EvidenceSearchWidget()
        qtbot.addWidget(widget2)
        reopened = EvidenceController(
            police, cameras, widget2, tmp_path / "exports", engine=engine,
            bookmarks=BookmarkStore(store),
        )  # fmt: skip
        try:
            await wait_for(lambda: widget2.player.bookmark_list.count() == 1, 5, "bookmarks")
            assert "red car enters the bridge" in widget2.player.bookmark_list.item(0).text()
            widget2.case_edit.setText(CASE[0])
            widget2.reason_edit.setText(CASE[1])
            widget2.seconds_spin.setValue(2)
            widget2.player.set_bookmark_checked(bookmark.id, True)
            exported: list[str] = []
            reopened.export_done.connect(exported.append)
            verdicts: list[bool] = []
            reopened.verified.connect(verdicts.append)
            widget2.export_button.click()  # no result selected: the bookmark alone
            await wait_for(lambda: verdicts, 60, "the export")
            assert verdicts == [True], widget2.status.text()
            with zipfile.ZipFile(exported[0]) as zf:
                name = next(n for n in zf.namelist() if n.endswith("manifest.json"))
                manifest = json.loads(zf.read(name))
            clips = [f for f in manifest["files"] if f["kind"] == "clip"]
            assert len(clips) == 1
            assert clips[0]["camera_id"] == "cam-001"
            start = datetime.fromisoformat(clips[0]["requested_start"])
            end = datetime.fromisoformat(clips[0]["requested_end"])
            assert start < bookmark.ts < end
            # The bookmark itself (camera, moment, note) is in the signed manifest.
            assert [(b["camera_id"], b["note"]) for b in manifest["bookmarks"]] == [
                ("cam-001", "red car enters the bridge")
            ]
            assert datetime.fromisoformat(manifest["bookmarks"][0]["ts"]) == bookmark.ts
        finally:
            await reopened.aclose()
            engine.close()
            store.close()
            await police.aclose()
            await admin.aclose()

    run(qapp, scenario())


def demo_cameras() -> dict[str, Camera]:
    city = load_demo_city()
    return {
        c.id: Camera(
            id=c.id,
            name=c.name,
            ward_id=c.ward_id,
            ward_name=c.ward_id,
            lat=c.lat,
            lon=c.lon,
            main_url=f"rtsp://127.0.0.1/{c.id}/main",
            sub_url=f"rtsp://127.0.0.1/{c.id}/sub",
        )
        for c in city.cameras
    }


def test_map_area_selects_exactly_the_cameras_inside(
    qapp: QApplication, qtbot: QtBot, recording_backend: BackendRunner, tmp_path: Path
) -> None:
    cameras = demo_cameras()
    city_map = CityMapWidget()
    qtbot.addWidget(city_map)
    city_map.resize(1000, 800)
    city_map.set_shapes(load_shapes())
    city_map.set_markers(
        "cameras", [MapMarker(c.id, c.lat, c.lon, "online", c.name) for c in cameras.values()]
    )
    with qtbot.waitExposed(city_map):
        city_map.show()
    city_map.centre_on(16.4660, 107.5880, zoom=15)
    # A rectangle around the old town: cameras whose dots fall inside it on screen.
    first = city_map.marker_view_pos("cameras", "cam-004")
    second = city_map.marker_view_pos("cameras", "cam-007")
    corner_a = QPointF(min(first.x(), second.x()) - 8, min(first.y(), second.y()) - 8)
    corner_b = QPointF(max(first.x(), second.x()) + 8, max(first.y(), second.y()) + 8)
    expected = sorted(
        cid for cid in cameras
        if corner_a.x() <= city_map.marker_view_pos("cameras", cid).x() <= corner_b.x()
        and corner_a.y() <= city_map.marker_view_pos("cameras", cid).y() <= corner_b.y()
    )  # fmt: skip
    assert {"cam-004", "cam-007"} <= set(expected)
    assert len(expected) < len(cameras) - 5, "the area must leave cameras out"

    async def scenario() -> None:
        police = RestClient(recording_backend.url)
        await police.login("police", "police")
        widget = EvidenceSearchWidget()
        qtbot.addWidget(widget)
        controller = EvidenceController(police, cameras, widget, tmp_path / "exports")
        controller.map_area_requested.connect(city_map.pick_area)
        city_map.area_picked.connect(controller.set_area)
        try:
            picked: list[tuple[float, ...]] = []
            city_map.area_picked.connect(lambda *bounds: picked.append(bounds))
            widget.area_button.click()
            assert city_map.view.area_mode
            viewport = city_map.view.viewport()
            qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=corner_a.toPoint())
            qtbot.mouseMove(viewport, pos=((corner_a + corner_b) / 2).toPoint())
            qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=corner_b.toPoint())
            assert len(picked) == 1
            assert not city_map.view.area_mode
            assert city_map.area_item is not None
            assert widget.area_cameras() == expected
            south, west, north, east = picked[0]
            outline = [(south, west), (south, east), (north, east), (north, west)]
            assert widget.area() == outline
            widget.case_edit.setText(CASE[0])
            widget.reason_edit.setText(CASE[1])
            # The area itself is sent: the backend picks the cameras inside it.
            assert widget.criteria()["area"] == [{"lat": la, "lon": lo} for la, lo in outline]
            assert "camera_ids" not in widget.criteria()
            assert not widget.camera_combo.isEnabled()
            assert widget.area_label.toolTip() == ", ".join(expected)
            done: list[int] = []
            controller.search_done.connect(done.append)
            widget.search_button.click()
            await wait_for(lambda: done, 15, "the area search")
            assert controller._criteria is not None
            assert controller._criteria.area is not None
            assert [(p.lat, p.lon) for p in controller._criteria.area] == outline
            assert controller._criteria.camera_ids == []
            widget.area_clear_button.click()
            assert "camera_ids" not in widget.criteria()
            assert "area" not in widget.criteria()
            assert widget.area() is None
        finally:
            await controller.aclose()
            await police.aclose()

    run(qapp, scenario())
