"""Published contracts of the foundation: observations, quarantine, QA findings, file accounting, economies."""
import pandera.pandas as pa
from pandera.typing import Series


def meta(table: str, title: str, description: str, key: list[str], sql: str | None = None) -> dict:
    return {"layer": "published", "table": table, "title": title, "description": description, "primary_key": key,
            "sql": sql or f"published/{table}.sql"}


class ObservationsPublished(pa.DataFrameModel):
    release: Series[str] = pa.Field(description="Release the value was published in")
    ref_area: Series[str] = pa.Field(description="Economy, ISO 3166-1 alpha-3")
    ref_area_m49: Series[int] = pa.Field(description="Economy, UN M49 numeric code")
    time_period: Series[int] = pa.Field(description="Reference year")
    series: Series[str] = pa.Field(description="Project series code (pipelines/reference/series.csv)")
    sex: Series[str] = pa.Field(isin=["_T", "F", "M"], description="SDMX sex code: _T total, F female, M male")
    age: Series[str] = pa.Field(description="SDMX age code, e.g. _T, Y15T24, Y_GE15")
    urbanisation: Series[str] = pa.Field(isin=["_T", "U", "R"], description="SDMX urbanisation: _T, U urban, R rural")
    breakdown: Series[str] = pa.Field(description="Skill, speed tier, basket or _T")
    unit_measure: Series[str] = pa.Field(description="SDMX-style unit code (PERCENT, PER_100_POP, NUMBER, USD ...)")
    unit_mult: Series[int] = pa.Field(description="Power-of-ten multiplier of obs_value")
    obs_value: Series[float] = pa.Field(description="The value")
    nature: Series[str] = pa.Field(isin=["C", "CA", "E", "G", "M", "N"],
                                   description="SDG nature: C country data, CA country adjusted, E estimated, M modelled")
    source: Series[str] = pa.Field(nullable=True, description="Source as reported")
    note: Series[str] = pa.Field(nullable=True, description="Footnote as reported")
    source_code: Series[str] = pa.Field(nullable=True, description="The source's own series code (e.g. i992b)")
    file: Series[str] = pa.Field(description="Raw file the value came from (relative to raw/<release>/)")
    line: Series[int] = pa.Field(description="Line (or sheet row) in that file")

    class Config:
        strict = True
        coerce = True
        metadata = meta("observations", "Staged observations",
                        "Every validated value of the release, long and SDMX-aligned, with provenance.",
                        ["ref_area", "time_period", "series", "sex", "age", "urbanisation", "breakdown"]) | {
            "figures": [{"value": "obs_value", "sex": "sex", "age": "age", "urbanisation": "urbanisation",
                         "breakdown": "breakdown", "where": {"unit_mult": 0}}]}


class QuarantinePublished(pa.DataFrameModel):
    release: Series[str] = pa.Field(description="Release")
    file: Series[str] = pa.Field(description="Raw file (with #sheet for workbooks)")
    line: Series[int] = pa.Field(nullable=True, description="Line or sheet row; 0 for a whole-file problem")
    column: Series[str] = pa.Field(description="Column that broke the rule ('*' for the whole line)")
    rule: Series[str] = pa.Field(description="Rule name (schemas/checks.py RULES)")
    value: Series[str] = pa.Field(nullable=True, description="The offending value as read")
    reason: Series[str] = pa.Field(description="What is wrong, in a sentence")
    severity: Series[str] = pa.Field(isin=["error", "file_error", "excluded", "superseded"],
                                     description="error: held back; file_error: file unreadable (blocks publishing); "
                                                 "excluded: valid but not staged (e.g. a source aggregate); "
                                                 "superseded: same key given by a source with higher priority")

    class Config:
        strict = True
        coerce = True
        metadata = meta("quarantine", "Quarantine", "Every record read but not staged, with file, line, column, "
                        "rule and reason.", ["file", "line", "column", "rule"])


