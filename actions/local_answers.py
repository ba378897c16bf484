"""Direct questions about an area: who to call, out of hours, thresholds, escalation, toolkits,
people to talk to, help for a parent, the LADO.

Each action finds the area the child lives in (the places named in the message, then what the
conversation already established), asks for it if missing, says which council it understood,
and answers from the knowledge base, shaped for who is asking. An unknown place gets the
national route, a place in Wales, Scotland or Northern Ireland that nation's route, never a
neighbour's number. Asked during the guided questions, the answer is given and the questions
carry on; a place named there also answers the form's place question.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text, Type

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions import listening, shared
from actions.number_feedback import offer_feedback
from bot import render
from bot.ages import age_from
from bot.concepts import named_in
from bot.details import wants_only_the_number
from bot.places import NATIONS, Resolution, not_places, overlaps
from bot.roles import PLAIN_AUDIENCES, Audience, job_title_alone, role_mentioned
from bot.routing import Route, Situation, contact, family_route, route_for, talk_route

# The roles a child, and a parent or carer asking for their own family, are noted as (domain/audience.yml
# utter_roles): the rest of the conversation stays theirs.
CHILD_ROLE = "child or young person"
PARENT_ROLE = "parent"
# What a parent asks in the words of these questions ("who do I call?", "who can I talk to?") gets
# the family's help, never the professionals' route.
FAMILY_QUESTIONS = ("contact", "talk")

CONCERN_FORM = "concern_form"


# Intents whose whole message may be just a place ("bath", "lougborough"): read as an answer.
ANSWER_INTENTS = ("inform_place", "nlu_fallback")


# A Capitalised name closing a local question ("who do I call in Narnia?") that no place in
# knowledge/ matches and NLU did not tag: still a place, one we hold nothing for.
_UNKNOWN_NAME_AT_END = re.compile(r"\b(?:in|for|near)\s+([A-Z][a-z][\w'-]*(?:\s+(?:upon|on|under|le|[A-Z][a-z][\w'-]*)){0,3})\s*[?.!]*\s*$")
_NOT_A_PLACE_NAME = {"children's", "childrens", "children", "services", "social", "care", "early", "help", "family", "hub", "team",
                     "duty", "front", "door", "council", "school", "hospital", "nursery", "surgery", "practice", "safeguarding",
                     "police", "ambulance", "me", "you", "the"}


def place_resolution(tracker: Tracker) -> Optional[Resolution]:
    """The place the child lives in: named in this message (narrowing the place the last choices
    were about: "Newport", then "shropshire"), else what the conversation already established."""
    named = named_in_message(tracker)
    if named is not None:
        return shared.narrowed(shared.asked_about(tracker), named)
    area = tracker.get_slot("area")
    if not area:
        return None
    said = tracker.get_slot("place") or shared.knowledge_base().target_name(area)  # the words, never the id
    return Resolution("nation" if area in NATIONS else "found", said, area)


def named_in_message(tracker: Tracker) -> Optional[Resolution]:
    """The place this message names: from its words (NLU's `place` entities only say which mention
    is where the child lives and which is only where they are seen), else from a button's payload."""
    resolver = shared.place_resolver()
    message = tracker.latest_message
    text = message.get("text") or ""
    # NLU may tag a person's name as a place ("mum Kelly Brightwater"): such an entity is never looked up.
    people = [] if text.startswith("/") else not_places(text)
    entities = [e for e in message.get("entities", []) if e.get("entity") == "place"
                and not (e.get("start") is not None and e.get("end") is not None and overlaps((e["start"], e["end"]), people))]
    mentions = [(mention, _role(mention, entities)) for mention in resolver.mentioned_in(text)]
    lives = [mention for mention, role in mentions if role != "seen"]
    if lives or mentions:
        return resolver.the_childs(text, lives or [mention for mention, _ in mentions])
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
    named = _UNKNOWN_NAME_AT_END.search(text)
    if named and not set(named.group(1).lower().split()) & _NOT_A_PLACE_NAME:
        return resolver.resolve(named.group(1))  # "a number for Narnia": unknown, so the national route
    return None


