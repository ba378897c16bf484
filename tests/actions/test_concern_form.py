"""The guided concern's validation, next step and summary."""
import asyncio

import pytest

from actions.concern_form import ActionChangeAnswer, ActionConcernNextStep, ActionExplainQuestion, ValidateConcernForm
from bot.concern import KEY_QUESTIONS, QUESTIONS
from tests.actions.conftest import said, tracker, user
from tests.unit.kb_helpers import area_phone, national_phone

form = ValidateConcernForm()


def test_danger_yes_says_999_first(dispatcher):
    result = form.validate_in_danger("yes", dispatcher, tracker(), {})
    assert result == {"in_danger": "yes"}
    assert dispatcher.messages[0]["response"] == "utter_call_999"


def test_danger_unclear_words_get_the_if_unsure_call_999_advice_and_stay_unsure(dispatcher):
    result = form.validate_in_danger("no", dispatcher, tracker("hmm hard to say", slots={"requested_slot": "in_danger"}), {})
    assert dispatcher.messages[0]["response"] == "utter_danger_unsure"
    assert result == {"in_danger": "unsure"}


def test_place_resolves_to_an_area_and_says_which(dispatcher):
    assert form.validate_place("Thornaby", dispatcher, tracker(), {}) == {"place": "Thornaby", "area": "stockton"}
    assert "Stockton" in said(dispatcher)


def test_ambiguous_place_is_asked_again_with_choices(dispatcher):
    assert form.validate_place("Braunstone", dispatcher, tracker(), {}) == {"place": None, "ambiguous_place": "Braunstone"}
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]] == ["Leicester City Council", "Leicestershire County Council"]


def test_a_county_answering_which_newport_gives_the_town_there(dispatcher):
    """The choices for "Newport" ask "which council or county is it in?": "shropshire" is Telford
    and Wrekin's Newport, never Shropshire Council."""
    events = [user("newport", "inform_place"), {"event": "slot", "timestamp": None, "name": "ambiguous_place", "value": "Newport"},
              user("shropshire", "inform_place")]
    result = form.validate_place("shropshire", dispatcher, tracker("shropshire", "inform_place", events=events), {})
    assert result == {"place": "Newport, shropshire", "area": "telford_and_wrekin"}


def test_unknown_place_is_kept_for_the_national_route(dispatcher):
    assert form.validate_place("Narnia", dispatcher, tracker(), {}) == {"place": "Narnia", "area": None}
    assert dispatcher.messages[0]["response"] == "utter_place_unknown_form"


@pytest.mark.parametrize("answer", ["none", "N/A", "not known", "dunno", "rather not say", "no idea."])
def test_no_place_given_is_a_skipped_question_not_a_place_called_none(dispatcher, answer):
    """'none' at the place question was kept as a place: "I don't hold checked contacts for
    'none'", and the summary said the child lives in "none"."""
    assert form.validate_place(answer, dispatcher, tracker(), {}) == {"place": "(skipped)", "area": None}
    assert not dispatcher.messages


@pytest.mark.parametrize("place", ["Nowhere Lane, Leeds", "None Go Byre", "Noak Hill"])
def test_a_place_that_starts_like_a_non_answer_is_still_a_place(dispatcher, place):
    assert form.validate_place(place, dispatcher, tracker(), {})["place"] != "(skipped)"


def test_child_age_sets_the_group_whose_prompts_apply(dispatcher):
    assert form.validate_child_age("about 6 months", dispatcher, tracker(), {})["child_group"] == "baby"
    assert form.validate_child_age("Year 9", dispatcher, tracker(), {})["child_group"] == "teenager"


def test_a_very_long_answer_is_kept_in_part_and_the_user_told(dispatcher):
    result = form.validate_q_impact("word " * 1000, dispatcher, tracker(), {})
    assert result["q_impact"].startswith("word word")
    assert dispatcher.messages[0]["response"] == "utter_answer_cut"


def test_markup_in_an_answer_is_kept_as_plain_text(dispatcher):
    answer = "<img src=x onerror=alert(1)> {summary}"
    assert form.validate_q_plan(answer, dispatcher, tracker(), {}) == {"q_plan": answer}


def test_level_from_own_words(dispatcher):
    assert form.validate_concern_level("I think it is below threshold", dispatcher, tracker(), {}) == {"concern_level": "early_help"}
    assert form.validate_concern_level("purple", dispatcher, tracker(), {}) == {"concern_level": None}


@pytest.mark.parametrize("text, level", [("I'm not sure", "unsure"), ("skip", "unsure"), ("skip, it's below threshold", "early_help")])
def test_not_sure_or_skip_at_the_next_step_question_is_never_asked_again(dispatcher, text, level):
    chosen = form.validate_concern_level("(skipped)", dispatcher, tracker(text, "skip", slots={"requested_slot": "concern_level"}), {})
    assert chosen == {"concern_level": level}


