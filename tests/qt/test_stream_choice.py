"""Which stream a tile asks for, and how it is decoded (the wall's decode budget)."""

from __future__ import annotations

import pytest

from console.controllers.wall_controller import SUB_STREAM_DECODER_THREADS, stream_for
from streams import StreamSpec
from tests.qt.test_wall_dnd import camera


def test_small_tile_plays_the_sub_stream_one_decoder_thread() -> None:
    cam = camera(1)
    spec = stream_for(cam, 640, 360, 300)
    assert spec.url == cam.sub_url
    assert spec.decoder_threads == SUB_STREAM_DECODER_THREADS == 1
    assert spec.network_caching_ms == 300


def test_large_tile_plays_the_main_stream_with_every_decoder_thread() -> None:
    cam = camera(2)
    spec = stream_for(cam, 1920, 1080, 500)
    assert spec.url == cam.main_url
    assert spec.decoder_threads == 0  # libVLC's choice: one per core
    assert spec.network_caching_ms == 500


def test_decoder_threads_are_validated() -> None:
    with pytest.raises(ValueError, match="decoder_threads"):
        StreamSpec("rtsp://h/x", decoder_threads=-1)
