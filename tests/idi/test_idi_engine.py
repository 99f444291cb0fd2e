"""IDI engine: a hand-computed economy, capping, the log transform, ties, and monotonicity (hypothesis)."""
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.idi.engine import normalise, rank, score, structure_rows
from schemas.idi_editions import EDITIONS_DIR, all_edition_names, edition_names, load_edition

EDITION = load_edition("2017")


def test_hand_computed_economy_every_step():
    values = {"fixed_tel": 30.0, "mobile_cellular": 150.0, "bandwidth_per_user": 100_000.0, "hh_computer": 80.0,
              "hh_internet": 70.0, "internet_users": 60.0, "fixed_broadband": 15.0, "mobile_broadband": 80.0,
              "mean_years_schooling": 12.0, "ger_secondary": 110.0, "ger_tertiary": 50.0}
    # Step 1, normalise with the 2017 reference values (capped at 1):
    z_fixed_tel = 30 / 60                         # 0.5
    z_mobile = 1.0                                # 150 / 120 = 1.25, capped at 1
    z_bandwidth = 5 / math.log10(2_158_212)       # log10(100000) = 5 over log10(reference) = 6.33409...
    z_hh_computer, z_hh_internet = 0.8, 0.7       # 80 / 100, 70 / 100
    z_internet, z_fbb, z_mbb = 0.6, 0.25, 0.8     # 60 / 100, 15 / 60, 80 / 100
    z_schooling, z_secondary, z_tertiary = 0.8, 1.0, 0.5   # 12 / 15, 110 / 100 capped, 50 / 100
    # Step 2, sub-indices: weights 0.20 (access) and 0.33 (use, skills):
    access = 0.2 * (z_fixed_tel + z_mobile + z_bandwidth + z_hh_computer + z_hh_internet)
    use = 0.33 * (z_internet + z_fbb + z_mbb)          # 0.33 x 1.65 = 0.5445
    skills = 0.33 * (z_schooling + z_secondary + z_tertiary)  # 0.33 x 2.3 = 0.759
    # Step 3, IDI = 10 x (0.4 access + 0.4 use + 0.2 skills):
    idi = 10 * (0.4 * access + 0.4 * use + 0.2 * skills)

    result = score(EDITION, values)
    assert result.normalised["bandwidth_per_user"] == pytest.approx(z_bandwidth, abs=1e-12)
    assert result.normalised["mobile_cellular"] == 1.0
    assert result.sub_indices["access"] == pytest.approx(10 * access, abs=1e-9)
    assert result.sub_indices["use"] == pytest.approx(5.445, abs=1e-9)
    assert result.sub_indices["skills"] == pytest.approx(7.59, abs=1e-9)
    assert result.idi == pytest.approx(idi, abs=1e-9)
    # z_bandwidth = 5 / 6.3340929 = 0.7893788; access = 0.2 x 3.7893788 = 0.7578758
    # IDI = 10 x (0.4 x 0.7578758 + 0.4 x 0.5445 + 0.2 x 0.759) = 10 x (0.3031503 + 0.2178 + 0.1518) = 6.727503
    assert result.idi == pytest.approx(6.727503, abs=1e-6)


def test_cap_at_reference_for_linear_and_log():
    assert normalise(180, 120, "linear") == 1.0
    assert normalise(180, 120, "linear", cap=False) == pytest.approx(1.5)
    assert normalise(10_000_000, 2_158_212, "log") == 1.0
    assert normalise(120, 120, "linear") == 1.0


def test_log_transform_uses_base_ten_and_floors_at_one_bit():
    assert normalise(1000, 1_000_000, "log") == pytest.approx(0.5)          # 3 / 6
    assert normalise(280_377, 280_377, "log") == 1.0
    assert normalise(1.0, 2_158_212, "log") == 0.0
    assert normalise(0.0, 2_158_212, "log") == 0.0


def test_unknown_transform_is_an_error_and_a_missing_input_leaves_its_sub_index_empty():
    with pytest.raises(ValueError, match="unknown transform"):
        normalise(1, 1, "sqrt")
    partial = score(EDITION, {i.code: 50.0 for i in EDITION.indicators if i.code != "ger_tertiary"})
    assert partial.normalised["ger_tertiary"] is None and partial.sub_indices["skills"] is None
    assert partial.idi is None
    assert partial.sub_indices["use"] == pytest.approx(10 * 0.33 * (0.5 + 50 / 60 + 0.5))


def test_rank_on_unrounded_scores_ties_only_on_exact_equality():
    # 8.5 and 8.504 print alike (8.50) but rank 3rd and 2nd: rank order is value order; None takes no place
    assert rank([8.98, 8.5, 8.504, 7.0, None, 8.496]) == [1, 3, 2, 5, None, 4]
    assert rank([5.0, 5.0, 4.0]) == [1, 1, 3]                       # an exact tie shares the rank
    assert rank([None, None]) == [None, None] and rank([]) == []


def test_near_tie_as_in_mis_2017_norway_8th_luxembourg_9th():
    """MIS 2017 printed Norway and Luxembourg both 8.47 and ranked them 8th and 9th: ITU ranked the unrounded
    scores. Seven economies above; the two unrounded values here are illustrative, printed alike."""
    above = [8.98, 8.85, 8.74, 8.71, 8.65, 8.61, 8.49]
    norway, luxembourg = 8.4712, 8.4681
    assert round(norway, 2) == round(luxembourg, 2) == 8.47
    ranks = rank(above + [luxembourg, norway, 8.43])
    assert ranks[-3:] == [9, 8, 10]
    printed = EDITION.display_decimals
    assert printed.value == 2 and "display only" in printed.source


