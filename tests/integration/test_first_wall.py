"""The first live wall, end to end: real backend, real RTSP, real libVLC, the console on Xvfb."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from console.demo import BackendProcess
from tests.integration.harness import (
    assert_tiles_show_moving_video,
    run_scenario,
    running_console,
    wait_until,
    wall_detail,
)
from widgets.roles import ALERT_ID_ROLE

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not os.environ.get("DISPLAY"), reason="needs an X display (./ioc test starts Xvfb)"
    ),
]


def test_nine_live_tiles_alerts_and_jump_to_camera(
    backend_server: BackendProcess, qapp: QApplication
) -> None:
    assert backend_server.url is not None
    url = backend_server.url

    async def scenario() -> None:
        async with running_console(qapp, url) as console:
            assert console.window is not None
            assert console.wall is not None
            assert console.alerts is not None
            window, wall = console.window, console.wall
            assert len(wall.players) == 9
            # A cold media cache is generated on first start: allow for it.
            await wait_until(
                lambda: wall.tile_states() == ["live"] * 9,
                180,
                "9 live tiles",
                lambda: wall_detail(wall),
            )
            await assert_tiles_show_moving_video(qapp, window.grid.tiles)
            for i, tile in enumerate(window.grid.tiles):
                camera_id = wall.layout.cells[i].pane.camera_id  # type: ignore[union-attr]
                assert tile.title_label.text() == console.cameras[camera_id].name  # type: ignore[index]
                assert tile.ward_label.text() == console.cameras[camera_id].ward_name  # type: ignore[index]

            # Alerts from the simulator arrive over the websocket and fill the list.
            await wait_until(
                lambda: console.alerts is not None and console.alerts.received >= 2,
                60,
                "simulator alerts over the websocket",
            )
            await wait_until(lambda: len(console.alert_model) >= 2, 5, "alerts in the list")

            # Select tile 4, click an alert whose camera is not on it: the camera goes to tile 4.
            window.grid.select(4)
            view = window.alert_table.view
            proxy = window.alert_table.proxy
            target_row = None
            for row in range(proxy.rowCount()):
                alert = console.alert_model.alert(int(proxy.index(row, 0).data(ALERT_ID_ROLE)))
                assert alert is not None
                if alert.camera_id != wall.layout.cells[4].pane.camera_id:  # type: ignore[union-attr]
                    target_row = row
                    break
            assert target_row is not None, "no alert on another camera"
            alert_id = int(proxy.index(target_row, 0).data(ALERT_ID_ROLE))
            expected_camera = console.alert_model.alert(alert_id).camera_id  # type: ignore[union-attr]
            rect = view.visualRect(proxy.index(target_row, 1))
            QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert wall.layout is not None
            assert wall.layout.cells[4].pane.camera_id == expected_camera
            expected_name = console.cameras[expected_camera].name
            assert window.grid.tiles[4].title_label.text() == expected_name
            await wait_until(
                lambda: wall.tile_states()[4] == "live", 30, "the alert's camera live on tile 4"
            )

    run_scenario(qapp, scenario)
