"""The alert table widget: typed filters, intents, shortcuts, a viewport that stays put."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.models.alert_table_model import AlertTableModel
from server_client.contract import AlertState, AlertType, Severity
from tests.qt.test_alert_model import T0, alert
from widgets.alert_table import AlertFilters, AlertTableWidget, _predicate, accepted_mask
from widgets.roles import ALERT_ID_ROLE, SEVERITY_ROLE, STATE_ROLE, TYPE_ROLE, WARD_ROLE


def make_table(qtbot: QtBot, model: AlertTableModel) -> AlertTableWidget:
    table = AlertTableWidget()
    qtbot.addWidget(table)
    table.set_model(model)
    table.resize(900, 500)
    with qtbot.waitExposed(table):
        table.show()
    return table


def activate(qtbot: QtBot, table: AlertTableWidget) -> None:
    """Shortcuts fire in the active window only (a real X server needs the focus)."""
    with qtbot.waitActive(table):
        table.activateWindow()


def shown_ids(table: AlertTableWidget) -> list[int]:
    p = table.proxy
    return [int(p.index(r, 0).data(ALERT_ID_ROLE)) for r in range(p.rowCount())]


def test_table_emits_intents(qtbot: QtBot) -> None:
    model = AlertTableModel(grouping=False)
    model.apply([alert(i) for i in range(1, 6)])
    table = make_table(qtbot, model)
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
    qtbot.waitUntil(lambda: table.proxy.rowCount() == 2)  # unknown cameras show their id: 2, 5
    table.filter_edit.setText("wrong-way")
    qtbot.waitUntil(lambda: table.proxy.rowCount() == 5)
    assert table.view.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_shortcuts_for_each_action(qtbot: QtBot) -> None:
    model = AlertTableModel(grouping=False)
    model.apply([alert(i) for i in range(1, 6)])
    table = make_table(qtbot, model)
    activate(qtbot, table)
    table.view.setFocus()
    table.view.selectRow(0)
    table.view.selectionModel().select(
        table.proxy.index(2, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    with qtbot.waitSignal(table.acknowledge_requested) as ack:
        qtbot.keyClick(table.view, Qt.Key.Key_A)
    assert ack.args == [[5, 3]]
    escalated: list[int] = []
    table.escalate_requested.connect(escalated.append)
    qtbot.keyClick(table.view, Qt.Key.Key_E)
    assert escalated == [5, 3], "one intent per selected row"
    qtbot.keyClick(table.view, Qt.Key.Key_D)
    qtbot.waitUntil(table.dismiss_menu.isVisible)
    false_positive = next(a for a in table.dismiss_menu.actions() if a.data() == "false_positive")
    with qtbot.waitSignal(table.dismiss_requested) as dismiss:
        false_positive.trigger()
    assert dismiss.args == [[5, 3], "false_positive"]
    table.dismiss_menu.hide()
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_F)
    qtbot.waitUntil(table.filter_edit.hasFocus)
    # Typing in the filter types text; it does not acknowledge.
    acks: list[object] = []
    table.acknowledge_requested.connect(acks.append)
    qtbot.keyClicks(table.filter_edit, "a")
    assert table.filter_edit.text() == "a"
    assert acks == []


def test_a_grouped_row_acts_on_all_its_alerts(qtbot: QtBot) -> None:
    model = AlertTableModel(grouping=True)
    model.apply([alert(1), alert(4), alert(7), alert(2)])
    table = make_table(qtbot, model)
    row = shown_ids(table).index(7)
    table.view.selectRow(row)
    with qtbot.waitSignal(table.acknowledge_requested) as ack:
        table.request_acknowledge()
    assert ack.args == [[1, 4, 7]]
    with qtbot.waitSignal(table.escalate_requested) as esc:
        table.request_escalate()
    assert esc.args == [7], "escalation names the row's newest alert"
    with qtbot.waitSignal(table.dismiss_requested) as dismiss:
        table.dismiss_selected("duplicate")
    assert dismiss.args == [[1, 4, 7], "duplicate"]


def test_typed_filters(qtbot: QtBot) -> None:
    model = AlertTableModel(grouping=False)
    model.apply(
        [
            alert(
                1,
                type=AlertType.SPEEDING,
                severity=Severity.LOW,
                ward_id="a",
                attributes={"plate": "75A-123.45"},
            ),
            alert(2, type=AlertType.SPEEDING, severity=Severity.CRITICAL, ward_id="b"),
            alert(3, type=AlertType.FLOODING, severity=Severity.CRITICAL, ward_id="a"),
            alert(4, type=AlertType.FLOODING, severity=Severity.HIGH, ward_id="b"),
        ]
    )
    model.apply(
        [
            alert(
                4,
                type=AlertType.FLOODING,
                severity=Severity.HIGH,
                ward_id="b",
                state=AlertState.ACKNOWLEDGED,
            )
        ]
    )
    table = make_table(qtbot, model)
    table.set_filter_choices("type", [("speeding", "Speeding"), ("flooding", "Flooding")])
    table.set_filter_choices("severity", [("critical", "Critical"), ("high", "High")])
    table.set_filter_choices("ward", [("a", "Ward A"), ("b", "Ward B")])
    table.set_filter_choices("state", [("new", "New"), ("acknowledged", "Acknowledged")])
    table.type_combo.setCurrentIndex(table.type_combo.findData("flooding"))
    assert sorted(shown_ids(table)) == [3, 4]
    table.ward_combo.setCurrentIndex(table.ward_combo.findData("b"))
    assert shown_ids(table) == [4]
    table.state_combo.setCurrentIndex(table.state_combo.findData("new"))
    assert shown_ids(table) == []
    for combo in (table.type_combo, table.ward_combo, table.state_combo):
        combo.setCurrentIndex(0)
    table.severity_combo.setCurrentIndex(table.severity_combo.findData("critical"))
    assert sorted(shown_ids(table)) == [2, 3]
    table.severity_combo.setCurrentIndex(0)
    table.filter_edit.setText("75a-123")
    table.apply_filters()
    assert shown_ids(table) == [1], "free text finds a plate"
    table.filter_edit.setText("speeding ward")
    table.apply_filters()
    assert shown_ids(table) == [], "every word must match (wards here show their id)"
    table.filter_edit.setText("speeding cam-002")
    table.apply_filters()
    assert shown_ids(table) == [2]
    # A state change of a filtered row re-filters only that row.
    table.filter_edit.setText("")
    table.state_combo.setCurrentIndex(table.state_combo.findData("new"))
    assert sorted(shown_ids(table)) == [1, 2, 3]
    model.apply(
        [
            alert(
                3,
                type=AlertType.FLOODING,
                severity=Severity.CRITICAL,
                ward_id="a",
                state=AlertState.ACKNOWLEDGED,
            )
        ]
    )
    assert sorted(shown_ids(table)) == [1, 2]


def test_filter_proxy_works_on_plain_models_through_roles(qtbot: QtBot) -> None:
    model = QStandardItemModel(0, 2)
    for i, (type_, severity) in enumerate([("speeding", "high"), ("flooding", "critical")]):
        items = [QStandardItem(type_.title()), QStandardItem(f"camera {i}")]
        items[0].setData(i + 1, ALERT_ID_ROLE)
        items[0].setData(type_, TYPE_ROLE)
        items[0].setData(severity, SEVERITY_ROLE)
        items[0].setData("w", WARD_ROLE)
        items[0].setData("new", STATE_ROLE)
        model.appendRow(items)
    table = AlertTableWidget()
    qtbot.addWidget(table)
    table.set_model(model)
    table.proxy.set_filters(AlertFilters(severities=frozenset({"critical"})))
    assert shown_ids(table) == [2]
    table.proxy.set_filters(AlertFilters(text="CAMERA 0"))
    assert shown_ids(table) == [1]


def test_new_alerts_do_not_move_what_the_operator_reads(qtbot: QtBot) -> None:
    model = AlertTableModel(grouping=False)
    model.apply([alert(i, created_at=T0 + timedelta(seconds=i)) for i in range(1, 401)])
    table = make_table(qtbot, model)
    view = table.view

    def top_id() -> int:
        return int(table.proxy.index(view.rowAt(0), 0).data(ALERT_ID_ROLE))

    # At the top with nothing selected: the newest alerts show.
    assert top_id() == 400
    model.apply([alert(i) for i in range(401, 411)])
    QApplication.processEvents()
    assert top_id() == 410
    # Scrolled down: the same alert stays at the top of the viewport.
    view.scrollTo(table.proxy.index(100, 0), view.ScrollHint.PositionAtTop)
    QApplication.processEvents()
    reading = top_id()
    model.apply([alert(i) for i in range(411, 461)])
    QApplication.processEvents()
    assert top_id() == reading
    # At the top with a selection: the selected row stays where it is.
    view.scrollToTop()
    view.selectRow(3)
    QApplication.processEvents()
    selected = int(table.selected_alert_ids()[0])
    y = view.visualRect(table.proxy.index(3, 0)).y()
    model.apply([alert(i) for i in range(461, 471)])
    QApplication.processEvents()
    row = shown_ids(table).index(selected)
    assert view.visualRect(table.proxy.index(row, 0)).y() == y


def test_current_row_drives_the_detail_intent(qtbot: QtBot) -> None:
    model = AlertTableModel(grouping=False)
    model.apply([alert(i) for i in range(1, 4)])
    table = make_table(qtbot, model)
    with qtbot.waitSignal(table.current_alert_changed) as blocker:
        table.view.setCurrentIndex(table.proxy.index(1, 0))
    assert blocker.args == [2]


def test_a_new_filter_in_one_pass_agrees_with_the_row_predicate(qtbot: QtBot) -> None:
    types = [AlertType.SPEEDING, AlertType.FLOODING, AlertType.RED_LIGHT]
    severities = [Severity.LOW, Severity.HIGH, Severity.CRITICAL]
    model = AlertTableModel(grouping=False, flash_critical=False)
    model.apply(
        [
            alert(
                i,
                type=types[i % 3],
                severity=severities[(i // 3) % 3],
                ward_id="ab"[i % 2],
                camera_id=f"cam-{i % 7:03d}",
                attributes={"plate": f"75A-{i:03d}.45"},
            )
            for i in range(1, 301)
        ]
    )
    combos = [
        AlertFilters(types=frozenset({"speeding"})),
        AlertFilters(severities=frozenset({"critical", "low"}), wards=frozenset({"a"})),
        AlertFilters(states=frozenset({"new"}), text="cam-003"),
        AlertFilters(text="75a-1 speeding"),
        AlertFilters(types=frozenset({"flooding"}), text="cam-00"),
        AlertFilters(text="no such thing"),
    ]
    for f in combos:
        mask = accepted_mask(f, model.filter_records())
        predicate = _predicate(f)
        assert predicate is not None
        assert mask == [predicate(r) for r in model.filter_records()], f
        assert any(mask) or f.text == "no such thing"

    table = make_table(qtbot, model)
    table.proxy.set_filters(AlertFilters(types=frozenset({"speeding"}), text="cam-003"))
    expected = [i for i in range(300, 0, -1) if i % 3 == 0 and i % 7 == 3]
    assert shown_ids(table) == expected
    # Rows arriving after the filter shift every source row: each is tested on its own.
    model.apply(
        [
            alert(301, type=AlertType.SPEEDING, camera_id="cam-003"),
            alert(302, type=AlertType.FLOODING, camera_id="cam-003"),
        ]
    )
    assert shown_ids(table) == [301, *expected]
