"""One video tile: a title bar (camera, ward, health) over a native surface libVLC draws into.

The tile is a view: it shows what it is told (title, state, selection, zoom) and emits intents
(``activated``, ``double_clicked``, ``zoom_requested`` …). Whoever owns the player passes
:meth:`surface_window_id` to libVLC; the tile never touches video itself.

Mouse: the wheel asks for digital zoom around the cursor, a drag pans while zoomed (and swaps
tiles otherwise), Ctrl+0 resets the zoom. Tiles of PTZ cameras show pan/tilt/zoom buttons over
the video while the mouse is on the tile (the grid looks where the mouse is, see
:meth:`VideoTileWidget.update_hover`), and take keys once selected: arrows pan and tilt while
held, + and - zoom while held, 1-6 go to a preset.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
    QEvent,
    QMimeData,
    QObject,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QContextMenuEvent,
    QCursor,
    QDrag,
    QDragEnterEvent,
    QDropEvent,
    QEnterEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QResizeEvent,
    QWheelEvent,
)
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

from widgets.ptz_overlay import PAN_TILT_SPEED, PRESET_COUNT, ZOOM_SPEED, PtzOverlayWidget
from widgets.roles import CAMERA_MIME, TILE_MIME

# One wheel notch, in the eighths of a degree Qt reports.
WHEEL_NOTCH = 120
# The PTZ keypad keeps this far from the video's bottom-right corner.
_PTZ_MARGIN = 6
# PTZ keys held down: key -> (pan, tilt, zoom) it adds to the move.
_PTZ_MOVE_KEYS: dict[int, tuple[float, float, float]] = {
    Qt.Key.Key_Left: (-PAN_TILT_SPEED, 0.0, 0.0),
    Qt.Key.Key_Right: (PAN_TILT_SPEED, 0.0, 0.0),
    Qt.Key.Key_Up: (0.0, PAN_TILT_SPEED, 0.0),
    Qt.Key.Key_Down: (0.0, -PAN_TILT_SPEED, 0.0),
    Qt.Key.Key_Plus: (0.0, 0.0, ZOOM_SPEED),
    Qt.Key.Key_Equal: (0.0, 0.0, ZOOM_SPEED),  # "+" without Shift
    Qt.Key.Key_Minus: (0.0, 0.0, -ZOOM_SPEED),
}
_PTZ_PRESET_KEYS = {Qt.Key.Key_1 + n: n + 1 for n in range(PRESET_COUNT)}

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
        # Qt fills it black where libVLC's picture window does not cover it (letterbox bars, a
        # crop that changes the shape). Not WA_OpaquePaintEvent: then those bars showed
        # whatever Qt had painted beneath, light grey.
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
    # (tile, wheel notches (+ in), anchor x, anchor y as fractions of the video area)
    zoom_requested = Signal(int, float, float, float)
    # (tile, dx, dy as fractions of the video area) while dragging a zoomed picture
    pan_requested = Signal(int, float, float)
    zoom_reset_requested = Signal(int)
    # (tile, action "move" | "stop" | "goto_preset", pan, tilt, zoom, preset or 0)
    ptz_requested = Signal(int, str, float, float, float, int)
    window_requested = Signal(int)
    # Whether the tile now offers PTZ (the grid's hover polling follows it).
    ptz_changed = Signal(bool)
    # (tile, pane kind "kpi" | "map", chart id or "") from the context menu
    pane_requested = Signal(int, str, str)

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        # What the context menu offers instead of video: (chart id, translated title), the map.
        self.chart_choices: list[tuple[str, str]] = []
        self.map_choice = False
        self.setObjectName("videoTile")
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(2)
        self._selected = False
        self._state = "idle"
        self._press_pos: QPoint | None = None
        self._pan_from: QPoint | None = None
        self._zoom = 1.0
        self._has_camera = False
        self._ptz = False
        # The last context menu opened (tests and screenshots look at it).
        self.context_menu: QMenu | None = None
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        self.title_label = QLabel(self.tr("No camera"))
        self.title_label.setObjectName("tileTitle")
        self.ward_label = QLabel("")
        self.ward_label.setObjectName("tileWard")
        self.state_label = QLabel("")
        self.state_label.setObjectName("tileState")
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.zoom_label = QLabel("")
        self.zoom_label.setObjectName("tileZoom")
        self.zoom_label.setToolTip(
            self.tr("Digital zoom: wheel to zoom, drag to pan, Ctrl+0 resets")
        )
        self.zoom_label.hide()
        header = QWidget()
        header.setObjectName("tileHeader")
        hl = QHBoxLayout(header)
        hl.setContentsMargins(6, 2, 6, 2)
        hl.setSpacing(8)
        hl.addWidget(self.title_label)
        hl.addWidget(self.ward_label)
        hl.addStretch(1)
        hl.addWidget(self.zoom_label)
        hl.addWidget(self.state_label)

        self.surface = VideoSurfaceWidget()
        # A second surface, kept hidden: the next stream (sub <-> main) starts in it and takes
        # the surface's place once it shows a picture, so a switch leaves no black gap.
        self.standby_surface = VideoSurfaceWidget()
        self.placeholder = QLabel(self.tr("Drop or pick a camera"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setObjectName("tilePlaceholder")
        body = QWidget()
        self._body = body
        self._stack = QStackedLayout(body)
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(self.surface)
        self._stack.addWidget(self.standby_surface)
        # Not in the stack: it floats over the video's bottom-right corner.
        self.ptz_overlay = PtzOverlayWidget(body)
        self.ptz_overlay.hide()
        self.ptz_overlay.move_requested.connect(
            lambda p, t, z: self.ptz_requested.emit(self.index, "move", p, t, z, 0)
        )
        self.ptz_overlay.stop_requested.connect(
            lambda: self.ptz_requested.emit(self.index, "stop", 0.0, 0.0, 0.0, 0)
        )
        self.ptz_overlay.preset_requested.connect(
            lambda n: self.ptz_requested.emit(self.index, "goto_preset", 0.0, 0.0, 0.0, n)
        )
        # Enter/leave events decide when the keypad shows, but X reports no crossing that
        # happens inside libVLC's own video window (Qt drops "virtual" crossings), so the grid
        # also asks PTZ tiles to look where the mouse is a few times a second (update_hover).
        for watched in (self.surface, self.standby_surface, self.ptz_overlay, body):
            watched.installEventFilter(self)
        # PTZ move keys held down, in the order pressed.
        self._ptz_keys: list[int] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(body, 1)
        self._apply_style()

    def surface_window_id(self) -> int:
        """The native window id libVLC draws into (creates the native window if needed)."""
        return int(self.surface.winId())

    def standby_window_id(self) -> int:
        """The hidden surface's native window, where the next stream starts before it is shown.

        A stacked layout sizes only its current widget, so the standby is given the surface's
        geometry here: libVLC sizes its picture window from it.
        """
        self.standby_surface.setGeometry(self.surface.geometry())
        return int(self.standby_surface.winId())

    def promote_standby(self) -> None:
        """Show the standby surface in place of the surface; the old one becomes the standby."""
        self.standby_surface.setGeometry(self.surface.geometry())
        self.surface, self.standby_surface = self.standby_surface, self.surface
        if self._has_camera:
            self._stack.setCurrentWidget(self.surface)

    def set_camera(self, name: str | None, ward: str = "", *, ptz: bool = False) -> None:
        """Show a camera's name and ward (None: an empty tile); ``ptz`` offers the PTZ keypad."""
        self._has_camera = name is not None
        was_ptz = self._ptz
        self._ptz = ptz and name is not None
        if name is None:
            self.title_label.setText(self.tr("No camera"))
            self.ward_label.setText("")
            self._stack.setCurrentWidget(self.placeholder)
            self.set_state("idle", "")
            self.set_zoom(1.0)
        else:
            self.title_label.setText(name)
            self.ward_label.setText(ward)
            self._stack.setCurrentWidget(self.surface)
        self.release_ptz_keys()
        if self._ptz != was_ptz:
            self.ptz_changed.emit(self._ptz)
        self.update_hover()

    @property
    def ptz(self) -> bool:
        """Whether the tile offers PTZ controls (the camera has PTZ)."""
        return self._ptz

    def set_zoom(self, factor: float) -> None:
        """Show the digital zoom factor (1: not zoomed, indicator hidden)."""
        self._zoom = factor
        zoomed = factor > 1.001
        self.zoom_label.setText(f"{factor:.1f}×" if zoomed else "")
        self.zoom_label.setVisible(zoomed)

    @property
    def zoom(self) -> float:
        return self._zoom

    def set_ptz_visible(self, visible: bool) -> None:
        """Show or hide the PTZ keypad (only ever shown for a PTZ camera)."""
        show = visible and self._ptz
        if show:
            self._place_ptz()
            self.ptz_overlay.show()
            # Above the video's native window, which may have been created after it.
            self.ptz_overlay.raise_()
        else:
            self.ptz_overlay.hide()

    def _place_ptz(self) -> None:
        hint = self.ptz_overlay.sizeHint()
        self.ptz_overlay.resize(hint)
        body = self._body.size()
        self.ptz_overlay.move(
            max(0, body.width() - hint.width() - _PTZ_MARGIN),
            max(0, body.height() - hint.height() - _PTZ_MARGIN),
        )

    def update_hover(self) -> None:
        """Show the PTZ keypad while the mouse is over a PTZ tile, hide it otherwise."""
        inside = (
            self._ptz
            and self.isVisible()
            and self.rect().contains(self.mapFromGlobal(QCursor.pos()))
        )
        if inside != (not self.ptz_overlay.isHidden()):
            self.set_ptz_visible(inside)

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
            f"#tileZoom {{ color: #15181c; background: #4aa3ff; border-radius: 3px; padding: 0 6px; }}"
            f"#tilePlaceholder {{ color: #6b7380; background: #0b0d10; }}"
        )

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.Enter, QEvent.Type.Leave):
            self.update_hover()
        elif (
            kind == QEvent.Type.Resize and watched is self._body and not self.ptz_overlay.isHidden()
        ):
            self._place_ptz()
        return super().eventFilter(watched, event)

    @override
    def enterEvent(self, event: QEnterEvent) -> None:
        self.update_hover()
        super().enterEvent(event)

    @override
    def leaveEvent(self, event: QEvent) -> None:
        self.update_hover()
        super().leaveEvent(event)

    @override
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.ptz_overlay.isHidden():
            self._place_ptz()

    def _video_fraction(self, pos: QPoint) -> tuple[float, float]:
        """A point of the tile as fractions of the video area (0..1 inside it)."""
        local = self.surface.mapFrom(self, pos)
        width, height = max(1, self.surface.width()), max(1, self.surface.height())
        return local.x() / width, local.y() / height

    @override
    def wheelEvent(self, event: QWheelEvent) -> None:
        notches = event.angleDelta().y() / WHEEL_NOTCH
        if not self._has_camera or not notches:
            event.ignore()
            return
        ax, ay = self._video_fraction(event.position().toPoint())
        self.zoom_requested.emit(self.index, notches, ax, ay)
        event.accept()

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_0 and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_reset_requested.emit(self.index)
            event.accept()
            return
        if self._ptz_key(event, pressed=True):
            return
        super().keyPressEvent(event)

    @override
    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if self._ptz_key(event, pressed=False):
            return
        super().keyReleaseEvent(event)

    @override
    def focusOutEvent(self, event: QFocusEvent) -> None:
        # A key released elsewhere never comes back here: never leave the camera moving.
        self.release_ptz_keys()
        super().focusOutEvent(event)

    def release_ptz_keys(self) -> None:
        """Forget PTZ keys held down; a camera moving by them is asked to stop."""
        if self._ptz_keys:
            self._ptz_keys.clear()
            self.ptz_requested.emit(self.index, "stop", 0.0, 0.0, 0.0, 0)

    def _ptz_key(self, event: QKeyEvent, *, pressed: bool) -> bool:
        """Arrows, + and - move a PTZ camera while held, 1-6 go to a preset; True if taken."""
        key = event.key()
        ignored = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        if not self._ptz or event.modifiers() & ignored:
            return False
        if key in _PTZ_PRESET_KEYS:
            if pressed and not event.isAutoRepeat():
                self.ptz_requested.emit(self.index, "goto_preset", 0.0, 0.0, 0.0,
                                        _PTZ_PRESET_KEYS[key])  # fmt: skip
            event.accept()
            return True
        if key not in _PTZ_MOVE_KEYS:
            return False
        event.accept()
        if event.isAutoRepeat():
            return True  # held: the camera keeps moving until the release
        if pressed and key not in self._ptz_keys:
            self._ptz_keys.append(key)
        elif not pressed and key in self._ptz_keys:
            self._ptz_keys.remove(key)
        else:
            return True
        if not self._ptz_keys:
            self.ptz_requested.emit(self.index, "stop", 0.0, 0.0, 0.0, 0)
            return True
        # Held together (up and left) the moves add up, each axis within the wire's range.
        pan, tilt, zoom = (
            max(-1.0, min(1.0, sum(_PTZ_MOVE_KEYS[k][axis] for k in self._ptz_keys)))
            for axis in range(3)
        )
        self.ptz_requested.emit(self.index, "move", pan, tilt, zoom, 0)
        return True

    @override
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_pos = event.position().toPoint()
            self._pan_from = self._press_pos if self._zoom > 1.001 else None
            self.activated.emit(self.index)
        super().mousePressEvent(event)

    @override
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._pan_from = None
        super().mouseReleaseEvent(event)

    @override
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        # A zoomed picture is dragged around; otherwise dragging a tile onto another swaps them.
        if self._pan_from is not None and event.buttons() & Qt.MouseButton.LeftButton:
            pos = event.position().toPoint()
            delta = pos - self._pan_from
            self._pan_from = pos
            width, height = max(1, self.surface.width()), max(1, self.surface.height())
            if not delta.isNull():
                self.pan_requested.emit(self.index, delta.x() / width, delta.y() / height)
            return
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
        window = menu.addAction(self.tr("Open in own window"))
        window.triggered.connect(lambda: self.window_requested.emit(self.index))
        reset = menu.addAction(self.tr("Reset zoom (Ctrl+0)"))
        reset.setEnabled(self._zoom > 1.001)
        reset.triggered.connect(lambda: self.zoom_reset_requested.emit(self.index))
        for action in (shot, window):
            action.setEnabled(self._has_camera)
        if self.chart_choices or self.map_choice:
            menu.addSeparator()
        if self.chart_choices:
            charts = menu.addMenu(self.tr("Show KPI chart"))
            charts.setObjectName("tileChartMenu")
            for chart_id, title in self.chart_choices:
                chart = charts.addAction(title)
                chart.triggered.connect(
                    lambda _=False, c=chart_id: self.pane_requested.emit(self.index, "kpi", c)
                )
        if self.map_choice:
            city_map = menu.addAction(self.tr("Show city map"))
            city_map.triggered.connect(lambda: self.pane_requested.emit(self.index, "map", ""))
        self.context_menu = menu
        menu.popup(event.globalPos())

    @override
    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.double_clicked.emit(self.index)
        super().mouseDoubleClickEvent(event)
