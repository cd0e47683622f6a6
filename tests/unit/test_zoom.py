"""Digital zoom arithmetic: wheel around the cursor, drag to pan, crop geometry for libVLC."""

from __future__ import annotations

import pytest

from streams.zoom import MAX_FACTOR, DigitalZoom


def test_unzoomed_means_no_crop() -> None:
    assert DigitalZoom().crop_geometry(640, 360) is None
    assert not DigitalZoom().zoomed
    assert DigitalZoom().zoom_by(-3) == DigitalZoom(), "cannot zoom out past the whole frame"


def test_four_notches_double_around_the_centre() -> None:
    zoom = DigitalZoom().zoom_by(4)
    assert zoom.factor == pytest.approx(2.0)
    assert zoom.crop_rect(640, 360) == (320, 180, 160, 90)
    assert zoom.crop_rect(1280, 720) == (640, 360, 320, 180), "same view on the main stream"


def test_geometry_string_gives_libvlc3_the_right_and_bottom_edges() -> None:
    # libVLC 3 reads "WxH+X+Y" as right x bottom + left + top (see DigitalZoom.crop_geometry).
    zoom = DigitalZoom().zoom_by(4)
    assert zoom.crop_geometry(640, 360) == "480x270+160+90"
    assert DigitalZoom().zoom_by(8, 0.0, 0.0).crop_geometry(640, 360) == "160x90+0+0"


def test_the_point_under_the_cursor_stays_put() -> None:
    # Zoom towards the top-left quarter: the frame point at (0.25, 0.25) of the view stays there.
    zoom = DigitalZoom().zoom_by(4, 0.25, 0.25)
    assert (zoom.cx, zoom.cy) == pytest.approx((0.375, 0.375))
    assert zoom.crop_rect(640, 360) == (320, 180, 80, 45)
    # Frame x under view x=0.25 after the zoom: cx + (0.25 - 0.5) / factor.
    assert zoom.cx + (0.25 - 0.5) / zoom.factor == pytest.approx(0.25)


def test_zooming_at_a_corner_keeps_the_window_inside_the_frame() -> None:
    zoom = DigitalZoom().zoom_by(8, 1.0, 1.0)
    assert zoom.factor == pytest.approx(4.0)
    assert zoom.crop_rect(640, 360) == (160, 90, 480, 270)
    assert DigitalZoom().zoom_by(100).factor == MAX_FACTOR


def test_drag_pans_and_stops_at_the_edges() -> None:
    zoom = DigitalZoom().zoom_by(4)
    # Dragging the picture right by a quarter of the view shows more of its left side.
    moved = zoom.pan_by(0.25, 0.0)
    assert moved.cx == pytest.approx(0.375)
    assert moved.crop_rect(640, 360) == (320, 180, 80, 90)
    far = zoom.pan_by(5.0, -5.0)
    assert far.crop_rect(640, 360) == (320, 180, 0, 180), "clamped to the frame's corner"
    assert DigitalZoom().pan_by(0.3, 0.3) == DigitalZoom(), "nothing to pan when not zoomed"


def test_zooming_back_out_returns_to_the_whole_frame() -> None:
    zoom = DigitalZoom().zoom_by(6, 0.9, 0.1).pan_by(-0.2, 0.1)
    back = zoom.zoom_by(-6)
    assert back.factor == pytest.approx(1.0)
    assert back.crop_rect(640, 360) is None
    assert (back.cx, back.cy) == pytest.approx((0.5, 0.5))
    assert zoom.crop_geometry(0, 0) is None, "no crop before the size is known"
