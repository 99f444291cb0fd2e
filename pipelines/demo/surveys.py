"""Household-survey results by sex for a subset of economies: SDG 17.8.1, 5.b.1 and 4.4.1, and UN gender portal I.17.

About SURVEYED_SHARE of economies run ICT household surveys, and not every year. Women's Internet use is below
men's in most lower-income economies (gender parity score about 0.7-0.9) and at parity in most high-income ones;
the gap narrows over time. Totals for Internet use equal the ITU value of the same year.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.demo.world import YEARS, World, logistic

SURVEYED_SHARE = 0.6
SURVEY_YEARS = {                      # SDG series: (candidate years, chance a surveyed economy reports a given year)
    "IT_USE_ii99": (range(2012, 2020), 0.35),
    "IT_MOB_OWN": (range(2013, 2020), 0.3),
    "SE_ADT_ACTS": (range(2014, 2020), 0.1),
}
GENDER_PORTAL_YEARS = range(2010, 2015)
SKILL_SHARE = {                       # share of Internet users who carried out the activity (legacy SDG skill codes)
    "CMFL": 0.58, "COPA": 0.62, "EMAIL": 0.52, "ARSP": 0.33, "INST": 0.42, "SOFT": 0.38, "EPRS": 0.30, "TRAF": 0.50,
    "PCPR": 0.07,
}
AGES_OUTSIDE_EUROPE = ("Y_GE15", "Y_GE06", "Y_GE10", "Y_GE05")
SURVEY_COLUMNS = ["iso3", "year", "series", "skill", "age", "sex", "value"]


def parity(world: World, rng: np.random.Generator) -> np.ndarray:
    """Gender parity score of Internet use (female / male), economies x YEARS."""
    level = world.economies["level"].to_numpy()
    gap = np.clip(0.32 * logistic(-1.8 * level) + rng.normal(0.0, 0.03, len(level)), -0.03, 0.4)
    return 1 - gap[:, None] * 0.98 ** (YEARS - 2010)[None, :]


def by_sex(total: float, score: float, female_share: float) -> tuple[float, float]:
    """(female, male) percentages averaging to `total` with female/male = `score` (male kept at or below 100)."""
    score = max(score, 1 - (1 - total / 100) / female_share * 0.9)
    male = total / (1 - female_share * (1 - score))
    return score * male, male


def build_surveys(world: World, rng: np.random.Generator) -> pd.DataFrame:
    """One row per survey value (SURVEY_COLUMNS), sex in SDMX codes (_T, F, M), sorted."""
    econ = world.economies
    n = len(econ)
    gps = parity(world, rng)
    users = world.series["INET_USERS_PCT"]
    female_share = world.series["POP_FEMALE"] / world.series["POP_TOTAL"]
    surveyed = rng.random(n) < SURVEYED_SHARE
    level = econ["level"].to_numpy()
    ownership = 30 + 68 * logistic(1.4 * level[:, None] + 0.5 + 0.12 * (YEARS - 2015)[None, :]
                                   + rng.normal(0.0, 0.3, n)[:, None])
    skill_noise = np.exp(rng.normal(0.0, 0.15, (n, len(SKILL_SHARE))))
    rows = []

    def add(e: int, year: int, series: str, total: float, score: float, skill: str = "", age: str = "") -> None:
        y = year - int(YEARS[0])
        female, male = by_sex(total, score, female_share[e, y])
        for sex, value in (("_T", total), ("F", female), ("M", male)):
            rows.append((econ["iso3"].iat[e], year, series, skill, age, sex, value))

    for series, (years, chance) in SURVEY_YEARS.items():
        for e in np.flatnonzero(surveyed):
            for year in years:
                if rng.random() >= chance:
                    continue
                y = year - int(YEARS[0])
                if series == "IT_USE_ii99":
                    add(e, year, series, users[e, y], gps[e, y])
                elif series == "IT_MOB_OWN":
                    add(e, year, series, ownership[e, y], 1 - (1 - gps[e, y]) * 0.6)
                else:
                    for k, (skill, share) in enumerate(SKILL_SHARE.items()):
                        add(e, year, series, min(95.0, users[e, y] * share * skill_noise[e, k]),
                            1 - (1 - gps[e, y]) * 1.1, skill=skill)
    for e in np.flatnonzero(surveyed & (rng.random(n) < 0.6)):
        europe = econ["m49_region"].iat[e] == "Europe"
        age = "Y16T74" if europe else AGES_OUTSIDE_EUROPE[int(rng.integers(len(AGES_OUTSIDE_EUROPE)))]
        for year in GENDER_PORTAL_YEARS:
            if rng.random() < 0.6:
                add(e, year, "I.17", users[e, year - int(YEARS[0])], gps[e, year - int(YEARS[0])], age=age)
    return pd.DataFrame(rows, columns=SURVEY_COLUMNS).sort_values(SURVEY_COLUMNS[:6], kind="stable",
                                                                  ignore_index=True)
