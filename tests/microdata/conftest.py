"""Microdata fixtures: one local Spark session for the whole test session (starting one takes seconds)."""
import pytest

from pipelines.microdata import estimator


@pytest.fixture(scope="session")
def spark_config():
    """The estimator's configuration with engine: spark on local[2] (config.yaml's own Spark settings), its session
    started once. CI installs PySpark and Java (scripts/setup.sh); elsewhere the Spark tests say what is missing."""
    pytest.importorskip("pyspark", reason="PySpark is not installed: bash scripts/setup.sh installs it (extra spark)")
    from pipelines.microdata.spark_engine import session

    config = dict(estimator.load_config()) | {"engine": "spark"}
    spark = session(config["spark"])
    yield config
    spark.stop()
