"""The wire contract between the console and any IOC backend.

One set of pydantic models, imported by the console's clients and by the reference backend.
Everything is served under ``/api/v1``. The websocket ``/api/v1/ws`` carries
:class:`EventEnvelope` objects whose ``seq`` is a gap-free server sequence: a client that
reconnects with ``?after=SEQ`` receives exactly the events it missed, none twice.

Nothing here imports Qt, the network or the database.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field, ValidationError

API_PREFIX: Final = "/api/v1"
WS_PATH: Final = f"{API_PREFIX}/ws"
CONTRACT_VERSION: Final = 1


class WireModel(BaseModel):
    """Base of every wire model: unknown fields are ignored, values are validated."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class Role(StrEnum):
    OPERATOR = "operator"
    COMMANDER = "commander"
    POLICE_LIAISON = "police_liaison"
    ADMIN = "admin"


class UserInfo(WireModel):
    username: str
    display_name: str
    role: Role
    # Empty means "every ward" (city-level user).
    wards: list[str] = Field(default_factory=list)


class LoginRequest(WireModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class RefreshRequest(WireModel):
    refresh_token: str


class TokenPair(WireModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int
    user: UserInfo


class WardKind(StrEnum):
    WARD = "ward"
    COMMUNE = "commune"


class Ward(WireModel):
    id: str
    name: str
    kind: WardKind
    # True when the name is invented for the demo (see shared/data/hue-facts.md).
    demo: bool = False


class CameraStatus(StrEnum):
    ONLINE = "online"
    DEGRADED = "degraded"
    OFFLINE = "offline"


class Camera(WireModel):
    id: str
    name: str
    ward_id: str
    ward_name: str
    lat: float
    lon: float
    main_url: str
    sub_url: str
    main_width: int = 1280
    main_height: int = 720
    sub_width: int = 640
    sub_height: int = 360
    ptz: bool = False
    status: CameraStatus = CameraStatus.ONLINE
    analytics: list[str] = Field(default_factory=list)


class AlertType(StrEnum):
    """AI analytics a city like Huế runs on its cameras."""

    WRONG_WAY = "wrong_way"
    RED_LIGHT = "red_light"
    NO_HELMET = "no_helmet"
    ILLEGAL_PARKING = "illegal_parking"
    SIDEWALK_ENCROACHMENT = "sidewalk_encroachment"
    STREET_VENDING = "street_vending"
    LITTERING = "littering"
    CROWDING = "crowding"
    SMOKE_FIRE = "smoke_fire"
    FOREST_FIRE = "forest_fire"
    FLOODING = "flooding"
    INTRUSION = "intrusion"
    LANE_VIOLATION = "lane_violation"
    SPEEDING = "speeding"
    TRAFFIC_JAM = "traffic_jam"
    ACCIDENT = "accident"
    FALLEN_TREE = "fallen_tree"
    LOITERING = "loitering"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


SEVERITY_RANK: Final[dict[Severity, int]] = {
    Severity.LOW: 0,
    Severity.MEDIUM: 1,
    Severity.HIGH: 2,
    Severity.CRITICAL: 3,
}


class AlertState(StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    DISMISSED = "dismissed"
    ESCALATED = "escalated"


class BoundingBox(WireModel):
    """Detection box in relative image coordinates (0..1)."""

    x: float = Field(ge=0, le=1)
    y: float = Field(ge=0, le=1)
    w: float = Field(ge=0, le=1)
    h: float = Field(ge=0, le=1)


class Alert(WireModel):
    id: int
    camera_id: str
    ward_id: str
    type: AlertType
    severity: Severity
    state: AlertState = AlertState.NEW
    created_at: datetime
    confidence: float = Field(ge=0, le=1)
    snapshot_url: str | None = None
    bbox: BoundingBox | None = None
    attributes: dict[str, str] = Field(default_factory=dict)
    owner: str | None = None
    reason: str | None = None


class AlertPage(WireModel):
    items: list[Alert]
    total: int


class AlertAction(WireModel):
    """Body of acknowledge / dismiss / escalate; the key makes a replay apply once."""

    idempotency_key: str | None = Field(default=None, max_length=128)
    reason: str | None = Field(default=None, max_length=500)


class EventType(StrEnum):
    ALERT_CREATED = "alert.created"
    ALERT_UPDATED = "alert.updated"
    CAMERA_STATUS = "camera.status"
    LAYOUT_PUSHED = "layout.pushed"
    KPI_UPDATED = "kpi.updated"
    HEARTBEAT = "heartbeat"
    ERROR = "error"


class EventEnvelope(WireModel):
    """One server event. ``seq`` is gap-free for stored events.

    A heartbeat carries the last stored ``seq`` and is not itself stored; an ``error``
    envelope answers a malformed client message and is not stored either.
    """

    seq: int = Field(ge=0)
    type: str = Field(min_length=1, max_length=64)
    ts: datetime
    data: dict[str, Any] = Field(default_factory=dict)

    @property
    def stored(self) -> bool:
        return self.type not in (EventType.HEARTBEAT, EventType.ERROR)


class EventPage(WireModel):
    events: list[EventEnvelope]
    last_seq: int


class CameraStatusEvent(WireModel):
    camera_id: str
    status: CameraStatus


class Health(WireModel):
    status: str
    version: str
    contract: int = CONTRACT_VERSION
    last_seq: int
    media_ready: bool
    cameras: int


class ErrorBody(WireModel):
    code: str
    message: str


class ContractError(ValueError):
    """A message from the other side does not match the contract."""


def parse_envelope(raw: str | bytes) -> EventEnvelope:
    """Parse one websocket frame; raise :class:`ContractError` with a readable reason."""
    try:
        return EventEnvelope.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "message"
        raise ContractError(f"malformed event ({where}: {first.get('msg', 'invalid')})") from exc


def parse_alert(data: dict[str, Any]) -> Alert:
    """Validate the ``data`` of an ``alert.*`` event."""
    try:
        return Alert.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "alert"
        raise ContractError(f"malformed alert ({where}: {first.get('msg', 'invalid')})") from exc


# -- additions (backend slice 1) ------------------------------------------------------------------

# Websocket close codes the backend uses beyond the standard ones (RFC 6455 leaves 4000-4999
# to applications). A client that sees WS_CLOSE_SLOW_CONSUMER simply reconnects with ?after=SEQ.
WS_CLOSE_BAD_REQUEST: Final = 4400
WS_CLOSE_UNAUTHORIZED: Final = 4401
WS_CLOSE_SLOW_CONSUMER: Final = 4429


class ServerStats(WireModel):
    """Counters of a running backend (``GET /api/v1/stats``), for dashboards and tests."""

    uptime_s: float
    last_seq: int
    events_published: int
    ws_clients: int
    ws_connections_total: int
    ws_malformed_messages: int
    ws_slow_disconnects: int
    alerts_raised: int
    snapshots_taken: int
    snapshot_failures: int
