"""The event hub in-process: gap-free seq, ordered fan-out, slow consumers cut off."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from backend.db import Base, Database
from backend.hub import EventHub, EventSink, read_events
from server_client.contract import WS_CLOSE_SLOW_CONSUMER, EventEnvelope


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'hub.db'}")
    await database.run(lambda s: Base.metadata.create_all(s.get_bind()))
    yield database
    database.close()


@pytest.fixture
async def hub(db: Database) -> EventHub:
    """A hub whose subscribers may lag 4 events behind."""
    events = EventHub(db, queue_size=4)
    await events.load()
    return events


async def test_seq_is_gap_free_even_when_a_transaction_fails(hub: EventHub, db: Database) -> None:
    await hub.publish("kpi.updated", {"n": 1})

    def failing(_session: Session, sink: EventSink) -> None:
        sink.emit("kpi.updated", {"n": 2})
        raise RuntimeError("the state change failed")

    with pytest.raises(RuntimeError):
        await hub.transact(failing)
    second = await hub.publish("kpi.updated", {"n": 3})
    assert second.seq == 2
    events, last = await db.run(lambda s: read_events(s, 0, 10))
    assert [(e.seq, e.data["n"]) for e in events] == [(1, 1), (2, 3)]
    assert last == 2


async def test_concurrent_publishers_fan_out_in_seq_order(db: Database) -> None:
    hub = EventHub(db, queue_size=1000)
    await hub.load()
    sub = hub.subscribe()
    await asyncio.gather(*(hub.publish("kpi.updated", {"n": i}) for i in range(50)))
    got: list[int] = []
    while not sub.queue.empty():
        item = sub.queue.get_nowait()
        assert isinstance(item, EventEnvelope)
        got.append(item.seq)
    assert got == list(range(1, 51))
    assert hub.delivered_seq == hub.last_seq == 50


async def test_slow_consumer_is_closed_without_holding_up_others(hub: EventHub) -> None:
    slow = hub.subscribe()
    fast = hub.subscribe()
    received: list[int] = []

    async def drain() -> None:
        while True:
            item = await fast.queue.get()
            if isinstance(item, EventEnvelope):
                received.append(item.seq)

    drainer = asyncio.create_task(drain())
    for i in range(10):
        await hub.publish("kpi.updated", {"n": i})
        await asyncio.sleep(0)
    drainer.cancel()
    assert slow.closed.is_set()
    assert slow.close_code == WS_CLOSE_SLOW_CONSUMER
    assert "over 4 events pending" in slow.close_reason
    assert not fast.closed.is_set()
    assert received == list(range(1, 11))
    assert hub.subscriber_count == 1
    assert hub.counters.ws_slow_disconnects == 1


async def test_scope_filters_ward_events_but_not_city_wide_ones(
    hub: EventHub, db: Database
) -> None:
    scoped = hub.subscribe(frozenset({"an-cuu"}))
    await hub.publish("alert.created", {"id": 1}, ward_id="thuan-hoa")
    await hub.publish("alert.created", {"id": 2}, ward_id="an-cuu")
    await hub.publish("layout.pushed", {"id": 3})
    seen = [scoped.queue.get_nowait() for _ in range(scoped.queue.qsize())]
    assert [e.data["id"] for e in seen if isinstance(e, EventEnvelope)] == [2, 3]
    replay, last = await db.run(lambda s: read_events(s, 0, 10, frozenset({"an-cuu"})))
    assert [e.seq for e in replay] == [2, 3]
    assert last == 3
