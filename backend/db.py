"""The backend's tables (SQLAlchemy 2) and the one thread that talks to the database.

Why one thread: SQLite allows one writer at a time, and the event hub needs sequence numbers
handed out in commit order. Running every transaction on a single-thread executor gives both
for free (writes are serialised, ``seq`` is assigned and committed in order) and keeps the
event loop free: a coroutine awaits :meth:`Database.run` while its short transaction runs on
the ``db`` thread. Reads go through the same thread; they are small (pages, batches of 500).
PostgreSQL works through the same code by URL, and then several backend processes may share
the database: :mod:`backend.pg_events` numbers events under a lock and fans out other processes'
events through LISTEN/NOTIFY (docs/scaling.md). The schema is Alembic's (:mod:`backend.migrate`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    create_engine,
    event,
    func,
    make_url,
    select,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator

from server_client.contract import (
    API_PREFIX,
    Alert,
    AlertState,
    AlertType,
    BoundingBox,
    CameraStatus,
    EventEnvelope,
    Role,
    Severity,
    UserInfo,
    Ward,
    WardKind,
)

log = logging.getLogger(__name__)

T = TypeVar("T")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and always read back timezone-aware.

    SQLite keeps no zone; without this, values would come back naive and serialise without
    an offset, which the console would read as local time.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base of the backend's tables."""


class UserRow(Base):
    """A console user; ``wards`` empty means city-wide."""

    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(32))
    wards: Mapped[list[str]] = mapped_column(JSON, default=list)
    password_hash: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    def to_wire(self) -> UserInfo:
        return UserInfo(
            username=self.username,
            display_name=self.display_name,
            role=Role(self.role),
            wards=list(self.wards or []),
        )


class WardRow(Base):
    """A ward (phường) or commune (xã) of the two-level local government."""

    __tablename__ = "wards"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16))
    demo: Mapped[bool] = mapped_column(Boolean, default=False)

    def to_wire(self) -> Ward:
        return Ward(id=self.id, name=self.name, kind=WardKind(self.kind), demo=self.demo)


class CameraRow(Base):
    """A camera. Stream URLs are not stored: they depend on the media server of this run."""

    __tablename__ = "cameras"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    ward_id: Mapped[str] = mapped_column(ForeignKey("wards.id"), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    ptz: Mapped[bool] = mapped_column(Boolean, default=False)
    analytics: Mapped[list[str]] = mapped_column(JSON, default=list)
    stream_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default=CameraStatus.ONLINE.value)


class AlertRow(Base):
    """An AI video-analytics alert and where the operators have taken it."""

    __tablename__ = "alerts"
    __table_args__ = (
        Index("ix_alerts_state_id", "state", "id"),
        Index("ix_alerts_ward_id", "ward_id", "id"),
        Index("ix_alerts_camera_id", "camera_id", "id"),
        # The time filter of GET /alerts (KPI drill-down: one type, one hour).
        Index("ix_alerts_type_created_at", "type", "created_at"),
        Index("ix_alerts_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    camera_id: Mapped[str] = mapped_column(ForeignKey("cameras.id"))
    ward_id: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(32), index=True)
    severity: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default=AlertState.NEW.value)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    confidence: Mapped[float] = mapped_column(Float)
    # Relative to the data dir's snapshot folder; served by GET /alerts/{id}/snapshot.
    snapshot_path: Mapped[str | None] = mapped_column(String(255), nullable=True)
    bbox: Mapped[dict[str, float] | None] = mapped_column(JSON, nullable=True)
    attributes: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    owner: Mapped[str | None] = mapped_column(String(64), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    incident_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    def to_wire(self) -> Alert:
        return Alert(
            id=self.id,
            camera_id=self.camera_id,
            ward_id=self.ward_id,
            type=AlertType(self.type),
            severity=Severity(self.severity),
            state=AlertState(self.state),
            created_at=self.created_at,
            confidence=self.confidence,
            snapshot_url=f"{API_PREFIX}/alerts/{self.id}/snapshot" if self.snapshot_path else None,
            bbox=BoundingBox.model_validate(self.bbox) if self.bbox else None,
            attributes=dict(self.attributes or {}),
            owner=self.owner,
            reason=self.reason,
            incident_id=self.incident_id,
        )


class EventRow(Base):
    """A stored event. ``seq`` is assigned by the hub, gap-free, in commit order.

    ``ward_id`` (None = city-wide) lets a ward-scoped replay filter in SQL, so a page of a
    scoped user's events is as full as anyone's.
    """

    __tablename__ = "events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    type: Mapped[str] = mapped_column(String(64))
    ts: Mapped[datetime] = mapped_column(UtcDateTime)
    ward_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    def to_wire(self) -> EventEnvelope:
        return EventEnvelope(seq=self.seq, type=self.type, ts=self.ts, data=self.data)


class IdempotencyRow(Base):
    """The result of an alert action, kept under the client's idempotency key."""

    __tablename__ = "idempotency_keys"

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    alert_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(32))
    response: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class UnitRow(Base):
    """A dispatchable unit of a ward; ``incident_id`` set while it is assigned."""

    __tablename__ = "units"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    ward_id: Mapped[str] = mapped_column(ForeignKey("wards.id"), index=True)
    incident_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class IncidentRow(Base):
    """An incident; lists (units, checklist, timeline, links) are JSON: they are read whole."""

    __tablename__ = "incidents"
    __table_args__ = (
        Index("ix_incidents_ward_id", "ward_id", "id"),
        Index("ix_incidents_state_id", "state", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(32))
    process_group: Mapped[str] = mapped_column(String(32))
    priority: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    ward_id: Mapped[str] = mapped_column(String(64))
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64))
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    dispatched_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    unit_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    checklist: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    timeline: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    alert_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    field_report_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    hotline_call_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    address: Mapped[str] = mapped_column(String(300), default="", server_default="")
    # [{sha256, label, media_type, size, alert_id, added_by, added_at}]; bytes in attachment_blobs.
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(
        JSON, default=list, server_default="[]"
    )


