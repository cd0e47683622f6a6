"""One libVLC media player rendering one stream into a native window, with its health."""

from __future__ import annotations

import collections
import logging
import random
import sys
import time
from typing import Any

import vlc  # type: ignore[import-untyped]

from streams.engine import VideoEngine
from streams.health import Action, HealthPolicy, StreamHealth, StreamState
from streams.relay import FFmpegRelay, RelayError, redact_url
from streams.spec import StreamSpec, Transport

log = logging.getLogger(__name__)

# libVLC event -> the word poll() consumes.
_EVENTS: tuple[tuple[Any, str], ...] = (
    (vlc.EventType.MediaPlayerPlaying, "playing"),
    (vlc.EventType.MediaPlayerEncounteredError, "error"),
    (vlc.EventType.MediaPlayerEndReached, "ended"),
    (vlc.EventType.MediaPlayerStopped, "stopped"),
)

# How long an end-of-stream may wait for the relay's own exit (and its clearer message).
_END_GRACE_S = 1.0


class VideoPlayer:
    """Plays one :class:`StreamSpec` into a native window and keeps it alive.

    Everything here runs on the caller's (GUI) thread: libVLC is not reentrant. libVLC's event
    callbacks run on its own threads and only append to a queue that :meth:`poll` consumes; call
    ``poll`` every 250-500 ms. ``poll`` reads the picture counters, feeds :attr:`health`, and
    reconnects when the health machine says so. Nothing here waits on the network: RTSP is either
    opened by libVLC's own threads or by an FFmpeg child (:class:`streams.relay.FFmpegRelay`).

    Methods that take ``now`` (monotonic seconds) default to ``time.monotonic()``.
    """

    def __init__(
        self,
        engine: VideoEngine,
        *,
        policy: HealthPolicy | None = None,
        rng: random.Random | None = None,
        relay_timeout_s: float = 5.0,
        ffmpeg: str | None = None,
    ) -> None:
        self._engine = engine
        self._relay_timeout_s = relay_timeout_s
        self._ffmpeg = ffmpeg
        self._health = StreamHealth(policy, rng)
        self._mp: Any = engine.instance.media_player_new()
        self._media: Any = None
        self._relay: FFmpegRelay | None = None
        self._spec: StreamSpec | None = None
        self._window = 0
        self._transport_override: Transport | None = None
        self._stats = vlc.MediaStats()
        self._displayed = 0
        self._lost = 0
        # Each session gets a new number; events carry the number current when they fired, so
        # anything a torn-down session still says is ignored.
        self._generation = 0
        self._events: collections.deque[tuple[int, str]] = collections.deque()
        self._relay_reported = False
        self._ended_at: float | None = None
        self._closed = False
        # The application handles mouse and keys (wheel zoom, drag, double-click); without this
        # libVLC's own video window takes those X events and the tile never sees them.
        self._mp.video_set_mouse_input(False)
        self._mp.video_set_key_input(False)
        manager = self._mp.event_manager()
        for event_type, word in _EVENTS:
            manager.event_attach(event_type, self._on_vlc_event, word)
        engine._register(self)

    # -- read-only view ---------------------------------------------------------------------

    @property
    def health(self) -> StreamHealth:
        """The stream's health state machine (read it; the player drives it)."""
        return self._health

    @property
    def state(self) -> StreamState:
        """Shorthand for ``health.state``."""
        return self._health.state

    @property
    def spec(self) -> StreamSpec | None:
        """The stream being played, or None when stopped."""
        return self._spec

    @property
    def displayed_frames(self) -> int:
        """Pictures displayed by the current session (libVLC's ``displayed_pictures``)."""
        return self._displayed

    @property
    def lost_frames(self) -> int:
        """Pictures lost by the current session (libVLC's ``lost_pictures``)."""
        return self._lost

    @property
    def uses_relay(self) -> bool:
        """True while the current session goes through an FFmpeg relay."""
        return self._relay is not None

    @property
    def relay_pid(self) -> int | None:
        """The FFmpeg relay's process id, if the current session has one."""
        return self._relay.pid if self._relay is not None else None

    @property
    def transport(self) -> Transport | None:
        """The RTSP transport the next or current attempt uses, or None when stopped."""
        if self._spec is None:
            return None
        return self._transport_override or self._spec.transport

    @property
    def window(self) -> int:
        """The native window id given to :meth:`set_window` (0: none)."""
        return self._window

    # -- commands ---------------------------------------------------------------------------

    def set_window(self, win_id: int) -> None:
        """Render into the native window ``win_id`` (X11 window, HWND or NSView; 0 detaches).

        Takes effect when the next video output opens: set it before :meth:`play`.
        """
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

    def play(self, spec: StreamSpec, now: float | None = None, *, offline: bool = False) -> None:
        """Start playing ``spec`` (stopping whatever played before). Returns at once.

        ``offline=True`` (the backend already reports the camera offline) opens nothing until
        :meth:`set_offline` says it is back.
        """
        self._check_open()
        now = time.monotonic() if now is None else now
        self._teardown()
        self._spec = spec
        self._transport_override = None
        self._health.start(now, offline=offline)
        if self._health.state is StreamState.CONNECTING:
            self._start_session(now)

    def switch(self, spec: StreamSpec, now: float | None = None) -> None:
        """Play another stream instead (a plain stop and play for now)."""
        self.stop()
        self.play(spec, now)

    def stop(self) -> None:
        """Stop playing and forget the stream; the health goes IDLE."""
        if self._closed:
            return
        self._teardown()
        self._spec = None
        self._transport_override = None
        self._health.stop()

    def set_offline(self, offline: bool, now: float | None = None) -> None:
        """The backend reports the camera offline (stop trying) or back (reconnect now)."""
        self._check_open()
        now = time.monotonic() if now is None else now
        self._health.set_offline(offline, now)
        self._act(self._health.tick(now), now)

    def poll(self, now: float | None = None) -> StreamState:
        """Consume libVLC's events and counters, update the health, reconnect if due.

        Call from the GUI thread every 250-500 ms. Never blocks on the network.
        """
        if self._closed:
            return self._health.state
        now = time.monotonic() if now is None else now
        health = self._health
        while self._events:
            generation, word = self._events.popleft()
            if generation != self._generation:
                continue
            if word == "playing":
                health.on_playing(now)
            elif word == "error":
                health.on_error(self._failure_reason("libVLC could not play the stream"), now)
            elif word == "ended":
                if self._relay is not None and self._relay.alive:
                    # The relay usually exits a moment later with a better reason than "ended".
                    self._ended_at = now
                else:
                    health.on_error(self._failure_reason("the stream ended"), now)
            elif word == "stopped":
                # Our own stops bump the generation first, so this one came from libVLC itself.
                health.on_error(self._failure_reason("playback stopped"), now)
        if self._media is not None:
            self._media.get_stats(self._stats)
            self._displayed = int(self._stats.displayed_pictures)
            self._lost = int(self._stats.lost_pictures)
            # Bytes read tell a starving stream (input arrives, pictures late) from a dead one.
            health.on_frames(self._displayed, self._lost, now, received=int(self._stats.read_bytes))
        self._check_relay(now)
        self._act(health.tick(now), now)
        return health.state

    def snapshot(self, path: str) -> bool:
        """Save the picture on screen now (PNG, the stream's own resolution); False if none."""
        if self._closed or self._spec is None:
            return False
        # libVLC writes the file from its vout thread; 0 means the request was taken.
        return bool(self._mp.video_take_snapshot(0, path, 0, 0) == 0)

    def video_size(self) -> tuple[int, int] | None:
        """The decoded picture's size in pixels, or None before the first picture."""
        if self._closed or self._media is None:
            return None
        try:
            width, height = self._mp.video_get_size(0)
        except vlc.VLCException:  # no video output (yet)
            return None
        return (int(width), int(height)) if width and height else None

    @property
    def crop_geometry(self) -> str | None:
        """The crop libVLC applies (``"WxH+X+Y"``), or None for the whole picture."""
        if self._closed:
            return None
        value = self._mp.video_get_crop_geometry()
        return value or None

    def set_crop_geometry(self, geometry: str | None) -> None:
        """Show only part of the picture, scaled to the window (digital zoom); None: all of it.

        ``geometry`` goes to libVLC as is; libVLC 3 reads ``"WxH+X+Y"`` with W and H as the
        right and bottom edges, so build it with :meth:`streams.zoom.DigitalZoom.crop_geometry`.
        It stays set across streams and reconnects.
        """
        self._check_open()
        self._mp.video_set_crop_geometry(geometry)

    def close(self) -> None:
        """Stop and release the libVLC player. Idempotent; the player is unusable afterwards."""
        if self._closed:
            return
        self.stop()
        self._closed = True
        manager = self._mp.event_manager()
        for event_type, _word in _EVENTS:
            manager.event_detach(event_type)
        self._mp.release()
        self._mp = None
        self._engine._unregister(self)

    # -- internals --------------------------------------------------------------------------

    def _on_vlc_event(self, event: Any, word: str) -> None:
        # Runs on a libVLC thread: no libVLC calls here, only a hand-off to poll().
        del event
        self._events.append((self._generation, word))

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("the VideoPlayer is closed")

    def _act(self, action: Action, now: float) -> None:
        if action is Action.RESTART:
            self._teardown()
            self._start_session(now)
        elif action is Action.STOP:
            self._teardown()

    def _check_relay(self, now: float) -> None:
        relay = self._relay
        if relay is None:
            return
        if not relay.alive and not self._relay_reported:
            self._health.on_error(self._relay_failure(relay), now)
        elif self._ended_at is not None and now - self._ended_at >= _END_GRACE_S:
            self._ended_at = None
            self._health.on_error("the stream ended", now)

    def _failure_reason(self, fallback: str) -> str:
        relay = self._relay
        if relay is not None and not relay.alive:
            return self._relay_failure(relay)
        return fallback

    def _relay_failure(self, relay: FFmpegRelay) -> str:
        """Note the relay's death once (switching transport if refused) and say why it died."""
        if not self._relay_reported:
            self._relay_reported = True
            if relay.transport_refused:
                # Some cameras accept only UDP (or only TCP): the next attempt asks for the other.
                other: Transport = "udp" if relay.transport == "tcp" else "tcp"
                log.info(
                    "%s refused RTSP over %s; trying %s", self._label(), relay.transport, other
                )
                self._transport_override = other
        return relay.reason

    def _label(self) -> str:
        spec = self._spec
        if spec is None:
            return "player"
        return spec.label or redact_url(spec.url)

    def _start_session(self, now: float) -> None:
        spec = self._spec
        assert spec is not None
        self._generation += 1
        self._relay_reported = False
        self._ended_at = None
        caching = spec.network_caching_ms
        options = [f":network-caching={caching}", ":no-audio"]
        if spec.decoder_threads:
            options.append(f":avcodec-threads={spec.decoder_threads}")
        if spec.is_rtsp and not self._engine.has_native_rtsp:
            relay = FFmpegRelay(
                spec.url,
                transport=self.transport or spec.transport,
                timeout_s=self._relay_timeout_s,
                ffmpeg=self._ffmpeg,
            )
            try:
                relay.start()
            except RelayError as exc:
                log.warning("%s: %s", self._label(), exc)
                self._health.on_error(str(exc), now)
                return
            self._relay = relay
            mrl = relay.mrl
            # A pipe is read by libVLC's file access, whose buffer is file-caching.
            options += [f":file-caching={caching}", f":live-caching={caching}"]
        else:
            mrl = spec.url
            if spec.is_rtsp and self.transport == "tcp":
                # Only with live555 (native RTSP): elsewhere the option does not exist.
                options.append(":rtsp-tcp")
        self._media = self._engine.instance.media_new(mrl, *options)
        self._mp.set_media(self._media)
        if self._mp.play() != 0:
            self._health.on_error("libVLC could not start playback", now)

    def _teardown(self) -> None:
        if self._media is None and self._relay is None:
            return
        # From here on, events of the old session are stale.
        self._generation += 1
        # libVLC first: it joins its input thread, so it is done with the relay's fd before the
        # relay closes it (a closed fd number can be reused at once by another pipe).
        self._mp.stop()
        if self._media is not None:
            self._media.release()
            self._media = None
        if self._relay is not None:
            self._relay.stop()
            self._relay = None
        self._events.clear()
        self._displayed = self._lost = 0
        self._ended_at = None
