"""Drag and drop on the wall: a camera from the tree onto a tile, a tile onto another."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from console.controllers.wall_controller import WallController
from console.models.camera_tree_model import CameraTreeModel
from layouts import grid_layout
from server_client.contract import Camera
from streams import VideoEngine
from widgets.roles import CAMERA_ID_ROLE, CAMERA_MIME, TILE_MIME
from widgets.video_tile import VideoTileWidget
from widgets.wall_grid import WallGridWidget


def camera(i: int) -> Camera:
    # Nothing listens on port 9: players try, fail and back off; no network is needed.
    return Camera(
        id=f"cam-{i:03d}",
        name=f"Camera {i}",
        ward_id="w",
        ward_name=f"Ward {i % 2}",
        lat=16.4,
        lon=107.5,
        main_url=f"rtsp://127.0.0.1:9/cam-{i:03d}/main",
        sub_url=f"rtsp://127.0.0.1:9/cam-{i:03d}/sub",
    )


def drop(tile: VideoTileWidget, mime_type: str, payload: str) -> None:
    mime = QMimeData()
    mime.setData(mime_type, QByteArray(payload.encode()))
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tile.dropEvent(event)


@pytest.fixture
def engine() -> Iterator[VideoEngine]:
    eng = VideoEngine(vout="dummy")
    yield eng
    eng.close()


def test_tile_drop_emits_intents(qtbot: QtBot) -> None:
    tile = VideoTileWidget(2)
    qtbot.addWidget(tile)
    with qtbot.waitSignal(tile.camera_dropped) as blocker:
        drop(tile, CAMERA_MIME, "cam-007")
    assert blocker.args == [2, "cam-007"]
    with qtbot.waitSignal(tile.tile_dropped) as blocker:
        drop(tile, TILE_MIME, "5")
    assert blocker.args == [5, 2]
    with qtbot.assertNotEmitted(tile.tile_dropped):
        drop(tile, TILE_MIME, "2")  # onto itself
        drop(tile, TILE_MIME, "garbage")


def test_camera_tree_drags_the_camera_id() -> None:
    model = CameraTreeModel()
    model.set_cameras([camera(1), camera(2)])
    ward = model.index(0, 0)
    cam_index = model.index(0, 0, ward)
    assert cam_index.data(CAMERA_ID_ROLE)
    mime = model.mimeData([cam_index])
    assert bytes(mime.data(CAMERA_MIME).data()).decode() == cam_index.data(CAMERA_ID_ROLE)
    assert model.mimeTypes() == [CAMERA_MIME]


def test_controller_applies_drops_and_swaps(qtbot: QtBot, engine: VideoEngine) -> None:
    grid = WallGridWidget()
    qtbot.addWidget(grid)
    wall = WallController(grid, engine)
    wall.set_cameras({c.id: c for c in (camera(i) for i in range(1, 6))})
    wall.apply_layout(grid_layout(2, 2, ["cam-001", "cam-002", "cam-003", None]))
    changes: list[object] = []
    wall.layout_changed.connect(changes.append)
    try:
        grid.tiles[3].camera_dropped.emit(3, "cam-005")
        assert wall.layout is not None
        assert wall.layout.cells[3].pane.camera_id == "cam-005"
        assert grid.tiles[3].title_label.text() == "Camera 5"
        assert wall.players[3] is not None
        assert wall.players[3].spec is not None
        assert wall.players[3].spec.url.endswith("cam-005/sub")

        grid.tiles[2].tile_dropped.emit(0, 2)
        assert [c.pane.camera_id for c in wall.layout.cells] == [
            "cam-003",
            "cam-002",
            "cam-001",
            "cam-005",
        ]
        assert grid.tiles[0].title_label.text() == "Camera 3"
        assert grid.tiles[2].title_label.text() == "Camera 1"
        assert len(changes) == 2
    finally:
        wall.close()
