"""The toolkit action plan's validation, the plan it sends, and changing answers."""
import asyncio

import pytest

from actions.concern_form import ActionExplainQuestion
from actions.plan_form import ActionChangePlanAnswer, ActionPlanResult, ValidatePlanForm
from bot.plan import PLAN_BUTTONS, PLAN_QUESTIONS
from tests.actions.conftest import said, tracker

form = ValidatePlanForm()


def test_place_resolves_to_an_area_and_names_its_toolkit(dispatcher, kb):
    assert form.validate_plan_place("Loughborough", dispatcher, tracker(), {}) == {"plan_place": "Loughborough", "area": "leicestershire"}
    message = dispatcher.messages[0]
    assert message["response"] == "utter_plan_place_found"
    assert message["toolkit"] == kb.area("leicestershire").neglect_toolkit.name


def test_place_in_a_sentence_is_found(dispatcher):
    assert form.validate_plan_place("we're a school in Thornaby", dispatcher, tracker(), {})["area"] == "stockton"


def test_ambiguous_place_is_asked_again_with_choices(dispatcher):
    assert form.validate_plan_place("Braunstone", dispatcher, tracker(), {}) == {"plan_place": None}
    assert dispatcher.messages[0]["response"] == "utter_plan_place_choices"
    assert len(dispatcher.messages[0]["buttons"]) == 3  # two councils and "Another council"


def test_unknown_place_is_kept_and_no_area_guessed(dispatcher):
    assert form.validate_plan_place("Truro", dispatcher, tracker(), {}) == {"plan_place": "Truro", "area": None}
    assert dispatcher.messages[0]["response"] == "utter_plan_place_unknown"


def test_skipped_place_clears_the_area(dispatcher):
    assert form.validate_plan_place("(skipped)", dispatcher, tracker(), {}) == {"plan_place": "(skipped)", "area": None}


@pytest.mark.parametrize("slot", [slot for slot in PLAN_QUESTIONS if slot != "plan_place"])
def test_each_answer_is_kept_in_the_users_words(dispatcher, slot):
    answer = "Termly  briefing <b>for all staff</b> {plan}"
    assert getattr(form, f"validate_{slot}")(answer, dispatcher, tracker(), {}) == {slot: "Termly briefing <b>for all staff</b> {plan}"}
    assert getattr(form, f"validate_{slot}")("(skipped)", dispatcher, tracker(), {}) == {slot: "(skipped)"}


def test_a_very_long_answer_is_kept_in_part_and_the_user_told(dispatcher):
    result = form.validate_plan_training("word " * 1000, dispatcher, tracker(), {})
    assert result["plan_training"].startswith("word word")
    assert dispatcher.messages[0]["response"] == "utter_answer_cut"


def answered(**overrides):
    slots = {slot: f"answer to {slot}" for slot in PLAN_QUESTIONS}
    slots.update(plan_place="Loughborough", area="leicestershire", plan_lead="Designated safeguarding lead")
    slots.update(overrides)
    return slots


def test_the_plan_is_sent_as_text_and_as_a_markdown_download(dispatcher, kb):
    asyncio.run(ActionPlanResult().run(dispatcher, tracker(slots=answered()), {}))
    text, download = dispatcher.messages
    assert text["response"] == "utter_plan_text" and download["response"] == "utter_plan_download"
    kit = kb.area("leicestershire").neglect_toolkit
    for slot in PLAN_QUESTIONS:
        assert answered()[slot] in text["plan"] and answered()[slot] in download["plan_markdown"]
    assert kit.name in text["plan"] and kit.url in download["plan_markdown"]
    assert "0116 305 0005" in text["plan"]
    assert download["plan_markdown"].startswith("# ")


def test_the_plans_dates_come_from_the_clock(dispatcher, wired):
    asyncio.run(ActionPlanResult().run(dispatcher, tracker(slots=answered()), {}))
    plan = dispatcher.messages[0]["plan"]
    assert "Written: 24 November 2026" in plan  # the test clock: Tuesday 24 November 2026
    assert "5 January 2027" in plan  # training, 6 weeks on


def test_unknown_area_plan_asks_the_partnership_and_gives_no_local_number(dispatcher, kb):
    asyncio.run(ActionPlanResult().run(dispatcher, tracker(slots=answered(plan_place="Truro", area=None)), {}))
    plan = dispatcher.messages[0]["plan"]
    assert "ask your local safeguarding children partnership which toolkit is used" in plan
    assert "0116 305 0005" not in plan and kb.area("leicestershire").neglect_toolkit.name not in plan


