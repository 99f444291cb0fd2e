"""methodology_parameters publishes every {value, status, source} of the configuration files, as the files give it,
and never marks a project choice as settled."""
import json

import pytest
import yaml

from indicators.catalog.methodology import compute, configuration_files
from indicators.loader import INDICATORS_DIR, publications
from pipelines.core.sex_consistency import RULES
from pipelines.microdata.estimator import CONFIG as MICRODATA_CONFIG
from schemas.methodology import STATUSES
from schemas.published.methodology import MethodologyParametersPublished


@pytest.fixture(scope="module")
def table():
    return compute(None, {"indicators_root": str(INDICATORS_DIR)}).set_index(["file", "parameter"])


def _values_in(raw) -> int:
    """Mappings with a `value` key anywhere in a YAML tree: each is a methodology parameter."""
    if isinstance(raw, dict):
        return ("value" in raw) or sum(_values_in(v) for v in raw.values())
    return sum(_values_in(v) for v in raw) if isinstance(raw, list) else 0


def test_every_parameter_of_every_configuration_file_is_published(table):
    files = configuration_files(INDICATORS_DIR)
    assert {MICRODATA_CONFIG, RULES} <= {f for f, _ in files}
    expected = {f"{p.relative_to(base).as_posix()}": _values_in(yaml.safe_load(p.read_text(encoding="utf-8")))
                for p, base in files}
    published = table.groupby(level="file").size().to_dict()
    assert published == {f: n for f, n in expected.items() if n}
    assert sum(published.values()) == 101
    assert table.index.is_unique


def test_values_and_statuses_are_the_files(table):
    def row(file, parameter):
        return tuple(table.loc[(file, parameter), ["family", "value", "status"]])
    assert row("indicators/aggregates/aggregates.yaml", "params.low_coverage_pct") == ("aggregates", "50", "unconfirmed")
    assert row("indicators/aggregates/economy_fill.yaml", "params.trend.damping") == ("aggregates", "0.7", "unconfirmed")
    assert row("indicators/aggregates/economy_fill.yaml", "params.trend.scale") == (
        "aggregates", '{"share": "logit", "rate": "log", "level": "log"}', "unconfirmed")
    assert row("indicators/sdg/sdg_17_8_1.yaml", "params.last_12_month_year") == ("sdg", "2013", "confirmed")
    assert row("indicators/sdg/sdmx.yaml", "dataflow") == ("sdg", "IAEG-SDGs:DF_SDG_GLH(1.12)", "secondary")
    assert row("indicators/baskets/definitions.yaml", "rules.month_days") == ("baskets", "30", "unconfirmed")
    assert row("indicators/baskets/definitions.yaml", "rules.call_mix") == ("baskets", "null", "unconfirmed")
    assert row("indicators/idi/editions/2017.yaml", "sub_indices.access.weight") == ("idi", "0.4", "confirmed")
    assert row("pipelines/microdata/config.yaml", "quality.max_cv") == ("microdata", "0.3", "unconfirmed")
    assert row("pipelines/core/staging_rules.yaml", "sex_total_tolerance") == ("core", "0.01", "unconfirmed")
    bands = table.loc[("pipelines/microdata/config.yaml", "age_groups.bands")]
    assert (json.loads(bands["value"])["Y_GE75"], bands["status"]) == ([75, None], "secondary")


def test_every_value_has_a_status_and_a_source_and_no_project_choice_is_settled(table):
    assert table["status"].isin(STATUSES).all() and (table["source"].str.strip() != "").all()
    choices = table[table["source"].str.startswith("project choice")]
    assert len(choices) >= 15 and (choices["status"] == "unconfirmed").all()


def test_the_table_is_published_through_its_spec_and_meets_its_contract(table):
    assert publications()["methodology_parameters"].contract == \
        "schemas.published.methodology:MethodologyParametersPublished"
    frame = table.reset_index()[["family", "file", "parameter", "value", "status", "source"]].assign(release="r")
    MethodologyParametersPublished.to_schema().validate(frame)
