"""Digital zoom, PTZ keypad and camera windows on a real wall: real RTSP, real libVLC players."""

from __future__ import annotations

import os
from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QCursor, QKeyEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backend.media_process import MediaServerProcess
from console.camera_window import CameraWindows
from console.controllers.wall_controller import WallController
from layouts import grid_layout
from server_client.contract import Camera, PtzAction, PtzCommand
from streams import DigitalZoom, VideoEngine
from tests.integration.harness import grab_surface
from widgets.video_tile import VideoTileWidget
from widgets.wall_grid import WallGridWidget

pytestmark = pytest.mark.skipif(
    not os.environ.get("DISPLAY"), reason="needs an X display (./ioc test starts Xvfb)"
)


def media_camera(media: MediaServerProcess, cam: str, *, ptz: bool) -> Camera:
    return Camera(
        id=cam,
        name=f"Camera {cam}",
        ward_id="thuan-hoa",
        ward_name="Thuận Hóa",
        lat=16.46,
        lon=107.59,
        main_url=media.url(cam, "main"),
        sub_url=media.url(cam, "sub"),
        ptz=ptz,
    )


@pytest.fixture
def live_wall(
    qtbot: QtBot, media_server: MediaServerProcess
) -> Iterator[tuple[WallController, WallGridWidget]]:
    engine = VideoEngine()
    grid = WallGridWidget()
    qtbot.addWidget(grid)
    grid.resize(1000, 320)
    with qtbot.waitExposed(grid):
        grid.show()
    wall = WallController(grid, engine)
    wall.set_cameras(
        {
            "cam-001": media_camera(media_server, "cam-001", ptz=True),
            "cam-002": media_camera(media_server, "cam-002", ptz=False),
        }
    )
    wall.apply_layout(grid_layout(1, 2, ["cam-001", "cam-002"]))
    qtbot.waitUntil(lambda: wall.tile_states() == ["live", "live"], timeout=30_000)
    yield wall, grid
    wall.close()
    engine.close()


def picture_box(app: QApplication, tile: VideoTileWidget) -> tuple[int, int, int, int]:
    """Rows and columns of the tile's video area that show picture (not black bars)."""
    pixels = grab_surface(app, tile).max(axis=2)
    rows = np.flatnonzero((pixels > 24).mean(axis=1) > 0.5)
    cols = np.flatnonzero((pixels > 24).mean(axis=0) > 0.5)
    assert len(rows), "no picture on the tile"
    assert len(cols), "no picture on the tile"
    # Within a few pixels: scaling rounds differently at different crops.
    return (round(rows[0] / 8), round(rows[-1] / 8), round(cols[0] / 8), round(cols[-1] / 8))


