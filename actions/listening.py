"""Listening, shared by every action: what the latest message says, who is asking, and whether a
message typed during the questions answers the question or asks something else.

The intents a form leaves to rules are the form's `ignored_intents` in the domain (one list,
also used by Rasa's own slot mappings); this module reads that same list.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker

from actions import shared
from bot.answers import looks_like_a_request, says_a_command
from bot.concern import DETAILS, KEY_QUESTIONS, SKIPPED
from bot.details import Heard, hear, writes_as_a_child
from bot.roles import DEFAULT_GROUP, Audience, audience_of, group_of, role_mentioned

# Controls are never answers, however they are worded ("skip" has its own mapping to "(skipped)",
# or to "unsure" at the danger question).
CONTROLS = ("stop", "start_again", "delete_conversation", "skip", "change_answer", "summary_now", "explain_question")
# An ignored intent on a message this long that isn't phrased as a question is more likely an
# answer the model misread ("told the GP, not social care yet" read as "who do I call").
SHORT_REQUEST_WORDS = 8
AUDIENCE_INTENTS = {"child_seeking_help": Audience.CHILD, "parent_seeking_help": Audience.PARENT}
_MY_FAMILY = re.compile(r"\bmy (own )?(kids|children|child|son|daughter|baby|toddler|family|teenager|little ones?|grandchildren)\b",
                        re.IGNORECASE)


def text_of(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def intent_of(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


def heard(tracker: Tracker) -> Heard:
    """What the latest message says (role, place, age, danger, out of hours, concern). A place
    given as an entity in a button's payload is taken as given; in words, the resolver reads where
    the child lives among the places named (the model's first place may be the writer's
    workplace), and the model's place is kept for words the resolver does not know."""
    entity = next((str(e.get("value")) for e in tracker.latest_message.get("entities") or [] if e.get("entity") == "place"), None)
    text = text_of(tracker)
    if not entity:
        return hear(text, shared.place_words)
    given = shared.place_words(entity) or entity
    return hear(text, lambda words: (None if text.startswith("/") else shared.place_words(words)) or given)


def ignored_intents(domain: Dict[str, Any], form: str) -> List[str]:
    return list(((domain.get("forms") or {}).get(form) or {}).get("ignored_intents") or [])


def is_interruption(intent: str, text: str, ignored: List[str], requested: Optional[str] = None) -> bool:
    """The message asks for something else (the form's rules answer it) rather than answering.

    Controls are, unless a question answered in the person's own words gets words about someone
    else ("mum deleted the messages from school"). A child or parent asking for help must say so in the first person ("I'm
    14", "my kids"): a professional's answer about a hungry child is not a child asking. At a
    question answered in the person's own words only a question or request interrupts; at a short
    question a short message does too.
    """
    if intent in CONTROLS:
        # At a question answered in the person's own words, only a command to the assistant is
        # one: "she said she wants it all to stop" is an answer, never the end of the questions.
        return requested not in KEY_QUESTIONS or says_a_command(text)
    if intent not in ignored:
        return False
    if intent in AUDIENCE_INTENTS:
        return speaks_for_themselves(AUDIENCE_INTENTS[intent], text)
    if requested in KEY_QUESTIONS:
        return looks_like_a_request(text)
    return looks_like_a_request(text) or len(text.split()) <= SHORT_REQUEST_WORDS


def speaks_for_themselves(audience: Audience, text: str) -> bool:
    """A child about their own home, or a parent or carer about their own family, in their own words."""
    if audience is Audience.CHILD:
        return writes_as_a_child(text)
    said = role_mentioned(text)
    return bool(said and said[1] is Audience.PARENT) or bool(_MY_FAMILY.search(text))


def answers_a_detail(intent: str, requested: Optional[str], answer: Dict[str, Any], text: str) -> bool:
    """A short statement that answers the detail asked for ("I'm the DSL" at the role question),
    whatever intent the model gave it; controls and questions are never answers."""
    return intent not in CONTROLS and requested in DETAILS and bool(answer) and not looks_like_a_request(text)


def audience_for(tracker: Tracker, said: Optional[Heard] = None) -> Audience:
    """Who is asking: from this message (intent, role said), else the role given earlier."""
    said = said or heard(tracker)
    if intent_of(tracker) in AUDIENCE_INTENTS:
        return AUDIENCE_INTENTS[intent_of(tracker)]
    if said.audience:
        return said.audience
    role = tracker.get_slot("reporter_role")
    return audience_of(role) if role and role != SKIPPED else Audience.PROFESSIONAL


def group_for(tracker: Tracker, said: Optional[Heard] = None) -> str:
    """Whose safeguarding lead the writer goes to (bot/roles.py groups): from the role said in this
    message, else the role given earlier."""
    role = (said or heard(tracker)).role or tracker.get_slot("reporter_role")
    return group_of(role) if role and role != SKIPPED else DEFAULT_GROUP


def out_of_hours_for(tracker: Tracker, said: Optional[Heard] = None) -> bool:
    """The person has said it is out of hours, now or earlier in the conversation."""
    said = said or heard(tracker)
    return said.out_of_hours or bool(tracker.get_slot("said_out_of_hours"))
