"""Published tables: each is a Pandera model whose Config.metadata names its table, SQL and sort order.

These models are the contract dashboards rely on. A model is discovered from any module in this package when
its metadata has layer == "published"; indicator families add their own modules here.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
from functools import lru_cache

import pandera.pandas as pa


@lru_cache(maxsize=None)
def published_models() -> dict[str, type[pa.DataFrameModel]]:
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, pa.DataFrameModel) and obj is not pa.DataFrameModel and obj.__module__ == module.__name__:
                meta = getattr(obj.Config, "metadata", None) or {}
                if meta.get("layer") == "published":
                    found[meta["table"]] = obj
    return dict(sorted(found.items()))
