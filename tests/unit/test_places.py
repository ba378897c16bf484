"""Which council (or nation) a place or postcode leads to, anywhere in England (bot/places.py).

Table-driven from the shared reference: seeded random samples of places and postcodes with the
answer computed from the reference's CSV files, then every trap the issue names.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.unit import national_reference as ref

PLACES = ref.sample_places(150)
EXCEPTIONS = ref.sample_exception_postcodes(100)
SPLIT_SECTOR_POSTCODES = ref.sample_split_sector_postcodes(50)
SECTORS = ref.sample_codes("postcode_sectors.csv", "sector", 60)
DISTRICTS = ref.sample_codes("postcode_districts.csv", "outcode", 60)


def found(result, area_id):
    status = "nation" if area_id in ("wales", "scotland", "northern_ireland") else "found"
    return (result.status, result.area_id) == (status, area_id)


@ref.needs_reference
def test_the_samples_hold_at_least_300_pairs():
    assert len(PLACES) + len(EXCEPTIONS) + len(SPLIT_SECTOR_POSTCODES) + len(SECTORS) + len(DISTRICTS) >= 300


@pytest.mark.parametrize("name, area_id", PLACES)
def test_a_place_named_once_in_the_reference_leads_to_its_council(resolver, name, area_id):
    assert found(resolver.resolve(name), area_id)


@pytest.mark.parametrize("name, area_id", PLACES[:40])
def test_the_same_place_is_found_in_a_sentence(resolver, name, area_id):
    mentions = resolver.mentioned_in(f"Hello, I'm a health visitor. The family live in {name}, who do I call?")
    assert [m.area_id for m in mentions] == [area_id]


@pytest.mark.parametrize("postcode, area_id", EXCEPTIONS)
def test_a_full_postcode_that_differs_from_its_sector_leads_to_its_own_council(resolver, postcode, area_id):
    assert found(resolver.resolve(postcode), area_id)
    assert found(resolver.resolve(postcode.lower().replace(" ", "")), area_id)


@pytest.mark.parametrize("postcode, area_id", SPLIT_SECTOR_POSTCODES)
def test_any_other_full_postcode_in_a_split_sector_takes_the_sectors_council(resolver, postcode, area_id):
    assert found(resolver.resolve(postcode), area_id)


@pytest.mark.parametrize("code, holders", SECTORS + DISTRICTS)
def test_a_sector_or_district_decides_only_when_one_council_holds_all_of_it(resolver, code, holders):
    result = resolver.resolve(code)
    if len(holders) == 1:
        assert found(result, next(iter(holders)))
    else:
        assert result.status == "ambiguous" and result.reason == "postcode"
        assert set(result.choices) == holders


# Every council by its own name, and lower-tier districts by their county -----------------------

COUNCILS = [(row["name"], ref.target(row["gss"])) for row in ref.rows("councils.csv")]
DISTRICT_NAMES = [(d.strip(), ref.target(row["gss"])) for row in ref.rows("councils.csv")
                  for d in row["lower_tier_districts"].split(";") if d.strip()]


@pytest.mark.parametrize("name, area_id", COUNCILS)
def test_every_council_is_found_by_its_official_name(resolver, name, area_id):
    assert found(resolver.resolve(name), area_id)


@pytest.mark.parametrize("name, area_id", DISTRICT_NAMES)
def test_a_lower_tier_district_leads_to_its_county(resolver, name, area_id):
    result = resolver.resolve(name)
    assert result.area_id == area_id or area_id in result.choices


@pytest.mark.parametrize("typed, area_id", [
    ("Charnwood", "leicestershire"), ("Gedling", "nottinghamshire"), ("Notts", "nottinghamshire"),
    ("Leics", "leicestershire"), ("B&NES", "bath_and_north_east_somerset"), ("Herts", "hertfordshire"),
    ("Cornwall Council", "cornwall"), ("cornwall", "cornwall"), ("Kingston upon Hull", "kingston_upon_hull"),
])
def test_council_names_and_their_usual_short_forms(resolver, typed, area_id):
    assert found(resolver.resolve(typed), area_id)


# The traps named in the issue ------------------------------------------------------------------

@pytest.mark.parametrize("typed, area_id", [
    ("Weston-super-Mare", "north_somerset"), ("weston super mare", "north_somerset"),
    ("Shirley, Croydon", "croydon"), ("Shirley in Croydon", "croydon"),
    ("East Ham", "newham"), ("Hampton, Peterborough", "peterborough"),
    ("Stockton Heath", "warrington"), ("Norton Canes", "staffordshire"),
    ("Clifton, Bristol", "bristol"), ("Hook Norton", "oxfordshire"),
    ("Richmond, North Yorkshire", "north_yorkshire"), ("Richmond TW9", "richmond"),
    ("Penzance", "cornwall"), ("Kendal", "westmorland_and_furness"), ("TR1 3LJ", "cornwall"),
])
def test_traps_lead_to_the_right_council(resolver, typed, area_id):
    assert found(resolver.resolve(typed), area_id)


def test_redbridge_is_never_only_southampton(resolver):
    result = resolver.resolve("Redbridge")
    assert result.area_id != "southampton"
    assert result.area_id == "redbridge" or result.choices[0] == "redbridge"


@pytest.mark.parametrize("typed", ["Richmond", "Shirley", "Clifton", "Newport", "Hampton", "Norton", "Gillingham"])
def test_a_name_several_councils_hold_asks_which(resolver, typed):
    result = resolver.resolve(typed)
    assert result.status == "ambiguous" and result.area_id is None and len(result.choices) > 1


@pytest.mark.parametrize("typed, area_id, village_in", [
    ("Leeds", "leeds", "kent"), ("leeds", "leeds", "kent"), ("Bolton", "bolton", "northumberland"),
    ("Barnsley", "barnsley", "gloucestershire"), ("Bury", "bury", "west_sussex"), ("Sutton", "sutton", "kent"),
    ("Kingston", "kingston", "devon"), ("Bradford", "bradford", "devon"), ("Brighton", "brighton_and_hove", "cornwall"),
])
def test_a_councils_own_name_is_that_council_with_the_villages_of_that_name_kept_as_others(resolver, typed, area_id, village_in):
    result = resolver.resolve(typed)
    assert found(result, area_id)
    assert village_in in result.others and area_id not in result.others


@pytest.mark.parametrize("typed, area_id", [("Leeds, Kent", "kent"), ("Leeds in Kent", "kent"), ("Bolton, Northumberland", "northumberland"),
                                            ("the family live in Leeds near Maidstone", "kent"), ("leeds LS6", "leeds")])
def test_a_qualifier_still_picks_the_village(resolver, typed, area_id):
    result = resolver.resolve(typed)
    assert found(result, area_id) and not result.others


def test_many_places_of_one_name_are_flagged_so_the_question_asks_for_a_county_or_postcode(resolver):
    result = resolver.resolve("Norton")
    assert result.reason == "many" and len(result.choices) > 6


@pytest.mark.parametrize("code, holders", [
    ("NG5", {"nottingham", "nottinghamshire"}), ("TW1", {"richmond", "hounslow"}),
    ("LE15", {"rutland", "leicestershire", "north_northamptonshire"}), ("NG5 4", {"nottingham", "nottinghamshire"}),
    ("TW1 9", {"richmond", "hounslow"}), ("LE15 8", {"rutland", "leicestershire", "north_northamptonshire"}),
])
def test_split_districts_and_sectors_name_every_council(resolver, code, holders):
    result = resolver.resolve(code)
    assert result.status == "ambiguous" and set(result.choices) == holders


@pytest.mark.parametrize("code, area_id", [("LE15 6", "rutland"), ("NG5 1", "nottingham"), ("NG5 7", "nottinghamshire")])
def test_a_sector_one_council_holds_decides(resolver, code, area_id):
    assert found(resolver.resolve(code), area_id)


@pytest.mark.parametrize("typed, area_id", [("Bestwood", "nottingham"), ("Bestwood Village", "nottinghamshire"), ("Arnold", "nottinghamshire")])
def test_bestwood_bestwood_village_and_arnold(resolver, typed, area_id):
    assert found(resolver.resolve(typed), area_id)
    assert [m.area_id for m in resolver.mentioned_in(f"the family moved to {typed} last year")] == [area_id]


@pytest.mark.parametrize("typed, nation", [
    ("CF10", "wales"), ("CF10 1AA", "wales"), ("LL57", "wales"), ("EH1", "scotland"), ("EH1 1YZ", "scotland"),
    ("BT1", "northern_ireland"), ("BT1 5GS", "northern_ireland"), ("BT93 8AD", "northern_ireland"),
    ("Cardiff", "wales"), ("Swansea", "wales"), ("Edinburgh", "scotland"), ("Glasgow", "scotland"), ("Belfast", "northern_ireland"),
])
def test_wales_scotland_and_northern_ireland_get_their_nation_never_an_english_council(resolver, typed, nation):
    assert found(resolver.resolve(typed), nation)


def test_a_district_straddling_the_border_asks_and_names_the_nation(resolver):
    result = resolver.resolve("CH4")
    assert result.status == "ambiguous" and "wales" in result.choices and "cheshire_west_and_chester" in result.choices


@ref.needs_reference
def test_welsh_postcodes_inside_an_english_sector_go_to_wales(resolver):
    welsh = next(pc for pc, target in ref.sample_exception_postcodes(3000, seed=1) if target == "wales")
    assert found(resolver.resolve(welsh), "wales")


# Free text ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("message, area_ids", [
    ("I'm a school nurse in Penzance, who do I call?", ["cornwall"]),
    ("worried about a kid in weston super mare", ["north_somerset"]),
    ("she lives in Loughborough with her nan", ["leicestershire"]),
    ("I work in New Malden but the family moved to Twickenham", ["kingston", "richmond"]),
    ("family in Hampton Wick", ["richmond"]),
    ("the child is at TR1 3LJ", ["cornwall"]),
    ("front door for ng5 5ab please", ["nottingham"]),
    ("they live in Stockton Heath, not Stockton-on-Tees", ["warrington", "stockton"]),
])
def test_places_in_a_message_are_found_whole_and_in_order(resolver, message, area_ids):
    assert [m.area_id for m in resolver.mentioned_in(message)] == area_ids


def test_front_door_for_ng5_names_both_councils(resolver):
    [mention] = resolver.mentioned_in("front door for NG5")
    assert mention.status == "ambiguous" and set(mention.choices) == {"nottingham", "nottinghamshire"}


def test_a_longer_name_is_never_split_into_a_shorter_one(resolver):
    for message, wanted in [("in Weston-super-Mare", "Weston-super-Mare"), ("in Stockton Heath", "Stockton Heath"),
                            ("at East Ham", "East Ham"), ("Hook Norton school", "Hook Norton"), ("Norton Canes", "Norton Canes")]:
        [mention] = resolver.mentioned_in(message)
        assert mention.matched == wanted


@pytest.mark.parametrize("message", [
    "he had a ham sandwich and nothing else all day",
    "there is a hook on the door and no bath",
    "they sleep under a bridge in the park",
    "the house is on a busy street",
    "the kids are behind in reading and maths",
    "in march they missed three appointments",
    "the child was not brought to three health appointments and the house is cold",
    "she says there is no food at home",
    "e1 and m6 are not postcodes when written in lower case",
])
def test_everyday_words_are_not_taken_for_places(resolver, message):
    assert resolver.mentioned_in(message) == []


def test_an_everyday_word_written_as_a_name_is_a_place(resolver):
    [mention] = resolver.mentioned_in("the family live in Street, I think")
    assert mention.matched == "Street"
    assert resolver.resolve("street").status != "unknown"  # typed alone as an answer


@pytest.mark.parametrize("message, area_id", [("worried about a child in Stoke", "stoke_on_trent"),
                                              ("concerned about a family in Reading", "reading")])
def test_an_everyday_word_written_as_a_name_in_a_short_sentence_is_a_place(resolver, message, area_id):
    """Six words or fewer were read only as an answer to "which town?", where an everyday-word name
    must stand alone: "worried about a child in Stoke" lost its Stoke, silently."""
    assert found(resolver.resolve(message), area_id)


@pytest.mark.parametrize("message", ["how do I escalate", "doing well in reading", "stoke the fire"])
def test_a_short_sentence_with_an_everyday_word_in_lower_case_names_no_place(resolver, message):
    assert resolver.resolve(message).status == "unknown"


def test_a_town_before_an_age_is_the_place_not_a_childs_name(resolver):
    """"Kelly, 8" is a child; "a HV in Carlisle, 8 month old" names the town."""
    [mention] = resolver.mentioned_in("hi im a HV in Carlisle, 8 month old not gaining weight, mum very low")
    assert found(mention, "cumberland")


@pytest.mark.parametrize("message, area_id", [("im a mum and im struggling to feed my kids, we live in hull", "kingston_upon_hull"),
                                              ("the family lives in bath", "bath_and_north_east_somerset"),
                                              ("they live in reading and go to school there", "reading")])
def test_an_everyday_word_after_live_in_is_where_someone_lives_however_typed(resolver, message, area_id):
    [mention] = resolver.mentioned_in(message)
    assert found(mention, area_id)


# Real places that training examples name without marking them (their intents need no place).
UNMARKED_REAL_PLACES = {"richmond", "kingston", "nottingham city", "london", "edinburgh"}


def test_no_everyday_word_in_the_training_examples_is_taken_for_a_place(resolver):
    """Every NLU example, as a user would type it: each place found is one the example marks, or a
    real place it simply does not mark ("train times to london") - never "children's", "working",
    "SEND", "s47" or "the bar"."""
    stray = []
    for path in sorted(Path("data/nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            for line in (block.get("examples") or "").splitlines():
                example = line.strip()[2:]
                marked = [m.lower() for m in re.findall(r"\[([^\]]+)\](?:\(place\)|\{\"entity\": \"place\"[^}]*\})", example)]
                plain = re.sub(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})", r"\1", example)
                for mention in resolver.mentioned_in(plain):
                    query = mention.query.lower()
                    if not any(query in m or m in query for m in marked) and query not in UNMARKED_REAL_PLACES:
                        stray.append((path.name, plain, mention.query))
    assert stray == []


def test_a_typo_is_forgiven_only_on_a_whole_name(resolver):
    result = resolver.resolve("Lougborough")
    assert found(result, "leicestershire") and result.fuzzy and result.matched == "Loughborough"
    assert found(resolver.resolve("Mansfeild"), "nottinghamshire")
    assert [m.area_id for m in resolver.mentioned_in("she lives in Lougborough")] == ["leicestershire"]
    assert resolver.resolve("Xyzzyborough").status == "unknown"


@pytest.mark.parametrize("text, area_id", [
    ("Brighton, East Sussex", "brighton_and_hove"), ("gillingham kent", "medway"), ("Southend, Essex", "southend_on_sea"),
    ("Christchurch, Dorset", "bournemouth_christchurch_and_poole"), ("Swindon, Wiltshire", "swindon"),
    ("school nurse, Brighton, East Sussex. who do i ring", "brighton_and_hove"),
    # The county still narrows a name several places share, and a village it holds.
    ("Gillingham, Dorset", "dorset"), ("Leeds, Kent", "kent"), ("Richmond, North Yorkshire", "north_yorkshire"),
    ("Ashford, Surrey", "surrey"), ("Newport, Isle of Wight", "isle_of_wight"),
])
def test_a_town_named_with_the_county_around_it_keeps_its_own_council(resolver, text, area_id):
    """A postal address's county is not the council: "Brighton, East Sussex" gave East Sussex's number."""
    assert [m.area_id for m in resolver.mentioned_in(text)] == [area_id]


@pytest.mark.parametrize("text, area_ids", [
    ("who do i call in derby", ["derby"]), ("number for hackney", ["hackney"]), ("im in hull", ["kingston_upon_hull"]),
    ("who do i call in surrey?", ["surrey"]), ("teacher in hackney. the child is not in danger", ["hackney"]),
    ("she is doing well in reading and maths", []), ("behind in reading.", []), ("he stays late for rugby", []),
])
def test_a_council_named_in_lower_case_at_the_end_of_a_sentence_is_the_place(resolver, text, area_ids):
    assert [m.area_id for m in resolver.mentioned_in(text)] == area_ids


@pytest.mark.parametrize("text, area_ids", [
    ("Could you clarify the definition of neglect in Working Together?", []),
    ("I'm a teacher in Leeds, what does it say in Working Together", ["leeds"]),
    ("she works in Banking and the kids are left at home", []),
    ("who do i call in Children's Services", []),
])
def test_an_ordinary_word_is_never_a_misspelt_place(resolver, text, area_ids):
    """'Working' is one letter from Woking: read as a typo, a Leeds child got Surrey's number."""
    assert [m.area_id for m in resolver.mentioned_in(text)] == area_ids


