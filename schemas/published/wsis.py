"""Published contracts of WSIS targets monitoring: `wsis_targets`, `wsis_availability`, `wsis_indicators`."""
import pandera.pandas as pa
from pandera.typing import Series

from schemas.published.indicator_meta import indicator_table_meta

STATUSES = ["confirmed", "recalled"]
MEASURE_STATUSES = ["direct", "recalled", "project_choice"]
MEASURE_TEXT = ("Whether the series is known to measure the indicator: direct (the series is the indicator as "
                "titled), recalled (the link is not confirmed, e.g. the Online Service Index for 6.5), project_choice "
                "(the project's own measure; see measure_note in wsis_indicators)")


class WsisTargetsPublished(pa.DataFrameModel):
    target: Series[int] = pa.Field(ge=1, le=10, description="WSIS target (Geneva Plan of Action, paragraph 6)")
    target_title: Series[str] = pa.Field(description="Target as worded in the 2014 review (status in wsis_indicators)")
    indicator: Series[str] = pa.Field(description="Indicator code within the target (indicators/wsis/targets.yaml)")
    indicator_title: Series[str] = pa.Field(description="Indicator")
    indicator_status: Series[str] = pa.Field(isin=STATUSES, description="confirmed, or recalled: not yet checked "
                                             "against the 2011 framework tables (METHODOLOGY 5)")
    measure_status: Series[str] = pa.Field(isin=MEASURE_STATUSES, description=MEASURE_TEXT)
    breakdown: Series[str] = pa.Field(description="Technology (2G, 3G, 4G) for rural coverage, ISCED level for "
                                                  "schools by level, else _T")
    ref_area: Series[str] = pa.Field(description="Economy ISO3, or group code (WLD, ITU_AFR, LDC, WB_HIC ...)")
    is_aggregate: Series[bool] = pa.Field(description="True for a group aggregate")
    time_period: Series[int] = pa.Field(description="Year")
    value: Series[float] = pa.Field(ge=0, description="Indicator value")
    unit: Series[str] = pa.Field(description="PERCENT, PER_100_POP or INDEX (0-1, E-Government Survey)")
    nature: Series[str] = pa.Field(isin=["C", "CA", "E", "G", "M", "N"],
                                   description="Economies: as staged or as sdg_indicators has it (C country data, E "
                                               "estimated, G the E-Government Survey's indices); aggregates: as "
                                               "sdg_indicators has them for Internet use, else E")
    economies_reporting: Series[int] = pa.Field(ge=0, description="Economies that reported behind the value (1 for an "
                                                                 "economy)")
    population_share: Series[float] = pa.Field(nullable=True, ge=0, le=1.0000001,
                                               description="Aggregates: share of the group's population living in "
                                                           "reporting economies (the project's own aggregates are "
                                                           "published from 0.5, an unconfirmed project threshold; "
                                                           "Internet use as sdg_indicators publishes it); null for "
                                                           "economies")
    base_year: Series[int] = pa.Field(description="Earliest year with a value for this indicator and area")
    base_value: Series[float] = pa.Field(description="Value in base_year")
    progress: Series[float] = pa.Field(description="value - base_value (percentage points or per 100)")
    source: Series[str] = pa.Field(description="Source as staged, or how the value was computed")
    release: Series[str] = pa.Field(description="Release")

    class Config:
        strict = True
        coerce = True
        metadata = indicator_table_meta(
            "wsis", "wsis_targets", "WSIS targets monitoring",
            "WSIS target indicators measurable from the staged data (rural mobile coverage from SDG 9.c.1; schools, "
            "libraries, hospitals and government with Internet from country submissions and SDG 4.a.1; the UN "
            "E-Government Survey's Online Service Index and EGDI; households with radio/TV; mobile subscriptions; "
            "Internet use as SDG 17.8.1 publishes it), per economy and year, with population-weighted aggregates and "
            "progress since the earliest year. Most indicator definitions are recalled, not confirmed "
            "(indicator_status), and so is the Online Service Index as the measure of 6.5 (measure_status).",
            ["target", "indicator", "breakdown", "ref_area", "time_period"]) | {"figures": [
                {"value": "value", "series": f"={series}", "where": {"indicator": code}}
                for code, series in (("8.1", "HH_RADIO_PCT"), ("8.2", "HH_TV_PCT"), ("10.1", "MOB_SUBS_P100"),
                                     ("10.2", "INET_USERS_PCT"))]}


class WsisAvailabilityPublished(pa.DataFrameModel):
    target: Series[int] = pa.Field(ge=1, le=10, description="WSIS target")
    target_title: Series[str] = pa.Field(description="Target")
    time_period: Series[int] = pa.Field(description="Year")
    indicators_defined: Series[int] = pa.Field(ge=1, description="Indicators in the catalogue for the target")
    indicators_computable: Series[int] = pa.Field(ge=0, description="Of which the project can compute")
    indicators_with_data: Series[int] = pa.Field(ge=0, description="Of which have at least one economy value")
    economies_reporting: Series[int] = pa.Field(ge=0, description="Economies with a value for any of its indicators")
    release: Series[str] = pa.Field(description="Release")

    class Config:
        strict = True
        coerce = True
        metadata = indicator_table_meta(
            "wsis", "wsis_availability", "WSIS targets data availability",
            "Per target and year: indicators defined, computable and with data, and economies reporting.",
            ["target", "time_period"])


class WsisIndicatorsPublished(pa.DataFrameModel):
    target: Series[int] = pa.Field(ge=1, le=10, description="WSIS target")
    target_title: Series[str] = pa.Field(description="Target")
    target_title_status: Series[str] = pa.Field(isin=STATUSES, description="Status of the target wording")
    indicator: Series[str] = pa.Field(description="Indicator code within the target")
    indicator_title: Series[str] = pa.Field(description="Indicator")
    indicator_status: Series[str] = pa.Field(isin=STATUSES, description="Status of the indicator (METHODOLOGY 5)")
    computed: Series[str] = pa.Field(isin=["series", "sdg", "rural_coverage", "none"],
                                     description="How the project measures it: series (staged), sdg (as "
                                                 "sdg_indicators publishes it), rural_coverage (rural rows of "
                                                 "sdg_9_c_1); none: no data source yet")
    series: Series[str] = pa.Field(nullable=True, description="Project series measured")
    breakdown: Series[str] = pa.Field(description="Technology for rural coverage, ISCED level for schools by level, "
                                                  "else _T")
    unit: Series[str] = pa.Field(nullable=True, description="Unit")
    source_type: Series[str] = pa.Field(nullable=True, description="administrative, household_survey or composite")
    aggregate: Series[str] = pa.Field(nullable=True, isin=["population_weighted", "sdg", "none"],
                                      description="Aggregation rule (sdg: the SDG family's aggregates)")
    measure_status: Series[str] = pa.Field(nullable=True, isin=MEASURE_STATUSES, description=MEASURE_TEXT)
    measure_note: Series[str] = pa.Field(nullable=True, description="Why the series measures the indicator, where "
                                                                    "it is not direct")
    release: Series[str] = pa.Field(description="Release")

    class Config:
        strict = True
        coerce = True
        metadata = indicator_table_meta(
            "wsis", "wsis_indicators", "WSIS targets and indicators",
            "The ten WSIS targets and their indicators with status marks and how each is measured.",
            ["target", "indicator", "breakdown"])
