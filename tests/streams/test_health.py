"""The stream-health state machine, driven by a fake clock (pure: no libVLC, no Qt)."""

from __future__ import annotations

import random
import time

import pytest

from streams.health import Action, HealthPolicy, StreamHealth, StreamState

POLL = 0.25


class FixedRandom(random.Random):
    """A Random whose ``uniform`` always lands at the same fraction of its range."""

    def __init__(self, fraction: float) -> None:
        super().__init__(0)
        self.fraction = fraction

    def uniform(self, a: float, b: float) -> float:
        return a + (b - a) * self.fraction


class Feed:
    """A fake camera + clock: advances time in poll steps, feeding counters like the player."""

    def __init__(self, health: StreamHealth, start: float = 1000.0) -> None:
        self.health = health
        self.now = start
        self.displayed = 0
        self.lost = 0
        self.actions: list[Action] = []

    def run(self, seconds: float, fps: float = 0.0) -> None:
        steps = round(seconds / POLL)
        for _ in range(steps):
            self.now += POLL
            self.displayed += round(fps * POLL)
            self.health.on_frames(self.displayed, self.lost, self.now)
            action = self.health.tick(self.now)
            self.actions.append(action)
            if action is Action.RESTART:
                # A new libVLC media: its counters start again at zero.
                self.displayed = 0


def make(jitter_fraction: float = 0.5, **policy: float) -> tuple[StreamHealth, Feed]:
    # fraction 0.5 of uniform(-j, +j) is 0: no jitter unless a test asks for it.
    health = StreamHealth(HealthPolicy(**policy), FixedRandom(jitter_fraction))
    return health, Feed(health)


def fail_once(health: StreamHealth, feed: Feed, reason: str = "boom") -> float:
    """Fail from a connecting/live state and return the scheduled delay."""
    health.on_error(reason, feed.now)
    retry = health.retry_in(feed.now)
    assert retry is not None
    return retry


def test_starts_idle_and_does_nothing() -> None:
    health = StreamHealth()
    assert health.state is StreamState.IDLE
    assert health.tick(0.0) is Action.NONE
    assert health.tick(1e6) is Action.NONE
    assert health.detail(0.0) == "idle"
    assert health.frame_age(0.0) is None
    assert health.retry_in(0.0) is None
    assert health.last_error is None
    assert health.fps == 0.0


def test_connecting_goes_live_on_first_rising_count() -> None:
    health, feed = make()
    health.start(feed.now)
    assert health.state is StreamState.CONNECTING
    assert health.detail(feed.now) == "connecting"
    health.on_playing(feed.now)
    assert health.detail(feed.now) == "waiting for video"
    feed.run(1.0, fps=0)
    assert health.state is StreamState.CONNECTING
    feed.run(0.25, fps=4)
    assert health.state is StreamState.LIVE
    assert health.frame_age(feed.now) == 0.0
    assert health.attempt == 0


def test_fps_over_the_window_and_live_detail() -> None:
    health, feed = make()
    health.start(feed.now)
    # 15 fps fed as 4,4,4,3 per quarter second is exactly 15 per second.
    for _ in range(12):
        for n in (4, 4, 4, 3):
            feed.now += POLL
            feed.displayed += n
            health.on_frames(feed.displayed, 0, feed.now)
            assert health.tick(feed.now) is Action.NONE
    assert health.fps == pytest.approx(15.0, abs=1.0)
    assert health.detail(feed.now) == "live 15 fps"
    assert health.displayed_frames == feed.displayed


def test_fps_decays_to_zero_when_frames_stop() -> None:
    health, feed = make(stall_after=100.0)
    health.start(feed.now)
    feed.run(3.0, fps=20)
    assert health.fps == pytest.approx(20.0)
    feed.run(3.0, fps=0)
    assert health.fps == 0.0
    assert health.state is StreamState.LIVE  # stall_after is 100 s here


