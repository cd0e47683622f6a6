"""The console's local store (SQLAlchemy + SQLite): for now, the outbox of operator actions.

An operator action (acknowledge, dismiss, escalate an alert) is written here *before* it is sent,
with an idempotency key. If the backend cannot be reached the action stays ``pending`` and is
replayed, with the same key, when the link comes back; the backend applies a key once, so a
replay after a lost answer cannot apply twice. Items survive a console restart.

All database work runs on one worker thread (writes serialised, nothing blocking on the event
loop); the ``async`` methods hand their work to it and await the result.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import DateTime, Integer, String, Text, create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

T = TypeVar("T")

ALERT_ACTIONS = ("acknowledge", "dismiss", "escalate")


class OutboxState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


class _Base(DeclarativeBase):
    pass


class _QueuedWork:
    """The columns every outbox row has: its order, idempotency key and delivery state."""

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(128), unique=True)
    state: Mapped[str] = mapped_column(String(16), index=True, default=OutboxState.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class _OutboxRow(_QueuedWork, _Base):
    __tablename__ = "outbox"

    kind: Mapped[str] = mapped_column(String(32))
    alert_id: Mapped[int] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(String(500), nullable=True)


@dataclass(frozen=True)
class OutboxItem:
    """One queued operator action; ``key`` is its idempotency key on the wire."""

    seq: int
    key: str
    alert_id: int
    action: str
    reason: str | None
    state: OutboxState
    attempts: int
    last_error: str | None
    created_at: datetime

    @classmethod
    def _of(cls, row: _OutboxRow) -> OutboxItem:
        return cls(
            seq=row.seq,
            key=row.key,
            alert_id=row.alert_id,
            action=row.action,
            reason=row.reason,
            state=OutboxState(row.state),
            attempts=row.attempts,
            last_error=row.last_error,
            created_at=row.created_at,
        )


@dataclass(frozen=True)
class ActionRequest:
    """An action to queue: alert, verb, optional reason (a dismissal needs one)."""

    alert_id: int
    action: str
    reason: str | None = None


class LocalStore:
    """SQLite file behind one worker thread. Create, use from one event loop, :meth:`close`."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="local-store")
        self._engine = create_engine(f"sqlite:///{self.path}")
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        self._closed = False
        # Create the schema on the worker too, so the file is only ever touched there.
        self._executor.submit(_Base.metadata.create_all, self._engine).result()

    # -- plumbing -----------------------------------------------------------------------------

    async def _run(self, work: Callable[[Session], T]) -> T:
        if self._closed:
            raise RuntimeError("the local store is closed")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._in_session, work)

    def _in_session(self, work: Callable[[Session], T]) -> T:
        with self._sessions() as session, session.begin():
            return work(session)

    def close(self) -> None:
        """Finish queued work and release the file (idempotent)."""
        if not self._closed:
            self._closed = True
            self._executor.shutdown(wait=True)
            self._engine.dispose()

    # -- the outbox ---------------------------------------------------------------------------

    async def enqueue(self, requests: Sequence[ActionRequest]) -> list[OutboxItem]:
        """Queue actions in one transaction, each with a fresh idempotency key."""
        for r in requests:
            if r.action not in ALERT_ACTIONS:
                raise ValueError(f"unknown alert action {r.action!r}")
        now = datetime.now(UTC)

        def work(session: Session) -> list[OutboxItem]:
            rows = [
                _OutboxRow(
                    key=str(uuid.uuid4()),
                    kind="alert_action",
                    alert_id=r.alert_id,
                    action=r.action,
                    reason=r.reason,
                    state=OutboxState.PENDING.value,
                    attempts=0,
                    created_at=now,
                )
                for r in requests
            ]
            session.add_all(rows)
            session.flush()
            return [OutboxItem._of(row) for row in rows]

        return await self._run(work)

    async def pending(self) -> list[OutboxItem]:
        """Actions still to send, oldest first (the order they were taken in)."""

        def work(session: Session) -> list[OutboxItem]:
            rows = session.scalars(
                select(_OutboxRow)
                .where(_OutboxRow.state == OutboxState.PENDING.value)
                .order_by(_OutboxRow.seq)
            )
            return [OutboxItem._of(row) for row in rows]

        return await self._run(work)

    async def get(self, key: str) -> OutboxItem | None:
        def work(session: Session) -> OutboxItem | None:
            row = session.scalar(select(_OutboxRow).where(_OutboxRow.key == key))
            return OutboxItem._of(row) if row is not None else None

        return await self._run(work)

    async def record_attempt(self, key: str, error: str | None = None) -> None:
        """Count a send that did not get an answer (the item stays pending)."""

        def work(session: Session) -> None:
            row = session.scalar(select(_OutboxRow).where(_OutboxRow.key == key))
            if row is not None:
                row.attempts += 1
                row.last_error = error[:500] if error else None

        await self._run(work)

    async def mark_done(self, key: str) -> None:
        await self._finish(key, OutboxState.DONE, None)

    async def mark_failed(self, key: str, error: str) -> None:
        """The backend refused the action for good (e.g. someone else acted first)."""
        await self._finish(key, OutboxState.FAILED, error)

    async def _finish(self, key: str, state: OutboxState, error: str | None) -> None:
        now = datetime.now(UTC)

        def work(session: Session) -> None:
            row = session.scalar(select(_OutboxRow).where(_OutboxRow.key == key))
            if row is None:
                raise KeyError(key)
            row.state = state.value
            row.attempts += 1
            row.last_error = error[:500] if error else None
            row.done_at = now

        await self._run(work)

    async def counts(self) -> dict[OutboxState, int]:
        """How many items are in each state."""

        def work(session: Session) -> dict[OutboxState, int]:
            rows = session.execute(
                select(_OutboxRow.state, func.count()).group_by(_OutboxRow.state)
            )
            return {OutboxState(state): int(n) for state, n in rows}

        return await self._run(work)


