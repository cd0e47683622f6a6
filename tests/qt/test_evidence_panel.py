"""The evidence panel: model paging, the form, and the controller against the real backend.

The backend records two cameras of the shared test media server; the police liaison searches a
plate by part of it, pages with fetchMore, exports with a progress bar, and the package
verifies; a changed byte fails the verify button's verdict. An operator's console has no panel.
"""

from __future__ import annotations

import asyncio
import functools
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDockWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from backend.media_process import MediaServerProcess
from console.app import ConsoleApp, LoginRequestArgs
from console.controllers.evidence_controller import EvidenceController, merge_clips
from console.models.evidence_result_model import EvidenceResultModel
from console.settings import ConsoleSettings
from server_client.contract import AlertType, Camera, EvidenceHit, Severity
from server_client.rest import RestClient
from tests.backend.backend_runner import BackendRunner
from widgets.evidence_search import EvidenceSearchWidget
from widgets.roles import ALERT_ID_ROLE

CASE = ("HS-2026-0815", "Hit and run at Trường Tiền bridge")
T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def hit(alert_id: int, camera: str = "cam-001", seconds: int = 0) -> EvidenceHit:
    return EvidenceHit(
        alert_id=alert_id, camera_id=camera, ward_id="thuan-hoa", type=AlertType.WRONG_WAY,
        severity=Severity.MEDIUM, ts=T0 + timedelta(seconds=seconds), plate="75A-123.45",
        vehicle_colour="red", vehicle_type="car", snapshot_url=f"/api/v1/alerts/{alert_id}/snapshot",
    )  # fmt: skip


def test_model_pages_with_fetch_more(qtmodeltester: ModelTester, qtbot: QtBot) -> None:
    model = EvidenceResultModel()
    model.reset([hit(3), hit(2)], has_more=True)
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.more_requested):
        model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex()), "one request at a time"
    model.append([hit(2), hit(1)], has_more=False)
    assert model.rowCount() == 3
    assert [model.data(model.index(r), ALERT_ID_ROLE) for r in range(3)] == [3, 2, 1]
    assert not model.canFetchMore(QModelIndex())
    image = QImage(640, 360, QImage.Format.Format_RGB32)
    image.fill(QColor("#ff0000"))
    with qtbot.waitSignal(model.dataChanged):
        model.set_thumbnail(2, image)
    thumb = model.data(model.index(1), Qt.ItemDataRole.DecorationRole)
    assert thumb.width() == 192
    assert "75A-123.45" in model.data(model.index(0), Qt.ItemDataRole.DisplayRole)
    qtmodeltester.check(model)


def test_form_needs_a_case_and_reason(qtbot: QtBot) -> None:
    widget = EvidenceSearchWidget()
    qtbot.addWidget(widget)
    with qtbot.assertNotEmitted(widget.search_requested):
        widget.search_button.click()
    assert widget.status.text()
    widget.case_edit.setText(CASE[0])
    widget.reason_edit.setText(CASE[1])
    widget.plate_edit.setText("123.4")
    widget.colour_combo.setCurrentIndex(widget.colour_combo.findData("red"))
    with qtbot.waitSignal(widget.search_requested) as signal:
        widget.search_button.click()
    criteria = signal.args[0]
    assert criteria["case_number"] == CASE[0]
    assert criteria["plate"] == "123.4"
    assert criteria["vehicle_colour"] == "red"
    assert criteria["start"] < criteria["end"]
    # Export asks for a selection first.
    with qtbot.assertNotEmitted(widget.export_requested):
        widget.export_button.click()


def test_clips_around_events_merge_per_camera() -> None:
    hits = [hit(1, seconds=0), hit(2, seconds=5), hit(3, "cam-002", seconds=100)]
    clips = merge_clips(hits, 10, now=T0 + timedelta(hours=1))
    assert [(c.camera_id, c.start, c.end) for c in clips] == [
        ("cam-001", T0 - timedelta(seconds=10), T0 + timedelta(seconds=15)),
        ("cam-002", T0 + timedelta(seconds=90), T0 + timedelta(seconds=110)),
    ]


