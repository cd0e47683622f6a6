"""Alembic's environment: run by ``alembic`` and by :func:`backend.migrate.upgrade_database`.

The backend passes its own open connection in ``config.attributes["connection"]`` (it holds the
startup lock on it); the ``alembic`` command line gets an engine from ``sqlalchemy.url`` instead,
e.g. ``alembic -c backend/migrations/alembic.ini -x db=sqlite:///var/ioc.db revision --autogenerate``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from backend.db import make_engine
from backend.migrate import include_name, target_metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata(),
        include_name=include_name,
        # SQLite cannot ALTER most things in place; batch mode copies the table there.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("db") or context.config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise SystemExit("give the database: alembic ... -x db=SQLALCHEMY_URL")
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run against a database")
run_migrations_online()
