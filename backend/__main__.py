"""``python -m backend`` / ``ioc-backend``: serve the reference backend with uvicorn.

Prints exactly one line to stdout, ``READY http://HOST:PORT``, once requests are served (with
``--port 0`` the port is the one the kernel picked); everything else goes to the log on
stderr. SIGTERM and SIGINT shut down gracefully and the process exits with status 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal
import socket
import sys
from collections.abc import Iterator
from typing import Final

import uvicorn
from fastapi import FastAPI

from backend.app import create_app
from backend.config import BackendConfig, parse_args
from backend.demo_city import CityDataError

log = logging.getLogger("backend")

GRACEFUL_SHUTDOWN_S: Final = 5
WS_MAX_MESSAGE: Final = 1 << 20


class BackendServer(uvicorn.Server):
    """uvicorn's server, minus its habit of re-raising SIGTERM/SIGINT after shutting down.

    uvicorn restores the default handlers and raises the signal again once it has stopped, so
    the process dies "by signal" instead of exiting 0 after a clean shutdown.
    """

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        loop = asyncio.get_running_loop()
        signals = (signal.SIGINT, signal.SIGTERM)
        for sig in signals:
            loop.add_signal_handler(sig, self.handle_exit, sig, None)
        try:
            yield
        finally:
            for sig in signals:
                loop.remove_signal_handler(sig)


class TokenRedactingFilter(logging.Filter):
    """Blank out ``token=…`` in log records: uvicorn logs websocket paths with their query."""

    PATTERN: Final = re.compile(r"(token=)[^&\s\"']+")

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(
                self.PATTERN.sub(r"\1***", a) if isinstance(a, str) else a for a in record.args
            )
        if isinstance(record.msg, str) and "token=" in record.msg:
            record.msg = self.PATTERN.sub(r"\1***", record.msg)
        return True


def configure_logging(level: str) -> None:
    """Log to stderr (stdout carries only the READY line), tokens redacted."""
    logging.basicConfig(
        level=level,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    redact = TokenRedactingFilter()
    for name in ("uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).addFilter(redact)


def bind_socket(host: str, port: int) -> socket.socket:
    """Bind the listening socket up front, so port 0 resolves before READY is printed."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def ready_url(sock: socket.socket, host: str) -> str:
    """The URL a client on this machine can use (a wildcard address becomes loopback)."""
    port = sock.getsockname()[1]
    if host in ("0.0.0.0", ""):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


async def serve(app: FastAPI, sock: socket.socket, config: BackendConfig) -> int:
    """Run uvicorn on ``sock`` until a signal; print READY once it serves."""
    server = BackendServer(
        uvicorn.Config(
            app,
            log_config=None,
            access_log=config.access_log,
            ws="websockets-sansio",
            ws_max_size=WS_MAX_MESSAGE,
            # Deflate runs per frame per client (each connection has its own compressor): at 50
            # consoles it was about a quarter of the fan-out's CPU. Event frames are JSON on a LAN.
            ws_per_message_deflate=config.ws_deflate,
            timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
            # Consoles poll and act in bursts; uvicorn's 5 s default closes idle connections
            # just as a client reuses them ("server disconnected without a response").
            timeout_keep_alive=75,
            lifespan="on",
        )
    )
    task = asyncio.create_task(server.serve(sockets=[sock]))
    # uvicorn offers a flag, not an event, for "serving now".
    while not server.started and not task.done():  # noqa: ASYNC110
        await asyncio.sleep(0.02)
    if server.started:
        print(f"READY {ready_url(sock, config.host)}", flush=True)  # noqa: T201 - the contract
    try:
        await task
    except SystemExit as exc:
        # uvicorn exits this way when the lifespan startup fails (already logged).
        return int(exc.code or 1)
    return 0 if server.started else 1


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``ioc-backend``."""
    config = parse_args(argv)
    configure_logging(config.log_level)
    try:
        app = create_app(config)
        sock = bind_socket(config.host, config.port)
    except (CityDataError, OSError, ValueError) as exc:
        log.error("cannot start the backend: %s", exc)
        return 2
    with sock:
        return asyncio.run(serve(app, sock, config))


if __name__ == "__main__":
    sys.exit(main())
