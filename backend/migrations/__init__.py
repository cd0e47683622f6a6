"""Alembic schema migrations of the backend's database (see :mod:`backend.migrate`)."""
