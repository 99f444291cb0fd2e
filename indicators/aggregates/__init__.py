"""The one aggregation engine: ITU membership x fill x population weight, with coverage accounting.

Every family that shows a regional or world figure reads it from here (SDG aggregates, WSIS target aggregates, the
profiles' region and world comparators), so one figure has one value in every published table.
"""
