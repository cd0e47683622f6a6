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
from typing import Annotated, Any, Final

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    model_validator,
)

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
    # The playback buffer for this camera (ms); None: the console's own setting (about 300).
    network_caching_ms: int | None = Field(default=None, ge=0, le=10_000)


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
    # The incident an escalation created or joined (None until escalated).
    incident_id: int | None = None


class AlertPage(WireModel):
    items: list[Alert]
    total: int


class AlertAction(WireModel):
    """Body of acknowledge / dismiss / escalate; the key makes a replay apply once."""

    idempotency_key: str | None = Field(default=None, max_length=128)
    reason: str | None = Field(default=None, max_length=500)
    # Escalate only: join this existing incident instead of opening a new one.
    incident_id: int | None = Field(default=None, ge=1, le=2**53)


class EventType(StrEnum):
    ALERT_CREATED = "alert.created"
    ALERT_UPDATED = "alert.updated"
    CAMERA_STATUS = "camera.status"
    CAMERA_PTZ = "camera.ptz"
    LAYOUT_PUSHED = "layout.pushed"
    KPI_UPDATED = "kpi.updated"
    HEARTBEAT = "heartbeat"
    ERROR = "error"
    INCIDENT_CREATED = "incident.created"
    INCIDENT_UPDATED = "incident.updated"
    FIELD_REPORT_CREATED = "field_report.created"
    FIELD_REPORT_UPDATED = "field_report.updated"
    HOTLINE_CREATED = "hotline.created"


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


class PtzAction(StrEnum):
    MOVE = "move"
    STOP = "stop"
    GOTO_PRESET = "goto_preset"


PtzSpeed = Annotated[float, Field(ge=-1.0, le=1.0)]


class PtzCommand(WireModel):
    """Body of ``POST /cameras/{id}/ptz``: a continuous move, a stop, or a go-to-preset.

    ``move`` carries speeds from -1 to 1 (pan: left < 0 < right, tilt: down < 0 < up, zoom:
    out < 0 < in), at least one of them non-zero, as ONVIF ``ContinuousMove`` does; the camera
    moves until a ``stop``. ``goto_preset`` names a preset number stored in the camera.
    """

    action: PtzAction
    pan: PtzSpeed = 0.0
    tilt: PtzSpeed = 0.0
    zoom: PtzSpeed = 0.0
    preset: int | None = Field(default=None, ge=1, le=255)

    @model_validator(mode="after")
    def _check_action(self) -> PtzCommand:
        if self.action == PtzAction.MOVE and not (self.pan or self.tilt or self.zoom):
            raise ValueError("a move needs a non-zero pan, tilt or zoom speed")
        if self.action == PtzAction.GOTO_PRESET and self.preset is None:
            raise ValueError("goto_preset needs a preset number")
        if self.action != PtzAction.GOTO_PRESET and self.preset is not None:
            raise ValueError("only goto_preset takes a preset number")
        return self


class PtzAck(WireModel):
    """The answer to a PTZ command, and ``data`` of the ``camera.ptz`` event.

    ``driven`` says whether a real camera was moved: the reference backend records and
    acknowledges commands without driving a camera (no ONVIF), so it is always False there.
    """

    camera_id: str
    command: PtzCommand
    by: str
    audit_id: int
    driven: bool = False


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


# -- batch frames (opt-in) -------------------------------------------------------------------------

# A client that connects with ``?batch=N`` (1 <= N <= WS_MAX_BATCH) lets the backend put up to N
# stored events in one websocket frame, as a JSON array of envelopes in ascending ``seq``, when it
# has several ready for that client (a burst, a replay page, a client that fell behind). One
# event still goes out as a plain envelope object. Without the parameter (or with ``batch=1``)
# every frame is one envelope, as before. Heartbeats and errors are never put in a batch.
WS_BATCH_PARAM: Final = "batch"
WS_MAX_BATCH: Final = 500

_EVENT_BATCH: Final = TypeAdapter(list[EventEnvelope])


