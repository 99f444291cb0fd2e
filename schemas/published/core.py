"""Published contracts of the foundation: observations, quarantine, QA findings, file accounting, economies."""
from schemas.fields import ECONOMY, ECONOMY_M49, FIELDS, OBSERVATION_COLUMNS, OBSERVATION_KEY, Column
from schemas.models import model


def meta(table: str, title: str, description: str, key: list[str], sql: str | None = None,
         sort: list[str] | None = None) -> dict:
    """A foundation table's metadata: published from its own SQL file, or, given `sort` ('col', 'col DESC', 'col NULLS
    FIRST'), as the contract's columns of the warehouse table of its name in that order (no SQL file)."""
    if sql and sort:
        raise ValueError(f"{table}: give sql or sort, not both (sort publishes the contract's columns without SQL)")
    how = {"sort": sort} if sort else {"sql": sql or f"published/{table}.sql"}
    return {"layer": "published", "table": table, "title": title, "description": description, "primary_key": key,
            **how}


ObservationsPublished = model(
    "ObservationsPublished",
    ["release", ECONOMY, ECONOMY_M49, *OBSERVATION_COLUMNS[1:]],
    meta("observations", "Staged observations",
         "Every validated value of the release, long and SDMX-aligned, with provenance.", OBSERVATION_KEY) | {
        "figures": [{"value": "obs_value", "sex": "sex", "age": "age", "urbanisation": "urbanisation",
                     "breakdown": "breakdown", "where": {"unit_mult": 0}}]},
    module=__name__)


QuarantinePublished = model(
    "QuarantinePublished",
    ["release", FIELDS["file"].but(description="Raw file (with #sheet for workbooks)"),
     FIELDS["line"].but(nullable=True, remark="0 for a whole-file problem"),
     Column("column", str, "Column that broke the rule ('*' for the whole line)"),
     FIELDS["rule"].but(remark="schemas/checks.py RULES"),
     Column("value", str, "The offending value as read", nullable=True),
     Column("reason", str, "What is wrong, in a sentence"),
     Column("severity", str, "error: held back; file_error: file unreadable (blocks publishing); excluded: valid but "
                             "not staged (e.g. a source aggregate); superseded: same key given by a source with "
                             "higher priority", ("error", "file_error", "excluded", "superseded"))],
    meta("quarantine", "Quarantine", "Every record read but not staged, with file, line, column, rule and reason.",
         # one line of a wide file can lose several years' values: the reason (which names the year) tells them apart
         ["file", "line", "column", "rule", "reason"]),   # published/quarantine.sql: by file, line, then the rest
    module=__name__)

QA_KEY = ["rule", "ref_area", "series", "time_period", "sex", "breakdown"]
QaFindingsPublished = model(
    "QaFindingsPublished",
    ["release", FIELDS["rule"].but(remark="a plausibility rule"), "ref_area", "time_period", "series",
     FIELDS["sex"].but(codelist=None), "breakdown", FIELDS["obs_value"].but(description="Value flagged"), "detail"],
    meta("qa_findings", "Plausibility findings", "Warnings that do not block publishing: values above plausible "
         "maxima, year-on-year jumps, sex totals, coverage by technology.",
         QA_KEY, sort=QA_KEY),
    module=__name__)

_COUNT = {"checks": {"ge": 0}}
IngestFilesPublished = model(
    "IngestFilesPublished",
    ["release", FIELDS["file"].but(description="Raw file"),
     Column("format", str, "Detected format (adapter)"),
     Column("sha256", str, "Checksum recorded in the manifest"),
     Column("vintage", str, "When the file's data were published (ISO year or date): stated by the file (WDI Last "
                            "Updated Date) or declared in the manifest; empty when unknown. Within a class of source "
                            "the newest vintage wins", nullable=True),
     Column("rows_read", int, "Records read", **_COUNT),
     Column("rows_staged", int, "Records staged", **_COUNT),
     Column("rows_quarantined", int, "Records quarantined (incl. excluded, superseded)", **_COUNT),
     Column("rows_excluded", int, "Of which excluded (valid but not staged)", **_COUNT),
     Column("rows_superseded", int, "Of which superseded by a higher-priority source", **_COUNT),
     Column("file_errors", int, "Whole-file problems", **_COUNT),
     Column("balanced", bool, "rows_read = rows_staged + rows_quarantined")],
    meta("ingest_files", "Files of the release", "Per raw file: format, checksum and row accounting.", ["file"],
         sort=["file"]),
    module=__name__)

EconomiesPublished = model(
    "EconomiesPublished",
    [Column("iso3", str, "ISO 3166-1 alpha-3"),
     Column("m49", int, "UN M49 code"),
     "name", "m49_region", Column("m49_subregion", str, "UN M49 sub-region"), "itu_region",
     Column("itu_region_status", str, "Where the membership comes from: itu_2025 (ITU's own ITURegion column, "
                                      "ICT Price Baskets workbook Dec 2025), itu_2025_other_economy (listed by ITU "
                                      "as Other Economies: no ITU region), added_methodology_7 (ITU members missing "
                                      "from that table: PRK, VAT), not_in_itu_list",
            ("itu_2025", "itu_2025_other_economy", "added_methodology_7", "not_in_itu_list")),
     Column("itu_world", bool, "Counts in ITU's world and group aggregates (ITU's list of 221 economies plus PRK and "
                               "VAT)"),
     "ldc", "lldc", "sids", "wb_income_group",
     Column("wb_income_vintage", str, "World Bank classification vintage: '2025 (ITU)' as ITU's table gives it, "
                                      "FY2022 for economies outside ITU's list"),
     FIELDS["membership_vintage"].but(description="Vintage of the ITU membership used for aggregates (empty when the "
                                                  "economy is in no ITU aggregate)")],
    meta("economies", "Economies", "Economies and their groups as used for aggregates.", ["iso3"], sort=["iso3"]),
    module=__name__)
