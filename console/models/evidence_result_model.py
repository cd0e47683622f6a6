"""Evidence search results as a list model of thumbnails, paged with ``canFetchMore``/``fetchMore``.

The model holds the hits and their thumbnails; it does no I/O. When a view scrolls to the end,
``fetchMore`` emits ``more_requested`` once; the evidence controller fetches the next page and
calls :meth:`EvidenceResultModel.append`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPixmap
from typing_extensions import override

from console.models.alert_table_model import display_name
from server_client.contract import Camera, EvidenceHit
from widgets.roles import ALERT_ID_ROLE, CAMERA_ID_ROLE

THUMB_W: Final = 192
THUMB_H: Final = 108
_Index = QModelIndex | QPersistentModelIndex


class EvidenceResultModel(QAbstractListModel):
    """Hits newest first; thumbnails arrive later through :meth:`set_thumbnail`."""

    more_requested = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[EvidenceHit] = []
        self._rows: dict[int, int] = {}
        self._thumbs: dict[int, QPixmap] = {}
        self._cameras: dict[str, str] = {}
        self._has_more = False
        self._fetching = False
        self._placeholder: QPixmap | None = None

    def set_cameras(self, cameras: Mapping[str, Camera]) -> None:
        self._cameras = {cid: cam.name for cid, cam in cameras.items()}

    def reset(self, hits: Sequence[EvidenceHit], has_more: bool) -> None:
        """Show a new search's first page."""
        self.beginResetModel()
        self._hits = list(hits)
        self._rows = {h.alert_id: i for i, h in enumerate(self._hits)}
        self._thumbs.clear()
        self._has_more = has_more
        self._fetching = False
        self.endResetModel()

    def append(self, hits: Sequence[EvidenceHit], has_more: bool) -> None:
        """Add the next page (hits already shown are skipped)."""
        fresh = [h for h in hits if h.alert_id not in self._rows]
        self._fetching = False
        self._has_more = has_more
        if not fresh:
            return
        first = len(self._hits)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        for hit in fresh:
            self._rows[hit.alert_id] = len(self._hits)
            self._hits.append(hit)
        self.endInsertRows()

    def fetch_failed(self) -> None:
        """The page did not come: allow another attempt."""
        self._fetching = False

    def set_thumbnail(self, alert_id: int, image: QImage) -> None:
        row = self._rows.get(alert_id)
        if row is None or image.isNull():
            return
        self._thumbs[alert_id] = QPixmap.fromImage(
            image.scaled(
                THUMB_W, THUMB_H, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )  # fmt: skip
        index = self.index(row)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def hit(self, row: int) -> EvidenceHit:
        return self._hits[row]

    def hits(self) -> list[EvidenceHit]:
        return list(self._hits)

    def has_thumbnail(self, alert_id: int) -> bool:
        return alert_id in self._thumbs

    @property
    def offset(self) -> int:
        """Where the next page starts."""
        return len(self._hits)

    @override
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    @override
    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and self._has_more and not self._fetching

    @override
    def fetchMore(self, parent: _Index) -> None:
        if self.canFetchMore(parent):
            self._fetching = True
            self.more_requested.emit()

    @override
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = hit.ts.astimezone().strftime("%d/%m %H:%M:%S")
            first = f"{when}  {display_name(hit.type.value)}"
            detail = " ".join(x for x in (hit.plate, hit.vehicle_colour, hit.vehicle_type) if x)
            camera = self._cameras.get(hit.camera_id, hit.camera_id)
            return "\n".join(x for x in (first, camera, detail) if x)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbs.get(hit.alert_id) or self._blank()
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"#{hit.alert_id} {hit.camera_id} {hit.ts.isoformat()}"
        if role == ALERT_ID_ROLE:
            return hit.alert_id
        if role == CAMERA_ID_ROLE:
            return hit.camera_id
        return None

    def _blank(self) -> QPixmap:
        if self._placeholder is None:
            self._placeholder = QPixmap(THUMB_W, THUMB_H)
            self._placeholder.fill(QColor("#2b2f36"))
        return self._placeholder
