"""Evidence benchmark: search latency over 1,000,000 stored events, export throughput.

    .venv/bin/python bench/evidence.py                      # 1,000,000 events, 10 min 1080p
    .venv/bin/python bench/evidence.py --events 100000 --clip-minutes 2   # a quick look

Search: a fresh SQLite database gets the demo city and ``--events`` alerts spread over 30 days
(plates, colours and vehicle types as the simulator makes them), written straight to the table
(the simulator's own path manages a few hundred per second). The evidence index is then built
(timed), and a mix of searches runs ``--repeat`` times each through the backend's own
``search()`` plus the audit row every search writes, in one transaction, as the endpoint does
on its db thread: part of a plate, colour + vehicle type, one camera over a day, one type
over a week, everything (newest page), and a deep page. Reported: p50/p99 per kind and overall.

Export: ``--clip-minutes`` of 1920x1080@25 H.264 at ``--bitrate`` kbit/s (60 s encoded with
x264 ultrafast, then looped with ``-c copy`` into 10 s recording segments, as the recorder
writes them), exported as one clip by the backend's ``PackageBuilder``: cut with ``-c copy``,
SHA-256, Ed25519-signed manifest, zip. Reported: seconds and MB/s of the package, and whether
the package verifies. Prints one JSON document.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy.orm import Session  # noqa: E402

from backend.app import sync_city  # noqa: E402
from backend.auth import Principal  # noqa: E402
from backend.db import Base, Database  # noqa: E402
from backend.demo_city import load_demo_city  # noqa: E402
from backend.evidence import (  # noqa: E402
    ClipSource,
    ExportJob,
    PackageBuilder,
    SigningKeyStore,
    catch_up,
    create_plate_index,
    record_access,
    search,
)
from backend.recorder import NAME_FORMAT, covering, list_segments  # noqa: E402
from backend.simulator import COLOURS, VEHICLE_TYPES, AlertFactory  # noqa: E402
from console.evidence_verify import verify_package  # noqa: E402
from server_client.contract import (  # noqa: E402
    AlertType,
    CameraStatus,
    EvidenceSearch,
    Role,
)

POLICE = Principal("police", "Cán bộ Công an phối hợp", Role.POLICE_LIAISON)
CASE = {"case_number": "BENCH-1", "reason": "benchmark"}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def fill(db_path: Path, events: int, seed: int) -> tuple[datetime, list[str], list[str]]:
    """Create the schema and ``events`` alerts; return the newest time, cameras, some plates."""
    db = Database(f"sqlite:///{db_path}")
    city = load_demo_city(None, 700)

    def prepare(session: Session) -> None:
        Base.metadata.create_all(session.get_bind())
        sync_city(session, city, CameraStatus.ONLINE)
        session.commit()

    db.run_sync(prepare)
    db.run_sync(create_plate_index)
    db.close()
    rng = random.Random(seed)
    factory = AlertFactory(city.cameras, rng)
    cameras = [c for c in city.cameras if c.analytics]
    newest = datetime.now(UTC).replace(microsecond=0)
    span_s = 30 * 86400
    plates: list[str] = []
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    batch: list[tuple[Any, ...]] = []
    for i in range(events):
        cam = rng.choice(cameras)
        kind = rng.choice(cam.analytics)
        attrs: dict[str, str] = {}
        vehicles = VEHICLE_TYPES.get(kind)
        if vehicles:
            vehicle = rng.choice(vehicles)
            attrs = {
                "vehicle_type": vehicle,
                "vehicle_colour": rng.choice(COLOURS),
                "plate": factory.plate(vehicle),
            }
            if len(plates) < 2000 and rng.random() < 0.01:
                plates.append(attrs["plate"])
        # Oldest first, so ids grow with time as they do in a live system.
        ts = newest - timedelta(seconds=span_s * (1 - i / events))
        stamp = ts.strftime("%Y-%m-%d %H:%M:%S.%f")
        batch.append((cam.id, cam.ward_id, kind.value, "medium", "new", stamp, stamp, 0.9,
                      None, None, json.dumps(attrs)))  # fmt: skip
        if len(batch) == 20000:
            _insert(con, batch)
            batch = []
    _insert(con, batch)
    con.close()
    return newest, [c.id for c in cameras], plates


def _insert(con: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
    con.executemany(
        "INSERT INTO alerts (camera_id, ward_id, type, severity, state, created_at, updated_at,"
        " confidence, snapshot_path, bbox, attributes) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    con.commit()


def search_bench(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    db_path = work / "bench.db"
    started = time.perf_counter()
    newest, cameras, plates = fill(db_path, args.events, args.seed)
    fill_s = time.perf_counter() - started
    db = Database(f"sqlite:///{db_path}")
    started = time.perf_counter()
    indexed = db.run_sync(lambda s: catch_up(s, args.events + 1))
    index_s = time.perf_counter() - started
    rng = random.Random(args.seed + 1)
    day = timedelta(days=1)

    def plate_part() -> dict[str, Any]:
        plate = rng.choice(plates)
        digits = plate.split("-", 1)[1]
        return {"plate": digits[-rng.choice((4, 5, 6)) :]}

    kinds: dict[str, Any] = {
        "plate_partial": plate_part,
        "colour_vehicle_24h": lambda: {"vehicle_colour": rng.choice(("red", "white")),
                                       "vehicle_type": "car", "start": newest - day},
        "camera_day": lambda: {"camera_ids": [rng.choice(cameras)],
                               "start": newest - rng.randint(1, 29) * day, "end": None},
        "type_week": lambda: {"types": [AlertType.RED_LIGHT], "start": newest - 7 * day},
        "newest_page": dict,
        "deep_page_offset_1000": lambda: {"offset": 1000},
    }  # fmt: skip
    results: dict[str, Any] = {}
    every: list[float] = []
    for name, make in kinds.items():
        times: list[float] = []
        hits: list[int] = []
        for _ in range(args.repeat):
            params = make()
            if "end" in params and params["end"] is None and "start" in params:
                params["end"] = params["start"] + day
            criteria = EvidenceSearch.model_validate({**CASE, "limit": 50, **params})

            def one(session: Session, c: EvidenceSearch = criteria) -> int:
                page = search(session, POLICE, c)
                record_access(session, POLICE, "evidence.search", c, {"results": len(page.items)})
                session.commit()
                return len(page.items)

            t = time.perf_counter()
            hits.append(db.run_sync(one))
            times.append((time.perf_counter() - t) * 1000)
        every += times
        results[name] = {
            "p50_ms": round(percentile(times, 0.5), 2),
            "p99_ms": round(percentile(times, 0.99), 2),
            "mean_hits": round(statistics.mean(hits), 1),
        }
    db.close()
    return {
        "events": args.events,
        "fill_s": round(fill_s, 1),
        "index_build_s": round(index_s, 1),
        "indexed": indexed,
        "db_mb": round(db_path.stat().st_size / 1e6, 1),
        "per_kind": results,
        "all_p50_ms": round(percentile(every, 0.5), 2),
        "all_p99_ms": round(percentile(every, 0.99), 2),
        "searches": len(every),
    }


def make_recording(work: Path, minutes: int, width: int, height: int, kbit: int) -> Path:
    """``minutes`` of H.264 as 10 s TS segments named like the recorder's."""
    src = work / "source.mp4"
    loop_s = min(60, minutes * 60)
    subprocess.run(
        ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", f"testsrc2=s={width}x{height}:r=25:d={loop_s}",
         "-c:v", "libx264", "-preset", "ultrafast", "-b:v", f"{kbit}k", "-maxrate", f"{kbit}k",
         "-bufsize", f"{kbit * 2}k", "-g", "25", "-pix_fmt", "yuv420p", str(src)],
        check=True,
    )  # fmt: skip
    raw = work / "raw"
    raw.mkdir()
    loops = max(1, (minutes * 60 + loop_s - 1) // loop_s)
    subprocess.run(
        ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-stream_loop", str(loops - 1),
         "-i", str(src), "-map", "0:v", "-c", "copy", "-t", str(minutes * 60),
         "-f", "segment", "-segment_time", "10", "-segment_format", "mpegts",
         "-reset_timestamps", "1", str(raw / "%05d.ts")],
        check=True,
    )  # fmt: skip
    rec = work / "recordings" / "cam-001"
    rec.mkdir(parents=True)
    t0 = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    for i, seg in enumerate(sorted(raw.iterdir())):
        start = t0 + timedelta(seconds=10 * i)
        dest = rec / f"{start.strftime(NAME_FORMAT)}.ts"
        seg.rename(dest)
        end = (start + timedelta(seconds=10)).timestamp()
        os.utime(dest, (end, end))
    return rec


