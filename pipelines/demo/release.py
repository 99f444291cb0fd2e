"""Turn the demo world into the rows of each file, apply the deliberate errors and write the release."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from pipelines.core import manifest
from pipelines.demo import formats, sources as src
from pipelines.demo.errors import inject
from pipelines.demo.readme import readme_text
from pipelines.demo.surveys import build_surveys
from pipelines.demo.tariffs import TARIFF_COLUMNS, build_tariffs
from pipelines.demo.world import YEARS, World, build_world
from schemas import reference as ref

GAP_SHARE = {"HIC": 0.0, "": 0.6}   # share of economy-years a file leaves out, by income group (default below)
DEFAULT_GAP_SHARE = 0.35
_SEX_DESC = {"_T": "Both sexes or no breakdown by sex", "F": "Female", "M": "Male"}
_AGE_DESC = {"Y16T74": "16 to 74 years old", "Y_GE15": "15 years old and over", "Y_GE10": "10 years old and over",
             "Y_GE06": "6 years old and over", "Y_GE05": "5 years old and over"}


def generate(raw_root: Path, release: str, seed: int) -> list[Path]:
    """Write every demo file (and README.md) under raw_root/release; return the paths, sorted."""
    rng = np.random.default_rng(seed)
    world = build_world(rng)
    plans, baskets = build_tariffs(world, rng)
    world.series.update(baskets)
    surveys = build_surveys(world, rng)
    folder = manifest.release_dir(raw_root, release)
    rows: dict[str, int] = {}

    def write(path: str, writer, built: list[dict], *args) -> None:
        final = inject(path, built)
        writer(folder / path, final, *args)
        rows[path] = len(final)

    for spec in src.DATAHUB_FILES:
        write(spec.path, formats.write_datahub_csv, _datahub_rows(world, spec, _reported(world, rng, spec)))
    for indicator in src.WDI_INDICATORS:
        write(src.wdi_path(indicator.code), formats.write_wdi_wide_csv, _wdi_rows(world, indicator),
              src.WDI_LAST_UPDATED)
    write(src.POPULATION_PATH, formats.write_plain_csv, _population_rows(world),
          ["Country Name", "Country Code", "Year", "Value"])
    for series in src.SDG_SERIES:
        write(series.path, formats.write_sdg_api_csv, _sdg_rows(world, surveys, series))
    write(src.GENDER_PORTAL_PATH, formats.write_gender_tsv, _gender_rows(world, surveys))
    write(src.LEGACY_PATH, formats.write_plain_csv, _legacy_rows(world, rng), ["country", "indicator", "year", "value"])
    write(src.OWID_PATH, formats.write_plain_csv, _owid_rows(world), ["Entity", "Code", "Year", src.OWID_VALUE_COLUMN])
    write(src.TARIFF_PATH, formats.write_plain_csv, plans, TARIFF_COLUMNS, "\n")
    readme = folder / src.README_PATH
    readme.write_text(readme_text(release, seed, rows), encoding="utf-8")
    return sorted([folder / p for p in rows] + [readme])


def _reported(world: World, rng: np.random.Generator, spec: src.DatahubFile) -> np.ndarray:
    """Economy-years a DataHub file reports: all for complete files, else with gaps (none for high-income economies)."""
    gap = world.economies["wb_income_group"].map(lambda g: GAP_SHARE.get(g, DEFAULT_GAP_SHARE)).to_numpy()
    draws = rng.random((len(gap), len(YEARS)))
    return np.ones_like(draws, bool) if spec.complete else draws >= gap[:, None]


def _datahub_rows(world: World, spec: src.DatahubFile, reported: np.ndarray) -> list[dict]:
    econ = world.economies
    rows = []
    for series in spec.series:
        values = world.series[series.key]
        for e, (iso3, name) in enumerate(zip(econ["iso3"], econ["name"])):
            for y, year in enumerate(YEARS):
                if year < series.first_year or not reported[e, y] or not np.isfinite(values[e, y]):
                    continue
                rows.append({"seriesID": str(series.series_id), "seriesCode": series.code, "seriesName": series.name,
                             "seriesParent": "", "seriesUnits": spec.units, "entityID": str(e + 1), "entityIso": iso3,
                             "entityName": name, "dataValue": formats.fmt_g(values[e, y]), "dataYear": str(year),
                             "dataNote": "", "dataSource": formats.DEMO_SOURCE,
                             "seriesDescription": series.description})
    return rows


def _aggregate(world: World, values: np.ndarray, how: str | None, group: str | None) -> np.ndarray:
    """A World Bank style aggregate over all economies or one income group: sum, or population-weighted mean."""
    members = np.ones(len(world.economies), bool) if group is None else \
        (world.economies["wb_income_group"] == group).to_numpy()
    v, pop = values[members], world.series["POP_TOTAL"][members]
    if how == "sum":
        return v.sum(axis=0)
    if how == "mean":
        weight = np.where(np.isfinite(v), pop, 0.0)
        total = weight.sum(axis=0)
        return np.divide(np.nansum(v * weight, axis=0), total, out=np.full(len(YEARS), np.nan), where=total > 0)
    return np.full(len(YEARS), np.nan)


def _number(value: float, decimals: int) -> str:
    if not np.isfinite(value):
        return ""
    if decimals == 0:
        return str(int(round(value)))
    return f"{round(float(value), decimals):.{decimals}f}".rstrip("0").rstrip(".")


def _wdi_rows(world: World, indicator: src.WdiIndicator) -> list[dict]:
    values = world.series[indicator.key]
    econ = world.economies
    table = [(name, iso3, values[e]) for e, (iso3, name) in enumerate(zip(econ["iso3"], econ["name"]))]
    table += [(name, code, _aggregate(world, values, indicator.aggregate, group))
              for code, name, group in src.WB_AGGREGATES]
    rows = []
    for name, code, series in sorted(table, key=lambda t: (t[0], t[1])):
        row = {"Country Name": name, "Country Code": code, "Indicator Code": indicator.code,
               "Indicator Name": f"{indicator.name} ({formats.LABEL})"}
        row.update({str(year): _number(series[y], indicator.decimals) for y, year in enumerate(YEARS)})
        rows.append(row)
    return rows


def _population_rows(world: World) -> list[dict]:
    econ, pop = world.economies, world.series["POP_TOTAL"]
    table = [(name, iso3, pop[e]) for e, (iso3, name) in enumerate(zip(econ["iso3"], econ["name"]))]
    table += [(name, code, _aggregate(world, pop, "sum", group)) for code, name, group in src.WB_AGGREGATES]
    return [{"Country Name": name, "Country Code": code, "Year": str(year), "Value": _number(series[y], 0)}
            for name, code, series in sorted(table, key=lambda t: (t[0], t[1])) for y, year in enumerate(YEARS)]


def _sdg_rows(world: World, surveys, series: src.SdgSeries) -> list[dict]:
    legacy_sex = {sdmx: legacy for legacy, sdmx in ref.legacy_code_map("SEX").items()}
    names = dict(zip(world.economies["iso3"], world.economies["name"]))
    part = surveys[surveys["series"] == series.code]
    part = part.assign(m49=part["iso3"].map(dict(zip(world.economies["iso3"], world.economies["m49"]))))
    part = part.sort_values(["m49", "year", "skill", "sex"], kind="stable")
    first_id = 1_000_000 * (1 + [s.code for s in src.SDG_SERIES].index(series.code))
    return [{"ID": str(first_id + i), "Goal": series.goal, "Target": series.target, "Indicator": series.indicator,
             "ReleaseStatus": "Published", "ReleaseName": "DEMO", "SeriesID": series.series_id,
             "SeriesCode": series.code, "isDSDSeries": "1", "SeriesDescription": series.description,
             "SeriesObservationCount": str(len(part)), "GeoAreaCode": str(r.m49),
             "GeoAreaName": names[r.iso3], "TimePeriod": str(r.year), "Value": f"{r.value:.7g}",
             "ValueType": "Float", "Time_Detail": str(r.year), "Source": formats.DEMO_SOURCE,
             "FootNote": formats.LABEL, "ObservationID": str(first_id + 500_000 + i), "Sex": legacy_sex[r.sex],
             "Units": "PERCENT", "Type of skill": r.skill, "Reporting Type": "G"}
            for i, r in enumerate(part.itertuples())]


def _gender_rows(world: World, surveys) -> list[dict]:
    econ = world.economies.set_index("iso3")
    part = surveys[surveys["series"] == "I.17"]
    latest = part.groupby(["iso3", "sex"])["year"].transform("max")
    rows = []
    for r, is_latest in zip(part.itertuples(), part["year"] == latest):
        rows.append({
            "INDICATOR_LABEL": "I.17", "INDICATOR_ID": "I13151395",
            "INDICATOR_DESC": "Proportion of individuals using the Internet, by sex", "MINSET_SERIES": "S13151395",
            "MINSET_SERIES_DESC": "Proportion of individuals using the Internet, by sex",
            "REF_AREA": str(econ.at[r.iso3, "m49"]), "REF_AREA_DESC": econ.at[r.iso3, "name"], "ISO3": r.iso3,
            "SDG_REGION": src.SDG_REGION.get(econ.at[r.iso3, "m49_subregion"], "Europe and Northern America"),
            "TIME_PERIOD": str(r.year), "SEX": r.sex, "SEX_DESC": _SEX_DESC[r.sex], "AGE": r.age,
            "AGE_DESC": _AGE_DESC[r.age], "OBS_VALUE": str(round(r.value, 2)), "UNIT_MEASURE": "PT",
            "UNIT_MEASURE_DESC": "Percent", "NATURE": "C", "NATURE_DESC": "Country data", "REPORTING_TYPE": "G",
            "REPORTING_TYPE_DESC": "Global", "COMMENT_OBS": formats.LABEL, "SOURCE_YEAR": "2015",
            "sort_order": "2900", "TSK_sub_dims": "SEX__AGE", "TSK_sub_id": f"{r.sex}__{r.age}",
            "TSK_sub_desc": f"{_SEX_DESC[r.sex]}, {_AGE_DESC[r.age]}", "isLatestValue": str(bool(is_latest))})
    return rows


def _legacy_rows(world: World, rng: np.random.Generator) -> list[dict]:
    """ITU 2016-edition table by economy name; about 5% of values are empty (missing), as in the real table."""
    econ = world.economies.sort_values("name", kind="stable")
    rows = []
    for indicator, key in src.LEGACY_INDICATORS:
        for e, name in zip(econ.index, econ["name"]):
            for year in src.LEGACY_YEARS:
                value = world.series[key][e, year - int(YEARS[0])]
                text = "" if rng.random() < 0.05 else f"{value:.2f}"
                rows.append({"country": name, "indicator": indicator, "year": str(year), "value": text})
    return rows


def _owid_rows(world: World) -> list[dict]:
    econ, users = world.economies, world.series["INET_USERS_PCT"]
    entity, subregion = src.OWID_REGION
    region = (econ["m49_subregion"] == subregion).to_numpy()
    pop = world.series["POP_TOTAL"]
    table = [(name, src.OWID_CODES.get(iso3, iso3), users[e]) for e, (iso3, name) in enumerate(zip(econ["iso3"],
                                                                                                  econ["name"]))]
    table += [("World", "OWID_WRL", (users * pop).sum(axis=0) / pop.sum(axis=0)),
              (entity, "", (users[region] * pop[region]).sum(axis=0) / pop[region].sum(axis=0))]
    first = int(YEARS[0])
    return [{"Entity": name, "Code": code, "Year": str(year), src.OWID_VALUE_COLUMN: f"{series[year - first]:.9g}"}
            for name, code, series in sorted(table, key=lambda t: (t[0], t[1])) for year in src.OWID_YEARS]
