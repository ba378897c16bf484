"""Direct questions about an area, answered the way a professional would see them."""
import asyncio
import datetime as dt

import yaml

from actions.local_answers import (ActionAnswerContact, ActionAnswerEscalation, ActionAnswerOutOfHours,
                                   ActionAnswerPending, ActionAnswerThreshold, ActionAnswerWhichTool)
from bot import render
from bot.knowledge.schema import normalise_phone
from bot.knowledge.store import KNOWLEDGE_DIR
from bot.office_hours import LONDON
from bot.wording import load as wording
import pytest

from tests.actions.conftest import TUESDAY_8PM, said, tracker, user
from tests.unit.kb_helpers import area_phone as phone, national_phone


@pytest.fixture(autouse=True)
def _domain(domain):
    global DOMAIN
    DOMAIN = domain


def run(action, dispatcher, t):
    return asyncio.run(action.run(dispatcher, t, DOMAIN))


def all_area_phones():
    phones = set()
    for path in (KNOWLEDGE_DIR / "areas").glob("*.yml"):
        phones |= {normalise_phone(c["phone"]) for c in yaml.safe_load(path.read_text())["contacts"] if c["role"] != "police_non_emergency"}
    return phones


def test_contact_for_a_town_gives_that_areas_front_door_in_office_hours(dispatcher):
    events = run(ActionAnswerContact(), dispatcher, tracker("who do I call about a child in Mansfield", "ask_contact",
                                                             [{"entity": "place", "value": "Mansfield"}]))
    text = said(dispatcher)
    assert phone("nottinghamshire", "front_door") in text
    assert "Checked" in text and "Source:" in text
    assert {"event": "slot", "timestamp": None, "name": "area", "value": "nottinghamshire"} in events


def test_out_of_office_hours_the_emergency_duty_team_comes_first(dispatcher, wired):
    wired["now"] = TUESDAY_8PM
    run(ActionAnswerContact(), dispatcher, tracker("I'm in Twickenham, who's the front door?", "ask_contact",
                                                   [{"entity": "place", "value": "Twickenham"}]))
    text = said(dispatcher)
    edt, door = phone("richmond", "out_of_hours"), phone("richmond", "front_door")
    assert text.index(edt) < text.index(door)


def test_place_with_a_typo_found_in_the_words_when_nlu_missed_it(dispatcher):
    run(ActionAnswerContact(), dispatcher, tracker("who do i ring in Lougborough", "ask_contact"))
    assert phone("leicestershire", "front_door") in said(dispatcher)


def test_a_lower_case_typo_in_a_sentence_is_asked_about_then_read_as_the_answer(dispatcher):
    run(ActionAnswerContact(), dispatcher, tracker("who do i ring in lougborough", "ask_contact"))
    assert dispatcher.messages[0]["response"] == "utter_ask_place"  # never a guess at a lower-case word
    answer = dispatcher.__class__()
    run(ActionAnswerPending(), answer, tracker("lougborough", "inform_place", slots={"pending_question": "contact"}))
    assert answer.messages[0]["response"] == "utter_place_understood_fuzzy"
    assert phone("leicestershire", "front_door") in said(answer)


def test_missing_place_is_asked_for_then_the_waiting_question_is_answered(dispatcher):
    events = run(ActionAnswerEscalation(), dispatcher, tracker("how do I escalate", "ask_escalation"))
    assert dispatcher.messages[0]["response"] == "utter_ask_place"
    assert {"event": "slot", "timestamp": None, "name": "pending_question", "value": "escalation"} in events
    follow_up = dispatcher.__class__()
    run(ActionAnswerPending(), follow_up, tracker("Surbiton", "inform_place", [{"entity": "place", "value": "Surbiton"}],
                                                  slots={"pending_question": "escalation"}))
    assert follow_up.messages[-1]["response"] == "utter_escalation_answer"
    assert "Professional Conflict Resolution" in said(follow_up)


def test_unknown_place_gets_the_national_route_and_no_local_number(dispatcher):
    run(ActionAnswerContact(), dispatcher, tracker("who do I call in Narnia", "ask_contact", [{"entity": "place", "value": "Narnia"}]))
    text = said(dispatcher)
    assert national_phone("helpline") in text
    assert not [number for number in all_area_phones() if number in text]


