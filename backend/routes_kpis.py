"""``/kpis/snapshot`` and ``/kpis/series``, and the admin ``/sim/kpi-tick``."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request

from backend.auth import Principal
from backend.db import utcnow
from backend.kpis import MAX_BUCKETS, series, snapshot
from backend.routes_context import (
    ApiError,
    CurrentUser,
    as_utc,
    require_role,
    require_scope,
    services_of,
)
from server_client.contract import KpiName, KpiSeries, KpiSnapshot, Role

router = APIRouter(tags=["kpis"])


def ward_filter(principal: Principal, ward: str | None) -> frozenset[str] | None:
    """The wards a KPI covers: the one asked for (in scope), else the caller's scope or all."""
    if ward is not None:
        require_scope(principal, ward)
        return frozenset({ward})
    return principal.wards or None


@router.get("/kpis/snapshot", response_model=KpiSnapshot)
async def kpi_snapshot(
    request: Request,
    principal: CurrentUser,
    ward: Annotated[str | None, Query(max_length=64)] = None,
    window_h: Annotated[int, Query(ge=1, le=24 * 366)] = 24,
) -> KpiSnapshot:
    """Every KPI now, over the last ``window_h`` hours, for a ward or the caller's whole scope."""
    services = services_of(request)
    wards = ward_filter(principal, ward)
    air = services.city_sim.air()
    river = services.city_sim.river
    return await services.db.run(lambda s: snapshot(s, wards, window_h, river, air))


@router.get("/kpis/series", response_model=KpiSeries)
async def kpi_series(
    request: Request,
    principal: CurrentUser,
    name: KpiName,
    since: Annotated[datetime | None, Query(alias="from")] = None,
    until: Annotated[datetime | None, Query(alias="to")] = None,
    ward: Annotated[str | None, Query(max_length=64)] = None,
    step_s: Annotated[int, Query(alias="step", ge=10, le=86400 * 31)] = 3600,
) -> KpiSeries:
    """One KPI over time (default: the last 24 hours by the hour)."""
    end = as_utc(until, "to") or utcnow()
    start = as_utc(since, "from") or end - timedelta(hours=24)
    if start >= end:
        raise ApiError(422, "invalid_request", "from must be before to")
    if (end - start).total_seconds() / step_s > MAX_BUCKETS:
        raise ApiError(
            422,
            "invalid_request",
            f"more than {MAX_BUCKETS} buckets: widen step or narrow the range",
        )
    wards = ward_filter(principal, ward)
    return await services_of(request).db.run(lambda s: series(s, name, wards, start, end, step_s))


@router.post("/sim/kpi-tick", response_model=KpiSnapshot, status_code=201)
async def kpi_tick(request: Request, principal: CurrentUser) -> KpiSnapshot:
    """Run one KPI tick now: sample the gauges and publish ``kpi.updated`` (admin only)."""
    require_role(principal, Role.ADMIN)
    return await services_of(request).city_sim.tick()
