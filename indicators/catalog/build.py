"""indicator_catalog: every published indicator, series and table with its SDG, WSIS and Action Line links.

Rows come from three places:
  kind = series         indicators/catalog/catalog.csv, one row per row of pipelines/reference/series.csv; title,
                        definition, unit, SDG indicator and SDG series are taken from series.csv (not repeated), the
                        CSV adds source type, Action Line and the published table;
  kind = sdg_indicator  the `catalog:` block of each indicator spec (code, unit and SDG series from the spec);
  kind = index, price_basket, aggregate, derived   catalog.csv, computed indicators described in full (an
                        sdg_indicator cell may name a registry list, $aggregated_sdg_codes, filled from the specs);
  kind = table          generated for every published table that no indicator row names (series rows do not
                        count), or listed in catalog.csv (wsis_indicators, which WSIS rows also name); title and
                        description come from the table's published contract.
WSIS target indicators are added from indicators/wsis/targets.yaml, and the WSIS links of series and SDG indicators
follow from the series each WSIS indicator measures, so links are written once. IDI components follow from the IDI
edition files. Status columns carry METHODOLOGY's marks: SDG links confirmed (section 1.1); WSIS indicator links as
marked in targets.yaml; Action Lines recalled (not in METHODOLOGY). No ITU-D objective mapping is documented in the
project, so itu_d_objective stays empty.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pandas as pd

from indicators.loader import IndicatorSpec, load_specs, publications
from indicators.wsis.catalogue import load_targets
from pipelines.core import release_tables, warehouse
from schemas.idi_editions import edition_names, load_edition

MAPPING = Path(__file__).resolve().parent / "catalog.csv"
SERIES_SQL = Path(__file__).resolve().parent / "series_text.sql"
COLUMNS = ["code", "kind", "title", "definition", "unit", "source_type", "sdg_goal", "sdg_target", "sdg_indicator",
           "sdg_series", "sdg_link_status", "wsis_target", "wsis_indicator", "wsis_link_status", "wsis_action_line",
           "action_line_status", "idi_component", "itu_d_objective", "published_in"]


def read_mapping(path: Path = MAPPING) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def registry_codes(mapping: pd.DataFrame, lists: dict) -> pd.DataFrame:
    """The mapping with each sdg_indicator cell that names a registry list ('$aggregated_sdg_codes') replaced by the
    codes the specs give, so a row describing what the specs declare is derived from them."""
    def codes(cell: str) -> str:
        if not cell.startswith("$"):
            return cell
        if cell[1:] not in lists:
            raise ValueError(f"{MAPPING}: sdg_indicator names unknown registry list {cell!r} (known: {sorted(lists)})")
        return _joined(lists[cell[1:]])
    return mapping.assign(sdg_indicator=mapping["sdg_indicator"].map(codes))


def spec_rows(specs: tuple[IndicatorSpec, ...]) -> pd.DataFrame:
    """The catalogue row each spec declares (`catalog:`): code and unit from its metadata, SDG code and series from
    its `sdg:` block."""
    columns = list(read_mapping().columns)
    rows = [{**dict.fromkeys(columns, ""), **{k: str(v) for k, v in s.catalog.items()},
             "code": str(s.metadata["code"]), "unit": str(s.metadata.get("unit", "")),
             **({"sdg_indicator": str(s.metadata["code"]), "sdg_series": "; ".join(s.sdg["series"])}
                if s.sdg is not None else {})}
            for s in specs if s.catalog]
    return pd.DataFrame(rows, columns=columns, dtype=str)


def table_rows(mapping: pd.DataFrame, wsis_rows: list[dict], tables: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """A `table` row for every published table that no indicator row (of the mapping, any kind but series, or of
    the WSIS targets) names in published_in."""
    named = set(mapping.loc[mapping["kind"] != "series", "published_in"]) | {r["published_in"] for r in wsis_rows}
    bare = sorted(set(tables) - named)
    return pd.DataFrame([{**{c: "" for c in mapping.columns}, "code": f"TABLE:{t}", "kind": "table",
                          "published_in": t} for t in bare], columns=mapping.columns, dtype=str)


def _joined(values) -> str:
    return "; ".join(sorted(set(v for v in values if v), key=_natural))


def _natural(code: str) -> tuple:
    """Sort key: 9.c before 17.6, 10.2 after 2.5 (numbers as numbers, letters after numbers)."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.split("."))


def _sdg_levels(indicators: str) -> tuple[str, str]:
    """'9.c.1; 17.6.1' -> goals '9; 17', targets '9.c; 17.6'."""
    codes = [c.strip() for c in indicators.split(";") if c.strip()]
    return _joined(c.split(".")[0] for c in codes), _joined(".".join(c.split(".")[:2]) for c in codes)


