"""Pure parts of the city simulation: the river model, citizens, masking, the audit chain."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from backend import audit
from backend.citizen import CitizenFactory
from backend.db import Base, Database
from backend.demo_city import load_demo_city
from backend.kpis import STATIONS, RiverModel
from server_client.contract import FieldReportCategory, HotlineTopic, mask_phone

T0 = datetime(2025, 10, 27, 0, 0, tzinfo=UTC)


def test_the_flood_rises_through_every_alarm_level_and_recedes() -> None:
    model = RiverModel("flood", T0, rise_s=3600)
    kim_long, phu_oc = STATIONS
    levels = [model.level(kim_long, T0 + timedelta(minutes=m)) for m in range(0, 60 * 3, 5)]
    alarms = [kim_long.alarm_level(v) for v in levels]
    crest = alarms.index(3)
    assert alarms[0] == 0
    assert alarms[: crest + 1] == sorted(alarms[: crest + 1])  # rising: 0, 1, 2, 3
    assert {1, 2, 3} <= set(alarms)
    assert alarms[-1] == 0  # receded
    assert max(levels) > 3.5
    assert phu_oc.alarm_level(model.level(phu_oc, T0 + timedelta(hours=1))) == 3
    assert phu_oc.alarm_level(3.25) == 2  # "above BĐ2 by 0.25 m" (Huế bulletin)
    assert phu_oc.alarm_level(2.9) == 0  # Phú Ốc has no level 1
    normal = RiverModel("normal", T0, rise_s=3600)
    assert all(
        kim_long.alarm_level(normal.level(kim_long, T0 + timedelta(hours=h))) == 0
        for h in range(48)
    )


def test_citizens_are_realistic_and_repeatable() -> None:
    city = load_demo_city()

    def make(seed: int) -> list[tuple[str, str, str]]:
        factory = CitizenFactory(city.wards, random.Random(seed))
        return [
            (r.category, r.ward_id, r.text) for r in (factory.field_report() for _ in range(300))
        ]

    assert make(1) == make(1) != make(2)
    reports = make(1)
    assert {c for c, _, _ in reports} == set(FieldReportCategory)
    assert {w for _, w, _ in reports} <= {w.id for w in city.wards}
    factory = CitizenFactory(city.wards, random.Random(5))
    calls = [factory.hotline_call() for _ in range(300)]
    assert {c.topic for c in calls} == set(HotlineTopic)
    assert all(len("".join(ch for ch in c.number if ch.isdigit())) == 10 for c in calls)
    assert all(c.duration_s >= 0 for c in calls)


def test_mask_phone() -> None:
    assert mask_phone("0912 345 123") == "09xx xxx 123"
    assert mask_phone("+84 912 345 123") == "09xx xxx 123"
    assert mask_phone("113") == "xxx"


def test_audit_chain_verifies_and_breaks(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = Database(f"sqlite:///{tmp_path / 'a.db'}")
    Base.metadata.create_all(db.engine)

    def write(session: Session) -> None:
        for i in range(1203):  # more than one verification batch
            audit.record(session, "op", "x.do", "x", i, detail={"i": i, "ghi chú": "đúng"})
        session.commit()

    db.run_sync(write)
    assert db.run_sync(audit.verify_chain).model_dump() == {
        "ok": True, "rows_checked": 1203, "first_broken_id": None, "reason": None,
    }  # fmt: skip

    def tamper(session: Session) -> None:
        row = session.get(audit.AuditRow, 1100)
        assert row is not None
        row.detail = {"i": -1}
        session.commit()

    db.run_sync(tamper)
    result = db.run_sync(audit.verify_chain)
    assert (result.ok, result.first_broken_id, result.rows_checked) == (False, 1100, 1099)
    db.close()
