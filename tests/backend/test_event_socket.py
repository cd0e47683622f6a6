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


class RawSocket(FakeSocket):
    """Keeps every frame as sent, to see which events shared one (batch frames)."""

    def __init__(self) -> None:
        super().__init__()
        self.frames: list[Any] = []

    async def send_text(self, text: str) -> None:
        message = json.loads(text)
        self.frames.append(message)
        # ``sent`` stays one envelope per item, so the helpers above still apply.
        self.sent.extend(message if isinstance(message, list) else [message])

    def shapes(self) -> list[Any]:
        """Each frame as its seq (a plain envelope) or list of seqs (a batch)."""
        return [[m["seq"] for m in f] if isinstance(f, list) else f["seq"] for f in self.frames]


async def test_a_batching_client_gets_a_burst_in_one_frame_and_a_lone_event_plain(
    db: Database,
) -> None:
    hub = EventHub(db)
    await hub.load()
    ws = RawSocket()
    socket = EventSocket(ws, hub, OPERATOR, 0, heartbeat=30, batch=100)  # type: ignore[arg-type]
    session = asyncio.create_task(socket.run())
    await until(lambda: hub.subscriber_count == 1)
    await asyncio.sleep(0.05)  # the (empty) replay is done
    # One transaction's events reach the queue together, before the writer runs again.
    await hub.transact(lambda _s, sink: [sink.emit("kpi.updated", {"n": n}) for n in range(5)])
    await until(lambda: 5 in ws.stored_seqs())
    await hub.publish("kpi.updated", {"n": 5})
    await until(lambda: 6 in ws.stored_seqs())
    await ws.incoming.put({"type": "websocket.disconnect"})
    await session
    assert ws.shapes() == [[1, 2, 3, 4, 5], 6]
    assert [m["data"]["n"] for m in ws.sent] == [0, 1, 2, 3, 4, 5]
    assert socket.cursor == 6


async def test_a_replay_is_cut_into_batches_of_the_size_the_client_asked_for(
    db: Database,
) -> None:
    hub = EventHub(db)
    await hub.load()
    await hub.transact(lambda _s, sink: [sink.emit("kpi.updated", {"n": n}) for n in range(10)])
    ws = RawSocket()
    socket = EventSocket(ws, hub, OPERATOR, 0, heartbeat=0.1, batch=4)  # type: ignore[arg-type]
    session = asyncio.create_task(socket.run())
    await until(lambda: any(m["type"] == "heartbeat" for m in ws.sent))
    await ws.incoming.put({"type": "websocket.disconnect"})
    await session
    assert ws.shapes()[:3] == [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]]
    assert ws.stored_seqs() == list(range(1, 11))
    assert all(m["seq"] == 10 for m in ws.sent if m["type"] == "heartbeat")


class GatedRawSocket(RawSocket):
    """RawSocket whose sends block until the test opens the gate."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()
        self.sending = asyncio.Event()

    async def send_text(self, text: str) -> None:
        self.sending.set()
        await self.gate.wait()
        await super().send_text(text)


async def test_a_batch_stops_at_a_queued_reply_which_follows_the_events_before_it(
    db: Database,
) -> None:
    hub = EventHub(db)
    await hub.load()
    ws = GatedRawSocket()
    socket = EventSocket(ws, hub, OPERATOR, 0, heartbeat=30, batch=100)  # type: ignore[arg-type]
    session = asyncio.create_task(socket.run())
    await until(lambda: hub.subscriber_count == 1)
    await asyncio.sleep(0.05)  # the (empty) replay is done
    await hub.publish("kpi.updated", {"n": 1})
    await ws.sending.wait()  # the writer is stuck sending seq 1
    await hub.transact(lambda _s, sink: [sink.emit("kpi.updated", {"n": n}) for n in (2, 3)])
    await ws.incoming.put({"type": "websocket.receive", "text": '{"type": "ping"}'})
    await asyncio.sleep(0.05)  # the reply is queued behind seq 2 and 3 ...
    await hub.transact(lambda _s, sink: [sink.emit("kpi.updated", {"n": n}) for n in (4, 5)])
    ws.gate.set()  # ... and ahead of seq 4 and 5
    await until(lambda: 5 in ws.stored_seqs())
    await ws.incoming.put({"type": "websocket.disconnect"})
    await session
    beat = next(f for f in ws.frames if isinstance(f, dict) and f["type"] == "heartbeat")
    assert beat["seq"] == 3, "the reply claims exactly what was sent before it"
    assert ws.shapes() == [1, [2, 3], 3, [4, 5]]