def test_no_frame_within_connect_timeout_is_a_failure() -> None:
    health, feed = make()
    start = feed.now
    health.start(start)
    assert health.tick(start + 7.99) is Action.NONE
    assert health.state is StreamState.CONNECTING
    assert health.tick(start + 8.0) is Action.NONE
    assert health.state is StreamState.RECONNECTING
    assert health.attempt == 1
    assert health.last_error == "no video after 8 s"
    # The delay counts from the deadline, not from the (possibly late) tick.
    assert health.retry_in(start + 8.0) == pytest.approx(1.0)


def test_live_stalls_then_recovers() -> None:
    health, feed = make()
    health.start(feed.now)
    feed.run(2.0, fps=15)
    last_frame = feed.now
    assert health.tick(last_frame + 2.99) is Action.NONE
    assert health.state is StreamState.LIVE
    assert health.tick(last_frame + 3.0) is Action.NONE
    assert health.state is StreamState.STALLED
    assert health.detail(last_frame + 3.4) == "stalled: no video for 3 s"
    assert health.frame_age(last_frame + 3.4) == pytest.approx(3.4)
    feed.now = last_frame + 4.0
    feed.displayed += 1
    health.on_frames(feed.displayed, 0, feed.now)
    assert health.state is StreamState.LIVE
    assert health.attempt == 0


def test_stalled_reconnects_after_reconnect_after() -> None:
    health, feed = make()
    health.start(feed.now)
    feed.run(2.0, fps=15)
    last_frame = feed.now
    health.tick(last_frame + 3.0)
    assert health.state is StreamState.STALLED
    assert health.tick(last_frame + 4.99) is Action.NONE
    assert health.state is StreamState.STALLED
    assert health.tick(last_frame + 5.0) is Action.NONE
    assert health.state is StreamState.RECONNECTING
    assert health.attempt == 1
    assert health.last_error == "no video for 5 s"


def test_error_while_stalled_reconnects_at_once() -> None:
    health, feed = make()
    health.start(feed.now)
    feed.run(1.0, fps=15)
    feed.run(3.0, fps=0)
    assert health.state is StreamState.STALLED
    health.on_error("Connection reset by peer", feed.now)
    assert health.state is StreamState.RECONNECTING
    assert health.last_error == "Connection reset by peer"


def test_error_while_live_reconnects_and_restart_follows_backoff() -> None:
    health, feed = make()
    health.start(feed.now)
    feed.run(1.0, fps=15)
    failed_at = feed.now
    health.on_error("the stream ended", failed_at)
    assert health.state is StreamState.RECONNECTING
    assert health.retry_in(failed_at) == pytest.approx(1.0)
    assert health.tick(failed_at + 0.99) is Action.NONE
    assert health.tick(failed_at + 1.0) is Action.RESTART
    assert health.state is StreamState.CONNECTING
    assert health.tick(failed_at + 1.0) is Action.NONE  # RESTART is returned once
    assert health.detail(failed_at + 1.0) == "connecting (attempt 1)"


def test_one_failure_raising_several_signals_counts_once() -> None:
    health, feed = make()
    health.start(feed.now)
    health.on_error("libVLC could not play the stream", feed.now)
    health.on_error("the stream ended", feed.now + 0.1)
    assert health.attempt == 1
    assert health.last_error == "the stream ended"
    assert health.retry_in(feed.now) == pytest.approx(1.0)


def test_backoff_doubles_and_caps_at_30() -> None:
    health, feed = make()
    health.start(feed.now)
    delays = []
    for _ in range(8):
        delays.append(fail_once(health, feed))
        feed.now += delays[-1]
        assert health.tick(feed.now) is Action.RESTART
    assert delays == pytest.approx([1, 2, 4, 8, 16, 30, 30, 30])
    assert health.attempt == 8


