"""The demo RTSP server, driven from outside like a real client: RTSP requests and ffmpeg pulls."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import pytest

from backend.media_gen import (
    DEFAULT_LOOP_SECONDS,
    STREAMS,
    ensure_media,
    is_idr,
    split_access_units,
)
from backend.media_process import MediaCamera, MediaServerError, MediaServerProcess
from tests.media_fixture import DEMO_TEST_CAMERAS, MEDIA_CACHE_DIR, media_server  # noqa: F401

pytestmark = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="needs ffmpeg")

_SHOWINFO = re.compile(
    r"\bn:\s*(\d+)\s.*?\bpts_time:(\S+)\s.*?\bs:(\d+)x(\d+)\s.*?\bchecksum:(\w+)"
)
_LOOP_SECONDS = 3


@dataclass(frozen=True)
class Frame:
    """One decoded frame as ffmpeg's showinfo filter reported it."""

    pts: float
    width: int
    height: int
    checksum: str


@dataclass(frozen=True)
class Pull:
    """What one ffmpeg RTSP client decoded."""

    frames: list[Frame]
    wall_s: float
    returncode: int
    log: str

    def rate(self) -> float:
        """Frames per second of stream time (the server stamps frames as it sends them)."""
        span = self.frames[-1].pts - self.frames[0].pts
        return (len(self.frames) - 1) / span

    def largest_gap(self) -> float:
        """The longest stretch of stream time without a decoded frame, in seconds."""
        return max(b.pts - a.pts for a, b in zip(self.frames, self.frames[1:], strict=False))


