"""A wall window on an additional monitor: nothing but the grid, full screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget
from typing_extensions import override

from widgets.wall_grid import WallGridWidget


class WallWindow(QWidget):
    """One per extra screen; the console places it on its QScreen and fills the screen."""

    closed = Signal(int)

    def __init__(self, screen_index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.screen_index = screen_index
        self.setWindowTitle(self.tr("IOC wall — screen %1").replace("%1", str(screen_index + 1)))
        self.setStyleSheet("background: #0b0d10;")
        self.grid = WallGridWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid)

    def place_on(self, screen: QScreen) -> None:
        """Move to ``screen`` and cover it (frameless kiosk-style)."""
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setGeometry(screen.geometry())
        self.show()
        if self.windowHandle() is not None:
            self.windowHandle().setScreen(screen)
        self.setGeometry(screen.geometry())

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit(self.screen_index)
        super().closeEvent(event)
