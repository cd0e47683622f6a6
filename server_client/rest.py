"""REST client for the IOC backend (``/api/v1``), over httpx.

Every call returns contract models; every failure is one of two exceptions with a message an
operator can read: :class:`BackendUnreachable` (network, timeouts, 5xx gateways) or
:class:`ApiError` (the backend answered and said no).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from server_client.contract import (
    API_PREFIX,
    Alert,
    AlertAction,
    AlertPage,
    Camera,
    ErrorBody,
    EventPage,
    Health,
    Layout,
    LayoutCreate,
    LayoutInfo,
    LayoutPush,
    LayoutPushed,
    LayoutScope,
    LoginRequest,
    RefreshRequest,
    TokenPair,
    UserInfo,
    Ward,
)

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)


class BackendUnreachable(ConnectionError):
    """The backend could not be reached (or did not answer in time)."""


class ApiError(RuntimeError):
    """The backend answered with an error status."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{message} ({status} {code})")
        self.status = status
        self.code = code
        self.message = message


class RestClient:
    """Async client of the backend's REST API. Holds the session's tokens."""

    def __init__(self, base_url: str, *, timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.AsyncClient(base_url=self.base_url, timeout=timeout)
        self._tokens: TokenPair | None = None
        self._refreshing: Callable[[], Awaitable[None]] | None = None

    @property
    def tokens(self) -> TokenPair | None:
        return self._tokens

    @property
    def user(self) -> UserInfo | None:
        return self._tokens.user if self._tokens else None

    @property
    def access_token(self) -> str | None:
        return self._tokens.access_token if self._tokens else None

    async def aclose(self) -> None:
        await self._http.aclose()

    # -- auth ---------------------------------------------------------------------------------

    async def login(self, username: str, password: str) -> TokenPair:
        body = LoginRequest(username=username, password=password).model_dump()
        self._tokens = await self._call("POST", "/auth/login", TokenPair, json=body, auth=False)
        return self._tokens

    async def refresh(self) -> TokenPair:
        if self._tokens is None:
            raise ApiError(401, "not_logged_in", "Not logged in")
        body = RefreshRequest(refresh_token=self._tokens.refresh_token).model_dump()
        self._tokens = await self._call("POST", "/auth/refresh", TokenPair, json=body, auth=False)
        return self._tokens

    # -- resources ----------------------------------------------------------------------------

    async def health(self) -> Health:
        return await self._call("GET", "/health", Health, auth=False)

    async def me(self) -> UserInfo:
        return await self._call("GET", "/me", UserInfo)

    async def wards(self) -> list[Ward]:
        return [Ward.model_validate(w) for w in await self._call_json("GET", "/wards")]

    async def cameras(self) -> list[Camera]:
        return [Camera.model_validate(c) for c in await self._call_json("GET", "/cameras")]

    async def alerts(
        self, *, state: str | None = None, limit: int = 200, offset: int = 0
    ) -> AlertPage:
        params: dict[str, Any] = {"limit": limit, "offset": offset}
        if state:
            params["state"] = state
        return await self._call("GET", "/alerts", AlertPage, params=params)

    async def alert_action(
        self, alert_id: int, action: str, *, key: str | None = None, reason: str | None = None
    ) -> Alert:
        if action not in ("acknowledge", "dismiss", "escalate"):
            raise ValueError(f"unknown alert action {action!r}")
        body = AlertAction(idempotency_key=key, reason=reason).model_dump()
        return await self._call("POST", f"/alerts/{alert_id}/{action}", Alert, json=body)

    async def snapshot(self, alert_id: int) -> bytes:
        response = await self._send("GET", f"/alerts/{alert_id}/snapshot")
        return response.content

    async def layouts(self) -> list[LayoutInfo]:
        return [LayoutInfo.model_validate(x) for x in await self._call_json("GET", "/layouts")]

    async def create_layout(
        self, name: str, document: dict[str, Any], scope: LayoutScope = LayoutScope.SHARED
    ) -> Layout:
        body = LayoutCreate(name=name, scope=scope, document=document).model_dump(mode="json")
        return await self._call("POST", "/layouts", Layout, json=body)

    async def push_layout(self, layout_id: str, screens: list[str] | None = None) -> LayoutPushed:
        body = LayoutPush(screens=screens or []).model_dump()
        return await self._call("POST", f"/layouts/{layout_id}/push", LayoutPushed, json=body)

    async def events(self, after: int, limit: int = 1000) -> EventPage:
        return await self._call(
            "GET", "/events", EventPage, params={"after": after, "limit": limit}
        )

    # -- plumbing -----------------------------------------------------------------------------

    async def _call(self, method: str, path: str, model: type[M], **kw: Any) -> M:
        response = await self._send(method, path, **kw)
        try:
            return model.model_validate_json(response.content)
        except ValidationError as exc:
            raise ApiError(
                response.status_code, "bad_response", f"The backend's answer to {path} is malformed"
            ) from exc

    async def _call_json(self, method: str, path: str, **kw: Any) -> Any:
        response = await self._send(method, path, **kw)
        try:
            return response.json()
        except ValueError as exc:
            raise ApiError(response.status_code, "bad_response", f"{path}: not JSON") from exc

    async def _send(
        self, method: str, path: str, *, auth: bool = True, **kw: Any
    ) -> httpx.Response:
        response = await self._request(method, path, auth=auth, **kw)
        if response.status_code == 401 and auth and self._tokens is not None:
            # The access token expired: refresh once, then retry the request.
            await self.refresh()
            response = await self._request(method, path, auth=auth, **kw)
        if response.status_code >= 400:
            raise _api_error(response)
        return response

    async def _request(self, method: str, path: str, *, auth: bool, **kw: Any) -> httpx.Response:
        headers: dict[str, str] = {}
        if auth and self._tokens is not None:
            headers["Authorization"] = f"Bearer {self._tokens.access_token}"
        try:
            try:
                return await self._http.request(method, API_PREFIX + path, headers=headers, **kw)
            except httpx.RemoteProtocolError:
                # A pooled keep-alive connection the server had just closed: nothing reached
                # the server's handler. Retry once when a repeat is harmless.
                if not _safe_to_repeat(method, kw):
                    raise
                log.info("%s %s: connection dropped by the server; retrying once", method, path)
                return await self._http.request(method, API_PREFIX + path, headers=headers, **kw)
        except httpx.TransportError as exc:
            raise BackendUnreachable(f"Backend {self.base_url} unreachable: {exc!r}") from exc


def _safe_to_repeat(method: str, kw: dict[str, Any]) -> bool:
    """GETs, and writes that carry an idempotency key, apply once however often they are sent."""
    if method in ("GET", "HEAD", "OPTIONS", "PUT", "DELETE"):
        return True
    body = kw.get("json")
    return isinstance(body, dict) and bool(body.get("idempotency_key"))


def _api_error(response: httpx.Response) -> ApiError:
    if response.status_code in (502, 503, 504):
        raise BackendUnreachable(f"Backend unavailable ({response.status_code})")
    try:
        body = ErrorBody.model_validate_json(response.content)
        return ApiError(response.status_code, body.code, body.message)
    except ValidationError:
        text = response.text[:200] or response.reason_phrase
        return ApiError(response.status_code, "http_error", text)
