"""A table of the records behind a KPI figure (incidents, field reports, alerts, hotline calls)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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
from typing_extensions import override

from widgets.kpi_records import RECORD_ID_ROLE, RECORD_KIND_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex

COLUMNS = (
    QT_TRANSLATE_NOOP("KpiRecordTableModel", "ID"),
    QT_TRANSLATE_NOOP("KpiRecordTableModel", "Time"),
    QT_TRANSLATE_NOOP("KpiRecordTableModel", "What"),
    QT_TRANSLATE_NOOP("KpiRecordTableModel", "Ward"),
    QT_TRANSLATE_NOOP("KpiRecordTableModel", "State"),
    QT_TRANSLATE_NOOP("KpiRecordTableModel", "Detail"),
)


@dataclass(frozen=True)
class RecordRow:
    """One record, already in display form; ``when`` is what put it in the bucket."""

    kind: str
    id: int
    when: datetime
    what: str
    ward: str
    state: str
    detail: str = ""


class KpiRecordTableModel(QAbstractTableModel):
    """Read-only rows; column 0 carries the record id and kind for activation."""

    def __init__(self, rows: Sequence[RecordRow] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self.rows = list(rows)

    @override
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    @override
    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("KpiRecordTableModel", str(COLUMNS[section]))
        return None

    @override
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            local = row.when.astimezone()
            return (
                f"#{row.id}",
                local.strftime("%Y-%m-%d %H:%M:%S"),
                row.what,
                row.ward,
                row.state,
                row.detail,
            )[index.column()]
        if index.column() == 0 and role == RECORD_ID_ROLE:
            return row.id
        if index.column() == 0 and role == RECORD_KIND_ROLE:
            return row.kind
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5:
            return row.detail
        return None
