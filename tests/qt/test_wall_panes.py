"""KPI charts and the city map as panes on wall tiles, fed live by the real backend (no media):
the flood-response preset shows its river charts and the map on the wall, a real
``kpi.updated`` moves the pane's curve, the map pane carries the live markers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from console.controllers.kpi_controller import KpiController, chart_specs
from console.controllers.map_controller import MapController
from console.controllers.wall_controller import WallController
from console.models.kpi_board_model import CHART_BY_ID
from layouts import Cell, Pane, PaneKind, ScreenLayout, grid_layout, parse_layout
from server_client.rest import RestClient
from streams import VideoEngine
from tests.backend.backend_runner import BackendRunner, api_client, bearer, login
from widgets.city_map import CityMapWidget
from widgets.kpi_chart import KpiChartWidget
from widgets.roles import CAMERA_MIME
from widgets.video_tile import VideoTileWidget
from widgets.wall_grid import WallGridWidget

PRESETS = Path(__file__).resolve().parents[2] / "assets" / "demo_city" / "layouts"
FLOOD_RISE_S = 20.0


@pytest.fixture(scope="module")
def flood_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendRunner]:
    runner = BackendRunner(
        tmp_path_factory.mktemp("panes") / "backend",
        "--sim-interval", "0", "--report-interval", "0", "--hotline-interval", "0",
        "--kpi-interval", "0", "--scenario", "flood", "--flood-rise", str(FLOOD_RISE_S),
    )  # fmt: skip
    runner.start()
    try:
        yield runner
    finally:
        runner.stop()


class Wall:
    """A wall grid with its controller, and the KPI and map controllers that feed its panes."""

    def __init__(self, rest: RestClient, qtbot: QtBot) -> None:
        self.engine = VideoEngine(vout="dummy")
        self.grid = WallGridWidget()
        self.grid.resize(1600, 900)
        qtbot.addWidget(self.grid)
        self.controller = WallController(self.grid, self.engine)
        self.kpis = KpiController(rest)
        self.kpis.range_key = "hour"
        self.map = MapController(rest, CityMapWidget())
        self.controller.pane_factory = self.make_pane

    def make_pane(self, pane: Pane) -> object:
        # What ConsoleApp._make_pane does.
        if pane.kind == PaneKind.KPI:
            return self.kpis.make_pane(pane.chart_id or "")
        return self.map.add_view(CityMapWidget())

    async def close(self) -> None:
        self.controller.close()
        await self.kpis.aclose()
        await self.map.aclose()
        self.engine.close()


@pytest.fixture
async def wall(flood_backend: BackendRunner, qtbot: QtBot) -> AsyncIterator[Wall]:
    rest = RestClient(flood_backend.url)
    await rest.login("commander", "commander")
    w = Wall(rest, qtbot)
    cameras = {c.id: c for c in await rest.cameras()}
    w.controller.set_cameras(cameras)
    try:
        yield w
    finally:
        await w.close()
        await rest.aclose()


def test_every_preset_names_charts_the_console_has() -> None:
    presets = list(PRESETS.glob("*.json"))
    assert presets
    for path in presets:
        layout = parse_layout(path.read_text(encoding="utf-8"))
        for screen in layout.screens:
            for cell in screen.cells:
                if cell.pane.kind is PaneKind.KPI:
                    assert cell.pane.chart_id in CHART_BY_ID, (path.name, cell.pane.chart_id)


async def test_flood_preset_shows_live_river_charts_and_the_map(
    flood_backend: BackendRunner, wall: Wall, qtbot: QtBot
) -> None:
    preset = parse_layout((PRESETS / "flood_response.json").read_text(encoding="utf-8"))
    screen = preset.screen(0)
    assert screen is not None
    with qtbot.waitExposed(wall.grid):
        wall.grid.show()
    wall.controller.apply_layout(screen)
    # Tiles added to a shown grid are shown by a queued call: let Qt deliver it.
    qtbot.waitUntil(lambda: all(wall.grid.cell_widget(i).isVisible() for i in range(6)))
    await wall.kpis.start()
    await wall.map.start(wall.controller.cameras)
    wall.kpis.flush_views()

    kinds = [c.pane.kind for c in screen.cells]
    for index, kind in enumerate(kinds):
        shown = wall.grid.cell_widget(index)
        assert shown.isVisible(), index
        if kind is PaneKind.KPI:
            assert isinstance(shown, KpiChartWidget)
            assert shown.spec.chart_id == screen.cells[index].pane.chart_id
            assert not wall.grid.tiles[index].isVisible()
        elif kind is PaneKind.MAP:
            assert isinstance(shown, CityMapWidget)
            assert len(shown.markers["cameras"]) == len(wall.controller.cameras)
            # The map spans its 2×2 cells.
            assert shown.width() > 1.5 * wall.grid.cell_widget(0).width()
        else:
            assert isinstance(shown, VideoTileWidget)
            assert wall.controller.players[index] is not None
    chart = wall.grid.cell_widget(0)
    assert isinstance(chart, KpiChartWidget)
    assert chart.spec.chart_id == "river_kim_long"
    _xs, before = chart.plotted_data("station=kim-long")
    assert before.size > 0

    # The river rises; a real kpi.updated from the event stream moves the pane's curve.
    after_seq = (await wall.kpis.rest.health()).last_seq
    await asyncio.sleep(2.0)  # let the simulated flood wave rise (not a timed assertion)
    async with api_client(flood_backend) as client:
        token = await login(client, "admin")
        tick = await client.post("/sim/kpi-tick", headers=bearer(token))
        assert tick.status_code in (200, 201, 204), tick.text
    page = await wall.kpis.rest.events(after_seq)
    city = [e for e in page.events if e.type == "kpi.updated" and e.data.get("ward_id") is None]
    assert city
    level = next(
        v["value"] for v in city[-1].data["values"]
        if v["name"] == "river.level" and v["labels"]["station"] == "kim-long"
    )  # fmt: skip
    wall.kpis.on_events(page.events)
    wall.map.on_events(page.events)
    wall.kpis.flush_views()
    _xs, after = chart.plotted_data("station=kim-long")
    assert after[-1] == pytest.approx(level)
    assert after[-1] != pytest.approx(before[-1]), "the curve moved"
    # The map pane's river gauge took the level's colour too.
    map_pane = wall.grid.cell_widget(3)
    assert isinstance(map_pane, CityMapWidget)
    gauge = map_pane.marker("sensors", "kim-long")
    assert gauge is not None
    assert gauge.state.startswith("level")


async def test_panes_go_when_a_camera_takes_the_tile_and_unknown_charts_say_so(
    wall: Wall, qtbot: QtBot
) -> None:
    layout = ScreenLayout(
        0, 1, 3,
        (Cell(0, 0, pane=Pane(PaneKind.KPI, chart_id="no_such_chart")),
         Cell(0, 1, pane=Pane(PaneKind.KPI, chart_id="hotline")),
         Cell(0, 2, pane=Pane(PaneKind.MAP))),
    )  # fmt: skip
    with qtbot.waitExposed(wall.grid):
        wall.grid.show()
    wall.controller.apply_layout(layout)
    unknown = wall.grid.cell_widget(0)
    assert not isinstance(unknown, KpiChartWidget | VideoTileWidget)
    assert "no_such_chart" in unknown.text()  # type: ignore[attr-defined]
    assert len(wall.map.views) == 2
    camera_id = next(iter(wall.controller.cameras))
    wall.controller.show_camera(camera_id, 1)
    assert 1 not in wall.grid.panes
    assert wall.grid.cell_widget(1) is wall.grid.tiles[1]
    qtbot.waitUntil(wall.grid.tiles[1].isVisible)
    assert wall.controller.layout is not None
    assert wall.controller.layout.cells[1].pane == Pane(PaneKind.CAMERA, camera_id)
    # Double-click maximises a tile; the panes hide with the other tiles and come back.
    wall.grid.toggle_maximized(1)
    assert not wall.grid.cell_widget(2).isVisible()
    wall.grid.toggle_maximized(1)
    assert wall.grid.cell_widget(2).isVisible()
    # A new layout drops the old panes (the map view is forgotten once deleted).
    wall.controller.apply_layout(ScreenLayout(0, 1, 1, (Cell(0, 0),)))
    assert wall.grid.panes == {}
    qtbot.waitUntil(lambda: len(wall.map.views) == 1)


def context_menu(tile: VideoTileWidget) -> QMenu:
    """Right-click the tile as the mouse does; returns the menu it opened."""
    at = tile.rect().center()
    QApplication.sendEvent(
        tile, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, tile.mapToGlobal(at))
    )
    menu = tile.context_menu
    assert menu is not None
    return menu


def drop_camera_on_window(grid: WallGridWidget, at: QPoint, camera_id: str) -> bool:
    """Drag a camera from the tree and drop it at ``at`` (grid coordinates), through the
    window as Qt delivers a real drop: to the widget there that takes it."""
    window = grid.window().windowHandle()
    assert window is not None
    pos = QPointF(grid.mapTo(grid.window(), at))
    mime = QMimeData()
    mime.setData(CAMERA_MIME, QByteArray(camera_id.encode()))
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    enter = QDragEnterEvent(
        pos.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    move = QDragMoveEvent(
        pos.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, move)
    if not move.isAccepted():
        return False
    dropped = QDropEvent(
        pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, dropped)
    return dropped.isAccepted()


async def test_the_tile_menu_puts_a_chart_or_the_map_on_a_tile_and_a_drop_brings_video_back(
    wall: Wall, qtbot: QtBot
) -> None:
    cameras = list(wall.controller.cameras)[:3]
    specs = chart_specs()
    # As ConsoleApp._make_wall offers them.
    wall.grid.set_pane_choices([(s.chart_id, s.title) for s in specs], city_map=True)
    with qtbot.waitExposed(wall.grid):
        wall.grid.show()
    wall.controller.apply_layout(grid_layout(1, 3, cameras))
    layouts: list[ScreenLayout] = []
    wall.controller.layout_changed.connect(layouts.append)
    await wall.kpis.start()

    menu = context_menu(wall.grid.tiles[1])
    texts = [a.text() for a in menu.actions()]
    assert "Show KPI chart" in texts
    assert "Show city map" in texts
    charts = next(a.menu() for a in menu.actions() if a.text() == "Show KPI chart")
    assert isinstance(charts, QMenu)
    assert [a.text() for a in charts.actions()] == [s.title for s in specs]
    hotline = next(s for s in specs if s.chart_id == "hotline")
    next(a for a in charts.actions() if a.text() == hotline.title).trigger()
    menu.close()

    shown = wall.grid.cell_widget(1)
    assert isinstance(shown, KpiChartWidget)
    assert shown.spec.chart_id == "hotline"
    qtbot.waitUntil(shown.isVisible)
    assert not wall.grid.tiles[1].isVisible()
    assert wall.controller.players[1] is None, "the tile's video stopped"
    assert wall.controller.layout is not None
    assert wall.controller.layout.cells[1].pane == Pane(PaneKind.KPI, chart_id="hotline")
    assert layouts[-1] == wall.controller.layout, "the edit goes out to be saved"

    menu = context_menu(wall.grid.tiles[2])
    next(a for a in menu.actions() if a.text() == "Show city map").trigger()
    menu.close()
    assert isinstance(wall.grid.cell_widget(2), CityMapWidget)
    assert layouts[-1].cells[2].pane == Pane(PaneKind.MAP)
    assert [c.pane.kind for c in layouts[-1].cells] == [PaneKind.CAMERA, PaneKind.KPI, PaneKind.MAP]
    qtbot.waitUntil(wall.grid.cell_widget(2).isVisible)

    # A camera dragged from the tree onto the chart (over its plot) or the map replaces it.
    for index, camera_id in ((1, cameras[2]), (2, cameras[0])):
        pane = wall.grid.cell_widget(index)
        at = pane.mapTo(wall.grid, pane.rect().center())
        assert drop_camera_on_window(wall.grid, at, camera_id), f"cell {index} took no drop"
        assert index not in wall.grid.panes
        assert wall.grid.cell_widget(index) is wall.grid.tiles[index]
        assert layouts[-1].cells[index].pane == Pane(PaneKind.CAMERA, camera_id)
        assert wall.controller.players[index] is not None


def test_tiles_offer_no_panes_unless_the_wall_has_them(qtbot: QtBot) -> None:
    grid = WallGridWidget()
    qtbot.addWidget(grid)
    grid.set_grid(1, 1, [(0, 0, 1, 1)])
    texts = [a.text() for a in context_menu(grid.tiles[0]).actions()]
    assert "Show KPI chart" not in texts
    assert "Show city map" not in texts
