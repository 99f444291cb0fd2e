"""The latent demo world: one development level per economy drives every generated series.

Each economy gets a development level (HIC about 1.5, UMC 0.45, LMC -0.45, LIC -1.45, plus economy-specific
noise). Diffusion of each technology is a logistic curve whose timing, speed and ceiling depend on that level.
All draws come from one numpy Generator in a fixed order, so one seed always gives the same world.
Arrays are economies x YEARS, NaN where a series is not (yet) reported.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from schemas import reference as ref

YEARS = np.arange(2000, 2025)
T = (YEARS - 2000)[None, :].astype(float)   # years since 2000, as a row to broadcast against economies
UNINHABITED = ("ATA", "BVT", "HMD")   # no resident population: left out of the demo, as real sources leave them out
INCOME_LEVEL = {"HIC": 1.5, "UMC": 0.45, "LMC": -0.45, "LIC": -1.45}
UNCLASSIFIED_LEVEL = {"TWN": 1.6, "VEN": 0.1, "ESH": -1.0}   # economies without a WB income group in economies.csv
TERRITORY_LEVEL = 0.8   # other economies without an income group: mostly dependent territories
# Rounded 2024 populations (millions) of the largest economies, so that world and regional totals look plausible;
# every other population is drawn.
LARGEST_POPULATIONS_M = {
    "IND": 1440, "CHN": 1410, "USA": 340, "IDN": 280, "PAK": 245, "NGA": 230, "BRA": 212, "BGD": 173, "RUS": 144,
    "ETH": 130, "MEX": 130, "JPN": 124, "PHL": 116, "EGY": 115, "COD": 110, "VNM": 101, "IRN": 90, "TUR": 86,
    "DEU": 84, "THA": 72, "GBR": 69, "FRA": 68, "TZA": 68, "ZAF": 63, "ITA": 59, "KEN": 56, "COL": 53, "KOR": 52,
}
FEW_WOMEN = ("ARE", "QAT", "BHR", "KWT", "OMN", "SAU")   # large male migrant workforces

# Official currencies for the tariff plans: ISO 4217 code and an approximate 2015 rate (units per US dollar).
# Economies not listed quote their tariffs in USD.
CURRENCY_RATE_2015 = {
    "USD": 1.0, "EUR": 0.90, "GBP": 0.65, "JPY": 121.0, "CNY": 6.23, "INR": 64.2, "KES": 98.2, "NGN": 193.0,
    "ZAR": 12.8, "BRL": 3.33, "MXN": 15.8, "RUB": 60.9, "CHF": 0.96, "CAD": 1.28, "AUD": 1.33, "NZD": 1.43,
    "SEK": 8.43, "NOK": 8.06, "DKK": 6.73, "PLN": 3.77, "TRY": 2.72, "IDR": 13390.0, "PHP": 45.5, "EGP": 7.69,
    "PKR": 102.8, "BDT": 77.9, "VND": 21900.0, "THB": 34.2, "KRW": 1131.0, "XOF": 590.0, "XAF": 590.0, "XCD": 2.7,
    "XPF": 107.5, "ARS": 9.27, "CLP": 654.0, "COP": 2742.0, "PEN": 3.19, "SAR": 3.75, "AED": 3.6725, "ILS": 3.89,
    "MAD": 9.76, "ETB": 20.6, "GHS": 3.7, "UGX": 3204.0, "TZS": 2000.0,
}
PEGGED = ("USD", "SAR", "AED", "XCD")
EURO_LINKED = {"XOF": 655.957, "XAF": 655.957, "XPF": 119.332, "DKK": 7.46}   # fixed to the euro
CURRENCY_OF = {
    **dict.fromkeys("AUT BEL CYP DEU ESP EST FIN FRA GRC HRV IRL ITA LTU LUX LVA MLT NLD PRT SVK SVN AND MCO SMR "
                    "VAT MNE XKX ALA GLP GUF MTQ MYT REU BLM SPM ATF".split(), "EUR"),
    **dict.fromkeys("USA PRI GUM VIR ASM MNP UMI ECU SLV PAN TLS FSM MHL PLW TCA VGB BES IOT".split(), "USD"),
    **dict.fromkeys("GBR JEY GGY IMN SHN FLK SGS".split(), "GBP"),
    **dict.fromkeys("AUS CXR CCK NFK KIR NRU TUV".split(), "AUD"),
    **dict.fromkeys("NZL COK NIU TKL PCN".split(), "NZD"),
    **dict.fromkeys("NOR SJM".split(), "NOK"), **dict.fromkeys("DNK GRL FRO".split(), "DKK"),
    **dict.fromkeys("CHE LIE".split(), "CHF"),
    **dict.fromkeys("BEN BFA CIV GNB MLI NER SEN TGO".split(), "XOF"),
    **dict.fromkeys("CMR CAF TCD COG GNQ GAB".split(), "XAF"),
    **dict.fromkeys("AIA ATG DMA GRD KNA LCA MSR VCT".split(), "XCD"),
    **dict.fromkeys("PYF NCL WLF".split(), "XPF"),
    "JPN": "JPY", "CHN": "CNY", "IND": "INR", "KEN": "KES", "NGA": "NGN", "ZAF": "ZAR", "BRA": "BRL", "MEX": "MXN",
    "RUS": "RUB", "CAN": "CAD", "SWE": "SEK", "POL": "PLN", "TUR": "TRY", "IDN": "IDR", "PHL": "PHP", "EGY": "EGP",
    "PAK": "PKR", "BGD": "BDT", "VNM": "VND", "THA": "THB", "KOR": "KRW", "ARG": "ARS", "CHL": "CLP", "COL": "COP",
    "PER": "PEN", "SAU": "SAR", "ARE": "AED", "ISR": "ILS", "MAR": "MAD", "ETH": "ETB", "GHA": "GHS", "UGA": "UGX",
    "TZA": "TZS",
}


def logistic(x: np.ndarray | float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def by_level(level: np.ndarray, knots: dict[float, float]) -> np.ndarray:
    """Piecewise-linear function of the development level through {level: value} knots (flat outside)."""
    xs = sorted(knots)
    return np.interp(level, xs, [knots[x] for x in xs])


def publish_count(values: np.ndarray) -> np.ndarray:
    """Counts as the ITU DataHub publishes them: whole numbers to 6 significant digits ('%g')."""
    flat = [float(f"{v:g}") if np.isfinite(v) else np.nan for v in np.rint(values).ravel()]
    return np.array(flat).reshape(values.shape)


@dataclass
class World:
    economies: pd.DataFrame          # economies.csv rows in the demo (sorted by iso3), with `level` and `currency`
    series: dict[str, np.ndarray]    # project series code (or basket key) -> economies x YEARS (NaN = not reported)


def build_world(rng: np.random.Generator) -> World:
    """Draw the whole world: economies, demography, economy, education and ICT diffusion."""
    econ = ref.economies()
    econ = econ[~econ["iso3"].isin(UNINHABITED)].sort_values("iso3").reset_index(drop=True)
    base = np.array([INCOME_LEVEL.get(g, UNCLASSIFIED_LEVEL.get(i, TERRITORY_LEVEL))
                     for g, i in zip(econ["wb_income_group"], econ["iso3"])])
    level = base + rng.normal(0.0, 0.35, len(econ))
    econ = econ.assign(level=level, currency=[CURRENCY_OF.get(i, "USD") for i in econ["iso3"]])
    series: dict[str, np.ndarray] = {}
    _demography(econ, rng, series)
    _economy(econ, rng, series)
    _education(econ, rng, series)
    _ict(econ, rng, series)
    return World(econ, series)


def _demography(econ: pd.DataFrame, rng: np.random.Generator, s: dict) -> None:
    n, level = len(econ), econ["level"].to_numpy()
    log_pop = np.where(econ["sids"], rng.normal(5.2, 0.6, n),
                       np.where(econ["wb_income_group"] == "", rng.normal(4.6, 0.8, n),
                                np.maximum(5.7, rng.normal(6.9, 0.6, n))))
    pop2024 = np.array([LARGEST_POPULATIONS_M.get(i, 0) * 1e6 or 10 ** lp for i, lp in zip(econ["iso3"], log_pop)])
    growth = np.clip(0.028 - 0.009 * (level + 1.5), -0.006, 0.032) + rng.normal(0.0, 0.003, n)
    total = np.rint(pop2024[:, None] * np.exp(-growth[:, None] * (YEARS[-1] - 2000 - T)))
    share = np.where(econ["iso3"].isin(FEW_WOMEN), rng.uniform(0.25, 0.42, n), 0.503 + rng.normal(0.0, 0.006, n))
    female = np.rint(total * (share[:, None] + 0.0002 * (T - 12)))
    s["POP_TOTAL"], s["POP_FEMALE"], s["POP_MALE"] = total, female, total - female
    urban_shift = rng.normal(0.0, 0.5, n)
    s["POP_URBAN_PCT"] = np.round(100 * logistic(0.9 * level[:, None] + 0.4 + urban_shift[:, None] + 0.02 * T), 3)


PRIVATE_CONSUMPTION_PRICE_RATIO = 0.93   # demo only: consumer prices a little below the GDP price level


def _economy(econ: pd.DataFrame, rng: np.random.Generator, s: dict) -> None:
    """GNI per capita (Atlas, USD), exchange rate (LCU per USD) and PPP conversion factors (LCU per international $,
    GDP and private consumption)."""
    n, level = len(econ), econ["level"].to_numpy()
    gni2000 = np.exp(8.0 + 1.35 * level + rng.normal(0.0, 0.3, n))
    growth = 0.035 - 0.004 * level + rng.normal(0.0, 0.012, n)
    shocks = -0.05 * (YEARS >= 2009) - 0.06 * (YEARS >= 2020) + 0.04 * (YEARS >= 2021)   # crisis and pandemic
    s["GNI_PC_ATLAS_USD"] = np.round(gni2000[:, None] * np.exp(growth[:, None] * T + shocks[None, :]), -1)
    s["FX_RATE"] = _exchange_rates(econ, rng)
    price_level = 0.28 + 0.75 * logistic(1.3 * (level - 0.3)) + rng.normal(0.0, 0.06, n)
    price_level[econ["iso3"].to_numpy() == "USA"] = 1.0
    s["PPP_FACTOR"] = s["FX_RATE"] * np.clip(price_level, 0.2, 1.6)[:, None]
    s["PPP_FACTOR_PRVT"] = s["PPP_FACTOR"] * PRIVATE_CONSUMPTION_PRICE_RATIO   # no extra draw: the rest stays as it was


def _exchange_rates(econ: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Shared paths for listed currencies (pegs stay fixed), an own drifting currency for every other economy."""
    def path(rate_2015: float, drift: float, wobble: float) -> np.ndarray:
        walk = np.cumsum(rng.normal(0.0, wobble, len(YEARS)))
        return rate_2015 * np.exp(drift * (YEARS - 2015) + walk - walk[YEARS == 2015])

    paths = {c: path(r, rng.normal(0.02, 0.02), 0.04) for c, r in sorted(CURRENCY_RATE_2015.items())}
    paths.update({c: np.full(len(YEARS), CURRENCY_RATE_2015[c]) for c in PEGGED})
    paths.update({c: paths["EUR"] * k for c, k in EURO_LINKED.items()})
    level = econ["level"].to_numpy()
    own_2015 = np.exp(rng.normal(np.log(40.0), 1.8, len(econ)))
    own_drift = np.clip(0.06 - 0.03 * (level + 1.5), 0.0, 0.12) + rng.normal(0.0, 0.01, len(econ))
    rates = [paths[c] if i in CURRENCY_OF else path(r, d, 0.03)
             for i, c, r, d in zip(econ["iso3"], econ["currency"], own_2015, own_drift)]
    return np.array(rates)


