"""IDI engine: a hand-computed economy, capping, the log transform, ties, and monotonicity (hypothesis)."""
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.idi.engine import EDITIONS_DIR, load_edition, normalise, rank, score

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


def test_ties_share_a_rank_on_printed_values_and_unranked_take_no_place():
    assert rank([8.98, 8.5, 8.504, 7.0, None, 8.496], 2) == [1, 2, 2, 5, None, 2]
    assert rank([5.0, 5.0, 4.0], 2) == [1, 1, 3]


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
