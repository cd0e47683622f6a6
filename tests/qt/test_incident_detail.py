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


def test_detail_edits_send_only_what_changed_and_show_attachments(qtbot: QtBot) -> None:
    from dataclasses import replace

    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    detail = IncidentDetailWidget()
    qtbot.addWidget(detail)
    detail.set_priority_choices([("critical", "Critical"), ("high", "High"), ("medium", "Medium")])
    view = replace(
        VIEW, state="in_progress", transitions=["resolved"], raw_title="Ngập", priority="high",
        address="12 Lê Lợi", description="Nước ngập 30 cm",
        attachments=[("a" * 64, "Ảnh cảnh báo #3", "tip"), ("b" * 64, "", "tip")],
    )  # fmt: skip
    detail.show_incident(view)
    assert detail.attachments_list.count() == 2
    assert detail.attachments_list.item(1).text() == "b" * 12
    assert detail.attachments_list.item(0).icon().isNull()
    image = QImage(64, 36, QImage.Format.Format_RGB32)
    image.fill(QColor("#2e86c1"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    assert detail.set_attachment_image("a" * 64, bytes(data.data()))
    assert not detail.set_attachment_image("b" * 64, b"not an image")
    assert not detail.attachments_list.item(0).icon().isNull()
    assert detail.attachments_list.item(1).icon().isNull()

    detail.edit_button.click()
    assert detail.edit_frame.isVisibleTo(detail)
    assert detail.edit_title.text() == "Ngập"
    assert detail.edit_priority.currentData() == "high"
    assert detail.edit_address.text() == "12 Lê Lợi"
    # Nothing changed: nothing sent.
    with qtbot.assertNotEmitted(detail.edit_requested):
        detail.save_edit_button.click()
    detail.edit_button.click()
    detail.edit_priority.setCurrentIndex(detail.edit_priority.findData("critical"))
    detail.edit_address.setText("  14 Lê Lợi ")
    with qtbot.waitSignal(detail.edit_requested) as blocker:
        detail.save_edit_button.click()
    assert blocker.args == [12, {"priority": "critical", "address": "14 Lê Lợi"}]
    assert not detail.edit_frame.isVisibleTo(detail)
    # An empty title is refused with a message, not sent.
    detail.edit_button.click()
    detail.edit_title.setText("  ")
    with qtbot.assertNotEmitted(detail.edit_requested):
        detail.save_edit_button.click()
    assert detail.message_label.text()
    # A closed incident cannot be edited.
    detail.show_incident(replace(view, state="closed", final=True, transitions=[]))
    assert not detail.edit_button.isEnabled()


def test_patch_reflected_knows_the_address() -> None:
    inc = incident(5).model_copy(update={"address": "14 Lê Lợi"})
    since = datetime.now(UTC)
    assert patch_reflected(IncidentPatch(address="14 Lê Lợi"), inc, "op", since)
    assert not patch_reflected(IncidentPatch(address="16 Lê Lợi"), inc, "op", since)
