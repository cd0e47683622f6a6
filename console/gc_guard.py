"""Python's cyclic garbage collection, run on the GUI thread only, in short steps.

The collector runs in whichever thread happens to allocate when a threshold is crossed; that may
be a worker thread (the SQLite writer, an executor, the stderr drains). If it frees a cycle that
holds a QObject there, the QObject is destroyed off its thread and Qt keeps a dangling pointer in
the GUI thread's timer list: a segfault later (seen here). Anki's ``GarbageCollector`` does the
same for the same reason: automatic collection off, a timer collects on the GUI thread.

Collecting on the GUI thread makes every collection a stall of the GUI, and a full collection
walks every tracked object: with 100,000 alerts held (several pydantic objects each) that took
0.9-1.8 s. So objects that survive a collection of an older generation are *frozen*
(``gc.freeze()``: moved to the permanent generation that no collection walks), as Instagram
does for its long-lived objects. Young collections then only walk what arrived since the
last one (a few milliseconds at 2,000 alerts/s), and no collection walks the alert list.

The price: a cycle among frozen objects that becomes garbage later is not freed until the next
deep collection (``unfreeze``, collect everything, freeze again), which runs every
``deep_interval_s`` (hours) and on :meth:`collect_now`. Long-lived objects rarely form cycles
that die (the alert list never does), so that is a small, bounded amount of memory.
"""

from __future__ import annotations

import gc
import logging
import time
from typing import Final

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

INTERVAL_MS: Final = 1000
# Young collections run every tick that saw allocations; the middle one every few ticks, so
# it never walks more than a few seconds' worth of survivors.
MIDDLE_EVERY: Final = 3
DEEP_INTERVAL_S: Final = 4 * 3600.0
SLOW_COLLECTION_S: Final = 0.1


class MainThreadGarbageCollector(QObject):
    """Disables automatic collection; collects from a GUI-thread timer and freezes survivors."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        freeze: bool = True,
        deep_interval_s: float = DEEP_INTERVAL_S,
    ) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        self.freeze = freeze
        self.deep_interval_s = deep_interval_s
        self._last_deep = time.monotonic()
        # Figures for benchmarks and logs: how long the collections on the GUI thread took.
        self.collections = 0
        self.longest_s = 0.0
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        if self.freeze and time.monotonic() - self._last_deep >= self.deep_interval_s:
            self.collect_now()
            return
        counts = gc.get_count()
        if counts[0] <= self._threshold[0]:
            return
        if not self.freeze:
            # Collect the youngest generation that has crossed its threshold, as gc would.
            generation = (
                2 if counts[2] > self._threshold[2] else 1 if counts[1] > self._threshold[1] else 0
            )
        else:
            generation = 1 if counts[1] >= MIDDLE_EVERY else 0
        self._collect(generation)
        if generation >= 1 and self.freeze:
            # What survived two collections is long-lived (the alert list, caches, widgets):
            # out of sight of every later collection.
            gc.freeze()

    def _collect(self, generation: int) -> None:
        started = time.perf_counter()
        gc.collect(generation)
        spent = time.perf_counter() - started
        self.collections += 1
        self.longest_s = max(self.longest_s, spent)
        if spent > SLOW_COLLECTION_S:
            log.info("garbage collection (generation %d) took %.0f ms", generation, spent * 1000)

    def collect_now(self) -> None:
        """A deep collection: everything, frozen objects included (then frozen again)."""
        self._last_deep = time.monotonic()
        if self.freeze:
            gc.unfreeze()
        self._collect(2)
        if self.freeze:
            gc.freeze()
        log.info("deep garbage collection: %d objects frozen", gc.get_freeze_count())

    def stop(self) -> None:
        self._timer.stop()
        if self.freeze:
            gc.unfreeze()
        gc.enable()
