"""The packaged Huế demo city and its growth to more cameras."""

from __future__ import annotations

import pytest

from backend.demo_city import CityDataError, build_city, load_demo_city


def test_sixteen_streamed_cameras_over_real_and_demo_wards() -> None:
    city = load_demo_city()
    assert [c.id for c in city.cameras] == [f"cam-{i:03d}" for i in range(1, 17)]
    assert city.streamed_cameras == city.cameras
    names = {c.name for c in city.cameras}
    assert {"Cầu Trường Tiền", "Ngã sáu Hùng Vương", "Chợ Đông Ba", "Đập Đá"} <= names
    confirmed = {w.name for w in city.wards if not w.demo}
    assert confirmed == {
        "Phong Điền", "Phong Thái", "Phong Dinh", "Phong Phú", "Phong Quảng", "An Cựu",
        "Đan Điền", "Quảng Điền",
    }  # fmt: skip
    assert {w.name for w in city.wards if w.kind == "commune"} == {"Đan Điền", "Quảng Điền"}
    assert sum(c.ptz for c in city.cameras) >= 2


def test_more_cameras_reuse_the_streams() -> None:
    city = load_demo_city(camera_count=60)
    ids = [c.id for c in city.cameras]
    assert len(set(ids)) == 60
    assert ids[-1] == "cam-060"
    streamed = {c.id for c in city.streamed_cameras}
    assert len(streamed) == 16
    assert {c.stream_id for c in city.cameras} == streamed
    ward_ids = {w.id for w in city.wards}
    assert {c.ward_id for c in city.cameras} == ward_ids  # every ward gets cameras
    # Camera N does not depend on how many there are.
    assert load_demo_city(camera_count=40).cameras[30] == city.cameras[30]


def test_inconsistent_city_data_is_refused_with_a_reason() -> None:
    raw = {
        "wards": [{"id": "w", "name": "W", "kind": "ward", "lat": 16, "lon": 107}],
        "profiles": {"urban": {"prefix": "P", "analytics": ["littering"]}},
        "cameras": [
            {"id": "c", "name": "C", "ward": "nowhere", "lat": 16, "lon": 107, "analytics": []}
        ],
    }
    with pytest.raises(CityDataError, match="unknown ward 'nowhere'"):
        build_city(raw, 1)
    raw["cameras"][0]["analytics"] = ["teleporting"]
    with pytest.raises(CityDataError, match="malformed"):
        build_city(raw, 1)
