"""Maintenance script: rebuild pipelines/reference/economies.csv and economy_names.csv.

Reads the public code lists in ../shared/data (UNSD M49 / ISO via datasets/country-codes, World Bank
country metadata) and ITU's own membership table (itu_regions/itu_regions_2025.csv: ITU's `ITURegion`, income and
LDC/LLDC/SIDS columns of the ICT Price Baskets workbook, Dec 2025; METHODOLOGY.md section 7), and writes the
project's own reference tables. ITU's table decides the ITU region, the groups and who counts in ITU's world; PRK and
VAT, ITU members missing from it for lack of price data, are added as METHODOLOGY section 7 says. Economies outside
ITU's list keep their M49 flags and FY2022 income group and belong to no ITU aggregate. Hand-checked name spellings
already in economy_names.csv (origin other than m49_iso_names) are kept.

Run: python scripts/build_reference_economies.py [SHARED_DATA_DIR]
"""
from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path

ITU_REGION_CODES = {"Africa": "ITU_AFR", "The Americas": "ITU_AMS", "Arab States": "ITU_ARB",
                    "Asia & Pacific": "ITU_ASP", "CIS countries": "ITU_CIS", "Europe countries": "ITU_EUR",
                    "Other Economies": ""}
ADDED_MEMBERS = {"PRK": "ITU_ASP", "VAT": "ITU_EUR"}   # ITU members absent from the price-basket table (METHODOLOGY 7)
INCOME_CODES = {"Low income": "LIC", "Lower middle income": "LMC", "Upper middle income": "UMC", "High income": "HIC"}
ITU_VINTAGE = "ITU 2025"


def itu_membership(iso3: str, itu: dict[str, dict]) -> dict:
    """ITU region, its status, whether the economy counts in ITU's world, and ITU's group flags and income (None
    where ITU's table does not list the economy)."""
    if iso3 in itu:
        row = itu[iso3]
        region = ITU_REGION_CODES[row["itu_region"]]
        return {"itu_region": region, "itu_region_status": "itu_2025" if region else "itu_2025_other_economy",
                "itu_world": True, "ldc": row["LDC"] == "1", "lldc": row["LLDC"] == "1", "sids": row["SIDS"] == "1",
                "income": INCOME_CODES.get(row["wb_income_2025"], "")}
    if iso3 in ADDED_MEMBERS:
        return {"itu_region": ADDED_MEMBERS[iso3], "itu_region_status": "added_methodology_7", "itu_world": True}
    return {"itu_region": "", "itu_region_status": "not_in_itu_list", "itu_world": False}


def normalise(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def main(shared: Path) -> None:
    out = Path(__file__).resolve().parents[1] / "pipelines" / "reference"
    codes = list(csv.DictReader(open(shared / "country_codes_m49_iso/country-codes.csv", encoding="utf-8")))
    wb_dir = shared / "wb_gni_per_capita_atlas"
    wb_meta = {r["Country Code"]: r for r in csv.DictReader(open(next(wb_dir.glob("Metadata_Country_*.csv")), encoding="utf-8-sig"))}
    itu = {r["iso3"]: r for r in csv.DictReader(open(shared / "itu_regions/itu_regions_2025.csv", encoding="utf-8"))}
    rows, names = [], {}
    for c in codes:
        iso3 = c["ISO3166-1-Alpha-3"].strip()
        if not iso3 or not c["M49"].strip():
            continue
        name = c["UNTERM English Short"].strip() or c["CLDR display name"].strip() or c["official_name_en"].strip()
        wb_income = INCOME_CODES.get(wb_meta.get(iso3, {}).get("IncomeGroup", ""), "")
        member = itu_membership(iso3, itu)
        income = member.pop("income", None)
        rows.append({
            "iso3": iso3, "m49": int(c["M49"]), "name": c["CLDR display name"].strip() or name,
            "m49_region": c["Region Name"], "m49_subregion": c["Sub-region Name"],
            "ldc": c["Least Developed Countries (LDC)"].strip() == "x",
            "lldc": c["Land Locked Developing Countries (LLDC)"].strip() == "x",
            "sids": c["Small Island Developing States (SIDS)"].strip() == "x",
            **member,
            "wb_income_group": income if income is not None else wb_income,
            "wb_income_vintage": ("2025 (ITU)" if income else "") if income is not None else ("FY2022" if wb_income else ""),
            "membership_vintage": ITU_VINTAGE if member["itu_world"] else "",
        })
        for n in (c["CLDR display name"], c["UNTERM English Short"], c["official_name_en"], c["UNTERM English Formal"]):
            if n.strip():
                names.setdefault(normalise(n), iso3)
    rows.append({"iso3": "XKX", "m49": 412, "name": "Kosovo", "m49_region": "Europe", "m49_subregion": "Southern Europe",
                 "ldc": False, "lldc": False, "sids": False, **itu_membership("XKX", itu),
                 "wb_income_group": "UMC", "wb_income_vintage": "FY2022", "membership_vintage": ""})
    columns = ["iso3", "m49", "name", "m49_region", "m49_subregion", "itu_region", "itu_region_status", "itu_world",
               "ldc", "lldc", "sids", "wb_income_group", "wb_income_vintage", "membership_vintage"]
    rows.sort(key=lambda r: r["iso3"])
    with open(out / "economies.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=columns)
        w.writeheader()
        w.writerows(rows)
    kept = [r for r in csv.DictReader(open(out / "economy_names.csv", encoding="utf-8")) if r["origin"] != "m49_iso_names"]
    generated = [{"name_key": k, "iso3": v, "origin": "m49_iso_names"} for k, v in names.items()
                 if k not in {r["name_key"] for r in kept}]
    with open(out / "economy_names.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["name_key", "iso3", "origin"])
        w.writeheader()
        w.writerows(sorted(kept + generated, key=lambda r: r["name_key"]))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "data")
