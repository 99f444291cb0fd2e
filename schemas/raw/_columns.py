"""Column rules shared by the raw models, bound to each format's own column names.

A raw model names the columns as the source spells them, so that a quarantine record points at the column a
statistician sees. The rules themselves (a strict number, a four-digit year, a known code) are the same everywhere,
so they are written once here: `class XRaw(number("dataValue"), year("dataYear"), ...)` declares each column and
its named checks (rule names are keys of schemas.checks.RULES).

A raw model is declared without Pandera (`RawModel`), because importing Pandera costs more than `isoc validate`
may take in all: `passes` runs the very predicates on a frame, and `pandera_model` builds the equivalent Pandera
model, class by class, only when a row breaks a rule and its failure cases must be worded (schemas.validation).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import get_type_hints

import numpy as np
import pandas as pd

from schemas import reference as ref
from schemas.checks import in_codes, is_year, not_blank, number_ok, rule
from schemas.codelists import AGE_PATTERN
from schemas.values import MISSING_MARKERS, number_cell_fine, number_fine, year_cell_fine


class RawModel:
    """A raw format's contract: text columns, each with named rules (mixins made by `column`), row-wise rules across
    columns (`frame_rule`), and the model's own typed columns as annotations (`line: int`, `header: str`)."""

    column_rules: tuple[str, dict[str, Callable[[pd.Series], pd.Series]]] | None = None
    column_passes: Callable[[pd.Series], np.ndarray] | None = None   # all of column_rules' rules at once, when cheaper
    texts_pass: Callable[[list[str]], bool] | None = None   # all of them on every text, without pandas (texts_pass)
    frame_rules: tuple[str, Callable[[pd.DataFrame], pd.Series]] | None = None


def _own_annotations(cls: type) -> dict[str, type]:
    """The column types a class declares itself, resolved (a module with `from __future__ import annotations` holds
    them as text)."""
    own = vars(cls).get("__annotations__", {})
    return {k: v for k, v in get_type_hints(cls).items() if k in own} if own else {}


@lru_cache(maxsize=None)
def _declared(model: type[RawModel]) -> tuple[dict[str, type], list[tuple[str, Callable]], list[Callable]]:
    """({column: type}, [(column, predicate)], [frame predicate]) of a model and all its mixins."""
    types, checks, frame = {}, [], []
    for cls in model.__mro__:
        if cls is RawModel or not issubclass(cls, RawModel):
            continue
        types.update(_own_annotations(cls))
        if (own := vars(cls).get("column_rules")) is not None:
            types[own[0]] = str
            together = vars(cls).get("column_passes")
            checks += [(own[0], together)] if together else [(own[0], predicate) for predicate in own[1].values()]
        if (own := vars(cls).get("frame_rules")) is not None:
            frame.append(own[1])
    return types, checks, frame


def passes(model: type[RawModel], df: pd.DataFrame) -> bool:
    """True only when `pandera_model(model)` would accept every row of `df`: each declared column present, of its type
    (text as a pandas string column, int as int64) and without nulls, and every rule true on every row. When it says
    False, Pandera decides and words the failures."""
    types, checks, frame = _declared(model)
    for name, kind in types.items():
        if name not in df.columns or df[name].isna().any():
            return False
        if not (isinstance(df[name].dtype, pd.StringDtype) if kind is str else df[name].dtype == np.int64):
            return False
    try:
        return (all(bool(np.all(predicate(df[name]))) for name, predicate in checks)
                and all(bool(np.all(predicate(df))) for predicate in frame))
    except Exception:   # a rule that cannot run on these rows (a column it reads is absent...): Pandera words it
        return False


@lru_cache(maxsize=None)
def _text_rules(model: type[RawModel]) -> tuple[tuple[str, Callable[[list[str]], bool]], ...] | None:
    """(column, `texts_pass`) of every column rule of a model, or None when a rule has no such form or the model has a
    rule across columns."""
    rules = []
    for cls in model.__mro__:
        if cls is RawModel or not issubclass(cls, RawModel):
            continue
        own = vars(cls)
        if own.get("frame_rules") is not None or (own.get("column_rules") is not None and "texts_pass" not in own):
            return None
        if own.get("column_rules") is not None:
            rules.append((own["column_rules"][0], own["texts_pass"]))
    return tuple(rules)


def texts_pass(model: type[RawModel], columns: dict[str, list[str]]) -> bool:
    """`passes` for text read without pandas ({column: texts}; the records' lines are numbers): True only when every
    rule of the model has a `texts_pass` form and all the texts pass it. False may be wrong (a text the one-cell rules
    of schemas.values leave to the column rules): then `passes` and Pandera decide."""
    rules = _text_rules(model)
    return rules is not None and all(name in columns and predicate(columns[name]) for name, predicate in rules)


@lru_cache(maxsize=None)
def pandera_model(model: type):
    """The Pandera model equivalent to a raw model (the same classes and checks, in the same order); a Pandera model
    is returned as it is."""
    import pandera.pandas as pa
    from pandera.typing import Series

    if not issubclass(model, RawModel):
        return model
    if model is RawModel:
        return pa.DataFrameModel
    own = vars(model)
    if own.get("column_rules") is not None:
        name, predicates = own["column_rules"]
        slug = _slug(name)
        attrs: dict = {"__annotations__": {f"c_{slug}": Series[str]}, f"c_{slug}": pa.Field(alias=name)}
        for rule_name, predicate in predicates.items():
            attrs[f"_{rule_name}_{slug}"] = pa.check(name, **rule(rule_name))(lambda cls, s, p=predicate: p(s))
        return type(model.__name__, (pa.DataFrameModel,), attrs)
    if own.get("frame_rules") is not None:
        rule_name, predicate = own["frame_rules"]
        check = pa.dataframe_check(**rule(rule_name))(lambda cls, df, p=predicate: p(df).astype(bool))
        return type(model.__name__, (pa.DataFrameModel,), {f"_{rule_name}": check})
    attrs = {"__annotations__": {k: Series[v] for k, v in _own_annotations(model).items()},
             "__module__": model.__module__, "__doc__": model.__doc__}
    if "Config" in own:
        attrs["Config"] = own["Config"]
    return type(model.__name__, tuple(pandera_model(b) for b in model.__bases__), attrs)


