"""Pandera models built from vocabulary columns (schemas.fields): one builder for every staged and published model,
so a model's column order, types, codelists and descriptions are the vocabulary's."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas.fields import FIELDS, Column


def pandera_field(column: Column):
    return pa.Field(nullable=column.nullable, description=column.description,
                    isin=list(column.codelist) if column.codelist is not None else None, **column.checks)


def model(class_name: str, columns: list[str | Column], metadata: dict, *, module: str,
          base: type = pa.DataFrameModel, strict: bool = True, coerce: bool = True) -> type:
    """A DataFrameModel with `columns` in order (a name is looked up in FIELDS); `base` may hold the model's
    @pa.check rules. `module` is the defining module's __name__, where published_models() finds the model."""
    cols = [FIELDS[c] if isinstance(c, str) else c for c in columns]
    config = type("Config", (), {"strict": strict, "coerce": coerce, "metadata": metadata})
    return type(class_name, (base,), {"__annotations__": {c.name: Series[c.dtype] for c in cols},
                                      "__module__": module, "Config": config,
                                      **{c.name: pandera_field(c) for c in cols}})
