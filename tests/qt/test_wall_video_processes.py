"""A wall of more tiles than one process should hold plays them in video worker processes.

Real RTSP, real libVLC in the workers, drawing into the tiles' X windows from another process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backend.media_process import MediaServerProcess
from console.controllers.wall_controller import WallController
from layouts import Cell, Pane, PaneKind, ScreenLayout
from streams import VideoEngine
from streams.remote import RemotePlayer
from tests.integration.harness import grab_surface
from tests.qt.test_wall_zoom_ptz import media_camera
from widgets.wall_grid import WallGridWidget

pytestmark = pytest.mark.skipif(
    not os.environ.get("DISPLAY"), reason="needs an X display (./ioc test starts Xvfb)"
)

CAMS = ("cam-001", "cam-002", "cam-003", "cam-005")


@pytest.fixture
def wall(qtbot: QtBot, media_server: MediaServerProcess) -> Iterator[WallController]:
    grid = WallGridWidget()
    qtbot.addWidget(grid)
    grid.resize(700, 420)
    with qtbot.waitExposed(grid):
        grid.show()
    # Two tiles to a process: a 2x2 wall runs in two worker processes.
    controller = WallController(grid, VideoEngine(), clock=time.monotonic, tiles_per_process=2)
    controller.set_cameras({cam: media_camera(media_server, cam, ptz=False) for cam in CAMS})
    controller.apply_layout(
        ScreenLayout(
            0,
            2,
            2,
            tuple(
                Cell(i // 2, i % 2, pane=Pane(PaneKind.CAMERA, cam)) for i, cam in enumerate(CAMS)
            ),
        )
    )
    yield controller
    controller.close()


def moving_pictures(app: QApplication, wall: WallController) -> list[bool]:
    first = [grab_surface(app, t) for t in wall.grid.tiles]
    time.sleep(0.8)
    app.processEvents()
    second = [grab_surface(app, t) for t in wall.grid.tiles]
    return [
        bool(a.std() > 20 and np.abs(a - b).mean() > 1.0)
        for a, b in zip(first, second, strict=True)
    ]


def test_tiles_play_from_worker_processes(
    wall: WallController, qtbot: QtBot, qapp: QApplication
) -> None:
    assert all(isinstance(p, RemotePlayer) for p in wall.players)
    pids = {p.worker.pid for p in wall.players if isinstance(p, RemotePlayer)}
    assert len(pids) == 2
    assert None not in pids
    assert os.getpid() not in pids
    qtbot.waitUntil(lambda: wall.tile_states() == ["live"] * 4, timeout=30_000)
    assert all(p is not None and p.displayed_frames > 0 for p in wall.players)
    qtbot.waitUntil(lambda: all(moving_pictures(qapp, wall)), timeout=10_000)


def test_a_crashed_worker_is_started_again_and_its_tiles_come_back(
    wall: WallController, qtbot: QtBot
) -> None:
    qtbot.waitUntil(lambda: wall.tile_states() == ["live"] * 4, timeout=30_000)
    victim = wall.players[0]
    assert isinstance(victim, RemotePlayer)
    old_pid = victim.worker.pid
    assert old_pid is not None
    os.kill(old_pid, signal.SIGKILL)
    # Its tiles show a reconnect, the other process's tiles stay live, then all come back.
    qtbot.waitUntil(lambda: wall.tile_states()[0] != "live", timeout=10_000)
    qtbot.waitUntil(lambda: wall.tile_states() == ["live"] * 4, timeout=30_000)
    assert victim.worker.pid not in (None, old_pid)


def test_a_hung_worker_is_killed_without_freezing_the_console(
    wall: WallController, qtbot: QtBot
) -> None:
    qtbot.waitUntil(lambda: wall.tile_states() == ["live"] * 4, timeout=30_000)
    victim = wall.players[1]
    assert isinstance(victim, RemotePlayer)
    old_pid = victim.worker.pid
    assert old_pid is not None
    victim.worker.timeout_s = 1.0
    os.kill(old_pid, signal.SIGSTOP)  # alive but answering nothing
    try:
        started = time.monotonic()
        victim.poll()
        # The call came back (bounded by the timeout) and the worker was killed.
        assert time.monotonic() - started < 5.0
        assert victim.state.value == "reconnecting"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(old_pid, signal.SIGCONT)
    qtbot.waitUntil(lambda: wall.tile_states() == ["live"] * 4, timeout=30_000)
    assert victim.worker.pid not in (None, old_pid)
