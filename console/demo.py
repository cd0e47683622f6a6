"""``./ioc demo``: the console against the embedded reference backend and media server.

Starts the backend (which starts the RTSP media server with the demo cameras), then opens the
console signed in as the demo operator. On a machine without a display the console runs on a
virtual one; pass ``--screenshot FILE`` to see it.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from console.display import VirtualDisplay

log = logging.getLogger("console.demo")
ROOT = Path(__file__).resolve().parent.parent


class BackendProcess:
    """The reference backend as a child process; reads its ``READY <url>`` line."""

    def __init__(self, data_dir: Path, port: int = 0, extra: list[str] | None = None) -> None:
        self.data_dir = data_dir
        self.port = port
        self.extra = extra or []
        self.url: str | None = None
        self.proc: subprocess.Popen[str] | None = None

    def start(self, timeout: float = 120.0) -> str:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        cmd = [
            sys.executable,
            "-m",
            "backend",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--db",
            f"sqlite:///{self.data_dir / 'ioc.db'}",
            "--data-dir",
            str(self.data_dir),
            *self.extra,
        ]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        deadline = time.monotonic() + timeout
        assert self.proc.stdout is not None
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"backend exited with {self.proc.wait()} before it was ready")
            if line.startswith("READY "):
                self.url = line.split()[1]
                # Keep draining stdout so the child never blocks on a full pipe.
                threading.Thread(target=self._drain, daemon=True).start()
                return self.url
        raise RuntimeError("backend did not become ready in time")

    def _drain(self) -> None:
        assert self.proc is not None
        assert self.proc.stdout is not None
        for _ in self.proc.stdout:
            pass

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ioc demo", description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "var" / "demo")
    parser.add_argument(
        "--media-cache",
        type=Path,
        default=ROOT / "var" / "media-cache",
        help="generated demo video",
    )
    parser.add_argument("--user", default="operator")
    parser.add_argument("--password", default="operator")
    args, console_args = parser.parse_known_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )

    display: VirtualDisplay | None = None
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        display = VirtualDisplay(1920, 1080)
        os.environ["DISPLAY"] = display.start()
        log.info("no display found: running on the virtual display %s", os.environ["DISPLAY"])
    os.environ.setdefault("IOC_CONSOLE_HOME", str(args.data_dir / "console"))

    backend = BackendProcess(
        args.data_dir, extra=["--media-cache", str(args.media_cache), "--record"]
    )
    try:
        url = backend.start()
        log.info("reference backend ready at %s", url)
        from console.__main__ import main as console_main

        return console_main(
            [
                "--server",
                url,
                "--user",
                args.user,
                "--password",
                args.password,
                "--autologin",
                *console_args,
            ]
        )
    finally:
        backend.stop()
        if display is not None:
            display.stop()


if __name__ == "__main__":
    sys.exit(main())
