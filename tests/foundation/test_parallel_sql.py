"""Staging and publishing run DuckDB on every core (warehouse.connect(parallel=True)): their statements must not sum
floating-point values, whose last bits would then depend on how the rows were split between threads. This holds
them to that: the staging SQL, the views it creates (read when publishing) and every published table's query."""
import re

import pytest

from pipelines.core import staged_tables, warehouse
from pipelines.dagster_assets.publish import release_contracts

# Aggregates whose result depends on the order in which floating-point values are added.
ORDER_DEPENDENT = re.compile(r"\b(sum|fsum|sumkahan|kahan_sum|avg|mean|product|stddev\w*|var_\w+|variance|covar_\w+|"
                             r"corr|regr_\w+|kurtosis\w*|skewness|entropy|list_sum|list_avg)\s*\(", re.IGNORECASE)
STAGING_SQL = sorted((warehouse.SQL_DIR / "staging").glob("*.sql")) + [staged_tables.REFERENCE_VIEWS_SQL]


def _without_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


@pytest.mark.parametrize("path", STAGING_SQL, ids=lambda p: p.name)
def test_staging_statements_sum_no_values(path):
    found = ORDER_DEPENDENT.findall(_without_comments(path.read_text(encoding="utf-8")))
    assert not found, f"{path} uses {found}: staging runs on every core, so keep such sums out of it"


def test_published_queries_sum_no_values():
    found = {table: ORDER_DEPENDENT.findall(_without_comments(contract.sql))
             for table, contract in release_contracts().items()}
    assert not {t: f for t, f in found.items() if f}, "publishing runs on every core, so keep such sums out of it"


def test_the_pattern_finds_a_float_sum():
    """The guard itself: the aggregates it is for are found, counts and comments are not."""
    assert ORDER_DEPENDENT.findall("SELECT SUM (x), avg(y), stddev_samp(z) FROM t") == ["SUM", "avg", "stddev_samp"]
    assert not ORDER_DEPENDENT.findall(_without_comments("SELECT count(*), count_if(a) FROM t -- sum(x) here"))
