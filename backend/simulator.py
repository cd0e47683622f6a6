"""The alert simulator: what a city's AI video analytics would raise, at random times.

:class:`AlertFactory` makes the alerts (type from the camera's analytics, weighted severity,
confidence, a box, attributes such as a Huế plate ``75A-123.45``); given a seed it makes the
same sequence every time. :class:`AlertSimulator` raises them at exponential intervals (a
Poisson process, mean ``--sim-interval``). Each alert waits for a snapshot from the camera's sub
stream, at most the snapshot timeout, in its own task: the simulator never stalls on a camera.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from sqlalchemy import insert
from sqlalchemy.orm import Session

from backend.db import AlertRow, utcnow
from backend.demo_city import DemoCamera
from backend.hub import EventHub, EventSink
from backend.snapshots import SnapshotStore
from server_client.contract import (
    Alert,
    AlertState,
    AlertType,
    BoundingBox,
    EventType,
    Severity,
)

log = logging.getLogger(__name__)

S = Severity
# Weights per type: a fire, flood or crash is never "low"; a vendor on the pavement rarely more
# than "medium". Unlisted types use _DEFAULT_WEIGHTS.
SEVERITY_WEIGHTS: Final[dict[AlertType, tuple[tuple[Severity, int], ...]]] = {
    AlertType.SMOKE_FIRE: ((S.HIGH, 6), (S.CRITICAL, 4)),
    AlertType.FOREST_FIRE: ((S.HIGH, 4), (S.CRITICAL, 6)),
    AlertType.FLOODING: ((S.HIGH, 6), (S.CRITICAL, 4)),
    AlertType.ACCIDENT: ((S.HIGH, 6), (S.CRITICAL, 4)),
    AlertType.FALLEN_TREE: ((S.MEDIUM, 4), (S.HIGH, 6)),
    AlertType.INTRUSION: ((S.MEDIUM, 5), (S.HIGH, 5)),
    AlertType.WRONG_WAY: ((S.MEDIUM, 6), (S.HIGH, 4)),
    AlertType.SPEEDING: ((S.MEDIUM, 6), (S.HIGH, 4)),
    AlertType.RED_LIGHT: ((S.MEDIUM, 7), (S.HIGH, 3)),
    AlertType.CROWDING: ((S.LOW, 3), (S.MEDIUM, 5), (S.HIGH, 2)),
    AlertType.TRAFFIC_JAM: ((S.LOW, 3), (S.MEDIUM, 6), (S.HIGH, 1)),
    AlertType.STREET_VENDING: ((S.LOW, 8), (S.MEDIUM, 2)),
    AlertType.SIDEWALK_ENCROACHMENT: ((S.LOW, 7), (S.MEDIUM, 3)),
    AlertType.LITTERING: ((S.LOW, 9), (S.MEDIUM, 1)),
    AlertType.ILLEGAL_PARKING: ((S.LOW, 6), (S.MEDIUM, 4)),
}
_DEFAULT_WEIGHTS: Final = ((S.LOW, 4), (S.MEDIUM, 5), (S.HIGH, 1))

VEHICLE_TYPES: Final[dict[AlertType, tuple[str, ...]]] = {
    AlertType.NO_HELMET: ("motorbike",),
    AlertType.ILLEGAL_PARKING: ("car", "car", "truck", "motorbike"),
    AlertType.WRONG_WAY: ("motorbike", "motorbike", "car", "truck"),
    AlertType.RED_LIGHT: ("motorbike", "motorbike", "car", "bus", "truck"),
    AlertType.LANE_VIOLATION: ("motorbike", "car", "car", "truck", "bus"),
    AlertType.SPEEDING: ("car", "car", "motorbike", "truck", "bus"),
}
COLOURS: Final = ("white", "black", "silver", "grey", "red", "blue", "yellow", "green", "brown")
SPEED_LIMITS_KMH: Final = (40, 50, 60)
# Letter series seen on Huế plates (province code 75); made-up numbers.
CAR_SERIES: Final = ("A", "B", "C", "D", "E", "F", "H", "K")


@dataclass(frozen=True)
class AlertDraft:
    """An alert before it is stored: everything but the id and the snapshot."""

    camera_id: str
    ward_id: str
    stream_id: str
    type: AlertType
    severity: Severity
    confidence: float
    bbox: BoundingBox
    attributes: dict[str, str] = field(default_factory=dict)
    created_at: datetime = field(default_factory=utcnow)


class AlertFactory:
    """Makes realistic alert drafts; deterministic for a given seed and camera list."""

    def __init__(self, cameras: Sequence[DemoCamera], rng: random.Random) -> None:
        self.cameras = [c for c in cameras if c.analytics]
        if not self.cameras:
            raise ValueError("no camera runs any analytics")
        self.rng = rng

    def draft(
        self,
        camera: DemoCamera | None = None,
        type_: AlertType | None = None,
        severity: Severity | None = None,
    ) -> AlertDraft:
        """A draft for ``camera`` (random if None) of ``type_`` (one of its analytics)."""
        rng = self.rng
        if camera is None and type_ is None:
            camera = rng.choice(self.cameras)
        elif camera is None:
            # A requested type goes to a camera that runs that analytic, when there is one.
            fitting = [c for c in self.cameras if type_ in c.analytics]
            camera = rng.choice(fitting or self.cameras)
        cam = camera
        kind = type_ or rng.choice(cam.analytics)
        weights = SEVERITY_WEIGHTS.get(kind, _DEFAULT_WEIGHTS)
        sev = severity or rng.choices([s for s, _ in weights], [w for _, w in weights])[0]
        w = rng.uniform(0.05, 0.35)
        h = rng.uniform(0.06, 0.45)
        bbox = BoundingBox(
            x=round(rng.uniform(0, 1 - w), 4), y=round(rng.uniform(0, 1 - h), 4),
            w=round(w, 4), h=round(h, 4),
        )  # fmt: skip
        return AlertDraft(
            camera_id=cam.id,
            ward_id=cam.ward_id,
            stream_id=cam.stream_id,
            type=kind,
            severity=sev,
            confidence=round(rng.uniform(0.6, 0.99), 3),
            bbox=bbox,
            attributes=self._attributes(kind),
        )

    def plate(self, vehicle: str) -> str:
        """A made-up Huế plate: ``75A-123.45`` for cars, ``75-B1 234.56`` for motorbikes."""
        rng = self.rng
        digits = f"{rng.randint(100, 999)}.{rng.randint(0, 99):02d}"
        if vehicle == "motorbike":
            return f"75-{rng.choice('BCDEFGHKLMNPSTUVX')}{rng.randint(1, 9)} {digits}"
        return f"75{rng.choice(CAR_SERIES)}-{digits}"

    def _attributes(self, kind: AlertType) -> dict[str, str]:
        rng = self.rng
        attrs: dict[str, str] = {}
        vehicles = VEHICLE_TYPES.get(kind)
        if vehicles:
            vehicle = rng.choice(vehicles)
            attrs["vehicle_type"] = vehicle
            attrs["vehicle_colour"] = rng.choice(COLOURS)
            attrs["plate"] = self.plate(vehicle)
        if kind == AlertType.SPEEDING:
            limit = rng.choice(SPEED_LIMITS_KMH)
            attrs["speed_limit_kmh"] = str(limit)
            attrs["speed_kmh"] = str(limit + rng.randint(8, 45))
        elif kind == AlertType.ILLEGAL_PARKING:
            attrs["dwell_s"] = str(rng.randint(300, 3600))
        elif kind == AlertType.CROWDING:
            attrs["people"] = str(rng.randint(40, 400))
        elif kind == AlertType.TRAFFIC_JAM:
            attrs["queue_m"] = str(rng.randint(80, 900))
        elif kind == AlertType.FLOODING:
            attrs["water_depth_cm"] = str(rng.randint(15, 80))
        elif kind in (AlertType.LOITERING, AlertType.INTRUSION):
            attrs["dwell_s"] = str(rng.randint(60, 1800))
        elif kind == AlertType.ACCIDENT:
            attrs["vehicles_involved"] = str(rng.randint(2, 4))
        return attrs


def store_alert(
    session: Session, sink: EventSink, draft: AlertDraft, snapshot_path: str | None
) -> Alert:
    """Insert the alert and emit ``alert.created`` in the same transaction (db thread)."""
    row = AlertRow(
        camera_id=draft.camera_id,
        ward_id=draft.ward_id,
        type=draft.type.value,
        severity=draft.severity.value,
        state=AlertState.NEW.value,
        created_at=draft.created_at,
        updated_at=draft.created_at,
        confidence=draft.confidence,
        snapshot_path=snapshot_path,
        bbox=draft.bbox.model_dump(),
        attributes=dict(draft.attributes),
    )
    session.add(row)
    session.flush()  # assigns the id, which the event carries
    alert = row.to_wire()
    sink.emit(EventType.ALERT_CREATED, alert.model_dump(mode="json"), ward_id=alert.ward_id)
    return alert


def store_alerts(session: Session, sink: EventSink, drafts: Sequence[AlertDraft]) -> list[Alert]:
    """Insert many alerts (no snapshots) with one statement and emit their ``alert.created``.

    The burst path: one multi-row ``INSERT ... RETURNING id`` instead of an ORM object and a
    flush per alert (which cost about 0.5 ms each and made a 200-alert burst a 100 ms
    transaction). Ids come back in the order of the rows given (``sort_by_parameter_order``),
    on SQLite and PostgreSQL alike.
    """
    if not drafts:
        return []
    rows = [
        {
            "camera_id": d.camera_id,
            "ward_id": d.ward_id,
            "type": d.type.value,
            "severity": d.severity.value,
            "state": AlertState.NEW.value,
            "created_at": d.created_at,
            "updated_at": d.created_at,
            "confidence": d.confidence,
            "snapshot_path": None,
            "bbox": d.bbox.model_dump(),
            "attributes": dict(d.attributes),
        }
        for d in drafts
    ]
    ids = session.scalars(
        insert(AlertRow).returning(AlertRow.id, sort_by_parameter_order=True), rows
    ).all()
    alerts = []
    for alert_id, d in zip(ids, drafts, strict=True):
        # What AlertRow.to_wire() would give, without loading the rows back.
        alert = Alert(
            id=alert_id,
            camera_id=d.camera_id,
            ward_id=d.ward_id,
            type=d.type,
            severity=d.severity,
            state=AlertState.NEW,
            created_at=d.created_at,
            confidence=d.confidence,
            bbox=d.bbox,
            attributes=dict(d.attributes),
        )
        sink.emit(EventType.ALERT_CREATED, alert.model_dump(mode="json"), ward_id=d.ward_id)
        alerts.append(alert)
    return alerts


class AlertSimulator:
    """Raises alerts: on a timer (``run``) and on demand (``raise_alert``)."""

    def __init__(
        self,
        hub: EventHub,
        snapshots: SnapshotStore,
        factory: AlertFactory,
        *,
        interval: float,
        sub_url: Callable[[str], str],
        can_snapshot: Callable[[str], bool],
    ) -> None:
        self.hub = hub
        self.snapshots = snapshots
        self.factory = factory
        self.interval = interval
        self._sub_url = sub_url
        self._can_snapshot = can_snapshot
        self._task: asyncio.Task[None] | None = None
        # Alerts waiting for their snapshot; kept referenced and awaited at stop.
        self._pending: set[asyncio.Task[Alert | None]] = set()
        self.raised = 0

    def start(self) -> None:
        """Start the timer loop (no-op when the interval is 0)."""
        if self.interval > 0 and self._task is None:
            self._task = asyncio.create_task(self._run(), name="alert-simulator")
            log.info("alert simulator on: one alert every %.1f s on average", self.interval)

    async def stop(self) -> None:
        """Stop the loop and cancel alerts still waiting for a snapshot."""
        tasks: list[asyncio.Task[None] | asyncio.Task[Alert | None]] = list(self._pending)
        if self._task is not None:
            tasks.append(self._task)
            self._task = None
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        rng = self.factory.rng
        while True:
            await asyncio.sleep(rng.expovariate(1.0 / self.interval))
            task = asyncio.create_task(self._raise_logged(self.factory.draft()))
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)

    async def _raise_logged(self, draft: AlertDraft) -> Alert | None:
        try:
            return await self.raise_alert(draft)
        except asyncio.CancelledError:
            raise
        except Exception:
            # One failed alert (e.g. the database briefly locked) must not end the simulator.
            log.exception("simulated alert on %s failed", draft.camera_id)
            return None

    async def raise_burst(self, drafts: Sequence[AlertDraft]) -> list[Alert]:
        """Store many alerts in one transaction (no snapshots): a burst, as after a storm."""

        alerts = await self.hub.transact(lambda s, sink: store_alerts(s, sink, drafts))
        self.raised += len(alerts)
        return alerts

    async def raise_alert(self, draft: AlertDraft, *, snapshot: bool = True) -> Alert:
        """Grab a snapshot (bounded by the timeout), store the alert, publish ``alert.created``."""
        path: str | None = None
        if snapshot and self._can_snapshot(draft.camera_id):
            path = await self.snapshots.grab(self._sub_url(draft.stream_id))
        alert = await self.hub.transact(lambda s, sink: store_alert(s, sink, draft, path))
        self.raised += 1
        log.debug("alert %d %s on %s (%s)", alert.id, alert.type, alert.camera_id, alert.severity)
        return alert
