"""``/layouts``: shared and private wall layouts, versioned, and ``POST /layouts/{id}/push``.

The document is the layouts package's JSON and stays opaque here: the backend checks only that
it is a JSON object of bounded size and depth (the console validates the layout itself).
Shared layouts are written by commanders and admins; a private one only by its owner.
"""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Any, Final

from fastapi import APIRouter, Header, Request, Response
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from backend import audit
from backend.auth import Principal
from backend.db import LayoutRow, utcnow
from backend.hub import EventSink
from backend.routes_context import (
    ApiError,
    CurrentUser,
    etag,
    parse_if_match,
    require_role,
    services_of,
)
from server_client.contract import (
    ErrorBody,
    EventType,
    Layout,
    LayoutCreate,
    LayoutInfo,
    LayoutPush,
    LayoutPushed,
    LayoutScope,
    LayoutUpdate,
    Role,
    StaleWriteBody,
)

router = APIRouter(tags=["layouts"])

MAX_DOCUMENT_BYTES: Final = 256 * 1024
MAX_DEPTH: Final = 32
SHARED_WRITERS: Final = (Role.COMMANDER, Role.ADMIN)
_ERRORS: Final[dict[int | str, dict[str, Any]]] = {
    403: {"model": ErrorBody},
    404: {"model": ErrorBody},
    412: {"model": StaleWriteBody},
    413: {"model": ErrorBody},
}


def _depth(value: Any, limit: int) -> int:
    stack: list[tuple[Any, int]] = [(value, 1)]
    deepest = 0
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        )
        stack.extend((child, depth + 1) for child in children)
    return deepest