@pytest.mark.parametrize("typed", ["", "   ", None, "<script>alert(1)</script>", "x" * 5000, "Narnia " * 715, "'; DROP TABLE x; --", "🙂 ☎"])
def test_odd_input_is_unknown_and_does_not_crash(resolver, typed):
    result = resolver.resolve(typed)
    assert result.status == "unknown" and result.area_id is None and result.choices == ()
    assert resolver.mentioned_in(typed) == []
    assert resolver.find(typed) is None


def test_find_gives_the_place_a_message_is_about(resolver):
    assert resolver.find("front door for Penzance").area_id == "cornwall"
    assert resolver.find("bath").area_id == "bath_and_north_east_somerset"  # a short answer
    assert resolver.find("the child has not had a bath for a week and smells") is None


@pytest.mark.parametrize("message, expected", [
    ("Jayden lives with mum Kelly Brightwater and comes in hungry", []),  # Kelly is a village in Devon
    ("I wrote to mum at kelly.brightwater@example.org", []),
    ("dad Preston is in prison", []),
    ("they live at 12 Leicester Road, Bulwell", ["Bulwell"]),  # the street is not the town
    ("mum Kelly Brightwater, they live in Hartlepool", ["Hartlepool"]),
])
def test_a_persons_name_an_email_or_a_street_is_never_the_place(resolver, message, expected):
    assert [mention.query for mention in resolver.mentioned_in(message)] == expected


