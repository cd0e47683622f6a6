"""Incidents as a Qt model for the board: one row per incident (or per create still in the
outbox), with the SLA clock computed from an injectable clock.

The clock is a function returning an aware ``datetime``; the controller ticks :meth:`tick` once
a second and only rows whose clock text or level changed are reported. Tests pass a fake clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from typing_extensions import override

from console.models.incident_names import category_name, state_name
from server_client.contract import Incident, IncidentState
from widgets.incident_board import (
    INCIDENT_GROUP_ROLE,
    INCIDENT_ID_ROLE,
    INCIDENT_PENDING_ROLE,
    INCIDENT_PRIORITY_ROLE,
    INCIDENT_STATE_ROLE,
    INCIDENT_SUBTITLE_ROLE,
    INCIDENT_UNITS_ROLE,
    INCIDENT_WARD_ROLE,
    PENDING_KEY_ROLE,
    SLA_LEVEL_ROLE,
    SLA_SORT_ROLE,
    SLA_TEXT_ROLE,
)

ModelIndex = QModelIndex | QPersistentModelIndex
Clock = Callable[[], datetime]

# Amber when a quarter of the SLA window is left, red at a tenth, then overdue.
WARNING_FRACTION: Final = 0.25
CRITICAL_FRACTION: Final = 0.10
_FINAL: Final = frozenset({IncidentState.CLOSED, IncidentState.CANCELLED})
# Final cards sort after every open one, newest first.
_FINAL_SORT_BASE: Final = 1e12


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SlaClock:
    """Where an incident stands against its due time."""

    level: str  # ok, warning, critical, overdue, met, missed, none
    seconds_left: float | None

    @property
    def sort_key(self) -> float:
        return self.seconds_left if self.seconds_left is not None else _FINAL_SORT_BASE / 2


def sla_clock(incident: Incident, now: datetime) -> SlaClock:
    """The SLA state of ``incident`` at ``now`` (the rule the board colours by)."""
    due = incident.due_at
    if due is None or incident.state == IncidentState.CANCELLED:
        return SlaClock("none", None)
    if incident.resolved_at is not None or incident.state in _FINAL:
        met = incident.resolved_at is not None and incident.resolved_at <= due
        return SlaClock("met" if met else "missed", None)
    left = (due - now).total_seconds()
    window = max((due - incident.created_at).total_seconds(), 1.0)
    if left < 0:
        level = "overdue"
    elif left <= CRITICAL_FRACTION * window:
        level = "critical"
    elif left <= WARNING_FRACTION * window:
        level = "warning"
    else:
        level = "ok"
    return SlaClock(level, left)


def duration_text(seconds: float) -> str:
    """``2 d 3 h``, ``1 h 05 min``, ``7 min``, ``<1 min``: a clock read at a glance."""
    minutes = int(abs(seconds) // 60)
    if minutes < 1:
        return QCoreApplication.translate("IncidentBoardModel", "<1 min")
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return (
            QCoreApplication.translate("IncidentBoardModel", "%1 d %2 h")
            .replace("%1", str(days))
            .replace("%2", str(hours))
        )
    if hours:
        return (
            QCoreApplication.translate("IncidentBoardModel", "%1 h %2 min")
            .replace("%1", str(hours))
            .replace("%2", f"{mins:02d}")
        )
    return QCoreApplication.translate("IncidentBoardModel", "%1 min").replace("%1", str(mins))


def sla_text(clock: SlaClock) -> str:
    if clock.level == "met":
        return QCoreApplication.translate("IncidentBoardModel", "SLA met")
    if clock.level == "missed":
        return QCoreApplication.translate("IncidentBoardModel", "SLA missed")
    if clock.seconds_left is None:
        return ""
    if clock.level == "overdue":
        return QCoreApplication.translate("IncidentBoardModel", "overdue %1").replace(
            "%1", duration_text(clock.seconds_left)
        )
    return QCoreApplication.translate("IncidentBoardModel", "%1 left").replace(
        "%1", duration_text(clock.seconds_left)
    )


@dataclass
class _Row:
    incident: Incident
    # The idempotency key of a create not yet confirmed by the backend (the card is pending).
    pending_key: str | None = None
    # A change queued for this incident (shown on the card until applied).
    pending_change: bool = False
    clock: SlaClock = SlaClock("none", None)
    clock_text: str = ""


class IncidentBoardModel(QAbstractTableModel):
    """Incidents by id plus queued creates; one column, data in roles (see widgets.incident_board)."""

    def __init__(self, clock: Clock = utc_now, ward_names: dict[str, str] | None = None) -> None:
        super().__init__()
        self.clock = clock
        self.ward_names = dict(ward_names or {})
        self._rows: list[_Row] = []
        self._by_id: dict[int, int] = {}
        self._by_key: dict[str, int] = {}

    # -- Qt -----------------------------------------------------------------------------------

    @override
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    @override
    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("IncidentBoardModel", "Incident")
        return None

    @override
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        inc = row.incident
        if role == Qt.ItemDataRole.DisplayRole:
            return inc.title if inc.id <= 0 else f"#{inc.id} {inc.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{inc.title}\n{category_name(inc.category.value)} · {state_name(inc.state.value)}"
            )
        if role == INCIDENT_ID_ROLE:
            return max(inc.id, 0)
        if role == INCIDENT_STATE_ROLE:
            return inc.state.value
        if role == INCIDENT_WARD_ROLE:
            return inc.ward_id
        if role == INCIDENT_GROUP_ROLE:
            return inc.process_group.value
        if role == INCIDENT_UNITS_ROLE:
            return tuple(inc.unit_ids)
        if role == INCIDENT_PRIORITY_ROLE:
            return inc.priority.value
        if role == INCIDENT_PENDING_ROLE:
            return row.pending_key is not None or row.pending_change
        if role == PENDING_KEY_ROLE:
            return row.pending_key
        if role == SLA_LEVEL_ROLE:
            return row.clock.level
        if role == SLA_TEXT_ROLE:
            return row.clock_text
        if role == SLA_SORT_ROLE:
            if inc.state in _FINAL:
                return _FINAL_SORT_BASE - inc.updated_at.timestamp() / 1e3
            return row.clock.sort_key
        if role == INCIDENT_SUBTITLE_ROLE:
            parts = [
                category_name(inc.category.value),
                self.ward_names.get(inc.ward_id, inc.ward_id),
            ]
            if inc.unit_ids:
                units = QCoreApplication.translate("IncidentBoardModel", "%1 unit(s)")
                parts.append(units.replace("%1", str(len(inc.unit_ids))))
            if row.pending_key is not None or row.pending_change:
                parts.insert(0, QCoreApplication.translate("IncidentBoardModel", "pending sync"))
            return " · ".join(parts)
        return None

    # -- content ------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, incident_id: object) -> bool:
        return incident_id in self._by_id

    def incident(self, incident_id: int) -> Incident | None:
        i = self._by_id.get(incident_id)
        return self._rows[i].incident if i is not None else None

    def incidents(self) -> list[Incident]:
        return [r.incident for r in self._rows if r.incident.id > 0]

    def pending_keys(self) -> list[str]:
        return [r.pending_key for r in self._rows if r.pending_key is not None]

    def apply(self, incidents: Iterable[Incident]) -> None:
        """Insert new incidents, replace older versions of known ones (never a newer by an older)."""
        new: list[_Row] = []
        for inc in incidents:
            i = self._by_id.get(inc.id)
            if i is None:
                if any(r.incident.id == inc.id for r in new):
                    new = [r for r in new if r.incident.id != inc.id]
                new.append(self._make_row(inc))
                continue
            row = self._rows[i]
            if inc.version < row.incident.version:
                continue
            row.incident = inc
            self._clock(row)
            index = self.index(i, 0)
            self.dataChanged.emit(index, index)
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for offset, row in enumerate(new):
                self._rows.append(row)
                self._by_id[row.incident.id] = first + offset
            self.endInsertRows()

    def add_pending(self, key: str, placeholder: Incident) -> None:
        """A create waiting in the outbox: a card marked pending (its id is not known yet)."""
        if key in self._by_key:
            return
        row = self._make_row(placeholder)
        row.pending_key = key
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first)
        self._rows.append(row)
        self._by_key[key] = first
        self.endInsertRows()

    def resolve_pending(self, key: str, incident: Incident | None) -> None:
        """The backend answered a queued create (``None``: it was refused): swap the card."""
        i = self._by_key.get(key)
        if i is not None:
            self.beginRemoveRows(QModelIndex(), i, i)
            del self._rows[i]
            self.endRemoveRows()
            self._reindex()
        if incident is not None:
            self.apply([incident])

    def set_pending_change(self, incident_id: int, pending: bool) -> None:
        i = self._by_id.get(incident_id)
        if i is not None and self._rows[i].pending_change != pending:
            self._rows[i].pending_change = pending
            index = self.index(i, 0)
            self.dataChanged.emit(index, index)

    def has_pending_change(self, incident_id: int) -> bool:
        i = self._by_id.get(incident_id)
        return i is not None and self._rows[i].pending_change

    def tick(self) -> int:
        """Re-read the clock; report rows whose SLA text or level changed. Returns how many."""
        changed = 0
        for i, row in enumerate(self._rows):
            before = (row.clock.level, row.clock_text)
            self._clock(row)
            if (row.clock.level, row.clock_text) != before:
                changed += 1
                index = self.index(i, 0)
                self.dataChanged.emit(index, index, [SLA_LEVEL_ROLE, SLA_TEXT_ROLE, SLA_SORT_ROLE])
        return changed

    def sla(self, incident_id: int) -> SlaClock | None:
        i = self._by_id.get(incident_id)
        return self._rows[i].clock if i is not None else None

    # -- internals ----------------------------------------------------------------------------

    def _make_row(self, incident: Incident) -> _Row:
        row = _Row(incident)
        self._clock(row)
        return row

    def _clock(self, row: _Row) -> None:
        row.clock = sla_clock(row.incident, self.clock())
        row.clock_text = sla_text(row.clock)

    def _reindex(self) -> None:
        self._by_id = {r.incident.id: i for i, r in enumerate(self._rows) if r.pending_key is None}
        self._by_key = {r.pending_key: i for i, r in enumerate(self._rows) if r.pending_key}