def test_input_above_its_reference_is_capped_and_flagged():
    values = {i.code: 50.0 for i in EDITION.indicators} | {"bandwidth_per_user": 100_000.0,
                                                            "mean_years_schooling": 12.0}
    plain = score(EDITION, values)
    assert plain.capped == ()
    above = score(EDITION, values | {"mean_years_schooling": 16.5, "ger_secondary": 104.2})
    # 16.5 years over the reference 15 and GER 104.2 over 100: both normalise to 1 (cap_at_reference) and are named
    assert above.capped == ("mean_years_schooling", "ger_secondary")
    assert above.normalised["mean_years_schooling"] == 1.0 and above.normalised["ger_secondary"] == 1.0
    assert above.sub_indices["skills"] == pytest.approx(10 * 0.33 * (1 + 1 + 0.5))
    assert EDITION.cap_at_reference.value is True and EDITION.cap_at_reference.status == "unconfirmed"


def test_idi_2023_structure_is_configuration_and_not_scored():
    assert "2023" in all_edition_names() and "2023" not in edition_names()
    with pytest.raises(ValueError, match="methodology incomplete.*not scored"):
        load_edition("2023")
    rows = structure_rows("2023")
    assert len(rows) == 10 and {r["methodology_status"] for r in rows} == {"incomplete"}
    pillars = {r["pillar"]: r["pillar_status"] for r in rows}
    assert pillars == {"universal": "confirmed", "meaningful": "confirmed"}           # METHODOLOGY 3.2
    assert sum(r["pillar"] == "universal" for r in rows) == 3
    assert {r["indicator_status"] for r in rows} == {"recalled"}                      # METHODOLOGY 3.2: recalled
    assert all("goalposts" in r["note"] and "weights" in r["note"] for r in rows)
    codes = {r["indicator"]: (r["datahub_code"], r["datahub_code_status"]) for r in rows}
    assert codes["internet_users"] == ("i99H", "confirmed") and codes["mbb_traffic"] == (None, None)
    mis = structure_rows("2017")
    assert len(mis) == 11 and {r["methodology_status"] for r in mis} == {"unconfirmed"}


def test_edition_weights_and_statuses_follow_methodology():
    assert {s.code: s.weight.value for s in EDITION.sub_indices} == {"access": 0.4, "use": 0.4, "skills": 0.2}
    assert len(EDITION.indicators) == 11
    bandwidth = next(i for i in EDITION.indicators if i.code == "bandwidth_per_user")
    assert bandwidth.transform == "log" and round(math.log10(bandwidth.reference.value), 2) == 6.33
    # recalled reference values are never presented as confirmed (METHODOLOGY 3.1a)
    assert "access.mobile_cellular.reference" in EDITION.unconfirmed()
    assert "scale" in EDITION.unconfirmed()
    assert all(r["status"] == "confirmed" for r in EDITION.parameters() if r["parameter"] == "weight")


_VALUE = st.floats(min_value=0.0, max_value=300.0, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(values=st.fixed_dictionaries({i.code: _VALUE for i in EDITION.indicators}),
       which=st.sampled_from([i.code for i in EDITION.indicators]),
       raise_by=st.floats(min_value=0.0, max_value=1e6, allow_nan=False))
def test_raising_any_input_never_lowers_the_score(values, which, raise_by):
    values = {k: (v * 20_000 if k == "bandwidth_per_user" else v) for k, v in values.items()}
    before = score(EDITION, values)
    after = score(EDITION, {**values, which: values[which] + raise_by})
    assert after.idi >= before.idi - 1e-12
    assert all(after.sub_indices[k] >= before.sub_indices[k] - 1e-12 for k in before.sub_indices)


def test_mis_2011_edition_reproduces_the_published_worked_example():
    mis2011 = load_edition("2011")
    refs = {i.code: i.reference for i in mis2011.indicators}
    # METHODOLOGY 3.1, MIS 2011 Annex Box 1.2 (Korea, 2010): 105.4 / 170 = 0.62; log(c) / 5.45; GER 102.0 -> 1.00
    assert round(normalise(105.4, refs["mobile_cellular"].value, "linear"), 2) == 0.62
    assert round(math.log10(refs["bandwidth_per_user"].value), 2) == 5.45
    assert normalise(102.0, refs["ger_secondary"].value, "linear") == 1.0
    assert "adult_literacy" in refs and "mean_years_schooling" not in refs
    assert all(r.status == "confirmed" for r in refs.values())
    assert set(mis2011.unconfirmed()) == {"scale", "cap_at_reference", "display_decimals", "carry_back_years",
                                          "min_donors", "max_imputed_for_rank"}


def test_a_parameter_without_status_is_refused(tmp_path):
    text = (EDITIONS_DIR / "2017.yaml").read_text().replace(
        'reference: {value: 60, status: unconfirmed, source: "recalled from the MIS 2017 annex, METHODOLOGY 3.1a"}',
        "reference: 60", 1)
    (tmp_path / "broken.yaml").write_text(text)
    with pytest.raises(ValueError, match=r"broken.yaml:fixed_tel.reference: a parameter needs value, status"):
        load_edition("broken", tmp_path)
