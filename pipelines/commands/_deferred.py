"""Modules a command imports only when it first uses them.

The adapters, the raw contracts and staging import pandas and numpy at the top, as they use them throughout; `isoc
validate` of a clean file needs neither (pipelines/ingest/_long.py), and importing pandas takes longer than the whole
check. `defer` puts a stand-in module in sys.modules, so every `import pandas as pd` succeeds at once; the first
attribute asked of it imports the real module, whose names it then holds. (The standard library's LazyLoader does
not do here: in Python 3.11 an `import` statement of a module already imported reads its `__spec__`, which loads a
lazy module at the second `import pandas` of the program.)
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
from contextlib import contextmanager
from types import ModuleType
from typing import Iterator


class _Deferred(ModuleType):
    """Holds only a module's name and spec until an attribute it lacks is asked for (`__path__` when a submodule is
    imported); then the real module is imported in its place and the stand-in copies its names."""

    def __getattr__(self, attr: str):
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        real = importlib.import_module(name)
        self.__dict__.update(real.__dict__)
        return getattr(real, attr)


def defer(*names: str) -> None:
    """Import each named top-level module when first used, unless it is already imported (as in a test process)."""
    for name in names:
        if name in sys.modules or (spec := importlib.util.find_spec(name)) is None:
            continue
        stand_in = _Deferred(name)
        stand_in.__spec__ = spec
        sys.modules[name] = stand_in


def loaded(name: str) -> bool:
    """True once a module's code has run (a deferred module's stand-in sits in sys.modules before it has)."""
    module = sys.modules.get(name)
    return module is not None and not (isinstance(module, _Deferred) and "__file__" not in vars(module))


@contextmanager
def unseen(*names: str) -> Iterator[None]:
    """Deferred modules out of sys.modules for a while. DuckDB converts a list parameter with pandas' help whenever
    pandas is in sys.modules, which would load a deferred pandas; absent, it converts the list itself."""
    held = {name: sys.modules.pop(name) for name in names if name in sys.modules and not loaded(name)}
    try:
        yield
    finally:
        for name, module in held.items():
            sys.modules.setdefault(name, module)   # unless something imported it meanwhile
