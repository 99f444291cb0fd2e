"""Published contracts of the ICT price baskets: per-economy prices and group medians (the MISR price tables)."""
import pandas as pd

from schemas.fields import ECONOMY, FIELDS, Column
from schemas.methodology import STATUSES as METHODOLOGY_STATUSES
from schemas.models import model
from schemas.published.indicator_meta import indicator_table_meta

STATUSES = ("priced", "no_plan", "no_exchange_rate", "no_gni", "reported")
METHODS = ("computed", "reported")
NULLABLE_LINE = FIELDS["line"].but(dtype=pd.Int64Dtype, nullable=True)

PriceBasketsPublished = model(
    "PriceBasketsPublished",
    ["release", ECONOMY, FIELDS["time_period"].but(remark="of the tariffs"),
     FIELDS["basket"].but(remark="for computed and reported rows"),
     Column("method", str, "computed from tariff plans by this project, or reported by the source", METHODS),
     Column("status", str, "priced; no_plan (no eligible plan covers the basket: see note); no_exchange_rate / no_gni "
                           "(price known, conversion missing); reported", STATUSES),
     Column("basket_title", str, "What the basket contains", nullable=True),
     Column("basket_status", str, "Status of the basket definition in METHODOLOGY (confirmed, secondary, unconfirmed)",
            nullable=True),
     Column("experimental", pd.BooleanDtype, "true: a year ITU publishes this basket as experimental only (computed "
                                             "only on request); empty: a reported year outside ITU's catalogue years "
                                             "(see note)", nullable=True),
     Column("operator", str, "Operator chosen (largest market share with a plan covering the basket)", nullable=True),
     Column("market_share", float, "Its market share (0-1)", nullable=True, checks={"ge": 0, "le": 1}),
     Column("plan", str, "Plan chosen (cheapest eligible plan covering the basket)", nullable=True),
     Column("plan_type", str, "prepaid or postpaid", nullable=True),
     Column("validity_days", pd.Int64Dtype, "Validity of the plan in days", nullable=True),
     Column("price_lcu", float, "30-day basket price in the plan's currency", nullable=True, checks={"ge": 0}),
     Column("currency", str, "ISO 4217 currency of price_lcu", nullable=True),
     Column("price_usd", float, "Price in US dollars (annual average rate)", nullable=True, checks={"ge": 0}),
     Column("price_ppp", float, "Price in PPP dollars", nullable=True, checks={"ge": 0}),
     Column("ppp_factor", str, "PPP factor series price_ppp used (PPP_FACTOR World Bank GDP, PPP_FACTOR_PRVT World "
                               "Bank private consumption, PPP_FACTOR_IMF IMF WEO PPPEX); as_reported: ITU's own, "
                               "source not found", nullable=True),
     Column("pct_gni", float, "Price as % of monthly GNI per capita (Atlas)", nullable=True, checks={"ge": 0}),
     Column("meets_2pct_target", pd.BooleanDtype, "pct_gni below 2% (Broadband Commission target); empty without "
                                                  "pct_gni", nullable=True),
     Column("gni_year", pd.Int64Dtype, "Year of the GNI per capita used (differs from time_period when the fallback "
                                       "was used: nature E)", nullable=True),
     Column("pct_gni_recomputed", float, "Reported rows: % GNI recomputed from price_usd and the staged World Bank "
                                         "GNI of the same year", nullable=True),
     Column("gni_check", str, "Reported rows: whether pct_gni_recomputed is within 10% of pct_gni (differs is a "
                              "warning)", ("agrees", "differs", "not_checked", "not_applicable")),
     Column("arithmetic", str, "How the computed price was reached", nullable=True),
     Column("excluded", str, "Plans a collection rule excluded (speed floor, technology floor, Wi-Fi/hotspot-only, "
                             "commitment), each with the rule and why", nullable=True),
     FIELDS["nature"].but(nullable=True, remark="E when the GNI fallback was used; empty without price"),
     FIELDS["source"].but(description="Source of the tariff plans or of the reported price"),
     FIELDS["note"].but(description="Ties, fallbacks, currency conversions, missing conversions, check warnings"),
     FIELDS["file"].but(nullable=True, description="Raw file of the chosen plan or reported value"), NULLABLE_LINE],
    indicator_table_meta(
        "baskets", "price_baskets", "ICT price baskets",
        "Per economy, year and basket: the chosen plan and its 30-day price in local currency, "
        "USD, PPP$ and % of monthly GNI per capita (computed from tariff plans), and basket prices "
        "as reported with a % GNI cross-check.",
        ["ref_area", "time_period", "basket", "method"]),
    module=__name__)

