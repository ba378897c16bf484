"""Direct questions about an area: who to call, out of hours, thresholds, escalation, toolkits.

Each action finds the area the child lives in (the places named in the message, then what the
conversation already established), asks for it if missing, says which council it understood,
and answers from the knowledge base. An unknown place gets the national route, a place in Wales,
Scotland or Northern Ireland that nation's route, never a neighbour's number.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions import shared
from actions.number_feedback import offer_feedback
from bot import render
from bot.ages import age_from
from bot.places import NATIONS, Resolution
from bot.routing import Situation, contact, route_for


# Intents whose whole message may be just a place ("bath", "lougborough"): read as an answer.
ANSWER_INTENTS = ("inform_place", "nlu_fallback")


def place_resolution(tracker: Tracker) -> Optional[Resolution]:
    """The place the child lives in: from this message's words (NLU's `place` entities only say
    which mention is where the child lives and which is only where they are seen), else from a
    button's payload, else what the conversation already established."""
    resolver = shared.place_resolver()
    message = tracker.latest_message
    text = message.get("text") or ""
    entities = [e for e in message.get("entities", []) if e.get("entity") == "place"]
    mentions = [(mention, _role(mention, entities)) for mention in resolver.mentioned_in(text)]
    lives = [mention for mention, role in mentions if role != "seen"]
    if lives or mentions:
        return (lives or [mention for mention, _ in mentions])[0]
    for entity in entities:  # a button payload ("/inform_place{...}") or a phrasing the words missed
        result = resolver.resolve(str(entity.get("value", "")))
        if result.status != "unknown":
            return result
    if message.get("intent", {}).get("name") in ANSWER_INTENTS and not text.startswith("/"):
        typed = resolver.find(text)  # a short answer: a typo or an everyday-word name typed alone
        if typed:
            return typed
    if entities:
        return resolver.resolve(str(entities[0].get("value", "")))
    area = tracker.get_slot("area")
    return Resolution("nation" if area in NATIONS else "found", area, area) if area else None


def _role(mention: Resolution, entities) -> Optional[str]:
    """The role NLU gave the entity overlapping this mention ("lives", "seen"), if any."""
    for entity in entities:
        start, end = entity.get("start"), entity.get("end")
        if start is not None and end is not None and start < mention.span[1] and mention.span[0] < end:
            return entity.get("role")
    return None


def seen_elsewhere_note(tracker: Tracker, area_id: str) -> Optional[str]:
    """A place named as only where the child is seen, in another area: said, so no one is confused."""
    entities = [e for e in tracker.latest_message.get("entities", []) if e.get("entity") == "place"]
    for mention in shared.place_resolver().mentioned_in(tracker.latest_message.get("text") or ""):
        if _role(mention, entities) == "seen" and mention.status == "found" and mention.area_id != area_id:
            return mention.query
    return None


class LocalAnswer(Action):
    """Shared steps: resolve the area, handle missing/unknown/ambiguous/other nations, say which
    council was understood, then `answer`. The question stays pending, so naming another place
    ("not right? tell me another place") answers it again for that place."""

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
            shared.offer_choices(dispatcher, result, lambda name: f'/inform_place{{"place": "{name}"}}')
            return [SlotSet("pending_question", self.kind)]
        if result.status in ("unknown", "nation"):
            route = route_for(kb, result.area_id if result.status == "nation" else None, Situation.SIGNIFICANT_HARM, shared.now())
            if result.status == "nation":
                dispatcher.utter_message(response="utter_nation_route", place=result.query, nation=kb.target_name(result.area_id),
                                         route=render.route_text(kb, route))
            else:
                dispatcher.utter_message(response="utter_place_unknown", place=result.query, route=render.route_text(kb, route))
            feedback = offer_feedback(dispatcher, tracker, [step.contact for step in route.steps])
            return [SlotSet("area", result.area_id if result.status == "nation" else None), SlotSet("pending_question", self.kind), *feedback]
        area = kb.area(result.area_id)
        shared.say_understood(dispatcher, result)
        seen = seen_elsewhere_note(tracker, area.id)
        if seen:
            dispatcher.utter_message(response="utter_child_lives_here", seen=seen, council=area.name)
        events = self.answer(dispatcher, tracker, area) or []
        return [SlotSet("area", area.id), SlotSet("pending_question", self.kind), *events]

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, area) -> Optional[List[Dict[Text, Any]]]:
        """Answer for `area`; return any events (those of the "Was this right?" prompt)."""
        raise NotImplementedError


