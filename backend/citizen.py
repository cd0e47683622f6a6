"""Citizen channels: field reports from the Hue-S app and calls to the 1900 1075 hotline.

Storage, status changes and queries run on the db thread inside a hub transaction (each change
is one event and one audit row). :class:`CitizenFactory` makes realistic reports and calls for
the simulator: Huế streets, the categories residents actually report, masked phone numbers.
"""

from __future__ import annotations

import hashlib
import logging
import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from backend import audit
from backend.auth import Principal
from backend.db import FieldReportRow, HotlineCallRow, IncidentKeyRow, WardRow, utcnow
from backend.demo_city import DemoWard
from backend.hub import EventSink
from backend.routes_context import ApiError, as_utc, require_scope
from backend.sop import FIELD_REPORT_DEADLINE_H
from server_client.contract import (
    EventType,
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
    mask_phone,
)

log = logging.getLogger(__name__)

# Events about things that belong to no ward (a hotline call asking for tourist information)
# are stored under this marker: city-wide users see them, ward-scoped users do not (the hub
# and the replay both treat it as just another ward that no scoped user has).
CITY_ONLY: Final = "@city"

FR = FieldReportStatus
FIELD_REPORT_TRANSITIONS: Final[dict[FieldReportStatus, frozenset[FieldReportStatus]]] = {
    FR.RECEIVED: frozenset({FR.IN_PROGRESS, FR.RESOLVED, FR.REJECTED}),
    FR.IN_PROGRESS: frozenset({FR.RESOLVED, FR.REJECTED}),
    FR.RESOLVED: frozenset({FR.CLOSED, FR.IN_PROGRESS}),
    FR.REJECTED: frozenset({FR.CLOSED}),
    FR.CLOSED: frozenset(),
}
PROCESSED: Final = frozenset({FR.RESOLVED.value, FR.CLOSED.value, FR.REJECTED.value})


# -- field reports --------------------------------------------------------------------------


def field_report_to_wire(row: FieldReportRow, now: datetime | None = None) -> FieldReport:
    now = now or utcnow()
    on_time: bool | None = None
    if row.resolved_at is not None:
        on_time = row.resolved_at <= row.due_at
    elif row.status == FR.REJECTED.value:
        on_time = row.updated_at <= row.due_at
    elif now > row.due_at:
        on_time = False
    return FieldReport(
        id=row.id,
        code=f"PA-{row.id:06d}",
        category=FieldReportCategory(row.category),
        text=row.text,
        photo_url=row.photo_url,
        lat=row.lat,
        lon=row.lon,
        address=row.address,
        ward_id=row.ward_id,
        status=FieldReportStatus(row.status),
        source=row.source,
        created_at=row.created_at,
        updated_at=row.updated_at,
        due_at=row.due_at,
        resolved_at=row.resolved_at,
        closed_at=row.closed_at,
        on_time=on_time,
        response=row.response,
        satisfaction=row.satisfaction,
        incident_id=row.incident_id,
    )


def emit_field_report(sink: EventSink, row: FieldReportRow, type_: str) -> FieldReport:
    report = field_report_to_wire(row)
    sink.emit(type_, report.model_dump(mode="json"), ward_id=row.ward_id)
    return report


def check_ward(session: Session, ward_id: str) -> None:
    if session.get(WardRow, ward_id) is None:
        raise ApiError(422, "unknown_ward", f"No ward {ward_id!r}")


def create_field_report(
    session: Session,
    sink: EventSink,
    body: FieldReportCreate,
    actor: str,
    *,
    source: str = "hue-s",
    created_at: datetime | None = None,
) -> FieldReport:
    """Store a new report (status received, due per category) and emit ``field_report.created``."""
    check_ward(session, body.ward_id)
    created = created_at or utcnow()
    row = FieldReportRow(
        category=body.category.value,
        text=body.text,
        photo_url=body.photo_url,
        lat=body.lat,
        lon=body.lon,
        address=body.address,
        ward_id=body.ward_id,
        status=FR.RECEIVED.value,
        source=source,
        created_at=created,
        updated_at=created,
        due_at=created + timedelta(hours=FIELD_REPORT_DEADLINE_H[body.category]),
    )
    session.add(row)
    session.flush()
    audit.record(
        session, actor, "field_report.create", "field_report", row.id,
        ward_id=row.ward_id, detail={"category": row.category, "source": source},
    )  # fmt: skip
    return emit_field_report(sink, row, EventType.FIELD_REPORT_CREATED)