def test_skipped_answers_stay_in_the_plan_as_to_be_decided(dispatcher):
    asyncio.run(ActionPlanResult().run(dispatcher, tracker(slots=answered(plan_audit="(skipped)", plan_lead="(skipped)")), {}))
    plan = dispatcher.messages[0]["plan"]
    assert "Audit how the toolkit is used: to be decided." in plan
    assert "Owner: to be decided" in plan and "(skipped)" not in plan


def test_change_answer_clears_that_answer_only(dispatcher):
    events = asyncio.run(ActionChangePlanAnswer().run(dispatcher, tracker("change my answer about training", "change_answer"), {}))
    assert events == [{"event": "slot", "timestamp": None, "name": "plan_training", "value": None}]


def test_change_answer_from_the_question_entity(dispatcher):
    message = tracker("go back to that one", "change_answer", [{"entity": "question", "value": "audit and review"}])
    events = asyncio.run(ActionChangePlanAnswer().run(dispatcher, message, {}))
    assert [e["name"] for e in events] == ["plan_audit"]


def test_changing_the_area_clears_the_area_too(dispatcher):
    events = asyncio.run(ActionChangePlanAnswer().run(dispatcher, tracker("wrong council, can I change the area", "change_answer"), {}))
    assert {e["name"] for e in events} == {"plan_place", "area"}


def test_change_answer_without_saying_which_offers_the_plan_questions(dispatcher):
    assert asyncio.run(ActionChangePlanAnswer().run(dispatcher, tracker("go back", "change_answer"), {})) == []
    buttons = dispatcher.messages[0]["buttons"]
    assert [b["title"] for b in buttons] == list(PLAN_BUTTONS.values())
    assert "Training" in said(dispatcher)


def test_what_does_this_mean_explains_the_current_plan_question(dispatcher):
    domain = {"responses": {"utter_explain_plan_triggers": [{"text": "..."}]}}
    asyncio.run(ActionExplainQuestion().run(dispatcher, tracker(slots={"requested_slot": "plan_triggers"}), domain))
    assert dispatcher.messages[0]["response"] == "utter_explain_plan_triggers"


PLAN_DOMAIN = {"forms": {"plan_form": {"required_slots": list(PLAN_QUESTIONS)}},
               "slots": {slot: {"type": "text", "mappings": [{"type": "from_text"}]} for slot in PLAN_QUESTIONS}}


def run_form(dispatcher, text, intent, requested, **slots):
    message = tracker(text, intent, slots={"requested_slot": requested, **slots})
    events = asyncio.run(form.run(dispatcher, message, PLAN_DOMAIN))
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_an_answer_the_nlu_took_for_a_definition_question_is_kept_as_the_answer(dispatcher):
    # "Designated safeguarding lead" is read as ask_definition (it names a term); it is the answer.
    assert run_form(dispatcher, "Designated safeguarding lead, with the deputy DSL", "ask_definition", "plan_lead") == {
        "plan_lead": "Designated safeguarding lead, with the deputy DSL"}


def test_an_answer_the_nlu_took_for_change_my_answer_is_kept(dispatcher):
    text = "audit 10 records in the summer term, governors review the plan each November"
    assert run_form(dispatcher, text, "change_answer", "plan_audit") == {"plan_audit": text}


def test_a_misread_place_is_still_resolved(dispatcher):
    assert run_form(dispatcher, "we're in Loughborough", "ask_out_of_hours", "plan_place") == {}  # short: a real request
    assert run_form(dispatcher, "Loughborough, in the north of the county, near the university campus there", "ask_definition",
                    "plan_place") == {"plan_place": "Loughborough, in the north of the county, near the university campus there",
                                      "area": "leicestershire"}


@pytest.mark.parametrize("text, intent", [
    ("what is a DSL?", "ask_definition"), ("change my answer about training", "change_answer"), ("go back", "change_answer"),
    ("tell me more", "tell_me_more"), ("help", "what_can_you_do"), ("EDT number", "ask_out_of_hours"),
    ("skip", "skip"), ("stop", "stop"), ("what does this mean?", "explain_question"),
    ("a child is in danger right now", "immediate_danger"),
])
def test_real_digressions_and_controls_are_left_to_the_rules(dispatcher, text, intent):
    assert run_form(dispatcher, text, intent, "plan_lead") == {}


def test_only_the_question_being_asked_and_not_yet_answered_is_filled(dispatcher):
    message = tracker("DSL", "ask_definition", slots={"requested_slot": "plan_lead", "plan_lead": "DSL"})
    assert form.extract_plan_lead(dispatcher, message, PLAN_DOMAIN) == {}
    message = tracker("DSL", "ask_definition", slots={"requested_slot": "plan_lead"})
    assert form.extract_plan_lead(dispatcher, message, PLAN_DOMAIN) == {"plan_lead": "DSL"}
    assert form.extract_plan_training(dispatcher, message, PLAN_DOMAIN) == {}
