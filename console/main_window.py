"""The operator's main window: the wall grid, the camera tree and the live alert list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QLabel, QMainWindow, QWidget
from typing_extensions import override

from widgets.alert_table import AlertTableWidget
from widgets.camera_tree import CameraTreeWidget
from widgets.city_map import CityMapWidget
from widgets.incident_desk import IncidentDeskWidget
from widgets.kpi_board import KpiBoardWidget
from widgets.video_tile import STATE_COLOURS, health_state_name
from widgets.wall_grid import WallGridWidget


class MainWindow(QMainWindow):
    """Composition of views only; the console app wires them to controllers."""

    closed = Signal()
    layout_file_chosen = Signal(str)
    push_layout_requested = Signal()
    presets_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("IOC console — Huế Intelligent Operations Center"))
        self.grid = WallGridWidget()
        self.setCentralWidget(self.grid)

        self.camera_tree = CameraTreeWidget()
        cam_dock = QDockWidget(self.tr("Cameras"), self)
        cam_dock.setObjectName("camerasDock")
        cam_dock.setWidget(self.camera_tree)
        cam_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, cam_dock)

        self.alert_table = AlertTableWidget()
        alert_dock = QDockWidget(self.tr("AI alerts"), self)
        alert_dock.setObjectName("alertsDock")
        alert_dock.setWidget(self.alert_table)
        alert_dock.setFeatures(cam_dock.features())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, alert_dock)
        self.resizeDocks([cam_dock, alert_dock], [260, 520], Qt.Orientation.Horizontal)

        # Incidents and dispatch (issue 6): board + detail, field reports, hotline.
        self.incident_desk = IncidentDeskWidget()
        incident_dock = QDockWidget(self.tr("Incidents and dispatch"), self)
        incident_dock.setObjectName("incidentsDock")
        incident_dock.setWidget(self.incident_desk)
        incident_dock.setFeatures(cam_dock.features())
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, incident_dock)

        wall_menu = self.menuBar().addMenu(self.tr("&Wall"))
        open_action = wall_menu.addAction(self.tr("Open layout…"))
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self._on_open_action_triggered)
        presets_action = wall_menu.addAction(self.tr("Presets…"))
        presets_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        presets_action.triggered.connect(self.presets_requested)
        self.push_action = wall_menu.addAction(self.tr("Push layout to the walls"))
        self.push_action.triggered.connect(self.push_layout_requested)
        self.docks = [cam_dock, alert_dock, incident_dock]

        # The KPI board and the city map (issue 7): tabbed docks, closed until asked for (View
        # menu), so the wall keeps its size; both float onto another monitor.
        self.kpi_board = KpiBoardWidget()
        self.city_map = CityMapWidget()
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        board_docks: list[QDockWidget] = []
        for title, name, widget, key in (
            (self.tr("KPI board"), "kpiDock", self.kpi_board, "Ctrl+K"),
            (self.tr("City map"), "mapDock", self.city_map, "Ctrl+M"),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(name)
            dock.setWidget(widget)
            dock.setFeatures(cam_dock.features() | QDockWidget.DockWidgetFeature.DockWidgetClosable)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            dock.hide()
            action = dock.toggleViewAction()
            action.setShortcut(QKeySequence(key))
            view_menu.addAction(action)
            board_docks.append(dock)
        self.kpi_dock, self.map_dock = board_docks
        self.tabifyDockWidget(self.kpi_dock, self.map_dock)
        # The wall keeps most of the height; the incident desk can be dragged taller.
        self.resizeDocks([incident_dock], [260], Qt.Orientation.Vertical)

        self.link_label = QLabel()
        self.health_label = QLabel()
        self.user_label = QLabel()
        bar = self.statusBar()
        bar.addPermanentWidget(self.health_label)
        bar.addPermanentWidget(self.link_label)
        bar.addPermanentWidget(self.user_label)
        self.set_link_state("connecting", "")

    def set_push_allowed(self, allowed: bool) -> None:
        """Only commanders (and admins) push layouts to the wall displays."""
        self.push_action.setVisible(allowed)

    def set_wall_mode(self, wall: bool) -> None:
        """Kiosk: the grid alone, full screen, no menus or docks."""
        for dock in self.docks:
            dock.setVisible(not wall)
        self.menuBar().setVisible(not wall)
        if wall:
            self.showFullScreen()

    def set_link_state(self, state: str, reason: str) -> None:
        names = {
            "online": self.tr("Backend online"),
            "connecting": self.tr("Connecting to backend…"),
            "offline": self.tr("Backend offline"),
        }
        colour = {"online": "#2e9d5b", "connecting": "#d19a66", "offline": "#c0392b"}.get(
            state, "#777"
        )
        self.link_label.setText(f"<span style='color:{colour}'>●</span> {names.get(state, state)}")
        self.link_label.setToolTip(reason)
        if state == "offline" and reason:
            self.statusBar().showMessage(reason, 10000)

    def set_health_summary(self, counts: dict[str, int]) -> None:
        parts = []
        for state in ("live", "connecting", "stalled", "reconnecting", "offline"):
            n = counts.get(state, 0)
            if n:
                colour = STATE_COLOURS[state]
                parts.append(
                    f"<span style='color:{colour}'>■</span> {n} {health_state_name(state)}"
                )
        self.health_label.setText("  ".join(parts))

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)

    def _on_open_action_triggered(self) -> None:
        dialog = QFileDialog(
            self, self.tr("Open wall layout"), "", self.tr("Wall layouts (*.json)")
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.layout_file_chosen)
        dialog.open()

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)
