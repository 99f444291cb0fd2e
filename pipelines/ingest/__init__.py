"""Ingestion adapters, one module per raw format, discovered automatically.

Each adapter module defines:
    FORMAT: str             # short name recorded in the manifest, e.g. "itu_datahub_csv"
    DESCRIPTION: str        # one line for `isoc snapshot add` and the docs
    ORIGIN: str             # the producer, e.g. "ITU DataHub bulk download"
    def detect(path: Path, head: bytes) -> bool      # recognise the format from the file's first bytes
    def read(path: Path, file_label: str) -> AdapterResult
Adding a format means adding a module here (and its raw model in schemas/raw/); nothing else. Every adapter is
imported to detect a file's format, so an adapter imports a workbook or SDMX library only where it reads one.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from pipelines.core.canonical import AdapterResult, FileError, file_error_result
from pipelines.core.parsing import WORKBOOK_SUFFIXES
from pipelines.ingest._long import clean_records

HEAD_BYTES = 8192


@lru_cache(maxsize=None)
def adapters() -> dict[str, ModuleType]:
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "FORMAT"):
            found[module.FORMAT] = module
    return found


def detect_format(path: Path) -> str | None:
    """The format whose `detect` recognises the file's header, or None. Detection order is by DETECT_PRIORITY."""
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    candidates = sorted(adapters().values(), key=lambda m: (getattr(m, "DETECT_PRIORITY", 50), m.FORMAT))
    for module in candidates:
        try:
            if module.detect(path, head):
                return module.FORMAT
        except Exception:  # a detector that cannot read this file simply does not claim it
            continue
    return None


def read_file(path: Path, fmt: str, file_label: str) -> AdapterResult:
    """Run the adapter for `fmt`. A FileError becomes one structural quarantine record, never a crash."""
    module = adapters().get(fmt)
    if module is None:
        raise ValueError(f"No adapter for format {fmt!r}; known formats: {', '.join(sorted(adapters()))}")
    try:
        return module.read(path, file_label)
    except FileError as err:
        return file_error_result(file_label, err, data_lines=count_data_lines(path))


def vouch_clean(path: Path, fmt: str, file_label: str) -> int | None:
    """The records of a file its adapter and staging would stage whole, found without pandas when the format states
    its shape (SHAPE, pipelines/ingest/_long.py); None when a format does not or the file may hold a problem."""
    shape = getattr(adapters().get(fmt), "SHAPE", None)
    return clean_records(path, file_label, shape) if shape is not None else None


def count_data_lines(path: Path) -> int:
    """Best-effort count of the data lines a file held, for accounting when it could not be read (NUL bytes dropped,
    so that a UTF-16 file counts as its text does)."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return 0
    try:
        lines = [ln for ln in path.read_bytes().replace(b"\x00", b"").split(b"\n") if ln.strip()]
    except OSError:
        return 0
    return max(0, len(lines) - 1)
