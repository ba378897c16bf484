"""Definitions of terms professionals meet, from knowledge/guidance, with a "tell me more"; asked
about a place ("what is the threshold in surrey"), the place's own answer follows."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import shared
from actions.local_answers import LocalAnswer, named_in_message
from bot import render
from bot.concepts import find_concept


class ActionExplainConcept(Action):
    def name(self) -> Text:
        return "action_explain_concept"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        kb = shared.knowledge_base()
        named = [str(e.get("value")) for e in tracker.latest_message.get("entities", []) if e.get("entity") == "concept"]
        concept = find_concept(kb.concepts(), named, tracker.latest_message.get("text") or "")
        if concept is None:
            dispatcher.utter_message(response="utter_concept_unknown", known=", ".join(c.name for c in kb.concepts()))
            return [SlotSet("last_concept", None)]
        dispatcher.utter_message(response="utter_concept", name=concept.name, short=concept.short, source=render.citation(kb, concept),
                                 buttons=[{"title": "Tell me more", "payload": "/tell_me_more"}])
        local = LocalAnswer.of_concept(concept.id)
        named = named_in_message(tracker) if local is not None else None
        if named is not None and named.status != "unknown":  # never "Working Together" read as a place we hold nothing for
            return [SlotSet("last_concept", concept.id), *await local().run(dispatcher, tracker, domain)]
        return [SlotSet("last_concept", concept.id)]


class ActionTellMeMore(Action):
    def name(self) -> Text:
        return "action_tell_me_more"

    async def run(self, dispatcher, tracker, domain):
        kb = shared.knowledge_base()
        concept = kb.concept(tracker.get_slot("last_concept") or "")
        if concept is None:
            dispatcher.utter_message(response="utter_more_about_what")
            return []
        dispatcher.utter_message(response="utter_concept_more", name=concept.name, more=concept.more)
        return []