def parse_frame(raw: str | bytes) -> list[EventEnvelope]:
    """Parse one websocket frame (an envelope or a batch of them) into its events, in order.

    A malformed batch is rejected as a whole (:class:`ContractError` naming the item at fault):
    an empty one, one over :data:`WS_MAX_BATCH`, or one with any item that is not an envelope.
    """
    head = raw.lstrip()[:1]
    if head not in (b"[", "["):
        return [parse_envelope(raw)]
    try:
        events = _EVENT_BATCH.validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = list(first.get("loc", ()))
        where = f"item {loc[0]}" if loc and isinstance(loc[0], int) else "batch"
        if len(loc) > 1:
            where += ": " + ".".join(str(p) for p in loc[1:])
        raise ContractError(
            f"malformed event batch ({where}: {first.get('msg', 'invalid')})"
        ) from exc
    if not events:
        raise ContractError("malformed event batch (empty)")
    if len(events) > WS_MAX_BATCH:
        raise ContractError(
            f"malformed event batch ({len(events)} events, at most {WS_MAX_BATCH} allowed)"
        )
    return events


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


# -- additions (backend slice 2: incidents, units, citizen channels, KPIs, layouts, audit) --------

# Dismiss reason that marks an AI detection as wrong; the false-positive KPI counts these.
FALSE_POSITIVE_REASON: Final = "false_positive"
# An ETag is the resource's version in quotes (RFC 9110 strong validator): ``"7"``.
ETAG_HEADER: Final = "ETag"
IF_MATCH_HEADER: Final = "If-Match"
IDEMPOTENCY_HEADER: Final = "Idempotency-Key"
# ``POST /evidence/clip``: the wall-clock range (ISO 8601, UTC) the returned MP4 covers.
CLIP_START_HEADER: Final = "X-Clip-Start"
CLIP_END_HEADER: Final = "X-Clip-End"


class UnitKind(StrEnum):
    """The forces an IOC dispatches; every ward has one of each."""

    POLICE = "police"
    FIRE = "fire"
    WARD_COMMITTEE = "ward_committee"
    ENVIRONMENT_PUBLIC_WORKS = "environment_public_works"
    ELECTRICITY = "electricity"
    TRAFFIC = "traffic"
    MEDICAL = "medical"


class UnitStatus(StrEnum):
    AVAILABLE = "available"
    BUSY = "busy"


class Unit(WireModel):
    """A dispatchable unit; ``incident_id`` is the open incident it is assigned to."""

    id: str
    name: str
    kind: UnitKind
    ward_id: str
    status: UnitStatus = UnitStatus.AVAILABLE
    incident_id: int | None = None


class IncidentState(StrEnum):
    """new → dispatched → in_progress → resolved → closed; cancelled from any open state."""

    NEW = "new"
    DISPATCHED = "dispatched"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class ProcessGroup(StrEnum):
    """HueIOC's three process groups."""

    IMMEDIATE = "immediate"
    DEADLINE = "deadline"
    COMMAND_SUPPORT = "command_support"


class IncidentCategory(StrEnum):
    """What an incident is about; the field-report categories are a subset (same values)."""

    STREET_LIGHT = "street_light"
    GARBAGE = "garbage"
    ROAD_DAMAGE = "road_damage"
    SIDEWALK_ENCROACHMENT = "sidewalk_encroachment"
    FLOODING = "flooding"
    NOISE = "noise"
    SECURITY = "security"
    TRAFFIC_ACCIDENT = "traffic_accident"
    TRAFFIC_VIOLATION = "traffic_violation"
    TRAFFIC_JAM = "traffic_jam"
    FIRE = "fire"
    FOREST_FIRE = "forest_fire"
    FALLEN_TREE = "fallen_tree"
    CROWD = "crowd"
    OTHER = "other"


class FieldReportCategory(StrEnum):
    """Categories of the Hue-S citizen app's field reports (phản ánh hiện trường)."""

    STREET_LIGHT = "street_light"
    GARBAGE = "garbage"
    ROAD_DAMAGE = "road_damage"
    SIDEWALK_ENCROACHMENT = "sidewalk_encroachment"
    FLOODING = "flooding"
    NOISE = "noise"
    SECURITY = "security"
    OTHER = "other"


class SopStep(WireModel):
    """One step of a category's standard operating procedure checklist."""

    id: str
    label: str
    required: bool = True
    done: bool = False
    done_by: str | None = None
    done_at: datetime | None = None


