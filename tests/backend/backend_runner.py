"""The reference backend as a child process (``python -m backend``), and small API helpers."""

from __future__ import annotations

import asyncio
import json
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed

from server_client.contract import API_PREFIX, WS_PATH

ROOT = Path(__file__).resolve().parents[2]


class BackendRunner:
    """Starts the real backend on a free loopback port with its own SQLite file.

    ``db_url`` replaces that file with another database (a PostgreSQL one, see pg_cluster).
    """

    def __init__(self, data_dir: Path, *extra: str, db_url: str | None = None) -> None:
        self.data_dir = data_dir
        self.extra = list(extra)
        self._db_url = db_url
        self.proc: subprocess.Popen[str] | None = None
        self.url = ""
        self.log_path = data_dir / "backend.log"

    @property
    def db_url(self) -> str:
        return self._db_url or f"sqlite:///{self.data_dir / 'ioc.db'}"

    def start(self, timeout: float = 30.0) -> str:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        cmd = [
            sys.executable, "-m", "backend",
            "--host", "127.0.0.1", "--port", "0",
            "--db", self.db_url,
            "--data-dir", str(self.data_dir),
            "--no-media",
            *self.extra,
        ]  # fmt: skip
        log = self.log_path.open("a", encoding="utf-8")
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL, text=True
        )
        log.close()
        lines: queue.Queue[str | None] = queue.Queue()

        def pump() -> None:
            assert self.proc is not None
            assert self.proc.stdout is not None
            for line in self.proc.stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                raise AssertionError(f"backend not ready in {timeout} s:\n{self.log_tail()}")
            try:
                line = lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                raise AssertionError(f"backend exited before READY:\n{self.log_tail()}")
            if line.startswith("READY "):
                self.url = line.split()[1]
                return self.url

    def stop(self, timeout: float = 15.0) -> int:
        """SIGTERM, wait, and return the exit status."""
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
                raise AssertionError(f"backend ignored SIGTERM:\n{self.log_tail()}") from None
        return self.proc.returncode

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8").splitlines()[-lines:])
        except FileNotFoundError:
            return "(no log)"

    def ws_url(self, token: str, after: int = 0) -> str:
        return self.url.replace("http://", "ws://") + f"{WS_PATH}?token={token}&after={after}"


def api_client(runner: BackendRunner) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=runner.url + API_PREFIX, timeout=15)


async def login(client: httpx.AsyncClient, username: str, password: str | None = None) -> str:
    response = await client.post(
        "/auth/login", json={"username": username, "password": password or username}
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def raise_alert(client: httpx.AsyncClient, admin: str, **body: Any) -> dict[str, Any]:
    body.setdefault("snapshot", False)
    response = await client.post("/sim/alerts", json=body, headers=bearer(admin))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def recv_json(ws: ClientConnection, within: float = 10.0) -> dict[str, Any]:
    """The next frame, parsed; fails the test after ``within`` seconds."""
    frame = await asyncio.wait_for(ws.recv(), within)
    return dict(json.loads(frame))


async def recv_stored(
    ws: ClientConnection, count: int, within: float = 10.0
) -> list[dict[str, Any]]:
    """The next ``count`` stored events, skipping heartbeats."""
    events: list[dict[str, Any]] = []
    while len(events) < count:
        envelope = await recv_json(ws, within)
        if envelope["type"] not in ("heartbeat", "error"):
            events.append(envelope)
    return events


async def recv_until_closed(ws: ClientConnection) -> tuple[list[int], ConnectionClosed]:
    """Every ``seq`` received until the server closes the connection, and how it closed."""
    seqs: list[int] = []
    while True:
        try:
            seqs.append(int((await recv_json(ws))["seq"]))
        except ConnectionClosed as exc:
            return seqs, exc
