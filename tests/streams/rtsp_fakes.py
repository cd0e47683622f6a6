"""Misbehaving RTSP servers for the player tests: one that never answers, one that refuses SETUP."""

from __future__ import annotations

import re
import socket
import threading
from types import TracebackType
from typing import Self

_CSEQ = re.compile(rb"^CSeq:\s*(\d+)", re.IGNORECASE | re.MULTILINE)
_TRANSPORT = re.compile(rb"^Transport:\s*(.+?)\r?$", re.IGNORECASE | re.MULTILINE)

_SDP = (
    "v=0\r\n"
    "o=- 0 0 IN IP4 127.0.0.1\r\n"
    "s=fake\r\n"
    "c=IN IP4 0.0.0.0\r\n"
    "t=0 0\r\n"
    "m=video 0 RTP/AVP 96\r\n"
    "a=rtpmap:96 H264/90000\r\n"
    "a=control:track0\r\n"
)


class FakeRtspServer:
    """A loopback TCP server on a free port; ``mode`` is ``"silent"`` or ``"refuse_setup"``.

    ``silent`` accepts connections and never says a word (a hung camera). ``refuse_setup``
    answers OPTIONS and DESCRIBE, then refuses every SETUP with ``461 Unsupported transport``,
    recording the Transport header of each SETUP in ``setup_transports``.
    """

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.setup_transports: list[str] = []
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        # close() does not wake a blocked accept() on Linux: poll so __exit__ is prompt.
        self._sock.settimeout(0.1)
        self.port: int = self._sock.getsockname()[1]
        self._clients: list[socket.socket] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, name="fake-rtsp", daemon=True)
        self._closed = False

    def url(self, path: str = "cam") -> str:
        """``rtsp://127.0.0.1:PORT/path``."""
        return f"rtsp://127.0.0.1:{self.port}/{path}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._closed = True
        self._sock.close()
        with self._lock:
            for client in self._clients:
                client.close()
        self._thread.join(timeout=2)

    def _serve(self) -> None:
        while not self._closed:
            try:
                client, _addr = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            with self._lock:
                self._clients.append(client)
            if self.mode == "refuse_setup":
                threading.Thread(target=self._answer, args=(client,), daemon=True).start()

    def _answer(self, client: socket.socket) -> None:
        buffer = b""
        try:
            while True:
                data = client.recv(4096)
                if not data:
                    return
                buffer += data
                while b"\r\n\r\n" in buffer:
                    request, buffer = buffer.split(b"\r\n\r\n", 1)
                    client.sendall(self._reply(request))
        except OSError:
            return

    def _reply(self, request: bytes) -> bytes:
        method = request.split(b" ", 1)[0].decode()
        match = _CSEQ.search(request)
        cseq = match.group(1).decode() if match else "0"
        if method == "OPTIONS":
            return _response(cseq, "200 OK", "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n")
        if method == "DESCRIBE":
            body = _SDP.encode()
            headers = (
                f"Content-Type: application/sdp\r\nContent-Length: {len(body)}\r\n"
                f"Content-Base: {self.url()}/\r\n"
            )
            return _response(cseq, "200 OK", headers) + body
        if method == "SETUP":
            transport = _TRANSPORT.search(request)
            with self._lock:
                self.setup_transports.append(transport.group(1).decode() if transport else "")
            return _response(cseq, "461 Unsupported transport", "")
        return _response(cseq, "200 OK", "")


def _response(cseq: str, status: str, headers: str) -> bytes:
    return f"RTSP/1.0 {status}\r\nCSeq: {cseq}\r\n{headers}\r\n".encode()
