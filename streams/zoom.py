"""Digital zoom: which part of the picture a tile shows, as libVLC crop geometry.

Pure arithmetic, no libVLC and no Qt. A :class:`DigitalZoom` is a magnification and the centre
of the visible window, both in fractions of the frame, so it survives a switch between the sub
and the main stream (different pixel sizes): :meth:`DigitalZoom.crop_geometry` turns it into
libVLC's ``WxH+X+Y`` for whatever size the stream has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

MAX_FACTOR: Final = 8.0
# One wheel notch (120 eighths of a degree) zooms by this much; 4 notches double.
STEP_PER_NOTCH: Final = 2.0**0.25
# Below this the picture counts as not zoomed (and the crop is removed).
_UNZOOMED: Final = 1.001


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


@dataclass(frozen=True)
class DigitalZoom:
    """A zoom ``factor`` (1 = whole frame) centred on (``cx``, ``cy``), fractions of the frame.

    Instances are immutable; every operation returns the new zoom, always clamped so that the
    visible window stays inside the frame.
    """

    factor: float = 1.0
    cx: float = 0.5
    cy: float = 0.5

    @property
    def zoomed(self) -> bool:
        """True when the tile shows less than the whole frame."""
        return self.factor > _UNZOOMED

    def zoom_by(self, notches: float, ax: float = 0.5, ay: float = 0.5) -> DigitalZoom:
        """Zoom in (``notches`` > 0) or out around the anchor (``ax``, ``ay``).

        The anchor is where the cursor is, in fractions of the tile's view (0..1): the point of
        the picture under the cursor stays under it, as in map and photo viewers.
        """
        factor = _clamp(self.factor * STEP_PER_NOTCH**notches, 1.0, MAX_FACTOR)
        ax, ay = _clamp(ax, 0.0, 1.0), _clamp(ay, 0.0, 1.0)
        # The frame point under the anchor now, then the centre that keeps it there.
        px = self.cx + (ax - 0.5) / self.factor
        py = self.cy + (ay - 0.5) / self.factor
        return DigitalZoom(factor, px - (ax - 0.5) / factor, py - (ay - 0.5) / factor).clamped()

    def pan_by(self, dx: float, dy: float) -> DigitalZoom:
        """Drag the picture by (``dx``, ``dy``), fractions of the tile's view.

        Dragging right shows more of the left side, as when dragging a photo.
        """
        return DigitalZoom(
            self.factor, self.cx - dx / self.factor, self.cy - dy / self.factor
        ).clamped()

    def clamped(self) -> DigitalZoom:
        """The same zoom with its window moved back inside the frame."""
        factor = _clamp(self.factor, 1.0, MAX_FACTOR)
        half = 0.5 / factor
        return DigitalZoom(
            factor, _clamp(self.cx, half, 1.0 - half), _clamp(self.cy, half, 1.0 - half)
        )

    def crop_rect(self, width: int, height: int) -> tuple[int, int, int, int] | None:
        """The visible part of a ``width``×``height`` stream as (w, h, x, y) in source pixels.

        None when not zoomed (no crop) or when the stream's size is not known yet.
        """
        if not self.zoomed or width <= 0 or height <= 0:
            return None
        w = max(1, round(width / self.factor))
        h = max(1, round(height / self.factor))
        x = int(_clamp(round(self.cx * width - w / 2), 0, width - w))
        y = int(_clamp(round(self.cy * height - h / 2), 0, height - h))
        return w, h, x, y

    def crop_geometry(self, width: int, height: int) -> str | None:
        """:meth:`crop_rect` as libVLC 3's crop geometry string, or None for no crop.

        libVLC 3 documents ``"WxH+X+Y"`` but reads W and H as the *right and bottom edges*
        (measured with libVLC 3.0.24 here: ``320x180+124+93`` showed a 196×87 region stretched
        to 16:9; the same quirk is reported by Vlc.DotNet users). So the string carries
        ``x + w`` and ``y + h``; libVLC 4 replaced this API.
        """
        rect = self.crop_rect(width, height)
        if rect is None:
            return None
        w, h, x, y = rect
        return f"{x + w}x{y + h}+{x}+{y}"
