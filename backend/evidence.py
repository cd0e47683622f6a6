"""Evidence for the police liaison: the search index, locks, signing key and export packages.

Search runs over ``evidence_index``, one narrow row per alert (time, camera, type, normalised
plate, vehicle colour and type) that follows the alerts table by id: a background task indexes
new alerts every few seconds, and every search catches up first, so an alert is findable the
moment it is stored. On SQLite, plates also go into an FTS5 table with the trigram tokenizer,
which answers "any part of the plate" (``LIKE '%1234%'``) from an index instead of a scan
(PostgreSQL would use pg_trgm; there the search falls back to a plain ``LIKE``).

An export package is an open format: MP4 clips cut from the recording without transcoding,
the alerts' JPEG snapshots, a README, the backend's public key, and ``manifest.json`` (camera,
time range, size and SHA-256 of every file, who exported it, when, for which case), signed with
the backend's Ed25519 key into ``manifest.sig``. Anyone can check it with ``ioc-console verify``
or with openssl and sha256sum (the README says how).

Export jobs are rows of ``evidence_exports``: a ready package can be downloaded after a restart,
and a job that was building when its process died is marked failed at the next start (the
half-built folder is removed; the officer starts the export again).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import re
import shutil
import socket
import uuid
import zipfile
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import (
    JSON,
    BigInteger,
    ColumnElement,
    Float,
    Index,
    Integer,
    String,
    Text,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from backend import audit
from backend.auth import Principal
from backend.db import AlertRow, Base, Database, UtcDateTime, utcnow
from backend.recorder import ClipError, Recorder, Segment, TimeRange, cut_clip
from server_client.contract import (
    API_PREFIX,
    EVIDENCE_FORMAT,
    MANIFEST_FILE,
    PUBLIC_KEY_FILE,
    SIGNATURE_FILE,
    AlertType,
    CaseReference,
    EvidenceBookmark,
    EvidenceExport,
    EvidenceHit,
    EvidenceLock,
    EvidenceManifest,
    EvidencePage,
    EvidenceSearch,
    ExportState,
    GeoPoint,
    ManifestFile,
    Severity,
    SigningKey,
)

log = logging.getLogger(__name__)

INDEX_BATCH: Final = 5000
INDEX_INTERVAL_S: Final = 2.0
# A search indexes at most this many new alerts inline; the background task does the rest.
INLINE_INDEX_LIMIT: Final = 20_000
KEY_FILE: Final = "evidence-signing-key.pem"
MAX_CLIP: Final = timedelta(hours=1)
_NOT_PLATE = re.compile(r"[^0-9A-Z]")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")
INTERRUPTED: Final = "interrupted by a backend restart; start the export again"


# -- tables -----------------------------------------------------------------------------------


class EvidenceIndexRow(Base):
    """What a search filters on, one row per alert (``alert_id`` is the rowid)."""

    __tablename__ = "evidence_index"
    __table_args__ = (
        Index("ix_evidence_ts", "ts", "alert_id"),
        Index("ix_evidence_camera_ts", "camera_id", "ts"),
        Index("ix_evidence_type_ts", "type", "ts"),
    )

    alert_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ts: Mapped[datetime] = mapped_column(UtcDateTime)
    camera_id: Mapped[str] = mapped_column(String(64))
    ward_id: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(32))
    severity: Mapped[str] = mapped_column(String(16))
    plate: Mapped[str] = mapped_column(String(32), default="")
    plate_text: Mapped[str] = mapped_column(String(32), default="")
    colour: Mapped[str] = mapped_column(String(20), default="")
    vehicle_type: Mapped[str] = mapped_column(String(20), default="")
    has_snapshot: Mapped[int] = mapped_column(Integer, default=0)


class EvidenceLockRow(Base):
    """A stretch of a camera's recording kept past retention, for a case."""

    __tablename__ = "evidence_locks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    camera_id: Mapped[str] = mapped_column(String(64), index=True)
    start: Mapped[datetime] = mapped_column(UtcDateTime)
    end: Mapped[datetime] = mapped_column(UtcDateTime)
    case_number: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(500))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    def to_wire(self) -> EvidenceLock:
        return EvidenceLock(
            id=self.id, camera_id=self.camera_id, start=self.start, end=self.end,
            case_number=self.case_number, reason=self.reason, created_by=self.created_by,
            created_at=self.created_at,
        )  # fmt: skip


