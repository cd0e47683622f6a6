"""Wall benchmark: N live tiles in the console versus plain VLC and the FFmpeg decode floor.

    .venv/bin/python bench/wall.py --tiles 4 9 16 --seconds 20

For every N it runs, in the same session and on the same RTSP streams (the demo media server):
- ``console``: the console's own tiles (WallGridWidget + streams.VideoPlayer, sub streams),
- ``naive``: the same, but every tile plays the main stream (what adaptive streams save),
- ``vlc``: N plain ``cvlc`` players, one per stream, each in a window of the tile's size. Debian's
  VLC cannot open ``rtsp://`` (no live555), so each gets the same FFmpeg remux on its stdin as
  the console's relay does: the comparison is the player, not the RTSP client,
- ``ffmpeg``: ``ffmpeg -f null`` decoding each stream (the decode floor).
It prints one JSON document: frames displayed / frames sent per tile, CPU (% of one core, the
scenario's processes including their FFmpeg children, plus the X server separately) and memory.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backend.media_process import COLD_CACHE_READY_TIMEOUT_S, MediaServerProcess  # noqa: E402
from console.display import VirtualDisplay  # noqa: E402
from tests.integration.harness import MEDIA_CACHE, demo_media_cameras  # noqa: E402

CLK = os.sysconf("SC_CLK_TCK")
SUB_FPS, MAIN_FPS = 15, 25
TILE_W, TILE_H = 640, 360
XVFB_PID = 0  # set by main(): the X server's CPU is measured over each scenario's window too


# -- /proc accounting --------------------------------------------------------------------------


def proc_times(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far; 0 if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK


def proc_rss_mib(pid: int) -> float:
    """Proportional set size: shared libraries (libavcodec in every FFmpeg) count once overall."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def descendants(pid: int) -> list[int]:
    """pid and all its descendants (from /proc's children lists)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                kids = (task / "children").read_text().split()
                todo.extend(int(k) for k in kids)
        except OSError:
            continue
    return out


class CpuWindow:
    """CPU used by a set of process trees over a measurement window."""

    def __init__(self, roots: list[int]) -> None:
        self.roots = roots
        self.start_times: dict[int, float] = {}
        self.t0 = 0.0

    def begin(self) -> None:
        self.t0 = time.monotonic()
        self.start_times = {p: proc_times(p) for r in self.roots for p in descendants(r)}

    def end(self) -> tuple[float, float]:
        """(% of one core, RSS MiB) over the window, for processes alive at the end."""
        elapsed = time.monotonic() - self.t0
        used = 0.0
        rss = 0.0
        for r in self.roots:
            for p in descendants(r):
                used += proc_times(p) - self.start_times.get(p, 0.0)
                rss += proc_rss_mib(p)
        return 100.0 * used / elapsed, rss


# -- scenarios ---------------------------------------------------------------------------------


def grid_for(n: int) -> tuple[int, int]:
    cols = math.ceil(math.sqrt(n))
    return math.ceil(n / cols), cols


def console_worker(
    urls: list[str],
    seconds: float,
    warmup: float,
    surface: tuple[int, int] = (TILE_W, TILE_H),
    origin: tuple[int, int] = (0, 0),
    measure_at: float | None = None,
) -> None:
    """Runs inside its own process: the console's tiles and players, prints JSON.

    ``origin`` places the grid on the screen; ``measure_at`` (time.monotonic(), which is one
    clock for all processes on Linux) starts the measurement at the same instant in every worker.
    """
    from PySide6.QtWidgets import QApplication

    from console.controllers.wall_controller import SUB_STREAM_DECODER_THREADS, TILES_PER_PROCESS
    from streams import StreamSpec, VideoEngine, VideoPlayer
    from streams.remote import RemotePlayer, VideoWorker
    from widgets.wall_grid import WallGridWidget

    app = QApplication(sys.argv[:1])
    tile_w, tile_h = surface
    rows, cols = grid_for(len(urls))
    grid = WallGridWidget()
    tiles = grid.set_grid(rows, cols, [(i // cols, i % cols, 1, 1) for i in range(len(urls))])
    # Video surfaces exactly at the sub stream's size, as on a wall of that density: measure
    # the frame and title bar around one surface, then size the grid to fit.
    for tile, url in zip(tiles, urls, strict=True):
        tile.set_camera(url.rsplit("/", 2)[-2], "")
    grid.setGeometry(origin[0], origin[1], cols * tile_w, rows * (tile_h + 24))
    grid.show()
    app.processEvents()
    extra_w = tiles[0].width() - tiles[0].surface.width()
    extra_h = tiles[0].height() - tiles[0].surface.height()
    spacing, margins = 2, 4
    width = cols * (tile_w + extra_w) + (cols - 1) * spacing + margins
    height = rows * (tile_h + extra_h) + (rows - 1) * spacing + margins
    # Converge on every surface being exactly tile_w x tile_h: a surface one pixel off the
    # others would make the two players do different work.
    first_row = tiles[:cols]
    first_col = tiles[::cols]
    for _ in range(4):
        grid.setGeometry(origin[0], origin[1], width, height)
        app.processEvents()
        width += sum(tile_w - t.surface.width() for t in first_row)
        height += sum(tile_h - t.surface.height() for t in first_col)
    extra = [a for a in os.environ.get("BENCH_VLC_ARGS", "").split() if a]
    engines = [
        VideoEngine(extra_args=extra) for _ in range(int(os.environ.get("BENCH_INSTANCES", 1)))
    ]
    # As the wall controller does it: more tiles than TILES_PER_PROCESS play in video worker
    # processes, that many to a process (BENCH_TILES_PER_PROCESS=0: all in this process).
    per_process = int(os.environ.get("BENCH_TILES_PER_PROCESS", TILES_PER_PROCESS))
    workers: list[VideoWorker] = []
    if 0 < per_process < len(urls):
        options = {"rtsp_mode": engines[0].rtsp_mode, "extra_args": list(engines[0].args)}
        workers = [VideoWorker(options) for _ in range(math.ceil(len(urls) / per_process))]
    players: list[Any] = []
    for i, (tile, url) in enumerate(zip(tiles, urls, strict=True)):
        if workers:
            player = RemotePlayer(workers[i % len(workers)])
        else:
            player = VideoPlayer(engines[i % len(engines)])
        player.set_window(tile.surface_window_id())
        # The console's own decode budget: one libavcodec thread per sub stream (see stream_for).
        threads = SUB_STREAM_DECODER_THREADS if url.endswith("/sub") else 0
        threads = int(os.environ.get("BENCH_DECODER_THREADS", threads))
        player.play(StreamSpec(url=url, decoder_threads=threads))
        players.append(player)

    def spin(duration: float) -> None:
        end = time.monotonic() + duration
        while time.monotonic() < end:
            app.processEvents()
            now = time.monotonic()
            for p in players:
                p.poll(now)
            time.sleep(0.1)

    spin(warmup if measure_at is None else max(0.0, measure_at - time.monotonic()))
    start = [(p.displayed_frames, p.lost_frames) for p in players]
    print(json.dumps({"event": "measure"}), flush=True)
    spin(seconds)
    result = {
        "displayed": [p.displayed_frames - s[0] for p, s in zip(players, start, strict=True)],
        "lost": [p.lost_frames - s[1] for p, s in zip(players, start, strict=True)],
        "states": [p.state.value for p in players],
        "failed_attempts": [p.health.attempt for p in players],
        "last_errors": sorted({p.health.last_error for p in players if p.health.last_error}),
        "tile_size": [tiles[0].surface.width(), tiles[0].surface.height()],
        "surface_sizes": sorted({(t.surface.width(), t.surface.height()) for t in tiles}),
    }
    print(json.dumps({"event": "result", **result}), flush=True)
    # Stay alive (and playing) until the parent has read every worker's CPU and memory.
    sys.stdin.readline()
    for p in players:
        p.close()
    for worker in workers:
        worker.close()
    for engine in engines:
        engine.close()


def run_console(
    urls: list[str],
    fps: int,
    seconds: float,
    warmup: float,
    env: dict[str, str],
    size: tuple[int, int],
    procs: int = 1,
) -> dict[str, Any]:
    """The console's tiles in one process (as the console runs), or split over ``procs`` worker
    processes (an experiment: does one process holding every pipeline cost frames?)."""
    chunks = [urls[i::procs] for i in range(procs) if urls[i::procs]]
    _, meta_cols = grid_for(len(chunks))
    measure_at = time.monotonic() + warmup
    workers = []
    for i, chunk in enumerate(chunks):
        rows, cols = grid_for(len(chunk))
        origin = (
            (i % meta_cols) * cols * (size[0] + 8),
            (i // meta_cols) * rows * (size[1] + 32),
        )
        cmd = [
            sys.executable,
            __file__,
            "--worker",
            "--seconds",
            str(seconds),
            "--surface",
            f"{size[0]}x{size[1]}",
            "--origin",
            f"{origin[0]},{origin[1]}",
            "--measure-at",
            repr(measure_at),
            *chunk,
        ]
        workers.append(
            subprocess.Popen(
                cmd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                env=env,
            )
        )
    window = CpuWindow([w.pid for w in workers])
    xwindow = CpuWindow([XVFB_PID])
    time.sleep(max(0.0, measure_at - time.monotonic()))
    window.begin()
    xwindow.begin()
    results: list[dict[str, Any]] = []
    cpu = rss = xcpu = 0.0
    for w in workers:
        assert w.stdout is not None
        for line in w.stdout:
            msg = json.loads(line)
            if msg["event"] == "result":
                results.append(msg)
                break
    cpu, rss = window.end()
    xcpu, _ = xwindow.end()
    for w in workers:
        assert w.stdin is not None
        w.stdin.write("done\n")
        w.stdin.flush()
    for w in workers:
        w.wait(30)

    def joined(key: str) -> list[Any]:
        return [v for r in results for v in r.get(key, [])]

    sent = fps * seconds
    ratios = [d / sent for d in joined("displayed")]
    states = joined("states")
    return {
        "processes": len(chunks),
        "cpu_pct": round(cpu, 1),
        "xvfb_cpu_pct": round(xcpu, 1),
        "cpu_with_x_pct": round(cpu + xcpu, 1),
        "pss_mib": round(rss, 1),
        "pss_mib_per_tile": round(rss / max(1, len(urls)), 1),
        "displayed_over_sent_min": round(min(ratios), 3) if ratios else 0.0,
        "displayed_over_sent_mean": round(sum(ratios) / len(ratios), 3) if ratios else 0.0,
        "lost_total": sum(joined("lost")),
        "live_tiles": states.count("live"),
        "tiles_reconnecting_or_retried": sum(1 for a in joined("failed_attempts") if a),
        "last_errors": sorted(set(joined("last_errors"))),
        "shown_over_sent_per_tile": [round(r, 2) for r in ratios],
        "lost_per_tile": joined("lost"),
        "states": states,
        "tile_size": results[0].get("tile_size") if results else None,
        "surface_sizes": sorted({tuple(x) for r in results for x in r.get("surface_sizes", [])}),
    }


def vlc_displayed(proc: subprocess.Popen[str]) -> int | None:
    """Displayed pictures so far, asked through cvlc's rc interface on its stdin."""
    assert proc.stdin is not None
    assert proc.stdout is not None
    try:
        proc.stdin.write("stats\n")
        proc.stdin.flush()
    except OSError:
        return None
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            return None
        if "displayed" in line and ":" in line:
            try:
                return int(line.split(":", 1)[1].strip().split()[0])
            except ValueError:
                return None
    return None


