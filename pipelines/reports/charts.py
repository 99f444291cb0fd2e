"""Facts-and-Figures style charts (PNG and SVG), each with the CSV of the numbers it plots and where they came from.

Region and world values come from the SDG aggregates (`sdg_indicators`, area_type aggregate) when the release
publishes them, otherwise from the profile comparators; both are the aggregation engine's values (indicators/
aggregates), and affordability is price_basket_medians as published. Each chart's title gives the year it shows.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from indicators.profiles.build import AFFORDABILITY_TARGET_PCT
from pipelines.core import csv_output
from pipelines.reports import INCOME_NAMES, REGION_NAMES, PublishedRelease

COLOURS = ["#0b4f8a", "#a4461a", "#3d5a1e"]


@lru_cache(maxsize=None)
def _pyplot():
    """matplotlib's pyplot (Agg backend, the project's settings), imported when a chart is drawn: importing it costs
    about a second, which every process loading the Dagster definitions would otherwise pay."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.hashsalt": "isoc", "font.size": 9})
    return plt


SDG_SERIES = {"internet_users_female_pct": ("IT_USE_ii99", "F"), "internet_users_male_pct": ("IT_USE_ii99", "M"),
              "cov_3g_pct": ("IT_MOB_3GNTWK", "_T"), "cov_4g_pct": ("IT_MOB_4GNTWK", "_T"),
              "cov_5g_pct": ("IT_MOB_5GNTWK", "_T")}
GROUP_NAMES = {**{code: name for code, name in REGION_NAMES.items() if code}, "WLD": "World"}   # ITU regions
PROFILE_SOURCE = "country_profiles comparators"
SDG_SOURCE = "sdg_indicators aggregates"


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    data: pd.DataFrame     # index: categories; columns: plotted series
    unit: str
    year: int | None
    source: str


def group_values(profiles: pd.DataFrame, items: list[str]) -> pd.DataFrame:
    """Region and world comparator values per year (rows: group name, year), from the profile columns."""
    regions = profiles.groupby(["itu_region", "time_period"])[[f"{i}_region" for i in items]].first()
    regions.columns = items
    regions = regions.rename(index=REGION_NAMES, level=0)
    world = profiles.groupby("time_period")[[f"{i}_world" for i in items]].first()
    world.columns = items
    world.index = pd.MultiIndex.from_product([["World"], world.index])
    return pd.concat([regions, world]).rename_axis(["group", "time_period"])


def sdg_group_values(sdg: pd.DataFrame) -> pd.DataFrame:
    """The same frame as group_values, from the SDG aggregates of the ITU regions and the world (totals only)."""
    rows = sdg[(sdg["area_type"] == "aggregate") & sdg["ref_area"].isin(list(GROUP_NAMES)) & (sdg["age"] == "_T")
               & (sdg["urbanisation"] == "_T") & (sdg["composite_breakdown"] == "_T")]
    columns = {}
    for item, (series, sex) in SDG_SERIES.items():
        chosen = rows[(rows["series"] == series) & (rows["sex"] == sex)]
        columns[item] = chosen.set_index([chosen["ref_area"].map(GROUP_NAMES), "time_period"])["obs_value"]
    values = pd.DataFrame(columns).rename_axis(["group", "time_period"])
    values["internet_gender_parity"] = values["internet_users_female_pct"] / values["internet_users_male_pct"]
    return values


def _best_year(values: pd.DataFrame, column: str) -> int | None:
    """The year in which most groups have a value of `column` (the latest such year on a tie)."""
    counts = values[column].notna().groupby(level="time_period").sum()
    counts = counts[counts > 0]
    return int(max(counts.index, key=lambda year: (counts[year], year))) if len(counts) else None


def _group_chart(sources: list[tuple[pd.DataFrame, str]], name: str, title: str, items: dict[str, str],
                 unit: str) -> Chart:
    """The first source (SDG aggregates, then profile comparators) that has any value of the chart's first item."""
    values, source = next(((v, s) for v, s in sources if v[next(iter(items))].notna().any()), sources[-1])
    values = values[list(items)]
    year = _best_year(values, next(iter(items)))
    data = (values.xs(year, level="time_period") if year else pd.DataFrame(columns=list(items))).rename(columns=items)
    return Chart(name, title, data.reindex(list(GROUP_NAMES.values())), unit, year, source)


