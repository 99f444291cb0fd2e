"""Published contract of methodology_parameters: every methodology value of the configuration, with its status."""
from schemas.fields import FIELDS, Column
from schemas.methodology import STATUSES
from schemas.models import model
from schemas.published.indicator_meta import indicator_table_meta

MethodologyParametersPublished = model(
    "MethodologyParametersPublished",
    [Column("family", str, "Indicator family (or core, microdata) whose configuration holds the parameter"),
     Column("file", str, "Configuration file, relative to the repository (indicators/..., pipelines/microdata/...)"),
     Column("parameter", str, "Dotted name in the file (list items by their code), e.g. params.trend.damping"),
     Column("value", str, "Value used, as text (JSON for numbers, lists and mappings)"),
     Column("status", str, "Methodology status (schemas.methodology, marks of METHODOLOGY.md): confirmed in a cited "
                           "source, secondary, or unconfirmed (recalled, inferred or a project choice: a setting to "
                           "verify, never a settled fact)", STATUSES),
     FIELDS["source"].but(nullable=False, description="Where the value comes from; a project's own choice reads "
                                                      "'project choice: <why>'"),
     "release"],
    indicator_table_meta(
        "catalog", "methodology_parameters", "Methodology parameters",
        "Every methodology value the release's configuration holds (indicator specs, IDI editions, basket rules, "
        "SDMX settings, staging rules, microdata quality rule and age bands), each with its status and source.",
        ["file", "parameter"]),
    module=__name__)
