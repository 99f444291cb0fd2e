"""What the machine offers a run: the cores this process may use, and the settings that choose how many workers a
step spreads its work over."""
from __future__ import annotations

import os


# Project choice, measured on the 2-core machine (docs/benchmarks.md): the tables or indicator specs one process works
# on at once. They share the release database's memory limit and each holds its frames, so more cores do not mean
# more of them (ISOC_INDICATOR_WORKERS chooses otherwise for the specs).
MAX_THREADS = 2


def cores() -> int:
    """The cores this process may run on (its CPU affinity, where the system has one: not on macOS)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def threads() -> int:
    """Tables or specs a step of one process works on at once: one per core, at most MAX_THREADS."""
    return min(cores(), MAX_THREADS)


def workers_setting(name: str, what: str, alone: str) -> int | None:
    """The number of workers environment variable `name` gives (None when unset); anything but a whole number of 1 or
    more is an error saying what the number counts (`what`) and what 1 does (`alone`)."""
    chosen = os.environ.get(name, "").strip()
    if not chosen:
        return None
    if not chosen.isdecimal() or int(chosen) < 1:     # isdigit() takes '²', which int() refuses
        raise ValueError(f"{name}={chosen!r}: give the number of {what}, 1 or more (1 {alone})")
    return int(chosen)
