"""The records behind a KPI figure: a non-modal list dialog over any table model.

Rows carry :data:`RECORD_ID_ROLE` and :data:`RECORD_KIND_ROLE` on column 0; double-clicking
(or Enter on) a row emits ``record_activated(kind, id)``. A view only.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 40
RECORD_KIND_ROLE = Qt.ItemDataRole.UserRole + 41


class KpiRecordsDialog(QDialog):
    """Lists the incidents, field reports, alerts or calls behind a clicked bar or point."""

    record_activated = Signal(str, int)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        # The wall keeps running behind it: never modal.
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.heading = QLabel(title)
        self.heading.setWordWrap(True)
        self.count_label = QLabel()
        self.view = QTableView()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.activated.connect(self._on_view_activated)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(820, 420)

    def set_model(self, model: QAbstractItemModel, count_text: str) -> None:
        self.view.setModel(model)
        model.setParent(self)
        self.count_label.setText(count_text)
        self.view.horizontalHeader().resizeSections(QHeaderView.ResizeMode.ResizeToContents)

    def _on_view_activated(self, index: QModelIndex) -> None:
        first = index.siblingAtColumn(0)
        record_id = first.data(RECORD_ID_ROLE)
        kind = first.data(RECORD_KIND_ROLE)
        if record_id is not None and kind:
            self.record_activated.emit(str(kind), int(record_id))
