"""One libVLC instance for the whole console, and what this libVLC can open by itself."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import vlc  # type: ignore[import-untyped]

if TYPE_CHECKING:
    from streams.clip_player import ClipPlayer
    from streams.player import VideoPlayer

log = logging.getLogger(__name__)

RtspMode = Literal["auto", "direct", "relay"]

# --no-xlib keeps embedded players on the xcb_x11 vout (about 3x cheaper than the OpenGL one on a
# machine without a GPU) and tells libVLC not to call Xlib, which Qt owns in this process.
BASE_ARGS: tuple[str, ...] = (
    "--no-xlib",
    "--quiet",
    "--no-audio",
    "--no-video-title-show",
    "--no-osd",
)

_LIVE555_PLUGIN_PREFIX = "liblive555_plugin."


class VideoEngineError(RuntimeError):
    """libVLC could not be set up."""


class VideoEngine:
    """Owns the process's single ``vlc.Instance``; players are created against it.

    ``rtsp_mode`` decides who opens ``rtsp://`` URLs: ``"direct"`` lets libVLC do it (needs its
    live555 plugin, which Debian's build lacks), ``"relay"`` always goes through an FFmpeg child
    (:class:`streams.relay.FFmpegRelay`), ``"auto"`` picks direct when live555 is present.
    ``vout`` forces a video output (``"dummy"`` for window-less tests); ``extra_args`` are appended
    to the libVLC arguments. Call from the GUI thread only: libVLC is not reentrant.
    """

    def __init__(
        self,
        *,
        rtsp_mode: RtspMode = "auto",
        vout: str | None = None,
        extra_args: Sequence[str] = (),
    ) -> None:
        if rtsp_mode not in ("auto", "direct", "relay"):
            raise ValueError(f"rtsp_mode must be 'auto', 'direct' or 'relay', not {rtsp_mode!r}")
        args = list(BASE_ARGS)
        if vout:
            args.append(f"--vout={vout}")
        args.extend(extra_args)
        self._args: tuple[str, ...] = tuple(args)
        instance = vlc.Instance(list(args))
        if instance is None:
            # libVLC returns NULL without saying why; an unknown option is the usual cause.
            raise VideoEngineError(
                "libVLC refused to start with arguments "
                f"{' '.join(args)!r} (an option unknown to libVLC {_version()} makes it fail; "
                "check extra_args and that VLC's plugins are installed)"
            )
        self._instance: vlc.Instance | None = instance
        self._rtsp_mode: RtspMode = rtsp_mode
        self._native_rtsp: bool | None = None
        self._players: set[VideoPlayer | ClipPlayer] = set()

    @property
    def instance(self) -> vlc.Instance:
        """The libVLC instance (raises once closed)."""
        if self._instance is None:
            raise VideoEngineError("the VideoEngine is closed")
        return self._instance

    @property
    def args(self) -> tuple[str, ...]:
        """The arguments the instance was created with."""
        return self._args

    @property
    def version(self) -> str:
        """libVLC's version string, e.g. ``"3.0.24 Vetinari"``."""
        return _version()

    @property
    def rtsp_mode(self) -> RtspMode:
        """The mode asked for at construction."""
        return self._rtsp_mode

    @property
    def has_native_rtsp(self) -> bool:
        """True when libVLC opens ``rtsp://`` itself (else players use the FFmpeg relay)."""
        if self._rtsp_mode == "direct":
            return True
        if self._rtsp_mode == "relay":
            return False
        if self._native_rtsp is None:
            self._native_rtsp = detect_native_rtsp()
            log.info(
                "libVLC %s: native RTSP %s", self.version, "yes" if self._native_rtsp else "no"
            )
        return self._native_rtsp

    @property
    def closed(self) -> bool:
        """True after :meth:`close`."""
        return self._instance is None

    def close(self) -> None:
        """Close every player still open, then release the instance. Idempotent."""
        for player in list(self._players):
            player.close()
        self._players.clear()
        if self._instance is not None:
            self._instance.release()
            self._instance = None

    def _register(self, player: VideoPlayer | ClipPlayer) -> None:
        self._players.add(player)

    def _unregister(self, player: VideoPlayer | ClipPlayer) -> None:
        self._players.discard(player)


