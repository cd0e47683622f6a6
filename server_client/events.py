"""The backend's event stream over websockets, resumed by sequence number.

:class:`EventStream` keeps one websocket open to ``/api/v1/ws``. Every stored event carries a
gap-free ``seq``; the stream remembers the last one it delivered and reconnects with
``?after=SEQ``, so a consumer sees every event exactly once across disconnects. It asks for
batch frames (``?batch=N``: several events in one frame when the backend has them ready) and
checks the sequence of every event inside a batch as it would for single frames. Malformed
frames, batches included, are counted, logged and skipped whole; they never end the stream.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final
from urllib.parse import urlencode, urlsplit, urlunsplit

import websockets
from websockets.exceptions import ConnectionClosed, InvalidStatus, WebSocketException

from server_client.contract import (
    WS_BATCH_PARAM,
    WS_MAX_BATCH,
    WS_PATH,
    ContractError,
    EventEnvelope,
    parse_frame,
)

log = logging.getLogger(__name__)

# No frame at all (events or the backend's heartbeats) for this long: the link is dead. The
# deadline is pushed back at most every SILENCE_SLACK_S, so it fires after 12-15 s of silence.
SILENCE_S: Final = 15.0
SILENCE_SLACK_S: Final = 3.0


class LinkState(StrEnum):
    CONNECTING = "connecting"
    ONLINE = "online"
    OFFLINE = "offline"


@dataclass
class StreamCounters:
    """What the stream has seen, for the status bar and for tests."""

    delivered: int = 0
    duplicates: int = 0
    malformed: int = 0
    gaps: int = 0
    connects: int = 0


EventHandler = Callable[[list[EventEnvelope]], None]
StateHandler = Callable[[LinkState, str], None]
TokenProvider = Callable[[], Awaitable[str]]


def ws_url(base_url: str, token: str, after: int, batch: int = WS_MAX_BATCH) -> str:
    """Build the websocket URL from the REST base URL (``http`` → ``ws``)."""
    parts = urlsplit(base_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    query = urlencode({"token": token, "after": after, WS_BATCH_PARAM: batch})
    return urlunsplit((scheme, parts.netloc, parts.path.rstrip("/") + WS_PATH, query, ""))


class EventStream:
    """Delivers backend events in ``seq`` order, exactly once, across reconnects.

    ``on_events`` receives the new events of one frame as a list (several when the backend sent
    a batch); ``on_state`` hears about connection changes with a readable reason.
    """

    def __init__(
        self,
        base_url: str,
        token_provider: TokenProvider,
        on_events: EventHandler,
        on_state: StateHandler | None = None,
        *,
        after: int = 0,
        backoff_max: float = 10.0,
        rng: random.Random | None = None,
        silence_s: float = SILENCE_S,
    ) -> None:
        self.base_url = base_url
        self.last_seq = after
        self.counters = StreamCounters()
        self.state = LinkState.OFFLINE
        self._token_provider = token_provider
        self._on_events = on_events
        self._on_state = on_state
        self._backoff_max = backoff_max
        self._silence_s = silence_s
        self._rng = rng or random.Random()
        self._ws: websockets.ClientConnection | None = None

    def _set_state(self, state: LinkState, reason: str = "") -> None:
        if state != self.state or reason:
            self.state = state
            if self._on_state is not None:
                self._on_state(state, reason)

    async def run(self) -> None:
        """Run until cancelled: connect, deliver, reconnect with backoff and jitter."""
        delay = 0.5
        while True:
            self._set_state(LinkState.CONNECTING)
            try:
                token = await self._token_provider()
                await self._session(token)
                reason = "connection closed by the backend"
            except asyncio.CancelledError:
                raise
            except InvalidStatus as exc:
                reason = f"backend refused the event stream ({exc.response.status_code})"
            except (OSError, WebSocketException, TimeoutError) as exc:
                reason = f"backend unreachable: {exc}"
            except Exception as exc:
                log.exception("event stream failed")
                reason = f"event stream error: {exc}"
            if self.state == LinkState.ONLINE:
                # A session that got through starts the backoff over.
                delay = 0.5
            self._set_state(LinkState.OFFLINE, reason)
            log.info("event stream offline (%s); retry in %.1f s", reason, delay)
            await asyncio.sleep(delay * self._rng.uniform(0.8, 1.2))
            delay = min(delay * 2, self._backoff_max)

    async def _session(self, token: str) -> None:
        url = ws_url(self.base_url, token, self.last_seq)
        loop = asyncio.get_running_loop()
        # compression=None: event frames are small JSON, mostly on a LAN; per-message deflate
        # cost more CPU on both ends than it saved bytes at 2,000 events/s.
        async with websockets.connect(url, open_timeout=5, max_size=2**22, compression=None) as ws:
            self._ws = ws
            self.counters.connects += 1
            self._set_state(LinkState.ONLINE)
            try:
                # The backend sends a heartbeat every few seconds: silence means a dead link.
                # One deadline for the session, pushed back every few seconds rather than a
                # timer (and a task, with wait_for) per frame: at thousands of frames a
                # second those dominated the GUI loop.
                limit = self._silence_s
                slack = min(SILENCE_SLACK_S, limit / 5)
                async with asyncio.timeout(limit) as silence:
                    while True:
                        frame = await ws.recv()
                        now = loop.time()
                        deadline = silence.when()
                        if deadline is not None and deadline - now < limit - slack:
                            silence.reschedule(now + limit)
                        events = self._accept(frame)
                        if events:
                            # Consumers buffer and flush on their own clock (AlertController).
                            self._on_events(events)
            except ConnectionClosed:
                return
            finally:
                self._ws = None

    def _accept(self, frame: str | bytes) -> list[EventEnvelope]:
        """The new stored events of one frame (an envelope or a batch), in ``seq`` order."""
        try:
            events = parse_frame(frame)
        except ContractError as exc:
            # A malformed batch is dropped whole, like a malformed single frame: nothing in it
            # can be trusted, and the events after it show as a (counted) gap.
            self.counters.malformed += 1
            log.warning("dropped a malformed event frame: %s", exc)
            return []
        accepted: list[EventEnvelope] = []
        for event in events:
            if not event.stored:
                if event.type == "error":
                    log.warning("backend reported: %s", event.data.get("message", event.data))
                continue
            if event.seq <= self.last_seq:
                self.counters.duplicates += 1
                continue
            if event.seq != self.last_seq + 1:
                # The sequence is gap-free server-wide; a ward-scoped user's stream skips the
                # other wards' events, so a jump is counted, not treated as loss.
                self.counters.gaps += 1
                log.debug("seq jumped from %d to %d", self.last_seq, event.seq)
            self.last_seq = event.seq
            self.counters.delivered += 1
            accepted.append(event)
        return accepted

    async def close(self) -> None:
        ws = self._ws
        if ws is not None:
            with contextlib.suppress(Exception):
                await ws.close()
