"""Snapshot thumbnails in the alert table and the alert's camera live beside the detail pane.

Real parts: the reference backend grabbing real snapshots (ffmpeg) from the real RTSP media
server, the console's REST client, libVLC playing the camera into the detail pane under X.
"""

from __future__ import annotations

import asyncio
import functools
import os
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import qasync
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backend.media_process import MediaServerProcess
from console.controllers.alert_camera_controller import AlertCameraController
from console.controllers.alert_controller import AlertController
from console.models.alert_table_model import (
    SNAPSHOT_COLUMN,
    THUMBNAIL_CACHE,
    AlertTableModel,
)
from server_client.contract import Alert, Camera
from server_client.rest import RestClient
from streams import VideoEngine
from tests.backend.backend_runner import BackendRunner
from tests.qt.test_alert_model import alert
from widgets.alert_table import AlertTableWidget
from widgets.roles import ALERT_ID_ROLE, THUMBNAIL_WANTED_ROLE


def test_thumbnails_are_decorations_of_the_snapshot_column_in_a_bounded_cache(
    qtmodeltester: object,
) -> None:
    model = AlertTableModel(grouping=False)
    url = "/api/v1/alerts/1/snapshot"
    model.apply(
        [alert(i, snapshot_url=None if i == 2 else url) for i in range(1, THUMBNAIL_CACHE + 12)]
    )
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles: changed.append((a.row(), a.column())))
    row_of_1 = model.rowCount() - 1  # newest first
    assert model.index(row_of_1, SNAPSHOT_COLUMN).data(THUMBNAIL_WANTED_ROLE) is True
    assert model.index(row_of_1 - 1, SNAPSHOT_COLUMN).data(THUMBNAIL_WANTED_ROLE) is False

    image = QImage(64, 36, QImage.Format.Format_RGB32)
    model.set_thumbnail(1, image)
    assert changed == [(row_of_1, SNAPSHOT_COLUMN)]
    assert model.index(row_of_1, SNAPSHOT_COLUMN).data(THUMBNAIL_WANTED_ROLE) is False
    decoration = model.index(row_of_1, SNAPSHOT_COLUMN).data(1)  # DecorationRole
    assert isinstance(decoration, QImage)
    assert decoration.size() == image.size()
    assert model.index(row_of_1, 0).data(1) is None, "only the snapshot column has one"

    others = range(3, THUMBNAIL_CACHE + 12)
    for i in others:
        model.set_thumbnail(i, image)
    held = [i for i in (1, *others) if model.thumbnail(i) is not None]
    assert len(held) == THUMBNAIL_CACHE
    assert model.thumbnail(1) is None, "the least recently shown went first"
    qtmodeltester.check(model)  # type: ignore[attr-defined]


pytestmark_display = pytest.mark.skipif(
    not os.environ.get("DISPLAY"), reason="needs an X display (./ioc test starts Xvfb)"
)


@pytest.fixture(scope="module")
def media_backend(
    tmp_path_factory: pytest.TempPathFactory, media_server: MediaServerProcess
) -> Iterator[BackendRunner]:
    runner = BackendRunner(
        tmp_path_factory.mktemp("thumbs") / "backend",
        "--sim-interval", "0", "--cameras", "2", "--rtsp-base", media_server.url_base,
    )  # fmt: skip
    runner.start()
    yield runner
    runner.stop()


async def wait_for(predicate: object, seconds: float, what: str) -> None:
    for _ in range(int(seconds * 10)):
        if predicate():  # type: ignore[operator]
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def run(app: QApplication, coro: object) -> None:
    with asyncio.Runner(loop_factory=functools.partial(qasync.QEventLoop, app)) as runner:
        runner.run(coro)  # type: ignore[arg-type]


