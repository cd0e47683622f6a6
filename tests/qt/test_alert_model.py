from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from console.models.alert_table_model import AlertTableModel
from server_client.contract import Alert, AlertState, AlertType, Camera, Severity
from widgets.alert_table import AlertTableWidget
from widgets.roles import ALERT_ID_ROLE, CAMERA_ID_ROLE


def alert(i: int, **kw: object) -> Alert:
    base: dict[str, object] = {
        "id": i,
        "camera_id": f"cam-{i % 3:03d}",
        "ward_id": "w",
        "type": AlertType.WRONG_WAY,
        "severity": Severity.HIGH,
        "created_at": datetime(2026, 11, 23, 1, 0, i % 60, tzinfo=UTC),
        "confidence": 0.9,
    }
    base.update(kw)
    return Alert.model_validate(base)


CAM = Camera(id="cam-001", name="Cầu Trường Tiền", ward_id="w", ward_name="Phú Xuân", lat=16.4, lon=107.5, main_url="rtsp://x/main", sub_url="rtsp://x/sub")


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = AlertTableModel()
    model.apply([alert(i) for i in range(1, 30)])
    qtmodeltester.check(model)
    model.apply([alert(i) for i in range(30, 40)] + [alert(3, state=AlertState.ACKNOWLEDGED)])
    qtmodeltester.check(model)


def test_batches_insert_newest_first_and_update_in_place(qtbot: QtBot) -> None:
    model = AlertTableModel()
    model.set_cameras({CAM.id: CAM})
    inserts: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserts.append((first, last)))
    model.apply([alert(1), alert(2)])
    model.apply([alert(4), alert(3), alert(4)])
    assert inserts == [(0, 1), (0, 1)], "one insert per batch, duplicates folded"
    assert [model.index(r, 0).data(ALERT_ID_ROLE) for r in range(4)] == [4, 3, 2, 1]
    with qtbot.waitSignal(model.dataChanged):
        model.apply([alert(1, state=AlertState.ACKNOWLEDGED, owner="operator")])
    assert len(model) == 4
    row = 3
    assert model.index(row, 5).data() == "Acknowledged"
    assert model.index(row, 6).data() == "operator"
    assert model.index(row, 3).data() == "Cầu Trường Tiền"
    assert model.index(row, 4).data() == "Phú Xuân"
    assert model.index(row, 0).data(CAMERA_ID_ROLE) == "cam-001"


def test_table_emits_intents(qtbot: QtBot) -> None:
    model = AlertTableModel()
    model.apply([alert(i) for i in range(1, 6)])
    table = AlertTableWidget()
    qtbot.addWidget(table)
    table.set_model(model)
    table.show()
    assert table.proxy.rowCount() == 5
    index = table.proxy.index(0, 2)
    with qtbot.waitSignal(table.alert_activated) as blocker:
        table.view.clicked.emit(index)
    assert blocker.args == [5]
    table.view.selectRow(1)
    with qtbot.waitSignal(table.acknowledge_requested) as blocker:
        table.ack_button.click()
    assert blocker.args == [[4]]
    table.filter_edit.setText("cam-002")
    assert table.proxy.rowCount() == 2  # unknown cameras show their id: alerts 2 and 5
    table.filter_edit.setText("wrong-way")
    assert table.proxy.rowCount() == 5
    assert table.view.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
