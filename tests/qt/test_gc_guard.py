"""The GUI-thread collector freezes what survives, so no collection walks the alert list.

The timer is driven by hand (its slot called directly) so that each step is deterministic.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from console.gc_guard import MainThreadGarbageCollector
from console.models.alert_table_model import AlertTableModel
from tests.qt.test_alert_model import alert


@pytest.fixture
def guard(qtbot: QtBot) -> Iterator[MainThreadGarbageCollector]:
    collector = MainThreadGarbageCollector(deep_interval_s=3600)
    collector._timer.stop()  # ticks are driven by the test
    try:
        yield collector
    finally:
        collector.stop()  # unfreezes and re-enables automatic collection
        gc.disable()  # as the test session runs (tests/conftest.py)
        gc.collect()


def tick_until_frozen(guard: MainThreadGarbageCollector) -> None:
    before = gc.get_freeze_count()
    for _ in range(20):
        keep = [[i] for i in range(1000)]  # allocations enough to cross the young threshold
        guard._on_timer_timeout()
        del keep
        if gc.get_freeze_count() > before:
            return
    raise AssertionError("the collector never froze the survivors")


def test_alerts_held_by_the_model_leave_the_collectors_sight(
    guard: MainThreadGarbageCollector, qtbot: QtBot
) -> None:
    model = AlertTableModel(grouping=False, flash_critical=False)
    model.apply([alert(i) for i in range(1, 2001)])
    held = model.alert(1234)
    row = model.row_for(1234)
    tracked = {id(o) for o in gc.get_objects()}
    assert id(held) in tracked
    assert id(row) in tracked

    tick_until_frozen(guard)
    tracked = {id(o) for o in gc.get_objects()}
    assert id(held) not in tracked, "a frozen alert is walked by no collection"
    assert id(row) not in tracked


def test_a_deep_collection_frees_cycles_among_frozen_objects(
    guard: MainThreadGarbageCollector,
) -> None:
    class Node:
        other: object = None

    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle: only the cyclic collector can free it
    gone = weakref.ref(a)
    tick_until_frozen(guard)
    del a, b
    for _ in range(5):
        keep = [[i] for i in range(1000)]
        guard._on_timer_timeout()
        del keep
    assert gone() is not None, "young collections do not walk frozen objects"
    guard.collect_now()
    assert gone() is None, "the deep collection does"
    assert gc.get_freeze_count() > 0, "and freezes the survivors again"


def test_without_freezing_it_collects_as_python_would(qtbot: QtBot) -> None:
    collector = MainThreadGarbageCollector(freeze=False)
    collector._timer.stop()
    try:
        for _ in range(15):
            keep = [[i] for i in range(1000)]
            collector._on_timer_timeout()
            del keep
        assert collector.collections >= 10
        assert gc.get_freeze_count() == 0
    finally:
        collector.stop()
        gc.disable()
