"""A player rendering into a real native window (Qt's winId) under X11: real pixels, real rate."""

from __future__ import annotations

import os
import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from backend.media_process import MediaServerProcess
from streams import StreamSpec, StreamState, VideoEngine, VideoPlayer
from tests.streams.conftest import needs_ffmpeg

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X display (Xvfb)"),
    needs_ffmpeg,
]


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    """A native 640x360 X11 window, shown and exposed."""
    if QGuiApplication.platformName() != "xcb":
        pytest.skip("native window embedding is tested on X11 (QT_QPA_PLATFORM=xcb)")
    widget = QWidget()
    widget.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
    # libVLC paints this window; Qt must not paint over it.
    widget.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    widget.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
    widget.setFixedSize(640, 360)
    widget.move(0, 0)
    qtbot.addWidget(widget)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def grab(widget: QWidget) -> QImage:
    """The widget's area as the X server shows it (libVLC draws in its own child X window)."""
    origin = widget.mapToGlobal(QPoint(0, 0))
    screen = QGuiApplication.primaryScreen()
    return screen.grabWindow(0, origin.x(), origin.y(), widget.width(), widget.height()).toImage()


def colours(image: QImage, step: int = 8) -> set[int]:
    return {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


def test_renders_live_video_into_a_native_window(
    qtbot: QtBot, window: QWidget, media_server: MediaServerProcess
) -> None:
    blank = grab(window)
    engine = VideoEngine()  # no --vout: with --no-xlib libVLC embeds with xcb_x11
    player = VideoPlayer(engine)
    try:
        player.set_window(int(window.winId()))
        assert player.window != 0
        player.play(StreamSpec(media_server.url("cam-009", "sub")))
        deadline = time.monotonic() + 10.0
        while player.poll() is not StreamState.LIVE:
            assert time.monotonic() < deadline, player.health.detail(time.monotonic())
            qtbot.wait(250)
        start_frames, start = player.displayed_frames, time.monotonic()
        first = grab(window)
        while time.monotonic() - start < 4.0:
            qtbot.wait(250)
            assert player.poll() is StreamState.LIVE
        rate = (player.displayed_frames - start_frames) / (time.monotonic() - start)
        second = grab(window)
        if path := os.environ.get("STREAMS_TEST_SCREENSHOT"):
            second.save(path)
        assert 12.0 <= rate <= 18.0, rate
        assert player.lost_frames == 0
        # Real pictures, not a blank window: many colours, and they move.
        assert len(colours(blank)) <= 2
        assert len(colours(second)) > 20
        assert first != second
    finally:
        engine.close()
