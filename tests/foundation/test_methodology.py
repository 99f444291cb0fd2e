"""Methodology parameters in one form, {value, status, source}, for the IDI editions and the basket rules."""
import pytest

from indicators.baskets.definitions import catalogue
from schemas.idi_editions import load_edition
from schemas.methodology import STATUSES, Param, param


def test_param_reads_value_status_source_and_names_the_key_when_one_is_missing():
    assert param({"value": 0.2, "status": "confirmed", "source": "MIS2011"}, "x") == Param(0.2, "confirmed", "MIS2011")
    with pytest.raises(ValueError, match=r"f.yaml: rules.month_days: a parameter needs value, status "
                                         r"\(confirmed\|secondary\|unconfirmed\)"):
        param({"value": 30}, "f.yaml: rules.month_days")
    with pytest.raises(ValueError, match=r"\(confirmed\|unconfirmed\)"):
        param({"value": 30, "status": "secondary"}, "idi", statuses=("confirmed", "unconfirmed"))


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
