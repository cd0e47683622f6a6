"""The wall layout model: screens → grid → cells with spans → panes.

Pure data with no Qt. Layouts travel as versioned JSON; :func:`parse_layout` validates a
document completely and raises :class:`LayoutError` with a message that says where it is
wrong, so a broken or hand-edited file never half-applies.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

FORMAT_VERSION: Final = 1
MAX_GRID: Final = 8
MIN_DWELL_S: Final = 2
MAX_DWELL_S: Final = 3600
# A KPI pane names its chart (``river_kim_long``); the console knows which ids exist.
CHART_ID_PATTERN: Final = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class LayoutError(ValueError):
    """A layout document is invalid; the message names the offending place."""


class PaneKind(StrEnum):
    CAMERA = "camera"
    EMPTY = "empty"
    ALERTS = "alerts"
    KPI = "kpi"
    MAP = "map"
    INCIDENTS = "incidents"
    TOUR = "tour"


@dataclass(frozen=True)
class Pane:
    """What a cell shows.

    ``camera_id`` is set for camera panes (None = empty tile). A tour pane cycles through
    ``cameras``, showing each for ``dwell_s`` seconds. A KPI pane shows the chart ``chart_id``
    (e.g. ``river_kim_long``); a map pane shows the live city map.
    """

    kind: PaneKind = PaneKind.CAMERA
    camera_id: str | None = None
    cameras: tuple[str, ...] = ()
    dwell_s: int = 10
    chart_id: str | None = None


@dataclass(frozen=True)
class Cell:
    """One tile of a grid; spans let a tile cover several grid positions."""

    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    pane: Pane = field(default_factory=Pane)

    def positions(self) -> Iterable[tuple[int, int]]:
        for r in range(self.row, self.row + self.row_span):
            for c in range(self.col, self.col + self.col_span):
                yield r, c


@dataclass(frozen=True)
class ScreenLayout:
    """The grid shown on one screen (monitor) of the wall."""

    screen: int
    rows: int
    cols: int
    cells: tuple[Cell, ...]

    def with_camera(self, index: int, camera_id: str | None) -> ScreenLayout:
        """Return a copy with cell ``index`` showing ``camera_id``."""
        return self.with_pane(index, Pane(PaneKind.CAMERA, camera_id))

    def with_pane(self, index: int, pane: Pane) -> ScreenLayout:
        """Return a copy with cell ``index`` showing ``pane`` (a camera, a KPI chart, the map)."""
        cells = list(self.cells)
        cell = cells[index]
        cells[index] = Cell(cell.row, cell.col, cell.row_span, cell.col_span, pane)
        return ScreenLayout(self.screen, self.rows, self.cols, tuple(cells))


@dataclass(frozen=True)
class WallLayout:
    """A named wall layout: one grid per screen."""

    name: str
    screens: tuple[ScreenLayout, ...]
    version: int = FORMAT_VERSION

    def screen(self, index: int) -> ScreenLayout | None:
        return next((s for s in self.screens if s.screen == index), None)


def grid_layout(
    rows: int, cols: int, camera_ids: Sequence[str | None], screen: int = 0
) -> ScreenLayout:
    """A plain ``rows × cols`` grid filled row by row with ``camera_ids``."""
    _check_grid(rows, cols, f"screen {screen}")
    cells = []
    for i in range(rows * cols):
        cam = camera_ids[i] if i < len(camera_ids) else None
        cells.append(Cell(i // cols, i % cols, pane=Pane(PaneKind.CAMERA, cam)))
    return ScreenLayout(screen, rows, cols, tuple(cells))


def _check_grid(rows: Any, cols: Any, where: str) -> None:
    for name, value in (("rows", rows), ("cols", cols)):
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_GRID:
            raise LayoutError(
                f"{where}: {name} must be a whole number from 1 to {MAX_GRID}, got {value!r}"
            )


def _int(obj: dict[str, Any], key: str, where: str, default: int | None = None) -> int:
    value = obj.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise LayoutError(f"{where}: '{key}' must be a whole number, got {value!r}")
    return value


def _parse_cell(raw: Any, where: str) -> Cell:
    if not isinstance(raw, dict):
        raise LayoutError(f"{where}: a cell must be an object")
    row, col = _int(raw, "row", where), _int(raw, "col", where)
    row_span = _int(raw, "row_span", where, 1)
    col_span = _int(raw, "col_span", where, 1)
    if row_span < 1 or col_span < 1:
        raise LayoutError(f"{where}: spans must be at least 1")
    pane_raw = raw.get("pane", {})
    if not isinstance(pane_raw, dict):
        raise LayoutError(f"{where}: 'pane' must be an object")
    try:
        kind = PaneKind(pane_raw.get("kind", "camera"))
    except ValueError:
        known = ", ".join(k.value for k in PaneKind)
        raise LayoutError(
            f"{where}: unknown pane kind {pane_raw.get('kind')!r} (known: {known})"
        ) from None
    camera_id = pane_raw.get("camera_id")
    if camera_id is not None and not isinstance(camera_id, str):
        raise LayoutError(f"{where}: 'camera_id' must be a string or null")
    cameras: tuple[str, ...] = ()
    dwell = 10
    if kind == PaneKind.TOUR:
        raw_cams = pane_raw.get("cameras")
        if (
            not isinstance(raw_cams, list)
            or not raw_cams
            or not all(isinstance(c, str) and c for c in raw_cams)
        ):
            raise LayoutError(f"{where}: a tour needs 'cameras', a non-empty list of camera ids")
        cameras = tuple(raw_cams)
        dwell = _int(pane_raw, "dwell_s", where, 10)
        if not MIN_DWELL_S <= dwell <= MAX_DWELL_S:
            raise LayoutError(
                f"{where}: 'dwell_s' must be from {MIN_DWELL_S} to {MAX_DWELL_S} seconds, got {dwell}"
            )
    chart_id: str | None = None
    if kind == PaneKind.KPI:
        raw_chart = pane_raw.get("chart_id")
        if not isinstance(raw_chart, str) or not CHART_ID_PATTERN.match(raw_chart):
            raise LayoutError(
                f"{where}: a KPI pane needs 'chart_id', the id of a chart such as "
                f"'river_kim_long' (lower case letters, digits, '_'), got {raw_chart!r}"
            )
        chart_id = raw_chart
    return Cell(row, col, row_span, col_span, Pane(kind, camera_id, cameras, dwell, chart_id))


def _parse_screen(raw: Any, where: str) -> ScreenLayout:
    if not isinstance(raw, dict):
        raise LayoutError(f"{where}: a screen must be an object")
    screen = _int(raw, "screen", where, 0)
    rows, cols = raw.get("rows"), raw.get("cols")
    _check_grid(rows, cols, where)
    if not isinstance(rows, int) or not isinstance(cols, int):  # narrowed for the type checker
        raise LayoutError(f"{where}: rows and cols must be numbers")
    cells_raw = raw.get("cells")
    if not isinstance(cells_raw, list) or not cells_raw:
        raise LayoutError(f"{where}: 'cells' must be a non-empty list")
    cells = tuple(_parse_cell(c, f"{where}, cell {i}") for i, c in enumerate(cells_raw))
    taken: dict[tuple[int, int], int] = {}
    for i, cell in enumerate(cells):
        for r, c in cell.positions():
            if not (0 <= r < rows and 0 <= c < cols):
                raise LayoutError(
                    f"{where}, cell {i}: ({r}, {c}) lies outside the {rows}×{cols} grid"
                )
            if (r, c) in taken:
                raise LayoutError(f"{where}, cell {i}: overlaps cell {taken[(r, c)]} at ({r}, {c})")
            taken[(r, c)] = i
    return ScreenLayout(screen, rows, cols, cells)


def parse_layout(text: str | bytes) -> WallLayout:
    """Parse and validate a layout document (JSON)."""
    try:
        doc = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise LayoutError(f"not valid JSON: {exc}") from None
    return layout_from_dict(doc)


def layout_from_dict(doc: Any) -> WallLayout:
    """Validate a decoded layout document."""
    if not isinstance(doc, dict):
        raise LayoutError("a layout must be a JSON object")
    version = doc.get("version")
    if version != FORMAT_VERSION:
        raise LayoutError(
            f"unsupported layout version {version!r} (this console reads {FORMAT_VERSION})"
        )
    name = doc.get("name")
    if not isinstance(name, str) or not name.strip():
        raise LayoutError("'name' must be a non-empty string")
    screens_raw = doc.get("screens")
    if not isinstance(screens_raw, list) or not screens_raw:
        raise LayoutError("'screens' must be a non-empty list")
    screens = tuple(_parse_screen(s, f"screen {i}") for i, s in enumerate(screens_raw))
    seen = [s.screen for s in screens]
    if len(set(seen)) != len(seen):
        raise LayoutError(f"screens listed twice: {sorted(seen)}")
    return WallLayout(name.strip(), screens, version)


def layout_to_dict(layout: WallLayout) -> dict[str, Any]:
    return {
        "version": layout.version,
        "name": layout.name,
        "screens": [
            {
                "screen": s.screen,
                "rows": s.rows,
                "cols": s.cols,
                "cells": [
                    {
                        "row": c.row,
                        "col": c.col,
                        "row_span": c.row_span,
                        "col_span": c.col_span,
                        "pane": _pane_to_dict(c.pane),
                    }
                    for c in s.cells
                ],
            }
            for s in layout.screens
        ],
    }


def _pane_to_dict(pane: Pane) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": pane.kind.value, "camera_id": pane.camera_id}
    if pane.kind == PaneKind.TOUR:
        out["cameras"] = list(pane.cameras)
        out["dwell_s"] = pane.dwell_s
    if pane.kind == PaneKind.KPI:
        out["chart_id"] = pane.chart_id
    return out


def dump_layout(layout: WallLayout) -> str:
    """Serialise a layout as indented JSON (stable key order)."""
    return json.dumps(layout_to_dict(layout), indent=2, ensure_ascii=False)
