"""Which area a place someone typed belongs to (bot/places.py), against the real knowledge base."""
from __future__ import annotations

import pytest

from tests.unit.kb_helpers import raw_areas

AREAS = raw_areas()

NAMES = [pytest.param(area["name"], area_id, id=area_id) for area_id, area in AREAS.items()]

# Every town and district each area file lists (at least two per area are required).
TOWNS = [
    pytest.param(place["name"], area_id, id=f"{area_id}-{place['name']}")
    for area_id, area in AREAS.items()
    for place in area["places"]
    if place["kind"] in ("town", "district")
]


def test_there_are_ten_areas_each_with_at_least_two_towns_or_districts():
    assert len(AREAS) == 10
    for area_id, area in AREAS.items():
        towns = [p for p in area["places"] if p["kind"] in ("town", "district")]
        assert len(towns) >= 2, area_id


@pytest.mark.parametrize("name, area_id", NAMES)
def test_each_area_resolves_by_its_council_name(resolver, name, area_id):
    result = resolver.resolve(name)
    assert (result.status, result.area_id) == ("found", area_id)


@pytest.mark.parametrize("name, area_id", TOWNS)
def test_each_listed_town_or_district_resolves_to_its_own_area(resolver, name, area_id):
    result = resolver.resolve(name)
    assert (result.status, result.area_id) == ("found", area_id)


@pytest.mark.parametrize("typed, area_id", [
    ("Loughborough", "leicestershire"),
    ("Twickenham", "richmond"),
    ("Thornaby", "stockton"),
    ("Mansfield", "nottinghamshire"),
    ("Oakham", "rutland"),
    ("Surbiton", "kingston"),
])
def test_well_known_towns_resolve_to_their_council(resolver, typed, area_id):
    result = resolver.resolve(typed)
    assert (result.status, result.area_id) == ("found", area_id)


@pytest.mark.parametrize("typed, area_id", [
    ("Twickenam", "richmond"),
    ("Lougborough", "leicestershire"),
    ("southhampton", "southampton"),
    ("Loughbrough", "leicestershire"),   # not a listed misspelling: fuzzy match
    ("Twickenhm", "richmond"),
    ("Southamton", "southampton"),
    ("Mansfeild", "nottinghamshire"),
])
def test_misspelt_place_still_resolves(resolver, typed, area_id):
    result = resolver.resolve(typed)
    assert (result.status, result.area_id) == ("found", area_id)


def test_unlisted_typo_is_flagged_as_a_fuzzy_match(resolver):
    result = resolver.resolve("Loughbrough")
    assert result.fuzzy is True
    assert result.matched == "Loughborough"


@pytest.mark.parametrize("typed", ["TWICKENHAM", "twickenham", "  Twickenham  ", "Twickenham!!", "twickenham.", "Twickenham?"])
def test_case_spaces_and_punctuation_do_not_matter(resolver, typed):
    result = resolver.resolve(typed)
    assert (result.status, result.area_id) == ("found", "richmond")


def test_hyphens_and_spaces_are_interchangeable(resolver):
    assert resolver.resolve("Stockton on Tees").area_id == "stockton"
    assert resolver.resolve("Ashby de la Zouch").area_id == "leicestershire"


@pytest.mark.parametrize("typed", ["Truro", "Narnia", "", "   ", "<script>", "Stockport", "Hull", "TR1 1AA", "x" * 5000, "Narnia " * 715])
def test_places_we_do_not_cover_are_unknown(resolver, typed):
    result = resolver.resolve(typed)
    assert result.status == "unknown"
    assert result.area_id is None
    assert result.choices == []


def test_none_is_unknown(resolver):
    assert resolver.resolve(None).status == "unknown"


# Look-alikes ----------------------------------------------------------------------------------

def test_oadby_goes_to_leicestershire_not_leicester(resolver):
    result = resolver.resolve("Oadby")
    assert (result.status, result.area_id) == ("found", "leicestershire")


def test_eastleigh_is_elsewhere_and_not_covered(resolver):
    result = resolver.resolve("Eastleigh")
    assert result.status == "elsewhere"
    assert result.area_id is None
    assert result.note  # says which council it belongs to


def test_elsewhere_that_is_one_of_ours_points_to_that_area(resolver):
    # West Bridgford is listed by Nottingham as Nottinghamshire's.
    result = resolver.resolve("West Bridgford")
    assert result.area_id == "nottinghamshire"


def test_nottingham_city_is_not_nottinghamshire(resolver):
    assert resolver.resolve("Nottingham").area_id == "nottingham"
    assert resolver.resolve("Nottinghamshire").area_id == "nottinghamshire"


def test_leicester_city_is_not_leicestershire(resolver):
    assert resolver.resolve("Leicester").area_id == "leicester"
    assert resolver.resolve("Leicestershire").area_id == "leicestershire"


def test_braunstone_is_split_so_user_chooses_between_city_and_county(resolver):
    result = resolver.resolve("Braunstone")
    assert result.status == "ambiguous"
    assert result.choices == ["leicester", "leicestershire"]
    assert result.area_id is None


def test_braunstone_town_is_leicestershire(resolver):
    result = resolver.resolve("Braunstone Town")
    assert (result.status, result.area_id) == ("found", "leicestershire")


def test_richmond_north_yorkshire_is_not_sent_to_richmond_upon_thames(resolver):
    result = resolver.resolve("Richmond, North Yorkshire")
    assert result.status == "elsewhere"
    assert result.area_id is None


# Postcodes ------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, choices", [
    ("LE2", ["leicester", "leicestershire"]),
    ("le2 1aa", ["leicester", "leicestershire"]),
    ("KT1", ["kingston", "richmond"]),
])
def test_shared_postcode_district_asks_which_council(resolver, typed, choices):
    result = resolver.resolve(typed)
    assert result.status == "ambiguous"
    assert result.choices == choices


@pytest.mark.parametrize("typed, area_id", [
    ("LE1", "leicester"),
    ("SO14", "southampton"),
    ("so14 0aa", "southampton"),
    ("LE1  4AB", "leicester"),
    ("LE14AB", "leicester"),   # full postcode without a space is LE1 4AB, not LE14
    ("LE11", "leicestershire"),
])
def test_postcode_mainly_in_one_area_is_found_with_a_confirm_note(resolver, typed, area_id):
    result = resolver.resolve(typed)
    assert (result.status, result.area_id) == ("found", area_id)
    assert "confirm" in result.note


# Places in a sentence -------------------------------------------------------------------------

def test_place_named_in_a_sentence_is_found(resolver):
    found = resolver.mentioned_in("The child lives in Loughborough with her nan")
    assert [r.area_id for r in found] == ["leicestershire"]


def test_misspelt_place_in_a_sentence_is_found(resolver):
    found = resolver.mentioned_in("she lives in Lougborough")
    assert [r.area_id for r in found] == ["leicestershire"]


def test_two_places_in_a_sentence_come_back_in_order(resolver):
    found = resolver.mentioned_in("I work in New Malden but the family moved to Twickenham")
    assert [r.area_id for r in found] == ["kingston", "richmond"]


def test_multi_word_place_is_not_split_into_smaller_places(resolver):
    # "Hampton Wick" (Richmond) must win over "Hampton" on its own.
    found = resolver.mentioned_in("family in Hampton Wick")
    assert len(found) == 1 and found[0].matched == "Hampton Wick"


def test_sentence_without_a_place_finds_none(resolver):
    text = "The child was not brought to three health appointments and the house is cold"
    assert resolver.mentioned_in(text) == []