def test_backoff_cap_does_not_overflow_after_thousands_of_failures() -> None:
    policy = HealthPolicy()
    assert policy.nominal_backoff(1) == 1.0
    assert policy.nominal_backoff(5000) == 30.0


@pytest.mark.parametrize("fraction", [0.0, 1.0])
def test_jitter_extremes_are_plus_minus_20_percent(fraction: float) -> None:
    health, feed = make(jitter_fraction=fraction)
    health.start(feed.now)
    expected = 0.8 if fraction == 0.0 else 1.2
    delays = []
    for _ in range(7):
        delays.append(fail_once(health, feed))
        feed.now += delays[-1]
        assert health.tick(feed.now) is Action.RESTART
    nominal = [1, 2, 4, 8, 16, 30, 30]
    assert delays == pytest.approx([n * expected for n in nominal])


def test_jitter_with_a_real_rng_stays_in_bounds_and_varies() -> None:
    ratios = []
    for seed in range(300):
        health = StreamHealth(rng=random.Random(seed))
        health.start(0.0)
        health.on_error("boom", 0.0)
        retry = health.retry_in(0.0)
        assert retry is not None
        ratios.append(retry / 1.0)
    assert all(0.8 <= r <= 1.2 for r in ratios)
    # Spread over the range, not stuck at one value: that is the point of jitter.
    assert min(ratios) < 0.85
    assert max(ratios) > 1.15


def test_seeded_rng_makes_backoff_reproducible() -> None:
    def delays(seed: int) -> list[float]:
        health = StreamHealth(rng=random.Random(seed))
        health.start(0.0)
        out = []
        now = 0.0
        for _ in range(5):
            health.on_error("boom", now)
            retry = health.retry_in(now)
            assert retry is not None
            out.append(retry)
            now += retry
            assert health.tick(now) is Action.RESTART
        return out

    assert delays(7) == delays(7)
    assert delays(7) != delays(8)


def test_backoff_resets_after_ten_seconds_live() -> None:
    health, feed = make()
    health.start(feed.now)
    for _ in range(3):
        feed.now += fail_once(health, feed)
        assert health.tick(feed.now) is Action.RESTART
    assert health.attempt == 3
    feed.run(9.75, fps=15)  # LIVE from the first poll: 9.5 s live so far
    assert health.state is StreamState.LIVE
    assert health.attempt == 3
    feed.run(0.5, fps=15)
    assert health.attempt == 0
    assert fail_once(health, feed) == pytest.approx(1.0)


def test_backoff_keeps_growing_when_live_was_short() -> None:
    health, feed = make()
    health.start(feed.now)
    for _ in range(3):
        feed.now += fail_once(health, feed)
        assert health.tick(feed.now) is Action.RESTART
    feed.run(5.0, fps=15)
    assert health.state is StreamState.LIVE
    assert fail_once(health, feed) == pytest.approx(8.0)
    assert health.attempt == 4


def test_a_stall_interrupts_the_stable_period() -> None:
    health, feed = make(stall_after=1.0, reconnect_after=100.0)
    health.start(feed.now)
    feed.now += fail_once(health, feed)
    health.tick(feed.now)
    feed.run(6.0, fps=15)
    feed.run(1.5, fps=0)
    assert health.state is StreamState.STALLED
    feed.run(6.0, fps=15)  # live again for 6 s: 12 s since first LIVE, but not in one stretch
    assert health.state is StreamState.LIVE
    assert health.attempt == 1


def test_restart_resets_the_counters_of_the_new_session() -> None:
    health, feed = make()
    health.start(feed.now)
    feed.run(2.0, fps=15)
    health.on_error("boom", feed.now)
    feed.now += 1.0
    assert health.tick(feed.now) is Action.RESTART
    assert health.displayed_frames == 0
    feed.now += POLL
    health.on_frames(3, 0, feed.now)  # lower than the old session's count, yet new frames
    assert health.state is StreamState.LIVE


