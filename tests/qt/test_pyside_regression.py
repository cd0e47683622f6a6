"""PySide6 6.12.0 on Python 3.11 crashed with ``none_dealloc`` in every Python-overridden
virtual (see shared/FACTS.md). The pin in pyproject.toml avoids it; this keeps it avoided."""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from typing_extensions import override


def test_pyside_version_is_not_the_crashing_one() -> None:
    major, minor = (int(p) for p in PySide6.__version__.split(".")[:2])
    if sys.version_info < (3, 12):
        assert (major, minor) < (6, 12), f"PySide6 {PySide6.__version__} crashes on Python 3.11"


class Painted(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        self.paints += 1
        QPainter(self).fillRect(self.rect(), self.palette().window())


def test_overridden_virtuals_survive_many_calls(qtbot: QtBot) -> None:
    w = Painted()
    qtbot.addWidget(w)
    w.resize(64, 64)
    w.show()
    for _ in range(3000):
        w.grab()  # renders through paintEvent every time, exposed or not
    QApplication.processEvents()
    assert w.paints >= 3000
    # A reference leak to None ends in a fatal error, not a failed assertion; reaching here is the check.
    assert sys.getrefcount(None) > 0
