"""The alert controller against a scripted REST client: batching, actions, outbox, detail."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from console.controllers.alert_controller import FLUSH_GRACE_MS, AlertController
from console.models.alert_table_model import AlertTableModel
from server_client.contract import (
    Alert,
    AlertPage,
    AlertState,
    AlertType,
    BoundingBox,
    EventEnvelope,
    Severity,
)
from server_client.events import LinkState
from server_client.rest import ApiError, BackendUnreachable
from server_client.store import LocalStore, OutboxState
from tests.qt.test_alert_model import CAM, alert
from widgets.alert_table import AlertTableWidget

TARGET = {"acknowledge": "acknowledged", "dismiss": "dismissed", "escalate": "escalated"}


def png() -> bytes:
    image = QImage(64, 36, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data.data())


class FakeRest:
    """Applies actions like the backend: once per idempotency key, 409 on a bad transition."""

    def __init__(self, alerts: list[Alert]) -> None:
        self.alerts = {a.id: a for a in alerts}
        self.offline = False
        self.calls: list[tuple[int, str, str | None]] = []
        self.applied: dict[str, Alert] = {}
        self.snapshots: list[int] = []

    async def alerts(self, limit: int = 500) -> AlertPage:
        return AlertPage(items=list(self.alerts.values()), total=len(self.alerts))

    async def alert_action(
        self, alert_id: int, action: str, *, key: str | None = None, reason: str | None = None
    ) -> Alert:
        if self.offline:
            raise BackendUnreachable("backend down")
        self.calls.append((alert_id, action, key))
        if key in self.applied:
            return self.applied[key]
        current = self.alerts[alert_id]
        if action == "acknowledge" and current.state != AlertState.NEW:
            raise ApiError(409, "invalid_transition", f"Alert {alert_id} is {current.state.value}")
        updated = current.model_copy(
            update={"state": AlertState(TARGET[action]), "owner": "operator", "reason": reason}
        )
        self.alerts[alert_id] = updated
        if key:
            self.applied[key] = updated
        return updated

    async def snapshot(self, alert_id: int) -> bytes:
        self.snapshots.append(alert_id)
        if alert_id == 404:
            raise ApiError(404, "no_snapshot", "none")
        return png()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    s = LocalStore(tmp_path / "console.db")
    yield s
    s.close()


def event(seq: int, a: Alert, type_: str = "alert.created") -> EventEnvelope:
    return EventEnvelope(seq=seq, type=type_, ts=datetime.now(UTC), data=a.model_dump(mode="json"))


def make(
    alerts: list[Alert], store: LocalStore | None = None
) -> tuple[AlertController, AlertTableModel, FakeRest]:
    rest = FakeRest(alerts)
    model = AlertTableModel(grouping=False)
    model.apply(alerts)
    controller = AlertController(rest, model, outbox=store, sound=False)  # type: ignore[arg-type]
    return controller, model, rest


def test_events_flush_in_one_batch_and_criticals_are_announced(qtbot: QtBot) -> None:
    controller, model, _rest = make([])
    inserts: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, a, b: inserts.append((a, b)))
    critical: list[Alert] = []
    controller.critical_alert.connect(critical.append)
    controller.on_events(
        [
            event(i, alert(i, severity=Severity.CRITICAL if i == 3 else Severity.LOW))
            for i in range(1, 6)
        ]
    )
    controller.on_events(
        [EventEnvelope(seq=6, type="alert.created", ts=datetime.now(UTC), data={"id": "x"})]
    )
    assert controller.malformed == 1
    assert len(model) == 0, "nothing before the flush timer"
    with qtbot.waitSignal(controller.alerts_received, timeout=1000) as blocker:
        pass
    assert blocker.args == [5]
    assert inserts == [(0, 4)]
    assert [a.id for a in critical] == [3]
    assert model.is_flashing(3)


async def test_actions_go_through_the_outbox_and_apply(store: LocalStore) -> None:
    controller, model, rest = make([alert(i) for i in range(1, 5)], store)
    await controller.acknowledge([1, 2])
    await controller.dismiss([3], "false_positive")
    await controller.escalate([4])
    assert [(c[0], c[1]) for c in rest.calls] == [
        (1, "acknowledge"),
        (2, "acknowledge"),
        (3, "dismiss"),
        (4, "escalate"),
    ]
    assert len({c[2] for c in rest.calls}) == 4, "a fresh idempotency key per action"
    assert model.alert(1).state == AlertState.ACKNOWLEDGED  # type: ignore[union-attr]
    assert model.alert(3).reason == "false_positive"  # type: ignore[union-attr]
    assert await store.pending() == []
    assert (await store.counts())[OutboxState.DONE] == 4
    # Not actionable (already acknowledged): not even sent.
    await controller.acknowledge([1])
    assert len(rest.calls) == 4
    assert model.false_positive_rates() == {"wrong_way": (1, 4)}


async def test_offline_actions_stay_pending_and_replay_exactly_once(store: LocalStore) -> None:
    controller, model, rest = make([alert(i) for i in range(1, 11)], store)
    counts: list[int] = []
    controller.outbox_changed.connect(counts.append)
    controller.on_link_state(LinkState.ONLINE)
    await controller.wait_idle()
    rest.offline = True
    controller.on_link_state(LinkState.OFFLINE)
    await controller.acknowledge([1, 2, 3])
    await controller.dismiss([4], "duplicate")
    assert rest.calls == []
    assert model.pending_action(1) == "acknowledge"
    assert model.index(len(model) - 1, 5).data() == "Acknowledged (pending)"
    assert len(await store.pending()) == 4
    assert counts[-1] == 4
    # Acknowledging again while pending is not queued twice.
    await controller.acknowledge([1])
    assert len(await store.pending()) == 4
    rest.offline = False
    controller.on_link_state(LinkState.ONLINE)
    await controller.wait_idle()
    assert sorted(c[0] for c in rest.calls) == [1, 2, 3, 4]
    assert await store.pending() == []
    assert model.pending_action(1) is None
    assert model.alert(4).state == AlertState.DISMISSED  # type: ignore[union-attr]
    # A second replay sends nothing.
    await controller.replay_outbox()
    assert len(rest.calls) == 4


async def test_a_replay_after_a_lost_answer_uses_the_same_key(store: LocalStore) -> None:
    controller, model, rest = make([alert(1)], store)
    original = rest.alert_action

    async def lost_answer(
        alert_id: int, action: str, *, key: str | None = None, reason: str | None = None
    ) -> Alert:
        await original(alert_id, action, key=key, reason=reason)
        raise BackendUnreachable("answer lost")

    rest.alert_action = lost_answer  # type: ignore[method-assign]
    await controller.acknowledge([1])
    assert len(await store.pending()) == 1
    rest.alert_action = original  # type: ignore[method-assign]
    await controller.replay_outbox()
    keys = [c[2] for c in rest.calls]
    assert len(keys) == 2
    assert keys[0] == keys[1], "the replay reuses the key"
    assert await store.pending() == []
    assert model.alert(1).state == AlertState.ACKNOWLEDGED  # type: ignore[union-attr]


async def test_a_refused_action_is_reported_and_cleared(store: LocalStore) -> None:
    controller, model, rest = make([alert(1)], store)
    rest.alerts[1] = alert(1, state=AlertState.ACKNOWLEDGED, owner="someone")
    errors: list[str] = []
    controller.error_reported.connect(errors.append)
    await controller.acknowledge([1])
    assert model.pending_action(1) is None
    assert (await store.counts())[OutboxState.FAILED] == 1
    assert errors
    assert "alert 1" in errors[0]


async def test_detail_pane_shows_attributes_history_and_snapshot(qtbot: QtBot) -> None:
    a = alert(
        5,
        type=AlertType.SPEEDING,
        bbox=BoundingBox(x=0.1, y=0.2, w=0.3, h=0.4),
        attributes={"plate": "75A-123.45", "vehicle_colour": "red", "vehicle_type": "car"},
    )
    controller, model, rest = make([a, alert(404)])
    model.set_cameras({CAM.id: CAM})
    table = AlertTableWidget()
    qtbot.addWidget(table)
    table.set_model(model)
    controller.bind_view(table, {CAM.id: CAM})
    await controller.acknowledge([5])
    table.view.setCurrentIndex(table.proxy.index(1, 0))  # alert 5 (alert 404 is newer)
    detail = table.detail
    assert detail.alert_id == 5
    labels = {
        detail.attributes.itemAt(i, detail.attributes.ItemRole.LabelRole)
        .widget()
        .text(): detail.attributes.itemAt(i, detail.attributes.ItemRole.FieldRole).widget().text()
        for i in range(detail.attributes.rowCount())
    }
    assert labels["Plate"] == "75A-123.45"
    assert labels["Colour"] == "red"
    assert labels["Vehicle"] == "car"
    assert [
        detail.history.item(i).text().split("  ")[1] for i in range(detail.history.count())
    ] == ["New", "Acknowledged · operator"]
    await controller.wait_idle()
    assert detail.snapshot.image is not None
    assert rest.snapshots == [5]
    box = detail.snapshot.box_rect()
    area = detail.snapshot.image_rect()
    assert box.width() == pytest.approx(0.3 * area.width())
    # No snapshot: the pane says so.
    table.view.setCurrentIndex(table.proxy.index(0, 0))
    await controller.wait_idle()
    assert detail.alert_id == 404
    assert detail.snapshot.image is None
    assert detail.snapshot.message == "No snapshot"
    # The summary shows the false-positive rate.
    await controller.dismiss([404], "false_positive")
    assert "100%" in table.summary_label.text()


def test_after_a_quiet_spell_a_burst_is_flushed_without_the_full_wait(qtbot: QtBot) -> None:
    controller, model, _rest = make([])
    controller.on_events([event(1, alert(1))])
    # Nothing flushed for ages: the batch waits only for the rest of its burst.
    assert controller._timer.interval() == FLUSH_GRACE_MS
    assert len(model) == 0
    with qtbot.waitSignal(controller.alerts_received, timeout=1000):
        pass
    assert len(model) == 1
