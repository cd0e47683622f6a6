"""The city around the cameras: citizens reporting, the hotline ringing, wards handling reports,
the rivers and the air; and the KPI tick that samples the gauges and publishes ``kpi.updated``.

Runs beside :class:`backend.simulator.AlertSimulator`, with its own mean intervals, all scaled
by ``--rate``; ``--sim-interval 0`` switches the whole simulator off (tests drive it through
the admin ``/sim/*`` endpoints instead).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend import audit
from backend.citizen import (
    CITY_ONLY,
    CitizenFactory,
    create_field_report,
    create_hotline_call,
    emit_field_report,
    set_field_report_status,
)
from backend.db import FieldReportRow, utcnow
from backend.demo_city import DemoCity
from backend.hub import EventHub, EventSink
from backend.kpis import AIR_STATIONS, RiverModel, air_quality, sample_gauges, snapshot
from server_client.contract import (
    EventType,
    FieldReport,
    FieldReportCategory,
    FieldReportStatus,
    HotlineCall,
    KpiSnapshot,
)

log = logging.getLogger(__name__)

SIM_ACTOR: Final = "simulator"
HUE_S_ACTOR: Final = "hue-s"
WARD_ACTOR: Final = "ward-sim"
KPI_WINDOW_H: Final = 24
# Ratings the simulated citizens give: about 92 % are 4 or 5, as Huế reports.
RATING_WEIGHTS: Final = ((5, 62), (4, 30), (3, 5), (2, 2), (1, 1))


class CitySimulator:
    """Field reports, hotline calls, report handling and KPI ticks, on timers and on demand."""

    def __init__(
        self,
        hub: EventHub,
        city: DemoCity,
        rng: random.Random,
        *,
        report_interval: float,
        hotline_interval: float,
        kpi_interval: float,
        scenario: str,
        flood_rise_s: float,
    ) -> None:
        self.hub = hub
        self.city = city
        self.rng = rng
        self.factory = CitizenFactory(city.wards, rng)
        self.report_interval = report_interval
        self.hotline_interval = hotline_interval
        self.kpi_interval = kpi_interval
        self.river = RiverModel(scenario, utcnow(), flood_rise_s)
        self._tasks: list[asyncio.Task[None]] = []
        self.kpi_ticks = 0

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> None:
        loops: list[tuple[str, float, Callable[[], Awaitable[object]]]] = [
            ("field-reports", self.report_interval, lambda: self.raise_field_reports(1)),
            ("hotline", self.hotline_interval, lambda: self.raise_hotline_calls(1)),
        ]
        for name, interval, action in loops:
            if interval > 0:
                self._tasks.append(asyncio.create_task(self._every(name, interval, action, True)))
        if self.kpi_interval > 0:
            self._tasks.append(
                asyncio.create_task(self._every("kpi", self.kpi_interval, self.tick, False))
            )
        if self._tasks:
            log.info(
                "city simulator on (reports %.0f s, hotline %.0f s, KPIs %.0f s, scenario %s)",
                self.report_interval, self.hotline_interval, self.kpi_interval,
                self.river.scenario,
            )  # fmt: skip

    async def stop(self) -> None:
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _every(
        self, name: str, interval: float, action: Callable[[], Awaitable[object]], poisson: bool
    ) -> None:
        while True:
            delay = self.rng.expovariate(1.0 / interval) if poisson else interval
            await asyncio.sleep(delay)
            try:
                await action()
            except asyncio.CancelledError:
                raise
            except Exception:
                # One failed step (the database briefly locked) must not end the simulator.
                log.exception("simulated %s failed", name)

    # -- citizens ---------------------------------------------------------------------------

    async def raise_field_reports(
        self, count: int, category: FieldReportCategory | None = None
    ) -> list[FieldReport]:
        drafts = [self.factory.field_report(category) for _ in range(count)]

        def work(session: Session, sink: EventSink) -> list[FieldReport]:
            return [create_field_report(session, sink, d, HUE_S_ACTOR) for d in drafts]

        return await self.hub.transact(work)

    async def raise_hotline_calls(self, count: int) -> list[HotlineCall]:
        drafts = [self.factory.hotline_call() for _ in range(count)]

        def work(session: Session, sink: EventSink) -> list[HotlineCall]:
            return [create_hotline_call(session, sink, d, "tong-dai-1900-1075") for d in drafts]

        return await self.hub.transact(work)

    # -- the KPI tick -------------------------------------------------------------------------

    def air(self) -> dict[str, float]:
        now = utcnow()
        return {station: air_quality(station, now, self.rng) for station in AIR_STATIONS}

    async def tick(self) -> KpiSnapshot:
        """Move some reports along, sample the gauges, publish ``kpi.updated`` (city + wards)."""
        air = self.air()
        ward_ids = [w.id for w in self.city.wards]

        def work(session: Session, sink: EventSink) -> KpiSnapshot:
            self._handle_reports(session, sink)
            now = utcnow()
            sample_gauges(session, self.river, air, ward_ids, now)
            session.flush()
            city = snapshot(session, None, KPI_WINDOW_H, self.river, air, now)
            # The city-wide figures only for city-wide users; each ward its own.
            sink.emit(EventType.KPI_UPDATED, city.model_dump(mode="json"), ward_id=CITY_ONLY)
            for ward_id in ward_ids:
                ward = snapshot(session, frozenset({ward_id}), KPI_WINDOW_H, self.river, air, now)
                sink.emit(EventType.KPI_UPDATED, ward.model_dump(mode="json"), ward_id=ward_id)
            return city

        result = await self.hub.transact(work)
        self.kpi_ticks += 1
        return result

    def _handle_reports(self, session: Session, sink: EventSink) -> None:
        """Wards work through the open reports they have not linked to an incident."""
        rng = self.rng
        now = utcnow()
        open_rows = session.scalars(
            select(FieldReportRow)
            .where(
                FieldReportRow.status.in_(
                    [FieldReportStatus.RECEIVED.value, FieldReportStatus.IN_PROGRESS.value,
                     FieldReportStatus.RESOLVED.value]
                ),
                FieldReportRow.incident_id.is_(None),
                FieldReportRow.source == "hue-s",
            )
            .order_by(FieldReportRow.id)
            .limit(20)
        ).all()  # fmt: skip
        for row in open_rows:
            if rng.random() > 0.35:
                continue
            status = FieldReportStatus(row.status)
            if status == FieldReportStatus.RECEIVED:
                target = (
                    FieldReportStatus.REJECTED if rng.random() < 0.02
                    else FieldReportStatus.IN_PROGRESS
                )  # fmt: skip
            elif status == FieldReportStatus.IN_PROGRESS:
                target = FieldReportStatus.RESOLVED
            else:
                target = FieldReportStatus.CLOSED
            set_field_report_status(row, target, now)
            if target == FieldReportStatus.RESOLVED:
                row.response = "Đã xử lý xong, cảm ơn người dân đã phản ánh."
            if target == FieldReportStatus.CLOSED and rng.random() < 0.8:
                ratings, weights = zip(*RATING_WEIGHTS, strict=True)
                row.satisfaction = rng.choices(ratings, weights)[0]
            row.updated_at = now
            session.flush()
            audit.record(
                session, WARD_ACTOR, "field_report.update", "field_report", row.id,
                ward_id=row.ward_id, detail={"from": status.value, "to": target.value},
            )  # fmt: skip
            emit_field_report(sink, row, EventType.FIELD_REPORT_UPDATED)
