"""RTSP over TCP first, UDP when the server refuses TCP: a real gst-rtsp-server limited to UDP."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from backend.media_process import COLD_CACHE_READY_TIMEOUT_S, MediaServerProcess
from streams import FFmpegRelay, StreamSpec, StreamState, VideoEngine, VideoPlayer
from tests.media_fixture import DEMO_TEST_CAMERAS, MEDIA_CACHE_DIR
from tests.streams.conftest import Drive, needs_ffmpeg

pytestmark = needs_ffmpeg


@pytest.fixture(scope="module")
def udp_only_server() -> Iterator[MediaServerProcess]:
    """The demo media server offering RTP over UDP only (TCP SETUPs get 461)."""
    server = MediaServerProcess(DEMO_TEST_CAMERAS[:2], cache_dir=MEDIA_CACHE_DIR, protocols="udp")
    server.start()
    try:
        server.wait_ready(COLD_CACHE_READY_TIMEOUT_S)
        yield server
    finally:
        server.stop()


@pytest.fixture
def drive() -> Drive:
    return Drive()


@pytest.fixture
def engine() -> Iterator[VideoEngine]:
    video = VideoEngine(vout="dummy")
    yield video
    video.close()


def test_relay_over_tcp_is_refused(udp_only_server: MediaServerProcess) -> None:
    relay = FFmpegRelay(udp_only_server.url(DEMO_TEST_CAMERAS[0].id, "sub"), transport="tcp")
    relay.start()
    try:
        deadline = time.monotonic() + 10.0
        while relay.alive and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not relay.alive, "ffmpeg gives up on a refused transport"
        assert relay.transport_refused, relay.error_text
        assert relay.reason == "the server refused RTSP over TCP"
    finally:
        relay.stop()


def test_player_falls_back_to_udp_and_frames_arrive(
    udp_only_server: MediaServerProcess, engine: VideoEngine, drive: Drive
) -> None:
    player = VideoPlayer(engine)
    try:
        url = udp_only_server.url(DEMO_TEST_CAMERAS[1].id, "sub")
        player.play(StreamSpec(url, transport="tcp"))
        assert player.transport == "tcp", "TCP is asked for first"
        drive.run(player, lambda: player.state is StreamState.LIVE, 20.0, "live over UDP")
        assert player.transport == "udp"
        assert StreamState.RECONNECTING in drive.states, "the TCP attempt failed first"
        start = player.displayed_frames
        drive.run(player, lambda: player.displayed_frames >= start + 15, 10.0, "15 more frames")
        assert player.state is StreamState.LIVE
        assert player.lost_frames <= player.displayed_frames // 10
    finally:
        player.close()