@pytest.fixture(scope="module")
def recording_backend(
    tmp_path_factory: pytest.TempPathFactory, media_server: MediaServerProcess
) -> Iterator[BackendRunner]:
    runner = BackendRunner(
        tmp_path_factory.mktemp("recording") / "backend",
        "--sim-interval", "0", "--cameras", "2", "--rtsp-base", media_server.url_base,
        "--record", "--segment-s", "2",
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


def test_police_search_page_export_and_verify(
    qapp: QApplication, qtbot: QtBot, recording_backend: BackendRunner, tmp_path: Path
) -> None:
    async def scenario() -> None:
        police, admin = RestClient(recording_backend.url), RestClient(recording_backend.url)
        await police.login("police", "police")
        await admin.login("admin", "admin")
        widget = EvidenceSearchWidget()
        qtbot.addWidget(widget)
        cameras: dict[str, Camera] = {c.id: c for c in await police.cameras()}
        controller = EvidenceController(police, cameras, widget, tmp_path / "exports")
        progress: list[int] = []
        widget.progress.valueChanged.connect(progress.append)
        try:
            target = await admin._call_json(
                "POST", "/sim/alerts",
                json={"camera_id": "cam-002", "type": "red_light", "snapshot": True},
            )  # fmt: skip
            for _ in range(4):  # more alerts than one page holds
                await admin._call_json("POST", "/sim/burst", json={"count": 40})
            plate = target["attributes"]["plate"]
            widget.case_edit.setText(CASE[0])
            widget.reason_edit.setText(CASE[1])
            widget.plate_edit.setText(plate[-5:])
            done: list[int] = []
            controller.search_done.connect(done.append)
            widget.search_button.click()
            await wait_for(lambda: done, 15, "the plate search")
            ids = [controller.model.hit(r).alert_id for r in range(controller.model.rowCount())]
            assert target["id"] in ids
            await wait_for(lambda: controller.model.has_thumbnail(target["id"]), 15, "thumbnail")

            # An empty plate: everything, newest first, paged by fetchMore.
            widget.plate_edit.clear()
            done.clear()
            widget.search_button.click()
            await wait_for(lambda: done, 15, "the full search")
            first = controller.model.rowCount()
            assert first == 60
            assert controller.model.canFetchMore(QModelIndex())
            controller.model.fetchMore(QModelIndex())
            await wait_for(lambda: controller.model.rowCount() > first, 15, "the second page")
            stamps = [controller.model.hit(r).ts for r in range(controller.model.rowCount())]
            assert stamps == sorted(stamps, reverse=True)

            # Export the target: its snapshot and the video around it.
            row = ids.index(target["id"])
            widget.plate_edit.setText(plate)
            done.clear()
            widget.search_button.click()
            await wait_for(lambda: done, 15, "the plate search again")
            row = next(
                r for r in range(controller.model.rowCount())
                if controller.model.hit(r).alert_id == target["id"]
            )  # fmt: skip
            await asyncio.sleep(4)  # some recording after the event
            widget.results.selectionModel().select(
                controller.model.index(row), widget.results.selectionModel().SelectionFlag.Select
            )
            widget.seconds_spin.setValue(3)
            exported: list[str] = []
            controller.export_done.connect(exported.append)
            verdicts: list[bool] = []
            controller.verified.connect(verdicts.append)
            widget.export_button.click()
            await wait_for(lambda: verdicts, 60, "the export to be built, downloaded, verified")
            assert exported
            assert verdicts == [True], widget.status.text()
            assert progress[-1] == 100
            assert progress == sorted(progress)
            package = Path(exported[0])
            with zipfile.ZipFile(package) as zf:
                names = zf.namelist()
            assert any(n.endswith(".mp4") for n in names)
            assert any(n.endswith(".jpg") for n in names)

            # The verify button's verdict on a damaged copy names the file.
            folder = tmp_path / "unpacked"
            with zipfile.ZipFile(package) as zf:
                zf.extractall(folder)
            snap = next((folder / package.stem / "snapshots").iterdir())
            data = bytearray(snap.read_bytes())
            data[len(data) // 2] ^= 0xFF
            snap.write_bytes(bytes(data))
            verdicts.clear()
            widget.verify_requested.emit(str(folder))
            await wait_for(lambda: verdicts, 15, "the verify verdict")
            assert verdicts == [False]
            assert snap.name in widget.status.text()
        finally:
            await controller.aclose()
            await police.aclose()
            await admin.aclose()

    run(qapp, scenario())


def test_only_police_and_admin_see_the_panel(
    qapp: QApplication, recording_backend: BackendRunner
) -> None:
    async def scenario() -> None:
        for user, expected in (("operator", False), ("commander", False), ("police", True)):
            console = ConsoleApp(qapp, ConsoleSettings())
            assert await console.login(LoginRequestArgs(recording_backend.url, user, user, True))
            await console.start()
            try:
                assert console.window is not None
                docks = [d.objectName() for d in console.window.findChildren(QDockWidget)]
                assert ("evidenceDock" in docks) is expected, (user, docks)
                assert (console.window.findChild(EvidenceSearchWidget) is not None) is expected
            finally:
                console.window.close()
                await console.shutdown()

    run(qapp, scenario())


@pytest.fixture
def plain_backend(tmp_path: Path) -> Iterator[BackendRunner]:
    """A backend of the 16 demo cameras, no media, no timer alerts."""
    runner = BackendRunner(tmp_path / "backend", "--sim-interval", "0")
    runner.start()
    try:
        yield runner
    finally:
        assert runner.stop() == 0, runner.log_tail()


def test_the_drawn_area_is_searched_by_the_backend(
    qapp: QApplication, qtbot: QtBot, plain_backend: BackendRunner, tmp_path: Path
) -> None:
    """The rectangle from the map goes to the backend as an area; only events inside come back,
    and the panel still lists the cameras it found inside."""

    async def scenario() -> None:
        police, admin = RestClient(plain_backend.url), RestClient(plain_backend.url)
        await police.login("police", "police")
        await admin.login("admin", "admin")
        widget = EvidenceSearchWidget()
        qtbot.addWidget(widget)
        cameras: dict[str, Camera] = {c.id: c for c in await police.cameras()}
        controller = EvidenceController(police, cameras, widget, tmp_path / "exports")
        try:
            a, b = cameras["cam-001"], cameras["cam-002"]
            south, north = min(a.lat, b.lat) - 1e-4, max(a.lat, b.lat) + 1e-4
            west, east = min(a.lon, b.lon) - 1e-4, max(a.lon, b.lon) + 1e-4
            inside = {cid for cid, c in cameras.items()
                      if south <= c.lat <= north and west <= c.lon <= east}  # fmt: skip
            outside = sorted(set(cameras) - inside)
            assert outside, "the area must leave cameras out"
            raised: dict[int, str] = {}
            for camera_id in ("cam-001", "cam-002", outside[0], outside[-1]):
                alert = await admin._call_json(
                    "POST", "/sim/alerts", json={"camera_id": camera_id, "snapshot": False}
                )
                raised[alert["id"]] = camera_id
            assert controller.set_area(south, west, north, east) == sorted(inside)
            assert widget.area_label.toolTip() == ", ".join(sorted(inside))
            widget.case_edit.setText(CASE[0])
            widget.reason_edit.setText(CASE[1])
            done: list[int] = []
            controller.search_done.connect(done.append)
            widget.search_button.click()
            await wait_for(lambda: done, 15, "the area search")
            found = {controller.model.hit(r).alert_id for r in range(controller.model.rowCount())}
            assert controller._criteria is not None
            assert controller._criteria.camera_ids == []
            assert controller._criteria.area is not None
            assert len(controller._criteria.area) == 4
        finally:
            await controller.aclose()
            await police.aclose()
            await admin.aclose()
        assert found == {i for i, cam in raised.items() if cam in inside}

    run(qapp, scenario())
