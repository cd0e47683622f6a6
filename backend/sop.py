"""Standard operating procedures: per incident category, the usual process group, the SLA of
each group, the checklist an operator works through, and the units it usually needs.

Demo rules modelled on how a city IOC runs its three process groups: immediate handling (fire,
accidents, flooding: minutes), handling within a deadline (citizen reports: hours to days), and
command support (cases run with the police: days). A city replaces this table with its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from server_client.contract import (
    AlertType,
    CategoryRule,
    FieldReportCategory,
    IncidentCategory,
    ProcessGroup,
    Severity,
    SopStep,
    UnitKind,
)

C = IncidentCategory
G = ProcessGroup
U = UnitKind

# Steps every checklist ends with: the record is complete and the reporter informed.
_VERIFY = ("verify", "Xác minh hiện trường (verify on site or by camera)", True)
_RESULT = ("report_result", "Cập nhật kết quả xử lý (record the outcome)", True)
_INFORM = ("inform_reporter", "Phản hồi người dân (answer the reporter)", False)


@dataclass(frozen=True)
class Rule:
    """One category's procedure."""

    label: str
    group: ProcessGroup
    # Minutes from creation to resolution, per process group the incident may be put in.
    immediate_min: int
    deadline_min: int
    steps: tuple[tuple[str, str, bool], ...]
    units: tuple[UnitKind, ...]

    def sla_minutes(self) -> dict[ProcessGroup, int]:
        return {
            G.IMMEDIATE: self.immediate_min,
            G.DEADLINE: self.deadline_min,
            G.COMMAND_SUPPORT: COMMAND_SUPPORT_MINUTES,
        }


COMMAND_SUPPORT_MINUTES: Final = 7 * 24 * 60
H: Final = 60

