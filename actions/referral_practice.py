"""Two practice questions answered directly from knowledge/guidance/referral_practice.yml: "can I
share this without consent?" and "what happens after I refer?" (with the area's front door when
the conversation knows the area)."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import listening, shared
from actions.number_feedback import offer_feedback
from bot import render
from bot.roles import Audience
from bot.routing import contact


def practice_answer(dispatcher: CollectingDispatcher, response: Text, answer_id: Text) -> None:
    kb = shared.knowledge_base()
    answer = kb.practice_answer(answer_id)
    dispatcher.utter_message(response=response, points=render.points_text(answer), source=render.citation(kb, answer))


class ActionAnswerConsentSharing(Action):
    def name(self) -> Text:
        return "action_answer_consent_sharing"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        practice_answer(dispatcher, "utter_consent_sharing_answer", "consent_sharing")
        return []


class ActionAnswerAfterReferral(Action):
    """The general answer, then the local front door: from a place in the message, else the area
    the conversation is about. Without an area it offers to add one; it never asks first.

    A parent asking for their own family ("what would happen if I called them?") is told, in plain
    words, what happens when a family asks for help, not what happens to a professional's referral."""

    def name(self) -> Text:
        return "action_answer_after_referral"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if listening.audience_for(tracker) is Audience.PARENT:
            dispatcher.utter_message(response="utter_parent_what_happens")
            return []
        practice_answer(dispatcher, "utter_after_referral_answer", "after_referral")
        area_id: Optional[str] = shared.area_named(tracker.latest_message) or tracker.get_slot("area")
        area = shared.knowledge_base().area(area_id) if area_id else None
        if area is None:
            dispatcher.utter_message(response="utter_after_referral_which_area")
            return []
        door = contact(area, "front_door")
        dispatcher.utter_message(response="utter_after_referral_local", council=area.name,
                                 door=render.contact_text(shared.knowledge_base(), door, owner=area))
        return [SlotSet("area", area.id), *offer_feedback(dispatcher, tracker, [door])]
