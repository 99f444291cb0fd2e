"""Atomic, deterministic publishing of a release as Parquet + datapackage.json.

Layout under warehouse/published/:
    .versions/<release>-<content hash>/   complete, immutable copies
    <release>  -> symlink to the version being served
    latest     -> symlink to the most recently published release
Files are written into a fresh version folder first; the symlinks are switched last with os.replace, so a reader
never sees half a release and a killed run leaves the previous one in place.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

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


def publish(published_root: Path, release: str, tables: list[TableOutput], sources: list[dict],
            extra_files: dict[str, bytes] | None = None, properties: dict | None = None) -> Path:
    """Write every table, then switch `<release>` and `latest` to the new version. Returns the release path."""
    root = Path(published_root)
    versions = root / VERSIONS
    versions.mkdir(parents=True, exist_ok=True)
    staging = versions / f".incoming-{release}-{uuid.uuid4().hex}"
    staging.mkdir()
    try:
        hashes = {t.name: write_parquet(t.frame, staging / f"{t.name}.parquet") for t in tables}
        package = json.dumps(datapackage(release, tables, hashes, sources, properties), indent=2, sort_keys=True) + "\n"
        (staging / "datapackage.json").write_text(package, encoding="utf-8")
        for name, content in sorted((extra_files or {}).items()):
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(content)
        extras = "".join(f"{name}:{hashlib.sha256(content).hexdigest()}\n"
                         for name, content in sorted((extra_files or {}).items()))
        digest = hashlib.sha256((package + extras).encode()).hexdigest()[:12]
        final = versions / f"{release}-{digest}"
        if final.exists():
            shutil.rmtree(staging)
        else:
            os.replace(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = os.readlink(root / release) if (root / release).is_symlink() else None
    _switch_link(root / release, f"{VERSIONS}/{final.name}")
    _switch_link(root / LATEST, release)
    if previous and Path(previous).name != final.name:
        shutil.rmtree(root / previous, ignore_errors=True)
    return root / release


def frictionless_type(dtype: object) -> str:
    return _FRICTIONLESS_TYPES.get(str(dtype), "string")
