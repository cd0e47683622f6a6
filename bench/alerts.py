"""Alert benchmark: the real backend raises alerts at a fixed rate into the console's alert desk.

    .venv/bin/python bench/alerts.py --rates 500 2000 5000 --seconds 60
    .venv/bin/python bench/alerts.py --short          # 10 s per rate, a quick look

The backend runs as a child process (no media, simulator off, ``--cameras`` demo cameras); an
admin client raises bursts (``POST /api/v1/sim/burst``) every 100 ms to hold the rate. In this
process, on the qasync loop, the console's own pieces take them in: ``EventStream`` (websocket,
resume by seq) -> ``AlertController`` (100 ms batches) -> ``AlertTableModel`` -> the
``AlertTableWidget`` on screen (offscreen Qt unless a display is set). Grouping is off, so every
alert is a row. For each rate it prints, in one JSON document:

- raised / delivered / lost / duplicated (ids the backend answered vs. rows in the model);
- event->row latency p50/p99 (server event timestamp to the flush that inserted the row);
- GUI stall p99/max: lateness of a 10 ms QTimer heartbeat;
- the longest garbage collection the console's collector ran on the GUI thread (``--gc``);
then the memory (RSS) with 100,000 alerts held, the time to apply filters on 100,000 rows, and
what one collection costs with them held.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from console.controllers.alert_controller import AlertController  # noqa: E402
from console.demo import BackendProcess  # noqa: E402
from console.gc_guard import MainThreadGarbageCollector  # noqa: E402
from console.models.alert_table_model import AlertTableModel  # noqa: E402
from server_client.contract import EventEnvelope  # noqa: E402
from server_client.events import EventStream  # noqa: E402
from server_client.rest import ApiError, BackendUnreachable, RestClient  # noqa: E402
from widgets.alert_table import AlertFilters, AlertTableWidget  # noqa: E402

HEARTBEAT_MS = 10
TICK_S = 0.1
TARGET_ROWS = 100_000
HOLD_S = 20.0
# The console's collector (console/gc_guard.py), as __main__ installs it; None with --gc auto.
COLLECTOR: MainThreadGarbageCollector | None = None


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def reset_gc_figures() -> None:
    if COLLECTOR is not None:
        COLLECTOR.longest_s = 0.0


def gc_longest_ms() -> float | None:
    return round(COLLECTOR.longest_s * 1000, 1) if COLLECTOR is not None else None


def pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


class Heartbeat:
    """A 10 ms timer; how late each tick fires is how long the GUI loop was blocked."""

    def __init__(self) -> None:
        self.stalls: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        self.stalls.clear()
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        now = time.perf_counter()
        self.stalls.append(max(0.0, (now - self._last) * 1000 - HEARTBEAT_MS))
        self._last = now


class Desk:
    """The console's alert pieces, as the app wires them, plus latency taps."""

    def __init__(self, url: str, operator: RestClient, after: int, *, live: bool = True) -> None:
        self.model = AlertTableModel(grouping=False)
        self.table = AlertTableWidget()
        self.table.set_model(self.model)
        self.table.resize(1000, 700)
        self.table.show()
        self.controller = AlertController(operator, self.model, sound=False)
        self.created_ts: dict[int, float] = {}
        self.latencies: list[float] = []
        self.rows_at: list[tuple[float, int]] = []
        flush = self.controller.flush

        def timed_flush() -> None:
            ids = [a.id for a in self.controller._pending]
            flush()
            now = time.time()
            for aid in ids:
                ts = self.created_ts.pop(aid, None)
                if ts is not None:
                    self.latencies.append((now - ts) * 1000)

        self.controller._timer.timeout.disconnect()
        self.controller._timer.timeout.connect(timed_flush)
        self.controller.flush = timed_flush  # type: ignore[method-assign]

        def on_events(events: list[EventEnvelope]) -> None:  # the stream's consumer
            for e in events:
                if e.type == "alert.created":
                    self.created_ts[int(e.data["id"])] = e.ts.timestamp()
            self.controller.on_events(events)

        async def token() -> str:
            assert operator.access_token
            return operator.access_token

        self.on_events = on_events
        self.stream = EventStream(url, token, on_events, after=after, backoff_max=1.0)
        self.task = asyncio.ensure_future(self.stream.run() if live else asyncio.sleep(0))

    async def close(self) -> None:
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task
        await self.controller.aclose()
        self.table.close()
        self.table.deleteLater()


