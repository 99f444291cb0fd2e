"""Maintenance script: rebuild pipelines/reference/economies.csv and economy_names.csv.

Reads the public code lists in ../shared/data (UNSD M49 / ISO via datasets/country-codes, World Bank
country metadata) and writes the project's own reference tables. ITU-D region membership is not in
any of those files: it is assigned here by rule and marked `itu_region_status=to_verify` until it is
checked against ITU's regions page (METHODOLOGY.md section 7).

Run: python scripts/build_reference_economies.py [SHARED_DATA_DIR]
"""
from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path

ARAB_STATES = set("DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM".split())
CIS = set("ARM AZE BLR GEO KAZ KGZ MDA RUS TJK TKM UKR UZB".split())
EUROPE_OUTSIDE_M49_EUROPE = {"CYP", "TUR", "ISR"}
M49_REGION_TO_ITU = {"Africa": "ITU_AFR", "Americas": "ITU_AMS", "Europe": "ITU_EUR", "Asia": "ITU_ASP", "Oceania": "ITU_ASP"}


def itu_region(iso3: str, m49_region: str) -> str:
    if iso3 in ARAB_STATES:
        return "ITU_ARB"
    if iso3 in CIS:
        return "ITU_CIS"
    if iso3 in EUROPE_OUTSIDE_M49_EUROPE:
        return "ITU_EUR"
    return M49_REGION_TO_ITU.get(m49_region, "")


def normalise(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def main(shared: Path) -> None:
    out = Path(__file__).resolve().parents[1] / "pipelines" / "reference"
    codes = list(csv.DictReader(open(shared / "country_codes_m49_iso/country-codes.csv", encoding="utf-8")))
    wb_dir = shared / "wb_gni_per_capita_atlas"
    wb_meta = {r["Country Code"]: r for r in csv.DictReader(open(next(wb_dir.glob("Metadata_Country_*.csv")), encoding="utf-8-sig"))}
    rows, names = [], {}
    for c in codes:
        iso3 = c["ISO3166-1-Alpha-3"].strip()
        if not iso3 or not c["M49"].strip():
            continue
        name = c["UNTERM English Short"].strip() or c["CLDR display name"].strip() or c["official_name_en"].strip()
        wb = wb_meta.get(iso3, {})
        rows.append({
            "iso3": iso3, "m49": int(c["M49"]), "name": c["CLDR display name"].strip() or name,
            "m49_region": c["Region Name"], "m49_subregion": c["Sub-region Name"],
            "itu_region": itu_region(iso3, c["Region Name"]), "itu_region_status": "to_verify",
            "ldc": c["Least Developed Countries (LDC)"].strip() == "x",
            "lldc": c["Land Locked Developing Countries (LLDC)"].strip() == "x",
            "sids": c["Small Island Developing States (SIDS)"].strip() == "x",
            "wb_income_group": {"Low income": "LIC", "Lower middle income": "LMC", "Upper middle income": "UMC",
                                "High income": "HIC"}.get(wb.get("IncomeGroup", ""), ""),
            "wb_income_vintage": "FY2022" if wb.get("IncomeGroup") else "",
        })
        for n in (c["CLDR display name"], c["UNTERM English Short"], c["official_name_en"], c["UNTERM English Formal"]):
            if n.strip():
                names.setdefault(normalise(n), iso3)
    rows.append({"iso3": "XKX", "m49": 412, "name": "Kosovo", "m49_region": "Europe", "m49_subregion": "Southern Europe",
                 "itu_region": "ITU_EUR", "itu_region_status": "to_verify", "ldc": False, "lldc": False, "sids": False,
                 "wb_income_group": "UMC", "wb_income_vintage": "FY2022"})
    rows.sort(key=lambda r: r["iso3"])
    with open(out / "economies.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    with open(out / "economy_names.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["name_key", "iso3", "origin"])
        for key in sorted(names):
            w.writerow([key, names[key], "m49_iso_names"])


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "data")
