"""The field-report inbox (phản ánh hiện trường from the Hue-S app) and the hotline log.

Views only, over item models whose rows answer the roles below (the console's
``FieldReportTableModel`` and ``HotlineCallTableModel``). Intents: turn a report or a call into an
incident, link a report to an existing incident (duplicates of one problem end up on one
incident), send the citizen a status and an answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

ModelIndex = QModelIndex | QPersistentModelIndex

_BASE: Final = int(Qt.ItemDataRole.UserRole) + 200
RECORD_ID_ROLE: Final = _BASE + 1
RECORD_STATUS_ROLE: Final = _BASE + 2
RECORD_INCIDENT_ROLE: Final = _BASE + 3


class StatusFilterProxyModel(QSortFilterProxyModel):
    """Rows whose status is in the chosen set (empty: all)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.statuses: frozenset[str] = frozenset()
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_statuses(self, statuses: frozenset[str]) -> None:
        self.beginFilterChange()
        self.statuses = statuses
        self.endFilterChange()

    @override
    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        if not self.statuses:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return index.data(RECORD_STATUS_ROLE) in self.statuses


class _RecordTable(QWidget):
    """A filtered table with a detail pane; emits the id of the current row."""

    current_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proxy = StatusFilterProxyModel(self)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(False)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def set_model(self, model: QAbstractItemModel) -> None:
        self.proxy.setSourceModel(model)
        self.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)

    def current_id(self) -> int:
        index = self.view.currentIndex()
        return int(index.data(RECORD_ID_ROLE) or 0) if index.isValid() else 0

    def select_id(self, record_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(RECORD_ID_ROLE) == record_id:
                self.view.selectRow(row)
                self.view.setCurrentIndex(index)
                return True
        return False

    def show_detail(self, html: str) -> None:
        self.detail.setHtml(html)

    def _on_selection_changed(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        self.current_changed.emit(self.current_id())


class FieldReportInboxWidget(_RecordTable):
    """Citizens' field reports: triage, turn into an incident, link, reply."""

    create_incident_requested = Signal(int)
    link_requested = Signal(int, int)
    reply_requested = Signal(int, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_combo = QComboBox()
        self.status_combo.currentIndexChanged.connect(self._on_status_combo_changed)
        self.create_button = QPushButton(self.tr("Create incident"))
        self.incident_spin = QSpinBox()
        self.incident_spin.setRange(0, 2_000_000_000)
        self.incident_spin.setSpecialValueText(self.tr("incident #"))
        self.link_button = QPushButton(self.tr("Link to incident"))
        self.reply_status = QComboBox()
        self.reply_edit = QLineEdit()
        self.reply_edit.setPlaceholderText(self.tr("Answer to the citizen"))
        self.reply_button = QPushButton(self.tr("Send to citizen"))
        self.message_label = QLabel("")
        self.message_label.setStyleSheet("color: #c0392b")

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Show")))
        bar.addWidget(self.status_combo, 1)
        bar.addWidget(self.create_button)
        bar.addWidget(self.incident_spin)
        bar.addWidget(self.link_button)
        reply = QHBoxLayout()
        reply.addWidget(self.reply_status)
        reply.addWidget(self.reply_edit, 1)
        reply.addWidget(self.reply_button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.detail)
        split.setSizes([300, 120])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addLayout(reply)
        layout.addWidget(self.message_label)

        self.create_button.clicked.connect(self._on_create_button_clicked)
        self.link_button.clicked.connect(self._on_link_button_clicked)
        self.reply_button.clicked.connect(self._on_reply_button_clicked)
        self.current_changed.connect(self._on_current_changed)
        self._update_buttons()

    def set_status_choices(
        self, views: Sequence[tuple[str, frozenset[str]]], replies: Sequence[tuple[str, str]]
    ) -> None:
        """``views``: (label, statuses shown); ``replies``: (status, label) the operator may set."""
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        for label, statuses in views:
            self.status_combo.addItem(label, statuses)
        self.status_combo.blockSignals(False)
        self._on_status_combo_changed(0)
        self.reply_status.clear()
        self.reply_status.addItem(self.tr("(status unchanged)"), "")
        for value, label in replies:
            self.reply_status.addItem(label, value)

    def show_message(self, message: str) -> None:
        self.message_label.setText(message)

    def _update_buttons(self) -> None:
        index = self.view.currentIndex()
        has = index.isValid()
        linked = bool(index.data(RECORD_INCIDENT_ROLE)) if has else False
        self.create_button.setEnabled(has and not linked)
        self.link_button.setEnabled(has and not linked)
        self.reply_button.setEnabled(has)

    def _on_current_changed(self, _report_id: int) -> None:
        self.message_label.setText("")
        self._update_buttons()

    def _on_status_combo_changed(self, _index: int) -> None:
        statuses = self.status_combo.currentData()
        self.proxy.set_statuses(statuses if isinstance(statuses, frozenset) else frozenset())

    def _on_create_button_clicked(self) -> None:
        if self.current_id():
            self.create_incident_requested.emit(self.current_id())

    def _on_link_button_clicked(self) -> None:
        incident_id = self.incident_spin.value()
        if not self.current_id():
            return
        if not incident_id:
            self.message_label.setText(self.tr("Type the number of the incident to link to."))
            return
        self.link_requested.emit(self.current_id(), incident_id)

    def _on_reply_button_clicked(self) -> None:
        status = str(self.reply_status.currentData() or "")
        text = self.reply_edit.text().strip()
        if not self.current_id():
            return
        if not status and not text:
            self.message_label.setText(self.tr("Choose a status or write an answer first."))
            return
        self.message_label.setText("")
        self.reply_edit.clear()
        self.reply_requested.emit(self.current_id(), status, text)


class HotlineLogWidget(_RecordTable):
    """Calls to the 1900 1075 hotline (numbers masked); turn one into an incident."""

    create_incident_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.create_button = QPushButton(self.tr("Create incident from call"))
        self.create_button.setEnabled(False)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.create_button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.detail)
        split.setSizes([300, 80])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.create_button.clicked.connect(self._on_create_button_clicked)
        self.current_changed.connect(self._on_current_changed)

    def _on_current_changed(self, call_id: int) -> None:
        index = self.view.currentIndex()
        linked = bool(index.data(RECORD_INCIDENT_ROLE)) if index.isValid() else False
        self.create_button.setEnabled(bool(call_id) and not linked)

    def _on_create_button_clicked(self) -> None:
        if self.current_id():
            self.create_incident_requested.emit(self.current_id())
