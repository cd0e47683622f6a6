"""Incidents and dispatch: the form, the board, the detail, the field-report inbox, the hotline log.

- Every write (create, patch, the escalation of the alert an incident came from) goes through the
  incident outbox first. A create carries an idempotency key, so a replay after a lost answer or a
  reconnect applies exactly once; queued creates show on the board as pending cards.
- A patch carries the version the operator saw (If-Match). A 412 brings the server's copy: if it
  already reflects the change (our own earlier send whose answer was lost) the change is done,
  otherwise the detail shows the server's version beside the operator's change and the operator
  re-applies it on the current version or drops it. Nothing is overwritten silently.
- The SLA clocks read an injectable clock; a timer ticks the board once a second.
- The form's draft is saved as it is typed, so it survives a crash of the console.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final, Protocol

from pydantic import ValidationError
from PySide6.QtCore import QObject, QTimer, Signal

from console.models.alert_table_model import display_name
from console.models.incident_board_model import IncidentBoardModel, sla_text, utc_now
from console.models.incident_names import (
    category_name,
    group_name,
    priority_name,
    report_status_name,
    state_name,
    unit_kind_name,
)
from console.models.incident_sources_model import (
    FieldReportTableModel,
    HotlineCallTableModel,
    stars,
)
from console.tasks import OwnedTasks
from server_client.contract import (
    Alert,
    AlertType,
    AttachmentRef,
    Camera,
    CategoryRule,
    ContractError,
    EventEnvelope,
    EventType,
    FieldReport,
    FieldReportPatch,
    FieldReportStatus,
    HotlineCall,
    Incident,
    IncidentCategory,
    IncidentCreate,
    IncidentPatch,
    IncidentState,
    ProcessGroup,
    Severity,
    SopStep,
    TimelineKind,
    Unit,
    UnitKind,
    UnitStatus,
    Ward,
    parse_incident,
)
from server_client.events import LinkState
from server_client.rest import (
    ApiError,
    BackendUnreachable,
    ChecklistIncomplete,
    RestClient,
    StaleWrite,
)
from server_client.store import IncidentOp, IncidentOutbox, LocalStore, OutboxState
from widgets.field_report_inbox import FieldReportInboxWidget, HotlineLogWidget
from widgets.incident_board import IncidentBoardWidget
from widgets.incident_detail import ChecklistStep, IncidentDetailWidget, IncidentView
from widgets.incident_form import (
    CategoryChoice,
    Choice,
    IncidentDraft,
    IncidentFormDialog,
    UnitChoice,
)

log = logging.getLogger(__name__)

DRAFT_NAME: Final = "incident_form"
TICK_MS: Final = 1000
# A note counts as "already applied" if the server has it from us no earlier than this before
# the change was queued (the console's and the server's clocks may differ a little).
NOTE_CLOCK_SLACK: Final = timedelta(minutes=10)

S = IncidentState
# The backend's lifecycle (checked here to offer only the buttons that can work).
TRANSITIONS: Final[dict[IncidentState, tuple[IncidentState, ...]]] = {
    S.NEW: (S.DISPATCHED, S.CANCELLED),
    S.DISPATCHED: (S.IN_PROGRESS, S.CANCELLED),
    S.IN_PROGRESS: (S.RESOLVED, S.CANCELLED),
    S.RESOLVED: (S.CLOSED, S.IN_PROGRESS),
    S.CLOSED: (),
    S.CANCELLED: (),
}
FINAL: Final = frozenset({S.CLOSED, S.CANCELLED})
C = IncidentCategory
# What an alert most likely is; only a pre-fill, the operator decides.
ALERT_CATEGORY: Final[dict[AlertType, IncidentCategory]] = {
    AlertType.WRONG_WAY: C.TRAFFIC_VIOLATION,
    AlertType.RED_LIGHT: C.TRAFFIC_VIOLATION,
    AlertType.NO_HELMET: C.TRAFFIC_VIOLATION,
    AlertType.LANE_VIOLATION: C.TRAFFIC_VIOLATION,
    AlertType.SPEEDING: C.TRAFFIC_VIOLATION,
    AlertType.ILLEGAL_PARKING: C.SIDEWALK_ENCROACHMENT,
    AlertType.SIDEWALK_ENCROACHMENT: C.SIDEWALK_ENCROACHMENT,
    AlertType.STREET_VENDING: C.SIDEWALK_ENCROACHMENT,
    AlertType.LITTERING: C.GARBAGE,
    AlertType.CROWDING: C.CROWD,
    AlertType.SMOKE_FIRE: C.FIRE,
    AlertType.FOREST_FIRE: C.FOREST_FIRE,
    AlertType.FLOODING: C.FLOODING,
    AlertType.INTRUSION: C.SECURITY,
    AlertType.LOITERING: C.SECURITY,
    AlertType.TRAFFIC_JAM: C.TRAFFIC_JAM,
    AlertType.ACCIDENT: C.TRAFFIC_ACCIDENT,
    AlertType.FALLEN_TREE: C.FALLEN_TREE,
}


def read_uploads(draft: IncidentDraft) -> list[dict[str, Any]]:
    """The draft's local files with their SHA-256 and type (runs in a worker thread)."""
    out: list[dict[str, Any]] = []
    for entry in draft.attachments:
        path = entry.get("path")
        if not path:
            continue
        data = Path(str(path)).read_bytes()
        media_type = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
        out.append(
            {"path": str(path), "sha256": hashlib.sha256(data).hexdigest(),
             "media_type": media_type, "label": str(entry.get("label", ""))}
        )  # fmt: skip
    return out


def _local(ts: datetime) -> str:
    return ts.astimezone().strftime("%d/%m %H:%M:%S")


class IncidentOutboxLike(Protocol):
    async def enqueue_incident_op(
        self,
        op: str,
        body: dict[str, Any],
        *,
        incident_id: int | None = None,
        if_match: int | None = None,
        key: str | None = None,
    ) -> IncidentOp: ...
    async def pending_incident_ops(self) -> list[IncidentOp]: ...
    async def incident_op(self, key: str) -> IncidentOp | None: ...
    async def record_incident_attempt(self, key: str, error: str | None = None) -> None: ...
    async def finish_incident_op(
        self,
        key: str,
        state: OutboxState,
        *,
        incident_id: int | None = None,
        error: str | None = None,
    ) -> None: ...
    async def save_draft(self, name: str, body: dict[str, Any]) -> None: ...
    async def load_draft(self, name: str) -> dict[str, Any] | None: ...
    async def delete_draft(self, name: str) -> None: ...


