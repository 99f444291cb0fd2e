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

# %% [markdown]
# ## Share of economies meeting the target, by income group (each economy's latest basket year)

# %%
BASKETS = {"fbb": "Fixed broadband 5 GB", "mbb": "Data-only mobile broadband 5 GB"}
rows = []
for prefix, label in BASKETS.items():
    priced = latest.dropna(subset=[f"{prefix}_basket_pct_gni"])
    for group, economies in priced.groupby("wb_income_group"):
        rows.append({"basket": label, "income_group": group, "economies": len(economies),
                     "median_pct_gni": economies[f"{prefix}_basket_pct_gni"].median(),
                     "share_meeting_2pct": economies[f"{prefix}_meets_2pct"].astype(bool).mean()})
target = pd.DataFrame(rows).set_index(["basket", "income_group"])
print(target.round(2).to_string())

# %% [markdown]
# ## Least affordable fixed-broadband baskets

# %%
print(latest.nlargest(10, "fbb_basket_pct_gni")[["name", "fbb_basket_pct_gni_year", "fbb_basket_usd",
                                                 "fbb_basket_pct_gni"]].to_string(index=False))
