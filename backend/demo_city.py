"""The demo city: wards, communes and cameras of Huế, loaded from ``assets/demo_city/hue.json``.

The JSON lists 16 hand-placed cameras, each with its own stream on the demo media server. A
larger city (``--cameras 50``) is made up deterministically: extra cameras are spread over the
wards round-robin, named after the ward and an analytics profile, and reuse the streams of the
hand-placed ones, so 700 cameras cost no more video than 16.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from server_client.contract import AlertType, UnitKind, Ward, WardKind


class CityDataError(ValueError):
    """The demo city file is inconsistent; the message says where."""


@dataclass(frozen=True)
class DemoWard:
    """A ward or commune with a rough centre and the kinds of cameras it gets."""

    id: str
    name: str
    kind: WardKind
    demo: bool
    lat: float
    lon: float
    profiles: tuple[str, ...]

    def to_wire(self) -> Ward:
        return Ward(id=self.id, name=self.name, kind=self.kind, demo=self.demo)


@dataclass(frozen=True)
class DemoCamera:
    """A camera of the demo city. ``stream_id`` names the media-server stream it shows."""

    id: str
    name: str
    ward_id: str
    lat: float
    lon: float
    ptz: bool
    analytics: tuple[AlertType, ...]
    stream_id: str
    # The playback buffer consoles should use for it (ms); None: the console's default. Cameras
    # on slow or lossy links (forest, rural) want more than the usual 300 ms.
    network_caching_ms: int | None = None


# Unit names as a ward would say them; {kind} is phường or xã, {name} the ward's name.
UNIT_NAMES: dict[UnitKind, str] = {
    UnitKind.POLICE: "Công an {kind} {name}",
    UnitKind.FIRE: "Tổ PCCC và CNCH {name}",
    UnitKind.WARD_COMMITTEE: "UBND {kind} {name}",
    UnitKind.ENVIRONMENT_PUBLIC_WORKS: "Tổ Môi trường – Công trình đô thị {name}",
    UnitKind.ELECTRICITY: "Điện lực {name}",
    UnitKind.TRAFFIC: "Tổ CSGT {name}",
    UnitKind.MEDICAL: "Trạm y tế {kind} {name}",
}


@dataclass(frozen=True)
class DemoUnit:
    """A dispatchable unit: one of each kind per ward, id ``WARD-KIND``."""

    id: str
    name: str
    kind: UnitKind
    ward_id: str


@dataclass(frozen=True)
class DemoCity:
    """The whole demo city."""

    name: str
    wards: tuple[DemoWard, ...]
    cameras: tuple[DemoCamera, ...]

    def ward(self, ward_id: str) -> DemoWard:
        for w in self.wards:
            if w.id == ward_id:
                return w
        raise KeyError(ward_id)

    def camera(self, camera_id: str) -> DemoCamera:
        for c in self.cameras:
            if c.id == camera_id:
                return c
        raise KeyError(camera_id)

    @property
    def units(self) -> tuple[DemoUnit, ...]:
        """One unit of every kind in every ward."""
        out: list[DemoUnit] = []
        for w in self.wards:
            kind_word = "phường" if w.kind == WardKind.WARD else "xã"
            for kind, pattern in UNIT_NAMES.items():
                name = pattern.format(kind=kind_word, name=w.name)
                out.append(DemoUnit(id=f"{w.id}-{kind.value}", name=name, kind=kind, ward_id=w.id))
        return tuple(out)

    @property
    def streamed_cameras(self) -> tuple[DemoCamera, ...]:
        """The cameras that own a stream on the media server (the others reuse one)."""
        return tuple(c for c in self.cameras if c.stream_id == c.id)


def default_city_file() -> Path:
    """The packaged Huế data (``assets/demo_city/hue.json``)."""
    return Path(str(resources.files("assets").joinpath("demo_city", "hue.json")))


def load_demo_city(path: Path | None = None, camera_count: int = 16) -> DemoCity:
    """Load the city file and make exactly ``camera_count`` cameras from it."""
    path = path or default_city_file()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CityDataError(f"cannot read the demo city {path}: {exc}") from exc
    return build_city(raw, camera_count)


def build_city(raw: dict[str, Any], camera_count: int) -> DemoCity:
    """Build the city from parsed JSON (see :func:`load_demo_city`)."""
    if camera_count < 1:
        raise CityDataError("a city needs at least one camera")
    try:
        wards = tuple(
            DemoWard(
                id=w["id"],
                name=w["name"],
                kind=WardKind(w["kind"]),
                demo=bool(w.get("demo", False)),
                lat=float(w["lat"]),
                lon=float(w["lon"]),
                profiles=tuple(w.get("profiles", ["urban"])),
            )
            for w in raw["wards"]
        )
        profiles: dict[str, dict[str, Any]] = raw["profiles"]
        base = tuple(
            DemoCamera(
                id=c["id"],
                name=c["name"],
                ward_id=c["ward"],
                lat=float(c["lat"]),
                lon=float(c["lon"]),
                ptz=bool(c.get("ptz", False)),
                analytics=tuple(AlertType(a) for a in c["analytics"]),
                stream_id=c["id"],
                network_caching_ms=(
                    int(c["network_caching_ms"]) if "network_caching_ms" in c else None
                ),
            )
            for c in raw["cameras"]
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise CityDataError(f"malformed demo city: {exc!r}") from exc

    ward_ids = {w.id for w in wards}
    if len(ward_ids) != len(wards):
        raise CityDataError("duplicate ward ids in the demo city")
    for cam in base:
        if cam.ward_id not in ward_ids:
            raise CityDataError(f"camera {cam.id} names unknown ward {cam.ward_id!r}")
    for w in wards:
        for prof in w.profiles:
            if prof not in profiles:
                raise CityDataError(f"ward {w.id} names unknown profile {prof!r}")
    if not base:
        raise CityDataError("the demo city has no cameras")

    cameras = list(base[:camera_count])
    for index in range(len(base), camera_count):
        cameras.append(_extra_camera(index, base, wards, profiles))
    return DemoCity(name=str(raw.get("city", "Huế")), wards=wards, cameras=tuple(cameras))


def _extra_camera(
    index: int,
    base: tuple[DemoCamera, ...],
    wards: tuple[DemoWard, ...],
    profiles: dict[str, dict[str, Any]],
) -> DemoCamera:
    k = index - len(base)
    ward = wards[k % len(wards)]
    round_no = k // len(wards)
    profile_name = ward.profiles[round_no % len(ward.profiles)]
    profile = profiles[profile_name]
    # Seeded per index so camera N is the same whatever the total count.
    rng = random.Random(index)
    return DemoCamera(
        id=f"cam-{index + 1:03d}",
        name=f"{profile['prefix']} {ward.name} {round_no + 1:02d}",
        ward_id=ward.id,
        lat=round(ward.lat + rng.uniform(-0.012, 0.012), 5),
        lon=round(ward.lon + rng.uniform(-0.012, 0.012), 5),
        ptz=rng.random() < 0.15,
        analytics=tuple(AlertType(a) for a in profile["analytics"]),
        stream_id=base[k % len(base)].id,
    )
