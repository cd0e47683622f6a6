"""The first live wall, end to end: real backend, real RTSP, real libVLC, the console on Xvfb."""

from __future__ import annotations

import asyncio
import functools
import os
import time
from collections.abc import Callable

import numpy as np
import pytest
import qasync
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from console.app import ConsoleApp, LoginRequestArgs
from console.demo import BackendProcess
from console.settings import ConsoleSettings
from widgets.roles import ALERT_ID_ROLE
from widgets.video_tile import VideoTileWidget

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X display (./ioc test starts Xvfb)"),
]


async def wait_until(predicate: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}")
        await asyncio.sleep(0.2)


def grab_surface(app: QApplication, tile: VideoTileWidget) -> np.ndarray:
    """The tile's video area as the X server shows it (libVLC draws into native windows)."""
    surface = tile.surface
    origin = surface.mapToGlobal(QPoint(0, 0))
    screen = app.screenAt(origin) or app.primaryScreen()
    geo = screen.geometry()
    pixmap = screen.grabWindow(0, origin.x() - geo.x(), origin.y() - geo.y(), surface.width(), surface.height())
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    buf = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * height)
    return buf.reshape(height, stride)[:, : width * 3].reshape(height, width, 3).astype(np.int16)


def run_scenario(app: QApplication, coro_fn: Callable[[], object]) -> None:
    with asyncio.Runner(loop_factory=functools.partial(qasync.QEventLoop, app)) as runner:
        runner.run(coro_fn())  # type: ignore[arg-type]


def test_nine_live_tiles_alerts_and_jump_to_camera(backend_server: BackendProcess, qapp: QApplication) -> None:
    assert backend_server.url is not None
    url = backend_server.url

    async def scenario() -> None:
        console = ConsoleApp(qapp, ConsoleSettings())
        assert await console.login(LoginRequestArgs(url, "operator", "operator", autologin=True))
        await console.start()
        try:
            assert console.window is not None
            assert console.wall is not None
            assert console.alerts is not None
            window, wall = console.window, console.wall
            assert len(wall.players) == 9
            # A cold media cache is generated on first start: allow for it.
            await wait_until(lambda: wall.tile_states() == ["live"] * 9, 180, "9 live tiles")
            await asyncio.sleep(1.0)
            tiles = window.grid.tiles
            first = [grab_surface(qapp, t) for t in tiles]
            await asyncio.sleep(1.5)
            second = [grab_surface(qapp, t) for t in tiles]
            for i, (a, b) in enumerate(zip(first, second, strict=True)):
                assert a.shape[0] > 50, f"tile {i} too small: {a.shape}"
                assert a.shape[1] > 80, f"tile {i} too small: {a.shape}"
                assert a.std() > 20, f"tile {i} looks uniform (std {a.std():.1f})"
                changed = np.abs(a - b).mean()
                assert changed > 1.0, f"tile {i} did not change between screenshots ({changed:.2f})"
                # Each tile shows its own camera: titles come from the backend's camera list.
                assert tiles[i].title_label.text() != ""

            # Alerts from the simulator arrive over the websocket and fill the list.
            await wait_until(lambda: console.alerts is not None and console.alerts.received >= 2, 60, "simulator alerts over the websocket")
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
            assert tiles[4].title_label.text() == expected_name
            await wait_until(lambda: wall.tile_states()[4] == "live", 30, "the alert's camera live on tile 4")
        finally:
            if console.window is not None:
                console.window.close()
            await console.shutdown()

    run_scenario(qapp, scenario)
