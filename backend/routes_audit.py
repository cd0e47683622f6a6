"""``/audit`` and ``/audit/verify`` (admin only): the hash-chained log of every state change."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from backend import audit
from backend.db import AuditRow
from backend.routes_context import CurrentUser, require_role, services_of
from server_client.contract import AuditPage, AuditVerification, Role

router = APIRouter(tags=["audit"])


@router.get("/audit", response_model=AuditPage)
async def list_audit(
    request: Request,
    principal: CurrentUser,
    actor: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=64)] = None,
    entity_type: Annotated[str | None, Query(max_length=32)] = None,
    entity_id: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> AuditPage:
    """Audit rows, newest first, filtered by actor, action and entity."""
    require_role(principal, Role.ADMIN)

    def work(session: Session) -> AuditPage:
        where: list[ColumnElement[bool]] = []
        for column, value in (
            (AuditRow.actor, actor), (AuditRow.action, action),
            (AuditRow.entity_type, entity_type), (AuditRow.entity_id, entity_id),
        ):  # fmt: skip
            if value is not None:
                where.append(column == value)
        total = session.scalar(select(func.count()).select_from(AuditRow).where(*where)) or 0
        rows = session.scalars(
            select(AuditRow).where(*where).order_by(AuditRow.id.desc()).limit(limit).offset(offset)
        )
        return AuditPage(items=[audit.to_wire(r) for r in rows], total=int(total))

    return await services_of(request).db.run(work)


@router.get("/audit/verify", response_model=AuditVerification)
async def verify_audit(request: Request, principal: CurrentUser) -> AuditVerification:
    """Re-compute the hash chain; ``first_broken_id`` names the first row that fails."""
    require_role(principal, Role.ADMIN)
    return await services_of(request).db.run(audit.verify_chain)
