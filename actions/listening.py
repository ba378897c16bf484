"""Listening, shared by every action: what the latest message says, who is asking, and whether a
message typed during the questions answers the question or asks something else.

The intents a form leaves to rules are the form's `ignored_intents` in the domain (one list,
also used by Rasa's own slot mappings); this module reads that same list.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker

from actions import shared
from bot.answers import looks_like_a_request
from bot.concern import DETAILS
from bot.details import Heard, hear
from bot.roles import Audience, audience_of

# Controls are never answers, however they are worded ("skip" has its own mapping to "(skipped)",
# or to "unsure" at the danger question).
CONTROLS = ("stop", "start_again", "skip", "change_answer", "summary_now", "explain_question")
# An ignored intent on a message this long that isn't phrased as a question is more likely an
# answer the model misread ("told the GP, not social care yet" read as "who do I call").
SHORT_REQUEST_WORDS = 8
AUDIENCE_INTENTS = {"child_seeking_help": Audience.CHILD, "parent_seeking_help": Audience.PARENT}


def text_of(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def intent_of(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


def heard(tracker: Tracker) -> Heard:
    """What the latest message says (role, place, age, danger, out of hours, concern). A place
    given as an entity (a button's payload) is taken as given."""
    entity = next((str(e.get("value")) for e in tracker.latest_message.get("entities") or [] if e.get("entity") == "place"), None)
    return hear(text_of(tracker), (lambda _: shared.place_words(entity) or entity) if entity else shared.place_words)


def ignored_intents(domain: Dict[str, Any], form: str) -> List[str]:
    return list(((domain.get("forms") or {}).get(form) or {}).get("ignored_intents") or [])


def is_interruption(intent: str, text: str, ignored: List[str]) -> bool:
    """The message asks for something else (the form's rules answer it) rather than answering."""
    if intent in CONTROLS:
        return True
    if intent not in ignored:
        return False
    return looks_like_a_request(text) or len(text.split()) <= SHORT_REQUEST_WORDS


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
    return audience_of(role) if role and role != "(skipped)" else Audience.PROFESSIONAL


def out_of_hours_for(tracker: Tracker, said: Optional[Heard] = None) -> bool:
    """The person has said it is out of hours, now or earlier in the conversation."""
    said = said or heard(tracker)
    return said.out_of_hours or bool(tracker.get_slot("said_out_of_hours"))
