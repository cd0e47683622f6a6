"""What to play: one camera stream, as the console hands it to a player."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Transport = Literal["tcp", "udp"]


@dataclass(frozen=True)
class StreamSpec:
    """An immutable description of one stream to play.

    ``url`` is usually ``rtsp://``; anything libVLC opens itself (files, ``http://``) also works.
    ``transport`` is the RTSP lower transport asked for first; ``network_caching_ms`` is the
    playback buffer libVLC keeps, which is also roughly the added latency. ``decoder_threads``
    caps libavcodec's threads for this stream (0: libVLC's choice, one per core): a wall of many
    small sub streams costs about a tenth less CPU with one thread each (no frame-threading
    hand-offs), while a single full-screen main stream wants them all.
    """

    url: str
    label: str = ""
    transport: Transport = "tcp"
    network_caching_ms: int = 300
    decoder_threads: int = 0

    def __post_init__(self) -> None:
        if not self.url:
            raise ValueError("StreamSpec.url must not be empty")
        if self.transport not in ("tcp", "udp"):
            raise ValueError(f"StreamSpec.transport must be 'tcp' or 'udp', not {self.transport!r}")
        if self.network_caching_ms < 0:
            raise ValueError("StreamSpec.network_caching_ms must be >= 0")
        if self.decoder_threads < 0:
            raise ValueError("StreamSpec.decoder_threads must be >= 0")

    @property
    def is_rtsp(self) -> bool:
        """True for ``rtsp://`` and ``rtsps://`` URLs (the ones that may need the FFmpeg relay)."""
        return self.url.lower().startswith(("rtsp://", "rtsps://"))