def _every(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _every(sub)


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


def in_concern_form(tracker: Tracker) -> bool:
    return tracker.active_loop.get("name") == CONCERN_FORM


def situation_now(tracker: Tracker, default: Situation) -> Situation:
    """999 stays first when danger was said or unsure during the guided questions."""
    return Situation.IMMEDIATE_DANGER if tracker.get_slot("in_danger") in ("yes", "unsure") else default


def shaped_route(tracker: Tracker, area_id: Optional[str], situation: Situation) -> Route:
    said = listening.heard(tracker)
    return route_for(shared.knowledge_base(), area_id, situation, shared.now(), audience=listening.audience_for(tracker, said),
                     out_of_hours=listening.out_of_hours_for(tracker, said), group=listening.group_for(tracker, said))


class LocalAnswer(Action):
    """Shared steps: resolve the area, handle missing/unknown/ambiguous, then `answer`."""

    kind = ""
    intent = ""  # the intent whose rule runs this answer: NLU's runner-up when it was unsure
    concept = ""  # the defined term (knowledge/guidance/concepts.yml) this answer is the local form of

    def name(self) -> Text:
        return f"action_answer_{self.kind}"

    @staticmethod
    def of_kind(kind: Optional[str]) -> Type["LocalAnswer"]:
        """The answer waiting for a place, by its kind ("contact", "talk", "lado"…)."""
        return next((cls for cls in _every(LocalAnswer) if cls.kind == kind), ActionAnswerContact)

    @staticmethod
    def of_intent(intent: Optional[str]) -> Optional[Type["LocalAnswer"]]:
        return next((cls for cls in _every(LocalAnswer) if intent and cls.intent == intent), None)

    @staticmethod
    def of_concept(concept: Optional[str]) -> Optional[Type["LocalAnswer"]]:
        """The local answer to a defined term asked about with a place ("the threshold in surrey")."""
        return next((cls for cls in _every(LocalAnswer) if concept and cls.concept == concept), None)

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        audience = listening.audience_for(tracker)
        if self.kind != "after_danger" and audience is Audience.CHILD:
            return await ActionChildHelp().run(dispatcher, tracker, domain)
        if self.kind in FAMILY_QUESTIONS and audience is Audience.PARENT:
            return await ActionParentHelp().run(dispatcher, tracker, domain)
        kb = shared.knowledge_base()
        self.first(dispatcher, tracker, domain)
        result = place_resolution(tracker)
        said_hours = [SlotSet("said_out_of_hours", True)] if listening.heard(tracker).out_of_hours else []
        asked = self.pending_kind(tracker)
        if result is None:
            self.without_place(dispatcher, tracker, domain)
            return [SlotSet("pending_question", asked)] + said_hours
        if result.status == "ambiguous":
            shared.offer_choices(dispatcher, result, lambda name: f'/inform_place{{"place": "{name}"}}')
            return [SlotSet("pending_question", asked), SlotSet(shared.ASKED_SLOT, result.matched)] + said_hours
        # The question stays pending outside the guided questions, so naming another place ("not
        # right? tell me another place") answers it again for that place.
        pending = None if in_concern_form(tracker) else asked
        if result.status in ("unknown", "nation"):
            events = self.unknown_place(dispatcher, tracker, domain, result) or []
            return [SlotSet("pending_question", pending), SlotSet("area", result.area_id if result.status == "nation" else None),
                    *said_hours, *events]
        area = kb.area(result.area_id)
        shared.say_understood(dispatcher, result)
        seen = seen_elsewhere_note(tracker, area.id)
        if seen:
            dispatcher.utter_message(response="utter_child_lives_here", seen=seen, council=area.name)
        events = self.answer(dispatcher, tracker, area, domain) or []
        events += [SlotSet("area", area.id), SlotSet("pending_question", pending)] + said_hours
        if in_concern_form(tracker) and tracker.get_slot("place") is None:
            events.append(SlotSet("place", result.matched or result.query))
        return events

    def pending_kind(self, tracker: Tracker) -> str:
        """What the question waiting for a place is, as `pending_question` keeps it (its kind)."""
        return self.kind

    def first(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> None:
        """Said before the place is looked at (nothing by default)."""

    def without_place(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> None:
        """No place yet: ask for it (during the guided questions the form asks it next)."""
        dispatcher.utter_message(response="utter_need_place_first" if in_concern_form(tracker) else "utter_ask_place")

    def unknown_place(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any],
                      result: Resolution) -> Optional[List[Dict[Text, Any]]]:
        """A place in no English council we know (the national route) or in another nation (its
        route); returns the events of the "Was this right?" prompt."""
        kb = shared.knowledge_base()
        nation = result.status == "nation"
        route = shaped_route(tracker, result.area_id if nation else None, Situation.SIGNIFICANT_HARM)
        if nation:
            dispatcher.utter_message(response="utter_nation_route", place=result.query, nation=kb.target_name(result.area_id),
                                     route=render.route_text(kb, route))
        else:
            dispatcher.utter_message(response="utter_place_unknown", place=result.query, route=render.route_text(kb, route))
        return offer_feedback(dispatcher, tracker, [step.contact for step in route.steps])

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, area, domain: Dict[Text, Any]) -> Optional[List[Dict[Text, Any]]]:
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


# `pending_question` for "just the number" asked before the place was known.
NUMBERS_ONLY = "numbers"


class ActionAnswerContact(LocalAnswer):
    """Who to call: the route with each line's details, or, asked for "just the number", only the
    numbers to call (what to call now first) with their warnings and sources."""

    kind = "contact"
    intent = "ask_contact"
    concept = "mash"

    def pending_kind(self, tracker: Tracker) -> str:
        return NUMBERS_ONLY if wants_only_the_number(listening.text_of(tracker)) else self.kind

    def answer(self, dispatcher, tracker, area, domain):
        kb = shared.knowledge_base()
        route = shaped_route(tracker, area.id, situation_now(tracker, Situation.SIGNIFICANT_HARM))
        if self.pending_kind(tracker) == NUMBERS_ONLY or tracker.get_slot("pending_question") == NUMBERS_ONLY:
            dispatcher.utter_message(response="utter_numbers_only", council=area.name, numbers=render.numbers_text(kb, route))
            return offer_feedback(dispatcher, tracker, render.distinct_numbers(route))
        dispatcher.utter_message(response=contact_answer(route.audience), council=area.name,
                                 route=render.route_text(kb, route, with_999=False))
        if not in_concern_form(tracker):
            dispatcher.utter_message(response="utter_offer_questions")
        return offer_feedback(dispatcher, tracker, [step.contact for step in route.steps])


def contact_answer(audience: Audience) -> str:
    """The answer around a route: a professional is reminded the decision is theirs and their
    lead's; a parent, relative, neighbour or child has no lead, and is told they needn't be sure."""
    return "utter_contact_answer_public" if audience in PLAIN_AUDIENCES else "utter_contact_answer"


class ActionAnswerOutOfHours(LocalAnswer):
    """The out-of-hours line first, the front door for office hours. Only for a message that asks
    about out of hours: one that names the team or out of hours, says it is out of hours, or
    names the place for an out-of-hours question waiting for it. The classifier also guesses this
    question from words that name neither ("leeds childrens social care" at 13:35): that is a
    question of who to call, answered by the clock, the front door first in its hours."""

    kind = "out_of_hours"
    intent = "ask_out_of_hours"
    concept = "edt"

    def asked(self, tracker: Tracker) -> bool:
        if tracker.get_slot("pending_question") == self.kind or listening.out_of_hours_for(tracker):
            return True
        team = next((item for item in shared.knowledge_base().concepts() if item.id == self.concept), None)
        return team is None or named_in(team, listening.text_of(tracker))

    def pending_kind(self, tracker: Tracker) -> str:
        return self.kind if self.asked(tracker) else ActionAnswerContact().pending_kind(tracker)

    def answer(self, dispatcher, tracker, area, domain):
        if not self.asked(tracker):
            return ActionAnswerContact().answer(dispatcher, tracker, area, domain)
        kb = shared.knowledge_base()
        edt, door = contact(area, "out_of_hours"), contact(area, "front_door")
        if edt is None or door is None:  # a line missing: the full route says what there is, and where to look
            route = shaped_route(tracker, area.id, situation_now(tracker, Situation.SIGNIFICANT_HARM))
            text = render.route_text(kb, route, with_999=False)
            dispatcher.utter_message(response="utter_no_out_of_hours" if edt is None else contact_answer(route.audience),
                                     council=area.name, contact=text, route=text)
            return offer_feedback(dispatcher, tracker, [step.contact for step in route.steps])
        dispatcher.utter_message(response="utter_out_of_hours_answer", council=area.name,
                                 contact=render.contact_text(kb, edt, owner=area), door=render.contact_text(kb, door, owner=area))
        return offer_feedback(dispatcher, tracker, [edt, door])


class DocumentAnswer:
    """An area's threshold document or neglect toolkit, with its sources (`utter_<kind>_answer`), or
    that none is held (`utter_no_<kind>`): one answer for both kinds of document."""

    kind = ""
    # kind -> (the area's field, the response's blank, how the document is worded)
    DOCUMENTS = {"threshold": ("threshold", "document", render.threshold_text),
                 "toolkit": ("neglect_toolkit", "toolkit", render.toolkit_text)}

    def answer(self, dispatcher, tracker, area, domain):
        field, blank, words = self.DOCUMENTS[self.kind]
        if getattr(area, field) is None:
            dispatcher.utter_message(response=f"utter_no_{self.kind}", council=area.name)
        else:
            dispatcher.utter_message(response=f"utter_{self.kind}_answer", council=area.name, **{blank: words(shared.knowledge_base(), area)})


class ActionAnswerThreshold(DocumentAnswer, LocalAnswer):
    kind = "threshold"
    intent = "ask_threshold"
    concept = "threshold"


class ActionAnswerEscalation(LocalAnswer):
    """Escalation in every area: the local procedure, or the partnership's manual and the general
    stages, the front door and a checklist; no "talk to your DSL" to a DSL."""

    kind = "escalation"
    intent = "ask_escalation"
    concept = "escalation"

    def answer(self, dispatcher, tracker, area, domain):
        kb = shared.knowledge_base()
        if tracker.get_slot("escalation_given") == area.id:  # asked again: the procedure and the number, not it all again
            dispatcher.utter_message(response="utter_escalation_again", council=area.name,
                                     procedure=render.escalation_in_short(kb, area), door=render.front_door_in_short(kb, area))
            return []
        route = shaped_route(tracker, area.id, Situation.DISAGREEMENT)
        dispatcher.utter_message(response="utter_escalation_answer", council=area.name, route=render.route_text(kb, route))
        return [SlotSet("escalation_given", area.id)]


class ActionAnswerToolkit(DocumentAnswer, LocalAnswer):
    kind = "toolkit"
    intent = "ask_toolkit"


class ActionAnswerWhichTool(LocalAnswer):
    kind = "which_tool"
    intent = "which_tool"

    def answer(self, dispatcher, tracker, area, domain):
        kb = shared.knowledge_base()
        if area.neglect_toolkit is None:
            dispatcher.utter_message(response="utter_no_toolkit", council=area.name)
            return
        age_words = next((str(e.get("value")) for e in tracker.latest_message.get("entities", []) if e.get("entity") in ("age", "age_group")), None)
        age = age_from(age_words) if age_words else age_from(tracker.latest_message.get("text"))
        if age is None and tracker.get_slot("child_age") not in (None, "(skipped)"):
            age = age_from(tracker.get_slot("child_age"))
        if age is None:
            dispatcher.utter_message(response="utter_toolkit_answer", council=area.name, toolkit=render.toolkit_text(kb, area))
            dispatcher.utter_message(response="utter_ask_age_for_tool")
            return
        fits, general, between = render.tools_for_age(kb, area, age)
        if not fits:
            dispatcher.utter_message(response="utter_no_tool_for_age", council=area.name, toolkit=render.toolkit_text(kb, area, general))
            return
        dispatcher.utter_message(response="utter_tools_between_stages" if between else "utter_tools_for_age", council=area.name,
                                 toolkit=render.toolkit_text(kb, area, fits, others=general))


class ActionTalkToSomeone(LocalAnswer):
    """A person to talk it through with: the safeguarding lead (unless they are one), the area's
    consultation or advice line, the NSPCC helpline. Given at once; the local line once the
    place is known."""

    kind = "talk"
    intent = "talk_to_someone"

    def name(self) -> Text:
        return "action_talk_to_someone"

    def without_place(self, dispatcher, tracker, domain) -> None:
        self._people(dispatcher, tracker, domain, None)
        if not in_concern_form(tracker):
            dispatcher.utter_message(response="utter_talk_where")

    def unknown_place(self, dispatcher, tracker, domain, result) -> None:
        self._people(dispatcher, tracker, domain, None)
        dispatcher.utter_message(response="utter_talk_no_local_line", place=result.matched or result.query)

    def answer(self, dispatcher, tracker, area, domain):
        self._people(dispatcher, tracker, domain, area)

    @staticmethod
    def _people(dispatcher, tracker, domain, area) -> None:
        kb = shared.knowledge_base()
        route = talk_route(kb, area.id if area else None, shared.now(), listening.audience_for(tracker), listening.group_for(tracker))
        dispatcher.utter_message(response="utter_talk_to_someone", route=render.route_text(kb, route))


class ActionAnswerLado(LocalAnswer):
    """What a LADO is, and the area's LADO contact where recorded; otherwise where to find it."""

    kind = "lado"
    intent = "ask_lado"
    concept = "lado"

    def first(self, dispatcher, tracker, domain) -> None:
        if listening.intent_of(tracker) == "ask_lado":
            concept = shared.knowledge_base().concept("lado")
            dispatcher.utter_message(response="utter_concept", name=concept.name, short=concept.short,
                                     source=render.citation(shared.knowledge_base(), concept))

    def without_place(self, dispatcher, tracker, domain) -> None:
        dispatcher.utter_message(response="utter_lado_where")

    def unknown_place(self, dispatcher, tracker, domain, result) -> None:
        dispatcher.utter_message(response="utter_no_lado_unknown_place", place=result.matched or result.query)

    def answer(self, dispatcher, tracker, area, domain):
        kb = shared.knowledge_base()
        lado = contact(area, "lado")
        if lado is None:
            dispatcher.utter_message(response="utter_no_lado", council=area.name, partnership=area.partnership or area.name)
            return
        dispatcher.utter_message(response="utter_lado_answer", council=area.name, contact=render.contact_text(kb, lado, owner=area))


class ActionParentHelp(LocalAnswer):
    """A parent or carer asking for help for their own family: the council's early help or family
    hub route, their health visitor, GP or school, and the NSPCC, in plain words, with the fear
    that asking means losing the children answered; never the professionals' questions. The
    conversation stays a parent's, as a child's does: what they ask next is answered for them."""

    kind = "parent"

    def name(self) -> Text:
        return "action_parent_help"

    async def run(self, dispatcher, tracker, domain):
        role = [] if tracker.get_slot("reporter_role") else [SlotSet("reporter_role", PARENT_ROLE)]
        return role + await super().run(dispatcher, tracker, domain)

    def without_place(self, dispatcher, tracker, domain) -> None:
        self._help(dispatcher, domain, None)
        dispatcher.utter_message(response="utter_parent_where")

    def unknown_place(self, dispatcher, tracker, domain, result) -> None:
        self._help(dispatcher, domain, None)

    def answer(self, dispatcher, tracker, area, domain):
        self._help(dispatcher, domain, area)

    @staticmethod
    def _help(dispatcher, domain, area) -> None:
        kb = shared.knowledge_base()
        route = family_route(kb, area.id if area else None, shared.now())
        dispatcher.utter_message(response="utter_parent_help", route=render.route_text(kb, route))


class ActionChildHelp(Action):
    """A child or young person asking for help: 999 and Childline first, in short plain words; no
    questions. Numbers from the knowledge base. The conversation stays a child's: whatever they
    ask next ("can I call someone near me? I live in Bolton", "ok") gets the same help, with their
    council's children's services when the place is known, never the professionals' answers."""

    def name(self) -> Text:
        return "action_child_help"

    async def run(self, dispatcher, tracker, domain):
        kb = shared.knowledge_base()
        childline = kb.national_contact("childline").phone
        dispatcher.utter_message(response="utter_child_help", emergency=kb.national_contact("emergency").phone, childline=childline)
        result = place_resolution(tracker)
        role = [] if tracker.get_slot("reporter_role") else [SlotSet("reporter_role", CHILD_ROLE)]
        if result is not None and result.status == "nation":  # Wales, Scotland, Northern Ireland: no English council's number
            dispatcher.utter_message(response="utter_child_nation", nation=kb.target_name(result.area_id), childline=childline)
            return role + [SlotSet("area", result.area_id)]
        area = kb.area(result.area_id) if result is not None and result.status == "found" else None
        door = contact(area, "front_door") if area else None
        if door is not None:
            dispatcher.utter_message(response="utter_child_council", council=area.name,
                                     contact=render.contact_text(kb, door, owner=area, plain=True))
        return role + ([SlotSet("area", area.id)] if area else [])


class ActionAnswerPending(Action):
    """The user has just named a place: answer the question that was waiting for it."""

    def name(self) -> Text:
        return "action_answer_pending"

    async def run(self, dispatcher, tracker, domain):
        return await LocalAnswer.of_kind(tracker.get_slot("pending_question") or "contact")().run(dispatcher, tracker, domain)


class ActionAfterDanger(LocalAnswer):
    """After the 999 advice (a rule utters it first, so it goes out even if actions are down): the
    front door for the place named, with 999 still first; asked for the place otherwise."""

    kind = "after_danger"

    def name(self) -> Text:
        return "action_after_danger"

    def answer(self, dispatcher, tracker, area, domain):
        kb = shared.knowledge_base()
        route = shaped_route(tracker, area.id, Situation.IMMEDIATE_DANGER)
        dispatcher.utter_message(response="utter_after_danger", council=area.name, route=render.route_text(kb, route))


class ActionFallback(Action):
    """Replaces Rasa's default fallback (NLU unsure, or no rule or story fits). A message that
    names a place (a town NLU never saw, a postcode, "I'm a school nurse in Penzance, who do I
    call?" read as a role) is a local question: the waiting question, or who to call, is answered
    for that place. Anything else gets the usual "not sure I understood" (a parent's own examples
    for a parent), and the message is forgotten as Rasa's own fallback does, so it does not steer
    what comes next."""

    def name(self) -> Text:
        return "action_default_fallback"

    async def run(self, dispatcher, tracker, domain):
        text = tracker.latest_message.get("text") or ""
        audience = listening.audience_for(tracker)
        if audience is Audience.CHILD and not text.startswith("/"):
            # "ok", "i dont want to get mum in trouble": the child's help again, never "not understood".
            return [*await ActionChildHelp().run(dispatcher, tracker, domain), FollowupAction("action_listen")]
        named = None if text.startswith("/") else shared.place_resolver().find(text)
        if named is not None and in_concern_form(tracker) and tracker.get_slot("area"):
            # A place named during the questions when one is already given ("actually its rochdale
            # not oldham"): the form reads it, and the questions go on.
            return [FollowupAction(CONCERN_FORM)]
        role = None if text.startswith("/") else role_mentioned(text) or job_title_alone(text)
        if named is None and role and audience not in (Audience.CHILD, Audience.PARENT):
            # "im a health visitor" on its own: kept (the questions will not ask it again) and the
            # way on offered, never "not sure I understood".
            dispatcher.utter_message(response="utter_role_noted", role=role[0])
            return [FollowupAction("action_listen")]
        if named is None:
            # A parent is offered what a parent asks, never the professionals' examples.
            dispatcher.utter_message(response="utter_parent_default" if audience is Audience.PARENT else "utter_default")
            return [UserUtteranceReverted()]
        # The question waiting for a place, else the local question NLU put next ("what would the
        # threshold be in surrey", hedged with "hypothetically…"), else who to call.
        waiting = tracker.get_slot("pending_question")
        answer = LocalAnswer.of_kind(waiting) if waiting else _runner_up(tracker) or ActionAnswerContact
        # No rule or story follows this action with the answer given, so say plainly that the turn
        # is over; otherwise Rasa's core fallback predicts this action again and the answer repeats.
        return [*await answer().run(dispatcher, tracker, domain), FollowupAction("action_listen")]


def _runner_up(tracker: Tracker) -> Optional[Type[LocalAnswer]]:
    """The local answer for the intent NLU ranked first after its fallback, if it is a local question."""
    ranking = [entry.get("name") for entry in tracker.latest_message.get("intent_ranking") or [] if entry.get("name") != "nlu_fallback"]
    return LocalAnswer.of_intent(ranking[0]) if ranking else None

