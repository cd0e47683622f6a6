"""Video streams: libVLC players, the FFmpeg RTSP relay and the stream-health state machine.

No Qt here. The players render into a native window id handed in by the caller. The parts that
need libVLC (:class:`VideoEngine`, :class:`VideoPlayer`) and the relay load on first use, so the
pure parts (:class:`StreamSpec`, :class:`StreamHealth`) import on machines without libVLC.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from streams.health import Action, HealthPolicy, StreamHealth, StreamState
from streams.spec import StreamSpec, Transport
from streams.zoom import DigitalZoom

if TYPE_CHECKING:
    from streams.engine import RtspMode, VideoEngine, VideoEngineError
    from streams.player import VideoPlayer
    from streams.relay import FFmpegRelay, RelayError

__all__ = [
    "Action",
    "DigitalZoom",
    "FFmpegRelay",
    "HealthPolicy",
    "RelayError",
    "RtspMode",
    "StreamHealth",
    "StreamSpec",
    "StreamState",
    "Transport",
    "VideoEngine",
    "VideoEngineError",
    "VideoPlayer",
]

_LAZY = {
    "RtspMode": "streams.engine",
    "VideoEngine": "streams.engine",
    "VideoEngineError": "streams.engine",
    "VideoPlayer": "streams.player",
    "FFmpegRelay": "streams.relay",
    "RelayError": "streams.relay",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'streams' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
