"""Field reports, hotline calls, KPIs, layouts and the audit log against the real backend."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime, timedelta

from tests.backend.backend_runner import BackendRunner, api_client, bearer, login, raise_alert


async def test_field_reports_list_filter_page_and_events(module_backend: BackendRunner) -> None:
    async with api_client(module_backend) as client:
        admin = await login(client, "admin")
        op = await login(client, "operator")
        ward_op = await login(client, "ward_op")
        h = bearer(op)
        made = (
            await client.post("/sim/field-reports", json={"count": 30}, headers=bearer(admin))
        ).json()["items"]
        lights = await client.post(
            "/sim/field-reports", json={"count": 3, "category": "street_light"},
            headers=bearer(admin),
        )  # fmt: skip
        page = (
            await client.get("/field-reports", params={"limit": 10, "offset": 5}, headers=h)
        ).json()
        by_cat = (await client.get("/field-reports", params={"category": "street_light",
                                                             "limit": 500}, headers=h)).json()  # fmt: skip
        scoped = (await client.get("/field-reports", params={"limit": 500},
                                   headers=bearer(ward_op))).json()  # fmt: skip
        foreign = next(r for r in made if r["ward_id"] != "an-cuu")
        hidden = await client.get(f"/field-reports/{foreign['id']}", headers=bearer(ward_op))
        moved = await client.patch(
            f"/field-reports/{foreign['id']}",
            json={"status": "resolved", "response": "Đã xử lý"}, headers=h,
        )  # fmt: skip
        bad_move = await client.patch(
            f"/field-reports/{foreign['id']}", json={"status": "received"}, headers=h
        )
        typed = await client.post(
            "/field-reports",
            json={"category": "noise", "text": "Karaoke quá 22 giờ", "lat": 16.45, "lon": 107.6,
                  "ward_id": "an-cuu"},
            headers=bearer(ward_op),
        )  # fmt: skip
        events = (await client.get("/events", params={"limit": 5000}, headers=h)).json()["events"]
    assert len(made) == 30
    assert lights.status_code == 201
    assert page["total"] >= 33
    assert len(page["items"]) == 10
    ids = [r["id"] for r in page["items"]]
    assert ids == sorted(ids, reverse=True)
    assert len(by_cat["items"]) >= 3
    assert {r["category"] for r in by_cat["items"]} == {"street_light"}
    assert {r["ward_id"] for r in scoped["items"]} <= {"an-cuu"}
    assert hidden.status_code == 404
    assert moved.json()["status"] == "resolved"
    assert moved.json()["on_time"] is True
    assert bad_move.status_code == 409
    assert typed.status_code == 201
    assert typed.json()["code"] == f"PA-{typed.json()['id']:06d}"
    sample = made[0]
    assert sample["status"] == "received"
    assert re.search(r"\w", sample["text"])
    assert sample["address"]
    created_ids = {e["data"]["id"] for e in events if e["type"] == "field_report.created"}
    assert {r["id"] for r in made} <= created_ids
    assert any(
        e["type"] == "field_report.updated" and e["data"]["id"] == foreign["id"] for e in events
    )


async def test_hotline_calls_are_masked_and_scoped(module_backend: BackendRunner) -> None:
    async with api_client(module_backend) as client:
        admin = await login(client, "admin")
        op = await login(client, "operator")
        ward_op = await login(client, "ward_op")
        made = (
            await client.post("/sim/hotline-calls", json={"count": 40}, headers=bearer(admin))
        ).json()["items"]
        logged = await client.post(
            "/hotline-calls",
            json={"number": "0912 345 678", "topic": "flooding", "ward_id": "an-cuu",
                  "duration_s": 95, "outcome": "forwarded", "summary": "Ngập đường Hùng Vương"},
            headers=bearer(op),
        )  # fmt: skip
        bad_number = await client.post(
            "/hotline-calls",
            json={"number": "call me", "topic": "noise", "duration_s": 1, "outcome": "dropped"},
            headers=bearer(op),
        )  # fmt: skip
        scoped = (await client.get("/hotline-calls", params={"limit": 500},
                                   headers=bearer(ward_op))).json()  # fmt: skip
        by_topic = (await client.get("/hotline-calls", params={"topic": "flooding"},
                                     headers=bearer(op))).json()  # fmt: skip
        ws_events = (await client.get("/events", params={"limit": 5000},
                                      headers=bearer(ward_op))).json()["events"]  # fmt: skip
    assert len(made) == 40
    assert all(re.fullmatch(r"0\dxx xxx \d{3}", c["number_masked"]) for c in made)
    assert logged.status_code == 201
    assert logged.json()["number_masked"] == "09xx xxx 678"
    assert logged.json()["operator"] == "operator"
    assert bad_number.status_code == 422
    assert {c["ward_id"] for c in scoped["items"]} == {"an-cuu"}
    assert logged.json()["id"] in [c["id"] for c in by_topic["items"]]
    assert any(c["ward_id"] is None for c in made)  # tourist questions belong to no ward
    hotline_wards = {e["data"]["ward_id"] for e in ws_events if e["type"] == "hotline.created"}
    assert hotline_wards == {"an-cuu"}


async def test_kpis_snapshot_and_series(module_backend: BackendRunner) -> None:
    async with api_client(module_backend) as client:
        admin = await login(client, "admin")
        op = await login(client, "operator")
        ward_op = await login(client, "ward_op")
        h = bearer(op)
        a = await raise_alert(client, admin, camera_id="cam-008", type="street_vending")
        b = await raise_alert(client, admin, camera_id="cam-008", type="street_vending")
        await client.post(
            f"/alerts/{a['id']}/dismiss", json={"reason": "false_positive"}, headers=h
        )
        await client.post(f"/alerts/{b['id']}/dismiss", json={"reason": "đã xử lý"}, headers=h)
        tick = await client.post("/sim/kpi-tick", headers=bearer(admin))
        snap = (await client.get("/kpis/snapshot", headers=h)).json()
        ward_snap = (await client.get("/kpis/snapshot", headers=bearer(ward_op))).json()
        foreign = await client.get("/kpis/snapshot", params={"ward": "kim-long"},
                                   headers=bearer(ward_op))  # fmt: skip
        river = (await client.get("/kpis/series", params={"name": "river.level", "step": 60,
                 "from": (datetime.now(UTC) - timedelta(minutes=5)).isoformat()},
                 headers=h)).json()  # fmt: skip
        alerts = (await client.get("/kpis/series", params={"name": "alerts.per_hour"},
                                   headers=h)).json()  # fmt: skip
        too_many = await client.get("/kpis/series", params={"name": "hotline.calls", "step": 10,
                                    "from": "2025-01-01T00:00:00Z"}, headers=h)  # fmt: skip
        kpi_events = (await client.get("/events", params={"limit": 5000},
                                       headers=bearer(ward_op))).json()["events"]  # fmt: skip
        police = await client.post("/sim/kpi-tick", headers=bearer(op))
    assert tick.status_code == 201
    values = {(v["name"], tuple(sorted(v["labels"].items()))): v for v in snap["values"]}
    fp = values[("analytics.false_positive_rate", (("type", "street_vending"),))]
    assert fp["value"] == 50.0
    kim_long = values[
        ("river.level", (("name", "Kim Long"), ("river", "Hương"), ("station", "kim-long")))
    ]
    assert kim_long["thresholds"] == [1.0, 2.0, 3.5]
    assert kim_long["alarm_level"] == 0
    assert 0.3 < kim_long["value"] < 1.0
    names = {v["name"] for v in snap["values"]}
    assert names >= {
        "field_reports.received", "field_reports.processed", "field_reports.on_time_rate",
        "field_reports.satisfaction", "alerts.per_hour", "analytics.false_positive_rate",
        "cameras.uptime", "hotline.calls", "incidents.sla_compliance", "river.level", "air.aqi",
    }  # fmt: skip
    groups = {v["labels"].get("process_group") for v in snap["values"]
              if v["name"] == "incidents.sla_compliance"}  # fmt: skip
    assert groups == {"immediate", "deadline", "command_support"}
    assert ward_snap["ward_id"] == "an-cuu"
    assert foreign.status_code == 403
    stations = {line["labels"]["station"] for line in river["lines"]}
    assert stations == {"kim-long", "phu-oc"}
    assert any(p["value"] is not None for line in river["lines"] for p in line["points"])
    assert alerts["step_s"] == 3600
    assert too_many.status_code == 422
    kpi_wards = {e["data"]["ward_id"] for e in kpi_events if e["type"] == "kpi.updated"}
    assert kpi_wards == {"an-cuu"}  # the city-wide figures go to city-wide users only
    assert police.status_code == 403


async def test_layouts_versions_and_push(module_backend: BackendRunner) -> None:
    async with api_client(module_backend) as client:
        op = await login(client, "operator")
        cmd = await login(client, "commander")
        doc = {"version": 1, "name": "Lũ lụt", "screens": [{"grid": [3, 3], "panes": []}]}
        shared_by_op = await client.post(
            "/layouts", json={"name": "Lũ lụt", "scope": "shared", "document": doc},
            headers=bearer(op),
        )  # fmt: skip
        private = await client.post(
            "/layouts", json={"name": "Của tôi", "document": doc}, headers=bearer(op)
        )
        shared = await client.post(
            "/layouts", json={"name": "Lũ lụt", "scope": "shared", "document": doc},
            headers=bearer(cmd),
        )  # fmt: skip
        sid = shared.json()["id"]
        seen_by_cmd = (await client.get("/layouts", headers=bearer(cmd))).json()
        hidden = await client.get(f"/layouts/{private.json()['id']}", headers=bearer(cmd))
        no_if_match = await client.put(f"/layouts/{sid}", json={"name": "x", "document": doc},
                                       headers=bearer(cmd))  # fmt: skip
        updated = await client.put(
            f"/layouts/{sid}", json={"name": "Lũ lụt v2", "document": {**doc, "tour": []}},
            headers={**bearer(cmd), "If-Match": '"1"'},
        )  # fmt: skip
        stale = await client.put(
            f"/layouts/{sid}", json={"name": "x", "document": doc},
            headers={**bearer(cmd), "If-Match": '"1"'},
        )  # fmt: skip
        huge = await client.post(
            "/layouts", json={"name": "big", "document": {"blob": "x" * 300_000}},
            headers=bearer(op),
        )  # fmt: skip
        deep: dict = {}
        cursor = deep
        for _ in range(40):
            cursor["a"] = {}
            cursor = cursor["a"]
        too_deep = await client.post("/layouts", json={"name": "deep", "document": deep},
                                     headers=bearer(op))  # fmt: skip
        op_push = await client.post(f"/layouts/{sid}/push", json={}, headers=bearer(op))
        pushed = await client.post(
            f"/layouts/{sid}/push", json={"screens": ["wall-1"]}, headers=bearer(cmd)
        )
        events = (await client.get("/events", params={"limit": 5000},
                                   headers=bearer(op))).json()["events"]  # fmt: skip
    assert shared_by_op.status_code == 403
    assert private.status_code == 201
    assert shared.status_code == 201
    # Besides the demo presets (owned by "system"), the commander sees only the shared one.
    assert [item["id"] for item in seen_by_cmd if item["owner"] != "system"] == [sid]
    assert hidden.status_code == 404
    assert no_if_match.status_code == 428
    assert updated.json()["version"] == 2
    assert updated.headers["etag"] == '"2"'
    assert stale.status_code == 412
    assert stale.json()["current"]["name"] == "Lũ lụt v2"
    assert huge.status_code == 413
    assert too_deep.status_code == 422
    assert op_push.status_code == 403
    assert pushed.status_code == 200
    push_events = [e for e in events if e["type"] == "layout.pushed"]
    assert len(push_events) == 1
    assert push_events[0]["data"]["version"] == 2
    assert push_events[0]["data"]["screens"] == ["wall-1"]
    assert push_events[0]["data"]["document"]["tour"] == []


async def test_audit_chain_detects_tampering(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        admin = await login(client, "admin")
        op = await login(client, "operator")
        alert = await raise_alert(client, admin, camera_id="cam-001")
        await client.post(f"/alerts/{alert['id']}/acknowledge", json={}, headers=bearer(op))
        created = await client.post(
            "/incidents",
            json={"title": "Ùn tắc cầu Trường Tiền", "category": "traffic_jam",
                  "ward_id": "thuan-hoa", "alert_ids": [alert["id"]]},
            headers=bearer(op),
        )  # fmt: skip
        await client.patch(f"/incidents/{created.json()['id']}", json={"note": "CSGT đến"},
                           headers=bearer(op))  # fmt: skip
        forbidden = await client.get("/audit", headers=bearer(op))
        log = (await client.get("/audit", headers=bearer(admin))).json()
        clean = (await client.get("/audit/verify", headers=bearer(admin))).json()
        with sqlite3.connect(backend.data_dir / "ioc.db") as db:
            db.execute("UPDATE audit_log SET actor = 'someone-else' WHERE id = 2")
        tampered = (await client.get("/audit/verify", headers=bearer(admin))).json()
        with sqlite3.connect(backend.data_dir / "ioc.db") as db:
            db.execute("UPDATE audit_log SET actor = 'operator' WHERE id = 2")
            db.execute("DELETE FROM audit_log WHERE id = 1")
        deleted = (await client.get("/audit/verify", headers=bearer(admin))).json()
    assert forbidden.status_code == 403
    assert [e["action"] for e in reversed(log["items"])] == [
        "alert.acknowledge", "incident.create", "incident.update",
    ]  # fmt: skip
    assert log["items"][-1]["prev_hash"] == "0" * 64
    assert log["items"][0]["prev_hash"] == log["items"][1]["hash"]
    assert clean == {"ok": True, "rows_checked": 3, "first_broken_id": None, "reason": None}
    assert tampered["ok"] is False
    assert tampered["first_broken_id"] == 2
    assert deleted["ok"] is False
    assert deleted["first_broken_id"] == 2


async def test_websocket_scope_covers_incidents_kpis_and_hotline(
    module_backend: BackendRunner,
) -> None:
    from websockets.asyncio.client import connect

    from tests.backend.backend_runner import recv_json

    async with api_client(module_backend) as client:
        admin = await login(client, "admin")
        op = await login(client, "operator")
        ward_op = await login(client, "ward_op")
        last = (await client.get("/stats", headers=bearer(admin))).json()["last_seq"]
        async with connect(module_backend.ws_url(ward_op, after=last)) as ws:
            foreign = await client.post(
                "/incidents", json={"title": "Cháy", "category": "fire", "ward_id": "kim-long"},
                headers=bearer(op),
            )  # fmt: skip
            await client.post("/sim/kpi-tick", headers=bearer(admin))
            await client.post(
                "/hotline-calls",
                json={"number": "0905123456", "topic": "tourism", "duration_s": 60,
                      "outcome": "information"},
                headers=bearer(op),
            )  # fmt: skip
            mine = await client.post(
                "/incidents", json={"title": "Ồn", "category": "noise", "ward_id": "an-cuu"},
                headers=bearer(op),
            )  # fmt: skip
            seen: list[dict] = []
            while True:
                envelope = await recv_json(ws)
                if envelope["type"] == "heartbeat":
                    continue
                seen.append(envelope)
                if envelope["type"] == "incident.created":
                    break
    assert foreign.status_code == mine.status_code == 201
    types = [e["type"] for e in seen]
    # The tick also moves some of the ward's reports along (field_report.updated).
    assert set(types) <= {"kpi.updated", "incident.created", "field_report.updated"}
    assert types.count("kpi.updated") == 1
    assert all(e["data"]["ward_id"] == "an-cuu" for e in seen)
    assert seen[-1]["data"]["id"] == mine.json()["id"]
