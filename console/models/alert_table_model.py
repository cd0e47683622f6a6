"""The live alert list as a Qt table model: rows in display order plus a row cache by alert id.

Built for an alarm desk holding 100,000 alerts while 2,000 a second arrive:

- a batch of new rows is one ``beginInsertRows`` (one per contiguous run when sorted by a column
  other than time); display strings are computed once per change of a row, never in ``data()``;
- an update emits ``dataChanged`` for the changed rows only, never a range spanning the table
  (a proxy re-filters every row inside a range);
- the model sorts itself on precomputed keys (``sort``): a ``QSortFilterProxyModel`` sorting
  100,000 rows through Python ``data()`` calls takes tens of seconds;
- repeated alerts of one type on one camera within a window fold into one row with a count;
- critical rows flash, driven by one timer for the whole model;
- the snapshot column shows thumbnails that the controller loads for the visible rows only,
  kept in a bounded cache (least recently shown goes first).
"""

from __future__ import annotations

import bisect
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QImage
from typing_extensions import override

from server_client.contract import SEVERITY_RANK, Alert, AlertState, Camera, Severity
from widgets.roles import (
    ALERT_ID_ROLE,
    ALERT_IDS_ROLE,
    CAMERA_ID_ROLE,
    PENDING_ROLE,
    SEVERITY_ROLE,
    SORT_ROLE,
    STATE_ROLE,
    THUMBNAIL_WANTED_ROLE,
    TYPE_ROLE,
    WARD_ROLE,
)

_SEVERITY_COLOURS = {
    "critical": QColor("#c0392b"),
    "high": QColor("#d35400"),
    "medium": QColor("#b7950b"),
    "low": QColor("#5d6d7e"),
}
_FLASH_COLOUR = QColor(192, 57, 43, 110)
_PENDING_COLOUR = QColor("#7f8c8d")

ModelIndex = QModelIndex | QPersistentModelIndex

FALSE_POSITIVE: Final = "false_positive"
GROUP_WINDOW_S: Final = 60.0
FLASH_INTERVAL_MS: Final = 450
FLASH_SECONDS: Final = 12.0
# A storm of criticals must not turn the timer into a flood of repaints: the newest flash.
MAX_FLASHING: Final = 24
# Thumbnails held (a few screens of rows); the least recently shown is dropped first.
THUMBNAIL_CACHE: Final = 300
SNAPSHOT_COLUMN: Final = 8

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
    # Dismiss reasons.
    "false_positive": QT_TRANSLATE_NOOP("AlertTableModel", "False positive"),
    "duplicate": QT_TRANSLATE_NOOP("AlertTableModel", "Duplicate"),
    "handled": QT_TRANSLATE_NOOP("AlertTableModel", "Already handled"),
    "no_action": QT_TRANSLATE_NOOP("AlertTableModel", "No action needed"),
}
# What a pending action will turn a row into.
_ACTION_TARGET: Final = {
    "acknowledge": AlertState.ACKNOWLEDGED,
    "dismiss": AlertState.DISMISSED,
    "escalate": AlertState.ESCALATED,
}


def _t(text: str) -> str:
    return QCoreApplication.translate("AlertTableModel", text)


def display_name(value: str) -> str:
    """The operator-facing, translated name of a type, severity, state or reason value."""
    return _t(_NAMES.get(value, value))


_TIME_TEXTS: dict[int, str] = {}


def _local_time(ts: datetime) -> str:
    # Alerts arrive by the thousand per second: format each second once.
    second = int(ts.timestamp())
    text = _TIME_TEXTS.get(second)
    if text is None:
        if len(_TIME_TEXTS) > 50_000:
            _TIME_TEXTS.clear()
        text = _TIME_TEXTS[second] = ts.astimezone().strftime("%H:%M:%S")
    return text


class _Desc:
    """Wraps a sort key so that ``bisect`` works on a list sorted in descending order."""

    __slots__ = ("key",)

    def __init__(self, key: Any) -> None:
        self.key = key

    def __lt__(self, other: _Desc) -> bool:
        return bool(other.key < self.key)


