"""The demo city's shared wall presets: normal operations, flood response, festival, traffic peak.

Built from the demo cameras' analytics, so a larger made-up city (``--cameras 50``) gets fuller
presets. The documents are the console's layout format (version 1, see ``layouts/model.py``),
written out here as plain JSON because the backend imports nothing of ours but the contract.
They are stored once, on a database without any layout, as shared layouts owned by ``system``;
commanders may then change or delete them like any other.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.db import LayoutRow, utcnow
from backend.demo_city import DemoCamera, DemoCity
from server_client.contract import AlertType, LayoutScope

OWNER: Final = "system"
LAYOUT_FORMAT: Final = 1

FLOOD: Final = frozenset({AlertType.FLOODING, AlertType.FALLEN_TREE})
FESTIVAL: Final = frozenset({AlertType.CROWDING, AlertType.INTRUSION, AlertType.LOITERING})
TRAFFIC: Final = frozenset(
    {
        AlertType.TRAFFIC_JAM,
        AlertType.RED_LIGHT,
        AlertType.WRONG_WAY,
        AlertType.SPEEDING,
        AlertType.LANE_VIOLATION,
        AlertType.ACCIDENT,
    }
)

# (name, which analytics pick the cameras (None: all), rows, cols, first camera's span)
PRESETS: Final[tuple[tuple[str, frozenset[AlertType] | None, int, int, int], ...]] = (
    ("Vận hành bình thường", None, 3, 3, 1),
    ("Ứng phó ngập lụt", FLOOD, 2, 3, 1),
    ("Festival Huế", FESTIVAL, 3, 3, 1),
    ("Cao điểm giao thông", TRAFFIC, 3, 3, 2),
)


def _camera_pane(camera_id: str | None) -> dict[str, Any]:
    return {"kind": "camera", "camera_id": camera_id}


def preset_document(
    name: str, cameras: list[DemoCamera], rows: int, cols: int, span: int
) -> dict[str, Any]:
    """One screen of ``rows``×``cols``; the first camera covers ``span``×``span`` cells.

    Cameras beyond the cells ride a tour in the last cell, so none of them is left out.
    """
    positions = [
        (r, c)
        for r in range(rows)
        for c in range(cols)
        if not (span > 1 and r < span and c < span and (r, c) != (0, 0))
    ]
    ids = [cam.id for cam in cameras]
    cells: list[dict[str, Any]] = []
    for index, (row, col) in enumerate(positions):
        size = span if (row, col) == (0, 0) else 1
        cell: dict[str, Any] = {"row": row, "col": col, "row_span": size, "col_span": size}
        last = index == len(positions) - 1
        if last and len(ids) > len(positions):
            cell["pane"] = {
                "kind": "tour",
                "camera_id": None,
                "cameras": ids[index:],
                "dwell_s": 15,
            }
        else:
            cell["pane"] = _camera_pane(ids[index] if index < len(ids) else None)
        cells.append(cell)
    return {
        "version": LAYOUT_FORMAT,
        "name": name,
        "screens": [{"screen": 0, "rows": rows, "cols": cols, "cells": cells}],
    }


# Presets drawn by hand (KPI charts and the map beside cameras) ship as layout files in
# assets/demo_city/layouts/; the others are built from the cameras' analytics.
SHIPPED: Final[dict[str, str]] = {"Ứng phó ngập lụt": "flood_response.json"}


def shipped_document(file_name: str, name: str, city: DemoCity) -> dict[str, Any] | None:
    """A hand-drawn preset from the assets, named ``name``; None if a camera it shows is missing
    from this city (a made-up city of other cameras gets the built preset instead)."""
    path = resources.files("assets").joinpath("demo_city", "layouts", file_name)
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    known = {c.id for c in city.cameras}
    for screen in document["screens"]:
        for cell in screen["cells"]:
            pane = cell["pane"]
            wanted = [pane.get("camera_id"), *pane.get("cameras", [])]
            if any(cam is not None and cam not in known for cam in wanted):
                return None
    document["name"] = name
    return document


def demo_presets(city: DemoCity) -> list[tuple[str, dict[str, Any]]]:
    """(name, document) of the four demo presets."""
    out = []
    for name, analytics, rows, cols, span in PRESETS:
        shipped = shipped_document(SHIPPED[name], name, city) if name in SHIPPED else None
        if shipped is not None:
            out.append((name, shipped))
            continue
        cameras = [
            c for c in city.cameras if analytics is None or analytics.intersection(c.analytics)
        ]
        out.append((name, preset_document(name, cameras, rows, cols, span)))
    return out


def seed_demo_layouts(session: Session, city: DemoCity) -> int:
    """Store the demo presets if the database has no layout at all; returns how many."""
    if session.scalar(select(LayoutRow.id).limit(1)) is not None:
        return 0
    now = utcnow()
    presets = demo_presets(city)
    for number, (name, document) in enumerate(presets, start=1):
        session.add(
            LayoutRow(
                id=f"demo-preset-{number}",
                name=name,
                scope=LayoutScope.SHARED.value,
                owner=OWNER,
                version=1,
                updated_at=now,
                updated_by=OWNER,
                document=document,
            )
        )
    return len(presets)
