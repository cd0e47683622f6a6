"""A representative part of the backend tests, run again with the backend on PostgreSQL.

The tests below are imported from their own modules and collected here a second time; this
module's ``backend`` and ``module_backend`` fixtures override conftest's, so each of them talks
to a backend whose database is a fresh PostgreSQL one (gap-free ``seq``, replay and resume,
ward scope, alert actions, incident idempotency and ETag/If-Match, a restart).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.backend.backend_runner import BackendRunner, api_client, bearer, login, raise_alert
from tests.backend.pg_cluster import PostgresCluster
from tests.backend.test_events import (
    test_clients_joining_during_bursts_get_each_event_once,
    test_events_replay_is_gap_free_and_pages_by_last_seq,
    test_websocket_misses_nothing_while_events_race_the_replay,
    test_websocket_resume_delivers_exactly_the_missed_events,
    test_websocket_scope_filters_other_wards,
)
from tests.backend.test_incidents import (
    test_create_is_idempotent,
    test_roles_and_ward_scope,
    test_stale_write_gets_412_with_the_current_version,
)
from tests.backend.test_rest import (
    test_actions_are_idempotent_and_emit_one_event,
    test_dismiss_needs_reason_and_final_states_refuse_actions,
    test_ward_scope_hides_other_wards,
)

__all__ = [
    "test_actions_are_idempotent_and_emit_one_event",
    "test_clients_joining_during_bursts_get_each_event_once",
    "test_create_is_idempotent",
    "test_dismiss_needs_reason_and_final_states_refuse_actions",
    "test_events_replay_is_gap_free_and_pages_by_last_seq",
    "test_roles_and_ward_scope",
    "test_stale_write_gets_412_with_the_current_version",
    "test_ward_scope_hides_other_wards",
    "test_websocket_misses_nothing_while_events_race_the_replay",
    "test_websocket_resume_delivers_exactly_the_missed_events",
    "test_websocket_scope_filters_other_wards",
]


def _run(runner: BackendRunner) -> Iterator[BackendRunner]:
    runner.start()
    try:
        yield runner
    finally:
        code = runner.stop()
    assert code == 0, f"backend exited with {code} on SIGTERM:\n{runner.log_tail()}"


@pytest.fixture
def backend(tmp_path: Path, pg_url: str) -> Iterator[BackendRunner]:
    """conftest's ``backend``, on a fresh PostgreSQL database."""
    yield from _run(
        BackendRunner(
            tmp_path / "backend", "--sim-interval", "0", "--heartbeat", "1", db_url=pg_url
        )
    )


@pytest.fixture(scope="module")
def module_backend(
    tmp_path_factory: pytest.TempPathFactory, postgres: PostgresCluster
) -> Iterator[BackendRunner]:
    """conftest's ``module_backend``, on a fresh PostgreSQL database."""
    data_dir = tmp_path_factory.mktemp("pg-module") / "backend"
    args = ("--sim-interval", "0", "--heartbeat", "1")
    yield from _run(BackendRunner(data_dir, *args, db_url=postgres.create_database()))


async def test_sequence_and_ids_continue_after_a_restart(tmp_path: Path, pg_url: str) -> None:
    runner = BackendRunner(tmp_path / "restart", "--sim-interval", "0", db_url=pg_url)
    runner.start()
    try:
        async with api_client(runner) as client:
            admin = await login(client, "admin")
            first = await raise_alert(client, admin, camera_id="cam-003")
            ack = await client.post(
                f"/alerts/{first['id']}/acknowledge", json={}, headers=bearer(admin)
            )
    finally:
        assert runner.stop() == 0
    runner.start()
    try:
        async with api_client(runner) as client:
            health = (await client.get("/health")).json()
            second = await raise_alert(client, admin, camera_id="cam-004")
            events = (await client.get("/events", headers=bearer(admin))).json()
            audit = (await client.get("/audit/verify", headers=bearer(admin))).json()
    finally:
        assert runner.stop() == 0
    assert ack.status_code == 200, ack.text
    assert health["last_seq"] == 2
    assert [e["seq"] for e in events["events"]] == [1, 2, 3]
    assert second["id"] == first["id"] + 1
    assert audit["ok"] is True
    assert audit["rows_checked"] >= 1
