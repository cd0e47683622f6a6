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
    tile.set_camera("Cầu Trường Tiền", "Thuận Hóa")
    tile.set_state("live", "live 15 fps", "15 fps")
    tile.resize(480, 300)
    return tile


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


PREVIEWS: dict[str, Callable[[], QWidget]] = {
    "tile": make_tile,
    "wall": make_wall,
    "cameras": make_cameras,
    "alerts": make_alerts,
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
