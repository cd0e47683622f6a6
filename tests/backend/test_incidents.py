"""Incidents against the real backend: idempotent create, ETag/If-Match, lifecycle, SOP,
dispatch, escalation from alerts, links to field reports, roles and ward scope."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx

from tests.backend.backend_runner import BackendRunner, api_client, bearer, login, raise_alert


def incident_body(**over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Rác tồn đọng đường Lê Lợi",
        "category": "garbage",
        "ward_id": "thuan-hoa",
        "priority": "medium",
    }
    body.update(over)
    return body


async def create(client: httpx.AsyncClient, token: str, **over: Any) -> dict[str, Any]:
    response = await client.post("/incidents", json=incident_body(**over), headers=bearer(token))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def events_of(client: httpx.AsyncClient, token: str, type_: str, id_: int) -> list[dict]:
    page = (await client.get("/events", params={"limit": 5000}, headers=bearer(token))).json()
    return [e for e in page["events"] if e["type"] == type_ and e["data"]["id"] == id_]


async def test_create_is_idempotent(module_backend: BackendRunner) -> None:
    async with api_client(module_backend) as client:
        op = await login(client, "operator")
        h = bearer(op)
        body = incident_body(idempotency_key="inc-key-1", note="Người dân gọi đường dây nóng")
        first = await client.post("/incidents", json=body, headers=h)
        replay = await client.post("/incidents", json=body, headers=h)
        by_header = await client.post(
            "/incidents", json=incident_body(), headers={**h, "Idempotency-Key": "inc-key-2"}
        )
        header_replay = await client.post(
            "/incidents", json=incident_body(), headers={**h, "Idempotency-Key": "inc-key-2"}
        )
        reused = await client.post(
            "/incidents", json=incident_body(idempotency_key="inc-key-1", title="khác"), headers=h
        )
        created_events = await events_of(client, op, "incident.created", first.json()["id"])
    assert first.status_code == 201
    assert first.headers["etag"] == '"1"'
    assert replay.status_code == 200
    assert replay.json()["id"] == first.json()["id"]
    assert len(created_events) == 1
    assert by_header.status_code == 201
    assert header_replay.status_code == 200
    assert header_replay.json()["id"] == by_header.json()["id"] != first.json()["id"]
    assert reused.status_code == 422
    assert reused.json()["code"] == "idempotency_key_reused"
    inc = first.json()
    assert inc["state"] == "new"
    assert inc["process_group"] == "deadline"
    assert inc["created_by"] == "operator"
    assert [t["kind"] for t in inc["timeline"]] == ["created", "note"]
    assert inc["timeline"][1]["text"] == "Người dân gọi đường dây nóng"
    # Garbage is handled within 24 hours.
    created_at = datetime.fromisoformat(inc["created_at"])
    assert datetime.fromisoformat(inc["due_at"]) - created_at == timedelta(hours=24)
    assert {s["id"] for s in inc["checklist"]} >= {"verify", "collect", "report_result"}


async def test_patch_with_a_key_applies_once(module_backend: BackendRunner) -> None:
    async with api_client(module_backend) as client:
        op = await login(client, "operator")
        inc = await create(client, op)
        h = {**bearer(op), "If-Match": '"1"', "Idempotency-Key": "patch-key-1"}
        first = await client.patch(
            f"/incidents/{inc['id']}", json={"note": "đã liên hệ"}, headers=h
        )
        # The answer was lost; the console resends the same change with the same key.
        replay = await client.patch(
            f"/incidents/{inc['id']}", json={"note": "đã liên hệ"}, headers=h
        )
        other = await client.patch(
            f"/incidents/{inc['id']}", json={"note": "khác"}, headers={**h, "If-Match": '"2"'}
        )
        updated = await events_of(client, op, "incident.updated", inc["id"])
    assert first.status_code == 200, first.text
    assert first.json()["version"] == 2
    assert replay.status_code == 200, "not 412: the key is known, the change already applied"
    assert replay.json()["version"] == 2
    assert [t["text"] for t in replay.json()["timeline"]].count("đã liên hệ") == 1
    assert len(updated) == 1, "one change, one event"
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"


async def test_stale_write_gets_412_with_the_current_version(module_backend: BackendRunner) -> None:
    async with api_client(module_backend) as client:
        op = await login(client, "operator")
        cmd = await login(client, "commander")
        inc = await create(client, op)
        url = f"/incidents/{inc['id']}"
        got = await client.get(url, headers=bearer(cmd))
        mine = await client.patch(
            url, json={"title": "Rác tồn đọng (đã xác minh)"},
            headers={**bearer(op), "If-Match": got.headers["etag"]},
        )  # fmt: skip
        theirs = await client.patch(
            url, json={"priority": "high"}, headers={**bearer(cmd), "If-Match": '"1"'}
        )
        no_match = await client.put(url, json={**incident_body(), "process_group": "deadline"},
                                    headers=bearer(cmd))  # fmt: skip
        put_stale = await client.put(
            url, json={**incident_body(), "process_group": "deadline"},
            headers={**bearer(cmd), "If-Match": '"1"'},
        )  # fmt: skip
        put_ok = await client.put(
            url, json={**incident_body(title="Rác – đổi nhóm"), "process_group": "immediate",
                       "priority": "high"},
            headers={**bearer(cmd), "If-Match": 'W/"2"'},
        )  # fmt: skip
        bad = await client.patch(url, json={"note": "x"}, headers={**bearer(op), "If-Match": "abc"})
        note_anyway = await client.patch(url, json={"note": "ghi chú"}, headers=bearer(op))
    assert got.headers["etag"] == '"1"'
    assert mine.status_code == 200
    assert mine.headers["etag"] == '"2"'
    assert theirs.status_code == 412
    body = theirs.json()
    assert body["code"] == "stale_version"
    assert body["current_version"] == 2
    assert body["current"]["title"] == "Rác tồn đọng (đã xác minh)"
    assert no_match.status_code == 428
    assert put_stale.status_code == 412
    assert put_ok.status_code == 200, put_ok.text
    assert put_ok.json()["process_group"] == "immediate"
    # Immediate handling of garbage: 4 hours from creation.
    new = put_ok.json()
    assert datetime.fromisoformat(new["due_at"]) - datetime.fromisoformat(
        new["created_at"]
    ) == timedelta(hours=4)
    assert bad.status_code == 400
    assert note_anyway.status_code == 200
    assert note_anyway.json()["version"] == 4


async def test_lifecycle_sop_and_units(module_backend: BackendRunner) -> None:
    async with api_client(module_backend) as client:
        op = await login(client, "operator")
        h = bearer(op)
        inc = await create(client, op, category="street_light", ward_id="vy-da")
        url = f"/incidents/{inc['id']}"

        async def patch(body: dict[str, Any]) -> httpx.Response:
            return await client.patch(url, json=body, headers=h)

        skip = await patch({"state": "in_progress"})
        no_units = await patch({"state": "dispatched"})
        dispatched = await patch({"dispatch_unit_ids": ["vy-da-electricity"]})
        busy_units = (await client.get("/units", params={"status": "busy"}, headers=h)).json()
        other = await create(client, op, category="street_light", ward_id="vy-da")
        taken = await client.patch(
            f"/incidents/{other['id']}", json={"dispatch_unit_ids": ["vy-da-electricity"]},
            headers=h,
        )  # fmt: skip
        working = await patch({"state": "in_progress", "checklist_done": ["verify"]})
        resolved = await patch({"state": "resolved"})
        early_close = await patch({"state": "closed"})
        unknown_step = await patch({"checklist_done": ["dance"]})
        ticked = await patch({"checklist_done": ["cut_power", "repair", "report_result"]})
        closed = await patch({"state": "closed", "note": "Đã thay bóng đèn"})
        after = await patch({"title": "đổi"})
        note_after = await patch({"note": "Người dân xác nhận đèn sáng"})
        cancel_no_reason = await client.patch(
            f"/incidents/{other['id']}", json={"state": "cancelled"}, headers=h
        )
        cancelled = await client.patch(
            f"/incidents/{other['id']}", json={"state": "cancelled", "reason": "trùng lặp"},
            headers=h,
        )  # fmt: skip
        free = (await client.get("/units", params={"ward_id": "vy-da"}, headers=h)).json()
    assert skip.status_code == 409
    assert skip.json()["code"] == "invalid_transition"
    assert no_units.status_code == 409
    assert no_units.json()["code"] == "no_units"
    assert dispatched.json()["state"] == "dispatched"
    assert dispatched.json()["unit_ids"] == ["vy-da-electricity"]
    assert dispatched.json()["dispatched_at"] is not None
    assert [u["id"] for u in busy_units if u["incident_id"] == inc["id"]] == ["vy-da-electricity"]
    assert taken.status_code == 409
    assert taken.json()["code"] == "unit_busy"
    assert working.json()["state"] == "in_progress"
    assert resolved.json()["state"] == "resolved"
    assert resolved.json()["sla_met"] is True
    assert early_close.status_code == 409
    early = early_close.json()
    assert early["code"] == "checklist_incomplete"
    assert [s["id"] for s in early["missing_steps"]] == ["cut_power", "repair", "report_result"]
    assert unknown_step.status_code == 422
    assert ticked.status_code == 200
    assert closed.status_code == 200, closed.text
    final = closed.json()
    assert final["state"] == "closed"
    assert final["closed_at"] is not None
    done = {s["id"]: s for s in final["checklist"]}
    assert done["repair"]["done_by"] == "operator"
    assert done["inform_reporter"]["done"] is False  # optional steps do not block
    kinds = [t["kind"] for t in final["timeline"]]
    assert kinds.count("state") == 4
    assert "dispatch" in kinds
    assert "checklist" in kinds
    assert all(t["actor"] == "operator" for t in final["timeline"])
    assert after.status_code == 409
    assert note_after.status_code == 200
    assert cancel_no_reason.status_code == 422
    assert cancelled.json()["state"] == "cancelled"
    assert all(u["status"] == "available" for u in free)
    assert {u["kind"] for u in free} == {
        "police", "fire", "ward_committee", "environment_public_works", "electricity",
        "traffic", "medical",
    }  # fmt: skip


async def test_escalating_alerts_creates_then_links_an_incident(
    module_backend: BackendRunner,
) -> None:
    async with api_client(module_backend) as client:
        admin = await login(client, "admin")
        op = await login(client, "operator")
        h = bearer(op)
        fire = await raise_alert(client, admin, camera_id="cam-012", type="forest_fire")
        smoke = await raise_alert(client, admin, camera_id="cam-012", type="smoke_fire")
        first = await client.post(f"/alerts/{fire['id']}/escalate", json={}, headers=h)
        incident_id = first.json()["incident_id"]
        second = await client.post(
            f"/alerts/{smoke['id']}/escalate", json={"incident_id": incident_id}, headers=h
        )
        incident = (await client.get(f"/incidents/{incident_id}", headers=h)).json()
        created = await events_of(client, op, "incident.created", incident_id)
        updates = await events_of(client, op, "alert.updated", fire["id"])
    assert first.status_code == 200
    assert first.json()["state"] == "escalated"
    assert incident_id is not None
    assert second.json()["incident_id"] == incident_id
    assert incident["alert_ids"] == [fire["id"], smoke["id"]]
    assert incident["category"] == "forest_fire"
    assert incident["process_group"] == "immediate"
    assert incident["ward_id"] == "thuy-xuan"
    assert incident["priority"] == fire["severity"]
    assert incident["lat"] is not None
    assert len(created) == 1
    assert len(updates) == 1  # one alert.updated per escalation, carrying the incident id
    assert updates[0]["data"]["incident_id"] == incident_id


async def test_field_reports_follow_their_incident(module_backend: BackendRunner) -> None:
    async with api_client(module_backend) as client:
        admin = await login(client, "admin")
        op = await login(client, "operator")
        h = bearer(op)
        sim = await client.post(
            "/sim/field-reports", json={"count": 1, "category": "road_damage"},
            headers=bearer(admin),
        )  # fmt: skip
        report = sim.json()["items"][0]
        early_rating = await client.patch(
            f"/field-reports/{report['id']}", json={"satisfaction": 5}, headers=h
        )
        call = (await client.post("/sim/hotline-calls", json={}, headers=bearer(admin))).json()
        call_id = call["items"][0]["id"]
        inc = await create(
            client, op, category="road_damage", ward_id=report["ward_id"],
            field_report_ids=[report["id"]], unit_ids=[f"{report['ward_id']}-traffic"],
        )  # fmt: skip
        linked = (await client.get(f"/field-reports/{report['id']}", headers=h)).json()
        url = f"/incidents/{inc['id']}"
        await client.patch(url, json={"state": "in_progress"}, headers=h)
        await client.patch(
            url, json={"state": "resolved", "link_hotline_call_ids": [call_id],
                       "checklist_done": ["verify", "warning_signs", "repair", "report_result"]},
            headers=h,
        )  # fmt: skip
        await client.patch(url, json={"state": "closed"}, headers=h)
        closed_report = (await client.get(f"/field-reports/{report['id']}", headers=h)).json()
        rated = await client.patch(
            f"/field-reports/{report['id']}", json={"satisfaction": 4}, headers=h
        )
        final = (await client.get(url, headers=h)).json()
    assert inc["state"] == "dispatched"
    assert early_rating.status_code == 409
    assert early_rating.json()["code"] == "not_closed"
    assert linked["status"] == "in_progress"
    assert linked["incident_id"] == inc["id"]
    assert closed_report["status"] == "closed"
    assert closed_report["on_time"] is True
    assert rated.json()["satisfaction"] == 4
    assert final["hotline_call_ids"] == [call_id]
    assert final["field_report_ids"] == [report["id"]]


async def test_roles_and_ward_scope(module_backend: BackendRunner) -> None:
    async with api_client(module_backend) as client:
        op = await login(client, "operator")
        ward_op = await login(client, "ward_op")
        police = await login(client, "police")
        elsewhere = await create(client, op, ward_id="kim-long")
        mine = await create(client, ward_op, ward_id="an-cuu")
        w = bearer(ward_op)
        listed = (await client.get("/incidents", params={"limit": 500}, headers=w)).json()
        hidden = await client.get(f"/incidents/{elsewhere['id']}", headers=w)
        hidden_patch = await client.patch(
            f"/incidents/{elsewhere['id']}", json={"note": "x"}, headers=w
        )
        out_of_scope = await client.post("/incidents", json=incident_body(ward_id="kim-long"),
                                         headers=w)  # fmt: skip
        foreign_unit = await client.patch(
            f"/incidents/{mine['id']}", json={"dispatch_unit_ids": ["kim-long-police"]}, headers=w
        )
        units = (await client.get("/units", headers=w)).json()
        other_units = await client.get("/units", params={"ward_id": "kim-long"}, headers=w)
        police_create = await client.post(
            "/incidents", json=incident_body(), headers=bearer(police)
        )
        police_read = await client.get(f"/incidents/{mine['id']}", headers=bearer(police))
        events = (await client.get("/events", params={"limit": 5000}, headers=w)).json()
    assert {i["ward_id"] for i in listed["items"]} == {"an-cuu"}
    assert hidden.status_code == 404
    assert hidden_patch.status_code == 404
    assert out_of_scope.status_code == 403
    assert foreign_unit.status_code == 422
    assert {u["ward_id"] for u in units} == {"an-cuu"}
    assert other_units.status_code == 403
    assert police_create.status_code == 403
    assert police_read.status_code == 200
    wards_seen = {e["data"].get("ward_id") for e in events["events"] if e["type"] != "kpi.updated"}
    assert wards_seen <= {"an-cuu"}


async def test_lists_filter_and_categories(module_backend: BackendRunner) -> None:
    async with api_client(module_backend) as client:
        op = await login(client, "operator")
        h = bearer(op)
        fire = await create(client, op, category="fire", ward_id="phong-dien", priority="critical")
        by_cat = (await client.get("/incidents", params={"category": "fire"}, headers=h)).json()
        by_ward = (
            await client.get("/incidents", params={"ward_id": "phong-dien"}, headers=h)
        ).json()
        not_overdue = (await client.get("/incidents", params={"overdue": "false",
                                                              "category": "fire"}, headers=h)).json()  # fmt: skip
        naive = await client.get("/incidents", params={"from": "2024-01-01T00:00:00"}, headers=h)
        ancient = await client.get("/incidents", params={"from": "0001-01-01T00:00:00"}, headers=h)
        cats = (await client.get("/incident-categories", headers=h)).json()
    assert [i["id"] for i in by_cat["items"]] == [fire["id"]]
    assert fire["process_group"] == "immediate"
    assert [i["id"] for i in by_ward["items"]] == [fire["id"]]
    assert [i["id"] for i in not_overdue["items"]] == [fire["id"]]
    assert naive.status_code == 200
    assert ancient.status_code == 422
    by_name = {c["category"]: c for c in cats}
    assert by_name["garbage"]["sla_minutes"]["deadline"] == 24 * 60
    assert "fire" in by_name["fire"]["unit_kinds"]
