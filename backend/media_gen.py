"""Demo camera footage: looped H.264 elementary streams made once with ffmpeg and cached.

Every demo camera gets two Annex-B files, ``main`` (1280x720 @ 25 fps, ~1.5 Mbit/s) and ``sub``
(640x360 @ 15 fps, ~400 kbit/s), both cut from one lavfi test pattern with the camera label and a
running clock burnt in. The encoding is chosen so the RTSP server can loop the files without
touching a decoder: a 1 s GOP, no B-frames, SPS/PPS repeated before every IDR and an access unit
delimiter (AUD) opening every access unit, so splitting a file into frames is a byte search.

This module is stdlib-only on purpose: it runs under the system interpreter inside
``backend/media_server.py`` as well as under the project venv (tests, the reference backend).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol

__all__ = [
    "DEFAULT_LOOP_SECONDS",
    "FONT_PATH",
    "STREAMS",
    "CameraLike",
    "MediaGenerationError",
    "StreamFormat",
    "ensure_media",
    "is_idr",
    "split_access_units",
]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StreamFormat:
    """Encoding parameters of one of a camera's two streams."""

    width: int
    height: int
    fps: int
    bitrate_kbit: int


# Picked by measurement: 20 s of both streams costs about 4 s of one core per camera (67 s of CPU
# for 16), so a cold cache is ready in 35-40 s on two cores, about a minute when they are busy.
DEFAULT_LOOP_SECONDS: Final = 20
STREAMS: Final[Mapping[str, StreamFormat]] = {
    "main": StreamFormat(width=1280, height=720, fps=25, bitrate_kbit=1500),
    "sub": StreamFormat(width=640, height=360, fps=15, bitrate_kbit=400),
}
FONT_PATH: Final = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# Bump when the filter graph or encoder settings change in a way the parameters below miss.
_GENERATOR_VERSION: Final = 4
_PATTERNS: Final = ("testsrc2", "bars", "life", "mandelbrot")
# superfast costs 30 % less CPU than veryfast at the same bitrate; on test patterns the loss is
# invisible, and it keeps a cold 16-camera cache well inside a minute on two busy cores.
_X264_PRESET: Final = "superfast"
_FFMPEG_TIMEOUT_S: Final = 300.0
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")
# util-linux (essential on Debian) sets PR_SET_PDEATHSIG before exec'ing ffmpeg, so an encoder
# never outlives a killed generator (subprocess's preexec_fn is unsafe with worker threads).
_SETPRIV = shutil.which("setpriv")
_DIE_WITH_PARENT: Final = (_SETPRIV, "--pdeathsig", "KILL") if _SETPRIV else ()


class MediaGenerationError(RuntimeError):
    """ffmpeg is missing or failed to encode a camera's footage."""


class CameraLike(Protocol):
    """Anything with a camera ``id`` and ``label`` (MediaCamera, the contract's Camera, ...)."""

    @property
    def id(self) -> str: ...

    @property
    def label(self) -> str: ...


def _camera_fields(camera: CameraLike | Mapping[str, Any]) -> tuple[str, str]:
    if isinstance(camera, Mapping):
        return str(camera["id"]), str(camera["label"])
    return str(camera.id), str(camera.label)


def _escape_filter_value(value: str) -> str:
    """Escape text for a filter option inside a ``-filter_complex`` graph.

    FFmpeg unescapes twice: once when splitting the graph into filters and once when splitting a
    filter's ``key=value`` options, so a label like ``Gate 3: North`` needs both levels.
    """
    option_level = re.sub(r"([\\':])", r"\\\1", value)
    return re.sub(r"([\\'\[\],;])", r"\\\1", option_level)


def _font_option() -> str:
    if FONT_PATH.is_file():
        return f"fontfile={_escape_filter_value(str(FONT_PATH))}"
    # Without fonts-dejavu-core let fontconfig pick any sans face rather than fail the demo.
    return "font=Sans"


