"""NLU component: a message that is nothing but a place is an answer giving the place.

"Stockport" typed after "which town does the child live in?" was read by the model as `stop`
(and the questions ended): a one-word message has too few words for the model to be sure of,
and a town's letters can look like a command's. A message that is exactly a place's name or a
postcode in the knowledge base (bot/places.py `whole_message`) is `inform_place`, whatever the
model predicted, unless the words already decided it (danger, a child asking for help).
"""
from __future__ import annotations

from typing import List

from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.places import resolver_from_files
from nlu_components.words_decide import WordsDecide, register

DECIDED_BY_WORDS = ("immediate_danger", "child_seeking_help")


@register
class PlaceAnswer(WordsDecide):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.lstrip().startswith("/") or (message.get(INTENT) or {}).get("name") in DECIDED_BY_WORDS:
                continue
            if resolver_from_files().whole_message(text):
                message.set(INTENT, {"name": "inform_place", "confidence": 1.0}, add_to_output=True)
        return messages
