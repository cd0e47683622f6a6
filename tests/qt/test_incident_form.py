"""The incident form: validation messages, category defaults, unit filters, drafts that survive."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.controllers.incident_controller import DRAFT_NAME, IncidentController
from server_client.store import IncidentOutbox, LocalStore
from widgets.incident_form import (
    UNIT_ID_ROLE,
    CategoryChoice,
    Choice,
    IncidentDraft,
    IncidentFormWidget,
    UnitChoice,
)

CATEGORIES = [
    CategoryChoice("flooding", "Flooding", "immediate", ("ward_committee", "police")),
    CategoryChoice("garbage", "Garbage", "deadline", ("environment_public_works",)),
]
GROUPS = [
    Choice("immediate", "Immediate"),
    Choice("deadline", "Deadline"),
    Choice("command_support", "Command support"),
]
PRIORITIES = [Choice(p, p.title()) for p in ("critical", "high", "medium", "low")]
WARDS = [Choice("phu-xuan", "Phú Xuân"), Choice("thuan-hoa", "Thuận Hóa")]
KINDS = [Choice(k, k) for k in ("police", "ward_committee", "environment_public_works", "fire")]
UNITS = [
    UnitChoice("u1", "Police Phú Xuân", "police", "Police", "phu-xuan"),
    UnitChoice("u2", "Committee Phú Xuân", "ward_committee", "Committee", "phu-xuan", busy=True),
    UnitChoice("u3", "Works Phú Xuân", "environment_public_works", "Works", "phu-xuan"),
    UnitChoice("u4", "Fire Phú Xuân", "fire", "Fire", "phu-xuan"),
    UnitChoice("u5", "Police Thuận Hóa", "police", "Police", "thuan-hoa"),
]


def make_form(qtbot: QtBot) -> IncidentFormWidget:
    form = IncidentFormWidget()
    qtbot.addWidget(form)
    form.set_choices(CATEGORIES, GROUPS, PRIORITIES, WARDS, KINDS)
    form.set_units(UNITS)
    return form


def choose(form: IncidentFormWidget, combo_name: str, value: str) -> None:
    combo = getattr(form, combo_name)
    combo.setCurrentIndex(combo.findData(value))


def listed_units(form: IncidentFormWidget) -> list[str]:
    return [
        str(form.units_list.item(r).data(UNIT_ID_ROLE))
        for r in range(form.units_list.count())
        if form.units_list.item(r).data(UNIT_ID_ROLE)
    ]


def test_empty_form_says_what_is_missing(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    with qtbot.assertNotEmitted(form.submitted):
        qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    text = form.error_label.text()
    assert "Give the incident a title." in text
    assert "Choose a category." in text
    assert "Choose the ward where it happens." in text


def test_coordinates_and_lengths_are_checked(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    form.title_edit.setText("x" * 201)
    choose(form, "category_combo", "flooding")
    choose(form, "ward_combo", "phu-xuan")
    form.lat_edit.setText("95")
    form.lon_edit.setText("abc")
    problems = form.validate()
    assert "The title is too long: at most 200 characters." in problems
    assert "Latitude must be a number between -90 and 90." in problems
    assert "Longitude must be a number between -180 and 180." in problems
    form.lat_edit.setText("16.46")
    form.lon_edit.setText("")
    assert form.validate() == ["The title is too long: at most 200 characters.",
                               "Give both coordinates, or neither."]  # fmt: skip


def test_valid_form_submits_the_draft(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    form.title_edit.setText("Ngập sâu đường Lê Lợi")
    choose(form, "category_combo", "flooding")
    choose(form, "ward_combo", "phu-xuan")
    form.lat_edit.setText("16,4637")  # a Vietnamese keyboard types a decimal comma
    form.lon_edit.setText("107.5909")
    form.units_list.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(form.submitted) as blocker:
        qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    draft: IncidentDraft = blocker.args[0]
    assert draft.title == "Ngập sâu đường Lê Lợi"
    assert (draft.category, draft.process_group, draft.ward_id) == (
        "flooding", "immediate", "phu-xuan",
    )  # fmt: skip
    assert draft.lat == 16.4637
    assert draft.unit_ids == [listed_units(form)[0]]
    assert form.error_label.text() == ""


def test_category_brings_its_usual_group_until_the_operator_picks_one(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    choose(form, "category_combo", "garbage")
    assert form.group_combo.currentData() == "deadline"
    assert "Deadline" in form.group_hint.text()
    choose(form, "category_combo", "flooding")
    assert form.group_combo.currentData() == "immediate"
    form.group_combo.setCurrentIndex(form.group_combo.findData("command_support"))
    form.group_combo.activated.emit(form.group_combo.currentIndex())
    choose(form, "category_combo", "garbage")
    assert form.group_combo.currentData() == "command_support"


def test_units_filtered_by_ward_and_kind_busy_ones_disabled(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    choose(form, "category_combo", "flooding")
    choose(form, "ward_combo", "phu-xuan")
    # Default filter: the kinds flooding needs, in the chosen ward.
    assert listed_units(form) == ["u1", "u2"]
    busy = form.units_list.item(1)
    assert not busy.flags() & Qt.ItemFlag.ItemIsEnabled
    assert "busy" in busy.text()
    choose(form, "kind_combo", "")
    assert listed_units(form) == ["u1", "u2", "u3", "u4"]
    choose(form, "kind_combo", "police")
    assert listed_units(form) == ["u1"]
    form.all_wards_check.setChecked(True)
    assert listed_units(form) == ["u1", "u5"]


def test_draft_changes_are_announced_and_round_trip(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    form.load(
        IncidentDraft(source="From alert #7", alert_ids=[7], attachments=[["Snapshot", "/a"]])
    )
    assert form.source_label.text() == "From alert #7"
    assert form.links_list.item(0).text() == "Alert #7"
    with qtbot.waitSignal(form.draft_changed, timeout=2000) as blocker:
        qtbot.keyClicks(form.title_edit, "Chay")
    draft: IncidentDraft = blocker.args[0]
    assert draft.title == "Chay"
    again = IncidentDraft.from_dict(draft.to_dict())
    assert again == draft
    broken = IncidentDraft.from_dict({"title": 5, "lat": "x", "alert_ids": [3], "junk": 1})
    assert (broken.title, broken.lat, broken.alert_ids) == ("", None, [3])
    form.links_list.setCurrentRow(0)
    qtbot.mouseClick(form.unlink_button, Qt.MouseButton.LeftButton)
    assert form.draft().alert_ids == []


def test_a_draft_survives_a_crash(tmp_path: Path, qapp: QApplication, qtbot: QtBot) -> None:
    """The controller saves the draft in the local store; a new console finds it there."""

    async def scenario() -> None:
        store = LocalStore(tmp_path / "console.db")
        controller = IncidentController(None, store=store)  # type: ignore[arg-type]
        dialog = await controller.open_form(IncidentDraft(title="Cây đổ", ward_id="phu-xuan"))
        dialog.form.description_edit.setPlainText("chắn ngang đường")
        await asyncio.sleep(0.6)  # the form's debounce, then the save
        await controller.wait_idle()
        store.close()  # the console dies here; the file stays

        store = LocalStore(tmp_path / "console.db")
        saved = await IncidentOutbox(store).load_draft(DRAFT_NAME)
        assert saved is not None
        assert saved["description"] == "chắn ngang đường"
        controller2 = IncidentController(None, store=store)  # type: ignore[arg-type]
        dialog2 = await controller2.open_form()
        assert dialog2.form.title_edit.text() == "Cây đổ"
        assert dialog2.form.description_edit.toPlainText() == "chắn ngang đường"
        dialog2.form.discard_requested.emit()
        await controller2.wait_idle()
        assert await IncidentOutbox(store).load_draft(DRAFT_NAME) is None
        for c in (controller, controller2):
            await c.aclose()
            assert c.dialog is not None
            c.dialog.deleteLater()
        store.close()

    with asyncio.Runner(loop_factory=functools.partial(qasync.QEventLoop, qapp)) as runner:
        runner.run(scenario())


def test_attachments_strip_adds_files_shows_thumbnails_and_removes(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtGui import QColor, QImage

    form = make_form(qtbot)
    form.load(
        IncidentDraft(
            title="Ngập", alert_ids=[7],
            attachments=[{"label": "Snapshot of alert #7", "alert_id": 7}],
        )
    )  # fmt: skip
    assert form.attachment_keys() == ["alert:7"]
    assert form.attachments_list.item(0).icon().isNull()
    image = QImage(160, 90, QImage.Format.Format_RGB32)
    image.fill(QColor("#27ae60"))
    photo = tmp_path / "photo.png"
    assert image.save(str(photo))
    jpeg = tmp_path / "snap.jpg"
    assert image.save(str(jpeg))
    form.set_snapshot(jpeg.read_bytes(), 7)
    assert not form.attachments_list.item(0).icon().isNull(), "the alert's thumbnail"
    with qtbot.waitSignal(form.draft_changed, timeout=2000) as blocker:
        assert form.add_attachment("Ảnh hiện trường", str(photo))
    assert blocker.args[0].attachments[-1] == {"label": "Ảnh hiện trường", "path": str(photo)}
    assert form.add_attachment("again", str(photo))  # the same file once
    assert form.attachment_keys() == ["alert:7", f"file:{photo}"]
    assert not form.attachments_list.item(1).icon().isNull()
    broken = tmp_path / "notes.txt"
    broken.write_text("không phải ảnh")
    assert not form.add_attachment("notes", str(broken))
    assert "notes.txt" in form.error_label.text()
    form.attachments_list.setCurrentRow(0)
    form.remove_attachment_button.click()
    assert form.draft().attachments == [{"label": "Ảnh hiện trường", "path": str(photo)}]
    with qtbot.waitSignal(form.tile_snapshot_requested):
        form.add_tile_button.click()
    # Drafts saved before attachments were dicts held [label, url] pairs.
    legacy = IncidentDraft.from_dict({"attachments": [["Photo", "https://x/1.jpg"], 5, {}]})
    assert legacy.attachments == [{"label": "Photo", "url": "https://x/1.jpg"}]
