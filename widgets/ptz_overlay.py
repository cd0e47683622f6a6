"""Pan/tilt/zoom buttons laid over the video of a PTZ camera's tile.

The overlay is a view: pressing an arrow emits a continuous move, releasing it a stop (as ONVIF
``ContinuousMove``/``Stop`` work); the preset menu emits a go-to-preset. It is a native window of
its own because the video underneath is one: a plain Qt child would be painted beneath it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QMenu, QToolButton, QWidget

# Speeds sent while a button is held, from -1 to 1 (the wire's range).
PAN_TILT_SPEED = 0.5
ZOOM_SPEED = 0.5
PRESET_COUNT = 6

# (text, row, col, pan, tilt, zoom) of the hold-to-move buttons.
_MOVES: tuple[tuple[str, int, int, float, float, float], ...] = (
    ("▲", 0, 1, 0.0, PAN_TILT_SPEED, 0.0),
    ("◀", 1, 0, -PAN_TILT_SPEED, 0.0, 0.0),
    ("▶", 1, 2, PAN_TILT_SPEED, 0.0, 0.0),
    ("▼", 2, 1, 0.0, -PAN_TILT_SPEED, 0.0),
    ("+", 0, 3, 0.0, 0.0, ZOOM_SPEED),
    ("−", 1, 3, 0.0, 0.0, -ZOOM_SPEED),
)


class PtzOverlayWidget(QWidget):
    """A small keypad: arrows, stop, zoom in/out and a preset menu.

    ``move_requested(pan, tilt, zoom)`` while a button is pressed, ``stop_requested`` on release
    (and from the middle button), ``preset_requested(n)`` from the menu.
    """

    move_requested = Signal(float, float, float)
    stop_requested = Signal()
    preset_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ptzOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
        self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(
            "#ptzOverlay { background: #15181c; border: 1px solid #4aa3ff; border-radius: 4px; }"
            "#ptzOverlay QToolButton { color: #f0f0f0; background: #262b31; border: none;"
            " min-width: 22px; min-height: 22px; font-weight: bold; }"
            "#ptzOverlay QToolButton:pressed { background: #4aa3ff; }"
        )
        grid = QGridLayout(self)
        grid.setContentsMargins(3, 3, 3, 3)
        grid.setSpacing(2)
        self.buttons: dict[str, QToolButton] = {}
        for text, row, col, pan, tilt, zoom in _MOVES:
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(self._move_tip(pan, tilt, zoom))
            button.setAutoRepeat(False)
            button.pressed.connect(lambda p=pan, t=tilt, z=zoom: self.move_requested.emit(p, t, z))
            button.released.connect(self.stop_requested)
            grid.addWidget(button, row, col)
            self.buttons[text] = button
        stop = QToolButton(self)
        stop.setText("■")
        stop.setToolTip(self.tr("Stop"))
        stop.clicked.connect(self.stop_requested)
        grid.addWidget(stop, 1, 1)
        self.buttons["■"] = stop
        preset = QToolButton(self)
        preset.setText("P")
        preset.setToolTip(self.tr("Go to preset"))
        preset.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(preset)
        for number in range(1, PRESET_COUNT + 1):
            action = menu.addAction(self.tr("Preset %1").replace("%1", str(number)))
            action.triggered.connect(lambda _=False, n=number: self.preset_requested.emit(n))
        preset.setMenu(menu)
        grid.addWidget(preset, 2, 3)
        self.buttons["P"] = preset
        self.preset_menu = menu
        self.adjustSize()

    def _move_tip(self, pan: float, tilt: float, zoom: float) -> str:
        if zoom > 0:
            return self.tr("Zoom in (hold)")
        if zoom < 0:
            return self.tr("Zoom out (hold)")
        if tilt > 0:
            return self.tr("Tilt up (hold)")
        if tilt < 0:
            return self.tr("Tilt down (hold)")
        return self.tr("Pan left (hold)") if pan < 0 else self.tr("Pan right (hold)")
