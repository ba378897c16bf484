"""Direct questions about an area: who to call, out of hours, thresholds, escalation, toolkits.

Each action finds the area the child lives in (entities, then the words of the message, then
what the conversation already established), asks for it if missing, and answers from the
knowledge base. An unknown place gets the national route, never a neighbour's number.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import shared
from actions.number_feedback import offer_feedback
from bot import render
from bot.ages import age_from
from bot.places import Resolution
from bot.routing import Situation, contact, route_for


def place_resolution(tracker: Tracker) -> Optional[Resolution]:
    """The place the child lives in, from this message or the conversation so far."""
    resolver = shared.place_resolver()
    entities = [e for e in tracker.latest_message.get("entities", []) if e.get("entity") == "place"]
    lives = [e for e in entities if e.get("role") == "lives"] or [e for e in entities if e.get("role") != "seen"]
    for entity in lives:
        result = resolver.resolve(str(entity.get("value", "")))
        if result.status != "unknown" or len(lives) == 1:
            return result
    text = tracker.latest_message.get("text") or ""
    seen = {str(e.get("value", "")).lower() for e in entities if e.get("role") == "seen"}
    mentioned = [r for r in resolver.mentioned_in(text) if r.query.lower() not in seen]
    if mentioned:
        return mentioned[0]
    if entities:  # only a place where the child is seen: still better than nothing, said plainly
        return resolver.resolve(str(entities[0].get("value", "")))
    area = tracker.get_slot("area")
    return Resolution("found", area, area) if area else None


def seen_elsewhere_note(tracker: Tracker, area_id: str) -> Optional[str]:
    seen = [e for e in tracker.latest_message.get("entities", []) if e.get("entity") == "place" and e.get("role") == "seen"]
    for entity in seen:
        result = shared.place_resolver().resolve(str(entity.get("value", "")))
        if result.status == "found" and result.area_id != area_id:
            return str(entity.get("value"))
    return None


class LocalAnswer(Action):
    """Shared steps: resolve the area, handle missing/unknown/ambiguous, then `answer`."""

    kind = ""

    def name(self) -> Text:
        return f"action_answer_{self.kind}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        kb = shared.knowledge_base()
        result = place_resolution(tracker)
        if result is None:
            dispatcher.utter_message(response="utter_ask_place")
            return [SlotSet("pending_question", self.kind)]
        if result.status == "ambiguous":
            buttons = [{"title": kb.area(a).name, "payload": f'/inform_place{{"place": "{kb.area(a).name}"}}'} for a in result.choices]
            buttons.append({"title": "Another council", "payload": '/inform_place{"place": "another council"}'})
            dispatcher.utter_message(response="utter_place_choices", place=result.query, note=result.note or "", buttons=buttons)
            return [SlotSet("pending_question", self.kind)]
        if result.status == "unknown" or (result.status == "elsewhere" and not result.area_id):
            route = route_for(kb, None, Situation.SIGNIFICANT_HARM, shared.now())
            national = render.route_text(kb, route)
            if result.status == "elsewhere":
                dispatcher.utter_message(response="utter_place_not_covered", place=result.matched, council=result.note, route=national)
            else:
                dispatcher.utter_message(response="utter_place_unknown", place=result.query, route=national)
            feedback = offer_feedback(dispatcher, tracker, [step.contact for step in route.steps])
            return [SlotSet("pending_question", None), SlotSet("area", None), *feedback]
        area = kb.area(result.area_id)
        if result.status == "elsewhere":
            dispatcher.utter_message(response="utter_place_redirected", place=result.matched, council=area.name)
        elif result.fuzzy:
            dispatcher.utter_message(response="utter_place_assumed", place=result.query, council=area.name)
        seen = seen_elsewhere_note(tracker, area.id)
        if seen:
            dispatcher.utter_message(response="utter_child_lives_here", seen=seen, council=area.name)
        events = self.answer(dispatcher, tracker, area) or []
        return [SlotSet("area", area.id), SlotSet("pending_question", None), *events]

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, area) -> Optional[List[Dict[Text, Any]]]:
        """Answer for `area`; return any events (those of the "Was this right?" prompt)."""
        raise NotImplementedError


class ActionAnswerContact(LocalAnswer):
    kind = "contact"

    def answer(self, dispatcher, tracker, area) -> None:
        kb = shared.knowledge_base()
        route = route_for(kb, area.id, Situation.SIGNIFICANT_HARM, shared.now())
        dispatcher.utter_message(response="utter_contact_answer", council=area.name, route=render.route_text(kb, route))
        return offer_feedback(dispatcher, tracker, [step.contact for step in route.steps])


class ActionAnswerOutOfHours(LocalAnswer):
    kind = "out_of_hours"

    def answer(self, dispatcher, tracker, area) -> None:
        kb = shared.knowledge_base()
        edt, door = contact(area, "out_of_hours"), contact(area, "front_door")
        if edt is None:
            dispatcher.utter_message(response="utter_no_out_of_hours", council=area.name, contact=render.contact_text(kb, door, owner=area))
            return offer_feedback(dispatcher, tracker, [door])
        dispatcher.utter_message(response="utter_out_of_hours_answer", council=area.name,
                                 contact=render.contact_text(kb, edt, owner=area), door=render.contact_text(kb, door, owner=area))
        return offer_feedback(dispatcher, tracker, [edt, door])


class ActionAnswerThreshold(LocalAnswer):
    kind = "threshold"

    def answer(self, dispatcher, tracker, area) -> None:
        if area.threshold is None:
            dispatcher.utter_message(response="utter_no_threshold", council=area.name)
            return
        dispatcher.utter_message(response="utter_threshold_answer", council=area.name, document=render.threshold_text(shared.knowledge_base(), area))


class ActionAnswerEscalation(LocalAnswer):
    kind = "escalation"

    def answer(self, dispatcher, tracker, area) -> None:
        if area.escalation is None:
            dispatcher.utter_message(response="utter_no_escalation", council=area.name)
            return
        dispatcher.utter_message(response="utter_escalation_answer", council=area.name, procedure=render.escalation_text(shared.knowledge_base(), area))


class ActionAnswerToolkit(LocalAnswer):
    kind = "toolkit"

    def answer(self, dispatcher, tracker, area) -> None:
        if area.neglect_toolkit is None:
            dispatcher.utter_message(response="utter_no_toolkit", council=area.name)
            return
        dispatcher.utter_message(response="utter_toolkit_answer", council=area.name, toolkit=render.toolkit_text(shared.knowledge_base(), area))


class ActionAnswerWhichTool(LocalAnswer):
    kind = "which_tool"

    def answer(self, dispatcher, tracker, area) -> None:
        kb = shared.knowledge_base()
        if area.neglect_toolkit is None:
            dispatcher.utter_message(response="utter_no_toolkit", council=area.name)
            return
        age_words = next((str(e.get("value")) for e in tracker.latest_message.get("entities", []) if e.get("entity") in ("age", "age_group")), None)
        age = age_from(age_words) if age_words else age_from(tracker.latest_message.get("text"))
        if age is None:
            dispatcher.utter_message(response="utter_toolkit_answer", council=area.name, toolkit=render.toolkit_text(kb, area))
            dispatcher.utter_message(response="utter_ask_age_for_tool")
            return
        fits, general = render.tools_for_age(area, age)
        if not fits:
            dispatcher.utter_message(response="utter_no_tool_for_age", council=area.name, toolkit=render.toolkit_text(kb, area, general))
            return
        dispatcher.utter_message(response="utter_tools_for_age", council=area.name,
                                 toolkit=render.toolkit_text(kb, area, fits, others=general))


class ActionAnswerPending(Action):
    """The user has just named a place: answer the question that was waiting for it."""

    def name(self) -> Text:
        return "action_answer_pending"

    async def run(self, dispatcher, tracker, domain):
        kinds = {cls.kind: cls for cls in LocalAnswer.__subclasses__()}
        pending = tracker.get_slot("pending_question") or "contact"
        return await kinds.get(pending, ActionAnswerContact)().run(dispatcher, tracker, domain)
