"""Operator-facing, translated names of the incident vocabulary (states, categories, units …).

The wire carries stable English values (``in_progress``, ``ward_committee``); these are the words
the operator reads. One dictionary per kind of value, because the same value can mean different
things (the category ``fire`` and the unit kind ``fire``).
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from console.models.alert_table_model import display_name

_CONTEXT: Final = "IncidentNames"

STATE_NAMES: Final = {
    "new": QT_TRANSLATE_NOOP("IncidentNames", "New"),
    "dispatched": QT_TRANSLATE_NOOP("IncidentNames", "Dispatched"),
    "in_progress": QT_TRANSLATE_NOOP("IncidentNames", "In progress"),
    "resolved": QT_TRANSLATE_NOOP("IncidentNames", "Resolved"),
    "closed": QT_TRANSLATE_NOOP("IncidentNames", "Closed"),
    "cancelled": QT_TRANSLATE_NOOP("IncidentNames", "Cancelled"),
}
GROUP_NAMES: Final = {
    "immediate": QT_TRANSLATE_NOOP("IncidentNames", "Immediate handling"),
    "deadline": QT_TRANSLATE_NOOP("IncidentNames", "Within a deadline"),
    "command_support": QT_TRANSLATE_NOOP("IncidentNames", "Command support"),
}
CATEGORY_NAMES: Final = {
    "street_light": QT_TRANSLATE_NOOP("IncidentNames", "Broken street light"),
    "garbage": QT_TRANSLATE_NOOP("IncidentNames", "Uncollected garbage"),
    "road_damage": QT_TRANSLATE_NOOP("IncidentNames", "Road damage"),
    "sidewalk_encroachment": QT_TRANSLATE_NOOP("IncidentNames", "Sidewalk encroachment"),
    "flooding": QT_TRANSLATE_NOOP("IncidentNames", "Flooding"),
    "noise": QT_TRANSLATE_NOOP("IncidentNames", "Noise"),
    "security": QT_TRANSLATE_NOOP("IncidentNames", "Security and order"),
    "traffic_accident": QT_TRANSLATE_NOOP("IncidentNames", "Traffic accident"),
    "traffic_violation": QT_TRANSLATE_NOOP("IncidentNames", "Traffic violation"),
    "traffic_jam": QT_TRANSLATE_NOOP("IncidentNames", "Traffic jam"),
    "fire": QT_TRANSLATE_NOOP("IncidentNames", "Fire"),
    "forest_fire": QT_TRANSLATE_NOOP("IncidentNames", "Forest fire"),
    "fallen_tree": QT_TRANSLATE_NOOP("IncidentNames", "Fallen tree"),
    "crowd": QT_TRANSLATE_NOOP("IncidentNames", "Crowd"),
    "other": QT_TRANSLATE_NOOP("IncidentNames", "Other"),
    # Hotline-only topics.
    "administrative": QT_TRANSLATE_NOOP("IncidentNames", "Administrative procedures"),
    "tourism": QT_TRANSLATE_NOOP("IncidentNames", "Tourism"),
}
UNIT_KIND_NAMES: Final = {
    "police": QT_TRANSLATE_NOOP("IncidentNames", "Police"),
    "fire": QT_TRANSLATE_NOOP("IncidentNames", "Fire brigade"),
    "ward_committee": QT_TRANSLATE_NOOP("IncidentNames", "Ward committee"),
    "environment_public_works": QT_TRANSLATE_NOOP("IncidentNames", "Environment and public works"),
    "electricity": QT_TRANSLATE_NOOP("IncidentNames", "Electricity"),
    "traffic": QT_TRANSLATE_NOOP("IncidentNames", "Traffic police"),
    "medical": QT_TRANSLATE_NOOP("IncidentNames", "Medical"),
}
REPORT_STATUS_NAMES: Final = {
    "received": QT_TRANSLATE_NOOP("IncidentNames", "Received"),
    "in_progress": QT_TRANSLATE_NOOP("IncidentNames", "In progress"),
    "resolved": QT_TRANSLATE_NOOP("IncidentNames", "Resolved"),
    "closed": QT_TRANSLATE_NOOP("IncidentNames", "Closed"),
    "rejected": QT_TRANSLATE_NOOP("IncidentNames", "Rejected"),
}
OUTCOME_NAMES: Final = {
    "resolved_on_call": QT_TRANSLATE_NOOP("IncidentNames", "Resolved on the call"),
    "forwarded": QT_TRANSLATE_NOOP("IncidentNames", "Forwarded"),
    "incident_created": QT_TRANSLATE_NOOP("IncidentNames", "Incident created"),
    "information": QT_TRANSLATE_NOOP("IncidentNames", "Information given"),
    "dropped": QT_TRANSLATE_NOOP("IncidentNames", "Dropped"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def state_name(value: str) -> str:
    return _t(STATE_NAMES.get(value, value))


def group_name(value: str) -> str:
    return _t(GROUP_NAMES.get(value, value))


def category_name(value: str) -> str:
    return _t(CATEGORY_NAMES.get(value, value))


def unit_kind_name(value: str) -> str:
    return _t(UNIT_KIND_NAMES.get(value, value))


def report_status_name(value: str) -> str:
    return _t(REPORT_STATUS_NAMES.get(value, value))


def outcome_name(value: str) -> str:
    return _t(OUTCOME_NAMES.get(value, value))


def priority_name(value: str) -> str:
    """Priorities are the alert severities (low … critical), named as the alert list names them."""
    return display_name(value)