# -- incident operations (create / patch / escalate) ----------------------------------------------

# "field_report": a reply to the citizen (status and/or answer) on a field report.
INCIDENT_OPS = ("create", "patch", "escalate", "field_report")


class _IncidentOutboxRow(_QueuedWork, _Base):
    __tablename__ = "incident_outbox"

    op: Mapped[str] = mapped_column(String(16))
    # The incident a patch/escalate is about; None for a create until the backend answers.
    incident_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    # The version the operator saw (If-Match of a patch), if any.
    if_match: Mapped[int | None] = mapped_column(Integer, nullable=True)
    body: Mapped[str] = mapped_column(Text)


@dataclass(frozen=True)
class IncidentOp:
    """One queued incident operation; ``key`` is its idempotency key, ``body`` its JSON body."""

    seq: int
    key: str
    op: str
    incident_id: int | None
    if_match: int | None
    body: dict[str, Any]
    state: OutboxState
    attempts: int
    last_error: str | None
    created_at: datetime

    @classmethod
    def _of(cls, row: _IncidentOutboxRow) -> IncidentOp:
        return cls(
            seq=row.seq,
            key=row.key,
            op=row.op,
            incident_id=row.incident_id,
            if_match=row.if_match,
            body=json.loads(row.body),
            state=OutboxState(row.state),
            attempts=row.attempts,
            last_error=row.last_error,
            created_at=row.created_at,
        )


class _DraftRow(_Base):
    __tablename__ = "drafts"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class IncidentOutbox:
    """Incident operations and form drafts, in the local store's file and on its worker.

    A create carries its idempotency key to the backend, which applies it once however often
    it is replayed; a patch carries the version the operator saw (If-Match) instead.
    """

    def __init__(self, store: LocalStore) -> None:
        self.store = store

    async def _run(self, work: Callable[[Session], T]) -> T:
        return await self.store._run(work)

    async def enqueue_incident_op(
        self,
        op: str,
        body: dict[str, Any],
        *,
        incident_id: int | None = None,
        if_match: int | None = None,
        key: str | None = None,
    ) -> IncidentOp:
        """Queue one operation with a fresh idempotency key (or ``key``)."""
        if op not in INCIDENT_OPS:
            raise ValueError(f"unknown incident operation {op!r}")
        row_key = key or str(uuid.uuid4())
        text = json.dumps(body, ensure_ascii=False)
        now = datetime.now(UTC)

        def work(session: Session) -> IncidentOp:
            row = _IncidentOutboxRow(
                key=row_key, op=op, incident_id=incident_id, if_match=if_match, body=text,
                state=OutboxState.PENDING.value, attempts=0, created_at=now,
            )  # fmt: skip
            session.add(row)
            session.flush()
            return IncidentOp._of(row)

        result: IncidentOp = await self._run(work)
        return result

    async def pending_incident_ops(self) -> list[IncidentOp]:
        """Operations still to send, oldest first."""

        def work(session: Session) -> list[IncidentOp]:
            rows = session.scalars(
                select(_IncidentOutboxRow)
                .where(_IncidentOutboxRow.state == OutboxState.PENDING.value)
                .order_by(_IncidentOutboxRow.seq)
            )
            return [IncidentOp._of(r) for r in rows]

        result: list[IncidentOp] = await self._run(work)
        return result

    async def incident_op(self, key: str) -> IncidentOp | None:
        def work(session: Session) -> IncidentOp | None:
            row = session.scalar(select(_IncidentOutboxRow).where(_IncidentOutboxRow.key == key))
            return IncidentOp._of(row) if row is not None else None

        result: IncidentOp | None = await self._run(work)
        return result

    async def record_incident_attempt(self, key: str, error: str | None = None) -> None:
        def work(session: Session) -> None:
            row = session.scalar(select(_IncidentOutboxRow).where(_IncidentOutboxRow.key == key))
            if row is not None:
                row.attempts += 1
                row.last_error = error[:500] if error else None

        await self._run(work)

    async def finish_incident_op(
        self,
        key: str,
        state: OutboxState,
        *,
        incident_id: int | None = None,
        error: str | None = None,
    ) -> None:
        """Mark done (with the incident a create made) or failed (with why)."""
        now = datetime.now(UTC)

        def work(session: Session) -> None:
            row = session.scalar(select(_IncidentOutboxRow).where(_IncidentOutboxRow.key == key))
            if row is None:
                raise KeyError(key)
            row.state = state.value
            row.attempts += 1
            row.last_error = error[:500] if error else None
            row.done_at = now
            if incident_id is not None:
                row.incident_id = incident_id

        await self._run(work)

    async def save_draft(self, name: str, body: dict[str, Any]) -> None:
        text = json.dumps(body, ensure_ascii=False)
        now = datetime.now(UTC)

        def work(session: Session) -> None:
            session.merge(_DraftRow(name=name, body=text, saved_at=now))

        await self._run(work)

    async def load_draft(self, name: str) -> dict[str, Any] | None:
        def work(session: Session) -> dict[str, Any] | None:
            row = session.get(_DraftRow, name)
            return json.loads(row.body) if row is not None else None

        result: dict[str, Any] | None = await self._run(work)
        return result

    async def delete_draft(self, name: str) -> None:
        def work(session: Session) -> None:
            row = session.get(_DraftRow, name)
            if row is not None:
                session.delete(row)

        await self._run(work)