async def feed(admin: RestClient, rate: int, seconds: float, raised: set[int]) -> float:
    """Raise ``rate`` alerts/s for ``seconds`` in bursts every 100 ms; returns the rate achieved."""
    per_tick = max(1, round(rate * TICK_S))
    start = time.perf_counter()
    sent = 0
    tick = 0
    while (elapsed := time.perf_counter() - start) < seconds:
        due = int(min(elapsed + TICK_S, seconds) * rate) - sent
        count = min(max(due, 0), 1000, per_tick * 3)
        if count:
            try:
                page = await admin._call_json("POST", "/sim/burst", json={"count": count})
                raised.update(int(a["id"]) for a in page["items"])
                sent += count
            except (ApiError, BackendUnreachable) as exc:
                print(f"burst failed: {exc}", file=sys.stderr)
        tick += 1
        next_at = start + tick * TICK_S
        await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
    return sent / (time.perf_counter() - start)


async def run_rate(
    url: str,
    operator: RestClient,
    admin: RestClient,
    rate: int,
    seconds: float,
    memory: dict[str, Any],
) -> dict[str, Any]:
    heartbeat = Heartbeat()
    desk = Desk(url, operator, (await operator.health()).last_seq)
    await asyncio.sleep(0.5)
    raised: set[int] = set()
    rss0 = rss_mib()
    reset_gc_figures()
    heartbeat.start()
    progress(f"{rate}/s for {seconds:.0f} s")
    achieved = await feed(admin, rate, seconds, raised)
    progress(f"raised {len(raised)} ({achieved:.0f}/s); {desk.model.alert_count()} in the list")
    # Let the stream catch up (bounded), then count.
    deadline = time.monotonic() + 30
    while not raised <= set(desk.model._alerts) and time.monotonic() < deadline:
        await asyncio.sleep(0.5)
        progress(f"catching up: {desk.model.alert_count()} in the list, {desk.stream.counters}")
    heartbeat.stop()
    desk.controller.flush()
    listed = desk.model.ids_in_row_order()
    held = set(listed)
    result = {
        "source": "backend /sim/burst over the websocket",
        "rate_offered": rate,
        "rate_achieved": round(achieved),
        "seconds": seconds,
        "raised": len(raised),
        "delivered": len(raised & held),
        "lost": len(raised - held),
        "duplicated": (len(listed) - len(held)) + desk.stream.counters.duplicates,
        "reconnects": desk.stream.counters.connects - 1,
        "latency_ms_p50": round(statistics.median(desk.latencies), 1) if desk.latencies else None,
        "latency_ms_p99": round(pct(desk.latencies, 99), 1),
        "stall_ms_p99": round(pct(heartbeat.stalls, 99), 1),
        "stall_ms_max": round(max(heartbeat.stalls, default=0.0), 1),
        "gc_longest_ms": gc_longest_ms(),
        "rows": len(listed),
        "rss_mib_delta": round(rss_mib() - rss0, 1),
    }
    if not memory and len(listed) >= TARGET_ROWS:
        memory.update(await measure_full(desk, rss0))
    await desk.close()
    return result