def wsis_links() -> tuple[dict[str, dict], list[dict]]:
    """Per series: the WSIS targets/indicators measuring it; and one catalogue row per WSIS indicator."""
    by_series: dict[str, dict] = defaultdict(lambda: {"target": set(), "indicator": set(), "status": set()})
    rows = []
    for t in load_targets():
        for ind in t["indicators"]:
            for series in ind.get("series") or []:
                link = by_series[series]
                link["target"].add(str(t["target"]))
                link["indicator"].add(ind["code"])
                link["status"].add(ind["status"])
            rows.append({"code": f"WSIS-{ind['code']}", "kind": "wsis_indicator", "title": ind["title"],
                         "definition": f"WSIS target {t['target']}: {t['title']} (indicator {ind['status']}; "
                                       f"measured: {ind['computed']}{_measure(ind)})",
                         "unit": ind.get("unit") or "", "source_type": ind.get("source_type") or "",
                         "wsis_target": str(t["target"]), "wsis_indicator": ind["code"],
                         "wsis_link_status": ind["status"], "wsis_action_line": t["action_line"],
                         "published_in": "wsis_targets" if ind["computed"] != "none" else "wsis_indicators",
                         "_series": ind.get("series") or []})
    return by_series, rows


def _measure(ind: dict) -> str:
    """'; measure recalled: <why>' for an indicator whose series is not simply the indicator as titled."""
    if ind.get("measure_status") in (None, "direct"):
        return ""
    return f"; measure {ind['measure_status']}" + (f": {ind['measure_note']}" if ind.get("measure_note") else "")


def idi_components(editions: list[str]) -> dict[str, str]:
    found: dict[str, list[str]] = defaultdict(list)
    for name in editions:
        edition = load_edition(name)
        for sub in edition.sub_indices:
            for ind in sub.indicators:
                found[ind.series].append(f"IDI {edition.edition} {sub.code}: {ind.code}")
    return {series: "; ".join(parts) for series, parts in found.items()}


def _described(row: dict, series: pd.DataFrame, tables: dict[str, tuple[str, str]], idi: dict[str, str]) -> dict:
    """A mapping row completed with its text (series.csv or the table contract) and the series it stands for."""
    if row["kind"] == "series":
        s = series.loc[row["code"]]
        return row | {"title": s["title"], "definition": s["description"], "unit": s["unit_measure"],
                      "sdg_indicator": s["sdg_indicator"], "sdg_series": s["sdg_series"],
                      "idi_component": idi.get(row["code"], ""), "_series": [row["code"]]}
    if row["kind"] == "table":
        title, description = tables.get(row["published_in"], (row["published_in"], ""))
        return row | {"title": title, "definition": description, "_series": []}
    codes = set(row["sdg_indicator"].split("; ")) - {""}
    return row | {"_series": [c for c in series.index if series.loc[c, "sdg_indicator"] in codes]}


def _linked(row: dict, by_series: dict[str, dict]) -> dict:
    """WSIS links inherited from the series a row stands for; SDG goal/target levels; link statuses."""
    links = [by_series[s] for s in row.pop("_series") if s in by_series]
    if row["kind"] != "wsis_indicator":
        row |= {"wsis_target": _joined(t for link in links for t in link["target"]),
                "wsis_indicator": _joined(i for link in links for i in link["indicator"]),
                "wsis_link_status": _joined(st for link in links for st in link["status"])}
    row["sdg_goal"], row["sdg_target"] = _sdg_levels(row.get("sdg_indicator") or "")
    row["sdg_link_status"] = "confirmed" if row.get("sdg_indicator") else ""
    row["action_line_status"] = "recalled" if row.get("wsis_action_line") else ""
    return row


def build(mapping: pd.DataFrame, series: pd.DataFrame, tables: dict[str, tuple[str, str]],
          editions: list[str]) -> pd.DataFrame:
    described = series.fillna("").set_index("series")
    unknown = sorted(set(mapping.loc[mapping["kind"] == "series", "code"]) - set(described.index))
    if unknown:
        raise ValueError(f"{MAPPING}: series {unknown} are not in pipelines/reference/series.csv")
    by_series, wsis_rows = wsis_links()
    idi = idi_components(editions)
    mapping = pd.concat([mapping, table_rows(mapping, wsis_rows, tables)], ignore_index=True)
    rows = [_described(r, described, tables, idi) for r in mapping.to_dict("records")]
    for r in wsis_rows:
        r["sdg_indicator"] = _joined(described.loc[s, "sdg_indicator"] for s in r["_series"] if s in described.index)
    frame = pd.DataFrame([_linked(r, by_series) for r in rows + wsis_rows])
    frame = frame.reindex(columns=COLUMNS).astype(object).fillna("").astype("string")
    return frame.sort_values(["kind", "code"], ignore_index=True)


def compute(con, params: dict) -> pd.DataFrame:
    root = Path(params["indicators_root"])
    tables = {t: (c.meta["title"], c.meta["description"])
              for t, c in release_tables.contracts(publications(root), params).items()}
    series = warehouse.run_file(con, SERIES_SQL)
    mapping = registry_codes(read_mapping(), params)
    return build(pd.concat([mapping, spec_rows(load_specs(root))], ignore_index=True), series, tables, edition_names())
