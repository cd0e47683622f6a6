"""Evidence bookmarks in the local store: a camera, a moment and the officer's note, per case.

Bookmarks are the liaison officer's working notes while reviewing video, so they live on the
workstation (the local SQLite store, next to the outbox) rather than in the backend: they work
when the backend is unreachable, need no new backend table while its migrations are being
introduced, and what leaves the workstation is audited anyway: viewing a clip writes an
``evidence.view`` audit row, and a bookmark added to an export becomes a clip of the signed,
audited package. The cost: bookmarks are not shared between workstations.

The table is created on first use in the store's file, on the store's worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import DateTime, Integer, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

if TYPE_CHECKING:
    from server_client.store import LocalStore

T = TypeVar("T")


class _BookmarkBase(DeclarativeBase):
    pass


class _BookmarkRow(_BookmarkBase):
    __tablename__ = "evidence_bookmarks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_number: Mapped[str] = mapped_column(String(64), index=True)
    camera_id: Mapped[str] = mapped_column(String(64))
    ts: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class Bookmark:
    """A moment of one camera's recording worth coming back to (``ts`` in UTC)."""

    id: int
    case_number: str
    camera_id: str
    ts: datetime
    note: str
    created_at: datetime

    @classmethod
    def _of(cls, row: _BookmarkRow) -> Bookmark:
        return cls(
            id=row.id, case_number=row.case_number, camera_id=row.camera_id,
            ts=_utc(row.ts), note=row.note, created_at=_utc(row.created_at),
        )  # fmt: skip


def _utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes even for timezone-aware columns; they were stored in UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class BookmarkStore:
    """Bookmarks in a :class:`LocalStore`'s file and on its worker thread."""

    def __init__(self, store: LocalStore) -> None:
        self.store = store
        self._ready = False

    async def _run(self, work: Callable[[Session], T]) -> T:
        if not self._ready:
            await self.store._run(
                lambda s: _BookmarkBase.metadata.create_all(s.connection(), checkfirst=True)
            )
            self._ready = True
        return await self.store._run(work)

    async def add(self, case_number: str, camera_id: str, ts: datetime, note: str) -> Bookmark:
        """Store a bookmark; ``ts`` must be timezone-aware."""
        if ts.tzinfo is None:
            raise ValueError("a bookmark's time must be timezone-aware")

        def work(session: Session) -> Bookmark:
            row = _BookmarkRow(
                case_number=case_number.strip()[:64], camera_id=camera_id,
                ts=ts.astimezone(UTC), note=note.strip()[:500], created_at=datetime.now(UTC),
            )  # fmt: skip
            session.add(row)
            session.flush()
            return Bookmark._of(row)

        return await self._run(work)

    async def list(self, case_number: str | None = None) -> list[Bookmark]:
        """Bookmarks (of one case, or all), in the order of their moments."""

        def work(session: Session) -> list[Bookmark]:
            query = select(_BookmarkRow).order_by(_BookmarkRow.ts, _BookmarkRow.id)
            if case_number:
                query = query.where(_BookmarkRow.case_number == case_number.strip())
            return [Bookmark._of(row) for row in session.scalars(query)]

        return await self._run(work)

    async def delete(self, bookmark_id: int) -> None:
        def work(session: Session) -> None:
            row = session.get(_BookmarkRow, bookmark_id)
            if row is not None:
                session.delete(row)

        await self._run(work)
