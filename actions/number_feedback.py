"""The wrong-number loop: "Was this right?" after an answer that gives phone numbers, and what a
report or a confirmation does. Storage and ids live in bot/ (number_feedback.py, phone_facts.py).

The prompt is one short message after the answer (so after any 999 advice in it), and never while
a guided conversation is asking its questions: there a button press would be taken as the answer.
Ignoring it changes nothing. Fact ids travel in the buttons' payloads, which any client can
forge, so only ids of facts in the knowledge base are ever used.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import shared
from bot import phone_facts, render
from bot.number_feedback import RIGHT, WRONG


def offer_feedback(dispatcher: CollectingDispatcher, tracker: Tracker, contacts) -> List[Dict[Text, Any]]:
    """Ask "Was this right?" about the reportable numbers among `contacts`; events remembering them."""
    if tracker.active_loop_name:
        return []
    facts = phone_facts.facts_for(shared.knowledge_base(), contacts)
    if not facts:
        return []
    response = "utter_number_feedback" if len(facts) == 1 else "utter_numbers_feedback"
    dispatcher.utter_message(response=response, facts=" ".join(fact.id for fact in facts))
    return [SlotSet("numbers_given", [fact.id for fact in facts]), SlotSet("last_report", None)]


def named_facts(tracker: Tracker) -> List[phone_facts.PhoneFact]:
    """Facts named in a button's payload (entity `fact_id`, ids separated by spaces)."""
    ids = [part for e in tracker.latest_message.get("entities", []) if e.get("entity") == "fact_id"
           for part in str(e.get("value") or "").split()]
    return phone_facts.known(shared.knowledge_base(), ids)


def typed_text(tracker: Tracker) -> Optional[str]:
    """What the user typed, or None for a button press (its payload is not a comment)."""
    text = (tracker.latest_message.get("text") or "").strip()
    return None if not text or text.startswith("/") else text


class ActionReportWrongNumber(Action):
    """Store a wrong-number report, ask which number when several could be meant, give other ways
    to get help now, and take a typed follow-up as the report's comment."""

    def name(self) -> Text:
        return "action_report_wrong_number"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        kb, text = shared.knowledge_base(), typed_text(tracker)
        candidates = named_facts(tracker)
        area_id = None if candidates else shared.area_named(tracker.latest_message)
        if not candidates and not area_id and text and tracker.get_slot("last_report") is not None:
            shared.feedback_store().add_comment(int(tracker.get_slot("last_report")), text)
            dispatcher.utter_message(response="utter_wrong_number_comment_added")
            return [SlotSet("last_report", None)]
        if not candidates:
            candidates = (phone_facts.of_area(kb, area_id) if area_id
                          else phone_facts.known(kb, tracker.get_slot("numbers_given") or []))
        if not candidates:
            dispatcher.utter_message(response="utter_which_wrong_number_area")
            return []
        if len(candidates) > 1:
            buttons = [{"title": f"{fact.contact.name}: {fact.contact.phone}",
                        "payload": f'/report_wrong_number{{"fact_id": "{fact.id}"}}'} for fact in candidates]
            dispatcher.utter_message(response="utter_which_wrong_number", buttons=buttons)
            return []
        wrong = candidates[0]
        report_id = shared.feedback_store().record(wrong, WRONG, comment=text)
        others = [render.contact_text(kb, fact.contact, owner=_owner(kb, fact)) for fact in phone_facts.other_routes(kb, wrong)]
        others.append(kb.national.find_your_council.text)
        dispatcher.utter_message(response="utter_wrong_number_recorded", contact=f"{wrong.contact.name}: {wrong.contact.phone}",
                                 others="\n\n".join(others))
        return [SlotSet("last_report", str(report_id))]


class ActionNumberWasRight(Action):
    """"Yes, it was right": counted for each number the answer gave, as a weak sign it still works."""

    def name(self) -> Text:
        return "action_number_was_right"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        facts = named_facts(tracker) or phone_facts.known(shared.knowledge_base(), tracker.get_slot("numbers_given") or [])
        for fact in facts:
            shared.feedback_store().record(fact, RIGHT)
        dispatcher.utter_message(response="utter_number_was_right")
        return []


def _owner(kb, fact: phone_facts.PhoneFact):
    return kb.national if fact.owner == phone_facts.NATIONAL else kb.area(fact.owner)
