"""The toolkit action plan: validation of each answer, the plan itself, and changing answers.

"What does this mean?" needs nothing new: `action_explain_question` already answers with
`utter_explain_<requested_slot>`, so the help responses are named `utter_explain_plan_*`.
Changing an answer needs its own action, because `action_change_answer` knows only the guided
concern's questions (and clears its next-step choice).
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import shared
from actions.concern_form import _answer
from bot.concern import SKIPPED, clean_answer
from bot.plan import PLAN_BUTTONS, PLAN_QUESTIONS, build_plan, is_plan_answer, plan_question_named


class ValidatePlanForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_plan_form"

    def validate_plan_place(self, value, dispatcher, tracker, domain):
        """The area whose toolkit and front door go in the plan; unknown is kept, never guessed."""
        if value == SKIPPED:
            return {"plan_place": SKIPPED, "area": None}
        text = clean_answer(str(value)) or ""
        resolver = shared.place_resolver()
        result = resolver.resolve(text)
        if result.status == "unknown":
            result = next(iter(resolver.mentioned_in(text)), result)
        kb = shared.knowledge_base()
        if result.status == "ambiguous":
            buttons = [{"title": kb.area(a).name, "payload": kb.area(a).name} for a in result.choices]
            buttons.append({"title": "Another council", "payload": "another council"})
            dispatcher.utter_message(response="utter_plan_place_choices", place=text, note=result.note or "", buttons=buttons)
            return {"plan_place": None}
        if result.status in ("found", "elsewhere") and result.area_id:
            area = kb.area(result.area_id)
            if result.status == "elsewhere":
                dispatcher.utter_message(response="utter_place_redirect_form", place=result.matched, council=area.name)
            if area.neglect_toolkit is None:
                dispatcher.utter_message(response="utter_no_toolkit", council=area.name)
            else:
                dispatcher.utter_message(response="utter_plan_place_found", council=area.name, toolkit=area.neglect_toolkit.name)
            return {"plan_place": text, "area": area.id}
        dispatcher.utter_message(response="utter_plan_place_unknown", place=text)
        return {"plan_place": text, "area": None}


def _misread_answer(tracker: Tracker, slot: str) -> Dict[Text, Any]:
    """The message as the answer to `slot` when the NLU took it for a digression it isn't.

    The slot mappings leave the slot empty for those intents (so that real digressions work);
    this puts the words back when they are plainly an answer, e.g. "Designated safeguarding
    lead" read as "what is a DSL?". See bot.plan.is_plan_answer.
    """
    if tracker.get_slot("requested_slot") != slot or tracker.get_slot(slot) is not None:
        return {}
    message = tracker.latest_message or {}
    text, intent = message.get("text") or "", (message.get("intent") or {}).get("name")
    return {slot: text} if is_plan_answer(text, intent) else {}


def _make_extractor(slot: str):
    def extract(self, dispatcher, tracker, domain):
        return _misread_answer(tracker, slot)
    extract.__name__ = f"extract_{slot}"
    return extract


def _make_answer_validator(slot: str):
    def validate(self, value, dispatcher, tracker, domain):
        return {slot: _answer(dispatcher, value)}
    validate.__name__ = f"validate_{slot}"
    return validate


for _slot in PLAN_QUESTIONS:
    setattr(ValidatePlanForm, f"extract_{_slot}", _make_extractor(_slot))
    if _slot != "plan_place":
        setattr(ValidatePlanForm, f"validate_{_slot}", _make_answer_validator(_slot))


class ActionPlanResult(Action):
    """After the last answer: the plan as text in the chat and as a Markdown file to download."""

    def name(self) -> Text:
        return "action_plan_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        answers = {slot: tracker.get_slot(slot) for slot in PLAN_QUESTIONS}
        plan = build_plan(shared.knowledge_base(), answers, tracker.get_slot("area"), shared.now().date())
        dispatcher.utter_message(response="utter_plan_text", plan=plan.text)
        dispatcher.utter_message(response="utter_plan_download", plan_markdown=plan.markdown)
        return []


class ActionChangePlanAnswer(Action):
    """Clear the plan answer the user wants to change; the form then asks that question again."""

    def name(self) -> Text:
        return "action_change_plan_answer"

    async def run(self, dispatcher, tracker, domain):
        named = [str(e.get("value")) for e in tracker.latest_message.get("entities", []) if e.get("entity") == "question"]
        slot = plan_question_named(" ".join(named)) or plan_question_named(tracker.latest_message.get("text"))
        if slot is None:
            buttons = [{"title": title, "payload": f'/change_answer{{"question": "{title.lower()}"}}'} for title in PLAN_BUTTONS.values()]
            dispatcher.utter_message(response="utter_which_answer", buttons=buttons)
            return []
        events = [SlotSet(slot, None)]
        if slot == "plan_place":
            events.append(SlotSet("area", None))
        return events