class Puller:
    """An ffmpeg process pulling an RTSP URL for a number of seconds of stream time."""

    def __init__(self, url: str, seconds: float, transport: Literal["tcp", "udp"] = "tcp") -> None:
        self.seconds = seconds
        self._started = time.monotonic()
        # -timeout: fail instead of hanging if the server stops sending (microseconds).
        self._process = subprocess.Popen(
            [
                "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info",
                "-rtsp_transport", transport, "-timeout", "5000000",
                "-i", url, "-t", str(seconds), "-map", "0:v",
                "-vf", "showinfo", "-f", "null", "-",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip

    def kill(self) -> None:
        """Drop the connection abruptly: no TEARDOWN, just a closed socket."""
        self._process.send_signal(signal.SIGKILL)
        self._process.wait()

    def result(self) -> Pull:
        """Wait for ffmpeg and parse its report."""
        _, log = self._process.communicate(timeout=self.seconds + 30)
        frames = [Frame(float(m[2]), int(m[3]), int(m[4]), m[5]) for m in _SHOWINFO.finditer(log)]
        return Pull(frames, time.monotonic() - self._started, self._process.returncode, log)


def pull(url: str, seconds: float, transport: Literal["tcp", "udp"] = "tcp") -> Pull:
    """Pull ``url`` for ``seconds`` and return what was decoded."""
    return Puller(url, seconds, transport).result()


def assert_live(result: Pull, stream: str, seconds: float) -> None:
    """A healthy pull: right size, about the nominal rate, in real time, every frame different."""
    fmt = STREAMS[stream]
    assert result.returncode == 0, result.log[-2000:]
    # A client that joins a media already running decodes from the next IDR: up to a 1 s GOP less.
    assert len(result.frames) >= 0.85 * (seconds - 1) * fmt.fps, result.log[-2000:]
    assert {(f.width, f.height) for f in result.frames} == {(fmt.width, fmt.height)}
    assert result.rate() == pytest.approx(fmt.fps, rel=0.1)
    # A live source cannot be read faster than it plays.
    assert result.wall_s >= 0.9 * seconds
    assert result.largest_gap() < 0.5
    # The clock burnt into the picture changes every frame.
    assert len({f.checksum for f in result.frames}) >= 0.9 * len(result.frames)


def rtsp_request(url: str, method: str = "DESCRIBE") -> tuple[int, dict[str, str], str]:
    """Send one RTSP request over a fresh connection; return status, headers and body."""
    parts = urlsplit(url)
    assert parts.hostname is not None
    assert parts.port is not None
    request = f"{method} {url} RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n\r\n"
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
        connection.sendall(request.encode())
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = connection.recv(4096)
            assert chunk, "connection closed before the response headers"
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        headers = dict(line.split(": ", 1) for line in lines[1:])
        length = int(headers.get("Content-Length", "0"))
        while len(body) < length:
            chunk = connection.recv(4096)
            assert chunk, "connection closed inside the body"
            body += chunk
    return int(lines[0].split()[1]), headers, body.decode()


# --- the generated media ------------------------------------------------------------------------


def test_cached_files_are_whole_loops_of_one_second_gops(
    media_server: MediaServerProcess,  # noqa: F811
) -> None:
    media = ensure_media(DEMO_TEST_CAMERAS, MEDIA_CACHE_DIR)
    for camera in DEMO_TEST_CAMERAS:
        for stream, path in media[camera.id].items():
            units = split_access_units(path.read_bytes())
            fps = STREAMS[stream].fps
            assert len(units) == DEFAULT_LOOP_SECONDS * fps, (camera.id, stream)
            idr_positions = [i for i, unit in enumerate(units) if is_idr(unit)]
            assert idr_positions == list(range(0, len(units), fps)), (camera.id, stream)
            # SPS (type 7) repeated in every IDR access unit, so any GOP can open a stream.
            assert all(b"\x00\x00\x01\x67" in unit for unit in units[::fps])


def test_split_access_units_keeps_every_byte() -> None:
    aud = b"\x00\x00\x00\x01\x09\xf0"
    idr = b"\x00\x00\x01\x65\x88\x84"
    p_slice = b"\x00\x00\x01\x41\x9a\x00\x00\x03\x01"
    stream = aud + idr + aud + p_slice + aud + p_slice
    units = split_access_units(stream)
    assert units == [aud + idr, aud + p_slice, aud + p_slice]
    assert [is_idr(unit) for unit in units] == [True, False, False]


def test_labels_with_filtergraph_syntax_are_drawn_literally(tmp_path: Path) -> None:
    # Unescaped, ";" would end the filter chain, ":" an option and "%{" start an expansion.
    label = "Gate 3: N'th [a],b; 100% %{n} \\x"
    media = ensure_media([MediaCamera("odd", label)], tmp_path, loop_seconds=1)
    assert media["odd"]["sub"].stat().st_size > 0


def test_changing_a_label_regenerates_only_that_camera(tmp_path: Path) -> None:
    one = MediaCamera("x-1", "One")
    before = ensure_media([one, MediaCamera("x-2", "Two")], tmp_path, loop_seconds=1)
    after = ensure_media([one, MediaCamera("x-2", "Zwei")], tmp_path, loop_seconds=1)
    assert after["x-1"] == before["x-1"]
    assert after["x-2"]["main"] != before["x-2"]["main"]
    assert all(path.stat().st_size > 0 for paths in after.values() for path in paths.values())
    assert not list(tmp_path.glob(".*.tmp"))


# --- RTSP ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("camera", "stream"),
    [("cam-001", "main"), ("cam-008", "sub"), ("cam-016", "main"), ("cam-016", "sub")],
)
def test_mount_answers_describe_with_h264(
    media_server: MediaServerProcess,  # noqa: F811
    camera: str,
    stream: Literal["main", "sub"],
) -> None:
    status, headers, sdp = rtsp_request(media_server.url(camera, stream))
    assert status == 200
    assert headers["Content-Type"] == "application/sdp"
    assert "a=rtpmap:96 H264/90000" in sdp
    assert "sprop-parameter-sets=" in sdp


def test_unknown_mount_is_not_found(media_server: MediaServerProcess) -> None:  # noqa: F811
    status, _, _ = rtsp_request(f"{media_server.url_base}/cam-999/main")
    assert status == 404


@pytest.mark.parametrize(("camera", "stream"), [("cam-002", "sub"), ("cam-003", "main")])
def test_stream_decodes_at_its_size_and_rate(
    media_server: MediaServerProcess,  # noqa: F811
    camera: str,
    stream: Literal["main", "sub"],
) -> None:
    assert_live(pull(media_server.url(camera, stream), 4), stream, 4)


def test_udp_transport(media_server: MediaServerProcess) -> None:  # noqa: F811
    assert_live(pull(media_server.url("cam-006", "sub"), 4, transport="udp"), "sub", 4)


def test_second_client_joins_a_playing_mount(media_server: MediaServerProcess) -> None:  # noqa: F811
    url = media_server.url("cam-004", "sub")
    first = Puller(url, 7)
    time.sleep(2.5)
    second = Puller(url, 3)
    assert_live(first.result(), "sub", 7)
    assert_live(second.result(), "sub", 3)


def test_client_dropping_out_leaves_the_others_playing(
    media_server: MediaServerProcess,  # noqa: F811
) -> None:
    url = media_server.url("cam-005", "main")
    survivor = Puller(url, 8)
    other_mount = Puller(media_server.url("cam-009", "sub"), 8)
    time.sleep(1.5)
    dropout = Puller(url, 30)
    time.sleep(2.5)
    dropout.kill()
    late = Puller(url, 3)
    assert_live(survivor.result(), "main", 8)
    assert_live(other_mount.result(), "sub", 8)
    assert_live(late.result(), "main", 3)


def test_a_whole_wall_starts_at_once(media_server: MediaServerProcess) -> None:  # noqa: F811
    # 20 medias prepared concurrently: the load that once left a new media's first buffer
    # stamped with the raw clock time, so its client waited for ever.
    pullers = [(Puller(media_server.url(c.id, "sub"), 4), "sub") for c in DEMO_TEST_CAMERAS]
    pullers += [(Puller(media_server.url(c.id, "main"), 4), "main") for c in DEMO_TEST_CAMERAS[:4]]
    for puller, stream in pullers:
        result = puller.result()
        # 20 decoding clients on two cores: only "every client gets a live picture" is asserted;
        # rate and smoothness are the single-stream tests' business.
        assert result.returncode == 0, result.log[-2000:]
        assert len(result.frames) >= 0.5 * 3 * STREAMS[stream].fps, result.log[-2000:]
        assert {(f.width, f.height) for f in result.frames} == {
            (STREAMS[stream].width, STREAMS[stream].height)
        }


def test_mount_serves_again_after_its_last_client_left(
    media_server: MediaServerProcess,  # noqa: F811
) -> None:
    url = media_server.url("cam-007", "sub")
    assert_live(pull(url, 2), "sub", 2)
    assert_live(pull(url, 2), "sub", 2)


# --- looping, with a server of its own whose clips are 3 s long ---------------------------------


@pytest.fixture(scope="module")
def short_loop_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MediaServerProcess]:
    """A server whose clips loop every few seconds, so a test can watch several wraps."""
    cameras = [MediaCamera("loop-a", "LOOP A")]
    cache = tmp_path_factory.mktemp("short-loop-media")
    with MediaServerProcess(cameras, cache_dir=cache, loop_seconds=_LOOP_SECONDS) as server:
        yield server


