"""``/health`` (no auth), ``/stats``, and the admin-only simulator controls ``/sim/*``."""

from __future__ import annotations

import time

from fastapi import APIRouter, Request
from pydantic import Field

from backend.routes_context import ApiError, CurrentUser, require_role, services_of
from server_client.contract import (
    Alert,
    AlertPage,
    AlertType,
    FieldReportCategory,
    FieldReportPage,
    Health,
    HotlineCallPage,
    Role,
    ServerStats,
    Severity,
    WireModel,
)

router = APIRouter(tags=["system"])


class SimAlertRequest(WireModel):
    """Body of ``POST /sim/alerts``; anything left out is chosen by the simulator."""

    camera_id: str | None = Field(default=None, max_length=64)
    type: AlertType | None = None
    severity: Severity | None = None
    snapshot: bool = True


class SimBurstRequest(WireModel):
    """Body of ``POST /sim/burst``: that many alerts at once, in one transaction."""

    count: int = Field(default=50, ge=1, le=1000)


class SimCitizenRequest(WireModel):
    """Body of ``POST /sim/field-reports`` and ``/sim/hotline-calls``."""

    count: int = Field(default=1, ge=1, le=500)
    category: FieldReportCategory | None = None


@router.get("/health", response_model=Health)
async def health(request: Request) -> Health:
    """Liveness and the figures a console shows before login."""
    services = services_of(request)
    return Health(
        status="ok",
        version=services.version,
        last_seq=services.hub.last_seq,
        media_ready=services.media_ready,
        cameras=len(services.city.cameras),
    )


@router.get("/stats", response_model=ServerStats)
async def stats(request: Request, _principal: CurrentUser) -> ServerStats:
    """Counters: events, websocket clients, malformed messages, slow consumers, snapshots."""
    services = services_of(request)
    hub = services.hub
    return ServerStats(
        uptime_s=round(time.monotonic() - services.started_at, 3),
        last_seq=hub.last_seq,
        events_published=hub.counters.events_published,
        ws_clients=hub.subscriber_count,
        ws_connections_total=hub.counters.ws_connections_total,
        ws_malformed_messages=hub.counters.ws_malformed_messages,
        ws_slow_disconnects=hub.counters.ws_slow_disconnects,
        alerts_raised=services.simulator.raised,
        snapshots_taken=services.snapshots.counters.taken,
        snapshot_failures=services.snapshots.counters.failures,
    )


@router.post("/sim/alerts", response_model=Alert, status_code=201)
async def raise_alert(
    request: Request, principal: CurrentUser, body: SimAlertRequest | None = None
) -> Alert:
    """Raise one simulated alert now (admin only; for tests and demos)."""
    require_role(principal, Role.ADMIN)
    services = services_of(request)
    spec = body or SimAlertRequest()
    camera = None
    if spec.camera_id is not None:
        try:
            camera = services.city.camera(spec.camera_id)
        except KeyError:
            raise ApiError(404, "not_found", f"No camera {spec.camera_id}") from None
        if spec.type is not None and spec.type not in camera.analytics:
            raise ApiError(
                422,
                "invalid_request",
                f"Camera {camera.id} does not run {spec.type.value} "
                f"(it runs {', '.join(a.value for a in camera.analytics)})",
            )
    draft = services.simulator.factory.draft(camera, spec.type, spec.severity)
    return await services.simulator.raise_alert(draft, snapshot=spec.snapshot)


@router.post("/sim/burst", response_model=AlertPage, status_code=201)
async def raise_burst(
    request: Request, principal: CurrentUser, body: SimBurstRequest | None = None
) -> AlertPage:
    """Raise a burst of simulated alerts at once (admin only; load tests, the console's bursts)."""
    require_role(principal, Role.ADMIN)
    simulator = services_of(request).simulator
    spec = body or SimBurstRequest()
    alerts = await simulator.raise_burst([simulator.factory.draft() for _ in range(spec.count)])
    return AlertPage(items=alerts, total=len(alerts))


@router.post("/sim/field-reports", response_model=FieldReportPage, status_code=201)
async def sim_field_reports(
    request: Request, principal: CurrentUser, body: SimCitizenRequest | None = None
) -> FieldReportPage:
    """Make simulated citizen field reports now (admin only)."""
    require_role(principal, Role.ADMIN)
    spec = body or SimCitizenRequest()
    reports = await services_of(request).city_sim.raise_field_reports(spec.count, spec.category)
    return FieldReportPage(items=reports, total=len(reports))


@router.post("/sim/hotline-calls", response_model=HotlineCallPage, status_code=201)
async def sim_hotline_calls(
    request: Request, principal: CurrentUser, body: SimCitizenRequest | None = None
) -> HotlineCallPage:
    """Make simulated hotline calls now (admin only)."""
    require_role(principal, Role.ADMIN)
    spec = body or SimCitizenRequest()
    calls = await services_of(request).city_sim.raise_hotline_calls(spec.count)
    return HotlineCallPage(items=calls, total=len(calls))