class MemoryIncidentOutbox:
    """An incident outbox that forgets on exit (a console without a local store, and tests)."""

    def __init__(self) -> None:
        self.ops: dict[str, IncidentOp] = {}
        self.drafts: dict[str, dict[str, Any]] = {}
        self._seq = 0

    async def enqueue_incident_op(
        self,
        op: str,
        body: dict[str, Any],
        *,
        incident_id: int | None = None,
        if_match: int | None = None,
        key: str | None = None,
    ) -> IncidentOp:
        self._seq += 1
        item = IncidentOp(
            seq=self._seq, key=key or str(uuid.uuid4()), op=op, incident_id=incident_id,
            if_match=if_match, body=body, state=OutboxState.PENDING, attempts=0,
            last_error=None, created_at=datetime.now(UTC),
        )  # fmt: skip
        self.ops[item.key] = item
        return item

    async def pending_incident_ops(self) -> list[IncidentOp]:
        return sorted(
            (o for o in self.ops.values() if o.state == OutboxState.PENDING), key=lambda o: o.seq
        )

    async def incident_op(self, key: str) -> IncidentOp | None:
        return self.ops.get(key)

    async def record_incident_attempt(self, key: str, error: str | None = None) -> None:
        return None

    async def finish_incident_op(
        self,
        key: str,
        state: OutboxState,
        *,
        incident_id: int | None = None,
        error: str | None = None,
    ) -> None:
        item = self.ops[key]
        self.ops[key] = IncidentOp(
            **{**item.__dict__, "state": state, "incident_id": incident_id or item.incident_id}
        )

    async def save_draft(self, name: str, body: dict[str, Any]) -> None:
        self.drafts[name] = body

    async def load_draft(self, name: str) -> dict[str, Any] | None:
        return self.drafts.get(name)

    async def delete_draft(self, name: str) -> None:
        self.drafts.pop(name, None)


def patch_reflected(patch: IncidentPatch, incident: Incident, actor: str, since: datetime) -> bool:
    """Whether ``incident`` already shows every change ``patch`` asks for.

    Used on a 412 for a change sent before: if the server already has it (our earlier send went
    through and only the answer was lost), sending it again would apply it twice.
    """
    fields = patch.model_fields_set
    if "title" in fields and patch.title != incident.title:
        return False
    if "description" in fields and patch.description != incident.description:
        return False
    if "priority" in fields and patch.priority != incident.priority:
        return False
    if "address" in fields and (patch.address or "").strip() != incident.address:
        return False
    if patch.state is not None and patch.state != incident.state:
        return False
    if patch.note is not None and not any(
        e.kind == TimelineKind.NOTE and e.actor == actor and e.text == patch.note
        and e.at >= since - NOTE_CLOCK_SLACK
        for e in incident.timeline
    ):  # fmt: skip
        return False
    if not set(patch.dispatch_unit_ids) <= set(incident.unit_ids) and incident.state not in FINAL:
        return False
    if set(patch.release_unit_ids) & set(incident.unit_ids):
        return False
    done = {s.id for s in incident.checklist if s.done}
    if not set(patch.checklist_done) <= done or set(patch.checklist_undone) & done:
        return False
    return (
        set(patch.link_alert_ids) <= set(incident.alert_ids)
        and set(patch.link_field_report_ids) <= set(incident.field_report_ids)
        and set(patch.link_hotline_call_ids) <= set(incident.hotline_call_ids)
    )


@dataclass
class Conflict:
    """A change the server refused because the incident moved on; the operator decides."""

    incident_id: int
    patch: IncidentPatch
    current: Incident


