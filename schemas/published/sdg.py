"""Published contracts of the ITU custodian SDG indicators: the long SDG table, gender parity, the aggregates with
their coverage, the economy values imputed for them, and the warnings on the SDG tables."""
from functools import partial

from schemas.fields import FIELDS, GROUP, Column
from schemas.models import model
from schemas.published.aggregates import GROUP_NATURE, IMPUTED_INPUTS, SEX_WEIGHTED
from schemas.published.indicator_meta import indicator_table_meta

_published = partial(indicator_table_meta, "sdg")
SDG_INDICATOR = FIELDS["indicator"].but(description="SDG indicator")
SDG_SERIES = FIELDS["series"].but(description="Official SDG series code (IT_USE_ii99, IT_MOB_OWN, SE_ADT_ACTS, "
                                              "IT_NET_BBND, IT_NET_BBNDN, IT_MOB_2GNTWK ... IT_MOB_5GNTWK)")
AGGREGATES_ONLY = {"dtype": float, "nullable": True, "remark": "aggregates only"}

SdgIndicatorsPublished = model(
    "SdgIndicatorsPublished",
    ["release", SDG_INDICATOR.but(codelist=("4.4.1", "5.b.1", "9.c.1", "17.6.1", "17.8.1")), SDG_SERIES, "ref_area",
     "ref_area_m49", "area_type", "time_period", "sex", FIELDS["age"].but(remark="_T all ages in scope"),
     "urbanisation", "composite_breakdown", "obs_value",
     FIELDS["unit_measure"].but(codelist=("PERCENT", "PER_100_POP", "NUMBER")),
     FIELDS["nature"].but(remark="E estimated (trend-imputed inputs or rural estimate); M modelled (aggregates with "
                                 "imputed members)"),
     FIELDS["source"].but(remark="or how the value was derived"), "comment", "definition", "series_break",
     FIELDS["coverage_pct"].but(checks={}, **AGGREGATES_ONLY), FIELDS["economies_reported"].but(**AGGREGATES_ONLY),
     FIELDS["economies_imputed"].but(description="Members filled (sdg_imputed_inputs)", **AGGREGATES_ONLY),
     "provenance"],
    _published("sdg_indicators", "ITU custodian SDG indicators",
               "SDG 4.4.1, 5.b.1, 9.c.1, 17.6.1 and 17.8.1 for economies, by sex, age, urbanisation, skill and speed, "
               "and population-weighted aggregates (world, ITU regions, LDC/LLDC/SIDS, income groups) where "
               "reporting economies cover at least the configured population share. Indicator metadata: "
               "indicators/sdg/*.yaml.",
               ["indicator", "series", "ref_area", "time_period", "sex", "age", "urbanisation", "composite_breakdown"],
               "sdg_indicators") | {"figures": [{"value": "obs_value", "sex": "sex", "age": "age",
                                                 "urbanisation": "urbanisation", "breakdown": "composite_breakdown",
                                                 "sdg_codes": True}]},
    module=__name__)

GenderParityPublished = model(
    "GenderParityPublished",
    ["release", SDG_INDICATOR, SDG_SERIES, "ref_area", "ref_area_m49", "area_type", "time_period", "age",
     "urbanisation", "composite_breakdown",
     Column("female", float, "Female value"),
     Column("male", float, "Male value"),
     FIELDS["unit_measure"].but(remark="of female and male values"),
     Column("parity_score", float, "Gender parity score = female / male", nullable=True),
     Column("parity_band", str, "ITU bands: parity when 0.98 <= score <= 1.02",
            ("disparity_favouring_men", "parity", "disparity_favouring_women"), nullable=True),
     Column("near_parity", bool, "0.95 <= score < 0.98 ('almost achieved')"),
     Column("gender_gap_pct", float, "(male - female) / male x 100 (ITU to 2019)", nullable=True),
     Column("gap_persons", float, "17.8.1, all ages: male users - female users, from total population by sex "
                                  "(approximate when the survey's age scope is narrower)", nullable=True),
     FIELDS["nature"].but(remark="of the pair (E when female and male differ)"), "definition", "series_break"],
    _published("gender_parity", "Gender parity in the SDG ICT indicators",
               "Every SDG value reported for both women and men, with the gender parity score and ITU's bands.",
               ["indicator", "series", "ref_area", "time_period", "age", "urbanisation", "composite_breakdown"],
               "gender_parity"),
    module=__name__)

SdgAggregatesPublished = model(
    "SdgAggregatesPublished",
    ["release", SDG_INDICATOR, SDG_SERIES, GROUP, "ref_area_m49", "time_period", SEX_WEIGHTED,
     FIELDS["obs_value"].but(description="Population-weighted value over every member, after filling"),
     FIELDS["unit_measure"].but(codelist=("PERCENT", "PER_100_POP")), "coverage_pct", "economies_total",
     "economies_reported", FIELDS["economies_imputed"].but(description="Members filled (sdg_imputed_inputs)"),
     GROUP_NATURE, FIELDS["low_coverage"].but(remark="the value is published all the same"), "membership_vintage",
     "population_source", FIELDS["comment"].but(nullable=False)],
    _published("sdg_aggregates", "SDG aggregates with coverage",
               "Every aggregate of the one aggregation engine (indicators/aggregates) for the SDG series, with "
               "coverage, fill counts and the membership and population vintages.",
               ["series", "ref_area", "time_period", "sex"], "sdg_aggregates") | {
        "figures": [{"value": "obs_value", "sex": "sex", "sdg_codes": True}]},
    module=__name__)

# imputed_inputs for the SDG series only, under their SDG codes
SdgImputedInputsPublished = model(
    "SdgImputedInputsPublished", IMPUTED_INPUTS,
    _published("sdg_imputed_inputs", "Economy values imputed for SDG aggregates",
               "Inputs the aggregates needed but no economy reported; never published as country values.",
               ["series", "sex", "ref_area", "time_period"], "economy_fill"),
    module=__name__)

SdgFindingsPublished = model(
    "SdgFindingsPublished",
    ["release", SDG_INDICATOR,
     FIELDS["rule"].but(codelist=("rate_disagrees_with_count", "newer_technology_above_older"),
                        remark="a warning rule"),
     "ref_area", "time_period", FIELDS["series"].but(description="SDG series code"),
     FIELDS["obs_value"].but(description="Value flagged"), "detail",
     FIELDS["provenance"].but(description="Raw file:line of the values compared")],
    _published("sdg_findings", "Warnings on the SDG indicators",
               "17.6.1 reported rate vs the rate derived from the count (> 2%), 9.c.1 newer technology above older.",
               ["indicator", "rule", "ref_area", "series", "time_period"], "sdg_findings"),
    module=__name__)
