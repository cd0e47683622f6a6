"""UI text exists in Vietnamese and English, and the catalogue keeps up with the code."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.i18n import TRANSLATIONS, install_translator
from console.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def test_every_source_text_is_translated(tmp_path: Path) -> None:
    ts = tmp_path / "ioc_console_vi.ts"
    shutil.copy(TRANSLATIONS / "ioc_console_vi.ts", ts)
    sources = sorted(str(p) for d in ("console", "widgets") for p in (ROOT / d).rglob("*.py"))
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run(
        [str(lupdate), *sources, "-no-obsolete", "-ts", str(ts)], check=True, capture_output=True
    )
    text = ts.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text, (
        "new UI text without a Vietnamese translation: run python -m console.i18n and translate"
    )
    assert (TRANSLATIONS / "ioc_console_vi.qm").stat().st_mtime >= (
        TRANSLATIONS / "ioc_console_vi.ts"
    ).stat().st_mtime - 1


def test_vietnamese_ui(qtbot: QtBot, qapp: QApplication) -> None:
    translator = install_translator(qapp, "vi")
    assert translator is not None
    try:
        window = MainWindow()
        qtbot.addWidget(window)
        assert "Trung tâm" in window.windowTitle()
        assert window.alert_table.ack_button.text() == "Xác nhận"
    finally:
        qapp.removeTranslator(translator)
    english = MainWindow()
    qtbot.addWidget(english)
    assert english.alert_table.ack_button.text() == "Acknowledge"