PriceBasketMediansPublished = model(
    "PriceBasketMediansPublished",
    ["release", Column("group_code", str, "Group code (WLD, ITU_AFR..., WB_LIC..., LDC, LLDC, SIDS)"),
     Column("group_name", str, "Group name"), "time_period", "basket",
     Column("method", str, "computed or reported prices", METHODS),
     Column("economies", int, "Economies of the group with a % GNI value", checks={"ge": 1}),
     FIELDS["economies_total"].but(dtype=pd.Int64Dtype, nullable=True),
     FIELDS["coverage_pct"].but(description="Population share of the group's members that have a price"),
     Column("median_pct_gni", float, "Median % of monthly GNI per capita", checks={"ge": 0}),
     Column("median_price_usd", float, "Median price in USD", nullable=True),
     Column("median_price_ppp", float, "Median price in PPP$", nullable=True),
     Column("economies_meeting_target", int, "Economies below 2% of monthly GNI p.c.", checks={"ge": 0}),
     Column("share_meeting_target", float, "economies_meeting_target / economies", checks={"ge": 0, "le": 1}),
     Column("economies_with_gni_fallback", int, "Of which % GNI used an earlier GNI year", checks={"ge": 0}),
     "membership_vintage"],
    indicator_table_meta(
        "baskets", "price_basket_medians", "ICT price baskets: group medians",
        "Median affordability by group, year, basket and method, and the count of economies "
        "meeting the 2% target (MISR price tables), with the membership and coverage of the aggregates.",
        ["group_code", "time_period", "basket", "method"]) | {"figures": [
            {"value": column, "series": f"={series}", "ref_area": "group_code", "breakdown": "basket",
             "where": {"method": "reported"}}
            for column, series in (("median_pct_gni", "BASKET_PRICE_PCT_GNI"),
                                   ("median_price_usd", "BASKET_PRICE_USD"),
                                   ("median_price_ppp", "BASKET_PRICE_PPP"))]},
    module=__name__)

PriceBasketChecksPublished = model(
    "PriceBasketChecksPublished",
    ["release",
     Column("check", str, "pct_gni: reported % GNI vs recomputed; ppp: reported PPP$ vs USD x exchange rate / factor; "
                          "computed_vs_reported: computed USD price vs ITU's for the same basket code and year",
            ("pct_gni", "ppp", "computed_vs_reported")),
     Column("factor", str, "ppp: the PPP factor series compared", nullable=True), ECONOMY, "time_period", "basket",
     Column("reported", float, "ITU's reported value (% GNI, PPP$ or USD)"),
     Column("recomputed", float, "The project's value for the same quantity", nullable=True),
     Column("relative_gap", float, "|recomputed - reported| / reported", nullable=True, checks={"ge": 0}),
     Column("tolerance", float, "Largest relative gap counted as agreeing", checks={"ge": 0}),
     Column("agrees", bool, "relative_gap within tolerance (pct_gni: or within rounding)"),
     Column("comparisons", int, "Rows of the same check and factor", checks={"ge": 1}),
     Column("share_agreeing", float, "Share of those rows that agree", checks={"ge": 0, "le": 1}),
     FIELDS["source"].but(description="Source of the reported value"),
     FIELDS["file"].but(nullable=True, description="Raw file of the reported value"), NULLABLE_LINE],
    indicator_table_meta(
        "baskets", "price_basket_checks", "ICT price baskets: checks against ITU's values",
        "Every comparison of a basket price with ITU's reported value (% GNI, PPP$ per PPP factor, "
        "computed vs reported), with the share agreeing per check and factor.",
        ["check", "factor", "ref_area", "time_period", "basket"]),
    module=__name__)

PriceBasketDefinitionsPublished = model(
    "PriceBasketDefinitionsPublished",
    ["release", Column("kind", str, "A basket entry or an engine rule", ("basket", "rule")),
     Column("code", str, "Basket code or rule name"),
     Column("first_year", pd.Int64Dtype, "Basket: first year of this span", nullable=True),
     Column("last_year", pd.Int64Dtype, "Basket: last year of this span", nullable=True),
     Column("experimental", pd.BooleanDtype, "Basket: a span ITU publishes as experimental only (computed only on "
                                             "request)", nullable=True),
     Column("title", str, "Basket: ITU's name with its allowance; rule: what it means and its source", nullable=True),
     Column("edition", str, "misr (to 2017), 2018, 2021, 2025 (ITU revisions) or experimental", nullable=True),
     Column("service", str, "mobile, fixed_broadband or fixed_telephone", nullable=True),
     Column("plan_types", str, "Plan types eligible", nullable=True),
     Column("data_gb", float, "Data allowance per 30 days (GB)", nullable=True),
     Column("minutes", float, "Voice minutes per 30 days", nullable=True),
     Column("sms", float, "SMS per 30 days", nullable=True),
     Column("data_only", pd.BooleanDtype, "Only plans without voice or SMS", nullable=True),
     Column("collection_rules", str, "Basket: the collection rules applied to it", nullable=True),
     Column("value", str, "Rule: its value", nullable=True),
     Column("status", str, "Methodology status (schemas.methodology: confirmed, secondary, unconfirmed); unconfirmed "
                           "values are settings to verify, not settled facts", METHODOLOGY_STATUSES),
     FIELDS["source"].but(description="Where the definition comes from"),
     Column("simplified", str, "What the plan schema cannot express and is not modelled", nullable=True)],
    indicator_table_meta(
        "baskets", "price_basket_definitions", "ICT price baskets: definitions and rules",
        "Basket allowances by edition and engine rules used in this release, with their status.",
        ["kind", "code", "first_year"]),
    module=__name__)