class ActionWrongPlace(Action):
    """"Not right?": forget the council understood and ask for the place again; the question that
    was answered stays pending, so the next place answers it."""

    def name(self) -> Text:
        return "action_wrong_place"

    async def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(response="utter_ask_other_place")
        return [SlotSet("area", None), SlotSet("pending_question", tracker.get_slot("pending_question") or "contact")]


class ActionAnswerContact(LocalAnswer):
    kind = "contact"

    def answer(self, dispatcher, tracker, area):
        kb = shared.knowledge_base()
        route = route_for(kb, area.id, Situation.SIGNIFICANT_HARM, shared.now())
        dispatcher.utter_message(response="utter_contact_answer", council=area.name, route=render.route_text(kb, route))
        return offer_feedback(dispatcher, tracker, [step.contact for step in route.steps])


class ActionAnswerOutOfHours(LocalAnswer):
    kind = "out_of_hours"

    def answer(self, dispatcher, tracker, area):
        kb = shared.knowledge_base()
        edt, door = contact(area, "out_of_hours"), contact(area, "front_door")
        if edt is None or door is None:  # a line missing: the full route says what there is, and where to look
            route = route_for(kb, area.id, Situation.SIGNIFICANT_HARM, shared.now())
            text = render.route_text(kb, route)
            dispatcher.utter_message(response="utter_no_out_of_hours" if edt is None else "utter_contact_answer", council=area.name,
                                     contact=text, route=text)
            return offer_feedback(dispatcher, tracker, [step.contact for step in route.steps])
        dispatcher.utter_message(response="utter_out_of_hours_answer", council=area.name,
                                 contact=render.contact_text(kb, edt, owner=area), door=render.contact_text(kb, door, owner=area))
        return offer_feedback(dispatcher, tracker, [edt, door])


class ActionAnswerThreshold(LocalAnswer):
    kind = "threshold"

    def answer(self, dispatcher, tracker, area):
        if area.threshold is None:
            dispatcher.utter_message(response="utter_no_threshold", council=area.name)
            return
        dispatcher.utter_message(response="utter_threshold_answer", council=area.name, document=render.threshold_text(shared.knowledge_base(), area))


class ActionAnswerEscalation(LocalAnswer):
    kind = "escalation"

    def answer(self, dispatcher, tracker, area):
        if area.escalation is None:
            dispatcher.utter_message(response="utter_no_escalation", council=area.name)
            return
        dispatcher.utter_message(response="utter_escalation_answer", council=area.name, procedure=render.escalation_text(shared.knowledge_base(), area))


class ActionAnswerToolkit(LocalAnswer):
    kind = "toolkit"

    def answer(self, dispatcher, tracker, area):
        if area.neglect_toolkit is None:
            dispatcher.utter_message(response="utter_no_toolkit", council=area.name)
            return
        dispatcher.utter_message(response="utter_toolkit_answer", council=area.name, toolkit=render.toolkit_text(shared.knowledge_base(), area))


class ActionAnswerWhichTool(LocalAnswer):
    kind = "which_tool"

    def answer(self, dispatcher, tracker, area):
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


class ActionFallback(Action):
    """Replaces Rasa's default fallback (NLU unsure, or no rule or story fits). A message that
    names a place (a town NLU never saw, a postcode, "I'm a school nurse in Penzance, who do I
    call?" read as a role) is a local question: the waiting question, or who to call, is answered
    for that place. Anything else gets the usual "not sure I understood", and the message is
    forgotten as Rasa's own fallback does, so it does not steer what comes next."""

    def name(self) -> Text:
        return "action_default_fallback"

    async def run(self, dispatcher, tracker, domain):
        text = tracker.latest_message.get("text") or ""
        if text.startswith("/") or shared.place_resolver().find(text) is None:
            dispatcher.utter_message(response="utter_default")
            return [UserUtteranceReverted()]
        # No rule or story follows this action with the answer given, so say plainly that the turn
        # is over; otherwise Rasa's core fallback predicts this action again and the answer repeats.
        return [*await ActionAnswerPending().run(dispatcher, tracker, domain), FollowupAction("action_listen")]