def _education(econ: pd.DataFrame, rng: np.random.Generator, s: dict) -> None:
    """Gross enrolment ratios (may exceed 100), with the gaps the WDI series have, and mean years of schooling."""
    n, level = len(econ), econ["level"].to_numpy()
    shift = rng.normal(0.0, 0.4, n)[:, None]
    secondary = 20 + 95 * logistic(1.3 * level[:, None] + 0.5 + 0.06 * T + shift)
    tertiary = 2 + 85 * logistic(1.2 * (level[:, None] - 0.6) + 0.05 * T + shift)
    s["GER_SECONDARY"] = np.where(rng.random(secondary.shape) < 0.25, np.nan, np.round(secondary, 3))
    s["GER_TERTIARY"] = np.where(rng.random(tertiary.shape) < 0.3, np.nan, np.round(tertiary, 3))
    schooling = 2 + 11.5 * logistic(1.1 * level[:, None] + 0.3 + 0.02 * T + shift)
    s["MEAN_YEARS_SCHOOLING"] = np.where((YEARS % 5 == 0)[None, :], np.round(schooling, 2), np.nan)


def _curve(level: np.ndarray, rng: np.random.Generator, t0: dict, k: dict, t0_sd: float = 1.0) -> np.ndarray:
    """Share of the ceiling reached: logistic in the year, timing and speed set by the development level."""
    mid = by_level(level, t0) + rng.normal(0.0, t0_sd, len(level))
    speed = by_level(level, k) + rng.normal(0.0, 0.02, len(level))
    return logistic(speed[:, None] * (YEARS[None, :] - mid[:, None]))


