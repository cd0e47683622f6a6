"""PTZ commands through the real backend: roles, ward scope, fixed cameras, audit and event."""

from __future__ import annotations

import pytest

from server_client.contract import PtzAction, PtzCommand
from server_client.rest import ApiError, RestClient
from tests.backend.backend_runner import BackendRunner, api_client, bearer, login


async def test_ptz_move_is_audited_and_published(module_backend: BackendRunner) -> None:
    async with api_client(module_backend) as client:
        op = await login(client, "operator")
        admin = await login(client, "admin")
        after = (await client.get("/events", headers=bearer(admin))).json()["last_seq"]
        move = await client.post(
            "/cameras/cam-001/ptz",
            json={"action": "move", "pan": -0.5, "tilt": 0.25},
            headers=bearer(op),
        )
        preset = await client.post(
            "/cameras/cam-004/ptz",
            json={"action": "goto_preset", "preset": 3},
            headers=bearer(op),
        )
        events = (
            await client.get("/events", params={"after": after}, headers=bearer(admin))
        ).json()
        log = (
            await client.get("/audit", params={"action": "camera.ptz"}, headers=bearer(admin))
        ).json()
    assert move.status_code == 200, move.text
    ack = move.json()
    assert ack["camera_id"] == "cam-001"
    assert ack["by"] == "operator"
    assert ack["driven"] is False, "the reference backend never drives a real camera"
    assert ack["command"] == {
        "action": "move", "pan": -0.5, "tilt": 0.25, "zoom": 0.0, "preset": None,
    }  # fmt: skip
    assert preset.status_code == 200, preset.text
    ptz_events = [e for e in events["events"] if e["type"] == "camera.ptz"]
    assert [e["data"]["camera_id"] for e in ptz_events] == ["cam-001", "cam-004"]
    assert ptz_events[1]["data"]["command"]["preset"] == 3
    rows = {row["id"]: row for row in log["items"]}
    assert ack["audit_id"] in rows
    row = rows[ack["audit_id"]]
    assert (row["actor"], row["entity_id"], row["ward_id"]) == ("operator", "cam-001", "thuan-hoa")
    assert row["detail"]["pan"] == -0.5


async def test_ptz_refusals(module_backend: BackendRunner) -> None:
    async with api_client(module_backend) as client:
        op = await login(client, "operator")
        police = await login(client, "police")
        ward_op = await login(client, "ward_op")
        fixed = await client.post(
            "/cameras/cam-002/ptz", json={"action": "stop"}, headers=bearer(op)
        )
        role = await client.post(
            "/cameras/cam-001/ptz", json={"action": "stop"}, headers=bearer(police)
        )
        scope = await client.post(
            "/cameras/cam-001/ptz", json={"action": "stop"}, headers=bearer(ward_op)
        )
        unknown = await client.post(
            "/cameras/cam-999/ptz", json={"action": "stop"}, headers=bearer(op)
        )
        still = await client.post(
            "/cameras/cam-001/ptz", json={"action": "move"}, headers=bearer(op)
        )
        no_preset = await client.post(
            "/cameras/cam-001/ptz", json={"action": "goto_preset"}, headers=bearer(op)
        )
        too_fast = await client.post(
            "/cameras/cam-001/ptz", json={"action": "move", "pan": 2}, headers=bearer(op)
        )
        anonymous = await client.post("/cameras/cam-001/ptz", json={"action": "stop"})
    assert fixed.status_code == 409
    assert fixed.json()["code"] == "not_ptz"
    assert "no PTZ" in fixed.json()["message"]
    assert role.status_code == 403
    assert scope.status_code == 404, "a camera outside the ward scope is not there"
    assert unknown.status_code == 404
    for response in (still, no_preset, too_fast):
        assert response.status_code == 422, response.text
    assert "non-zero" in still.json()["message"]
    assert "preset" in no_preset.json()["message"]
    assert anonymous.status_code == 401


async def test_rest_client_sends_ptz(module_backend: BackendRunner) -> None:
    rest = RestClient(module_backend.url)
    try:
        await rest.login("commander", "commander")
        ack = await rest.camera_ptz("cam-011", PtzCommand(action=PtzAction.MOVE, zoom=0.5))
        assert ack.camera_id == "cam-011"
        assert ack.command.zoom == 0.5
        assert ack.by == "commander"
        with pytest.raises(ApiError) as info:
            await rest.camera_ptz("cam-003", PtzCommand(action=PtzAction.STOP))
        assert info.value.status == 409
        assert info.value.code == "not_ptz"
    finally:
        await rest.aclose()


def test_ptz_command_contract() -> None:
    with pytest.raises(ValueError, match="non-zero"):
        PtzCommand(action=PtzAction.MOVE)
    with pytest.raises(ValueError, match="only goto_preset"):
        PtzCommand(action=PtzAction.STOP, preset=2)
    assert PtzCommand(action=PtzAction.GOTO_PRESET, preset=1).preset == 1


async def test_cameras_carry_their_network_caching(module_backend: BackendRunner) -> None:
    rest = RestClient(module_backend.url)
    try:
        await rest.login("operator", "operator")
        cameras = {c.id: c for c in await rest.cameras()}
    finally:
        await rest.aclose()
    # Hill and forest cameras on slow links ask for a longer buffer; the others say nothing.
    assert cameras["cam-015"].network_caching_ms == 1000
    assert cameras["cam-012"].network_caching_ms == 1000
    assert cameras["cam-001"].network_caching_ms is None
