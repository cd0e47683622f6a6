"""Attachment uploaders (for scoped reads) and evidence export jobs that outlive the process.

``attachment_uploads`` names every user who uploaded a blob; it starts with each blob's first
uploader (``attachment_blobs.created_by``). ``evidence_exports`` holds export jobs, which were
kept in memory before (a restart lost them, and with them the packages' download).

A database made by ``create_all`` of these models is stamped at 0001 and upgraded from there
(:mod:`backend.migrate`): so each table is created only when missing.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    tables = set(sa.inspect(op.get_bind()).get_table_names())
    if "attachment_uploads" not in tables:
        op.create_table(
            "attachment_uploads",
            sa.Column("sha256", sa.String(length=64), nullable=False),
            sa.Column("username", sa.String(length=64), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("sha256", "username"),
        )
        op.execute(
            "INSERT INTO attachment_uploads (sha256, username, created_at) "
            "SELECT sha256, created_by, created_at FROM attachment_blobs"
        )
    if "evidence_exports" not in tables:
        op.create_table(
            "evidence_exports",
            sa.Column("id", sa.String(length=32), nullable=False),
            sa.Column("state", sa.String(length=16), nullable=False),
            sa.Column("progress", sa.Float(), nullable=False),
            sa.Column("created_by", sa.String(length=64), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.Column("case_number", sa.String(length=64), nullable=False),
            sa.Column("reason", sa.String(length=500), nullable=False),
            sa.Column("request", sa.JSON(), nullable=False),
            sa.Column("package_name", sa.String(length=200), nullable=False),
            sa.Column("package_path", sa.String(length=500), nullable=True),
            sa.Column("package_sha256", sa.String(length=64), nullable=True),
            sa.Column("size_bytes", sa.BigInteger(), nullable=True),
            sa.Column("manifest_sha256", sa.String(length=64), nullable=True),
            sa.Column("error", sa.Text(), nullable=True),
            sa.Column("worker_host", sa.String(length=255), nullable=False),
            sa.Column("worker_pid", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_evidence_exports_state", "evidence_exports", ["state"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_evidence_exports_state", table_name="evidence_exports")
    op.drop_table("evidence_exports")
    op.drop_table("attachment_uploads")
