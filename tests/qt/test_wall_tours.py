"""Tours cycle cameras on a tile; an alarm interrupts and the tour resumes (injected clock)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from console.controllers.wall_controller import TourState, WallController
from layouts import Cell, Pane, PaneKind, ScreenLayout
from streams import VideoEngine
from tests.qt.test_wall_dnd import camera
from widgets.wall_grid import WallGridWidget


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def wall(qtbot: QtBot) -> Iterator[tuple[WallController, Clock]]:
    engine = VideoEngine(vout="dummy")
    grid = WallGridWidget()
    qtbot.addWidget(grid)
    with qtbot.waitExposed(grid):
        grid.show()  # hidden tiles are parked (not decoding): the wall must be on screen
    clock = Clock()
    controller = WallController(grid, engine, clock=clock)
    controller.set_cameras({c.id: c for c in (camera(i) for i in range(1, 7))})
    tour = Pane(PaneKind.TOUR, cameras=("cam-001", "cam-002", "cam-003"), dwell_s=10)
    controller.apply_layout(
        ScreenLayout(
            0, 1, 2, (Cell(0, 0, pane=tour), Cell(0, 1, pane=Pane(PaneKind.CAMERA, "cam-006")))
        )
    )
    yield controller, clock
    controller.close()
    engine.close()


def shown(wall: WallController, index: int) -> str:
    player = wall.players[index]
    assert player is not None
    assert player.spec is not None
    return player.spec.url.rsplit("/", 2)[-2]


def test_tour_cycles_at_its_dwell(wall: tuple[WallController, Clock]) -> None:
    controller, clock = wall
    assert shown(controller, 0) == "cam-001"
    clock.now += 9
    controller._on_timer_timeout()
    assert shown(controller, 0) == "cam-001"
    clock.now += 1.5
    controller._on_timer_timeout()
    assert shown(controller, 0) == "cam-002"
    assert controller.grid.tiles[0].title_label.text() == "Camera 2"
    clock.now += 10.5
    controller._on_timer_timeout()
    clock.now += 10.5
    controller._on_timer_timeout()
    assert shown(controller, 0) == "cam-001", "wraps around"
    assert shown(controller, 1) == "cam-006", "fixed tiles stay"


def test_alarm_interrupts_and_the_tour_resumes(wall: tuple[WallController, Clock]) -> None:
    controller, clock = wall
    clock.now += 10.5
    controller._on_timer_timeout()
    assert shown(controller, 0) == "cam-002"
    assert controller.interrupt("cam-005", hold_s=30) == 0, "the tour tile yields to the alarm"
    assert shown(controller, 0) == "cam-005"
    for _ in range(2):
        clock.now += 12
        controller._on_timer_timeout()
        assert shown(controller, 0) == "cam-005", "held while the alarm lasts"
    clock.now += 7
    controller._on_timer_timeout()
    assert shown(controller, 0) == "cam-002", "resumes where it was"
    clock.now += 10.5
    controller._on_timer_timeout()
    assert shown(controller, 0) == "cam-003"


def test_operator_choice_replaces_the_tour(wall: tuple[WallController, Clock]) -> None:
    controller, clock = wall
    controller.show_camera("cam-004", 0)
    clock.now += 30
    controller._on_timer_timeout()
    assert shown(controller, 0) == "cam-004"
    assert 0 not in controller.tours


def test_alarm_on_a_plain_tile_goes_back_after_the_hold(wall: tuple[WallController, Clock]) -> None:
    controller, clock = wall
    assert controller.interrupt("cam-004", hold_s=20, index=1) == 1
    assert shown(controller, 1) == "cam-004"
    clock.now += 21
    controller._on_timer_timeout()
    assert shown(controller, 1) == "cam-006", "back to the tile's own camera"
    assert 1 not in controller.tours
    assert controller.layout is not None
    assert controller.layout.cells[1].pane.camera_id == "cam-006", "the layout never changed"


def test_the_next_camera_starts_at_most_2_s_and_half_a_dwell_ahead() -> None:
    short = TourState(("cam-a", "cam-b"), 2.0, 100.0)
    assert short.upcoming() == ("cam-b", 100.0, 1.0)
    tour = TourState(("cam-a", "cam-b", "cam-c"), 30.0, 100.0, position=2)
    assert tour.upcoming() == ("cam-a", 100.0, 2.0), "wraps around"
    tour.hold_until, tour.held_camera = 150.0, "cam-x"
    assert tour.upcoming() == ("cam-c", 150.0, 2.0), "after an alarm: the tour's own camera"


def test_a_tile_without_a_picture_changes_in_place(wall: tuple[WallController, Clock]) -> None:
    controller, clock = wall
    clock.now += 9  # inside the prestart lead, but nothing listens: nothing on screen to keep
    controller._on_timer_timeout()
    assert 0 not in controller.pending
    clock.now += 1.5
    controller._on_timer_timeout()
    assert shown(controller, 0) == "cam-002"
    assert controller.shown[0] == "cam-002"
    assert controller.interrupt("cam-005", hold_s=5) == 0
    assert controller.shown[0] == "cam-005", "an alarm on a dead tile shows at once"
    assert 0 not in controller.pending
