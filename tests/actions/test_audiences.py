"""Answers that fit who is writing, across the whole conversation: a parent or carer, a child in
another UK nation, a police officer, a GP, a nursery key worker, a neighbour. Each test is a case
from a tester's report (probe of 3 December 2026) that got the professionals' answer."""
import asyncio

import pytest

from actions.concern_form import ActionConcernNextStep, ActionStartConcern, ValidateConcernForm
from actions.local_answers import (CHILD_ROLE, PARENT_ROLE, ActionAfterDanger, ActionAnswerContact, ActionAnswerOutOfHours,
                                   ActionChildHelp, ActionFallback, ActionParentHelp, ActionTalkToSomeone)
from actions.referral_practice import ActionAnswerAfterReferral
from bot.concern import ORDER
from bot.wording import load as wording
from tests.actions.conftest import said, tracker, user
from tests.unit.kb_helpers import area_phone, compact

SINGLE_MUM = "I'm a single mum and I'm struggling, can't afford food or electric, I'm scared they'll take my kids... I'm in Hastings"
SWANSEA = "im 15 live in swansea my mum leaves us with no food for days what do i do"
POLICE = "police officer, two kids left alone in a flat in Leeds, no food, we're with them now"


def run(action, dispatcher, t, domain):
    return asyncio.run(action.run(dispatcher, t, domain))


def responses(dispatcher):
    return [message.get("response") for message in dispatcher.messages]


