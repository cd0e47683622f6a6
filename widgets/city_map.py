"""The city map: wards and communes as shapes, rivers, and markers coloured by state.

A view only. It draws the vector data shipped in ``assets/map`` (so it works with no internet),
optionally under base-map tiles the console fetches (``tiles_wanted`` → ``set_tile``), and emits
intents: ``camera_activated(camera_id)``, ``alert_activated(alert_id)``,
``incident_activated(incident_id)``, ``sensor_activated(sensor_id)``, and
``location_picked(lat, lon)`` after :meth:`pick_location` (the incident form's location) and
``area_picked(south, west, north, east)`` after :meth:`pick_area` (the evidence search area).

Scene coordinates are Web Mercator pixels at zoom :data:`SCENE_ZOOM`, so XYZ tiles line up.
Markers keep their size on screen whatever the zoom.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

import assets

MAP_FILE: Final = Path(assets.__file__).parent / "map" / "hue_demo.geojson"
SCENE_ZOOM: Final = 15
TILE: Final = 256
WORLD: Final = TILE * 2**SCENE_ZOOM
LAYERS: Final = ("cameras", "alerts", "incidents", "sensors")
KIND_ROLE: Final = 0
ID_ROLE: Final = 1

# Marker colours per layer and state.
STATE_COLOURS: Final[dict[str, str]] = {
    # cameras
    "online": "#2e9d5b",
    "degraded": "#e6c229",
    "offline": "#c0392b",
    # alerts (severity)
    "low": "#6fa8dc",
    "medium": "#e6c229",
    "high": "#f08a24",
    "critical": "#d83b35",
    # incidents
    "new": "#a47ae2",
    "dispatched": "#4aa3df",
    "in_progress": "#39c0c8",
    "overdue": "#d83b35",
    # sensors: alarm level 0..3
    "level0": "#2e9d5b",
    "level1": "#e6c229",
    "level2": "#f08a24",
    "level3": "#d83b35",
}
MARKER_PX: Final = {"cameras": 9, "alerts": 13, "incidents": 15, "sensors": 13}


def project(lat: float, lon: float) -> QPointF:
    """WGS84 → Web Mercator scene pixels at :data:`SCENE_ZOOM`."""
    x = (lon + 180.0) / 360.0 * WORLD
    s = math.sin(math.radians(max(-85.0, min(85.0, lat))))
    y = (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * WORLD
    return QPointF(x, y)


def unproject(point: QPointF) -> tuple[float, float]:
    """Scene pixels → (lat, lon)."""
    lon = point.x() / WORLD * 360.0 - 180.0
    n = math.pi - 2 * math.pi * point.y() / WORLD
    lat = math.degrees(math.atan(math.sinh(n)))
    return lat, lon


@dataclass(frozen=True)
class WardShape:
    id: str
    name: str
    kind: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (lon, lat) rings


@dataclass(frozen=True)
class MapShapes:
    """The vector data: ward and commune polygons, rivers, sensor positions."""

    wards: tuple[WardShape, ...] = ()
    rivers: tuple[tuple[str, tuple[tuple[float, float], ...]], ...] = ()
    sensors: tuple[MapMarker, ...] = ()
    demo: bool = True
    note: str = ""


@dataclass(frozen=True)
class MapMarker:
    """A point on the map; ``state`` picks its colour (see :data:`STATE_COLOURS`)."""

    id: str
    lat: float
    lon: float
    state: str = ""
    label: str = ""
    tooltip: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def load_shapes(path: Path = MAP_FILE) -> MapShapes:
    """Read the shipped GeoJSON (polygons = wards, lines = rivers, points = sensors)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    wards: list[WardShape] = []
    rivers: list[tuple[str, tuple[tuple[float, float], ...]]] = []
    sensors: list[MapMarker] = []
    for feature in doc.get("features", []):
        props = feature.get("properties", {})
        geom = feature.get("geometry", {})
        kind = geom.get("type")
        if kind == "Polygon":
            rings = tuple(
                tuple((float(x), float(y)) for x, y in ring) for ring in geom["coordinates"]
            )
            wards.append(
                WardShape(str(props.get("id", "")), str(props.get("name", "")),
                          str(props.get("kind", "ward")), rings)
            )  # fmt: skip
        elif kind == "LineString":
            line = tuple((float(x), float(y)) for x, y in geom["coordinates"])
            rivers.append((str(props.get("name", "")), line))
        elif kind == "Point":
            lon, lat = geom["coordinates"][:2]
            sensors.append(
                MapMarker(str(props.get("id", "")), float(lat), float(lon), "level0",
                          str(props.get("name", "")), extra={"kind": props.get("kind", "")})
            )  # fmt: skip
    return MapShapes(
        tuple(wards), tuple(rivers), tuple(sensors), bool(doc.get("demo")), str(doc.get("note"))
    )


