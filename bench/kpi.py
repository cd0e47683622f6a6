"""KPI board under load: 12 charts, 30 days of per-minute data each, updated at 1 Hz.

    .venv/bin/python bench/kpi.py                  # 60 s, 2 series per chart
    .venv/bin/python bench/kpi.py --seconds 20 --series 1 --no-downsample

Builds the console's KPI board (the real chart specs, plus a twelfth chart), fills every series
with 43,200 points (30 days × 1,440 minutes), shows it at 1920×1080 and, once a second, appends
a point to every series and hands the whole array to its chart (``set_series`` → ``setData`` on
the one ``PlotDataItem`` per series), as the KPI controller does on ``kpi.updated``.

Prints JSON: GUI stall (lateness of a 10 ms ``QTimer`` heartbeat) p50/p99/max, the cost of one
update round (all charts) p50/p99/max, and CPU (process CPU time over wall time; 100 = one core).
Runs on the display in ``$DISPLAY`` (Xvfb in CI) or offscreen without one.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MINUTES_30D = 30 * 24 * 60


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q)) if values else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--charts", type=int, default=12)
    parser.add_argument("--series", type=int, default=2, help="series per chart")
    parser.add_argument("--points", type=int, default=MINUTES_30D)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument(
        "--no-downsample", action="store_true", help="draw every point (what the board avoids)"
    )
    parser.add_argument(
        "--idle", action="store_true", help="no updates: the heartbeat's floor on this machine"
    )
    parser.add_argument(
        "--all-at-once",
        action="store_true",
        help="redraw every chart in one go (what the controller avoids)",
    )
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from console.controllers.kpi_controller import KpiController
    from widgets.kpi_board import KpiBoardWidget

    app = QApplication.instance() or QApplication(sys.argv[:1])
    now = time.time() // 60 * 60
    state: dict[str, Any] = {"last": time.perf_counter(), "measuring": False, "t": now}
    # The controller's real path: its model, its chart views, its one-chart-per-tick redraws.
    controller = KpiController(None, now=lambda: datetime.fromtimestamp(state["t"], UTC))  # type: ignore[arg-type]
    board = KpiBoardWidget(columns=4)
    controller.bind_view(board)
    board.resize(1920, 1080)
    board.show()
    extra = []
    # Charts beyond the board's eleven are KPI panes on wall tiles: more views of a chart.
    for i in range(max(0, args.charts - len(board.charts))):
        tile = controller.make_chart(list(board.charts)[i % len(board.charts)])
        tile.resize(640, 360)
        tile.show()
        extra.append(tile)
    views = list(board.charts.values())[: args.charts] + extra

    rng = np.random.default_rng(1)
    xs = now - 60.0 * np.arange(args.points)[::-1]
    controller.model.reset(datetime.fromtimestamp(float(xs[0]), UTC), 60)
    for store in controller.model.data.values():
        for k in range(args.series):
            store[f"s{k}"] = (xs, np.cumsum(rng.normal(0, 1, args.points)) + 50 + 10 * k)
    controller.flush_views()
    if args.no_downsample:
        for view in views:
            for key in view.series_keys():
                view.curve(key).setDownsampling(auto=False)
                view.curve(key).setClipToView(False)

    stalls: list[float] = []
    rounds: list[float] = []

    def heartbeat() -> None:
        t = time.perf_counter()
        if state["measuring"]:
            stalls.append(max(0.0, t - state["last"] - 0.010))
        state["last"] = t

    def update() -> None:
        start = time.perf_counter()
        state["t"] += 60.0
        controller.model.start += 60.0
        for store in controller.model.data.values():
            for key, (x, y) in list(store.items()):
                # One more minute, the oldest dropped: new arrays, as a tail merge makes them.
                store[key] = (np.append(x[1:], state["t"]), np.append(y[1:], y[-1] + rng.normal()))
        controller.refresh_views()
        if args.all_at_once:
            controller.flush_views()
        if state["measuring"]:
            rounds.append(time.perf_counter() - start)

    beat = QTimer()
    beat.setInterval(10)
    beat.timeout.connect(heartbeat)
    tick = QTimer()
    tick.setInterval(1000)
    tick.timeout.connect(update)
    cpu0 = wall0 = 0.0

    def begin() -> None:
        nonlocal cpu0, wall0
        state["measuring"] = True
        state["last"] = time.perf_counter()
        cpu0, wall0 = time.process_time(), time.perf_counter()

    result: dict[str, object] = {}

    def finish() -> None:
        cpu = time.process_time() - cpu0
        wall = time.perf_counter() - wall0
        result.update(
            {
                "charts": args.charts,
                "series_per_chart": args.series,
                "points_per_series": args.points,
                "downsample": not args.no_downsample,
                "staggered": not args.all_at_once,
                "idle": args.idle,
                "seconds": round(wall, 1),
                "updates": len(rounds),
                "stall_ms": {
                    "p50": round(1000 * percentile(stalls, 50), 1),
                    "p99": round(1000 * percentile(stalls, 99), 1),
                    "max": round(1000 * max(stalls, default=0.0), 1),
                },
                "update_round_ms": {
                    "p50": round(1000 * percentile(rounds, 50), 1),
                    "p99": round(1000 * percentile(rounds, 99), 1),
                    "max": round(1000 * max(rounds, default=0.0), 1),
                },
                "cpu_percent_of_one_core": round(100 * cpu / wall, 1),
                "platform": QGuiApplication.platformName(),
                "cpus": os.cpu_count(),
                "load_avg": [round(v, 1) for v in os.getloadavg()],
                "python": platform.python_version(),
            }
        )
        app.quit()

    beat.start()
    if not args.idle:
        tick.start()
    QTimer.singleShot(int(args.warmup * 1000), begin)
    QTimer.singleShot(int((args.warmup + args.seconds) * 1000), finish)
    app.exec()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