def test_a_lower_count_without_restart_is_taken_as_a_new_session() -> None:
    health, feed = make()
    health.start(feed.now)
    health.on_frames(100, 0, feed.now)
    health.tick(feed.now)
    feed.now += 3.5
    health.tick(feed.now)
    assert health.state is StreamState.STALLED
    health.on_frames(2, 0, feed.now)
    assert health.state is StreamState.LIVE


def test_frames_while_reconnecting_do_not_cancel_the_reconnect() -> None:
    health, feed = make()
    health.start(feed.now)
    feed.run(1.0, fps=15)
    health.on_error("relay exited", feed.now)
    feed.run(0.5, fps=15)  # the dying session's last buffered pictures
    assert health.state is StreamState.RECONNECTING
    assert health.frame_age(feed.now) == 0.0
    feed.run(0.5, fps=0)
    assert feed.actions[-1] is Action.RESTART


def test_a_late_tick_lands_where_punctual_ticks_would_have() -> None:
    health, feed = make()
    health.start(feed.now)
    feed.run(1.0, fps=15)
    last_frame = feed.now
    # The GUI thread froze for 100 s: stall at +3, reconnect at +5, retry due at +6.
    assert health.tick(last_frame + 100.0) is Action.RESTART
    assert health.state is StreamState.CONNECTING
    assert health.attempt == 1
    # The new connect attempt gets its full timeout from now on.
    assert health.tick(last_frame + 107.9) is Action.NONE
    assert health.state is StreamState.CONNECTING


def test_reconnecting_detail() -> None:
    health, feed = make(jitter_fraction=1.0)  # +20 %
    health.start(feed.now)
    feed.now += fail_once(health, feed, "Connection refused")
    health.tick(feed.now)
    fail_once(health, feed, "Connection refused")  # attempt 2: 2 s + 20 % = 2.4 s
    assert health.detail(feed.now) == "reconnecting in 3 s (attempt 2): Connection refused"
    assert health.detail(feed.now + 1.5) == "reconnecting in 1 s (attempt 2): Connection refused"
    assert health.detail(feed.now + 2.4).startswith("reconnecting now (attempt 2)")


def test_offline_stops_and_never_retries_until_back() -> None:
    health, feed = make()
    health.start(feed.now)
    feed.run(1.0, fps=15)
    health.set_offline(True, feed.now)
    assert health.state is StreamState.OFFLINE
    assert health.offline
    assert health.tick(feed.now) is Action.STOP
    assert health.tick(feed.now) is Action.NONE
    feed.run(120.0, fps=15)  # counters are ignored while offline
    assert set(feed.actions[-480:]) == {Action.NONE}
    assert health.state is StreamState.OFFLINE
    assert health.detail(feed.now) == "offline"
    health.on_error("ignored", feed.now)
    assert health.state is StreamState.OFFLINE
    health.set_offline(False, feed.now)
    assert health.state is StreamState.RECONNECTING
    assert health.attempt == 0
    assert health.tick(feed.now) is Action.RESTART
    assert health.state is StreamState.CONNECTING


def test_offline_while_reconnecting_cancels_the_retry() -> None:
    health, feed = make()
    health.start(feed.now)
    for _ in range(4):
        feed.now += fail_once(health, feed)
        health.tick(feed.now)
    fail_once(health, feed)
    health.set_offline(True, feed.now)
    assert health.tick(feed.now) is Action.STOP
    assert health.retry_in(feed.now) is None
    assert health.tick(feed.now + 1000) is Action.NONE
    health.set_offline(False, feed.now + 1000)
    assert health.attempt == 0  # the camera came back: start the backoff over


def test_start_offline_opens_nothing_until_back() -> None:
    health, feed = make()
    health.start(feed.now, offline=True)
    assert health.state is StreamState.OFFLINE
    assert health.tick(feed.now) is Action.NONE  # nothing runs, so nothing to stop
    health.set_offline(True, feed.now)  # repeated reports change nothing
    assert health.tick(feed.now + 50) is Action.NONE
    health.set_offline(False, feed.now + 50)
    assert health.tick(feed.now + 50) is Action.RESTART