class TimelineKind(StrEnum):
    CREATED = "created"
    NOTE = "note"
    STATE = "state"
    DISPATCH = "dispatch"
    LINK = "link"
    CHECKLIST = "checklist"
    UPDATE = "update"


class TimelineEntry(WireModel):
    """Who did what to an incident, and when."""

    at: datetime
    actor: str
    kind: TimelineKind
    text: str
    data: dict[str, Any] = Field(default_factory=dict)


# Attachments are blobs named by their SHA-256 (``POST /attachments`` stores one); JPEG and PNG.
ATTACHMENT_MAX_BYTES: Final = 8 * 1024 * 1024
ATTACHMENT_MEDIA_TYPES: Final = ("image/jpeg", "image/png")
ATTACHMENTS_MAX: Final = 20
Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


def attachment_url(sha256: str) -> str:
    """Where the bytes of a stored attachment are served."""
    return f"{API_PREFIX}/attachments/{sha256}"


class BlobInfo(WireModel):
    """A stored attachment blob (answer of ``POST /attachments``; 201 new, 200 already there)."""

    sha256: str
    size: int = Field(ge=0)
    media_type: str
    url: str


class AttachmentRef(WireModel):
    """An attachment named in a create or a change: a blob uploaded before (``sha256``), or the
    snapshot of an alert (``alert_id``), which the backend then stores as a blob itself."""

    sha256: Sha256Hex | None = None
    alert_id: Annotated[int, Field(ge=1, le=2**53)] | None = None
    label: str = Field(default="", max_length=200)

    @model_validator(mode="after")
    def _one_source(self) -> AttachmentRef:
        if (self.sha256 is None) == (self.alert_id is None):
            raise ValueError("an attachment names either sha256 or alert_id")
        return self


class Attachment(WireModel):
    """A snapshot attached to an incident; ``url`` serves its bytes, ``sha256`` verifies them."""

    sha256: str
    label: str = ""
    media_type: str
    size: int = Field(ge=0)
    url: str
    # The alert whose snapshot it is, if any.
    alert_id: int | None = None
    added_by: str
    added_at: datetime


class Incident(WireModel):
    """An incident. ``version`` grows by one on every change; it is the ETag."""

    id: int
    version: int
    title: str
    description: str = ""
    category: IncidentCategory
    process_group: ProcessGroup
    priority: Severity
    state: IncidentState
    ward_id: str
    lat: float | None = None
    lon: float | None = None
    created_at: datetime
    updated_at: datetime
    created_by: str
    # When handling must be finished (resolved) to meet the SLA of the process group.
    due_at: datetime | None = None
    dispatched_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    # None while open and not yet overdue; then whether it was resolved by due_at.
    sla_met: bool | None = None
    unit_ids: list[str] = Field(default_factory=list)
    checklist: list[SopStep] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    alert_ids: list[int] = Field(default_factory=list)
    field_report_ids: list[int] = Field(default_factory=list)
    hotline_call_ids: list[int] = Field(default_factory=list)
    # Free text: street and number, landmark ("12 Lê Lợi, phường Thuận Hóa").
    address: str = ""
    attachments: list[Attachment] = Field(default_factory=list)


class IncidentPage(WireModel):
    items: list[Incident]
    total: int


_IdList = Field(default_factory=list, max_length=50)
# A database id: positive and within 53 bits (exact in JSON numbers and SQLite integers).
RecordIdValue = Annotated[int, Field(ge=1, le=2**53)]
UnitIdValue = Annotated[str, Field(min_length=1, max_length=64)]
StepIdValue = Annotated[str, Field(min_length=1, max_length=64)]


class IncidentCreate(WireModel):
    """Body of ``POST /incidents``; the idempotency key (or header) makes a replay safe."""

    idempotency_key: str | None = Field(default=None, min_length=1, max_length=128)
    title: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=4000)
    category: IncidentCategory
    # None: the category's usual group (see GET /incident-categories).
    process_group: ProcessGroup | None = None
    priority: Severity = Severity.MEDIUM
    ward_id: str = Field(min_length=1, max_length=64)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    alert_ids: list[RecordIdValue] = _IdList
    field_report_ids: list[RecordIdValue] = _IdList
    hotline_call_ids: list[RecordIdValue] = _IdList
    unit_ids: list[UnitIdValue] = _IdList
    note: str | None = Field(default=None, max_length=2000)
    address: str = Field(default="", max_length=300)
    attachments: list[AttachmentRef] = Field(default_factory=list, max_length=ATTACHMENTS_MAX)


