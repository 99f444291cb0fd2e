"""Published contracts of the ICT Development Index: `idi`, `idi_inputs` and `idi_parameters`.

The normalised-indicator and sub-index columns of `idi` are generated from the edition files
(indicators/idi/editions/*.yaml): one column per indicator code of any edition, so the indicator list lives in one
place; the parameters the methodology does not confirm are named in the table description and listed, with their
status, in `idi_parameters`.
"""
import pandas as pd

from schemas.fields import ECONOMY, FIELDS, Column
from schemas.idi_editions import STATUSES as PARAMETER_STATUSES, edition_names, load_edition
from schemas.models import model
from schemas.published.indicator_meta import indicator_table_meta

EDITIONS = [load_edition(name) for name in reversed(edition_names())]   # newest first: its columns lead
SCALE = max(e.scale.value for e in EDITIONS)
STATUSES = ["ranked", "unranked_imputed", "insufficient_data"]
METHODS = ["reported", "derived", "carried_forward", "group_median", "missing"]


def _normalised_columns() -> list[Column]:
    """One `<indicator>_z` column per indicator code, describing each edition's reference value and its status."""
    titles: dict[str, str] = {}
    references: dict[str, list[str]] = {}
    for edition in EDITIONS:
        for ind in edition.indicators:
            titles.setdefault(ind.code, ind.title)
            ref = f"{ind.reference.value:g}" + (" (log10)" if ind.transform == "log" else "")
            references.setdefault(ind.code, []).append(f"{edition.edition}: {ref}, {ind.reference.status}")
    return [Column(f"{code}_z", float, f"{title}, normalised 0-1 by the edition's reference value "
                                      f"({'; '.join(references[code])}); null when missing or not in the edition",
                   nullable=True, checks={"ge": 0.0, "le": 1.0})
            for code, title in titles.items()]


IDI_EDITION = FIELDS["edition"].but(remark="its data year is time_period")
DATA_YEAR = FIELDS["time_period"].but(description="Data year of the edition")
IdiPublished = model(
    "IdiPublished",
    [IDI_EDITION, ECONOMY, DATA_YEAR, *_normalised_columns(),
     *[Column(sub.code, float, f"{sub.title} sub-index, 0-{SCALE:g}; null when one of its inputs is missing",
              nullable=True) for sub in EDITIONS[0].sub_indices],
     Column("idi", float, f"IDI score, 0-{SCALE:g}; null when an input is missing", nullable=True,
            checks={"ge": 0.0, "le": SCALE}),
     Column("imputed_count", int, "Inputs imputed (carried forward or income-group median; see idi_inputs)"),
     Column("missing_count", int, "Inputs with no value at all"),
     Column("imputed_inputs", str, "Imputed indicators, comma-separated"),
     Column("capped_inputs", str, "Indicators whose input was above the edition's reference value and was capped at 1 "
                                  "(cap_at_reference), comma-separated"),
     Column("status", str, "ranked; unranked_imputed (more imputed inputs than the edition allows); insufficient_data "
                           "(an input is missing: no score)", STATUSES),
     Column("rank", pd.Int64Dtype, "Rank among ranked economies of the edition, on the unrounded score: only exactly "
                                   "equal scores share a rank, so rank order is score order (printed decimals are for "
                                   "display only); null when not ranked", nullable=True, checks={"ge": 1}),
     Column("methodology_status", str, "unconfirmed when any edition parameter is unconfirmed (see idi_parameters)"),
     "release"],
    indicator_table_meta(
        "idi", "idi", "ICT Development Index",
        "ICT Development Index (MIS editions, 11 indicators): normalised indicators, access/use/skills sub-indices, "
        "score and rank per economy, computed from the staged data; economies lacking inputs are published without a "
        "score or rank. Unconfirmed parameters (METHODOLOGY 3.1): "
        + "; ".join(f"{e.edition}: {', '.join(e.unconfirmed())}" for e in EDITIONS) + ".",
        ["edition", "ref_area", "time_period"]),
    module=__name__)

