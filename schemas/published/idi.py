"""Published contracts of the ICT Development Index: `idi`, `idi_inputs` and `idi_parameters`.

The normalised-indicator and sub-index columns of `idi` are generated from the edition files
(indicators/idi/editions/*.yaml): one column per indicator code of any edition, so the indicator list lives in one
place; the parameters the methodology does not confirm are named in the table description and listed, with their
status, in `idi_parameters`.
"""
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.idi_editions import edition_names, load_edition
from schemas.published.indicator_meta import indicator_table_meta

EDITIONS = [load_edition(name) for name in reversed(edition_names())]   # newest first: its columns lead
SCALE = max(e.scale.value for e in EDITIONS)
STATUSES = ["ranked", "unranked_imputed", "insufficient_data"]
METHODS = ["reported", "derived", "carried_forward", "group_median", "missing"]


def _normalised_fields() -> dict[str, tuple[type, bool, str]]:
    """One `<indicator>_z` column per indicator code, describing each edition's reference value and its status."""
    titles: dict[str, str] = {}
    references: dict[str, list[str]] = {}
    for edition in EDITIONS:
        for ind in edition.indicators:
            titles.setdefault(ind.code, ind.title)
            ref = f"{ind.reference.value:g}" + (" (log10)" if ind.transform == "log" else "")
            references.setdefault(ind.code, []).append(f"{edition.edition}: {ref}, {ind.reference.status}")
    return {f"{code}_z": (float, True, f"{title}, normalised 0-1 by the edition's reference value "
                                       f"({'; '.join(references[code])}); null when missing or not in the edition")
            for code, title in titles.items()}


def _idi_fields() -> dict[str, tuple[type, bool, str]]:
    fields = {"edition": (str, False, "IDI edition (publication year); its data year is time_period"),
              "ref_area": (str, False, "Economy, ISO 3166-1 alpha-3"),
              "time_period": (int, False, "Data year of the edition"),
              **_normalised_fields()}
    for sub in EDITIONS[0].sub_indices:
        fields[sub.code] = (float, True, f"{sub.title} sub-index, 0-{SCALE:g}; null when one of its inputs is "
                                         "missing")
    fields |= {
        "idi": (float, True, f"IDI score, 0-{SCALE:g}; null when an input is missing"),
        "imputed_count": (int, False, "Inputs imputed (carried forward or income-group median; see idi_inputs)"),
        "missing_count": (int, False, "Inputs with no value at all"),
        "imputed_inputs": (str, False, "Imputed indicators, comma-separated"),
        "capped_inputs": (str, False, "Indicators whose input was above the edition's reference value and was capped "
                                      "at 1 (cap_at_reference), comma-separated"),
        "status": (str, False, "ranked; unranked_imputed (more imputed inputs than the edition allows); "
                               "insufficient_data (an input is missing: no score)"),
        "rank": (pd.Int64Dtype, True, "Rank among ranked economies of the edition, on the unrounded score: only "
                                      "exactly equal scores share a rank, so rank order is score order (printed "
                                      "decimals are for display only); null when not ranked"),
        "methodology_status": (str, False, "unconfirmed when any edition parameter is unconfirmed "
                                           "(see idi_parameters)"),
        "release": (str, False, "Release"),
    }
    return fields


def _model(class_name: str, fields: dict, checks: dict, config_meta: dict) -> type:
    annotations = {name: Series[dtype] for name, (dtype, _, _) in fields.items()}
    attrs = {name: pa.Field(nullable=nullable, description=text, **checks.get(name, {}))
             for name, (_, nullable, text) in fields.items()}
    config = type("Config", (), {"strict": True, "coerce": True, "metadata": config_meta})
    return type(class_name, (pa.DataFrameModel,), {"__annotations__": annotations, "__module__": __name__,
                                                   "Config": config, **attrs})


_UNIT_INTERVAL = {"ge": 0.0, "le": 1.0}
IdiPublished = _model(
    "IdiPublished", _idi_fields(),
    {**{column: _UNIT_INTERVAL for column in _normalised_fields()}, "status": {"isin": STATUSES},
     "rank": {"ge": 1}, "idi": {"ge": 0.0, "le": SCALE}},
    indicator_table_meta(
        "idi", "idi", "ICT Development Index",
        "ICT Development Index (MIS editions, 11 indicators): normalised indicators, access/use/skills sub-indices, "
        "score and rank per economy, computed from the staged data; economies lacking inputs are published without a "
        "score or rank. Unconfirmed parameters (METHODOLOGY 3.1): "
        + "; ".join(f"{e.edition}: {', '.join(e.unconfirmed())}" for e in EDITIONS) + ".",
        ["edition", "ref_area", "time_period"]))