class EvidenceExportRow(Base):
    """An export job: who asked, for which case, how far it got, and the package when done.

    ``package_path`` is relative to the exports folder of the data dir; ``worker_host`` and
    ``worker_pid`` name the process building it, so that a restart can tell its own dead jobs
    from those of another backend sharing the database.
    """

    __tablename__ = "evidence_exports"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    state: Mapped[str] = mapped_column(String(16), index=True)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    case_number: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(500))
    request: Mapped[dict[str, Any]] = mapped_column(JSON)
    package_name: Mapped[str] = mapped_column(String(200))
    package_path: Mapped[str | None] = mapped_column(String(500), nullable=True)
    package_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    size_bytes: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    manifest_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    worker_host: Mapped[str] = mapped_column(String(255))
    worker_pid: Mapped[int] = mapped_column(Integer)

    def to_wire(self) -> EvidenceExport:
        return EvidenceExport(
            id=self.id, state=ExportState(self.state), progress=round(self.progress, 3),
            case_number=self.case_number, created_by=self.created_by, created_at=self.created_at,
            file_name=f"{self.package_name}.zip", size_bytes=self.size_bytes,
            manifest_sha256=self.manifest_sha256, error=self.error,
            package_sha256=self.package_sha256,
        )  # fmt: skip


# -- the search index -------------------------------------------------------------------------


def normalise_plate(text_: str) -> str:
    """``75A-123.45`` -> ``75A12345``: what plates are stored and searched as."""
    return _NOT_PLATE.sub("", text_.upper())


def uses_fts(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def create_plate_index(session: Session) -> None:
    """The FTS5 trigram table of plates (SQLite only); idempotent."""
    if uses_fts(session):
        session.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS evidence_plates "
                "USING fts5(plate, tokenize='trigram', detail='none')"
            )
        )
        session.commit()


def index_new_alerts(session: Session, limit: int = INDEX_BATCH) -> int:
    """Index up to ``limit`` alerts newer than the last indexed one; commits; returns the count."""
    last = session.scalar(select(func.max(EvidenceIndexRow.alert_id))) or 0
    rows = session.execute(
        select(
            AlertRow.id, AlertRow.created_at, AlertRow.camera_id, AlertRow.ward_id,
            AlertRow.type, AlertRow.severity, AlertRow.attributes, AlertRow.snapshot_path,
        ).where(AlertRow.id > last).order_by(AlertRow.id).limit(limit)
    ).all()  # fmt: skip
    if not rows:
        return 0
    values: list[dict[str, Any]] = []
    plates: list[dict[str, Any]] = []
    for alert_id, ts, camera_id, ward_id, type_, severity, attrs, snap in rows:
        attrs = attrs or {}
        raw_plate = str(attrs.get("plate", ""))[:32]
        plate = normalise_plate(raw_plate)
        values.append({
            "alert_id": alert_id, "ts": ts, "camera_id": camera_id, "ward_id": ward_id,
            "type": type_, "severity": severity, "plate": plate, "plate_text": raw_plate,
            "colour": str(attrs.get("vehicle_colour", ""))[:20].lower(),
            "vehicle_type": str(attrs.get("vehicle_type", ""))[:20].lower(),
            "has_snapshot": 1 if snap else 0,
        })  # fmt: skip
        if plate:
            plates.append({"rowid": alert_id, "plate": plate})
    session.execute(insert(EvidenceIndexRow), values)
    if plates and uses_fts(session):
        session.execute(
            text("INSERT INTO evidence_plates (rowid, plate) VALUES (:rowid, :plate)"), plates
        )
    session.commit()
    return len(values)


def catch_up(session: Session, limit: int) -> int:
    """Index new alerts in batches, at most ``limit`` of them."""
    done = 0
    while done < limit:
        n = index_new_alerts(session, min(INDEX_BATCH, limit - done))
        done += n
        if n == 0:
            break
    return done


def _on_segment(lat: float, lon: float, a: GeoPoint, b: GeoPoint) -> bool:
    cross = (b.lon - a.lon) * (lat - a.lat) - (b.lat - a.lat) * (lon - a.lon)
    if abs(cross) > 1e-12:
        return False
    return min(a.lat, b.lat) <= lat <= max(a.lat, b.lat) and min(a.lon, b.lon) <= lon <= max(
        a.lon, b.lon
    )


