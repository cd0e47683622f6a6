"""Recorded clips: a libVLC file player with a smooth clock and frame steps, and a sync group.

Evidence review plays MP4 clips cut from the recording, not live streams, so there is no health
machine here; what matters is *where* each player is. libVLC 3 reports the playback time only
about every 250 ms (its input thread updates the position at that rate) and not at all after
``next_frame()``, so :class:`ClipPlayer` keeps its own :class:`PlaybackClock`: it interpolates
between libVLC's reports while playing, and counts frame steps and exact seeks while paused.

:class:`SyncGroup` plays up to four clips of different cameras on one wall-clock timeline. The
first player is the master clock; every :meth:`SyncGroup.tick` measures each other player's
drift from where the master says it should be, nudges its rate for a small drift and seeks it
for a large one. The drift observed before correction is kept (:attr:`SyncGroup.drift_ms`) so it
can be reported. Times on the timeline are wall-clock milliseconds since the epoch (UTC).

No Qt here; call everything from the GUI thread (libVLC is not reentrant).
"""

from __future__ import annotations

import collections
import logging
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol

import vlc  # type: ignore[import-untyped]

if TYPE_CHECKING:
    from streams.engine import VideoEngine

log = logging.getLogger(__name__)

ClipState = Literal["idle", "opening", "playing", "paused", "ended", "error"]

DEFAULT_FPS: Final = 25.0
# A report further than this from the interpolated clock resets it (a seek, a stall).
_CLOCK_RESET_MS: Final = 600.0
# How much of a report's residual the clock takes in: smooths libVLC's coarse reports.
_CLOCK_GAIN: Final = 0.3
# A report this close to a seek's target is the seek landing (farther: sent before it).
_LANDING_WINDOW_MS: Final = 1500.0
# The longest a seek's landing is waited for before the clock runs on regardless.
_SEEK_LANDING_S: Final = 0.6

_STATES: Final[dict[Any, ClipState]] = {
    vlc.State.NothingSpecial: "idle",
    vlc.State.Opening: "opening",
    vlc.State.Buffering: "opening",
    vlc.State.Playing: "playing",
    vlc.State.Paused: "paused",
    vlc.State.Stopped: "idle",
    vlc.State.Ended: "ended",
    vlc.State.Error: "error",
}


class PlaybackClock:
    """Where a clip is, in milliseconds from its start, between libVLC's coarse reports.

    While playing, libVLC's reports (about every 250 ms) pull the interpolated clock gently. A
    seek while playing freezes the clock at the target until libVLC reports the landing: the
    picture stays on the target while the decoder refills its cache (0.3-0.45 s here), and
    libVLC's first report after ``set_time`` only echoes the target. Pure arithmetic (``now`` is
    monotonic seconds), so it is tested without libVLC.
    """

    def __init__(self) -> None:
        self._anchor_ms = 0.0
        self._anchor_t: float | None = None
        self._running = False
        self._rate = 1.0
        self._last_report: int | None = None
        self._seeking = False

    def position(self, now: float) -> float:
        """The estimated position at ``now``."""
        if not self._running or self._anchor_t is None:
            return self._anchor_ms
        since = self._anchor_t + (_SEEK_LANDING_S if self._seeking else 0.0)
        return self._anchor_ms + max(0.0, now - since) * 1000.0 * self._rate

    def report(self, reported_ms: int, now: float) -> None:
        """libVLC said ``reported_ms``; only a *new* value carries information."""
        if reported_ms < 0 or reported_ms == self._last_report:
            return
        self._last_report = reported_ms
        if not self._running:
            return  # paused: libVLC's time is stale after frame steps and seeks; ours is exact
        if self._seeking:
            echo = reported_ms == int(self._anchor_ms)
            if echo or abs(reported_ms - self._anchor_ms) > _LANDING_WINDOW_MS:
                return  # the echo of set_time, or a report sent before the seek
            self._seeking = False
            self._anchor_ms, self._anchor_t = float(reported_ms), now
            return
        residual = reported_ms - self.position(now)
        if self._anchor_t is None or abs(residual) > _CLOCK_RESET_MS:
            self._anchor_ms, self._anchor_t = float(reported_ms), now
        else:
            self._anchor_ms, self._anchor_t = self.position(now) + _CLOCK_GAIN * residual, now

    def set(self, position_ms: float, now: float, *, seek: bool = False) -> None:
        """An exact position: a frame step, or (``seek=True``) a seek that lands later."""
        if self._seeking and now - (self._anchor_t or now) >= _SEEK_LANDING_S:
            self._seeking = False
        self._anchor_ms, self._anchor_t = max(0.0, position_ms), now
        # Paused, the picture lands on the target before anyone sees it run.
        self._seeking = seek and self._running

    def run(self, running: bool, now: float) -> None:
        """Start or freeze the clock (play, pause)."""
        if running != self._running:
            self._anchor_ms, self._anchor_t = self.position(now), now
            self._running = running
            self._seeking = False

    def set_rate(self, rate: float, now: float) -> None:
        position = self.position(now)
        if self._seeking and self._anchor_t is not None and now < self._anchor_t + _SEEK_LANDING_S:
            self._rate = rate  # still frozen on a seek: keep waiting for its landing
            return
        self._seeking = False
        self._anchor_ms, self._anchor_t = position, now
        self._rate = rate

    @property
    def running(self) -> bool:
        return self._running