def export_bench(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    width, height = (1920, 1080) if args.height == 1080 else (1280, 720)
    started = time.perf_counter()
    rec = make_recording(work, args.clip_minutes, width, height, args.bitrate)
    generate_s = time.perf_counter() - started
    segments = list_segments(rec)
    start, end = segments[0].start, segments[-1].end
    source_mb = sum(s.size for s in segments) / 1e6
    key = SigningKeyStore(work / "key")
    builder = PackageBuilder(key, "ffmpeg", "bench", work / "exports")
    job = ExportJob(
        id="bench", case_number="BENCH-1", reason="benchmark", principal=POLICE,
        created_at=datetime.now(UTC), package_name="evidence-BENCH-1",
    )  # fmt: skip
    clip = ClipSource("cam-001", start, end, covering(segments, start, end))
    t = time.perf_counter()
    asyncio.run(builder.build(job, [clip], []))
    export_s = time.perf_counter() - t
    assert job.zip_path is not None, job.error
    size_mb = job.zip_path.stat().st_size / 1e6
    t = time.perf_counter()
    report = verify_package(job.zip_path)
    verify_s = time.perf_counter() - t
    return {
        "clip": f"{width}x{height}@25 H.264 {args.bitrate} kbit/s, {args.clip_minutes} min",
        "generate_source_s": round(generate_s, 1),
        "source_mb": round(source_mb, 1),
        "package_mb": round(size_mb, 1),
        "export_s": round(export_s, 2),
        "export_mb_per_s": round(size_mb / export_s, 1),
        "verify_s": round(verify_s, 2),
        "verify_mb_per_s": round(size_mb / verify_s, 1),
        "verified": report.ok,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/evidence.py", description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=50, help="searches per kind")
    parser.add_argument("--clip-minutes", type=int, default=10)
    parser.add_argument("--height", type=int, choices=(720, 1080), default=1080)
    parser.add_argument("--bitrate", type=int, default=4000, help="kbit/s of the clip")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument("--skip-export", action="store_true")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-evidence-"))
    result: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 1)},
    }
    try:
        if not args.skip_search:
            result["search"] = search_bench(args, work)
        if not args.skip_export:
            result["export"] = export_bench(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result["machine"]["load_avg_1m_end"] = round(os.getloadavg()[0], 1)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
