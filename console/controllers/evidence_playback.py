"""Plays the recording around a moment: clips of up to four cameras on one timeline.

The evidence controller asks :meth:`EvidencePlaybackController.open_moment` for cameras and a
moment. For each camera the backend's recording spans say whether (and how much of) the range
is on disk; the clips are fetched as MP4 (each fetch is an audited ``evidence.view``), the AI
events of those cameras in the range become timeline marks, and the clips play in a
:class:`streams.clip_player.SyncGroup` (the first camera is the master clock). A 100 ms timer
polls the players, keeps the followers in step and moves the timeline.

Bookmarks (camera, moment, note) are kept in the local store (see
:mod:`server_client.bookmarks` for why) and shown on the timeline and in the player's list.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final

from PySide6.QtCore import QObject, QTimer, Signal

from console.models.alert_table_model import display_name
from server_client.bookmarks import Bookmark, BookmarkStore
from server_client.contract import (
    Camera,
    CaseReference,
    ClipRequest,
    EvidenceHit,
    EvidenceSearch,
    RecordingInfo,
)
from server_client.rest import ApiError, BackendUnreachable, ClipFile, RestClient
from streams.clip_player import ClipPlayer, SyncGroup, SyncMember, drift_summary
from streams.engine import VideoEngine
from widgets.evidence_player import EvidencePlayerWidget
from widgets.evidence_timeline import TimelineMark

log = logging.getLogger(__name__)

TICK_MS: Final = 100
MAX_CAMERAS: Final = SyncGroup.MAX_MEMBERS
# The drift shown next to the transport is over the last few seconds of ticks.
RECENT_DRIFTS: Final = 60


def nearest_cameras(
    cameras: Mapping[str, Camera], origin: str, exclude: Sequence[str] = ()
) -> list[str]:
    """Other cameras ordered by distance from ``origin`` (nearest first)."""
    if origin not in cameras:
        return []
    here = cameras[origin]
    scale = math.cos(math.radians(here.lat))

    def distance(cam: Camera) -> float:
        return math.hypot(cam.lat - here.lat, (cam.lon - here.lon) * scale)

    skip = {origin, *exclude}
    others = [c for cid, c in cameras.items() if cid not in skip]
    return [c.id for c in sorted(others, key=lambda c: (distance(c), c.id))]


def clamp_to_recording(
    info: RecordingInfo, start: datetime, end: datetime
) -> tuple[datetime, datetime] | None:
    """The part of ``[start, end)`` inside the longest overlapping recorded span, if any."""
    best: tuple[datetime, datetime] | None = None
    for span in info.spans:
        lo, hi = max(start, span.start), min(end, span.end)
        if hi - lo >= timedelta(seconds=1) and (best is None or hi - lo > best[1] - best[0]):
            best = (lo, hi)
    return best


class EvidencePlaybackController(QObject):
    """Owns the clip players of the evidence player widget; close with :meth:`close`."""

    opened = Signal(int)
    failed = Signal(str)
    bookmarks_changed = Signal()

    def __init__(
        self,
        rest: RestClient,
        cameras: Mapping[str, Camera],
        widget: EvidencePlayerWidget,
        clip_dir: Path,
        *,
        engine: VideoEngine | None,
        bookmarks: BookmarkStore | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.rest = rest
        self.cameras = cameras
        self.widget = widget
        self.clip_dir = clip_dir
        self.engine = engine
        self.bookmark_store = bookmarks
        self.group = SyncGroup()
        self.players: list[ClipPlayer] = []
        self.camera_ids: list[str] = []
        self.clips: list[ClipFile] = []
        self.events: list[EvidenceHit] = []
        self.bookmarks: list[Bookmark] = []
        self.case: CaseReference | None = None
        self._recent: list[float] = []
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        widget.play_requested.connect(self._on_widget_play_requested)
        widget.pause_requested.connect(self._on_widget_pause_requested)
        widget.rate_requested.connect(self._on_widget_rate_requested)
        widget.step_requested.connect(self._on_widget_step_requested)
        widget.seek_requested.connect(self._on_widget_seek_requested)

    # -- opening ------------------------------------------------------------------------------

    async def open_moment(
        self, camera_ids: Sequence[str], moment: datetime, seconds: int, case: CaseReference,
        *, nearby: int = 0,
    ) -> int:  # fmt: skip
        """Play ``seconds`` before and after ``moment`` on these cameras (plus ``nearby``
        nearest recorded ones, up to four in all); returns how many cameras play."""
        if self.engine is None:
            self.failed.emit(self.tr("Video playback is not available on this console."))
            return 0
        self.case = case
        start, end = moment - timedelta(seconds=seconds), moment + timedelta(seconds=seconds)
        wanted = list(dict.fromkeys(camera_ids))[:MAX_CAMERAS]
        extra = nearest_cameras(self.cameras, wanted[0], wanted) if wanted and nearby else []
        ranges: dict[str, tuple[datetime, datetime]] = {}
        try:
            for camera_id in [*wanted, *extra]:
                if len(ranges) >= min(MAX_CAMERAS, len(wanted) + nearby):
                    break
                info = await self.rest.evidence_recordings(camera_id)
                got = clamp_to_recording(info, start, end)
                if got is not None:
                    ranges[camera_id] = got
            if not ranges:
                self.failed.emit(self.tr("No recording of these cameras around that moment."))
                return 0
            self.clip_dir.mkdir(parents=True, exist_ok=True)
            self._sweep_clip_dir()
            clips = await asyncio.gather(*(
                self.rest.evidence_view_clip(
                    ClipRequest(camera_id=cid, start=lo, end=hi, case_number=case.case_number,
                                reason=case.reason),
                    self.clip_dir / f"view-{uuid.uuid4().hex[:12]}-{cid}.mp4",
                )
                for cid, (lo, hi) in ranges.items()
            ))  # fmt: skip
            page = await self.rest.evidence_search(
                EvidenceSearch(
                    case_number=case.case_number, reason=case.reason, start=start, end=end,
                    camera_ids=list(ranges), limit=500,
                )
            )  # fmt: skip
        except (ApiError, BackendUnreachable, OSError) as exc:
            self.failed.emit(self.tr("Cannot play the recording: %1").replace("%1", str(exc)))
            return 0
        self._start_players(list(ranges), list(clips), page.items)
        await self.reload_bookmarks()
        self.opened.emit(len(self.players))
        return len(self.players)

    def _start_players(
        self, camera_ids: list[str], clips: list[ClipFile], events: list[EvidenceHit]
    ) -> None:
        self.close_players()
        assert self.engine is not None
        self.camera_ids, self.clips, self.events = camera_ids, clips, events
        labels = [
            f"{cid}  {self.cameras[cid].name}" if cid in self.cameras else cid for cid in camera_ids
        ]
        windows = self.widget.set_cameras(labels)
        self.group = SyncGroup()
        for camera_id, clip, window in zip(camera_ids, clips, windows, strict=True):
            player = ClipPlayer(self.engine)
            player.set_window(window)
            player.open(clip.path)
            self.players.append(player)
            self.group.add(SyncMember(player, clip.start.timestamp() * 1000.0, camera_id))
        lo = min(c.start for c in clips).timestamp() * 1000.0
        hi = max(c.end for c in clips).timestamp() * 1000.0
        self.widget.timeline.set_range(lo, hi)
        self._recent.clear()
        self._refresh_marks()
        self.widget.set_playing(True)
        self._timer.start()

    # -- transport ----------------------------------------------------------------------------

    def play(self) -> None:
        master = self.group.master
        if master is not None:
            length = master.player.length_ms
            if length and master.player.position_ms() >= length - 2 * master.player.frame_ms:
                self.group.seek(master.start_ms)  # at the end: play again from the start
        self.group.play()
        self.widget.set_playing(True)

    def pause(self) -> None:
        self.group.pause()
        self.widget.set_playing(False)

    def seek(self, wall_ms: float) -> None:
        self.group.seek(wall_ms)
        self.widget.set_position(self.group.position())

    def step(self, frames: int) -> None:
        if frames > 0:
            self.group.next_frame()
        else:
            self.group.previous_frame()
        self.widget.set_playing(False)
        self.widget.set_position(self.group.position())

    def position(self) -> float:
        """The shared timeline's position (wall-clock ms since the epoch)."""
        return self.group.position()

    def drift(self) -> dict[str, float]:
        """Observed drift of the followers from the master, before correction."""
        return drift_summary(self.group.drift_ms)

    def _on_widget_play_requested(self) -> None:
        self.play()

    def _on_widget_pause_requested(self) -> None:
        self.pause()

    def _on_widget_rate_requested(self, rate: float) -> None:
        self.group.set_rate(rate)

    def _on_widget_step_requested(self, frames: int) -> None:
        self.step(frames)

    def _on_widget_seek_requested(self, wall_ms: float) -> None:
        self.seek(wall_ms)

    def _on_timer_timeout(self) -> None:
        now = time.monotonic()
        names = {"opening": self.tr("opening"), "playing": "", "paused": self.tr("paused"),
                 "ended": self.tr("end"), "error": self.tr("error"), "idle": ""}  # fmt: skip
        for index, player in enumerate(self.players):
            state = player.poll(now)
            self.widget.set_camera_state(index, names[state])
        drifts = self.group.tick(now)
        self._recent = [*self._recent, *(abs(d) for d in drifts)][-RECENT_DRIFTS:]
        self.widget.set_playing(self.group.playing)
        self.widget.set_position(self.group.position(now))
        if len(self.players) > 1 and self._recent:
            worst = max(self._recent)
            self.widget.sync_label.setText(self.tr("sync ±%1 ms").replace("%1", f"{worst:.0f}"))
        else:
            self.widget.sync_label.setText("")

    # -- bookmarks ----------------------------------------------------------------------------

    async def reload_bookmarks(self) -> None:
        if self.bookmark_store is None:
            return
        self.bookmarks = await self.bookmark_store.list()
        rows = []
        for b in self.bookmarks:
            when = b.ts.astimezone().strftime("%d/%m %H:%M:%S")
            text = f"{when}  {b.camera_id}  {b.note}".rstrip()
            rows.append((b.id, text, f"{self.tr('Case')} {b.case_number}"))
        self.widget.set_bookmarks(rows)
        self._refresh_marks()
        self.bookmarks_changed.emit()

    async def add_bookmark(self, note: str, case_number: str) -> Bookmark | None:
        """A bookmark of the master camera at the timeline's position."""
        if self.bookmark_store is None or not self.camera_ids:
            return None
        moment = datetime.fromtimestamp(self.group.position() / 1000.0, UTC)
        bookmark = await self.bookmark_store.add(case_number, self.camera_ids[0], moment, note)
        await self.reload_bookmarks()
        return bookmark

    async def delete_bookmark(self, bookmark_id: int) -> None:
        if self.bookmark_store is not None:
            await self.bookmark_store.delete(bookmark_id)
            await self.reload_bookmarks()

    def bookmark(self, bookmark_id: int) -> Bookmark | None:
        return next((b for b in self.bookmarks if b.id == bookmark_id), None)

    def shows(self, camera_id: str, moment: datetime) -> bool:
        """Whether the open clips cover ``moment`` of ``camera_id``."""
        return any(
            cid == camera_id and clip.start <= moment <= clip.end
            for cid, clip in zip(self.camera_ids, self.clips, strict=False)
        )

    def _refresh_marks(self) -> None:
        lanes = {cid: i for i, cid in enumerate(self.camera_ids)}
        marks = [
            TimelineMark(
                f"alert-{h.alert_id}", h.ts.timestamp() * 1000.0, lanes[h.camera_id],
                h.severity.value,
                f"#{h.alert_id} {display_name(h.type.value)} {h.plate or ''}".strip(),
            )
            for h in self.events if h.camera_id in lanes
        ]  # fmt: skip
        marks += [
            TimelineMark(f"bookmark-{b.id}", b.ts.timestamp() * 1000.0, lanes[b.camera_id],
                         "bookmark", b.note or self.tr("Bookmark"))
            for b in self.bookmarks if b.camera_id in lanes
        ]  # fmt: skip
        lo, hi = self.widget.timeline.range_ms()
        self.widget.timeline.set_marks([m for m in marks if lo <= m.ms <= hi])

    # -- closing ------------------------------------------------------------------------------

    def _sweep_clip_dir(self) -> None:
        """Delete viewing clips a crashed session left behind (not the ones playing)."""
        playing = {clip.path for clip in self.clips}
        for path in self.clip_dir.glob("view-*.mp4"):
            if path not in playing:
                with contextlib.suppress(OSError):
                    path.unlink()

    def close_players(self) -> None:
        """Stop and release the players and delete their clip files."""
        self._timer.stop()
        for player in self.players:
            player.close()
        for clip in self.clips:
            with contextlib.suppress(OSError):
                clip.path.unlink(missing_ok=True)
        self.players, self.clips, self.camera_ids, self.events = [], [], [], []
        self.group = SyncGroup()

    def close(self) -> None:
        self.close_players()
