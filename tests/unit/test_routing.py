"""Who to contact, in what order (bot/routing.py), and how the route reads (bot/render.py)."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.render import route_text, step_text
from bot.roles import LEADS, Audience
from bot.routing import Situation, family_route, route_for, talk_route
from bot.wording import load as wording
from tests.unit.kb_helpers import AREA_FILES, area_phone as phone, compact, london, raw_areas, raw_national

AREAS = raw_areas()
TUESDAY_10 = london(2026, 11, 24, 10, 0)
TUESDAY_20 = london(2026, 11, 24, 20, 0)
CHRISTMAS_10 = london(2026, 12, 25, 10, 0)


def roles(route):
    return [step.contact.role if step.contact else None for step in route.steps]


def has_number(text: str, number: str) -> bool:
    return compact(number) in compact(text)


# Significant harm ----------------------------------------------------------------------------

@pytest.mark.parametrize("area_id", ["kingston", "stockport", "telford_and_wrekin", "birmingham", "middlesbrough"])
def test_significant_harm_in_hours_goes_to_the_front_door_then_gives_the_out_of_hours_line_for_later(kb, area_id):
    # Someone reading at 4:50pm on a Friday needs the number to call at 5pm.
    route = route_for(kb, area_id, Situation.SIGNIFICANT_HARM, TUESDAY_10)
    assert roles(route) == ["front_door", "out_of_hours"]
    assert route.open_now is True
    assert "Outside the front door's hours" in step_text(route.steps[1])


def test_significant_harm_in_hours_goes_to_the_front_door(kb):
    route = route_for(kb, "kingston", Situation.SIGNIFICANT_HARM, TUESDAY_10)
    assert route.open_now is True
    assert has_number(route_text(kb, route), phone("kingston", "front_door"))


def test_significant_harm_out_of_hours_puts_the_emergency_duty_team_first(kb):
    route = route_for(kb, "kingston", Situation.SIGNIFICANT_HARM, TUESDAY_20)
    assert roles(route) == ["out_of_hours", "front_door"]
    assert route.open_now is False
    text = route_text(kb, route)
    assert has_number(text, phone("kingston", "out_of_hours"))
    assert compact(text).index(compact(phone("kingston", "out_of_hours"))) < compact(text).index(compact(phone("kingston", "front_door")))


def test_out_of_hours_route_says_when_the_front_door_reopens(kb):
    route = route_for(kb, "kingston", Situation.SIGNIFICANT_HARM, TUESDAY_20)
    assert "08:00" in step_text(route.steps[1])


def test_bank_holiday_daytime_goes_to_the_emergency_duty_team_and_says_why(kb):
    route = route_for(kb, "kingston", Situation.SIGNIFICANT_HARM, CHRISTMAS_10)
    assert roles(route) == ["out_of_hours", "front_door"]
    assert "bank holiday" in step_text(route.steps[0])
    assert "Christmas" in step_text(route.steps[0])


def test_weekend_daytime_goes_to_the_emergency_duty_team(kb):
    route = route_for(kb, "kingston", Situation.SIGNIFICANT_HARM, london(2026, 11, 28, 11, 0))
    assert roles(route)[0] == "out_of_hours"


def test_24_7_front_door_is_first_even_on_christmas_night(kb):
    route = route_for(kb, "leicester", Situation.SIGNIFICANT_HARM, london(2026, 12, 25, 3, 0))
    assert roles(route) == ["front_door"]
    assert route.open_now is True


def test_unknown_hours_give_front_door_then_out_of_hours_team_with_a_caveat(kb):
    route = route_for(kb, "hartlepool", Situation.SIGNIFICANT_HARM, TUESDAY_10)
    assert route.open_now is None
    assert roles(route) == ["front_door", "out_of_hours"]
    assert "Outside the front door's hours, call the out-of-hours line" in step_text(route.steps[1])


def test_route_time_is_reported_in_london_time(kb):
    route = route_for(kb, "kingston", Situation.SIGNIFICANT_HARM, dt.datetime(2026, 7, 7, 16, 20, tzinfo=dt.timezone.utc))
    assert route.when.hour == 17          # 17:20 BST
    assert route.open_now is False        # after the SPA's 17:15 close


# Immediate danger -----------------------------------------------------------------------------

def test_immediate_danger_in_hours_is_999_then_front_door(kb):
    route = route_for(kb, "kingston", Situation.IMMEDIATE_DANGER, TUESDAY_10)
    assert roles(route) == ["emergency", "front_door", "out_of_hours"]
    assert route.steps[0].contact.phone == "999"


def test_immediate_danger_out_of_hours_is_999_then_duty_team_then_front_door(kb):
    route = route_for(kb, "kingston", Situation.IMMEDIATE_DANGER, TUESDAY_20)
    assert roles(route) == ["emergency", "out_of_hours", "front_door"]
    assert route_text(kb, route).startswith("1. ")
    assert "999" in route_text(kb, route).split("\n2. ")[0]


def test_immediate_danger_somewhere_we_do_not_cover_still_starts_with_999(kb):
    route = route_for(kb, None, Situation.IMMEDIATE_DANGER, TUESDAY_10)
    assert route.steps[0].contact.phone == "999"
    assert route.national


# Unknown area: the national route -------------------------------------------------------------

def _all_area_numbers():
    national = {compact(str(c["phone"])) for c in raw_national()["contacts"]}
    numbers = {compact(str(c["phone"])) for area in AREAS.values() for c in area["contacts"]}
    return sorted(numbers - national)  # 101 is national as well as local


AREA_NUMBERS = _all_area_numbers()


@pytest.mark.parametrize("area_id", [None, "", "narnia", "truro"])
@pytest.mark.parametrize("situation", [Situation.SIGNIFICANT_HARM, Situation.ADVICE, Situation.EARLY_HELP, Situation.IMMEDIATE_DANGER])
def test_unknown_area_gets_the_national_route_and_no_local_number(kb, area_id, situation):
    route = route_for(kb, area_id, situation, TUESDAY_10)
    assert route.national
    text = compact(route_text(kb, route))
    leaked = [number for number in AREA_NUMBERS if number in text]
    assert leaked == []


def test_area_numbers_are_collected_from_every_area_file():
    assert len(AREA_FILES) == 10
    assert compact(phone("leicester", "front_door")) in AREA_NUMBERS and compact(phone("kingston", "front_door")) in AREA_NUMBERS


def test_national_route_gives_the_nspcc_helpline_and_how_to_find_the_council(kb):
    route = route_for(kb, None, Situation.SIGNIFICANT_HARM, TUESDAY_10)
    text = route_text(kb, route)
    helpline = next(c for c in raw_national()["contacts"] if c["role"] == "helpline")
    assert "NSPCC" in text
    assert has_number(text, str(helpline["phone"]))
    assert "GOV.UK" in text and "postcode" in text   # the council-finder step
    assert "999" in text                               # the immediate-danger reminder


def test_national_route_works_for_every_situation(kb):
    for situation in Situation:
        route = route_for(kb, None, situation, TUESDAY_10)
        assert any(step.contact and step.contact.role == "helpline" for step in route.steps), situation


# Other situations -----------------------------------------------------------------------------

def test_disagreement_points_to_the_local_escalation_procedure_when_there_is_one(kb):
    route = route_for(kb, "kingston", Situation.DISAGREEMENT, TUESDAY_10)
    text = route_text(kb, route)
    assert "escalation procedure" in text
    assert kb.area("kingston").escalation.procedure in text
    assert "don't have a checked escalation" not in text


def test_disagreement_without_a_local_procedure_gives_the_partnership_manual_stages_number_and_checklist(kb):
    area = kb.area("rutland")
    assert area.escalation is None and area.procedures is not None
    text = route_text(kb, route_for(kb, "rutland", Situation.DISAGREEMENT, TUESDAY_10))
    assert area.procedures.name in text and area.procedures.url in text
    for stage in kb.escalation_guide().stages + kb.escalation_guide().checklist:
        assert stage in text
    assert has_number(text, phone("rutland", "front_door"))  # can still re-refer
    assert "Source:" in text


@pytest.mark.parametrize("area_id", sorted(AREAS))
def test_escalation_in_every_area_is_more_than_talk_to_your_dsl(kb, area_id):
    area = kb.area(area_id)
    text = route_text(kb, route_for(kb, area_id, Situation.DISAGREEMENT, TUESDAY_10, audience=Audience.DSL))
    assert "safeguarding lead (DSL)" not in text  # never to a DSL
    assert has_number(text, phone(area_id, "front_door"))
    assert (area.escalation and area.escalation.procedure in text) or (area.procedures and area.procedures.name in text)
    assert kb.escalation_guide().checklist[0] in text


def test_disagreement_with_a_local_procedure_gives_its_stages_and_address(kb):
    area = kb.area("kingston")
    text = route_text(kb, route_for(kb, "kingston", Situation.DISAGREEMENT, TUESDAY_10))
    assert area.escalation.url in text
    assert all(stage in text for stage in area.escalation.stages)


def test_disagreement_starts_with_the_safeguarding_lead(kb):
    route = route_for(kb, "kingston", Situation.DISAGREEMENT, TUESDAY_10)
    assert route.steps[0].contact is None
    assert route.steps[0].kind == "dsl"


def test_early_help_starts_with_the_safeguarding_lead_then_the_front_door(kb):
    route = route_for(kb, "leicestershire", Situation.EARLY_HELP, TUESDAY_10)
    assert route.steps[0].contact is None
    assert "DSL" in route_text(kb, route).split("\n2. ")[0]
    assert route.steps[1].contact.role in ("early_help", "front_door")


def test_early_help_mentions_the_local_threshold_document(kb):
    text = route_text(kb, route_for(kb, "kingston", Situation.EARLY_HELP, TUESDAY_10))
    assert kb.area("kingston").threshold.document in text


def test_advice_starts_with_the_safeguarding_lead_then_front_door_then_the_nspcc(kb):
    route = route_for(kb, "kingston", Situation.ADVICE, TUESDAY_10)
    assert roles(route) == [None, "front_door", "helpline"]


@pytest.mark.parametrize("area_id", sorted(AREAS))
@pytest.mark.parametrize("when", [TUESDAY_10, TUESDAY_20, CHRISTMAS_10, london(2026, 11, 25, 20, 30)])
def test_not_sure_never_goes_to_the_emergency_duty_team(kb, area_id, when):
    route = route_for(kb, area_id, Situation.ADVICE, when)
    assert "out_of_hours" not in roles(route)
    assert "helpline" in roles(route)


def test_not_sure_in_nottinghamshire_gets_the_consultation_line_not_the_urgent_only_mash_line(kb):
    route = route_for(kb, "nottinghamshire", Situation.ADVICE, TUESDAY_10)
    assert roles(route) == [None, "consultation", "helpline"]
    text = route_text(kb, route)
    assert has_number(text, phone("nottinghamshire", "consultation"))
    assert not has_number(text, phone("nottinghamshire", "front_door"))


def test_not_sure_when_the_front_door_is_closed_says_when_it_reopens(kb):
    text = route_text(kb, route_for(kb, "kingston", Situation.ADVICE, TUESDAY_20))
    assert "closed now" in text and "08:00" in text
    assert not has_number(text, phone("kingston", "out_of_hours"))


def test_each_line_says_who_it_is_for(kb):
    text = route_text(kb, route_for(kb, "nottinghamshire", Situation.SIGNIFICANT_HARM, TUESDAY_10))
    assert "Who it is for: " + " ".join(kb.area("nottinghamshire").contacts[0].who.split())[:40] in " ".join(text.split())


@pytest.mark.parametrize("situation", [Situation.ADVICE, Situation.EARLY_HELP, Situation.DISAGREEMENT])
def test_a_dsl_is_never_told_to_talk_to_their_dsl(kb, situation):
    professional = route_for(kb, "leicester", situation, TUESDAY_10)
    dsl = route_for(kb, "leicester", situation, TUESDAY_10, audience=Audience.DSL)
    assert any(step.kind == "dsl" for step in professional.steps)
    assert not any(step.kind == "dsl" for step in dsl.steps)
    assert "(DSL)" not in route_text(kb, dsl)


@pytest.mark.parametrize("situation", list(Situation))
def test_paramedics_are_pointed_to_their_own_safeguarding_team_as_well_as_the_council(kb, situation):
    route = route_for(kb, "hartlepool", situation, TUESDAY_20, audience=Audience.EMERGENCY_CLINICIAN)
    text = route_text(kb, route)
    assert " ".join(wording().text("utter_route_own_organisation").split()).split(",")[0] in " ".join(text.split())
    assert has_number(text, phone("hartlepool", "front_door")) or has_number(text, phone("hartlepool", "out_of_hours"))
    assert not any(step.kind == "dsl" for step in route.steps)


@pytest.mark.parametrize("area_id", ["southampton", "rutland", "hartlepool", "stockton"])
def test_said_out_of_hours_puts_the_out_of_hours_line_first_where_the_front_doors_hours_are_unknown(kb, area_id):
    route = route_for(kb, area_id, Situation.SIGNIFICANT_HARM, TUESDAY_10, out_of_hours=True)
    assert roles(route)[:2] == ["out_of_hours", "front_door"]


@pytest.mark.parametrize("area_id", ["kingston", "stockport", "stoke_on_trent"])
def test_said_out_of_hours_puts_the_out_of_hours_line_first_whatever_hours_are_recorded(kb, area_id):
    # "just the number for stockport, its 11pm": what the person says counts over the clock.
    route = route_for(kb, area_id, Situation.SIGNIFICANT_HARM, TUESDAY_10, out_of_hours=True)
    assert roles(route) == ["out_of_hours", "front_door"]
    assert "You've said it's out of hours" in step_text(route.steps[0])


def test_said_out_of_hours_keeps_a_front_door_open_around_the_clock_first(kb):
    route = route_for(kb, "leicester", Situation.SIGNIFICANT_HARM, TUESDAY_10, out_of_hours=True)
    assert roles(route)[0] == "front_door"


def test_immediate_danger_names_the_police_or_an_ambulance(kb):
    text = route_text(kb, route_for(kb, "kingston", Situation.IMMEDIATE_DANGER, TUESDAY_10))
    assert "police or an ambulance" in text.split("\n2. ")[0]


def test_people_to_talk_to_without_a_place_are_the_dsl_and_the_nspcc(kb):
    route = talk_route(kb, None, TUESDAY_10)
    assert roles(route) == [None, "helpline"]


def test_people_to_talk_to_for_a_dsl_drop_the_dsl(kb):
    assert roles(talk_route(kb, "nottinghamshire", TUESDAY_10, Audience.DSL)) == ["consultation", "helpline"]


@pytest.mark.parametrize("area_id", sorted(AREAS))
def test_a_parent_gets_early_help_their_health_visitor_gp_or_school_and_the_nspcc(kb, area_id):
    route = family_route(kb, area_id, TUESDAY_10)
    text = route_text(kb, route)
    assert "early help" in text and "health visitor" in text and "GP" in text and "school" in text
    assert "helpline" in roles(route)
    assert any(step.contact and step.contact.role in ("early_help", "front_door", "front_door_public") for step in route.steps)
    assert "out_of_hours" not in roles(route)


def test_a_parent_with_no_place_yet_still_gets_help(kb):
    text = route_text(kb, family_route(kb, None, TUESDAY_10))
    assert "early help" in text and "NSPCC" in text


def test_situation_given_as_its_string_value_works(kb):
    route = route_for(kb, "kingston", "significant_harm", TUESDAY_10)
    assert roles(route) == roles(route_for(kb, "kingston", Situation.SIGNIFICANT_HARM, TUESDAY_10)) == ["front_door", "out_of_hours"]


@pytest.mark.parametrize("area_id", ["kingston", None])
def test_naive_datetime_is_refused(kb, area_id):
    with pytest.raises(ValueError):
        route_for(kb, area_id, Situation.SIGNIFICANT_HARM, dt.datetime(2026, 11, 24, 10, 0))


@pytest.mark.parametrize("area_id", sorted(AREAS))
def test_every_area_routes_significant_harm_to_its_own_front_door(kb, area_id):
    for when in (TUESDAY_10, TUESDAY_20):
        route = route_for(kb, area_id, Situation.SIGNIFICANT_HARM, when)
        text = route_text(kb, route)
        assert has_number(text, phone(area_id, "front_door"))
        assert "Source:" in text and "Checked" in text


def test_member_of_the_public_gets_the_public_line_and_no_safeguarding_lead_step(kb):
    professional = route_for(kb, "nottinghamshire", Situation.ADVICE, TUESDAY_10)
    public = route_for(kb, "nottinghamshire", Situation.ADVICE, TUESDAY_10, audience=Audience.PUBLIC)
    assert any(step.kind == "dsl" for step in professional.steps)
    assert not any(step.kind == "dsl" for step in public.steps)
    roles = [step.contact.role for step in public.steps if step.contact]
    assert "front_door_public" in roles and "front_door" not in roles
    assert "helpline" in roles


def test_every_step_and_note_is_worded_by_the_domain(kb):
    """Routes for every situation, audience and time of a varied set of areas: each step and
    note names a domain response whose blanks its values fill."""
    from bot.render import step_text
    worded = set()
    areas = ["kingston", "hartlepool", "leicestershire", "nottinghamshire", "barnet", "redcar_and_cleveland", "wales", None]
    for area_id in areas:
        for when in (TUESDAY_10, TUESDAY_20, CHRISTMAS_10):
            routes = [route_for(kb, area_id, situation, when, audience, said) for situation in Situation
                      for audience in (Audience.PROFESSIONAL, Audience.PUBLIC, Audience.EMERGENCY_CLINICIAN) for said in (False, True)]
            routes += [talk_route(kb, area_id, when), family_route(kb, area_id, when)]
            for route in routes:
                for step in route.steps:
                    assert step_text(step).strip()
                    worded.add(step.response)
                for note in route.notes:
                    assert wording().text(note.response, **note.values).strip()
                    worded.add(note.response)
    assert len(worded) >= 30


# Who is asking: their own safeguarding lead, and plain words for those who are not professionals --

@pytest.mark.parametrize("group", ["gp", "health", "police", "early_years", "other"])
@pytest.mark.parametrize("situation", [Situation.ADVICE, Situation.EARLY_HELP, Situation.DISAGREEMENT])
def test_a_professional_outside_schools_is_pointed_to_their_own_safeguarding_lead_not_a_dsl(kb, group, situation):
    """A GP was told to involve "your designated safeguarding lead (DSL)", which is school wording."""
    text = " ".join(route_text(kb, route_for(kb, "leicester", situation, TUESDAY_10, group=group)).split())
    assert "(DSL)" not in text
    assert LEADS[group] in text


def test_people_to_talk_to_for_a_gp_name_the_practice_lead_and_the_named_gp(kb):
    text = route_text(kb, talk_route(kb, "nottinghamshire", TUESDAY_10, group="gp"))
    assert "named GP" in text and "(DSL)" not in text


def test_with_no_role_said_the_safeguarding_lead_is_the_dsl_as_before(kb):
    assert "designated safeguarding lead (DSL)" in route_text(kb, route_for(kb, "leicester", Situation.ADVICE, TUESDAY_10))


def test_a_police_officer_in_an_emergency_is_asked_about_an_ambulance_never_told_to_call_the_police(kb):
    first = route_text(kb, route_for(kb, "kingston", Situation.IMMEDIATE_DANGER, TUESDAY_10, group="police")).split("\n2. ")[0]
    assert "ambulance" in first and "police or an ambulance" not in first


@pytest.mark.parametrize("situation", [Situation.SIGNIFICANT_HARM, Situation.IMMEDIATE_DANGER, Situation.ADVICE])
def test_a_member_of_the_public_always_gets_the_nspcc_helpline_and_their_council(kb, situation):
    route = route_for(kb, "nottinghamshire", situation, TUESDAY_10, audience=Audience.PUBLIC)
    assert "helpline" in roles(route) and "front_door_public" in roles(route)


def test_a_member_of_the_public_is_told_what_to_do_in_plain_words_not_significant_harm(kb):
    text = route_text(kb, route_for(kb, "kingston", Situation.SIGNIFICANT_HARM, TUESDAY_10, audience=Audience.PUBLIC))
    assert "significant harm" not in text
    assert step_text(route_for(kb, "kingston", Situation.SIGNIFICANT_HARM, TUESDAY_10, audience=Audience.PUBLIC).steps[0]) in text


def test_a_parent_reads_plain_words_not_the_professionals_notes_on_a_line(kb):
    """East Sussex's front door is "for practitioners with Level 3/4 concerns (after discussion
    with their safeguarding lead…)": a parent asking for help read that, and internal notes."""
    door = next(item for item in kb.area("east_sussex").contacts if item.role == "front_door")
    professional = route_text(kb, route_for(kb, "east_sussex", Situation.SIGNIFICANT_HARM, TUESDAY_10))
    parent = route_text(kb, family_route(kb, "east_sussex", TUESDAY_10))
    assert "Level 3/4" in professional and "Note:" in professional
    assert has_number(parent, door.phone)
    assert "Level 3/4" not in parent and "Note:" not in parent and "Who it is for" not in parent


def test_plain_words_still_say_who_a_line_is_for_when_that_gives_the_publics_own_number(kb):
    """Leeds keeps its public number only in the note on who the line is for."""
    text = route_text(kb, route_for(kb, "leeds", Situation.SIGNIFICANT_HARM, TUESDAY_10, audience=Audience.PUBLIC))
    assert has_number(text, "0113 222 4403")
