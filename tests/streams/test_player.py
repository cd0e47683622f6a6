"""VideoPlayer against real RTSP (through the FFmpeg relay) and against dead or hostile servers.

The engine renders with ``--vout=dummy``: no window is needed, and libVLC still counts displayed
and lost pictures, which is what the health machine judges. Native windows are covered by
``test_player_window.py`` under Xvfb.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from backend.media_process import COLD_CACHE_READY_TIMEOUT_S, MediaServerProcess
from streams import HealthPolicy, StreamSpec, StreamState, VideoEngine, VideoPlayer
from tests.media_fixture import DEMO_TEST_CAMERAS, MEDIA_CACHE_DIR
from tests.streams.conftest import Drive, needs_ffmpeg
from tests.streams.rtsp_fakes import FakeRtspServer

pytestmark = needs_ffmpeg

# Short backoff so reconnect tests take seconds; the rules themselves are in test_health.py.
FAST = HealthPolicy(backoff_max=2.0)


def pid_alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


def closed_port() -> int:
    with FakeRtspServer("silent") as server:
        return server.port


@pytest.fixture
def player(engine: VideoEngine) -> Iterator[VideoPlayer]:
    video = VideoPlayer(engine, policy=FAST)
    try:
        yield video
    finally:
        video.close()


def test_plays_real_rtsp_through_the_relay(
    media_server: MediaServerProcess, player: VideoPlayer, drive: Drive
) -> None:
    spec = StreamSpec(media_server.url("cam-002", "sub"), label="CAM-002")
    started = time.monotonic()
    player.play(spec)
    assert time.monotonic() - started < 0.2
    assert player.state is StreamState.CONNECTING
    assert player.uses_relay
    assert player.spec == spec
    drive.run(player, lambda: player.state is StreamState.LIVE, 8.0, "LIVE")
    first = player.displayed_frames
    measure_from = time.monotonic()
    drive.run(player, lambda: time.monotonic() - measure_from >= 4.0, 6.0, "4 s of video")
    rate = (player.displayed_frames - first) / (time.monotonic() - measure_from)
    assert 12.0 <= rate <= 18.0, rate  # the sub stream is 15 fps
    assert player.lost_frames == 0
    assert player.health.detail(time.monotonic()).startswith("live 1")
    age = player.health.frame_age(time.monotonic())
    assert age is not None
    assert age < 1.0
    assert drive.states == [StreamState.CONNECTING, StreamState.LIVE]
    assert drive.slowest_poll_s < 0.05
    relay = player.relay_pid
    assert relay is not None
    player.stop()
    assert player.state is StreamState.IDLE
    assert player.spec is None
    assert not player.uses_relay
    assert not pid_alive(relay)


def test_nothing_listening_reconnects_without_blocking(player: VideoPlayer, drive: Drive) -> None:
    spec = StreamSpec(f"rtsp://127.0.0.1:{closed_port()}/cam")
    started = time.monotonic()
    player.play(spec)
    assert time.monotonic() - started < 0.2
    drive.run(player, lambda: player.state is StreamState.RECONNECTING, 3.0, "RECONNECTING")
    assert player.health.last_error == "Connection refused"
    # It keeps trying, with growing delays, and never stalls the caller.
    drive.run(player, lambda: player.health.attempt >= 3, 10.0, "three attempts")
    assert drive.slowest_poll_s < 0.05
    assert "Connection refused" in player.health.detail(time.monotonic())


def test_silent_server_never_blocks(player: VideoPlayer, engine: VideoEngine, drive: Drive) -> None:
    quick = VideoPlayer(engine, policy=HealthPolicy(connect_timeout=1.5), relay_timeout_s=30.0)
    try:
        with FakeRtspServer("silent") as server:
            started = time.monotonic()
            quick.play(StreamSpec(server.url()))
            assert time.monotonic() - started < 0.2
            # FFmpeg waits for 30 s; the health machine gives up after 1.5 s and restarts.
            drive.run(quick, lambda: quick.health.attempt >= 1, 4.0, "a connect timeout")
            assert quick.health.last_error == "no video after 1.5 s"
            started = time.monotonic()
            quick.stop()
            assert time.monotonic() - started < 1.0
    finally:
        quick.close()
    assert drive.slowest_poll_s < 0.1


def test_killing_the_server_stalls_then_recovers(
    media_server: MediaServerProcess, player: VideoPlayer, drive: Drive
) -> None:
    del media_server  # only ensures the footage is generated: a warm cache starts in < 1 s
    cameras = DEMO_TEST_CAMERAS[:1]
    server = MediaServerProcess(cameras, cache_dir=MEDIA_CACHE_DIR)
    server.start()
    server.wait_ready(COLD_CACHE_READY_TIMEOUT_S)
    port = urlsplit(server.url_base).port
    try:
        player.play(StreamSpec(server.url("cam-001", "sub")))
        drive.run(player, lambda: player.state is StreamState.LIVE, 8.0, "LIVE")
        drive.run(player, lambda: player.displayed_frames > 20, 5.0, "frames")
        assert server.pid is not None
        os.kill(server.pid, signal.SIGKILL)  # a crash, not a polite shutdown
        server.stop()
        down = {StreamState.STALLED, StreamState.RECONNECTING}
        took = drive.run(player, lambda: player.state in down, 8.0, "STALLED or RECONNECTING")
        assert took < 6.0  # EOF from the relay, or at worst the 3 s stall + 2 s rule
        drive.run(player, lambda: player.health.attempt >= 2, 8.0, "a failed reconnect")
        assert player.state in (StreamState.RECONNECTING, StreamState.CONNECTING)
        server = MediaServerProcess(cameras, cache_dir=MEDIA_CACHE_DIR, port=port or 0)
        server.start()
        server.wait_ready(COLD_CACHE_READY_TIMEOUT_S)
        drive.run(player, lambda: player.state is StreamState.LIVE, 10.0, "LIVE again")
        frames = player.displayed_frames
        drive.run(player, lambda: player.displayed_frames > frames + 10, 5.0, "frames again")
        assert drive.slowest_poll_s < 0.05
    finally:
        server.stop()


def test_a_dead_relay_is_restarted(
    media_server: MediaServerProcess, player: VideoPlayer, drive: Drive
) -> None:
    player.play(StreamSpec(media_server.url("cam-003", "sub")))
    drive.run(player, lambda: player.state is StreamState.LIVE, 8.0, "LIVE")
    first = player.relay_pid
    assert first is not None
    os.kill(first, signal.SIGKILL)
    drive.run(player, lambda: player.state is StreamState.RECONNECTING, 3.0, "RECONNECTING")
    assert player.health.last_error == f"ffmpeg exited with status {-signal.SIGKILL}"
    drive.run(player, lambda: player.state is StreamState.LIVE, 8.0, "LIVE again")
    assert player.relay_pid not in (None, first)


def test_switch_changes_stream_and_reaps_the_old_relay(
    media_server: MediaServerProcess, player: VideoPlayer, drive: Drive
) -> None:
    player.play(StreamSpec(media_server.url("cam-004", "sub")))
    drive.run(player, lambda: player.state is StreamState.LIVE, 8.0, "LIVE")
    old = player.relay_pid
    assert old is not None
    started = time.monotonic()
    player.switch(StreamSpec(media_server.url("cam-005", "main")))
    assert time.monotonic() - started < 0.5
    assert not pid_alive(old)
    assert player.state is StreamState.CONNECTING
    assert player.displayed_frames == 0
    drive.run(player, lambda: player.state is StreamState.LIVE, 8.0, "LIVE on the main stream")
    assert player.spec is not None
    assert player.spec.url.endswith("/cam-005/main")


def test_offline_stops_the_session_until_the_camera_is_back(
    media_server: MediaServerProcess, player: VideoPlayer, drive: Drive
) -> None:
    player.play(StreamSpec(media_server.url("cam-006", "sub")))
    drive.run(player, lambda: player.state is StreamState.LIVE, 8.0, "LIVE")
    relay = player.relay_pid
    assert relay is not None
    # The console sets it on the health machine; the next poll carries it out.
    player.health.set_offline(True, time.monotonic())
    player.poll()
    assert player.state is StreamState.OFFLINE
    assert not player.uses_relay
    assert not pid_alive(relay)
    deadline = time.monotonic() + 2.0
    drive.run(player, lambda: time.monotonic() > deadline, 3.0, "time passing")
    assert not player.uses_relay  # no reconnect attempts while offline
    player.set_offline(False)
    assert player.state is StreamState.CONNECTING
    drive.run(player, lambda: player.state is StreamState.LIVE, 8.0, "LIVE again")


def test_play_offline_opens_nothing(player: VideoPlayer, media_server: MediaServerProcess) -> None:
    player.play(StreamSpec(media_server.url("cam-007", "sub")), offline=True)
    assert player.state is StreamState.OFFLINE
    assert not player.uses_relay
    player.set_offline(False)
    assert player.uses_relay


def test_refused_tcp_falls_back_to_udp(player: VideoPlayer, drive: Drive) -> None:
    with FakeRtspServer("refuse_setup") as server:
        player.play(StreamSpec(server.url(), transport="tcp"))
        drive.run(player, lambda: len(server.setup_transports) >= 3, 8.0, "a third SETUP")
    reason = player.health.last_error
    assert reason is not None
    assert reason.startswith("the server refused RTSP over ")
    first, second, third = server.setup_transports[:3]
    assert first.startswith("RTP/AVP/TCP")
    assert "TCP" not in second  # plain RTP/AVP: UDP
    assert third.startswith("RTP/AVP/TCP")  # UDP refused as well: back to TCP


def test_play_stop_cycles_leak_no_fds_or_children(
    engine: VideoEngine, media_server: MediaServerProcess, drive: Drive
) -> None:
    player = VideoPlayer(engine)
    relays: list[int] = []
    fds_before = len(os.listdir("/proc/self/fd"))
    try:
        for index in range(4):
            player.play(StreamSpec(media_server.url(f"cam-00{index + 1}", "sub")))
            relay = player.relay_pid
            assert relay is not None
            relays.append(relay)
            drive.run(player, lambda: player.displayed_frames > 0, 8.0, "a frame")
        player.stop()
    finally:
        player.close()
    time.sleep(0.3)
    assert not any(pid_alive(pid) for pid in relays)
    assert len(os.listdir("/proc/self/fd")) <= fds_before + 2  # slack for libVLC's own


def test_close_is_final_and_engine_close_closes_players(
    media_server: MediaServerProcess,
) -> None:
    engine = VideoEngine(vout="dummy")
    player = VideoPlayer(engine)
    player.play(StreamSpec(media_server.url("cam-008", "sub")))
    relay = player.relay_pid
    assert relay is not None
    engine.close()
    assert not pid_alive(relay)
    assert player.state is StreamState.IDLE
    player.close()  # idempotent
    assert player.poll() is StreamState.IDLE
    with pytest.raises(RuntimeError):
        player.play(StreamSpec("rtsp://127.0.0.1:1/x"))


def test_non_rtsp_urls_play_directly(tmp_path: os.PathLike[str], engine: VideoEngine) -> None:
    player = VideoPlayer(engine)
    try:
        player.play(StreamSpec(f"file://{tmp_path}/missing.ts"))
        assert not player.uses_relay
        drive = Drive()
        drive.run(player, lambda: player.state is StreamState.RECONNECTING, 5.0, "an error")
    finally:
        player.close()