def visible_field_report(session: Session, report_id: int, principal: Principal) -> FieldReportRow:
    row = session.get(FieldReportRow, report_id)
    if row is None or not principal.sees_ward(row.ward_id):
        raise ApiError(404, "not_found", f"No field report {report_id}")
    return row


def set_field_report_status(row: FieldReportRow, status: FieldReportStatus, now: datetime) -> None:
    """Move a report to ``status`` (409 when its current status forbids it)."""
    current = FieldReportStatus(row.status)
    if status == current:
        return
    if status not in FIELD_REPORT_TRANSITIONS[current]:
        raise ApiError(
            409, "invalid_transition",
            f"Field report {row.id} is {current.value}; cannot become {status.value}",
        )  # fmt: skip
    row.status = status.value
    if status == FR.RESOLVED:
        row.resolved_at = now
    elif status == FR.IN_PROGRESS:
        row.resolved_at = None
    elif status == FR.CLOSED:
        row.closed_at = now


def patch_field_report(
    session: Session,
    sink: EventSink,
    report_id: int,
    body: FieldReportPatch,
    principal: Principal,
    key: str | None = None,
) -> FieldReport:
    """Status change, reply and/or the citizen's rating (only once the report is closed).

    With an idempotency key (a console replaying its outbox) a resend changes nothing and
    answers the report as it is; the key is kept beside the incidents' keys, named apart.
    """
    row = visible_field_report(session, report_id, principal)
    stored_key = f"field_report:{key}" if key else None
    request_hash = hashlib.sha256(body.model_dump_json().encode("utf-8")).hexdigest()
    if stored_key:
        prior = session.get(IncidentKeyRow, stored_key)
        if prior is not None:
            if (prior.username, prior.incident_id, prior.request_hash) != (
                principal.username,
                report_id,
                request_hash,
            ):
                raise ApiError(
                    422, "idempotency_key_reused",
                    f"Idempotency key {key!r} was already used for another request",
                )  # fmt: skip
            log.info("replayed change of field report %d (key %s)", report_id, key)
            return field_report_to_wire(row)
    if body.status is None and body.response is None and body.satisfaction is None:
        raise ApiError(
            422, "empty_patch", "Nothing to change: give status, response or satisfaction"
        )
    now = utcnow()
    before = row.status
    if body.status is not None:
        set_field_report_status(row, body.status, now)
    if body.response is not None:
        row.response = body.response
    if body.satisfaction is not None:
        if row.status != FR.CLOSED.value:
            raise ApiError(
                409, "not_closed",
                f"Field report {row.id} is {row.status}; a rating comes after closure",
            )  # fmt: skip
        row.satisfaction = body.satisfaction
    row.updated_at = now
    session.flush()
    audit.record(
        session, principal.username, "field_report.update", "field_report", row.id,
        ward_id=row.ward_id,
        detail={"from": before, "to": row.status, "satisfaction": body.satisfaction,
                "response": body.response is not None},
    )  # fmt: skip
    if stored_key:
        # incident_id holds the report's id here: the key table is shared.
        session.add(
            IncidentKeyRow(
                key=stored_key, username=principal.username, request_hash=request_hash,
                incident_id=report_id,
            )
        )  # fmt: skip
    return emit_field_report(sink, row, EventType.FIELD_REPORT_UPDATED)


