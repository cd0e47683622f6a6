"""Shared fixtures: fresh settings per test, the real media server, the real backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.backend_fixture import backend_server  # noqa: F401 - fixture
from tests.media_fixture import media_server  # noqa: F401 - fixture


@pytest.fixture(autouse=True)
def fresh_console_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own settings, cache and log folder."""
    home = tmp_path / "console-home"
    monkeypatch.setenv("IOC_CONSOLE_HOME", str(home))
    return home
