"""Alert snapshots: one JPEG frame grabbed from a camera's sub stream with ffmpeg.

A grab is an asyncio subprocess with a hard deadline (about 6 s, including any wait for a free
grab slot), so a dead camera costs an alert at most that much delay and never blocks anything
else. Files live under ``DATA_DIR/snapshots/YYYYMMDD/``; the database keeps the relative path.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)


class SnapshotError(RuntimeError):
    """A frame could not be grabbed; the message says why."""


@dataclass
class SnapshotCounters:
    taken: int = 0
    failures: int = 0


def grab_command(ffmpeg: str, url: str, dest: Path) -> list[str]:
    """The ffmpeg command line that writes one frame of ``url`` to ``dest``."""
    return [
        ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin",
        "-rtsp_transport", "tcp", "-i", url,
        "-frames:v", "1", "-q:v", "4", "-f", "image2", "-y", str(dest),
    ]  # fmt: skip


async def grab_frame(ffmpeg: str, url: str, dest: Path) -> None:
    """Write one JPEG frame of ``url`` to ``dest`` or raise :class:`SnapshotError`.

    The frame is written to a temporary name and renamed, so ``dest`` is never half a file.
    Bound it with ``asyncio.timeout``: when cancelled, the ffmpeg child is killed.
    """
    tmp = dest.with_name(f".{dest.stem}.part.jpg")
    try:
        proc = await asyncio.create_subprocess_exec(
            *grab_command(ffmpeg, url, tmp),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
    except OSError as exc:
        raise SnapshotError(f"cannot run {ffmpeg}: {exc}") from exc
    try:
        _, stderr = await proc.communicate()
    finally:
        # On timeout or cancellation the child must not outlive the grab.
        if proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            await proc.wait()
    try:
        if proc.returncode != 0:
            tail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise SnapshotError(f"ffmpeg exited with {proc.returncode} for {url}: {tail[0]}")
        if not tmp.is_file() or tmp.stat().st_size == 0:
            raise SnapshotError(f"ffmpeg wrote no frame for {url}")
        os.replace(tmp, dest)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


class SnapshotStore:
    """Grabs snapshots into the data dir and resolves stored paths safely."""

    def __init__(
        self, root: Path, *, ffmpeg: str = "ffmpeg", timeout: float = 6.0, max_parallel: int = 3
    ) -> None:
        self.root = root
        self.ffmpeg = ffmpeg
        self.timeout = timeout
        self.counters = SnapshotCounters()
        # Two cores: a burst of alerts must not start a dozen decoders at once.
        self._slots = asyncio.Semaphore(max_parallel)

    def _new_relative_path(self) -> str:
        day = datetime.now(UTC).strftime("%Y%m%d")
        return f"{day}/{uuid.uuid4().hex}.jpg"

    async def grab(self, url: str) -> str | None:
        """Grab one frame of ``url``; the stored relative path, or None (failure is logged)."""
        relative = self._new_relative_path()
        dest = self.root / relative
        try:
            async with asyncio.timeout(self.timeout):
                # The deadline covers waiting for a slot too: an alert waits at most this long.
                async with self._slots:
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    await grab_frame(self.ffmpeg, url, dest)
        except TimeoutError:
            self.counters.failures += 1
            log.warning("snapshot of %s failed: no frame within %.1f s", url, self.timeout)
            return None
        except (SnapshotError, OSError) as exc:
            self.counters.failures += 1
            log.warning("snapshot of %s failed: %s", url, exc)
            return None
        self.counters.taken += 1
        return relative

    def resolve(self, relative: str | None) -> Path | None:
        """The file of a stored snapshot path, or None when missing or outside the store."""
        if not relative:
            return None
        root = self.root.resolve()
        path = (root / relative).resolve()
        if root not in path.parents or not path.is_file():
            return None
        return path
