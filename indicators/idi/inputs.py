"""IDI inputs: for each economy and indicator of an edition, the value used and how it was obtained.

Order of preference for the edition's data year Y (each row says which applied, in `method`):
1. reported   the series itself, for Y;
2. derived    computed for Y from other staged series (per 100 inhabitants from the count and population;
              bandwidth per Internet user from total bandwidth, % Internet users and population);
3. carried_forward  the latest reported/derived value of the `carry_back_years` years before Y   (imputed, E);
4. group_median     the median of Y's reported/derived values in the economy's World Bank income group,
                    when at least `min_donors` economies give one                                  (imputed, E);
5. missing    none of the above: the economy cannot be scored and is published without a score or rank.
An economy appears when at least one of its inputs is reported, derived or carried forward; no economy is made
up entirely of group medians.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipelines.core import warehouse
from schemas.idi_editions import Edition, Indicator, load_edition

SQL = Path(__file__).resolve().parent / "inputs.sql"
KEY = ["ref_area", "time_period"]
COUNTRY_NATURES = {"C", "CA"}
COLUMNS = ["edition", "ref_area", "time_period", "sub_index", "indicator", "series", "value", "value_year", "method",
           "imputed", "nature", "source"]


def _series(obs: pd.DataFrame, code: str) -> pd.DataFrame:
    return obs.loc[obs["series"] == code, KEY + ["value", "nature", "source"]]


def _combine(parts: list[pd.DataFrame], formula) -> pd.DataFrame:
    """Join component series on economy-year and apply `formula(*values)`; nature CA if every part is country data."""
    joined = parts[0]
    for i, part in enumerate(parts[1:], start=1):
        joined = joined.merge(part, on=KEY, suffixes=("", f"_{i}"))
    if joined.empty:
        return pd.DataFrame(columns=KEY + ["value", "nature", "source"])
    values = [joined["value"]] + [joined[f"value_{i}"] for i in range(1, len(parts))]
    natures = [joined["nature"]] + [joined[f"nature_{i}"] for i in range(1, len(parts))]
    sources = [joined["source"]] + [joined[f"source_{i}"] for i in range(1, len(parts))]
    country = pd.concat([n.isin(COUNTRY_NATURES) for n in natures], axis=1).all(axis=1)
    return pd.DataFrame({
        "ref_area": joined["ref_area"], "time_period": joined["time_period"], "value": formula(*values),
        "nature": country.map({True: "CA", False: "E"}),
        "source": _distinct_joined(sources)})


def _distinct_joined(sources: list[pd.Series]) -> pd.Series:
    """Each row's distinct sources joined by '; ' in order ('?' for none); a list per column, not a row-wise agg."""
    texts = [s.astype("string").fillna("?").tolist() for s in sources]
    return pd.Series(["; ".join(dict.fromkeys(row)) for row in zip(*texts)], index=sources[0].index)


def _per_100(obs: pd.DataFrame, ind: Indicator) -> pd.DataFrame:
    return _combine([_series(obs, ind.count_series), _series(obs, "POP_TOTAL")], lambda n, pop: n / pop * 100)


def _bandwidth_per_user(obs: pd.DataFrame, ind: Indicator) -> pd.DataFrame:
    parts = [_series(obs, "INTL_BW_MBPS"), _series(obs, "INET_USERS_PCT"), _series(obs, "POP_TOTAL")]
    return _combine(parts, lambda mbps, pct, pop: mbps * 1e6 / (pct / 100 * pop))


DERIVATIONS = {"per_100_inhabitants": (_per_100, "{count} / POP_TOTAL x 100"),
               "bandwidth_per_internet_user": (_bandwidth_per_user,
                                               "INTL_BW_MBPS x 1e6 / (INET_USERS_PCT / 100 x POP_TOTAL)")}


def series_needed(edition: Edition) -> list[str]:
    needed = {"POP_TOTAL", "INTL_BW_MBPS", "INET_USERS_PCT"}
    for ind in edition.indicators:
        needed |= {ind.series} | ({ind.count_series} if ind.count_series else set())
    return sorted(needed)