class IdiInputsPublished(pa.DataFrameModel):
    edition: Series[str] = pa.Field(description="IDI edition")
    ref_area: Series[str] = pa.Field(description="Economy, ISO 3166-1 alpha-3")
    time_period: Series[int] = pa.Field(description="Data year of the edition")
    sub_index: Series[str] = pa.Field(description="Sub-index the indicator belongs to")
    indicator: Series[str] = pa.Field(description="IDI indicator code (edition file)")
    series: Series[str] = pa.Field(description="Project series code of the input")
    value: Series[float] = pa.Field(nullable=True, description="Input value before normalisation; null if missing")
    value_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Year the value refers to")
    method: Series[str] = pa.Field(isin=METHODS, description="reported; derived (from counts/components and "
                                   "population); carried_forward or group_median (imputed); missing")
    imputed: Series[bool] = pa.Field(description="True for carried-forward and group-median values")
    nature: Series[str] = pa.Field(nullable=True, isin=["C", "CA", "E", "G", "M", "N"],
                                   description="C country data, CA derived from country data, E estimated/imputed")
    source: Series[str] = pa.Field(nullable=True, description="Source, derivation or imputation of the value")
    release: Series[str] = pa.Field(description="Release")

    class Config:
        strict = True
        coerce = True
        metadata = indicator_table_meta(
            "idi", "idi_inputs", "ICT Development Index inputs",
            "Every IDI input per economy: value, year, method (reported, derived, carried forward, income-group "
            "median, missing) and nature.", ["edition", "ref_area", "time_period", "indicator"])


class IdiParametersPublished(pa.DataFrameModel):
    edition: Series[str] = pa.Field(description="IDI edition")
    sub_index: Series[str] = pa.Field(description="Sub-index ('' for edition-wide parameters)")
    indicator: Series[str] = pa.Field(description="Indicator ('' for sub-index or edition parameters)")
    parameter: Series[str] = pa.Field(description="reference, weight, scale, cap_at_reference, display_decimals "
                                                  "(printed decimals, display only), carry_back_years, min_donors, "
                                                  "max_imputed_for_rank")
    value: Series[float] = pa.Field(description="Value used")
    status: Series[str] = pa.Field(isin=["confirmed", "unconfirmed"],
                                   description="confirmed in a cited source, or unconfirmed (recalled/inferred)")
    source: Series[str] = pa.Field(description="Where the value comes from (METHODOLOGY section 3.1)")
    release: Series[str] = pa.Field(description="Release")

    class Config:
        strict = True
        coerce = True
        metadata = indicator_table_meta(
            "idi", "idi_parameters", "ICT Development Index parameters",
            "Each edition's reference values, weights, scale and imputation settings with their confirmation status.",
            ["edition", "sub_index", "indicator", "parameter"])


STRUCTURE_STATUSES = ["confirmed", "secondary", "recalled"]


class IdiStructurePublished(pa.DataFrameModel):
    edition: Series[str] = pa.Field(description="IDI edition (publication year)")
    title: Series[str] = pa.Field(description="Edition")
    methodology_status: Series[str] = pa.Field(
        isin=["confirmed", "unconfirmed", "incomplete"],
        description="confirmed or unconfirmed (scored; unconfirmed parameters in idi_parameters), or incomplete: "
                    "structure only, not scored, no numbers (IDI 2023+: goalposts and weights not found)")
    pillar: Series[str] = pa.Field(description="Pillar (IDI 2023+) or sub-index (MIS editions)")
    pillar_title: Series[str] = pa.Field(description="Pillar or sub-index")
    pillar_status: Series[str] = pa.Field(isin=STRUCTURE_STATUSES, description="Status mark (METHODOLOGY 3)")
    indicator: Series[str] = pa.Field(description="Indicator code")
    indicator_title: Series[str] = pa.Field(description="Indicator")
    indicator_status: Series[str] = pa.Field(isin=STRUCTURE_STATUSES, description="Status mark (METHODOLOGY 3)")
    series: Series[str] = pa.Field(nullable=True, description="Project series measuring it; null when none is staged")
    datahub_code: Series[str] = pa.Field(nullable=True, description="ITU DataHub code, where one is known")
    datahub_code_status: Series[str] = pa.Field(nullable=True, isin=STRUCTURE_STATUSES,
                                                description="Status mark of the DataHub code")
    source: Series[str] = pa.Field(description="Where the structure is confirmed or recalled from")
    note: Series[str] = pa.Field(description="Scored, or what is missing for the edition to be scored")
    release: Series[str] = pa.Field(description="Release")

    class Config:
        strict = True
        coerce = True
        metadata = indicator_table_meta(
            "idi", "idi_structure", "ICT Development Index editions and structure",
            "Each configured IDI edition's pillars and indicators with their status marks, and whether the edition "
            "is scored: IDI 2023+ reports 'methodology incomplete' and no numbers.",
            ["edition", "pillar", "indicator"])
