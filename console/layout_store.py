"""The wall layout kept on this workstation: last good layout survives any broken file."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from layouts import LayoutError, WallLayout, dump_layout, parse_layout

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadResult:
    layout: WallLayout | None
    error: str | None = None


class LayoutStore:
    """Reads and writes ``current_layout.json``; only valid layouts are ever written.

    A file that does not parse is moved aside (``*.corrupt-<time>``) so the operator's file is
    never lost, and the caller keeps its last good layout.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> LoadResult:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return LoadResult(None)
        except OSError as exc:
            return LoadResult(None, f"cannot read {self.path}: {exc}")
        try:
            return LoadResult(parse_layout(text))
        except LayoutError as exc:
            aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
            try:
                self.path.replace(aside)
            except OSError:
                aside = self.path
            log.error("layout file %s is invalid (%s); kept as %s", self.path, exc, aside)
            return LoadResult(None, f"{self.path.name}: {exc}")

    def save(self, layout: WallLayout) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(dump_layout(layout), encoding="utf-8")
        tmp.replace(self.path)


def read_layout_file(path: Path) -> WallLayout:
    """Read a layout file chosen by the operator; raises LayoutError with a readable message."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LayoutError(f"cannot read {path}: {exc.strerror or exc}") from None
    return parse_layout(text)


class PresetStore:
    """Wall presets kept on this workstation only: one valid layout file per preset name.

    Files are named after a hash of the preset's name (names are free text, in Vietnamese too);
    the name itself lives in the document. A broken file is skipped and logged, never fatal.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, name: str) -> Path:
        digest = hashlib.sha256(name.strip().encode("utf-8")).hexdigest()[:16]
        return self.directory / f"preset-{digest}.json"

    def presets(self) -> list[WallLayout]:
        """Every readable preset, by name."""
        found: list[WallLayout] = []
        for path in sorted(self.directory.glob("preset-*.json")):
            try:
                found.append(parse_layout(path.read_text(encoding="utf-8")))
            except (OSError, LayoutError) as exc:
                log.error("local preset %s skipped: %s", path, exc)
        return sorted(found, key=lambda layout: layout.name.casefold())

    def get(self, name: str) -> WallLayout | None:
        return next((p for p in self.presets() if p.name == name), None)

    def save(self, layout: WallLayout) -> None:
        """Store (or replace) the preset named ``layout.name``."""
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self._path(layout.name)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(dump_layout(layout), encoding="utf-8")
        tmp.replace(path)

    def delete(self, name: str) -> bool:
        """Remove the preset named ``name``; False if there was none."""
        path = self._path(name)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        return True

    # -- the server's presets, as last seen (for a console without its backend) ---------------

    def _cache_path(self) -> Path:
        return self.directory / "server-presets.json"

    def server_cache(self) -> dict[str, dict[str, Any]]:
        """Server presets as last fetched: id -> the wire ``Layout`` as JSON (empty if none)."""
        try:
            raw = json.loads(self._cache_path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.error("server preset cache unreadable (%s); starting afresh", exc)
            return {}
        return raw if isinstance(raw, dict) else {}

    def save_server_cache(self, cache: dict[str, dict[str, Any]]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self._cache_path()
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
