"""Evidence export jobs outlive the backend process (real backend, stopped and started again).

A package finished before a restart is still served after it, byte for byte what was built, and
verifies; a job that was building when the backend was killed says it was interrupted.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from backend.evidence import INTERRUPTED
from backend.media_process import MediaServerProcess
from backend.recorder import NAME_FORMAT
from console.evidence_verify import verify_package
from tests.backend.backend_runner import BackendRunner, api_client, bearer, login
from tests.backend.test_evidence_export import CASE, wait_export, wait_for_recording


@pytest.fixture
def runner(tmp_path: Path) -> Iterator[BackendRunner]:
    """A backend (not started) on its own data dir; stopped at the end if still running."""
    made = BackendRunner(tmp_path / "backend", "--sim-interval", "0")
    try:
        yield made
    finally:
        made.kill()


async def test_a_finished_package_is_downloaded_after_a_restart(
    runner: BackendRunner, media_server: MediaServerProcess, tmp_path: Path
) -> None:
    runner.extra += ["--cameras", "2", "--rtsp-base", media_server.url_base, "--record",
                     "--segment-s", "2"]  # fmt: skip
    runner.start()
    async with api_client(runner) as client:
        police = await login(client, "police")
        end = await wait_for_recording(client, police, 4)
        clip = {"camera_id": "cam-001", "start": (end - timedelta(seconds=3)).isoformat(),
                "end": end.isoformat()}  # fmt: skip
        r = await client.post("/evidence/exports", headers=bearer(police),
                              json={**CASE, "clips": [clip]})  # fmt: skip
        assert r.status_code == 202, r.text
        before = await wait_export(client, police, r.json()["id"])
    assert before["state"] == "ready", before
    assert runner.stop() == 0, runner.log_tail()

    runner.start()
    async with api_client(runner) as client:
        police = await login(client, "police")
        admin = await login(client, "admin")
        operator = await login(client, "operator")
        after = (
            await client.get(f"/evidence/exports/{before['id']}", headers=bearer(police))
        ).json()
        denied = await client.get(
            f"/evidence/exports/{before['id']}/package", headers=bearer(operator)
        )
        package = await client.get(
            f"/evidence/exports/{before['id']}/package", headers=bearer(police)
        )
        key = (await client.get("/evidence/key", headers=bearer(police))).json()
        audit = (
            await client.get(
                "/audit", headers=bearer(admin), params={"action": "evidence.download"}
            )
        ).json()["items"]
    assert runner.stop() == 0, runner.log_tail()
    assert after == before
    assert denied.status_code == 403
    assert package.status_code == 200, package.text
    assert hashlib.sha256(package.content).hexdigest() == before["package_sha256"]
    path = tmp_path / before["file_name"]
    path.write_bytes(package.content)
    report = verify_package(path, fingerprint=key["fingerprint"])
    assert report.ok, report.text()
    assert report.case_number == CASE["case_number"]
    assert [row["detail"]["export_id"] for row in audit] == [before["id"]]


def fake_segments(recordings: Path, camera: str, seconds: int) -> tuple[datetime, datetime]:
    """Segment files as the recorder leaves them (2 s each, ending now); never decoded here."""
    folder = recordings / camera
    folder.mkdir(parents=True)
    now = datetime.now(UTC).replace(microsecond=0)
    first = now - timedelta(seconds=seconds)
    for n in range(seconds // 2):
        start = first + timedelta(seconds=2 * n)
        path = folder / f"{start.strftime(NAME_FORMAT)}.ts"
        path.write_bytes(b"\x47" * 188)
        done = (start + timedelta(seconds=2)).timestamp()
        os.utime(path, (done, done))
    return first, now


@pytest.mark.parametrize("end", ["killed", "stopped"])
async def test_a_job_building_when_the_backend_ends_says_it_was_interrupted(
    runner: BackendRunner, tmp_path: Path, end: str
) -> None:
    # An "ffmpeg" that never finishes a cut: the export is building, for sure, when the backend
    # is killed (a real cut of a long clip only makes that likely).
    marker = tmp_path / "cutting"
    hanging = tmp_path / "ffmpeg-hangs.sh"
    hanging.write_text(f'#!/bin/sh\ntouch "{marker}"\nexec sleep 300\n', encoding="utf-8")
    hanging.chmod(hanging.stat().st_mode | stat.S_IEXEC)
    first, last = fake_segments(runner.data_dir / "recordings", "cam-001", 60)
    runner.extra += ["--ffmpeg", str(hanging)]
    runner.start()
    async with api_client(runner) as client:
        police = await login(client, "police")
        clip = {"camera_id": "cam-001", "start": first.isoformat(), "end": last.isoformat()}
        r = await client.post("/evidence/exports", headers=bearer(police),
                              json={**CASE, "clips": [clip]})  # fmt: skip
        assert r.status_code == 202, r.text
        job_id = r.json()["id"]
        for _ in range(200):
            if marker.exists():
                break
            await asyncio.sleep(0.05)
        building = (await client.get(f"/evidence/exports/{job_id}", headers=bearer(police))).json()
    assert marker.exists(), f"the cut never started:\n{runner.log_tail()}"
    assert building["state"] == "building"
    assert (runner.data_dir / "exports" / job_id).is_dir()
    if end == "killed":
        runner.kill()  # no chance to say anything: the next start finds the job
        expected_before_restart = "building"
    else:
        assert runner.stop() == 0, runner.log_tail()  # a clean stop says it at once
        expected_before_restart = "failed"
    db = sqlite3.connect(runner.db_url.removeprefix("sqlite:///"))
    stored = db.execute("SELECT state FROM evidence_exports WHERE id = ?", (job_id,)).fetchone()
    db.close()
    assert stored == (expected_before_restart,)

    runner.extra = runner.extra[: runner.extra.index("--ffmpeg")]
    runner.start()
    async with api_client(runner) as client:
        police = await login(client, "police")
        admin = await login(client, "admin")
        job = (await client.get(f"/evidence/exports/{job_id}", headers=bearer(police))).json()
        download = await client.get(f"/evidence/exports/{job_id}/package", headers=bearer(police))
        failed = (
            await client.get(
                "/audit", headers=bearer(admin), params={"action": "evidence.export_failed"}
            )
        ).json()["items"]
        verdict = (await client.get("/audit/verify", headers=bearer(admin))).json()
    assert runner.stop() == 0, runner.log_tail()
    assert job["state"] == "failed"
    assert job["error"] == INTERRUPTED
    assert job["package_sha256"] is None
    assert download.status_code == 409
    assert download.json()["code"] == "not_ready"
    assert [(row["detail"]["export_id"], row["detail"]["error"]) for row in failed] == [
        (job_id, INTERRUPTED)
    ]
    assert verdict["ok"] is True
    assert not (runner.data_dir / "exports" / job_id).exists()
