"""The evidence player's timeline: the clips' range, the playback position and event marks.

A view only. Times are wall-clock milliseconds since the epoch (UTC), shown in local time. One
lane per camera carries that camera's marks (AI events coloured by severity, bookmarks in
cyan). A click on a mark emits ``mark_clicked(mark_id)`` and ``seek_requested(ms)`` to the
mark's moment; a click or a drag anywhere else emits ``seek_requested`` as it goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget
from typing_extensions import override

MARGIN: Final = 12
SCALE_H: Final = 18
LANE_H: Final = 16
HIT_PX: Final = 6
MARK_COLOURS: Final[dict[str, str]] = {
    "low": "#6fa8dc",
    "medium": "#e6c229",
    "high": "#f08a24",
    "critical": "#d83b35",
    "bookmark": "#39c0c8",
}


@dataclass(frozen=True)
class TimelineMark:
    """A moment on a lane; ``kind`` is a severity or ``"bookmark"`` (it picks the colour)."""

    id: str
    ms: float
    lane: int = 0
    kind: str = "medium"
    tooltip: str = ""


class EvidenceTimelineWidget(QWidget):
    """Range, position and marks; clicks and drags ask to seek."""

    seek_requested = Signal(float)
    mark_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._start = 0.0
        self._end = 0.0
        self._position: float | None = None
        self._lanes: list[str] = [""]
        self._marks: list[TimelineMark] = []
        self._dragging = False
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fit_height()

    # -- what the controller sets -------------------------------------------------------------

    def set_range(self, start_ms: float, end_ms: float) -> None:
        self._start, self._end = start_ms, max(end_ms, start_ms)
        self.update()

    def range_ms(self) -> tuple[float, float]:
        return self._start, self._end

    def set_lanes(self, labels: Sequence[str]) -> None:
        """One lane per camera, top to bottom."""
        self._lanes = list(labels) or [""]
        self._fit_height()
        self.update()

    def set_marks(self, marks: Sequence[TimelineMark]) -> None:
        self._marks = sorted(marks, key=lambda m: m.ms)
        self.update()

    def marks(self) -> list[TimelineMark]:
        return list(self._marks)

    def set_position(self, ms: float | None) -> None:
        if ms != self._position:
            self._position = ms
            self.update()

    def position(self) -> float | None:
        return self._position

    # -- geometry (public for tests) ----------------------------------------------------------

    def x_for(self, ms: float) -> float:
        span = self._end - self._start
        width = max(1, self.width() - 2 * MARGIN)
        if span <= 0:
            return float(MARGIN)
        return MARGIN + (min(max(ms, self._start), self._end) - self._start) / span * width

    def ms_at(self, x: float) -> float:
        width = max(1, self.width() - 2 * MARGIN)
        fraction = min(1.0, max(0.0, (x - MARGIN) / width))
        return self._start + fraction * (self._end - self._start)

    def mark_point(self, mark_id: str) -> QPointF:
        """Where a mark is drawn (widget coordinates)."""
        mark = next(m for m in self._marks if m.id == mark_id)
        return QPointF(self.x_for(mark.ms), self._lane_y(mark.lane) + LANE_H / 2)

    def _lane_y(self, lane: int) -> float:
        return SCALE_H + min(lane, len(self._lanes) - 1) * LANE_H

    def _fit_height(self) -> None:
        self.setFixedHeight(SCALE_H + LANE_H * len(self._lanes) + 6)

    def _mark_at(self, pos: QPointF) -> TimelineMark | None:
        best: tuple[float, TimelineMark] | None = None
        for mark in self._marks:
            centre = QPointF(self.x_for(mark.ms), self._lane_y(mark.lane) + LANE_H / 2)
            dx, dy = abs(centre.x() - pos.x()), abs(centre.y() - pos.y())
            if dx <= HIT_PX and dy <= LANE_H / 2 and (best is None or dx < best[0]):
                best = (dx, mark)
        return best[1] if best else None

    # -- Qt -----------------------------------------------------------------------------------

    @override
    def sizeHint(self) -> QSize:
        return QSize(600, self.height())

    @override
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._end <= self._start:
            return
        mark = self._mark_at(event.position())
        if mark is not None:
            self.mark_clicked.emit(mark.id)
            self.seek_requested.emit(mark.ms)
            return
        self._dragging = True
        self.seek_requested.emit(self.ms_at(event.position().x()))

    @override
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self.seek_requested.emit(self.ms_at(event.position().x()))
            return
        mark = self._mark_at(event.position())
        self.setToolTip(mark.tooltip if mark is not None else "")
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if mark is not None else Qt.CursorShape.IBeamCursor
        )

    @override
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._dragging = False

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(self.rect(), QColor("#1b2229"))
        left, right = MARGIN, self.width() - MARGIN
        top = SCALE_H
        for lane, label in enumerate(self._lanes):
            y = self._lane_y(lane)
            painter.fillRect(QRectF(left, y + 1, right - left, LANE_H - 2),
                             QColor("#262e37" if lane % 2 == 0 else "#2b343e"))  # fmt: skip
            if label:
                painter.setPen(QColor("#7d8b99"))
                painter.drawText(QRectF(left + 3, y, 160, LANE_H),
                                 Qt.AlignmentFlag.AlignVCenter, label)  # fmt: skip
        if self._end > self._start:
            self._paint_scale(painter, left, right)
            for mark in self._marks:
                x = self.x_for(mark.ms)
                y = self._lane_y(mark.lane)
                colour = QColor(MARK_COLOURS.get(mark.kind, "#8fa3b8"))
                painter.setPen(QPen(QColor("#101418"), 1))
                painter.setBrush(colour)
                if mark.kind == "bookmark":
                    painter.drawRect(QRectF(x - 4, y + 3, 8, LANE_H - 6))
                else:
                    painter.drawPolygon(QPolygonF([
                        QPointF(x, y + LANE_H - 2), QPointF(x - 5, y + 2), QPointF(x + 5, y + 2),
                    ]))  # fmt: skip
        if self._position is not None and self._end > self._start:
            x = self.x_for(self._position)
            painter.setPen(QPen(QColor("#ffffff"), 2))
            painter.drawLine(QPointF(x, top - 6), QPointF(x, self.height() - 2))
            painter.setBrush(QColor("#ffffff"))
            painter.drawPolygon(QPolygonF([
                QPointF(x - 5, top - 10), QPointF(x + 5, top - 10), QPointF(x, top - 4),
            ]))  # fmt: skip
        painter.end()

    def _paint_scale(self, painter: QPainter, left: float, right: float) -> None:
        span_s = (self._end - self._start) / 1000.0
        # About one label per 90 px, on a round number of seconds.
        wanted = span_s / max(1.0, (right - left) / 90.0)
        step = next((s for s in (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600)
                     if s >= wanted), 3600)  # fmt: skip
        first = (int(self._start / 1000.0) // step + 1) * step
        painter.setPen(QColor("#9fb0c0"))
        tick = first
        while tick * 1000.0 <= self._end:
            x = self.x_for(tick * 1000.0)
            painter.drawLine(QPointF(x, SCALE_H - 4), QPointF(x, SCALE_H))
            text = datetime.fromtimestamp(tick).strftime("%H:%M:%S")
            if x - 32 >= 0 and x + 32 <= self.width():  # no half-cut labels at the ends
                box = QRectF(x - 40, 0, 80, SCALE_H - 4)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            tick += step
