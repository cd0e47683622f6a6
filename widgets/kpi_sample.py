"""Sample data for ``python -m widgets.preview kpi``: a board as the wall shows it in a flood.

Made-up numbers shaped like the reference backend's (Huế's headline figures, the Hương at Kim
Long rising through its alarm levels), so the board can be looked at without a backend.
"""

from __future__ import annotations

import time

import numpy as np

from widgets.kpi_board import KpiBoardWidget
from widgets.kpi_chart import Band, ChartSpec, TargetLine

HOUR = 3600.0


def sample_specs() -> list[ChartSpec]:
    kim_long = (
        Band(1.0, 2.0, "BĐ1", 1),
        Band(2.0, 3.5, "BĐ2", 2),
        Band(3.5, None, "BĐ3", 3),
    )
    return [
        ChartSpec("field_reports", "Field reports received / processed", "", "field_reports",
                  bars=True),
        ChartSpec("on_time", "Field reports processed on time", "%", "field_reports", y_max=100.0, y_min=None),
        ChartSpec("satisfaction", "Citizen satisfaction", "%", "field_reports",
                  targets=(TargetLine(92, "> 92 %"),), y_max=100.0, y_min=None),
        ChartSpec("incident_sla", "Incident SLA compliance", "%", "incidents", y_max=100.0, y_min=None),
        ChartSpec("alerts_per_hour", "AI alerts per hour by type", "", "alerts"),
        ChartSpec("false_positive", "False positives by type", "%", "alerts", y_max=100.0, y_min=None),
        ChartSpec("camera_uptime", "Camera uptime", "%", y_max=100.0, y_min=None),
        ChartSpec("hotline", "Hotline 1900 1075 calls", "", "hotline_calls", bars=True),
        ChartSpec("river_kim_long", "Hương river at Kim Long", "m", bands=kim_long, y_min=None),
        ChartSpec("river_phu_oc", "Bồ river at Phú Ốc", "m", y_min=None,
                  bands=(Band(3.0, 4.5, "BĐ2", 2), Band(4.5, None, "BĐ3", 3))),
        ChartSpec("air_quality", "Air quality (AQI)", "",
                  bands=(Band(101, 151, "AQI 101", 1), Band(151, 201, "AQI 151", 2),
                         Band(201, None, "AQI 201", 3))),
    ]  # fmt: skip


def fill_sample(board: KpiBoardWidget, now: float | None = None) -> None:
    """24 hours by the hour (the river by 10 minutes), in flood."""
    rng = np.random.default_rng(7)
    end = (now or time.time()) // HOUR * HOUR
    xs = end - HOUR * np.arange(24)[::-1]
    hour = (xs / HOUR + 7) % 24  # Huế local time
    busy = 0.5 + np.exp(-((hour - 9) ** 2) / 8) + np.exp(-((hour - 15) ** 2) / 8)
    received = np.round(8 * busy + rng.uniform(0, 3, 24))
    board.chart("field_reports").set_series("kpi=field_reports.received", xs, received, "Received")
    processed = np.round(received * rng.uniform(0.9, 1.0, 24))
    board.chart("field_reports").set_series("kpi=field_reports.processed", xs, processed,
                                            "Processed")  # fmt: skip
    board.chart("field_reports").set_step(3600)
    board.chart("field_reports").set_headline("183 received, 98.4 % processed (24 h)", True)
    board.chart("on_time").set_series("", xs, rng.uniform(90, 100, 24), "On time")
    board.chart("on_time").set_headline("95.6 %")
    board.chart("satisfaction").set_series("", xs, rng.uniform(86, 99, 24), "Satisfied")
    board.chart("satisfaction").set_headline("92.7 % satisfied", True)
    for key, name, low in (
        ("process_group=immediate", "Immediate handling", 90),
        ("process_group=deadline", "Within a deadline", 75),
        ("process_group=command_support", "Command support", 80),
    ):
        board.chart("incident_sla").set_series(key, xs, rng.uniform(low, 100, 24), name)
    board.chart("incident_sla").set_headline("Immediate 97 % · Deadline 88 % · Command 91 %")
    for key, name, scale in (
        ("type=traffic_jam", "Traffic jam", 9),
        ("type=no_helmet", "No helmet", 6),
        ("type=wrong_way", "Wrong-way driving", 3),
        ("type=flooding", "Flooding", 1),
    ):
        board.chart("alerts_per_hour").set_series(key, xs, np.round(scale * busy), name)
        fp = np.clip(scale * 0.9 + rng.normal(0, 0.8, 24), 0, None)
        board.chart("false_positive").set_series(key, xs, fp, name)
    board.chart("alerts_per_hour").set_headline("38.5 alerts/h")
    board.chart("false_positive").set_headline("highest 13.2 %")
    board.chart("camera_uptime").set_series("", xs, rng.uniform(95, 99.5, 24), "Uptime")
    board.chart("camera_uptime").set_headline("97.1 %")
    board.chart("hotline").set_series("", xs, np.round(4 * busy + rng.uniform(0, 2, 24)), "Calls")
    board.chart("hotline").set_step(3600)
    board.chart("hotline").set_headline("96 calls (24 h)")
    river_x = end - 600 * np.arange(144)[::-1]
    t = np.linspace(0, 1, 144)
    kim_long = 0.55 + 1.95 * t * t * (3 - 2 * t) + 0.05 * np.sin(t * 12)
    board.chart("river_kim_long").set_series("station=kim-long", river_x, kim_long, "Kim Long")
    board.chart("river_kim_long").set_headline(f"{kim_long[-1]:.2f} m", False)
    phu_oc = 1.4 + 1.7 * t * t * (3 - 2 * t)
    board.chart("river_phu_oc").set_series("station=phu-oc", river_x, phu_oc, "Phú Ốc")
    board.chart("river_phu_oc").set_headline(f"{phu_oc[-1]:.2f} m", False)
    for key, name, base in (("station=thuan-hoa", "Thuận Hóa", 45), ("station=phong-dien",
                            "Phong Điền", 38)):  # fmt: skip
        board.chart("air_quality").set_series(key, xs, base + 30 * (busy - 0.5), name)
    board.chart("air_quality").set_headline("Thuận Hóa 61 · Phong Điền 52")
    for chart in board.charts.values():
        chart.set_x_range(float(xs[0]), float(end + HOUR))
    board.set_alarm(
        "river_kim_long",
        2,
        f"Hương river at Kim Long: {kim_long[-1]:.2f} m, alarm level 2 (BĐ2 from 2 m)",
    )
    board.set_alarm(
        "river_phu_oc", 2, f"Bồ river at Phú Ốc: {phu_oc[-1]:.2f} m, alarm level 2 (BĐ2 from 3 m)"
    )
    board.set_updated("Updated 14:05:00")


def make_sample_board() -> KpiBoardWidget:
    board = KpiBoardWidget(columns=4)
    board.set_specs(sample_specs())
    board.set_wards([("an-cuu", "An Cựu"), ("kim-long", "Kim Long"), ("phu-xuan", "Phú Xuân")])
    board.set_range_key("today")
    fill_sample(board)
    board.resize(1600, 900)
    return board