class AttachmentBlobRow(Base):
    """An attachment's bytes, named by their SHA-256 (stored once however often attached).

    In the database rather than the data dir, so that backend instances sharing one database
    (PostgreSQL) serve the same attachments; they are snapshots of at most a few megabytes.
    """

    __tablename__ = "attachment_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class AttachmentUploadRow(Base):
    """Who uploaded an attachment: every uploader of the same bytes, not only the first.

    ``GET /attachments/{sha256}`` answers to an uploader and to whoever can see an incident
    that references the blob (see :func:`backend.attachments.readable_blob`).
    """

    __tablename__ = "attachment_uploads"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class IncidentKeyRow(Base):
    """Idempotency keys of incident creation: the key, who used it, and for what request."""

    __tablename__ = "incident_keys"

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    request_hash: Mapped[str] = mapped_column(String(64))
    incident_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class FieldReportRow(Base):
    """A citizen's field report (phản ánh hiện trường)."""

    __tablename__ = "field_reports"
    __table_args__ = (
        Index("ix_field_reports_ward_id", "ward_id", "id"),
        Index("ix_field_reports_created", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    category: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    photo_url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    address: Mapped[str] = mapped_column(String(300), default="")
    ward_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(32), default="hue-s")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    response: Mapped[str | None] = mapped_column(Text, nullable=True)
    satisfaction: Mapped[int | None] = mapped_column(Integer, nullable=True)
    incident_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class HotlineCallRow(Base):
    """A hotline call; only the masked number is ever stored."""

    __tablename__ = "hotline_calls"
    __table_args__ = (Index("ix_hotline_started", "started_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number_masked: Mapped[str] = mapped_column(String(32))
    topic: Mapped[str] = mapped_column(String(32))
    ward_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    duration_s: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(32))
    summary: Mapped[str] = mapped_column(Text, default="")
    operator: Mapped[str] = mapped_column(String(64))
    incident_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class KpiSampleRow(Base):
    """A sampled gauge (river level, air quality, camera uptime) at one time."""

    __tablename__ = "kpi_samples"
    __table_args__ = (Index("ix_kpi_samples_name_ts", "name", "ts"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(64), default="")
    ward_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    ts: Mapped[datetime] = mapped_column(UtcDateTime)
    value: Mapped[float] = mapped_column(Float)


class LayoutRow(Base):
    """A wall layout; the document is opaque JSON (the layouts package validates it)."""

    __tablename__ = "layouts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    scope: Mapped[str] = mapped_column(String(16))
    owner: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64))
    document: Mapped[dict[str, Any]] = mapped_column(JSON)


class AuditRow(Base):
    """One audit entry; ``hash`` chains it to the row before (see :mod:`backend.audit`)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ts: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity_type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    ward_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets readers (e.g. a DB browser) run beside the writer; NORMAL is durable enough
    # under WAL and much faster than FULL for many tiny commits.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(url: str) -> Engine:
    """Create the engine; SQLite gets WAL, foreign keys and a shared connection across threads."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        if parsed.drivername == "postgresql":
            # psycopg 3 is the driver we depend on; SQLAlchemy's bare default is psycopg2.
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True)
    database = parsed.database or ""
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if database in ("", ":memory:"):
        # One connection, or every new one would see an empty in-memory database.
        kwargs["poolclass"] = StaticPool
    else:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


class Database:
    """The engine, the session factory and the single ``db`` worker thread."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db")

    def create_schema(self) -> None:
        """Create the tables straight from the models (unit tests; the backend migrates)."""
        Base.metadata.create_all(self.engine)

    def session(self) -> Session:
        return self._sessions()

    def run_sync(self, fn: Callable[[Session], T]) -> T:
        """Run ``fn`` with a fresh session in the calling thread (startup, tests).

        ``fn`` commits what it wants kept; anything uncommitted is rolled back.
        """
        with self._sessions() as session:
            return fn(session)

    async def run(self, fn: Callable[[Session], T]) -> T:
        """Run ``fn`` with a fresh session on the ``db`` thread and await its result."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self.run_sync, fn)

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        self.engine.dispose()


def last_event_seq(session: Session) -> int:
    """The highest stored ``seq``, 0 for an empty database."""
    return int(session.scalar(select(func.max(EventRow.seq))) or 0)