def test_child_who_lives_in_one_area_and_is_seen_in_another_uses_where_they_live(dispatcher):
    entities = [{"entity": "place", "value": "Oakham", "role": "lives", "start": 9, "end": 15},
                {"entity": "place", "value": "Leicester", "role": "seen", "start": 38, "end": 47}]
    run(ActionAnswerContact(), dispatcher, tracker("lives in Oakham but goes to school in Leicester", "ask_contact", entities))
    text = said(dispatcher)
    assert phone("rutland", "front_door") in text
    assert phone("leicester", "front_door") not in text
    assert "utter_child_lives_here" in text


def test_out_of_hours_question_gives_the_emergency_duty_team(dispatcher):
    run(ActionAnswerOutOfHours(), dispatcher, tracker("out of hours number for Southampton", "ask_out_of_hours",
                                                      [{"entity": "place", "value": "Southampton"}]))
    assert phone("southampton", "out_of_hours") in said(dispatcher)


def test_threshold_names_the_document_and_its_levels(dispatcher):
    run(ActionAnswerThreshold(), dispatcher, tracker("thresholds in kingston upon thames", "ask_threshold", [{"entity": "place", "value": "kingston upon thames"}]))
    text = said(dispatcher)
    assert "London Threshold Document" in text and "Level 4" in text


def test_which_tool_for_a_teenager_lists_only_tools_recorded_for_that_stage(dispatcher, kb):
    run(ActionAnswerWhichTool(), dispatcher, tracker("which tool for a teenager in Hartlepool", "which_tool",
                                                     [{"entity": "age_group", "value": "teenager"}, {"entity": "place", "value": "Hartlepool"}]))
    text = said(dispatcher)
    tools = kb.area("hartlepool").neglect_toolkit.tools
    assert any(t.name in text for t in tools if t.stage == "teenager")
    assert not [t.name for t in tools if t.stage == "early_years" and t.name in text]


def test_ambiguous_place_offers_choices(dispatcher):
    run(ActionAnswerContact(), dispatcher, tracker("who to call in Braunstone", "ask_contact", [{"entity": "place", "value": "Braunstone"}]))
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert "Leicester City Council" in titles and "Leicestershire County Council" in titles


def test_a_parents_name_tagged_as_a_place_is_not_looked_up_and_the_place_is_asked_for(dispatcher):
    text = "mum Kelly Brightwater says he has cereal for tea, who do I ring"
    run(ActionAnswerContact(), dispatcher, tracker(text, "ask_contact", [{"entity": "place", "value": "Kelly Brightwater",
                                                                            "start": 4, "end": 21}]))
    assert "Devon" not in said(dispatcher)  # Kelly is a village in Devon
    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_place"]


def test_a_number_asked_for_later_names_the_place_as_given_never_an_internal_id(dispatcher):
    run(ActionAnswerContact(), dispatcher, tracker("just give me the number", "ask_contact",
                                                   slots={"area": "north_lincolnshire", "place": "Scunthorpe"}))
    assert dispatcher.messages[0]["response"] == "utter_place_understood"
    assert dispatcher.messages[0]["place"] == "Scunthorpe"
    dispatcher.messages.clear()
    run(ActionAnswerContact(), dispatcher, tracker("just give me the number", "ask_contact", slots={"area": "north_lincolnshire"}))
    assert dispatcher.messages[0]["place"] == "North Lincolnshire Council"


def test_a_councils_own_name_gets_its_number_first_and_the_village_of_that_name_as_a_choice(dispatcher):
    """"Leeds" at 2 a.m. is Leeds City Council's number, not a question about a village in Kent."""
    run(ActionAnswerContact(), dispatcher, tracker("who do i ring in leeds", "ask_contact"))
    first = dispatcher.messages[0]
    assert first["response"] == "utter_place_understood_not_village"
    assert first["council"] == "Leeds City Council" and "Kent County Council" in first["others"]
    assert [b["title"] for b in first["buttons"]] == ["Kent County Council"]
    assert phone("leeds", "front_door") in said(dispatcher)


# Asked again, or for the number only: short -----------------------------------------------------

def _escalation_asked_twice(dispatcher, area, first, then):
    events = run(ActionAnswerEscalation(), dispatcher, tracker(first, "ask_escalation", slots={"area": area}))
    given = {event["name"]: event["value"] for event in events if event.get("event") == "slot"}
    again = dispatcher.__class__()
    run(ActionAnswerEscalation(), again, tracker(then, "ask_escalation", slots={"area": area, **given}))
    return said(dispatcher), again


