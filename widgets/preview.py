"""``python -m widgets.preview NAME``: run one widget standalone with sample data.

Widgets are views only, so each can be looked at (and screenshotted) without a backend:
``wall``, ``tile``, ``cameras``, ``alerts``. ``--screenshot FILE`` saves a PNG and quits.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QWidget

from widgets.alert_table import AlertTableWidget
from widgets.camera_tree import CameraTreeWidget
from widgets.city_map import sample_map
from widgets.evidence_player import sample_player
from widgets.field_report_inbox import (
    RECORD_ID_ROLE,
    RECORD_STATUS_ROLE,
    FieldReportInboxWidget,
    HotlineLogWidget,
)
from widgets.incident_board import (
    INCIDENT_GROUP_ROLE,
    INCIDENT_ID_ROLE,
    INCIDENT_PENDING_ROLE,
    INCIDENT_PRIORITY_ROLE,
    INCIDENT_STATE_ROLE,
    INCIDENT_SUBTITLE_ROLE,
    INCIDENT_WARD_ROLE,
    SLA_LEVEL_ROLE,
    SLA_SORT_ROLE,
    SLA_TEXT_ROLE,
    IncidentBoardWidget,
)
from widgets.incident_detail import ChecklistStep, IncidentDetailWidget, IncidentView
from widgets.incident_form import (
    CategoryChoice,
    Choice,
    IncidentDraft,
    IncidentFormWidget,
    UnitChoice,
)
from widgets.kpi_sample import make_sample_board
from widgets.preset_dialog import LOCAL, PRIVATE, SHARED, LayoutPresetsDialog, PresetRow
from widgets.roles import ALERT_ID_ROLE, CAMERA_ID_ROLE, SORT_ROLE
from widgets.video_tile import VideoTileWidget
from widgets.wall_grid import WallGridWidget

SAMPLE_CAMERAS = {
    "Phú Xuân": ["Đại Nội – Ngọ Môn", "Chợ Đông Ba"],
    "Thuận Hóa": ["Cầu Trường Tiền", "Ngã sáu Hùng Vương"],
    "Vỹ Dạ": ["Đập Đá"],
}
STATES = [
    "live",
    "connecting",
    "stalled",
    "reconnecting",
    "offline",
    "live",
    "live",
    "idle",
    "live",
]


def make_tile() -> QWidget:
    tile = VideoTileWidget(0)
    tile.set_camera("Cầu Trường Tiền", "Thuận Hóa", ptz=True)
    tile.set_state("live", "live 15 fps", "15 fps")
    tile.set_zoom(2.0)
    tile.resize(480, 300)
    return tile


def make_presets() -> QWidget:
    dialog = LayoutPresetsDialog()
    dialog.set_shared_allowed(False)
    dialog.set_presets(
        [
            PresetRow("server:1", "Vận hành bình thường", SHARED, "system", 1, writable=False),
            PresetRow("server:2", "Ứng phó ngập lụt", SHARED, "system", 3, writable=False),
            PresetRow("server:7", "Ca đêm", PRIVATE, "operator", 2),
            PresetRow("local:Trạm A", "Trạm A", LOCAL),
        ]
    )
    return dialog


def make_wall() -> QWidget:
    wall = WallGridWidget()
    cells = [(i // 3, i % 3, 1, 1) for i in range(9)]
    for i, tile in enumerate(wall.set_grid(3, 3, cells)):
        if STATES[i] != "idle":
            tile.set_camera(f"Camera {i + 1}", "Phú Xuân")
        tile.set_state(STATES[i], STATES[i], "15 fps" if STATES[i] == "live" else "")
    wall.resize(1200, 720)
    return wall


def make_cameras() -> QWidget:
    model = QStandardItemModel()
    n = 0
    for ward, names in SAMPLE_CAMERAS.items():
        ward_item = QStandardItem(ward)
        for name in names:
            n += 1
            item = QStandardItem(name)
            item.setData(f"cam-{n:03d}", CAMERA_ID_ROLE)
            ward_item.appendRow(item)
        model.appendRow(ward_item)
    tree = CameraTreeWidget()
    tree.set_model(model)
    tree.resize(300, 400)
    return tree


def make_alerts() -> QWidget:
    model = QStandardItemModel(0, 4)
    model.setHorizontalHeaderLabels(["Time", "Severity", "Type", "Camera"])
    rows = [
        ("08:01:12", "High", "Wrong-way driving", "Cầu Trường Tiền"),
        ("08:00:40", "Critical", "Smoke / fire", "Chợ Đông Ba"),
    ]
    for i, row in enumerate(rows):
        items = [QStandardItem(text) for text in row]
        items[0].setData(100 - i, ALERT_ID_ROLE)
        for item in items:
            item.setData(item.text() if item is not items[0] else 100 - i, SORT_ROLE)
        model.appendRow(items)
    table = AlertTableWidget()
    table.set_model(model)
    table.resize(640, 300)
    return table


def make_incident_form() -> QWidget:
    form = IncidentFormWidget()
    form.set_choices(
        [
            CategoryChoice("flooding", "Ngập lụt", "immediate", ("ward_committee", "police")),
            CategoryChoice("garbage", "Rác thải", "deadline", ("environment_public_works",)),
        ],
        [Choice("immediate", "Immediate"), Choice("deadline", "Within a deadline"),
         Choice("command_support", "Command support")],
        [Choice(p, p.title()) for p in ("critical", "high", "medium", "low")],
        [Choice("phu-xuan", "Phú Xuân"), Choice("thuan-hoa", "Thuận Hóa")],
        [Choice("police", "Police"), Choice("ward_committee", "Ward committee")],
    )  # fmt: skip
    form.set_units(
        [
            UnitChoice("phu-xuan-police", "Công an Phú Xuân", "police", "Police", "phu-xuan"),
            UnitChoice("phu-xuan-wc", "UBND Phú Xuân", "ward_committee", "Ward committee",
                       "phu-xuan", busy=True),
        ]
    )  # fmt: skip
    form.load(
        IncidentDraft(
            title="Ngập sâu đường Lê Lợi", category="flooding", ward_id="phu-xuan",
            address="Lê Lợi – Cầu Trường Tiền", lat=16.4637, lon=107.5909,
            source="From alert #1024 · Cầu Trường Tiền · 08:01:12", alert_ids=[1024],
            attachments=[{"label": "Snapshot of alert #1024", "alert_id": 1024}],
        )
    )  # fmt: skip
    form.resize(560, 720)
    return form


def make_incident_board() -> QWidget:
    model = QStandardItemModel()
    cards = [
        (1, "new", "Cây đổ — Lê Duẩn", "overdue", "overdue 12 min", -720, "high"),
        (2, "new", "Ngập — Phú Hội", "warning", "25 min left", 1500, "critical"),
        (3, "dispatched", "Tai nạn — Hùng Vương", "critical", "8 min left", 480, "critical"),
        (4, "in_progress", "Rác thải — Đông Ba", "ok", "20 h 10 min left", 72600, "medium"),
        (5, "closed", "Đèn đường hỏng — Vỹ Dạ", "met", "SLA met", 1e12, "low"),
    ]
    for ident, state, title, level, text, sort, priority in cards:
        item = QStandardItem(f"#{ident} {title}")
        for role, value in (
            (INCIDENT_ID_ROLE, ident), (INCIDENT_STATE_ROLE, state),
            (INCIDENT_WARD_ROLE, "phu-xuan"), (INCIDENT_GROUP_ROLE, "immediate"),
            (SLA_LEVEL_ROLE, level), (SLA_TEXT_ROLE, text), (SLA_SORT_ROLE, sort),
            (INCIDENT_PRIORITY_ROLE, priority), (INCIDENT_PENDING_ROLE, ident == 2),
            (INCIDENT_SUBTITLE_ROLE, "Phú Xuân · 1 unit"),
        ):  # fmt: skip
            item.setData(value, role)
        model.appendRow(item)
    board = IncidentBoardWidget()
    board.set_model(model)
    board.resize(1100, 420)
    return board


def make_incident_detail() -> QWidget:
    detail = IncidentDetailWidget()
    detail.show_incident(
        IncidentView(
            incident_id=12, title="#12 Ngập sâu đường Lê Lợi", state="resolved",
            state_label="Resolved", sla_text="SLA met",
            facts=[("Category", "Flooding"), ("Ward", "Phú Xuân"), ("Units", "UBND Phú Xuân")],
            checklist=[
                ChecklistStep("verify", "Xác minh hiện trường", True, True, "operator · 08:03"),
                ChecklistStep("warn_residents", "Cảnh báo người dân", True, False),
                ChecklistStep("evacuate", "Sơ tán nếu cần", False, False),
            ],
            timeline=["01/03 08:01:12 · operator · created: created (flooding, immediate)",
                      "01/03 08:02:00 · operator · dispatch: dispatched phu-xuan-wc"],
            transitions=["closed", "in_progress"],
        )
    )  # fmt: skip
    detail.show_checklist_blocked("Incident #12 cannot be closed: …", ["warn_residents"])
    detail.resize(800, 480)
    return detail


def _record_model(headers: list[str], rows: list[tuple[int, str, list[str]]]) -> QStandardItemModel:
    model = QStandardItemModel(0, len(headers))
    model.setHorizontalHeaderLabels(headers)
    for ident, status, texts in rows:
        items = [QStandardItem(t) for t in texts]
        items[0].setData(ident, RECORD_ID_ROLE)
        items[0].setData(status, RECORD_STATUS_ROLE)
        model.appendRow(items)
    return model


def make_field_reports() -> QWidget:
    inbox = FieldReportInboxWidget()
    inbox.set_model(
        _record_model(
            ["Code", "Received", "Category", "Ward", "Status", "Due", "Incident", "Rating"],
            [(1, "received", ["PA-0001", "01/03 08:00", "Garbage", "Phú Xuân", "Received",
                              "02/03 08:00", "", ""]),
             (2, "closed", ["PA-0002", "28/02 14:10", "Street light", "Vỹ Dạ", "Closed",
                            "02/03 14:10", "#7", "★★★★☆"])],
        )
    )  # fmt: skip
    inbox.set_status_choices([("All", frozenset())], [("in_progress", "In progress")])
    inbox.resize(800, 420)
    return inbox


def make_hotline() -> QWidget:
    log = HotlineLogWidget()
    log.set_model(
        _record_model(
            ["Number", "Time", "Topic", "Ward", "Duration", "Outcome", "Incident"],
            [(1, "forwarded", ["09xx xxx 123", "01/03 08:05", "Flooding", "Phú Hội", "3:12",
                               "Forwarded", ""])],
        )
    )  # fmt: skip
    log.resize(800, 300)
    return log


PREVIEWS: dict[str, Callable[[], QWidget]] = {
    "tile": make_tile,
    "presets": make_presets,
    "wall": make_wall,
    "cameras": make_cameras,
    "alerts": make_alerts,
    "kpi": make_sample_board,
    "map": sample_map,
    "evidence_player": sample_player,
    "incident_form": make_incident_form,
    "incident_board": make_incident_board,
    "incident_detail": make_incident_detail,
    "field_reports": make_field_reports,
    "hotline": make_hotline,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets.preview")
    parser.add_argument("name", choices=sorted(PREVIEWS))
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    widget = PREVIEWS[args.name]()
    widget.setWindowTitle(f"preview: {args.name}")
    widget.show()
    if args.screenshot:

        def grab() -> None:
            widget.grab().save(str(args.screenshot))
            app.quit()

        QTimer.singleShot(300, grab)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
