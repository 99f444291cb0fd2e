"""Spark runs the estimator's own statements: same estimates, standard errors and quarantine as DuckDB."""
import subprocess
import sys

import pandas as pd
import pytest

from pipelines.microdata import estimator, statements, synthetic
from pipelines.microdata.engines import MicrodataEngineError, open_engine

KEY = ["ref_area", "time_period", "survey", "variable", "sex", "age", "urbanisation"]


@pytest.fixture(scope="module")
def spark_config():
    """The estimator's configuration with engine: spark on local[2] (config.yaml's own Spark settings), its session
    started once. CI installs PySpark and Java (scripts/setup.sh); elsewhere the Spark tests say what is missing."""
    pytest.importorskip("pyspark", reason="PySpark is not installed: bash scripts/setup.sh installs it (extra spark)")
    from pipelines.microdata.spark_engine import session

    config = dict(estimator.load_config()) | {"engine": "spark"}
    spark = session(config["spark"])
    yield config
    spark.stop()


@pytest.fixture(scope="module")
def rounds(tmp_path_factory):
    """Two synthetic rounds, one with bad rows of every kind of rule."""
    folder = tmp_path_factory.mktemp("spark")
    paths = []
    for n, iso3 in enumerate(["GHA", "KEN"]):
        frame = synthetic.survey_round(iso3, 2022, 900 + 150 * n, seed=40 + n).to_pandas()
        if n == 0:
            frame["sex"] = frame["sex"].astype(str)
            frame.loc[3, "person_weight"] = -1.0
            frame.loc[7, "sex"] = "X"
            frame.loc[11, "age"] = 130
            frame.loc[13, "internet_3m"] = 2
            frame.loc[17, "person_id"] = frame.loc[18, "person_id"]
            frame.loc[30, "hh_computer"] = 1 - frame.loc[30, "hh_computer"]    # its household-mates disagree
            frame.loc[40, "psu"] = None
        paths.append(folder / f"{iso3}_2022.parquet")
        frame.to_parquet(paths[-1])
    return paths


def test_spark_estimates_and_quarantine_equal_duckdb(rounds, spark_config):
    """Internet use, a skill asked from age 15 only (empty answers) and household Internet, suppression on (small:
    Spark's fixed cost per query dominates here); DuckDB's estimates are checked against samplics and svy."""
    chosen = {"estimate": ["internet_3m", "skill_cmfl", "hh_internet"], "rounds_per_query": 0,
              "quality": dict(estimator.load_config()["quality"]) | {"action": "suppress"}}
    duck = estimator.run(rounds, config=dict(estimator.load_config()) | chosen)
    spark = estimator.run(rounds, config=spark_config | chosen)
    assert len(duck.quarantine) >= 7 and len(spark.estimates) == len(duck.estimates) == 2 * (45 + 36 + 3)
    pd.testing.assert_frame_equal(spark.quarantine, duck.quarantine)
    merged = duck.estimates.merge(spark.estimates, on=KEY, suffixes=("", "_spark"), validate="1:1")
    assert len(merged) == len(duck.estimates) and merged["withheld"].any()
    for column in ("estimate", "standard_error", "cv", "weighted_total"):
        difference = (merged[column] - merged[f"{column}_spark"]).abs()
        assert (difference.fillna(0) <= 1e-9).all(), column
        assert (merged[column].isna() == merged[f"{column}_spark"].isna()).all(), column
    for column in ("series", "breakdown", "unit", "respondents", "quality", "withheld"):
        assert (merged[column] == merged[f"{column}_spark"]).all(), column
    assert spark.respondents_read == duck.respondents_read == 900 + 1050


def test_spark_estimates_clean_rounds_in_several_batches(tmp_path, spark_config):
    """No row to hold back, and two batches: the count that finds the quarantine empty once left a result open on
    the DuckDB connection, and Spark's hand-over of the estimates then failed ("unfinished result")."""
    paths = [synthetic.write_round(tmp_path / f"{iso3}_2022.parquet", synthetic.survey_round(iso3, 2022, 600, seed=n))
             for n, iso3 in enumerate(["GHA", "KEN", "PER"])]
    chosen = {"estimate": ["internet_3m", "hh_internet"], "rounds_per_query": 2}
    duck = estimator.run(paths, config=dict(estimator.load_config()) | chosen)
    spark = estimator.run(paths, config=spark_config | chosen)
    assert len(duck.quarantine) == len(spark.quarantine) == 0
    merged = duck.estimates.merge(spark.estimates, on=KEY, suffixes=("", "_spark"), validate="1:1")
    assert len(merged) == len(duck.estimates) == len(spark.estimates) > 3 * 40
    for column in ("estimate", "standard_error"):
        assert ((merged[column] - merged[f"{column}_spark"]).abs().fillna(0) <= 1e-9).all(), column
        assert (merged[column].isna() == merged[f"{column}_spark"].isna()).all(), column


def test_the_dialects_differ_only_in_parameters_and_the_respondents_relation():
    context = {"questions": ["internet_3m", "hh_internet"], "person_questions": ["internet_3m"],
               "household_questions": ["hh_internet"], "proven_answers": ["owns_mobile"], "all_ids_unique": False,
               "consistent_households": False, "held_back": True, "whole_ages": False,
               "one_urbanisation_per_psu": False}
    for name in ("rounds.sql", "household_values.sql", "households.sql", "flagged_rows.sql", "quarantine.sql",
                 "cells.sql", "split_psus.sql", "strata.sql", "strata_long.sql", "estimate.sql"):
        duck = statements.render(name, statements.DUCKDB, **context)
        spark = statements.render(name, statements.SPARK, **context)
        assert duck.replace("microdata($files)", "respondents").replace("$", ":") == spark, name
    assert "$max_age" in statements.render("quarantine.sql", statements.DUCKDB, **context)
    assert ":max_age" in statements.render("quarantine.sql", statements.SPARK, **context)


def test_an_unknown_engine_is_an_error_naming_the_setting():
    with pytest.raises(MicrodataEngineError, match="engine: 'polars' is not an engine; choose one of duckdb, spark"):
        open_engine({"engine": "polars"})


def test_a_spark_that_cannot_start_is_an_error_naming_the_setting(tmp_path):
    """No Java: the session cannot start, and the error names spark.master; nothing falls back to DuckDB."""
    pytest.importorskip("pyspark", reason="PySpark is not installed: bash scripts/setup.sh installs it (extra spark)")
    code = ("from pipelines.microdata.spark_engine import session\n"
            "session({'master': 'local[1]', 'conf': {'spark.ui.enabled': 'false'}})\n")
    env = {"PATH": str(tmp_path), "JAVA_HOME": str(tmp_path / "no-java"), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert ("MicrodataEngineError: the Spark session did not start with pipelines/microdata/config.yaml, "
            "spark.master = 'local[1]'") in done.stderr