RULES: Final[dict[IncidentCategory, Rule]] = {
    C.STREET_LIGHT: Rule(
        "Đèn đường hỏng (broken street light)",
        G.DEADLINE,
        4 * H,
        48 * H,
        (
            _VERIFY,
            ("cut_power", "Cắt điện an toàn (isolate the circuit)", True),
            ("repair", "Thay thế, sửa chữa (repair)", True),
            _RESULT,
            _INFORM,
        ),
        (U.ELECTRICITY, U.ENVIRONMENT_PUBLIC_WORKS),
    ),
    C.GARBAGE: Rule(
        "Rác thải chưa thu gom (uncollected garbage)",
        G.DEADLINE,
        4 * H,
        24 * H,
        (
            _VERIFY,
            ("collect", "Thu gom rác (collect)", True),
            ("clean", "Vệ sinh khu vực (clean the site)", False),
            _RESULT,
            _INFORM,
        ),
        (U.ENVIRONMENT_PUBLIC_WORKS, U.WARD_COMMITTEE),
    ),
    C.ROAD_DAMAGE: Rule(
        "Hư hỏng đường (degraded road)",
        G.DEADLINE,
        6 * H,
        72 * H,
        (
            _VERIFY,
            ("warning_signs", "Đặt biển cảnh báo (warning signs)", True),
            ("repair", "Sửa chữa mặt đường (repair)", True),
            _RESULT,
            _INFORM,
        ),
        (U.ENVIRONMENT_PUBLIC_WORKS, U.TRAFFIC),
    ),
    C.SIDEWALK_ENCROACHMENT: Rule(
        "Lấn chiếm vỉa hè (sidewalk encroachment)",
        G.DEADLINE,
        2 * H,
        48 * H,
        (
            _VERIFY,
            ("remind", "Nhắc nhở, lập biên bản (warn, write a record)", True),
            ("clear", "Giải tỏa (clear the sidewalk)", True),
            _RESULT,
            _INFORM,
        ),
        (U.WARD_COMMITTEE, U.POLICE),
    ),
    C.FLOODING: Rule(
        "Ngập lụt (flooding)",
        G.IMMEDIATE,
        2 * H,
        24 * H,
        (
            _VERIFY,
            ("warn_residents", "Cảnh báo người dân (warn residents)", True),
            ("block_road", "Phân luồng, chặn đường ngập (close flooded roads)", True),
            ("evacuate", "Sơ tán nếu cần (evacuate if needed)", False),
            ("drain", "Khơi thông cống (clear the drains)", False),
            _RESULT,
        ),
        (U.WARD_COMMITTEE, U.ENVIRONMENT_PUBLIC_WORKS, U.POLICE, U.TRAFFIC),
    ),
    C.NOISE: Rule(
        "Tiếng ồn (noise)",
        G.DEADLINE,
        1 * H,
        24 * H,
        (_VERIFY, ("remind", "Nhắc nhở (warn)", True), _RESULT, _INFORM),
        (U.POLICE, U.WARD_COMMITTEE),
    ),
    C.SECURITY: Rule(
        "An ninh trật tự (security)",
        G.IMMEDIATE,
        1 * H,
        24 * H,
        (
            _VERIFY,
            ("police_on_site", "Công an có mặt (police on site)", True),
            ("secure_evidence", "Trích xuất hình ảnh (secure camera evidence)", False),
            _RESULT,
        ),
        (U.POLICE,),
    ),
    C.TRAFFIC_ACCIDENT: Rule(
        "Tai nạn giao thông (traffic accident)",
        G.IMMEDIATE,
        1 * H,
        6 * H,
        (
            _VERIFY,
            ("medical", "Cấp cứu người bị nạn (first aid / ambulance)", True),
            ("traffic_control", "Điều tiết giao thông (traffic control)", True),
            ("secure_evidence", "Trích xuất hình ảnh (secure camera evidence)", True),
            _RESULT,
        ),
        (U.TRAFFIC, U.MEDICAL, U.POLICE),
    ),
    C.TRAFFIC_VIOLATION: Rule(
        "Vi phạm giao thông (traffic violation)",
        G.COMMAND_SUPPORT,
        2 * H,
        72 * H,
        (
            _VERIFY,
            ("secure_evidence", "Trích xuất hình ảnh (secure camera evidence)", True),
            ("hand_over", "Chuyển lực lượng CSGT (hand over to traffic police)", True),
            _RESULT,
        ),
        (U.TRAFFIC,),
    ),
    C.TRAFFIC_JAM: Rule(
        "Ùn tắc giao thông (traffic jam)",
        G.IMMEDIATE,
        1 * H,
        6 * H,
        (_VERIFY, ("traffic_control", "Điều tiết giao thông (traffic control)", True), _RESULT),
        (U.TRAFFIC,),
    ),
    C.FIRE: Rule(
        "Cháy nổ (fire)",
        G.IMMEDIATE,
        1 * H,
        6 * H,
        (
            _VERIFY,
            ("call_114", "Báo lực lượng PCCC 114 (fire brigade alerted)", True),
            ("evacuate", "Sơ tán (evacuate)", True),
            ("medical", "Y tế hỗ trợ (medical standby)", False),
            _RESULT,
        ),
        (U.FIRE, U.MEDICAL, U.POLICE, U.ELECTRICITY),
    ),
    C.FOREST_FIRE: Rule(
        "Cháy rừng (forest fire)",
        G.IMMEDIATE,
        2 * H,
        12 * H,
        (
            _VERIFY,
            ("call_114", "Báo lực lượng PCCC 114 (fire brigade alerted)", True),
            ("rangers", "Huy động kiểm lâm, dân quân (rangers and militia)", True),
            _RESULT,
        ),
        (U.FIRE, U.WARD_COMMITTEE, U.POLICE),
    ),
    C.FALLEN_TREE: Rule(
        "Cây đổ (fallen tree)",
        G.IMMEDIATE,
        2 * H,
        24 * H,
        (
            _VERIFY,
            ("warning_signs", "Cảnh báo, rào chắn (cordon off)", True),
            ("remove", "Cưa, dọn cây (remove the tree)", True),
            _RESULT,
        ),
        (U.ENVIRONMENT_PUBLIC_WORKS, U.ELECTRICITY, U.TRAFFIC),
    ),
    C.CROWD: Rule(
        "Tụ tập đông người (crowd)",
        G.COMMAND_SUPPORT,
        1 * H,
        12 * H,
        (_VERIFY, ("police_on_site", "Công an có mặt (police on site)", True), _RESULT),
        (U.POLICE, U.WARD_COMMITTEE),
    ),
    C.OTHER: Rule(
        "Khác (other)",
        G.DEADLINE,
        4 * H,
        72 * H,
        (_VERIFY, _RESULT, _INFORM),
        (U.WARD_COMMITTEE,),
    ),
}

