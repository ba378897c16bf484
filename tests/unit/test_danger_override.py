"""The NLU component that lets the words decide (nlu_components/danger_override.py): danger now
is `immediate_danger` with the 999 service it points to; a child writing about their own home is
`child_seeking_help`, whatever the model predicted."""
from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.danger_override import DangerOverride


def processed(text: str, predicted: str = "worried_about_child", ranking=()) -> Message:
    message = Message(data={TEXT: text, INTENT: {"name": predicted, "confidence": 0.6},
                            INTENT_RANKING_KEY: [{"name": name, "confidence": 0.5} for name in ranking]})
    return DangerOverride().process([message])[0]


def service(message: Message):
    return next((e["value"] for e in message.get(ENTITIES) or [] if e["entity"] == "emergency_service"), None)


@pytest.mark.parametrize("text, value", [("the baby is not breathing", "ambulance"), ("dad has a knife", "police"),
                                         ("the house is on fire", "fire"), ("he's not breathing and there's a knife", "any")])
def test_danger_now_is_immediate_danger_with_the_service_named(text, value):
    message = processed(text)
    assert message.get(INTENT)["name"] == "immediate_danger"
    assert service(message) == value


@pytest.mark.parametrize("text, value", [
    ("police officer, two kids left alone in a flat in Leeds, no food, we're with them now", "writer_is_police"),
    ("I'm a police officer, dad has a knife and the kids are in the house", "writer_is_police"),
    ("I'm a PC at the address, the baby is not breathing", "ambulance"),
    ("two kids left alone in a flat in Leeds, no food", "police"),
    ("I'm a teacher and dad has a knife", "police"),
])
def test_a_police_officer_writing_is_never_told_to_ask_999_for_the_police(text, value):
    """"Police officer, … we're with them now" got "call 999 … and ask for the police"."""
    assert service(processed(text)) == value


def test_the_model_reading_danger_still_gets_a_service_value_for_the_999_advice():
    message = processed("kid locked up in a shed", predicted="immediate_danger")
    assert service(message) == "any"


@pytest.mark.parametrize("text", ["no, he's not in danger", "he comes to school hungry", "what would I do if a child was not breathing"])
def test_other_messages_keep_the_models_intent(text):
    message = processed(text)
    assert message.get(INTENT)["name"] == "worried_about_child"
    assert service(message) is None


def test_a_child_writing_about_their_own_home_is_a_child_seeking_help():
    assert processed("I'm 14 and my mum doesn't feed me").get(INTENT)["name"] == "child_seeking_help"


def test_words_saying_no_danger_now_outweigh_the_models_guess_of_danger():
    message = processed("health visitor in leeds, mum drunk when i visited, baby ok now not in danger, who do i ring",
                        predicted="immediate_danger", ranking=["immediate_danger", "ask_contact", "worried_about_child"])
    assert message.get(INTENT)["name"] == "ask_contact"
    assert service(message) is None


def test_danger_described_in_another_clause_is_still_danger_when_the_message_also_says_no_danger():
    message = processed("he's not in danger from mum but there's a knife in the house", predicted="immediate_danger",
                        ranking=["immediate_danger", "ask_contact"])
    assert message.get(INTENT)["name"] == "immediate_danger"


@pytest.mark.parametrize("text", [
    "Hi im a school nurse in Weston super mare. worried about 2 siblings (7 and 10) - always hungry, unwashed, dad drinks. "
    "not in immediate danger. just need the number really",
    "no questions please, kids always hungry, i just want the mash number", "I dont need any questions, who do I ring in Hull",
    "just give me the number", "just tell me who to call",
])
def test_a_message_asking_only_for_the_number_is_a_request_for_the_number(text):
    assert processed(text).get(INTENT)["name"] == "ask_contact"


@pytest.mark.parametrize("text", ["i don't just want the number, i want to talk it through", "he's always hungry and dirty",
                                  "what questions will you ask?"])
def test_other_messages_are_not_read_as_asking_only_for_the_number(text):
    assert processed(text).get(INTENT)["name"] == "worried_about_child"


def test_danger_still_comes_before_a_request_for_the_number_only():
    assert processed("just need the number, the baby isn't breathing").get(INTENT)["name"] == "immediate_danger"
