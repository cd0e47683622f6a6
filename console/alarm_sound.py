"""Alarm sounds per priority, played through whatever audio player the machine has.

PySide6-Essentials has no QtMultimedia (no ``QSoundEffect``), and the console should not need
an audio library to run: the sounds are WAV files in ``assets/sounds`` (synthesised by
``assets/sounds/make_alarm_sounds.py``) and a small backend plays them: ``winsound`` on Windows
(standard library), else the first of ``paplay`` (PulseAudio/PipeWire), ``pw-play``, ``aplay``
(ALSA), ``afplay`` (macOS) and ``ffplay`` found on the PATH, started with ``QProcess`` so that
nothing blocks the GUI. No player, no audio device, a player that fails: a logged warning and
the alarm stays visual (flashing rows), never an exception.
"""

from __future__ import annotations

import logging
import shutil
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Final, Protocol

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment

import assets
from server_client.contract import SEVERITY_RANK, Severity

log = logging.getLogger(__name__)

SOUND_DIR: Final = Path(assets.__file__).parent / "sounds"
SOUNDS: Final[dict[Severity, Path]] = {
    Severity.CRITICAL: SOUND_DIR / "alarm_critical.wav",
    Severity.HIGH: SOUND_DIR / "alarm_high.wav",
}
# A storm of alerts must not become a storm of sounds: each priority at most this often.
MIN_INTERVAL_S: Final[dict[Severity, float]] = {Severity.CRITICAL: 2.0, Severity.HIGH: 5.0}
# Which players to look for, in order, and their arguments before the file.
PLAYERS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("paplay", ()),
    ("pw-play", ()),
    ("aplay", ("-q",)),
    ("afplay", ()),
    ("ffplay", ("-nodisp", "-autoexit", "-loglevel", "error")),
)
PLAY_TIMEOUT_MS: Final = 10_000


class SoundBackend(Protocol):
    """Plays a WAV file without blocking; reports trouble through the log, never raises."""

    name: str

    def play(self, path: Path) -> None: ...

    def stop(self) -> None: ...


class CommandSoundBackend(QObject):
    """Plays through an audio player program (one at a time; a new sound cuts the last)."""

    def __init__(
        self,
        program: str,
        args: Sequence[str] = (),
        parent: QObject | None = None,
        *,
        env: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.program = program
        self.args = tuple(args)
        self.name = Path(program).name
        self.env = dict(env or {})
        self.failures = 0
        self._process: QProcess | None = None

    def play(self, path: Path) -> None:
        self.stop()
        process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        if self.env:
            environment = QProcessEnvironment.systemEnvironment()
            for key, value in self.env.items():
                environment.insert(key, value)
            process.setProcessEnvironment(environment)
        process.errorOccurred.connect(
            lambda error, p=process: self._on_process_error_occurred(p, error)
        )
        process.finished.connect(
            lambda code, _status, p=process: self._on_process_finished(p, code)
        )
        self._process = process
        process.start(self.program, [*self.args, str(path)])

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.state() != QProcess.ProcessState.NotRunning:
            process.kill()
            process.waitForFinished(200)

    def wait_done(self, timeout_ms: int = PLAY_TIMEOUT_MS) -> bool:
        """Block until the sound ends (tests and tools only, never the GUI)."""
        process = self._process
        if process is None or process.state() == QProcess.ProcessState.NotRunning:
            return True
        return process.waitForFinished(timeout_ms)

    def _on_process_error_occurred(self, process: QProcess, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._warn(f"could not start {self.program} ({process.errorString()})")
            self._forget(process)

    def _on_process_finished(self, process: QProcess, code: int) -> None:
        # Players print nothing on success (ffplay at -loglevel error, aplay -q): anything on
        # stderr or a failing exit code means no sound came out, e.g. no audio device.
        errors = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        if code != 0 or errors:
            lines = [line for line in errors.splitlines() if line.strip()]
            detail = lines[-1] if lines else f"exit code {code}"
            self._warn(f"{self.name} could not play the alarm sound: {detail}")
        self._forget(process)

    def _forget(self, process: QProcess) -> None:
        if self._process is process:
            self._process = None
        process.deleteLater()

    def _warn(self, message: str) -> None:
        self.failures += 1
        # A room without speakers would log this on every alarm: the first few, then rarely.
        if self.failures <= 3 or self.failures % 100 == 0:
            log.warning("%s (failure %d; the alarm stays visual)", message, self.failures)


class WinSoundBackend:
    """Windows: ``winsound.PlaySound`` asynchronously (standard library)."""

    name = "winsound"

    def play(self, path: Path) -> None:
        if sys.platform != "win32":
            return
        import winsound  # Windows only

        try:
            winsound.PlaySound(
                str(path), winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT
            )
        except RuntimeError as exc:
            log.warning("could not play the alarm sound: %s (the alarm stays visual)", exc)

    def stop(self) -> None:
        if sys.platform != "win32":
            return
        import winsound  # Windows only

        winsound.PlaySound(None, 0)


def find_backend(
    parent: QObject | None = None, which: Callable[[str], str | None] = shutil.which
) -> SoundBackend | None:
    """The first audio player this machine has; None (and a warning) when there is none."""
    if sys.platform == "win32":
        return WinSoundBackend()
    for program, args in PLAYERS:
        path = which(program)
        if path:
            log.info("alarm sounds through %s", path)
            return CommandSoundBackend(path, args, parent)
    log.warning(
        "no audio player found (looked for %s): alarm sounds are off, alarms stay visual",
        ", ".join(p for p, _ in PLAYERS),
    )
    return None


class AlarmSoundPlayer(QObject):
    """Chooses and plays the sound of an alert's priority: critical and high have one each.

    ``muted`` silences it (an operator setting); each priority sounds at most every
    :data:`MIN_INTERVAL_S`, and a critical is never held back by a recent high.
    """

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        muted: bool = False,
        backend: SoundBackend | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.muted = muted
        self._backend = backend
        self._backend_looked_up = backend is not None
        self._clock = clock
        self._last: dict[Severity, float] = {}
        # What was asked of the backend, newest last (for the log and for tests).
        self.requested: list[Path] = []

    @staticmethod
    def sound_for(severity: Severity) -> Path | None:
        """The sound of a priority; None for priorities that make no sound."""
        return SOUNDS.get(severity)

    @property
    def backend(self) -> SoundBackend | None:
        if not self._backend_looked_up:
            # Looked up on the first alarm, not at start: a console that never sounds an
            # alarm never searches the PATH.
            self._backend_looked_up = True
            self._backend = find_backend(self)
        return self._backend

    def alarm(self, severities: Sequence[Severity]) -> Path | None:
        """Sound the most urgent of ``severities`` (one sound per batch); what was played."""
        if self.muted or not severities:
            return None
        severity = max(severities, key=SEVERITY_RANK.__getitem__)
        sound = self.sound_for(severity)
        if sound is None:
            return None
        now = self._clock()
        if now - self._last.get(severity, -1e9) < MIN_INTERVAL_S[severity]:
            return None
        self._last[severity] = now
        self.requested.append(sound)
        del self.requested[:-50]
        backend = self.backend
        if backend is not None:
            backend.play(sound)
        return sound

    def stop(self) -> None:
        if self._backend is not None:
            self._backend.stop()