# A town named with its county, as strangers type it (probe of 3 December) -------------------------

@pytest.mark.parametrize("text, area_id", [
    # Towns in a unitary carved out of the county: the county's own council does not cover them.
    ("number for newport, shropshire", "telford_and_wrekin"), ("wellington, shropshire", "telford_and_wrekin"),
    ("Wellington, Shropshire", "telford_and_wrekin"), ("stoke staffordshire", "stoke_on_trent"),
    ("derby derbyshire", "derby"), ("bath somerset", "bath_and_north_east_somerset"),
    # A town people call by a short name that a bigger place shares; a county typed in lower case.
    ("newcastle staffs", "staffordshire"), ("Newcastle, Staffordshire", "staffordshire"), ("ashford surrey", "surrey"),
    ("Richmond, Yorkshire", "north_yorkshire"),
    # An everyday-word name with its county or its country.
    ("hull, yorkshire", "kingston_upon_hull"), ("number for hull east yorkshire", "kingston_upon_hull"),
    ("bath, uk", "bath_and_north_east_somerset"), ("derby, uk", "derby"), ("who do i call in derby, uk", "derby"),
    ("who do i ring in bath", "bath_and_north_east_somerset"),
])
def test_a_town_with_its_county_is_the_council_that_covers_the_town_there(resolver, text, area_id):
    assert found(resolver.find(text), area_id)


