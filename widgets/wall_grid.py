"""The grid of video tiles that fills one wall screen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from widgets.video_tile import VideoTileWidget

# (row, col, row_span, col_span) of each tile, in tile-index order.
CellRect = tuple[int, int, int, int]


class WallGridWidget(QWidget):
    """Lays tiles out on a grid with spans; one tile is the selected one."""

    tile_selected = Signal(int)
    tile_double_clicked = Signal(int)
    camera_dropped = Signal(int, str)
    tiles_swapped = Signal(int, int)
    snapshot_requested = Signal(int)

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

    def set_grid(self, rows: int, cols: int, cells: Sequence[CellRect]) -> list[VideoTileWidget]:
        """Rebuild the tiles for a grid; returns the new tiles (old ones are deleted)."""
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
            self._grid.addWidget(tile, row, col, rs, cs)
            self.tiles.append(tile)
        self.selected_index = 0
        self._show_selection()
        return self.tiles

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
            for tile in self.tiles:
                tile.setVisible(tile.index == index)
            self._grid.removeWidget(self.tiles[index])
            self._grid.addWidget(self.tiles[index], 0, 0, rows, cols)
        else:
            current = self.maximized_index
            self.maximized_index = None
            self._grid.removeWidget(self.tiles[current])
            self._grid.addWidget(self.tiles[current], *self._rects[current])
            for tile in self.tiles:
                tile.setVisible(True)
        self.select(index)
