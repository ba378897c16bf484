"""The guided concern: validation of each answer, the next step, the summary, and changing answers."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import shared
from actions.number_feedback import offer_feedback
from bot import render
from bot.ages import age_from
from bot.concern import (KEY_QUESTIONS, LEVEL_TO_SITUATION, MAX_ANSWER, SKIPPED, child_group, clean_answer, level_from,
                         is_member_of_public, question_named, role_label, yes_or_no)
from bot.routing import Situation, route_for
from bot.summary import build_summary


def _answer(dispatcher: CollectingDispatcher, value: Any) -> Any:
    answer = clean_answer(str(value)) if value is not None else None
    if answer and len(str(value)) > MAX_ANSWER:
        dispatcher.utter_message(response="utter_answer_cut")
    return answer


class ValidateConcernForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_concern_form"

    def validate_in_danger(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if isinstance(value, str):  # typed words rather than yes/no
            value = yes_or_no(value)
            if value is None:
                dispatcher.utter_message(response="utter_danger_unsure")
                return {"in_danger": False}
        if value is True:
            dispatcher.utter_message(response="utter_call_999")
        return {"in_danger": value}

    def validate_reporter_role(self, value, dispatcher, tracker, domain):
        return {"reporter_role": _answer(dispatcher, role_label(value))}

    def validate_place(self, value, dispatcher, tracker, domain):
        if value == SKIPPED:
            return {"place": SKIPPED, "area": None}
        text = clean_answer(str(value)) or ""
        result = shared.place_answer(dispatcher, text)
        if result.status == "ambiguous":
            return {"place": None}
        if result.status == "unknown":
            dispatcher.utter_message(response="utter_place_unknown_form", place=text)
            return {"place": text, "area": None}
        name = shared.knowledge_base().target_name(result.area_id)
        if result.status == "nation":
            dispatcher.utter_message(response="utter_place_nation_form", place=result.query, nation=name)
        else:
            dispatcher.utter_message(response="utter_place_found_form", place=result.query, council=name)
        return {"place": text, "area": result.area_id}

    def validate_child_age(self, value, dispatcher, tracker, domain):
        answer = _answer(dispatcher, value)
        return {"child_age": answer, "child_group": child_group(age_from(answer)) if answer != SKIPPED else None}

    def validate_concern_level(self, value, dispatcher, tracker, domain):
        level = level_from(str(value) if value else None)
        if level is None:
            dispatcher.utter_message(response="utter_no_level")
        return {"concern_level": level}


def answer_validator(slot: str, clean=_answer):
    """A `validate_<slot>` method that keeps the answer as `clean` returns it (None asks again)."""
    def validate(self, value, dispatcher, tracker, domain):
        return {slot: clean(dispatcher, value)}
    validate.__name__ = f"validate_{slot}"
    return validate


for _slot in KEY_QUESTIONS:
    setattr(ValidateConcernForm, f"validate_{_slot}", answer_validator(_slot))


class ActionConcernNextStep(Action):
    """After the last answer: the route for the chosen situation, then the written summary."""

    def name(self) -> Text:
        return "action_concern_next_step"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        kb, when = shared.knowledge_base(), shared.now()
        in_danger = bool(tracker.get_slot("in_danger"))
        situation = Situation.IMMEDIATE_DANGER if in_danger else LEVEL_TO_SITUATION.get(tracker.get_slot("concern_level"), Situation.ADVICE)
        route = route_for(kb, tracker.get_slot("area"), situation, when, public=is_member_of_public(tracker.get_slot("reporter_role")))
        dispatcher.utter_message(response="utter_concern_next_step", route=render.route_text(kb, route))
        answers = {slot: tracker.get_slot(slot) for slot in KEY_QUESTIONS}
        summary = build_summary(kb, answers, route, tracker.get_slot("reporter_role"), tracker.get_slot("place"),
                                tracker.get_slot("child_age"), in_danger, when)
        dispatcher.utter_message(response="utter_concern_summary", summary=summary)
        return offer_feedback(dispatcher, tracker, [step.contact for step in route.steps])


class ActionChangeAnswer(Action):
    """Clear the answer the user wants to change; the form then asks that question again.

    The toolkit plan's version (actions/plan_form.py) changes only which questions it knows.
    """

    def name(self) -> Text:
        return "action_change_answer"

    def question_named(self, words):
        return question_named(words)

    def titles(self) -> List[str]:
        return [label.split(":")[0].split(" (")[0].split(",")[0] for label in KEY_QUESTIONS.values()]

    def cleared(self, slot: str) -> List[Dict[Text, Any]]:
        events = [SlotSet(slot, None), SlotSet("concern_level", None)]
        if slot == "place":
            events.append(SlotSet("area", None))
        if slot == "child_age":
            events.append(SlotSet("child_group", None))
        return events

    async def run(self, dispatcher, tracker, domain):
        named = [str(e.get("value")) for e in tracker.latest_message.get("entities", []) if e.get("entity") == "question"]
        slot = self.question_named(" ".join(named)) or self.question_named(tracker.latest_message.get("text"))
        if slot is None:
            buttons = [{"title": title, "payload": f'/change_answer{{"question": "{title.lower()}"}}'} for title in self.titles()]
            dispatcher.utter_message(response="utter_which_answer", buttons=buttons)
            return []
        return self.cleared(slot)


class ActionExplainQuestion(Action):
    """"What does this mean?" for the question being asked now."""

    def name(self) -> Text:
        return "action_explain_question"

    async def run(self, dispatcher, tracker, domain):
        requested = tracker.get_slot("requested_slot")
        response = f"utter_explain_{requested}"
        dispatcher.utter_message(response=response if response in domain.get("responses", {}) else "utter_explain_generic")
        return []
