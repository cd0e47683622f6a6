"""Regenerate ``hue_demo.geojson``: approximate ward and commune shapes for the offline map.

DEMO DATA. Huế's real ward boundaries (after the 1 July 2025 reform) are not shipped here: each
ward of ``assets/demo_city/hue.json`` gets a cell of the Voronoi diagram of the ward centres,
cut to a rough disc around its centre, so neighbouring wards share borders and outlying ones are
blobs of a plausible size. Rivers and gauges are hand-placed near their real positions.

    python assets/map/build_demo_map.py
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
CITY = HERE.parent / "demo_city" / "hue.json"
OUT = HERE / "hue_demo.geojson"

# Hand-placed from memory of the map, good to a few hundred metres at best: demo data.
RIVERS = {
    "Hương": [
        (107.548, 16.395),
        (107.543, 16.425),
        (107.548, 16.447),
        (107.556, 16.457),
        (107.570, 16.463),
        (107.583, 16.466),
        (107.592, 16.468),
        (107.601, 16.474),
        (107.607, 16.484),
        (107.612, 16.500),
        (107.620, 16.520),
        (107.628, 16.545),
        (107.633, 16.565),
    ],
    "Bồ": [
        (107.390, 16.455),
        (107.430, 16.490),
        (107.462, 16.520),
        (107.476, 16.532),
        (107.500, 16.535),
        (107.530, 16.525),
        (107.556, 16.512),
        (107.590, 16.513),
        (107.612, 16.500),
    ],
}
SENSORS = [
    {
        "id": "kim-long",
        "kind": "river",
        "name": "Kim Long (Hương)",
        "lon": 107.5535,
        "lat": 16.4575,
    },
    {"id": "phu-oc", "kind": "river", "name": "Phú Ốc (Bồ)", "lon": 107.4760, "lat": 16.5320},
    {"id": "thuan-hoa", "kind": "air", "name": "Thuận Hóa", "lon": 107.5930, "lat": 16.4625},
    {"id": "phong-dien", "kind": "air", "name": "Phong Điền", "lon": 107.3600, "lat": 16.5580},
]


def clip(poly: list[tuple[float, float]], a: tuple[float, float], b: tuple[float, float]):
    """Keep the part of ``poly`` nearer to ``a`` than to ``b`` (Sutherland–Hodgman)."""
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    nx, ny = b[0] - a[0], b[1] - a[1]

    def side(p: tuple[float, float]) -> float:
        return (p[0] - mx) * nx + (p[1] - my) * ny

    out: list[tuple[float, float]] = []
    for i, cur in enumerate(poly):
        prev = poly[i - 1]
        sc, sp = side(cur), side(prev)
        if sc <= 0:
            if sp > 0:
                t = sp / (sp - sc)
                out.append((prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])))
            out.append(cur)
        elif sp <= 0:
            t = sp / (sp - sc)
            out.append((prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])))
    return out


def main() -> None:
    city = json.loads(CITY.read_text(encoding="utf-8"))
    lat0 = math.radians(city["centre"]["lat"])
    k = math.cos(lat0)  # local equirectangular frame: x = lon·cos(lat0), y = lat
    pts = {w["id"]: (w["lon"] * k, w["lat"]) for w in city["wards"]}
    rng = random.Random(20250701)
    features = []
    for w in city["wards"]:
        c = pts[w["id"]]
        near = min(math.dist(c, p) for i, p in pts.items() if i != w["id"])
        radius = min(0.045, max(0.014, 0.9 * near))
        ring = []
        for j in range(28):
            ang = 2 * math.pi * j / 28
            r = radius * rng.uniform(0.82, 1.08)
            ring.append((c[0] + r * math.cos(ang), c[1] + r * math.sin(ang)))
        for i, p in pts.items():
            if i != w["id"]:
                ring = clip(ring, c, p)
        coords = [[round(x / k, 5), round(y, 5)] for x, y in ring]
        coords.append(coords[0])
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "layer": "ward",
                    "id": w["id"],
                    "name": w["name"],
                    "kind": w["kind"],
                    "demo_shape": True,
                    "demo_name": w.get("demo", False),
                },
                "geometry": {"type": "Polygon", "coordinates": [coords]},
            }
        )
    for name, line in RIVERS.items():
        features.append(
            {
                "type": "Feature",
                "properties": {"layer": "river", "name": name, "demo_shape": True},
                "geometry": {"type": "LineString", "coordinates": [list(p) for p in line]},
            }
        )
    for s in SENSORS:
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "layer": "sensor",
                    "id": s["id"],
                    "kind": s["kind"],
                    "name": s["name"],
                },
                "geometry": {"type": "Point", "coordinates": [s["lon"], s["lat"]]},
            }
        )
    doc = {
        "type": "FeatureCollection",
        "demo": True,
        "note": "DEMO DATA: approximate shapes generated by build_demo_map.py around the demo "
        "ward centres of assets/demo_city/hue.json; not official boundaries.",
        "features": features,
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