IdiInputsPublished = model(
    "IdiInputsPublished",
    [FIELDS["edition"].but(description="IDI edition"), ECONOMY, DATA_YEAR, FIELDS["sub_index"],
     FIELDS["indicator"].but(description="IDI indicator code (edition file)"),
     FIELDS["series"].but(remark="the input's"),
     Column("value", float, "Input value before normalisation; null if missing", nullable=True),
     Column("value_year", pd.Int64Dtype, "Year the value refers to", nullable=True),
     Column("method", str, "reported; derived (from counts/components and population); carried_forward or "
                           "group_median (imputed); missing", METHODS),
     Column("imputed", bool, "True for carried-forward and group-median values"),
     FIELDS["nature"].but(nullable=True, remark="CA derived from country data, E estimated or imputed"),
     FIELDS["source"].but(description="Source, derivation or imputation of the value"), "release"],
    indicator_table_meta(
        "idi", "idi_inputs", "ICT Development Index inputs",
        "Every IDI input per economy: value, year, method (reported, derived, carried forward, income-group "
        "median, missing) and nature.", ["edition", "ref_area", "time_period", "indicator"]),
    module=__name__)

IdiParametersPublished = model(
    "IdiParametersPublished",
    [FIELDS["edition"].but(description="IDI edition"),
     FIELDS["sub_index"].but(description="Sub-index ('' for edition-wide parameters)"),
     FIELDS["indicator"].but(description="Indicator ('' for sub-index or edition parameters)"),
     Column("parameter", str, "reference, weight, scale, cap_at_reference, display_decimals (printed decimals, display "
                              "only), carry_back_years, min_donors, max_imputed_for_rank"),
     Column("value", float, "Value used"),
     Column("status", str, "Methodology status (schemas.methodology): confirmed in a cited source, or unconfirmed "
                           "(recalled, inferred or a project choice)", PARAMETER_STATUSES),
     FIELDS["source"].but(nullable=False, description="Where the value comes from (METHODOLOGY section 3.1)"),
     "release"],
    indicator_table_meta(
        "idi", "idi_parameters", "ICT Development Index parameters",
        "Each edition's reference values, weights, scale and imputation settings with their confirmation status.",
        ["edition", "sub_index", "indicator", "parameter"]),
    module=__name__)

_MARK = FIELDS["indicator_status"].but(description="Status mark (METHODOLOGY 3)")
IdiStructurePublished = model(
    "IdiStructurePublished",
    ["edition", Column("title", str, "Edition"),
     Column("methodology_status", str, "confirmed or unconfirmed (scored; unconfirmed parameters in idi_parameters), "
                                       "or incomplete: structure only, not scored, no numbers (IDI 2023+: goalposts "
                                       "and weights not found)", ("confirmed", "unconfirmed", "incomplete")),
     Column("pillar", str, "Pillar (IDI 2023+) or sub-index (MIS editions)"),
     Column("pillar_title", str, "Pillar or sub-index"),
     _MARK.but(name="pillar_status"), "indicator", "indicator_title", _MARK,
     FIELDS["series"].but(nullable=True, remark="the series measuring it; null when none is staged"),
     Column("datahub_code", str, "ITU DataHub code, where one is known", nullable=True),
     _MARK.but(name="datahub_code_status", nullable=True, description="Status mark of the DataHub code"),
     FIELDS["source"].but(nullable=False, description="Where the structure is confirmed or recalled from"),
     FIELDS["note"].but(nullable=False, description="Scored, or what is missing for the edition to be scored"),
     "release"],
    indicator_table_meta(
        "idi", "idi_structure", "ICT Development Index editions and structure",
        "Each configured IDI edition's pillars and indicators with their status marks, and whether the edition "
        "is scored: IDI 2023+ reports 'methodology incomplete' and no numbers.",
        ["edition", "pillar", "indicator"]),
    module=__name__)
