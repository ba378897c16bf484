"""The assistant's words come from domain/ responses (bot/wording.py)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from rasa.core.nlg import interpolator

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


def test_no_button_in_the_domain_makes_rasa_log_the_conversations_slots(monkeypatch):
    """Rasa fills {slot} templates in button payloads; a single-brace JSON payload
    ('/choose_level{"level": …}') made it log an error carrying the slot values (role, place…)."""
    logged = []
    monkeypatch.setattr(interpolator.structlogger, "exception", lambda *args, **kwargs: logged.append(kwargs))
    payloads = [button["payload"] for path in sorted(Path("domain").glob("*.yml"))
                for variants in (yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {}).values()
                for variant in variants for button in variant.get("buttons", [])]
    # The blanks an action fills ("{facts}") are given; a JSON key is not a blank.
    filled = [interpolator.interpolate_text(payload, {name: "x" for name in re.findall(r"{(\w+)}", payload)})
              for payload in payloads]
    assert any('/choose_level{"level":"unsure"}' == text for text in filled)
    assert logged == []
