"""The incident detail and the field-report inbox: what they show and the intents they emit;
``patch_reflected``, the rule that keeps a replayed change from applying twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.controllers.incident_controller import patch_reflected
from server_client.contract import (
    IncidentPatch,
    IncidentState,
    SopStep,
    TimelineEntry,
    TimelineKind,
)
from tests.qt.test_incident_board import T0, incident
from widgets.field_report_inbox import FieldReportInboxWidget
from widgets.incident_detail import ChecklistStep, IncidentDetailWidget, IncidentView
from widgets.incident_form import UnitChoice
from widgets.preview import make_field_reports

VIEW = IncidentView(
    incident_id=12, title="#12 Ngập", state="resolved", state_label="Resolved",
    checklist=[ChecklistStep("verify", "Verify", True, True, "op · 08:00"),
               ChecklistStep("warn", "Warn residents", True, False)],
    timeline=["08:00 · op · created"], transitions=["closed", "in_progress"],
    units=[UnitChoice("u1", "Police", "police", "Police", "w"),
           UnitChoice("u2", "Fire", "fire", "Fire", "w", busy=True)],
)  # fmt: skip


def test_detail_offers_the_lifecycle_and_emits_intents(qtbot: QtBot) -> None:
    detail = IncidentDetailWidget()
    qtbot.addWidget(detail)
    detail.show_incident(VIEW)
    visible = [s for s, b in detail.buttons.items() if b.isVisibleTo(detail)]
    assert visible == ["closed"]
    assert detail.reopen_button.isVisibleTo(detail)
    with qtbot.waitSignal(detail.transition_requested) as blocker:
        detail.buttons["closed"].click()
    assert blocker.args == [12, "closed", ""]
    # Reopening needs a reason, said clearly.
    with qtbot.assertNotEmitted(detail.transition_requested):
        detail.reopen_button.click()
    assert "reason" in detail.message_label.text()
    detail.reason_edit.setText("người dân báo còn ngập")
    with qtbot.waitSignal(detail.transition_requested) as blocker:
        detail.reopen_button.click()
    assert blocker.args == [12, "in_progress", "người dân báo còn ngập"]
    with qtbot.waitSignal(detail.step_toggled) as blocker:
        detail.checklist.item(1).setCheckState(Qt.CheckState.Checked)
    assert blocker.args == [12, "warn", True]
    assert not detail.units_list.item(1).flags() & Qt.ItemFlag.ItemIsEnabled  # busy
    detail.units_list.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(detail.dispatch_requested) as blocker:
        detail.dispatch_button.click()
    assert blocker.args == [12, ["u1"]]
    detail.note_edit.setText("đã liên hệ tổ dân phố")
    with qtbot.waitSignal(detail.note_requested) as blocker:
        detail.note_button.click()
    assert blocker.args == [12, "đã liên hệ tổ dân phố"]


def test_detail_marks_missing_steps_and_shows_a_conflict(qtbot: QtBot) -> None:
    detail = IncidentDetailWidget()
    qtbot.addWidget(detail)
    detail.show_incident(VIEW)
    detail.show_checklist_blocked("cannot be closed", ["warn"])
    detail.show_incident(VIEW)  # a refresh keeps the marks
    assert detail.checklist.item(1).font().bold()
    assert not detail.checklist.item(0).font().bold()
    assert detail.message_label.text() == "cannot be closed"
    detail.show_conflict("changed by someone", [("State", "New", "Cancelled")])
    assert detail.conflict_frame.isVisibleTo(detail)
    with qtbot.waitSignal(detail.conflict_resolved) as blocker:
        detail.reapply_button.click()
    assert blocker.args == ["reapply"]
    assert not detail.conflict_frame.isVisibleTo(detail)


def test_inbox_intents(qtbot: QtBot) -> None:
    inbox = make_field_reports()
    assert isinstance(inbox, FieldReportInboxWidget)
    qtbot.addWidget(inbox)
    assert inbox.select_id(1)
    with qtbot.waitSignal(inbox.create_incident_requested) as blocker:
        inbox.create_button.click()
    assert blocker.args == [1]
    with qtbot.assertNotEmitted(inbox.link_requested):
        inbox.link_button.click()
    assert "incident" in inbox.message_label.text()
    inbox.incident_spin.setValue(7)
    with qtbot.waitSignal(inbox.link_requested) as blocker:
        inbox.link_button.click()
    assert blocker.args == [1, 7]
    inbox.reply_status.setCurrentIndex(1)
    inbox.reply_edit.setText("Đang xử lý")
    with qtbot.waitSignal(inbox.reply_requested) as blocker:
        inbox.reply_button.click()
    assert blocker.args == [1, "in_progress", "Đang xử lý"]


def test_patch_reflected_tells_a_lost_answer_from_a_conflict() -> None:
    base = incident(5, state=IncidentState.RESOLVED)
    since = T0 + timedelta(minutes=5)
    note = TimelineEntry(at=since, actor="operator", kind=TimelineKind.NOTE, text="xong")
    steps = [SopStep(id="verify", label="v", done=True), SopStep(id="warn", label="w")]
    current = base.model_copy(update={"timeline": [note], "checklist": steps, "unit_ids": ["u1"]})
    assert patch_reflected(IncidentPatch(state=IncidentState.RESOLVED), current, "operator", since)
    assert not patch_reflected(
        IncidentPatch(state=IncidentState.CLOSED), current, "operator", since
    )
    assert patch_reflected(IncidentPatch(note="xong"), current, "operator", since)
    assert not patch_reflected(IncidentPatch(note="xong"), current, "admin", since)
    later = datetime(2025, 3, 2, tzinfo=UTC)
    assert not patch_reflected(IncidentPatch(note="xong"), current, "operator", later)
    assert patch_reflected(IncidentPatch(checklist_done=["verify"]), current, "operator", since)
    assert not patch_reflected(IncidentPatch(checklist_done=["warn"]), current, "operator", since)
    assert patch_reflected(IncidentPatch(dispatch_unit_ids=["u1"]), current, "operator", since)
    assert not patch_reflected(IncidentPatch(dispatch_unit_ids=["u2"]), current, "operator", since)