class IncidentPatch(WireModel):
    """Body of ``PATCH /incidents/{id}``: each field given is one change, applied in order
    links → units → checklist → state → note; the whole patch is one new version.

    ``If-Match`` is optional on PATCH (appending a note needs no fresh copy); when sent and stale
    the answer is 412 with the current incident.
    """

    title: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=4000)
    priority: Severity | None = None
    state: IncidentState | None = None
    # Why (for cancelled, or a reopen); also written to the timeline.
    reason: str | None = Field(default=None, max_length=500)
    note: str | None = Field(default=None, min_length=1, max_length=2000)
    dispatch_unit_ids: list[UnitIdValue] = _IdList
    release_unit_ids: list[UnitIdValue] = _IdList
    checklist_done: list[StepIdValue] = _IdList
    checklist_undone: list[StepIdValue] = _IdList
    link_alert_ids: list[RecordIdValue] = _IdList
    link_field_report_ids: list[RecordIdValue] = _IdList
    link_hotline_call_ids: list[RecordIdValue] = _IdList
    address: str | None = Field(default=None, max_length=300)
    add_attachments: list[AttachmentRef] = Field(default_factory=list, max_length=ATTACHMENTS_MAX)
    remove_attachments: list[Sha256Hex] = Field(default_factory=list, max_length=ATTACHMENTS_MAX)


class IncidentReplace(WireModel):
    """Body of ``PUT /incidents/{id}`` (If-Match required): the editable fields, all of them."""

    title: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=4000)
    category: IncidentCategory
    process_group: ProcessGroup
    priority: Severity
    ward_id: str = Field(min_length=1, max_length=64)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    address: str = Field(default="", max_length=300)


class CategoryRule(WireModel):
    """A category's usual process group, SLA per group, checklist and the units it needs."""

    category: IncidentCategory
    label: str
    process_group: ProcessGroup
    sla_minutes: dict[ProcessGroup, int]
    checklist: list[SopStep]
    unit_kinds: list[UnitKind]


class StaleWriteBody(WireModel):
    """412 answer to a write whose If-Match is not the current version."""

    code: str = "stale_version"
    message: str
    current_version: int
    # The current resource (an Incident or a Layout), so the client can merge and retry.
    current: dict[str, Any]


class ChecklistIncompleteBody(WireModel):
    """409 answer to closing an incident whose required SOP steps are not all done."""

    code: str = "checklist_incomplete"
    message: str
    missing_steps: list[SopStep]


class FieldReportStatus(StrEnum):
    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REJECTED = "rejected"


class FieldReport(WireModel):
    """A citizen's field report from the Hue-S app."""

    id: int
    code: str
    category: FieldReportCategory
    text: str
    photo_url: str | None = None
    lat: float
    lon: float
    address: str = ""
    ward_id: str
    status: FieldReportStatus
    source: str = "hue-s"
    created_at: datetime
    updated_at: datetime
    due_at: datetime
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    # None until processed (or overdue); then whether it was processed by due_at.
    on_time: bool | None = None
    response: str | None = None
    # The citizen's rating (1..5) after closure.
    satisfaction: int | None = Field(default=None, ge=1, le=5)
    incident_id: int | None = None


class FieldReportPage(WireModel):
    items: list[FieldReport]
    total: int


class FieldReportCreate(WireModel):
    """Body of ``POST /field-reports`` (what the citizen app sends)."""

    category: FieldReportCategory
    text: str = Field(min_length=1, max_length=4000)
    photo_url: str | None = Field(default=None, max_length=500)
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    address: str = Field(default="", max_length=300)
    ward_id: str = Field(min_length=1, max_length=64)


class FieldReportPatch(WireModel):
    """Body of ``PATCH /field-reports/{id}``: a status change, a reply, or the rating."""

    status: FieldReportStatus | None = None
    response: str | None = Field(default=None, max_length=2000)
    satisfaction: int | None = Field(default=None, ge=1, le=5)