class ClipPlayer:
    """Plays one recorded file into a native window: play, pause, seek, rate, frame steps.

    Call :meth:`poll` every 50-200 ms: it feeds the clock with libVLC's reports and applies a
    seek asked for while the media was still opening (or had ended).
    """

    def __init__(self, engine: VideoEngine) -> None:
        self._engine = engine
        self._mp: Any = engine.instance.media_player_new()
        self._media: Any = None
        self._path: Path | None = None
        self._window = 0
        self._clock = PlaybackClock()
        self._rate = 1.0
        self._want_playing = False
        self._pending_seek: float | None = None
        self._closed = False
        self._stats = vlc.MediaStats()
        self._events: collections.deque[str] = collections.deque()
        self._mp.event_manager().event_attach(
            vlc.EventType.MediaPlayerPlaying, self._on_vlc_event, "playing"
        )
        engine._register(self)

    # -- read-only view ---------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def state(self) -> ClipState:
        if self._closed or self._media is None:
            return "idle"
        return _STATES.get(self._mp.get_state(), "idle")

    @property
    def length_ms(self) -> int:
        """The clip's duration, 0 while unknown."""
        if self._closed or self._media is None:
            return 0
        return max(0, int(self._mp.get_length()))

    @property
    def fps(self) -> float:
        """Frames per second of the clip (25 until libVLC knows)."""
        if self._closed or self._media is None:
            return DEFAULT_FPS
        fps = float(self._mp.get_fps() or 0.0)
        return fps if 1.0 <= fps <= 240.0 else DEFAULT_FPS

    @property
    def frame_ms(self) -> float:
        return 1000.0 / self.fps

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def playing(self) -> bool:
        """True while the player is meant to be playing (not paused, not ended)."""
        return self._want_playing

    @property
    def reported_ms(self) -> int:
        """libVLC's own time (coarse: updated about every 250 ms; -1 when it has none)."""
        if self._closed or self._media is None:
            return -1
        return int(self._mp.get_time())

    @property
    def displayed_frames(self) -> int:
        """Pictures displayed since the clip opened (libVLC's ``displayed_pictures``)."""
        if self._closed or self._media is None:
            return 0
        self._media.get_stats(self._stats)
        return int(self._stats.displayed_pictures)

    def position_ms(self, now: float | None = None) -> float:
        """The clip position now (ms from its start), interpolated between libVLC's reports."""
        now = time.monotonic() if now is None else now
        if self._pending_seek is not None:
            return self._pending_seek
        position = self._clock.position(now)
        length = self.length_ms
        return min(position, float(length)) if length else position

    # -- commands ---------------------------------------------------------------------------

    def set_window(self, win_id: int) -> None:
        """Render into the native window ``win_id`` (before :meth:`open`)."""
        self._check_open()
        self._window = int(win_id)
        if sys.platform.startswith("linux"):
            self._mp.set_xwindow(self._window)
        elif sys.platform == "win32":
            self._mp.set_hwnd(self._window or None)
        elif sys.platform == "darwin":
            self._mp.set_nsobject(self._window or None)
        else:
            raise NotImplementedError(f"no native window embedding on {sys.platform}")

    def open(self, path: Path, *, play: bool = True) -> None:
        """Open a clip file and start it (or leave it paused at its first frame)."""
        self._check_open()
        self._release_media()
        self._path = path
        self._media = self._engine.instance.media_new(str(path), ":no-audio")
        self._mp.set_media(self._media)
        now = time.monotonic()
        self._clock = PlaybackClock()
        self._clock.set(0.0, now)
        self._clock.set_rate(self._rate, now)
        self._mp.set_rate(self._rate)
        # libVLC shows nothing before it plays: start, and pause on the first Playing if asked.
        self._want_playing = play
        self._pending_seek = None if play else 0.0
        if self._mp.play() != 0:
            log.warning("libVLC could not start %s", path)

    def play(self) -> None:
        self._check_open()
        if self._media is None:
            return
        now = time.monotonic()
        self._want_playing = True
        if self.state in ("ended", "idle", "error"):
            # An ended player does not seek or resume: start it again where the clock says.
            self._restart(self.position_ms(now))
            return
        self._mp.set_pause(0)
        self._clock.run(True, now)

    def pause(self) -> None:
        self._check_open()
        if self._media is None:
            return
        now = time.monotonic()
        self._want_playing = False
        self._clock.run(False, now)
        if self.state == "playing":
            self._mp.set_pause(1)

    def seek(self, position_ms: float) -> None:
        """Go to ``position_ms`` (exact: libVLC decodes from the key frame before it)."""
        self._check_open()
        if self._media is None:
            return
        length = self.length_ms
        target = max(0.0, min(position_ms, float(length - 1) if length else position_ms))
        now = time.monotonic()
        if self.state in ("playing", "paused"):
            self._mp.set_time(int(target))
            self._clock.set(target, now, seek=True)
        else:
            self._restart(target)

    def set_rate(self, rate: float) -> None:
        """Playback speed (1.0 normal); the clock follows."""
        self._check_open()
        self._rate = rate
        self._clock.set_rate(rate, time.monotonic())
        if self._media is not None:
            self._mp.set_rate(rate)

    def next_frame(self) -> None:
        """Show the next frame and stay paused (libVLC pauses first if playing)."""
        self._check_open()
        if self._media is None or self.state not in ("playing", "paused"):
            return
        now = time.monotonic()
        self._want_playing = False
        self._clock.run(False, now)
        length = self.length_ms
        position = self._clock.position(now) + self.frame_ms
        if length and position >= length:
            return
        self._mp.next_frame()
        self._clock.set(position, now)

    def previous_frame(self) -> None:
        """Show the frame before this one (a seek back by one frame period), paused."""
        self._check_open()
        self.pause()
        self.seek(self.position_ms() - self.frame_ms)

    def poll(self, now: float | None = None) -> ClipState:
        """Feed libVLC's time into the clock; apply a pending seek once the clip plays."""
        if self._closed or self._media is None:
            return "idle"
        now = time.monotonic() if now is None else now
        state = self.state
        started = False
        while self._events:
            started = self._events.popleft() == "playing" or started
        if state in ("playing", "paused") and (started or self._pending_seek is not None):
            target, self._pending_seek = self._pending_seek, None
            if self._want_playing:
                self._clock.run(True, now)
            elif state == "playing":
                self._mp.set_pause(1)
                self._clock.run(False, now)
            if target is not None:
                self._mp.set_time(int(target))
                self._clock.set(target, now, seek=True)
        if state == "playing" and self._want_playing:
            self._clock.run(True, now)
            self._clock.report(int(self._mp.get_time()), now)
        elif state == "ended":
            self._want_playing = False
            length = self.length_ms
            self._clock.run(False, now)
            if length:
                self._clock.set(float(length), now)
        return state

    def close(self) -> None:
        """Stop and release the libVLC player (idempotent)."""
        if self._closed:
            return
        self._release_media()
        self._closed = True
        self._mp.event_manager().event_detach(vlc.EventType.MediaPlayerPlaying)
        self._mp.release()
        self._mp = None
        self._engine._unregister(self)

    # -- internals --------------------------------------------------------------------------

    def _on_vlc_event(self, event: Any, word: str) -> None:
        # On a libVLC thread: no libVLC calls, only a hand-off to poll().
        del event
        self._events.append(word)

    def _restart(self, position_ms: float) -> None:
        self._mp.stop()
        self._events.clear()
        self._pending_seek = position_ms
        self._clock.set(position_ms, time.monotonic())
        self._mp.play()

    def _release_media(self) -> None:
        if self._media is not None:
            self._mp.stop()
            self._media.release()
            self._media = None
        self._events.clear()
        self._pending_seek = None
        self._want_playing = False

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("the ClipPlayer is closed")


