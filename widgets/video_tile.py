"""One video tile: a title bar (camera, ward, health) over a native surface libVLC draws into.

The tile is a view: it shows what it is told (title, state, selection) and emits intents
(``activated``, ``double_clicked``). Whoever owns the player passes :meth:`surface_window_id`
to libVLC; the tile never touches video itself.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QDrag, QDragEnterEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from widgets.roles import CAMERA_MIME, TILE_MIME

# Colours per health state, shared with the status bar summary.
STATE_COLOURS: dict[str, str] = {
    "idle": "#5c6370",
    "connecting": "#d19a66",
    "live": "#2e9d5b",
    "stalled": "#e5a50a",
    "reconnecting": "#c0392b",
    "offline": "#7f8c8d",
}

_STATE_NAMES = {
    "idle": QT_TRANSLATE_NOOP("VideoTileWidget", "idle"),
    "connecting": QT_TRANSLATE_NOOP("VideoTileWidget", "connecting"),
    "live": QT_TRANSLATE_NOOP("VideoTileWidget", "live"),
    "stalled": QT_TRANSLATE_NOOP("VideoTileWidget", "stalled"),
    "reconnecting": QT_TRANSLATE_NOOP("VideoTileWidget", "reconnecting"),
    "offline": QT_TRANSLATE_NOOP("VideoTileWidget", "offline"),
}


def health_state_name(state: str) -> str:
    """The translated name of a stream health state."""
    return QCoreApplication.translate("VideoTileWidget", _STATE_NAMES.get(state, state))


class VideoSurfaceWidget(QWidget):
    """A native child window that libVLC renders into; black when nothing plays."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # libVLC needs a real X11/Win32 window of its own, without dragging the parents along.
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
        self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), Qt.GlobalColor.black)
        self.setPalette(pal)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(64, 36)


class VideoTileWidget(QFrame):
    """A wall tile: title bar plus video surface, with a visible health state."""

    activated = Signal(int)
    double_clicked = Signal(int)
    camera_dropped = Signal(int, str)
    tile_dropped = Signal(int, int)
    snapshot_requested = Signal(int)

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.setObjectName("videoTile")
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(2)
        self._selected = False
        self._state = "idle"
        self._press_pos: QPoint | None = None
        self.setAcceptDrops(True)

        self.title_label = QLabel(self.tr("No camera"))
        self.title_label.setObjectName("tileTitle")
        self.ward_label = QLabel("")
        self.ward_label.setObjectName("tileWard")
        self.state_label = QLabel("")
        self.state_label.setObjectName("tileState")
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header = QWidget()
        header.setObjectName("tileHeader")
        hl = QHBoxLayout(header)
        hl.setContentsMargins(6, 2, 6, 2)
        hl.setSpacing(8)
        hl.addWidget(self.title_label)
        hl.addWidget(self.ward_label)
        hl.addStretch(1)
        hl.addWidget(self.state_label)

        self.surface = VideoSurfaceWidget()
        self.placeholder = QLabel(self.tr("Drop or pick a camera"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setObjectName("tilePlaceholder")
        body = QWidget()
        self._stack = QStackedLayout(body)
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(self.surface)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(body, 1)
        self._apply_style()

    def surface_window_id(self) -> int:
        """The native window id libVLC draws into (creates the native window if needed)."""
        return int(self.surface.winId())

    def set_camera(self, name: str | None, ward: str = "") -> None:
        if name is None:
            self.title_label.setText(self.tr("No camera"))
            self.ward_label.setText("")
            self._stack.setCurrentWidget(self.placeholder)
            self.set_state("idle", "")
        else:
            self.title_label.setText(name)
            self.ward_label.setText(ward)
            self._stack.setCurrentWidget(self.surface)

    def set_state(self, state: str, detail: str, badge: str = "") -> None:
        """Show a health state (``live``, ``stalled`` …); ``badge`` adds figures (``15 fps``)."""
        text = health_state_name(state) if state != "idle" else ""
        self.state_label.setText(f"{text} {badge}".strip())
        self.state_label.setToolTip(detail)
        if state != self._state:
            self._state = state
            self._apply_style()

    @property
    def state(self) -> str:
        return self._state

    def set_selected(self, selected: bool) -> None:
        if selected != self._selected:
            self._selected = selected
            self._apply_style()

    @property
    def selected(self) -> bool:
        return self._selected

    def _apply_style(self) -> None:
        colour = STATE_COLOURS.get(self._state, "#5c6370")
        border = "#4aa3ff" if self._selected else "#202327"
        self.setStyleSheet(
            f"#videoTile {{ border: 2px solid {border}; background: #000; }}"
            f"#tileHeader {{ background: #15181c; }}"
            f"#tileTitle {{ color: #f0f0f0; font-weight: bold; }}"
            f"#tileWard {{ color: #aab2bd; }}"
            f"#tileState {{ color: #fff; background: {colour}; border-radius: 3px; padding: 0 6px; }}"
            f"#tilePlaceholder {{ color: #6b7380; background: #0b0d10; }}"
        )

    @override
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_pos = event.position().toPoint()
            self.activated.emit(self.index)
        super().mousePressEvent(event)

    @override
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        # Dragging a tile onto another swaps them.
        if self._press_pos is not None and event.buttons() & Qt.MouseButton.LeftButton:
            moved = (event.position().toPoint() - self._press_pos).manhattanLength()
            if moved >= QApplication.startDragDistance():
                self._press_pos = None
                mime = QMimeData()
                mime.setData(TILE_MIME, QByteArray(str(self.index).encode()))
                drag = QDrag(self)
                drag.setMimeData(mime)
                drag.exec(Qt.DropAction.MoveAction)
                return
        super().mouseMoveEvent(event)

    @override
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasFormat(CAMERA_MIME) or mime.hasFormat(TILE_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    @override
    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if mime.hasFormat(CAMERA_MIME):
            camera_id = bytes(mime.data(CAMERA_MIME).data()).decode()
            if camera_id:
                self.camera_dropped.emit(self.index, camera_id)
                event.acceptProposedAction()
                return
        if mime.hasFormat(TILE_MIME):
            try:
                source = int(bytes(mime.data(TILE_MIME).data()).decode())
            except ValueError:
                event.ignore()
                return
            if source != self.index:
                self.tile_dropped.emit(source, self.index)
            event.acceptProposedAction()
            return
        event.ignore()

    @override
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        full = menu.addAction(self.tr("Full screen / back (double-click)"))
        full.triggered.connect(lambda: self.double_clicked.emit(self.index))
        shot = menu.addAction(self.tr("Save snapshot"))
        shot.triggered.connect(lambda: self.snapshot_requested.emit(self.index))
        menu.popup(event.globalPos())

    @override
    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.double_clicked.emit(self.index)
        super().mouseDoubleClickEvent(event)
