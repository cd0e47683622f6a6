from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from console.models.alert_table_model import AlertTableModel
from server_client.contract import Alert, AlertState, AlertType, Camera, Severity
from widgets.roles import ALERT_ID_ROLE, ALERT_IDS_ROLE, CAMERA_ID_ROLE, PENDING_ROLE, STATE_ROLE

T0 = datetime(2026, 11, 23, 1, 0, 0, tzinfo=UTC)


def alert(i: int, **kw: object) -> Alert:
    base: dict[str, object] = {
        "id": i,
        "camera_id": f"cam-{i % 3:03d}",
        "ward_id": "w",
        "type": AlertType.WRONG_WAY,
        "severity": Severity.HIGH,
        "created_at": T0 + timedelta(seconds=i % 60),
        "confidence": 0.9,
    }
    base.update(kw)
    return Alert.model_validate(base)


CAM = Camera(
    id="cam-001",
    name="Cầu Trường Tiền",
    ward_id="w",
    ward_name="Phú Xuân",
    lat=16.4,
    lon=107.5,
    main_url="rtsp://x/main",
    sub_url="rtsp://x/sub",
)


def ids(model: AlertTableModel) -> list[int]:
    return [model.index(r, 0).data(ALERT_ID_ROLE) for r in range(model.rowCount())]


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = AlertTableModel(grouping=False)
    model.apply([alert(i) for i in range(1, 30)])
    qtmodeltester.check(model)
    model.apply([alert(i) for i in range(30, 40)] + [alert(3, state=AlertState.ACKNOWLEDGED)])
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.apply(
        [alert(i, severity=Severity.CRITICAL if i % 2 else Severity.LOW) for i in range(40, 50)]
    )
    qtmodeltester.check(model)


def test_grouped_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = AlertTableModel(grouping=True)
    model.apply([alert(i) for i in range(1, 30)])
    qtmodeltester.check(model)
    model.apply([alert(i, type=AlertType.SPEEDING) for i in range(30, 40)])
    model.sort(3, Qt.SortOrder.AscendingOrder)
    model.apply([alert(i, created_at=T0 + timedelta(hours=1)) for i in range(40, 45)])
    qtmodeltester.check(model)


def test_batches_insert_newest_first_and_update_in_place(qtbot: QtBot) -> None:
    model = AlertTableModel(grouping=False)
    model.set_cameras({CAM.id: CAM})
    inserts: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserts.append((first, last)))
    model.apply([alert(1), alert(2)])
    model.apply([alert(4), alert(3), alert(4)])
    assert inserts == [(0, 1), (0, 1)], "one insert per batch, duplicates folded"
    assert ids(model) == [4, 3, 2, 1]
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _r=None: changed.append((a.row(), b.row())))
    model.apply([alert(1, state=AlertState.ACKNOWLEDGED, owner="operator")])
    assert changed == [(3, 3)], "only the changed row"
    assert len(model) == 4
    row = 3
    assert model.index(row, 5).data() == "Acknowledged"
    assert model.index(row, 6).data() == "operator"
    assert model.index(row, 3).data() == "Cầu Trường Tiền"
    assert model.index(row, 4).data() == "Phú Xuân"
    assert model.index(row, 0).data(CAMERA_ID_ROLE) == "cam-001"


def test_updates_of_distant_rows_emit_one_signal_per_row() -> None:
    model = AlertTableModel(grouping=False)
    model.apply([alert(i) for i in range(1, 101)])
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _r=None: changed.append((a.row(), b.row())))
    model.apply(
        [alert(100, state=AlertState.ACKNOWLEDGED), alert(1, state=AlertState.ACKNOWLEDGED)]
    )
    assert changed == [(0, 0), (99, 99)], "never one range spanning the table"


def test_repeats_of_one_type_on_one_camera_fold_into_a_row_with_a_count() -> None:
    model = AlertTableModel(grouping=True, group_window_s=60)
    # Same camera (i % 3 == 1) and type, 3 s apart: one row.
    model.apply([alert(1), alert(4)])
    model.apply([alert(7)])
    assert len(model) == 1
    assert model.alert_count() == 3
    assert model.index(0, 7).data() == "3"
    assert model.index(0, 0).data(ALERT_IDS_ROLE) == [1, 4, 7]
    assert model.index(0, 0).data(ALERT_ID_ROLE) == 7, "the newest alert represents the row"
    # Another type on the same camera, or the same type outside the window: a row of its own.
    model.apply(
        [alert(10, type=AlertType.SPEEDING), alert(13, created_at=T0 + timedelta(minutes=5))]
    )
    assert len(model) == 3
    # Acknowledging some of a group keeps it new; all of it makes it acknowledged.
    model.apply([alert(1, state=AlertState.ACKNOWLEDGED), alert(4, state=AlertState.ACKNOWLEDGED)])
    row = ids(model).index(7)
    assert model.index(row, 0).data(STATE_ROLE) == "new"
    model.apply([alert(7, state=AlertState.ACKNOWLEDGED)])
    assert model.index(row, 0).data(STATE_ROLE) == "acknowledged"
    assert model.members(4) == [1, 4, 7]


