"""Published contracts of the ITU custodian SDG indicators: the long SDG table, gender parity, the aggregates with
their coverage, the economy values imputed for them, and the warnings on the SDG tables."""
from functools import partial

import pandera.pandas as pa
from pandera.typing import Series

from schemas.published.aggregates import ImputedInputsPublished
from schemas.published.indicator_meta import indicator_table_meta

NATURES = ["C", "CA", "E", "G", "M", "N"]
_published = partial(indicator_table_meta, "sdg")


class SdgIndicatorsPublished(pa.DataFrameModel):
    release: Series[str] = pa.Field(description="Release")
    indicator: Series[str] = pa.Field(isin=["4.4.1", "5.b.1", "9.c.1", "17.6.1", "17.8.1"], description="SDG indicator")
    series: Series[str] = pa.Field(description="Official SDG series code (IT_USE_ii99, IT_MOB_OWN, SE_ADT_ACTS, "
                                               "IT_NET_BBND, IT_NET_BBNDN, IT_MOB_2GNTWK ... IT_MOB_5GNTWK)")
    ref_area: Series[str] = pa.Field(description="ISO3 for economies; group code (WLD, ITU_AFR, LDC, WB_HIC...) "
                                                 "for aggregates")
    ref_area_m49: Series[float] = pa.Field(nullable=True, description="UN M49 code (none for ITU regions and "
                                                                      "income groups)")
    area_type: Series[str] = pa.Field(isin=["economy", "aggregate"], description="economy or aggregate")
    time_period: Series[int] = pa.Field(description="Year")
    sex: Series[str] = pa.Field(isin=["_T", "F", "M"], description="SDMX sex code")
    age: Series[str] = pa.Field(description="SDMX age code (_T all ages in scope)")
    urbanisation: Series[str] = pa.Field(isin=["_T", "U", "R"], description="SDMX urbanisation code")
    composite_breakdown: Series[str] = pa.Field(description="Skill (SKILL_ICT...) or speed (IS_...) code, _T otherwise")
    obs_value: Series[float] = pa.Field(description="Value")
    unit_measure: Series[str] = pa.Field(isin=["PERCENT", "PER_100_POP", "NUMBER"], description="Unit")
    nature: Series[str] = pa.Field(isin=NATURES, description="C country data; E estimated (trend-imputed inputs or "
                                   "rural estimate); M modelled (aggregates with imputed members)")
    source: Series[str] = pa.Field(nullable=True, description="Source as reported, or how the value was derived")
    comment: Series[str] = pa.Field(nullable=True, description="Footnote, derivation or series-break note")
    definition: Series[str] = pa.Field(description="Definition in force (e.g. reference_12_months, "
                                                   "skills_computer_activities_to_2019, derived_from_count_and_population)")
    series_break: Series[bool] = pa.Field(description="True when the value uses an earlier definition than the "
                                                      "current one (17.8.1 to 2013, 4.4.1 to 2019)")
    coverage_pct: Series[float] = pa.Field(nullable=True, description="Aggregates: population share of members that "
                                                                      "reported")
    economies_reported: Series[float] = pa.Field(nullable=True, description="Aggregates: members that reported")
    economies_imputed: Series[float] = pa.Field(nullable=True, description="Aggregates: members imputed "
                                                                           "(sdg_imputed_inputs)")
    provenance: Series[str] = pa.Field(description="Raw file:line the value came from, or the derivation")

    class Config:
        strict = True
        coerce = True
        metadata = _published(
            "sdg_indicators", "ITU custodian SDG indicators",
            "SDG 4.4.1, 5.b.1, 9.c.1, 17.6.1 and 17.8.1 for economies, by sex, age, urbanisation, skill and speed, "
            "and population-weighted aggregates (world, ITU regions, LDC/LLDC/SIDS, income groups) where reporting "
            "economies cover at least the configured population share. Indicator metadata: indicators/sdg/*.yaml.",
            ["indicator", "series", "ref_area", "time_period", "sex", "age", "urbanisation", "composite_breakdown"],
            "sdg_indicators") | {"figures": [{"value": "obs_value", "sex": "sex", "age": "age",
                                              "urbanisation": "urbanisation", "breakdown": "composite_breakdown",
                                              "sdg_codes": True}]}