def column(name: str, **predicates: Callable[[pd.Series], pd.Series]) -> type[RawModel]:
    """A model with the text column `name` and one check per rule: `column("Sex", unknown_code=predicate)`."""
    return type(f"Column_{_slug(name)}", (RawModel,), {"column_rules": (name, predicates)})


def _slug(name: str) -> str:
    return re.sub(r"\W+", "_", name).strip("_").lower() or "column"


def number(name: str) -> type[RawModel]:
    """A value parsed strictly: no thousands separator, no decimal comma, nothing but a number (blank allowed:
    adapters split missing values off before validation, or do not read empty cells at all)."""
    model = column(name, **{r: (lambda s, r=r: number_ok(s, r))
                            for r in ("thousands_separator", "comma_decimal", "not_a_number")})
    model.column_passes = number_fine   # the three rules in one pass, for `passes`
    model.texts_pass = lambda texts: all(map(number_cell_fine, texts))
    return model


def year(name: str) -> type[RawModel]:
    model = column(name, year_not_integer=is_year)
    model.texts_pass = lambda texts: all(map(year_cell_fine, texts))
    return model


def present(name: str) -> type[RawModel]:
    model = column(name, missing_code=not_blank)
    model.texts_pass = lambda texts: all(text.strip() not in MISSING_MARKERS for text in texts)
    return model


def code(name: str, allowed: Callable[[], Iterable[str]], rule_name: str = "unknown_code", *,
         blank_ok: bool = False) -> type[RawModel]:
    """A code from a list computed when validating (reference data is read lazily). `blank_ok`: empty means total."""
    def known(s: pd.Series) -> pd.Series:
        text = s.fillna("").str.strip()
        ok = in_codes(text, allowed())
        return (ok | (text == "")) if blank_ok else ok

    def all_known(texts: list[str]) -> bool:   # stripped of spaces only: a text Python strips further fails here
        codes = set(allowed()) | ({""} if blank_ok else set())
        return all(text.strip(" ") in codes for text in texts)
    model = column(name, **{rule_name: known})
    model.texts_pass = all_known
    return model


def source_code(name: str, system: str) -> type[RawModel]:
    """The source's own indicator code, which must be mapped in pipelines/reference/source_codes.csv."""
    return code(name, lambda: ref.source_code_map(system), "unknown_source_code")


AGE_CODE = re.compile(AGE_PATTERN)


def sdmx_age(text: object) -> str | None:
    """An age group as an SDMX code: blank or ALLAGE -> _T, '15+' -> Y_GE15, '15-24' -> Y15T24, '<15' -> Y_LT15;
    SDMX codes pass through. Anything else (e.g. '_X', not specified) is None: the row is quarantined."""
    s = re.sub(r"\s+", "", "" if text is None or (not isinstance(text, str) and pd.isna(text)) else str(text)).upper()
    if s in ("", "ALLAGE", "ALLAGES"):
        return "_T"
    if AGE_CODE.fullmatch(s):
        return s
    for pattern, code_format in ((r"(\d+)\+", "Y_GE{}"), (r"(\d+)-(\d+)", "Y{}T{}"), (r"<(\d+)", "Y_LT{}")):
        if m := re.fullmatch(pattern, s):
            return code_format.format(*m.groups())
    return None


def age(name: str) -> type[RawModel]:
    model = column(name, unknown_age=lambda s: s.map(lambda v: sdmx_age(v) is not None).astype(bool))
    model.texts_pass = lambda texts: all(sdmx_age(text) is not None for text in texts)
    return model


def _mapped(codes: pd.Series, system: str, part: int) -> pd.Series:
    """Series (part 0) or breakdown (part 1) of each source code in source_codes.csv; NaN where unmapped."""
    return codes.map({k: v[part] for k, v in ref.source_code_map(system).items()})


def frame_rule(rule_name: str, predicate: Callable[[pd.DataFrame], pd.Series]) -> type[RawModel]:
    """A model with one row-wise check across columns (reported under the rule's column by split_valid)."""
    return type(f"Frame_{rule_name}", (RawModel,), {"frame_rules": (rule_name, predicate)})


def unit_of_series(code_column: str, system: str, unit_column: str) -> type[RawModel]:
    """The unit as typed (an SDMX code, or a legacy one such as PT) must be the catalogue unit of the series."""
    def ok(df: pd.DataFrame) -> pd.Series:
        expected = _mapped(df[code_column], system, 0).map(ref.series_catalogue()["unit_measure"])
        unit = df[unit_column].str.strip()
        unit = unit.map(ref.legacy_code_map("UNIT_MEASURE")).fillna(unit)
        return expected.isna() | (unit == expected)
    return frame_rule("unit_mismatch", ok)


def breakdown_given(code_column: str, system: str, *columns: str) -> type[RawModel]:
    """A series broken down by skill or speed (breakdown '*' in source_codes.csv) must carry one of `columns`."""
    def ok(df: pd.DataFrame) -> pd.Series:
        given = pd.concat([not_blank(df[c]) for c in columns], axis=1).any(axis=1)
        return (_mapped(df[code_column], system, 1) != "*") | given
    return frame_rule("missing_code", ok)