def check_document(document: dict[str, Any]) -> None:
    """413 for a document over 256 KiB, 422 for one nested deeper than 32 levels."""
    size = len(json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
    if size > MAX_DOCUMENT_BYTES:
        raise ApiError(
            413, "too_large", f"Layout document of {size} bytes (max {MAX_DOCUMENT_BYTES})"
        )
    if _depth(document, MAX_DEPTH) > MAX_DEPTH:
        raise ApiError(422, "too_deep", f"Layout document nested deeper than {MAX_DEPTH} levels")


def info(row: LayoutRow) -> LayoutInfo:
    return LayoutInfo(
        id=row.id, name=row.name, scope=LayoutScope(row.scope), owner=row.owner,
        version=row.version, updated_at=row.updated_at, updated_by=row.updated_by,
    )  # fmt: skip


def full(row: LayoutRow) -> Layout:
    return Layout(**info(row).model_dump(), document=dict(row.document))


def _visible(session: Session, layout_id: str, principal: Principal) -> LayoutRow:
    row = session.get(LayoutRow, layout_id)
    if row is None or (row.scope == LayoutScope.PRIVATE.value and row.owner != principal.username):
        raise ApiError(404, "not_found", f"No layout {layout_id!r}")
    return row


def _may_write(row_scope: str, principal: Principal) -> None:
    if row_scope == LayoutScope.SHARED.value:
        require_role(principal, *SHARED_WRITERS)


def _stale(row: LayoutRow, expected: int | None) -> None:
    if expected is not None and expected != row.version:
        body = StaleWriteBody(
            message=f"Layout {row.id} is at version {row.version}, not {expected}",
            current_version=row.version, current=full(row).model_dump(mode="json"),
        )  # fmt: skip
        raise ApiError(412, body.code, body.message, body.model_dump(mode="json"))


@router.get("/layouts", response_model=list[LayoutInfo])
async def list_layouts(request: Request, principal: CurrentUser) -> list[LayoutInfo]:
    """Shared layouts and the caller's private ones, by name."""

    def work(session: Session) -> list[LayoutInfo]:
        rows = session.scalars(
            select(LayoutRow)
            .where(or_(LayoutRow.scope == LayoutScope.SHARED.value,
                       LayoutRow.owner == principal.username))
            .order_by(LayoutRow.name, LayoutRow.id)
        )  # fmt: skip
        return [info(r) for r in rows]

    return await services_of(request).db.run(work)


@router.post("/layouts", response_model=Layout, status_code=201, responses=_ERRORS)
async def create_layout(
    request: Request, response: Response, principal: CurrentUser, body: LayoutCreate
) -> Layout:
    """Store a new layout (shared: commander or admin)."""
    _may_write(body.scope.value, principal)
    check_document(body.document)

    def work(session: Session, _sink: EventSink) -> Layout:
        row = LayoutRow(
            id=uuid.uuid4().hex[:16], name=body.name, scope=body.scope.value,
            owner=principal.username, version=1, updated_at=utcnow(),
            updated_by=principal.username, document=body.document,
        )  # fmt: skip
        session.add(row)
        session.flush()
        audit.record(session, principal.username, "layout.create", "layout", row.id,
                     detail={"name": row.name, "scope": row.scope})  # fmt: skip
        return full(row)

    layout = await services_of(request).hub.transact(work)
    response.headers["ETag"] = etag(layout.version)
    return layout


@router.get("/layouts/{layout_id}", response_model=Layout, responses=_ERRORS)
async def get_layout(
    request: Request, response: Response, principal: CurrentUser, layout_id: str
) -> Layout:
    """One layout with its document; the ``ETag`` is its version."""
    layout = await services_of(request).db.run(lambda s: full(_visible(s, layout_id, principal)))
    response.headers["ETag"] = etag(layout.version)
    return layout


@router.put("/layouts/{layout_id}", response_model=Layout, responses=_ERRORS)
async def update_layout(
    request: Request,
    response: Response,
    principal: CurrentUser,
    layout_id: str,
    body: LayoutUpdate,
    if_match: Annotated[str | None, Header(alias="If-Match", max_length=80)] = None,
) -> Layout:
    """Replace name and document; needs ``If-Match`` (428 without, 412 when stale)."""
    expected = parse_if_match(if_match)
    if expected is None:
        raise ApiError(428, "precondition_required", 'PUT needs If-Match: "VERSION"')
    check_document(body.document)

    def work(session: Session, _sink: EventSink) -> Layout:
        row = _visible(session, layout_id, principal)
        _may_write(row.scope, principal)
        _stale(row, expected)
        row.name, row.document = body.name, body.document
        row.version += 1
        row.updated_at, row.updated_by = utcnow(), principal.username
        session.flush()
        audit.record(session, principal.username, "layout.update", "layout", row.id,
                     detail={"version": row.version})  # fmt: skip
        return full(row)

    layout = await services_of(request).hub.transact(work)
    response.headers["ETag"] = etag(layout.version)
    return layout


@router.delete("/layouts/{layout_id}", status_code=204, responses=_ERRORS)
async def delete_layout(
    request: Request,
    principal: CurrentUser,
    layout_id: str,
    if_match: Annotated[str | None, Header(alias="If-Match", max_length=80)] = None,
) -> Response:
    """Delete a layout (``If-Match`` optional)."""
    expected = parse_if_match(if_match)

    def work(session: Session, _sink: EventSink) -> None:
        row = _visible(session, layout_id, principal)
        _may_write(row.scope, principal)
        _stale(row, expected)
        session.delete(row)
        audit.record(session, principal.username, "layout.delete", "layout", layout_id,
                     detail={"name": row.name})  # fmt: skip

    await services_of(request).hub.transact(work)
    return Response(status_code=204)


@router.post("/layouts/{layout_id}/push", response_model=LayoutPushed, responses=_ERRORS)
async def push_layout(
    request: Request, principal: CurrentUser, layout_id: str, body: LayoutPush | None = None
) -> LayoutPushed:
    """Send a layout to the wall displays: emits ``layout.pushed`` (commander or admin)."""
    require_role(principal, *SHARED_WRITERS)
    spec = body or LayoutPush()

    def work(session: Session, sink: EventSink) -> LayoutPushed:
        row = _visible(session, layout_id, principal)
        pushed = LayoutPushed(
            layout_id=row.id, name=row.name, version=row.version, document=dict(row.document),
            pushed_by=principal.username, screens=list(spec.screens),
        )  # fmt: skip
        sink.emit(EventType.LAYOUT_PUSHED, pushed.model_dump(mode="json"))
        audit.record(session, principal.username, "layout.push", "layout", row.id,
                     detail={"version": row.version, "screens": list(spec.screens)})  # fmt: skip
        return pushed

    return await services_of(request).hub.transact(work)