def query_field_reports(
    session: Session,
    principal: Principal,
    *,
    status: FieldReportStatus | None,
    category: FieldReportCategory | None,
    ward_id: str | None,
    since: datetime | None,
    until: datetime | None,
    limit: int,
    offset: int,
) -> FieldReportPage:
    """A page of reports in the caller's scope, newest first."""
    require_scope(principal, ward_id)
    where: list[ColumnElement[bool]] = []
    if principal.scoped:
        where.append(FieldReportRow.ward_id.in_(sorted(principal.wards)))
    if ward_id is not None:
        where.append(FieldReportRow.ward_id == ward_id)
    if status is not None:
        where.append(FieldReportRow.status == status.value)
    if category is not None:
        where.append(FieldReportRow.category == category.value)
    if since is not None:
        where.append(FieldReportRow.created_at >= since)
    if until is not None:
        where.append(FieldReportRow.created_at < until)
    total = session.scalar(select(func.count()).select_from(FieldReportRow).where(*where)) or 0
    rows = session.scalars(
        select(FieldReportRow)
        .where(*where)
        .order_by(FieldReportRow.id.desc())
        .limit(limit)
        .offset(offset)
    )
    now = utcnow()
    return FieldReportPage(items=[field_report_to_wire(r, now) for r in rows], total=int(total))


# -- hotline --------------------------------------------------------------------------------


def hotline_to_wire(row: HotlineCallRow) -> HotlineCall:
    return HotlineCall(
        id=row.id,
        number_masked=row.number_masked,
        topic=HotlineTopic(row.topic),
        ward_id=row.ward_id,
        started_at=row.started_at,
        duration_s=row.duration_s,
        outcome=HotlineOutcome(row.outcome),
        summary=row.summary,
        operator=row.operator,
        incident_id=row.incident_id,
    )


def create_hotline_call(
    session: Session, sink: EventSink, body: HotlineCallCreate, actor: str
) -> HotlineCall:
    """Store a call (number masked at once) and emit ``hotline.created``."""
    if body.ward_id is not None:
        check_ward(session, body.ward_id)
    row = HotlineCallRow(
        number_masked=mask_phone(body.number),
        topic=body.topic.value,
        ward_id=body.ward_id,
        started_at=as_utc(body.started_at, "started_at") or utcnow(),
        duration_s=body.duration_s,
        outcome=body.outcome.value,
        summary=body.summary,
        operator=actor,
    )
    session.add(row)
    session.flush()
    audit.record(
        session, actor, "hotline.create", "hotline_call", row.id,
        ward_id=row.ward_id, detail={"topic": row.topic, "outcome": row.outcome},
    )  # fmt: skip
    call = hotline_to_wire(row)
    sink.emit(
        EventType.HOTLINE_CREATED, call.model_dump(mode="json"), ward_id=row.ward_id or CITY_ONLY
    )
    return call


def visible_hotline_call(session: Session, call_id: int, principal: Principal) -> HotlineCallRow:
    row = session.get(HotlineCallRow, call_id)
    if row is None or (principal.scoped and row.ward_id not in principal.wards):
        raise ApiError(404, "not_found", f"No hotline call {call_id}")
    return row


