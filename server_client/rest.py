"""REST client for the IOC backend (``/api/v1``), over httpx.

Every call returns contract models; every failure is one of two exceptions with a message an
operator can read: :class:`BackendUnreachable` (network, timeouts, 5xx gateways) or
:class:`ApiError` (the backend answered and said no).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from server_client import contract
from server_client.contract import (
    API_PREFIX,
    IDEMPOTENCY_HEADER,
    IF_MATCH_HEADER,
    Alert,
    AlertAction,
    AlertPage,
    Camera,
    CategoryRule,
    ChecklistIncompleteBody,
    ErrorBody,
    EventPage,
    FieldReport,
    FieldReportPage,
    FieldReportPatch,
    Health,
    HotlineCall,
    HotlineCallCreate,
    HotlineCallPage,
    Incident,
    IncidentCreate,
    IncidentPage,
    IncidentPatch,
    IncidentReplace,
    KpiName,
    KpiSeries,
    KpiSnapshot,
    Layout,
    LayoutCreate,
    LayoutInfo,
    LayoutPush,
    LayoutPushed,
    LayoutScope,
    LoginRequest,
    RefreshRequest,
    SopStep,
    StaleWriteBody,
    TokenPair,
    Unit,
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


class StaleWrite(ApiError):
    """412: the If-Match version is not the current one; ``current`` is the server's copy."""

    def __init__(self, message: str, current: Incident) -> None:
        super().__init__(412, "stale_version", message)
        self.current = current


class ChecklistIncomplete(ApiError):
    """409 ``checklist_incomplete``: closing needs these required SOP steps done first."""

    def __init__(self, message: str, missing: list[SopStep]) -> None:
        super().__init__(409, "checklist_incomplete", message)
        self.missing = missing


@dataclass(frozen=True)
class ClipFile:
    """A downloaded clip and the wall-clock range (UTC) its first and last frames show."""

    path: Path
    start: datetime
    end: datetime


