"""The websocket session in-process, with races placed exactly where they hurt."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from backend.auth import Principal
from backend.db import Base, Database
from backend.hub import EventHub
from backend.routes_events import EventSocket
from server_client.contract import EventEnvelope, Role


class FakeSocket:
    """Just enough of Starlette's WebSocket for EventSocket."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self.incoming: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.closed: tuple[int, str] | None = None

    async def send_text(self, text: str) -> None:
        self.sent.append(json.loads(text))

    async def receive(self) -> dict[str, Any]:
        return await self.incoming.get()

    async def close(self, code: int, reason: str) -> None:
        self.closed = (code, reason)

    def stored_seqs(self) -> list[int]:
        return [m["seq"] for m in self.sent if m["type"] not in ("heartbeat", "error")]


class RacingHub(EventHub):
    """Commits one more event right after the first replay read, before it returns."""

    raced = False

    async def replay(
        self, after: int, wards: frozenset[str] = frozenset(), limit: int = 500
    ) -> list[EventEnvelope]:
        batch = await super().replay(after, wards, limit)
        if not self.raced:
            self.raced = True
            await self.publish("kpi.updated", {"late": True})
        return batch


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'ws.db'}")
    await database.run(lambda s: Base.metadata.create_all(s.get_bind()))
    yield database
    database.close()


OPERATOR = Principal("operator", "Operator", Role.OPERATOR)


async def until(predicate: Any, within: float = 5.0) -> None:
    async with asyncio.timeout(within):
        while not predicate():  # noqa: ASYNC110 - polling a plain predicate in a test
            await asyncio.sleep(0.01)


async def test_an_event_committed_during_the_replay_is_not_lost(db: Database) -> None:
    hub = RacingHub(db)
    await hub.load()
    await hub.publish("kpi.updated", {"n": 1})
    await hub.publish("kpi.updated", {"n": 2})
    ws = FakeSocket()
    session = asyncio.create_task(EventSocket(ws, hub, OPERATOR, 0, heartbeat=0.2).run())  # type: ignore[arg-type]
    await until(lambda: any(m["type"] == "heartbeat" for m in ws.sent))
    await ws.incoming.put({"type": "websocket.disconnect"})
    await session
    assert ws.stored_seqs() == [1, 2, 3]
    assert hub.subscriber_count == 0


async def test_heartbeats_and_replies_never_overtake_events(db: Database) -> None:
    hub = EventHub(db)
    await hub.load()
    ws = FakeSocket()
    session = asyncio.create_task(EventSocket(ws, hub, OPERATOR, 0, heartbeat=0.05).run())  # type: ignore[arg-type]
    for n in range(30):
        await hub.publish("kpi.updated", {"n": n})
        await ws.incoming.put({"type": "websocket.receive", "text": '{"type": "ping"}'})
        await asyncio.sleep(0.005)
    await until(lambda: 30 in ws.stored_seqs())
    await ws.incoming.put({"type": "websocket.disconnect"})
    await session
    highest = 0
    for message in ws.sent:
        if message["type"] == "heartbeat":
            # "Everything up to seq was sent": never ahead of (nor behind) the events.
            assert message["seq"] == highest
        else:
            assert message["seq"] == highest + 1
            highest = message["seq"]
    assert ws.stored_seqs() == list(range(1, 31))


class GatedSocket(FakeSocket):
    """A socket whose sends block until the test opens the gate: a slow network."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()
        self.sending = asyncio.Event()

    async def send_text(self, text: str) -> None:
        self.sending.set()
        await self.gate.wait()
        await super().send_text(text)


async def test_a_ping_answered_while_events_wait_claims_only_what_was_sent(db: Database) -> None:
    hub = EventHub(db)
    await hub.load()
    ws = GatedSocket()
    session = asyncio.create_task(EventSocket(ws, hub, OPERATOR, 0, heartbeat=30).run())  # type: ignore[arg-type]
    await until(lambda: hub.subscriber_count == 1)
    await asyncio.sleep(0.05)  # the (empty) replay is done
    await hub.publish("kpi.updated", {"n": 1})
    await ws.sending.wait()  # the writer is stuck sending seq 1
    await ws.incoming.put({"type": "websocket.receive", "text": '{"type": "ping"}'})
    await asyncio.sleep(0.05)  # the reply is queued ...
    await hub.transact(lambda _s, sink: [sink.emit("kpi.updated", {"n": n}) for n in (2, 3)])
    ws.gate.set()  # ... ahead of seq 2 and 3
    await until(lambda: 3 in ws.stored_seqs())
    await ws.incoming.put({"type": "websocket.disconnect"})
    await session
    assert [(m["type"], m["seq"]) for m in ws.sent] == [
        ("kpi.updated", 1),
        ("heartbeat", 1),
        ("kpi.updated", 2),
        ("kpi.updated", 3),
    ]
