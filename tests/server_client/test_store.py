"""The local store's outbox: pure tests, a fresh SQLite file each."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from server_client.store import ActionRequest, LocalStore, OutboxState


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    s = LocalStore(tmp_path / "console.db")
    yield s
    s.close()


async def test_enqueued_actions_are_pending_in_order_with_unique_keys(store: LocalStore) -> None:
    items = await store.enqueue(
        [
            ActionRequest(3, "acknowledge"),
            ActionRequest(1, "dismiss", "false_positive"),
            ActionRequest(2, "escalate"),
        ]
    )
    assert len({i.key for i in items}) == 3
    pending = await store.pending()
    assert [(p.alert_id, p.action, p.reason) for p in pending] == [
        (3, "acknowledge", None),
        (1, "dismiss", "false_positive"),
        (2, "escalate", None),
    ]
    assert all(p.state == OutboxState.PENDING for p in pending)


async def test_done_and_failed_leave_the_queue(store: LocalStore) -> None:
    a, b, c = await store.enqueue([ActionRequest(i, "acknowledge") for i in (1, 2, 3)])
    await store.record_attempt(a.key, "unreachable")
    await store.mark_done(b.key)
    await store.mark_failed(c.key, "409 invalid_transition")
    pending = await store.pending()
    assert [p.key for p in pending] == [a.key]
    assert pending[0].attempts == 1
    assert pending[0].last_error == "unreachable"
    failed = await store.get(c.key)
    assert failed is not None
    assert failed.state == OutboxState.FAILED
    assert failed.last_error == "409 invalid_transition"
    assert await store.counts() == {
        OutboxState.PENDING: 1,
        OutboxState.DONE: 1,
        OutboxState.FAILED: 1,
    }
    with pytest.raises(KeyError):
        await store.mark_done("no-such-key")


async def test_pending_actions_survive_a_restart(tmp_path: Path) -> None:
    first = LocalStore(tmp_path / "console.db")
    items = await first.enqueue([ActionRequest(7, "acknowledge")])
    first.close()
    second = LocalStore(tmp_path / "console.db")
    try:
        pending = await second.pending()
        assert [p.key for p in pending] == [items[0].key]
    finally:
        second.close()


async def test_all_work_runs_on_one_worker_thread(
    store: LocalStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: set[str] = set()
    original = store._in_session

    def spy(work):  # type: ignore[no-untyped-def]
        threads.add(threading.current_thread().name)
        return original(work)

    monkeypatch.setattr(store, "_in_session", spy)
    await asyncio.gather(*(store.enqueue([ActionRequest(i, "acknowledge")]) for i in range(20)))
    assert len(await store.pending()) == 20
    assert len(threads) == 1
    assert threading.current_thread().name not in threads


async def test_bad_input_and_closed_store(tmp_path: Path) -> None:
    s = LocalStore(tmp_path / "x" / "console.db")
    with pytest.raises(ValueError, match="unknown alert action"):
        await s.enqueue([ActionRequest(1, "delete")])
    s.close()
    s.close()
    with pytest.raises(RuntimeError, match="closed"):
        await s.pending()
