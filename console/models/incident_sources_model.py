"""Where incidents come from besides alerts: citizens' field reports and hotline calls, as Qt
table models (rows by id, display strings computed once per change of a row)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from typing_extensions import override

from console.models.incident_names import category_name, outcome_name, report_status_name
from server_client.contract import FieldReport, HotlineCall
from widgets.field_report_inbox import RECORD_ID_ROLE, RECORD_INCIDENT_ROLE, RECORD_STATUS_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex
R = TypeVar("R", FieldReport, HotlineCall)
SORT_ROLE = Qt.ItemDataRole.UserRole


def _when(ts: datetime) -> str:
    return ts.astimezone().strftime("%d/%m %H:%M")


def stars(rating: int | None) -> str:
    """``★★★★☆`` for 4 of 5; empty until the citizen rated."""
    return "" if rating is None else "★" * rating + "☆" * (5 - rating)


class _RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows of records with an ``id``; newer versions of a record replace its row."""

    def __init__(self, ward_names: dict[str, str] | None = None) -> None:
        super().__init__()
        self.ward_names = dict(ward_names or {})
        self._rows: list[R] = []
        self._texts: list[list[str]] = []
        self._by_id: dict[int, int] = {}

    def headers(self) -> list[str]:
        raise NotImplementedError

    def texts(self, record: R) -> list[str]:
        raise NotImplementedError

    def sort_keys(self, record: R) -> list[Any]:
        raise NotImplementedError

    def status(self, record: R) -> str:
        raise NotImplementedError

    def colour(self, record: R, column: int) -> QColor | None:
        return None

    @override
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    @override
    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            names = self.headers()
            return names[section] if 0 <= section < len(names) else None
        return None

    @override
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][column]
        if role == SORT_ROLE:
            return self.sort_keys(record)[column]
        if role == RECORD_ID_ROLE:
            return record.id
        if role == RECORD_STATUS_ROLE:
            return self.status(record)
        if role == RECORD_INCIDENT_ROLE:
            return record.incident_id
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.colour(record, column)
        return None

    def __len__(self) -> int:
        return len(self._rows)

    def record(self, record_id: int) -> R | None:
        i = self._by_id.get(record_id)
        return self._rows[i] if i is not None else None

    def apply(self, records: Iterable[R]) -> None:
        """Add new records at the end (one insert), replace known ones in place."""
        new: dict[int, R] = {}
        for record in records:
            i = self._by_id.get(record.id)
            if i is None:
                new[record.id] = record
                continue
            self._rows[i] = record
            self._texts[i] = self.texts(record)
            self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for offset, record in enumerate(new.values()):
                self._rows.append(record)
                self._texts.append(self.texts(record))
                self._by_id[record.id] = first + offset
            self.endInsertRows()

    def refresh_texts(self) -> None:
        """Recompute every row's texts (after the language or the clock changed)."""
        self._texts = [self.texts(r) for r in self._rows]
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1)
            )


class FieldReportTableModel(_RecordTableModel[FieldReport]):
    """Citizens' field reports with their deadline and, after closure, the rating."""

    def __init__(
        self, ward_names: dict[str, str] | None = None, clock: Callable[[], datetime] | None = None
    ) -> None:
        super().__init__(ward_names)
        self.clock = clock
        # Reports with a reply queued in the outbox (backend unreachable): shown as pending.
        self.pending: set[int] = set()

    def set_pending(self, report_id: int, pending: bool) -> None:
        """Mark a report's reply as waiting to be sent (or sent)."""
        if (report_id in self.pending) == pending:
            return
        if pending:
            self.pending.add(report_id)
        else:
            self.pending.discard(report_id)
        i = self._by_id.get(report_id)
        if i is not None:
            self._texts[i] = self.texts(self._rows[i])
            self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    @override
    def headers(self) -> list[str]:
        return [
            QCoreApplication.translate("FieldReportTableModel", "Code"),
            QCoreApplication.translate("FieldReportTableModel", "Received"),
            QCoreApplication.translate("FieldReportTableModel", "Category"),
            QCoreApplication.translate("FieldReportTableModel", "Ward"),
            QCoreApplication.translate("FieldReportTableModel", "Status"),
            QCoreApplication.translate("FieldReportTableModel", "Due"),
            QCoreApplication.translate("FieldReportTableModel", "Incident"),
            QCoreApplication.translate("FieldReportTableModel", "Rating"),
        ]

    @override
    def texts(self, record: FieldReport) -> list[str]:
        return [
            record.code,
            _when(record.created_at),
            category_name(record.category.value),
            self.ward_names.get(record.ward_id, record.ward_id),
            report_status_name(record.status.value)
            + (
                " · " + QCoreApplication.translate("FieldReportTableModel", "reply pending")
                if record.id in self.pending
                else ""
            ),
            _when(record.due_at),
            f"#{record.incident_id}" if record.incident_id else "",
            stars(record.satisfaction),
        ]

    @override
    def sort_keys(self, record: FieldReport) -> list[Any]:
        return [
            record.code,
            record.created_at.timestamp(),
            record.category.value,
            record.ward_id,
            record.status.value,
            record.due_at.timestamp(),
            record.incident_id or 0,
            record.satisfaction or 0,
        ]

    @override
    def status(self, record: FieldReport) -> str:
        return record.status.value

    @override
    def colour(self, record: FieldReport, column: int) -> QColor | None:
        late = (
            column == 5
            and self.clock is not None
            and record.resolved_at is None
            and record.status.value in ("received", "in_progress")
            and record.due_at < self.clock()
        )
        return QColor("#c0392b") if late else None


class HotlineCallTableModel(_RecordTableModel[HotlineCall]):
    """Hotline calls: masked number, topic, duration, outcome."""

    @override
    def headers(self) -> list[str]:
        return [
            QCoreApplication.translate("HotlineCallTableModel", "Number"),
            QCoreApplication.translate("HotlineCallTableModel", "Time"),
            QCoreApplication.translate("HotlineCallTableModel", "Topic"),
            QCoreApplication.translate("HotlineCallTableModel", "Ward"),
            QCoreApplication.translate("HotlineCallTableModel", "Duration"),
            QCoreApplication.translate("HotlineCallTableModel", "Outcome"),
            QCoreApplication.translate("HotlineCallTableModel", "Incident"),
        ]

    @override
    def texts(self, record: HotlineCall) -> list[str]:
        minutes, seconds = divmod(record.duration_s, 60)
        return [
            record.number_masked,
            _when(record.started_at),
            category_name(record.topic.value),
            self.ward_names.get(record.ward_id or "", record.ward_id or ""),
            f"{minutes}:{seconds:02d}",
            outcome_name(record.outcome.value),
            f"#{record.incident_id}" if record.incident_id else "",
        ]

    @override
    def sort_keys(self, record: HotlineCall) -> list[Any]:
        return [
            record.number_masked,
            record.started_at.timestamp(),
            record.topic.value,
            record.ward_id or "",
            record.duration_s,
            record.outcome.value,
            record.incident_id or 0,
        ]

    @override
    def status(self, record: HotlineCall) -> str:
        return record.outcome.value
