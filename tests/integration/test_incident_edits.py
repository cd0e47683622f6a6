"""Incident address, attachments and edits from the detail, against the real backend:

- the form sends the address, the alert's snapshot (named by the alert) and a local image
  (uploaded, named by its SHA-256); the detail shows both as thumbnails;
- title / priority / description / address edited in the detail go with If-Match: a stale
  edit shows the conflict beside the server's version and merges on request;
- an edit and a reply to the citizen made while the backend is down wait in the outbox, shown
  as pending, and apply exactly once when it is back.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from console.demo import BackendProcess
from server_client.contract import (
    Alert,
    FieldReportPatch,
    FieldReportStatus,
    IncidentPatch,
    Severity,
)
from tests.integration.test_incidents import QUIET, desk, free_port, run, wait_until
from widgets.incident_form import IncidentDraft

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def edits_backend(tmp_path_factory: pytest.TempPathFactory) -> BackendProcess:  # type: ignore[misc]
    proc = BackendProcess(tmp_path_factory.mktemp("backend"), extra=QUIET)
    proc.start(timeout=60)
    yield proc  # type: ignore[misc]
    proc.stop()


def picture(fmt: str, colour: str) -> bytes:
    image = QImage(320, 180, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt)
    return bytes(data.data())


def facts_of(detail: object) -> dict[str, str]:
    form = detail.facts  # type: ignore[attr-defined]
    out: dict[str, str] = {}
    for row in range(form.rowCount()):
        label = form.itemAt(row, form.ItemRole.LabelRole)
        field = form.itemAt(row, form.ItemRole.FieldRole)
        if label is not None and field is not None:
            out[label.widget().text()] = field.widget().text()
    return out


def test_attachments_address_and_a_stale_edit_that_merges(
    edits_backend: BackendProcess, tmp_path: Path, qapp: QApplication
) -> None:
    assert edits_backend.url is not None
    url = edits_backend.url
    snapshot = picture("JPG", "#2e86c1")
    photo = tmp_path / "hien-truong.png"
    photo.write_bytes(picture("PNG", "#c0392b"))

    async def scenario() -> None:
        async with desk(url, tmp_path) as d:
            c = d.controller
            raw = await d.admin._call_json(
                "POST", "/sim/alerts", json={"type": "flooding", "severity": "high",
                                             "snapshot": False, "camera_id": None},
            )  # fmt: skip
            alert_id = int(raw["id"])
            # The snapshot the grabber would have left for this alert.
            rel = f"test/alert-{alert_id}.jpg"
            (edits_backend.data_dir / "snapshots" / "test").mkdir(parents=True, exist_ok=True)
            (edits_backend.data_dir / "snapshots" / rel).write_bytes(snapshot)
            with sqlite3.connect(edits_backend.data_dir / "ioc.db") as db:
                db.execute("UPDATE alerts SET snapshot_path = ? WHERE id = ?", (rel, alert_id))
            alert = Alert.model_validate(await d.admin._call_json("GET", f"/alerts/{alert_id}"))
            assert alert.snapshot_url

            dialog = await c.open_form_from_alert(alert)
            await c.wait_idle()
            form = dialog.form
            assert form.attachment_keys() == [f"alert:{alert_id}"]
            assert not form.attachments_list.item(0).icon().isNull(), "the snapshot's thumbnail"
            form.address_edit.setText("12 Lê Lợi, phường Thuận Hóa")
            assert form.add_attachment("Ảnh hiện trường", str(photo))
            assert form.attachments_list.count() == 2
            created: list[int] = []
            c.incident_created.connect(created.append)
            form.submit_button.click()
            await wait_until(lambda: bool(created), 10, "the incident")
            await c.wait_idle()
            incident_id = created[0]
            incident = await d.operator.incident(incident_id)
            assert incident.address == "12 Lê Lợi, phường Thuận Hóa"
            assert "Lê Lợi" not in incident.description, "the address has its own field"
            assert [(a.sha256, a.alert_id, a.label) for a in incident.attachments] == [
                (hashlib.sha256(snapshot).hexdigest(), alert_id, f"Snapshot of alert #{alert_id}"),
                (hashlib.sha256(photo.read_bytes()).hexdigest(), None, "Ảnh hiện trường"),
            ]

            # The detail shows the address and both pictures.
            await wait_until(lambda: incident_id in c.board_model, 5, "the card")
            c.show_incident(incident_id)
            await c.wait_idle()
            assert facts_of(d.detail)["Address"] == "12 Lê Lợi, phường Thuận Hóa"
            strip = d.detail.attachments_list
            assert strip.count() == 2
            assert all(not strip.item(i).icon().isNull() for i in range(2))

            # An edit from the detail: one new version with the fields changed. (The alert's
            # escalation into the incident already made a version after the create.)
            base = (await d.operator.incident(incident_id)).version
            await wait_until(
                lambda: getattr(c.board_model.incident(incident_id), "version", 0) == base,
                5, "the board at the current version",
            )  # fmt: skip
            d.detail.edit_button.click()
            assert d.detail.edit_frame.isVisibleTo(d.detail)
            d.detail.edit_title.setText("Ngập sâu đường Lê Lợi")
            d.detail.edit_address.setText("14 Lê Lợi")
            d.detail.save_edit_button.click()
            await c.wait_idle()
            edited = await d.operator.incident(incident_id)
            assert (edited.version, edited.title, edited.address) == (
                base + 1, "Ngập sâu đường Lê Lợi", "14 Lê Lợi",
            )  # fmt: skip
            assert edited.timeline[-1].text == "changed title, address"

            # Someone else raises the priority while this console's stream is paused ...
            assert d.task is not None
            d.task.cancel()
            await wait_until(d.task.done, 5, "the paused stream")
            other = await d.admin.patch_incident(
                incident_id, IncidentPatch(priority=Severity.CRITICAL), if_match=base + 1
            )
            assert other.version == base + 2
            # ... and the operator, still looking at version 2, moves the address.
            shown: list[int] = []
            c.conflict_shown.connect(shown.append)
            d.detail.edit_button.click()
            d.detail.edit_address.setText("16 Lê Lợi")
            d.detail.save_edit_button.click()
            await wait_until(lambda: bool(shown), 10, "the conflict")
            await c.wait_idle()
            assert d.detail.conflict_frame.isVisibleTo(d.detail)
            texts = [
                d.detail.conflict_grid.itemAt(i).widget().text()
                for i in range(d.detail.conflict_grid.count())
            ]
            at = texts.index("Address")
            assert texts[at + 1 : at + 3] == ["14 Lê Lợi", "16 Lê Lợi"]
            assert (await d.operator.incident(incident_id)).address == "14 Lê Lợi"
            d.detail.reapply_button.click()
            await c.wait_idle()
            merged = await d.operator.incident(incident_id)
            assert (merged.version, merged.address, merged.priority) == (
                base + 3, "16 Lê Lợi", Severity.CRITICAL,
            )  # fmt: skip

    run(qapp, scenario)


def test_an_edit_and_a_reply_made_offline_apply_once(tmp_path: Path, qapp: QApplication) -> None:
    data, port = tmp_path / "backend", free_port()
    server = BackendProcess(data, port=port, extra=QUIET)
    url = server.start(timeout=60)

    async def scenario() -> None:
        nonlocal server
        async with desk(url, tmp_path) as d:
            c = d.controller
            reports = await d.admin._call_json("POST", "/sim/field-reports", json={"count": 1})
            report_id = int(reports["items"][0]["id"])
            await wait_until(lambda: c.reports_model.record(report_id) is not None, 10, "report")
            ward = next(iter(c.wards))
            created: list[int] = []
            c.incident_created.connect(created.append)
            await c.submit(IncidentDraft(title="Đèn đường hỏng", category="street_light",
                                         ward_id=ward, address="Kiệt 5 Nguyễn Trãi"))  # fmt: skip
            await wait_until(lambda: bool(created), 10, "the incident")
            incident_id = created[0]
            await wait_until(lambda: incident_id in c.board_model, 5, "the card")
            start = (await d.operator.health()).last_seq

            server.stop()
            await wait_until(lambda: c.link_online is False, 20, "the console to notice")
            c.show_incident(incident_id)
            d.detail.edit_button.click()
            d.detail.edit_address.setText("Kiệt 7 Nguyễn Trãi")
            d.detail.save_edit_button.click()
            d.inbox.reply_requested.emit(report_id, "in_progress", "Đã tiếp nhận, đang xử lý")
            await c.wait_idle()
            pending = await c.outbox.pending_incident_ops()
            assert sorted(o.op for o in pending) == ["field_report", "patch"]
            assert c.board_model.has_pending_change(incident_id)
            assert d.detail.pending_label.text()
            assert report_id in c.reports_model.pending
            row = c.reports_model._by_id[report_id]
            assert "reply pending" in c.reports_model.index(row, 4).data()
            assert "queued" in d.inbox.message_label.text()

            server = BackendProcess(data, port=port, extra=QUIET)
            assert server.start(timeout=60) == url, "same port"
            await wait_until(lambda: c.link_online is True, 30, "the link back")
            await c.wait_idle()
            await wait_until(lambda: report_id not in c.reports_model.pending, 20, "the replay")
            assert not await c.outbox.pending_incident_ops()
            report = await d.operator.field_report(report_id)
            assert report.status == FieldReportStatus.IN_PROGRESS
            assert report.response == "Đã tiếp nhận, đang xử lý"
            incident = await d.operator.incident(incident_id)
            assert (incident.address, incident.version) == ("Kiệt 7 Nguyễn Trãi", 2)
            # A resend of the same reply (a lost answer) changes nothing.
            replayed = pending[[o.op for o in pending].index("field_report")]
            again = await d.operator.patch_field_report(
                report_id, FieldReportPatch.model_validate(replayed.body["patch"]),
                key=replayed.key,
            )  # fmt: skip
            assert again.response == "Đã tiếp nhận, đang xử lý"
            await c.replay_outbox()
            counts: Counter[str] = Counter()
            page = await d.operator.events(after=start, limit=5000)
            for e in page.events:
                if e.type == "field_report.updated" and e.data["id"] == report_id:
                    counts["report"] += 1
                if e.type == "incident.updated" and e.data["id"] == incident_id:
                    counts["incident"] += 1
            assert counts == Counter({"report": 1, "incident": 1}), "each change exactly once"

    try:
        run(qapp, scenario)
    finally:
        server.stop()
