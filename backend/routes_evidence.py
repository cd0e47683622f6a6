"""``/evidence``: search, recordings, clip view, locks, signed exports (police liaison, admin).

Every search, view, lock, export and download is written to the hash-chained audit log with
the case number and the reason the officer gave (both required), in the same transaction as
the work it records when there is any. A ward-scoped officer sees only the wards of the scope.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import FileResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask

from backend.auth import Principal
from backend.db import AlertRow
from backend.evidence import (
    MAX_CLIP,
    ClipSource,
    EvidenceExportRow,
    EvidenceLockRow,
    ExportJob,
    SnapshotSource,
    export_row,
    point_in_polygon,
    record_access,
    search,
)
from backend.recorder import ClipError, covering, cut_clip, spans
from backend.routes_context import ApiError, CurrentUser, as_utc, require_role, services_of
from server_client.contract import (
    CLIP_END_HEADER,
    CLIP_START_HEADER,
    EVIDENCE_ROLES,
    CaseReference,
    ClipRequest,
    ClipSpec,
    ErrorBody,
    EvidenceExport,
    EvidenceExportRequest,
    EvidenceLock,
    EvidenceLockCreate,
    EvidencePage,
    EvidenceSearch,
    ExportState,
    RecordingInfo,
    RecordingSpan,
    Role,
    SigningKey,
)

log = logging.getLogger(__name__)


async def evidence_role(principal: CurrentUser) -> Principal:
    """403 for every role but police liaison and admin, before the request is even parsed."""
    require_role(principal, *EVIDENCE_ROLES)
    return principal


router = APIRouter(prefix="/evidence", tags=["evidence"], dependencies=[Depends(evidence_role)])


def _camera_ward(request: Request, principal: Principal, camera_id: str) -> str:
    """The ward of a camera the caller may see; 404 otherwise (out of scope looks missing)."""
    try:
        camera = services_of(request).city.camera(camera_id)
    except KeyError:
        raise ApiError(404, "not_found", f"No camera {camera_id}") from None
    if not principal.sees_ward(camera.ward_id):
        raise ApiError(404, "not_found", f"No camera {camera_id}")
    return camera.ward_id


def _checked_range(spec: ClipSpec) -> tuple[datetime, datetime]:
    start, end = as_utc(spec.start, "start"), as_utc(spec.end, "end")
    assert start is not None
    assert end is not None
    if end <= start:
        raise ApiError(422, "invalid_request", "end must be after start")
    if end - start > MAX_CLIP:
        raise ApiError(422, "invalid_request", "A clip is at most one hour long")
    return start, end


def _clip_source(request: Request, principal: Principal, spec: ClipSpec) -> ClipSource:
    _camera_ward(request, principal, spec.camera_id)
    start, end = _checked_range(spec)
    segments = covering(services_of(request).evidence.segments(spec.camera_id), start, end)
    if not segments:
        raise ApiError(
            422, "no_recording",
            f"No recording of {spec.camera_id} between {start.isoformat()} and {end.isoformat()}",
        )  # fmt: skip
    return ClipSource(spec.camera_id, start, end, segments)


@router.get("/key", response_model=SigningKey)
async def signing_key(request: Request, principal: CurrentUser) -> SigningKey:
    """The Ed25519 public key that signs export manifests (also inside every package)."""
    require_role(principal, *EVIDENCE_ROLES)
    return services_of(request).evidence.key.to_wire()


def _area_cameras(request: Request, principal: Principal, criteria: EvidenceSearch) -> list[str]:
    """The cameras inside the search area that the caller may see (and that ``camera_ids``
    names, when it names any), sorted."""
    area = criteria.area
    assert area is not None
    named = set(criteria.camera_ids)
    # The bounding box first: most of a city's cameras fail it without the polygon test.
    south, north = min(p.lat for p in area), max(p.lat for p in area)
    west, east = min(p.lon for p in area), max(p.lon for p in area)
    return sorted(
        camera.id
        for camera in services_of(request).city.cameras
        if south <= camera.lat <= north
        and west <= camera.lon <= east
        and principal.sees_ward(camera.ward_id)
        and (not named or camera.id in named)
        and point_in_polygon(camera.lat, camera.lon, area)
    )


@router.post("/search", response_model=EvidencePage)
async def search_evidence(
    request: Request, principal: CurrentUser, body: EvidenceSearch
) -> EvidencePage:
    """AI events by time, cameras or an area on the map, type, plate (any part), vehicle colour
    and type; audited (with the area and the cameras it covered)."""
    require_role(principal, *EVIDENCE_ROLES)
    services = services_of(request)
    criteria = body.model_copy(
        update={"start": as_utc(body.start, "start"), "end": as_utc(body.end, "end")}
    )
    in_area = None if criteria.area is None else _area_cameras(request, principal, criteria)
    await services.evidence.catch_up()

    def work(session: Session) -> EvidencePage:
        page = search(session, principal, criteria, in_area)
        shown = criteria.model_dump(
            mode="json", exclude={"case_number", "reason"}, exclude_defaults=True
        )
        detail = {"criteria": shown, "results": len(page.items), "has_more": page.has_more}
        if in_area is not None:
            detail["area_camera_ids"] = in_area
        record_access(session, principal, "evidence.search", criteria, detail)
        session.commit()
        return page

    return await services.db.run(work)


@router.get("/recordings", response_model=RecordingInfo)
async def recordings(
    request: Request,
    principal: CurrentUser,
    camera_id: Annotated[str, Query(min_length=1, max_length=64)],
) -> RecordingInfo:
    """The continuous stretches of a camera's recording that are on disk."""
    require_role(principal, *EVIDENCE_ROLES)
    services = services_of(request)
    _camera_ward(request, principal, camera_id)
    found = spans(services.evidence.segments(camera_id))
    stream_id = services.city.camera(camera_id).stream_id
    return RecordingInfo(
        camera_id=camera_id,
        recording=stream_id in services.evidence.recorder.streams,
        retention_h=services.evidence.recorder.retention.total_seconds() / 3600,
        spans=[RecordingSpan(start=s.start, end=s.end) for s in found],
    )


