"""Continuous recording of every camera's main stream into short segments, and retention.

One FFmpeg per stream pulls RTSP over TCP and writes MPEG-TS segments without transcoding
(``-c copy``, the segment muxer): ``RECORD_DIR/STREAM_ID/20260101T101500Z.ts``. The name is the
wall-clock (UTC) second the segment opened; it ends when the file was last written (its mtime).
MPEG-TS rather than MP4 because a killed recorder leaves a playable file (MP4 needs its index
written at the end); exports remux the TS segments into MP4 (:func:`cut_clip`).

A recorder that dies is restarted with backoff; one dead camera never stops the others.
Retention (:func:`prune`) deletes segments older than the window unless an evidence lock
covers them. This module knows no database: locks come in as plain ranges.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import shutil
import signal
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final

log = logging.getLogger(__name__)

SEGMENT_SUFFIX: Final = ".ts"
NAME_FORMAT: Final = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^(\d{8}T\d{6}Z)\.ts$")
_STREAM_ID = re.compile(r"^[A-Za-z0-9._~-]+$")
RESTART_MIN_S: Final = 1.5
RESTART_MAX_S: Final = 30.0
STOP_GRACE_S: Final = 3.0
CUT_TIMEOUT_S: Final = 300.0
# util-linux sets PR_SET_PDEATHSIG before exec'ing ffmpeg: no recorder outlives a killed backend.
_SETPRIV = shutil.which("setpriv")
_DIE_WITH_PARENT: Final = (_SETPRIV, "--pdeathsig", "KILL") if _SETPRIV else ()


class ClipError(RuntimeError):
    """A clip could not be cut (no recording in the range, or FFmpeg failed)."""


@dataclass(frozen=True)
class Segment:
    """One recorded file and the wall-clock range it covers."""

    path: Path
    start: datetime
    end: datetime
    size: int


@dataclass(frozen=True)
class TimeRange:
    """A half-open range of wall-clock time (evidence locks, requested clips)."""

    start: datetime
    end: datetime

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start < end and start < self.end


def record_command(ffmpeg: str, url: str, directory: Path, segment_s: float) -> list[str]:
    """The FFmpeg command line that records ``url`` into segments under ``directory``."""
    return [
        *_DIE_WITH_PARENT, ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin",
        "-rtsp_transport", "tcp", "-i", url,
        "-map", "0:v", "-c", "copy",
        "-f", "segment", "-segment_time", f"{segment_s:g}", "-segment_format", "mpegts",
        # Each segment starts at timestamp 0: a clip's in/out points are offsets into the file.
        "-reset_timestamps", "1", "-strftime", "1",
        str(directory / f"%Y%m%dT%H%M%SZ{SEGMENT_SUFFIX}"),
    ]  # fmt: skip


def list_segments(directory: Path) -> list[Segment]:
    """The segments in ``directory``, oldest first (an empty list when there is none)."""
    found: list[tuple[datetime, Path, os.stat_result]] = []
    try:
        entries = list(os.scandir(directory))
    except FileNotFoundError:
        return []
    for entry in entries:
        match = _NAME.match(entry.name)
        if match is None:
            continue
        try:
            st = entry.stat()
        except FileNotFoundError:
            continue  # pruned meanwhile
        if st.st_size == 0:
            continue
        start = datetime.strptime(match.group(1), NAME_FORMAT).replace(tzinfo=UTC)
        found.append((start, Path(entry.path), st))
    found.sort(key=lambda item: item[0])
    segments: list[Segment] = []
    for index, (start, path, st) in enumerate(found):
        end = datetime.fromtimestamp(st.st_mtime, UTC)
        if index + 1 < len(found):
            # A segment ends where the next begins, if its last write came later than that.
            end = min(end, found[index + 1][0])
        segments.append(Segment(path, start, max(end, start), st.st_size))
    return segments


def spans(segments: Sequence[Segment], gap_s: float = 2.0) -> list[TimeRange]:
    """Merge segments into continuous spans (a gap longer than ``gap_s`` starts a new one)."""
    merged: list[TimeRange] = []
    for seg in segments:
        if merged and (seg.start - merged[-1].end).total_seconds() <= gap_s:
            merged[-1] = TimeRange(merged[-1].start, max(merged[-1].end, seg.end))
        else:
            merged.append(TimeRange(seg.start, seg.end))
    return merged


def prune(
    directory: Path, *, now: datetime, retention: timedelta, locks: Iterable[TimeRange]
) -> list[Path]:
    """Delete segments that ended before ``now - retention`` and overlap no lock.

    The newest segment is never deleted (it may still be being written). Returns what went.
    """
    cutoff = now - retention
    kept_ranges = list(locks)
    removed: list[Path] = []
    segments = list_segments(directory)
    for seg in segments[:-1]:
        if seg.end >= cutoff:
            break
        if any(lock.overlaps(seg.start, seg.end) for lock in kept_ranges):
            continue
        with contextlib.suppress(FileNotFoundError):
            seg.path.unlink()
            removed.append(seg.path)
    return removed


def concat_list(segments: Sequence[Segment], start: datetime, end: datetime) -> str:
    """An ffconcat script for ``segments`` trimmed to ``[start, end]`` with in/out points."""
    lines = ["ffconcat version 1.0"]
    for index, seg in enumerate(segments):
        escaped = str(seg.path).replace("'", "'\\''")
        lines.append(f"file '{escaped}'")
        if index == 0 and start > seg.start:
            lines.append(f"inpoint {(start - seg.start).total_seconds():.3f}")
        if index == len(segments) - 1 and end < seg.end:
            lines.append(f"outpoint {(end - seg.start).total_seconds():.3f}")
    return "\n".join(lines) + "\n"


def covering(segments: Sequence[Segment], start: datetime, end: datetime) -> list[Segment]:
    """The segments that overlap ``[start, end)``, oldest first."""
    return [s for s in segments if s.start < end and start < s.end]


async def cut_clip(
    ffmpeg: str, segments: Sequence[Segment], start: datetime, end: datetime, dest: Path
) -> TimeRange:
    """Remux the recording between ``start`` and ``end`` into the MP4 ``dest`` (``-c copy``).

    Without transcoding a clip starts at the key frame at or before ``start`` (within a GOP).
    Returns the range the clip actually covers; raises :class:`ClipError`.
    """
    parts = covering(segments, start, end)
    if not parts:
        raise ClipError("no recording in the requested range")
    script = dest.with_name(f".{dest.name}.ffconcat")
    script.write_text(concat_list(parts, start, end), encoding="utf-8")
    tmp = dest.with_name(f".{dest.name}.part.mp4")
    command = [
        *_DIE_WITH_PARENT, ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
        "-f", "concat", "-safe", "0", "-i", str(script),
        "-map", "0:v", "-c", "copy", "-avoid_negative_ts", "make_zero",
        "-movflags", "+faststart", "-f", "mp4", str(tmp),
    ]  # fmt: skip
    try:
        proc = await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            async with asyncio.timeout(CUT_TIMEOUT_S):
                _, stderr = await proc.communicate()
        finally:
            if proc.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                await proc.wait()
        if proc.returncode != 0 or not tmp.is_file() or tmp.stat().st_size == 0:
            tail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise ClipError(f"ffmpeg could not cut the clip (exit {proc.returncode}): {tail[0]}")
        os.replace(tmp, dest)
    except OSError as exc:
        raise ClipError(f"cannot run {ffmpeg}: {exc}") from exc
    finally:
        script.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)
    return TimeRange(max(start, parts[0].start), min(end, parts[-1].end))


class StreamRecorder:
    """One stream's FFmpeg, restarted with backoff whenever it exits."""

    def __init__(
        self, stream_id: str, url: str, directory: Path, *, ffmpeg: str, segment_s: float
    ) -> None:
        if not _STREAM_ID.match(stream_id):
            raise ValueError(f"stream id {stream_id!r} is not usable as a folder name")
        self.stream_id = stream_id
        self.url = url
        self.directory = directory
        self.ffmpeg = ffmpeg
        self.segment_s = segment_s
        self.restarts = 0
        self.running = False
        self._proc: asyncio.subprocess.Process | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start supervising (on the loop thread: the child's death signal follows it)."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=f"record-{self.stream_id}")

    async def _run(self) -> None:
        delay = RESTART_MIN_S
        self.directory.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "TZ": "UTC"}  # strftime in segment names is local time otherwise
        while True:
            started = time.monotonic()
            try:
                self._proc = await asyncio.create_subprocess_exec(
                    *record_command(self.ffmpeg, self.url, self.directory, self.segment_s),
                    stdin=asyncio.subprocess.DEVNULL,
                    stdout=asyncio.subprocess.DEVNULL,
                    stderr=asyncio.subprocess.PIPE,
                    env=env,
                )
            except OSError as exc:
                log.error("cannot start the recorder of %s: %s", self.stream_id, exc)
            else:
                self.running = True
                _, stderr = await self._proc.communicate()
                self.running = False
                tail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
                log.warning(
                    "recorder of %s exited with %s: %s",
                    self.stream_id,
                    self._proc.returncode,
                    tail[0],
                )
            if time.monotonic() - started > 60:
                delay = RESTART_MIN_S  # it ran fine for a while: restart promptly
            # At least a second: a new segment must not reuse the last one's name (1 s names).
            await asyncio.sleep(delay)
            delay = min(delay * 2, RESTART_MAX_S)
            self.restarts += 1

    async def stop(self) -> None:
        """Stop FFmpeg (SIGTERM, then SIGKILL after a grace period) and the supervisor."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        proc, self._proc = self._proc, None
        self.running = False
        if proc is not None and proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(proc.wait(), STOP_GRACE_S)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                await proc.wait()


class Recorder:
    """Every stream's recorder, the segment store and the retention loop."""

    def __init__(
        self,
        root: Path,
        *,
        ffmpeg: str = "ffmpeg",
        segment_s: float = 10.0,
        retention: timedelta = timedelta(hours=24),
    ) -> None:
        self.root = root
        self.ffmpeg = ffmpeg
        self.segment_s = segment_s
        self.retention = retention
        self.streams: dict[str, StreamRecorder] = {}

    def directory(self, stream_id: str) -> Path:
        if not _STREAM_ID.match(stream_id):
            raise ValueError(f"bad stream id {stream_id!r}")
        return self.root / stream_id

    def start(self, urls: dict[str, str]) -> None:
        """Record each ``stream_id -> RTSP URL`` not recorded yet."""
        for stream_id, url in urls.items():
            if stream_id in self.streams:
                continue
            rec = StreamRecorder(
                stream_id,
                url,
                self.directory(stream_id),
                ffmpeg=self.ffmpeg,
                segment_s=self.segment_s,
            )
            self.streams[stream_id] = rec
            rec.start()
        if urls:
            log.info(
                "recording %d stream(s) into %s (%.0f s segments)",
                len(urls),
                self.root,
                self.segment_s,
            )

    @property
    def active(self) -> bool:
        return bool(self.streams)

    async def stop(self) -> None:
        streams, self.streams = list(self.streams.values()), {}
        await asyncio.gather(*(s.stop() for s in streams))

    def segments(self, stream_id: str) -> list[Segment]:
        return list_segments(self.directory(stream_id))

    def prune_all(self, now: datetime, locks: dict[str, list[TimeRange]]) -> int:
        """Apply retention to every stream folder on disk (blocking: run it in a thread)."""
        removed = 0
        if not self.root.is_dir():
            return 0
        for entry in os.scandir(self.root):
            if entry.is_dir() and _STREAM_ID.match(entry.name):
                removed += len(
                    prune(
                        Path(entry.path),
                        now=now,
                        retention=self.retention,
                        locks=locks.get(entry.name, ()),
                    )
                )
        if removed:
            log.info("retention: removed %d segment(s) older than %s", removed, self.retention)
        return removed
