"""``/wards`` and ``/cameras``: the city as the caller's scope allows them to see it.

``POST /cameras/{id}/ptz`` takes pan/tilt/zoom commands for PTZ cameras. The reference backend
does not drive real cameras (no ONVIF client here): it checks the command, records it in the
audit log, publishes ``camera.ptz`` and acknowledges it with ``driven=False``. A production
backend would forward it to the camera (ONVIF ``ContinuousMove``/``Stop``/``GotoPreset``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from fastapi import APIRouter, Path, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend import audit
from backend.auth import Principal
from backend.db import CameraRow, WardRow
from backend.hub import EventSink
from backend.routes_context import ApiError, CurrentUser, require_role, services_of
from server_client.contract import (
    Camera,
    CameraStatus,
    ErrorBody,
    EventType,
    PtzAck,
    PtzCommand,
    Role,
    Ward,
)

router = APIRouter(tags=["city"])

# Who may move cameras: the people watching the wall; the police liaison searches evidence.
PTZ_ROLES: Final = (Role.OPERATOR, Role.COMMANDER, Role.ADMIN)
_PTZ_ERRORS: Final[dict[int | str, dict[str, Any]]] = {
    403: {"model": ErrorBody},
    404: {"model": ErrorBody},
    409: {"model": ErrorBody},
}

UrlFor = Callable[[str, str], str]


def camera_to_wire(
    row: CameraRow, ward_name: str, url_for: UrlFor, caching_ms: int | None = None
) -> Camera:
    """A camera row with this run's stream URLs (and its network caching, if it has one)."""
    return Camera(
        id=row.id,
        name=row.name,
        ward_id=row.ward_id,
        ward_name=ward_name,
        lat=row.lat,
        lon=row.lon,
        main_url=url_for(row.stream_id, "main"),
        sub_url=url_for(row.stream_id, "sub"),
        ptz=row.ptz,
        status=CameraStatus(row.status),
        analytics=list(row.analytics or []),
        network_caching_ms=caching_ms,
    )


def list_cameras(
    session: Session,
    principal: Principal,
    url_for: UrlFor,
    caching: Mapping[str, int | None] | None = None,
) -> list[Camera]:
    """Cameras in the caller's scope, by id (db thread); ``caching``: ms per camera id."""
    query = select(CameraRow, WardRow.name).join(WardRow, CameraRow.ward_id == WardRow.id)
    if principal.scoped:
        query = query.where(CameraRow.ward_id.in_(sorted(principal.wards)))
    rows = session.execute(query.order_by(CameraRow.id)).all()
    caching = caching or {}
    return [camera_to_wire(cam, ward_name, url_for, caching.get(cam.id)) for cam, ward_name in rows]


def list_wards(session: Session, principal: Principal) -> list[Ward]:
    query = select(WardRow)
    if principal.scoped:
        query = query.where(WardRow.id.in_(sorted(principal.wards)))
    return [row.to_wire() for row in session.scalars(query.order_by(WardRow.name))]


@router.get("/wards", response_model=list[Ward])
async def wards(request: Request, principal: CurrentUser) -> list[Ward]:
    """Wards and communes; a ward-scoped user gets only its own."""
    return await services_of(request).db.run(lambda s: list_wards(s, principal))


@router.get("/cameras", response_model=list[Camera])
async def cameras(request: Request, principal: CurrentUser) -> list[Camera]:
    """Cameras with their main/sub stream URLs; a ward-scoped user gets only its wards'."""
    services = services_of(request)
    # Per-camera network caching comes from the city data (not a database column, yet).
    caching = {c.id: c.network_caching_ms for c in services.city.cameras}
    return await services.db.run(lambda s: list_cameras(s, principal, services.stream_url, caching))


@router.post("/cameras/{camera_id}/ptz", response_model=PtzAck, responses=_PTZ_ERRORS)
async def camera_ptz(
    request: Request,
    principal: CurrentUser,
    command: PtzCommand,
    camera_id: str = Path(min_length=1, max_length=64),
) -> PtzAck:
    """Pan, tilt, zoom or go to a preset (operators, commanders, admins; own wards only).

    409 ``not_ptz`` for a fixed camera. The reference backend records and acknowledges the
    command (audit row, ``camera.ptz`` event) without driving a camera: ``driven`` is False.
    """
    require_role(principal, *PTZ_ROLES)

    def work(session: Session, sink: EventSink) -> PtzAck:
        row = session.get(CameraRow, camera_id)
        # Out of scope looks like absent, as in the camera list.
        if row is None or not principal.sees_ward(row.ward_id):
            raise ApiError(404, "not_found", f"No camera {camera_id!r}")
        if not row.ptz:
            raise ApiError(409, "not_ptz", f"Camera {camera_id} is fixed: it has no PTZ")
        entry = audit.record(
            session, principal.username, "camera.ptz", "camera", row.id,
            ward_id=row.ward_id, detail=command.model_dump(mode="json"),
        )  # fmt: skip
        ack = PtzAck(camera_id=row.id, command=command, by=principal.username, audit_id=entry.id)
        sink.emit(EventType.CAMERA_PTZ, ack.model_dump(mode="json"), ward_id=row.ward_id)
        return ack

    return await services_of(request).hub.transact(work)
