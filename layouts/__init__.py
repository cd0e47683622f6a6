"""Wall layouts: a pure model of screens, grids, cells and panes (no Qt)."""

from layouts.model import (
    FORMAT_VERSION,
    Cell,
    LayoutError,
    Pane,
    PaneKind,
    ScreenLayout,
    WallLayout,
    dump_layout,
    grid_layout,
    layout_from_dict,
    parse_layout,
)

__all__ = [
    "FORMAT_VERSION",
    "Cell",
    "LayoutError",
    "Pane",
    "PaneKind",
    "ScreenLayout",
    "WallLayout",
    "dump_layout",
    "grid_layout",
    "layout_from_dict",
    "parse_layout",
]
