"""``/alerts``: list, read, snapshot, and the three operator actions.

An action runs in one transaction on the db thread: look up the idempotency key, check the
transition, change the alert, emit ``alert.updated``, remember the response under the key.
So a replayed action (same key) returns the first result and emits nothing, even if the two
requests race.
"""

from __future__ import annotations

import logging
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Final

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from backend import audit
from backend.auth import Principal
from backend.db import AlertRow, IdempotencyRow, utcnow
from backend.hub import EventSink
from backend.incidents import escalate_alert_to_incident
from backend.routes_context import (
    ApiError,
    CurrentUser,
    RecordId,
    as_utc,
    require_role,
    require_scope,
    services_of,
)
from server_client.contract import (
    Alert,
    AlertAction,
    AlertPage,
    AlertState,
    AlertType,
    EventType,
    Role,
)

log = logging.getLogger(__name__)

router = APIRouter(tags=["alerts"])


class AlertVerb(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    DISMISS = "dismiss"
    ESCALATE = "escalate"


# verb -> (states it may start from, state it leads to). Dismissed and escalated are final:
# an escalated alert belongs to command support (and, later, to its incident).
TRANSITIONS: Final[dict[AlertVerb, tuple[frozenset[AlertState], AlertState]]] = {
    AlertVerb.ACKNOWLEDGE: (frozenset({AlertState.NEW}), AlertState.ACKNOWLEDGED),
    AlertVerb.DISMISS: (
        frozenset({AlertState.NEW, AlertState.ACKNOWLEDGED}),
        AlertState.DISMISSED,
    ),
    AlertVerb.ESCALATE: (
        frozenset({AlertState.NEW, AlertState.ACKNOWLEDGED}),
        AlertState.ESCALATED,
    ),
}
ACTING_ROLES: Final = (Role.OPERATOR, Role.COMMANDER, Role.ADMIN)


def _visible_alert(session: Session, alert_id: int, principal: Principal) -> AlertRow:
    row = session.get(AlertRow, alert_id)
    # Out of scope looks exactly like missing: a ward user learns nothing about other wards.
    if row is None or not principal.sees_ward(row.ward_id):
        raise ApiError(404, "not_found", f"No alert {alert_id}")
    return row


def query_alerts(
    session: Session,
    principal: Principal,
    *,
    state: AlertState | None,
    type_: AlertType | None,
    camera_id: str | None,
    limit: int,
    offset: int,
    since: datetime | None = None,
    until: datetime | None = None,
    ward_id: str | None = None,
) -> AlertPage:
    """A page of alerts in the caller's scope, newest first (db thread); ``since``/``until``
    bound ``created_at`` as a half-open interval, as the KPI buckets count it."""
    where: list[ColumnElement[bool]] = []
    if principal.scoped:
        where.append(AlertRow.ward_id.in_(sorted(principal.wards)))
    if state is not None:
        where.append(AlertRow.state == state.value)
    if type_ is not None:
        where.append(AlertRow.type == type_.value)
    if camera_id is not None:
        where.append(AlertRow.camera_id == camera_id)
    if ward_id is not None:
        require_scope(principal, ward_id)
        where.append(AlertRow.ward_id == ward_id)
    if since is not None:
        where.append(AlertRow.created_at >= since)
    if until is not None:
        where.append(AlertRow.created_at < until)
    total = session.scalar(select(func.count()).select_from(AlertRow).where(*where)) or 0
    rows = session.scalars(
        select(AlertRow).where(*where).order_by(AlertRow.id.desc()).limit(limit).offset(offset)
    )
    return AlertPage(items=[row.to_wire() for row in rows], total=int(total))


def apply_action(
    session: Session,
    sink: EventSink,
    alert_id: int,
    verb: AlertVerb,
    principal: Principal,
    body: AlertAction,
) -> Alert:
    """Acknowledge, dismiss or escalate one alert, exactly once per idempotency key."""
    key = body.idempotency_key
    if key:
        prior = session.get(IdempotencyRow, key)
        if prior is not None:
            if (prior.alert_id, prior.action, prior.username) != (
                alert_id,
                verb.value,
                principal.username,
            ):
                raise ApiError(
                    422,
                    "idempotency_key_reused",
                    f"Idempotency key {key!r} was already used for another request",
                )
            log.info("replayed %s of alert %d (key %s)", verb, alert_id, key)
            return Alert.model_validate(prior.response)

    row = _visible_alert(session, alert_id, principal)
    reason = (body.reason or "").strip() or None
    if verb == AlertVerb.DISMISS and reason is None:
        raise ApiError(422, "reason_required", "Dismissing an alert needs a reason")
    sources, target = TRANSITIONS[verb]
    current = AlertState(row.state)
    if current not in sources:
        raise ApiError(
            409, "invalid_transition", f"Alert {alert_id} is {current.value}; cannot {verb.value}"
        )
    if verb != AlertVerb.ESCALATE and body.incident_id is not None:
        raise ApiError(422, "invalid_request", "incident_id is only for escalate")
    row.state = target.value
    row.owner = principal.username
    if reason is not None:
        row.reason = reason
    row.updated_at = utcnow()
    session.flush()
    if verb == AlertVerb.ESCALATE:
        # Links the alert (row.incident_id) and emits incident.created/updated first, so a
        # console that sees the escalated alert can already resolve its incident.
        escalate_alert_to_incident(session, sink, row, principal, body.incident_id)
    alert = row.to_wire()
    sink.emit(EventType.ALERT_UPDATED, alert.model_dump(mode="json"), ward_id=alert.ward_id)
    audit.record(
        session, principal.username, f"alert.{verb.value}", "alert", alert_id,
        ward_id=row.ward_id,
        detail={"from": current.value, "to": target.value, "reason": reason,
                "incident_id": row.incident_id},
    )  # fmt: skip
    if key:
        session.add(
            IdempotencyRow(
                key=key,
                username=principal.username,
                alert_id=alert_id,
                action=verb.value,
                response=alert.model_dump(mode="json"),
            )
        )
    log.info("%s: alert %d %s -> %s", principal.username, alert_id, current, target)
    return alert


@router.get("/alerts", response_model=AlertPage)
async def list_alerts(
    request: Request,
    principal: CurrentUser,
    state: AlertState | None = None,
    type_: Annotated[AlertType | None, Query(alias="type")] = None,
    camera_id: Annotated[str | None, Query(max_length=64)] = None,
    ward_id: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    since: Annotated[datetime | None, Query(alias="from")] = None,
    until: Annotated[datetime | None, Query(alias="to")] = None,
) -> AlertPage:
    """Alerts in the caller's scope, newest first, filtered by state, type, camera, ward and
    time (``from`` ≤ created_at < ``to``, like the other lists)."""
    since, until = as_utc(since, "from"), as_utc(until, "to")
    return await services_of(request).db.run(
        lambda s: query_alerts(
            s,
            principal,
            state=state,
            type_=type_,
            camera_id=camera_id,
            limit=limit,
            offset=offset,
            since=since,
            until=until,
            ward_id=ward_id,
        )
    )


@router.get("/alerts/{alert_id}", response_model=Alert)
async def get_alert(request: Request, principal: CurrentUser, alert_id: RecordId) -> Alert:
    """One alert."""
    row = await services_of(request).db.run(lambda s: _visible_alert(s, alert_id, principal))
    return row.to_wire()


@router.get(
    "/alerts/{alert_id}/snapshot",
    response_class=FileResponse,
    responses={200: {"content": {"image/jpeg": {}}}},
)
async def get_snapshot(
    request: Request, principal: CurrentUser, alert_id: RecordId
) -> FileResponse:
    """The JPEG frame grabbed when the alert was raised; 404 when there is none."""
    services = services_of(request)
    row = await services.db.run(lambda s: _visible_alert(s, alert_id, principal))
    path = services.snapshots.resolve(row.snapshot_path)
    if path is None:
        raise ApiError(404, "no_snapshot", f"Alert {alert_id} has no snapshot")
    return FileResponse(path, media_type="image/jpeg")


@router.post("/alerts/{alert_id}/{verb}", response_model=Alert)
async def act_on_alert(
    request: Request,
    principal: CurrentUser,
    alert_id: RecordId,
    verb: AlertVerb,
    body: AlertAction | None = None,
) -> Alert:
    """Acknowledge, dismiss (reason required) or escalate; 409 when the state forbids it."""
    require_role(principal, *ACTING_ROLES)
    action = body or AlertAction()
    return await services_of(request).hub.transact(
        lambda s, sink: apply_action(s, sink, alert_id, verb, principal, action)
    )
