"""An over-long message (a pasted case note) is read only for what must not wait: danger now, or a
child asking for help, with the place it names; the turn is taken as that intent, never the text."""
from __future__ import annotations

import json

import pytest

from bot.long_messages import urgent_turn

# About 2,700 characters of a case note that says nothing urgent of its own.
CASE_NOTE = (" Background: the family has been known to services for some years. School attendance has been "
             "patchy this term and the children often arrive without a coat or lunch. Health visiting records "
             "show missed appointments, and the home was described as cluttered at the last visit.") * 9


def payload(turn: str):
    intent, _, entities = turn[1:].partition("{")
    return intent, json.loads("{" + entities)


def test_danger_at_the_top_of_a_long_message_is_taken_as_danger_with_its_service(resolver):
    text = "the baby is not breathing and mum is unconscious." + CASE_NOTE
    assert len(text) > 2500
    intent, entities = payload(urgent_turn(text, resolver))
    assert intent == "immediate_danger"
    assert entities == {"emergency_service": "ambulance"}


def test_the_place_a_long_danger_message_names_goes_with_it_even_past_the_first_2000_characters(resolver):
    early = urgent_turn("there's a knife and he's threatening the kids, we're in Leeds." + CASE_NOTE, resolver)
    late = urgent_turn("dad is hitting the baby right now." + CASE_NOTE + " The family live in Rochdale.", resolver)
    assert payload(early)[1]["place"] == "Leeds"
    assert payload(late)[1]["place"] == "Rochdale"


def test_a_long_message_with_no_danger_now_is_left_to_be_refused(resolver):
    assert urgent_turn("Last year the baby was not breathing once, but is well now." + CASE_NOTE, resolver) is None
    assert urgent_turn(CASE_NOTE, resolver) is None


def test_a_child_writing_a_long_message_is_answered_as_a_child(resolver):
    intent, entities = payload(urgent_turn("I'm 14 and my mum doesn't feed me and she's hitting me now." + CASE_NOTE, resolver))
    assert intent == "child_seeking_help" and "emergency_service" in entities


@pytest.mark.parametrize("text", ["the baby is not breathing." + CASE_NOTE, "there's a knife, we're in Leeds." + CASE_NOTE])
def test_nothing_of_the_message_but_the_intent_the_service_and_the_place_is_kept(resolver, text):
    turn = urgent_turn(text, resolver)
    assert len(turn) < 100 and "Background" not in turn
