"""Detail pane of one alert: the snapshot with the detection box, the camera live beside it,
attributes, state history.

A view only: the console pushes plain values in (``show_alert``, ``set_snapshot``,
``set_live_camera``, ``set_live_state``) and hears the operator's intents; the pane never
fetches anything itself. Whoever owns the live player draws into :meth:`live_window_id`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from widgets.video_tile import VideoSurfaceWidget


@dataclass(frozen=True)
class AlertDetail:
    """What the pane shows, already translated by the caller."""

    alert_id: int
    title: str
    subtitle: str = ""
    # Detection box in relative image coordinates (x, y, w, h), 0..1.
    bbox: tuple[float, float, float, float] | None = None
    attributes: Sequence[tuple[str, str]] = field(default_factory=tuple)
    history: Sequence[str] = field(default_factory=tuple)


class SnapshotView(QWidget):
    """Paints a snapshot scaled to fit, with the detection box drawn over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.bbox: tuple[float, float, float, float] | None = None
        self.message = ""
        self.setMinimumSize(160, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_image(self, image: QImage | None, message: str = "") -> None:
        self.image, self.message = image, message
        self.update()

    def image_rect(self) -> QRectF:
        """Where the image is painted (aspect kept, centred)."""
        if self.image is None or self.image.isNull():
            return QRectF()
        size = QSize(self.image.size()).scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - size.width()) / 2
        y = (self.height() - size.height()) / 2
        return QRectF(x, y, size.width(), size.height())

    def box_rect(self) -> QRectF:
        """The detection box in widget coordinates (empty without image or box)."""
        area = self.image_rect()
        if area.isEmpty() or self.bbox is None:
            return QRectF()
        x, y, w, h = self.bbox
        return QRectF(
            area.x() + x * area.width(),
            area.y() + y * area.height(),
            w * area.width(),
            h * area.height(),
        )

    @override
    def sizeHint(self) -> QSize:
        return QSize(320, 180)

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#1b1f24"))
        area = self.image_rect()
        if self.image is not None and not area.isEmpty():
            painter.drawImage(area, self.image)
            box = self.box_rect()
            if not box.isEmpty():
                painter.setPen(QPen(QColor("#ff3b30"), 2))
                painter.drawRect(box)
        elif self.message:
            painter.setPen(QColor("#bdc3c7"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.message)
        painter.end()


class LiveCameraView(QWidget):
    """A small live picture of a camera: a title with its state over a native video surface."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel("")
        self.title_label.setStyleSheet("font-weight: bold")
        self.state_label = QLabel("")
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.surface = VideoSurfaceWidget()
        self.surface.setMinimumSize(160, 90)
        self.placeholder = QLabel(self.tr("No live camera"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("background: #1b1f24; color: #bdc3c7")
        body = QWidget()
        self._stack = QStackedLayout(body)
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(self.surface)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title_label, 1)
        head.addWidget(self.state_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(body, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    @property
    def camera_shown(self) -> bool:
        return self._stack.currentWidget() is self.surface

    def set_camera(self, name: str | None) -> None:
        """Show the surface titled ``name`` (live follows), or the placeholder for None."""
        if name is None:
            self.title_label.setText("")
            self.state_label.setText("")
            self._stack.setCurrentWidget(self.placeholder)
        else:
            self.title_label.setText(self.tr("Live: %1").replace("%1", name))
            self._stack.setCurrentWidget(self.surface)

    def set_state(self, text: str, colour: str = "") -> None:
        self.state_label.setText(text)
        self.state_label.setStyleSheet(f"color: {colour}" if colour else "")

    def window_id(self) -> int:
        """The native window id libVLC draws into (creates the native window if needed)."""
        return int(self.surface.winId())

    @override
    def sizeHint(self) -> QSize:
        return QSize(240, 160)


class AlertDetailWidget(QWidget):
    """Snapshot, attributes and history of the alert the operator is looking at.

    Emits ``show_camera_requested(alert_id)`` when the operator asks for the live camera.
    """

    show_camera_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.alert_id: int | None = None
        self.title_label = QLabel(self.tr("No alert selected"))
        self.title_label.setStyleSheet("font-weight: bold")
        self.subtitle_label = QLabel("")
        self.snapshot = SnapshotView()
        self.live = LiveCameraView()
        self.attributes = QFormLayout()
        self.history = QListWidget()
        self.history.setMaximumHeight(90)
        self.camera_button = QPushButton(self.tr("Show camera"))
        self.camera_button.setEnabled(False)

        head = QHBoxLayout()
        head.addWidget(self.title_label, 1)
        head.addWidget(self.camera_button)
        side = QVBoxLayout()
        side.addLayout(self.attributes)
        side.addWidget(QLabel(self.tr("History")))
        side.addWidget(self.history, 1)
        body = QHBoxLayout()
        body.addWidget(self.snapshot, 3)
        body.addWidget(self.live, 2)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(self.subtitle_label)
        layout.addLayout(body, 1)
        self.camera_button.clicked.connect(self._on_camera_button_clicked)

    def show_alert(self, detail: AlertDetail) -> None:
        """Show an alert's text at once; its snapshot follows through :meth:`set_snapshot`."""
        changed = detail.alert_id != self.alert_id
        self.alert_id = detail.alert_id
        self.title_label.setText(detail.title)
        self.subtitle_label.setText(detail.subtitle)
        self.snapshot.bbox = detail.bbox
        if changed:
            self.snapshot.set_image(None, self.tr("Loading snapshot…"))
        while self.attributes.rowCount():
            self.attributes.removeRow(0)
        for name, value in detail.attributes:
            self.attributes.addRow(name, QLabel(value))
        self.history.clear()
        self.history.addItems(list(detail.history))
        self.camera_button.setEnabled(True)

    def set_snapshot(self, alert_id: int, data: bytes) -> None:
        """The snapshot of ``alert_id`` (ignored if the pane moved on to another alert)."""
        if alert_id != self.alert_id:
            return
        image = QImage.fromData(data)
        if image.isNull():
            self.snapshot.set_image(None, self.tr("Snapshot unreadable"))
        else:
            self.snapshot.set_image(image)

    def set_snapshot_missing(self, alert_id: int, message: str) -> None:
        if alert_id == self.alert_id:
            self.snapshot.set_image(None, message)

    def clear(self) -> None:
        self.alert_id = None
        self.title_label.setText(self.tr("No alert selected"))
        self.subtitle_label.setText("")
        self.snapshot.bbox = None
        self.snapshot.set_image(None, "")
        while self.attributes.rowCount():
            self.attributes.removeRow(0)
        self.history.clear()
        self.camera_button.setEnabled(False)
        self.live.set_camera(None)

    def set_live_camera(self, name: str | None) -> None:
        """Title the live view with the alert's camera (None: no live picture)."""
        self.live.set_camera(name)

    def set_live_state(self, text: str, colour: str = "") -> None:
        self.live.set_state(text, colour)

    def live_window_id(self) -> int:
        return self.live.window_id()

    def _on_camera_button_clicked(self) -> None:
        if self.alert_id is not None:
            self.show_camera_requested.emit(self.alert_id)
