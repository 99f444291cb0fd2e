"""Survey estimates (pipelines/core/survey_estimates_file.py): one line per estimate of a household survey, with its
standard error, respondents, CV and quality flag. Each line is one record: staged as an observation (nature C, the
survey as source, the quality in the note; flagged estimates are staged with their flag), or quarantined; a line
the quality rule withheld is excluded as `withheld_estimate`."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.core.canonical import (AdapterResult, concat_quarantine, observations_frame, quarantine_frame,
                                      quarantine_row)
from pipelines.core.survey_estimates_file import ESTIMATE_COLUMNS, note
from pipelines.ingest._common import canonical_rows, first_row, raw_frame, read_table, resolve_areas
from schemas.raw.survey_estimates import SurveyEstimateRaw
from schemas.validation import split_valid

FORMAT = "survey_estimates_csv"
DESCRIPTION = "Household-survey estimates with standard errors (isoc microdata estimate; docs/microdata.md)"
ORIGIN = "National household ICT surveys (estimates from microdata)"


def detect(path: Path, head: bytes) -> bool:
    return path.suffix.lower() == ".csv" and first_row(path, head) == ESTIMATE_COLUMNS


def read(path: Path, file_label: str) -> AdapterResult:
    parsed = read_table(path, file_label, required=ESTIMATE_COLUMNS)
    valid, bad = split_valid(raw_frame(parsed, ESTIMATE_COLUMNS), SurveyEstimateRaw, file_label=file_label)
    located, unknown = resolve_areas(valid, "ref_area", file_label)
    withheld = located["withheld"] == "true"
    staged = located[~withheld]
    notes = [note(float(se), int(float(n)), None if cv == "" else float(cv), quality)
             for se, n, cv, quality in zip(staged["standard_error"], staged["respondents"], staged["cv"],
                                           staged["quality"])]
    obs = canonical_rows(staged, series=staged["series"], value_column="estimate", year_column="time_period",
                         source=staged["survey"], note=pd.Series(notes, index=staged.index, dtype="string"),
                         source_code=staged["variable"], breakdown=staged["breakdown"], sex=staged["sex"],
                         age=staged["age"], urbanisation=staged["urbanisation"], file_label=file_label)
    held = [quarantine_row(file_label, int(r.line), "withheld", "withheld_estimate", r.quality,
                           f"{file_label} line {r.line}: {r.series} {r.breakdown} for {r.ref_area} {r.time_period} "
                           f"(sex {r.sex}, age {r.age}, area {r.urbanisation}) was withheld by the quality rule "
                           f"({r.quality.replace('_', ' ')}, {r.respondents} respondents).", severity="excluded")
            for r in located[withheld].itertuples()]
    problems = concat_quarantine(parsed.problems, bad, unknown, quarantine_frame(held))
    return AdapterResult(observations_frame(obs), problems, rows_read=parsed.data_lines)
