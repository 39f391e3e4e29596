"""ONS geography shipped with the app: each LSOA's mid-2019 resident population and its
local authority, and each LSOA's MSOA, read once per process from data/geography/ (see
data/PROVENANCE.md).

Rates per 1,000 residents, "the LSOAs of a local authority" and the map's MSOAs come from here.
"""

import csv
import functools
import gzip
import io
from dataclasses import dataclass
from importlib import resources

# The ONS file gzip-compressed: it decompresses byte for byte to the original.
POPULATION_FILE = "data/geography/population-mid-2019-lsoa.csv.gz"
POPULATION_SOURCE = "ONS mid-2019 population estimates"
LSOA_TO_MSOA_FILE = "data/geography/lsoa-to-msoa-2011.csv"
# Below this many residents a local authority's rates per resident mislead: the City of
# London has under 10,000 residents and a daytime population of hundreds of thousands.
SMALL_RESIDENT_POPULATION = 20_000


@dataclass(frozen=True)
class Lsoa:
    code: str
    name: str
    local_authority_code: str  # 2020 boundaries
    local_authority_name: str
    population: int


@functools.cache
def lsoas() -> dict[str, Lsoa]:
    """Every LSOA of England and Wales by code."""
    data = resources.files("saferboard.crime").joinpath(POPULATION_FILE).read_bytes()
    text = gzip.decompress(data).decode("utf-8-sig")
    found = {}
    for row in csv.DictReader(io.StringIO(text)):
        found[row["LSOA Code"]] = Lsoa(
            code=row["LSOA Code"],
            name=row["LSOA Name"],
            local_authority_code=row["LA Code (2020 boundaries)"],
            local_authority_name=row["LA name (2020 boundaries)"],
            population=int(row["All Ages"].replace(",", "")),
        )
    return found


@functools.cache
def msoa_of_lsoa() -> dict[str, str]:
    """Each LSOA's MSOA (2011 codes, England and Wales): LSOA code -> MSOA code."""
    text = (
        resources.files("saferboard.crime")
        .joinpath(LSOA_TO_MSOA_FILE)
        .read_text(encoding="utf-8-sig")
    )
    return {row["lsoa11cd"]: row["msoa11cd"] for row in csv.DictReader(io.StringIO(text))}


@functools.cache
def _local_authorities() -> dict[str, list[Lsoa]]:
    grouped: dict[str, list[Lsoa]] = {}
    for lsoa in lsoas().values():
        grouped.setdefault(lsoa.local_authority_code, []).append(lsoa)
    return grouped


def local_authority_lsoa_codes(code: str) -> list[str]:
    """The LSOA codes of a local authority (2020 boundaries); empty if the code is unknown."""
    return sorted(lsoa.code for lsoa in _local_authorities().get(code, []))


def local_authority_name(code: str) -> str:
    members = _local_authorities().get(code)
    return members[0].local_authority_name if members else ""


def local_authority_population(code: str) -> int:
    return sum(lsoa.population for lsoa in _local_authorities().get(code, []))


def has_small_resident_population(lsoa_code: str) -> bool:
    """True where rates per resident mislead: the LSOA's local authority has so few
    residents that visitors and workers dominate (the City of London)."""
    lsoa = lsoas().get(lsoa_code)
    if lsoa is None:
        return False
    return local_authority_population(lsoa.local_authority_code) < SMALL_RESIDENT_POPULATION
