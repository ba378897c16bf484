"""The shared England-wide reference, read straight from its CSV files for table-driven tests.

Expected answers are computed here from the reference (shared/reference/national/), not from
knowledge/, so the tests check the generator, the loader and the resolver together against the
source. Samples are seeded, so a failure names the same case every run.
"""
from __future__ import annotations

import csv
import importlib.util
import random
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest

from bot.knowledge.store import KNOWLEDGE_DIR, parse_yaml

_spec = importlib.util.spec_from_file_location("national_knowledge", KNOWLEDGE_DIR.parent / "scripts" / "national_knowledge.py")
_script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_script)

NATIONS = {"W92000004": "wales", "S92000003": "scotland"}


REFERENCE = _script.find_reference()
# The reference is shared by the team's machines, not part of the repository: where it is missing
# (a clone on another machine, without SHARED_REFERENCE) the tests drawn from it are skipped, and
# say why in pytest's summary.
needs_reference = pytest.mark.skipif(REFERENCE is None, reason="shared/reference/national/ not found: set SHARED_REFERENCE")


def reference_dir() -> Path:
    return REFERENCE


def rows(name: str) -> list:
    if REFERENCE is None:
        return []
    with open(reference_dir() / "national" / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=None)
def area_ids() -> dict:
    """gss -> area id, as the knowledge files name them (seed areas and generated councils)."""
    ids = {}
    for folder in ("areas", "councils"):
        for path in (KNOWLEDGE_DIR / folder).glob("*.yml"):
            body = parse_yaml(path.read_text(encoding="utf-8"))
            ids[body["council"]["gss"]] = body["id"]
    return {**ids, **NATIONS}


def target(gss: str) -> str:
    return area_ids()[gss]


@lru_cache(maxsize=None)
def _short_names() -> dict:
    return {row["short_name"]: target(row["gss"]) for row in rows("councils.csv")}


def holders(row: dict) -> set:
    """Every council holding part of a district or sector row."""
    found = {target(row["council_gss"])}
    for part in filter(None, (p.strip() for p in row["others"].split(";"))):
        found.add(_short_names()[part.rpartition("=")[0]])
    return found


@lru_cache(maxsize=None)
def exceptions_by_sector() -> dict:
    found = defaultdict(set)
    for row in rows("postcode_exceptions.csv"):
        found[row["postcode"][:-2]].add(target(row["council_gss"]))
    return found


@lru_cache(maxsize=None)
def beyond_england() -> dict:
    return {row["outcode"]: row for row in rows("postcode_districts_beyond_england.csv")}


@lru_cache(maxsize=None)
def names_held_elsewhere() -> set:
    """Lower-case names that other lists (council names, districts, aliases, other nations, the seed
    areas' own place lists) also use: a gazetteer name among them may lead to more than one place."""
    names = set()
    for row in rows("councils.csv"):
        names |= {row["name"].lower(), row["short_name"].lower()}
        names |= {d.strip().lower() for d in row["lower_tier_districts"].split(";") if d.strip()}
    aliases = parse_yaml((KNOWLEDGE_DIR / "places" / "aliases.yml").read_text(encoding="utf-8"))
    for section in ("aliases", "nation_places"):
        names |= {n.lower() for values in aliases[section].values() for n in values}
    for path in (KNOWLEDGE_DIR / "areas").glob("*.yml"):
        body = parse_yaml(path.read_text(encoding="utf-8"))
        names |= {p["name"].lower() for p in body["places"]} | {p["name"].lower() for p in body.get("not_this_council", [])}
    return names


def _simple(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " and ").replace("'", "")).split())


def sample_places(count: int, seed: int = 13) -> list:
    """(place name, area id) for names the reference gives exactly one council, in an outward code
    that council holds entirely, and that no other list also uses."""
    if REFERENCE is None:
        return []
    districts = {row["outcode"]: row for row in rows("postcode_districts.csv")}
    places = rows("places.csv")
    counts = defaultdict(int)
    for row in places:
        counts[_simple(row["place"])] += 1
    held = {_simple(n) for n in names_held_elsewhere()}
    usable = [(row["place"], target(row["council_gss"])) for row in places
              if counts[_simple(row["place"])] == 1 and _simple(row["place"]) not in held
              and row["outcode"] in districts and float(districts[row["outcode"]]["share"]) == 1.0
              and districts[row["outcode"]]["council_gss"] == row["council_gss"] and row["outcode"] not in beyond_england()]
    return random.Random(seed).sample(sorted(usable), count)


def sample_exception_postcodes(count: int, seed: int = 13) -> list:
    """(full postcode, area or nation) for postcodes whose council differs from their sector's."""
    if REFERENCE is None:
        return []
    chosen = random.Random(seed).sample(rows("postcode_exceptions.csv"), count)
    return [(row["postcode"], target(row["council_gss"])) for row in chosen]


def sample_split_sector_postcodes(count: int, seed: int = 13) -> list:
    """(a full postcode in a split sector that is not an exception, the sector's majority council):
    the rule the reference gives for every English postcode."""
    if REFERENCE is None:
        return []
    exceptions = {row["postcode"] for row in rows("postcode_exceptions.csv")}
    split = [row for row in rows("postcode_sectors.csv") if float(row["share"]) < 1.0]
    rng = random.Random(seed)
    found = []
    for row in rng.sample(split, count * 2):
        postcode = f"{row['sector']}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        if postcode not in exceptions:
            found.append((postcode, target(row["council_gss"])))
    return found[:count]


def sample_codes(file: str, column: str, count: int, seed: int = 13) -> list:
    """(outward code or sector, the set of councils holding any of it) from a reference table."""
    if REFERENCE is None:
        return []
    chosen = random.Random(seed).sample(rows(file), count)
    result = []
    for row in chosen:
        owners = holders(row)
        if column == "sector":
            owners |= exceptions_by_sector().get(row["sector"], set())
        else:
            beyond = beyond_england().get(row["outcode"])
            if beyond:
                owners |= {nation for nation in ("wales", "scotland") if float(beyond[nation]) > 0}
        result.append((row[column], owners))
    return result
