"""Item-data roles shared by the console's models and the widgets that show them."""

from __future__ import annotations

from PySide6.QtCore import Qt

CAMERA_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ALERT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 4
# Every alert id a (grouped) row stands for, oldest first.
ALERT_IDS_ROLE = Qt.ItemDataRole.UserRole + 5
# Raw values the alert filter proxy matches when a model has no fast filter_record().
TYPE_ROLE = Qt.ItemDataRole.UserRole + 6
WARD_ROLE = Qt.ItemDataRole.UserRole + 7
STATE_ROLE = Qt.ItemDataRole.UserRole + 8
# The queued (not yet confirmed) action on a row, or None.
PENDING_ROLE = Qt.ItemDataRole.UserRole + 9
# True when a row's snapshot thumbnail exists on the server but is not loaded yet.
THUMBNAIL_WANTED_ROLE = Qt.ItemDataRole.UserRole + 10

# Drag and drop between the camera tree and wall tiles.
CAMERA_MIME = "application/x-ioc-camera-id"
TILE_MIME = "application/x-ioc-tile-index"
