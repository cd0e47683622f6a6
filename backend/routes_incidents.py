"""``/incidents``, ``/units`` and ``/incident-categories``.

Writes carry concurrency control: every incident has a ``version`` served as its ``ETag``;
``PUT`` needs ``If-Match`` (428 without), ``PATCH`` takes it optionally, and a stale one gets
412 with the current incident in the body. Creation takes an idempotency key (body field or
``Idempotency-Key`` header): the replay of a create answers 200 with the incident the first
call made (201), never a second incident.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Final

from fastapi import APIRouter, Header, Path, Query, Request, Response

from backend.attachments import blob_info, read_alert_snapshots, readable_blob, store_blob
from backend.incidents import (
    create_incident,
    patch_incident,
    query_incidents,
    query_units,
    replace_incident,
    to_wire,
    visible_incident,
)
from backend.routes_context import (
    ApiError,
    CurrentUser,
    RecordId,
    as_utc,
    etag,
    parse_if_match,
    require_role,
    services_of,
)
from backend.sop import category_rules
from server_client.contract import (
    ATTACHMENT_MAX_BYTES,
    BlobInfo,
    CategoryRule,
    ChecklistIncompleteBody,
    ErrorBody,
    Incident,
    IncidentCategory,
    IncidentCreate,
    IncidentPage,
    IncidentPatch,
    IncidentReplace,
    IncidentState,
    ProcessGroup,
    Role,
    Severity,
    StaleWriteBody,
    Unit,
    UnitKind,
    UnitStatus,
)

router = APIRouter(tags=["incidents"])

WRITERS: Final = (Role.OPERATOR, Role.COMMANDER, Role.ADMIN)
_ERRORS: Final[dict[int | str, dict[str, Any]]] = {
    403: {"model": ErrorBody},
    404: {"model": ErrorBody},
    409: {"model": ChecklistIncompleteBody, "description": "invalid transition or SOP incomplete"},
    412: {"model": StaleWriteBody, "description": "If-Match is not the current version"},
    422: {"model": ErrorBody},
}


@router.get("/incident-categories", response_model=list[CategoryRule])
async def incident_categories(_principal: CurrentUser) -> list[CategoryRule]:
    """Per category: the usual process group, SLA minutes per group, SOP checklist, units."""
    return category_rules()


@router.get("/units", response_model=list[Unit])
async def list_units(
    request: Request,
    principal: CurrentUser,
    ward_id: Annotated[str | None, Query(max_length=64)] = None,
    kind: UnitKind | None = None,
    status: UnitStatus | None = None,
) -> list[Unit]:
    """Units (one of each kind per ward) in the caller's scope, busy ones with their incident."""
    return await services_of(request).db.run(
        lambda s: query_units(s, principal, ward_id=ward_id, kind=kind, status=status)
    )


