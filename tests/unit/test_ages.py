"""A child's age from how people say it (bot/ages.py): weeks, months, pregnancy, number words,
school years. Held by SAFETY.md row A1: the youngest children keep the prompts meant for them."""
from __future__ import annotations

import pytest

from bot.ages import age_from, age_mentioned, own_age
from bot.concern import child_group


@pytest.mark.parametrize("text, age", [
    ("3", 3), ("3 year old", 3), ("3yo", 3), ("3 y/o", 3), ("she's 15", 15), ("he's 8", 8), ("about 8", 8), ("8ish", 8),
    ("12", 12), ("twelve", 12), ("seven", 7), ("seven year old", 7), ("a 7-year-old", 7), ("aged 9", 9),
    ("18 months", 1), ("eighteen months", 1), ("18-month-old", 1), ("6 months old", 0), ("24 months", 2),
    ("twenty two months", 1), ("11 mths", 0),
    ("6 weeks old", 0), ("6 week old", 0), ("six weeks", 0), ("a week old", 0), ("10 days old", 0), ("newborn", 0),
    ("16 weeks pregnant", -1), ("sixteen weeks pregnant", -1), ("mum is 30 weeks pregnant", -1), ("unborn", -1),
    ("mum is pregnant", -1), ("not born yet", -1), ("expecting a baby in March", -1),
    ("Year 9", 14), ("in year 1", 6), ("Y6", 11), ("yr 10", 15), ("reception", 4), ("nursery", 3), ("preschool", 3),
    ("teenager", 15), ("a teen", 15), ("baby", 0), ("toddler", 2), ("3 years 6 months", 3), ("2 years and 3 months", 2),
])
def test_age_from_an_answer_to_the_age_question(text, age):
    assert age_from(text) == age


@pytest.mark.parametrize("text", ["nonsense", "", None, "asdf qwerty", "42", "no idea", "eighteen hundred", "skip"])
def test_age_from_nonsense_is_none(text):
    assert age_from(text) is None


@pytest.mark.parametrize("text", ["eighteen months", "fourteen", "canteen", "I'm a teacher"])
def test_teen_inside_a_word_is_not_a_teenager(text):
    assert age_from(text) != 15


@pytest.mark.parametrize("text, age, said", [
    ("I'm a teacher in Southampton, worried about a 7-year-old, not in immediate danger", 7, "7-year-old"),
    ("worried about a 6 week old baby", 0, "6 week old"),
    ("mum is 16 weeks pregnant and using", -1, "16 weeks pregnant"),
    ("she's 9 and always hungry", 9, "she's 9"),
    ("a girl in year 10 caring for her mum", 15, "year 10"),
    ("my fourteen year old neighbour", 14, "fourteen year old"),
    ("concerned about a baby on my caseload", 0, "baby"),
])
def test_age_mentioned_in_any_message(text, age, said):
    assert age_mentioned(text) == (age, said)


@pytest.mark.parametrize("text", [
    "I've been a teacher for 10 years", "I'm 14 and my mum doesn't feed me", "I'm a nursery nurse", "I work in a primary school",
    "it's 8 o'clock", "she's 5 minutes late every day", "who do I call in Leicester", "he's a teacher",
])
def test_no_age_is_read_from_words_that_only_look_like_one(text):
    assert age_mentioned(text) is None


@pytest.mark.parametrize("text, age", [("I'm 14 and my mum doesn't feed me", 14), ("i am 12 years old", 12), ("Im 15", 15),
                                       ("I’m 13", 13), ("I'm a teacher", None), ("I'm 45", None), ("I'm 2 minutes away", None)])
def test_the_writers_own_age_when_a_child_writes(text, age):
    assert own_age(text) == age


@pytest.mark.parametrize("text, group", [
    ("unborn", "unborn"), ("16 weeks pregnant", "unborn"), ("6 weeks old", "baby"), ("18 months", "baby"),
    ("eighteen months", "baby"), ("3", "under_5"), ("Year 3", "school_age"), ("12", "school_age"), ("teenager", "teenager"),
])
def test_age_phrase_picks_the_right_group_of_prompts(text, group):
    assert child_group(age_from(text)) == group


def test_no_age_no_group():
    assert child_group(None) is None


@pytest.mark.parametrize("text, age", [("Jayden is 10, DOB 12/03/2016", 10), ("Jayden (10) lives with mum", 10), ("Tia is 7", 7),
                                       ("Bulwell is 10 miles away", None), ("Jayden (age unknown)", None)])
def test_an_age_given_after_a_name_is_read(text, age):
    assert age_from(text) == age
