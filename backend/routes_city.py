"""``/wards`` and ``/cameras``: the city as the caller's scope allows them to see it."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth import Principal
from backend.db import CameraRow, WardRow
from backend.routes_context import CurrentUser, services_of
from server_client.contract import Camera, CameraStatus, Ward

router = APIRouter(tags=["city"])

UrlFor = Callable[[str, str], str]


def camera_to_wire(row: CameraRow, ward_name: str, url_for: UrlFor) -> Camera:
    """A camera row with this run's stream URLs."""
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
    )


def list_cameras(session: Session, principal: Principal, url_for: UrlFor) -> list[Camera]:
    """Cameras in the caller's scope, by id (db thread)."""
    query = select(CameraRow, WardRow.name).join(WardRow, CameraRow.ward_id == WardRow.id)
    if principal.scoped:
        query = query.where(CameraRow.ward_id.in_(sorted(principal.wards)))
    rows = session.execute(query.order_by(CameraRow.id)).all()
    return [camera_to_wire(cam, ward_name, url_for) for cam, ward_name in rows]


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
    return await services.db.run(lambda s: list_cameras(s, principal, services.stream_url))
