"""``POST /sim/burst`` stores alerts with one multi-row insert: what it sends is what it stored.

The burst path builds each alert's wire form itself instead of loading the rows back; these
tests hold it to what ``GET /alerts/{id}`` (the row's ``to_wire``) answers, on SQLite and, where
it is installed, on PostgreSQL, and check that ids and sequence numbers stay in order.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import connect

from tests.backend.backend_runner import (
    BackendRunner,
    api_client,
    bearer,
    login,
    raise_alert,
    recv_stored,
)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[BackendRunner]:
    db_url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    runner = BackendRunner(tmp_path / "backend", "--sim-interval", "0", db_url=db_url)
    runner.start()
    try:
        yield runner
    finally:
        code = runner.stop()
    assert code == 0, f"backend exited with {code} on SIGTERM:\n{runner.log_tail()}"


async def test_burst_events_carry_exactly_the_stored_alerts(any_backend: BackendRunner) -> None:
    async with api_client(any_backend) as client:
        admin = await login(client, "admin")
        operator = await login(client, "operator")
        first = await raise_alert(client, admin)  # one alert through the single-alert path
        bursts = []
        for count in (40, 1, 25):
            response = await client.post("/sim/burst", json={"count": count}, headers=bearer(admin))
            assert response.status_code == 201, response.text
            bursts.append(response.json()["items"])
        items: list[dict[str, Any]] = [a for burst in bursts for a in burst]
        stored = {}
        for item in items:
            got = await client.get(f"/alerts/{item['id']}", headers=bearer(operator))
            assert got.status_code == 200
            stored[item["id"]] = got.json()
        async with connect(any_backend.ws_url(operator, after=1)) as ws:
            events = await recv_stored(ws, len(items))

        # A console asking for batch frames gets the same events, several to a frame.
        async with connect(any_backend.ws_url(operator, after=1) + "&batch=500") as ws:
            frames = []
            batched: list[dict[str, Any]] = []
            while len(batched) < len(items):
                frame = json.loads(await asyncio.wait_for(ws.recv(), 10))
                frames.append(frame)
                for envelope in frame if isinstance(frame, list) else [frame]:
                    if envelope["type"] not in ("heartbeat", "error"):
                        batched.append(envelope)

    assert batched == events
    assert any(isinstance(f, list) and len(f) > 1 for f in frames), "a burst shares frames"
    assert all(len(f) > 1 for f in frames if isinstance(f, list)), "one event goes plain"
    ids = [a["id"] for a in items]
    assert ids == list(range(first["id"] + 1, first["id"] + 1 + len(items)))
    assert [e["seq"] for e in events] == list(range(2, 2 + len(items)))
    assert [e["type"] for e in events] == ["alert.created"] * len(items)
    for item, event in zip(items, events, strict=True):
        assert item == stored[item["id"]], "the response is what was stored"
        assert event["data"] == stored[item["id"]], "the event is what was stored"
