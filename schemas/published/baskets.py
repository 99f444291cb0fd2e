"""Published contracts of the ICT price baskets: per-economy prices and group medians (the MISR price tables)."""
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.published.indicator_meta import indicator_table_meta

STATUSES = ["priced", "no_plan", "no_exchange_rate", "no_gni", "reported"]


class PriceBasketsPublished(pa.DataFrameModel):
    release: Series[str] = pa.Field(description="Release")
    ref_area: Series[str] = pa.Field(description="Economy, ISO 3166-1 alpha-3")
    time_period: Series[int] = pa.Field(description="Reference year of the tariffs")
    basket: Series[str] = pa.Field(description="ITU's basket code (e.g. i154_FBB5, i271mb_5GB; "
                                               "indicators/baskets/definitions.yaml), for computed and reported rows")
    method: Series[str] = pa.Field(isin=["computed", "reported"],
                                   description="computed from tariff plans by this project, or reported by the source")
    status: Series[str] = pa.Field(isin=STATUSES, description="priced; no_plan (no eligible plan covers the basket: "
                                   "see note); no_exchange_rate / no_gni (price known, conversion missing); reported")
    basket_title: Series[str] = pa.Field(nullable=True, description="What the basket contains")
    basket_status: Series[str] = pa.Field(nullable=True, description="Status of the basket definition in METHODOLOGY "
                                          "(confirmed, secondary, unconfirmed)")
    experimental: Series[pd.BooleanDtype] = pa.Field(
        nullable=True, description="true: a year ITU publishes this basket as experimental only (computed only on "
                                   "request); empty: a reported year outside ITU's catalogue years (see note)")
    operator: Series[str] = pa.Field(nullable=True, description="Operator chosen (largest market share with a plan "
                                     "covering the basket)")
    market_share: Series[float] = pa.Field(nullable=True, ge=0, le=1, description="Its market share (0-1)")
    plan: Series[str] = pa.Field(nullable=True, description="Plan chosen (cheapest eligible plan covering the basket)")
    plan_type: Series[str] = pa.Field(nullable=True, description="prepaid or postpaid")
    validity_days: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Validity of the plan in days")
    price_lcu: Series[float] = pa.Field(nullable=True, ge=0, description="30-day basket price in the plan's currency")
    currency: Series[str] = pa.Field(nullable=True, description="ISO 4217 currency of price_lcu")
    price_usd: Series[float] = pa.Field(nullable=True, ge=0, description="Price in US dollars (annual average rate)")
    price_ppp: Series[float] = pa.Field(nullable=True, ge=0, description="Price in PPP dollars")
    ppp_factor: Series[str] = pa.Field(nullable=True, description="PPP factor series price_ppp used (PPP_FACTOR World "
                                       "Bank GDP, PPP_FACTOR_PRVT World Bank private consumption, PPP_FACTOR_IMF IMF "
                                       "WEO PPPEX); as_reported: ITU's own, source not found")
    pct_gni: Series[float] = pa.Field(nullable=True, ge=0, description="Price as % of monthly GNI per capita (Atlas)")
    meets_2pct_target: Series[pd.BooleanDtype] = pa.Field(
        nullable=True, description="pct_gni below 2% (Broadband Commission target); empty without pct_gni")
    gni_year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, description="Year of the GNI per capita used (differs from time_period when the fallback was "
                                   "used: nature E)")
    pct_gni_recomputed: Series[float] = pa.Field(nullable=True, description="Reported rows: % GNI recomputed from "
                                                 "price_usd and the staged World Bank GNI of the same year")
    gni_check: Series[str] = pa.Field(isin=["agrees", "differs", "not_checked", "not_applicable"],
                                      description="Reported rows: whether pct_gni_recomputed is within 10% of pct_gni "
                                                  "(differs is a warning)")
    arithmetic: Series[str] = pa.Field(nullable=True, description="How the computed price was reached")
    excluded: Series[str] = pa.Field(nullable=True, description="Plans a collection rule excluded (speed floor, "
                                     "technology floor, Wi-Fi/hotspot-only, commitment), each with the rule and why")
    nature: Series[str] = pa.Field(nullable=True, isin=["C", "CA", "E", "G", "M", "N"],
                                   description="C country data; E when the GNI fallback was used; empty without price")
    source: Series[str] = pa.Field(nullable=True, description="Source of the tariff plans or of the reported price")
    note: Series[str] = pa.Field(nullable=True, description="Ties, fallbacks, currency conversions, missing "
                                 "conversions, check warnings")
    file: Series[str] = pa.Field(nullable=True, description="Raw file of the chosen plan or reported value")
    line: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Line in that file")

    class Config:
        strict = True
        coerce = True
        metadata = indicator_table_meta(
            "baskets", "price_baskets", "ICT price baskets",
            "Per economy, year and basket: the chosen plan and its 30-day price in local currency, "
            "USD, PPP$ and % of monthly GNI per capita (computed from tariff plans), and basket prices "
            "as reported with a % GNI cross-check.",
            ["ref_area", "time_period", "basket", "method"])