def candidates(obs: pd.DataFrame, ind: Indicator) -> pd.DataFrame:
    """Reported values of the indicator, completed by derived values for economy-years that report none."""
    reported = _series(obs, ind.series).assign(method="reported")
    if not ind.derive:
        return reported[reported["value"].notna()]
    derive, formula = DERIVATIONS[ind.derive]
    derived = derive(obs, ind).assign(method="derived")
    derived["source"] = f"derived: {formula.format(count=ind.count_series)} (" + derived["source"] + ")"
    derived = derived[derived["value"].notna() & ~derived.set_index(KEY).index.isin(reported.set_index(KEY).index)]
    both = pd.concat([reported, derived], ignore_index=True)
    return both[both["value"].notna()]


@dataclass(frozen=True)
class _Sources:
    """Where one indicator's value for the data year can come from, per economy (indexed by ref_area)."""
    at_year: dict[str, dict]    # per economy: reported or derived for the data year (a dict: looked up per row)
    earlier: dict[str, dict]    # per economy: latest reported or derived value within the carry-back window
    medians: pd.Series          # data-year median per income group
    donors: pd.Series           # economies behind each median

    @classmethod
    def of(cls, cand: pd.DataFrame, year: int, carry: int, income_group: dict[str, str]) -> "_Sources":
        at_year = cand[cand["time_period"] == year].set_index("ref_area")
        window = cand[(cand["time_period"] < year) & (cand["time_period"] >= year - carry)]
        by_group = at_year.assign(group=at_year.index.map(income_group)).groupby("group")["value"]
        earlier = window.sort_values("time_period").groupby("ref_area").last()
        return cls(at_year.to_dict("index"), earlier.to_dict("index"), by_group.median(), by_group.size())

    def value_for(self, area: str, group: str | None, year: int, min_donors: float) -> dict:
        if area in self.at_year:
            hit = self.at_year[area]
            return {"value": hit["value"], "value_year": year, "method": hit["method"], "imputed": False,
                    "nature": hit["nature"], "source": hit["source"]}
        if area in self.earlier:
            hit = self.earlier[area]
            made = int(hit["time_period"])
            return {"value": hit["value"], "value_year": made, "method": "carried_forward", "imputed": True,
                    "nature": "E", "source": f"carried forward from {made} ({hit['source']})"}
        if group in self.donors.index and self.donors[group] >= min_donors:
            return {"value": self.medians[group], "value_year": None, "method": "group_median", "imputed": True,
                    "nature": "E", "source": f"median of {self.donors[group]} economies in World Bank income group "
                                             f"{group}, {year}"}
        return {"value": None, "value_year": None, "method": "missing", "imputed": False, "nature": None,
                "source": None}


def edition_inputs(edition: Edition, obs: pd.DataFrame, income_group: dict[str, str]) -> pd.DataFrame:
    year, carry = edition.data_year, int(edition.carry_back_years.value)
    sources = {(sub.code, ind): _Sources.of(candidates(obs, ind), year, carry, income_group)
               for sub in edition.sub_indices for ind in sub.indicators}
    economies = sorted(set().union(*({*s.at_year, *s.earlier} for s in sources.values())))
    rows = [{"edition": edition.edition, "ref_area": area, "time_period": year, "sub_index": sub, "indicator": ind.code,
             "series": ind.series, **src.value_for(area, income_group.get(area), year, edition.min_donors.value)}
            for (sub, ind), src in sources.items() for area in economies]
    return pd.DataFrame(rows, columns=COLUMNS)


def compute(con, params: dict) -> pd.DataFrame:
    frames = []
    for name in params["editions"]:
        edition = load_edition(str(name))
        obs = warehouse.run_file(con, SQL, {"series": series_needed(edition), "last_year": edition.data_year,
                                            "first_year": edition.data_year - int(edition.carry_back_years.value)})
        groups = dict(obs[["ref_area", "wb_income_group"]].drop_duplicates().itertuples(index=False, name=None))
        frames.append(edition_inputs(edition, obs, groups))
    frame = pd.concat(frames, ignore_index=True).astype({"value_year": "Int64", "value": "Float64"})
    return frame.sort_values(["edition", "time_period", "ref_area", "indicator"], ignore_index=True)