class TileWindows:
    """Plain X windows laid out as a wall's tiles, for the cvlc players to draw into.

    cvlc's own windows all open at (0, 0) without a window manager (it ignores --video-x/y) and
    re-place themselves when the video starts; stacked windows would let the X server skip
    copying the covered ones. So the bench owns the windows, as the console's tiles own theirs,
    and each cvlc gets one with ``--drawable-xid``. Made with libxcb through ctypes.
    """

    def __init__(self, display: str, geometries: list[tuple[int, int, int, int]]) -> None:
        xcb = ctypes.CDLL("libxcb.so.1")
        xcb.xcb_connect.restype = ctypes.c_void_p
        xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
        xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
        xcb.xcb_generate_id.restype = ctypes.c_uint32
        xcb.xcb_generate_id.argtypes = [ctypes.c_void_p]
        u32, u16, i16 = ctypes.c_uint32, ctypes.c_uint16, ctypes.c_int16
        xcb.xcb_create_window.restype = ctypes.c_uint
        xcb.xcb_create_window.argtypes = [
            ctypes.c_void_p,  # connection
            ctypes.c_uint8,  # depth (0: the parent's)
            u32,  # window id
            u32,  # parent
            i16,  # x
            i16,  # y
            u16,  # width
            u16,  # height
            u16,  # border width
            u16,  # class (1: InputOutput)
            u32,  # visual (0: the parent's)
            u32,  # value mask
            ctypes.c_void_p,  # values
        ]
        xcb.xcb_map_window.argtypes = [ctypes.c_void_p, u32]
        xcb.xcb_flush.argtypes = [ctypes.c_void_p]
        xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
        self._xcb = xcb
        self._conn = xcb.xcb_connect(display.encode(), None)
        if not self._conn or xcb.xcb_connection_has_error(self._conn):
            raise RuntimeError(f"cannot connect to X display {display}")
        root = _root_window(display)
        back_pixel = 2  # XCB_CW_BACK_PIXEL: black, as a tile's surface
        black = (ctypes.c_uint32 * 1)(0)
        self.ids: list[int] = []
        for x, y, w, h in geometries:
            wid = xcb.xcb_generate_id(self._conn)
            xcb.xcb_create_window(self._conn, 0, wid, root, x, y, w, h, 0, 1, 0, back_pixel, black)
            xcb.xcb_map_window(self._conn, wid)
            self.ids.append(wid)
        xcb.xcb_flush(self._conn)

    def close(self) -> None:
        if self._conn:
            self._xcb.xcb_disconnect(self._conn)  # the server destroys the windows
            self._conn = None


