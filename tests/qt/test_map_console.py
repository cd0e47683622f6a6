"""The whole console against the real backend (no media): the map and the KPI board are loaded,
a camera clicked on the map goes onto the selected wall tile, an incident clicked on the map asks
for its card, and a live ``kpi.updated`` from the event stream reaches the board."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from server_client.contract import IncidentCategory, IncidentCreate
from tests.backend.backend_runner import BackendRunner, api_client, bearer, login
from tests.integration.harness import run_scenario, running_console, wait_until


def test_map_clicks_reach_the_wall_and_kpi_events_reach_the_board(
    tmp_path: Path, qapp: QApplication
) -> None:
    runner = BackendRunner(
        tmp_path / "backend",
        "--sim-interval", "0", "--report-interval", "0", "--hotline-interval", "0",
        "--kpi-interval", "0", "--scenario", "flood", "--flood-rise", "3",
    )  # fmt: skip
    runner.start()

    async def scenario() -> None:
        async with running_console(qapp, runner.url, "commander") as console:
            window = console.window
            assert window is not None
            assert console.rest is not None
            assert console.wall is not None
            city_map, board = window.city_map, window.kpi_board
            incident = await console.rest.create_incident(
                IncidentCreate(title="Ngập đường Kim Long", category=IncidentCategory.FLOODING,
                               ward_id="kim-long", lat=16.4590, lon=107.5580)
            )  # fmt: skip
            await wait_until(
                lambda: len(city_map.markers["cameras"]) == len(console.cameras), 20, "map cameras"
            )
            await wait_until(lambda: str(incident.id) in city_map.markers["incidents"], 20,
                             "the new incident on the map (incident.created)")  # fmt: skip
            window.map_dock.show()
            target = "cam-005"
            camera = console.cameras[target]
            city_map.centre_on(camera.lat, camera.lon, zoom=17)
            await wait_until(lambda: city_map.view.isVisible(), 5, "the map shown")
            console.wall.grid.selected_index = 2
            QTest.mouseClick(
                city_map.view.viewport(), Qt.MouseButton.LeftButton,
                pos=city_map.marker_view_pos("cameras", target).toPoint(),
            )  # fmt: skip
            await wait_until(lambda: console.wall._camera_at(2) == target, 5, "camera on tile 2")

            opened: list[tuple[str, int]] = []
            console.record_open_requested.connect(lambda k, i: opened.append((k, i)))
            city_map.centre_on(16.4590, 107.5580, zoom=17)
            QTest.mouseClick(
                city_map.view.viewport(), Qt.MouseButton.LeftButton,
                pos=city_map.marker_view_pos("incidents", str(incident.id)).toPoint(),
            )  # fmt: skip
            assert opened == [("incidents", incident.id)]

            # A KPI tick on the backend: the stream's kpi.updated raises the flood alarm.
            client = api_client(runner)
            try:
                token = await login(client, "admin")
                response = await client.post("/sim/kpi-tick", headers=bearer(token))
                assert response.status_code == 201, response.text
            finally:
                await client.aclose()
            await wait_until(lambda: "river_kim_long" in board.alarms(), 20, "the river alarm")
            level = board.alarms()["river_kim_long"][0]
            assert level >= 1
            assert f"BĐ{level}" in board.alarm_bar.text()
            sensor = city_map.marker("sensors", "kim-long")
            assert sensor is not None
            assert sensor.state == f"level{level}", "the map's gauge agrees with the board"

    try:
        run_scenario(qapp, scenario)
    finally:
        runner.stop()


def test_no_network_call_for_the_map_without_a_tile_url() -> None:
    # Offline control rooms: the default settings ask no tile server for anything.
    from console.settings import ConsoleSettings

    assert ConsoleSettings().map_tile_url == ""


def test_incident_form_location_is_picked_on_the_map(tmp_path: Path, qapp: QApplication) -> None:
    runner = BackendRunner(
        tmp_path / "backend",
        "--sim-interval", "0", "--report-interval", "0", "--hotline-interval", "0",
        "--kpi-interval", "0",
    )  # fmt: skip
    runner.start()

    async def scenario() -> None:
        async with running_console(qapp, runner.url, "operator") as console:
            window = console.window
            assert window is not None
            assert console.incidents is not None
            dialog = console.incidents.form()
            dialog.show()
            await wait_until(lambda: len(window.city_map.markers["cameras"]) > 0, 20, "map data")
            dialog.form.pick_button.click()
            assert window.map_dock.isVisible(), "the map opens for the pick"
            window.city_map.centre_on(16.4637, 107.5909, zoom=16)
            await wait_until(lambda: window.city_map.view.isVisible(), 5, "the map shown")
            centre = window.city_map.view.viewport().rect().center()
            QTest.mouseClick(window.city_map.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
            await wait_until(
                lambda: dialog.form.lat_edit.text() != "", 5, "coordinates in the form"
            )
            lat, lon = float(dialog.form.lat_edit.text()), float(dialog.form.lon_edit.text())
            assert abs(lat - 16.4637) < 0.01, lat
            assert abs(lon - 107.5909) < 0.01, lon

    try:
        run_scenario(qapp, scenario)
    finally:
        runner.stop()
