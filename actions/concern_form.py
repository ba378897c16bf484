"""The guided concern: starting it, listening to every answer, the next step, the summary (at the
end or whenever asked), and changing answers."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import listening, shared
from actions.local_answers import LocalAnswer, contact_answer
from actions.number_feedback import offer_feedback
from bot import render
from bot.ages import age_from
from bot.answers import answer_to
from bot.concern import (BY_SLOT, DETAILS, KEY_QUESTIONS, LEVEL_TO_SITUATION, MAX_ANSWER, ORDER, PUBLIC_QUESTIONS, QUESTIONS, SKIPPED,
                         child_group, clean_answer, level_from, no_answer, question_named)
from bot.danger import Danger, danger_answer
from bot.details import Heard, hear
from bot.roles import POLICE_GROUP, Audience, audience_of, group_of, job_title_alone
from bot.routing import Situation, route_for
from bot.summary import build_summary

FORM = "concern_form"
# Set by the form from other answers, cleared with them.
DERIVED = ("child_group", "area", "said_out_of_hours")
# Confirmed in one line when taken from a message rather than asked for (the place has its own line).
_NOTED = ("reporter_role", "child_age", "q_child_voice", "q_impact", "q_history", "q_family_context", "q_siblings",
          "q_concerns_raised", "q_disguised_compliance")


def _answer(dispatcher: CollectingDispatcher, value: Any) -> Any:
    answer = clean_answer(str(value)) if value is not None else None
    if answer and len(str(value)) > MAX_ANSWER:
        dispatcher.utter_message(response="utter_answer_cut")
    return answer


def _noted(dispatcher: CollectingDispatcher, values: Dict[str, Any]) -> None:
    """One line confirming details taken from what was said rather than asked for."""
    shown = [f"{BY_SLOT[slot].label}: {value}" for slot, value in values.items()
             if slot in _NOTED or (slot == "in_danger" and value == Danger.NO.value)]
    if shown:
        dispatcher.utter_message(response="utter_noted", details="; ".join(shown))


def _found(said: Heard, first_account: bool = False) -> Dict[str, Any]:
    """The details a message gives, by slot (None where it gives none).

    The impact, the build-up over time and what the family said are taken only from the account
    that starts the concern: whoever pours it all out first is not asked it again, but mid-way
    each question is a prompt to think about its own topic, and "has lost weight" said about daily
    life should not skip the question on impact."""
    found = {"reporter_role": said.role, "place": said.place, "child_age": said.age_words,
             "in_danger": said.danger.value if said.danger else None, "q_child_voice": said.child_words,
             "q_family_context": said.family_context, "q_siblings": said.siblings}
    if first_account:
        found.update(q_impact=said.impact, q_history=said.history, q_concerns_raised=said.raised,
                     q_disguised_compliance=said.no_change)
    return found


def call_999(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """The 999 advice during the questions; to a police officer, never "ask for the police"."""
    dispatcher.utter_message(response="utter_call_999_police" if listening.group_for(tracker) == POLICE_GROUP else "utter_call_999")


def from_the_public(tracker: Tracker) -> bool:
    """A neighbour, relative or other member of the public (their role as given): they are asked
    only the few questions their short route needs."""
    return audience_of(tracker.get_slot("reporter_role")) is Audience.PUBLIC


def situation_of(tracker: Tracker) -> Situation:
    """999 first whenever danger was said or unsure; otherwise the step the person chose (not
    sure, until they choose)."""
    if tracker.get_slot("in_danger") in (Danger.YES.value, Danger.UNSURE.value):
        return Situation.IMMEDIATE_DANGER
    return LEVEL_TO_SITUATION.get(tracker.get_slot("concern_level"), Situation.ADVICE)


class ValidateConcernForm(FormValidationAction):
    """Reads every message for every question, in the order of bot/concern.py.

    One reading of the latest message fills the question asked, when the message answers it
    (bot/answers.py), and any detail not yet given (role, place, age, danger): that is why
    `get_extraction_events` is replaced rather than one `extract_<slot>` method per slot.
    Messages that ask for something else (the form's ignored_intents) fill nothing, so the
    form rejects and the rules answer them.
    """

    def name(self) -> Text:
        return "validate_concern_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> List[Text]:
        order = [slot for slot in ORDER if slot in domain_slots and (slot in PUBLIC_QUESTIONS or not from_the_public(tracker))]
        if tracker.get_slot("pending_question") and tracker.get_slot("place") is None:
            order.remove("place")
            order.insert(0, "place")  # they asked for a number: the place first, then the answer
        return order

    async def next_requested_slot(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Optional[EventType]:
        """Always say which question comes next (the SDK leaves it to Rasa when the order matches
        the domain's), so the order is bot/concern.py's and a test can see it."""
        order = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        return SlotSet("requested_slot", next((slot for slot in order if tracker.slots.get(slot) is None), None))

    async def get_extraction_events(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        intent, text = listening.intent_of(tracker), listening.text_of(tracker)
        requested = tracker.get_slot("requested_slot")
        if not text:
            return []
        said = listening.heard(tracker)
        answer = answer_to(requested, text, said)
        if intent == "immediate_danger" and said.danger is None and requested in DETAILS and requested != "in_danger" \
                and answer.get(requested) is not None:
            intent = None  # "she's 8" at the age question is the age, whatever the model guessed
        ignored = listening.ignored_intents(domain, FORM)
        corrected = _corrected_place(tracker, text)  # "actually i meant Kendal": a change with its answer
        if intent != "immediate_danger" and not corrected and listening.is_interruption(intent, text, ignored, requested) \
                and not listening.answers_a_detail(intent, requested, answer, text):
            return []
        values: Dict[str, Any] = {}
        if intent == "immediate_danger" and (requested not in KEY_QUESTIONS or said.danger in (Danger.YES, Danger.UNSURE)):
            return [SlotSet("in_danger", (said.danger if said.danger is Danger.UNSURE else Danger.YES).value)]
        if intent == "immediate_danger":  # read as danger by the model, not by the words: advise 999, keep the answer
            call_999(dispatcher, tracker)
            if tracker.get_slot("in_danger") != Danger.YES.value:
                values["in_danger"] = Danger.UNSURE.value  # the summary says 999 was advised, never "no"
        if said.danger is Danger.YES:
            values["in_danger"] = Danger.YES.value
        values.update(answer)
        values.update(self._details(tracker, said, values))
        if corrected and "place" not in values:
            values["place"] = corrected
            if values.get("in_danger") == Danger.NO.value and requested == "in_danger":
                del values["in_danger"]  # "no, I meant Rochdale": the no is about the place
        if requested in DETAILS and not values and tracker.get_slot("reporter_role") is None:
            title = job_title_alone(text)  # "teacher" typed at "is the child in danger?"
            if title:
                values["reporter_role"] = title[0]
        if said.out_of_hours:
            values["said_out_of_hours"] = True
        _noted(dispatcher, {slot: value for slot, value in values.items() if slot != requested})
        return [SlotSet(slot, value) for slot, value in values.items()]

    @staticmethod
    def _details(tracker: Tracker, said: Heard, taken: Dict[str, Any]) -> Dict[str, Any]:
        """Details the message gives for questions not yet answered."""
        found = _found(said)
        return {slot: value for slot, value in found.items()
                if value is not None and slot not in taken and tracker.get_slot(slot) is None}

    def validate_in_danger(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") == "in_danger":
            read = danger_answer(listening.text_of(tracker))
            value = read.value if read else value
        if value == Danger.YES.value:
            call_999(dispatcher, tracker)
            _local_route_after_danger(dispatcher, tracker, domain)
        elif value == Danger.UNSURE.value:
            dispatcher.utter_message(response="utter_danger_unsure")
        return {"in_danger": value if value in (d.value for d in Danger) else None}

    def validate_reporter_role(self, value, dispatcher, tracker, domain):
        return {"reporter_role": _answer(dispatcher, value)}

    def validate_place(self, value, dispatcher, tracker, domain):
        text = clean_answer(str(value)) or ""
        if value == SKIPPED or no_answer(text):
            return {"place": SKIPPED, "area": None}
        result = shared.place_answer(dispatcher, text, shared.asked_about(tracker))
        if result.status == "ambiguous":
            return {"place": None, shared.ASKED_SLOT: result.matched}
        if result.status == "unknown":
            dispatcher.utter_message(response="utter_place_unknown_form", place=text)
            return {"place": text, "area": None}
        kb = shared.knowledge_base()
        name = kb.target_name(result.area_id)
        if result.status == "nation":
            dispatcher.utter_message(response="utter_place_nation_form", place=result.query, nation=name)
            return {"place": result.query, "area": result.area_id}
        dispatcher.utter_message(response="utter_place_found_form", place=result.query, council=name)
        events = {"place": result.query, "area": result.area_id}
        pending = tracker.get_slot("pending_question")
        if pending:  # asked for a number before the place was known: answer it now
            LocalAnswer.of_kind(pending)().answer(dispatcher, tracker, kb.area(result.area_id), domain)
            events["pending_question"] = None
        return events

    def validate_child_age(self, value, dispatcher, tracker, domain):
        answer = _answer(dispatcher, value)
        return {"child_age": answer, "child_group": child_group(age_from(answer)) if answer and answer != SKIPPED else None}

    def validate_concern_level(self, value, dispatcher, tracker, domain):
        if value == SKIPPED:  # "I'm not sure" is often read as skip: the words say which; a bare "skip" is not sure
            value = level_from(listening.text_of(tracker)) or "unsure"
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


def _since_last_start(tracker: Tracker) -> List[Dict[str, Any]]:
    """User messages since the last guided conversation (a concern or a plan) started or ended,
    or the conversation was started again: what was said outside any questions, the message
    that starts this concern included. Answers to an earlier concern are never reused."""
    messages = []
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") in ("action_start_concern", "action_start_again"):
            break
        if event.get("event") in ("restart", "session_started", "active_loop"):
            break
        if event.get("event") == "user":
            messages.append(event)
    return list(reversed(messages))


# Messages whose words about what is happening are the concern: a concern started, and (for a
# summary asked before any question) a question about a case ("referral closed 3 weeks ago, the
# children are still filthy and hungry, how do I escalate?").
ABOUT_A_CASE = ("worried_about_child", "ask_escalation", "ask_contact", "ask_out_of_hours", "immediate_danger", "talk_to_someone")


def _given_since_start(tracker: Tracker, concern_intents) -> tuple:
    """The details (by slot) said since the last start; the concern as first told, by a message
    whose intent is one of `concern_intents` (what follows it, "whats the escalation policy
    called", asks about it); whether the latest message asked for the number; whether any said it
    is out of hours."""
    given: Dict[str, Any] = {}
    wants_number = out_of_hours = False
    for message in _since_last_start(tracker):
        said = hear(message.get("text") or "", shared.place_words)
        given.update({slot: value for slot, value in _found(said, first_account=True).items() if value is not None})
        if said.concern and (message.get("parse_data", {}).get("intent") or {}).get("name") in concern_intents:
            given.setdefault("q_significant_harm", said.concern)
        wants_number = said.wants_number  # asked in the message that starts the concern (not one already answered)
        out_of_hours = out_of_hours or said.out_of_hours
    return given, wants_number, out_of_hours


class ActionStartConcern(Action):
    """Start a concern afresh, keeping what was said since the last one started (the first
    message included): no question already answered is asked again. Asked for a number in the
    message that starts it ("who do I call?", "who takes it at this time?", "need to refer"), with
    the place known, it gives the number first, before the questions start."""

    def name(self) -> Text:
        return "action_start_concern"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        given, wants_number, out_of_hours = _given_since_start(tracker, ("worried_about_child",))
        if wants_number and given.get("place"):  # "who takes it at this time?": the number before the questions
            self._number_first(dispatcher, tracker, domain, given, out_of_hours)
        dispatcher.utter_message(response="utter_concern_start")
        _noted(dispatcher, given)
        if "q_significant_harm" in given:
            dispatcher.utter_message(response="utter_concern_noted")
        cleared = [SlotSet(slot, None) for slot in (*ORDER, *DERIVED, "pending_question", "emergency_service")]
        return cleared + [SlotSet(slot, value) for slot, value in given.items()] + [SlotSet("said_out_of_hours", out_of_hours or None)]

    @staticmethod
    def _number_first(dispatcher, tracker, domain, given, out_of_hours) -> None:
        result = shared.find_place(given["place"])
        if not result or result.status not in ("found", "nation"):
            return
        kb = shared.knowledge_base()
        danger = given.get("in_danger") in (Danger.YES.value, Danger.UNSURE.value)
        audience = audience_of(given["reporter_role"]) if given.get("reporter_role") else Audience.PROFESSIONAL
        route = route_for(kb, result.area_id, Situation.IMMEDIATE_DANGER if danger else Situation.SIGNIFICANT_HARM, shared.now(),
                          audience=audience, out_of_hours=out_of_hours, group=group_of(given.get("reporter_role")))
        dispatcher.utter_message(response=contact_answer(audience), council=kb.target_name(result.area_id),
                                 route=render.route_text(kb, route, with_999=False))


# "actually sorry its rochdale not oldham", "no, I meant Bury": the place given is being corrected.
_CORRECTING = re.compile(r"\b(not|actually|sorry|meant|wrong|mistake|correction|oops)\b", re.IGNORECASE)


def _corrected_place(tracker: Tracker, text: str) -> Optional[str]:
    """A place other than the one given, named in words that correct it; None otherwise. (Naming
    another place in passing, "she stays with her nan in Bury", leaves the place as it was.)"""
    area = tracker.get_slot("area")
    if not area or not _CORRECTING.search(text):
        return None
    mention = next((m for m in shared.place_resolver().mentioned_in(text) if m.status == "found" and m.area_id != area), None)
    return mention.query if mention else None


def _local_route_after_danger(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> None:
    """Danger said during the questions, the place already known: the area's lines for once the
    child is safe come with the 999 advice, not only at the end (a nurse at 2am pressing "Yes"
    got 999 and then the next question, with no local number)."""
    place = tracker.get_slot("place")
    result = shared.find_place(place) if place and place != SKIPPED else None
    if result and result.status == "found":
        LocalAnswer.of_kind("after_danger")().answer(dispatcher, tracker, shared.knowledge_base().area(result.area_id), domain)


def _route_and_summary(tracker: Tracker, domain: Dict[Text, Any], complete: bool, given: Optional[Dict[str, Any]] = None):
    """The route and the summary from the answers the slots hold, or from `given` (slot -> value)
    where the answers were only said, not asked for."""
    kb, when = shared.knowledge_base(), shared.now()
    value = (lambda slot: given.get(slot)) if given is not None else tracker.get_slot
    area = tracker.get_slot("area")
    if area is None and given and given.get("place"):  # a place said, never resolved by the questions
        found = shared.find_place(given["place"])
        area = found.area_id if found and found.status in ("found", "nation") else None
    route = route_for(kb, area, situation_of(tracker), when, audience=listening.audience_for(tracker),
                      out_of_hours=listening.out_of_hours_for(tracker), group=listening.group_for(tracker))
    answers = {slot: value(slot) for slot in KEY_QUESTIONS}
    summary = {name: build_summary(kb, answers, route, value("reporter_role"), value("place"), value("child_age"),
                                   value("in_danger"), when, complete=complete, level=value("concern_level"), markdown=markdown)
               for name, markdown in (("summary", False), ("summary_markdown", True))}
    return route, summary


class ActionConcernNextStep(Action):
    """After the last answer: the route for the chosen situation, then the written summary."""

    def name(self) -> Text:
        return "action_concern_next_step"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if from_the_public(tracker):
            return self._short_route(dispatcher, tracker)
        route, summary = _route_and_summary(tracker, domain, complete=True)
        dispatcher.utter_message(response="utter_concern_next_step", route=render.route_text(shared.knowledge_base(), route))
        dispatcher.utter_message(response="utter_concern_summary", **summary)
        return offer_feedback(dispatcher, tracker, [step.contact for step in route.steps])

    @staticmethod
    def _short_route(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
        """A member of the public: their council's line for the public (999 first if a child is in
        danger), the NSPCC helpline, in plain words; no referral draft."""
        kb = shared.knowledge_base()
        danger = tracker.get_slot("in_danger") in (Danger.YES.value, Danger.UNSURE.value)
        route = route_for(kb, tracker.get_slot("area"), Situation.IMMEDIATE_DANGER if danger else Situation.SIGNIFICANT_HARM, shared.now(),
                          audience=Audience.PUBLIC, out_of_hours=listening.out_of_hours_for(tracker))
        dispatcher.utter_message(response="utter_public_next_step", route=render.route_text(kb, route))
        return offer_feedback(dispatcher, tracker, [step.contact for step in route.steps])


class ActionSummaryNow(Action):
    """"Give me a summary" at any point: what has been given so far; the questions then carry on
    unless the person says stop."""

    def name(self) -> Text:
        return "action_summary_now"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        given = None
        if all(tracker.get_slot(slot) in (None, SKIPPED) for slot in ORDER):
            # Nothing asked yet: what was said ("I'm a teacher in Kirklees, referral closed 3 weeks
            # ago, the children are filthy and hungry, how do I escalate?") is what there is to summarise.
            given = _given_since_start(tracker, ABOUT_A_CASE)[0]
            if not given:
                dispatcher.utter_message(response="utter_nothing_to_summarise")
                return []
        _, summary = _route_and_summary(tracker, domain, complete=False, given=given)
        dispatcher.utter_message(response="utter_summary_so_far", **summary)
        if tracker.active_loop.get("name") == FORM:
            dispatcher.utter_message(response="utter_carry_on_or_stop")
        return []


class ActionChangeAnswer(Action):
    """Clear the answer the user wants to change; the form then asks that question again.

    The toolkit plan's version (actions/plan_form.py) changes only which questions it knows.
    """

    def name(self) -> Text:
        return "action_change_answer"

    def question_named(self, words: Optional[str]) -> Optional[str]:
        return question_named(words)

    def titles(self) -> List[str]:
        return [question.button for question in QUESTIONS]

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
        if requested == "q_child_voice":
            self._tools_hearing_the_child(dispatcher, tracker.get_slot("area"))
        return []

    @staticmethod
    def _tools_hearing_the_child(dispatcher, area_id: Optional[str]) -> None:
        """If nobody has asked the child yet: the area's own tools for it, where knowledge/ holds them."""
        kb = shared.knowledge_base()
        area = kb.area(area_id) if area_id else None
        tools = render.tools_hearing_the_child(area)
        if tools:
            dispatcher.utter_message(response="utter_explain_voice_tools", council=area.name,
                                     toolkit=render.toolkit_text(kb, area, tools=tools))

