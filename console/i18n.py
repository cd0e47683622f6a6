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


def update_catalogues() -> int:
    """``python -m console.i18n``: refresh the .ts catalogues from the sources and compile them.

    Translators edit ``assets/translations/ioc_console_vi.ts`` (Qt Linguist); this keeps it in
    step with the code and compiles the ``.qm`` files the console loads.
    """
    import subprocess
    import sys

    root = TRANSLATIONS.parent.parent
    bindir = Path(sys.executable).parent
    sources = sorted(
        str(p.relative_to(root)) for d in ("console", "widgets") for p in (root / d).rglob("*.py")
    )
    code = 0
    for ts in sorted(TRANSLATIONS.glob("ioc_console_*.ts")):
        rel = str(ts.relative_to(root))
        code |= subprocess.run(
            [str(bindir / "pyside6-lupdate"), *sources, "-no-obsolete", "-ts", rel],
            cwd=root,
            check=False,
        ).returncode
        code |= subprocess.run(
            [str(bindir / "pyside6-lrelease"), rel, "-qm", rel[:-3] + ".qm"], cwd=root, check=False
        ).returncode
    return code


if __name__ == "__main__":
    raise SystemExit(update_catalogues())
