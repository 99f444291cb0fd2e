"""Published contracts of WSIS targets monitoring: `wsis_targets`, `wsis_availability`, `wsis_indicators`."""
from schemas.fields import FIELDS, Column
from schemas.models import model
from schemas.published.indicator_meta import indicator_table_meta

STATUSES = ("confirmed", "recalled")
COMPUTED = ("series", "sdg", "rural_coverage", "none")
AGGREGATES = ("population_weighted", "sdg", "none")
WSIS_INDICATOR = FIELDS["indicator"].but(description="Indicator code within the target "
                                                     "(indicators/wsis/targets.yaml)")
WSIS_BREAKDOWN = FIELDS["breakdown"].but(description="Technology (2G, 3G, 4G) for rural coverage, ISCED level for "
                                                     "schools by level, else _T")
INDICATOR_STATUS = FIELDS["indicator_status"].but(codelist=STATUSES, remark="recalled: not yet checked against the "
                                                                            "2011 framework tables (METHODOLOGY 5)")
SHORT_TITLE = FIELDS["target_title"].but(description="Target")

WsisTargetsPublished = model(
    "WsisTargetsPublished",
    ["target", "target_title", WSIS_INDICATOR, "indicator_title", INDICATOR_STATUS, "measure_status", WSIS_BREAKDOWN,
     "ref_area", Column("is_aggregate", bool, "True for a group aggregate"), "time_period",
     Column("value", float, "Indicator value", checks={"ge": 0}),
     Column("unit", str, "PERCENT, PER_100_POP or INDEX (0-1, E-Government Survey)"),
     FIELDS["nature"].but(remark="economies: as staged or as sdg_indicators has it (G the E-Government Survey's "
                                 "indices); aggregates: as sdg_indicators has them for Internet use, else E"),
     FIELDS["economies_reporting"].but(remark="1 for an economy"),
     Column("population_share", float, "Aggregates: share of the group's population living in reporting economies "
                                       "(every aggregate is published, as ITU has no coverage threshold; the "
                                       "aggregation engine flags low coverage below low_coverage_pct, a project "
                                       "choice listed in methodology_parameters); null for economies",
            nullable=True, checks={"ge": 0, "le": 1.0000001}),
     Column("base_year", int, "Earliest year with a value for this indicator and area"),
     Column("base_value", float, "Value in base_year"),
     Column("progress", float, "value - base_value (percentage points or per 100)"),
     FIELDS["source"].but(nullable=False, description="Source as staged, or how the value was computed"), "release"],
    indicator_table_meta(
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
                                 ("10.2", "INET_USERS_PCT"))]},
    module=__name__)

WsisAvailabilityPublished = model(
    "WsisAvailabilityPublished",
    ["target", SHORT_TITLE, "time_period",
     Column("indicators_defined", int, "Indicators in the catalogue for the target", checks={"ge": 1}),
     Column("indicators_computable", int, "Of which the project can compute", checks={"ge": 0}),
     Column("indicators_with_data", int, "Of which have at least one economy value", checks={"ge": 0}),
     FIELDS["economies_reporting"].but(description="Economies with a value for any of its indicators"), "release"],
    indicator_table_meta(
        "wsis", "wsis_availability", "WSIS targets data availability",
        "Per target and year: indicators defined, computable and with data, and economies reporting.",
        ["target", "time_period"]),
    module=__name__)

WsisIndicatorsPublished = model(
    "WsisIndicatorsPublished",
    ["target", SHORT_TITLE, Column("target_title_status", str, "Status of the target wording", STATUSES),
     WSIS_INDICATOR, "indicator_title", INDICATOR_STATUS,
     Column("computed", str, "How the project measures it: series (staged), sdg (as sdg_indicators publishes it), "
                             "rural_coverage (rural rows of sdg_9_c_1); none: no data source yet",
            COMPUTED),
     FIELDS["series"].but(nullable=True, remark="the series measuring the indicator"), WSIS_BREAKDOWN,
     Column("unit", str, "Unit", nullable=True),
     Column("source_type", str, "administrative, household_survey or composite", nullable=True),
     Column("aggregate", str, "Aggregation rule (sdg: the SDG family's aggregates)",
            AGGREGATES, nullable=True),
     FIELDS["measure_status"].but(nullable=True),
     Column("measure_note", str, "Why the series measures the indicator, where it is not direct", nullable=True),
     "release"],
    indicator_table_meta(
        "wsis", "wsis_indicators", "WSIS targets and indicators",
        "The ten WSIS targets and their indicators with status marks and how each is measured.",
        ["target", "indicator", "breakdown"]),
    module=__name__)