def _root_window(display: str) -> int:
    out = subprocess.run(
        ["xwininfo", "-root"],
        capture_output=True,
        text=True,
        env={**os.environ, "DISPLAY": display},
        check=True,
        timeout=10,
    ).stdout
    for line in out.splitlines():
        if "Window id:" in line:
            return int(line.split("Window id:")[1].split()[0], 16)
    raise RuntimeError(f"no root window id in xwininfo's answer: {out!r}")


def run_vlc(
    urls: list[str],
    fps: int,
    seconds: float,
    warmup: float,
    env: dict[str, str],
    size: tuple[int, int],
) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="bench-vlc-"))
    os.chmod(tmp, 0o777)
    relays: list[subprocess.Popen[bytes]] = []
    players: list[subprocess.Popen[str]] = []
    as_nobody = (
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
    )
    _, cols = grid_for(len(urls))
    tiles = TileWindows(
        env["DISPLAY"],
        [
            ((i % cols) * (size[0] + 8), (i // cols) * (size[1] + 8), size[0], size[1])
            for i in range(len(urls))
        ],
    )
    for i, url in enumerate(urls):
        fifo = tmp / f"v{i}.ts"
        os.mkfifo(fifo)
        os.chmod(fifo, 0o666)
        players.append(
            subprocess.Popen(
                [
                    *as_nobody,
                    "cvlc",
                    "--no-xlib",
                    "--vout=xcb_x11",
                    "--no-audio",
                    "--no-video-title-show",
                    "--no-osd",
                    f"--drawable-xid={tiles.ids[i]}",
                    f"--width={size[0]}",
                    f"--height={size[1]}",
                    "--file-caching=300",
                    "--intf",
                    "rc",
                    "--rc-fake-tty",
                    f"file://{fifo}",
                ],
                env={**env, "HOME": str(tmp)},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
        )
        relays.append(
            subprocess.Popen(
                [
                    "ffmpeg",
                    "-nostdin",
                    "-loglevel",
                    "error",
                    "-rtsp_transport",
                    "tcp",
                    "-analyzeduration",
                    "0",
                    "-probesize",
                    "32",
                    "-i",
                    url,
                    "-map",
                    "0:v:0",
                    "-c",
                    "copy",
                    "-f",
                    "mpegts",
                    "-y",
                    str(fifo),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
    time.sleep(warmup)
    window = CpuWindow([p.pid for p in players] + [r.pid for r in relays])
    xwindow = CpuWindow([XVFB_PID])
    first = [vlc_displayed(p) for p in players]
    window.begin()
    xwindow.begin()
    time.sleep(seconds)
    cpu, rss = window.end()
    xcpu, _ = xwindow.end()
    last = [vlc_displayed(p) for p in players]
    for proc in [*relays, *players]:
        proc.terminate()
    for proc in [*relays, *players]:
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    tiles.close()
    shutil.rmtree(tmp, ignore_errors=True)
    sent = fps * seconds
    ratios = [
        (b - a) / sent for a, b in zip(first, last, strict=True) if a is not None and b is not None
    ]
    return {
        "cpu_pct": round(cpu, 1),
        "xvfb_cpu_pct": round(xcpu, 1),
        "cpu_with_x_pct": round(cpu + xcpu, 1),
        "pss_mib": round(rss, 1),
        "displayed_over_sent_min": round(min(ratios), 3) if ratios else None,
        "displayed_over_sent_mean": round(sum(ratios) / len(ratios), 3) if ratios else None,
        "players_reporting": len(ratios),
    }


def run_ffmpeg_floor(urls: list[str], seconds: float, warmup: float) -> dict[str, Any]:
    procs = [
        subprocess.Popen(
            [
                "ffmpeg",
                "-nostdin",
                "-loglevel",
                "error",
                "-threads",
                "1",
                "-rtsp_transport",
                "tcp",
                "-i",
                url,
                "-map",
                "0:v:0",
                "-f",
                "null",
                "-",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for url in urls
    ]
    time.sleep(warmup)
    window = CpuWindow([p.pid for p in procs])
    window.begin()
    time.sleep(seconds)
    cpu, rss = window.end()
    for p in procs:
        p.terminate()
    for p in procs:
        p.wait(10)
    return {"cpu_pct": round(cpu, 1), "pss_mib": round(rss, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tiles", type=int, nargs="+", default=[4, 9, 16, 25, 36, 49, 64])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=4.0)
    parser.add_argument("--scenarios", nargs="+", default=["console", "naive", "vlc", "ffmpeg"])
    parser.add_argument(
        "--naive-max", type=int, default=16, help="largest N for the naive (all main) run"
    )
    parser.add_argument(
        "--surface",
        default=f"{TILE_W}x{TILE_H}",
        help="video surface size WxH (default: the sub stream's size, so nothing is scaled)",
    )
    parser.add_argument(
        "--console-procs",
        type=int,
        default=1,
        help="split the console's tiles over this many processes (an experiment; the console "
        "itself runs one)",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--origin", default="0,0", help=argparse.SUPPRESS)
    parser.add_argument("--measure-at", type=float, default=None, help=argparse.SUPPRESS)
    parser.add_argument("urls", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    size = tuple(int(v) for v in args.surface.lower().split("x"))
    assert len(size) == 2, "--surface takes WxH"
    if args.worker:
        ox, oy = (int(v) for v in args.origin.split(","))
        console_worker(args.urls, args.seconds, args.warmup, size, (ox, oy), args.measure_at)
        return 0

    display = VirtualDisplay(8 * (size[0] + 8), 8 * (size[1] + 32))
    env = {**os.environ, "DISPLAY": display.start(), "QT_QPA_PLATFORM": "xcb"}
    media = MediaServerProcess(demo_media_cameras(), cache_dir=MEDIA_CACHE)
    media.start()
    media.wait_ready(COLD_CACHE_READY_TIMEOUT_S)
    cams = [c.id for c in demo_media_cameras()]
    report: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "seconds": args.seconds,
        "screen": f"{8 * (size[0] + 8)}x{8 * (size[1] + 32)} Xvfb, video surfaces "
        f"{size[0]}x{size[1]}",
        "libvlc_extra_args": os.environ.get("BENCH_VLC_ARGS", ""),
        "console_procs": args.console_procs,
        "runs": [],
    }
    global XVFB_PID
    try:
        XVFB_PID = int(
            subprocess.run(
                ["pgrep", "-f", f"Xvfb {env['DISPLAY']} "], capture_output=True, text=True
            ).stdout.split()[0]
        )
        for n in args.tiles:
            sub_urls = [media.url(cams[i % len(cams)], "sub") for i in range(n)]
            main_urls = [media.url(cams[i % len(cams)], "main") for i in range(n)]
            rows, cols = grid_for(n)
            run: dict[str, Any] = {"tiles": n, "grid": f"{rows}x{cols}"}
            for scenario in args.scenarios:
                if scenario == "naive" and n > args.naive_max:
                    continue
                if scenario == "console":
                    figures = run_console(
                        sub_urls, SUB_FPS, args.seconds, args.warmup, env, size, args.console_procs
                    )
                elif scenario == "naive":
                    figures = run_console(main_urls, MAIN_FPS, args.seconds, args.warmup, env, size)
                elif scenario == "vlc":
                    figures = run_vlc(sub_urls, SUB_FPS, args.seconds, args.warmup, env, size)
                else:
                    figures = run_ffmpeg_floor(sub_urls, args.seconds, args.warmup)
                run[scenario] = figures
                print(json.dumps({"tiles": n, scenario: figures}), file=sys.stderr, flush=True)
            if "console" in run and "vlc" in run and run["vlc"]["cpu_pct"]:
                run["console_cpu_over_vlc"] = round(
                    run["console"]["cpu_pct"] / run["vlc"]["cpu_pct"], 2
                )
                run["console_cpu_with_x_over_vlc"] = round(
                    run["console"]["cpu_with_x_pct"] / max(0.1, run["vlc"]["cpu_with_x_pct"]), 2
                )
            if "console" in run and "naive" in run and run["naive"]["cpu_pct"]:
                run["adaptive_cpu_over_naive"] = round(
                    run["console"]["cpu_pct"] / run["naive"]["cpu_pct"], 2
                )
            report["runs"].append(run)
    finally:
        media.stop()
        display.stop()
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
