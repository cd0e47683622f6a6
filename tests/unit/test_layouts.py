from __future__ import annotations

import json

import pytest

from layouts import LayoutError, Pane, PaneKind, dump_layout, grid_layout, parse_layout
from layouts.model import WallLayout


def doc(**screen: object) -> str:
    base: dict[str, object] = {"screen": 0, "rows": 2, "cols": 2, "cells": [{"row": 0, "col": 0}]}
    base.update(screen)
    return json.dumps({"version": 1, "name": "normal", "screens": [base]})


def test_grid_layout_fills_row_by_row() -> None:
    s = grid_layout(3, 3, ["a", "b"])
    assert [(c.row, c.col) for c in s.cells][:4] == [(0, 0), (0, 1), (0, 2), (1, 0)]
    assert [c.pane.camera_id for c in s.cells][:3] == ["a", "b", None]
    assert s.with_camera(2, "z").cells[2].pane.camera_id == "z"


def test_with_pane_puts_a_chart_or_the_map_on_a_cell_and_keeps_its_place() -> None:
    s = grid_layout(2, 2, ["a", "b", "c", "d"])
    chart = s.with_pane(1, Pane(PaneKind.KPI, chart_id="hotline"))
    assert chart.cells[1].pane == Pane(PaneKind.KPI, chart_id="hotline")
    assert (chart.cells[1].row, chart.cells[1].col) == (0, 1)
    assert [c.pane for c in chart.cells if c is not chart.cells[1]] == [
        s.cells[0].pane,
        s.cells[2].pane,
        s.cells[3].pane,
    ]
    mapped = chart.with_pane(1, Pane(PaneKind.MAP))
    layout = WallLayout("edited", (mapped,))
    assert parse_layout(dump_layout(layout)) == layout
    assert mapped.cells[1].pane.kind is PaneKind.MAP


def test_round_trip() -> None:
    layout = WallLayout(
        "flood", (grid_layout(2, 3, ["a", "b", "c"]), grid_layout(1, 1, ["d"], screen=1))
    )
    assert parse_layout(dump_layout(layout)) == layout


def test_tour_round_trip() -> None:
    text = doc(
        cells=[{"row": 0, "col": 0, "pane": {"kind": "tour", "cameras": ["a", "b"], "dwell_s": 5}}]
    )
    layout = parse_layout(text)
    pane = layout.screens[0].cells[0].pane
    assert pane.kind is PaneKind.TOUR
    assert pane.cameras == ("a", "b")
    assert pane.dwell_s == 5
    assert parse_layout(dump_layout(layout)) == layout


def test_spans_and_pane_kinds() -> None:
    text = doc(
        cells=[
            {"row": 0, "col": 0, "row_span": 2, "pane": {"kind": "alerts"}},
            {"row": 0, "col": 1},
        ]
    )
    screen = parse_layout(text).screens[0]
    assert screen.cells[0].pane.kind is PaneKind.ALERTS
    assert list(screen.cells[0].positions()) == [(0, 0), (1, 0)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"version": 7, "name": "x", "screens": []}), "unsupported layout version 7"),
        (json.dumps({"version": 1, "name": "", "screens": []}), "'name'"),
        (doc(rows=9), "rows must be a whole number from 1 to 8"),
        (doc(cols="3"), "cols must be"),
        (doc(cells=[{"row": 2, "col": 0}]), "lies outside the 2×2 grid"),
        (doc(cells=[{"row": 0, "col": 0, "col_span": 2}, {"row": 0, "col": 1}]), "overlaps cell 0"),
        (
            doc(cells=[{"row": 0, "col": 0, "pane": {"kind": "hologram"}}]),
            "unknown pane kind 'hologram'",
        ),
        (doc(cells=[{"row": 0, "col": 0, "row_span": 0}]), "spans must be at least 1"),
        (doc(cells=[]), "'cells' must be a non-empty list"),
        (doc(cells=[{"row": 0, "col": 0, "pane": {"kind": "tour"}}]), "a tour needs 'cameras'"),
        (
            doc(
                cells=[
                    {"row": 0, "col": 0, "pane": {"kind": "tour", "cameras": ["a"], "dwell_s": 1}}
                ]
            ),
            "'dwell_s' must be from 2",
        ),
    ],
)
def test_invalid_documents_name_the_problem(text: str, message: str) -> None:
    with pytest.raises(LayoutError, match=message):
        parse_layout(text)


def test_kpi_and_map_panes_round_trip() -> None:
    text = doc(
        cols=3,
        cells=[
            {"row": 0, "col": 0, "pane": {"kind": "kpi", "chart_id": "river_kim_long"}},
            {"row": 0, "col": 1, "row_span": 2, "pane": {"kind": "map"}},
            {"row": 1, "col": 0, "pane": {"kind": "camera", "camera_id": "cam-01"}},
        ],
    )
    layout = parse_layout(text)
    kpi, city_map, camera = layout.screens[0].cells
    assert (kpi.pane.kind, kpi.pane.chart_id) == (PaneKind.KPI, "river_kim_long")
    assert (city_map.pane.kind, city_map.pane.chart_id) == (PaneKind.MAP, None)
    assert camera.pane.chart_id is None
    assert parse_layout(dump_layout(layout)) == layout
    assert json.loads(dump_layout(layout))["screens"][0]["cells"][0]["pane"] == {
        "kind": "kpi", "camera_id": None, "chart_id": "river_kim_long",
    }  # fmt: skip


@pytest.mark.parametrize(
    "pane",
    [
        {"kind": "kpi"},
        {"kind": "kpi", "chart_id": ""},
        {"kind": "kpi", "chart_id": 7},
        {"kind": "kpi", "chart_id": "River Level"},
        {"kind": "kpi", "chart_id": "x" * 65},
    ],
)
def test_a_kpi_pane_must_name_its_chart(pane: dict[str, object]) -> None:
    with pytest.raises(LayoutError, match="a KPI pane needs 'chart_id'"):
        parse_layout(doc(cells=[{"row": 0, "col": 0, "pane": pane}]))


def test_the_shipped_presets_parse_and_flood_response_shows_kpis_and_the_map() -> None:
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "assets" / "demo_city" / "layouts"
    presets = {p.stem: parse_layout(p.read_text(encoding="utf-8")) for p in folder.glob("*.json")}
    flood = presets["flood_response"]
    panes = [c.pane for s in flood.screens for c in s.cells]
    assert {p.chart_id for p in panes if p.kind is PaneKind.KPI} >= {"river_kim_long"}
    assert any(p.kind is PaneKind.MAP for p in panes)