def test_escalation_asked_again_in_the_same_area_gets_the_number_and_procedure_not_the_whole_answer(dispatcher, kb):
    first, again = _escalation_asked_twice(dispatcher, "plymouth", "whats the escalation process in plymouth",
                                           "who do i ring to challenge it")
    assert dispatcher.messages[-1]["response"] == "utter_escalation_answer"
    assert again.messages[-1]["response"] == "utter_escalation_again"
    text = said(again)
    assert phone("plymouth", "front_door") in text and "Source:" in text
    assert kb.escalation_guide().checklist[0] in first and kb.escalation_guide().checklist[0] not in text
    assert kb.escalation_guide().stages[0] not in text
    assert len(text) < len(first) / 2


def test_asked_what_the_policy_is_called_where_no_title_is_held_it_says_it_has_no_name(dispatcher, kb):
    _, again = _escalation_asked_twice(dispatcher, "kirklees", "how do i escalate in kirklees", "whats the escalation policy called")
    area = kb.area("kirklees")
    assert area.escalation is None and area.procedures is None
    assert again.messages[-1]["procedure"] == render.escalation_in_short(kb, area)
    assert "know its name" in again.messages[-1]["procedure"]


def test_an_untitled_procedure_is_given_by_its_link_and_said_to_have_no_name_held(dispatcher, kb):
    _, again = _escalation_asked_twice(dispatcher, "croydon", "escalation croydon", "what is it called")
    area = kb.area("croydon")
    procedure = again.messages[-1]["procedure"]
    assert area.escalation.url in procedure and "don't have the name" in procedure and "Source:" in procedure


def test_escalation_in_another_area_gets_that_areas_whole_answer(dispatcher):
    run(ActionAnswerEscalation(), dispatcher, tracker("how do i escalate", "ask_escalation",
                                                      slots={"area": "leeds", "escalation_given": "plymouth"}))
    assert dispatcher.messages[-1]["response"] == "utter_escalation_answer"


@pytest.mark.parametrize("message", ["**just the number** for Lambeth!!!", "just the number for lambeth"])
def test_just_the_number_gets_the_number_with_its_source_and_nothing_else(dispatcher, kb, message):
    run(ActionAnswerContact(), dispatcher, tracker(message, "ask_contact"))
    answer = next(m for m in dispatcher.messages if m["response"] == "utter_numbers_only")
    door = kb.area("lambeth").contacts[0]
    assert door.phone in answer["numbers"] and "Source:" in answer["numbers"]
    assert answer["numbers"].count(door.phone) == 1  # the out-of-hours line is the same number
    assert door.who not in answer["numbers"]
    assert "utter_offer_questions" not in [m["response"] for m in dispatcher.messages]
    assert len(answer["numbers"].splitlines()) <= 4


def test_just_the_number_before_the_place_is_known_is_still_just_the_number_once_it_is(dispatcher):
    events = run(ActionAnswerContact(), dispatcher, tracker("just the number", "ask_contact"))
    assert {"event": "slot", "timestamp": None, "name": "pending_question", "value": "numbers"} in events
    answer = dispatcher.__class__()
    run(ActionAnswerPending(), answer, tracker("Lambeth", "inform_place", slots={"pending_question": "numbers"}))
    assert "utter_numbers_only" in [m["response"] for m in answer.messages]


def test_just_the_number_in_danger_keeps_999_first(dispatcher):
    run(ActionAnswerContact(), dispatcher, tracker("just the number for Leeds", "ask_contact", slots={"in_danger": "yes"}))
    numbers = next(m for m in dispatcher.messages if m["response"] == "utter_numbers_only")["numbers"]
    assert numbers.index(national_phone("emergency")) < numbers.index(phone("leeds", "front_door"))
# Places as strangers type them (probe of 3 December) ---------------------------------------------

def test_newport_shropshire_gets_telford_and_wrekins_number_never_shropshires(dispatcher):
    run(ActionAnswerContact(), dispatcher, tracker("number for newport, shropshire", "ask_contact"))
    text = said(dispatcher)
    assert phone("telford_and_wrekin", "front_door") in text and phone("shropshire", "front_door") not in text


def test_many_places_of_one_name_lead_with_the_towns_and_give_wales_its_own_route(dispatcher):
    """"who do i call in newport": Wales was a button under "places in England" and the Isle of
    Wight's and Telford's Newports were cut off."""
    events = run(ActionAnswerContact(), dispatcher, tracker("who do i call in newport", "ask_contact"))
    choices, nation = dispatcher.messages
    titles = [b["title"] for b in choices["buttons"]]
    assert choices["response"] == "utter_place_choices_many" and choices["count"] == 8
    assert titles[:2] == ["Isle of Wight Council", "Telford & Wrekin Council"] and "Wales" not in titles
    assert nation["response"] == "utter_place_choice_nation" and nation["nation"] == "Wales"
    assert "Wales Safeguarding Procedures" in nation["route"] and national_phone("emergency") in nation["route"]
    assert {"event": "slot", "timestamp": None, "name": "ambiguous_place", "value": "Newport"} in events


