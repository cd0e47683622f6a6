"""The stream-health state machine: what a tile says about its video, and when to reconnect.

Pure and clock-free: every method that depends on time takes ``now`` (monotonic seconds), so the
player feeds it ``time.monotonic()`` and tests feed it a fake clock. It never touches libVLC; the
player reads libVLC's counters, hands them in, and carries out the :class:`Action` that
:meth:`StreamHealth.tick` returns.

::

    IDLE --start--> CONNECTING --frames--> LIVE --no frame for stall_after--> STALLED
                        |   ^                ^                                   |  |
      error or no frame |   | backoff        +------------- frames --------------+  |
      in connect_timeout|   | expired                                               |
                        v   | (RESTART)                 reconnect_after more, or error
                    RECONNECTING <--------------------------------------------------+
    set_offline(True) from any started state -> OFFLINE (STOP); set_offline(False) -> RECONNECTING

A STALLED stream whose input still arrives (bytes read, or pictures decoded but dropped as too
late) is *starving*, not dead: the machine is too busy to show it. Reconnecting would only add the
cost of a new session to an overloaded machine, so it waits up to ``starve_limit`` instead; so
does a CONNECTING stream whose bytes arrive before its first picture.
"""

from __future__ import annotations

import math
import random
from collections import deque
from dataclasses import dataclass
from enum import StrEnum


class StreamState(StrEnum):
    """What a tile shows about its stream."""

    IDLE = "idle"
    CONNECTING = "connecting"
    LIVE = "live"
    STALLED = "stalled"
    RECONNECTING = "reconnecting"
    OFFLINE = "offline"


class Action(StrEnum):
    """What :meth:`StreamHealth.tick` asks the player to do now."""

    NONE = "none"
    RESTART = "restart"
    """Tear the current session down (if any) and open the stream again."""
    STOP = "stop"
    """Tear the current session down and keep it down (the camera is reported offline)."""


@dataclass(frozen=True)
class HealthPolicy:
    """The timings of :class:`StreamHealth`, in seconds."""

    stall_after: float = 3.0
    """LIVE becomes STALLED when no new frame was displayed for this long."""
    reconnect_after: float = 2.0
    """STALLED becomes RECONNECTING after this much more time without a frame."""
    connect_timeout: float = 8.0
    """A first connect attempt that shows no frame within this long counts as a failure; the
    n-th retry waits n + 1 times as long (at most ``starve_limit``)."""
    backoff_initial: float = 1.0
    """The delay before the first reconnect; it doubles with every further failure."""
    backoff_max: float = 30.0
    """The nominal delay stops doubling here (jitter still applies on top)."""
    jitter: float = 0.2
    """Each delay is scaled by a uniform factor in [1 - jitter, 1 + jitter]."""
    stable_after: float = 10.0
    """After being LIVE this long the backoff starts again from ``backoff_initial``."""
    fps_window: float = 2.0
    """The frame rate is measured over this trailing window."""
    starve_limit: float = 30.0
    """A STALLED stream whose input keeps arriving (starving, not dead) reconnects only after
    this long (never sooner than ``reconnect_after``); a reconnect adds work to a machine that is
    already behind."""

    def __post_init__(self) -> None:
        if not 0.0 <= self.jitter < 1.0:
            raise ValueError("HealthPolicy.jitter must be in [0, 1)")
        if min(self.stall_after, self.connect_timeout, self.fps_window) <= 0:
            raise ValueError("HealthPolicy timings must be positive")
        if (
            min(self.reconnect_after, self.backoff_initial, self.stable_after, self.starve_limit)
            < 0
        ):
            raise ValueError("HealthPolicy timings must not be negative")
        if self.backoff_max < self.backoff_initial:
            raise ValueError("HealthPolicy.backoff_max must be >= backoff_initial")

    def nominal_backoff(self, attempt: int) -> float:
        """The delay before reconnect attempt ``attempt`` (1-based), before jitter."""
        # The exponent is clamped so that a camera dead for a week does not overflow a float.
        exponent = min(max(attempt - 1, 0), 32)
        return float(min(self.backoff_max, self.backoff_initial * 2.0**exponent))