@pytest.mark.parametrize("stream", ["sub", "main"])
def test_stream_keeps_going_across_loop_wraps(
    short_loop_server: MediaServerProcess, stream: Literal["main", "sub"]
) -> None:
    seconds = 3 * _LOOP_SECONDS - 1
    result = pull(short_loop_server.url("loop-a", stream), seconds)
    assert result.returncode == 0, result.log[-2000:]
    fps = STREAMS[stream].fps
    assert len(result.frames) >= 0.85 * seconds * fps
    pts = [frame.pts for frame in result.frames]
    assert pts == sorted(pts)
    assert result.largest_gap() < 0.5
    assert result.rate() == pytest.approx(fps, rel=0.1)
    # The same pictures come round again: proof the clip wrapped rather than ran on.
    distinct = {frame.checksum for frame in result.frames}
    assert len(distinct) <= _LOOP_SECONDS * fps + 2
    assert len(result.frames) > 2 * len(distinct)


# --- the process wrapper ------------------------------------------------------------------------


def test_url_rejects_unknown_camera_and_stream(media_server: MediaServerProcess) -> None:  # noqa: F811
    assert media_server.url("cam-001", "sub").startswith("rtsp://127.0.0.1:")
    with pytest.raises(KeyError):
        media_server.url("cam-999", "sub")
    with pytest.raises(ValueError, match="stream"):
        media_server.url("cam-001", "thumb")  # type: ignore[arg-type]


def test_camera_ids_must_fit_in_a_url_path(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="RTSP path"):
        MediaServerProcess([MediaCamera("gate 3/north", "Gate 3")], cache_dir=tmp_path)


def test_busy_port_fails_with_the_servers_stderr(tmp_path: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        server = MediaServerProcess(
            [MediaCamera("busy", "BUSY")], cache_dir=tmp_path, port=port, loop_seconds=1
        )
        server.start()
        with pytest.raises(MediaServerError, match="cannot listen"):
            server.wait_ready(60)
        assert not server.running
        server.stop()


def test_stop_is_idempotent_and_ends_the_process(tmp_path: Path) -> None:
    server = MediaServerProcess([MediaCamera("s", "S")], cache_dir=tmp_path, loop_seconds=1)
    with server:
        assert server.running
        assert rtsp_request(server.url("s", "sub"))[0] == 200
    assert not server.running
    server.stop()
    with pytest.raises(MediaServerError):
        server.wait_ready(1)


_ORPHAN_SCRIPT = """
import sys, time
from pathlib import Path
from backend.media_process import MediaCamera, MediaServerProcess
server = MediaServerProcess([MediaCamera("o", "O")], cache_dir=Path(sys.argv[1]), loop_seconds=1)
server.start()
server.wait_ready(60)
print(server.pid, flush=True)
time.sleep(60)
"""


def test_server_dies_with_its_parent(tmp_path: Path) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", _ORPHAN_SCRIPT, str(tmp_path)],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert parent.stdout is not None
        server_pid = int(parent.stdout.readline())
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 10
        while _alive(server_pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(server_pid)
    finally:
        parent.kill()
        parent.wait()


def _alive(pid: int) -> bool:
    # The orphan is reparented and reaped by init (or a subreaper); a zombie counts as dead.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def test_process_id_is_exposed_while_running(media_server: MediaServerProcess) -> None:  # noqa: F811
    assert media_server.pid is not None
    assert os.path.exists(f"/proc/{media_server.pid}")