def _version() -> str:
    raw = vlc.libvlc_get_version()
    return raw.decode(errors="replace") if isinstance(raw, bytes) else str(raw)


def detect_native_rtsp() -> bool:
    """Whether the loaded libVLC has its live555 access plugin (the one that opens ``rtsp://``).

    Looks for ``liblive555_plugin.*`` in VLC's plugin directories (``VLC_PLUGIN_PATH``, python-vlc's
    module path, and the usual places relative to the loaded libvlc). If no plugin directory can be
    found at all, asks libVLC instead: ``--rtsp-tcp`` is an option of the live555 module only, so
    an instance accepts it only when the module is there.
    """
    dirs = [d for d in plugin_dirs() if d.is_dir()]
    if dirs:
        return any(_has_live555(d) for d in dirs)
    log.info("no VLC plugin directory found; probing libVLC for the live555 module")
    probe = vlc.Instance(["--quiet", "--rtsp-tcp"])
    if probe is None:
        return False
    probe.release()
    return True


def plugin_dirs() -> list[Path]:
    """Candidate VLC plugin directories, most specific first (they may not exist)."""
    found: list[Path] = []
    env = os.environ.get("VLC_PLUGIN_PATH")
    if env:
        found.extend(Path(p) for p in env.split(os.pathsep) if p)
    module_path = getattr(vlc, "plugin_path", None)
    if module_path:
        found.extend(_plugin_dirs_near(Path(module_path)))
    lib = libvlc_path()
    if lib is not None:
        found.extend(_plugin_dirs_near(lib.parent))
    unique: list[Path] = []
    for path in found:
        if path not in unique:
            unique.append(path)
    return unique


def _plugin_dirs_near(base: Path) -> Iterable[Path]:
    # Debian/Fedora: <libdir>/vlc/plugins; Windows and PyInstaller bundles: <dir>/plugins;
    # macOS VLC.app: Contents/MacOS/lib/libvlc.dylib next to Contents/MacOS/plugins.
    yield base / "vlc" / "plugins"
    yield base / "plugins"
    yield base.parent / "plugins"
    if base.name == "plugins":
        yield base


def _has_live555(directory: Path) -> bool:
    # Plugins sit one level down (access/, demux/ ...), but which folder varies by build.
    for _root, _dirs, files in os.walk(directory):
        if any(name.startswith(_LIVE555_PLUGIN_PREFIX) for name in files):
            return True
    return False


class _DlInfo(ctypes.Structure):
    _fields_ = (
        ("dli_fname", ctypes.c_char_p),
        ("dli_fbase", ctypes.c_void_p),
        ("dli_sname", ctypes.c_char_p),
        ("dli_saddr", ctypes.c_void_p),
    )


def libvlc_path() -> Path | None:
    """The file the loaded libvlc came from, or None when it cannot be told."""
    name = getattr(vlc.dll, "_name", None)
    if isinstance(name, str) and os.path.isabs(name):
        return Path(name)
    try:
        if sys.platform == "win32":
            buf = ctypes.create_unicode_buffer(32768)
            kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined,unused-ignore]
            if kernel32.GetModuleFileNameW(ctypes.c_void_p(vlc.dll._handle), buf, len(buf)):
                return Path(buf.value)
            return None
        # dladdr on any libvlc symbol names the shared object it was loaded from.
        libdl = ctypes.CDLL(ctypes.util.find_library("dl") or None)
        info = _DlInfo()
        address = ctypes.cast(vlc.dll.libvlc_get_version, ctypes.c_void_p)
        if libdl.dladdr(address, ctypes.byref(info)) and info.dli_fname:
            return Path(os.fsdecode(info.dli_fname)).resolve()
    except (OSError, AttributeError, ValueError):
        log.debug("cannot locate the loaded libvlc", exc_info=True)
    return None
