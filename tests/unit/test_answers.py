"""Does this text answer the question asked, or a different one? (bot/answers.py)"""
from __future__ import annotations

import pytest

from bot.answers import answer_to, looks_like_a_request
from bot.details import hear



TABLE = [
    # asked, typed, what it fills for the question asked ({} = it answers another question)
    ("reporter_role", "teacher", {"reporter_role": "teacher"}),
    ("reporter_role", "I'm a health visitor", {"reporter_role": "health visitor"}),
    ("reporter_role", "DSL", {"reporter_role": "designated safeguarding lead (DSL)"}),
    ("reporter_role", "lollipop person", {"reporter_role": "lollipop person"}),
    ("reporter_role", "Southampton", {}),
    ("reporter_role", "she's 7", {}),
    ("reporter_role", "who do I call?", {}),
    ("reporter_role", "teacher in Leicester", {"reporter_role": "teacher"}),
    ("reporter_role", "I'm her aunt", {"reporter_role": "relative"}),
    # A statement about the child names nobody's role: the writer is not made a relative.
    ("reporter_role", "she told me theres no food at home at weekends and she looks after her little brother", {}),
    ("reporter_role", "mum says the school nurse never rang her back about the appointments", {}),
    # The family described at the role question: not the writer's role (it was "parent").
    ("reporter_role", "mum is depressed and partner drinks", {}),
    ("reporter_role", "dad drinks and mum works nights", {}),
    ("reporter_role", "her mum", {"reporter_role": "parent"}),
    ("reporter_role", "I'm mum, dad is never home", {"reporter_role": "parent"}),
    ("reporter_role", "grandma", {"reporter_role": "grandparent"}),
    ("place", "Southampton", {"place": "Southampton"}),
    ("place", "Southhampton", {"place": "Southhampton"}),  # a misspelling the knowledge base lists
    ("place", "she lives in Mansfield", {"place": "Mansfield"}),
    ("place", "I'm a teacher", {}),
    ("place", "teacher", {}),
    ("place", "she's 7", {}),
    ("place", "Truro", {"place": "Truro"}),
    ("place", "what do you mean?", {}),
    ("child_age", "7", {"child_age": "7"}),
    ("child_age", "eighteen months", {"child_age": "eighteen months"}),
    ("child_age", "16 weeks pregnant", {"child_age": "16 weeks pregnant"}),
    ("child_age", "Leicester", {}),
    ("child_age", "GP", {}),
    ("in_danger", "no, he's safe now", {"in_danger": "no"}),
    ("in_danger", "I'm not sure", {"in_danger": "unsure"}),
    ("in_danger", "she's not safe", {"in_danger": "yes"}),
    ("in_danger", "Southampton", {}),
    ("q_daily_life", "gets himself up, no breakfast", {"q_daily_life": "gets himself up, no breakfast"}),
    ("q_daily_life", "Leicester", {}),
    ("q_plan", "no plan", {"q_plan": "no plan"}),
    ("concern_level", "I'm not sure", {"concern_level": "unsure"}),
    ("concern_level", "banana", {}),
    ("concern_level", '/choose_level{"level": "early_help"}', {}),  # a payload: the slot mapping reads it
]


@pytest.mark.parametrize("asked, typed, filled", TABLE)
def test_each_answer_is_checked_against_its_question(place_in, asked, typed, filled):
    assert answer_to(asked, typed, hear(typed, place_in)) == filled


@pytest.mark.parametrize("text, is_request", [
    ("who do I call?", True), ("just give me the number", True), ("can I talk to someone", True), ("the number please", True),
    ("I need the number", True), ("summary now", True), ("I'd like to talk to someone", True),
    ("told the GP, not social care yet", False), ("mum always agrees", False), ("hungry most days", False),
    ("a number of small concerns over the year", False), ("I rang the school nurse last week", False),
])
def test_requests_are_told_apart_from_statements(text, is_request):
    assert looks_like_a_request(text) is is_request


def test_nothing_asked_or_nothing_typed_fills_nothing(place_in):
    assert answer_to(None, "teacher", hear("teacher", place_in)) == {}
    assert answer_to("reporter_role", "  ", hear("  ", place_in)) == {}
