"""Session fixture: the real demo RTSP server with 16 cameras, media cached per machine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Final

import pytest

from backend.demo_city import load_demo_city
from backend.media_process import COLD_CACHE_READY_TIMEOUT_S, MediaCamera, MediaServerProcess

__all__ = ["DEMO_TEST_CAMERAS", "MEDIA_CACHE_DIR", "media_server"]

# Under var/ (git-ignored) so generation happens once per checkout, not once per test run.
MEDIA_CACHE_DIR: Final = Path(__file__).resolve().parent.parent / "var" / "media-cache"
# Labelled exactly as the reference backend labels its demo cameras, so tests, the backend and
# the demo share one media cache (generation costs about 35 s of two cores per label set).
DEMO_TEST_CAMERAS: Final = tuple(
    MediaCamera(c.id, f"{c.id}  {c.name}") for c in load_demo_city().streamed_cameras
)


@pytest.fixture(scope="session")
def media_server() -> Iterator[MediaServerProcess]:
    """A started, ready media server serving ``DEMO_TEST_CAMERAS`` on a free loopback port.

    The first run on a machine generates the footage (35-60 s), hence the long timeout.
    """
    server = MediaServerProcess(DEMO_TEST_CAMERAS, cache_dir=MEDIA_CACHE_DIR)
    server.start()
    try:
        server.wait_ready(COLD_CACHE_READY_TIMEOUT_S)
        yield server
    finally:
        server.stop()
