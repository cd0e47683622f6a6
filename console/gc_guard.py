"""Python's cyclic garbage collection, run on the GUI thread only.

The collector runs in whichever thread happens to allocate when a threshold is crossed; that may
be a worker thread (the SQLite writer, an executor, the stderr drains). If it frees a cycle that
holds a QObject there, the QObject is destroyed off its thread and Qt keeps a dangling pointer in
the GUI thread's timer list: a segfault later (seen here). Anki's ``GarbageCollector`` does the
same for the same reason: automatic collection off, a timer collects on the GUI thread.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

INTERVAL_MS = 1000


class MainThreadGarbageCollector(QObject):
    """Disables automatic collection and collects from a GUI-thread timer instead."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        counts = gc.get_count()
        if counts[0] > self._threshold[0]:
            # Collect the youngest generation that has crossed its threshold, as gc would.
            generation = (
                2 if counts[2] > self._threshold[2] else 1 if counts[1] > self._threshold[1] else 0
            )
            gc.collect(generation)

    def collect_now(self) -> None:
        gc.collect()

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
