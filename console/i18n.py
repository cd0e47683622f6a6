"""UI language: Qt Linguist translations shipped in ``assets/translations``."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

import assets

log = logging.getLogger(__name__)

TRANSLATIONS = Path(assets.__file__).parent / "translations"


def install_translator(app: QApplication, language: str) -> QTranslator | None:
    """Load ``ioc_console_<language>.qm``; English is the source language and needs none."""
    if language == "en":
        return None
    translator = QTranslator(app)
    if translator.load(QLocale(language), "ioc_console", "_", str(TRANSLATIONS)):
        app.installTranslator(translator)
        return translator
    log.warning("no %s translation found in %s; showing English", language, TRANSLATIONS)
    return None
