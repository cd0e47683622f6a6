"""A virtual display (Xvfb) for machines without one, with optional side-by-side monitors."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import time
from pathlib import Path

log = logging.getLogger(__name__)


class VirtualDisplay:
    """Runs ``Xvfb`` on a free display number; ``monitors`` splits it into side-by-side QScreens."""

    def __init__(self, width: int = 1920, height: int = 1080, monitors: int = 1) -> None:
        self.width, self.height, self.monitors = width, height, monitors
        self.display: str | None = None
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        if shutil.which("Xvfb") is None:
            raise RuntimeError("Xvfb is not installed (apt-get install xvfb)")
        number = next(
            n
            for n in range(90, 200)
            if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists()
        )
        self.display = f":{number}"
        total_w = self.width * self.monitors
        # -noreset keeps xrandr monitors alive when the last client disconnects.
        self._proc = subprocess.Popen(
            [
                "Xvfb",
                self.display,
                "-screen",
                "0",
                f"{total_w}x{self.height}x24",
                "-noreset",
                "-nolisten",
                "tcp",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if self._proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Xvfb {self.display} did not start")
            time.sleep(0.05)
        if self.monitors > 1:
            self._split_monitors()
        log.info(
            "virtual display %s (%dx%d, %d monitor(s))",
            self.display,
            total_w,
            self.height,
            self.monitors,
        )
        return self.display

    def _split_monitors(self) -> None:
        env = {**os.environ, "DISPLAY": self.display or ""}
        mm_w, mm_h = 508, 286
        for i in range(self.monitors):
            output = "screen" if i == 0 else "none"
            geometry = f"{self.width}/{mm_w}x{self.height}/{mm_h}+{i * self.width}+0"
            subprocess.run(
                ["xrandr", "--setmonitor", f"M{i}", geometry, output],
                env=env,
                check=True,
                capture_output=True,
            )

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._proc.wait(5)
            if self._proc.poll() is None:
                self._proc.kill()
            self._proc = None