def _after_choices(text, turns_ago=1):
    """A tracker for `text` answered `turns_ago` turns after the choices for "Newport"."""
    events = [user("who do i call in newport", "ask_contact"),
              {"event": "slot", "timestamp": None, "name": "ambiguous_place", "value": "Newport"}]
    events += [user("thanks", "thank")] * (turns_ago - 1) + [user(text, "inform_place")]
    return tracker(text, "inform_place", slots={"pending_question": "contact", "ambiguous_place": "Newport"}, events=events)


def test_a_county_answering_which_newport_gets_the_town_there_not_the_countys_number(dispatcher):
    run(ActionAnswerPending(), dispatcher, _after_choices("shropshire"))
    assert dispatcher.messages[0]["council"] == "Telford & Wrekin Council"
    assert phone("telford_and_wrekin", "front_door") in said(dispatcher)


def test_a_county_named_later_is_that_county_not_the_place_asked_about_before(dispatcher):
    run(ActionAnswerPending(), dispatcher, _after_choices("shropshire", turns_ago=2))
    assert dispatcher.messages[0]["council"] == "Shropshire Council"


def test_newcastle_offers_newcastle_under_lyme_by_name(dispatcher):
    run(ActionAnswerContact(), dispatcher, tracker("i'm a GP in newcastle, who do i call", "ask_contact"))
    first = dispatcher.messages[0]
    assert first["council"] == "Newcastle City Council"
    assert first["buttons"][0] == {"title": "Newcastle-under-Lyme (Staffordshire County Council)", "payload": "Newcastle-under-Lyme"}


def test_bristols_neighbours_are_offered_as_addresses_over_the_boundary_not_smaller_places(dispatcher):
    run(ActionAnswerOutOfHours(), dispatcher, tracker("bristol out of hours number", "ask_out_of_hours"))
    responses = [m["response"] for m in dispatcher.messages]
    assert "utter_place_understood_not_village" not in responses and responses[:2] == ["utter_place_understood", "utter_place_postal_neighbours"]
    assert dispatcher.messages[1]["councils"] == "Bath and North East Somerset Council, North Somerset Council, South Gloucestershire Council"


def test_the_threshold_asked_about_with_a_place_is_that_places(dispatcher, domain):
    """"what's the threshold for neglect in devon" got only the general definition."""
    from actions.definitions import ActionExplainConcept
    asyncio.run(ActionExplainConcept().run(dispatcher, tracker("what's the threshold for neglect in devon", "ask_definition"), domain))
    responses = [m["response"] for m in dispatcher.messages]
    assert responses[0] == "utter_concept" and "utter_threshold_answer" in responses
    assert next(m for m in dispatcher.messages if m["response"] == "utter_threshold_answer")["council"] == "Devon County Council"
    dispatcher.messages.clear()
    asyncio.run(ActionExplainConcept().run(dispatcher, tracker("what is the threshold in surrey", "ask_definition"), domain))
    assert [m["response"] for m in dispatcher.messages] == ["utter_concept", "utter_place_understood", "utter_no_threshold"]


@pytest.mark.parametrize("text", ["what is a threshold in safeguarding", "what is the threshold in Working Together"])
def test_a_term_asked_about_without_a_place_is_only_defined(dispatcher, domain, text):
    from actions.definitions import ActionExplainConcept
    asyncio.run(ActionExplainConcept().run(dispatcher, tracker(text, "ask_definition"), domain))
    assert [m["response"] for m in dispatcher.messages] == ["utter_concept"]


def test_a_hedged_threshold_question_nlu_was_unsure_of_answers_the_threshold_for_the_place(dispatcher, domain):
    from actions.local_answers import ActionFallback
    t = tracker("hypothetically if a kid was left alone overnight what would the threshold be in surrey", "nlu_fallback")
    t.latest_message["intent_ranking"] = [{"name": "nlu_fallback", "confidence": 0.3}, {"name": "ask_threshold", "confidence": 0.3},
                                          {"name": "worried_about_child", "confidence": 0.15}]
    asyncio.run(ActionFallback().run(dispatcher, t, domain))
    assert [m["response"] for m in dispatcher.messages] == ["utter_place_understood", "utter_no_threshold"]
    assert dispatcher.messages[1]["council"] == "Surrey County Council"