ALERT_CATEGORY: Final[dict[AlertType, IncidentCategory]] = {
    AlertType.WRONG_WAY: C.TRAFFIC_VIOLATION,
    AlertType.RED_LIGHT: C.TRAFFIC_VIOLATION,
    AlertType.NO_HELMET: C.TRAFFIC_VIOLATION,
    AlertType.LANE_VIOLATION: C.TRAFFIC_VIOLATION,
    AlertType.SPEEDING: C.TRAFFIC_VIOLATION,
    AlertType.ILLEGAL_PARKING: C.SIDEWALK_ENCROACHMENT,
    AlertType.SIDEWALK_ENCROACHMENT: C.SIDEWALK_ENCROACHMENT,
    AlertType.STREET_VENDING: C.SIDEWALK_ENCROACHMENT,
    AlertType.LITTERING: C.GARBAGE,
    AlertType.CROWDING: C.CROWD,
    AlertType.SMOKE_FIRE: C.FIRE,
    AlertType.FOREST_FIRE: C.FOREST_FIRE,
    AlertType.FLOODING: C.FLOODING,
    AlertType.INTRUSION: C.SECURITY,
    AlertType.LOITERING: C.SECURITY,
    AlertType.TRAFFIC_JAM: C.TRAFFIC_JAM,
    AlertType.ACCIDENT: C.TRAFFIC_ACCIDENT,
    AlertType.FALLEN_TREE: C.FALLEN_TREE,
}

# Field reports are handled within a deadline; these are the hours the city gives itself.
FIELD_REPORT_DEADLINE_H: Final[dict[FieldReportCategory, int]] = {
    FieldReportCategory.STREET_LIGHT: 48,
    FieldReportCategory.GARBAGE: 24,
    FieldReportCategory.ROAD_DAMAGE: 72,
    FieldReportCategory.SIDEWALK_ENCROACHMENT: 48,
    FieldReportCategory.FLOODING: 12,
    FieldReportCategory.NOISE: 24,
    FieldReportCategory.SECURITY: 12,
    FieldReportCategory.OTHER: 72,
}


def rule(category: IncidentCategory) -> Rule:
    return RULES[category]


def checklist_for(category: IncidentCategory) -> list[SopStep]:
    """A fresh (nothing done) checklist for a category."""
    return [SopStep(id=i, label=label, required=req) for i, label, req in RULES[category].steps]


def due_at(category: IncidentCategory, group: ProcessGroup, created: datetime) -> datetime:
    """When an incident of ``category`` handled in ``group`` must be resolved."""
    return created + timedelta(minutes=RULES[category].sla_minutes()[group])


def alert_incident(
    alert_type: AlertType, severity: Severity
) -> tuple[IncidentCategory, ProcessGroup]:
    """Category and process group of an incident opened by escalating an alert."""
    category = ALERT_CATEGORY.get(alert_type, C.OTHER)
    group = RULES[category].group
    # A critical detection is handled at once whatever its usual group.
    if severity == Severity.CRITICAL:
        group = G.IMMEDIATE
    return category, group


def category_rules() -> list[CategoryRule]:
    """Every category's rule, as served by ``GET /incident-categories``."""
    return [
        CategoryRule(
            category=cat,
            label=r.label,
            process_group=r.group,
            sla_minutes=r.sla_minutes(),
            checklist=checklist_for(cat),
            unit_kinds=list(r.units),
        )
        for cat, r in RULES.items()
    ]