class HotlineTopic(StrEnum):
    STREET_LIGHT = "street_light"
    GARBAGE = "garbage"
    ROAD_DAMAGE = "road_damage"
    SIDEWALK_ENCROACHMENT = "sidewalk_encroachment"
    FLOODING = "flooding"
    NOISE = "noise"
    SECURITY = "security"
    ADMINISTRATIVE = "administrative"
    TOURISM = "tourism"
    OTHER = "other"


class HotlineOutcome(StrEnum):
    RESOLVED_ON_CALL = "resolved_on_call"
    FORWARDED = "forwarded"
    INCIDENT_CREATED = "incident_created"
    INFORMATION = "information"
    DROPPED = "dropped"


class HotlineCall(WireModel):
    """A call to the 1900 1075 hotline; the number is stored masked (``09xx xxx 123``)."""

    id: int
    number_masked: str
    topic: HotlineTopic
    ward_id: str | None = None
    started_at: datetime
    duration_s: int = Field(ge=0)
    outcome: HotlineOutcome
    summary: str = ""
    operator: str
    incident_id: int | None = None


class HotlineCallPage(WireModel):
    items: list[HotlineCall]
    total: int


class HotlineCallCreate(WireModel):
    """Body of ``POST /hotline-calls``; the number is masked before it is stored."""

    number: str = Field(min_length=3, max_length=20, pattern=r"^\+?[0-9 .-]+$")
    topic: HotlineTopic
    ward_id: str | None = Field(default=None, min_length=1, max_length=64)
    started_at: datetime | None = None
    duration_s: int = Field(ge=0, le=86400)
    outcome: HotlineOutcome
    summary: str = Field(default="", max_length=2000)


def mask_phone(number: str) -> str:
    """``0912 345 123`` → ``09xx xxx 123``: keeps the network prefix and the last three digits."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if digits.startswith("84") and len(digits) > 10:
        digits = "0" + digits[2:]
    if len(digits) < 6:
        return "x" * len(digits)
    return f"{digits[:2]}xx xxx {digits[-3:]}"


class KpiName(StrEnum):
    FIELD_REPORTS_RECEIVED = "field_reports.received"
    FIELD_REPORTS_PROCESSED = "field_reports.processed"
    FIELD_REPORTS_ON_TIME = "field_reports.on_time_rate"
    FIELD_REPORTS_SATISFACTION = "field_reports.satisfaction"
    ALERTS_PER_HOUR = "alerts.per_hour"
    FALSE_POSITIVE_RATE = "analytics.false_positive_rate"
    CAMERA_UPTIME = "cameras.uptime"
    HOTLINE_CALLS = "hotline.calls"
    INCIDENT_SLA = "incidents.sla_compliance"
    RIVER_LEVEL = "river.level"
    AIR_QUALITY = "air.aqi"


class KpiValue(WireModel):
    """One figure. ``labels`` tell series apart (``type``, ``process_group``, ``station``).

    River levels carry their alarm thresholds (BĐ1..BĐ3, metres; None where a station has
    none) and ``alarm_level`` 0..3, the highest threshold reached.
    """

    name: KpiName
    value: float | None
    unit: str
    labels: dict[str, str] = Field(default_factory=dict)
    thresholds: list[float | None] = Field(default_factory=list)
    alarm_level: int | None = None


class KpiSnapshot(WireModel):
    """All KPIs at ``ts`` over the last ``window_h`` hours; ``ward_id`` None = whole city."""

    ts: datetime
    ward_id: str | None = None
    window_h: int
    values: list[KpiValue]


class KpiPoint(WireModel):
    ts: datetime
    value: float | None


class KpiLine(WireModel):
    labels: dict[str, str] = Field(default_factory=dict)
    points: list[KpiPoint]


class KpiSeries(WireModel):
    """One KPI over time: a line per label set, points at ``step_s`` (gauges: as sampled)."""

    name: KpiName
    unit: str
    ward_id: str | None = None
    from_ts: datetime
    to_ts: datetime
    step_s: int
    lines: list[KpiLine]


class LayoutScope(StrEnum):
    SHARED = "shared"
    PRIVATE = "private"


class LayoutInfo(WireModel):
    """A stored wall layout without its document."""

    id: str
    name: str
    scope: LayoutScope
    owner: str
    version: int
    updated_at: datetime
    updated_by: str


class Layout(LayoutInfo):
    """A stored wall layout; ``document`` is the layouts package's JSON, opaque to the server."""

    document: dict[str, Any]


