"""Atomic, deterministic publishing of a release as Parquet + datapackage.json.

Layout under warehouse/published/:
    .versions/<release>-<content hash>/   complete, immutable copies
    <release>  -> symlink to the version being served
    latest     -> symlink to the newest release (by first publication), itself a link to a complete version
Files are written into a fresh version folder first; the symlinks are switched last with os.replace, so a reader
never sees half a release and a killed run leaves the previous one in place (its `.incoming-*` folder is removed by
the next run of the release). Re-running an older release does not move `latest` back to it (`point_latest` does,
on request: `isoc run --make-latest`).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.core.manifest import check_release

VERSIONS = ".versions"
# A Parquet null reaches Frictionless readers as NaN when a column is numeric (pyarrow -> pandas); "nan" marks it
# missing, so an empty year of an integer column is a missing value, not a type error.
MISSING_VALUES = ["", "nan"]
LATEST = "latest"

_FRICTIONLESS_TYPES = {"string": "string", "str": "string", "int64": "integer", "Int64": "integer", "int32": "integer",
                       "float64": "number", "Float64": "number", "bool": "boolean", "boolean": "boolean"}


@dataclass(frozen=True)
class TableOutput:
    name: str                 # file stem: <name>.parquet
    frame: pd.DataFrame       # rows in final order, columns in contract order
    title: str
    description: str
    fields: list[dict]        # [{"name", "type", "description", "unit"?}]
    primary_key: list[str]


def write_parquet(df: pd.DataFrame, path: Path) -> str:
    """zstd Parquet without pandas index metadata drift; returns the file's sha256."""
    table = pa.Table.from_pandas(df, preserve_index=False)
    table = table.replace_schema_metadata(None)
    pq.write_table(table, path, compression="zstd", write_statistics=True)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def datapackage(release: str, tables: list[TableOutput], hashes: dict[str, str], sources: list[dict],
                properties: dict | None = None) -> dict:
    """Frictionless tabular data package; `properties` adds project-specific top-level keys (e.g. `indicators`)."""
    return {**(properties or {}),
        "profile": "tabular-data-package",
        "name": f"isoc-{release}".lower().replace("_", "-"),
        "title": f"Information Society statistics, release {release}",
        "release": release,
        "licenses": [{"name": "see-sources", "title": "Each input keeps its producer's licence; see sources"}],
        "sources": sources,
        "resources": [{
            "name": t.name, "path": f"{t.name}.parquet", "profile": "tabular-data-resource", "format": "parquet",
            "mediatype": "application/vnd.apache.parquet", "title": t.title, "description": t.description,
            "hash": f"sha256:{hashes[t.name]}", "rows": int(len(t.frame)),
            "schema": {"fields": t.fields, "primaryKey": t.primary_key, "missingValues": MISSING_VALUES},
        } for t in sorted(tables, key=lambda t: t.name)],
    }


def _switch_link(link: Path, target: str) -> None:
    tmp = link.parent / f".{link.name}.{uuid.uuid4().hex}.tmp"
    os.symlink(target, tmp)
    os.replace(tmp, link)


def incoming_leftovers(folder: Path, name: str) -> list[Path]:
    """`.incoming-<name>-<uuid>[-...]` entries of `folder`: what a killed writer of `name` left behind (another name's
    folders, perhaps being written right now, never match)."""
    pattern = re.compile(rf"\.incoming-{re.escape(name)}-[0-9a-f]{{32}}(-.*)?")
    return sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name)) if folder.is_dir() else []


def release_name(published_root: Path, name: str) -> str:
    """A release named on the command line: `latest` stands for the release it points to; any other name must follow
    the release-name rule (so '../x' never reaches a path)."""
    latest = Path(published_root) / LATEST
    if name == LATEST:
        if not latest.is_symlink():
            raise FileNotFoundError(f"nothing is published yet under {Path(published_root)} ({LATEST} does not exist)")
        return os.readlink(latest)
    return check_release(name)


