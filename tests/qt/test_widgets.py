from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from widgets.preview import PREVIEWS
from widgets.video_tile import VideoTileWidget
from widgets.wall_grid import WallGridWidget


def test_every_preview_builds(qtbot: QtBot) -> None:
    for name, make in PREVIEWS.items():
        widget = make()
        qtbot.addWidget(widget)
        assert widget.width() > 100, name


def test_tile_shows_state_and_emits_intents(qtbot: QtBot) -> None:
    tile = VideoTileWidget(3)
    qtbot.addWidget(tile)
    tile.set_camera("Cầu Trường Tiền", "Thuận Hóa")
    tile.set_state("reconnecting", "reconnecting in 3 s (attempt 2): Connection refused", "↻ 3 s")
    assert tile.state_label.text() == "reconnecting ↻ 3 s"
    assert "Connection refused" in tile.state_label.toolTip()
    assert tile.title_label.text() == "Cầu Trường Tiền"
    with qtbot.waitSignal(tile.activated) as blocker:
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert blocker.args == [3]
    tile.set_camera(None)
    assert tile.title_label.text() == "No camera"
    assert tile.state == "idle"


def test_wall_grid_selection(qtbot: QtBot) -> None:
    wall = WallGridWidget()
    qtbot.addWidget(wall)
    tiles = wall.set_grid(2, 2, [(0, 0, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1)])
    assert len(tiles) == 3
    assert tiles[0].selected
    with qtbot.waitSignal(wall.tile_selected) as blocker:
        qtbot.mouseClick(tiles[2], Qt.MouseButton.LeftButton)
    assert blocker.args == [2]
    assert [t.selected for t in tiles] == [False, False, True]
