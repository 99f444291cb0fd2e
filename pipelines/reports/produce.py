"""Produce the report outputs of a published release into one folder: profiles/, tables/, charts/.

Written atomically: every output goes to a hidden `.incoming-*` folder beside `out` first, and each finished kind
folder is then renamed into place (the one it replaces is removed after), so a killed run leaves the previous site
whole and never a half-written one. Leftover `.incoming-*` folders are removed by the next run.
"""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from pipelines.core.publish import incoming_leftovers
from pipelines.reports import PublishedRelease

KINDS = ("profiles", "tables", "charts")
WORKBOOK = "statistical_tables.xlsx"


def reports_dir(warehouse: Path, release: str) -> Path:
    """Default output folder: warehouse/reports/<release>/ (beside, not inside, the immutable published release)."""
    return Path(warehouse) / "reports" / release


def produce(published_root: Path, release: str, out: Path, kinds: tuple[str, ...] = KINDS) -> dict[str, list[Path]]:
    """Write the requested outputs under out/<kind>/; returns the files written per kind (at their final place)."""
    from pipelines.reports import charts, site, workbook     # here: `isoc report`'s options need only KINDS

    source = PublishedRelease.open(published_root, release)
    writers = {"profiles": lambda d: site.write_site(source, d),
               "tables": lambda d: [workbook.write_workbook(source, d / WORKBOOK)],
               "charts": lambda d: charts.write_charts(source, d)}
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    for leftover in incoming_leftovers(out.parent, out.name):
        shutil.rmtree(leftover, ignore_errors=True)
    incoming = out.parent / f".incoming-{out.name}-{uuid.uuid4().hex}"
    try:
        written = {kind: writers[kind](incoming / kind) for kind in kinds}
        out.mkdir(exist_ok=True)
        for kind in kinds:
            _switch_folder(incoming / kind, out / kind, incoming.with_name(f"{incoming.name}-old-{kind}"))
    finally:
        shutil.rmtree(incoming, ignore_errors=True)
    return {kind: [out / kind / p.relative_to(incoming / kind) for p in files] for kind, files in written.items()}


def _switch_folder(new: Path, target: Path, old: Path) -> None:
    """Put a finished folder in place of `target`: the old one is renamed away to `old` first, then removed."""
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)
