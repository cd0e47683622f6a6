"""StreamSpec, and the libVLC engine: its arguments, RTSP capability detection and errors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import streams
from streams import StreamSpec, VideoEngine, VideoEngineError
from streams.engine import BASE_ARGS, detect_native_rtsp, libvlc_path, plugin_dirs


def test_spec_defaults_and_validation() -> None:
    spec = StreamSpec("rtsp://10.0.0.5/cam/sub")
    assert (spec.label, spec.transport, spec.network_caching_ms) == ("", "tcp", 300)
    assert spec.is_rtsp
    assert not StreamSpec("file:///tmp/a.mp4").is_rtsp
    assert StreamSpec("RTSPS://host/x").is_rtsp
    with pytest.raises(ValueError):
        StreamSpec("")
    with pytest.raises(ValueError):
        StreamSpec("rtsp://h/x", transport="http")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        StreamSpec("rtsp://h/x", network_caching_ms=-1)


def test_pure_parts_import_without_libvlc_or_qt() -> None:
    import subprocess

    code = (
        "import sys; import streams; from streams import StreamHealth, StreamSpec;"
        "assert 'vlc' not in sys.modules and 'PySide6' not in sys.modules, sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


def test_engine_uses_the_documented_arguments() -> None:
    engine = VideoEngine()
    try:
        assert engine.args == BASE_ARGS
        assert "--no-xlib" in engine.args
        assert engine.version.startswith("3.")
        assert not engine.closed
    finally:
        engine.close()
    assert engine.closed
    engine.close()  # idempotent
    with pytest.raises(VideoEngineError):
        _ = engine.instance


def test_unknown_option_raises_a_clear_error() -> None:
    with pytest.raises(VideoEngineError, match="--rtsp-tcp"):
        VideoEngine(extra_args=["--rtsp-tcp"])  # a live555 option: unknown to Debian's build


def test_vout_and_extra_args_are_passed() -> None:
    engine = VideoEngine(vout="dummy", extra_args=["--verbose=0"])
    try:
        assert engine.args[-2:] == ("--vout=dummy", "--verbose=0")
    finally:
        engine.close()


def test_rtsp_mode_override() -> None:
    for mode, expected in (("direct", True), ("relay", False)):
        engine = VideoEngine(rtsp_mode=mode)  # type: ignore[arg-type]
        try:
            assert engine.has_native_rtsp is expected
        finally:
            engine.close()
    with pytest.raises(ValueError):
        VideoEngine(rtsp_mode="magic")  # type: ignore[arg-type]


def test_this_libvlc_has_no_native_rtsp() -> None:
    # Debian's VLC is built without live555; if this fails, re-check FACTS.md and the relay.
    lib = libvlc_path()
    assert lib is not None
    assert lib.exists()
    assert any(d.is_dir() for d in plugin_dirs())
    assert detect_native_rtsp() is False
    engine = VideoEngine()
    try:
        assert engine.has_native_rtsp is False
    finally:
        engine.close()


def test_live555_plugin_in_vlc_plugin_path_is_detected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "demux").mkdir()
    (tmp_path / "demux" / "liblive555_plugin.so").write_bytes(b"")
    monkeypatch.setenv("VLC_PLUGIN_PATH", str(tmp_path))
    assert plugin_dirs()[0] == tmp_path
    assert detect_native_rtsp() is True


def test_lazy_exports() -> None:
    assert streams.VideoEngine is VideoEngine
    assert set(streams.__all__) <= set(dir(streams)) | set(streams._LAZY)
    with pytest.raises(AttributeError):
        _ = streams.NoSuchThing
