"""ITU's membership in the reference data: read against ITU's own table in ../shared/data, PRK and VAT added, Other
Economies in no region but in the world, and a group without members refused with a sentence."""
import pandas as pd
import pytest

from pipelines.core import groups
from schemas import reference as ref
from support import shared_file

CODES = {"Africa": "ITU_AFR", "The Americas": "ITU_AMS", "Arab States": "ITU_ARB", "Asia & Pacific": "ITU_ASP",
         "CIS countries": "ITU_CIS", "Europe countries": "ITU_EUR", "Other Economies": ""}


@pytest.mark.integration
def test_every_economy_of_itus_table_has_itus_region_and_flags(shared_data):
    itu = pd.read_csv(shared_file(shared_data, "itu_regions/itu_regions_2025.csv"), keep_default_na=False)
    eco = ref.economies().set_index("iso3")
    got = eco.loc[itu["iso3"]]
    assert (got["itu_region"].to_numpy() == itu["itu_region"].map(CODES).to_numpy()).all()
    for flag in ("ldc", "lldc", "sids"):
        assert (got[flag].to_numpy() == (itu[flag.upper()] == 1).to_numpy()).all()
    assert got["itu_world"].all()


def test_region_sizes_and_spot_members_as_methodology_7_states():
    eco = ref.economies()
    listed = eco[eco["itu_world"]]
    sizes = listed["itu_region"].value_counts().to_dict()
    # ITU's table: Africa 44, Americas 35, Arab States 22, Asia & Pacific 40 (+PRK), CIS 9, Europe 45 (+VAT)
    assert sizes == {"ITU_AFR": 44, "ITU_AMS": 35, "ITU_ARB": 22, "ITU_ASP": 41, "ITU_CIS": 9, "ITU_EUR": 46, "": 26}
    region = eco.set_index("iso3")["itu_region"]
    assert {region[c] for c in ("ISR", "GEO", "MDA", "UKR", "TUR", "VAT")} == {"ITU_EUR"}
    assert {region[c] for c in ("SOM", "DJI", "COM", "MRT", "SDN")} == {"ITU_ARB"}
    assert sorted(listed[listed["itu_region"] == "ITU_CIS"]["iso3"]) == "ARM AZE BLR KAZ KGZ RUS TJK TKM UZB".split()
    assert region["TWN"] == "" and eco.set_index("iso3").loc["TWN", "itu_world"]
    assert not eco.set_index("iso3").loc["REU", "itu_world"]   # not in ITU's list: in no ITU aggregate


def test_world_holds_every_listed_economy_and_regions_partition_the_members():
    members = groups.group_members()
    world = set(members[members["group_code"] == "WLD"]["iso3"])
    assert len(world) == 223
    regions = members[members["group_code"].str.startswith("ITU_")]
    assert not regions["iso3"].duplicated().any() and len(regions) == 223 - 26


def test_a_group_without_members_is_refused_with_its_name():
    eco = ref.economies()
    empty = pd.DataFrame([{"code": "ITU_XXX", "m49": "", "name": "nowhere", "kind": "itu_region",
                           "rule": "itu_region = ITU_XXX", "status": "test", "membership_vintage": "ITU 2025"}])
    with pytest.raises(groups.GroupError, match="group ITU_XXX .* has no member"):
        groups.group_members(eco, empty)