class IncidentController(QObject):
    """Runs the incident desk: loads, listens to events, sends the operator's changes."""

    location_pick_requested = Signal()
    # The form wants the selected wall tile's picture (the app answers with form.add_attachment).
    tile_snapshot_requested = Signal()

    error_reported = Signal(str)
    status_reported = Signal(str)
    outbox_changed = Signal(int)
    incident_created = Signal(int)
    conflict_shown = Signal(int)

    def __init__(
        self,
        rest: RestClient,
        parent: QObject | None = None,
        *,
        store: LocalStore | IncidentOutboxLike | None = None,
        clock: Callable[[], datetime] = utc_now,
        board_model: IncidentBoardModel | None = None,
    ) -> None:
        super().__init__(parent)
        self.rest = rest
        if isinstance(store, LocalStore):
            self.outbox: IncidentOutboxLike = IncidentOutbox(store)
        else:
            self.outbox = store if store is not None else MemoryIncidentOutbox()
        self.clock = clock
        self.board_model = board_model or IncidentBoardModel(clock)
        self.reports_model = FieldReportTableModel(clock=clock)
        self.calls_model = HotlineCallTableModel()
        self.categories: dict[IncidentCategory, CategoryRule] = {}
        self.units: dict[str, Unit] = {}
        self.wards: dict[str, Ward] = {}
        self.cameras: dict[str, Camera] = {}
        self.link_online: bool | None = None
        self.board: IncidentBoardWidget | None = None
        self.detail: IncidentDetailWidget | None = None
        self.inbox: FieldReportInboxWidget | None = None
        self.hotline: HotlineLogWidget | None = None
        self.dialog: IncidentFormDialog | None = None
        self.current_id: int | None = None
        self.conflict: Conflict | None = None
        self._form_busy = False
        self._tasks = OwnedTasks("incident")
        self._send_lock = asyncio.Lock()
        # (incident, version a queued change was based on) -> the version our own sends made.
        self._rebased: dict[tuple[int, int], int] = {}
        self._snapshot_task: asyncio.Task[None] | None = None
        # Attachments whose picture was fetched (or is being fetched) for the detail.
        self._thumbs_asked: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)

    # -- life ---------------------------------------------------------------------------------

    @property
    def username(self) -> str:
        user = self.rest.user
        return user.username if user is not None else ""

    def spawn(self, coro: Awaitable[None]) -> asyncio.Task[Any]:
        """Run work in a task this controller keeps and awaits in :meth:`aclose`."""
        return self._tasks.spawn(coro)

    async def wait_idle(self) -> None:
        await self._tasks.wait_idle()

    async def aclose(self) -> None:
        self._timer.stop()
        await self._tasks.cancel_all()
        if self.dialog is not None:
            self.dialog.close()

    def tick(self) -> None:
        """Re-read the clock: SLA colours on the board and in the open detail."""
        self.board_model.tick()
        if self.current_id is not None and self.detail is not None:
            sla = self.board_model.sla(self.current_id)
            if sla is not None:
                self.detail.sla_label.setText(sla_text(sla))

    # -- loading ------------------------------------------------------------------------------

    async def load(self, cameras: Mapping[str, Camera] | None = None) -> None:
        """Taxonomy, wards, units, recent incidents, field reports and calls; then queued work."""
        self.cameras = (
            dict(cameras) if cameras is not None else {c.id: c for c in await self.rest.cameras()}
        )
        self.categories = {r.category: r for r in await self.rest.incident_categories()}
        self.wards = {w.id: w for w in await self.rest.wards()}
        names = {w.id: w.name for w in self.wards.values()}
        for model in (self.board_model, self.reports_model, self.calls_model):
            model.ward_names = names
        self.units = {u.id: u for u in await self.rest.units()}
        self.board_model.apply((await self.rest.incidents(limit=500)).items)
        self.reports_model.apply((await self.rest.field_reports(limit=200)).items)
        self.calls_model.apply((await self.rest.hotline_calls(limit=200)).items)
        await self._show_queued_creates()
        self._fill_choices()
        self._timer.start()

    async def _show_queued_creates(self) -> None:
        for op in await self.outbox.pending_incident_ops():
            if op.op == "create":
                self._add_pending_card(op)
            elif op.op == "field_report":
                self.reports_model.set_pending(int(op.body["report_id"]), True)
            elif op.incident_id is not None:
                self.board_model.set_pending_change(op.incident_id, True)
        self.outbox_changed.emit(len(await self.outbox.pending_incident_ops()))

    def bind_views(
        self,
        board: IncidentBoardWidget,
        detail: IncidentDetailWidget,
        inbox: FieldReportInboxWidget | None = None,
        hotline: HotlineLogWidget | None = None,
    ) -> None:
        """Connect the desk's views to this controller."""
        self.board, self.detail, self.inbox, self.hotline = board, detail, inbox, hotline
        board.set_model(self.board_model)
        board.incident_activated.connect(self._on_board_incident_activated)
        board.new_incident_requested.connect(self._on_board_new_incident_requested)
        detail.transition_requested.connect(self._on_detail_transition_requested)
        detail.step_toggled.connect(self._on_detail_step_toggled)
        detail.note_requested.connect(self._on_detail_note_requested)
        detail.dispatch_requested.connect(self._on_detail_dispatch_requested)
        detail.conflict_resolved.connect(self._on_detail_conflict_resolved)
        detail.edit_requested.connect(self._on_detail_edit_requested)
        detail.set_priority_choices([(s.value, priority_name(s.value)) for s in reversed(Severity)])
        self.board_model.dataChanged.connect(self._on_board_model_changed)
        if inbox is not None:
            inbox.set_model(self.reports_model)
            inbox.set_status_choices(
                [
                    (self.tr("To handle"), frozenset({"received", "in_progress"})),
                    (self.tr("All reports"), frozenset()),
                    *(
                        (report_status_name(s.value), frozenset({s.value}))
                        for s in FieldReportStatus
                    ),
                ],
                [(s.value, report_status_name(s.value)) for s in FieldReportStatus],
            )
            inbox.create_incident_requested.connect(self._on_inbox_create_incident_requested)
            inbox.link_requested.connect(self._on_inbox_link_requested)
            inbox.reply_requested.connect(self._on_inbox_reply_requested)
            inbox.current_changed.connect(self._on_inbox_current_changed)
        if hotline is not None:
            hotline.set_model(self.calls_model)
            hotline.create_incident_requested.connect(self._on_hotline_create_incident_requested)
            hotline.current_changed.connect(self._on_hotline_current_changed)
        self._fill_choices()

    def _fill_choices(self) -> None:
        if self.board is not None:
            self.board.set_filter_choices(
                "ward", sorted(((w.id, w.name) for w in self.wards.values()), key=lambda w: w[1])
            )
            self.board.set_filter_choices(
                "group", [(g.value, group_name(g.value)) for g in ProcessGroup]
            )
            self.board.set_filter_choices(
                "unit", [(u.id, u.name) for u in sorted(self.units.values(), key=lambda u: u.name)]
            )
        if self.dialog is not None:
            self._fill_form_choices(self.dialog)

    # -- events and the link ------------------------------------------------------------------

    def on_events(self, events: list[EventEnvelope]) -> None:
        incidents: list[Incident] = []
        reports: list[FieldReport] = []
        calls: list[HotlineCall] = []
        for event in events:
            try:
                if event.type in (EventType.INCIDENT_CREATED, EventType.INCIDENT_UPDATED):
                    incidents.append(parse_incident(event.data))
                elif event.type in (EventType.FIELD_REPORT_CREATED, EventType.FIELD_REPORT_UPDATED):
                    reports.append(FieldReport.model_validate(event.data))
                elif event.type == EventType.HOTLINE_CREATED:
                    calls.append(HotlineCall.model_validate(event.data))
            except (ContractError, ValidationError) as exc:
                log.warning("event %d (%s) ignored: %s", event.seq, event.type, exc)
        if incidents:
            self._apply_incidents(incidents)
        if reports:
            self.reports_model.apply(reports)
        if calls:
            self.calls_model.apply(calls)

    def on_link_state(self, state: LinkState) -> None:
        """Back online: send what was queued."""
        if state == LinkState.CONNECTING:
            return
        online = state == LinkState.ONLINE
        was, self.link_online = self.link_online, online
        if online and was is not True:
            self.spawn(self.replay_outbox())

    def _apply_incidents(self, incidents: list[Incident]) -> None:
        self.board_model.apply(incidents)
        for inc in incidents:
            for unit in self.units.values():
                if unit.id in inc.unit_ids and unit.incident_id != inc.id:
                    self.units[unit.id] = unit.model_copy(
                        update={"incident_id": inc.id, "status": UnitStatus.BUSY}
                    )
                elif unit.incident_id == inc.id and unit.id not in inc.unit_ids:
                    self.units[unit.id] = unit.model_copy(
                        update={"incident_id": None, "status": UnitStatus.AVAILABLE}
                    )

    # -- the form -----------------------------------------------------------------------------

    def form(self) -> IncidentFormDialog:
        """The incident form's window (made once, reused)."""
        if self.dialog is None:
            parent = self.board.window() if self.board is not None else None
            self.dialog = IncidentFormDialog(parent)
            self._fill_form_choices(self.dialog)
            self.dialog.form.submitted.connect(self._on_form_submitted)
            self.dialog.form.draft_changed.connect(self._on_form_draft_changed)
            self.dialog.form.discard_requested.connect(self._on_form_discard_requested)
            self.dialog.form.location_pick_requested.connect(self.location_pick_requested)
            self.dialog.form.tile_snapshot_requested.connect(self.tile_snapshot_requested)
        return self.dialog

    def _fill_form_choices(self, dialog: IncidentFormDialog) -> None:
        form = dialog.form
        categories = [
            CategoryChoice(
                value=c.value,
                label=category_name(c.value),
                process_group=r.process_group.value,
                unit_kinds=tuple(k.value for k in r.unit_kinds),
            )
            for c, r in self.categories.items()
        ]
        form.set_choices(
            categories,
            [Choice(g.value, group_name(g.value)) for g in ProcessGroup],
            [Choice(s.value, priority_name(s.value)) for s in reversed(Severity)],
            [Choice(w.id, w.name) for w in sorted(self.wards.values(), key=lambda w: w.name)],
            [Choice(k.value, unit_kind_name(k.value)) for k in UnitKind],
        )
        form.set_units(self._unit_choices(self.units.values()))

    def _unit_choices(self, units: Any) -> list[UnitChoice]:
        names = {w.id: w.name for w in self.wards.values()}
        return [
            UnitChoice(
                id=u.id,
                name=u.name
                if u.ward_id in u.name
                else f"{u.name} ({names.get(u.ward_id, u.ward_id)})",
                kind=u.kind.value,
                kind_label=unit_kind_name(u.kind.value),
                ward_id=u.ward_id,
                busy=u.incident_id is not None,
            )
            for u in sorted(units, key=lambda u: (u.ward_id, u.kind.value))
        ]

    async def open_form(self, draft: IncidentDraft | None = None) -> IncidentFormDialog:
        """Open the form with ``draft``; without one, the saved draft (or an empty form)."""
        dialog = self.form()
        if draft is None:
            saved = await self.outbox.load_draft(DRAFT_NAME)
            draft = IncidentDraft.from_dict(saved) if saved else IncidentDraft()
            if saved:
                self.status_reported.emit(self.tr("An unfinished incident draft was restored."))
        else:
            await self.outbox.save_draft(DRAFT_NAME, draft.to_dict())
        dialog.form.set_units(self._unit_choices(self.units.values()))
        dialog.form.load(draft)
        dialog.form.set_snapshot(None)
        dialog.form.set_busy(False)
        dialog.show()
        dialog.raise_()
        return dialog

    def draft_from_alert(self, alert: Alert) -> IncidentDraft:
        camera = self.cameras.get(alert.camera_id)
        where = camera.name if camera else alert.camera_id
        category = ALERT_CATEGORY.get(alert.type, C.OTHER)
        rule = self.categories.get(category)
        group = rule.process_group.value if rule else ""
        if alert.severity == Severity.CRITICAL:
            group = ProcessGroup.IMMEDIATE.value
        details = [f"{display_name(alert.type.value)} · {display_name(alert.severity.value)}",
                   self.tr("Confidence %1").replace("%1", f"{alert.confidence:.0%}")]  # fmt: skip
        details += [f"{k}: {v}" for k, v in sorted(alert.attributes.items())]
        return IncidentDraft(
            title=f"{display_name(alert.type.value)} — {where}",
            category=category.value,
            process_group=group,
            group_chosen=alert.severity == Severity.CRITICAL,
            priority=alert.severity.value,
            ward_id=alert.ward_id,
            address=where,
            lat=camera.lat if camera else None,
            lon=camera.lon if camera else None,
            description="\n".join(details),
            camera_id=alert.camera_id,
            source=self.tr("From alert #%1 · camera %2 · %3")
            .replace("%1", str(alert.id))
            .replace("%2", where)
            .replace("%3", _local(alert.created_at)),
            # The backend copies the alert's snapshot into the incident (when there is one).
            attachments=[
                {
                    "label": self.tr("Snapshot of alert #%1").replace("%1", str(alert.id)),
                    "alert_id": alert.id,
                }
            ]
            if alert.snapshot_url
            else [],
            alert_ids=[alert.id],
        )

    def draft_from_field_report(self, report: FieldReport) -> IncidentDraft:
        category = IncidentCategory(report.category.value)
        rule = self.categories.get(category)
        return IncidentDraft(
            title=f"{category_name(category.value)} — {report.address or report.code}",
            category=category.value,
            process_group=rule.process_group.value if rule else "",
            priority=Severity.MEDIUM.value,
            ward_id=report.ward_id,
            address=report.address,
            lat=report.lat,
            lon=report.lon,
            description=report.text,
            source=self.tr("From field report %1 · %2")
            .replace("%1", report.code)
            .replace("%2", _local(report.created_at)),
            attachments=[{"label": self.tr("Citizen's photo"), "url": report.photo_url}]
            if report.photo_url
            else [],
            field_report_ids=[report.id],
        )

    def draft_from_call(self, call: HotlineCall) -> IncidentDraft:
        try:
            category = IncidentCategory(call.topic.value)
        except ValueError:
            category = C.OTHER
        rule = self.categories.get(category)
        return IncidentDraft(
            title=self.tr("%1 — hotline call").replace("%1", category_name(call.topic.value)),
            category=category.value,
            process_group=rule.process_group.value if rule else "",
            priority=Severity.MEDIUM.value,
            ward_id=call.ward_id or "",
            description=call.summary,
            source=self.tr("From hotline call #%1 · %2 · %3")
            .replace("%1", str(call.id))
            .replace("%2", call.number_masked)
            .replace("%3", _local(call.started_at)),
            hotline_call_ids=[call.id],
        )

    async def open_form_from_alert(self, alert: Alert) -> IncidentFormDialog:
        """Escalate: the form pre-filled from the alert (camera, place, snapshot)."""
        dialog = await self.open_form(self.draft_from_alert(alert))
        if self._snapshot_task is not None and not self._snapshot_task.done():
            self._snapshot_task.cancel()
        self._snapshot_task = self.spawn(self._load_snapshot(dialog, alert.id))
        return dialog

    async def _load_snapshot(self, dialog: IncidentFormDialog, alert_id: int) -> None:
        try:
            data = await self.rest.snapshot(alert_id)
        except (ApiError, BackendUnreachable) as exc:
            log.info("no snapshot for alert %d: %s", alert_id, exc)
            return
        if alert_id in dialog.form.draft().alert_ids:
            dialog.form.set_snapshot(data, alert_id)

    def build_create(
        self, draft: IncidentDraft, key: str, uploads: list[dict[str, Any]] | None = None
    ) -> IncidentCreate:
        """The wire body of a draft (raises ValidationError on what the backend would refuse).

        ``uploads`` are the draft's local files with their SHA-256 (see :func:`read_uploads`):
        the create names them by hash, and they are uploaded before it is sent.
        """
        description = draft.description.strip()
        refs: list[AttachmentRef] = []
        links: list[str] = []
        hashes = {u["path"]: u["sha256"] for u in uploads or []}
        for entry in draft.attachments:
            label = str(entry.get("label", ""))[:200]
            if isinstance(entry.get("alert_id"), int):
                refs.append(AttachmentRef(alert_id=entry["alert_id"], label=label))
            elif entry.get("path") in hashes:
                refs.append(AttachmentRef(sha256=hashes[entry["path"]], label=label))
            elif entry.get("url"):
                links.append(f"{label} <{entry['url']}>")
        note = None
        if links:
            note = self.tr("Attachments: %1").replace("%1", "; ".join(links))
        return IncidentCreate(
            idempotency_key=key,
            title=draft.title.strip(),
            description=description,
            category=IncidentCategory(draft.category),
            process_group=ProcessGroup(draft.process_group) if draft.process_group else None,
            priority=Severity(draft.priority or "medium"),
            ward_id=draft.ward_id,
            lat=draft.lat,
            lon=draft.lon,
            alert_ids=draft.alert_ids,
            field_report_ids=draft.field_report_ids,
            hotline_call_ids=draft.hotline_call_ids,
            unit_ids=draft.unit_ids,
            note=note[:2000] if note else None,
            address=draft.address.strip(),
            attachments=refs,
        )

    async def submit(self, draft: IncidentDraft) -> IncidentOp | None:
        """Queue the incident (pending card), then send it unless known to be offline."""
        key = str(uuid.uuid4())
        try:
            # Hashing files is no work for the GUI thread.
            uploads = await asyncio.to_thread(read_uploads, draft)
        except OSError as exc:
            if self.dialog is not None:
                self.dialog.form.show_error(
                    self.tr("An attachment cannot be read: %1").replace("%1", str(exc))
                )
            return None
        try:
            body = self.build_create(draft, key, uploads)
        except (ValidationError, ValueError) as exc:
            if self.dialog is not None:
                self.dialog.form.show_error(
                    self.tr("The backend would refuse this: %1").replace("%1", str(exc))
                )
            return None
        op = await self.outbox.enqueue_incident_op(
            "create",
            {"create": body.model_dump(mode="json"), "draft": draft.to_dict(), "uploads": uploads},
            key=key,
        )
        await self.outbox.delete_draft(DRAFT_NAME)
        if self.dialog is not None:
            self.dialog.hide()
        self._add_pending_card(op)
        self.outbox_changed.emit(len(await self.outbox.pending_incident_ops()))
        if self.link_online is not False:
            await self._send_ops([op])
        return op

    def _add_pending_card(self, op: IncidentOp) -> None:
        body = IncidentCreate.model_validate(op.body["create"])
        rule = self.categories.get(body.category)
        group = body.process_group or (rule.process_group if rule else ProcessGroup.DEADLINE)
        now = op.created_at
        due = now + timedelta(minutes=rule.sla_minutes[group]) if rule else None
        placeholder = Incident(
            id=-op.seq, version=0, title=body.title, description=body.description,
            category=body.category, process_group=group, priority=body.priority,
            state=IncidentState.NEW, ward_id=body.ward_id, lat=body.lat, lon=body.lon,
            created_at=now, updated_at=now, created_by=self.username, due_at=due,
            unit_ids=body.unit_ids, alert_ids=body.alert_ids, address=body.address,
        )  # fmt: skip
        self.board_model.add_pending(op.key, placeholder)

    # -- changes to an incident ---------------------------------------------------------------

    async def change(
        self, incident_id: int, patch: IncidentPatch, *, check_version: bool = True
    ) -> None:
        """Queue a change to an incident (based on the version shown) and send it."""
        incident = self.board_model.incident(incident_id)
        if incident is None:
            return
        base = incident.version if check_version else None
        # Changes queued before this one on the same incident share its base version.
        for op in await self.outbox.pending_incident_ops():
            if op.op == "patch" and op.incident_id == incident_id and op.if_match is not None:
                base = op.if_match if check_version else None
                break
        op = await self.outbox.enqueue_incident_op(
            "patch",
            {"patch": patch.model_dump(mode="json", exclude_unset=True), "actor": self.username},
            incident_id=incident_id,
            if_match=base,
        )
        self.board_model.set_pending_change(incident_id, True)
        self.outbox_changed.emit(len(await self.outbox.pending_incident_ops()))
        if self.link_online is not False:
            await self._send_ops([op])
        else:
            self._refresh_detail()

    async def replay_outbox(self) -> None:
        """Send every queued operation, oldest first (after a reconnect or a start)."""
        ops = await self.outbox.pending_incident_ops()
        if ops:
            log.info("replaying %d queued incident operation(s)", len(ops))
            await self._send_ops(ops)

    async def _send_ops(self, ops: list[IncidentOp]) -> None:
        # One at a time, in order: a change may need the incident its create makes first.
        async with self._send_lock:
            for op in ops:
                current = await self.outbox.incident_op(op.key)
                if current is None or current.state != OutboxState.PENDING:
                    continue
                if not await self._send_one(current):
                    break
            pending = await self.outbox.pending_incident_ops()
        self.outbox_changed.emit(len(pending))
        still = {o.incident_id for o in pending if o.op == "patch"}
        for inc in self.board_model.incidents():
            self.board_model.set_pending_change(inc.id, inc.id in still)
        self._refresh_detail()

    async def _send_one(self, op: IncidentOp) -> bool:
        """Send one operation; False when the backend is unreachable (it stays queued)."""
        try:
            if op.op == "create":
                await self._send_create(op)
            elif op.op == "patch":
                await self._send_patch(op)
            elif op.op == "escalate":
                await self._send_escalate(op)
            elif op.op == "field_report":
                await self._send_field_report(op)
        except BackendUnreachable as exc:
            await self.outbox.record_incident_attempt(op.key, str(exc))
            return False
        return True

    async def _upload(self, uploads: list[dict[str, Any]]) -> None:
        """Upload the create's local files (stored once by hash: a replay re-uploads safely)."""
        for upload in uploads:
            try:
                data = await asyncio.to_thread(Path(str(upload["path"])).read_bytes)
            except OSError as exc:
                # Gone since it was queued: the create names the hash and the backend says
                # whether it has the bytes (from an earlier send) or not.
                log.warning("attachment %s unreadable: %s", upload["path"], exc)
                continue
            await self.rest.upload_attachment(data, str(upload["media_type"]))

    async def _send_create(self, op: IncidentOp) -> None:
        body = IncidentCreate.model_validate(op.body["create"])
        try:
            await self._upload(list(op.body.get("uploads") or []))
            incident = await self.rest.create_incident(body)
        except ApiError as exc:
            await self.outbox.finish_incident_op(op.key, OutboxState.FAILED, error=str(exc))
            self.board_model.resolve_pending(op.key, None)
            # Back into the form, so nothing the operator typed is lost.
            draft = IncidentDraft.from_dict(op.body.get("draft") or {})
            dialog = await self.open_form(draft)
            dialog.form.show_error(
                self.tr("The backend refused the incident: %1").replace("%1", exc.message)
            )
            self.error_reported.emit(self.tr("Incident not created: %1").replace("%1", exc.message))
            return
        await self.outbox.finish_incident_op(op.key, OutboxState.DONE, incident_id=incident.id)
        self.board_model.resolve_pending(op.key, incident)
        self._apply_incidents([incident])
        for call_id in body.hotline_call_ids:
            call = self.calls_model.record(call_id)
            if call is not None:
                self.calls_model.apply([call.model_copy(update={"incident_id": incident.id})])
        # The alerts it came from are escalated into it (an alert's own state says so).
        follow = []
        for alert_id in body.alert_ids:
            key = f"{op.key}:escalate:{alert_id}"
            if await self.outbox.incident_op(key) is None:
                follow.append(
                    await self.outbox.enqueue_incident_op(
                        "escalate", {"alert_id": alert_id}, incident_id=incident.id, key=key
                    )
                )
        for item in follow:
            if not await self._send_one(item):
                break
        self.incident_created.emit(incident.id)
        self.status_reported.emit(self.tr("Incident #%1 created").replace("%1", str(incident.id)))

    async def _send_escalate(self, op: IncidentOp) -> None:
        assert op.incident_id is not None
        try:
            await self.rest.escalate_alert(int(op.body["alert_id"]), op.incident_id, key=op.key)
        except ApiError as exc:
            # Already escalated or dismissed by someone: the incident keeps its link anyway.
            log.info("alert %s not escalated into %s: %s", op.body["alert_id"], op.incident_id, exc)
            await self.outbox.finish_incident_op(op.key, OutboxState.FAILED, error=str(exc))
            return
        await self.outbox.finish_incident_op(op.key, OutboxState.DONE)

    async def _send_patch(self, op: IncidentOp) -> None:
        assert op.incident_id is not None
        incident_id = op.incident_id
        patch = IncidentPatch.model_validate(op.body["patch"])
        expected = None
        if op.if_match is not None:
            expected = self._rebased.get((incident_id, op.if_match), op.if_match)
        try:
            incident = await self.rest.patch_incident(
                incident_id, patch, if_match=expected, key=op.key
            )
        except StaleWrite as exc:
            actor = str(op.body.get("actor") or self.username)
            if patch_reflected(patch, exc.current, actor, op.created_at):
                await self.outbox.finish_incident_op(op.key, OutboxState.DONE)
                self._apply_incidents([exc.current])
                return
            await self.outbox.finish_incident_op(op.key, OutboxState.FAILED, error="stale")
            self._apply_incidents([exc.current])
            self._show_conflict(Conflict(incident_id, patch, exc.current))
            return
        except ChecklistIncomplete as exc:
            await self.outbox.finish_incident_op(op.key, OutboxState.FAILED, error=str(exc))
            self._show_checklist_blocked(incident_id, exc)
            return
        except ApiError as exc:
            await self.outbox.finish_incident_op(op.key, OutboxState.FAILED, error=str(exc))
            message = (
                self.tr("Change to incident #%1 refused: %2")
                .replace("%1", str(incident_id))
                .replace("%2", exc.message)
            )
            if self.detail is not None and self.current_id == incident_id:
                self.detail.show_message(message)
            self.error_reported.emit(message)
            return
        if op.if_match is not None:
            self._rebased[(incident_id, op.if_match)] = incident.version
        await self.outbox.finish_incident_op(op.key, OutboxState.DONE)
        self._apply_incidents([incident])

    # -- conflicts and refusals ---------------------------------------------------------------

    def _show_conflict(self, conflict: Conflict) -> None:
        self.conflict = conflict
        self.conflict_shown.emit(conflict.incident_id)
        if self.detail is None:
            self.error_reported.emit(
                self.tr(
                    "Incident #%1 was changed by someone else: your change was not applied."
                ).replace("%1", str(conflict.incident_id))
            )
            return
        self.show_incident(conflict.incident_id)
        current = conflict.current
        last = current.timeline[-1] if current.timeline else None
        message = (
            self.tr(
                "Incident #%1 was changed by someone else (now version %2). Your change was not "
                "applied: compare, then apply it to the current version or discard it."
            )
            .replace("%1", str(conflict.incident_id))
            .replace("%2", str(current.version))
        )
        rows = self.conflict_rows(conflict)
        if last is not None:
            rows.insert(
                0,
                (
                    self.tr("Last change"),
                    f"{last.actor} · {_local(last.at)} · {last.text}",
                    "",
                ),
            )
        self.detail.show_conflict(message, rows)

    def conflict_rows(self, conflict: Conflict) -> list[tuple[str, str, str]]:
        """(what, the server's value, my change) for every field my change touches."""
        p, cur = conflict.patch, conflict.current
        rows: list[tuple[str, str, str]] = []
        if p.state is not None:
            rows.append((self.tr("State"), state_name(cur.state.value), state_name(p.state.value)))
        if p.title is not None:
            rows.append((self.tr("Title"), cur.title, p.title))
        if p.description is not None:
            rows.append((self.tr("Description"), cur.description, p.description))
        if p.address is not None:
            rows.append((self.tr("Address"), cur.address or "—", p.address or "—"))
        if p.priority is not None:
            rows.append(
                (
                    self.tr("Priority"),
                    priority_name(cur.priority.value),
                    priority_name(p.priority.value),
                )
            )
        if p.dispatch_unit_ids or p.release_unit_ids:
            mine = ", ".join(
                [*(f"+{u}" for u in p.dispatch_unit_ids), *(f"−{u}" for u in p.release_unit_ids)]
            )
            rows.append((self.tr("Units"), ", ".join(cur.unit_ids) or "—", mine))
        if p.checklist_done or p.checklist_undone:
            labels = {s.id: s.label for s in cur.checklist}
            theirs = ", ".join(labels.get(s.id, s.id) for s in cur.checklist if s.done) or "—"
            mine = ", ".join(
                [*(f"✓ {labels.get(s, s)}" for s in p.checklist_done),
                 *(f"✗ {labels.get(s, s)}" for s in p.checklist_undone)]
            )  # fmt: skip
            rows.append((self.tr("Checklist"), theirs, mine))
        if p.note is not None:
            rows.append((self.tr("Note"), "", p.note))
        return rows

    async def resolve_conflict(self, choice: str) -> None:
        """``reapply``: my change again, on the version the server has now; ``discard``: drop it."""
        conflict, self.conflict = self.conflict, None
        if conflict is None:
            return
        if self.detail is not None:
            self.detail.hide_conflict()
        if choice != "reapply":
            self.status_reported.emit(self.tr("Your change was discarded."))
            return
        current = self.board_model.incident(conflict.incident_id) or conflict.current
        op = await self.outbox.enqueue_incident_op(
            "patch",
            {
                "patch": conflict.patch.model_dump(mode="json", exclude_unset=True),
                "actor": self.username,
            },
            incident_id=conflict.incident_id,
            if_match=current.version,
        )
        await self._send_ops([op])

    def _show_checklist_blocked(self, incident_id: int, exc: ChecklistIncomplete) -> None:
        labels = "; ".join(s.label for s in exc.missing)
        message = (
            self.tr("Incident #%1 cannot be closed: these required SOP steps are not done: %2")
            .replace("%1", str(incident_id))
            .replace("%2", labels)
        )
        if self.detail is not None:
            self.show_incident(incident_id)
            self.detail.show_checklist_blocked(message, [s.id for s in exc.missing])
        self.error_reported.emit(message)

    # -- the detail ---------------------------------------------------------------------------

    def show_incident(self, incident_id: int) -> None:
        self.current_id = incident_id
        self._refresh_detail()

    def _refresh_detail(self) -> None:
        if self.detail is None or self.current_id is None:
            return
        incident = self.board_model.incident(self.current_id)
        if incident is None:
            return
        self.detail.show_incident(self.view_of(incident))
        missing = [a.sha256 for a in incident.attachments if a.sha256 not in self._thumbs_asked]
        if missing:
            self._thumbs_asked.update(missing)
            self.spawn(self._load_thumbnails(missing))

    async def _load_thumbnails(self, hashes: list[str]) -> None:
        """Fetch attachments once each and show them in the detail (hash checked)."""
        for sha256 in hashes:
            try:
                data = await self.rest.attachment(sha256)
            except (ApiError, BackendUnreachable) as exc:
                log.info("attachment %s not loaded: %s", sha256[:12], exc)
                self._thumbs_asked.discard(sha256)  # try again when next shown
                continue
            if hashlib.sha256(data).hexdigest() != sha256:
                log.warning("attachment %s: the bytes do not match their hash", sha256[:12])
                continue
            if self.detail is not None:
                self.detail.set_attachment_image(sha256, data)

    def view_of(self, inc: Incident) -> IncidentView:
        """The detail's view of an incident, translated."""
        names = {w.id: w.name for w in self.wards.values()}
        sla = self.board_model.sla(inc.id)
        units = ", ".join(self.units[u].name if u in self.units else u for u in inc.unit_ids)
        links = [
            *(self.tr("alert #%1").replace("%1", str(i)) for i in inc.alert_ids),
            *(self._report_label(i) for i in inc.field_report_ids),
            *(self.tr("call #%1").replace("%1", str(i)) for i in inc.hotline_call_ids),
        ]
        facts = [
            (self.tr("Category"), category_name(inc.category.value)),
            (self.tr("Process group"), group_name(inc.process_group.value)),
            (self.tr("Priority"), priority_name(inc.priority.value)),
            (self.tr("Ward"), names.get(inc.ward_id, inc.ward_id)),
            (self.tr("Created"), f"{_local(inc.created_at)} · {inc.created_by}"),
            (self.tr("Due"), _local(inc.due_at) if inc.due_at else "—"),
            (self.tr("Units"), units or "—"),
            (self.tr("Linked"), ", ".join(links) or "—"),
        ]
        if inc.lat is not None and inc.lon is not None:
            facts.insert(4, (self.tr("Coordinates"), f"{inc.lat:.5f}, {inc.lon:.5f}"))
        if inc.address:
            facts.insert(4, (self.tr("Address"), inc.address))
        ratings = [
            r.satisfaction
            for r in (self.reports_model.record(i) for i in inc.field_report_ids)
            if r is not None and r.satisfaction is not None
        ]
        if ratings:
            facts.append(
                (self.tr("Citizen rating"), " ".join(f"{stars(n)} {n}/5" for n in ratings))
            )
        transitions = [t.value for t in TRANSITIONS[inc.state]]
        if inc.state == S.NEW and not inc.unit_ids:
            transitions.remove(S.DISPATCHED.value)
        kind_names = {
            TimelineKind.CREATED: self.tr("created"),
            TimelineKind.NOTE: self.tr("note"),
            TimelineKind.STATE: self.tr("state"),
            TimelineKind.DISPATCH: self.tr("dispatch"),
            TimelineKind.LINK: self.tr("link"),
            TimelineKind.CHECKLIST: self.tr("checklist"),
            TimelineKind.UPDATE: self.tr("update"),
        }
        timeline = [
            f"{_local(e.at)} · {e.actor} · {kind_names.get(e.kind, e.kind.value)}: {e.text}"
            for e in inc.timeline
        ]
        rule = self.categories.get(inc.category)
        kinds = {k.value for k in rule.unit_kinds} if rule else set()
        candidates = [
            u for u in self.units.values()
            if u.ward_id == inc.ward_id and u.id not in inc.unit_ids and (not kinds or u.kind.value in kinds)
        ]  # fmt: skip
        pending_ops = self.board_model.has_pending_change(inc.id)
        return IncidentView(
            incident_id=inc.id,
            title=f"#{inc.id} {inc.title}",
            state=inc.state.value,
            state_label=state_name(inc.state.value),
            facts=facts,
            description=inc.description,
            checklist=[self._step(s) for s in inc.checklist],
            timeline=timeline,
            transitions=transitions,
            units=self._unit_choices(candidates),
            final=inc.state in FINAL,
            pending=self.tr("Changes waiting to be sent (backend unreachable)")
            if pending_ops
            else "",
            sla_text=sla_text(sla) if sla is not None else "",
            sla_level=sla.level if sla is not None else "none",
            raw_title=inc.title,
            priority=inc.priority.value,
            address=inc.address,
            attachments=[
                (a.sha256, a.label or a.sha256[:12],
                 f"{a.label} · {a.media_type} · {a.size:,} B · {a.added_by} {_local(a.added_at)}"
                 f"\nSHA-256 {a.sha256}")
                for a in inc.attachments
            ],
        )  # fmt: skip

    def _report_label(self, report_id: int) -> str:
        report = self.reports_model.record(report_id)
        code = report.code if report is not None else f"#{report_id}"
        return self.tr("field report %1").replace("%1", code)

    def _step(self, step: SopStep) -> ChecklistStep:
        done_text = ""
        if step.done and step.done_at is not None:
            done_text = f"{step.done_by or ''} · {_local(step.done_at)}"
        return ChecklistStep(step.id, step.label, step.required, step.done, done_text)

    # -- intents ------------------------------------------------------------------------------

    def _on_board_incident_activated(self, incident_id: int) -> None:
        self.show_incident(incident_id)

    def _on_board_new_incident_requested(self) -> None:
        self.spawn(self._open_form_task(None))

    async def _open_form_task(self, draft: IncidentDraft | None) -> None:
        await self.open_form(draft)

    def _on_board_model_changed(self, *_args: object) -> None:
        if self.current_id is not None and self.detail is not None and self.conflict is None:
            incident = self.board_model.incident(self.current_id)
            shown = self.detail.view
            if incident is not None and shown is not None and shown.incident_id == incident.id:
                self._refresh_detail()

    def _on_detail_transition_requested(self, incident_id: int, state: str, reason: str) -> None:
        values: dict[str, Any] = {"state": IncidentState(state)}
        if reason:
            values["reason"] = reason
        self.spawn(self.change(incident_id, IncidentPatch(**values)))

    def _on_detail_step_toggled(self, incident_id: int, step_id: str, done: bool) -> None:
        patch = IncidentPatch(
            **({"checklist_done": [step_id]} if done else {"checklist_undone": [step_id]})
        )
        self.spawn(self.change(incident_id, patch))

    def _on_detail_note_requested(self, incident_id: int, text: str) -> None:
        # A note only adds to the timeline: it needs no fresh copy.
        self.spawn(self.change(incident_id, IncidentPatch(note=text[:2000]), check_version=False))

    def _on_detail_dispatch_requested(self, incident_id: int, unit_ids: list[str]) -> None:
        self.spawn(self.change(incident_id, IncidentPatch(dispatch_unit_ids=list(unit_ids))))

    def _on_detail_edit_requested(self, incident_id: int, values: dict[str, Any]) -> None:
        """Title, priority, description, address: sent with the version shown (If-Match)."""
        try:
            patch = IncidentPatch(**values)
        except ValidationError as exc:
            if self.detail is not None:
                self.detail.show_message(
                    self.tr("The backend would refuse this: %1").replace("%1", str(exc))
                )
            return
        self.spawn(self.change(incident_id, patch))

    def _on_detail_conflict_resolved(self, choice: str) -> None:
        self.spawn(self.resolve_conflict(choice))

    def _on_form_submitted(self, draft: IncidentDraft) -> None:
        self.spawn(self._submit_task(draft))

    async def _submit_task(self, draft: IncidentDraft) -> None:
        await self.submit(draft)

    def _on_form_draft_changed(self, draft: IncidentDraft) -> None:
        self.spawn(self.outbox.save_draft(DRAFT_NAME, draft.to_dict()))

    def _on_form_discard_requested(self) -> None:
        if self.dialog is not None:
            self.dialog.form.load(IncidentDraft())
            self.dialog.hide()
        self.spawn(self.outbox.delete_draft(DRAFT_NAME))

    def _on_inbox_create_incident_requested(self, report_id: int) -> None:
        report = self.reports_model.record(report_id)
        if report is not None:
            self.spawn(self._open_form_task(self.draft_from_field_report(report)))

    def _on_hotline_create_incident_requested(self, call_id: int) -> None:
        call = self.calls_model.record(call_id)
        if call is not None:
            self.spawn(self._open_form_task(self.draft_from_call(call)))

    def _on_inbox_link_requested(self, report_id: int, incident_id: int) -> None:
        if incident_id not in self.board_model:
            if self.inbox is not None:
                self.inbox.show_message(
                    self.tr("No incident #%1 on the board.").replace("%1", str(incident_id))
                )
            return
        self.spawn(
            self.change(
                incident_id, IncidentPatch(link_field_report_ids=[report_id]), check_version=False
            )
        )

    def _on_inbox_reply_requested(self, report_id: int, status: str, text: str) -> None:
        self.spawn(self.reply_to_report(report_id, status, text))

    async def reply_to_report(self, report_id: int, status: str, text: str) -> None:
        """Send the citizen a status and/or an answer through the outbox: while the backend is
        unreachable it waits there (shown as pending) and goes once, with its idempotency key,
        when the link is back."""
        values: dict[str, Any] = {}
        if status:
            values["status"] = FieldReportStatus(status)
        if text:
            values["response"] = text
        try:
            patch = FieldReportPatch(**values)
        except ValidationError as exc:
            if self.inbox is not None:
                self.inbox.show_message(self.tr("Reply not sent: %1").replace("%1", str(exc)))
            return
        op = await self.outbox.enqueue_incident_op(
            "field_report",
            {"report_id": report_id, "patch": patch.model_dump(mode="json", exclude_unset=True)},
        )
        self.reports_model.set_pending(report_id, True)
        self.outbox_changed.emit(len(await self.outbox.pending_incident_ops()))
        if self.link_online is not False:
            await self._send_ops([op])
        if self.reports_model.record(report_id) is not None and report_id in (
            self.reports_model.pending
        ):
            if self.inbox is not None:
                self.inbox.show_message(
                    self.tr("Backend unreachable: the reply is queued and will be sent.")
                )
            self._on_inbox_current_changed(report_id)

    async def _send_field_report(self, op: IncidentOp) -> None:
        report_id = int(op.body["report_id"])
        patch = FieldReportPatch.model_validate(op.body["patch"])
        try:
            report = await self.rest.patch_field_report(report_id, patch, key=op.key)
        except ApiError as exc:
            await self.outbox.finish_incident_op(op.key, OutboxState.FAILED, error=str(exc))
            self.reports_model.set_pending(report_id, False)
            message = self.tr("Reply not sent: %1").replace("%1", exc.message)
            if self.inbox is not None:
                self.inbox.show_message(message)
            self.error_reported.emit(message)
            return
        await self.outbox.finish_incident_op(op.key, OutboxState.DONE)
        self.reports_model.apply([report])
        if not any(
            o.op == "field_report" and o.body.get("report_id") == report_id
            for o in await self.outbox.pending_incident_ops()
        ):
            self.reports_model.set_pending(report_id, False)
        self._on_inbox_current_changed(report_id)

    def _on_inbox_current_changed(self, report_id: int) -> None:
        report = self.reports_model.record(report_id)
        if self.inbox is None or report is None:
            return
        rows = [
            (self.tr("Code"), report.code),
            (self.tr("Category"), category_name(report.category.value)),
            (self.tr("Status"), report_status_name(report.status.value)),
            (self.tr("Address"), report.address),
            (self.tr("Due"), _local(report.due_at)),
            (self.tr("Answer"), report.response or "—"),
        ]
        if report_id in self.reports_model.pending:
            rows.append((self.tr("Reply"), self.tr("waiting to be sent (backend unreachable)")))
        if report.satisfaction is not None:
            rows.append(
                (self.tr("Citizen rating"), f"{stars(report.satisfaction)} {report.satisfaction}/5")
            )
        if report.photo_url:
            rows.append((self.tr("Photo"), report.photo_url))
        html = "".join(f"<b>{_esc(k)}</b>: {_esc(v)}<br>" for k, v in rows)
        self.inbox.show_detail(f"<p>{_esc(report.text)}</p>{html}")

    def _on_hotline_current_changed(self, call_id: int) -> None:
        call = self.calls_model.record(call_id)
        if self.hotline is None or call is None:
            return
        self.hotline.show_detail(
            f"<b>{_esc(call.number_masked)}</b> · {_esc(_local(call.started_at))} · "
            f"{_esc(call.operator)}<p>{_esc(call.summary)}</p>"
        )


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
