"""Helpers to drive the real console in-process on the qasync loop, under Xvfb."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
import qasync
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from backend.media_process import MediaCamera
from console.app import ConsoleApp, LoginRequestArgs
from console.settings import ConsoleSettings
from tests.media_fixture import DEMO_TEST_CAMERAS
from widgets.video_tile import VideoTileWidget

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]
MEDIA_CACHE = ROOT / "var" / "media-cache"


def demo_media_cameras() -> list[MediaCamera]:
    """The demo cameras labelled exactly as the backend labels them (one shared media cache)."""
    return list(DEMO_TEST_CAMERAS)


async def wait_until(
    predicate: Callable[[], bool],
    seconds: float,
    what: str,
    detail: Callable[[], object] | None = None,
) -> float:
    """Poll ``predicate``; return the seconds it took, fail with ``what`` after ``seconds``."""
    start = time.monotonic()
    while not predicate():
        if time.monotonic() - start > seconds:
            extra = f": {detail()}" if detail is not None else ""
            raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}{extra}")
        await asyncio.sleep(0.1)
    return time.monotonic() - start


def grab_surface(app: QApplication, tile: VideoTileWidget) -> np.ndarray:
    """The tile's video area as the X server shows it (libVLC draws into native windows)."""
    surface = tile.surface
    origin = surface.mapToGlobal(QPoint(0, 0))
    screen = app.screenAt(origin) or app.primaryScreen()
    geo = screen.geometry()
    pixmap = screen.grabWindow(
        0, origin.x() - geo.x(), origin.y() - geo.y(), surface.width(), surface.height()
    )
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    buf = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * height)
    return buf.reshape(height, stride)[:, : width * 3].reshape(height, width, 3).astype(np.int16)


async def assert_tiles_show_moving_video(app: QApplication, tiles: list[VideoTileWidget]) -> None:
    """Two screenshots 1.5 s apart: every tile non-uniform and changing."""
    first = [grab_surface(app, t) for t in tiles]
    await asyncio.sleep(1.5)
    second = [grab_surface(app, t) for t in tiles]
    for i, (a_full, b_full) in enumerate(zip(first, second, strict=True)):
        # Compare the common area, in case a resize slipped in between the two grabs.
        h, w = min(a_full.shape[0], b_full.shape[0]), min(a_full.shape[1], b_full.shape[1])
        a, b = a_full[:h, :w], b_full[:h, :w]
        assert a.shape[0] > 50, f"tile {i} too small: {a.shape}"
        assert a.shape[1] > 80, f"tile {i} too small: {a.shape}"
        assert a.std() > 20, f"tile {i} looks uniform (std {a.std():.1f})"
        changed = np.abs(a - b).mean()
        assert changed > 1.0, f"tile {i} did not change between screenshots ({changed:.2f})"


def run_scenario(app: QApplication, coro_fn: Callable[[], Awaitable[None]]) -> None:
    """Run ``coro_fn`` on a qasync loop over the shared QApplication, as the console runs."""
    with asyncio.Runner(loop_factory=functools.partial(qasync.QEventLoop, app)) as runner:
        runner.run(coro_fn())  # type: ignore[arg-type]


@contextlib.asynccontextmanager
async def running_console(
    app: QApplication, url: str, user: str = "operator", settings: ConsoleSettings | None = None
) -> AsyncIterator[ConsoleApp]:
    console = ConsoleApp(app, settings or ConsoleSettings())
    assert await console.login(LoginRequestArgs(url, user, user, autologin=True))
    await console.start()
    try:
        yield console
    finally:
        if console.window is not None:
            console.window.close()
        await console.shutdown()


async def in_thread(fn: Callable[..., T], *args: object) -> T:
    """Run a blocking call on a plain thread and await it by polling.

    Not ``run_in_executor``: a hung run was traced to qasync's executor hand-back under heavy
    load, and a test helper must not be the thing that hangs.
    """
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to the awaiting coroutine
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    while thread.is_alive():  # noqa: ASYNC110 - a thread, not an asyncio event
        await asyncio.sleep(0.05)
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("value")  # type: ignore[return-value]


class StallMeter:
    """Measures the GUI event loop's responsiveness with a 20 ms heartbeat timer."""

    def __init__(self) -> None:
        self.max_gap = 0.0
        self.ticks = 0
        self._last = time.monotonic()
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        now = time.monotonic()
        self.max_gap = max(self.max_gap, now - self._last)
        self._last = now
        self.ticks += 1

    def stop(self) -> None:
        self._timer.stop()


def wall_detail(wall: object) -> list[str]:
    """Each tile's health detail, for failure messages."""
    players = getattr(wall, "players", [])
    return [p.health.detail(time.monotonic()) if p is not None else "-" for p in players]
