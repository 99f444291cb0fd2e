"""The field vocabulary (as PUDL's fields.py): each column the project stages or publishes in more than one table,
with its type, description and codelist, declared once.

The staged and published Pandera models are built from it (schemas.models), and the datapackage.json fields from
those models, so a column reads the same in every table. A table that uses a column more narrowly says so with
`Column.but`: a narrower codelist (checked to be a subset), nullability, a bound, or a remark appended to the
description. Columns of a single table are declared once, in that table's module, with the same `Column`.
Codelists that are data (SEX, URBANISATION, NATURE) come from pipelines/reference/codelists.csv with their labels.
No Pandera here: adapters and the microdata engines import the observation's columns and stay cheap to import.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from schemas import reference as ref

_FRAME_DTYPES = {str: "string", int: "Int64", float: "float64", bool: "boolean"}


@dataclass(frozen=True)
class Column:
    name: str
    dtype: object                              # the type the published or staged model coerces to
    description: str
    codelist: tuple[str, ...] | None = None    # allowed codes (Pandera isin)
    nullable: bool = False
    checks: dict = field(default_factory=dict)  # further pa.Field checks: ge, le, unique, str_matches, str_length

    def but(self, *, remark: str | None = None, **changes) -> Column:
        """This column as one table uses it; `remark` is appended to the shared description."""
        narrowed = changes.get("codelist")
        if narrowed is not None and self.codelist is not None and not set(narrowed) <= set(self.codelist):
            raise ValueError(f"{self.name}: codelist {narrowed} is not within {self.codelist}")
        column = dataclasses.replace(self, **changes)
        return dataclasses.replace(column, description=f"{column.description}; {remark}") if remark else column


def codelist(name: str) -> tuple[str, ...]:
    """Codes of a codelist in pipelines/reference/codelists.csv, in file order."""
    return tuple(r["code"] for r in ref.codelist_rows(name))


def _labelled(name: str) -> str:
    return ", ".join(f"{r['code']} {r['label'].lower()}" for r in ref.codelist_rows(name))


def frame_dtypes(columns: list[str]) -> dict[str, str]:
    """pandas dtypes of a working frame (nullable: an adapter's row may still lack a value) for vocabulary columns."""
    return {c: _FRAME_DTYPES[FIELDS[c].dtype] for c in columns}


STATUS_MARKS = ("confirmed", "secondary", "recalled")   # METHODOLOGY.md marks of a definition or a structure
MEASURE_STATUSES = ("direct", "recalled", "project_choice")

_COLUMNS = [
    Column("release", str, "Release this row was published in"),
    # The observation (DESIGN.md: the canonical observation), in the order adapters and staging hold it.
    Column("ref_area", str, "Economy, ISO 3166-1 alpha-3; for an aggregate, the group code (WLD, ITU_AFR, LDC, "
                            "WB_HIC ...: pipelines/reference/groups.csv)"),
    Column("time_period", int, "Reference year"),
    Column("series", str, "Project series code (pipelines/reference/series.csv)"),
    Column("sex", str, f"SDMX sex code: {_labelled('SEX')}", codelist("SEX")),
    Column("age", str, "SDMX age code, e.g. _T, Y15T24, Y_GE15"),
    Column("urbanisation", str, f"SDMX urbanisation code: {_labelled('URBANISATION')}", codelist("URBANISATION")),
    Column("breakdown", str, "Skill, speed tier, technology, basket or ISCED level; _T otherwise"),
    Column("unit_measure", str, "SDMX-style unit code (PERCENT, PER_100_POP, NUMBER, USD ...)"),
    Column("unit_mult", int, "Power-of-ten multiplier of obs_value"),
    Column("obs_value", float, "The value"),
    Column("nature", str, f"SDG nature: {_labelled('NATURE')}", codelist("NATURE")),
    Column("source", str, "Source as reported", nullable=True),
    Column("note", str, "Footnote as reported", nullable=True),
    Column("source_code", str, "The source's own series code (e.g. i992b)", nullable=True),
    Column("file", str, "Raw file the value came from (relative to raw/<release>/; #sheet for workbooks)"),
    Column("line", int, "Line (or sheet row) in that file"),
    # Where a value sits among economies and groups.
    Column("ref_area_m49", float, "UN M49 numeric code; empty for groups without one (ITU regions, income groups)",
           nullable=True),
    Column("area_type", str, "economy or aggregate", ("economy", "aggregate")),
    Column("composite_breakdown", str, "SDMX composite breakdown: skill (SKILL_ICT...) or speed (IS_...) code, "
                                       "_T otherwise"),
    Column("indicator", str, "Indicator code"),
    Column("indicator_title", str, "Indicator"),
    Column("comment", str, "How the value was obtained: footnote, derivation or series-break note", nullable=True),
    Column("provenance", str, "Raw file:line of the value, or its derivation"),
    Column("definition", str, "Definition in force (e.g. reference_12_months, skills_computer_activities_to_2019, "
                              "derived_from_count_and_population)"),
    Column("series_break", bool, "True when the value uses an earlier definition than the current one "
                                 "(17.8.1 to 2013, 4.4.1 to 2019)"),
    Column("rule", str, "Rule name"),
    Column("detail", str, "Why it was flagged"),
    # The aggregation engine (indicators/aggregates): coverage, fills and vintages of every group value.
    Column("population", float, "Population of the members weighted (the denominator)", checks={"ge": 0}),
    Column("coverage_pct", float, "Population share of the group's members that reported",
           checks={"ge": 0, "le": 100.000001}),
    Column("economies_total", int, "Members with a population for the year"),
    Column("economies_reported", int, "Members that reported"),
    Column("economies_imputed", int, "Members filled (imputed_inputs)"),
    Column("low_coverage", bool, "This project's flag (not an ITU rule): reporting members hold less than "
                                 "low_coverage_pct of the population"),
    Column("membership_vintage", str, "Vintage of the group membership used (ITU 2025)"),
    Column("population_source", str, "Population series and vintage used as weights"),
    Column("donor", str, "hot_deck_gni: the economy whose value was taken", nullable=True),
    # An economy's identity and groups (economies, country profiles).
    Column("name", str, "Economy short name"),
    Column("m49_region", str, "UN M49 region"),
    Column("itu_region", str, "ITU region code (ITU_AFR, ITU_AMS, ITU_ARB, ITU_ASP, ITU_CIS, ITU_EUR), ITU 2025 "
                              "membership; empty for ITU's Other Economies and economies outside ITU's list"),
    Column("wb_income_group", str, "World Bank income group (LIC, LMC, UMC, HIC; its vintage: "
                                   "economies.wb_income_vintage)"),
    Column("ldc", bool, "Least Developed Country"),
    Column("lldc", bool, "Land Locked Developing Country"),
    Column("sids", bool, "Small Island Developing State"),
    # The IDI, the price baskets and the WSIS targets.
    Column("edition", str, "IDI edition (publication year)"),
    Column("sub_index", str, "Sub-index the indicator belongs to"),
    Column("basket", str, "ITU's basket code (e.g. i154_FBB5, i271mb_5GB; indicators/baskets/definitions.yaml)"),
    Column("target", int, "WSIS target (Geneva Plan of Action, paragraph 6)", checks={"ge": 1, "le": 10}),
    Column("target_title", str, "Target as worded in the 2014 review (status in wsis_indicators)"),
    Column("indicator_status", str, "Status mark of the indicator (METHODOLOGY.md: confirmed, secondary or "
                                    "recalled)", STATUS_MARKS),
    Column("measure_status", str, "Whether the series is known to measure the indicator: direct (the series is the "
                                  "indicator as titled), recalled (the link is not confirmed, e.g. the Online Service "
                                  "Index for 6.5), project_choice (the project's own measure; see measure_note in "
                                  "wsis_indicators)", MEASURE_STATUSES),
    Column("economies_reporting", int, "Economies that reported behind the value", checks={"ge": 0}),
]
FIELDS: dict[str, Column] = {c.name: c for c in _COLUMNS}
# ref_area in a table that holds only economies, or only groups.
ECONOMY = FIELDS["ref_area"].but(description="Economy, ISO 3166-1 alpha-3")
ECONOMY_M49 = FIELDS["ref_area_m49"].but(dtype=int, nullable=False, description="Economy, UN M49 numeric code")
GROUP = FIELDS["ref_area"].but(description="Group code (pipelines/reference/groups.csv)")

# The canonical observation as adapters return it and staging holds it (pipelines.core.canonical); the published
# `observations` adds release and ref_area_m49.
OBSERVATION_KEY = ["ref_area", "time_period", "series", "sex", "age", "urbanisation", "breakdown"]
OBSERVATION_COLUMNS = OBSERVATION_KEY + ["unit_measure", "unit_mult", "obs_value", "nature", "source", "note",
                                         "source_code", "file", "line"]