def _header_time(headers: dict[str, str], name: str) -> datetime | None:
    raw = headers.get(name.lower())
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        log.warning("ignoring a malformed %s header: %r", name, raw[:64])
        return None
    return value if value.tzinfo is not None else None


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

    async def layout(self, layout_id: str) -> Layout:
        """One stored layout with its document (its ``version`` is what updates must match)."""
        return await self._call("GET", f"/layouts/{layout_id}", Layout)

    async def update_layout(
        self, layout_id: str, name: str, document: dict[str, Any], version: int
    ) -> Layout:
        """Replace a layout's name and document if it is still at ``version`` (else 412)."""
        body = contract.LayoutUpdate(name=name, document=document).model_dump(mode="json")
        headers = {"If-Match": f'"{version}"'}
        return await self._call("PUT", f"/layouts/{layout_id}", Layout, json=body, headers=headers)

    async def delete_layout(self, layout_id: str, version: int | None = None) -> None:
        """Delete a layout (only if still at ``version`` when given)."""
        headers = {"If-Match": f'"{version}"'} if version is not None else {}
        await self._send("DELETE", f"/layouts/{layout_id}", headers=headers)

    async def camera_ptz(self, camera_id: str, command: contract.PtzCommand) -> contract.PtzAck:
        """Send a pan/tilt/zoom command through the backend (409 for a camera without PTZ)."""
        body = command.model_dump(mode="json")
        return await self._call("POST", f"/cameras/{camera_id}/ptz", contract.PtzAck, json=body)

    async def push_layout(self, layout_id: str, screens: list[str] | None = None) -> LayoutPushed:
        body = LayoutPush(screens=screens or []).model_dump()
        return await self._call("POST", f"/layouts/{layout_id}/push", LayoutPushed, json=body)

    async def events(self, after: int, limit: int = 1000) -> EventPage:
        return await self._call(
            "GET", "/events", EventPage, params={"after": after, "limit": limit}
        )

    # -- KPIs and the map ---------------------------------------------------------------------

    async def kpi_snapshot(self, *, ward: str | None = None, window_h: int = 24) -> KpiSnapshot:
        """Every KPI now over the last ``window_h`` hours (``ward`` None: the caller's scope)."""
        params: dict[str, Any] = {"window_h": window_h}
        if ward:
            params["ward"] = ward
        return await self._call("GET", "/kpis/snapshot", KpiSnapshot, params=params)

    async def kpi_series(
        self,
        name: KpiName | str,
        start: datetime,
        end: datetime,
        step_s: int,
        *,
        ward: str | None = None,
    ) -> KpiSeries:
        """One KPI from ``start`` to ``end`` in buckets of ``step_s`` seconds."""
        params: dict[str, Any] = {
            "name": str(name),
            "from": start.isoformat(),
            "to": end.isoformat(),
            "step": step_s,
        }
        if ward:
            params["ward"] = ward
        return await self._call("GET", "/kpis/series", KpiSeries, params=params)

    async def alerts_page(
        self,
        *,
        type_: str | None = None,
        state: str | None = None,
        camera_id: str | None = None,
        limit: int = 200,
        offset: int = 0,
        since: datetime | None = None,
        until: datetime | None = None,
        ward_id: str | None = None,
    ) -> AlertPage:
        """A page of alerts, newest first, filtered by type, state, camera, ward and time
        (``since`` ≤ created_at < ``until``)."""
        params: dict[str, Any] = {"limit": limit, "offset": offset}
        filters = {"type": type_, "state": state, "camera_id": camera_id, "ward_id": ward_id}
        for key, value in filters.items():
            if value:
                params[key] = value
        if since is not None:
            params["from"] = since.isoformat()
        if until is not None:
            params["to"] = until.isoformat()
        return await self._call("GET", "/alerts", AlertPage, params=params)

    # -- incidents, units, field reports, hotline ---------------------------------------------

    async def incident_categories(self) -> list[CategoryRule]:
        raw = await self._call_json("GET", "/incident-categories")
        return [CategoryRule.model_validate(c) for c in raw]

    async def units(
        self, *, ward_id: str | None = None, kind: str | None = None, status: str | None = None
    ) -> list[Unit]:
        params = {k: v for k, v in (("ward_id", ward_id), ("kind", kind), ("status", status)) if v}
        return [
            Unit.model_validate(u) for u in await self._call_json("GET", "/units", params=params)
        ]

    async def incidents(
        self, *, limit: int = 500, offset: int = 0, **filters: str | bool | None
    ) -> IncidentPage:
        """A page of incidents; ``filters`` are the query parameters (``state``, ``ward_id`` …)."""
        params: dict[str, Any] = {"limit": limit, "offset": offset}
        params.update({k: v for k, v in filters.items() if v is not None})
        return await self._call("GET", "/incidents", IncidentPage, params=params)

    async def incident(self, incident_id: int) -> Incident:
        return await self._call_incident("GET", f"/incidents/{incident_id}")

    async def create_incident(self, body: IncidentCreate) -> Incident:
        """Open an incident; with ``body.idempotency_key`` a replay returns the first one."""
        headers = {IDEMPOTENCY_HEADER: body.idempotency_key} if body.idempotency_key else {}
        return await self._call_incident(
            "POST", "/incidents", json=body.model_dump(mode="json"), headers=headers
        )

    async def patch_incident(
        self,
        incident_id: int,
        patch: IncidentPatch,
        *,
        if_match: int | None = None,
        key: str | None = None,
    ) -> Incident:
        """Change an incident; a stale ``if_match`` raises :class:`StaleWrite`.

        With ``key`` (an idempotency key) a resend after a lost answer applies nothing twice.
        """
        headers = {IF_MATCH_HEADER: f'"{if_match}"'} if if_match is not None else {}
        if key:
            headers["Idempotency-Key"] = key
        body = patch.model_dump(mode="json", exclude_unset=True)
        return await self._call_incident(
            "PATCH", f"/incidents/{incident_id}", json=body, headers=headers
        )

    async def replace_incident(
        self, incident_id: int, body: IncidentReplace, *, if_match: int
    ) -> Incident:
        return await self._call_incident(
            "PUT",
            f"/incidents/{incident_id}",
            json=body.model_dump(mode="json"),
            headers={IF_MATCH_HEADER: f'"{if_match}"'},
        )

    async def escalate_alert(
        self, alert_id: int, incident_id: int, *, key: str | None = None
    ) -> Alert:
        """Escalate an alert into an existing incident (the one the operator's form opened)."""
        body = AlertAction(idempotency_key=key, incident_id=incident_id).model_dump()
        return await self._call("POST", f"/alerts/{alert_id}/escalate", Alert, json=body)

    async def field_reports(
        self, *, limit: int = 200, offset: int = 0, **filters: str | None
    ) -> FieldReportPage:
        params: dict[str, Any] = {"limit": limit, "offset": offset}
        params.update({k: v for k, v in filters.items() if v is not None})
        return await self._call("GET", "/field-reports", FieldReportPage, params=params)

    async def field_report(self, report_id: int) -> FieldReport:
        return await self._call("GET", f"/field-reports/{report_id}", FieldReport)

    async def patch_field_report(
        self, report_id: int, patch: FieldReportPatch, *, key: str | None = None
    ) -> FieldReport:
        """Change a field report; with ``key`` (idempotency) a resend applies nothing twice."""
        body = patch.model_dump(mode="json", exclude_unset=True)
        headers = {IDEMPOTENCY_HEADER: key} if key else {}
        return await self._call(
            "PATCH", f"/field-reports/{report_id}", FieldReport, json=body, headers=headers
        )

    async def hotline_calls(
        self, *, limit: int = 200, offset: int = 0, **filters: str | None
    ) -> HotlineCallPage:
        params: dict[str, Any] = {"limit": limit, "offset": offset}
        params.update({k: v for k, v in filters.items() if v is not None})
        return await self._call("GET", "/hotline-calls", HotlineCallPage, params=params)

    async def create_hotline_call(self, body: HotlineCallCreate) -> HotlineCall:
        return await self._call(
            "POST", "/hotline-calls", HotlineCall, json=body.model_dump(mode="json")
        )

    async def upload_attachment(
        self, data: bytes, media_type: str = "image/jpeg"
    ) -> contract.BlobInfo:
        """Store a JPEG or PNG for attaching to incidents (the same bytes twice: stored once)."""
        return await self._call(
            "POST",
            "/attachments",
            contract.BlobInfo,
            content=data,
            headers={"Content-Type": media_type},
        )

    async def attachment(self, sha256: str) -> bytes:
        """The bytes of a stored attachment."""
        response = await self._send("GET", f"/attachments/{sha256}")
        return response.content

    async def _call_incident(self, method: str, path: str, **kw: Any) -> Incident:
        """Like :meth:`_call` for an incident, with the 412 and 409 bodies kept for the caller."""
        response = await self._request(method, path, auth=True, **kw)
        if response.status_code == 401 and self._tokens is not None:
            await self.refresh()
            response = await self._request(method, path, auth=True, **kw)
        if response.status_code == 412:
            try:
                stale = StaleWriteBody.model_validate_json(response.content)
                raise StaleWrite(stale.message, Incident.model_validate(stale.current))
            except ValidationError:
                pass
        if response.status_code == 409:
            try:
                incomplete = ChecklistIncompleteBody.model_validate_json(response.content)
            except ValidationError:
                incomplete = None
            if incomplete is not None and incomplete.code == "checklist_incomplete":
                raise ChecklistIncomplete(incomplete.message, incomplete.missing_steps)
        if response.status_code >= 400:
            raise _api_error(response)
        try:
            return Incident.model_validate_json(response.content)
        except ValidationError as exc:
            raise ApiError(
                response.status_code, "bad_response", f"The backend's answer to {path} is malformed"
            ) from exc

    # -- evidence (police liaison, admin) -----------------------------------------------------

    async def evidence_key(self) -> contract.SigningKey:
        """The backend's Ed25519 public key that signs evidence packages."""
        return await self._call("GET", "/evidence/key", contract.SigningKey)

    async def evidence_search(self, criteria: contract.EvidenceSearch) -> contract.EvidencePage:
        """One page of AI events matching ``criteria`` (audited with its case and reason)."""
        body = criteria.model_dump(mode="json", exclude_none=True)
        return await self._call("POST", "/evidence/search", contract.EvidencePage, json=body)

    async def evidence_recordings(self, camera_id: str) -> contract.RecordingInfo:
        return await self._call(
            "GET", "/evidence/recordings", contract.RecordingInfo, params={"camera_id": camera_id}
        )

    async def evidence_clip(self, request: contract.ClipRequest, dest: Path) -> Path:
        """Download a stretch of recording as MP4 into ``dest`` (audited as a view)."""
        return (await self.evidence_view_clip(request, dest)).path

    async def evidence_view_clip(self, request: contract.ClipRequest, dest: Path) -> ClipFile:
        """Like :meth:`evidence_clip`, with the wall-clock range the MP4 really covers.

        The range comes from the backend's ``X-Clip-Start``/``X-Clip-End`` headers; a backend
        without them gets the range asked for (clamped to nothing: it is a best guess).
        """
        body = request.model_dump(mode="json")
        headers: dict[str, str] = {}
        path = await self._download(
            "POST", "/evidence/clip", dest, on_headers=headers.update, json=body
        )
        return ClipFile(
            path,
            _header_time(headers, contract.CLIP_START_HEADER) or request.start,
            _header_time(headers, contract.CLIP_END_HEADER) or request.end,
        )

    async def evidence_export(
        self, request: contract.EvidenceExportRequest
    ) -> contract.EvidenceExport:
        """Start building a signed package; poll :meth:`evidence_export_status`."""
        body = request.model_dump(mode="json")
        return await self._call("POST", "/evidence/exports", contract.EvidenceExport, json=body)

    async def evidence_export_status(self, export_id: str) -> contract.EvidenceExport:
        return await self._call("GET", f"/evidence/exports/{export_id}", contract.EvidenceExport)

    async def evidence_download(
        self,
        export_id: str,
        dest: Path,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Path:
        """Download a ready package (zip) into ``dest``; ``on_progress(done, total)``."""
        return await self._download(
            "GET", f"/evidence/exports/{export_id}/package", dest, on_progress=on_progress
        )

    async def evidence_locks(self) -> list[contract.EvidenceLock]:
        rows = await self._call_json("GET", "/evidence/locks")
        return [contract.EvidenceLock.model_validate(r) for r in rows]

    async def evidence_lock(self, request: contract.EvidenceLockCreate) -> contract.EvidenceLock:
        body = request.model_dump(mode="json")
        return await self._call("POST", "/evidence/locks", contract.EvidenceLock, json=body)

    async def _download(
        self,
        method: str,
        path: str,
        dest: Path,
        *,
        on_progress: Callable[[int, int], None] | None = None,
        on_headers: Callable[[dict[str, str]], None] | None = None,
        **kw: Any,
    ) -> Path:
        """Stream a response body into ``dest`` (written whole or not at all)."""
        tmp = dest.with_name(f".{dest.name}.part")
        for attempt in (1, 2):
            headers: dict[str, str] = {}
            if self._tokens is not None:
                headers["Authorization"] = f"Bearer {self._tokens.access_token}"
            try:
                async with self._http.stream(
                    method, API_PREFIX + path, headers=headers, timeout=120.0, **kw
                ) as response:
                    if response.status_code == 401 and attempt == 1 and self._tokens is not None:
                        await self.refresh()
                        continue
                    if response.status_code >= 400:
                        await response.aread()
                        raise _api_error(response)
                    if on_headers is not None:
                        on_headers({k.lower(): v for k, v in response.headers.items()})
                    total = int(response.headers.get("content-length") or 0)
                    done = 0
                    with tmp.open("wb") as fh:
                        async for chunk in response.aiter_bytes(1 << 16):
                            fh.write(chunk)
                            done += len(chunk)
                            if on_progress is not None:
                                on_progress(done, total)
                tmp.replace(dest)
                return dest
            except httpx.TransportError as exc:
                raise BackendUnreachable(f"Backend {self.base_url} unreachable: {exc!r}") from exc
            finally:
                tmp.unlink(missing_ok=True)
        raise ApiError(401, "unauthorized", "Not authorised")

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
        headers: dict[str, str] = dict(kw.pop("headers", None) or {})
        if auth and self._tokens is not None:
            headers["Authorization"] = f"Bearer {self._tokens.access_token}"
        try:
            try:
                return await self._http.request(method, API_PREFIX + path, headers=headers, **kw)
            except httpx.RemoteProtocolError:
                # A pooled keep-alive connection the server had just closed: nothing reached
                # the server's handler. Retry once when a repeat is harmless.
                if not _safe_to_repeat(method, kw, headers):
                    raise
                log.info("%s %s: connection dropped by the server; retrying once", method, path)
                return await self._http.request(method, API_PREFIX + path, headers=headers, **kw)
        except httpx.TransportError as exc:
            raise BackendUnreachable(f"Backend {self.base_url} unreachable: {exc!r}") from exc


def _safe_to_repeat(method: str, kw: dict[str, Any], headers: dict[str, str]) -> bool:
    """GETs, and writes that carry an idempotency key, apply once however often they are sent."""
    if method in ("GET", "HEAD", "OPTIONS", "PUT", "DELETE") or headers.get("Idempotency-Key"):
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