def point_latest(published_root: Path, release: str) -> None:
    """Switch `latest` to a published release (never to itself, never to a release that is not complete)."""
    root = Path(published_root)
    check_release(release)
    if not (root / release / "datapackage.json").is_file():
        raise FileNotFoundError(f"release {release!r} is not published under {root}: `latest` left as it was")
    _switch_link(root / LATEST, release)


class Version:
    """A new version of a release being written into its hidden folder (incoming_version): each table's Parquet as
    soon as the table is ready, from any thread; `switch` completes it and serves it."""

    def __init__(self, root: Path, release: str, folder: Path):
        self.root, self.release, self.folder = root, release, folder
        self.hashes: dict[str, str] = {}

    def write(self, table: TableOutput) -> TableOutput:
        """The table's Parquet in the version (pyarrow compresses and writes it without holding the GIL, which the
        conversion from pandas holds); returns the table."""
        self.hashes[table.name] = write_parquet(table.frame, self.folder / f"{table.name}.parquet")
        return table

    def switch(self, tables: list[TableOutput], sources: list[dict], extra_files: dict[str, bytes] | None = None,
               properties: dict | None = None) -> Path:
        """Add datapackage.json and the extra files, then switch `<release>` to this version, and `latest` to the
        release unless this is a re-run of a release that `latest` had already moved past. Returns the release
        path. Every table must have been written."""
        unwritten = [t.name for t in tables if t.name not in self.hashes]
        if unwritten:
            raise ValueError(f"tables {unwritten} were not written to the new version of {self.release}")
        package = json.dumps(datapackage(self.release, tables, self.hashes, sources, properties), indent=2,
                             sort_keys=True) + "\n"
        (self.folder / "datapackage.json").write_text(package, encoding="utf-8")
        for name, content in sorted((extra_files or {}).items()):
            (self.folder / name).parent.mkdir(parents=True, exist_ok=True)
            (self.folder / name).write_bytes(content)
        extras = "".join(f"{name}:{hashlib.sha256(content).hexdigest()}\n"
                         for name, content in sorted((extra_files or {}).items()))
        digest = hashlib.sha256((package + extras).encode()).hexdigest()[:12]
        final = self.root / VERSIONS / f"{self.release}-{digest}"
        if final.exists():
            shutil.rmtree(self.folder)
        else:
            os.replace(self.folder, final)
        return _serve(self.root, self.release, final)


@contextmanager
def incoming_version(published_root: Path, release: str) -> Iterator[Version]:
    """A fresh hidden folder for a new version of `release` (what killed runs of it left is removed first), removed
    again unless the version was switched in. One run of a release at a time (release_lock, and the run coordinator
    for Dagster runs): a second would remove this folder as a leftover."""
    root = Path(published_root)
    check_release(release)
    versions = root / VERSIONS
    versions.mkdir(parents=True, exist_ok=True)
    for leftover in incoming_leftovers(versions, release):
        shutil.rmtree(leftover, ignore_errors=True)
    folder = versions / f".incoming-{release}-{uuid.uuid4().hex}"
    folder.mkdir()
    try:
        yield Version(root, release, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)      # gone already when switched in


def _serve(root: Path, release: str, final: Path) -> Path:
    """Point `<release>` at a complete version folder, and `latest` at the release unless `latest` had moved past
    it; remove the version the release served before when no link serves it any more."""
    link = root / release
    previous = os.readlink(link) if link.is_symlink() else None
    latest = root / LATEST
    moves_latest = previous is None or not latest.is_symlink() or os.readlink(latest) == release \
        or not (latest / "datapackage.json").is_file()
    _switch_link(link, f"{VERSIONS}/{final.name}")
    if moves_latest:
        _switch_link(latest, release)
    if previous and Path(previous).name != final.name and not _still_linked(root, Path(previous).name):
        shutil.rmtree(root / previous, ignore_errors=True)
    return link


def _still_linked(root: Path, version: str) -> bool:
    """Whether any release link still serves this version folder (it is then kept)."""
    return any(p.is_symlink() and Path(os.readlink(p)).name == version for p in root.iterdir())


def frictionless_type(dtype: object) -> str:
    return _FRICTIONLESS_TYPES.get(str(dtype), "string")
