"""The incident board: SLA clocks on a fake clock, overdue first, filters, the commander's view."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from console.models.incident_board_model import IncidentBoardModel, sla_clock
from server_client.contract import Incident, IncidentCategory, IncidentState, ProcessGroup, Severity
from widgets.incident_board import (
    SLA_LEVEL_ROLE,
    SLA_TEXT_ROLE,
    IncidentBoardWidget,
)

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


def incident(
    id_: int,
    *,
    sla_min: int = 100,
    state: IncidentState = IncidentState.NEW,
    created: datetime = T0,
    ward: str = "phu-xuan",
    group: ProcessGroup = ProcessGroup.IMMEDIATE,
    units: tuple[str, ...] = (),
    version: int = 1,
    resolved: datetime | None = None,
) -> Incident:
    return Incident(
        id=id_, version=version, title=f"Incident {id_}", category=IncidentCategory.FLOODING,
        process_group=group, priority=Severity.HIGH, state=state, ward_id=ward,
        created_at=created, updated_at=created, created_by="operator",
        due_at=created + timedelta(minutes=sla_min), unit_ids=list(units), resolved_at=resolved,
    )  # fmt: skip


def level(model: IncidentBoardModel, row: int = 0) -> tuple[str, str]:
    index = model.index(row, 0)
    return index.data(SLA_LEVEL_ROLE), index.data(SLA_TEXT_ROLE)


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = IncidentBoardModel(FakeClock(T0))
    model.apply([incident(1), incident(2, state=IncidentState.CLOSED)])
    model.add_pending("k", incident(-1))
    qtmodeltester.check(model)


def test_sla_turns_amber_red_and_overdue_at_the_right_moments() -> None:
    clock = FakeClock(T0)
    model = IncidentBoardModel(clock)
    model.apply([incident(1, sla_min=100)])
    assert level(model) == ("ok", "1 h 40 min left")
    clock.advance(minutes=74, seconds=59)  # 25 min 01 s left: still green
    assert model.tick() == 1  # the text moved on
    assert level(model)[0] == "ok"
    clock.advance(seconds=1)  # exactly a quarter of the window left
    model.tick()
    assert level(model) == ("warning", "25 min left")
    clock.advance(minutes=15)  # a tenth left
    model.tick()
    assert level(model) == ("critical", "10 min left")
    clock.advance(minutes=10)  # due now: not yet overdue
    model.tick()
    assert level(model) == ("critical", "<1 min left")
    clock.advance(seconds=1)
    model.tick()
    assert level(model) == ("overdue", "overdue <1 min")
    clock.advance(minutes=90)
    model.tick()
    assert level(model) == ("overdue", "overdue 1 h 30 min")
    assert model.tick() == 0  # nothing changed, nothing reported


def test_closed_incidents_show_whether_the_sla_was_met() -> None:
    met = incident(1, state=IncidentState.CLOSED, resolved=T0 + timedelta(minutes=50))
    missed = incident(2, state=IncidentState.RESOLVED, resolved=T0 + timedelta(minutes=150))
    now = T0 + timedelta(days=1)
    assert sla_clock(met, now).level == "met"
    assert sla_clock(missed, now).level == "missed"
    assert sla_clock(incident(3, state=IncidentState.CANCELLED), now).level == "none"


def test_board_puts_overdue_first_and_filters(qtbot: QtBot) -> None:
    clock = FakeClock(T0 + timedelta(minutes=30))
    model = IncidentBoardModel(clock)
    model.apply(
        [
            incident(1, sla_min=600),
            incident(2, sla_min=20),  # overdue
            incident(3, sla_min=60, ward="thuan-hoa"),
            incident(4, sla_min=45, state=IncidentState.DISPATCHED, units=("u1",)),
            incident(5, group=ProcessGroup.COMMAND_SUPPORT, sla_min=10_000),
            incident(6, state=IncidentState.CLOSED),
        ]
    )
    board = IncidentBoardWidget()
    qtbot.addWidget(board)
    board.set_model(model)
    board.set_filter_choices("ward", [("phu-xuan", "Phú Xuân"), ("thuan-hoa", "Thuận Hóa")])
    board.set_filter_choices(
        "group", [("immediate", "Immediate"), ("command_support", "Command support")]
    )
    board.set_filter_choices("unit", [("u1", "Police")])
    assert board.cards(0) == [2, 3, 1, 5]
    assert board.cards(1) == [4]
    assert board.cards(4) == [6]
    assert board.headers[0].text().endswith("(4)")
    # A new incident due in a minute goes right after the overdue one; colours follow the clock.
    model.apply([incident(7, sla_min=31)])
    assert board.cards(0) == [2, 7, 3, 1, 5]
    clock.advance(minutes=2)
    model.tick()
    assert [level(model, r)[0] for r in range(model.rowCount())] == [
        "ok", "overdue", "ok", "ok", "ok", "missed", "overdue",
    ]  # fmt: skip
    board.ward_combo.setCurrentIndex(board.ward_combo.findData("thuan-hoa"))
    assert board.cards(0) == [3]
    board.ward_combo.setCurrentIndex(0)
    board.unit_combo.setCurrentIndex(board.unit_combo.findData("u1"))
    assert [board.cards(c) for c in range(5)] == [[], [4], [], [], []]
    board.unit_combo.setCurrentIndex(0)
    board.set_commander_view(True)
    assert board.group_combo.currentData() == "command_support"
    assert board.cards(0) == [5]
    board.set_commander_view(False)
    assert len(board.cards(0)) == 5
    with qtbot.waitSignal(board.incident_activated) as blocker:
        view = board.views[1]
        rect = view.visualRect(view.model().index(0, 0))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [4]
