"""When a changed value counts as revised: apart from revisions.py, so that `isoc diff` can show the defaults in its
options without importing the revision report's dependencies (Pandera, DuckDB) for every `isoc --help`."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tolerance:
    """A value counts as revised when |new - old| > absolute + relative x |old| (float noise is not a revision)."""
    relative: float = 1e-6
    absolute: float = 1e-9