def point_in_polygon(lat: float, lon: float, polygon: Sequence[GeoPoint]) -> bool:
    """Whether ``(lat, lon)`` lies inside ``polygon`` or on its edge (even-odd rule).

    Longitude and latitude are treated as plane coordinates: right for areas the size of a
    city, away from the poles and the antimeridian.
    """
    inside = False
    previous = polygon[-1]
    for point in polygon:
        if _on_segment(lat, lon, previous, point):
            return True
        # A ray from the point towards growing longitude: count the edges it crosses.
        if (point.lat > lat) != (previous.lat > lat):
            crossing = point.lon + (lat - point.lat) * (previous.lon - point.lon) / (
                previous.lat - point.lat
            )
            if lon < crossing:
                inside = not inside
        previous = point
    return inside


def search(
    session: Session,
    principal: Principal,
    criteria: EvidenceSearch,
    cameras: Collection[str] | None = None,
) -> EvidencePage:
    """One page of matching AI events, newest first (db thread; no audit here).

    ``cameras`` (the cameras of ``criteria.area``, worked out by the caller) narrows the search
    further; an empty collection finds nothing.
    """
    ix = EvidenceIndexRow
    where: list[ColumnElement[bool]] = []
    if cameras is not None:
        if not cameras:
            return EvidencePage(items=[], offset=criteria.offset, has_more=False)
        where.append(ix.camera_id.in_(sorted(set(cameras))))
    if principal.scoped:
        where.append(ix.ward_id.in_(sorted(principal.wards)))
    if criteria.start is not None:
        where.append(ix.ts >= criteria.start)
    if criteria.end is not None:
        where.append(ix.ts < criteria.end)
    if criteria.camera_ids:
        where.append(ix.camera_id.in_(sorted(set(criteria.camera_ids))))
    if criteria.types:
        where.append(ix.type.in_(sorted({t.value for t in criteria.types})))
    if criteria.vehicle_colour:
        where.append(ix.colour == criteria.vehicle_colour.strip().lower())
    if criteria.vehicle_type:
        where.append(ix.vehicle_type == criteria.vehicle_type.strip().lower())
    if criteria.plate is not None:
        plate = normalise_plate(criteria.plate)
        if not plate:
            return EvidencePage(items=[], offset=criteria.offset, has_more=False)
        if len(plate) >= 3 and uses_fts(session):
            # Only alphanumerics survive normalising: nothing to escape in the pattern.
            matching = (
                select(text("rowid"))
                .select_from(text("evidence_plates"))
                .where(text("plate LIKE :pattern"))
            )
            where.append(ix.alert_id.in_(matching.params(pattern=f"%{plate}%")))
        else:
            where.append(ix.plate.contains(plate, autoescape=True))
    rows = session.scalars(
        select(ix).where(*where)
        .order_by(ix.ts.desc(), ix.alert_id.desc())
        .limit(criteria.limit + 1).offset(criteria.offset)
    ).all()  # fmt: skip
    items = [hit(row) for row in rows[: criteria.limit]]
    return EvidencePage(items=items, offset=criteria.offset, has_more=len(rows) > criteria.limit)


def hit(row: EvidenceIndexRow) -> EvidenceHit:
    return EvidenceHit(
        alert_id=row.alert_id, camera_id=row.camera_id, ward_id=row.ward_id,
        type=AlertType(row.type), severity=Severity(row.severity), ts=row.ts,
        plate=row.plate_text or None, vehicle_colour=row.colour or None,
        vehicle_type=row.vehicle_type or None,
        snapshot_url=f"{API_PREFIX}/alerts/{row.alert_id}/snapshot" if row.has_snapshot else None,
    )  # fmt: skip


def record_access(
    session: Session,
    principal: Principal,
    action: str,
    ref: CaseReference,
    detail: dict[str, Any],
) -> None:
    """Append an ``evidence.*`` audit row (entity = the case) to the current transaction."""
    audit.record(
        session, principal.username, action, "evidence_case", ref.case_number,
        detail={"case_number": ref.case_number, "reason": ref.reason, "role": principal.role.value,
                **detail},
    )  # fmt: skip


