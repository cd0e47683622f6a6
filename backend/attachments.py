"""Incident attachments: snapshots stored once as blobs named by their SHA-256.

A console uploads a JPEG or PNG (``POST /attachments``: a tile snapshot, a file) and names it by
hash in a create or a change; an alert's snapshot is named by the alert and copied into a blob
here. Uploading the same bytes twice stores them once, so a console replaying its outbox after a
lost answer can simply upload again. The incident keeps a small JSON entry per attachment (hash,
label, type, size, who, when); the bytes stay in ``attachment_blobs``.

A blob is readable only by someone who uploaded it (``attachment_uploads`` keeps every uploader)
or who can see an incident that references it (the incident endpoints' rule: the incident's
ward is in the caller's scope). Anyone else is told it does not exist.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Text, cast, select
from sqlalchemy.orm import Session

from backend.auth import Principal
from backend.db import AlertRow, AttachmentBlobRow, AttachmentUploadRow, IncidentRow, utcnow
from backend.routes_context import ApiError
from server_client.contract import (
    ATTACHMENT_MAX_BYTES,
    ATTACHMENTS_MAX,
    Attachment,
    AttachmentRef,
    BlobInfo,
    attachment_url,
)

if TYPE_CHECKING:
    from backend.app import BackendServices


def sniff_media_type(data: bytes) -> str | None:
    """``image/jpeg`` or ``image/png`` from the first bytes; None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def blob_info(row: AttachmentBlobRow) -> BlobInfo:
    return BlobInfo(
        sha256=row.sha256, size=row.size, media_type=row.media_type, url=attachment_url(row.sha256)
    )


def store_blob(session: Session, data: bytes, actor: str) -> tuple[AttachmentBlobRow, bool]:
    """Store ``data`` (JPEG or PNG) once; returns the row and whether it is new."""
    if not data:
        raise ApiError(422, "empty_attachment", "The attachment is empty")
    if len(data) > ATTACHMENT_MAX_BYTES:
        raise ApiError(
            413, "attachment_too_large",
            f"The attachment has {len(data)} bytes; at most {ATTACHMENT_MAX_BYTES} are taken",
        )  # fmt: skip
    media_type = sniff_media_type(data)
    if media_type is None:
        raise ApiError(415, "unsupported_media_type", "Attachments must be JPEG or PNG images")
    digest = hashlib.sha256(data).hexdigest()
    if session.get(AttachmentUploadRow, (digest, actor)) is None:
        session.add(AttachmentUploadRow(sha256=digest, username=actor, created_at=utcnow()))
    row = session.get(AttachmentBlobRow, digest)
    if row is not None:
        session.flush()
        return row, False
    row = AttachmentBlobRow(
        sha256=digest, media_type=media_type, size=len(data), data=data, created_by=actor,
        created_at=utcnow(),
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row, True


def referenced_in_scope(session: Session, principal: Principal, sha256: str) -> bool:
    """Whether an incident the caller can see lists the blob ``sha256`` among its attachments."""
    # The JSON text is a prefilter (a hex digest needs no escaping); each hit is confirmed on
    # the parsed entries, so a digest quoted in some other field never counts.
    query = select(IncidentRow.attachments).where(
        cast(IncidentRow.attachments, Text).contains(sha256)
    )
    if principal.scoped:
        query = query.where(IncidentRow.ward_id.in_(sorted(principal.wards)))
    for entries in session.scalars(query):
        if any(entry.get("sha256") == sha256 for entry in entries or []):
            return True
    return False


def may_read_blob(session: Session, principal: Principal, row: AttachmentBlobRow) -> bool:
    """An uploader of the blob, or someone who can see an incident that references it."""
    if row.created_by == principal.username:
        return True
    if session.get(AttachmentUploadRow, (row.sha256, principal.username)) is not None:
        return True
    return referenced_in_scope(session, principal, row.sha256)


def readable_blob(session: Session, principal: Principal, sha256: str) -> AttachmentBlobRow | None:
    """The blob ``sha256`` if the caller may read it; None when missing *or* not theirs."""
    row = session.get(AttachmentBlobRow, sha256)
    if row is None or not may_read_blob(session, principal, row):
        return None
    return row


def attachment_to_wire(entry: dict[str, Any]) -> Attachment:
    return Attachment.model_validate({**entry, "url": attachment_url(str(entry["sha256"]))})


async def read_alert_snapshots(
    services: BackendServices, principal: Principal, refs: Iterable[AttachmentRef]
) -> dict[int, bytes]:
    """The snapshot bytes of the alerts that ``refs`` name (read before the transaction, off
    the db thread: a file read has no business inside it). 422 for an alert without one."""
    alert_ids = sorted({r.alert_id for r in refs if r.alert_id is not None})
    if not alert_ids:
        return {}

    def paths(session: Session) -> dict[int, str | None]:
        out: dict[int, str | None] = {}
        for alert_id in alert_ids:
            row = session.get(AlertRow, alert_id)
            if row is None or not principal.sees_ward(row.ward_id):
                raise ApiError(422, "unknown_alert", f"No alert {alert_id}")
            out[alert_id] = row.snapshot_path
        return out

    found = await services.db.run(paths)
    out: dict[int, bytes] = {}
    for alert_id, rel in found.items():
        path = services.snapshots.resolve(rel)
        if path is None:
            raise ApiError(422, "no_snapshot", f"Alert {alert_id} has no snapshot to attach")
        out[alert_id] = await asyncio.to_thread(path.read_bytes)
    return out


def resolve_refs(
    session: Session,
    refs: Iterable[AttachmentRef],
    alert_snapshots: dict[int, bytes],
    principal: Principal,
    existing: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """The incident's JSON entries for ``refs`` (skipping hashes it already has).

    A hash names only a blob the caller may read: otherwise attaching someone else's blob to an
    incident of one's own ward would be a way round the read check.
    """
    actor = principal.username
    seen = set(existing)
    entries: list[dict[str, Any]] = []
    now = utcnow().isoformat()
    for ref in refs:
        if ref.alert_id is not None:
            data = alert_snapshots.get(ref.alert_id)
            if data is None:
                raise ApiError(422, "no_snapshot", f"Alert {ref.alert_id} has no snapshot")
            row, _ = store_blob(session, data, actor)
        else:
            found = readable_blob(session, principal, ref.sha256) if ref.sha256 else None
            if found is None:
                raise ApiError(
                    422, "unknown_attachment",
                    f"No attachment {ref.sha256}: upload it first (POST /attachments)",
                )  # fmt: skip
            row = found
        if row.sha256 in seen:
            continue
        seen.add(row.sha256)
        entries.append(
            {
                "sha256": row.sha256, "label": ref.label, "media_type": row.media_type,
                "size": row.size, "alert_id": ref.alert_id, "added_by": actor, "added_at": now,
            }
        )  # fmt: skip
    if len(seen) > ATTACHMENTS_MAX:
        raise ApiError(
            422, "too_many_attachments", f"An incident takes at most {ATTACHMENTS_MAX} attachments"
        )
    return entries
