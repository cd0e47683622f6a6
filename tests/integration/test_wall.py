"""The video wall on two monitors: layouts, full screen with main/sub streams, reconnects."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from backend.media_process import COLD_CACHE_READY_TIMEOUT_S, MediaServerProcess
from console.demo import BackendProcess
from console.settings import ConsoleSettings, config_dir
from layouts import WallLayout, dump_layout, grid_layout
from layouts.model import layout_to_dict
from server_client.rest import ApiError, RestClient
from tests.integration.harness import (
    MEDIA_CACHE,
    StallMeter,
    assert_tiles_show_moving_video,
    demo_media_cameras,
    in_thread,
    run_scenario,
    running_console,
    wait_until,
    wall_detail,
)
from widgets.kpi_chart import KpiChartWidget

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not os.environ.get("DISPLAY"), reason="needs an X display (./ioc test starts Xvfb)"
    ),
]


def start_media(port: int = 0) -> MediaServerProcess:
    media = MediaServerProcess(demo_media_cameras(), cache_dir=MEDIA_CACHE, port=port)
    media.start()
    media.wait_ready(COLD_CACHE_READY_TIMEOUT_S)
    return media


@pytest.fixture(scope="module")
def media_and_backend(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[list[MediaServerProcess], BackendProcess]]:
    """A media server the test may stop and restart on the same port, and a backend using it."""
    media = [start_media()]
    backend = BackendProcess(
        tmp_path_factory.mktemp("wall-backend"),
        extra=["--no-media", "--rtsp-base", media[0].url_base, "--sim-interval", "0"],
    )
    backend.start(timeout=60)
    yield media, backend
    backend.stop()
    media[-1].stop()


def test_two_screens_each_get_a_live_wall(
    media_and_backend: tuple[list[MediaServerProcess], BackendProcess], qapp: QApplication
) -> None:
    screens = qapp.screens()
    if len(screens) < 2:
        pytest.skip("needs two monitors (./ioc test's Xvfb provides them)")
    _media, backend = media_and_backend
    assert backend.url
    url = backend.url
    ids = [f"cam-{i:03d}" for i in range(1, 17)]
    layout = WallLayout(
        "two screens", (grid_layout(2, 2, ids[:4], 0), grid_layout(2, 3, ids[4:10], 1))
    )
    (config_dir()).mkdir(parents=True, exist_ok=True)
    (config_dir() / "current_layout.json").write_text(dump_layout(layout), encoding="utf-8")

    async def scenario() -> None:
        async with running_console(qapp, url) as console:
            assert console.window is not None
            assert set(console.walls) == {0, 1}
            wall_window = console.wall_windows[1]
            await wait_until(lambda: wall_window.isVisible(), 5, "the second wall window")
            await asyncio.sleep(0.5)
            assert qapp.screenAt(wall_window.geometry().center()) is screens[1]
            assert qapp.screenAt(console.window.geometry().center()) is screens[0]
            assert len(console.walls[1].players) == 6
            for index, wall in console.walls.items():
                await wait_until(
                    lambda w=wall: all(s == "live" for s in w.tile_states()),
                    60,
                    f"screen {index} live",
                )
            await assert_tiles_show_moving_video(qapp, wall_window.grid.tiles)

    run_scenario(qapp, scenario)


def test_corrupt_layout_file_keeps_the_last_good_layout(
    media_and_backend: tuple[list[MediaServerProcess], BackendProcess],
    qapp: QApplication,
    tmp_path: Path,
) -> None:
    _media, backend = media_and_backend
    assert backend.url
    url = backend.url
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "current_layout.json").write_text(
        '{"version": 1, "name": "x", "screens": [{"rows": 9', encoding="utf-8"
    )
    broken = tmp_path / "hand-edited.json"
    broken.write_text(
        json.dumps(
            {
                "version": 1,
                "name": "bad",
                "screens": [{"rows": 2, "cols": 2, "cells": [{"row": 5, "col": 0}]}],
            }
        )
    )
    good = tmp_path / "flood.json"
    good.write_text(dump_layout(WallLayout("flood", (grid_layout(1, 2, ["cam-011", "cam-012"]),))))

    async def scenario() -> None:
        async with running_console(qapp, url) as console:
            assert console.window is not None
            assert console.wall is not None
            message = console.window.statusBar().currentMessage()
            assert "invalid" in message, message
            assert "not valid JSON" in message, message
            assert console.current_layout is not None
            default = console.current_layout
            assert len(console.wall.players) == 9, "the default layout stands in"
            assert list(config_dir().glob("current_layout.json.corrupt-*")), (
                "the broken file is kept aside"
            )

            assert not console.load_layout_file(broken)
            message = console.window.statusBar().currentMessage()
            assert "Layout not applied" in message, message
            assert "lies outside the 2×2 grid" in message, message
            assert console.current_layout == default
            assert len(console.wall.players) == 9

            assert console.load_layout_file(good)
            assert console.current_layout.name == "flood"
            assert [p is not None for p in console.wall.players] == [True, True]
            saved = json.loads((config_dir() / "current_layout.json").read_text(encoding="utf-8"))
            assert saved["name"] == "flood"

    run_scenario(qapp, scenario)


def test_full_screen_plays_the_main_stream_and_back(
    media_and_backend: tuple[list[MediaServerProcess], BackendProcess], qapp: QApplication
) -> None:
    _media, backend = media_and_backend
    assert backend.url
    url = backend.url

    async def scenario() -> None:
        async with running_console(qapp, url) as console:
            assert console.window is not None
            wall, grid = console.wall, console.window.grid
            assert wall is not None
            await wait_until(
                lambda: wall.tile_states() == ["live"] * 9,
                60,
                "9 live tiles",
                lambda: wall_detail(wall),
            )
            assert all(
                p is not None and p.spec is not None and p.spec.url.endswith("/sub")
                for p in wall.players
            )

            QTest.mouseDClick(grid.tiles[2], Qt.MouseButton.LeftButton)
            assert grid.maximized_index == 2
            # Gapless: the sub stream stays on screen while the main one starts in the hidden
            # standby surface, which takes over at its first picture. The tile is live throughout.
            seen: list[str] = []

            def on_main() -> bool:
                player = wall.players[2]
                assert player is not None
                assert player.spec is not None
                seen.append(player.state.value)
                return player.spec.url.endswith("/main")

            await wait_until(on_main, 15, "main stream on the full-screen tile")
            assert set(seen) == {"live"}, f"the tile left 'live' while switching: {seen}"
            assert 2 not in wall.pending
            await wait_until(
                lambda: wall.parked == {0, 1, 3, 4, 5, 6, 7, 8}, 5, "hidden tiles stop decoding"
            )
            assert wall.tile_states()[2] == "live"
            # The swapped-in window is black until its next picture (no compositor keeps the
            # old one): one frame period, not a reconnect. Let that frame come, then look.
            await asyncio.sleep(0.2)
            await assert_tiles_show_moving_video(qapp, [grid.tiles[2]])
            assert all(wall.players[i].state.value == "idle" for i in wall.parked)  # type: ignore[union-attr]

            shot = wall.snapshot(2)
            assert shot is not None
            await wait_until(
                lambda: shot.exists() and shot.stat().st_size > 10_000, 5, "the snapshot file"
            )
            assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

            QTest.mouseDClick(grid.tiles[2], Qt.MouseButton.LeftButton)
            assert grid.maximized_index is None
            seen.clear()

            def on_sub() -> bool:
                player = wall.players[2]
                assert player is not None
                assert player.spec is not None
                seen.append(player.state.value)
                return player.spec.url.endswith("/sub")

            await wait_until(on_sub, 15, "back to the sub stream")
            assert set(seen) == {"live"}, f"the tile left 'live' while switching back: {seen}"
            await wait_until(
                lambda: wall.tile_states() == ["live"] * 9,
                20,
                "all tiles live again",
                lambda: wall_detail(wall),
            )
            assert not wall.parked

    run_scenario(qapp, scenario)


def test_media_server_outage_reconnects_without_freezing(
    media_and_backend: tuple[list[MediaServerProcess], BackendProcess], qapp: QApplication
) -> None:
    media, backend = media_and_backend
    assert backend.url
    url = backend.url
    port = int(media[-1].url_base.rsplit(":", 1)[1])

    async def scenario() -> None:
        async with running_console(qapp, url) as console:
            wall = console.wall
            assert wall is not None
            await wait_until(
                lambda: wall.tile_states() == ["live"] * 9,
                60,
                "9 live tiles",
                lambda: wall_detail(wall),
            )
            meter = StallMeter()
            try:
                await in_thread(media[-1].stop)
                down = await wait_until(
                    lambda: all(s in ("reconnecting", "connecting") for s in wall.tile_states()),
                    5,
                    "every tile reconnecting within 5 s",
                )
                await asyncio.sleep(2)
                # start() on this (long-lived) thread: the server's death signal is tied to
                # the thread that forked it. Only the wait goes to a helper thread.
                restarted = MediaServerProcess(
                    demo_media_cameras(), cache_dir=MEDIA_CACHE, port=port
                )
                restarted.start()
                await in_thread(restarted.wait_ready, COLD_CACHE_READY_TIMEOUT_S)
                media.append(restarted)
                back = await wait_until(
                    lambda: wall.tile_states() == ["live"] * 9,
                    10,
                    "every tile live within 10 s of the restart",
                    lambda: wall_detail(wall),
                )
            finally:
                meter.stop()
            print(
                f"\nreconnect: down after {down:.1f} s, live {back:.1f} s after restart, max GUI stall {meter.max_gap * 1000:.0f} ms"
            )
            # A frozen GUI would show as a gap of seconds; reconnects must never block it.
            assert meter.max_gap < 1.0, f"the GUI stalled for {meter.max_gap:.2f} s"

    run_scenario(qapp, scenario)


def test_wall_mode_follows_pushed_layouts(
    media_and_backend: tuple[list[MediaServerProcess], BackendProcess], qapp: QApplication
) -> None:
    _media, backend = media_and_backend
    assert backend.url
    url = backend.url
    flood = WallLayout("flood response", (grid_layout(1, 2, ["cam-013", "cam-014"]),))
    broken = {
        "version": 1,
        "name": "broken",
        "screens": [{"rows": 1, "cols": 1, "cells": [{"row": 3, "col": 0}]}],
    }

    async def scenario() -> None:
        commander = RestClient(url)
        await commander.login("commander", "commander")
        operator = RestClient(url)
        await operator.login("operator", "operator")
        settings = ConsoleSettings(wall_mode=True, wall_name="wall-a")
        try:
            async with running_console(qapp, url, settings=settings) as console:
                assert console.window is not None
                assert console.window.isFullScreen()
                assert not console.window.menuBar().isVisible()
                await wait_until(
                    lambda: console.stream is not None and console.stream.state.value == "online",
                    10,
                    "event stream online",
                )

                stored = await commander.create_layout(flood.name, layout_to_dict(flood))
                with pytest.raises(ApiError) as info:
                    await operator.push_layout(stored.id)
                assert info.value.status == 403, "operators do not push layouts"
                await commander.push_layout(stored.id, ["wall-b"])  # another wall
                await asyncio.sleep(1.5)
                assert console.current_layout is not None
                assert console.current_layout.name != "flood response"

                await commander.push_layout(stored.id, ["wall-a"])
                await wait_until(
                    lambda: (
                        console.current_layout is not None
                        and console.current_layout.name == "flood response"
                    ),
                    10,
                    "the pushed layout",
                )
                assert console.wall is not None
                assert len(console.wall.players) == 2
                await wait_until(
                    lambda: (
                        console.wall is not None and console.wall.tile_states() == ["live", "live"]
                    ),
                    20,
                    "pushed cameras live",
                )

                bad = await commander.create_layout("broken", broken)
                await commander.push_layout(bad.id)
                await wait_until(
                    lambda: "Layout not applied" in console.window.statusBar().currentMessage(),
                    10,
                    "an error for the broken layout",
                )  # type: ignore[union-attr]
                assert console.current_layout.name == "flood response", "the last good layout stays"
        finally:
            await commander.aclose()
            await operator.aclose()

    run_scenario(qapp, scenario)


def _xrandr(*args: str) -> None:
    subprocess.run(["xrandr", *args], check=True, capture_output=True, env=os.environ.copy())


def test_monitor_unplugged_and_plugged_back(
    media_and_backend: tuple[list[MediaServerProcess], BackendProcess], qapp: QApplication
) -> None:
    if len(qapp.screens()) < 2:
        pytest.skip("needs two monitors (./ioc test's Xvfb provides them)")
    _media, backend = media_and_backend
    assert backend.url
    url = backend.url
    second = qapp.screens()[1].geometry()
    geometry = f"{second.width()}/508x{second.height()}/286+{second.x()}+{second.y()}"

    async def scenario() -> None:
        async with running_console(qapp, url) as console:
            assert set(console.wall_windows) == {1}
            main_players = list(console.walls[0].players)
            try:
                _xrandr("--delmonitor", "M1")
                await wait_until(lambda: len(qapp.screens()) == 1, 10, "Qt to see one screen")
                await wait_until(
                    lambda: not console.wall_windows, 5, "the second wall window to close"
                )
                assert set(console.walls) == {0}
            finally:
                _xrandr("--setmonitor", "M1", geometry, "none")
            await wait_until(lambda: len(qapp.screens()) == 2, 10, "Qt to see two screens again")
            await wait_until(lambda: set(console.wall_windows) == {1}, 5, "the wall window back")
            assert console.walls[0].players == main_players, "the main wall kept playing untouched"
            wall1 = console.walls[1]
            await wait_until(
                lambda: all(s == "live" for s in wall1.tile_states()),
                30,
                "screen 1 live again",
                lambda: wall_detail(wall1),
            )

    run_scenario(qapp, scenario)


def test_a_chart_put_on_a_tile_from_its_menu_is_saved_with_the_layout(
    media_and_backend: tuple[list[MediaServerProcess], BackendProcess], qapp: QApplication
) -> None:
    _media, backend = media_and_backend
    assert backend.url
    url = backend.url

    async def scenario() -> None:
        async with running_console(qapp, url, user="commander") as console:
            assert console.window is not None
            wall, grid = console.wall, console.window.grid
            assert wall is not None
            tile = grid.tiles[4]
            at = tile.rect().center()
            QApplication.sendEvent(
                tile, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, tile.mapToGlobal(at))
            )
            menu = tile.context_menu
            assert menu is not None
            charts = next(a.menu() for a in menu.actions() if a.text() == "Show KPI chart")
            assert isinstance(charts, QMenu)
            titles = [a.text() for a in charts.actions()]
            assert "Hương river at Kim Long" in titles
            next(a for a in charts.actions() if a.text() == "Hương river at Kim Long").trigger()
            menu.close()
            pane = grid.cell_widget(4)
            assert isinstance(pane, KpiChartWidget)
            assert pane.spec.chart_id == "river_kim_long"
            assert wall.players[4] is None
            saved = json.loads((config_dir() / "current_layout.json").read_text(encoding="utf-8"))
            assert saved["screens"][0]["cells"][4]["pane"] == {
                "kind": "kpi", "camera_id": None, "chart_id": "river_kim_long",
            }  # fmt: skip
            assert console.current_layout is not None
            assert console.current_layout.screens[0].cells[4].pane.chart_id == "river_kim_long"

    run_scenario(qapp, scenario)
