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
# ## Absolute gap: male minus female Internet users, from the published population by sex

# %%
population = observations[observations["series"].isin(["POP_FEMALE", "POP_MALE"])].pivot_table(
    index=["ref_area", "time_period"], columns="series", values="obs_value")
gap = divide.join(population, on=["ref_area", "time_period"], how="inner")
gap["male_minus_female_users"] = (gap["internet_users_male_pct"] * gap["POP_MALE"]
                                  - gap["internet_users_female_pct"] * gap["POP_FEMALE"]) / 100
print(gap.sort_values("male_minus_female_users", ascending=False)[["name", "time_period", "internet_gender_parity",
                                                                  "male_minus_female_users"]].head(10).to_string())

# %% [markdown]
# ## Parity score by ITU region (median over economies, latest year of each)

# %%
by_region = divide.groupby("itu_region")["internet_gender_parity"].agg(["median", "count"])
print(by_region.to_string())
