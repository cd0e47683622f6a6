"""The demo city's four wall presets are valid layouts (built from the cameras' analytics, or
shipped hand-drawn in assets/demo_city/layouts)."""

from __future__ import annotations

from backend.demo_city import load_demo_city
from backend.demo_layouts import demo_presets
from layouts import PaneKind, layout_from_dict


def test_four_presets_parse_as_layouts() -> None:
    city = load_demo_city()
    presets = demo_presets(city)
    assert [name for name, _doc in presets] == [
        "Vận hành bình thường", "Ứng phó ngập lụt", "Festival Huế", "Cao điểm giao thông",
    ]  # fmt: skip
    layouts = {name: layout_from_dict(doc) for name, doc in presets}
    normal = layouts["Vận hành bình thường"].screens[0]
    assert [c.pane.camera_id for c in normal.cells[:8]] == [f"cam-{i:03d}" for i in range(1, 9)]
    assert normal.cells[8].pane.cameras == tuple(f"cam-{i:03d}" for i in range(9, 17))
    # Flood response is the hand-drawn preset shipped in assets: river charts and the map beside
    # the flood cameras, on two screens.
    flood = layouts["Ứng phó ngập lụt"]
    panes = [c.pane for screen in flood.screens for c in screen.cells]
    flood_ids = {p.camera_id for p in panes} - {None}
    assert flood_ids == {"cam-005", "cam-010", "cam-013", "cam-016"}
    assert {p.chart_id for p in panes if p.kind is PaneKind.KPI} >= {"river_kim_long"}
    assert any(c.pane.kind is PaneKind.MAP for c in flood.screens[0].cells)
    traffic = layouts["Cao điểm giao thông"].screens[0]
    first = traffic.cells[0]
    assert (first.row_span, first.col_span, first.pane.camera_id) == (2, 2, "cam-001")
    assert len(traffic.cells) == 6


def test_a_bigger_city_overflows_into_a_tour() -> None:
    city = load_demo_city(camera_count=60)
    festival = dict(demo_presets(city))["Festival Huế"]
    screen = layout_from_dict(festival).screens[0]
    last = screen.cells[-1].pane
    assert last.kind == PaneKind.TOUR
    shown = [c.pane.camera_id for c in screen.cells[:-1]] + list(last.cameras)
    festival_cams = [
        c.id for c in city.cameras if {"crowding", "intrusion", "loitering"} & set(c.analytics)
    ]
    assert shown == festival_cams, "every festival camera is on the wall or in the tour"
