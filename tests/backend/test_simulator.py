"""Alert drafts: deterministic per seed, realistic types, severities and attributes."""

from __future__ import annotations

import random
import re

from backend.demo_city import load_demo_city
from backend.simulator import AlertFactory
from server_client.contract import AlertType, Severity


def drafts(seed: int, n: int) -> list[tuple[object, ...]]:
    city = load_demo_city()
    factory = AlertFactory(city.cameras, random.Random(seed))
    return [
        (d.camera_id, d.type, d.severity, d.confidence, d.bbox, tuple(sorted(d.attributes.items())))
        for d in (factory.draft() for _ in range(n))
    ]


def test_same_seed_same_alerts_other_seed_other_alerts() -> None:
    assert drafts(7, 200) == drafts(7, 200)
    assert drafts(7, 200) != drafts(8, 200)


def test_drafts_fit_their_camera_and_type() -> None:
    city = load_demo_city()
    factory = AlertFactory(city.cameras, random.Random(1))
    plate = re.compile(r"^75(?:[A-Z]-\d{3}\.\d{2}|-[A-Z]\d \d{3}\.\d{2})$")
    seen_types: set[AlertType] = set()
    for _ in range(2000):
        d = factory.draft()
        camera = city.camera(d.camera_id)
        assert d.type in camera.analytics
        assert d.ward_id == camera.ward_id
        assert 0.6 <= d.confidence <= 0.99
        assert d.bbox.x + d.bbox.w <= 1.0001
        assert d.bbox.y + d.bbox.h <= 1.0001
        if d.type in (
            AlertType.SMOKE_FIRE,
            AlertType.FOREST_FIRE,
            AlertType.FLOODING,
            AlertType.ACCIDENT,
        ):
            assert d.severity in (Severity.HIGH, Severity.CRITICAL)
        if d.type in (AlertType.RED_LIGHT, AlertType.SPEEDING, AlertType.NO_HELMET):
            assert plate.match(d.attributes["plate"]), d.attributes
            assert d.attributes["vehicle_colour"]
        if d.type == AlertType.NO_HELMET:
            assert d.attributes["vehicle_type"] == "motorbike"
        if d.type == AlertType.SPEEDING:
            assert int(d.attributes["speed_kmh"]) > int(d.attributes["speed_limit_kmh"])
        seen_types.add(d.type)
    assert len(seen_types) >= 15


def test_a_requested_type_goes_to_a_camera_that_runs_it() -> None:
    city = load_demo_city()
    factory = AlertFactory(city.cameras, random.Random(3))
    for _ in range(50):
        d = factory.draft(type_=AlertType.FOREST_FIRE)
        assert d.camera_id in ("cam-012", "cam-015")
