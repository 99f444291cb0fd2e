"""Deterministic synthetic microdata: survey rounds in the documented schema, for tests, `isoc synth` and benchmarks.

Each round is a stratified two-stage sample: strata (half urban, half rural) hold PSUs of HOUSEHOLDS_PER_PSU
households of 1-6 persons. Answers depend on urban/rural, sex, age and a PSU effect, so domains differ and the
design effect is real. Skills are asked only of persons aged 15 and over (empty below: not asked). Labelled synthetic:
the survey name says so. Weights are positive floats; nothing here is an error unless a test adds one.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from schemas.microdata_columns import HOUSEHOLD_QUESTIONS, PERSON_QUESTIONS

HOUSEHOLDS_PER_PSU = 20
STRATA = 12
SKILL_SHARE = 0.45          # average share of Internet users who did a skill activity (varies by activity below)
SURVEY = "SYNTHETIC ICT household survey"


def _logistic(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def survey_round(ref_area: str, year: int, respondents: int, seed: int, level: float = 0.0) -> pa.Table:
    """One round of `respondents` persons; `level` shifts ICT use (about -2 low to +2 high)."""
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 7, size=respondents // 2 + 10)
    sizes = sizes[: int(np.searchsorted(np.cumsum(sizes), respondents)) + 1]
    sizes[-1] -= int(sizes.sum()) - respondents
    households = len(sizes)
    psu = np.arange(households) // HOUSEHOLDS_PER_PSU
    n_psu = int(psu[-1]) + 1
    stratum_of_psu = rng.integers(0, STRATA, size=n_psu)
    urban_of_psu = stratum_of_psu < STRATA // 2
    psu_effect = rng.normal(0.0, 0.5, size=n_psu)
    psu_weight = rng.uniform(50, 400, size=STRATA)[stratum_of_psu] * rng.lognormal(0.0, 0.2, size=n_psu)
    hh_weight = psu_weight[psu] * rng.uniform(0.9, 1.1, size=households)
    hh_urban = urban_of_psu[psu]
    hh_signal = level + 0.8 * hh_urban + psu_effect[psu]
    hh_computer = rng.random(households) < _logistic(hh_signal - 0.5)
    hh_internet = rng.random(households) < _logistic(hh_signal + 0.3 + 1.5 * hh_computer)

    person_hh = np.repeat(np.arange(households), sizes)
    n = len(person_hh)
    male = rng.random(n) < 0.49
    age = np.minimum(rng.gamma(2.0, 17.0, size=n).astype(np.int64), 99)
    signal = (hh_signal[person_hh] + 0.3 * male - 0.035 * np.abs(age - 25) + 1.2 * hh_internet[person_hh])
    internet = rng.random(n) < _logistic(signal + 0.5)
    mobile = rng.random(n) < _logistic(signal + 1.5)
    adult = age >= 15
    columns = {
        "ref_area": pa.array(np.full(n, ref_area)).dictionary_encode(),
        "time_period": pa.array(np.full(n, year, dtype=np.int64)),
        "survey": pa.array(np.full(n, f"{SURVEY} {ref_area} {year}")).dictionary_encode(),
        "person_id": pa.array(np.arange(1, n + 1, dtype=np.int64)),
        "household_id": pa.array(person_hh + 1),
        "person_weight": pa.array(hh_weight[person_hh] * rng.uniform(0.8, 1.25, size=n)),
        "household_weight": pa.array(hh_weight[person_hh]),
        "stratum": pa.array(stratum_of_psu[psu][person_hh].astype(np.int64) + 1),
        "psu": pa.array(psu[person_hh].astype(np.int64) + 1),
        "sex": pa.array(np.where(male, "M", "F")).dictionary_encode(),
        "age": pa.array(age),
        "urbanisation": pa.array(np.where(hh_urban[person_hh], "U", "R")).dictionary_encode(),
        "internet_3m": pa.array(internet.astype(np.int8)),
        "owns_mobile": pa.array(mobile.astype(np.int8)),
    }
    skills = [q for q in PERSON_QUESTIONS if q.startswith("skill_")]
    shares = SKILL_SHARE * np.linspace(1.5, 0.2, len(skills))
    for question, share in zip(skills, shares):
        did = internet & (rng.random(n) < share)
        columns[question] = pa.array(did.astype(np.int8), mask=~adult)
    household_answers = {"hh_computer": hh_computer, "hh_internet": hh_internet}
    for question in HOUSEHOLD_QUESTIONS:
        columns[question] = pa.array(household_answers[question][person_hh].astype(np.int8))
    return pa.table(columns)


def write_round(path: Path, table: pa.Table) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, compression="zstd", row_group_size=1_000_000)
    return path


def write_world(folder: Path, respondents: int, rounds: int, year: int = 2023, seed: int = 0,
                fmt: str = "parquet") -> list[Path]:
    """`rounds` survey rounds (one per economy, in the order of the project's economy list) sharing `respondents`
    persons, one file per economy: folder/<ISO3>/<ISO3>_<year>.parquet (the partition layout), or with fmt dta, sav
    or csv its national twin (write_national) and variable map."""
    from schemas import reference as ref

    economies = sorted(ref.economy_codes())
    if rounds > len(economies):
        raise ValueError(f"at most {len(economies)} rounds (one per economy), not {rounds}")
    step = len(economies) / rounds
    chosen = [economies[int(i * step)] for i in range(rounds)]
    sizes = np.full(rounds, respondents // rounds)
    sizes[: respondents - int(sizes.sum())] += 1
    levels = np.random.default_rng(seed).uniform(-2.0, 2.0, size=rounds)
    write = write_round if fmt == "parquet" else write_national
    return [write(Path(folder) / iso3 / f"{iso3}_{year}.{fmt}",
                  survey_round(iso3, year, int(size), seed=seed * 100_003 + i, level=float(level)))
            for i, (iso3, size, level) in enumerate(zip(chosen, sizes, levels))]


# The national twin of a round: the variable names and codes an office might use (labelled SYNTHETIC like the rest).
NATIONAL_NAMES = {"person_id": "pid", "household_id": "hhid", "person_weight": "wt_person",
                  "household_weight": "wt_hh", "stratum": "strat", "psu": "ea", "sex": "b02_sex", "age": "b03_age",
                  "urbanisation": "urbrur", "internet_3m": "q07_internet", "owns_mobile": "q18_mobile",
                  "hh_computer": "h04_computer", "hh_internet": "h06_internet",
                  **{q: f"q15_{q.removeprefix('skill_')}" for q in PERSON_QUESTIONS if q.startswith("skill_")}}
NATIONAL_CODES = {"sex": {1: ("M", "Male"), 2: ("F", "Female")},
                  "urbanisation": {1: ("U", "Urban"), 2: ("R", "Rural")},
                  **{q: {1: (1, "Yes"), 2: (0, "No")} for q in PERSON_QUESTIONS + HOUSEHOLD_QUESTIONS}}


def write_national(path: Path, table: pa.Table) -> Path:
    """`table` (one round) as a national office file (.dta, .sav or .csv by the suffix): national variable names,
    coded answers (1 yes, 2 no) with value labels, no economy/year/survey columns; and its variable map beside it."""
    import pandas as pd
    import yaml

    from pipelines.microdata import store

    frame = table.to_pandas()
    out = pd.DataFrame({name: frame[column] for column, name in NATIONAL_NAMES.items()})
    for column, codes in NATIONAL_CODES.items():
        back = {code: number for number, (code, _) in codes.items()}
        out[NATIONAL_NAMES[column]] = frame[column].astype(object).map(back).astype("float64")
    labels = {NATIONAL_NAMES[c]: {n: label for n, (_, label) in codes.items()} for c, codes in NATIONAL_CODES.items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix in (".dta", ".sav"):
        import pyreadstat

        write = pyreadstat.write_dta if suffix == ".dta" else pyreadstat.write_sav
        write(out, str(path), variable_value_labels=labels)
    else:
        out.to_csv(path, index=False)
    first = frame.iloc[0]
    spec = {"constants": {"ref_area": str(first["ref_area"]), "time_period": int(first["time_period"]),
                          "survey": str(first["survey"])},
            "variables": {column: ({"variable": name,
                                    "codes": {n: code for n, (code, _) in NATIONAL_CODES[column].items()}}
                                   if column in NATIONAL_CODES else name) for column, name in NATIONAL_NAMES.items()}}
    store.map_path(path).write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path
