# %% [markdown]
# # Affordability of broadband: the 2% target
#
# Reads only the published Parquet of a release (`ISOC_PUBLISHED`, default `warehouse/published/latest`).
# Percent-format notebook (jupytext); the test suite executes it.
#
# Broadband Commission target: entry-level broadband should cost less than 2% of monthly GNI per capita. ITU
# reports affordability for groups as medians, and progress as the share of economies below 2%.

# %%
import os
from pathlib import Path

import pandas as pd

PUBLISHED = Path(os.environ.get("ISOC_PUBLISHED", Path.cwd().parent / "warehouse" / "published" / "latest"))
latest = pd.read_parquet(PUBLISHED / "country_profiles_latest.parquet")
medians = pd.read_parquet(PUBLISHED / "price_basket_medians.parquet")

# %% [markdown]
# ## Median and share of economies meeting the target, by income group, as `price_basket_medians` publishes them
# (reported prices; the latest year with a value for every income group)

# %%
BASKETS = {"i154_FBB5": "Fixed broadband 5 GB", "i271mb_5GB": "Data-only mobile broadband 5 GB"}
INCOME = {"WB_LIC": "LIC", "WB_LMC": "LMC", "WB_UMC": "UMC", "WB_HIC": "HIC"}
rows = medians[medians["group_code"].isin(list(INCOME)) & medians["basket"].isin(list(BASKETS))
               & (medians["method"] == "reported")]
complete = rows.groupby(["basket", "time_period"])["group_code"].nunique() == len(INCOME)
years = complete[complete].reset_index().groupby("basket")["time_period"].max()
target = rows[rows["time_period"] == rows["basket"].map(years)].assign(
    basket=lambda d: d["basket"].map(BASKETS), income_group=lambda d: d["group_code"].map(INCOME)
).set_index(["basket", "income_group"])[["time_period", "economies", "median_pct_gni", "share_meeting_target"]]
print(target.round(2).to_string())

# %% [markdown]
# ## Least affordable fixed-broadband baskets

# %%
print(latest.nlargest(10, "fbb_basket_pct_gni")[["name", "fbb_basket_pct_gni_year", "fbb_basket_usd",
                                                 "fbb_basket_pct_gni"]].to_string(index=False))