def locks_by_camera(session: Session) -> dict[str, list[TimeRange]]:
    result: dict[str, list[TimeRange]] = {}
    for row in session.scalars(select(EvidenceLockRow)):
        result.setdefault(row.camera_id, []).append(TimeRange(row.start, row.end))
    return result


# -- signing --------------------------------------------------------------------------------


class SigningKeyStore:
    """The backend's Ed25519 key, generated once and kept (mode 0600) in the data dir."""

    def __init__(self, data_dir: Path) -> None:
        path = data_dir / KEY_FILE
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
            if not isinstance(key, Ed25519PrivateKey):
                raise ValueError(f"{path} is not an Ed25519 key")
        except FileNotFoundError:
            data_dir.mkdir(parents=True, exist_ok=True)
            key = Ed25519PrivateKey.generate()
            pem = key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(pem)
            log.info("generated the evidence signing key in %s", path)
        self._key = key
        public = key.public_key()
        self.public_pem = public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode("ascii")
        raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.fingerprint = hashlib.sha256(raw).hexdigest()

    def sign(self, data: bytes) -> bytes:
        return self._key.sign(data)

    def to_wire(self) -> SigningKey:
        return SigningKey(public_key_pem=self.public_pem, fingerprint=self.fingerprint)


# -- export packages ------------------------------------------------------------------------


@dataclass
class ClipSource:
    """A clip to cut: the camera, the range asked for, and the recorded segments."""

    camera_id: str
    start: datetime
    end: datetime
    segments: list[Segment]


@dataclass
class SnapshotSource:
    alert_id: int
    camera_id: str
    ts: datetime
    path: Path


@dataclass
class ExportJob:
    """An export being built, in memory while it builds; its row is the lasting record."""

    id: str
    case_number: str
    reason: str
    principal: Principal
    created_at: datetime
    package_name: str
    state: ExportState = ExportState.BUILDING
    progress: float = 0.0
    zip_path: Path | None = None
    size_bytes: int | None = None
    manifest_sha256: str | None = None
    package_sha256: str | None = None
    error: str | None = None
    files: list[ManifestFile] = field(default_factory=list)
    bookmarks: list[EvidenceBookmark] = field(default_factory=list)

    def to_wire(self) -> EvidenceExport:
        return EvidenceExport(
            id=self.id, state=self.state, progress=round(self.progress, 3),
            case_number=self.case_number, created_by=self.principal.username,
            created_at=self.created_at, file_name=f"{self.package_name}.zip",
            size_bytes=self.size_bytes, manifest_sha256=self.manifest_sha256, error=self.error,
            package_sha256=self.package_sha256,
        )  # fmt: skip


def safe_name(value: str) -> str:
    return _UNSAFE_NAME.sub("-", value).strip("-.")[:48] or "case"


def stamp(ts: datetime) -> str:
    return ts.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


README_TEXT: Final = """Evidence package {package_id}
Case: {case_number}
Exported by {user} ({role}) at {exported_at} from the IOC reference backend {version}.

What is inside
  manifest.json   every file with its camera, time range, size and SHA-256; who, when, why
  manifest.sig    Ed25519 signature of the exact bytes of manifest.json
  public_key.pem  the backend's public key; its fingerprint (SHA-256 of the raw 32-byte key) is
                  {fingerprint}
  clips/          MP4 (H.264, as recorded: not re-encoded)
  snapshots/      JPEG frames grabbed when the AI raised each alert

How to verify
  ioc-console verify PACKAGE        (this folder or the zip; names any file that changed)
  or, with standard tools:
  openssl pkeyutl -verify -pubin -inkey public_key.pem -rawin -in manifest.json -sigfile manifest.sig
  sha256sum FILE   (compare with the "sha256" of FILE in manifest.json)
Compare the key fingerprint with the one the IOC publishes before trusting the signature.
"""