def test_a_village_that_is_also_a_word_is_never_confirmed_by_the_place_after_it(resolver):
    """"over in Great Yarmouth": Over is a village in Cambridgeshire, and CB postcodes reach Norfolk."""
    text = "The family live in Lowestoft but the child goes to school over in Great Yarmouth"
    assert [m.area_id for m in resolver.mentioned_in(text)] == ["suffolk", "norfolk"]


def _tiny_resolver(*newtowns):
    """Shire County (postcode area SH) with Newtown in the unitaries given ([area, outward code])."""
    from bot.knowledge.base import PlaceEntry, PostcodeEntry
    from bot.places import PlaceResolver
    places = [PlaceEntry("Shire", "council_name", "shire", "test", None)]
    places += [PlaceEntry("Newtown", "gazetteer", area, "test", outcode) for area, outcode in newtowns]
    codes = [PostcodeEntry("SH5", "district", "shire", None)] + [PostcodeEntry(outcode, "district", area, None) for area, outcode in newtowns]
    return PlaceResolver(places, codes)


def test_two_towns_of_that_name_around_the_county_are_asked_about_never_the_countys_number():
    resolver = _tiny_resolver(("east_unitary", "SH1"), ("west_unitary", "SH9"), ("faraway", "ZZ1"))
    result = resolver.resolve("Newtown, Shire")
    assert result.status == "ambiguous" and set(result.choices) == {"east_unitary", "west_unitary"}
    assert found(_tiny_resolver(("east_unitary", "SH1"), ("faraway", "ZZ1")).resolve("Newtown, Shire"), "east_unitary")