class _MarkerItem(QGraphicsEllipseItem):
    """A dot of constant screen size; ``kind``/``id`` say what a click on it means."""

    def __init__(self, layer: str, marker: MapMarker) -> None:
        size = MARKER_PX[layer]
        super().__init__(-size / 2, -size / 2, size, size)
        self.layer = layer
        self.marker = marker
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setZValue({"cameras": 10, "sensors": 11, "incidents": 12, "alerts": 13}[layer])
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.apply(marker)

    def apply(self, marker: MapMarker) -> None:
        self.marker = marker
        self.setPos(project(marker.lat, marker.lon))
        colour = QColor(STATE_COLOURS.get(marker.state, "#8fa3b8"))
        self.setBrush(QBrush(colour))
        outline = "#ffffff" if self.layer in ("alerts", "incidents") else "#101418"
        self.setPen(QPen(QColor(outline), 1.5 if self.layer != "cameras" else 1.0))
        if self.layer == "alerts":
            # Alerts sit up-right of their camera so both stay clickable.
            self.setRect(QRectF(2, -13, 11, 11))
        elif self.layer == "incidents":
            self.setRect(QRectF(-15, -15, 13, 13))
        self.setToolTip(marker.tooltip or marker.label)
        self.setData(KIND_ROLE, self.layer)
        self.setData(ID_ROLE, marker.id)


class MapView(QGraphicsView):
    """Wheel zooms around the mouse, drag pans, a click on a marker is reported."""

    clicked = Signal(QPointF, object)  # scene position, the marker item or None
    view_changed = Signal()
    area_dragging = Signal(QRectF)  # scene rectangle while an area is being drawn
    area_dragged = Signal(QRectF)  # scene rectangle when the drag ends

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(QColor("#1b2229"))
        self._press: QPointF | None = None
        # While True a left drag draws an area instead of panning.
        self.area_mode = False
        self._area_from: QPointF | None = None

    @override
    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.25 if event.angleDelta().y() > 0 else 0.8
        scale = self.transform().m11() * factor
        if 2**-8 <= scale <= 2**3:
            self.scale(factor, factor)
            self.view_changed.emit()
        event.accept()

    @override
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.area_mode and event.button() == Qt.MouseButton.LeftButton:
            self._area_from = self.mapToScene(event.position().toPoint())
            event.accept()
            return
        self._press = event.position()
        super().mousePressEvent(event)

    @override
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._area_from is not None:
            here = self.mapToScene(event.position().toPoint())
            self.area_dragging.emit(QRectF(self._area_from, here).normalized())
            event.accept()
            return
        super().mouseMoveEvent(event)

    @override
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._area_from is not None:
            start, self._area_from = self._area_from, None
            here = self.mapToScene(event.position().toPoint())
            self.area_dragged.emit(QRectF(start, here).normalized())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        moved = (event.position() - press).manhattanLength()
        if moved > 4:
            self.view_changed.emit()  # a pan, not a click
            return
        pos = event.position().toPoint()
        hit = next((i for i in self.items(pos) if isinstance(i, _MarkerItem)), None)
        self.clicked.emit(self.mapToScene(pos), hit)

    @override
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.view_changed.emit()


