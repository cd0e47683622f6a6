"""Incidents: creation (idempotent), changes (versioned), lifecycle, SOP checklists, dispatch.

Every function here runs on the db thread inside one hub transaction: the state change, its
``incident.*`` event (plus the events of linked alerts and field reports), its timeline entry
and its audit row commit together or not at all.

Lifecycle::

    new ──► dispatched ──► in_progress ──► resolved ──► closed
     │           │              │              │
     └───────────┴──────────────┴──► cancelled └──► in_progress (reopened)

Dispatching units to a new incident moves it to dispatched. Closing needs every required SOP
step done (409 ``checklist_incomplete`` lists the missing ones). Resolving, closing and
cancelling release the units.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Final

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from backend import audit
from backend.attachments import attachment_to_wire, resolve_refs
from backend.auth import Principal
from backend.citizen import (
    emit_field_report,
    set_field_report_status,
    visible_field_report,
    visible_hotline_call,
)
from backend.db import (
    AlertRow,
    CameraRow,
    FieldReportRow,
    IncidentKeyRow,
    IncidentRow,
    UnitRow,
    WardRow,
    utcnow,
)
from backend.hub import EventSink
from backend.routes_context import ApiError, require_scope
from backend.sop import alert_incident, checklist_for, due_at, rule
from server_client.contract import (
    AlertType,
    ChecklistIncompleteBody,
    EventType,
    FieldReportStatus,
    Incident,
    IncidentCategory,
    IncidentCreate,
    IncidentPage,
    IncidentPatch,
    IncidentReplace,
    IncidentState,
    ProcessGroup,
    Severity,
    SopStep,
    StaleWriteBody,
    TimelineEntry,
    TimelineKind,
    Unit,
    UnitKind,
    UnitStatus,
)

log = logging.getLogger(__name__)

S = IncidentState
TRANSITIONS: Final[dict[IncidentState, frozenset[IncidentState]]] = {
    S.NEW: frozenset({S.DISPATCHED, S.CANCELLED}),
    S.DISPATCHED: frozenset({S.IN_PROGRESS, S.CANCELLED}),
    S.IN_PROGRESS: frozenset({S.RESOLVED, S.CANCELLED}),
    S.RESOLVED: frozenset({S.CLOSED, S.IN_PROGRESS}),
    S.CLOSED: frozenset(),
    S.CANCELLED: frozenset(),
}
FINAL: Final = frozenset({S.CLOSED, S.CANCELLED})
# States in which units are held; leaving them releases the units.
HOLDS_UNITS: Final = frozenset({S.NEW, S.DISPATCHED, S.IN_PROGRESS})
# Timeline entries kept per incident; older ones stay in the audit log.
TIMELINE_MAX: Final = 500


# -- wire conversion ------------------------------------------------------------------------


def to_wire(row: IncidentRow, now: datetime | None = None) -> Incident:
    now = now or utcnow()
    sla_met: bool | None = None
    if row.due_at is not None:
        if row.resolved_at is not None:
            sla_met = row.resolved_at <= row.due_at
        elif row.state != S.CANCELLED.value and now > row.due_at:
            sla_met = False
    return Incident(
        id=row.id,
        version=row.version,
        title=row.title,
        description=row.description,
        category=IncidentCategory(row.category),
        process_group=ProcessGroup(row.process_group),
        priority=Severity(row.priority),
        state=IncidentState(row.state),
        ward_id=row.ward_id,
        lat=row.lat,
        lon=row.lon,
        created_at=row.created_at,
        updated_at=row.updated_at,
        created_by=row.created_by,
        due_at=row.due_at,
        dispatched_at=row.dispatched_at,
        resolved_at=row.resolved_at,
        closed_at=row.closed_at,
        sla_met=sla_met,
        unit_ids=list(row.unit_ids or []),
        checklist=[SopStep.model_validate(s) for s in row.checklist or []],
        timeline=[TimelineEntry.model_validate(t) for t in row.timeline or []],
        alert_ids=list(row.alert_ids or []),
        field_report_ids=list(row.field_report_ids or []),
        hotline_call_ids=list(row.hotline_call_ids or []),
        address=row.address or "",
        attachments=[attachment_to_wire(a) for a in row.attachments or []],
    )


def unit_to_wire(row: UnitRow) -> Unit:
    return Unit(
        id=row.id,
        name=row.name,
        kind=UnitKind(row.kind),
        ward_id=row.ward_id,
        status=UnitStatus.BUSY if row.incident_id is not None else UnitStatus.AVAILABLE,
        incident_id=row.incident_id,
    )


def _emit(sink: EventSink, row: IncidentRow, type_: str) -> Incident:
    incident = to_wire(row)
    sink.emit(type_, incident.model_dump(mode="json"), ward_id=row.ward_id)
    return incident


def _note(row: IncidentRow, actor: str, kind: TimelineKind, text: str, **data: Any) -> None:
    entry = TimelineEntry(at=utcnow(), actor=actor, kind=kind, text=text, data=data)
    # A new list, not an in-place append: SQLAlchemy notices JSON changes only by assignment.
    row.timeline = [*(row.timeline or []), entry.model_dump(mode="json")][-TIMELINE_MAX:]


# -- lookups --------------------------------------------------------------------------------


def visible_incident(session: Session, incident_id: int, principal: Principal) -> IncidentRow:
    row = session.get(IncidentRow, incident_id)
    if row is None or not principal.sees_ward(row.ward_id):
        raise ApiError(404, "not_found", f"No incident {incident_id}")
    return row


def _visible_alert(session: Session, alert_id: int, principal: Principal) -> AlertRow:
    row = session.get(AlertRow, alert_id)
    if row is None or not principal.sees_ward(row.ward_id):
        raise ApiError(422, "unknown_alert", f"No alert {alert_id}")
    return row


def _unit(session: Session, unit_id: str, principal: Principal) -> UnitRow:
    row = session.get(UnitRow, unit_id)
    if row is None or not principal.sees_ward(row.ward_id):
        raise ApiError(422, "unknown_unit", f"No unit {unit_id!r}")
    return row


def check_version(row: IncidentRow, expected: int | None) -> None:
    """412 with the current incident when ``expected`` is not the current version."""
    if expected is not None and expected != row.version:
        body = StaleWriteBody(
            message=f"Incident {row.id} is at version {row.version}, not {expected}",
            current_version=row.version,
            current=to_wire(row).model_dump(mode="json"),
        )
        raise ApiError(
            412, body.code, body.message, body.model_dump(mode="json"), {"ETag": f'"{row.version}"'}
        )


# -- links ----------------------------------------------------------------------------------


def _link_alerts(
    session: Session,
    sink: EventSink,
    row: IncidentRow,
    ids: Iterable[int],
    principal: Principal,
    *,
    emit: bool = True,
) -> list[int]:
    added: list[int] = []
    for alert_id in ids:
        if alert_id in (row.alert_ids or []) or alert_id in added:
            continue
        alert = _visible_alert(session, alert_id, principal)
        if alert.incident_id is not None and alert.incident_id != row.id:
            raise ApiError(
                409, "already_linked", f"Alert {alert_id} belongs to incident {alert.incident_id}"
            )
        alert.incident_id = row.id
        alert.updated_at = utcnow()
        session.flush()
        if emit:  # the escalation path emits the alert's own update once, itself
            sink.emit(
                EventType.ALERT_UPDATED, alert.to_wire().model_dump(mode="json"), alert.ward_id
            )
        added.append(alert_id)
    if added:
        row.alert_ids = [*(row.alert_ids or []), *added]
    return added


def _link_field_reports(
    session: Session, sink: EventSink, row: IncidentRow, ids: Iterable[int], principal: Principal
) -> list[int]:
    added: list[int] = []
    for report_id in ids:
        if report_id in (row.field_report_ids or []) or report_id in added:
            continue
        try:
            report = visible_field_report(session, report_id, principal)
        except ApiError:
            raise ApiError(422, "unknown_field_report", f"No field report {report_id}") from None
        if report.incident_id is not None and report.incident_id != row.id:
            raise ApiError(
                409, "already_linked",
                f"Field report {report_id} belongs to incident {report.incident_id}",
            )  # fmt: skip
        report.incident_id = row.id
        if report.status == FieldReportStatus.RECEIVED.value:
            report.status = FieldReportStatus.IN_PROGRESS.value
        report.updated_at = utcnow()
        session.flush()
        emit_field_report(sink, report, EventType.FIELD_REPORT_UPDATED)
        added.append(report_id)
    if added:
        row.field_report_ids = [*(row.field_report_ids or []), *added]
    return added


def _link_hotline(
    session: Session, row: IncidentRow, ids: Iterable[int], principal: Principal
) -> list[int]:
    added: list[int] = []
    for call_id in ids:
        if call_id in (row.hotline_call_ids or []) or call_id in added:
            continue
        try:
            call = visible_hotline_call(session, call_id, principal)
        except ApiError:
            raise ApiError(422, "unknown_hotline_call", f"No hotline call {call_id}") from None
        call.incident_id = row.id
        added.append(call_id)
    if added:
        row.hotline_call_ids = [*(row.hotline_call_ids or []), *added]
    return added


def _dispatch(
    session: Session, row: IncidentRow, unit_ids: Iterable[str], principal: Principal
) -> list[str]:
    added: list[str] = []
    for unit_id in unit_ids:
        if unit_id in (row.unit_ids or []) or unit_id in added:
            continue
        unit = _unit(session, unit_id, principal)
        if unit.incident_id is not None and unit.incident_id != row.id:
            raise ApiError(
                409, "unit_busy", f"Unit {unit_id} is assigned to incident {unit.incident_id}"
            )
        unit.incident_id = row.id
        added.append(unit_id)
    if added:
        row.unit_ids = [*(row.unit_ids or []), *added]
    return added


def _release(session: Session, row: IncidentRow, unit_ids: Iterable[str]) -> list[str]:
    released: list[str] = []
    for unit_id in unit_ids:
        unit = session.get(UnitRow, unit_id)
        if unit is not None and unit.incident_id == row.id:
            unit.incident_id = None
            released.append(unit_id)
    return released


# -- the lifecycle --------------------------------------------------------------------------


def _transition(
    session: Session,
    sink: EventSink,
    row: IncidentRow,
    target: IncidentState,
    actor: str,
    reason: str | None,
) -> None:
    current = IncidentState(row.state)
    if target == current:
        return
    if target not in TRANSITIONS[current]:
        raise ApiError(
            409, "invalid_transition",
            f"Incident {row.id} is {current.value}; cannot become {target.value}",
        )  # fmt: skip
    now = utcnow()
    if target == S.DISPATCHED and not row.unit_ids:
        raise ApiError(409, "no_units", f"Incident {row.id} has no units: dispatch some first")
    if target == S.CANCELLED and not reason:
        raise ApiError(422, "reason_required", "Cancelling an incident needs a reason")
    if target == S.CLOSED:
        missing = [
            SopStep.model_validate(s)
            for s in row.checklist or []
            if s.get("required") and not s.get("done")
        ]
        if missing:
            body = ChecklistIncompleteBody(
                message=f"Incident {row.id} cannot close: {len(missing)} required step(s) "
                f"not done ({', '.join(s.id for s in missing)})",
                missing_steps=missing,
            )
            raise ApiError(409, body.code, body.message, body.model_dump(mode="json"))
    row.state = target.value
    if target == S.DISPATCHED:
        row.dispatched_at = row.dispatched_at or now
    elif target == S.RESOLVED:
        row.resolved_at = now
    elif target == S.IN_PROGRESS and current == S.RESOLVED:
        row.resolved_at = None  # reopened: the SLA clock runs again
    elif target == S.CLOSED:
        row.closed_at = now
    if target not in HOLDS_UNITS:
        _release(session, row, row.unit_ids or [])
    text = f"{current.value} → {target.value}" + (f": {reason}" if reason else "")
    _note(row, actor, TimelineKind.STATE, text, from_state=current.value, to_state=target.value)
    _follow_field_reports(session, sink, row, target, now)


def _follow_field_reports(
    session: Session, sink: EventSink, row: IncidentRow, target: IncidentState, now: datetime
) -> None:
    """Linked field reports follow their incident to resolved and closed."""
    follow = {S.RESOLVED: FieldReportStatus.RESOLVED, S.CLOSED: FieldReportStatus.CLOSED}
    status = follow.get(target)
    if status is None:
        return
    for report_id in row.field_report_ids or []:
        report = session.get(FieldReportRow, report_id)
        if report is None or report.status == status.value:
            continue
        if status == FieldReportStatus.CLOSED and report.status != FieldReportStatus.RESOLVED.value:
            set_field_report_status(report, FieldReportStatus.RESOLVED, now)
        try:
            set_field_report_status(report, status, now)
        except ApiError:
            continue  # e.g. already rejected: leave it as the operator set it
        report.updated_at = now
        session.flush()
        emit_field_report(sink, report, EventType.FIELD_REPORT_UPDATED)


# -- create ---------------------------------------------------------------------------------


def _request_hash(body: IncidentCreate | IncidentPatch) -> str:
    payload = body.model_dump_json(exclude={"idempotency_key"})
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def create_incident(
    session: Session,
    sink: EventSink,
    body: IncidentCreate,
    principal: Principal,
    key: str | None,
    alert_snapshots: dict[int, bytes] | None = None,
) -> tuple[Incident, bool]:
    """Create an incident, or return the one this idempotency key already created.

    Returns the incident and whether it is new. The same key with a different request is 422.
    """
    if key:
        prior = session.get(IncidentKeyRow, key)
        if prior is not None:
            if prior.username != principal.username or prior.request_hash != _request_hash(body):
                raise ApiError(
                    422, "idempotency_key_reused",
                    f"Idempotency key {key!r} was already used for another request",
                )  # fmt: skip
            row = session.get(IncidentRow, prior.incident_id)
            if row is None:  # pragma: no cover - incidents are never deleted
                raise ApiError(404, "not_found", f"No incident {prior.incident_id}")
            log.info("replayed creation of incident %d (key %s)", row.id, key)
            return to_wire(row), False
    require_scope(principal, body.ward_id)
    if session.get(WardRow, body.ward_id) is None:
        raise ApiError(422, "unknown_ward", f"No ward {body.ward_id!r}")
    row = new_incident_row(
        session,
        title=body.title,
        description=body.description,
        category=body.category,
        group=body.process_group,
        priority=body.priority,
        ward_id=body.ward_id,
        lat=body.lat,
        lon=body.lon,
        actor=principal.username,
    )
    row.address = body.address.strip()
    if body.attachments:
        row.attachments = resolve_refs(session, body.attachments, alert_snapshots or {}, principal)
    _link_alerts(session, sink, row, body.alert_ids, principal)
    _link_field_reports(session, sink, row, body.field_report_ids, principal)
    _link_hotline(session, row, body.hotline_call_ids, principal)
    if body.unit_ids:
        units = _dispatch(session, row, body.unit_ids, principal)
        _note(
            row,
            principal.username,
            TimelineKind.DISPATCH,
            f"dispatched {', '.join(units)}",
            unit_ids=units,
        )
        _transition(session, sink, row, S.DISPATCHED, principal.username, None)
    if body.note:
        _note(row, principal.username, TimelineKind.NOTE, body.note)
    if key:
        session.add(
            IncidentKeyRow(
                key=key, username=principal.username, request_hash=_request_hash(body),
                incident_id=row.id,
            )
        )  # fmt: skip
    session.flush()
    audit.record(
        session, principal.username, "incident.create", "incident", row.id, ward_id=row.ward_id,
        detail={"category": row.category, "process_group": row.process_group,
                "alert_ids": row.alert_ids, "field_report_ids": row.field_report_ids,
                "hotline_call_ids": row.hotline_call_ids, "unit_ids": row.unit_ids,
                "attachments": [a["sha256"] for a in row.attachments or []]},
    )  # fmt: skip
    return _emit(sink, row, EventType.INCIDENT_CREATED), True


def new_incident_row(
    session: Session,
    *,
    title: str,
    description: str,
    category: IncidentCategory,
    group: ProcessGroup | None,
    priority: Severity,
    ward_id: str,
    lat: float | None,
    lon: float | None,
    actor: str,
) -> IncidentRow:
    """Insert a new incident with its SOP checklist, due time and "created" timeline entry."""
    now = utcnow()
    group = group or rule(category).group
    row = IncidentRow(
        version=1,
        title=title,
        description=description,
        category=category.value,
        process_group=group.value,
        priority=priority.value,
        state=S.NEW.value,
        ward_id=ward_id,
        lat=lat,
        lon=lon,
        created_at=now,
        updated_at=now,
        created_by=actor,
        due_at=due_at(category, group, now),
        unit_ids=[],
        checklist=[s.model_dump(mode="json") for s in checklist_for(category)],
        timeline=[],
        alert_ids=[],
        field_report_ids=[],
        hotline_call_ids=[],
        address="",
        attachments=[],
    )
    session.add(row)
    session.flush()
    _note(row, actor, TimelineKind.CREATED, f"created ({category.value}, {group.value})")
    return row


# -- change ---------------------------------------------------------------------------------


def patch_incident(
    session: Session,
    sink: EventSink,
    incident_id: int,
    patch: IncidentPatch,
    principal: Principal,
    expected_version: int | None,
    key: str | None = None,
    alert_snapshots: dict[int, bytes] | None = None,
) -> Incident:
    """Apply a PATCH as one new version (see :class:`IncidentPatch` for the order).

    With an idempotency key, a replay (a console resending after a lost answer) returns the
    incident as it is and changes nothing; the key is checked before the version, since the
    first send already moved the version on.
    """
    row = visible_incident(session, incident_id, principal)
    stored_key = f"patch:{key}" if key else None
    if stored_key:
        prior = session.get(IncidentKeyRow, stored_key)
        if prior is not None:
            if (
                prior.username != principal.username
                or prior.incident_id != incident_id
                or prior.request_hash != _request_hash(patch)
            ):
                raise ApiError(
                    422, "idempotency_key_reused",
                    f"Idempotency key {key!r} was already used for another request",
                )  # fmt: skip
            log.info("replayed change of incident %d (key %s)", incident_id, key)
            return to_wire(row)
    check_version(row, expected_version)
    if not patch.model_fields_set - {"reason"}:
        raise ApiError(422, "empty_patch", "Nothing to change")
    actor = principal.username
    state = IncidentState(row.state)
    edits = {
        name: value
        for name, value in (
            ("title", patch.title),
            ("description", patch.description),
            ("priority", patch.priority.value if patch.priority else None),
            ("address", patch.address.strip() if patch.address is not None else None),
        )
        if value is not None and getattr(row, name) != value
    }
    changes_record = bool(
        edits or patch.add_attachments or patch.remove_attachments or patch.dispatch_unit_ids or patch.release_unit_ids or patch.checklist_done
        or patch.checklist_undone or patch.link_alert_ids or patch.link_field_report_ids
        or patch.link_hotline_call_ids
    )  # fmt: skip
    if state in FINAL and changes_record:
        raise ApiError(409, "incident_final", f"Incident {row.id} is {state.value}: only notes")
    for name, value in edits.items():
        setattr(row, name, value)
    if edits:
        _note(row, actor, TimelineKind.UPDATE, f"changed {', '.join(edits)}", **edits)
    _change_attachments(session, row, patch, alert_snapshots or {}, principal)
    linked: dict[str, list[Any]] = {
        "alert_ids": _link_alerts(session, sink, row, patch.link_alert_ids, principal),
        "field_report_ids": _link_field_reports(
            session, sink, row, patch.link_field_report_ids, principal
        ),
        "hotline_call_ids": _link_hotline(session, row, patch.link_hotline_call_ids, principal),
    }
    if any(linked.values()):
        _note(
            row,
            actor,
            TimelineKind.LINK,
            "linked " + ", ".join(f"{k}={v}" for k, v in linked.items() if v),
            **{k: v for k, v in linked.items() if v},
        )
    if patch.dispatch_unit_ids:
        if IncidentState(row.state) not in HOLDS_UNITS:
            raise ApiError(
                409, "invalid_transition", f"Incident {row.id} is {row.state}: no dispatch"
            )
        units = _dispatch(session, row, patch.dispatch_unit_ids, principal)
        if units:
            _note(
                row, actor, TimelineKind.DISPATCH, f"dispatched {', '.join(units)}", unit_ids=units
            )
            if row.state == S.NEW.value and patch.state in (None, S.DISPATCHED):
                _transition(session, sink, row, S.DISPATCHED, actor, None)
    if patch.release_unit_ids:
        released = _release(session, row, patch.release_unit_ids)
        if released:
            row.unit_ids = [u for u in row.unit_ids or [] if u not in released]
            _note(
                row,
                actor,
                TimelineKind.DISPATCH,
                f"released {', '.join(released)}",
                released=released,
            )
    _tick_checklist(row, patch.checklist_done, patch.checklist_undone, actor)
    if patch.state is not None:
        _transition(session, sink, row, patch.state, actor, patch.reason)
    if patch.note:
        _note(row, actor, TimelineKind.NOTE, patch.note)
    row.version += 1
    row.updated_at = utcnow()
    session.flush()
    audit.record(
        session, actor, "incident.update", "incident", row.id, ward_id=row.ward_id,
        detail={"version": row.version, "changes": patch.model_dump(mode="json", exclude_defaults=True)},
    )  # fmt: skip
    if stored_key:
        session.add(
            IncidentKeyRow(
                key=stored_key,
                username=principal.username,
                request_hash=_request_hash(patch),
                incident_id=row.id,
            )
        )
    return _emit(sink, row, EventType.INCIDENT_UPDATED)


def _change_attachments(
    session: Session,
    row: IncidentRow,
    patch: IncidentPatch,
    alert_snapshots: dict[int, bytes],
    principal: Principal,
) -> None:
    actor = principal.username
    if not patch.add_attachments and not patch.remove_attachments:
        return
    gone = set(patch.remove_attachments)
    kept = [a for a in row.attachments or [] if a["sha256"] not in gone]
    removed = [a["sha256"] for a in row.attachments or [] if a["sha256"] in gone]
    added = resolve_refs(
        session, patch.add_attachments, alert_snapshots, principal, (a["sha256"] for a in kept)
    )
    if not added and not removed:
        return
    row.attachments = [*kept, *added]
    parts = [*(f"+ {a['label'] or a['sha256'][:12]}" for a in added),
             *(f"− {sha[:12]}" for sha in removed)]  # fmt: skip
    _note(
        row, actor, TimelineKind.UPDATE, "attachments: " + ", ".join(parts),
        added=[a["sha256"] for a in added], removed=removed,
    )  # fmt: skip


def _tick_checklist(row: IncidentRow, done: list[str], undone: list[str], actor: str) -> None:
    if not done and not undone:
        return
    steps = [dict(s) for s in row.checklist or []]
    known = {s["id"] for s in steps}
    unknown = [s for s in (*done, *undone) if s not in known]
    if unknown:
        raise ApiError(
            422, "unknown_step",
            f"No step {', '.join(unknown[:5])} in the {row.category} checklist ({', '.join(sorted(known))})",
        )  # fmt: skip
    now = utcnow().isoformat()
    for step in steps:
        if step["id"] in done and not step.get("done"):
            step.update(done=True, done_by=actor, done_at=now)
        elif step["id"] in undone and step.get("done"):
            step.update(done=False, done_by=None, done_at=None)
    row.checklist = steps
    _note(
        row,
        actor,
        TimelineKind.CHECKLIST,
        "checklist: " + ", ".join([f"✓ {s}" for s in done] + [f"✗ {s}" for s in undone]),
        done=done,
        undone=undone,
    )


def replace_incident(
    session: Session,
    sink: EventSink,
    incident_id: int,
    body: IncidentReplace,
    principal: Principal,
    expected_version: int,
) -> Incident:
    """PUT: replace the editable fields (a new category resets nothing done on the checklist)."""
    row = visible_incident(session, incident_id, principal)
    check_version(row, expected_version)
    if IncidentState(row.state) in FINAL:
        raise ApiError(409, "incident_final", f"Incident {row.id} is {row.state}")
    require_scope(principal, body.ward_id)
    if session.get(WardRow, body.ward_id) is None:
        raise ApiError(422, "unknown_ward", f"No ward {body.ward_id!r}")
    old_ward = row.ward_id
    changed: dict[str, Any] = {}
    for name in (
        "title",
        "description",
        "priority",
        "category",
        "process_group",
        "ward_id",
        "lat",
        "lon",
        "address",
    ):
        value = getattr(body, name)
        value = value.value if hasattr(value, "value") else value
        if getattr(row, name) != value:
            changed[name] = value
            setattr(row, name, value)
    if "category" in changed or "process_group" in changed:
        category = IncidentCategory(row.category)
        row.due_at = due_at(category, ProcessGroup(row.process_group), row.created_at)
    if "category" in changed:
        done = {s["id"]: s for s in row.checklist or [] if s.get("done")}
        row.checklist = [
            done.get(s.id, s.model_dump(mode="json"))
            for s in checklist_for(IncidentCategory(row.category))
        ]
    if changed:
        _note(
            row, principal.username, TimelineKind.UPDATE, f"changed {', '.join(changed)}", **changed
        )
    row.version += 1
    row.updated_at = utcnow()
    session.flush()
    audit.record(
        session, principal.username, "incident.replace", "incident", row.id, ward_id=row.ward_id,
        detail={"version": row.version, "changes": changed},
    )  # fmt: skip
    if old_ward != row.ward_id:
        # Users of the old ward saw it; tell them it left (they will not see later events).
        sink.emit(
            EventType.INCIDENT_UPDATED, to_wire(row).model_dump(mode="json"), ward_id=old_ward
        )
    return _emit(sink, row, EventType.INCIDENT_UPDATED)


# -- escalation -----------------------------------------------------------------------------


def escalate_alert_to_incident(
    session: Session,
    sink: EventSink,
    alert: AlertRow,
    principal: Principal,
    incident_id: int | None,
) -> Incident:
    """Open an incident for an escalated alert, or link the alert to ``incident_id``."""
    actor = principal.username
    if incident_id is not None:
        row = visible_incident(session, incident_id, principal)
        if IncidentState(row.state) in FINAL:
            raise ApiError(409, "incident_final", f"Incident {row.id} is {row.state}")
        _link_alerts(session, sink, row, [alert.id], principal, emit=False)
        _note(
            row,
            actor,
            TimelineKind.LINK,
            f"alert {alert.id} escalated into it",
            alert_ids=[alert.id],
        )
        row.version += 1
        row.updated_at = utcnow()
        session.flush()
        audit.record(
            session, actor, "incident.link_alert", "incident", row.id, ward_id=row.ward_id,
            detail={"alert_id": alert.id},
        )  # fmt: skip
        return _emit(sink, row, EventType.INCIDENT_UPDATED)
    alert_type = AlertType(alert.type)
    category, group = alert_incident(alert_type, Severity(alert.severity))
    camera = session.get(CameraRow, alert.camera_id)
    where = camera.name if camera is not None else alert.camera_id
    row = new_incident_row(
        session,
        title=f"{alert_type.value.replace('_', ' ')} — {where}",
        description=f"Escalated from alert {alert.id} ({alert_type.value}, {alert.severity}, "
        f"confidence {alert.confidence:.2f}) on camera {alert.camera_id}.",
        category=category,
        group=group,
        priority=Severity(alert.severity),
        ward_id=alert.ward_id,
        lat=camera.lat if camera is not None else None,
        lon=camera.lon if camera is not None else None,
        actor=actor,
    )
    _link_alerts(session, sink, row, [alert.id], principal, emit=False)
    audit.record(
        session, actor, "incident.create", "incident", row.id, ward_id=row.ward_id,
        detail={"from_alert": alert.id, "category": category.value, "process_group": group.value},
    )  # fmt: skip
    return _emit(sink, row, EventType.INCIDENT_CREATED)


# -- queries --------------------------------------------------------------------------------


def query_incidents(
    session: Session,
    principal: Principal,
    *,
    state: IncidentState | None,
    category: IncidentCategory | None,
    process_group: ProcessGroup | None,
    priority: Severity | None,
    ward_id: str | None,
    overdue: bool | None,
    since: datetime | None,
    until: datetime | None,
    limit: int,
    offset: int,
) -> IncidentPage:
    """A page of incidents in the caller's scope, newest first."""
    require_scope(principal, ward_id)
    now = utcnow()
    where: list[ColumnElement[bool]] = []
    if principal.scoped:
        where.append(IncidentRow.ward_id.in_(sorted(principal.wards)))
    if ward_id is not None:
        where.append(IncidentRow.ward_id == ward_id)
    if state is not None:
        where.append(IncidentRow.state == state.value)
    if category is not None:
        where.append(IncidentRow.category == category.value)
    if process_group is not None:
        where.append(IncidentRow.process_group == process_group.value)
    if priority is not None:
        where.append(IncidentRow.priority == priority.value)
    if since is not None:
        where.append(IncidentRow.created_at >= since)
    if until is not None:
        where.append(IncidentRow.created_at < until)
    if overdue is not None:
        late = (
            IncidentRow.resolved_at.is_(None)
            & IncidentRow.state.not_in([S.CANCELLED.value, S.CLOSED.value])
            & (IncidentRow.due_at < now)
        )
        where.append(late if overdue else ~late)
    total = session.scalar(select(func.count()).select_from(IncidentRow).where(*where)) or 0
    rows = session.scalars(
        select(IncidentRow)
        .where(*where)
        .order_by(IncidentRow.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return IncidentPage(items=[to_wire(r, now) for r in rows], total=int(total))


def query_units(
    session: Session,
    principal: Principal,
    *,
    ward_id: str | None,
    kind: UnitKind | None,
    status: UnitStatus | None,
) -> list[Unit]:
    require_scope(principal, ward_id)
    where: list[ColumnElement[bool]] = []
    if principal.scoped:
        where.append(UnitRow.ward_id.in_(sorted(principal.wards)))
    if ward_id is not None:
        where.append(UnitRow.ward_id == ward_id)
    if kind is not None:
        where.append(UnitRow.kind == kind.value)
    if status == UnitStatus.BUSY:
        where.append(UnitRow.incident_id.is_not(None))
    elif status == UnitStatus.AVAILABLE:
        where.append(UnitRow.incident_id.is_(None))
    rows = session.scalars(select(UnitRow).where(*where).order_by(UnitRow.ward_id, UnitRow.id))
    return [unit_to_wire(r) for r in rows]