class PriceBasketMediansPublished(pa.DataFrameModel):
    release: Series[str] = pa.Field(description="Release")
    group_code: Series[str] = pa.Field(description="Group code (WLD, ITU_AFR..., WB_LIC..., LDC, LLDC, SIDS)")
    group_name: Series[str] = pa.Field(description="Group name")
    time_period: Series[int] = pa.Field(description="Year")
    basket: Series[str] = pa.Field(description="Basket code")
    method: Series[str] = pa.Field(isin=["computed", "reported"], description="computed or reported prices")
    economies: Series[int] = pa.Field(ge=1, description="Economies of the group with a % GNI value")
    economies_total: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Members of the group with a "
                                                                                 "population that year")
    coverage_pct: Series[float] = pa.Field(ge=0, le=100.000001, description="Population share of the group's "
                                                                           "members that have a price")
    median_pct_gni: Series[float] = pa.Field(ge=0, description="Median % of monthly GNI per capita")
    median_price_usd: Series[float] = pa.Field(nullable=True, description="Median price in USD")
    median_price_ppp: Series[float] = pa.Field(nullable=True, description="Median price in PPP$")
    economies_meeting_target: Series[int] = pa.Field(ge=0, description="Economies below 2% of monthly GNI p.c.")
    share_meeting_target: Series[float] = pa.Field(ge=0, le=1, description="economies_meeting_target / economies")
    economies_with_gni_fallback: Series[int] = pa.Field(ge=0, description="Of which % GNI used an earlier GNI year")
    membership_vintage: Series[str] = pa.Field(description="Vintage of the group membership used (ITU 2025)")

    class Config:
        strict = True
        coerce = True
        metadata = indicator_table_meta(
            "baskets", "price_basket_medians", "ICT price baskets: group medians",
            "Median affordability by group, year, basket and method, and the count of economies "
            "meeting the 2% target (MISR price tables), with the membership and coverage of the aggregates.",
            ["group_code", "time_period", "basket", "method"]) | {"figures": [
                {"value": column, "series": f"={series}", "ref_area": "group_code", "breakdown": "basket",
                 "where": {"method": "reported"}}
                for column, series in (("median_pct_gni", "BASKET_PRICE_PCT_GNI"),
                                       ("median_price_usd", "BASKET_PRICE_USD"),
                                       ("median_price_ppp", "BASKET_PRICE_PPP"))]}


