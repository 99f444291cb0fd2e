"""Immutable raw snapshots: `raw/<release>/` plus a manifest.json listing every file with its sha256.

A release is the set of input files statisticians reason about ("the December release"). Files are only ever
added; replacing a file with different content is refused, so a published release can always be rebuilt. One
`snapshot add` is all-or-nothing, and the manifest is rewritten under a lock so concurrent calls lose no entry.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import tempfile
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

MANIFEST = "manifest.json"
SYNTHETIC = "synthetic"           # manifest flag: the files were generated, not collected
DOCUMENTATION = "documentation"   # kept for provenance, never ingested (PROVENANCE.md, metadata notes)
LOCK = ".manifest.lock"
_SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ ()+-]*$")
_RELEASE = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._ -]*[A-Za-z0-9._-])?$")
MAX_RELEASE_LENGTH = 100
RESERVED_RELEASES = ("latest",)   # `latest` is the link to the newest publication (pipelines/core/publish.py)
VINTAGE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")   # ISO year, year-month or date: compared as text, newest last


class ManifestError(Exception):
    """A snapshot that cannot be added or trusted; the message says what to do."""


@dataclass(frozen=True)
class Entry:
    path: str        # relative to raw/<release>/, forward slashes
    sha256: str
    bytes: int
    format: str
    origin: str
    added: str       # ISO date the file joined the release
    vintage: str = ""  # the data's vintage as declared when added, for files that state none themselves ("": none)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_name(name: str, what: str = "file name") -> str:
    """Refuse names that could escape the release folder or confuse tools ('../x', '/etc/x', 'a\\b')."""
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or any(p in ("", ".", "..") for p in parts) or not all(_SAFE_PART.match(p) for p in parts):
        raise ManifestError(f"unsafe_path: {what} {name!r} is not allowed in a release (no '..', no absolute paths, "
                            "only letters, digits, spaces and ._()+- in each part).")
    return "/".join(parts)


def check_release(name: str) -> str:
    """The one release-name rule of every command: the name becomes a folder, a database file and a link."""
    if (not isinstance(name, str) or len(name) > MAX_RELEASE_LENGTH or ".." in name or not _RELEASE.match(name)
            or name.lower() in RESERVED_RELEASES):
        shown = name if len(str(name)) <= 40 else f"{str(name)[:40]}... ({len(name)} characters)"
        raise ManifestError(f"release name {shown!r} is not allowed: use letters, digits, '.', '_', '-' and spaces "
                            f"(starting with a letter or digit; no '/', '\\' or '..'), at most {MAX_RELEASE_LENGTH} "
                            f"characters, and not a reserved name ({', '.join(RESERVED_RELEASES)}).")
    return name


def release_dir(raw_root: Path, release: str) -> Path:
    return Path(raw_root) / check_release(release)


def load(raw_root: Path, release: str) -> list[Entry]:
    path = release_dir(raw_root, release) / MANIFEST
    if not path.is_file():
        raise ManifestError(f"release {release!r} has no {MANIFEST} under {release_dir(raw_root, release)}; "
                            f"add files with `isoc snapshot add --release {release} FILE...`.")
    entries = [Entry(**e) for e in json.loads(path.read_text(encoding="utf-8"))["files"]]
    for e in entries:
        check_name(e.path)
    return entries


def releases(raw_root: Path) -> list[str]:
    """Release names that have a manifest, sorted."""
    root = Path(raw_root)
    return sorted(p.parent.name for p in root.glob(f"*/{MANIFEST}")) if root.is_dir() else []


def is_synthetic(raw_root: Path, release: str) -> bool:
    """Whether the release's files were generated (the demo, `isoc synth release`) rather than collected: such a
    release is never compared with a real one (reports/revisions.py). False when it has no manifest."""
    path = release_dir(raw_root, release) / MANIFEST
    return path.is_file() and bool(json.loads(path.read_text(encoding="utf-8")).get(SYNTHETIC))


def mark_synthetic(raw_root: Path, release: str) -> None:
    """Record in the manifest that the release's files were generated (kept by every later write)."""
    folder = release_dir(raw_root, release)
    with locked(folder):
        write(raw_root, release, load(raw_root, release), synthetic=True)


def write(raw_root: Path, release: str, entries: list[Entry], synthetic: bool | None = None) -> None:
    """Replace the manifest atomically with `entries`, sorted by path (the caller holds `locked`); `synthetic`:
    None keeps what the manifest says."""
    folder = release_dir(raw_root, release)
    files = [{k: v for k, v in asdict(e).items() if k != "vintage" or v} for e in sorted(entries, key=lambda e: e.path)]
    if synthetic is None:
        synthetic = is_synthetic(raw_root, release)
    body = {"release": release, "files": files} | ({SYNTHETIC: True} if synthetic else {})
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".manifest.", suffix=".tmp")
    os.fchmod(fd, 0o644)   # world-readable like the data files (mkstemp creates 0600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(body, fh, indent=2, sort_keys=True)
        fh.write("\n")
    os.replace(tmp, folder / MANIFEST)


@contextmanager
def locked(folder: Path):
    """Exclusive lock on the release's manifest for one read-modify-write (released when the process dies)."""
    fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def documentation(path: Path) -> bool:
    """A file kept for provenance and never read as data: a Markdown note (PROVENANCE.md, a README) or the metadata
    that Our World in Data's chart download puts beside its CSV (<chart>.metadata.json, with a readme.md)."""
    return path.suffix.lower() == ".md" or path.name.lower().endswith(".metadata.json")


def hidden(relative: Path) -> bool:
    """A file below a folder that snapshots leave out, and a release's check does not ask for: a name or a folder
    starting with '.' (the manifest's lock, a copy being written, .DS_Store, .git/)."""
    return any(part.startswith(".") for part in relative.parts)


def files_under(folder: Path) -> list[Path]:
    """Every file below `folder` that is not hidden, sorted: what a snapshot adds from a folder or an unpacked zip,
    what `isoc validate` checks in a zip, and what a release's check expects the manifest to list."""
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and not hidden(p.relative_to(folder))]


def verify(raw_root: Path, release: str) -> list[Entry]:
    """The manifest entries, after checking every file is present and unchanged and nothing unregistered is there."""
    folder = release_dir(raw_root, release)
    entries = load(raw_root, release)
    problems = []
    for e in entries:
        path = folder / e.path
        if not path.is_file():
            problems.append(f"{e.path} is in the manifest but missing on disk")
        elif sha256_of(path) != e.sha256:
            problems.append(f"{e.path} changed since it was added (sha256 differs): raw files are immutable")
    known = {e.path for e in entries} | {MANIFEST}
    extra = sorted(r for r in (p.relative_to(folder).as_posix() for p in files_under(folder)) if r not in known)
    problems += [f"{x} is in the release folder but not in the manifest (add it with `isoc snapshot add`)" for x in extra]
    if problems:
        raise ManifestError(f"release {release!r} cannot be trusted: " + "; ".join(problems))
    return entries
