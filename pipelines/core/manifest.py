"""Immutable raw snapshots: `raw/<release>/` plus a manifest.json listing every file with its sha256.

A release is the set of input files statisticians reason about ("the December release"). Files are only ever
added; replacing a file with different content is refused, so a published release can always be rebuilt.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

MANIFEST = "manifest.json"
DOCUMENTATION = "documentation"   # kept for provenance, never ingested (PROVENANCE.md, metadata notes)
_SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ ()+-]*$")
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


def release_dir(raw_root: Path, release: str) -> Path:
    return Path(raw_root) / check_name(release, "release name")


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


def _write(raw_root: Path, release: str, entries: list[Entry]) -> None:
    folder = release_dir(raw_root, release)
    files = [{k: v for k, v in asdict(e).items() if k != "vintage" or v} for e in sorted(entries, key=lambda e: e.path)]
    body = {"release": release, "files": files}
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".manifest.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(body, fh, indent=2, sort_keys=True)
        fh.write("\n")
    os.replace(tmp, folder / MANIFEST)


def add_files(raw_root: Path, release: str, files: list[Path], *, fmt: str | None = None, subdir: str = "",
              origin: str | None = None, added: str | None = None, copy: bool = True, vintage: str = ""
              ) -> list[Entry]:
    """Add files to a release (copying them in unless they are already inside it) and record them.

    The format comes from the file's header (`fmt` overrides). Adding a file already in the release with the same
    content is a no-op; with different content it is refused. `vintage` declares when the data were published
    (ISO '2024', '2024-06' or '2024-06-30'), for files that do not state it themselves (an OWID download); staging
    ranks vintages of one class of source by it (pipelines/reference/source_priority.csv).
    """
    if vintage and not VINTAGE.match(vintage):
        raise ManifestError(f"vintage {vintage!r} is not an ISO year, year-month or date (e.g. 2024, 2024-06, "
                            "2024-06-30).")
    from pipelines.ingest import adapters, detect_format  # local: the registry imports every adapter

    folder = release_dir(raw_root, release)
    folder.mkdir(parents=True, exist_ok=True)
    current = {e.path: e for e in (load(raw_root, release) if (folder / MANIFEST).exists() else [])}
    today = added or dt.date.today().isoformat()
    added_entries = []
    for src in map(Path, files):
        if not src.is_file():
            raise ManifestError(f"{src} is not a file.")
        inside = src.resolve().is_relative_to(folder.resolve())
        rel = src.resolve().relative_to(folder.resolve()).as_posix() if inside else \
            check_name("/".join(p for p in (subdir.strip("/"), src.name) if p))
        check_name(rel)
        digest = sha256_of(src)
        if rel in current:
            if current[rel].sha256 != digest:
                raise ManifestError(f"{rel} is already in release {release!r} with different content "
                                    f"(sha256 {current[rel].sha256[:12]}..., new {digest[:12]}...); raw files are "
                                    "immutable: add the new version under another name or to a new release.")
            continue
        file_format = fmt or (DOCUMENTATION if src.suffix.lower() == ".md" else detect_format(src))
        if file_format is None:
            raise ManifestError(f"the format of {src} was not recognised from its header; pass --format with one of: "
                                f"{', '.join(sorted(adapters()) + [DOCUMENTATION])}.")
        if file_format != DOCUMENTATION and file_format not in adapters():
            raise ManifestError(f"unknown format {file_format!r}; known: {', '.join(sorted(adapters()))}.")
        dest = folder / rel
        if not inside:
            dest.parent.mkdir(parents=True, exist_ok=True)
            if copy:
                shutil.copyfile(src, dest)
        module = adapters().get(file_format)
        entry = Entry(rel, digest, dest.stat().st_size, file_format,
                      origin or (getattr(module, "ORIGIN", "") if module else "documentation"), today, vintage)
        current[rel] = entry
        added_entries.append(entry)
    _write(raw_root, release, list(current.values()))
    return added_entries


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
    extra = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                   if p.is_file() and not p.name.startswith(".") and p.relative_to(folder).as_posix() not in known)
    problems += [f"{x} is in the release folder but not in the manifest (add it with `isoc snapshot add`)" for x in extra]
    if problems:
        raise ManifestError(f"release {release!r} cannot be trusted: " + "; ".join(problems))
    return entries
