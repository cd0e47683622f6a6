"""Feeds the alert model from the event stream in rate-limited batches; runs alert actions."""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import QObject, QTimer, Signal

from console.models.alert_table_model import AlertTableModel
from server_client.contract import Alert, ContractError, EventEnvelope, EventType, parse_alert
from server_client.rest import ApiError, BackendUnreachable, RestClient

log = logging.getLogger(__name__)

FLUSH_MS = 150


class AlertController(QObject):
    """Buffers ``alert.*`` events and flushes them into the model at most every 150 ms."""

    error_reported = Signal(str)
    alerts_received = Signal(int)

    def __init__(
        self, rest: RestClient, model: AlertTableModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.rest = rest
        self.model = model
        self.received = 0
        self.malformed = 0
        self._pending: list[Alert] = []
        self._timer = QTimer(self)
        self._timer.setInterval(FLUSH_MS)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

    async def load_recent(self, limit: int = 500) -> None:
        page = await self.rest.alerts(limit=limit)
        self.model.apply(page.items)

    def on_events(self, events: list[EventEnvelope]) -> None:
        for event in events:
            if event.type not in (EventType.ALERT_CREATED, EventType.ALERT_UPDATED):
                continue
            try:
                self._pending.append(parse_alert(event.data))
            except ContractError as exc:
                self.malformed += 1
                log.warning("event %d: %s", event.seq, exc)
                self.error_reported.emit(
                    self.tr("Ignored a malformed alert: %1").replace("%1", str(exc))
                )
                continue
            self.received += 1
        if self._pending and not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        if self._pending:
            batch, self._pending = self._pending, []
            self.model.apply(batch)
            self.alerts_received.emit(len(batch))

    async def acknowledge(self, alert_ids: list[int]) -> None:
        for alert_id in alert_ids:
            try:
                alert = await self.rest.alert_action(alert_id, "acknowledge", key=str(uuid.uuid4()))
            except (ApiError, BackendUnreachable) as exc:
                self.error_reported.emit(
                    self.tr("Could not acknowledge alert %1: %2")
                    .replace("%1", str(alert_id))
                    .replace("%2", str(exc))
                )
                continue
            self.model.apply([alert])
