"""What the machine offers a run: the cores this process may use, shared by the steps that spread work over them."""
from __future__ import annotations

import os


def cores() -> int:
    """The cores this process may run on (its CPU affinity, where the system has one: not on macOS)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
