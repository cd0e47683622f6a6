"""``./ioc test``: lint, import contracts, then the whole pytest suite on a virtual display.

Every stage runs even when an earlier one fails, so one run shows every problem; the exit code
is non-zero if any stage failed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from console.display import VirtualDisplay

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def stage(name: str, cmd: list[str], env: dict[str, str] | None = None) -> int:
    print(f"\n=== {name}: {' '.join(cmd)}", flush=True)
    return subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode


def main(argv: list[str]) -> int:
    failures: list[str] = []
    if stage("ruff", [str(BIN / "ruff"), "check", "."]) != 0:
        failures.append("ruff")
    if stage("import contracts", [str(BIN / "lint-imports")]) != 0:
        failures.append("import contracts")

    # Two side-by-side monitors, so multi-screen tests see two QScreens.
    display = VirtualDisplay(1920, 1080, monitors=2)
    env = {**os.environ, "DISPLAY": display.start(), "QT_QPA_PLATFORM": "xcb"}
    env.pop("WAYLAND_DISPLAY", None)
    try:
        code = stage("pytest", [sys.executable, "-m", "pytest", "-ra", *argv], env)
    finally:
        display.stop()
    if code != 0:
        failures.append(f"pytest (exit {code})")
    print(
        "\n=== " + ("FAILED: " + ", ".join(failures) if failures else "all stages passed"),
        flush=True,
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
