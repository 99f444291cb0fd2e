"""Published contract of the revision report: what changed since the previous release."""
import pandera.pandas as pa
from pandera.typing import Series

from schemas.published.core import meta

KEY = ["change", "series", "sex", "age", "urbanisation", "breakdown", "ref_area", "time_period"]
CHANGES = ("revised", "dropped", "economy_missing", "series_added", "series_dropped")


class RevisionsPublished(pa.DataFrameModel):
    release: Series[str] = pa.Field(description="This release")
    previous_release: Series[str] = pa.Field(nullable=True, description="The release compared against (the one "
                                             "`latest` pointed to before this one was published)")
    change: Series[str] = pa.Field(isin=list(CHANGES),
                                   description="revised: value changed beyond the tolerance; dropped: value gone "
                                               "while the economy still has the series; economy_missing: economy had "
                                               "the series and now has none (latest old value shown); series_added/"
                                               "series_dropped: a series slice present in only one release")
    series: Series[str] = pa.Field(description="Project series code")
    sex: Series[str] = pa.Field(description="SDMX sex code")
    age: Series[str] = pa.Field(description="SDMX age code")
    urbanisation: Series[str] = pa.Field(description="SDMX urbanisation code")
    breakdown: Series[str] = pa.Field(description="Skill, speed tier, basket or _T")
    ref_area: Series[str] = pa.Field(nullable=True, description="Economy ISO3; null for a whole series slice")
    time_period: Series[pa.typing.Int64] = pa.Field(nullable=True, description="Year; null for a whole series slice")
    old_value: Series[float] = pa.Field(nullable=True, description="Value in the previous release")
    new_value: Series[float] = pa.Field(nullable=True, description="Value in this release")
    difference: Series[float] = pa.Field(nullable=True, description="new_value - old_value")
    old_nature: Series[str] = pa.Field(nullable=True, description="Nature in the previous release")
    new_nature: Series[str] = pa.Field(nullable=True, description="Nature in this release")
    old_source: Series[str] = pa.Field(nullable=True, description="Source in the previous release")
    new_source: Series[str] = pa.Field(nullable=True, description="Source in this release")
    detail: Series[str] = pa.Field(nullable=True, description="Counts for series and economy rows")

    class Config:
        strict = True
        coerce = True
        metadata = {**meta("revisions", "Revisions since the previous release",
                           "Values revised beyond the tolerance, values dropped, economies newly missing and series "
                           "added or dropped, each with old and new value, nature and source.",
                           KEY),
                    "requires": ["revisions"]}