class LayoutCreate(WireModel):
    name: str = Field(min_length=1, max_length=120)
    scope: LayoutScope = LayoutScope.PRIVATE
    document: dict[str, Any]


class LayoutUpdate(WireModel):
    """Body of ``PUT /layouts/{id}`` (If-Match required)."""

    name: str = Field(min_length=1, max_length=120)
    document: dict[str, Any]


class LayoutPush(WireModel):
    """Body of ``POST /layouts/{id}/push``: which wall screens (empty = every wall)."""

    screens: list[str] = Field(default_factory=list, max_length=64)


class LayoutPushed(WireModel):
    """``data`` of a ``layout.pushed`` event."""

    layout_id: str
    name: str
    version: int
    document: dict[str, Any]
    pushed_by: str
    screens: list[str] = Field(default_factory=list)


class AuditEntry(WireModel):
    """One row of the hash-chained audit log: ``hash = sha256(prev_hash + canonical JSON)``."""

    id: int
    ts: datetime
    actor: str
    action: str
    entity_type: str
    entity_id: str
    ward_id: str | None = None
    detail: dict[str, Any] = Field(default_factory=dict)
    prev_hash: str
    hash: str


class AuditPage(WireModel):
    items: list[AuditEntry]
    total: int


class AuditVerification(WireModel):
    """Result of re-computing the chain; ``first_broken_id`` is the first row that fails."""

    ok: bool
    rows_checked: int
    first_broken_id: int | None = None
    reason: str | None = None


def parse_incident(data: dict[str, Any]) -> Incident:
    """Validate the ``data`` of an ``incident.*`` event."""
    try:
        return Incident.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "incident"
        raise ContractError(f"malformed incident ({where}: {first.get('msg', 'invalid')})") from exc


# -- additions (evidence: recordings, search, signed export packages) -----------------------------

# Evidence endpoints answer these roles only; everyone else gets 403.
EVIDENCE_ROLES: Final = (Role.POLICE_LIAISON, Role.ADMIN)
# An export package: these three files plus the listed clips and snapshots, as a folder or zip.
EVIDENCE_FORMAT: Final = "ioc-evidence/1"
MANIFEST_FILE: Final = "manifest.json"
SIGNATURE_FILE: Final = "manifest.sig"
PUBLIC_KEY_FILE: Final = "public_key.pem"

CaseText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
ReasonText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class CaseReference(WireModel):
    """Why evidence is touched: every search, view and export carries both into the audit log."""

    case_number: CaseText
    reason: ReasonText


# The most vertices a search area may have (a rectangle drawn on the map has four).
AREA_MAX_POINTS: Final = 64


class GeoPoint(WireModel):
    """A point on the map in WGS 84 degrees."""

    lat: float = Field(ge=-90, le=90, allow_inf_nan=False)
    lon: float = Field(ge=-180, le=180, allow_inf_nan=False)


class EvidenceSearch(CaseReference):
    """Criteria of ``POST /evidence/search``; every criterion left out matches everything.

    ``plate`` matches any part of a plate, ignoring case, spaces and punctuation
    (``123.4`` finds ``75A-123.45``). ``area`` is a polygon on the map (3 to 64
    vertices, in order; closing it is implied): only cameras inside it or on its edge count,
    together with ``camera_ids`` when both are given, and always within the caller's wards.
    """

    start: datetime | None = None
    end: datetime | None = None
    camera_ids: list[Annotated[str, Field(max_length=64)]] = Field(
        default_factory=list, max_length=1000
    )
    types: list[AlertType] = Field(default_factory=list, max_length=50)
    plate: str | None = Field(default=None, max_length=20)
    vehicle_colour: str | None = Field(default=None, max_length=20)
    vehicle_type: str | None = Field(default=None, max_length=20)
    area: list[GeoPoint] | None = Field(default=None, min_length=3, max_length=AREA_MAX_POINTS)
    limit: int = Field(default=50, ge=1, le=500)
    offset: int = Field(default=0, ge=0, le=1_000_000)