class AlertRow:
    """One row: an alert, or a group of repeats of one type on one camera (newest is shown)."""

    __slots__ = (
        "alert",
        "camera",
        "first",
        "ids",
        "last_ts",
        "new_count",
        "pending",
        "search",
        "serial",
        "severity",
        "sort_key",
        "state",
        "texts",
        "type",
        "ward",
    )

    def __init__(self, serial: int, alert: Alert) -> None:
        self.serial = serial
        self.first = alert
        self.alert = alert
        # Tuples of atomic values: the collector stops tracking them (fewer objects to walk).
        self.ids: tuple[int, ...] = (alert.id,)
        self.last_ts = alert.created_at.timestamp()
        self.new_count = 1 if alert.state == AlertState.NEW else 0
        self.pending: str | None = None
        self.state = alert.state.value
        self.camera = alert.camera_id
        self.ward = alert.ward_id
        self.type = alert.type.value
        self.severity = alert.severity.value
        self.texts: tuple[str, ...] = ()
        self.search = ""
        self.sort_key: Any = serial

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass
class ApplyResult:
    """What one :meth:`AlertTableModel.apply` did, for the controller."""

    new_rows: list[AlertRow] = field(default_factory=list)
    new_alerts: int = 0
    updated: int = 0
    joined: list[AlertRow] = field(default_factory=list)


@dataclass
class _TypeStats:
    reviewed: int = 0
    false_positives: int = 0


_DISPLAY: Final = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP: Final = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND: Final = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND: Final = int(Qt.ItemDataRole.BackgroundRole)
_FONT: Final = int(Qt.ItemDataRole.FontRole)
_ALIGN: Final = int(Qt.ItemDataRole.TextAlignmentRole)
_DECORATION: Final = int(Qt.ItemDataRole.DecorationRole)