AFFORDABILITY_BASKETS = {"i154_FBB5": "Fixed broadband 5 GB", "i271mb_5GB": "Mobile broadband 5 GB"}


def affordability(medians: pd.DataFrame | None) -> Chart:
    """Median basket price as % of GNI per capita by income group, as price_basket_medians publishes it (reported
    prices), in the latest year with a fixed-broadband median for every income group."""
    groups = {f"WB_{code}": name for code, name in INCOME_NAMES.items()}
    rows = pd.DataFrame() if medians is None else medians[
        medians["group_code"].isin(list(groups)) & medians["basket"].isin(list(AFFORDABILITY_BASKETS))
        & (medians["method"] == "reported")]
    data = rows.pivot_table(index=["time_period", "group_code"], columns="basket", values="median_pct_gni")
    first = next(iter(AFFORDABILITY_BASKETS))
    complete = data[first].groupby(level="time_period").count() == len(groups) if len(data) else pd.Series()
    year = int(complete[complete].index.max()) if complete.any() else None
    table = (data.xs(year, level="time_period") if year else pd.DataFrame()).reindex(
        index=list(groups), columns=list(AFFORDABILITY_BASKETS))
    return Chart("affordability_by_income_group", "Basket price as % of monthly GNI per capita, median by income "
                 "group", table.rename(index=groups, columns=AFFORDABILITY_BASKETS), "% of GNI p.c.", year,
                 "price_basket_medians")


def build_charts(release: PublishedRelease) -> list[Chart]:
    profiles, sdg = release.profiles(), release.table("sdg_indicators")
    sources = [(group_values(profiles, list(SDG_SERIES) + ["internet_gender_parity"]), PROFILE_SOURCE)]
    if sdg is not None:
        sources.insert(0, (sdg_group_values(sdg), SDG_SOURCE))
    return [
        _group_chart(sources, "internet_use_by_region_and_sex", "Individuals using the Internet by region and sex",
                     {"internet_users_female_pct": "Women", "internet_users_male_pct": "Men"}, "% of population"),
        _group_chart(sources, "gender_parity_by_region", "Gender parity score for Internet use by region",
                     {"internet_gender_parity": "Parity score"}, "female rate / male rate"),
        _group_chart(sources, "coverage_by_technology", "Population covered by mobile network technology",
                     {"cov_3g_pct": "3G", "cov_4g_pct": "4G/LTE", "cov_5g_pct": "5G"}, "% of population"),
        affordability(release.table("price_basket_medians")),
    ]


def _plot(chart: Chart):
    fig, ax = _pyplot().subplots(figsize=(8, 4.5), dpi=100)
    data = chart.data.astype(float)
    if data.notna().any().any():
        data.plot.bar(ax=ax, color=COLOURS[:len(data.columns)], rot=20, width=0.8)
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    else:
        ax.text(0.5, 0.5, "No data", ha="center", va="center", transform=ax.transAxes)
    if chart.name == "gender_parity_by_region":
        ax.axhspan(0.98, 1.02, color="#767676", alpha=0.25, label="parity (0.98-1.02)")
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    if chart.name == "affordability_by_income_group":
        ax.axhline(AFFORDABILITY_TARGET_PCT, color="#1a1a1a", linestyle="--", linewidth=1)
        ax.annotate("2% target", (1, AFFORDABILITY_TARGET_PCT), xycoords=("axes fraction", "data"), ha="right",
                    textcoords="offset points", xytext=(0, 4))
    ax.set_title(chart.title + (f" ({chart.year})" if chart.year else ""), loc="left")
    fig.text(0.01, 0.01, f"Source: {chart.source}", fontsize=7)
    ax.set_ylabel(chart.unit)
    ax.set_xlabel("")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def write_charts(release: PublishedRelease, out: Path) -> list[Path]:
    """<name>.png, <name>.svg and <name>.csv (the plotted numbers) for every chart."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for chart in build_charts(release):
        fig = _plot(chart)
        for suffix in ("png", "svg"):
            path = out / f"{chart.name}.{suffix}"
            fig.savefig(path, format=suffix, metadata={"Date": None} if suffix == "svg" else None)
            written.append(path)
        _pyplot().close(fig)
        csv = out / f"{chart.name}.csv"
        csv_output.write_csv(chart.data.rename_axis("group").assign(year=chart.year, source=chart.source), csv,
                             float_format="%.4f")
        written.append(csv)
    return written
