"""``GET /events`` (replay by ``seq``) and the websocket ``/ws``.

The websocket promises: every stored event in the caller's scope with ``seq > after``, in
order, none twice, across reconnects. It gets there by subscribing to the hub FIRST (so live
events start queueing), then replaying the database after ``after``, then draining the live
queue while skipping any ``seq`` already sent. All frames go out from one writer task, so a
heartbeat can never overtake an event it claims to cover.

A client that asks for it (``?batch=N``, see :data:`server_client.contract.WS_MAX_BATCH`) gets
the events that are ready for it together in one frame, a JSON array of envelopes: a burst of
200 alerts is then one send per client instead of 200. Sending, not encoding, was the fan-out's
cost: each ``send_text`` goes through Starlette, uvicorn and the websockets protocol and ends in
its own ``socket.send``. One ready event still goes out as a plain envelope.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections import OrderedDict
from typing import Annotated, Any, Final

from fastapi import APIRouter, Query, Request, WebSocket
from starlette.websockets import WebSocketDisconnect

from backend.auth import AuthError, Principal
from backend.db import utcnow
from backend.hub import (
    REPLAY_BATCH,
    ControlReply,
    EventHub,
    QueueItem,
    Subscription,
    read_events,
)
from backend.routes_context import CurrentUser, services_of
from server_client.contract import (
    WS_BATCH_PARAM,
    WS_CLOSE_BAD_REQUEST,
    WS_CLOSE_SLOW_CONSUMER,
    WS_CLOSE_UNAUTHORIZED,
    WS_MAX_BATCH,
    EventEnvelope,
    EventPage,
    EventType,
)

log = logging.getLogger(__name__)

router = APIRouter(tags=["events"])

MAX_CLIENT_MESSAGE: Final = 4096
CLOSE_TIMEOUT: Final = 2.0
LOGGED_MALFORMED: Final = 5
# Beyond any real sequence, and within SQLite's 64-bit integers.
MAX_SEQ: Final = 2**62
# Frames of the latest live events, shared by every socket (see frame_text).
FRAME_CACHE: Final = 8192
# A batch frame stops growing past this many characters (well under clients' 4 MiB limit, and
# a slow link is not handed megabytes in one send).
BATCH_FRAME_CHARS: Final = 1 << 20

_frames: OrderedDict[int, tuple[EventEnvelope, str]] = OrderedDict()


def frame_text(envelope: EventEnvelope) -> str:
    """The JSON frame of an event, serialised once however many sockets send it.

    The hub fans one envelope object out to every subscriber; keyed by the object (and holding
    it, so its id cannot be reused while cached), N consoles cost one serialisation, not N.
    """
    key = id(envelope)
    hit = _frames.get(key)
    if hit is not None and hit[0] is envelope:
        return hit[1]
    text = envelope.model_dump_json()
    _frames[key] = (envelope, text)
    if len(_frames) > FRAME_CACHE:
        _frames.popitem(last=False)
    return text


@router.get("/events", response_model=EventPage)
async def list_events(
    request: Request,
    principal: CurrentUser,
    after: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> EventPage:
    """Stored events with ``seq > after`` in the caller's scope, oldest first.

    ``last_seq`` is where to continue: ask again with ``after=last_seq``. It is the last
    event's ``seq`` when the page is full, else the highest stored ``seq``.
    """
    events, last = await services_of(request).db.run(
        lambda s: read_events(s, after, limit, principal.wards)
    )
    return EventPage(events=events, last_seq=last)


def _close_reason(text: str) -> str:
    # A close reason must fit in 123 bytes of UTF-8.
    raw = text.encode("utf-8")[:123]
    return raw.decode("utf-8", "ignore")


@router.websocket("/ws")
async def events_socket(websocket: WebSocket) -> None:
    """``/ws?token=JWT&after=SEQ``: resumable event stream (see the module docstring)."""
    services = services_of(websocket)
    # Accept before judging the token so the client gets a readable close code (4401)
    # instead of a bare HTTP 403 handshake failure.
    await websocket.accept()
    token = websocket.query_params.get("token") or _bearer_header(websocket)
    try:
        principal = services.tokens.verify(token or "")
    except AuthError as exc:
        log.info("websocket refused: %s", exc.message)
        await websocket.close(WS_CLOSE_UNAUTHORIZED, _close_reason(f"{exc.code}: {exc.message}"))
        return
    after_text = websocket.query_params.get("after", "0")
    try:
        after = int(after_text)
        if not 0 <= after <= MAX_SEQ:
            raise ValueError(after_text)
    except ValueError:
        await websocket.close(
            WS_CLOSE_BAD_REQUEST,
            _close_reason(f"after must be an integer >= 0, got {after_text!r}"),
        )
        return
    batch_text = websocket.query_params.get(WS_BATCH_PARAM, "1")
    try:
        batch = int(batch_text)
        if not 1 <= batch <= WS_MAX_BATCH:
            raise ValueError(batch_text)
    except ValueError:
        await websocket.close(
            WS_CLOSE_BAD_REQUEST,
            _close_reason(
                f"{WS_BATCH_PARAM} must be an integer from 1 to {WS_MAX_BATCH}, got {batch_text!r}"
            ),
        )
        return
    session = EventSocket(
        websocket, services.hub, principal, after, services.config.heartbeat_interval, batch=batch
    )
    await session.run()


def _bearer_header(websocket: WebSocket) -> str | None:
    value = websocket.headers.get("authorization", "")
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


class EventSocket:
    """One websocket client of the event stream."""

    def __init__(
        self,
        websocket: WebSocket,
        hub: EventHub,
        principal: Principal,
        after: int,
        heartbeat: float,
        *,
        batch: int = 1,
    ) -> None:
        self.ws = websocket
        self.hub = hub
        self.principal = principal
        self.cursor = after
        self.heartbeat = heartbeat
        # Most events per frame this client accepts (1: one envelope per frame, as before).
        self.batch = batch
        self.live = False
        self.malformed = 0

    async def run(self) -> None:
        hub = self.hub
        sub = hub.subscribe(self.principal.wards)
        hub.counters.ws_connections_total += 1
        log.info("%s opened the event stream after seq %d", self.principal.username, self.cursor)
        writer = asyncio.create_task(self._write(sub), name="ws-writer")
        reader = asyncio.create_task(self._read(sub), name="ws-reader")
        closed = asyncio.create_task(sub.closed.wait(), name="ws-closed")
        tasks = {writer, reader, closed}
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            hub.unsubscribe(sub)
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect, OSError):
                    await task
        if sub.close_code is not None:
            reason = sub.close_reason
            if sub.close_code == WS_CLOSE_SLOW_CONSUMER:
                reason = f"{reason}; resume with after={self.cursor}"
            # A stalled client may never read the close frame: bound the wait.
            with contextlib.suppress(TimeoutError, WebSocketDisconnect, RuntimeError, OSError):
                async with asyncio.timeout(CLOSE_TIMEOUT):
                    await self.ws.close(sub.close_code, _close_reason(reason))
        log.info("%s left the event stream at seq %d", self.principal.username, self.cursor)

    # -- writing ----------------------------------------------------------------------------

    async def _send(self, envelope: EventEnvelope) -> None:
        await self.ws.send_text(frame_text(envelope))

    async def _send_events(self, events: list[EventEnvelope]) -> None:
        """Send stored events (ascending ``seq``) in as few frames as the client allows."""
        start = 0
        while start < len(events):
            texts = [frame_text(events[start])]
            size = len(texts[0])
            end = start + 1
            while end < len(events) and end - start < self.batch and size < BATCH_FRAME_CHARS:
                texts.append(frame_text(events[end]))
                size += len(texts[-1])
                end += 1
            # The envelopes' own JSON, joined: a batch costs no second encoding.
            await self.ws.send_text(texts[0] if len(texts) == 1 else f"[{','.join(texts)}]")
            self.cursor = events[end - 1].seq
            start = end

    def _safe_seq(self, sub: Subscription) -> int:
        """The seq a heartbeat may claim: everything visible up to it has been sent."""
        if self.live and sub.queue.empty():
            return max(self.cursor, self.hub.delivered_seq)
        return self.cursor

    async def _write(self, sub: Subscription) -> None:
        try:
            await self._replay(sub)
            self.live = True
            await self._stream(sub)
        except (WebSocketDisconnect, RuntimeError, OSError) as exc:
            # The client went away mid-send; the reader notices too.
            log.debug("event stream send failed: %r", exc)

    async def _replay(self, sub: Subscription) -> None:
        last = self.hub.last_seq
        if self.cursor > last:
            # Another backend process may have stored it, its NOTIFY not yet here: ask the table.
            last = await self.hub.refresh_last_seq()
        if self.cursor > last:
            # The server's history is shorter than the client thinks (a reset database).
            await self._send(
                self._control(
                    EventType.ERROR,
                    {
                        "code": "cursor_ahead",
                        "message": f"after={self.cursor} is beyond the last stored seq {last}; "
                        f"streaming from {last}",
                        "last_seq": last,
                    },
                    last,
                )
            )
            self.cursor = last
        while not sub.closed.is_set():
            page = await self.hub.replay(self.cursor, self.principal.wards, REPLAY_BATCH)
            await self._send_events(page)
            if len(page) < REPLAY_BATCH:
                return

    async def _stream(self, sub: Subscription) -> None:
        next_beat = time.monotonic() + self.heartbeat
        while not sub.closed.is_set():
            timeout = max(0.0, next_beat - time.monotonic())
            try:
                # A burst is drained without a timer per event (wait_for wraps each get in a
                # task): only an empty queue waits, bounded by the heartbeat.
                item = (
                    sub.queue.get_nowait()
                    if not sub.queue.empty()
                    else await asyncio.wait_for(sub.queue.get(), timeout)
                )
            except TimeoutError:
                await self._send(self._control(EventType.HEARTBEAT, {}, self._safe_seq(sub)))
                next_beat = time.monotonic() + self.heartbeat
                continue
            if isinstance(item, EventEnvelope):
                # Sends it with whatever else is ready; a reply found behind them comes back.
                held = await self._send_ready(sub, item)
                if held is None:
                    continue
                item = held
            if isinstance(item, ControlReply):
                await self._send(self._control(item.type, item.data, self._safe_seq(sub)))
                if item.type == EventType.HEARTBEAT:
                    next_beat = time.monotonic() + self.heartbeat
            # else: WAKEUP, the loop condition decides

    async def _send_ready(self, sub: Subscription, first: EventEnvelope) -> QueueItem | None:
        """Send ``first`` and the events queued behind it, up to the client's batch size.

        Stops at the first item that is not an event (a reply to a ping, a wakeup) and returns
        it, so that it goes out after the events queued before it, never ahead of them.
        Events already sent during the replay are skipped.
        """
        ready = [first] if first.seq > self.cursor else []
        held: QueueItem | None = None
        while len(ready) < self.batch and not sub.queue.empty():
            item = sub.queue.get_nowait()
            if not isinstance(item, EventEnvelope):
                held = item
                break
            if item.seq > (ready[-1].seq if ready else self.cursor):
                ready.append(item)
        if ready:
            await self._send_events(ready)
        return held

    @staticmethod
    def _control(type_: str, data: dict[str, Any], seq: int) -> EventEnvelope:
        return EventEnvelope(seq=seq, type=type_, ts=utcnow(), data=data)

    # -- reading ----------------------------------------------------------------------------

    async def _read(self, sub: Subscription) -> None:
        while True:
            message = await self.ws.receive()
            if message["type"] == "websocket.disconnect":
                return
            text = message.get("text")
            if text is None:
                raw = message.get("bytes") or b""
                text = raw.decode("utf-8", "replace")
            reply = self._answer(text)
            if not sub.offer(reply):
                return

    def _answer(self, text: str) -> ControlReply:
        """The reply to one client message: a heartbeat for a ping, else an error."""
        problem: str
        try:
            if len(text) > MAX_CLIENT_MESSAGE:
                raise ValueError(f"message of {len(text)} characters (max {MAX_CLIENT_MESSAGE})")
            message = json.loads(text)
        except ValueError as exc:
            problem = f"not JSON: {exc}" if isinstance(exc, json.JSONDecodeError) else str(exc)
        else:
            kind = message.get("type") if isinstance(message, dict) else None
            if kind == "ping":
                return ControlReply(EventType.HEARTBEAT)
            if not isinstance(message, dict):
                problem = f"expected a JSON object, got {type(message).__name__}"
            elif kind is None:
                problem = "missing 'type'"
            else:
                problem = f"unknown message type {str(kind)[:40]!r} (expected 'ping')"
        self.hub.counters.ws_malformed_messages += 1
        self.malformed += 1
        # A client stuck in a loop must not flood the log: the first few, then every 100th.
        if self.malformed <= LOGGED_MALFORMED or self.malformed % 100 == 0:
            log.warning(
                "malformed websocket message #%d from %s: %s (%r)",
                self.malformed,
                self.principal.username,
                problem,
                text[:80],
            )
        return ControlReply(
            EventType.ERROR, {"code": "malformed_message", "message": f"Ignored message: {problem}"}
        )
