"""What every route handler gets from the running app: services, caller, and error replies.

Every error leaves the backend as an :class:`ErrorBody` ``{code, message}`` with a proper
status: :class:`ApiError` for the ones routes raise, and handlers below for FastAPI's own
(validation 422, unknown route 404, wrong method 405) and for anything unexpected (500, logged).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Annotated, Any, cast

from fastapi import Depends, FastAPI, Request
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

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


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


def require_role(principal: Principal, *roles: Role) -> None:
    """Raise 403 unless the caller has one of ``roles``."""
    if principal.role not in roles:
        allowed = ", ".join(r.value for r in roles)
        raise ApiError(403, "forbidden", f"Role {principal.role.value} may not do this ({allowed})")


def error_response(status: int, code: str, message: str) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    body = ErrorBody(code=code, message=message).model_dump()
    return JSONResponse(body, status_code=status, headers=headers)


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
    413: "too_large",
    422: "invalid_request",
}


def install_error_handlers(app: FastAPI) -> None:
    """Make every error reply an ``ErrorBody``."""

    async def on_api_error(_request: Request, exc: Exception) -> JSONResponse:
        err = cast("ApiError", exc)
        return error_response(err.status, err.code, err.message)

    async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
        message = describe_validation_errors(cast("RequestValidationError", exc).errors())
        log.info("rejected %s %s: %s", request.method, request.url.path, message)
        return error_response(422, "invalid_request", message)

    async def on_http_error(_request: Request, exc: Exception) -> JSONResponse:
        err = cast("StarletteHTTPException", exc)
        code = _HTTP_CODES.get(err.status_code, "http_error")
        return error_response(err.status_code, code, str(err.detail))

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error in %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal_error", "Internal server error (logged)")

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)
