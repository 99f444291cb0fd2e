"""Published contracts of the one aggregation engine (indicators/aggregates): every group aggregate of every
aggregated series with its coverage and vintages, and every economy value filled to compute them."""
from functools import partial

import pandera.pandas as pa
from pandera.typing import Series

from schemas.published.indicator_meta import indicator_table_meta
_published = partial(indicator_table_meta, "aggregates")
FILL_METHODS = ["interpolated", "extrapolated", "backcast", "carried", "hot_deck_gni", "region_median",
                "own_sex_ratio", "region_sex_ratio", "scaled_to_total"]


class AggregatesPublished(pa.DataFrameModel):
    release: Series[str] = pa.Field(description="Release")
    series: Series[str] = pa.Field(description="Project series code (pipelines/reference/series.csv); POP_TOTAL "
                                               "rows are the group's population, a sum")
    sex: Series[str] = pa.Field(isin=["_T", "F", "M"], description="Sex (F/M weighted by population by sex)")
    ref_area: Series[str] = pa.Field(description="Group code (pipelines/reference/groups.csv)")
    ref_area_m49: Series[float] = pa.Field(nullable=True, description="UN M49 code of the group, when it has one")
    time_period: Series[int] = pa.Field(description="Year")
    obs_value: Series[float] = pa.Field(description="Population-weighted mean over every member after filling")
    population: Series[float] = pa.Field(ge=0, description="Population of the members weighted (the denominator)")
    coverage_pct: Series[float] = pa.Field(ge=0, le=100.000001, description="Population share of members that "
                                                                           "reported")
    economies_total: Series[int] = pa.Field(description="Members with a population for the year")
    economies_reported: Series[int] = pa.Field(description="Members that reported")
    economies_imputed: Series[int] = pa.Field(description="Members filled (imputed_inputs)")
    nature: Series[str] = pa.Field(isin=["E", "M"], description="E every member reported; M some filled")
    low_coverage: Series[bool] = pa.Field(description="This project's flag (not an ITU rule): reporting members hold "
                                                      "less than low_coverage_pct of the population")
    membership_vintage: Series[str] = pa.Field(description="Vintage of the group membership used (ITU 2025)")
    population_source: Series[str] = pa.Field(description="Population series and vintage used as weights")
    comment: Series[str] = pa.Field(description="How the value was obtained")

    class Config:
        strict = True
        coerce = True
        metadata = _published(
            "aggregates", "Regional and world aggregates",
            "World, ITU-region, LDC/LLDC/SIDS and income-group values of every aggregated series, from the one "
            "aggregation engine: ITU's membership, every member filled first, population weights. SDG, WSIS and the "
            "profiles show these values.", ["series", "ref_area", "time_period", "sex"]) | {
                "figures": [{"value": "obs_value", "sex": "sex"}]}


class ImputedInputsPublished(pa.DataFrameModel):
    release: Series[str] = pa.Field(description="Release")
    series: Series[str] = pa.Field(description="Series code (the project's; the SDG code in sdg_imputed_inputs)")
    sex: Series[str] = pa.Field(isin=["_T", "F", "M"], description="Sex")
    ref_area: Series[str] = pa.Field(description="Economy ISO3")
    time_period: Series[int] = pa.Field(description="Year")
    obs_value: Series[float] = pa.Field(description="Filled value, used only inside aggregates")
    method: Series[str] = pa.Field(isin=FILL_METHODS, description="How it was filled (indicators/aggregates/fill.py)")
    donor: Series[str] = pa.Field(nullable=True, description="hot_deck_gni: the economy whose value was taken")
    nature: Series[str] = pa.Field(isin=["E", "M"], description="E from the economy's own series, M from other "
                                                                "economies; never country data")

    class Config:
        strict = True
        coerce = True
        metadata = _published(
            "imputed_inputs", "Economy values filled for the aggregates",
            "Every economy value the aggregates needed that the economy did not report, with the method; never "
            "published as a country value.", ["series", "sex", "ref_area", "time_period"], "economy_fill")
