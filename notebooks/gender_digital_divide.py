# %% [markdown]
# # The gender digital divide
#
# Reads only the published Parquet of a release (`ISOC_PUBLISHED`, default `warehouse/published/latest`).
# Percent-format notebook: open it in Jupyter with jupytext, or run it as a script; the test suite executes it.
#
# The gender parity score (GPS) is the female Internet-use rate divided by the male rate; parity is reached
# between 0.98 and 1.02 (ITU). Because it is a ratio of two percentages, ITU recommends showing the absolute gap
# (male users minus female users) beside it.

# %%
import os
from pathlib import Path

import pandas as pd

PUBLISHED = Path(os.environ.get("ISOC_PUBLISHED", Path.cwd().parent / "warehouse" / "published" / "latest"))
profiles = pd.read_parquet(PUBLISHED / "country_profiles.parquet")
observations = pd.read_parquet(PUBLISHED / "observations.parquet")

# %% [markdown]
# ## Latest year with both female and male Internet use, per economy

# %%
by_sex = profiles.dropna(subset=["internet_users_female_pct", "internet_users_male_pct"])
latest = by_sex.loc[by_sex.groupby("ref_area")["time_period"].idxmax()]
divide = latest[["ref_area", "name", "itu_region", "time_period", "internet_users_female_pct",
                 "internet_users_male_pct", "internet_gender_parity"]].set_index("ref_area")


def band(score: float) -> str:
    if 0.98 <= score <= 1.02:
        return "parity"
    return "almost (0.95-0.98)" if 0.95 <= score < 0.98 else ("favours women" if score > 1.02 else "favours men")


divide["band"] = divide["internet_gender_parity"].map(band)
print(divide["band"].value_counts().to_string())

# %% [markdown]
# ## Absolute gap: male minus female Internet users, as `gender_parity` publishes it

# %%
parity = pd.read_parquet(PUBLISHED / "gender_parity.parquet")
internet = parity[(parity["series"] == "IT_USE_ii99") & (parity["age"] == "_T") & (parity["urbanisation"] == "_T")]
gap = divide.join(internet[internet["area_type"] == "economy"].set_index(["ref_area", "time_period"])["gap_persons"],
                  on=["ref_area", "time_period"], how="inner").dropna(subset=["gap_persons"])
print(gap.sort_values("gap_persons", ascending=False)[["name", "time_period", "internet_gender_parity",
                                                       "gap_persons"]].head(10).to_string())

# %% [markdown]
# ## Parity score of the ITU regions and the world (the published aggregates, latest year with both sexes)

# %%
groups = internet[internet["area_type"] == "aggregate"]
by_region = groups.loc[groups.groupby("ref_area")["time_period"].idxmax(),
                       ["ref_area", "time_period", "female", "male", "parity_score", "gap_persons"]]
print(by_region.set_index("ref_area").to_string())
