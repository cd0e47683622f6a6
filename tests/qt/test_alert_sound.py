"""Alarm sounds: the right sound per priority, muting, throttling, and no crash without audio.

No audio device is needed: the choice is tested through a backend that records what it was
asked to play; the failure paths run real programs (ffplay pointed at an audio device that does
not exist, a player that does not exist) and must end in a logged warning.
"""

from __future__ import annotations

import logging
import shutil
import wave
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from console.alarm_sound import (
    SOUNDS,
    AlarmSoundPlayer,
    CommandSoundBackend,
    find_backend,
)
from console.controllers.alert_controller import AlertController
from console.models.alert_table_model import AlertTableModel
from server_client.contract import EventEnvelope, Severity
from tests.qt.test_alert_model import alert


class RecordingBackend:
    """Records what it is asked to play (the choice is what these tests check)."""

    name = "recording"

    def __init__(self) -> None:
        self.played: list[Path] = []
        self.stopped = 0

    def play(self, path: Path) -> None:
        self.played.append(path)

    def stop(self) -> None:
        self.stopped += 1


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_shipped_sounds_are_readable_wav_files() -> None:
    assert set(SOUNDS) == {Severity.CRITICAL, Severity.HIGH}
    durations = {}
    for severity, path in SOUNDS.items():
        with wave.open(str(path)) as wav:
            durations[severity] = wav.getnframes() / wav.getframerate()
            assert wav.getsampwidth() == 2
    assert 0.5 < durations[Severity.HIGH] < durations[Severity.CRITICAL] < 2.0


def test_each_priority_gets_its_own_sound_and_the_most_urgent_wins() -> None:
    backend, clock = RecordingBackend(), Clock()
    player = AlarmSoundPlayer(backend=backend, clock=clock)
    critical, high = SOUNDS[Severity.CRITICAL], SOUNDS[Severity.HIGH]

    assert player.alarm([Severity.LOW, Severity.MEDIUM]) is None
    assert player.alarm([Severity.HIGH, Severity.LOW]) == high
    assert player.alarm([Severity.LOW, Severity.CRITICAL, Severity.HIGH]) == critical
    assert backend.played == [high, critical]
    assert critical != high


def test_each_priority_sounds_at_most_every_few_seconds() -> None:
    backend, clock = RecordingBackend(), Clock()
    player = AlarmSoundPlayer(backend=backend, clock=clock)
    critical = SOUNDS[Severity.CRITICAL]
    assert player.alarm([Severity.CRITICAL]) == critical
    clock.now += 0.5
    assert player.alarm([Severity.CRITICAL]) is None, "a storm is one sound"
    # A high is not held back by the critical just played.
    assert player.alarm([Severity.HIGH]) == SOUNDS[Severity.HIGH]
    clock.now += 2.0
    assert player.alarm([Severity.CRITICAL]) == critical
    assert backend.played == [critical, SOUNDS[Severity.HIGH], critical]


def test_muted_plays_nothing() -> None:
    backend = RecordingBackend()
    player = AlarmSoundPlayer(backend=backend, muted=True)
    assert player.alarm([Severity.CRITICAL]) is None
    player.muted = False
    assert player.alarm([Severity.CRITICAL]) == SOUNDS[Severity.CRITICAL]
    assert backend.played == [SOUNDS[Severity.CRITICAL]]


def event(seq: int, severity: Severity, state: str = "new") -> EventEnvelope:
    data = alert(seq, severity=severity).model_dump(mode="json")
    data["state"] = state
    return EventEnvelope(seq=seq, type="alert.created", ts=datetime.now(UTC), data=data)


def test_controller_sounds_new_critical_and_high_alerts_and_obeys_mute(qtbot: QtBot) -> None:
    backend, clock = RecordingBackend(), Clock()
    model = AlertTableModel(grouping=False)
    sound = AlarmSoundPlayer(backend=backend, clock=clock)
    controller = AlertController(None, model, sound=sound)  # type: ignore[arg-type]
    muted: list[bool] = []
    controller.sound_muted_changed.connect(muted.append)

    controller.on_events([event(1, Severity.LOW), event(2, Severity.HIGH)])
    controller.flush()
    controller.on_events([event(3, Severity.MEDIUM), event(4, Severity.CRITICAL, "dismissed")])
    controller.flush()
    clock.now += 10
    controller.on_events([event(5, Severity.CRITICAL), event(6, Severity.HIGH)])
    controller.flush()
    assert backend.played == [SOUNDS[Severity.HIGH], SOUNDS[Severity.CRITICAL]]

    controller.set_sound_muted(True)
    clock.now += 10
    controller.on_events([event(7, Severity.CRITICAL)])
    controller.flush()
    assert backend.played == [SOUNDS[Severity.HIGH], SOUNDS[Severity.CRITICAL]]
    assert muted == [True]
    assert backend.stopped == 1, "muting cuts a sound that is playing"


@pytest.mark.skipif(shutil.which("ffplay") is None, reason="ffplay is not installed")
def test_a_missing_audio_device_is_a_logged_warning(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    # ffplay told to use an ALSA device that does not exist: what a PC without speakers does.
    backend = CommandSoundBackend(
        str(shutil.which("ffplay")),
        ("-nodisp", "-autoexit", "-loglevel", "error"),
        env={"SDL_AUDIODRIVER": "alsa", "AUDIODEV": "ioc-no-such-device"},
    )
    player = AlarmSoundPlayer(backend=backend)
    with caplog.at_level(logging.WARNING, logger="console.alarm_sound"):
        assert player.alarm([Severity.CRITICAL]) == SOUNDS[Severity.CRITICAL]
        qtbot.waitUntil(lambda: backend.failures == 1, timeout=15_000)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "ffplay could not play the alarm sound" in warnings[0].getMessage()


def test_a_player_that_cannot_start_is_a_logged_warning(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    backend = CommandSoundBackend(str(tmp_path / "no-such-player"))
    player = AlarmSoundPlayer(backend=backend)
    with caplog.at_level(logging.WARNING, logger="console.alarm_sound"):
        player.alarm([Severity.HIGH])
        qtbot.waitUntil(lambda: backend.failures == 1, timeout=5000)
    assert "could not start" in caplog.records[-1].getMessage()


def test_no_audio_player_at_all_is_a_warning_and_alarms_stay_visual(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("console.alarm_sound.sys.platform", "linux")
    with caplog.at_level(logging.WARNING, logger="console.alarm_sound"):
        assert find_backend(which=lambda _program: None) is None
    assert "no audio player found" in caplog.records[-1].getMessage()
    found = find_backend(
        which=lambda program: f"/usr/bin/{program}" if program == "aplay" else None
    )
    assert isinstance(found, CommandSoundBackend)
    assert (found.program, found.args) == ("/usr/bin/aplay", ("-q",))