def test_choices_come_in_a_likely_order_with_other_nations_last(resolver):
    """"Newport": the Isle of Wight's and Telford and Wrekin's towns, not Wales, lead the choices."""
    result = resolver.resolve("newport")
    assert result.status == "ambiguous"
    assert result.choices[:2] == ("isle_of_wight", "telford_and_wrekin") and result.choices[-1] == "wales"
    assert resolver.resolve("wellington").choices[:2] == ("telford_and_wrekin", "somerset")


@pytest.mark.parametrize("typed, area_id, full", [
    ("newcastle", "staffordshire", "Newcastle-under-Lyme"), ("burton", "staffordshire", "Burton upon Trent"),
    ("stratford", "warwickshire", "Stratford-upon-Avon"), ("weston", "north_somerset", "Weston-super-Mare"),
])
def test_a_towns_short_name_offers_that_town_among_the_first_choices(resolver, typed, area_id, full):
    """"newcastle": Newcastle-under-Lyme was never offered; "burton" never offered Burton upon Trent."""
    result = resolver.resolve(typed)
    assert area_id in (result.others or result.choices)[:2]
    assert resolver.known_as(typed, area_id) == full


def test_every_short_name_leads_from_its_full_name_to_the_same_council(resolver):
    aliases = yaml.safe_load(Path("knowledge/places/aliases.yml").read_text())
    pairs = [(area, full) for area, names in aliases["short_names"].items() for full in names.values()]
    assert pairs and all(found(resolver.resolve(full), area) for area, full in pairs)


