"""Cameras grouped by ward, as a Qt item model for the camera tree."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex
from PySide6.QtGui import QStandardItem, QStandardItemModel
from typing_extensions import override

from server_client.contract import Camera, CameraStatus
from widgets.roles import CAMERA_ID_ROLE, CAMERA_MIME


class CameraTreeModel(QStandardItemModel):
    """Two levels: wards (sorted by name), then their cameras (sorted by name)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: dict[str, QStandardItem] = {}

    def set_cameras(self, cameras: Iterable[Camera]) -> None:
        self.clear()
        self._items.clear()
        by_ward: dict[str, list[Camera]] = {}
        for cam in cameras:
            by_ward.setdefault(cam.ward_name, []).append(cam)
        for ward in sorted(by_ward):
            ward_item = QStandardItem(f"{ward} ({len(by_ward[ward])})")
            ward_item.setEditable(False)
            ward_item.setDragEnabled(False)
            for cam in sorted(by_ward[ward], key=lambda c: c.name):
                item = QStandardItem(cam.name)
                item.setEditable(False)
                item.setData(cam.id, CAMERA_ID_ROLE)
                item.setToolTip(f"{cam.id} · {cam.ward_name}{' · PTZ' if cam.ptz else ''}")
                self._items[cam.id] = item
                ward_item.appendRow(item)
                self.set_status(cam.id, cam.status)
            self.appendRow(ward_item)

    @override
    def mimeTypes(self) -> list[str]:
        return [CAMERA_MIME]

    @override
    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """Dragging a camera carries its id, which wall tiles accept."""
        mime = QMimeData()
        ids = [str(i.data(CAMERA_ID_ROLE)) for i in indexes if i.data(CAMERA_ID_ROLE)]
        if ids:
            mime.setData(CAMERA_MIME, QByteArray(ids[0].encode()))
        return mime

    def set_status(self, camera_id: str, status: CameraStatus) -> None:
        item = self._items.get(camera_id)
        if item is not None:
            item.setEnabled(status != CameraStatus.OFFLINE)
