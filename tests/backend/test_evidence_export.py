"""Recording, clip view and signed export against the real backend recording real RTSP.

The backend records two demo cameras from the shared test media server (2 s segments); a police
liaison exports a clip and a snapshot, the package verifies, and one changed byte in a clip, a
snapshot or the manifest fails verification naming that file.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.media_process import MediaServerProcess
from console.__main__ import main as console_main
from console.evidence_verify import verify_package
from tests.backend.backend_runner import BackendRunner, api_client, bearer, login, raise_alert

CASE = {"case_number": "HS-2026-0815", "reason": "Hit and run at Trường Tiền bridge"}


@pytest.fixture(scope="module")
def recording_backend(
    tmp_path_factory: pytest.TempPathFactory, media_server: MediaServerProcess
) -> Iterator[BackendRunner]:
    runner = BackendRunner(
        tmp_path_factory.mktemp("recording") / "backend",
        "--sim-interval", "0", "--cameras", "2", "--rtsp-base", media_server.url_base,
        "--record", "--segment-s", "2",
    )  # fmt: skip
    runner.start()
    try:
        yield runner
    finally:
        code = runner.stop()
    assert code == 0, f"backend exited with {code} on SIGTERM:\n{runner.log_tail()}"


async def wait_for_recording(client: httpx.AsyncClient, token: str, seconds: float) -> datetime:
    """Wait until cam-001 has ``seconds`` of continuous recording; return where it ends."""
    for _ in range(120):
        r = await client.get(
            "/evidence/recordings", headers=bearer(token), params={"camera_id": "cam-001"}
        )
        assert r.status_code == 200, r.text
        spans = r.json()["spans"]
        if spans:
            start = datetime.fromisoformat(spans[-1]["start"])
            end = datetime.fromisoformat(spans[-1]["end"])
            if (end - start).total_seconds() >= seconds:
                return end
        await asyncio.sleep(0.5)
    raise AssertionError(f"no {seconds} s of recording within a minute: {spans}")


def probe(path: Path) -> dict[str, Any]:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration:stream=codec_name,width,height",
         "-of", "json", str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return dict(json.loads(out.stdout))


def flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


async def wait_export(client: httpx.AsyncClient, token: str, export_id: str) -> dict[str, Any]:
    seen: list[float] = []
    for _ in range(240):
        job = (await client.get(f"/evidence/exports/{export_id}", headers=bearer(token))).json()
        seen.append(job["progress"])
        if job["state"] != "building":
            assert seen == sorted(seen), f"progress went backwards: {seen}"
            return dict(job)
        await asyncio.sleep(0.25)
    raise AssertionError("export not done within a minute")


async def test_export_verifies_and_any_changed_byte_is_named(
    recording_backend: BackendRunner, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async with api_client(recording_backend) as client:
        admin = await login(client, "admin")
        police = await login(client, "police")
        end = await wait_for_recording(client, police, 6)
        alert = await raise_alert(
            client, admin, camera_id="cam-001", type="wrong_way", snapshot=True
        )
        assert alert["snapshot_url"], "the alert got no snapshot from the test media server"
        clip = {"camera_id": "cam-001", "start": (end - timedelta(seconds=5)).isoformat(),
                "end": (end - timedelta(seconds=1)).isoformat()}  # fmt: skip

        # Viewing a stretch of recording gives a playable MP4 of about that length.
        r = await client.post("/evidence/clip", headers=bearer(police), json={**CASE, **clip})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"] == "video/mp4"
        (tmp_path / "view.mp4").write_bytes(r.content)
        info = probe(tmp_path / "view.mp4")
        assert info["streams"][0]["codec_name"] == "h264"
        assert (info["streams"][0]["width"], info["streams"][0]["height"]) == (1280, 720)
        assert 3.0 <= float(info["format"]["duration"]) <= 7.0

        r = await client.post(
            "/evidence/exports", headers=bearer(police),
            json={**CASE, "clips": [clip], "snapshot_alert_ids": [alert["id"]]},
        )  # fmt: skip
        assert r.status_code == 202, r.text
        job = await wait_export(client, police, r.json()["id"])
        assert job["state"] == "ready", job
        # Another role cannot fetch it; the officer can.
        operator = await login(client, "operator")
        r = await client.get(f"/evidence/exports/{job['id']}/package", headers=bearer(operator))
        assert r.status_code == 403
        r = await client.get(f"/evidence/exports/{job['id']}/package", headers=bearer(police))
        assert r.status_code == 200, r.text
        package = tmp_path / job["file_name"]
        package.write_bytes(r.content)
        key = (await client.get("/evidence/key", headers=bearer(police))).json()

        audit = (await client.get("/audit", headers=bearer(admin), params={"limit": 50})).json()
        actions = {row["action"]: row for row in audit["items"] if row["actor"] == "police"}
        locks = (await client.get("/evidence/locks", headers=bearer(police))).json()

    # Verified as downloaded, pinned to the backend's published key.
    report = verify_package(package, fingerprint=key["fingerprint"])
    assert report.ok, report.text()
    assert report.case_number == CASE["case_number"]
    assert report.files_checked == 4  # clip, snapshot, README, public key

    with zipfile.ZipFile(package) as zf:
        zf.extractall(tmp_path / "unpacked")
    folder = tmp_path / "unpacked" / package.stem
    body = (folder / "manifest.json").read_bytes()
    manifest = json.loads(body)
    assert manifest["exported_by"] == "police"
    assert manifest["case_number"] == CASE["case_number"]
    kinds = {f["kind"]: f for f in manifest["files"]}
    assert kinds["clip"]["camera_id"] == "cam-001"
    assert kinds["snapshot"]["alert_id"] == alert["id"]
    clip_info = probe(folder / kinds["clip"]["path"])
    assert 3.0 <= float(clip_info["format"]["duration"]) <= 7.0
    assert (folder / kinds["snapshot"]["path"]).read_bytes()[:2] == b"\xff\xd8"  # JPEG

    # The audit log holds the view, the export request and its completion with the manifest hash.
    assert {
        "evidence.view",
        "evidence.export",
        "evidence.export_ready",
        "evidence.download",
    } <= set(actions)
    assert actions["evidence.export"]["detail"]["reason"] == CASE["reason"]
    assert (
        actions["evidence.export_ready"]["detail"]["manifest_sha256"]
        == hashlib.sha256(body).hexdigest()
    )
    assert any(lock["camera_id"] == "cam-001" for lock in locks), "the export did not lock its clip"

    # The CLI: exit 0 and a clear verdict.
    assert console_main(["verify", str(folder)]) == 0
    assert "VERIFIED" in capsys.readouterr().out

    for rel in (kinds["clip"]["path"], kinds["snapshot"]["path"], "manifest.json"):
        target = folder / rel
        original = target.read_bytes()
        flip_byte(target, len(original) // 2)
        report = verify_package(folder)
        assert not report.ok
        assert rel in report.failed_paths, report.text()
        assert console_main(["verify", str(folder)]) == 1
        out = capsys.readouterr().out
        assert f"FAIL {rel}" in out
        assert "NOT VERIFIED" in out
        target.write_bytes(original)
        assert verify_package(folder).ok

    # A byte changed inside the zip itself is caught too, and named.
    damaged = tmp_path / "damaged.zip"
    shutil.copyfile(package, damaged)
    with zipfile.ZipFile(damaged) as zf:
        info = zf.getinfo(f"{package.stem}/{kinds['clip']['path']}")
    data_offset = info.header_offset + 30 + len(info.filename.encode()) + 1000
    flip_byte(damaged, data_offset)
    report = verify_package(damaged)
    assert kinds["clip"]["path"] in report.failed_paths, report.text()

    # A file slipped into the package is named as well.
    (folder / "clips" / "extra.mp4").write_bytes(b"not evidence")
    report = verify_package(folder)
    assert report.failed_paths == ["clips/extra.mp4"]


async def test_export_checks_its_inputs(recording_backend: BackendRunner) -> None:
    async with api_client(recording_backend) as client:
        police = await login(client, "police")
        now = datetime.now(UTC)
        r = await client.post("/evidence/exports", headers=bearer(police), json=CASE)
        assert r.status_code == 422
        long_clip = {"camera_id": "cam-001", "start": (now - timedelta(hours=2)).isoformat(),
                     "end": now.isoformat()}  # fmt: skip
        r = await client.post(
            "/evidence/exports", headers=bearer(police), json={**CASE, "clips": [long_clip]}
        )
        assert r.status_code == 422
        old = {"camera_id": "cam-001", "start": (now - timedelta(days=3)).isoformat(),
               "end": (now - timedelta(days=3) + timedelta(minutes=1)).isoformat()}  # fmt: skip
        r = await client.post(
            "/evidence/exports", headers=bearer(police), json={**CASE, "clips": [old]}
        )
        assert r.status_code == 422
        assert r.json()["code"] == "no_recording"
