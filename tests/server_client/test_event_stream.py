"""The console's REST client and event stream against the real reference backend."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from pathlib import Path

import httpx
import pytest

from console.demo import BackendProcess
from server_client.contract import API_PREFIX, ContractError, EventEnvelope, parse_frame
from server_client.events import EventStream, LinkState
from server_client.rest import ApiError, BackendUnreachable, RestClient


async def wait_for(predicate: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_login_and_errors(backend_server: BackendProcess) -> None:
    assert backend_server.url
    rest = RestClient(backend_server.url)
    try:
        with pytest.raises(ApiError) as info:
            await rest.login("operator", "wrong")
        assert info.value.status == 401
        tokens = await rest.login("operator", "operator")
        assert tokens.user.role.value == "operator"
        cameras = await rest.cameras()
        assert len(cameras) >= 16
        assert all(c.sub_url.startswith("rtsp://") for c in cameras)
    finally:
        await rest.aclose()
    dead = RestClient("http://127.0.0.1:9")
    with pytest.raises(BackendUnreachable):
        await dead.health()
    await dead.aclose()


async def test_resume_after_seq_delivers_exactly_the_missed_events(
    backend_server: BackendProcess,
) -> None:
    assert backend_server.url
    rest = RestClient(backend_server.url)
    await rest.login("operator", "operator")

    async def token() -> str:
        assert rest.access_token
        return rest.access_token

    start = (await rest.health()).last_seq
    first: list[EventEnvelope] = []
    states: list[LinkState] = []
    stream = EventStream(
        rest.base_url, token, first.extend, lambda s, _r: states.append(s), after=start
    )
    task = asyncio.create_task(stream.run())
    await wait_for(lambda: len(first) >= 2, 30)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    cut = stream.last_seq
    assert [e.seq for e in first] == list(range(start + 1, cut + 1))

    # While disconnected the simulator keeps raising alerts.
    deadline = time.monotonic() + 30
    while (await rest.health()).last_seq < cut + 2:
        assert time.monotonic() < deadline, "simulator raised nothing"
        await asyncio.sleep(0.2)

    second: list[EventEnvelope] = []
    resumed = EventStream(rest.base_url, token, second.extend, after=cut)
    task = asyncio.create_task(resumed.run())
    await wait_for(lambda: len(second) >= 2, 30)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    seqs = [e.seq for e in second]
    assert seqs == list(range(cut + 1, cut + 1 + len(seqs))), "missed events, none twice, in order"
    assert resumed.counters.duplicates == 0
    assert resumed.counters.gaps == 0

    # The REST replay agrees with what the websocket delivered.
    page = await rest.events(after=start)
    by_seq = {e.seq: e for e in page.events}
    for event in first + second:
        assert by_seq[event.seq].type == event.type
        assert by_seq[event.seq].data == event.data
    assert LinkState.ONLINE in states
    await rest.aclose()


async def test_a_silent_link_is_dropped_and_a_talking_one_kept(tmp_path: Path) -> None:
    # The backend's heartbeat every 30 s: a stream that wants a frame every 1.5 s hears silence.
    quiet = BackendProcess(
        tmp_path / "quiet", extra=["--no-media", "--sim-interval", "0", "--heartbeat", "30"]
    )
    url = quiet.start(timeout=60)
    rest = RestClient(url)
    try:
        await rest.login("operator", "operator")

        async def token() -> str:
            assert rest.access_token
            return rest.access_token

        reasons: list[tuple[LinkState, str]] = []
        stream = EventStream(
            url, token, lambda _e: None, lambda s, r: reasons.append((s, r)),
            backoff_max=0.5, silence_s=1.5,
        )  # fmt: skip
        task = asyncio.create_task(stream.run())
        await wait_for(lambda: stream.counters.connects >= 2, 20)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        offline = [r for s, r in reasons if s == LinkState.OFFLINE]
        assert offline, "the silent link was dropped"
        assert offline[0].startswith("backend unreachable")
    finally:
        await rest.aclose()
        quiet.stop()

    # A backend that talks (heartbeats every 0.3 s) keeps its one connection.
    talking = BackendProcess(
        tmp_path / "talking", extra=["--no-media", "--sim-interval", "0", "--heartbeat", "0.3"]
    )
    url = talking.start(timeout=60)
    rest = RestClient(url)
    try:
        await rest.login("operator", "operator")
        kept = EventStream(url, token, lambda _e: None, silence_s=3.0)
        task = asyncio.create_task(kept.run())
        await wait_for(lambda: kept.state == LinkState.ONLINE, 20)
        await asyncio.sleep(6.0)  # twice the limit
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert kept.counters.connects == 1
    finally:
        await rest.aclose()
        talking.stop()


def _frame(seq: int, type_: str = "alert.created", **data: object) -> dict[str, object]:
    return {"seq": seq, "type": type_, "ts": "2026-11-23T03:00:00+00:00", "data": data}


def _stream(after: int = 0) -> tuple[EventStream, list[list[EventEnvelope]]]:
    calls: list[list[EventEnvelope]] = []

    async def token() -> str:
        return "unused"

    return EventStream("http://127.0.0.1:9", token, calls.append, after=after), calls


def test_a_batch_frame_is_checked_event_by_event() -> None:
    stream, _ = _stream(after=4)
    frame = json.dumps([_frame(4), _frame(5), _frame(6), _frame(9), _frame(8)])
    events = stream._accept(frame)
    assert [e.seq for e in events] == [5, 6, 9]
    assert stream.last_seq == 9
    assert stream.counters.delivered == 3
    assert stream.counters.duplicates == 2  # 4 (already had) and 8 (behind 9)
    assert stream.counters.gaps == 1  # 6 -> 9
    assert stream.counters.malformed == 0
    # A heartbeat is never stored, batch or not; a plain envelope still works.
    assert stream._accept(json.dumps(_frame(9, "heartbeat"))) == []
    assert [e.seq for e in stream._accept(json.dumps(_frame(10)).encode())] == [10]


@pytest.mark.parametrize(
    ("frame", "reason"),
    [
        ("[]", "malformed event batch (empty)"),
        ("[1, 2]", "malformed event batch (item 0:"),
        (json.dumps([_frame(1), {"seq": "x", "type": "a", "ts": "now"}]), "(item 1: seq:"),
        (json.dumps([_frame(1), _frame(2, type_="")]), "(item 1: type:"),
        ("[" + ",".join(json.dumps(_frame(n)) for n in range(1, 502)) + "]", "501 events"),
        ('[{"seq": 1, "type": "alert.created"', "malformed event batch (batch:"),
    ],
)
def test_a_malformed_batch_is_rejected_whole_counted_and_the_stream_goes_on(
    frame: str, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(ContractError) as info:
        parse_frame(frame)
    assert reason in str(info.value)
    stream, _ = _stream()
    with caplog.at_level(logging.WARNING, logger="server_client.events"):
        assert stream._accept(frame) == []
    assert stream.counters.malformed == 1
    assert stream.counters.delivered == 0
    assert stream.last_seq == 0, "nothing of a rejected batch is taken"
    assert reason in caplog.text
    assert [e.seq for e in stream._accept(json.dumps([_frame(1), _frame(2)]))] == [1, 2]


async def test_the_stream_takes_a_burst_from_the_backend_in_batch_frames(tmp_path: Path) -> None:
    backend = BackendProcess(tmp_path / "b", extra=["--no-media", "--sim-interval", "0"])
    url = backend.start(timeout=60)
    rest = RestClient(url)
    admin = RestClient(url)
    try:
        await rest.login("operator", "operator")
        await admin.login("admin", "admin")

        async def token() -> str:
            assert rest.access_token
            return rest.access_token

        start = (await rest.health()).last_seq
        calls: list[list[EventEnvelope]] = []
        stream = EventStream(url, token, calls.append, after=start)
        task = asyncio.create_task(stream.run())
        await wait_for(lambda: stream.state == LinkState.ONLINE, 20)
        async with httpx.AsyncClient(base_url=url + API_PREFIX) as http:
            headers = {"Authorization": f"Bearer {admin.access_token}"}
            for count in (60, 1, 60):
                reply = await http.post("/sim/burst", json={"count": count}, headers=headers)
                assert reply.status_code == 201, reply.text
        await wait_for(lambda: stream.last_seq >= start + 121, 30)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    finally:
        await rest.aclose()
        await admin.aclose()
        backend.stop()
    seqs = [e.seq for call in calls for e in call]
    assert seqs == list(range(start + 1, start + 122))
    assert max(len(call) for call in calls) > 1, "a burst came in shared frames"
    assert stream.counters.malformed == stream.counters.duplicates == stream.counters.gaps == 0
