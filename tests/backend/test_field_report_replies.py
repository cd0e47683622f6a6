"""A reply to the citizen carries an idempotency key: a console's outbox may resend it."""

from __future__ import annotations

from tests.backend.backend_runner import BackendRunner, api_client, bearer, login
from tests.backend.test_incidents import events_of


async def test_a_resent_reply_applies_once(module_backend: BackendRunner) -> None:
    async with api_client(module_backend) as client:
        admin = await login(client, "admin")
        op = await login(client, "operator")
        made = await client.post("/sim/field-reports", json={"count": 1}, headers=bearer(admin))
        report = made.json()["items"][0]
        url = f"/field-reports/{report['id']}"
        h = {**bearer(op), "Idempotency-Key": "reply-1"}
        body = {"status": "in_progress", "response": "Đã tiếp nhận"}
        first = await client.patch(url, json=body, headers=h)
        replay = await client.patch(url, json=body, headers=h)
        reused = await client.patch(url, json={"response": "khác"}, headers=h)
        keyless = await client.patch(url, json={"response": "Đang xử lý"}, headers=bearer(op))
        updated = await events_of(client, op, "field_report.updated", report["id"])
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "in_progress"
    assert replay.status_code == 200
    assert replay.json()["response"] == "Đã tiếp nhận"
    assert reused.status_code == 422
    assert reused.json()["code"] == "idempotency_key_reused"
    assert keyless.json()["response"] == "Đang xử lý"
    assert len(updated) == 2, "the first reply and the keyless one; the resend emitted nothing"