class AlertTableModel(QAbstractTableModel):
    """Alerts newest first, optionally grouped; one insert per batch; sorts on cached keys."""

    COLUMNS = ("time", "severity", "type", "camera", "ward", "state", "owner", "count", "snapshot")

    def __init__(
        self,
        parent: Any = None,
        *,
        grouping: bool = True,
        group_window_s: float = GROUP_WINDOW_S,
        flash_critical: bool = True,
    ) -> None:
        super().__init__(parent)
        self.grouping = grouping
        self.group_window_s = group_window_s
        self.flash_critical = flash_critical
        self._order: list[AlertRow] = []
        self._alerts: dict[int, Alert] = {}
        self._row_of: dict[int, AlertRow] = {}
        self._open_groups: dict[tuple[str, str], AlertRow] = {}
        self._history: dict[int, list[tuple[datetime, str, str | None, str | None]]] = {}
        self._pending: dict[int, str] = {}
        self._stats: dict[str, _TypeStats] = {}
        self._cameras: dict[str, Camera] = {}
        self._serial = 0
        self._sort_column = 0
        self._sort_order = Qt.SortOrder.DescendingOrder
        # Row positions when sorted by something else than time (rebuilt lazily).
        self._positions: dict[int, int] | None = None
        self._flashing: dict[AlertRow, float] = {}
        self._thumbnails: OrderedDict[int, QImage] = OrderedDict()
        self._flash_on = False
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(FLASH_INTERVAL_MS)
        self._flash_timer.timeout.connect(self._on_flash_timer_timeout)
        self._headers = [
            _t(QT_TRANSLATE_NOOP("AlertTableModel", "Time")),
            _t(QT_TRANSLATE_NOOP("AlertTableModel", "Severity")),
            _t(QT_TRANSLATE_NOOP("AlertTableModel", "Type")),
            _t(QT_TRANSLATE_NOOP("AlertTableModel", "Camera")),
            _t(QT_TRANSLATE_NOOP("AlertTableModel", "Ward")),
            _t(QT_TRANSLATE_NOOP("AlertTableModel", "State")),
            _t(QT_TRANSLATE_NOOP("AlertTableModel", "Owner")),
            _t(QT_TRANSLATE_NOOP("AlertTableModel", "Count")),
            _t(QT_TRANSLATE_NOOP("AlertTableModel", "Snapshot")),
        ]
        self._pending_text = _t(QT_TRANSLATE_NOOP("AlertTableModel", "%1 (pending)"))

    # -- reading ------------------------------------------------------------------------------

    def set_cameras(self, cameras: Mapping[str, Camera]) -> None:
        self._cameras = dict(cameras)
        for row in self._order:
            self._render(row)
        if self._order:
            self.dataChanged.emit(self.index(0, 3), self.index(len(self._order) - 1, 4))

    def alert(self, alert_id: int) -> Alert | None:
        return self._alerts.get(alert_id)

    def alert_count(self) -> int:
        """Alerts held (a grouped row counts each of its alerts)."""
        return len(self._alerts)

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, alert_id: object) -> bool:
        return alert_id in self._alerts

    def row_for(self, alert_id: int) -> AlertRow | None:
        return self._row_of.get(alert_id)

    def members(self, alert_id: int) -> list[int]:
        """The ids folded into the row that shows ``alert_id`` (oldest first)."""
        row = self._row_of.get(alert_id)
        return list(row.ids) if row is not None else []

    def history(self, alert_id: int) -> list[tuple[datetime, str, str | None, str | None]]:
        """State changes seen for an alert: (when, state, owner, reason), oldest first."""
        alert = self._alerts.get(alert_id)
        if alert is None:
            return []
        return [
            (alert.created_at, AlertState.NEW.value, None, None),
            *self._history.get(alert_id, []),
        ]

    def pending_action(self, alert_id: int) -> str | None:
        return self._pending.get(alert_id)

    def filter_record(self, source_row: int) -> AlertRow:
        """The row object the filter proxy tests (typed fields, lower-case search text)."""
        return self._order[source_row]

    def filter_records(self) -> Sequence[AlertRow]:
        """Every row object in row order, for a filter applied in one pass (do not modify)."""
        return self._order

    def false_positive_rates(self) -> dict[str, tuple[int, int]]:
        """Per analytics type: (dismissed as false positive, reviewed) among alerts held."""
        return {t: (s.false_positives, s.reviewed) for t, s in self._stats.items() if s.reviewed}

    def ids_in_row_order(self) -> list[int]:
        """Representative alert id of each row, top to bottom (for tests and benchmarks)."""
        return [row.alert.id for row in self._order]

    # -- writing ------------------------------------------------------------------------------

    def apply(self, alerts: Iterable[Alert]) -> ApplyResult:
        """Insert new alerts (one block per batch) and update known ones in place."""
        result = ApplyResult()
        fresh: list[AlertRow] = []
        changed: dict[int, AlertRow] = {}
        now = datetime.now(UTC)
        for alert in sorted(alerts, key=_alert_id):
            old = self._alerts.get(alert.id)
            if old is not None:
                self._update(old, alert, now, changed)
                result.updated += 1
                continue
            self._alerts[alert.id] = alert
            self._count(None, alert)
            result.new_alerts += 1
            row = self._join_group(alert)
            if row is not None:
                if row.serial not in changed and row not in fresh:
                    result.joined.append(row)
                changed[row.serial] = row
                continue
            row = AlertRow(self._serial, alert)
            self._serial += 1
            self._row_of[alert.id] = row
            if self.grouping:
                self._open_groups[(alert.camera_id, alert.type.value)] = row
            fresh.append(row)
        for row in fresh:
            changed.pop(row.serial, None)
            self._render(row)
        if fresh:
            self._insert(fresh)
            result.new_rows = fresh
            if self.flash_critical:
                self._flash([r for r in fresh if r.alert.severity == Severity.CRITICAL])
        if changed:
            for row in changed.values():
                self._render(row)
            self._emit_changed(changed.values())
            if self.flash_critical:
                self._flash([r for r in result.joined if r.alert.severity == Severity.CRITICAL])
        return result

    def set_pending(self, alert_ids: Iterable[int], action: str) -> None:
        """Show ``action`` as queued (not yet confirmed by the backend) on these alerts."""
        self._set_pending(dict.fromkeys(alert_ids, action))

    def clear_pending(self, alert_ids: Iterable[int]) -> None:
        self._set_pending(dict.fromkeys(alert_ids))

    def _set_pending(self, changes: Mapping[int, str | None]) -> None:
        rows: dict[int, AlertRow] = {}
        for aid, action in changes.items():
            row = self._row_of.get(aid)
            if action is None:
                if self._pending.pop(aid, None) is None:
                    continue
            else:
                self._pending[aid] = action
            if row is not None:
                rows[row.serial] = row
        for row in rows.values():
            row.pending = next((self._pending[i] for i in row.ids if i in self._pending), None)
            self._render(row)
        self._emit_changed(rows.values())

    def _join_group(self, alert: Alert) -> AlertRow | None:
        if not self.grouping:
            return None
        row = self._open_groups.get((alert.camera_id, alert.type.value))
        ts = alert.created_at.timestamp()
        if row is None or abs(ts - row.last_ts) > self.group_window_s:
            return None
        row.ids = (*row.ids, alert.id)
        row.last_ts = max(row.last_ts, ts)
        if alert.id > row.alert.id:
            row.alert = alert
        if alert.state == AlertState.NEW:
            row.new_count += 1
        self._row_of[alert.id] = row
        return row

    def _update(
        self, old: Alert, alert: Alert, now: datetime, changed: dict[int, AlertRow]
    ) -> None:
        self._alerts[alert.id] = alert
        self._count(old, alert)
        if old.state != alert.state:
            self._history.setdefault(alert.id, []).append(
                (now, alert.state.value, alert.owner, alert.reason)
            )
            pending = self._pending.get(alert.id)
            if pending is not None and _ACTION_TARGET.get(pending) == alert.state:
                del self._pending[alert.id]
        row = self._row_of[alert.id]
        if old.state == AlertState.NEW and alert.state != AlertState.NEW:
            row.new_count -= 1
        elif old.state != AlertState.NEW and alert.state == AlertState.NEW:
            row.new_count += 1
        if row.alert.id == alert.id:
            row.alert = alert
        if row.pending is not None:
            row.pending = next((self._pending[i] for i in row.ids if i in self._pending), None)
        changed[row.serial] = row

    def _count(self, old: Alert | None, new: Alert) -> None:
        stats = self._stats.setdefault(new.type.value, _TypeStats())
        if old is not None and old.state != AlertState.NEW:
            stats.reviewed -= 1
            stats.false_positives -= (
                old.state == AlertState.DISMISSED and old.reason == FALSE_POSITIVE
            )
        if new.state != AlertState.NEW:
            stats.reviewed += 1
            stats.false_positives += (
                new.state == AlertState.DISMISSED and new.reason == FALSE_POSITIVE
            )

    def _render(self, row: AlertRow) -> None:
        """Compute the row's display strings and search text once (never in ``data()``)."""
        alert = row.alert
        row.state = AlertState.NEW.value if row.new_count else alert.state.value
        row.severity = alert.severity.value
        camera = self._cameras.get(alert.camera_id)
        state_text = display_name(row.state)
        if row.pending is not None:
            target = _ACTION_TARGET.get(row.pending)
            state_text = self._pending_text.replace(
                "%1", display_name(target.value if target else row.pending)
            )
        time_text = row.texts[0] if row.texts else _local_time(row.first.created_at)
        row.texts = (
            time_text,
            display_name(alert.severity.value),
            display_name(alert.type.value),
            camera.name if camera else alert.camera_id,
            camera.ward_name if camera else alert.ward_id,
            state_text,
            alert.owner or "",
            str(row.count) if row.count > 1 else "",
            "",
        )
        plate = alert.attributes.get("plate", "")
        row.search = " ".join(
            (*row.texts[1:7], alert.camera_id, alert.ward_id, alert.type.value, plate)
        ).lower()

    # -- thumbnails ---------------------------------------------------------------------------

    def set_thumbnail(self, alert_id: int, image: QImage) -> None:
        """Show ``image`` in the snapshot column of the row whose newest alert is ``alert_id``."""
        row = self._row_of.get(alert_id)
        if row is None or row.alert.id != alert_id:
            return
        self._thumbnails[alert_id] = image
        self._thumbnails.move_to_end(alert_id)
        while len(self._thumbnails) > THUMBNAIL_CACHE:
            self._thumbnails.popitem(last=False)
        r = self._position(row)
        index = self.index(r, SNAPSHOT_COLUMN)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def thumbnail(self, alert_id: int) -> QImage | None:
        return self._thumbnails.get(alert_id)

    # -- insertion and sorting ----------------------------------------------------------------

    def _key(self, row: AlertRow) -> Any:
        col = (
            self.COLUMNS[self._sort_column]
            if 0 <= self._sort_column < len(self.COLUMNS)
            else "time"
        )
        if col == "time":
            return row.serial
        if col == "severity":
            return (SEVERITY_RANK[row.alert.severity], row.serial)
        if col == "count":
            return (row.count, row.serial)
        if col == "snapshot":
            return (row.alert.snapshot_url is not None, row.serial)
        return (row.texts[self.COLUMNS.index(col)].casefold(), row.serial)

    def _time_sorted(self) -> bool:
        return self._sort_column == 0

    def _insert(self, fresh: list[AlertRow]) -> None:
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        for row in fresh:
            row.sort_key = self._key(row)
        if self._time_sorted():
            # The fast path: a batch is always one block at the top (or the bottom).
            block = sorted(fresh, key=_serial, reverse=descending)
            first = 0 if descending else len(self._order)
            self.beginInsertRows(QModelIndex(), first, first + len(block) - 1)
            self._order[first:first] = block
            self.endInsertRows()
            return
        wrap = _Desc if descending else _identity
        keyed = sorted(fresh, key=lambda r: wrap(r.sort_key))
        # Positions against the current list; insert runs from the bottom up so that the
        # positions of the runs above stay valid.
        runs: list[tuple[int, list[AlertRow]]] = []
        for row in keyed:
            pos = bisect.bisect_left(
                self._order, wrap(row.sort_key), key=lambda r: wrap(r.sort_key)
            )
            if runs and runs[-1][0] == pos:
                runs[-1][1].append(row)
            else:
                runs.append((pos, [row]))
        for pos, block in reversed(runs):
            self.beginInsertRows(QModelIndex(), pos, pos + len(block) - 1)
            self._order[pos:pos] = block
            self.endInsertRows()
        self._positions = None

    @override
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on keys computed once per row (ties newest first); rows keep their keys."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [(self._order[i.row()], i.column()) for i in persistent]
        self._sort_column = column if 0 <= column < len(self.COLUMNS) else 0
        self._sort_order = order
        for row in self._order:
            row.sort_key = self._key(row)
        self._order.sort(key=_sort_key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._positions = None
        if persistent:
            pos = self._row_positions()
            self.changePersistentIndexList(
                persistent, [self.index(pos[r.serial], c) for r, c in before]
            )
        self.layoutChanged.emit()

    def _row_positions(self) -> dict[int, int]:
        if self._positions is None:
            self._positions = {r.serial: i for i, r in enumerate(self._order)}
        return self._positions

    def _position(self, row: AlertRow) -> int:
        if self._time_sorted():
            # Sorted by time the list is exactly the serials in order: no lookup needed.
            n = len(self._order)
            return (
                n - 1 - row.serial
                if self._sort_order == Qt.SortOrder.DescendingOrder
                else row.serial
            )
        return self._row_positions()[row.serial]

    def _emit_changed(self, rows: Iterable[AlertRow]) -> None:
        # One signal per row: a range spanning distant rows would make a proxy re-test every
        # row in between.
        last = len(self.COLUMNS) - 1
        for r in sorted(self._position(row) for row in rows):
            self.dataChanged.emit(self.index(r, 0), self.index(r, last))

    # -- flashing -----------------------------------------------------------------------------

    def _flash(self, rows: list[AlertRow]) -> None:
        if not rows:
            return
        deadline = time.monotonic() + FLASH_SECONDS
        for row in rows[-MAX_FLASHING:]:
            self._flashing.pop(row, None)
            self._flashing[row] = deadline
        while len(self._flashing) > MAX_FLASHING:
            oldest = next(iter(self._flashing))
            del self._flashing[oldest]
            self._emit_changed([oldest])
        if not self._flash_timer.isActive():
            self._flash_on = True
            self._flash_timer.start()

    def is_flashing(self, alert_id: int) -> bool:
        row = self._row_of.get(alert_id)
        return row is not None and row in self._flashing

    def _on_flash_timer_timeout(self) -> None:
        now = time.monotonic()
        self._flash_on = not self._flash_on
        # A flash ends when it times out or when nothing in the row is new any more.
        done = [r for r, end in self._flashing.items() if end < now or not r.new_count]
        for row in done:
            del self._flashing[row]
        if not self._flashing:
            self._flash_timer.stop()
            self._flash_on = False
        self._emit_changed([*self._flashing, *done])

    # -- Qt interface -------------------------------------------------------------------------

    @override
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

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
        r = index.row()
        if not 0 <= r < len(self._order):
            return None
        row = self._order[r]
        role = int(role)
        if role == _DISPLAY:
            return row.texts[index.column()]
        if role == _BACKGROUND:
            if self._flash_on and row in self._flashing:
                return _FLASH_COLOUR
            return None
        if role == _FOREGROUND:
            if row.pending is not None:
                return _PENDING_COLOUR
            if index.column() == 1:
                return _SEVERITY_COLOURS.get(row.alert.severity.value)
            return None
        if role == ALERT_ID_ROLE:
            return row.alert.id
        if role == ALERT_IDS_ROLE:
            return list(row.ids)
        if role == CAMERA_ID_ROLE:
            return row.alert.camera_id
        if role == SEVERITY_ROLE:
            return row.alert.severity.value
        if role == TYPE_ROLE:
            return row.alert.type.value
        if role == WARD_ROLE:
            return row.alert.ward_id
        if role == STATE_ROLE:
            return row.state
        if role == PENDING_ROLE:
            return row.pending
        if role == SORT_ROLE:
            return row.serial
        if role == _FONT:
            if row.state == AlertState.NEW.value and row.pending is None:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == _DECORATION:
            if index.column() != SNAPSHOT_COLUMN:
                return None
            image = self._thumbnails.get(row.alert.id)
            if image is not None:
                self._thumbnails.move_to_end(row.alert.id)
            return image
        if role == THUMBNAIL_WANTED_ROLE:
            return row.alert.snapshot_url is not None and row.alert.id not in self._thumbnails
        if role == _ALIGN and index.column() == 7:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == _TOOLTIP:
            return self._tooltip(row)
        return None

    def _tooltip(self, row: AlertRow) -> str:
        alert = row.alert
        parts = [f"{k}: {v}" for k, v in alert.attributes.items()]
        if row.count > 1:
            parts.append(
                _t(QT_TRANSLATE_NOOP("AlertTableModel", "%1 alerts, last at %2"))
                .replace("%1", str(row.count))
                .replace("%2", _local_time(alert.created_at))
            )
        if alert.reason:
            parts.append(display_name(alert.reason))
        return "\n".join(parts)


def _alert_id(alert: Alert) -> int:
    return alert.id


def _serial(row: AlertRow) -> int:
    return row.serial


def _sort_key(row: AlertRow) -> Any:
    return row.sort_key


def _identity(value: Any) -> Any:
    return value