class PackageBuilder:
    """Builds one export package: cut clips, copy snapshots, hash, sign, zip."""

    def __init__(
        self, key: SigningKeyStore, ffmpeg: str, backend_version: str, work_root: Path
    ) -> None:
        self.key = key
        self.ffmpeg = ffmpeg
        self.backend_version = backend_version
        self.work_root = work_root

    async def build(
        self,
        job: ExportJob,
        clips: Sequence[ClipSource],
        snapshots: Sequence[SnapshotSource],
        on_progress: Callable[[ExportJob], Awaitable[None]] | None = None,
    ) -> None:
        """Fill ``job`` in: progress while building (``on_progress`` after each step), then the
        zip path, size and the hashes of the manifest and of the zip."""

        async def advance(progress: float) -> None:
            job.progress = progress
            if on_progress is not None:
                await on_progress(job)

        job_dir = self.work_root / job.id
        folder = job_dir / job.package_name
        try:
            (folder / "clips").mkdir(parents=True, exist_ok=True)
            (folder / "snapshots").mkdir(parents=True, exist_ok=True)
            steps = len(clips) + 3  # clips, then snapshots, hashing/signing, zipping
            files: list[ManifestFile] = []
            for index, clip in enumerate(clips):
                name = f"clips/{safe_name(clip.camera_id)}_{stamp(clip.start)}_{stamp(clip.end)}"
                if any(f.path == f"{name}.mp4" for f in files):
                    name += f"_{index}"
                dest = folder / f"{name}.mp4"
                got = await cut_clip(self.ffmpeg, clip.segments, clip.start, clip.end, dest)
                files.append(
                    await self._describe(folder, f"{name}.mp4", "clip", camera_id=clip.camera_id,
                                         start=got.start, end=got.end,
                                         requested_start=clip.start, requested_end=clip.end)
                )  # fmt: skip
                await advance((index + 1) / steps)
            for snap in snapshots:
                rel = f"snapshots/alert-{snap.alert_id}_{safe_name(snap.camera_id)}_{stamp(snap.ts)}.jpg"
                await asyncio.to_thread(shutil.copyfile, snap.path, folder / rel)
                files.append(
                    await self._describe(folder, rel, "snapshot", camera_id=snap.camera_id,
                                         start=snap.ts, end=snap.ts, alert_id=snap.alert_id)
                )  # fmt: skip
            await advance((len(clips) + 1) / steps)
            exported_at = utcnow()
            (folder / PUBLIC_KEY_FILE).write_text(self.key.public_pem, encoding="ascii")
            readme = README_TEXT.format(
                package_id=job.id, case_number=job.case_number, user=job.principal.username,
                role=job.principal.role.value, exported_at=exported_at.isoformat(),
                version=self.backend_version, fingerprint=self.key.fingerprint,
            )  # fmt: skip
            (folder / "README.txt").write_text(readme, encoding="utf-8")
            files.append(await self._describe(folder, "README.txt", "readme"))
            files.append(await self._describe(folder, PUBLIC_KEY_FILE, "public_key"))
            manifest = EvidenceManifest(
                format=EVIDENCE_FORMAT, package_id=job.id, case_number=job.case_number,
                reason=job.reason, exported_by=job.principal.username,
                exported_by_name=job.principal.display_name,
                exported_by_role=job.principal.role.value, exported_at=exported_at,
                backend_version=self.backend_version, key_fingerprint=self.key.fingerprint,
                files=files, bookmarks=job.bookmarks,
            )  # fmt: skip
            body = (manifest.model_dump_json(indent=2) + "\n").encode("utf-8")
            (folder / MANIFEST_FILE).write_bytes(body)
            (folder / SIGNATURE_FILE).write_bytes(self.key.sign(body))
            job.manifest_sha256 = hashlib.sha256(body).hexdigest()
            job.files = files
            await advance((len(clips) + 2) / steps)
            zip_path = job_dir / f"{job.package_name}.zip"
            await asyncio.to_thread(zip_folder, folder, zip_path)
            await asyncio.to_thread(shutil.rmtree, folder, True)
            job.package_sha256 = await asyncio.to_thread(sha256_file, zip_path)
            job.zip_path = zip_path
            job.size_bytes = zip_path.stat().st_size
            job.progress = 1.0
            job.state = ExportState.READY
        except (ClipError, OSError, ValueError) as exc:
            log.warning("export %s failed: %s", job.id, exc)
            job.state = ExportState.FAILED
            job.error = str(exc)
            with contextlib.suppress(OSError):
                await asyncio.to_thread(shutil.rmtree, job_dir, True)

    async def _describe(self, folder: Path, rel: str, kind: str, **what: Any) -> ManifestFile:
        path = folder / rel
        digest = await asyncio.to_thread(sha256_file, path)
        return ManifestFile(path=rel, kind=kind, sha256=digest, size=path.stat().st_size, **what)