class EvidenceHit(WireModel):
    """One AI event found by a search; ``snapshot_url`` is its thumbnail."""

    alert_id: int
    camera_id: str
    ward_id: str
    type: AlertType
    severity: Severity
    ts: datetime
    plate: str | None = None
    vehicle_colour: str | None = None
    vehicle_type: str | None = None
    snapshot_url: str | None = None


class EvidencePage(WireModel):
    """A page of hits, newest first; ``has_more`` says whether a next page exists."""

    items: list[EvidenceHit]
    offset: int
    has_more: bool


class ClipSpec(WireModel):
    """A stretch of one camera's recording (at most an hour)."""

    camera_id: str = Field(min_length=1, max_length=64)
    start: datetime
    end: datetime


class ClipRequest(CaseReference, ClipSpec):
    """Body of ``POST /evidence/clip``: view a stretch of recording (an MP4 comes back)."""


class EvidenceBookmark(WireModel):
    """A moment the officer marked while reviewing, with a note; goes into the signed manifest."""

    camera_id: str = Field(min_length=1, max_length=64)
    ts: datetime
    note: str = Field(default="", max_length=500)


class EvidenceExportRequest(CaseReference):
    """Body of ``POST /evidence/exports``: clips, alert snapshots and bookmarks for one case.

    A bookmark's video travels as a clip (the console adds one around it); the bookmark itself
    (camera, moment, note) is written into the manifest.
    """

    clips: list[ClipSpec] = Field(default_factory=list, max_length=16)
    snapshot_alert_ids: list[Annotated[int, Field(ge=1, le=2**53)]] = Field(
        default_factory=list, max_length=500
    )
    bookmarks: list[EvidenceBookmark] = Field(default_factory=list, max_length=100)


class ExportState(StrEnum):
    BUILDING = "building"
    READY = "ready"
    FAILED = "failed"


class EvidenceExport(WireModel):
    """An export job; ``progress`` runs 0..1 while ``building``.

    Jobs are stored, so a ready package can still be downloaded after a backend restart; a job
    that was building when the backend stopped is ``failed`` with an ``error`` that says so.
    """

    id: str
    state: ExportState
    progress: float = Field(ge=0, le=1)
    case_number: str
    created_by: str
    created_at: datetime
    file_name: str
    size_bytes: int | None = None
    manifest_sha256: str | None = None
    error: str | None = None
    # SHA-256 of the zip as built (set when ready): a download can be checked against it.
    package_sha256: str | None = None


class RecordingSpan(WireModel):
    """A stretch of continuous recording."""

    start: datetime
    end: datetime


class RecordingInfo(WireModel):
    """What is recorded of one camera (``GET /evidence/recordings``)."""

    camera_id: str
    recording: bool
    retention_h: float
    spans: list[RecordingSpan]


class EvidenceLockCreate(CaseReference, ClipSpec):
    """Body of ``POST /evidence/locks``: keep this stretch past the retention window."""


class EvidenceLock(WireModel):
    id: int
    camera_id: str
    start: datetime
    end: datetime
    case_number: str
    reason: str
    created_by: str
    created_at: datetime


class SigningKey(WireModel):
    """The backend's Ed25519 public key; ``fingerprint`` is SHA-256 of the raw 32-byte key."""

    algorithm: str = "Ed25519"
    public_key_pem: str
    fingerprint: str


class ManifestFile(WireModel):
    """One file of an export package, with what it shows."""

    path: str
    kind: str
    sha256: str = Field(min_length=64, max_length=64)
    size: int = Field(ge=0)
    camera_id: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    requested_start: datetime | None = None
    requested_end: datetime | None = None
    alert_id: int | None = None


class EvidenceManifest(WireModel):
    """``manifest.json`` of an export package; ``manifest.sig`` is its Ed25519 signature."""

    format: str = EVIDENCE_FORMAT
    package_id: str
    case_number: str
    reason: str
    exported_by: str
    exported_by_name: str
    exported_by_role: str
    exported_at: datetime
    backend_version: str
    key_fingerprint: str
    files: list[ManifestFile]
    bookmarks: list[EvidenceBookmark] = Field(default_factory=list)
