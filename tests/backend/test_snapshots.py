"""Snapshot grabs are bounded in time and never leave ffmpeg running."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from backend.snapshots import SnapshotStore


def script(path: Path, body: str) -> Path:
    path.write_text(f"#!{sys.executable}\nimport os, sys, time\n{body}\n")
    path.chmod(0o755)
    return path


async def test_a_hanging_grab_is_killed_at_the_deadline(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    hang = script(
        tmp_path / "hang", f"open({str(pid_file)!r}, 'w').write(str(os.getpid()))\ntime.sleep(60)"
    )
    store = SnapshotStore(tmp_path / "snaps", ffmpeg=str(hang), timeout=1.0)
    started = time.monotonic()
    assert await store.grab("rtsp://camera/sub") is None
    assert time.monotonic() - started < 3
    assert store.counters.failures == 1
    pid = int(pid_file.read_text())
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        pass
    else:
        raise AssertionError("the hanging ffmpeg is still running")
    assert not list((tmp_path / "snaps").rglob("*.jpg"))


async def test_a_good_grab_is_stored_and_resolvable(tmp_path: Path) -> None:
    good = script(tmp_path / "good", "open(sys.argv[-1], 'wb').write(b'\\xff\\xd8jpeg\\xff\\xd9')")
    store = SnapshotStore(tmp_path / "snaps", ffmpeg=str(good))
    relative = await store.grab("rtsp://camera/sub")
    assert relative is not None
    path = store.resolve(relative)
    assert path is not None
    assert path.read_bytes().startswith(b"\xff\xd8")
    assert store.resolve("../../etc/passwd") is None
    assert store.resolve(None) is None


async def test_missing_ffmpeg_is_a_logged_failure(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path / "snaps", ffmpeg=str(tmp_path / "no-such-ffmpeg"))
    assert await store.grab("rtsp://camera/sub") is None
    assert store.counters.failures == 1
