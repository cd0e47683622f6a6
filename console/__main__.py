"""Entry point ``ioc-console``: the operator console."""

from __future__ import annotations

import argparse
import asyncio
import functools
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from console.app import ConsoleApp, LoginRequestArgs
from console.errors import install_error_hooks
from console.evidence_verify import main as verify_package_main
from console.gc_guard import MainThreadGarbageCollector
from console.i18n import install_translator
from console.settings import ConsoleSettings, config_dir

log = logging.getLogger("console")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ioc-console", description="IOC operator console")
    p.add_argument("--server", help="backend URL, e.g. http://127.0.0.1:8700")
    p.add_argument("--user", help="user name")
    p.add_argument("--password", help="password (demo only; prefer the dialog)")
    p.add_argument("--autologin", action="store_true", help="sign in without the dialog")
    p.add_argument(
        "--wall",
        nargs="?",
        const="",
        metavar="NAME",
        help="wall mode: full-screen walls that follow pushed layouts (NAME targets pushes)",
    )
    p.add_argument("--lang", choices=["vi", "en"], help="UI language (default from settings)")
    p.add_argument("--rtsp-mode", choices=["auto", "direct", "relay"], help="how rtsp:// is opened")
    p.add_argument("--screenshot", type=Path, help="save a screenshot of the screen to this PNG")
    p.add_argument("--screenshot-after", type=float, default=20.0, help="seconds before it")
    p.add_argument("--quit-after", type=float, help="quit after this many seconds (demos, docs)")
    p.add_argument("-v", "--verbose", action="store_true")
    return p


def setup_logging(verbose: bool) -> None:
    path = config_dir() / "console.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    handlers: list[logging.Handler] = [
        logging.StreamHandler(),
        logging.FileHandler(path, encoding="utf-8"),
    ]
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers,
    )


def save_screenshot(app: QApplication, path: Path) -> None:
    screen = app.primaryScreen()
    pixmap = screen.grabWindow(0)
    path.parent.mkdir(parents=True, exist_ok=True)
    pixmap.save(str(path), "PNG")
    log.info("screenshot saved to %s", path)


async def run(app: QApplication, args: argparse.Namespace) -> int:
    settings = ConsoleSettings.load()
    if args.rtsp_mode:
        settings.rtsp_mode = args.rtsp_mode
    if args.wall is not None:
        settings.wall_mode = True
        settings.wall_name = args.wall
    console = ConsoleApp(app, settings)
    req = LoginRequestArgs(
        server_url=args.server or settings.server_url,
        username=args.user or settings.username,
        password=args.password,
        autologin=args.autologin,
    )
    try:
        if not await console.login(req):
            return 1
        await console.start()
        if args.screenshot:
            QTimer.singleShot(
                int(args.screenshot_after * 1000),
                functools.partial(save_screenshot, app, args.screenshot),
            )
        if args.quit_after:
            QTimer.singleShot(
                int(args.quit_after * 1000), console.window.close if console.window else app.quit
            )
        await console.wait_closed()
    finally:
        await console.shutdown()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["verify"]:
        # ``ioc-console verify PACKAGE``: a plain CLI, no Qt, no login.
        return verify_package_main(argv[1:])
    args = build_parser().parse_args(argv)
    setup_logging(args.verbose)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("ioc-console")
    app.setOrganizationName("ioc")
    install_translator(app, args.lang or ConsoleSettings.load().language)
    install_error_hooks()
    collector = MainThreadGarbageCollector(app)  # noqa: F841 - lives as long as the app
    with asyncio.Runner(loop_factory=functools.partial(qasync.QEventLoop, app)) as runner:
        return runner.run(run(app, args))


if __name__ == "__main__":
    sys.exit(main())