def _label_font_size(label: str) -> int:
    """Large, but small enough that a long label (``cam-007  Phố đi bộ ...``) fits the width."""
    # DejaVu Sans averages about 0.58 em per character; 1180 px leaves the margins and box border.
    return max(24, min(72, int(1180 / (0.58 * max(len(label), 1)))))


def _pattern_source(pattern: str, hue: int, seconds: int, fps: int) -> str:
    """A lavfi source chain (graph text ending in an unlabelled pad) for one camera's look."""
    size = f"{STREAMS['main'].width}x{STREAMS['main'].height}"
    if pattern == "testsrc2":
        return f"testsrc2=s={size}:r={fps}:d={seconds},hue=h={hue}"
    if pattern == "bars":
        box_colour = f"0x{_hue_to_rgb(hue)}"
        return (
            f"smptehdbars=s={size}:r={fps}:d={seconds}[bars];"
            f"color=c={box_colour}:s=200x200:r={fps}:d={seconds}[box];"
            "[bars][box]overlay=x='(W-w)*(0.5+0.5*sin(t*1.3))'"
            ":y='(H-h)*(0.5+0.5*cos(t*0.9))':shortest=1"
        )
    if pattern == "life":
        # Rendered small and scaled up with nearest-neighbour: cheap, and cells stay crisp.
        return (
            f"life=s=320x180:r={fps}:mold=10:ratio=0.3:seed={hue}"
            f":life_color=0x{_hue_to_rgb(hue)}:death_color=0x202830:mold_color=0x403020,"
            f"trim=duration={seconds},scale={size}:flags=neighbor"
        )
    if pattern == "mandelbrot":
        return (
            f"mandelbrot=s=320x180:r={fps}:maxiter=200,trim=duration={seconds},"
            f"hue=H=t*0.6+{hue / 57.3:.3f},scale={size}"
        )
    raise ValueError(f"unknown pattern {pattern!r}")


def _hue_to_rgb(hue: int) -> str:
    """A saturated colour for a hue in degrees, as RRGGBB."""
    sector, remainder = divmod(hue % 360, 60)
    rising = round(255 * remainder / 60)
    falling = 255 - rising
    rgb = [
        (255, rising, 0),
        (falling, 255, 0),
        (0, 255, rising),
        (0, falling, 255),
        (rising, 0, 255),
        (255, 0, falling),
    ][sector]
    return "".join(f"{channel:02X}" for channel in rgb)


@dataclass(frozen=True)
class _Job:
    camera_id: str
    label: str
    seconds: int
    key: str
    paths: Mapping[str, Path]

    @property
    def _look(self) -> str:
        # The look hangs on the id alone, so a camera keeps its pattern when its label changes.
        return hashlib.sha256(self.camera_id.encode()).hexdigest()

    @property
    def pattern(self) -> str:
        return _PATTERNS[int(self._look[:8], 16) % len(_PATTERNS)]

    @property
    def hue(self) -> int:
        return int(self._look[8:16], 16) % 360


def _cache_key(camera_id: str, label: str, seconds: int) -> str:
    params = {
        "version": _GENERATOR_VERSION,
        "id": camera_id,
        "label": label,
        "seconds": seconds,
        "streams": {name: vars(fmt) for name, fmt in STREAMS.items()},
        "preset": _X264_PRESET,
        "font": str(FONT_PATH) if FONT_PATH.is_file() else "fontconfig:Sans",
    }
    return hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()


def _make_job(camera_id: str, label: str, seconds: int, cache_dir: Path) -> _Job:
    key = _cache_key(camera_id, label, seconds)
    stem = f"{_SAFE_NAME.sub('_', camera_id)[:40]}-{key[:16]}"
    paths = {name: cache_dir / f"{stem}.{name}.h264" for name in STREAMS}
    return _Job(camera_id=camera_id, label=label, seconds=seconds, key=key, paths=paths)


