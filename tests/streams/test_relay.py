"""The FFmpeg relay on its own: real RTSP in, MPEG-TS out of the pipe; failures; lifetime."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from backend.media_process import MediaServerProcess
from streams import FFmpegRelay, RelayError
from streams.relay import redact_url
from tests.streams.conftest import needs_ffmpeg
from tests.streams.rtsp_fakes import FakeRtspServer

pytestmark = needs_ffmpeg


def wait_dead(relay: FFmpegRelay, timeout: float) -> float:
    start = time.monotonic()
    while relay.alive:
        assert time.monotonic() - start < timeout, "the relay did not exit"
        time.sleep(0.02)
    return time.monotonic() - start


def pid_alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


def test_redact_url() -> None:
    assert redact_url("rtsp://admin:s3cret@10.0.0.5:554/h264") == "rtsp://10.0.0.5:554/h264"
    assert redact_url("rtsp://user@cam/x") == "rtsp://cam/x"
    assert redact_url("rtsp://cam/x") == "rtsp://cam/x"


def test_command_is_a_remux_without_transcoding() -> None:
    command = FFmpegRelay("rtsp://cam/x", transport="udp", timeout_s=2.5).command()
    joined = " ".join(command)
    assert "-rtsp_transport udp" in joined
    assert "-timeout 2500000" in joined
    assert "-map 0:v:0 -c copy -f mpegts pipe:1" in joined
    assert "-nostdin" in command


def test_missing_ffmpeg_is_a_relay_error() -> None:
    relay = FFmpegRelay("rtsp://cam/x", ffmpeg="/nonexistent/ffmpeg")
    with pytest.raises(RelayError):
        relay.start()
    with pytest.raises(RelayError):
        _ = relay.fd


def test_real_stream_comes_out_as_mpegts(media_server: MediaServerProcess) -> None:
    relay = FFmpegRelay(media_server.url("cam-001", "sub"))
    started = time.monotonic()
    relay.start()
    try:
        assert time.monotonic() - started < 0.5  # start() only forks
        assert relay.alive
        assert relay.mrl == f"fd://{relay.fd}"
        data = b""
        while len(data) < 188 * 50 and time.monotonic() - started < 10:
            ready, _w, _x = select.select([relay.fd], [], [], 0.5)
            if ready:
                data += os.read(relay.fd, 65536)
        # MPEG-TS: 188-byte packets, each starting with the sync byte 0x47.
        assert len(data) >= 188 * 50
        assert [data[i * 188] for i in range(50)] == [0x47] * 50
    finally:
        relay.stop()
    assert not relay.alive
    with pytest.raises(RelayError):
        _ = relay.fd
    relay.stop()  # idempotent


def test_nothing_listening_exits_with_the_reason() -> None:
    with FakeRtspServer("silent") as server:
        port = server.port
    relay = FFmpegRelay(f"rtsp://user:pw@127.0.0.1:{port}/cam")  # the port is closed now
    relay.start()
    try:
        assert wait_dead(relay, 5.0) < 5.0
        assert relay.returncode not in (None, 0)
        assert relay.reason == "Connection refused"
        assert "pw" not in relay.error_text
        assert "rtsp://127.0.0.1" in relay.error_text
        assert not relay.transport_refused
    finally:
        relay.stop()


def test_silent_server_times_out_and_stop_is_quick() -> None:
    with FakeRtspServer("silent") as server:
        relay = FFmpegRelay(server.url(), timeout_s=1.0)
        relay.start()
        try:
            assert 0.8 < wait_dead(relay, 5.0) < 4.0
            assert relay.reason  # FFmpeg's own words, whatever they are
        finally:
            relay.stop()
        # A relay stuck in the handshake is killed in well under the 1 s budget.
        stuck = FFmpegRelay(server.url(), timeout_s=60.0)
        stuck.start()
        time.sleep(0.3)
        assert stuck.alive
        started = time.monotonic()
        stuck.stop()
        assert time.monotonic() - started < 1.0
        assert not stuck.alive
        assert stuck.returncode == -signal.SIGKILL


def test_refused_transport_is_recognised() -> None:
    with FakeRtspServer("refuse_setup") as server:
        relay = FFmpegRelay(server.url(), transport="tcp")
        relay.start()
        try:
            wait_dead(relay, 5.0)
        finally:
            relay.stop()
        assert relay.transport_refused
        assert relay.reason == "the server refused RTSP over TCP"
        assert server.setup_transports[0].startswith("RTP/AVP/TCP")


def test_stop_closes_the_pipe_and_leaks_nothing() -> None:
    before = set(os.listdir("/proc/self/fd"))
    with FakeRtspServer("silent") as server:
        for _ in range(5):
            relay = FFmpegRelay(server.url(), timeout_s=60.0)
            relay.start()
            relay.stop()
    time.sleep(0.2)  # let the stderr readers see end-of-file and close their end
    assert set(os.listdir("/proc/self/fd")) <= before


def test_relay_dies_with_its_parent(tmp_path: Path) -> None:
    """PR_SET_PDEATHSIG: a crashed console must not leave FFmpeg children behind."""
    with FakeRtspServer("silent") as server:
        script = tmp_path / "parent.py"
        script.write_text(
            textwrap.dedent(
                f"""
                import sys, time
                sys.path.insert(0, {str(Path(__file__).parents[2])!r})
                from streams.relay import FFmpegRelay
                relay = FFmpegRelay({server.url()!r}, timeout_s=60.0)
                relay.start()
                print(relay.pid, flush=True)
                time.sleep(60)
                """
            )
        )
        parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE)
        try:
            assert parent.stdout is not None
            child = int(parent.stdout.readline())
            assert pid_alive(child)
            parent.kill()  # SIGKILL: no cleanup code runs in the parent
            parent.wait()
            deadline = time.monotonic() + 3.0
            while pid_alive(child) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert not pid_alive(child), "ffmpeg outlived its parent"
        finally:
            parent.kill()
            parent.wait()