def wheel(tile: VideoTileWidget, at: QPoint, notches: int) -> None:
    """A real wheel event at ``at`` (tile coordinates), as the mouse sends it."""
    event = QWheelEvent(
        QPointF(at),
        QPointF(tile.mapToGlobal(at)),
        QPoint(0, 0),
        QPoint(0, notches * 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(tile, event)


def test_wheel_zooms_drag_pans_and_ctrl0_resets(
    qtbot: QtBot, live_wall: tuple[WallController, WallGridWidget]
) -> None:
    wall, grid = live_wall
    tile = grid.tiles[0]
    player = wall.players[0]
    assert player is not None
    qtbot.waitUntil(lambda: player.video_size() == (640, 360), timeout=10_000)
    assert player.crop_geometry is None
    assert not tile.zoom_label.isVisible()
    whole = picture_box(QApplication.instance(), tile)  # type: ignore[arg-type]

    surface_origin = tile.surface.mapTo(tile, QPoint(0, 0))
    width, height = tile.surface.width(), tile.surface.height()
    # Four notches left of the video's centre: 2x, the point under the cursor kept.
    at = surface_origin + QPoint(width // 4, height // 2)
    wheel(tile, at, 4)
    ax, ay = (at - surface_origin).x() / width, (at - surface_origin).y() / height
    expected = DigitalZoom().zoom_by(4, ax, ay)
    rect = expected.crop_rect(640, 360)
    assert rect is not None
    assert rect[:2] == (320, 180)
    assert player.crop_geometry == expected.crop_geometry(640, 360)
    assert tile.zoom_label.isVisible()
    assert tile.zoom_label.text() == "2.0×"
    assert wall.players[1] is not None
    assert wall.players[1].crop_geometry is None, "the other tile is not zoomed"
    # The zoomed picture keeps its shape: it covers the same area of the tile as before.
    qtbot.wait(1000)
    assert picture_box(QApplication.instance(), tile) == whole  # type: ignore[arg-type]

    # Drag the picture left and up by a tenth of the video: the crop moves right and down.
    centre = surface_origin + QPoint(width // 2, height // 2)
    QTest.mousePress(tile, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    QTest.mouseMove(tile, centre - QPoint(width // 10, height // 10))
    QTest.mouseRelease(
        tile,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        centre - QPoint(width // 10, height // 10),
    )
    panned = expected.pan_by(-(width // 10) / width, -(height // 10) / height)
    assert player.crop_geometry == panned.crop_geometry(640, 360)
    assert player.crop_geometry != expected.crop_geometry(640, 360)

    wheel(tile, centre, -2)
    assert tile.zoom_label.text() == "1.4×"
    QTest.keyClick(tile, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert player.crop_geometry is None
    assert not tile.zoom_label.isVisible()
    assert wall.tile_states() == ["live", "live"]


def test_ptz_keypad_on_hover_for_ptz_cameras_only(
    qtbot: QtBot, live_wall: tuple[WallController, WallGridWidget]
) -> None:
    wall, grid = live_wall
    ptz_tile, fixed_tile = grid.tiles
    assert ptz_tile.ptz
    assert not fixed_tile.ptz
    QCursor.setPos(ptz_tile.mapToGlobal(ptz_tile.rect().center()))
    qtbot.waitUntil(ptz_tile.ptz_overlay.isVisible, timeout=5_000)
    overlay = ptz_tile.ptz_overlay
    assert ptz_tile.rect().contains(overlay.mapTo(ptz_tile, overlay.rect().bottomRight()))

    sent: list[tuple[str, PtzCommand]] = []
    wall.ptz_requested.connect(lambda cam, cmd: sent.append((cam, cmd)))
    up = overlay.buttons["▲"]
    QTest.mousePress(up, Qt.MouseButton.LeftButton)
    QTest.mouseRelease(up, Qt.MouseButton.LeftButton)
    QTest.mouseClick(overlay.buttons["+"], Qt.MouseButton.LeftButton)
    overlay.preset_menu.actions()[2].trigger()
    assert sent == [
        ("cam-001", PtzCommand(action=PtzAction.MOVE, tilt=0.5)),
        ("cam-001", PtzCommand(action=PtzAction.STOP)),
        ("cam-001", PtzCommand(action=PtzAction.MOVE, zoom=0.5)),
        ("cam-001", PtzCommand(action=PtzAction.STOP)),
        ("cam-001", PtzCommand(action=PtzAction.GOTO_PRESET, preset=3)),
    ]

    QCursor.setPos(fixed_tile.mapToGlobal(fixed_tile.rect().center()))
    qtbot.waitUntil(lambda: not ptz_tile.ptz_overlay.isVisible(), timeout=5_000)
    assert not fixed_tile.ptz_overlay.isVisible(), "no keypad on a fixed camera"
    fixed_tile.set_ptz_visible(True)
    assert not fixed_tile.ptz_overlay.isVisible()
    # A fixed camera's tile never sends PTZ, whatever reaches the controller.
    fixed_tile.ptz_requested.emit(1, "stop", 0.0, 0.0, 0.0, 0)
    assert len(sent) == 5


def test_camera_window_plays_main_stream_and_leaves_the_tile_alone(
    qtbot: QtBot, live_wall: tuple[WallController, WallGridWidget]
) -> None:
    wall, grid = live_wall
    tile_player = wall.players[0]
    opened: list[str] = []
    wall.camera_window_requested.connect(opened.append)
    grid.tiles[0].window_requested.emit(0)
    assert opened == ["cam-001"]

    def make_wall(window_grid: WallGridWidget) -> WallController:
        controller = WallController(window_grid, wall.engine)
        controller.set_cameras(wall.cameras)
        return controller

    windows = CameraWindows(wall.engine, make_wall)
    window = windows.open(wall.cameras["cam-001"])
    qtbot.waitUntil(window.isVisible)
    window_wall = windows.windows[window]
    qtbot.waitUntil(lambda: window_wall.tile_states() == ["live"], timeout=30_000)
    player = window_wall.players[0]
    assert player is not None
    # 960×600 is more than the sub stream carries: the window upgrades to the main stream.
    qtbot.waitUntil(
        lambda: player.spec is not None and player.spec.url.endswith("/main"), timeout=5_000
    )
    qtbot.waitUntil(lambda: window_wall.tile_states() == ["live"], timeout=20_000)
    assert window.isWindow()
    assert window.windowTitle() == "Camera cam-001 — Thuận Hóa"
    assert wall.players[0] is tile_player
    assert tile_player is not None
    assert tile_player.spec is not None
    assert tile_player.spec.url.endswith("/sub")
    assert wall.tile_states() == ["live", "live"]

    window.close()
    assert window not in windows.windows
    assert window_wall.players == [], "the window's player is closed with it"
    qtbot.wait(1500)
    assert wall.tile_states() == ["live", "live"], "the wall tile plays on"
    windows.close_all()


def test_network_caching_per_camera(qtbot: QtBot) -> None:
    engine = VideoEngine(vout="dummy")
    grid = WallGridWidget()
    qtbot.addWidget(grid)
    base = {
        "ward_id": "w", "ward_name": "W", "lat": 16.4, "lon": 107.5,
        "main_url": "rtsp://127.0.0.1:9/x/main", "sub_url": "rtsp://127.0.0.1:9/x/sub",
    }  # fmt: skip
    cameras = {
        "cam-a": Camera(id="cam-a", name="A", network_caching_ms=1200, **base),
        "cam-b": Camera(id="cam-b", name="B", **base),
        "cam-c": Camera(id="cam-c", name="C", **base),
    }
    # A local override for a and b: the backend's value wins for a, b takes the override.
    wall = WallController(grid, engine, caching_overrides={"cam-a": 700, "cam-b": 800})
    wall.set_cameras(cameras)
    try:
        wall.apply_layout(grid_layout(1, 3, ["cam-a", "cam-b", "cam-c"]))
        specs = [p.spec for p in wall.players if p is not None]
        assert [s.network_caching_ms for s in specs if s is not None] == [1200, 800, 300]
        assert all(s is not None and s.transport == "tcp" for s in specs), "TCP first"
    finally:
        wall.close()
        engine.close()


def key(tile: VideoTileWidget, kind: QEvent.Type, k: Qt.Key, *, repeat: bool = False) -> None:
    """A key event as X sends it; a held key repeats as release/press pairs marked auto-repeat."""
    QApplication.sendEvent(tile, QKeyEvent(kind, k, Qt.KeyboardModifier.NoModifier, "", repeat))


def hold(tile: VideoTileWidget, k: Qt.Key, repeats: int = 3) -> None:
    key(tile, QEvent.Type.KeyPress, k)
    for _ in range(repeats):
        key(tile, QEvent.Type.KeyRelease, k, repeat=True)
        key(tile, QEvent.Type.KeyPress, k, repeat=True)


def test_ptz_keys_on_the_selected_ptz_tile_only(
    qtbot: QtBot, live_wall: tuple[WallController, WallGridWidget]
) -> None:
    wall, grid = live_wall
    ptz_tile, fixed_tile = grid.tiles
    assert grid.hover_polling, "the grid looks for the mouse over its PTZ tile"
    sent: list[tuple[str, PtzCommand]] = []
    wall.ptz_requested.connect(lambda cam, cmd: sent.append((cam, cmd)))
    QTest.mouseClick(ptz_tile, Qt.MouseButton.LeftButton, pos=ptz_tile.rect().center())
    assert grid.selected_index == 0

    hold(ptz_tile, Qt.Key.Key_Left)
    key(ptz_tile, QEvent.Type.KeyRelease, Qt.Key.Key_Left)
    # Up, then Left while Up is held: the moves add up; releasing one keeps the other.
    hold(ptz_tile, Qt.Key.Key_Up)
    hold(ptz_tile, Qt.Key.Key_Left)
    key(ptz_tile, QEvent.Type.KeyRelease, Qt.Key.Key_Up)
    key(ptz_tile, QEvent.Type.KeyRelease, Qt.Key.Key_Left)
    hold(ptz_tile, Qt.Key.Key_Plus)
    key(ptz_tile, QEvent.Type.KeyRelease, Qt.Key.Key_Plus)
    hold(ptz_tile, Qt.Key.Key_Minus)
    key(ptz_tile, QEvent.Type.KeyRelease, Qt.Key.Key_Minus)
    QTest.keyClick(ptz_tile, Qt.Key.Key_3)
    QTest.keyClick(ptz_tile, Qt.Key.Key_7)  # there are six presets
    QTest.keyClick(ptz_tile, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # zoom reset
    move, stop, goto = PtzAction.MOVE, PtzAction.STOP, PtzAction.GOTO_PRESET
    assert [cmd for _cam, cmd in sent] == [
        PtzCommand(action=move, pan=-0.5),
        PtzCommand(action=stop),
        PtzCommand(action=move, tilt=0.5),
        PtzCommand(action=move, pan=-0.5, tilt=0.5),
        PtzCommand(action=move, pan=-0.5),
        PtzCommand(action=stop),
        PtzCommand(action=move, zoom=0.5),
        PtzCommand(action=stop),
        PtzCommand(action=move, zoom=-0.5),
        PtzCommand(action=stop),
        PtzCommand(action=goto, preset=3),
    ]
    assert {cam for cam, _cmd in sent} == {"cam-001"}

    # Moving when the tile loses the keyboard (another tile clicked): the camera stops.
    grid.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is grid, timeout=5_000)
    ptz_tile.setFocus()
    qtbot.waitUntil(ptz_tile.hasFocus, timeout=2_000)
    key(ptz_tile, QEvent.Type.KeyPress, Qt.Key.Key_Right)
    QTest.mouseClick(fixed_tile, Qt.MouseButton.LeftButton, pos=fixed_tile.rect().center())
    qtbot.waitUntil(fixed_tile.hasFocus, timeout=2_000)
    assert len(sent) == 13
    assert [cmd for _cam, cmd in sent[-2:]] == [
        PtzCommand(action=move, pan=0.5),
        PtzCommand(action=stop),
    ]
    # A fixed camera's tile takes no PTZ keys.
    assert grid.selected_index == 1
    for k in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Plus, Qt.Key.Key_2):
        hold(fixed_tile, k)
        key(fixed_tile, QEvent.Type.KeyRelease, k)
    assert len(sent) == 13
    assert wall.tile_states() == ["live", "live"]

    # Held while the tile changes camera: the camera that moved is the one told to stop.
    key(ptz_tile, QEvent.Type.KeyPress, Qt.Key.Key_Down)
    wall.show_camera("cam-002", 0)
    assert sent[-2:] == [
        ("cam-001", PtzCommand(action=move, tilt=-0.5)),
        ("cam-001", PtzCommand(action=stop)),
    ]


def test_one_hover_timer_follows_the_ptz_tiles(qtbot: QtBot) -> None:
    grid = WallGridWidget()
    qtbot.addWidget(grid)
    grid.set_grid(1, 2, [(0, 0, 1, 1), (0, 1, 1, 1)])
    assert not grid.hover_polling, "no PTZ tile: nothing to look for"
    grid.tiles[1].set_camera("PTZ", "W", ptz=True)
    assert grid.hover_polling
    grid.tiles[0].set_camera("Fixed", "W")
    assert grid.hover_polling
    grid.tiles[1].set_camera("Fixed too", "W")
    assert not grid.hover_polling
