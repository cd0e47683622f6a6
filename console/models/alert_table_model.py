"""The live alert list as a Qt table model: ids in row order plus a row cache by id."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from typing_extensions import override

from server_client.contract import SEVERITY_RANK, Alert, Camera
from widgets.roles import ALERT_ID_ROLE, CAMERA_ID_ROLE, SEVERITY_ROLE, SORT_ROLE

_SEVERITY_COLOURS = {
    "critical": QColor("#c0392b"),
    "high": QColor("#d35400"),
    "medium": QColor("#b7950b"),
    "low": QColor("#5d6d7e"),
}

ModelIndex = QModelIndex | QPersistentModelIndex

# Display names of analytics types, severities and states; translated when shown.
_NAMES: dict[str, str] = {
    "wrong_way": QT_TRANSLATE_NOOP("AlertTableModel", "Wrong-way driving"),
    "red_light": QT_TRANSLATE_NOOP("AlertTableModel", "Red-light running"),
    "no_helmet": QT_TRANSLATE_NOOP("AlertTableModel", "No helmet"),
    "illegal_parking": QT_TRANSLATE_NOOP("AlertTableModel", "Illegal parking"),
    "sidewalk_encroachment": QT_TRANSLATE_NOOP("AlertTableModel", "Sidewalk encroachment"),
    "street_vending": QT_TRANSLATE_NOOP("AlertTableModel", "Street vending"),
    "littering": QT_TRANSLATE_NOOP("AlertTableModel", "Littering"),
    "crowding": QT_TRANSLATE_NOOP("AlertTableModel", "Crowding"),
    "smoke_fire": QT_TRANSLATE_NOOP("AlertTableModel", "Smoke / fire"),
    "forest_fire": QT_TRANSLATE_NOOP("AlertTableModel", "Forest fire"),
    "flooding": QT_TRANSLATE_NOOP("AlertTableModel", "Flooding"),
    "intrusion": QT_TRANSLATE_NOOP("AlertTableModel", "Intrusion"),
    "lane_violation": QT_TRANSLATE_NOOP("AlertTableModel", "Lane violation"),
    "speeding": QT_TRANSLATE_NOOP("AlertTableModel", "Speeding"),
    "traffic_jam": QT_TRANSLATE_NOOP("AlertTableModel", "Traffic jam"),
    "accident": QT_TRANSLATE_NOOP("AlertTableModel", "Accident"),
    "fallen_tree": QT_TRANSLATE_NOOP("AlertTableModel", "Fallen tree"),
    "loitering": QT_TRANSLATE_NOOP("AlertTableModel", "Loitering"),
    "low": QT_TRANSLATE_NOOP("AlertTableModel", "Low"),
    "medium": QT_TRANSLATE_NOOP("AlertTableModel", "Medium"),
    "high": QT_TRANSLATE_NOOP("AlertTableModel", "High"),
    "critical": QT_TRANSLATE_NOOP("AlertTableModel", "Critical"),
    "new": QT_TRANSLATE_NOOP("AlertTableModel", "New"),
    "acknowledged": QT_TRANSLATE_NOOP("AlertTableModel", "Acknowledged"),
    "dismissed": QT_TRANSLATE_NOOP("AlertTableModel", "Dismissed"),
    "escalated": QT_TRANSLATE_NOOP("AlertTableModel", "Escalated"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("AlertTableModel", text)


def display_name(value: str) -> str:
    """The operator-facing, translated name of a type, severity or state value."""
    return _t(_NAMES.get(value, value))


class AlertTableModel(QAbstractTableModel):
    """Alerts newest first. Inserts arrive as whole batches (one ``beginInsertRows`` each)."""

    COLUMNS = ("time", "severity", "type", "camera", "ward", "state", "owner")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._rows: dict[int, Alert] = {}
        self._cameras: dict[str, Camera] = {}
        self._headers = [
            _t(QT_TRANSLATE_NOOP("AlertTableModel", "Time")),
            _t(QT_TRANSLATE_NOOP("AlertTableModel", "Severity")),
            _t(QT_TRANSLATE_NOOP("AlertTableModel", "Type")),
            _t(QT_TRANSLATE_NOOP("AlertTableModel", "Camera")),
            _t(QT_TRANSLATE_NOOP("AlertTableModel", "Ward")),
            _t(QT_TRANSLATE_NOOP("AlertTableModel", "State")),
            _t(QT_TRANSLATE_NOOP("AlertTableModel", "Owner")),
        ]

    def set_cameras(self, cameras: Mapping[str, Camera]) -> None:
        self._cameras = dict(cameras)
        if self._ids:
            self.dataChanged.emit(self.index(0, 3), self.index(len(self._ids) - 1, 4))

    def alert(self, alert_id: int) -> Alert | None:
        return self._rows.get(alert_id)

    def __len__(self) -> int:
        return len(self._ids)

    def apply(self, alerts: Iterable[Alert]) -> None:
        """Insert new alerts (as one block at the top) and update known ones in place."""
        fresh: list[Alert] = []
        changed: list[int] = []
        for alert in alerts:
            if alert.id in self._rows:
                self._rows[alert.id] = alert
                changed.append(alert.id)
            else:
                fresh.append(alert)
                self._rows[alert.id] = alert
        if fresh:
            # Drop in-batch duplicates and order the block newest first.
            block = sorted({a.id: a for a in fresh}.values(), key=lambda a: a.id, reverse=True)
            self.beginInsertRows(QModelIndex(), 0, len(block) - 1)
            self._ids[0:0] = [a.id for a in block]
            self.endInsertRows()
        if changed:
            positions = {aid: row for row, aid in enumerate(self._ids)}
            rows = [positions[aid] for aid in changed if aid in positions]
            if rows:
                self.dataChanged.emit(
                    self.index(min(rows), 0), self.index(max(rows), len(self.COLUMNS) - 1)
                )

    @override
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    @override
    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    @override
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        alert = self._rows[self._ids[index.row()]]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(alert, col)
        if role == ALERT_ID_ROLE:
            return alert.id
        if role == CAMERA_ID_ROLE:
            return alert.camera_id
        if role == SEVERITY_ROLE:
            return alert.severity.value
        if role == SORT_ROLE:
            if col == "time":
                return alert.id
            if col == "severity":
                return SEVERITY_RANK[alert.severity]
            return self._display(alert, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == "severity":
            return _SEVERITY_COLOURS.get(alert.severity.value)
        if role == Qt.ItemDataRole.ToolTipRole and alert.attributes:
            return ", ".join(f"{k}: {v}" for k, v in alert.attributes.items())
        return None

    def _display(self, alert: Alert, col: str) -> str:
        if col == "time":
            return _local_time(alert.created_at)
        if col == "severity":
            return display_name(alert.severity.value)
        if col == "type":
            return display_name(alert.type.value)
        camera = self._cameras.get(alert.camera_id)
        if col == "camera":
            return camera.name if camera else alert.camera_id
        if col == "ward":
            return camera.ward_name if camera else alert.ward_id
        if col == "state":
            return display_name(alert.state.value)
        return alert.owner or ""


def _local_time(ts: datetime) -> str:
    return ts.astimezone().strftime("%H:%M:%S")
