"""Helpers of the guided concern (bot/concern.py): which answer to change, level, cleaning, yes/no."""
from __future__ import annotations

import pytest

from bot.concern import (KEY_QUESTIONS, LEVEL_TO_SITUATION, MAX_ANSWER, clean_answer, is_member_of_public, level_from, role_label,
                         question_named, yes_or_no)
from bot.routing import Situation


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


@pytest.mark.parametrize("text", ["yes", "Yes.", "YES", "yes he is", "yeah", "y", "in danger now"])
def test_yes_or_no_yes(text):
    assert yes_or_no(text) is True


@pytest.mark.parametrize("text", ["no", "nope", "No, she is safe", "n", "he is safe"])
def test_yes_or_no_no(text):
    assert yes_or_no(text) is False


@pytest.mark.parametrize("text", ["maybe", "yes and no", "I don't know"])
def test_yes_or_no_unclear_is_none(text):
    assert yes_or_no(text) is None


@pytest.mark.parametrize("text, answer", [("Yes!", True), ("No!", False)])
def test_yes_or_no_ignores_exclamation_marks(text, answer):
    assert yes_or_no(text) is answer


@pytest.mark.parametrize("role, public", [("member of the public", True), ("I'm his nan, a relative", True),
                                          ("neighbour", True), ("teacher", False), ("school nurse", False),
                                          ("parent support advisor at a school", False), ("family support worker", False), ("", False)])
def test_member_of_the_public_is_told_apart_from_professionals(role, public):
    assert is_member_of_public(role) is public


def test_a_dsl_reads_as_a_role_in_the_summary_not_as_the_concept_id():
    assert role_label("dsl") == "designated safeguarding lead (DSL)"
    assert role_label("school nurse") == "school nurse"
    assert is_member_of_public(role_label("dsl")) is False