class PriceBasketChecksPublished(pa.DataFrameModel):
    release: Series[str] = pa.Field(description="Release")
    check: Series[str] = pa.Field(isin=["pct_gni", "ppp", "computed_vs_reported"],
                                  description="pct_gni: reported % GNI vs recomputed; ppp: reported PPP$ vs USD x "
                                              "exchange rate / factor; computed_vs_reported: computed USD price vs "
                                              "ITU's for the same basket code and year")
    factor: Series[str] = pa.Field(nullable=True, description="ppp: the PPP factor series compared")
    ref_area: Series[str] = pa.Field(description="Economy, ISO 3166-1 alpha-3")
    time_period: Series[int] = pa.Field(description="Year")
    basket: Series[str] = pa.Field(description="ITU basket code")
    reported: Series[float] = pa.Field(description="ITU's reported value (% GNI, PPP$ or USD)")
    recomputed: Series[float] = pa.Field(nullable=True, description="The project's value for the same quantity")
    relative_gap: Series[float] = pa.Field(nullable=True, ge=0, description="|recomputed - reported| / reported")
    tolerance: Series[float] = pa.Field(ge=0, description="Largest relative gap counted as agreeing")
    agrees: Series[bool] = pa.Field(description="relative_gap within tolerance (pct_gni: or within rounding)")
    comparisons: Series[int] = pa.Field(ge=1, description="Rows of the same check and factor")
    share_agreeing: Series[float] = pa.Field(ge=0, le=1, description="Share of those rows that agree")
    source: Series[str] = pa.Field(nullable=True, description="Source of the reported value")
    file: Series[str] = pa.Field(nullable=True, description="Raw file of the reported value")
    line: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Line in that file")

    class Config:
        strict = True
        coerce = True
        metadata = indicator_table_meta(
            "baskets", "price_basket_checks", "ICT price baskets: checks against ITU's values",
            "Every comparison of a basket price with ITU's reported value (% GNI, PPP$ per PPP factor, "
            "computed vs reported), with the share agreeing per check and factor.",
            ["check", "factor", "ref_area", "time_period", "basket"])


class PriceBasketDefinitionsPublished(pa.DataFrameModel):
    release: Series[str] = pa.Field(description="Release")
    kind: Series[str] = pa.Field(isin=["basket", "rule"], description="A basket entry or an engine rule")
    code: Series[str] = pa.Field(description="Basket code or rule name")
    first_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Basket: first year of this span")
    last_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Basket: last year of this span")
    experimental: Series[pd.BooleanDtype] = pa.Field(nullable=True, description="Basket: a span ITU publishes as "
                                                     "experimental only (computed only on request)")
    title: Series[str] = pa.Field(nullable=True, description="Basket: ITU's name with its allowance; rule: what it "
                                  "means and its source")
    edition: Series[str] = pa.Field(nullable=True, description="misr (to 2017), 2018, 2021, 2025 (ITU revisions) or "
                                    "experimental")
    service: Series[str] = pa.Field(nullable=True, description="mobile, fixed_broadband or fixed_telephone")
    plan_types: Series[str] = pa.Field(nullable=True, description="Plan types eligible")
    data_gb: Series[float] = pa.Field(nullable=True, description="Data allowance per 30 days (GB)")
    minutes: Series[float] = pa.Field(nullable=True, description="Voice minutes per 30 days")
    sms: Series[float] = pa.Field(nullable=True, description="SMS per 30 days")
    data_only: Series[pd.BooleanDtype] = pa.Field(nullable=True, description="Only plans without voice or SMS")
    collection_rules: Series[str] = pa.Field(nullable=True, description="Basket: the collection rules applied to it")
    value: Series[str] = pa.Field(nullable=True, description="Rule: its value")
    status: Series[str] = pa.Field(isin=["confirmed", "secondary", "unconfirmed"],
                                   description="Methodology status (METHODOLOGY.md marks); unconfirmed values are "
                                               "settings to verify, not settled facts")
    source: Series[str] = pa.Field(nullable=True, description="Where the definition comes from")
    simplified: Series[str] = pa.Field(nullable=True, description="What the plan schema cannot express and is not "
                                       "modelled")

    class Config:
        strict = True
        coerce = True
        metadata = indicator_table_meta(
            "baskets", "price_basket_definitions", "ICT price baskets: definitions and rules",
            "Basket allowances by edition and engine rules used in this release, with their status.",
            ["kind", "code", "first_year"])
