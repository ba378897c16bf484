"""NLU component: messages whose words decide the answer whatever the model predicted.

- A message that describes danger now, in any clause (bot/danger.py), is `immediate_danger`,
  so it gets "call 999"; the emergency service its words point to ("not breathing": an
  ambulance) is added as an `emergency_service` entity, so the 999 advice names it.
- A message that says in so many words that no child is in danger now ("baby ok now, not in
  danger") is never `immediate_danger` on the model's guess alone: the model's next intent is
  taken instead. Danger described in any clause still wins (the first point).
- A message that asks for the number and nothing else ("…dad drinks. Just need the number
  really", "no questions please") is `ask_contact`, however much of a concern it describes: the
  number comes first, the questions are offered after it.
- A child or young person writing about their own home ("I'm 14 and my mum doesn't feed me",
  bot/details.py) is `child_seeking_help`, so they get Childline and 999, never the
  professionals' questions. A child in danger is still answered as a child: 999 comes first
  in that answer too.
- A police officer writing ("police officer, … we're with them now") is never told to ask 999
  for the police: where the words point to the police, or to no one service, the service is
  `writer_is_police`, whose 999 advice asks for an ambulance if the child needs one.
"""
from __future__ import annotations

from typing import Any, Dict, List

from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.danger import Danger, Service, danger_stated, service_value, sounds_like_immediate_danger
from bot.details import wants_only_the_number, writes_as_a_child
from bot.roles import POLICE_GROUP, group_of, role_mentioned
from nlu_components.words_decide import WordsDecide, register

SERVICE_ENTITY = "emergency_service"
ANY_SERVICE = "any"
WRITER_IS_POLICE = "writer_is_police"


def _intent(message: Message) -> str:
    return (message.get(INTENT) or {}).get("name") or ""


def _next_best(message: Message, instead_of: str) -> Dict[str, Any]:
    """The model's most likely intent other than `instead_of` (worry about a child if none)."""
    ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get("name") != instead_of]
    return ranking[0] if ranking else {"name": "worried_about_child", "confidence": 0.0}


def _service(text: str) -> str:
    """The 999 service the advice names: the one the words point to, else any; never the police
    to a police officer."""
    service = service_value(text) or ANY_SERVICE
    writer = role_mentioned(text)
    if service in (Service.POLICE.value, ANY_SERVICE) and writer and group_of(writer[0]) == POLICE_GROUP:
        return WRITER_IS_POLICE
    return service


@register
class DangerOverride(WordsDecide):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if sounds_like_immediate_danger(text):
                message.set(INTENT, {"name": "immediate_danger", "confidence": 1.0}, add_to_output=True)
            elif _intent(message) == "immediate_danger" and danger_stated(text) is Danger.NO:
                message.set(INTENT, _next_best(message, "immediate_danger"), add_to_output=True)
            if _intent(message) != "immediate_danger" and wants_only_the_number(text):
                message.set(INTENT, {"name": "ask_contact", "confidence": 1.0}, add_to_output=True)
            if writes_as_a_child(text):
                message.set(INTENT, {"name": "child_seeking_help", "confidence": 1.0}, add_to_output=True)
            if _intent(message) in ("immediate_danger", "child_seeking_help"):
                entity = {"entity": SERVICE_ENTITY, "value": _service(text), "start": 0, "end": len(text),
                          "extractor": type(self).__name__}
                message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity], add_to_output=True)
        return messages