class SyncPlayer(Protocol):
    """What a :class:`SyncGroup` needs of a player (a :class:`ClipPlayer`, or a fake in tests)."""

    @property
    def length_ms(self) -> int: ...

    @property
    def rate(self) -> float: ...

    @property
    def playing(self) -> bool: ...

    @property
    def frame_ms(self) -> float: ...

    def position_ms(self, now: float | None = None) -> float: ...

    def play(self) -> None: ...

    def pause(self) -> None: ...

    def seek(self, position_ms: float) -> None: ...

    def set_rate(self, rate: float) -> None: ...

    def next_frame(self) -> None: ...


@dataclass
class SyncMember:
    """A player and the wall-clock time (ms since the epoch) of its clip's first frame."""

    player: SyncPlayer
    start_ms: float
    label: str = ""


@dataclass(frozen=True)
class SyncPolicy:
    """Drift below ``tolerance_ms`` is left alone, up to ``seek_ms`` the rate is nudged by
    ``nudge``, beyond it the player seeks (a seek costs a key-frame decode and a visible jump)."""

    tolerance_ms: float = 80.0
    seek_ms: float = 400.0
    nudge: float = 0.08
    # After a seek a player needs a moment before its clock means anything again.
    settle_s: float = 0.8
    # A follower seeks this far ahead of the master: it holds the target picture while its
    # decoder refills (0.3-0.45 s with libVLC's default caching), and the master catches up.
    seek_lead_s: float = 0.35


