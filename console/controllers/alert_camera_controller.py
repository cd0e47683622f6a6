"""The alert's camera, live, beside its snapshot in the detail pane.

One libVLC player, created on first use, drawing into the detail pane's small live view (the
sub stream: the view is small). It follows the alert on show: a new alert on another camera
switches the stream, the same camera keeps playing, no alert (or a closed pane) stops it. Like a
wall tile, a hidden view does not decode, and the player is polled for its health (reconnects
with backoff) by a GUI-thread timer, since libVLC is not reentrant.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QObject, QTimer

from console.controllers.wall_controller import health_badge, stream_for
from server_client.contract import Camera, CameraStatus
from streams import HealthPolicy, VideoEngine, VideoPlayer
from widgets.alert_detail import AlertDetailWidget
from widgets.video_tile import STATE_COLOURS, health_state_name

log = logging.getLogger(__name__)

POLL_MS: Final = 450


class AlertCameraController(QObject):
    """Plays the camera of the alert shown in an :class:`AlertDetailWidget`."""

    def __init__(
        self,
        detail: AlertDetailWidget,
        engine: VideoEngine,
        parent: QObject | None = None,
        *,
        caching_ms: int = 300,
        reconnect_max_s: float = 4.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.detail = detail
        self.engine = engine
        self.caching_ms = caching_ms
        self.policy = HealthPolicy(backoff_max=reconnect_max_s)
        self._clock = clock
        self.player: VideoPlayer | None = None
        self.camera: Camera | None = None
        # The view is hidden (pane collapsed, dock closed): the player is stopped until shown.
        self.parked = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def show(self, camera: Camera | None) -> None:
        """Play ``camera`` live (keeps playing if it already is); None stops."""
        if camera is None:
            self.stop()
            return
        same = self.camera is not None and self.camera.id == camera.id
        self.camera = camera
        self.detail.set_live_camera(camera.name)
        if same and self.player is not None and self.player.spec is not None:
            return
        if self.player is None:
            self.player = VideoPlayer(self.engine, policy=self.policy)
            self.player.set_window(self.detail.live_window_id())
        spec = stream_for(camera, 0, 0, self.caching_ms)
        log.info("alert detail: live %s (%s)", camera.id, spec.url)
        now = self._clock()
        self.parked = False
        self.player.play(spec, now, offline=camera.status == CameraStatus.OFFLINE)
        self._show_state(now)
        self._timer.start()

    def stop(self) -> None:
        """No alert shown: stop decoding and show the placeholder (the player is kept)."""
        self._timer.stop()
        self.camera = None
        self.parked = False
        if self.player is not None:
            self.player.stop()
        self.detail.set_live_camera(None)

    @property
    def state(self) -> str | None:
        """The live player's health state (``live``, ``connecting``…), None when not playing."""
        if self.player is None or self.camera is None or self.player.spec is None:
            return None
        return self.player.state.value

    def close(self) -> None:
        self._timer.stop()
        self.camera = None
        if self.player is not None:
            self.player.close()
            self.player = None

    def _on_timer_timeout(self) -> None:
        player, camera = self.player, self.camera
        if player is None or camera is None or self.engine.closed:
            # The engine closes its players at exit, possibly before this controller.
            self._timer.stop()
            return
        now = self._clock()
        live = self.detail.live
        if not live.isVisible() or live.window().isMinimized():
            if not self.parked:
                log.info("alert detail hidden: live camera stopped")
                player.stop()
                self.parked = True
            return
        if self.parked:
            self.parked = False
            player.play(
                stream_for(camera, 0, 0, self.caching_ms),
                now,
                offline=camera.status == CameraStatus.OFFLINE,
            )
        player.poll(now)
        self._show_state(now)

    def _show_state(self, now: float) -> None:
        player = self.player
        if player is None:
            return
        state = player.state.value
        badge = health_badge(player, now)
        text = health_state_name(state) + (f" · {badge}" if badge else "")
        self.detail.set_live_state(text, STATE_COLOURS.get(state, ""))