# Short answers that must not hide a missing line, and times the person says (probe 5) ---------

FRIDAY_0230 = dt.datetime(2026, 11, 27, 2, 30, tzinfo=LONDON)
CALL_999 = wording().text("utter_if_danger_call_999")


def shown(message) -> str:
    """A response as the user reads it: its domain text filled with the action's values."""
    template = DOMAIN["responses"][message["response"]][0]["text"]
    values = {key: value for key, value in message.items() if key not in ("response", "text")}
    return template.format(call_999=CALL_999, **values)


def numbers_answer(dispatcher) -> str:
    return next(m for m in dispatcher.messages if m["response"] == "utter_numbers_only")["numbers"]


@pytest.mark.parametrize("message, area_id", [("just the number for dorset", "dorset"), ("just give me the number for wakefield", "wakefield"),
                                              ("just the number for bolton please", "bolton")])
def test_just_the_number_where_no_front_door_number_is_held_says_so_and_labels_the_nspcc_line(dispatcher, kb, message, area_id):
    run(ActionAnswerContact(), dispatcher, tracker(message, "ask_contact"))
    numbers = numbers_answer(dispatcher)
    area = kb.area(area_id)
    missing = wording().text("utter_route_no_front_door", area=area.name, where=area.council.homepage)
    assert numbers.startswith(missing)
    helpline = kb.national_contact("helpline")
    assert numbers.index(wording().text("utter_route_helpline")) < numbers.index(helpline.phone)


@pytest.mark.parametrize("message, area_id", [("just the number for blackpool", "blackpool"), ("just give me the number for derby", "derby")])
def test_just_the_number_at_night_where_no_out_of_hours_number_is_held_says_the_front_door_may_be_closed(dispatcher, wired, message, area_id):
    wired["now"] = FRIDAY_0230
    run(ActionAnswerContact(), dispatcher, tracker(message, "ask_contact"))
    numbers = numbers_answer(dispatcher)
    assert wording().text("utter_route_note_no_out_of_hours") in numbers
    assert CALL_999 not in numbers  # the response around the numbers says it once


@pytest.mark.parametrize("action, message", [(ActionAnswerContact, "who do i call in derby"), (ActionAnswerOutOfHours, "out of hours number for derby"),
                                             (ActionAnswerContact, "just the number for derby")])
def test_the_999_sentence_is_said_once_in_an_answer_that_says_no_out_of_hours_number_is_held(dispatcher, wired, action, message):
    wired["now"] = FRIDAY_0230
    run(action(), dispatcher, tracker(message, "ask_contact"))
    answer = next(m for m in dispatcher.messages if m["response"] in ("utter_contact_answer", "utter_no_out_of_hours", "utter_numbers_only"))
    text = shown(answer)
    assert "I don't have a checked out-of-hours number" in text
    assert text.count(CALL_999) == 1


@pytest.mark.parametrize("message", ["just the number for stockport, its 11pm", "need to refer tonight in Stockport, who?"])
def test_a_time_said_puts_the_out_of_hours_line_first_even_where_the_front_doors_hours_are_known(dispatcher, message):
    run(ActionAnswerContact(), dispatcher, tracker(message, "ask_contact"))
    text = said(dispatcher)
    edt, door = phone("stockport", "out_of_hours"), phone("stockport", "front_door")
    assert edt in text and text.index(edt) < text.index(door)


def test_just_the_number_in_the_guided_questions_after_the_time_was_said_earlier_puts_the_out_of_hours_line_first(dispatcher):
    run(ActionAnswerContact(), dispatcher, tracker("just the number", "ask_contact", slots={"area": "stockport", "said_out_of_hours": True},
                                                   active_loop="concern_form"))
    numbers = numbers_answer(dispatcher)
    edt, door = phone("stockport", "out_of_hours"), phone("stockport", "front_door")
    assert numbers.index(edt) < numbers.index(door)


@pytest.mark.parametrize("area_id", ["stockport", "telford_and_wrekin", "birmingham"])
def test_just_the_number_in_office_hours_gives_the_out_of_hours_line_second(dispatcher, kb, area_id):
    run(ActionAnswerContact(), dispatcher, tracker("just the number", "ask_contact", slots={"area": area_id}))
    numbers = numbers_answer(dispatcher)
    edt, door = phone(area_id, "out_of_hours"), phone(area_id, "front_door")
    assert numbers.index(door) < numbers.index(edt)


