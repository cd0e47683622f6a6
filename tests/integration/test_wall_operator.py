"""The whole console with the real backend: PTZ through the backend, presets, camera windows."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from layouts import PaneKind
from server_client.contract import PtzAction, PtzCommand
from tests.backend.backend_runner import BackendRunner, api_client, bearer, login
from tests.integration.harness import run_scenario, running_console, wait_until

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not os.environ.get("DISPLAY"), reason="needs an X display (./ioc test starts Xvfb)"
    ),
]


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[BackendRunner]:
    # No media: the tiles try and back off; what is tested here does not need pictures.
    runner = BackendRunner(tmp_path / "backend", "--sim-interval", "0")
    runner.start()
    yield runner
    assert runner.stop() == 0


def test_console_ptz_presets_and_camera_window(backend: BackendRunner, qapp: QApplication) -> None:
    async def scenario() -> None:
        async with running_console(qapp, backend.url) as console:
            assert console.window is not None
            assert console.wall is not None
            grid = console.window.grid

            # PTZ from the first tile (cam-001 has PTZ) reaches the backend's audit log.
            assert grid.tiles[0].ptz
            assert not grid.tiles[1].ptz
            grid.tiles[0].ptz_requested.emit(0, "move", 0.5, 0.0, 0.0, 0)
            grid.tiles[0].ptz_requested.emit(0, "stop", 0.0, 0.0, 0.0, 0)
            async with api_client(backend) as client:
                admin = await login(client, "admin")
                rows: list[str] = []
                for _ in range(100):  # the commands go out on the console's loop
                    page = await client.get(
                        "/audit", params={"action": "camera.ptz"}, headers=bearer(admin)
                    )
                    rows = [row["detail"]["action"] for row in reversed(page.json()["items"])]
                    if len(rows) >= 2:
                        break
                    await asyncio.sleep(0.1)
            assert rows == ["move", "stop"], "in order: a stop never overtakes its move"
            refused = await console.send_ptz("cam-002", PtzCommand(action=PtzAction.STOP))
            assert not refused
            assert "no PTZ" in console.window.statusBar().currentMessage()

            # The presets dialog lists the demo presets; applying one changes the wall.
            assert console.presets is not None
            dialog = console.presets.show_dialog(console.window)
            await wait_until(lambda: dialog.tree.topLevelItemCount() >= 4, 10, "demo presets")
            rows_by_name = {r.name: r for r in await console.presets.refresh()}
            assert await console.presets.apply(rows_by_name["Cao điểm giao thông"].key)
            assert console.current_layout is not None
            assert console.current_layout.name == "Cao điểm giao thông"
            assert len(console.wall.players) == 6
            cells = console.current_layout.screens[0].cells
            assert (cells[0].row_span, cells[0].col_span) == (2, 2)
            assert all(c.pane.kind in (PaneKind.CAMERA, PaneKind.TOUR) for c in cells)

            # A tile opens in its own window; closing it leaves the wall as it was.
            players = list(console.wall.players)
            grid.tiles[0].window_requested.emit(0)
            assert console.camera_windows is not None
            (window,) = list(console.camera_windows.windows)
            await wait_until(window.isVisible, 5, "the camera window")
            assert window.camera_id == "cam-001"
            window.close()
            assert not console.camera_windows.windows
            assert console.wall.players == players

    run_scenario(qapp, scenario)