def slots_set(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def has(text, number):
    return compact(number) in compact(text)


# A parent or carer -----------------------------------------------------------------------------

def test_a_parents_first_answer_is_in_plain_words_and_answers_the_fear_of_losing_the_children(dispatcher, domain):
    events = run(ActionParentHelp(), dispatcher, tracker(SINGLE_MUM, "parent_seeking_help"), domain)
    text = said(dispatcher)
    assert "utter_parent_help" in responses(dispatcher)
    assert has(text, area_phone("east_sussex", "front_door"))
    assert "Level 3/4" not in text and "practitioners" not in text and "Note:" not in text
    assert "taken away" in wording().text("utter_parent_help", route="")
    assert slots_set(events)["reporter_role"] == PARENT_ROLE  # the rest of the conversation stays hers


def test_what_would_happen_if_a_parent_called_is_answered_for_a_parent(dispatcher, domain):
    run(ActionAnswerAfterReferral(), dispatcher, tracker("what would happen if i called them", "ask_after_referral",
                                                         slots={"reporter_role": PARENT_ROLE, "area": "east_sussex"}), domain)
    assert responses(dispatcher) == ["utter_parent_what_happens"]


def test_a_professional_asking_what_happens_next_still_gets_the_referral_answer(dispatcher, domain):
    run(ActionAnswerAfterReferral(), dispatcher, tracker("what happens after i refer", "ask_after_referral",
                                                         slots={"reporter_role": "teacher"}), domain)
    assert responses(dispatcher)[0] == "utter_after_referral_answer"


@pytest.mark.parametrize("action, text, intent", [(ActionAnswerContact(), "who do i call", "ask_contact"),
                                                  (ActionTalkToSomeone(), "can i talk to someone", "talk_to_someone")])
def test_a_parent_asking_who_to_call_next_gets_the_familys_help_not_the_professionals_route(dispatcher, domain, action, text, intent):
    run(action, dispatcher, tracker(text, intent, slots={"reporter_role": PARENT_ROLE, "area": "east_sussex"}), domain)
    reply = said(dispatcher)
    assert "utter_parent_help" in responses(dispatcher)
    assert "safeguarding lead" not in reply and "Level 3/4" not in reply


def test_a_parents_message_not_understood_offers_what_a_parent_asks(dispatcher, domain):
    """"What would happen if i called them" got "Sorry, I'm not sure I understood … "What is
    disguised compliance?""."""
    run(ActionFallback(), dispatcher, tracker("hmm right", "nlu_fallback", slots={"reporter_role": PARENT_ROLE}), domain)
    assert responses(dispatcher) == ["utter_parent_default"]
    assert "disguised compliance" not in wording().text("utter_parent_default")


def test_anyone_else_not_understood_gets_the_usual_examples(dispatcher, domain):
    run(ActionFallback(), dispatcher, tracker("hmm right", "nlu_fallback"), domain)
    assert responses(dispatcher) == ["utter_default"]


# A child in Wales ------------------------------------------------------------------------------

def test_a_child_in_wales_gets_childline_and_a_plain_note_that_only_english_councils_are_covered(dispatcher, domain, kb):
    events = run(ActionChildHelp(), dispatcher, tracker(SWANSEA, "child_seeking_help"), domain)
    assert responses(dispatcher) == ["utter_child_help", "utter_child_nation"]
    note = dispatcher.messages[1]
    assert note["nation"] == "Wales" and note["childline"] == kb.national_contact("childline").phone
    assert slots_set(events) == {"reporter_role": CHILD_ROLE, "area": "wales"}


def test_a_child_in_wales_who_asks_who_they_can_talk_to_is_never_asked_for_the_town_again(dispatcher, domain):
    run(ActionTalkToSomeone(), dispatcher, tracker("who can i talk to", "talk_to_someone",
                                                   slots={"reporter_role": CHILD_ROLE, "area": "wales", "place": "swansea"}), domain)
    assert responses(dispatcher) == ["utter_child_help", "utter_child_nation"]
    assert "safeguarding lead" not in said(dispatcher)


# A police officer, a GP, a nursery key worker -------------------------------------------------

def test_a_police_officer_in_an_emergency_is_not_told_to_ask_for_the_police(dispatcher, domain):
    run(ActionAfterDanger(), dispatcher, tracker(POLICE, "immediate_danger"), domain)
    route = next(m["route"] for m in dispatcher.messages if m.get("response") == "utter_after_danger")
    assert "police or an ambulance" not in route and "ambulance" in route.split("\n2. ")[0]
    assert has(route, area_phone("leeds", "front_door"))


def test_danger_during_a_police_officers_questions_gets_the_police_officers_999_advice(dispatcher):
    ValidateConcernForm().validate_in_danger("yes", dispatcher, tracker("yes", "affirm", slots={"reporter_role": "police officer"}), {})
    assert responses(dispatcher)[0] == "utter_call_999_police"


def test_a_gp_who_wants_to_talk_it_through_is_pointed_to_the_practice_lead_not_a_dsl(dispatcher, domain):
    run(ActionTalkToSomeone(), dispatcher, tracker("I'm a GP in Plymouth, can I talk a concern through with someone",
                                                   "talk_to_someone"), domain)
    text = " ".join(said(dispatcher).split())
    assert "named GP for safeguarding" in text and "designated safeguarding lead" not in text


def test_a_nursery_key_worker_is_noted_as_an_early_years_practitioner(dispatcher, domain):
    first = "worried about a 4 year old at nursery in Northampton, im the key worker"
    events = run(ActionStartConcern(), dispatcher, tracker(first, "worried_about_child", events=[user(first, "worried_about_child")]),
                 domain)
    assert slots_set(events)["reporter_role"] == "early years practitioner"


# A neighbour or other member of the public ---------------------------------------------------

NEIGHBOUR = {"reporter_role": "neighbour", "place": "Leeds", "area": "leeds", "in_danger": "no"}


def test_a_neighbour_is_asked_only_what_the_short_route_needs(dispatcher, domain):
    form = ValidateConcernForm()
    needed = asyncio.run(form.required_slots(list(ORDER), dispatcher, tracker(slots={"reporter_role": "neighbour"}), domain))
    assert needed == ["in_danger", "reporter_role", "place"]
    teacher = asyncio.run(form.required_slots(list(ORDER), dispatcher, tracker(slots={"reporter_role": "teacher"}), domain))
    assert "q_information_shared" in teacher


def test_a_neighbour_gets_their_councils_line_and_the_nspcc_not_a_referral_draft(dispatcher, domain, kb):
    run(ActionConcernNextStep(), dispatcher, tracker("no", "deny", slots=NEIGHBOUR), domain)
    assert responses(dispatcher)[0] == "utter_public_next_step"
    assert "utter_concern_summary" not in responses(dispatcher)
    route = dispatcher.messages[0]["route"]
    assert has(route, area_phone("leeds", "front_door")) and has(route, kb.national_contact("helpline").phone)
    assert "significant harm" not in route and "safeguarding lead" not in route


def test_a_neighbour_who_says_a_child_is_in_danger_gets_999_first(dispatcher, domain):
    run(ActionConcernNextStep(), dispatcher, tracker("yes", "affirm", slots={**NEIGHBOUR, "in_danger": "yes"}), domain)
    assert "999" in dispatcher.messages[0]["route"].split("\n2. ")[0]


@pytest.mark.parametrize("role, closing", [("neighbour", "utter_contact_answer_public"), ("member of the public", "utter_contact_answer_public"),
                                           ("teacher", "utter_contact_answer")])
def test_only_professionals_are_told_the_decision_stays_with_their_safeguarding_lead(dispatcher, domain, role, closing):
    asyncio.run(ActionAnswerContact().run(dispatcher, tracker("who do i call in leeds", "ask_contact",
                                                              slots={"reporter_role": role}), domain))
    assert closing in [message["response"] for message in dispatcher.messages]
    assert "safeguarding lead" not in wording().text("utter_contact_answer_public", council="Leeds", route="", call_999="")


def test_a_neighbour_asking_out_of_hours_where_only_the_out_of_hours_line_is_held_is_not_told_about_a_safeguarding_lead(dispatcher, domain):
    asyncio.run(ActionAnswerOutOfHours().run(dispatcher, tracker("out of hours number for walsall", "ask_out_of_hours",
                                                                 slots={"reporter_role": "neighbour"}), domain))
    assert "utter_contact_answer_public" in [message["response"] for message in dispatcher.messages]
