"""``ioc-console verify PACKAGE``: check an evidence package's hashes and its signature.

A package (a folder, or the zip the backend serves) holds ``manifest.json``, its Ed25519
signature ``manifest.sig``, the signer's ``public_key.pem`` and the files the manifest lists.
It verifies when the signature matches the manifest's exact bytes, the key is the one the
manifest names (and, with ``--fingerprint``, the one you expect), every listed file is present
with its SHA-256 and size, and nothing unlisted was added. Each failure names the file.

No Qt here: the console's verify button runs :func:`verify_package` in an executor.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Final

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import ValidationError

from server_client.contract import (
    MANIFEST_FILE,
    PUBLIC_KEY_FILE,
    SIGNATURE_FILE,
    EvidenceManifest,
)

CHUNK: Final = 1 << 20


@dataclass(frozen=True)
class Problem:
    """One reason a package fails: the file concerned and what is wrong with it."""

    path: str
    message: str


@dataclass
class VerifyReport:
    """The verdict: ``ok`` only when there are no problems."""

    package: str
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0
    case_number: str | None = None
    exported_by: str | None = None
    exported_at: str | None = None
    fingerprint: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def failed_paths(self) -> list[str]:
        return [p.path for p in self.problems]

    def text(self) -> str:
        """A verdict a person can read (what the CLI prints)."""
        lines = [f"Package: {self.package}"]
        if self.case_number:
            lines.append(f"Case: {self.case_number}")
        if self.exported_by:
            lines.append(f"Exported by {self.exported_by} at {self.exported_at}")
        if self.fingerprint:
            lines.append(f"Signing key fingerprint: {self.fingerprint}")
        for problem in self.problems:
            lines.append(f"FAIL {problem.path}: {problem.message}")
        if self.ok:
            lines.append(
                f"VERIFIED: the signature is valid and all {self.files_checked} files match "
                "the manifest"
            )
        else:
            lines.append(f"NOT VERIFIED: {len(self.problems)} problem(s)")
        return "\n".join(lines)


class _Package:
    """Uniform read access to a package folder or zip (paths relative to its root)."""

    def __init__(self, names: list[str], opener: Callable[[str], IO[bytes]]) -> None:
        self.names = names
        self._open = opener

    def read(self, name: str) -> bytes:
        with self._open(name) as fh:
            return fh.read()

    def digest(self, name: str) -> tuple[str, int]:
        sha = hashlib.sha256()
        size = 0
        with self._open(name) as fh:
            while chunk := fh.read(CHUNK):
                sha.update(chunk)
                size += len(chunk)
        return sha.hexdigest(), size


@contextmanager
def _open_package(path: Path) -> Iterator[_Package]:
    if path.is_dir():
        root = path
        if not (root / MANIFEST_FILE).is_file():
            # A folder holding the one unpacked package folder works too.
            subs = [p for p in root.iterdir() if p.is_dir() and (p / MANIFEST_FILE).is_file()]
            if len(subs) == 1:
                root = subs[0]
        names = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
        yield _Package(names, lambda name: (root / name).open("rb"))
        return
    with zipfile.ZipFile(path) as zf:
        entries = [i.filename for i in zf.infolist() if not i.is_dir()]
        tops = {n.split("/", 1)[0] for n in entries}
        prefix = ""
        if len(tops) == 1 and all("/" in n for n in entries):
            prefix = next(iter(tops)) + "/"
        names = sorted(n[len(prefix) :] for n in entries)
        yield _Package(names, lambda name: zf.open(prefix + name))


def _safe(rel: str) -> bool:
    p = PurePosixPath(rel)
    return bool(rel) and not p.is_absolute() and ".." not in p.parts and "\\" not in rel


def verify_package(path: Path, *, fingerprint: str | None = None) -> VerifyReport:
    """Check ``path`` (folder or zip); never raises for a bad package, reports instead."""
    report = VerifyReport(package=str(path))
    if not path.exists():
        report.problems.append(Problem(str(path), "no such file or folder"))
        return report
    try:
        with _open_package(path) as pkg:
            _verify(pkg, report, fingerprint)
    except zipfile.BadZipFile as exc:
        report.problems.append(Problem(path.name, f"not a readable zip ({exc})"))
    except OSError as exc:
        report.problems.append(Problem(path.name, f"cannot read: {exc}"))
    return report


def _read(pkg: _Package, name: str, report: VerifyReport) -> bytes | None:
    if name not in pkg.names:
        report.problems.append(Problem(name, "missing"))
        return None
    try:
        return pkg.read(name)
    except zipfile.BadZipFile as exc:  # a changed byte inside a zip fails its CRC
        report.problems.append(Problem(name, f"damaged ({exc})"))
        return None


def _verify(pkg: _Package, report: VerifyReport, expected_fp: str | None) -> None:
    body = _read(pkg, MANIFEST_FILE, report)
    sig = _read(pkg, SIGNATURE_FILE, report)
    pem = _read(pkg, PUBLIC_KEY_FILE, report)
    key: Ed25519PublicKey | None = None
    if pem is not None:
        try:
            loaded = serialization.load_pem_public_key(pem)
        except ValueError:
            loaded = None
        if isinstance(loaded, Ed25519PublicKey):
            key = loaded
            raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
            report.fingerprint = hashlib.sha256(raw).hexdigest()
        else:
            report.problems.append(Problem(PUBLIC_KEY_FILE, "not an Ed25519 public key"))
    if expected_fp and report.fingerprint and report.fingerprint != expected_fp.lower():
        report.problems.append(
            Problem(PUBLIC_KEY_FILE, f"signed by another key than {expected_fp.lower()}")
        )
    if body is None:
        return
    if key is not None and sig is not None:
        try:
            key.verify(sig, body)
        except InvalidSignature:
            report.problems.append(
                Problem(MANIFEST_FILE, "the signature does not match: the manifest was changed")
            )
    try:
        manifest = EvidenceManifest.model_validate_json(body)
    except (ValidationError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        report.problems.append(
            Problem(MANIFEST_FILE, f"not a valid manifest ({exc.__class__.__name__})")
        )
        return
    report.case_number = manifest.case_number
    report.exported_by = manifest.exported_by
    report.exported_at = manifest.exported_at.isoformat()
    if report.fingerprint and manifest.key_fingerprint != report.fingerprint:
        report.problems.append(Problem(PUBLIC_KEY_FILE, "is not the key the manifest names"))
    listed: set[str] = set()
    for entry in manifest.files:
        if not _safe(entry.path):
            report.problems.append(Problem(entry.path, "unsafe path in the manifest"))
            continue
        listed.add(entry.path)
        if entry.path not in pkg.names:
            report.problems.append(Problem(entry.path, "missing"))
            continue
        try:
            digest, size = pkg.digest(entry.path)
        except zipfile.BadZipFile as exc:
            report.problems.append(Problem(entry.path, f"changed (damaged in the zip: {exc})"))
            continue
        if digest != entry.sha256:
            report.problems.append(
                Problem(
                    entry.path, f"changed: SHA-256 is {digest}, the manifest says {entry.sha256}"
                )
            )
        elif size != entry.size:
            report.problems.append(Problem(entry.path, f"changed: {size} bytes, not {entry.size}"))
        report.files_checked += 1
    for name in pkg.names:
        if name not in listed and name not in (MANIFEST_FILE, SIGNATURE_FILE):
            report.problems.append(Problem(name, "not listed in the manifest (added)"))


def main(argv: Sequence[str] | None = None) -> int:
    """``ioc-console verify PACKAGE [--fingerprint HEX]``: 0 verified, 1 not, 2 usage."""
    parser = argparse.ArgumentParser(
        prog="ioc-console verify",
        description="Verify an evidence package (folder or zip): signature and every file hash.",
    )
    parser.add_argument("package", type=Path)
    parser.add_argument(
        "--fingerprint", help="require this signing key (SHA-256 of the raw Ed25519 key, hex)"
    )
    args = parser.parse_args(argv)
    report = verify_package(args.package, fingerprint=args.fingerprint)
    print(report.text())  # noqa: T201 - the CLI's output
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
