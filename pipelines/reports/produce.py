"""Produce the report outputs of a published release into one folder: profiles/, tables/, charts/."""
from __future__ import annotations

from pathlib import Path

from pipelines.reports import PublishedRelease, charts, site, workbook

KINDS = ("profiles", "tables", "charts")
WORKBOOK = "statistical_tables.xlsx"


def reports_dir(warehouse: Path, release: str) -> Path:
    """Default output folder: warehouse/reports/<release>/ (beside, not inside, the immutable published release)."""
    return Path(warehouse) / "reports" / release


def produce(published_root: Path, release: str, out: Path, kinds: tuple[str, ...] = KINDS) -> dict[str, list[Path]]:
    """Write the requested outputs under out/<kind>/; returns the files written per kind."""
    source = PublishedRelease.open(published_root, release)
    writers = {"profiles": lambda d: site.write_site(source, d),
               "tables": lambda d: [workbook.write_workbook(source, d / WORKBOOK)],
               "charts": lambda d: charts.write_charts(source, d)}
    return {kind: writers[kind](Path(out) / kind) for kind in kinds}