def test_a_citys_postal_addresses_over_its_boundary_are_not_other_places_of_that_name(resolver):
    """"Bristol" in BS31 is Keynsham's postal town, not a smaller place called Bristol."""
    result = resolver.resolve("bristol")
    assert found(result, "bristol") and result.others == ()
    assert set(result.postal) == {"bath_and_north_east_somerset", "north_somerset", "south_gloucestershire"}
    assert resolver.resolve("Leeds").postal == ()


def test_yorkshire_asks_which_of_its_councils(resolver):
    result = resolver.resolve("yorkshire")
    assert result.status == "ambiguous" and result.reason == "area" and "leeds" in result.choices and "kingston_upon_hull" in result.choices


@pytest.mark.parametrize("asked, answer, area_id", [
    ("Newport", "shropshire", "telford_and_wrekin"), ("Newport", "Isle of Wight Council", "isle_of_wight"),
    ("Newcastle", "staffs", "staffordshire"), ("Newport", "Kent", None), ("Newport", "leeds", None),
])
def test_a_county_given_as_the_answer_to_which_one_narrows_the_place_asked_about(resolver, asked, answer, area_id):
    narrowed = resolver.within(asked, resolver.resolve(answer))
    assert (narrowed.area_id if narrowed else None) == area_id


# Where the child lives, not where the writer works (probe 5, section 1) ----------------------------

@pytest.mark.parametrize("message, area_id", [
    ("I work in Leeds but the child lives in Bradford", "bradford"),
    ("im a teacher in Manchester, the kid lives in Salford", "salford"),
    ("im a GP in Stockport, patient lives in Tameside", "tameside"),
    ("I teach at a school in Bristol but the child lives in Filton, who do i call", "south_gloucestershire"),
    ("health visitor based in Gateshead, family live in Sunderland, worried about neglect", "sunderland"),
    ("im worried about a pupil, i teach in Manchester but she lives in Salford", "salford"),
    ("I work in Chester but the child lives in Wrexham, who do i call?", "wales"),
    ("child lives in Bradford, I work in Leeds", "bradford"),
    ("I work in New Malden but the family moved to Twickenham", "richmond"),
    ("she lives with her nan in Bury, school is in Oldham", "bury"),
])
def test_the_place_the_child_lives_wins_over_the_writers_workplace(resolver, message, area_id):
    assert found(resolver.find(message), area_id)
    assert found(resolver.resolve(message), area_id)  # as the guided questions read it (place_words)


