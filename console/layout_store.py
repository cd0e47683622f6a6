"""The wall layout kept on this workstation: last good layout survives any broken file."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

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
