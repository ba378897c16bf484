"""The toolkit action plan's validation, the plan it sends, and changing answers."""
import asyncio
import datetime as dt

import pytest

from actions.concern_form import ActionExplainQuestion
from actions.plan_form import ActionChangePlanAnswer, ActionPlanResult, ActionStartPlan, ValidatePlanForm
from bot.plan import PLAN_BUTTONS, PLAN_QUESTIONS
from bot.office_hours import LONDON
from tests.actions.conftest import said, tracker
from tests.unit.kb_helpers import area_phone

form = ValidatePlanForm()


def test_place_resolves_to_an_area_and_names_its_toolkit(dispatcher, kb):
    assert form.validate_plan_place("Loughborough", dispatcher, tracker(), {}) == {"plan_place": "Loughborough", "area": "leicestershire"}
    message = dispatcher.messages[0]
    assert message["response"] == "utter_plan_place_found"
    assert message["toolkit"] == kb.area("leicestershire").neglect_toolkit.name


def test_place_in_a_sentence_is_found(dispatcher):
    assert form.validate_plan_place("we're a school in Thornaby", dispatcher, tracker(), {})["area"] == "stockton"


def test_ambiguous_place_is_asked_again_with_choices(dispatcher):
    assert form.validate_plan_place("Braunstone", dispatcher, tracker(), {}) == {"plan_place": None, "ambiguous_place": "Braunstone"}
    assert dispatcher.messages[0]["response"] == "utter_place_choices"
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["Leicester City Council", "Leicestershire County Council"]


def test_unknown_place_is_kept_and_no_area_guessed(dispatcher):
    assert form.validate_plan_place("Narnia", dispatcher, tracker(), {}) == {"plan_place": "Narnia", "area": None}
    assert dispatcher.messages[0]["response"] == "utter_plan_place_unknown"


def test_skipped_place_clears_the_area(dispatcher):
    assert form.validate_plan_place("(skipped)", dispatcher, tracker(), {}) == {"plan_place": "(skipped)", "area": None}


@pytest.mark.parametrize("slot", [slot for slot in PLAN_QUESTIONS if slot != "plan_place"])
def test_each_answer_is_kept_in_the_users_words_trimmed(dispatcher, slot):
    validate = getattr(form, f"validate_{slot}")
    assert validate("  Termly  briefing for all staff ", dispatcher, tracker(), {}) == {slot: "Termly briefing for all staff"}
    assert validate("(skipped)", dispatcher, tracker(), {}) == {slot: "(skipped)"}
    assert dispatcher.messages == []


@pytest.mark.parametrize("value, response", [
    ("   ", "utter_plan_answer_empty"), ("<script>alert(1)</script>", "utter_plan_answer_markup"),
    ("word " * 1000, "utter_plan_answer_huge"),
])
def test_empty_markup_or_huge_answers_are_asked_again_calmly(dispatcher, value, response):
    assert form.validate_plan_triggers(value, dispatcher, tracker(), {}) == {"plan_triggers": None}
    assert form.validate_plan_place(value, dispatcher, tracker(), {}) == {"plan_place": None, "area": None}
    assert [m["response"] for m in dispatcher.messages] == [response, response]


def test_answers_cleared_by_a_new_plan_are_not_complained_about(dispatcher):
    # action_start_plan sets every plan slot to None; the form then validates those slots.
    assert form.validate_plan_lead(None, dispatcher, tracker(), {}) == {"plan_lead": None}
    assert form.validate_plan_place(None, dispatcher, tracker(), {}) == {"plan_place": None, "area": None}
    assert dispatcher.messages == []


def test_a_long_answer_is_kept_in_part_and_the_user_told(dispatcher):
    result = form.validate_plan_training("word " * 200, dispatcher, tracker(), {})
    assert result["plan_training"].startswith("word word") and result["plan_training"].endswith("[…]")
    assert dispatcher.messages[0]["response"] == "utter_answer_cut"


def test_starting_a_plan_clears_every_plan_answer(dispatcher):
    events = asyncio.run(ActionStartPlan().run(dispatcher, tracker("another plan please", "plan_toolkit", slots=answered()), {}))
    assert {e["name"]: e["value"] for e in events} == {slot: None for slot in PLAN_QUESTIONS}
    assert dispatcher.messages[0]["response"] == "utter_plan_start"


def answered(**overrides):
    slots = {slot: f"answer to {slot}" for slot in PLAN_QUESTIONS}
    slots.update(plan_place="Loughborough", area="leicestershire", plan_lead="Designated safeguarding lead")
    slots.update(overrides)
    return slots


def test_the_plan_is_sent_as_text_with_a_markdown_download(dispatcher, kb):
    asyncio.run(ActionPlanResult().run(dispatcher, tracker(slots=answered()), {}))
    [message] = dispatcher.messages
    assert message["response"] == "utter_plan_result"
    kit = kb.area("leicestershire").neglect_toolkit
    for slot in PLAN_QUESTIONS:
        assert answered()[slot] in message["plan"] and answered()[slot] in message["plan_markdown"]
    assert kit.name in message["plan"] and kit.url in message["plan_markdown"]
    assert area_phone("leicestershire", "front_door") in message["plan"]
    assert message["plan_markdown"].startswith("# ")
    assert message["filename"] == "neglect-toolkit-action-plan-2026-11-24.md"


def test_the_plans_dates_come_from_the_london_clock(dispatcher, wired):
    asyncio.run(ActionPlanResult().run(dispatcher, tracker(slots=answered()), {}))
    plan = dispatcher.messages[0]["plan"]
    assert "Written: 24 November 2026" in plan  # the test clock: Tuesday 24 November 2026
    assert "within 6 weeks (by 5 January 2027)" in plan  # training, 6 weeks on: not a school
    assert "within 4 weeks (by 22 December 2026)" in plan


def test_after_midnight_in_london_the_plan_is_dated_the_london_day(dispatcher, wired):
    wired["now"] = dt.datetime(2027, 6, 30, 23, 30, tzinfo=dt.timezone.utc).astimezone(LONDON)  # 00:30 on 1 July in London
    asyncio.run(ActionPlanResult().run(dispatcher, tracker(slots=answered(plan_setting="Secondary school")), {}))
    plan = dispatcher.messages[0]["plan"]
    assert "Written: 1 July 2027" in plan
    assert "before next term starts (by 5 September 2027" in plan  # the autumn term starts Monday 6 September


def test_unknown_area_plan_asks_the_partnership_and_gives_no_local_number(dispatcher, kb):
    asyncio.run(ActionPlanResult().run(dispatcher, tracker(slots=answered(plan_place="Truro", area=None)), {}))
    plan = dispatcher.messages[0]["plan"]
    assert "ask your local safeguarding children partnership which toolkit is used" in plan
    assert area_phone("leicestershire", "front_door") not in plan and kb.area("leicestershire").neglect_toolkit.name not in plan


def test_skipped_answers_stay_in_the_plan_as_to_be_decided(dispatcher):
    asyncio.run(ActionPlanResult().run(dispatcher, tracker(slots=answered(plan_audit="(skipped)", plan_lead="(skipped)")), {}))
    plan = dispatcher.messages[0]["plan"]
    assert "Audit how the toolkit is used: to be decided (the question was skipped)" in plan
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
