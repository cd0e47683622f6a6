"""The event hub: gap-free sequence numbers, storage, and fan-out to live subscribers.

Every stored event gets the next ``seq`` in the same database transaction as the state change
it reports (:meth:`EventHub.transact`), so an alert is never acknowledged without its
``alert.updated`` event, nor the other way round. All transactions run on the database's single
``db`` thread (see :mod:`backend.db`): that thread hands out ``seq`` in commit order and, right
after each commit, schedules the fan-out on the event loop with ``call_soon_threadsafe``, whose
callbacks run in FIFO order. Subscribers therefore see events in ``seq`` order, and by the time
a publisher's ``await`` returns its event is already in every subscriber's queue.

On PostgreSQL several backend processes may share the events table: numbering then comes from
the table under a lock, and events other processes commit arrive through LISTEN/NOTIFY and are
read back from the table (:mod:`backend.pg_events`). Either way :meth:`EventHub._deliver` hands
each ``seq`` to the subscribers once, in order, and never skips one; a publisher's own events are
then in the queues when its ``await`` returns only if no other process's events came between.

A subscriber's queue is bounded. A consumer that falls behind by more than that is cut off (its
subscription is closed with :data:`WS_CLOSE_SLOW_CONSUMER`) instead of holding everyone up or
growing memory without end; it reconnects with ``after=SEQ`` and replays from the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Final, TypeVar, cast

from sqlalchemy import Table, or_, select
from sqlalchemy.orm import Session

from backend.db import Database, EventRow, last_event_seq, utcnow
from backend.pg_events import is_shared, lock_writers, notify_committed
from server_client.contract import WS_CLOSE_SLOW_CONSUMER, EventEnvelope

log = logging.getLogger(__name__)

T = TypeVar("T")

REPLAY_BATCH: Final = 500
EVENTS: Final = cast(Table, EventRow.__table__)


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


class SubscriberQueue:
    """A bounded FIFO for one consumer task: ``asyncio.Queue``'s methods, plus whole-list puts.

    The hub hands each subscriber a transaction's events in one :meth:`put_many` (extend a
    deque, wake the consumer once) rather than a ``put_nowait`` per event: with 50 consoles
    and 200-event bursts, ``asyncio.Queue``'s per-item bookkeeping (and a waiter wake-up per
    item) was the largest cost of the fan-out once the sends were batched. One consumer only:
    a single task awaits :meth:`get` at a time.
    """

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._items: deque[QueueItem] = deque()
        self._waiter: asyncio.Future[None] | None = None

    def qsize(self) -> int:
        return len(self._items)

    def empty(self) -> bool:
        return not self._items

    def put_nowait(self, item: QueueItem) -> None:
        """Append ``item``; :class:`asyncio.QueueFull` (and nothing queued) when full."""
        self.put_many((item,))

    def put_many(self, items: Sequence[QueueItem]) -> None:
        """Append all of ``items`` or, when they do not all fit, none (QueueFull)."""
        if len(self._items) + len(items) > self.maxsize:
            raise asyncio.QueueFull
        self._items.extend(items)
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def get_nowait(self) -> QueueItem:
        if not self._items:
            raise asyncio.QueueEmpty
        return self._items.popleft()

    async def get(self) -> QueueItem:
        """The next item, waiting for one (cancellable, as under ``wait_for``)."""
        while not self._items:
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        return self._items.popleft()


class Subscription:
    """One live consumer: a bounded queue of the events its scope may see."""

    def __init__(self, wards: frozenset[str], maxsize: int) -> None:
        self.wards = wards
        self.maxsize = maxsize
        self.queue = SubscriberQueue(maxsize)
        self.closed = asyncio.Event()
        self.close_code: int | None = None
        self.close_reason = ""

    def sees(self, ward_id: str | None) -> bool:
        """City-wide events (no ward) reach everyone; ward events reach their scope."""
        return not self.wards or ward_id is None or ward_id in self.wards

    def offer(self, item: EventEnvelope | ControlReply) -> bool:
        """Queue ``item`` without waiting; False (and the subscription closed) when full."""
        return self.offer_many((item,))

    def offer_many(self, items: Sequence[EventEnvelope | ControlReply]) -> bool:
        """Queue all of ``items`` without waiting; False (and closed) when they do not fit."""
        if self.closed.is_set():
            return False
        try:
            self.queue.put_many(items)
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
        self._rows: list[dict[str, Any]] = []

    def emit(self, type_: str, data: dict[str, Any], ward_id: str | None = None) -> EventEnvelope:
        """Store an event in the current transaction; ``data`` must be JSON-ready."""
        # Built from the hub's own trusted values: validating each (a copy of ``data``) cost
        # about a seventh of a 200-alert burst transaction.
        envelope = EventEnvelope.model_construct(seq=self._next, type=type_, ts=utcnow(), data=data)
        self._rows.append(
            {
                "seq": envelope.seq,
                "type": type_,
                "ts": envelope.ts,
                "ward_id": ward_id,
                "data": data,
            }
        )
        self._next += 1
        self.pending.append((envelope, ward_id))
        return envelope

    def store(self) -> None:
        """Insert the events emitted so far, in one statement (before the commit)."""
        if self._rows:
            # One Core executemany rather than an ORM object per event: the unit of work
            # cost more than the rows themselves (the driver batches the rows in one call).
            self._session.execute(EVENTS.insert(), self._rows)
            self._rows = []


class EventHub:
    """Assigns ``seq``, stores events with their state change, and fans them out."""

    def __init__(self, db: Database, *, queue_size: int = 1000) -> None:
        self._db = db
        self._queue_size = queue_size
        # Other processes may write events too (PostgreSQL): see backend.pg_events.
        self.shared = is_shared(db.engine)
        # Raised when stored events wait to be read back and fanned out (shared mode only).
        self.behind = asyncio.Event()
        # Raised on the db thread after a commit and, when shared, on the loop by the listener.
        self._committed_seq = 0
        self._committed_lock = threading.Lock()
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
        if self.shared:
            # Held until commit: numbers follow commit order across processes.
            lock_writers(session)
            first = last_event_seq(session) + 1
        else:
            first = self._committed_seq + 1
        sink = EventSink(session, first)
        result = work(session, sink)
        sink.store()
        if self.shared and sink.pending:
            notify_committed(session, sink.pending[-1][0].seq)
        session.commit()
        if sink.pending:
            self._note_committed(sink.pending[-1][0].seq)
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

    def _note_committed(self, seq: int) -> None:
        with self._committed_lock:
            self._committed_seq = max(self._committed_seq, seq)

    def _fan_out(self, items: tuple[tuple[EventEnvelope, str | None], ...]) -> None:
        self._deliver(items)

    def _deliver(self, items: Sequence[tuple[EventEnvelope, str | None]]) -> None:
        """Queue ``items`` (ascending ``seq``) for the subscribers, skipping what was delivered.

        Shared mode: an item beyond the next ``seq`` means another process committed events in
        between; they are read from the table first (:meth:`catch_up`), this item with them.
        """
        ready: list[tuple[EventEnvelope, str | None]] = []
        for envelope, ward_id in items:
            if envelope.seq <= self._delivered_seq:
                continue
            if self.shared and envelope.seq != self._delivered_seq + 1:
                self.request_catch_up()
                break
            self._delivered_seq = envelope.seq
            ready.append((envelope, ward_id))
        if not ready:
            return
        # Each subscriber gets the whole run in one put: city-wide ones the same list.
        everything = [envelope for envelope, _ in ready]
        for sub in tuple(self._subscriptions):
            visible = everything if not sub.wards else [e for e, w in ready if sub.sees(w)]
            if visible and not sub.offer_many(visible):
                self._subscriptions.discard(sub)
                self.counters.ws_slow_disconnects += 1
                log.warning(
                    "cut off a slow event consumer at seq %d (%s)",
                    visible[0].seq,
                    sub.close_reason,
                )

    # -- other processes' events (shared mode) ----------------------------------------------

    def observe_commit(self, seq: int) -> None:
        """Another process (or this one) committed events up to ``seq`` (from NOTIFY)."""
        self._note_committed(seq)
        if seq > self._delivered_seq:
            self.request_catch_up()

    def request_catch_up(self) -> None:
        """Ask the follower (:class:`backend.pg_events.PgEventListener`) to read the table."""
        self.behind.set()

    async def catch_up(self) -> int:
        """Fan out every stored event after the delivered ``seq``, in order; returns how many."""
        delivered = 0
        while True:
            after = self._delivered_seq
            rows = await self._db.run(partial(read_event_rows, after=after, limit=REPLAY_BATCH))
            if rows:
                self._note_committed(rows[-1][0].seq)
            before = self._delivered_seq
            self._deliver(rows)
            delivered += self._delivered_seq - before
            if len(rows) < REPLAY_BATCH:
                return delivered

    async def refresh_last_seq(self) -> int:
        """The highest stored ``seq``, read from the table (other processes may be ahead)."""
        last = await self._db.run(last_event_seq)
        self._note_committed(last)
        return self._committed_seq

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


def read_event_rows(
    session: Session, after: int, limit: int
) -> list[tuple[EventEnvelope, str | None]]:
    """Up to ``limit`` stored events after ``after`` with their ward, oldest first."""
    query = select(EventRow).where(EventRow.seq > after).order_by(EventRow.seq).limit(limit)
    return [(row.to_wire(), row.ward_id) for row in session.scalars(query)]


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