def _launch(level: np.ndarray, rng: np.random.Generator, knots: dict, low: int, high: int) -> np.ndarray:
    return np.clip(np.rint(by_level(level, knots) + rng.normal(0.0, 1.2, len(level))), low, high).astype(int)


def _ict(econ: pd.DataFrame, rng: np.random.Generator, s: dict) -> None:
    n, level = len(econ), econ["level"].to_numpy()
    pop = s["POP_TOTAL"]
    lv = level[:, None]
    # Individuals using the Internet (%)
    ceiling = 55 + 43 * logistic(1.8 * (lv + 0.6))
    users = ceiling * _curve(level, rng, {-1.45: 2024, -0.45: 2016, 0.45: 2009, 1.5: 2003},
                             {-1.45: 0.18, -0.45: 0.25, 0.45: 0.30, 1.5: 0.32})
    s["INET_USERS_PCT"] = np.round(users, 2)
    # Mobile-cellular, fixed-telephone, fixed- and mobile-broadband subscriptions
    mobile_cap = np.clip(95 + 35 * logistic(lv) + rng.normal(0.0, 15.0, n)[:, None], 70, 180)
    mobile = mobile_cap * _curve(level, rng, {-1.45: 2013, -0.45: 2009, 0.45: 2006, 1.5: 2000},
                                 {-1.45: 0.45, 1.5: 0.45})
    _counts(s, "MOB_SUBS", mobile, pop)
    peak = 0.3 + 50 * logistic(2.2 * (lv - 0.7)) * np.exp(rng.normal(0.0, 0.2, n))[:, None]
    decline = 0.45 * logistic(2 * lv) * logistic(0.35 * (YEARS[None, :] - 2014))
    _counts(s, "FTEL_SUBS", peak * (0.7 + 0.3 * logistic(0.3 * (T - 5))) * (1 - decline), pop)
    fbb_cap = 0.3 + 45 * logistic(1.8 * (lv - 0.55))
    fbb = fbb_cap * _curve(level, rng, {-1.45: 2018, -0.45: 2014, 0.45: 2011, 1.5: 2006}, {-1.45: 0.35, 1.5: 0.35})
    _counts(s, "FBB_SUBS", np.where(fbb >= 0.05, fbb, np.nan), pop)
    mbb_launch = _launch(level, rng, {-1.45: 2010, 1.5: 2004}, 2002, 2014)
    mbb_cap = 60 + 70 * logistic(1.2 * lv) + rng.normal(0.0, 12.0, n)[:, None]
    mbb = mbb_cap * _curve(level, rng, {-1.45: 2020, -0.45: 2017, 0.45: 2014, 1.5: 2011}, {-1.45: 0.45, 1.5: 0.45})
    _counts(s, "MBB_SUBS", np.where(YEARS[None, :] >= mbb_launch[:, None], mbb, np.nan), pop)
    # Households with Internet access at home and with a computer (%)
    home_ratio = by_level(level, {-1.45: 0.65, 0.0: 0.9, 1.5: 1.02}) * np.exp(rng.normal(0.0, 0.05, n))
    s["HH_INET_PCT"] = np.round(np.clip(users * home_ratio[:, None], 0.0, 99.0), 2)
    computer_cap = 3 + 85 * logistic(1.9 * (lv - 0.2))
    computer = computer_cap * _curve(level, rng, {-1.45: 2016, 1.5: 1998}, {-1.45: 0.25, 1.5: 0.25})
    s["HH_COMP_PCT"] = np.round(computer, 2)
    _coverage(level, rng, s)
    # International bandwidth used (Mbit/s): Internet users times bandwidth per user (kbit/s), growing ~25% a year
    per_user_kbps = 3.0 * np.exp(0.8 * (lv - 1.5) + rng.normal(0.0, 0.4, n)[:, None]) * 1.25 ** T
    s["INTL_BW_MBPS"] = np.maximum(1.0, np.round(users / 100 * pop * per_user_kbps / 1000))


