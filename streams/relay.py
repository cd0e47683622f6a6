"""FFmpeg as the RTSP client for a libVLC that cannot open ``rtsp://`` itself.

Debian's libVLC is built without live555, so ``rtsp://`` does not open. FFmpeg owns the RTSP
session instead and remuxes the video, without transcoding, into MPEG-TS on a pipe; libVLC in this
process reads the pipe's other end as ``fd://N``. The remux costs about 0.25 % of a core per 360p
stream.

Lifetime: the child gets ``PR_SET_PDEATHSIG(SIGKILL)`` so it dies with the console even on a crash
(orphaned relays from a crashed run were seen to corrupt the next run's streams). Linux delivers
that signal when the *thread* that forked the child exits, so :meth:`FFmpegRelay.start` must be
called from a long-lived thread (the GUI thread, as the player does).
"""

from __future__ import annotations

import collections
import ctypes
import ctypes.util
import functools
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import IO
from urllib.parse import urlsplit, urlunsplit

from streams.spec import Transport

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1
_ERROR_LINES = 20
# FFmpeg says "method SETUP failed: 461 Unsupported transport".
_REFUSED_TRANSPORT = re.compile(r"failed: 461\b|Unsupported transport", re.IGNORECASE)


class RelayError(RuntimeError):
    """The relay could not be started (no ffmpeg, no pipe)."""


