"""Event replay over REST and the resumable websocket, against the real backend."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.backend.backend_runner import (
    BackendRunner,
    api_client,
    bearer,
    login,
    raise_alert,
    recv_json,
    recv_stored,
    recv_until_closed,
)


async def test_events_replay_is_gap_free_and_pages_by_last_seq(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        admin = await login(client, "admin")
        for _ in range(7):
            await raise_alert(client, admin)
        h = bearer(admin)
        everything = (await client.get("/events", params={"after": 0}, headers=h)).json()
        seqs: list[int] = []
        after = 0
        while True:
            page = (
                await client.get("/events", params={"after": after, "limit": 3}, headers=h)
            ).json()
            seqs += [e["seq"] for e in page["events"]]
            after = page["last_seq"]
            if not page["events"]:
                break
        tail = (await client.get("/events", params={"after": 5}, headers=h)).json()
    assert [e["seq"] for e in everything["events"]] == list(range(1, 8))
    assert everything["last_seq"] == 7
    assert all(e["type"] == "alert.created" for e in everything["events"])
    assert seqs == list(range(1, 8))
    assert after == 7
    assert [e["seq"] for e in tail["events"]] == [6, 7]


async def test_websocket_resume_delivers_exactly_the_missed_events(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        admin = await login(client, "admin")
        token = await login(client, "operator")
        for _ in range(3):
            await raise_alert(client, admin)
        async with connect(backend.ws_url(token, after=0)) as ws:
            first = await recv_stored(ws, 3)
            await raise_alert(client, admin)  # live, after the replay
            first += await recv_stored(ws, 1)
        assert [e["seq"] for e in first] == [1, 2, 3, 4]
        # Missed while away:
        for _ in range(3):
            await raise_alert(client, admin)
        async with connect(backend.ws_url(token, after=4)) as ws:
            second = await recv_stored(ws, 3)
            # Nothing else is stored: the next frame is a heartbeat claiming seq 7.
            beat = await recv_json(ws, within=5)
    assert [e["seq"] for e in second] == [5, 6, 7]
    assert beat["type"] == "heartbeat"
    assert beat["seq"] == 7


async def test_websocket_misses_nothing_while_events_race_the_replay(
    backend: BackendRunner,
) -> None:
    async with api_client(backend) as client:
        admin = await login(client, "admin")
        token = await login(client, "operator")
        for _ in range(20):
            await raise_alert(client, admin)

        async def more() -> None:
            for _ in range(20):
                await raise_alert(client, admin)

        producer = asyncio.create_task(more())
        async with connect(backend.ws_url(token, after=0)) as ws:
            got = await recv_stored(ws, 40, within=20)
            await producer
            beat = await recv_json(ws, within=5)
    seqs = [e["seq"] for e in got]
    assert seqs == list(range(1, 41))
    assert beat == {**beat, "type": "heartbeat", "seq": 40}


async def test_clients_joining_during_bursts_get_each_event_once(backend: BackendRunner) -> None:
    # Bursts commit while clients subscribe and replay, so some events reach a client both
    # from the database and from its live queue: it must still see each exactly once.
    async with api_client(backend) as client:
        admin = await login(client, "admin")
        token = await login(client, "operator")

        async def bursts() -> None:
            for _ in range(8):
                response = await client.post(
                    "/sim/burst", json={"count": 100}, headers=bearer(admin)
                )
                assert response.status_code == 201

        async def consumer(delay: float) -> list[int]:
            await asyncio.sleep(delay)
            async with connect(backend.ws_url(token, after=0)) as ws:
                seqs: list[int] = []
                while not seqs or seqs[-1] < 800:
                    seqs += [e["seq"] for e in await recv_stored(ws, 1, within=20)]
                return seqs

        results = await asyncio.gather(bursts(), *(consumer(0.05 * i) for i in range(6)))
    for seqs in results[1:]:
        assert seqs == list(range(1, 801))


async def test_websocket_scope_filters_other_wards(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        admin = await login(client, "admin")
        ward_op = await login(client, "ward_op")
        await raise_alert(client, admin, camera_id="cam-001")  # Thuận Hóa: hidden
        mine = await raise_alert(client, admin, camera_id="cam-009")  # An Cựu
        async with connect(backend.ws_url(ward_op, after=0)) as ws:
            replayed = await recv_stored(ws, 1)
            await raise_alert(client, admin, camera_id="cam-002")  # hidden
            live_mine = await raise_alert(client, admin, camera_id="cam-008")
            live = await recv_stored(ws, 1)
            beat = await recv_json(ws, within=5)
    assert [e["data"]["id"] for e in replayed] == [mine["id"]]
    assert [e["data"]["id"] for e in live] == [live_mine["id"]]
    assert all(e["data"]["ward_id"] == "an-cuu" for e in replayed + live)
    assert beat["type"] == "heartbeat"
    assert beat["seq"] == 4  # past the hidden events too: resuming from it misses nothing


async def test_malformed_websocket_messages_get_errors_and_the_link_survives(
    backend: BackendRunner,
) -> None:
    async with api_client(backend) as client:
        admin = await login(client, "admin")
        token = await login(client, "operator")
        async with connect(backend.ws_url(token)) as ws:
            answers = []
            for junk in (
                "not json",
                "[1, 2]",
                '{"type": "subscribe"}',
                '{"kind": "ping"}',
                b"\xff\xfe",
            ):
                await ws.send(junk)
                answers.append(await recv_json(ws))
            await ws.send('{"type": "ping"}')
            pong = await recv_json(ws)
            alert = await raise_alert(client, admin)
            created = await recv_stored(ws, 1)
        stats = (await client.get("/stats", headers=bearer(admin))).json()
    assert [a["type"] for a in answers] == ["error"] * 5
    assert all(a["data"]["code"] == "malformed_message" for a in answers)
    assert "not JSON" in answers[0]["data"]["message"]
    assert "expected a JSON object" in answers[1]["data"]["message"]
    assert "unknown message type 'subscribe'" in answers[2]["data"]["message"]
    assert "missing 'type'" in answers[3]["data"]["message"]
    assert pong["type"] == "heartbeat"
    assert pong["seq"] == 0
    assert created[0]["data"]["id"] == alert["id"]
    assert stats["ws_malformed_messages"] == 5
    assert stats["ws_connections_total"] == 1
    assert "malformed websocket message #5 from operator" in backend.log_tail()


async def test_websocket_bad_token_or_cursor_is_closed_with_a_reason(
    backend: BackendRunner,
) -> None:
    async with api_client(backend) as client:
        token = await login(client, "operator")
    async with connect(backend.ws_url("garbage")) as ws:
        with pytest.raises(ConnectionClosed) as info:
            await ws.recv()
    assert info.value.rcvd is not None
    assert info.value.rcvd.code == 4401
    assert "invalid_token" in info.value.rcvd.reason
    async with connect(backend.ws_url(token).replace("after=0", "after=x")) as ws:
        with pytest.raises(ConnectionClosed) as info:
            await ws.recv()
    assert info.value.rcvd is not None
    assert info.value.rcvd.code == 4400
    for bad in ("0", "501", "lots"):
        async with connect(backend.ws_url(token) + f"&batch={bad}") as ws:
            with pytest.raises(ConnectionClosed) as info:
                await ws.recv()
        assert info.value.rcvd is not None
        assert info.value.rcvd.code == 4400
        assert "batch must be an integer from 1 to 500" in info.value.rcvd.reason
    # A cursor beyond the server's history is reported, then streaming goes on.
    async with connect(backend.ws_url(token, after=500)) as ws:
        warning = await recv_json(ws)
        beat = await recv_json(ws)
    assert warning["type"] == "error"
    assert warning["data"]["code"] == "cursor_ahead"
    assert beat["type"] == "heartbeat"


async def test_slow_consumer_is_cut_off_and_resumes(tmp_path: Path) -> None:
    runner = BackendRunner(tmp_path / "slow", "--sim-interval", "0", "--ws-queue", "5")
    runner.start()
    try:
        async with api_client(runner) as client:
            admin = await login(client, "admin")
            token = await login(client, "operator")
            async with connect(runner.ws_url(token)) as ws:
                await ws.send('{"type": "ping"}')
                await recv_json(ws)  # live now
                # 40 events fanned out at once overflow a queue of 5.
                burst = await client.post("/sim/burst", json={"count": 40}, headers=bearer(admin))
                assert burst.status_code == 201
                received, closed = await recv_until_closed(ws)
            assert closed.rcvd is not None
            assert closed.rcvd.code == 4429
            assert "resume with after=" in closed.rcvd.reason
            cursor = received[-1] if received else 0
            async with connect(runner.ws_url(token, after=cursor)) as ws:
                rest = await recv_stored(ws, 40 - cursor)
            stats = (await client.get("/stats", headers=bearer(admin))).json()
    finally:
        assert runner.stop() == 0
    assert received + [e["seq"] for e in rest] == list(range(1, 41))
    assert stats["ws_slow_disconnects"] == 1


async def test_sequence_continues_after_a_restart(tmp_path: Path) -> None:
    runner = BackendRunner(tmp_path / "restart", "--sim-interval", "0")
    runner.start()
    async with api_client(runner) as client:
        admin = await login(client, "admin")
        first = await raise_alert(client, admin, camera_id="cam-003")
        await client.post(f"/alerts/{first['id']}/acknowledge", json={}, headers=bearer(admin))
    assert runner.stop() == 0

    runner.start()
    try:
        async with api_client(runner) as client:
            # The secret is kept in the data dir: the old token still works.
            health = (await client.get("/health")).json()
            second = await raise_alert(client, admin, camera_id="cam-004")
            events = (await client.get("/events", headers=bearer(admin))).json()
            alerts = (await client.get("/alerts", headers=bearer(admin))).json()
    finally:
        assert runner.stop() == 0
    assert health["last_seq"] == 2
    assert [e["seq"] for e in events["events"]] == [1, 2, 3]
    assert events["events"][2]["data"]["id"] == second["id"]
    assert second["id"] == first["id"] + 1
    assert [a["state"] for a in alerts["items"]] == ["new", "acknowledged"]


async def test_sigterm_with_open_websockets_shuts_down_cleanly(tmp_path: Path) -> None:
    runner = BackendRunner(tmp_path / "term", "--sim-interval", "0.2")
    runner.start()
    async with api_client(runner) as client:
        token = await login(client, "operator")
    async with connect(runner.ws_url(token)) as ws:
        await recv_stored(ws, 1)  # the simulator is running
        started = time.monotonic()
        code = await asyncio.to_thread(runner.stop)
        _, closed = await recv_until_closed(ws)
    assert code == 0
    assert time.monotonic() - started < 8
    assert closed.rcvd is not None
    assert closed.rcvd.code in (1001, 1012)
    log = runner.log_tail(200)
    assert "Traceback" not in log
    assert '"WebSocket /api/v1/ws?token=***&after=0" [accepted]' in log
    assert token not in log


async def test_per_message_deflate_is_declined_unless_asked_for(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        token = await login(client, "operator")
    # The client offers permessage-deflate (websockets does by default); the backend declines.
    async with connect(backend.ws_url(token), compression="deflate") as ws:
        assert ws.request is not None
        assert "permessage-deflate" in ws.request.headers.get("Sec-WebSocket-Extensions", "")
        assert ws.response is not None
        assert ws.response.headers.get("Sec-WebSocket-Extensions") is None
        await ws.send('{"type": "ping"}')
        assert (await recv_json(ws))["type"] == "heartbeat"
