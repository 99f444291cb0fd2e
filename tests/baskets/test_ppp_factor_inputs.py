"""The PPP factor series the baskets can convert with, as staged from the real files: the World Bank
private-consumption factor is its own series, not the GDP factor."""
import pytest
from support import shared_file

from pipelines.ingest import wdi_wide_csv


@pytest.mark.integration
def test_private_consumption_ppp_is_its_own_series(shared_data):
    rel = "wb_ppp_and_exchange_rates/API_PA.NUS.PRVT.PP_DS2_en_csv_v2_5762.csv"
    result = wdi_wide_csv.read(shared_file(shared_data, rel), rel.split("/")[1])
    assert result.rows_read == result.rows_staged + result.rows_quarantined
    obs = result.observations
    assert set(obs["series"]) == {"PPP_FACTOR_PRVT"}   # not the GDP factor PPP_FACTOR
    values = obs.set_index(["ref_area", "time_period"])["obs_value"]
    # PROVENANCE.md spot checks
    assert values[("DEU", 2017)] == pytest.approx(0.799178, abs=1e-6)
    assert values[("POL", 2023)] == pytest.approx(2.106887, abs=1e-6)
    assert values[("GEO", 2017)] == pytest.approx(0.937671, abs=1e-6)