class GenderParityPublished(pa.DataFrameModel):
    release: Series[str] = pa.Field(description="Release")
    indicator: Series[str] = pa.Field(description="SDG indicator")
    series: Series[str] = pa.Field(description="SDG series code")
    ref_area: Series[str] = pa.Field(description="Economy ISO3 or group code")
    ref_area_m49: Series[float] = pa.Field(nullable=True, description="UN M49 code")
    area_type: Series[str] = pa.Field(isin=["economy", "aggregate"], description="economy or aggregate")
    time_period: Series[int] = pa.Field(description="Year")
    age: Series[str] = pa.Field(description="SDMX age code")
    urbanisation: Series[str] = pa.Field(isin=["_T", "U", "R"], description="SDMX urbanisation code")
    composite_breakdown: Series[str] = pa.Field(description="Skill or speed code, _T otherwise")
    female: Series[float] = pa.Field(description="Female value")
    male: Series[float] = pa.Field(description="Male value")
    unit_measure: Series[str] = pa.Field(description="Unit of female and male values")
    parity_score: Series[float] = pa.Field(nullable=True, description="Gender parity score = female / male")
    parity_band: Series[str] = pa.Field(nullable=True, isin=["disparity_favouring_men", "parity",
                                                             "disparity_favouring_women"],
                                        description="ITU bands: parity when 0.98 <= score <= 1.02")
    near_parity: Series[bool] = pa.Field(description="0.95 <= score < 0.98 ('almost achieved')")
    gender_gap_pct: Series[float] = pa.Field(nullable=True, description="(male - female) / male x 100 (ITU to 2019)")
    gap_persons: Series[float] = pa.Field(nullable=True, description="17.8.1, all ages: male users - female users, "
                                          "from total population by sex (approximate when the survey's age scope is "
                                          "narrower)")
    nature: Series[str] = pa.Field(isin=NATURES, description="Nature of the pair (E when female and male differ)")
    definition: Series[str] = pa.Field(description="Definition in force")
    series_break: Series[bool] = pa.Field(description="Earlier definition than the current one")

    class Config:
        strict = True
        coerce = True
        metadata = _published(
            "gender_parity", "Gender parity in the SDG ICT indicators",
            "Every SDG value reported for both women and men, with the gender parity score and ITU's bands.",
            ["indicator", "series", "ref_area", "time_period", "age", "urbanisation", "composite_breakdown"],
            "gender_parity")


class SdgAggregatesPublished(pa.DataFrameModel):
    release: Series[str] = pa.Field(description="Release")
    indicator: Series[str] = pa.Field(description="SDG indicator")
    series: Series[str] = pa.Field(description="SDG series code")
    ref_area: Series[str] = pa.Field(description="Group code (pipelines/reference/groups.csv)")
    ref_area_m49: Series[float] = pa.Field(nullable=True, description="UN M49 code of the group, when it has one")
    time_period: Series[int] = pa.Field(description="Year")
    sex: Series[str] = pa.Field(isin=["_T", "F", "M"], description="Sex (F/M weighted by population by sex)")
    obs_value: Series[float] = pa.Field(description="Population-weighted value over every member, after filling")
    unit_measure: Series[str] = pa.Field(isin=["PERCENT", "PER_100_POP"], description="Unit")
    coverage_pct: Series[float] = pa.Field(ge=0, le=100.000001, description="Population share of members that "
                                                                           "reported")
    economies_total: Series[int] = pa.Field(description="Members with a population for the year")
    economies_reported: Series[int] = pa.Field(description="Members that reported")
    economies_imputed: Series[int] = pa.Field(description="Members filled (sdg_imputed_inputs)")
    nature: Series[str] = pa.Field(isin=["E", "M"], description="E every member reported; M some filled")
    low_coverage: Series[bool] = pa.Field(description="This project's flag (not an ITU rule): reporting members hold "
                                                      "less than low_coverage_pct of the population; the value is "
                                                      "published all the same")
    membership_vintage: Series[str] = pa.Field(description="Vintage of the group membership used (ITU 2025)")
    population_source: Series[str] = pa.Field(description="Population series and vintage used as weights")
    comment: Series[str] = pa.Field(description="How the value was obtained")

    class Config:
        strict = True
        coerce = True
        metadata = _published(
            "sdg_aggregates", "SDG aggregates with coverage",
            "Every aggregate of the one aggregation engine (indicators/aggregates) for the SDG series, with coverage, "
            "fill counts and the membership and population vintages.",
            ["series", "ref_area", "time_period", "sex"], "sdg_aggregates") | {
                "figures": [{"value": "obs_value", "sex": "sex", "sdg_codes": True}]}


class SdgImputedInputsPublished(ImputedInputsPublished):
    """imputed_inputs for the SDG series only, under their SDG codes."""

    class Config:
        strict = True
        coerce = True
        metadata = _published(
            "sdg_imputed_inputs", "Economy values imputed for SDG aggregates",
            "Inputs the aggregates needed but no economy reported; never published as country values.",
            ["series", "sex", "ref_area", "time_period"], "economy_fill")


class SdgFindingsPublished(pa.DataFrameModel):
    release: Series[str] = pa.Field(description="Release")
    indicator: Series[str] = pa.Field(description="SDG indicator")
    rule: Series[str] = pa.Field(isin=["rate_disagrees_with_count", "newer_technology_above_older"],
                                 description="Warning rule")
    ref_area: Series[str] = pa.Field(description="Economy ISO3")
    time_period: Series[int] = pa.Field(description="Year")
    series: Series[str] = pa.Field(description="SDG series code")
    obs_value: Series[float] = pa.Field(description="Value flagged")
    detail: Series[str] = pa.Field(description="Why")
    provenance: Series[str] = pa.Field(description="Raw file:line of the values compared")

    class Config:
        strict = True
        coerce = True
        metadata = _published(
            "sdg_findings", "Warnings on the SDG indicators",
            "17.6.1 reported rate vs the rate derived from the count (> 2%), 9.c.1 newer technology above older.",
            ["indicator", "rule", "ref_area", "series", "time_period"], "sdg_findings")
