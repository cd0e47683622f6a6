"""Two backend processes on one PostgreSQL database share one event stream (LISTEN/NOTIFY).

A console on either process must see every event stored through either one: in ``seq`` order,
none missing, none twice; replay (REST and websocket ``after=SEQ``) gives the same on both.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect

from tests.backend.backend_runner import (
    BackendRunner,
    api_client,
    bearer,
    login,
    raise_alert,
    recv_stored,
)
from tests.backend.pg_cluster import PostgresCluster


@pytest.fixture
def pair(
    tmp_path: Path, postgres: PostgresCluster
) -> Iterator[tuple[BackendRunner, BackendRunner]]:
    """Backends A and B on one new database, with one JWT secret (a token works on both)."""
    url = postgres.create_database()
    args = ("--sim-interval", "0", "--heartbeat", "1", "--secret", secrets.token_urlsafe(40))
    a = BackendRunner(tmp_path / "a", *args, db_url=url)
    b = BackendRunner(tmp_path / "b", *args, db_url=url)
    a.start()
    try:
        b.start()
        try:
            yield a, b
        finally:
            code_b = b.stop()
    finally:
        code_a = a.stop()
    assert code_a == 0, a.log_tail()
    assert code_b == 0, b.log_tail()


async def receive_through(ws: ClientConnection, last: int) -> list[dict[str, Any]]:
    """Stored events from the socket until ``seq`` reaches ``last`` (fails after a minute)."""
    got: list[dict[str, Any]] = []
    # Heartbeats keep coming while events do not: bound the whole wait, not each frame.
    async with asyncio.timeout(60):
        while not got or got[-1]["seq"] < last:
            got += await recv_stored(ws, 1, within=30)
    return got


async def all_events(client: httpx.AsyncClient, token: str, after: int = 0) -> list[dict[str, Any]]:
    page = await client.get(
        "/events", params={"after": after, "limit": 5000}, headers=bearer(token)
    )
    assert page.status_code == 200, page.text
    return list(page.json()["events"])


async def test_a_console_on_b_sees_every_event_stored_through_a_or_b(
    pair: tuple[BackendRunner, BackendRunner],
) -> None:
    a, b = pair
    async with api_client(a) as client_a, api_client(b) as client_b:
        admin = await login(client_a, "admin")
        operator = await login(client_b, "operator")
        async with connect(b.ws_url(operator)) as ws_b, connect(a.ws_url(operator)) as ws_a:

            async def through_a() -> list[int]:
                ids = [(await raise_alert(client_a, admin))["id"] for _ in range(15)]
                for _ in range(3):
                    burst = await client_a.post(
                        "/sim/burst", json={"count": 60}, headers=bearer(admin)
                    )
                    assert burst.status_code == 201, burst.text
                    ids += [alert["id"] for alert in burst.json()["items"]]
                return ids

            async def through_b() -> list[int]:
                return [(await raise_alert(client_b, admin))["id"] for _ in range(25)]

            ids_a, ids_b = await asyncio.gather(through_a(), through_b())
            stored = await all_events(client_a, admin)
            last = stored[-1]["seq"]
            on_b = await receive_through(ws_b, last)
            on_a = await receive_through(ws_a, last)
        stored_on_b = await all_events(client_b, admin)
        tail_a = await all_events(client_a, admin, after=last - 7)
        tail_b = await all_events(client_b, admin, after=last - 7)
    created = sorted(ids_a + ids_b)
    assert len(created) == 15 + 180 + 25
    # The stored stream is gap-free and holds every alert once, whichever process made it.
    assert [e["seq"] for e in stored] == list(range(1, last + 1))
    alert_ids = sorted(e["data"]["id"] for e in stored if e["type"] == "alert.created")
    assert alert_ids == created
    # Each console saw exactly that stream, in order, none missing, none twice.
    assert [e["seq"] for e in on_b] == list(range(1, last + 1))
    assert [e["seq"] for e in on_a] == list(range(1, last + 1))
    assert on_b == stored
    assert on_a == stored
    assert stored_on_b == stored
    assert [e["seq"] for e in tail_a] == list(range(last - 6, last + 1))
    assert tail_b == tail_a


async def test_resume_on_either_process_after_events_of_the_other(
    pair: tuple[BackendRunner, BackendRunner],
) -> None:
    a, b = pair
    async with api_client(a) as client_a, api_client(b) as client_b:
        admin = await login(client_a, "admin")
        token = await login(client_b, "operator")
        for _ in range(5):
            await raise_alert(client_a, admin)
        async with connect(b.ws_url(token, after=0)) as ws:
            first = await receive_through(ws, 5)
        # Away: 4 more through B, then resume on A, where none of them was made.
        for _ in range(4):
            await raise_alert(client_b, admin)
        async with connect(a.ws_url(token, after=5)) as ws:
            second = await receive_through(ws, 9)
            # Live on A, made through B.
            made = await raise_alert(client_b, admin)
            third = await receive_through(ws, 10)
        # A cursor B stored a moment ago is valid on A at once (never "cursor ahead").
        await raise_alert(client_b, admin)
        async with connect(a.ws_url(token, after=11)) as ws:
            await raise_alert(client_a, admin)
            fourth = await receive_through(ws, 12)
    assert [e["seq"] for e in first] == [1, 2, 3, 4, 5]
    assert [e["seq"] for e in second] == [6, 7, 8, 9]
    assert [e["seq"] for e in third] == [10]
    assert third[0]["data"]["id"] == made["id"]
    assert [e["seq"] for e in fourth] == [12]


async def test_audit_chain_stays_whole_with_writers_in_both_processes(
    pair: tuple[BackendRunner, BackendRunner],
) -> None:
    a, b = pair
    async with api_client(a) as client_a, api_client(b) as client_b:
        admin = await login(client_a, "admin")
        alerts = [await raise_alert(client_a, admin) for _ in range(30)]

        async def acknowledge(client: httpx.AsyncClient, alert: dict[str, Any]) -> int:
            response = await client.post(
                f"/alerts/{alert['id']}/acknowledge", json={}, headers=bearer(admin)
            )
            return response.status_code

        codes = await asyncio.gather(
            *(acknowledge(client_a if i % 2 else client_b, al) for i, al in enumerate(alerts))
        )
        verified = (await client_b.get("/audit/verify", headers=bearer(admin))).json()
        audit = (await client_a.get("/audit", params={"limit": 500}, headers=bearer(admin))).json()
    assert codes == [200] * 30
    assert verified["ok"] is True, verified
    acks = [e for e in audit["items"] if e["action"] == "alert.acknowledge"]
    assert len(acks) == 30


async def test_events_stored_while_the_listeners_were_cut_off_still_arrive(
    pair: tuple[BackendRunner, BackendRunner], postgres: PostgresCluster
) -> None:
    a, b = pair
    async with api_client(a) as client_a:
        admin = await login(client_a, "admin")
        token = await login(client_a, "operator")
        await raise_alert(client_a, admin)
        async with connect(b.ws_url(token, after=0)) as ws:
            first = await receive_through(ws, 1)
            # Cut every LISTEN connection (both processes), then store events through A.
            cut = postgres.terminate("LISTEN ioc_events")
            for _ in range(6):
                await raise_alert(client_a, admin)
            second = await receive_through(ws, 7)
    assert cut == 2
    assert [e["seq"] for e in first] == [1]
    assert [e["seq"] for e in second] == [2, 3, 4, 5, 6, 7]
    assert "listening for events on ioc_events again" in b.log_tail(200)


async def test_processes_starting_together_on_an_empty_database_migrate_once(
    tmp_path: Path, postgres: PostgresCluster
) -> None:
    url = postgres.create_database()
    args = ("--sim-interval", "0", "--secret", secrets.token_urlsafe(40))
    runners = [BackendRunner(tmp_path / name, *args, db_url=url) for name in ("a", "b", "c")]
    try:
        # Each start blocks until READY: start them in threads, at once.
        await asyncio.gather(*(asyncio.to_thread(r.start) for r in runners))
        async with api_client(runners[2]) as client:
            admin = await login(client, "admin")
            wards = await client.get("/wards", headers=bearer(admin))
            users = (await client.get("/me", headers=bearer(admin))).json()
    finally:
        codes = [r.stop() if r.proc is not None else None for r in runners]
    logs = [r.log_tail(400) for r in runners]
    assert codes == [0, 0, 0], logs
    assert wards.status_code == 200, wards.text
    assert users["username"] == "admin"
    # Exactly one of them ran the migrations; the others found the schema at head.
    assert sum("upgraded the schema from nothing" in log for log in logs) == 1, logs
