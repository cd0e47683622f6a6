"""Console settings: every option declared once, with its default, stored as JSON."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def config_dir() -> Path:
    """Where settings, cache and logs live (``IOC_CONSOLE_HOME`` overrides, for tests)."""
    env = os.environ.get("IOC_CONSOLE_HOME")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "ioc-console"


@dataclass
class ConsoleSettings:
    """The console's options and their defaults."""

    server_url: str = "http://127.0.0.1:8700"
    username: str = "operator"
    language: str = "vi"
    # "auto": play rtsp:// directly when libVLC has live555, else through an FFmpeg relay.
    rtsp_mode: str = "auto"
    network_caching_ms: int = 300
    # Per camera id, when the backend's camera data gives none (slow links want more).
    camera_network_caching_ms: dict[str, int] = field(default_factory=dict)
    # Longest wait between reconnect attempts (with jitter). Short: a camera back on the
    # network must be back on the wall within seconds, and attempts are cheap.
    reconnect_max_s: float = 4.0
    # Wall mode: a kiosk that follows layouts pushed by a commander; its name targets pushes.
    wall_mode: bool = False
    wall_name: str = ""
    # A critical alert pops its camera onto a running tour tile, else onto this tile (-1: off),
    # for alarm_hold_s seconds; then the tile goes back to what it showed.
    alarm_tile: int = -1
    alarm_hold_s: int = 60
    # Critical and high alerts sound an alarm (assets/sounds) unless muted.
    alarm_sound_muted: bool = False
    # An XYZ tile server for the map's base layer ("https://host/{z}/{x}/{y}.png"); empty: the
    # shipped vector map only (control rooms may have no internet).
    map_tile_url: str = ""
    grid_rows: int = 3
    grid_cols: int = 3
    last_layout: dict[str, Any] | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> ConsoleSettings:
        path = path or config_dir() / "settings.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.error("settings file %s is unreadable (%s); using defaults", path, exc)
            return cls()
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in known} if isinstance(raw, dict) else {}
        try:
            return cls(**values)
        except TypeError as exc:
            log.error("settings file %s is invalid (%s); using defaults", path, exc)
            return cls()

    def save(self, path: Path | None = None) -> None:
        path = path or config_dir() / "settings.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
