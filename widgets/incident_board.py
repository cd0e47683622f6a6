"""The incident board: a column of cards per state, an SLA clock on every card, filters.

A view only, over any item model whose rows are incidents and which answers the roles below
(the console's ``IncidentBoardModel``). Each column is a filtering proxy on that one model:
cards sort by their SLA key, so overdue incidents come first, then those due soonest. The
operator's intents: ``incident_activated(id)``, ``new_incident_requested()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

ModelIndex = QModelIndex | QPersistentModelIndex

_BASE: Final = int(Qt.ItemDataRole.UserRole) + 100
INCIDENT_ID_ROLE: Final = _BASE + 1
INCIDENT_STATE_ROLE: Final = _BASE + 2
INCIDENT_WARD_ROLE: Final = _BASE + 3
INCIDENT_GROUP_ROLE: Final = _BASE + 4
INCIDENT_UNITS_ROLE: Final = _BASE + 5
# "ok", "warning" (amber), "critical" (red), "overdue", "met", "missed", "none".
SLA_LEVEL_ROLE: Final = _BASE + 6
SLA_TEXT_ROLE: Final = _BASE + 7
# Ascending order puts overdue first, then the soonest due; closed cards last.
SLA_SORT_ROLE: Final = _BASE + 8
INCIDENT_PENDING_ROLE: Final = _BASE + 9
INCIDENT_SUBTITLE_ROLE: Final = _BASE + 10
INCIDENT_PRIORITY_ROLE: Final = _BASE + 11
PENDING_KEY_ROLE: Final = _BASE + 12

SLA_COLOURS: Final = {
    "ok": QColor("#2e9d5b"),
    "warning": QColor("#e3a21a"),
    "critical": QColor("#c0392b"),
    "overdue": QColor("#8e1b10"),
    "met": QColor("#5d6d7e"),
    "missed": QColor("#8e1b10"),
    "none": QColor("#5d6d7e"),
}
PRIORITY_COLOURS: Final = {
    "critical": QColor("#c0392b"),
    "high": QColor("#d35400"),
    "medium": QColor("#b7950b"),
    "low": QColor("#5d6d7e"),
}


@dataclass(frozen=True)
class BoardColumn:
    """One column: its (translated) title and the states it holds."""

    title: str
    states: frozenset[str]


@dataclass(frozen=True)
class BoardFilters:
    """Empty means "any"."""

    ward: str = ""
    group: str = ""
    unit: str = ""


class IncidentColumnProxy(QSortFilterProxyModel):
    """The cards of one column: its states, the board's filters, sorted by the SLA key."""

    def __init__(self, states: frozenset[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.states = states
        self.filters = BoardFilters()
        self.setSortRole(SLA_SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_filters(self, filters: BoardFilters) -> None:
        self.beginFilterChange()
        self.filters = filters
        self.endFilterChange()

    @override
    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if model.data(index, INCIDENT_STATE_ROLE) not in self.states:
            return False
        f = self.filters
        if f.ward and model.data(index, INCIDENT_WARD_ROLE) != f.ward:
            return False
        if f.group and model.data(index, INCIDENT_GROUP_ROLE) != f.group:
            return False
        return not (f.unit and f.unit not in (model.data(index, INCIDENT_UNITS_ROLE) or ()))

    @override
    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        a, b = left.data(SLA_SORT_ROLE), right.data(SLA_SORT_ROLE)
        if a == b:
            return int(left.data(INCIDENT_ID_ROLE) or 0) > int(right.data(INCIDENT_ID_ROLE) or 0)
        return float(a) < float(b)


class IncidentCardDelegate(QStyledItemDelegate):
    """Paints a card: priority stripe, title, subtitle, and the SLA clock in its colour."""

    HEIGHT: Final = 58

    @override
    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return QSize(200, self.HEIGHT)

    @override
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        painter.save()
        rect = option.rect.adjusted(2, 2, -2, -2)  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        pending = bool(index.data(INCIDENT_PENDING_ROLE))
        painter.fillRect(rect, QColor("#34495e") if selected else QColor("#22282f"))
        stripe = PRIORITY_COLOURS.get(str(index.data(INCIDENT_PRIORITY_ROLE)), QColor("#5d6d7e"))
        painter.fillRect(QRect(rect.left(), rect.top(), 4, rect.height()), stripe)
        if pending:
            painter.setPen(QPen(QColor("#bdc3c7"), 1, Qt.PenStyle.DashLine))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        text_rect = rect.adjusted(10, 4, -6, -4)
        font = QFont(option.font)  # type: ignore[attr-defined]
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#ecf0f1"))
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        metrics = painter.fontMetrics()
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, text_rect.width()),
        )
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(QColor("#bdc3c7"))
        subtitle = str(index.data(INCIDENT_SUBTITLE_ROLE) or "")
        sla = str(index.data(SLA_TEXT_ROLE) or "")
        level = str(index.data(SLA_LEVEL_ROLE) or "none")
        sla_width = metrics.horizontalAdvance(sla) + 12 if sla else 0
        bottom = QRect(text_rect.left(), text_rect.bottom() - metrics.height(), text_rect.width(),
                       metrics.height())  # fmt: skip
        painter.drawText(
            bottom.adjusted(0, 0, -sla_width, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(subtitle, Qt.TextElideMode.ElideRight, bottom.width() - sla_width),
        )
        if sla:
            clock = QRect(bottom.right() - sla_width + 1, bottom.top(), sla_width, bottom.height())
            painter.fillRect(clock, SLA_COLOURS.get(level, SLA_COLOURS["none"]))
            painter.setPen(QColor("#111111") if level == "warning" else QColor("#ffffff"))
            painter.drawText(clock, Qt.AlignmentFlag.AlignCenter, sla)
        painter.restore()


class IncidentBoardWidget(QWidget):
    """Columns of incident cards with ward / process group / unit filters."""

    incident_activated = Signal(int)
    new_incident_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: QAbstractItemModel | None = None
        self.ward_combo = QComboBox()
        self.group_combo = QComboBox()
        self.unit_combo = QComboBox()
        for combo in (self.ward_combo, self.group_combo, self.unit_combo):
            combo.addItem(self.tr("All"), "")
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.commander_button = QPushButton(self.tr("Command support view"))
        self.commander_button.setCheckable(True)
        self.commander_button.toggled.connect(self._on_commander_button_toggled)
        self.new_button = QPushButton(self.tr("New incident…"))
        self.new_button.clicked.connect(self.new_incident_requested)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Ward")))
        bar.addWidget(self.ward_combo, 1)
        bar.addWidget(QLabel(self.tr("Process group")))
        bar.addWidget(self.group_combo, 1)
        bar.addWidget(QLabel(self.tr("Unit")))
        bar.addWidget(self.unit_combo, 1)
        bar.addWidget(self.commander_button)
        bar.addWidget(self.new_button)
        self.columns_layout = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addLayout(self.columns_layout, 1)
        self.proxies: list[IncidentColumnProxy] = []
        self.views: list[QListView] = []
        self.headers: list[QLabel] = []
        self._columns: list[BoardColumn] = []
        self._delegate = IncidentCardDelegate(self)
        self.set_columns(self.default_columns())

    def default_columns(self) -> list[BoardColumn]:
        """new, dispatched, in progress, resolved, and closed together with cancelled."""
        return [
            BoardColumn(self.tr("New"), frozenset({"new"})),
            BoardColumn(self.tr("Dispatched"), frozenset({"dispatched"})),
            BoardColumn(self.tr("In progress"), frozenset({"in_progress"})),
            BoardColumn(self.tr("Resolved"), frozenset({"resolved"})),
            BoardColumn(self.tr("Closed / cancelled"), frozenset({"closed", "cancelled"})),
        ]

    def set_columns(self, columns: Sequence[BoardColumn]) -> None:
        """Replace the columns (titles already translated)."""
        while self.columns_layout.count():
            item = self.columns_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._columns = list(columns)
        self.proxies, self.views, self.headers = [], [], []
        for column in columns:
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            header = QLabel(column.title)
            header.setStyleSheet("font-weight: bold")
            view = QListView()
            view.setItemDelegate(self._delegate)
            view.setUniformItemSizes(True)
            view.setSelectionMode(QListView.SelectionMode.SingleSelection)
            view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
            proxy = IncidentColumnProxy(column.states, self)
            view.setModel(proxy)
            view.clicked.connect(self._on_view_clicked)
            view.activated.connect(self._on_view_clicked)
            box_layout.addWidget(header)
            box_layout.addWidget(view, 1)
            self.columns_layout.addWidget(box, 1)
            self.proxies.append(proxy)
            self.views.append(view)
            self.headers.append(header)
        if self.model is not None:
            self.set_model(self.model)

    def set_model(self, model: QAbstractItemModel) -> None:
        self.model = model
        for proxy in self.proxies:
            proxy.setSourceModel(model)
            proxy.sort(0, Qt.SortOrder.AscendingOrder)
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged):
            signal.connect(self._update_counts)
        self._apply_filters()

    def set_filter_choices(self, kind: str, choices: Sequence[tuple[str, str]]) -> None:
        """``kind`` is ``ward``, ``group`` or ``unit``; choices are (value, label)."""
        combo = {"ward": self.ward_combo, "group": self.group_combo, "unit": self.unit_combo}[kind]
        current = combo.currentData()
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(self.tr("All"), "")
            for value, label in choices:
                combo.addItem(label, value)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
        finally:
            combo.blockSignals(False)

    def set_commander_view(self, on: bool) -> None:
        """The duty commander's view: command-support incidents only."""
        self.commander_button.setChecked(on)

    def filters(self) -> BoardFilters:
        return BoardFilters(
            ward=str(self.ward_combo.currentData() or ""),
            group=str(self.group_combo.currentData() or ""),
            unit=str(self.unit_combo.currentData() or ""),
        )

    def cards(self, column: int) -> list[int]:
        """Incident ids of a column's cards in display order (0 for a pending one)."""
        proxy = self.proxies[column]
        return [int(proxy.index(r, 0).data(INCIDENT_ID_ROLE) or 0) for r in range(proxy.rowCount())]

    def select_incident(self, incident_id: int) -> bool:
        for proxy, view in zip(self.proxies, self.views, strict=True):
            for row in range(proxy.rowCount()):
                index = proxy.index(row, 0)
                if index.data(INCIDENT_ID_ROLE) == incident_id:
                    view.setCurrentIndex(index)
                    view.scrollTo(index)
                    return True
        return False

    def _apply_filters(self) -> None:
        filters = self.filters()
        for proxy in self.proxies:
            proxy.set_filters(filters)
        self._update_counts()

    def _update_counts(self, *_args: object) -> None:
        for column, header, proxy in zip(self._columns, self.headers, self.proxies, strict=True):
            header.setText(f"{column.title} ({proxy.rowCount()})")

    def _on_filter_changed(self, _index: int) -> None:
        group = self.group_combo.currentData()
        self.commander_button.blockSignals(True)
        self.commander_button.setChecked(group == "command_support")
        self.commander_button.blockSignals(False)
        self._apply_filters()

    def _on_commander_button_toggled(self, on: bool) -> None:
        index = self.group_combo.findData("command_support") if on else 0
        if index >= 0:
            self.group_combo.setCurrentIndex(index)

    def _on_view_clicked(self, index: QModelIndex) -> None:
        incident_id = int(index.data(INCIDENT_ID_ROLE) or 0)
        if incident_id:
            self.incident_activated.emit(incident_id)