def redact_url(url: str) -> str:
    """The URL without its user and password, for messages an operator may see."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


@functools.cache
def _prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        log.warning("prctl unavailable: FFmpeg relays may outlive a crashed console")
        return None
    prctl.argtypes = (ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong)
    prctl.restype = ctypes.c_int
    return prctl


def _pdeathsig_preexec() -> Callable[[], None] | None:
    """A ``preexec_fn`` that makes the child die with its parent (Linux only), or None."""
    # prctl is resolved here, in the parent: between fork and exec the child should do as little
    # as possible (no imports, no symbol lookups), since other threads' locks are frozen in it.
    prctl = _prctl()
    if prctl is None:
        return None
    parent = os.getpid()
    sigkill = int(signal.SIGKILL)

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, sigkill, 0, 0, 0)
        # The parent may have died before prctl took effect; then nobody would kill us.
        if os.getppid() != parent:
            os._exit(1)

    return preexec


@functools.cache
def _setpriv() -> str | None:
    """util-linux ``setpriv``, which sets the death signal and then execs FFmpeg."""
    return shutil.which("setpriv") if sys.platform.startswith("linux") else None


def _spawn_options(command: list[str]) -> tuple[list[str], Callable[[], None] | None]:
    """The command and preexec_fn that make the child die with its parent.

    ``setpriv --pdeathsig`` comes first: without a ``preexec_fn`` Python can spawn with vfork,
    which costs a fraction of a millisecond instead of a full fork of a large console process
    (7-100 ms measured, enough to stall the GUI when a whole wall reconnects at once).
    """
    setpriv = _setpriv()
    if setpriv is not None:
        return [setpriv, "--pdeathsig", "KILL", "--", *command], None
    return command, _pdeathsig_preexec()


class FFmpegRelay:
    """One FFmpeg child pulling ``url`` over RTSP into a pipe that libVLC opens as ``fd://N``.

    :meth:`start` only forks; the RTSP handshake happens in the child, so nothing here waits on the
    network. ``timeout_s`` bounds FFmpeg's socket operations (connect, reads): a silent server
    makes the child exit with an error after that long. Not thread-safe: use from one thread.
    """

    def __init__(
        self,
        url: str,
        *,
        transport: Transport = "tcp",
        timeout_s: float = 5.0,
        ffmpeg: str | None = None,
    ) -> None:
        self._url = url
        self._transport: Transport = transport
        self._timeout_s = timeout_s
        self._ffmpeg = ffmpeg
        self._proc: subprocess.Popen[bytes] | None = None
        self._read_fd: int | None = None
        self._lines: collections.deque[str] = collections.deque(maxlen=_ERROR_LINES)
        self._lines_lock = threading.Lock()
        self._drain: threading.Thread | None = None
        self._stopped = False

    @property
    def url(self) -> str:
        """The RTSP URL being pulled."""
        return self._url

    @property
    def transport(self) -> Transport:
        """The RTSP lower transport asked of the server."""
        return self._transport

    def command(self) -> list[str]:
        """The FFmpeg command line (the URL included, so do not log it as is)."""
        ffmpeg = shutil.which(self._ffmpeg or "ffmpeg")
        if ffmpeg is None:
            # Checked here, not left to exec: behind setpriv a missing binary would only show
            # as an exit code 127 later.
            raise RelayError(
                f"ffmpeg not found ({self._ffmpeg or 'on PATH'}): it is needed to play rtsp:// here"
            )
        return [
            ffmpeg,
            "-nostdin",
            "-loglevel",
            "error",
            "-rtsp_transport",
            self._transport,
            "-timeout",
            str(int(self._timeout_s * 1_000_000)),
            # Without these FFmpeg probes the input for about 2 s before writing a byte; RTSP's SDP
            # already names the codec, and -c copy needs no more.
            "-analyzeduration",
            "0",
            "-probesize",
            "32",
            "-i",
            self._url,
            "-map",
            "0:v:0",
            "-c",
            "copy",
            "-f",
            "mpegts",
            "pipe:1",
        ]

    def start(self) -> None:
        """Fork FFmpeg with its stdout on a new pipe. Returns at once; once only."""
        if self._proc is not None or self._stopped:
            raise RelayError("an FFmpegRelay starts once; make a new one to reconnect")
        command, preexec = _spawn_options(self.command())
        # os.pipe() fds are close-on-exec, so other children never hold this pipe open (a stray
        # copy of the write end would keep libVLC from ever seeing end-of-stream).
        read_fd, write_fd = os.pipe()
        try:
            self._proc = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=write_fd,
                stderr=subprocess.PIPE,
                close_fds=True,
                # Not thread-safe in general; this one only calls a pre-resolved prctl.
                preexec_fn=preexec,
            )
        except OSError as exc:
            os.close(read_fd)
            raise RelayError(f"cannot start ffmpeg: {exc}") from exc
        finally:
            os.close(write_fd)
        self._read_fd = read_fd
        assert self._proc.stderr is not None
        self._drain = threading.Thread(
            target=self._drain_stderr,
            args=(self._proc.stderr,),
            name=f"ffmpeg-relay-{self._proc.pid}",
            daemon=True,
        )
        self._drain.start()

    @property
    def fd(self) -> int:
        """The pipe's read end, for libVLC's ``fd://N``. Valid from start() until stop()."""
        if self._read_fd is None:
            raise RelayError("the relay is not running")
        return self._read_fd

    @property
    def mrl(self) -> str:
        """``fd://N`` for libVLC."""
        return f"fd://{self.fd}"

    @property
    def pid(self) -> int | None:
        """The child's process id, if started."""
        return self._proc.pid if self._proc is not None else None

    @property
    def alive(self) -> bool:
        """True while the FFmpeg child runs."""
        return self._proc is not None and self._proc.poll() is None

    @property
    def returncode(self) -> int | None:
        """The child's exit status once it ended (negative: killed by that signal)."""
        return self._proc.poll() if self._proc is not None else None

    @property
    def error_text(self) -> str:
        """FFmpeg's last error lines, credentials removed; empty if it said nothing."""
        drain = self._drain
        if drain is not None and drain.is_alive() and self.returncode is not None:
            # The child is gone, so its stderr is at end-of-file: the reader finishes at once.
            drain.join(timeout=0.1)
        with self._lines_lock:
            text = "\n".join(self._lines)
        redacted = redact_url(self._url)
        return text.replace(self._url, redacted) if redacted != self._url else text

    @property
    def reason(self) -> str:
        """One line saying why the relay ended, for the tile's status."""
        if self.transport_refused:
            # FFmpeg's own summary for this ("Protocol not supported") sends people astray.
            return f"the server refused RTSP over {self._transport.upper()}"
        lines = self.error_text.splitlines()
        if lines:
            # FFmpeg's last line is the summary, prefixed with the URL the tile already shows.
            last = lines[-1]
            redacted = redact_url(self._url)
            return last.removeprefix(f"{redacted}: ") or last
        code = self.returncode
        if code is None:
            return "ffmpeg running"
        return f"ffmpeg exited with status {code}"

    @property
    def transport_refused(self) -> bool:
        """True when the server refused the asked-for transport (RTSP 461)."""
        text = self.error_text
        return _REFUSED_TRANSPORT.search(text) is not None

    def stop(self) -> None:
        """Kill and reap the child and close the read end. Idempotent; bounded to about 1 s."""
        self._stopped = True
        proc = self._proc
        if proc is not None:
            proc.kill()  # a no-op once the child has been reaped
            try:
                proc.wait(timeout=1.0)
            except subprocess.TimeoutExpired:
                # SIGKILL cannot be refused; a child this slow is stuck in the kernel. Leave the
                # zombie rather than hang the GUI thread.
                log.warning("ffmpeg relay %s did not exit within 1 s of SIGKILL", proc.pid)
        if self._read_fd is not None:
            os.close(self._read_fd)
            self._read_fd = None

    def _drain_stderr(self, stream: IO[bytes]) -> None:
        # A full stderr pipe would block FFmpeg; keep only the tail for error messages.
        try:
            for raw in stream:
                line = raw.decode(errors="replace").rstrip()
                if line:
                    with self._lines_lock:
                        self._lines.append(line)
        except (OSError, ValueError):
            pass
        finally:
            stream.close()
