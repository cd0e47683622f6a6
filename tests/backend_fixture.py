"""The real reference backend with its media server, as a child process, for integration tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from console.demo import BackendProcess

ROOT = Path(__file__).resolve().parent.parent
MEDIA_CACHE = ROOT / "var" / "media-cache"


@pytest.fixture(scope="module")
def backend_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendProcess]:
    """A backend on a free loopback port with a fresh SQLite file, demo cameras streaming.

    The generated video is cached in ``var/media-cache`` across runs.
    """
    data = tmp_path_factory.mktemp("backend")
    proc = BackendProcess(data, extra=["--media-cache", str(MEDIA_CACHE), "--sim-interval", "1.5"])
    proc.start(timeout=60)
    yield proc
    proc.stop()
