"""Shared fixtures: fresh settings per test, the real media server, the real backend."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.backend_fixture import backend_server  # noqa: F401 - fixture
from tests.media_fixture import media_server  # noqa: F401 - fixture


@pytest.fixture(scope="session", autouse=True)
def gui_thread_garbage_collection() -> Iterator[None]:
    """As in the console: collect cycles on the GUI thread only (see console/gc_guard.py)."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def collect_between_tests() -> Iterator[None]:
    """Free each test's cycles (Qt objects among them) here, on the main thread."""
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def fresh_console_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own settings, cache and log folder."""
    home = tmp_path / "console-home"
    monkeypatch.setenv("IOC_CONSOLE_HOME", str(home))
    return home
