"""Published contract of the indicator catalogue (indicators/catalog/build.py)."""
import pandera.pandas as pa
from pandera.typing import Series

from schemas.published.indicator_meta import indicator_table_meta

_TEXT = {
    "code": "Series code (series.csv), SDG indicator number, WSIS-<target>.<n>, IDI, or TABLE:<table>",
    "kind": "series, sdg_indicator, wsis_indicator, index, price_basket, aggregate, derived, or table",
    "title": "Title",
    "definition": "Definition (from series.csv, targets.yaml, catalog.csv or the table's contract)",
    "unit": "Unit (SDMX-style code where one exists)",
    "source_type": "administrative, household_survey, price_collection, estimate, reference, derived, composite",
    "sdg_goal": "SDG goal(s) served, '; '-separated",
    "sdg_target": "SDG target(s) served",
    "sdg_indicator": "SDG indicator(s) served",
    "sdg_series": "UN SDG series code(s)",
    "sdg_link_status": "confirmed (METHODOLOGY 1.1) where an SDG link is given",
    "wsis_target": "WSIS target(s) (Plan of Action paragraph 6) the code measures",
    "wsis_indicator": "WSIS target indicator(s) (indicators/wsis/targets.yaml)",
    "wsis_link_status": "Status of the WSIS indicator link (recalled until checked against the 2011 framework)",
    "wsis_action_line": "WSIS Action Line(s) C1-C11 informed",
    "action_line_status": "recalled: the Action Line mapping is not in METHODOLOGY",
    "idi_component": "IDI edition, sub-index and indicator the series feeds",
    "itu_d_objective": "ITU-D objective; empty: no mapping is documented in the project",
    "published_in": "Published table (Parquet) holding the values",
}


class IndicatorCatalogPublished(pa.DataFrameModel):
    code: Series[str] = pa.Field(unique=True, description=_TEXT["code"])
    kind: Series[str] = pa.Field(isin=["series", "sdg_indicator", "wsis_indicator", "index", "price_basket",
                                       "aggregate", "derived", "table"], description=_TEXT["kind"])
    title: Series[str] = pa.Field(str_length={"min_value": 1}, description=_TEXT["title"])
    definition: Series[str] = pa.Field(description=_TEXT["definition"])
    unit: Series[str] = pa.Field(description=_TEXT["unit"])
    source_type: Series[str] = pa.Field(description=_TEXT["source_type"])
    sdg_goal: Series[str] = pa.Field(description=_TEXT["sdg_goal"])
    sdg_target: Series[str] = pa.Field(description=_TEXT["sdg_target"])
    sdg_indicator: Series[str] = pa.Field(description=_TEXT["sdg_indicator"])
    sdg_series: Series[str] = pa.Field(description=_TEXT["sdg_series"])
    sdg_link_status: Series[str] = pa.Field(isin=["", "confirmed"], description=_TEXT["sdg_link_status"])
    wsis_target: Series[str] = pa.Field(description=_TEXT["wsis_target"])
    wsis_indicator: Series[str] = pa.Field(description=_TEXT["wsis_indicator"])
    wsis_link_status: Series[str] = pa.Field(description=_TEXT["wsis_link_status"])
    wsis_action_line: Series[str] = pa.Field(str_matches=r"^(C([1-9]|1[01])(; C([1-9]|1[01]))*)?$",
                                             description=_TEXT["wsis_action_line"])
    action_line_status: Series[str] = pa.Field(isin=["", "recalled"], description=_TEXT["action_line_status"])
    idi_component: Series[str] = pa.Field(description=_TEXT["idi_component"])
    itu_d_objective: Series[str] = pa.Field(description=_TEXT["itu_d_objective"])
    published_in: Series[str] = pa.Field(description=_TEXT["published_in"])
    release: Series[str] = pa.Field(description="Release")

    class Config:
        strict = True
        coerce = True
        metadata = indicator_table_meta(
            "catalog", "indicator_catalog", "Indicator catalogue",
            "Every published indicator, series and table with title, definition, unit, source type and its links: SDG "
            "goal/target/indicator (confirmed), WSIS target and indicator (recalled unless marked), WSIS Action Line "
            "C1-C11 (recalled). Built from indicators/catalog/catalog.csv, pipelines/reference/series.csv, "
            "indicators/wsis/targets.yaml and the IDI edition files.", ["code"])
