"""The grid of video tiles that fills one wall screen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget
from typing_extensions import override

from widgets.roles import CAMERA_MIME
from widgets.video_tile import VideoTileWidget

# (row, col, row_span, col_span) of each tile, in tile-index order.
CellRect = tuple[int, int, int, int]
_DRAG_EVENTS = frozenset({QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop})
# How often PTZ tiles look whether the mouse is over them (see _hover_timer).
HOVER_POLL_MS = 200


class PaneHostWidget(QWidget):
    """Holds a pane (a KPI chart, the map) in a grid cell, sized by the grid alone.

    Without a layout of its own it hides the pane's size hints, height-for-width included: a
    word-wrapped label inside the map otherwise made the grid give the map's rows twice the
    height of the others.
    """

    # (cell index, camera id): a camera from the tree dropped anywhere on the pane
    camera_dropped = Signal(int, str)

    def __init__(self, content: QWidget, index: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.content = content
        content.setParent(self)
        content.show()
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        # The pane hides the cell's tile: a camera dropped on the pane must still reach the
        # cell. Qt delivers a drop to the deepest widget that accepts drops (a chart's or the
        # map's QGraphicsView viewport), so camera drags are taken before those widgets see them.
        self.setAcceptDrops(True)
        for widget in (content, *content.findChildren(QWidget)):
            widget.installEventFilter(self)

    def _take_camera_drag(self, event: QDropEvent) -> bool:
        mime = event.mimeData()
        if not mime.hasFormat(CAMERA_MIME):
            return False
        if event.type() == QEvent.Type.Drop:
            camera_id = bytes(mime.data(CAMERA_MIME).data()).decode()
            if not camera_id:
                return False
            self.camera_dropped.emit(self.index, camera_id)
        event.acceptProposedAction()
        return True

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _DRAG_EVENTS and isinstance(event, QDropEvent):
            return self._take_camera_drag(event)
        return super().eventFilter(watched, event)

    @override
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self._take_camera_drag(event):
            event.ignore()

    @override
    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not self._take_camera_drag(event):
            event.ignore()

    @override
    def dropEvent(self, event: QDropEvent) -> None:
        if not self._take_camera_drag(event):
            event.ignore()

    @override
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.content.setGeometry(self.rect())


class WallGridWidget(QWidget):
    """Lays tiles out on a grid with spans; one tile is the selected one."""

    tile_selected = Signal(int)
    tile_double_clicked = Signal(int)
    camera_dropped = Signal(int, str)
    tiles_swapped = Signal(int, int)
    snapshot_requested = Signal(int)
    zoom_requested = Signal(int, float, float, float)
    pan_requested = Signal(int, float, float)
    zoom_reset_requested = Signal(int)
    ptz_requested = Signal(int, str, float, float, float, int)
    window_requested = Signal(int)
    pane_requested = Signal(int, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallGrid")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(2, 2, 2, 2)
        self._grid.setSpacing(2)
        self.tiles: list[VideoTileWidget] = []
        self.selected_index = 0
        self.maximized_index: int | None = None
        self._rects: list[CellRect] = []
        self._size = (1, 1)
        # Cells that show something other than video (a KPI chart, the map), by tile index.
        self.panes: dict[int, QWidget] = {}
        self._hosts: dict[int, PaneHostWidget] = {}
        self._chart_choices: list[tuple[str, str]] = []
        self._map_choice = False
        # X reports no enter/leave inside libVLC's video windows, so PTZ tiles look where the
        # mouse is a few times a second: one timer for the grid, running while any tile has PTZ.
        self._hover_timer = QTimer(self)
        self._hover_timer.setInterval(HOVER_POLL_MS)
        self._hover_timer.timeout.connect(self._on_hover_timer_timeout)

    def set_pane_choices(self, charts: Sequence[tuple[str, str]], city_map: bool) -> None:
        """What every tile's context menu offers instead of video: charts (id, translated
        title) and the city map. Empty (the default): no such entries."""
        self._chart_choices = list(charts)
        self._map_choice = city_map
        for tile in self.tiles:
            tile.chart_choices = list(self._chart_choices)
            tile.map_choice = city_map

    def set_grid(self, rows: int, cols: int, cells: Sequence[CellRect]) -> list[VideoTileWidget]:
        """Rebuild the tiles for a grid; returns the new tiles (old ones are deleted)."""
        for index in list(self.panes):
            self.set_pane(index, None)
        for tile in self.tiles:
            self._grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = []
        self.maximized_index = None
        self._rects = list(cells)
        self._size = (rows, cols)
        for r in range(8):
            self._grid.setRowStretch(r, 1 if r < rows else 0)
            self._grid.setColumnStretch(r, 1 if r < cols else 0)
        for index, (row, col, rs, cs) in enumerate(cells):
            tile = VideoTileWidget(index, self)
            tile.activated.connect(self.select)
            tile.double_clicked.connect(self.toggle_maximized)
            tile.double_clicked.connect(self.tile_double_clicked)
            tile.camera_dropped.connect(self.camera_dropped)
            tile.tile_dropped.connect(self.tiles_swapped)
            tile.snapshot_requested.connect(self.snapshot_requested)
            tile.zoom_requested.connect(self.zoom_requested)
            tile.pan_requested.connect(self.pan_requested)
            tile.zoom_reset_requested.connect(self.zoom_reset_requested)
            tile.ptz_requested.connect(self.ptz_requested)
            tile.window_requested.connect(self.window_requested)
            tile.pane_requested.connect(self.pane_requested)
            tile.ptz_changed.connect(self._on_tile_ptz_changed)
            tile.chart_choices = list(self._chart_choices)
            tile.map_choice = self._map_choice
            self._grid.addWidget(tile, row, col, rs, cs)
            self.tiles.append(tile)
        self.selected_index = 0
        self._show_selection()
        self._on_tile_ptz_changed()
        return self.tiles

    @property
    def hover_polling(self) -> bool:
        """Whether the grid is looking for the mouse over PTZ tiles."""
        return self._hover_timer.isActive()

    def _on_tile_ptz_changed(self, *_args: object) -> None:
        if any(tile.ptz for tile in self.tiles):
            self._hover_timer.start()
        else:
            self._hover_timer.stop()

    def _on_hover_timer_timeout(self) -> None:
        for tile in self.tiles:
            if tile.ptz:
                tile.update_hover()

    def set_pane(self, index: int, widget: QWidget | None) -> None:
        """Show ``widget`` in cell ``index`` instead of its video tile (None: the tile again).

        The grid owns the widget from now on and deletes it when replaced or rebuilt.
        """
        if not 0 <= index < len(self.tiles):
            return
        self.panes.pop(index, None)
        host = self._hosts.pop(index, None)
        if host is not None:
            self._grid.removeWidget(host)
            host.deleteLater()
        tile = self.tiles[index]
        if widget is None:
            tile.setVisible(self.maximized_index in (None, index))
            return
        host = PaneHostWidget(widget, index, self)
        host.camera_dropped.connect(self.camera_dropped)
        self.panes[index] = widget
        self._hosts[index] = host
        tile.setVisible(False)
        self._grid.addWidget(host, *self._rects[index])
        host.setVisible(self.maximized_index in (None, index))

    def cell_widget(self, index: int) -> QWidget:
        """What cell ``index`` shows: its pane widget, or its video tile."""
        return self.panes.get(index) or self.tiles[index]

    def _cell_item(self, index: int) -> QWidget:
        # What sits in the grid layout for cell ``index``: a pane's host, or the tile.
        return self._hosts.get(index) or self.tiles[index]

    def select(self, index: int) -> None:
        if 0 <= index < len(self.tiles):
            self.selected_index = index
            self._show_selection()
            self.tile_selected.emit(index)

    def _show_selection(self) -> None:
        for tile in self.tiles:
            tile.set_selected(tile.index == self.selected_index)

    def toggle_maximized(self, index: int) -> None:
        """Double-click: one tile fills the grid (the others hide and stop decoding); again: back."""
        if not 0 <= index < len(self.tiles):
            return
        if self.maximized_index is None:
            self.maximized_index = index
            rows, cols = self._size
            for i in range(len(self.tiles)):
                self._cell_item(i).setVisible(i == index)
            self._grid.removeWidget(self._cell_item(index))
            self._grid.addWidget(self._cell_item(index), 0, 0, rows, cols)
        else:
            current = self.maximized_index
            self.maximized_index = None
            self._grid.removeWidget(self._cell_item(current))
            self._grid.addWidget(self._cell_item(current), *self._rects[current])
            for i in range(len(self.tiles)):
                self._cell_item(i).setVisible(True)
        self.select(index)