def query_hotline_calls(
    session: Session,
    principal: Principal,
    *,
    topic: HotlineTopic | None,
    outcome: HotlineOutcome | None,
    ward_id: str | None,
    since: datetime | None,
    until: datetime | None,
    limit: int,
    offset: int,
) -> HotlineCallPage:
    """A page of calls, newest first; a ward-scoped caller sees only calls about its wards."""
    require_scope(principal, ward_id)
    where: list[ColumnElement[bool]] = []
    if principal.scoped:
        where.append(HotlineCallRow.ward_id.in_(sorted(principal.wards)))
    if ward_id is not None:
        where.append(HotlineCallRow.ward_id == ward_id)
    if topic is not None:
        where.append(HotlineCallRow.topic == topic.value)
    if outcome is not None:
        where.append(HotlineCallRow.outcome == outcome.value)
    if since is not None:
        where.append(HotlineCallRow.started_at >= since)
    if until is not None:
        where.append(HotlineCallRow.started_at < until)
    total = session.scalar(select(func.count()).select_from(HotlineCallRow).where(*where)) or 0
    rows = session.scalars(
        select(HotlineCallRow)
        .where(*where)
        .order_by(HotlineCallRow.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return HotlineCallPage(items=[hotline_to_wire(r) for r in rows], total=int(total))


# -- the simulator's citizens ---------------------------------------------------------------

FC = FieldReportCategory
# What residents write, per category (Vietnamese, as in the app); {street} is filled in.
REPORT_TEXTS: Final[dict[FieldReportCategory, tuple[str, ...]]] = {
    FC.STREET_LIGHT: (
        "Đèn đường trên {street} bị hỏng nhiều ngày, buổi tối rất tối, đề nghị sửa chữa.",
        "Cụm đèn chiếu sáng đoạn {street} chập chờn, lúc sáng lúc tắt.",
    ),
    FC.GARBAGE: (
        "Rác thải tồn đọng ở đầu kiệt {street} chưa được thu gom, bốc mùi hôi.",
        "Điểm tập kết rác trên {street} quá tải, rác tràn ra lòng đường.",
    ),
    FC.ROAD_DAMAGE: (
        "Mặt đường {street} bị sụt lún, nhiều ổ gà gây nguy hiểm cho xe máy.",
        "Nắp hố ga trên {street} bị vỡ, đề nghị thay thế gấp.",
    ),
    FC.SIDEWALK_ENCROACHMENT: (
        "Quán nước lấn chiếm vỉa hè {street}, người đi bộ phải xuống lòng đường.",
        "Xe ô tô đỗ kín vỉa hè đoạn {street} cả ngày.",
    ),
    FC.FLOODING: (
        "Mưa lớn, đường {street} ngập sâu khoảng 40 cm, xe máy chết máy nhiều.",
        "Cống thoát nước trên {street} bị tắc, nước ngập vào nhà dân.",
    ),
    FC.NOISE: (
        "Karaoke ở {street} hát lớn quá 22 giờ, ảnh hưởng người dân nghỉ ngơi.",
        "Công trình trên {street} thi công ban đêm gây ồn.",
    ),
    FC.SECURITY: (
        "Có nhóm thanh niên tụ tập, đua xe trên {street} lúc khuya.",
        "Phát hiện đối tượng khả nghi rình rập trộm xe ở {street}.",
    ),
    FC.OTHER: ("Cây xanh trên {street} nghiêng, có nguy cơ đổ khi mưa bão.",),
}
# How often each category comes in (street lights and garbage lead, as in Huế's figures).
REPORT_WEIGHTS: Final[dict[FieldReportCategory, int]] = {
    FC.STREET_LIGHT: 18, FC.GARBAGE: 20, FC.ROAD_DAMAGE: 15, FC.SIDEWALK_ENCROACHMENT: 16,
    FC.FLOODING: 6, FC.NOISE: 10, FC.SECURITY: 8, FC.OTHER: 7,
}  # fmt: skip
STREETS: Final = (
    "Lê Lợi", "Hùng Vương", "Trần Hưng Đạo", "Nguyễn Huệ", "Đống Đa", "Lý Thường Kiệt",
    "Phan Đình Phùng", "Bà Triệu", "Điện Biên Phủ", "Nguyễn Sinh Cung", "Kim Long",
    "Chi Lăng", "Mai Thúc Loan", "Đinh Tiên Hoàng", "Trường Chinh", "Tố Hữu", "An Dương Vương",
)  # fmt: skip
HOTLINE_SUMMARIES: Final[dict[HotlineTopic, str]] = {
    HotlineTopic.STREET_LIGHT: "Người dân báo đèn đường hỏng",
    HotlineTopic.GARBAGE: "Phản ánh rác chưa thu gom",
    HotlineTopic.ROAD_DAMAGE: "Báo mặt đường hư hỏng",
    HotlineTopic.SIDEWALK_ENCROACHMENT: "Phản ánh lấn chiếm vỉa hè",
    HotlineTopic.FLOODING: "Báo ngập, đề nghị hỗ trợ",
    HotlineTopic.NOISE: "Phản ánh tiếng ồn ban đêm",
    HotlineTopic.SECURITY: "Báo tin an ninh trật tự",
    HotlineTopic.ADMINISTRATIVE: "Hỏi thủ tục hành chính",
    HotlineTopic.TOURISM: "Du khách hỏi thông tin tham quan",
    HotlineTopic.OTHER: "Góp ý chung",
}
HOTLINE_WEIGHTS: Final[dict[HotlineTopic, int]] = {
    HotlineTopic.STREET_LIGHT: 8, HotlineTopic.GARBAGE: 10, HotlineTopic.ROAD_DAMAGE: 6,
    HotlineTopic.SIDEWALK_ENCROACHMENT: 6, HotlineTopic.FLOODING: 5, HotlineTopic.NOISE: 7,
    HotlineTopic.SECURITY: 6, HotlineTopic.ADMINISTRATIVE: 25, HotlineTopic.TOURISM: 12,
    HotlineTopic.OTHER: 5,
}  # fmt: skip
# Viettel, Vinaphone and Mobifone prefixes.
MOBILE_PREFIXES: Final = (
    "090",
    "091",
    "093",
    "094",
    "096",
    "097",
    "098",
    "086",
    "088",
    "070",
    "077",
)


class CitizenFactory:
    """Makes field reports and hotline calls; deterministic for a given seed."""

    def __init__(self, wards: Sequence[DemoWard], rng: random.Random) -> None:
        if not wards:
            raise ValueError("no wards")
        self.wards = list(wards)
        self.rng = rng

    def field_report(self, category: FieldReportCategory | None = None) -> FieldReportCreate:
        rng = self.rng
        cats = list(REPORT_WEIGHTS)
        cat = category or rng.choices(cats, [REPORT_WEIGHTS[c] for c in cats])[0]
        ward = rng.choice(self.wards)
        street = rng.choice(STREETS)
        return FieldReportCreate(
            category=cat,
            text=rng.choice(REPORT_TEXTS[cat]).format(street=street),
            lat=round(ward.lat + rng.uniform(-0.01, 0.01), 5),
            lon=round(ward.lon + rng.uniform(-0.01, 0.01), 5),
            address=f"{rng.randint(1, 250)} {street}, {ward.name}",
            ward_id=ward.id,
        )

    def phone_number(self) -> str:
        rng = self.rng
        return f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 9_999_999):07d}"

    def hotline_call(self) -> HotlineCallCreate:
        rng = self.rng
        topics = list(HOTLINE_WEIGHTS)
        topic = rng.choices(topics, [HOTLINE_WEIGHTS[t] for t in topics])[0]
        informational = topic in (HotlineTopic.ADMINISTRATIVE, HotlineTopic.TOURISM)
        if informational:
            outcome = rng.choices(
                [
                    HotlineOutcome.INFORMATION,
                    HotlineOutcome.RESOLVED_ON_CALL,
                    HotlineOutcome.DROPPED,
                ],
                [7, 2, 1],
            )[0]
        else:
            outcome = rng.choices(
                [HotlineOutcome.FORWARDED, HotlineOutcome.RESOLVED_ON_CALL, HotlineOutcome.DROPPED],
                [6, 3, 1],
            )[0]
        ward = None if informational and rng.random() < 0.7 else rng.choice(self.wards).id
        duration = (
            rng.randint(5, 40)
            if outcome == HotlineOutcome.DROPPED
            else int(rng.lognormvariate(5.0, 0.5))
        )
        return HotlineCallCreate(
            number=self.phone_number(),
            topic=topic,
            ward_id=ward,
            duration_s=min(duration, 3600),
            outcome=outcome,
            summary=HOTLINE_SUMMARIES[topic],
        )
