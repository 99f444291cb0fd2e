"""microdata_job: many economies in one Dagster run, batches at the same time in their own processes, each economy
writing only its own folder; a failed economy is listed with its error while the others complete."""
import dagster as dg
import pandas as pd
import pytest
import yaml

from pipelines.commands.microdata import estimate_all
from pipelines.dagster_assets.microdata import ESTIMATES, batches, survey_economies
from pipelines.microdata import store, synthetic
from pipelines.core.paths import REPO_ROOT

FOUR = ["GHA", "KEN", "PER", "VNM"]


def write_economies(raw_root, economies, respondents=3000):
    for n, iso3 in enumerate(economies):
        synthetic.write_round(store.input_folder(raw_root) / iso3 / f"{iso3}_2022.parquet",
                              synthetic.survey_round(iso3, 2022, respondents, seed=60 + n))


def step_intervals(instance, run_id) -> dict[str, list[float]]:
    """Start and end time of each estimate_economies step, from the run's event log."""
    spans = {}
    for record in instance.all_logs(run_id):
        event = record.dagster_event
        if event and event.step_key and event.step_key.startswith("estimate_economies["):
            if event.event_type == dg.DagsterEventType.STEP_START:
                spans.setdefault(event.step_key, [None, None])[0] = record.timestamp
            elif event.event_type == dg.DagsterEventType.STEP_SUCCESS:
                spans[event.step_key][1] = record.timestamp
    return spans


def test_batches_split_economies_evenly_in_order():
    assert batches(FOUR, 4) == [["GHA"], ["KEN"], ["PER"], ["VNM"]]
    assert batches(["A", "B", "C", "D", "E"], 2) == [["A", "B", "C"], ["D", "E"]]
    assert batches(["A", "B"], 5) == [["A"], ["B"]] and batches(["A", "B"], 1) == [["A", "B"]]


@pytest.mark.slow
def test_four_economy_partitions_run_at_the_same_time_in_one_run(tmp_path):
    raw_root, warehouse = tmp_path / "raw", tmp_path / "warehouse"
    # enough respondents that a step outlasts the skew between the four processes' starts on a loaded machine
    write_economies(raw_root, FOUR, respondents=20000)
    with dg.DagsterInstance.local_temp(str(tmp_path)) as instance:
        assert estimate_all(raw_root, warehouse, FOUR, instance, workers=4) == {}
        [run] = instance.get_run_records()
        spans = step_intervals(instance, run.dagster_run.run_id)
        assert sorted(spans) == [f"estimate_economies[{e}]" for e in FOUR]
        starts, ends = [s for s, _ in spans.values()], [e for _, e in spans.values()]
        assert min(ends) > sorted(starts)[1], "at least two economies must be running at the same time"
        pids = {record.dagster_event.pid for record in instance.all_logs(run.dagster_run.run_id)
                if record.dagster_event and record.dagster_event.event_type == dg.DagsterEventType.STEP_START
                and record.dagster_event.step_key.startswith("estimate_economies[")}
        assert len(pids) == 4                                              # one process per economy's step
        assert sorted(instance.get_dynamic_partitions(survey_economies.name)) == FOUR
        materialized = instance.get_materialized_partitions(ESTIMATES)
        assert materialized == set(FOUR)
    for iso3 in FOUR:                                                      # each economy wrote its own folder
        own = pd.read_parquet(store.output_folder(warehouse, iso3) / "estimates.parquet")
        assert set(own["ref_area"]) == {iso3} and len(own) > 400
    gathered = pd.read_csv(store.output_folder(warehouse) / store.ESTIMATES_FILE)
    assert sorted(set(gathered["ref_area"])) == FOUR and len(gathered) == sum(
        len(pd.read_parquet(store.output_folder(warehouse, e) / "estimates.parquet")) for e in FOUR)


@pytest.mark.slow
def test_a_failed_economy_is_listed_with_its_error_and_the_others_complete(tmp_path):
    raw_root, warehouse = tmp_path / "raw", tmp_path / "warehouse"
    write_economies(raw_root, ["GHA", "KEN", "PER"], respondents=800)
    bad = store.input_folder(raw_root) / "KEN" / "KEN_2022.parquet"
    pd.read_parquet(bad).drop(columns=["psu"]).to_parquet(bad)
    with dg.DagsterInstance.local_temp(str(tmp_path)) as instance:
        failed = estimate_all(raw_root, warehouse, ["GHA", "KEN", "PER"], instance)      # one batch, in process
        assert failed == {"estimate_economies[GHA_to_PER]": (
            "1 of 3 economies failed (the others are estimated): KEN: microdata/KEN/KEN_2022.parquet: missing "
            "column(s) psu of the microdata schema (docs/microdata.md).")}
        assert instance.get_materialized_partitions(ESTIMATES) == {"GHA", "PER"}
    assert (store.output_folder(warehouse, "GHA") / "estimates.parquet").exists()
    assert (store.output_folder(warehouse, "PER") / "estimates.parquet").exists()
    assert not store.output_folder(warehouse, "KEN").exists()
    assert not (store.output_folder(warehouse) / store.ESTIMATES_FILE).exists()   # not gathered while one failed


def test_the_run_coordinator_runs_microdata_in_parallel_and_one_run_per_release():
    coordinator = yaml.safe_load((REPO_ROOT / "dagster.yaml").read_text())["run_coordinator"]["config"]
    assert coordinator["max_concurrent_runs"] > 1
    assert coordinator["tag_concurrency_limits"] == [
        {"key": "dagster/partition", "value": {"applyLimitPerUniqueValue": True}, "limit": 1}]


@pytest.mark.slow
def test_economies_estimated_together_or_in_batches_give_the_same_estimates(tmp_path):
    raw_root, economies = tmp_path / "raw", ["GHA", "KEN", "PER"]
    write_economies(raw_root, economies, respondents=600)
    together, _ = store.estimate_economies(raw_root, tmp_path / "a", economies)
    apart = {}
    for batch in batches(economies, 2):
        apart |= store.estimate_economies(raw_root, tmp_path / "b", batch)[0]
    for economy in economies:
        pd.testing.assert_frame_equal(apart[economy].estimates, together[economy].estimates)
        pd.testing.assert_frame_equal(apart[economy].quarantine, together[economy].quarantine)
