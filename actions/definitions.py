"""Definitions of terms professionals meet, from knowledge/guidance, with a "tell me more"."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import shared
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
