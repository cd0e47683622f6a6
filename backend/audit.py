"""The hash-chained audit log: who changed what, in a form where tampering shows.

Each row stores ``hash = sha256(prev_hash + canonical JSON of the row)``, where the canonical
JSON holds every column but ``hash`` itself, keys sorted, no spaces, UTF-8. Changing, deleting or
inserting a row breaks the chain at that row (or at the next one), and :func:`verify_chain` names
the first row that no longer fits. Rows are written in the same transaction as the change they
record, on the single ``db`` thread, so ids and the chain follow commit order.

What is audited: every decision a person (or the escalation logic) takes — alert actions,
incident creation and changes, field-report and hotline changes, layouts and pushes — plus
field reports and hotline calls as they arrive. Raw AI detections are not audited row by row:
they are machine output at up to thousands a second, kept in the alerts table and event log.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any, Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.db import AuditRow, utcnow
from backend.pg_events import lock_writers
from server_client.contract import AuditEntry, AuditVerification

GENESIS_HASH: Final = "0" * 64
VERIFY_BATCH: Final = 1000


def canonical_json(row: AuditRow) -> str:
    """The row (minus ``hash``) as the exact text that is hashed."""
    ts: datetime = row.ts
    body = {
        "id": row.id,
        "ts": ts.isoformat(timespec="microseconds"),
        "actor": row.actor,
        "action": row.action,
        "entity_type": row.entity_type,
        "entity_id": row.entity_id,
        "ward_id": row.ward_id,
        "detail": row.detail,
        "prev_hash": row.prev_hash,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def row_hash(row: AuditRow) -> str:
    """``sha256(prev_hash + canonical JSON)`` as hex."""
    return hashlib.sha256((row.prev_hash + canonical_json(row)).encode("utf-8")).hexdigest()


def record(
    session: Session,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: str | int,
    *,
    ward_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditRow:
    """Append one audit row to the current transaction (db thread)."""
    # Ids follow the highest stored one: one appender at a time across processes (PostgreSQL).
    lock_writers(session)
    last = session.execute(select(AuditRow.id, AuditRow.hash).order_by(AuditRow.id.desc()).limit(1))
    prev = last.first()
    row = AuditRow(
        id=(prev[0] + 1) if prev else 1,
        # Whole microseconds in UTC: what the database gives back is what was hashed.
        ts=utcnow(),
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        ward_id=ward_id,
        detail=json.loads(json.dumps(detail or {}, default=str)),
        prev_hash=prev[1] if prev else GENESIS_HASH,
    )
    row.hash = row_hash(row)
    session.add(row)
    session.flush()
    return row


def to_wire(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        ts=row.ts,
        actor=row.actor,
        action=row.action,
        entity_type=row.entity_type,
        entity_id=row.entity_id,
        ward_id=row.ward_id,
        detail=dict(row.detail or {}),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def verify_chain(session: Session) -> AuditVerification:
    """Re-compute every hash in id order; report the first row that does not fit."""
    checked = 0
    prev_hash = GENESIS_HASH
    expected_id = 1
    after = 0
    while True:
        rows = session.scalars(
            select(AuditRow).where(AuditRow.id > after).order_by(AuditRow.id).limit(VERIFY_BATCH)
        ).all()
        for row in rows:
            problem: str | None = None
            if row.id != expected_id:
                problem = f"row {expected_id} is missing (next is {row.id})"
            elif row.prev_hash != prev_hash:
                problem = "prev_hash does not match the hash of the row before"
            elif row_hash(row) != row.hash:
                problem = "contents do not match the stored hash"
            if problem is not None:
                return AuditVerification(
                    ok=False, rows_checked=checked, first_broken_id=row.id, reason=problem
                )
            checked += 1
            prev_hash = row.hash
            expected_id = row.id + 1
        if len(rows) < VERIFY_BATCH:
            break
        after = rows[-1].id
        session.expunge_all()  # keep memory flat on a long chain
    return AuditVerification(ok=True, rows_checked=checked)


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(AuditRow)) or 0)
