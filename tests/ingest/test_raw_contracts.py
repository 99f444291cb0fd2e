"""Raw models are declared without Pandera: `passes` accepts a frame only when the Pandera model built from the same
declaration would, and `isoc validate` of a clean file never imports Pandera or a workbook reader."""
import subprocess
import sys
import textwrap

import pandas as pd
import pandera.pandas as pa
import pytest
from support import REPO
from support.hardening_inputs import datahub_text

from schemas.raw._columns import pandera_model, passes
from schemas.raw.itu_datahub import ItuDatahubRaw
from schemas.raw.itu_legacy import ItuLegacyRaw
from schemas.raw.un_sdg_api import UnSdgApiRaw
from schemas.values import number_fine, number_rule

CLEAN = {"seriesCode": "i992b", "entityIso": "DEU", "dataValue": "45.6", "dataYear": "2024"}


def _frame(**changes) -> pd.DataFrame:
    row = CLEAN | changes
    return pd.DataFrame({k: pd.array([v, "1.5" if k == "dataValue" else CLEAN[k]], dtype="string")
                         for k, v in row.items()} | {"line": [2, 3]})


def _pandera_accepts(model, df: pd.DataFrame) -> bool:
    try:
        pandera_model(model).validate(df, lazy=True)
        return True
    except pa.errors.SchemaErrors:
        return False


@pytest.mark.parametrize("changes, accepted", [
    ({}, True),
    ({"dataValue": "1,234,567"}, False),    # thousands_separator
    ({"dataValue": "12,5"}, False),         # comma_decimal
    ({"dataValue": "n/d"}, False),          # not_a_number
    ({"dataValue": "..."}, True),           # a missing marker is no rule's business
    ({"dataYear": "24"}, False),            # year_not_integer
    ({"seriesCode": "NOPE"}, False),        # unknown_source_code
    ({"dataValue": None}, False),           # a null breaks nullability, not a named rule
])
def test_passes_agrees_with_pandera(changes, accepted):
    df = _frame(**changes)
    assert passes(ItuDatahubRaw, df) is accepted
    assert _pandera_accepts(ItuDatahubRaw, df) is accepted


def test_passes_leaves_a_frame_of_unexpected_types_to_pandera():
    """Text held as Python objects or a float `line`: `passes` does not vouch for it, Pandera decides."""
    assert not passes(ItuDatahubRaw, _frame().astype({"dataValue": object}))
    assert not passes(ItuDatahubRaw, _frame().astype({"line": float}))
    assert not passes(ItuDatahubRaw, _frame().drop(columns="dataYear"))


def test_pandera_model_keeps_the_declared_checks_in_order():
    """Checks of the first-declared mixin come first, as they did when the models were Pandera classes: the first
    failing rule names a row's quarantine record."""
    legacy = pandera_model(ItuLegacyRaw).to_schema()
    assert [c.name for c in legacy.columns["country"].checks] == ["missing_code"]
    assert [c.name for c in legacy.columns["indicator"].checks] == ["unknown_source_code"]
    assert [c.name for c in legacy.columns["value"].checks] == ["thousands_separator", "comma_decimal", "not_a_number"]
    assert legacy.columns["line"].dtype.type == "int64" and not legacy.strict
    sdg = pandera_model(UnSdgApiRaw).to_schema()
    assert [c.name for c in sdg.checks] == ["unit_mismatch", "missing_code"]   # the two row-wise rules
    assert pandera_model(UnSdgApiRaw) is pandera_model(UnSdgApiRaw)            # built once


def _validate_in_fresh_process(path) -> subprocess.CompletedProcess:
    script = textwrap.dedent(f"""
        import sys
        from pipelines.cli import main
        code = main(["validate", {str(path)!r}])
        heavy = ("pandera", "openpyxl", "xlrd", "pysdmx", "dagster")
        print("imported:", sorted(m for m in heavy if m in sys.modules), "exit", code)
    """)
    return subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300)


def test_validate_of_a_clean_file_imports_neither_pandera_nor_a_workbook_reader(tmp_path):
    path = tmp_path / "fbb.csv"
    path.write_text(datahub_text([("DEU", "Germany", "45.6", 2024), ("KEN", "Kenya", "1.2", 2023)]), encoding="utf-8")
    done = _validate_in_fresh_process(path)
    assert "rows read 2, would be staged 2, quarantined 0" in done.stdout
    assert "imported: [] exit 0" in done.stdout, done.stdout + done.stderr[-2000:]


def test_validate_words_a_broken_rule_with_pandera(tmp_path):
    path = tmp_path / "fbb.csv"
    path.write_text(datahub_text([("DEU", "Germany", "45.6", 2024), ("KEN", "Kenya", "1,234", 2023)]),
                    encoding="utf-8")
    done = _validate_in_fresh_process(path)
    assert ("line 3, column dataValue, rule thousands_separator: fbb.csv line 3, column 'dataValue': the number uses "
            "a thousands separator") in done.stdout
    assert "imported: ['pandera'] exit 1" in done.stdout, done.stdout + done.stderr[-2000:]


def test_number_fine_is_the_three_number_rules_at_once():
    values = pd.Series(["1", "-2.5e3", "...", "", "1,234", "12,5", "n/d", " 7 ", "١٢"], dtype="string")
    broken = number_rule(values, "thousands_separator") | number_rule(values, "comma_decimal") | number_rule(
        values, "not_a_number")
    assert number_fine(values).tolist() == (~broken).tolist() == [True, True, True, True, False, False, False, True,
                                                                   False]
    cells = pd.Series([1.5, None, "2,5"], dtype=object)   # workbook cells: parsed value by value
    assert number_fine(cells).tolist() == [True, True, False]
