"""The guided concern's questions as data (bot/concern.py): which answer to change, level,
cleaning, the danger line of the summary, and the order the form asks them in."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.concern import (BY_SLOT, KEY_QUESTIONS, LEVEL_TO_SITUATION, MAX_ANSWER, ORDER, QUESTIONS, clean_answer, danger_in_summary,
                         level_from, question_named)
from bot.routing import Situation

DOMAIN = Path(__file__).resolve().parents[2] / "domain"


@pytest.mark.parametrize("words, slot", [
    ("the plan", "q_plan"),
    ("daily life", "q_daily_life"),
    ("a typical day", "q_daily_life"),
    ("the impact", "q_impact"),
    ("missed appointments", "q_history"),
    ("how the family responded", "q_concerns_raised"),
    ("information sharing", "q_information_shared"),
    ("disguised compliance", "q_disguised_compliance"),
    ("what happened", "q_significant_harm"),
    ("my role", "reporter_role"),
    ("the town", "place"),
    ("how old", "child_age"),
    ("change my answer about cumulative harm", "q_history"),
    ("the cumulative harm one", "q_history"),
    ("change my answer about significant harm", "q_significant_harm"),
    ("the bit about harm", "q_significant_harm"),
    ("my answer about information sharing with the family", "q_information_shared"),
    ("whether she's in danger", "in_danger"),
    ("where the child lives", "place"),
    ("the next step", "concern_level"),
    ("what i told you about impact on the child", "q_impact"),
])
def test_question_named_finds_the_answer_to_change(words, slot):
    assert question_named(words) == slot


@pytest.mark.parametrize("words", [None, "", "change my answer", "that one"])
def test_question_named_unclear_is_none(words):
    assert question_named(words) is None


def test_every_key_question_can_be_named():
    for slot in KEY_QUESTIONS:
        label = KEY_QUESTIONS[slot].split(":")[0].split(" (")[0]
        assert question_named(label) == slot, label


@pytest.mark.parametrize("text, level", [
    ("significant_harm", "significant_harm"),
    ("SIGNIFICANT_HARM", "significant_harm"),
    ("early_help", "early_help"),
    ("unsure", "unsure"),
    ("disagreement", "disagreement"),
    ("I think it's significant harm", "significant_harm"),
    ("I want to refer", "significant_harm"),
    ("early help", "early_help"),
    ("not significant, below threshold", "early_help"),
    ("I'm not sure", "unsure"),
    ("not sure if it is significant harm", "unsure"),
    ("I disagree with the decision", "disagreement"),
    ("they closed it as NFA", "disagreement"),
])
def test_level_from_buttons_and_own_words(text, level):
    assert level_from(text) == level


@pytest.mark.parametrize("text", [None, "", "banana"])
def test_level_from_unclear_is_none(text):
    assert level_from(text) is None


def test_every_level_maps_to_a_routing_situation():
    assert set(LEVEL_TO_SITUATION.values()) <= set(Situation)
    for payload in LEVEL_TO_SITUATION:
        assert level_from(payload) == payload


@pytest.mark.parametrize("text", [
    "the child disclosed being hit, I think it is significant harm",
    "the infant is at risk of significant harm",
])
def test_level_from_does_not_match_inside_other_words(text):
    assert level_from(text) == "significant_harm"


def test_clean_answer_collapses_whitespace():
    assert clean_answer("  he   was\n\nnot  brought\tagain ") == "he was not brought again"


@pytest.mark.parametrize("text", [None, "", "   \n\t "])
def test_clean_answer_empty_is_none(text):
    assert clean_answer(text) is None


def test_clean_answer_keeps_an_answer_at_the_limit_whole():
    text = "a" * MAX_ANSWER
    assert clean_answer(text) == text


def test_clean_answer_cuts_an_over_long_answer_with_a_marker():
    text = "word " * 1000
    answer = clean_answer(text)
    assert answer.startswith("word word")
    assert "cut" in answer
    assert len(answer) < len(text.strip())
    assert len(answer) <= MAX_ANSWER + 60


@pytest.mark.parametrize("value, line", [("yes", "yes: 999 advised first"), ("unsure", "unsure: 999 advised"), ("no", "no"),
                                         (None, "not asked")])
def test_the_summary_says_what_was_answered_about_danger_and_unsure_is_never_no(value, line):
    assert danger_in_summary(value) == line


def test_every_button_of_which_answer_to_change_names_its_own_question():
    for question in QUESTIONS:
        assert question_named(question.button.lower()) == question.slot, question.button


def test_the_form_asks_the_questions_in_the_order_of_bot_concern():
    domain = yaml.safe_load((DOMAIN / "concern.yml").read_text())
    assert domain["forms"]["concern_form"]["required_slots"] == list(ORDER)


def test_every_question_has_its_wording_in_the_domain():
    responses = {}
    for path in DOMAIN.glob("*.yml"):
        responses.update(yaml.safe_load(path.read_text()).get("responses") or {})
    for slot in ORDER:
        assert f"utter_ask_{slot}" in responses, slot
    assert set(BY_SLOT) == set(ORDER)
