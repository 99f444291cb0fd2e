"""The country submission workbook's layout: its sheets, their columns and the codes they offer.

Defined once, apart from the template writer (pipelines/core/submission_template.py, which needs openpyxl), so the
template and pipelines/ingest/country_submission_xlsx.py cannot drift apart, and detecting a file's format does not
import a workbook library. Described for respondents in docs/submission_workbook.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pipelines.core import tariff_plans

TITLE = "ISOC country submission: ICT indicators"
ABOUT, TARIFFS, CODES = "About", "Tariffs", "Codes"
ABOUT_FIELDS = {"economy": "Economy (ISO3)", "agency": "Reporting agency", "contact": "Contact (name, e-mail)",
                "release": "Release"}
KEY_COLUMNS = ["economy", "series", "sex", "age", "urbanisation", "breakdown"]
YEARS = list(range(2000, 2026))
TRAILING_COLUMNS = ["note", "source", "estimate"]
TARIFF_COLUMNS = tariff_plans.INPUT_COLUMNS + tariff_plans.OPTIONAL_COLUMNS   # docs/tariff_plans.md
AGE_SUGGESTED = ["_T", "Y_GE15", "Y15T24", "Y25T74", "Y15T74", "Y_GE75", "Y_LT15"]
TEMPLATE_ROWS = 500   # rows below the header that carry the drop-down lists


@dataclass(frozen=True)
class DataSheet:
    name: str
    purpose: str
    series: tuple[str, ...]
    breakdowns: dict[str, str] = field(default_factory=dict)   # {series: codelist offered in `breakdown`}


DATA_SHEETS = (
    DataSheet("Fixed", "Fixed-telephone and fixed-broadband subscriptions (fixed broadband also by speed tier)",
              ("FTEL_SUBS", "FTEL_SUBS_P100", "FBB_SUBS", "FBB_SUBS_P100"), {"FBB_SUBS": "SPEED"}),
    DataSheet("Mobile", "Mobile-cellular and active mobile-broadband subscriptions, population coverage 2G to 5G",
              ("MOB_SUBS", "MOB_SUBS_P100", "MBB_SUBS", "MBB_SUBS_P100", "COV_2G_PCT", "COV_3G_PCT", "COV_4G_PCT",
               "COV_5G_PCT")),
    DataSheet("Households", "Households with a radio, a TV, a computer, Internet access at home (survey)",
              ("HH_RADIO_PCT", "HH_TV_PCT", "HH_COMP_PCT", "HH_INET_PCT")),
    DataSheet("Individuals", "Internet use, mobile-phone ownership and ICT skills of individuals, by sex, age and "
              "urban/rural area (survey)", ("INET_USERS_PCT", "INET_USERS", "MOB_OWN_PCT", "ICT_SKILL_PCT"),
              {"ICT_SKILL_PCT": "SKILL"}),
    DataSheet("WSIS", "WSIS targets from administrative records: schools, hospitals, public libraries and government "
              "institutions with Internet access (radio and TV households: Households sheet)",
              ("WSIS_SCHOOLS_INTERNET_PCT", "WSIS_HOSPITALS_INTERNET_PCT", "WSIS_LIBRARIES_INTERNET_PCT",
               "WSIS_GOV_INTERNET_PCT")),
)
SHEET_ORDER = [ABOUT, "Fixed", "Mobile", "Households", "Individuals", TARIFFS, "WSIS", CODES]
EXPECTED_SHEETS = [s for s in SHEET_ORDER if s != CODES]   # Codes only documents the drop-downs: not read
