"""Two event hubs on one PostgreSQL database, as two backend processes have them.

Each hub has its own engine, ``db`` thread and LISTEN connection; they publish interleaved, so
each sees its own events next to the other's and must hold some back until it has read the
other's from the table.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.orm import Session

from backend.db import Database
from backend.hub import EventHub, Subscription, read_event_rows
from backend.migrate import upgrade_database
from backend.pg_events import PgEventListener
from server_client.contract import EventEnvelope


def migrate(session: Session) -> None:
    upgrade_database(session.connection())
    session.commit()


@pytest.fixture
async def hubs(pg_url: str) -> AsyncIterator[tuple[EventHub, EventHub, Database]]:
    databases = [Database(pg_url), Database(pg_url)]
    await databases[0].run(migrate)
    pairs = [(EventHub(db, queue_size=10_000), db) for db in databases]
    listeners = [PgEventListener(hub, db.engine) for hub, db in pairs]
    for hub, _ in pairs:
        assert hub.shared
        await hub.load()
    for listener in listeners:
        await listener.start()
    try:
        yield pairs[0][0], pairs[1][0], databases[0]
    finally:
        for listener in listeners:
            await listener.stop()
        for db in databases:
            db.close()


async def drain(sub: Subscription, last: int) -> list[EventEnvelope]:
    got: list[EventEnvelope] = []
    async with asyncio.timeout(30):
        while not got or got[-1].seq < last:
            item = await sub.queue.get()
            assert isinstance(item, EventEnvelope)
            got.append(item)
    return got


async def test_interleaved_publishers_reach_both_hubs_once_in_order(
    hubs: tuple[EventHub, EventHub, Database],
) -> None:
    a, b, db = hubs
    sub_a, sub_b = a.subscribe(), b.subscribe(frozenset({"ward-x"}))

    async def publish(hub: EventHub, name: str) -> list[int]:
        seqs = []
        for i in range(40):
            ward = "ward-x" if i % 2 else "ward-y"
            seqs.append((await hub.publish("kpi.updated", {"by": name, "n": i}, ward)).seq)
        return seqs

    by_a, by_b = await asyncio.gather(publish(a, "a"), publish(b, "b"))
    rows = await db.run(lambda s: read_event_rows(s, 0, 1000))
    stored = [envelope for envelope, _ in rows]
    on_a = await drain(sub_a, 80)
    # B's subscriber sees ward-x only: the last ward-x event is the last it waits for.
    scoped = [envelope for envelope, ward in rows if ward == "ward-x"]
    on_b = await drain(sub_b, scoped[-1].seq)
    assert sorted(by_a + by_b) == list(range(1, 81))
    assert [e.seq for e in stored] == list(range(1, 81))
    assert [e.seq for e in on_a] == list(range(1, 81))
    assert [(e.seq, e.data) for e in on_a] == [(e.seq, e.data) for e in stored]
    assert [e.seq for e in on_b] == [e.seq for e in scoped]
    assert len(scoped) == 40
    assert sub_a.queue.empty()
    assert sub_b.queue.empty()
    assert a.delivered_seq == b.delivered_seq == a.last_seq == b.last_seq == 80
