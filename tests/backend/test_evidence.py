"""Evidence search against the real backend (no media): roles, plate search, filters, audit."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.backend.backend_runner import BackendRunner, api_client, bearer, login, raise_alert

CASE = {"case_number": "HS-2026-0815", "reason": "Hit and run at Trường Tiền bridge"}
VEHICLE_TYPES = ("speeding", "red_light", "wrong_way", "illegal_parking", "lane_violation")


async def raise_vehicle_alerts(
    client: httpx.AsyncClient, admin: str, n: int
) -> list[dict[str, Any]]:
    """Alerts with plates, on cameras that run a vehicle analytic."""
    cams = (await client.get("/cameras", headers=bearer(admin))).json()
    alerts: list[dict[str, Any]] = []
    for cam in cams:
        kinds = [k for k in cam["analytics"] if k in VEHICLE_TYPES]
        if kinds:
            alerts.append(await raise_alert(client, admin, camera_id=cam["id"], type=kinds[0]))
        if len(alerts) >= n:
            break
    assert len(alerts) >= min(n, 3), "the demo city has too few vehicle cameras"
    return alerts


def openapi_evidence_calls(spec: dict[str, Any]) -> list[tuple[str, str]]:
    calls: list[tuple[str, str]] = []
    for path, methods in spec["paths"].items():
        if "/evidence" in path:
            concrete = path.replace("/api/v1", "").replace("{export_id}", "x")
            calls += [(m.upper(), concrete) for m in methods]
    return calls


async def test_only_police_liaison_and_admin_reach_evidence(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        spec = (await client.get("/openapi.json")).json()
        calls = openapi_evidence_calls(spec)
        assert len(calls) >= 8, calls
        for user in ("operator", "commander"):
            token = await login(client, user)
            for method, path in calls:
                r = await client.request(
                    method, path, headers=bearer(token), json=CASE, params={"camera_id": "cam-001"}
                )
                assert r.status_code == 403, (user, method, path, r.status_code, r.text)
        police = await login(client, "police")
        r = await client.get("/evidence/key", headers=bearer(police))
        assert r.status_code == 200, r.text
        assert len(r.json()["fingerprint"]) == 64
        assert "BEGIN PUBLIC KEY" in r.json()["public_key_pem"]


async def test_police_finds_a_plate_by_partial_text(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        admin = await login(client, "admin")
        police = await login(client, "police")
        alerts = await raise_vehicle_alerts(client, admin, 6)
        target = alerts[2]
        plate = target["attributes"]["plate"]  # e.g. 75A-123.45 or 75-B1 234.56
        digits = plate.split("-", 1)[1]
        fragment = digits[-6:]  # "123.45": punctuation is ignored either way
        r = await client.post(
            "/evidence/search", headers=bearer(police), json={**CASE, "plate": fragment}
        )
        assert r.status_code == 200, r.text
        hits = r.json()["items"]
        assert target["id"] in [h["alert_id"] for h in hits]
        found = next(h for h in hits if h["alert_id"] == target["id"])
        assert found["plate"] == plate
        assert found["camera_id"] == target["camera_id"]
        assert found["vehicle_colour"] == target["attributes"]["vehicle_colour"]
        # Case, spaces and punctuation do not matter.
        loose = fragment.lower().replace(".", " ")
        r = await client.post(
            "/evidence/search", headers=bearer(police), json={**CASE, "plate": loose}
        )
        assert target["id"] in [h["alert_id"] for h in r.json()["items"]]
        # A plate nobody has finds nothing.
        r = await client.post(
            "/evidence/search", headers=bearer(police), json={**CASE, "plate": "99Z-999.99"}
        )
        assert r.json()["items"] == []


async def test_filters_paging_and_newest_first(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        admin = await login(client, "admin")
        police = await login(client, "police")
        alerts = await raise_vehicle_alerts(client, admin, 8)
        r = await client.post("/evidence/search", headers=bearer(police), json={**CASE, "limit": 3})
        page = r.json()
        assert [h["alert_id"] for h in page["items"]] == sorted(
            (a["id"] for a in alerts), reverse=True
        )[:3]
        assert page["has_more"] is True
        r = await client.post(
            "/evidence/search", headers=bearer(police), json={**CASE, "limit": 3, "offset": 3}
        )
        assert (
            r.json()["items"][0]["alert_id"] == sorted((a["id"] for a in alerts), reverse=True)[3]
        )

        one = alerts[0]
        body = {
            **CASE,
            "camera_ids": [one["camera_id"]],
            "types": [one["type"]],
            "vehicle_colour": one["attributes"]["vehicle_colour"].upper(),
            "vehicle_type": one["attributes"]["vehicle_type"],
        }
        hits = (await client.post("/evidence/search", headers=bearer(police), json=body)).json()
        assert one["id"] in [h["alert_id"] for h in hits["items"]]
        for h in hits["items"]:
            assert h["camera_id"] == one["camera_id"]
            assert h["type"] == one["type"]
        # A time range that ends before the alerts finds none of them.
        past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
        r = await client.post(
            "/evidence/search", headers=bearer(police), json={**CASE, "end": past}
        )
        assert r.json()["items"] == []


async def test_case_number_and_reason_are_required(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        police = await login(client, "police")
        for body in (
            {},
            {"case_number": "A1"},
            {"reason": "x"},
            {"case_number": " ", "reason": "x"},
        ):
            r = await client.post("/evidence/search", headers=bearer(police), json=body)
            assert r.status_code == 422, (body, r.text)


async def test_searches_are_audited_and_tampering_is_detected(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        admin = await login(client, "admin")
        police = await login(client, "police")
        await raise_vehicle_alerts(client, admin, 3)
        r = await client.post(
            "/evidence/search", headers=bearer(police), json={**CASE, "plate": "75", "limit": 2}
        )
        assert r.status_code == 200
        rows = (
            await client.get("/audit", headers=bearer(admin), params={"action": "evidence.search"})
        ).json()["items"]
        assert len(rows) == 1
        row = rows[0]
        assert row["actor"] == "police"
        assert row["entity_id"] == CASE["case_number"]
        assert row["detail"]["case_number"] == CASE["case_number"]
        assert row["detail"]["reason"] == CASE["reason"]
        assert row["detail"]["criteria"]["plate"] == "75"
        verdict = (await client.get("/audit/verify", headers=bearer(admin))).json()
        assert verdict["ok"] is True

        # Someone edits the stored reason behind the backend's back.
        db = sqlite3.connect(backend.db_url.removeprefix("sqlite:///"))
        with db:
            db.execute(
                "UPDATE audit_log SET detail = replace(detail, 'Hit and run', 'Routine') WHERE id = ?",
                (row["id"],),
            )
        db.close()
        verdict = (await client.get("/audit/verify", headers=bearer(admin))).json()
        assert verdict["ok"] is False
        assert verdict["first_broken_id"] == row["id"]


async def test_recordings_and_locks_without_media(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        police = await login(client, "police")
        r = await client.get(
            "/evidence/recordings", headers=bearer(police), params={"camera_id": "cam-001"}
        )
        assert r.status_code == 200, r.text
        assert r.json()["spans"] == []
        assert r.json()["recording"] is False
        now = datetime.now(UTC)
        lock = {**CASE, "camera_id": "cam-001", "start": (now - timedelta(minutes=5)).isoformat(),
                "end": now.isoformat()}  # fmt: skip
        r = await client.post("/evidence/locks", headers=bearer(police), json=lock)
        assert r.status_code == 201, r.text
        locks = (await client.get("/evidence/locks", headers=bearer(police))).json()
        assert [x["case_number"] for x in locks] == [CASE["case_number"]]
        # A clip of a camera with no recording says so; an unknown camera is a 404.
        r = await client.post("/evidence/clip", headers=bearer(police), json=lock)
        assert r.status_code == 422
        assert r.json()["code"] == "no_recording"
        r = await client.post(
            "/evidence/clip", headers=bearer(police), json={**lock, "camera_id": "nope"}
        )
        assert r.status_code == 404
        r = await client.post(
            "/evidence/exports",
            headers=bearer(police),
            json={**CASE, "snapshot_alert_ids": [999999]},
        )
        assert r.status_code == 404


@pytest.mark.parametrize("plate", ["75A-123.45", "75-B1 234.56"])
def test_plate_normalising(plate: str) -> None:
    from backend.evidence import normalise_plate

    assert normalise_plate(plate) == plate.replace("-", "").replace(".", "").replace(" ", "")
    assert normalise_plate(plate.lower()) == normalise_plate(plate)


def rectangle(south: float, west: float, north: float, east: float) -> list[dict[str, float]]:
    return [{"lat": south, "lon": west}, {"lat": south, "lon": east},
            {"lat": north, "lon": east}, {"lat": north, "lon": west}]  # fmt: skip


def add_scoped_police(backend: BackendRunner, username: str, ward: str) -> None:
    """A police liaison limited to one ward, straight into the users table (no API makes one)."""
    from backend.auth import hash_password

    db = sqlite3.connect(backend.db_url.removeprefix("sqlite:///"))
    with db:
        db.execute(
            "INSERT INTO users (username, display_name, role, wards, password_hash, created_at)"
            " VALUES (?, ?, 'police_liaison', ?, ?, '2026-01-01 00:00:00.000000')",
            (username, username, f'["{ward}"]', hash_password(username)),
        )
    db.close()


async def test_search_by_an_area_on_the_map(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        admin = await login(client, "admin")
        police = await login(client, "police")
        cams = {c["id"]: c for c in (await client.get("/cameras", headers=bearer(admin))).json()}
        alerts = await raise_vehicle_alerts(client, admin, 10)
        used = sorted({a["camera_id"] for a in alerts})
        # A box around two of the alerts' cameras, which leaves others out (checked below).
        a, b = cams[used[0]], cams[used[1]]
        south, north = min(a["lat"], b["lat"]) - 1e-4, max(a["lat"], b["lat"]) + 1e-4
        west, east = min(a["lon"], b["lon"]) - 1e-4, max(a["lon"], b["lon"]) + 1e-4
        inside = {cid for cid, c in cams.items()
                  if south <= c["lat"] <= north and west <= c["lon"] <= east}  # fmt: skip
        expected = sorted(x["id"] for x in alerts if x["camera_id"] in inside)
        assert 0 < len(expected) < len(alerts), "the area must split the alerts"
        area = rectangle(south, west, north, east)

        async def found(token: str, **criteria: Any) -> list[int]:
            r = await client.post("/evidence/search", headers=bearer(token),
                                  json={**CASE, "limit": 500, **criteria})  # fmt: skip
            assert r.status_code == 200, r.text
            return sorted(h["alert_id"] for h in r.json()["items"])

        by_area = await found(police, area=area)
        # With a camera list too: only the cameras in both.
        both = await found(police, area=area, camera_ids=[used[0], used[-1]])
        elsewhere = await found(police, area=area, camera_ids=[c for c in used if c not in inside])
        # A ward-scoped officer gets the area within the ward only.
        ward = a["ward_id"]
        add_scoped_police(backend, "police_ward", ward)
        scoped = await found(await login(client, "police_ward"), area=area)
        rows = (
            await client.get("/audit", headers=bearer(admin), params={"action": "evidence.search"})
        ).json()["items"]
        bad = [
            await client.post("/evidence/search", headers=bearer(police), json={**CASE, "area": x})
            for x in (area[:2], [{"lat": 16.4, "lon": 107.5}] * 65,
                      [*area[:3], {"lat": 91, "lon": 107.5}], [*area[:3], {"lat": 16.4}])
        ]  # fmt: skip
        nan = await client.post(
            "/evidence/search", headers={**bearer(police), "Content-Type": "application/json"},
            content=('{"case_number": "A1", "reason": "r", "area": [{"lat": NaN, "lon": 1},'
                     ' {"lat": 1, "lon": 1}, {"lat": 2, "lon": 2}]}'),
        )  # fmt: skip
    assert by_area == expected
    assert both == sorted(x["id"] for x in alerts if x["camera_id"] == used[0])
    assert elsewhere == []
    assert scoped == sorted(
        x["id"]
        for x in alerts
        if x["camera_id"] in inside and cams[x["camera_id"]]["ward_id"] == ward
    )
    # The audit row holds the area as given and the cameras it covered.
    first = rows[-1]
    assert first["detail"]["criteria"]["area"] == area
    assert first["detail"]["area_camera_ids"] == sorted(inside)
    for r in bad:
        assert r.status_code == 422, r.text
        assert r.json()["code"] == "invalid_request"
        assert "area" in r.json()["message"]
    assert nan.status_code == 422, nan.text


def test_point_in_polygon_follows_the_outline_not_the_box() -> None:
    from backend.evidence import point_in_polygon
    from server_client.contract import GeoPoint

    # An L shape: the box around it holds (1.5, 1.5), the L does not.
    ell = [GeoPoint(lat=la, lon=lo) for la, lo in
           ((0, 0), (0, 2), (1, 2), (1, 1), (2, 1), (2, 0))]  # fmt: skip
    assert point_in_polygon(0.5, 1.5, ell)
    assert point_in_polygon(1.5, 0.5, ell)
    assert not point_in_polygon(1.5, 1.5, ell)
    assert not point_in_polygon(3, 0.5, ell)
    assert point_in_polygon(0, 1, ell)  # on an edge
    assert point_in_polygon(2, 1, ell)  # a vertex
