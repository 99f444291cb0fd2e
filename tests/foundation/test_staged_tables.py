"""The staged tables are declared once (pipelines.core.staged_tables), and the declaration is what staging and the
reference step create: the loader's list of tables an indicator may depend on comes from it."""
from pipelines.core import staged_tables, staging
from pipelines.core.canonical import AdapterResult, observations_frame, quarantine_frame
from pipelines.core.manifest import Entry

# indicators/loader.py kept this list by hand before it was derived from the declaration
HAND_KEPT = {"observations", "quarantine", "qa_findings", "ingest_files", "economies", "groups", "group_members",
             "series_catalogue", "economy_reference", "population", "gni_per_capita", "ppp_factor", "exchange_rate",
             "rates_from_counts", "tariff_plans"}


def test_the_derived_staged_tables_are_the_hand_kept_list():
    assert staged_tables.staged_tables() == HAND_KEPT
    assert staged_tables.reference_views() == ("population", "gni_per_capita", "ppp_factor", "exchange_rate",
                                               "rates_from_counts")


def test_staging_and_the_reference_step_create_exactly_the_declared_tables():
    row = dict(ref_area="KEN", time_period=2020, series="INET_USERS_PCT", sex="_T", age="_T", urbanisation="_T",
               breakdown="_T", unit_measure="PERCENT", unit_mult=0, obs_value=29.5, nature="C", source="s", note=None,
               source_code="x", file="a.csv", line=2)
    ingested = staging.collect([(Entry("a.csv", "0" * 64, 1, "itu_datahub_csv", "", ""),
                                 AdapterResult(observations_frame([row]), quarantine_frame(), rows_read=1))])
    con = ingested.con
    staging.stage_tables(con, ingested.files)
    staged_tables.write_reference(con)
    inputs = {*staging.INGEST_TABLES, "ingest_read"}   # what collect() filled, and the step's temporary tables
    made = {name for (name,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
            if name not in inputs and not name.startswith("staging_")}
    assert made == staged_tables.staged_tables() - {staged_tables.QA_TABLE}
    assert con.execute("SELECT count(*) FROM observations").fetchall() == [(1,)]