def answered(**overrides):
    slots = {slot: f"answer to {slot}" for slot in KEY_QUESTIONS}
    slots.update(in_danger="no", reporter_role="teacher", place="Loughborough", area="leicestershire",
                 child_age="8", concern_level="significant_harm")
    slots.update(overrides)
    return slots


def test_next_step_gives_the_route_and_a_summary_with_the_users_own_words(dispatcher, domain):
    slots = answered(q_plan="(skipped)")
    asyncio.run(ActionConcernNextStep().run(dispatcher, tracker(slots=slots), domain))
    route, summary, feedback = dispatcher.messages
    assert feedback["response"] == "utter_number_feedback"  # the wrong-number loop, after the summary
    assert route["response"] == "utter_concern_next_step" and area_phone("leicestershire", "front_door") in route["route"]
    text = summary["summary"]
    assert "answer to q_daily_life" in text and "Not answered." in text
    assert "Loughborough" in text and "teacher" in text
    assert "REFERRAL DRAFT" in text and "does the family know about this referral" in text
    assert "# Referral draft" in summary["summary_markdown"]  # the Markdown download goes with it
    assert "answer to q_daily_life" in summary["summary_markdown"]


def test_next_step_in_danger_puts_999_first(dispatcher, domain):
    asyncio.run(ActionConcernNextStep().run(dispatcher, tracker(slots=answered(in_danger="yes")), domain))
    route = dispatcher.messages[0]["route"]
    assert route.index("999") < route.index(area_phone("leicestershire", "front_door"))


def test_an_unsure_answer_about_danger_keeps_999_first_and_the_summary_says_unsure(dispatcher, domain):
    asyncio.run(ActionConcernNextStep().run(dispatcher, tracker(slots=answered(in_danger="unsure", concern_level="early_help")), domain))
    route, summary, _ = dispatcher.messages
    assert route["route"].startswith("1. ") and "999" in route["route"].split("\n2. ")[0]
    assert "Immediate danger at the time: unsure: 999 advised" in summary["summary"]


def test_unknown_area_summary_uses_the_national_route(dispatcher, domain):
    asyncio.run(ActionConcernNextStep().run(dispatcher, tracker(slots=answered(place="Truro", area=None)), domain))
    assert national_phone("helpline") in dispatcher.messages[0]["route"]


@pytest.mark.parametrize("named, changed, kept", [("daily life", "q_daily_life", "q_impact"),
                                                   ("cumulative harm", "q_history", "q_significant_harm")],  # the build-up over time
                         ids=["that answer only", "cumulative harm is the build-up over time"])
def test_change_my_answer_clears_the_answer_named_only(dispatcher, named, changed, kept):
    events = asyncio.run(ActionChangeAnswer().run(dispatcher, tracker(f"change my answer about {named}", "change_answer",
                                                                      [{"entity": "question", "value": named}]), {}))
    cleared = {e["name"] for e in events if e["value"] is None}
    assert changed in cleared and kept not in cleared


def test_change_answer_without_saying_which_offers_the_questions(dispatcher):
    assert asyncio.run(ActionChangeAnswer().run(dispatcher, tracker("go back", "change_answer"), {})) == []
    assert len(dispatcher.messages[0]["buttons"]) == len(QUESTIONS)


def test_what_does_this_mean_explains_the_current_question(dispatcher):
    domain = {"responses": {"utter_explain_q_impact": [{"text": "..."}]}}
    asyncio.run(ActionExplainQuestion().run(dispatcher, tracker(slots={"requested_slot": "q_impact"}), domain))
    assert dispatcher.messages[0]["response"] == "utter_explain_q_impact"


def test_every_question_in_the_persons_own_words_has_its_own_help(domain):
    for slot in KEY_QUESTIONS:
        assert f"utter_explain_{slot}" in domain["responses"], slot


def test_help_on_the_childs_words_offers_the_areas_own_tools_for_hearing_the_child(dispatcher, domain):
    asyncio.run(ActionExplainQuestion().run(dispatcher, tracker(slots={"requested_slot": "q_child_voice", "area": "hartlepool"}), domain))
    help_text, tools = dispatcher.messages
    assert help_text["response"] == "utter_explain_q_child_voice"
    assert tools["response"] == "utter_explain_voice_tools" and tools["council"] == "Hartlepool Borough Council"
    assert "A Day in the Life of a Child Booklet" in tools["toolkit"] and "All About Me Booklet" in tools["toolkit"]
    assert "Chronology" not in tools["toolkit"]  # only the tools for hearing the child


def test_help_on_the_childs_words_names_no_tools_where_the_area_holds_none(dispatcher, domain):
    asyncio.run(ActionExplainQuestion().run(dispatcher, tracker(slots={"requested_slot": "q_child_voice", "area": "kingston"}), domain))
    assert [message["response"] for message in dispatcher.messages] == ["utter_explain_q_child_voice"]
