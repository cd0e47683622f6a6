"""The event hub: gap-free sequence numbers, storage, and fan-out to live subscribers.

Every stored event gets the next ``seq`` in the same database transaction as the state change
it reports (:meth:`EventHub.transact`), so an alert is never acknowledged without its
``alert.updated`` event, nor the other way round. All transactions run on the database's single
``db`` thread (see :mod:`backend.db`): that thread hands out ``seq`` in commit order and, right
after each commit, schedules the fan-out on the event loop with ``call_soon_threadsafe``, whose
callbacks run in FIFO order. Subscribers therefore see events in ``seq`` order, and by the time
a publisher's ``await`` returns its event is already in every subscriber's queue.

A subscriber's queue is bounded. A consumer that falls behind by more than that is cut off (its
subscription is closed with :data:`WS_CLOSE_SLOW_CONSUMER`) instead of holding everyone up or
growing memory without end; it reconnects with ``after=SEQ`` and replays from the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from backend.db import Database, EventRow, last_event_seq, utcnow
from server_client.contract import WS_CLOSE_SLOW_CONSUMER, EventEnvelope

log = logging.getLogger(__name__)

T = TypeVar("T")

REPLAY_BATCH: Final = 500


@dataclass(frozen=True)
class ControlReply:
    """A not-stored envelope queued for one connection (heartbeat answer or error)."""

    type: str
    data: dict[str, Any] = field(default_factory=dict)


class _Wakeup:
    """Queued when a subscription is closed, so a waiting consumer notices at once."""


WAKEUP: Final = _Wakeup()

QueueItem = EventEnvelope | ControlReply | _Wakeup


@dataclass
class HubCounters:
    """What the hub and its websocket consumers have done since start."""

    events_published: int = 0
    ws_connections_total: int = 0
    ws_malformed_messages: int = 0
    ws_slow_disconnects: int = 0


class Subscription:
    """One live consumer: a bounded queue of the events its scope may see."""

    def __init__(self, wards: frozenset[str], maxsize: int) -> None:
        self.wards = wards
        self.maxsize = maxsize
        self.queue: asyncio.Queue[QueueItem] = asyncio.Queue(maxsize)
        self.closed = asyncio.Event()
        self.close_code: int | None = None
        self.close_reason = ""

    def sees(self, ward_id: str | None) -> bool:
        """City-wide events (no ward) reach everyone; ward events reach their scope."""
        return not self.wards or ward_id is None or ward_id in self.wards

    def offer(self, item: EventEnvelope | ControlReply) -> bool:
        """Queue ``item`` without waiting; False (and the subscription closed) when full."""
        if self.closed.is_set():
            return False
        try:
            self.queue.put_nowait(item)
        except asyncio.QueueFull:
            self.close(WS_CLOSE_SLOW_CONSUMER, f"too slow: over {self.maxsize} events pending")
            return False
        return True

    def close(self, code: int, reason: str) -> None:
        """Ask the consumer to stop with ``code``/``reason`` (first call wins)."""
        if self.closed.is_set():
            return
        self.close_code, self.close_reason = code, reason
        self.closed.set()
        with contextlib.suppress(asyncio.QueueFull):
            self.queue.put_nowait(WAKEUP)


class EventSink:
    """Collects the events of one transaction; handed to the work of :meth:`EventHub.transact`."""

    def __init__(self, session: Session, first_seq: int) -> None:
        self._session = session
        self._next = first_seq
        self.pending: list[tuple[EventEnvelope, str | None]] = []

    def emit(self, type_: str, data: dict[str, Any], ward_id: str | None = None) -> EventEnvelope:
        """Store an event in the current transaction; ``data`` must be JSON-ready."""
        envelope = EventEnvelope(seq=self._next, type=type_, ts=utcnow(), data=data)
        self._session.add(
            EventRow(seq=envelope.seq, type=type_, ts=envelope.ts, ward_id=ward_id, data=data)
        )
        self._next += 1
        self.pending.append((envelope, ward_id))
        return envelope


class EventHub:
    """Assigns ``seq``, stores events with their state change, and fans them out."""

    def __init__(self, db: Database, *, queue_size: int = 1000) -> None:
        self._db = db
        self._queue_size = queue_size
        # Written on the db thread after a commit; an int store is atomic under the GIL.
        self._committed_seq = 0
        # Written on the loop thread when the fan-out runs; always <= _committed_seq.
        self._delivered_seq = 0
        self._subscriptions: set[Subscription] = set()
        self.counters = HubCounters()

    # -- sequence ---------------------------------------------------------------------------

    async def load(self) -> int:
        """Continue the sequence after the highest stored ``seq`` (call once at start)."""
        last = await self._db.run(last_event_seq)
        self._committed_seq = self._delivered_seq = last
        log.info("event hub continues after seq %d", last)
        return last

    @property
    def last_seq(self) -> int:
        """The highest committed ``seq``."""
        return self._committed_seq

    @property
    def delivered_seq(self) -> int:
        """The highest ``seq`` already handed to every subscriber's queue."""
        return self._delivered_seq

    @property
    def subscriber_count(self) -> int:
        return len(self._subscriptions)

    # -- publishing -------------------------------------------------------------------------

    async def transact(self, work: Callable[[Session, EventSink], T]) -> T:
        """Run ``work(session, sink)`` on the db thread, commit, then fan its events out.

        ``work`` changes state and calls ``sink.emit`` for each event; if it raises, nothing is
        committed and no ``seq`` is used up, so the sequence stays gap-free.
        """
        loop = asyncio.get_running_loop()
        return await self._db.run(lambda session: self._transact_sync(session, work, loop))

    def _transact_sync(
        self,
        session: Session,
        work: Callable[[Session, EventSink], T],
        loop: asyncio.AbstractEventLoop,
    ) -> T:
        sink = EventSink(session, self._committed_seq + 1)
        result = work(session, sink)
        session.commit()
        if sink.pending:
            self._committed_seq = sink.pending[-1][0].seq
            self.counters.events_published += len(sink.pending)
            try:
                loop.call_soon_threadsafe(self._fan_out, tuple(sink.pending))
            except RuntimeError:
                # The loop is closing: the events are stored and will be replayed on resume.
                log.debug("event loop closed; %d event(s) stored only", len(sink.pending))
        return result

    async def publish(
        self, type_: str, data: dict[str, Any], ward_id: str | None = None
    ) -> EventEnvelope:
        """Store and fan out one event that has no state change of its own."""
        return await self.transact(lambda _s, sink: sink.emit(type_, data, ward_id))

    def _fan_out(self, items: tuple[tuple[EventEnvelope, str | None], ...]) -> None:
        for envelope, ward_id in items:
            self._delivered_seq = envelope.seq
            for sub in tuple(self._subscriptions):
                if sub.sees(ward_id) and not sub.offer(envelope):
                    self._subscriptions.discard(sub)
                    self.counters.ws_slow_disconnects += 1
                    log.warning(
                        "cut off a slow event consumer at seq %d (%s)",
                        envelope.seq,
                        sub.close_reason,
                    )

    # -- subscribing and replay -------------------------------------------------------------

    def subscribe(self, wards: frozenset[str] = frozenset()) -> Subscription:
        """Start queueing live events for a consumer (subscribe BEFORE replaying)."""
        sub = Subscription(wards, self._queue_size)
        self._subscriptions.add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        self._subscriptions.discard(sub)

    async def replay(
        self, after: int, wards: frozenset[str] = frozenset(), limit: int = REPLAY_BATCH
    ) -> list[EventEnvelope]:
        """Stored events with ``seq > after`` in the caller's scope, oldest first."""
        events, _ = await self._db.run(lambda s: read_events(s, after, limit, wards))
        return events

    def close(self, code: int, reason: str) -> None:
        """Close every subscription (server shutdown)."""
        for sub in tuple(self._subscriptions):
            sub.close(code, reason)
        self._subscriptions.clear()


def read_events(
    session: Session, after: int, limit: int, wards: frozenset[str] = frozenset()
) -> tuple[list[EventEnvelope], int]:
    """A page of stored events after ``after`` and the cursor to continue from.

    The cursor is the last event's ``seq`` when the page is full, else the highest stored
    ``seq`` (events outside a ward scope are skipped, so resuming from there misses nothing).
    """
    query = select(EventRow).where(EventRow.seq > after)
    if wards:
        query = query.where(or_(EventRow.ward_id.is_(None), EventRow.ward_id.in_(sorted(wards))))
    rows = session.scalars(query.order_by(EventRow.seq).limit(limit)).all()
    events = [row.to_wire() for row in rows]
    if len(rows) == limit and rows:
        return events, rows[-1].seq
    return events, max(after, last_event_seq(session))
