"""PostgreSQL's part of the event hub: one writer of ``seq`` at a time, NOTIFY, and LISTEN.

Several backend processes may share one PostgreSQL database (docs/scaling.md). The events
table stays the single source of the gap-free ``seq``:

- every transaction of :meth:`backend.hub.EventHub.transact` first takes a transaction-scoped
  advisory lock (:func:`lock_writers`), then numbers its events after the highest stored
  ``seq``; the lock is held until commit, so numbers are handed out in commit order across all
  processes, and a rolled-back transaction uses none up;
- before committing, it sends ``NOTIFY ioc_events, '<last seq>'``, which PostgreSQL delivers
  only if and after the transaction commits;
- every process LISTENs (:class:`PgEventListener`). A notification beyond what it has fanned
  out wakes its follower, which reads the missing events from the table in ``seq`` order and
  hands them to the hub; the process's own events take the short way (straight after its
  commit) whenever they are next in line, and the hub drops anything it has already delivered.

A notification lost while the listening connection was down costs nothing: after reconnecting
the follower reads whatever is new. Nothing here is used on SQLite (one process, in-memory
numbering as before).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from psycopg import AsyncConnection

    from backend.hub import EventHub

log = logging.getLogger(__name__)

CHANNEL: Final = "ioc_events"
# Arbitrary 64-bit keys of pg_advisory_xact_lock, one per purpose ("IOC" in the high bits).
WRITER_LOCK: Final = 0x494F_4300_0000_0001
STARTUP_LOCK: Final = 0x494F_4300_0000_0002
RECONNECT_MIN_S: Final = 0.5
RECONNECT_MAX_S: Final = 10.0


def is_shared(bind: Engine | Connection) -> bool:
    """Whether other backend processes may write to this database (PostgreSQL)."""
    return bind.dialect.name == "postgresql"


def _advisory_lock(executor: Session | Connection, key: int) -> None:
    bind = executor.get_bind() if isinstance(executor, Session) else executor
    if is_shared(bind):
        executor.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def lock_writers(session: Session) -> None:
    """Hold the writers' lock until this transaction ends (PostgreSQL; nothing on SQLite).

    Taken by every event transaction and by every audit append: both number rows after the
    highest stored one. Re-entrant within a transaction.
    """
    _advisory_lock(session, WRITER_LOCK)


def lock_startup(executor: Session | Connection) -> None:
    """Hold the startup lock (migrations, demo data) until this transaction ends."""
    _advisory_lock(executor, STARTUP_LOCK)


def notify_committed(session: Session, last_seq: int) -> None:
    """Tell every listening process, once this transaction commits, that ``seq`` is stored."""
    session.execute(text("SELECT pg_notify(:channel, :payload)"), {
        "channel": CHANNEL, "payload": str(last_seq),
    })  # fmt: skip


class PgEventListener:
    """LISTENs for other processes' events and has the hub fan them out, in ``seq`` order."""

    def __init__(self, hub: EventHub, engine: Engine) -> None:
        self._hub = hub
        # The engine's own URL, translated to psycopg's connect() arguments.
        _args, self._connect_kwargs = engine.dialect.create_connect_args(engine.url)
        self._conn: AsyncConnection[Any] | None = None
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        """LISTEN (failing loudly if the database cannot be reached), then follow."""
        self._conn = await self._connect()
        self._tasks = [
            asyncio.create_task(self._listen(), name="pg-listen"),
            asyncio.create_task(self._follow(), name="pg-follow"),
        ]
        # Whatever was committed between the hub's load and the LISTEN.
        self._hub.request_catch_up()

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []
        await self._close()

    async def _connect(self) -> AsyncConnection[Any]:
        from psycopg import AsyncConnection

        conn = await AsyncConnection.connect(**self._connect_kwargs, autocommit=True)
        await conn.execute(f"LISTEN {CHANNEL}")
        return conn

    async def _close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                await self._conn.close()
            self._conn = None

    async def _listen(self) -> None:
        import psycopg

        delay = RECONNECT_MIN_S
        while True:
            try:
                if self._conn is None:
                    self._conn = await self._connect()
                    log.info("listening for events on %s again", CHANNEL)
                    delay = RECONNECT_MIN_S
                    # Notifications sent while we were away are gone: read the table instead.
                    self._hub.request_catch_up()
                async for note in self._conn.notifies():
                    try:
                        seq = int(note.payload)
                    except ValueError:
                        log.warning("ignored a malformed %s payload %r", CHANNEL, note.payload)
                        continue
                    self._hub.observe_commit(seq)
            except (psycopg.Error, OSError) as exc:
                log.warning(
                    "lost the %s listener (%s); reconnecting in %.1f s", CHANNEL, exc, delay
                )
                await self._close()
                await asyncio.sleep(delay)
                delay = min(delay * 2, RECONNECT_MAX_S)

    async def _follow(self) -> None:
        while True:
            await self._hub.behind.wait()
            self._hub.behind.clear()
            try:
                await self._hub.catch_up()
            except Exception:
                log.exception("reading other processes' events failed; retrying")
                await asyncio.sleep(RECONNECT_MIN_S)
                self._hub.request_catch_up()
