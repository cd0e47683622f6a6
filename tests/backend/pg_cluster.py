"""A throwaway PostgreSQL cluster for tests and benchmarks: a temp dir, a unix socket, no TCP.

PostgreSQL refuses to run as root, so under root (CI, containers) ``initdb`` and ``postgres``
run as the ``postgres`` user (the Debian package creates it) and the temp dir is handed to it.
The server is our direct child (no ``pg_ctl`` daemon) with PR_SET_PDEATHSIG: if the test run
dies, the kernel sends it SIGQUIT (immediate shutdown) and nothing is left running. ``stop``
asks for a fast shutdown (SIGINT: clients are disconnected) and removes the directory.

Durability is off (fsync, synchronous_commit): the cluster lives for one test session.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final

PR_SET_PDEATHSIG: Final = 1
PREFIX: Final = "ioc-pg-"
# A cluster dir without a server this old is left over from a killed run (initdb takes seconds).
STALE_AFTER_S: Final = 600.0
SUPERUSER: Final = "postgres"
_NAME: Final = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def find_pg_bin() -> Path | None:
    """The newest ``/usr/lib/postgresql/N/bin`` with initdb and postgres (or ``$IOC_PG_BIN``)."""
    candidates: list[Path] = []
    if os.environ.get("IOC_PG_BIN"):
        candidates.append(Path(os.environ["IOC_PG_BIN"]))

    def major(path: Path) -> int:
        name = path.parent.name
        return int(name) if name.isdigit() else 0

    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=major, reverse=True)
    for path in candidates:
        if (path / "initdb").is_file() and (path / "postgres").is_file():
            return path
    return None


def unavailable_reason() -> str | None:
    """Why no cluster can be started here, or None when one can."""
    if find_pg_bin() is None:
        return "PostgreSQL binaries not found (apt package postgresql, see ./ioc)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SUPERUSER)
        except KeyError:
            return f"running as root and there is no {SUPERUSER!r} user to run PostgreSQL as"
    return None


def _child_setup(uid: int | None, gid: int | None, death_signal: int | None) -> Callable[[], None]:
    # Looked up before the fork: the child of a threaded process should not touch the loader.
    prctl = ctypes.CDLL(None, use_errno=True).prctl

    def setup() -> None:
        if uid is not None and gid is not None:
            os.setgroups([])
            os.setgid(gid)
            os.setuid(uid)
        # After setuid: a change of credentials clears the parent-death signal.
        if death_signal is not None and prctl(PR_SET_PDEATHSIG, death_signal, 0, 0, 0) != 0:
            os._exit(111)

    return setup


def remove_stale_clusters() -> int:
    """Delete cluster dirs of earlier runs that were killed before ``stop``; how many."""
    removed = 0
    for root in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        pid_file = root / "data" / "postmaster.pid"
        try:
            pid = int(pid_file.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            pid = None
        if pid is not None and Path(f"/proc/{pid}").exists():
            continue  # a live server (maybe another session's)
        with contextlib.suppress(OSError):
            if pid is None and time.time() - root.stat().st_mtime < STALE_AFTER_S:
                continue  # being set up right now
            shutil.rmtree(root)
            removed += 1
    return removed


class PostgresCluster:
    """One ``postgres`` server on a unix socket in a fresh temp dir."""

    def __init__(self) -> None:
        bin_dir = find_pg_bin()
        if bin_dir is None:
            raise RuntimeError(unavailable_reason() or "no PostgreSQL")
        self.bin_dir = bin_dir
        self.root: Path | None = None
        self.proc: subprocess.Popen[bytes] | None = None
        self._uid: int | None = None
        self._gid: int | None = None
        if os.geteuid() == 0:
            entry = pwd.getpwnam(SUPERUSER)
            self._uid, self._gid = entry.pw_uid, entry.pw_gid
        self._databases = 0

    @property
    def socket_dir(self) -> Path:
        assert self.root is not None, "start() first"
        return self.root

    @property
    def log_path(self) -> Path:
        return self.socket_dir / "postgres.log"

    def start(self, timeout: float = 60.0) -> None:
        """initdb, then start the server and wait until it accepts connections."""
        remove_stale_clusters()
        self.root = Path(tempfile.mkdtemp(prefix=PREFIX))
        if self._uid is not None and self._gid is not None:
            os.chown(self.root, self._uid, self._gid)
        data = self.root / "data"
        env = {**os.environ, "LC_ALL": "C", "LANG": "C", "TZ": "UTC"}
        subprocess.run(
            [str(self.bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
             "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
            check=True, capture_output=True, cwd=self.root, env=env,
            preexec_fn=_child_setup(self._uid, self._gid, signal.SIGKILL),
        )  # fmt: skip
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [str(self.bin_dir / "postgres"), "-D", str(data),
             "-c", "listen_addresses=", "-c", f"unix_socket_directories={self.root}",
             "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
             "-c", "max_connections=300", "-c", "shared_buffers=64MB"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=self.root, env=env,
            preexec_fn=_child_setup(self._uid, self._gid, signal.SIGQUIT),
        )  # fmt: skip
        log.close()
        import psycopg

        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                tail = self.log_tail()
                self.stop()
                raise RuntimeError(f"postgres exited at start:\n{tail}")
            try:
                self._admin("SELECT 1")
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    tail = self.log_tail()
                    self.stop()
                    raise RuntimeError(f"postgres not ready in {timeout} s:\n{tail}") from None
                time.sleep(0.1)

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), user=SUPERUSER, dbname="postgres", autocommit=True,
            connect_timeout=5,
        ) as conn:  # fmt: skip
            conn.execute(sql.encode())

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of ``database`` (psycopg 3 over the unix socket)."""
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.socket_dir}"

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; returns its URL."""
        self._databases += 1
        name = name or f"ioc_{os.getpid()}_{self._databases}"
        if not _NAME.match(name):
            raise ValueError(f"not a plain database name: {name!r}")
        self._admin(f"CREATE DATABASE {name}")
        return self.url(name)

    def terminate(self, query: str) -> int:
        """Terminate the client connections whose last statement was ``query``; how many."""
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), user=SUPERUSER, dbname="postgres", autocommit=True
        ) as conn:
            rows = conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE query = %s AND pid <> pg_backend_pid()",
                (query,),
            ).fetchall()
        return sum(1 for (ok,) in rows if ok)

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except (FileNotFoundError, AssertionError):
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 30.0) -> None:
        """Fast shutdown (SIGINT), SIGKILL if it hangs, then remove the directory."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        if self.root is not None:
            with contextlib.suppress(OSError):
                shutil.rmtree(self.root)
            self.root = None