class CountingRest(RestClient):
    """The real client, noting which snapshots it was asked for."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.asked: list[int] = []

    async def snapshot(self, alert_id: int) -> bytes:
        self.asked.append(alert_id)
        return await super().snapshot(alert_id)


@pytestmark_display
def test_thumbnails_load_for_rows_on_screen_only(
    qapp: QApplication, qtbot: QtBot, media_backend: BackendRunner
) -> None:
    async def scenario() -> None:
        rest, admin = CountingRest(media_backend.url), RestClient(media_backend.url)
        await rest.login("operator", "operator")
        await admin.login("admin", "admin")
        with_snapshots = []
        for i in range(8):
            raised = await admin._call_json(
                "POST", "/sim/alerts", json={"camera_id": f"cam-00{1 + i % 2}", "snapshot": True}
            )
            assert raised["snapshot_url"], "the backend grabbed a snapshot from the camera"
            with_snapshots.append(raised["id"])
        await admin._call_json("POST", "/sim/burst", json={"count": 3})  # newest: no snapshot

        model = AlertTableModel(grouping=False)
        table = AlertTableWidget()
        qtbot.addWidget(table)
        table.set_model(model)
        controller = AlertController(rest, model, sound=False)
        cameras = {c.id: c for c in await rest.cameras()}
        controller.bind_view(table, cameras)
        table.resize(900, 560)
        table.splitter.setSizes([210, 350])
        await controller.load_recent()
        with qtbot.waitExposed(table):
            table.show()
        try:
            visible = table.visible_rows()
            assert 0 < len(visible) < model.rowCount(), "some rows are off screen"
            on_screen = {int(model.index(r, 0).data(ALERT_ID_ROLE)) for r in visible}
            expected = on_screen & set(with_snapshots)
            assert expected, "the screen shows some alerts with a snapshot"
            await wait_for(
                lambda: all(model.thumbnail(i) is not None for i in expected), 15, "thumbnails"
            )
            assert set(rest.asked) == expected, "nothing off screen was fetched"
            assert all(model.thumbnail(i).width() <= 64 for i in expected)

            table.view.scrollToBottom()
            rest.asked.clear()
            bottom = {int(model.index(r, 0).data(ALERT_ID_ROLE)) for r in table.visible_rows()}
            assert bottom != on_screen
            scrolled_to = bottom & set(with_snapshots)
            await wait_for(
                lambda: all(model.thumbnail(i) is not None for i in scrolled_to), 15,
                "the thumbnails of the rows scrolled to",
            )  # fmt: skip
            assert set(rest.asked) == scrolled_to - expected, "only what was not loaded yet"
        finally:
            await controller.aclose()
            await rest.aclose()
            await admin.aclose()

    run(qapp, scenario())


def select(table: AlertTableWidget, alert_id: int) -> None:
    proxy = table.proxy
    row = next(
        r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(ALERT_ID_ROLE) == alert_id
    )
    table.view.selectionModel().setCurrentIndex(
        proxy.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


@pytestmark_display
def test_the_alert_camera_plays_live_beside_the_detail_and_stops_with_it(
    qapp: QApplication, qtbot: QtBot, media_backend: BackendRunner
) -> None:
    async def scenario() -> None:
        rest = RestClient(media_backend.url)
        await rest.login("operator", "operator")
        cameras: dict[str, Camera] = {c.id: c for c in await rest.cameras()}
        engine = VideoEngine()
        model = AlertTableModel(grouping=False)
        table = AlertTableWidget()
        qtbot.addWidget(table)
        table.set_model(model)
        controller = AlertController(rest, model, sound=False)
        controller.bind_view(table, cameras)
        live = AlertCameraController(table.detail, engine)
        controller.bind_live(live)
        now = datetime.now(UTC)
        on_1: Alert = alert(901, camera_id="cam-001", created_at=now)
        on_2: Alert = alert(902, camera_id="cam-002", created_at=now)
        also_on_2: Alert = alert(903, camera_id="cam-002", created_at=now)
        model.apply([on_1, on_2, also_on_2])
        table.resize(1000, 600)
        with qtbot.waitExposed(table):
            table.show()
        try:
            select(table, 901)
            await wait_for(lambda: live.state == "live", 30, "cam-001 live")
            assert live.player is not None
            assert live.player.spec is not None
            assert live.player.spec.url == cameras["cam-001"].sub_url
            assert table.detail.live.camera_shown
            assert cameras["cam-001"].name in table.detail.live.title_label.text()

            select(table, 902)
            assert live.player.spec.url == cameras["cam-002"].sub_url, "another camera: switch"
            await wait_for(lambda: live.state == "live", 30, "cam-002 live")
            player = live.player
            select(table, 903)
            assert live.player is player
            assert live.state == "live", "same camera: keeps playing"

            table.view.selectionModel().clearCurrentIndex()
            assert live.state is None, "no alert: stopped"
            assert live.player.spec is None
            assert not table.detail.live.camera_shown

            select(table, 901)
            await wait_for(lambda: live.state == "live", 30, "cam-001 live again")
            table.detail.hide()  # the pane closed
            await wait_for(lambda: live.parked, 5, "the hidden pane to stop decoding")
            assert live.player.spec is None
            table.detail.show()
            await wait_for(lambda: live.state == "live", 30, "live when shown again")
        finally:
            await controller.aclose()
            assert live.player is None, "closed with the controller"
            engine.close()
            await rest.aclose()

    run(qapp, scenario())