@router.post(
    "/clip",
    response_class=FileResponse,
    responses={
        200: {
            "content": {"video/mp4": {}},
            "headers": {
                CLIP_START_HEADER: {
                    "description": "Wall-clock time (ISO 8601, UTC) of the clip's first frame",
                    "schema": {"type": "string", "format": "date-time"},
                },
                CLIP_END_HEADER: {
                    "description": "Wall-clock time (ISO 8601, UTC) where the clip ends",
                    "schema": {"type": "string", "format": "date-time"},
                },
            },
        }
    },
)
async def view_clip(request: Request, principal: CurrentUser, body: ClipRequest) -> FileResponse:
    """A stretch of recording as MP4 (remuxed, not re-encoded), for playback; audited."""
    require_role(principal, *EVIDENCE_ROLES)
    services = services_of(request)
    source = _clip_source(request, principal, body)
    tmp_dir = services.evidence.tmp_dir
    tmp_dir.mkdir(parents=True, exist_ok=True)
    dest = tmp_dir / f"view-{uuid.uuid4().hex}.mp4"
    try:
        got = await cut_clip(
            services.config.ffmpeg, source.segments, source.start, source.end, dest
        )
    except ClipError as exc:
        raise ApiError(422, "clip_failed", str(exc)) from exc

    def work(session: Session) -> None:
        record_access(
            session, principal, "evidence.view", body,
            {"camera_id": body.camera_id, "start": got.start.isoformat(),
             "end": got.end.isoformat()},
        )  # fmt: skip
        session.commit()

    try:
        await services.db.run(work)
    except BaseException:
        dest.unlink(missing_ok=True)
        raise
    # The player lays the clip on a wall-clock timeline: say what range it really covers.
    headers = {CLIP_START_HEADER: got.start.isoformat(), CLIP_END_HEADER: got.end.isoformat()}
    return FileResponse(
        dest, media_type="video/mp4", headers=headers,
        background=BackgroundTask(dest.unlink, missing_ok=True),
    )  # fmt: skip


@router.get("/locks", response_model=list[EvidenceLock])
async def list_locks(request: Request, principal: CurrentUser) -> list[EvidenceLock]:
    """Every evidence lock, newest first."""
    require_role(principal, *EVIDENCE_ROLES)
    rows = await services_of(request).db.run(
        lambda s: list(s.scalars(select(EvidenceLockRow).order_by(EvidenceLockRow.id.desc())))
    )
    return [row.to_wire() for row in rows if principal.sees_ward(_ward_or_none(request, row))]


def _ward_or_none(request: Request, row: EvidenceLockRow) -> str | None:
    try:
        return services_of(request).city.camera(row.camera_id).ward_id
    except KeyError:
        return None


@router.post("/locks", response_model=EvidenceLock, status_code=201)
async def create_lock(
    request: Request, principal: CurrentUser, body: EvidenceLockCreate
) -> EvidenceLock:
    """Keep a stretch of recording past the retention window; audited."""
    require_role(principal, *EVIDENCE_ROLES)
    _camera_ward(request, principal, body.camera_id)
    start, end = _checked_range(body)

    def work(session: Session) -> EvidenceLock:
        row = _add_lock(session, principal, body, body.camera_id, start, end)
        record_access(session, principal, "evidence.lock", body,
                      {"lock_id": row.id, "camera_id": body.camera_id,
                       "start": start.isoformat(), "end": end.isoformat()})  # fmt: skip
        session.commit()
        return row.to_wire()

    return await services_of(request).db.run(work)


