"""Published contract of the revision report: what changed since the previous release."""
import pandera.pandas as pa

from schemas.fields import FIELDS, Column
from schemas.models import model
from schemas.published.core import meta

KEY = ["change", "series", "sex", "age", "urbanisation", "breakdown", "ref_area", "time_period"]
CHANGES = ("revised", "dropped", "economy_missing", "series_added", "series_dropped")
_SLICE = {"nullable": True, "remark": "null for a whole series slice"}

RevisionsPublished = model(
    "RevisionsPublished",
    [FIELDS["release"].but(description="This release"),
     Column("previous_release", str, "The release compared against (the one `latest` pointed to before this one was "
                                     "published)", nullable=True),
     Column("change", str, "revised: value changed beyond the tolerance; dropped: value gone while the economy still "
                           "has the series; economy_missing: economy had the series and now has none (latest old "
                           "value shown); series_added/series_dropped: a series slice present in only one release",
            CHANGES),
     "series", FIELDS["sex"].but(codelist=None), "age", FIELDS["urbanisation"].but(codelist=None), "breakdown",
     FIELDS["ref_area"].but(**_SLICE), FIELDS["time_period"].but(dtype=pa.typing.Int64, **_SLICE),
     Column("old_value", float, "Value in the previous release", nullable=True),
     Column("new_value", float, "Value in this release", nullable=True),
     Column("difference", float, "new_value - old_value", nullable=True),
     Column("old_nature", str, "Nature in the previous release", nullable=True),
     Column("new_nature", str, "Nature in this release", nullable=True),
     Column("old_source", str, "Source in the previous release", nullable=True),
     Column("new_source", str, "Source in this release", nullable=True),
     FIELDS["detail"].but(nullable=True, description="Counts for series and economy rows")],
    {**meta("revisions", "Revisions since the previous release",
            "Values revised beyond the tolerance, values dropped, economies newly missing and series added or "
            "dropped, each with old and new value, nature and source.", KEY,
            sort=[*KEY[:6], "ref_area NULLS FIRST", "time_period NULLS FIRST"]),
     "requires": ["revisions"]},
    module=__name__)
