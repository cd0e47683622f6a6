"""One incident: facts, SOP checklist, timeline, lifecycle buttons, dispatch, notes, conflicts.

A view only. The console shows an :class:`IncidentView` (plain, translated values) and hears the
operator's intents: ``transition_requested(id, state, reason)``, ``step_toggled(id, step, done)``,
``note_requested(id, text)``, ``dispatch_requested(id, unit_ids)``,
``edit_requested(id, {field: value})`` (title, priority, description, address) and, when the backend said that
someone else changed the incident first, ``conflict_resolved(choice)`` with ``"reapply"`` (apply
my change on the current version) or ``"discard"``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from widgets.incident_form import UnitChoice

STEP_ID_ROLE: Final = Qt.ItemDataRole.UserRole + 50
UNIT_ID_ROLE: Final = Qt.ItemDataRole.UserRole + 51
ATTACHMENT_ROLE: Final = Qt.ItemDataRole.UserRole + 52
THUMB_SIZE: Final = QSize(112, 63)
MISSING_COLOUR: Final = QColor("#c0392b")


@dataclass(frozen=True)
class ChecklistStep:
    id: str
    label: str
    required: bool
    done: bool
    # "operator · 14:03" once done.
    done_text: str = ""


@dataclass(frozen=True)
class IncidentView:
    """What the detail shows, translated by the console."""

    incident_id: int
    title: str
    state: str
    state_label: str
    facts: Sequence[tuple[str, str]] = ()
    description: str = ""
    checklist: Sequence[ChecklistStep] = ()
    timeline: Sequence[str] = ()
    # Target states the lifecycle allows from here (raw values).
    transitions: Sequence[str] = ()
    units: Sequence[UnitChoice] = ()
    final: bool = False
    pending: str = ""
    sla_text: str = ""
    sla_level: str = "none"
    extra: dict[str, str] = field(default_factory=dict)
    # The editable fields as they are (raw values), for the edit panel.
    raw_title: str = ""
    priority: str = ""
    address: str = ""
    # (sha256, label, tooltip) of each attachment; thumbnails come through set_attachment_image.
    attachments: Sequence[tuple[str, str, str]] = ()


class IncidentDetailWidget(QWidget):
    """The incident the operator works on."""

    transition_requested = Signal(int, str, str)
    step_toggled = Signal(int, str, bool)
    note_requested = Signal(int, str)
    dispatch_requested = Signal(int, list)
    conflict_resolved = Signal(str)
    # (incident id, {field: new value}) for title, priority, description, address.
    edit_requested = Signal(int, dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: IncidentView | None = None
        self._loading = False
        # Required steps a refused close named; marked until done or another incident shows.
        self._missing: set[str] = set()
        self.title_label = QLabel(self.tr("No incident selected"))
        font = QFont(self.title_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.state_label = QLabel("")
        self.sla_label = QLabel("")
        self.pending_label = QLabel("")
        self.pending_label.setStyleSheet("color: #d19a66")
        self.facts = QFormLayout()
        self.description_label = QLabel("")
        self.description_label.setWordWrap(True)

        self.checklist = QListWidget()
        self.timeline = QListWidget()
        self.timeline.setWordWrap(True)
        self.units_list = QListWidget()
        self.units_list.setMaximumHeight(110)
        self.dispatch_button = QPushButton(self.tr("Dispatch selected units"))

        self.buttons: dict[str, QPushButton] = {
            "dispatched": QPushButton(self.tr("Mark dispatched")),
            "in_progress": QPushButton(self.tr("Start work")),
            "resolved": QPushButton(self.tr("Resolve")),
            "closed": QPushButton(self.tr("Close")),
            "cancelled": QPushButton(self.tr("Cancel incident…")),
        }
        self.reopen_button = QPushButton(self.tr("Reopen"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("Reason (needed to cancel or reopen)"))
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Add a note to the timeline"))
        self.note_button = QPushButton(self.tr("Add note"))
        self.message_label = QLabel("")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #c0392b")

        self.attachments_list = QListWidget()
        self.attachments_list.setViewMode(QListView.ViewMode.IconMode)
        self.attachments_list.setFlow(QListView.Flow.LeftToRight)
        self.attachments_list.setWrapping(False)
        self.attachments_list.setMovement(QListView.Movement.Static)
        self.attachments_list.setIconSize(THUMB_SIZE)
        self.attachments_list.setFixedHeight(THUMB_SIZE.height() + 44)
        self._thumbs: dict[str, QPixmap] = {}

        # The edit panel: title, priority, address and description, sent with If-Match.
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_frame = QFrame()
        self.edit_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.edit_title = QLineEdit()
        self.edit_title.setMaxLength(200)
        self.edit_priority = QComboBox()
        self.edit_address = QLineEdit()
        self.edit_address.setMaxLength(300)
        self.edit_address.setPlaceholderText(self.tr("Street address or landmark"))
        self.edit_description = QPlainTextEdit()
        self.edit_description.setMaximumHeight(80)
        self.save_edit_button = QPushButton(self.tr("Save changes"))
        self.cancel_edit_button = QPushButton(self.tr("Cancel"))
        edit_form = QFormLayout()
        edit_form.addRow(self.tr("Title"), self.edit_title)
        edit_form.addRow(self.tr("Priority"), self.edit_priority)
        edit_form.addRow(self.tr("Address"), self.edit_address)
        edit_form.addRow(self.tr("Description"), self.edit_description)
        edit_buttons = QHBoxLayout()
        edit_buttons.addStretch(1)
        edit_buttons.addWidget(self.cancel_edit_button)
        edit_buttons.addWidget(self.save_edit_button)
        edit_layout = QVBoxLayout(self.edit_frame)
        edit_layout.addLayout(edit_form)
        edit_layout.addLayout(edit_buttons)
        self.edit_frame.setVisible(False)

        # The conflict panel: the server's version beside the operator's change.
        self.conflict_frame = QFrame()
        self.conflict_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.conflict_frame.setStyleSheet("QFrame { border: 1px solid #d19a66 }")
        self.conflict_title = QLabel("")
        self.conflict_title.setWordWrap(True)
        self.conflict_grid = QGridLayout()
        self.reapply_button = QPushButton(self.tr("Apply my change to the current version"))
        self.discard_button = QPushButton(self.tr("Discard my change"))
        conflict_layout = QVBoxLayout(self.conflict_frame)
        conflict_layout.addWidget(self.conflict_title)
        conflict_layout.addLayout(self.conflict_grid)
        conflict_buttons = QHBoxLayout()
        conflict_buttons.addStretch(1)
        conflict_buttons.addWidget(self.discard_button)
        conflict_buttons.addWidget(self.reapply_button)
        conflict_layout.addLayout(conflict_buttons)
        self.conflict_frame.setVisible(False)

        head = QHBoxLayout()
        head.addWidget(self.title_label, 1)
        head.addWidget(self.state_label)
        head.addWidget(self.sla_label)
        head.addWidget(self.edit_button)
        lifecycle = QHBoxLayout()
        for button in self.buttons.values():
            lifecycle.addWidget(button)
        lifecycle.addWidget(self.reopen_button)
        reason_row = QHBoxLayout()
        reason_row.addWidget(QLabel(self.tr("Reason")))
        reason_row.addWidget(self.reason_edit, 1)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_edit, 1)
        note_row.addWidget(self.note_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(self.facts)
        left_layout.addWidget(self.description_label)
        left_layout.addWidget(self.attachments_list)
        left_layout.addWidget(QLabel(self.tr("SOP checklist (required steps marked *)")))
        left_layout.addWidget(self.checklist, 1)
        left_layout.addWidget(QLabel(self.tr("Units")))
        left_layout.addWidget(self.units_list)
        left_layout.addWidget(self.dispatch_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("Timeline")))
        right_layout.addWidget(self.timeline, 1)
        right_layout.addLayout(note_row)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(self.pending_label)
        layout.addWidget(self.conflict_frame)
        layout.addWidget(self.edit_frame)
        layout.addWidget(split, 1)
        layout.addLayout(lifecycle)
        layout.addLayout(reason_row)
        layout.addWidget(self.message_label)

        for state, button in self.buttons.items():
            button.clicked.connect(lambda _=False, s=state: self._on_lifecycle_clicked(s))
        self.reopen_button.clicked.connect(lambda: self._on_lifecycle_clicked("in_progress"))
        self.checklist.itemChanged.connect(self._on_checklist_item_changed)
        self.note_button.clicked.connect(self._on_note_button_clicked)
        self.note_edit.returnPressed.connect(self._on_note_button_clicked)
        self.dispatch_button.clicked.connect(self._on_dispatch_button_clicked)
        self.reapply_button.clicked.connect(lambda: self._on_conflict_choice("reapply"))
        self.discard_button.clicked.connect(lambda: self._on_conflict_choice("discard"))
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.save_edit_button.clicked.connect(self._on_save_edit_button_clicked)
        self.cancel_edit_button.clicked.connect(lambda: self.edit_frame.setVisible(False))
        self.clear()

    # -- showing ------------------------------------------------------------------------------

    def show_incident(self, view: IncidentView) -> None:
        """Show (or refresh) an incident; a message about another incident is cleared."""
        if self.view is None or self.view.incident_id != view.incident_id:
            self.message_label.setText("")
            self.conflict_frame.setVisible(False)
            self.edit_frame.setVisible(False)
            self.reason_edit.clear()
            self._missing = set()
        self.view = view
        self._loading = True
        try:
            self.title_label.setText(view.title)
            self.state_label.setText(view.state_label)
            self.sla_label.setText(view.sla_text)
            self.pending_label.setText(view.pending)
            self.pending_label.setVisible(bool(view.pending))
            while self.facts.rowCount():
                self.facts.removeRow(0)
            for name, value in view.facts:
                label = QLabel(value)
                label.setWordWrap(True)
                self.facts.addRow(name, label)
            self.description_label.setText(view.description)
            self._fill_attachments()
            self.edit_button.setEnabled(not view.final)
            self.checklist.clear()
            for step in view.checklist:
                text = f"{step.label}{' *' if step.required else ''}"
                if step.done_text:
                    text += f"  ({step.done_text})"
                item = QListWidgetItem(text)
                item.setData(STEP_ID_ROLE, step.id)
                flags = Qt.ItemFlag.ItemIsUserCheckable
                if not view.final:
                    flags |= Qt.ItemFlag.ItemIsEnabled
                item.setFlags(flags)
                item.setCheckState(Qt.CheckState.Checked if step.done else Qt.CheckState.Unchecked)
                if step.id in self._missing and not step.done:
                    _mark_missing(item)
                self.checklist.addItem(item)
            self.timeline.clear()
            self.timeline.addItems(list(view.timeline))
            self.timeline.scrollToBottom()
            self.units_list.clear()
            for unit in view.units:
                text = f"{unit.name} · {unit.kind_label}"
                if unit.busy:
                    text += " · " + self.tr("busy")
                item = QListWidgetItem(text)
                item.setData(UNIT_ID_ROLE, unit.id)
                flags = Qt.ItemFlag.ItemIsUserCheckable
                if not unit.busy:
                    flags |= Qt.ItemFlag.ItemIsEnabled
                item.setFlags(flags)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.units_list.addItem(item)
            allowed = set(view.transitions)
            for state, button in self.buttons.items():
                button.setVisible(state in allowed)
            self.reopen_button.setVisible(view.state == "resolved" and "in_progress" in allowed)
            self.buttons["in_progress"].setVisible(
                "in_progress" in allowed and view.state != "resolved"
            )
            self.dispatch_button.setEnabled(not view.final)
            self.units_list.setEnabled(not view.final)
        finally:
            self._loading = False

    def clear(self) -> None:
        self.view = None
        self.title_label.setText(self.tr("No incident selected"))
        for label in (self.state_label, self.sla_label, self.pending_label, self.message_label):
            label.setText("")
        while self.facts.rowCount():
            self.facts.removeRow(0)
        self.description_label.setText("")
        self.attachments_list.clear()
        self.attachments_list.setVisible(False)
        self.edit_frame.setVisible(False)
        self.edit_button.setEnabled(False)
        self.checklist.clear()
        self.timeline.clear()
        self.units_list.clear()
        for button in (*self.buttons.values(), self.reopen_button):
            button.setVisible(False)
        self.conflict_frame.setVisible(False)

    def show_message(self, message: str) -> None:
        self.message_label.setText(message)

    def show_checklist_blocked(self, message: str, missing_step_ids: Sequence[str]) -> None:
        """Closing was refused: say why and mark the required steps still open."""
        self.message_label.setText(message)
        self._missing = set(missing_step_ids)
        for row in range(self.checklist.count()):
            item = self.checklist.item(row)
            if item.data(STEP_ID_ROLE) in self._missing:
                _mark_missing(item)

    def show_conflict(self, message: str, rows: Sequence[tuple[str, str, str]]) -> None:
        """Someone else changed the incident first: (what, the server's value, my change)."""
        while self.conflict_grid.count():
            item = self.conflict_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.conflict_title.setText(message)
        heads = ("", self.tr("Current version (server)"), self.tr("My change"))
        for col, text in enumerate(heads):
            label = QLabel(text)
            label.setStyleSheet("font-weight: bold; border: none")
            self.conflict_grid.addWidget(label, 0, col)
        for r, (what, theirs, mine) in enumerate(rows, start=1):
            for col, text in enumerate((what, theirs, mine)):
                label = QLabel(text)
                label.setWordWrap(True)
                label.setStyleSheet("border: none")
                self.conflict_grid.addWidget(label, r, col)
        self.conflict_frame.setVisible(True)

    def set_priority_choices(self, choices: Sequence[tuple[str, str]]) -> None:
        """(value, label) of the priorities the edit panel offers."""
        self.edit_priority.clear()
        for value, label in choices:
            self.edit_priority.addItem(label, value)

    def set_attachment_image(self, sha256: str, data: bytes) -> bool:
        """The picture of an attachment, shown as its thumbnail; False if not an image."""
        image = QImage.fromData(data)
        if image.isNull():
            return False
        self._thumbs[sha256] = QPixmap.fromImage(image).scaled(
            THUMB_SIZE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self._fill_attachments()
        return True

    def _fill_attachments(self) -> None:
        self.attachments_list.clear()
        shown = self.view.attachments if self.view is not None else ()
        for sha256, label, tooltip in shown:
            item = QListWidgetItem(label or sha256[:12])
            item.setData(ATTACHMENT_ROLE, sha256)
            item.setToolTip(tooltip)
            thumb = self._thumbs.get(sha256)
            if thumb is not None:
                item.setIcon(QIcon(thumb))
            self.attachments_list.addItem(item)
        self.attachments_list.setVisible(bool(shown))

    def hide_conflict(self) -> None:
        self.conflict_frame.setVisible(False)

    def checked_units(self) -> list[str]:
        return [
            str(self.units_list.item(r).data(UNIT_ID_ROLE))
            for r in range(self.units_list.count())
            if self.units_list.item(r).checkState() == Qt.CheckState.Checked
        ]

    # -- intents ------------------------------------------------------------------------------

    def _on_lifecycle_clicked(self, state: str) -> None:
        if self.view is None:
            return
        reason = self.reason_edit.text().strip()
        if state == "cancelled" and not reason:
            self.message_label.setText(self.tr("Give a reason to cancel the incident."))
            self.reason_edit.setFocus()
            return
        if state == "in_progress" and self.view.state == "resolved" and not reason:
            self.message_label.setText(self.tr("Give a reason to reopen the incident."))
            self.reason_edit.setFocus()
            return
        self.message_label.setText("")
        self.transition_requested.emit(self.view.incident_id, state, reason)

    def _on_checklist_item_changed(self, item: QListWidgetItem) -> None:
        if self._loading or self.view is None:
            return
        done = item.checkState() == Qt.CheckState.Checked
        self.step_toggled.emit(self.view.incident_id, str(item.data(STEP_ID_ROLE)), done)

    def _on_note_button_clicked(self) -> None:
        text = self.note_edit.text().strip()
        if self.view is None or not text:
            return
        self.note_edit.clear()
        self.note_requested.emit(self.view.incident_id, text)

    def _on_dispatch_button_clicked(self) -> None:
        if self.view is None:
            return
        units = self.checked_units()
        if not units:
            self.message_label.setText(self.tr("Tick the units to dispatch first."))
            return
        self.message_label.setText("")
        self.dispatch_requested.emit(self.view.incident_id, units)

    def _on_edit_button_clicked(self) -> None:
        view = self.view
        if view is None:
            return
        self.edit_title.setText(view.raw_title)
        index = self.edit_priority.findData(view.priority)
        self.edit_priority.setCurrentIndex(max(0, index))
        self.edit_address.setText(view.address)
        self.edit_description.setPlainText(view.description)
        self.edit_frame.setVisible(True)
        self.edit_title.setFocus()

    def _on_save_edit_button_clicked(self) -> None:
        view = self.view
        if view is None:
            return
        title = self.edit_title.text().strip()
        if not title:
            self.message_label.setText(self.tr("Give the incident a title."))
            return
        edited = {
            "title": title,
            "priority": str(self.edit_priority.currentData() or view.priority),
            "address": self.edit_address.text().strip(),
            "description": self.edit_description.toPlainText().strip(),
        }
        before = {
            "title": view.raw_title, "priority": view.priority, "address": view.address,
            "description": view.description,
        }  # fmt: skip
        changes = {k: v for k, v in edited.items() if v != before[k]}
        self.edit_frame.setVisible(False)
        if not changes:
            return
        self.message_label.setText("")
        self.edit_requested.emit(view.incident_id, changes)

    def _on_conflict_choice(self, choice: str) -> None:
        self.conflict_frame.setVisible(False)
        self.conflict_resolved.emit(choice)


def _mark_missing(item: QListWidgetItem) -> None:
    item.setForeground(MISSING_COLOUR)
    font = item.font()
    font.setBold(True)
    item.setFont(font)
