"""Cameras, wards, alerts and their actions over REST against the real backend."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.backend.backend_runner import BackendRunner, api_client, bearer, login, raise_alert


async def test_cameras_and_wards_listed(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        token = await login(client, "operator")
        cameras = (await client.get("/cameras", headers=bearer(token))).json()
        wards = (await client.get("/wards", headers=bearer(token))).json()
    assert [c["id"] for c in cameras] == [f"cam-{i:03d}" for i in range(1, 17)]
    first = cameras[0]
    assert first["name"] == "Cầu Trường Tiền"
    assert first["ward_name"] == "Thuận Hóa"
    assert first["ptz"] is True
    assert first["main_url"].endswith("/cam-001/main")
    assert first["sub_url"].endswith("/cam-001/sub")
    assert all(c["sub_url"].startswith("rtsp://") for c in cameras)
    # No media server and no --rtsp-base: nothing can play.
    assert {c["status"] for c in cameras} == {"offline"}
    assert sum(c["ptz"] for c in cameras) >= 2
    assert all(16.3 < c["lat"] < 16.7 and 107.2 < c["lon"] < 107.7 for c in cameras)
    by_id = {w["id"]: w for w in wards}
    assert by_id["an-cuu"] == {"id": "an-cuu", "name": "An Cựu", "kind": "ward", "demo": False}
    assert by_id["quang-dien"]["kind"] == "commune"
    assert by_id["phu-xuan"]["demo"] is True


async def test_ward_scope_hides_other_wards(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        admin = await login(client, "admin")
        ward_op = await login(client, "ward_op")
        mine = await raise_alert(client, admin, camera_id="cam-008")
        other = await raise_alert(client, admin, camera_id="cam-001")
        cameras = (await client.get("/cameras", headers=bearer(ward_op))).json()
        wards = (await client.get("/wards", headers=bearer(ward_op))).json()
        alerts = (await client.get("/alerts", headers=bearer(ward_op))).json()
        events = (await client.get("/events", headers=bearer(ward_op))).json()
        hidden = await client.get(f"/alerts/{other['id']}", headers=bearer(ward_op))
        act = await client.post(
            f"/alerts/{other['id']}/acknowledge", json={}, headers=bearer(ward_op)
        )
        visible = await client.get(f"/alerts/{mine['id']}", headers=bearer(ward_op))
        everything = (await client.get("/alerts", headers=bearer(admin))).json()
    assert {c["ward_id"] for c in cameras} == {"an-cuu"}
    assert [c["id"] for c in cameras] == ["cam-008", "cam-009"]
    assert [w["id"] for w in wards] == ["an-cuu"]
    assert [a["id"] for a in alerts["items"]] == [mine["id"]]
    assert alerts["total"] == 1
    assert [e["data"]["id"] for e in events["events"]] == [mine["id"]]
    assert events["last_seq"] == 2  # the cursor still moves past the hidden event
    assert hidden.status_code == 404
    assert act.status_code == 404
    assert visible.status_code == 200
    assert everything["total"] == 2


async def test_alert_list_filters_and_order(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        admin = await login(client, "admin")
        a1 = await raise_alert(client, admin, camera_id="cam-010", type="flooding")
        a2 = await raise_alert(client, admin, camera_id="cam-012", type="forest_fire")
        a3 = await raise_alert(client, admin, camera_id="cam-010", type="fallen_tree")
        await client.post(f"/alerts/{a2['id']}/acknowledge", json={}, headers=bearer(admin))
        h = bearer(admin)
        newest_first = (await client.get("/alerts", headers=h)).json()
        page = (await client.get("/alerts", params={"limit": 1, "offset": 1}, headers=h)).json()
        by_camera = (await client.get("/alerts", params={"camera_id": "cam-010"}, headers=h)).json()
        by_state = (await client.get("/alerts", params={"state": "acknowledged"}, headers=h)).json()
        by_type = (await client.get("/alerts", params={"type": "flooding"}, headers=h)).json()
    assert [a["id"] for a in newest_first["items"]] == [a3["id"], a2["id"], a1["id"]]
    assert page["total"] == 3
    assert [a["id"] for a in page["items"]] == [a2["id"]]
    assert {a["id"] for a in by_camera["items"]} == {a1["id"], a3["id"]}
    assert [a["id"] for a in by_state["items"]] == [a2["id"]]
    assert [a["id"] for a in by_type["items"]] == [a1["id"]]
    assert a2["severity"] in ("high", "critical")  # fire is never low
    assert a1["state"] == "new"
    assert a1["snapshot_url"] is None
    assert 0.6 <= a1["confidence"] <= 0.99
    assert set(a1["bbox"]) == {"x", "y", "w", "h"}


async def test_actions_are_idempotent_and_emit_one_event(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        admin = await login(client, "admin")
        op = await login(client, "operator")
        alert = await raise_alert(client, admin, camera_id="cam-002")
        url = f"/alerts/{alert['id']}/acknowledge"
        first = await client.post(url, json={"idempotency_key": "k-1"}, headers=bearer(op))
        replay = await client.post(url, json={"idempotency_key": "k-1"}, headers=bearer(op))
        events = (await client.get("/events", headers=bearer(op))).json()["events"]
        # A plain second acknowledge (no key) is a conflict, not a replay.
        again = await client.post(url, json={}, headers=bearer(op))
        # The same key for another request is refused.
        other = await raise_alert(client, admin, camera_id="cam-003")
        reused = await client.post(
            f"/alerts/{other['id']}/acknowledge",
            json={"idempotency_key": "k-1"},
            headers=bearer(op),
        )
    assert first.status_code == 200
    assert first.json()["state"] == "acknowledged"
    assert first.json()["owner"] == "operator"
    assert replay.status_code == 200
    assert replay.json() == first.json()
    updates = [e for e in events if e["type"] == "alert.updated"]
    assert len(updates) == 1
    assert updates[0]["data"] == first.json()
    assert again.status_code == 409
    assert again.json()["code"] == "invalid_transition"
    assert reused.status_code == 422
    assert reused.json()["code"] == "idempotency_key_reused"


async def test_dismiss_needs_reason_and_final_states_refuse_actions(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        admin = await login(client, "admin")
        cmd = await login(client, "commander")
        a = await raise_alert(client, admin, camera_id="cam-003")
        b = await raise_alert(client, admin, camera_id="cam-004")
        h = bearer(cmd)
        no_reason = await client.post(
            f"/alerts/{a['id']}/dismiss", json={"reason": "  "}, headers=h
        )
        dismissed = await client.post(
            f"/alerts/{a['id']}/dismiss", json={"reason": "Xe giao hàng, đã rời đi"}, headers=h
        )
        ack_after = await client.post(f"/alerts/{a['id']}/acknowledge", json={}, headers=h)
        escalated = await client.post(f"/alerts/{b['id']}/escalate", headers=h)  # no body at all
        dismiss_after = await client.post(
            f"/alerts/{b['id']}/dismiss", json={"reason": "x"}, headers=h
        )
        missing = await client.post("/alerts/99999/acknowledge", json={}, headers=h)
        police = await login(client, "police")
        forbidden = await client.post(
            f"/alerts/{b['id']}/acknowledge", json={}, headers=bearer(police)
        )
    assert no_reason.status_code == 422
    assert no_reason.json()["code"] == "reason_required"
    assert dismissed.status_code == 200
    assert dismissed.json()["state"] == "dismissed"
    assert dismissed.json()["reason"] == "Xe giao hàng, đã rời đi"
    assert ack_after.status_code == 409
    assert "dismissed" in ack_after.json()["message"]
    assert escalated.status_code == 200
    assert escalated.json()["state"] == "escalated"
    assert dismiss_after.status_code == 409
    assert missing.status_code == 404
    assert forbidden.status_code == 403
    assert forbidden.json()["code"] == "forbidden"


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "needle"),
    [
        ("GET", "/alerts", {"params": {"limit": "abc"}}, 422, "query.limit"),
        ("GET", "/alerts", {"params": {"limit": 0}}, 422, "greater than or equal to 1"),
        ("GET", "/alerts", {"params": {"state": "burning"}}, 422, "'new', 'acknowledged'"),
        ("GET", "/events", {"params": {"after": -1}}, 422, "query.after"),
        ("POST", "/alerts/1/acknowledge", {"json": {"idempotency_key": 5}}, 422, "idempotency_key"),
        (
            "POST",
            "/alerts/1/acknowledge",
            {"content": b"{not json", "headers": {"content-type": "application/json"}},
            422,
            "JSON",
        ),
        ("POST", "/alerts/1/explode", {"json": {}}, 422, "verb"),
        ("POST", "/alerts/abc/acknowledge", {"json": {}}, 422, "path.alert_id"),
        ("GET", "/no/such/thing", {}, 404, "Not Found"),
        ("DELETE", "/cameras", {}, 405, "Method Not Allowed"),
    ],
)
async def test_malformed_requests_get_readable_errors(
    shared_backend: BackendRunner, method: str, path: str, kwargs: dict, status: int, needle: str
) -> None:
    async with api_client(shared_backend) as client:
        token = await login(client, "operator")
        headers = {**bearer(token), **kwargs.pop("headers", {})}
        response = await client.request(method, path, headers=headers, **kwargs)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"code", "message"}
    assert needle in body["message"], body


async def test_sim_endpoints_are_admin_only(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        op = await login(client, "operator")
        admin = await login(client, "admin")
        refused = await client.post("/sim/alerts", json={}, headers=bearer(op))
        wrong_type = await client.post(
            "/sim/alerts", json={"camera_id": "cam-012", "type": "red_light"}, headers=bearer(admin)
        )
        burst = await client.post("/sim/burst", json={"count": 30}, headers=bearer(admin))
        stats = (await client.get("/stats", headers=bearer(op))).json()
    assert refused.status_code == 403
    assert wrong_type.status_code == 422
    assert "does not run red_light" in wrong_type.json()["message"]
    assert burst.status_code == 201
    assert len(burst.json()["items"]) == 30
    assert stats["alerts_raised"] == 30
    assert stats["last_seq"] == 30


@pytest.fixture
def fake_ffmpeg(tmp_path: Path) -> Path:
    """An 'ffmpeg' that writes a tiny JPEG to its last argument."""
    script = tmp_path / "fake-ffmpeg"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        "open(sys.argv[-1], 'wb').write(b'\\xff\\xd8\\xff\\xe0' + b'JFIF' + bytes(64) + b'\\xff\\xd9')\n"
    )
    script.chmod(0o755)
    return script


async def test_snapshot_grabbed_and_served(tmp_path: Path, fake_ffmpeg: Path) -> None:
    runner = BackendRunner(
        tmp_path / "snap", "--sim-interval", "0",
        "--rtsp-base", "rtsp://127.0.0.1:9", "--ffmpeg", str(fake_ffmpeg),
    )  # fmt: skip
    runner.start()
    try:
        async with api_client(runner) as client:
            admin = await login(client, "admin")
            with_snap = await raise_alert(client, admin, camera_id="cam-005", snapshot=True)
            without = await raise_alert(client, admin, camera_id="cam-005", snapshot=False)
            image = await client.get(f"/alerts/{with_snap['id']}/snapshot", headers=bearer(admin))
            none = await client.get(f"/alerts/{without['id']}/snapshot", headers=bearer(admin))
            health = (await client.get("/health")).json()
            cameras = (await client.get("/cameras", headers=bearer(admin))).json()
    finally:
        assert runner.stop() == 0
    assert {c["status"] for c in cameras} == {"online"}
    assert cameras[4]["sub_url"] == "rtsp://127.0.0.1:9/cam-005/sub"
    assert with_snap["snapshot_url"] == f"/api/v1/alerts/{with_snap['id']}/snapshot"
    assert image.status_code == 200
    assert image.headers["content-type"] == "image/jpeg"
    assert image.content.startswith(b"\xff\xd8")
    assert none.status_code == 404
    assert none.json()["code"] == "no_snapshot"
    assert health["media_ready"] is True  # an external RTSP server is taken on trust


async def test_failed_snapshot_still_raises_the_alert(tmp_path: Path) -> None:
    # Real ffmpeg against a closed port: refused at once.
    runner = BackendRunner(
        tmp_path / "nosnap", "--sim-interval", "0", "--rtsp-base", "rtsp://127.0.0.1:9"
    )
    runner.start()
    try:
        async with api_client(runner) as client:
            admin = await login(client, "admin")
            alert = await raise_alert(client, admin, camera_id="cam-001", snapshot=True)
            stats = (await client.get("/stats", headers=bearer(admin))).json()
    finally:
        assert runner.stop() == 0
    assert alert["snapshot_url"] is None
    assert stats["snapshot_failures"] == 1
    assert "snapshot of rtsp://127.0.0.1:9/cam-001/sub failed" in runner.log_tail()
