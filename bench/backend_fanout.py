"""Backend fan-out benchmark: N websocket consoles while alerts are raised at a fixed rate.

    .venv/bin/python bench/backend_fanout.py                  # 1,000 alerts/s for 30 s, 50 clients
    .venv/bin/python bench/backend_fanout.py --short          # 10 s per rate
    .venv/bin/python bench/backend_fanout.py --postgres       # on a throwaway PostgreSQL cluster
    .venv/bin/python bench/backend_fanout.py --rates 500 1000 2000 --clients 50
    .venv/bin/python bench/backend_fanout.py --short --batch 1    # one event per frame

The reference backend runs as a child process (``python -m backend --no-media --sim-interval 0``,
SQLite in a temp dir, or a fresh database in a throwaway PostgreSQL cluster with ``--postgres``).
An admin client raises bursts (``POST /api/v1/sim/burst``) every 100 ms to hold each rate. The
websocket clients run in ``--client-procs`` worker processes (one Python process cannot parse
50,000 frames a second); each behaves like a console: it asks for batch frames as the console
does (``?batch=500``; ``--batch 1`` for one event per frame), keeps the last ``seq`` it saw and,
when the server cuts it off as too slow, reconnects with ``after=SEQ``.

For each rate it prints, in one JSON document: alerts raised and the rate achieved; per client
and summed over clients, delivered / lost / duplicated (against the gap-free ``seq`` range the
rate's alerts took); the worst client; reconnects; delivery latency p50/p99 (the event's server
timestamp to its receipt by a client, same clock); the backend's CPU (% of one core) and RSS
(and PostgreSQL's CPU with ``--postgres``); the machine's load average before and after.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing as mp
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402
from websockets.exceptions import ConnectionClosed  # noqa: E402

from server_client.contract import API_PREFIX, WS_BATCH_PARAM, WS_MAX_BATCH, WS_PATH  # noqa: E402
from tests.backend.backend_runner import BackendRunner  # noqa: E402
from tests.backend.pg_cluster import PostgresCluster, unavailable_reason  # noqa: E402

TICK_S = 0.1
DRAIN_S = 30.0
# The envelope's head as the backend serialises it (pydantic keeps field order): reading seq,
# type and ts with a regex costs a fraction of json.loads on every frame.
HEAD = re.compile(rb'^\{"seq":(\d+),"type":"([^"]*)","ts":"([^"]*)"')
# The same head of each envelope in a batch frame (``[{...},{...}]``): at the start, or right
# after the previous envelope's closing brace.
BATCH_HEAD = re.compile(rb'(?:^\[|\},)\{"seq":(\d+),"type":"([^"]*)","ts":"([^"]*)"')
CONTROL_TYPES = {b"heartbeat", b"error"}
CLK_TCK = os.sysconf("SC_CLK_TCK")


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


# -- /proc figures ----------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def tree_cpu_seconds(pid: int) -> float:
    """CPU time of a process and its live children (PostgreSQL's backends)."""
    total = 0.0
    with contextlib.suppress(OSError):
        total += cpu_seconds(pid)
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        for child in children:
            with contextlib.suppress(OSError):
                total += cpu_seconds(int(child))
    return total


def rss_mib(pid: int, key: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


# -- the websocket clients (in worker processes) ----------------------------------------------


@dataclass
class Client:
    """One console's event stream: resumes by ``seq`` after a cut-off, logs what arrived."""

    ws_base: str
    token: str
    last: int
    batch: int = WS_MAX_BATCH
    seqs: list[int] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    reconnects: int = 0
    connected: asyncio.Event = field(default_factory=asyncio.Event)

    async def run(self) -> None:
        while True:
            url = (
                f"{self.ws_base}?token={self.token}&after={self.last}&{WS_BATCH_PARAM}={self.batch}"
            )
            try:
                async with connect(url, max_size=2**22, open_timeout=30) as ws:
                    self.connected.set()
                    async for frame in ws:
                        self.receive(frame if isinstance(frame, bytes) else frame.encode())
            except (ConnectionClosed, OSError, TimeoutError):
                pass
            self.reconnects += 1
            await asyncio.sleep(0.05)

    def receive(self, frame: bytes) -> None:
        now = time.time()
        if frame.startswith(b"["):
            heads = BATCH_HEAD.findall(frame)
            if not heads:  # not as the backend writes them: the slow way
                heads = [
                    (str(e["seq"]).encode(), e["type"].encode(), e["ts"].encode())
                    for e in json.loads(frame)
                ]
            for seq, kind, ts in heads:
                self.record(now, int(seq), kind, ts.decode())
            return
        head = HEAD.match(frame)
        if head is None:
            envelope = json.loads(frame)
            seq, kind, ts = envelope["seq"], envelope["type"].encode(), envelope["ts"]
        else:
            seq, kind, ts = int(head.group(1)), head.group(2), head.group(3).decode()
        self.record(now, seq, kind, ts)

    def record(self, now: float, seq: int, kind: bytes, ts: str) -> None:
        if kind in CONTROL_TYPES:
            return
        self.seqs.append(seq)
        self.latencies.append(now - datetime.fromisoformat(ts).timestamp())
        self.last = max(self.last, seq)

    def window(self, start: int, end: int) -> dict[str, Any]:
        """What arrived of ``start < seq <= end``; forgets it."""
        seen: set[int] = set()
        latencies: list[float] = []
        dup = 0
        keep_s: list[int] = []
        keep_l: list[float] = []
        for seq, lat in zip(self.seqs, self.latencies, strict=True):
            if seq > end:
                keep_s.append(seq)
                keep_l.append(lat)
            elif seq > start:
                if seq in seen:
                    dup += 1
                else:
                    seen.add(seq)
                    latencies.append(lat)
        self.seqs, self.latencies = keep_s, keep_l
        reconnects, self.reconnects = self.reconnects, 0
        return {
            "delivered": len(seen),
            "lost": (end - start) - len(seen),
            "duplicated": dup,
            "reconnects": reconnects,
            "latencies": latencies,
        }


async def _worker(
    ws_base: str, token: str, after: int, count: int, batch: int, ctrl: Any, out: Any
) -> None:
    clients = [Client(ws_base, token, after, batch) for _ in range(count)]
    tasks = [asyncio.create_task(c.run()) for c in clients]
    await asyncio.gather(*(c.connected.wait() for c in clients))
    out.put(("ready", None))
    while True:
        command = await asyncio.to_thread(ctrl.get)
        if command[0] == "stop":
            break
        _, start, end = command
        deadline = time.monotonic() + DRAIN_S
        # Polling is cheap here and keeps Client free of per-frame bookkeeping.
        while any(c.last < end for c in clients) and time.monotonic() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
        out.put(("window", [c.window(start, end) for c in clients]))
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def client_worker(
    ws_base: str, token: str, after: int, count: int, batch: int, ctrl: Any, out: Any
) -> None:
    asyncio.run(_worker(ws_base, token, after, count, batch, ctrl, out))


# -- the driver -------------------------------------------------------------------------------


async def login(client: httpx.AsyncClient, username: str) -> str:
    response = await client.post("/auth/login", json={"username": username, "password": username})
    response.raise_for_status()
    return str(response.json()["access_token"])


async def last_seq(client: httpx.AsyncClient) -> int:
    return int((await client.get("/health")).json()["last_seq"])


async def feed(
    client: httpx.AsyncClient, admin: str, rate: int, seconds: float
) -> tuple[int, float]:
    """Raise ``rate`` alerts/s for ``seconds`` in bursts every 100 ms; (raised, achieved rate).

    A burst that answers late makes the next one bigger (up to the endpoint's 1,000), so the
    rate holds while the backend keeps up, and the shortfall shows when it does not.
    """
    headers = {"Authorization": f"Bearer {admin}"}
    raised = requested = 0
    start = time.monotonic()
    tick = 0
    while (now := time.monotonic()) - start < seconds:
        count = min(1000, int(rate * (now - start + TICK_S)) - requested)
        if count > 0:
            requested += count
            response = await client.post("/sim/burst", json={"count": count}, headers=headers)
            if response.status_code != 201:
                progress(f"burst failed: {response.status_code} {response.text[:200]}")
            else:
                raised += len(response.json()["items"])
        tick += 1
        delay = start + tick * TICK_S - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
    return raised, raised / (time.monotonic() - start)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    cluster: PostgresCluster | None = None
    workdir = Path(tempfile.mkdtemp(prefix="ioc-fanout-"))
    db_url = None
    if args.postgres:
        reason = unavailable_reason()
        if reason is not None:
            raise SystemExit(f"--postgres: {reason}")
        cluster = PostgresCluster()
        cluster.start()
        db_url = cluster.create_database("fanout")
    runner = BackendRunner(
        workdir / "backend", "--sim-interval", "0", "--cameras", str(args.cameras), db_url=db_url
    )
    ctx = mp.get_context("spawn")
    workers: list[tuple[Any, Any, Any]] = []
    try:
        runner.start()
        assert runner.proc is not None
        pid = runner.proc.pid
        progress(f"backend pid {pid} at {runner.url} on {runner.db_url.split('?')[0]}")
        async with httpx.AsyncClient(base_url=runner.url + API_PREFIX, timeout=60) as client:
            admin = await login(client, "admin")
            operator = await login(client, "operator")
            after = await last_seq(client)
            ws_base = runner.url.replace("http://", "ws://") + WS_PATH
            per = [args.clients // args.client_procs] * args.client_procs
            for i in range(args.clients % args.client_procs):
                per[i] += 1
            for count in per:
                ctrl, out = ctx.Queue(), ctx.Queue()
                proc = ctx.Process(
                    target=client_worker,
                    args=(ws_base, operator, after, count, args.batch, ctrl, out),
                )
                proc.start()
                workers.append((proc, ctrl, out))
            for _, _, out in workers:
                await asyncio.to_thread(out.get, True, 120)
            progress(f"{args.clients} websocket clients connected in {len(workers)} processes")
            results = []
            for rate in args.rates:
                results.append(await run_rate(client, admin, workers, rate, args, pid, cluster))
            for _, ctrl, _ in workers:
                ctrl.put(("stop",))
    finally:
        for proc, _, _ in workers:
            proc.join(10)
            if proc.is_alive():
                proc.kill()
        code = runner.stop() if runner.proc is not None else None
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return {
        "benchmark": "backend_fanout",
        "database": "postgresql" if args.postgres else "sqlite",
        "clients": args.clients,
        "client_processes": args.client_procs,
        "batch": args.batch,
        "seconds_per_rate": args.seconds,
        "cameras": args.cameras,
        "cpus": os.cpu_count(),
        "backend_exit": code,
        "rates": results,
    }


async def run_rate(
    client: httpx.AsyncClient,
    admin: str,
    workers: list[tuple[Any, Any, Any]],
    rate: int,
    args: argparse.Namespace,
    pid: int,
    cluster: PostgresCluster | None,
) -> dict[str, Any]:
    load_before = os.getloadavg()
    start_seq = await last_seq(client)
    cpu0, t0 = cpu_seconds(pid), time.monotonic()
    clients0 = sum(cpu_seconds(proc.pid) for proc, _, _ in workers)
    pg0 = tree_cpu_seconds(cluster.proc.pid) if cluster and cluster.proc else 0.0
    progress(f"raising {rate} alerts/s for {args.seconds:g} s")
    raised, achieved = await feed(client, admin, rate, args.seconds)
    wall = time.monotonic() - t0
    cpu = (cpu_seconds(pid) - cpu0) / wall * 100
    clients_cpu = (sum(cpu_seconds(proc.pid) for proc, _, _ in workers) - clients0) / wall * 100
    pg_cpu = (
        (tree_cpu_seconds(cluster.proc.pid) - pg0) / wall * 100
        if cluster and cluster.proc
        else None
    )
    rss, hwm = rss_mib(pid), rss_mib(pid, "VmHWM")
    end_seq = await last_seq(client)
    for _, ctrl, _ in workers:
        ctrl.put(("window", start_seq, end_seq))
    windows: list[dict[str, Any]] = []
    for _, _, out in workers:
        _, got = await asyncio.to_thread(out.get, True, DRAIN_S + 60)
        windows += got
    latencies = [lat for w in windows for lat in w["latencies"]]
    worst = max(windows, key=lambda w: (w["lost"], w["duplicated"], pct(w["latencies"], 99) or 0))
    load_after = os.getloadavg()
    return {
        "rate_asked": rate,
        "alerts_raised": raised,
        "rate_achieved": round(achieved, 1),
        "events": end_seq - start_seq,
        "delivered": sum(w["delivered"] for w in windows),
        "expected": (end_seq - start_seq) * len(windows),
        "lost": sum(w["lost"] for w in windows),
        "duplicated": sum(w["duplicated"] for w in windows),
        "reconnects": sum(w["reconnects"] for w in windows),
        "worst_client": {
            "delivered": worst["delivered"],
            "lost": worst["lost"],
            "duplicated": worst["duplicated"],
            "reconnects": worst["reconnects"],
            "latency_p99_ms": _ms(pct(worst["latencies"], 99)),
        },
        "latency_p50_ms": _ms(pct(latencies, 50)),
        "latency_p99_ms": _ms(pct(latencies, 99)),
        "latency_max_ms": _ms(max(latencies) if latencies else None),
        "latency_mean_ms": _ms(statistics.fmean(latencies) if latencies else None),
        "backend_cpu_pct_of_one_core": round(cpu, 1),
        "postgres_cpu_pct_of_one_core": None if pg_cpu is None else round(pg_cpu, 1),
        "client_processes_cpu_pct_of_one_core": round(clients_cpu, 1),
        "backend_rss_mib": round(rss, 1),
        "backend_peak_rss_mib": round(hwm, 1),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in load_after],
    }


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench/backend_fanout.py", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--rates", type=int, nargs="+", default=[1000], help="alerts per second")
    parser.add_argument("--seconds", type=float, default=30.0, help="per rate")
    parser.add_argument("--short", action="store_true", help="10 s per rate")
    parser.add_argument("--clients", type=int, default=50, help="websocket clients")
    parser.add_argument("--client-procs", type=int, default=2, help="processes running clients")
    parser.add_argument("--cameras", type=int, default=700, help="demo cameras (HueIOC: 700+)")
    parser.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL cluster")
    parser.add_argument(
        "--batch",
        type=int,
        default=WS_MAX_BATCH,
        help=f"events per frame the clients accept (1 = single frames; console: {WS_MAX_BATCH})",
    )
    args = parser.parse_args(argv)
    if args.short:
        args.seconds = 10.0
    if args.clients < 1 or args.client_procs < 1 or args.client_procs > args.clients:
        parser.error("need 1 <= --client-procs <= --clients")
    if not 1 <= args.batch <= WS_MAX_BATCH:
        parser.error(f"--batch must be within 1..{WS_MAX_BATCH}")
    print(json.dumps(asyncio.run(run(args)), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
