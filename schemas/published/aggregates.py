"""Published contracts of the one aggregation engine (indicators/aggregates): every group aggregate of every
aggregated series with its coverage and vintages, and every economy value filled to compute them."""
from functools import partial

from schemas.fields import FIELDS, GROUP, Column
from schemas.models import model
from schemas.published.indicator_meta import indicator_table_meta

_published = partial(indicator_table_meta, "aggregates")
FILL_METHODS = ("interpolated", "extrapolated", "backcast", "carried", "hot_deck_gni", "region_median",
                "own_sex_ratio", "region_sex_ratio", "scaled_to_total")
GROUP_VALUE = FIELDS["obs_value"].but(description="Population-weighted mean over every member after filling")
GROUP_NATURE = FIELDS["nature"].but(codelist=("E", "M"), description="E every member reported; M some filled")
SEX_WEIGHTED = FIELDS["sex"].but(remark="F and M weighted by population by sex")

AggregatesPublished = model(
    "AggregatesPublished",
    ["release", FIELDS["series"].but(remark="POP_TOTAL rows are the group's population, a sum"), SEX_WEIGHTED, GROUP,
     "ref_area_m49", "time_period", GROUP_VALUE, "population", "coverage_pct", "economies_total",
     "economies_reported", "economies_imputed", GROUP_NATURE, "low_coverage", "membership_vintage",
     "population_source", FIELDS["comment"].but(nullable=False)],
    _published("aggregates", "Regional and world aggregates",
               "World, ITU-region, LDC/LLDC/SIDS and income-group values of every aggregated series, from the one "
               "aggregation engine: ITU's membership, every member filled first, population weights. SDG, WSIS and "
               "the profiles show these values.", ["series", "ref_area", "time_period", "sex"]) | {
        "figures": [{"value": "obs_value", "sex": "sex"}]},
    module=__name__)

IMPUTED_INPUTS = [
    "release", FIELDS["series"].but(remark="the SDG series code in sdg_imputed_inputs"), "sex", "ref_area",
    "time_period", FIELDS["obs_value"].but(description="Filled value, used only inside aggregates"),
    Column("method", str, "How it was filled (indicators/aggregates/fill.py)", FILL_METHODS), "donor",
    FIELDS["nature"].but(codelist=("E", "M"), description="E from the economy's own series, M from other economies; "
                                                          "never country data")]

ImputedInputsPublished = model(
    "ImputedInputsPublished", IMPUTED_INPUTS,
    _published("imputed_inputs", "Economy values filled for the aggregates",
               "Every economy value the aggregates needed that the economy did not report, with the method; never "
               "published as a country value.", ["series", "sex", "ref_area", "time_period"], "economy_fill"),
    module=__name__)