def _counts(s: dict, code: str, per_100: np.ndarray, pop: np.ndarray) -> None:
    """A count (as published, 6 significant digits) and its per-100 series computed from that count."""
    count = publish_count(per_100 * pop / 100)
    s[code] = count
    s[f"{code}_P100"] = count / pop * 100


def _coverage(level: np.ndarray, rng: np.random.Generator, s: dict) -> None:
    """Population coverage by technology (%), 2G >= 3G >= 4G >= 5G; a technology appears from its launch year."""
    n = len(level)
    cap2 = 90 + 9.9 * logistic(2 * level + 1)
    first2 = np.clip(40 + 58 * logistic(1.5 * level + 1) + rng.normal(0.0, 5.0, n), 10, 99)
    cov = {"2G": cap2[:, None] - (cap2 - first2)[:, None] * np.exp(-0.25 * T)}
    launch = {"3G": ({-1.45: 2010, 1.5: 2003}, 2001, 2015, 0.35), "4G": ({-1.45: 2016, 1.5: 2011}, 2010, 2022, 0.4)}
    previous = "2G"
    for tech, (knots, low, high, speed) in launch.items():
        cov[tech] = _ramp(cov[previous], _launch(level, rng, knots, low, high), speed)
        previous = tech
    has_5g = rng.random(n) < logistic(2.5 * (level + 0.2))
    launch_5g = np.where(has_5g, _launch(level, rng, {0.0: 2022, 1.5: 2019}, 2019, 2024), 9999)
    cov["5G"] = _ramp(cov["4G"], launch_5g, 0.05 + 0.35 * logistic(2 * (level - 0.5))[:, None])
    upper = np.full((n, len(YEARS)), np.inf)
    for tech in ("2G", "3G", "4G", "5G"):
        upper = np.fmin(upper, np.round(cov[tech], 1))   # rounding never lets a newer technology overtake
        s[f"COV_{tech}_PCT"] = np.where(np.isnan(cov[tech]), np.nan, upper)


def _ramp(previous: np.ndarray, launch: np.ndarray, speed: np.ndarray | float) -> np.ndarray:
    """Coverage of a newer technology: approaches the previous technology's coverage from its launch year."""
    since = YEARS[None, :] - launch[:, None] + 1
    return np.where(since >= 1, previous * (1 - np.exp(-speed * np.maximum(since, 0))), np.nan)
