"""What every route handler gets from the running app: services, caller, and error replies.

Every error leaves the backend as an :class:`ErrorBody` ``{code, message}`` with a proper
status: :class:`ApiError` for the ones routes raise, and handlers below for FastAPI's own
(validation 422, unknown route 404, wrong method 405) and for anything unexpected (500, logged).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any, cast

from fastapi import Depends, FastAPI, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import HTTPConnection

from backend.auth import AuthError, Principal
from server_client.contract import ErrorBody, Role

if TYPE_CHECKING:
    from backend.app import BackendServices

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An error a route reports to the client as ``ErrorBody`` with ``status``."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        # Fields beyond code/message for the richer bodies (StaleWriteBody, ...).
        self.extra = extra or {}
        self.headers = headers


def services_of(connection: HTTPConnection) -> BackendServices:
    """The running app's services (for a request or a websocket)."""
    return cast("BackendServices", connection.app.state.services)


_bearer = HTTPBearer(auto_error=False, description="Access token from /api/v1/auth/login")


async def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The caller of a request, from its bearer access token; 401 otherwise."""
    if credentials is None:
        raise ApiError(401, "unauthorized", "Missing bearer token (Authorization: Bearer …)")
    try:
        return services_of(request).tokens.verify(credentials.credentials)
    except AuthError as exc:
        raise ApiError(401, exc.code, exc.message) from exc


CurrentUser = Annotated[Principal, Depends(current_principal)]
# Database ids in paths: bounded, so a huge number is a 422, not an integer overflow in SQLite.
RecordId = Annotated[int, Path(ge=1, le=2**53)]


def require_role(principal: Principal, *roles: Role) -> None:
    """Raise 403 unless the caller has one of ``roles``."""
    if principal.role not in roles:
        allowed = ", ".join(r.value for r in roles)
        raise ApiError(403, "forbidden", f"Role {principal.role.value} may not do this ({allowed})")


def error_response(
    status: int,
    code: str,
    message: str,
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    all_headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    all_headers.update(headers or {})
    body: dict[str, Any] = {**ErrorBody(code=code, message=message).model_dump(), **(extra or {})}
    return JSONResponse(body, status_code=status, headers=all_headers or None)


def require_scope(principal: Principal, ward_id: str | None) -> None:
    """Raise 403 when a ward-scoped caller names a ward outside its scope."""
    if ward_id is not None and not principal.sees_ward(ward_id):
        raise ApiError(403, "out_of_scope", f"Ward {ward_id} is outside your scope")


def parse_if_match(value: str | None) -> int | None:
    """The version named by an ``If-Match`` header (``"7"``, ``W/"7"``, ``7``); None for
    no header or ``*``; 400 for anything else."""
    if value is None:
        return None
    text = value.strip()
    if text == "*":
        return None
    text = text.removeprefix("W/").strip('"')
    if not text.isdigit() or len(text) > 12:
        raise ApiError(
            400, "bad_if_match", f'If-Match must be a quoted version like "3", got {value[:40]!r}'
        )
    return int(text)


def as_utc(value: datetime | None, name: str = "time") -> datetime | None:
    """A query or body time made timezone-aware (naive means UTC) and kept to sane years.

    The database columns refuse naive times, and arithmetic near year 1 or 9999 overflows:
    both would otherwise surface as a 500.
    """
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    if not 1970 <= value.year <= 2200:
        raise ApiError(422, "invalid_request", f"{name}: year {value.year} is out of range")
    return value.astimezone(UTC)


def etag(version: int) -> str:
    return f'"{version}"'


def describe_validation_errors(errors: Any) -> str:
    """``query.limit: Input should be less than or equal to 1000 (got 5000); …``"""
    parts: list[str] = []
    for err in list(errors)[:5]:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "request"
        msg = str(err.get("msg", "invalid"))
        given = err.get("input")
        if err.get("type") != "missing" and isinstance(given, str | int | float) and given != "":
            shown = repr(given) if isinstance(given, str) else str(given)
            msg += f" (got {shown[:60]})"
        parts.append(f"{loc}: {msg}")
    return "; ".join(parts) or "malformed request"


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    412: "precondition_failed",
    413: "too_large",
    428: "precondition_required",
    422: "invalid_request",
}


def install_error_handlers(app: FastAPI) -> None:
    """Make every error reply an ``ErrorBody``."""

    async def on_api_error(_request: Request, exc: Exception) -> JSONResponse:
        err = cast("ApiError", exc)
        return error_response(err.status, err.code, err.message, err.extra, err.headers)

    async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
        message = describe_validation_errors(cast("RequestValidationError", exc).errors())
        log.info("rejected %s %s: %s", request.method, request.url.path, message)
        return error_response(422, "invalid_request", message)

    async def on_http_error(_request: Request, exc: Exception) -> JSONResponse:
        err = cast("StarletteHTTPException", exc)
        code = _HTTP_CODES.get(err.status_code, "http_error")
        return error_response(err.status_code, code, str(err.detail))

    async def on_overflow(request: Request, exc: Exception) -> JSONResponse:
        # A number the database cannot hold (bounds on inputs should catch it first).
        log.info("rejected %s %s: %s", request.method, request.url.path, exc)
        return error_response(422, "invalid_request", "A number in the request is out of range")

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error in %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal_error", "Internal server error (logged)")

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(OverflowError, on_overflow)
    app.add_exception_handler(Exception, on_unexpected)
