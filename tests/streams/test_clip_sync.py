"""The clip clock and the sync group's arithmetic, on simulated time (no libVLC window needed).

The real players are exercised against real recordings in ``tests/qt/test_evidence_player.py``.
"""

from __future__ import annotations

import pytest

from streams.clip_player import PlaybackClock, SyncGroup, SyncMember, SyncPolicy, drift_summary


class FakeClipPlayer:
    """A clip that advances with simulated time at ``speed`` times its rate (1.0 = exact).

    Like libVLC, a seek holds the target picture for ``landing_s`` before it plays on.
    """

    def __init__(
        self, length_ms: int = 60_000, speed: float = 1.0, landing_s: float = 0.35
    ) -> None:
        self.length_ms = length_ms
        self.rate = 1.0
        self.playing = False
        self.frame_ms = 40.0
        self.speed = speed
        self.pos = 0.0
        self.seeks: list[float] = []
        self.landing_s = landing_s
        self.frozen_s = 0.0

    def advance(self, seconds: float) -> None:
        if self.playing:
            moving = max(0.0, seconds - self.frozen_s)
            self.frozen_s = max(0.0, self.frozen_s - seconds)
            self.pos = min(self.length_ms, self.pos + moving * 1000.0 * self.rate * self.speed)

    def position_ms(self, now: float | None = None) -> float:
        return self.pos

    def play(self) -> None:
        self.playing = True

    def pause(self) -> None:
        self.playing = False

    def seek(self, position_ms: float) -> None:
        self.pos = max(0.0, min(position_ms, self.length_ms - 1))
        self.seeks.append(position_ms)
        self.frozen_s = self.landing_s

    def set_rate(self, rate: float) -> None:
        self.rate = rate

    def next_frame(self) -> None:
        self.playing = False
        self.pos += self.frame_ms


def run(group: SyncGroup, players: list[FakeClipPlayer], seconds: float, t0: float) -> float:
    """Advance the simulation in 100 ms ticks; returns the simulated time at the end."""
    now = t0
    for _ in range(round(seconds * 10)):
        now += 0.1
        for player in players:
            player.advance(0.1)
        group.tick(now)
    return now


def test_clock_interpolates_between_coarse_reports() -> None:
    clock = PlaybackClock()
    clock.set(0.0, 100.0)
    clock.run(True, 100.0)
    # libVLC reports every 250 ms; in between the clock runs on its own.
    clock.report(0, 100.0)
    assert clock.position(100.1) == pytest.approx(100.0)
    clock.report(250, 100.25)
    assert clock.position(100.35) == pytest.approx(350.0, abs=1.0)
    # A report far off (a seek by libVLC itself, a stall) resets the clock.
    clock.report(5000, 100.5)
    assert clock.position(100.5) == pytest.approx(5000.0)
    clock.run(False, 100.6)
    frozen = clock.position(100.6)
    assert clock.position(200.0) == frozen
    # Paused: libVLC's stale time after a frame step does not move the clock.
    clock.set(frozen + 40.0, 100.7)
    clock.report(4000, 100.8)
    assert clock.position(101.0) == pytest.approx(frozen + 40.0)


def test_clock_waits_for_a_seek_to_land() -> None:
    clock = PlaybackClock()
    clock.set(0.0, 0.0)
    clock.run(True, 0.0)
    clock.set(10_000.0, 1.0, seek=True)
    # The picture holds on the target while the decoder refills: so does the clock.
    clock.report(10_000, 1.01)  # libVLC echoes set_time at once: no news
    clock.report(1_100, 1.1)  # sent before the seek: ignored
    assert clock.position(1.3) == pytest.approx(10_000.0)
    # The landing (libVLC reports where it resumed) restarts the clock from there.
    clock.report(9_990, 1.4)
    assert clock.position(1.5) == pytest.approx(10_090.0)
    clock.report(10_400, 1.8)  # from here on, reports are smoothed (30 % of 10 ms)
    assert clock.position(1.8) == pytest.approx(10_393.0)
    # A seek whose landing is never reported: the clock runs on after 0.6 s.
    clock.set(20_000.0, 2.0, seek=True)
    assert clock.position(2.5) == pytest.approx(20_000.0)
    assert clock.position(3.0) == pytest.approx(20_400.0)
    # Paused, a seek is exact at once (no landing to wait for after play).
    clock.run(False, 3.0)
    clock.set(5_000.0, 3.1, seek=True)
    clock.run(True, 3.2)
    assert clock.position(3.3) == pytest.approx(5_100.0)


def test_group_keeps_a_slow_follower_within_tolerance() -> None:
    master, slow = FakeClipPlayer(), FakeClipPlayer(speed=0.97)
    group = SyncGroup(SyncPolicy(tolerance_ms=80, seek_ms=400, nudge=0.08))
    group.add(SyncMember(master, 1_000_000.0, "cam-001"))
    # The follower's clip starts 2 s later on the wall clock.
    group.add(SyncMember(slow, 1_002_000.0, "cam-002"))
    group.seek(1_003_000.0, now=0.0)
    group.play()
    now = run(group, [master, slow], 5.0, 0.0)
    group.drift_ms.clear()
    run(group, [master, slow], 20.0, now)
    # 3 % slow would be 600 ms behind after 20 s; nudging keeps it inside the seek threshold.
    assert max(abs(o) for o in group.offsets()) < 120
    assert drift_summary(group.drift_ms)["max_ms"] < 400
    assert group.corrections["nudge"] > 0
    assert group.corrections["seek"] == 0


def test_group_seeks_a_follower_that_jumped() -> None:
    master, follower = FakeClipPlayer(), FakeClipPlayer()
    group = SyncGroup()
    group.add(SyncMember(master, 0.0))
    group.add(SyncMember(follower, 0.0))
    group.play()
    now = run(group, [master, follower], 2.0, 0.0)
    follower.pos -= 1500  # a stall
    now = run(group, [master, follower], 0.2, now)
    assert group.corrections["seek"] == 1
    run(group, [master, follower], 2.0, now)
    assert abs(group.offsets()[1]) < 1.0


def test_group_leaves_a_follower_alone_outside_its_clip() -> None:
    master, late = FakeClipPlayer(length_ms=20_000), FakeClipPlayer(length_ms=5_000)
    group = SyncGroup()
    group.add(SyncMember(master, 0.0))
    group.add(SyncMember(late, 10_000.0))  # its clip covers 10-15 s of the master's
    group.play()
    run(group, [master, late], 3.0, 0.0)
    assert group.drift_ms == []
    assert late.seeks == []


def test_transport_reaches_every_member() -> None:
    players = [FakeClipPlayer() for _ in range(4)]
    group = SyncGroup()
    for index, player in enumerate(players):
        group.add(SyncMember(player, index * 1000.0))
    with pytest.raises(ValueError, match="at most 4"):
        group.add(SyncMember(FakeClipPlayer(), 0.0))
    group.seek(5000.0, now=0.0)
    assert [p.pos for p in players] == [5000.0, 4000.0, 3000.0, 2000.0]
    group.set_rate(2.0)
    assert {p.rate for p in players} == {2.0}
    group.next_frame()
    assert [p.pos for p in players] == [5040.0, 4040.0, 3040.0, 2040.0]
    group.previous_frame()
    assert group.position() == pytest.approx(5000.0)
    assert not group.playing
