"""The NLU component that reads a message made only of a place as the place
(nlu_components/place_answer.py): "Stockport" after "which town?" is never `stop`."""
from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.place_answer import PlaceAnswer


def processed(text: str, predicted: str) -> str:
    message = Message(data={TEXT: text, INTENT: {"name": predicted, "confidence": 0.48}})
    return PlaceAnswer().process([message])[0].get(INTENT)["name"]


@pytest.mark.parametrize("text", ["Stockport", "stockport", "LS6 2AB", "Leeds", "Richmond", "Cardiff"])
def test_a_message_that_is_only_a_place_is_the_place(text):
    assert processed(text, "stop") == "inform_place"


@pytest.mark.parametrize("text", ["stop", "skip", "yes", "start again", "Stockport please stop asking", "Stokport", "Bath",
                                  "/stop"])
def test_anything_else_keeps_the_models_reading(text):
    assert processed(text, "stop") == "stop"


def test_what_the_words_decided_is_kept():
    assert processed("Stockport", "immediate_danger") == "immediate_danger"
