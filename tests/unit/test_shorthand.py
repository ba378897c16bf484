"""Shorthand written out before the intent model reads a message (nlu_components/shorthand.py)."""
from __future__ import annotations

import pytest

from nlu_components.shorthand import written_out


@pytest.mark.parametrize("typed, read", [
    ("Whats the number", "what is the number"),
    ("i dont know who u call", "i do not know who you call"),
    ("can’t get through pls help", "can not get through please help"),
    ("worried abt a 7 yo", "worried about a 7 year old"),
    ("idk if its significant harm", "i do not know if its significant harm"),
])
def test_shorthand_is_written_out(typed, read):
    assert written_out(typed) == read


@pytest.mark.parametrize("text", ["the child is ill", "photo id", "the answer is no.", "Ill health"])
def test_words_that_are_also_ordinary_words_are_left_alone(text):
    assert written_out(text) == text.lower()
