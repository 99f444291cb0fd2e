"""Small inputs for the hardening tests: a DataHub CSV written in the test, in any encoding."""
from __future__ import annotations

COLUMNS = ["seriesID", "seriesCode", "seriesName", "seriesParent", "seriesUnits", "entityID", "entityIso",
           "entityName", "dataValue", "dataYear", "dataNote", "dataSource", "seriesDescription"]
ROWS = [("DEU", "Germany", "45.6", 2023), ("FRA", "France", "50.1", 2023), ("CIV", "Côte d’Ivoire", "1.2", 2023)]


def datahub_text(rows, note: str = "", source: str = "") -> str:
    """A DataHub bulk CSV of fixed-broadband subscriptions per 100 people (series code i992b)."""
    lines = [",".join(f'"{c}"' for c in COLUMNS)]
    lines += [f'19257,"i992b","Fixed-broadband subscriptions",,"per 100 people",4,"{iso}","{name}","{value}",{year},'
              f'"{note}","{source}","per 100 people"' for iso, name, value, year in rows]
    return "\n".join(lines) + "\n"
