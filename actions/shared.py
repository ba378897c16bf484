"""What every action module shares: the knowledge base, the place resolver and the clock.

Created on first use, so importing the actions (e.g. in tests) needs no database; tests
replace `knowledge_base` and `now` with fakes.
"""
from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache
from typing import Optional

from bot.knowledge.base import KnowledgeBase
from bot.office_hours import LONDON
from bot.places import PlaceResolver, Resolution

# A fixed clock for tests of time-dependent answers (e.g. "2026-11-25T20:30"; no zone = London).
CLOCK_VARIABLE = "ASSISTANT_CLOCK"


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    return KnowledgeBase()


@lru_cache(maxsize=1)
def place_resolver() -> PlaceResolver:
    return PlaceResolver(knowledge_base().places)


def now() -> dt.datetime:
    """London time now, or the time ASSISTANT_CLOCK holds (an ISO datetime) when it is set."""
    fixed = os.environ.get(CLOCK_VARIABLE)
    if fixed:
        when = dt.datetime.fromisoformat(fixed)
        return when if when.tzinfo else when.replace(tzinfo=LONDON)
    return dt.datetime.now(LONDON)


def find_place(text: Optional[str]) -> Optional[Resolution]:
    """The place `text` names, or None: the whole text first ("Southampton", "SO14 2AB"), then
    any place mentioned in a sentence. The one door the listening code uses to the resolver."""
    if not text or not text.strip():
        return None
    resolver = place_resolver()
    result = resolver.resolve(text)
    if result.status != "unknown":
        return result
    return next(iter(resolver.mentioned_in(text)), None)


def place_words(text: Optional[str]) -> Optional[str]:
    """The name of the place `text` mentions, as the knowledge base spells it; None if none."""
    result = find_place(text)
    return (result.matched or result.query) if result else None


def place_answer(dispatcher, text: str):
    """A place typed as a form answer: (status, area) from the resolver, with the shared replies.

    Offers the choices when the name is ambiguous (the form then asks again) and says so when
    the place is served by another council; the caller says what a found or unknown area means
    for its own form. An unknown place gives no area: a neighbour's contacts are never guessed.
    """
    result = find_place(text) or Resolution("unknown", text)
    kb = knowledge_base()
    if result.status == "ambiguous":
        buttons = [{"title": kb.area(a).name, "payload": kb.area(a).name} for a in result.choices]
        buttons.append({"title": "Another council", "payload": "another council"})
        dispatcher.utter_message(response="utter_place_choices_form", place=text, note=result.note or "", buttons=buttons)
        return result.status, None
    if result.status in ("found", "elsewhere") and result.area_id:
        area = kb.area(result.area_id)
        if result.status == "elsewhere":
            dispatcher.utter_message(response="utter_place_redirect_form", place=result.matched, council=area.name)
        return result.status, area
    return "unknown", None
