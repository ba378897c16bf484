"""The toolkit action plan: starting afresh, validation of each answer, the plan, changing answers.

"What does this mean?" needs nothing new: `action_explain_question` already answers with
`utter_explain_<requested_slot>`, so the help responses are named `utter_explain_plan_*`.
Changing an answer has its own action name (the rules return to a different form), built on
`action_change_answer` with the plan's questions.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import shared
from actions.concern_form import ActionChangeAnswer, answer_validator
from bot.concern import SKIPPED
from bot.plan import PLAN_BUTTONS, PLAN_MAX_ANSWER, PLAN_QUESTIONS, answer_problem, build_plan, clean_plan_answer, plan_question_named


def _plan_answer(dispatcher: CollectingDispatcher, value: Any) -> Any:
    """The answer to keep, or None (the form asks again) after a calm word about why.

    None is a slot being cleared (a new plan, a changed answer), not something typed: no word.
    """
    if value is None or value == SKIPPED:
        return value
    problem = answer_problem(value)
    if problem:
        dispatcher.utter_message(response=f"utter_plan_answer_{problem}")
        return None
    if len(" ".join(str(value).split())) > PLAN_MAX_ANSWER:
        dispatcher.utter_message(response="utter_answer_cut")
    return clean_plan_answer(value)


class ActionStartPlan(Action):
    """Begin a plan with every plan answer cleared, so a second plan never repeats the first."""

    def name(self) -> Text:
        return "action_start_plan"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_plan_start")
        return [SlotSet(slot, None) for slot in PLAN_QUESTIONS]


class ValidatePlanForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_plan_form"

    def validate_plan_place(self, value, dispatcher, tracker, domain):
        """The area whose toolkit and front door go in the plan; unknown is kept, never guessed."""
        answer = _plan_answer(dispatcher, value)
        if answer in (None, SKIPPED):
            return {"plan_place": answer, "area": None}
        result = shared.place_answer(dispatcher, answer, shared.asked_about(tracker))
        if result.status == "ambiguous":
            return {"plan_place": None, shared.ASKED_SLOT: result.matched}
        area = shared.knowledge_base().area(result.area_id) if result.status == "found" else None
        if area is None:  # unknown, or in another nation: no English toolkit is named
            dispatcher.utter_message(response="utter_plan_place_unknown", place=answer)
        elif area.neglect_toolkit is None:
            dispatcher.utter_message(response="utter_no_toolkit", council=area.name)
        else:
            dispatcher.utter_message(response="utter_plan_place_found", council=area.name, toolkit=area.neglect_toolkit.name)
        return {"plan_place": result.query if area else answer, "area": area.id if area else None}


for _slot in PLAN_QUESTIONS:
    if _slot != "plan_place":
        setattr(ValidatePlanForm, f"validate_{_slot}", answer_validator(_slot, _plan_answer))


class ActionPlanResult(Action):
    """After the last answer: the plan as text in the chat and as a Markdown file to download."""

    def name(self) -> Text:
        return "action_plan_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        answers = {slot: tracker.get_slot(slot) for slot in PLAN_QUESTIONS}
        plan = build_plan(shared.knowledge_base(), answers, tracker.get_slot("area"), shared.now().date())
        dispatcher.utter_message(response="utter_plan_result", plan=plan.text, plan_markdown=plan.markdown, filename=plan.filename)
        return []


class ActionChangePlanAnswer(ActionChangeAnswer):
    """Clear the plan answer the user wants to change; the form then asks that question again."""

    def name(self) -> Text:
        return "action_change_plan_answer"

    def question_named(self, words):
        return plan_question_named(words)

    def titles(self) -> List[str]:
        return list(PLAN_BUTTONS.values())

    def cleared(self, slot: str) -> List[Dict[Text, Any]]:
        return [SlotSet(slot, None)] + ([SlotSet("area", None)] if slot == "plan_place" else [])
