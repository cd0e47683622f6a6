"""``GET /alerts?from=&to=``: the alerts of one hour, half-open like the KPI buckets."""

from __future__ import annotations

import sqlite3

from tests.backend.backend_runner import BackendRunner, api_client, bearer, login, raise_alert


async def test_alerts_filtered_by_time_and_type(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        admin = await login(client, "admin")
        h = bearer(admin)
        alerts = [await raise_alert(client, admin) for _ in range(5)]
        # Place them in time as the simulator would have an hour ago (stored as naive UTC).
        when = [
            "2026-03-01 07:59:59.999999",  # just before the hour
            "2026-03-01 08:00:00.000000",  # its first instant: in
            "2026-03-01 08:30:00.000000",  # in
            "2026-03-01 08:59:59.999999",  # in
            "2026-03-01 09:00:00.000000",  # the next hour: out
        ]
        with sqlite3.connect(backend.data_dir / "ioc.db") as db:
            for alert, ts in zip(alerts, when, strict=True):
                db.execute("UPDATE alerts SET created_at = ? WHERE id = ?", (ts, alert["id"]))
        hour = {"from": "2026-03-01T08:00:00Z", "to": "2026-03-01T09:00:00Z", "limit": 100}
        page = (await client.get("/alerts", params=hour, headers=h)).json()
        # The same hour given in Huế time (UTC+7).
        local = {"from": "2026-03-01T15:00:00+07:00", "to": "2026-03-01T16:00:00+07:00"}
        local_page = (await client.get("/alerts", params=local, headers=h)).json()
        kind = alerts[2]["type"]
        typed = (await client.get("/alerts", params={**hour, "type": kind}, headers=h)).json()
        since_only = (
            await client.get("/alerts", params={"from": "2026-03-01T08:30:00Z"}, headers=h)
        ).json()
        bad = await client.get("/alerts", params={"from": "0001-01-01T00:00:00"}, headers=h)
    ids = [a["id"] for a in alerts]
    assert [a["id"] for a in page["items"]] == [ids[3], ids[2], ids[1]]
    assert page["total"] == 3
    assert [a["id"] for a in local_page["items"]] == [ids[3], ids[2], ids[1]]
    expected = [i for i, a in zip(ids[1:4], alerts[1:4], strict=True) if a["type"] == kind]
    assert sorted(a["id"] for a in typed["items"]) == sorted(expected)
    assert all(a["type"] == kind for a in typed["items"])
    assert {a["id"] for a in since_only["items"]} == {ids[2], ids[3], ids[4]}
    assert bad.status_code == 422


async def test_alerts_filtered_by_ward_within_the_callers_scope(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        admin = await login(client, "admin")
        ward_op = await login(client, "ward_op")  # scoped to an-cuu
        cameras = (await client.get("/cameras", headers=bearer(admin))).json()
        an_cuu = next(c["id"] for c in cameras if c["ward_id"] == "an-cuu")
        other = next(c for c in cameras if c["ward_id"] != "an-cuu")
        mine = [await raise_alert(client, admin, camera_id=an_cuu) for _ in range(3)]
        theirs = [await raise_alert(client, admin, camera_id=other["id"]) for _ in range(2)]
        h = bearer(admin)
        in_ward = (
            await client.get("/alerts", params={"ward_id": "an-cuu", "limit": 1000}, headers=h)
        ).json()
        kind = mine[0]["type"]
        typed = (
            await client.get("/alerts", params={"ward_id": "an-cuu", "type": kind}, headers=h)
        ).json()
        elsewhere = (
            await client.get("/alerts", params={"ward_id": other["ward_id"]}, headers=h)
        ).json()
        scoped_own = await client.get(
            "/alerts", params={"ward_id": "an-cuu"}, headers=bearer(ward_op)
        )
        scoped_foreign = await client.get(
            "/alerts", params={"ward_id": other["ward_id"]}, headers=bearer(ward_op)
        )
        unknown = (await client.get("/alerts", params={"ward_id": "no-such"}, headers=h)).json()
    assert {a["ward_id"] for a in in_ward["items"]} == {"an-cuu"}
    assert {a["id"] for a in mine} <= {a["id"] for a in in_ward["items"]}
    assert in_ward["total"] == len(in_ward["items"])
    assert not {a["id"] for a in theirs} & {a["id"] for a in in_ward["items"]}
    assert {a["ward_id"] for a in typed["items"]} == {"an-cuu"}
    assert {a["type"] for a in typed["items"]} == {kind}
    assert {a["id"] for a in theirs} <= {a["id"] for a in elsewhere["items"]}
    assert scoped_own.status_code == 200
    assert {a["ward_id"] for a in scoped_own.json()["items"]} == {"an-cuu"}
    assert scoped_foreign.status_code == 403, "a ward user asks only for its own wards"
    assert unknown == {"items": [], "total": 0}
