"""Fixtures: the real backend (``python -m backend``) on a free port, fresh database per test.

``postgres`` is one throwaway PostgreSQL cluster for the whole session (skipped, with the reason,
where PostgreSQL is not installed); ``pg_url`` is a fresh database in it per test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.backend.backend_runner import BackendRunner
from tests.backend.pg_cluster import PostgresCluster, unavailable_reason


@pytest.fixture(scope="module")
def shared_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendRunner]:
    """One backend for a module's tests that change nothing (malformed requests)."""
    runner = BackendRunner(tmp_path_factory.mktemp("shared") / "backend", "--sim-interval", "0")
    runner.start()
    try:
        yield runner
    finally:
        code = runner.stop()
    assert code == 0, f"backend exited with {code} on SIGTERM:\n{runner.log_tail()}"


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[BackendRunner]:
    """A backend with no media and no timer alerts (tests raise alerts through /sim/alerts)."""
    runner = BackendRunner(tmp_path / "backend", "--sim-interval", "0", "--heartbeat", "1")
    runner.start()
    try:
        yield runner
    finally:
        code = runner.stop()
    assert code == 0, f"backend exited with {code} on SIGTERM:\n{runner.log_tail()}"


@pytest.fixture(scope="module")
def module_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendRunner]:
    """One backend for a module whose tests each work on their own records."""
    runner = BackendRunner(
        tmp_path_factory.mktemp("module") / "backend", "--sim-interval", "0", "--heartbeat", "1"
    )
    runner.start()
    try:
        yield runner
    finally:
        code = runner.stop()
    assert code == 0, f"backend exited with {code} on SIGTERM:\n{runner.log_tail()}"


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """A PostgreSQL server on a unix socket in a temp dir, stopped and removed at the end."""
    reason = unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    cluster = PostgresCluster()
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(postgres: PostgresCluster) -> str:
    """The SQLAlchemy URL of a new, empty PostgreSQL database."""
    return postgres.create_database()
