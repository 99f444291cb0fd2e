"""Methodology parameters in one form, {value, status, source}: read through schemas.methodology everywhere (spec
params, IDI editions, basket rules, SDMX settings, the microdata config); one that loses its status or source stops
the read, naming file and key."""
import pytest

from indicators.baskets.definitions import catalogue
from schemas.idi_editions import load_edition
from indicators.loader import load_specs
from indicators.sdg import sdmx
from pipelines.core.sex_consistency import sex_total_tolerance
from pipelines.microdata import estimator
from schemas.methodology import STATUSES, Param, param, parameters, values


def test_param_reads_value_status_source_and_names_the_key_when_one_is_missing():
    assert param({"value": 0.2, "status": "confirmed", "source": "MIS2011"}, "x") == Param(0.2, "confirmed", "MIS2011")
    with pytest.raises(ValueError, match=r"f.yaml: rules.month_days: a parameter needs value, status "
                                         r"\(confirmed\|secondary\|unconfirmed\)"):
        param({"value": 30}, "f.yaml: rules.month_days")
    with pytest.raises(ValueError, match=r"\(confirmed\|unconfirmed\)"):
        param({"value": 30, "status": "secondary"}, "idi", statuses=("confirmed", "unconfirmed"))
    with pytest.raises(ValueError, match="needs value, status"):
        param({"value": 30, "status": "confirmed", "source": " "}, "f.yaml: x")   # a blank source is no source


def test_a_tree_gives_its_parameters_by_dotted_name_and_its_values_in_place():
    raw = {"rules": {"cap": {"value": 2, "status": "secondary", "source": "s"}, "plain": "kept"},
           "items": [{"code": "a", "weight": {"value": 0.5, "status": "confirmed", "source": "t"}}, {"title": "x"}]}
    assert parameters(raw, "f.yaml") == {"rules.cap": Param(2, "secondary", "s"),
                                         "items.a.weight": Param(0.5, "confirmed", "t")}
    assert values(raw, "f.yaml") == {"rules": {"cap": 2, "plain": "kept"},
                                     "items": [{"code": "a", "weight": 0.5}, {"title": "x"}]}
    with pytest.raises(ValueError, match=r"f.yaml: items.a.weight: a parameter needs"):
        parameters({"items": [{"code": "a", "weight": {"value": 0.5, "source": "t"}}]}, "f.yaml")
    with pytest.raises(ValueError, match=r"f.yaml: items.a.weight: a parameter needs"):   # the same walk and name
        values({"items": [{"code": "a", "weight": {"value": 0.5, "source": "t"}}]}, "f.yaml")


def test_a_spec_param_that_loses_its_status_stops_loading_naming_file_and_key(tmp_path):
    family = tmp_path / "indicators" / "fam"
    family.mkdir(parents=True)
    (family / "x.sql").write_text("SELECT 1 AS one")
    (family / "x.yaml").write_text("kind: indicator\ntable: x\ntitle: X\nsql: x.sql\ndepends_on: []\n"
                                   "params:\n  cut: {value: 3, status: confirmed, source: s}\n")
    assert load_specs(tmp_path / "indicators")[0].params == {"cut": 3}
    (family / "x.yaml").write_text("kind: indicator\ntable: x\ntitle: X\nsql: x.sql\ndepends_on: []\n"
                                   "params:\n  cut: {value: 3, source: s}\n")
    load_specs.cache_clear()
    with pytest.raises(ValueError, match=r"x.yaml: params.cut: a parameter needs value, status"):
        load_specs(tmp_path / "indicators")


def test_the_code_reads_the_values_of_the_configuration():
    specs = {s.table: s for s in load_specs()}
    assert specs["economy_fill"].params["trend"] == {"trend_points": 5, "damping": 0.7, "max_extrapolation_years": 5,
                                                     "scale": {"share": "logit", "rate": "log", "level": "log"}}
    assert specs["economy_fill"].params["sex_total_tolerance"] == 0.02   # was fill.SEX_TOTAL_TOLERANCE
    assert sex_total_tolerance() == 0.01   # was sex_consistency.SEX_TOTAL_TOLERANCE
    assert specs["aggregates"].params == {"low_coverage_pct": 50}
    assert specs["gender_parity"].params == {"parity_low": 0.98, "parity_high": 1.02, "near_parity_low": 0.95}
    assert (sdmx.config()["dataflow"], sdmx.config()["reporting_type"]) == ("IAEG-SDGs:DF_SDG_GLH(1.12)", "G")
    config = estimator.load_config()
    assert config["quality"] == {"min_respondents": 50, "max_cv": 0.30, "action": "flag"}
    assert config["age_groups"]["bands"]["Y_GE75"] == [75, None]
    assert (estimator.config_statuses("quality"), estimator.config_statuses("age_groups")) == \
        ("unconfirmed", "secondary")


def test_basket_rules_and_idi_parameters_share_the_form():
    rules = catalogue().rules
    assert set(rules.status.values()) <= set(STATUSES)
    # definitions.yaml: month_days {value: 30, status: unconfirmed}; speed_floor_kbps {value: 256, status: secondary}
    assert (rules.month_days, rules.status["month_days"]) == (30, "unconfirmed")
    assert (rules.speed_floor_kbps, rules.status["speed_floor_kbps"]) == (256, "secondary")
    assert rules.notes["month_days"].startswith("days in the month prices are normalised to")
    edition = load_edition("2017")   # editions/2017.yaml: scale {value: 10, status: unconfirmed}
    assert edition.scale == Param(10, "unconfirmed", edition.scale.source)
    assert "x10 inferred" in edition.scale.source
