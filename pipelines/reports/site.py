"""Static, self-contained profile site: index.html plus one page per economy, charts as inline SVG.

Accessibility: one <h1> per page and ordered <h2>s, `lang`, table captions with <th scope>, charts with <title>
and <desc>, text colours with contrast of at least 4.5:1 on white, estimates marked in words (not by colour alone).
No scripts, fonts, images or links outside the site.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

import pandas as pd

from pipelines.reports import NO_DATA, INCOME_NAMES, PublishedRelease, by_region, is_estimate, region_name, svg
from schemas.profile_items import Item, item, items

CSS = """body{font-family:sans-serif;color:#1a1a1a;background:#fff;max-width:60rem;margin:1rem auto;padding:0 1rem;
line-height:1.4}a{color:#0b4f8a}table{border-collapse:collapse;margin:1rem 0}caption{text-align:left;
font-weight:bold;margin-bottom:.3rem}th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left}
td.num{text-align:right}.note{color:#4a4a4a;font-size:.9rem}"""


def fmt(value, item: Item) -> str:
    """A value as printed in the profile; 'no data' for a missing one."""
    if value is None or pd.isna(value):
        return NO_DATA
    if item.kind == "flag":
        return "yes" if bool(value) else "no"
    if item.kind == "rank" or item.unit == "persons":
        return f"{int(round(float(value))):,}"
    if item.unit == "USD" and item.item.startswith("gni"):
        return f"{float(value):,.0f}"
    return f"{float(value):.2f}"


def _page(title: str, body: list[str]) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>\n" + "\n".join(body)
            + "\n</body></html>\n")


def _indicator_table(row: dict) -> str:
    head = ("<table><caption>Key indicators, latest year with data (economy, its ITU region and the world in that "
            "year)</caption><thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in
                                                   ("Indicator", "Year", "Economy", "Region", "World", "Note"))
            + "</tr></thead><tbody>")
    lines = []
    for it in items():
        year = row[f"{it.item}_year"]
        comparators = [fmt(row[f"{it.item}_{c}"], it) if it.comparators else "not aggregated" for c in ("region",
                                                                                                       "world")]
        note = "estimate" if is_estimate(row[f"{it.item}_nature"]) else ""
        cells = ["" if pd.isna(year) else str(int(year)), fmt(row[it.item], it), *comparators, note]
        unit = f" ({it.unit})" if it.kind == "number" else ""
        lines.append(f'<tr><th scope="row">{escape(it.title + unit)}</th>'
                     + "".join(f'<td class="num">{escape(c)}</td>' for c in cells[:-1]) + f"<td>{cells[-1]}</td></tr>")
    return head + "".join(lines) + "</tbody></table>"


HISTORY = ("internet_users_pct", "internet_users_pct_region", "internet_users_pct_world")   # the line chart's


def histories(profiles: pd.DataFrame) -> dict[str, dict[str, dict[int, float]]]:
    """{economy: {column: {year: value}}} of the HISTORY columns, the years with a value in profile order: one pass
    over the profiles, not one filter per economy and column (247 economies x 3 columns cost seconds)."""
    out: dict[str, dict[str, dict[int, float]]] = {}
    for column in HISTORY:
        values = profiles[["ref_area", "time_period", column]].dropna()
        for area, year, value in zip(values["ref_area"], values["time_period"], values[column]):
            out.setdefault(area, {}).setdefault(column, {})[int(year)] = float(value)
    return out


def economy_page(row: dict, history: dict[str, dict[int, float]], release: str) -> str:
    """One economy's page from its `latest` row and its `histories` entry."""
    name = row["name"]
    groups = [g for g, flag in (("LDC", row["ldc"]), ("LLDC", row["lldc"]), ("SIDS", row["sids"])) if flag]
    lines = [history.get(column, {}) for column in HISTORY]
    internet = svg.line_chart("internet", f"Individuals using the Internet, {name}, its region and the world",
                              dict(zip([name, region_name(row["itu_region"]), "World"], lines)), "% of population")
    coverage = svg.bar_chart(
        "coverage", f"Population covered by mobile network technology, {name} (latest year of each)",
        [(tech, [None if pd.isna(row[f"cov_{tech.lower()}_pct{s}"]) else float(row[f"cov_{tech.lower()}_pct{s}"])
                 for s in ("", "_region", "_world")]) for tech in ("3G", "4G", "5G")],
        [name, region_name(row["itu_region"]), "World"], "% of population")
    rank = "unranked" if pd.isna(row["idi_rank"]) else f"rank {fmt(row['idi_rank'], item('idi_rank'))}"
    idi = (f"<p>IDI value {fmt(row['idi'], item('idi'))} ({rank}, {int(row['idi_year'])}).</p>"
           if pd.notna(row["idi"]) else
           "<p>No data: this release publishes no ICT Development Index for this economy.</p>")
    body = [f"<header><p><a href=\"index.html\">All economies</a></p><h1>{escape(name)}: ICT country profile</h1>",
            f"<p>Release {escape(release)} · ITU region {escape(region_name(row['itu_region']))} · "
            f"{escape(INCOME_NAMES.get(row['wb_income_group'], row['wb_income_group']))}"
            + (f" · {', '.join(groups)}" if groups else "") + "</p></header><main>",
            "<h2>Key indicators</h2>", _indicator_table(row),
            "<h2>Internet use over time</h2>", f"<figure>{internet}</figure>",
            "<h2>Mobile network coverage</h2>", f"<figure>{coverage}</figure>",
            "<h2>ICT Development Index</h2>", idi, "</main>",
            "<footer><p class=\"note\">'estimate' marks values of nature E (estimated) or M (modelled). Region and "
            "world values are population-weighted means (medians for prices) over the economies with data, shown "
            "only when they cover at least half of the group's population; they are not ITU's published aggregates. "
            "Every value's source is in observations.parquet of the release.</p></footer>"]
    return _page(f"{name}: ICT country profile ({release})", body)


def index_page(latest: pd.DataFrame, release: str) -> str:
    body = [f"<header><h1>ICT country profiles, release {escape(release)}</h1></header><main>"]
    for region, group in by_region(latest):
        rows = "".join(
            f'<tr><th scope="row"><a href="{r.ref_area}.html">{escape(r.name)}</a></th>'
            f'<td class="num">{fmt(r.internet_users_pct, item("internet_users_pct"))}</td>'
            f'<td class="num">{NO_DATA if pd.isna(r.internet_users_pct_year) else int(r.internet_users_pct_year)}</td>'
            "</tr>" for r in group.itertuples())
        body.append(f"<h2>{escape(region)}</h2><table><caption>Economies of {escape(region)}: Internet use, latest "
                    'year</caption><thead><tr><th scope="col">Economy</th><th scope="col">Individuals using the '
                    'Internet (%)</th><th scope="col">Year</th></tr></thead><tbody>' + rows + "</tbody></table>")
    body.append("</main>")
    return _page(f"ICT country profiles ({release})", body)


def write_site(release: PublishedRelease, out: Path) -> list[Path]:
    """index.html and <ISO3>.html for every economy of the release; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    latest, profiles = release.latest(), release.profiles()
    written = [out / "index.html"]
    written[0].write_text(index_page(latest, release.name), encoding="utf-8")
    history = histories(profiles)
    for row in latest.to_dict("records"):
        path = out / f"{row['ref_area']}.html"
        path.write_text(economy_page(row, history.get(row["ref_area"], {}), release.name), encoding="utf-8")
        written.append(path)
    return written
