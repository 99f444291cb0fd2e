"""Published contract of the indicator catalogue (indicators/catalog/build.py)."""
from schemas.fields import FIELDS, Column
from schemas.models import model
from schemas.published.indicator_meta import indicator_table_meta

IndicatorCatalogPublished = model(
    "IndicatorCatalogPublished",
    [Column("code", str, "Series code (series.csv), SDG indicator number, WSIS-<target>.<n>, IDI, or TABLE:<table>",
            checks={"unique": True}),
     Column("kind", str, "series, sdg_indicator, wsis_indicator, index, price_basket, aggregate, derived, or table",
            ("series", "sdg_indicator", "wsis_indicator", "index", "price_basket", "aggregate", "derived", "table")),
     Column("title", str, "Title", checks={"str_length": {"min_value": 1}}),
     FIELDS["definition"].but(description="Definition (from series.csv, targets.yaml, catalog.csv or the table's "
                                          "contract)"),
     Column("unit", str, "Unit (SDMX-style code where one exists)"),
     Column("source_type", str, "administrative, household_survey, price_collection, estimate, reference, derived, "
                                "composite"),
     Column("sdg_goal", str, "SDG goal(s) served, '; '-separated"),
     Column("sdg_target", str, "SDG target(s) served"),
     Column("sdg_indicator", str, "SDG indicator(s) served"),
     Column("sdg_series", str, "UN SDG series code(s)"),
     Column("sdg_link_status", str, "confirmed (METHODOLOGY 1.1) where an SDG link is given", ("", "confirmed")),
     Column("wsis_target", str, "WSIS target(s) (Plan of Action paragraph 6) the code measures"),
     Column("wsis_indicator", str, "WSIS target indicator(s) (indicators/wsis/targets.yaml)"),
     Column("wsis_link_status", str, "Status of the WSIS indicator link (recalled until checked against the 2011 "
                                     "framework)"),
     Column("wsis_action_line", str, "WSIS Action Line(s) C1-C11 informed",
            checks={"str_matches": r"^(C([1-9]|1[01])(; C([1-9]|1[01]))*)?$"}),
     Column("action_line_status", str, "recalled: the Action Line mapping is not in METHODOLOGY", ("", "recalled")),
     Column("idi_component", str, "IDI edition, sub-index and indicator the series feeds"),
     Column("itu_d_objective", str, "ITU-D objective; empty: no mapping is documented in the project"),
     Column("published_in", str, "Published table (Parquet) holding the values"),
     "release"],
    indicator_table_meta(
        "catalog", "indicator_catalog", "Indicator catalogue",
        "Every published indicator, series and table with title, definition, unit, source type and its links: SDG "
        "goal/target/indicator (confirmed), WSIS target and indicator (recalled unless marked), WSIS Action Line "
        "C1-C11 (recalled). Built from indicators/catalog/catalog.csv, pipelines/reference/series.csv, "
        "indicators/wsis/targets.yaml and the IDI edition files.", ["code"]),
    module=__name__)
