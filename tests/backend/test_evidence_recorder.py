"""Recording segments on disk: naming, spans, retention with evidence locks, clip scripts."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from backend.recorder import (
    NAME_FORMAT,
    TimeRange,
    concat_list,
    covering,
    list_segments,
    prune,
    record_command,
    spans,
)

T0 = datetime(2026, 3, 1, 8, 0, 0, tzinfo=UTC)


def make_segments(folder: Path, starts: list[datetime], length_s: float = 10.0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for start in starts:
        path = folder / f"{start.strftime(NAME_FORMAT)}.ts"
        path.write_bytes(b"\x47" * 188)
        end = (start + timedelta(seconds=length_s)).timestamp()
        os.utime(path, (end, end))


def test_segments_are_read_from_their_names_and_mtimes(tmp_path: Path) -> None:
    starts = [T0 + timedelta(seconds=10 * i) for i in range(3)]
    make_segments(tmp_path, starts)
    (tmp_path / "notes.txt").write_text("ignored")
    (tmp_path / "20260301T090000Z.ts").write_bytes(b"")  # empty: just opened, ignored
    segments = list_segments(tmp_path)
    assert [s.start for s in segments] == starts
    assert segments[-1].end == T0 + timedelta(seconds=30)
    assert list_segments(tmp_path / "missing") == []


def test_gaps_split_spans(tmp_path: Path) -> None:
    starts = [T0, T0 + timedelta(seconds=10), T0 + timedelta(seconds=60)]
    make_segments(tmp_path, starts)
    assert spans(list_segments(tmp_path)) == [
        TimeRange(T0, T0 + timedelta(seconds=20)),
        TimeRange(T0 + timedelta(seconds=60), T0 + timedelta(seconds=70)),
    ]


def test_retention_deletes_old_segments_but_keeps_locked_ones(tmp_path: Path) -> None:
    starts = [T0 + timedelta(seconds=10 * i) for i in range(12)]  # two minutes
    make_segments(tmp_path, starts)
    lock = TimeRange(T0 + timedelta(seconds=25), T0 + timedelta(seconds=35))
    now = T0 + timedelta(seconds=120 + 60)
    removed = prune(tmp_path, now=now, retention=timedelta(seconds=90), locks=[lock])
    left = [s.start for s in list_segments(tmp_path)]
    # Ended before now - 90 s (T0 + 90 s): the eight from 0 s to 70 s; the lock keeps two.
    assert T0 + timedelta(seconds=20) in left
    assert T0 + timedelta(seconds=30) in left
    assert T0 not in left
    assert T0 + timedelta(seconds=70) not in left
    assert len(removed) == 6
    assert left[-3:] == starts[-3:]


def test_retention_never_deletes_the_segment_being_written(tmp_path: Path) -> None:
    make_segments(tmp_path, [T0])
    assert prune(tmp_path, now=T0 + timedelta(days=9), retention=timedelta(hours=1), locks=[]) == []


def test_clip_script_trims_first_and_last_segment(tmp_path: Path) -> None:
    make_segments(tmp_path, [T0 + timedelta(seconds=10 * i) for i in range(4)])
    start, end = T0 + timedelta(seconds=13), T0 + timedelta(seconds=27.5)
    parts = covering(list_segments(tmp_path), start, end)
    assert len(parts) == 2
    script = concat_list(parts, start, end)
    assert script.splitlines()[0] == "ffconcat version 1.0"
    assert "inpoint 3.000" in script
    assert "outpoint 7.500" in script


def test_record_command_copies_without_transcoding(tmp_path: Path) -> None:
    cmd = record_command("ffmpeg", "rtsp://h/cam-001/main", tmp_path, 10)
    assert cmd[cmd.index("-c") + 1] == "copy"
    assert cmd[cmd.index("-f") + 1] == "segment"
    assert cmd[cmd.index("-segment_time") + 1] == "10"
    assert "-rtsp_transport" in cmd