class SyncGroup:
    """Up to four clips on one wall-clock timeline; member 0 is the master clock."""

    MAX_MEMBERS: Final = 4

    def __init__(self, policy: SyncPolicy | None = None) -> None:
        self.policy = policy or SyncPolicy()
        self.members: list[SyncMember] = []
        self.drift_ms: list[float] = []  # |drift| of every follower at every tick, before fixing
        self.corrections = {"nudge": 0, "seek": 0}
        self._rate = 1.0
        self._settle_until: dict[int, float] = {}
        self._nudged: set[int] = set()

    def add(self, member: SyncMember) -> None:
        if len(self.members) >= self.MAX_MEMBERS:
            raise ValueError(f"a sync group holds at most {self.MAX_MEMBERS} players")
        self.members.append(member)

    @property
    def master(self) -> SyncMember | None:
        return self.members[0] if self.members else None

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def playing(self) -> bool:
        master = self.master
        return master is not None and master.player.playing

    def range_ms(self) -> tuple[float, float]:
        """The union of the members' clips on the timeline (0, 0 when empty)."""
        spans = [(m.start_ms, m.start_ms + m.player.length_ms) for m in self.members]
        if not spans:
            return 0.0, 0.0
        return min(s for s, _ in spans), max(e for _, e in spans)

    def position(self, now: float | None = None) -> float:
        """Where the master is on the timeline (wall-clock ms)."""
        master = self.master
        if master is None:
            return 0.0
        return master.start_ms + master.player.position_ms(now)

    def offsets(self, now: float | None = None) -> list[float]:
        """Each member's position on the timeline minus the master's (ms; 0 for the master)."""
        now = time.monotonic() if now is None else now
        reference = self.position(now)
        return [m.start_ms + m.player.position_ms(now) - reference for m in self.members]

    # -- transport ----------------------------------------------------------------------------

    def play(self) -> None:
        for member in self.members:
            member.player.play()

    def pause(self) -> None:
        for member in self.members:
            member.player.pause()
        self._restore_rates()

    def seek(self, wall_ms: float, now: float | None = None) -> None:
        """Every member to the same moment (each clamped to its own clip)."""
        now = time.monotonic() if now is None else now
        for index, member in enumerate(self.members):
            member.player.seek(wall_ms - member.start_ms)
            self._settle_until[index] = now + self.policy.settle_s
        self._restore_rates()

    def set_rate(self, rate: float) -> None:
        self._rate = rate
        self._nudged.clear()
        for member in self.members:
            member.player.set_rate(rate)

    def next_frame(self) -> None:
        for member in self.members:
            member.player.next_frame()

    def previous_frame(self) -> None:
        master = self.master
        if master is None:
            return
        self.pause()
        self.seek(self.position() - master.player.frame_ms)

    # -- keeping together ---------------------------------------------------------------------

    def tick(self, now: float | None = None) -> list[float]:
        """Measure each follower's drift and correct it; returns the drifts (ms, signed)."""
        now = time.monotonic() if now is None else now
        master = self.master
        drifts: list[float] = []
        if master is None or not master.player.playing:
            return drifts
        reference = self.position(now)
        policy = self.policy
        for index, member in enumerate(self.members[1:], start=1):
            player = member.player
            target = reference - member.start_ms
            length = player.length_ms
            if target < 0 or (length and target >= length):
                continue  # the moment is outside this camera's clip
            if now < self._settle_until.get(index, 0.0):
                continue
            if not player.playing:
                player.play()
            drift = player.position_ms(now) - target
            drifts.append(drift)
            self.drift_ms.append(abs(drift))
            if abs(drift) >= policy.seek_ms:
                player.seek(target + policy.seek_lead_s * 1000.0 * self._rate)
                self._settle_until[index] = now + policy.settle_s
                self._unnudge(index, player)
                self.corrections["seek"] += 1
            elif abs(drift) >= policy.tolerance_ms:
                # Ahead: slow down a little; behind: speed up a little.
                factor = 1.0 - policy.nudge if drift > 0 else 1.0 + policy.nudge
                player.set_rate(self._rate * factor)
                self._nudged.add(index)
                self.corrections["nudge"] += 1
            else:
                self._unnudge(index, player)
        return drifts

    def _unnudge(self, index: int, player: SyncPlayer) -> None:
        if index in self._nudged:
            self._nudged.discard(index)
            player.set_rate(self._rate)

    def _restore_rates(self) -> None:
        for index in list(self._nudged):
            self.members[index].player.set_rate(self._rate)
        self._nudged.clear()


def drift_summary(drifts: list[float]) -> dict[str, float]:
    """p50, p95 and max of absolute drifts (ms), for reports and benchmarks."""
    if not drifts:
        return {"samples": 0, "p50_ms": 0.0, "p95_ms": 0.0, "max_ms": 0.0}
    ordered = sorted(drifts)

    def pick(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)

    return {
        "samples": len(ordered), "p50_ms": pick(0.5), "p95_ms": pick(0.95),
        "max_ms": round(ordered[-1], 1),
    }  # fmt: skip
