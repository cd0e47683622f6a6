"""Drives the evidence panel: search (latest wins), paging, thumbnails, export and verify.

Only police liaison and admin get the panel (:func:`evidence_allowed`); the backend enforces
the same rule. Every request carries the case number and reason from the form, which the
backend writes to its audit log. An export is built by the backend (progress polled), then
downloaded (progress by bytes) and verified locally before the officer is told it is saved.
Playing the recording around results, bookmarks and the synchronised player belong to
:class:`console.controllers.evidence_playback.EvidencePlaybackController`; the search area is
drawn on the city map (the app routes ``map_area_requested`` and :meth:`set_area`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable, Coroutine, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final, TypeVar

from pydantic import ValidationError
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDockWidget, QMainWindow

from console.controllers.evidence_playback import EvidencePlaybackController
from console.evidence_verify import VerifyReport, verify_package
from console.models.alert_table_model import display_name
from console.models.evidence_result_model import EvidenceResultModel
from console.tasks import OwnedTasks
from server_client.bookmarks import BookmarkStore
from server_client.contract import (
    EVIDENCE_ROLES,
    AlertType,
    Camera,
    CaseReference,
    ClipSpec,
    EvidenceBookmark,
    EvidenceExportRequest,
    EvidenceHit,
    EvidenceSearch,
    ExportState,
    Role,
)
from server_client.rest import ApiError, BackendUnreachable, RestClient
from streams.engine import VideoEngine
from widgets.evidence_search import EvidenceSearchWidget

log = logging.getLogger(__name__)

T = TypeVar("T")
PAGE: Final = 60
POLL_S: Final = 0.4
# Building is most of an export's time; the download the rest.
BUILD_SHARE: Final = 80


def evidence_allowed(role: Role) -> bool:
    """Whether a user of ``role`` gets the evidence panel."""
    return role in EVIDENCE_ROLES


def merge_clips(hits: list[EvidenceHit], seconds: int, now: datetime) -> list[ClipSpec]:
    """One clip per camera stretch: ``seconds`` around each event, overlapping ones merged."""
    return merge_moments([(h.camera_id, h.ts) for h in hits], seconds, now)


def merge_moments(
    moments: list[tuple[str, datetime]], seconds: int, now: datetime
) -> list[ClipSpec]:
    """Like :func:`merge_clips`, for ``(camera_id, moment)`` pairs (events and bookmarks)."""
    spans: dict[str, list[tuple[datetime, datetime]]] = {}
    for camera_id, ts in sorted(moments, key=lambda m: m[1]):
        start = ts - timedelta(seconds=seconds)
        end = min(ts + timedelta(seconds=seconds), now)
        if end <= start:
            continue
        mine = spans.setdefault(camera_id, [])
        if mine and start <= mine[-1][1]:
            mine[-1] = (mine[-1][0], max(mine[-1][1], end))
        else:
            mine.append((start, end))
    return [
        ClipSpec(camera_id=cam, start=s, end=e) for cam, ranges in spans.items() for s, e in ranges
    ]


def cameras_in_area(
    cameras: Mapping[str, Camera], south: float, west: float, north: float, east: float
) -> list[str]:
    """The ids of the cameras inside a lat/lon rectangle (edges included), sorted."""
    return sorted(
        cid for cid, cam in cameras.items()
        if south <= cam.lat <= north and west <= cam.lon <= east
    )  # fmt: skip


async def in_thread(fn: Callable[[], T]) -> T:
    """Run a blocking call on its own thread; the result comes back on the loop.

    A plain thread rather than the default executor: nothing at shutdown waits on it.
    """
    loop = asyncio.get_running_loop()
    done: asyncio.Future[T] = loop.create_future()

    def settle(ok: bool, value: Any) -> None:
        if done.done():
            return
        if ok:
            done.set_result(value)
        else:
            done.set_exception(value)

    def run() -> None:
        try:
            result: Any = (True, fn())
        except Exception as exc:  # noqa: BLE001 - handed to the awaiting coroutine
            result = (False, exc)
        with contextlib.suppress(RuntimeError):  # the loop may be closed at shutdown
            loop.call_soon_threadsafe(settle, *result)

    threading.Thread(target=run, name="evidence-worker", daemon=True).start()
    return await done


class EvidenceController(QObject):
    """Owns the result model and the panel's tasks; cancel them with :meth:`aclose`."""

    search_done = Signal(int)
    export_done = Signal(str)
    verified = Signal(bool)
    # The officer wants to draw the search area on the city map (the app shows the map).
    map_area_requested = Signal()

    def __init__(
        self,
        rest: RestClient,
        cameras: Mapping[str, Camera],
        widget: EvidenceSearchWidget,
        export_dir: Path,
        parent: QObject | None = None,
        *,
        engine: VideoEngine | None = None,
        bookmarks: BookmarkStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.rest = rest
        self.cameras = cameras
        self.widget = widget
        self.export_dir = export_dir
        self.model = EvidenceResultModel(self)
        self.model.set_cameras(cameras)
        widget.set_model(self.model)
        widget.set_choices(
            [(cid, f"{cid}  {cam.name}") for cid, cam in cameras.items()],
            [(t.value, display_name(t.value)) for t in AlertType],
        )
        self._criteria: EvidenceSearch | None = None
        self._search: asyncio.Task[None] | None = None
        self._tasks = OwnedTasks("evidence")
        self.last_package: Path | None = None
        self.last_report: VerifyReport | None = None
        widget.search_requested.connect(self._on_widget_search_requested)
        widget.export_requested.connect(self._on_widget_export_requested)
        widget.verify_requested.connect(self._on_widget_verify_requested)
        self.model.more_requested.connect(self._on_model_more_requested)
        self.playback = EvidencePlaybackController(
            rest, cameras, widget.player, export_dir / "viewing", engine=engine,
            bookmarks=bookmarks, parent=self,
        )  # fmt: skip
        self.playback.failed.connect(lambda text: widget.show_status(text, False))
        widget.play_requested.connect(self._on_widget_play_requested)
        widget.area_pick_requested.connect(self.map_area_requested)
        widget.player.bookmark_requested.connect(self._on_player_bookmark_requested)
        widget.player.bookmark_activated.connect(self._on_player_bookmark_activated)
        widget.player.bookmark_delete_requested.connect(self._on_player_bookmark_delete_requested)
        if bookmarks is not None:
            self._spawn(self.playback.reload_bookmarks())

    def install(self, window: QMainWindow) -> QDockWidget:
        """Put the panel in a dock of ``window`` (tabbed, right side)."""
        dock = QDockWidget(self.tr("Evidence search"), window)
        dock.setObjectName("evidenceDock")
        dock.setWidget(self.widget)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    # -- slots --------------------------------------------------------------------------------

    def _on_widget_search_requested(self, criteria: dict[str, Any]) -> None:
        try:
            search = EvidenceSearch(**criteria, limit=PAGE)
        except ValidationError as exc:
            self.widget.show_status(str(exc.errors()[0].get("msg", exc)), False)
            return
        if self._search is not None:
            self._search.cancel()  # latest wins
        self._criteria = search
        self._search = self._spawn(self.search(search))

    def _on_model_more_requested(self) -> None:
        if self._criteria is not None:
            self._spawn(self._next_page(self._criteria))

    def _on_widget_export_requested(self, rows: list[int], seconds: int) -> None:
        hits = [self.model.hit(r) for r in rows]
        criteria = self.widget.criteria()
        marked = [self.playback.bookmark(i) for i in self.widget.player.checked_bookmarks()]
        bookmarks = [
            EvidenceBookmark(camera_id=b.camera_id, ts=b.ts, note=b.note)
            for b in marked if b is not None
        ]  # fmt: skip
        self._spawn(
            self.export(hits, seconds, criteria["case_number"], criteria["reason"], bookmarks)
        )

    def _on_widget_verify_requested(self, path: str) -> None:
        self._spawn(self.verify(Path(path)))

    def _on_widget_play_requested(self, rows: list[int], nearby: int) -> None:
        hits = [self.model.hit(r) for r in rows]
        if hits:
            self._spawn(self.play(hits, nearby))

    def _on_player_bookmark_requested(self, note: str) -> None:
        case = self._case()
        if case is not None:
            self._spawn(self.playback.add_bookmark(note, case.case_number))

    def _on_player_bookmark_activated(self, bookmark_id: int) -> None:
        bookmark = self.playback.bookmark(bookmark_id)
        if bookmark is None:
            return
        if self.playback.shows(bookmark.camera_id, bookmark.ts):
            self.playback.seek(bookmark.ts.timestamp() * 1000.0)
            return
        case = self._case()
        if case is not None:
            self._spawn(self.playback.open_moment(
                [bookmark.camera_id], bookmark.ts, self.widget.seconds_spin.value(), case
            ))  # fmt: skip

    def _on_player_bookmark_delete_requested(self, bookmark_id: int) -> None:
        self._spawn(self.playback.delete_bookmark(bookmark_id))

    def _case(self) -> CaseReference | None:
        """The case number and reason of the form, or None (and a message) when missing."""
        criteria = self.widget.criteria()
        try:
            return CaseReference(case_number=criteria["case_number"], reason=criteria["reason"])
        except ValidationError:
            self.widget.show_status(self.tr("Enter the case number and the reason first."), False)
            return None

    def set_area(self, south: float, west: float, north: float, east: float) -> list[str]:
        """The area drawn on the map: searches send it (the backend scopes the cameras, within
        the officer's wards); the cameras the console sees inside it are shown."""
        found = cameras_in_area(self.cameras, south, west, north, east)
        outline = [(south, west), (south, east), (north, east), (north, west)]
        self.widget.set_area_cameras(found, outline)
        return found

    async def play(self, hits: list[EvidenceHit], nearby: int = 0) -> int:
        """Play the recording around the first hit on the hits' cameras (and nearby ones)."""
        case = self._case()
        if case is None:
            return 0
        self.widget.show_status(self.tr("Fetching the recording…"))
        cameras = list(dict.fromkeys(h.camera_id for h in hits))
        count = await self.playback.open_moment(
            cameras, hits[0].ts, self.widget.seconds_spin.value(), case, nearby=nearby
        )
        if count:
            self.widget.show_status(
                self.tr("Playing %1 cameras around %2")
                .replace("%1", str(count))
                .replace("%2", hits[0].ts.astimezone().strftime("%d/%m %H:%M:%S"))
            )
        return count

    # -- work ---------------------------------------------------------------------------------

    async def search(self, criteria: EvidenceSearch) -> None:
        """First page of a new search into the model, then its thumbnails."""
        self.widget.show_status(self.tr("Searching…"))
        try:
            page = await self.rest.evidence_search(criteria)
        except (ApiError, BackendUnreachable) as exc:
            self.widget.show_status(self.tr("Search failed: %1").replace("%1", str(exc)), False)
            return
        self.model.reset(page.items, page.has_more)
        if page.items:
            text = self.tr("%1 events found").replace("%1", str(len(page.items)))
            if page.has_more:
                text += " " + self.tr("(scroll for more)")
        else:
            text = self.tr("Nothing found")
        self.widget.show_status(text)
        self.search_done.emit(len(page.items))
        await self._thumbnails(page.items)

    async def _next_page(self, criteria: EvidenceSearch) -> None:
        nxt = criteria.model_copy(update={"offset": self.model.offset})
        try:
            page = await self.rest.evidence_search(nxt)
        except (ApiError, BackendUnreachable) as exc:
            self.model.fetch_failed()
            self.widget.show_status(self.tr("Search failed: %1").replace("%1", str(exc)), False)
            return
        if criteria is not self._criteria:
            return  # a newer search replaced this one meanwhile
        self.model.append(page.items, page.has_more)
        await self._thumbnails(page.items)

    async def _thumbnails(self, hits: list[EvidenceHit]) -> None:
        for hit in hits:
            if hit.snapshot_url is None or self.model.has_thumbnail(hit.alert_id):
                continue
            try:
                data = await self.rest.snapshot(hit.alert_id)
            except (ApiError, BackendUnreachable) as exc:
                log.info("no thumbnail for alert %d: %s", hit.alert_id, exc)
                continue
            self.model.set_thumbnail(hit.alert_id, QImage.fromData(data))

    async def export(
        self,
        hits: list[EvidenceHit],
        seconds: int,
        case_number: str,
        reason: str,
        bookmarks: list[EvidenceBookmark] | None = None,
    ) -> Path | None:
        """Export clips around ``hits`` and ``bookmarks``, the hits' snapshots and the
        bookmarks' notes (in the manifest); download, verify; the zip path."""
        now = datetime.now(UTC)
        marks = list(bookmarks or [])
        moments = [(h.camera_id, h.ts) for h in hits] + [(b.camera_id, b.ts) for b in marks]
        try:
            request = EvidenceExportRequest(
                case_number=case_number,
                reason=reason,
                bookmarks=marks,
                clips=merge_moments(moments, seconds, now),
                snapshot_alert_ids=[h.alert_id for h in hits if h.snapshot_url],
            )
        except ValidationError as exc:
            self.widget.show_status(str(exc.errors()[0].get("msg", exc)), False)
            return None
        self.widget.set_busy(True)
        self.widget.set_progress(0)
        self.widget.show_status(self.tr("Building the evidence package…"))
        try:
            job = await self.rest.evidence_export(request)
            while job.state == ExportState.BUILDING:
                self.widget.set_progress(int(job.progress * BUILD_SHARE))
                await asyncio.sleep(POLL_S)
                job = await self.rest.evidence_export_status(job.id)
            if job.state != ExportState.READY:
                raise ApiError(500, "export_failed", job.error or "export failed")
            self.widget.show_status(self.tr("Downloading the evidence package…"))
            self.export_dir.mkdir(parents=True, exist_ok=True)
            dest = self.export_dir / job.file_name
            await self.rest.evidence_download(job.id, dest, self._on_download_progress)
        except (ApiError, BackendUnreachable, OSError) as exc:
            self.widget.set_progress(None)
            self.widget.show_status(self.tr("Export failed: %1").replace("%1", str(exc)), False)
            return None
        finally:
            self.widget.set_busy(False)
        self.widget.set_progress(100)
        self.last_package = dest
        self.export_done.emit(str(dest))
        await self.verify(dest, saved=True)
        return dest

    def _on_download_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.widget.set_progress(BUILD_SHARE + int(done * (100 - BUILD_SHARE) / total))

    async def verify(self, path: Path, *, saved: bool = False) -> VerifyReport:
        """Check a package off the GUI thread and show the verdict."""
        self.widget.show_status(self.tr("Verifying %1…").replace("%1", path.name))
        report = await in_thread(lambda: verify_package(path))
        self.last_report = report
        if report.ok:
            text = self.tr("Verified: signature valid, all %1 files match the manifest.").replace(
                "%1", str(report.files_checked)
            )
            if saved:
                text = self.tr("Saved to %1.").replace("%1", str(path)) + " " + text
        else:
            lines = [f"{p.path}: {p.message}" for p in report.problems]
            text = self.tr("NOT verified: %1").replace("%1", "; ".join(lines))
        self.widget.show_status(text, report.ok)
        self.verified.emit(report.ok)
        return report

    # -- tasks --------------------------------------------------------------------------------

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        return self._tasks.spawn(coro)

    async def aclose(self) -> None:
        """Cancel and await every task of the panel, then release its players."""
        await self._tasks.cancel_all()
        self.playback.close()