def test_offline_before_start_then_back_stays_idle() -> None:
    health = StreamHealth()
    health.set_offline(True, 0.0)
    assert health.state is StreamState.OFFLINE
    assert health.tick(0.0) is Action.NONE
    health.set_offline(False, 1.0)
    assert health.state is StreamState.IDLE
    assert health.tick(2.0) is Action.NONE


def test_stop_forgets_everything() -> None:
    health, feed = make()
    health.start(feed.now)
    feed.run(1.0, fps=15)
    fail_once(health, feed)
    health.set_offline(True, feed.now)
    health.stop()
    assert health.state is StreamState.IDLE
    assert health.attempt == 0
    assert health.last_error is None
    assert not health.offline
    assert health.frame_age(feed.now) is None
    assert health.fps == 0.0
    feed.run(30.0, fps=15)
    assert health.state is StreamState.IDLE
    assert set(feed.actions) <= {Action.NONE, Action.STOP}
    assert Action.RESTART not in feed.actions


def test_policy_timings_are_configurable() -> None:
    health, feed = make(stall_after=1.0, reconnect_after=0.5, connect_timeout=2.0)
    health.start(feed.now)
    feed.run(2.0)
    assert health.state is StreamState.RECONNECTING
    assert health.last_error == "no video after 2 s"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"jitter": 1.0},
        {"jitter": -0.1},
        {"stall_after": 0.0},
        {"connect_timeout": -1.0},
        {"backoff_initial": 5.0, "backoff_max": 1.0},
    ],
)
def test_policy_rejects_nonsense(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        HealthPolicy(**kwargs)


def test_never_reads_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden() -> float:
        raise AssertionError("StreamHealth read the clock")

    for name in ("monotonic", "time", "perf_counter"):
        monkeypatch.setattr(time, name, forbidden)
    health, feed = make()
    health.start(feed.now)
    feed.run(2.0, fps=15)
    feed.run(10.0, fps=0)
    health.detail(feed.now)
    health.set_offline(True, feed.now)
    health.set_offline(False, feed.now)
    feed.run(1.0, fps=15)
    assert health.state is StreamState.LIVE


def test_a_starving_stream_is_not_restarted_while_its_input_arrives() -> None:
    """Input keeps coming (bytes read, late pictures dropped) but nothing is shown: the machine is
    behind. A reconnect would only add work, so it waits for starve_limit, not reconnect_after."""
    health, feed = make()
    health.start(feed.now)
    feed.run(2.0, fps=15)
    received = 1000
    health.on_frames(feed.displayed, 0, feed.now, received=received)
    last_frame = feed.now
    lost = 0
    t = last_frame
    while t < last_frame + 29.5:
        t += 0.5
        received += 5000
        lost += 7
        health.on_frames(feed.displayed, lost, t, received=received)
        assert health.tick(t) is Action.NONE
    assert health.state is StreamState.STALLED
    assert health.starving(t)
    assert health.detail(t).startswith("behind: video arrives but is shown late")
    # starve_limit (30 s after the stall began at last_frame + 3) ends the wait.
    received += 5000
    health.on_frames(feed.displayed, lost, last_frame + 32.5, received=received)
    assert health.tick(last_frame + 32.99) is Action.NONE
    assert health.state is StreamState.STALLED
    assert health.tick(last_frame + 33.0) is Action.NONE
    assert health.state is StreamState.RECONNECTING
    assert health.last_error == "video shown too late for 30 s"


def test_a_starving_stream_recovers_to_live_without_a_reconnect() -> None:
    health, feed = make()
    health.start(feed.now)
    feed.run(2.0, fps=15)
    health.on_frames(feed.displayed, 0, feed.now, received=10)
    last_frame = feed.now
    for i in range(1, 21):
        health.on_frames(feed.displayed, i, last_frame + i * 0.5, received=10 + i)
        health.tick(last_frame + i * 0.5)
    assert health.state is StreamState.STALLED
    feed.displayed += 3
    health.on_frames(feed.displayed, 20, last_frame + 10.5, received=99)
    assert health.state is StreamState.LIVE
    assert health.attempt == 0


def test_input_that_stops_while_starving_counts_as_dead_from_then() -> None:
    health, feed = make()
    health.start(feed.now)
    feed.run(2.0, fps=15)
    health.on_frames(feed.displayed, 0, feed.now, received=0)
    last_frame = feed.now
    # Input flows for 6 s after the last frame, then stops.
    for i in range(1, 13):
        health.on_frames(feed.displayed, 0, last_frame + i * 0.5, received=i)
        health.tick(last_frame + i * 0.5)
    assert health.state is StreamState.STALLED
    input_stopped = last_frame + 6.0
    # Dead once no input for stall_after (3 s), then reconnect_after (2 s) more.
    assert health.tick(input_stopped + 4.99) is Action.NONE
    assert health.state is StreamState.STALLED
    assert not health.starving(input_stopped + 4.99)
    health.tick(input_stopped + 5.0)
    assert health.state is StreamState.RECONNECTING
    assert health.last_error == "no video for 5 s"


def test_a_silent_stream_without_input_counters_reconnects_as_before() -> None:
    health, feed = make()
    health.start(feed.now)
    feed.run(2.0, fps=15)
    health.on_frames(feed.displayed, 0, feed.now, received=500)
    last_frame = feed.now
    for i in range(1, 11):
        health.on_frames(feed.displayed, 0, last_frame + i * 0.5, received=500)
        health.tick(last_frame + i * 0.5)
    assert health.state is StreamState.RECONNECTING
    assert health.last_error == "no video for 5 s"


def test_a_slow_start_with_input_arriving_is_not_a_failed_connect() -> None:
    """Many streams starting on a busy machine: bytes arrive, the first picture is late. The
    connect timeout is stretched to starve_limit rather than thrown away by a restart."""
    health, feed = make()
    health.start(feed.now)
    started = feed.now
    health.on_frames(0, 0, started, received=0)
    t = started
    while t < started + 20.0:
        t += 0.5
        health.on_frames(0, 0, t, received=int(t * 1000))
        assert health.tick(t) is Action.NONE
    assert health.state is StreamState.CONNECTING
    health.on_frames(1, 0, t + 0.1, received=int(t * 1000) + 5)
    assert health.state is StreamState.LIVE
    assert health.attempt == 0


def test_a_connect_with_no_input_fails_at_the_connect_timeout() -> None:
    health, feed = make()
    health.start(feed.now)
    started = feed.now
    health.on_frames(0, 0, started, received=0)
    for i in range(1, 16):
        health.on_frames(0, 0, started + i * 0.5, received=0)
        health.tick(started + i * 0.5)
    assert health.state is StreamState.CONNECTING
    health.tick(started + 8.0)
    assert health.state is StreamState.RECONNECTING
    assert health.last_error == "no video after 8 s"


def test_each_failed_connect_gives_the_next_attempt_longer() -> None:
    """8 s, then 16 s, then 24 s, capped at starve_limit (30 s): a slow server is not hammered."""
    health, feed = make()
    t = feed.now
    health.start(t)
    waited = []
    for _ in range(4):
        started = t
        while health.state is StreamState.CONNECTING:
            t += 0.25
            health.tick(t)
        waited.append(t - started)
        assert health.state is StreamState.RECONNECTING
        t += health.retry_in(t) or 0.0
        assert health.tick(t) is Action.RESTART
    assert waited == [8.0, 16.0, 24.0, 30.0]
