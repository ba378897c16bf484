"""A child's age from how professionals say it (bot/ages.py)."""
from __future__ import annotations

import pytest

from bot.ages import age_from
from bot.concern import child_group


@pytest.mark.parametrize("text, age", [
    ("3", 3),
    ("3 year old", 3),
    ("3yo", 3),
    ("she's 15", 15),
    ("18 months", 1),
    ("6 months old", 0),
    ("24 months", 2),
    ("Year 9", 14),
    ("in year 1", 6),
    ("teenager", 15),
    ("unborn", -1),
    ("mum is pregnant", -1),
    ("baby", 0),
    ("toddler", 2),
])
def test_age_from_common_phrasings(text, age):
    assert age_from(text) == age


@pytest.mark.parametrize("text", ["nonsense", "", None, "asdf qwerty", "42", "no idea"])
def test_age_from_nonsense_is_none(text):
    assert age_from(text) is None


@pytest.mark.parametrize("text, age", [("3 years 6 months", 3), ("2 years and 3 months", 2)])
def test_years_and_months_keep_the_years(text, age):
    assert age_from(text) == age


@pytest.mark.parametrize("text, group", [
    ("unborn", "unborn"), ("18 months", "baby"), ("3", "under_5"), ("Year 3", "school_age"), ("teenager", "teenager"),
])
def test_age_phrase_picks_the_right_group_of_prompts(text, group):
    assert child_group(age_from(text)) == group


def test_no_age_no_group():
    assert child_group(None) is None
