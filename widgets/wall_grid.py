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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallGrid")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(2, 2, 2, 2)
        self._grid.setSpacing(2)
        self.tiles: list[VideoTileWidget] = []
        self.selected_index = 0

    def set_grid(self, rows: int, cols: int, cells: Sequence[CellRect]) -> list[VideoTileWidget]:
        """Rebuild the tiles for a grid; returns the new tiles (old ones are deleted)."""
        for tile in self.tiles:
            self._grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = []
        for r in range(8):
            self._grid.setRowStretch(r, 1 if r < rows else 0)
            self._grid.setColumnStretch(r, 1 if r < cols else 0)
        for index, (row, col, rs, cs) in enumerate(cells):
            tile = VideoTileWidget(index, self)
            tile.activated.connect(self.select)
            tile.double_clicked.connect(self.tile_double_clicked)
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