def test_grouping_is_an_option() -> None:
    model = AlertTableModel(grouping=False)
    model.apply([alert(1), alert(4), alert(7)])
    assert len(model) == 3


def test_sorted_by_severity_new_rows_land_in_their_band_and_selection_follows() -> None:
    model = AlertTableModel(grouping=False)
    model.apply(
        [
            alert(i, severity=[Severity.LOW, Severity.HIGH, Severity.CRITICAL][i % 3])
            for i in range(1, 10)
        ]
    )
    model.sort(1, Qt.SortOrder.DescendingOrder)
    held = QPersistentModelIndex(model.index(4, 0))
    held_id = held.data(ALERT_ID_ROLE)
    model.apply([alert(20, severity=Severity.CRITICAL), alert(21, severity=Severity.LOW)])
    order = ids(model)
    severities = [model.alert(i).severity for i in order]  # type: ignore[union-attr]
    assert severities == sorted(
        severities, key=lambda s: ["low", "medium", "high", "critical"].index(s), reverse=True
    )
    assert order[0] == 20, "newest first within a band"
    first_low = severities.index(Severity.LOW)
    assert order[first_low] == 21, "the newest low alert heads the low band"
    assert held.data(ALERT_ID_ROLE) == held_id, "persistent indexes follow their rows"
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert ids(model) == sorted(order, reverse=True)


def test_pending_actions_show_until_the_backend_confirms() -> None:
    model = AlertTableModel(grouping=False)
    model.apply([alert(1), alert(2)])
    model.set_pending([1], "acknowledge")
    row = ids(model).index(1)
    assert model.index(row, 5).data() == "Acknowledged (pending)"
    assert model.index(row, 0).data(PENDING_ROLE) == "acknowledge"
    model.apply([alert(1, state=AlertState.ACKNOWLEDGED, owner="operator")])
    assert model.index(row, 5).data() == "Acknowledged"
    assert model.index(row, 0).data(PENDING_ROLE) is None
    assert model.pending_action(1) is None


def test_false_positive_rate_per_type() -> None:
    model = AlertTableModel(grouping=False)
    model.apply([alert(i) for i in range(1, 5)] + [alert(5, type=AlertType.SPEEDING)])
    model.apply(
        [
            alert(1, state=AlertState.DISMISSED, reason="false_positive"),
            alert(2, state=AlertState.DISMISSED, reason="duplicate"),
            alert(3, state=AlertState.ACKNOWLEDGED),
            alert(5, type=AlertType.SPEEDING, state=AlertState.DISMISSED, reason="false_positive"),
        ]
    )
    assert model.false_positive_rates() == {"wrong_way": (1, 3), "speeding": (1, 1)}


def test_history_records_state_changes() -> None:
    model = AlertTableModel(grouping=False)
    model.apply([alert(1)])
    model.apply([alert(1, state=AlertState.ACKNOWLEDGED, owner="op")])
    model.apply([alert(1, state=AlertState.DISMISSED, owner="op", reason="false_positive")])
    states = [h[1] for h in model.history(1)]
    assert states == ["new", "acknowledged", "dismissed"]
    assert model.history(1)[2][3] == "false_positive"


def test_critical_rows_flash_on_one_timer_until_acknowledged(qtbot: QtBot) -> None:
    model = AlertTableModel(grouping=False)
    model.apply([alert(1), alert(2, severity=Severity.CRITICAL)])
    assert model.is_flashing(2)
    assert not model.is_flashing(1)
    row = ids(model).index(2)
    colours = set()
    for _ in range(3):
        with qtbot.waitSignal(model.dataChanged, timeout=2000):
            pass
        colours.add(model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None)
    assert colours == {True, False}, "the row blinks"
    model.apply([alert(2, severity=Severity.CRITICAL, state=AlertState.ACKNOWLEDGED)])
    qtbot.waitUntil(lambda: not model.is_flashing(2), timeout=2000)
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.rowCount(QModelIndex()) == 2