class QaFindingsPublished(pa.DataFrameModel):
    release: Series[str] = pa.Field(description="Release")
    rule: Series[str] = pa.Field(description="Plausibility rule")
    ref_area: Series[str] = pa.Field(description="Economy ISO3")
    time_period: Series[int] = pa.Field(description="Year")
    series: Series[str] = pa.Field(description="Series code")
    sex: Series[str] = pa.Field(description="Sex code")
    breakdown: Series[str] = pa.Field(description="Breakdown code")
    obs_value: Series[float] = pa.Field(description="Value flagged")
    detail: Series[str] = pa.Field(description="Why it was flagged")

    class Config:
        strict = True
        coerce = True
        metadata = meta("qa_findings", "Plausibility findings", "Warnings that do not block publishing: values above "
                        "plausible maxima, year-on-year jumps, sex totals, coverage by technology.",
                        ["rule", "ref_area", "series", "time_period", "sex", "breakdown"])


class IngestFilesPublished(pa.DataFrameModel):
    release: Series[str] = pa.Field(description="Release")
    file: Series[str] = pa.Field(description="Raw file")
    format: Series[str] = pa.Field(description="Detected format (adapter)")
    sha256: Series[str] = pa.Field(description="Checksum recorded in the manifest")
    vintage: Series[str] = pa.Field(nullable=True, description=(
        "When the file's data were published (ISO year or date): stated by the file (WDI Last Updated Date) or "
        "declared in the manifest; empty when unknown. Within a class of source the newest vintage wins"))
    rows_read: Series[int] = pa.Field(ge=0, description="Records read")
    rows_staged: Series[int] = pa.Field(ge=0, description="Records staged")
    rows_quarantined: Series[int] = pa.Field(ge=0, description="Records quarantined (incl. excluded, superseded)")
    rows_excluded: Series[int] = pa.Field(ge=0, description="Of which excluded (valid but not staged)")
    rows_superseded: Series[int] = pa.Field(ge=0, description="Of which superseded by a higher-priority source")
    file_errors: Series[int] = pa.Field(ge=0, description="Whole-file problems")
    balanced: Series[bool] = pa.Field(description="rows_read = rows_staged + rows_quarantined")

    class Config:
        strict = True
        coerce = True
        metadata = meta("ingest_files", "Files of the release", "Per raw file: format, checksum and row accounting.",
                        ["file"])


class EconomiesPublished(pa.DataFrameModel):
    iso3: Series[str] = pa.Field(description="ISO 3166-1 alpha-3")
    m49: Series[int] = pa.Field(description="UN M49 code")
    name: Series[str] = pa.Field(description="Short name")
    m49_region: Series[str] = pa.Field(description="UN M49 region")
    m49_subregion: Series[str] = pa.Field(description="UN M49 sub-region")
    itu_region: Series[str] = pa.Field(description="ITU region code (ITU_AFR, ITU_AMS, ITU_ARB, ITU_ASP, ITU_CIS, "
                                                   "ITU_EUR); empty for ITU's Other Economies and economies outside "
                                                   "ITU's list")
    itu_region_status: Series[str] = pa.Field(
        isin=["itu_2025", "itu_2025_other_economy", "added_methodology_7", "not_in_itu_list"],
        description="Where the membership comes from: itu_2025 (ITU's own ITURegion column, ICT Price Baskets "
                    "workbook Dec 2025), itu_2025_other_economy (listed by ITU as Other Economies: no ITU region), "
                    "added_methodology_7 (ITU members missing from that table: PRK, VAT), not_in_itu_list")
    itu_world: Series[bool] = pa.Field(description="Counts in ITU's world and group aggregates (ITU's list of 221 "
                                                   "economies plus PRK and VAT)")
    ldc: Series[bool] = pa.Field(description="Least Developed Country")
    lldc: Series[bool] = pa.Field(description="Land Locked Developing Country")
    sids: Series[bool] = pa.Field(description="Small Island Developing State")
    wb_income_group: Series[str] = pa.Field(description="World Bank income group (LIC, LMC, UMC, HIC)")
    wb_income_vintage: Series[str] = pa.Field(description="World Bank classification vintage: '2025 (ITU)' as ITU's "
                                                          "table gives it, FY2022 for economies outside ITU's list")
    membership_vintage: Series[str] = pa.Field(description="Vintage of the ITU membership used for aggregates "
                                                           "(empty when the economy is in no ITU aggregate)")

    class Config:
        strict = True
        coerce = True
        metadata = meta("economies", "Economies", "Economies and their groups as used for aggregates.", ["iso3"])