async def measure_full(desk: Desk, rss0: float, injector: Injector | None = None) -> dict[str, Any]:
    """Memory with (at least) 100,000 alerts held, the time to filter them, and (with an
    injector) the GUI stalls while 2,000 more a second arrive on top of them."""
    app = QApplication.instance()
    assert app is not None
    app.processEvents()
    rows = len(desk.model)
    figures: dict[str, Any] = {
        "rows": rows,
        "rss_mib": round(rss_mib(), 1),
        "rss_mib_for_alerts": round(rss_mib() - rss0, 1),
    }
    proxy = desk.table.proxy
    filters = {
        "type": AlertFilters(types=frozenset({"speeding"})),
        "severity+state": AlertFilters(
            severities=frozenset({"critical"}), states=frozenset({"new"})
        ),
        "text": AlertFilters(text="cam-01"),
        "clear": AlertFilters(),
    }
    timings = {}
    for name, f in filters.items():
        t0 = time.perf_counter()
        proxy.set_filters(f)
        app.processEvents()
        timings[name] = {
            "ms": round((time.perf_counter() - t0) * 1000, 1),
            "shown": proxy.rowCount(),
        }
    figures["filter"] = timings
    if injector is not None:
        # Stalls with 100,000+ held: where full collections used to take 1-2 s.
        heartbeat = Heartbeat()
        reset_gc_figures()
        heartbeat.start()
        sent: set[int] = set()
        await injector.run(desk, 2000, HOLD_S, sent)
        heartbeat.stop()
        figures["held_2000_per_s"] = {
            "seconds": HOLD_S,
            "stall_ms_p99": round(pct(heartbeat.stalls, 99), 1),
            "stall_ms_max": round(max(heartbeat.stalls, default=0.0), 1),
            "gc_longest_ms": gc_longest_ms(),
        }
    t0 = time.perf_counter()
    desk.table.view.sortByColumn(1, desk.table.view.horizontalHeader().sortIndicatorOrder())
    app.processEvents()
    figures["sort_by_severity_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    # What one collection of everything the collector still watches costs now: the stall a
    # full collection on the GUI thread would cause (frozen objects are not walked).
    t0 = time.perf_counter()
    gc.collect()
    figures["gc_full_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    figures["gc_tracked"] = len(gc.get_objects())
    figures["gc_frozen"] = gc.get_freeze_count()
    if COLLECTOR is not None and COLLECTOR.freeze:
        # The rare deep collection (every few hours): unfreeze, walk everything, freeze.
        t0 = time.perf_counter()
        COLLECTOR.collect_now()
        figures["gc_deep_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    return figures


class Injector:
    """Frames shaped like the backend's, pushed through the stream's own parser at a set rate.

    The reference backend's ``/sim/burst`` cannot raise thousands of alerts a second on a small
    machine; this feeds the console at the target rate with real alerts (templates taken from the
    backend's event log, new ids and times), through ``EventStream``'s frame parser and
    sequence check, so only the socket is left out.
    """

    def __init__(self, templates: list[dict[str, Any]], first_id: int, first_seq: int) -> None:
        self.templates = templates
        self.next_id = first_id
        self.next_seq = first_seq

    def frames(self, count: int) -> list[str]:
        now = datetime.now(UTC)
        ts = now.isoformat()
        out = []
        for _ in range(count):
            data = dict(self.templates[self.next_id % len(self.templates)])
            data["id"] = self.next_id
            data["created_at"] = ts
            out.append(
                json.dumps({"seq": self.next_seq, "type": "alert.created", "ts": ts, "data": data})
            )
            self.next_id += 1
            self.next_seq += 1
        return out

    async def run(self, desk: Desk, rate: float, seconds: float, sent: set[int]) -> float:
        start = time.perf_counter()
        done = 0
        while (elapsed := time.perf_counter() - start) < seconds:
            due = int(elapsed * rate) - done
            if due > 0:
                first = self.next_id
                for frame in self.frames(due):
                    events = desk.stream._accept(frame)
                    if events:
                        desk.on_events(events)
                sent.update(range(first, self.next_id))
                done += due
            await asyncio.sleep(0.01)
        return done / (time.perf_counter() - start)


async def injected_rate(
    injector: Injector,
    url: str,
    operator: RestClient,
    rate: int,
    seconds: float,
    memory: dict[str, Any],
) -> dict[str, Any]:
    heartbeat = Heartbeat()
    desk = Desk(url, operator, injector.next_seq - 1, live=False)
    await asyncio.sleep(0.5)
    sent: set[int] = set()
    rss0 = rss_mib()
    reset_gc_figures()
    heartbeat.start()
    progress(f"injected {rate}/s for {seconds:.0f} s")
    achieved = await injector.run(desk, rate, seconds, sent)
    await asyncio.sleep(0.5)
    heartbeat.stop()
    desk.controller.flush()
    listed = desk.model.ids_in_row_order()
    held = set(listed)
    progress(f"sent {len(sent)}, {len(held)} in the list")
    result = {
        "source": "injected frames",
        "rate_offered": rate,
        "rate_achieved": round(achieved),
        "seconds": seconds,
        "raised": len(sent),
        "delivered": len(sent & held),
        "lost": len(sent - held),
        "duplicated": (len(listed) - len(held)) + desk.stream.counters.duplicates,
        "latency_ms_p50": round(statistics.median(desk.latencies), 1) if desk.latencies else None,
        "latency_ms_p99": round(pct(desk.latencies, 99), 1),
        "stall_ms_p99": round(pct(heartbeat.stalls, 99), 1),
        "stall_ms_max": round(max(heartbeat.stalls, default=0.0), 1),
        "gc_longest_ms": gc_longest_ms(),
        "rows": len(listed),
        "rss_mib_delta": round(rss_mib() - rss0, 1),
    }
    if not memory and len(listed) >= TARGET_ROWS:
        memory.update(await measure_full(desk, rss0, injector))
    await desk.close()
    return result


async def top_up(injector: Injector, url: str, operator: RestClient) -> dict[str, Any]:
    """When no run reached 100,000 rows (short mode), inject them as fast as the desk takes them."""
    memory: dict[str, Any] = {}
    desk = Desk(url, operator, injector.next_seq - 1, live=False)
    rss0 = rss_mib()
    sent: set[int] = set()
    while desk.model.alert_count() < TARGET_ROWS:
        await injector.run(desk, 20_000, 1.0, sent)
        progress(f"top-up: {desk.model.alert_count()} in the list")
    await asyncio.sleep(0.3)
    desk.controller.flush()
    memory.update(await measure_full(desk, rss0, injector))
    await desk.close()
    return memory


async def templates_of(operator: RestClient) -> list[dict[str, Any]]:
    page = await operator.events(after=0, limit=2000)
    return [dict(e.data) for e in page.events if e.type == "alert.created"]


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    data = Path(tempfile.mkdtemp(prefix="bench-alerts-"))
    backend = BackendProcess(
        data,
        extra=[
            "--no-media",
            "--sim-interval",
            "0",
            "--cameras",
            str(args.cameras),
            "--log-level",
            "WARNING",
        ],
    )
    url = backend.start(timeout=60)
    operator, admin = RestClient(url, timeout=30), RestClient(url, timeout=30)
    try:
        await operator.login("operator", "operator")
        await admin.login("admin", "admin")
        memory: dict[str, Any] = {}
        runs = [
            await run_rate(url, operator, admin, rate, args.seconds, memory) for rate in args.rates
        ]
        stats = await operator._call_json("GET", "/stats")
        health = await operator.health()
        injector = Injector(await templates_of(operator), 10_000_000, health.last_seq + 1)
        injected = [
            await injected_rate(injector, url, operator, rate, args.seconds, memory)
            for rate in args.rates
        ]
        if not memory:
            memory = await top_up(injector, url, operator)
        return {
            "benchmark": "alerts",
            "when": datetime.now().astimezone().isoformat(timespec="seconds"),
            "platform": os.environ.get("QT_QPA_PLATFORM") or "xcb",
            "cpus": os.cpu_count(),
            "loadavg_at_end": os.getloadavg()[0],
            "cameras": args.cameras,
            "gc": args.gc,
            "backend_runs": runs,
            "injected_runs": injected,
            "at_100k": memory,
            "backend_slow_consumer_cutoffs": stats.get("ws_slow_disconnects"),
        }
    finally:
        await operator.aclose()
        await admin.aclose()
        backend.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/alerts.py", description=__doc__.split("\n")[0])
    parser.add_argument("--rates", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--short", action="store_true", help="10 s per rate")
    parser.add_argument("--cameras", type=int, default=700, help="demo cameras (HueIOC: 700+)")
    parser.add_argument(
        "--gc",
        choices=("freeze", "plain", "auto"),
        default="freeze",
        help="the console's GUI-thread collector with freezing (as shipped), without it, "
        "or Python's automatic collection",
    )
    args = parser.parse_args(argv)
    if args.short:
        args.seconds = 10.0
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    # Each rate gets a fresh table; closing the last one must not end the loop.
    app.setQuitOnLastWindowClosed(False)
    global COLLECTOR
    if args.gc != "auto":
        COLLECTOR = MainThreadGarbageCollector(app, freeze=args.gc == "freeze")
    with asyncio.Runner(loop_factory=functools.partial(qasync.QEventLoop, app)) as runner:
        result = runner.run(main_async(args))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
