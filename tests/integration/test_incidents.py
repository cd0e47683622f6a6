"""Incidents against the real backend: alert → incident → closed (the SOP blocks closing until
its required steps are done), a stale change shows the conflict and merges, 20 incidents created
offline arrive exactly once, SLA colours follow an injectable clock."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import socket
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from console.controllers.incident_controller import IncidentController
from console.demo import BackendProcess
from server_client.contract import (
    Alert,
    AlertState,
    AlertType,
    FieldReportPage,
    HotlineCallPage,
    IncidentPatch,
    IncidentState,
    Severity,
)
from server_client.events import EventStream, LinkState
from server_client.rest import RestClient
from server_client.store import LocalStore
from tests.integration.harness import running_console
from widgets.field_report_inbox import FieldReportInboxWidget, HotlineLogWidget
from widgets.incident_board import IncidentBoardWidget
from widgets.incident_detail import STEP_ID_ROLE, IncidentDetailWidget
from widgets.incident_form import UNIT_ID_ROLE, IncidentDraft

pytestmark = pytest.mark.integration

QUIET = ["--no-media", "--sim-interval", "0", "--report-interval", "0", "--hotline-interval",
         "0", "--kpi-interval", "0", "--heartbeat", "1"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def wait_until(predicate: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}")
        await asyncio.sleep(0.05)


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


class Desk:
    """The incident controller with its views, an event stream, and an admin client."""

    def __init__(self, url: str, tmp_path: Path) -> None:
        self.url = url
        self.operator = RestClient(url, timeout=3)
        self.admin = RestClient(url, timeout=3)
        self.store = LocalStore(tmp_path / "console.db")
        self.clock = FakeClock()
        self.controller = IncidentController(self.operator, store=self.store, clock=self.clock)
        self.board = IncidentBoardWidget()
        self.detail = IncidentDetailWidget()
        self.inbox = FieldReportInboxWidget()
        self.hotline = HotlineLogWidget()
        self.states: list[LinkState] = []
        self.stream: EventStream | None = None
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self.operator.login("operator", "operator")
        await self.admin.login("admin", "admin")
        self.controller.bind_views(self.board, self.detail, self.inbox, self.hotline)
        after = (await self.operator.health()).last_seq
        await self.controller.load()

        def on_state(state: LinkState, _reason: str) -> None:
            self.states.append(state)
            self.controller.on_link_state(state)

        async def token() -> str:
            assert self.operator.access_token
            return self.operator.access_token

        self.stream = EventStream(
            self.url, token, self.controller.on_events, on_state, after=after, backoff_max=0.5
        )
        self.task = asyncio.ensure_future(self.stream.run())
        await wait_until(lambda: self.controller.link_online is True, 20, "the event stream")

    async def close(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.task
        await self.controller.aclose()
        # The form's window is a child of the board's window: it goes with it.
        for w in (self.board, self.detail, self.inbox, self.hotline):
            w.deleteLater()
        self.store.close()
        await self.operator.aclose()
        await self.admin.aclose()


@contextlib.asynccontextmanager
async def desk(url: str, tmp_path: Path) -> AsyncIterator[Desk]:
    d = Desk(url, tmp_path)
    try:
        await d.start()
        yield d
    finally:
        await d.close()


def run(qapp: QApplication, coro: Callable[[], object]) -> None:
    with asyncio.Runner(loop_factory=functools.partial(qasync.QEventLoop, qapp)) as runner:
        runner.run(coro())  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def quiet_backend(tmp_path_factory: pytest.TempPathFactory) -> BackendProcess:  # type: ignore[misc]
    proc = BackendProcess(tmp_path_factory.mktemp("backend"), extra=QUIET)
    proc.start(timeout=60)
    yield proc  # type: ignore[misc]
    proc.stop()


def test_alert_to_closed_incident_with_sop_and_sla(
    quiet_backend: BackendProcess, tmp_path: Path, qapp: QApplication
) -> None:
    assert quiet_backend.url is not None
    url = quiet_backend.url

    async def scenario() -> None:
        async with desk(url, tmp_path) as d:
            c = d.controller
            raw = await d.admin._call_json(
                "POST", "/sim/alerts",
                json={"type": AlertType.FLOODING.value, "severity": "high", "snapshot": False,
                      "camera_id": None},
            )  # fmt: skip
            alert = Alert.model_validate(raw)
            # Escalate: the form opens pre-filled from the alert.
            dialog = await c.open_form_from_alert(alert)
            form = dialog.form
            assert dialog.isVisible()
            assert form.title_edit.text().startswith("Flooding")
            assert form.category_combo.currentData() == "flooding"
            assert form.group_combo.currentData() == "immediate"
            assert form.ward_combo.currentData() == alert.ward_id
            assert form.lat_edit.text()
            assert form.lon_edit.text()
            assert form.draft().alert_ids == [alert.id]
            # No snapshot was grabbed for this alert: nothing to attach (see test_incident_edits).
            assert form.attachments_list.count() == 0
            assert f"#{alert.id}" in form.source_label.text()
            # Dispatch the ward committee (a kind flooding needs, in the alert's ward).
            offered = [form.units_list.item(r) for r in range(form.units_list.count())]
            free = [i for i in offered if i.flags() & Qt.ItemFlag.ItemIsEnabled]
            assert free, [i.text() for i in offered]
            free[0].setCheckState(Qt.CheckState.Checked)
            unit_id = str(free[0].data(UNIT_ID_ROLE))
            assert c.units[unit_id].ward_id == alert.ward_id
            assert form.draft().unit_ids == [unit_id]
            created: list[int] = []
            c.incident_created.connect(created.append)
            form.submit_button.click()
            await wait_until(lambda: bool(created), 10, "the incident")
            await c.wait_idle()
            incident_id = created[0]
            incident = await d.operator.incident(incident_id)
            assert incident.alert_ids == [alert.id]
            assert incident.state == IncidentState.DISPATCHED
            assert incident.unit_ids == [unit_id]
            # The alert is escalated into the incident the form made (not into a second one).
            page = await d.operator.alerts(state=AlertState.ESCALATED.value, limit=50)
            assert [a.incident_id for a in page.items if a.id == alert.id] == [incident_id]
            assert (await d.operator.incidents(limit=1)).total == 1
            await wait_until(lambda: incident_id in c.board_model, 5, "the card")
            assert incident_id in d.board.cards(1)  # the dispatched column

            # SLA: amber at a quarter of the window left, overdue after the due time.
            inc = c.board_model.incident(incident_id)
            assert inc is not None
            assert inc.due_at is not None
            window = inc.due_at - inc.created_at
            d.clock.now = inc.due_at - window * 0.25 - timedelta(seconds=1)
            c.tick()
            assert c.board_model.sla(incident_id).level == "ok"  # type: ignore[union-attr]
            d.clock.now += timedelta(seconds=1)
            c.tick()
            assert c.board_model.sla(incident_id).level == "warning"  # type: ignore[union-attr]
            d.clock.now = inc.due_at + timedelta(seconds=1)
            c.tick()
            assert c.board_model.sla(incident_id).level == "overdue"  # type: ignore[union-attr]
            d.clock.now = datetime.now(UTC)
            c.tick()

            # The detail: in progress, resolved, then closing is blocked by the SOP.
            c.show_incident(incident_id)
            assert d.detail.view is not None
            assert d.detail.view.incident_id == incident_id
            d.detail.buttons["in_progress"].click()
            await c.wait_idle()
            assert c.board_model.incident(incident_id).state == IncidentState.IN_PROGRESS  # type: ignore[union-attr]
            d.detail.buttons["resolved"].click()
            await c.wait_idle()
            assert c.board_model.incident(incident_id).state == IncidentState.RESOLVED  # type: ignore[union-attr]
            d.detail.buttons["closed"].click()
            await c.wait_idle()
            assert c.board_model.incident(incident_id).state == IncidentState.RESOLVED  # type: ignore[union-attr]
            message = d.detail.message_label.text()
            assert "cannot be closed" in message, message
            assert "warn residents" in message
            red = [
                d.detail.checklist.item(r).data(STEP_ID_ROLE)
                for r in range(d.detail.checklist.count())
                if d.detail.checklist.item(r).font().bold()
            ]
            assert "warn_residents" in red
            assert "evacuate" not in red
            # Tick the required steps in the detail, one by one.
            current = c.board_model.incident(incident_id)
            assert current is not None
            for step in current.checklist:
                if step.required:
                    for r in range(d.detail.checklist.count()):
                        item = d.detail.checklist.item(r)
                        if item.data(STEP_ID_ROLE) == step.id:
                            item.setCheckState(Qt.CheckState.Checked)
                    await c.wait_idle()
            d.detail.buttons["closed"].click()
            await c.wait_idle()
            final = await d.operator.incident(incident_id)
            assert final.state == IncidentState.CLOSED
            assert final.sla_met is True
            kinds = [e.kind.value for e in final.timeline]
            assert kinds.count("checklist") >= 4
            assert kinds.count("state") == 4
            await wait_until(
                lambda: c.board_model.incident(incident_id).state == IncidentState.CLOSED,  # type: ignore[union-attr]
                5, "the closed card",
            )  # fmt: skip
            assert incident_id in d.board.cards(4)

    run(qapp, scenario)


def test_stale_change_shows_the_conflict_and_merges(
    quiet_backend: BackendProcess, tmp_path: Path, qapp: QApplication
) -> None:
    assert quiet_backend.url is not None
    url = quiet_backend.url

    async def scenario() -> None:
        async with desk(url, tmp_path) as d:
            c = d.controller
            units = [u for u in c.units.values() if u.incident_id is None]
            ward = units[0].ward_id
            created: list[int] = []
            c.incident_created.connect(created.append)
            await c.submit(
                IncidentDraft(title="Cây đổ chắn đường", category="fallen_tree",
                              ward_id=ward, priority="high")
            )  # fmt: skip
            await wait_until(lambda: bool(created), 10, "the incident")
            incident_id = created[0]
            c.show_incident(incident_id)
            seen = c.board_model.incident(incident_id)
            assert seen is not None
            assert seen.version == 1
            # The stream is paused for this console: someone else changes the incident.
            assert d.task is not None
            d.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await d.task
            other = await d.admin.patch_incident(
                incident_id, IncidentPatch(priority=Severity.CRITICAL, note="nâng mức ưu tiên"),
                if_match=1,
            )  # fmt: skip
            assert other.version == 2
            # The operator, still looking at version 1, cancels it.
            d.detail.reason_edit.setText("trùng với sự cố khác")
            shown: list[int] = []
            c.conflict_shown.connect(shown.append)
            d.detail.buttons["cancelled"].click()
            await wait_until(lambda: bool(shown), 10, "the conflict")
            await c.wait_idle()
            assert d.detail.conflict_frame.isVisibleTo(d.detail)
            assert "version 2" in d.detail.conflict_title.text()
            texts = [
                d.detail.conflict_grid.itemAt(i).widget().text()
                for i in range(d.detail.conflict_grid.count())
            ]
            assert "New" in texts
            assert "Cancelled" in texts
            assert any(t.startswith("admin") for t in texts)  # who changed it, and when
            now = await d.operator.incident(incident_id)
            assert now.state == IncidentState.NEW  # nothing overwritten
            assert now.priority == Severity.CRITICAL
            # Merge: my change on the current version.
            d.detail.reapply_button.click()
            await c.wait_idle()
            merged = await d.operator.incident(incident_id)
            assert merged.state == IncidentState.CANCELLED
            assert merged.priority == Severity.CRITICAL  # the other change kept
            assert merged.version == 3
            assert not d.detail.conflict_frame.isVisibleTo(d.detail)

    run(qapp, scenario)


def test_field_report_and_hotline_call_become_incidents(
    quiet_backend: BackendProcess, tmp_path: Path, qapp: QApplication
) -> None:
    assert quiet_backend.url is not None
    url = quiet_backend.url

    async def scenario() -> None:
        async with desk(url, tmp_path) as d:
            c = d.controller
            reports = FieldReportPage.model_validate(
                await d.admin._call_json(
                    "POST", "/sim/field-reports", json={"count": 1, "category": "garbage"}
                )
            ).items
            calls = HotlineCallPage.model_validate(
                await d.admin._call_json("POST", "/sim/hotline-calls", json={"count": 1})
            ).items
            report, call = reports[0], calls[0]
            await wait_until(
                lambda: c.reports_model.record(report.id) is not None
                and c.calls_model.record(call.id) is not None, 10, "report and call over the stream",
            )  # fmt: skip
            assert "xx xxx" in c.calls_model.record(call.id).number_masked  # type: ignore[union-attr]
            assert d.inbox.select_id(report.id)
            created: list[int] = []
            c.incident_created.connect(created.append)
            d.inbox.create_button.click()
            await c.wait_idle()
            assert c.dialog is not None
            form = c.dialog.form
            assert form.category_combo.currentData() == "garbage"
            assert form.draft().field_report_ids == [report.id]
            form.submit_button.click()
            await wait_until(lambda: bool(created), 10, "the incident from the report")
            incident_id = created[0]
            await wait_until(
                lambda: c.reports_model.record(report.id).incident_id == incident_id,  # type: ignore[union-attr]
                5, "the report linked",
            )  # fmt: skip
            # Send the citizen a status back.
            d.inbox.select_id(report.id)
            d.inbox.reply_edit.setText("Đã cử đội vệ sinh môi trường")
            d.inbox.reply_button.click()
            await c.wait_idle()
            answered = await d.operator.field_report(report.id)
            assert answered.response == "Đã cử đội vệ sinh môi trường"
            # The hotline call.
            if call.ward_id is not None:
                assert d.hotline.select_id(call.id)
                d.hotline.create_button.click()
                await c.wait_idle()
                form.submit_button.click()
                await wait_until(lambda: len(created) == 2, 10, "the incident from the call")
                linked = await d.operator.incident(created[1])
                assert linked.hotline_call_ids == [call.id]
                assert c.calls_model.record(call.id).incident_id == created[1]  # type: ignore[union-attr]

    run(qapp, scenario)


def test_twenty_incidents_created_offline_arrive_exactly_once(
    tmp_path: Path, qapp: QApplication
) -> None:
    data, port = tmp_path / "backend", free_port()
    server = BackendProcess(data, port=port, extra=QUIET)
    url = server.start(timeout=60)

    async def scenario() -> None:
        nonlocal server
        async with desk(url, tmp_path) as d:
            c = d.controller
            ward = next(iter(c.wards))
            start = (await d.operator.health()).last_seq
            before = (await d.operator.incidents(limit=1)).total
            server.stop()
            await wait_until(lambda: c.link_online is False, 20, "the console to notice")
            titles = [f"Rác thải tồn đọng #{i}" for i in range(20)]
            for title in titles:
                await c.submit(IncidentDraft(title=title, category="garbage", ward_id=ward))
            assert len(await c.outbox.pending_incident_ops()) == 20
            assert len(c.board_model.pending_keys()) == 20
            assert len(d.board.cards(0)) >= 20  # pending cards on the board

            server = BackendProcess(data, port=port, extra=QUIET)
            assert server.start(timeout=60) == url, "same port"
            await wait_until(lambda: c.link_online is True, 30, "the link back")
            await c.wait_idle()
            await wait_until(lambda: not c.board_model.pending_keys(), 30, "the replay")
            assert not await c.outbox.pending_incident_ops()

            page = await d.operator.incidents(limit=500)
            assert page.total == before + 20
            mine = Counter(i.title for i in page.items if i.title in titles)
            assert mine == Counter(titles), "each incident exactly once"
            created: Counter[int] = Counter()
            after = start
            while True:
                events = await d.operator.events(after=after, limit=5000)
                for e in events.events:
                    if e.type == "incident.created":
                        created[int(e.data["id"])] += 1
                if not events.events:
                    break
                after = events.last_seq
            assert len(created) == 20
            assert set(created.values()) == {1}
            # A second replay (a reconnect storm) sends nothing again.
            await c.replay_outbox()
            assert (await d.operator.incidents(limit=1)).total == before + 20
            await wait_until(
                lambda: sum(1 for i in c.board_model.incidents() if i.title in titles) == 20,
                10, "20 real cards",
            )  # fmt: skip

    try:
        run(qapp, scenario)
    finally:
        server.stop()


def test_console_escalate_opens_the_prefilled_form(
    quiet_backend: BackendProcess, qapp: QApplication
) -> None:
    """Wired in the console: the alert list's escalate opens the form; submitting escalates."""
    assert quiet_backend.url is not None
    url = quiet_backend.url

    async def scenario() -> None:
        admin = RestClient(url, timeout=3)
        await admin.login("admin", "admin")
        try:
            async with running_console(qapp, url) as console:
                assert console.incidents is not None
                assert console.alerts is not None
                assert console.window is not None
                raw = await admin._call_json(
                    "POST", "/sim/alerts",
                    json={"type": "fallen_tree", "severity": "critical", "snapshot": False},
                )  # fmt: skip
                alert = Alert.model_validate(raw)
                await wait_until(lambda: console.alert_model.alert(alert.id) is not None, 10,
                                 "the alert in the list")  # fmt: skip
                console.window.alert_table.escalate_requested.emit(alert.id)
                await wait_until(
                    lambda: console.incidents is not None and console.incidents.dialog is not None
                    and console.incidents.dialog.isVisible(), 10, "the incident form",
                )  # fmt: skip
                form = console.incidents.dialog.form  # type: ignore[union-attr]
                assert form.draft().alert_ids == [alert.id]
                assert form.group_combo.currentData() == "immediate"  # critical: at once
                created: list[int] = []
                console.incidents.incident_created.connect(created.append)
                form.submit_button.click()
                await wait_until(lambda: bool(created), 10, "the incident")
                await console.incidents.wait_idle()
                await wait_until(
                    lambda: console.alert_model.alert(alert.id).state == AlertState.ESCALATED,  # type: ignore[union-attr]
                    10, "the alert escalated",
                )  # fmt: skip
                assert console.alert_model.alert(alert.id).incident_id == created[0]  # type: ignore[union-attr]
                desk = console.window.incident_desk
                await wait_until(lambda: created[0] in desk.board.cards(0), 5, "the card")
        finally:
            await admin.aclose()

    run(qapp, scenario)
