"""Incidents get an address and attachments; attachment bytes live in ``attachment_blobs``.

A database created by ``create_all`` before migrations existed may already have some of these
(an older ``add_missing_columns`` in backend/db.py added the two columns in place) and is
stamped at 0001 by :mod:`backend.migrate`: so each step checks first.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    columns = {c["name"] for c in inspector.get_columns("incidents")}
    if "address" not in columns:
        op.add_column(
            "incidents",
            sa.Column("address", sa.String(length=300), server_default="", nullable=False),
        )
    if "attachments" not in columns:
        op.add_column(
            "incidents", sa.Column("attachments", sa.JSON(), server_default="[]", nullable=False)
        )
    if "attachment_blobs" not in inspector.get_table_names():
        op.create_table(
            "attachment_blobs",
            sa.Column("sha256", sa.String(length=64), nullable=False),
            sa.Column("media_type", sa.String(length=32), nullable=False),
            sa.Column("size", sa.Integer(), nullable=False),
            sa.Column("data", sa.LargeBinary(), nullable=False),
            sa.Column("created_by", sa.String(length=64), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("sha256"),
        )


def downgrade() -> None:
    op.drop_table("attachment_blobs")
    # SQLite before 3.35 cannot drop a column in place: batch mode copies the table there.
    with op.batch_alter_table("incidents") as batch:
        batch.drop_column("attachments")
        batch.drop_column("address")
