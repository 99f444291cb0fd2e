"""One line per error for the person at the terminal: the cause (disk full, read-only, lock held...) and the path.

Tracebacks are for developers: `isoc --debug COMMAND` shows them; nothing else does.
"""
from __future__ import annotations

import re

_CAUSES = [  # (pattern in the error text, cause said to the user)
    (re.compile(r"No space left on device|\[Errno 28\]|ENOSPC"), "disk full"),
    (re.compile(r"Disk quota exceeded|\[Errno 122\]"), "disk quota exceeded"),
    (re.compile(r"Read-only file system|\[Errno 30\]|read-only mode", re.I), "read-only file system"),
    (re.compile(r"Permission denied|\[Errno 13\]|\[Errno 1\]"), "permission denied (read-only or not yours)"),
    (re.compile(r"Could not set lock on file|Conflicting lock is held"), "the file is locked by another process"),
]
_PATH = re.compile(r"""["']((?:/|[A-Za-z]:\\)[^"']+)["']""")
_PID = re.compile(r"\(PID (\d+)\)")


def cause_line(text: str, path: str | None = None) -> str | None:
    """'<cause>: <path>' when the error text shows a known cause, else None."""
    for pattern, cause in _CAUSES:
        if pattern.search(text):
            where = path or next(iter(_PATH.findall(text)), None)
            pid = _PID.search(text)
            return cause + (f" (pid {pid.group(1)})" if pid else "") + (f": {where}" if where else "")
    return None


def describe(exc: BaseException) -> str:
    """The line printed for an exception that ends a command."""
    path = getattr(exc, "filename", None)
    known = cause_line(f"{type(exc).__name__}: {exc}", str(path) if path else None)
    if known:
        return known
    first = (str(exc).strip().splitlines() or [""])[0][:400]
    return f"{type(exc).__name__}: {first}"


def describe_failure(error_info) -> str:
    """A Dagster step failure (SerializableErrorInfo) as one line: the innermost cause, known causes by name."""
    info = error_info
    while info is not None and (getattr(info, "cause", None) or getattr(info, "context", None)) is not None:
        info = info.cause or info.context
    text = (info.message if info is not None else "").strip()
    whole = " ".join(filter(None, [error_info.message, text]))
    return cause_line(whole) or (text.splitlines() or ["unknown error"])[0][:400]
