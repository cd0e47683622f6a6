"""Bring the backend's database to the newest schema (Alembic ``head``) when the backend starts.

Three kinds of database meet a starting backend:

- an empty one: every revision runs, from 0001 up;
- one Alembic already manages (it has ``alembic_version``): the missing revisions run;
- one made by ``create_all`` before migrations existed: its tables are there but no version.
  The one column older releases added in place (``alerts.incident_id``) is added if missing,
  which makes it the schema of revision 0001 (the first migration was written to match it);
  it is stamped 0001 and upgraded from there (revision 0002 checks what is already there).

Several backend processes may start at once against one PostgreSQL database: the work runs
under a transaction-scoped advisory lock (see :mod:`backend.pg_events`), so one migrates while
the others wait and then find nothing to do.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Final

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, inspect, text

from backend.db import Base

log = logging.getLogger(__name__)

MIGRATIONS_DIR: Final = Path(__file__).resolve().with_name("migrations")
INITIAL_REVISION: Final = "0001"
VERSION_TABLE: Final = "alembic_version"
# Tables the models do not own: SQLite's FTS5 index of plates and its shadow tables, created at
# run time by backend.evidence (PostgreSQL searches plates without it).
UNMANAGED_TABLE_PREFIXES: Final = ("evidence_plates",)


def target_metadata() -> MetaData:
    """Every table of the backend: those of :mod:`backend.db` and of :mod:`backend.evidence`."""
    import backend.evidence  # noqa: F401  (its models register on Base.metadata)

    return Base.metadata


def include_name(name: str | None, type_: str, _parent_names: Any) -> bool:
    """Leave out of comparisons what the models do not own."""
    if type_ == "table":
        return not (name or "").startswith(UNMANAGED_TABLE_PREFIXES)
    return True


def alembic_config(connection: Connection | None = None) -> Config:
    """A config for ``alembic.command`` that runs on ``connection`` (see migrations/env.py)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no Alembic revisions in {MIGRATIONS_DIR}")
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at; None when Alembic does not manage it (yet)."""
    return MigrationContext.configure(connection).get_current_revision()


def schema_differences(connection: Connection) -> list[Any]:
    """What autogenerate would change to make the database match the models ([] when none)."""
    context = MigrationContext.configure(
        connection, opts={"include_name": include_name, "compare_type": True}
    )
    return list(compare_metadata(context, target_metadata()))


def _bring_legacy_to_initial(connection: Connection) -> None:
    """Make a ``create_all`` database of an older release match revision 0001."""
    columns = {c["name"] for c in inspect(connection).get_columns("alerts")}
    if "incident_id" not in columns:
        connection.execute(text("ALTER TABLE alerts ADD COLUMN incident_id INTEGER"))
        log.info("added alerts.incident_id to a database made before migrations")


def upgrade_database(connection: Connection) -> str:
    """Migrate the database behind ``connection`` to head; returns what was done, for the log.

    Runs in the caller's transaction (the caller commits): on PostgreSQL the DDL is
    transactional, so a failed migration leaves the database as it was.
    """
    tables = set(inspect(connection).get_table_names())
    managed = {t for t in tables if include_name(t, "table", None)} - {VERSION_TABLE}
    config = alembic_config(connection)
    head = head_revision()
    if VERSION_TABLE not in tables and managed:
        _bring_legacy_to_initial(connection)
        command.stamp(config, INITIAL_REVISION)
        done = f"adopted a database made before migrations (stamped {INITIAL_REVISION})"
    else:
        done = "created the schema" if not managed else ""
    before = current_revision(connection)
    if before != head:
        command.upgrade(config, "head")
        done = f"{done}; " if done else ""
        done += f"upgraded the schema from {before or 'nothing'} to {head}"
    return done or f"schema at {head}"
