"""The live AI alert list: a filterable, sortable table view over the console's alert model."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from widgets.roles import ALERT_ID_ROLE, SORT_ROLE


class AlertTableWidget(QWidget):
    """Alert list with free-text filter. Emits intents; never calls a service.

    - ``alert_activated(alert_id)`` when the operator clicks or presses Enter on a row;
    - ``acknowledge_requested(ids)`` from the button or the ``A`` shortcut.
    """

    alert_activated = Signal(int)
    acknowledge_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter alerts (type, camera, ward, state)…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.count_label = QLabel("")
        self.ack_button = QPushButton(self.tr("Acknowledge"))
        self.ack_button.setToolTip(self.tr("Acknowledge the selected alerts (A)"))
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.ack_button)
        top.addWidget(self.count_label)

        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.view.clicked.connect(self._on_view_clicked)
        self.view.activated.connect(self._on_view_clicked)
        self.ack_button.clicked.connect(self._on_ack_clicked)
        QShortcut(QKeySequence("A"), self.view, activated=self._on_ack_clicked)

    def set_model(self, model: QAbstractItemModel) -> None:
        self.proxy.setSourceModel(model)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        model.rowsInserted.connect(self._update_count)
        model.modelReset.connect(self._update_count)
        self._update_count()

    def selected_alert_ids(self) -> list[int]:
        rows = self.view.selectionModel().selectedRows()
        return [int(r.data(ALERT_ID_ROLE)) for r in rows if r.data(ALERT_ID_ROLE) is not None]

    def _update_count(self, *_args: object) -> None:
        self.count_label.setText(self.tr("%n alert(s)", "", self.proxy.sourceModel().rowCount()))

    def _on_view_clicked(self, index: QModelIndex) -> None:
        alert_id = index.siblingAtColumn(0).data(ALERT_ID_ROLE)
        if alert_id is not None:
            self.alert_activated.emit(int(alert_id))

    def _on_ack_clicked(self) -> None:
        ids = self.selected_alert_ids()
        if ids:
            self.acknowledge_requested.emit(ids)
