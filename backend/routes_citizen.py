"""``/field-reports`` (the Hue-S citizen app) and ``/hotline-calls`` (1900 1075)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Final

from fastapi import APIRouter, Header, Query, Request

from backend.citizen import (
    create_field_report,
    create_hotline_call,
    field_report_to_wire,
    hotline_to_wire,
    patch_field_report,
    query_field_reports,
    query_hotline_calls,
    visible_field_report,
    visible_hotline_call,
)
from backend.routes_context import (
    CurrentUser,
    RecordId,
    as_utc,
    require_role,
    require_scope,
    services_of,
)
from server_client.contract import (
    FieldReport,
    FieldReportCategory,
    FieldReportCreate,
    FieldReportPage,
    FieldReportPatch,
    FieldReportStatus,
    HotlineCall,
    HotlineCallCreate,
    HotlineCallPage,
    HotlineOutcome,
    HotlineTopic,
    Role,
)

router = APIRouter(tags=["citizen"])

WRITERS: Final = (Role.OPERATOR, Role.COMMANDER, Role.ADMIN)


@router.get("/field-reports", response_model=FieldReportPage)
async def list_field_reports(
    request: Request,
    principal: CurrentUser,
    status: FieldReportStatus | None = None,
    category: FieldReportCategory | None = None,
    ward_id: Annotated[str | None, Query(max_length=64)] = None,
    since: Annotated[datetime | None, Query(alias="from")] = None,
    until: Annotated[datetime | None, Query(alias="to")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> FieldReportPage:
    """Field reports in the caller's scope, newest first."""
    return await services_of(request).db.run(
        lambda s: query_field_reports(
            s, principal, status=status, category=category, ward_id=ward_id,
            since=as_utc(since, "from"), until=as_utc(until, "to"), limit=limit, offset=offset,
        )
    )  # fmt: skip


@router.post("/field-reports", response_model=FieldReport, status_code=201)
async def post_field_report(
    request: Request, principal: CurrentUser, body: FieldReportCreate
) -> FieldReport:
    """Record a field report (as the citizen app's gateway, or an operator typing one in)."""
    require_role(principal, *WRITERS)
    require_scope(principal, body.ward_id)
    return await services_of(request).hub.transact(
        lambda s, sink: create_field_report(s, sink, body, principal.username, source="console")
    )


@router.get("/field-reports/{report_id}", response_model=FieldReport)
async def get_field_report(
    request: Request, principal: CurrentUser, report_id: RecordId
) -> FieldReport:
    """One field report."""
    return await services_of(request).db.run(
        lambda s: field_report_to_wire(visible_field_report(s, report_id, principal))
    )


@router.patch("/field-reports/{report_id}", response_model=FieldReport)
async def patch_report(
    request: Request,
    principal: CurrentUser,
    report_id: RecordId,
    body: FieldReportPatch,
    idempotency_key: Annotated[
        str | None, Header(alias="Idempotency-Key", min_length=1, max_length=120)
    ] = None,
) -> FieldReport:
    """Change the status, answer the citizen, or record the rating (after closure only); with
    ``Idempotency-Key`` a resend (a console's outbox after a lost answer) changes nothing."""
    require_role(principal, *WRITERS)
    return await services_of(request).hub.transact(
        lambda s, sink: patch_field_report(s, sink, report_id, body, principal, idempotency_key)
    )


@router.get("/hotline-calls", response_model=HotlineCallPage)
async def list_hotline_calls(
    request: Request,
    principal: CurrentUser,
    topic: HotlineTopic | None = None,
    outcome: HotlineOutcome | None = None,
    ward_id: Annotated[str | None, Query(max_length=64)] = None,
    since: Annotated[datetime | None, Query(alias="from")] = None,
    until: Annotated[datetime | None, Query(alias="to")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> HotlineCallPage:
    """Hotline calls, newest first; a ward-scoped caller sees only calls about its wards."""
    return await services_of(request).db.run(
        lambda s: query_hotline_calls(
            s, principal, topic=topic, outcome=outcome, ward_id=ward_id,
            since=as_utc(since, "from"), until=as_utc(until, "to"), limit=limit, offset=offset,
        )
    )  # fmt: skip


@router.post("/hotline-calls", response_model=HotlineCall, status_code=201)
async def post_hotline_call(
    request: Request, principal: CurrentUser, body: HotlineCallCreate
) -> HotlineCall:
    """Log a call; the number is masked (``09xx xxx 123``) before anything is stored."""
    require_role(principal, *WRITERS)
    if principal.scoped and body.ward_id is None:
        require_scope(principal, "@city")
    require_scope(principal, body.ward_id)
    return await services_of(request).hub.transact(
        lambda s, sink: create_hotline_call(s, sink, body, principal.username)
    )


@router.get("/hotline-calls/{call_id}", response_model=HotlineCall)
async def get_hotline_call(
    request: Request, principal: CurrentUser, call_id: RecordId
) -> HotlineCall:
    """One hotline call."""
    return await services_of(request).db.run(
        lambda s: hotline_to_wire(visible_hotline_call(s, call_id, principal))
    )
