"""Item-data roles shared by the console's models and the widgets that show them."""

from __future__ import annotations

from PySide6.QtCore import Qt

CAMERA_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ALERT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 4
