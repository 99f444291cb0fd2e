"""Deterministic, clearly labelled DEMO release: all economies, 2000-2024, in the real input formats.

The project cannot ship the public downloads it is built for, so `generate_demo_release` writes look-alike files
(ITU DataHub, World Bank WDI and population, UN SDG and gender portal, ITU legacy table, OWID, tariff plans) with
realistic generated values and a few deliberate bad rows (DELIBERATE_ERRORS) so the quarantine has something to
show. It writes files only; registering them in a manifest is the snapshot code's job.
"""
from __future__ import annotations

from pathlib import Path

from pipelines.demo.errors import DELIBERATE_ERRORS, DeliberateError
from pipelines.demo.formats import LABEL
from pipelines.demo.release import generate

DEFAULT_SEED = 20261122

__all__ = ["DELIBERATE_ERRORS", "DeliberateError", "LABEL", "generate_demo_release"]


def generate_demo_release(raw_root: Path, release: str = "demo", seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the demo files into raw_root/<release>/ (subfolders by source) and return their paths, sorted.

    Same seed -> byte-identical files. README.md in the folder says what the files are and lists the deliberate errors.
    """
    return generate(Path(raw_root), release, seed)
