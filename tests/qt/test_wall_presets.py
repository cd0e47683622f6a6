"""Wall presets against the real backend: demo presets, save, update, delete, shared/private/local."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from console.controllers.preset_controller import LOCAL_PREFIX, SERVER_PREFIX, PresetController
from console.layout_store import PresetStore
from layouts import WallLayout, grid_layout
from server_client.rest import RestClient
from tests.backend.backend_runner import BackendRunner
from tests.integration.harness import run_scenario, wait_until
from widgets.preset_dialog import LOCAL, PRIVATE, SHARED, PresetRow

DEMO = ["Cao điểm giao thông", "Festival Huế", "Ứng phó ngập lụt", "Vận hành bình thường"]


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[BackendRunner]:
    runner = BackendRunner(tmp_path / "backend", "--sim-interval", "0")
    runner.start()
    yield runner
    assert runner.stop() == 0


class Wall:
    """Stands in for the app: the current layout, and what was applied to it."""

    def __init__(self) -> None:
        self.current: WallLayout | None = WallLayout("now", (grid_layout(2, 2, ["cam-001"]),))
        self.applied: list[WallLayout] = []

    def apply(self, layout: WallLayout) -> None:
        self.applied.append(layout)
        self.current = layout


def by_name(rows: list[PresetRow]) -> dict[str, PresetRow]:
    return {row.name: row for row in rows}


def test_presets_with_the_real_backend(
    backend: BackendRunner, qapp: QApplication, tmp_path: Path
) -> None:
    wall = Wall()
    store = PresetStore(tmp_path / "presets")

    async def scenario() -> None:
        commander = RestClient(backend.url)
        operator = RestClient(backend.url)
        await commander.login("commander", "commander")
        await operator.login("operator", "operator")
        ctl = PresetController(commander, store, current=lambda: wall.current, apply=wall.apply)
        op_ctl = PresetController(
            operator, PresetStore(tmp_path / "op"), current=lambda: wall.current, apply=wall.apply
        )
        try:
            # The four demo presets are on the server, shared, and a commander may change them.
            rows = await ctl.refresh()
            assert sorted(r.name for r in rows) == sorted(DEMO)
            assert all(r.kept == SHARED and r.owner == "system" and r.writable for r in rows)

            flood = by_name(rows)["Ứng phó ngập lụt"]
            assert await ctl.apply(flood.key)
            assert wall.applied[-1].name == "Ứng phó ngập lụt"
            cams = {c.pane.camera_id for c in wall.applied[-1].screens[0].cells}
            assert "cam-010" in cams

            # Save the wall as it is now: private on the server, shared, and local only.
            wall.current = WallLayout("x", (grid_layout(1, 2, ["cam-003", "cam-004"]),))
            private_key = await ctl.save("Ca đêm của tôi", PRIVATE)
            shared_key = await ctl.save("Lũ 2026", SHARED)
            local_key = await ctl.save("Trạm A", LOCAL)
            assert private_key is not None
            assert private_key.startswith(SERVER_PREFIX)
            assert shared_key is not None
            assert local_key == LOCAL_PREFIX + "Trạm A"
            rows = by_name(await ctl.refresh())
            assert rows["Ca đêm của tôi"].kept == PRIVATE
            assert rows["Ca đêm của tôi"].owner == "commander"
            assert rows["Lũ 2026"].kept == SHARED
            assert rows["Trạm A"].kept == LOCAL
            assert store.get("Trạm A") is not None
            stored = await commander.layout(shared_key.removeprefix(SERVER_PREFIX))
            assert stored.document["screens"][0]["cols"] == 2

            # The operator sees shared presets read-only, not the commander's private one,
            # and cannot save shared ones.
            op_rows = by_name(await op_ctl.refresh())
            assert "Ca đêm của tôi" not in op_rows
            assert "Trạm A" not in op_rows, "local presets stay on their workstation"
            assert not op_rows["Lũ 2026"].writable
            assert await op_ctl.save("Không được", SHARED) is None
            assert await op_ctl.save("Của operator", PRIVATE) is not None

            # Update replaces the content and bumps the version; a stale update is refused.
            wall.current = WallLayout("y", (grid_layout(3, 3, ["cam-005"]),))
            assert await ctl.update(shared_key)
            rows = by_name(await ctl.refresh())
            assert rows["Lũ 2026"].version == 2
            assert (await commander.layout(shared_key[len(SERVER_PREFIX) :])).document["screens"][
                0
            ]["rows"] == 3
            # Someone else (an admin) changes it meanwhile.
            other = RestClient(backend.url)
            await other.login("admin", "admin")
            await other.update_layout(
                shared_key.removeprefix(SERVER_PREFIX), "Lũ 2026", stored.document, 2
            )
            await other.aclose()
            errors: list[str] = []
            ctl.error_reported.connect(errors.append)
            assert not await ctl.update(shared_key), "stale: version 2 is no longer current"
            assert "changed by someone else" in errors[-1]
            assert by_name(await ctl.refresh())["Lũ 2026"].version == 3

            # Delete, on the server and locally.
            assert await ctl.delete(private_key)
            assert await ctl.delete(local_key)
            names = set(by_name(await ctl.refresh()))
            assert names == {*DEMO, "Lũ 2026"}
            assert store.get("Trạm A") is None

            # Without the backend the server presets still list, read-only, and apply from
            # the copies kept on this workstation.
            assert backend.stop() == 0
            offline = by_name(await ctl.refresh())
            assert set(offline) == {*DEMO, "Lũ 2026"}
            assert not any(row.writable for row in offline.values())
            assert await ctl.apply(offline["Festival Huế"].key)
            assert wall.applied[-1].name == "Festival Huế"
            assert await ctl.save("Offline", LOCAL) == LOCAL_PREFIX + "Offline"
        finally:
            await ctl.aclose()
            await op_ctl.aclose()
            await commander.aclose()
            await operator.aclose()

    run_scenario(qapp, scenario)


def test_presets_dialog_drives_the_controller(
    backend: BackendRunner, qapp: QApplication, tmp_path: Path
) -> None:
    wall = Wall()

    async def scenario() -> None:
        rest = RestClient(backend.url)
        await rest.login("operator", "operator")
        ctl = PresetController(
            rest, PresetStore(tmp_path / "presets"), current=lambda: wall.current, apply=wall.apply
        )
        try:
            dialog = ctl.show_dialog()
            await wait_until(lambda: dialog.tree.topLevelItemCount() == 4, 10, "the demo presets")
            shared_index = dialog.kept_combo.findData(SHARED)
            assert not dialog.kept_combo.model().item(shared_index).isEnabled()  # type: ignore[attr-defined]

            festival = next(
                dialog.tree.topLevelItem(i)
                for i in range(4)
                if dialog.tree.topLevelItem(i).text(0) == "Festival Huế"
            )
            assert festival.text(1) == "Server, shared"
            dialog.tree.setCurrentItem(festival)
            assert dialog.apply_button.isEnabled()
            assert not dialog.delete_button.isEnabled(), "an operator cannot delete shared ones"
            QTest.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
            await wait_until(lambda: bool(wall.applied), 10, "the preset applied")
            assert wall.applied[-1].name == "Festival Huế"

            dialog.name_edit.setText("Trạm B")
            dialog.kept_combo.setCurrentIndex(dialog.kept_combo.findData(LOCAL))
            QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
            await wait_until(
                lambda: dialog.tree.topLevelItemCount() == 5, 10, "the saved local preset"
            )
            assert dialog.selected_key() == LOCAL_PREFIX + "Trạm B"
            assert dialog.delete_button.isEnabled()
            QTest.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
            box = dialog.confirm_box
            await asyncio.sleep(0.1)
            box.button(box.StandardButton.Yes).click()
            await wait_until(lambda: dialog.tree.topLevelItemCount() == 4, 10, "deleted")
            assert "deleted" in dialog.message_label.text()
        finally:
            await ctl.aclose()
            await rest.aclose()

    run_scenario(qapp, scenario)
