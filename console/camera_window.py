"""A camera in a window of its own, opened from a tile's context menu.

The window holds a one-tile wall driven by its own :class:`WallController`, so it gets what a
wall tile has (health, main or sub stream by its size, digital zoom, PTZ) without touching the
tile it came from: that one keeps playing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget
from typing_extensions import override

from console.controllers.wall_controller import WallController
from layouts import grid_layout
from server_client.contract import Camera, CameraStatus
from streams import VideoEngine
from widgets.wall_grid import WallGridWidget

DEFAULT_SIZE = (960, 600)


class CameraWindow(QWidget):
    """A top-level window showing one camera; ``closed`` when the operator closes it."""

    closed = Signal(object)

    def __init__(self, camera: Camera, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.camera_id = camera.id
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"{camera.name} — {camera.ward_name}")
        self.setStyleSheet("background: #0b0d10;")
        self.grid = WallGridWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid)
        self.resize(*DEFAULT_SIZE)

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit(self)
        super().closeEvent(event)


class CameraWindows(QObject):
    """Opens camera windows and stops their players when they close (or at shutdown)."""

    def __init__(
        self,
        engine: VideoEngine,
        make_wall: Callable[[WallGridWidget], WallController],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._make_wall = make_wall
        self.windows: dict[CameraWindow, WallController] = {}

    def open(self, camera: Camera) -> CameraWindow:
        """A new window playing ``camera`` (one more window per request, like a second tile)."""
        window = CameraWindow(camera)
        wall = self._make_wall(window.grid)
        self.windows[window] = wall
        window.closed.connect(self._on_window_closed)
        window.show()
        wall.apply_layout(grid_layout(1, 1, [camera.id]))
        return window

    def set_cameras(self, cameras: Mapping[str, Camera]) -> None:
        for wall in self.windows.values():
            wall.set_cameras(cameras)

    def set_camera_status(self, camera_id: str, status: CameraStatus) -> None:
        for wall in self.windows.values():
            wall.set_camera_status(camera_id, status)

    def _on_window_closed(self, window: CameraWindow) -> None:
        wall = self.windows.pop(window, None)
        if wall is not None:
            wall.close()

    def close_all(self) -> None:
        for window in list(self.windows):
            window.close()
        self.windows.clear()