@router.get("/incidents", response_model=IncidentPage)
async def list_incidents(
    request: Request,
    principal: CurrentUser,
    state: IncidentState | None = None,
    category: IncidentCategory | None = None,
    process_group: ProcessGroup | None = None,
    priority: Severity | None = None,
    ward_id: Annotated[str | None, Query(max_length=64)] = None,
    overdue: bool | None = None,
    since: Annotated[datetime | None, Query(alias="from")] = None,
    until: Annotated[datetime | None, Query(alias="to")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> IncidentPage:
    """Incidents in the caller's scope, newest first; ``overdue`` = past due and not resolved."""
    return await services_of(request).db.run(
        lambda s: query_incidents(
            s, principal, state=state, category=category, process_group=process_group,
            priority=priority, ward_id=ward_id, overdue=overdue, since=as_utc(since, "from"), until=as_utc(until, "to"),
            limit=limit, offset=offset,
        )
    )  # fmt: skip


@router.post(
    "/incidents",
    response_model=Incident,
    status_code=201,
    responses={
        200: {"model": Incident, "description": "replay of an idempotent create"},
        **_ERRORS,
    },
)
async def create(
    request: Request,
    response: Response,
    principal: CurrentUser,
    body: IncidentCreate,
    idempotency_key: Annotated[
        str | None, Header(alias="Idempotency-Key", min_length=1, max_length=128)
    ] = None,
) -> Incident:
    """Open an incident (links, units and a first note optional); idempotent with a key."""
    require_role(principal, *WRITERS)
    if body.idempotency_key and idempotency_key and body.idempotency_key != idempotency_key:
        raise ApiError(422, "invalid_request", "Idempotency-Key header and body key differ")
    key = body.idempotency_key or idempotency_key
    services = services_of(request)
    snapshots = await read_alert_snapshots(services, principal, body.attachments)
    incident, created = await services.hub.transact(
        lambda s, sink: create_incident(s, sink, body, principal, key, snapshots)
    )
    if not created:
        response.status_code = 200
    response.headers["ETag"] = etag(incident.version)
    return incident


@router.get("/incidents/{incident_id}", response_model=Incident, responses=_ERRORS)
async def get_incident(
    request: Request, response: Response, principal: CurrentUser, incident_id: RecordId
) -> Incident:
    """One incident with its timeline; the ``ETag`` is its version."""
    incident = await services_of(request).db.run(
        lambda s: to_wire(visible_incident(s, incident_id, principal))
    )
    response.headers["ETag"] = etag(incident.version)
    return incident


@router.patch("/incidents/{incident_id}", response_model=Incident, responses=_ERRORS)
async def patch(
    request: Request,
    response: Response,
    principal: CurrentUser,
    incident_id: RecordId,
    body: IncidentPatch,
    if_match: Annotated[str | None, Header(alias="If-Match", max_length=80)] = None,
    idempotency_key: Annotated[
        str | None, Header(alias="Idempotency-Key", min_length=1, max_length=120)
    ] = None,
) -> Incident:
    """Change an incident (one new version); with ``Idempotency-Key`` a replay changes nothing."""
    require_role(principal, *WRITERS)
    expected = parse_if_match(if_match)
    services = services_of(request)
    snapshots = await read_alert_snapshots(services, principal, body.add_attachments)
    incident = await services.hub.transact(
        lambda s, sink: patch_incident(
            s, sink, incident_id, body, principal, expected, idempotency_key, snapshots
        )
    )
    response.headers["ETag"] = etag(incident.version)
    return incident


@router.put(
    "/incidents/{incident_id}",
    response_model=Incident,
    responses={428: {"model": ErrorBody}, **_ERRORS},
)
async def replace(
    request: Request,
    response: Response,
    principal: CurrentUser,
    incident_id: RecordId,
    body: IncidentReplace,
    if_match: Annotated[str | None, Header(alias="If-Match", max_length=80)] = None,
) -> Incident:
    """Replace the editable fields; needs ``If-Match`` with the current version."""
    require_role(principal, *WRITERS)
    expected = parse_if_match(if_match)
    if expected is None:
        raise ApiError(428, "precondition_required", 'PUT needs If-Match: "VERSION"')
    incident = await services_of(request).hub.transact(
        lambda s, sink: replace_incident(s, sink, incident_id, body, principal, expected)
    )
    response.headers["ETag"] = etag(incident.version)
    return incident


Sha256Path = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]


@router.post(
    "/attachments",
    response_model=BlobInfo,
    status_code=201,
    responses={
        200: {"model": BlobInfo, "description": "these bytes were stored before"},
        413: {"model": ErrorBody},
        415: {"model": ErrorBody},
        422: {"model": ErrorBody},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
                "image/png": {"schema": {"type": "string", "format": "binary"}},
            },
        }
    },
)
async def upload_attachment(
    request: Request, response: Response, principal: CurrentUser
) -> BlobInfo:
    """Store a JPEG or PNG (the raw request body) for attaching to incidents; it is named by its
    SHA-256, so uploading the same bytes again stores nothing new (200)."""
    require_role(principal, *WRITERS)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > ATTACHMENT_MAX_BYTES:
        raise ApiError(
            413, "attachment_too_large", f"Attachments are at most {ATTACHMENT_MAX_BYTES} bytes"
        )
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > ATTACHMENT_MAX_BYTES:
            raise ApiError(
                413, "attachment_too_large", f"Attachments are at most {ATTACHMENT_MAX_BYTES} bytes"
            )
    row, created = await services_of(request).db.run(
        lambda s: _store_and_commit(s, bytes(data), principal.username)
    )
    if not created:
        response.status_code = 200
    return row


def _store_and_commit(session: Any, data: bytes, actor: str) -> tuple[BlobInfo, bool]:
    row, created = store_blob(session, data, actor)
    info = blob_info(row)
    session.commit()
    return info, created


@router.get(
    "/attachments/{sha256}",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}, "image/png": {}}}, 404: {"model": ErrorBody}},
)
async def get_attachment(request: Request, principal: CurrentUser, sha256: Sha256Path) -> Response:
    """The bytes of an attachment; their SHA-256 is the name (and the ETag).

    Only for someone who uploaded it or can see an incident that references it; anyone else
    gets the same 404 as for bytes never stored.
    """
    row = await services_of(request).db.run(lambda s: readable_blob(s, principal, sha256))
    if row is None:
        raise ApiError(404, "not_found", f"No attachment {sha256}")
    return Response(
        row.data,
        media_type=row.media_type,
        headers={"ETag": f'"{sha256}"', "Cache-Control": "private, max-age=31536000, immutable"},
    )