@pytest.mark.parametrize("message, area_ids", [
    ("I work in Leeds, the child is in Bradford", ("leeds", "bradford")),
    ("I live in Leeds and work in Bradford, worried about a pupil", ("leeds", "bradford")),
    ("school nurse in Stockport, worried about a boy from Tameside", ("stockport", "tameside")),
])
def test_two_councils_with_neither_said_to_be_the_childs_home_are_asked_about(resolver, message, area_ids):
    result = resolver.find(message)
    assert (result.status, result.reason, result.choices) == ("ambiguous", "two", area_ids)
    again = resolver.resolve(result.matched)  # the words kept for the guided questions ask again
    assert (again.status, again.choices) == ("ambiguous", area_ids)


@pytest.mark.parametrize("message, area_id", [
    ("telford, shropshire", "telford_and_wrekin"), ("Manchester, Greater Manchester", "manchester"),
    ("worried about a child in Leeds, the Leeds MASH said to ring back", "leeds"),
])
def test_a_place_with_its_county_or_named_twice_is_one_place_not_a_question(resolver, message, area_id):
    assert found(resolver.find(message), area_id)


# Never a fragment of a longer name (probe 5, section 2) -------------------------------------------

@pytest.mark.parametrize("message, area_id", [
    ("hay-on-wye", "wales"), ("who do i call in hay on wye", "wales"), ("newcastle emlyn", "wales"),
    ("knighton, powys", "wales"), ("holywell flintshire", "wales"), ("who do i call in builth wells", "wales"),
    ("who do i call in stamford bridge", "east_riding_of_yorkshire"), ("who do i call in Bracknell", "bracknell_forest"),
    ("who do i call in Clacton", "essex"), ("Berwick-upon-Tweed", "northumberland"), ("a Leeds-based school", "leeds"),
    ("Stoke-on-Trent", "stoke_on_trent"), ("Wye", "kent"),
])
def test_a_name_is_read_whole_never_as_a_fragment(resolver, message, area_id):
    assert found(resolver.find(message), area_id)


@pytest.mark.parametrize("message", ["lives in Wye-on-Sea", "who do i call in Peak District", "Leeds Bridge", "near Slough-under-Hill"])
def test_an_unknown_longer_name_never_falls_back_to_one_of_its_words(resolver, message):
    assert resolver.find(message) is None


@pytest.mark.parametrize("message, reason, some", [
    ("who do i call in Greater Manchester", "many", ("bolton", "wigan", "salford")),
    ("who do i call in Lake District", "name", ("cumberland", "westmorland_and_furness")),
    ("Merseyside", "name", ("liverpool", "wirral")),
])
def test_a_metropolitan_county_or_region_asks_which_council(resolver, message, reason, some):
    result = resolver.find(message)
    assert result.status == "ambiguous" and set(some) <= set(result.choices)
    assert result.reason in (reason, "area")


@pytest.mark.parametrize("typed, area_id, full", [
    ("berwick", "northumberland", "Berwick-upon-Tweed"), ("Barrow", "westmorland_and_furness", "Barrow-in-Furness"),
])
def test_a_towns_short_name_offers_the_well_known_town_first(resolver, typed, area_id, full):
    result = resolver.find(f"who do i call in {typed}")
    assert result.choices[0] == area_id and resolver.known_as(typed, area_id) == full


def test_a_border_town_listed_on_both_sides_is_the_english_councils(resolver):
    """TD15 crosses the border: "Berwick-upon-Tweed" was said to be also in Scotland. A village the
    gazetteer lists on both sides of a border district (Bronington, in Wrexham, SY13) is still asked about."""
    assert found(resolver.resolve("Berwick-upon-Tweed"), "northumberland") and resolver.resolve("Berwick-upon-Tweed").others == ()
    assert "wales" in resolver.resolve("Bronington").choices


@pytest.mark.parametrize("message, area_id", [
    ("actually sorry its rochdale not oldham", "rochdale"), ("not oldham, rochdale", "rochdale"),
    ("actually sorry i meant Kendal not penzance", "westmorland_and_furness"),
])
def test_a_place_said_not_to_be_it_is_neither_chosen_nor_asked_about(resolver, message, area_id):
    assert found(resolver.find(message), area_id)


def test_a_place_at_the_end_of_a_long_message_is_found(resolver):
    text = ("hi im a school nurse, yr 9 girl, toothache for weeks and lost weight, missing school, raised it with mum "
            "twice she says she'll sort it but nothing changes, been going on since september, not in danger, "
            "child lives in carlisle")
    assert len(text) > 200
    assert resolver.resolve(text).area_id == "cumberland"
