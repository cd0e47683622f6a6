"""Alembic migrations: head matches the models exactly, down and up again, old databases adopted.

The comparison is Alembic's autogenerate (``compare_metadata``): a model change without a
revision makes ``test_head_matches_the_models`` fail with the differences it found.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, insert, inspect, text

from backend.db import EventRow, make_engine
from backend.migrate import (
    INITIAL_REVISION,
    VERSION_TABLE,
    alembic_config,
    current_revision,
    head_revision,
    schema_differences,
    target_metadata,
    upgrade_database,
)
from tests.backend.backend_runner import BackendRunner, api_client, bearer, login


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database of each kind."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'm.db'}"
    else:
        url = request.getfixturevalue("pg_url")
    eng = make_engine(url)
    try:
        yield eng
    finally:
        eng.dispose()


def upgrade(eng: Engine) -> str:
    with eng.begin() as conn:
        return upgrade_database(conn)


def test_revisions_form_one_line() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    heads = script.get_heads()
    assert len(heads) == 1, f"several heads {heads}: merge them or rebase one revision"
    chain = [rev.revision for rev in script.walk_revisions()]
    assert chain[-1] == INITIAL_REVISION
    assert chain[0] == head_revision()


def test_head_matches_the_models(engine: Engine) -> None:
    done = upgrade(engine)
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        differences = schema_differences(conn)
    assert "created the schema" in done
    assert differences == [], f"models changed without an Alembic revision: {differences}"


def test_the_comparison_sees_what_a_revision_would_add(engine: Engine) -> None:
    # Stopped one revision short of head: the models have more than the database.
    script = ScriptDirectory.from_config(alembic_config())
    before_head = script.get_revision(head_revision()).down_revision
    assert isinstance(before_head, str)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), before_head)
    with engine.connect() as conn:
        assert schema_differences(conn) != []


def test_downgrade_to_base_and_up_again(engine: Engine) -> None:
    upgrade(engine)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    with engine.connect() as conn:
        left = set(inspect(conn).get_table_names())
        assert current_revision(conn) is None
    assert left <= {VERSION_TABLE}
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        assert schema_differences(conn) == []
        tables = set(inspect(conn).get_table_names())
    assert set(target_metadata().tables) <= tables


def test_a_second_start_changes_nothing(engine: Engine) -> None:
    upgrade(engine)
    assert upgrade(engine) == f"schema at {head_revision()}"


def make_legacy(eng: Engine) -> None:
    """A database as ``create_all`` of an older release made it: no version, fewer columns."""
    with eng.begin() as conn:
        command.upgrade(alembic_config(conn), INITIAL_REVISION)
    with eng.begin() as conn:
        conn.execute(text(f"DROP TABLE {VERSION_TABLE}"))
        conn.execute(text("ALTER TABLE alerts DROP COLUMN incident_id"))
        ts = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
        conn.execute(
            insert(EventRow),
            [{"seq": n, "type": "kpi.updated", "ts": ts, "ward_id": None, "data": {}}
             for n in (1, 2, 3)],
        )  # fmt: skip


def test_a_database_made_before_migrations_is_adopted(engine: Engine) -> None:
    make_legacy(engine)
    done = upgrade(engine)
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        assert schema_differences(conn) == []
        kept = conn.execute(text("SELECT seq FROM events ORDER BY seq")).scalars().all()
    assert done.startswith(
        f"adopted a database made before migrations (stamped {INITIAL_REVISION})"
    )
    assert kept == [1, 2, 3]


def test_a_database_made_by_create_all_of_these_models_is_adopted(engine: Engine) -> None:
    target_metadata().create_all(engine)
    done = upgrade(engine)
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        assert schema_differences(conn) == []
    assert done.startswith("adopted")


async def test_the_backend_migrates_an_old_database_at_start(tmp_path: Path) -> None:
    runner = BackendRunner(tmp_path / "legacy", "--sim-interval", "0")
    runner.data_dir.mkdir(parents=True)
    eng = make_engine(runner.db_url)
    make_legacy(eng)
    runner.start()
    try:
        async with api_client(runner) as client:
            health = (await client.get("/health")).json()
            admin = await login(client, "admin")
            created = await client.post(
                "/sim/alerts", json={"snapshot": False}, headers=bearer(admin)
            )
            events = (
                await client.get("/events", params={"after": 3}, headers=bearer(admin))
            ).json()
    finally:
        assert runner.stop() == 0
    with eng.connect() as conn:
        revision = current_revision(conn)
    eng.dispose()
    assert created.status_code == 201, created.text
    assert health["last_seq"] == 3
    assert [e["seq"] for e in events["events"]] == [4]
    assert revision == head_revision()
