"""Tours and alarms change cameras without a black gap: real RTSP, real libVLC players.

The next camera starts in the tile's hidden standby surface (a tour: shortly before the dwell
ends; an alarm: at once) and takes over once its pictures flow. The tile is sampled throughout
the change, as tests/integration/test_wall.py samples a full-screen switch.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backend.media_process import MediaServerProcess
from console.controllers.wall_controller import TOUR_PRESTART_S, WallController
from layouts import Cell, Pane, PaneKind, ScreenLayout
from server_client.contract import Camera
from streams import VideoEngine
from tests.integration.harness import grab_surface
from tests.qt.test_wall_zoom_ptz import media_camera
from widgets.wall_grid import WallGridWidget

pytestmark = pytest.mark.skipif(
    not os.environ.get("DISPLAY"), reason="needs an X display (./ioc test starts Xvfb)"
)

DEAD = Camera(
    id="cam-dead", name="Camera cam-dead", ward_id="w", ward_name="W", lat=16.4, lon=107.5,
    main_url="rtsp://127.0.0.1:9/cam-dead/main", sub_url="rtsp://127.0.0.1:9/cam-dead/sub",
)  # fmt: skip


class Clock:
    """The controller's clock: monotonic time (video needs real time), readable by the test."""

    def __call__(self) -> float:
        return time.monotonic()


@pytest.fixture
def wall(qtbot: QtBot, media_server: MediaServerProcess) -> Iterator[WallController]:
    engine = VideoEngine()
    grid = WallGridWidget()
    qtbot.addWidget(grid)
    grid.resize(660, 400)
    with qtbot.waitExposed(grid):
        grid.show()
    controller = WallController(grid, engine, clock=Clock())
    cameras = {
        cam: media_camera(media_server, cam, ptz=False)
        for cam in ("cam-001", "cam-002", "cam-003", "cam-005")
    }
    controller.set_cameras({**cameras, DEAD.id: DEAD})
    yield controller
    controller.close()
    engine.close()


def tour_layout(cameras: tuple[str, ...], dwell_s: int) -> ScreenLayout:
    return ScreenLayout(0, 1, 1, (Cell(0, 0, pane=Pane(PaneKind.TOUR, cameras=cameras,
                                                        dwell_s=dwell_s)),))  # fmt: skip


def sample_until_shown(
    qtbot: QtBot, wall: WallController, camera_id: str, timeout_ms: int = 20_000
) -> list[tuple[str, str]]:
    """Sample (player state, tile state) of tile 0 until it shows ``camera_id``."""
    seen: list[tuple[str, str]] = []

    def shows() -> bool:
        player = wall.players[0]
        assert player is not None
        seen.append((player.state.value, wall.grid.tiles[0].state))
        return wall.shown.get(0) == camera_id

    qtbot.waitUntil(shows, timeout=timeout_ms)
    return seen


def assert_moving_video(qtbot: QtBot, wall: WallController) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    tile = wall.grid.tiles[0]
    first = grab_surface(app, tile)
    qtbot.wait(1500)
    second = grab_surface(app, tile)
    assert first.std() > 20, f"the tile looks uniform (std {first.std():.1f})"
    h, w = min(first.shape[0], second.shape[0]), min(first.shape[1], second.shape[1])
    changed = float(np.abs(first[:h, :w] - second[:h, :w]).mean())
    assert changed > 1.0, f"the picture did not move ({changed:.2f})"


def test_tour_step_keeps_the_tile_live_and_shows_the_next_camera(
    qtbot: QtBot, wall: WallController
) -> None:
    wall.apply_layout(tour_layout(("cam-001", "cam-002", "cam-003"), dwell_s=6))
    qtbot.waitUntil(lambda: wall.tile_states() == ["live"], timeout=30_000)
    before = wall.shown[0]
    old_player = wall.players[0]
    tour = wall.tours[0]
    upcoming = tour.cameras[(tour.cameras.index(before) + 1) % len(tour.cameras)]
    due = tour.next_at
    prestarts: list[float] = []

    def watch_prestart() -> bool:
        pending = wall.pending.get(0)
        if pending is not None and pending.camera_id == upcoming and not prestarts:
            prestarts.append(time.monotonic())
        return bool(prestarts)

    qtbot.waitUntil(watch_prestart, timeout=15_000)
    assert prestarts[0] >= due - TOUR_PRESTART_S - 0.2, "started beside no earlier than 2 s ahead"
    assert wall.shown[0] == before, "the old camera stays on screen meanwhile"
    assert wall.players[0] is old_player

    seen = sample_until_shown(qtbot, wall, upcoming)
    assert set(seen) == {("live", "live")}, f"the tile left 'live' during the step: {set(seen)}"
    assert wall.players[0] is not old_player, "the standby stream took over (no in-place change)"
    assert 0 not in wall.pending
    assert wall.grid.tiles[0].title_label.text() == f"Camera {upcoming}"
    player = wall.players[0]
    assert player is not None
    assert player.spec is not None
    assert f"/{upcoming}/" in player.spec.url
    # The swapped-in window is black until its next picture: let it come, then look.
    qtbot.wait(200)
    assert_moving_video(qtbot, wall)


def test_alarm_keeps_the_old_picture_until_the_alarm_camera_shows_and_resumes(
    qtbot: QtBot, wall: WallController
) -> None:
    wall.apply_layout(tour_layout(("cam-001", "cam-002"), dwell_s=600))
    qtbot.waitUntil(lambda: wall.tile_states() == ["live"], timeout=30_000)
    old_player = wall.players[0]
    assert wall.interrupt("cam-005", hold_s=8) == 0
    # No prestart for an alarm, but no black either: the alarm camera starts beside.
    assert wall.shown[0] == "cam-001"
    assert wall.players[0] is old_player
    assert wall.pending[0].camera_id == "cam-005"

    seen = sample_until_shown(qtbot, wall, "cam-005")
    assert set(seen) == {("live", "live")}, f"the tile left 'live' for the alarm: {set(seen)}"
    assert wall.players[0] is not old_player
    assert wall.grid.tiles[0].title_label.text() == "Camera cam-005"
    qtbot.wait(200)
    assert_moving_video(qtbot, wall)

    # The hold ends: the tour's camera comes back the same way.
    alarm_player = wall.players[0]
    seen = sample_until_shown(qtbot, wall, "cam-001")
    assert set(seen) == {("live", "live")}, f"the tile left 'live' on resuming: {set(seen)}"
    assert wall.players[0] is not alarm_player
    assert wall.tours[0].held_camera is None


def test_a_next_camera_that_does_not_come_up_replaces_the_old_in_place(
    qtbot: QtBot, wall: WallController
) -> None:
    wall.apply_layout(tour_layout(("cam-001", "cam-dead"), dwell_s=5))
    qtbot.waitUntil(lambda: wall.shown.get(0) == "cam-001" and wall.tile_states() == ["live"],
                    timeout=30_000)  # fmt: skip
    old_player = wall.players[0]
    qtbot.waitUntil(lambda: wall.shown.get(0) == "cam-dead", timeout=20_000)
    assert wall.players[0] is old_player, "changed in place"
    assert 0 not in wall.pending
    assert wall.grid.tiles[0].title_label.text() == "Camera cam-dead"
    qtbot.waitUntil(lambda: wall.tile_states() != ["live"], timeout=5_000)
