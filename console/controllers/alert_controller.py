"""Feeds the alert model from the event stream in rate-limited batches; runs the operator's actions.

- Events are buffered and flushed into the model at most every 100 ms (one insert per batch);
  after a quiet spell the first batch goes in 15 ms after its first event, not 100 ms.
- Actions (acknowledge, dismiss with a reason, escalate) are written to the outbox first, with an
  idempotency key, shown as pending, then sent; when the backend is unreachable they stay queued
  and are replayed when the event stream is back online (the backend applies a key once).
- New critical alerts flash (the model) and are announced by ``critical_alert``; new critical
  and high alerts sound their priority's alarm (``console.alarm_sound``, unless muted).
- The detail pane of the current alert gets its snapshot fetched here, latest request wins, and
  its camera live beside it (:class:`AlertCameraController`, when video is bound).
- The table's snapshot column gets thumbnails for the rows on screen only: the table asks
  (``thumbnails_requested``), the latest request replaces the queue, a few fetches at a time.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, Final

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QImageReader

from console.alarm_sound import AlarmSoundPlayer
from console.controllers.alert_camera_controller import AlertCameraController
from console.models.alert_table_model import AlertTableModel, display_name
from console.tasks import OwnedTasks
from server_client.contract import (
    Alert,
    AlertState,
    AlertType,
    Camera,
    ContractError,
    EventEnvelope,
    EventType,
    Severity,
    parse_alert,
)
from server_client.events import LinkState
from server_client.rest import ApiError, BackendUnreachable, RestClient
from server_client.store import ActionRequest, LocalStore, OutboxItem, OutboxState
from widgets.alert_detail import AlertDetail
from widgets.alert_table import AlertTableWidget

log = logging.getLogger(__name__)

FLUSH_MS: Final = 100
# After a quiet spell: wait this long for the rest of a burst (its frames arrive over a few ms)
# rather than a whole FLUSH_MS; flushes stay at least FLUSH_MS apart.
FLUSH_GRACE_MS: Final = 15
SEND_CONCURRENCY: Final = 8
SNAPSHOT_CACHE: Final = 32
THUMBNAIL_SIZE: Final = QSize(64, 36)
THUMBNAIL_FETCHES: Final = 4
# Alerts whose snapshot is missing or unreadable: not asked for again (bounded).
THUMBNAIL_FAILED_MAX: Final = 5000
_SOUNDING: Final = frozenset({Severity.CRITICAL, Severity.HIGH})

# Which states an action may start from (the backend's rule; checked here to spare a 409).
_ALLOWED_FROM: Final[dict[str, frozenset[AlertState]]] = {
    "acknowledge": frozenset({AlertState.NEW}),
    "dismiss": frozenset({AlertState.NEW, AlertState.ACKNOWLEDGED}),
    "escalate": frozenset({AlertState.NEW, AlertState.ACKNOWLEDGED}),
}
_TARGET: Final = {
    "acknowledge": AlertState.ACKNOWLEDGED,
    "dismiss": AlertState.DISMISSED,
    "escalate": AlertState.ESCALATED,
}
_ATTRIBUTE_NAMES: Final = {
    "plate": QT_TRANSLATE_NOOP("AlertController", "Plate"),
    "vehicle_colour": QT_TRANSLATE_NOOP("AlertController", "Colour"),
    "vehicle_type": QT_TRANSLATE_NOOP("AlertController", "Vehicle"),
    "speed_kmh": QT_TRANSLATE_NOOP("AlertController", "Speed (km/h)"),
    "speed_limit_kmh": QT_TRANSLATE_NOOP("AlertController", "Limit (km/h)"),
    "dwell_s": QT_TRANSLATE_NOOP("AlertController", "Parked for (s)"),
    "people": QT_TRANSLATE_NOOP("AlertController", "People"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("AlertController", text)


def decode_thumbnail(data: bytes, size: QSize = THUMBNAIL_SIZE) -> QImage:
    """A snapshot decoded straight to thumbnail size; a null image when unreadable.

    A JPEG decodes scaled down, a few times faster than decoding the whole picture and scaling.
    """
    raw = QByteArray(data)
    buffer = QBuffer(raw)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    full = reader.size()
    if full.isValid():
        reader.setScaledSize(full.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    buffer.close()
    return image


class MemoryOutbox:
    """An outbox that forgets on exit: for a console without a local store (and for tests)."""

    def __init__(self) -> None:
        self.items: dict[str, OutboxItem] = {}
        self._seq = 0

    async def enqueue(self, requests: Iterable[ActionRequest]) -> list[OutboxItem]:
        out = []
        for r in requests:
            self._seq += 1
            item = OutboxItem(
                seq=self._seq,
                key=str(uuid.uuid4()),
                alert_id=r.alert_id,
                action=r.action,
                reason=r.reason,
                state=OutboxState.PENDING,
                attempts=0,
                last_error=None,
                created_at=datetime.now(UTC),
            )
            self.items[item.key] = item
            out.append(item)
        return out

    async def pending(self) -> list[OutboxItem]:
        return [i for i in self.items.values() if i.state == OutboxState.PENDING]

    async def record_attempt(self, key: str, error: str | None = None) -> None:
        return None

    async def mark_done(self, key: str) -> None:
        self._finish(key, OutboxState.DONE)

    async def mark_failed(self, key: str, error: str) -> None:
        self._finish(key, OutboxState.FAILED)

    def _finish(self, key: str, state: OutboxState) -> None:
        item = self.items[key]
        self.items[key] = OutboxItem(**{**item.__dict__, "state": state})


class AlertController(QObject):
    """Buffers ``alert.*`` events into the model; runs alert actions through the outbox."""

    error_reported = Signal(str)
    alerts_received = Signal(int)
    # A new critical alert (not one loaded at start); the wall may pop its camera.
    critical_alert = Signal(object)
    summary_changed = Signal(str, str)
    outbox_changed = Signal(int)
    camera_requested = Signal(str)
    sound_muted_changed = Signal(bool)
    # Escalate through the incident form (the console opens it pre-filled from this alert).
    escalation_requested = Signal(int)

    def __init__(
        self,
        rest: RestClient,
        model: AlertTableModel,
        parent: QObject | None = None,
        *,
        outbox: LocalStore | MemoryOutbox | None = None,
        sound: AlarmSoundPlayer | bool = True,
    ) -> None:
        super().__init__(parent)
        self.rest = rest
        self.model = model
        self.outbox = outbox if outbox is not None else MemoryOutbox()
        # The alarm sounds; False: none at all (benchmarks, tests of other things).
        self.sound: AlarmSoundPlayer | None
        if isinstance(sound, AlarmSoundPlayer):
            self.sound = sound
        else:
            self.sound = AlarmSoundPlayer(self) if sound else None
        self.received = 0
        self.malformed = 0
        self.link_online: bool | None = None
        self.table: AlertTableWidget | None = None
        self._pending: list[Alert] = []
        self._last_flush = -1.0e9
        self._timer = QTimer(self)
        self._timer.setInterval(FLUSH_MS)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)
        self._tasks = OwnedTasks("alert")
        self._inflight: set[str] = set()
        self._replay_lock = asyncio.Lock()
        self._detail_task: asyncio.Task[None] | None = None
        self._snapshots: OrderedDict[int, bytes] = OrderedDict()
        self.live: AlertCameraController | None = None
        self._thumb_queue: list[int] = []
        self._thumb_inflight: set[int] = set()
        self._thumb_failed: OrderedDict[int, None] = OrderedDict()
        self._thumb_workers = 0
        self._summary = ("", "")
        self._cameras: dict[str, Camera] = {}
        # True once an incident desk handles escalate_requested (see escalation_requested).
        self.escalate_with_form = False

    # -- wiring -------------------------------------------------------------------------------

    def bind_view(self, table: AlertTableWidget, cameras: Mapping[str, Camera]) -> None:
        """Connect the alert table's intents and fill its filter choices."""
        self.table = table
        self._cameras = dict(cameras)
        table.set_filter_choices("type", [(t.value, display_name(t.value)) for t in AlertType])
        table.set_filter_choices(
            "severity", [(s.value, display_name(s.value)) for s in reversed(Severity)]
        )
        table.set_filter_choices("state", [(s.value, display_name(s.value)) for s in AlertState])
        wards = sorted({(c.ward_id, c.ward_name) for c in cameras.values()}, key=lambda w: w[1])
        table.set_filter_choices("ward", wards)
        table.acknowledge_requested.connect(self._on_table_acknowledge_requested)
        table.dismiss_requested.connect(self._on_table_dismiss_requested)
        table.escalate_requested.connect(self._on_table_escalate_requested)
        table.current_alert_changed.connect(self._on_table_current_alert_changed)
        table.detail.show_camera_requested.connect(self._on_detail_show_camera_requested)
        table.thumbnails_requested.connect(self._on_table_thumbnails_requested)
        table.sound_muted_changed.connect(self.set_sound_muted)
        table.set_sound_muted(self.sound is None or self.sound.muted)
        table.set_sound_available(self.sound is not None)
        self.summary_changed.connect(table.set_summary)

    def bind_live(self, live: AlertCameraController) -> None:
        """Show the camera of the alert in the detail pane live (needs the video engine)."""
        self.live = live

    def set_sound_muted(self, muted: bool) -> None:
        """Mute or unmute the alarm sounds (an operator setting)."""
        if self.sound is not None and self.sound.muted != muted:
            self.sound.muted = muted
            if muted:
                self.sound.stop()
            self.sound_muted_changed.emit(muted)
        if self.table is not None:
            self.table.set_sound_muted(muted)

    def spawn(self, coro: Awaitable[None]) -> asyncio.Task[Any]:
        """Run an action in a task this controller keeps and awaits in :meth:`aclose`."""
        return self._tasks.spawn(coro)

    async def wait_idle(self) -> None:
        """Wait for the actions and fetches under way (tests, an orderly exit)."""
        await self._tasks.wait_idle()

    async def aclose(self) -> None:
        self._timer.stop()
        if self.live is not None:
            self.live.close()
        if self.sound is not None:
            self.sound.stop()
        await self._tasks.cancel_all()

    # -- feeding the model --------------------------------------------------------------------

    async def load_recent(self, limit: int = 500) -> None:
        page = await self.rest.alerts(limit=limit)
        self.model.apply(page.items)
        self._update_summary()

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
            since_ms = (time.monotonic() - self._last_flush) * 1000
            self._timer.start(max(FLUSH_GRACE_MS, round(FLUSH_MS - since_ms)))

    def flush(self) -> None:
        if not self._pending:
            return
        self._last_flush = time.monotonic()
        batch, self._pending = self._pending, []
        result = self.model.apply(batch)
        self.alerts_received.emit(len(batch))
        critical = [
            row.alert
            for row in (*result.new_rows, *result.joined)
            if row.alert.severity == Severity.CRITICAL and row.alert.state == AlertState.NEW
        ]
        for alert in critical:
            self.critical_alert.emit(alert)
        if self.sound is not None:
            # Only alerts seen for the first time (new rows or joining a group) and still new.
            self.sound.alarm(
                [
                    row.alert.severity
                    for row in (*result.new_rows, *result.joined)
                    if row.alert.severity in _SOUNDING and row.alert.state == AlertState.NEW
                ]
            )
        self._update_summary()

    def on_link_state(self, state: LinkState) -> None:
        """The event stream's link changed: back online means replay the outbox."""
        online = state == LinkState.ONLINE
        was = self.link_online
        if state == LinkState.CONNECTING:
            return
        self.link_online = online
        if online and was is not True:
            self.spawn(self.replay_outbox())

    # -- actions ------------------------------------------------------------------------------

    async def acknowledge(self, alert_ids: list[int]) -> None:
        await self._act(alert_ids, "acknowledge")

    async def dismiss(self, alert_ids: list[int], reason: str) -> None:
        await self._act(alert_ids, "dismiss", reason)

    async def escalate(self, alert_ids: list[int]) -> None:
        await self._act(alert_ids, "escalate")

    def _effective_state(self, alert_id: int) -> AlertState | None:
        alert = self.model.alert(alert_id)
        if alert is None:
            return None
        pending = self.model.pending_action(alert_id)
        if pending is None:
            return alert.state
        return _TARGET.get(pending, alert.state)

    async def _act(self, alert_ids: list[int], action: str, reason: str | None = None) -> None:
        allowed = _ALLOWED_FROM[action]
        ids = [i for i in dict.fromkeys(alert_ids) if self._effective_state(i) in allowed]
        if not ids:
            return
        items = await self.outbox.enqueue([ActionRequest(i, action, reason) for i in ids])
        self.model.set_pending(ids, action)
        self.outbox_changed.emit(len(await self.outbox.pending()))
        if self.link_online is False:
            # Known to be offline: queue only; the replay sends them when the link is back.
            return
        await self._send(items)

    async def replay_outbox(self) -> None:
        """Send every pending action, oldest first per alert (after a reconnect or a start)."""
        async with self._replay_lock:
            items = await self.outbox.pending()
            if not items:
                return
            log.info("replaying %d queued alert action(s)", len(items))
            for item in items:
                if self.model.pending_action(item.alert_id) is None and item.alert_id in self.model:
                    self.model.set_pending([item.alert_id], item.action)
            await self._send(items)

    async def _send(self, items: list[OutboxItem]) -> None:
        # One alert's actions go in order; different alerts go side by side, a few at a time.
        per_alert: dict[int, list[OutboxItem]] = {}
        for item in items:
            per_alert.setdefault(item.alert_id, []).append(item)
        gate = asyncio.Semaphore(SEND_CONCURRENCY)

        async def run(chain: list[OutboxItem]) -> None:
            async with gate:
                for item in chain:
                    if not await self._send_one(item):
                        return

        await asyncio.gather(*(run(chain) for chain in per_alert.values()))
        self.outbox_changed.emit(len(await self.outbox.pending()))

    async def _send_one(self, item: OutboxItem) -> bool:
        """Send one queued action; False when the backend is unreachable (stays queued)."""
        if item.key in self._inflight:
            return True
        self._inflight.add(item.key)
        try:
            alert = await self.rest.alert_action(
                item.alert_id, item.action, key=item.key, reason=item.reason
            )
        except BackendUnreachable as exc:
            await self.outbox.record_attempt(item.key, str(exc))
            return False
        except ApiError as exc:
            await self.outbox.mark_failed(item.key, str(exc))
            self.model.clear_pending([item.alert_id])
            self.error_reported.emit(
                self.tr("Could not %1 alert %2: %3")
                .replace("%1", self._action_name(item.action))
                .replace("%2", str(item.alert_id))
                .replace("%3", exc.message)
            )
            return True
        finally:
            self._inflight.discard(item.key)
        await self.outbox.mark_done(item.key)
        self.model.apply([alert])
        self.model.clear_pending([item.alert_id])
        self._update_summary()
        return True

    def _action_name(self, action: str) -> str:
        names = {
            "acknowledge": self.tr("acknowledge"),
            "dismiss": self.tr("dismiss"),
            "escalate": self.tr("escalate"),
        }
        return names.get(action, action)

    # -- summary ------------------------------------------------------------------------------

    def _update_summary(self) -> None:
        rates = self.model.false_positive_rates()
        if not rates:
            text, tip = "", ""
        else:
            ranked = sorted(rates.items(), key=lambda kv: (-kv[1][0] / kv[1][1], -kv[1][1]))
            top = " · ".join(f"{display_name(t)} {100 * fp / n:.0f}%" for t, (fp, n) in ranked[:2])
            text = self.tr("False positives: %1").replace("%1", top)
            tip = "\n".join(
                f"{display_name(t)}: {fp}/{n} ({100 * fp / n:.0f}%)" for t, (fp, n) in ranked
            )
        if (text, tip) != self._summary:
            self._summary = (text, tip)
            self.summary_changed.emit(text, tip)

    # -- detail pane --------------------------------------------------------------------------

    def detail_of(self, alert_id: int) -> AlertDetail | None:
        alert = self.model.alert(alert_id)
        if alert is None:
            return None
        camera = self._cameras.get(alert.camera_id)
        where = f"{camera.name} · {camera.ward_name}" if camera else alert.camera_id
        when = alert.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        attributes = [
            (_tr(_ATTRIBUTE_NAMES.get(k, k)), v) for k, v in sorted(alert.attributes.items())
        ]
        attributes.append((self.tr("Confidence"), f"{alert.confidence:.0%}"))
        members = self.model.members(alert_id)
        if len(members) > 1:
            attributes.append((self.tr("Repeats"), str(len(members))))
        history = []
        for ts, state, owner, reason in self.model.history(alert_id):
            line = f"{ts.astimezone().strftime('%H:%M:%S')}  {display_name(state)}"
            if owner:
                line += f" · {owner}"
            if reason:
                line += f" · {display_name(reason)}"
            history.append(line)
        bbox = alert.bbox
        return AlertDetail(
            alert_id=alert.id,
            title=f"{display_name(alert.type.value)} · {display_name(alert.severity.value)}",
            subtitle=f"{where} · {when}",
            bbox=(bbox.x, bbox.y, bbox.w, bbox.h) if bbox else None,
            attributes=attributes,
            history=history,
        )

    def show_detail(self, alert_id: int) -> None:
        """Show an alert in the detail pane and fetch its snapshot (the latest request wins)."""
        if self.table is None:
            return
        detail = self.detail_of(alert_id)
        if detail is None:
            self.table.detail.clear()
            if self.live is not None:
                self.live.show(None)
            return
        self.table.detail.show_alert(detail)
        if self.live is not None:
            alert = self.model.alert(alert_id)
            self.live.show(self._cameras.get(alert.camera_id) if alert is not None else None)
        if self._detail_task is not None and not self._detail_task.done():
            self._detail_task.cancel()
        self._detail_task = self.spawn(self._load_snapshot(alert_id))

    async def _load_snapshot(self, alert_id: int) -> None:
        assert self.table is not None
        data = self._snapshots.get(alert_id)
        if data is None:
            try:
                data = await self.rest.snapshot(alert_id)
            except ApiError as exc:
                message = self.tr("No snapshot") if exc.status == 404 else exc.message
                self.table.detail.set_snapshot_missing(alert_id, message)
                return
            except BackendUnreachable:
                self.table.detail.set_snapshot_missing(
                    alert_id, self.tr("Snapshot unavailable offline")
                )
                return
            self._snapshots[alert_id] = data
            while len(self._snapshots) > SNAPSHOT_CACHE:
                self._snapshots.popitem(last=False)
        self.table.detail.set_snapshot(alert_id, data)

    # -- intents from the table ---------------------------------------------------------------

    def _on_table_acknowledge_requested(self, alert_ids: list[int]) -> None:
        self.spawn(self.acknowledge(list(alert_ids)))

    def _on_table_dismiss_requested(self, alert_ids: list[int], reason: str) -> None:
        self.spawn(self.dismiss(list(alert_ids), reason))

    def _on_table_escalate_requested(self, alert_id: int) -> None:
        if self.escalate_with_form:
            # The incident form opens pre-filled; the alert is escalated into what it creates.
            self.escalation_requested.emit(alert_id)
            return
        self.spawn(self.escalate([alert_id]))

    def _on_table_current_alert_changed(self, alert_id: int) -> None:
        if alert_id:
            self.show_detail(alert_id)
        elif self.table is not None:
            self.table.detail.clear()
            if self.live is not None:
                self.live.show(None)

    # -- thumbnails ---------------------------------------------------------------------------

    def _on_table_thumbnails_requested(self, alert_ids: list[int]) -> None:
        # The latest request wins: rows scrolled past are not fetched any more.
        self._thumb_queue = [
            i
            for i in dict.fromkeys(alert_ids)
            if i not in self._thumb_inflight
            and i not in self._thumb_failed
            and self.model.thumbnail(i) is None
        ]
        while self._thumb_workers < THUMBNAIL_FETCHES and self._thumb_queue:
            self._thumb_workers += 1
            self.spawn(self._thumbnail_worker())

    async def _thumbnail_worker(self) -> None:
        try:
            while self._thumb_queue:
                alert_id = self._thumb_queue.pop(0)
                self._thumb_inflight.add(alert_id)
                try:
                    await self._load_thumbnail(alert_id)
                finally:
                    self._thumb_inflight.discard(alert_id)
        finally:
            self._thumb_workers -= 1

    async def _load_thumbnail(self, alert_id: int) -> None:
        data = self._snapshots.get(alert_id)
        if data is None:
            try:
                data = await self.rest.snapshot(alert_id)
            except ApiError as exc:
                log.debug("no thumbnail for alert %d: %s", alert_id, exc)
                self._thumbnail_failed(alert_id)
                return
            except BackendUnreachable:
                # Asked again when the row is shown again.
                return
        image = decode_thumbnail(data)
        if image.isNull():
            self._thumbnail_failed(alert_id)
            return
        self.model.set_thumbnail(alert_id, image)

    def _thumbnail_failed(self, alert_id: int) -> None:
        self._thumb_failed[alert_id] = None
        while len(self._thumb_failed) > THUMBNAIL_FAILED_MAX:
            self._thumb_failed.popitem(last=False)

    def _on_detail_show_camera_requested(self, alert_id: int) -> None:
        alert = self.model.alert(alert_id)
        if alert is not None:
            self.camera_requested.emit(alert.camera_id)
