"""The evidence player: up to four synchronised videos, one timeline, transport and bookmarks.

A view only. libVLC draws into the native surfaces (:meth:`EvidencePlayerWidget.set_cameras`
returns their window ids); the widget emits intents (``play_requested``, ``pause_requested``,
``rate_requested``, ``step_requested(+1/-1)``, ``seek_requested(ms)``,
``bookmark_requested(note)``, ``bookmark_activated(id)``, ``bookmark_delete_requested(id)``)
and shows what the playback controller tells it. Times are wall-clock ms since the epoch.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from widgets.evidence_timeline import EvidenceTimelineWidget, TimelineMark
from widgets.video_tile import VideoSurfaceWidget

RATES: Final = (0.25, 0.5, 1.0, 2.0, 4.0)
BOOKMARK_ID_ROLE: Final = Qt.ItemDataRole.UserRole + 1


class EvidencePlayerWidget(QWidget):
    """Video grid (1, 2 or 4 cameras), timeline, transport, bookmark list."""

    play_requested = Signal()
    pause_requested = Signal()
    rate_requested = Signal(float)
    step_requested = Signal(int)
    seek_requested = Signal(float)
    bookmark_requested = Signal(str)
    bookmark_activated = Signal(int)
    bookmark_delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._playing = False
        self.surfaces: list[VideoSurfaceWidget] = []
        self.titles: list[QLabel] = []
        self.video_area = QWidget()
        self.video_area.setMinimumSize(320, 180)
        self._grid = QGridLayout(self.video_area)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(2)
        self.empty_label = QLabel(
            self.tr("Select a result and press Play to review the recording around it.")
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self._grid.addWidget(self.empty_label, 0, 0)

        self.timeline = EvidenceTimelineWidget()
        self.timeline.seek_requested.connect(self.seek_requested)

        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.clicked.connect(self._on_play_button_clicked)
        self.prev_button = QPushButton(self.tr("◀ Frame"))
        self.prev_button.setToolTip(self.tr("Previous frame"))
        self.prev_button.clicked.connect(lambda: self.step_requested.emit(-1))
        self.next_button = QPushButton(self.tr("Frame ▶"))
        self.next_button.setToolTip(self.tr("Next frame"))
        self.next_button.clicked.connect(lambda: self.step_requested.emit(1))
        self.rate_combo = QComboBox()
        for rate in RATES:
            self.rate_combo.addItem(f"{rate:g}×", rate)
        self.rate_combo.setCurrentIndex(RATES.index(1.0))
        self.rate_combo.setToolTip(self.tr("Playback speed"))
        self.rate_combo.currentIndexChanged.connect(self._on_rate_combo_changed)
        self.time_label = QLabel("--:--:--.---")
        self.time_label.setMinimumWidth(110)
        self.sync_label = QLabel()
        self.sync_label.setStyleSheet("color: #7d8b99;")
        transport = QHBoxLayout()
        for widget in (self.prev_button, self.play_button, self.next_button, self.rate_combo):
            transport.addWidget(widget)
        transport.addWidget(self.time_label)
        transport.addStretch(1)
        transport.addWidget(self.sync_label)

        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Note for a bookmark at this moment"))
        self.note_edit.returnPressed.connect(self._on_bookmark_button_clicked)
        self.bookmark_button = QPushButton(self.tr("Bookmark"))
        self.bookmark_button.clicked.connect(self._on_bookmark_button_clicked)
        self.delete_button = QPushButton(self.tr("Delete bookmark"))
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        marks = QHBoxLayout()
        marks.addWidget(self.note_edit, 1)
        marks.addWidget(self.bookmark_button)
        marks.addWidget(self.delete_button)
        # A handful of bookmarks per case: a plain list widget, checkable for the export.
        self.bookmark_list = QListWidget()
        self.bookmark_list.setMaximumHeight(110)
        self.bookmark_list.setToolTip(
            self.tr("Double-click to go there; ticked bookmarks are added to the export")
        )
        self.bookmark_list.itemDoubleClicked.connect(self._on_bookmark_list_double_clicked)

        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(self.video_area, 1)
        root.addWidget(self.timeline)
        root.addLayout(transport)
        root.addLayout(marks)
        root.addWidget(self.bookmark_list)
        self.set_enabled_controls(False)

    # -- what the controller sets -------------------------------------------------------------

    def set_cameras(self, labels: Sequence[str]) -> list[int]:
        """Lay out one native surface per camera (1-4); returns their window ids."""
        for widget in [*self.surfaces, *self.titles]:
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self.surfaces, self.titles = [], []
        self.empty_label.setVisible(not labels)
        columns = 1 if len(labels) <= 1 else 2
        for index, label in enumerate(labels[:4]):
            title = QLabel(label)
            title.setStyleSheet("color: #dfe6ec; background: #20262d; padding: 1px 4px;")
            surface = VideoSurfaceWidget()
            row, col = divmod(index, columns)
            self._grid.addWidget(title, 2 * row, col)
            self._grid.addWidget(surface, 2 * row + 1, col)
            self._grid.setRowStretch(2 * row + 1, 1)
            self.titles.append(title)
            self.surfaces.append(surface)
        self.timeline.set_lanes(labels)
        self.set_enabled_controls(bool(labels))
        return [int(surface.winId()) for surface in self.surfaces]

    def set_enabled_controls(self, enabled: bool) -> None:
        for widget in (self.play_button, self.prev_button, self.next_button, self.rate_combo,
                       self.bookmark_button):  # fmt: skip
            widget.setEnabled(enabled)

    def set_playing(self, playing: bool) -> None:
        self._playing = playing
        text = self.tr("Pause") if playing else self.tr("Play")
        if self.play_button.text() != text:
            self.play_button.setText(text)

    def set_position(self, ms: float | None) -> None:
        self.timeline.set_position(ms)
        if ms is None:
            self.time_label.setText("--:--:--.---")
        else:
            moment = datetime.fromtimestamp(ms / 1000.0)
            millis = f"{moment.microsecond // 1000:03d}"
            self.time_label.setText(moment.strftime("%H:%M:%S.") + millis)

    def set_camera_state(self, index: int, text: str) -> None:
        if 0 <= index < len(self.titles):
            base = self.titles[index].text().split("  ·  ")[0]
            self.titles[index].setText(f"{base}  ·  {text}" if text else base)

    def set_bookmarks(self, rows: Sequence[tuple[int, str, str]]) -> None:
        """``(id, text, tooltip)`` per bookmark; ticks survive for ids still listed."""
        ticked = set(self.checked_bookmarks())
        self.bookmark_list.clear()
        for bookmark_id, text, tooltip in rows:
            item = QListWidgetItem(text)
            item.setData(BOOKMARK_ID_ROLE, bookmark_id)
            item.setToolTip(tooltip)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if bookmark_id in ticked else Qt.CheckState.Unchecked
            )
            self.bookmark_list.addItem(item)

    def checked_bookmarks(self) -> list[int]:
        """Ids of the bookmarks ticked for the export."""
        found: list[int] = []
        for row in range(self.bookmark_list.count()):
            item = self.bookmark_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                found.append(int(item.data(BOOKMARK_ID_ROLE)))
        return found

    def set_bookmark_checked(self, bookmark_id: int, checked: bool) -> None:
        for row in range(self.bookmark_list.count()):
            item = self.bookmark_list.item(row)
            if item.data(BOOKMARK_ID_ROLE) == bookmark_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    # -- intents ------------------------------------------------------------------------------

    def _on_play_button_clicked(self) -> None:
        (self.pause_requested if self._playing else self.play_requested).emit()

    def _on_rate_combo_changed(self, index: int) -> None:
        self.rate_requested.emit(float(self.rate_combo.itemData(index)))

    def _on_bookmark_button_clicked(self) -> None:
        if self.bookmark_button.isEnabled():
            self.bookmark_requested.emit(self.note_edit.text().strip())
            self.note_edit.clear()

    def _on_delete_button_clicked(self) -> None:
        item = self.bookmark_list.currentItem()
        if item is not None:
            self.bookmark_delete_requested.emit(int(item.data(BOOKMARK_ID_ROLE)))

    def _on_bookmark_list_double_clicked(self, item: QListWidgetItem) -> None:
        self.bookmark_activated.emit(int(item.data(BOOKMARK_ID_ROLE)))


def sample_player() -> EvidencePlayerWidget:
    """Two cameras, a minute of timeline with events and a bookmark (``widgets.preview``)."""
    widget = EvidencePlayerWidget()
    widget.set_cameras(["cam-001  Cầu Trường Tiền", "cam-003  Chợ Đông Ba"])
    start = datetime(2026, 3, 1, 8, 0).timestamp() * 1000.0
    widget.timeline.set_range(start, start + 60_000)
    widget.timeline.set_marks([
        TimelineMark("alert-1", start + 12_000, 0, "high", "#1 Wrong-way driving 75A-123.45"),
        TimelineMark("alert-2", start + 31_000, 1, "medium", "#2 Red-light running"),
        TimelineMark("alert-3", start + 44_000, 0, "critical", "#3 Accident"),
        TimelineMark("bookmark-1", start + 33_500, 0, "bookmark", "red car enters the bridge"),
    ])  # fmt: skip
    widget.set_position(start + 30_000)
    widget.set_bookmarks([(1, "01/03 08:00:33  cam-001  red car enters the bridge", "")])
    widget.sync_label.setText("sync ±40 ms")
    widget.resize(960, 720)
    return widget