def _ffmpeg_command(ffmpeg: str, job: _Job, outputs: Mapping[str, Path]) -> list[str]:
    main, sub = STREAMS["main"], STREAMS["sub"]
    font = _font_option()
    label = _escape_filter_value(job.label)
    clock = _escape_filter_value("%{pts:hms}")
    # Text is drawn at main resolution and scaled down with the picture, so the sub stream shows
    # the same layout at half size.
    graph = (
        # The source runs a second longer than the loop and each output is cut to an exact frame
        # count below: the fps filter can lose a last frame, and a loop must be whole GOPs.
        f"{_pattern_source(job.pattern, job.hue, job.seconds + 1, main.fps)},format=yuv420p,"
        f"drawtext={font}:expansion=none:text={label}:fontsize={_label_font_size(job.label)}"
        ":fontcolor=white"
        ":box=1:boxcolor=black@0.6:boxborderw=12:x=w-tw-36:y=h-th-36,"
        f"drawtext={font}:text={clock}:fontsize=44:fontcolor=yellow"
        ":box=1:boxcolor=black@0.6:boxborderw=8:x=w-tw-36:y=36,"
        "split=2[main][full];"
        f"[full]fps={sub.fps},scale={sub.width}:{sub.height}[sub]"
    )
    command = [ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y"]
    command += ["-filter_complex", graph]
    for name, label_pad in (("main", "[main]"), ("sub", "[sub]")):
        fmt = STREAMS[name]
        command += [
            "-map", label_pad,
            "-frames:v", str(fmt.fps * job.seconds),
            "-c:v", "libx264",
            "-preset", _X264_PRESET,
            "-profile:v", "main",
            "-pix_fmt", "yuv420p",
            "-b:v", f"{fmt.bitrate_kbit}k",
            "-maxrate", f"{fmt.bitrate_kbit}k",
            "-bufsize", f"{fmt.bitrate_kbit}k",
            "-g", str(fmt.fps),
            "-keyint_min", str(fmt.fps),
            "-sc_threshold", "0",
            "-bf", "0",
            # aud: every access unit opens with an AUD, the server splits on it.
            # repeat-headers: SPS/PPS before every IDR, so any GOP can start a stream.
            "-x264-params",
            f"aud=1:repeat-headers=1:scenecut=0:bframes=0:keyint={fmt.fps}:min-keyint={fmt.fps}",
            # One encoder thread each: two ffmpeg processes already fill the two cores.
            "-threads", "1",
            "-f", "h264",
            str(outputs[name]),
        ]  # fmt: skip
    return command


def _generate(ffmpeg: str, job: _Job) -> None:
    temporaries = {
        name: path.with_name(f".{path.name}.{os.getpid()}.tmp") for name, path in job.paths.items()
    }
    try:
        started = time.monotonic()
        result = subprocess.run(
            [*_DIE_WITH_PARENT, *_ffmpeg_command(ffmpeg, job, temporaries)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=_FFMPEG_TIMEOUT_S,
            check=False,
        )
        if result.returncode != 0:
            tail = result.stderr.decode(errors="replace")[-2000:]
            raise MediaGenerationError(
                f"ffmpeg failed for camera {job.camera_id!r} (exit {result.returncode}): {tail}"
            )
        for name, temporary in temporaries.items():
            if temporary.stat().st_size == 0:
                raise MediaGenerationError(
                    f"ffmpeg wrote an empty {name} stream for {job.camera_id}"
                )
        # Rename only after both files are complete: a crash leaves temporaries, never a half
        # cached file. The sub file goes last because readiness is judged on both existing.
        for name in ("main", "sub"):
            os.replace(temporaries[name], job.paths[name])
        _log.info(
            "generated %s (%s, hue %d) in %.1f s",
            job.camera_id,
            job.pattern,
            job.hue,
            time.monotonic() - started,
        )
    except subprocess.TimeoutExpired as exc:
        raise MediaGenerationError(f"ffmpeg timed out for camera {job.camera_id!r}") from exc
    finally:
        for temporary in temporaries.values():
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()


def _is_cached(job: _Job) -> bool:
    return all(path.is_file() and path.stat().st_size > 0 for path in job.paths.values())


def ensure_media(
    cameras: Iterable[CameraLike | Mapping[str, Any]],
    cache_dir: Path,
    *,
    loop_seconds: int = DEFAULT_LOOP_SECONDS,
    jobs: int = 2,
    ffmpeg: str | None = None,
) -> dict[str, dict[str, Path]]:
    """Make (or find in ``cache_dir``) the looped main and sub H.264 files of every camera.

    ``cameras`` are objects or mappings with ``id`` and ``label``. File names carry a hash of the
    id, label, loop length and encoding parameters, so changing any of them regenerates that
    camera while the others stay cached; stale files are left alone because several processes
    (tests, the demo backend) may share one cache with different camera sets. Generation runs
    ``jobs`` ffmpeg processes at once under an exclusive lock on ``cache_dir/.lock``, so
    concurrent callers wait for each other instead of encoding twice.

    Returns ``{camera_id: {"main": Path, "sub": Path}}``. Raises MediaGenerationError when
    ffmpeg is missing or fails.
    """
    if loop_seconds < 1:
        raise ValueError("loop_seconds must be at least 1")
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    planned: dict[str, _Job] = {}
    for camera in cameras:
        camera_id, label = _camera_fields(camera)
        planned[camera_id] = _make_job(camera_id, label, loop_seconds, cache_dir)
    result = {camera_id: dict(job.paths) for camera_id, job in planned.items()}
    if all(_is_cached(job) for job in planned.values()):
        return result

    executable = ffmpeg or shutil.which("ffmpeg")
    if executable is None:
        raise MediaGenerationError("ffmpeg not found on PATH; install Debian's ffmpeg package")
    with (cache_dir / ".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        # Another process may have generated them while we waited for the lock.
        missing = [job for job in planned.values() if not _is_cached(job)]
        if missing:
            _remove_stale_temporaries(cache_dir)
            started = time.monotonic()
            _run_jobs(executable, missing, jobs)
            _log.info(
                "generated demo media for %d camera(s) in %.1f s",
                len(missing),
                time.monotonic() - started,
            )
    return result


def _remove_stale_temporaries(cache_dir: Path) -> None:
    # Called under the lock: any temporary present belongs to a generator that died mid-encode.
    for stale in cache_dir.glob(".*.h264.*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
            _log.info("removed stale temporary %s", stale.name)


def _run_jobs(ffmpeg: str, jobs_to_run: Sequence[_Job], parallel: int) -> None:
    with ThreadPoolExecutor(max_workers=max(1, parallel), thread_name_prefix="media-gen") as pool:
        futures = [pool.submit(_generate, ffmpeg, job) for job in jobs_to_run]
        errors = [future.exception() for future in futures]
    for error in errors:
        if error is not None:
            raise error


_START_CODE: Final = b"\x00\x00\x01"
_NAL_AUD: Final = 9
_NAL_IDR: Final = 5


def split_access_units(stream: bytes) -> list[bytes]:
    """Split an Annex-B H.264 stream whose access units each open with an AUD NAL.

    Emulation prevention guarantees ``00 00 01`` never occurs inside a NAL, so a byte search for
    a start code followed by an AUD header is exact. A leading zero byte (4-byte start code)
    stays with the unit it opens. Bytes before the first AUD are dropped.
    """
    starts: list[int] = []
    position = stream.find(_START_CODE)
    while position != -1:
        header = position + len(_START_CODE)
        if header < len(stream) and stream[header] & 0x1F == _NAL_AUD:
            starts.append(position - 1 if position > 0 and stream[position - 1] == 0 else position)
        position = stream.find(_START_CODE, header)
    ends = [*starts[1:], len(stream)]
    return [stream[start:end] for start, end in zip(starts, ends, strict=True)]


def is_idr(access_unit: bytes) -> bool:
    """Whether an Annex-B access unit holds an IDR slice."""
    position = access_unit.find(_START_CODE)
    while position != -1:
        header = position + len(_START_CODE)
        if header < len(access_unit) and access_unit[header] & 0x1F == _NAL_IDR:
            return True
        position = access_unit.find(_START_CODE, header)
    return False
