"""The grid of video tiles that fills one wall screen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget
from typing_extensions import override

from widgets.video_tile import VideoTileWidget

# (row, col, row_span, col_span) of each tile, in tile-index order.
CellRect = tuple[int, int, int, int]


class PaneHostWidget(QWidget):
    """Holds a pane (a KPI chart, the map) in a grid cell, sized by the grid alone.

    Without a layout of its own it hides the pane's size hints, height-for-width included: a
    word-wrapped label inside the map otherwise made the grid give the map's rows twice the
    height of the others.
    """

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        content.setParent(self)
        content.show()
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

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
            self._grid.addWidget(tile, row, col, rs, cs)
            self.tiles.append(tile)
        self.selected_index = 0
        self._show_selection()
        return self.tiles

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
        host = PaneHostWidget(widget, self)
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