def zip_folder(folder: Path, dest: Path) -> None:
    """Zip ``folder`` (as its own top-level folder); media is stored, text deflated."""
    tmp = dest.with_name(f".{dest.name}.part")
    with zipfile.ZipFile(tmp, "w") as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                arc = f"{folder.name}/{path.relative_to(folder).as_posix()}"
                packed = path.suffix.lower() in (".mp4", ".jpg", ".jpeg")
                zf.write(path, arc, zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED)
    os.replace(tmp, dest)


# -- the service ----------------------------------------------------------------------------


class EvidenceService:
    """Recording, the search index, retention and exports of one backend."""

    def __init__(
        self,
        db: Database,
        data_dir: Path,
        *,
        record: bool,
        ffmpeg: str,
        segment_s: float,
        retention: timedelta,
        backend_version: str,
        stream_of: Callable[[str], str],
    ) -> None:
        self.db = db
        self.record = record
        self.recorder = Recorder(
            data_dir / "recordings", ffmpeg=ffmpeg, segment_s=segment_s, retention=retention
        )
        self.key = SigningKeyStore(data_dir)
        self.builder = PackageBuilder(self.key, ffmpeg, backend_version, data_dir / "exports")
        self.tmp_dir = data_dir / "evidence-tmp"
        self.ffmpeg = ffmpeg
        self.stream_of = stream_of
        self.exports: dict[str, ExportJob] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._loops: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        await self.db.run(create_plate_index)
        await self.fail_interrupted()
        self._loops = [
            asyncio.create_task(self._index_loop(), name="evidence-index"),
            asyncio.create_task(self._retention_loop(), name="evidence-retention"),
        ]

    def start_recording(self, urls: dict[str, str]) -> None:
        """Record these streams (``stream_id -> RTSP URL``) if recording is on; idempotent."""
        if self.record:
            self.recorder.start(urls)

    async def stop(self) -> None:
        building = list(self.exports)
        tasks = [*self._loops, *self._tasks]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._loops = []
        # Said now rather than at the next start, for other backends sharing the database.
        try:
            await self.fail_interrupted(building)
        except Exception:
            log.exception("could not mark the interrupted exports %s", building)
        await self.recorder.stop()

    async def catch_up(self, limit: int = INLINE_INDEX_LIMIT) -> int:
        return await self.db.run(lambda s: catch_up(s, limit))

    async def _index_loop(self) -> None:
        while True:
            try:
                while await self.db.run(index_new_alerts) == INDEX_BATCH:
                    pass  # a backlog: keep going, one batch per db turn
            except Exception:
                log.exception("evidence indexing failed; retrying")
            await asyncio.sleep(INDEX_INTERVAL_S)

    async def _retention_loop(self) -> None:
        interval = max(5.0, self.recorder.segment_s)
        while True:
            await asyncio.sleep(interval)
            try:
                await self.apply_retention()
            except Exception:
                log.exception("retention failed; retrying")

    async def apply_retention(self, now: datetime | None = None) -> int:
        """Delete recordings past retention except locked ranges; returns files removed."""
        by_camera = await self.db.run(locks_by_camera)
        by_stream: dict[str, list[TimeRange]] = {}
        for camera_id, ranges in by_camera.items():
            with contextlib.suppress(KeyError):
                by_stream.setdefault(self.stream_of(camera_id), []).extend(ranges)
        return await asyncio.to_thread(self.recorder.prune_all, now or utcnow(), by_stream)

    def segments(self, camera_id: str) -> list[Segment]:
        return self.recorder.segments(self.stream_of(camera_id))

    def new_job(
        self, principal: Principal, ref: CaseReference, bookmarks: Sequence[EvidenceBookmark] = ()
    ) -> ExportJob:
        """A job for ``ref`` (not stored yet: :meth:`add_job_row` in the request's transaction)."""
        now = utcnow()
        job_id = uuid.uuid4().hex
        return ExportJob(
            id=job_id, case_number=ref.case_number, reason=ref.reason, principal=principal,
            created_at=now,
            package_name=f"evidence-{safe_name(ref.case_number)}-{stamp(now)}-{job_id[:8]}",
            bookmarks=sorted(bookmarks, key=lambda b: (b.ts, b.camera_id)),
        )  # fmt: skip

    def add_job_row(self, session: Session, job: ExportJob, request: dict[str, Any]) -> None:
        """Store ``job`` as building, by this process, in the caller's transaction."""
        session.add(
            EvidenceExportRow(
                id=job.id, state=job.state.value, progress=job.progress,
                created_by=job.principal.username, created_at=job.created_at,
                updated_at=job.created_at, case_number=job.case_number, reason=job.reason,
                request=request, package_name=job.package_name, worker_host=socket.gethostname(),
                worker_pid=os.getpid(),
            )
        )  # fmt: skip

    def start_export(
        self,
        job: ExportJob,
        clips: Sequence[ClipSource],
        snapshots: Sequence[SnapshotSource],
        on_done: Callable[[Session, ExportJob], None],
    ) -> None:
        """Build ``job`` (already stored) in the background; when it ends its row is updated
        and ``on_done`` adds to that same transaction (the audit row)."""
        self.exports[job.id] = job

        async def run() -> None:
            try:
                await self.builder.build(job, clips, snapshots, self._save_progress)
                await self.db.run(lambda s: self._finish(s, job, on_done))
            except Exception:
                log.exception("recording the end of export %s failed", job.id)
            finally:
                self.exports.pop(job.id, None)

        task = asyncio.create_task(run(), name=f"export-{job.id[:8]}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _save_progress(self, job: ExportJob) -> None:
        def work(session: Session) -> None:
            row = session.get(EvidenceExportRow, job.id)
            if row is not None:
                row.progress = job.progress
                row.updated_at = utcnow()
                session.commit()

        await self.db.run(work)

    def _finish(
        self, session: Session, job: ExportJob, on_done: Callable[[Session, ExportJob], None]
    ) -> None:
        row = session.get(EvidenceExportRow, job.id)
        if row is None:
            raise LookupError(f"export {job.id} has no row")
        row.state = job.state.value
        row.progress = job.progress
        row.updated_at = utcnow()
        row.error = job.error
        row.size_bytes = job.size_bytes
        row.manifest_sha256 = job.manifest_sha256
        row.package_sha256 = job.package_sha256
        if job.zip_path is not None:
            row.package_path = job.zip_path.relative_to(self.builder.work_root).as_posix()
        on_done(session, job)
        session.commit()

    def package_file(self, row: EvidenceExportRow) -> Path | None:
        """The zip of a ready export, if it is still on disk with the size it was built with."""
        if row.package_path is None:
            return None
        path = self.builder.work_root / row.package_path
        try:
            size = path.stat().st_size
        except OSError:
            return None
        return path if row.size_bytes in (None, size) else None

    async def fail_interrupted(self, own: Collection[str] | None = None) -> list[str]:
        """Mark failed the exports whose building stopped with its process; their half-built
        folders are removed. Returns their ids.

        At start (``own`` None): those this host was building in a process that is gone (a
        restart or a crash). At a clean stop: ``own``, the jobs this process was building.
        """
        host, me = socket.gethostname(), os.getpid()

        def work(session: Session) -> list[str]:
            query = select(EvidenceExportRow).where(
                EvidenceExportRow.state == ExportState.BUILDING.value,
                EvidenceExportRow.worker_host == host,
            )
            if own is not None:
                query = query.where(EvidenceExportRow.id.in_(sorted(own)))
            rows = session.scalars(query).all()
            gone = [
                r
                for r in rows
                if own is not None or r.worker_pid == me or not pid_alive(r.worker_pid)
            ]
            now = utcnow()
            for row in gone:
                row.state = ExportState.FAILED.value
                row.error = INTERRUPTED
                row.updated_at = now
                audit.record(
                    session, row.created_by, "evidence.export_failed", "evidence_case",
                    row.case_number,
                    detail={"case_number": row.case_number, "reason": row.reason,
                            "export_id": row.id, "error": INTERRUPTED},
                )  # fmt: skip
            session.commit()
            return [row.id for row in gone]

        if own is not None and not own:
            return []
        ids = await self.db.run(work)
        for job_id in ids:
            log.warning("export %s was interrupted by a restart: marked failed", job_id)
            await asyncio.to_thread(shutil.rmtree, self.builder.work_root / job_id, True)
        return ids


def pid_alive(pid: int) -> bool:
    """Whether a process ``pid`` exists on this host."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: it exists
    return True


def export_row(session: Session, export_id: str) -> EvidenceExportRow | None:
    return session.get(EvidenceExportRow, export_id)