class StreamHealth:
    """Tracks one stream's health from the counters and events the player feeds it.

    Drive it with :meth:`start`, :meth:`on_playing`, :meth:`on_frames`, :meth:`on_error`,
    :meth:`set_offline`, :meth:`stop`, and call :meth:`tick` regularly (every poll); ``tick``
    moves the time-based transitions and says when the player must reconnect.

    ``attempt`` counts consecutive failed connect attempts: after the first failure the player is
    waiting for reconnect attempt 1. It goes back to 0 once the stream has been LIVE for
    ``policy.stable_after`` seconds.
    """

    def __init__(
        self, policy: HealthPolicy | None = None, rng: random.Random | None = None
    ) -> None:
        self._policy = policy if policy is not None else HealthPolicy()
        self._rng = rng if rng is not None else random.Random()
        self._state = StreamState.IDLE
        self._attempt = 0
        self._last_error: str | None = None
        self._started = False
        self._offline = False
        self._stop_pending = False
        self._connect_started = 0.0
        self._playing = False
        self._live_since: float | None = None
        self._stalled_at: float | None = None
        self._retry_at: float | None = None
        self._last_frame_at: float | None = None
        # When input last moved (bytes read or late pictures dropped), and the counters it moved.
        self._last_input_at: float | None = None
        self._received: int | None = None
        # Counters as last reported by libVLC for the current session (they restart at 0).
        self._displayed = 0
        self._lost = 0
        # Frames seen over all sessions since start(), so the fps window spans reconnects.
        self._frames_seen = 0
        self._samples: deque[tuple[float, int]] = deque()

    # -- read-only view ---------------------------------------------------------------------

    @property
    def policy(self) -> HealthPolicy:
        """The timings in force."""
        return self._policy

    @property
    def state(self) -> StreamState:
        """The current state."""
        return self._state

    @property
    def attempt(self) -> int:
        """Consecutive failed connect attempts (0 while healthy)."""
        return self._attempt

    @property
    def last_error(self) -> str | None:
        """The reason of the last failure since :meth:`start`, or None."""
        return self._last_error

    @property
    def offline(self) -> bool:
        """True while the backend reports the camera offline."""
        return self._offline

    @property
    def fps(self) -> float:
        """Displayed frames per second over the last ``policy.fps_window`` seconds."""
        if len(self._samples) < 2:
            return 0.0
        (t0, f0), (t1, f1) = self._samples[0], self._samples[-1]
        if t1 - t0 <= 0:
            return 0.0
        return (f1 - f0) / (t1 - t0)

    @property
    def displayed_frames(self) -> int:
        """Displayed pictures of the current session, as last reported."""
        return self._displayed

    @property
    def lost_frames(self) -> int:
        """Lost pictures of the current session, as last reported."""
        return self._lost

    def starving(self, now: float) -> bool:
        """True while STALLED with input still arriving: the stream lives, the machine is behind."""
        return self._state is StreamState.STALLED and self._input_flowing(now)

    def frame_age(self, now: float) -> float | None:
        """Seconds since the last new frame was seen, or None if none was seen since start."""
        if self._last_frame_at is None:
            return None
        return max(0.0, now - self._last_frame_at)

    def retry_in(self, now: float) -> float | None:
        """Seconds until the next reconnect while RECONNECTING, else None."""
        if self._state is not StreamState.RECONNECTING or self._retry_at is None:
            return None
        return max(0.0, self._retry_at - now)

    def detail(self, now: float) -> str:
        """A short human description, e.g. ``"live 15 fps"`` or
        ``"reconnecting in 3 s (attempt 2): Connection refused"``."""
        state = self._state
        if state is StreamState.LIVE:
            fps = self.fps
            return f"live {fps:.0f} fps" if fps >= 0.5 else "live"
        if state is StreamState.CONNECTING:
            text = "waiting for video" if self._playing else "connecting"
            return f"{text} (attempt {self._attempt})" if self._attempt else text
        if state is StreamState.STALLED:
            age = self.frame_age(now) or 0.0
            if self._input_flowing(now):
                return f"behind: video arrives but is shown late ({age:.0f} s)"
            return f"stalled: no video for {age:.0f} s"
        if state is StreamState.RECONNECTING:
            wait = self.retry_in(now) or 0.0
            when = f"in {math.ceil(wait)} s" if wait > 0 else "now"
            text = f"reconnecting {when} (attempt {self._attempt})"
            return f"{text}: {self._last_error}" if self._last_error else text
        return str(state)

    # -- inputs -----------------------------------------------------------------------------

    def start(self, now: float, *, offline: bool = False) -> None:
        """A new stream is being opened: forget everything and go CONNECTING.

        With ``offline=True`` (the backend already reports the camera offline) it goes straight
        to OFFLINE, and the player should not open anything until :meth:`set_offline` clears it.
        """
        self._reset()
        self._started = True
        self._offline = offline
        if offline:
            self._state = StreamState.OFFLINE
        else:
            self._begin_connect(now)

    def stop(self) -> None:
        """The player stopped on purpose: back to IDLE, everything forgotten."""
        self._reset()

    def on_playing(self, now: float) -> None:
        """libVLC reports the media playing (opened; frames may still be far away)."""
        del now  # part of the uniform signature; Playing carries no timing rule yet
        if self._state is StreamState.CONNECTING:
            self._playing = True

    def on_frames(
        self, displayed_total: int, lost_total: int, now: float, received: int | None = None
    ) -> None:
        """Hand in libVLC's picture counters of the current session.

        A rising displayed count means frames arrive: CONNECTING and STALLED become LIVE. A count
        lower than the last one means a new session started, and is taken as counted from zero.
        ``received`` is any counter of input (libVLC's bytes read); when it or the lost count
        moves, input still arrives, which tells a starving stream from a dead one.
        """
        if self._state in (StreamState.IDLE, StreamState.OFFLINE):
            return
        if displayed_total < self._displayed:
            self._displayed = 0
        lost_moved = lost_total > self._lost
        bytes_moved = None not in (received, self._received) and received != self._received
        if lost_moved or bytes_moved:
            self._last_input_at = now
        self._received = received
        delta = displayed_total - self._displayed
        self._displayed = displayed_total
        self._lost = lost_total
        self._frames_seen += delta
        self._samples.append((now, self._frames_seen))
        while self._samples and self._samples[0][0] < now - self._policy.fps_window:
            self._samples.popleft()
        if delta > 0:
            self._last_frame_at = now
            # Frames during RECONNECTING come from a session already judged dead (its last
            # buffered pictures); the scheduled reconnect goes ahead rather than flapping to LIVE.
            if self._state in (StreamState.CONNECTING, StreamState.STALLED):
                self._state = StreamState.LIVE
                self._live_since = now
                self._stalled_at = None
        self._check_stable(now)

    def on_error(self, reason: str, now: float) -> None:
        """The session failed (libVLC error, end of stream, relay died): schedule a reconnect."""
        if self._state in (StreamState.CONNECTING, StreamState.LIVE, StreamState.STALLED):
            self._fail(reason, now)
        elif self._state is StreamState.RECONNECTING:
            # Already counted: one failure often raises several signals (error, then end).
            self._last_error = reason

    def set_offline(self, offline: bool, now: float) -> None:
        """The backend says the camera is offline (True) or back (False).

        Offline stops reconnecting: the next :meth:`tick` returns STOP once. Back online, a
        started stream reconnects at once with a fresh backoff.
        """
        if offline == self._offline:
            return
        self._offline = offline
        if offline:
            was_running = self._state not in (StreamState.IDLE, StreamState.OFFLINE)
            self._state = StreamState.OFFLINE
            self._stop_pending = was_running
            self._retry_at = self._live_since = self._stalled_at = None
            self._samples.clear()
        elif self._state is StreamState.OFFLINE:
            self._stop_pending = False
            if self._started:
                self._attempt = 0
                self._state = StreamState.RECONNECTING
                self._retry_at = now
            else:
                self._state = StreamState.IDLE

    def tick(self, now: float) -> Action:
        """Apply the time-based rules and say what the player must do now."""
        if self._stop_pending:
            self._stop_pending = False
            return Action.STOP
        policy = self._policy
        # Each deadline is applied at the instant it fell due, not at `now`, so a late tick (a busy
        # GUI thread) ends where punctual ticks would have.
        while True:
            state = self._state
            if state is StreamState.CONNECTING:
                # Each failed attempt gives the next one longer (8, 16, 24 s ... up to
                # starve_limit): a server slowed by load is not hammered with new sessions.
                timeout = min(
                    policy.connect_timeout * (1 + self._attempt),
                    max(policy.connect_timeout, policy.starve_limit),
                )
                deadline = self._connect_started + timeout
                if self._input_flowing(now):
                    # Bytes arrive but no picture yet: a busy machine starting many streams,
                    # not a dead camera. A restart would throw the progress away.
                    deadline = self._connect_started + max(
                        policy.connect_timeout, policy.starve_limit
                    )
                if now < deadline:
                    break
                self._fail(f"no video after {deadline - self._connect_started:g} s", deadline)
            elif state is StreamState.LIVE:
                assert self._last_frame_at is not None  # LIVE is entered on a frame
                deadline = self._last_frame_at + policy.stall_after
                if now < deadline:
                    break
                self._state = StreamState.STALLED
                self._stalled_at = deadline
                self._live_since = None
            elif state is StreamState.STALLED:
                assert self._stalled_at is not None
                starve_limit = max(policy.starve_limit, policy.reconnect_after)
                if self._input_flowing(now):
                    deadline = self._stalled_at + starve_limit
                    if now < deadline:
                        break
                    self._fail(f"video shown too late for {starve_limit:g} s", deadline)
                    continue
                deadline = self._stalled_at + policy.reconnect_after
                if self._last_input_at is not None:
                    # Starving until the input stopped too: dead from then on.
                    dead_since = self._last_input_at + policy.stall_after
                    deadline = min(
                        max(deadline, dead_since + policy.reconnect_after),
                        self._stalled_at + starve_limit,
                    )
                if now < deadline:
                    break
                silent = policy.stall_after + policy.reconnect_after
                self._fail(f"no video for {silent:g} s", deadline)
            elif state is StreamState.RECONNECTING:
                assert self._retry_at is not None
                if now < self._retry_at:
                    break
                self._begin_connect(now)
                return Action.RESTART
            else:
                break
        self._check_stable(now)
        return Action.NONE

    # -- internals --------------------------------------------------------------------------

    def _reset(self) -> None:
        self._state = StreamState.IDLE
        self._attempt = 0
        self._last_error = None
        self._started = False
        self._offline = False
        self._stop_pending = False
        self._playing = False
        self._live_since = self._stalled_at = self._retry_at = self._last_frame_at = None
        self._last_input_at = None
        self._received = None
        self._displayed = self._lost = self._frames_seen = 0
        self._samples.clear()

    def _begin_connect(self, now: float) -> None:
        self._state = StreamState.CONNECTING
        self._connect_started = now
        self._playing = False
        self._retry_at = self._live_since = self._stalled_at = None
        # The player opens a new libVLC media, whose counters start at zero.
        self._displayed = self._lost = 0
        self._last_input_at = None
        self._received = None

    def _fail(self, reason: str, at: float) -> None:
        self._attempt += 1
        self._last_error = reason
        self._state = StreamState.RECONNECTING
        self._live_since = self._stalled_at = None
        policy = self._policy
        # Jitter keeps hundreds of tiles that lost the same server from retrying in lock-step.
        factor = 1.0 + self._rng.uniform(-policy.jitter, policy.jitter)
        self._retry_at = at + policy.nominal_backoff(self._attempt) * factor

    def _input_flowing(self, now: float) -> bool:
        last = self._last_input_at
        return last is not None and now - last < self._policy.stall_after

    def _check_stable(self, now: float) -> None:
        if (
            self._attempt
            and self._state is StreamState.LIVE
            and self._live_since is not None
            and now - self._live_since >= self._policy.stable_after
        ):
            self._attempt = 0
