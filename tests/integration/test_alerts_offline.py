"""Offline acknowledgements: the real backend stops mid-stream, 20 alerts are acknowledged
offline, the backend restarts on the same port and database, and every acknowledgement applies
exactly once while the console's list ends up with every alert, none twice."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import socket
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from console.controllers.alert_controller import AlertController
from console.demo import BackendProcess
from console.models.alert_table_model import AlertTableModel
from server_client.contract import AlertState
from server_client.events import EventStream, LinkState
from server_client.rest import ApiError, BackendUnreachable, RestClient
from server_client.store import LocalStore

pytestmark = pytest.mark.integration


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def wait_until(predicate: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}")
        await asyncio.sleep(0.05)


def backend(data: Path, port: int) -> BackendProcess:
    return BackendProcess(
        data, port=port, extra=["--no-media", "--sim-interval", "0", "--heartbeat", "1"]
    )


def test_offline_acknowledgements_apply_exactly_once(tmp_path: Path, qapp: QApplication) -> None:
    data, port = tmp_path / "backend", free_port()
    server = backend(data, port)
    url = server.start(timeout=60)

    async def scenario() -> None:
        nonlocal server
        operator, admin = RestClient(url, timeout=3), RestClient(url, timeout=3)
        await operator.login("operator", "operator")
        await admin.login("admin", "admin")
        store = LocalStore(tmp_path / "console.db")
        model = AlertTableModel(grouping=False)
        controller = AlertController(operator, model, outbox=store, sound=False)  # type: ignore[arg-type]
        states: list[LinkState] = []

        def on_state(state: LinkState, _reason: str) -> None:
            states.append(state)
            controller.on_link_state(state)

        async def token() -> str:
            assert operator.access_token
            return operator.access_token

        start = (await operator.health()).last_seq
        stream = EventStream(
            url, token, controller.on_events, on_state, after=start, backoff_max=0.5
        )
        stream_task = asyncio.ensure_future(stream.run())
        feeding = True
        raised = 0

        async def feed() -> None:
            # Bursts keep coming before, during (failing) and after the outage.
            nonlocal raised
            while feeding:
                try:
                    page = await admin._call_json("POST", "/sim/burst", json={"count": 25})
                    raised += len(page["items"])
                except (BackendUnreachable, ApiError):
                    pass
                await asyncio.sleep(0.1)

        feeder = asyncio.ensure_future(feed())
        try:
            await wait_until(lambda: model.alert_count() >= 300, 30, "300 alerts in the list")
            server.stop()  # mid-stream
            await wait_until(lambda: controller.link_online is False, 20, "the console to notice")
            controller.flush()
            chosen = [
                i for i in model.ids_in_row_order() if model.alert(i).state == AlertState.NEW
            ][5:25]  # type: ignore[union-attr]
            assert len(chosen) == 20
            await controller.acknowledge(chosen)
            assert len(await store.pending()) == 20
            assert all(model.pending_action(i) == "acknowledge" for i in chosen)

            server = backend(data, port)
            assert server.start(timeout=60) == url, "same port"
            await wait_until(lambda: controller.link_online is True, 30, "the link back")
            await controller.wait_idle()

            async def replayed() -> bool:
                return not await store.pending()

            deadline = time.monotonic() + 30
            while not await replayed():
                assert time.monotonic() < deadline, "outbox not replayed"
                await asyncio.sleep(0.1)
            await asyncio.sleep(1.0)  # a few more bursts after the restart
            feeding = False
            await feeder
            total = (await admin.alerts(limit=1)).total
            await wait_until(
                lambda: model.alert_count() >= total, 30, f"all {total} alerts in the list"
            )
            controller.flush()

            # The backend: the 20 acknowledged by the operator, each with exactly one event.
            acked = await operator.alerts(state="acknowledged", limit=1000)
            assert sorted(a.id for a in acked.items) == sorted(chosen)
            assert all(a.owner == "operator" for a in acked.items)
            updates: Counter[int] = Counter()
            after = start
            while True:
                page = await operator.events(after=after, limit=5000)
                for e in page.events:
                    if e.type == "alert.updated":
                        updates[int(e.data["id"])] += 1
                if not page.events:
                    break
                after = page.last_seq
            assert updates == Counter(dict.fromkeys(chosen, 1)), "each acknowledgement applied once"

            # The console: every alert, none twice, the 20 acknowledged and no longer pending.
            listed = model.ids_in_row_order()
            assert len(listed) == len(set(listed)) == model.alert_count() == total
            assert set(listed) == set(range(min(listed), min(listed) + total))
            assert all(model.alert(i).state == AlertState.ACKNOWLEDGED for i in chosen)  # type: ignore[union-attr]
            assert all(model.pending_action(i) is None for i in chosen)
            assert stream.counters.duplicates == 0
            assert stream.counters.connects >= 2
            assert raised <= total  # a burst cut off by the stop may commit unanswered
        finally:
            feeding = False
            for task in (feeder, stream_task):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            await controller.aclose()
            store.close()
            await operator.aclose()
            await admin.aclose()

    try:
        with asyncio.Runner(loop_factory=functools.partial(qasync.QEventLoop, qapp)) as runner:
            runner.run(scenario())
    finally:
        server.stop()
