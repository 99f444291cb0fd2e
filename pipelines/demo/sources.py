"""What goes into which demo file: DataHub series per file, WDI indicators, SDG series, aggregates and paths.

Real ITU seriesIDs are kept where the stored real downloads show them; series whose ID was not seen get demo IDs
(9000x). `i_HH4` (households with a computer) is a demo series code: no real DataHub code for HH4 is known here.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DatahubSeries:
    code: str
    series_id: int
    name: str
    key: str                  # key of World.series
    description: str
    first_year: int = 2000


@dataclass(frozen=True)
class DatahubFile:
    path: str
    units: str                # the DataHub repeats one seriesUnits label for every series of a file
    series: tuple[DatahubSeries, ...]
    complete: bool = False    # every economy-year reported; other files have the reporting gaps real data have


_FBB = "Fixed-broadband subscriptions"
_FBB_DESC = "Fixed Internet at 256 kbit/s or more"
_MBB = "Active mobile-broadband subscriptions"
_MBB_DESC = "Used in the last 3 months"
_COV_DESC = "% of inhabitants within {} range"
_FBB5 = "Fixed-broadband Internet 5GB"
_MBB5 = "Data-only mobile broadband basket 5 GB"
_MOB = "Mobile-cellular telephone subscriptions"
_MOB_DESC = "Postpaid and active prepaid"

DATAHUB_FILES = (
    DatahubFile("itu_datahub/fixed_broadband_subscriptions.csv", "per 100 people", (
        DatahubSeries("i4213tfbb", 19257, _FBB, "FBB_SUBS", _FBB_DESC),
        DatahubSeries("i992b", 19303, _FBB, "FBB_SUBS_P100", "Per 100 inhabitants"))),
    DatahubFile("itu_datahub/active_mobile_broadband_subscriptions.csv", "count", (
        DatahubSeries("i271mw", 11632, _MBB, "MBB_SUBS", _MBB_DESC),
        DatahubSeries("i911mw", 12066, _MBB, "MBB_SUBS_P100", "Per 100 inhabitants"))),
    DatahubFile("itu_datahub/households_with_internet_access_at_home.csv", "%", (
        DatahubSeries("xHH6_IDI", 12047, "Households with Internet access at home", "HH_INET_PCT",
                      "Fixed or mobile access at home", 2005),)),
    DatahubFile("itu_datahub/households_with_a_computer.csv", "%", (
        DatahubSeries("i_HH4", 90004, "Households with a computer", "HH_COMP_PCT",
                      "Demo series code", 2005),)),
    DatahubFile("itu_datahub/population_coverage_mobile_network.csv", "%", (
        DatahubSeries("i271pop", 194, "At least 2G", "COV_2G_PCT", _COV_DESC.format("2G")),
        DatahubSeries("i271G", 430, "At least 3G", "COV_3G_PCT", _COV_DESC.format("3G")),
        DatahubSeries("i271GA", 19306, "At least LTE/WiMAX", "COV_4G_PCT", _COV_DESC.format("LTE/WiMAX")),
        DatahubSeries("i271G5_pop", 34236, "At least 5G", "COV_5G_PCT", _COV_DESC.format("5G")))),
    DatahubFile("itu_datahub/fixed_broadband_internet_5GB.csv", "% GNI per capita", (
        DatahubSeries("i154_FBB5$", 33330, _FBB5, "FBB5_USD", "Monthly price, USD", 2018),
        DatahubSeries("i154_FBB5_GNI", 33331, _FBB5, "FBB5_GNI", "% of monthly GNI per capita", 2018),
        DatahubSeries("i154_FBB5_PPP", 33332, _FBB5, "FBB5_PPP", "Monthly price, PPP$", 2018))),
    DatahubFile("itu_datahub/data_only_mobile_broadband_5GB.csv", "% GNI per capita", (
        DatahubSeries("i271mb_5GB$", 36055, _MBB5, "MBB5_USD", "Monthly price, USD", 2023),
        DatahubSeries("i271mb_5GB_GNI", 36056, _MBB5, "MBB5_GNI", "% of monthly GNI per capita", 2023),
        DatahubSeries("i271mb_5GB_PPP", 36057, _MBB5, "MBB5_PPP", "Monthly price, PPP$", 2023))),
    DatahubFile("itu_datahub/international_bandwidth_usage.csv", "Mbit/s", (
        DatahubSeries("i4214", 90001, "International bandwidth usage", "INTL_BW_MBPS",
                      "Used capacity, Mbit/s"),)),
    DatahubFile("itu_datahub/individuals_using_the_internet.csv", "%", complete=True, series=(
        DatahubSeries("i99H", 90002, "Individuals using the Internet", "INET_USERS_PCT",
                      "In the last 3 months"),)),
    DatahubFile("itu_datahub/mobile_cellular_subscriptions.csv", "count", (
        DatahubSeries("i271", 90003, _MOB, "MOB_SUBS", _MOB_DESC),
        DatahubSeries("i911", 90005, _MOB, "MOB_SUBS_P100", "Per 100 inhabitants"))),
    DatahubFile("itu_datahub/fixed_telephone_subscriptions.csv", "count", (
        DatahubSeries("i112", 90006, "Fixed-telephone subscriptions", "FTEL_SUBS",
                      "Lines, VoIP, fixed WLL, payphones"),)),
)


@dataclass(frozen=True)
class WdiIndicator:
    code: str
    name: str
    key: str
    aggregate: str | None     # how WB aggregates are formed: "sum", population-weighted "mean", or not given
    decimals: int


WDI_INDICATORS = (
    WdiIndicator("SP.POP.TOTL.FE.IN", "Population, female", "POP_FEMALE", "sum", 0),
    WdiIndicator("SP.POP.TOTL.MA.IN", "Population, male", "POP_MALE", "sum", 0),
    WdiIndicator("SP.URB.TOTL.IN.ZS", "Urban population (% of total population)", "POP_URBAN_PCT", "mean", 3),
    WdiIndicator("NY.GNP.PCAP.CD", "GNI per capita, Atlas method (current US$)", "GNI_PC_ATLAS_USD", "mean", 0),
    WdiIndicator("PA.NUS.PPP", "PPP conversion factor, GDP (LCU per international $)", "PPP_FACTOR", None, 6),
    WdiIndicator("PA.NUS.PRVT.PP", "PPP conversion factor, private consumption (LCU per international $)",
                 "PPP_FACTOR_PRVT", None, 6),
    WdiIndicator("PA.NUS.FCRF", "Official exchange rate (LCU per US$, period average)", "FX_RATE", None, 6),
    WdiIndicator("SE.SEC.ENRR", "School enrollment, secondary (% gross)", "GER_SECONDARY", "mean", 3),
    WdiIndicator("SE.TER.ENRR", "School enrollment, tertiary (% gross)", "GER_TERTIARY", "mean", 3),
    WdiIndicator("BAR.SCHL.25UP", "Barro-Lee: Average years of total schooling, age 25+, total",
                 "MEAN_YEARS_SCHOOLING", "mean", 2),
)
WDI_LAST_UPDATED = "2025-12-15"   # fixed, so the files do not change from one run to the next
# World Bank aggregates the WB files carry (code, name, income group or None for all economies)
WB_AGGREGATES = (("WLD", "World", None), ("HIC", "High income", "HIC"), ("LIC", "Low income", "LIC"))


def wdi_path(code: str) -> str:
    return f"world_bank/API_{code}_DS2_en_csv_v2_demo.csv"


POPULATION_PATH = "world_bank/population.csv"


@dataclass(frozen=True)
class SdgSeries:
    code: str
    goal: str
    target: str
    indicator: str
    series_id: str
    description: str
    path: str


SDG_SERIES = (
    SdgSeries("IT_USE_ii99", "17", "17.8", "17.8.1", "90007",
              "Proportion of individuals using the Internet, by sex (%)", "un_sdg/sdg_IT_USE_ii99_1781_demo.csv"),
    SdgSeries("IT_MOB_OWN", "5", "5.b", "5.b.1", "1897",
              "Proportion of individuals who own a mobile telephone, by sex (%)", "un_sdg/sdg_IT_MOB_OWN_5b1_demo.csv"),
    SdgSeries("SE_ADT_ACTS", "4", "4.4", "4.4.1", "2852",
              "Proportion of youth and adults with information and communications technology (ICT) skills, "
              "by sex and type of skill (%)", "un_sdg/sdg_SE_ADT_ACTS_441_demo.csv"),
)
GENDER_PORTAL_PATH = "unsd_gender/2900__I_17__I13151395__S13151395_demo.tsv"
LEGACY_PATH = "itu/itu_fts_mts_iu_2000_2015_demo.csv"
LEGACY_INDICATORS = (("FTS", "FTEL_SUBS_P100"), ("MTS", "MOB_SUBS_P100"), ("IU", "INET_USERS_PCT"))
LEGACY_YEARS = range(2000, 2016)
OWID_PATH = "owid/share-of-individuals-using-the-internet.csv"
OWID_VALUE_COLUMN = "Individuals_using_the_Internet_per_of_population"
OWID_YEARS = range(2000, 2020)
OWID_CODES = {"XKX": "OWID_KOS"}                     # OWID's own code for Kosovo
OWID_REGION = ("Sub-Saharan Africa", "Sub-Saharan Africa")   # (entity written with a blank Code, M49 subregion)
TARIFF_PATH = "itu/tariff_plans_demo.csv"
README_PATH = "README.md"
SDG_REGION = {   # M49 subregion -> SDG regional grouping, as the gender portal writes it
    "Sub-Saharan Africa": "Sub-Saharan Africa",
    "Northern Africa": "Northern Africa and Western Asia", "Western Asia": "Northern Africa and Western Asia",
    "Central Asia": "Central and Southern Asia", "Southern Asia": "Central and Southern Asia",
    "Eastern Asia": "Eastern and South-Eastern Asia", "South-eastern Asia": "Eastern and South-Eastern Asia",
    "Latin America and the Caribbean": "Latin America and the Caribbean",
    "Australia and New Zealand": "Australia and New Zealand",
    "Melanesia": "Oceania (excluding Australia and New Zealand)",
    "Micronesia": "Oceania (excluding Australia and New Zealand)",
    "Polynesia": "Oceania (excluding Australia and New Zealand)",
}
