"""Fixtures for the stream tests: a window-less libVLC engine and a poll loop with a stopwatch."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from streams import StreamState, VideoEngine, VideoPlayer

needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="needs ffmpeg")


@pytest.fixture
def engine() -> Iterator[VideoEngine]:
    """An engine whose players render nowhere (``--vout=dummy`` still counts displayed pictures)."""
    video = VideoEngine(vout="dummy")
    try:
        yield video
    finally:
        video.close()


@dataclass
class Drive:
    """What a poll loop saw: every state in order, and the slowest poll."""

    states: list[StreamState] = field(default_factory=list)
    slowest_poll_s: float = 0.0

    def run(
        self,
        player: VideoPlayer,
        until: Callable[[], bool],
        timeout: float,
        what: str,
        interval: float = 0.25,
    ) -> float:
        """Poll ``player`` every ``interval`` until ``until()``; return the seconds it took."""
        start = time.monotonic()
        while True:
            before = time.monotonic()
            state = player.poll()
            self.slowest_poll_s = max(self.slowest_poll_s, time.monotonic() - before)
            if not self.states or self.states[-1] is not state:
                self.states.append(state)
            if until():
                return time.monotonic() - start
            if time.monotonic() - start > timeout:
                raise AssertionError(
                    f"timed out after {timeout:g} s waiting for {what}; states {self.states}, "
                    f"detail {player.health.detail(time.monotonic())!r}"
                )
            time.sleep(interval)


@pytest.fixture
def drive() -> Drive:
    """A fresh poll-loop recorder."""
    return Drive()
