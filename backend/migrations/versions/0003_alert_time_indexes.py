"""Alerts get indexes on their creation time, for the time filter of ``GET /alerts``.

The KPI drill-down asks for the alerts of one analytics type in one hour; without an index that
is a scan of the whole table, which grows by thousands of rows an hour.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    existing = {ix["name"] for ix in sa.inspect(op.get_bind()).get_indexes("alerts")}
    if "ix_alerts_type_created_at" not in existing:
        op.create_index("ix_alerts_type_created_at", "alerts", ["type", "created_at"])
    if "ix_alerts_created_at" not in existing:
        op.create_index("ix_alerts_created_at", "alerts", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_alerts_created_at", table_name="alerts")
    op.drop_index("ix_alerts_type_created_at", table_name="alerts")
