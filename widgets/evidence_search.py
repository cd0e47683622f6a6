"""The police liaison's evidence panel: criteria, thumbnail results, player, export and verify.

A view only: it emits ``search_requested`` (criteria as a dict), ``export_requested`` (selected
rows and the seconds of video around each event), ``verify_requested`` (a package path),
``play_requested`` (selected rows and how many nearby cameras to add) and
``area_pick_requested`` (draw the search area on the city map), and shows what the controller
tells it (busy, progress, status, verdict, the area's cameras). The player on the right is an
:class:`EvidencePlayerWidget`. Case number and reason are required before anything is asked
of the backend: every search, view and export is audited with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDateTime, QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from widgets.evidence_player import EvidencePlayerWidget

COLOURS = ("white", "black", "silver", "grey", "red", "blue", "yellow", "green", "brown")
VEHICLES = ("car", "motorbike", "truck", "bus")


class EvidenceSearchWidget(QWidget):
    """Criteria form, results grid (thumbnails, paged by the model), export and verify."""

    search_requested = Signal(dict)
    export_requested = Signal(list, int)
    verify_requested = Signal(str)
    play_requested = Signal(list, int)
    area_pick_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_edit = QLineEdit()
        self.case_edit.setPlaceholderText(self.tr("e.g. HS-2026-0815"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("Why you need this evidence"))
        now = QDateTime.currentDateTime()
        self.from_edit = QDateTimeEdit(now.addDays(-1))
        self.to_edit = QDateTimeEdit(now.addSecs(3600))
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.camera_combo = QComboBox()
        self.type_combo = QComboBox()
        self.plate_edit = QLineEdit()
        self.plate_edit.setPlaceholderText(self.tr("Any part, e.g. 123.4"))
        self.colour_combo = QComboBox()
        self.vehicle_combo = QComboBox()
        self._fill_vehicle_choices()
        self.set_choices([], [])
        # The search area drawn on the city map: while set, it chooses the cameras. The polygon
        # (lat, lon vertices) goes to the backend, which scopes the search; the camera list is
        # what the console found inside it, shown to the officer.
        self._area_cameras: list[str] | None = None
        self._area: list[tuple[float, float]] | None = None
        self.area_button = QPushButton(self.tr("Area on map…"))
        self.area_button.setToolTip(self.tr("Drag a rectangle on the city map"))
        self.area_button.clicked.connect(self.area_pick_requested)
        self.area_clear_button = QPushButton(self.tr("Clear area"))
        self.area_clear_button.clicked.connect(lambda: self.set_area_cameras(None))
        self.area_label = QLabel()
        self.set_area_cameras(None)

        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self._on_search_button_clicked)
        self.plate_edit.returnPressed.connect(self._on_search_button_clicked)

        form = QFormLayout()
        form.addRow(self.tr("Case number"), self.case_edit)
        form.addRow(self.tr("Reason"), self.reason_edit)
        span = QHBoxLayout()
        span.addWidget(self.from_edit)
        span.addWidget(QLabel("–"))
        span.addWidget(self.to_edit)
        form.addRow(self.tr("Time"), span)
        form.addRow(self.tr("Camera"), self.camera_combo)
        area = QHBoxLayout()
        area.addWidget(self.area_button)
        area.addWidget(self.area_clear_button)
        area.addWidget(self.area_label, 1)
        form.addRow(self.tr("Area"), area)
        form.addRow(self.tr("Analytics"), self.type_combo)
        form.addRow(self.tr("Plate"), self.plate_edit)
        vehicle = QGridLayout()
        vehicle.addWidget(self.colour_combo, 0, 0)
        vehicle.addWidget(self.vehicle_combo, 0, 1)
        form.addRow(self.tr("Vehicle"), vehicle)

        self.results = QListView()
        self.results.setViewMode(QListView.ViewMode.IconMode)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setMovement(QListView.Movement.Static)
        self.results.setIconSize(QSize(192, 108))
        self.results.setGridSize(QSize(210, 180))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results.doubleClicked.connect(self._on_results_double_clicked)

        self.seconds_spin = QSpinBox()
        self.seconds_spin.setRange(2, 600)
        self.seconds_spin.setValue(10)
        self.seconds_spin.setSuffix(self.tr(" s before and after"))
        self.export_button = QPushButton(self.tr("Export selected…"))
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.verify_button = QPushButton(self.tr("Verify package…"))
        self.verify_button.clicked.connect(self._on_verify_button_clicked)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.play_button = QPushButton(self.tr("Play selected"))
        self.play_button.setToolTip(
            self.tr("Play the recording around the selected events (up to four cameras)")
        )
        self.play_button.clicked.connect(self._on_play_button_clicked)
        self.nearby_spin = QSpinBox()
        self.nearby_spin.setRange(0, 3)
        self.nearby_spin.setPrefix(self.tr("+ nearby cameras: "))

        actions = QHBoxLayout()
        actions.addWidget(self.seconds_spin)
        actions.addWidget(self.export_button)
        actions.addWidget(self.verify_button)
        actions.addStretch(1)
        actions.addWidget(self.search_button)
        playing = QHBoxLayout()
        playing.addWidget(self.play_button)
        playing.addWidget(self.nearby_spin)
        playing.addStretch(1)

        search = QWidget()
        left = QVBoxLayout(search)
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(form)
        left.addLayout(actions)
        left.addWidget(self.results, 1)
        left.addLayout(playing)
        left.addWidget(self.progress)
        left.addWidget(self.status)
        self.player = EvidencePlayerWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(search)
        self.splitter.addWidget(self.player)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        root = QVBoxLayout(self)
        root.addWidget(self.splitter)

    # -- what the controller sets -------------------------------------------------------------

    def set_model(self, model: QAbstractItemModel) -> None:
        self.results.setModel(model)

    def set_choices(
        self, cameras: Sequence[tuple[str, str]], types: Sequence[tuple[str, str]]
    ) -> None:
        """Cameras and analytics types as ``(value, label)``; "all" comes first in each."""
        self.camera_combo.clear()
        self.camera_combo.addItem(self.tr("All cameras"), None)
        for value, label in cameras:
            self.camera_combo.addItem(label, value)
        self.type_combo.clear()
        self.type_combo.addItem(self.tr("All analytics"), None)
        for value, label in types:
            self.type_combo.addItem(label, value)

    def set_busy(self, busy: bool) -> None:
        self.search_button.setEnabled(not busy)
        self.export_button.setEnabled(not busy)

    def set_progress(self, percent: int | None) -> None:
        """Show the export progress bar at ``percent``; None hides it."""
        self.progress.setVisible(percent is not None)
        if percent is not None:
            self.progress.setValue(max(0, min(100, percent)))

    def show_status(self, text: str, ok: bool | None = None) -> None:
        """A message under the results; green when ``ok``, red when not ok."""
        colour = {True: "#2e9d5b", False: "#c0392b"}.get(ok) if ok is not None else None
        self.status.setStyleSheet(f"color: {colour};" if colour else "")
        self.status.setText(text)

    # -- what it asks for ---------------------------------------------------------------------

    def criteria(self) -> dict[str, Any]:
        """The form as search criteria (times in UTC; empty fields left out)."""
        start = self.from_edit.dateTime().toSecsSinceEpoch()
        end = self.to_edit.dateTime().toSecsSinceEpoch()
        result: dict[str, Any] = {
            "case_number": self.case_edit.text().strip(),
            "reason": self.reason_edit.text().strip(),
            "start": datetime.fromtimestamp(start, UTC),
            # The editor shows minutes: "to 10:15" includes all of 10:15.
            "end": datetime.fromtimestamp(end - end % 60, UTC) + timedelta(minutes=1),
        }
        camera = self.camera_combo.currentData()
        if self._area is not None:
            result["area"] = [{"lat": lat, "lon": lon} for lat, lon in self._area]
        elif self._area_cameras is not None:
            result["camera_ids"] = list(self._area_cameras)
        elif camera:
            result["camera_ids"] = [camera]
        kind = self.type_combo.currentData()
        if kind:
            result["types"] = [kind]
        if self.plate_edit.text().strip():
            result["plate"] = self.plate_edit.text().strip()
        if self.colour_combo.currentData():
            result["vehicle_colour"] = self.colour_combo.currentData()
        if self.vehicle_combo.currentData():
            result["vehicle_type"] = self.vehicle_combo.currentData()
        return result

    def selected_rows(self) -> list[int]:
        return sorted(i.row() for i in self.results.selectionModel().selectedIndexes())

    def _case_given(self) -> bool:
        if self.case_edit.text().strip() and self.reason_edit.text().strip():
            return True
        self.show_status(self.tr("Enter the case number and the reason first."), False)
        (self.reason_edit if self.case_edit.text().strip() else self.case_edit).setFocus()
        return False

    def set_area_cameras(
        self,
        camera_ids: Sequence[str] | None,
        area: Sequence[tuple[float, float]] | None = None,
    ) -> None:
        """The cameras inside the area drawn on the map (None: no area, the combo decides).

        With ``area`` (the drawn outline as ``(lat, lon)`` vertices) a search sends the area
        and the backend picks the cameras; without it, it sends ``camera_ids``.
        """
        self._area_cameras = None if camera_ids is None else list(camera_ids)
        self._area = None if camera_ids is None or area is None else list(area)
        self.camera_combo.setEnabled(camera_ids is None)
        self.area_clear_button.setEnabled(camera_ids is not None)
        if camera_ids is None:
            self.area_label.setText("")
        else:
            self.area_label.setText(
                self.tr("%1 cameras in the area").replace("%1", str(len(camera_ids)))
            )
            self.area_label.setToolTip(", ".join(camera_ids))

    def area_cameras(self) -> list[str] | None:
        return None if self._area_cameras is None else list(self._area_cameras)

    def area(self) -> list[tuple[float, float]] | None:
        """The search area's vertices ``(lat, lon)``, or None."""
        return None if self._area is None else list(self._area)

    def _on_search_button_clicked(self) -> None:
        if not self._case_given():
            return
        if self._area_cameras is not None and not self._area_cameras:
            self.show_status(self.tr("No camera in the area: draw a larger one."), False)
            return
        self.search_requested.emit(self.criteria())

    def _on_export_button_clicked(self) -> None:
        if not self._case_given():
            return
        rows = self.selected_rows() if self.results.selectionModel() is not None else []
        if not rows and not self.player.checked_bookmarks():
            self.show_status(self.tr("Select the events to export first."), False)
            return
        self.export_requested.emit(rows, self.seconds_spin.value())

    def _on_play_button_clicked(self) -> None:
        if not self._case_given():
            return
        rows = self.selected_rows() if self.results.selectionModel() is not None else []
        if not rows:
            self.show_status(self.tr("Select the events to play first."), False)
            return
        self.play_requested.emit(rows, self.nearby_spin.value())

    def _on_results_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and self._case_given():
            self.play_requested.emit([index.row()], self.nearby_spin.value())

    def _on_verify_button_clicked(self) -> None:
        dialog = QFileDialog(
            self, self.tr("Verify evidence package"), "", self.tr("Evidence packages (*.zip)")
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.verify_requested)
        dialog.open()

    def _fill_vehicle_choices(self) -> None:
        colours = {
            "white": self.tr("white"), "black": self.tr("black"), "silver": self.tr("silver"),
            "grey": self.tr("grey"), "red": self.tr("red"), "blue": self.tr("blue"),
            "yellow": self.tr("yellow"), "green": self.tr("green"), "brown": self.tr("brown"),
        }  # fmt: skip
        vehicles = {
            "car": self.tr("car"), "motorbike": self.tr("motorbike"),
            "truck": self.tr("truck"), "bus": self.tr("bus"),
        }  # fmt: skip
        self.colour_combo.addItem(self.tr("Any colour"), None)
        for value in COLOURS:
            self.colour_combo.addItem(colours[value], value)
        self.vehicle_combo.addItem(self.tr("Any vehicle"), None)
        for value in VEHICLES:
            self.vehicle_combo.addItem(vehicles[value], value)