class CityMapWidget(QWidget):
    """The map pane with layer toggles, a "fit" button and the demo-data note."""

    camera_activated = Signal(str)
    alert_activated = Signal(int)
    incident_activated = Signal(int)
    sensor_activated = Signal(str)
    location_picked = Signal(float, float)
    area_picked = Signal(float, float, float, float)  # south, west, north, east
    # The base map tiles the view needs now: (zoom, [(x, y), …]).
    tiles_wanted = Signal(int, list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = QGraphicsScene(self)
        self.view = MapView(self.scene)
        self.markers: dict[str, dict[str, _MarkerItem]] = {layer: {} for layer in LAYERS}
        self.ward_items: dict[str, QGraphicsPolygonItem] = {}
        self.ward_labels: dict[str, QGraphicsSimpleTextItem] = {}
        self.ward_centres: dict[str, tuple[float, float]] = {}
        self._tiles: dict[tuple[int, int, int], QGraphicsPixmapItem] = {}
        self._tile_zoom = -1
        self.base_map = False
        self._picking = False
        self._bounds = QRectF()
        self.area_item: QGraphicsRectItem | None = None

        self.toggles: dict[str, QCheckBox] = {}
        names = {
            "cameras": self.tr("Cameras"),
            "alerts": self.tr("Alerts"),
            "incidents": self.tr("Incidents"),
            "sensors": self.tr("Sensors"),
        }
        toolbar = QHBoxLayout()
        toolbar.setContentsMargins(0, 0, 0, 0)
        for layer in LAYERS:
            box = QCheckBox(names[layer])
            box.setChecked(True)
            box.toggled.connect(lambda on, name=layer: self.set_layer_visible(name, on))
            toolbar.addWidget(box)
            self.toggles[layer] = box
        toolbar.addStretch(1)
        self.count_label = QLabel()
        toolbar.addWidget(self.count_label)
        self.fit_button = QPushButton(self.tr("Whole city"))
        self.fit_button.clicked.connect(self.fit_city)
        toolbar.addWidget(self.fit_button)
        self.note_label = QLabel()
        self.note_label.setStyleSheet("color: #c8a040;")
        self.note_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addLayout(toolbar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note_label)

        self._tiles_timer = QTimer(self)
        self._tiles_timer.setSingleShot(True)
        self._tiles_timer.setInterval(150)
        self._tiles_timer.timeout.connect(self._emit_tiles_wanted)
        self.view.clicked.connect(self._on_view_clicked)
        self.view.view_changed.connect(self._tiles_timer.start)
        self.view.area_dragging.connect(self._show_area)
        self.view.area_dragged.connect(self._on_view_area_dragged)

    # -- vector data --------------------------------------------------------------------------

    def set_shapes(self, shapes: MapShapes) -> None:
        """Draw wards, communes and rivers; sensors become markers."""
        for item in [*self.ward_items.values(), *self.ward_labels.values()]:
            self.scene.removeItem(item)
        self.ward_items.clear()
        self.ward_labels.clear()
        label_font = QFont(self.font())
        label_font.setPointSizeF(max(7.0, label_font.pointSizeF() * 0.9))
        label_font.setBold(True)
        bounds = QRectF()
        for ward in shapes.wards:
            polygon = QPolygonF([project(lat, lon) for lon, lat in ward.rings[0]])
            item = QGraphicsPolygonItem(polygon)
            fill = QColor("#3d6b8c" if ward.kind == "ward" else "#5b7d4a")
            fill.setAlpha(70)
            item.setBrush(fill)
            item.setPen(QPen(QColor("#9fb8cc"), 0))  # cosmetic: 1 px at any zoom
            item.setZValue(1)
            item.setToolTip(ward.name)
            self.scene.addItem(item)
            self.ward_items[ward.id] = item
            centre = polygon.boundingRect().center()
            self.ward_centres[ward.id] = unproject(centre)
            text = QGraphicsSimpleTextItem(ward.name)
            text.setFont(label_font)
            text.setBrush(QColor("#f2f6f9"))
            text.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
            text.setPos(centre)
            # Above the markers (which would hide the names in a busy ward), and not clickable.
            text.setZValue(20)
            text.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self.scene.addItem(text)
            self.ward_labels[ward.id] = text
            bounds = bounds.united(polygon.boundingRect())
        for _name, line in shapes.rivers:
            path = QPainterPath()
            for i, (lon, lat) in enumerate(line):
                p = project(lat, lon)
                path.moveTo(p) if i == 0 else path.lineTo(p)
            river = QGraphicsPathItem(path)
            pen = QPen(QColor("#5aa9e6"), 3)
            pen.setCosmetic(True)
            river.setPen(pen)
            river.setZValue(2)
            self.scene.addItem(river)
        self.set_markers("sensors", shapes.sensors)
        self._bounds = bounds.adjusted(-400, -400, 400, 400)
        # Room to pan around the city, not the whole world.
        self.scene.setSceneRect(self._bounds.adjusted(-4000, -4000, 4000, 4000))
        if shapes.demo:
            self.note_label.setText(
                self.tr("Demo map data: approximate ward shapes, not official boundaries.")
            )
        self.fit_city()

    def fit_city(self) -> None:
        if not self._bounds.isEmpty():
            self.view.fitInView(self._bounds, Qt.AspectRatioMode.KeepAspectRatio)
            self.view.view_changed.emit()

    def centre_on(self, lat: float, lon: float, zoom: float | None = None) -> None:
        """Centre the view on a place, at a web-map zoom level (15: a few streets) if given."""
        if zoom is not None:
            scale = 2 ** (zoom - SCENE_ZOOM)
            self.view.resetTransform()
            self.view.scale(scale, scale)
        self.view.centerOn(project(lat, lon))
        self.view.view_changed.emit()

    # -- markers ------------------------------------------------------------------------------

    def set_markers(self, layer: str, markers: Iterable[MapMarker]) -> None:
        """Replace a layer's markers (items are reused by id)."""
        items = self.markers[layer]
        wanted = {m.id: m for m in markers}
        for marker_id in [i for i in items if i not in wanted]:
            self.scene.removeItem(items.pop(marker_id))
        for marker in wanted.values():
            self.update_marker(layer, marker)
        self._update_count()

    def update_marker(self, layer: str, marker: MapMarker) -> None:
        item = self.markers[layer].get(marker.id)
        if item is None:
            item = _MarkerItem(layer, marker)
            item.setVisible(self.toggles[layer].isChecked())
            self.scene.addItem(item)
            self.markers[layer][marker.id] = item
            self._update_count()
        else:
            item.apply(marker)

    def remove_marker(self, layer: str, marker_id: str) -> None:
        item = self.markers[layer].pop(marker_id, None)
        if item is not None:
            self.scene.removeItem(item)
            self._update_count()

    def marker(self, layer: str, marker_id: str) -> MapMarker | None:
        item = self.markers[layer].get(marker_id)
        return item.marker if item is not None else None

    def marker_view_pos(self, layer: str, marker_id: str) -> QPointF:
        """Where a marker's dot is drawn, in view (viewport) coordinates (for tests)."""
        item = self.markers[layer][marker_id]
        centre = item.rect().center()
        return QPointF(self.view.mapFromScene(item.pos())) + centre

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        for item in self.markers[layer].values():
            item.setVisible(visible)
        if self.toggles[layer].isChecked() != visible:
            self.toggles[layer].setChecked(visible)

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("%1 cameras · %2 alerts · %3 incidents")
            .replace("%1", str(len(self.markers["cameras"])))
            .replace("%2", str(len(self.markers["alerts"])))
            .replace("%3", str(len(self.markers["incidents"])))
        )

    # -- clicks -------------------------------------------------------------------------------

    def pick_location(self) -> None:
        """The next click on the map is a location: ``location_picked(lat, lon)``."""
        self._picking = True
        self.view.viewport().setCursor(Qt.CursorShape.CrossCursor)

    def pick_area(self) -> None:
        """The next drag on the map draws a rectangle: ``area_picked(south, west, north, east)``."""
        self.view.area_mode = True
        self.view.viewport().setCursor(Qt.CursorShape.CrossCursor)

    def clear_area(self) -> None:
        if self.area_item is not None:
            self.scene.removeItem(self.area_item)
            self.area_item = None

    def _show_area(self, rect: QRectF) -> None:
        if self.area_item is None:
            self.area_item = QGraphicsRectItem()
            pen = QPen(QColor("#39c0c8"), 2)
            pen.setCosmetic(True)
            self.area_item.setPen(pen)
            fill = QColor("#39c0c8")
            fill.setAlpha(40)
            self.area_item.setBrush(fill)
            self.area_item.setZValue(30)
            self.area_item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self.scene.addItem(self.area_item)
        self.area_item.setRect(rect)

    def _on_view_area_dragged(self, rect: QRectF) -> None:
        self.view.area_mode = False
        self.view.viewport().unsetCursor()
        self._show_area(rect)
        north, west = unproject(rect.topLeft())
        south, east = unproject(rect.bottomRight())
        self.area_picked.emit(south, west, north, east)

    def _on_view_clicked(self, scene_pos: QPointF, item: object) -> None:
        if self._picking:
            self._picking = False
            self.view.viewport().unsetCursor()
            lat, lon = unproject(scene_pos)
            self.location_picked.emit(lat, lon)
            return
        if not isinstance(item, _MarkerItem):
            return
        marker_id = item.marker.id
        if item.layer == "cameras":
            self.camera_activated.emit(marker_id)
        elif item.layer == "alerts":
            self.alert_activated.emit(int(marker_id))
        elif item.layer == "incidents":
            self.incident_activated.emit(int(marker_id))
        else:
            self.sensor_activated.emit(marker_id)

    # -- base map -----------------------------------------------------------------------------

    def set_base_map(self, enabled: bool) -> None:
        """With a tile server configured the view asks for tiles as it moves."""
        self.base_map = enabled
        if enabled:
            self._tiles_timer.start()
        else:
            self._drop_tiles()

    def _drop_tiles(self) -> None:
        for item in self._tiles.values():
            self.scene.removeItem(item)
        self._tiles.clear()

    def tile_zoom(self) -> int:
        scale = self.view.transform().m11()
        return max(0, min(19, SCENE_ZOOM + round(math.log2(max(scale, 1e-6)))))

    def visible_tiles(self) -> tuple[int, list[tuple[int, int]]]:
        z = self.tile_zoom()
        rect = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        size = TILE * 2 ** (SCENE_ZOOM - z)
        n = 2**z
        xs = range(max(0, int(rect.left() // size)), min(n - 1, int(rect.right() // size)) + 1)
        ys = range(max(0, int(rect.top() // size)), min(n - 1, int(rect.bottom() // size)) + 1)
        return z, [(x, y) for y in ys for x in xs]

    def _emit_tiles_wanted(self) -> None:
        if not self.base_map:
            return
        z, tiles = self.visible_tiles()
        if z != self._tile_zoom:
            # Another zoom: the old tiles would be blurry or tiny under the new ones.
            self._drop_tiles()
            self._tile_zoom = z
        missing = [(x, y) for x, y in tiles if (z, x, y) not in self._tiles]
        if missing:
            self.tiles_wanted.emit(z, missing)

    def set_tile(self, z: int, x: int, y: int, data: bytes) -> bool:
        """Place a fetched tile (PNG/JPEG bytes); False if it is not an image."""
        if z != self.tile_zoom() or (z, x, y) in self._tiles:
            return False  # the view has moved to another zoom since it asked
        if z != self._tile_zoom:
            self._drop_tiles()
            self._tile_zoom = z
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            return False
        item = QGraphicsPixmapItem(pixmap)
        scale = 2 ** (SCENE_ZOOM - z) * TILE / max(1, pixmap.width())
        item.setScale(scale)
        item.setPos(x * TILE * 2 ** (SCENE_ZOOM - z), y * TILE * 2 ** (SCENE_ZOOM - z))
        item.setZValue(-100)
        item.setOpacity(0.85)
        self.scene.addItem(item)
        self._tiles[(z, x, y)] = item
        return True

    def tile_count(self) -> int:
        return len(self._tiles)


def sample_map() -> CityMapWidget:
    """The map with the shipped shapes and a few made-up markers (``widgets.preview map``)."""
    widget = CityMapWidget()
    shapes = load_shapes()
    widget.set_shapes(shapes)
    cams: Sequence[tuple[str, float, float, str, str]] = (
        ("cam-001", 16.4679, 107.5889, "online", "Cầu Trường Tiền"),
        ("cam-002", 16.4612, 107.5962, "online", "Ngã sáu Hùng Vương"),
        ("cam-003", 16.4698, 107.5786, "degraded", "Đại Nội – Ngọ Môn"),
        ("cam-004", 16.4725, 107.5887, "online", "Chợ Đông Ba"),
        ("cam-005", 16.4581, 107.5545, "online", "Kim Long"),
        ("cam-006", 16.4735, 107.6040, "offline", "Đập Đá"),
        ("cam-007", 16.4550, 107.6050, "online", "An Cựu"),
        ("cam-008", 16.4300, 107.5650, "online", "Thủy Xuân"),
        ("cam-009", 16.5580, 107.3600, "online", "Phong Điền"),
        ("cam-010", 16.5850, 107.5080, "online", "Quảng Điền"),
    )
    widget.set_markers(
        "cameras", [MapMarker(c, lat, lon, st, name) for c, lat, lon, st, name in cams]
    )
    widget.set_markers(
        "alerts",
        [
            MapMarker("101", 16.4679, 107.5889, "high", "Wrong-way driving"),
            MapMarker("102", 16.4581, 107.5545, "critical", "Flooding"),
            MapMarker("103", 16.4612, 107.5962, "medium", "No helmet"),
        ],
    )
    widget.set_markers(
        "incidents",
        [
            MapMarker("7", 16.4560, 107.5560, "dispatched", "Flooded street"),
            MapMarker("8", 16.4720, 107.6030, "overdue", "Fallen tree"),
        ],
    )
    sensors = {s.id: s for s in shapes.sensors}
    widget.update_marker(
        "sensors",
        MapMarker("kim-long", sensors["kim-long"].lat, sensors["kim-long"].lon, "level2",
                  "Kim Long", "Kim Long 2.47 m (BĐ2)"),
    )  # fmt: skip
    widget.resize(1100, 800)
    return widget
