"""The assistant's words come from domain/ responses (bot/wording.py)."""
from __future__ import annotations

import pytest

from bot.wording import Wording, fill, load


def test_a_text_response_is_read_from_domain_with_its_blanks_filled():
    assert load().text("utter_if_danger_call_999") == "If a child is in immediate danger, call 999."
    assert load().part("utter_plan_document", "due_now", date="2 December 2026") == "now (2 December 2026)"


def test_a_blank_left_unfilled_is_an_error_not_a_gap_in_what_the_user_reads():
    with pytest.raises(KeyError, match="council"):
        fill("Call {council} now", {})


def test_a_missing_response_names_itself():
    with pytest.raises(LookupError, match="utter_nowhere"):
        Wording({}).text("utter_nowhere")