def _add_lock(
    session: Session,
    principal: Principal,
    body: EvidenceLockCreate | EvidenceExportRequest,
    camera_id: str,
    start: datetime,
    end: datetime,
) -> EvidenceLockRow:
    row = EvidenceLockRow(
        camera_id=camera_id, start=start, end=end, case_number=body.case_number,
        reason=body.reason, created_by=principal.username,
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row


@router.post("/exports", response_model=EvidenceExport, status_code=202)
async def start_export(
    request: Request, principal: CurrentUser, body: EvidenceExportRequest
) -> EvidenceExport:
    """Build a signed package of clips and snapshots; poll the job, then download it.

    The clips' ranges are locked for the case, so the recording outlives retention.
    """
    require_role(principal, *EVIDENCE_ROLES)
    services = services_of(request)
    if not body.clips and not body.snapshot_alert_ids:
        raise ApiError(422, "invalid_request", "Choose at least one clip or snapshot")
    clips = [_clip_source(request, principal, spec) for spec in body.clips]
    for bookmark in body.bookmarks:
        _camera_ward(request, principal, bookmark.camera_id)
    alert_ids = sorted(set(body.snapshot_alert_ids))

    def load(session: Session) -> list[SnapshotSource]:
        found: list[SnapshotSource] = []
        rows = {
            r.id: r for r in session.scalars(select(AlertRow).where(AlertRow.id.in_(alert_ids)))
        }
        for alert_id in alert_ids:
            row = rows.get(alert_id)
            if row is None or not principal.sees_ward(row.ward_id):
                raise ApiError(404, "not_found", f"No alert {alert_id}")
            path = services.snapshots.resolve(row.snapshot_path)
            if path is None:
                raise ApiError(422, "no_snapshot", f"Alert {alert_id} has no snapshot")
            found.append(SnapshotSource(alert_id, row.camera_id, row.created_at, path))
        for clip in clips:
            _add_lock(session, principal, body, clip.camera_id, clip.start, clip.end)
        return found

    def on_done(session: Session, job: ExportJob) -> None:
        action = (
            "evidence.export_ready" if job.state == ExportState.READY else "evidence.export_failed"
        )
        record_access(
            session, principal, action, body,
            {"export_id": job.id, "manifest_sha256": job.manifest_sha256,
             "package_sha256": job.package_sha256, "size_bytes": job.size_bytes,
             "error": job.error, "files": [{"path": f.path, "sha256": f.sha256} for f in job.files]},
        )  # fmt: skip

    job = services.evidence.new_job(principal, body, body.bookmarks)

    def begin(session: Session) -> list[SnapshotSource]:
        snaps = load(session)
        requested = {
            "clips": [c.model_dump(mode="json") for c in body.clips],
            "snapshot_alert_ids": alert_ids,
            "bookmarks": [b.model_dump(mode="json") for b in body.bookmarks],
        }
        # The job's row commits with the audit row of the request: neither exists alone.
        services.evidence.add_job_row(session, job, requested)
        record_access(
            session, principal, "evidence.export", body, {"export_id": job.id, **requested}
        )
        session.commit()
        return snaps

    snapshots = await services.db.run(begin)
    services.evidence.start_export(job, clips, snapshots, on_done)
    return job.to_wire()


async def _own_job(request: Request, principal: Principal, export_id: str) -> EvidenceExportRow:
    row = await services_of(request).db.run(lambda s: export_row(s, export_id))
    # Another officer's export looks missing (an admin sees all).
    if row is None or (row.created_by != principal.username and principal.role != Role.ADMIN):
        raise ApiError(404, "not_found", f"No export {export_id}")
    return row


@router.get("/exports/{export_id}", response_model=EvidenceExport)
async def get_export(request: Request, principal: CurrentUser, export_id: str) -> EvidenceExport:
    """An export job's state and progress."""
    require_role(principal, *EVIDENCE_ROLES)
    return (await _own_job(request, principal, export_id)).to_wire()


@router.get(
    "/exports/{export_id}/package",
    response_class=FileResponse,
    responses={
        200: {"content": {"application/zip": {}}},
        404: {"model": ErrorBody},
        409: {"model": ErrorBody, "description": "the export is building or failed"},
        410: {"model": ErrorBody, "description": "the package file is gone from the backend"},
    },
)
async def download_export(request: Request, principal: CurrentUser, export_id: str) -> Response:
    """The package as a zip once the export is ready (409 before, 410 if its file is gone);
    audited. Ready packages outlive a backend restart."""
    require_role(principal, *EVIDENCE_ROLES)
    services = services_of(request)
    job = await _own_job(request, principal, export_id)
    if job.state != ExportState.READY.value:
        raise ApiError(409, "not_ready", f"Export {export_id} is {job.state}")
    path = services.evidence.package_file(job)
    if path is None:
        raise ApiError(
            410, "package_gone", f"The package of export {export_id} is no longer on disk"
        )

    def work(session: Session) -> None:
        ref = CaseReference(case_number=job.case_number, reason=job.reason)
        record_access(session, principal, "evidence.download", ref,
                      {"export_id": job.id, "manifest_sha256": job.manifest_sha256,
                       "package_sha256": job.package_sha256})  # fmt: skip
        session.commit()

    await services.db.run(work)
    return FileResponse(path, media_type="application/zip", filename=path.name)
