"""Unexpected errors: logged in full, shown to the operator without stopping the console."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMainWindow

log = logging.getLogger("console.errors")


def _hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    log.error("unexpected error", exc_info=(kind, value, tb))
    app = QApplication.instance()
    if isinstance(app, QApplication):
        for widget in app.topLevelWidgets():
            if isinstance(widget, QMainWindow) and widget.isVisible():
                # Non-modal: the console keeps running; the log has the traceback.
                widget.statusBar().showMessage(f"Error: {value}", 15000)
                break


def install_error_hooks() -> None:
    """Route unexpected exceptions (including those of async slots) to the log and UI."""
    sys.excepthook = _hook
