"""The wall presets dialog: apply, save the current wall as, update, delete.

A view: it lists what it is given (:class:`PresetRow`) and emits intents with the row's
``key``. Where a preset is kept shows in its own column: shared on the server, private on the
server (only its owner sees it), or on this workstation only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

# Where a preset is kept: the values of PresetRow.kept and of save_requested's scope.
SHARED, PRIVATE, LOCAL = "shared", "private", "local"
_KEPT_NAMES = {
    SHARED: QT_TRANSLATE_NOOP("LayoutPresetsDialog", "Server, shared"),
    PRIVATE: QT_TRANSLATE_NOOP("LayoutPresetsDialog", "Server, private"),
    LOCAL: QT_TRANSLATE_NOOP("LayoutPresetsDialog", "This workstation only"),
}
_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class PresetRow:
    """One preset as the dialog shows it; ``key`` names it in the dialog's intents."""

    key: str
    name: str
    kept: str
    owner: str = ""
    version: int | None = None
    # Whether this user may update or delete it (shared presets: commanders and admins).
    writable: bool = True


class LayoutPresetsDialog(QDialog):
    """Lists presets; emits ``apply_requested(key)``, ``save_requested(name, kept)``,
    ``update_requested(key)``, ``delete_requested(key)`` and ``refresh_requested()``."""

    apply_requested = Signal(str)
    save_requested = Signal(str, str)
    update_requested = Signal(str)
    delete_requested = Signal(str)
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("layoutPresetsDialog")
        self.setWindowTitle(self.tr("Wall presets"))
        self.resize(640, 420)
        self._rows: dict[str, PresetRow] = {}

        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(
            [self.tr("Preset"), self.tr("Kept"), self.tr("Owner"), self.tr("Version")]
        )
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemSelectionChanged.connect(self._on_tree_item_selection_changed)
        self.tree.itemDoubleClicked.connect(self._on_tree_item_double_clicked)

        self.apply_button = QPushButton(self.tr("Apply to the wall"))
        self.apply_button.clicked.connect(self._on_apply_button_clicked)
        self.update_button = QPushButton(self.tr("Replace with the current wall"))
        self.update_button.clicked.connect(self._on_update_button_clicked)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh_requested)
        actions = QHBoxLayout()
        for button in (self.apply_button, self.update_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.refresh_button)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Name of the new preset"))
        self.name_edit.setMaxLength(120)
        self.name_edit.textChanged.connect(self._update_buttons)
        self.kept_combo = QComboBox()
        for kept in (PRIVATE, SHARED, LOCAL):
            self.kept_combo.addItem(kept_name(kept), kept)
        self.save_button = QPushButton(self.tr("Save the current wall"))
        self.save_button.clicked.connect(self._on_save_button_clicked)
        save_row = QHBoxLayout()
        save_row.addWidget(self.name_edit, 1)
        save_row.addWidget(self.kept_combo)
        save_row.addWidget(self.save_button)

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setObjectName("presetMessage")

        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(actions)
        layout.addWidget(QLabel(self.tr("Save the wall as it is now:")))
        layout.addLayout(save_row)
        layout.addWidget(self.message_label)
        self._update_buttons()

    # -- what the controller tells it ----------------------------------------------------------

    def set_presets(self, rows: Sequence[PresetRow]) -> None:
        """Show ``rows``, keeping the selection when the selected preset is still there."""
        selected = self.selected_key()
        self._rows = {row.key: row for row in rows}
        self.tree.clear()
        for row in rows:
            version = "" if row.version is None else str(row.version)
            item = QTreeWidgetItem([row.name, kept_name(row.kept), row.owner, version])
            item.setData(0, _KEY_ROLE, row.key)
            self.tree.addTopLevelItem(item)
            if row.key == selected:
                item.setSelected(True)
        self._update_buttons()

    def set_shared_allowed(self, allowed: bool) -> None:
        """Only commanders and admins save shared presets."""
        index = self.kept_combo.findData(SHARED)
        item = self.kept_combo.model().item(index)  # type: ignore[attr-defined]
        item.setEnabled(allowed)
        if not allowed and self.kept_combo.currentData() == SHARED:
            self.kept_combo.setCurrentIndex(self.kept_combo.findData(PRIVATE))

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)

    def select(self, key: str) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.data(0, _KEY_ROLE) == key:
                self.tree.setCurrentItem(item)
                return True
        return False

    def selected_key(self) -> str | None:
        items = self.tree.selectedItems()
        return str(items[0].data(0, _KEY_ROLE)) if items else None

    def row(self, key: str) -> PresetRow | None:
        return self._rows.get(key)

    # -- slots ----------------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        key = self.selected_key()
        row = self._rows.get(key) if key else None
        self.apply_button.setEnabled(row is not None)
        self.update_button.setEnabled(row is not None and row.writable)
        self.delete_button.setEnabled(row is not None and row.writable)
        self.save_button.setEnabled(bool(self.name_edit.text().strip()))

    def _on_tree_item_selection_changed(self) -> None:
        self._update_buttons()

    def _on_tree_item_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self.apply_requested.emit(str(item.data(0, _KEY_ROLE)))

    def _on_apply_button_clicked(self) -> None:
        key = self.selected_key()
        if key:
            self.apply_requested.emit(key)

    def _on_update_button_clicked(self) -> None:
        key = self.selected_key()
        if key:
            self.update_requested.emit(key)

    def _on_save_button_clicked(self) -> None:
        name = self.name_edit.text().strip()
        if name:
            self.save_requested.emit(name, str(self.kept_combo.currentData()))

    def _on_delete_button_clicked(self) -> None:
        key = self.selected_key()
        row = self._rows.get(key) if key else None
        if row is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete preset"),
            self.tr("Delete the preset “%1”?").replace("%1", row.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # open() and a signal, never exec(): the console runs one asyncio loop on Qt's.
        box.finished.connect(lambda _code, k=row.key: self._on_confirm_finished(box, k))
        self.confirm_box = box
        box.open()

    def _on_confirm_finished(self, box: QMessageBox, key: str) -> None:
        if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
            self.delete_requested.emit(key)


def kept_name(kept: str) -> str:
    """Where a preset is kept, translated."""
    return QCoreApplication.translate("LayoutPresetsDialog", str(_KEPT_NAMES.get(kept, kept)))