@pytest.mark.parametrize("message, area_id", [("leeds childrens social care", "leeds"), ("cambridge childrens social care", "cambridgeshire")])
def test_an_out_of_hours_guess_for_words_naming_no_time_or_team_gets_the_front_door_first_in_office_hours(dispatcher, message, area_id):
    run(ActionAnswerOutOfHours(), dispatcher, tracker(message, "ask_out_of_hours"))
    assert "utter_out_of_hours_answer" not in [m["response"] for m in dispatcher.messages]
    text = said(dispatcher)
    edt, door = phone(area_id, "out_of_hours"), phone(area_id, "front_door")
    assert text.index(door) < text.index(edt)


@pytest.mark.parametrize("message", ["edt number for leeds", "out of hours number for leeds", "leeds emergency duty team"])
def test_an_out_of_hours_question_in_office_hours_still_gets_the_out_of_hours_line_first(dispatcher, message):
    run(ActionAnswerOutOfHours(), dispatcher, tracker(message, "ask_out_of_hours"))
    assert "utter_out_of_hours_answer" in [m["response"] for m in dispatcher.messages]


def test_a_place_answering_a_waiting_out_of_hours_question_gets_the_out_of_hours_answer(dispatcher):
    run(ActionAnswerPending(), dispatcher, tracker("Leeds", "inform_place", slots={"pending_question": "out_of_hours"}))
    assert "utter_out_of_hours_answer" in [m["response"] for m in dispatcher.messages]
# Where the child lives, not where the writer works (probe 5) -------------------------------------

@pytest.mark.parametrize("message, child, work", [
    ("I work in Leeds but the child lives in Bradford", "bradford", "leeds"),
    ("im a GP in Stockport, patient lives in Tameside", "tameside", "stockport"),
    ("I teach at a school in Bristol but the child lives in Filton, who do i call", "south_gloucestershire", "bristol"),
])
def test_the_council_where_the_child_lives_is_given_never_the_writers_workplaces(dispatcher, message, child, work):
    run(ActionAnswerContact(), dispatcher, tracker(message, "ask_contact"))
    text = said(dispatcher)
    assert phone(child, "front_door") in text and phone(work, "front_door") not in text


def test_two_councils_with_neither_the_childs_home_are_asked_about_then_the_answer_is_used(dispatcher):
    message = "I work in Leeds, the child is in Bradford, who do I call?"
    events = run(ActionAnswerContact(), dispatcher, tracker(message, "ask_contact"))
    [choices] = dispatcher.messages
    assert choices["response"] == "utter_two_choices" and choices["place"] == "Leeds or Bradford"
    assert [b["title"] for b in choices["buttons"]] == ["Leeds City Council", "City of Bradford Metropolitan District Council"]
    assert phone("leeds", "front_door") not in said(dispatcher) and phone("bradford", "front_door") not in said(dispatcher)
    assert {"event": "slot", "timestamp": None, "name": "ambiguous_place", "value": "Leeds or Bradford"} in events
    dispatcher.messages.clear()
    answer = tracker("Bradford", "inform_place", slots={"pending_question": "contact", "ambiguous_place": "Leeds or Bradford"},
                     events=[user(message, "ask_contact"), {"event": "slot", "timestamp": None, "name": "ambiguous_place",
                                                            "value": "Leeds or Bradford"}, user("Bradford", "inform_place")])
    run(ActionAnswerPending(), dispatcher, answer)
    assert phone("bradford", "front_door") in said(dispatcher) and phone("leeds", "front_door") not in said(dispatcher)


def test_work_in_england_child_in_wales_gets_the_wales_route(dispatcher):
    run(ActionAnswerContact(), dispatcher, tracker("I work in Chester but the child lives in Wrexham, who do i call?", "ask_contact"))
    text = said(dispatcher)
    assert "Wales Safeguarding Procedures" in text and phone("cheshire_west_and_chester", "front_door") not in text


@pytest.mark.parametrize("message, wrong", [("who do i call in hay on wye", "kent"), ("hay-on-wye", "kent"),
                                            ("newcastle emlyn", "newcastle_upon_tyne"), ("knighton, powys", "shropshire")])
def test_a_welsh_place_is_never_given_an_english_council_from_part_of_its_name(dispatcher, message, wrong):
    run(ActionAnswerContact(), dispatcher, tracker(message, "ask_contact"))
    text = said(dispatcher)
    assert "Wales Safeguarding Procedures" in text and phone(wrong, "front_door") not in text
